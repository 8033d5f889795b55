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
//! Both also fold the letters of Arabic Presentation Forms-B (U+FE80–U+FEF4, text pasted
//! from old PDFs and web pages) to their base letters, as NFKC does, and remove its
//! harakat (U+FE70–U+FE7F). A lam-alef ligature (U+FEF5–U+FEFC) is two letters: the
//! token keys of [`crate::tokenize`] take both ([`lam_alef`]); these two functions and
//! [`Normalized`] leave it whole.
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
        | '\u{061C}' | '\u{FEFF}' | '\u{00AD}'
        // the isolated and medial harakat of Arabic Presentation Forms-B
        | '\u{FE70}'..='\u{FE7F}')
}

/// Base letters of the Arabic Presentation Forms-B letters U+FE80–U+FEF4, in code point
/// order, each with its number of forms (isolated, final, initial, medial), as in the
/// Unicode compatibility decompositions (NFKC) of the block.
const PRESENTATION_FORMS: &[(char, u32)] = &[
    ('ء', 1),
    ('آ', 2),
    ('أ', 2),
    ('ؤ', 2),
    ('إ', 2),
    ('ئ', 4),
    ('ا', 2),
    ('ب', 4),
    ('ة', 2),
    ('ت', 4),
    ('ث', 4),
    ('ج', 4),
    ('ح', 4),
    ('خ', 4),
    ('د', 2),
    ('ذ', 2),
    ('ر', 2),
    ('ز', 2),
    ('س', 4),
    ('ش', 4),
    ('ص', 4),
    ('ض', 4),
    ('ط', 4),
    ('ظ', 4),
    ('ع', 4),
    ('غ', 4),
    ('ف', 4),
    ('ق', 4),
    ('ك', 4),
    ('ل', 4),
    ('م', 4),
    ('ن', 4),
    ('ه', 4),
    ('و', 2),
    ('ى', 2),
    ('ي', 4),
];

/// The two letters of a lam-alef ligature of Presentation Forms-B (U+FEF5–U+FEFC: لآ لأ
/// لإ لا, isolated and final), their NFKC form; `None` for any other character. Token keys
/// ([`crate::tokenize`]) take both letters; [`Normalized`] keeps the ligature (its
/// offset map is one character to one).
pub fn lam_alef(c: char) -> Option<[char; 2]> {
    let alef = match c {
        '\u{FEF5}' | '\u{FEF6}' => 'آ',
        '\u{FEF7}' | '\u{FEF8}' => 'أ',
        '\u{FEF9}' | '\u{FEFA}' => 'إ',
        '\u{FEFB}' | '\u{FEFC}' => 'ا',
        _ => return None,
    };
    Some(['ل', alef])
}

/// The base letter of a presentation-form letter (U+FE80–U+FEF4), its NFKC form; `None`
/// for any other character (the lam-alef ligatures, two letters, are [`lam_alef`]).
pub fn presentation_base(c: char) -> Option<char> {
    let mut cp = (c as u32).checked_sub(0xFE80)?;
    for &(base, n) in PRESENTATION_FORMS {
        if cp < n {
            return Some(base);
        }
        cp -= n;
    }
    None
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
    if let Some(base) = presentation_base(c) {
        return norm_char(base);
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

/// Characters below this code point have their keys precomputed in [`Tables`].
pub(crate) const TABLE_LEN: usize = 0x800;

/// Precomputed [`norm_char`] and [`fold_char`] for the code points below [`TABLE_LEN`]
/// (ASCII, Latin, Greek, Cyrillic, Hebrew, Arabic, Syriac, Arabic Supplement), and
/// per-character flags for the whole Basic Multilingual Plane: the hot paths look
/// these up instead of running the match chains and Unicode property searches for every
/// character.
pub(crate) struct Tables {
    norm: [Option<char>; TABLE_LEN],
    fold: [Option<char>; TABLE_LEN],
    flags: [u8; 0x10000],
}

/// Token class of a character (bits 0–2 of its flags): a letter.
pub(crate) const LETTER: u8 = 0;
/// Token class: a digit (ASCII, Arabic-Indic, Persian).
pub(crate) const DIGIT: u8 = 1;
/// Token class: a character normalization removes ([`is_ignorable`]).
pub(crate) const MARK: u8 = 2;
/// Token class: white space.
pub(crate) const SPACE: u8 = 3;
/// Token class: anything else (punctuation, symbols).
pub(crate) const OTHER: u8 = 4;
/// Mask of the class bits.
pub(crate) const CLASS: u8 = 7;
/// Flag: [`norm_char`] does not return the character itself.
pub(crate) const NORM_CHANGES: u8 = 8;
/// Flag: [`fold_char`] does not return the character itself.
pub(crate) const FOLD_CHANGES: u8 = 16;

/// The reference token class of one character (see [`Tables`]).
fn class(c: char) -> u8 {
    if c.is_whitespace() || matches!(c, '\u{00A0}' | '\u{202F}') {
        SPACE
    } else if is_ignorable(c) {
        MARK
    } else if c.is_ascii_digit()
        || ('\u{0660}'..='\u{0669}').contains(&c)
        || ('\u{06F0}'..='\u{06F9}').contains(&c)
    {
        DIGIT
    } else if c.is_alphabetic() {
        LETTER
    } else {
        OTHER
    }
}

/// The reference flags of one character: class | NORM_CHANGES | FOLD_CHANGES.
fn flags_slow(c: char) -> u8 {
    let mut f = class(c);
    // (a lam-alef ligature changes: its token keys are its two letters)
    if norm_char(c) != Some(c) || lam_alef(c).is_some() {
        f |= NORM_CHANGES;
    }
    if fold_char(c) != Some(c) || lam_alef(c).is_some() {
        f |= FOLD_CHANGES;
    }
    f
}

impl Tables {
    /// The flags of the code point `cp` (a valid `char` value): class and change bits.
    #[inline(always)]
    pub(crate) fn flags_cp(&self, cp: u32) -> u8 {
        match self.flags.get(cp as usize) {
            Some(&f) => f,
            None => flags_slow(char::from_u32(cp).unwrap_or('\u{FFFD}')),
        }
    }

    /// [`norm_char`] by table.
    #[inline(always)]
    pub(crate) fn norm(&self, c: char) -> Option<char> {
        match self.norm.get(c as usize) {
            Some(&n) => n,
            None => norm_char(c),
        }
    }

    /// [`fold_char`] by table.
    #[inline(always)]
    pub(crate) fn fold(&self, c: char) -> Option<char> {
        match self.fold.get(c as usize) {
            Some(&n) => n,
            None => fold_char(c),
        }
    }
}

/// The shared [`Tables`], built on first use from the reference functions, so a table
/// lookup always equals the function it replaces.
pub(crate) fn tables() -> &'static Tables {
    static T: std::sync::OnceLock<Box<Tables>> = std::sync::OnceLock::new();
    T.get_or_init(|| {
        let mut t = Box::new(Tables {
            norm: [None; TABLE_LEN],
            fold: [None; TABLE_LEN],
            flags: [OTHER; 0x10000],
        });
        for cp in 0..0x10000u32 {
            if let Some(c) = char::from_u32(cp) {
                t.flags[cp as usize] = flags_slow(c);
                if (cp as usize) < TABLE_LEN {
                    t.norm[cp as usize] = norm_char(c);
                    t.fold[cp as usize] = fold_char(c);
                }
            }
        }
        t
    })
}

/// Decodes the code point starting at byte `i` of `b` (valid UTF-8, `i` a char boundary)
/// and returns it with its length in bytes.
#[inline(always)]
pub(crate) fn decode_cp(b: &[u8], i: usize) -> (u32, usize) {
    let b0 = b[i] as u32;
    if b0 < 0x80 {
        (b0, 1)
    } else if b0 < 0xE0 {
        (((b0 & 0x1F) << 6) | (b[i + 1] as u32 & 0x3F), 2)
    } else if b0 < 0xF0 {
        (
            ((b0 & 0x0F) << 12) | ((b[i + 1] as u32 & 0x3F) << 6) | (b[i + 2] as u32 & 0x3F),
            3,
        )
    } else {
        (
            ((b0 & 0x07) << 18)
                | ((b[i + 1] as u32 & 0x3F) << 12)
                | ((b[i + 2] as u32 & 0x3F) << 6)
                | (b[i + 3] as u32 & 0x3F),
            4,
        )
    }
}

/// A normalized copy of a text with a map back to the raw bytes.
///
/// Every normalized character comes from one raw character; [`Normalized::raw_span`]
/// maps a normalized byte range (on char boundaries) back to the raw range it came from.
/// The map is stored sparsely: one anchor wherever the distance between normalized and
/// raw offsets changes (a removed mark, a character whose key has another UTF-8 length),
/// so building it costs nothing for text that normalization leaves alone, and a lookup is
/// a binary search over the anchors.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Normalized {
    /// The normalized text (folded or exact, as built).
    pub text: String,
    /// `(normalized offset, raw offset)` pairs, increasing in both; the first is `(0, r)`
    /// with `r` the raw start of the first kept character, the last is
    /// `(text.len(), raw.len())`. Between anchors both offsets advance together.
    anchors: Vec<(u32, u32)>,
}

impl Normalized {
    /// Builds the folded text of `raw` (see [`fold_char`]) with its offset map.
    ///
    /// Linear in `raw.len()`. Offsets are stored as `u32`: texts of 4 GiB or more are not
    /// supported (their offsets would wrap).
    pub fn folded(raw: &str) -> Normalized {
        Self::build(raw, true)
    }

    /// Builds the exact-key text of `raw` (see [`norm_char`]) with its offset map.
    pub fn exact(raw: &str) -> Normalized {
        Self::build(raw, false)
    }

    fn build(raw: &str, fold: bool) -> Normalized {
        let t = tables();
        let change = if fold { FOLD_CHANGES } else { NORM_CHANGES };
        let mut text = String::with_capacity(raw.len());
        let mut anchors: Vec<(u32, u32)> = vec![(0, 0)];
        let bytes = raw.as_bytes();
        // Characters whose key is themselves are copied in runs.
        let mut run = 0;
        let mut i = 0;
        while i < bytes.len() {
            // skip unchanged ASCII and two-byte characters (most of an Arabic text)
            let b = bytes[i];
            if b < 0x80 {
                if t.flags[b as usize] & change == 0 {
                    i += 1;
                    continue;
                }
            } else if b & 0xE0 == 0xC0 && i + 1 < bytes.len() {
                let cp = ((b as usize & 0x1F) << 6) | (bytes[i + 1] as usize & 0x3F);
                if t.flags[cp] & change == 0 {
                    i += 2;
                    continue;
                }
            }
            let (cp, len) = decode_cp(bytes, i);
            if t.flags_cp(cp) & change != 0 {
                text.push_str(&raw[run..i]);
                let c = char::from_u32(cp).unwrap_or('\u{FFFD}');
                let n = if fold { t.fold(c) } else { t.norm(c) };
                let next = i + len;
                match n {
                    Some(n) => {
                        text.push(n);
                        if n.len_utf8() != len {
                            // later characters move by the difference
                            anchors.push((text.len() as u32, next as u32));
                        }
                    }
                    // the next kept character starts after the removed one
                    None => anchors.push((text.len() as u32, next as u32)),
                }
                run = next;
            }
            i += len;
        }
        text.push_str(&raw[run..]);
        anchors.push((text.len() as u32, raw.len() as u32));
        // Of anchors at the same normalized offset the last one holds (removed marks
        // move the next kept character further on).
        anchors.dedup_by(|later, earlier| {
            if later.0 == earlier.0 {
                *earlier = *later;
                true
            } else {
                false
            }
        });
        Normalized { text, anchors }
    }

    /// The raw byte offset of the character that produced normalized byte `pos` (a char
    /// boundary), or the raw length for `pos == text.len()`. Positions past the end are
    /// clamped to the end.
    pub fn raw_offset(&self, pos: usize) -> usize {
        let pos = pos.min(self.text.len()) as u32;
        let k = self.anchors.partition_point(|a| a.0 <= pos) - 1;
        let (n, r) = self.anchors[k];
        (r + (pos - n)) as usize
    }

    /// The raw byte range that produced the normalized byte range `start..end` (both on
    /// char boundaries; positions past the end are clamped). `end` maps to the raw start
    /// of the next kept character (or the raw end), so removed marks that follow the
    /// last kept letter (diacritics on it) are included.
    pub fn raw_span(&self, start: usize, end: usize) -> crate::Span {
        let s = self.raw_offset(start);
        let e = if end == 0 { s } else { self.raw_offset(end) };
        crate::Span::new(s, e.max(s))
    }
}

#[cfg(test)]
mod tests {

    #[test]
    fn presentation_forms_fold_to_base_letters() {
        // issue 16: "ﻃﻴﺮﺍﻥ ﺍﻟﺘﺤﺎﻟﻒ" (presentation forms) gave no match, its NFKC form does
        assert_eq!(fold("ﻃﻴﺮﺍﻥ ﺍﻟﺘﺤﺎﻟﻒ ﺍﻟﻌﺮﺑﻲ"), fold("طيران التحالف العربي"));
        assert_eq!(presentation_base('\u{FE80}'), Some('ء'));
        assert_eq!(presentation_base('\u{FEF4}'), Some('ي'));
        assert_eq!(presentation_base('\u{FEF5}'), None); // lam-alef: two letters
        assert_eq!(lam_alef('\u{FEFB}'), Some(['ل', 'ا']));
        assert_eq!(lam_alef('\u{FEF7}'), Some(['ل', 'أ']));
        assert_eq!(lam_alef('ل'), None);
        assert_eq!(presentation_base('ب'), None);
        // every form agrees with the Unicode name of its block position
        assert_eq!(presentation_base('\u{FE8F}'), Some('ب'));
        assert_eq!(presentation_base('\u{FED5}'), Some('ق'));
        assert_eq!(presentation_base('\u{FEED}'), Some('و'));
        assert_eq!(norm_char('\u{FE83}'), Some('ا')); // أ isolated → ا like أ
        assert_eq!(norm_char('\u{FE76}'), None); // fatha isolated form
    }

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
