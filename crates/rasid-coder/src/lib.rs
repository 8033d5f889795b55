//! The rasid event coder: Arabic news text + lexicons → CAMEO/PLOVER events, each with
//! the words that produced it.
//!
//! For every sentence the coder finds triggers, actors, places, cues and date
//! expressions (lexicon matches through the clitic splitter), chunks actors into
//! mentions ([`actors`]), assigns source and target by Arabic word order and
//! prepositions ([`roles`]), marks negated / future / hypothetical events, dates and
//! places them, and merges repeated mentions of one event in the article.
//! Rules follow `../shared/gold/GUIDE.md`; precision first: an event whose source has no
//! country or organisation code is not emitted.
//!
//! Each sentence goes through five stages, in this order (`code_sentence` in
//! `src/roles.rs`, the stages in `src/roles/`; positions are token indices into the
//! document's tokens, spans raw byte offsets):
//!
//! 1. **mentions** (`mentions::find_mentions`): the sentence's lexicon matches and the
//!    article context → `SentenceMentions`: the selected actor matches, the triggers, and
//!    the cast of mentions with the codes the article gives them (both parties, definite
//!    references, the tagger's people, a role's country or body, a region's country,
//!    former office holders, struck parties).
//! 2. **context** (`context::read_context`): the matches and the `SentenceMentions`
//!    (whose cast loses the mentions inside attribution clauses and the news media) →
//!    `SentenceContext`: cues, attribution clauses, quotations and reported speech with
//!    their speakers, places, clause-opening connectives.
//! 3. **rules** (`rules::apply_rules`): a `SentenceView` of the two → the rules' events
//!    (pushed to the document's), each trigger's outcome or rejection in the
//!    [`SentenceTrace`], and a `RuleState` (the subject used, how many events).
//! 4. **learned decisions** (`learned_stage`, with a model or candidates to collect): the
//!    `SentenceView` and the rules' events → events added or replaced ([`learn`]), and the
//!    sentence's [`learn::SentenceCandidates`].
//! 5. **carry-over** (`carry::carry_over`): the `RuleState` and `SentenceContext` → the
//!    article context for the next sentence: its subject, the speaker of a quotation left
//!    open, history.
//!
//! ```
//! use rasid_coder::Coder;
//! use rasid_lexicon::{Lexicon, Sources};
//! let lex = Lexicon::build(&Sources::embedded()).unwrap();
//! let coder = Coder::new(&lex);
//! let doc = rasid_text::Document {
//!     doc_id: "ex".into(),
//!     text: "زار وزير الخارجية التركي القاهرة أمس.".into(),
//!     date: chrono::NaiveDate::from_ymd_opt(2025, 10, 20),
//!     ..Default::default()
//! };
//! let events = coder.code(&doc);
//! assert_eq!(events[0].cameo, "042");
//! assert_eq!(events[0].source.code, "TURGOV");
//! // the capital travelled to stands for the country (a visit goes to Egypt)
//! assert_eq!(events[0].target.as_ref().unwrap().code, "EGY");
//! assert_eq!(events[0].date.as_deref(), Some("2025-10-19"));
//! ```
#![deny(missing_docs)]

pub mod actors;
mod ambiguity;
pub mod event;
pub mod gdelt;
pub mod learn;
pub mod roles;

pub use event::{ActorRef, Aux, Event, Location, PloverRef, TriggerRef};
pub use learn::Model;
pub use roles::{Considered, Detail, Found, FoundKind, LearnedTrace, RoleTrace, SentenceTrace};

use rasid_lexicon::Lexicon;
use rasid_text::Document;

/// Options of the coder.
#[derive(Debug, Clone, PartialEq)]
pub struct Options {
    /// Emit plain statements (CAMEO 010, bare reporting verbs); off by default (GUIDE.md).
    pub emit_statements: bool,
    /// Drop events under this confidence.
    pub min_confidence: f32,
    /// Give a role named without a country (`وزير الخارجية` alone) the country of the
    /// reporting agency or dateline (`واس` → SAU) when the article has not named that role
    /// with a country before. Off by default: on the dev gold it adds more wrong events
    /// than right ones.
    pub home_country_roles: bool,
    /// Run the trained named-entity tagger ([`rasid_ner`]) on sentences whose subject may
    /// be missing (no coded mention before or at the first trigger), and keep the people
    /// it finds that no lexicon entry names as mentions without a code (entry
    /// `tagger:PERS`, shown by `explain`): an unknown subject then blocks the subject
    /// carried from an earlier sentence. Off by default: measured neutral on accuracy
    /// (validation main F1 0.3854 on vs 0.3859 off, dev 0.7895 vs 0.7853, train CV 0.362
    /// both) and about 35% slower on the corpus (one thread).
    pub tag_people: bool,
    /// The learned decisions ([`learn`]); `None` codes by the rules alone. The default is
    /// the process's model ([`set_process_model`]), else the shipped one
    /// ([`Model::embedded`], parsed once per process).
    pub model: Option<std::sync::Arc<Model>>,
}

impl Default for Options {
    fn default() -> Self {
        Options {
            emit_statements: false,
            min_confidence: 0.0,
            home_country_roles: false,
            tag_people: false,
            model: process_model(),
        }
    }
}

static PROCESS_MODEL: std::sync::OnceLock<Option<std::sync::Arc<Model>>> =
    std::sync::OnceLock::new();

/// Sets the model every [`Options::default`] of this process carries (`None`: the rules
/// alone), as `rasid --model DIR` and `--rules-only` do before any coder is made. Returns
/// false, changing nothing, when the process model was already fixed (set, or read by an
/// earlier [`Options::default`]).
pub fn set_process_model(model: Option<std::sync::Arc<Model>>) -> bool {
    PROCESS_MODEL.set(model).is_ok()
}

/// The model of [`Options::default`]: the one given to [`set_process_model`], else the
/// shipped model.
pub fn process_model() -> Option<std::sync::Arc<Model>> {
    PROCESS_MODEL
        .get_or_init(|| Some(std::sync::Arc::new(Model::embedded())))
        .clone()
}

/// A document the coder failed on (a bug in the coder, caught by [`Coder::try_code`]).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CodeError {
    /// The document's id.
    pub doc_id: String,
    /// The panic message.
    pub message: String,
}

impl std::fmt::Display for CodeError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(
            f,
            "document {:?}: coder failed: {} (a bug; please report it with the text)",
            self.doc_id, self.message
        )
    }
}

impl std::error::Error for CodeError {}

/// The coder: a lexicon and options. Cheap to create; share one across threads.
#[derive(Debug, Clone)]
pub struct Coder<'l> {
    lex: &'l Lexicon,
    opts: Options,
}

impl<'l> Coder<'l> {
    /// A coder over `lex` with default [`Options`].
    pub fn new(lex: &'l Lexicon) -> Self {
        Coder {
            lex,
            opts: Options::default(),
        }
    }

    /// A coder over `lex` with `opts`.
    pub fn with_options(lex: &'l Lexicon, opts: Options) -> Self {
        Coder { lex, opts }
    }

    /// The lexicon.
    pub fn lexicon(&self) -> &'l Lexicon {
        self.lex
    }

    /// The options.
    pub fn options(&self) -> &Options {
        &self.opts
    }

    /// Codes one document. Returns its events in text order, repeated mentions merged,
    /// with ids `DOC_ID:1`, `DOC_ID:2` ….
    ///
    /// # Panics
    /// Only on a bug in the coder; batch callers use [`Coder::try_code`], which turns
    /// such a bug into an error for this document alone.
    pub fn code(&self, doc: &Document) -> Vec<Event> {
        roles::code_document(self.lex, &self.opts, doc, None, None)
    }

    /// Codes one document and returns, with its events, every sentence's learning
    /// candidates ([`learn::SentenceCandidates`]): what `rasid train` learns from.
    pub fn candidates(&self, doc: &Document) -> (Vec<Event>, Vec<learn::SentenceCandidates>) {
        let mut c = Vec::new();
        let events = roles::code_document(self.lex, &self.opts, doc, None, Some(&mut c));
        (events, c)
    }

    /// Like [`Coder::code`], but a bug in the coder on this document (a panic) is caught
    /// and returned as a [`CodeError`] naming the document, so that a batch goes on with
    /// the other documents.
    ///
    /// # Errors
    /// [`CodeError`] with the document id and the panic message.
    pub fn try_code(&self, doc: &Document) -> Result<Vec<Event>, CodeError> {
        std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| self.code(doc))).map_err(|p| {
            let message = p
                .downcast_ref::<&str>()
                .map(|s| s.to_string())
                .or_else(|| p.downcast_ref::<String>().cloned())
                .unwrap_or_else(|| "unknown panic".into());
            CodeError {
                doc_id: doc.doc_id.clone(),
                message,
            }
        })
    }

    /// Codes one document and records, per sentence, what the coder saw and decided
    /// (for `rasid explain`): [`Detail::Full`].
    pub fn explain(&self, doc: &Document) -> (Vec<Event>, Vec<SentenceTrace>) {
        self.trace(doc, Detail::Full)
    }

    /// Codes one document and records, per sentence, what the coder found
    /// ([`SentenceTrace::found`], [`Detail::Found`]): the analysis the dashboard
    /// highlights, at little more than the cost of [`Coder::code`].
    pub fn analyse(&self, doc: &Document) -> (Vec<Event>, Vec<SentenceTrace>) {
        self.trace(doc, Detail::Found)
    }

    /// Codes one document, recording per sentence what the coder saw in `detail`.
    pub fn trace(&self, doc: &Document, detail: Detail) -> (Vec<Event>, Vec<SentenceTrace>) {
        let mut traces = Vec::new();
        let events =
            roles::code_document(self.lex, &self.opts, doc, Some((&mut traces, detail)), None);
        (events, traces)
    }
}
