//! Tokens over folded text, and the parser that reads date expressions from them.

use std::collections::HashMap;
use std::hash::{BuildHasherDefault, Hasher};
use std::sync::LazyLock;

use aho_corasick::AhoCorasick;
use chrono::{Datelike, NaiveDate, Weekday};

use crate::fold::Folded;
use crate::resolve::{self, Which, YearRef};
use crate::tables::{self, Form, Lex, Mod, Unit};
use crate::{DateKind, Resolution, UnresolvedReason};

/// FNV-1a: the lexicon's keys are short and not attacker-chosen, and the default SipHash
/// showed up in profiles.
#[derive(Default)]
struct Fnv(u64);

impl Hasher for Fnv {
    fn finish(&self) -> u64 {
        self.0
    }

    fn write(&mut self, bytes: &[u8]) {
        let mut h = if self.0 == 0 {
            0xcbf2_9ce4_8422_2325
        } else {
            self.0
        };
        for &b in bytes {
            h = (h ^ u64::from(b)).wrapping_mul(0x0100_0000_01b3);
        }
        self.0 = h;
    }
}

type FnvMap<K, V> = HashMap<K, V, BuildHasherDefault<Fnv>>;

/// Folded word → role.
static LEXICON: LazyLock<FnvMap<&'static str, Lex>> =
    LazyLock::new(|| tables::all_words().collect());

/// Longest key in bytes (with the longest proclitic, the longest word worth looking up).
static MAX_WORD: LazyLock<usize> =
    LazyLock::new(|| tables::all_words().map(|(w, _)| w.len()).max().unwrap_or(0) + "ولل".len());

/// Quick reject: a segment with no digit and none of these words holds no date expression
/// (every expression the parser reads contains a digit or one of these head words).
static HEADS: LazyLock<AhoCorasick> = LazyLock::new(|| {
    let heads: Vec<&str> = tables::all_words()
        .filter(|(_, lex)| lex.is_head())
        .map(|(w, _)| w)
        .collect();
    AhoCorasick::new(heads).expect("head words build an automaton")
});

/// Proclitics tried, longest first, when a whole word is not in the lexicon.
const PROCLITICS: &[&str] = &["وب", "ول", "فب", "فل", "وك", "و", "ف", "ب", "ل", "ك"];

/// Whether `folded` may hold a date expression.
pub(crate) fn may_contain_date(folded: &str) -> bool {
    folded.bytes().any(|b| b.is_ascii_digit()) || HEADS.is_match(folded)
}

#[derive(Clone, Copy, Debug)]
pub(crate) enum TokKind {
    /// A run of letters; `clitic` is the byte length of a proclitic split off before the
    /// known word `lex` (0 if the whole word is known or unknown).
    Word { lex: Option<Lex>, clitic: usize },
    /// A run of ASCII digits (after folding); `value` saturates.
    Num { value: u32, digits: usize },
    /// Any other non-space char.
    Punct(char),
}

#[derive(Clone, Copy, Debug)]
pub(crate) struct Tok {
    /// Folded byte offsets.
    pub(crate) start: usize,
    pub(crate) end: usize,
    pub(crate) kind: TokKind,
}

fn lookup(word: &str) -> Option<(Lex, usize)> {
    if word.len() > *MAX_WORD {
        return None;
    }
    if let Some(&lex) = LEXICON.get(word) {
        return Some((lex, 0));
    }
    // Every proclitic starts with و ف ب ل ك.
    if !word.starts_with(['و', 'ف', 'ب', 'ل', 'ك']) {
        return None;
    }
    // ل before the article merges with it: للعام = ل + العام, ولليوم = و + ل + اليوم.
    for prefix in ["ولل", "فلل", "لل"] {
        if let Some(rest) = word.strip_prefix(prefix) {
            let mut buf = [0u8; 96];
            let stem = "ال".as_bytes();
            if rest.len() + stem.len() <= buf.len() {
                buf[..stem.len()].copy_from_slice(stem);
                buf[stem.len()..stem.len() + rest.len()].copy_from_slice(rest.as_bytes());
                let joined = std::str::from_utf8(&buf[..stem.len() + rest.len()]).ok()?;
                if let Some(&lex) = LEXICON.get(joined) {
                    // The span keeps the second ل (the article's), so it starts after the
                    // conjunction only.
                    return Some((lex, prefix.len() - "لل".len()));
                }
            }
        }
    }
    for prefix in PROCLITICS {
        if let Some(rest) = word.strip_prefix(prefix) {
            if rest.chars().nth(1).is_none() {
                continue;
            }
            if let Some(&lex) = LEXICON.get(rest) {
                // لامس ("touched") and كامس are not ل/ك + أمس.
                if lex == Lex::Yesterday && (prefix.ends_with('ل') || prefix.ends_with('ك')) {
                    return None;
                }
                return Some((lex, prefix.len()));
            }
        }
    }
    None
}

/// Letters of a word: Arabic letters first (the common case), then anything alphabetic.
fn is_letter(c: char) -> bool {
    match c {
        '\u{0621}'..='\u{063A}' | '\u{0641}'..='\u{064A}' => true,
        c if c.is_ascii() => c.is_ascii_alphabetic(),
        c => c.is_alphabetic(),
    }
}

/// Splits folded text into tokens (spaces dropped), appending to `out`.
pub(crate) fn tokenize(text: &str, out: &mut Vec<Tok>) {
    out.clear();
    let mut chars = text.char_indices().peekable();
    while let Some((start, c)) = chars.next() {
        if c == ' ' {
            continue;
        }
        let mut end = start + c.len_utf8();
        let kind = if c.is_ascii_digit() {
            let mut value = u64::from(c as u8 - b'0');
            while let Some(&(i, d)) = chars.peek() {
                if !d.is_ascii_digit() {
                    break;
                }
                value = (value * 10 + u64::from(d as u8 - b'0')).min(u64::from(u32::MAX));
                end = i + 1;
                chars.next();
            }
            TokKind::Num {
                value: value as u32,
                digits: end - start,
            }
        } else if is_letter(c) {
            while let Some(&(i, d)) = chars.peek() {
                if !is_letter(d) {
                    break;
                }
                end = i + d.len_utf8();
                chars.next();
            }
            let word = &text[start..end];
            let (lex, clitic) = if c.is_ascii() {
                (None, 0)
            } else {
                match lookup(word) {
                    Some((lex, clitic)) => (Some(lex), clitic),
                    None => (None, 0),
                }
            };
            TokKind::Word { lex, clitic }
        } else {
            TokKind::Punct(c)
        };
        out.push(Tok { start, end, kind });
    }
}

/// One expression read from the tokens.
#[derive(Clone, Debug)]
pub(crate) struct Hit {
    /// First token.
    pub(crate) start: usize,
    /// One past the last token.
    pub(crate) end: usize,
    pub(crate) kind: DateKind,
    pub(crate) resolution: Resolution,
    /// For a full calendar date with a day: which calendar it was written in.
    calendar: Option<Calendar>,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Calendar {
    Gregorian,
    Hijri,
}

/// Reads date expressions from the tokens of one folded segment.
pub(crate) struct Parser<'a> {
    pub(crate) toks: &'a [Tok],
    pub(crate) folded: &'a Folded,
    /// The raw segment the folded text came from.
    pub(crate) raw: &'a str,
    pub(crate) anchor: Option<NaiveDate>,
}

fn is_year(value: u32, digits: usize) -> bool {
    digits == 4 && (1000..=2999).contains(&value)
}

fn is_day(value: u32, digits: usize) -> bool {
    digits <= 2 && (1..=31).contains(&value)
}

impl Parser<'_> {
    /// Every expression, in order, non-overlapping; at each token the longest reading wins.
    pub(crate) fn parse(&self, out: &mut Vec<Hit>) {
        let mut i = 0;
        while i < self.toks.len() {
            match self.at(i) {
                Some(hit) => {
                    i = hit.end;
                    out.push(hit);
                }
                None => i += 1,
            }
        }
    }

    /// The folded byte range of a hit (without a leading proclitic).
    pub(crate) fn folded_range(&self, hit: &Hit) -> (usize, usize) {
        let first = &self.toks[hit.start];
        let clitic = match first.kind {
            TokKind::Word { clitic, .. } => clitic,
            _ => 0,
        };
        (first.start + clitic, self.toks[hit.end - 1].end)
    }

    fn at(&self, i: usize) -> Option<Hit> {
        let candidates = [
            self.boundary(i),
            self.calendar_date(i, true),
            self.numeric(i),
            self.year_expr(i, true),
            self.relative(i),
            self.weekday(i),
        ];
        let mut best: Option<Hit> = None;
        for hit in candidates.into_iter().flatten() {
            if best.as_ref().map_or(true, |b| hit.end > b.end) {
                best = Some(hit);
            }
        }
        let hit = best?;
        Some(self.muwafiq(hit))
    }

    // ---- token accessors -------------------------------------------------------------

    /// The role of token `i`, if it is a known word; with a proclitic only when `first`.
    fn lex_c(&self, i: usize, first: bool) -> Option<Lex> {
        match self.toks.get(i)?.kind {
            TokKind::Word { lex, clitic } if clitic == 0 || first => lex,
            _ => None,
        }
    }

    fn lex(&self, i: usize) -> Option<Lex> {
        self.lex_c(i, false)
    }

    /// The folded text of word `i` (without its proclitic).
    fn stem(&self, i: usize) -> Option<&str> {
        let tok = self.toks.get(i)?;
        match tok.kind {
            TokKind::Word { clitic, .. } => Some(&self.folded.text[tok.start + clitic..tok.end]),
            _ => None,
        }
    }

    /// The folded text of word `i`, only if it has no proclitic.
    fn word(&self, i: usize) -> Option<&str> {
        let tok = self.toks.get(i)?;
        match tok.kind {
            TokKind::Word { clitic: 0, .. } => Some(&self.folded.text[tok.start..tok.end]),
            _ => None,
        }
    }

    fn num(&self, i: usize) -> Option<(u32, usize)> {
        match self.toks.get(i)?.kind {
            TokKind::Num { value, digits } => Some((value, digits)),
            _ => None,
        }
    }

    fn punct(&self, i: usize) -> Option<char> {
        match self.toks.get(i)?.kind {
            TokKind::Punct(c) => Some(c),
            _ => None,
        }
    }

    fn hit(&self, start: usize, end: usize, kind: DateKind, resolution: Resolution) -> Hit {
        Hit {
            start,
            end,
            kind,
            resolution,
            calendar: None,
        }
    }

    fn anchored(&self, f: impl FnOnce(NaiveDate) -> Resolution) -> Resolution {
        match self.anchor {
            Some(a) => f(a),
            None => resolve::unresolved(UnresolvedReason::NoAnchor),
        }
    }

    // ---- month names -----------------------------------------------------------------

    /// A Gregorian month name at `j`: (month, ambiguous, end).
    fn gregorian_month_at(&self, j: usize, first: bool) -> Option<(u8, bool, usize)> {
        match self.lex_c(j, first)? {
            Lex::GregorianMonth { month, ambiguous } => Some((month, ambiguous, j + 1)),
            Lex::GregorianHead => {
                let head = self.stem(j)?;
                let tail = self.word(j + 1)?;
                tables::GREGORIAN_COMPOUNDS
                    .iter()
                    .find(|(h, t, _)| *h == head && *t == tail)
                    .map(|&(_, _, m)| (m, false, j + 2))
            }
            _ => None,
        }
    }

    /// A Gregorian month with an optional double: حزيران/يونيو, يونيو (حزيران).
    fn gregorian_month_slot(&self, j: usize, first: bool) -> Option<(u8, bool, usize)> {
        let (m, ambiguous, k) = self.gregorian_month_at(j, first)?;
        match self.punct(k) {
            Some('/' | '-' | '\\' | '|') => {
                if let Some((m2, amb2, k2)) = self.gregorian_month_at(k + 1, false) {
                    if m2 == m {
                        return Some((m, ambiguous && amb2, k2));
                    }
                }
            }
            Some('(' | '[') => {
                if let Some((m2, amb2, k2)) = self.gregorian_month_at(k + 1, false) {
                    if m2 == m && matches!(self.punct(k2), Some(')' | ']')) {
                        return Some((m, ambiguous && amb2, k2 + 1));
                    }
                }
            }
            _ => {}
        }
        Some((m, ambiguous, k))
    }

    /// A Hijri month name at `j`: (month, end).
    fn hijri_month_at(&self, j: usize, first: bool) -> Option<(u8, usize)> {
        match self.lex_c(j, first)? {
            Lex::HijriMonth(m) => Some((m, j + 1)),
            Lex::HijriHead => {
                let head = self.stem(j)?;
                let tail = self.word(j + 1)?;
                tables::HIJRI_COMPOUNDS
                    .iter()
                    .find(|(h, t, _)| *h == head && *t == tail)
                    .map(|&(_, _, m)| (m, j + 2))
            }
            _ => None,
        }
    }

    /// What names a year after "من" (أبريل من العام الماضي): (year, end).
    fn year_spec(&self, j: usize) -> Option<(YearRef, usize)> {
        match self.lex(j) {
            Some(Lex::Period(Unit::Year)) => {
                if let Some(Lex::Mod(m)) = self.lex(j + 1) {
                    let k = match m {
                        Mod::Past => -1,
                        Mod::Next => 1,
                        Mod::Current => 0,
                        Mod::Recent => return None,
                    };
                    return Some((YearRef::Rel(k), j + 2));
                }
                self.written_year(j + 1)
            }
            Some(Lex::Unit(Unit::Year, Form::One)) => self.written_year(j + 1),
            Some(Lex::This) => match self.lex(j + 1) {
                Some(Lex::Period(Unit::Year)) => Some((YearRef::Rel(0), j + 2)),
                _ => None,
            },
            _ => self.written_year(j),
        }
    }

    /// A four-digit Gregorian year at `j` with an optional "م": (year, end).
    fn written_year(&self, j: usize) -> Option<(YearRef, usize)> {
        let (y, digits) = self.num(j)?;
        if !is_year(y, digits) || self.lex(j + 1) == Some(Lex::HijriSuffix) {
            return None;
        }
        let end = if self.lex(j + 1) == Some(Lex::GregorianSuffix) {
            j + 2
        } else {
            j + 1
        };
        Some((YearRef::Abs(y as i32), end))
    }

    // ---- parsers ---------------------------------------------------------------------

    /// [day] [شهر] month [year | modifier | من year] in either calendar.
    fn calendar_date(&self, i: usize, first: bool) -> Option<Hit> {
        let mut j = i;
        let mut day = None;
        let mut shahr = false;
        if let Some((v, digits)) = self.num(j) {
            if !is_day(v, digits) {
                return None;
            }
            day = Some(v as u8);
            j += 1;
        } else if self.lex_c(j, first) == Some(Lex::Unit(Unit::Month, Form::One)) {
            shahr = true;
            j += 1;
        }
        let first = first && j == i;
        if let Some((m, ambiguous, k)) = self.gregorian_month_slot(j, first) {
            return self.gregorian_tail(i, day, shahr, m, ambiguous, k);
        }
        let (m, k) = self.hijri_month_at(j, first)?;
        self.hijri_tail(i, day, m, k)
    }

    fn gregorian_tail(
        &self,
        i: usize,
        day: Option<u8>,
        shahr: bool,
        m: u8,
        ambiguous: bool,
        k: usize,
    ) -> Option<Hit> {
        let (year_ref, end) = if let Some((y, end)) = self.written_year(k) {
            (y, end)
        } else if let Some(Lex::Mod(md)) = self.lex(k) {
            let y = match md {
                Mod::Past | Mod::Recent => YearRef::Past,
                Mod::Next => YearRef::Next,
                Mod::Current => YearRef::Rel(0),
            };
            (y, k + 1)
        } else if let Some((y, end)) = (self.lex(k) == Some(Lex::Min))
            .then(|| self.year_spec(k + 1))
            .flatten()
        {
            (y, end)
        } else {
            if day.is_none() && !shahr && ambiguous {
                return None;
            }
            (YearRef::Nearest, k)
        };
        let kind = match year_ref {
            YearRef::Abs(_) | YearRef::Nearest => DateKind::Absolute,
            _ => DateKind::Relative,
        };
        let resolution = resolve::gregorian(day, m, year_ref, self.anchor);
        let mut hit = self.hit(i, end, kind, resolution);
        if day.is_some() {
            hit.calendar = Some(Calendar::Gregorian);
        }
        Some(hit)
    }

    fn hijri_tail(&self, i: usize, day: Option<u8>, m: u8, k: usize) -> Option<Hit> {
        let (year, end) = match self.num(k) {
            Some((y, digits)) if is_year(y, digits) => {
                if self.lex(k + 1) == Some(Lex::GregorianSuffix) {
                    return None;
                }
                let end = if self.lex(k + 1) == Some(Lex::HijriSuffix) {
                    k + 2
                } else {
                    k + 1
                };
                (Some(y as i32), end)
            }
            _ if day.is_some() => (None, k),
            _ => return None,
        };
        let resolution = resolve::hijri(day, m, year, self.anchor);
        let mut hit = self.hit(i, end, DateKind::Hijri, resolution);
        if day.is_some() {
            hit.calendar = Some(Calendar::Hijri);
        }
        Some(hit)
    }

    /// 10/8/2015, 10-8-2015, 10.8.2015 (day first, the Arab convention; month first only
    /// when the middle number cannot be a month), 2015-08-10, 2015/8/10; "هـ" makes it Hijri.
    fn numeric(&self, i: usize) -> Option<Hit> {
        let (a, da) = self.num(i)?;
        let sep = self.punct(i + 1)?;
        if !matches!(sep, '/' | '-' | '.') {
            return None;
        }
        let (b, db) = self.num(i + 2)?;
        if self.punct(i + 3) != Some(sep) {
            return None;
        }
        let (c, dc) = self.num(i + 4)?;
        // Part of a longer chain (a version number, an IP address, a phone number)?
        let chained_before = i >= 2 && self.num(i - 2).is_some() && self.punct(i - 1) == Some(sep);
        let chained_after = self.punct(i + 5) == Some(sep) && self.num(i + 6).is_some();
        if chained_before || chained_after {
            return None;
        }
        let (y, m, d) = if da == 4 && db <= 2 && dc <= 2 {
            (a, b, c)
        } else if dc == 4 && da <= 2 && db <= 2 {
            if b > 12 && a <= 12 {
                (c, a, b)
            } else {
                (c, b, a)
            }
        } else {
            return None;
        };
        if !(1..=12).contains(&m) || !(1..=31).contains(&d) || !(1000..=2999).contains(&y) {
            return None;
        }
        let (m, d) = (m as u8, d as u8);
        let mut end = i + 5;
        let hijri = match self.lex(end) {
            Some(Lex::HijriSuffix) => {
                end += 1;
                true
            }
            Some(Lex::GregorianSuffix) => {
                end += 1;
                false
            }
            _ => false,
        };
        let mut hit = if hijri {
            let res = resolve::hijri(Some(d), m, Some(y as i32), None);
            self.hit(i, end, DateKind::Hijri, res)
        } else {
            let res = resolve::gregorian(Some(d), m, YearRef::Abs(y as i32), None);
            self.hit(i, end, DateKind::Numeric, res)
        };
        hit.calendar = Some(if hijri {
            Calendar::Hijri
        } else {
            Calendar::Gregorian
        });
        Some(hit)
    }

    /// عام 2025، العام 2025، سنة 2025، 2015م; العام الماضي، هذا العام, and the like for
    /// weeks and months.
    fn year_expr(&self, i: usize, first: bool) -> Option<Hit> {
        match self.lex_c(i, first) {
            Some(Lex::Unit(Unit::Year, Form::One)) | Some(Lex::Period(Unit::Year)) => {
                let (YearRef::Abs(y), end) = self.written_year(i + 1)? else {
                    return None;
                };
                Some(self.hit(i, end, DateKind::Absolute, resolve::year(y)))
            }
            Some(Lex::This) => {
                let Some(Lex::Period(unit)) = self.lex(i + 1) else {
                    return None;
                };
                Some(self.hit(i, i + 2, DateKind::Relative, self.current(unit)))
            }
            None => {
                let (y, digits) = self.num(i)?;
                if digits == 4
                    && (1900..=2100).contains(&y)
                    && self.lex(i + 1) == Some(Lex::GregorianSuffix)
                {
                    Some(self.hit(i, i + 2, DateKind::Absolute, resolve::year(y as i32)))
                } else {
                    None
                }
            }
            _ => None,
        }
    }

    /// The period containing the anchor, at the period's precision (a week: the anchor day).
    fn current(&self, unit: Unit) -> Resolution {
        self.anchored(|a| match unit {
            Unit::Day | Unit::Week => resolve::day(a),
            Unit::Month => resolve::month(a.year(), a.month() as u8),
            Unit::Year => resolve::year(a.year()),
        })
    }

    /// The period `n` periods from the anchor's (الأسبوع الماضي: anchor − 7 days, day
    /// precision; الشهر الماضي: previous month; العام الماضي: previous year).
    fn shifted(&self, unit: Unit, n: i64) -> Resolution {
        self.anchored(|a| match unit {
            Unit::Day => resolve::add_days(a, n),
            Unit::Week => resolve::add_days(a, n.saturating_mul(7)),
            Unit::Month => resolve::add_months(a, n.clamp(-120_000, 120_000) as i32),
            Unit::Year => resolve::add_years(a, n.clamp(-10_000, 10_000) as i32),
        })
    }

    /// بداية/مطلع/منتصف/نهاية + a month or year: keeps the precision of what follows.
    fn boundary(&self, i: usize) -> Option<Hit> {
        if self.lex_c(i, true) != Some(Lex::Boundary) {
            return None;
        }
        let j = i + 1;
        let inner = match self.lex(j) {
            Some(Lex::Period(unit @ (Unit::Month | Unit::Year))) => {
                if let Some(hit) = self.year_expr(j, false).or_else(|| self.period_mod(j)) {
                    hit
                } else {
                    self.hit(j, j + 1, DateKind::Relative, self.current(unit))
                }
            }
            _ => {
                if let Some((YearRef::Abs(y), end)) = self.written_year(j) {
                    self.hit(j, end, DateKind::Absolute, resolve::year(y))
                } else {
                    self.calendar_date(j, false)
                        .or_else(|| self.year_expr(j, false))?
                }
            }
        };
        if let Resolution::Resolved(d) = inner.resolution {
            if d.day.is_some() {
                return None;
            }
        }
        Some(Hit {
            start: i,
            calendar: None,
            ..inner
        })
    }

    /// الأسبوع/الشهر/العام + الماضي/المقبل/الحالي.
    fn period_mod(&self, i: usize) -> Option<Hit> {
        let Some(Lex::Period(unit)) = self.lex_c(i, true) else {
            return None;
        };
        let Some(Lex::Mod(m)) = self.lex(i + 1) else {
            return None;
        };
        let res = match m {
            Mod::Past => self.shifted(unit, -1),
            Mod::Next => self.shifted(unit, 1),
            Mod::Current => self.current(unit),
            Mod::Recent => return None,
        };
        Some(self.hit(i, i + 2, DateKind::Relative, res))
    }

    fn relative(&self, i: usize) -> Option<Hit> {
        let lex = self.lex_c(i, true)?;
        let rel = |end, n| Some(self.hit(i, end, DateKind::Relative, self.shifted(Unit::Day, n)));
        match lex {
            Lex::Today => {
                // اليوم الوطني، اليوم التالي: "the day", not "today" (but اليوم الأحد is).
                if let Some(next) = self.word(i + 1) {
                    let weekday = matches!(self.lex(i + 1), Some(Lex::Weekday(_)));
                    if next.starts_with("ال") && !weekday {
                        return None;
                    }
                    if weekday {
                        return rel(i + 2, 0);
                    }
                }
                rel(i + 1, 0)
            }
            Lex::Yesterday => {
                if self.word(i + 1) == Some("الاول") {
                    return rel(i + 2, -2);
                }
                if matches!(self.lex(i + 1), Some(Lex::Weekday(_))) {
                    return rel(i + 2, -1);
                }
                rel(i + 1, -1)
            }
            Lex::Tomorrow => {
                if matches!(self.lex(i + 1), Some(Lex::Weekday(_))) {
                    return rel(i + 2, 1);
                }
                rel(i + 1, 1)
            }
            Lex::Awwal => {
                let j = if self.lex(i + 1) == Some(Lex::Min) {
                    i + 2
                } else {
                    i + 1
                };
                match (self.lex(j), self.word(j)) {
                    (Some(Lex::Yesterday), Some("امس" | "الامس")) => rel(j + 1, -2),
                    _ => None,
                }
            }
            // بعد + a duration (بعد عام، بعد يوم واحد على) is, in news, nearly always counted
            // from another event, not from the article date: only بعد غد is read.
            Lex::After => match self.lex(i + 1) {
                Some(Lex::Ghad | Lex::Tomorrow) => rel(i + 2, 2),
                _ => None,
            },
            Lex::Before | Lex::Since => self.duration(i, -1),
            Lex::Period(_) => self.period_mod(i),
            Lex::Periods(unit) => {
                let mut j = i + 1;
                if self.lex(j) == Some(Lex::Few) {
                    j += 1;
                }
                if !matches!(self.lex(j), Some(Lex::Mod(Mod::Past | Mod::Recent))) {
                    return None;
                }
                // Gold convention: "in the past days" is the article's week, coded as the
                // article date (day precision); past weeks → the article's month; past
                // months → the article's year.
                let res = match unit {
                    Unit::Day => self.current(Unit::Day),
                    Unit::Week => self.current(Unit::Month),
                    Unit::Month | Unit::Year => self.current(Unit::Year),
                };
                Some(self.hit(i, j + 1, DateKind::Relative, res))
            }
            _ => None,
        }
    }

    /// قبل/منذ + [number] + unit: قبل ثلاثة أيام، منذ 3 أيام، قبل يومين، قبل عام واحد.
    fn duration(&self, i: usize, sign: i64) -> Option<Hit> {
        let mut j = i + 1;
        let mut n = None;
        if let Some((v, digits)) = self.num(j) {
            if digits > 5 {
                return None;
            }
            n = Some(v);
            j += 1;
        } else if let Some(Lex::Number(v)) = self.lex(j) {
            n = Some(v);
            j += 1;
        }
        let Some(Lex::Unit(unit, form)) = self.lex(j) else {
            return None;
        };
        let n = match (n, form) {
            (Some(n), _) => n,
            (None, Form::One) => 1,
            (None, Form::Two) => 2,
            (None, Form::Many) => return None,
        };
        if n == 0 {
            return None;
        }
        let mut end = j + 1;
        // قبل عام واحد
        if matches!(self.lex(end), Some(Lex::Number(1))) {
            end += 1;
        }
        // قبل يومين فقط من ...: look past فقط for what follows, but keep it out of the span.
        let after = if self.word(end) == Some("فقط") {
            end + 1
        } else {
            end
        };
        // قبل يومين من الانتخابات، قبل أسبوع على: relative to another event, not the article;
        // قبل عام 2025، قبل يوم الأحد: not a duration at all.
        let follows_other = matches!(
            self.lex(after),
            Some(Lex::Min | Lex::Ala | Lex::Weekday(_) | Lex::Today | Lex::Yesterday)
        ) || self.num(after).is_some();
        if follows_other {
            return None;
        }
        let res = self.shifted(unit, sign * i64::from(n));
        Some(self.hit(i, end, DateKind::Relative, res))
    }

    /// [يوم] weekday [الماضي | المقبل], or a weekday naming the date after it.
    fn weekday(&self, i: usize) -> Option<Hit> {
        let mut j = i;
        let yawm = self.lex_c(i, true) == Some(Lex::Unit(Unit::Day, Form::One));
        if yawm {
            j += 1;
        }
        let Some(Lex::Weekday(wd)) = self.lex_c(j, j == i) else {
            return None;
        };
        let mut end = j + 1;
        // الأحد، 10 أغسطس 2015 / الأحد الموافق 10 أغسطس: the date names the day.
        if let Some(mut date) = self.date_after(end) {
            date.start = i;
            return Some(date);
        }
        let which = match self.lex(end) {
            Some(Lex::Mod(Mod::Past)) => {
                end += 1;
                Which::Before
            }
            Some(Lex::Mod(Mod::Next)) => {
                end += 1;
                Which::After
            }
            _ => Which::OnOrBefore,
        };
        // الاثنين is also "the two"; alone it counts only when spelled with hamza (الإثنين).
        if wd == Weekday::Mon && !yawm && which == Which::OnOrBefore {
            let tok = &self.toks[j];
            let raw = &self.raw[self.folded.raw_span(self.raw, tok.start, tok.end)];
            if !raw.contains('إ') {
                return None;
            }
        }
        let res = self.anchored(|a| resolve::weekday(a, wd, which));
        Some(self.hit(i, end, DateKind::Weekday, res))
    }

    /// A full date with a day right after token `k`, past an optional comma, الموافق and ل.
    fn date_after(&self, k: usize) -> Option<Hit> {
        let mut j = k;
        if matches!(self.punct(j), Some(',' | '،' | '-')) {
            j += 1;
        }
        if self.lex(j) == Some(Lex::Muwafiq) {
            j += 1;
        }
        if self.lex(j) == Some(Lex::Lam) {
            j += 1;
        }
        self.num(j)?;
        let hit = self.numeric(j).or_else(|| self.calendar_date(j, false))?;
        hit.calendar.is_some().then_some(hit)
    }

    /// "Hijri date الموافق Gregorian date" (or the other way round) is one expression; the
    /// Gregorian date wins.
    fn muwafiq(&self, hit: Hit) -> Hit {
        let Some(cal) = hit.calendar else {
            return hit;
        };
        let mut j = hit.end;
        let paren = matches!(self.punct(j), Some('('));
        if paren || matches!(self.punct(j), Some(',' | '،' | '-')) {
            j += 1;
        }
        if self.lex(j) != Some(Lex::Muwafiq) {
            return hit;
        }
        let Some(other) = self.date_after(j + 1) else {
            return hit;
        };
        let mut end = other.end;
        if paren && matches!(self.punct(end), Some(')')) {
            end += 1;
        }
        let winner = if cal == Calendar::Hijri && other.calendar == Some(Calendar::Gregorian) {
            other
        } else {
            hit.clone()
        };
        Hit {
            start: hit.start,
            end,
            ..winner
        }
    }
}
