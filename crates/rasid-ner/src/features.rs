//! Observation features of a token in its sentence, as 64-bit hashes.
//!
//! Every feature is a template (what is observed, and where: the token itself or a
//! neighbour up to two tokens away) and a value (a folded form, a lexicon hit, …) mixed
//! into one `u64` ([`key`]). The same function ([`Sentence::features`]) serves training
//! and tagging, so a model and the tagger can never disagree on what a feature means.
//! The hash is this crate's own (FNV-1a over the bytes, then the splitmix64 finalizer),
//! stable across platforms and Rust versions, so a saved model stays valid.
//!
//! Templates, for token `i` of a sentence:
//!
//! * the token itself: bias; folded form; form without clitics (see [`strip_clitics`]);
//!   the proclitics stripped; the first and last 1–3 letters of the bare form; word
//!   shape (Arabic/Latin/mixed word and its length up to 8 letters, number, punctuation);
//!   lexicon hits as IOB positions (`B`/`I` of a country, capital, nisba, demonym,
//!   organisation, person, person surname, role, place, trigger or cue phrase); name-list
//!   hits (the model's list of bare forms seen first in, or inside, a PERS/ORG/LOC span
//!   of the training data);
//! * neighbours: folded forms at −2…+2, bare forms at ±1, lexicon hits at −2…+2,
//!   name-list hits at ±1, and the word bigrams (−2,−1), (−1,0), (0,+1), (+1,+2).

use crate::clusters::Clusters;
use rasid_lexicon::{EntryRef, Match};
use rasid_text::{TokenKind, Tokens};
use rustc_hash::FxHashMap;
use std::ops::Range;

/// FNV-1a over `bytes`.
#[inline]
pub(crate) fn fnv(bytes: &[u8]) -> u64 {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for &b in bytes {
        h ^= b as u64;
        h = h.wrapping_mul(0x0000_0100_0000_01b3);
    }
    h
}

/// Mixes two 64-bit values (splitmix64 finalizer over `a ^ b·φ`).
#[inline]
pub(crate) fn mix(a: u64, b: u64) -> u64 {
    let mut z = a ^ b.wrapping_mul(0x9e37_79b9_7f4a_7c15);
    z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
    z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
    z ^ (z >> 31)
}

/// The feature key of template `t` with value hash `v`; never 0 (the feature table's
/// empty slot).
#[inline]
pub(crate) fn key(t: Template, v: u64) -> u64 {
    match mix(0x5241_5349_444e_4552 ^ ((t as u64) << 8), v) {
        0 => 1,
        k => k,
    }
}

/// Feature templates. The numbers are part of the model format: never renumber.
#[derive(Debug, Clone, Copy)]
#[repr(u8)]
pub(crate) enum Template {
    Bias = 1,
    W0 = 2,
    B0 = 3,
    P0 = 4,
    Pre1 = 5,
    Pre2 = 6,
    Pre3 = 7,
    Suf1 = 8,
    Suf2 = 9,
    Suf3 = 10,
    Shape = 11,
    Lex0 = 12,
    Dict0 = 13,
    Wm1 = 14,
    Wp1 = 15,
    Wm2 = 16,
    Wp2 = 17,
    Bm1 = 18,
    Bp1 = 19,
    Lexm1 = 20,
    Lexp1 = 21,
    Lexm2 = 22,
    Lexp2 = 23,
    Dictm1 = 24,
    Dictp1 = 25,
    Bigm2m1 = 26,
    Bigm10 = 27,
    Big0p1 = 28,
    Bigp1p2 = 29,
    Pre4 = 30,
    Suf4 = 31,
    Dictm2 = 32,
    Dictp2 = 33,
    BigBm10 = 34,
    Wm1Shape0 = 35,
    Clu0 = 36,
    Clum1 = 37,
    Clup1 = 38,
    Clum2 = 39,
    Clup2 = 40,
    Clum10 = 41,
    Clu0p1 = 42,
}

/// Proclitic sequences before the article (longest first): `وبال…` → `وب` + `ال…`.
const BEFORE_ARTICLE: [&str; 9] = ["وب", "وك", "فب", "فك", "و", "ف", "ب", "ك", ""];

/// Splits a folded word into (proclitics, bare form): a conjunction or preposition and
/// the article are taken off when at least two letters remain (`والرياض` → (`وال`,
/// `رياض`), `للامم` → (`لل`, `امم`)); otherwise a leading و or ف is taken off a word of
/// four or more letters (`ومحمد` → (`و`, `محمد`)); otherwise nothing. The split is a
/// feature, not an analysis: both forms are kept (`وليد` also reads `ليد`).
pub fn strip_clitics(w: &str) -> (&str, &str) {
    let chars = |s: &str| s.chars().count();
    for p in ["ولل", "فلل", "لل"] {
        if let Some(rest) = w.strip_prefix(p) {
            if chars(rest) >= 2 {
                return (&w[..p.len()], rest);
            }
        }
    }
    for p in BEFORE_ARTICLE {
        if let Some(rest) = w.strip_prefix(p).and_then(|r| r.strip_prefix("ال")) {
            if chars(rest) >= 2 {
                return (&w[..w.len() - rest.len()], rest);
            }
        }
    }
    for p in ["و", "ف"] {
        if let Some(rest) = w.strip_prefix(p) {
            if chars(rest) >= 3 {
                return (p, rest);
            }
        }
    }
    ("", w)
}

/// The bit of a lexicon entry kind at an IOB position (`B` = first token of the match).
fn lex_bit(e: EntryRef, begin: bool) -> u32 {
    let k = match e {
        EntryRef::Country(_) => 0,
        EntryRef::Capital(_) => 1,
        EntryRef::Nisba(_) => 2,
        EntryRef::Demonym(_) => 3,
        EntryRef::Organization(_) => 4,
        EntryRef::Person(_) => 5,
        EntryRef::PersonShort(_) => 6,
        EntryRef::Agent(_) => 7,
        EntryRef::Place(_) => 8,
        EntryRef::Trigger(_) => 9,
        EntryRef::Cue(_) => 10,
    };
    1 << (2 * k + u32::from(!begin))
}

/// Name lists: bare form → bits (see [`crate::Kind::dict_bits`]; bits 6 and 7: a word of
/// a gazetteer name, first or not, [`crate::train::gazetteer_bits`]).
pub type Dict = FxHashMap<Box<str>, u8>;

/// What the features of a token's neighbours need, per token.
#[derive(Debug, Clone, Copy)]
struct Info {
    /// Hash of the folded form.
    w: u64,
    /// Hash of the bare form.
    b: u64,
    /// Lexicon hit bits.
    lex: u32,
    /// Name-list bits.
    dict: u8,
    /// Word cluster (`NO_CLUSTER` when none).
    clu: u64,
}

const NO_CLUSTER: u64 = 0xffff_ffff;

const BOS: Info = Info {
    w: 0x0b05,
    b: 0x0b05,
    lex: 0,
    dict: 0,
    clu: 0xb05_0000,
};
const EOS: Info = Info {
    w: 0x0e05,
    b: 0x0e05,
    lex: 0,
    dict: 0,
    clu: 0xe05_0000,
};

/// A sentence ready for feature extraction: tokens `range` of a tokenized text with
/// their lexicon hits and name-list hits.
pub(crate) struct Sentence<'a> {
    toks: &'a Tokens,
    range: Range<usize>,
    info: Vec<Info>,
}

impl<'a> Sentence<'a> {
    /// Prepares tokens `range` of `toks`, with the lexicon `matches` found in them (any
    /// order; matches reaching outside `range` are clipped) and the name lists `dict`.
    pub(crate) fn new(
        toks: &'a Tokens,
        range: Range<usize>,
        matches: &[Match],
        dict: &Dict,
        clusters: &Clusters,
    ) -> Sentence<'a> {
        let mut info: Vec<Info> = range
            .clone()
            .map(|i| {
                let w = toks.fold(i);
                let (_, b) = strip_clitics(w);
                Info {
                    w: fnv(w.as_bytes()),
                    b: fnv(b.as_bytes()),
                    lex: 0,
                    dict: dict.get(b).copied().unwrap_or(0),
                    clu: clusters.get(b).map_or(NO_CLUSTER, |&c| c as u64),
                }
            })
            .collect();
        let (lo, hi) = (range.start, range.end);
        for m in matches {
            let parts = std::iter::once(&m.head).chain(m.rest.iter());
            for (pi, part) in parts.enumerate() {
                for t in part.clone() {
                    if t >= lo && t < hi {
                        info[t - lo].lex |= lex_bit(m.entry, pi == 0 && t == m.head.start);
                    }
                }
            }
        }
        Sentence { toks, range, info }
    }

    /// Number of tokens.
    pub(crate) fn len(&self) -> usize {
        self.info.len()
    }

    fn at(&self, i: isize) -> Info {
        if i < 0 {
            BOS
        } else if i as usize >= self.info.len() {
            EOS
        } else {
            self.info[i as usize]
        }
    }

    /// Appends the feature keys of token `i` (0-based within the sentence) to `out`.
    pub(crate) fn features(&self, i: usize, out: &mut Vec<u64>) {
        self.features_masked(i, false, out)
    }

    /// Like [`Sentence::features`]; with `hide` the features that name the token itself
    /// (its forms and the bigrams with it) are left out, as if the word were unknown:
    /// training hides them on a share of tokens so that the weights of context, affix
    /// and cluster features are learned for the unseen words of new text.
    pub(crate) fn features_masked(&self, i: usize, hide: bool, out: &mut Vec<u64>) {
        use Template::*;
        let ti = self.range.start + i;
        let w = self.toks.fold(ti);
        let (p, b) = strip_clitics(w);
        let me = self.info[i];
        out.push(key(Bias, 0));
        if !hide {
            out.push(key(W0, me.w));
            out.push(key(B0, me.b));
        }
        if !p.is_empty() {
            out.push(key(P0, fnv(p.as_bytes())));
        }
        let tok = &self.toks.tokens[ti];
        if tok.kind == TokenKind::Word {
            let n = b.chars().count();
            for (k, t) in [(1, Pre1), (2, Pre2), (3, Pre3), (4, Pre4)] {
                if n > k {
                    let end = b.char_indices().nth(k).map_or(b.len(), |(j, _)| j);
                    out.push(key(t, fnv(&b.as_bytes()[..end])));
                }
            }
            for (k, t) in [(1, Suf1), (2, Suf2), (3, Suf3), (4, Suf4)] {
                if n > k {
                    let start = b.char_indices().rev().nth(k - 1).map_or(0, |(j, _)| j);
                    out.push(key(t, fnv(&b.as_bytes()[start..])));
                }
            }
        }
        let sh = shape(w, tok.kind);
        out.push(key(Shape, sh));
        push_bits(out, Lex0, me.lex);
        push_bits(out, Dict0, me.dict as u32);
        let i = i as isize;
        let (m2, m1, p1, p2) = (
            self.at(i - 2),
            self.at(i - 1),
            self.at(i + 1),
            self.at(i + 2),
        );
        out.push(key(Wm1, m1.w));
        out.push(key(Wp1, p1.w));
        out.push(key(Wm2, m2.w));
        out.push(key(Wp2, p2.w));
        out.push(key(Bm1, m1.b));
        out.push(key(Bp1, p1.b));
        push_bits(out, Lexm1, m1.lex);
        push_bits(out, Lexp1, p1.lex);
        push_bits(out, Lexm2, m2.lex);
        push_bits(out, Lexp2, p2.lex);
        push_bits(out, Dictm1, m1.dict as u32);
        push_bits(out, Dictp1, p1.dict as u32);
        out.push(key(Bigm2m1, mix(m2.w, m1.w)));
        if !hide {
            out.push(key(Bigm10, mix(m1.w, me.w)));
            out.push(key(Big0p1, mix(me.w, p1.w)));
            out.push(key(BigBm10, mix(m1.b, me.b)));
        }
        out.push(key(Bigp1p2, mix(p1.w, p2.w)));
        push_bits(out, Dictm2, m2.dict as u32);
        push_bits(out, Dictp2, p2.dict as u32);
        out.push(key(Wm1Shape0, mix(m1.w, sh)));
        out.push(key(Clu0, me.clu));
        out.push(key(Clum1, m1.clu));
        out.push(key(Clup1, p1.clu));
        out.push(key(Clum2, m2.clu));
        out.push(key(Clup2, p2.clu));
        out.push(key(Clum10, mix(m1.clu, me.clu)));
        out.push(key(Clu0p1, mix(me.clu, p1.clu)));
    }
}

/// One feature per set bit of `bits`.
#[inline]
fn push_bits(out: &mut Vec<u64>, t: Template, mut bits: u32) {
    while bits != 0 {
        let b = bits.trailing_zeros();
        out.push(key(t, b as u64));
        bits &= bits - 1;
    }
}

/// A small code for the shape of a token: kind, script and length.
fn shape(w: &str, kind: TokenKind) -> u64 {
    match kind {
        TokenKind::Punct => 1,
        TokenKind::Number => 2 + (w.len().min(4) as u64) * 16,
        TokenKind::Word => {
            let (mut latin, mut other, mut n) = (false, false, 0u64);
            for c in w.chars() {
                n += 1;
                if c.is_ascii_alphabetic() {
                    latin = true;
                } else {
                    other = true;
                }
            }
            let script = match (latin, other) {
                (true, false) => 3,
                (true, true) => 4,
                _ => 5,
            };
            script + n.min(8) * 16
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn clitics() {
        assert_eq!(strip_clitics("والرياض"), ("وال", "رياض"));
        assert_eq!(strip_clitics("للامم"), ("لل", "امم"));
        assert_eq!(strip_clitics("ومحمد"), ("و", "محمد"));
        assert_eq!(strip_clitics("وبالعراق"), ("وبال", "عراق"));
        assert_eq!(strip_clitics("محمد"), ("", "محمد"));
        assert_eq!(strip_clitics("ال"), ("", "ال"));
        assert_eq!(strip_clitics("وفد"), ("", "وفد"));
    }

    #[test]
    fn keys_are_stable() {
        // part of the model format: a change here invalidates every saved model
        assert_eq!(fnv(b"a"), 0xaf63_dc4c_8601_ec8c);
        assert_ne!(key(Template::W0, 1), key(Template::B0, 1));
        assert_ne!(key(Template::W0, 0), 0);
    }
}
