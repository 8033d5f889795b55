//! Character normalization for Arabic news text.
//!
//! Two keys are derived from every character of the raw text:
//!
//! * the **exact key** ([`norm_char`]): tashkeel (U+064B–U+065F, U+0670), tatweel (U+0640),
//!   bidi and zero-width marks are removed; alef forms (أ إ آ ٱ) become ا; Arabic-Indic
//!   (٠–٩) and Persian (۰–۹) digits become ASCII; Arabic punctuation (، ؛ ؟) and quotes
//!   (« » “ ” „) become their ASCII counterparts; Persian ک/ی become ك/ي.
//! * the **folded key** ([`fold_char`]): the exact key with the letters that Arabic
//!   writers interchange folded together for matching: ى → ي, ة → ه, ؤ → و, ئ → ي.
//!
//! Both functions map one raw `char` to zero or one output `char`, so offsets move only
//! where a character is removed; [`Normalized`] records that movement byte by byte.

/// Returns true for characters that normalization removes: tashkeel, superscript alef,
/// tatweel, bidi controls, zero-width characters and the byte-order mark.
#[inline]
pub fn is_ignorable(c: char) -> bool {
    matches!(c,
        '\u{064B}'..='\u{065F}' | '\u{0670}' | '\u{0640}' | '\u{06D6}'..='\u{06ED}'
        | '\u{200B}'..='\u{200F}' | '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}'
        | '\u{061C}' | '\u{FEFF}' | '\u{00AD}')
}

/// The exact key of one character: `None` when the character is removed
/// ([`is_ignorable`]), else the character with alef forms unified, digits in ASCII and
/// Arabic punctuation and quotes in their ASCII forms.
#[inline]
pub fn norm_char(c: char) -> Option<char> {
    if (c as u32) < 0x80 {
        return Some(c);
    }
    if is_ignorable(c) {
        return None;
    }
    Some(match c {
        'أ' | 'إ' | 'آ' | 'ٱ' | 'ٲ' | 'ٳ' => 'ا',
        '\u{0660}'..='\u{0669}' => char::from(b'0' + (c as u32 - 0x0660) as u8),
        '\u{06F0}'..='\u{06F9}' => char::from(b'0' + (c as u32 - 0x06F0) as u8),
        '،' => ',',
        '؛' => ';',
        '؟' => '?',
        '٪' => '%',
        '«' | '»' | '“' | '”' | '„' | '″' => '"',
        '‘' | '’' | '‚' => '\'',
        'ک' => 'ك',
        'ی' | 'ې' => 'ي',
        '\u{00A0}' | '\u{2000}'..='\u{200A}' | '\u{202F}' | '\u{205F}' | '\u{3000}' => ' ',
        _ => c,
    })
}

/// The folded key of one character: [`norm_char`] followed by ى → ي, ة → ه, ؤ → و, ئ → ي.
#[inline]
pub fn fold_char(c: char) -> Option<char> {
    norm_char(c).map(|c| match c {
        'ى' => 'ي',
        'ة' => 'ه',
        'ؤ' => 'و',
        'ئ' => 'ي',
        _ => c,
    })
}

/// Folds a whole string (a lexicon entry, a query) to its folded key; whitespace runs
/// become one ASCII space and the result is trimmed.
pub fn fold(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars().filter_map(fold_char) {
        if c.is_whitespace() {
            if !out.is_empty() && !out.ends_with(' ') {
                out.push(' ');
            }
        } else {
            out.push(c);
        }
    }
    while out.ends_with(' ') {
        out.pop();
    }
    out
}

/// A normalized copy of a text with a map back to the raw bytes.
///
/// `map[i]` is the raw byte offset of the character that produced normalized byte `i`;
/// `map[text.len()]` is the raw length. For any normalized range `a..b` on char
/// boundaries, [`Normalized::raw_span`] gives the raw range it came from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Normalized {
    /// The normalized text (folded or exact, as built).
    pub text: String,
    map: Vec<u32>,
}

impl Normalized {
    /// Builds the folded text of `raw` (see [`fold_char`]) with its offset map.
    ///
    /// # Panics
    /// Never for texts under 4 GiB; longer texts are not supported (offsets are `u32`).
    pub fn folded(raw: &str) -> Normalized {
        Self::build(raw, fold_char)
    }

    /// Builds the exact-key text of `raw` (see [`norm_char`]) with its offset map.
    pub fn exact(raw: &str) -> Normalized {
        Self::build(raw, norm_char)
    }

    fn build(raw: &str, f: fn(char) -> Option<char>) -> Normalized {
        let mut text = String::with_capacity(raw.len());
        let mut map = Vec::with_capacity(raw.len() + 1);
        for (i, c) in raw.char_indices() {
            if let Some(n) = f(c) {
                text.push(n);
                map.resize(text.len(), i as u32);
            }
        }
        map.push(raw.len() as u32);
        Normalized { text, map }
    }

    /// The raw byte range that produced the normalized byte range `start..end`.
    /// `end` maps to the raw end of the last kept character, so removed marks that
    /// follow it (diacritics on the last letter) are included.
    pub fn raw_span(&self, start: usize, end: usize) -> crate::Span {
        let s = self.map[start] as usize;
        let e = if end == 0 { s } else { self.raw_end_of(end) };
        crate::Span::new(s, e.max(s))
    }

    fn raw_end_of(&self, end: usize) -> usize {
        // the raw start of the next kept character, or the raw length
        self.map[end] as usize
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn folds_letters_marks_digits() {
        assert_eq!(fold("وزيرَ الدفاعِ التركيَّ"), "وزير الدفاع التركي");
        assert_eq!(fold("أنقرة"), "انقره");
        assert_eq!(fold("إسطنبول"), "اسطنبول");
        assert_eq!(fold("مؤتمر"), "موتمر");
        assert_eq!(fold("رئيس"), "رييس");
        assert_eq!(fold("مصطفى"), "مصطفي");
        assert_eq!(fold("٢٠٢٥ ۱۴"), "2025 14");
        assert_eq!(fold("«حماس»، ؟"), "\"حماس\", ?");
        assert_eq!(fold("الســـلام"), "السلام");
        assert_eq!(fold("  a\u{200F}b  c "), "ab c");
    }

    #[test]
    fn exact_key_keeps_taa_and_yaa() {
        let n = Normalized::exact("مُصطفى أنقرة");
        assert_eq!(n.text, "مصطفى انقرة");
    }

    #[test]
    fn offset_map_points_back_to_raw() {
        let raw = "وزيرَ الدفاعِ";
        let n = Normalized::folded(raw);
        assert_eq!(n.text, "وزير الدفاع");
        let start = n.text.find("الدفاع").unwrap();
        let sp = n.raw_span(start, n.text.len());
        assert_eq!(&raw[sp.range()], "الدفاعِ");
        let sp = n.raw_span(0, "وزير".len());
        assert_eq!(&raw[sp.range()], "وزيرَ");
    }
}
