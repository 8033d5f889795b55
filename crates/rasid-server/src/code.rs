//! `POST /v1/code`: code a text on the fly and return its events with displaCy-like
//! highlight spans for actors, triggers, dates and places.

use rasid_coder::{Coder, Event, FoundKind, SentenceTrace};
use rasid_lexicon::Lexicon;
use rasid_text::Document;
use serde::{Deserialize, Serialize};

/// The body of `POST /v1/code`.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CodeRequest {
    /// Article text (UTF-8).
    pub text: String,
    /// Article date, `YYYY-MM-DD`: anchors relative and Hijri dates.
    #[serde(default)]
    pub date: Option<String>,
    /// Headline.
    #[serde(default)]
    pub title: Option<String>,
}

/// What a highlight span marks.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum SpanKind {
    /// An actor mention (label: its CAMEO actor code).
    Actor,
    /// A trigger (label: the CAMEO event code of its rule).
    Trigger,
    /// A date expression (label: the resolved date, or `DATE` when unresolved).
    Date,
    /// A gazetteer place (label: its ISO alpha-3 country code).
    Place,
}

/// One highlight, displaCy style: a half-open UTF-8 **byte** range into the text.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct HighlightSpan {
    /// First byte.
    pub start: usize,
    /// One past the last byte.
    pub end: usize,
    /// Actor code, CAMEO event code, resolved date or country code (see [`SpanKind`]).
    pub label: String,
    /// What the span marks.
    pub kind: SpanKind,
    /// `&text[start..end]`.
    pub text: String,
    /// Lexicon entry or trigger rule id, when there is one.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub entry: Option<String>,
    /// English name (actors, places) or gloss (triggers).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
}

/// The answer of `POST /v1/code`.
#[derive(Debug, Clone, Serialize)]
pub struct CodeResponse {
    /// The events, as in `rasid code` (doc id `api`).
    pub events: Vec<Event>,
    /// Highlights in text order (they may overlap: a capital is both an actor and a place).
    pub spans: Vec<HighlightSpan>,
    /// The lexicon version used.
    pub lexicon: String,
}

/// Parses a date given as exactly `YYYY-MM-DD` (surrounding whitespace ignored): a real
/// calendar day with a four-digit year (`+99999-01-01`, `2025-02-30` and `2025-1-5` are
/// `None`); see [`rasid_store::query::parse_ymd`].
pub fn parse_date(s: &str) -> Option<chrono::NaiveDate> {
    rasid_store::query::parse_ymd(s.trim())
}

/// Codes `doc` and computes its highlight spans from the same analysis.
pub fn code(lex: &Lexicon, doc: &Document) -> CodeResponse {
    let (events, traces) = Coder::new(lex).analyse(doc);
    let mut spans = highlights(&doc.text, &traces);
    add_event_spans(&doc.text, &events, &mut spans);
    CodeResponse {
        spans,
        events,
        lexicon: lex.version().to_string(),
    }
}

/// The highlight spans of `doc`: what the coder found in it ([`highlights`]).
pub fn highlight(lex: &Lexicon, doc: &Document) -> Vec<HighlightSpan> {
    let (_, traces) = Coder::new(lex).analyse(doc);
    highlights(&doc.text, &traces)
}

/// The highlight spans of document text `raw` from the coder's analysis of it
/// ([`rasid_coder::Found`] of each sentence's trace): the coded actor mentions as the
/// coder reads them, the triggers it considers (reporting verbs left out: they make no
/// event), every date expression and every gazetteer place; sorted by start, longer
/// first.
pub fn highlights(raw: &str, traces: &[SentenceTrace]) -> Vec<HighlightSpan> {
    let mut out: Vec<HighlightSpan> = traces
        .iter()
        .flat_map(|t| &t.found)
        .map(|f| HighlightSpan {
            start: f.span.start,
            end: f.span.end,
            label: f.label.clone(),
            kind: match f.kind {
                FoundKind::Actor => SpanKind::Actor,
                FoundKind::Trigger => SpanKind::Trigger,
                FoundKind::Place => SpanKind::Place,
                FoundKind::Date => SpanKind::Date,
            },
            text: raw[f.span.range()].to_string(),
            entry: f.entry.clone(),
            name: f.name.clone(),
        })
        .collect();
    out.sort_by(|a, b| a.start.cmp(&b.start).then(b.end.cmp(&a.end)));
    out
}

/// Adds the actor and trigger spans of `events` that [`highlight`] did not find (so every
/// event's evidence words are highlighted even where the two selections differ).
pub fn add_event_spans(raw: &str, events: &[Event], spans: &mut Vec<HighlightSpan>) {
    let mut add = |start: usize, end: usize, kind, label: &str, entry: &str, name: Option<&str>| {
        if end > raw.len()
            || start >= end
            || !raw.is_char_boundary(start)
            || !raw.is_char_boundary(end)
        {
            return;
        }
        if spans
            .iter()
            .any(|s| s.kind == kind && s.start == start && s.end == end)
        {
            return;
        }
        spans.push(HighlightSpan {
            start,
            end,
            label: label.to_string(),
            kind,
            text: raw[start..end].to_string(),
            entry: Some(entry.to_string()),
            name: name.map(str::to_string),
        });
    };
    for e in events {
        for a in std::iter::once(&e.source).chain(e.target.as_ref()) {
            add(
                a.span.start,
                a.span.end,
                SpanKind::Actor,
                &a.code,
                &a.entry,
                Some(&a.name),
            );
        }
        let t = &e.trigger;
        add(
            t.span.start,
            t.span.end,
            SpanKind::Trigger,
            &e.cameo,
            &t.rule,
            None,
        );
    }
    spans.sort_by(|a, b| a.start.cmp(&b.start).then(b.end.cmp(&a.end)));
}
