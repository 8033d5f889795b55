//! Python documents → [`Document`]s: a `str`, `bytes` (UTF-8) or `dict` with `text` and
//! optional `doc_id`, `date`, `title`, `url`, `source`; a list (any iterable) of them, or
//! one alone. Every error names the document; text that is not UTF-8 also the byte
//! offset.

use crate::RasidError;
use chrono::NaiveDate;
use pyo3::prelude::*;
use pyo3::types::{PyBytes, PyDict, PyFloat, PyInt, PyString};
use rasid_text::Document;

/// The longest `doc_id` accepted, in bytes (the CLI's limit for JSON Lines records).
pub const MAX_DOC_ID: usize = 512;

/// A `RasidError` whose message starts `document I (doc_id "ID"): ` and whose attributes
/// `doc_index`, `doc_id`, `offset` hold what is known.
pub fn error(
    py: Python<'_>,
    index: Option<usize>,
    doc_id: Option<&str>,
    offset: Option<usize>,
    message: String,
) -> PyErr {
    let mut head = String::new();
    match (index, doc_id) {
        (Some(i), Some(id)) => head = format!("document {i} (doc_id {id:?}): "),
        (Some(i), None) => head = format!("document {i}: "),
        (None, Some(id)) => head = format!("document {id:?}: "),
        (None, None) => {}
    }
    let err = RasidError::new_err(format!("{head}{message}"));
    let v = err.value(py);
    // setting attributes on a fresh exception instance cannot fail
    let _ = v.setattr("doc_index", index);
    let _ = v.setattr("doc_id", doc_id);
    let _ = v.setattr("offset", offset);
    err
}

/// UTF-8 text of a `str` or `bytes`. `Err((offset, message))` when it is not valid UTF-8
/// (a `str` with a lone surrogate, undecodable `bytes`); `Ok(None)` for another type.
fn text_of(v: &Bound<'_, PyAny>) -> PyResult<Result<Option<String>, (usize, String)>> {
    if let Ok(s) = v.downcast::<PyString>() {
        return Ok(match s.to_cow() {
            Ok(t) => Ok(Some(t.into_owned())),
            Err(_) => {
                // a lone surrogate: find its byte offset in the surrogate-passing encoding
                let b = s.call_method1("encode", ("utf-8", "surrogatepass"))?;
                let b = b.downcast::<PyBytes>()?.as_bytes();
                let at = std::str::from_utf8(b).err().map_or(0, |e| e.valid_up_to());
                Err((
                    at,
                    format!("text holds a lone surrogate (not Unicode text) at byte {at}"),
                ))
            }
        });
    }
    if let Ok(b) = v.downcast::<PyBytes>() {
        return Ok(match std::str::from_utf8(b.as_bytes()) {
            Ok(t) => Ok(Some(t.trim_start_matches('\u{feff}').to_string())),
            Err(e) => {
                let at = e.valid_up_to();
                Err((
                    at,
                    format!(
                        "text is not UTF-8: invalid byte at byte {at} (decode a legacy \
                         encoding first, e.g. bytes.decode(\"cp1256\"))"
                    ),
                ))
            }
        });
    }
    Ok(Ok(None))
}

/// The type name of `v`, for messages.
fn type_name(v: &Bound<'_, PyAny>) -> String {
    v.get_type()
        .name()
        .map(|n| n.to_string())
        .unwrap_or_else(|_| "?".into())
}

/// A date value: `None`, a NaN float (pandas' missing value) or an empty string give
/// `Ok(None)`; a `str` is read as `YYYY-MM-DD` (a longer timestamp is cut to its date);
/// a `datetime.date`/`datetime` (anything with `isoformat()`) by its ISO form.
fn date_of(v: Option<&Bound<'_, PyAny>>) -> PyResult<Result<Option<NaiveDate>, String>> {
    let Some(v) = v else { return Ok(Ok(None)) };
    if v.is_none() {
        return Ok(Ok(None));
    }
    if let Ok(f) = v.downcast::<PyFloat>() {
        if f.value().is_nan() {
            return Ok(Ok(None));
        }
    }
    let s: String = if let Ok(s) = v.downcast::<PyString>() {
        s.to_cow()?.into_owned()
    } else if v.hasattr("isoformat")? {
        v.call_method0("isoformat")?.extract()?
    } else {
        return Ok(Err(format!(
            "date must be a str YYYY-MM-DD or a datetime.date, not {}",
            type_name(v)
        )));
    };
    let t = s.trim();
    if t.is_empty() {
        return Ok(Ok(None));
    }
    Ok(rasid_store::query::parse_ymd(t.get(..10).unwrap_or(t))
        .map(Some)
        .ok_or_else(|| format!("date {t:?} is not a date YYYY-MM-DD")))
}

/// An optional string field of a dict; `None` and NaN give `None`.
fn opt_str(d: &Bound<'_, PyDict>, key: &str) -> PyResult<Result<Option<String>, String>> {
    let Some(v) = d.get_item(key)? else {
        return Ok(Ok(None));
    };
    if v.is_none() || v.downcast::<PyFloat>().is_ok_and(|f| f.value().is_nan()) {
        return Ok(Ok(None));
    }
    match v.downcast::<PyString>() {
        Ok(s) => Ok(Ok(Some(s.to_cow()?.into_owned()))),
        Err(_) => Ok(Err(format!("{key} must be a str, not {}", type_name(&v)))),
    }
}

/// One document from `item`, the `index`-th of the input.
fn one(
    py: Python<'_>,
    index: usize,
    item: &Bound<'_, PyAny>,
    default_date: Option<NaiveDate>,
) -> PyResult<Document> {
    let fail =
        |id: Option<&str>, off: Option<usize>, msg: String| error(py, Some(index), id, off, msg);
    if let Ok(d) = item.downcast::<PyDict>() {
        let doc_id = match d.get_item("doc_id")? {
            None => index.to_string(),
            Some(v) if v.is_none() => index.to_string(),
            Some(v) => {
                if let Ok(s) = v.downcast::<PyString>() {
                    s.to_cow()?.into_owned()
                } else if v.downcast::<PyInt>().is_ok() {
                    v.str()?.to_cow()?.into_owned()
                } else {
                    return Err(fail(
                        None,
                        None,
                        format!("doc_id must be a str or an int, not {}", type_name(&v)),
                    ));
                }
            }
        };
        if doc_id.len() > MAX_DOC_ID {
            return Err(fail(
                None,
                None,
                format!(
                    "doc_id is {} bytes long, the most is {MAX_DOC_ID}",
                    doc_id.len()
                ),
            ));
        }
        let id = Some(doc_id.as_str());
        let text = match d.get_item("text")? {
            None => {
                return Err(fail(
                    id,
                    None,
                    "a document dict needs a \"text\" (str)".into(),
                ))
            }
            Some(v) => match text_of(&v)? {
                Ok(Some(t)) => t,
                Ok(None) => {
                    return Err(fail(
                        id,
                        None,
                        format!("text must be a str or UTF-8 bytes, not {}", type_name(&v)),
                    ))
                }
                Err((at, msg)) => return Err(fail(id, Some(at), msg)),
            },
        };
        let date = match date_of(d.get_item("date")?.as_ref())? {
            Ok(Some(date)) => Some(date),
            Ok(None) => default_date,
            Err(msg) => return Err(fail(id, None, msg)),
        };
        let field = |key: &str| -> PyResult<Option<String>> {
            opt_str(d, key)?.map_err(|msg| fail(id, None, msg))
        };
        let (title, url, source) = (field("title")?, field("url")?, field("source")?);
        return Ok(Document {
            doc_id,
            text,
            date,
            title,
            url,
            source,
        });
    }
    match text_of(item)? {
        Ok(Some(text)) => Ok(Document {
            doc_id: index.to_string(),
            text,
            date: default_date,
            ..Default::default()
        }),
        Ok(None) => Err(fail(
            None,
            None,
            format!(
                "expected a str, UTF-8 bytes or a dict with \"text\", not {}",
                type_name(item)
            ),
        )),
        Err((at, msg)) => Err(fail(Some(&index.to_string()), Some(at), msg)),
    }
}

/// The documents of `docs` (one `str`/`bytes`/`dict`, or an iterable of them), with
/// `date` (a `str` YYYY-MM-DD or `datetime.date`) for those that carry none. A document
/// without `doc_id` is named by its position (`"0"`, `"1"`, …).
///
/// # Errors
/// `RasidError` for the first bad document (or a bad `date`); `TypeError` when `docs`
/// is not iterable.
pub fn extract(
    py: Python<'_>,
    docs: &Bound<'_, PyAny>,
    date: Option<&Bound<'_, PyAny>>,
) -> PyResult<Vec<Document>> {
    let default_date = date_of(date)?.map_err(|m| RasidError::new_err(format!("date: {m}")))?;
    let single = docs.downcast::<PyString>().is_ok()
        || docs.downcast::<PyBytes>().is_ok()
        || docs.downcast::<PyDict>().is_ok();
    if single {
        return Ok(vec![one(py, 0, docs, default_date)?]);
    }
    let mut out = Vec::with_capacity(docs.len().unwrap_or(0));
    for (i, item) in docs.try_iter()?.enumerate() {
        out.push(one(py, i, &item?, default_date)?);
    }
    Ok(out)
}
