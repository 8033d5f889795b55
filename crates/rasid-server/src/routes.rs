//! The handlers: each parses its input, calls the library crates on the blocking pool
//! and shapes the answer; no business logic lives here.

use crate::code::{self, CodeRequest, CodeResponse};
use crate::{ApiError, AppState};
use axum::extract::rejection::{JsonRejection, PathRejection, QueryRejection};
use axum::extract::{Path, Query, State};
use axum::http::{header, HeaderMap, StatusCode};
use axum::Json;
use serde::{Deserialize, Serialize};
use serde_json::{json, Value};

/// Runs blocking work (coding, SQLite) on tokio's blocking pool.
async fn blocking<T: Send + 'static>(
    f: impl FnOnce() -> Result<T, ApiError> + Send + 'static,
) -> Result<T, ApiError> {
    tokio::task::spawn_blocking(f).await?
}

/// `GET /healthz`.
pub async fn healthz(State(state): State<AppState>) -> Json<Value> {
    Json(json!({
        "status": "ok",
        "version": env!("CARGO_PKG_VERSION"),
        "lexicon": state.lexicon().version(),
        "store": state.storage().is_ok(),
        "writes": state.token().is_some(),
    }))
}

/// `POST /v1/code`.
pub async fn code(
    State(state): State<AppState>,
    body: Result<Json<CodeRequest>, JsonRejection>,
) -> Result<Json<CodeResponse>, ApiError> {
    let Json(req) = body?;
    let date = match req.date.as_deref().filter(|d| !d.trim().is_empty()) {
        None => None,
        Some(d) => Some(code::parse_date(d).ok_or_else(|| {
            ApiError::bad_request("invalid_date", format!("date {d:?}: expected YYYY-MM-DD"))
        })?),
    };
    let doc = rasid_text::Document {
        doc_id: "api".into(),
        text: req.text,
        date,
        title: req.title,
        ..Default::default()
    };
    let res = blocking(move || Ok(code::code(state.lexicon(), &doc))).await?;
    Ok(Json(res))
}

// ---- stored events -------------------------------------------------------------------

/// Default page size of `GET /v1/events`.
const DEFAULT_LIMIT: usize = 50;
/// Largest page size of `GET /v1/events`, `/v1/actors`, `/v1/network` and `/v1/map`.
const MAX_LIMIT: usize = 1000;
/// Largest `code_len` (CAMEO actor codes are at most a few tens of characters).
const MAX_CODE_LEN: usize = 64;

/// The filters of `GET /v1/events` (those of `rasid events`) plus paging.
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct EventsQuery {
    /// Source or target code starts with this.
    pub actor: Option<String>,
    /// Source code starts with this.
    pub source: Option<String>,
    /// Target code starts with this.
    pub target: Option<String>,
    /// `A,B`: events between the two, either direction.
    pub dyad: Option<String>,
    /// CAMEO code starts with this.
    pub code: Option<String>,
    /// CAMEO root, exactly.
    pub root: Option<String>,
    /// QuadClass 1–4 (also `quad`, the name `rasid events` uses).
    #[serde(alias = "quad")]
    pub quad_class: Option<u8>,
    /// First day, `YYYY-MM-DD` (also `from`).
    #[serde(alias = "from")]
    pub since: Option<String>,
    /// Last day, `YYYY-MM-DD` (also `to`).
    #[serde(alias = "to")]
    pub until: Option<String>,
    /// Place name, country code or GeoNames id.
    pub place: Option<String>,
    /// Outlet of at least one mention.
    pub outlet: Option<String>,
    /// Lowest confidence.
    pub min_confidence: Option<f32>,
    /// Page size (default 50, at most 1000).
    pub limit: Option<usize>,
    /// `next_cursor` of the previous page.
    pub cursor: Option<String>,
    /// Actor codes cut to this many characters (`/v1/actors`, `/v1/network`).
    pub code_len: Option<usize>,
    /// `true`: include history (events dated more than 31 days before their earliest
    /// article); left out by default.
    pub include_history: Option<bool>,
    /// Only events with a mention naming this lexicon entry (`khalifa-haftar`, `lna`).
    pub entity: Option<String>,
}

fn day(name: &str, v: &Option<String>) -> Result<Option<chrono::NaiveDate>, ApiError> {
    match v.as_deref().filter(|s| !s.is_empty()) {
        None => Ok(None),
        Some(s) => code::parse_date(s).map(Some).ok_or_else(|| {
            ApiError::bad_request("invalid_date", format!("{name} {s:?}: expected YYYY-MM-DD"))
        }),
    }
}

fn nonempty(v: &Option<String>) -> Option<String> {
    v.as_deref()
        .map(str::trim)
        .filter(|s| !s.is_empty())
        .map(str::to_string)
}

impl EventsQuery {
    fn filter(&self) -> Result<rasid_store::EventFilter, ApiError> {
        if let Some(c) = self.min_confidence {
            if !(0.0..=1.0).contains(&c) {
                return Err(ApiError::bad_request(
                    "invalid_query",
                    format!("min_confidence {c}: expected a number from 0 to 1"),
                ));
            }
        }
        if let Some(q) = self.quad_class {
            if !(1..=4).contains(&q) {
                return Err(ApiError::bad_request(
                    "invalid_query",
                    format!("quad_class {q}: expected 1 to 4"),
                ));
            }
        }
        let dyad = match nonempty(&self.dyad) {
            None => None,
            Some(d) => match d.split_once(',') {
                Some((a, b)) if !a.trim().is_empty() && !b.trim().is_empty() => {
                    Some((a.trim().to_string(), b.trim().to_string()))
                }
                _ => {
                    return Err(ApiError::bad_request(
                        "invalid_query",
                        format!("dyad {d:?}: expected two actor codes A,B"),
                    ))
                }
            },
        };
        Ok(rasid_store::EventFilter {
            actor: nonempty(&self.actor),
            source: nonempty(&self.source),
            target: nonempty(&self.target),
            dyad,
            code: nonempty(&self.code),
            root: nonempty(&self.root),
            quad: self.quad_class,
            from: day("since", &self.since)?,
            to: day("until", &self.until)?,
            place: nonempty(&self.place),
            outlet: nonempty(&self.outlet),
            min_confidence: self.min_confidence,
            limit: None,
            include_history: self.include_history.unwrap_or(false),
            entity: nonempty(&self.entity),
            after: None,
        })
    }

    /// `code_len`, checked to lie in 1..=[`MAX_CODE_LEN`].
    fn code_len(&self) -> Result<Option<usize>, ApiError> {
        match self.code_len {
            Some(n) if !(1..=MAX_CODE_LEN).contains(&n) => Err(ApiError::bad_request(
                "invalid_query",
                format!("code_len {n}: expected 1 to {MAX_CODE_LEN}"),
            )),
            n => Ok(n),
        }
    }

    fn limit(&self, default: usize) -> Result<usize, ApiError> {
        match self.limit {
            None => Ok(default),
            Some(n) if (1..=MAX_LIMIT).contains(&n) => Ok(n),
            Some(n) => Err(ApiError::bad_request(
                "invalid_query",
                format!("limit {n}: expected 1 to {MAX_LIMIT}"),
            )),
        }
    }
}

/// A page of `GET /v1/events`.
#[derive(Debug, Serialize)]
pub struct EventsPage {
    /// The events, newest first (by date, then id; undated last).
    pub events: Vec<rasid_store::StoredEvent>,
    /// Pass as `cursor` to get the next page; `null` on the last page.
    pub next_cursor: Option<String>,
}

/// `GET /v1/events`.
pub async fn events(
    State(state): State<AppState>,
    query: Result<Query<EventsQuery>, QueryRejection>,
) -> Result<Json<EventsPage>, ApiError> {
    let Query(q) = query?;
    let mut filter = q.filter()?;
    let limit = q.limit(DEFAULT_LIMIT)?;
    filter.after = match nonempty(&q.cursor) {
        None => None,
        Some(c) => Some(parse_cursor(&c)?),
    };
    // one more than a page tells whether another follows
    filter.limit = Some(limit + 1);
    let mut events = blocking(move || state.storage()?.read(|s| Ok(s.events(&filter)?))).await?;
    let next_cursor = if events.len() > limit {
        events.truncate(limit);
        events.last().map(|e| e.id.to_string())
    } else {
        None
    };
    Ok(Json(EventsPage {
        events,
        next_cursor,
    }))
}

/// Parses a `cursor` of `GET /v1/events` (the id of the last event of the previous page,
/// see [`rasid_store::EventFilter::after`]).
///
/// # Errors
/// A 400 `invalid_cursor`.
fn parse_cursor(c: &str) -> Result<i64, ApiError> {
    c.parse().map_err(|_| {
        ApiError::bad_request(
            "invalid_cursor",
            format!("cursor {c:?} is not one this server gave"),
        )
    })
}

/// `GET /v1/events/{id}`: the event and its mentions, each with its evidence sentence
/// (`evidence_text`) and its document's `url`.
pub async fn event(
    State(state): State<AppState>,
    path: Result<Path<String>, PathRejection>,
) -> Result<Json<Value>, ApiError> {
    let Path(raw) = path?;
    let id: i64 = raw.parse().map_err(|_| {
        ApiError::bad_request(
            "invalid_path",
            format!("event id {raw:?}: expected an integer"),
        )
    })?;
    let out = blocking(move || {
        state.storage()?.read(|s| {
            let mut event = s
                .event(id)?
                .ok_or_else(|| ApiError::NotFound(format!("no event {id}")))?;
            // each mention carries its evidence sentence and its document's url
            let mentions = std::mem::take(&mut event.mentions);
            Ok(json!({"event": event, "mentions": mentions}))
        })
    })
    .await?;
    Ok(Json(out))
}

/// `GET /v1/documents/{doc_id}`: metadata, text (when kept) with highlight spans, and the
/// mentions found in it.
pub async fn document(
    State(state): State<AppState>,
    path: Result<Path<String>, PathRejection>,
) -> Result<Json<Value>, ApiError> {
    let Path(doc_id) = path?;
    let out = blocking(move || {
        let storage = state.storage()?;
        let (meta, mentions) = storage.read(|s| {
            let meta = s
                .document(&doc_id)?
                .ok_or_else(|| ApiError::NotFound(format!("no document {doc_id:?}")))?;
            let mentions = s.document_mentions(&doc_id)?;
            Ok((meta, mentions))
        })?;
        let spans = match &meta.text {
            Some(text) => {
                let doc = rasid_text::Document {
                    doc_id: meta.doc_id.clone(),
                    text: text.clone(),
                    date: meta.date.as_deref().and_then(code::parse_date),
                    ..Default::default()
                };
                code::highlight(state.lexicon(), &doc)
            }
            None => Vec::new(),
        };
        Ok(json!({
            "doc_id": meta.doc_id,
            "title": meta.title,
            "date": meta.date,
            "url": meta.url,
            "outlet": meta.outlet,
            "text_len": meta.text_len,
            "near_duplicate_of": meta.near_duplicate_of,
            "n_events": meta.n_events,
            "text": meta.text,
            "spans": spans,
            "mentions": mentions,
        }))
    })
    .await?;
    Ok(Json(out))
}

/// Query of `GET /v1/dyads/{a}/{b}/timeline`.
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct TimelineQuery {
    /// `day`, `week` or `month` (default).
    pub by: Option<String>,
    /// First day, `YYYY-MM-DD` (also `from`).
    #[serde(alias = "from")]
    pub since: Option<String>,
    /// Last day, `YYYY-MM-DD` (also `to`).
    #[serde(alias = "to")]
    pub until: Option<String>,
    /// `true`: count history too (events dated before the period their articles report on).
    pub include_history: Option<bool>,
    /// Only events with a mention naming this lexicon entry (`khalifa-haftar`).
    pub entity: Option<String>,
}

/// `GET /v1/dyads/{a}/{b}/timeline`.
pub async fn timeline(
    State(state): State<AppState>,
    path: Result<Path<(String, String)>, PathRejection>,
    query: Result<Query<TimelineQuery>, QueryRejection>,
) -> Result<Json<crate::storage::Timeline>, ApiError> {
    let Path((a, b)) = path?;
    let Query(q) = query?;
    let by: rasid_store::Period =
        q.by.as_deref()
            .unwrap_or("month")
            .parse()
            .map_err(|e: String| ApiError::bad_request("invalid_query", format!("by {e}")))?;
    let (since, until) = (day("since", &q.since)?, day("until", &q.until)?);
    let f = rasid_store::DyadFilter {
        from: since,
        to: until,
        include_history: q.include_history.unwrap_or(false),
        entity: nonempty(&q.entity),
    };
    let out = blocking(move || {
        state
            .storage()?
            .read(|s| crate::storage::timeline(s, &a, &b, by, &f))
    })
    .await?;
    Ok(Json(out))
}

/// `GET /v1/actors`: the most active actors among the events matching the filters of
/// `/v1/events`; `code_len=3` groups by country or organisation.
pub async fn actors(
    State(state): State<AppState>,
    query: Result<Query<EventsQuery>, QueryRejection>,
) -> Result<Json<Value>, ApiError> {
    let Query(q) = query?;
    let filter = q.filter()?;
    let limit = q.limit(100)?;
    let code_len = q.code_len()?;
    let rows = blocking(move || {
        state.storage()?.read(|s| {
            // each code labelled by its own description; its entries listed apart
            let mut rows = s.actors(&filter, code_len, limit)?;
            for r in &mut rows {
                r.name = rasid_lexicon::codes::describe_actor(state.lexicon(), &r.code);
                r.entities = s.actor_entities(&filter, &r.code, code_len, 5)?;
            }
            Ok(rows)
        })
    })
    .await?;
    Ok(Json(json!({ "actors": rows })))
}

/// `GET /v1/network`: actors as nodes, directed event counts as edges, among the events
/// matching the filters of `/v1/events` (`since`, `until`, `root` …).
pub async fn network(
    State(state): State<AppState>,
    query: Result<Query<EventsQuery>, QueryRejection>,
) -> Result<Json<crate::storage::Network>, ApiError> {
    let Query(q) = query?;
    let filter = q.filter()?;
    let limit = q.limit(300)?;
    let code_len = q.code_len()?;
    let out = blocking(move || {
        state
            .storage()?
            .read(|s| crate::storage::network(s, state.lexicon(), &filter, code_len, limit))
    })
    .await?;
    Ok(Json(out))
}

/// `GET /v1/map`: the places of the events matching the filters of `/v1/events` that have
/// coordinates, grouped by coordinates and place precision, with event counts per
/// QuadClass, most events first (`limit`: default 500, at most 1000), as
/// `{"places": [...]}`.
pub async fn map(
    State(state): State<AppState>,
    query: Result<Query<EventsQuery>, QueryRejection>,
) -> Result<Json<Value>, ApiError> {
    let Query(q) = query?;
    let filter = q.filter()?;
    let limit = q.limit(500)?;
    let rows = blocking(move || state.storage()?.read(|s| Ok(s.places(&filter, limit)?))).await?;
    Ok(Json(json!({ "places": rows })))
}

// ---- codes -----------------------------------------------------------------------------

/// Query of `GET /v1/codes`.
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CodesQuery {
    /// Keep the rows whose code starts with this, or whose kind, English or Arabic
    /// contains it (case-insensitive); all rows when absent or empty.
    pub q: Option<String>,
}

/// `GET /v1/codes`: the codebook of the lexicons in use (actor, sector and CAMEO event
/// codes; see `rasid codes`), as `{"codes": [...]}`.
pub async fn codes(
    State(state): State<AppState>,
    query: Result<Query<CodesQuery>, QueryRejection>,
) -> Result<Json<Value>, ApiError> {
    let Query(q) = query?;
    let filter = q.q.unwrap_or_default();
    let rows: Vec<_> = rasid_lexicon::codes::codebook(state.lexicon())
        .into_iter()
        .filter(|r| r.matches(&filter))
        .collect();
    Ok(Json(json!({ "codes": rows })))
}

// ---- ingest ----------------------------------------------------------------------------

/// The longest `doc_id` of `POST /v1/documents`, in bytes (as `rasid ingest` accepts).
pub const MAX_DOC_ID: usize = 512;

/// One document of `POST /v1/documents`.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct IngestDoc {
    /// Stable identifier, at most [`MAX_DOC_ID`] bytes.
    pub doc_id: String,
    /// Article text.
    pub text: String,
    /// Article date `YYYY-MM-DD`.
    #[serde(default)]
    pub date: Option<String>,
    /// Headline.
    #[serde(default)]
    pub title: Option<String>,
    /// Address.
    #[serde(default)]
    pub url: Option<String>,
    /// Outlet.
    #[serde(default)]
    pub source: Option<String>,
}

/// The body of `POST /v1/documents`.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct IngestRequest {
    /// Documents to code and store.
    pub documents: Vec<IngestDoc>,
}

/// Checks `Authorization: Bearer TOKEN` against the start-up token.
fn authorize(state: &AppState, headers: &HeaderMap) -> Result<(), ApiError> {
    let Some(token) = state.token() else {
        return Err(ApiError::Forbidden(
            "writes are disabled: start `rasid serve` with --token".into(),
        ));
    };
    let given = headers
        .get(header::AUTHORIZATION)
        .ok_or_else(|| ApiError::Unauthorized("missing Authorization: Bearer token".into()))?
        .to_str()
        .ok()
        .and_then(|v| v.strip_prefix("Bearer "))
        .ok_or_else(|| ApiError::Unauthorized("expected Authorization: Bearer TOKEN".into()))?;
    if !constant_time_eq(given.trim().as_bytes(), token.as_bytes()) {
        return Err(ApiError::Forbidden("wrong token".into()));
    }
    Ok(())
}

fn constant_time_eq(a: &[u8], b: &[u8]) -> bool {
    a.len() == b.len() && a.iter().zip(b).fold(0u8, |acc, (x, y)| acc | (x ^ y)) == 0
}

/// `POST /v1/documents` (only with a token): codes and stores documents, keeping their
/// text for `/v1/documents/{doc_id}`.
pub async fn ingest(
    State(state): State<AppState>,
    headers: HeaderMap,
    body: Result<Json<IngestRequest>, JsonRejection>,
) -> Result<(StatusCode, Json<Value>), ApiError> {
    authorize(&state, &headers)?;
    let Json(req) = body?;
    let mut docs = Vec::with_capacity(req.documents.len());
    for (i, d) in req.documents.into_iter().enumerate() {
        if d.doc_id.trim().is_empty() {
            return Err(ApiError::bad_request(
                "invalid_request",
                format!("documents[{i}].doc_id is empty"),
            ));
        }
        if d.doc_id.len() > MAX_DOC_ID {
            return Err(ApiError::bad_request(
                "invalid_request",
                format!(
                    "documents[{i}].doc_id is {} bytes long, the most is {MAX_DOC_ID}",
                    d.doc_id.len()
                ),
            ));
        }
        let date = day(&format!("documents[{i}].date"), &d.date)?;
        docs.push(rasid_text::Document {
            doc_id: d.doc_id,
            text: d.text,
            date,
            title: d.title,
            url: d.url,
            source: d.source,
        });
    }
    let stats = blocking(move || {
        state.storage()?.write(|s| {
            // ingest keeps the texts (compressed) for /v1/documents/{doc_id}
            let coder = rasid_coder::Coder::new(state.lexicon());
            let inputs = docs.into_iter().map(rasid_store::Input::Doc);
            Ok(s.ingest(
                &coder,
                inputs,
                &rasid_store::IngestOptions::default(),
                &|_| {},
            )?)
        })
    })
    .await?;
    Ok((StatusCode::OK, Json(json!({ "ingested": stats }))))
}
