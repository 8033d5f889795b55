//! `Coder::explain`: the trace says why each trigger gave an event or not, and agrees with
//! `Coder::code` (the traced and the untraced runs take the same decisions).

use rasid_coder::Coder;
use rasid_lexicon::{Lexicon, Sources};

fn doc(text: &str) -> rasid_text::Document {
    rasid_text::Document {
        doc_id: "explain".into(),
        text: text.into(),
        date: chrono::NaiveDate::from_ymd_opt(2025, 10, 20),
        ..Default::default()
    }
}

/// The outcomes recorded for each trigger of the document, in order.
fn outcomes(coder: &Coder, text: &str) -> Vec<String> {
    let d = doc(text);
    let (events, traces) = coder.explain(&d);
    assert_eq!(events, coder.code(&d), "explain and code disagree");
    traces
        .iter()
        .flat_map(|t| t.triggers.iter().map(|c| c.outcome.clone()))
        .collect()
}

#[test]
fn sports_report_triggers_say_why() {
    let lex = Lexicon::build(&Sources::embedded()).unwrap();
    let coder = Coder::new(&lex);
    let got = outcomes(
        &coder,
        "فاز المنتخب السعودي على نظيره العراقي في مباراة ودية أقيمت على ملعب الملك فهد. \
         وهاجمت العراق السعودية في الشوط الثاني دون أن تسجل. وتستعد السعودية لتصفيات كأس العالم.",
    );
    assert!(
        got.iter().any(|o| o.contains("sports report")),
        "no trigger explained as a sports report: {got:?}"
    );
    assert!(!got.iter().any(|o| o.starts_with("event")), "{got:?}");
}

#[test]
fn history_and_event_outcomes() {
    let lex = Lexicon::build(&Sources::embedded()).unwrap();
    let coder = Coder::new(&lex);
    let got = outcomes(&coder, "وفي عام 2010 زار الرئيس التركي القاهرة.");
    assert_eq!(
        got,
        ["background: the sentence is dated years before the article"]
    );
    let got = outcomes(&coder, "زار الرئيس التركي القاهرة أمس.");
    assert_eq!(got, ["event ×1"]);
}
