//! Reading lexicon source files into entries (formats: `lexicons/README.md`).
//!
//! A file's kind comes from its name: `countries*.tsv`, `organizations*.tsv`,
//! `people*.jsonl`, `agents*.tsv`, `places*.tsv`, `triggers*.tsv`, `cues*.tsv`,
//! `words*.tsv`, and the
//! CAMEO tables `cameo/eventcodes.tsv`, `cameo/goldstein.tsv`, `cameo/cameo2plover.txt`.
//! Other files (README, NOTICE) are ignored.

use crate::entry::*;
use crate::error::{ErrorKind, LexiconError};
use crate::words::{WordList, WordListEntry};

/// The kind of lexicon a source file holds, from its file name.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum FileKind {
    /// `countries*.tsv`
    Countries,
    /// `organizations*.tsv`
    Organizations,
    /// `people*.jsonl`
    People,
    /// `agents*.tsv`
    Agents,
    /// `places*.tsv`
    Places,
    /// `triggers*.tsv`
    Triggers,
    /// `cues*.tsv`
    Cues,
    /// `words*.tsv`
    Words,
    /// `eventcodes.tsv`, `goldstein.tsv`, `cameo2plover.txt`
    Cameo,
}

impl FileKind {
    /// The kind of the file at `path` (its last component decides), or `None` when the
    /// file is not a lexicon source.
    pub fn of(path: &str) -> Option<FileKind> {
        let name = path.rsplit(['/', '\\']).next().unwrap_or(path);
        let tsv = name.ends_with(".tsv");
        Some(match () {
            _ if name.starts_with("countries") && tsv => FileKind::Countries,
            _ if name.starts_with("organizations") && tsv => FileKind::Organizations,
            _ if name.starts_with("people") && name.ends_with(".jsonl") => FileKind::People,
            _ if name.starts_with("agents") && tsv => FileKind::Agents,
            _ if name.starts_with("places") && tsv => FileKind::Places,
            _ if name.starts_with("triggers") && tsv => FileKind::Triggers,
            _ if name.starts_with("cues") && tsv => FileKind::Cues,
            _ if name.starts_with("words") && tsv => FileKind::Words,
            _ if matches!(
                name,
                "eventcodes.tsv" | "goldstein.tsv" | "cameo2plover.txt"
            ) =>
            {
                FileKind::Cameo
            }
            _ => return None,
        })
    }
}

/// Splits a `|`-separated cell into trimmed, non-empty alternatives (`-` is empty).
pub fn alternatives(cell: &str) -> Vec<String> {
    let cell = cell.trim();
    if cell == "-" {
        return Vec::new();
    }
    cell.split('|')
        .map(str::trim)
        .filter(|s| !s.is_empty())
        .map(String::from)
        .collect()
}

/// One data row of a TSV file: its 1-based line number and its cells (`columns.len()` of them).
pub(crate) struct Row<'a> {
    pub line: usize,
    pub cells: Vec<&'a str>,
}

/// Reads a TSV file whose header must equal `columns`. Rows with missing trailing cells
/// are padded with empty cells; rows with extra cells are errors.
pub(crate) fn tsv_rows<'a>(
    file: &str,
    text: &'a str,
    columns: &[&str],
    errors: &mut Vec<LexiconError>,
) -> Vec<Row<'a>> {
    let mut rows = Vec::new();
    let mut header_seen = false;
    for (i, line) in text.lines().enumerate() {
        let n = i + 1;
        let line = line.trim_end_matches('\r');
        if line.trim().is_empty() || line.starts_with('#') {
            continue;
        }
        let cells: Vec<&str> = line.split('\t').collect();
        if !header_seen {
            header_seen = true;
            let got: Vec<&str> = cells.iter().map(|c| c.trim()).collect();
            if got != columns {
                errors.push(LexiconError::new(
                    file,
                    n,
                    ErrorKind::Syntax,
                    format!(
                        "header must be `{}`, found `{}`",
                        columns.join("\\t"),
                        got.join("\\t")
                    ),
                ));
                return rows;
            }
            continue;
        }
        if cells.len() > columns.len() {
            errors.push(LexiconError::new(
                file,
                n,
                ErrorKind::Syntax,
                format!(
                    "expected {} tab-separated columns, found {}",
                    columns.len(),
                    cells.len()
                ),
            ));
            continue;
        }
        let mut cells = cells;
        cells.resize(columns.len(), "");
        rows.push(Row { line: n, cells });
    }
    if !header_seen {
        errors.push(LexiconError::new(
            file,
            0,
            ErrorKind::Syntax,
            "empty file: no header line",
        ));
    }
    rows
}

fn origin(file: &str, line: usize) -> Origin {
    Origin {
        file: file.to_string(),
        line,
    }
}

fn require<'a>(
    file: &str,
    line: usize,
    col: &str,
    v: &'a str,
    errors: &mut Vec<LexiconError>,
) -> Option<&'a str> {
    let v = v.trim();
    if v.is_empty() || v == "-" {
        errors.push(LexiconError::new(
            file,
            line,
            ErrorKind::BadValue,
            format!("column `{col}` is empty"),
        ));
        None
    } else {
        Some(v)
    }
}

/// The rows of a TSV file whose first two columns (e.g. `id` and `code`) must not be empty,
/// with those two values; rows missing either are reported and skipped.
fn keyed_rows<'a>(
    file: &str,
    text: &'a str,
    columns: &[&str],
    errors: &mut Vec<LexiconError>,
) -> Vec<(Row<'a>, &'a str, &'a str)> {
    let mut out = Vec::new();
    for r in tsv_rows(file, text, columns, errors) {
        let first = require(file, r.line, columns[0], r.cells[0], errors);
        let second = require(file, r.line, columns[1], r.cells[1], errors);
        if let (Some(a), Some(b)) = (first, second) {
            out.push((r, a, b));
        }
    }
    out
}

/// Columns of `countries*.tsv`.
pub const COUNTRY_COLUMNS: &[&str] = &["id", "code", "names", "capitals", "nisba", "plural", "en"];
/// Columns of `organizations*.tsv`.
pub const ORGANIZATION_COLUMNS: &[&str] = &["id", "code", "kind", "names", "en"];
/// Columns of `agents*.tsv`.
pub const AGENT_COLUMNS: &[&str] = &["id", "sector", "forms", "en"];
/// Columns of `places*.tsv`.
pub const PLACE_COLUMNS: &[&str] = &[
    "geonameid",
    "kind",
    "country",
    "lat",
    "lon",
    "population",
    "names",
    "en",
];
/// Columns of `triggers*.tsv`.
pub const TRIGGER_COLUMNS: &[&str] = &["id", "cameo", "pos", "forms", "target", "flags", "en"];
/// Columns of `cues*.tsv`.
pub const CUE_COLUMNS: &[&str] = &["id", "kind", "forms", "scope", "en"];

pub(crate) fn countries(file: &str, text: &str, errors: &mut Vec<LexiconError>) -> Vec<Country> {
    let mut out = Vec::new();
    for (r, id, code) in keyed_rows(file, text, COUNTRY_COLUMNS, errors) {
        let c = &r.cells;
        out.push(Country {
            id: id.into(),
            code: code.into(),
            names: alternatives(c[2]),
            capitals: alternatives(c[3]),
            nisba: alternatives(c[4]),
            plural: alternatives(c[5]),
            en: c[6].trim().into(),
            origin: origin(file, r.line),
        });
    }
    out
}

pub(crate) fn organizations(
    file: &str,
    text: &str,
    errors: &mut Vec<LexiconError>,
) -> Vec<Organization> {
    let mut out = Vec::new();
    for (r, id, code) in keyed_rows(file, text, ORGANIZATION_COLUMNS, errors) {
        let c = &r.cells;
        out.push(Organization {
            id: id.into(),
            code: code.into(),
            kind: c[2].trim().into(),
            names: alternatives(c[3]),
            en: c[4].trim().into(),
            origin: origin(file, r.line),
        });
    }
    out
}

pub(crate) fn agents(file: &str, text: &str, errors: &mut Vec<LexiconError>) -> Vec<Agent> {
    let mut out = Vec::new();
    for (r, id, sector) in keyed_rows(file, text, AGENT_COLUMNS, errors) {
        let c = &r.cells;
        out.push(Agent {
            id: id.into(),
            sector: sector.into(),
            forms: alternatives(c[2]),
            en: c[3].trim().into(),
            origin: origin(file, r.line),
        });
    }
    out
}

pub(crate) fn places(file: &str, text: &str, errors: &mut Vec<LexiconError>) -> Vec<Place> {
    let mut out = Vec::new();
    for r in tsv_rows(file, text, PLACE_COLUMNS, errors) {
        let c = &r.cells;
        let num_err = |col: &str, v: &str| {
            LexiconError::new(
                file,
                r.line,
                ErrorKind::BadValue,
                format!("column `{col}`: not a number: {v:?}"),
            )
        };
        let geonameid = match c[0].trim().parse::<u64>() {
            Ok(v) => v,
            Err(_) => {
                errors.push(num_err("geonameid", c[0]));
                continue;
            }
        };
        let (lat, lon) = match (c[3].trim().parse::<f64>(), c[4].trim().parse::<f64>()) {
            (Ok(a), Ok(b)) if (-90.0..=90.0).contains(&a) && (-180.0..=180.0).contains(&b) => {
                (a, b)
            }
            _ => {
                errors.push(num_err("lat/lon", &format!("{} {}", c[3], c[4])));
                continue;
            }
        };
        out.push(Place {
            geonameid,
            kind: c[1].trim().into(),
            country: c[2].trim().into(),
            lat,
            lon,
            population: c[5].trim().parse().unwrap_or(0),
            names: alternatives(c[6]),
            en: c[7].trim().into(),
            origin: origin(file, r.line),
        });
    }
    out
}

pub(crate) fn triggers(file: &str, text: &str, errors: &mut Vec<LexiconError>) -> Vec<Trigger> {
    let mut out = Vec::new();
    for (r, id, cameo) in keyed_rows(file, text, TRIGGER_COLUMNS, errors) {
        let c = &r.cells;
        let pos = match c[2].trim() {
            "verb" => Pos::Verb,
            "noun" => Pos::Noun,
            other => {
                errors.push(LexiconError::new(
                    file,
                    r.line,
                    ErrorKind::BadValue,
                    format!("column `pos` must be verb or noun, found {other:?}"),
                ));
                continue;
            }
        };
        let mut t = Trigger {
            id: id.into(),
            cameo: cameo.into(),
            pos,
            forms: alternatives(c[3]),
            target: alternatives(c[4])
                .iter()
                .map(|p| {
                    if p == "obj" {
                        p.clone()
                    } else {
                        rasid_text::fold(p)
                    }
                })
                .collect(),
            recv: false,
            mirror: None,
            say: false,
            noinflect: false,
            owner: false,
            learned: false,
            en: c[6].trim().into(),
            origin: origin(file, r.line),
        };
        for flag in c[5]
            .split([',', ' '])
            .map(str::trim)
            .filter(|f| !f.is_empty() && *f != "-")
        {
            match flag.split_once('=') {
                None if flag == "recv" => t.recv = true,
                None if flag == "say" => t.say = true,
                None if flag == "noinflect" => t.noinflect = true,
                None if flag == "owner" => t.owner = true,
                None if flag == "learned" => t.learned = true,
                Some(("mirror", code)) => t.mirror = Some(code.trim().to_string()),
                _ => errors.push(LexiconError::new(
                    file,
                    r.line,
                    ErrorKind::BadValue,
                    format!(
                        "unknown flag {flag:?} (known: recv, say, noinflect, owner, learned, mirror=CODE)"
                    ),
                )),
            }
        }
        out.push(t);
    }
    out
}

pub(crate) fn cues(file: &str, text: &str, errors: &mut Vec<LexiconError>) -> Vec<Cue> {
    let mut out = Vec::new();
    for r in tsv_rows(file, text, CUE_COLUMNS, errors) {
        let c = &r.cells;
        let Some(id) = require(file, r.line, "id", c[0], errors) else {
            continue;
        };
        let kind = match c[1].trim() {
            "negation" => CueKind::Negation,
            "future" => CueKind::Future,
            "hypothetical" => CueKind::Hypothetical,
            "obligation" => CueKind::Obligation,
            "attribution" => CueKind::Attribution,
            "continuation" => CueKind::Continuation,
            "report" => CueKind::Report,
            "sports" => CueKind::Sports,
            other => {
                errors.push(LexiconError::new(
                    file,
                    r.line,
                    ErrorKind::BadValue,
                    format!("unknown cue kind {other:?}"),
                ));
                continue;
            }
        };
        out.push(Cue {
            id: id.into(),
            kind,
            forms: alternatives(c[2]),
            scope: c[3].trim().into(),
            en: c[4].trim().into(),
            origin: origin(file, r.line),
        });
    }
    out
}

pub(crate) fn people(file: &str, text: &str, errors: &mut Vec<LexiconError>) -> Vec<Person> {
    let mut out = Vec::new();
    for (i, line) in text.lines().enumerate() {
        let line = line.trim();
        if line.is_empty() || line.starts_with('#') || line.starts_with("//") {
            continue;
        }
        match serde_json::from_str::<Person>(line) {
            Ok(mut p) => {
                p.origin = origin(file, i + 1);
                out.push(p);
            }
            Err(e) => errors.push(LexiconError::new(
                file,
                i + 1,
                ErrorKind::Syntax,
                format!("invalid person entry: {e}"),
            )),
        }
    }
    out
}

/// Columns of `words*.tsv`.
pub const WORD_COLUMNS: &[&str] = &["list", "words", "en"];

/// Reads a `words*.tsv` file: one word list a line, its words folded. A list name the
/// coder does not know ([`WordList`]) or a list without words is an error.
pub(crate) fn words(file: &str, text: &str, errors: &mut Vec<LexiconError>) -> Vec<WordListEntry> {
    let mut out = Vec::new();
    for r in tsv_rows(file, text, WORD_COLUMNS, errors) {
        let c = &r.cells;
        let Some(name) = require(file, r.line, "list", c[0], errors) else {
            continue;
        };
        if WordList::from_name(name).is_none() {
            errors.push(LexiconError::new(
                file,
                r.line,
                ErrorKind::BadValue,
                format!("unknown word list {name:?} (the coder reads no list of that name)"),
            ));
            continue;
        }
        let words: Vec<String> = alternatives(c[1])
            .iter()
            .map(|w| rasid_text::fold(w))
            .collect();
        if words.is_empty() {
            errors.push(LexiconError::new(
                file,
                r.line,
                ErrorKind::BadValue,
                format!("word list {name:?} has no words"),
            ));
            continue;
        }
        out.push(WordListEntry {
            name: name.into(),
            words,
            en: c[2].trim().into(),
            origin: origin(file, r.line),
        });
    }
    out
}
