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
//! | `POST /v1/documents` | ingest documents (only with a token, `Authorization: Bearer`) |
//! | `GET /healthz`, `GET /openapi.json` | liveness; the OpenAPI 3 document |
//! | `GET /` | the dashboard; every asset is embedded in the binary ([`assets`]) |
//!
//! Every failed request is answered `{"error": {"code": "...", "message": "..."}}`
//! ([`ApiError`]), including axum's own rejections (404, 405, bad JSON) and the limits:
//! bodies over [`BODY_LIMIT`] bytes get 413, requests over [`REQUEST_TIMEOUT`] get 408.
//! Coding and SQLite work run on tokio's blocking pool; SQL is always parameterized.
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

pub use error::{ApiError, ServerError};

use axum::body::Body;
use axum::extract::DefaultBodyLimit;
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

/// What the handlers share: the compiled lexicon, the store (if any) and the API token.
/// Cheap to clone.
#[derive(Clone)]
pub struct AppState {
    inner: Arc<Inner>,
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
        }
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
/// the body limit, the timeout, panic catching and the JSON error shape applied.
pub fn app(state: AppState) -> Router {
    let api = Router::new()
        .route("/code", post(routes::code))
        .route("/events", get(routes::events))
        .route("/events/{id}", get(routes::event))
        .route("/documents", post(routes::ingest))
        .route("/documents/{doc_id}", get(routes::document))
        .route("/dyads/{a}/{b}/timeline", get(routes::timeline))
        .route("/actors", get(routes::actors))
        .route("/network", get(routes::network));
    Router::new()
        .nest("/v1", api)
        .route("/healthz", get(routes::healthz))
        .route("/openapi.json", get(assets::openapi))
        .route("/", get(assets::index))
        .route("/assets/{*path}", get(assets::asset))
        .fallback(not_found)
        .with_state(state)
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
        .layer(middleware::from_fn(json_errors))
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
    /// Address to listen on.
    pub addr: SocketAddr,
    /// API token enabling `POST /v1/documents`.
    pub token: Option<String>,
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
    let state = AppState::new(lex, opts.db.clone(), opts.token.clone());
    let rt = tokio::runtime::Builder::new_multi_thread()
        .enable_all()
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
        axum::serve(listener, app(state))
            .with_graceful_shutdown(async {
                tokio::signal::ctrl_c().await.ok();
            })
            .await
    })?;
    Ok(())
}
