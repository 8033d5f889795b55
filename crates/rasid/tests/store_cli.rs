//! The store commands as a user runs them (issue 17): evidence and url on every mention,
//! history apart and newest first, the coder version noted by ingest, `rasid recode`.

use std::path::Path;
use std::process::Command;

const RASID: &str = env!("CARGO_BIN_EXE_rasid");

/// Three articles written for this test: a visit told yesterday by two outlets, and an
/// article recalling a visit of 3 August (history for an article of 20 October).
const DOCS: &str = r#"{"doc_id": "n1", "date": "2025-10-20", "url": "https://example.org/n1", "source": "o1", "text": "زار وزير الخارجية التركي القاهرة أمس. وأدانت وزارة الخارجية السعودية الهجوم على غزة."}
{"doc_id": "n2", "date": "2025-10-21", "url": "https://example.org/n2", "source": "o2", "text": "وفي سياق آخر، استقبل الرئيس المصري وزير الخارجية التركي في القاهرة أمس."}
{"doc_id": "h1", "date": "2025-10-20", "url": "https://example.org/h1", "source": "o2", "text": "زار وزير الخارجية التركي القاهرة في 3 أغسطس الماضي."}
"#;

fn rasid(args: &[&str]) -> (String, String, i32) {
    let out = Command::new(RASID).args(args).output().expect("rasid runs");
    (
        String::from_utf8(out.stdout).unwrap(),
        String::from_utf8(out.stderr).unwrap(),
        out.status.code().unwrap_or(-1),
    )
}

fn events(db: &Path, extra: &[&str]) -> Vec<serde_json::Value> {
    let mut args = vec!["events", "--format", "jsonl", "--mentions", "--db"];
    args.push(db.to_str().unwrap());
    args.extend_from_slice(extra);
    let (out, err, code) = rasid(&args);
    assert_eq!(code, 0, "{err}");
    out.lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect()
}

#[test]
fn ingest_keeps_evidence_history_apart_and_recode() {
    let dir = std::env::temp_dir().join(format!("rasid-store-cli-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let input = dir.join("news.jsonl");
    std::fs::write(&input, DOCS).unwrap();
    let db = dir.join("s.db");
    let (dbs, inp) = (db.to_str().unwrap(), input.to_str().unwrap());
    let (_, err, code) = rasid(&["ingest", inp, "--db", dbs]);
    assert_eq!(code, 0, "{err}");
    assert!(!err.contains("another coder"), "{err}");

    // every mention carries its sentence and url; newest first; history left out
    let news = events(&db, &[]);
    let all = events(&db, &["--include-history"]);
    assert!(news.len() >= 2, "{news:?}");
    assert_eq!(all.len(), news.len() + 1);
    let texts: std::collections::HashMap<String, String> = DOCS
        .lines()
        .map(|l| {
            let v: serde_json::Value = serde_json::from_str(l).unwrap();
            (
                v["doc_id"].as_str().unwrap().into(),
                v["text"].as_str().unwrap().into(),
            )
        })
        .collect();
    for e in &all {
        for m in e["mentions"].as_array().unwrap() {
            let id = m["doc_id"].as_str().unwrap();
            let (a, b) = (
                m["evidence"][0].as_u64().unwrap() as usize,
                m["evidence"][1].as_u64().unwrap() as usize,
            );
            assert_eq!(m["evidence_text"], texts[id][a..b], "{m}");
            assert_eq!(m["url"], format!("https://example.org/{id}"));
        }
        assert!(
            e["evidence_text"].is_string() && e["url"].is_string(),
            "{e}"
        );
    }
    let dates: Vec<&str> = all.iter().map(|e| e["date"].as_str().unwrap()).collect();
    assert!(dates.windows(2).all(|w| w[0] >= w[1]), "{dates:?}");
    let last = all.last().unwrap();
    assert_eq!(
        (last["date"].as_str(), last["history"].as_bool()),
        (Some("2025-08-03"), Some(true))
    );
    assert_eq!(last["mentions"][0]["lag_days"], 78);
    assert!(news.iter().all(|e| e["history"] == false));

    // one entity's events; actors labelled by their code, entities apart
    let turkey = events(&db, &["--entity", "turkey", "--include-history"]);
    let saudi = events(&db, &["--entity", "saudi-arabia"]);
    assert!(!turkey.is_empty() && !saudi.is_empty());
    // the Saudi ministry's condemnation (and the attack it names)
    assert!(
        saudi.iter().all(|e| e["source"]["code"] == "SAUGOV"),
        "{saudi:?}"
    );
    assert!(turkey.len() < all.len() && turkey.len() > saudi.len());
    let (out, err, code) = rasid(&["actors", "--level", "3", "--format", "jsonl", "--db", dbs]);
    assert_eq!(code, 0, "{err}");
    let rows: Vec<serde_json::Value> = out
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    let tur = rows.iter().find(|r| r["code"] == "TUR").expect("TUR");
    assert_eq!(tur["name"], "Türkiye");
    assert!(
        tur["entities"]
            .as_array()
            .unwrap()
            .iter()
            .any(|e| e["id"] == "turkey"),
        "{tur}"
    );
    let (out, _, _) = rasid(&["actors", "--format", "jsonl", "--db", dbs]);
    assert!(
        out.contains(r#""code":"TURGOV","name":"Türkiye · government""#),
        "{out}"
    );
    let (out, err, code) = rasid(&[
        "dyad",
        "TUR",
        "EGY",
        "--entity",
        "saudi-arabia",
        "--db",
        dbs,
    ]);
    assert_eq!(code, 0, "{err}");
    assert_eq!(out.lines().count(), 1, "header only: {out}");

    // the CSV names the document, its url and the sentence
    let (csv, err, code) = rasid(&["export", "--format", "csv", "--db", dbs]);
    assert_eq!(code, 0, "{err}");
    let header = csv.lines().next().unwrap();
    assert!(
        header.ends_with(",doc_id,url,evidence_text,history"),
        "{header}"
    );

    // another coder (the rules alone): ingest says so, recode re-codes, once
    let (_, err, code) = rasid(&["ingest", inp, "--db", dbs, "--rules-only"]);
    assert_eq!(code, 0, "{err}");
    assert!(
        err.contains("3 stored document(s) were coded by another coder version"),
        "{err}"
    );
    assert!(err.contains("rasid recode"), "{err}");
    let (_, err, code) = rasid(&["recode", "--db", dbs, "--rules-only"]);
    assert_eq!(code, 0, "{err}");
    assert!(err.starts_with("3 re-coded"), "{err}");
    let (_, err, code) = rasid(&["recode", "--db", dbs, "--rules-only"]);
    assert_eq!(code, 0, "{err}");
    assert!(err.starts_with("0 re-coded"), "{err}");
    let (_, err, _) = rasid(&["ingest", inp, "--db", dbs, "--rules-only"]);
    assert!(!err.contains("another coder"), "{err}");
    let (out, err, code) = rasid(&["db", "check", "--db", dbs]);
    assert_eq!(code, 0, "{out}{err}");
    let (out, _, _) = rasid(&["db", "info", "--db", dbs]);
    assert!(out.contains("schema version   7"), "{out}");
    assert_eq!(out.matches("coded by").count(), 1, "{out}");
    assert!(out.contains("(3 documents)"), "{out}");
    std::fs::remove_dir_all(&dir).ok();
}

#[test]
fn codes_lists_actor_sector_and_event_codes() {
    let (out, err, code) = rasid(&["codes", "19", "--format", "json"]);
    assert_eq!(code, 0, "{err}");
    let rows: Vec<serde_json::Value> = serde_json::from_str(&out).unwrap();
    let r = rows.iter().find(|r| r["code"] == "193").expect("193");
    assert_eq!(
        (r["kind"].as_str(), r["quad_class"].as_u64()),
        (Some("event"), Some(4))
    );
    assert!(r["plover"].is_string() && r["goldstein"].is_number(), "{r}");
    let (out, _, code) = rasid(&["codes", "IGO"]);
    assert_eq!(code, 0);
    assert!(out.lines().next().unwrap().starts_with("kind"));
    assert!(out.lines().any(|l| l.contains("IGOUNO")), "{out}");
    let (out, _, _) = rasid(&["codes", "--format", "json"]);
    let all: Vec<serde_json::Value> = serde_json::from_str(&out).unwrap();
    for kind in ["country", "igo", "armed", "sector", "event"] {
        assert!(all.iter().any(|r| r["kind"] == kind), "{kind}");
    }
    let gov = all
        .iter()
        .find(|r| r["kind"] == "sector" && r["code"] == "GOV")
        .unwrap();
    assert_eq!(gov["en"], "government");
    let (_, err, code) = rasid(&["codes", "no-such-code-xyz"]);
    assert_eq!((code, err.trim()), (1, "0 code(s)"));
}

#[test]
fn ingest_names_each_bad_record_as_it_reads_it_and_stores_the_rest() {
    let dir = std::env::temp_dir().join(format!("rasid-store-bad-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let input = dir.join("mixed.jsonl");
    let mut lines: Vec<&str> = DOCS.lines().collect();
    lines.insert(1, r#"{"doc_id": "broken""#);
    std::fs::write(&input, lines.join("\n") + "\n").unwrap();
    let db = dir.join("s.db");
    let (dbs, inp) = (db.to_str().unwrap(), input.to_str().unwrap());
    let (_, err, code) = rasid(&["ingest", inp, "--db", dbs]);
    assert_eq!(code, 1, "a record failed: {err}");
    assert!(err.contains("mixed.jsonl:2:"), "names the line: {err}");
    assert!(
        err.contains("3 stored"),
        "the other records are stored: {err}"
    );
    let _ = std::fs::remove_dir_all(&dir);
}
