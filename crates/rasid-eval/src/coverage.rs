//! Lexicon coverage of a gold file: how many of the annotated trigger words and actor
//! phrases the lexicons find at all, before any coding decision.
//!
//! This bounds what a coder built on the lexicon matcher can recall, and it is the
//! material for extending the lexicons from the annotations (issue "A coder that
//! generalizes"). For every gold event (CAMEO 010 dropped, optional events included):
//!
//! * its evidence is located in the article text (first occurrence), and its `trigger`,
//!   `source_text` and `target_text` inside the evidence (first occurrence);
//! * the **trigger** is *found* when a hand-written trigger entry's match overlaps those
//!   bytes (the words learned from the annotations are counted apart), and
//!   *found with its root* when one such entry carries the gold CAMEO root;
//! * an **actor phrase** is *found* when an actor entry (country, capital, nisba, demonym,
//!   organisation, person, role) overlaps it, and *found with its code* when one of them
//!   names the gold primary code (the country or organisation code; a person's codes over
//!   all offices). A role alone names no country and so never counts for the code.
//!
//! * an actor phrase *becomes a mention* when the coder's candidates (the rules' actor
//!   mentions of every sentence with a trigger candidate, roles read as of the article's
//!   country and the doers of a named attack included: [`CodedMention`]) hold a mention
//!   overlapping it, and one *with its code* when such a mention has the gold primary code
//!   (issue "Actor mentions that generalize": the share of gold source and target phrases
//!   that become mentions with the right primary code).
//!
//! Events whose strings cannot be located are counted apart (`unlocated`).

use crate::gold::Gold;
use crate::py::primary;
use rasid_lexicon::{EntryRef, Lexicon, Match};
use serde::Serialize;
use std::collections::BTreeSet;

/// Counts of one kind of phrase.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize)]
pub struct Found {
    /// Phrases located in the text.
    pub total: usize,
    /// Overlapped by a lexicon entry of the kind.
    pub found: usize,
    /// Overlapped by one that also gives the gold code (CAMEO root for triggers, primary
    /// actor code for actors).
    pub found_with_code: usize,
}

impl Found {
    fn add(&mut self, found: bool, with_code: bool) {
        self.total += 1;
        self.found += usize::from(found);
        self.found_with_code += usize::from(found && with_code);
    }

    /// `found / total` (0 when there is none).
    pub fn share(&self) -> f64 {
        ratio(self.found, self.total)
    }

    /// `found_with_code / total` (0 when there is none).
    pub fn share_with_code(&self) -> f64 {
        ratio(self.found_with_code, self.total)
    }
}

fn ratio(a: usize, b: usize) -> f64 {
    if b == 0 {
        0.0
    } else {
        (a as f64 / b as f64 * 10_000.0).round() / 10_000.0
    }
}

/// Coverage of one gold file.
#[derive(Debug, Clone, Default, Serialize)]
pub struct Coverage {
    /// Gold events considered (all but CAMEO 010).
    pub events: usize,
    /// Events whose evidence or trigger could not be located in the text.
    pub unlocated: usize,
    /// Trigger words, by the hand-written trigger entries.
    pub triggers: Found,
    /// Trigger words those miss that a word learned from the annotations
    /// (`triggers-learned.tsv`, for the learned decisions alone) covers.
    pub triggers_learned_only: usize,
    /// Source and target phrases together, by the lexicon's actor entries.
    pub actors: Found,
    /// Source and target phrases together, by the coder's mentions ([`CodedMention`]).
    pub mentions: Found,
    /// Distinct gold trigger words (as written) not found by any trigger entry, in most
    /// articles first.
    pub missed_triggers: Vec<Missed>,
    /// Distinct gold actor phrases (as written) that no actor entry finds with their gold
    /// primary code, in most articles first; `cameo` holds their gold actor codes.
    pub missed_actors: Vec<Missed>,
    /// Distinct gold actor phrases (as written) that the coder makes no mention of with
    /// their gold primary code, in most articles first; `cameo` holds their gold codes.
    pub missed_mentions: Vec<Missed>,
}

/// A gold phrase (trigger or actor) that the lexicons do not find.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct Missed {
    /// The phrase as written in the gold file.
    pub word: String,
    /// Gold events it occurs in.
    pub events: usize,
    /// Articles those events are in.
    pub articles: usize,
    /// The gold codes it has there (CAMEO event codes for a trigger, actor codes for an
    /// actor), with counts.
    pub cameo: std::collections::BTreeMap<String, usize>,
}

/// An actor mention the coder made in an article: its byte span in the text and its
/// actor code (see [`rasid_coder::learn::PairCandidate`]).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CodedMention {
    /// Byte span `[start, end)` in the article text.
    pub span: (usize, usize),
    /// Actor code (`SAUGOV`, `IGOUNO`, a bare sector such as `GOV` …).
    pub code: String,
}

/// The coder's mentions of a document ([`CodedMention`]), from the candidates of its
/// trigger candidates (`Coder::candidates`): each mention once.
pub fn coded_mentions(cands: &[rasid_coder::learn::SentenceCandidates]) -> Vec<CodedMention> {
    let mut out: Vec<CodedMention> = cands
        .iter()
        .flat_map(|s| &s.triggers)
        .flat_map(|t| &t.pairs)
        .map(|p| CodedMention {
            span: (p.span.start, p.span.end),
            code: p.code.clone(),
        })
        .collect();
    out.sort_by(|a, b| a.span.cmp(&b.span).then_with(|| a.code.cmp(&b.code)));
    out.dedup();
    out
}

/// Tallies of missed phrases while scanning, by phrase.
#[derive(Default)]
struct MissedTally<'a>(std::collections::BTreeMap<String, (Missed, BTreeSet<&'a str>)>);

impl<'a> MissedTally<'a> {
    fn add(&mut self, word: &str, code: &str, doc_id: &'a str) {
        let (m, docs) = self.0.entry(word.to_string()).or_default();
        m.word = word.to_string();
        m.events += 1;
        *m.cameo.entry(code.to_string()).or_default() += 1;
        docs.insert(doc_id);
    }

    /// The tallies, in most articles (then events) first.
    fn into_sorted(self) -> Vec<Missed> {
        let mut v: Vec<Missed> = self
            .0
            .into_values()
            .map(|(m, docs)| Missed {
                articles: docs.len(),
                ..m
            })
            .collect();
        v.sort_by(|a, b| {
            (b.articles, b.events)
                .cmp(&(a.articles, a.events))
                .then_with(|| a.word.cmp(&b.word))
        });
        v
    }
}

/// Measures the lexicon coverage of `gold` (see the module documentation).
///
/// `mentions` gives the coder's mentions of a document by `doc_id` ([`coded_mentions`]);
/// a document it does not know has none.
pub fn coverage(
    lex: &Lexicon,
    gold: &Gold,
    mentions: &std::collections::HashMap<String, Vec<CodedMention>>,
) -> Coverage {
    let mut c = Coverage::default();
    let mut missed = MissedTally::default();
    let mut missed_actors = MissedTally::default();
    let mut missed_mentions = MissedTally::default();
    for doc in &gold.docs {
        if doc.events.is_empty() {
            continue;
        }
        let text = doc.text.as_str();
        let toks = rasid_text::tokenize(text);
        let matches = lex.find(text, &toks, 0..toks.len());
        let coded = mentions.get(&doc.doc_id).map_or(&[][..], Vec::as_slice);
        for ev in &doc.events {
            c.events += 1;
            let Some(e0) = ev.evidence.as_deref().and_then(|e| text.find(e)) else {
                c.unlocated += 1;
                continue;
            };
            let evidence = &text[e0..e0 + ev.evidence.as_deref().map_or(0, str::len)];
            let locate = |s: &str| evidence.find(s).map(|i| (e0 + i, e0 + i + s.len()));
            let Some(trigger) = ev.trigger.as_deref().and_then(locate) else {
                c.unlocated += 1;
                continue;
            };
            let root = ev.cameo.get(..2).unwrap_or_default();
            let hits = overlapping(&matches, trigger);
            let trigger_entry = |learned: bool| {
                hits.iter()
                    .filter_map(|m| match m.entry {
                        EntryRef::Trigger(t) if lex.triggers[t as usize].learned == learned => {
                            Some(lex.triggers[t as usize].cameo.as_str())
                        }
                        _ => None,
                    })
                    .collect::<Vec<&str>>()
            };
            let triggers = trigger_entry(false);
            let found = !triggers.is_empty();
            if !found && !trigger_entry(true).is_empty() {
                c.triggers_learned_only += 1;
            }
            c.triggers
                .add(found, triggers.iter().any(|code| code.starts_with(root)));
            if !found {
                missed.add(
                    ev.trigger.as_deref().unwrap_or_default(),
                    &ev.cameo,
                    &doc.doc_id,
                );
            }
            for (words, code) in [(&ev.source_text, &ev.source), (&ev.target_text, &ev.target)] {
                let (Some(span), Some(code)) = (words.as_deref().and_then(locate), code) else {
                    continue;
                };
                let want = primary(Some(code));
                let codes: Vec<BTreeSet<String>> = overlapping(&matches, span)
                    .iter()
                    .filter_map(|m| actor_codes(lex, m.entry))
                    .collect();
                let with_code = codes.iter().flatten().any(|k| primary(Some(k)) == want);
                c.actors.add(!codes.is_empty(), with_code);
                let made: Vec<&CodedMention> = coded
                    .iter()
                    .filter(|m| m.span.0 < span.1 && span.0 < m.span.1)
                    .collect();
                let made_with_code = made.iter().any(|m| primary(Some(&m.code)) == want);
                c.mentions.add(!made.is_empty(), made_with_code);
                if !made_with_code {
                    missed_mentions.add(words.as_deref().unwrap_or_default(), code, &doc.doc_id);
                }
                if !with_code {
                    missed_actors.add(words.as_deref().unwrap_or_default(), code, &doc.doc_id);
                }
            }
        }
    }
    c.missed_triggers = missed.into_sorted();
    c.missed_actors = missed_actors.into_sorted();
    c.missed_mentions = missed_mentions.into_sorted();
    c
}

/// The matches whose byte span overlaps `[start, end)`.
fn overlapping(matches: &[Match], (start, end): (usize, usize)) -> Vec<&Match> {
    matches
        .iter()
        .filter(|m| m.span.start < end && start < m.span.end)
        .collect()
}

/// The actor codes an entry can name: `None` for an entry that is no actor, an empty set
/// for a role (it names a sector, no country).
fn actor_codes(lex: &Lexicon, e: EntryRef) -> Option<BTreeSet<String>> {
    let one = |code: &str| Some(BTreeSet::from([code.to_string()]));
    match e {
        EntryRef::Country(i) | EntryRef::Capital(i) | EntryRef::Nisba(i) | EntryRef::Demonym(i) => {
            one(&lex.countries[i as usize].code)
        }
        EntryRef::Organization(i) => one(&lex.organizations[i as usize].code),
        EntryRef::Person(i) | EntryRef::PersonShort(i) => {
            let p = &lex.people[i as usize];
            Some(
                p.offices
                    .iter()
                    .map(|o| o.code.clone())
                    .chain(p.default.clone())
                    .collect(),
            )
        }
        EntryRef::Agent(_) => Some(BTreeSet::new()),
        EntryRef::Place(_) | EntryRef::Trigger(_) | EntryRef::Cue(_) => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn found_counts_and_shares() {
        let mut f = Found::default();
        f.add(true, true);
        f.add(true, false);
        f.add(false, true); // not found: the code cannot count either
        assert_eq!(
            f,
            Found {
                total: 3,
                found: 2,
                found_with_code: 1
            }
        );
        assert_eq!(f.share(), 0.6667);
        assert_eq!(f.share_with_code(), 0.3333);
        assert_eq!(Found::default().share(), 0.0);
    }

    #[test]
    fn lexicon_finds_a_written_visit() {
        let lex = Lexicon::build(&rasid_lexicon::Sources::embedded()).unwrap();
        let text = "استقبل وزير الخارجية السعودي في الرياض أمس نظيره التركي. ثم تثاءب الرجل.";
        let line = serde_json::json!({"doc_id": "d", "text": text, "events": [
            {"cameo": "043", "source": "SAUGOV", "target": "TURGOV", "aux": null,
             "trigger": "استقبل", "source_text": "وزير الخارجية السعودي",
             "target_text": "نظيره التركي", "evidence": "استقبل وزير الخارجية السعودي في الرياض أمس نظيره التركي."},
            {"cameo": "042", "source": "SAUGOV", "target": null, "aux": null,
             "trigger": "تثاءب", "source_text": null, "evidence": "ثم تثاءب الرجل."},
            {"cameo": "042", "source": "SAUGOV", "target": null, "aux": null,
             "trigger": "not in the text", "evidence": "ثم تثاءب الرجل."}]});
        let gold = Gold::parse("g", &line.to_string()).unwrap();
        let coder = rasid_coder::Coder::with_options(
            &lex,
            rasid_coder::Options {
                model: None,
                ..Default::default()
            },
        );
        let doc = rasid_text::Document {
            doc_id: "d".into(),
            text: text.into(),
            ..Default::default()
        };
        let mentions = coded_mentions(&coder.candidates(&doc).1);
        assert!(mentions.iter().any(|m| m.code == "TURGOV"), "{mentions:?}");
        let by_doc = [("d".to_string(), mentions)].into();
        let c = coverage(&lex, &gold, &by_doc);
        assert_eq!(c.mentions.total, 2);
        assert_eq!(c.mentions.found_with_code, 2, "{c:?}");
        let none = coverage(&lex, &gold, &Default::default());
        assert_eq!((none.mentions.total, none.mentions.found), (2, 0));
        assert_eq!((c.events, c.unlocated), (3, 1));
        assert_eq!(c.triggers.total, 2);
        assert_eq!(c.triggers.found_with_code, 1, "{c:?}");
        assert_eq!(c.actors.total, 2);
        assert_eq!(c.actors.found_with_code, 2, "{c:?}");
        assert_eq!(c.missed_triggers.len(), 1);
        let m = &c.missed_triggers[0];
        assert_eq!((m.word.as_str(), m.events, m.articles), ("تثاءب", 1, 1));
        assert_eq!(m.cameo.get("042"), Some(&1));
    }
}
