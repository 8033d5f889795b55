//! `rasid train-ner` and the hidden `rasid bench-ner`: glue between IOB files, the
//! input reader (for the clustering corpus) and `rasid-ner`.

use crate::input;
use anyhow::Context;
use rasid_lexicon::Lexicon;
use rasid_ner::iob::{self, Example};
use rasid_ner::Tagger;
use std::path::{Path, PathBuf};
use std::time::Instant;

/// Arguments of `rasid train-ner`.
#[derive(Debug, clap::Args)]
pub struct TrainNerArgs {
    /// IOB files trained on whole (`word TAG [TAG…]` a line; see `rasid_ner::iob`).
    #[arg(long = "train", value_name = "FILE")]
    pub train: Vec<PathBuf>,
    /// IOB files split in two: the first sentences are trained on, the last
    /// `--holdout` share is held out (never trained on; see `--write-heldout`).
    #[arg(long = "split", value_name = "FILE")]
    pub split: Vec<PathBuf>,
    /// Share of the sentences of each `--split` file held out (0–1).
    #[arg(long, default_value_t = 0.15)]
    pub holdout: f64,
    /// Write the held-out sentences of each `--split` file to DIR/NAME.heldout.txt (IOB,
    /// blank line between sentences), for `rasid eval-ner`.
    #[arg(long, value_name = "DIR")]
    pub write_heldout: Option<PathBuf>,
    /// Unlabelled news (JSON Lines, plain text…; .gz) for the word clusters; none: no
    /// cluster features.
    #[arg(long, value_name = "FILE")]
    pub corpus: Vec<String>,
    /// Number of word clusters.
    #[arg(long, default_value_t = 256)]
    pub clusters: usize,
    /// Passes of the perceptron.
    #[arg(long, default_value_t = 10)]
    pub epochs: usize,
    /// Seed of the sentence order and of the hidden word features.
    #[arg(long, default_value_t = 1)]
    pub seed: u64,
    /// Drop features seen fewer times than this.
    #[arg(long, default_value_t = 2)]
    pub min_count: u32,
    /// Drop feature rows whose averaged weights are all below this in magnitude.
    #[arg(long, default_value_t = 0.05)]
    pub prune: f32,
    /// Share of training tokens whose own word features are hidden (0–1).
    #[arg(long, default_value_t = 0.2)]
    pub hide: f64,
    /// Where to write the model.
    #[arg(long, value_name = "FILE")]
    pub out: PathBuf,
    /// Mark the words seen at least N times in training as known (one word cluster), the
    /// others unknown (no cluster), instead of clustering a corpus.
    #[arg(long, value_name = "N", conflicts_with = "corpus")]
    pub known_words: Option<u32>,
    /// Perceptron runs averaged, each with its own example order (seeds SEED, SEED+1, …).
    #[arg(long, default_value_t = 1)]
    pub runs: usize,
    /// A gazetteer of person names, one a line (`#` comments): their words become
    /// name-list features, as do those of the lexicon's people.
    #[arg(long, value_name = "FILE")]
    pub names: Option<PathBuf>,
}

/// Arguments of `rasid bench-ner` (a developer tool).
#[derive(Debug, clap::Args)]
pub struct BenchNerArgs {
    /// IOB files whose sentences are tagged.
    #[arg(required = true)]
    pub files: Vec<PathBuf>,
    /// Times each sentence is tagged.
    #[arg(long, default_value_t = 5)]
    pub passes: usize,
    /// A model written by `rasid train-ner` instead of the shipped one.
    #[arg(long, value_name = "FILE")]
    pub ner_model: Option<PathBuf>,
}

fn read_iob(f: &Path) -> anyhow::Result<Vec<Example>> {
    let text = std::fs::read_to_string(f)
        .with_context(|| format!("{}: cannot read as UTF-8", f.display()))?;
    Ok(iob::read(&text))
}

/// Loads the tagger: `path`'s model, or the shipped one.
pub fn load_tagger(path: Option<&Path>) -> anyhow::Result<Tagger> {
    match path {
        Some(p) => {
            let b = std::fs::read(p).with_context(|| format!("{}: cannot read", p.display()))?;
            Tagger::from_bytes(&b).with_context(|| format!("{}", p.display()))
        }
        None => Ok(Tagger::shipped().context("the shipped NER model")?.clone()),
    }
}

/// `rasid train-ner`.
pub fn train(lex: &Lexicon, a: &TrainNerArgs) -> anyhow::Result<i32> {
    let mut data = Vec::new();
    let mut sources = Vec::new();
    for f in &a.split {
        let (head, tail) = iob::split_tail(read_iob(f)?, a.holdout);
        sources.push(format!(
            "{} (first {} sentences; last {} held out)",
            file_name(f),
            head.len(),
            tail.len()
        ));
        if let Some(dir) = &a.write_heldout {
            std::fs::create_dir_all(dir)?;
            let p = dir.join(format!("{}.heldout.txt", file_stem(f)));
            std::fs::write(&p, iob::write(&tail))?;
            eprintln!("held out: {} ({} sentences)", p.display(), tail.len());
        }
        data.extend(head);
    }
    for f in &a.train {
        let s = read_iob(f)?;
        sources.push(format!("{} ({} sentences)", file_name(f), s.len()));
        data.extend(s);
    }
    anyhow::ensure!(!data.is_empty(), "no training sentences (--train/--split)");
    let t0 = Instant::now();
    let mut log = |s: String| eprintln!("{s}");
    let clusters = if a.corpus.is_empty() {
        match a.known_words {
            Some(min) => rasid_ner::clusters::known_words(&data, min),
            None => Default::default(),
        }
    } else {
        let mut texts = Vec::new();
        input::read_all(&a.corpus, &input::ReadOptions::default(), &mut |r| {
            if let Ok(d) = r {
                texts.push(d.text);
            }
            Ok(())
        })?;
        let cfg = rasid_ner::clusters::ClusterConfig {
            k: a.clusters,
            ..Default::default()
        };
        sources.push(format!(
            "clusters: {} texts of {}",
            texts.len(),
            a.corpus.join(", ")
        ));
        rasid_ner::clusters::build(&mut texts.into_iter(), &cfg, &mut log)
    };
    let names = match &a.names {
        Some(p) => {
            sources.push(format!("person names of {}", file_name(p)));
            std::fs::read_to_string(p).with_context(|| format!("{}: cannot read", p.display()))?
        }
        None => String::new(),
    };
    let cfg = rasid_ner::train::Config {
        epochs: a.epochs,
        seed: a.seed,
        min_count: a.min_count,
        prune: a.prune,
        hide: a.hide,
        note: format!(
            "trained on {}; lexicon {}; seed {}, {} passes, {} runs averaged, min count {}, prune {}, hide {}",
            sources.join("; "),
            lex.version(),
            a.seed,
            a.epochs,
            a.runs,
            a.min_count,
            a.prune,
            a.hide
        ),
        runs: a.runs,
        names: rasid_ner::train::gazetteer_bits(
            lex.people
                .iter()
                .flat_map(|p| p.names.iter().map(String::as_str))
                .chain(names.lines().filter(|l| !l.starts_with('#'))),
        ),
        ..Default::default()
    };
    let tagger = rasid_ner::train::train(lex, &data, clusters, &cfg, &mut log);
    let bytes = tagger.to_bytes();
    std::fs::write(&a.out, &bytes).with_context(|| format!("{}: cannot write", a.out.display()))?;
    eprintln!(
        "wrote {} ({} bytes, {} features) in {:.1} s",
        a.out.display(),
        bytes.len(),
        tagger.features(),
        t0.elapsed().as_secs_f64()
    );
    Ok(0)
}

fn file_name(p: &Path) -> String {
    p.file_name().map_or_else(
        || p.display().to_string(),
        |n| n.to_string_lossy().into_owned(),
    )
}

fn file_stem(p: &Path) -> String {
    p.file_stem()
        .map_or_else(|| "data".into(), |n| n.to_string_lossy().into_owned())
}

/// `rasid bench-ner`: tagging speed on one thread, in tokens per second, with the
/// lexicon match included (as [`Tagger::tag`] runs it) and without it (as
/// [`Tagger::tag_with_matches`] runs for a caller that has the matches).
pub fn bench(lex: &Lexicon, a: &BenchNerArgs) -> anyhow::Result<i32> {
    let tagger = load_tagger(a.ner_model.as_deref())?;
    let mut sents = Vec::new();
    for f in &a.files {
        for e in read_iob(f)? {
            let text = e.words.join(" ");
            let toks = rasid_text::tokenize(&text);
            let m = lex.find(&text, &toks, 0..toks.len());
            sents.push((text, toks, m));
        }
    }
    let tokens: usize = sents.iter().map(|s| s.1.len()).sum::<usize>() * a.passes.max(1);
    let (mut found, t0) = (0usize, Instant::now());
    for _ in 0..a.passes.max(1) {
        for (_, toks, m) in &sents {
            found += tagger.tag_with_matches(toks, 0..toks.len(), m).len();
        }
    }
    let tag_only = t0.elapsed().as_secs_f64();
    let t0 = Instant::now();
    for _ in 0..a.passes.max(1) {
        for (text, toks, _) in &sents {
            found += tagger.tag(lex, text, toks, 0..toks.len()).len();
        }
    }
    let with_match = t0.elapsed().as_secs_f64();
    println!(
        "{} sentences, {tokens} tokens tagged, one thread ({found} entities)",
        sents.len()
    );
    println!(
        "tagger alone (matches given): {:.0} tokens/s",
        tokens as f64 / tag_only
    );
    println!(
        "tagger with lexicon match:    {:.0} tokens/s",
        tokens as f64 / with_match
    );
    Ok(0)
}
