//! Character folding for matching, with a map back to the raw text.
//!
//! The folded text is only used to find and read date expressions; spans are always mapped
//! back to byte offsets in the raw text. Folding (standard practice for Arabic search keys):
//! tashkeel, Quranic marks and tatweel are dropped; bidi and zero-width marks are dropped;
//! أ إ آ ٱ → ا; ى ی ئ → ي; ؤ → و; ة ۀ → ه; ک → ك; Arabic-Indic (٠–٩) and Persian (۰–۹)
//! digits → ASCII; every Unicode space → ' '; dashes → '-'.

/// Folded text plus, for each folded byte, where its char came from in the raw text.
#[derive(Debug, Default)]
pub(crate) struct Folded {
    /// The folded text.
    pub(crate) text: String,
    /// Raw byte offset where the char that produced each folded byte starts.
    starts: Vec<u32>,
    /// The raw text last folded (its length: spans are checked against it).
    raw_len: usize,
}

enum Folding {
    Keep(char),
    /// A combining mark (tashkeel, tatweel): belongs to the char before it.
    DropMark,
    /// A format char (bidi, zero-width): belongs to nothing.
    DropFormat,
}

fn is_mark(c: char) -> bool {
    matches!(c,
        '\u{064B}'..='\u{065F}'
        | '\u{0670}'
        | '\u{0610}'..='\u{061A}'
        | '\u{06D6}'..='\u{06DC}'
        | '\u{06DF}'..='\u{06E4}'
        | '\u{06E7}'
        | '\u{06E8}'
        | '\u{06EA}'..='\u{06ED}'
        | '\u{0640}')
}

fn fold_char(c: char) -> Folding {
    match c {
        c if is_mark(c) => Folding::DropMark,
        '\u{200B}'..='\u{200F}'
        | '\u{202A}'..='\u{202E}'
        | '\u{2066}'..='\u{2069}'
        | '\u{FEFF}'
        | '\u{061C}'
        | '\u{00AD}' => Folding::DropFormat,
        'أ' | 'إ' | 'آ' | 'ٱ' | 'ٲ' | 'ٳ' => Folding::Keep('ا'),
        'ى' | 'ی' | 'ئ' => Folding::Keep('ي'),
        'ؤ' => Folding::Keep('و'),
        'ة' | 'ۀ' => Folding::Keep('ه'),
        'ک' => Folding::Keep('ك'),
        '٠'..='٩' => Folding::Keep(char::from(b'0' + (c as u32 - 0x0660) as u8)),
        '۰'..='۹' => Folding::Keep(char::from(b'0' + (c as u32 - 0x06F0) as u8)),
        '\u{2010}'..='\u{2015}' | '\u{2212}' => Folding::Keep('-'),
        // Arabic letters (the common case) are kept as they are.
        '\u{0621}'..='\u{063A}' | '\u{0641}'..='\u{064A}' => Folding::Keep(c),
        c if c.is_whitespace() => Folding::Keep(' '),
        c => Folding::Keep(c),
    }
}

impl Folded {
    /// Folds `raw` into this buffer, replacing what it held.
    ///
    /// `raw` must be shorter than 4 GiB (the crate folds bounded segments).
    pub(crate) fn fold(&mut self, raw: &str) {
        self.text.clear();
        self.starts.clear();
        self.text.reserve(raw.len());
        self.starts.reserve(raw.len());
        self.raw_len = raw.len();
        let bytes = raw.as_bytes();
        let mut i = 0;
        while i < bytes.len() {
            let b = bytes[i];
            if b < 0x80 {
                // ASCII whitespace other than ' ' folds to ' '.
                let f = if b.is_ascii_whitespace() {
                    ' '
                } else {
                    b as char
                };
                self.text.push(f);
                self.starts.push(i as u32);
                i += 1;
                continue;
            }
            let c = raw[i..].chars().next().expect("i is on a char boundary");
            let len = c.len_utf8();
            if let Folding::Keep(f) = fold_char(c) {
                self.text.push(f);
                for _ in 0..f.len_utf8() {
                    self.starts.push(i as u32);
                }
            }
            i += len;
        }
    }

    /// Maps a half-open folded range (on folded char boundaries, non-empty) of the text last
    /// folded from `raw` to raw bytes. The end extends over combining marks folding dropped
    /// after the last char (so غداً keeps its tanween).
    pub(crate) fn raw_span(&self, raw: &str, start: usize, end: usize) -> std::ops::Range<usize> {
        debug_assert!(start < end && end <= self.text.len() && raw.len() == self.raw_len);
        let last = self.starts[end - 1] as usize;
        let mut chars = raw[last..].chars();
        let mut raw_end = last + chars.next().map_or(0, char::len_utf8);
        for c in chars {
            if !is_mark(c) {
                break;
            }
            raw_end += c.len_utf8();
        }
        self.starts[start] as usize..raw_end
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn folds_and_maps_back() {
        let raw = "غداً، في إبريل ٢٠١٥\u{200F}";
        let mut f = Folded::default();
        f.fold(raw);
        assert_eq!(f.text, "غدا، في ابريل 2015");
        let s = f.text.find("غدا").unwrap();
        assert_eq!(&raw[f.raw_span(raw, s, s + "غدا".len())], "غداً");
        let s = f.text.find("ابريل 2015").unwrap();
        assert_eq!(
            &raw[f.raw_span(raw, s, s + "ابريل 2015".len())],
            "إبريل ٢٠١٥"
        );
    }

    #[test]
    fn tatweel_and_hamza_forms() {
        let mut f = Folded::default();
        f.fold("هـ الأحد إحدى مؤتمر الجمعة ۱۲");
        assert_eq!(f.text, "ه الاحد احدي موتمر الجمعه 12");
    }
}
