//! The flat event table: one row an event, the nested record of `rasid code` spread over
//! columns ([`COLUMNS`]), as an Arrow record batch written to an IPC stream for pyarrow.
//! Offsets are bytes of the document's UTF-8 text, as in the event record.

use arrow_array::builder::{Float64Builder, Int64Builder, StringBuilder};
use arrow_array::{ArrayRef, RecordBatch};
use arrow_schema::{ArrowError, DataType, Field, Schema};
use rasid_coder::{ActorRef, Aux, Event};
use rasid_text::Document;
use std::sync::Arc;

/// The type of a column.
#[derive(Clone, Copy)]
enum Kind {
    /// UTF-8 string (`string` in pyarrow, `object`/`str` in pandas).
    S,
    /// 64-bit integer.
    I,
    /// 64-bit float.
    F,
}
use Kind::*;

/// The columns, in order, with their types (all nullable).
const COLUMNS: [(&str, Kind); 42] = [
    ("doc_id", S),
    ("event_id", S),
    ("sentence", I),
    ("cameo", S),
    ("cameo_root", S),
    ("quad_class", I),
    ("goldstein", F),
    ("plover", S),
    ("plover_mode", S),
    ("plover_context", S),
    ("aux", S),
    ("source", S),
    ("source_name", S),
    ("source_text", S),
    ("source_entry", S),
    ("source_start", I),
    ("source_end", I),
    ("target", S),
    ("target_name", S),
    ("target_text", S),
    ("target_entry", S),
    ("target_start", I),
    ("target_end", I),
    ("trigger_text", S),
    ("trigger_rule", S),
    ("trigger_start", I),
    ("trigger_end", I),
    ("date", S),
    ("date_precision", S),
    ("date_text", S),
    ("location", S),
    ("location_country", S),
    ("geonameid", I),
    ("lat", F),
    ("lon", F),
    ("location_precision", S),
    ("evidence_start", I),
    ("evidence_end", I),
    ("evidence_text", S),
    ("confidence", F),
    ("lexicon", S),
    ("doc_date", S),
];

/// One cell value.
enum V {
    S(Option<String>),
    I(Option<i64>),
    F(Option<f64>),
}

/// An `f32` as the `f64` of its shortest decimal form (0.8f32 → 0.8, not
/// 0.800000011920929), as the JSON record writes it.
fn f(x: f32) -> f64 {
    x.to_string().parse().unwrap_or(x as f64)
}

fn aux(a: Option<Aux>) -> Option<String> {
    a.map(|a| {
        match a {
            Aux::Negated => "negated",
            Aux::Future => "future",
            Aux::Hypothetical => "hypothetical",
        }
        .to_string()
    })
}

fn actor(a: Option<&ActorRef>) -> [V; 6] {
    [
        V::S(a.map(|a| a.code.clone())),
        V::S(a.map(|a| a.name.clone())),
        V::S(a.map(|a| a.text.clone())),
        V::S(a.map(|a| a.entry.clone())),
        V::I(a.map(|a| a.span.start as i64)),
        V::I(a.map(|a| a.span.end as i64)),
    ]
}

/// The cells of one event of `doc`, in [`COLUMNS`] order.
fn row(doc: &Document, e: &Event) -> Vec<V> {
    let p = e.plover.as_ref();
    let l = e.location.as_ref();
    let mut r = vec![
        V::S(Some(e.doc_id.clone())),
        V::S(Some(e.event_id.clone())),
        V::I(Some(e.sentence as i64)),
        V::S(Some(e.cameo.clone())),
        V::S(Some(e.cameo_root.clone())),
        V::I(Some(e.quad_class as i64)),
        V::F(Some(f(e.goldstein))),
        V::S(p.map(|p| p.event.clone())),
        V::S(p.and_then(|p| p.mode.clone())),
        V::S(p.map(|p| serde_json::to_string(&p.context).unwrap_or_default())),
        V::S(aux(e.aux)),
    ];
    r.extend(actor(Some(&e.source)));
    r.extend(actor(e.target.as_ref()));
    r.extend([
        V::S(Some(e.trigger.text.clone())),
        V::S(Some(e.trigger.rule.clone())),
        V::I(Some(e.trigger.span.start as i64)),
        V::I(Some(e.trigger.span.end as i64)),
        V::S(e.date.clone()),
        V::S(e.date_precision.clone()),
        V::S(e.date_text.clone()),
        V::S(l.map(|l| l.text.clone())),
        V::S(l.map(|l| l.country.clone())),
        V::I(l.map(|l| l.geonameid as i64)),
        V::F(l.map(|l| l.lat)),
        V::F(l.map(|l| l.lon)),
        V::S(l.map(|l| l.precision.clone())),
        V::I(Some(e.evidence.start as i64)),
        V::I(Some(e.evidence.end as i64)),
        V::S(
            doc.text
                .get(e.evidence.start..e.evidence.end)
                .map(str::to_string),
        ),
        V::F(Some(f(e.confidence))),
        V::S(Some(e.lexicon.clone())),
        V::S(doc.date.map(|d| d.to_string())),
    ]);
    debug_assert_eq!(r.len(), COLUMNS.len());
    r
}

/// The Arrow schema of [`COLUMNS`].
pub fn schema() -> Arc<Schema> {
    Arc::new(Schema::new(
        COLUMNS
            .iter()
            .map(|(name, k)| {
                let t = match k {
                    S => DataType::Utf8,
                    I => DataType::Int64,
                    F => DataType::Float64,
                };
                Field::new(*name, t, true)
            })
            .collect::<Vec<_>>(),
    ))
}

enum Builder {
    S(StringBuilder),
    I(Int64Builder),
    F(Float64Builder),
}

/// The events `coded[i]` of `docs[i]` as one record batch of [`COLUMNS`].
///
/// # Errors
/// Arrow errors (none expected: the columns are built to the schema).
pub fn batch(docs: &[Document], coded: &[Vec<Event>]) -> Result<RecordBatch, ArrowError> {
    let mut cols: Vec<Builder> = COLUMNS
        .iter()
        .map(|(_, k)| match k {
            S => Builder::S(StringBuilder::new()),
            I => Builder::I(Int64Builder::new()),
            F => Builder::F(Float64Builder::new()),
        })
        .collect();
    for (doc, events) in docs.iter().zip(coded) {
        for e in events {
            for (b, v) in cols.iter_mut().zip(row(doc, e)) {
                match (b, v) {
                    (Builder::S(b), V::S(v)) => b.append_option(v),
                    (Builder::I(b), V::I(v)) => b.append_option(v),
                    (Builder::F(b), V::F(v)) => b.append_option(v),
                    _ => unreachable!("row() follows COLUMNS"),
                }
            }
        }
    }
    let arrays: Vec<ArrayRef> = cols
        .into_iter()
        .map(|b| -> ArrayRef {
            match b {
                Builder::S(mut b) => Arc::new(b.finish()),
                Builder::I(mut b) => Arc::new(b.finish()),
                Builder::F(mut b) => Arc::new(b.finish()),
            }
        })
        .collect();
    RecordBatch::try_new(schema(), arrays)
}

/// [`batch`] written as an Arrow IPC stream (schema, one batch, end marker).
///
/// # Errors
/// Arrow errors.
pub fn ipc(docs: &[Document], coded: &[Vec<Event>]) -> Result<Vec<u8>, ArrowError> {
    let b = batch(docs, coded)?;
    let mut out = Vec::new();
    {
        let mut w = arrow_ipc::writer::StreamWriter::try_new(&mut out, &b.schema())?;
        w.write(&b)?;
        w.finish()?;
    }
    Ok(out)
}
