//! The README's worked example of a user lexicon (`examples/lexicon-libya`): with it, the
//! eastern camp (Khalifa Haftar, the LNA) and the Tripoli government get their own codes
//! (`LBYEAS…`, `LBYWES…`); without it both are plain `LBYMIL` / `LBYGOV`. The sentences
//! are our own, written for this example.

use std::process::Command;
use std::sync::atomic::{AtomicUsize, Ordering};

const RASID: &str = env!("CARGO_BIN_EXE_rasid");

/// Haftar visits Cairo and meets the Egyptian president.
const EAST: &str = "زار خليفة حفتر القاهرة والتقى الرئيس المصري.";
/// The Government of National Accord criticises Haftar's statements.
const WEST: &str = "انتقدت حكومة الوفاق الوطني الليبية تصريحات خليفة حفتر.";

/// `(cameo, source code, source entry, target code)` of each event of `text`, coded on
/// 2015-07-20 with the example lexicon when `user` is set.
fn code(text: &str, user: bool) -> Vec<(String, String, String, String)> {
    static N: AtomicUsize = AtomicUsize::new(0);
    let n = N.fetch_add(1, Ordering::SeqCst);
    let dir = std::env::temp_dir().join(format!("rasid-libya-{}-{n}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let file = dir.join("article.txt");
    std::fs::write(&file, text).unwrap();
    let lexicon = concat!(env!("CARGO_MANIFEST_DIR"), "/../../examples/lexicon-libya");
    let mut cmd = Command::new(RASID);
    if user {
        cmd.args(["--lexicon", lexicon]);
    }
    let out = cmd
        .args(["code", file.to_str().unwrap(), "--date", "2015-07-20"])
        .args(["--format", "jsonl"])
        .output()
        .expect("run rasid");
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    std::fs::remove_dir_all(&dir).ok();
    String::from_utf8(out.stdout)
        .unwrap()
        .lines()
        .map(|l| {
            let e: serde_json::Value = serde_json::from_str(l).unwrap();
            let s = |v: &serde_json::Value| v.as_str().unwrap_or("").to_string();
            (
                s(&e["cameo"]),
                s(&e["source"]["code"]),
                s(&e["source"]["entry"]),
                s(&e["target"]["code"]),
            )
        })
        .collect()
}

fn row(cameo: &str, source: &str, entry: &str, target: &str) -> (String, String, String, String) {
    (cameo.into(), source.into(), entry.into(), target.into())
}

#[test]
fn the_example_lexicon_gives_east_and_west_their_own_codes() {
    assert_eq!(
        code(EAST, true),
        [
            row("042", "LBYEASMIL", "khalifa-haftar", "EGY"),
            row("040", "LBYEASMIL", "khalifa-haftar", "EGYGOV"),
        ]
    );
    assert_eq!(
        code(WEST, true),
        [row("111", "LBYWESGOV", "libya-government", "LBYEASMIL")]
    );
}

#[test]
fn without_it_both_camps_share_the_country_codes() {
    assert_eq!(
        code(WEST, false),
        [row("111", "LBYGOV", "libya-government", "LBYMIL")]
    );
    assert_eq!(code(EAST, false)[0].1, "LBYMIL");
}

#[test]
fn the_example_lexicon_validates() {
    let lexicon = concat!(env!("CARGO_MANIFEST_DIR"), "/../../examples/lexicon-libya");
    let out = Command::new(RASID)
        .args(["lexicon", "check", lexicon])
        .output()
        .expect("run rasid");
    let said = format!(
        "{}{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(out.status.success(), "{said}");
    assert!(said.contains("0 error(s); 5941 entries checked"), "{said}");
}
