//! Agency datelines: the "place date (agency) –" opening of a wire story.
//!
//! A dateline is looked for at the start of the document, and at the start of its second
//! line when the first line is a title (no dateline, no terminal punctuation). Two shapes
//! are recognised, both anchored on a known news agency ([`AGENCIES`]) so that an
//! ordinary opening sentence is never taken for a dateline:
//!
//! * place first: 1–3 place words, an optional date (numbers, month names, هـ / م,
//!   الموافق), separators (`-` `–` `:` `,`), then the agency, bare, in brackets or in
//!   quotes, then trailing separators:
//!   `جنيف 25 شوال 1436 هـ الموافق 10 اغسطس 2015 م واس`, `هراري 15 - 7 ( اف ب ) -`,
//!   `القاهرة - رويترز:`, `لندن: «الشرق الأوسط»`, `واشنطن (رويترز) -`;
//! * agency first: the agency, a separator, 1–3 place words, then `:` or `-` or the end
//!   of the line: `واس - الرياض :`, `عين اليوم – جدة`;
//! * byline first: 2–3 words (a reporter), the bare agency, a separator, 1–2 place words and
//!   `:`: `سامي علي - سبق - تبوك:` (place تبوك; the reporter is inside `span` only).
//!
//! A line "two or three words – agency" with nothing after is a byline (`سامي علي – عين
//! اليوم`), not a dateline; the dateline may follow on the next line. Place words must be
//! Arabic. Words that stand where a place would but name none (`وكالات`, `متابعات`, `خاص`) give
//! `place: None`. A byline without a place (`سامي علي - سبق -`) cannot be told from a
//! two-word place and is reported with the reporter's name as the place; a gazetteer
//! lookup by the caller will not find it.
//!
//! The date span covers the date words only, for the date layer (rasid-time) to resolve.

use crate::token::{TokenKind, Tokens};
use crate::Span;
use std::sync::OnceLock;

/// News agencies and outlets recognised in datelines, as written (matched on folded
/// keys; dots between initials are optional: `أ.ف.ب` matches `أ ف ب`).
pub const AGENCIES: &[&str] = &[
    "واس",
    "ا ف ب",
    "اف ب",
    "أ ف ب",
    "أ.ف.ب",
    "الفرنسية",
    "رويترز",
    "د ب أ",
    "د.ب.أ",
    "الألمانية",
    "أ ب",
    "أسوشيتد برس",
    "يو بي آي",
    "بترا",
    "قنا",
    "وام",
    "سبأ",
    "كونا",
    "الأناضول",
    "الشرق الأوسط",
    "أ ش أ",
    "سانا",
    "واج",
    "ومع",
    "بنا",
    "العمانية",
    "إرنا",
    "شينخوا",
    "سبوتنيك",
    "سبق",
    "عين اليوم",
];

/// Words that stand where a place would but name no place (folded): `سبق - وكالات:`.
const NOT_PLACES: &[&str] = &["وكالات", "الوكالات", "متابعات", "خاص", "متابعه", "تقرير"];

/// Words that may appear inside a date (folded): Gregorian months of every regional
/// series, Hijri months, weekdays, era markers (هـ folds to ه) and الموافق.
const DATE_WORDS: &[&str] = &[
    "يناير",
    "فبراير",
    "مارس",
    "ابريل",
    "مايو",
    "يونيو",
    "يونيه",
    "يوليو",
    "يوليه",
    "اغسطس",
    "سبتمبر",
    "اكتوبر",
    "نوفمبر",
    "ديسمبر",
    "كانون",
    "شباط",
    "اذار",
    "نيسان",
    "ايار",
    "حزيران",
    "تموز",
    "اب",
    "ايلول",
    "تشرين",
    "الاول",
    "الثاني",
    "جانفي",
    "فيفري",
    "افريل",
    "ماي",
    "جوان",
    "جويليه",
    "اوت",
    "محرم",
    "صفر",
    "ربيع",
    "الاخر",
    "الاخره",
    "جمادي",
    "الاولي",
    "رجب",
    "شعبان",
    "رمضان",
    "شوال",
    "ذو",
    "ذي",
    "القعده",
    "الحجه",
    "السبت",
    "الاحد",
    "الاثنين",
    "الثلاثاء",
    "الاربعاء",
    "الخميس",
    "الجمعه",
    "ه",
    "هـ",
    "م",
    "الموافق",
    "لعام",
    "عام",
];

/// A recognised dateline. All spans are byte ranges into the raw text.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
pub struct Dateline {
    /// The whole dateline, from its first to its last token (trailing separators
    /// included).
    pub span: Span,
    /// The place words (1–3 words).
    pub place: Option<Span>,
    /// The date words (numbers, month names, era markers), for rasid-time to resolve.
    pub date: Option<Span>,
    /// The agency name (without brackets or quotes).
    pub agency: Option<Span>,
}

fn agencies() -> &'static [Vec<String>] {
    static A: OnceLock<Vec<Vec<String>>> = OnceLock::new();
    A.get_or_init(|| {
        let mut v: Vec<Vec<String>> = AGENCIES
            .iter()
            .map(|a| {
                crate::fold(a)
                    .split([' ', '.'])
                    .filter(|w| !w.is_empty())
                    .map(str::to_string)
                    .collect()
            })
            .collect();
        // longest first, so "اف ب" is not cut to a shorter entry
        v.sort_by_key(|w| std::cmp::Reverse(w.len()));
        v
    })
}

/// Token view of one line: indices `lo..hi` are the tokens of the line.
struct Line<'a> {
    raw: &'a str,
    toks: &'a Tokens,
    hi: usize,
}

impl Line<'_> {
    fn kind(&self, i: usize) -> Option<TokenKind> {
        (i < self.hi).then(|| self.toks.tokens[i].kind)
    }
    fn key(&self, i: usize) -> &str {
        if i < self.hi {
            self.toks.fold(i)
        } else {
            ""
        }
    }
    fn is_word(&self, i: usize) -> bool {
        self.kind(i) == Some(TokenKind::Word)
    }
    /// True when token `i` has an Arabic letter (places are named in Arabic here).
    fn is_arabic(&self, i: usize) -> bool {
        self.key(i)
            .chars()
            .any(|c| ('\u{0600}'..='\u{06FF}').contains(&c))
    }
    fn is_punct(&self, i: usize, set: &[&str]) -> bool {
        self.kind(i) == Some(TokenKind::Punct) && set.contains(&self.key(i))
    }
    fn span(&self, a: usize, b: usize) -> Span {
        let t = &self.toks.tokens;
        Span::new(t[a].span.start, t[b - 1].span.end)
    }

    /// The end (exclusive token index) of the longest agency name starting at `i`.
    fn agency(&self, i: usize) -> Option<usize> {
        if !self.is_word(i) {
            return None;
        }
        'next: for words in agencies() {
            let mut j = i;
            for (n, w) in words.iter().enumerate() {
                if n > 0 && self.is_punct(j, &["."]) {
                    j += 1;
                }
                if !self.is_word(j) || self.key(j) != w {
                    continue 'next;
                }
                j += 1;
            }
            // "أ.ف.ب." may end in a dot
            if words.len() > 1 && self.is_punct(j, &["."]) {
                j += 1;
            }
            return Some(j);
        }
        None
    }

    /// The end of an agency starting at `i`, bare or in brackets or quotes; returns
    /// (agency start, agency end, end of the whole group).
    fn agency_group(&self, i: usize) -> Option<(usize, usize, usize)> {
        if self.is_punct(i, OPEN) {
            let a = i + 1;
            let e = self.agency(a)?;
            if self.is_punct(e, CLOSE) {
                return Some((a, e, e + 1));
            }
            return None;
        }
        let e = self.agency(i)?;
        // a bare agency must not run on into the sentence: "واس" then a word is fine
        // (SPA datelines end that way) only at the end of a place-date dateline.
        Some((i, e, e))
    }

    /// A date starting at `i`: returns (start, end) of the date tokens, or `None` when
    /// no number is there.
    fn date(&self, i: usize) -> Option<(usize, usize)> {
        let mut j = i;
        let mut last = None;
        let mut numbers = 0;
        loop {
            match self.kind(j) {
                Some(TokenKind::Number) => {
                    numbers += 1;
                    j += 1;
                    last = Some(j);
                }
                Some(TokenKind::Word) if DATE_WORDS.contains(&self.key(j)) => {
                    j += 1;
                    last = Some(j);
                }
                // separators inside a numeric date: 15 - 7, 10/8/2015
                Some(TokenKind::Punct)
                    if last == Some(j)
                        && self.is_punct(j, &["-", "/", ".", "–"])
                        && self.kind(j + 1) == Some(TokenKind::Number) =>
                {
                    j += 1;
                }
                _ => break,
            }
        }
        if numbers == 0 {
            return None;
        }
        last.map(|e| (i, e))
    }

    fn skip(&self, mut i: usize, set: &[&str]) -> usize {
        while self.is_punct(i, set) {
            i += 1;
        }
        i
    }
}

const SEPS: &[&str] = &["-", "–", "—", ":", ",", "_"];
const OPEN: &[&str] = &["(", "\"", "[", "'"];
const CLOSE: &[&str] = &[")", "\"", "]", "'"];

fn place_first(line: &Line, s: usize) -> Option<Dateline> {
    if line.agency(s).is_some() {
        return None;
    }
    for plen in 1..=3 {
        let p_end = s + plen;
        if !(s..p_end).all(|i| line.is_word(i) && line.is_arabic(i)) {
            return None;
        }
        let mut j = p_end;
        let date = line.date(j);
        if let Some((_, e)) = date {
            j = e;
        }
        j = line.skip(j, SEPS);
        let Some((a0, a1, g)) = line.agency_group(j) else {
            continue;
        };
        if a0 == j && date.is_none() && j == p_end {
            // "place agency" with nothing between: only when a separator follows, so
            // that a sentence opening with two words is not read as a dateline
            if !line.is_punct(g, SEPS) {
                continue;
            }
        }
        if plen >= 2 && date.is_none() && g == line.hi && a0 == j {
            // "name – outlet" alone on its line is a byline, not a dateline; the
            // dateline may follow on the next line
            return None;
        }
        let after = line.skip(g, SEPS);
        // "reporter - agency - place:": the words before the agency were a byline and the
        // place follows it
        // (only for a bare agency after two or three words, a reporter's name, so that
        // "القاهرة - رويترز - قال المتحدث:" keeps القاهرة)
        if after > g && plen >= 2 && a0 == j {
            let mut p1 = after;
            while p1 < after + 2 && line.is_word(p1) {
                p1 += 1;
            }
            if p1 > after && line.is_punct(p1, &[":"]) {
                return Some(Dateline {
                    span: line.span(s, p1 + 1),
                    place: place_span(line, after, p1),
                    date: date.map(|(a, b)| line.span(a, b)),
                    agency: Some(line.span(a0, a1)),
                });
            }
        }
        let end = line.skip(after, CLOSE);
        return Some(Dateline {
            span: line.span(s, end),
            place: place_span(line, s, p_end),
            date: date.map(|(a, b)| line.span(a, b)),
            agency: Some(line.span(a0, a1)),
        });
    }
    None
}

/// The span of place words `a..b`, unless they are a word that names no place.
fn place_span(line: &Line, a: usize, b: usize) -> Option<Span> {
    if b == a + 1 && NOT_PLACES.contains(&line.key(a)) {
        return None;
    }
    Some(line.span(a, b))
}

fn agency_first(line: &Line, s: usize) -> Option<Dateline> {
    let a1 = line.agency(s)?;
    let p0 = line.skip(a1, SEPS);
    if p0 == a1 {
        return None;
    }
    let mut p1 = p0;
    while p1 < p0 + 3 && line.is_word(p1) && line.is_arabic(p1) {
        p1 += 1;
    }
    // the place ends at ":" or "-", or at the end of the line ("عين اليوم – القاهرة")
    if p1 == p0 || !(line.is_punct(p1, &[":", "-", "–"]) || p1 == line.hi) {
        return None;
    }
    let end = line.skip(p1, SEPS);
    Some(Dateline {
        span: line.span(s, end),
        place: place_span(line, p0, p1),
        date: None,
        agency: Some(line.span(s, a1)),
    })
}

/// The end (exclusive token index) of the line that starts at token `lo`.
fn line_end(raw: &str, toks: &Tokens, lo: usize) -> usize {
    let t = &toks.tokens;
    let mut i = lo;
    while i + 1 < t.len() && !raw[t[i].span.end..t[i + 1].span.start].contains('\n') {
        i += 1;
        // datelines are short: never look far into a long line
        if i - lo > MAX_TITLE_TOKENS + 15 {
            return i + 1;
        }
    }
    (i + 1).min(t.len())
}

fn at_line(raw: &str, toks: &Tokens, lo: usize) -> Option<Dateline> {
    let hi = line_end(raw, toks, lo);
    let line = Line { raw, toks, hi };
    let _ = line.raw;
    place_first(&line, lo).or_else(|| agency_first(&line, lo))
}

/// Finds the agency dateline of a document, if any.
///
/// `toks` must be [`tokenize`](crate::tokenize)`(raw)`. Looks at the start of the first
/// line, and of the next two lines while the lines before are titles or bylines (at most
/// 25 tokens, not ending in `.` `!` `?` `؟` `…`). Returns byte spans into `raw`; never
/// panics; bounded work (it reads at most about 130 tokens).
///
/// ```
/// use rasid_text::{dateline::find_dateline, tokenize};
/// let raw = "عمّان - بترا - أعلن الوزير أمس عن خطة جديدة.";
/// let d = find_dateline(raw, &tokenize(raw)).unwrap();
/// assert_eq!(&raw[d.span.range()], "عمّان - بترا -");
/// assert_eq!(&raw[d.place.unwrap().range()], "عمّان");
/// assert_eq!(&raw[d.agency.unwrap().range()], "بترا");
/// assert_eq!(d.date, None);
/// ```
pub fn find_dateline(raw: &str, toks: &Tokens) -> Option<Dateline> {
    let t = &toks.tokens;
    let mut lo = 0;
    for _ in 0..MAX_LINES {
        if lo >= t.len() {
            return None;
        }
        if let Some(d) = at_line(raw, toks, lo) {
            return Some(d);
        }
        // go on to the next line only past a title or byline line
        let hi = line_end(raw, toks, lo);
        let last = &raw[t[hi - 1].span.range()];
        let title = hi - lo <= MAX_TITLE_TOKENS
            && !matches!(last, "." | "!" | "?" | "؟" | "…")
            && hi < t.len()
            && raw[t[hi - 1].span.end..t[hi].span.start].contains('\n');
        if !title {
            return None;
        }
        lo = hi;
    }
    None
}

/// Lines examined: the dateline may follow a title and a byline.
const MAX_LINES: usize = 3;
/// Longest title or byline line (tokens) skipped when looking for the dateline.
const MAX_TITLE_TOKENS: usize = 25;

#[cfg(test)]
mod tests {
    use super::*;
    use crate::tokenize;

    /// (dateline, place, date, agency) as surface strings.
    type Parts<'a> = (&'a str, Option<&'a str>, Option<&'a str>, Option<&'a str>);

    fn parts(raw: &str) -> Option<Parts<'_>> {
        let d = find_dateline(raw, &tokenize(raw))?;
        let s = |sp: Option<Span>| sp.map(|sp| &raw[sp.range()]);
        Some((&raw[d.span.range()], s(d.place), s(d.date), s(d.agency)))
    }

    #[test]
    fn table() {
        // (text, dateline, place, date, agency); own example lines
        #[allow(clippy::type_complexity)]
        let cases: &[(
            &str,
            Option<(&str, Option<&str>, Option<&str>, Option<&str>)>,
        )] = &[
            (
                "جنيف 25 شوال 1436 هـ الموافق 10 اغسطس 2015 م واس\nبحث الوفد قضايا التعاون.",
                Some((
                    "جنيف 25 شوال 1436 هـ الموافق 10 اغسطس 2015 م واس",
                    Some("جنيف"),
                    Some("25 شوال 1436 هـ الموافق 10 اغسطس 2015 م"),
                    Some("واس"),
                )),
            ),
            (
                "الرياض 12 ذو القعدة 1436 هـ الموافق 27 أغسطس 2015 م واس افتتح الأمير المعرض.",
                Some((
                    "الرياض 12 ذو القعدة 1436 هـ الموافق 27 أغسطس 2015 م واس",
                    Some("الرياض"),
                    Some("12 ذو القعدة 1436 هـ الموافق 27 أغسطس 2015 م"),
                    Some("واس"),
                )),
            ),
            (
                "هراري 15 - 7 ( اف ب ) - أعلنت الشرطة توقيف عشرة أشخاص.",
                Some((
                    "هراري 15 - 7 ( اف ب ) -",
                    Some("هراري"),
                    Some("15 - 7"),
                    Some("اف ب"),
                )),
            ),
            (
                "القاهرة - رويترز: قال مسؤول إن المحادثات انتهت.",
                Some(("القاهرة - رويترز:", Some("القاهرة"), None, Some("رويترز"))),
            ),
            (
                "بيروت - «الشرق الأوسط»: تواصلت الاتصالات أمس.",
                Some((
                    "بيروت - «الشرق الأوسط»:",
                    Some("بيروت"),
                    None,
                    Some("الشرق الأوسط"),
                )),
            ),
            (
                "لندن: «الشرق الأوسط» عقد المجلس جلسة طارئة.",
                Some((
                    "لندن: «الشرق الأوسط»",
                    Some("لندن"),
                    None,
                    Some("الشرق الأوسط"),
                )),
            ),
            (
                "عمان - بترا - استقبل رئيس الوزراء وفدا.",
                Some(("عمان - بترا -", Some("عمان"), None, Some("بترا"))),
            ),
            (
                "واشنطن (رويترز) - قالت الوزارة إنها ستنظر في الطلب.",
                Some(("واشنطن (رويترز) -", Some("واشنطن"), None, Some("رويترز"))),
            ),
            (
                "دار السلام (أ.ف.ب) - وقع البلدان اتفاقا.",
                Some((
                    "دار السلام (أ.ف.ب) -",
                    Some("دار السلام"),
                    None,
                    Some("أ.ف.ب"),
                )),
            ),
            (
                "نيويورك 3 - 9 (د ب أ) - ",
                Some((
                    "نيويورك 3 - 9 (د ب أ) -",
                    Some("نيويورك"),
                    Some("3 - 9"),
                    Some("د ب أ"),
                )),
            ),
            (
                "سامي علي - سبق - تبوك: افتتح المحافظ المعرض.",
                Some(("سامي علي - سبق - تبوك:", Some("تبوك"), None, Some("سبق"))),
            ),
            (
                "القاهرة - رويترز - قال المتحدث: لا تعليق.",
                Some(("القاهرة - رويترز -", Some("القاهرة"), None, Some("رويترز"))),
            ),
            (
                "سبق - وكالات: أعلنت الشرطة القبض على المتهم.",
                Some(("سبق - وكالات:", None, None, Some("سبق"))),
            ),
            (
                "سامي علي – عين اليوم\nعين اليوم – جدة\nافتتح المحافظ المعرض.",
                Some(("عين اليوم – جدة", Some("جدة"), None, Some("عين اليوم"))),
            ),
            ("Next Previous عين اليوم –\nنص.", None),
            (
                "عين اليوم – جدة\nافتتح المحافظ المعرض.",
                Some(("عين اليوم – جدة", Some("جدة"), None, Some("عين اليوم"))),
            ),
            (
                "واس - الرياض : ثمّن المسؤولون الدعم.",
                Some(("واس - الرياض :", Some("الرياض"), None, Some("واس"))),
            ),
            // after a title line
            (
                "الوزير يزور أنقرة\nأنقرة - الأناضول - وصل الوزير اليوم.",
                Some(("أنقرة - الأناضول -", Some("أنقرة"), None, Some("الأناضول"))),
            ),
            // no agency: not a dateline
            ("القاهرة - قال مسؤول إن الاجتماع تأجل.", None),
            ("قال الوزير إن رويترز نشرت الخبر.", None),
            ("أعلنت الحكومة اليوم خطة جديدة.\nالرياض - واس: خبر.", None),
            ("", None),
            ("Geneva (Reuters) - talks", None),
        ];
        for (raw, want) in cases {
            assert_eq!(parts(raw), *want, "{raw}");
        }
    }
}
