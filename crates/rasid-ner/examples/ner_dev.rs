//! Developer loop for the NER tagger: trains on IOB files and scores held-out files
//! (flat gold, entity level, exact span), optionally writing the model.
//!
//! ```text
//! cargo run --release -p rasid-ner --example ner_dev -- \
//!   --split ANERcorp-train-part.txt --train wojood/train.txt --eval wojood/val.txt \
//!   [--epochs 10] [--seed 1] [--out model.bin]
//! ```
//! `--split FILE`: its first 85% of sentences train, the last 15% are scored.
//! (`rasid train-ner` and `rasid eval-ner` are the supported commands.)

use rasid_lexicon::{EntryRef, Lexicon, Sources};
use rasid_ner::iob::{self, Example};
use rasid_ner::train::{train, Config};
use rasid_ner::{Kind, Tagger};
use std::collections::BTreeMap;
use std::ops::Range;

fn lex_spans(lex: &Lexicon, words: &[String]) -> Vec<(Kind, Range<usize>)> {
    let mut text = String::new();
    let mut starts = Vec::new();
    for (i, t) in words.iter().enumerate() {
        if i > 0 {
            text.push(' ');
        }
        starts.push(text.len());
        text.push_str(t);
    }
    let toks = rasid_text::tokenize(&text);
    let at = |b: usize| starts.partition_point(|&s| s <= b).saturating_sub(1);
    let mut c: Vec<(Kind, Range<usize>)> = lex
        .find(&text, &toks, 0..toks.len())
        .into_iter()
        .filter(|m| !m.span.is_empty())
        .filter_map(|m| {
            let k = match m.entry {
                EntryRef::Person(_) | EntryRef::PersonShort(_) => Kind::Pers,
                EntryRef::Country(_) | EntryRef::Capital(_) | EntryRef::Place(_) => Kind::Loc,
                EntryRef::Organization(_) => Kind::Org,
                _ => return None,
            };
            Some((k, at(m.span.start)..at(m.span.end - 1) + 1))
        })
        .collect();
    c.sort_by_key(|(_, r)| (r.start, std::cmp::Reverse(r.end)));
    let mut out: Vec<(Kind, Range<usize>)> = Vec::new();
    for x in c {
        match out.last() {
            Some(l) if x.1.start < l.1.end => {}
            _ => out.push(x),
        }
    }
    out
}

fn score(name: &str, lex: &Lexicon, t: &Tagger, data: &[Example], mode: u8) {
    // (tp, fp, fn) per kind
    let mut s: BTreeMap<&str, [usize; 3]> = BTreeMap::new();
    for e in data {
        let gold = e.entities();
        let mut pred = if mode == 2 {
            Vec::new()
        } else {
            t.tag_words(lex, &e.words)
        };
        if mode >= 1 {
            let taken: Vec<bool> = {
                let mut v = vec![false; e.words.len()];
                for (_, r) in &pred {
                    for i in r.clone() {
                        v[i] = true;
                    }
                }
                v
            };
            for (k, r) in lex_spans(lex, &e.words) {
                if r.clone().all(|i| !taken[i]) {
                    pred.push((k, r));
                }
            }
        }
        if std::env::var_os("NER_ERRORS").is_some() && mode == 0 {
            for g in &gold {
                if !pred.contains(g) {
                    let ph = e.words[g.1.clone()].join(" ");
                    let got: Vec<String> = pred
                        .iter()
                        .filter(|p| p.1.start < g.1.end && g.1.start < p.1.end)
                        .map(|p| format!("{}:{}", p.0.name(), e.words[p.1.clone()].join(" ")))
                        .collect();
                    println!(
                        "MISS {} [{}] got {:?} | {}",
                        g.0.name(),
                        ph,
                        got,
                        e.words[g.1.start.saturating_sub(3)..(g.1.end + 3).min(e.words.len())]
                            .join(" ")
                    );
                }
            }
            for p in &pred {
                if !gold
                    .iter()
                    .any(|g| g.1.start < p.1.end && p.1.start < g.1.end)
                {
                    println!("FALSE {} [{}]", p.0.name(), e.words[p.1.clone()].join(" "));
                }
            }
        }
        for g in &gold {
            let x = s.entry(g.0.name()).or_default();
            if pred.contains(g) {
                x[0] += 1
            } else {
                x[2] += 1
            }
        }
        for p in &pred {
            if !gold.contains(p) {
                s.entry(p.0.name()).or_default()[1] += 1;
            }
        }
    }
    let mut all = [0usize; 3];
    let f = |x: [usize; 3]| {
        let p = x[0] as f64 / (x[0] + x[1]).max(1) as f64;
        let r = x[0] as f64 / (x[0] + x[2]).max(1) as f64;
        (
            p,
            r,
            if p + r > 0.0 {
                2.0 * p * r / (p + r)
            } else {
                0.0
            },
        )
    };
    let mode_s = ["tagger", "tagger+lex", "lex"][mode as usize];
    for (k, x) in &s {
        for j in 0..3 {
            all[j] += x[j];
        }
        let (p, r, f1) = f(*x);
        println!("{name} [{mode_s}] {k:5} P {p:.4} R {r:.4} F1 {f1:.4}");
    }
    let (p, r, f1) = f(all);
    println!("{name} [{mode_s}] all   P {p:.4} R {r:.4} F1 {f1:.4}");
}

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let mut cfg = Config::default();
    let (mut tr, mut ev, mut out) = (Vec::new(), Vec::new(), None);
    let mut corpus: Option<String> = None;
    let mut ccfg = rasid_ner::clusters::ClusterConfig::default();
    let mut i = 0;
    while i < args.len() {
        let v = args.get(i + 1).cloned().unwrap_or_default();
        match args[i].as_str() {
            "--split" => {
                let all = iob::read(&std::fs::read_to_string(&v).unwrap());
                let (a, b) = iob::split_tail(all, 0.15);
                tr.extend(a);
                ev.push((v.clone(), b));
            }
            "--train" => tr.extend(iob::read(&std::fs::read_to_string(&v).unwrap())),
            "--eval" => ev.push((v.clone(), iob::read(&std::fs::read_to_string(&v).unwrap()))),
            "--epochs" => cfg.epochs = v.parse().unwrap(),
            "--seed" => cfg.seed = v.parse().unwrap(),
            "--min-count" => cfg.min_count = v.parse().unwrap(),
            "--folds" => cfg.folds = v.parse().unwrap(),
            "--ratio" => cfg.dict_ratio = v.parse().unwrap(),
            "--hide" => cfg.hide = v.parse().unwrap(),
            "--prune" => cfg.prune = v.parse().unwrap(),
            "--out" => out = Some(v.clone()),
            "--corpus" => corpus = Some(v.clone()),
            "--k" => ccfg.k = v.parse().unwrap(),
            "--vocab" => ccfg.vocab = v.parse().unwrap(),
            "--ctx" => ccfg.context = v.parse().unwrap(),
            a => panic!("unknown {a}"),
        }
        i += 2;
    }
    let lex = Lexicon::build(&Sources::embedded()).unwrap();
    let t0 = std::time::Instant::now();
    let clusters = match &corpus {
        Some(c) => {
            use std::io::BufRead;
            let f = std::fs::File::open(c).unwrap();
            let r = std::io::BufReader::new(flate2::read::MultiGzDecoder::new(f));
            let mut it = r.lines().map(|l| {
                let v: serde_json::Value = serde_json::from_str(&l.unwrap()).unwrap();
                v["text"].as_str().unwrap_or("").to_string()
            });
            let t0 = std::time::Instant::now();
            let c = rasid_ner::clusters::build(&mut it, &ccfg, &mut |s| eprintln!("{s}"));
            eprintln!("clustered in {:.1} s", t0.elapsed().as_secs_f64());
            c
        }
        None => Default::default(),
    };
    let tagger = train(&lex, &tr, clusters, &cfg, &mut |s| eprintln!("{s}"));
    eprintln!("trained in {:.1} s", t0.elapsed().as_secs_f64());
    let bytes = tagger.to_bytes();
    eprintln!("model {} bytes", bytes.len());
    let tagger = Tagger::from_bytes(&bytes).unwrap();
    for (name, data) in &ev {
        let name = name.rsplit('/').next().unwrap();
        score(name, &lex, &tagger, data, 0);
        score(name, &lex, &tagger, data, 1);
    }
    if let Some(o) = out {
        std::fs::write(o, bytes).unwrap();
    }
}
