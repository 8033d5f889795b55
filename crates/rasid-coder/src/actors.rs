//! Actor mentions: lexicon matches of countries, capitals, nisba adjectives,
//! organisations, people and roles, chunked into one actor per mention and resolved to a
//! CAMEO actor code on the event date.
//!
//! Chunking rules (Arabic noun-phrase order): a role may be followed by a nisba
//! (`وزير الدفاع التركي`), a country in construct or after ب/في (`وزير خارجية تركيا`,
//! `وزير الخارجية بجمهورية ألمانيا`), further roles (`نائب رئيس الوزراء وزير الدفاع`), an
//! organisation (`قائد القيادة العامة`), and a person named in apposition, possibly after
//! honorifics and commas (`وزير الدفاع، يشار غولر`). Codes: a person is coded by the office
//! held on the event date; else an organisation's code; else country + the role's
//! sector; a capital alone stands for the government (`GUIDE.md`, Actors).

use rasid_lexicon::{EntryRef, Lexicon, Match, WordList};
use rasid_text::{Span, Tokens};
use std::ops::Range;

/// Punctuation (token keys) that may stand between a role and a name, as the honorifics
/// of list `honorifics` (`lexicons/words.tsv`) may: `الرئيس «أوباما`.
const TITLE_PUNCTUATION: &[&str] = &[",", "\"", "(", ")", "-"];

/// True when `gap` (folded words between a title and a country) and the country's
/// proclitic `proclitic` say where the title holder is posted: posting adjectives, then
/// `في` or `لدى`; or `إلى`, `ل` or `ب` when a posting adjective precedes
/// (`المبعوث الخاص إلى سوريا`) or a named person follows (`named_next`): without either,
/// `وصل المبعوث الأممي إلى اليمن` is a destination.
fn posting_gap(lex: &Lexicon, gap: &[&str], proclitic: &str, named_next: bool) -> bool {
    let (adjs, prep) = match gap.split_last() {
        Some((last, rest))
            if lex.words(WordList::PostingPrepositions).contains(last) && proclitic.is_empty() =>
        {
            (rest, *last)
        }
        _ if matches!(proclitic, "ب" | "ل") => (gap, proclitic),
        _ => return false,
    };
    adjs.iter()
        .all(|a| lex.words(WordList::PostingAdjectives).contains(a))
        && (matches!(prep, "في" | "لدي") || !adjs.is_empty() || named_next)
}

/// One actor mention in a sentence.
#[derive(Debug, Clone, PartialEq)]
pub struct Actor {
    /// Token indices covered.
    pub tokens: Range<usize>,
    /// Raw byte span (after the proclitics of the first token).
    pub span: Span,
    /// CAMEO actor code; a sector alone (`GOV`) when no country is known.
    pub code: String,
    /// English name.
    pub name: String,
    /// Lexicon entry ids, joined by `+`.
    pub entry: String,
    /// The lexicon entries of the mention, in text order (the ids of `entry`).
    pub refs: Vec<EntryRef>,
    /// The preposition introducing the mention (folded: `ل`, `ب`, `مع`, `الي` …), if any.
    pub prep: Option<String>,
    /// True when the mention is coordinated with what precedes it (`و` before it).
    pub conj: bool,
    /// True when a named person or organisation (not only a role) is part of the mention.
    pub named: bool,
    /// True for a word of list `both-parties`, resolved by the coder.
    pub both_parties: bool,
    /// Id of the first role (agent entry) in the mention, if any.
    pub agent: Option<String>,
    /// True when the mention is a capital alone (`الرياض`): after `ب` or `في` it says
    /// where an event happened, not who took part.
    pub capital_only: bool,
    /// For a plural role that refers back to a list named earlier (`السفراء` after three
    /// ambassadors), the members of that list; each takes part in the event.
    pub members: Vec<Actor>,
    /// True when the mention stands for a party named earlier (`الجانبان` after a visit):
    /// it keeps the code that party was named with.
    pub refers_back: bool,
}

impl Actor {
    /// A mention made by a rule rather than found in the lexicons (a place struck, the
    /// unnamed doers of an attack): `code` over `tokens` / `span`, with no entries, no
    /// preposition and no members.
    pub fn plain(tokens: Range<usize>, span: Span, code: &str, name: &str, entry: String) -> Actor {
        Actor {
            tokens,
            span,
            code: code.to_string(),
            name: name.to_string(),
            entry,
            refs: Vec::new(),
            prep: None,
            conj: false,
            named: false,
            both_parties: false,
            agent: None,
            capital_only: false,
            members: Vec::new(),
            refers_back: false,
        }
    }

    /// For a role without a country (`وزير الخارجية` alone), the sector code; else `None`.
    pub fn bare_sector(&self) -> Option<&str> {
        is_sector(&self.code).then_some(self.code.as_str())
    }

    /// True when the code has a country or organisation, not only a sector.
    pub fn is_coded(&self) -> bool {
        self.code.len() >= 3 && !is_sector(&self.code)
    }
}

/// True when `code` is a bare sector (`GOV`, `MIL`, `UAF` …), not a country.
pub(crate) fn is_sector_code(code: &str) -> bool {
    is_sector(code)
}

fn is_sector(code: &str) -> bool {
    code.len() == 3
        && matches!(
            code,
            "GOV"
                | "MIL"
                | "COP"
                | "JUD"
                | "LEG"
                | "OPP"
                | "REB"
                | "PTY"
                | "MED"
                | "BUS"
                | "CVL"
                | "REF"
                | "HRI"
                | "NGO"
                | "EDU"
                | "LAB"
                | "REL"
                | "SPY"
                | "UAF"
                | "ELI"
        )
}

fn rank(e: &EntryRef) -> u8 {
    match e {
        EntryRef::Person(_) => 0,
        EntryRef::Organization(_) => 1,
        EntryRef::Agent(_) => 2,
        EntryRef::Country(_) => 3,
        EntryRef::Capital(_) => 4,
        EntryRef::Demonym(_) => 5,
        EntryRef::Nisba(_) => 6,
        EntryRef::PersonShort(_) => 7,
        _ => 9,
    }
}

/// True for the entry kinds that can name an actor.
pub fn is_actor_entry(e: &EntryRef) -> bool {
    rank(e) < 9
}

/// Selects non-overlapping actor matches, leftmost-longest, ties broken by kind (person,
/// organisation, role, country, capital, demonym, nisba). Surname forms count only when
/// `seen_people` holds the person (named in full earlier in the document).
///
/// A town or region is kept right after a role (`محافظ جدة`), for [`chunk`] to join to a
/// local role ([`LOCAL_ROLES`]); alone it makes no mention.
pub fn select(matches: &[Match], seen_people: &[u32]) -> Vec<Match> {
    let role_ends: Vec<usize> = matches
        .iter()
        .filter(|m| matches!(m.entry, EntryRef::Agent(_)))
        .map(|m| m.tokens.end)
        .collect();
    let mut cands: Vec<&Match> = matches
        .iter()
        .filter(|m| {
            is_actor_entry(&m.entry)
                || matches!(m.entry, EntryRef::Place(_)) && role_ends.contains(&m.tokens.start)
        })
        .filter(|m| !matches!(m.entry, EntryRef::PersonShort(p) if !seen_people.contains(&p)))
        .collect();
    cands.sort_by(|a, b| {
        a.tokens
            .start
            .cmp(&b.tokens.start)
            .then(b.tokens.end.cmp(&a.tokens.end))
            .then(rank(&a.entry).cmp(&rank(&b.entry)))
    });
    let mut out: Vec<Match> = Vec::new();
    let mut next_free = 0;
    for m in cands {
        if m.tokens.start >= next_free {
            next_free = m.tokens.end;
            out.push(m.clone());
        }
    }
    out
}

/// Folded key of token `i`, or "" out of range.
fn key(toks: &Tokens, i: usize) -> &str {
    if i < toks.len() {
        toks.fold(i)
    } else {
        ""
    }
}

/// Roles of local government (agent ids of `lexicons/agents.tsv`) that take the country of
/// the town or region named right after them.
const LOCAL_ROLES: &[&str] = &["governor", "mayor"];

/// True when the words between a role and a country (`gap`, folded) or the first word of
/// the country's own form (`first`, folded, with its proclitics) name the state the office
/// belongs to: ب or ل and a word of list `state-words` (`lexicons/words.tsv`):
/// `وزير الدفاع لجمهورية مصر العربية`، `وزير الخارجية بدولة قطر`.
fn of_state(lex: &Lexicon, gap: &[&str], first: &str) -> bool {
    let states = lex.words(WordList::StateWords);
    let state = |w: &str| {
        ["ب", "ل"].iter().any(|p| {
            w.strip_prefix(p).is_some_and(|s| {
                let s = s
                    .strip_prefix("ال")
                    .or_else(|| s.strip_prefix('ل'))
                    .unwrap_or(s);
                states.contains(s)
            })
        })
    };
    match gap {
        [w] => state(w),
        [] => state(first),
        _ => false,
    }
}

/// Builds the actor mentions of one sentence from its selected matches (see [`select`]).
/// `date` is the event date used for people's offices.
pub fn chunk(
    toks: &Tokens,
    selected: &[Match],
    lex: &Lexicon,
    date: Option<chrono::NaiveDate>,
) -> Vec<Actor> {
    let mut out: Vec<Actor> = Vec::new();
    let mut i = 0;
    // the words between two matches (reused)
    let mut gap: Vec<&str> = Vec::new();
    let mut parts: Vec<&Match> = Vec::new();
    while i < selected.len() {
        let first = &selected[i];
        // (a place names an actor only joined to the local role before it)
        if matches!(first.entry, EntryRef::Place(_)) {
            i += 1;
            continue;
        }
        parts.clear();
        parts.push(first);
        let mut j = i + 1;
        // extend the chunk while the next match qualifies the current one
        while j < selected.len() {
            let prev = parts.last().unwrap();
            let next = &selected[j];
            gap.clear();
            gap.extend((prev.tokens.end..next.tokens.start).map(|k| key(toks, k)));
            let only_honorifics = gap.iter().all(|g| {
                lex.words(WordList::Honorifics).contains(g) || TITLE_PUNCTUATION.contains(g)
            });
            let has_agent_or_org = parts
                .iter()
                .any(|p| matches!(p.entry, EntryRef::Agent(_) | EntryRef::Organization(_)));
            let has_country = parts.iter().any(|p| {
                matches!(
                    p.entry,
                    EntryRef::Country(_) | EntryRef::Nisba(_) | EntryRef::Capital(_)
                )
            });
            let has_person = parts
                .iter()
                .any(|p| matches!(p.entry, EntryRef::Person(_) | EntryRef::PersonShort(_)));
            let prep_ok = next.proclitic.is_empty() || next.proclitic == "ب";
            let has_org = parts
                .iter()
                .any(|p| matches!(p.entry, EntryRef::Organization(_)));
            // the place of a posting qualifies a title that already has its country or
            // organisation (سفير النرويج لدى المملكة، مبعوث الأمم المتحدة الخاص إلى سوريا):
            // it joins the mention without changing its code. A body named without a
            // title is not posted (المجلس الرئاسي الليبي في القاهرة: where it met)
            let has_title = parts.iter().any(|p| matches!(p.entry, EntryRef::Agent(_)));
            let posting = (has_country || has_org)
                && has_title
                && !has_person
                && posting_gap(lex, &gap, next.proclitic, {
                    selected.get(j + 1).is_some_and(|n| {
                        matches!(n.entry, EntryRef::Person(_))
                            && n.tokens.start <= next.tokens.end + 1
                    })
                });
            let joins = match next.entry {
                EntryRef::Country(_) | EntryRef::Capital(_) if posting => true,
                // (one adjective of the office may stand between: الوزير المالي البريطاني)
                EntryRef::Nisba(_) => {
                    has_agent_or_org
                        && (gap.is_empty()
                            || gap.len() == 1
                                && matches!(prev.entry, EntryRef::Agent(_))
                                && gap[0].starts_with("ال")
                                && gap[0].ends_with('ي')
                                && gap[0].chars().count() >= 5)
                        && next.proclitic.is_empty()
                        && !has_country
                }
                // وزير خارجية تركيا، وزير الخارجية بجمهورية ألمانيا، مسؤولين من سوريا
                EntryRef::Country(_) => {
                    matches!(prev.entry, EntryRef::Agent(_))
                        && !has_country
                        && !has_person
                        && ((prep_ok && (gap.is_empty() || gap == ["في"] || gap == ["من"]))
                            // the state the office belongs to, named with ب or ل and a
                            // word of statehood (وزير الدفاع لجمهورية مصر، بدولة قطر)
                            || of_state(lex, &gap, key(toks, next.tokens.start)))
                }
                EntryRef::Capital(_) => {
                    matches!(prev.entry, EntryRef::Agent(_))
                        && !has_country
                        && !has_person
                        && prep_ok
                        && gap.is_empty()
                }
                // the governor or mayor of a town or region holds office in its country
                // (أمير منطقة مكة، محافظ جدة، أمين منطقة عسير، محافظ عدن)
                EntryRef::Place(_) => {
                    matches!(prev.entry, EntryRef::Agent(a)
                        if LOCAL_ROLES.contains(&lex.agents[a as usize].id.as_str()))
                        && !has_country
                        && !has_person
                        && !has_org
                        && next.proclitic.is_empty()
                        && gap.is_empty()
                }
                EntryRef::Agent(a) => {
                    matches!(prev.entry, EntryRef::Agent(_))
                        // a counterpart is a second party (وزير الخارجية نظيره الألماني)
                        && lex.agents[a as usize].id != "counterpart"
                        && !has_person
                        && next.proclitic.is_empty()
                        && gap.len() <= 1
                        // (وزير الدولة لشؤون الخارجية: the portfolio after لشؤون)
                        && (only_honorifics || gap == ["لشوون"] || gap == ["للشوون"])
                }
                EntryRef::Organization(_) => {
                    matches!(prev.entry, EntryRef::Agent(_))
                        && !has_person
                        && next.proclitic.is_empty()
                        && gap.is_empty()
                }
                EntryRef::Person(_) | EntryRef::PersonShort(_) => {
                    !has_person
                        && next.proclitic.is_empty()
                        && gap.len() <= 5
                        && only_honorifics
                        && !matches!(prev.entry, EntryRef::Capital(_))
                }
                _ => false,
            };
            if !joins {
                break;
            }
            parts.push(next);
            j += 1;
        }
        out.push(resolve(toks, &parts, lex, date));
        i = j;
    }
    out
}

/// Actor mentions for the words of list `both-parties` ([`WordList::BothParties`]) in
/// `range` (not lexicon entries).
pub fn both_parties(lex: &Lexicon, raw: &str, toks: &Tokens, range: Range<usize>) -> Vec<Actor> {
    let both = lex.words(WordList::BothParties);
    let mut out = Vec::new();
    let mut cands = Vec::new();
    for i in range {
        let w = toks.fold(i);
        // every both-parties word is a dual: cheap tests first (a shorter token than the
        // shortest word cannot hold one: clitics only add letters)
        if w.len() < both.shortest_bytes()
            || !(w.ends_with("ين") || w.ends_with("ان"))
            || !(w.contains("جانب") || w.contains("طرف") || w.contains("بلد"))
        {
            continue;
        }
        rasid_text::clitic::candidates_into(w, &mut cands);
        if let Some(c) = cands
            .iter()
            .find(|c| c.suffix == 0 && both.contains(&c.stem))
        {
            let t = toks.tokens[i];
            let start =
                t.span.start + rasid_text::fold_prefix_to_raw(&raw[t.span.range()], c.prefix);
            out.push(Actor {
                tokens: i..i + 1,
                span: Span::new(start, t.span.end),
                code: String::new(),
                name: String::new(),
                entry: String::new(),
                refs: Vec::new(),
                prep: preposition(lex, toks, i, &toks.fold(i)[..c.prefix]),
                conj: toks.fold(i).starts_with('و') && c.prefix > 0,
                named: false,
                both_parties: true,
                agent: None,
                capital_only: false,
                refers_back: false,
                members: Vec::new(),
            });
        }
    }
    out
}

/// True when the role word of a mention (its first token, folded, `toks` index `i`) is
/// plural or dual (`السفراء`، `المسؤولين`، `الوزيرين`): it may refer to several parties.
pub fn plural_role(toks: &Tokens, i: usize) -> bool {
    let w = key(toks, i);
    let w = w.strip_prefix('و').unwrap_or(w);
    let w = w.strip_prefix("ال").unwrap_or(w);
    let n = w.chars().count();
    n >= 4 && (w.ends_with("اء") || ((w.ends_with("ون") || w.ends_with("ين")) && n >= 5))
}

/// True when the role word of a mention (its first token, folded, `toks` index `i`) is a
/// definite dual of list `dual-roles` (`lexicons/words.tsv`) (`الرئيسان`): it names the two parties of the last
/// event.
pub fn dual_role(lex: &Lexicon, toks: &Tokens, i: usize) -> bool {
    let w = key(toks, i);
    let w = w.strip_prefix('و').unwrap_or(w);
    w.strip_prefix("ال")
        .is_some_and(|w| lex.words(WordList::DualRoles).contains(w))
}

/// Mentions in `range` of a definite organisation head noun (`المركز`، `للمنظمة`) that
/// `heads` maps to an organisation named earlier (head, that organisation's mention): each
/// is a copy of that mention at the word. Not lexicon entries.
pub fn definite_references(
    lex: &Lexicon,
    raw: &str,
    toks: &Tokens,
    range: Range<usize>,
    heads: &[(String, Actor)],
) -> Vec<Actor> {
    let mut out = Vec::new();
    if heads.is_empty() {
        return out;
    }
    let mut cands = Vec::new();
    for i in range {
        let w = toks.fold(i);
        // the head ends the word (no pronoun follows): a cheap test before the readings
        if !heads.iter().any(|(h, _)| w.ends_with(h.as_str())) {
            continue;
        }
        rasid_text::clitic::candidates_into(w, &mut cands);
        let found = cands.iter().filter(|c| c.suffix == 0).find_map(|c| {
            let head = c
                .stem
                .strip_prefix("ال")
                .or_else(|| w[..c.prefix].ends_with("لل").then_some(c.stem.as_str()))?;
            heads
                .iter()
                .rev()
                .find(|(h, _)| h == head)
                .map(|(_, a)| (c.prefix, a))
        });
        if let Some((prefix, a)) = found {
            let t = toks.tokens[i];
            let start = t.span.start + rasid_text::fold_prefix_to_raw(&raw[t.span.range()], prefix);
            out.push(Actor {
                tokens: i..i + 1,
                span: Span::new(start, t.span.end),
                prep: preposition(lex, toks, i, &w[..prefix]),
                conj: w.starts_with('و') && prefix > 0,
                ..a.clone()
            });
        }
    }
    out
}

/// The preposition introducing a mention starting at token `i` whose first token has the
/// folded proclitics `proclitic`.
fn preposition(lex: &Lexicon, toks: &Tokens, i: usize, proclitic: &str) -> Option<String> {
    let p = proclitic.trim_start_matches(['و', 'ف']);
    if let Some(c) = p.chars().last() {
        return Some(c.to_string());
    }
    // a preposition word, possibly with و/ف: مع، ومن، فعلى (before an honorific: مع معالي
    // الوزير، إلى فخامة الرئيس)
    let mut i = i;
    while i > 1 && lex.words(WordList::AddressForms).contains(key(toks, i - 1)) {
        i -= 1;
    }
    let prev = if i > 0 { key(toks, i - 1) } else { "" };
    let bare = prev
        .strip_prefix(['و', 'ف'])
        .filter(|b| lex.words(WordList::Prepositions).contains(b))
        .unwrap_or(prev);
    lex.words(WordList::Prepositions)
        .contains(bare)
        .then(|| bare.to_string())
}

fn resolve(
    toks: &Tokens,
    parts: &[&Match],
    lex: &Lexicon,
    date: Option<chrono::NaiveDate>,
) -> Actor {
    let first = parts[0];
    let last = parts.last().unwrap();
    let span = Span::new(first.span.start, last.span.end);
    // borrowed from the lexicon until the mention is built: one allocation per field
    let mut country: Option<(&str, &str)> = None; // (code, en)
    let mut sector: Option<&str> = None;
    let mut role_en = "";
    let mut org: Option<(&str, &str)> = None;
    let mut person: Option<(&str, &str)> = None;
    let mut capital = false;
    let mut agent_id: Option<&str> = None;
    let mut entries: Vec<&str> = Vec::with_capacity(parts.len());
    for p in parts {
        match p.entry {
            EntryRef::Country(c)
            | EntryRef::Nisba(c)
            | EntryRef::Capital(c)
            | EntryRef::Demonym(c) => {
                let c = &lex.countries[c as usize];
                entries.push(&c.id);
                if country.is_none() {
                    country = Some((&c.code, &c.en));
                    capital = matches!(p.entry, EntryRef::Capital(_));
                }
            }
            // (a town or region joins only after a local role: its country's)
            EntryRef::Place(x) => {
                if let Some(c) = lex.country_by_code(&lex.places[x as usize].country) {
                    entries.push(&c.id);
                    country.get_or_insert((&c.code, &c.en));
                }
            }
            EntryRef::Organization(o) => {
                let o = &lex.organizations[o as usize];
                entries.push(&o.id);
                org.get_or_insert((&o.code, &o.en));
                // an organisation's envoy (un-envoy: المبعوث الأممي) holds the role envoy, so
                // that a later bare المبعوث الخاص refers back to it
                if o.id.ends_with("-envoy") {
                    agent_id.get_or_insert("envoy");
                }
            }
            EntryRef::Person(x) | EntryRef::PersonShort(x) => {
                let p = &lex.people[x as usize];
                entries.push(&p.id);
                if let Some(code) = p.code_on(date) {
                    person.get_or_insert((code, &p.en));
                }
            }
            EntryRef::Agent(a) => {
                let a = &lex.agents[a as usize];
                entries.push(&a.id);
                agent_id.get_or_insert(&a.id);
                // the last role of a chain is the office held (نائب رئيس الوزراء وزير الدفاع)
                if sector.is_none() || a.sector != "GOV" {
                    sector.get_or_insert(&a.sector);
                }
                if role_en.is_empty() {
                    role_en = &a.en;
                }
            }
            _ => {}
        }
    }
    let (code, name) = if let Some((code, en)) = person.or(org) {
        (code.to_string(), en.to_string())
    } else if let Some((c, en)) = country {
        match (sector, capital) {
            // gunmen with a nationality (مسلحون أكراد) are no longer unidentified: that
            // country's armed group (GUIDE.md keeps UAF for attackers nobody names)
            (Some("UAF"), _) => (format!("{c}REB"), format!("{en} (armed group)")),
            (Some(s), _) => (format!("{c}{s}"), format!("{en} ({role_en})")),
            (None, true) => (format!("{c}GOV"), format!("{en} (government)")),
            (None, false) => (c.to_string(), en.to_string()),
        }
    } else if let Some(s) = sector {
        (s.to_string(), role_en.to_string())
    } else {
        (String::new(), String::new())
    };
    let named = parts.iter().any(|p| {
        matches!(
            p.entry,
            EntryRef::Person(_)
                | EntryRef::PersonShort(_)
                | EntryRef::Organization(_)
                | EntryRef::Country(_)
                | EntryRef::Capital(_)
        )
    });
    let prev = if first.tokens.start > 0 {
        key(toks, first.tokens.start - 1)
    } else {
        ""
    };
    let conj = first.proclitic.starts_with('و')
        || prev == "و"
        || (prev.starts_with('و')
            && lex
                .words(WordList::Prepositions)
                .contains(&prev['و'.len_utf8()..]));
    Actor {
        tokens: first.tokens.start..last.tokens.end,
        span,
        code,
        name,
        entry: entries.join("+"),
        refs: parts
            .iter()
            .map(|p| p.entry)
            .filter(|e| {
                !matches!(
                    e,
                    EntryRef::Place(_) | EntryRef::Trigger(_) | EntryRef::Cue(_)
                )
            })
            .collect(),
        prep: preposition(lex, toks, first.tokens.start, first.proclitic),
        conj,
        named,
        both_parties: false,
        agent: agent_id.map(str::to_string),
        capital_only: parts.len() == 1 && matches!(first.entry, EntryRef::Capital(_)),
        refers_back: false,
        members: Vec::new(),
    }
}
