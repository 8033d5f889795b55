//! Tokenization: words, numbers and punctuation, each with its raw span and its exact
//! and folded keys.
//!
//! A word is a maximal run of letters (Arabic or other scripts) together with the marks
//! that [`is_ignorable`](crate::normalize::is_ignorable) removes (diacritics, tatweel,
//! zero-width characters), so `وزيرَ` is one token whose span covers the fatha. A number is
//! a run of digits (any script) with inner `.`/`,`/`٫`/`٬` between digits (`10.5`,
//! `1,000`). Every other non-space character is a punctuation token of its own.
//! Keys are stored in one buffer per [`Tokens`], so tokenizing allocates O(1) times per
//! document, not per token.

use crate::normalize::{fold_char, is_ignorable, norm_char};
use crate::Span;

/// What a token is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, serde::Serialize)]
#[serde(rename_all = "lowercase")]
pub enum TokenKind {
    /// A run of letters.
    Word,
    /// A run of digits, possibly with an inner decimal or thousands separator.
    Number,
    /// One punctuation or symbol character.
    Punct,
}

/// One token: a view into the raw text plus the location of its keys in [`Tokens::keys`].
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Token {
    /// Half-open byte range of the token in the raw text.
    pub span: Span,
    /// Kind of token.
    pub kind: TokenKind,
    norm: (u32, u32),
    fold: (u32, u32),
}

/// The tokens of a text and the buffer that holds their keys.
#[derive(Debug, Clone, Default)]
pub struct Tokens {
    /// Tokens in text order; spans are non-overlapping and increasing.
    pub tokens: Vec<Token>,
    keys: String,
}

impl Tokens {
    /// The exact key of token `i` (see [`norm_char`]).
    ///
    /// # Panics
    /// If `i` is out of range.
    pub fn norm(&self, i: usize) -> &str {
        let (a, b) = self.tokens[i].norm;
        &self.keys[a as usize..b as usize]
    }

    /// The folded key of token `i` (see [`fold_char`]).
    ///
    /// # Panics
    /// If `i` is out of range.
    pub fn fold(&self, i: usize) -> &str {
        let (a, b) = self.tokens[i].fold;
        &self.keys[a as usize..b as usize]
    }

    /// Number of tokens.
    pub fn len(&self) -> usize {
        self.tokens.len()
    }

    /// True when there are no tokens.
    pub fn is_empty(&self) -> bool {
        self.tokens.is_empty()
    }

    /// Index of the first token whose span starts at or after byte `offset`.
    pub fn index_at(&self, offset: usize) -> usize {
        self.tokens.partition_point(|t| t.span.start < offset)
    }
}

#[derive(PartialEq, Eq, Clone, Copy)]
enum Class {
    Letter,
    Digit,
    Mark,
    Space,
    Other,
}

#[inline]
fn class(c: char) -> Class {
    if c.is_whitespace() || matches!(c, '\u{00A0}' | '\u{202F}') {
        Class::Space
    } else if is_ignorable(c) {
        Class::Mark
    } else if c.is_ascii_digit()
        || ('\u{0660}'..='\u{0669}').contains(&c)
        || ('\u{06F0}'..='\u{06F9}').contains(&c)
    {
        Class::Digit
    } else if c.is_alphabetic() {
        Class::Letter
    } else {
        Class::Other
    }
}

/// Splits `raw` into tokens.
///
/// Returns [`Tokens`] whose spans satisfy `&raw[t.span.range()]` = the surface form.
/// Runs in one pass, linear in `raw.len()`; never panics.
///
/// ```
/// let raw = "زارَ الوزيرُ أنقرة في 10.5";
/// let toks = rasid_text::tokenize(raw);
/// let surface: Vec<&str> = toks.tokens.iter().map(|t| &raw[t.span.range()]).collect();
/// assert_eq!(surface, ["زارَ", "الوزيرُ", "أنقرة", "في", "10.5"]);
/// assert_eq!(toks.fold(2), "انقره");
/// assert_eq!(toks.norm(2), "انقرة");
/// ```
pub fn tokenize(raw: &str) -> Tokens {
    let mut tokens = Vec::with_capacity(raw.len() / 6 + 1);
    let mut keys = String::with_capacity(raw.len() * 2);
    let bytes = raw.as_bytes();
    let mut it = raw.char_indices().peekable();
    while let Some((start, c)) = it.next() {
        let kind = match class(c) {
            Class::Space | Class::Mark => continue,
            Class::Letter => TokenKind::Word,
            Class::Digit => TokenKind::Number,
            Class::Other => TokenKind::Punct,
        };
        let mut end = start + c.len_utf8();
        if kind != TokenKind::Punct {
            while let Some(&(i, n)) = it.peek() {
                let k = class(n);
                let cont = match kind {
                    TokenKind::Word => k == Class::Letter || k == Class::Mark,
                    _ => {
                        k == Class::Digit
                            || (matches!(n, '.' | ',' | '٫' | '٬')
                                && next_is_digit(bytes, raw, i + n.len_utf8()))
                    }
                };
                if !cont {
                    break;
                }
                end = i + n.len_utf8();
                it.next();
            }
        }
        let surface = &raw[start..end];
        let n0 = keys.len() as u32;
        keys.extend(surface.chars().filter_map(norm_char));
        let n1 = keys.len() as u32;
        keys.extend(surface.chars().filter_map(fold_char));
        let f1 = keys.len() as u32;
        tokens.push(Token {
            span: Span::new(start, end),
            kind,
            norm: (n0, n1),
            fold: (n1, f1),
        });
    }
    Tokens { tokens, keys }
}

fn next_is_digit(bytes: &[u8], raw: &str, at: usize) -> bool {
    if at >= bytes.len() {
        return false;
    }
    raw[at..]
        .chars()
        .next()
        .is_some_and(|c| class(c) == Class::Digit)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn surfaces(raw: &str) -> Vec<(&str, TokenKind)> {
        tokenize(raw)
            .tokens
            .iter()
            .map(|t| (&raw[t.span.range()], t.kind))
            .collect()
    }

    #[test]
    fn words_numbers_punct() {
        use TokenKind::*;
        assert_eq!(
            surfaces("قال: «نعم»، 1,000 و10.5."),
            [
                ("قال", Word),
                (":", Punct),
                ("«", Punct),
                ("نعم", Word),
                ("»", Punct),
                ("،", Punct),
                ("1,000", Number),
                ("و", Word),
                ("10.5", Number),
                (".", Punct)
            ]
        );
    }

    #[test]
    fn marks_stay_inside_words() {
        let raw = "مؤشرًا الســلام\u{200F}";
        let t = tokenize(raw);
        assert_eq!(&raw[t.tokens[0].span.range()], "مؤشرًا");
        assert_eq!(t.fold(0), "موشرا");
        assert_eq!(t.fold(1), "السلام");
        assert_eq!(t.len(), 2);
    }

    #[test]
    fn arabic_indic_digits() {
        let raw = "عام ٢٠٢٥";
        let t = tokenize(raw);
        assert_eq!(t.tokens[1].kind, TokenKind::Number);
        assert_eq!(t.norm(1), "2025");
    }

    #[test]
    fn empty_and_spaces() {
        assert!(tokenize("").is_empty());
        assert!(tokenize(" \n\t ").is_empty());
    }
}
