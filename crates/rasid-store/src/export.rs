//! Exports of the events matching a filter: JSON Lines (each event with its mentions),
//! CSV (one event a row), GDELT 2.0 event (61 columns) and mentions (16 columns) TSV
//! without header as GDELT ships them, and Parquet (events, or mentions) for DuckDB,
//! pandas and Spark.
//!
//! GDELT mapping notes: GLOBALEVENTID is the store id; SOURCEURL is the first mention's
//! URL (its doc_id when it has none); DATEADDED is when the event was first stored. In the
//! mentions table the `*CharOffset` columns are **byte** offsets into the raw text (the
//! project's offsets), `Actor2CharOffset` is -1 without a target, Confidence is 0–100,
//! SentenceID counts from 1, and Extras holds the coder's local event id.

use crate::error::{Result, StoreError};
use crate::query::{StoredEvent, Where, MENTION_SQL};
use crate::{EventFilter, Store};
use arrow_array::builder::{Float64Builder, Int64Builder, StringBuilder};
use arrow_array::{ArrayRef, RecordBatch};
use arrow_schema::{DataType, Field, Schema};
use rasid_coder::gdelt::{event_row, GdeltExtras};
use std::io::Write;
use std::sync::Arc;

/// An export format.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ExportFormat {
    /// One event a line, with its mentions.
    Jsonl,
    /// One event a row, with a header.
    Csv,
    /// GDELT 2.0 event table, 61 tab-separated columns.
    GdeltEvents,
    /// GDELT 2.0 mentions table, 16 tab-separated columns.
    GdeltMentions,
    /// Parquet, one event a row (snappy).
    Parquet,
    /// Parquet, one mention a row (snappy).
    ParquetMentions,
}

impl std::str::FromStr for ExportFormat {
    type Err = String;
    fn from_str(s: &str) -> Result<Self, String> {
        Ok(match s {
            "jsonl" => ExportFormat::Jsonl,
            "csv" => ExportFormat::Csv,
            "gdelt-events" | "gdelt" => ExportFormat::GdeltEvents,
            "gdelt-mentions" => ExportFormat::GdeltMentions,
            "parquet" => ExportFormat::Parquet,
            "parquet-mentions" => ExportFormat::ParquetMentions,
            _ => {
                return Err(format!(
                    "{s:?}: expected jsonl, csv, gdelt-events, gdelt-mentions, parquet or parquet-mentions"
                ))
            }
        })
    }
}

/// The CSV columns of [`ExportFormat::Csv`]: one event a row, with the document, address
/// and evidence sentence of its first mention (`doc_id`, `url`, `evidence_text`) and its
/// history flag (`history`: 1 when dated more than 31 days before its articles). Codes
/// (CAMEO, root, actor codes) are written as stored, as text with their leading zeros
/// (`043`, `04`): read them as strings (pandas: `dtype={"cameo": str, "cameo_root": str}`).
pub const CSV_COLUMNS: [&str; 31] = [
    "id",
    "date",
    "date_precision",
    "cameo",
    "cameo_root",
    "quad_class",
    "goldstein",
    "plover_event",
    "plover_mode",
    "aux",
    "source_code",
    "source_name",
    "target_code",
    "target_name",
    "place",
    "country",
    "geonameid",
    "lat",
    "lon",
    "num_mentions",
    "num_sources",
    "num_articles",
    "first_seen",
    "last_seen",
    "confidence",
    "added_at",
    "plover_context",
    "doc_id",
    "url",
    "evidence_text",
    "history",
];

fn opt<T: ToString>(v: &Option<T>) -> String {
    v.as_ref().map(|x| x.to_string()).unwrap_or_default()
}

fn tsv(s: &str) -> String {
    s.replace(['\t', '\n', '\r'], " ")
}

fn coder_event(e: &StoredEvent) -> rasid_coder::Event {
    let actor = |code: &str, name: &str| rasid_coder::ActorRef {
        code: code.into(),
        name: name.into(),
        text: String::new(),
        span: Default::default(),
        entry: String::new(),
    };
    rasid_coder::Event {
        event_id: e.id.to_string(),
        doc_id: String::new(),
        sentence: 0,
        cameo: e.cameo.clone(),
        cameo_root: e.cameo_root.clone(),
        quad_class: e.quad_class,
        goldstein: e.goldstein as f32,
        plover: None,
        aux: None,
        source: actor(&e.source.code, &e.source.name),
        target: e.target.as_ref().map(|t| actor(&t.code, &t.name)),
        trigger: rasid_coder::TriggerRef {
            text: String::new(),
            span: Default::default(),
            rule: String::new(),
        },
        date: e.date.clone(),
        date_precision: e.date_precision.clone(),
        date_text: None,
        location: e.location.as_ref().map(|l| rasid_coder::Location {
            text: l.text.clone(),
            geonameid: l.geonameid.unwrap_or(0) as u64,
            country: l.country.clone().unwrap_or_default(),
            lat: l.lat.unwrap_or(0.0),
            lon: l.lon.unwrap_or(0.0),
            precision: l.precision.clone().unwrap_or_default(),
        }),
        evidence: Default::default(),
        confidence: e.confidence as f32,
        lexicon: String::new(),
    }
}

impl Store {
    /// Writes the events matching `f` (and, for the mention formats, their mentions) to
    /// `out` in `format`. Returns the rows written (events, or mentions).
    ///
    /// # Errors
    /// SQLite, I/O, CSV, JSON or Parquet errors.
    pub fn export<W: Write + Send>(
        &self,
        format: ExportFormat,
        f: &EventFilter,
        out: W,
    ) -> Result<u64> {
        match format {
            ExportFormat::Jsonl => self.export_jsonl(f, out),
            ExportFormat::Csv => self.export_csv(f, out),
            ExportFormat::GdeltEvents => self.export_gdelt_events(f, out),
            ExportFormat::GdeltMentions => self.export_gdelt_mentions(f, out),
            ExportFormat::Parquet => self.export_parquet(f, out, false),
            ExportFormat::ParquetMentions => self.export_parquet(f, out, true),
        }
    }

    fn export_jsonl<W: Write>(&self, f: &EventFilter, out: W) -> Result<u64> {
        let mut out = std::io::BufWriter::new(out);
        let mut n = 0;
        self.for_each_event(f, &mut |mut e| {
            e.mentions = self.mentions(e.id)?;
            serde_json::to_writer(&mut out, &e)?;
            out.write_all(b"\n")?;
            n += 1;
            Ok(())
        })?;
        out.flush()?;
        Ok(n)
    }

    fn export_csv<W: Write>(&self, f: &EventFilter, out: W) -> Result<u64> {
        let mut w = csv::Writer::from_writer(out);
        w.write_record(CSV_COLUMNS)?;
        let mut n = 0;
        self.for_each_event(f, &mut |e| {
            let l = e.location.as_ref();
            let p = e.plover.as_ref();
            w.write_record([
                e.id.to_string(),
                opt(&e.date),
                opt(&e.date_precision),
                e.cameo.clone(),
                e.cameo_root.clone(),
                e.quad_class.to_string(),
                e.goldstein.to_string(),
                p.map(|p| p.event.clone()).unwrap_or_default(),
                p.and_then(|p| p.mode.clone()).unwrap_or_default(),
                opt(&e.aux),
                e.source.code.clone(),
                e.source.name.clone(),
                e.target
                    .as_ref()
                    .map(|t| t.code.clone())
                    .unwrap_or_default(),
                e.target
                    .as_ref()
                    .map(|t| t.name.clone())
                    .unwrap_or_default(),
                l.map(|l| l.text.clone()).unwrap_or_default(),
                l.and_then(|l| l.country.clone()).unwrap_or_default(),
                l.and_then(|l| l.geonameid)
                    .map(|g| g.to_string())
                    .unwrap_or_default(),
                l.and_then(|l| l.lat)
                    .map(|g| g.to_string())
                    .unwrap_or_default(),
                l.and_then(|l| l.lon)
                    .map(|g| g.to_string())
                    .unwrap_or_default(),
                e.num_mentions.to_string(),
                e.num_sources.to_string(),
                e.num_articles.to_string(),
                opt(&e.first_seen),
                opt(&e.last_seen),
                format!("{:.3}", e.confidence),
                e.added_at.clone(),
                p.map(|p| p.context.join(";")).unwrap_or_default(),
                opt(&e.doc_id),
                opt(&e.url),
                opt(&e.evidence_text),
                u8::from(e.history).to_string(),
            ])?;
            n += 1;
            Ok(())
        })?;
        w.flush()?;
        Ok(n)
    }

    fn export_gdelt_events<W: Write>(&self, f: &EventFilter, out: W) -> Result<u64> {
        let mut out = std::io::BufWriter::new(out);
        let mut first_url = self.conn.prepare_cached(
            "SELECT coalesce(d.url, d.doc_id) FROM mentions m JOIN documents d ON d.id = m.doc
             WHERE m.event_id = ?1 ORDER BY m.id LIMIT 1",
        )?;
        let mut n = 0;
        self.for_each_event(f, &mut |e| {
            let url: String = first_url
                .query_row([e.id], |r| r.get(0))
                .unwrap_or_default();
            let x = GdeltExtras {
                global_id: e.id as u64,
                num_mentions: e.num_mentions as u32,
                num_sources: e.num_sources as u32,
                num_articles: e.num_articles as u32,
                date_added: &e.added_at,
                source_url: &url,
            };
            let row = event_row(&coder_event(&e), &x);
            out.write_all(row.join("\t").as_bytes())?;
            out.write_all(b"\n")?;
            n += 1;
            Ok(())
        })?;
        out.flush()?;
        Ok(n)
    }

    fn export_gdelt_mentions<W: Write>(&self, f: &EventFilter, out: W) -> Result<u64> {
        let mut out = std::io::BufWriter::new(out);
        let w = Where::of(&self.conn, f)?;
        let sql = format!(
            "{MENTION_SQL}, events e WHERE e.id = m.event_id AND m.event_id IN
               (SELECT id FROM events WHERE {}) ORDER BY m.event_id, m.id",
            w.sql()
        )
        .replace("SELECT m.id,", "SELECT e.added_at, m.id,");
        let mut st = self.conn.prepare(&sql)?;
        let mut rows = st.query(rusqlite::params_from_iter(w.params.iter()))?;
        let mut n = 0;
        while let Some(r) = rows.next()? {
            let added: String = r.get(0)?;
            let m = crate::query::mention_from_row_at(r, 1)?;
            let mention_time = m
                .doc_date
                .as_ref()
                .map(|d| format!("{}000000", d.replace('-', "")))
                .unwrap_or_else(|| added.clone());
            let cells = [
                m.event_id.to_string(),
                added,
                mention_time,
                "1".into(),
                tsv(m.outlet.as_deref().unwrap_or("")),
                tsv(m.url.as_deref().unwrap_or(&m.doc_id)),
                (m.sentence + 1).to_string(),
                m.source.span[0].to_string(),
                m.target.as_ref().map_or(-1, |t| t.span[0]).to_string(),
                m.trigger.span[0].to_string(),
                "1".into(),
                ((m.confidence * 100.0).round() as i64).to_string(),
                m.doc_len.to_string(),
                String::new(),
                String::new(),
                tsv(&m.local_id),
            ];
            debug_assert_eq!(cells.len(), rasid_coder::gdelt::MENTION_COLUMNS.len());
            out.write_all(cells.join("\t").as_bytes())?;
            out.write_all(b"\n")?;
            n += 1;
        }
        out.flush()?;
        Ok(n)
    }

    fn export_parquet<W: Write + Send>(
        &self,
        f: &EventFilter,
        out: W,
        mentions: bool,
    ) -> Result<u64> {
        use Kind::*;
        let w = Where::of(&self.conn, f)?;
        let (sql, cols): (String, &[(&str, Kind)]) = if mentions {
            (
                format!(
                    "SELECT m.id, m.event_id, d.doc_id, d.outlet, d.url, d.date, o.doc_id,
                       m.local_id, m.sentence, m.evidence_start, m.evidence_end, m.trigger_text,
                       m.trigger_start, m.trigger_end, m.rule, m.source_text, m.source_start,
                       m.source_end, m.source_entry, m.target_text, m.target_start, m.target_end,
                       m.target_entry, m.date, m.date_text, m.confidence, m.lexicon,
                       m.evidence_text, m.lag_days
                     FROM mentions m JOIN documents d ON d.id = m.doc
                       LEFT JOIN documents o ON o.id = d.near_dup_of
                     WHERE m.event_id IN (SELECT id FROM events WHERE {}) ORDER BY m.event_id, m.id",
                    w.sql()
                ),
                &[
                    ("id", I), ("event_id", I), ("doc_id", S), ("outlet", S), ("url", S),
                    ("doc_date", S), ("near_duplicate_of", S), ("local_id", S), ("sentence", I),
                    ("evidence_start", I), ("evidence_end", I), ("trigger_text", S),
                    ("trigger_start", I), ("trigger_end", I), ("rule", S), ("source_text", S),
                    ("source_start", I), ("source_end", I), ("source_entry", S),
                    ("target_text", S), ("target_start", I), ("target_end", I),
                    ("target_entry", S), ("date", S), ("date_text", S), ("confidence", F),
                    ("lexicon", S), ("evidence_text", S), ("lag_days", I),
                ],
            )
        } else {
            (
                format!(
                    "SELECT id, date, date_precision, day_start, day_end, cameo, root, quad_class,
                       goldstein, plover_event, plover_mode, plover_context, NULLIF(aux, ''),
                       source_code, source_name, NULLIF(target_code, ''), NULLIF(target_name, ''),
                       place, country, geonameid, lat, lon, place_precision, num_mentions,
                       num_sources, num_articles, first_seen, last_seen, confidence_max, added_at,
                       (SELECT d.doc_id FROM mentions m JOIN documents d ON d.id = m.doc
                          WHERE m.event_id = events.id ORDER BY m.id LIMIT 1),
                       (SELECT d.url FROM mentions m JOIN documents d ON d.id = m.doc
                          WHERE m.event_id = events.id ORDER BY m.id LIMIT 1),
                       (SELECT m.evidence_text FROM mentions m
                          WHERE m.event_id = events.id ORDER BY m.id LIMIT 1), history
                     FROM events WHERE {} ORDER BY day_start IS NULL, day_start DESC, id DESC",
                    w.sql()
                ),
                &[
                    ("id", I),
                    ("date", S),
                    ("date_precision", S),
                    ("day_start", S),
                    ("day_end", S),
                    ("cameo", S),
                    ("cameo_root", S),
                    ("quad_class", I),
                    ("goldstein", F),
                    ("plover_event", S),
                    ("plover_mode", S),
                    ("plover_context", S),
                    ("aux", S),
                    ("source_code", S),
                    ("source_name", S),
                    ("target_code", S),
                    ("target_name", S),
                    ("place", S),
                    ("country", S),
                    ("geonameid", I),
                    ("lat", F),
                    ("lon", F),
                    ("place_precision", S),
                    ("num_mentions", I),
                    ("num_sources", I),
                    ("num_articles", I),
                    ("first_seen", S),
                    ("last_seen", S),
                    ("confidence", F),
                    ("added_at", S),
                    ("doc_id", S),
                    ("url", S),
                    ("evidence_text", S),
                    ("history", I),
                ],
            )
        };
        let schema = Arc::new(Schema::new(
            cols.iter()
                .map(|(name, k)| {
                    let t = match k {
                        I => DataType::Int64,
                        F => DataType::Float64,
                        S => DataType::Utf8,
                    };
                    Field::new(*name, t, true)
                })
                .collect::<Vec<_>>(),
        ));
        let props = parquet::file::properties::WriterProperties::builder()
            .set_compression(parquet::basic::Compression::SNAPPY)
            .build();
        let mut writer = parquet::arrow::ArrowWriter::try_new(out, schema.clone(), Some(props))?;
        let mut st = self.conn.prepare(&sql)?;
        let mut rows = st.query(rusqlite::params_from_iter(w.params.iter()))?;
        let mut n = 0u64;
        let new_builders = || -> Vec<Builder> {
            cols.iter()
                .map(|(_, k)| match k {
                    I => Builder::I(Int64Builder::new()),
                    F => Builder::F(Float64Builder::new()),
                    S => Builder::S(StringBuilder::new()),
                })
                .collect()
        };
        let mut builders = new_builders();
        let mut in_batch = 0;
        let flush = |builders: &mut Vec<Builder>,
                     writer: &mut parquet::arrow::ArrowWriter<W>|
         -> Result<()> {
            let arrays: Vec<ArrayRef> = builders.iter_mut().map(Builder::finish).collect();
            let batch = RecordBatch::try_new(schema.clone(), arrays)?;
            writer.write(&batch)?;
            Ok(())
        };
        while let Some(r) = rows.next()? {
            for (i, b) in builders.iter_mut().enumerate() {
                match b {
                    Builder::I(b) => b.append_option(r.get::<_, Option<i64>>(i)?),
                    Builder::F(b) => b.append_option(r.get::<_, Option<f64>>(i)?),
                    Builder::S(b) => b.append_option(r.get::<_, Option<String>>(i)?),
                }
            }
            n += 1;
            in_batch += 1;
            if in_batch == 65_536 {
                flush(&mut builders, &mut writer)?;
                in_batch = 0;
            }
        }
        if in_batch > 0 || n == 0 {
            flush(&mut builders, &mut writer)?;
        }
        writer.close()?;
        Ok(n)
    }
}

#[derive(Clone, Copy)]
enum Kind {
    I,
    F,
    S,
}

enum Builder {
    I(Int64Builder),
    F(Float64Builder),
    S(StringBuilder),
}

impl Builder {
    fn finish(&mut self) -> ArrayRef {
        match self {
            Builder::I(b) => Arc::new(b.finish()),
            Builder::F(b) => Arc::new(b.finish()),
            Builder::S(b) => Arc::new(b.finish()),
        }
    }
}

impl From<StoreError> for std::io::Error {
    fn from(e: StoreError) -> Self {
        std::io::Error::other(e.to_string())
    }
}
