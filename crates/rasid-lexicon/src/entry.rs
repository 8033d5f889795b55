//! Lexicon entries as parsed from the source files (formats: `lexicons/README.md`).

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

/// Where an entry was read from: file and 1-based line.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct Origin {
    /// File path as given (embedded files are `lexicons/NAME`).
    pub file: String,
    /// 1-based line.
    pub line: usize,
}

/// A state or territory (`countries*.tsv`).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Country {
    /// Stable id.
    pub id: String,
    /// ISO 3166-1 alpha-3 code.
    pub code: String,
    /// Arabic names.
    pub names: Vec<String>,
    /// Arabic names of the capital (stands for the government).
    pub capitals: Vec<String>,
    /// Masculine singular nisba adjectives without the article.
    pub nisba: Vec<String>,
    /// Broken plurals naming the people.
    pub plural: Vec<String>,
    /// English name.
    pub en: String,
    /// Source line.
    pub origin: Origin,
}

/// An organisation or group with a full CAMEO actor code (`organizations*.tsv`).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Organization {
    /// Stable id.
    pub id: String,
    /// Full CAMEO actor code (`IGOUNO`, `YEMREB`).
    pub code: String,
    /// `igo`, `ngo`, `armed`, `party`, `institution`, `media` or `company`.
    pub kind: String,
    /// Arabic names.
    pub names: Vec<String>,
    /// English name.
    pub en: String,
    /// Source line.
    pub origin: Origin,
}

/// One office a person held, with the actor code it gives.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Office {
    /// Actor code while in this office (`TURGOV`).
    pub code: String,
    /// What the office is, in English.
    #[serde(default)]
    pub role: String,
    /// First day in office (partial dates: start of the period); `None` = open.
    #[serde(default, deserialize_with = "de_date_from")]
    pub from: Option<NaiveDate>,
    /// Last day in office (partial dates: end of the period); `None` = still in office.
    #[serde(default, deserialize_with = "de_date_to")]
    pub to: Option<NaiveDate>,
}

/// A person coded by the office held on the event date (`people*.jsonl`).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Person {
    /// Stable id.
    pub id: String,
    /// English name.
    #[serde(default)]
    pub en: String,
    /// Full-name variants.
    pub names: Vec<String>,
    /// Surname forms, used only after the full name appeared in the article.
    #[serde(default)]
    pub short: Vec<String>,
    /// Offices, in any order.
    #[serde(default)]
    pub offices: Vec<Office>,
    /// Code outside every office.
    #[serde(default)]
    pub default: Option<String>,
    /// Source line (set by the parser, not read from the JSON line).
    #[serde(default)]
    pub origin: Origin,
}

impl Person {
    /// The actor code of this person on `date`: the office covering the date (the most
    /// recently begun one when several do); else
    /// `default`; else the office nearest in time; else `None`. With no date, the latest
    /// office.
    pub fn code_on(&self, date: Option<NaiveDate>) -> Option<&str> {
        let Some(d) = date else {
            return self
                .offices
                .iter()
                .max_by_key(|o| o.from)
                .map(|o| o.code.as_str())
                .or(self.default.as_deref());
        };
        let covering = self
            .offices
            .iter()
            .filter(|o| o.from.is_none_or(|f| f <= d) && o.to.is_none_or(|t| d <= t));
        if let Some(o) = covering.max_by_key(|o| o.from) {
            return Some(&o.code);
        }
        if let Some(c) = &self.default {
            return Some(c);
        }
        self.offices
            .iter()
            .min_by_key(|o| {
                let a = o.from.map_or(0, |f| (f - d).num_days().abs());
                let b = o.to.map_or(0, |t| (t - d).num_days().abs());
                a.min(b)
            })
            .map(|o| o.code.as_str())
    }
}

/// A role that gives a sector (`agents*.tsv`).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Agent {
    /// Stable id.
    pub id: String,
    /// CAMEO sector code (`GOV`, `MIL` …).
    pub sector: String,
    /// Arabic role phrases.
    pub forms: Vec<String>,
    /// English gloss.
    pub en: String,
    /// Source line.
    pub origin: Origin,
}

/// A gazetteer place (`places*.tsv`).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Place {
    /// GeoNames id.
    pub geonameid: u64,
    /// `country`, `capital`, `admin` or `city`.
    pub kind: String,
    /// ISO alpha-3 country code.
    pub country: String,
    /// Latitude, degrees.
    pub lat: f64,
    /// Longitude, degrees.
    pub lon: f64,
    /// Population (0 when unknown).
    pub population: u64,
    /// Arabic names.
    pub names: Vec<String>,
    /// English name.
    pub en: String,
    /// Source line.
    pub origin: Origin,
}

/// Part of speech of a trigger.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum Pos {
    /// A verb (forms are inflected unless `noinflect`).
    Verb,
    /// A verbal noun (masdar) or other noun.
    Noun,
}

/// An action word mapped to a CAMEO code (`triggers*.tsv`).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Trigger {
    /// Stable id, `<action>.<lemma>`.
    pub id: String,
    /// CAMEO event code.
    pub cameo: String,
    /// Verb or noun.
    pub pos: Pos,
    /// Forms as written in the file (phrases may hold `…` gaps).
    pub forms: Vec<String>,
    /// How the target is introduced: `obj` and/or folded prepositions (`مع`, `الي` …).
    pub target: Vec<String>,
    /// Roles reversed: the subject is the target.
    pub recv: bool,
    /// Also emit the reverse event with this code.
    pub mirror: Option<String>,
    /// A reporting verb: carries the subject, makes no event.
    pub say: bool,
    /// Do not inflect verb forms.
    pub noinflect: bool,
    /// A noun of the target's own conduct: its possessive pronoun is the target
    /// (`انتهاكاتها`، `دعمها للإرهاب`: the accused).
    pub owner: bool,
    /// A word seen as a trigger in the annotated train split that no hand-written entry
    /// covers (`triggers-learned.tsv`): the rules make no event of it, only the learned
    /// decisions may.
    #[serde(default)]
    pub learned: bool,
    /// English gloss.
    pub en: String,
    /// Source line.
    pub origin: Origin,
}

/// Kind of a [`Cue`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum CueKind {
    /// The event did not happen.
    Negation,
    /// The event is announced or scheduled.
    Future,
    /// The event is conditional.
    Hypothetical,
    /// The event is called for (`يجب`، `ضرورة`، `ينبغي`): hypothetical, except for an
    /// appeal or demand, which is the calling itself.
    Obligation,
    /// The words attribute the report to an outlet.
    Attribution,
    /// The subject carries over from the previous sentence.
    Continuation,
    /// A reporting verb.
    Report,
    /// A word of sports reporting (`مباراة`، `كأس العالم`): a sentence with one, in an
    /// article with several, reports a game, not a political event.
    Sports,
}

/// A word that changes what a trigger means (`cues*.tsv`).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Cue {
    /// Stable id.
    pub id: String,
    /// What the cue does.
    pub kind: CueKind,
    /// Arabic forms.
    pub forms: Vec<String>,
    /// `before`, `after` or `prefix`.
    pub scope: String,
    /// English gloss.
    pub en: String,
    /// Source line.
    pub origin: Origin,
}

fn parse_partial(s: &str, end: bool) -> Result<NaiveDate, String> {
    let parts: Vec<&str> = s.split('-').collect();
    let num = |p: &str| p.parse::<u32>().map_err(|_| format!("bad date {s:?}"));
    let y = parts[0]
        .parse::<i32>()
        .map_err(|_| format!("bad date {s:?}"))?;
    let (m, d) = match parts.len() {
        1 => (if end { 12 } else { 1 }, None),
        2 => (num(parts[1])?, None),
        3 => (num(parts[1])?, Some(num(parts[2])?)),
        _ => return Err(format!("bad date {s:?}")),
    };
    let first = NaiveDate::from_ymd_opt(y, m, 1).ok_or_else(|| format!("bad date {s:?}"))?;
    match d {
        Some(d) => NaiveDate::from_ymd_opt(y, m, d).ok_or_else(|| format!("bad date {s:?}")),
        None if end => {
            let next = if m == 12 {
                NaiveDate::from_ymd_opt(y + 1, 1, 1)
            } else {
                NaiveDate::from_ymd_opt(y, m + 1, 1)
            };
            Ok(next.unwrap_or(first).pred_opt().unwrap_or(first))
        }
        None => Ok(first),
    }
}

/// Parses `YYYY`, `YYYY-MM` or `YYYY-MM-DD`; a partial date means the first day of the
/// period (`end = false`) or the last (`end = true`).
///
/// # Errors
/// A message naming the bad value.
pub fn parse_date(s: &str, end: bool) -> Result<NaiveDate, String> {
    parse_partial(s.trim(), end)
}

fn de_date_from<'de, D: serde::Deserializer<'de>>(de: D) -> Result<Option<NaiveDate>, D::Error> {
    let v: Option<String> = Option::deserialize(de)?;
    match v.as_deref().map(str::trim) {
        None | Some("") => Ok(None),
        Some(s) => parse_partial(s, false)
            .map(Some)
            .map_err(serde::de::Error::custom),
    }
}

fn de_date_to<'de, D: serde::Deserializer<'de>>(de: D) -> Result<Option<NaiveDate>, D::Error> {
    let v: Option<String> = Option::deserialize(de)?;
    match v.as_deref().map(str::trim) {
        None | Some("") => Ok(None),
        Some(s) => parse_partial(s, true)
            .map(Some)
            .map_err(serde::de::Error::custom),
    }
}
