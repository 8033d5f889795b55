//! The Arabic text layer of rasid: input decoding, documents, normalization with offset
//! maps, tokens, clitic segmentation, sentences, agency datelines and trailing
//! boilerplate.
//!
//! Every span is a half-open UTF-8 byte range into the **raw** input text, so
//! `&raw[span.range()]` is always the surface form as published. Normalization never
//! rewrites the raw text; it produces keys (exact and folded, see [`normalize`]) that
//! point back to raw bytes.
//!
//! Main types and functions, in pipeline order:
//!
//! * [`decode`] (bytes → text, strict or lossy, BOM stripped; [`DecodeError`], [`Warning`]);
//! * [`Document`] (raw text + metadata), [`Normalized`] (normalized text + offset map);
//! * [`tokenize`] → [`Tokens`] / [`Token`] with exact and folded keys;
//! * [`clitic::segment`] → [`clitic::Candidate`] (proclitics + stem + enclitic);
//! * [`split_sentences`] → [`Sentence`] (titles, bylines and the dateline are units);
//! * [`find_dateline`] → [`Dateline`] (place, date and agency spans);
//! * [`boilerplate_spans`] / [`content_spans`] (trailing scraped-page boilerplate).
//!
//! ```
//! use rasid_text::{tokenize, split_sentences, find_dateline, boilerplate_spans};
//! let raw = "أنقرة - الأناضول - وزارَ الوزيرُ أنقرة. ثم عاد.\n// انتهى //";
//! let toks = tokenize(raw);
//! let sents = split_sentences(raw, &toks);
//! let s: Vec<&str> = sents.iter().map(|s| &raw[s.span.range()]).collect();
//! assert_eq!(s, ["أنقرة - الأناضول -", "وزارَ الوزيرُ أنقرة.", "ثم عاد.", "// انتهى //"]);
//! let d = find_dateline(raw, &toks).unwrap();
//! assert_eq!(&raw[d.agency.unwrap().range()], "الأناضول");
//! assert_eq!(&raw[boilerplate_spans(raw)[0].range()], "// انتهى //");
//! assert_eq!(toks.fold(6), "انقره");
//! ```
#![deny(missing_docs)]

pub mod boilerplate;
pub mod clause;
pub mod clitic;
pub mod dateline;
pub mod decode;
pub mod normalize;
pub mod sentence;
pub mod token;

pub use boilerplate::{boilerplate_spans, content_spans};
pub use clause::{clause_break, next_clause_break};
pub use clitic::{Candidate, StemLexicon};
pub use dateline::{find_dateline, Dateline};
pub use decode::{decode, DecodeError, Warning};
pub use normalize::{fold, fold_char, norm_char, Normalized};
pub use sentence::{split_sentences, Sentence, MAX_SENTENCE_TOKENS};
pub use token::{tokenize, Token, TokenKind, Tokens};

use std::ops::Range;

/// A half-open byte range `start..end` into a raw UTF-8 text. Serialized as `[start, end]`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Default)]
pub struct Span {
    /// First byte.
    pub start: usize,
    /// One past the last byte.
    pub end: usize,
}

impl Span {
    /// A span from `start` to `end` (bytes).
    pub const fn new(start: usize, end: usize) -> Span {
        Span { start, end }
    }
    /// The span as a `Range` for slicing: `&raw[span.range()]`.
    pub fn range(&self) -> Range<usize> {
        self.start..self.end
    }
    /// The smallest span covering both.
    pub fn cover(&self, other: Span) -> Span {
        Span::new(self.start.min(other.start), self.end.max(other.end))
    }
    /// Length in bytes.
    pub fn len(&self) -> usize {
        self.end - self.start
    }
    /// True when empty.
    pub fn is_empty(&self) -> bool {
        self.end <= self.start
    }
}

impl serde::Serialize for Span {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        [self.start, self.end].serialize(s)
    }
}

/// A document: its raw text (UTF-8, as published) and metadata. Everything derived from
/// it (tokens, sentences, events) refers to `text` by byte spans.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Document {
    /// Stable identifier (from the input line, or the file stem).
    pub doc_id: String,
    /// Raw text.
    pub text: String,
    /// Article (publication) date, UTC, used to resolve relative dates.
    pub date: Option<chrono::NaiveDate>,
    /// Headline, if known.
    pub title: Option<String>,
    /// Address of the article, if known.
    pub url: Option<String>,
    /// Outlet name, if known.
    pub source: Option<String>,
}

/// Maps a prefix of a token's folded key back to raw bytes: returns the raw byte offset,
/// relative to the start of `raw_token`, where the folded prefix of `fold_bytes` bytes
/// ends (diacritics attached to the last kept letter stay with it).
///
/// ```
/// // "وَلِتركيا": the folded key is "ولتركيا"; its first 4 bytes ("ول") end at raw byte 8
/// assert_eq!(rasid_text::fold_prefix_to_raw("وَلِتركيا", 4), 8);
/// ```
pub fn fold_prefix_to_raw(raw_token: &str, fold_bytes: usize) -> usize {
    let mut seen = 0;
    for (i, c) in raw_token.char_indices() {
        if seen >= fold_bytes {
            // skip marks belonging to the previous letter
            if fold_char(c).is_some() {
                return i;
            }
            continue;
        }
        if let Some(pair) = normalize::lam_alef(c) {
            // a ligature keys as its two letters
            seen += pair
                .iter()
                .filter_map(|&l| fold_char(l))
                .map(char::len_utf8)
                .sum::<usize>();
        } else if let Some(f) = fold_char(c) {
            seen += f.len_utf8();
        }
    }
    raw_token.len()
}
