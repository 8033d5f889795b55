//! Named-entity evaluation of the recogniser (the trained tagger of `rasid-ner` with the
//! lexicons, [`predict_combined`]; or the lexicon matcher alone, [`predict`]) on IOB files (`token TAG [TAG…]` a
//! line, blank line between sentences), CoNLL style: an entity counts when its token span
//! and type are both exact.
//!
//! Gold tags: `PER`/`PERS` → [`EntityType::Pers`], `LOC` and `GPE` → [`EntityType::Loc`]
//! (the lexicon's countries and capitals are GPEs; Wojood tags them `GPE`, ANERcorp and
//! AQMAR `LOC`), `ORG` → [`EntityType::Org`]; `MISC` and every other class count as `O`.
//! Every tag column is read: Wojood nests entities (`نابلس I-OCC B-GPE`), and an entity
//! of a scored type counts at whatever depth it is ([`entities`]). A sentence also ends at
//! a `.`, `!`, `?` or `؟` token tagged only `O`, since ANERcorp has no blank lines.
//!
//! Predictions of the tagger: see [`predict_tagged`]. Predictions of the lexicons alone
//! ([`predict`]): the sentence text is the tokens joined by single spaces; every lexicon
//! match ([`rasid_lexicon::Lexicon::find`]) of a person (full or short name) is PERS, of a
//! country, capital or gazetteer place LOC, of an organisation ORG (agents, nisbas,
//! demonyms, triggers and cues are no entity); overlapping matches are resolved
//! leftmost-longest, and a match covers every IOB token its byte span touches.

use rasid_lexicon::{EntryRef, Lexicon};
use serde::Serialize;
use std::collections::BTreeMap;

/// Entity types scored.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "UPPERCASE")]
pub enum EntityType {
    /// A person.
    Pers,
    /// A location or geopolitical entity.
    Loc,
    /// An organisation.
    Org,
}

impl EntityType {
    /// The type of a gold class name (`PER`, `PERS`, `LOC`, `GPE`, `ORG`); `None` for any
    /// other class.
    pub fn of_class(class: &str) -> Option<EntityType> {
        match class.trim_matches('-') {
            "PER" | "PERS" => Some(EntityType::Pers),
            "LOC" | "GPE" => Some(EntityType::Loc),
            "ORG" => Some(EntityType::Org),
            _ => None,
        }
    }

    /// The type a lexicon entry names, if any.
    pub fn of_entry(e: EntryRef) -> Option<EntityType> {
        match e {
            EntryRef::Person(_) | EntryRef::PersonShort(_) => Some(EntityType::Pers),
            EntryRef::Country(_) | EntryRef::Capital(_) | EntryRef::Place(_) => {
                Some(EntityType::Loc)
            }
            EntryRef::Organization(_) => Some(EntityType::Org),
            _ => None,
        }
    }

    /// `PERS`, `LOC` or `ORG`.
    pub fn name(self) -> &'static str {
        match self {
            EntityType::Pers => "PERS",
            EntityType::Loc => "LOC",
            EntityType::Org => "ORG",
        }
    }
}

/// An entity: tokens `start..end` of its sentence, and its type.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Entity {
    /// First token.
    pub start: usize,
    /// One past the last token.
    pub end: usize,
    /// Type.
    pub kind: EntityType,
}

/// One IOB tag reduced to what is scored.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Tag {
    /// Outside any scored entity.
    O,
    /// Begins an entity.
    B(EntityType),
    /// Inside (continues) an entity.
    I(EntityType),
}

impl Tag {
    /// Parses `B-PERS`, `I-LOC`, `O`…; unscored classes and malformed tags are `O`.
    pub fn parse(s: &str) -> Tag {
        let Some((bio, class)) = s.split_once('-') else {
            return Tag::O;
        };
        match (bio, EntityType::of_class(class)) {
            ("B", Some(t)) => Tag::B(t),
            ("I", Some(t)) => Tag::I(t),
            _ => Tag::O,
        }
    }
}

/// A sentence of an IOB file.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Sentence {
    /// Tokens as written.
    pub tokens: Vec<String>,
    /// Their tags, one per column (nested entities give several; never empty).
    pub tags: Vec<Vec<Tag>>,
}

/// Splits IOB text into sentences (see the module docs for the format).
pub fn read_iob(text: &str) -> Vec<Sentence> {
    let mut out = Vec::new();
    let mut cur = Sentence::default();
    for line in text.lines() {
        let mut f = line.split_whitespace();
        let Some(tok) = f.next() else {
            if !cur.tokens.is_empty() {
                out.push(std::mem::take(&mut cur));
            }
            continue;
        };
        let mut tags: Vec<Tag> = f.map(Tag::parse).collect();
        if tags.is_empty() {
            tags.push(Tag::O);
        }
        let outside = tags.iter().all(|t| *t == Tag::O);
        cur.tokens.push(tok.to_string());
        cur.tags.push(tags);
        if outside && matches!(tok, "." | "!" | "?" | "؟") {
            out.push(std::mem::take(&mut cur));
        }
    }
    if !cur.tokens.is_empty() {
        out.push(cur);
    }
    out
}

/// The entities of a sentence's tags (one or more columns per token): for each type,
/// the tokens are read as one IOB sequence (`B-X` where any column has `B-X`, else `I-X`
/// where any has `I-X`, else `O`) and decoded by [`chunks`]. Sorted by start.
pub fn entities(tags: &[Vec<Tag>]) -> Vec<Entity> {
    let mut out = Vec::new();
    for kind in [EntityType::Pers, EntityType::Loc, EntityType::Org] {
        let seq: Vec<Tag> = tags
            .iter()
            .map(|col| {
                if col.contains(&Tag::B(kind)) {
                    Tag::B(kind)
                } else if col.contains(&Tag::I(kind)) {
                    Tag::I(kind)
                } else {
                    Tag::O
                }
            })
            .collect();
        out.extend(chunks(&seq));
    }
    out.sort();
    out
}

/// The entities of one tag sequence, as conlleval reads them: an entity starts at `B-X`,
/// or at `I-X` after `O` or after another type, and runs while `I-X` follows.
pub fn chunks(tags: &[Tag]) -> Vec<Entity> {
    let mut out = Vec::new();
    let mut open: Option<(usize, EntityType)> = None;
    for (i, t) in tags.iter().enumerate() {
        let continues = matches!((t, open), (Tag::I(k), Some((_, o))) if *k == o);
        if continues {
            continue;
        }
        if let Some((s, k)) = open.take() {
            out.push(Entity {
                start: s,
                end: i,
                kind: k,
            });
        }
        if let Tag::B(k) | Tag::I(k) = t {
            open = Some((i, *k));
        }
    }
    if let Some((s, k)) = open {
        out.push(Entity {
            start: s,
            end: tags.len(),
            kind: k,
        });
    }
    out
}

/// The entities the lexicon finds in `tokens` (joined by spaces, matched, mapped back to
/// token indices, overlaps resolved leftmost-longest).
pub fn predict(lex: &Lexicon, tokens: &[String]) -> Vec<Entity> {
    let mut text = String::new();
    let mut starts = Vec::with_capacity(tokens.len());
    for (i, t) in tokens.iter().enumerate() {
        if i > 0 {
            text.push(' ');
        }
        starts.push(text.len());
        text.push_str(t);
    }
    let toks = rasid_text::tokenize(&text);
    // IOB token holding byte `b`
    let at = |b: usize| starts.partition_point(|&s| s <= b).saturating_sub(1);
    let mut cands: Vec<Entity> = lex
        .find(&text, &toks, 0..toks.len())
        .into_iter()
        .filter(|m| !m.span.is_empty())
        .filter_map(|m| {
            Some(Entity {
                start: at(m.span.start),
                end: at(m.span.end - 1) + 1,
                kind: EntityType::of_entry(m.entry)?,
            })
        })
        .collect();
    // leftmost, then longest; among equal spans the lexicon's order (stable sort)
    cands.sort_by_key(|e| (e.start, std::cmp::Reverse(e.end)));
    let mut out: Vec<Entity> = Vec::new();
    for c in cands {
        match out.last() {
            Some(l) if c.start < l.end => {}
            _ => out.push(c),
        }
    }
    out
}

/// The entities of the whole recogniser in `tokens`: the trained tagger's
/// ([`rasid_ner::Tagger::tag_words`]), whose features include every lexicon hit. (Adding
/// the lexicon's own entities where the tagger says `O`, as [`predict`] finds them, was
/// measured and dropped: it lowered overall F1 by 0.3 points on the held-out ANERcorp
/// slice and 0.4 on Wojood val, more precision lost than recall won.)
pub fn predict_tagged(lex: &Lexicon, tagger: &rasid_ner::Tagger, tokens: &[String]) -> Vec<Entity> {
    let mut out: Vec<Entity> = tagger
        .tag_words(lex, tokens)
        .into_iter()
        .map(|(k, r)| Entity {
            start: r.start,
            end: r.end,
            kind: match k {
                rasid_ner::Kind::Pers => EntityType::Pers,
                rasid_ner::Kind::Org => EntityType::Org,
                rasid_ner::Kind::Loc => EntityType::Loc,
            },
        })
        .collect();
    out.sort();
    out
}

pub use crate::py::Prf;

/// Entity-level scores: per type and over all types (micro-averaged).
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct NerReport {
    /// Sentences read.
    pub sentences: usize,
    /// Tokens read.
    pub tokens: usize,
    /// Per type.
    pub by_type: BTreeMap<EntityType, Prf>,
    /// All types together.
    pub overall: Prf,
}

impl NerReport {
    /// Adds another report's counts to this one.
    pub fn merge(&mut self, o: &NerReport) {
        self.sentences += o.sentences;
        self.tokens += o.tokens;
        for (k, v) in &o.by_type {
            self.by_type.entry(*k).or_default().add(v);
        }
        self.overall.add(&o.overall);
    }
}

/// Scores the lexicon's entities on `sentences` against their gold tags.
pub fn evaluate(lex: &Lexicon, sentences: &[Sentence]) -> NerReport {
    evaluate_with(sentences, |t| predict(lex, t))
}

/// Scores the entities `predict` finds in each sentence's tokens against their gold tags.
pub fn evaluate_with(
    sentences: &[Sentence],
    mut predict: impl FnMut(&[String]) -> Vec<Entity>,
) -> NerReport {
    let mut rep = NerReport::default();
    for t in [EntityType::Pers, EntityType::Loc, EntityType::Org] {
        rep.by_type.insert(t, Prf::default());
    }
    for s in sentences {
        rep.sentences += 1;
        rep.tokens += s.tokens.len();
        let gold = entities(&s.tags);
        let pred = predict(&s.tokens);
        for g in &gold {
            let st = rep.by_type.entry(g.kind).or_default();
            if pred.contains(g) {
                st.tp += 1;
            } else {
                st.fn_ += 1;
            }
        }
        for p in &pred {
            if !gold.contains(p) {
                rep.by_type.entry(p.kind).or_default().fp += 1;
            }
        }
    }
    let mut all = Prf::default();
    for v in rep.by_type.values_mut() {
        v.finish();
        all.tp += v.tp;
        all.fp += v.fp;
        all.fn_ += v.fn_;
    }
    all.finish();
    rep.overall = all;
    rep
}

/// One error of a recogniser on a sentence: a gold entity it did not find exactly, or an
/// entity it found that is not gold.
#[derive(Debug, Clone, PartialEq)]
pub struct NerError {
    /// `true`: a gold entity missed; `false`: a spurious prediction.
    pub missed: bool,
    /// The entity.
    pub entity: Entity,
    /// The entity's words.
    pub words: String,
    /// What the other side has over the same tokens (`PERS «…»`), when anything.
    pub instead: Option<String>,
    /// The sentence, words joined by spaces.
    pub sentence: String,
}

impl std::fmt::Display for NerError {
    /// `MISSED PERS «…» (found LOC «…») | sentence`.
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let what = if self.missed { "MISSED" } else { "SPURIOUS" };
        write!(f, "{what} {} «{}»", self.entity.kind.name(), self.words)?;
        if let Some(i) = &self.instead {
            write!(f, " ({} {i})", if self.missed { "found" } else { "gold" })?;
        }
        write!(f, " | {}", self.sentence)
    }
}

/// The errors of `predict` on `sentences`, in sentence order (missed before spurious
/// within a sentence).
pub fn errors(
    sentences: &[Sentence],
    mut predict: impl FnMut(&[String]) -> Vec<Entity>,
) -> Vec<NerError> {
    let mut out = Vec::new();
    for s in sentences {
        let gold = entities(&s.tags);
        let pred = predict(&s.tokens);
        let words = |e: &Entity| s.tokens[e.start..e.end].join(" ");
        let over = |e: &Entity, others: &[Entity]| {
            let o: Vec<String> = others
                .iter()
                .filter(|x| x.start < e.end && e.start < x.end)
                .map(|x| format!("{} «{}»", x.kind.name(), words(x)))
                .collect();
            (!o.is_empty()).then(|| o.join(", "))
        };
        for (missed, mine, theirs) in [(true, &gold, &pred), (false, &pred, &gold)] {
            for e in mine.iter().filter(|e| !theirs.contains(e)) {
                out.push(NerError {
                    missed,
                    entity: *e,
                    words: words(e),
                    instead: over(e, theirs),
                    sentence: s.tokens.join(" "),
                });
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn errors_name_missed_and_spurious_entities_with_what_overlaps_them() {
        let s = read_iob("قال O\nعبد B-PERS\nالله I-PERS\nفي O\nعمان B-LOC\n. O\n");
        let e = |start, end, kind| Entity { start, end, kind };
        // the recogniser finds a shorter name and a place that is right
        let found = errors(&s, |_| {
            vec![e(1, 2, EntityType::Pers), e(4, 5, EntityType::Loc)]
        });
        let lines: Vec<String> = found.iter().map(|x| x.to_string()).collect();
        assert_eq!(
            lines,
            [
                "MISSED PERS «عبد الله» (found PERS «عبد») | قال عبد الله في عمان .",
                "SPURIOUS PERS «عبد» (gold PERS «عبد الله») | قال عبد الله في عمان .",
            ]
        );
        assert!(errors(&s, |_| vec![
            e(1, 3, EntityType::Pers),
            e(4, 5, EntityType::Loc)
        ])
        .is_empty());
    }

    #[test]
    fn conll_chunks() {
        use EntityType::*;
        let tags: Vec<Tag> = ["B-PERS", "I-PERS", "O", "I-LOC", "I-LOC", "B-ORG", "I-PERS"]
            .iter()
            .map(|t| Tag::parse(t))
            .collect();
        let e = |start, end, kind| Entity { start, end, kind };
        assert_eq!(
            chunks(&tags),
            vec![e(0, 2, Pers), e(3, 5, Loc), e(5, 6, Org), e(6, 7, Pers)]
        );
        assert_eq!(Tag::parse("B-MISC"), Tag::O);
        assert_eq!(Tag::parse("I--ORG"), Tag::I(Org));
        assert_eq!(Tag::parse("B-GPE"), Tag::B(Loc));
        assert_eq!(Tag::parse("OO"), Tag::O);
    }

    #[test]
    fn sentences_split() {
        let s = read_iob("a O\nb B-LOC\n. O\nc O\n\nd B-PER C\n");
        assert_eq!(s.len(), 3);
        assert_eq!(s[2].tags, vec![vec![Tag::B(EntityType::Pers), Tag::O]]);
        // nested: an ORG with a person inside, a GPE inside an occupation
        let s =
            read_iob("مجلس B-ORG\nالأمن I-ORG\nالأسد I-ORG B-PERS\nفي I-OCC\nنابلس I-OCC B-GPE\n");
        let e = |start, end, kind| Entity { start, end, kind };
        assert_eq!(
            entities(&s[0].tags),
            vec![
                e(0, 3, EntityType::Org),
                e(2, 3, EntityType::Pers),
                e(4, 5, EntityType::Loc)
            ]
        );
    }
}
