//! Names that two lexicon entries share, resolved from the article.
//!
//! - `المملكة` alone is Saudi Arabia in Saudi press (the shipped lexicon's reading), but
//!   Jordan, Morocco or Bahrain in articles of their agencies: when the article's home
//!   country (its agency, else its dateline place; see `roles::apply_dateline`) is one
//!   of those kingdoms, `المملكة` is that kingdom.
//! - One word, two countries ([`SHARED_NAMES`]): `عمان` is Oman and, written without its
//!   shadda, Amman (عمّان), the capital of Jordan (written with its shadda it is Amman, with
//!   the damma of عُمان Oman, whatever the article says); `طرابلس` is the capital of Libya and a
//!   city of northern Lebanon; `القنيطرة` is Quneitra on the Golan (Syria) and Kenitra
//!   (Morocco). The home country decides when it is one of the two;
//!   otherwise the article's other words do (الأردن، الهاشمية … against سلطنة، مسقط …).
//!   The matches of the losing country on that word are dropped; with no cue either way
//!   all readings stay (the coder then takes the earlier lexicon entry).
//! - `مسقط رأس` is "birthplace", not Muscat.
//! - A one-word name written with tanween (`دوماً` "always", not Douma) is an ordinary word.
//! - `طالب` is the verb "demanded" unless a nisba or a word of study follows it (`طالب
//!   سوداني`، `طالب جامعي`): then it is a student.
//! - An indefinite accusative nisba after an indefinite noun that is no role (`دعما
//!   أمريكيا` "American support") is an adjective, not a person of that country.
//! - A town of a country the article never names ([`drop_unrelated_towns`]) is another
//!   place of the same name the gazetteer lacks, or an ordinary word: `الحسينية` near
//!   Baghdad is not the Egyptian town of that name.

use rasid_lexicon::{EntryRef, Lexicon, Match};
use rasid_text::Tokens;
use std::collections::{HashMap, HashSet};

/// Population (GeoNames) from which a city is known by its name alone, in any article
/// (Geneva, Fallujah, Mosul); smaller towns need their country named in the article.
/// Set from the 2015 corpus: at 1,000,000 Geneva and The Hague talks lost their place.
const KNOWN_ALONE: u64 = 150_000;

/// Smaller towns the Arab press names without their country: venues of talks and
/// summits, and towns long in the news (GeoNames English names of `lexicons/places.tsv`).
const KNOWN_TOWNS: &[&str] = &[
    "Davos",
    "Lausanne",
    "Sharm el-Sheikh",
    "Skhirate",
    "Tadmur",
    "Tyre",
];

/// The countries (ISO alpha-3) an article names, from its sentences' lexicon `found`
/// matches: those of its country names, capitals, nisbas and demonyms, of the
/// organisations it names (the Houthis: Yemen), and its `home` country (agency or
/// dateline; see `roles::apply_dateline`).
pub(crate) fn named_countries<'l>(
    lex: &'l Lexicon,
    found: &[Vec<Match>],
    home: Option<&'l str>,
) -> HashSet<&'l str> {
    let mut named: HashSet<&str> = home.into_iter().collect();
    for m in found.iter().flatten() {
        let code = match m.entry {
            EntryRef::Country(c)
            | EntryRef::Capital(c)
            | EntryRef::Nisba(c)
            | EntryRef::Demonym(c) => lex.countries[c as usize].code.as_str(),
            EntryRef::Organization(o) => lex.organizations[o as usize].code.as_str(),
            _ => continue,
        };
        if let Some(c) = code
            .get(..3)
            .filter(|c| !matches!(*c, "IGO" | "IMG" | "NGO"))
        {
            named.insert(c);
        }
    }
    named
}

/// Drops from `matches` the gazetteer towns (not capitals, fewer than [`KNOWN_ALONE`]
/// people, not [`KNOWN_TOWNS`]) in a country outside `named` (see [`named_countries`]).
pub(crate) fn drop_unrelated_towns(lex: &Lexicon, matches: &mut Vec<Match>, named: &HashSet<&str>) {
    matches.retain(|m| match m.entry {
        EntryRef::Place(p) => {
            let place = &lex.places[p as usize];
            place.kind != "city"
                || place.population >= KNOWN_ALONE
                || KNOWN_TOWNS.contains(&place.en.as_str())
                || named.contains(place.country.as_str())
        }
        _ => true,
    });
}

/// Kingdoms whose own press calls them `المملكة`.
const KINGDOMS: &[&str] = &["SAU", "JOR", "MAR", "BHR"];

/// A word (folded) naming places of two countries, each country with the folded word
/// endings that point to it in an article (a proclitic may come before them).
type SharedName = (&'static str, [(&'static str, &'static [&'static str]); 2]);

/// The shared names and their cues.
const SHARED_NAMES: &[SharedName] = &[
    (
        "عمان",
        [
            (
                "JOR",
                &["الاردن", "الاردني", "الاردنيه", "الاردنيين", "الهاشميه"],
            ),
            (
                "OMN",
                &[
                    "سلطنه",
                    "السلطنه",
                    "العماني",
                    "العمانيه",
                    "العمانيين",
                    "مسقط",
                ],
            ),
        ],
    ),
    (
        "طرابلس",
        [
            (
                "LBY",
                &[
                    "ليبيا",
                    "الليبي",
                    "الليبيه",
                    "الليبيين",
                    "بنغازي",
                    "مصراته",
                    "حفتر",
                ],
            ),
            (
                "LBN",
                &[
                    "لبنان",
                    "اللبناني",
                    "اللبنانيه",
                    "اللبنانيين",
                    "بيروت",
                    "عكار",
                ],
            ),
        ],
    ),
    (
        "القنيطره",
        [
            (
                "SYR",
                &[
                    "سوريا",
                    "سوريه",
                    "السوري",
                    "السوريه",
                    "الجولان",
                    "درعا",
                    "دمشق",
                ],
            ),
            ("MAR", &["المغرب", "المغربي", "المغربيه", "الرباط"]),
        ],
    ),
];

/// What the article says about its ambiguous names, worked out once per document and
/// name on first need.
#[derive(Debug, Default)]
pub(crate) struct Resolver {
    /// For each shared name met: the country it stands for, or `None` when undecided.
    decided: HashMap<&'static str, Option<&'static str>>,
}

impl Resolver {
    /// Rewrites or drops the matches of `matches` (one sentence of `toks`) whose names
    /// are ambiguous, given the article's `home` country (ISO alpha-3).
    pub(crate) fn resolve(
        &mut self,
        lex: &Lexicon,
        raw: &str,
        toks: &Tokens,
        home: Option<&str>,
        matches: &mut Vec<Match>,
    ) {
        // a one-word name written with tanween is an ordinary word: names take none
        // (دوماً "always" is not Douma, نصراً "a victory" not a place)
        matches.retain(|m| {
            let name = matches!(
                m.entry,
                EntryRef::Country(_)
                    | EntryRef::Capital(_)
                    | EntryRef::Place(_)
                    | EntryRef::Person(_)
                    | EntryRef::PersonShort(_)
                    | EntryRef::Organization(_)
            );
            !(name
                && m.tokens.len() == 1
                && raw[toks.tokens[m.tokens.start].span.range()]
                    .ends_with(['\u{064B}', '\u{064C}', '\u{064D}']))
        });
        // an indefinite nisba after an indefinite noun that is no role (دعما أمريكيا,
        // موقفا بحرينيا) is that noun's adjective, not a person: a person is a number's
        // noun or a role's (عشرين فلسطينيا، جنديا أفغانيا) or stands alone (اعتقلت تونسيا)
        let role_at = |k: usize| {
            matches
                .iter()
                .any(|a| matches!(a.entry, EntryRef::Agent(_)) && a.tokens.contains(&k))
        };
        let adjective = |m: &Match| {
            let k = m.tokens.start;
            matches!(m.entry, EntryRef::Nisba(_))
                && m.tokens.len() == 1
                && toks.fold(k).ends_with('ا')
                && !toks.fold(k).starts_with("ال")
                && k > 0
                && toks.tokens[k - 1].kind == rasid_text::TokenKind::Word
                && toks.fold(k - 1).ends_with('ا')
                && !role_at(k - 1)
        };
        let adjectives: Vec<usize> = matches
            .iter()
            .filter(|m| adjective(m))
            .map(|m| m.tokens.start)
            .collect();
        matches.retain(|m| {
            !(matches!(m.entry, EntryRef::Nisba(_)) && adjectives.contains(&m.tokens.start))
        });
        // طالب is "student" and "demanded": the verb, unless an indefinite nisba or a
        // word of study follows (طالب سوداني، طالب جامعي، طالب في جامعة)
        let nisba_at: Vec<usize> = matches
            .iter()
            .filter(|n| matches!(n.entry, EntryRef::Nisba(_)))
            .map(|n| n.tokens.start)
            .collect();
        // (or a number before it: 1800 طالب، نصف مليون طالب وطالبة)
        let student_noun = |k: usize| {
            let next = if k + 1 < toks.len() {
                toks.fold(k + 1)
            } else {
                ""
            };
            let counted = k > 0
                && (toks.tokens[k - 1].kind == rasid_text::TokenKind::Number
                    || matches!(toks.fold(k - 1), "الف" | "الاف" | "مليون" | "مئات" | "عشرات"));
            counted
                || matches!(
                    next,
                    "جامعي" | "في" | "دكتوراه" | "ماجستير" | "مبتعث" | "وطالبه"
                )
                || (nisba_at.contains(&(k + 1)) && !next.starts_with("ال"))
        };
        matches.retain(|m| {
            let EntryRef::Agent(i) = m.entry else {
                return true;
            };
            let k = m.tokens.start;
            !(lex.agents[i as usize].id == "students"
                && m.tokens.len() == 1
                && matches!(toks.fold(k), "طالب" | "وطالب" | "فطالب")
                && !student_noun(k))
        });
        let country = |m: &Match| match m.entry {
            EntryRef::Country(c) | EntryRef::Capital(c) => {
                Some(lex.countries[c as usize].code.as_str())
            }
            EntryRef::Place(p) => Some(lex.places[p as usize].country.as_str()),
            _ => None,
        };
        let one_word = |m: &Match, ending: &str| {
            m.tokens.len() == 1 && toks.fold(m.tokens.start).ends_with(ending)
        };
        // المملكة in the press of another kingdom
        if let Some(home) = home.filter(|h| *h != "SAU" && KINGDOMS.contains(h)) {
            let home_index = lex.countries.iter().position(|c| c.code == home);
            for m in matches.iter_mut() {
                if matches!(m.entry, EntryRef::Country(_))
                    && country(m) == Some("SAU")
                    && one_word(m, "مملكه")
                {
                    if let Some(i) = home_index {
                        m.entry = EntryRef::Country(i as u32);
                    }
                }
            }
        }
        // مسقط رأس ("birthplace") is not Muscat
        matches.retain(|m| {
            !(one_word(m, "مسقط")
                && country(m) == Some("OMN")
                && m.tokens.end < toks.len()
                && matches!(toks.fold(m.tokens.end), "راس" | "رأس"))
        });
        // عمّان (with its shadda) is Amman and عُمان (with its damma) Oman, whatever the
        // rest of the article says
        let vocalized = |m: &Match| {
            let w = &raw[toks.tokens[m.tokens.start].span.range()];
            if w.contains('\u{0651}') {
                Some("JOR")
            } else if w.contains('\u{064F}') {
                Some("OMN")
            } else {
                None
            }
        };
        matches.retain(|m| {
            !(one_word(m, "عمان")
                && matches!(country(m), Some("JOR" | "OMN"))
                && vocalized(m).is_some_and(|c| country(m) != Some(c)))
        });
        for &(name, readings) in SHARED_NAMES {
            let reads_as = |m: &Match, code: &str| one_word(m, name) && country(m) == Some(code);
            let [(a, _), (b, _)] = readings;
            if !matches.iter().any(|m| reads_as(m, a)) || !matches.iter().any(|m| reads_as(m, b)) {
                continue;
            }
            let winner = *self.decided.entry(name).or_insert_with(|| {
                if let Some(h) = home.and_then(|h| [a, b].into_iter().find(|c| *c == h)) {
                    return Some(h);
                }
                let count = |cues: &[&str]| {
                    (0..toks.len())
                        .filter(|&i| cues.iter().any(|c| toks.fold(i).ends_with(c)))
                        .count()
                };
                let (na, nb) = (count(readings[0].1), count(readings[1].1));
                (na != nb).then_some(if na > nb { a } else { b })
            });
            if let Some(w) = winner {
                let loser = if w == a { b } else { a };
                matches.retain(|m| !reads_as(m, loser));
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::Coder;
    use rasid_lexicon::{Lexicon, Sources};

    /// The events of `text`, an article dated 2025-10-20.
    fn events(text: &str) -> Vec<crate::Event> {
        let lex = Lexicon::build(&Sources::embedded()).unwrap();
        let doc = rasid_text::Document {
            doc_id: "t".into(),
            text: text.into(),
            date: chrono::NaiveDate::from_ymd_opt(2025, 10, 20),
            ..Default::default()
        };
        Coder::new(&lex).code(&doc)
    }

    /// (CAMEO code, source code, target code) of each event.
    fn codes(text: &str) -> Vec<(String, String, String)> {
        events(text)
            .into_iter()
            .map(|e| {
                let target = e.target.map(|t| t.code).unwrap_or_default();
                (e.cameo, e.source.code, target)
            })
            .collect()
    }

    #[test]
    fn amman_written_with_its_shadda_is_amman_whatever_the_article_says() {
        // the article names the Sultanate later: without the shadda the dateline's city
        // would go with it
        let text = "عمّان - دعا المبعوث الأممي إلى اليمن الحكومة اليمنية والحوثيين إلى وقف إطلاق \
                    النار أمس. ورحبت سلطنة عمان بالبيان.";
        let countries: Vec<String> = events(text)
            .into_iter()
            .filter_map(|e| e.location.map(|l| l.country))
            .collect();
        assert!(!countries.is_empty());
        assert!(countries.iter().all(|c| c == "JOR"), "{countries:?}");
    }

    #[test]
    fn amman_or_oman_from_the_article() {
        let jordan = codes(
            "وصل وزير الخارجية المصري إلى عمان أمس في زيارة يبحث خلالها مع المسؤولين في الأردن العلاقات الثنائية.",
        );
        assert!(
            jordan
                .iter()
                .any(|(c, s, t)| c == "042" && s == "EGYGOV" && t == "JOR"),
            "{jordan:?}"
        );
        let oman = codes(
            "وصل وزير الخارجية المصري إلى عمان أمس في زيارة يبحث خلالها مع المسؤولين في السلطنة العلاقات الثنائية.",
        );
        assert!(
            oman.iter()
                .any(|(c, s, t)| c == "042" && s == "EGYGOV" && t.starts_with("OMN")),
            "{oman:?}"
        );
    }

    /// The country of each event's place.
    fn places(text: &str) -> Vec<String> {
        events(text)
            .into_iter()
            .filter_map(|e| e.location.map(|l| l.country))
            .collect()
    }

    #[test]
    fn quneitra_or_kenitra_from_the_article() {
        let syria = places("التقى وزير الخارجية الروسي نظيره السوري في القنيطرة أمس قرب الجولان.");
        assert_eq!(syria, ["SYR"]);
        let morocco = places("التقى وزير الخارجية الفرنسي نظيره المغربي في القنيطرة أمس.");
        assert_eq!(morocco, ["MAR"]);
    }

    #[test]
    fn a_town_of_a_country_the_article_does_not_name_is_not_that_town() {
        // the Palestinian village دوما is not Douma near Damascus (the gazetteer's)
        let village = places("هاجم مستوطنون إسرائيليون مواطنين فلسطينيين في قرية دوما أمس.");
        assert!(village.is_empty(), "{village:?}");
        let douma = places("قصفت الطائرات الأمريكية مواقع للمسلحين في دوما قرب دمشق.");
        assert_eq!(douma, ["SYR"]);
        // a city known alone, and a venue of talks, need no country
        assert_eq!(
            places("التقى وزير الخارجية الإيراني نظيره الأمريكي في جنيف."),
            ["CHE"]
        );
        assert_eq!(
            places("التقى المبعوث الأممي وفد المؤتمر الوطني الليبي في الصخيرات."),
            ["MAR"]
        );
    }

    #[test]
    fn the_kingdom_is_the_agency_s_own() {
        let petra = codes(
            "عمان 19 تشرين الأول (بترا) - وصل وزير الخارجية الفرنسي إلى المملكة أمس في زيارة رسمية.",
        );
        assert!(
            petra
                .iter()
                .any(|(c, s, t)| c == "042" && s == "FRAGOV" && t == "JOR"),
            "{petra:?}"
        );
        let spa = codes(
            "الرياض 19 أكتوبر (واس) - وصل وزير الخارجية الفرنسي إلى المملكة أمس في زيارة رسمية.",
        );
        assert!(
            spa.iter()
                .any(|(c, s, t)| c == "042" && s == "FRAGOV" && t == "SAU"),
            "{spa:?}"
        );
    }

    #[test]
    fn tripoli_of_lebanon_or_libya() {
        let lebanon = codes(
            "وصل وزير الخارجية الفرنسي إلى طرابلس أمس في زيارة يلتقي خلالها المسؤولين في الشمال اللبناني.",
        );
        assert!(
            !lebanon.iter().any(|(_, _, t)| t.starts_with("LBY")),
            "{lebanon:?}"
        );
        let libya = codes(
            "وصل وزير الخارجية الفرنسي إلى طرابلس أمس في زيارة يلتقي خلالها المسؤولين الليبيين.",
        );
        assert!(
            libya
                .iter()
                .any(|(c, s, t)| c == "042" && s == "FRAGOV" && t == "LBY"),
            "{libya:?}"
        );
    }
}
