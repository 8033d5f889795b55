//! Names that two lexicon entries share, resolved from the article.
//!
//! - `المملكة` alone is Saudi Arabia in Saudi press (the shipped lexicon's reading), but
//!   Jordan, Morocco or Bahrain in articles of their agencies: when the article's home
//!   country (its agency, else its dateline place; see `roles::apply_dateline`) is one
//!   of those kingdoms, `المملكة` is that kingdom.
//! - `عمان` is Oman and, written without its shadda, Amman (عمّان), the capital of
//!   Jordan. The home country decides when it is Jordan or Oman; otherwise the article's
//!   other words do: Jordanian cues (الأردن، الأردني، الهاشمية …) against Omani ones
//!   (سلطنة، العماني، مسقط …). With no cue either way both readings stay (the earlier
//!   lexicon entry, Oman, is then taken).

use rasid_lexicon::{EntryRef, Lexicon, Match};
use rasid_text::Tokens;

/// Kingdoms whose own press calls them `المملكة`.
const KINGDOMS: &[&str] = &["SAU", "JOR", "MAR", "BHR"];

/// Folded word endings that point to Jordan (a proclitic may come before them).
const JORDAN_CUES: &[&str] = &["الاردن", "الاردني", "الاردنيه", "الاردنيين", "الهاشميه"];

/// Folded word endings that point to Oman.
const OMAN_CUES: &[&str] = &[
    "سلطنه",
    "السلطنه",
    "العماني",
    "العمانيه",
    "العمانيين",
    "مسقط",
];

/// What the article says about its ambiguous names, worked out once per document on
/// first need.
#[derive(Debug, Default)]
pub(crate) struct Resolver {
    /// `Some(true)` when `عمان` is Amman, `Some(false)` when Oman, `None` when unknown;
    /// the outer option is whether the article was read yet.
    amman: Option<Option<bool>>,
}

impl Resolver {
    /// Rewrites or drops the matches of `matches` (one sentence of `toks`) whose names
    /// are ambiguous, given the article's `home` country (ISO alpha-3).
    pub(crate) fn resolve(
        &mut self,
        lex: &Lexicon,
        toks: &Tokens,
        home: Option<&str>,
        matches: &mut Vec<Match>,
    ) {
        let code = |m: &Match| match m.entry {
            EntryRef::Country(c) | EntryRef::Capital(c) => {
                Some(lex.countries[c as usize].code.as_str())
            }
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
                    && code(m) == Some("SAU")
                    && one_word(m, "مملكه")
                {
                    if let Some(i) = home_index {
                        m.entry = EntryRef::Country(i as u32);
                    }
                }
            }
        }
        // عمان: Amman or Oman
        let is_amman = |m: &Match| {
            matches!(m.entry, EntryRef::Capital(_)) && code(m) == Some("JOR") && one_word(m, "عمان")
        };
        let is_oman = |m: &Match| {
            matches!(m.entry, EntryRef::Country(_)) && code(m) == Some("OMN") && one_word(m, "عمان")
        };
        if !matches.iter().any(&is_amman) || !matches.iter().any(&is_oman) {
            return;
        }
        let amman = *self.amman.get_or_insert_with(|| match home {
            Some("JOR") => Some(true),
            Some("OMN") => Some(false),
            _ => {
                let count = |cues: &[&str]| {
                    (0..toks.len())
                        .filter(|&i| cues.iter().any(|c| toks.fold(i).ends_with(c)))
                        .count()
                };
                let (jordan, oman) = (count(JORDAN_CUES), count(OMAN_CUES));
                (jordan != oman).then_some(jordan > oman)
            }
        });
        match amman {
            Some(true) => matches.retain(|m| !is_oman(m)),
            Some(false) => matches.retain(|m| !is_amman(m)),
            None => {}
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::Coder;
    use rasid_lexicon::{Lexicon, Sources};

    fn codes(text: &str) -> Vec<(String, String, String)> {
        let lex = Lexicon::build(&Sources::embedded()).unwrap();
        let doc = rasid_text::Document {
            doc_id: "t".into(),
            text: text.into(),
            date: chrono::NaiveDate::from_ymd_opt(2025, 10, 20),
            ..Default::default()
        };
        Coder::new(&lex)
            .code(&doc)
            .into_iter()
            .map(|e| {
                let target = e.target.map(|t| t.code).unwrap_or_default();
                (e.cameo, e.source.code, target)
            })
            .collect()
    }

    #[test]
    fn amman_or_oman_from_the_article() {
        let jordan = codes(
            "وصل وزير الخارجية المصري إلى عمان أمس في زيارة يبحث خلالها مع المسؤولين في الأردن العلاقات الثنائية.",
        );
        assert!(
            jordan
                .iter()
                .any(|(c, s, t)| c == "042" && s == "EGYGOV" && t == "JORGOV"),
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
}
