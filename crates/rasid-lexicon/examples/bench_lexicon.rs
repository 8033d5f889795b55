//! Load time, memory and matching speed of the embedded lexicons (issue 3's figures).
//!
//! ```text
//! cargo run --release -p rasid-lexicon --example bench_lexicon -- ../shared/corpus/saudinewsnet-2015.jsonl.gz
//! ```
//!
//! Prints:
//! - **load**: [`Sources::embedded`] + [`Lexicon::build`] (parse, validate, compile the
//!   matcher), the best and the median of 15 builds, in ms of wall clock; then loading
//!   the compiled form ([`Lexicon::from_bytes`], what the `rasid` binary does);
//! - **memory**: heap bytes live after a build (all entries, tables and the matcher,
//!   counted by a counting global allocator) and the matcher's share
//!   ([`Stats::matcher_bytes`](rasid_lexicon::Stats));
//! - **matching** (when a gzipped JSON Lines corpus is given): [`rasid_text::tokenize`] +
//!   [`Lexicon::find`] over every article (whole text as one range) on one thread, best of
//!   3 passes, in MB/s (10^6 bytes of raw UTF-8 text per second), and `find` alone.
//!
//! Texts are decompressed into memory before any clock starts.

use rasid_lexicon::{Lexicon, Sources};
use std::alloc::{GlobalAlloc, Layout, System};
use std::io::{BufRead, BufReader};
use std::sync::atomic::{AtomicIsize, Ordering};
use std::time::Instant;

/// The system allocator, counting live heap bytes.
struct Counting;

static LIVE: AtomicIsize = AtomicIsize::new(0);

unsafe impl GlobalAlloc for Counting {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        LIVE.fetch_add(layout.size() as isize, Ordering::Relaxed);
        // SAFETY: forwarded unchanged to the system allocator
        unsafe { System.alloc(layout) }
    }

    unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
        LIVE.fetch_sub(layout.size() as isize, Ordering::Relaxed);
        // SAFETY: forwarded unchanged to the system allocator
        unsafe { System.dealloc(ptr, layout) }
    }
}

#[global_allocator]
static ALLOC: Counting = Counting;

fn main() {
    let path = std::env::args().nth(1);

    // load: best and median of 15 builds, wall clock and thread CPU time
    let (mut wall, mut cpu) = (Vec::new(), Vec::new());
    for _ in 0..15 {
        let (t, c) = (Instant::now(), cpu_seconds());
        let lex = Lexicon::build(&Sources::embedded()).expect("embedded lexicons build");
        wall.push(t.elapsed().as_secs_f64() * 1e3);
        if let (Some(a), Some(b)) = (c, cpu_seconds()) {
            cpu.push((b - a) * 1e3);
        }
        drop(lex);
    }
    wall.sort_by(f64::total_cmp);
    cpu.sort_by(f64::total_cmp);
    println!(
        "load (embedded sources + build): best {:.1} ms, median {:.1} ms wall; median {} ms CPU (15 builds)",
        wall[0],
        wall[wall.len() / 2],
        cpu.get(cpu.len() / 2).map_or("?".into(), |c| format!("{c:.0}"))
    );

    // load of the compiled form (what the rasid binary does with its embedded lexicons)
    let bytes = Lexicon::build(&Sources::embedded())
        .expect("embedded lexicons build")
        .to_bytes();
    let mut wall = Vec::new();
    for _ in 0..15 {
        let t = Instant::now();
        let lex = Lexicon::from_bytes("compiled", &bytes).expect("compiled form loads");
        wall.push(t.elapsed().as_secs_f64() * 1e3);
        drop(lex);
    }
    wall.sort_by(f64::total_cmp);
    println!(
        "load (compiled form, {:.1} MB): best {:.1} ms, median {:.1} ms wall (15 loads)",
        bytes.len() as f64 / 1e6,
        wall[0],
        wall[wall.len() / 2]
    );

    // memory: live heap bytes held by one built lexicon
    let before = LIVE.load(Ordering::Relaxed);
    let lex = Lexicon::build(&Sources::embedded()).expect("embedded lexicons build");
    let held = LIVE.load(Ordering::Relaxed) - before;
    let stats = lex.stats();
    println!(
        "memory: lexicon {:.1} MB on the heap, of which matcher {:.1} MB ({} trie keys, {} patterns)",
        held as f64 / 1e6,
        stats.matcher_bytes as f64 / 1e6,
        stats.trie_keys,
        stats.patterns
    );

    let Some(path) = path else {
        println!("matching: no corpus given");
        return;
    };
    let file = std::fs::File::open(&path).unwrap_or_else(|e| panic!("{path}: {e}"));
    let mut texts = Vec::new();
    for line in BufReader::new(flate2::read::GzDecoder::new(file)).lines() {
        let line = line.unwrap_or_else(|e| panic!("{path}: {e}"));
        if let Ok(v) = serde_json::from_str::<serde_json::Value>(&line) {
            if let Some(t) = v.get("text").and_then(|t| t.as_str()) {
                texts.push(t.to_string());
            }
        }
    }
    let bytes: usize = texts.iter().map(|t| t.len()).sum();
    let mb = bytes as f64 / 1e6;
    let (mut best_all, mut best_find) = (f64::INFINITY, f64::INFINITY);
    let mut matches = 0;
    let mut best_cpu = f64::INFINITY;
    for _ in 0..3 {
        let (mut find_s, mut n) = (0.0, 0);
        let (t, c) = (Instant::now(), cpu_seconds());
        for text in &texts {
            let toks = rasid_text::tokenize(text);
            let f = Instant::now();
            n += lex.find(text, &toks, 0..toks.len()).len();
            find_s += f.elapsed().as_secs_f64();
        }
        best_all = best_all.min(t.elapsed().as_secs_f64());
        if let (Some(a), Some(b)) = (c, cpu_seconds()) {
            best_cpu = best_cpu.min(b - a);
        }
        best_find = best_find.min(find_s);
        matches = n;
    }
    println!(
        "matching: {} articles, {mb:.1} MB, {matches} matches; tokenize + find {:.1} MB/s wall ({:.1} MB/s by CPU time), find alone {:.1} MB/s wall (best of 3, one thread)",
        texts.len(),
        mb / best_all,
        mb / best_cpu,
        mb / best_find
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
