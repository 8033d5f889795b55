//! `rasid eval`, `rasid eval-ner` and the hidden `rasid bench-scan`: glue between the
//! input reader, the coder and `rasid-eval`.

use crate::input;
use anyhow::Context;
use rasid_coder::Coder;
use rasid_eval::{ner, read_predictions, score, Gold, Predicted};
use rasid_lexicon::Lexicon;
use rayon::prelude::*;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::time::Instant;

/// Arguments of `rasid eval`.
#[derive(Debug, clap::Args)]
pub struct EvalArgs {
    /// Gold file (JSON Lines with `doc_id`, `text`, `date`, `events`).
    pub gold: PathBuf,
    /// Score this predictions file (event JSON Lines) instead of coding the documents.
    #[arg(long)]
    pub pred: Option<PathBuf>,
    /// Per-root figures and the confusion table of roots.
    #[arg(long)]
    pub by_root: bool,
    /// Show up to N misses and N false alarms, worst first, with their sentences.
    #[arg(long, default_value_t = 0, value_name = "N")]
    pub errors: usize,
    /// Print one JSON object (score.py's keys first).
    #[arg(long)]
    pub json: bool,
    /// Instead of scoring, report how many gold trigger words and actor phrases the
    /// lexicons find at all (and with the gold code), and the trigger words they miss.
    #[arg(long, conflicts_with = "pred")]
    pub coverage: bool,
}

/// Arguments of `rasid eval-ner`.
#[derive(Debug, clap::Args)]
pub struct EvalNerArgs {
    /// IOB files (`token TAG` a line, blank line between sentences).
    #[arg(required = true)]
    pub files: Vec<PathBuf>,
    /// Print JSON.
    #[arg(long)]
    pub json: bool,
    /// Score the lexicon matcher alone (the figures before the trained tagger).
    #[arg(long)]
    pub lexicon_only: bool,
    /// A model written by `rasid train-ner` instead of the shipped one.
    #[arg(long, value_name = "FILE", conflicts_with = "lexicon_only")]
    pub ner_model: Option<PathBuf>,
    /// Also print up to N errors per file (missed and spurious entities, each with its
    /// sentence), to read on a slice the tagger was trained on, never on the held-out one.
    #[arg(long, default_value_t = 0, value_name = "N")]
    pub errors: usize,
}

/// Arguments of `rasid bench-scan` (a developer tool for `scripts/bench.sh`).
#[derive(Debug, clap::Args)]
pub struct BenchScanArgs {
    /// Input (JSON Lines, possibly gzip-compressed).
    pub file: String,
    /// What to measure.
    #[arg(long, value_enum, default_value = "scan")]
    pub mode: ScanMode,
    /// For `--mode slice`: how many MB (10^6 bytes) of article text to write.
    #[arg(long)]
    pub mb: Option<f64>,
}

/// Runs `rasid eval`, `rasid eval-ner` or `rasid bench-scan` with the lexicon that
/// `lexicon` builds (called only when needed).
pub fn run(cmd: Cmd, lexicon: impl FnOnce() -> anyhow::Result<Lexicon>) -> anyhow::Result<i32> {
    match cmd {
        Cmd::Eval(a) if a.coverage => coverage(&lexicon()?, &a.gold, a.errors, a.json),
        Cmd::Eval(a) => eval(
            &lexicon()?,
            &a.gold,
            a.pred.as_deref(),
            a.by_root,
            a.errors,
            a.json,
        ),
        Cmd::EvalNer(a) => {
            let tagger = if a.lexicon_only {
                None
            } else {
                Some(crate::cmd_ner::load_tagger(a.ner_model.as_deref())?)
            };
            eval_ner(&lexicon()?, tagger.as_ref(), &a.files, a.json, a.errors)
        }
        Cmd::BenchScan(a) => {
            let lex = match a.mode {
                ScanMode::Scan => Some(lexicon()?),
                _ => None,
            };
            bench_scan(lex.as_ref(), &a.file, a.mode, a.mb)
        }
    }
}

/// One of this module's commands.
pub enum Cmd {
    /// `rasid eval`.
    Eval(EvalArgs),
    /// `rasid eval-ner`.
    EvalNer(EvalNerArgs),
    /// `rasid bench-scan`.
    BenchScan(BenchScanArgs),
}

/// What `rasid bench-scan` measures.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum ScanMode {
    /// Reading, decompressing and parsing JSON Lines only.
    Read,
    /// Tokenizing and running the lexicon matcher over each whole text (documents read
    /// into memory first, not timed); one thread.
    Scan,
    /// Write the first `--mb` MB (10^6 bytes) of article text as JSON Lines to stdout.
    Slice,
}

/// Reads every document of `paths` (errors reported on stderr), with their count.
fn read_docs(paths: &[String]) -> anyhow::Result<(Vec<rasid_text::Document>, usize)> {
    let mut docs = Vec::new();
    let mut errors = 0;
    input::read_all(paths, &input::ReadOptions::default(), &mut |r| {
        match r {
            Ok(d) => docs.push(d),
            Err(e) => {
                errors += 1;
                eprintln!("error: {e}");
            }
        }
        Ok(())
    })?;
    Ok((docs, errors))
}

/// `rasid eval`: codes the documents of `gold_path` (or reads `pred`), scores them and
/// prints the report. Returns the exit code (0; 1 when a document could not be read).
pub fn eval(
    lex: &Lexicon,
    gold_path: &Path,
    pred: Option<&Path>,
    by_root: bool,
    errors: usize,
    json: bool,
) -> anyhow::Result<i32> {
    let gold = Gold::read(gold_path)?;
    if let Some(m) = rasid_coder::process_model().filter(|_| pred.is_none()) {
        if m.lexicon != lex.version() {
            eprintln!(
                "warning: the model was trained with lexicon {:?}, this is {:?}: retrain it (scripts/train.sh)",
                m.lexicon,
                lex.version()
            );
        }
    }
    let (preds, bad) = match pred {
        Some(p) => (read_predictions(p, &gold)?, 0),
        None => {
            let (docs, bad) = read_docs(&[gold_path.display().to_string()])?;
            let coder = Coder::new(lex);
            let preds: Vec<Predicted> = docs
                .par_iter()
                .flat_map_iter(|d| {
                    coder
                        .code(d)
                        .iter()
                        .map(|e| Predicted::from_event(e, &d.text))
                        .collect::<Vec<_>>()
                })
                .collect();
            (preds, bad)
        }
    };
    let report = score(&gold, &preds);
    let mut out = std::io::stdout().lock();
    if json {
        let mut v = report.score_py_json(false);
        if by_root {
            v["by_root"] = serde_json::to_value(&report.by_root)?;
            v["confusion"] = serde_json::to_value(&report.confusion)?;
        }
        let cut = |l: &[rasid_eval::ErrorCase]| l.iter().take(errors).cloned().collect::<Vec<_>>();
        if errors > 0 {
            v["misses"] = serde_json::to_value(cut(&report.misses))?;
            v["false_alarms"] = serde_json::to_value(cut(&report.false_alarms))?;
        }
        serde_json::to_writer(&mut out, &v)?;
        writeln!(out)?;
    } else {
        report.write_text(&mut out, by_root, errors)?;
    }
    Ok(if bad > 0 { 1 } else { 0 })
}

/// `rasid eval --coverage`: prints the lexicon coverage of the gold file at `gold_path`
/// ([`rasid_eval::coverage`]) and up to `missed` of the trigger words and of the actor
/// phrases not found (all of them in JSON). Returns the exit code (0).
pub fn coverage(lex: &Lexicon, gold_path: &Path, missed: usize, json: bool) -> anyhow::Result<i32> {
    let gold = Gold::read(gold_path)?;
    // the rules' mentions of every document (the learned decisions choose among them)
    let (docs, _) = read_docs(&[gold_path.display().to_string()])?;
    let coder = Coder::with_options(
        lex,
        rasid_coder::Options {
            model: None,
            ..Default::default()
        },
    );
    let mentions: std::collections::HashMap<String, Vec<rasid_eval::CodedMention>> = docs
        .par_iter()
        .map(|d| {
            (
                d.doc_id.clone(),
                rasid_eval::coded_mentions(&coder.candidates(d).1),
            )
        })
        .collect();
    let c = rasid_eval::coverage(lex, &gold, &mentions);
    let mut out = std::io::stdout().lock();
    if json {
        serde_json::to_writer(&mut out, &c)?;
        writeln!(out)?;
        return Ok(0);
    }
    writeln!(
        out,
        "events: {} ({} not located in their text)",
        c.events, c.unlocated
    )?;
    writeln!(
        out,
        "trigger words learned from annotations cover {} more (for the learned decisions alone)",
        c.triggers_learned_only
    )?;
    for (name, f) in [
        ("triggers", c.triggers),
        ("actor phrases", c.actors),
        ("actor phrases made mentions", c.mentions),
    ] {
        writeln!(
            out,
            "{name}: {} of {} found ({:.1}%), {} with the gold code ({:.1}%)",
            f.found,
            f.total,
            100.0 * f.share(),
            f.found_with_code,
            100.0 * f.share_with_code()
        )?;
    }
    for (kind, list) in [
        ("TRIGGER", &c.missed_triggers),
        ("ACTOR", &c.missed_actors),
        ("MENTION", &c.missed_mentions),
    ] {
        for m in list.iter().take(missed) {
            let codes: Vec<String> = m.cameo.iter().map(|(k, n)| format!("{k}×{n}")).collect();
            writeln!(
                out,
                "MISSED {kind} {:>3} articles {:>3} events  {}  [{}]",
                m.articles,
                m.events,
                m.word,
                codes.join(" ")
            )?;
        }
    }
    Ok(0)
}

/// `rasid eval-ner`: scores the recogniser on IOB `files`: the trained tagger, whose
/// features include the lexicon's hits ([`ner::predict_tagged`]), or the lexicon matcher
/// alone when `tagger` is `None`.
pub fn eval_ner(
    lex: &Lexicon,
    tagger: Option<&rasid_ner::Tagger>,
    files: &[PathBuf],
    json: bool,
    errors: usize,
) -> anyhow::Result<i32> {
    let mut total = ner::NerReport::default();
    let mut per_file = serde_json::Map::new();
    let mut out = std::io::stdout().lock();
    for f in files {
        let text = std::fs::read_to_string(f)
            .with_context(|| format!("{}: cannot read as UTF-8", f.display()))?;
        let sents = ner::read_iob(&text);
        let predict = |w: &[String]| match tagger {
            Some(t) => ner::predict_tagged(lex, t, w),
            None => ner::predict(lex, w),
        };
        let r = ner::evaluate_with(&sents, predict);
        if errors > 0 && !json {
            for e in ner::errors(&sents, predict).iter().take(errors) {
                writeln!(out, "{}: {e}", f.display())?;
            }
        }
        if json {
            per_file.insert(f.display().to_string(), serde_json::to_value(&r)?);
        } else if files.len() > 1 {
            writeln!(
                out,
                "{}: {} sentences, P {:.4} R {:.4} F1 {:.4}",
                f.display(),
                r.sentences,
                r.overall.precision,
                r.overall.recall,
                r.overall.f1
            )?;
        }
        total.merge(&r);
    }
    if json {
        let v = serde_json::json!({"files": per_file, "total": total});
        serde_json::to_writer(&mut out, &v)?;
        writeln!(out)?;
        return Ok(0);
    }
    writeln!(
        out,
        "{} sentences, {} tokens (entity level, exact span and type; {})",
        total.sentences,
        total.tokens,
        if tagger.is_some() {
            "trained tagger with lexicon features"
        } else {
            "lexicons alone"
        }
    )?;
    writeln!(
        out,
        "type        tp      fp      fn  precision  recall      f1"
    )?;
    let row = |out: &mut dyn Write, name: &str, p: &ner::Prf| {
        writeln!(
            out,
            "{name:<6} {:>7} {:>7} {:>7}  {:>9.4}  {:>6.4}  {:>6.4}",
            p.tp, p.fp, p.fn_, p.precision, p.recall, p.f1
        )
    };
    for (k, p) in &total.by_type {
        row(&mut out, k.name(), p)?;
    }
    row(&mut out, "all", &total.overall)?;
    Ok(0)
}

/// `rasid bench-scan`: the limits the coder is measured against (see `scripts/bench.sh`).
pub fn bench_scan(
    lex: Option<&Lexicon>,
    file: &str,
    mode: ScanMode,
    mb: Option<f64>,
) -> anyhow::Result<i32> {
    let files = [file.to_string()];
    match mode {
        ScanMode::Read => {
            let t = Instant::now();
            let (mut docs, mut bytes) = (0usize, 0usize);
            input::read_all(&files, &input::ReadOptions::default(), &mut |r| {
                if let Ok(d) = r {
                    docs += 1;
                    bytes += d.text.len();
                }
                Ok(())
            })?;
            report(mode, docs, bytes, t.elapsed().as_secs_f64())
        }
        ScanMode::Scan => {
            let lex = lex.context("scan needs a lexicon")?;
            let (docs, _) = read_docs(&files)?;
            let t = Instant::now();
            let mut matches = 0usize;
            let mut bytes = 0usize;
            for d in &docs {
                let toks = rasid_text::tokenize(&d.text);
                matches += lex.find(&d.text, &toks, 0..toks.len()).len();
                bytes += d.text.len();
            }
            let secs = t.elapsed().as_secs_f64();
            eprintln!("{matches} matches");
            report(mode, docs.len(), bytes, secs)
        }
        ScanMode::Slice => {
            let limit = (mb.context("slice needs --mb")? * 1e6) as usize;
            let mut out = std::io::BufWriter::new(std::io::stdout().lock());
            let mut bytes = 0usize;
            let mut io_err = None;
            input::read_all(&files, &input::ReadOptions::default(), &mut |r| {
                if let (Ok(d), true) = (r, bytes < limit) {
                    bytes += d.text.len();
                    let v = serde_json::json!({
                        "doc_id": d.doc_id, "text": d.text,
                        "date": d.date.map(|x| x.to_string()),
                    });
                    if let Err(e) = writeln!(out, "{v}") {
                        io_err = Some(e);
                    }
                }
                Ok(())
            })?;
            if let Some(e) = io_err {
                return Err(e.into());
            }
            out.flush()?;
            Ok(0)
        }
    }
}

fn report(mode: ScanMode, docs: usize, bytes: usize, secs: f64) -> anyhow::Result<i32> {
    let v = serde_json::json!({
        "mode": format!("{mode:?}").to_lowercase(), "docs": docs, "text_bytes": bytes,
        "seconds": secs, "mb_per_s": bytes as f64 / 1e6 / secs, "docs_per_s": docs as f64 / secs,
    });
    println!("{v}");
    Ok(0)
}
