//! Sentence splitting for Arabic news.
//!
//! A sentence ends at `.` `!` `?` `؟` `؛` (and runs of them, such as an ellipsis), taking
//! any closing quotes or brackets that follow, and at every line break. A period does not
//! end a sentence after a one-letter abbreviation or initial (`د.` `أ.` `م.` `ص.` `J.`);
//! decimal numbers (`10.5`) are single tokens and never split.

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

fn is_closer(s: &str) -> bool {
    matches!(
        s,
        "\"" | "»" | "”" | "’" | "'" | ")" | "]" | "}" | "﴿" | "﴾"
    )
}

/// Splits the tokenized `raw` text into sentences.
///
/// Returns sentences in order; every token belongs to exactly one sentence; spans are
/// `start of first token .. end of last token`. Linear in the number of tokens.
///
/// ```
/// let raw = "زار د. أحمد أنقرة. ثم عاد!\nعنوان آخر";
/// let toks = rasid_text::tokenize(raw);
/// let s: Vec<&str> = rasid_text::split_sentences(raw, &toks).iter().map(|s| &raw[s.span.range()]).collect();
/// assert_eq!(s, ["زار د. أحمد أنقرة.", "ثم عاد!", "عنوان آخر"]);
/// ```
pub fn split_sentences(raw: &str, toks: &Tokens) -> Vec<Sentence> {
    let t = &toks.tokens;
    let mut out = Vec::new();
    let mut start = 0;
    let mut i = 0;
    while i < t.len() {
        let surface = &raw[t[i].span.range()];
        let mut end_here = false;
        if t[i].kind == TokenKind::Punct && is_terminal(surface) {
            let abbreviation = surface == "."
                && i > 0
                && t[i - 1].kind == TokenKind::Word
                && t[i - 1].span.end == t[i].span.start
                && toks.fold(i - 1).chars().nth(1).is_none()
                && (i < 2 || t[i - 2].span.end < t[i - 1].span.start);
            if !abbreviation {
                while i + 1 < t.len() {
                    let next = &raw[t[i + 1].span.range()];
                    if t[i + 1].kind == TokenKind::Punct && (is_terminal(next) || is_closer(next)) {
                        i += 1;
                    } else {
                        break;
                    }
                }
                end_here = true;
            }
        }
        if !end_here && i + 1 < t.len() && raw[t[i].span.end..t[i + 1].span.start].contains('\n') {
            end_here = true;
        }
        if end_here || i + 1 == t.len() {
            out.push(Sentence {
                span: Span::new(t[start].span.start, t[i].span.end),
                tokens: start..i + 1,
            });
            start = i + 1;
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
    fn line_breaks() {
        assert_eq!(
            split("عنوان\n\nنص أول\nنص ثان"),
            ["عنوان", "نص أول", "نص ثان"]
        );
        assert!(split("").is_empty());
    }
}
