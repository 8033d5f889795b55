//! Property tests: on arbitrary Unicode text the whole text layer never panics, and every
//! span it reports is on char boundaries, inside the text, in order and non-overlapping.
//! The fast key paths are checked against the reference character functions.

use proptest::prelude::*;
use rasid_text::{
    boilerplate_spans, content_spans, find_dateline, fold_char, fold_prefix_to_raw, norm_char,
    split_sentences, tokenize, Normalized, Span,
};

/// Characters news text is made of, and the ones that break naive code: Arabic letters,
/// tashkeel, tatweel, Arabic-Indic and Persian digits, Arabic punctuation, quotes, bidi and
/// zero-width controls, white space of every kind, Latin, emoji and other planes.
fn text() -> impl Strategy<Value = String> {
    let ch = prop_oneof![
        4 => prop::char::range('\u{0621}', '\u{064A}'),
        2 => prop::char::range('\u{064B}', '\u{0670}'),
        1 => prop::char::range('\u{0660}', '\u{0669}'),
        1 => prop::char::range('\u{06F0}', '\u{06F9}'),
        1 => prop::char::range('\u{0600}', '\u{06FF}'),
        1 => prop::char::range('\u{0750}', '\u{077F}'),
        1 => prop::char::range('\u{FB50}', '\u{FEFF}'),
        2 => prop::sample::select(vec![
            ' ', ' ', '\n', '\t', '\r', '\u{A0}', '\u{202F}', '\u{2003}', '.', '!', '?', '؟',
            '؛', '،', ':', '-', '–', '/', '(', ')', '«', '»', '“', '”', '"', '\'', '…', 'ـ',
            '\u{200B}', '\u{200C}', '\u{200D}', '\u{200E}', '\u{200F}', '\u{202A}', '\u{202E}',
            '\u{2066}', '\u{2069}', '\u{061C}', '\u{FEFF}', '\u{AD}', '0', '5', '9', ',',
        ]),
        1 => prop::char::range('a', 'z'),
        1 => any::<char>(),
    ];
    let words = prop::sample::select(vec![
        "واس",
        "رويترز",
        "اف ب",
        "الشرق الأوسط",
        " - ",
        ": ",
        "(",
        ")",
        "«",
        "»",
        "الرياض ",
        "25 شوال 1436 هـ",
        "// انتهى //",
        "\n20:26 ت م",
        "...المزيد",
        "سمات ",
        "أضف تعليق",
        "\n",
        ". ",
        "ج. و. ",
        "10.5",
        "1,000",
    ])
    .prop_map(str::to_string);
    prop::collection::vec(
        prop_oneof![3 => ch.prop_map(String::from), 1 => words],
        0..120,
    )
    .prop_map(|v| v.concat())
}

fn check_spans(raw: &str, spans: &[Span], what: &str) {
    let mut prev_end = 0;
    for s in spans {
        assert!(s.start <= s.end, "{what}: {s:?} reversed in {raw:?}");
        assert!(s.end <= raw.len(), "{what}: {s:?} outside {raw:?}");
        assert!(
            s.start >= prev_end,
            "{what}: {s:?} overlaps or out of order in {raw:?}"
        );
        assert!(
            raw.is_char_boundary(s.start) && raw.is_char_boundary(s.end),
            "{what}: {s:?} not on char boundaries in {raw:?}"
        );
        prev_end = s.end;
    }
}

fn pipeline(raw: &str) {
    let toks = tokenize(raw);
    let spans: Vec<Span> = toks.tokens.iter().map(|t| t.span).collect();
    check_spans(raw, &spans, "token");
    for (i, t) in toks.tokens.iter().enumerate() {
        assert!(!t.span.is_empty());
        let s = &raw[t.span.range()];
        // (a lam-alef ligature keys as its two letters)
        let letters = || {
            s.chars().flat_map(|c| {
                rasid_text::normalize::lam_alef(c).map_or_else(|| vec![c], |p| p.to_vec())
            })
        };
        let norm: String = letters().filter_map(norm_char).collect();
        let fold: String = letters().filter_map(fold_char).collect();
        assert_eq!(toks.norm(i), norm, "exact key of {s:?}");
        assert_eq!(toks.fold(i), fold, "folded key of {s:?}");
        // fold_prefix_to_raw gives a boundary for every prefix length
        for k in 0..=fold.len() {
            let r = fold_prefix_to_raw(s, k);
            assert!(r <= s.len() && s.is_char_boundary(r), "{s:?} {k} -> {r}");
        }
    }

    let sents = split_sentences(raw, &toks);
    let spans: Vec<Span> = sents.iter().map(|s| s.span).collect();
    check_spans(raw, &spans, "sentence");
    let mut next = 0;
    for s in &sents {
        assert_eq!(s.tokens.start, next, "sentences must cover the tokens");
        assert!(s.tokens.end > s.tokens.start);
        next = s.tokens.end;
    }
    assert_eq!(next, toks.len());

    if let Some(d) = find_dateline(raw, &toks) {
        check_spans(raw, &[d.span], "dateline");
        let mut parts: Vec<Span> = [d.place, d.date, d.agency].into_iter().flatten().collect();
        parts.sort();
        check_spans(raw, &parts, "dateline part");
        for p in parts {
            assert!(
                d.span.start <= p.start && p.end <= d.span.end,
                "part outside dateline"
            );
        }
        // a dateline ends a unit
        assert!(sents.iter().any(|s| s.span.end == d.span.end));
    }

    let b = boilerplate_spans(raw);
    check_spans(raw, &b, "boilerplate");
    let c = content_spans(raw);
    check_spans(raw, &c, "content");
    for s in b.iter().chain(&c) {
        assert!(!s.is_empty());
    }

    // the normalized text and its map against the reference
    for fold in [true, false] {
        let n = if fold {
            Normalized::folded(raw)
        } else {
            Normalized::exact(raw)
        };
        let f = if fold { fold_char } else { norm_char };
        let mut reference = String::new();
        let mut map = Vec::new();
        for (i, c) in raw.char_indices() {
            if let Some(k) = f(c) {
                reference.push(k);
                map.resize(reference.len(), i);
            }
        }
        map.push(raw.len());
        assert_eq!(n.text, reference);
        let bounds: Vec<usize> = (0..=n.text.len())
            .filter(|&p| n.text.is_char_boundary(p))
            .collect();
        for &p in &bounds {
            assert_eq!(n.raw_offset(p), map[p], "raw_offset({p}) in {raw:?}");
            let sp = n.raw_span(p, n.text.len());
            assert!(raw.is_char_boundary(sp.start) && raw.is_char_boundary(sp.end));
        }
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 512, ..ProptestConfig::default() })]

    #[test]
    fn never_panics_and_spans_are_sound(raw in text()) {
        pipeline(&raw);
    }

    #[test]
    fn any_unicode(raw in any::<String>()) {
        pipeline(&raw);
    }

    #[test]
    fn fold_prefix_to_raw_is_a_boundary(raw in text(), k in 0usize..400) {
        let r = fold_prefix_to_raw(&raw, k);
        prop_assert!(r <= raw.len() && raw.is_char_boundary(r));
    }

    #[test]
    fn decode_agrees_with_std(bytes in prop::collection::vec(any::<u8>(), 0..64)) {
        match rasid_text::decode(&bytes, false) {
            Ok((text, w)) => {
                prop_assert!(w.is_empty());
                let body = bytes.strip_prefix(b"\xEF\xBB\xBF".as_slice()).unwrap_or(&bytes);
                prop_assert_eq!(text.as_bytes(), body);
            }
            Err(e) => {
                prop_assert!(e.offset < bytes.len());
                let (lossy, w) = rasid_text::decode(&bytes, true).unwrap();
                let replaced = lossy.contains('\u{FFFD}');
                prop_assert!(replaced);
                let first = matches!(w[..], [rasid_text::Warning::InvalidUtf8 { offset, .. }] if offset == e.offset);
                prop_assert!(first);
            }
        }
    }
}

/// Found by `never_panics_and_spans_are_sound`: a dateline ending in the first dot of
/// `...` was swallowed by the sentence that took the other dots.
#[test]
fn a_dateline_ending_in_an_ellipsis_ends_a_unit() {
    pipeline("ء٠الشرق الأوسط...المزيد");
}
