//! Prints what the coder saw and decided, sentence by sentence, for the JSON Lines
//! documents on standard input whose `doc_id` is given as an argument (all documents when
//! none is): actors with their codes, and each trigger with its outcome. A quick
//! companion of `code_jsonl` for error analysis without building the CLI
//! (`cargo run --release -p rasid-coder --example explain_jsonl DOC_ID < gold.jsonl`).
use std::io::{BufRead, Write};

fn main() {
    let wanted: Vec<String> = std::env::args().skip(1).collect();
    let lex = rasid_lexicon::Lexicon::build(&rasid_lexicon::Sources::embedded())
        .expect("shipped lexicons are valid");
    let coder = rasid_coder::Coder::new(&lex);
    let mut out = std::io::BufWriter::new(std::io::stdout().lock());
    for line in std::io::stdin().lock().lines() {
        let line = line.expect("readable stdin");
        let Ok(v) = serde_json::from_str::<serde_json::Value>(&line) else {
            continue;
        };
        let doc_id = v["doc_id"].as_str().unwrap_or("doc").to_string();
        if !wanted.is_empty() && !wanted.contains(&doc_id) {
            continue;
        }
        let doc = rasid_text::Document {
            doc_id: doc_id.clone(),
            text: v["text"].as_str().unwrap_or("").to_string(),
            date: v["date"]
                .as_str()
                .and_then(|d| chrono::NaiveDate::parse_from_str(d, "%Y-%m-%d").ok()),
            ..Default::default()
        };
        let (events, traces) = coder.explain(&doc);
        writeln!(out, "##### {doc_id}").unwrap();
        for t in traces {
            if t.triggers.is_empty() {
                continue;
            }
            writeln!(out, "[{}] {}", t.sentence, t.text).unwrap();
            for (surface, code, entry) in &t.actors {
                writeln!(out, "    actor {surface} = {code} ({entry})").unwrap();
            }
            for c in &t.triggers {
                writeln!(
                    out,
                    "    trigger {} [{} {}]: {}",
                    c.text, c.rule, c.cameo, c.outcome
                )
                .unwrap();
            }
        }
        for e in events {
            let tgt = e
                .target
                .as_ref()
                .map_or("-".to_string(), |t| format!("{} ({})", t.code, t.text));
            writeln!(
                out,
                "  => {} {} {} ({}) -> {} [{}] aux={:?}",
                e.sentence, e.cameo, e.source.code, e.source.text, tgt, e.trigger.text, e.aux
            )
            .unwrap();
        }
    }
}
