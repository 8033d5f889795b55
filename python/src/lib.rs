//! `rasid._rasid`: the Python extension module of rasid (PyO3, abi3). The Python package
//! `rasid` (python/rasid/__init__.py) wraps it; see its docstrings and `_rasid.pyi`.
//!
//! - [`Coder`] holds a loaded lexicon (the shipped one, compiled at build time and
//!   embedded, or one layered with user lexicon directories) and options; it codes lists
//!   of documents with the GIL released, as JSON Lines (the event record, the same bytes
//!   as `rasid code` prints) or as an Arrow IPC stream of flat columns ([`frame`]).
//! - [`Store`] wraps `rasid_store::Store` (the SQLite store of `rasid ingest`).
//! - Bad input raises `RasidError` (a `ValueError`) naming the document (its position in
//!   the list and its doc_id) and, for text that is not UTF-8, the byte offset.

#![deny(missing_docs)]

mod docs;
mod frame;
mod store;

use pyo3::prelude::*;
use pyo3::types::PyBytes;
use rasid_coder::{Event, Options};
use rasid_lexicon::{Lexicon, Sources};
use rasid_text::Document;
use rayon::prelude::*;
use std::collections::HashMap;
use std::sync::{Arc, Mutex, OnceLock};

pyo3::create_exception!(
    _rasid,
    RasidError,
    pyo3::exceptions::PyValueError,
    "A document, lexicon, model or store rasid could not use. The message names the \
     document (its position in the input and its doc_id) and, for text that is not UTF-8, \
     the byte offset; the attributes `doc_index`, `doc_id` and `offset` hold them (None \
     when not known)."
);

/// The shipped lexicons, compiled at build time (`build.rs`).
static COMPILED_LEXICON: &[u8] = include_bytes!(concat!(env!("OUT_DIR"), "/lexicon.bin"));

/// The shipped lexicon, loaded once per process.
fn embedded_lexicon() -> PyResult<Arc<Lexicon>> {
    static LEX: OnceLock<Result<Arc<Lexicon>, String>> = OnceLock::new();
    LEX.get_or_init(|| {
        Lexicon::from_bytes("embedded lexicon.bin", COMPILED_LEXICON)
            .map(Arc::new)
            .map_err(|e| e.to_string())
    })
    .clone()
    .map_err(RasidError::new_err)
}

/// A rayon pool of `n` threads, made once per size and kept for the process.
fn pool(n: usize) -> PyResult<Arc<rayon::ThreadPool>> {
    static POOLS: OnceLock<Mutex<HashMap<usize, Arc<rayon::ThreadPool>>>> = OnceLock::new();
    let mut pools = POOLS
        .get_or_init(Default::default)
        .lock()
        .unwrap_or_else(|p| p.into_inner());
    if let Some(p) = pools.get(&n) {
        return Ok(p.clone());
    }
    let p = Arc::new(
        rayon::ThreadPoolBuilder::new()
            .num_threads(n)
            .thread_name(|i| format!("rasid-{i}"))
            .build()
            .map_err(|e| RasidError::new_err(format!("cannot start {n} threads: {e}")))?,
    );
    pools.insert(n, p.clone());
    Ok(p)
}

/// A loaded coder: lexicon and options. Made once, used from any number of Python
/// threads (coding releases the GIL).
#[pyclass(module = "rasid._rasid", frozen)]
pub struct Coder {
    lex: Arc<Lexicon>,
    opts: Options,
}

impl Coder {
    /// Codes `docs` on `threads` threads (`None`: rayon's global pool, one thread a core;
    /// 1: the calling thread alone) with the GIL released. Returns each document's events
    /// in input order, or the first document the coder failed on (a coder bug) as a
    /// `RasidError`.
    fn code_docs(
        &self,
        py: Python<'_>,
        docs: &[Document],
        threads: Option<usize>,
    ) -> PyResult<Vec<Vec<Event>>> {
        let pool = match threads {
            Some(0) => return Err(RasidError::new_err("threads must be at least 1")),
            Some(n) if n > 1 => Some(pool(n)?),
            _ => None,
        };
        let (lex, opts) = (&*self.lex, &self.opts);
        let coded: Vec<Result<Vec<Event>, rasid_coder::CodeError>> = py.allow_threads(|| {
            let coder = rasid_coder::Coder::with_options(lex, opts.clone());
            let run = || docs.par_iter().map(|d| coder.try_code(d)).collect();
            match (&pool, threads) {
                (_, Some(1)) => docs.iter().map(|d| coder.try_code(d)).collect(),
                (Some(p), _) => p.install(run),
                (None, _) => run(),
            }
        });
        coded
            .into_iter()
            .enumerate()
            .map(|(i, r)| {
                r.map_err(|e| {
                    docs::error(
                        py,
                        Some(i),
                        Some(&e.doc_id),
                        None,
                        format!(
                            "coder failed: {} (a bug; please report it with the text)",
                            e.message
                        ),
                    )
                })
            })
            .collect()
    }
}

#[pymethods]
impl Coder {
    /// `Coder(lexicon=None, model=None, *, rules_only=False, statements=False,
    /// min_confidence=0.0, home_country_roles=False, tag_people=False)`: see `rasid.Coder`.
    #[new]
    #[pyo3(signature = (lexicon=None, model=None, *, rules_only=false, statements=false, min_confidence=0.0, home_country_roles=false, tag_people=false))]
    fn new(
        lexicon: Option<Vec<std::path::PathBuf>>,
        model: Option<std::path::PathBuf>,
        rules_only: bool,
        statements: bool,
        min_confidence: f32,
        home_country_roles: bool,
        tag_people: bool,
    ) -> PyResult<Self> {
        let lex = match lexicon.as_deref() {
            None | Some([]) => embedded_lexicon()?,
            Some(dirs) => {
                let mut sources = Sources::embedded();
                for d in dirs {
                    let s = Sources::read_dir(d).map_err(|e| {
                        RasidError::new_err(format!("lexicon {}: {e}", d.display()))
                    })?;
                    sources = sources.layered(s);
                }
                Arc::new(Lexicon::build(&sources).map_err(|errs| {
                    let list: Vec<String> = errs.iter().map(|e| e.to_string()).collect();
                    RasidError::new_err(format!("lexicon errors:\n{}", list.join("\n")))
                })?)
            }
        };
        if rules_only && model.is_some() {
            return Err(RasidError::new_err("give model or rules_only, not both"));
        }
        if !(0.0..=1.0).contains(&min_confidence) {
            return Err(RasidError::new_err(format!(
                "min_confidence {min_confidence} is outside 0..1"
            )));
        }
        let model = if rules_only {
            None
        } else if let Some(dir) = &model {
            let m = rasid_coder::Model::read(dir)
                .map_err(|e| RasidError::new_err(format!("model {}: {e}", dir.display())))?;
            Some(Arc::new(m))
        } else {
            // the shipped model, parsed once per process
            rasid_coder::process_model()
        };
        Ok(Coder {
            lex,
            opts: Options {
                emit_statements: statements,
                min_confidence,
                home_country_roles,
                tag_people,
                model,
            },
        })
    }

    /// The lexicon version (a hash of its sources), as in every event's `lexicon`.
    #[getter]
    fn lexicon_version(&self) -> String {
        self.lex.version().to_string()
    }

    /// Codes `docs` (see `rasid.code`) and returns the events as JSON Lines: one event
    /// record a line, the bytes `rasid code` prints.
    #[pyo3(signature = (docs, date=None, threads=None))]
    fn code_jsonl(
        &self,
        py: Python<'_>,
        docs: &Bound<'_, PyAny>,
        date: Option<&Bound<'_, PyAny>>,
        threads: Option<usize>,
    ) -> PyResult<String> {
        let docs = docs::extract(py, docs, date)?;
        let coded = self.code_docs(py, &docs, threads)?;
        let mut out = Vec::new();
        for e in coded.iter().flatten() {
            serde_json::to_writer(&mut out, e)
                .map_err(|e| RasidError::new_err(format!("JSON: {e}")))?;
            out.push(b'\n');
        }
        String::from_utf8(out).map_err(|e| RasidError::new_err(e.to_string()))
    }

    /// Codes `docs` (see `rasid.code`) and returns the events as an Arrow IPC stream (one
    /// record batch) of the flat columns of `rasid.code_frame`.
    #[pyo3(signature = (docs, date=None, threads=None))]
    fn code_ipc<'py>(
        &self,
        py: Python<'py>,
        docs: &Bound<'py, PyAny>,
        date: Option<&Bound<'py, PyAny>>,
        threads: Option<usize>,
    ) -> PyResult<Bound<'py, PyBytes>> {
        let docs = docs::extract(py, docs, date)?;
        let coded = self.code_docs(py, &docs, threads)?;
        let bytes = frame::ipc(&docs, &coded).map_err(|e| RasidError::new_err(e.to_string()))?;
        Ok(PyBytes::new(py, &bytes))
    }
}

/// The Python module `rasid._rasid`.
#[pymodule]
fn _rasid(m: &Bound<'_, PyModule>) -> PyResult<()> {
    m.add_class::<Coder>()?;
    m.add_class::<store::Store>()?;
    m.add("RasidError", m.py().get_type::<RasidError>())?;
    m.add("__version__", env!("CARGO_PKG_VERSION"))?;
    Ok(())
}
