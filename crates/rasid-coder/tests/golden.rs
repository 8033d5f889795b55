//! Golden tests: sentences written for rasid, one construction each (GUIDE.md and issue 4:
//! verb-first, subject-first, verbal nouns, prepositions, received and hosted visits,
//! coordination, apposition, dated offices, carried subjects, possessives, aux modes,
//! attributions, reporting verbs, merged repeats, dates). Each line of
//! `tests/golden/constructions.jsonl` lists the exact events expected as
//! `[cameo, source, target, aux, date]`.

use rasid_coder::Coder;
use rasid_lexicon::{Lexicon, Sources};

type Row = (
    String,
    String,
    Option<String>,
    Option<String>,
    Option<String>,
);

#[test]
fn constructions() {
    let lex = Lexicon::build(&Sources::embedded()).unwrap();
    let coder = Coder::new(&lex);
    let data = include_str!("golden/constructions.jsonl");
    let mut failures = Vec::new();
    for (n, line) in data
        .lines()
        .enumerate()
        .filter(|(_, l)| !l.trim().is_empty())
    {
        let case: serde_json::Value = serde_json::from_str(line).unwrap();
        let doc = rasid_text::Document {
            doc_id: format!("golden-{}", n + 1),
            text: case["text"].as_str().unwrap().to_string(),
            date: chrono::NaiveDate::parse_from_str(case["date"].as_str().unwrap(), "%Y-%m-%d")
                .ok(),
            ..Default::default()
        };
        let mut want: Vec<Row> = serde_json::from_value(case["events"].clone()).unwrap();
        let mut got: Vec<Row> = coder
            .code(&doc)
            .into_iter()
            .map(|e| {
                let aux = e.aux.map(|a| {
                    serde_json::to_value(a)
                        .unwrap()
                        .as_str()
                        .unwrap()
                        .to_string()
                });
                (
                    e.cameo,
                    e.source.code,
                    e.target.map(|t| t.code),
                    aux,
                    e.date,
                )
            })
            .collect();
        want.sort();
        got.sort();
        if want != got {
            failures.push(format!(
                "line {} ({}):\n  want {want:?}\n  got  {got:?}",
                n + 1,
                case["name"]
            ));
        }
    }
    assert!(
        failures.is_empty(),
        "{} golden case(s) failed:\n{}",
        failures.len(),
        failures.join("\n")
    );
}

#[test]
fn spans_point_at_the_words() {
    let lex = Lexicon::build(&Sources::embedded()).unwrap();
    let raw = "وزارَ الرئيسُ التركيُّ القاهرةَ أمس.";
    let doc = rasid_text::Document {
        doc_id: "d".into(),
        text: raw.into(),
        date: chrono::NaiveDate::from_ymd_opt(2025, 10, 20),
        ..Default::default()
    };
    let events = Coder::new(&lex).code(&doc);
    let e = &events[0];
    assert_eq!(&raw[e.trigger.span.range()], "زارَ");
    assert_eq!(e.trigger.text, "زارَ");
    assert_eq!(&raw[e.source.span.range()], "الرئيسُ التركيُّ");
    assert_eq!(&raw[e.target.as_ref().unwrap().span.range()], "القاهرةَ");
    assert_eq!(&raw[e.evidence.range()], raw);
    assert_eq!(e.event_id, "d:1");
    assert_eq!((e.cameo_root.as_str(), e.quad_class), ("04", 1));
    assert_eq!(e.plover.as_ref().map(|p| p.event.as_str()), Some("CONSULT"));
    assert_eq!(e.date_text.as_deref(), Some("أمس"));
}
