//! rasid's trained named-entity tagger: people (PERS), organisations (ORG) and places
//! (LOC) in Arabic news, on rasid's own tokens ([`rasid_text::Tokens`]).
//!
//! The model is a first-order structured perceptron (Collins 2002) with averaged
//! weights, over hashed observation features ([`features`]: folded forms, clitic-free
//! forms, affixes, word shape, the lexicon's hits and name lists, ±2 neighbours and word
//! bigrams) and IOB label transitions; decoding is Viterbi with the IOB constraint (an
//! `I-X` only after `B-X` or `I-X`). [`train::train`] trains it deterministically from a
//! seed; [`Tagger::to_bytes`] / [`Tagger::from_bytes`] write and read its versioned
//! format; [`Tagger::shipped`] is the model embedded in this crate
//! (`model/ner.bin`, built by `scripts/train_ner.sh`).
//!
//! ```
//! use rasid_lexicon::{Lexicon, Sources};
//! use rasid_ner::{Kind, Tagger};
//! let lex = Lexicon::build(&Sources::embedded()).unwrap();
//! let tagger = Tagger::shipped().unwrap();
//! let raw = "وقال الرئيس الأمريكي جو بايدن في واشنطن إن";
//! let toks = rasid_text::tokenize(raw);
//! let found = tagger.tag(&lex, raw, &toks, 0..toks.len());
//! let pers: Vec<&str> = found
//!     .iter()
//!     .filter(|e| e.kind == Kind::Pers)
//!     .map(|e| &raw[e.span.clone()])
//!     .collect();
//! assert_eq!(pers, ["جو بايدن"]);
//! ```
#![deny(missing_docs)]

pub mod clusters;
pub mod features;
pub mod iob;
pub mod train;

use features::{Dict, Sentence};
use rasid_lexicon::{Lexicon, Match};
use rasid_text::Tokens;
use std::ops::Range;
use std::sync::OnceLock;

/// The first bytes of a model ([`Tagger::to_bytes`]).
pub const MODEL_MAGIC: &[u8; 8] = b"RASIDNER";

/// The model format version; raised whenever the layout, the label set or the meaning
/// of a feature changes, so that a stale model is refused, not misread.
pub const MODEL_FORMAT: u32 = 1;

/// The model embedded in this crate (see `scripts/train_ner.sh`).
static SHIPPED: &[u8] = include_bytes!("../model/ner.bin");

/// An entity type.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Kind {
    /// A person.
    Pers,
    /// An organisation or body.
    Org,
    /// A place or geopolitical entity (country, city, region).
    Loc,
}

impl Kind {
    /// All kinds, in label order.
    pub const ALL: [Kind; 3] = [Kind::Pers, Kind::Org, Kind::Loc];

    /// `PERS`, `ORG` or `LOC`.
    pub fn name(self) -> &'static str {
        match self {
            Kind::Pers => "PERS",
            Kind::Org => "ORG",
            Kind::Loc => "LOC",
        }
    }

    fn index(self) -> usize {
        match self {
            Kind::Pers => 0,
            Kind::Org => 1,
            Kind::Loc => 2,
        }
    }
}

/// One IOB tag of a token.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Tag {
    /// Outside any entity.
    O,
    /// First token of an entity.
    B(Kind),
    /// A later token of an entity.
    I(Kind),
}

/// Number of labels: `O` and `B`/`I` of each kind.
pub(crate) const LABELS: usize = 7;

impl Tag {
    /// The label index: 0 for `O`, then `B-PERS`, `I-PERS`, `B-ORG`, `I-ORG`, `B-LOC`,
    /// `I-LOC` (1–6). Part of the model format.
    pub fn label(self) -> usize {
        match self {
            Tag::O => 0,
            Tag::B(k) => 1 + 2 * k.index(),
            Tag::I(k) => 2 + 2 * k.index(),
        }
    }

    /// The tag of label index `l` (see [`Tag::label`]); `O` for anything above 6.
    pub fn of_label(l: usize) -> Tag {
        match l {
            1..=6 => {
                let k = Kind::ALL[(l - 1) / 2];
                if l % 2 == 1 {
                    Tag::B(k)
                } else {
                    Tag::I(k)
                }
            }
            _ => Tag::O,
        }
    }
}

/// True when label `cur` may follow label `prev` (`None`: sentence start): an `I-X`
/// only continues `B-X` or `I-X`.
#[inline]
pub(crate) fn allowed(prev: Option<usize>, cur: usize) -> bool {
    if cur == 0 || cur % 2 == 1 {
        return true;
    }
    matches!(prev, Some(p) if p == cur || p + 1 == cur)
}

/// An entity found by the tagger.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct Entity {
    /// Its type.
    pub kind: Kind,
    /// Token indices (into the [`Tokens`] tagged), half-open.
    pub tokens: Range<usize>,
    /// UTF-8 byte offsets into the raw text, from the start of the first token to the
    /// end of the last (a proclitic written on the first token is included: `وواشنطن`).
    pub span: Range<usize>,
}

/// Why a model could not be read.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ModelError {
    /// The bytes do not start with [`MODEL_MAGIC`].
    #[error("not a rasid NER model (bad magic bytes)")]
    Magic,
    /// The model was written in another format version.
    #[error("NER model format {found}, this build reads {MODEL_FORMAT}: train it again (scripts/train_ner.sh)")]
    Version {
        /// The version in the bytes.
        found: u32,
    },
    /// The bytes end before the model does.
    #[error("NER model truncated at byte {0}")]
    Truncated(usize),
    /// The checksum or a count does not agree with the contents.
    #[error("NER model corrupt: {0}")]
    Corrupt(&'static str),
}

/// Feature weights: an open-addressing hash table from feature key to a row of
/// [`LABELS`] weights.
#[derive(Debug, Clone, Default)]
struct Weights {
    /// Feature keys in insertion order (row `r` belongs to `keys[r]`).
    keys: Vec<u64>,
    /// Rows, `LABELS` weights each.
    rows: Vec<[f32; LABELS]>,
    /// Slots: key (0 = empty) and row index; length a power of two.
    slots: Vec<(u64, u32)>,
}

impl Weights {
    fn new(keys: Vec<u64>, rows: Vec<[f32; LABELS]>) -> Weights {
        let cap = (keys.len() * 2).next_power_of_two().max(16);
        let mut slots = vec![(0u64, 0u32); cap];
        let mask = cap - 1;
        for (r, &k) in keys.iter().enumerate() {
            let mut s = k as usize & mask;
            while slots[s].0 != 0 {
                s = (s + 1) & mask;
            }
            slots[s] = (k, r as u32);
        }
        Weights { keys, rows, slots }
    }

    #[inline]
    fn get(&self, k: u64) -> Option<&[f32; LABELS]> {
        let mask = self.slots.len() - 1;
        let mut s = k as usize & mask;
        loop {
            let (sk, r) = self.slots[s];
            if sk == k {
                return Some(&self.rows[r as usize]);
            }
            if sk == 0 {
                return None;
            }
            s = (s + 1) & mask;
        }
    }
}

/// A trained tagger. Immutable; share it across threads by reference.
#[derive(Debug, Clone, Default)]
pub struct Tagger {
    /// What the model was trained on and how (free text, recorded by training).
    note: String,
    /// Name lists: bare form → bits.
    dict: Dict,
    /// Word clusters: bare form → cluster.
    clusters: clusters::Clusters,
    /// Transition weights: `trans[p][c]` for label `c` after `p`; row [`LABELS`] is the
    /// sentence start.
    trans: [[f32; LABELS]; LABELS + 1],
    weights: Weights,
}

impl Tagger {
    /// The model shipped in this crate, read once (a few ms) and kept.
    ///
    /// # Errors
    /// A [`ModelError`] if the embedded bytes are not a model this build reads (a build
    /// with a stale `model/ner.bin`; the crate's tests guard against it).
    pub fn shipped() -> Result<&'static Tagger, ModelError> {
        static CELL: OnceLock<Result<Tagger, ModelError>> = OnceLock::new();
        CELL.get_or_init(|| Tagger::from_bytes(SHIPPED))
            .as_ref()
            .map_err(Clone::clone)
    }

    /// What the model was trained on and how, as recorded by [`train::train`].
    pub fn note(&self) -> &str {
        &self.note
    }

    /// Number of features with weights.
    pub fn features(&self) -> usize {
        self.weights.keys.len()
    }

    /// The entities in tokens `range` of `toks` (a tokenization of `raw`, normally one
    /// sentence), using the lexicon `lex` for features: [`Lexicon::find`] is called on
    /// the range. Entities are in text order and never overlap.
    ///
    /// # Panics
    /// If `range` is not a range of `toks`.
    pub fn tag(&self, lex: &Lexicon, raw: &str, toks: &Tokens, range: Range<usize>) -> Vec<Entity> {
        let m = lex.find(raw, toks, range.clone());
        self.tag_with_matches(toks, range, &m)
    }

    /// Like [`Tagger::tag`], with the lexicon matches of the range already found (as
    /// [`Lexicon::find`] returns them; matches outside `range` are ignored), so that a
    /// caller that has them does not match twice.
    ///
    /// # Panics
    /// If `range` is not a range of `toks`.
    pub fn tag_with_matches(
        &self,
        toks: &Tokens,
        range: Range<usize>,
        matches: &[Match],
    ) -> Vec<Entity> {
        let s = Sentence::new(toks, range.clone(), matches, &self.dict, &self.clusters);
        let labels = self.decode(&s);
        let mut out = Vec::new();
        for (k, r) in chunks(&labels) {
            let tokens = range.start + r.start..range.start + r.end;
            let span = toks.tokens[tokens.start].span.start..toks.tokens[tokens.end - 1].span.end;
            out.push(Entity {
                kind: k,
                tokens,
                span,
            });
        }
        out
    }

    /// The entities of a sentence given as words (as in an IOB file), as
    /// (kind, word index range): the words are joined by single spaces, tokenized,
    /// tagged, and each entity covers every word its byte span touches.
    pub fn tag_words(&self, lex: &Lexicon, words: &[String]) -> Vec<(Kind, Range<usize>)> {
        let (text, starts) = join_words(words);
        let toks = rasid_text::tokenize(&text);
        let at = |b: usize| starts.partition_point(|&s| s <= b).saturating_sub(1);
        self.tag(lex, &text, &toks, 0..toks.len())
            .into_iter()
            .map(|e| (e.kind, at(e.span.start)..at(e.span.end - 1) + 1))
            .collect()
    }

    /// Best label sequence of a prepared sentence.
    fn decode(&self, s: &Sentence<'_>) -> Vec<usize> {
        let n = s.len();
        let mut scores = vec![[0f32; LABELS]; n];
        let mut buf = Vec::with_capacity(64);
        for (i, sc) in scores.iter_mut().enumerate() {
            buf.clear();
            s.features(i, &mut buf);
            for &k in &buf {
                if let Some(row) = self.weights.get(k) {
                    for l in 0..LABELS {
                        sc[l] += row[l];
                    }
                }
            }
        }
        viterbi(&scores, &self.trans)
    }

    /// The model in its versioned binary form: [`MODEL_MAGIC`], [`MODEL_FORMAT`]
    /// (u32), the label count (u32), the note, the name lists, the word clusters, the transition weights
    /// (f32), the features (u64 keys, then their weights as i16 times one f32 scale),
    /// and an FNV-1a checksum of everything before it (u64); integers little-endian.
    pub fn to_bytes(&self) -> Vec<u8> {
        let mut o = MODEL_MAGIC.to_vec();
        o.extend(MODEL_FORMAT.to_le_bytes());
        o.extend((LABELS as u32).to_le_bytes());
        put_str(&mut o, &self.note);
        let mut names: Vec<(&Box<str>, &u8)> = self.dict.iter().collect();
        names.sort();
        o.extend((names.len() as u32).to_le_bytes());
        for (n, b) in names {
            o.push(*b);
            put_str(&mut o, n);
        }
        let mut cl: Vec<(&Box<str>, &u16)> = self.clusters.iter().collect();
        cl.sort();
        o.extend((cl.len() as u32).to_le_bytes());
        for (n, c) in cl {
            o.extend(c.to_le_bytes());
            put_str(&mut o, n);
        }
        for row in &self.trans {
            for w in row {
                o.extend(w.to_le_bytes());
            }
        }
        let max = self
            .weights
            .rows
            .iter()
            .flatten()
            .fold(0f32, |m, w| m.max(w.abs()));
        let scale = if max > 0.0 { max / 32767.0 } else { 1.0 };
        o.extend((self.weights.keys.len() as u32).to_le_bytes());
        o.extend(scale.to_le_bytes());
        for k in &self.weights.keys {
            o.extend(k.to_le_bytes());
        }
        for row in &self.weights.rows {
            for w in row {
                o.extend(((w / scale).round() as i16).to_le_bytes());
            }
        }
        let sum = features::fnv(&o);
        o.extend(sum.to_le_bytes());
        o
    }

    /// Reads a model written by [`Tagger::to_bytes`].
    ///
    /// # Errors
    /// [`ModelError::Magic`] for bytes that are not a model, [`ModelError::Version`] for
    /// another format version, [`ModelError::Truncated`] and [`ModelError::Corrupt`] for
    /// cut or damaged bytes. Never panics.
    pub fn from_bytes(bytes: &[u8]) -> Result<Tagger, ModelError> {
        let rest = bytes.strip_prefix(MODEL_MAGIC).ok_or(ModelError::Magic)?;
        let mut r = Reader {
            b: rest,
            pos: MODEL_MAGIC.len(),
        };
        let found = r.u32()?;
        if found != MODEL_FORMAT {
            return Err(ModelError::Version { found });
        }
        if bytes.len() < 8 + MODEL_MAGIC.len() + 4 {
            return Err(ModelError::Truncated(bytes.len()));
        }
        let (body, sum) = bytes.split_at(bytes.len() - 8);
        if features::fnv(body) != u64::from_le_bytes(sum.try_into().expect("8 bytes")) {
            return Err(ModelError::Corrupt(
                "checksum mismatch (truncated or damaged)",
            ));
        }
        if r.u32()? as usize != LABELS {
            return Err(ModelError::Corrupt("label count"));
        }
        let note = r.str()?.to_string();
        let n = r.u32()? as usize;
        let mut dict = Dict::default();
        for _ in 0..n {
            let b = r.take(1)?[0];
            dict.insert(r.str()?.into(), b);
        }
        let n = r.u32()? as usize;
        let mut clusters = clusters::Clusters::default();
        for _ in 0..n {
            let c = u16::from_le_bytes(r.take(2)?.try_into().expect("2 bytes"));
            clusters.insert(r.str()?.into(), c);
        }
        let mut trans = [[0f32; LABELS]; LABELS + 1];
        for row in trans.iter_mut() {
            for w in row.iter_mut() {
                *w = r.f32()?;
            }
        }
        let n = r.u32()? as usize;
        let scale = r.f32()?;
        if n > bytes.len() / 8 {
            return Err(ModelError::Corrupt("feature count"));
        }
        let mut keys = Vec::with_capacity(n);
        for _ in 0..n {
            let k = u64::from_le_bytes(r.take(8)?.try_into().expect("8 bytes"));
            if k == 0 {
                return Err(ModelError::Corrupt("zero feature key"));
            }
            keys.push(k);
        }
        let mut rows = Vec::with_capacity(n);
        for _ in 0..n {
            let mut row = [0f32; LABELS];
            for w in row.iter_mut() {
                *w = i16::from_le_bytes(r.take(2)?.try_into().expect("2 bytes")) as f32 * scale;
            }
            rows.push(row);
        }
        if r.b.len() != 8 {
            return Err(ModelError::Corrupt("trailing bytes"));
        }
        Ok(Tagger {
            note,
            dict,
            clusters,
            trans,
            weights: Weights::new(keys, rows),
        })
    }
}

/// Joins words with single spaces; returns the text and each word's start byte.
pub(crate) fn join_words(words: &[String]) -> (String, Vec<usize>) {
    let mut text = String::new();
    let mut starts = Vec::with_capacity(words.len());
    for (i, t) in words.iter().enumerate() {
        if i > 0 {
            text.push(' ');
        }
        starts.push(text.len());
        text.push_str(t);
    }
    (text, starts)
}

fn put_str(o: &mut Vec<u8>, s: &str) {
    o.extend((s.len() as u32).to_le_bytes());
    o.extend(s.as_bytes());
}

/// A bounds-checked little-endian reader.
struct Reader<'a> {
    b: &'a [u8],
    pos: usize,
}

impl<'a> Reader<'a> {
    fn take(&mut self, n: usize) -> Result<&'a [u8], ModelError> {
        if self.b.len() < n {
            return Err(ModelError::Truncated(self.pos + self.b.len()));
        }
        let (h, t) = self.b.split_at(n);
        self.b = t;
        self.pos += n;
        Ok(h)
    }
    fn u32(&mut self) -> Result<u32, ModelError> {
        Ok(u32::from_le_bytes(
            self.take(4)?.try_into().expect("4 bytes"),
        ))
    }
    fn f32(&mut self) -> Result<f32, ModelError> {
        Ok(f32::from_le_bytes(
            self.take(4)?.try_into().expect("4 bytes"),
        ))
    }
    fn str(&mut self) -> Result<&'a str, ModelError> {
        let n = self.u32()? as usize;
        std::str::from_utf8(self.take(n)?).map_err(|_| ModelError::Corrupt("string not UTF-8"))
    }
}

/// Viterbi under the IOB constraint ([`allowed`]): the best label per token.
pub(crate) fn viterbi(scores: &[[f32; LABELS]], trans: &[[f32; LABELS]; LABELS + 1]) -> Vec<usize> {
    let n = scores.len();
    if n == 0 {
        return Vec::new();
    }
    let mut back = vec![[0u8; LABELS]; n];
    let mut prev = [f32::NEG_INFINITY; LABELS];
    for c in 0..LABELS {
        if allowed(None, c) {
            prev[c] = scores[0][c] + trans[LABELS][c];
        }
    }
    for i in 1..n {
        let mut cur = [f32::NEG_INFINITY; LABELS];
        for c in 0..LABELS {
            let (mut best, mut arg) = (f32::NEG_INFINITY, 0);
            for p in 0..LABELS {
                if !allowed(Some(p), c) {
                    continue;
                }
                let v = prev[p] + trans[p][c];
                if v > best {
                    best = v;
                    arg = p;
                }
            }
            cur[c] = best + scores[i][c];
            back[i][c] = arg as u8;
        }
        prev = cur;
    }
    let mut l = (0..LABELS).fold(0, |a, c| if prev[c] > prev[a] { c } else { a });
    let mut out = vec![0; n];
    for i in (0..n).rev() {
        out[i] = l;
        l = back[i][l] as usize;
    }
    out
}

/// The entities of a label sequence (a run `B-X I-X…`; a stray `I-X` starts one).
pub(crate) fn chunks(labels: &[usize]) -> Vec<(Kind, Range<usize>)> {
    let mut out = Vec::new();
    let mut open: Option<(usize, Kind)> = None;
    for (i, &l) in labels.iter().enumerate() {
        let t = Tag::of_label(l);
        if let (Tag::I(k), Some((_, o))) = (t, open) {
            if k == o {
                continue;
            }
        }
        if let Some((s, k)) = open.take() {
            out.push((k, s..i));
        }
        if let Tag::B(k) | Tag::I(k) = t {
            open = Some((i, k));
        }
    }
    if let Some((s, k)) = open {
        out.push((k, s..labels.len()));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn labels_round_trip() {
        for l in 0..LABELS {
            assert_eq!(Tag::of_label(l).label(), l);
        }
        assert_eq!(Tag::B(Kind::Org).label(), 3);
        assert!(allowed(Some(1), 2) && allowed(Some(2), 2));
        assert!(!allowed(None, 2) && !allowed(Some(0), 2) && !allowed(Some(3), 2));
    }

    #[test]
    fn viterbi_respects_iob() {
        // token 1 prefers I-LOC, but an I-LOC cannot follow O: the best allowed path wins
        let mut s = [[0f32; LABELS]; 2];
        s[0][0] = 5.0;
        s[1][6] = 3.0;
        s[1][5] = 2.0;
        let t = [[0f32; LABELS]; LABELS + 1];
        assert_eq!(viterbi(&s, &t), vec![0, 5]);
        assert_eq!(
            chunks(&[0, 5, 6, 1, 3]),
            vec![(Kind::Loc, 1..3), (Kind::Pers, 3..4), (Kind::Org, 4..5)]
        );
    }
}
