//! `rasid db check`: is the file sound, and do the stored counts agree with the mentions?

use crate::error::Result;
use crate::Store;
use serde::Serialize;

/// What [`Store::check`] found; [`CheckReport::ok`] when nothing.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct CheckReport {
    /// Schema version of the file.
    pub schema_version: i64,
    /// Lines of `PRAGMA integrity_check` other than `ok`.
    pub integrity: Vec<String>,
    /// Rows violating a foreign key (`PRAGMA foreign_key_check`).
    pub foreign_keys: i64,
    /// Events whose stored counts (mentions, sources, articles, confidence) differ from
    /// those recomputed from their mentions.
    pub count_mismatches: i64,
    /// Events without any mention.
    pub orphan_events: i64,
    /// Documents whose `n_events` differs from their mentions.
    pub document_mismatches: i64,
    /// Near-duplicate links that chain (point to a near-duplicate) or to themselves.
    pub bad_near_duplicates: i64,
}

impl CheckReport {
    /// Whether every check passed.
    pub fn ok(&self) -> bool {
        self.integrity.is_empty()
            && self.foreign_keys == 0
            && self.count_mismatches == 0
            && self.orphan_events == 0
            && self.document_mismatches == 0
            && self.bad_near_duplicates == 0
    }
}

impl Store {
    /// Verifies integrity, foreign keys and the consistency of counts with mentions.
    ///
    /// # Errors
    /// SQLite errors (a damaged file may also fail here).
    pub fn check(&self) -> Result<CheckReport> {
        let c = &self.conn;
        let mut r = CheckReport {
            schema_version: self.schema_version()?,
            ..Default::default()
        };
        let mut st = c.prepare("PRAGMA integrity_check")?;
        r.integrity = st
            .query_map([], |row| row.get::<_, String>(0))?
            .collect::<Result<Vec<_>, _>>()?
            .into_iter()
            .filter(|l| l != "ok")
            .collect();
        let mut st = c.prepare("PRAGMA foreign_key_check")?;
        r.foreign_keys = st.query_map([], |_| Ok(()))?.count() as i64;
        let one = |sql: &str| -> Result<i64> { Ok(c.query_row(sql, [], |row| row.get(0))?) };
        r.count_mismatches = one(
            "SELECT count(*) FROM events e JOIN (
               SELECT m.event_id AS id, count(*) AS n, count(DISTINCT coalesce(d.outlet, '')) AS s,
                      count(DISTINCT coalesce(d.near_dup_of, d.id)) AS a, max(m.confidence) AS c
               FROM mentions m JOIN documents d ON d.id = m.doc GROUP BY m.event_id) x ON x.id = e.id
             WHERE e.num_mentions != x.n OR e.num_sources != x.s OR e.num_articles != x.a
                OR abs(e.confidence_max - x.c) > 1e-9",
        )?;
        r.orphan_events = one(
            "SELECT count(*) FROM events e WHERE NOT EXISTS (SELECT 1 FROM mentions m WHERE m.event_id = e.id)",
        )?;
        r.document_mismatches = one("SELECT count(*) FROM documents d
             WHERE d.n_events != (SELECT count(*) FROM mentions m WHERE m.doc = d.id)")?;
        r.bad_near_duplicates = one(
            "SELECT count(*) FROM documents d JOIN documents o ON o.id = d.near_dup_of
             WHERE o.near_dup_of IS NOT NULL OR d.id = o.id",
        )?;
        Ok(r)
    }
}
