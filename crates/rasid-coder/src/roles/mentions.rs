//! Stage 1 of [`super::code_sentence`]: the mentions of one sentence. From the sentence's
//! lexicon matches it selects the actor matches and the triggers, chunks the actors into
//! mentions ([`actors::chunk`]), adds the mentions no lexicon entry makes (both parties,
//! definite references, the tagger's people, `بلاده`) and gives each the code the
//! article's context implies (a role's country, the body a role belongs to, the country a
//! region is in, a former office holder, the party whose positions are struck).

use super::{country_of, key, select_triggers, Ctx, UNKNOWN_PERSON};
use crate::actors::{self, Actor};
use crate::Options;
use rasid_lexicon::{EntryRef, Lexicon, Match, Pos, WordList};
use rasid_text::{Span, Tokens};
use std::ops::Range;

/// The mentions and triggers of one sentence, as the rules read them.
pub(super) struct SentenceMentions<'m> {
    /// The actor matches chosen among the sentence's lexicon matches
    /// ([`actors::select`]): non-overlapping, in text order.
    pub selected: Vec<Match>,
    /// The trigger matches the rules consider ([`select_triggers`]), in text order;
    /// borrowed from the sentence's matches.
    pub triggers: Vec<&'m Match>,
    /// The first token index of each verb trigger of `triggers`, in text order.
    pub verb_starts: Vec<usize>,
    /// The actor mentions (the cast), sorted by first token index, with the codes the
    /// article's context gives them.
    pub cast: Vec<Actor>,
}

/// Finds the mentions of the sentence over token indices `range` of `toks` (raw text
/// `raw`), given its lexicon `matches` (ambiguities resolved). Reads and updates the
/// article context `ctx`: the people named so far, the countries roles were given, the
/// last pair of parties (named both-parties words), the organisations' head nouns.
pub(super) fn find_mentions<'m>(
    lex: &Lexicon,
    opts: &Options,
    raw: &str,
    toks: &Tokens,
    range: Range<usize>,
    matches: &'m [Match],
    ctx: &mut Ctx,
) -> SentenceMentions<'m> {
    let selected = actors::select(matches, &ctx.seen_people);
    let triggers = select_triggers(lex, matches, &selected);
    let verb_starts: Vec<usize> = triggers
        .iter()
        .filter(|m| matches!(m.entry, EntryRef::Trigger(t) if lex.triggers[t as usize].pos == Pos::Verb))
        .map(|m| m.tokens.start)
        .collect();
    for m in &selected {
        if let EntryRef::Person(p) = m.entry {
            if !ctx.seen_people.contains(&p) {
                ctx.seen_people.push(p);
            }
        }
    }
    let mut cast = chunk_cast(
        lex,
        opts,
        raw,
        toks,
        range.clone(),
        matches,
        &selected,
        &triggers,
        ctx,
    );
    own_country_references(lex, raw, toks, range.clone(), &mut cast, ctx);
    honorific_references(lex, raw, toks, range.clone(), &mut cast, ctx);
    resolve_references(lex, toks, &mut cast, ctx);
    attach_roles_to_bodies(toks, &mut cast);
    sector_by_region(lex, toks, range.clone(), &mut cast);
    former_office_holders(lex, toks, range.clone(), &mut cast);
    struck_party_targets(lex, toks, range, &mut cast);
    name_both_parties(&mut cast, ctx);
    remember_org_heads(lex, toks, &cast, ctx);
    SentenceMentions {
        selected,
        triggers,
        verb_starts,
        cast,
    }
}

/// The mentions of the `selected` actor matches ([`actors::chunk`]), with the
/// both-parties words and definite references (`المركز`) that overlap none of them, and,
/// with [`Options::tag_people`], the tagger's people where the subject may be missing;
/// sorted by first token index.
#[allow(clippy::too_many_arguments)]
fn chunk_cast(
    lex: &Lexicon,
    opts: &Options,
    raw: &str,
    toks: &Tokens,
    range: Range<usize>,
    matches: &[Match],
    selected: &[Match],
    triggers: &[&Match],
    ctx: &Ctx,
) -> Vec<Actor> {
    let mut cast = actors::chunk(toks, selected, lex, ctx.default_date.map(|d| d.first_day()));
    for b in actors::both_parties(lex, raw, toks, range.clone()) {
        if !cast
            .iter()
            .any(|a| a.tokens.start < b.tokens.end && b.tokens.start < a.tokens.end)
        {
            cast.push(b);
        }
    }
    for r in actors::definite_references(lex, raw, toks, range.clone(), &ctx.org_heads) {
        if !cast
            .iter()
            .any(|a| a.tokens.start < r.tokens.end && r.tokens.start < a.tokens.end)
        {
            cast.push(r);
        }
    }
    // the tagger runs only where a subject may be missing: no coded mention before the
    // first trigger or right after it (where a verb's subject stands)
    let first = triggers.iter().map(|m| m.tokens.end).min();
    if let Some(first) = first.filter(|_| opts.tag_people) {
        let subject_named = cast
            .iter()
            .any(|a| a.is_coded() && a.prep.is_none() && a.tokens.start <= first);
        if !subject_named {
            unknown_people(toks, range.clone(), matches, raw, &mut cast);
        }
    }
    cast.sort_by_key(|a| a.tokens.start);
    cast
}

/// Roles named without a country: a dual role (الرئيسان) is the two parties of the last
/// event, a plural role the last list of that role (السفراء), any other takes the country
/// the article gave the role ([`resolve_role_country`]).
fn resolve_references(lex: &Lexicon, toks: &Tokens, cast: &mut [Actor], ctx: &mut Ctx) {
    for a in cast.iter_mut() {
        // a dual role without a country (الرئيسان) is the two parties of the last event
        if a.agent.is_some()
            && a.bare_sector().is_some()
            && ctx.last_pair.is_some()
            && actors::dual_role(lex, toks, a.tokens.start)
        {
            a.both_parties = true;
            a.code = String::new();
            continue;
        }
        // a plural role without a country refers to the last list of that role
        if let (Some(agent), Some(_)) = (&a.agent, a.bare_sector()) {
            if let Some(g) = ctx.groups.get(agent) {
                if actors::plural_role(toks, a.tokens.start) {
                    a.members = g.clone();
                    a.code = g[0].code.clone();
                    continue;
                }
            }
        }
        resolve_role_country(a, ctx);
    }
}

/// A role without a country followed by في and a named body (نظرائه في مجلس التعاون،
/// المستشار في السفارة الأمريكية) belongs to that body.
fn attach_roles_to_bodies(toks: &Tokens, cast: &mut [Actor]) {
    for i in 0..cast.len() {
        let Some(sector) = cast[i].bare_sector().map(str::to_string) else {
            continue;
        };
        if cast[i].agent.is_none() || !cast[i].members.is_empty() || cast[i].both_parties {
            continue;
        }
        let end = cast[i].tokens.end;
        let body = cast.iter().find(|b| {
            (b.tokens.start == end || b.tokens.start == end + 1 && key(toks, end) == "في")
                && b.prep.as_deref() == Some("في")
                && b.is_coded()
                && !b.capital_only
                && b.code.len() > 3
                && matches!(b.refs.first(), Some(EntryRef::Organization(_)))
        });
        if let Some(b) = body {
            let code = match country_of(&b.code) {
                Some(c) => format!("{c}{sector}"),
                None => b.code.clone(),
            };
            cast[i].code = code;
        }
    }
}

/// A group named by its sector alone (مسلحون، مركز شرطة) in a sentence (token indices
/// `range`) set in a part of one country (جنوب تركيا، شمال العراق) belongs to that country.
fn sector_by_region(lex: &Lexicon, toks: &Tokens, range: Range<usize>, cast: &mut [Actor]) {
    let set_in: Vec<String> = cast
        .iter()
        .filter(|a| a.code.len() == 3 && a.is_coded() && !a.code.starts_with("IGO"))
        .filter(|a| {
            lex.words(WordList::Directions)
                .contains(key(toks, a.tokens.start))
                || a.tokens.start > range.start
                    && lex
                        .words(WordList::Directions)
                        .contains(key(toks, a.tokens.start - 1))
        })
        .map(|a| a.code.clone())
        .collect();
    if let Some(c) = set_in.first().filter(|c| set_in.iter().all(|d| d == *c)) {
        for a in cast.iter_mut() {
            if a.members.is_empty() && !a.both_parties && a.code.len() == 3 && !a.is_coded() {
                // (unidentified attackers stay UAF: GUIDE.md)
                if let Some(sector) = a.bare_sector().filter(|s| *s != "UAF").map(str::to_string) {
                    a.code = format!("{c}{sector}");
                }
            }
        }
    }
}

/// A former or deposed office holder (الرئيس السابق، الرئيس المخلوع) is no longer the
/// government: the country alone.
fn former_office_holders(lex: &Lexicon, toks: &Tokens, range: Range<usize>, cast: &mut [Actor]) {
    for a in cast.iter_mut() {
        let former = (a.tokens.start..=a.tokens.end.min(range.end.saturating_sub(1)))
            .filter(|&k| k >= range.start)
            .any(|k| lex.words(WordList::Former).contains(key(toks, k)));
        if former && a.code.len() == 6 && a.code.ends_with("GOV") && country_of(&a.code).is_some() {
            a.code.truncate(3);
        }
    }
}

/// The party whose positions are struck (ضد أهداف لحزب X، على مواقع X): the attack's
/// target, as if named after ضد / على (its `prep` becomes that preposition).
fn struck_party_targets(lex: &Lexicon, toks: &Tokens, range: Range<usize>, cast: &mut [Actor]) {
    for a in cast.iter_mut() {
        let k = a.tokens.start;
        if k < range.start + 2 || !matches!(a.prep.as_deref(), None | Some("ل")) {
            continue;
        }
        let noun = key(toks, k - 1);
        let prep = key(toks, k - 2);
        let prep = prep.strip_prefix(['و', 'ف']).unwrap_or(prep);
        if lex.words(WordList::TargetNouns).contains(noun) && matches!(prep, "ضد" | "علي") {
            a.prep = Some(prep.to_string());
        }
    }
}

/// Adds to `cast` the people the trained tagger ([`rasid_ner`]) finds in tokens `range`
/// that no mention covers or ends next to: named mentions without a code (entry
/// [`UNKNOWN_PERSON`]), so an
/// unknown person who is a sentence's subject is seen as such (the event is not given to
/// a subject carried from an earlier sentence) and is named in `explain`.
fn unknown_people(
    toks: &Tokens,
    range: Range<usize>,
    matches: &[Match],
    raw: &str,
    cast: &mut Vec<Actor>,
) {
    let Ok(tagger) = rasid_ner::Tagger::shipped() else {
        return;
    };
    for e in tagger.tag_with_matches(toks, range, matches) {
        // (a name right after a mention is that mention's apposition: a role's holder,
        // a list's next member)
        if e.kind != rasid_ner::Kind::Pers
            || cast
                .iter()
                .any(|a| a.tokens.start < e.tokens.end && e.tokens.start <= a.tokens.end + 1)
        {
            continue;
        }
        let span = Span::new(e.span.start, e.span.end);
        let mut a = Actor::plain(e.tokens, span, "", &raw[e.span], UNKNOWN_PERSON.into());
        a.named = true;
        cast.push(a);
    }
}

/// Gives a role named without a country the country it had earlier in the article, else
/// the home country (the reporting agency's or the dateline's); remembers the country of
/// roles named with one.
fn resolve_role_country(a: &mut Actor, ctx: &mut Ctx) {
    let Some(agent) = a.agent.clone() else { return };
    if let Some(sector) = a.bare_sector().map(str::to_string) {
        let home = ctx.home_country.as_ref().filter(|_| ctx.home_roles);
        if let Some(c) = ctx.role_country.get(&agent).or(home) {
            // an organisation keeps its whole code (المبعوث الخاص → IGOUNO)
            a.code = if country_of(c).is_some() {
                format!("{c}{sector}")
            } else {
                c.clone()
            };
        }
    } else if let Some(c) = country_of(&a.code) {
        if a.code.len() >= 6 {
            ctx.role_country.insert(agent, c.to_string());
        }
    } else if a.is_coded() {
        ctx.role_country.insert(agent, a.code.clone());
    }
}

/// Records, for each organisation named in `cast` by a name that starts with one of
/// list `org-heads` (`lexicons/words.tsv`) (`مركز الملك سلمان`), the head noun and a mention coded as that
/// organisation, for later definite references (`المركز`).
fn remember_org_heads(lex: &Lexicon, toks: &Tokens, cast: &[Actor], ctx: &mut Ctx) {
    for a in cast {
        let Some((oi, org)) = a.refs.iter().find_map(|r| match *r {
            EntryRef::Organization(o) => {
                Some((o, &lex.organizations[o as usize])).filter(|(_, org)| !org.code.is_empty())
            }
            _ => None,
        }) else {
            continue;
        };
        let Some(head) = a.tokens.clone().find_map(|k| {
            let w = toks.fold(k);
            let w = w.strip_prefix("ال").unwrap_or(w);
            lex.words(WordList::OrgHeads).iter().find(|h| *h == w)
        }) else {
            continue;
        };
        ctx.org_heads.retain(|(h, _)| h != head);
        let mut r = a.clone();
        r.code = org.code.clone();
        r.name = org.en.clone();
        r.entry = org.id.clone();
        r.refs = vec![EntryRef::Organization(oi)];
        r.agent = None;
        r.named = true;
        r.capital_only = false;
        ctx.org_heads.push((head.to_string(), r));
    }
}

/// `الجانبان المصري والروسي`: a both-parties word followed by two coordinated
/// nationalities names the pair itself. The three mentions become one both-parties
/// mention, and the pair becomes the one it refers to.
fn name_both_parties(cast: &mut Vec<Actor>, ctx: &mut Ctx) {
    let nationality = |a: &Actor| a.code.len() == 3 && !a.named && a.agent.is_none();
    let Some(i) = (0..cast.len().saturating_sub(2)).find(|&i| {
        let (b, x, y) = (&cast[i], &cast[i + 1], &cast[i + 2]);
        b.both_parties
            && x.tokens.start == b.tokens.end
            && y.tokens.start == x.tokens.end
            && y.conj
            && nationality(x)
            && nationality(y)
            && x.code != y.code
    }) else {
        return;
    };
    let y = cast.remove(i + 2);
    let x = cast.remove(i + 1);
    let b = &mut cast[i];
    b.tokens.end = y.tokens.end;
    b.span = Span::new(b.span.start, y.span.end);
    ctx.last_pair = Some((x, y));
}

/// Adds to `cast` a mention for each `بلاده` in `range` (`أكد الوزير الروسي أن بلاده …`):
/// the country of the nearest subject before it (a coded actor without a preposition),
/// else of the subject carried from the previous sentence.
fn own_country_references(
    lex: &Lexicon,
    raw: &str,
    toks: &Tokens,
    range: Range<usize>,
    cast: &mut Vec<Actor>,
    ctx: &Ctx,
) {
    let mut added = Vec::new();
    for i in range {
        let w = toks.fold(i);
        // every `own-country` word is بلاد + pronoun, after at most two one-letter
        // proclitics: a cheap byte test first
        let stem_at = |o: usize| w.as_bytes().get(o..o + "بلاد".len()) == Some("بلاد".as_bytes());
        if !(stem_at(0) || stem_at(2) || stem_at(4)) {
            continue;
        }
        let bare = w.strip_prefix(['و', 'ف']).unwrap_or(w);
        let (prep, stem) = match bare.strip_prefix(['ل', 'ب']) {
            Some(rest) if lex.words(WordList::OwnCountry).contains(rest) => {
                (Some(bare[..bare.len() - rest.len()].to_string()), rest)
            }
            _ => (None, bare),
        };
        if !lex.words(WordList::OwnCountry).contains(stem)
            || cast.iter().any(|a| a.tokens.start <= i && i < a.tokens.end)
        {
            continue;
        }
        let subject = cast
            .iter()
            .rev()
            .find(|a| a.tokens.end <= i && a.prep.is_none() && a.is_coded() && !a.both_parties)
            .or(ctx.last_subject.as_ref());
        let Some(country) = subject.and_then(|s| country_of(&s.code)) else {
            continue;
        };
        let t = toks.tokens[i];
        let skip = w.len() - stem.len();
        let start = t.span.start + rasid_text::fold_prefix_to_raw(&raw[t.span.range()], skip);
        added.push(Actor {
            tokens: i..i + 1,
            span: Span::new(start, t.span.end),
            code: country.to_string(),
            name: String::new(),
            entry: String::new(),
            refs: Vec::new(),
            prep,
            conj: w.starts_with('و') && skip > 0,
            named: true,
            both_parties: false,
            agent: None,
            capital_only: false,
            members: Vec::new(),
            refers_back: false,
        });
    }
    cast.extend(added);
    cast.sort_by_key(|a| a.tokens.start);
}

/// Token `i`'s folded word without the proclitics و، ف، ل، ب (one each, in that order):
/// the word and the preposition taken off, if any.
fn without_proclitics(w: &str) -> (&str, Option<&str>) {
    let w = w.strip_prefix(['و', 'ف']).unwrap_or(w);
    match w.strip_prefix(['ل', 'ب']) {
        Some(rest) if rest.chars().count() >= 3 => (rest, Some(&w[..w.len() - rest.len()])),
        _ => (w, None),
    }
}

/// The honorific an honorific possessive is made of (folded): the word less its pronoun,
/// with ت back to ة (`سموه` → `سمو`، `فخامته` → `فخامه`).
fn honorific_of(possessive: &str) -> String {
    let w = possessive
        .strip_suffix("ها")
        .or_else(|| possessive.strip_suffix('ه'))
        .unwrap_or(possessive);
    match w.strip_suffix('ت') {
        Some(stem) => format!("{stem}ه"),
        None => w.to_string(),
    }
}

/// The honorifics the honorific possessives of `lex` are made of ([`honorific_of`]), each
/// once.
pub(super) fn honorifics(lex: &Lexicon) -> Vec<String> {
    let mut out: Vec<String> = lex
        .words(WordList::HonorificPossessives)
        .iter()
        .map(honorific_of)
        .collect();
    out.sort_unstable();
    out.dedup();
    out
}

/// Adds to `cast` a mention for each honorific possessive in `range` (`سموه`، `لمعاليه`):
/// the person last named with that honorific, before it in the sentence or in an earlier
/// one (`ctx.honored`); and records in `ctx.honored` the coded mentions of the sentence
/// named with an honorific (within the four tokens before them, or inside them).
fn honorific_references(
    lex: &Lexicon,
    raw: &str,
    toks: &Tokens,
    range: Range<usize>,
    cast: &mut Vec<Actor>,
    ctx: &mut Ctx,
) {
    let possessives = lex.words(WordList::HonorificPossessives);
    // one pass over the sentence (most have neither): its honorific tokens (`السمو`،
    // `لمعالي`) and its honorific possessives (`سموه`، `لمعاليه`), folded, in text order
    let mut honorific_tokens: Vec<(usize, &str)> = Vec::new();
    let mut possessive_tokens: Vec<(usize, &str, Option<&str>)> = Vec::new();
    for k in range.clone() {
        let (w, prep) = without_proclitics(toks.fold(k));
        if possessives.contains(w) {
            possessive_tokens.push((k, w, prep));
        }
        let w = w.strip_prefix("ال").unwrap_or(w);
        if ctx.honorifics.iter().any(|h| h == w) {
            honorific_tokens.push((k, w));
        }
    }
    // the sentence's mentions named with an honorific (within the four tokens before
    // them, or inside them), in text order
    let honored: Vec<(String, Actor)> = if honorific_tokens.is_empty() {
        Vec::new()
    } else {
        cast.iter()
            .filter(|a| a.is_coded() && !a.both_parties)
            .filter_map(|a| {
                let from = a.tokens.start.saturating_sub(4).max(range.start);
                honorific_tokens
                    .iter()
                    .find(|(k, _)| (from..a.tokens.end).contains(k))
                    .map(|(_, h)| (h.to_string(), a.clone()))
            })
            .collect()
    };
    let mut added = Vec::new();
    for (i, w, prep) in possessive_tokens {
        let honorific = honorific_of(w);
        if cast.iter().any(|a| a.tokens.start <= i && i < a.tokens.end) {
            continue;
        }
        let person = honored
            .iter()
            .rev()
            .find(|(h, a)| *h == honorific && a.tokens.end <= i)
            .or_else(|| ctx.honored.iter().find(|(h, _)| *h == honorific))
            .map(|(_, a)| a);
        let Some(person) = person else { continue };
        let t = toks.tokens[i];
        let word = toks.fold(i);
        let skip = word.len() - w.len();
        let start = t.span.start + rasid_text::fold_prefix_to_raw(&raw[t.span.range()], skip);
        added.push(Actor {
            tokens: i..i + 1,
            span: Span::new(start, t.span.end),
            prep: prep.map(str::to_string),
            conj: word.starts_with('و') && word.len() > w.len(),
            members: Vec::new(),
            refers_back: true,
            ..person.clone()
        });
    }
    for (h, a) in honored {
        ctx.honored.retain(|(k, _)| *k != h);
        ctx.honored.push((h, a));
    }
    cast.extend(added);
    cast.sort_by_key(|a| a.tokens.start);
}
