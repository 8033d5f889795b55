//! Calendar arithmetic used to resolve expressions against the article date.

use chrono::{Datelike, Days, Months, NaiveDate, Weekday};
use icu_calendar::cal::Hijri;
use icu_calendar::{Date, Iso};

use crate::{EventDate, Resolution, UnresolvedReason};

/// How far after the article date a date with no year may fall and still be read as the
/// current year's (articles announce events a few days ahead: "10 أغسطس" in an article of
/// 5 August is this August, not last year's).
pub const YEAR_INFERENCE_MARGIN_DAYS: u64 = 7;

/// Converts a Hijri date (Umm al-Qura, as published by Saudi Arabia and computed by ICU4X's
/// `icu_calendar`; outside the published table ICU4X falls back to the tabular calendar) to a
/// Gregorian date. `None` if the date does not exist (month 13, day 30 of a 29-day month).
///
/// ```
/// use chrono::NaiveDate;
/// // 25 Shawwal 1436 AH is 10 August 2015.
/// assert_eq!(
///     rasid_time::hijri_to_gregorian(1436, 10, 25),
///     NaiveDate::from_ymd_opt(2015, 8, 10)
/// );
/// assert_eq!(rasid_time::hijri_to_gregorian(1436, 13, 1), None);
/// ```
pub fn hijri_to_gregorian(year: i32, month: u8, day: u8) -> Option<NaiveDate> {
    let hijri =
        Date::try_new_hijri_with_calendar(year, month, day, Hijri::new_umm_al_qura()).ok()?;
    let iso = hijri.to_calendar(Iso);
    NaiveDate::from_ymd_opt(
        iso.year().extended_year(),
        u32::from(iso.month().ordinal),
        u32::from(iso.day_of_month().0),
    )
}

/// Converts a Gregorian date to (year, month, day) in the Umm al-Qura Hijri calendar.
pub fn gregorian_to_hijri(date: NaiveDate) -> Option<(i32, u8, u8)> {
    let iso = Date::try_new_iso(date.year(), date.month() as u8, date.day() as u8).ok()?;
    let hijri = iso.to_calendar(Hijri::new_umm_al_qura());
    Some((
        hijri.year().extended_year(),
        hijri.month().ordinal,
        hijri.day_of_month().0,
    ))
}

/// Which year a month or day-and-month without an explicit year is in.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum YearRef {
    /// Written out: 2015.
    Abs(i32),
    /// The anchor's year plus this many years (العام الماضي = −1).
    Rel(i32),
    /// The latest occurrence not after the anchor plus [`YEAR_INFERENCE_MARGIN_DAYS`].
    Nearest,
    /// The latest occurrence strictly before the anchor (for a month: before its month).
    Past,
    /// The earliest occurrence strictly after the anchor (for a month: after its month).
    Next,
}

pub(crate) fn day(d: NaiveDate) -> Resolution {
    Resolution::Resolved(EventDate::from(d))
}

/// A month, if chrono can represent its first day (so [`EventDate::first_day`] never fails).
pub(crate) fn month(year: i32, month: u8) -> Resolution {
    if NaiveDate::from_ymd_opt(year, u32::from(month), 1).is_none() {
        return unresolved(UnresolvedReason::OutOfRange);
    }
    Resolution::Resolved(EventDate {
        year,
        month: Some(month),
        day: None,
    })
}

/// A year, if chrono can represent its first day.
pub(crate) fn year(year: i32) -> Resolution {
    if NaiveDate::from_ymd_opt(year, 1, 1).is_none() {
        return unresolved(UnresolvedReason::OutOfRange);
    }
    Resolution::Resolved(EventDate {
        year,
        month: None,
        day: None,
    })
}

/// The latest date a year-less date may fall on: the anchor plus the margin.
fn inference_limit(anchor: NaiveDate) -> NaiveDate {
    anchor
        .checked_add_days(Days::new(YEAR_INFERENCE_MARGIN_DAYS))
        .unwrap_or(anchor)
}

pub(crate) fn unresolved(reason: UnresolvedReason) -> Resolution {
    Resolution::Unresolved(reason)
}

/// Longest a month can be in any year (Gregorian).
fn max_days(month: u8) -> u8 {
    match month {
        2 => 29,
        4 | 6 | 9 | 11 => 30,
        _ => 31,
    }
}

/// Resolves a Gregorian day (optional) and month in the year `year_ref` says.
pub(crate) fn gregorian(
    d: Option<u8>,
    m: u8,
    year_ref: YearRef,
    anchor: Option<NaiveDate>,
) -> Resolution {
    if let Some(d) = d {
        if d == 0 || d > max_days(m) {
            return unresolved(UnresolvedReason::InvalidDate);
        }
    }
    let build = |y: i32| -> Option<Resolution> {
        match d {
            Some(d) => NaiveDate::from_ymd_opt(y, u32::from(m), u32::from(d)).map(day),
            None => Some(month(y, m)),
        }
    };
    if let YearRef::Abs(y) = year_ref {
        return build(y).unwrap_or(unresolved(UnresolvedReason::InvalidDate));
    }
    let Some(anchor) = anchor else {
        return unresolved(UnresolvedReason::NoAnchor);
    };
    let ay = anchor.year();
    let am = anchor.month() as u8;
    let found = match (year_ref, d) {
        (YearRef::Rel(k), _) => ay.checked_add(k).and_then(build),
        (YearRef::Nearest, Some(d)) => {
            let limit = inference_limit(anchor);
            // Feb 29 may need to look back up to eight years.
            (ay - 8..=ay + 1)
                .rev()
                .filter_map(|y| NaiveDate::from_ymd_opt(y, u32::from(m), u32::from(d)))
                .find(|&date| date <= limit)
                .map(day)
        }
        (YearRef::Nearest, None) => {
            let limit = inference_limit(anchor);
            (ay - 1..=ay + 1)
                .rev()
                .find(|&y| {
                    NaiveDate::from_ymd_opt(y, u32::from(m), 1).is_some_and(|first| first <= limit)
                })
                .map(|y| month(y, m))
        }
        (YearRef::Past, Some(d)) => (ay - 8..=ay)
            .rev()
            .filter_map(|y| NaiveDate::from_ymd_opt(y, u32::from(m), u32::from(d)))
            .find(|&date| date < anchor)
            .map(day),
        (YearRef::Past, None) => Some(month(if m < am { ay } else { ay - 1 }, m)),
        (YearRef::Next, Some(d)) => (ay..=ay + 8)
            .filter_map(|y| NaiveDate::from_ymd_opt(y, u32::from(m), u32::from(d)))
            .find(|&date| date > anchor)
            .map(day),
        (YearRef::Next, None) => Some(month(if m > am { ay } else { ay + 1 }, m)),
        (YearRef::Abs(_), _) => unreachable!("handled above"),
    };
    found.unwrap_or(unresolved(UnresolvedReason::InvalidDate))
}

/// Resolves a Hijri day (optional) and month; `year` is the Hijri year if written.
///
/// A Hijri month without a day usually straddles two Gregorian months, so it resolves to the
/// Gregorian month only when it lies inside one, else to the Gregorian year of its middle
/// (precision first: never claim a month the event may not be in).
pub(crate) fn hijri(
    d: Option<u8>,
    m: u8,
    year: Option<i32>,
    anchor: Option<NaiveDate>,
) -> Resolution {
    match (d, year) {
        (Some(d), Some(y)) => hijri_to_gregorian(y, m, d)
            .map(day)
            .unwrap_or(unresolved(UnresolvedReason::InvalidDate)),
        (None, Some(y)) => {
            let (Some(first), Some(mid)) =
                (hijri_to_gregorian(y, m, 1), hijri_to_gregorian(y, m, 15))
            else {
                return unresolved(UnresolvedReason::InvalidDate);
            };
            let last = hijri_to_gregorian(y, m, 29).unwrap_or(mid);
            if (first.year(), first.month()) == (last.year(), last.month()) {
                month(first.year(), first.month() as u8)
            } else {
                self::year(mid.year())
            }
        }
        (Some(d), None) => {
            if d == 0 || d > 30 {
                return unresolved(UnresolvedReason::InvalidDate);
            }
            let Some(anchor) = anchor else {
                return unresolved(UnresolvedReason::NoAnchor);
            };
            let Some((hy, _, _)) = gregorian_to_hijri(anchor) else {
                return unresolved(UnresolvedReason::OutOfRange);
            };
            let limit = inference_limit(anchor);
            (hy - 2..=hy + 1)
                .rev()
                .filter_map(|y| hijri_to_gregorian(y, m, d))
                .find(|&g| g <= limit)
                .map(day)
                .unwrap_or(unresolved(UnresolvedReason::InvalidDate))
        }
        (None, None) => unresolved(UnresolvedReason::InvalidDate),
    }
}

/// The anchor moved by `n` days (negative: back).
pub(crate) fn add_days(anchor: NaiveDate, n: i64) -> Resolution {
    let moved = if n >= 0 {
        anchor.checked_add_days(Days::new(n as u64))
    } else {
        anchor.checked_sub_days(Days::new(n.unsigned_abs()))
    };
    moved
        .map(day)
        .unwrap_or(unresolved(UnresolvedReason::OutOfRange))
}

/// The anchor's month moved by `n` months, month precision.
pub(crate) fn add_months(anchor: NaiveDate, n: i32) -> Resolution {
    let moved = if n >= 0 {
        anchor.checked_add_months(Months::new(n as u32))
    } else {
        anchor.checked_sub_months(Months::new(n.unsigned_abs()))
    };
    moved
        .map(|d| month(d.year(), d.month() as u8))
        .unwrap_or(unresolved(UnresolvedReason::OutOfRange))
}

/// The anchor's year moved by `n` years, year precision.
pub(crate) fn add_years(anchor: NaiveDate, n: i32) -> Resolution {
    anchor
        .year()
        .checked_add(n)
        .map(year)
        .unwrap_or(unresolved(UnresolvedReason::OutOfRange))
}

/// Which occurrence of a weekday a phrase means.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Which {
    /// يوم الأحد: the latest one on or before the anchor.
    OnOrBefore,
    /// الأحد الماضي: the latest one strictly before the anchor.
    Before,
    /// الأحد المقبل: the earliest one strictly after the anchor.
    After,
}

/// Resolves a weekday against the anchor.
pub(crate) fn weekday(anchor: NaiveDate, wd: Weekday, which: Which) -> Resolution {
    let back =
        (7 + anchor.weekday().num_days_from_monday() as i64 - wd.num_days_from_monday() as i64) % 7;
    let n = match which {
        Which::OnOrBefore => -back,
        Which::Before => {
            if back == 0 {
                -7
            } else {
                -back
            }
        }
        Which::After => {
            let fwd = (7 - back) % 7;
            if fwd == 0 {
                7
            } else {
                fwd
            }
        }
    };
    add_days(anchor, n)
}
