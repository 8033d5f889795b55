//! Stage 2 of [`super::code_sentence`]: what surrounds the triggers of one sentence. The
//! cue words, the attribution clauses (`وفق`، `بحسب` …: whoever is named there is an
//! outlet, not a party), the reported speech (quotations and the clauses of speech
//! verbs, each with its speaker), the places, and the clause-opening connectives.

use super::mentions::SentenceMentions;
use super::{key, quote_ranges, speech_clauses, Ctx, Speech, MIN_QUOTE};
use crate::actors::Actor;
use rasid_lexicon::{CueKind, EntryRef, Lexicon, Match};
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
