//! Codes JSON Lines documents (`doc_id`, `text`, `date`) from standard input and prints
//! their events as JSON Lines: the coder alone, without the CLI, for quick evaluation
//! loops (`cargo run --release -p rasid-coder --example code_jsonl < gold.jsonl`).
use std::io::{BufRead, Write};

fn main() {
    let lex = rasid_lexicon::Lexicon::build(&rasid_lexicon::Sources::embedded())
        .expect("shipped lexicons are valid");
    let coder = rasid_coder::Coder::new(&lex);
    let mut out = std::io::BufWriter::new(std::io::stdout().lock());
    for line in std::io::stdin().lock().lines() {
        let line = line.expect("readable stdin");
        let Ok(v) = serde_json::from_str::<serde_json::Value>(&line) else {
            continue;
        };
        let doc = rasid_text::Document {
            doc_id: v["doc_id"].as_str().unwrap_or("doc").to_string(),
            text: v["text"].as_str().unwrap_or("").to_string(),
            date: v["date"]
                .as_str()
                .and_then(|d| chrono::NaiveDate::parse_from_str(d, "%Y-%m-%d").ok()),
            ..Default::default()
        };
        for e in coder.code(&doc) {
            serde_json::to_writer(&mut out, &e).unwrap();
            out.write_all(b"\n").unwrap();
        }
    }
}
