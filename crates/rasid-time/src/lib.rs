//! Arabic date expressions, found in text and resolved against the article date.
//!
//! [`find_dates`] scans a text for date expressions — Gregorian dates with month names from
//! every regional series (أكتوبر، تشرين الأول، أفريل، شتنبر …), Hijri dates (Umm al-Qura,
//! converted with ICU4X), numeric dates (10/8/2015), weekdays (الأحد الماضي) and relative
//! expressions (أمس، قبل ثلاثة أيام، العام الماضي، خلال الأيام الماضية) — and resolves each
//! against the article date, if one is given. Each [`DateExpr`] carries:
//!
//! - `span`: a half-open range of **UTF-8 byte offsets** into the input, so `&text[span]` is
//!   the expression exactly as written (a proclitic such as و or ب on the first word and
//!   prepositions such as في or منذ before it are not part of it);
//! - `kind`: a [`DateKind`], how the date was written;
//! - `resolution`: a [`Resolution`], either an [`EventDate`] (a Gregorian date at day, month
//!   or year [`Precision`]; all dates are calendar dates, with the article date taken as
//!   UTC) or the [`UnresolvedReason`] why not (a relative date with no article date, an
//!   impossible date such as 30 February).
//!
//! Matching is done on a folded copy of the text (no diacritics or tatweel, one alef, ى → ي,
//! ة → ه, Arabic-Indic and Persian digits → ASCII), so spelling variants match alike.
//! [`hijri_to_gregorian`] converts single Hijri dates.
//!
//! ```
//! use chrono::NaiveDate;
//! use rasid_time::{find_dates, DateKind, Resolution};
//!
//! let text = "وفي أبريل الماضي زار الوفد أنقرة، بعد لقاء في أكتوبر 2024 وآخر يوم ٢٥ شوال ١٤٣٦ هـ.";
//! let anchor = NaiveDate::from_ymd_opt(2025, 10, 20);
//! let found: Vec<(&str, DateKind, String)> = find_dates(text, anchor)
//!     .iter()
//!     .map(|d| (&text[d.span.clone()], d.kind, d.resolution.to_string()))
//!     .collect();
//! assert_eq!(
//!     found,
//!     [
//!         ("أبريل الماضي", DateKind::Relative, "2025-04".to_string()),
//!         ("أكتوبر 2024", DateKind::Absolute, "2024-10".to_string()),
//!         ("٢٥ شوال ١٤٣٦ هـ", DateKind::Hijri, "2015-08-10".to_string()),
//!     ]
//! );
//!
//! // Without an article date, relative expressions stay unresolved.
//! let dates = find_dates("وصل الوفد أمس", None);
//! assert_eq!(dates[0].resolution, Resolution::Unresolved(rasid_time::UnresolvedReason::NoAnchor));
//! ```
//!
//! Choices worth knowing (see the item docs for each):
//! - A date without a year ("10 أغسطس", "في مايو") takes the latest occurrence not after the
//!   article date plus [`YEAR_INFERENCE_MARGIN_DAYS`].
//! - "أبريل الماضي" is the latest April strictly before the article's month; "أبريل المقبل"
//!   the first one after it.
//! - "الأسبوع الماضي" is the article date minus 7 days, day precision; "الأسبوع المقبل" plus 7.
//! - "خلال الأيام الماضية" is the article date (day precision); "خلال الأشهر الماضية" the
//!   article's year (year precision).
//! - A Hijri date followed by "الموافق" and a Gregorian date is **one** expression, resolved
//!   by the Gregorian date; the same holds for a weekday followed by a full date.
//! - "قبل/منذ + duration" counts back from the article date ("قبل شهر": the previous month,
//!   month precision); "بعد + duration" is not read (in news it nearly always counts from
//!   another event: "بعد عام من تعيينه"), only "بعد غد".
//! - Numeric dates are day first (10/8/2015 is 10 August), unless the middle number cannot
//!   be a month.

#![deny(missing_docs)]

mod fold;
mod resolve;
mod scan;
mod tables;

use std::fmt;
use std::ops::Range;
use std::str::FromStr;

use chrono::{Datelike, NaiveDate};
use serde::{Serialize, Serializer};

pub use resolve::{gregorian_to_hijri, hijri_to_gregorian, YEAR_INFERENCE_MARGIN_DAYS};

/// Precision of a resolved date.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Precision {
    /// A single day: "2015-08-10".
    Day,
    /// A calendar month: "2024-10".
    Month,
    /// A calendar year: "2025".
    Year,
}

impl Precision {
    /// The lowercase name used in event records: "day", "month" or "year".
    pub fn as_str(self) -> &'static str {
        match self {
            Precision::Day => "day",
            Precision::Month => "month",
            Precision::Year => "year",
        }
    }
}

/// A Gregorian calendar date at some precision.
///
/// `month` is 1–12 and `day` 1–31; `day` is only set when `month` is. [`fmt::Display`] and
/// serde give "YYYY-MM-DD", "YYYY-MM" or "YYYY"; [`FromStr`] reads them back.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct EventDate {
    /// Year (Gregorian, astronomical numbering).
    pub year: i32,
    /// Month 1–12, if known.
    pub month: Option<u8>,
    /// Day of the month 1–31, if known (only with a month).
    pub day: Option<u8>,
}

impl EventDate {
    /// How precise the date is.
    pub fn precision(&self) -> Precision {
        match (self.month, self.day) {
            (Some(_), Some(_)) => Precision::Day,
            (Some(_), None) => Precision::Month,
            _ => Precision::Year,
        }
    }

    /// The first day the date covers (the day itself, the 1st of the month, 1 January).
    ///
    /// # Panics
    ///
    /// If the fields do not form a date chrono can represent (never for values produced by
    /// this crate).
    pub fn first_day(&self) -> NaiveDate {
        let month = u32::from(self.month.unwrap_or(1));
        let day = u32::from(self.day.unwrap_or(1));
        NaiveDate::from_ymd_opt(self.year, month, day).expect("EventDate holds a valid date")
    }
}

impl From<NaiveDate> for EventDate {
    fn from(d: NaiveDate) -> Self {
        EventDate {
            year: d.year(),
            month: Some(d.month() as u8),
            day: Some(d.day() as u8),
        }
    }
}

impl fmt::Display for EventDate {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:04}", self.year)?;
        if let Some(m) = self.month {
            write!(f, "-{m:02}")?;
            if let Some(d) = self.day {
                write!(f, "-{d:02}")?;
            }
        }
        Ok(())
    }
}

impl Serialize for EventDate {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_str(self)
    }
}

/// Error from parsing an [`EventDate`] string.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
#[error("not a date of the form YYYY, YYYY-MM or YYYY-MM-DD: {0:?}")]
pub struct ParseEventDateError(String);

impl FromStr for EventDate {
    type Err = ParseEventDateError;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        let err = || ParseEventDateError(s.to_string());
        let mut parts = s.split('-');
        let year_text = parts.next().ok_or_else(err)?;
        if year_text.len() != 4 {
            return Err(err());
        }
        let year: i32 = year_text.parse().map_err(|_| err())?;
        let mut field = |len: usize| -> Result<Option<u8>, ParseEventDateError> {
            match parts.next() {
                None => Ok(None),
                Some(p) if p.len() == len => p.parse().map(Some).map_err(|_| err()),
                Some(_) => Err(err()),
            }
        };
        let month = field(2)?;
        let day = if month.is_some() { field(2)? } else { None };
        if parts.next().is_some() {
            return Err(err());
        }
        let date = EventDate { year, month, day };
        let valid = match (month, day) {
            (None, _) => true,
            (Some(m), None) => (1..=12).contains(&m),
            (Some(m), Some(d)) => {
                NaiveDate::from_ymd_opt(year, u32::from(m), u32::from(d)).is_some()
            }
        };
        valid.then_some(date).ok_or_else(err)
    }
}

/// Why a date expression has no date.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
#[non_exhaustive]
pub enum UnresolvedReason {
    /// The expression is relative (أمس، الأحد، 10 أغسطس with no year) and no article date
    /// was given.
    NoAnchor,
    /// The expression names a date that does not exist (30 فبراير 2015, 30 صفر 1436 in a
    /// 29-day month).
    InvalidDate,
    /// The result falls outside the dates the calendars can represent.
    OutOfRange,
}

impl fmt::Display for UnresolvedReason {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            UnresolvedReason::NoAnchor => "no article date",
            UnresolvedReason::InvalidDate => "invalid date",
            UnresolvedReason::OutOfRange => "out of range",
        })
    }
}

/// The outcome of resolving a date expression.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Resolution {
    /// The Gregorian date the expression names.
    Resolved(EventDate),
    /// No date, and why.
    Unresolved(UnresolvedReason),
}

impl Resolution {
    /// The date, if resolved.
    pub fn date(&self) -> Option<EventDate> {
        match self {
            Resolution::Resolved(d) => Some(*d),
            Resolution::Unresolved(_) => None,
        }
    }
}

impl fmt::Display for Resolution {
    /// The date as "YYYY[-MM[-DD]]", or "unresolved (reason)".
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Resolution::Resolved(d) => d.fmt(f),
            Resolution::Unresolved(r) => write!(f, "unresolved ({r})"),
        }
    }
}

/// How a date expression was written.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum DateKind {
    /// A Gregorian month name, with or without day and year: "10 أغسطس 2015", "أكتوبر 2024",
    /// "عام 2025", "10 أغسطس" (year inferred from the article date).
    Absolute,
    /// A Hijri date: "25 شوال 1436 هـ", "1436/10/25 هـ".
    Hijri,
    /// Digits only: "10/8/2015", "2015-08-10".
    Numeric,
    /// Relative to the article date: "أمس", "قبل ثلاثة أيام", "أبريل الماضي", "العام المقبل".
    Relative,
    /// A weekday: "يوم الأحد", "الأحد الماضي".
    Weekday,
}

/// A date expression found in a text.
#[derive(Clone, Debug, PartialEq, Eq, Hash, Serialize)]
pub struct DateExpr {
    /// Half-open UTF-8 byte range into the text searched, on char boundaries.
    #[serde(serialize_with = "span_as_pair")]
    pub span: Range<usize>,
    /// How the date was written.
    pub kind: DateKind,
    /// The date it names, or why there is none.
    pub resolution: Resolution,
}

impl DateExpr {
    /// The expression as written: `&text[self.span]`, where `text` is the text searched.
    ///
    /// # Panics
    ///
    /// If `text` is not the text this expression was found in and the span does not fit it.
    pub fn text<'t>(&self, text: &'t str) -> &'t str {
        &text[self.span.clone()]
    }
}

fn span_as_pair<S: Serializer>(span: &Range<usize>, s: S) -> Result<S::Ok, S::Error> {
    [span.start, span.end].serialize(s)
}

/// Longest segment folded at once; bounds memory on huge single-line inputs.
const SEGMENT_BYTES: usize = 64 * 1024;

/// Splits `text` into segments at line breaks, and long lines at a space (or, failing that,
/// a char boundary) so that no segment exceeds [`SEGMENT_BYTES`] by much. A date expression
/// cut by a forced break in a line longer than 64 KiB may be missed.
fn segments(text: &str) -> impl Iterator<Item = (usize, &str)> {
    let mut pos = 0;
    std::iter::from_fn(move || {
        if pos >= text.len() {
            return None;
        }
        let rest = &text[pos..];
        let window = rest.len().min(SEGMENT_BYTES);
        let cut = match memchr_newline(&rest.as_bytes()[..window]) {
            Some(nl) => nl + 1,
            None if window == rest.len() => window,
            None => {
                let bytes = &rest.as_bytes()[..window];
                match bytes.iter().rposition(|&b| b == b' ' || b == b'.') {
                    Some(sp) if sp > 0 => sp + 1,
                    _ => {
                        let mut c = window;
                        while !rest.is_char_boundary(c) {
                            c -= 1;
                        }
                        c
                    }
                }
            }
        };
        let start = pos;
        pos += cut;
        Some((start, &text[start..pos]))
    })
}

fn memchr_newline(bytes: &[u8]) -> Option<usize> {
    bytes.iter().position(|&b| b == b'\n')
}

/// Finds every date expression in `text` and resolves it against `anchor`.
///
/// `anchor` is the article date (a calendar date, UTC). Spans are half-open UTF-8 byte ranges
/// into `text`, on char boundaries, in order and non-overlapping; where readings overlap the
/// one starting first wins, and of those the longest. Runs in time linear in `text.len()`.
///
/// ```
/// use chrono::NaiveDate;
/// let text = "اجتمع الطرفان أمس الأحد في 10/8/2015";
/// let dates = rasid_time::find_dates(text, NaiveDate::from_ymd_opt(2015, 8, 10));
/// let shown: Vec<String> = dates
///     .iter()
///     .map(|d| format!("{}={}", d.text(text), d.resolution))
///     .collect();
/// assert_eq!(shown, ["أمس الأحد=2015-08-09", "10/8/2015=2015-08-10"]);
/// ```
pub fn find_dates(text: &str, anchor: Option<NaiveDate>) -> Vec<DateExpr> {
    let mut out = Vec::new();
    let mut folded = fold::Folded::default();
    let mut toks = Vec::new();
    let mut hits = Vec::new();
    for (offset, raw) in segments(text) {
        folded.fold(raw);
        if !scan::may_contain_date(&folded.text) {
            continue;
        }
        scan::tokenize(&folded.text, &mut toks);
        let parser = scan::Parser {
            toks: &toks,
            folded: &folded,
            raw,
            anchor,
        };
        hits.clear();
        parser.parse(&mut hits);
        for hit in &hits {
            let (fs, fe) = parser.folded_range(hit);
            let span = folded.raw_span(raw, fs, fe);
            out.push(DateExpr {
                span: span.start + offset..span.end + offset,
                kind: hit.kind,
                resolution: hit.resolution,
            });
        }
    }
    out
}
