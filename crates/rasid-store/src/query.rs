//! Reading the store: events by filter, a dyad over time, the most active actors and the
//! network edges between them. Every user value is a bound parameter.
//!
//! Actor codes match by prefix of the whole code: `TUR` matches `TUR`, `TURGOV`,
//! `TURMIL`; `LBYMIL` matches only eastern Libya's forces and their sub-codes.

use crate::error::{Result, StoreError};
use crate::Store;
use chrono::NaiveDate;
use rusqlite::types::Value;
use rusqlite::{OptionalExtension, Row};
use serde::Serialize;

/// Which events to read. The default reads all but history (events dated more than
/// [`crate::ingest::HISTORY_DAYS`] days before their earliest article).
#[derive(Debug, Clone, Default)]
pub struct EventFilter {
    /// Source or target code starts with this.
    pub actor: Option<String>,
    /// Source code starts with this.
    pub source: Option<String>,
    /// Target code starts with this.
    pub target: Option<String>,
    /// Events between the two actors, either direction (code prefixes).
    pub dyad: Option<(String, String)>,
    /// CAMEO code starts with this (`04`, `042`).
    pub code: Option<String>,
    /// CAMEO root, exactly (`04`).
    pub root: Option<String>,
    /// GDELT QuadClass 1–4.
    pub quad: Option<u8>,
    /// Events whose date reaches this day or later (undated events excluded).
    pub from: Option<NaiveDate>,
    /// Events whose date starts this day or earlier (undated events excluded).
    pub to: Option<NaiveDate>,
    /// Place name as written, country code (ISO alpha-3) or GeoNames id.
    pub place: Option<String>,
    /// At least one mention from this outlet.
    pub outlet: Option<String>,
    /// Highest mention confidence at least this.
    pub min_confidence: Option<f32>,
    /// At most this many events.
    pub limit: Option<usize>,
    /// At least one mention names this lexicon entry (`khalifa-haftar`, `lna`,
    /// `saudi-arabia`) as its source or target: one of the `+`-joined ids of
    /// `source.entry` / `target.entry`, exactly.
    pub entity: Option<String>,
    /// Include history: events dated before the period their articles report on (see
    /// [`crate::ingest`], "History"). Left out by default.
    pub include_history: bool,
    /// Keyset paging: only the events after the event with this id in the order of
    /// [`Store::events`] (newest date first, then the higher id; undated last). That event must match the rest
    /// of the filter ([`StoreError::Cursor`] otherwise). Pages stay stable while events
    /// are added, since only [`Store::recode`] deletes events (those it leaves without a
    /// mention).
    pub after: Option<i64>,
}

/// SQL text made only of fixed fragments, with the user's values as parameters.
#[derive(Default)]
pub(crate) struct Where {
    parts: Vec<&'static str>,
    pub(crate) params: Vec<Value>,
}

fn upper(prefix: &str) -> String {
    format!("{prefix}\u{10FFFF}")
}

impl Where {
    fn push(&mut self, frag: &'static str, vals: impl IntoIterator<Item = Value>) {
        self.parts.push(frag);
        self.params.extend(vals);
    }

    fn prefix2(p: &str) -> [Value; 2] {
        [Value::Text(p.to_string()), Value::Text(upper(p))]
    }

    pub(crate) fn sql(&self) -> String {
        if self.parts.is_empty() {
            "1".into()
        } else {
            self.parts.join(" AND ")
        }
    }

    /// The conditions of `f`, the cursor [`EventFilter::after`] among them (looked up in
    /// `conn`).
    ///
    /// # Errors
    /// [`StoreError::Cursor`] when the cursor names no event of the filter; SQLite errors.
    pub(crate) fn of(conn: &rusqlite::Connection, f: &EventFilter) -> Result<Where> {
        let mut w = Where::conditions(f);
        if let Some(id) = f.after {
            let sql = format!("SELECT day_start FROM events WHERE id = ? AND {}", w.sql());
            let mut params = vec![Value::Integer(id)];
            params.extend(w.params.iter().cloned());
            let day: Option<Option<String>> = conn
                .query_row(&sql, rusqlite::params_from_iter(params), |r| r.get(0))
                .optional()?;
            match day {
                None => return Err(StoreError::Cursor(id)),
                Some(Some(d)) => w.push(
                    "(day_start IS NULL OR day_start < ? OR (day_start = ? AND id < ?))",
                    [Value::Text(d.clone()), Value::Text(d), Value::Integer(id)],
                ),
                Some(None) => w.push("(day_start IS NULL AND id < ?)", [Value::Integer(id)]),
            }
        }
        Ok(w)
    }

    fn conditions(f: &EventFilter) -> Where {
        let mut w = Where::default();
        if let Some(a) = &f.actor {
            let [lo, hi] = Self::prefix2(a);
            w.push(
                "((source_code >= ? AND source_code < ?) OR (target_code >= ? AND target_code < ?))",
                [lo.clone(), hi.clone(), lo, hi],
            );
        }
        if let Some(a) = &f.source {
            w.push("source_code >= ? AND source_code < ?", Self::prefix2(a));
        }
        if let Some(a) = &f.target {
            w.push("target_code >= ? AND target_code < ?", Self::prefix2(a));
        }
        if let Some((a, b)) = &f.dyad {
            let [al, ah] = Self::prefix2(a);
            let [bl, bh] = Self::prefix2(b);
            w.push(
                "((source_code >= ? AND source_code < ? AND target_code >= ? AND target_code < ?)
                  OR (source_code >= ? AND source_code < ? AND target_code >= ? AND target_code < ?))",
                [
                    al.clone(),
                    ah.clone(),
                    bl.clone(),
                    bh.clone(),
                    bl,
                    bh,
                    al,
                    ah,
                ],
            );
        }
        if let Some(c) = &f.code {
            w.push("cameo >= ? AND cameo < ?", Self::prefix2(c));
        }
        if let Some(r) = &f.root {
            w.push("root = ?", [Value::Text(r.clone())]);
        }
        if let Some(q) = f.quad {
            w.push("quad_class = ?", [Value::Integer(q as i64)]);
        }
        if let Some(d) = f.from {
            w.push("day_end >= ?", [Value::Text(d.to_string())]);
        }
        if let Some(d) = f.to {
            w.push("day_start <= ?", [Value::Text(d.to_string())]);
        }
        if let Some(p) = &f.place {
            w.push(
                "(place = ? OR country = ? OR CAST(geonameid AS TEXT) = ?)",
                [
                    Value::Text(p.clone()),
                    Value::Text(p.clone()),
                    Value::Text(p.clone()),
                ],
            );
        }
        if let Some(o) = &f.outlet {
            w.push(
                "EXISTS (SELECT 1 FROM mentions m JOIN documents d ON d.id = m.doc
                         WHERE m.event_id = events.id AND d.outlet = ?)",
                [Value::Text(o.clone())],
            );
        }
        if let Some(c) = f.min_confidence {
            w.push("confidence_max >= ?", [Value::Real(c as f64 - 1e-6)]);
        }
        if let Some(id) = &f.entity {
            w.push(
                ENTITY_SQL,
                [Value::Text(id.clone()), Value::Text(id.clone())],
            );
        }
        if !f.include_history {
            w.push("history = 0", []);
        }
        w
    }
}

/// The condition of [`EventFilter::entity`] on `events` (two parameters: the id twice):
/// an id among the `+`-joined ids of a mention's source or target entry.
const ENTITY_SQL: &str = "EXISTS (SELECT 1 FROM mentions m WHERE m.event_id = events.id
    AND (instr('+' || m.source_entry || '+', '+' || ? || '+') > 0
         OR instr('+' || coalesce(m.target_entry, '') || '+', '+' || ? || '+') > 0))";

/// An actor of a stored event.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Actor {
    /// CAMEO actor code.
    pub code: String,
    /// English name.
    pub name: String,
}

/// The PLOVER coding of a stored event.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Plover {
    /// PLOVER event type.
    pub event: String,
    /// Mode, if any.
    pub mode: Option<String>,
    /// Contexts.
    pub context: Vec<String>,
}

/// Where a stored event happened.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Place {
    /// The place name as written.
    pub text: String,
    /// GeoNames id.
    pub geonameid: Option<i64>,
    /// ISO alpha-3 country code.
    pub country: Option<String>,
    /// Latitude, degrees.
    pub lat: Option<f64>,
    /// Longitude, degrees.
    pub lon: Option<f64>,
    /// `city`, `admin` or `country`.
    pub precision: Option<String>,
}

/// A cross-article event with its counts.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct StoredEvent {
    /// Store id (the GDELT GLOBALEVENTID of exports).
    pub id: i64,
    /// CAMEO event code.
    pub cameo: String,
    /// CAMEO root.
    pub cameo_root: String,
    /// GDELT QuadClass.
    pub quad_class: u8,
    /// Goldstein score.
    pub goldstein: f64,
    /// PLOVER coding.
    pub plover: Option<Plover>,
    /// `negated`, `future`, `hypothetical`, or none.
    pub aux: Option<String>,
    /// Who acts.
    pub source: Actor,
    /// Who is acted upon.
    pub target: Option<Actor>,
    /// Event date (its first mention's).
    pub date: Option<String>,
    /// `day`, `month`, `year`.
    pub date_precision: Option<String>,
    /// Where.
    pub location: Option<Place>,
    /// Mentions (GDELT NumMentions).
    pub num_mentions: i64,
    /// Distinct outlets (GDELT NumSources).
    pub num_sources: i64,
    /// Distinct original articles (GDELT NumArticles).
    pub num_articles: i64,
    /// Earliest article date of a mention.
    pub first_seen: Option<String>,
    /// Latest article date of a mention.
    pub last_seen: Option<String>,
    /// Highest mention confidence.
    pub confidence: f64,
    /// When the event was first stored, `YYYYMMDDHHMMSS` UTC.
    pub added_at: String,
    /// The document of its first mention (the first stored).
    pub doc_id: Option<String>,
    /// That document's address, when it has one.
    pub url: Option<String>,
    /// The first mention's evidence: the sentence exactly as in the text (`None` only
    /// for mentions stored before schema v5 whose text was not kept).
    pub evidence_text: Option<String>,
    /// Dated more than [`crate::ingest::HISTORY_DAYS`] days before its earliest article:
    /// background the articles recall, not news of their period.
    pub history: bool,
    /// The mentions (filled by exports and `--mentions`; empty otherwise).
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub mentions: Vec<StoredMention>,
}

/// A span of text in a mention: words and byte range.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct SpanText {
    /// The words as in the raw text.
    pub text: String,
    /// Byte span `[start, end)` in the raw text.
    pub span: [i64; 2],
    /// The lexicon entry or trigger rule.
    pub id: String,
}

/// One report of an event in one document.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct StoredMention {
    /// Mention id.
    pub id: i64,
    /// The event.
    pub event_id: i64,
    /// The document.
    pub doc_id: String,
    /// The document's outlet.
    pub outlet: Option<String>,
    /// The document's address.
    pub url: Option<String>,
    /// The document's date.
    pub doc_date: Option<String>,
    /// The document's text length in bytes.
    pub doc_len: i64,
    /// The original this document is a near-duplicate of.
    pub near_duplicate_of: Option<String>,
    /// The coder's id of the event in the document (`DOC_ID:N`).
    pub local_id: String,
    /// Sentence index.
    pub sentence: i64,
    /// Byte span of the sentence.
    pub evidence: [i64; 2],
    /// The sentence exactly as in the text, `&text[evidence]` (`None` only for mentions
    /// stored before schema v5 whose text was not kept).
    pub evidence_text: Option<String>,
    /// The trigger (`id` = rule).
    pub trigger: SpanText,
    /// The source actor mention (`id` = lexicon entries).
    pub source: SpanText,
    /// The target actor mention.
    pub target: Option<SpanText>,
    /// The date as this mention resolved it.
    pub date: Option<String>,
    /// The words the date came from.
    pub date_text: Option<String>,
    /// Reporting lag in days: the document's date − the last day of [`Self::date`]
    /// (`None` when either is unknown; negative for a date after the article).
    pub lag_days: Option<i64>,
    /// Confidence 0–1.
    pub confidence: f64,
    /// Lexicon version.
    pub lexicon: String,
}

pub(crate) const EVENT_COLS: &str =
    "id, cameo, root, quad_class, goldstein, plover_event, plover_mode,
    plover_context, aux, source_code, source_name, target_code, target_name, date, date_precision,
    place, geonameid, country, lat, lon, place_precision, num_mentions, num_sources, num_articles,
    first_seen, last_seen, confidence_max, added_at,
    (SELECT d.doc_id FROM mentions m JOIN documents d ON d.id = m.doc
       WHERE m.event_id = events.id ORDER BY m.id LIMIT 1),
    (SELECT d.url FROM mentions m JOIN documents d ON d.id = m.doc
       WHERE m.event_id = events.id ORDER BY m.id LIMIT 1),
    (SELECT m.evidence_text FROM mentions m WHERE m.event_id = events.id ORDER BY m.id LIMIT 1),
    history";

pub(crate) fn event_from_row(r: &Row) -> rusqlite::Result<StoredEvent> {
    let aux: String = r.get(8)?;
    let tcode: String = r.get(11)?;
    let plover_event: Option<String> = r.get(5)?;
    let ctx: Option<String> = r.get(7)?;
    let place: Option<String> = r.get(15)?;
    Ok(StoredEvent {
        id: r.get(0)?,
        cameo: r.get(1)?,
        cameo_root: r.get(2)?,
        quad_class: r.get(3)?,
        goldstein: r.get(4)?,
        plover: plover_event
            .map(|event| -> rusqlite::Result<Plover> {
                Ok(Plover {
                    event,
                    mode: r.get(6)?,
                    context: ctx
                        .as_deref()
                        .and_then(|c| serde_json::from_str(c).ok())
                        .unwrap_or_default(),
                })
            })
            .transpose()?,
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
        location: place
            .map(|text| -> rusqlite::Result<Place> {
                Ok(Place {
                    text,
                    geonameid: r.get(16)?,
                    country: r.get(17)?,
                    lat: r.get(18)?,
                    lon: r.get(19)?,
                    precision: r.get(20)?,
                })
            })
            .transpose()?,
        num_mentions: r.get(21)?,
        num_sources: r.get(22)?,
        num_articles: r.get(23)?,
        first_seen: r.get(24)?,
        last_seen: r.get(25)?,
        confidence: r.get(26)?,
        added_at: r.get(27)?,
        doc_id: r.get(28)?,
        url: r.get(29)?,
        evidence_text: r.get(30)?,
        history: r.get(31)?,
        mentions: Vec::new(),
    })
}

pub(crate) const MENTION_SQL: &str = "SELECT m.id, m.event_id, d.doc_id, d.outlet, d.url, d.date,
    d.text_len, o.doc_id, m.local_id, m.sentence, m.evidence_start, m.evidence_end, m.trigger_text,
    m.trigger_start, m.trigger_end, m.rule, m.source_text, m.source_start, m.source_end,
    m.source_entry, m.target_text, m.target_start, m.target_end, m.target_entry, m.date,
    m.date_text, m.confidence, m.lexicon, m.evidence_text, m.lag_days
  FROM mentions m JOIN documents d ON d.id = m.doc LEFT JOIN documents o ON o.id = d.near_dup_of";

pub(crate) fn mention_from_row(r: &Row) -> rusqlite::Result<StoredMention> {
    mention_from_row_at(r, 0)
}

/// A mention from the columns of [`MENTION_SQL`] starting at column `o`.
pub(crate) fn mention_from_row_at(r: &Row, o: usize) -> rusqlite::Result<StoredMention> {
    let ttext: Option<String> = r.get(o + 20)?;
    Ok(StoredMention {
        id: r.get(o)?,
        event_id: r.get(o + 1)?,
        doc_id: r.get(o + 2)?,
        outlet: r.get(o + 3)?,
        url: r.get(o + 4)?,
        doc_date: r.get(o + 5)?,
        doc_len: r.get(o + 6)?,
        near_duplicate_of: r.get(o + 7)?,
        local_id: r.get(o + 8)?,
        sentence: r.get(o + 9)?,
        evidence: [r.get(o + 10)?, r.get(o + 11)?],
        evidence_text: r.get(o + 28)?,
        trigger: SpanText {
            text: r.get(o + 12)?,
            span: [r.get(o + 13)?, r.get(o + 14)?],
            id: r.get(o + 15)?,
        },
        source: SpanText {
            text: r.get(o + 16)?,
            span: [r.get(o + 17)?, r.get(o + 18)?],
            id: r.get(o + 19)?,
        },
        target: ttext
            .map(|text| -> rusqlite::Result<SpanText> {
                Ok(SpanText {
                    text,
                    span: [r.get(o + 21)?, r.get(o + 22)?],
                    id: r.get::<_, Option<String>>(o + 23)?.unwrap_or_default(),
                })
            })
            .transpose()?,
        date: r.get(o + 24)?,
        date_text: r.get(o + 25)?,
        lag_days: r.get(o + 29)?,
        confidence: r.get(o + 26)?,
        lexicon: r.get(o + 27)?,
    })
}

/// What [`Store::dyad`] counts besides the two actors. The default: every date, no
/// history, any entity.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct DyadFilter {
    /// Events whose date reaches this day or later.
    pub from: Option<NaiveDate>,
    /// Events whose date starts this day or earlier.
    pub to: Option<NaiveDate>,
    /// Count history too ([`EventFilter::include_history`]).
    pub include_history: bool,
    /// Only events with a mention naming this lexicon entry ([`EventFilter::entity`]).
    pub entity: Option<String>,
}

/// Time unit of [`Store::dyad`].
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Period {
    /// Calendar day (`YYYY-MM-DD`); only day-precision events.
    Day,
    /// Week from Monday, labelled by its Monday; only day-precision events.
    Week,
    /// Calendar month (`YYYY-MM`); day- and month-precision events.
    Month,
}

impl std::str::FromStr for Period {
    type Err = String;
    fn from_str(s: &str) -> Result<Period, String> {
        match s {
            "day" => Ok(Period::Day),
            "week" => Ok(Period::Week),
            "month" => Ok(Period::Month),
            _ => Err(format!("{s:?}: expected day, week or month")),
        }
    }
}

/// One period and direction of a dyad.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct DyadRow {
    /// The period label.
    pub period: String,
    /// Acting side (the prefix asked for).
    pub source: String,
    /// Receiving side.
    pub target: String,
    /// Events.
    pub events: i64,
    /// Their mentions.
    pub mentions: i64,
    /// Events per QuadClass 1–4 (verbal cooperation, material cooperation, verbal
    /// conflict, material conflict).
    pub quad: [i64; 4],
    /// Sum of Goldstein scores.
    pub goldstein_sum: f64,
    /// Mean Goldstein score.
    pub goldstein_mean: f64,
}

/// The answer of [`Store::dyad`].
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct DyadReport {
    /// Per period, then direction (A→B first).
    pub rows: Vec<DyadRow>,
    /// Events of the dyad dated too coarsely for the period (e.g. month-precision events
    /// when counting by day), not counted in `rows`.
    pub coarser: i64,
}

/// One actor's activity.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ActorRow {
    /// Actor code (cut to the requested length).
    pub code: String,
    /// A label of the code. The store gives a name the coder gave an event of this code
    /// (a lexicon entry's); the CLI, the API and the Python package replace it with the
    /// code's own description (`rasid_lexicon::codes::describe_actor`: country and
    /// sectors), the entries being listed in [`ActorRow::entities`].
    pub name: String,
    /// The lexicon entries seen under this code (ids, with their mentions), most
    /// mentioned first; filled by [`Store::actor_entities`] (empty otherwise).
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub entities: Vec<EntityCount>,
    /// Events with it as source or target.
    pub events: i64,
    /// Their mentions.
    pub mentions: i64,
    /// Events as source.
    pub as_source: i64,
    /// Events as target.
    pub as_target: i64,
}

/// A lexicon entry seen under an actor code.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct EntityCount {
    /// The lexicon entry id (`khalifa-haftar`); `--entity` takes it.
    pub id: String,
    /// Mentions that name it under the code.
    pub mentions: i64,
}

/// One place of the map: the events located at the same coordinates.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct PlaceRow {
    /// A name the events were located by (the greatest of their spellings: stable).
    pub place: String,
    /// GeoNames id.
    pub geonameid: Option<i64>,
    /// ISO alpha-3 country code.
    pub country: Option<String>,
    /// Latitude, degrees.
    pub lat: f64,
    /// Longitude, degrees.
    pub lon: f64,
    /// `city`, `admin` or `country`.
    pub precision: Option<String>,
    /// Events.
    pub events: i64,
    /// Their mentions.
    pub mentions: i64,
    /// Events per QuadClass 1–4.
    pub quad: [i64; 4],
}

/// A directed network edge.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct EdgeRow {
    /// Source actor code.
    pub source: String,
    /// Target actor code.
    pub target: String,
    /// Events (the weight).
    pub events: i64,
    /// Their mentions.
    pub mentions: i64,
    /// Events per QuadClass 1–4.
    pub quad: [i64; 4],
    /// Sum of Goldstein scores.
    pub goldstein_sum: f64,
    /// Mean Goldstein score.
    pub goldstein_mean: f64,
}

impl Store {
    /// Events matching `f`, newest first: by date (the first day it covers), latest first,
    /// then by id, highest first; undated last.
    ///
    /// # Errors
    /// SQLite errors.
    pub fn events(&self, f: &EventFilter) -> Result<Vec<StoredEvent>> {
        let mut out = Vec::new();
        self.for_each_event(f, &mut |e| {
            out.push(e);
            Ok(())
        })?;
        Ok(out)
    }

    /// Calls `each` with every event matching `f`, streaming, newest first (the order of
    /// [`Store::events`]).
    ///
    /// # Errors
    /// SQLite errors, or the first error of `each`.
    pub fn for_each_event(
        &self,
        f: &EventFilter,
        each: &mut dyn FnMut(StoredEvent) -> Result<()>,
    ) -> Result<()> {
        let w = Where::of(&self.conn, f)?;
        let mut params = w.params.clone();
        params.push(Value::Integer(f.limit.map_or(-1, |l| l as i64)));
        let sql = format!(
            "SELECT {EVENT_COLS} FROM events WHERE {} ORDER BY day_start IS NULL, day_start DESC, id DESC LIMIT ?",
            w.sql()
        );
        let mut st = self.conn.prepare(&sql)?;
        let mut rows = st.query(rusqlite::params_from_iter(params))?;
        while let Some(r) = rows.next()? {
            each(event_from_row(r)?)?;
        }
        Ok(())
    }

    /// The event `id` with its mentions (in storage order), if stored.
    ///
    /// # Errors
    /// SQLite errors.
    pub fn event(&self, id: i64) -> Result<Option<StoredEvent>> {
        let mut st = self
            .conn
            .prepare_cached(&format!("SELECT {EVENT_COLS} FROM events WHERE id = ?1"))?;
        let Some(mut e) = st.query_row([id], event_from_row).optional()? else {
            return Ok(None);
        };
        e.mentions = self.mentions(id)?;
        Ok(Some(e))
    }

    /// The mentions of event `id`, in storage order.
    ///
    /// # Errors
    /// SQLite errors.
    pub fn mentions(&self, id: i64) -> Result<Vec<StoredMention>> {
        let mut st = self.conn.prepare_cached(&format!(
            "{MENTION_SQL} WHERE m.event_id = ?1 ORDER BY m.id"
        ))?;
        let rows = st.query_map([id], mention_from_row)?;
        Ok(rows.collect::<Result<_, _>>()?)
    }

    /// Relations between actors `a` and `b` (code prefixes) over time, both directions:
    /// per period and direction (oldest period first), events per QuadClass, Goldstein
    /// sum and mean, within `f`'s date range, history and entity (see [`DyadFilter`]).
    ///
    /// # Errors
    /// SQLite errors.
    pub fn dyad(&self, a: &str, b: &str, by: Period, f: &DyadFilter) -> Result<DyadReport> {
        let (period, precisions) = match by {
            Period::Day => ("day_start", "date_precision = 'day'"),
            Period::Week => (
                "date(day_start, 'weekday 0', '-6 days')",
                "date_precision = 'day'",
            ),
            Period::Month => (
                "substr(day_start, 1, 7)",
                "date_precision IN ('day', 'month')",
            ),
        };
        // One range scan of the covering index per direction (planner-proof); B→A leaves
        // out what A→B counted, so overlapping prefixes never count an event twice.
        let ab =
            "source_code >= ?1 AND source_code < ?2 AND target_code >= ?3 AND target_code < ?4";
        let ba =
            "source_code >= ?3 AND source_code < ?4 AND target_code >= ?1 AND target_code < ?2";
        // ?7: the entity, '' for any
        let when = format!(
            "day_start IS NOT NULL AND day_end >= ?5 AND day_start <= ?6{} AND (?7 = '' OR {})",
            if f.include_history {
                ""
            } else {
                " AND history = 0"
            },
            ENTITY_SQL.replace('?', "?7")
        );
        let (from, to) = (f.from, f.to);
        let params = rusqlite::params![
            a,
            upper(a),
            b,
            upper(b),
            from.map_or("0000-00-00".to_string(), |d| d.to_string()),
            to.map_or("9999-99-99".to_string(), |d| d.to_string()),
            f.entity.as_deref().unwrap_or(""),
        ];
        let sql = format!(
            "SELECT p, dir, quad_class, count(*), sum(num_mentions), sum(goldstein) FROM (
               SELECT CASE WHEN {precisions} THEN {period} END AS p, 0 AS dir, quad_class,
                      num_mentions, goldstein
               FROM events INDEXED BY events_dyad WHERE {ab} AND {when}
               UNION ALL
               SELECT CASE WHEN {precisions} THEN {period} END, 1, quad_class, num_mentions, goldstein
               FROM events INDEXED BY events_dyad WHERE {ba} AND NOT ({ab}) AND {when})
             GROUP BY p, dir, quad_class ORDER BY p, dir"
        );
        let mut st = self.conn.prepare(&sql)?;
        let mut rows = st.query(params)?;
        let mut out: Vec<DyadRow> = Vec::new();
        let mut coarser = 0;
        while let Some(r) = rows.next()? {
            // a NULL period: dated too coarsely for `by`
            let Some(p) = r.get::<_, Option<String>>(0)? else {
                coarser += r.get::<_, i64>(3)?;
                continue;
            };
            let dir: i64 = r.get(1)?;
            let q: i64 = r.get(2)?;
            let n: i64 = r.get(3)?;
            let m: i64 = r.get(4)?;
            let g: f64 = r.get(5)?;
            let (s, t) = if dir == 0 { (a, b) } else { (b, a) };
            let same = out
                .last()
                .is_some_and(|l| l.period == p && l.source == s && l.target == t);
            if !same {
                out.push(DyadRow {
                    period: p,
                    source: s.to_string(),
                    target: t.to_string(),
                    events: 0,
                    mentions: 0,
                    quad: [0; 4],
                    goldstein_sum: 0.0,
                    goldstein_mean: 0.0,
                });
            }
            let row = out.last_mut().expect("pushed");
            row.events += n;
            row.mentions += m;
            if (1..=4).contains(&q) {
                row.quad[q as usize - 1] += n;
            }
            row.goldstein_sum += g;
            row.goldstein_mean = row.goldstein_sum / row.events as f64;
        }
        Ok(DyadReport { rows: out, coarser })
    }

    /// The most active actors among the events matching `f`: events as source or target,
    /// codes cut to their first `code_len` characters when given (3 = countries and
    /// organisations), most active first.
    ///
    /// # Errors
    /// SQLite errors.
    pub fn actors(
        &self,
        f: &EventFilter,
        code_len: Option<usize>,
        limit: usize,
    ) -> Result<Vec<ActorRow>> {
        let w = Where::of(&self.conn, f)?;
        let len =
            Value::Integer(code_len.map_or(1000, |l| i64::try_from(l.max(1)).unwrap_or(i64::MAX)));
        let mut params = vec![len.clone()];
        params.extend(w.params.iter().cloned());
        params.push(len);
        params.extend(w.params.iter().cloned());
        params.push(Value::Integer(limit as i64));
        let sql = format!(
            "SELECT code, max(name), sum(n), sum(m), sum(s), sum(t) FROM (
               SELECT substr(source_code, 1, ?) AS code, source_name AS name, count(*) AS n,
                      sum(num_mentions) AS m, count(*) AS s, 0 AS t
               FROM events WHERE {0} GROUP BY 1
               UNION ALL
               SELECT substr(target_code, 1, ?), target_name, count(*), sum(num_mentions), 0, count(*)
               FROM events WHERE target_code != '' AND {0} GROUP BY 1)
             GROUP BY code ORDER BY sum(n) DESC, code LIMIT ?",
            w.sql()
        );
        let mut st = self.conn.prepare(&sql)?;
        let rows = st.query_map(rusqlite::params_from_iter(params), |r| {
            Ok(ActorRow {
                code: r.get(0)?,
                name: r.get(1)?,
                events: r.get(2)?,
                mentions: r.get(3)?,
                as_source: r.get(4)?,
                as_target: r.get(5)?,
                entities: Vec::new(),
            })
        })?;
        Ok(rows.collect::<Result<_, _>>()?)
    }

    /// The lexicon entries named under actor `code` (cut to `code_len` characters when
    /// given, as [`Store::actors`] cuts) by the mentions of the events matching `f`, as
    /// source or target: each `+`-joined id counted apart, most mentioned first, at most
    /// `limit`.
    ///
    /// # Errors
    /// SQLite errors.
    pub fn actor_entities(
        &self,
        f: &EventFilter,
        code: &str,
        code_len: Option<usize>,
        limit: usize,
    ) -> Result<Vec<EntityCount>> {
        let w = Where::of(&self.conn, f)?;
        // the whole code, or every code it is the cut of
        let (side, vals): (fn(&str) -> String, Vec<Value>) = if code_len.is_some() {
            (
                |c| format!("{c}_code >= ? AND {c}_code < ?"),
                Where::prefix2(code).to_vec(),
            )
        } else {
            (|c| format!("{c}_code = ?"), vec![Value::Text(code.into())])
        };
        let mut params = vals.clone();
        params.extend(w.params.iter().cloned());
        params.extend(vals);
        params.extend(w.params.iter().cloned());
        let sql = format!(
            "SELECT m.source_entry, count(*) FROM mentions m WHERE m.event_id IN
               (SELECT id FROM events WHERE {} AND {}) GROUP BY 1
             UNION ALL
             SELECT m.target_entry, count(*) FROM mentions m WHERE m.target_entry IS NOT NULL
               AND m.event_id IN (SELECT id FROM events WHERE {} AND {}) GROUP BY 1",
            side("source"),
            w.sql(),
            side("target"),
            w.sql()
        );
        let mut st = self.conn.prepare(&sql)?;
        let mut rows = st.query(rusqlite::params_from_iter(params))?;
        let mut counts: std::collections::HashMap<String, i64> = Default::default();
        while let Some(r) = rows.next()? {
            let (entry, n): (String, i64) = (r.get(0)?, r.get(1)?);
            for id in entry.split('+').filter(|s| !s.is_empty()) {
                *counts.entry(id.to_string()).or_default() += n;
            }
        }
        let mut out: Vec<EntityCount> = counts
            .into_iter()
            .map(|(id, mentions)| EntityCount { id, mentions })
            .collect();
        out.sort_by(|a, b| b.mentions.cmp(&a.mentions).then_with(|| a.id.cmp(&b.id)));
        out.truncate(limit);
        Ok(out)
    }

    /// The places of the events matching `f` that have coordinates, grouped by
    /// coordinates and place precision, most events first, at most `limit`.
    ///
    /// # Errors
    /// SQLite errors.
    pub fn places(&self, f: &EventFilter, limit: usize) -> Result<Vec<PlaceRow>> {
        let w = Where::of(&self.conn, f)?;
        let mut params = w.params.clone();
        params.push(Value::Integer(i64::try_from(limit).unwrap_or(i64::MAX)));
        let sql = format!(
            "SELECT max(place), max(geonameid), max(country), lat, lon, place_precision,
                    count(*), sum(num_mentions),
                    sum(quad_class = 1), sum(quad_class = 2), sum(quad_class = 3), sum(quad_class = 4)
             FROM events WHERE lat IS NOT NULL AND lon IS NOT NULL AND {}
             GROUP BY lat, lon, place_precision ORDER BY count(*) DESC, lat, lon LIMIT ?",
            w.sql()
        );
        let mut st = self.conn.prepare(&sql)?;
        let rows = st.query_map(rusqlite::params_from_iter(params), |r| {
            Ok(PlaceRow {
                place: r.get::<_, Option<String>>(0)?.unwrap_or_default(),
                geonameid: r.get(1)?,
                country: r.get(2)?,
                lat: r.get(3)?,
                lon: r.get(4)?,
                precision: r.get(5)?,
                events: r.get(6)?,
                mentions: r.get(7)?,
                quad: [r.get(8)?, r.get(9)?, r.get(10)?, r.get(11)?],
            })
        })?;
        Ok(rows.collect::<Result<_, _>>()?)
    }

    /// Network edges source → target among the events matching `f` (codes cut to
    /// `code_len` characters when given), heaviest first.
    ///
    /// # Errors
    /// SQLite errors.
    pub fn edges(
        &self,
        f: &EventFilter,
        code_len: Option<usize>,
        limit: usize,
    ) -> Result<Vec<EdgeRow>> {
        let w = Where::of(&self.conn, f)?;
        let len =
            Value::Integer(code_len.map_or(1000, |l| i64::try_from(l.max(1)).unwrap_or(i64::MAX)));
        let mut params = vec![len.clone(), len];
        params.extend(w.params.iter().cloned());
        params.push(Value::Integer(limit as i64));
        let sql = format!(
            "SELECT substr(source_code, 1, ?1) AS s, substr(target_code, 1, ?2) AS t, count(*),
                    sum(num_mentions), sum(goldstein),
                    sum(quad_class = 1), sum(quad_class = 2), sum(quad_class = 3), sum(quad_class = 4)
             FROM events WHERE target_code != '' AND {}
             GROUP BY s, t ORDER BY count(*) DESC, s, t LIMIT ?",
            w.sql()
        );
        let mut st = self.conn.prepare(&sql)?;
        let rows = st.query_map(rusqlite::params_from_iter(params), |r| {
            let n: i64 = r.get(2)?;
            let g: f64 = r.get(4)?;
            Ok(EdgeRow {
                source: r.get(0)?,
                target: r.get(1)?,
                events: n,
                mentions: r.get(3)?,
                goldstein_sum: g,
                goldstein_mean: if n > 0 { g / n as f64 } else { 0.0 },
                quad: [r.get(5)?, r.get(6)?, r.get(7)?, r.get(8)?],
            })
        })?;
        Ok(rows.collect::<Result<_, _>>()?)
    }
}

/// Parses a `YYYY-MM-DD` argument.
///
/// # Errors
/// [`StoreError::Argument`].
pub fn parse_day(s: &str) -> Result<NaiveDate> {
    parse_ymd(s).ok_or_else(|| StoreError::Argument(format!("{s:?}: expected a date YYYY-MM-DD")))
}

/// Parses exactly `YYYY-MM-DD`: four digits, two, two, and a real calendar day. chrono's
/// `%Y` alone also takes a sign and more digits (`+99999-01-01`), which then compare
/// wrongly as strings against stored dates.
pub fn parse_ymd(s: &str) -> Option<NaiveDate> {
    let b = s.as_bytes();
    let shape = b.len() == 10
        && b.iter().enumerate().all(|(i, c)| {
            if i == 4 || i == 7 {
                *c == b'-'
            } else {
                c.is_ascii_digit()
            }
        });
    if !shape {
        return None;
    }
    NaiveDate::parse_from_str(s, "%Y-%m-%d").ok()
}
