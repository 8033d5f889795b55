//! The HTTP API and web dashboard of rasid (`rasid serve`), built on axum.
//!
//! [`app`] builds the whole [`Router`] from an [`AppState`] (lexicon, store, optional API
//! token) so that tests can drive it without a socket (`app(state).oneshot(request)`);
//! [`serve`] binds an address and runs it. Routes:
//!
//! | route | what |
//! |---|---|
//! | `POST /v1/code` | code a text on the fly: events + highlight spans ([`code`]) |
//! | `GET /v1/events` | stored events, filtered, cursor-paginated ([`routes`]) |
//! | `GET /v1/events/{id}` | one stored event with its mentions and evidence |
//! | `GET /v1/documents/{doc_id}` | a stored document's text with highlight spans |
//! | `GET /v1/dyads/{a}/{b}/timeline?by=week\|month` | event counts per QuadClass and mean Goldstein per period |
//! | `GET /v1/actors` | actor codes with event counts |
//! | `GET /v1/network` | actors as nodes, event counts as edges |
//! | `GET /v1/map` | places with coordinates, event counts per QuadClass |
//! | `POST /v1/documents` | ingest documents (only with a token, `Authorization: Bearer`) |
//! | `GET /healthz`, `GET /openapi.json` | liveness; the OpenAPI 3 document |
//! | `GET /` | the dashboard; every asset is embedded in the binary ([`assets`]) |
//!
//! Every failed request is answered `{"error": {"code": "...", "message": "..."}}`
//! ([`ApiError`]), including axum's own rejections (404, 405, bad JSON) and the limits:
//! bodies over [`BODY_LIMIT`] bytes get 413, URIs over [`MAX_URI_LEN`] bytes 414, requests
//! over [`REQUEST_TIMEOUT`] 408. Coding and SQLite work run on tokio's blocking pool,
//! bounded by [`ServeOptions::blocking_threads`]; SQL is always parameterized.
//!
//! A server bound to a loopback address answers only requests whose `Host` is a
//! loopback name (`localhost`, `127.0.0.1`, `[::1]`, with any port), 421 otherwise: a web
//! page cannot reach it by DNS rebinding ([`AppState::with_host_check`]). [`serve_on`]
//! closes connections that have not sent a whole request head within
//! [`HEADER_READ_TIMEOUT`].
//!
//! ```
//! use rasid_server::{app, AppState};
//! use tower::ServiceExt;
//! # tokio::runtime::Runtime::new().unwrap().block_on(async {
//! let lex = rasid_lexicon::Lexicon::build(&rasid_lexicon::Sources::embedded()).unwrap();
//! let state = AppState::new(lex, None, None);
//! let res = app(state)
//!     .oneshot(axum::http::Request::get("/healthz").body(axum::body::Body::empty()).unwrap())
//!     .await
//!     .unwrap();
//! assert_eq!(res.status(), 200);
//! # });
//! ```
#![deny(missing_docs)]

pub mod assets;
pub mod code;
pub mod error;
pub mod routes;
pub mod storage;
pub mod wire;

pub use error::{ApiError, ServerError};

use axum::body::Body;
use axum::extract::DefaultBodyLimit;
use axum::extract::State;
use axum::http::{header, Request, StatusCode};
use axum::middleware::{self, Next};
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};
use axum::Router;
use rasid_lexicon::Lexicon;
use std::net::SocketAddr;
use std::path::PathBuf;
use std::sync::Arc;
use std::time::Duration;
use storage::Storage;
use tower_http::catch_panic::CatchPanicLayer;
use tower_http::limit::RequestBodyLimitLayer;
use tower_http::timeout::TimeoutLayer;

/// Largest request body accepted, in bytes (2 MiB); larger bodies get 413.
pub const BODY_LIMIT: usize = 2 * 1024 * 1024;

/// Longest a request may take before it is answered 408.
pub const REQUEST_TIMEOUT: Duration = Duration::from_secs(30);

/// Longest request URI (path and query) accepted, in bytes (8 KiB, as nginx's default
/// header buffers); longer ones get 414.
pub const MAX_URI_LEN: usize = 8 * 1024;

/// Longest a client may take to send a whole request head (request line and headers)
/// before its connection is closed: half-sent heads cannot hold sockets open.
pub const HEADER_READ_TIMEOUT: Duration = Duration::from_secs(10);

/// What the handlers share: the compiled lexicon, the store (if any) and the API token.
/// Cheap to clone.
#[derive(Clone)]
pub struct AppState {
    inner: Arc<Inner>,
    host_check: bool,
}

struct Inner {
    lex: Arc<Lexicon>,
    storage: Option<Storage>,
    token: Option<String>,
}

impl AppState {
    /// State over `lex`, the SQLite store at `db` (without one the store routes answer
    /// 404) and the API token that enables `POST /v1/documents` (none: read-only).
    pub fn new(
        lex: impl Into<Arc<Lexicon>>,
        db: Option<PathBuf>,
        token: Option<String>,
    ) -> AppState {
        AppState {
            inner: Arc::new(Inner {
                lex: lex.into(),
                storage: db.map(Storage::new),
                token: token.filter(|t| !t.is_empty()),
            }),
            host_check: false,
        }
    }

    /// With `on`, requests whose `Host` (or absolute URI) names anything but a loopback
    /// host (`localhost` or a subdomain of it, `127.0.0.0/8`, `[::1]`) get 421. For a
    /// server bound to a loopback address: a page of another site whose name was
    /// re-pointed at 127.0.0.1 (DNS rebinding) sends its own name and is refused. A
    /// request without any `Host` (HTTP/1.0) passes: browsers always send one.
    pub fn with_host_check(mut self, on: bool) -> AppState {
        self.host_check = on;
        self
    }

    /// The lexicon.
    pub fn lexicon(&self) -> &Lexicon {
        &self.inner.lex
    }

    /// The store, or a `no_store` error when the server runs without one.
    pub fn storage(&self) -> Result<&Storage, ApiError> {
        self.inner
            .storage
            .as_ref()
            .ok_or_else(|| ApiError::NotFound("this server has no store (--db)".into()))
    }

    /// The API token, when writes are enabled.
    pub fn token(&self) -> Option<&str> {
        self.inner.token.as_deref()
    }
}

/// The whole application: `/v1` API, `/openapi.json`, `/healthz` and the dashboard, with
/// the body limit, the timeout, panic catching, the URI limit and `Host` check
/// ([`AppState::with_host_check`]) and the JSON error shape applied.
pub fn app(state: AppState) -> Router {
    let api = Router::new()
        .route("/code", post(routes::code))
        .route("/events", get(routes::events))
        .route("/events/{id}", get(routes::event))
        .route("/documents", post(routes::ingest))
        .route("/documents/{doc_id}", get(routes::document))
        .route("/dyads/{a}/{b}/timeline", get(routes::timeline))
        .route("/actors", get(routes::actors))
        .route("/network", get(routes::network))
        .route("/map", get(routes::map))
        .route("/codes", get(routes::codes));
    Router::new()
        .nest("/v1", api)
        .route("/healthz", get(routes::healthz))
        .route("/openapi.json", get(assets::openapi))
        .route("/", get(assets::index))
        .route("/assets/{*path}", get(assets::asset))
        .fallback(not_found)
        .with_state(state.clone())
        .layer(CatchPanicLayer::custom(
            |_: Box<dyn std::any::Any + Send>| {
                ApiError::Internal("handler panicked".into()).into_response()
            },
        ))
        .layer(DefaultBodyLimit::max(BODY_LIMIT))
        .layer(RequestBodyLimitLayer::new(BODY_LIMIT))
        .layer(TimeoutLayer::with_status_code(
            StatusCode::REQUEST_TIMEOUT,
            REQUEST_TIMEOUT,
        ))
        .layer(middleware::from_fn_with_state(state, check_request))
        .layer(middleware::from_fn(json_errors))
}

/// Refuses, before any handler runs, a URI over [`MAX_URI_LEN`] bytes (414) and a
/// non-loopback `Host` when [`AppState::with_host_check`] is on (421).
async fn check_request(State(state): State<AppState>, req: Request<Body>, next: Next) -> Response {
    let uri = req.uri();
    let len = uri.path_and_query().map_or(0, |p| p.as_str().len());
    if len > MAX_URI_LEN {
        return ApiError::UriTooLong(MAX_URI_LEN).into_response();
    }
    if state.host_check {
        let host = uri.host().map(str::to_string).or_else(|| {
            req.headers()
                .get(header::HOST)
                .map(|h| String::from_utf8_lossy(h.as_bytes()).into_owned())
        });
        if let Some(h) = host {
            if !is_loopback_host(&h) {
                return ApiError::MisdirectedRequest(format!(
                    "host {:?} is not served here: this server answers only requests to localhost",
                    h.chars().take(100).collect::<String>()
                ))
                .into_response();
            }
        }
    }
    next.run(req).await
}

/// True when `host` (a `Host` header value or URI host, with or without a port) names the
/// loopback interface: `localhost` or `*.localhost` (RFC 6761), an address of
/// `127.0.0.0/8`, or `::1` (bracketed).
pub fn is_loopback_host(host: &str) -> bool {
    let host = host.trim();
    // the name without its port: `[::1]:8080`, `localhost:8080`
    let name = if let Some(rest) = host.strip_prefix('[') {
        match rest.split_once(']') {
            Some((inside, port)) if port.is_empty() || port.starts_with(':') => inside,
            _ => return false,
        }
    } else {
        match host.rsplit_once(':') {
            Some((n, port)) if port.bytes().all(|b| b.is_ascii_digit()) => n,
            Some(_) => return false,
            None => host,
        }
    };
    let name = name.strip_suffix('.').unwrap_or(name).to_ascii_lowercase();
    if name == "localhost" || name.ends_with(".localhost") {
        return true;
    }
    name.parse::<std::net::IpAddr>()
        .is_ok_and(|ip| ip.is_loopback())
}

async fn not_found() -> ApiError {
    ApiError::NotFound("no such route".into())
}

/// Gives every error response without a JSON body (axum's 405, the limit and timeout
/// layers' 413 and 408) the JSON error shape.
async fn json_errors(req: Request<Body>, next: Next) -> Response {
    let res = next.run(req).await;
    let status = res.status();
    if !(status.is_client_error() || status.is_server_error()) {
        return res;
    }
    let is_json = res
        .headers()
        .get(header::CONTENT_TYPE)
        .is_some_and(|v| v.as_bytes().starts_with(b"application/json"));
    if is_json {
        return res;
    }
    let allow = res.headers().get(header::ALLOW).cloned();
    let mut out = ApiError::from_status(status).into_response();
    *out.status_mut() = status;
    if let Some(a) = allow {
        out.headers_mut().insert(header::ALLOW, a);
    }
    out
}

/// Options of [`serve`].
#[derive(Debug, Clone)]
pub struct ServeOptions {
    /// The SQLite store.
    pub db: Option<PathBuf>,
    /// Address to listen on. A loopback address turns the `Host` check on
    /// ([`AppState::with_host_check`]).
    pub addr: SocketAddr,
    /// API token enabling `POST /v1/documents`.
    pub token: Option<String>,
    /// Most threads of tokio's blocking pool, where coding and SQLite work run (tokio's
    /// default is 512, which a burst of requests fills with threads and their memory);
    /// at least 1. [`ServeOptions::default_blocking_threads`] is twice the cores.
    pub blocking_threads: usize,
    /// See [`HEADER_READ_TIMEOUT`].
    pub header_read_timeout: Duration,
}

impl ServeOptions {
    /// Twice the cores this process may use (4 on a 2-core machine): coding is CPU-bound,
    /// and a second thread per core covers SQLite's waits on the disk.
    pub fn default_blocking_threads() -> usize {
        2 * std::thread::available_parallelism().map_or(2, |n| n.get())
    }
}

/// Runs the server on `opts.addr` until Ctrl-C, on its own tokio runtime.
///
/// # Errors
/// [`ServerError::Store`] when the store cannot be opened, [`ServerError::Io`] when the
/// address cannot be bound.
pub fn serve(lex: Lexicon, opts: ServeOptions) -> Result<(), ServerError> {
    if let Some(db) = &opts.db {
        storage::check(db, opts.token.is_some()).map_err(|e| ServerError::Store {
            path: db.display().to_string(),
            message: e.to_string(),
        })?;
    }
    let state = AppState::new(lex, opts.db.clone(), opts.token.clone())
        .with_host_check(opts.addr.ip().is_loopback());
    let rt = tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .max_blocking_threads(opts.blocking_threads.max(1))
        .build()?;
    rt.block_on(async move {
        let listener = tokio::net::TcpListener::bind(opts.addr).await?;
        let local = listener.local_addr()?;
        eprintln!(
            "rasid serve: listening on http://{local}/ (writes {})",
            if state.token().is_some() {
                "enabled with a token"
            } else {
                "disabled"
            }
        );
        serve_on(listener, app(state), opts.header_read_timeout, async {
            tokio::signal::ctrl_c().await.ok();
        })
        .await
    })?;
    Ok(())
}

/// Serves `router` over HTTP/1.1 on `listener` until `shutdown` completes, then lets open
/// connections finish their requests. A connection that has not sent a whole request
/// head within `header_read_timeout` is closed (axum's own `serve` sets no such timeout).
/// Requests hyper refuses before they reach `router` (a malformed or oversized head) are
/// answered in the JSON error shape too ([`wire`]).
///
/// # Errors
/// None in practice: a failed `accept` (out of file descriptors) is retried after a pause.
pub async fn serve_on(
    listener: tokio::net::TcpListener,
    router: Router,
    header_read_timeout: Duration,
    shutdown: impl std::future::Future<Output = ()>,
) -> std::io::Result<()> {
    use hyper_util::rt::{TokioIo, TokioTimer};
    let (close_tx, close_rx) = tokio::sync::watch::channel(());
    let mut shutdown = std::pin::pin!(shutdown);
    loop {
        let stream = tokio::select! {
            accepted = listener.accept() => match accepted {
                Ok((stream, _)) => stream,
                Err(e) => {
                    tracing::warn!("accept failed: {e}");
                    tokio::time::sleep(Duration::from_millis(100)).await;
                    continue;
                }
            },
            _ = &mut shutdown => break,
        };
        let service = hyper_util::service::TowerToHyperService::new(router.clone());
        let mut closing = close_rx.clone();
        tokio::spawn(async move {
            let mut builder = hyper::server::conn::http1::Builder::new();
            builder
                .timer(TokioTimer::new())
                .header_read_timeout(header_read_timeout);
            let io = TokioIo::new(wire::JsonParseErrors::new(stream));
            let conn = builder.serve_connection(io, service);
            let mut conn = std::pin::pin!(conn);
            tokio::select! {
                _ = conn.as_mut() => {}
                _ = closing.changed() => {
                    conn.as_mut().graceful_shutdown();
                    conn.await.ok();
                }
            }
        });
    }
    drop(close_rx);
    close_tx.send(()).ok();
    close_tx.closed().await;
    Ok(())
}
