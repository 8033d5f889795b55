//! Reading documents: plain text, HTML, JSON Lines, gzip-compressed or not, from files or
//! standard input. Bad input (a malformed JSON line, a non-UTF-8 file) becomes an
//! [`InputError`] naming the file and line or byte offset; reading goes on with the rest.

use anyhow::Context;
use chrono::NaiveDate;
use flate2::read::MultiGzDecoder;
use rasid_text::Document;
use serde::Deserialize;
use std::io::{BufRead, BufReader, Read};
use std::path::Path;

/// A document that could not be read, with where and why.
#[derive(Debug, Clone)]
pub struct InputError {
    /// File (or `-`), with `:LINE` for a JSON Lines record.
    pub location: String,
    /// What went wrong.
    pub message: String,
}

impl std::fmt::Display for InputError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}: {}", self.location, self.message)
    }
}

/// One JSON Lines record (the gold files are valid input: `events` is ignored).
#[derive(Deserialize)]
struct Record {
    doc_id: Option<serde_json::Value>,
    text: String,
    #[serde(default)]
    date: Option<String>,
    #[serde(default)]
    title: Option<String>,
    #[serde(default)]
    url: Option<String>,
    #[serde(default)]
    source: Option<String>,
}

/// The format of an input, from its name or, for standard input, its first byte.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    /// One document, plain text.
    Text,
    /// One document, an HTML page.
    Html,
    /// One document a line: `{"doc_id", "text", "date"?, "title"?, "url"?, "source"?}`.
    Jsonl,
}

fn format_of(name: &str, head: &[u8]) -> Format {
    let n = name.trim_end_matches(".gz");
    if n.ends_with(".jsonl") || n.ends_with(".json") || n.ends_with(".ndjson") {
        return Format::Jsonl;
    }
    if n.ends_with(".html") || n.ends_with(".htm") {
        return Format::Html;
    }
    let first = head.iter().find(|b| !b.is_ascii_whitespace());
    match first {
        Some(b'{') => Format::Jsonl,
        Some(b'<') => Format::Html,
        _ => Format::Text,
    }
}

/// Parses `YYYY-MM-DD` (a longer timestamp is cut to its date).
pub fn parse_date(s: &str) -> Option<NaiveDate> {
    rasid_store::query::parse_ymd(s.get(..10).unwrap_or(s))
}

/// The default of [`ReadOptions::max_doc_bytes`]: 16 MiB, far above any news article
/// (the longest record of the 2015 corpus is 61,625 bytes) and small enough to keep a
/// run's memory bounded.
pub const DEFAULT_MAX_DOC_BYTES: u64 = 16 << 20;

/// How [`read_all`] reads.
#[derive(Debug, Clone, Copy)]
pub struct ReadOptions {
    /// Article date for plain-text and HTML inputs (JSON Lines records carry their own).
    pub date: Option<NaiveDate>,
    /// Replace invalid UTF-8 (with a warning) instead of skipping the document.
    pub lossy: bool,
    /// The largest document accepted, in bytes after decompression: a plain-text or HTML
    /// file, or one JSON Lines record (line). A larger one is reported and skipped
    /// without being held in memory.
    pub max_doc_bytes: u64,
}

impl Default for ReadOptions {
    fn default() -> Self {
        ReadOptions {
            date: None,
            lossy: false,
            max_doc_bytes: DEFAULT_MAX_DOC_BYTES,
        }
    }
}

/// Opens `path` (or standard input for `-`), decompressing `.gz` (or gzip magic bytes).
/// A directory is refused before it is opened. Errors carry no path: the caller's report
/// names it.
fn open(path: &str) -> anyhow::Result<Box<dyn BufRead>> {
    let raw: Box<dyn Read> = if path == "-" {
        Box::new(std::io::stdin())
    } else {
        if std::fs::metadata(path).is_ok_and(|m| m.is_dir()) {
            anyhow::bail!(
                "is a directory (`rasid ingest` walks directories; `rasid code` reads files)"
            );
        }
        Box::new(std::fs::File::open(path).context("cannot open")?)
    };
    let mut buf = BufReader::with_capacity(1 << 16, raw);
    let head = buf.fill_buf().context("cannot read")?;
    if head.starts_with(&[0x1f, 0x8b]) {
        Ok(Box::new(BufReader::with_capacity(
            1 << 16,
            MultiGzDecoder::new(buf),
        )))
    } else {
        Ok(Box::new(buf))
    }
}

/// What [`read_line_capped`] read.
#[derive(Debug, PartialEq, Eq)]
enum Line {
    /// End of input: nothing read.
    Eof,
    /// A line (with its `\n`, unless the input ended) is in the buffer.
    Read,
    /// The line was longer than the cap: this many bytes were read and dropped, up to and
    /// including its `\n`.
    TooLong(u64),
}

/// Reads one line into `line` (cleared first), holding at most `max + 1` bytes of it in
/// memory: a longer line is consumed to its end and reported as [`Line::TooLong`].
fn read_line_capped(r: &mut dyn BufRead, line: &mut Vec<u8>, max: u64) -> std::io::Result<Line> {
    line.clear();
    let n = (&mut *r)
        .take(max.saturating_add(1))
        .read_until(b'\n', line)? as u64;
    if n == 0 {
        return Ok(Line::Eof);
    }
    if n <= max || line.last() == Some(&b'\n') {
        return Ok(Line::Read);
    }
    let mut total = n;
    loop {
        let buf = r.fill_buf()?;
        if buf.is_empty() {
            break;
        }
        match buf.iter().position(|&b| b == b'\n') {
            Some(i) => {
                r.consume(i + 1);
                total += i as u64 + 1;
                break;
            }
            None => {
                let k = buf.len();
                r.consume(k);
                total += k as u64;
            }
        }
    }
    line.clear();
    Ok(Line::TooLong(total))
}

/// Elements whose content is never text of the page (code, styles, fallbacks).
const HIDDEN: [&str; 4] = ["script", "style", "noscript", "template"];

/// Appends the text of `el` to `out`, skipping the content of [`HIDDEN`] elements.
fn visible_text(el: scraper::ElementRef, out: &mut String) {
    for child in el.children() {
        if let Some(e) = scraper::ElementRef::wrap(child) {
            if !HIDDEN.contains(&e.value().name()) {
                visible_text(e, out);
            }
        } else if let Some(t) = child.value().as_text() {
            out.push_str(t);
        }
    }
}

/// True when `el` lies inside a [`HIDDEN`] element (a `<p>` inside `<noscript>`).
fn hidden(el: &scraper::ElementRef) -> bool {
    el.ancestors()
        .filter_map(scraper::ElementRef::wrap)
        .any(|a| HIDDEN.contains(&a.value().name()))
}

/// The visible text of `el` (see [`visible_text`]).
fn text_of(el: scraper::ElementRef) -> String {
    let mut s = String::new();
    visible_text(el, &mut s);
    s
}

/// Extracts the main text of an HTML page: the paragraphs of `<article>` if any, else of
/// the whole body, one per line; the title from `<title>` or the first `<h1>`. The content
/// of `<script>`, `<style>`, `<noscript>` and `<template>` is never text.
pub fn html_text(html: &str) -> (Option<String>, String) {
    let page = scraper::Html::parse_document(html);
    let sel = |s: &str| scraper::Selector::parse(s).expect("static selector");
    let title = page
        .select(&sel("h1"))
        .next()
        .or_else(|| page.select(&sel("title")).next())
        .map(|t| text_of(t).trim().to_string())
        .filter(|t| !t.is_empty());
    let scope = page.select(&sel("article")).next();
    let paras: Vec<String> = match scope {
        Some(a) => a
            .select(&sel("p"))
            .filter(|p| !hidden(p))
            .map(text_of)
            .collect(),
        None => page
            .select(&sel("p"))
            .filter(|p| !hidden(p))
            .map(text_of)
            .collect(),
    };
    let mut text: Vec<String> = paras
        .into_iter()
        .map(|p| p.split_whitespace().collect::<Vec<_>>().join(" "))
        .filter(|p| !p.is_empty())
        .collect();
    if text.is_empty() {
        if let Some(body) = page.select(&sel("body")).next() {
            text.push(
                text_of(body)
                    .split_whitespace()
                    .collect::<Vec<_>>()
                    .join(" "),
            );
        }
    }
    (title, text.join("\n"))
}

/// The longest `doc_id` accepted, in bytes.
pub const MAX_DOC_ID: usize = 512;

/// A record's `doc_id`: a string of at most [`MAX_DOC_ID`] bytes or an integer (written
/// in decimal); absent or null gives `fallback()`. Any other JSON value is an error.
fn doc_id_of(
    v: Option<serde_json::Value>,
    fallback: impl FnOnce() -> String,
) -> Result<String, String> {
    let id = match v {
        None | Some(serde_json::Value::Null) => return Ok(fallback()),
        Some(serde_json::Value::String(s)) => s,
        Some(serde_json::Value::Number(n)) if n.is_u64() || n.is_i64() => n.to_string(),
        Some(other) => {
            return Err(format!(
                "doc_id must be a string or an integer, not {}",
                match other {
                    serde_json::Value::Bool(_) => "a boolean",
                    serde_json::Value::Number(_) => "a fraction",
                    serde_json::Value::Array(_) => "an array",
                    _ => "an object",
                }
            ))
        }
    };
    if id.len() > MAX_DOC_ID {
        return Err(format!(
            "doc_id is {} bytes long, the most is {MAX_DOC_ID}",
            id.len()
        ));
    }
    Ok(id)
}

fn stem(path: &str) -> String {
    if path == "-" {
        return "stdin".into();
    }
    let name = Path::new(path)
        .file_name()
        .map(|n| n.to_string_lossy().to_string())
        .unwrap_or_else(|| path.into());
    name.trim_end_matches(".gz")
        .rsplit_once('.')
        .map(|(s, _)| s.to_string())
        .unwrap_or(name)
}

/// Reads every document of `paths`, calling `sink` with each document or error, in input
/// order, as `opts` says (article date, lossy UTF-8, the size cap).
///
/// # Errors
/// Only when `sink` fails; unreadable inputs (a directory, a missing file, a document
/// over [`ReadOptions::max_doc_bytes`]) are passed to `sink` as [`InputError`]s.
pub fn read_all(
    paths: &[String],
    opts: &ReadOptions,
    sink: &mut dyn FnMut(Result<Document, InputError>) -> anyhow::Result<()>,
) -> anyhow::Result<()> {
    let (date, lossy, max) = (opts.date, opts.lossy, opts.max_doc_bytes);
    let too_large = |size: String| {
        format!("document of {size} bytes, over the limit of {max} bytes (--max-doc-bytes)")
    };
    for path in paths {
        let err = |loc: String, message: String| {
            Err(InputError {
                location: loc,
                message,
            })
        };
        let mut reader = match open(path) {
            Ok(r) => r,
            Err(e) => {
                sink(err(path.clone(), format!("{e:#}")))?;
                continue;
            }
        };
        let head = reader.fill_buf().map(|h| h.to_vec()).unwrap_or_default();
        match format_of(path, &head) {
            Format::Jsonl => {
                let mut line = Vec::new();
                let mut n = 0;
                loop {
                    n += 1;
                    match read_line_capped(&mut *reader, &mut line, max) {
                        Ok(Line::Eof) => break,
                        Ok(Line::Read) => {}
                        Ok(Line::TooLong(k)) => {
                            sink(err(format!("{path}:{n}"), too_large(k.to_string())))?;
                            continue;
                        }
                        Err(e) => {
                            sink(err(format!("{path}:{n}"), format!("read error: {e}")))?;
                            break;
                        }
                    }
                    if line.iter().all(|b| b.is_ascii_whitespace()) {
                        continue;
                    }
                    let text = match std::str::from_utf8(&line) {
                        Ok(t) => t,
                        Err(e) => {
                            sink(err(
                                format!("{path}:{n}"),
                                format!("invalid UTF-8 at byte {} of the line", e.valid_up_to()),
                            ))?;
                            continue;
                        }
                    };
                    // (serde reads a struct from an array too: `["x"]` would pass)
                    if !text.trim_start().starts_with('{') {
                        sink(err(
                            format!("{path}:{n}"),
                            "malformed JSON record: expected an object {\"doc_id\": …, \"text\": …}".into(),
                        ))?;
                        continue;
                    }
                    match serde_json::from_str::<Record>(text) {
                        Ok(r) => {
                            let doc_id = match doc_id_of(r.doc_id, || format!("{}:{n}", stem(path)))
                            {
                                Ok(id) => id,
                                Err(e) => {
                                    sink(err(format!("{path}:{n}"), e))?;
                                    continue;
                                }
                            };
                            let article_date = match r.date.as_deref().map(str::trim) {
                                None | Some("") => date,
                                Some(d) => match parse_date(d) {
                                    Some(d) => Some(d),
                                    None => {
                                        eprintln!("warning: {path}:{n}: date {d:?} is not YYYY-MM-DD; relative dates of this document stay unresolved");
                                        date
                                    }
                                },
                            };
                            sink(Ok(Document {
                                doc_id,
                                text: r.text,
                                date: article_date,
                                title: r.title,
                                url: r.url,
                                source: r.source,
                            }))?;
                        }
                        Err(e) => sink(err(
                            format!("{path}:{n}"),
                            format!("malformed JSON record: {e}"),
                        ))?,
                    }
                }
            }
            fmt => {
                let mut bytes = Vec::new();
                if let Err(e) = reader
                    .by_ref()
                    .take(max.saturating_add(1))
                    .read_to_end(&mut bytes)
                {
                    sink(err(path.clone(), format!("read error: {e}")))?;
                    continue;
                }
                if bytes.len() as u64 > max {
                    sink(err(path.clone(), too_large(format!("more than {max}"))))?;
                    continue;
                }
                let text = match String::from_utf8(bytes) {
                    Ok(t) => t,
                    Err(e) => {
                        let at = e.utf8_error().valid_up_to();
                        if lossy {
                            eprintln!(
                                "warning: {path}: invalid UTF-8 at byte {at}, replaced with U+FFFD"
                            );
                            String::from_utf8_lossy(e.as_bytes()).into_owned()
                        } else {
                            sink(err(
                                path.clone(),
                                format!("invalid UTF-8 at byte {at} (use --lossy to replace; a legacy Arabic encoding such as Windows-1256 converts with `iconv -f CP1256 -t UTF-8`)"),
                            ))?;
                            continue;
                        }
                    }
                };
                let text = text.trim_start_matches('\u{feff}').to_string();
                let (title, text) = if fmt == Format::Html {
                    html_text(&text)
                } else {
                    (None, text)
                };
                sink(Ok(Document {
                    doc_id: stem(path),
                    text,
                    date,
                    title,
                    url: None,
                    source: None,
                }))?;
            }
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn html_main_text() {
        let (t, body) = html_text("<html><head><title>T</title></head><body><nav><p>menu</p></nav><article><h1>عنوان</h1><p>زار الوزير  أنقرة.</p><p>ثم عاد.</p></article></body></html>");
        assert_eq!(t.as_deref(), Some("عنوان"));
        assert_eq!(body, "زار الوزير أنقرة.\nثم عاد.");
    }

    #[test]
    fn html_script_and_style_are_not_text() {
        // issue 16: a target was coded from <script>alert("نظيره الإيراني")</script>
        let (t, body) = html_text("<html><head><title>T</title><style>p{}</style></head><body><p>زار الوزير<script>alert(\"نظيره الإيراني\")</script> أنقرة.</p><noscript><p>فعّل</p></noscript></body></html>");
        assert_eq!(t.as_deref(), Some("T"));
        assert_eq!(body, "زار الوزير أنقرة.");
        let (_, bare) = html_text("<body><style>.a{}</style>نص <script>var a;</script>ظاهر</body>");
        assert_eq!(bare, "نص ظاهر");
    }

    #[test]
    fn doc_ids_are_strings_or_integers_of_bounded_length() {
        // issue 16: doc_id accepted any JSON type and any length
        let id = |v: serde_json::Value| doc_id_of(Some(v), || "fallback".into());
        assert_eq!(id(serde_json::json!("spa-1")), Ok("spa-1".into()));
        assert_eq!(id(serde_json::json!(42)), Ok("42".into()));
        assert_eq!(id(serde_json::Value::Null), Ok("fallback".into()));
        assert!(id(serde_json::json!([1])).unwrap_err().contains("an array"));
        assert!(id(serde_json::json!({"a": 1}))
            .unwrap_err()
            .contains("an object"));
        assert!(id(serde_json::json!(true))
            .unwrap_err()
            .contains("a boolean"));
        assert!(id(serde_json::json!(1.5))
            .unwrap_err()
            .contains("a fraction"));
        assert!(id(serde_json::json!("x".repeat(MAX_DOC_ID + 1)))
            .unwrap_err()
            .contains("513 bytes"));
    }

    #[test]
    fn a_json_array_line_is_no_document() {
        let dir = std::env::temp_dir().join(format!("rasid-input-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        let f = dir.join("docs.jsonl");
        std::fs::write(
            &f,
            "[\"a\", \"زار الوزير أنقرة.\"]\n{\"doc_id\": \"b\", \"text\": \"زار الوزير أنقرة.\"}\n",
        )
        .unwrap();
        let (mut ok, mut bad) = (Vec::new(), Vec::new());
        read_all(
            &[f.display().to_string()],
            &ReadOptions::default(),
            &mut |r| {
                match r {
                    Ok(d) => ok.push(d.doc_id),
                    Err(e) => bad.push(e.to_string()),
                }
                Ok(())
            },
        )
        .unwrap();
        std::fs::remove_dir_all(&dir).ok();
        assert_eq!(ok, ["b"]);
        assert_eq!(bad.len(), 1);
        assert!(
            bad[0].contains("docs.jsonl:1") && bad[0].contains("expected an object"),
            "{bad:?}"
        );
    }

    #[test]
    fn formats() {
        assert_eq!(format_of("a.jsonl.gz", b""), Format::Jsonl);
        assert_eq!(format_of("-", b"  {\"doc_id\""), Format::Jsonl);
        assert_eq!(format_of("a.txt", b"<p>"), Format::Html);
        assert_eq!(format_of("a.txt", "زار".as_bytes()), Format::Text);
        assert_eq!(stem("dir/ankara-visit.txt"), "ankara-visit");
    }
}
