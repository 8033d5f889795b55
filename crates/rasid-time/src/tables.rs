//! Word lists for date expressions, as consts.
//!
//! Every entry is written in its *folded* form (see [`crate::fold`]): no diacritics or
//! tatweel, أ/إ/آ → ا, ى → ي, ة → ه. Sources: standard Arabic usage of the four month-name
//! series (the transliterated series of Egypt, Sudan and the Gulf; the Syriac series of the
//! Levant and Iraq; the French-derived series of Algeria and Tunisia; the Moroccan series),
//! the twelve Hijri month names of the Umm al-Qura calendar (converted through ICU4X's
//! `icu_calendar`), and the ordinary cardinal numbers of Modern Standard Arabic.

use chrono::Weekday;

/// Gregorian month names that are one word: (folded name, month 1–12, ambiguous).
///
/// An *ambiguous* name is also a common word or name in running text (مارس "he practised",
/// آب → اب "father", نيسان the car maker, ماي), so it is only taken as a month next to a
/// day number, a year, a modifier (الماضي), the word شهر, or an unambiguous double.
pub(crate) const GREGORIAN_MONTHS: &[(&str, u8, bool)] = &[
    // Egypt, Sudan, the Gulf (transliterated from the Latin names).
    ("يناير", 1, false),
    ("فبراير", 2, false),
    ("مارس", 3, true),
    ("ابريل", 4, false),
    ("مايو", 5, false),
    ("يونيو", 6, false),
    ("يونيه", 6, false),
    ("يوليو", 7, false),
    ("يوليه", 7, false),
    ("اغسطس", 8, false),
    ("سبتمبر", 9, false),
    ("اكتوبر", 10, false),
    ("نوفمبر", 11, false),
    ("ديسمبر", 12, false),
    // Levant and Iraq (Syriac names); كانون and تشرين are two-word, see below.
    ("شباط", 2, false),
    ("اذار", 3, false),
    ("نيسان", 4, true),
    ("ايار", 5, false),
    ("حزيران", 6, false),
    ("تموز", 7, false),
    ("اب", 8, true),
    ("ايلول", 9, false),
    // Algeria and Tunisia (from French).
    ("جانفي", 1, false),
    ("فيفري", 2, false),
    ("افريل", 4, false),
    ("ماي", 5, true),
    ("جوان", 6, false),
    ("جويليه", 7, false),
    ("اوت", 8, false),
    // Morocco.
    ("يوليوز", 7, false),
    ("غشت", 8, false),
    ("شتنبر", 9, false),
    ("نونبر", 11, false),
    ("دجنبر", 12, false),
];

/// Two-word Levantine month names: (head, tail, month).
pub(crate) const GREGORIAN_COMPOUNDS: &[(&str, &str, u8)] = &[
    ("كانون", "الثاني", 1),
    ("تشرين", "الاول", 10),
    ("تشرين", "الثاني", 11),
    ("كانون", "الاول", 12),
];

/// One-word Hijri month names: (folded name, month 1–12).
///
/// Several are also personal names (رجب، شعبان، رمضان) or words (صفر "zero", محرم
/// "forbidden"), so a Hijri month is only taken with a day number or a year next to it.
pub(crate) const HIJRI_MONTHS: &[(&str, u8)] = &[
    ("محرم", 1),
    ("المحرم", 1),
    ("صفر", 2),
    ("رجب", 7),
    ("شعبان", 8),
    ("رمضان", 9),
    ("شوال", 10),
];

/// Two-word Hijri month names: (head, tail, month).
pub(crate) const HIJRI_COMPOUNDS: &[(&str, &str, u8)] = &[
    ("ربيع", "الاول", 3),
    ("ربيع", "اول", 3),
    ("ربيع", "الاخر", 4),
    ("ربيع", "الثاني", 4),
    ("ربيع", "ثاني", 4),
    ("جمادي", "الاولي", 5),
    ("جمادي", "الاول", 5),
    ("جمادي", "الاخره", 6),
    ("جمادي", "الاخر", 6),
    ("جمادي", "الثانيه", 6),
    ("جمادي", "الثاني", 6),
    ("ذو", "القعده", 11),
    ("ذي", "القعده", 11),
    ("ذا", "القعده", 11),
    ("ذو", "الحجه", 12),
    ("ذي", "الحجه", 12),
    ("ذا", "الحجه", 12),
];

/// Weekday names with the article, as they appear in news text.
pub(crate) const WEEKDAYS: &[(&str, Weekday)] = &[
    ("الاحد", Weekday::Sun),
    ("الاثنين", Weekday::Mon),
    ("الثلاثاء", Weekday::Tue),
    ("الثلاثا", Weekday::Tue),
    ("الاربعاء", Weekday::Wed),
    ("الاربعا", Weekday::Wed),
    ("الخميس", Weekday::Thu),
    ("الجمعه", Weekday::Fri),
    ("السبت", Weekday::Sat),
];

/// Cardinal number words used with durations (قبل ثلاثة أيام), masculine and feminine forms.
pub(crate) const NUMBER_WORDS: &[(&str, u32)] = &[
    ("واحد", 1),
    ("واحده", 1),
    ("اثنين", 2),
    ("اثنتين", 2),
    ("اثنان", 2),
    ("ثلاث", 3),
    ("ثلاثه", 3),
    ("اربع", 4),
    ("اربعه", 4),
    ("خمس", 5),
    ("خمسه", 5),
    ("ست", 6),
    ("سته", 6),
    ("سبع", 7),
    ("سبعه", 7),
    ("ثمان", 8),
    ("ثماني", 8),
    ("ثمانيه", 8),
    ("تسع", 9),
    ("تسعه", 9),
    ("عشر", 10),
    ("عشره", 10),
    ("عشرين", 20),
    ("ثلاثين", 30),
];

/// Time units: (word, unit, grammatical number). Singular includes the accusative used after
/// numbers above ten (يوما، شهرا، عاما).
pub(crate) const UNITS: &[(&str, Unit, Form)] = &[
    ("يوم", Unit::Day, Form::One),
    ("يوما", Unit::Day, Form::One),
    ("يومين", Unit::Day, Form::Two),
    ("يومان", Unit::Day, Form::Two),
    ("ايام", Unit::Day, Form::Many),
    ("اسبوع", Unit::Week, Form::One),
    ("اسبوعا", Unit::Week, Form::One),
    ("اسبوعين", Unit::Week, Form::Two),
    ("اسابيع", Unit::Week, Form::Many),
    ("شهر", Unit::Month, Form::One),
    ("شهرا", Unit::Month, Form::One),
    ("شهرين", Unit::Month, Form::Two),
    ("اشهر", Unit::Month, Form::Many),
    ("شهور", Unit::Month, Form::Many),
    ("عام", Unit::Year, Form::One),
    ("عاما", Unit::Year, Form::One),
    ("عامين", Unit::Year, Form::Two),
    ("اعوام", Unit::Year, Form::Many),
    ("سنه", Unit::Year, Form::One),
    ("سنتين", Unit::Year, Form::Two),
    ("سنوات", Unit::Year, Form::Many),
    ("سنين", Unit::Year, Form::Many),
];

/// Definite period words: الأسبوع، الشهر، العام، السنة.
pub(crate) const PERIODS: &[(&str, Unit)] = &[
    ("الاسبوع", Unit::Week),
    ("الشهر", Unit::Month),
    ("العام", Unit::Year),
    ("السنه", Unit::Year),
];

/// Definite plural periods: الأيام، الأسابيع، الأشهر، الشهور.
pub(crate) const PLURAL_PERIODS: &[(&str, Unit)] = &[
    ("الايام", Unit::Day),
    ("الاسابيع", Unit::Week),
    ("الاشهر", Unit::Month),
    ("الشهور", Unit::Month),
];

/// Modifiers after a period, month or weekday, masculine and feminine.
pub(crate) const MODIFIERS: &[(&str, Mod)] = &[
    ("الماضي", Mod::Past),
    ("الماضيه", Mod::Past),
    ("الماضيين", Mod::Past),
    ("الماضيان", Mod::Past),
    ("المنصرم", Mod::Past),
    ("المنصرمه", Mod::Past),
    ("الفايت", Mod::Past),
    ("الفايته", Mod::Past),
    ("المنقضي", Mod::Past),
    ("المنقضيه", Mod::Past),
    ("المقبل", Mod::Next),
    ("المقبله", Mod::Next),
    ("القادم", Mod::Next),
    ("القادمه", Mod::Next),
    // dual and plural: after two months (سبتمبر أو أكتوبر المقبلين)
    ("المقبلين", Mod::Next),
    ("المقبلان", Mod::Next),
    ("القادمين", Mod::Next),
    ("القادمان", Mod::Next),
    ("الحالي", Mod::Current),
    ("الحاليه", Mod::Current),
    ("الجاري", Mod::Current),
    ("الجاريه", Mod::Current),
    ("الاخير", Mod::Recent),
    ("الاخيره", Mod::Recent),
];

/// Words for a part of a month or year (بداية عام 2025، مطلع الشهر): the expression keeps
/// the precision of what follows.
pub(crate) const BOUNDARIES: &[&str] = &[
    "بدايه",
    "مطلع",
    "مستهل",
    "اوايل",
    "منتصف",
    "اواسط",
    "نهايه",
    "اواخر",
];

/// Everything else the parser needs, with its role.
pub(crate) const OTHER_WORDS: &[(&str, Lex)] = &[
    ("اليوم", Lex::Today),
    ("امس", Lex::Yesterday),
    ("الامس", Lex::Yesterday),
    ("البارحه", Lex::Yesterday),
    ("غدا", Lex::Tomorrow),
    ("الغد", Lex::Tomorrow),
    ("غد", Lex::Ghad),
    ("اول", Lex::Awwal),
    ("من", Lex::Min),
    ("ل", Lex::Lam),
    ("هذا", Lex::This),
    ("هذه", Lex::This),
    ("الموافق", Lex::Muwafiq),
    ("قبل", Lex::Before),
    ("منذ", Lex::Since),
    ("بعد", Lex::After),
    ("م", Lex::GregorianSuffix),
    ("ميلادي", Lex::GregorianSuffix),
    ("ميلاديه", Lex::GregorianSuffix),
    ("للميلاد", Lex::GregorianSuffix),
    ("ه", Lex::HijriSuffix),
    ("هجري", Lex::HijriSuffix),
    ("هجريه", Lex::HijriSuffix),
    ("للهجره", Lex::HijriSuffix),
    ("القليله", Lex::Few),
    ("علي", Lex::Ala),
];

/// A unit of time.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Unit {
    Day,
    Week,
    Month,
    Year,
}

/// Grammatical number of a unit word: singular, dual, plural.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Form {
    One,
    Two,
    Many,
}

/// What a modifier after a period says.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Mod {
    /// الماضي، المنصرم، الفائت
    Past,
    /// المقبل، القادم
    Next,
    /// الحالي، الجاري
    Current,
    /// الأخير
    Recent,
}

/// The role of a folded word.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Lex {
    GregorianMonth {
        month: u8,
        ambiguous: bool,
    },
    /// كانون، تشرين: a month only with the next word.
    GregorianHead,
    HijriMonth(u8),
    /// ربيع، جمادى، ذو/ذي: a month only with the next word.
    HijriHead,
    Weekday(Weekday),
    Number(u32),
    Unit(Unit, Form),
    Period(Unit),
    Periods(Unit),
    Mod(Mod),
    Boundary,
    Today,
    Yesterday,
    Tomorrow,
    Ghad,
    Awwal,
    Min,
    Lam,
    This,
    Muwafiq,
    Before,
    Since,
    After,
    GregorianSuffix,
    HijriSuffix,
    Few,
    Ala,
}

impl Lex {
    /// Whether every expression containing this word could start from it: these words (and
    /// digits) are the keywords of the quick-reject automaton.
    pub(crate) fn is_head(self) -> bool {
        match self {
            Lex::GregorianMonth { ambiguous, .. } => !ambiguous,
            Lex::GregorianHead
            | Lex::HijriMonth(_)
            | Lex::HijriHead
            | Lex::Weekday(_)
            | Lex::Unit(..)
            | Lex::Period(_)
            | Lex::Periods(_)
            | Lex::Mod(_)
            | Lex::Boundary
            | Lex::Today
            | Lex::Yesterday
            | Lex::Tomorrow
            | Lex::Ghad => true,
            _ => false,
        }
    }
}

/// All folded words with their role.
pub(crate) fn all_words() -> impl Iterator<Item = (&'static str, Lex)> {
    let months = GREGORIAN_MONTHS
        .iter()
        .map(|&(w, month, ambiguous)| (w, Lex::GregorianMonth { month, ambiguous }));
    let gheads = GREGORIAN_COMPOUNDS
        .iter()
        .map(|&(h, _, _)| (h, Lex::GregorianHead));
    let hmonths = HIJRI_MONTHS.iter().map(|&(w, m)| (w, Lex::HijriMonth(m)));
    let hheads = HIJRI_COMPOUNDS.iter().map(|&(h, _, _)| (h, Lex::HijriHead));
    let weekdays = WEEKDAYS.iter().map(|&(w, d)| (w, Lex::Weekday(d)));
    let numbers = NUMBER_WORDS.iter().map(|&(w, n)| (w, Lex::Number(n)));
    let units = UNITS.iter().map(|&(w, u, f)| (w, Lex::Unit(u, f)));
    let periods = PERIODS.iter().map(|&(w, u)| (w, Lex::Period(u)));
    let plurals = PLURAL_PERIODS.iter().map(|&(w, u)| (w, Lex::Periods(u)));
    let mods = MODIFIERS.iter().map(|&(w, m)| (w, Lex::Mod(m)));
    let bounds = BOUNDARIES.iter().map(|&w| (w, Lex::Boundary));
    months
        .chain(gheads)
        .chain(hmonths)
        .chain(hheads)
        .chain(weekdays)
        .chain(numbers)
        .chain(units)
        .chain(periods)
        .chain(plurals)
        .chain(mods)
        .chain(bounds)
        .chain(OTHER_WORDS.iter().copied())
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::HashMap;

    #[test]
    fn every_word_has_one_role() {
        let mut seen: HashMap<&str, Lex> = HashMap::new();
        for (word, lex) in all_words() {
            if let Some(prev) = seen.insert(word, lex) {
                assert_eq!(prev, lex, "{word} has two roles");
            }
        }
    }

    #[test]
    fn every_word_is_already_folded() {
        let mut folded = crate::fold::Folded::default();
        let compounds = GREGORIAN_COMPOUNDS
            .iter()
            .chain(HIJRI_COMPOUNDS)
            .flat_map(|&(h, t, _)| [h, t]);
        for word in all_words().map(|(w, _)| w).chain(compounds) {
            folded.fold(word);
            assert_eq!(folded.text, word, "{word} is not in folded form");
        }
    }

    #[test]
    fn every_month_number_is_covered() {
        for m in 1..=12u8 {
            let greg = GREGORIAN_MONTHS.iter().any(|&(_, n, _)| n == m)
                || GREGORIAN_COMPOUNDS.iter().any(|&(_, _, n)| n == m);
            let hijri = HIJRI_MONTHS.iter().any(|&(_, n)| n == m)
                || HIJRI_COMPOUNDS.iter().any(|&(_, _, n)| n == m);
            assert!(greg && hijri, "month {m}");
        }
    }
}
