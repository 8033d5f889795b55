//! The lexicons of rasid: actors (countries, organisations, people), agents (roles),
//! places, triggers (action words), cues, and the CAMEO codebook, as editable files
//! (formats: `lexicons/README.md`) compiled into a fast token-level matcher.
//!
//! Three stages, as in lindera: **read** sources ([`Sources::embedded`],
//! [`Sources::read_dir`]), **build** ([`Lexicon::build`], which parses, validates and
//! compiles; the result is immutable and `Sync`), **use** ([`Lexicon::find`]). The
//! compiled lexicon carries a version with a hash of its sources
//! ([`Lexicon::version`]), which every event records.
//!
//! ```
//! use rasid_lexicon::{Lexicon, Sources, EntryRef};
//! let lex = Lexicon::build(&Sources::embedded()).unwrap();
//! let raw = "وزار وزيرُ الخارجيةِ التركي أنقرة";
//! let toks = rasid_text::tokenize(raw);
//! let found = lex.find(raw, &toks, 0..toks.len());
//! assert!(found.iter().any(|m| matches!(m.entry, EntryRef::Capital(_)) && &raw[m.span.range()] == "أنقرة"));
//! ```
#![deny(missing_docs)]

pub mod cameo;
pub mod codes;
pub mod entry;
pub mod error;
pub mod matcher;
pub mod parse;
pub mod words;

pub use cameo::{quad_class, CameoTable, Plover};
pub use entry::*;
pub use error::{ErrorKind, LexiconError};
pub use matcher::{EntryRef, Match};
pub use parse::FileKind;
pub use words::{WordList, WordListEntry, WordLists, Words};

use matcher::{Matcher, MatcherBuilder};
use sha2::{Digest, Sha256};
use std::collections::{HashMap, HashSet};
use std::ops::Range;
use std::path::Path;

mod embedded {
    include!(concat!(env!("OUT_DIR"), "/embedded.rs"));
}

/// The first bytes of a compiled lexicon ([`Lexicon::to_bytes`]).
pub const COMPILED_MAGIC: &[u8; 8] = b"RASIDLEX";

/// The format version of compiled lexicons; raised whenever an entry or the matcher
/// changes shape, so that a stale compiled form is refused, not misread.
pub const COMPILED_FORMAT: u32 = 3;

/// The release series of the shipped lexicons, the first part of [`Lexicon::version`].
pub const LEXICON_SERIES: &str = "2026.11.0";

/// Lexicon source files: (name, contents) pairs, in layering order (later files override
/// entries of earlier ones with the same id).
#[derive(Debug, Clone, Default)]
pub struct Sources {
    /// (file name or path, UTF-8 contents).
    pub files: Vec<(String, String)>,
}

impl Sources {
    /// The lexicons shipped in the binary (the repository's `lexicons/` at build time).
    pub fn embedded() -> Sources {
        Sources {
            files: embedded::EMBEDDED
                .iter()
                .map(|(n, t)| (format!("lexicons/{n}"), t.to_string()))
                .collect(),
        }
    }

    /// Reads every lexicon source file in `dir` and its `cameo/` subdirectory (other files
    /// are skipped).
    ///
    /// # Errors
    /// An [`ErrorKind::Io`] error naming the path when the directory or a file cannot be
    /// read or is not UTF-8.
    pub fn read_dir(dir: &Path) -> Result<Sources, LexiconError> {
        let io =
            |p: &Path, e: String| LexiconError::new(&p.display().to_string(), 0, ErrorKind::Io, e);
        let mut files = Vec::new();
        for d in [dir.to_path_buf(), dir.join("cameo")] {
            if !d.is_dir() {
                if d == dir {
                    return Err(io(dir, "not a directory".into()));
                }
                continue;
            }
            let mut paths: Vec<_> = std::fs::read_dir(&d)
                .map_err(|e| io(&d, e.to_string()))?
                .flatten()
                .map(|e| e.path())
                .collect();
            paths.sort();
            for p in paths {
                if p.is_file() && FileKind::of(&p.to_string_lossy()).is_some() {
                    let bytes = std::fs::read(&p).map_err(|e| io(&p, e.to_string()))?;
                    let text = String::from_utf8(bytes).map_err(|e| {
                        io(
                            &p,
                            format!("not UTF-8 at byte {}", e.utf8_error().valid_up_to()),
                        )
                    })?;
                    files.push((p.display().to_string(), text));
                }
            }
        }
        Ok(Sources { files })
    }

    /// These sources followed by `other` (whose entries override same-id entries).
    pub fn layered(mut self, other: Sources) -> Sources {
        self.files.extend(other.files);
        self
    }

    /// SHA-256 of all names and contents, hex, first 8 characters.
    pub fn hash(&self) -> String {
        let mut h = Sha256::new();
        for (n, t) in &self.files {
            h.update(n.rsplit('/').next().unwrap_or(n).as_bytes());
            h.update([0]);
            h.update(t.as_bytes());
            h.update([0]);
        }
        h.finalize()
            .iter()
            .take(4)
            .map(|b| format!("{b:02x}"))
            .collect()
    }
}

/// A built lexicon: every entry, the CAMEO codebook and the compiled matcher.
/// Immutable; share it across threads by reference.
#[derive(Debug, Clone, Default, serde::Serialize, serde::Deserialize)]
pub struct Lexicon {
    /// States and territories.
    pub countries: Vec<Country>,
    /// Organisations and groups.
    pub organizations: Vec<Organization>,
    /// People with dated offices.
    pub people: Vec<Person>,
    /// Roles.
    pub agents: Vec<Agent>,
    /// Gazetteer.
    pub places: Vec<Place>,
    /// Action words.
    pub triggers: Vec<Trigger>,
    /// Cue words.
    pub cues: Vec<Cue>,
    /// Word lists (`words*.tsv`), one entry per list; [`Lexicon::words`] tests membership.
    pub word_lists: Vec<WordListEntry>,
    /// CAMEO codebook.
    pub cameo: CameoTable,
    version: String,
    matcher: Matcher,
    /// The word lists compiled for membership tests.
    words: WordLists,
    /// Country index by code.
    by_code: HashMap<String, u32>,
}

/// Sizes of a built lexicon, for `rasid lexicon stats`.
#[derive(Debug, Clone, serde::Serialize)]
pub struct Stats {
    /// Version string.
    pub version: String,
    /// Entries per kind.
    pub countries: usize,
    /// Organisations and groups.
    pub organizations: usize,
    /// People.
    pub people: usize,
    /// Dated offices over all people.
    pub offices: usize,
    /// Roles.
    pub agents: usize,
    /// Places.
    pub places: usize,
    /// Trigger entries.
    pub triggers: usize,
    /// CAMEO roots covered by triggers.
    pub trigger_roots: usize,
    /// Cue entries.
    pub cues: usize,
    /// CAMEO event codes.
    pub cameo_codes: usize,
    /// Compiled phrase patterns (all forms, inflections included).
    pub patterns: usize,
    /// Distinct folded tokens in the matcher.
    pub vocabulary: usize,
    /// Keys of the matcher's trie (forms plus their clitic spellings).
    pub trie_keys: usize,
    /// Heap bytes of the compiled matcher (trie, outputs, vocabulary).
    pub matcher_bytes: usize,
}

fn layer<T>(items: &mut Vec<T>, new: Vec<T>, id: impl Fn(&T) -> String) {
    let mut pos: HashMap<String, usize> =
        items.iter().enumerate().map(|(i, t)| (id(t), i)).collect();
    for t in new {
        match pos.get(&id(&t)) {
            Some(&i) => items[i] = t,
            None => {
                pos.insert(id(&t), items.len());
                items.push(t);
            }
        }
    }
}

/// For build scripts (the CLI's and the Python module's): compiles the shipped lexicons
/// ([`Sources::embedded`]) and writes their compiled form ([`Lexicon::to_bytes`]) to
/// `$OUT_DIR/lexicon.bin`, which the crate then embeds and loads in milliseconds instead
/// of parsing the sources on every start.
///
/// # Panics
/// When the shipped lexicons have errors (each printed on stderr, file:line), or
/// `OUT_DIR` is unset or not writable: a build script fails by panicking.
pub fn compile_embedded_for_build() {
    let lex = Lexicon::build(&Sources::embedded()).unwrap_or_else(|errs| {
        for e in &errs {
            eprintln!("{e}");
        }
        panic!("the shipped lexicons have {} error(s)", errs.len());
    });
    let out = std::path::PathBuf::from(std::env::var_os("OUT_DIR").expect("cargo sets OUT_DIR"));
    std::fs::write(out.join("lexicon.bin"), lex.to_bytes()).expect("write lexicon.bin");
}

impl Lexicon {
    /// Parses, validates and compiles `sources`. Later files override same-id entries of
    /// earlier ones (user lexicons over shipped ones).
    ///
    /// # Errors
    /// Every problem found, each with file and line (see [`Lexicon::check`] for the
    /// validation rules). Nothing is built when any error is found.
    pub fn build(sources: &Sources) -> Result<Lexicon, Vec<LexiconError>> {
        let (lex, errors) = Self::build_lenient(sources);
        if errors.is_empty() {
            Ok(lex)
        } else {
            Err(errors)
        }
    }

    /// Like [`Lexicon::build`], but returns the lexicon built from the valid entries
    /// together with the errors (used by `rasid lexicon check`).
    pub fn build_lenient(sources: &Sources) -> (Lexicon, Vec<LexiconError>) {
        let mut lex = Lexicon {
            version: format!("{LEXICON_SERIES}+{}", sources.hash()),
            ..Default::default()
        };
        let mut errors = Vec::new();
        let mut dup_check: HashMap<(FileKind, String), (String, usize)> = HashMap::new();
        let mut last_words_file: Option<String> = None;
        for (name, text) in &sources.files {
            let Some(kind) = FileKind::of(name) else {
                continue;
            };
            let e = &mut errors;
            // duplicates are errors within one file set layer (same file name stem), but a
            // later file (user layer) may override an earlier one
            macro_rules! add {
                ($field:ident, $parsed:expr, $id:expr) => {{
                    let parsed = $parsed;
                    let mut seen: HashSet<String> = HashSet::new();
                    for x in &parsed {
                        let id: String = $id(x);
                        if !seen.insert(id.clone()) {
                            e.push(LexiconError::new(
                                name,
                                x.origin.line,
                                ErrorKind::Duplicate,
                                format!("duplicate id {id:?} in this file"),
                            ));
                        }
                        dup_check.insert((kind, id), (name.clone(), x.origin.line));
                    }
                    layer(&mut lex.$field, parsed, $id);
                }};
            }
            match kind {
                FileKind::Countries => {
                    add!(countries, parse::countries(name, text, e), |x: &Country| x
                        .id
                        .clone())
                }
                FileKind::Organizations => add!(
                    organizations,
                    parse::organizations(name, text, e),
                    |x: &Organization| x.id.clone()
                ),
                FileKind::People => add!(people, parse::people(name, text, e), |x: &Person| x
                    .id
                    .clone()),
                FileKind::Agents => add!(agents, parse::agents(name, text, e), |x: &Agent| x
                    .id
                    .clone()),
                FileKind::Places => add!(places, parse::places(name, text, e), |x: &Place| x
                    .geonameid
                    .to_string()),
                FileKind::Triggers => {
                    add!(triggers, parse::triggers(name, text, e), |x: &Trigger| x
                        .id
                        .clone())
                }
                FileKind::Cues => add!(cues, parse::cues(name, text, e), |x: &Cue| x.id.clone()),
                FileKind::Words => {
                    last_words_file = Some(name.clone());
                    add!(
                        word_lists,
                        parse::words(name, text, e),
                        |x: &WordListEntry| x.name.clone()
                    )
                }
                FileKind::Cameo => lex.cameo.add_file(name, text, e),
            }
        }
        // every list the coder reads must be there (in some layer)
        for l in WordList::ALL {
            if !lex.word_lists.iter().any(|w| w.name == l.name()) {
                errors.push(LexiconError::new(
                    last_words_file.as_deref().unwrap_or("words.tsv"),
                    0,
                    ErrorKind::BadValue,
                    format!("word list {:?} is missing (the coder needs it)", l.name()),
                ));
            }
        }
        errors.extend(lex.check());
        lex.compile();
        (lex, errors)
    }

    fn compile(&mut self) {
        let mut t = MatcherBuilder::default();
        for (i, c) in self.countries.iter().enumerate() {
            let i = i as u32;
            c.names
                .iter()
                .for_each(|f| _ = t.insert(f, EntryRef::Country(i)));
            c.capitals
                .iter()
                .for_each(|f| _ = t.insert(f, EntryRef::Capital(i)));
            for n in &c.nisba {
                matcher::nisba_forms(n)
                    .iter()
                    .for_each(|f| _ = t.insert(f, EntryRef::Nisba(i)));
            }
            for p in &c.plural {
                let p = rasid_text::fold(p);
                t.insert(&p, EntryRef::Demonym(i));
                t.insert(&format!("ال{p}"), EntryRef::Demonym(i));
            }
            self.by_code.insert(c.code.clone(), i);
        }
        for (i, o) in self.organizations.iter().enumerate() {
            o.names
                .iter()
                .for_each(|f| _ = t.insert(f, EntryRef::Organization(i as u32)));
        }
        for (i, p) in self.people.iter().enumerate() {
            p.names
                .iter()
                .for_each(|f| _ = t.insert(f, EntryRef::Person(i as u32)));
            p.short
                .iter()
                .for_each(|f| _ = t.insert(f, EntryRef::PersonShort(i as u32)));
        }
        for (i, a) in self.agents.iter().enumerate() {
            a.forms
                .iter()
                .for_each(|f| _ = t.insert(f, EntryRef::Agent(i as u32)));
        }
        for (i, p) in self.places.iter().enumerate() {
            p.names
                .iter()
                .for_each(|f| _ = t.insert(f, EntryRef::Place(i as u32)));
        }
        for (i, tr) in self.triggers.iter().enumerate() {
            for f in &tr.forms {
                if tr.pos == Pos::Verb && !tr.noinflect {
                    matcher::inflect_verb(f)
                        .iter()
                        .for_each(|v| _ = t.insert(v, EntryRef::Trigger(i as u32)));
                } else {
                    t.insert(f, EntryRef::Trigger(i as u32));
                }
            }
        }
        for (i, c) in self.cues.iter().enumerate() {
            c.forms
                .iter()
                .for_each(|f| _ = t.insert(f, EntryRef::Cue(i as u32)));
        }
        self.matcher = t.build();
        self.words = WordLists::compile(&self.word_lists);
    }

    /// Validates the entries: actor and sector codes well-formed, CAMEO codes in the
    /// codebook, names present, offices with `from <= to` and not overlapping, the same
    /// person name not given to two people. Returns every problem with file and line.
    pub fn check(&self) -> Vec<LexiconError> {
        let mut errs = Vec::new();
        let bad = |o: &Origin, k: ErrorKind, m: String| LexiconError::new(&o.file, o.line, k, m);
        let actor_ok = |c: &str| {
            !c.is_empty() && c.len().is_multiple_of(3) && c.bytes().all(|b| b.is_ascii_uppercase())
        };
        let id_ok = |s: &str| {
            !s.is_empty()
                && s.bytes()
                    .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b"._-".contains(&b))
        };
        for c in &self.countries {
            if c.code.len() != 3 || !actor_ok(&c.code) {
                errs.push(bad(
                    &c.origin,
                    ErrorKind::BadValue,
                    format!("country code must be 3 capital letters, found {:?}", c.code),
                ));
            }
            if c.names.is_empty() {
                errs.push(bad(&c.origin, ErrorKind::BadValue, "no names".into()));
            }
            if !id_ok(&c.id) {
                errs.push(bad(
                    &c.origin,
                    ErrorKind::BadValue,
                    format!("id must be a lowercase slug, found {:?}", c.id),
                ));
            }
        }
        for o in &self.organizations {
            if !actor_ok(&o.code) {
                errs.push(bad(
                    &o.origin,
                    ErrorKind::BadValue,
                    format!("bad actor code {:?}", o.code),
                ));
            }
            if o.names.is_empty() {
                errs.push(bad(&o.origin, ErrorKind::BadValue, "no names".into()));
            }
        }
        let mut names: HashMap<String, &str> = HashMap::new();
        for p in &self.people {
            if p.names.is_empty() {
                errs.push(bad(&p.origin, ErrorKind::BadValue, "no names".into()));
            }
            for n in &p.names {
                if let Some(other) = names.insert(rasid_text::fold(n), &p.id) {
                    if other != p.id {
                        errs.push(bad(
                            &p.origin,
                            ErrorKind::Conflict,
                            format!("name {n:?} also belongs to {other:?}"),
                        ));
                    }
                }
            }
            for o in &p.offices {
                if !actor_ok(&o.code) {
                    errs.push(bad(
                        &p.origin,
                        ErrorKind::BadValue,
                        format!("bad actor code {:?}", o.code),
                    ));
                }
                if let (Some(f), Some(t)) = (o.from, o.to) {
                    if f > t {
                        errs.push(bad(
                            &p.origin,
                            ErrorKind::Conflict,
                            format!("office {:?}: from {f} is after to {t}", o.role),
                        ));
                    }
                }
            }
            // offices with different codes may not overlap by more than a year (a year
            // of slack lets year-precision handoffs such as "to 2008" / "from 2008" pass)
            for (i, a) in p.offices.iter().enumerate() {
                for b in &p.offices[i + 1..] {
                    let start = a
                        .from
                        .unwrap_or(chrono::NaiveDate::MIN)
                        .max(b.from.unwrap_or(chrono::NaiveDate::MIN));
                    let end =
                        a.to.unwrap_or(chrono::NaiveDate::MAX)
                            .min(b.to.unwrap_or(chrono::NaiveDate::MAX));
                    if a.code != b.code && end > start && (end - start).num_days() > 366 {
                        errs.push(bad(
                            &p.origin,
                            ErrorKind::Conflict,
                            format!(
                                "offices {:?} ({}) and {:?} ({}) overlap by more than a year",
                                a.role, a.code, b.role, b.code
                            ),
                        ));
                    }
                }
            }
        }
        for a in &self.agents {
            if !a.sector.len().is_multiple_of(3) || !actor_ok(&a.sector) {
                errs.push(bad(
                    &a.origin,
                    ErrorKind::BadValue,
                    format!("bad sector code {:?}", a.sector),
                ));
            }
        }
        for t in &self.triggers {
            if !self.cameo.is_empty() && !self.cameo.contains(&t.cameo) {
                errs.push(bad(
                    &t.origin,
                    ErrorKind::BadValue,
                    format!("unknown CAMEO code {:?}", t.cameo),
                ));
            }
            if let Some(m) = &t.mirror {
                if !self.cameo.is_empty() && !self.cameo.contains(m) {
                    errs.push(bad(
                        &t.origin,
                        ErrorKind::BadValue,
                        format!("unknown CAMEO code in mirror={m:?}"),
                    ));
                }
            }
            if t.forms.is_empty() {
                errs.push(bad(&t.origin, ErrorKind::BadValue, "no forms".into()));
            }
            if !id_ok(&t.id) {
                errs.push(bad(
                    &t.origin,
                    ErrorKind::BadValue,
                    format!("id must be a lowercase slug, found {:?}", t.id),
                ));
            }
        }
        errs
    }

    /// The compiled form of this lexicon: [`COMPILED_MAGIC`], the format version
    /// ([`COMPILED_FORMAT`], little-endian u32), then every entry, table and the matcher
    /// (postcard). [`Lexicon::from_bytes`] loads it without parsing or compiling again;
    /// the `rasid` binary embeds the compiled default lexicons this way.
    pub fn to_bytes(&self) -> Vec<u8> {
        let mut out = COMPILED_MAGIC.to_vec();
        out.extend(COMPILED_FORMAT.to_le_bytes());
        out.extend(postcard::to_stdvec(self).expect("a lexicon always serializes"));
        out
    }

    /// Loads a lexicon from its compiled form ([`Lexicon::to_bytes`]); `name` names the
    /// bytes in errors.
    ///
    /// # Errors
    /// [`ErrorKind::Io`] when the bytes are not a compiled lexicon, were written in
    /// another format version, or are truncated or corrupt.
    pub fn from_bytes(name: &str, bytes: &[u8]) -> Result<Lexicon, LexiconError> {
        let bad = |m: String| LexiconError::new(name, 0, ErrorKind::Io, m);
        let rest = bytes
            .strip_prefix(COMPILED_MAGIC)
            .ok_or_else(|| bad("not a compiled rasid lexicon".into()))?;
        let (format, payload) = rest
            .split_first_chunk::<4>()
            .ok_or_else(|| bad("truncated compiled lexicon".into()))?;
        let format = u32::from_le_bytes(*format);
        if format != COMPILED_FORMAT {
            return Err(bad(format!(
                "compiled lexicon format {format}, this build reads {COMPILED_FORMAT}: compile it again"
            )));
        }
        postcard::from_bytes(payload).map_err(|e| bad(format!("corrupt compiled lexicon: {e}")))
    }

    /// The version of this lexicon: `SERIES+HASH`, the hash covering every source file.
    pub fn version(&self) -> &str {
        &self.version
    }

    /// Every lexicon phrase found in `toks[range]` of `raw` (overlapping matches included),
    /// ordered by start token, longest first.
    pub fn find(&self, raw: &str, toks: &rasid_text::Tokens, range: Range<usize>) -> Vec<Match> {
        self.matcher.find(raw, toks, range)
    }

    /// The words of list `l` ([`WordList`]), for membership tests in the coder's rules.
    #[inline]
    pub fn words(&self, l: WordList) -> &Words {
        self.words.get(l)
    }

    /// The country with ISO alpha-3 `code`.
    pub fn country_by_code(&self, code: &str) -> Option<&Country> {
        self.by_code.get(code).map(|&i| &self.countries[i as usize])
    }

    /// Sizes of this lexicon.
    pub fn stats(&self) -> Stats {
        Stats {
            version: self.version.clone(),
            countries: self.countries.len(),
            organizations: self.organizations.len(),
            people: self.people.len(),
            offices: self.people.iter().map(|p| p.offices.len()).sum(),
            agents: self.agents.len(),
            places: self.places.len(),
            triggers: self.triggers.len(),
            trigger_roots: self
                .triggers
                .iter()
                .map(|t| t.cameo.get(..2).unwrap_or(""))
                .collect::<HashSet<_>>()
                .len(),
            cues: self.cues.len(),
            cameo_codes: self.cameo.len(),
            patterns: self.matcher.pattern_count(),
            vocabulary: self.matcher.vocab_len(),
            trie_keys: self.matcher.key_count(),
            matcher_bytes: self.matcher.heap_bytes(),
        }
    }
}

impl rasid_text::StemLexicon for Lexicon {
    fn contains_stem(&self, stem: &str) -> bool {
        self.matcher.contains(stem)
    }
}
