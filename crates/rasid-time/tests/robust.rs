//! Robustness: arbitrary input never panics, spans are well formed, big inputs are linear.

use std::time::Instant;

use chrono::NaiveDate;
use proptest::prelude::*;
use rasid_time::find_dates;

fn check_spans(text: &str, anchor: Option<NaiveDate>) {
    let dates = find_dates(text, anchor);
    let mut prev_end = 0;
    for d in &dates {
        assert!(d.span.start < d.span.end, "empty span {:?}", d.span);
        assert!(
            d.span.start >= prev_end,
            "overlap or disorder at {:?}",
            d.span
        );
        assert!(d.span.end <= text.len());
        assert!(text.is_char_boundary(d.span.start) && text.is_char_boundary(d.span.end));
        prev_end = d.span.end;
    }
}

/// Fragments that build date-like text, so the generator reaches the parser's corners.
const PIECES: &[&str] = &[
    "10",
    "٢٥",
    "2015",
    "١٤٣٦",
    "/",
    "-",
    ".",
    "(",
    ")",
    "،",
    " ",
    "  ",
    "\u{200F}",
    "ـ",
    "ً",
    "أغسطس",
    "حزيران",
    "كانون",
    "الثاني",
    "شوال",
    "ربيع",
    "الأول",
    "ذي",
    "الحجة",
    "هـ",
    "م",
    "الموافق",
    "ل",
    "الأحد",
    "الإثنين",
    "يوم",
    "اليوم",
    "أمس",
    "أول",
    "من",
    "غداً",
    "بعد",
    "غد",
    "قبل",
    "منذ",
    "ثلاثة",
    "أيام",
    "يومين",
    "الأسبوع",
    "الشهر",
    "العام",
    "الماضي",
    "المقبل",
    "الأيام",
    "القليلة",
    "الماضية",
    "بداية",
    "عام",
    "هذا",
    "و",
    "ب",
    "وفي",
    "\n",
    "x",
    "é",
];

proptest! {
    #![proptest_config(ProptestConfig::with_cases(512))]

    #[test]
    fn arbitrary_unicode_never_panics(text in any::<String>(), days in -800_000i32..800_000) {
        let anchor = NaiveDate::from_ymd_opt(2025, 10, 20).unwrap()
            .checked_add_signed(chrono::Duration::days(i64::from(days)));
        check_spans(&text, anchor);
        check_spans(&text, None);
    }

    #[test]
    fn date_like_soup_never_panics(
        parts in proptest::collection::vec(proptest::sample::select(PIECES), 0..40),
        seps in proptest::collection::vec(proptest::sample::select(&["", " "][..]), 40),
    ) {
        let mut text = String::new();
        for (p, s) in parts.iter().zip(&seps) {
            text.push_str(p);
            text.push_str(s);
        }
        check_spans(&text, NaiveDate::from_ymd_opt(2025, 10, 20));
        check_spans(&text, NaiveDate::from_ymd_opt(-262_000, 1, 1));
        check_spans(&text, NaiveDate::from_ymd_opt(262_000, 12, 31));
        check_spans(&text, None);
    }
}

#[test]
fn extreme_anchors_do_not_panic() {
    let text =
        "قبل 99999 سنوات وبعد 99999 أسبوعا والعام المقبل وفي 29 فبراير وأبريل المقبل يوم الأحد";
    for anchor in [NaiveDate::MIN, NaiveDate::MAX] {
        check_spans(text, Some(anchor));
    }
}

#[test]
fn five_megabyte_line_without_dates_is_linear() {
    // Words that contain no date keyword; no digits, no line breaks.
    let words = [
        "اجتمع",
        "الوزير",
        "مع",
        "نظيره",
        "لبحث",
        "العلاقات",
        "الثنائية",
        "والتعاون",
    ];
    let mut text = String::with_capacity(5 << 20);
    let mut i = 0;
    while text.len() < 5 << 20 {
        text.push_str(words[i % words.len()]);
        text.push(' ');
        i += 1;
    }
    let t = Instant::now();
    assert!(find_dates(&text, NaiveDate::from_ymd_opt(2025, 10, 20)).is_empty());
    let small = &text[..text.floor_boundary(1 << 20)];
    let t_small = Instant::now();
    find_dates(small, None);
    let (big, small) = (t.elapsed() - t_small.elapsed(), t_small.elapsed());
    // Generous bounds (debug builds, shared CPUs): linear, not quadratic.
    assert!(big.as_secs_f64() < 20.0, "5 MB took {big:?}");
    assert!(
        big.as_secs_f64() < 20.0 * small.as_secs_f64().max(0.01),
        "5 MB {big:?} vs 1 MB {small:?}"
    );
}

#[test]
fn five_megabyte_line_with_dates_everywhere() {
    let mut text = String::new();
    while text.len() < 5 << 20 {
        text.push_str("في 10 أغسطس 2015 وأمس ");
    }
    let dates = find_dates(&text, NaiveDate::from_ymd_opt(2025, 10, 20));
    // Segment cuts at spaces may split one expression at most per 64 KiB.
    let per_line = text.matches("أغسطس").count() * 2;
    assert!(
        dates.len() + 200 >= per_line,
        "{} of {per_line}",
        dates.len()
    );
    check_spans(&text, None);
}

trait FloorBoundary {
    fn floor_boundary(&self, i: usize) -> usize;
}

impl FloorBoundary for String {
    fn floor_boundary(&self, mut i: usize) -> usize {
        while !self.is_char_boundary(i) {
            i -= 1;
        }
        i
    }
}
