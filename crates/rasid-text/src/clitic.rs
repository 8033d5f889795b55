//! Clitic segmentation: proclitics (و ف ب ل ك س, ال after لل) and enclitics (ه ها هم هما
//! هن ك كم كما نا) split off a folded word.
//!
//! Splitting is dictionary-driven, in the manner of tantivy's compound-word splitter: a
//! word is split only when the remaining stem is known to a [`StemLexicon`], and a word
//! that is itself known is never split (`بغداد` and `بلجيكا` stay whole; `وبغداد` → و +
//! بغداد; `لتركيا` → ل + تركيا; `وزيارته` → و + زيارة + ه). Without a lexicon, the only
//! rule-based split is a conjunction or preposition before the article (`والحكومة` → و +
//! الحكومة, `للحكومة` → ل + الحكومة) when at least three letters follow `ال`.
//!
//! All lengths are byte lengths in the **folded** key; use
//! [`fold_prefix_to_raw`](crate::fold_prefix_to_raw) to map a split back to raw bytes.

/// Source of known stems (folded keys), implemented by the lexicon layer.
pub trait StemLexicon {
    /// True when `stem` (a folded key, see [`fold`](crate::fold)) is a known word.
    fn contains_stem(&self, stem: &str) -> bool;
}

/// A lexicon that knows no stems: only the rule-based splits apply.
impl StemLexicon for () {
    fn contains_stem(&self, _: &str) -> bool {
        false
    }
}

/// One way of reading a folded word as proclitics + stem + enclitic.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Candidate {
    /// Bytes of the folded word taken by proclitics (0 when none).
    pub prefix: usize,
    /// Bytes of the folded word taken by the enclitic (0 when none).
    pub suffix: usize,
    /// The stem as a folded key. It may differ from `word[prefix..len - suffix]`: after
    /// `لل` the stem regains its article (`للحكومه` → `الحكومه`), and a stem-final ت
    /// before an enclitic is restored to ة, folded ه (`زيارته` → `زياره`).
    pub stem: String,
    /// True when the reading starts with the future prefix س (`سيزور`).
    pub future: bool,
}

/// Proclitic sequences in folded form, with the article they imply.
/// (`لل` is ل + ال whose alef is dropped in writing.)
const PROCLITICS: [(&str, bool); 14] = [
    ("و", false),
    ("ف", false),
    ("ب", false),
    ("ل", false),
    ("ك", false),
    ("وب", false),
    ("ول", false),
    ("وك", false),
    ("فب", false),
    ("فل", false),
    ("فك", false),
    ("لل", true),
    ("ولل", true),
    ("فلل", true),
];

/// Future-marking proclitic sequences; valid only before an imperfect verb prefix.
const FUTURE: [&str; 3] = ["س", "وس", "فس"];

/// Enclitic pronouns in folded form, longest first.
const ENCLITICS: [&str; 9] = ["هما", "كما", "هم", "هن", "ها", "كم", "نا", "ه", "ك"];

/// The shortest stem, in characters, that a split may leave.
const MIN_STEM_CHARS: usize = 2;

/// Every reading of the folded word `word`, the unsplit word first, then by increasing
/// number of clitics. Stems shorter than two letters are not produced.
///
/// ```
/// use rasid_text::clitic::candidates;
/// let stems: Vec<String> = candidates("ولتركيا").into_iter().map(|c| c.stem).collect();
/// assert!(stems.contains(&"تركيا".to_string()));
/// assert_eq!(stems[0], "ولتركيا");
/// ```
pub fn candidates(word: &str) -> Vec<Candidate> {
    let mut out = Vec::with_capacity(8);
    candidates_into(word, &mut out);
    out
}

/// Like [`candidates`], appending to `out` (which is cleared first) to reuse its buffer.
pub fn candidates_into(word: &str, out: &mut Vec<Candidate>) {
    out.clear();
    let mut buf = String::new();
    for_each_reading(word, &mut buf, &mut |r| {
        out.push(Candidate {
            prefix: r.prefix,
            suffix: r.suffix,
            stem: r.stem.to_string(),
            future: r.future,
        })
    });
    // the unsplit reading first, then fewest clitics
    if out.len() > 1 {
        out[1..].sort_by_key(|c| (c.prefix > 0) as u8 + (c.suffix > 0) as u8);
    }
}

/// The proclitic sequence `p` (folded) as a static string, for callers that keep it:
/// one of the sequences this module splits off, or `""` for anything else.
pub fn proclitic_str(p: &str) -> &'static str {
    proclitic(p).map_or("", |p| p.text)
}

/// A proclitic sequence as [`for_each_reading`] splits it off.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Proclitic {
    /// The sequence, folded (`ول`, `لل`, `س`).
    pub text: &'static str,
    /// Position in the order [`candidates`] tries sequences (1 for the first; the unsplit
    /// word is 0), for callers that order readings the same way.
    pub rank: u8,
    /// True when the sequence implies an article the stem regains (`لل` → stem `ال…`).
    pub article: bool,
    /// True for the future prefix س (valid only before ي ت ن ا).
    pub future: bool,
}

/// The proclitic sequence `p` (folded), or `None` when `p` is not one this module splits
/// off. The empty string is not a sequence.
///
/// ```
/// use rasid_text::clitic::proclitic;
/// assert!(proclitic("ولل").unwrap().article);
/// assert!(proclitic("س").unwrap().future);
/// assert_eq!(proclitic("زي"), None);
/// ```
pub fn proclitic(p: &str) -> Option<Proclitic> {
    // compared as packed integers: this runs for every lexicon hit inside a word
    let key = pack(p)?;
    if let Some(i) = PROCLITIC_KEYS.iter().position(|&k| k == key) {
        let (text, article) = PROCLITICS[i];
        return Some(Proclitic {
            text,
            rank: i as u8 + 1,
            article,
            future: false,
        });
    }
    FUTURE_KEYS
        .iter()
        .position(|&k| k == key)
        .map(|i| Proclitic {
            text: FUTURE[i],
            rank: (PROCLITICS.len() + i) as u8 + 1,
            article: false,
            future: true,
        })
}

/// The bytes of a short string (at most 7) as one integer, its length in the top byte.
const fn pack(s: &str) -> Option<u64> {
    let b = s.as_bytes();
    if b.len() > 7 {
        return None;
    }
    let mut k = (b.len() as u64) << 56;
    let mut i = 0;
    while i < b.len() {
        k |= (b[i] as u64) << (8 * i);
        i += 1;
    }
    Some(k)
}

const fn pack_all<const N: usize>(items: [&str; N]) -> [u64; N] {
    let mut out = [0; N];
    let mut i = 0;
    while i < N {
        out[i] = match pack(items[i]) {
            Some(k) => k,
            None => panic!("clitic longer than 7 bytes"),
        };
        i += 1;
    }
    out
}

const PROCLITIC_KEYS: [u64; 14] = {
    let mut texts = [""; 14];
    let mut i = 0;
    while i < 14 {
        texts[i] = PROCLITICS[i].0;
        i += 1;
    }
    pack_all(texts)
};
const FUTURE_KEYS: [u64; 3] = pack_all([FUTURE[0], FUTURE[1], FUTURE[2]]);
const ENCLITIC_KEYS: [u64; 9] = pack_all([
    ENCLITICS[0],
    ENCLITICS[1],
    ENCLITICS[2],
    ENCLITICS[3],
    ENCLITICS[4],
    ENCLITICS[5],
    ENCLITICS[6],
    ENCLITICS[7],
    ENCLITICS[8],
]);

/// The longest proclitic sequence, in bytes (folded).
pub const MAX_PROCLITIC_BYTES: usize = 6;

/// The longest enclitic pronoun, in bytes (folded).
pub const MAX_ENCLITIC_BYTES: usize = 6;

/// Position of the enclitic pronoun `s` (folded) in the order [`candidates`] tries them
/// (1 for the first), or `None` when `s` is not an enclitic.
///
/// ```
/// assert!(rasid_text::clitic::enclitic_rank("هم").is_some());
/// assert_eq!(rasid_text::clitic::enclitic_rank("ي"), None);
/// ```
pub fn enclitic_rank(s: &str) -> Option<u8> {
    let key = pack(s)?;
    ENCLITIC_KEYS
        .iter()
        .position(|&k| k == key)
        .map(|i| i as u8 + 1)
}

/// One reading of a word, borrowed (see [`for_each_reading`]); the fields mean what they
/// mean in [`Candidate`].
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Reading<'a> {
    /// Bytes of the folded word taken by proclitics.
    pub prefix: usize,
    /// Bytes of the folded word taken by the enclitic.
    pub suffix: usize,
    /// The stem, folded.
    pub stem: &'a str,
    /// True when the reading starts with the future prefix س.
    pub future: bool,
}

/// Calls `f` with every reading of the folded word `word` (the same readings as
/// [`candidates`], in no particular order) without allocating: stems are slices of `word`
/// or of `buf`, which is reused. This is the hot path of lexicon matching.
pub fn for_each_reading(word: &str, buf: &mut String, f: &mut dyn FnMut(Reading<'_>)) {
    emit_body(word, 0, false, false, buf, f);
    // every proclitic sequence starts with one of these letters: skip the table otherwise
    if !word.starts_with(['و', 'ف', 'ب', 'ل', 'ك', 'س']) {
        return;
    }
    for (p, article) in PROCLITICS {
        if word.len() > p.len() && word.starts_with(p) {
            emit_body(word, p.len(), article, false, buf, f);
        }
    }
    for p in FUTURE {
        if let Some(rest) = word.strip_prefix(p) {
            if rest.starts_with(['ي', 'ت', 'ن', 'ا']) {
                emit_body(word, p.len(), false, true, buf, f);
            }
        }
    }
}

fn emit_body(
    word: &str,
    prefix: usize,
    article: bool,
    future: bool,
    buf: &mut String,
    f: &mut dyn FnMut(Reading<'_>),
) {
    let body = &word[prefix..];
    let mut emit =
        |base: &str, suffix: usize, last: Option<char>, f: &mut dyn FnMut(Reading<'_>)| {
            if !article && last.is_none() {
                f(Reading {
                    prefix,
                    suffix,
                    stem: base,
                    future,
                });
            } else {
                buf.clear();
                if article {
                    buf.push_str("ال");
                }
                buf.push_str(base);
                if let Some(c) = last {
                    buf.push(c);
                }
                f(Reading {
                    prefix,
                    suffix,
                    stem: buf,
                    future,
                });
            }
        };
    if body.chars().nth(MIN_STEM_CHARS - 1).is_some() {
        emit(body, 0, None, f);
    }
    // every enclitic ends with one of these letters: skip the table otherwise
    if !body.ends_with(['ه', 'ا', 'م', 'ن', 'ك']) {
        return;
    }
    for enc in ENCLITICS {
        let Some(base) = body.strip_suffix(enc) else {
            continue;
        };
        if base.chars().nth(MIN_STEM_CHARS - 1).is_none() {
            continue;
        }
        let suffix = enc.len();
        emit(base, suffix, None, f);
        if let Some(b) = base.strip_suffix('ت') {
            // taa marbuta written as ت before a pronoun: زيارته → زيارة
            emit(b, suffix, Some('ه'), f);
        }
        if let Some(b) = base.strip_suffix('ا') {
            // final alif maqsura written as alif before a pronoun: التقاه → التقي
            emit(b, suffix, Some('ي'), f);
        }
    }
}

/// The segmentation of a folded word against a stem lexicon: the unsplit word when it is
/// known; else the first known candidate (fewest clitics first); else the rule-based
/// article split; else the unsplit word.
///
/// ```
/// use rasid_text::clitic::{segment, StemLexicon};
/// struct Known;
/// impl StemLexicon for Known {
///     fn contains_stem(&self, s: &str) -> bool { matches!(s, "بغداد" | "زياره" | "تركيا") }
/// }
/// assert_eq!(segment("بغداد", &Known).stem, "بغداد");
/// assert_eq!(segment("وبغداد", &Known).stem, "بغداد");
/// let c = segment("وزيارته", &Known);
/// assert_eq!((c.prefix, c.stem.as_str(), c.suffix), ("و".len(), "زياره", "ه".len()));
/// assert_eq!(segment("والحكومه", &()).stem, "الحكومه");
/// ```
pub fn segment(word: &str, lex: &dyn StemLexicon) -> Candidate {
    let cands = candidates(word);
    let whole = Candidate {
        prefix: 0,
        suffix: 0,
        stem: word.to_string(),
        future: false,
    };
    if lex.contains_stem(word) {
        return whole;
    }
    if let Some(c) = cands.iter().find(|c| lex.contains_stem(&c.stem)) {
        return c.clone();
    }
    cands
        .into_iter()
        .find(|c| {
            c.prefix > 0
                && c.suffix == 0
                && !c.future
                && c.stem.starts_with("ال")
                && c.stem.chars().count() >= 5
        })
        .unwrap_or(whole)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn clitic_byte_limits_hold() {
        let p = PROCLITICS
            .iter()
            .map(|(s, _)| s.len())
            .chain(FUTURE.iter().map(|s| s.len()));
        assert_eq!(p.max(), Some(MAX_PROCLITIC_BYTES));
        assert_eq!(
            ENCLITICS.iter().map(|s| s.len()).max(),
            Some(MAX_ENCLITIC_BYTES)
        );
    }

    struct Known(&'static [&'static str]);
    impl StemLexicon for Known {
        fn contains_stem(&self, s: &str) -> bool {
            self.0.contains(&s)
        }
    }

    #[test]
    fn known_words_stay_whole() {
        let lex = Known(&["بغداد", "بلجيكا", "لبنان", "بيروت"]);
        for w in ["بغداد", "بلجيكا", "لبنان", "بيروت"] {
            assert_eq!(segment(w, &lex).stem, w);
        }
    }

    #[test]
    fn splits_when_stem_known() {
        let lex = Known(&["تركيا", "زياره", "بغداد", "يزور", "التقي", "الدفاع"]);
        let cases = [
            ("لتركيا", "تركيا", 2, 0),
            ("ولتركيا", "تركيا", 4, 0),
            ("وبغداد", "بغداد", 2, 0),
            ("وزيارته", "زياره", 2, 2),
            ("بزيارته", "زياره", 2, 2),
            ("سيزور", "يزور", 2, 0),
            ("والتقاه", "التقي", 2, 2),
            ("للدفاع", "الدفاع", 4, 0),
        ];
        for (w, stem, pre, suf) in cases {
            let c = segment(w, &lex);
            assert_eq!(
                (c.stem.as_str(), c.prefix, c.suffix),
                (stem, pre, suf),
                "{w}"
            );
        }
        assert!(segment("سيزور", &lex).future);
    }

    #[test]
    fn rule_split_before_article_only() {
        assert_eq!(segment("والحكومه", &()).stem, "الحكومه");
        assert_eq!(segment("بالرياض", &()).stem, "الرياض");
        assert_eq!(segment("للحكومه", &()).stem, "الحكومه");
        assert_eq!(segment("وزير", &()).stem, "وزير");
        assert_eq!(segment("بلجيكا", &()).stem, "بلجيكا");
        assert_eq!(segment("وال", &()).stem, "وال");
    }
}
