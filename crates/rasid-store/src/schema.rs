//! The schema, as an ordered list of migrations; `PRAGMA user_version` holds how many
//! have been applied. A migration is never edited once released: add a new one.

use crate::error::{Result, StoreError};
use rusqlite::Connection;

/// Migrations in order; migration `i` (0-based) brings the schema to version `i + 1`.
pub const MIGRATIONS: &[&str] = &[
    // v1: documents, failures, events (cross-article), mentions.
    r#"
CREATE TABLE documents (
    id           INTEGER PRIMARY KEY,
    doc_id       TEXT NOT NULL,
    content_hash TEXT NOT NULL,            -- xxh3-128 of the text, 32 hex digits
    outlet       TEXT,
    url          TEXT,
    date         TEXT,                     -- article date YYYY-MM-DD
    title        TEXT,
    text_len     INTEGER NOT NULL,         -- bytes
    near_dup_of  INTEGER REFERENCES documents(id),
    similarity   REAL,                     -- estimated Jaccard with near_dup_of
    shingles     INTEGER NOT NULL DEFAULT 0,
    minhash      BLOB,                     -- 64 x u32 little-endian, NULL for short texts
    n_events     INTEGER NOT NULL,
    coded_at     TEXT NOT NULL,            -- UTC, RFC 3339
    UNIQUE (doc_id, content_hash)
);
CREATE INDEX documents_near_dup ON documents(near_dup_of) WHERE near_dup_of IS NOT NULL;

CREATE TABLE failures (
    id       INTEGER PRIMARY KEY,
    location TEXT NOT NULL,
    reason   TEXT NOT NULL,
    at       TEXT NOT NULL,
    times    INTEGER NOT NULL DEFAULT 1,
    UNIQUE (location, reason)
);

CREATE TABLE events (
    id              INTEGER PRIMARY KEY,
    cameo           TEXT NOT NULL,
    root            TEXT NOT NULL,
    quad_class      INTEGER NOT NULL,
    goldstein       REAL NOT NULL,
    plover_event    TEXT,
    plover_mode     TEXT,
    plover_context  TEXT,                  -- JSON array
    aux             TEXT NOT NULL DEFAULT '',   -- '' when none
    source_code     TEXT NOT NULL,
    source_name     TEXT NOT NULL,
    target_code     TEXT NOT NULL DEFAULT '',   -- '' when no target
    target_name     TEXT NOT NULL DEFAULT '',
    date            TEXT,                  -- YYYY-MM-DD, YYYY-MM or YYYY
    date_precision  TEXT,                  -- day, month, year
    day_start       TEXT,                  -- first day the date covers
    day_end         TEXT,                  -- last day the date covers
    place           TEXT,
    geonameid       INTEGER,
    country         TEXT,
    lat             REAL,
    lon             REAL,
    place_precision TEXT,
    num_mentions    INTEGER NOT NULL DEFAULT 0,
    num_sources     INTEGER NOT NULL DEFAULT 0,
    num_articles    INTEGER NOT NULL DEFAULT 0,
    first_seen      TEXT,
    last_seen       TEXT,
    confidence_max  REAL NOT NULL DEFAULT 0,
    added_at        TEXT NOT NULL          -- YYYYMMDDHHMMSS, UTC
);
CREATE INDEX events_key ON events(cameo, source_code, target_code, aux, date_precision, day_start);
CREATE INDEX events_dyad ON events(source_code, target_code, day_start);
CREATE INDEX events_target ON events(target_code, day_start);
CREATE INDEX events_day ON events(day_start);

CREATE TABLE mentions (
    id             INTEGER PRIMARY KEY,
    event_id       INTEGER NOT NULL REFERENCES events(id),
    doc            INTEGER NOT NULL REFERENCES documents(id),
    local_id       TEXT NOT NULL,          -- the coder's DOC_ID:N
    sentence       INTEGER NOT NULL,
    evidence_start INTEGER NOT NULL,
    evidence_end   INTEGER NOT NULL,
    trigger_start  INTEGER NOT NULL,
    trigger_end    INTEGER NOT NULL,
    trigger_text   TEXT NOT NULL,
    rule           TEXT NOT NULL,
    source_start   INTEGER NOT NULL,
    source_end     INTEGER NOT NULL,
    source_text    TEXT NOT NULL,
    source_entry   TEXT NOT NULL,
    target_start   INTEGER,
    target_end     INTEGER,
    target_text    TEXT,
    target_entry   TEXT,
    date           TEXT,
    date_text      TEXT,
    confidence     REAL NOT NULL,
    lexicon        TEXT NOT NULL
);
CREATE INDEX mentions_event ON mentions(event_id);
CREATE INDEX mentions_doc ON mentions(doc);
"#,
    // v2: the dyad index covers every column `rasid dyad` reads, so a dyad over a million
    // events never touches the table (about 20x faster on popular actors).
    r#"
DROP INDEX events_dyad;
CREATE INDEX events_dyad ON events(source_code, target_code, date_precision, day_start, day_end,
    quad_class, goldstein, num_mentions);
"#,
    // v3: document texts kept on request (`Store::keep_texts`). rasid-server kept them in a
    // table of its own, `server_texts`, beside v2; its rows move here.
    r#"
CREATE TABLE IF NOT EXISTS server_texts (
    doc_id       TEXT NOT NULL,
    content_hash TEXT NOT NULL,
    text         TEXT NOT NULL,
    PRIMARY KEY (doc_id, content_hash)
);
CREATE TABLE document_texts (
    doc_id       TEXT NOT NULL,
    content_hash TEXT NOT NULL,            -- as documents.content_hash
    text         TEXT NOT NULL,
    PRIMARY KEY (doc_id, content_hash)
);
INSERT INTO document_texts (doc_id, content_hash, text)
    SELECT doc_id, content_hash, text FROM server_texts;
DROP TABLE server_texts;
"#,
    // v4: the near-duplicate LSH bands of each signed document, indexed by band key, so
    // that a write looks up only the documents sharing a band instead of loading every
    // signature (`neardup::find_stored`); filled from `documents.minhash` by
    // `neardup::backfill_bands` in the same transaction.
    r#"
CREATE TABLE near_dup_bands (
    band_key INTEGER NOT NULL,             -- neardup band key (xxh3 bits as a signed integer)
    doc      INTEGER NOT NULL REFERENCES documents(id),
    PRIMARY KEY (band_key, doc)
) WITHOUT ROWID;
"#,
    // v5: ingest keeps every document's text, compressed (`crate::text`), and each
    // mention its evidence sentence. Mentions of texts kept before get their sentence
    // here; the kept texts are compressed by `text::compress_v4_texts` in the same
    // transaction.
    r#"
ALTER TABLE mentions ADD COLUMN evidence_text TEXT;   -- the sentence, as in the text
UPDATE mentions SET evidence_text = (
    SELECT CAST(substr(CAST(t.text AS BLOB), mentions.evidence_start + 1,
                       mentions.evidence_end - mentions.evidence_start) AS TEXT)
    FROM documents d JOIN document_texts t
      ON t.doc_id = d.doc_id AND t.content_hash = d.content_hash
    WHERE d.id = mentions.doc);
ALTER TABLE document_texts RENAME TO document_texts_v4;
CREATE TABLE document_texts (
    doc_id       TEXT NOT NULL,
    content_hash TEXT NOT NULL,            -- as documents.content_hash
    codec        TEXT NOT NULL,            -- 'deflate': raw DEFLATE (RFC 1951)
    data         BLOB NOT NULL,            -- the UTF-8 text, compressed
    PRIMARY KEY (doc_id, content_hash)
);
"#,
    // v6: history apart. Each mention's reporting lag (article date − the last day its
    // event date covers, in days); each event flagged as history when dated more than
    // `ingest::HISTORY_DAYS` (31) days before its earliest article; the dyad index covers
    // the flag.
    r#"
ALTER TABLE mentions ADD COLUMN lag_days INTEGER;     -- NULL when either date is unknown
ALTER TABLE events ADD COLUMN history INTEGER NOT NULL DEFAULT 0;
UPDATE mentions SET lag_days = (
    SELECT CAST(julianday(d.date) - julianday(CASE length(mentions.date)
               WHEN 10 THEN mentions.date
               WHEN 7 THEN date(mentions.date || '-01', '+1 month', '-1 day')
               WHEN 4 THEN mentions.date || '-12-31' END) AS INTEGER)
    FROM documents d WHERE d.id = mentions.doc);
UPDATE events SET history = coalesce((
    SELECT julianday(min(d.date)) - julianday(events.day_end) > 31
    FROM mentions m JOIN documents d ON d.id = m.doc WHERE m.event_id = events.id), 0);
DROP INDEX events_dyad;
CREATE INDEX events_dyad ON events(source_code, target_code, date_precision, day_start, day_end,
    quad_class, goldstein, num_mentions, history);
"#,
    // v7: the coder version (`ingest::coder_version`: lexicons, model, options) that coded
    // each document, so that ingest can say when the coder changed and `rasid recode`
    // can re-code what an older coder coded.
    r#"
ALTER TABLE documents ADD COLUMN coder TEXT;          -- NULL: coded before v7 (unknown)
"#,
];

/// The version whose migration creates `near_dup_bands`: its rows are then computed in
/// Rust from the stored signatures.
const NEAR_DUP_BANDS_VERSION: usize = 4;

/// The version whose migration compresses the texts kept before it.
const COMPRESSED_TEXTS_VERSION: usize = 5;

/// The schema version this build writes.
pub fn latest() -> i64 {
    MIGRATIONS.len() as i64
}

/// Applies the migrations `conn` lacks, each in its own transaction.
///
/// # Errors
/// [`StoreError::SchemaTooNew`] for a file from a newer rasid; SQLite errors.
pub fn migrate(conn: &mut Connection) -> Result<i64> {
    let found: i64 = conn.query_row("PRAGMA user_version", [], |r| r.get(0))?;
    if found > latest() {
        return Err(StoreError::SchemaTooNew {
            found,
            known: latest(),
        });
    }
    for (i, sql) in MIGRATIONS.iter().enumerate().skip(found as usize) {
        let tx = conn.transaction()?;
        tx.execute_batch(sql)?;
        if i + 1 == NEAR_DUP_BANDS_VERSION {
            crate::neardup::backfill_bands(&tx)?;
        }
        if i + 1 == COMPRESSED_TEXTS_VERSION {
            crate::text::compress_v4_texts(&tx)?;
        }
        // user_version takes no bind parameter; the value is our own integer.
        tx.execute_batch(&format!("PRAGMA user_version = {}", i + 1))?;
        tx.commit()?;
    }
    Ok(latest())
}
