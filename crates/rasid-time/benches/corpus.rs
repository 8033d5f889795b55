//! Throughput of `find_dates` over a news corpus (JSON Lines, gzip; `doc_id, text, date`).
//!
//! ```text
//! cargo bench -p rasid-time --bench corpus [-- PATH] [--dump N]
//! ```
//!
//! PATH defaults to `../shared/corpus/saudinewsnet-2015.jsonl.gz` relative to the workspace;
//! without the file, a synthetic text is used. `--dump N` prints the N most frequent
//! expression texts with their kinds, to review precision by eye.

use std::collections::HashMap;
use std::io::{BufRead, BufReader};
use std::time::Instant;

use chrono::NaiveDate;

fn main() {
    let args: Vec<String> = std::env::args()
        .skip(1)
        .filter(|a| a != "--bench")
        .collect();
    let dump: usize = args
        .iter()
        .position(|a| a == "--dump")
        .and_then(|i| args.get(i + 1))
        .and_then(|n| n.parse().ok())
        .unwrap_or(0);
    let path = args
        .iter()
        .find(|a| a.ends_with(".gz") || a.ends_with(".jsonl"))
        .cloned()
        .unwrap_or_else(|| {
            concat!(
                env!("CARGO_MANIFEST_DIR"),
                "/../../../shared/corpus/saudinewsnet-2015.jsonl.gz"
            )
            .to_string()
        });
    let docs = load(&path).unwrap_or_else(|| {
        eprintln!("corpus {path} not found; using synthetic text");
        let line = "قال الوزير اليوم إن الاتفاق الموقع في 10 أغسطس 2015 الموافق 25 شوال 1436 هـ \
                    سيدخل حيز التنفيذ الأسبوع المقبل بعد محادثات جرت قبل ثلاثة أيام.\n";
        vec![(line.repeat(20_000), NaiveDate::from_ymd_opt(2015, 8, 12))]
    });
    let bytes: usize = docs.iter().map(|(t, _)| t.len()).sum();
    let mut found = 0usize;
    let mut counts: HashMap<(String, String), usize> = HashMap::new();
    let start = Instant::now();
    for (text, anchor) in &docs {
        let dates = rasid_time::find_dates(text, *anchor);
        found += dates.len();
        if dump > 0 {
            for d in &dates {
                *counts
                    .entry((d.text(text).to_string(), format!("{:?}", d.kind)))
                    .or_default() += 1;
            }
        }
    }
    let secs = start.elapsed().as_secs_f64();
    println!(
        "find_dates: {} docs, {:.1} MB, {found} expressions, {secs:.2} s, {:.0} MB/s (one thread)",
        docs.len(),
        bytes as f64 / 1e6,
        bytes as f64 / 1e6 / secs
    );
    let mut counts: Vec<_> = counts.into_iter().collect();
    counts.sort_by_key(|c| std::cmp::Reverse(c.1));
    for ((text, kind), n) in counts.into_iter().take(dump) {
        println!("{n:>7}  {kind:<9} {text}");
    }
}

fn load(path: &str) -> Option<Vec<(String, Option<NaiveDate>)>> {
    let file = std::fs::File::open(path).ok()?;
    let reader: Box<dyn BufRead> = if path.ends_with(".gz") {
        Box::new(BufReader::new(flate2::read::GzDecoder::new(file)))
    } else {
        Box::new(BufReader::new(file))
    };
    let mut docs = Vec::new();
    for line in reader.lines() {
        let line = line.ok()?;
        let Ok(v) = serde_json::from_str::<serde_json::Value>(&line) else {
            continue;
        };
        let Some(text) = v.get("text").and_then(|t| t.as_str()) else {
            continue;
        };
        let date = v
            .get("date")
            .and_then(|d| d.as_str())
            .and_then(|d| d.get(..10))
            .and_then(|d| d.parse().ok());
        docs.push((text.to_string(), date));
    }
    Some(docs)
}
