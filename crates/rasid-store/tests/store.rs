//! Store behaviour on small, hand-written Arabic documents (written for these tests).

use rasid_coder::Coder;
use rasid_lexicon::{Lexicon, Sources};
use rasid_store::{
    ingest::Input, DyadFilter, EventFilter, ExportFormat, IngestOptions, IngestStats, Period, Store,
};
use std::sync::OnceLock;

fn lex() -> &'static Lexicon {
    static LEX: OnceLock<Lexicon> = OnceLock::new();
    LEX.get_or_init(|| Lexicon::build(&Sources::embedded()).expect("shipped lexicons build"))
}

fn doc(id: &str, outlet: Option<&str>, date: &str, text: &str) -> Input {
    Input::Doc(rasid_text::Document {
        doc_id: id.into(),
        text: text.into(),
        date: chrono::NaiveDate::parse_from_str(date, "%Y-%m-%d").ok(),
        source: outlet.map(str::to_string),
        url: Some(format!("https://example.org/{id}")),
        title: None,
    })
}

fn ingest(store: &mut Store, inputs: Vec<Input>) -> IngestStats {
    let coder = Coder::new(lex());
    store
        .ingest(
            &coder,
            inputs.into_iter(),
            &IngestOptions {
                batch_size: 2,
                ..Default::default()
            },
            &|_| {},
        )
        .expect("ingest")
}

const VISIT: &str = "زار وزير الخارجية التركي القاهرة أمس.";
const VISIT_OTHER_WORDS: &str =
    "وفي سياق آخر، زار وزير الخارجية التركي القاهرة يوم الأحد في جولة إقليمية. وتناولت المباحثات ملفات عديدة.";
const CONDEMN: &str = "أدانت وزارة الخارجية السعودية الهجوم الإسرائيلي على غزة.";

/// A wire story long enough for a MinHash signature, reporting the visit.
const WIRE: &str = "أنقرة - زار وزير الخارجية التركي القاهرة أمس في إطار جولة تشمل عددا من العواصم العربية، \
وبحث مع المسؤولين المصريين سبل تعزيز التعاون الاقتصادي والتجاري بين البلدين وتطورات الأوضاع الإقليمية. \
وأكد الجانبان أهمية مواصلة التنسيق والتشاور إزاء القضايا ذات الاهتمام المشترك.";
const WIRE_UPDATE_TAIL: &str =
    " وأضاف مصدر دبلوماسي أن الزيارة ستتبعها اجتماعات فنية الشهر المقبل لمتابعة ما تم الاتفاق عليه.";

#[test]
fn same_event_from_two_outlets_is_one_event_with_two_mentions() {
    let mut s = Store::open_in_memory().unwrap();
    let st = ingest(
        &mut s,
        vec![
            doc("a", Some("outlet-1"), "2025-10-20", VISIT),
            doc("b", Some("outlet-2"), "2025-10-20", VISIT_OTHER_WORDS),
            doc("c", Some("outlet-1"), "2025-10-20", CONDEMN),
        ],
    );
    assert_eq!(st.stored, 3);
    assert_eq!(st.near_duplicates, 0);
    let visits = s
        .events(&EventFilter {
            dyad: Some(("TUR".into(), "EGY".into())),
            ..Default::default()
        })
        .unwrap();
    assert_eq!(visits.len(), 1, "{visits:#?}");
    let v = &visits[0];
    assert_eq!(
        (v.cameo.as_str(), v.source.code.as_str()),
        ("042", "TURGOV")
    );
    assert_eq!((v.num_mentions, v.num_sources, v.num_articles), (2, 2, 2));
    let mentions = s.mentions(v.id).unwrap();
    let docs: Vec<&str> = mentions.iter().map(|m| m.doc_id.as_str()).collect();
    assert_eq!(docs, ["a", "b"]);
    // spans point into each document's own text
    assert_eq!(
        &VISIT[mentions[0].trigger.span[0] as usize..mentions[0].trigger.span[1] as usize],
        mentions[0].trigger.text
    );
    assert!(s.check().unwrap().ok());
}

#[test]
fn dedup_date_window() {
    let mut s = Store::open_in_memory().unwrap();
    // "أمس" resolves to the day before each article date: 10-19, 10-20 (±1 day: merged),
    // then 10-25 (outside the window: a new event).
    ingest(
        &mut s,
        vec![
            doc("d1", Some("o1"), "2025-10-20", VISIT),
            doc("d2", Some("o2"), "2025-10-21", VISIT),
            doc("d3", Some("o3"), "2025-10-26", VISIT),
        ],
    );
    let ev = s.events(&EventFilter::default()).unwrap();
    let dates: Vec<(Option<&str>, i64)> = ev
        .iter()
        .map(|e| (e.date.as_deref(), e.num_mentions))
        .collect();
    // newest first
    assert_eq!(dates, [(Some("2025-10-25"), 1), (Some("2025-10-19"), 2)]);
    let f = EventFilter {
        from: Some(chrono::NaiveDate::from_ymd_opt(2025, 10, 24).unwrap()),
        ..Default::default()
    };
    assert_eq!(s.events(&f).unwrap().len(), 1);
}

#[test]
fn near_duplicate_update_counts_as_its_original() {
    let mut s = Store::open_in_memory().unwrap();
    let update = format!("{WIRE}{WIRE_UPDATE_TAIL}");
    let st = ingest(
        &mut s,
        vec![
            doc("wire", Some("agency"), "2025-10-20", WIRE),
            doc("wire-copy", Some("daily"), "2025-10-20", &update),
            doc("other", Some("agency"), "2025-10-20", CONDEMN),
        ],
    );
    assert_eq!(st.near_duplicates, 1);
    let docs = s.documents().unwrap();
    assert_eq!(docs[1], ("wire-copy".to_string(), Some("wire".to_string())));
    assert_eq!(docs[2].1, None);
    let visits = s
        .events(&EventFilter {
            actor: Some("TUR".into()),
            code: Some("042".into()),
            ..Default::default()
        })
        .unwrap();
    assert_eq!(visits.len(), 1);
    // two mentions, two outlets, but one article: the copy is not independent evidence
    assert_eq!(
        (
            visits[0].num_mentions,
            visits[0].num_sources,
            visits[0].num_articles
        ),
        (2, 2, 1)
    );
    assert!(s.check().unwrap().ok());
}

#[test]
fn undated_events_merge_only_within_a_near_duplicate() {
    let mut s = Store::open_in_memory().unwrap();
    let update = format!("{WIRE}{WIRE_UPDATE_TAIL}");
    // no article dates: the events cannot be dated
    let st = ingest(
        &mut s,
        vec![
            doc("wire", Some("agency"), "", WIRE),
            doc("wire-copy", Some("daily"), "", &update),
            doc("elsewhere", Some("weekly"), "", VISIT),
        ],
    );
    assert_eq!(st.near_duplicates, 1);
    let visits = s
        .events(&EventFilter {
            actor: Some("TUR".into()),
            code: Some("042".into()),
            ..Default::default()
        })
        .unwrap();
    // the copy's visit joins the wire's; the other article's undated visit stays apart
    let mut mentions: Vec<i64> = visits.iter().map(|v| v.num_mentions).collect();
    mentions.sort();
    assert_eq!(mentions, [1, 2]);
    assert!(visits.iter().all(|v| v.date.is_none()));
    assert!(s.check().unwrap().ok());
}

#[test]
fn reingest_adds_nothing_and_failures_are_kept() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("t.db");
    let inputs = || {
        vec![
            doc("a", Some("o1"), "2025-10-20", VISIT),
            Input::Failed {
                location: "x.jsonl:2".into(),
                reason: "truncated".into(),
            },
            doc("c", Some("o1"), "2025-10-20", CONDEMN),
            doc("c", Some("o1"), "2025-10-20", CONDEMN), // a repeat within the input
        ]
    };
    let mut s = Store::open(&path).unwrap();
    let first = ingest(&mut s, inputs());
    assert_eq!((first.stored, first.skipped, first.failures), (2, 1, 1));
    let before = s.counts().unwrap();
    drop(s);
    let mut s = Store::open(&path).unwrap();
    let again = ingest(&mut s, inputs());
    assert_eq!((again.stored, again.skipped, again.mentions), (0, 3, 0));
    assert_eq!(s.counts().unwrap(), before);
    let f = s.failures().unwrap();
    assert_eq!(f.len(), 1);
    assert_eq!((f[0].location.as_str(), f[0].times), ("x.jsonl:2", 2));
    assert_eq!(s.schema_version().unwrap(), rasid_store::schema::latest());
    assert!(s.check().unwrap().ok());
}

fn sample_store() -> Store {
    let mut s = Store::open_in_memory().unwrap();
    ingest(
        &mut s,
        vec![
            doc("a", Some("o1"), "2025-10-20", VISIT),
            doc("b", Some("o2"), "2025-10-20", VISIT_OTHER_WORDS),
            doc("c", Some("o1"), "2025-10-21", CONDEMN),
            doc("wire", Some("agency"), "2025-11-02", WIRE),
        ],
    );
    s
}

#[test]
fn every_export_reads_back() {
    let s = sample_store();
    let n_events = s.counts().unwrap().events as usize;
    let n_mentions = s.counts().unwrap().mentions as usize;
    assert!(n_events >= 2);
    let export = |f: ExportFormat| {
        let mut buf = Vec::new();
        s.export(f, &EventFilter::default(), &mut buf).unwrap();
        buf
    };
    // JSON Lines: each event with its mentions
    let jsonl = String::from_utf8(export(ExportFormat::Jsonl)).unwrap();
    let events: Vec<serde_json::Value> = jsonl
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    assert_eq!(events.len(), n_events);
    let m: usize = events
        .iter()
        .map(|e| e["mentions"].as_array().unwrap().len())
        .sum();
    assert_eq!(m, n_mentions);
    // CSV
    let csv_bytes = export(ExportFormat::Csv);
    let mut r = csv::Reader::from_reader(csv_bytes.as_slice());
    assert_eq!(
        r.headers().unwrap().len(),
        rasid_store::export::CSV_COLUMNS.len()
    );
    let rows: Vec<csv::StringRecord> = r.records().map(|x| x.unwrap()).collect();
    assert_eq!(rows.len(), n_events);
    assert!(rows.iter().all(|r| r.len() == 31));
    // GDELT events: 61 columns
    let g = String::from_utf8(export(ExportFormat::GdeltEvents)).unwrap();
    assert_eq!(g.lines().count(), n_events);
    for l in g.lines() {
        assert_eq!(
            l.split('\t').count(),
            rasid_coder::gdelt::EVENT_COLUMNS.len()
        );
        assert_eq!(l.split('\t').count(), 61);
    }
    let visit = g
        .lines()
        .find(|l| l.contains("TURGOV") && l.contains("\t20251019\t"))
        .unwrap();
    let cells: Vec<&str> = visit.split('\t').collect();
    assert_eq!(
        (cells[1], cells[26], cells[31], cells[32]),
        ("20251019", "042", "2", "2")
    );
    // GDELT mentions: 16 columns
    let gm = String::from_utf8(export(ExportFormat::GdeltMentions)).unwrap();
    assert_eq!(gm.lines().count(), n_mentions);
    assert!(gm.lines().all(|l| l.split('\t').count() == 16));
    // Parquet, read back with the parquet crate
    for (f, n) in [
        (ExportFormat::Parquet, n_events),
        (ExportFormat::ParquetMentions, n_mentions),
    ] {
        let bytes = bytes::Bytes::from(export(f));
        let reader = parquet::arrow::arrow_reader::ParquetRecordBatchReaderBuilder::try_new(bytes)
            .unwrap()
            .build()
            .unwrap();
        let mut rows = 0;
        for b in reader {
            let b = b.unwrap();
            rows += b.num_rows();
            if f == ExportFormat::Parquet {
                let codes = b
                    .column_by_name("cameo")
                    .unwrap()
                    .as_any()
                    .downcast_ref::<arrow_array::StringArray>()
                    .unwrap();
                assert!(codes.iter().any(|c| c == Some("042")));
            }
        }
        assert_eq!(rows, n);
    }
}

#[test]
fn queries_dyad_actors_edges() {
    let s = sample_store();
    let all = s
        .dyad("EGY", "TUR", Period::Month, &DyadFilter::default())
        .unwrap();
    assert_eq!(all.rows.len(), 2); // October (two articles) and November (the wire story)
    let oct = chrono::NaiveDate::from_ymd_opt(2025, 10, 31);
    let d = s
        .dyad(
            "EGY",
            "TUR",
            Period::Month,
            &DyadFilter {
                to: oct,
                ..Default::default()
            },
        )
        .unwrap();
    assert_eq!(d.rows.len(), 1);
    let r = &d.rows[0];
    assert_eq!(
        (r.period.as_str(), r.source.as_str(), r.target.as_str()),
        ("2025-10", "TUR", "EGY")
    );
    assert_eq!(r.quad, [1, 0, 0, 0]);
    assert_eq!(r.events, 1);
    assert!((r.goldstein_mean - r.goldstein_sum).abs() < 1e-9);
    let week = s
        .dyad("TUR", "EGY", Period::Week, &DyadFilter::default())
        .unwrap();
    assert_eq!(week.rows[0].period, "2025-10-13"); // Monday of the week of 2025-10-19
    let actors = s.actors(&EventFilter::default(), Some(3), 10).unwrap();
    assert!(actors.iter().any(|a| a.code == "TUR" && a.as_source >= 1));
    let edges = s.edges(&EventFilter::default(), None, 10).unwrap();
    assert!(edges
        .iter()
        .any(|e| e.source == "TURGOV" && e.target == "EGY" && e.mentions >= 2));
    let q3 = s
        .events(&EventFilter {
            quad: Some(3),
            outlet: Some("o1".into()),
            min_confidence: Some(0.1),
            ..Default::default()
        })
        .unwrap();
    assert!(q3.iter().all(|e| e.quad_class == 3));
    assert!(!q3.is_empty());
    let none = s
        .events(&EventFilter {
            outlet: Some("no such outlet' OR 1=1 --".into()),
            ..Default::default()
        })
        .unwrap();
    assert!(none.is_empty());
}

#[test]
fn generated_events_and_dyad() {
    let mut s = Store::open_in_memory().unwrap();
    s.generate(20_000, 7).unwrap();
    assert_eq!(s.counts().unwrap().events, 20_000);
    let d = s
        .dyad("TUR", "LBY", Period::Month, &DyadFilter::default())
        .unwrap();
    let total: i64 = d.rows.iter().map(|r| r.events).sum();
    assert!(total > 0);
    assert!(d
        .rows
        .iter()
        .all(|r| r.quad.iter().sum::<i64>() == r.events));
    assert!(s.check().unwrap().ok());
}

#[test]
fn event_by_id_has_its_mentions() {
    let s = sample_store();
    for e in s.events(&EventFilter::default()).unwrap() {
        let got = s.event(e.id).unwrap().expect("stored");
        assert_eq!(got.mentions, s.mentions(e.id).unwrap());
        assert!(!got.mentions.is_empty());
        assert_eq!(
            rasid_store::StoredEvent {
                mentions: Vec::new(),
                ..got
            },
            e
        );
    }
    assert_eq!(s.event(999_999).unwrap(), None);
}

#[test]
fn cursor_pages_cover_the_events_in_order() {
    let mut s = Store::open_in_memory().unwrap();
    s.generate(500, 3).unwrap();
    // some undated events: they come last
    s.connection()
        .execute(
            "UPDATE events SET date = NULL, date_precision = NULL, day_start = NULL,
                    day_end = NULL WHERE id % 7 = 0",
            [],
        )
        .unwrap();
    for f in [
        EventFilter::default(),
        EventFilter {
            quad: Some(4),
            ..Default::default()
        },
    ] {
        let all = s.events(&f).unwrap();
        assert!(all.len() > 10);
        let mut paged = Vec::new();
        let mut after = None;
        loop {
            let page = s
                .events(&EventFilter {
                    after,
                    limit: Some(7),
                    ..f.clone()
                })
                .unwrap();
            let Some(last) = page.last() else { break };
            after = Some(last.id);
            paged.extend(page);
        }
        assert_eq!(paged, all);
    }
    // a cursor must name an event of the filter
    let q4 = s
        .events(&EventFilter {
            quad: Some(4),
            ..Default::default()
        })
        .unwrap();
    let other = s
        .events(&EventFilter::default())
        .unwrap()
        .into_iter()
        .find(|e| e.quad_class != 4)
        .unwrap();
    assert!(!q4.is_empty());
    for after in [other.id, 999_999] {
        let r = s.events(&EventFilter {
            quad: Some(4),
            after: Some(after),
            ..Default::default()
        });
        assert!(matches!(r, Err(rasid_store::StoreError::Cursor(id)) if id == after));
    }
}

#[test]
fn documents_texts_and_mentions() {
    let mut s = Store::open_in_memory().unwrap();
    let d = |id: &str, text: &str| rasid_text::Document {
        doc_id: id.into(),
        text: text.into(),
        date: chrono::NaiveDate::from_ymd_opt(2025, 10, 20),
        source: Some("o1".into()),
        title: Some("t".into()),
        url: None,
    };
    let docs = vec![d("a", VISIT), d("b", CONDEMN), d("c", WIRE)];
    // a text kept before ingest (as coded elsewhere) stays as it is
    s.keep_texts(&docs[2..]).unwrap();
    ingest(&mut s, docs.into_iter().map(Input::Doc).collect());
    let a = s.document("a").unwrap().expect("stored");
    assert_eq!(a.text.as_deref(), Some(VISIT));
    assert_eq!(
        (a.title.as_deref(), a.outlet.as_deref()),
        (Some("t"), Some("o1"))
    );
    assert_eq!(a.text_len, VISIT.len() as i64);
    // ingest keeps every text (compressed)
    assert_eq!(s.document_text("b").unwrap().as_deref(), Some(CONDEMN));
    assert_eq!(s.document_text("c").unwrap().as_deref(), Some(WIRE));
    assert!(s.document("b").unwrap().is_some());
    assert_eq!(s.document("zz").unwrap(), None);
    let ms = s.document_mentions("a").unwrap();
    assert_eq!(ms.len() as i64, a.n_events);
    assert!(ms.iter().all(|m| m.doc_id == "a"));
    assert!(s.document_mentions("zz").unwrap().is_empty());
}

#[test]
fn v3_moves_the_servers_texts() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("v2.db");
    {
        let c = rusqlite::Connection::open(&path).unwrap();
        for m in &rasid_store::schema::MIGRATIONS[..2] {
            c.execute_batch(m).unwrap();
        }
        c.execute_batch(
            "PRAGMA user_version = 2;
             INSERT INTO documents (doc_id, content_hash, text_len, n_events, coded_at)
               VALUES ('d', 'h', 4, 0, '2025-01-01T00:00:00Z');
             CREATE TABLE server_texts (doc_id TEXT NOT NULL, content_hash TEXT NOT NULL,
               text TEXT NOT NULL, PRIMARY KEY (doc_id, content_hash));
             INSERT INTO server_texts VALUES ('d', 'h', 'text');",
        )
        .unwrap();
    }
    // read-only cannot migrate: a clear error, not a failing query later
    let r = Store::open_read_only(&path);
    assert!(
        matches!(
            r,
            Err(rasid_store::StoreError::SchemaTooOld { found: 2, known }) if known == rasid_store::schema::latest()
        ),
        "{r:?}"
    );
    let s = Store::open(&path).unwrap();
    assert_eq!(s.schema_version().unwrap(), rasid_store::schema::latest());
    assert_eq!(s.document_text("d").unwrap().as_deref(), Some("text"));
    let server_texts: i64 = s
        .connection()
        .query_row(
            "SELECT count(*) FROM sqlite_master WHERE name = 'server_texts'",
            [],
            |r| r.get(0),
        )
        .unwrap();
    assert_eq!(server_texts, 0);
}

/// A file store in a fresh temporary directory (kept alive by the returned guard).
fn file_store() -> (tempfile::TempDir, std::path::PathBuf) {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("store.db");
    (dir, path)
}

#[test]
fn one_document_writes_find_near_duplicates_stored_by_earlier_writes() {
    // issue 16: each `POST /v1/documents` reloaded every stored signature (55 ms at 11,600
    // documents); writes now look their bands up in the store: the server's path, one
    // ingest call per document on a file store
    let (_dir, path) = file_store();
    let update = format!("{WIRE}{WIRE_UPDATE_TAIL}");
    for (id, text) in [
        ("wire", WIRE),
        ("other", CONDEMN),
        ("wire-copy", update.as_str()),
    ] {
        let mut s = Store::open(&path).unwrap();
        let st = ingest(&mut s, vec![doc(id, Some("agency"), "2025-10-20", text)]);
        assert_eq!(st.stored, 1, "{id}");
    }
    let mut s = Store::open(&path).unwrap();
    let docs = s.documents().unwrap();
    assert_eq!(docs[2], ("wire-copy".to_string(), Some("wire".to_string())));
    // the same document again is known without loading every key
    let again = ingest(
        &mut s,
        vec![doc("wire", Some("agency"), "2025-10-20", WIRE)],
    );
    assert_eq!((again.stored, again.skipped), (0, 1));
    let bands: i64 = s
        .connection()
        .query_row("SELECT count(DISTINCT doc) FROM near_dup_bands", [], |r| {
            r.get(0)
        })
        .unwrap();
    assert_eq!(bands, 2, "the two texts long enough for a signature");
    assert!(s.check().unwrap().ok());
}

#[test]
fn bands_are_backfilled_for_a_store_written_before_them() {
    // a store of schema v3 (signatures in documents.minhash, no band table) gains its
    // bands in the migration, and a later copy links to a document stored before it
    let (_dir, path) = file_store();
    {
        let conn = rusqlite::Connection::open(&path).unwrap();
        for sql in &rasid_store::schema::MIGRATIONS[..3] {
            conn.execute_batch(sql).unwrap();
        }
        conn.execute_batch("PRAGMA user_version = 3").unwrap();
        let sig = rasid_store::neardup::signature(WIRE).unwrap();
        conn.execute(
            "INSERT INTO documents (doc_id, content_hash, text_len, shingles, minhash, n_events, coded_at)
             VALUES ('wire', ?1, ?2, ?3, ?4, 0, '2025-10-20T00:00:00Z')",
            rusqlite::params![
                rasid_store::ingest::content_hash(WIRE),
                WIRE.len() as i64,
                sig.shingles,
                sig.to_bytes()
            ],
        )
        .unwrap();
    }
    let mut s = Store::open(&path).unwrap();
    assert_eq!(s.schema_version().unwrap(), rasid_store::schema::latest());
    let update = format!("{WIRE}{WIRE_UPDATE_TAIL}");
    let st = ingest(&mut s, vec![doc("wire-copy", None, "2025-10-20", &update)]);
    assert_eq!(st.near_duplicates, 1);
    assert_eq!(
        s.documents().unwrap()[1],
        ("wire-copy".to_string(), Some("wire".to_string()))
    );
}

/// The text of each document of [`sample_store`].
fn sample_text(doc_id: &str) -> &'static str {
    match doc_id {
        "a" => VISIT,
        "b" => VISIT_OTHER_WORDS,
        "c" => CONDEMN,
        "wire" => WIRE,
        _ => panic!("no sample document {doc_id}"),
    }
}

#[test]
fn every_mention_carries_its_sentence_and_url() {
    // issue 17: evidence kept after ingest
    let s = sample_store();
    let events = s.events(&EventFilter::default()).unwrap();
    assert!(events.len() >= 3);
    for e in &events {
        let ms = s.mentions(e.id).unwrap();
        for m in &ms {
            let text = sample_text(&m.doc_id);
            let sentence = &text[m.evidence[0] as usize..m.evidence[1] as usize];
            assert_eq!(m.evidence_text.as_deref(), Some(sentence));
            assert!(sentence.contains(&m.trigger.text));
            assert_eq!(
                m.url.as_deref(),
                Some(format!("https://example.org/{}", m.doc_id).as_str())
            );
        }
        // the event carries its first mention's document, url and sentence
        assert_eq!(e.doc_id.as_deref(), Some(ms[0].doc_id.as_str()));
        assert_eq!(e.url, ms[0].url);
        assert_eq!(e.evidence_text, ms[0].evidence_text);
    }
    let visit = events
        .iter()
        .find(|e| e.cameo == "042" && e.doc_id.as_deref() == Some("a"))
        .unwrap();
    assert_eq!(visit.evidence_text.as_deref(), Some(VISIT));
    // the JSON of an event with its mentions (`rasid events --format jsonl --mentions`)
    let mut v = s.event(visit.id).unwrap().unwrap();
    v.mentions = s.mentions(visit.id).unwrap();
    let j = serde_json::to_value(&v).unwrap();
    assert_eq!(j["evidence_text"], VISIT);
    assert_eq!(j["url"], "https://example.org/a");
    assert_eq!(j["mentions"][0]["evidence_text"], VISIT);
    assert_eq!(j["mentions"][1]["url"], "https://example.org/b");
    assert_eq!(
        j["mentions"][1]["evidence_text"],
        "وفي سياق آخر، زار وزير الخارجية التركي القاهرة يوم الأحد في جولة إقليمية."
    );
    // the whole text is kept, compressed
    let stored: (String, Vec<u8>) = s
        .connection()
        .query_row(
            "SELECT codec, data FROM document_texts WHERE doc_id = 'wire'",
            [],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )
        .unwrap();
    assert_eq!(stored.0, "deflate");
    assert!(
        stored.1.len() * 4 < WIRE.len() * 3,
        "{} bytes",
        stored.1.len()
    );
    assert_eq!(s.document_text("wire").unwrap().as_deref(), Some(WIRE));
}

#[test]
fn csv_and_parquet_carry_document_url_and_sentence() {
    let s = sample_store();
    let mut buf = Vec::new();
    s.export(ExportFormat::Csv, &EventFilter::default(), &mut buf)
        .unwrap();
    let mut r = csv::Reader::from_reader(buf.as_slice());
    let h = r.headers().unwrap().clone();
    let col = |name: &str| h.iter().position(|c| c == name).unwrap();
    let (cameo, root, doc_id, url, ev) = (
        col("cameo"),
        col("cameo_root"),
        col("doc_id"),
        col("url"),
        col("evidence_text"),
    );
    let rows: Vec<csv::StringRecord> = r.records().map(|x| x.unwrap()).collect();
    let visit = rows
        .iter()
        .find(|r| &r[cameo] == "042" && &r[doc_id] == "a")
        .expect("the visit");
    // codes stay text with their leading zero
    assert_eq!((&visit[cameo], &visit[root]), ("042", "04"));
    assert_eq!(
        (&visit[doc_id], &visit[url], &visit[ev]),
        ("a", "https://example.org/a", VISIT)
    );
    assert!(rows
        .iter()
        .all(|r| !r[ev].is_empty() && !r[doc_id].is_empty()));
    // Parquet: events and mentions have evidence_text
    for f in [ExportFormat::Parquet, ExportFormat::ParquetMentions] {
        let mut buf = Vec::new();
        s.export(f, &EventFilter::default(), &mut buf).unwrap();
        let reader = parquet::arrow::arrow_reader::ParquetRecordBatchReaderBuilder::try_new(
            bytes::Bytes::from(buf),
        )
        .unwrap()
        .build()
        .unwrap();
        let mut texts = Vec::new();
        for b in reader {
            let b = b.unwrap();
            let col = |n: &str| {
                b.column_by_name(n)
                    .unwrap()
                    .as_any()
                    .downcast_ref::<arrow_array::StringArray>()
                    .unwrap()
                    .iter()
                    .map(|x| x.map(str::to_string))
                    .collect::<Vec<_>>()
            };
            let (ids, urls, evs) = (col("doc_id"), col("url"), col("evidence_text"));
            for ((id, u), e) in ids.into_iter().zip(urls).zip(evs) {
                let id = id.unwrap();
                assert_eq!(u.unwrap(), format!("https://example.org/{id}"));
                let e = e.unwrap();
                assert!(sample_text(&id).contains(&e), "{f:?} {id}: {e}");
                texts.push(e);
            }
        }
        assert!(texts.iter().any(|t| t == VISIT), "{f:?}");
    }
}

#[test]
fn keep_text_evidence_keeps_only_the_sentences() {
    let mut s = Store::open_in_memory().unwrap();
    let st = s
        .ingest(
            &Coder::new(lex()),
            vec![doc("a", None, "2025-10-20", VISIT_OTHER_WORDS)].into_iter(),
            &IngestOptions {
                keep_text: rasid_store::KeepText::Evidence,
                ..Default::default()
            },
            &|_| {},
        )
        .unwrap();
    assert_eq!(st.stored, 1);
    let d = s.document("a").unwrap().unwrap();
    assert_eq!((d.text, d.text_len), (None, VISIT_OTHER_WORDS.len() as i64));
    let ms = s.document_mentions("a").unwrap();
    assert!(!ms.is_empty());
    assert_eq!(
        ms[0].evidence_text.as_deref(),
        Some("وفي سياق آخر، زار وزير الخارجية التركي القاهرة يوم الأحد في جولة إقليمية.")
    );
}

#[test]
fn v5_compresses_kept_texts_and_fills_the_sentences() {
    // a store of schema v4 with a text kept by the server (plain) and one without: the
    // mention of the first gets its sentence (a byte range of Arabic text), the text is
    // compressed, the other mention stays without a sentence
    let (_dir, path) = file_store();
    let two = format!("{CONDEMN} {VISIT}");
    let (a, b) = (CONDEMN.len() + 1, two.len());
    {
        let conn = rusqlite::Connection::open(&path).unwrap();
        for sql in &rasid_store::schema::MIGRATIONS[..4] {
            conn.execute_batch(sql).unwrap();
        }
        conn.execute_batch(
            "PRAGMA user_version = 4;
             INSERT INTO events (id, cameo, root, quad_class, goldstein, source_code, source_name,
               added_at) VALUES (1, '042', '04', 1, 1.9, 'TURGOV', 'Turkey', '20251020000000');",
        )
        .unwrap();
        for (id, hash, text) in [
            (
                1,
                rasid_store::ingest::content_hash(&two),
                Some(two.as_str()),
            ),
            (2, "h2".to_string(), None),
        ] {
            conn.execute(
                "INSERT INTO documents (id, doc_id, content_hash, text_len, n_events, coded_at)
                 VALUES (?1, ?2, ?3, 10, 1, '2025-10-20T00:00:00Z')",
                rusqlite::params![id, format!("d{id}"), hash],
            )
            .unwrap();
            if let Some(t) = text {
                conn.execute(
                    "INSERT INTO document_texts VALUES (?1, ?2, ?3)",
                    rusqlite::params![format!("d{id}"), hash, t],
                )
                .unwrap();
            }
            conn.execute(
                "INSERT INTO mentions (event_id, doc, local_id, sentence, evidence_start,
                   evidence_end, trigger_start, trigger_end, trigger_text, rule, source_start,
                   source_end, source_text, source_entry, confidence, lexicon)
                 VALUES (1, ?1, 'x:1', 1, ?2, ?3, 0, 0, 'زار', 'r', 0, 0, '', '', 0.9, 'l')",
                rusqlite::params![id, a as i64, b as i64],
            )
            .unwrap();
        }
    }
    let s = Store::open(&path).unwrap();
    assert_eq!(s.schema_version().unwrap(), rasid_store::schema::latest());
    assert_eq!(
        s.document_text("d1").unwrap().as_deref(),
        Some(two.as_str())
    );
    let ms = s.mentions(1).unwrap();
    assert_eq!(ms[0].evidence_text.as_deref(), Some(VISIT));
    assert_eq!(ms[1].evidence_text, None);
    let (codec, old): (String, i64) = s
        .connection()
        .query_row(
            "SELECT (SELECT codec FROM document_texts),
                    (SELECT count(*) FROM sqlite_master WHERE name = 'document_texts_v4')",
            [],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )
        .unwrap();
    assert_eq!((codec.as_str(), old), ("deflate", 0));
    // read-only now opens
    drop(s);
    assert!(Store::open_read_only(&path).is_ok());
}

/// The visit of [`VISIT`] told as an act of 3 August: 78 days before an article of
/// 2025-10-20.
const VISIT_IN_AUGUST: &str = "زار وزير الخارجية التركي القاهرة في 3 أغسطس الماضي.";

#[test]
fn history_is_apart_and_lists_are_newest_first() {
    // issue 17: an act recalled from long before the article is history
    let mut s = Store::open_in_memory().unwrap();
    ingest(
        &mut s,
        vec![
            doc("a", Some("o1"), "2025-10-20", VISIT),
            doc("c", Some("o1"), "2025-10-21", CONDEMN),
            doc("old", Some("o2"), "2025-10-20", VISIT_IN_AUGUST),
        ],
    );
    let all = s
        .events(&EventFilter {
            include_history: true,
            ..Default::default()
        })
        .unwrap();
    let news = s.events(&EventFilter::default()).unwrap();
    let old: Vec<_> = all.iter().filter(|e| e.history).collect();
    assert_eq!(old.len(), 1, "{all:#?}");
    assert_eq!(
        (old[0].date.as_deref(), old[0].doc_id.as_deref()),
        (Some("2025-08-03"), Some("old"))
    );
    assert_eq!(news.len() + 1, all.len());
    assert!(news.iter().all(|e| !e.history));
    // newest first, the recalled act last
    let dates: Vec<&str> = all.iter().map(|e| e.date.as_deref().unwrap()).collect();
    assert!(dates.windows(2).all(|w| w[0] >= w[1]), "{dates:?}");
    assert_eq!(*dates.last().unwrap(), "2025-08-03");
    // reporting lag: article date − event date, in days
    let lag = |doc: &str| s.document_mentions(doc).unwrap()[0].lag_days;
    assert_eq!((lag("a"), lag("old")), (Some(1), Some(78)));
    // dyads and the network leave history out unless asked
    let months = |h: bool| -> Vec<String> {
        s.dyad(
            "TUR",
            "EGY",
            Period::Month,
            &DyadFilter {
                include_history: h,
                ..Default::default()
            },
        )
        .unwrap()
        .rows
        .into_iter()
        .map(|r| r.period)
        .collect()
    };
    assert_eq!(months(false), ["2025-10"]);
    assert_eq!(months(true), ["2025-08", "2025-10"]);
    let edge_events = |h: bool| {
        s.edges(
            &EventFilter {
                include_history: h,
                ..Default::default()
            },
            Some(3),
            10,
        )
        .unwrap()
        .into_iter()
        .find(|e| e.source == "TUR" && e.target == "EGY")
        .map(|e| e.events)
    };
    assert_eq!((edge_events(false), edge_events(true)), (Some(1), Some(2)));
}

#[test]
fn history_starts_after_31_days() {
    // 15 September seen from 16 October lags 31 days (the reported period), from 17
    // October 32 days (history)
    for (article, lag, history) in [("2025-10-16", 31, false), ("2025-10-17", 32, true)] {
        let mut s = Store::open_in_memory().unwrap();
        ingest(
            &mut s,
            vec![doc(
                "x",
                None,
                article,
                "زار وزير الخارجية التركي القاهرة في 15 سبتمبر الماضي.",
            )],
        );
        let e = s
            .events(&EventFilter {
                include_history: true,
                ..Default::default()
            })
            .unwrap();
        assert_eq!(e.len(), 1, "{article}");
        assert_eq!(e[0].date.as_deref(), Some("2025-09-15"));
        assert_eq!(e[0].history, history, "{article}");
        assert_eq!(s.document_mentions("x").unwrap()[0].lag_days, Some(lag));
        assert_eq!(
            s.events(&EventFilter::default()).unwrap().len(),
            !history as usize
        );
    }
    // the rule's arithmetic on the coarser precisions
    let d = chrono::NaiveDate::from_ymd_opt(2015, 8, 10);
    assert_eq!(rasid_store::ingest::lag_days(d, Some("2015-07")), Some(10));
    assert_eq!(rasid_store::ingest::lag_days(d, Some("2014")), Some(222));
    assert_eq!(
        rasid_store::ingest::lag_days(d, Some("2015-08-12")),
        Some(-2)
    );
    assert_eq!(
        rasid_store::ingest::lag_days(None, Some("2015-08-12")),
        None
    );
    assert_eq!(rasid_store::ingest::lag_days(d, Some("soon")), None);
}

#[test]
fn v6_flags_history_in_a_store_written_before() {
    // a v5 store: the migration computes the lags and flags from the stored dates
    let (_dir, path) = file_store();
    {
        let conn = rusqlite::Connection::open(&path).unwrap();
        for sql in &rasid_store::schema::MIGRATIONS[..5] {
            conn.execute_batch(sql).unwrap();
        }
        conn.execute_batch(
            "PRAGMA user_version = 5;
             INSERT INTO documents (id, doc_id, content_hash, date, text_len, n_events, coded_at)
               VALUES (1, 'd', 'h', '2015-08-10', 10, 2, '2015-08-10T00:00:00Z');
             INSERT INTO events (id, cameo, root, quad_class, goldstein, source_code, source_name,
               date, date_precision, day_start, day_end, added_at)
               VALUES (1, '042', '04', 1, 1.9, 'TURGOV', 'Turkey', '2015-07', 'month',
                       '2015-07-01', '2015-07-31', '20150810000000'),
                      (2, '042', '04', 1, 1.9, 'TURGOV', 'Turkey', '2014', 'year',
                       '2014-01-01', '2014-12-31', '20150810000000');
             INSERT INTO mentions (event_id, doc, local_id, sentence, evidence_start, evidence_end,
               trigger_start, trigger_end, trigger_text, rule, source_start, source_end,
               source_text, source_entry, date, confidence, lexicon)
               VALUES (1, 1, 'd:1', 0, 0, 0, 0, 0, 'زار', 'r', 0, 0, '', '', '2015-07', 0.9, 'l'),
                      (2, 1, 'd:2', 0, 0, 0, 0, 0, 'زار', 'r', 0, 0, '', '', '2014', 0.9, 'l');",
        )
        .unwrap();
    }
    let s = Store::open(&path).unwrap();
    let lags: Vec<Option<i64>> = s
        .mentions(1)
        .unwrap()
        .into_iter()
        .chain(s.mentions(2).unwrap())
        .map(|m| m.lag_days)
        .collect();
    assert_eq!(lags, [Some(10), Some(222)]);
    let e = s
        .events(&EventFilter {
            include_history: true,
            ..Default::default()
        })
        .unwrap();
    let flags: Vec<(i64, bool)> = e.iter().map(|e| (e.id, e.history)).collect();
    assert_eq!(flags, [(1, false), (2, true)]);
}

/// The events of a store as comparable tuples (code, actors, date, counts), sorted.
fn canonical(s: &Store) -> Vec<(String, String, String, Option<String>, i64, i64)> {
    let mut v: Vec<_> = s
        .events(&EventFilter {
            include_history: true,
            ..Default::default()
        })
        .unwrap()
        .into_iter()
        .map(|e| {
            (
                e.cameo,
                e.source.code,
                e.target.map(|t| t.code).unwrap_or_default(),
                e.date,
                e.num_mentions,
                e.num_articles,
            )
        })
        .collect();
    v.sort();
    v
}

fn sample_docs() -> Vec<Input> {
    vec![
        doc("a", Some("o1"), "2025-10-20", VISIT),
        doc("b", Some("o2"), "2025-10-20", VISIT_OTHER_WORDS),
        doc("c", Some("o1"), "2025-10-21", CONDEMN),
        doc("wire", Some("agency"), "2025-11-02", WIRE),
        doc("old", Some("o2"), "2025-10-20", VISIT_IN_AUGUST),
    ]
}

#[test]
fn recode_rebuilds_what_another_coder_coded() {
    // issue 17: the store records the coder version; recode codes stored texts again
    let shipped = Coder::new(lex());
    let rules = Coder::with_options(
        lex(),
        rasid_coder::Options {
            model: None,
            ..Default::default()
        },
    );
    let (v_shipped, v_rules) = (
        rasid_store::ingest::coder_version(&shipped),
        rasid_store::ingest::coder_version(&rules),
    );
    assert_ne!(v_shipped, v_rules);
    assert!(v_shipped.starts_with(lex().version()));
    let mut s = Store::open_in_memory().unwrap();
    ingest(&mut s, sample_docs());
    assert_eq!(s.coder_versions().unwrap(), [(Some(v_shipped.clone()), 5)]);
    // the same coder: nothing to do
    let same = s.recode(&shipped, 2, &|_| {}).unwrap();
    assert_eq!((same.pending, same.recoded), (0, 0));
    // what a store coded by the rules alone holds
    let mut fresh = Store::open_in_memory().unwrap();
    fresh
        .ingest(
            &rules,
            sample_docs().into_iter(),
            &IngestOptions::default(),
            &|_| {},
        )
        .unwrap();
    let want = canonical(&fresh);
    // re-coded by the rules alone, two documents a batch, progress after each
    let calls = std::sync::Mutex::new(Vec::new());
    let st = s
        .recode(&rules, 2, &|p| calls.lock().unwrap().push(p.recoded))
        .unwrap();
    assert_eq!(
        (st.pending, st.recoded, st.no_text, st.failures),
        (5, 5, 0, 0)
    );
    assert_eq!(calls.into_inner().unwrap(), [2, 4, 5]);
    assert_eq!(canonical(&s), want);
    assert_eq!(s.coder_versions().unwrap(), [(Some(v_rules.clone()), 5)]);
    assert!(s.check().unwrap().ok(), "{:?}", s.check().unwrap());
    // idempotent
    let again = s.recode(&rules, 2, &|_| {}).unwrap();
    assert_eq!((again.pending, again.recoded), (0, 0));
    assert_eq!(canonical(&s), want);
    // resumable: a run stopped after some batches leaves the rest to do; the next run
    // re-codes only those
    s.connection()
        .execute(
            "UPDATE documents SET coder = 'older' WHERE doc_id IN ('b', 'wire')",
            [],
        )
        .unwrap();
    assert_eq!(s.recode_pending(&rules).unwrap(), (2, 0));
    let rest = s.recode(&rules, 1, &|_| {}).unwrap();
    assert_eq!((rest.pending, rest.recoded), (2, 2));
    assert_eq!(canonical(&s), want);
    assert!(s.check().unwrap().ok());
    // back to the shipped coder: the store equals a fresh ingest by it
    s.recode(&shipped, 1000, &|_| {}).unwrap();
    let mut fresh = Store::open_in_memory().unwrap();
    ingest(&mut fresh, sample_docs());
    assert_eq!(canonical(&s), canonical(&fresh));
}

#[test]
fn recode_needs_the_kept_text() {
    let mut s = Store::open_in_memory().unwrap();
    s.ingest(
        &Coder::new(lex()),
        sample_docs().into_iter(),
        &IngestOptions {
            keep_text: rasid_store::KeepText::Evidence,
            ..Default::default()
        },
        &|_| {},
    )
    .unwrap();
    let before = canonical(&s);
    let rules = Coder::with_options(
        lex(),
        rasid_coder::Options {
            model: None,
            ..Default::default()
        },
    );
    let st = s.recode(&rules, 10, &|_| {}).unwrap();
    assert_eq!((st.pending, st.recoded, st.no_text), (0, 0, 5));
    assert_eq!(canonical(&s), before);
}

#[test]
fn entity_filter_and_entities_per_code() {
    // issue 17: events of one lexicon entry; the entries seen under a code
    let s = sample_store();
    let all = s.events(&EventFilter::default()).unwrap();
    // the entries of the sample: the Turkish foreign minister's office and country
    let entries: Vec<String> = all
        .iter()
        .flat_map(|e| s.mentions(e.id).unwrap())
        .map(|m| m.source.id)
        .collect();
    assert!(
        entries.iter().any(|e| e.split('+').any(|x| x == "turkey")),
        "{entries:?}"
    );
    let turkey = s
        .events(&EventFilter {
            entity: Some("turkey".into()),
            ..Default::default()
        })
        .unwrap();
    assert!(
        !turkey.is_empty() && turkey.len() < all.len(),
        "{turkey:#?}"
    );
    assert!(turkey.iter().all(|e| e.source.code.starts_with("TUR")
        || e.target.as_ref().is_some_and(|t| t.code.starts_with("TUR"))));
    // an id matches whole ids only
    for id in ["turk", "no-such-entry", "urkey"] {
        let none = s
            .events(&EventFilter {
                entity: Some(id.into()),
                ..Default::default()
            })
            .unwrap();
        assert!(none.is_empty(), "{id}");
    }
    // dyads and exports take it too
    let d = |entity: Option<&str>| {
        s.dyad(
            "TUR",
            "EGY",
            Period::Month,
            &DyadFilter {
                entity: entity.map(str::to_string),
                ..Default::default()
            },
        )
        .unwrap()
        .rows
        .len()
    };
    // October and November
    assert_eq!(
        (d(None), d(Some("turkey")), d(Some("saudi-arabia"))),
        (2, 2, 0)
    );
    let mut buf = Vec::new();
    let n = s
        .export(
            ExportFormat::Jsonl,
            &EventFilter {
                entity: Some("turkey".into()),
                ..Default::default()
            },
            &mut buf,
        )
        .unwrap();
    assert_eq!(n as usize, turkey.len());
    // the entries seen under TURGOV, counted per id
    let ents = s
        .actor_entities(&EventFilter::default(), "TURGOV", None, 10)
        .unwrap();
    let turkey_mentions = ents.iter().find(|e| e.id == "turkey").unwrap().mentions;
    assert!(turkey_mentions >= 3, "{ents:?}");
    assert!(ents.windows(2).all(|w| w[0].mentions >= w[1].mentions));
    // cut to 3 characters: TUR gathers TURGOV's entries
    let cut = s
        .actor_entities(&EventFilter::default(), "TUR", Some(3), 10)
        .unwrap();
    assert!(cut
        .iter()
        .any(|e| e.id == "turkey" && e.mentions >= turkey_mentions));
    assert!(s
        .actor_entities(&EventFilter::default(), "TUR", None, 10)
        .unwrap()
        .is_empty());
}
