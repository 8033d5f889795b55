//! The rasid event store: documents coded by `rasid-coder`, kept in one SQLite file, with
//! the same event reported by several articles merged into one cross-article event and
//! its mentions (like GDELT's event and mentions tables).
//!
//! - [`Store`] opens (and migrates, see [`schema`]) a database in WAL mode.
//! - [`Store::ingest`] skips documents already stored (doc_id + [content hash](ingest::content_hash)),
//!   codes the rest in parallel, links near-duplicate articles ([`neardup`]) and writes one
//!   transaction per batch, merging events by the [cross-article dedup rule](ingest).
//!   Inputs that fail are recorded ([`Store::failures`]).
//! - Queries: [`Store::events`] with an [`EventFilter`], [`Store::dyad`] (relations over
//!   time), [`Store::actors`] and [`Store::edges`].
//! - Documents: [`Store::document`] (with its text when kept, see [`Store::keep_texts`])
//!   and [`Store::document_mentions`]; one event with its mentions: [`Store::event`].
//! - [`Store::export`]: JSON Lines, CSV, GDELT 2.0 event and mentions TSV, Parquet.
//! - [`Store::check`]: integrity, foreign keys, counts consistent with the mentions.
//! - [`Store::recode`]: re-code the documents an older coder version coded ([`recode`]).
//!
//! ```
//! use rasid_coder::Coder;
//! use rasid_lexicon::{Lexicon, Sources};
//! use rasid_store::{ingest::Input, EventFilter, IngestOptions, Store};
//! let lex = Lexicon::build(&Sources::embedded()).unwrap();
//! let coder = Coder::new(&lex);
//! let doc = |id: &str, outlet: &str| rasid_text::Document {
//!     doc_id: id.into(),
//!     text: "زار وزير الخارجية التركي القاهرة أمس.".into(),
//!     date: chrono::NaiveDate::from_ymd_opt(2025, 10, 20),
//!     source: Some(outlet.into()),
//!     ..Default::default()
//! };
//! let mut store = Store::open_in_memory().unwrap();
//! let inputs = vec![Input::Doc(doc("a", "outlet-1")), Input::Doc(doc("b", "outlet-2"))];
//! let stats = store.ingest(&coder, inputs.into_iter(), &IngestOptions::default(), &|_| {}).unwrap();
//! assert_eq!((stats.stored, stats.new_events, stats.merged), (2, 1, 1));
//! let events = store.events(&EventFilter::default()).unwrap();
//! assert_eq!(events.len(), 1);
//! assert_eq!((events[0].cameo.as_str(), events[0].source.code.as_str()), ("042", "TURGOV"));
//! // a one-line text is too short to be judged a near-duplicate: two articles
//! assert_eq!((events[0].num_mentions, events[0].num_sources, events[0].num_articles), (2, 2, 2));
//! assert!(store.check().unwrap().ok());
//! ```
#![deny(missing_docs)]

pub mod check;
pub mod document;
pub mod error;
pub mod export;
pub mod ingest;
pub mod neardup;
pub mod paths;
pub mod query;
pub mod recode;
pub mod schema;
pub mod synth;
pub mod text;

pub use check::CheckReport;
pub use document::StoredDocument;
pub use error::{Result, StoreError};
pub use export::ExportFormat;
pub use ingest::{IngestOptions, IngestStats, Input};
pub use query::{
    ActorRow, DyadFilter, DyadRow, EdgeRow, EntityCount, EventFilter, Period, PlaceRow,
    StoredEvent, StoredMention,
};
pub use recode::RecodeStats;
pub use text::KeepText;

use rusqlite::{Connection, OpenFlags};
use std::path::Path;

/// An open event store (one SQLite connection). Not shared across threads; open one per
/// thread (WAL lets readers run beside the writer).
#[derive(Debug)]
pub struct Store {
    conn: Connection,
}

/// An input failure recorded by ingest.
#[derive(Debug, Clone, PartialEq, serde::Serialize)]
pub struct Failure {
    /// File, `file:line`, or `-`.
    pub location: String,
    /// Why it failed.
    pub reason: String,
    /// When it last failed (UTC, RFC 3339).
    pub at: String,
    /// How many ingests met it.
    pub times: i64,
}

/// Row counts of the tables.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, serde::Serialize)]
pub struct Counts {
    /// Stored documents.
    pub documents: i64,
    /// Of which near-duplicates.
    pub near_duplicates: i64,
    /// Cross-article events.
    pub events: i64,
    /// Mentions.
    pub mentions: i64,
    /// Recorded input failures.
    pub failures: i64,
}

impl Store {
    /// Opens (creating if needed) the store at `path` and applies pending migrations.
    ///
    /// # Errors
    /// SQLite errors; [`StoreError::SchemaTooNew`].
    pub fn open(path: impl AsRef<Path>) -> Result<Store> {
        let conn = Connection::open(path)?;
        Self::setup(conn, true)
    }

    /// Opens an existing store for reading only (no migration).
    ///
    /// # Errors
    /// SQLite errors (a missing file among them); [`StoreError::SchemaTooOld`] for a file
    /// of an older schema (the queries need the latest; [`Store::open`] migrates it);
    /// [`StoreError::SchemaTooNew`].
    pub fn open_read_only(path: impl AsRef<Path>) -> Result<Store> {
        let conn = Connection::open_with_flags(
            path,
            OpenFlags::SQLITE_OPEN_READ_ONLY | OpenFlags::SQLITE_OPEN_NO_MUTEX,
        )?;
        conn.busy_timeout(std::time::Duration::from_secs(10))?;
        let store = Store { conn };
        let (found, known) = (store.schema_version()?, schema::latest());
        if found < known {
            return Err(StoreError::SchemaTooOld { found, known });
        }
        if found > known {
            return Err(StoreError::SchemaTooNew { found, known });
        }
        Ok(store)
    }

    /// A store in memory (tests, examples).
    ///
    /// # Errors
    /// SQLite errors.
    pub fn open_in_memory() -> Result<Store> {
        Self::setup(Connection::open_in_memory()?, true)
    }

    fn setup(mut conn: Connection, write: bool) -> Result<Store> {
        conn.busy_timeout(std::time::Duration::from_secs(10))?;
        // WAL: readers beside the writer; synchronous=NORMAL keeps every committed
        // transaction across a killed process (only a power loss can drop the last ones).
        conn.pragma_update(None, "journal_mode", "WAL")?;
        conn.pragma_update(None, "synchronous", "NORMAL")?;
        conn.pragma_update(None, "foreign_keys", "ON")?;
        conn.pragma_update(None, "cache_size", -65536)?;
        conn.pragma_update(None, "temp_store", "MEMORY")?;
        conn.set_prepared_statement_cache_capacity(64);
        if write {
            schema::migrate(&mut conn)?;
        }
        Ok(Store { conn })
    }

    /// The schema version of the file (`PRAGMA user_version`).
    ///
    /// # Errors
    /// SQLite errors.
    pub fn schema_version(&self) -> Result<i64> {
        Ok(self
            .conn
            .query_row("PRAGMA user_version", [], |r| r.get(0))?)
    }

    /// The underlying connection, for ad-hoc read queries.
    pub fn connection(&self) -> &Connection {
        &self.conn
    }

    /// Row counts of the tables.
    ///
    /// # Errors
    /// SQLite errors.
    pub fn counts(&self) -> Result<Counts> {
        Ok(self.conn.query_row(
            "SELECT (SELECT count(*) FROM documents),
                    (SELECT count(*) FROM documents WHERE near_dup_of IS NOT NULL),
                    (SELECT count(*) FROM events),
                    (SELECT count(*) FROM mentions),
                    (SELECT count(*) FROM failures)",
            [],
            |r| {
                Ok(Counts {
                    documents: r.get(0)?,
                    near_duplicates: r.get(1)?,
                    events: r.get(2)?,
                    mentions: r.get(3)?,
                    failures: r.get(4)?,
                })
            },
        )?)
    }

    /// The recorded input failures, oldest first.
    ///
    /// # Errors
    /// SQLite errors.
    pub fn failures(&self) -> Result<Vec<Failure>> {
        let mut st = self
            .conn
            .prepare("SELECT location, reason, at, times FROM failures ORDER BY id")?;
        let rows = st.query_map([], |r| {
            Ok(Failure {
                location: r.get(0)?,
                reason: r.get(1)?,
                at: r.get(2)?,
                times: r.get(3)?,
            })
        })?;
        Ok(rows.collect::<Result<_, _>>()?)
    }

    /// `(doc_id, near-duplicate-of doc_id)` of every stored document, in storage order.
    ///
    /// # Errors
    /// SQLite errors.
    pub fn documents(&self) -> Result<Vec<(String, Option<String>)>> {
        let mut st = self.conn.prepare(
            "SELECT d.doc_id, o.doc_id FROM documents d LEFT JOIN documents o ON o.id = d.near_dup_of ORDER BY d.id",
        )?;
        let rows = st.query_map([], |r| Ok((r.get(0)?, r.get(1)?)))?;
        Ok(rows.collect::<Result<_, _>>()?)
    }
}
