//! Throughput of the text layer: normalization ([`Normalized::folded`]) + [`tokenize`] +
//! [`split_sentences`] over every article of a gzipped JSON Lines corpus, on one thread.
//!
//! ```text
//! cargo run --release -p rasid-text --example bench_text -- /work/shared/corpus/saudinewsnet-2015.jsonl.gz
//! ```
//!
//! All texts are decompressed and parsed into memory before the clock starts, so the
//! figure is the text layer alone. The pass is repeated (`--passes N`, default 3) and the
//! best pass is reported in MB/s (10^6 bytes of raw UTF-8 text per second) and
//! articles/s (wall clock, and by the thread's CPU time, which a busy machine disturbs
//! less), then each stage alone. `--verify` first checks the fast key paths against
//! the reference character functions on every article.

use rasid_text::{split_sentences, tokenize, Normalized};
use std::io::{BufRead, BufReader};
use std::time::Instant;

fn main() {
    let mut args = std::env::args().skip(1);
    let mut path = None;
    let mut passes = 3usize;
    let mut verify = false;
    while let Some(a) = args.next() {
        if a == "--verify" {
            verify = true;
        } else if a == "--passes" {
            passes = args
                .next()
                .and_then(|n| n.parse().ok())
                .expect("--passes N");
        } else {
            path = Some(a);
        }
    }
    let path = path.unwrap_or_else(|| "../shared/corpus/saudinewsnet-2015.jsonl.gz".into());
    let file = std::fs::File::open(&path).unwrap_or_else(|e| panic!("{path}: {e}"));
    let reader = BufReader::new(flate2::read::GzDecoder::new(file));
    let mut texts = Vec::new();
    for line in reader.lines() {
        let line = line.expect("read line");
        if line.trim().is_empty() {
            continue;
        }
        let v: serde_json::Value = serde_json::from_str(&line).expect("JSON line");
        if let Some(t) = v.get("text").and_then(|t| t.as_str()) {
            texts.push(t.to_string());
        }
    }
    let bytes: usize = texts.iter().map(|t| t.len()).sum();
    println!(
        "{path}: {} articles, {:.1} MB of text",
        texts.len(),
        bytes as f64 / 1e6
    );

    if verify {
        // the fast paths against the reference character functions
        for text in &texts {
            let n = Normalized::folded(text);
            let reference: String = text.chars().filter_map(rasid_text::fold_char).collect();
            assert_eq!(n.text, reference);
            let toks = tokenize(text);
            for (i, t) in toks.tokens.iter().enumerate() {
                let s = &text[t.span.range()];
                let norm: String = s.chars().filter_map(rasid_text::norm_char).collect();
                let fold: String = s.chars().filter_map(rasid_text::fold_char).collect();
                assert_eq!((toks.norm(i), toks.fold(i)), (norm.as_str(), fold.as_str()));
            }
        }
        println!("verified keys of {} articles", texts.len());
    }
    let t0 = Instant::now();
    let _ = tokenize("warm up the tables");
    println!("table init: {:.1} ms", t0.elapsed().as_secs_f64() * 1e3);
    let mut best = f64::INFINITY;
    let mut best_cpu = f64::INFINITY;
    let mut check = 0usize;
    for pass in 0..passes.max(1) {
        let c0 = cpu_seconds();
        let t0 = Instant::now();
        let (mut ntok, mut nsent, mut nnorm) = (0usize, 0usize, 0usize);
        for text in &texts {
            let n = Normalized::folded(text);
            nnorm += n.text.len();
            let toks = tokenize(text);
            ntok += toks.len();
            nsent += split_sentences(text, &toks).len();
        }
        let secs = t0.elapsed().as_secs_f64();
        let cpu = cpu_seconds().zip(c0).map(|(b, a)| b - a);
        best = best.min(secs);
        if let Some(cpu) = cpu {
            best_cpu = best_cpu.min(cpu);
        }
        check = ntok + nsent + nnorm;
        println!(
            "pass {pass}: {secs:.3} s wall ({} s CPU), {:.1} MB/s, {:.0} articles/s ({ntok} tokens, {nsent} sentences)",
            cpu.map_or("?".into(), |c| format!("{c:.2}")),
            bytes as f64 / 1e6 / secs,
            texts.len() as f64 / secs
        );
    }
    println!(
        "best: {:.1} MB/s, {:.0} articles/s wall clock; {:.1} MB/s by thread CPU time \
         (normalize + tokenize + split_sentences, 1 thread; checksum {check})",
        bytes as f64 / 1e6 / best,
        texts.len() as f64 / best,
        bytes as f64 / 1e6 / best_cpu,
    );

    // The stages apart (best of the passes), to see where the time goes.
    let stage = |name: &str, f: &dyn Fn(&str) -> usize| {
        let mut best = f64::INFINITY;
        for _ in 0..passes.max(1) {
            let t0 = Instant::now();
            let n: usize = texts.iter().map(|t| f(t)).sum();
            best = best.min(t0.elapsed().as_secs_f64());
            std::hint::black_box(n);
        }
        println!("  {name:<28} {:7.1} MB/s", bytes as f64 / 1e6 / best);
    };
    stage("Normalized::folded", &|t| Normalized::folded(t).text.len());
    stage("tokenize", &|t| tokenize(t).len());
    let toks: Vec<_> = texts.iter().map(|t| tokenize(t)).collect();
    let mut best_split = f64::INFINITY;
    for _ in 0..passes.max(1) {
        let t0 = Instant::now();
        let n: usize = texts
            .iter()
            .zip(&toks)
            .map(|(t, k)| split_sentences(t, k).len())
            .sum();
        best_split = best_split.min(t0.elapsed().as_secs_f64());
        std::hint::black_box(n);
    }
    println!(
        "  {:<28} {:7.1} MB/s",
        "split_sentences",
        bytes as f64 / 1e6 / best_split
    );
}

/// User + system CPU time of this thread in seconds (Linux; `None` elsewhere), so that a
/// figure taken on a busy machine is not only the scheduler's.
fn cpu_seconds() -> Option<f64> {
    let stat = std::fs::read_to_string("/proc/thread-self/stat").ok()?;
    // fields after the parenthesised command name; utime and stime are fields 14 and 15
    let rest = &stat[stat.rfind(')')? + 2..];
    let f: Vec<&str> = rest.split(' ').collect();
    let ticks: f64 = f.get(11)?.parse::<f64>().ok()? + f.get(12)?.parse::<f64>().ok()?;
    Some(ticks / 100.0)
}
