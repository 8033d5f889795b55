//! `rasid`: Arabic news → CAMEO/PLOVER political event data.
//!
//! The binary only wires the crates: input reading ([`input`]), the coder
//! (`rasid-coder`), lexicons (`rasid-lexicon`) and output formats ([`output`]).

mod cmd_eval;
mod cmd_ner;
mod cmd_serve;
mod cmd_store;
mod cmd_train;
mod input;
mod output;

use anyhow::Context;
use clap::{Parser, Subcommand};
use indicatif::{ProgressBar, ProgressStyle};
use rasid_coder::{Coder, Options};
use rasid_lexicon::{Lexicon, Sources};
use rayon::prelude::*;
use std::io::{IsTerminal, Write};
use std::path::PathBuf;

/// rasid (راصد): codes Arabic news into political event data (CAMEO, PLOVER).
#[derive(Parser)]
#[command(version, about, long_about = None)]
struct Cli {
    /// A lexicon directory layered over the shipped lexicons (repeatable).
    #[arg(long, global = true)]
    lexicon: Vec<PathBuf>,
    /// The terminal lays out Arabic right to left itself (GNOME Terminal and other VTE
    /// terminals, Konsole, mlterm): print tables and explanations in logical order
    /// instead of reordering Arabic for a plain terminal. (Written to a file or a pipe,
    /// they are always in logical order, as editors, Jupyter and other programs expect.)
    #[arg(long, global = true)]
    bidi_terminal: bool,
    /// A model trained with `rasid train` (its directory or model.json) instead of the
    /// shipped one, for the learned decisions of every command that codes.
    #[arg(long, global = true, value_name = "DIR", conflicts_with = "rules_only")]
    model: Option<PathBuf>,
    /// Code by the rules alone, without the learned decisions.
    #[arg(long, global = true)]
    rules_only: bool,
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Code documents into events (plain text, HTML, JSON Lines; .gz; `-` for stdin).
    Code {
        /// Input files; `-` or nothing for standard input.
        files: Vec<String>,
        /// Article date (YYYY-MM-DD) for plain-text and HTML inputs.
        #[arg(long)]
        date: Option<String>,
        /// Output format.
        #[arg(long, value_enum, default_value = "jsonl")]
        format: output::OutputFormat,
        /// Coding threads (default: all cores); reading and decompressing run on one more
        /// thread alongside.
        #[arg(long)]
        threads: Option<usize>,
        /// Also emit plain statements (CAMEO 010).
        #[arg(long)]
        statements: bool,
        /// Drop events under this confidence (0–1).
        #[arg(long, default_value_t = 0.0)]
        min_confidence: f32,
        /// Replace invalid UTF-8 (with a warning) instead of skipping the document.
        #[arg(long)]
        lossy: bool,
        /// The largest document read, in bytes after decompression (a file, or a JSON
        /// Lines record); a larger one is reported and skipped.
        #[arg(long, value_name = "BYTES", default_value_t = input::DEFAULT_MAX_DOC_BYTES)]
        max_doc_bytes: u64,
        /// Code a role named without a country (`وزير الخارجية`) with the country of the
        /// reporting agency or dateline (`واس` → SAU).
        #[arg(long)]
        home_country_roles: bool,
        /// Run the trained tagger for people no lexicon entry names, kept as mentions
        /// without a code where a sentence's subject may be missing (slower; see
        /// `rasid_coder::Options::tag_people`).
        #[arg(long)]
        tag_people: bool,
    },
    /// Show how a text is normalized, split, matched and coded, sentence by sentence.
    Explain {
        /// The Arabic text itself, or a file holding it.
        input: String,
        /// Article date (YYYY-MM-DD).
        #[arg(long)]
        date: Option<String>,
        /// Print JSON instead of text.
        #[arg(long)]
        json: bool,
        /// As `code --tag-people`: people the tagger finds and no lexicon entry names are
        /// shown (and used) as mentions without a code.
        #[arg(long)]
        tag_people: bool,
    },
    /// Serve the HTTP API and the web dashboard over a store.
    Serve(cmd_serve::ServeArgs),
    /// Code the documents of a gold file and score them (gold/GUIDE.md; same figures as score.py).
    Eval(cmd_eval::EvalArgs),
    /// Train the coder's learned decisions on gold files (see `rasid_coder::learn`); use
    /// the result with `--model DIR`.
    Train(cmd_train::TrainArgs),
    /// Score the named-entity recogniser (trained tagger + lexicons; `--lexicon-only`:
    /// the lexicons alone) on IOB files (PERS, LOC, ORG).
    EvalNer(cmd_eval::EvalNerArgs),
    /// Train the named-entity tagger (PERS, ORG, LOC) on IOB files; see
    /// `scripts/train_ner.sh` for the shipped model.
    TrainNer(cmd_ner::TrainNerArgs),
    /// Developer benchmark: tagging speed of the NER tagger, one thread.
    #[command(hide = true)]
    BenchNer(cmd_ner::BenchNerArgs),
    /// Developer benchmark helper: bare lexicon scan, reading only, corpus slices.
    #[command(hide = true)]
    BenchScan(cmd_eval::BenchScanArgs),
    #[command(flatten)]
    Store(Box<cmd_store::StoreCommand>),
    /// List the codes of the event record: actor codes (countries, international
    /// organisations, armed groups, parties … one row per lexicon entry, with its id for
    /// `--entity`), sector codes, CAMEO event codes with Goldstein score, QuadClass and
    /// PLOVER; English and Arabic from the lexicons.
    Codes {
        /// Keep the rows whose code starts with this, or whose kind, English or Arabic
        /// contains it (case-insensitive): `IGO`, `19`, `armed`, `Libya`.
        filter: Option<String>,
        /// Output format: an aligned table, or a JSON array of rows.
        #[arg(long, default_value = "table", value_parser = ["table", "json"])]
        format: String,
    },
    /// Validate lexicons and print their sizes.
    Lexicon {
        #[command(subcommand)]
        action: LexiconCommand,
    },
}

#[derive(Subcommand)]
enum LexiconCommand {
    /// Validate a lexicon directory (layered over the shipped ones); errors as file:line.
    Check {
        /// Directory to check; the shipped lexicons when omitted.
        dir: Option<PathBuf>,
    },
    /// Print the sizes of the lexicons in use.
    Stats {
        /// Print JSON.
        #[arg(long)]
        json: bool,
    },
}

/// The shipped lexicons, compiled at build time (`build.rs`).
static COMPILED_LEXICON: &[u8] = include_bytes!(concat!(env!("OUT_DIR"), "/lexicon.bin"));

/// The shipped lexicons with the user lexicon directories `dirs` layered on top: the
/// compiled form embedded in the binary when there are none (a few ms), else built from
/// the embedded sources and the user files.
fn load_lexicon(dirs: &[PathBuf]) -> anyhow::Result<Lexicon> {
    if dirs.is_empty() {
        return Lexicon::from_bytes("embedded lexicon.bin", COMPILED_LEXICON)
            .map_err(|e| anyhow::anyhow!("{e}"));
    }
    let mut sources = Sources::embedded();
    for d in dirs {
        sources = sources.layered(Sources::read_dir(d).map_err(|e| anyhow::anyhow!("{e}"))?);
    }
    Lexicon::build(&sources).map_err(|errs| {
        let list: Vec<String> = errs.iter().map(|e| e.to_string()).collect();
        anyhow::anyhow!("lexicon errors:\n{}", list.join("\n"))
    })
}

fn parse_date_arg(date: &Option<String>) -> anyhow::Result<Option<chrono::NaiveDate>> {
    match date {
        None => Ok(None),
        Some(s) => {
            // (a date of the right shape may still name no calendar day: 2026-02-30)
            let shaped = s.len() == 10
                && s.bytes().enumerate().all(|(i, b)| {
                    if i == 4 || i == 7 {
                        b == b'-'
                    } else {
                        b.is_ascii_digit()
                    }
                });
            Ok(Some(input::parse_date(s).with_context(|| {
                if shaped {
                    format!("--date {s:?}: no such calendar day")
                } else {
                    format!("--date {s:?}: expected YYYY-MM-DD")
                }
            })?))
        }
    }
}

#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

/// mimalloc's `mi_option_purge_delay`: its index in `mi_option_t` (mimalloc.h, v2 and v3).
const MI_OPTION_PURGE_DELAY: libmimalloc_sys::mi_option_t = 15;

fn main() {
    let cli = Cli::parse();
    // Batch commands keep freed memory rather than return it to the OS 10 ms later
    // (mimalloc's default): the reading thread allocates the documents the coder frees,
    // and faulting the returned pages in again (the kernel zeroes them) cost several
    // percent of `rasid code`. The server keeps the default, so that its memory goes back
    // near idle after a burst of requests (issue 16: 1.35 GB held after one).
    if !matches!(cli.command, Command::Serve(_)) {
        // SAFETY: `mi_option_set` is not thread-safe; no other thread runs yet.
        unsafe { libmimalloc_sys::mi_option_set(MI_OPTION_PURGE_DELAY, -1) };
    }
    match run(cli) {
        Ok(code) => std::process::exit(code),
        // the reader of our output went away (`rasid code … | head`): not an error of ours
        Err(e)
            if e.chain().any(|c| {
                c.downcast_ref::<std::io::Error>()
                    .is_some_and(|io| io.kind() == std::io::ErrorKind::BrokenPipe)
            }) =>
        {
            std::process::exit(0)
        }
        Err(e) => {
            eprintln!("error: {e:#}");
            std::process::exit(2);
        }
    }
}

/// Sizes rayon's global pool to `threads` (at least 1) when given (`--threads N`); else
/// rayon's default, one thread per core. Once per process: a later call changes nothing.
pub(crate) fn set_threads(threads: Option<usize>) {
    if let Some(n) = threads {
        rayon::ThreadPoolBuilder::new()
            .num_threads(n.max(1))
            .build_global()
            .ok();
    }
}

fn run(cli: Cli) -> anyhow::Result<i32> {
    // Arabic is reordered into visual order only for a terminal that does not lay it
    // out itself; a file or a pipe gets the text in logical order
    output::set_logical_order(cli.bidi_terminal || !std::io::stdout().is_terminal());
    if cli.rules_only {
        rasid_coder::set_process_model(None);
    } else if let Some(dir) = &cli.model {
        let m = rasid_coder::Model::read(dir).map_err(|e| anyhow::anyhow!("--model: {e}"))?;
        rasid_coder::set_process_model(Some(std::sync::Arc::new(m)));
    }
    match cli.command {
        Command::Code {
            files,
            date,
            format,
            threads,
            statements,
            min_confidence,
            lossy,
            max_doc_bytes,
            home_country_roles,
            tag_people,
        } => {
            let lex = load_lexicon(&cli.lexicon)?;
            let date = parse_date_arg(&date)?;
            let files = if files.is_empty() {
                vec!["-".to_string()]
            } else {
                files
            };
            crate::set_threads(threads);
            let coder = Coder::with_options(
                &lex,
                Options {
                    emit_statements: statements,
                    min_confidence,
                    home_country_roles,
                    tag_people,
                    ..Options::default()
                },
            );
            let read = input::ReadOptions {
                date,
                lossy,
                max_doc_bytes,
            };
            code_files(&coder, &files, &read, format)
        }
        Command::Explain {
            input,
            date,
            json,
            tag_people,
        } => {
            let lex = load_lexicon(&cli.lexicon)?;
            let date = parse_date_arg(&date)?;
            let text = if std::path::Path::new(&input).is_file() {
                std::fs::read_to_string(&input)
                    .with_context(|| format!("{input}: cannot read as UTF-8"))?
            } else if !input
                .chars()
                .any(|c| matches!(c, '\u{0600}'..='\u{06FF}' | '\u{0750}'..='\u{077F}' | '\u{FB50}'..='\u{FDFF}' | '\u{FE70}'..='\u{FEFF}'))
            {
                // no Arabic to code: a mistyped file name, not a text
                anyhow::bail!("{input}: no such file (and no Arabic text to explain)");
            } else {
                input
            };
            let doc = rasid_text::Document {
                doc_id: "explain".into(),
                text,
                date,
                ..Default::default()
            };
            let opts = Options {
                tag_people,
                ..Options::default()
            };
            let (events, traces) = Coder::with_options(&lex, opts).explain(&doc);
            let mut out = std::io::stdout().lock();
            if json {
                serde_json::to_writer_pretty(
                    &mut out,
                    &serde_json::json!({"sentences": traces, "events": events}),
                )?;
                writeln!(out)?;
            } else {
                explain_text(&mut out, &traces, &events)?;
            }
            Ok(0)
        }
        Command::Serve(args) => cmd_serve::run(load_lexicon(&cli.lexicon)?, args),
        Command::Eval(a) => cmd_eval::run(cmd_eval::Cmd::Eval(a), || load_lexicon(&cli.lexicon)),
        Command::Train(a) => cmd_train::run(&load_lexicon(&cli.lexicon)?, &a),
        Command::EvalNer(a) => {
            cmd_eval::run(cmd_eval::Cmd::EvalNer(a), || load_lexicon(&cli.lexicon))
        }
        Command::TrainNer(a) => cmd_ner::train(&load_lexicon(&cli.lexicon)?, &a),
        Command::BenchNer(a) => cmd_ner::bench(&load_lexicon(&cli.lexicon)?, &a),
        Command::BenchScan(a) => {
            cmd_eval::run(cmd_eval::Cmd::BenchScan(a), || load_lexicon(&cli.lexicon))
        }
        Command::Store(c) => cmd_store::run(*c, &cli.lexicon),
        Command::Codes { filter, format } => {
            let lex = load_lexicon(&cli.lexicon)?;
            let rows: Vec<_> = rasid_lexicon::codes::codebook(&lex)
                .into_iter()
                .filter(|r| r.matches(filter.as_deref().unwrap_or("")))
                .collect();
            let mut out = std::io::BufWriter::new(std::io::stdout().lock());
            if format == "json" {
                serde_json::to_writer_pretty(&mut out, &rows)?;
                writeln!(out)?;
            } else {
                writeln!(
                    out,
                    "{:<12} {:<14} {:<42} {:>6} {:>2} {:<22} {:<32} arabic",
                    "kind", "code", "english", "gold", "q", "plover", "entry"
                )?;
                for r in &rows {
                    writeln!(
                        out,
                        "{:<12} {:<14} {:<42} {:>6} {:>2} {:<22} {:<32} {}",
                        r.kind,
                        r.code,
                        r.en,
                        r.goldstein.map(|g| format!("{g:.1}")).unwrap_or_default(),
                        r.quad_class.map(|q| q.to_string()).unwrap_or_default(),
                        r.plover.as_deref().unwrap_or(""),
                        r.entry.as_deref().unwrap_or(""),
                        output::visual(&r.ar)
                    )?;
                }
            }
            out.flush()?;
            eprintln!("{} code(s)", rows.len());
            if rows.is_empty() {
                return Ok(1);
            }
            Ok(0)
        }
        Command::Lexicon { action } => match action {
            LexiconCommand::Check { dir } => {
                let mut sources = Sources::embedded();
                if let Some(d) = &dir {
                    sources =
                        sources.layered(Sources::read_dir(d).map_err(|e| anyhow::anyhow!("{e}"))?);
                }
                let (lex, errors) = Lexicon::build_lenient(&sources);
                for e in &errors {
                    println!("{e}");
                }
                let s = lex.stats();
                eprintln!(
                    "{} error(s); {} entries checked ({})",
                    errors.len(),
                    s.countries
                        + s.organizations
                        + s.people
                        + s.agents
                        + s.places
                        + s.triggers
                        + s.cues,
                    s.version
                );
                Ok(if errors.is_empty() { 0 } else { 1 })
            }
            LexiconCommand::Stats { json } => {
                let t = std::time::Instant::now();
                let lex = load_lexicon(&cli.lexicon)?;
                let load_ms = t.elapsed().as_secs_f64() * 1000.0;
                let s = lex.stats();
                if json {
                    println!("{}", serde_json::to_string_pretty(&s)?);
                } else {
                    println!("version        {}", s.version);
                    println!("countries      {}", s.countries);
                    println!("organizations  {}", s.organizations);
                    println!("people         {} ({} dated offices)", s.people, s.offices);
                    println!("agents         {}", s.agents);
                    println!("places         {}", s.places);
                    println!(
                        "triggers       {} (CAMEO roots covered: {})",
                        s.triggers, s.trigger_roots
                    );
                    println!("cues           {}", s.cues);
                    println!("cameo codes    {}", s.cameo_codes);
                    println!(
                        "patterns       {} over {} distinct tokens",
                        s.patterns, s.vocabulary
                    );
                    println!(
                        "matcher        {} trie keys, {:.1} MB",
                        s.trie_keys,
                        s.matcher_bytes as f64 / 1e6
                    );
                    println!(
                        "load time      {load_ms:.1} ms ({})",
                        if cli.lexicon.is_empty() {
                            "compiled form embedded at build time"
                        } else {
                            "built from the sources"
                        }
                    );
                }
                Ok(0)
            }
        },
    }
}

fn code_files(
    coder: &Coder,
    files: &[String],
    read: &input::ReadOptions,
    format: output::OutputFormat,
) -> anyhow::Result<i32> {
    let stdout = std::io::stdout();
    let mut out = std::io::BufWriter::new(stdout.lock());
    let now = chrono::Utc::now().format("%Y%m%d%H%M%S").to_string();
    let total_bytes: u64 = files
        .iter()
        .filter_map(|f| std::fs::metadata(f).ok())
        .map(|m| m.len())
        .sum();
    let bar = if std::io::stderr().is_terminal() && total_bytes > 1 << 20 {
        let b = ProgressBar::new(0);
        b.set_style(
            ProgressStyle::with_template(
                "{spinner} {pos} documents {per_sec} [{elapsed_precise}] {msg}",
            )
            .unwrap(),
        );
        b
    } else {
        ProgressBar::hidden()
    };
    let (mut docs, mut events, mut errors) = (0usize, 0usize, 0usize);
    let mut header = true;
    let mut seen_ids: std::collections::HashSet<String> = Default::default();
    // Reading, decompressing and parsing run on their own thread, one batch ahead of
    // the coder (which uses the rayon pool, `--threads`).
    std::thread::scope(|scope| -> anyhow::Result<()> {
        let (tx, rx) = std::sync::mpsc::sync_channel::<Read>(2);
        let reader = scope.spawn(move || read_batches(files, read, &tx));
        for item in rx {
            let batch = match item {
                Read::Failed(e) => {
                    errors += 1;
                    eprintln!("error: {e}");
                    continue;
                }
                Read::Batch(batch) => batch,
            };
            docs += batch.len();
            for d in &batch {
                if !seen_ids.insert(d.doc_id.clone()) {
                    eprintln!(
                        "warning: doc_id {:?} appears more than once: its event ids repeat",
                        d.doc_id
                    );
                }
            }
            let coded: Vec<_> = batch.par_iter().map(|d| coder.try_code(d)).collect();
            for evs in &coded {
                match evs {
                    Ok(evs) => {
                        output::write_events(&mut out, evs, format, header, &now)?;
                        header = false;
                        events += evs.len();
                    }
                    Err(e) => {
                        errors += 1;
                        eprintln!("error: {e}");
                    }
                }
            }
            bar.set_position(docs as u64);
        }
        reader
            .join()
            .map_err(|_| anyhow::anyhow!("the reading thread panicked"))?
    })?;
    out.flush()?;
    bar.finish_and_clear();
    eprintln!("{docs} documents, {events} events, {errors} errors");
    Ok(if errors > 0 { 1 } else { 0 })
}

/// What the reading thread of [`code_files`] sends: documents or an input error.
enum Read {
    Batch(Vec<rasid_text::Document>),
    Failed(input::InputError),
}

/// Reads `files` (see [`input::read_all`]) and sends their documents in batches of 512,
/// and every input error as it comes, to `tx`. Stops early when the receiver is gone.
fn read_batches(
    files: &[String],
    read: &input::ReadOptions,
    tx: &std::sync::mpsc::SyncSender<Read>,
) -> anyhow::Result<()> {
    const BATCH: usize = 512;
    let mut batch = Vec::with_capacity(BATCH);
    let stopped = || anyhow::anyhow!("output stopped");
    input::read_all(files, read, &mut |r| {
        match r {
            Ok(d) => {
                batch.push(d);
                if batch.len() >= BATCH {
                    let full = std::mem::replace(&mut batch, Vec::with_capacity(BATCH));
                    tx.send(Read::Batch(full)).map_err(|_| stopped())?;
                }
            }
            Err(e) => tx.send(Read::Failed(e)).map_err(|_| stopped())?,
        }
        Ok(())
    })?;
    if !batch.is_empty() {
        tx.send(Read::Batch(batch)).map_err(|_| stopped())?;
    }
    Ok(())
}

fn explain_text(
    out: &mut dyn Write,
    traces: &[rasid_coder::SentenceTrace],
    events: &[rasid_coder::Event],
) -> std::io::Result<()> {
    for t in traces {
        writeln!(
            out,
            "── sentence {} [{}..{}]",
            t.sentence, t.span.start, t.span.end
        )?;
        writeln!(out, "   {}", output::visual(&t.text))?;
        let toks: Vec<String> = t
            .tokens
            .iter()
            .map(|(s, f, split)| {
                if split.is_empty() && s == f {
                    s.clone()
                } else if split.is_empty() {
                    format!("{s}→{f}")
                } else {
                    format!("{s}→{split}")
                }
            })
            .collect();
        writeln!(out, "   tokens: {}", toks.join(" · "))?;
        for (kind, id, surface) in &t.matches {
            writeln!(out, "   match  {kind:<12} {id:<32} {surface}")?;
        }
        for (surface, code, entry) in &t.actors {
            writeln!(out, "   actor  {code:<12} {entry:<32} {surface}")?;
        }
        for (surface, value) in &t.dates {
            writeln!(out, "   date   {value:<12} {surface}")?;
        }
        for c in &t.triggers {
            writeln!(
                out,
                "   trigger {} ({}) {}: {}",
                c.rule, c.cameo, c.text, c.outcome
            )?;
        }
        let weights = |top: &[(String, f32)]| {
            top.iter()
                .map(|(f, w)| format!("{f} {w:+.2}"))
                .collect::<Vec<_>>()
                .join(", ")
        };
        for l in &t.learned {
            writeln!(
                out,
                "   learned {}{}: p(event) {:.2} [{}]",
                l.rule,
                if l.ruled {
                    " (the rules' event stands)"
                } else {
                    ""
                },
                l.p_event,
                weights(&l.top)
            )?;
            for (role, r) in [("source", &l.source), ("target", &l.target)] {
                if let Some(r) = r {
                    writeln!(
                        out,
                        "           {role} {}{} p {:.2} [{}]",
                        r.code,
                        if r.carried { " (carried)" } else { "" },
                        r.p,
                        weights(&r.top)
                    )?;
                }
            }
        }
    }
    writeln!(out, "── events")?;
    output::write_events(out, events, output::OutputFormat::Table, true, "")
}
