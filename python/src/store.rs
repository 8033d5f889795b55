//! `rasid._rasid.Store`: the SQLite event store of `rasid ingest` / `rasid events`
//! (crate `rasid-store`), for Python. Queries answer in Parquet bytes (events) or JSON
//! (aggregates); `rasid.Store` turns them into pandas DataFrames.

use crate::{docs, Coder, RasidError};
use pyo3::prelude::*;
use pyo3::types::{PyBytes, PyDict};
use rasid_store::{EventFilter, ExportFormat, IngestOptions, Input, Period};
use std::sync::Mutex;

fn store_err(e: rasid_store::StoreError) -> PyErr {
    RasidError::new_err(format!("store: {e}"))
}

/// An open store (one SQLite connection, WAL mode), created and migrated when missing.
#[pyclass(module = "rasid._rasid", frozen)]
pub struct Store {
    inner: Mutex<rasid_store::Store>,
    path: String,
}

/// The filter of `rasid events` from keyword arguments (`from_`/`start`, `to`/`end` as
/// dates; `None` values ignored).
///
/// # Errors
/// `TypeError` for an unknown key or a value of the wrong type; `RasidError` for a
/// malformed date.
fn filter(kw: Option<&Bound<'_, PyDict>>) -> PyResult<EventFilter> {
    let mut f = EventFilter::default();
    let Some(kw) = kw else { return Ok(f) };
    let day = |v: &Bound<'_, PyAny>, key: &str| -> PyResult<chrono::NaiveDate> {
        let s: String = if v.hasattr("isoformat")? {
            v.call_method0("isoformat")?.extract()?
        } else {
            v.extract()?
        };
        rasid_store::query::parse_day(s.get(..10).unwrap_or(&s))
            .map_err(|e| RasidError::new_err(format!("{key}: {e}")))
    };
    for (k, v) in kw.iter() {
        let key: String = k.extract()?;
        if v.is_none() {
            continue;
        }
        match key.as_str() {
            "actor" => f.actor = Some(v.extract()?),
            "source" => f.source = Some(v.extract()?),
            "target" => f.target = Some(v.extract()?),
            "dyad" => f.dyad = Some(v.extract::<(String, String)>()?),
            "code" => f.code = Some(v.extract()?),
            "root" => f.root = Some(v.extract()?),
            "quad" => f.quad = Some(v.extract()?),
            "from_" | "start" => f.from = Some(day(&v, &key)?),
            "to" | "end" => f.to = Some(day(&v, &key)?),
            "place" => f.place = Some(v.str()?.extract()?),
            "outlet" => f.outlet = Some(v.extract()?),
            "min_confidence" => f.min_confidence = Some(v.extract()?),
            "limit" => f.limit = Some(v.extract()?),
            "after" => f.after = Some(v.extract()?),
            "include_history" => f.include_history = v.extract()?,
            "entity" => f.entity = Some(v.extract()?),
            _ => {
                return Err(pyo3::exceptions::PyTypeError::new_err(format!(
                    "unknown filter {key:?}: expected actor, source, target, dyad, code, root, \
                     quad, from_, to, place, outlet, min_confidence, limit, after, include_history, entity"
                )))
            }
        }
    }
    Ok(f)
}

#[pymethods]
impl Store {
    /// `Store(path)`: opens (creating and migrating) the store file at `path`;
    /// `":memory:"` opens one in memory.
    #[new]
    fn new(path: std::path::PathBuf) -> PyResult<Self> {
        let p = path.display().to_string();
        let s = if p == ":memory:" {
            rasid_store::Store::open_in_memory()
        } else {
            rasid_store::Store::open(&path)
        }
        .map_err(|e| RasidError::new_err(format!("{p}: {e}")))?;
        Ok(Store {
            inner: Mutex::new(s),
            path: p,
        })
    }

    /// The path the store was opened at.
    #[getter]
    fn path(&self) -> String {
        self.path.clone()
    }

    /// Codes and stores `docs` (as `rasid.code` takes them) with `coder`, skipping
    /// documents already stored (same doc_id and text); `batch_size` documents a
    /// transaction. Returns the ingest statistics as JSON (`read`, `stored`, `skipped`,
    /// `near_duplicates`, `mentions`, `new_events`, `merged`, `failures`).
    #[pyo3(signature = (docs, coder, date=None, batch_size=1000))]
    fn ingest_json(
        &self,
        py: Python<'_>,
        docs: &Bound<'_, PyAny>,
        coder: &Coder,
        date: Option<&Bound<'_, PyAny>>,
        batch_size: usize,
    ) -> PyResult<String> {
        let docs = docs::extract(py, docs, date)?;
        let (lex, opts) = (&*coder.lex, &coder.opts);
        let stats = py.allow_threads(|| {
            let c = rasid_coder::Coder::with_options(lex, opts.clone());
            let mut s = self.inner.lock().unwrap_or_else(|p| p.into_inner());
            s.ingest(
                &c,
                docs.into_iter().map(Input::Doc),
                &IngestOptions {
                    batch_size,
                    ..Default::default()
                },
                &|_| {},
            )
        });
        let stats = stats.map_err(store_err)?;
        serde_json::to_string(&stats).map_err(|e| RasidError::new_err(e.to_string()))
    }

    /// The events matching the filters (keyword arguments as `rasid events` takes them:
    /// actor, source, target, dyad=(a, b), code, root, quad, from_, to, place, outlet,
    /// min_confidence, limit, after) as Parquet bytes, one event a row (the columns of
    /// `rasid export --format parquet`); with `mentions=True`, their mentions instead.
    #[pyo3(signature = (mentions=false, **filters))]
    fn events_parquet<'py>(
        &self,
        py: Python<'py>,
        mentions: bool,
        filters: Option<&Bound<'py, PyDict>>,
    ) -> PyResult<Bound<'py, PyBytes>> {
        let f = filter(filters)?;
        let format = if mentions {
            ExportFormat::ParquetMentions
        } else {
            ExportFormat::Parquet
        };
        let out = py.allow_threads(|| {
            let s = self.inner.lock().unwrap_or_else(|p| p.into_inner());
            let mut out = Vec::new();
            s.export(format, &f, &mut out).map(|_| out)
        });
        Ok(PyBytes::new(py, &out.map_err(store_err)?))
    }

    /// The relations of actors `a` and `b` (code prefixes) per period (`by`: "day",
    /// "week" or "month") and direction, as JSON `{"rows": [...], "coarser": n}` (see
    /// `rasid dyad`).
    #[pyo3(signature = (a, b, by="month", from_=None, to=None, include_history=false))]
    fn dyad_json(
        &self,
        a: &str,
        b: &str,
        by: &str,
        from_: Option<&str>,
        to: Option<&str>,
        include_history: bool,
    ) -> PyResult<String> {
        let by: Period = by
            .parse()
            .map_err(|e: String| RasidError::new_err(format!("by: {e}")))?;
        let day = |s: Option<&str>| s.map(rasid_store::query::parse_day).transpose();
        let (from, to) = (day(from_).map_err(store_err)?, day(to).map_err(store_err)?);
        let s = self.inner.lock().unwrap_or_else(|p| p.into_inner());
        let f = rasid_store::DyadFilter {
            from,
            to,
            include_history,
            entity: None,
        };
        let r = s.dyad(a, b, by, &f).map_err(store_err)?;
        serde_json::to_string(&r).map_err(|e| RasidError::new_err(e.to_string()))
    }

    /// The most active actors among the events matching the filters, codes cut to
    /// `code_len` characters when given, at most `limit`, as a JSON list (see
    /// `rasid actors`).
    #[pyo3(signature = (code_len=None, limit=50, **filters))]
    fn actors_json(
        &self,
        py: Python<'_>,
        code_len: Option<usize>,
        limit: usize,
        filters: Option<&Bound<'_, PyDict>>,
    ) -> PyResult<String> {
        let f = filter(filters)?;
        let lex = crate::embedded_lexicon()?;
        let r = py
            .allow_threads(|| {
                let s = self.inner.lock().unwrap_or_else(|p| p.into_inner());
                // each code labelled by its own description; its entries listed apart
                let mut rows = s.actors(&f, code_len, limit)?;
                for r in &mut rows {
                    r.name = rasid_lexicon::codes::describe_actor(&lex, &r.code);
                    r.entities = s.actor_entities(&f, &r.code, code_len, 5)?;
                }
                Ok::<_, rasid_store::StoreError>(rows)
            })
            .map_err(store_err)?;
        serde_json::to_string(&r).map_err(|e| RasidError::new_err(e.to_string()))
    }

    /// Row counts as JSON: documents, near_duplicates, events, mentions, failures.
    fn counts_json(&self) -> PyResult<String> {
        let s = self.inner.lock().unwrap_or_else(|p| p.into_inner());
        let c = s.counts().map_err(store_err)?;
        serde_json::to_string(&c).map_err(|e| RasidError::new_err(e.to_string()))
    }
}
