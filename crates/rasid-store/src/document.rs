//! Stored documents: their metadata, their texts when kept (ingest keeps them unless
//! told to keep only the evidence sentences, see [`crate::KeepText`]) and the mentions
//! found in them.

use crate::error::Result;
use crate::query::{mention_from_row, StoredMention, MENTION_SQL};
use crate::Store;
use rusqlite::OptionalExtension;
use serde::Serialize;

/// A stored document's metadata, and its text when kept.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct StoredDocument {
    /// Identifier.
    pub doc_id: String,
    /// Headline.
    pub title: Option<String>,
    /// Article date.
    pub date: Option<String>,
    /// Address.
    pub url: Option<String>,
    /// Outlet.
    pub outlet: Option<String>,
    /// Text length, bytes.
    pub text_len: i64,
    /// The original of this near-duplicate.
    pub near_duplicate_of: Option<String>,
    /// Events coded in it.
    pub n_events: i64,
    /// The text, when kept (ingest with [`crate::KeepText::Full`], the default, or
    /// [`Store::keep_texts`]); `None` when only the evidence sentences were kept.
    pub text: Option<String>,
}

impl Store {
    /// The latest stored version of `doc_id`, with its text when kept.
    ///
    /// # Errors
    /// SQLite errors; [`crate::StoreError::Corrupt`] when the kept text cannot be
    /// decompressed.
    pub fn document(&self, doc_id: &str) -> Result<Option<StoredDocument>> {
        let row = self
            .conn
            .prepare_cached(
                "SELECT d.doc_id, d.title, d.date, d.url, d.outlet, d.text_len, o.doc_id,
                        d.n_events, d.content_hash
                 FROM documents d LEFT JOIN documents o ON o.id = d.near_dup_of
                 WHERE d.doc_id = ?1 ORDER BY d.id DESC LIMIT 1",
            )?
            .query_row([doc_id], |r| {
                Ok((
                    StoredDocument {
                        doc_id: r.get(0)?,
                        title: r.get(1)?,
                        date: r.get(2)?,
                        url: r.get(3)?,
                        outlet: r.get(4)?,
                        text_len: r.get(5)?,
                        near_duplicate_of: r.get(6)?,
                        n_events: r.get(7)?,
                        text: None,
                    },
                    r.get::<_, String>(8)?,
                ))
            })
            .optional()?;
        let Some((mut doc, hash)) = row else {
            return Ok(None);
        };
        doc.text = self.kept_text(doc_id, &hash)?;
        Ok(Some(doc))
    }

    /// The kept text of the latest stored version of `doc_id`, if any.
    ///
    /// # Errors
    /// SQLite errors.
    pub fn document_text(&self, doc_id: &str) -> Result<Option<String>> {
        Ok(self.document(doc_id)?.and_then(|d| d.text))
    }

    fn kept_text(&self, doc_id: &str, hash: &str) -> Result<Option<String>> {
        let row: Option<(String, Vec<u8>)> = self
            .conn
            .prepare_cached(
                "SELECT codec, data FROM document_texts WHERE doc_id = ?1 AND content_hash = ?2",
            )?
            .query_row([doc_id, hash], |r| Ok((r.get(0)?, r.get(1)?)))
            .optional()?;
        row.map(|(codec, data)| crate::text::decompress(&codec, &data))
            .transpose()
    }

    /// Keeps the texts of `docs`, compressed, so that [`Store::document`] can show them
    /// (a text is keyed by doc_id and content hash; one already kept is left as is).
    /// [`Store::ingest`] keeps the texts it stores by itself ([`crate::KeepText`]); this
    /// is for texts coded elsewhere.
    ///
    /// # Errors
    /// SQLite errors.
    pub fn keep_texts(&self, docs: &[rasid_text::Document]) -> Result<()> {
        let mut st = self.conn.prepare_cached(
            "INSERT OR IGNORE INTO document_texts (doc_id, content_hash, codec, data)
             VALUES (?1, ?2, ?3, ?4)",
        )?;
        for d in docs {
            let hash = crate::ingest::content_hash(&d.text);
            st.execute(rusqlite::params![
                d.doc_id,
                hash,
                crate::text::CODEC,
                crate::text::compress(&d.text)
            ])?;
        }
        Ok(())
    }

    /// The mentions found in `doc_id` (any stored version), in storage order.
    ///
    /// # Errors
    /// SQLite errors.
    pub fn document_mentions(&self, doc_id: &str) -> Result<Vec<StoredMention>> {
        let mut st = self
            .conn
            .prepare_cached(&format!("{MENTION_SQL} WHERE d.doc_id = ?1 ORDER BY m.id"))?;
        let rows = st.query_map([doc_id], mention_from_row)?;
        Ok(rows.collect::<Result<_, _>>()?)
    }
}
