//! Reading gold files (`gold/GUIDE.md`, section "File format") and predicted events
//! (JSON Lines event records, or [`rasid_coder::Event`]s straight from the coder).

use crate::py::{code_of, py_str, truthy};
use serde_json::Value;
use std::collections::HashMap;
use std::path::Path;

/// A file that could not be read as gold or predictions.
#[derive(Debug, thiserror::Error)]
pub enum LoadError {
    /// The file could not be read.
    #[error("{path}: {message}")]
    Io {
        /// The file.
        path: String,
        /// Why.
        message: String,
    },
    /// A line is not the expected JSON.
    #[error("{path}:{line}: {message}")]
    Record {
        /// The file.
        path: String,
        /// 1-based line.
        line: usize,
        /// What is wrong with the record.
        message: String,
    },
}

/// A document id as score.py keys it: a JSON string is itself; any other JSON value is
/// kept apart from strings (score.py's dict would not equate `1` and `"1"`).
pub fn doc_key(v: &Value) -> String {
    match v {
        Value::String(s) => s.clone(),
        other => format!("\u{1}{other}"),
    }
}

/// A gold actor code exactly as written, for the secondary (full-code) comparison, where
/// score.py compares the predicted code with the raw gold value.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum RawCode {
    /// `null` or missing.
    Absent,
    /// A string, as written (not upper-cased).
    Str(String),
    /// Anything else (never equal to a predicted code).
    Other,
}

impl RawCode {
    fn of(v: Option<&Value>) -> RawCode {
        match v {
            None | Some(Value::Null) => RawCode::Absent,
            Some(Value::String(s)) => RawCode::Str(s.clone()),
            Some(_) => RawCode::Other,
        }
    }

    /// True when score.py's `code_of(pred) == gold` holds.
    pub fn equals(&self, pred: Option<&str>) -> bool {
        match (self, pred) {
            (RawCode::Absent, None) => true,
            (RawCode::Str(g), Some(p)) => g == p,
            _ => false,
        }
    }
}

/// The matching key of an event: (CAMEO root, primary source, primary target, aux).
pub type Key = (String, Option<String>, Option<String>, Value);

/// One gold event.
#[derive(Debug, Clone)]
pub struct GoldEvent {
    /// CAMEO code as Python's `str()` writes it.
    pub cameo: String,
    /// Source code, upper-cased (`code_of`), `None` when absent.
    pub source: Option<String>,
    /// Target code, upper-cased, `None` when absent.
    pub target: Option<String>,
    /// Source as written, for the full-code comparison.
    pub source_raw: RawCode,
    /// Target as written.
    pub target_raw: RawCode,
    /// `aux` (`null` when absent).
    pub aux: Value,
    /// Date, `None` when absent (any predicted date then counts as right).
    pub date: Option<String>,
    /// Marked `"optional": true`: matching it counts neither way.
    pub optional: bool,
    /// The sentence that reports it.
    pub evidence: Option<String>,
    /// The trigger words.
    pub trigger: Option<String>,
    /// The source actor's words as written in the evidence, when given.
    pub source_text: Option<String>,
    /// The target actor's words as written in the evidence, when given.
    pub target_text: Option<String>,
}

/// One gold article: its text and events (CAMEO 010 dropped, as score.py does).
#[derive(Debug, Clone)]
pub struct GoldDoc {
    /// Document id ([`doc_key`] form).
    pub doc_id: String,
    /// The article text (empty when the line has none).
    pub text: String,
    /// Gold events, in file order, without CAMEO 010.
    pub events: Vec<GoldEvent>,
}

/// A gold file: its articles in first-appearance order (a repeated `doc_id` replaces the
/// earlier line's events, as in score.py's dict).
#[derive(Debug, Clone, Default)]
pub struct Gold {
    /// The articles.
    pub docs: Vec<GoldDoc>,
    index: HashMap<String, usize>,
}

impl Gold {
    /// Parses gold JSON Lines from `text`; `name` names the source in errors.
    ///
    /// # Errors
    /// [`LoadError::Record`] for a line that is not JSON, lacks `doc_id` or `events`, or
    /// has an event without `cameo`.
    pub fn parse(name: &str, text: &str) -> Result<Gold, LoadError> {
        let mut gold = Gold::default();
        for (i, line) in text.lines().enumerate() {
            let bad = |message: String| LoadError::Record {
                path: name.into(),
                line: i + 1,
                message,
            };
            // score.py's json.loads fails on a blank line too; we let blank lines pass
            if line.trim().is_empty() {
                continue;
            }
            let d: Value = serde_json::from_str(line).map_err(|e| bad(e.to_string()))?;
            let id = d
                .get("doc_id")
                .map(doc_key)
                .ok_or_else(|| bad("no doc_id".into()))?;
            let evs = d
                .get("events")
                .and_then(Value::as_array)
                .ok_or_else(|| bad("no events array".into()))?;
            let mut events = Vec::new();
            for e in evs {
                let cameo = e
                    .get("cameo")
                    .map(py_str)
                    .ok_or_else(|| bad("an event has no cameo".into()))?;
                if cameo == "010" {
                    continue;
                }
                events.push(GoldEvent {
                    cameo,
                    source: code_of(e.get("source")),
                    target: code_of(e.get("target")),
                    source_raw: RawCode::of(e.get("source")),
                    target_raw: RawCode::of(e.get("target")),
                    aux: e.get("aux").cloned().unwrap_or(Value::Null),
                    date: e.get("date").filter(|v| !v.is_null()).map(py_str),
                    optional: truthy(e.get("optional")),
                    evidence: e.get("evidence").and_then(Value::as_str).map(String::from),
                    trigger: e.get("trigger").and_then(Value::as_str).map(String::from),
                    source_text: e
                        .get("source_text")
                        .and_then(Value::as_str)
                        .map(String::from),
                    target_text: e
                        .get("target_text")
                        .and_then(Value::as_str)
                        .map(String::from),
                });
            }
            let doc = GoldDoc {
                doc_id: id.clone(),
                text: d
                    .get("text")
                    .and_then(Value::as_str)
                    .unwrap_or_default()
                    .to_string(),
                events,
            };
            match gold.index.get(&id) {
                Some(&k) => gold.docs[k] = doc,
                None => {
                    gold.index.insert(id, gold.docs.len());
                    gold.docs.push(doc);
                }
            }
        }
        Ok(gold)
    }

    /// Reads and parses the gold file at `path`.
    ///
    /// # Errors
    /// [`LoadError::Io`] when it cannot be read; see [`Gold::parse`].
    pub fn read(path: &Path) -> Result<Gold, LoadError> {
        let name = path.display().to_string();
        let text = std::fs::read_to_string(path).map_err(|e| LoadError::Io {
            path: name.clone(),
            message: e.to_string(),
        })?;
        Gold::parse(&name, &text)
    }

    /// The article with id `doc_id` ([`doc_key`] form).
    pub fn doc(&self, doc_id: &str) -> Option<&GoldDoc> {
        self.index.get(doc_id).map(|&i| &self.docs[i])
    }
}

/// One predicted event, reduced to what scoring and error reports need.
#[derive(Debug, Clone, PartialEq)]
pub struct Predicted {
    /// Document id ([`doc_key`] form).
    pub doc_id: String,
    /// CAMEO code as Python's `str()` writes it.
    pub cameo: String,
    /// Source code, upper-cased; `None` when absent.
    pub source: Option<String>,
    /// Target code, upper-cased; `None` when absent.
    pub target: Option<String>,
    /// `aux` (`null` when absent).
    pub aux: Value,
    /// Date; `None` when absent.
    pub date: Option<String>,
    /// Trigger words, when known.
    pub trigger: Option<String>,
    /// Byte span of the reporting sentence in the article text, when known.
    pub evidence: Option<(usize, usize)>,
    /// The reporting sentence, when known.
    pub sentence: Option<String>,
    /// Confidence, when known.
    pub confidence: Option<f64>,
}

impl Predicted {
    /// From a coder event of the document whose raw text is `text` (for the sentence).
    pub fn from_event(e: &rasid_coder::Event, text: &str) -> Predicted {
        let aux = serde_json::to_value(e.aux).unwrap_or(Value::Null);
        Predicted {
            doc_id: e.doc_id.clone(),
            cameo: e.cameo.clone(),
            source: Some(e.source.code.to_uppercase()).filter(|c| !c.is_empty()),
            target: e
                .target
                .as_ref()
                .map(|t| t.code.to_uppercase())
                .filter(|c| !c.is_empty()),
            aux,
            date: e.date.clone(),
            trigger: Some(e.trigger.text.clone()),
            evidence: Some((e.evidence.start, e.evidence.end)),
            sentence: text.get(e.evidence.range()).map(String::from),
            confidence: Some(e.confidence as f64),
        }
    }

    /// From one JSON event record (at least `doc_id` and `cameo`; `source`, `target`,
    /// `aux`, `date`, `trigger`, `evidence`, `confidence` when present). `None` when the
    /// record has no `cameo`.
    pub fn from_json(e: &Value) -> Option<Predicted> {
        let cameo = py_str(e.get("cameo")?);
        let evidence = e.get("evidence").and_then(|v| {
            let a = v.as_array()?;
            Some((a.first()?.as_u64()? as usize, a.get(1)?.as_u64()? as usize))
        });
        let trigger = match e.get("trigger") {
            Some(Value::String(s)) => Some(s.clone()),
            Some(Value::Object(o)) => o.get("text").and_then(Value::as_str).map(String::from),
            _ => None,
        };
        Some(Predicted {
            doc_id: e.get("doc_id").map(doc_key).unwrap_or_default(),
            cameo,
            source: code_of(e.get("source")),
            target: code_of(e.get("target")),
            aux: e.get("aux").cloned().unwrap_or(Value::Null),
            date: e.get("date").filter(|v| !v.is_null()).map(py_str),
            trigger,
            evidence,
            sentence: e.get("evidence").and_then(Value::as_str).map(String::from),
            confidence: e.get("confidence").and_then(Value::as_f64),
        })
    }
}

/// Reads predicted events (JSON Lines) from `text`, keeping, like score.py, only those of
/// documents in `gold`; blank lines are skipped. The sentence of a record whose
/// `evidence` is a byte span is cut from the gold text.
///
/// # Errors
/// [`LoadError::Record`] for a line that is not JSON, or a record of a gold document
/// without `cameo`.
pub fn parse_predictions(name: &str, text: &str, gold: &Gold) -> Result<Vec<Predicted>, LoadError> {
    let mut out = Vec::new();
    for (i, line) in text.lines().enumerate() {
        if line.trim().is_empty() {
            continue;
        }
        let bad = |message: String| LoadError::Record {
            path: name.into(),
            line: i + 1,
            message,
        };
        let e: Value = serde_json::from_str(line).map_err(|e| bad(e.to_string()))?;
        let Some(doc) = e.get("doc_id").and_then(|d| gold.doc(&doc_key(d))) else {
            continue;
        };
        let mut p = Predicted::from_json(&e).ok_or_else(|| bad("no cameo".into()))?;
        if p.sentence.is_none() {
            if let Some((s, t)) = p.evidence {
                p.sentence = doc.text.get(s..t).map(String::from);
            }
        }
        out.push(p);
    }
    Ok(out)
}

/// Reads predicted events from the file at `path`; see [`parse_predictions`].
///
/// # Errors
/// [`LoadError::Io`] when it cannot be read; see [`parse_predictions`].
pub fn read_predictions(path: &Path, gold: &Gold) -> Result<Vec<Predicted>, LoadError> {
    let name = path.display().to_string();
    let text = std::fs::read_to_string(path).map_err(|e| LoadError::Io {
        path: name.clone(),
        message: e.to_string(),
    })?;
    parse_predictions(&name, &text, gold)
}
