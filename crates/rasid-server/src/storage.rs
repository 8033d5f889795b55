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
            e @ StoreError::Cursor(_) => ApiError::bad_request("invalid_cursor", e.to_string()),
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
        match Store::open_read_only(path) {
            // a file of an older rasid: migrated once here, then read-only as usual
            Err(StoreError::SchemaTooOld { .. }) => Store::open(path)?,
            r => r?,
        }
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

impl TimelinePoint {
    /// The period `period` from `start` to `end`, with no events yet.
    fn empty(period: String, start: NaiveDate, end: NaiveDate) -> TimelinePoint {
        TimelinePoint {
            period,
            start: start.to_string(),
            end: end.to_string(),
            counts: [0; 4],
            total: 0,
            mentions: 0,
            goldstein_mean: None,
            a_to_b: 0,
            b_to_a: 0,
        }
    }
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

/// The timeline of the dyad `a`–`b` from [`Store::dyad`], directions merged, gaps filled
/// (empty periods have a `null` Goldstein mean, so that a chart draws no line across
/// them), within `f` (dates, history, entity).
///
/// # Errors
/// SQLite errors.
pub fn timeline(
    s: &Store,
    a: &str,
    b: &str,
    by: Period,
    f: &rasid_store::DyadFilter,
) -> Result<Timeline, ApiError> {
    let report = s.dyad(a, b, by, f)?;
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
                    points.push(TimelinePoint::empty(label_of(day, by), ps, pe));
                    sums.push(0.0);
                    d = pe.succ_opt();
                }
            }
            points.push(TimelinePoint::empty(r.period.clone(), start, end));
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
    /// The code's own description (`Libya · military`).
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

/// The network among the events matching `f`: the `limit` heaviest edges and their ends,
/// each node labelled by its code's own description (country and sectors, from `lex`).
///
/// # Errors
/// SQLite errors.
pub fn network(
    s: &Store,
    lex: &rasid_lexicon::Lexicon,
    f: &rasid_store::EventFilter,
    code_len: Option<usize>,
    limit: usize,
) -> Result<Network, ApiError> {
    let edges = s.edges(f, code_len, limit)?;
    let mut nodes: Vec<Node> = Vec::new();
    for e in &edges {
        for code in [&e.source, &e.target] {
            match nodes.iter_mut().find(|n| &n.code == code) {
                Some(n) => n.events += e.events,
                None => nodes.push(Node {
                    code: code.clone(),
                    name: rasid_lexicon::codes::describe_actor(lex, code),
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
