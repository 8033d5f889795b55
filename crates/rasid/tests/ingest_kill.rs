//! `rasid ingest` as a process: killed mid-run (SIGKILL) then re-run, every document is
//! stored exactly once; bad inputs are recorded and skipped while the rest is ingested.

use rasid_store::Store;
use std::io::Write;
use std::path::Path;
use std::process::Command;
use std::time::{Duration, Instant};

const RASID: &str = env!("CARGO_BIN_EXE_rasid");

const ACTORS: [&str; 6] = [
    "وزير الخارجية التركي",
    "الرئيس المصري",
    "وزير الدفاع الأردني",
    "رئيس الوزراء العراقي",
    "وزير الخارجية السعودي",
    "الرئيس التونسي",
];
const PLACES: [&str; 5] = ["القاهرة", "أنقرة", "عمان", "بغداد", "الرياض"];
const FILLER: [&str; 4] = [
    "وتناولت المباحثات ملفات التعاون الاقتصادي والتجاري",
    "وأكد الجانبان أهمية مواصلة التنسيق بشأن القضايا الإقليمية",
    "وجرى خلال اللقاء استعراض العلاقات الثنائية وسبل تطويرها",
    "ومن المقرر أن تعقد اللجنة المشتركة اجتماعها المقبل خلال الأشهر القادمة",
];

/// A generated corpus: `n` distinct short articles, one JSON line each.
fn corpus(path: &Path, n: usize) {
    let mut f = std::io::BufWriter::new(std::fs::File::create(path).unwrap());
    for i in 0..n {
        let text = format!(
            "زار {} {} أمس في زيارة رسمية رقم {i}. {}. {} {}.",
            ACTORS[i % ACTORS.len()],
            PLACES[(i / 6) % PLACES.len()],
            FILLER[i % FILLER.len()],
            FILLER[(i / 4) % FILLER.len()],
            i * 7919 % 100_003,
        );
        let day = 1 + i % 28;
        let line = serde_json::json!({
            "doc_id": format!("gen-{i:05}"),
            "date": format!("2024-03-{day:02}"),
            "source": format!("outlet-{}", i % 5),
            "text": text,
        });
        writeln!(f, "{line}").unwrap();
    }
}

/// A fresh scratch directory (removed on drop).
struct Scratch(std::path::PathBuf);
impl Scratch {
    fn new(name: &str) -> Scratch {
        let p = std::env::temp_dir().join(format!("rasid-{name}-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&p);
        std::fs::create_dir_all(&p).unwrap();
        Scratch(p)
    }
    fn path(&self) -> &Path {
        &self.0
    }
}
impl Drop for Scratch {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}

fn stored(db: &Path) -> i64 {
    Store::open_read_only(db)
        .and_then(|s| s.counts())
        .map(|c| c.documents)
        .unwrap_or(0)
}

#[test]
fn killed_ingest_resumes_and_stores_every_document_once() {
    let dir = Scratch::new("kill");
    let input = dir.path().join("gen.jsonl");
    let db = dir.path().join("kill.db");
    let n = 3000;
    corpus(&input, n);
    let mut child = Command::new(RASID)
        .args(["ingest", "--threads", "1", "--batch", "50", "--db"])
        .arg(&db)
        .arg(&input)
        .stderr(std::process::Stdio::null())
        .spawn()
        .unwrap();
    // wait for the first committed batches, then SIGKILL (Child::kill sends SIGKILL)
    let t = Instant::now();
    while stored(&db) < 100 && t.elapsed() < Duration::from_secs(120) {
        std::thread::sleep(Duration::from_millis(2));
    }
    let finished_early = child.try_wait().unwrap().is_some();
    child.kill().ok();
    child.wait().unwrap();
    let at_kill = stored(&db);
    eprintln!("killed with {at_kill} of {n} documents committed");
    assert!(at_kill > 0, "nothing was committed before the kill");
    if finished_early {
        eprintln!("warning: ingest finished before the kill; the re-run still checks idempotence");
    } else {
        assert!(
            at_kill < n as i64,
            "killed after the end ({at_kill} documents)"
        );
    }
    let status = Command::new(RASID)
        .args(["ingest", "--db"])
        .arg(&db)
        .arg(&input)
        .status()
        .unwrap();
    assert!(status.success());
    let s = Store::open(&db).unwrap();
    let docs = s.documents().unwrap();
    assert_eq!(docs.len(), n, "killed at {at_kill}");
    let mut ids: Vec<&str> = docs.iter().map(|d| d.0.as_str()).collect();
    ids.sort_unstable();
    ids.dedup();
    assert_eq!(ids.len(), n, "a document stored twice");
    let report = s.check().unwrap();
    assert!(report.ok(), "{report:?}");
    let c = s.counts().unwrap();
    assert!(c.mentions > 0);
    // a third run adds nothing
    let before = c;
    let out = Command::new(RASID)
        .args(["ingest", "--db"])
        .arg(&db)
        .arg(&input)
        .output()
        .unwrap();
    assert!(out.status.success());
    assert_eq!(Store::open(&db).unwrap().counts().unwrap(), before);
}

#[test]
fn bad_inputs_are_recorded_and_the_rest_ingested() {
    let dir = Scratch::new("bad");
    let inputs = dir.path().join("in");
    std::fs::create_dir_all(inputs.join("sub")).unwrap();
    // a good JSON Lines file with a truncated last line
    std::fs::write(
        inputs.join("a.jsonl"),
        "{\"doc_id\": \"ok-1\", \"date\": \"2025-10-20\", \"text\": \"زار وزير الخارجية التركي القاهرة أمس.\"}\n\
         {\"doc_id\": \"ok-2\", \"date\": \"2025-10-20\", \"text\": \"أدانت وزارة الخارجية السعودية الهجوم.\"}\n\
         {\"doc_id\": \"cut\", \"date\": \"2025-10-20\", \"text\": \"زار الرئيس",
    )
    .unwrap();
    // a corrupt .gz: gzip magic, then garbage
    let mut gz = vec![0x1f, 0x8b, 0x08, 0x00, 0, 0, 0, 0, 0, 0x03];
    gz.extend((0..200u32).map(|i| (i * 37 % 251) as u8));
    std::fs::write(inputs.join("sub/broken.jsonl.gz"), gz).unwrap();
    // a binary file
    std::fs::write(
        inputs.join("sub/image.bin"),
        [0u8, 159, 146, 150, 255, 0, 1, 2],
    )
    .unwrap();
    // a good plain-text article
    std::fs::write(inputs.join("sub/visit.txt"), "زار الرئيس المصري أنقرة أمس.").unwrap();
    let db = dir.path().join("bad.db");
    let out = Command::new(RASID)
        .args(["ingest", "--date", "2025-10-20", "--db"])
        .arg(&db)
        .arg(&inputs)
        .output()
        .unwrap();
    assert_eq!(
        out.status.code(),
        Some(1),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let s = Store::open(&db).unwrap();
    let mut ids: Vec<String> = s.documents().unwrap().into_iter().map(|d| d.0).collect();
    ids.sort();
    assert_eq!(ids, ["ok-1", "ok-2", "visit"]);
    let failures = s.failures().unwrap();
    let locs: Vec<&str> = failures.iter().map(|f| f.location.as_str()).collect();
    assert!(locs.iter().any(|l| l.ends_with("a.jsonl:3")), "{locs:?}");
    assert!(
        locs.iter().any(|l| l.contains("broken.jsonl.gz")),
        "{locs:?}"
    );
    assert!(locs.iter().any(|l| l.ends_with("image.bin")), "{locs:?}");
    // listed by --failed
    let listed = Command::new(RASID)
        .args(["ingest", "--failed", "--db"])
        .arg(&db)
        .output()
        .unwrap();
    let text = String::from_utf8(listed.stdout).unwrap();
    assert_eq!(text.lines().count(), failures.len());
    assert!(s.check().unwrap().ok());
}

/// Runs `cmd`, killing it (and failing) when it has not finished within `limit`: a guard
/// against a hang, not a timing check.
fn run_or_kill(cmd: &mut Command, limit: Duration) -> std::process::Output {
    let mut child = cmd
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    let t0 = Instant::now();
    while child.try_wait().unwrap().is_none() {
        if t0.elapsed() > limit {
            child.kill().ok();
            let out = child.wait_with_output().unwrap();
            panic!(
                "still running after {limit:?}: {}",
                String::from_utf8_lossy(&out.stderr)
            );
        }
        std::thread::sleep(Duration::from_millis(50));
    }
    child.wait_with_output().unwrap()
}

#[cfg(unix)]
#[test]
fn symlink_loops_and_a_fifo_named_b_txt_do_not_stop_the_good_file() {
    // issue 16: `ln -s .. x/up1; ln -s .. x/up2` walked forever (1.5 GB after 60 s), and a
    // FIFO named b.txt blocked forever so that the good file beside it was never committed
    let dir = Scratch::new("walk-loop");
    let x = dir.path().join("tree/x");
    std::fs::create_dir_all(&x).unwrap();
    std::fs::write(x.join("a.txt"), "زار الرئيس المصري أنقرة أمس.").unwrap();
    std::os::unix::fs::symlink("..", x.join("up1")).unwrap();
    std::os::unix::fs::symlink("..", x.join("up2")).unwrap();
    let made = Command::new("mkfifo")
        .arg(x.join("b.txt"))
        .status()
        .unwrap();
    assert!(made.success());
    let db = dir.path().join("walk.db");
    let out = run_or_kill(
        Command::new(RASID)
            .args(["ingest", "--date", "2025-10-20", "--db"])
            .arg(&db)
            .arg(&x),
        Duration::from_secs(120),
    );
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(
        out.status.code(),
        Some(1),
        "the FIFO is a failure: {stderr}"
    );
    assert!(
        stderr.contains("b.txt: a FIFO, not a regular file: skipped"),
        "{stderr}"
    );
    assert!(
        stderr.contains("up1: symbolic link to a directory: not followed"),
        "{stderr}"
    );
    let s = Store::open(&db).unwrap();
    let ids: Vec<String> = s.documents().unwrap().into_iter().map(|d| d.0).collect();
    assert_eq!(ids, ["a"]);
    let failures = s.failures().unwrap();
    assert_eq!(failures.len(), 1, "{failures:?}");
    assert!(failures[0].location.ends_with("b.txt"));
}

#[test]
fn a_document_over_the_size_cap_is_a_failure_naming_file_and_limit() {
    let dir = Scratch::new("cap");
    let inputs = dir.path().join("in");
    std::fs::create_dir_all(&inputs).unwrap();
    std::fs::write(inputs.join("small.txt"), "زار الرئيس المصري أنقرة أمس.").unwrap();
    std::fs::write(
        inputs.join("big.txt"),
        "زار الرئيس المصري أنقرة أمس. ".repeat(100),
    )
    .unwrap();
    let long_line = format!(
        "{{\"doc_id\": \"long\", \"text\": \"{}\"}}\n{{\"doc_id\": \"short\", \"text\": \"زار الرئيس المصري أنقرة أمس.\"}}\n",
        "زار الرئيس المصري أنقرة أمس. ".repeat(100)
    );
    std::fs::write(inputs.join("c.jsonl"), long_line).unwrap();
    let db = dir.path().join("cap.db");
    let out = Command::new(RASID)
        .args(["ingest", "--max-doc-bytes", "1000", "--db"])
        .arg(&db)
        .arg(&inputs)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    let s = Store::open(&db).unwrap();
    let mut ids: Vec<String> = s.documents().unwrap().into_iter().map(|d| d.0).collect();
    ids.sort();
    assert_eq!(ids, ["short", "small"]);
    let failures = s.failures().unwrap();
    let got: Vec<(String, String)> = failures
        .iter()
        .map(|f| {
            let file = f.location.rsplit('/').next().unwrap().to_string();
            (file, f.reason.clone())
        })
        .collect();
    assert_eq!(got.len(), 2, "{got:?}");
    assert_eq!(got[0].0, "big.txt");
    assert!(
        got[0]
            .1
            .contains("over the limit of 1000 bytes (--max-doc-bytes)"),
        "{got:?}"
    );
    assert_eq!(got[1].0, "c.jsonl:1");
    assert!(got[1].1.contains("over the limit of 1000 bytes"), "{got:?}");
}
