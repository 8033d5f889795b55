//! Access to the SQLite store from the async handlers: a small pool of read-only
//! connections (SQLite connections are not shared across threads; WAL lets readers run
//! beside a writer), and a write connection opened per ingest request.

use crate::ApiError;
use chrono::NaiveDate;
use rasid_store::{Period, Store, StoreError};
use serde::Serialize;
use std::path::{Path, PathBuf};
use std::sync::Mutex;

/// Idle read connections kept for reuse.
const MAX_IDLE: usize = 16;

/// The store behind the API.
#[derive(Debug)]
pub struct Storage {
    path: PathBuf,
    idle: Mutex<Vec<Store>>,
}

impl From<StoreError> for ApiError {
    fn from(e: StoreError) -> ApiError {
        match e {
            StoreError::Argument(m) => ApiError::bad_request("invalid_argument", m),
            e => ApiError::Internal(e.to_string()),
        }
    }
}

impl Storage {
    /// The store at `path` (opened lazily).
    pub fn new(path: PathBuf) -> Storage {
        Storage {
            path,
            idle: Mutex::new(Vec::new()),
        }
    }

    /// The database file.
    pub fn path(&self) -> &Path {
        &self.path
    }

    /// Runs `f` on a read-only connection. Blocking: call it from `spawn_blocking`.
    ///
    /// # Errors
    /// What `f` returns; an internal error when the store cannot be opened.
    pub fn read<T>(&self, f: impl FnOnce(&Store) -> Result<T, ApiError>) -> Result<T, ApiError> {
        let popped = self.idle.lock().map(|mut v| v.pop()).unwrap_or(None);
        let store = match popped {
            Some(s) => s,
            None => Store::open_read_only(&self.path)?,
        };
        let out = f(&store);
        if let Ok(mut v) = self.idle.lock() {
            if v.len() < MAX_IDLE {
                v.push(store);
            }
        }
        out
    }

    /// Runs `f` on a read-write connection (creating and migrating the file if needed).
    /// Blocking: call it from `spawn_blocking`.
    ///
    /// # Errors
    /// What `f` returns; an internal error when the store cannot be opened.
    pub fn write<T>(
        &self,
        f: impl FnOnce(&mut Store) -> Result<T, ApiError>,
    ) -> Result<T, ApiError> {
        let mut store = Store::open(&self.path)?;
        f(&mut store)
    }
}

/// Checks at start-up that `path` opens as a store this build can read.
///
/// # Errors
/// The store's error (a missing file, a newer schema).
pub fn check(path: &Path, create: bool) -> Result<(), StoreError> {
    let store = if create {
        Store::open(path)?
    } else {
        Store::open_read_only(path)?
    };
    let found = store.schema_version()?;
    if found > rasid_store::schema::latest() {
        return Err(StoreError::SchemaTooNew {
            found,
            known: rasid_store::schema::latest(),
        });
    }
    Ok(())
}

// ---- queries the store does not offer (yet) -------------------------------------------
//
// rasid-store has no "event by id", no keyset paging and does not keep document texts;
// these read its schema (v1) directly, with bound parameters only.

/// Sentinel error text that stops [`Store::for_each_event`] once a page is full.
const PAGE_FULL: &str = "\u{0}page full";

/// Parses a `cursor` of `GET /v1/events` (the id of the last event of the previous page).
///
/// # Errors
/// A 400 `invalid_cursor`.
pub fn parse_cursor(c: &str) -> Result<i64, ApiError> {
    c.parse().map_err(|_| {
        ApiError::bad_request(
            "invalid_cursor",
            format!("cursor {c:?} is not one this server gave"),
        )
    })
}

/// One page of events matching `f`, after the event `after` in the store's order (date,
/// then id). The cursor is the last event's id: stable while events are added, since the
/// store never deletes events.
///
/// # Errors
/// A 400 `invalid_cursor` when `after` matches no event of the filter; SQLite errors.
pub fn events_page(
    s: &Store,
    f: &rasid_store::EventFilter,
    after: Option<i64>,
    limit: usize,
) -> Result<crate::routes::EventsPage, ApiError> {
    let mut seen_cursor = after.is_none();
    let mut out: Vec<rasid_store::StoredEvent> = Vec::with_capacity(limit + 1);
    let r = s.for_each_event(f, &mut |e| {
        if !seen_cursor {
            seen_cursor = Some(e.id) == after;
            return Ok(());
        }
        out.push(e);
        if out.len() > limit {
            return Err(StoreError::Argument(PAGE_FULL.into()));
        }
        Ok(())
    });
    match r {
        Err(StoreError::Argument(m)) if m == PAGE_FULL => {}
        r => r?,
    }
    if !seen_cursor {
        return Err(ApiError::bad_request(
            "invalid_cursor",
            "cursor names no event of this filter",
        ));
    }
    let next_cursor = if out.len() > limit {
        out.truncate(limit);
        out.last().map(|e| e.id.to_string())
    } else {
        None
    };
    Ok(crate::routes::EventsPage {
        events: out,
        next_cursor,
    })
}

/// The stored event `id`.
///
/// # Errors
/// SQLite errors.
pub fn event_by_id(s: &Store, id: i64) -> Result<Option<rasid_store::StoredEvent>, ApiError> {
    use rasid_store::query::{Actor, Place, Plover};
    use rusqlite::OptionalExtension;
    let row = s
        .connection()
        .query_row(
            "SELECT id, cameo, root, quad_class, goldstein, plover_event, plover_mode,
                    plover_context, aux, source_code, source_name, target_code, target_name,
                    date, date_precision, place, geonameid, country, lat, lon, place_precision,
                    num_mentions, num_sources, num_articles, first_seen, last_seen,
                    confidence_max, added_at
             FROM events WHERE id = ?1",
            [id],
            |r| {
                let aux: String = r.get(8)?;
                let tcode: String = r.get(11)?;
                let plover: Option<String> = r.get(5)?;
                let ctx: Option<String> = r.get(7)?;
                let place: Option<String> = r.get(15)?;
                Ok(rasid_store::StoredEvent {
                    id: r.get(0)?,
                    cameo: r.get(1)?,
                    cameo_root: r.get(2)?,
                    quad_class: r.get(3)?,
                    goldstein: r.get(4)?,
                    plover: match plover {
                        Some(event) => Some(Plover {
                            event,
                            mode: r.get(6)?,
                            context: ctx
                                .as_deref()
                                .and_then(|c| serde_json::from_str(c).ok())
                                .unwrap_or_default(),
                        }),
                        None => None,
                    },
                    aux: (!aux.is_empty()).then_some(aux),
                    source: Actor {
                        code: r.get(9)?,
                        name: r.get(10)?,
                    },
                    target: if tcode.is_empty() {
                        None
                    } else {
                        Some(Actor {
                            code: tcode,
                            name: r.get(12)?,
                        })
                    },
                    date: r.get(13)?,
                    date_precision: r.get(14)?,
                    location: match place {
                        Some(text) => Some(Place {
                            text,
                            geonameid: r.get(16)?,
                            country: r.get(17)?,
                            lat: r.get(18)?,
                            lon: r.get(19)?,
                            precision: r.get(20)?,
                        }),
                        None => None,
                    },
                    num_mentions: r.get(21)?,
                    num_sources: r.get(22)?,
                    num_articles: r.get(23)?,
                    first_seen: r.get(24)?,
                    last_seen: r.get(25)?,
                    confidence: r.get(26)?,
                    added_at: r.get(27)?,
                    mentions: Vec::new(),
                })
            },
        )
        .optional()
        .map_err(|e| ApiError::Internal(e.to_string()))?;
    Ok(row)
}

/// A stored document's metadata, and its text when kept.
#[derive(Debug, Clone)]
pub struct DocumentMeta {
    /// Identifier.
    pub doc_id: String,
    /// Headline.
    pub title: Option<String>,
    /// Article date.
    pub date: Option<String>,
    /// Address.
    pub url: Option<String>,
    /// Outlet.
    pub outlet: Option<String>,
    /// Text length, bytes.
    pub text_len: i64,
    /// The original of this near-duplicate.
    pub near_duplicate_of: Option<String>,
    /// Events coded in it.
    pub n_events: i64,
    /// The text, when the server kept it (documents ingested over HTTP).
    pub text: Option<String>,
}

fn sql_err(e: rusqlite::Error) -> ApiError {
    ApiError::Internal(e.to_string())
}

/// The latest stored version of `doc_id`.
///
/// # Errors
/// SQLite errors.
pub fn document_meta(s: &Store, doc_id: &str) -> Result<Option<DocumentMeta>, ApiError> {
    use rusqlite::OptionalExtension;
    let row = s
        .connection()
        .query_row(
            "SELECT d.doc_id, d.title, d.date, d.url, d.outlet, d.text_len, o.doc_id, d.n_events,
                    d.content_hash
             FROM documents d LEFT JOIN documents o ON o.id = d.near_dup_of
             WHERE d.doc_id = ?1 ORDER BY d.id DESC LIMIT 1",
            [doc_id],
            |r| {
                Ok((
                    DocumentMeta {
                        doc_id: r.get(0)?,
                        title: r.get(1)?,
                        date: r.get(2)?,
                        url: r.get(3)?,
                        outlet: r.get(4)?,
                        text_len: r.get(5)?,
                        near_duplicate_of: r.get(6)?,
                        n_events: r.get(7)?,
                        text: None,
                    },
                    r.get::<_, String>(8)?,
                ))
            },
        )
        .optional()
        .map_err(sql_err)?;
    let Some((mut meta, hash)) = row else {
        return Ok(None);
    };
    meta.text = kept_text(s, doc_id, &hash)?;
    Ok(Some(meta))
}

/// The kept text of the latest stored version of `doc_id`, if any.
///
/// # Errors
/// SQLite errors.
pub fn document_text(s: &Store, doc_id: &str) -> Result<Option<String>, ApiError> {
    Ok(document_meta(s, doc_id)?.and_then(|m| m.text))
}

fn kept_text(s: &Store, doc_id: &str, hash: &str) -> Result<Option<String>, ApiError> {
    use rusqlite::OptionalExtension;
    let c = s.connection();
    let has_table: bool = c
        .query_row(
            "SELECT count(*) FROM sqlite_master WHERE type = 'table' AND name = 'server_texts'",
            [],
            |r| r.get::<_, i64>(0),
        )
        .map_err(sql_err)?
        > 0;
    if !has_table {
        return Ok(None);
    }
    c.query_row(
        "SELECT text FROM server_texts WHERE doc_id = ?1 AND content_hash = ?2",
        [doc_id, hash],
        |r| r.get(0),
    )
    .optional()
    .map_err(sql_err)
}

/// Keeps the texts of `docs` (in a table of the server's own, `server_texts`, beside the
/// store's schema) so that `/v1/documents/{doc_id}` can show them.
///
/// # Errors
/// SQLite errors.
pub fn keep_texts(s: &Store, docs: &[rasid_text::Document]) -> Result<(), ApiError> {
    let c = s.connection();
    c.execute_batch(
        "CREATE TABLE IF NOT EXISTS server_texts (
            doc_id       TEXT NOT NULL,
            content_hash TEXT NOT NULL,
            text         TEXT NOT NULL,
            PRIMARY KEY (doc_id, content_hash)
        )",
    )
    .map_err(sql_err)?;
    let mut st = c
        .prepare_cached(
            "INSERT OR IGNORE INTO server_texts (doc_id, content_hash, text) VALUES (?1, ?2, ?3)",
        )
        .map_err(sql_err)?;
    for d in docs {
        let hash = rasid_store::ingest::content_hash(&d.text);
        st.execute([d.doc_id.as_str(), hash.as_str(), d.text.as_str()])
            .map_err(sql_err)?;
    }
    Ok(())
}

/// The mentions found in `doc_id` (any stored version), in storage order.
///
/// # Errors
/// SQLite errors.
pub fn document_mentions(
    s: &Store,
    doc_id: &str,
) -> Result<Vec<rasid_store::StoredMention>, ApiError> {
    let ids: Vec<i64> = {
        let mut st = s
            .connection()
            .prepare_cached(
                "SELECT DISTINCT m.event_id FROM mentions m JOIN documents d ON d.id = m.doc
                 WHERE d.doc_id = ?1 ORDER BY m.event_id",
            )
            .map_err(sql_err)?;
        let rows = st.query_map([doc_id], |r| r.get(0)).map_err(sql_err)?;
        rows.collect::<Result<_, _>>().map_err(sql_err)?
    };
    let mut out = Vec::new();
    for id in ids {
        out.extend(s.mentions(id)?.into_iter().filter(|m| m.doc_id == doc_id));
    }
    out.sort_by_key(|m| m.id);
    Ok(out)
}

// ---- timeline and network --------------------------------------------------------------

/// One period of a dyad timeline, both directions together.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct TimelinePoint {
    /// Label: `YYYY-MM` (month), the Monday `YYYY-MM-DD` (week) or the day.
    pub period: String,
    /// First day of the period.
    pub start: String,
    /// Last day of the period.
    pub end: String,
    /// Events per QuadClass 1–4.
    pub counts: [i64; 4],
    /// Events.
    pub total: i64,
    /// Their mentions.
    pub mentions: i64,
    /// Mean Goldstein score (`null` when no events).
    pub goldstein_mean: Option<f64>,
    /// Events A → B.
    pub a_to_b: i64,
    /// Events B → A.
    pub b_to_a: i64,
}

/// `GET /v1/dyads/{a}/{b}/timeline`: every period from the first to the last with events.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Timeline {
    /// Actor A (code prefix).
    pub a: String,
    /// Actor B (code prefix).
    pub b: String,
    /// `day`, `week` or `month`.
    pub by: &'static str,
    /// Periods in order, gaps filled with zeros.
    pub points: Vec<TimelinePoint>,
    /// Events dated too coarsely for the period (not counted).
    pub coarser: i64,
}

/// Periods filled between the first and last event, at most.
const MAX_POINTS: usize = 5000;

fn period_bounds(label: &str, by: Period) -> Option<(NaiveDate, NaiveDate)> {
    match by {
        Period::Month => {
            let start = NaiveDate::parse_from_str(&format!("{label}-01"), "%Y-%m-%d").ok()?;
            let next = start.checked_add_months(chrono::Months::new(1))?;
            Some((start, next.pred_opt()?))
        }
        Period::Week => {
            let start = NaiveDate::parse_from_str(label, "%Y-%m-%d").ok()?;
            Some((start, start + chrono::Duration::days(6)))
        }
        Period::Day => {
            let d = NaiveDate::parse_from_str(label, "%Y-%m-%d").ok()?;
            Some((d, d))
        }
    }
}

fn label_of(d: NaiveDate, by: Period) -> String {
    match by {
        Period::Month => d.format("%Y-%m").to_string(),
        _ => d.format("%Y-%m-%d").to_string(),
    }
}

/// The timeline of the dyad `a`–`b` from [`Store::dyad`], directions merged, gaps filled.
///
/// # Errors
/// SQLite errors.
pub fn timeline(
    s: &Store,
    a: &str,
    b: &str,
    by: Period,
    since: Option<NaiveDate>,
    until: Option<NaiveDate>,
) -> Result<Timeline, ApiError> {
    let report = s.dyad(a, b, by, since, until)?;
    let mut points: Vec<TimelinePoint> = Vec::new();
    let mut sums: Vec<f64> = Vec::new();
    for r in &report.rows {
        if points.last().map(|p| &p.period) != Some(&r.period) {
            let Some((start, end)) = period_bounds(&r.period, by) else {
                continue;
            };
            // fill the periods with no events since the previous one
            if let Some(last) = points.last() {
                let mut d = NaiveDate::parse_from_str(&last.end, "%Y-%m-%d")
                    .ok()
                    .and_then(|x| x.succ_opt());
                while let Some(day) = d.filter(|d| *d < start && points.len() < MAX_POINTS) {
                    let (ps, pe) = period_bounds(&label_of(day, by), by).unwrap_or((day, day));
                    points.push(TimelinePoint {
                        period: label_of(day, by),
                        start: ps.to_string(),
                        end: pe.to_string(),
                        counts: [0; 4],
                        total: 0,
                        mentions: 0,
                        goldstein_mean: None,
                        a_to_b: 0,
                        b_to_a: 0,
                    });
                    sums.push(0.0);
                    d = pe.succ_opt();
                }
            }
            points.push(TimelinePoint {
                period: r.period.clone(),
                start: start.to_string(),
                end: end.to_string(),
                counts: [0; 4],
                total: 0,
                mentions: 0,
                goldstein_mean: None,
                a_to_b: 0,
                b_to_a: 0,
            });
            sums.push(0.0);
        }
        let (p, sum) = (
            points.last_mut().expect("pushed"),
            sums.last_mut().expect("pushed"),
        );
        for q in 0..4 {
            p.counts[q] += r.quad[q];
        }
        p.total += r.events;
        p.mentions += r.mentions;
        if r.source == a {
            p.a_to_b += r.events;
        } else {
            p.b_to_a += r.events;
        }
        *sum += r.goldstein_sum;
        p.goldstein_mean = Some(*sum / p.total.max(1) as f64);
    }
    Ok(Timeline {
        a: a.to_string(),
        b: b.to_string(),
        by: match by {
            Period::Day => "day",
            Period::Week => "week",
            Period::Month => "month",
        },
        points,
        coarser: report.coarser,
    })
}

/// A node of [`Network`].
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Node {
    /// Actor code.
    pub code: String,
    /// A name of the actor.
    pub name: String,
    /// Events on the edges shown that involve it.
    pub events: i64,
}

/// A directed edge of [`Network`].
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Edge {
    /// Source actor code.
    pub source: String,
    /// Target actor code.
    pub target: String,
    /// Events (the weight).
    pub count: i64,
    /// Their mentions.
    pub mentions: i64,
    /// Events per QuadClass 1–4.
    pub quad: [i64; 4],
    /// Mean Goldstein score.
    pub goldstein_mean: f64,
}

/// `GET /v1/network`.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Network {
    /// Actors on at least one edge.
    pub nodes: Vec<Node>,
    /// Heaviest edges first.
    pub edges: Vec<Edge>,
}

/// The network among the events matching `f`: the `limit` heaviest edges and their ends.
///
/// # Errors
/// SQLite errors.
pub fn network(
    s: &Store,
    f: &rasid_store::EventFilter,
    code_len: Option<usize>,
    limit: usize,
) -> Result<Network, ApiError> {
    let edges = s.edges(f, code_len, limit)?;
    let names: std::collections::HashMap<String, String> = s
        .actors(f, code_len, 100_000)?
        .into_iter()
        .map(|a| (a.code, a.name))
        .collect();
    let mut nodes: Vec<Node> = Vec::new();
    for e in &edges {
        for code in [&e.source, &e.target] {
            match nodes.iter_mut().find(|n| &n.code == code) {
                Some(n) => n.events += e.events,
                None => nodes.push(Node {
                    code: code.clone(),
                    name: names.get(code).cloned().unwrap_or_default(),
                    events: e.events,
                }),
            }
        }
    }
    Ok(Network {
        nodes,
        edges: edges
            .into_iter()
            .map(|e| Edge {
                source: e.source,
                target: e.target,
                count: e.events,
                mentions: e.mentions,
                quad: e.quad,
                goldstein_mean: e.goldstein_mean,
            })
            .collect(),
    })
}
