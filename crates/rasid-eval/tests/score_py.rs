//! The Rust scorer against the reference `gold/score.py`, on a small gold file written for
//! this test (`tests/data/gold.jsonl`, `tests/data/pred.jsonl`).
//!
//! The expected figures below were computed by hand from the rule of `gold/GUIDE.md`:
//!
//! * t-visit: an optional 040 EGY→TUR stands *before* the required 042 EGY→TUR; the first
//!   prediction (042 EGYGOV→TURGOV, right date) must take the required one (tp, full code
//!   wrong: TURGOV is not TUR, date right), the second (042 EGYGOV→TUR, wrong date) falls on
//!   the optional one (counts neither way). 043 TURGOV→EGYGOV is a tp with the full code
//!   right and a date ("2025-03") coarser than gold ("2025-03-09"): date wrong. 010 is
//!   ignored on both sides. 040 EGY→IRN without aux misses the negated gold event: one fp,
//!   one fn.
//! * t-un: 111 IGOUNO→ISR tp (full, date right); 013 IGOUNO→ISRGOV against gold 020
//!   IGOUNO→ISR: fp + fn, and a 02→01 confusion; 190 "isrmil"→PSE tp (codes are
//!   upper-cased, full right; no date: date wrong); 183 UAF→null fp.
//! * t-empty: 190 USAMIL→IRN fp. A prediction for a document not in gold is ignored.
//!
//! tp 4, fp 4, fn 2: P 0.5, R 0.6667, F1 0.5714, full 3/4, date 2/4.
//!
//! When `python3` and score.py are found (`RASID_SCORE_PY`, else
//! `../shared/gold/score.py` next to the workspace), its `--json --by-root` output must
//! equal ours as well; otherwise that half is skipped with a message.

use rasid_eval::{read_predictions, score, Gold};
use serde_json::{json, Value};
use std::path::{Path, PathBuf};

fn data(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/data")
        .join(name)
}

fn rust_report() -> rasid_eval::Report {
    let gold = Gold::read(&data("gold.jsonl")).unwrap();
    let preds = read_predictions(&data("pred.jsonl"), &gold).unwrap();
    score(&gold, &preds)
}

#[test]
fn hand_computed_figures() {
    let r = rust_report();
    let expected = json!({
        "gold_events": 6, "predicted": 8, "tp": 4, "fp": 4, "fn": 2,
        "precision": 0.5, "recall": 0.6667, "f1": 0.5714,
        "full_code_and_actors_of_matched": 0.75, "date_correct_of_matched": 0.5,
        "by_root": {
            "01": {"tp": 0, "fp": 1, "fn": 0}, "02": {"tp": 0, "fp": 0, "fn": 1},
            "04": {"tp": 2, "fp": 1, "fn": 1}, "11": {"tp": 1, "fp": 0, "fn": 0},
            "18": {"tp": 0, "fp": 1, "fn": 0}, "19": {"tp": 1, "fp": 1, "fn": 0}
        }
    });
    assert_eq!(r.score_py_json(true), expected);
    assert_eq!(r.by_root["04"].precision, 0.6667);
    assert_eq!(r.by_root["04"].recall, 0.6667);
    // the one root confusion: gold 02 (appeal) coded 01 for the same actors
    assert_eq!(r.confusion.len(), 1);
    assert_eq!(
        (
            r.confusion[0].gold_root.as_str(),
            r.confusion[0].pred_root.as_str()
        ),
        ("02", "01")
    );
    // misses: the negated meeting was coded (without aux) in its sentence; the appeal was
    // coded with another root
    assert_eq!(r.misses.len(), 2);
    assert!(r
        .misses
        .iter()
        .any(|m| m.cameo == "020" && m.note.starts_with("coded as 013")));
    // false alarms, most confident first, with the sentence cut from the gold text
    let fa: Vec<&str> = r.false_alarms.iter().map(|c| c.cameo.as_str()).collect();
    assert_eq!(fa, ["190", "040", "013", "183"]);
    assert_eq!(
        r.false_alarms[1].sentence.as_deref(),
        Some("ولم يلتق الوزير نظيره الإيراني.")
    );
    let mut text = Vec::new();
    r.write_text(&mut text, true, 2).unwrap();
    let text = String::from_utf8(text).unwrap();
    assert!(text.contains("\nf1: 0.5714\n"), "{text}");
    assert!(text.ends_with("F1 0.5714\n"));
}

fn score_py() -> Option<PathBuf> {
    let p = match std::env::var_os("RASID_SCORE_PY") {
        Some(p) => PathBuf::from(p),
        None => Path::new(env!("CARGO_MANIFEST_DIR")).join("../../../shared/gold/score.py"),
    };
    p.is_file().then_some(p)
}

#[test]
fn equals_score_py() {
    let Some(script) = score_py() else {
        eprintln!("skipped: score.py not found (set RASID_SCORE_PY)");
        return;
    };
    let out = match std::process::Command::new("python3")
        .arg(&script)
        .arg(data("gold.jsonl"))
        .arg(data("pred.jsonl"))
        .args(["--json", "--by-root"])
        .output()
    {
        Ok(o) if o.status.success() => o,
        Ok(o) => panic!("score.py failed: {}", String::from_utf8_lossy(&o.stderr)),
        Err(e) => {
            eprintln!("skipped: python3 not runnable ({e})");
            return;
        }
    };
    let py: Value = serde_json::from_slice(&out.stdout).expect("score.py prints JSON");
    assert_eq!(rust_report().score_py_json(true), py);
}

#[test]
fn articles_scored_apart_pool_to_the_whole_score() {
    let whole = rust_report();
    let lines = std::fs::read_to_string(data("gold.jsonl")).unwrap();
    let parts: Vec<rasid_eval::Report> = lines
        .lines()
        .filter(|l| !l.trim().is_empty())
        .map(|line| {
            let gold = Gold::parse("one article", line).unwrap();
            let preds = read_predictions(&data("pred.jsonl"), &gold).unwrap();
            score(&gold, &preds)
        })
        .collect();
    assert!(parts.len() >= 3, "one report per article of the test gold");
    let pooled = rasid_eval::Report::pooled(&parts);
    assert_eq!(
        (pooled.tp, pooled.fp, pooled.fn_),
        (whole.tp, whole.fp, whole.fn_)
    );
    assert_eq!(
        (pooled.precision, pooled.recall, pooled.f1),
        (0.5, 0.6667, 0.5714)
    );
    assert!(pooled.misses.is_empty() && pooled.by_root.is_empty());
}
