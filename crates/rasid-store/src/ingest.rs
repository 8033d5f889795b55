//! Ingest: hash, skip what is stored, code in parallel, detect near-duplicates, and write
//! each batch of documents in one transaction with the cross-article dedup rule.
//!
//! # Cross-article dedup rule
//!
//! A coded event joins an existing stored event (becoming one more of its mentions) when
//! all of these hold, else it becomes a new event:
//!
//! - same CAMEO code, same source actor code, same target actor code (or both none),
//!   same aux mode (none, negated, future, hypothetical);
//! - the same date precision, and dates in the window: for `day`, the stored event's date
//!   within ±1 day of the new one (the closest wins, then the oldest event); for `month`
//!   the same month; for `year` the same year. The stored event keeps the date of its
//!   first mention, so windows never chain (a mention on day 3 does not join an event of
//!   day 1 through one of day 2);
//! - undated events (no article date to resolve against) merge only within a story
//!   told twice: an undated event of a near-duplicate document joins the undated event
//!   with the same code, actors and aux mentioned in the document it duplicates; other
//!   undated events are never merged across articles (nothing says they are the same
//!   day).
//!
//! Counts are recomputed from the mentions after every batch: `num_mentions` = mentions,
//! `num_sources` = distinct outlets of the mentioning documents (an unknown outlet counts
//! as one), `num_articles` = distinct original articles (a near-duplicate counts as its
//! original), `first_seen`/`last_seen` = earliest/latest article date (the coding day
//! when the article has none), `confidence_max` = the highest mention confidence.
//! The event's location is its first mention's; a later mention fills it when missing.
//!
//! # History
//!
//! Each mention records its reporting lag, `lag_days` = article date − the last day the
//! mention's event date covers (so `2015-07` in an article of 2015-08-10 lags 10 days,
//! `2014` lags from 2014-12-31), `NULL` when either date is unknown. An event is
//! **history** when its last day lies more than [`HISTORY_DAYS`] days before the earliest
//! article date among its mentions. A news article reports on the days and weeks before
//! it ("yesterday", "last week", "last month" all fall within 31 days of their latest
//! possible day); an act dated further back (a war of 1967, an agreement of 2011) is
//! background the article recalls, not news of its period. Queries leave history out
//! unless asked ([`crate::EventFilter::include_history`]).

use crate::error::{Result, StoreError};
use crate::neardup::{self, Signature};
use crate::text::KeepText;
use crate::Store;
use rasid_coder::{Coder, Event};
use rasid_text::Document;
use rayon::prelude::*;
use rusqlite::{params, OptionalExtension};
use std::collections::{BTreeSet, HashSet};
use std::sync::mpsc::sync_channel;
use std::sync::Mutex;

/// One input item: a document, or a document that could not be read.
#[derive(Debug)]
pub enum Input {
    /// A document to code and store.
    Doc(Document),
    /// An input that failed (recorded in `failures`, never dropped silently).
    Failed {
        /// File, `file:line`, or `-`.
        location: String,
        /// Why.
        reason: String,
    },
}

/// The content hash of a text: xxh3-128, 32 lowercase hex digits.
pub fn content_hash(text: &str) -> String {
    format!("{:032x}", xxhash_rust::xxh3::xxh3_128(text.as_bytes()))
}

/// A document ready to store: coded, hashed, signed.
#[derive(Debug)]
pub struct Prepared {
    /// The document.
    pub doc: Document,
    /// [`content_hash`] of its text.
    pub hash: String,
    /// Its MinHash signature (`None` for a short text).
    pub signature: Option<Signature>,
    /// Its events.
    pub events: Vec<Event>,
    /// Its text compressed for `document_texts` ([`crate::text::compress`]), or `None`
    /// when only the evidence sentences are kept ([`KeepText::Evidence`]).
    pub kept_text: Option<Vec<u8>>,
}

impl Prepared {
    /// Codes and signs `doc` (the expensive, parallel part of ingest).
    ///
    /// # Errors
    /// The coder's [`rasid_coder::CodeError`] when it fails on this document (a bug);
    /// ingest records it as a failure and goes on.
    pub fn new(
        coder: &Coder,
        doc: Document,
        hash: String,
        keep: KeepText,
    ) -> Result<Prepared, rasid_coder::CodeError> {
        let events = coder.try_code(&doc)?;
        let signature = neardup::signature(&doc.text);
        let kept_text = (keep == KeepText::Full).then(|| crate::text::compress(&doc.text));
        Ok(Prepared {
            doc,
            hash,
            signature,
            events,
            kept_text,
        })
    }
}

/// Days before its earliest article beyond which an event is history (see the
/// [module docs](self)).
pub const HISTORY_DAYS: i64 = 31;

/// The reporting lag of an event date as seen from an article: article date − the last
/// day `event_date` covers, in days (negative for a date after the article). `None` when
/// either is unknown or `event_date` is malformed.
pub fn lag_days(article: Option<chrono::NaiveDate>, event_date: Option<&str>) -> Option<i64> {
    let (_, _, last) = date_range(event_date?)?;
    Some((article? - last).num_days())
}

/// The version of a coder: its lexicon version (`SERIES+HASH` of every source file) and
/// a hash (xxh3-64, 16 hex digits) of its trained model (`rules` when coding by the rules
/// alone) and of the options that change its events (statements, least confidence,
/// home-country roles): `2026.11.0+1a2b3c4d/5e6f7a8b9c0d1e2f`. Two coders with the same
/// version code every document alike. Stored per document (`documents.coder`).
pub fn coder_version(coder: &Coder) -> String {
    let o = coder.options();
    let model = o
        .model
        .as_ref()
        .map_or_else(|| "rules".to_string(), |m| m.to_json());
    let key = format!(
        "{model}\0statements={}\0min_confidence={}\0home_country_roles={}",
        o.emit_statements, o.min_confidence, o.home_country_roles
    );
    format!(
        "{}/{:016x}",
        coder.lexicon().version(),
        xxhash_rust::xxh3::xxh3_64(key.as_bytes())
    )
}

/// Ingest settings.
#[derive(Debug, Clone)]
pub struct IngestOptions {
    /// Documents per transaction (and per parallel coding round).
    pub batch_size: usize,
    /// How much of each text to keep (default: all of it, compressed).
    pub keep_text: KeepText,
}

impl Default for IngestOptions {
    fn default() -> Self {
        IngestOptions {
            batch_size: 1000,
            keep_text: KeepText::Full,
        }
    }
}

/// What an ingest (or one batch) did.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, serde::Serialize)]
pub struct IngestStats {
    /// Documents read.
    pub read: u64,
    /// Documents stored now.
    pub stored: u64,
    /// Documents skipped: already stored (same doc_id and content hash).
    pub skipped: u64,
    /// Stored documents found to be near-duplicates of an earlier one.
    pub near_duplicates: u64,
    /// Event mentions stored.
    pub mentions: u64,
    /// New cross-article events.
    pub new_events: u64,
    /// Mentions that joined an existing event.
    pub merged: u64,
    /// Inputs that failed (recorded in `failures`).
    pub failures: u64,
}

impl IngestStats {
    fn add(&mut self, o: &IngestStats) {
        self.read += o.read;
        self.stored += o.stored;
        self.skipped += o.skipped;
        self.near_duplicates += o.near_duplicates;
        self.mentions += o.mentions;
        self.new_events += o.new_events;
        self.merged += o.merged;
        self.failures += o.failures;
    }
}

/// Whether a document (doc_id, content hash) is already stored, asked of the store's
/// unique index through a second, read-only connection (WAL: it runs beside the writer),
/// so that the check costs the same on a store of any size. A store in memory has no
/// second connection: its keys are loaded once instead.
enum Stored {
    Db(rusqlite::Connection),
    Loaded(HashSet<(String, String)>),
}

impl Stored {
    fn contains(&self, doc_id: &str, hash: &str) -> Result<bool> {
        match self {
            Stored::Db(c) => Ok(c
                .prepare_cached("SELECT 1 FROM documents WHERE doc_id = ?1 AND content_hash = ?2")?
                .exists(params![doc_id, hash])?),
            Stored::Loaded(keys) => Ok(keys.contains(&(doc_id.to_string(), hash.to_string()))),
        }
    }
}

impl Store {
    fn stored_keys(&self) -> Result<Stored> {
        if let Some(path) = self.conn.path().filter(|p| !p.is_empty()) {
            let c = rusqlite::Connection::open_with_flags(
                path,
                rusqlite::OpenFlags::SQLITE_OPEN_READ_ONLY
                    | rusqlite::OpenFlags::SQLITE_OPEN_NO_MUTEX,
            )?;
            c.busy_timeout(std::time::Duration::from_secs(10))?;
            return Ok(Stored::Db(c));
        }
        let mut keys = HashSet::new();
        let mut st = self
            .conn
            .prepare("SELECT doc_id, content_hash FROM documents")?;
        let mut rows = st.query([])?;
        while let Some(r) = rows.next()? {
            keys.insert((r.get::<_, String>(0)?, r.get::<_, String>(1)?));
        }
        Ok(Stored::Loaded(keys))
    }

    /// Ingests `inputs`: documents already stored are skipped before coding; the rest are
    /// coded in parallel (rayon's pool), checked for near-duplicates and written one
    /// transaction per batch, so that a killed run loses at most the batch in flight and a
    /// re-run completes the rest. `progress` is called after every committed batch with
    /// the running totals.
    ///
    /// # Errors
    /// A database error stops the ingest; batches committed before it stay.
    pub fn ingest<I>(
        &mut self,
        coder: &Coder,
        inputs: I,
        opts: &IngestOptions,
        progress: &(dyn Fn(&IngestStats) + Sync),
    ) -> Result<IngestStats>
    where
        I: Iterator<Item = Input>,
    {
        let stored = self.stored_keys()?;
        let version = coder_version(coder);
        // keys met in this run: repeats within the input, and batches not yet committed
        let mut seen: HashSet<(String, String)> = HashSet::new();
        let batch_size = opts.batch_size.max(1);
        let keep = opts.keep_text;
        let totals = Mutex::new(IngestStats::default());
        type Batch = (Vec<Prepared>, Vec<(String, String)>, IngestStats);
        let (tx, rx) = sync_channel::<Batch>(1);
        let store = &mut *self;
        let totals_ref = &totals;
        std::thread::scope(|scope| -> Result<()> {
            let writer = scope.spawn(move || -> Result<()> {
                for (batch, failures, pre) in rx {
                    let mut s = store.write_batch(&batch, &failures, &version)?;
                    s.add(&pre);
                    let mut t = totals_ref.lock().expect("stats lock");
                    t.add(&s);
                    progress(&t);
                }
                Ok(())
            });
            let mut inputs = inputs.peekable();
            while inputs.peek().is_some() {
                let mut work = Vec::with_capacity(batch_size);
                let mut failures = Vec::new();
                let mut pre = IngestStats::default();
                for item in inputs.by_ref().take(batch_size) {
                    match item {
                        Input::Doc(d) => {
                            pre.read += 1;
                            let h = content_hash(&d.text);
                            // already stored, or a repeat within this input
                            if !stored.contains(&d.doc_id, &h)?
                                && seen.insert((d.doc_id.clone(), h.clone()))
                            {
                                work.push((d, h));
                            } else {
                                pre.skipped += 1;
                            }
                        }
                        Input::Failed { location, reason } => failures.push((location, reason)),
                    }
                }
                let coded: Vec<Result<Prepared, rasid_coder::CodeError>> = work
                    .into_par_iter()
                    .map(|(d, h)| Prepared::new(coder, d, h, keep))
                    .collect();
                let mut prepared = Vec::with_capacity(coded.len());
                for p in coded {
                    match p {
                        Ok(p) => prepared.push(p),
                        Err(e) => failures.push((e.doc_id.clone(), e.to_string())),
                    }
                }
                if tx.send((prepared, failures, pre)).is_err() {
                    break; // the writer stopped: its error is returned below
                }
            }
            drop(tx);
            writer
                .join()
                .map_err(|_| StoreError::Ingest("writer thread panicked".into()))?
        })?;
        Ok(totals.into_inner().expect("stats lock"))
    }
}

/// The days a date covers: `(precision, first day, last day)`, from its shape
/// (`YYYY-MM-DD`, `YYYY-MM`, `YYYY`).
pub fn date_range(date: &str) -> Option<(&'static str, chrono::NaiveDate, chrono::NaiveDate)> {
    use chrono::NaiveDate;
    let p = |s: &str| s.parse::<i32>().ok();
    match date.len() {
        10 => {
            let d = NaiveDate::parse_from_str(date, "%Y-%m-%d").ok()?;
            Some(("day", d, d))
        }
        7 => {
            let (y, m) = (p(&date[..4])?, p(&date[5..7])? as u32);
            let start = NaiveDate::from_ymd_opt(y, m, 1)?;
            let next = if m == 12 {
                NaiveDate::from_ymd_opt(y + 1, 1, 1)?
            } else {
                NaiveDate::from_ymd_opt(y, m + 1, 1)?
            };
            Some(("month", start, next.pred_opt()?))
        }
        4 => {
            let y = p(date)?;
            Some((
                "year",
                NaiveDate::from_ymd_opt(y, 1, 1)?,
                NaiveDate::from_ymd_opt(y, 12, 31)?,
            ))
        }
        _ => None,
    }
}

pub(crate) fn aux_str(e: &Event) -> &'static str {
    match e.aux {
        None => "",
        Some(rasid_coder::Aux::Negated) => "negated",
        Some(rasid_coder::Aux::Future) => "future",
        Some(rasid_coder::Aux::Hypothetical) => "hypothetical",
    }
}

impl Store {
    /// Writes prepared documents and input failures in one transaction: documents
    /// (skipping any already stored), near-duplicate links, events by the dedup rule (see
    /// the [module docs](self)), mentions, and the recomputed counts of every event touched.
    /// Near-duplicates are looked up, and new signatures indexed, in the store
    /// ([`neardup::find_stored`]). `coder` is the [`coder_version`] that coded the batch.
    ///
    /// # Errors
    /// SQLite errors; the transaction is then rolled back.
    pub fn write_batch(
        &mut self,
        batch: &[Prepared],
        failures: &[(String, String)],
        coder: &str,
    ) -> Result<IngestStats> {
        let now = chrono::Utc::now();
        let coded_at = now.to_rfc3339_opts(chrono::SecondsFormat::Secs, true);
        let added = now.format("%Y%m%d%H%M%S").to_string();
        let mut stats = IngestStats::default();
        let tx = self.conn.transaction()?;
        {
            let mut ins_fail = tx.prepare_cached(
                "INSERT INTO failures (location, reason, at) VALUES (?1, ?2, ?3)
                 ON CONFLICT (location, reason) DO UPDATE SET at = excluded.at, times = times + 1",
            )?;
            for (loc, reason) in failures {
                ins_fail.execute(params![loc, reason, coded_at])?;
                stats.failures += 1;
            }
            let mut ins_doc = tx.prepare_cached(
                "INSERT OR IGNORE INTO documents (doc_id, content_hash, outlet, url, date, title,
                   text_len, near_dup_of, similarity, shingles, minhash, n_events, coded_at, coder)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14)",
            )?;
            let mut ins_text = tx.prepare_cached(
                "INSERT OR IGNORE INTO document_texts (doc_id, content_hash, codec, data)
                 VALUES (?1, ?2, ?3, ?4)",
            )?;
            let mut touched = BTreeSet::new();
            for p in batch {
                let near = match &p.signature {
                    Some(sig) => neardup::find_stored(&tx, sig)?,
                    None => None,
                };
                let d = &p.doc;
                let n = ins_doc.execute(params![
                    d.doc_id,
                    p.hash,
                    d.source,
                    d.url,
                    d.date.map(|x| x.to_string()),
                    d.title,
                    d.text.len() as i64,
                    near.map(|n| n.0),
                    near.map(|n| n.1),
                    p.signature.as_ref().map_or(0, |s| s.shingles),
                    p.signature.as_ref().map(|s| s.to_bytes()),
                    p.events.len() as i64,
                    coded_at,
                    coder,
                ])?;
                if n == 0 {
                    stats.skipped += 1;
                    continue;
                }
                let doc_row = tx.last_insert_rowid();
                if let Some(z) = &p.kept_text {
                    ins_text.execute(params![d.doc_id, p.hash, crate::text::CODEC, z])?;
                }
                if let Some(sig) = &p.signature {
                    neardup::insert_bands(&tx, doc_row, sig)?;
                }
                stats.stored += 1;
                stats.near_duplicates += near.is_some() as u64;
                store_events(
                    &tx,
                    doc_row,
                    near,
                    d,
                    &p.events,
                    &added,
                    &mut stats,
                    &mut touched,
                )?;
            }
            let mut recount = tx.prepare_cached(RECOUNT)?;
            for id in touched {
                recount.execute([id])?;
            }
        }
        tx.commit()?;
        Ok(stats)
    }
}

/// Stores the events of one document (row `doc_row`, near-duplicate of `near` when
/// given) by the dedup rule of the [module docs](self): each joins a stored event or
/// makes a new one, and becomes a mention. Adds the events touched to `touched` (their
/// counts are to be recomputed with [`RECOUNT`]).
///
/// # Errors
/// SQLite errors.
#[allow(clippy::too_many_arguments)]
pub(crate) fn store_events(
    tx: &rusqlite::Transaction,
    doc_row: i64,
    near: Option<(i64, f64)>,
    d: &Document,
    events: &[Event],
    added: &str,
    stats: &mut IngestStats,
    touched: &mut BTreeSet<i64>,
) -> Result<()> {
    let mut find_day = tx.prepare_cached(
        "SELECT id FROM events
         WHERE cameo = ?1 AND source_code = ?2 AND target_code = ?3 AND aux = ?4
           AND date_precision = 'day' AND day_start BETWEEN ?5 AND ?6
         ORDER BY abs(julianday(day_start) - julianday(?7)), id LIMIT 1",
    )?;
    let mut find_period = tx.prepare_cached(
        "SELECT id FROM events
         WHERE cameo = ?1 AND source_code = ?2 AND target_code = ?3 AND aux = ?4
           AND date_precision = ?5 AND day_start = ?6
         ORDER BY id LIMIT 1",
    )?;
    let mut find_undated = tx.prepare_cached(
        "SELECT e.id FROM mentions m JOIN events e ON e.id = m.event_id
         WHERE m.doc = ?1 AND e.cameo = ?2 AND e.source_code = ?3
           AND e.target_code = ?4 AND e.aux = ?5 AND e.date IS NULL
         ORDER BY e.id LIMIT 1",
    )?;
    let mut ins_event = tx.prepare_cached(
        "INSERT INTO events (cameo, root, quad_class, goldstein, plover_event, plover_mode,
           plover_context, aux, source_code, source_name, target_code, target_name, date,
           date_precision, day_start, day_end, place, geonameid, country, lat, lon,
           place_precision, added_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16,
           ?17, ?18, ?19, ?20, ?21, ?22, ?23)",
    )?;
    let mut fill_place = tx.prepare_cached(
        "UPDATE events SET place = ?2, geonameid = ?3, country = ?4, lat = ?5, lon = ?6,
           place_precision = ?7 WHERE id = ?1 AND place IS NULL",
    )?;
    let mut ins_mention = tx.prepare_cached(
        "INSERT INTO mentions (event_id, doc, local_id, sentence, evidence_start,
           evidence_end, trigger_start, trigger_end, trigger_text, rule, source_start,
           source_end, source_text, source_entry, target_start, target_end, target_text,
           target_entry, date, date_text, confidence, lexicon, evidence_text, lag_days)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16,
           ?17, ?18, ?19, ?20, ?21, ?22, ?23, ?24)",
    )?;
    for e in events {
        let aux = aux_str(e);
        let target_code = e.target.as_ref().map_or("", |t| t.code.as_str());
        let range = e.date.as_deref().and_then(date_range);
        let existing: Option<i64> = match range {
            Some(("day", d0, _)) => find_day
                .query_row(
                    params![
                        e.cameo,
                        e.source.code,
                        target_code,
                        aux,
                        d0.pred_opt().unwrap_or(d0).to_string(),
                        d0.succ_opt().unwrap_or(d0).to_string(),
                        d0.to_string(),
                    ],
                    |r| r.get(0),
                )
                .optional()?,
            Some((prec, d0, _)) => find_period
                .query_row(
                    params![
                        e.cameo,
                        e.source.code,
                        target_code,
                        aux,
                        prec,
                        d0.to_string()
                    ],
                    |r| r.get(0),
                )
                .optional()?,
            // undated: only the same story told again (see the module docs)
            None => match near {
                Some((original, _)) => find_undated
                    .query_row(
                        params![original, e.cameo, e.source.code, target_code, aux],
                        |r| r.get(0),
                    )
                    .optional()?,
                None => None,
            },
        };
        let loc = e.location.as_ref();
        let event_id = match existing {
            Some(id) => {
                if let Some(l) = loc {
                    fill_place.execute(params![
                        id,
                        l.text,
                        l.geonameid as i64,
                        l.country,
                        l.lat,
                        l.lon,
                        l.precision
                    ])?;
                }
                stats.merged += 1;
                id
            }
            None => {
                let plover = e.plover.as_ref();
                ins_event.execute(params![
                    e.cameo,
                    e.cameo_root,
                    e.quad_class,
                    e.goldstein as f64,
                    plover.map(|p| p.event.as_str()),
                    plover.and_then(|p| p.mode.as_deref()),
                    plover.map(|p| serde_json::to_string(&p.context).unwrap_or_default()),
                    aux,
                    e.source.code,
                    e.source.name,
                    target_code,
                    e.target.as_ref().map_or("", |t| t.name.as_str()),
                    e.date,
                    range.map(|r| r.0),
                    range.map(|r| r.1.to_string()),
                    range.map(|r| r.2.to_string()),
                    loc.map(|l| l.text.as_str()),
                    loc.map(|l| l.geonameid as i64),
                    loc.map(|l| l.country.as_str()),
                    loc.map(|l| l.lat),
                    loc.map(|l| l.lon),
                    loc.map(|l| l.precision.as_str()),
                    added,
                ])?;
                stats.new_events += 1;
                tx.last_insert_rowid()
            }
        };
        let t = e.target.as_ref();
        ins_mention.execute(params![
            event_id,
            doc_row,
            e.event_id,
            e.sentence as i64,
            e.evidence.start as i64,
            e.evidence.end as i64,
            e.trigger.span.start as i64,
            e.trigger.span.end as i64,
            e.trigger.text,
            e.trigger.rule,
            e.source.span.start as i64,
            e.source.span.end as i64,
            e.source.text,
            e.source.entry,
            t.map(|t| t.span.start as i64),
            t.map(|t| t.span.end as i64),
            t.map(|t| t.text.as_str()),
            t.map(|t| t.entry.as_str()),
            e.date,
            e.date_text,
            // (to 4 decimals: an f32 widened as is reads 0.800000011920929)
            (f64::from(e.confidence) * 1e4).round() / 1e4,
            e.lexicon,
            d.text.get(e.evidence.start..e.evidence.end),
            lag_days(d.date, e.date.as_deref()),
        ])?;
        stats.mentions += 1;
        touched.insert(event_id);
    }
    Ok(())
}

/// Recomputes the counts and the history flag of event `?1` from its mentions (the rules
/// in the module docs; 31 is [`HISTORY_DAYS`]).
pub(crate) const RECOUNT: &str = "
UPDATE events SET num_mentions = a.n, num_sources = a.s, num_articles = a.ar,
       first_seen = a.f, last_seen = a.l, confidence_max = a.c,
       history = coalesce(julianday(a.fd) - julianday(events.day_end) > 31, 0)
FROM (SELECT count(*) AS n,
             min(d.date) AS fd,
             count(DISTINCT coalesce(d.outlet, '')) AS s,
             count(DISTINCT coalesce(d.near_dup_of, d.id)) AS ar,
             min(coalesce(d.date, substr(d.coded_at, 1, 10))) AS f,
             max(coalesce(d.date, substr(d.coded_at, 1, 10))) AS l,
             max(m.confidence) AS c
      FROM mentions m JOIN documents d ON d.id = m.doc
      WHERE m.event_id = ?1) AS a
WHERE events.id = ?1";
