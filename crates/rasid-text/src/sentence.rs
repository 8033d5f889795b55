//! Sentence splitting for Arabic news.
//!
//! Units end at:
//!
//! * `.` `!` `?` `؟` `؛` `…` and runs of them (`...`, `؟!`), taking the closing quotes and
//!   brackets that follow (`»` `”` `)` `]` always; the ambiguous `"` and `'` only when
//!   they touch the mark, so an opening quote after a space starts the next sentence);
//! * every line break, so a title, a byline or a caption line is a unit of its own;
//! * the end of an agency dateline ([`find_dateline`](crate::dateline::find_dateline)):
//!   the dateline is its own unit and the first sentence of the story starts after it
//!   (`القاهرة - رويترز:` | `قال مسؤول ...`).
//!
//! A period does not end a unit after a one-letter abbreviation or initial, alone or in a
//! chain (`د.` `أ.` `م.` `ص.` `ج. و. بوش` `أ.د.` `J.`), after a few Latin abbreviations
//! (`Mr.` `Dr.` `No.` …), or after the number of a list item at the start of a unit
//! (`1. البند`). A mark at the very start of a unit (a leading `...`) does not end it.
//! Decimal numbers (`10.5`) are single tokens and never split.

use crate::token::{TokenKind, Tokens};
use crate::Span;
use std::ops::Range;

/// One sentence: its raw byte span (trimmed of surrounding whitespace) and the range of
/// token indices it holds.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Sentence {
    /// Half-open byte range in the raw text.
    pub span: Span,
    /// Indices into [`Tokens::tokens`].
    pub tokens: Range<usize>,
}

fn is_terminal(s: &str) -> bool {
    matches!(s, "." | "!" | "?" | "؟" | "؛" | "…")
}

/// Closers that only close: taken after a terminal mark even across a space.
fn is_closer(s: &str) -> bool {
    matches!(s, "»" | "”" | "’" | ")" | "]" | "}" | "﴿" | "﴾")
}

/// Quotes that open as well as close: taken only when they touch the previous token.
fn is_ambiguous_quote(s: &str) -> bool {
    matches!(s, "\"" | "'")
}

/// The most tokens a unit holds: a longer run (text with no full stop, a list, a page
/// flattened into one line) is cut after a comma or colon, else at this length, so that
/// every later stage works on units of bounded size and coding stays linear in the text
/// (issue 16). News sentences are far shorter: 45 of the 397,000 units of the 2015 corpus
/// reach 400 tokens.
pub const MAX_SENTENCE_TOKENS: usize = 400;

/// Marks after which a run-on unit may be cut.
fn is_clause_mark(s: &str) -> bool {
    matches!(s, "،" | "," | ":" | ";")
}

/// Latin abbreviations (lowercase) after which a period does not end a sentence.
const LATIN_ABBREVIATIONS: &[&str] = &[
    "mr", "mrs", "ms", "dr", "prof", "st", "no", "vs", "jr", "sr", "gen", "col", "lt", "co", "inc",
    "ltd",
];

/// True when a line break lies in `bytes[a..b]` (the gap between two tokens, usually
/// one space: a byte search, without the char-boundary checks of a `str` slice).
#[inline(always)]
fn newline_between(bytes: &[u8], a: usize, b: usize) -> bool {
    bytes[a..b].contains(&b'\n')
}

/// Splits the tokenized `raw` text into sentences.
///
/// `toks` must be [`tokenize`](crate::tokenize)`(raw)`. Returns sentences in order; every
/// token belongs to exactly one sentence; spans are `start of first token .. end of last
/// token` (byte offsets into `raw`); no unit holds more than [`MAX_SENTENCE_TOKENS`].
/// Linear in the number of tokens.
///
/// ```
/// let raw = "زار د. أحمد أنقرة. ثم عاد!\nعنوان آخر";
/// let toks = rasid_text::tokenize(raw);
/// let s: Vec<&str> = rasid_text::split_sentences(raw, &toks).iter().map(|s| &raw[s.span.range()]).collect();
/// assert_eq!(s, ["زار د. أحمد أنقرة.", "ثم عاد!", "عنوان آخر"]);
/// ```
pub fn split_sentences(raw: &str, toks: &Tokens) -> Vec<Sentence> {
    let t = &toks.tokens;
    let mut out = Vec::with_capacity(t.len() / 16 + 1);
    let dateline_end = crate::dateline::find_dateline(raw, toks).map(|d| toks.index_at(d.span.end));
    let bytes = raw.as_bytes();
    let adjacent = |a: usize, b: usize| t[a].span.end == t[b].span.start;
    let mut start = 0;
    // whether the current unit has a word or number yet (marks before one don't end it)
    let mut content = false;
    let mut i = 0;
    while i < t.len() {
        let mut end_here = false;
        if t[i].kind != TokenKind::Punct {
            content = true;
        } else if content && is_terminal(&raw[t[i].span.range()]) {
            let prev = i - 1;
            let surface_is_dot = toks.fold(i) == ".";
            let abbreviation =
                surface_is_dot && t[prev].kind == TokenKind::Word && adjacent(prev, i) && {
                    let key = toks.fold(prev);
                    let one_letter = key.chars().nth(1).is_none();
                    // alone (after a space or at the start) or in a chain: أ.د.
                    let chained =
                        prev == 0 || !adjacent(prev - 1, prev) || toks.fold(prev - 1) == ".";
                    (one_letter && chained)
                        || (key.is_ascii()
                            && LATIN_ABBREVIATIONS.contains(&key.to_ascii_lowercase().as_str()))
                };
            let list_number = surface_is_dot
                && prev == start
                && t[prev].kind == TokenKind::Number
                && adjacent(prev, i);
            if !abbreviation && !list_number {
                // (never past the end of a dateline: it ends a unit of its own)
                while i + 1 < t.len() && dateline_end != Some(i + 1) {
                    let next = &raw[t[i + 1].span.range()];
                    let take = t[i + 1].kind == TokenKind::Punct
                        && !raw[t[i].span.end..t[i + 1].span.start].contains('\n')
                        && (is_terminal(next)
                            || is_closer(next)
                            || (is_ambiguous_quote(next) && adjacent(i, i + 1)));
                    if !take {
                        break;
                    }
                    i += 1;
                }
                end_here = true;
            }
        }
        if !end_here && dateline_end == Some(i + 1) {
            end_here = true;
        }
        if !end_here
            && i + 1 < t.len()
            && newline_between(bytes, t[i].span.end, t[i + 1].span.start)
        {
            end_here = true;
        }
        if end_here || i + 1 == t.len() {
            out.push(Sentence {
                span: Span::new(t[start].span.start, t[i].span.end),
                tokens: start..i + 1,
            });
            start = i + 1;
            content = false;
        } else if i + 1 - start >= MAX_SENTENCE_TOKENS {
            // a run-on unit: cut after its last comma or colon in the second half, else here
            let cut = (start + MAX_SENTENCE_TOKENS / 2..=i)
                .rev()
                .find(|&k| t[k].kind == TokenKind::Punct && is_clause_mark(&raw[t[k].span.range()]))
                .unwrap_or(i);
            out.push(Sentence {
                span: Span::new(t[start].span.start, t[cut].span.end),
                tokens: start..cut + 1,
            });
            start = cut + 1;
            content = (start..=i).any(|k| t[k].kind != TokenKind::Punct);
        }
        i += 1;
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn split(raw: &str) -> Vec<&str> {
        let toks = crate::tokenize(raw);
        split_sentences(raw, &toks)
            .iter()
            .map(|s| &raw[s.span.range()])
            .collect()
    }

    #[test]
    fn a_run_on_unit_is_cut_after_a_comma_or_at_the_cap() {
        // no full stop in 1,000 words: units of at most the cap, cut after a comma
        let raw = "كلمة ".repeat(300) + "، " + &"كلمة ".repeat(700);
        let toks = crate::tokenize(&raw);
        let s = split_sentences(&raw, &toks);
        assert!(s.iter().all(|u| u.tokens.len() <= MAX_SENTENCE_TOKENS));
        assert_eq!(s[0].tokens, 0..301, "the first unit ends at the comma");
        assert!(raw[s[0].span.range()].ends_with('،'));
        // every token in exactly one unit, in order
        assert_eq!(s.last().unwrap().tokens.end, toks.tokens.len());
        assert!(s.windows(2).all(|w| w[0].tokens.end == w[1].tokens.start));
        // with no comma at all, cut at the cap
        let raw = "كلمة ".repeat(1000);
        let toks = crate::tokenize(&raw);
        let lens: Vec<usize> = split_sentences(&raw, &toks)
            .iter()
            .map(|u| u.tokens.len())
            .collect();
        assert_eq!(lens, [400, 400, 200]);
    }

    #[test]
    fn basic_terminals() {
        assert_eq!(
            split("زار أنقرة. هل عاد؟ نعم عاد! ثم؛ انتهى"),
            ["زار أنقرة.", "هل عاد؟", "نعم عاد!", "ثم؛", "انتهى"]
        );
    }

    #[test]
    fn quotes_and_ellipsis() {
        assert_eq!(
            split("قال «نعم.» ثم مضى... وانتهى"),
            ["قال «نعم.»", "ثم مضى...", "وانتهى"]
        );
    }

    #[test]
    fn abbreviations_and_numbers() {
        assert_eq!(
            split("التقى د. محمد بنسبة 10.5 في المئة. تم"),
            ["التقى د. محمد بنسبة 10.5 في المئة.", "تم"]
        );
        assert_eq!(split("ص. ب 55"), ["ص. ب 55"]);
    }

    #[test]
    fn table() {
        // (text, units); own example sentences
        let cases: &[(&str, &[&str])] = &[
            ("", &[]),
            ("  \n ", &[]),
            ("جملة واحدة بلا نقطة", &["جملة واحدة بلا نقطة"]),
            // initials, alone and chained
            (
                "استقبل ج. و. بوش الوفد. ثم غادر.",
                &["استقبل ج. و. بوش الوفد.", "ثم غادر."],
            ),
            (
                "حاضر أ.د. سامي في الندوة. وانتهت",
                &["حاضر أ.د. سامي في الندوة.", "وانتهت"],
            ),
            (
                "met G. W. Bush and Mr. Smith. Then left.",
                &["met G. W. Bush and Mr. Smith.", "Then left."],
            ),
            // numbers
            (
                "بلغ النمو 3.5 في المئة عام 2015. وارتفع",
                &["بلغ النمو 3.5 في المئة عام 2015.", "وارتفع"],
            ),
            (
                "1. البند الأول\n2. البند الثاني",
                &["1. البند الأول", "2. البند الثاني"],
            ),
            (
                "زاد العدد إلى 1,000. ثم نقص",
                &["زاد العدد إلى 1,000.", "ثم نقص"],
            ),
            // ellipses
            ("انتظرنا طويلا... ثم وصلوا", &["انتظرنا طويلا...", "ثم وصلوا"]),
            ("انتظرنا طويلا… ثم وصلوا", &["انتظرنا طويلا…", "ثم وصلوا"]),
            ("... وأضاف أن الحل قريب.", &["... وأضاف أن الحل قريب."]),
            ("هل انتهى؟! لا أظن", &["هل انتهى؟!", "لا أظن"]),
            // quotes
            ("قال: «سنعود.» ثم خرج.", &["قال: «سنعود.»", "ثم خرج."]),
            ("قال: \"سنعود.\" ثم خرج.", &["قال: \"سنعود.\"", "ثم خرج."]),
            (
                "انتهى الأمر. \"لن نعود\" قالها.",
                &["انتهى الأمر.", "\"لن نعود\" قالها."],
            ),
            (
                "(وصل الوفد.) وبدأ الاجتماع",
                &["(وصل الوفد.)", "وبدأ الاجتماع"],
            ),
            // titles, bylines and datelines as units
            (
                "الوزير يزور أنقرة\nكتب: سامي علي\nأنقرة - الأناضول - وصل الوزير. وبحث التعاون.",
                &[
                    "الوزير يزور أنقرة",
                    "كتب: سامي علي",
                    "أنقرة - الأناضول -",
                    "وصل الوزير.",
                    "وبحث التعاون.",
                ],
            ),
            (
                "جدة 5 محرم 1437 هـ الموافق 18 أكتوبر 2015 م واس رحب المجلس بالقرار.",
                &[
                    "جدة 5 محرم 1437 هـ الموافق 18 أكتوبر 2015 م واس",
                    "رحب المجلس بالقرار.",
                ],
            ),
            (
                "القاهرة - رويترز: قال مسؤول.",
                &["القاهرة - رويترز:", "قال مسؤول."],
            ),
        ];
        for (raw, want) in cases {
            assert_eq!(split(raw), *want, "{raw}");
        }
    }

    #[test]
    fn sentences_cover_tokens_in_order() {
        let raw = "أولا. ثانيا؟\nثالثا";
        let toks = crate::tokenize(raw);
        let s = split_sentences(raw, &toks);
        let mut next = 0;
        for sent in &s {
            assert_eq!(sent.tokens.start, next);
            next = sent.tokens.end;
            assert_eq!(sent.span.start, toks.tokens[sent.tokens.start].span.start);
            assert_eq!(sent.span.end, toks.tokens[sent.tokens.end - 1].span.end);
        }
        assert_eq!(next, toks.len());
    }

    #[test]
    fn line_breaks() {
        assert_eq!(
            split("عنوان\n\nنص أول\nنص ثان"),
            ["عنوان", "نص أول", "نص ثان"]
        );
        assert!(split("").is_empty());
    }
}
