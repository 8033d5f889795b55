//! The store commands (`rasid-store`): ingest, events, dyad, actors, export, db.
//! Glue only: arguments in, library calls, printing out.

use anyhow::Context;
use clap::builder::{PossibleValuesParser, TypedValueParser};
use clap::{Args, Subcommand};
use indicatif::{ProgressBar, ProgressStyle};
use rasid_coder::{Coder, Options};
use rasid_store::{
    paths, query::parse_day, EventFilter, ExportFormat, IngestOptions, Input, KeepText, Period,
    Store,
};
use std::io::{BufRead, IsTerminal, Read, Write};
use std::path::PathBuf;

/// The store subcommands, flattened into the top level (`rasid ingest`, `rasid dyad` …).
#[derive(Subcommand)]
pub enum StoreCommand {
    /// Code documents into the event store (directories, files, globs, JSON Lines, .gz;
    /// `-` for stdin). Idempotent and resumable.
    Ingest(IngestArgs),
    /// List stored (cross-article) events, newest first (history left out unless
    /// `--include-history`).
    Events {
        #[command(flatten)]
        filter: FilterArgs,
        /// Output format.
        #[arg(long, default_value = "table", value_parser = ["table", "jsonl"])]
        format: String,
        /// With `--format jsonl`, include every mention of each event.
        #[arg(long)]
        mentions: bool,
        /// The store.
        #[arg(long, default_value = "rasid.db")]
        db: PathBuf,
    },
    /// Relations between two actors over time, both directions: events per QuadClass,
    /// Goldstein sum and mean per period.
    Dyad {
        /// First actor (code prefix, e.g. TUR).
        a: String,
        /// Second actor (code prefix, e.g. LBYMIL).
        b: String,
        /// Period of each row.
        #[arg(long, default_value = "month", value_parser = PossibleValuesParser::new(["day", "week", "month"])
            .map(|s| s.parse::<Period>().expect("a listed period")))]
        by: Period,
        /// From this day (YYYY-MM-DD); also `--since`, the API's name.
        #[arg(long, visible_alias = "since")]
        from: Option<String>,
        /// To this day (YYYY-MM-DD); also `--until`.
        #[arg(long, visible_alias = "until")]
        to: Option<String>,
        /// Count history too (events dated more than 31 days before their earliest
        /// article); left out by default.
        #[arg(long)]
        include_history: bool,
        /// Only events with a mention naming this lexicon entry (`rasid codes` lists the
        /// ids: `khalifa-haftar`, `lna`).
        #[arg(long, value_name = "ID")]
        entity: Option<String>,
        /// Output format.
        #[arg(long, default_value = "table", value_parser = ["table", "jsonl"])]
        format: String,
        /// The store.
        #[arg(long, default_value = "rasid.db")]
        db: PathBuf,
    },
    /// The most active actors, or (`--edges`) the weighted network edges between actors.
    Actors {
        #[command(flatten)]
        filter: FilterArgs,
        /// List directed edges source → target with weights instead.
        #[arg(long)]
        edges: bool,
        /// Cut codes to this many characters (3: countries and organisations).
        #[arg(long)]
        level: Option<usize>,
        /// Rows to show.
        #[arg(long, default_value_t = 25)]
        top: usize,
        /// Output format.
        #[arg(long, default_value = "table", value_parser = ["table", "jsonl"])]
        format: String,
        /// The store.
        #[arg(long, default_value = "rasid.db")]
        db: PathBuf,
    },
    /// Export stored events: jsonl, csv, gdelt-events, gdelt-mentions, parquet,
    /// parquet-mentions.
    Export {
        /// Format (`gdelt` is `gdelt-events`).
        #[arg(long, value_parser = PossibleValuesParser::new(
            ["jsonl", "csv", "gdelt-events", "gdelt", "gdelt-mentions", "parquet", "parquet-mentions"],
        ).map(|s| s.parse::<ExportFormat>().expect("a listed format")))]
        format: ExportFormat,
        /// Output file; `-` for standard output (not for Parquet).
        #[arg(long, default_value = "-")]
        out: String,
        #[command(flatten)]
        filter: FilterArgs,
        /// The store.
        #[arg(long, default_value = "rasid.db")]
        db: PathBuf,
    },
    /// Re-code the stored documents that another coder version (lexicons, model,
    /// options) coded, from their kept texts, with the current coder: their mentions and
    /// events rebuilt. Idempotent and resumable (one transaction per batch).
    Recode {
        /// The store.
        #[arg(long, default_value = "rasid.db")]
        db: PathBuf,
        /// Worker threads (default: all cores).
        #[arg(long)]
        threads: Option<usize>,
        /// Documents per transaction.
        #[arg(long, default_value_t = 1000)]
        batch: usize,
        /// Also code plain statements (CAMEO 010), as `ingest --statements`.
        #[arg(long)]
        statements: bool,
        /// Drop events under this confidence (0–1), as `ingest --min-confidence`.
        #[arg(long, default_value_t = 0.0)]
        min_confidence: f32,
    },
    /// Store maintenance.
    Db {
        #[command(subcommand)]
        action: DbCommand,
    },
}

/// `rasid db …`.
#[derive(Subcommand)]
pub enum DbCommand {
    /// Verify integrity, foreign keys and counts against mentions (exit 1 on a problem).
    Check {
        /// The store.
        #[arg(long, default_value = "rasid.db")]
        db: PathBuf,
    },
    /// Schema version, table sizes and the coder versions that coded the documents.
    Info {
        /// The store.
        #[arg(long, default_value = "rasid.db")]
        db: PathBuf,
    },
}

/// `rasid ingest` arguments.
#[derive(Args)]
pub struct IngestArgs {
    /// Directories (recursive), files, glob patterns; `-` or nothing for stdin.
    paths: Vec<String>,
    /// The store (created if missing).
    #[arg(long, default_value = "rasid.db")]
    db: PathBuf,
    /// List the recorded input failures instead of ingesting.
    #[arg(long)]
    failed: bool,
    /// Worker threads (default: all cores).
    #[arg(long)]
    threads: Option<usize>,
    /// Documents per transaction.
    #[arg(long, default_value_t = 1000)]
    batch: usize,
    /// Article date (YYYY-MM-DD) for plain-text and HTML inputs.
    #[arg(long)]
    date: Option<String>,
    /// Replace invalid UTF-8 (with a warning) instead of recording a failure.
    #[arg(long)]
    lossy: bool,
    /// The largest document read, in bytes after decompression (a file, or a JSON Lines
    /// record); a larger one is recorded as a failure.
    #[arg(long, value_name = "BYTES", default_value_t = crate::input::DEFAULT_MAX_DOC_BYTES)]
    max_doc_bytes: u64,
    /// Also store plain statements (CAMEO 010).
    #[arg(long)]
    statements: bool,
    /// Drop events under this confidence (0–1).
    #[arg(long, default_value_t = 0.0)]
    min_confidence: f32,
    /// How much of each text to keep: `full` (the whole text, compressed: the dashboard
    /// and `GET /v1/documents/ID` show it) or `evidence` (only each mention's sentence).
    #[arg(long, default_value = "full", value_parser = PossibleValuesParser::new(["full", "evidence"])
        .map(|s| s.parse::<KeepText>().expect("a listed value")))]
    keep_text: KeepText,
}

/// Event filters shared by `events`, `actors` and `export`.
#[derive(Args)]
pub struct FilterArgs {
    /// Source or target code starts with this.
    #[arg(long)]
    actor: Option<String>,
    /// Events between two actors, either direction (code prefixes).
    #[arg(long, num_args = 2, value_names = ["A", "B"])]
    dyad: Option<Vec<String>>,
    /// CAMEO code starts with this.
    #[arg(long)]
    code: Option<String>,
    /// CAMEO root (two digits).
    #[arg(long)]
    root: Option<String>,
    /// QuadClass 1–4; also `--quad-class`, the API's name.
    #[arg(long, visible_alias = "quad-class", value_parser = clap::value_parser!(u8).range(1..=4))]
    quad: Option<u8>,
    /// From this day (YYYY-MM-DD); also `--since`, the API's name.
    #[arg(long, visible_alias = "since")]
    from: Option<String>,
    /// To this day (YYYY-MM-DD); also `--until`.
    #[arg(long, visible_alias = "until")]
    to: Option<String>,
    /// Place name, ISO alpha-3 country code or GeoNames id.
    #[arg(long)]
    place: Option<String>,
    /// Reported by this outlet.
    #[arg(long)]
    outlet: Option<String>,
    /// Highest mention confidence at least this.
    #[arg(long)]
    min_confidence: Option<f32>,
    /// At most this many events.
    #[arg(long)]
    limit: Option<usize>,
    /// Include history: events dated more than 31 days before their earliest article
    /// (background the article recalls, not news of its period); left out by default.
    #[arg(long)]
    include_history: bool,
    /// Only events with a mention naming this lexicon entry as source or target (`rasid
    /// codes` lists the ids: `khalifa-haftar`, `lna`, `saudi-arabia`).
    #[arg(long, value_name = "ID")]
    entity: Option<String>,
}

impl FilterArgs {
    fn filter(&self) -> anyhow::Result<EventFilter> {
        let day = |s: &Option<String>| s.as_deref().map(parse_day).transpose();
        Ok(EventFilter {
            actor: self.actor.clone(),
            dyad: self.dyad.as_ref().map(|d| (d[0].clone(), d[1].clone())),
            code: self.code.clone(),
            root: self.root.clone(),
            quad: self.quad,
            from: day(&self.from)?,
            to: day(&self.to)?,
            place: self.place.clone(),
            outlet: self.outlet.clone(),
            min_confidence: self.min_confidence,
            limit: self.limit,
            include_history: self.include_history,
            entity: self.entity.clone(),
            ..Default::default()
        })
    }
}

fn open_existing(db: &PathBuf) -> anyhow::Result<Store> {
    anyhow::ensure!(
        db.exists(),
        "{}: no such store (run `rasid ingest` first)",
        db.display()
    );
    Ok(Store::open(db)?)
}

/// Runs a store command; returns the exit code.
pub fn run(cmd: StoreCommand, lexicon: &[PathBuf]) -> anyhow::Result<i32> {
    match cmd {
        StoreCommand::Ingest(a) => ingest(a, lexicon),
        StoreCommand::Events {
            filter,
            format,
            mentions,
            db,
        } => {
            let store = open_existing(&db)?;
            let f = filter.filter()?;
            let mut out = std::io::BufWriter::new(std::io::stdout().lock());
            if format == "table" {
                writeln!(
                    out,
                    "{:>8}  {:<10}  {:<5} {:>1} {:>6}  {:<14} {:<14} {:<12} {:>4} {:>4} {:>4} {:>5}",
                    "id", "date", "cameo", "q", "gold", "source", "target", "place", "ment", "src", "art", "conf"
                )?;
            }
            store.for_each_event(&f, &mut |mut e| {
                if format == "jsonl" {
                    if mentions {
                        e.mentions = store.mentions(e.id)?;
                    }
                    serde_json::to_writer(&mut out, &e)?;
                    writeln!(out)?;
                } else {
                    let aux = e.aux.as_deref().map(|a| format!(" ({a})")).unwrap_or_default();
                    writeln!(
                        out,
                        "{:>8}  {:<10}  {:<5} {:>1} {:>6.1}  {:<14} {:<14} {:<12} {:>4} {:>4} {:>4} {:>5.2}{aux}",
                        e.id,
                        e.date.as_deref().unwrap_or("-"),
                        e.cameo,
                        e.quad_class,
                        e.goldstein,
                        e.source.code,
                        e.target.as_ref().map_or("-", |t| t.code.as_str()),
                        e.location
                            .as_ref()
                            .map(|l| crate::output::visual(&l.text))
                            .unwrap_or_else(|| "-".into()),
                        e.num_mentions,
                        e.num_sources,
                        e.num_articles,
                        e.confidence
                    )?;
                }
                Ok(())
            })?;
            out.flush()?;
            Ok(0)
        }
        StoreCommand::Dyad {
            a,
            b,
            by,
            from,
            to,
            include_history,
            entity,
            format,
            db,
        } => {
            let store = open_existing(&db)?;
            let day = |s: &Option<String>| s.as_deref().map(parse_day).transpose();
            let t = std::time::Instant::now();
            let r = store.dyad(
                &a,
                &b,
                by,
                &rasid_store::DyadFilter {
                    from: day(&from)?,
                    to: day(&to)?,
                    include_history,
                    entity,
                },
            )?;
            let ms = t.elapsed().as_secs_f64() * 1000.0;
            let mut out = std::io::BufWriter::new(std::io::stdout().lock());
            if format == "jsonl" {
                write_jsonl(&mut out, &r.rows)?;
            } else {
                writeln!(
                    out,
                    "{:<10}  {:<20} {:>7} {:>6} {:>6} {:>6} {:>6} {:>9} {:>6}",
                    "period", "direction", "events", "q1", "q2", "q3", "q4", "gold.sum", "mean"
                )?;
                for row in &r.rows {
                    writeln!(
                        out,
                        "{:<10}  {:<20} {:>7} {:>6} {:>6} {:>6} {:>6} {:>9.1} {:>6.2}",
                        row.period,
                        format!("{}→{}", row.source, row.target),
                        row.events,
                        row.quad[0],
                        row.quad[1],
                        row.quad[2],
                        row.quad[3],
                        row.goldstein_sum,
                        row.goldstein_mean
                    )?;
                }
            }
            out.flush()?;
            if r.coarser > 0 {
                eprintln!(
                    "note: {} event(s) of this dyad are dated too coarsely for --by and are not counted",
                    r.coarser
                );
            }
            eprintln!("{} row(s) in {ms:.1} ms", r.rows.len());
            Ok(0)
        }
        StoreCommand::Actors {
            filter,
            edges,
            level,
            top,
            format,
            db,
        } => {
            let store = open_existing(&db)?;
            let f = filter.filter()?;
            let mut out = std::io::BufWriter::new(std::io::stdout().lock());
            if edges {
                let rows = store.edges(&f, level, top)?;
                if format == "jsonl" {
                    write_jsonl(&mut out, &rows)?;
                } else {
                    writeln!(
                        out,
                        "{:<14} {:<14} {:>7} {:>8} {:>5} {:>5} {:>5} {:>5} {:>9} {:>6}",
                        "source",
                        "target",
                        "events",
                        "mentions",
                        "q1",
                        "q2",
                        "q3",
                        "q4",
                        "gold.sum",
                        "mean"
                    )?;
                    for r in &rows {
                        writeln!(
                            out,
                            "{:<14} {:<14} {:>7} {:>8} {:>5} {:>5} {:>5} {:>5} {:>9.1} {:>6.2}",
                            r.source,
                            r.target,
                            r.events,
                            r.mentions,
                            r.quad[0],
                            r.quad[1],
                            r.quad[2],
                            r.quad[3],
                            r.goldstein_sum,
                            r.goldstein_mean
                        )?;
                    }
                }
            } else {
                // each code labelled by its own description (country, sectors), the
                // lexicon entries seen under it listed apart
                let lex = crate::load_lexicon(lexicon)?;
                let mut rows = store.actors(&f, level, top)?;
                for r in &mut rows {
                    r.name = rasid_lexicon::codes::describe_actor(&lex, &r.code);
                    r.entities = store.actor_entities(&f, &r.code, level, 5)?;
                }
                if format == "jsonl" {
                    write_jsonl(&mut out, &rows)?;
                } else {
                    writeln!(
                        out,
                        "{:<14} {:>7} {:>8} {:>7} {:>7}  {:<36} entities (mentions)",
                        "code", "events", "mentions", "source", "target", "description"
                    )?;
                    for r in &rows {
                        let entities: Vec<String> = r
                            .entities
                            .iter()
                            .map(|e| format!("{} ({})", e.id, e.mentions))
                            .collect();
                        writeln!(
                            out,
                            "{:<14} {:>7} {:>8} {:>7} {:>7}  {:<36} {}",
                            r.code,
                            r.events,
                            r.mentions,
                            r.as_source,
                            r.as_target,
                            r.name,
                            entities.join(", ")
                        )?;
                    }
                }
            }
            out.flush()?;
            Ok(0)
        }
        StoreCommand::Export {
            format,
            out,
            filter,
            db,
        } => {
            let store = open_existing(&db)?;
            let f = filter.filter()?;
            let n = if out == "-" {
                anyhow::ensure!(
                    !matches!(
                        format,
                        ExportFormat::Parquet | ExportFormat::ParquetMentions
                    ),
                    "Parquet needs --out FILE"
                );
                store.export(format, &f, std::io::BufWriter::new(std::io::stdout()))?
            } else {
                let file =
                    std::fs::File::create(&out).with_context(|| format!("{out}: cannot create"))?;
                store.export(format, &f, std::io::BufWriter::new(file))?
            };
            eprintln!("{n} row(s) exported");
            Ok(0)
        }
        StoreCommand::Recode {
            db,
            threads,
            batch,
            statements,
            min_confidence,
        } => {
            let mut store = open_existing(&db)?;
            crate::set_threads(threads);
            let lex = crate::load_lexicon(lexicon)?;
            let coder = Coder::with_options(
                &lex,
                Options {
                    emit_statements: statements,
                    min_confidence,
                    ..Options::default()
                },
            );
            let (pending, no_text) = store.recode_pending(&coder)?;
            let bar = if std::io::stderr().is_terminal() {
                let b = ProgressBar::new(pending);
                b.set_style(
                    ProgressStyle::with_template(
                        "{spinner} [{elapsed_precise}] {wide_bar} {pos}/{len} documents {per_sec} ETA {eta}",
                    )
                    .expect("static template"),
                );
                b
            } else {
                ProgressBar::hidden()
            };
            let t0 = std::time::Instant::now();
            let s = store.recode(&coder, batch, &|s| bar.set_position(s.recoded + s.failures));
            bar.finish_and_clear();
            let s = s?;
            eprintln!(
                "{} re-coded with coder {} ({} to do); {} mentions: {} new events, {} merged; {} events left without mentions removed; {} failures; {:.1} s",
                s.recoded,
                rasid_store::ingest::coder_version(&coder),
                s.pending,
                s.mentions,
                s.new_events,
                s.merged,
                s.removed_events,
                s.failures,
                t0.elapsed().as_secs_f64()
            );
            if no_text > 0 {
                eprintln!(
                    "note: {no_text} document(s) of another coder version have no kept text (ingested with --keep-text evidence, or before texts were kept) and were left as they are; ingest them again from their files to re-code them"
                );
            }
            Ok(if s.failures > 0 { 1 } else { 0 })
        }
        StoreCommand::Db { action } => match action {
            DbCommand::Check { db } => {
                let store = open_existing(&db)?;
                let r = store.check()?;
                println!("{}", serde_json::to_string_pretty(&r)?);
                eprintln!("{}", if r.ok() { "ok" } else { "PROBLEMS FOUND" });
                Ok(if r.ok() { 0 } else { 1 })
            }
            DbCommand::Info { db } => {
                let store = open_existing(&db)?;
                let c = store.counts()?;
                println!("schema version   {}", store.schema_version()?);
                println!(
                    "documents        {} ({} near-duplicates)",
                    c.documents, c.near_duplicates
                );
                println!("events           {}", c.events);
                println!("mentions         {}", c.mentions);
                println!("failures         {}", c.failures);
                for (version, n) in store.coder_versions()? {
                    println!(
                        "coded by         {} ({n} documents)",
                        version
                            .as_deref()
                            .unwrap_or("an unknown coder (stored before v7)")
                    );
                }
                Ok(0)
            }
        },
    }
}

/// Counts the documents of `files` (lines of JSON Lines inputs, 1 otherwise), for the
/// progress bar's ETA; `None` when standard input is among them.
fn count_documents(files: &[String]) -> Option<u64> {
    let mut n = 0u64;
    for f in files {
        if f == "-" {
            return None;
        }
        // only regular files: opening a FIFO would block or steal its data
        if !std::fs::metadata(f).is_ok_and(|m| m.is_file()) {
            continue;
        }
        let Ok(file) = std::fs::File::open(f) else {
            continue;
        };
        let mut buf = std::io::BufReader::with_capacity(1 << 16, file);
        let gz = buf.fill_buf().ok()?.starts_with(&[0x1f, 0x8b]);
        let mut r: Box<dyn Read> = if gz {
            Box::new(flate2::read::MultiGzDecoder::new(buf))
        } else {
            Box::new(buf)
        };
        let name = f.trim_end_matches(".gz");
        if [".jsonl", ".json", ".ndjson"]
            .iter()
            .any(|e| name.ends_with(e))
        {
            let mut chunk = vec![0u8; 1 << 16];
            while let Ok(k) = r.read(&mut chunk) {
                if k == 0 {
                    break;
                }
                n += chunk[..k].iter().filter(|&&b| b == b'\n').count() as u64;
            }
        } else {
            n += 1;
        }
    }
    Some(n)
}

fn ingest(a: IngestArgs, lexicon: &[PathBuf]) -> anyhow::Result<i32> {
    let mut store = Store::open(&a.db).with_context(|| format!("{}", a.db.display()))?;
    if a.failed {
        let failures = store.failures()?;
        let mut out = std::io::BufWriter::new(std::io::stdout().lock());
        for f in &failures {
            writeln!(out, "{}\t{}\t{}\t{}", f.location, f.reason, f.at, f.times)?;
        }
        out.flush()?;
        eprintln!("{} failure(s) recorded", failures.len());
        return Ok(0);
    }
    crate::set_threads(a.threads);
    let lex = crate::load_lexicon(lexicon)?;
    let coder = Coder::with_options(
        &lex,
        Options {
            emit_statements: a.statements,
            min_confidence: a.min_confidence,
            ..Options::default()
        },
    );
    let date = crate::parse_date_arg(&a.date)?;
    // say when the stored documents were coded by another coder: ingest skips what is
    // stored, so only `rasid recode` brings them to the current coder
    let current = rasid_store::ingest::coder_version(&coder);
    let other: i64 = store
        .coder_versions()?
        .iter()
        .filter(|(v, _)| v.as_deref() != Some(current.as_str()))
        .map(|(_, n)| n)
        .sum();
    if other > 0 {
        eprintln!(
            "note: {other} stored document(s) were coded by another coder version than this one ({current}: lexicons, model and options); documents already stored are skipped, not re-coded: run `rasid recode --db {}` to re-code them",
            a.db.display()
        );
    }
    let (files, skipped) = if a.paths.is_empty() {
        (vec!["-".to_string()], Vec::new())
    } else {
        let e = paths::expand(&a.paths)?;
        (e.files, e.skipped)
    };
    // FIFOs, sockets and devices met in a directory are failures of this run (never
    // opened); directory links not followed are only noted
    let mut special = Vec::new();
    for s in skipped {
        if s.kind.is_failure() {
            eprintln!("error: {s}");
            special.push(Input::Failed {
                location: s.path,
                reason: s.kind.to_string(),
            });
        } else {
            eprintln!("note: {s}");
        }
    }
    let bar = if std::io::stderr().is_terminal() {
        let b = ProgressBar::new(0);
        b.set_style(
            ProgressStyle::with_template(
                "{spinner} [{elapsed_precise}] {wide_bar} {pos}/{len} articles {per_sec} ETA {eta}",
            )
            .expect("static template"),
        );
        let (b2, f2) = (b.clone(), files.clone());
        std::thread::spawn(move || {
            if let Some(n) = count_documents(&f2) {
                b2.set_length(n);
            }
        });
        b
    } else {
        ProgressBar::hidden()
    };
    let t0 = std::time::Instant::now();
    let (tx, rx) = std::sync::mpsc::sync_channel::<Input>(4096);
    let read = crate::input::ReadOptions {
        date,
        lossy: a.lossy,
        max_doc_bytes: a.max_doc_bytes,
    };
    let reader_bar = bar.clone();
    let reader = std::thread::spawn(move || {
        for item in special {
            tx.send(item)
                .map_err(|_| anyhow::anyhow!("ingest stopped"))?;
        }
        crate::input::read_all(&files, &read, &mut |r| {
            let item = match r {
                Ok(d) => Input::Doc(d),
                Err(e) => {
                    // said as it happens, as `rasid code` says it (and recorded)
                    reader_bar.suspend(|| eprintln!("error: {e}"));
                    Input::Failed {
                        location: e.location,
                        reason: e.message,
                    }
                }
            };
            tx.send(item).map_err(|_| anyhow::anyhow!("ingest stopped"))
        })
    });
    let result = store.ingest(
        &coder,
        rx.into_iter(),
        &IngestOptions {
            batch_size: a.batch,
            keep_text: a.keep_text,
        },
        &|s| bar.set_position(s.read),
    );
    let read = reader.join();
    bar.finish_and_clear();
    let s = result?;
    match read {
        Ok(Ok(())) => {}
        Ok(Err(e)) => return Err(e),
        Err(_) => anyhow::bail!("the reader thread panicked"),
    }
    let secs = t0.elapsed().as_secs_f64();
    eprintln!(
        "{} read, {} stored ({} near-duplicates), {} already stored; {} mentions: {} new events, {} merged; {} failures; {:.1} s, {:.0} articles/s",
        s.read,
        s.stored,
        s.near_duplicates,
        s.skipped,
        s.mentions,
        s.new_events,
        s.merged,
        s.failures,
        secs,
        s.read as f64 / secs.max(1e-9)
    );
    if s.failures > 0 {
        eprintln!("see `rasid ingest --failed --db {}`", a.db.display());
    }
    Ok(if s.failures > 0 { 1 } else { 0 })
}

/// Writes `rows` as JSON Lines, one object a line.
fn write_jsonl<T: serde::Serialize>(out: &mut impl Write, rows: &[T]) -> anyhow::Result<()> {
    for r in rows {
        serde_json::to_writer(&mut *out, r)?;
        writeln!(out)?;
    }
    Ok(())
}
