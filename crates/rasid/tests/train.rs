//! `rasid train` as a process, on small gold files written for these tests: it writes a
//! model the same way twice, and `--other-style` files teach the event decision through
//! the `style=other` feature without being scored.

use std::path::Path;
use std::process::{Command, Output};

const RASID: &str = env!("CARGO_BIN_EXE_rasid");

/// (nisba of the visiting minister, its country code, the capital visited, its code)
const VISITS: [(&str, &str, &str, &str); 8] = [
    ("التركي", "TUR", "القاهرة", "EGY"),
    ("المصري", "EGY", "أنقرة", "TUR"),
    ("السعودي", "SAU", "عمان", "JOR"),
    ("القطري", "QAT", "الرياض", "SAU"),
    ("الأردني", "JOR", "بغداد", "IRQ"),
    ("الكويتي", "KWT", "دمشق", "SYR"),
    ("العراقي", "IRQ", "الكويت", "KWT"),
    ("الإيراني", "IRN", "الدوحة", "QAT"),
];

/// One gold line: a visit, annotated as a 042 event or (`strict`) left out.
fn article(id: &str, (nisba, from, capital, to): (&str, &str, &str, &str), strict: bool) -> String {
    let text = format!("زار وزير الخارجية {nisba} {capital} أمس لبحث العلاقات الثنائية.");
    let events = if strict {
        serde_json::json!([])
    } else {
        serde_json::json!([{
            "cameo": "042", "aux": null, "source": format!("{from}GOV"), "target": to,
            "trigger": "زار", "evidence": text, "date": "2025-03-09"
        }])
    };
    serde_json::json!({"doc_id": id, "date": "2025-03-10", "text": text, "events": events})
        .to_string()
}

fn write(dir: &Path, name: &str, lines: &[String]) -> String {
    let path = dir.join(name);
    std::fs::write(&path, lines.join("\n") + "\n").unwrap();
    path.display().to_string()
}

/// Runs `rasid train GOLD --other-style OTHER --out OUT` (small settings: 2 folds, one
/// run of 3 epochs).
fn train(gold: &str, other: &str, out: &Path) -> Output {
    Command::new(RASID)
        .args(["--rules-only", "train", "--folds", "2", "--runs", "1"])
        .args(["--epochs", "3", gold, "--other-style", other, "--out"])
        .arg(out)
        .output()
        .expect("run rasid train")
}

#[test]
fn train_is_deterministic_and_learns_the_other_style() {
    let dir = tempfile::tempdir().unwrap();
    let main: Vec<String> = VISITS
        .iter()
        .enumerate()
        .map(|(i, v)| article(&format!("main-{i}"), *v, false))
        .collect();
    // the stricter annotators left every visit out; "main-0" is also in their file and
    // counts once, as the main file gives it
    let mut other: Vec<String> = VISITS
        .iter()
        .enumerate()
        .map(|(i, v)| article(&format!("other-{i}"), *v, true))
        .collect();
    other.push(article("main-0", VISITS[0], true));
    let gold = write(dir.path(), "main.jsonl", &main);
    let strict = write(dir.path(), "strict.jsonl", &other);
    let model = |out: &str| -> String {
        let out_dir = dir.path().join(out);
        let o = train(&gold, &strict, &out_dir);
        assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
        std::fs::read_to_string(out_dir.join("model.json")).unwrap()
    };
    let (first, second) = (model("a"), model("b"));
    assert_eq!(first, second, "same data and seed: the same model file");
    let m: serde_json::Value = serde_json::from_str(&first).unwrap();
    let about = m["about"].as_str().unwrap();
    assert!(
        about.contains("main.jsonl and, in another style (style=other), strict.jsonl (8 articles)"),
        "{about}"
    );
    assert!(about.contains("(16 articles;"), "{about}");
    // the visits the strict annotators left out weigh against an event only through the
    // style feature, which new text never gives
    let w = m["event"]["style=other"]
        .as_f64()
        .expect("a weight for style=other");
    assert!(w < 0.0, "style=other weighs {w}");
}

#[test]
fn train_without_main_articles_is_an_error() {
    let dir = tempfile::tempdir().unwrap();
    let strict = write(dir.path(), "strict.jsonl", &[article("x", VISITS[0], true)]);
    let empty = write(dir.path(), "empty.jsonl", &[]);
    let out_dir = dir.path().join("m");
    let o = train(&empty, &strict, &out_dir);
    assert!(!o.status.success());
    let stderr = String::from_utf8_lossy(&o.stderr);
    assert!(stderr.contains("no gold articles"), "{stderr}");
    assert!(!out_dir.join("model.json").exists());
}
