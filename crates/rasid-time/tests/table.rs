//! Data-table tests: each case is a sentence (written for these tests), an article date,
//! and every expression expected in it as (exact text, kind, resolution).

use chrono::NaiveDate;
use rasid_time::{find_dates, DateKind, DateKind::*, Resolution, UnresolvedReason};

/// The seed article's date (a Monday).
const A: &str = "2025-10-20";

struct Case {
    text: &'static str,
    anchor: Option<&'static str>,
    want: &'static [(&'static str, DateKind, &'static str)],
}

const fn c(
    text: &'static str,
    anchor: Option<&'static str>,
    want: &'static [(&'static str, DateKind, &'static str)],
) -> Case {
    Case { text, anchor, want }
}

const NA: &str = "unresolved (no article date)";
const INVALID: &str = "unresolved (invalid date)";

#[rustfmt::skip]
const CASES: &[Case] = &[
    // The four required resolutions (issue 2).
    c("التقى الوزيران في أكتوبر 2024 للمرة الأولى", Some(A), &[("أكتوبر 2024", Absolute, "2024-10")]),
    c("وفي أبريل الماضي وقع الطرفان اتفاقا", Some(A), &[("أبريل الماضي", Relative, "2025-04")]),
    c("ارتفعت الصادرات منذ بداية عام 2025 بنسبة كبيرة", Some(A), &[("بداية عام 2025", Absolute, "2025")]),
    c("تكثفت الاتصالات خلال الأيام الماضية بين البلدين", Some(A), &[("الأيام الماضية", Relative, "2025-10-20")]),
    // Gregorian, Egyptian/Gulf series and spelling variants.
    c("عقد الاجتماع في 10 أغسطس 2015 بالعاصمة", None, &[("10 أغسطس 2015", Absolute, "2015-08-10")]),
    c("صدر القرار في ٣ يناير ٢٠٢٠", None, &[("٣ يناير ٢٠٢٠", Absolute, "2020-01-03")]),
    c("في فبراير 2019 وفي إبريل 2020 ثم ابريل 2021", None, &[("فبراير 2019", Absolute, "2019-02"), ("إبريل 2020", Absolute, "2020-04"), ("ابريل 2021", Absolute, "2021-04")]),
    c("أبريـــل ٢٠٢٠ كان شهرا صعبا", None, &[("أبريـــل ٢٠٢٠", Absolute, "2020-04")]),
    c("بين يونيه 2013 ويوليه 2013", None, &[("يونيه 2013", Absolute, "2013-06"), ("يوليه 2013", Absolute, "2013-07")]),
    c("من 5 مايو 2014 إلى 7 اغسطس 2014", None, &[("5 مايو 2014", Absolute, "2014-05-05"), ("7 اغسطس 2014", Absolute, "2014-08-07")]),
    c("في ديسمبر ۲۰۱۹ ونوفمبر 2018 وسبتمبر 2017", None, &[("ديسمبر ۲۰۱۹", Absolute, "2019-12"), ("نوفمبر 2018", Absolute, "2018-11"), ("سبتمبر 2017", Absolute, "2017-09")]),
    c("وُقّع الاتفاق في ١٢ أُكْتُوبَر ٢٠٢٢م", None, &[("١٢ أُكْتُوبَر ٢٠٢٢م", Absolute, "2022-10-12")]),
    c("الاتفاق الموقع في 10 أغسطس 2015 م ينتهي", None, &[("10 أغسطس 2015 م", Absolute, "2015-08-10")]),
    // Levant and Iraq series, doubles.
    c("في 5 تشرين الأول 2023 وفي كانون الثاني 2020", None, &[("5 تشرين الأول 2023", Absolute, "2023-10-05"), ("كانون الثاني 2020", Absolute, "2020-01")]),
    c("منذ تشرين الثاني 2019 حتى كانون الأول 2021", None, &[("تشرين الثاني 2019", Absolute, "2019-11"), ("كانون الأول 2021", Absolute, "2021-12")]),
    c("في شباط 2011 وآذار 2012 ونيسان 2013 وأيار 2014", None, &[("شباط 2011", Absolute, "2011-02"), ("آذار 2012", Absolute, "2012-03"), ("نيسان 2013", Absolute, "2013-04"), ("أيار 2014", Absolute, "2014-05")]),
    c("في تموز 2006 وفي آب 2019 وأيلول 2001", None, &[("تموز 2006", Absolute, "2006-07"), ("آب 2019", Absolute, "2019-08"), ("أيلول 2001", Absolute, "2001-09")]),
    c("أعلن في 10 حزيران/يونيو 2015 عن الاتفاق", None, &[("10 حزيران/يونيو 2015", Absolute, "2015-06-10")]),
    c("أعلن في يونيو (حزيران) 2016 عن الاتفاق", None, &[("يونيو (حزيران) 2016", Absolute, "2016-06")]),
    c("في أيلول / سبتمبر 2014", None, &[("أيلول / سبتمبر 2014", Absolute, "2014-09")]),
    c("في آب/أغسطس الماضي", Some(A), &[("آب/أغسطس الماضي", Relative, "2025-08")]),
    // Maghreb series (Algeria, Tunisia) and Morocco.
    c("في جانفي 2021 وفيفري 2021 وأفريل 2021", None, &[("جانفي 2021", Absolute, "2021-01"), ("فيفري 2021", Absolute, "2021-02"), ("أفريل 2021", Absolute, "2021-04")]),
    c("يوم 15 جويلية 2022 و3 جوان 2022 و1 أوت 2018", None, &[("15 جويلية 2022", Absolute, "2022-07-15"), ("3 جوان 2022", Absolute, "2022-06-03"), ("1 أوت 2018", Absolute, "2018-08-01")]),
    c("في ماي 2015 وفي شتنبر 2019 ودجنبر 2020", None, &[("ماي 2015", Absolute, "2015-05"), ("شتنبر 2019", Absolute, "2019-09"), ("دجنبر 2020", Absolute, "2020-12")]),
    // Ambiguous month words stay words without a date next to them.
    c("مارس الوزير ضغوطا على الحكومة", Some(A), &[]),
    c("زار أب الضحية مقر الشرطة بسيارة نيسان", Some(A), &[]),
    c("مارس 2011 كان بداية الاحتجاجات", None, &[("مارس 2011", Absolute, "2011-03")]),
    c("في 15 مارس", Some(A), &[("15 مارس", Absolute, "2025-03-15")]),
    // Year from the article date: latest occurrence not after the article date + 7 days.
    c("وصل الوفد في 10 أغسطس", Some(A), &[("10 أغسطس", Absolute, "2025-08-10")]),
    c("تبدأ الجولة في 25 أكتوبر", Some(A), &[("25 أكتوبر", Absolute, "2025-10-25")]),
    c("جرى التصويت في 30 نوفمبر", Some(A), &[("30 نوفمبر", Absolute, "2024-11-30")]),
    c("جرى التصويت في نوفمبر", Some(A), &[("نوفمبر", Absolute, "2024-11")]),
    c("جرى التصويت في مايو", Some(A), &[("مايو", Absolute, "2025-05")]),
    c("وصل الوفد في 10 أغسطس", None, &[("10 أغسطس", Absolute, NA)]),
    c("في 30 فبراير 2015", None, &[("30 فبراير 2015", Absolute, INVALID)]),
    // Month with modifiers and "من العام".
    c("أبريل المقبل وأكتوبر الماضي", Some(A), &[("أبريل المقبل", Relative, "2026-04"), ("أكتوبر الماضي", Relative, "2024-10")]),
    c("في سبتمبر من العام الماضي", Some(A), &[("سبتمبر من العام الماضي", Relative, "2024-09")]),
    c("في مارس من العام المقبل", Some(A), &[("مارس من العام المقبل", Relative, "2026-03")]),
    c("في يناير من عام 2019", None, &[("يناير من عام 2019", Absolute, "2019-01")]),
    c("خلال أكتوبر الجاري", Some(A), &[("أكتوبر الجاري", Relative, "2025-10")]),
    c("في 3 أكتوبر الماضي", Some(A), &[("3 أكتوبر الماضي", Relative, "2025-10-03")]),
    c("مطلع أبريل المقبل", Some(A), &[("مطلع أبريل المقبل", Relative, "2026-04")]),
    c("في مارس أو أبريل المقبلين", Some(A), &[("أبريل المقبلين", Relative, "2026-04")]),
    c("في شهر أغسطس", Some(A), &[("شهر أغسطس", Absolute, "2025-08")]),
    // Clitics on the first word.
    c("وبأكتوبر 2024 عاد الوفد", None, &[("أكتوبر 2024", Absolute, "2024-10")]),
    c("ولأكتوبر 2024 أهمية خاصة", None, &[("أكتوبر 2024", Absolute, "2024-10")]),
    c("وأكتوبر 2024 شهد تصعيدا", None, &[("أكتوبر 2024", Absolute, "2024-10")]),
    c("وفي أبريل 2023", None, &[("أبريل 2023", Absolute, "2023-04")]),
    c("بالأمس وصل الوفد", Some(A), &[("الأمس", Relative, "2025-10-19")]),
    c("والعام الماضي تراجعت", Some(A), &[("العام الماضي", Relative, "2024")]),
    c("الميزانية للعام 2025", None, &[("للعام 2025", Absolute, "2025")]),
    c("لامس المؤشر مستوى قياسيا", Some(A), &[]),
    // Years.
    c("في عام 2025 وفي العام 2024 وسنة 2023 ولعام 2022", None, &[("عام 2025", Absolute, "2025"), ("العام 2024", Absolute, "2024"), ("سنة 2023", Absolute, "2023"), ("عام 2022", Absolute, "2022")]),
    c("تأسست الجمعية في 1998م", None, &[("1998م", Absolute, "1998")]),
    c("قبل عام 2025 بقليل", None, &[("عام 2025", Absolute, "2025")]),
    c("أنتجت 2015 طنا من القمح", Some(A), &[]),
    // Hijri.
    c("جنيف 25 شوال 1436 هـ واس", None, &[("25 شوال 1436 هـ", Hijri, "2015-08-10")]),
    c("بدأ الصيام في 1 رمضان 1446هـ", None, &[("1 رمضان 1446هـ", Hijri, "2025-03-01")]),
    c("في 10 ربيع الأول 1440 هـ و5 جمادى الآخرة 1440 ه", None, &[("10 ربيع الأول 1440 هـ", Hijri, "2018-11-18"), ("5 جمادى الآخرة 1440 ه", Hijri, "2019-02-10")]),
    c("يوم 10 ذي الحجة 1445 هـ", None, &[("10 ذي الحجة 1445 هـ", Hijri, "2024-06-16")]),
    c("في 1 محرم 1447 و1 صفر 1447 و1 رجب 1446 و1 شعبان 1446", None, &[("1 محرم 1447", Hijri, "2025-06-26"), ("1 صفر 1447", Hijri, "2025-07-26"), ("1 رجب 1446", Hijri, "2025-01-01"), ("1 شعبان 1446", Hijri, "2025-01-31")]),
    c("في 1 ربيع الآخر 1447 و1 ربيع الثاني 1447 و1 جمادى الأولى 1447 و1 ذو القعدة 1446", None, &[("1 ربيع الآخر 1447", Hijri, "2025-09-23"), ("1 ربيع الثاني 1447", Hijri, "2025-09-23"), ("1 جمادى الأولى 1447", Hijri, "2025-10-23"), ("1 ذو القعدة 1446", Hijri, "2025-04-29")]),
    c("طوال رمضان 1446 هـ", None, &[("رمضان 1446 هـ", Hijri, "2025-03")]),
    c("في 10 رمضان", Some(A), &[("10 رمضان", Hijri, "2025-03-10")]),
    c("في 31 شوال 1436 هـ", None, &[("31 شوال 1436 هـ", Hijri, INVALID)]),
    c("جنيف 25 شوال 1436 هـ الموافق 10 اغسطس 2015 م واس", None, &[("25 شوال 1436 هـ الموافق 10 اغسطس 2015 م", Absolute, "2015-08-10")]),
    c("الاثنين 10 أغسطس 2015 الموافق 25 شوال 1436 هـ", None, &[("الاثنين 10 أغسطس 2015 الموافق 25 شوال 1436 هـ", Absolute, "2015-08-10")]),
    c("يصل رجب طيب أردوغان في رمضان والنتيجة صفر", Some(A), &[]),
    // Numeric.
    c("بتاريخ 10/8/2015 وبتاريخ 2015-08-10", None, &[("10/8/2015", Numeric, "2015-08-10"), ("2015-08-10", Numeric, "2015-08-10")]),
    c("في 10-8-2015 وفي ١٠/٨/٢٠١٥ وفي 10.8.2015", None, &[("10-8-2015", Numeric, "2015-08-10"), ("١٠/٨/٢٠١٥", Numeric, "2015-08-10"), ("10.8.2015", Numeric, "2015-08-10")]),
    c("تاريخ 8/25/2015 بالترتيب الأمريكي", None, &[("8/25/2015", Numeric, "2015-08-25")]),
    c("تاريخ 31/2/2015 خاطئ", None, &[("31/2/2015", Numeric, INVALID)]),
    c("الموافق 1436/10/25 هـ", None, &[("1436/10/25 هـ", Hijri, "2015-08-10")]),
    c("الإصدار 1.2.2015.4 والهاتف 10-20-3040", None, &[]),
    // Weekdays (2025-10-20 is a Monday).
    c("وصل يوم الأحد وغادر الأحد الماضي", Some(A), &[("يوم الأحد", Weekday, "2025-10-19"), ("الأحد الماضي", Weekday, "2025-10-19")]),
    c("يعقد الأحد المقبل والخميس القادم", Some(A), &[("الأحد المقبل", Weekday, "2025-10-26"), ("الخميس القادم", Weekday, "2025-10-23")]),
    c("يوم الاثنين والإثنين الماضي", Some(A), &[("يوم الاثنين", Weekday, "2025-10-20"), ("الإثنين الماضي", Weekday, "2025-10-13")]),
    c("التقى الاثنين في المطار", Some(A), &[]),
    c("الجمعة والسبت والثلاثاء والأربعاء", Some(A), &[("الجمعة", Weekday, "2025-10-17"), ("السبت", Weekday, "2025-10-18"), ("الثلاثاء", Weekday, "2025-10-14"), ("الأربعاء", Weekday, "2025-10-15")]),
    c("صلاة الجمعة", None, &[("الجمعة", Weekday, NA)]),
    c("الأحد، 10 أغسطس 2015", None, &[("الأحد، 10 أغسطس 2015", Absolute, "2015-08-10")]),
    // Relative.
    c("قال اليوم إن الوفد وصل أمس", Some(A), &[("اليوم", Relative, "2025-10-20"), ("أمس", Relative, "2025-10-19")]),
    c("اليوم الوطني واليوم التالي", Some(A), &[]),
    c("اليوم الاثنين", Some(A), &[("اليوم الاثنين", Relative, "2025-10-20")]),
    c("أمس الأحد", Some(A), &[("أمس الأحد", Relative, "2025-10-19")]),
    c("أول أمس وأول من أمس وأمس الأول", Some(A), &[("أول أمس", Relative, "2025-10-18"), ("أول من أمس", Relative, "2025-10-18"), ("أمس الأول", Relative, "2025-10-18")]),
    c("يصل غداً ويغادر بعد غد", Some(A), &[("غداً", Relative, "2025-10-21"), ("بعد غد", Relative, "2025-10-22")]),
    c("يصل غدا", Some(A), &[("غدا", Relative, "2025-10-21")]),
    c("الأسبوع الماضي والأسبوع المنصرم والأسبوع الفائت", Some(A), &[("الأسبوع الماضي", Relative, "2025-10-13"), ("الأسبوع المنصرم", Relative, "2025-10-13"), ("الأسبوع الفائت", Relative, "2025-10-13")]),
    c("الأسبوع المقبل أو الأسبوع القادم", Some(A), &[("الأسبوع المقبل", Relative, "2025-10-27"), ("الأسبوع القادم", Relative, "2025-10-27")]),
    c("الشهر الماضي والشهر المنصرم والشهر المقبل والشهر القادم", Some(A), &[("الشهر الماضي", Relative, "2025-09"), ("الشهر المنصرم", Relative, "2025-09"), ("الشهر المقبل", Relative, "2025-11"), ("الشهر القادم", Relative, "2025-11")]),
    c("العام الماضي والسنة الماضية والعام المقبل والعام القادم", Some(A), &[("العام الماضي", Relative, "2024"), ("السنة الماضية", Relative, "2024"), ("العام المقبل", Relative, "2026"), ("العام القادم", Relative, "2026")]),
    c("هذا العام والعام الحالي والعام الجاري", Some(A), &[("هذا العام", Relative, "2025"), ("العام الحالي", Relative, "2025"), ("العام الجاري", Relative, "2025")]),
    c("قبل ثلاثة أيام وقبل 3 أيام وقبل يومين", Some(A), &[("قبل ثلاثة أيام", Relative, "2025-10-17"), ("قبل 3 أيام", Relative, "2025-10-17"), ("قبل يومين", Relative, "2025-10-18")]),
    c("قبل أسبوع وقبل أسبوعين وقبل شهر وقبل عامين", Some(A), &[("قبل أسبوع", Relative, "2025-10-13"), ("قبل أسبوعين", Relative, "2025-10-06"), ("قبل شهر", Relative, "2025-09"), ("قبل عامين", Relative, "2023")]),
    c("منذ ثلاثة أيام ومنذ خمسة أشهر", Some(A), &[("منذ ثلاثة أيام", Relative, "2025-10-17"), ("منذ خمسة أشهر", Relative, "2025-05")]),
    c("قبل ١٥ يوماً", Some(A), &[("قبل ١٥ يوماً", Relative, "2025-10-05")]),
    c("قبل عام واحد وقبل شهر واحد", Some(A), &[("قبل عام واحد", Relative, "2024"), ("قبل شهر واحد", Relative, "2025-09")]),
    c("قبل يومين من الانتخابات وقبل عام واحد فقط على الهجوم", Some(A), &[]),
    // بعد + duration counts from another event (بعد عام من تعيينه), so it is left alone.
    c("بعد ثلاثة أيام وبعد عام حافل ويوما بعد يوم", Some(A), &[]),
    c("في الأيام الأخيرة والأيام القليلة الماضية", Some(A), &[("الأيام الأخيرة", Relative, "2025-10-20"), ("الأيام القليلة الماضية", Relative, "2025-10-20")]),
    c("خلال الأشهر الماضية", Some(A), &[("الأشهر الماضية", Relative, "2025")]),
    c("منذ بداية العام ونهاية الشهر الماضي", Some(A), &[("بداية العام", Relative, "2025"), ("نهاية الشهر الماضي", Relative, "2025-09")]),
    c("قال الأمين العام إن الرأي العام", Some(A), &[]),
    c("وصل الوفد أمس", None, &[("أمس", Relative, NA)]),
    // Diacritics everywhere.
    c("الأَحَدُ المَاضِي وَغَدًا", Some(A), &[("الأَحَدُ المَاضِي", Weekday, "2025-10-19"), ("غَدًا", Relative, "2025-10-21")]),
    // Nothing to find.
    c("", Some(A), &[]),
    c("The meeting was held in Geneva.", Some(A), &[]),
];

fn anchor(s: &str) -> NaiveDate {
    s.parse().expect("test anchor is a date")
}

#[test]
fn data_table() {
    let mut failures = Vec::new();
    for case in CASES {
        let got: Vec<(String, DateKind, String)> = find_dates(case.text, case.anchor.map(anchor))
            .iter()
            .map(|d| {
                (
                    case.text[d.span.clone()].to_string(),
                    d.kind,
                    d.resolution.to_string(),
                )
            })
            .collect();
        let want: Vec<(String, DateKind, String)> = case
            .want
            .iter()
            .map(|&(t, k, r)| (t.to_string(), k, r.to_string()))
            .collect();
        if got != want {
            failures.push(format!(
                "{:?} (anchor {:?})\n   got: {got:?}\n  want: {want:?}",
                case.text, case.anchor
            ));
        }
    }
    assert!(
        failures.is_empty(),
        "{} of {} cases failed:\n{}",
        failures.len(),
        CASES.len(),
        failures.join("\n")
    );
}

#[test]
fn unresolved_reasons_and_precision() {
    let d = find_dates("يوم الأحد", None);
    assert_eq!(
        d[0].resolution,
        Resolution::Unresolved(UnresolvedReason::NoAnchor)
    );
    let d = find_dates("في 10 أغسطس 2015 وفي أكتوبر 2024 وعام 2025", None);
    let p: Vec<_> = d
        .iter()
        .map(|e| e.resolution.date().unwrap().precision())
        .collect();
    use rasid_time::Precision::*;
    assert_eq!(p, [Day, Month, Year]);
    assert_eq!(
        d[1].resolution.date().unwrap().first_day(),
        NaiveDate::from_ymd_opt(2024, 10, 1).unwrap()
    );
}

#[test]
fn serializes_as_event_record_fields() {
    let text = "في أكتوبر 2024";
    let d = &find_dates(text, None)[0];
    let json = serde_json::to_string(d).unwrap();
    let start = text.find('أ').unwrap();
    assert_eq!(
        json,
        format!(
            r#"{{"span":[{start},{}],"kind":"absolute","resolution":{{"resolved":"2024-10"}}}}"#,
            text.len()
        )
    );
    let none = find_dates("أمس", None);
    assert_eq!(
        serde_json::to_string(&none[0].resolution).unwrap(),
        r#"{"unresolved":"no_anchor"}"#
    );
}

#[test]
fn event_date_round_trips() {
    for s in ["2015-08-10", "2024-10", "2025"] {
        let d: rasid_time::EventDate = s.parse().unwrap();
        assert_eq!(d.to_string(), s);
        assert_eq!(serde_json::to_string(&d).unwrap(), format!("\"{s}\""));
    }
    for bad in [
        "2015-13",
        "2015-02-30",
        "15-08-10",
        "2015-8",
        "x",
        "2015-08-10-1",
    ] {
        assert!(bad.parse::<rasid_time::EventDate>().is_err(), "{bad}");
    }
}

#[test]
fn hijri_conversion() {
    use rasid_time::{gregorian_to_hijri, hijri_to_gregorian};
    let ymd = |y, m, d| NaiveDate::from_ymd_opt(y, m, d);
    assert_eq!(hijri_to_gregorian(1436, 10, 25), ymd(2015, 8, 10));
    assert_eq!(hijri_to_gregorian(1446, 9, 1), ymd(2025, 3, 1));
    assert_eq!(hijri_to_gregorian(1436, 0, 1), None);
    assert_eq!(hijri_to_gregorian(1436, 10, 31), None);
    assert_eq!(
        gregorian_to_hijri(ymd(2015, 8, 10).unwrap()),
        Some((1436, 10, 25))
    );
}
