//! Kept document texts: how much of each text ingest keeps ([`KeepText`]) and their
//! compression (raw DEFLATE, RFC 1951, through `flate2`'s pure-Rust miniz_oxide backend).
//!
//! A kept text lives in `document_texts` keyed by doc_id and content hash, as the
//! document it belongs to; the byte offsets of the mentions (evidence, trigger, actors)
//! index into the text once decompressed. Whatever is kept, each mention stores its
//! evidence sentence (`mentions.evidence_text`).

use crate::error::{Result, StoreError};
use std::io::{Read, Write};

/// The codec name stored in `document_texts.codec`.
pub const CODEC: &str = "deflate";

/// How much of each document's text ingest keeps.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub enum KeepText {
    /// The whole text, compressed (the default): `GET /v1/documents/ID` and the
    /// dashboard show the article with its highlights.
    #[default]
    Full,
    /// Only the evidence sentences, one per mention (`mentions.evidence_text`); the
    /// document's text is not kept.
    Evidence,
}

impl std::str::FromStr for KeepText {
    type Err = String;
    fn from_str(s: &str) -> Result<Self, String> {
        match s {
            "full" => Ok(KeepText::Full),
            "evidence" => Ok(KeepText::Evidence),
            _ => Err(format!("{s:?}: expected full or evidence")),
        }
    }
}

/// Compresses `text` (raw DEFLATE, level 6). Returns the compressed bytes.
pub fn compress(text: &str) -> Vec<u8> {
    let mut e = flate2::write::DeflateEncoder::new(
        Vec::with_capacity(text.len() / 3 + 16),
        flate2::Compression::new(6),
    );
    // writing into a Vec cannot fail
    e.write_all(text.as_bytes()).expect("write to a Vec");
    e.finish().expect("write to a Vec")
}

/// Decompresses a text stored with `codec` (only [`CODEC`] is known).
///
/// # Errors
/// [`StoreError::Ingest`]-free: a [`StoreError::Corrupt`] for an unknown codec, a damaged
/// stream or a text that is not UTF-8.
pub fn decompress(codec: &str, data: &[u8]) -> Result<String> {
    if codec != CODEC {
        return Err(StoreError::Corrupt(format!(
            "kept text in unknown codec {codec:?} (this rasid reads {CODEC:?})"
        )));
    }
    let mut out = String::with_capacity(data.len() * 3);
    flate2::read::DeflateDecoder::new(data)
        .read_to_string(&mut out)
        .map_err(|e| StoreError::Corrupt(format!("kept text cannot be decompressed: {e}")))?;
    Ok(out)
}

/// Migration step of schema v5: compresses the texts kept before it (table
/// `document_texts_v4`, plain text) into `document_texts`, then drops the old table.
///
/// # Errors
/// SQLite errors.
pub(crate) fn compress_v4_texts(tx: &rusqlite::Transaction) -> Result<()> {
    {
        let mut read = tx.prepare("SELECT doc_id, content_hash, text FROM document_texts_v4")?;
        let mut ins = tx.prepare(
            "INSERT OR IGNORE INTO document_texts (doc_id, content_hash, codec, data)
             VALUES (?1, ?2, ?3, ?4)",
        )?;
        let mut rows = read.query([])?;
        while let Some(r) = rows.next()? {
            let (id, hash, text): (String, String, String) = (r.get(0)?, r.get(1)?, r.get(2)?);
            ins.execute(rusqlite::params![id, hash, CODEC, compress(&text)])?;
        }
    }
    tx.execute_batch("DROP TABLE document_texts_v4")?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn round_trip_and_smaller() {
        let text = "قال وزير الخارجية إن المحادثات ستستمر. ".repeat(40);
        let z = compress(&text);
        assert!(z.len() * 5 < text.len(), "{} vs {}", z.len(), text.len());
        assert_eq!(decompress(CODEC, &z).unwrap(), text);
        assert_eq!(decompress(CODEC, &compress("")).unwrap(), "");
    }

    #[test]
    fn bad_input_is_an_error() {
        assert!(matches!(
            decompress("zstd", b"x"),
            Err(StoreError::Corrupt(_))
        ));
        assert!(matches!(
            decompress(CODEC, &[0xff, 0xff, 0xff]),
            Err(StoreError::Corrupt(_))
        ));
        assert_eq!("full".parse::<KeepText>(), Ok(KeepText::Full));
        assert_eq!("evidence".parse::<KeepText>(), Ok(KeepText::Evidence));
        assert!("some".parse::<KeepText>().is_err());
    }
}
