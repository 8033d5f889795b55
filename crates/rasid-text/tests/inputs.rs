//! Awkward whole inputs: empty text, text with no Arabic, a 50 MB single line. These
//! check results, not time (the throughput benchmark is `examples/bench_text.rs`); a
//! quadratic path would still show as a test that does not finish.

use rasid_text::{
    boilerplate_spans, content_spans, decode, find_dateline, split_sentences, tokenize, Normalized,
    TokenKind,
};

#[test]
fn empty_text() {
    let raw = "";
    let toks = tokenize(raw);
    assert!(toks.is_empty());
    assert!(split_sentences(raw, &toks).is_empty());
    assert_eq!(find_dateline(raw, &toks), None);
    assert!(boilerplate_spans(raw).is_empty());
    assert!(content_spans(raw).is_empty());
    let n = Normalized::folded(raw);
    assert_eq!(n.text, "");
    assert_eq!(n.raw_span(0, 0), rasid_text::Span::new(0, 0));
    assert_eq!(decode(b"", false).unwrap().0, "");
}

#[test]
fn text_without_arabic() {
    let raw = "Geneva (Reuters) - Talks resumed on Monday. Mr. Smith said 10.5 percent!\nEnd";
    let toks = tokenize(raw);
    let words: Vec<&str> = toks
        .tokens
        .iter()
        .filter(|t| t.kind == TokenKind::Word)
        .map(|t| &raw[t.span.range()])
        .collect();
    assert_eq!(words[..3], ["Geneva", "Reuters", "Talks"]);
    let s: Vec<&str> = split_sentences(raw, &toks)
        .iter()
        .map(|s| &raw[s.span.range()])
        .collect();
    assert_eq!(
        s,
        [
            "Geneva (Reuters) - Talks resumed on Monday.",
            "Mr. Smith said 10.5 percent!",
            "End"
        ]
    );
    // the agency list is Arabic: no dateline is claimed
    assert_eq!(find_dateline(raw, &toks), None);
    assert!(boilerplate_spans(raw).is_empty());
    assert_eq!(Normalized::folded(raw).text, raw);
}

#[test]
fn fifty_megabyte_single_line() {
    // one line, no newline: sentences with diacritics, a dateline at the start and
    // boilerplate at the end
    let unit = "وقّع الوزيرُ اتفاقاً مع نظيره في أنقرة بنسبة 10.5 ";
    let mut raw = String::from("الرياض - واس - ");
    while raw.len() < 50_000_000 {
        raw.push_str(unit);
    }
    raw.push_str("انتهى اللقاء. سمات الرياض أنقرة اتفاق");
    let toks = tokenize(&raw);
    assert!(toks.len() > 5_000_000);
    let last = toks.len() - 1;
    assert_eq!(&raw[toks.tokens[last].span.range()], "اتفاق");
    let d = find_dateline(&raw, &toks).expect("dateline");
    assert_eq!(&raw[d.span.range()], "الرياض - واس -");
    let sents = split_sentences(&raw, &toks);
    // the run-on body is cut into units of at most MAX_SENTENCE_TOKENS
    assert!(sents.len() > 5_000_000 / rasid_text::MAX_SENTENCE_TOKENS);
    assert!(sents
        .iter()
        .all(|s| s.tokens.len() <= rasid_text::MAX_SENTENCE_TOKENS));
    assert_eq!(&raw[sents[0].span.range()], "الرياض - واس -");
    let n = sents.len();
    assert!(raw[sents[n - 2].span.range()].ends_with("انتهى اللقاء."));
    assert_eq!(&raw[sents[n - 1].span.range()], "سمات الرياض أنقرة اتفاق");
    let b = boilerplate_spans(&raw);
    assert_eq!(b.len(), 1);
    assert_eq!(&raw[b[0].range()], "سمات الرياض أنقرة اتفاق");
    let n = Normalized::folded(&raw);
    assert!(n.text.len() < raw.len());
    let sp = n.raw_span(n.text.len() - "اتفاق".len(), n.text.len());
    assert_eq!(&raw[sp.range()], "اتفاق");
}

#[test]
fn many_short_lines() {
    // 200,000 boilerplate lines are still scanned in linear time
    let raw = "خبر.\n".to_string() + &"// انتهى //\n".repeat(200_000);
    let b = boilerplate_spans(&raw);
    assert_eq!(b.len(), 200_000);
    assert_eq!(content_spans(&raw).len(), 1);
}
