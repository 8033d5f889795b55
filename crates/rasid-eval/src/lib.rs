//! Evaluation for rasid: how well the coder finds the events of a gold file, and how well
//! the lexicons find named entities.
//!
//! * [`score`] scores predicted events against a [`Gold`] file with the rule of
//!   `gold/GUIDE.md` (section "Scoring"), figure for figure as the reference
//!   `gold/score.py` computes it (its Python semantics are in [`py`]), and adds per-root
//!   figures, a confusion table of roots and ranked errors with their sentences
//!   ([`Report`]).
//! * [`coverage`] measures how many gold trigger words and actor phrases the lexicons
//!   find at all ([`Coverage`]).
//! * [`ner`] scores the lexicon matcher as a named-entity recogniser on IOB files,
//!   CoNLL style ([`ner::evaluate`] → [`ner::NerReport`]).
//!
//! ```
//! use rasid_eval::{score, Gold, Predicted};
//! let line = serde_json::json!({"doc_id": "d1", "text": "زار الوزير أنقرة.", "events": [
//!   {"cameo": "042", "source": "EGYGOV", "target": "TUR", "aux": null, "date": "2025-10"},
//!   {"cameo": "040", "source": "EGYGOV", "target": "TURGOV", "aux": null, "optional": true}]});
//! let gold = Gold::parse("gold.jsonl", &line.to_string()).unwrap();
//! let pred = |cameo: &str, target: &str| Predicted::from_json(&serde_json::json!(
//!     {"doc_id": "d1", "cameo": cameo, "source": {"code": "EGYGOV"}, "target": target,
//!      "date": "2025-10-19"})).unwrap();
//! // a visit (root 04, primary target TUR) matches; a second one is a false alarm,
//! // unless an optional gold event takes it
//! let r = score(&gold, &[pred("042", "TURGOV"), pred("043", "TURGOV"), pred("190", "TUR")]);
//! assert_eq!((r.tp, r.fp, r.fn_), (1, 1, 0));
//! assert_eq!((r.precision, r.recall, r.f1), (0.5, 1.0, 0.6667));
//! assert_eq!(r.full_code_and_actors_of_matched, 0.0); // TURGOV is not TUR
//! assert_eq!(r.date_correct_of_matched, 1.0); // 2025-10-19 is in 2025-10
//! ```
#![deny(missing_docs)]

pub mod coverage;
pub mod gold;
pub mod ner;
pub mod py;
pub mod score;

pub use coverage::{coded_mentions, coverage, CodedMention, Coverage, Found, Missed};
pub use gold::{
    parse_predictions, read_predictions, Gold, GoldDoc, GoldEvent, LoadError, Predicted,
};
pub use score::{score, Confusion, ErrorCase, Report, RootStats};
