//! Stage 2 of [`super::code_sentence`]: what surrounds the triggers of one sentence. The
//! cue words, the attribution clauses (`وفق`، `بحسب` …: whoever is named there is an
//! outlet, not a party), the reported speech (quotations and the clauses of speech
//! verbs, each with its speaker), the places, and the clause-opening connectives.

use super::mentions::SentenceMentions;
use super::{key, Ctx, VSO_WINDOW};
use crate::actors::Actor;
use rasid_lexicon::{CueKind, EntryRef, Lexicon, Match, WordList};
use rasid_text::Tokens;
use std::ops::Range;

/// The clauses, speech and places of one sentence. Ranges are token indices.
pub(super) struct SentenceContext<'m> {
    /// The cue matches with no proclitic but و or ف, with their kinds, in text order;
    /// borrowed from the sentence's matches.
    pub cues: Vec<(CueKind, &'m Match)>,
    /// The attribution clauses (`وفق`، `بحسب` … up to the next punctuation), token ranges.
    pub attribution: Vec<Range<usize>>,
    /// The quotations of the sentence long enough to be speech and no name
    /// ([`MIN_QUOTE`]), token ranges ([`quote_ranges`]).
    pub quotes: Vec<Range<usize>>,
    /// The reported speech: each quotation and reported clause with its speaker.
    pub speech: Vec<Speech>,
    /// True when the sentence's first speech verb has a subject the lexicon does not
    /// know ([`speech_clauses`]).
    pub unknown_speaker: bool,
    /// The place matches, in text order; borrowed from the sentence's matches.
    pub places: Vec<&'m Match>,
    /// The clause-opening connectives (first token index, length in tokens), in text
    /// order; looked for only in a sentence with a trigger.
    pub breaks: Vec<(usize, usize)>,
}

impl SentenceContext<'_> {
    /// True when token `i` is inside an attribution clause.
    pub fn in_attribution(&self, i: usize) -> bool {
        self.attribution.iter().any(|r| r.contains(&i))
    }
}

/// Reads the context of the sentence over token indices `range` of `toks` from its lexicon
/// `matches` and its `mentions`, whose cast loses the mentions inside attribution clauses
/// and the news media (outlets, not parties). Reads the speaker of a quotation left open
/// in the last sentence from `ctx`.
pub(super) fn read_context<'m>(
    lex: &Lexicon,
    toks: &Tokens,
    range: Range<usize>,
    matches: &'m [Match],
    mentions: &mut SentenceMentions<'_>,
    ctx: &Ctx,
) -> SentenceContext<'m> {
    // attribution clauses: actors inside them are outlets, not parties
    let cues: Vec<(CueKind, &Match)> = matches
        .iter()
        .filter(|m| matches!(m.proclitic, "" | "و" | "ف"))
        .filter_map(|m| {
            if let EntryRef::Cue(c) = m.entry {
                Some((lex.cues[c as usize].kind, m))
            } else {
                None
            }
        })
        .collect();
    let attribution: Vec<Range<usize>> = cues
        .iter()
        .filter(|(k, _)| *k == CueKind::Attribution)
        .map(|(_, m)| {
            let end = (m.tokens.end..range.end)
                .find(|&i| matches!(key(toks, i), "," | ":" | "." | ";"))
                .unwrap_or(range.end);
            m.tokens.start..end
        })
        .collect();
    let in_attribution = |i: usize| attribution.iter().any(|r| r.contains(&i));
    let media = |a: &Actor| {
        a.refs.iter().any(
            |r| matches!(r, EntryRef::Organization(o) if lex.organizations[*o as usize].kind == "media"),
        )
    };
    let cast = &mut mentions.cast;
    cast.retain(|a| !in_attribution(a.tokens.start) && !media(a));

    // reported speech: quotations and the clauses of speech verbs, each with its speaker
    // a short quotation, or one that is a name («داعش»، «وحدات حماية الشعب»), is not speech
    let quotes: Vec<Range<usize>> = quote_ranges(toks, range.clone(), ctx.last_speaker.is_some())
        .into_iter()
        .filter(|q| {
            q.len() >= MIN_QUOTE
                && !cast
                    .iter()
                    .any(|a| a.tokens.start <= q.start && q.end <= a.tokens.end + 1)
        })
        .collect();
    let (speech, unknown_speaker) =
        speech_clauses(lex, toks, &cues, cast, &quotes, range.clone(), ctx);

    // places
    let places: Vec<&Match> = matches
        .iter()
        .filter(|m| matches!(m.entry, EntryRef::Place(_)))
        .collect();

    // the clause-opening connectives of the sentence (token, length), in order
    // (looked for only where there is a trigger to take arguments)
    let breaks: Vec<(usize, usize)> = (if mentions.triggers.is_empty() {
        0..0
    } else {
        range.clone()
    })
    .map(|k| (k, rasid_text::clause_break(toks, k)))
    .filter(|&(_, n)| n > 0)
    .collect();
    SentenceContext {
        cues,
        attribution,
        quotes,
        speech,
        unknown_speaker,
        places,
        breaks,
    }
}

/// Fewest tokens in a quotation that reports speech (shorter ones quote a name or a term).
const MIN_QUOTE: usize = 4;

/// Token ranges of the quotations of a sentence (`«…»`, `“…”`, `"…"`): the tokens
/// between the marks. A quotation left open runs to the end of the sentence; a closing
/// mark without an opening one closes a quotation that began in an earlier sentence when
/// `open_before` (a speaker is known), and is ignored otherwise.
fn quote_ranges(toks: &Tokens, range: Range<usize>, open_before: bool) -> Vec<Range<usize>> {
    let mut out = Vec::new();
    let mut open: Option<usize> = None;
    let mut straight = false;
    for i in range.clone() {
        match key(toks, i) {
            "«" | "“" if open.is_none() => open = Some(i + 1),
            "\"" if open.is_none() => {
                open = Some(i + 1);
                straight = true;
            }
            "»" | "”" if !straight => match open.take() {
                Some(o) => out.push(o..i),
                None if out.is_empty() && open_before => out.push(range.start..i),
                None => {}
            },
            "\"" if straight => {
                out.push(open.take().unwrap_or(i)..i);
                straight = false;
            }
            _ => {}
        }
    }
    if let Some(o) = open {
        out.push(o..range.end);
    }
    out
}

/// A stretch of reported speech: a quotation, or the clause after a speech verb and its
/// complementizer (`قال X إنه …`), with its speaker when one is known.
#[derive(Clone)]
pub(super) struct Speech {
    /// The quotation or reported clause, token indices.
    pub(super) clause: Range<usize>,
    /// Its speaker, when one is known.
    pub(super) speaker: Option<Actor>,
    /// True for a quotation (between quotation marks).
    pub(super) quoted: bool,
}

/// The cue of speech participles (`مضيفا`، `مؤكدا`): their speaker is the sentence's.
const PARTICIPLES: &str = "rep.participle";

/// Continuation cues that are not speech verbs (`كما`، `أجرى`، `بحث`).
const NOT_SPEECH: &[&str] = &["cont.kama", "cont.ajra", "cont.bahatha"];

/// The reported speech of a sentence, and whether its first speech verb has a subject the
/// lexicon does not know: each quotation with the speaker of the speech verb
/// that introduces it, and each `أن` clause of a speech verb. The speaker of a speech verb
/// is the first bare actor after it (`قال الوزير`), else one right before it (`الوزير
/// قال`); a participle (`مضيفا`، `مؤكدا`) or a verb with neither has the speaker of the
/// sentence's earlier speech, else the subject carried from the previous sentence.
fn speech_clauses(
    lex: &Lexicon,
    toks: &Tokens,
    cues: &[(CueKind, &Match)],
    cast: &[Actor],
    quotes: &[Range<usize>],
    range: Range<usize>,
    ctx: &Ctx,
) -> (Vec<Speech>, bool) {
    let mut unknown_first = false;
    let quoted = |i: usize| quotes.iter().any(|q| q.contains(&i));
    let bare =
        |a: &&Actor| a.prep.is_none() && a.is_coded() && !a.both_parties && !quoted(a.tokens.start);
    let mut verbs: Vec<(usize, Option<Actor>)> = Vec::new();
    // the speaker of the sentence's last speech verb (`Some(None)`: someone unknown)
    let mut last: Option<Option<Actor>> = None;
    for (kind, c) in cues {
        let id = match c.entry {
            EntryRef::Cue(k) => lex.cues[k as usize].id.as_str(),
            _ => "",
        };
        let speech_verb = match kind {
            CueKind::Report => true,
            CueKind::Continuation => !NOT_SPEECH.contains(&id),
            _ => false,
        };
        if !speech_verb || quoted(c.tokens.start) {
            continue;
        }
        let end = c.tokens.end;
        let participle = id == PARTICIPLES;
        let stop = quotes
            .iter()
            .map(|q| q.start)
            .chain(
                (end..range.end)
                    .find(|&k| lex.words(WordList::Complementizers).contains(key(toks, k))),
            )
            .filter(|&k| k >= end)
            .min()
            .unwrap_or(range.end);
        let after = cast
            .iter()
            .filter(bare)
            .find(|a| {
                a.tokens.start >= end && a.tokens.start <= end + VSO_WINDOW && a.tokens.start < stop
            })
            .cloned();
        let right_before = cast
            .iter()
            .filter(bare)
            .rfind(|a| a.tokens.end <= c.tokens.start && a.tokens.end + 2 >= c.tokens.start)
            .cloned();
        // an unknown subject right after the verb (قال مصدر، أكد فلان): no speaker
        let unknown =
            after.is_none() && !participle && unknown_subject(lex, toks, cast, end, range.end);
        if unknown && verbs.is_empty() {
            unknown_first = true;
        }
        let speaker = after
            .filter(|_| !unknown)
            .or(if participle || unknown {
                None
            } else {
                right_before
            })
            .filter(|_| !unknown)
            .or_else(|| last.clone().flatten())
            .or_else(|| {
                ctx.last_subject
                    .clone()
                    .filter(|_| last.is_none() && (c.tokens.start < range.start + 3 || participle))
            })
            .filter(|_| !unknown);
        if !participle || speaker.is_some() {
            last = Some(speaker.clone());
        }
        verbs.push((c.tokens.start, speaker));
    }
    let mut out = Vec::new();
    // a quotation belongs to the last speech verb before it (within the sentence), else to
    // the speaker of a quotation that began in an earlier sentence
    for q in quotes {
        let speaker = verbs
            .iter()
            .rev()
            .find(|(v, _)| *v < q.start)
            .and_then(|(_, s)| s.clone())
            .or_else(|| ctx.last_speaker.clone().filter(|_| q.start == range.start));
        out.push(Speech {
            clause: q.clone(),
            speaker,
            quoted: true,
        });
    }
    // an أن clause right after a speech verb (up to 12 words on) runs to the next speech
    // verb or the sentence end
    for (n, (v, speaker)) in verbs.iter().enumerate() {
        let next = verbs.get(n + 1).map_or(range.end, |(w, _)| *w);
        if let Some(k) = (v + 1..next.min(v + 26))
            .find(|&k| lex.words(WordList::Complementizers).contains(key(toks, k)) && !quoted(k))
        {
            out.push(Speech {
                clause: k + 1..next,
                speaker: speaker.clone(),
                quoted: false,
            });
        }
    }
    out.sort_by_key(|c| c.clause.start);
    (out, unknown_first)
}

/// True when the word at `at` is the subject of a speech verb that the lexicon does not
/// know: a role without a country, or a word that is not a preposition, a time word, an
/// honorific with a pronoun (معاليه، سموه) or punctuation, and has no article or
/// preposition on it (a name: أكد فلان).
fn unknown_subject(lex: &Lexicon, toks: &Tokens, cast: &[Actor], at: usize, end: usize) -> bool {
    if at >= end {
        return false;
    }
    if let Some(a) = cast.iter().find(|a| a.tokens.start == at) {
        return !a.is_coded() && !a.both_parties;
    }
    let w = key(toks, at);
    let word = w.chars().next().is_some_and(|c| c.is_alphabetic());
    word && !w.starts_with("ال")
        && !w.starts_with(['ب', 'ل', 'و', 'ف'])
        && !lex.words(WordList::Prepositions).contains(w)
        && !lex.words(WordList::AfterSpeech).contains(w)
        && !["معالي", "سمو", "فخامت", "سعادت", "دولت", "جلالت", "سماحت"]
            .iter()
            .any(|h| w.starts_with(h))
}
