//! Training data: IOB files read into sentences of words with one flat tag each.
//!
//! Format: `word TAG [TAG…]` a line, a blank line between sentences; a sentence also ends
//! at a `.`, `!`, `?` or `؟` word tagged only `O` (ANERcorp has no blank lines), as
//! `rasid eval-ner` reads them. Classes: `PER`/`PERS` → [`Kind::Pers`], `LOC` and `GPE`
//! → [`Kind::Loc`], `ORG` → [`Kind::Org`] (stray dashes ignored: `I--ORG`); every other
//! class (`MISC`, Wojood's `OCC`, `NORP`, …, AQMAR's `MIS0`…) is `O`.
//!
//! Nested entities (several tag columns, Wojood) are flattened: the entities of every
//! column are read (per kind, conlleval style), then kept longest first, dropping any
//! that overlaps one already kept (`مجلس الأمن الأسد` ORG with a PERS inside stays one
//! ORG; a GPE inside an occupation phrase, which is no entity here, is kept).

use crate::{Kind, Tag};
use std::ops::Range;

/// A sentence of a training file.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Example {
    /// Words as written.
    pub words: Vec<String>,
    /// One tag per word.
    pub tags: Vec<Tag>,
}

impl Example {
    /// The entities of the sentence: (kind, word range), in order.
    pub fn entities(&self) -> Vec<(Kind, Range<usize>)> {
        let labels: Vec<usize> = self.tags.iter().map(|t| t.label()).collect();
        crate::chunks(&labels)
    }
}

fn parse_tag(s: &str) -> Tag {
    let Some((bio, class)) = s.split_once('-') else {
        return Tag::O;
    };
    let kind = match class.trim_matches('-') {
        "PER" | "PERS" => Kind::Pers,
        "LOC" | "GPE" => Kind::Loc,
        "ORG" => Kind::Org,
        _ => return Tag::O,
    };
    match bio {
        "B" => Tag::B(kind),
        "I" => Tag::I(kind),
        _ => Tag::O,
    }
}

/// Reads IOB text (see the module docs) into sentences with flat tags.
pub fn read(text: &str) -> Vec<Example> {
    let mut out = Vec::new();
    let mut words: Vec<String> = Vec::new();
    let mut cols: Vec<Vec<Tag>> = Vec::new();
    let flush = |words: &mut Vec<String>, cols: &mut Vec<Vec<Tag>>, out: &mut Vec<Example>| {
        if !words.is_empty() {
            let tags = flatten(cols);
            out.push(Example {
                words: std::mem::take(words),
                tags,
            });
            cols.clear();
        }
    };
    for line in text.lines() {
        let mut f = line.split_whitespace();
        let Some(w) = f.next() else {
            flush(&mut words, &mut cols, &mut out);
            continue;
        };
        let tags: Vec<Tag> = f.map(parse_tag).collect();
        let outside = tags.iter().all(|t| *t == Tag::O);
        words.push(w.to_string());
        cols.push(tags);
        if outside && matches!(w, "." | "!" | "?" | "؟") {
            flush(&mut words, &mut cols, &mut out);
        }
    }
    flush(&mut words, &mut cols, &mut out);
    out
}

/// One flat tag per word from the tag columns of each word.
fn flatten(cols: &[Vec<Tag>]) -> Vec<Tag> {
    let mut ents: Vec<(Kind, Range<usize>)> = Vec::new();
    for kind in Kind::ALL {
        let seq: Vec<usize> = cols
            .iter()
            .map(|c| {
                if c.contains(&Tag::B(kind)) {
                    Tag::B(kind).label()
                } else if c.contains(&Tag::I(kind)) {
                    Tag::I(kind).label()
                } else {
                    0
                }
            })
            .collect();
        ents.extend(crate::chunks(&seq));
    }
    // longest first, then leftmost, then kind (deterministic)
    ents.sort_by_key(|(k, r)| (std::cmp::Reverse(r.len()), r.start, *k));
    let mut tags = vec![Tag::O; cols.len()];
    for (k, r) in ents {
        if r.clone().all(|i| tags[i] == Tag::O) {
            for i in r.clone() {
                tags[i] = if i == r.start { Tag::B(k) } else { Tag::I(k) };
            }
        }
    }
    tags
}

/// Splits `sentences` into the first part and the held-out last part: the last
/// `ceil(len × holdout)` sentences are held out (`holdout` in 0..=1).
pub fn split_tail(mut sentences: Vec<Example>, holdout: f64) -> (Vec<Example>, Vec<Example>) {
    let n = sentences.len();
    let held = ((n as f64) * holdout.clamp(0.0, 1.0)).ceil() as usize;
    let tail = sentences.split_off(n - held.min(n));
    (sentences, tail)
}

/// Writes sentences as IOB text (`word TAG` a line, blank line after each sentence),
/// tags as `B-PERS`, `I-ORG`, `O`….
pub fn write(sentences: &[Example]) -> String {
    let mut s = String::new();
    for e in sentences {
        for (w, t) in e.words.iter().zip(&e.tags) {
            s.push_str(w);
            s.push(' ');
            match t {
                Tag::O => s.push('O'),
                Tag::B(k) => {
                    s.push_str("B-");
                    s.push_str(k.name());
                }
                Tag::I(k) => {
                    s.push_str("I-");
                    s.push_str(k.name());
                }
            }
            s.push('\n');
        }
        s.push('\n');
    }
    s
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_and_flattens() {
        let s = read("زار B-PER\nأنقرة B-LOC\n. O\nمجلس B-ORG\nالأمن I-ORG\nالأسد I-ORG B-PERS\nفي I-OCC\nنابلس I-OCC B-GPE\nx B-MIS1 I--ORG\n");
        assert_eq!(s.len(), 2);
        assert_eq!(
            s[0].tags,
            vec![Tag::B(Kind::Pers), Tag::B(Kind::Loc), Tag::O]
        );
        assert_eq!(
            s[1].entities(),
            vec![(Kind::Org, 0..3), (Kind::Loc, 4..5), (Kind::Org, 5..6)]
        );
        let (a, b) = split_tail(s.clone(), 0.15);
        assert_eq!((a.len(), b.len()), (1, 1));
        assert_eq!(read(&write(&s)), s);
    }
}
