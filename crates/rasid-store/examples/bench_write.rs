//! The cost of one small write (what `POST /v1/documents` does: `Store::ingest` of one
//! document) on stores of growing size (issue 16: 3 ms on an empty store, 55 ms at 11,600
//! documents, when every write loaded every stored signature).
//!
//! ```sh
//! cargo run --release -p rasid-store --example bench_write -- 100000   # sizes up to N
//! ```
//!
//! The store is filled with generated articles (distinct random sequences of Arabic words
//! of our own vocabulary, ~60 words each, so every one has a MinHash signature), then at
//! each size 0, 1,000, 10,000, 100,000 … up to N it times WRITES (default 30) one-document
//! ingests of new articles and prints the median and the 90th percentile in ms.

use rasid_coder::Coder;
use rasid_lexicon::{Lexicon, Sources};
use rasid_store::{IngestOptions, Input, Store};
use rasid_text::Document;
use std::time::Instant;

const WORDS: [&str; 40] = [
    "الوزير",
    "الحكومة",
    "المدينة",
    "الاقتصاد",
    "التعاون",
    "المشروع",
    "الطاقة",
    "المياه",
    "الزراعة",
    "التعليم",
    "الصحة",
    "الطرق",
    "الموانئ",
    "السياحة",
    "الثقافة",
    "الرياضة",
    "الشباب",
    "المرأة",
    "الأسواق",
    "الأسعار",
    "الصادرات",
    "الواردات",
    "المصارف",
    "الاستثمار",
    "الصناعة",
    "التقنية",
    "البحث",
    "الجامعة",
    "المستشفى",
    "المطار",
    "القطار",
    "الكهرباء",
    "النفط",
    "الغاز",
    "البيئة",
    "المناخ",
    "الإسكان",
    "النقل",
    "الاتصالات",
    "البلدية",
];

/// xorshift64*: deterministic words for article `i`.
fn article(i: u64) -> Document {
    let mut x = i.wrapping_mul(0x9E37_79B9_7F4A_7C15) | 1;
    let mut text = String::with_capacity(800);
    for w in 0..60 {
        x ^= x >> 12;
        x ^= x << 25;
        x ^= x >> 27;
        let r = x.wrapping_mul(0x2545_F491_4F6C_DD1D);
        text.push_str(WORDS[(r >> 33) as usize % WORDS.len()]);
        text.push(if w % 12 == 11 { '.' } else { ' ' });
    }
    Document {
        doc_id: format!("bench-{i}"),
        text,
        ..Default::default()
    }
}

fn main() {
    let max: u64 = std::env::args()
        .nth(1)
        .map(|a| a.parse().expect("N: a number of documents"))
        .unwrap_or(100_000);
    let writes: usize = std::env::var("WRITES")
        .ok()
        .and_then(|w| w.parse().ok())
        .unwrap_or(30);
    let lex = Lexicon::build(&Sources::embedded()).expect("lexicon");
    let coder = Coder::new(&lex);
    let dir = tempfile::tempdir().expect("temp dir");
    let mut store = Store::open(dir.path().join("bench.db")).expect("store");
    let mut next = 0u64;
    let mut stored = 0u64;
    let mut sizes = vec![0u64];
    let mut s = 1000;
    while s <= max {
        sizes.push(s);
        s *= 10;
    }
    println!("documents  write median ms  write p90 ms");
    for size in sizes {
        if size > stored {
            let fill = (stored..size).map(|i| Input::Doc(article(i)));
            store
                .ingest(&coder, fill, &IngestOptions::default(), &|_| {})
                .expect("fill");
            stored = size;
            next = size;
        }
        let mut ms = Vec::with_capacity(writes);
        for _ in 0..writes {
            // a document never seen, written alone (as the server does)
            let doc = article(1_000_000_000 + next);
            next += 1;
            let t = Instant::now();
            store
                .ingest(
                    &coder,
                    std::iter::once(Input::Doc(doc)),
                    &IngestOptions::default(),
                    &|_| {},
                )
                .expect("write");
            ms.push(t.elapsed().as_secs_f64() * 1e3);
        }
        ms.sort_by(f64::total_cmp);
        println!(
            "{size:>9}  {:>15.2}  {:>12.2}",
            ms[ms.len() / 2],
            ms[ms.len() * 9 / 10]
        );
    }
}
