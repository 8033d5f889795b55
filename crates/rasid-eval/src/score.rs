//! Event scoring: the rule of `gold/GUIDE.md` (section "Scoring"), figure for figure the
//! same as the reference `gold/score.py`, plus the diagnostics score.py does not give
//! (per-root precision/recall, a confusion table of roots, ranked errors with evidence).

use crate::gold::{Gold, GoldEvent, Key, Predicted};
use crate::py::{prf, primary, py_float, root, round4};
use serde::Serialize;
use serde_json::Value;
use std::collections::{BTreeMap, HashMap};

/// Counts and ratios for one CAMEO root (gold root for tp/fn, predicted root for fp).
pub type RootStats = crate::py::Prf;

/// One cell of the confusion table: a required gold event missed and a false alarm in
/// the same article with the same primary actors and aux but another CAMEO root.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Confusion {
    /// Root of the gold event.
    pub gold_root: String,
    /// Root predicted instead.
    pub pred_root: String,
    /// How many such pairs.
    pub count: usize,
}

/// A missed gold event or a false alarm, with the words that explain it.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ErrorCase {
    /// The article.
    pub doc_id: String,
    /// CAMEO code.
    pub cameo: String,
    /// Source code (`None` when absent).
    pub source: Option<String>,
    /// Target code.
    pub target: Option<String>,
    /// `aux`.
    pub aux: Value,
    /// Trigger words, when known.
    pub trigger: Option<String>,
    /// The reporting sentence, when known.
    pub sentence: Option<String>,
    /// Confidence of a prediction, when known.
    pub confidence: Option<f64>,
    /// What the other side has in the same sentence (`"nothing coded in this sentence"`,
    /// `"coded 04 TUR→EGY"`, …).
    pub note: String,
}

/// The result of [`score`]. The first ten fields are score.py's `--json` output.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct Report {
    /// Required gold events (tp + fn).
    pub gold_events: usize,
    /// Scored predictions (tp + fp).
    pub predicted: usize,
    /// Predictions matched to a required gold event.
    pub tp: usize,
    /// Predictions matched to no gold event.
    pub fp: usize,
    /// Required gold events matched by no prediction.
    #[serde(rename = "fn")]
    pub fn_: usize,
    /// Precision, rounded to 4 places.
    pub precision: f64,
    /// Recall, rounded to 4 places.
    pub recall: f64,
    /// F1, rounded to 4 places.
    pub f1: f64,
    /// Share of matches with the full CAMEO code and full actor codes right (4 places).
    pub full_code_and_actors_of_matched: f64,
    /// Share of matches with the date right at the gold date's precision (4 places).
    pub date_correct_of_matched: f64,
    /// Per CAMEO root (gold root for tp/fn, predicted root for fp).
    pub by_root: BTreeMap<String, RootStats>,
    /// Root confusions, most frequent first.
    pub confusion: Vec<Confusion>,
    /// Missed required gold events, worst first: nothing coded in the sentence, then
    /// wrong root, then the rest; article order within each group.
    pub misses: Vec<ErrorCase>,
    /// False alarms, worst first: by confidence, highest first; article order on ties.
    pub false_alarms: Vec<ErrorCase>,
}

fn gold_key(g: &GoldEvent) -> Key {
    (
        root(&g.cameo),
        primary(g.source.as_deref()),
        primary(g.target.as_deref()),
        g.aux.clone(),
    )
}

fn pred_key(p: &Predicted) -> Key {
    (
        root(&p.cameo),
        primary(p.source.as_deref()),
        primary(p.target.as_deref()),
        p.aux.clone(),
    )
}

fn date_ok(pred: Option<&str>, gold: Option<&str>) -> bool {
    match gold {
        None => true,
        Some(g) => pred.is_some_and(|p| p.starts_with(g)),
    }
}

/// score.py's `match_doc`: greedy one-to-one matching on the key, required gold events
/// first. Returns (pairs as (gold, pred) indices, unmatched gold, unmatched preds).
fn match_doc(gold: &[GoldEvent], pred: &[&Predicted]) -> MatchResult {
    let gkeys: Vec<Key> = gold.iter().map(gold_key).collect();
    let mut free: Vec<usize> = (0..gold.len()).collect();
    free.sort_by_key(|&i| gold[i].optional); // stable: required first, file order kept
    let mut pairs = Vec::new();
    let mut left_pred = Vec::new();
    for (j, p) in pred.iter().enumerate() {
        let k = pred_key(p);
        match free.iter().position(|&i| gkeys[i] == k) {
            Some(pos) => pairs.push((free.remove(pos), j)),
            None => left_pred.push(j),
        }
    }
    MatchResult {
        pairs,
        left_gold: free,
        left_pred,
    }
}

struct MatchResult {
    pairs: Vec<(usize, usize)>,
    left_gold: Vec<usize>,
    left_pred: Vec<usize>,
}

fn arrow(root: &str, s: &Option<String>, t: &Option<String>, aux: &Value) -> String {
    let aux = match aux {
        Value::Null => String::new(),
        Value::String(a) => format!(" [{a}]"),
        other => format!(" [{other}]"),
    };
    format!(
        "{root} {}→{}{aux}",
        s.as_deref().unwrap_or("-"),
        t.as_deref().unwrap_or("-")
    )
}

/// Scores `preds` against `gold` with the rule of `gold/GUIDE.md`, exactly as
/// `gold/score.py` does: per article, greedy one-to-one matching on (CAMEO root, primary
/// source, primary target, aux) in prediction order, required gold events first so an
/// optional one never takes a match from a required one; a match with an optional gold
/// event counts neither way; CAMEO 010 is ignored on both sides, and so are predictions
/// for articles not in `gold`. Returns the [`Report`], with every error (callers cut the
/// lists).
pub fn score(gold: &Gold, preds: &[Predicted]) -> Report {
    let mut by_doc: HashMap<&str, Vec<&Predicted>> = HashMap::new();
    for p in preds {
        if p.cameo != "010" && gold.doc(&p.doc_id).is_some() {
            by_doc.entry(p.doc_id.as_str()).or_default().push(p);
        }
    }
    let (mut tp, mut fp, mut fn_, mut full_tp, mut date_tp) = (0, 0, 0, 0, 0);
    let mut by_root: BTreeMap<String, RootStats> = BTreeMap::new();
    let mut confusion: BTreeMap<(String, String), usize> = BTreeMap::new();
    // (rank, case): misses ranked 0 = nothing coded in the sentence, 1 = wrong root, 2 = rest
    let mut misses: Vec<(u8, ErrorCase)> = Vec::new();
    let mut alarms: Vec<ErrorCase> = Vec::new();
    for doc in &gold.docs {
        let pred: &[&Predicted] = by_doc.get(doc.doc_id.as_str()).map_or(&[], |v| v);
        let m = match_doc(&doc.events, pred);
        for &(gi, pj) in &m.pairs {
            let (g, p) = (&doc.events[gi], pred[pj]);
            if g.optional {
                continue;
            }
            tp += 1;
            by_root.entry(root(&g.cameo)).or_default().tp += 1;
            if p.cameo == g.cameo
                && g.source_raw.equals(p.source.as_deref())
                && g.target_raw.equals(p.target.as_deref())
            {
                full_tp += 1;
            }
            if date_ok(p.date.as_deref(), g.date.as_deref()) {
                date_tp += 1;
            }
        }
        // diagnostics: where each side's sentence is, and root confusions
        let gold_span = |g: &GoldEvent| -> Option<(usize, usize)> {
            let ev = g.evidence.as_deref().filter(|e| !e.is_empty())?;
            doc.text.find(ev).map(|s| (s, s + ev.len()))
        };
        let same_sentence = |g: &GoldEvent, p: &Predicted| match (gold_span(g), p.evidence) {
            (Some(a), Some(b)) => a.0 < b.1 && b.0 < a.1,
            _ => match (&g.evidence, &p.sentence) {
                (Some(a), Some(b)) => a.contains(b.as_str()) || b.contains(a.as_str()),
                _ => false,
            },
        };
        let required: Vec<usize> = m
            .left_gold
            .iter()
            .copied()
            .filter(|&i| !doc.events[i].optional)
            .collect();
        let mut confused_gold: HashMap<usize, usize> = HashMap::new();
        let mut confused_pred: HashMap<usize, usize> = HashMap::new();
        for &pj in &m.left_pred {
            let pk = pred_key(pred[pj]);
            let hit = required.iter().copied().find(|gi| {
                !confused_gold.contains_key(gi) && {
                    let gk = gold_key(&doc.events[*gi]);
                    gk.1 == pk.1 && gk.2 == pk.2 && gk.3 == pk.3
                }
            });
            if let Some(gi) = hit {
                confused_gold.insert(gi, pj);
                confused_pred.insert(pj, gi);
                *confusion
                    .entry((root(&doc.events[gi].cameo), pk.0.clone()))
                    .or_default() += 1;
            }
        }
        for &gi in &required {
            let g = &doc.events[gi];
            fn_ += 1;
            by_root.entry(root(&g.cameo)).or_default().fn_ += 1;
            let (rank, note) = if let Some(&pj) = confused_gold.get(&gi) {
                let p = pred[pj];
                (
                    1,
                    format!("coded as {}", arrow(&p.cameo, &p.source, &p.target, &p.aux)),
                )
            } else if let Some(p) = pred.iter().find(|p| same_sentence(g, p)) {
                (
                    2,
                    format!(
                        "sentence coded as {}",
                        arrow(&p.cameo, &p.source, &p.target, &p.aux)
                    ),
                )
            } else {
                (0, "nothing coded in this sentence".to_string())
            };
            misses.push((
                rank,
                ErrorCase {
                    doc_id: doc.doc_id.clone(),
                    cameo: g.cameo.clone(),
                    source: g.source.clone(),
                    target: g.target.clone(),
                    aux: g.aux.clone(),
                    trigger: g.trigger.clone(),
                    sentence: g.evidence.clone(),
                    confidence: None,
                    note,
                },
            ));
        }
        for &pj in &m.left_pred {
            let p = pred[pj];
            fp += 1;
            by_root.entry(root(&p.cameo)).or_default().fp += 1;
            let note = if let Some(&gi) = confused_pred.get(&pj) {
                let g = &doc.events[gi];
                format!("gold has {}", arrow(&g.cameo, &g.source, &g.target, &g.aux))
            } else if let Some(g) = doc.events.iter().find(|g| same_sentence(g, p)) {
                format!(
                    "gold in this sentence: {}{}",
                    arrow(&g.cameo, &g.source, &g.target, &g.aux),
                    if g.optional { " (optional)" } else { "" }
                )
            } else {
                "no gold event in this sentence".to_string()
            };
            alarms.push(ErrorCase {
                doc_id: doc.doc_id.clone(),
                cameo: p.cameo.clone(),
                source: p.source.clone(),
                target: p.target.clone(),
                aux: p.aux.clone(),
                trigger: p.trigger.clone(),
                sentence: p.sentence.clone(),
                confidence: p.confidence,
                note,
            });
        }
    }
    for s in by_root.values_mut() {
        s.finish();
    }
    misses.sort_by_key(|(rank, _)| *rank);
    alarms.sort_by(|a, b| {
        b.confidence
            .unwrap_or(f64::NEG_INFINITY)
            .total_cmp(&a.confidence.unwrap_or(f64::NEG_INFINITY))
    });
    let mut confusion: Vec<Confusion> = confusion
        .into_iter()
        .map(|((gold_root, pred_root), count)| Confusion {
            gold_root,
            pred_root,
            count,
        })
        .collect();
    confusion.sort_by_key(|c| std::cmp::Reverse(c.count));
    let ratio = |n: usize| {
        if tp > 0 {
            round4(n as f64 / tp as f64)
        } else {
            0.0
        }
    };
    Report {
        full_code_and_actors_of_matched: ratio(full_tp),
        date_correct_of_matched: ratio(date_tp),
        by_root,
        confusion,
        misses: misses.into_iter().map(|(_, c)| c).collect(),
        false_alarms: alarms,
        ..Report::main_figures(tp, fp, fn_)
    }
}

impl Report {
    /// The main figures of disjoint sets of articles scored apart, as one [`score`] of
    /// them all would give them: counts summed, precision, recall and F1 from the sums
    /// (matching is per article, so the figures are exactly those of one pooled score).
    /// Takes the `parts`' reports; returns a report whose secondary ratios, per-root
    /// figures, confusions and error lists are empty (they are not additive from the
    /// rounded ratios of the parts). Used by cross-validation to score each fold as it is
    /// coded instead of holding every fold's predictions.
    pub fn pooled<'r>(parts: impl IntoIterator<Item = &'r Report>) -> Report {
        let (mut tp, mut fp, mut fn_) = (0, 0, 0);
        for r in parts {
            tp += r.tp;
            fp += r.fp;
            fn_ += r.fn_;
        }
        Report::main_figures(tp, fp, fn_)
    }

    /// A report of the main counts `tp`, `fp`, `fn_` alone: score.py's precision, recall
    /// and F1 (rounded to 4 places) and the totals; everything else empty.
    fn main_figures(tp: usize, fp: usize, fn_: usize) -> Report {
        let (p, r, f) = prf(tp, fp, fn_);
        Report {
            gold_events: tp + fn_,
            predicted: tp + fp,
            tp,
            fp,
            fn_,
            precision: round4(p),
            recall: round4(r),
            f1: round4(f),
            ..Report::default()
        }
    }

    /// score.py's `--json` object (with `by_root` as `{"tp","fp","fn"}` when `by_root`).
    pub fn score_py_json(&self, by_root: bool) -> Value {
        let mut v = serde_json::json!({
            "gold_events": self.gold_events, "predicted": self.predicted,
            "tp": self.tp, "fp": self.fp, "fn": self.fn_,
            "precision": self.precision, "recall": self.recall, "f1": self.f1,
            "full_code_and_actors_of_matched": self.full_code_and_actors_of_matched,
            "date_correct_of_matched": self.date_correct_of_matched,
        });
        if by_root {
            v["by_root"] = self
                .by_root
                .iter()
                .map(|(k, s)| {
                    (
                        k.clone(),
                        serde_json::json!({"tp": s.tp, "fp": s.fp, "fn": s.fn_}),
                    )
                })
                .collect::<serde_json::Map<_, _>>()
                .into();
        }
        v
    }

    /// Writes the report for a person: the headline figures (score.py's lines), then,
    /// when `by_root`, the per-root table and the confusion table, then up to `errors`
    /// misses and false alarms with their sentences; the last line is `F1 <f1>`.
    ///
    /// # Errors
    /// Only those of `out`.
    pub fn write_text(
        &self,
        out: &mut dyn std::io::Write,
        by_root: bool,
        errors: usize,
    ) -> std::io::Result<()> {
        writeln!(out, "gold_events: {}", self.gold_events)?;
        writeln!(out, "predicted: {}", self.predicted)?;
        writeln!(out, "tp: {}", self.tp)?;
        writeln!(out, "fp: {}", self.fp)?;
        writeln!(out, "fn: {}", self.fn_)?;
        writeln!(out, "precision: {}", py_float(self.precision))?;
        writeln!(out, "recall: {}", py_float(self.recall))?;
        writeln!(out, "f1: {}", py_float(self.f1))?;
        writeln!(
            out,
            "full_code_and_actors_of_matched: {}",
            py_float(self.full_code_and_actors_of_matched)
        )?;
        writeln!(
            out,
            "date_correct_of_matched: {}",
            py_float(self.date_correct_of_matched)
        )?;
        if by_root {
            writeln!(out, "\nroot   tp   fp   fn  precision  recall  f1")?;
            for (r, s) in &self.by_root {
                writeln!(
                    out,
                    "{r:<4} {:>4} {:>4} {:>4}  {:>9.4}  {:>6.4}  {:.4}",
                    s.tp, s.fp, s.fn_, s.precision, s.recall, s.f1
                )?;
            }
            writeln!(out, "\nconfusion (same actors and aux, other root)")?;
            if self.confusion.is_empty() {
                writeln!(out, "  none")?;
            }
            for c in &self.confusion {
                writeln!(
                    out,
                    "  gold {} → predicted {}: {}",
                    c.gold_root, c.pred_root, c.count
                )?;
            }
        }
        let case = |out: &mut dyn std::io::Write, tag: &str, c: &ErrorCase| {
            writeln!(
                out,
                "{tag} {} {}{} trigger={} ({})",
                c.doc_id,
                arrow(&c.cameo, &c.source, &c.target, &c.aux),
                c.confidence
                    .map(|x| format!(" conf={x:.2}"))
                    .unwrap_or_default(),
                c.trigger.as_deref().unwrap_or("-"),
                c.note
            )?;
            let s = c.sentence.as_deref().unwrap_or("-").trim();
            let short: String = s.chars().take(200).collect();
            writeln!(
                out,
                "    {short}{}",
                if short.len() < s.len() { "…" } else { "" }
            )
        };
        if errors > 0 {
            writeln!(out)?;
        }
        for c in self.misses.iter().take(errors) {
            case(out, "MISS", c)?;
        }
        for c in self.false_alarms.iter().take(errors) {
            case(out, "FALSE", c)?;
        }
        writeln!(out, "F1 {}", py_float(self.f1))
    }
}
