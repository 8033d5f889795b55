//! Tokenization: words, numbers and punctuation, each with its raw span and its exact
//! and folded keys.
//!
//! A word is a maximal run of letters (Arabic or other scripts) together with the marks
//! that [`is_ignorable`](crate::normalize::is_ignorable) removes (diacritics, tatweel,
//! zero-width characters), so `وزيرَ` is one token whose span covers the fatha. A number is
//! a run of digits (any script) with inner `.`/`,`/`٫`/`٬` between digits (`10.5`,
//! `1,000`). Every other non-space character is a punctuation token of its own.
//! Keys are stored in two buffers per [`Tokens`] (exact and folded), so tokenizing
//! allocates O(1) times per document, not per token.

use crate::normalize::{
    decode_cp, tables, CLASS, DIGIT, FOLD_CHANGES, LETTER, MARK, NORM_CHANGES, OTHER,
};
#[cfg(doc)]
use crate::normalize::{fold_char, norm_char};
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

/// One token: a view into the raw text plus the location of its keys in the key buffers
/// of its [`Tokens`].
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Token {
    /// Half-open byte range of the token in the raw text.
    pub span: Span,
    /// Kind of token.
    pub kind: TokenKind,
    // The folded key has the same byte length as the exact key (folding maps 2-byte
    // letters to 2-byte letters), so one range addresses both buffers.
    key: (u32, u32),
}

/// The tokens of a text and the buffers that hold their keys.
#[derive(Debug, Clone, Default)]
pub struct Tokens {
    /// Tokens in text order; spans are non-overlapping and increasing.
    pub tokens: Vec<Token>,
    norm: String,
    fold: String,
}

impl Tokens {
    /// The exact key of token `i` (see [`norm_char`]).
    ///
    /// # Panics
    /// If `i` is out of range.
    #[inline]
    pub fn norm(&self, i: usize) -> &str {
        let (a, b) = self.tokens[i].key;
        &self.norm[a as usize..b as usize]
    }

    /// The folded key of token `i` (see [`fold_char`]).
    ///
    /// # Panics
    /// If `i` is out of range.
    #[inline]
    pub fn fold(&self, i: usize) -> &str {
        let (a, b) = self.tokens[i].key;
        &self.fold[a as usize..b as usize]
    }

    /// Number of tokens.
    #[inline]
    pub fn len(&self) -> usize {
        self.tokens.len()
    }

    /// True when there are no tokens.
    #[inline]
    pub fn is_empty(&self) -> bool {
        self.tokens.is_empty()
    }

    /// Index of the first token whose span starts at or after byte `offset`.
    pub fn index_at(&self, offset: usize) -> usize {
        self.tokens.partition_point(|t| t.span.start < offset)
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
    let t = tables();
    let bytes = raw.as_bytes();
    let mut tokens = Vec::with_capacity(raw.len() / 8 + 1);
    // Both key buffers start as a copy of the raw text: a token whose keys equal its
    // surface (most of them) points at its own span, and only the keys of the others
    // are appended, at the same offset in both buffers.
    let mut norm = String::with_capacity(raw.len() + raw.len() / 2);
    norm.push_str(raw);
    let mut fold = String::with_capacity(norm.capacity());
    fold.push_str(raw);
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b' ' {
            i += 1;
            continue;
        }
        let (cp, len) = decode_cp(bytes, i);
        let f = t.flags_cp(cp);
        let start = i;
        let mut changes = f;
        i += len;
        let kind = match f & CLASS {
            LETTER => {
                // letters and the marks inside a word
                let (end, ch) = scan_word(bytes, i, t);
                i = end;
                changes |= ch;
                TokenKind::Word
            }
            DIGIT => {
                // digits, and one separator between two digits (10.5, 1,000)
                while i < bytes.len() {
                    let (cp, len) = decode_cp(bytes, i);
                    let f = t.flags_cp(cp);
                    let cont = f & CLASS == DIGIT
                        || (matches!(cp, 0x2E | 0x2C | 0x066B | 0x066C)
                            && i + len < bytes.len()
                            && t.flags_cp(decode_cp(bytes, i + len).0) & CLASS == DIGIT);
                    if !cont {
                        break;
                    }
                    changes |= f;
                    i += len;
                }
                TokenKind::Number
            }
            OTHER => TokenKind::Punct,
            _ => continue,
        };
        let key = if changes & (NORM_CHANGES | FOLD_CHANGES) == 0 {
            (start as u32, i as u32)
        } else {
            let k0 = norm.len() as u32;
            // The exact and folded keys of a character are either both removed or both
            // one character of the same UTF-8 length, so the two buffers stay aligned.
            let mut j = start;
            while j < i {
                let b = bytes[j];
                if b < 0x80 {
                    // ASCII keys are the character itself
                    norm.push(b as char);
                    fold.push(b as char);
                    j += 1;
                    continue;
                }
                let (cp, len) = decode_cp(bytes, j);
                let c = char::from_u32(cp).unwrap_or('\u{FFFD}');
                if let Some(letters) = crate::normalize::lam_alef(c) {
                    for l in letters {
                        norm.push(t.norm(l).unwrap_or(l));
                        fold.push(t.fold(l).unwrap_or(l));
                    }
                } else if let (Some(n), Some(f)) = (t.norm(c), t.fold(c)) {
                    norm.push(n);
                    fold.push(f);
                }
                j += len;
            }
            debug_assert_eq!(norm.len(), fold.len());
            (k0, norm.len() as u32)
        };
        tokens.push(Token {
            span: Span::new(start, i),
            kind,
            key,
        });
    }
    Tokens { tokens, norm, fold }
}

/// The end of the word whose letters continue at byte `i`, and the union of the flags of
/// its characters. Two-byte characters (Arabic and everything below U+0800) take a
/// tight loop of their own.
#[inline(always)]
fn scan_word(bytes: &[u8], mut i: usize, t: &crate::normalize::Tables) -> (usize, u8) {
    let mut changes = 0;
    let n = bytes.len();
    loop {
        while i + 1 < n && bytes[i] & 0xE0 == 0xC0 {
            let cp = ((bytes[i] as u32 & 0x1F) << 6) | (bytes[i + 1] as u32 & 0x3F);
            let f = t.flags_cp(cp);
            // LETTER (0) and MARK (2) continue a word
            if f & (CLASS & !MARK) != 0 {
                return (i, changes);
            }
            changes |= f;
            i += 2;
        }
        if i >= n {
            return (i, changes);
        }
        let (cp, len) = decode_cp(bytes, i);
        let f = t.flags_cp(cp);
        if !matches!(f & CLASS, LETTER | MARK) {
            return (i, changes);
        }
        changes |= f;
        i += len;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_lam_alef_ligature_keys_as_its_two_letters() {
        // اللاجئين in presentation forms, with the final-form ligature ﻼ (U+FEFC)
        let raw = "\u{FE8D}\u{FEDF}\u{FEFC}\u{FE9F}\u{FE8C}\u{FEF4}\u{FEE6} \u{FEFB}";
        let t = tokenize(raw);
        assert_eq!(t.len(), 2);
        assert_eq!(t.fold(0), crate::fold("اللاجئين"));
        assert_eq!(t.norm(1), "لا");
        assert_eq!(&raw[t.tokens[1].span.range()], "\u{FEFB}");
    }

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
