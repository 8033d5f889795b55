//! Re-coding: the stored documents coded by another coder version
//! ([`crate::ingest::coder_version`]: lexicons, model, options) coded again from their
//! kept texts with the current coder, their mentions and events rebuilt.
//!
//! Per batch of documents, in one transaction: each document's mentions are deleted,
//! its new events stored by the dedup rule of [`crate::ingest`] (an event that lost all
//! its mentions is found again by the same rule when the new coding has it, keeping its
//! id), its `coder` and `n_events` updated; then every event touched is recounted, and
//! those left without any mention are deleted. So a re-code is idempotent (documents
//! coded by the current version are not read) and resumable (a killed run loses at most
//! the batch in flight; the next run goes on with the documents still to do).
//! Documents whose text was not kept (`--keep-text evidence`, or stored before schema
//! v5) cannot be re-coded: they are counted and left as they are.

use crate::error::Result;
use crate::ingest::{coder_version, store_events, IngestStats, RECOUNT};
use crate::Store;
use rasid_coder::Coder;
use rayon::prelude::*;
use rusqlite::params;
use std::collections::BTreeSet;

/// What a re-code did (or has done so far, for the progress callback).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, serde::Serialize)]
pub struct RecodeStats {
    /// Documents to re-code when the run started (another coder version, text kept).
    pub pending: u64,
    /// Documents re-coded.
    pub recoded: u64,
    /// Documents of another coder version whose text is not kept (left as they are).
    pub no_text: u64,
    /// Documents the coder failed on (recorded in `failures`, left as they are).
    pub failures: u64,
    /// Mentions stored by the new coding.
    pub mentions: u64,
    /// New events.
    pub new_events: u64,
    /// Mentions that joined a stored event.
    pub merged: u64,
    /// Events deleted because no mention was left to them.
    pub removed_events: u64,
}

/// The documents of a version other than `version` (or unknown), with and without a kept
/// text.
const OTHER_VERSION: &str = "(d.coder IS NULL OR d.coder != ?1)";
const HAS_TEXT: &str = "EXISTS (SELECT 1 FROM document_texts t
    WHERE t.doc_id = d.doc_id AND t.content_hash = d.content_hash)";

impl Store {
    /// How many stored documents each coder version coded, most first (`None`: coded
    /// before schema v7, version unknown).
    ///
    /// # Errors
    /// SQLite errors.
    pub fn coder_versions(&self) -> Result<Vec<(Option<String>, i64)>> {
        let mut st = self.conn.prepare(
            "SELECT coder, count(*) FROM documents GROUP BY coder ORDER BY count(*) DESC, coder",
        )?;
        let rows = st.query_map([], |r| Ok((r.get(0)?, r.get(1)?)))?;
        Ok(rows.collect::<Result<_, _>>()?)
    }

    /// `(to re-code, without a kept text)`: the documents coded by a version other than
    /// `coder`'s that [`Store::recode`] would re-code, and those it cannot.
    ///
    /// # Errors
    /// SQLite errors.
    pub fn recode_pending(&self, coder: &Coder) -> Result<(u64, u64)> {
        let v = coder_version(coder);
        let (with, without): (i64, i64) = self.conn.query_row(
            &format!(
                "SELECT coalesce(sum({HAS_TEXT}), 0), coalesce(sum(NOT {HAS_TEXT}), 0)
                 FROM documents d WHERE {OTHER_VERSION}"
            ),
            [&v],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )?;
        Ok((with as u64, without as u64))
    }

    /// Re-codes, `batch_size` documents a transaction, every stored document coded by a
    /// version other than `coder`'s whose text is kept (see the [module docs](self)).
    /// `progress` is called after every committed batch with the running totals.
    ///
    /// # Errors
    /// SQLite errors (batches committed before stay); [`crate::StoreError::Corrupt`]
    /// for a kept text that cannot be decompressed.
    pub fn recode(
        &mut self,
        coder: &Coder,
        batch_size: usize,
        progress: &dyn Fn(&RecodeStats),
    ) -> Result<RecodeStats> {
        let version = coder_version(coder);
        let (pending, no_text) = self.recode_pending(coder)?;
        let mut stats = RecodeStats {
            pending,
            no_text,
            ..Default::default()
        };
        let mut last_id = 0i64;
        loop {
            let batch = self.recode_batch(&version, last_id, batch_size.max(1))?;
            let Some(last) = batch.last() else { break };
            last_id = last.row;
            let coded: Vec<_> = batch
                .into_par_iter()
                .map(|d| {
                    let events = coder.try_code(&d.doc);
                    (d, events)
                })
                .collect();
            let now = chrono::Utc::now();
            let coded_at = now.to_rfc3339_opts(chrono::SecondsFormat::Secs, true);
            let added = now.format("%Y%m%d%H%M%S").to_string();
            let tx = self.conn.transaction()?;
            {
                let mut old_events =
                    tx.prepare_cached("SELECT DISTINCT event_id FROM mentions WHERE doc = ?1")?;
                let mut del_mentions = tx.prepare_cached("DELETE FROM mentions WHERE doc = ?1")?;
                let mut upd_doc = tx.prepare_cached(
                    "UPDATE documents SET n_events = ?2, coder = ?3, coded_at = ?4 WHERE id = ?1",
                )?;
                let mut fail = tx.prepare_cached(
                    "INSERT INTO failures (location, reason, at) VALUES (?1, ?2, ?3)
                     ON CONFLICT (location, reason) DO UPDATE SET at = excluded.at, times = times + 1",
                )?;
                let mut touched = BTreeSet::new();
                let mut ist = IngestStats::default();
                for (d, events) in coded {
                    let events = match events {
                        Ok(e) => e,
                        Err(e) => {
                            fail.execute(params![e.doc_id, e.to_string(), coded_at])?;
                            stats.failures += 1;
                            continue;
                        }
                    };
                    let olds = old_events.query_map([d.row], |r| r.get::<_, i64>(0))?;
                    for id in olds {
                        touched.insert(id?);
                    }
                    del_mentions.execute([d.row])?;
                    store_events(
                        &tx,
                        d.row,
                        d.near,
                        &d.doc,
                        &events,
                        &added,
                        &mut ist,
                        &mut touched,
                    )?;
                    upd_doc.execute(params![d.row, events.len() as i64, version, coded_at])?;
                    stats.recoded += 1;
                }
                let mut recount = tx.prepare_cached(RECOUNT)?;
                let mut orphan = tx.prepare_cached(
                    "DELETE FROM events WHERE id = ?1
                       AND NOT EXISTS (SELECT 1 FROM mentions WHERE event_id = ?1)",
                )?;
                for id in touched {
                    if orphan.execute([id])? == 1 {
                        stats.removed_events += 1;
                    } else {
                        recount.execute([id])?;
                    }
                }
                stats.mentions += ist.mentions;
                stats.new_events += ist.new_events;
                stats.merged += ist.merged;
            }
            tx.commit()?;
            progress(&stats);
        }
        Ok(stats)
    }

    /// The next `n` documents after row `after` to re-code, with their texts.
    fn recode_batch(&self, version: &str, after: i64, n: usize) -> Result<Vec<ToRecode>> {
        let mut st = self.conn.prepare_cached(&format!(
            "SELECT d.id, d.doc_id, d.date, d.title, d.url, d.outlet, d.near_dup_of,
                    d.similarity, t.codec, t.data
             FROM documents d JOIN document_texts t
               ON t.doc_id = d.doc_id AND t.content_hash = d.content_hash
             WHERE {OTHER_VERSION} AND d.id > ?2 ORDER BY d.id LIMIT ?3"
        ))?;
        let mut rows = st.query(params![version, after, n as i64])?;
        let mut out = Vec::new();
        while let Some(r) = rows.next()? {
            let codec: String = r.get(8)?;
            let data: Vec<u8> = r.get(9)?;
            let date: Option<String> = r.get(2)?;
            let near: Option<i64> = r.get(6)?;
            out.push(ToRecode {
                row: r.get(0)?,
                near: near
                    .map(|n| {
                        Ok::<_, rusqlite::Error>((n, r.get::<_, Option<f64>>(7)?.unwrap_or(0.0)))
                    })
                    .transpose()?,
                doc: rasid_text::Document {
                    doc_id: r.get(1)?,
                    text: crate::text::decompress(&codec, &data)?,
                    date: date.as_deref().and_then(crate::query::parse_ymd),
                    title: r.get(3)?,
                    url: r.get(4)?,
                    source: r.get(5)?,
                },
            });
        }
        Ok(out)
    }
}

/// A stored document to re-code.
struct ToRecode {
    /// `documents.id`.
    row: i64,
    /// Its original, when a near-duplicate: `(row id, similarity)`.
    near: Option<(i64, f64)>,
    /// The document as ingest read it.
    doc: rasid_text::Document,
}
