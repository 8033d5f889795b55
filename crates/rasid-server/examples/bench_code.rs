//! Per-request cost of `POST /v1/code` without HTTP: coding, highlighting and JSON
//! encoding of scripts/load-article.json, single-threaded.
//!
//! `cargo run --release -p rasid-server --example bench_code`

use std::time::Instant;

fn main() {
    let body = include_str!("../../../scripts/load-article.json");
    let req: serde_json::Value = serde_json::from_str(body).unwrap();
    let doc = rasid_text::Document {
        doc_id: "api".into(),
        text: req["text"].as_str().unwrap().to_string(),
        date: chrono::NaiveDate::from_ymd_opt(2025, 3, 5),
        ..Default::default()
    };
    let lex = rasid_lexicon::Lexicon::build(&rasid_lexicon::Sources::embedded()).unwrap();
    let n = 300;
    let time = |name: &str, f: &dyn Fn() -> usize| {
        f();
        let t = Instant::now();
        let mut x = 0;
        for _ in 0..n {
            x += f();
        }
        let us = t.elapsed().as_secs_f64() * 1e6 / n as f64;
        println!("{name:<12} {us:>8.0} µs/request ({x} items)");
    };
    time("coder", &|| rasid_coder::Coder::new(&lex).code(&doc).len());
    time("highlight", &|| {
        rasid_server::code::highlight(&lex, &doc).len()
    });
    time("both+json", &|| {
        serde_json::to_vec(&rasid_server::code::code(&lex, &doc))
            .unwrap()
            .len()
    });
}
