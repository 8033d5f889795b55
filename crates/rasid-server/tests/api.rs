//! API tests: every route through `app(state).oneshot(..)`, over a temporary store
//! ingested from our own Arabic sentences (written for these tests, not news text).

use axum::body::Body;
use axum::http::{header, Method, Request, StatusCode};
use axum::Router;
use rasid_lexicon::{Lexicon, Sources};
use rasid_server::{app, AppState, BODY_LIMIT};
use serde_json::{json, Value};
use std::path::PathBuf;
use std::sync::{Arc, OnceLock};
use tower::ServiceExt;

/// Three short articles about Egypt and Turkey in three months (our own sentences).
const DOCS: &[(&str, &str, &str)] = &[
    (
        "t-visit",
        "2025-01-15",
        "زار وزير الخارجية التركي القاهرة أمس، والتقى الرئيس المصري في قصر الاتحادية. \
         وبحث الجانبان تعزيز التعاون الاقتصادي بين البلدين.",
    ),
    (
        "t-condemn",
        "2025-02-20",
        "أدانت وزارة الخارجية المصرية تصريحات المسؤول التركي.",
    ),
    (
        "t-ankara",
        "2025-03-05",
        "وقّعت مصر وتركيا اتفاقية للتعاون في مجال الطاقة في أنقرة. \
         استقبل الرئيس التركي وزير الدفاع المصري في أنقرة يوم الثلاثاء.",
    ),
];

const TOKEN: &str = "s3cret-token";

fn lexicon() -> Arc<Lexicon> {
    static LEX: OnceLock<Arc<Lexicon>> = OnceLock::new();
    LEX.get_or_init(|| Arc::new(Lexicon::build(&Sources::embedded()).expect("lexicon")))
        .clone()
}

/// A fresh database path in a fresh temporary directory.
fn temp_db(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!(
        "rasid-server-test-{}-{name}-{}",
        std::process::id(),
        std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .unwrap()
            .as_nanos()
    ));
    std::fs::create_dir_all(&dir).unwrap();
    dir.join("rasid.db")
}

/// A store ingested through rasid-store's API (the CLI path; texts kept).
fn store_via_library(name: &str) -> PathBuf {
    store_via_library_keeping(name, rasid_store::KeepText::Full)
}

/// A store ingested through rasid-store's API, keeping `keep` of each text.
fn store_via_library_keeping(name: &str, keep: rasid_store::KeepText) -> PathBuf {
    let path = temp_db(name);
    let lex = lexicon();
    let coder = rasid_coder::Coder::new(&lex);
    let mut store = rasid_store::Store::open(&path).unwrap();
    let inputs = DOCS.iter().map(|(id, date, text)| {
        rasid_store::Input::Doc(rasid_text::Document {
            doc_id: id.to_string(),
            text: text.to_string(),
            date: chrono::NaiveDate::parse_from_str(date, "%Y-%m-%d").ok(),
            source: Some("test-outlet".into()),
            ..Default::default()
        })
    });
    let stats = store
        .ingest(
            &coder,
            inputs,
            &rasid_store::IngestOptions {
                keep_text: keep,
                ..Default::default()
            },
            &|_| {},
        )
        .unwrap();
    assert_eq!(stats.stored, 3);
    path
}

/// An app over a store filled by `POST /v1/documents` (texts kept).
async fn app_with_ingested(name: &str) -> Router {
    let path = temp_db(name);
    let app = app(AppState::new(lexicon(), Some(path), Some(TOKEN.into())));
    let docs: Vec<Value> = DOCS
        .iter()
        .map(|(id, date, text)| {
            json!({"doc_id": id, "date": date, "text": text, "source": "test-outlet",
                   "url": format!("https://example.org/{id}")})
        })
        .collect();
    let (status, body) = send(
        &app,
        Request::post("/v1/documents")
            .header(header::CONTENT_TYPE, "application/json")
            .header(header::AUTHORIZATION, format!("Bearer {TOKEN}"))
            .body(Body::from(json!({ "documents": docs }).to_string()))
            .unwrap(),
    )
    .await;
    assert_eq!(status, StatusCode::OK, "{body}");
    assert_eq!(body["ingested"]["stored"], 3);
    app
}

async fn send(app: &Router, req: Request<Body>) -> (StatusCode, Value) {
    let res = app.clone().oneshot(req).await.unwrap();
    let status = res.status();
    let bytes = axum::body::to_bytes(res.into_body(), usize::MAX)
        .await
        .unwrap();
    let body = serde_json::from_slice(&bytes)
        .unwrap_or_else(|_| Value::String(String::from_utf8_lossy(&bytes).into_owned()));
    (status, body)
}

async fn get(app: &Router, uri: &str) -> (StatusCode, Value) {
    send(app, Request::get(uri).body(Body::empty()).unwrap()).await
}

async fn post_json(app: &Router, uri: &str, body: String) -> (StatusCode, Value) {
    send(
        app,
        Request::post(uri)
            .header(header::CONTENT_TYPE, "application/json")
            .body(Body::from(body))
            .unwrap(),
    )
    .await
}

/// The one error shape: `{"error": {"code": CODE, "message": non-empty}}` and nothing else.
fn assert_error(status: StatusCode, body: &Value, want: StatusCode, code: &str) {
    assert_eq!(status, want, "{body}");
    let obj = body.as_object().expect("JSON object");
    assert_eq!(obj.len(), 1, "{body}");
    assert_eq!(body["error"]["code"], code, "{body}");
    assert!(
        !body["error"]["message"].as_str().unwrap().is_empty(),
        "{body}"
    );
}

fn read_only_app() -> Router {
    app(AppState::new(
        lexicon(),
        Some(store_via_library("ro")),
        None,
    ))
}

#[tokio::test]
async fn healthz_and_openapi() {
    let app = read_only_app();
    let (s, b) = get(&app, "/healthz").await;
    assert_eq!(s, StatusCode::OK);
    assert_eq!(b["status"], "ok");
    assert_eq!(b["store"], true);
    assert_eq!(b["writes"], false);

    let (s, b) = get(&app, "/openapi.json").await;
    assert_eq!(s, StatusCode::OK);
    assert!(b["openapi"].as_str().unwrap().starts_with("3."));
    for p in [
        "/healthz",
        "/v1/code",
        "/v1/events",
        "/v1/events/{id}",
        "/v1/documents",
        "/v1/documents/{doc_id}",
        "/v1/dyads/{a}/{b}/timeline",
        "/v1/actors",
        "/v1/network",
        "/v1/map",
    ] {
        assert!(b["paths"][p].is_object(), "openapi lacks {p}");
    }
    assert!(b["info"]["description"]
        .as_str()
        .unwrap()
        .contains("2097152"));
}

#[tokio::test]
async fn code_returns_events_and_spans() {
    let app = app(AppState::new(lexicon(), None, None));
    let text = DOCS[2].2;
    let (s, b) = post_json(
        &app,
        "/v1/code",
        json!({"text": text, "date": "2025-03-05", "title": "اختبار"}).to_string(),
    )
    .await;
    assert_eq!(s, StatusCode::OK, "{b}");
    let events = b["events"].as_array().unwrap();
    assert!(events.iter().any(|e| e["cameo"] == "043"
        && e["source"]["code"] == "TURGOV"
        && e["target"]["code"] == "EGYGOV"));
    let spans = b["spans"].as_array().unwrap();
    // every span is a byte range whose text is the raw text there
    for sp in spans {
        let (a, e) = (
            sp["start"].as_u64().unwrap() as usize,
            sp["end"].as_u64().unwrap() as usize,
        );
        assert_eq!(&text[a..e], sp["text"].as_str().unwrap(), "{sp}");
    }
    let has = |kind: &str, label: &str, surface: &str| {
        spans.iter().any(|s| {
            s["kind"] == kind
                && (label.is_empty() || s["label"] == label)
                && s["text"].as_str().unwrap().contains(surface)
        })
    };
    assert!(has("actor", "TURGOV", "الرئيس التركي"), "{spans:?}");
    assert!(has("actor", "EGYGOV", "وزير الدفاع المصري"), "{spans:?}");
    assert!(has("trigger", "043", "استقبل"), "{spans:?}");
    assert!(has("date", "", "يوم الثلاثاء"), "{spans:?}");
    assert!(has("place", "TUR", "أنقرة"), "{spans:?}");
    // evidence of each event lies in the text
    for e in events {
        let ev = e["evidence"].as_array().unwrap();
        assert!(ev[1].as_u64().unwrap() as usize <= text.len());
    }
}

#[tokio::test]
async fn code_highlights_the_mentions_the_coder_reads() {
    // `سموه` is a mention only the coder's later stages make (the person last named with
    // that honorific), here in no event: its highlight comes from the coder's own analysis
    let app = app(AppState::new(lexicon(), None, None));
    let text = "وصل صاحب السمو الملكي الأمير محمد بن سلمان ولي العهد إلى باريس أمس. \
                وأعرب سموه عن سعادته بهذه الزيارة.";
    let (s, b) = post_json(
        &app,
        "/v1/code",
        json!({"text": text, "date": "2025-10-20"}).to_string(),
    )
    .await;
    assert_eq!(s, StatusCode::OK, "{b}");
    let spans = b["spans"].as_array().unwrap();
    let honorific = spans
        .iter()
        .find(|s| s["kind"] == "actor" && s["text"] == "سموه")
        .unwrap_or_else(|| panic!("no actor span for سموه: {spans:?}"));
    assert_eq!(honorific["label"], "SAUGOV");
    assert!(b["events"]
        .as_array()
        .unwrap()
        .iter()
        .all(|e| e["source"]["text"] != "سموه"));
    assert!(spans
        .iter()
        .any(|s| s["kind"] == "trigger" && s["text"].as_str().unwrap().contains("وصل")));
}

#[tokio::test]
async fn code_rejects_bad_input_in_the_error_shape() {
    let app = app(AppState::new(lexicon(), None, None));
    let (s, b) = post_json(&app, "/v1/code", "{\"text\": ".into()).await;
    assert_error(s, &b, StatusCode::BAD_REQUEST, "invalid_json");
    let (s, b) = post_json(&app, "/v1/code", json!({"txt": "x"}).to_string()).await;
    assert_error(s, &b, StatusCode::BAD_REQUEST, "invalid_request");
    let (s, b) = post_json(&app, "/v1/code", json!({"text": 5}).to_string()).await;
    assert_error(s, &b, StatusCode::BAD_REQUEST, "invalid_request");
    let (s, b) = post_json(
        &app,
        "/v1/code",
        json!({"text": "زار", "date": "15/01/2025"}).to_string(),
    )
    .await;
    assert_error(s, &b, StatusCode::BAD_REQUEST, "invalid_date");
    let (s, b) = send(
        &app,
        Request::post("/v1/code")
            .header(header::CONTENT_TYPE, "text/plain")
            .body(Body::from("زار"))
            .unwrap(),
    )
    .await;
    assert_error(
        s,
        &b,
        StatusCode::UNSUPPORTED_MEDIA_TYPE,
        "unsupported_media_type",
    );
    // odd but valid texts never fail
    for text in [
        "",
        " ",
        "\u{0}",
        "؟؟؟",
        "ـــ",
        "\u{202E}abc",
        "a\u{0301}\u{0301}",
    ] {
        let (s, b) = post_json(&app, "/v1/code", json!({ "text": text }).to_string()).await;
        assert_eq!(s, StatusCode::OK, "{text:?}: {b}");
    }
}

#[tokio::test]
async fn routing_errors_use_the_error_shape() {
    let app = read_only_app();
    let (s, b) = get(&app, "/v1/nothing-here").await;
    assert_error(s, &b, StatusCode::NOT_FOUND, "not_found");
    let (s, b) = get(&app, "/nothing").await;
    assert_error(s, &b, StatusCode::NOT_FOUND, "not_found");
    let (s, b) = get(&app, "/assets/nothing.js").await;
    assert_error(s, &b, StatusCode::NOT_FOUND, "not_found");

    let res = app
        .clone()
        .oneshot(Request::get("/v1/code").body(Body::empty()).unwrap())
        .await
        .unwrap();
    assert_eq!(res.status(), StatusCode::METHOD_NOT_ALLOWED);
    assert_eq!(res.headers()[header::ALLOW], "POST");
    let (s, b) = send(
        &app,
        Request::builder()
            .method(Method::DELETE)
            .uri("/v1/events")
            .body(Body::empty())
            .unwrap(),
    )
    .await;
    assert_error(s, &b, StatusCode::METHOD_NOT_ALLOWED, "method_not_allowed");
}

#[tokio::test]
async fn body_limit_is_413_in_the_error_shape() {
    let app = app(AppState::new(lexicon(), None, None));
    let big = format!("{{\"text\": \"{}\"}}", "ب".repeat(BODY_LIMIT / 2 + 10));
    assert!(big.len() > BODY_LIMIT);
    // with Content-Length (rejected before reading)
    let (s, b) = send(
        &app,
        Request::post("/v1/code")
            .header(header::CONTENT_TYPE, "application/json")
            .header(header::CONTENT_LENGTH, big.len())
            .body(Body::from(big.clone()))
            .unwrap(),
    )
    .await;
    assert_error(s, &b, StatusCode::PAYLOAD_TOO_LARGE, "payload_too_large");
    // streamed without a length (rejected while reading)
    let stream = futures_stream(big.into_bytes());
    let (s, b) = send(
        &app,
        Request::post("/v1/code")
            .header(header::CONTENT_TYPE, "application/json")
            .body(stream)
            .unwrap(),
    )
    .await;
    assert_error(s, &b, StatusCode::PAYLOAD_TOO_LARGE, "payload_too_large");
    // just under the limit is accepted
    let ok = format!("{{\"text\": \"{}\"}}", "ب".repeat(BODY_LIMIT / 2 - 20));
    assert!(ok.len() <= BODY_LIMIT);
    let (s, b) = post_json(&app, "/v1/code", ok).await;
    assert_eq!(s, StatusCode::OK, "{b}");
}

/// A body with no known length, in 64 KiB chunks.
fn futures_stream(bytes: Vec<u8>) -> Body {
    let chunks: Vec<Result<axum::body::Bytes, std::io::Error>> = bytes
        .chunks(64 * 1024)
        .map(|c| Ok(axum::body::Bytes::copy_from_slice(c)))
        .collect();
    Body::from_stream(IterStream(chunks.into_iter()))
}

/// A `Stream` over an iterator.
struct IterStream<I>(I);

impl<I: Iterator + Unpin> futures_core::Stream for IterStream<I> {
    type Item = I::Item;
    fn poll_next(
        mut self: std::pin::Pin<&mut Self>,
        _: &mut std::task::Context<'_>,
    ) -> std::task::Poll<Option<I::Item>> {
        std::task::Poll::Ready(self.0.next())
    }
}

#[tokio::test]
async fn events_filters_and_cursor_pagination() {
    let app = read_only_app();
    let (s, b) = get(&app, "/v1/events").await;
    assert_eq!(s, StatusCode::OK, "{b}");
    let all = b["events"].as_array().unwrap().clone();
    assert!(all.len() >= 5, "{b}");
    assert!(b["next_cursor"].is_null());

    // walk the pages of one event each: same events, same order, no repeats
    let mut seen = Vec::new();
    let mut cursor: Option<String> = None;
    loop {
        let uri = match &cursor {
            None => "/v1/events?limit=2".to_string(),
            Some(c) => format!("/v1/events?limit=2&cursor={c}"),
        };
        let (s, b) = get(&app, &uri).await;
        assert_eq!(s, StatusCode::OK, "{b}");
        for e in b["events"].as_array().unwrap() {
            seen.push(e["id"].clone());
        }
        match b["next_cursor"].as_str() {
            Some(c) => cursor = Some(c.to_string()),
            None => break,
        }
    }
    let ids: Vec<Value> = all.iter().map(|e| e["id"].clone()).collect();
    assert_eq!(seen, ids);

    // filters of `rasid events`
    let (_, b) = get(&app, "/v1/events?source=EGY&root=11").await;
    let evs = b["events"].as_array().unwrap();
    assert!(!evs.is_empty());
    assert!(evs.iter().all(
        |e| e["source"]["code"].as_str().unwrap().starts_with("EGY") && e["cameo_root"] == "11"
    ));
    let (_, b) = get(
        &app,
        "/v1/events?quad_class=1&since=2025-03-01&until=2025-03-31",
    )
    .await;
    let evs = b["events"].as_array().unwrap();
    assert!(!evs.is_empty());
    assert!(evs
        .iter()
        .all(|e| e["quad_class"] == 1 && e["date"].as_str().unwrap().starts_with("2025-03")));
    // the CLI's names for the same filters
    let (_, same) = get(&app, "/v1/events?quad=1&from=2025-03-01&to=2025-03-31").await;
    assert_eq!(same["events"], b["events"]);
    let (_, b) = get(&app, "/v1/events?dyad=TUR,EGY&code=04").await;
    assert!(b["events"]
        .as_array()
        .unwrap()
        .iter()
        .all(|e| e["cameo"].as_str().unwrap().starts_with("04")));
    let (_, b) = get(&app, "/v1/events?actor=ZZZ").await;
    assert!(b["events"].as_array().unwrap().is_empty());
    let (_, b) = get(
        &app,
        "/v1/events?outlet=test-outlet&min_confidence=0.1&place=TUR",
    )
    .await;
    assert!(b["events"].is_array());

    // bad parameters
    for (uri, code) in [
        ("/v1/events?quad_class=7", "invalid_query"),
        ("/v1/events?quad_class=x", "invalid_query"),
        ("/v1/events?since=yesterday", "invalid_date"),
        ("/v1/events?limit=0", "invalid_query"),
        ("/v1/events?limit=100000", "invalid_query"),
        ("/v1/events?dyad=TUR", "invalid_query"),
        ("/v1/events?colour=red", "invalid_query"),
        ("/v1/events?cursor=abc", "invalid_cursor"),
        ("/v1/events?cursor=999999", "invalid_cursor"),
    ] {
        let (s, b) = get(&app, uri).await;
        assert_error(s, &b, StatusCode::BAD_REQUEST, code);
    }
}

#[tokio::test]
async fn event_with_mentions_and_evidence() {
    let app = app_with_ingested("event").await;
    let (_, b) = get(&app, "/v1/events?source=TUR&code=043").await;
    let id = b["events"][0]["id"].as_i64().expect("an 043 event");
    let (s, b) = get(&app, &format!("/v1/events/{id}")).await;
    assert_eq!(s, StatusCode::OK, "{b}");
    assert_eq!(b["event"]["id"], id);
    assert_eq!(b["event"]["cameo"], "043");
    let m = &b["mentions"][0];
    assert_eq!(m["doc_id"], "t-ankara");
    assert_eq!(m["trigger"]["text"], "استقبل");
    let ev = m["evidence_text"].as_str().expect("evidence text kept");
    assert!(ev.contains("استقبل الرئيس التركي"), "{ev}");
    assert_eq!(b["event"]["evidence_text"], ev);
    assert_eq!(b["event"]["doc_id"], "t-ankara");
    assert_eq!(m["url"], "https://example.org/t-ankara");
    assert_eq!(b["event"]["url"], "https://example.org/t-ankara");

    // the list carries each event's first evidence sentence too
    let (_, b) = get(&app, "/v1/events").await;
    for e in b["events"].as_array().unwrap() {
        assert!(
            e["evidence_text"].as_str().is_some_and(|t| !t.is_empty()),
            "{e}"
        );
    }

    let (s, b) = get(&app, "/v1/events/999999").await;
    assert_error(s, &b, StatusCode::NOT_FOUND, "not_found");
    let (s, b) = get(&app, "/v1/events/abc").await;
    assert_error(s, &b, StatusCode::BAD_REQUEST, "invalid_path");
}

#[tokio::test]
async fn document_with_text_and_spans() {
    let app = app_with_ingested("doc").await;
    let (s, b) = get(&app, "/v1/documents/t-ankara").await;
    assert_eq!(s, StatusCode::OK, "{b}");
    assert_eq!(b["doc_id"], "t-ankara");
    assert_eq!(b["date"], "2025-03-05");
    let text = b["text"].as_str().unwrap();
    assert_eq!(text, DOCS[2].2);
    let spans = b["spans"].as_array().unwrap();
    assert!(spans
        .iter()
        .any(|s| s["kind"] == "trigger" && s["text"] == "استقبل"));
    assert!(!b["mentions"].as_array().unwrap().is_empty());

    let (s, b) = get(&app, "/v1/documents/no-such-doc").await;
    assert_error(s, &b, StatusCode::NOT_FOUND, "not_found");

    // a store filled by `rasid ingest` (the library) keeps the text too
    let app = read_only_app();
    let (s, b) = get(&app, "/v1/documents/t-visit").await;
    assert_eq!(s, StatusCode::OK, "{b}");
    assert_eq!(b["text"], DOCS[0].2);
    assert!(!b["mentions"].as_array().unwrap().is_empty());

    // `--keep-text evidence`: no text, each mention's sentence
    let app2 = rasid_server::app(AppState::new(
        lexicon(),
        Some(store_via_library_keeping(
            "evidence-only",
            rasid_store::KeepText::Evidence,
        )),
        None,
    ));
    let (s, b) = get(&app2, "/v1/documents/t-visit").await;
    assert_eq!(s, StatusCode::OK, "{b}");
    assert!(b["text"].is_null());
    let ms = b["mentions"].as_array().unwrap();
    assert!(!ms.is_empty());
    for m in ms {
        let (a, z) = (
            m["evidence"][0].as_u64().unwrap() as usize,
            m["evidence"][1].as_u64().unwrap() as usize,
        );
        assert_eq!(m["evidence_text"], DOCS[0].2[a..z]);
    }
}

#[tokio::test]
async fn dyad_timeline_by_month_and_week() {
    let app = read_only_app();
    let (s, b) = get(&app, "/v1/dyads/TUR/EGY/timeline?by=month").await;
    assert_eq!(s, StatusCode::OK, "{b}");
    let points = b["points"].as_array().unwrap();
    let periods: Vec<&str> = points
        .iter()
        .map(|p| p["period"].as_str().unwrap())
        .collect();
    assert_eq!(periods, ["2025-01", "2025-02", "2025-03"], "{b}");
    let jan = &points[0];
    assert!(jan["counts"][0].as_i64().unwrap() >= 1, "{jan}");
    assert_eq!(jan["start"], "2025-01-01");
    assert_eq!(jan["end"], "2025-01-31");
    assert!(jan["goldstein_mean"].as_f64().unwrap() > 0.0);
    let feb = &points[1];
    assert!(feb["counts"][2].as_i64().unwrap() >= 1, "{feb}");
    assert!(feb["goldstein_mean"].as_f64().unwrap() < 0.0);
    for p in points {
        let c: i64 = p["counts"]
            .as_array()
            .unwrap()
            .iter()
            .map(|x| x.as_i64().unwrap())
            .sum();
        assert_eq!(c, p["total"].as_i64().unwrap());
        assert_eq!(
            c,
            p["a_to_b"].as_i64().unwrap() + p["b_to_a"].as_i64().unwrap()
        );
    }

    let (s, b) = get(&app, "/v1/dyads/TUR/EGY/timeline?by=week&since=2025-01-01").await;
    assert_eq!(s, StatusCode::OK, "{b}");
    let points = b["points"].as_array().unwrap();
    assert!(
        points.len() > 3,
        "weeks filled between January and March: {b}"
    );
    assert!(points
        .windows(2)
        .all(|w| w[0]["period"].as_str() < w[1]["period"].as_str()));

    let (s, b) = get(&app, "/v1/dyads/TUR/EGY/timeline?by=year").await;
    assert_error(s, &b, StatusCode::BAD_REQUEST, "invalid_query");
    let (s, b) = get(&app, "/v1/dyads/TUR/ZZZ/timeline").await;
    assert_eq!(s, StatusCode::OK);
    assert!(b["points"].as_array().unwrap().is_empty());
}

#[tokio::test]
async fn actors_and_network() {
    let app = read_only_app();
    let (s, b) = get(&app, "/v1/actors?code_len=3").await;
    assert_eq!(s, StatusCode::OK, "{b}");
    let codes: Vec<&str> = b["actors"]
        .as_array()
        .unwrap()
        .iter()
        .map(|a| a["code"].as_str().unwrap())
        .collect();
    assert!(codes.contains(&"TUR") && codes.contains(&"EGY"), "{b}");

    let (s, b) = get(&app, "/v1/network?code_len=3").await;
    assert_eq!(s, StatusCode::OK, "{b}");
    let edges = b["edges"].as_array().unwrap();
    assert!(edges
        .iter()
        .any(|e| e["source"] == "TUR" && e["target"] == "EGY"));
    assert!(b["nodes"].as_array().unwrap().len() >= 2);
    let (_, b) = get(
        &app,
        "/v1/network?root=11&since=2025-02-01&until=2025-02-28",
    )
    .await;
    let edges = b["edges"].as_array().unwrap();
    assert_eq!(edges.len(), 1, "{b}");
    assert_eq!(edges[0]["quad"][2], 1);
    let (s, b) = get(&app, "/v1/network?since=nope").await;
    assert_error(s, &b, StatusCode::BAD_REQUEST, "invalid_date");
}

#[tokio::test]
async fn map_gives_places_with_counts_per_quad_class() {
    let app = read_only_app();
    let (s, b) = get(&app, "/v1/map").await;
    assert_eq!(s, StatusCode::OK, "{b}");
    let places = b["places"].as_array().unwrap();
    // Ankara: the agreement and the reception of 5 March (three events); Cairo: the visit
    // of 15 January (two); the condemnation of 20 February names no place
    assert_eq!(places.len(), 2, "{b}");
    let ankara = &places[0];
    assert_eq!(ankara["place"], "أنقرة");
    assert_eq!(ankara["country"], "TUR");
    assert_eq!(ankara["precision"], "city");
    assert!(
        (ankara["lat"].as_f64().unwrap() - 39.92).abs() < 0.01,
        "{b}"
    );
    assert!(
        (ankara["lon"].as_f64().unwrap() - 32.85).abs() < 0.01,
        "{b}"
    );
    assert_eq!(ankara["events"], 3);
    assert_eq!(ankara["mentions"], 3);
    assert_eq!(ankara["quad"], json!([3, 0, 0, 0]));
    let cairo = &places[1];
    assert_eq!(cairo["place"], "القاهرة");
    assert_eq!(cairo["country"], "EGY");
    assert!((cairo["lat"].as_f64().unwrap() - 30.06).abs() < 0.01, "{b}");
    assert!((cairo["lon"].as_f64().unwrap() - 31.25).abs() < 0.01, "{b}");
    assert_eq!(cairo["events"], 2);
    assert_eq!(cairo["quad"], json!([2, 0, 0, 0]));

    // the filters of /v1/events apply
    let (_, b) = get(&app, "/v1/map?since=2025-02-01").await;
    let places = b["places"].as_array().unwrap();
    assert_eq!(places.len(), 1, "{b}");
    assert_eq!(places[0]["place"], "أنقرة");
    let (_, b) = get(&app, "/v1/map?until=2025-01-31&actor=EGY").await;
    let places = b["places"].as_array().unwrap();
    assert_eq!(places.len(), 1, "{b}");
    assert_eq!(places[0]["place"], "القاهرة");
    let (_, b) = get(&app, "/v1/map?quad_class=4").await;
    assert_eq!(b["places"], json!([]));
    let (_, b) = get(&app, "/v1/map?limit=1").await;
    assert_eq!(b["places"].as_array().unwrap().len(), 1);

    // bounded parameters, JSON errors
    let (s, b) = get(&app, "/v1/map?limit=1001").await;
    assert_error(s, &b, StatusCode::BAD_REQUEST, "invalid_query");
    let (s, b) = get(&app, "/v1/map?since=nope").await;
    assert_error(s, &b, StatusCode::BAD_REQUEST, "invalid_date");
    let (s, b) = get(&app, "/v1/map?zoom=3").await;
    assert_eq!(s, StatusCode::BAD_REQUEST, "{b}");
    assert!(
        b["error"]["message"].as_str().unwrap().contains("zoom"),
        "{b}"
    );
}

#[tokio::test]
async fn ingest_needs_the_token() {
    let doc = json!({"documents": [{"doc_id": "x", "text": DOCS[1].2, "date": "2025-02-20"}]})
        .to_string();
    let req = |auth: Option<&str>| {
        let mut r = Request::post("/v1/documents").header(header::CONTENT_TYPE, "application/json");
        if let Some(a) = auth {
            r = r.header(header::AUTHORIZATION, a);
        }
        r.body(Body::from(doc.clone())).unwrap()
    };
    // read-only server: writes are forbidden whatever the header
    let ro = read_only_app();
    let (s, b) = send(&ro, req(Some(&format!("Bearer {TOKEN}")))).await;
    assert_error(s, &b, StatusCode::FORBIDDEN, "forbidden");

    let rw = app(AppState::new(
        lexicon(),
        Some(temp_db("rw")),
        Some(TOKEN.into()),
    ));
    let res = rw.clone().oneshot(req(None)).await.unwrap();
    assert_eq!(res.status(), StatusCode::UNAUTHORIZED);
    assert!(res.headers()[header::WWW_AUTHENTICATE]
        .to_str()
        .unwrap()
        .starts_with("Bearer"));
    let (s, b) = send(&rw, req(Some("Basic dXNlcjpwYXNz"))).await;
    assert_error(s, &b, StatusCode::UNAUTHORIZED, "unauthorized");
    let (s, b) = send(&rw, req(Some("Bearer wrong"))).await;
    assert_error(s, &b, StatusCode::FORBIDDEN, "forbidden");
    let (s, b) = send(&rw, req(Some(&format!("Bearer {TOKEN}")))).await;
    assert_eq!(s, StatusCode::OK, "{b}");
    assert_eq!(b["ingested"]["stored"], 1);
    // idempotent: the same document again is skipped
    let (_, b) = send(&rw, req(Some(&format!("Bearer {TOKEN}")))).await;
    assert_eq!(b["ingested"]["skipped"], 1);
    let (s, b) = get(&rw, "/v1/events").await;
    assert_eq!(s, StatusCode::OK);
    assert_eq!(b["events"].as_array().unwrap().len(), 1);
    // a bad date in a document
    let bad = json!({"documents": [{"doc_id": "y", "text": "x", "date": "2025-13-01"}]});
    let (s, b) = send(
        &rw,
        Request::post("/v1/documents")
            .header(header::CONTENT_TYPE, "application/json")
            .header(header::AUTHORIZATION, format!("Bearer {TOKEN}"))
            .body(Body::from(bad.to_string()))
            .unwrap(),
    )
    .await;
    assert_error(s, &b, StatusCode::BAD_REQUEST, "invalid_date");
    // issue 16: doc_id of any length was accepted
    let long = json!({"documents": [{"doc_id": "x".repeat(513), "text": "x"}]});
    let (s, b) = send(
        &rw,
        Request::post("/v1/documents")
            .header(header::CONTENT_TYPE, "application/json")
            .header(header::AUTHORIZATION, format!("Bearer {TOKEN}"))
            .body(Body::from(long.to_string()))
            .unwrap(),
    )
    .await;
    assert_error(s, &b, StatusCode::BAD_REQUEST, "invalid_request");
    assert!(b["error"]["message"]
        .as_str()
        .unwrap()
        .contains("documents[0].doc_id is 513 bytes"));
}

#[tokio::test]
async fn without_a_store_the_store_routes_are_404() {
    let app = app(AppState::new(lexicon(), None, None));
    for uri in [
        "/v1/events",
        "/v1/events/1",
        "/v1/documents/x",
        "/v1/dyads/A/B/timeline",
        "/v1/actors",
        "/v1/network",
        "/v1/map",
    ] {
        let (s, b) = get(&app, uri).await;
        assert_error(s, &b, StatusCode::NOT_FOUND, "not_found");
    }
}

#[tokio::test]
async fn dashboard_and_assets_are_embedded() {
    let app = app(AppState::new(lexicon(), None, None));
    let res = app
        .clone()
        .oneshot(Request::get("/").body(Body::empty()).unwrap())
        .await
        .unwrap();
    assert_eq!(res.status(), StatusCode::OK);
    assert!(res.headers()[header::CONTENT_TYPE]
        .to_str()
        .unwrap()
        .starts_with("text/html"));
    let csp = res.headers()[header::CONTENT_SECURITY_POLICY]
        .to_str()
        .unwrap()
        .to_string();
    assert!(csp.contains("default-src 'self'"));
    // issue 16: the dashboard could be framed by any page
    assert!(csp.contains("frame-ancestors 'none'"), "{csp}");
    let html = axum::body::to_bytes(res.into_body(), usize::MAX)
        .await
        .unwrap();
    let html = String::from_utf8(html.to_vec()).unwrap();
    // no asset from another host
    assert!(
        !html.contains("http://") && !html.contains("https://"),
        "{html}"
    );
    for src in [
        "/assets/app.js",
        "/assets/app.css",
        "/assets/vendor/chart.umd.min.js",
        "/assets/vendor/cytoscape.min.js",
    ] {
        assert!(html.contains(src), "{src}");
        let res = app
            .clone()
            .oneshot(Request::get(src).body(Body::empty()).unwrap())
            .await
            .unwrap();
        assert_eq!(res.status(), StatusCode::OK, "{src}");
    }
}

// ---- issue 16: hostile requests ---------------------------------------------------------

#[tokio::test]
async fn host_of_another_site_is_421_on_a_loopback_server() {
    // issue 16: the Host header was not checked, so DNS rebinding could read the API
    let app = app(AppState::new(lexicon(), None, None).with_host_check(true));
    let with_host = |h: &str| {
        Request::get("/healthz")
            .header(header::HOST, h)
            .body(Body::empty())
            .unwrap()
    };
    for ok in [
        "localhost:8080",
        "127.0.0.1:8080",
        "[::1]:8080",
        "LOCALHOST",
        "app.localhost",
        "127.0.0.2",
    ] {
        let (s, b) = send(&app, with_host(ok)).await;
        assert_eq!(s, StatusCode::OK, "{ok}: {b}");
    }
    for bad in [
        "evil.example:8080",
        "evil.example",
        "localhost.evil.example",
        "127.0.0.1.nip.io",
        "[::2]:80",
        "localhost:80x",
    ] {
        let (s, b) = send(&app, with_host(bad)).await;
        assert_error(
            s,
            &b,
            StatusCode::MISDIRECTED_REQUEST,
            "misdirected_request",
        );
    }
    // an absolute URI names its host too
    let (s, b) = get(&app, "http://evil.example/healthz").await;
    assert_error(
        s,
        &b,
        StatusCode::MISDIRECTED_REQUEST,
        "misdirected_request",
    );
    // without the check (a server bound to a public address) any Host passes
    let open = rasid_server::app(AppState::new(lexicon(), None, None));
    let (s, _) = send(&open, with_host("evil.example")).await;
    assert_eq!(s, StatusCode::OK);
}

#[tokio::test]
async fn uri_too_long_is_414_in_the_error_shape() {
    let app = read_only_app();
    let uri = format!("/v1/events?actor={}", "A".repeat(rasid_server::MAX_URI_LEN));
    let (s, b) = get(&app, &uri).await;
    assert_error(s, &b, StatusCode::URI_TOO_LONG, "uri_too_long");
}

#[tokio::test]
async fn code_len_9223372036854775808_is_400_naming_the_parameter() {
    // issue 16: code_len=9223372036854775808 wrapped negative
    let app = read_only_app();
    for uri in [
        "/v1/actors?code_len=9223372036854775808",
        "/v1/network?code_len=9223372036854775808",
        "/v1/actors?code_len=0",
        "/v1/actors?code_len=99999999999999999999999",
        "/v1/actors?code_len=-1",
        "/v1/events?limit=18446744073709551616",
        "/v1/events?quad_class=300",
        "/v1/events?min_confidence=NaN",
        "/v1/events?min_confidence=2",
    ] {
        let (s, b) = get(&app, uri).await;
        assert_error(s, &b, StatusCode::BAD_REQUEST, "invalid_query");
        let param = uri.split('?').nth(1).unwrap().split('=').next().unwrap();
        let msg = b["error"]["message"].as_str().unwrap();
        assert!(msg.contains(param), "{uri}: {msg}");
    }
    let (s, b) = get(&app, "/v1/actors?code_len=3").await;
    assert_eq!(s, StatusCode::OK, "{b}");
}

#[tokio::test]
async fn since_plus_99999_01_01_is_not_a_date() {
    // issue 16: `since=+99999-01-01` passed (chrono's %Y takes a sign and five digits)
    let app = read_only_app();
    for uri in [
        "/v1/events?since=%2B99999-01-01",
        "/v1/events?until=99999-01-01",
        "/v1/events?since=2025-02-30",
        "/v1/events?since=2025-1-5",
        "/v1/dyads/EGY/TUR/timeline?since=%2B2025-01-01",
    ] {
        let (s, b) = get(&app, uri).await;
        assert_error(s, &b, StatusCode::BAD_REQUEST, "invalid_date");
    }
    let (s, b) = post_json(
        &app,
        "/v1/code",
        json!({"text": "زار الوزير أنقرة.", "date": "+99999-01-01"}).to_string(),
    )
    .await;
    assert_error(s, &b, StatusCode::BAD_REQUEST, "invalid_date");
    let (s, b) = get(&app, "/v1/events?since=2025-01-01&until=2025-12-31").await;
    assert_eq!(s, StatusCode::OK, "{b}");
}

/// A server on a loopback port with `header_read_timeout`, stopped when the sender drops.
async fn live_server(
    header_read_timeout: std::time::Duration,
) -> (std::net::SocketAddr, tokio::sync::oneshot::Sender<()>) {
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let addr = listener.local_addr().unwrap();
    let (stop, stopped) = tokio::sync::oneshot::channel::<()>();
    let router = app(AppState::new(lexicon(), None, None).with_host_check(true));
    tokio::spawn(rasid_server::serve_on(
        listener,
        router,
        header_read_timeout,
        async {
            stopped.await.ok();
        },
    ));
    (addr, stop)
}

/// Sends `bytes` and reads until the server closes the connection (a 60 s guard against
/// a hang, not a timing check).
async fn exchange(addr: std::net::SocketAddr, bytes: &[u8]) -> String {
    use tokio::io::{AsyncReadExt, AsyncWriteExt};
    let mut c = tokio::net::TcpStream::connect(addr).await.unwrap();
    c.write_all(bytes).await.unwrap();
    let mut out = Vec::new();
    tokio::time::timeout(std::time::Duration::from_secs(60), c.read_to_end(&mut out))
        .await
        .expect("the server closed the connection")
        .ok();
    String::from_utf8_lossy(&out).into_owned()
}

#[tokio::test]
async fn half_sent_request_head_is_closed() {
    // issue 16: 400 sockets that sent half a request head were all still open after 45 s
    let (addr, _stop) = live_server(std::time::Duration::from_millis(200)).await;
    let answer = exchange(
        addr,
        b"GET /healthz HTTP/1.1\r\nHost: localhost\r\nX-Slow: 1",
    )
    .await;
    assert!(!answer.contains("200 OK"), "{answer}");
    // a whole request is still answered
    let answer = exchange(
        addr,
        b"GET /healthz HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n",
    )
    .await;
    assert!(answer.starts_with("HTTP/1.1 200 OK"), "{answer}");
}

#[tokio::test]
async fn hypers_own_414_and_400_have_the_json_error_shape() {
    // issue 16: a 414 had an empty body (hyper answers URIs over 65,534 bytes itself)
    let (addr, _stop) = live_server(std::time::Duration::from_secs(10)).await;
    let long = format!(
        "GET /v1/events?actor={} HTTP/1.1\r\nHost: localhost\r\n\r\n",
        "A".repeat(70_000)
    );
    for (request, status, code) in [
        (long.into_bytes(), "414", "uri_too_long"),
        (b"GARBAGE\r\n\r\n".to_vec(), "400", "invalid_request_head"),
    ] {
        let answer = exchange(addr, &request).await;
        assert!(
            answer.starts_with(&format!("HTTP/1.1 {status} ")),
            "{answer}"
        );
        assert!(
            answer.contains("content-type: application/json"),
            "{answer}"
        );
        let body: Value = serde_json::from_str(answer.split("\r\n\r\n").nth(1).unwrap()).unwrap();
        assert_eq!(body["error"]["code"], code, "{answer}");
    }
    // over the router's own limit and under hyper's: the router's 414
    let mid = format!(
        "GET /v1/events?actor={} HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n",
        "A".repeat(10_000)
    );
    let answer = exchange(addr, mid.as_bytes()).await;
    assert!(answer.starts_with("HTTP/1.1 414 "), "{answer}");
    assert!(answer.contains("\"uri_too_long\""), "{answer}");
}

#[tokio::test]
async fn history_is_left_out_unless_asked() {
    // issue 17: a visit of 3 August recalled in an article of 20 October is history
    let path = temp_db("history");
    {
        let lex = lexicon();
        let coder = rasid_coder::Coder::new(&lex);
        let mut store = rasid_store::Store::open(&path).unwrap();
        let docs = [
            ("now", "زار وزير الخارجية التركي القاهرة أمس."),
            (
                "then",
                "زار وزير الخارجية التركي القاهرة في 3 أغسطس الماضي.",
            ),
        ];
        let inputs = docs.iter().map(|(id, text)| {
            rasid_store::Input::Doc(rasid_text::Document {
                doc_id: id.to_string(),
                text: text.to_string(),
                date: chrono::NaiveDate::from_ymd_opt(2025, 10, 20),
                ..Default::default()
            })
        });
        store
            .ingest(&coder, inputs, &Default::default(), &|_| {})
            .unwrap();
    }
    let app = app(AppState::new(lexicon(), Some(path), None));
    let dates = |b: &Value| -> Vec<String> {
        b["events"]
            .as_array()
            .unwrap()
            .iter()
            .map(|e| e["date"].as_str().unwrap().to_string())
            .collect()
    };
    let (s, b) = get(&app, "/v1/events").await;
    assert_eq!(s, StatusCode::OK, "{b}");
    assert_eq!(dates(&b), ["2025-10-19"]);
    let (_, b) = get(&app, "/v1/events?include_history=true").await;
    assert_eq!(dates(&b), ["2025-10-19", "2025-08-03"]);
    assert_eq!(b["events"][1]["history"], true);
    // the timeline spans the reported period only, unless asked; empty months between
    // have no Goldstein mean (no line drawn across them)
    let (_, b) = get(&app, "/v1/dyads/TUR/EGY/timeline").await;
    let periods: Vec<&str> = b["points"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| p["period"].as_str().unwrap())
        .collect();
    assert_eq!(periods, ["2025-10"], "{b}");
    let (_, b) = get(&app, "/v1/dyads/TUR/EGY/timeline?include_history=true").await;
    let points = b["points"].as_array().unwrap();
    let periods: Vec<&str> = points
        .iter()
        .map(|p| p["period"].as_str().unwrap())
        .collect();
    assert_eq!(periods, ["2025-08", "2025-09", "2025-10"], "{b}");
    assert!(points[1]["goldstein_mean"].is_null());
    let (s, b) = get(&app, "/v1/events?include_history=yes").await;
    assert_error(s, &b, StatusCode::BAD_REQUEST, "invalid_query");
}

#[tokio::test]
async fn codes_list_and_filter() {
    let app = app(AppState::new(lexicon(), None, None));
    let (s, b) = get(&app, "/v1/codes?q=19").await;
    assert_eq!(s, StatusCode::OK, "{b}");
    let rows = b["codes"].as_array().unwrap();
    let c190 = rows.iter().find(|r| r["code"] == "190").expect("190");
    assert_eq!(
        (c190["kind"].as_str(), c190["quad_class"].as_u64()),
        (Some("event"), Some(4))
    );
    assert_eq!(c190["goldstein"], -10.0);
    assert!(rows
        .iter()
        .filter(|r| r["kind"] == "event")
        .all(|r| r["code"].as_str().unwrap().starts_with("19")));
    let (_, b) = get(&app, "/v1/codes?q=IGO").await;
    let igo = b["codes"].as_array().unwrap();
    assert!(igo
        .iter()
        .any(|r| r["code"] == "IGOUNO" && r["entry"].is_string()));
    let (_, all) = get(&app, "/v1/codes").await;
    assert!(all["codes"].as_array().unwrap().len() > igo.len());
    let (s, b) = get(&app, "/v1/codes?colour=red").await;
    assert_error(s, &b, StatusCode::BAD_REQUEST, "invalid_query");
}

#[tokio::test]
async fn actors_are_labelled_by_their_code_and_entity_filters() {
    let app = read_only_app();
    let (s, b) = get(&app, "/v1/actors?code_len=3").await;
    assert_eq!(s, StatusCode::OK, "{b}");
    let tur = b["actors"]
        .as_array()
        .unwrap()
        .iter()
        .find(|a| a["code"] == "TUR")
        .expect("TUR")
        .clone();
    assert_eq!(tur["name"], "Türkiye");
    assert!(tur["entities"]
        .as_array()
        .unwrap()
        .iter()
        .any(|e| e["id"] == "turkey" && e["mentions"].as_i64().unwrap() >= 1));
    let (_, b) = get(&app, "/v1/network").await;
    for n in b["nodes"].as_array().unwrap() {
        if n["code"] == "TURGOV" {
            assert_eq!(n["name"], "Türkiye · government");
        }
    }
    let (_, all) = get(&app, "/v1/events").await;
    let (s, b) = get(&app, "/v1/events?entity=turkey").await;
    assert_eq!(s, StatusCode::OK, "{b}");
    let some = b["events"].as_array().unwrap();
    assert!(!some.is_empty() && some.len() <= all["events"].as_array().unwrap().len());
    for e in some {
        let tur = |side: &str| {
            e[side]["code"]
                .as_str()
                .is_some_and(|c| c.starts_with("TUR"))
        };
        assert!(tur("source") || tur("target"), "{e}");
    }
    let (_, b) = get(&app, "/v1/events?entity=no-such-entry").await;
    assert!(b["events"].as_array().unwrap().is_empty());
    let (s, b) = get(&app, "/v1/dyads/TUR/EGY/timeline?entity=no-such-entry").await;
    assert_eq!(s, StatusCode::OK, "{b}");
    assert!(b["points"].as_array().unwrap().is_empty());
}
