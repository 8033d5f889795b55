//! `rasid code` as a process, on inputs written for these tests: bad input is reported
//! with file and line (or byte offset) and skipped while every other document is coded;
//! the exit code says whether some input failed; the output formats have their shapes.

use std::io::Write;
use std::process::{Command, Output, Stdio};

const RASID: &str = env!("CARGO_BIN_EXE_rasid");

/// Runs `rasid ARGS` with `stdin`, returning the output.
fn rasid(args: &[&str], stdin: &[u8]) -> Output {
    let mut child = Command::new(RASID)
        .args(args)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("run rasid");
    child.stdin.take().unwrap().write_all(stdin).unwrap();
    child.wait_with_output().expect("rasid output")
}

fn events(out: &Output) -> Vec<serde_json::Value> {
    String::from_utf8_lossy(&out.stdout)
        .lines()
        .map(|l| serde_json::from_str(l).expect("one JSON event a line"))
        .collect()
}

const VISIT: &str = "زار وزير الخارجية التركي القاهرة أمس.";
const CALL: &str = "تلقى الرئيس المصري اتصالا هاتفيا من الرئيس الفرنسي.";

#[test]
fn malformed_json_line_is_reported_and_skipped() {
    let input = format!(
        "{{\"doc_id\":\"one\",\"text\":\"{VISIT}\",\"date\":\"2025-10-20\"}}\n{{\"doc_id\":\"broken\"\n{{\"doc_id\":\"two\",\"text\":\"{CALL}\",\"date\":\"2025-10-20\"}}\n"
    );
    let out = rasid(&["code", "-"], input.as_bytes());
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(1), "some input failed: {stderr}");
    assert!(stderr.contains("-:2:"), "names the line: {stderr}");
    assert!(
        stderr.contains("2 documents, 2 events, 1 errors"),
        "{stderr}"
    );
    let docs: Vec<String> = events(&out)
        .iter()
        .map(|e| e["doc_id"].as_str().unwrap().to_string())
        .collect();
    assert_eq!(docs, ["one", "two"]);
}

#[test]
fn non_utf8_file_is_reported_with_its_byte_offset() {
    let dir = std::env::temp_dir().join(format!("rasid-code-test-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let good = dir.join("good.txt");
    let bad = dir.join("bad.txt");
    std::fs::write(&good, VISIT).unwrap();
    let mut bytes = "زار الوزير ".as_bytes().to_vec();
    let at = bytes.len();
    bytes.extend([0xC7, 0xE1]); // Windows-1256, not UTF-8
    std::fs::write(&bad, &bytes).unwrap();
    let out = rasid(
        &[
            "code",
            bad.to_str().unwrap(),
            good.to_str().unwrap(),
            "--date",
            "2025-10-20",
        ],
        b"",
    );
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(1), "{stderr}");
    assert!(stderr.contains("bad.txt"), "names the file: {stderr}");
    assert!(
        stderr.contains(&format!("invalid UTF-8 at byte {at}")),
        "gives the offset: {stderr}"
    );
    let evs = events(&out);
    assert_eq!(evs.len(), 1, "the good file is still coded");
    assert_eq!(evs[0]["cameo"], "042");
    assert_eq!(evs[0]["source"]["code"], "TURGOV");
    // the capital travelled to is the country (the gold files' convention for 042)
    assert_eq!(evs[0]["target"]["code"], "EGY");
    assert_eq!(evs[0]["date"], "2025-10-19");
    std::fs::remove_dir_all(&dir).ok();
}

#[test]
fn gdelt_rows_have_the_event_table_columns() {
    let out = rasid(
        &["code", "-", "--date", "2025-10-20", "--format", "gdelt"],
        CALL.as_bytes(),
    );
    assert_eq!(out.status.code(), Some(0));
    let text = String::from_utf8(out.stdout).unwrap();
    let rows: Vec<&str> = text.lines().collect();
    assert!(!rows.is_empty(), "the call is coded");
    for row in rows {
        assert_eq!(row.split('\t').count(), 61, "GDELT 2.0 event table: {row}");
    }
}

#[test]
fn many_documents_keep_their_order_across_batches() {
    // more than one reading batch (512 documents), coded on two threads
    let mut input = String::new();
    for i in 0..1100 {
        input.push_str(&format!(
            "{{\"doc_id\":\"d{i}\",\"text\":\"{VISIT}\",\"date\":\"2025-10-20\"}}\n"
        ));
    }
    let out = rasid(&["code", "-", "--threads", "2"], input.as_bytes());
    assert_eq!(out.status.code(), Some(0));
    let ids: Vec<String> = events(&out)
        .iter()
        .map(|e| e["doc_id"].as_str().unwrap().to_string())
        .collect();
    let expected: Vec<String> = (0..1100).map(|i| format!("d{i}")).collect();
    assert_eq!(ids, expected);
}

#[test]
fn code_dir_names_the_path_once() {
    // issue 16: `rasid code DIR` printed "DIR: DIR: cannot read: Is a directory"
    let dir = std::env::temp_dir().join(format!("rasid-code-dir-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let d = dir.display().to_string();
    let out = rasid(&["code", &d], b"");
    std::fs::remove_dir_all(&dir).ok();
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(1), "{stderr}");
    assert_eq!(stderr.matches(d.as_str()).count(), 1, "{stderr}");
    assert!(
        stderr.contains(&format!("error: {d}: is a directory")),
        "{stderr}"
    );
}

/// A table written to a pipe (or a file) keeps Arabic in logical order, as written, so it
/// reads right in an editor or a notebook; only a plain terminal gets visual order.
#[test]
fn table_in_a_pipe_is_in_logical_order() {
    let out = rasid(
        &["code", "-", "--date", "2025-10-20", "--format", "table"],
        VISIT.as_bytes(),
    );
    let table = String::from_utf8_lossy(&out.stdout);
    assert!(table.contains("وزير الخارجية التركي"), "{table}");
    let reversed: String = "وزير الخارجية التركي".chars().rev().collect();
    assert!(!table.contains(&reversed), "{table}");
}

#[test]
fn a_mistyped_file_name_and_an_impossible_date_are_errors() {
    // `explain` takes a text or a file: a name with no Arabic in it is a missing file
    let out = rasid(&["explain", "no-such-article.txt"], b"");
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(2), "{stderr}");
    assert!(
        stderr.contains("no-such-article.txt: no such file"),
        "{stderr}"
    );
    // Arabic given on the command line is still the text itself
    let out = rasid(&["explain", VISIT, "--date", "2025-10-20"], b"");
    assert_eq!(out.status.code(), Some(0));
    // a date of the right shape that names no day says so
    let out = rasid(&["code", "-", "--date", "2026-02-30"], VISIT.as_bytes());
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(2), "{stderr}");
    assert!(stderr.contains("no such calendar day"), "{stderr}");
    let out = rasid(&["code", "-", "--date", "20/02/2026"], VISIT.as_bytes());
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(stderr.contains("expected YYYY-MM-DD"), "{stderr}");
}
