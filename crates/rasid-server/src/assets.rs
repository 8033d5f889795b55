//! The dashboard and the OpenAPI document, embedded in the binary at build time: no file
//! is read at run time and nothing is fetched from another host.
//!
//! Vendored libraries (`assets/vendor/`, licences beside them): Chart.js 4.5.1 (MIT) draws
//! the relations timeline, cytoscape.js 3.33.1 (MIT) lays out the actor network, and
//! `world-110m.json` holds the map's country outlines as SVG paths, derived by
//! `scripts/vendor_world.mjs` from world-atlas 2.0.2 `countries-110m.json` (Natural Earth
//! 1:110m, public domain; world-atlas ISC).

use crate::ApiError;
use axum::extract::Path;
use axum::http::{header, HeaderValue};
use axum::response::{IntoResponse, Response};

/// The OpenAPI 3 document of the API.
pub const OPENAPI: &str = include_str!("../assets/openapi.json");

/// (path under `/assets/`, content type, bytes).
const FILES: &[(&str, &str, &[u8])] = &[
    (
        "app.js",
        "text/javascript; charset=utf-8",
        include_bytes!("../assets/app.js"),
    ),
    (
        "app.css",
        "text/css; charset=utf-8",
        include_bytes!("../assets/app.css"),
    ),
    (
        "vendor/chart.umd.min.js",
        "text/javascript; charset=utf-8",
        include_bytes!("../assets/vendor/chart.umd.min.js"),
    ),
    (
        "vendor/cytoscape.min.js",
        "text/javascript; charset=utf-8",
        include_bytes!("../assets/vendor/cytoscape.min.js"),
    ),
    (
        "vendor/world-110m.json",
        "application/json",
        include_bytes!("../assets/vendor/world-110m.json"),
    ),
    (
        "vendor/world-atlas.LICENSE",
        "text/plain; charset=utf-8",
        include_bytes!("../assets/vendor/world-atlas.LICENSE"),
    ),
    (
        "vendor/chart.js.LICENSE.md",
        "text/plain; charset=utf-8",
        include_bytes!("../assets/vendor/chart.js.LICENSE.md"),
    ),
    (
        "vendor/cytoscape.LICENSE",
        "text/plain; charset=utf-8",
        include_bytes!("../assets/vendor/cytoscape.LICENSE"),
    ),
];

/// The page's Content-Security-Policy: everything from this origin only, and no page of
/// any origin may frame it (clickjacking).
pub const CSP: &str =
    "default-src 'self'; img-src 'self' data:; style-src 'self' 'unsafe-inline'; \
                   script-src 'self'; connect-src 'self'; object-src 'none'; base-uri 'none'; \
                   frame-ancestors 'none'";

/// `GET /`: the dashboard page.
pub async fn index() -> Response {
    (
        [
            (
                header::CONTENT_TYPE,
                HeaderValue::from_static("text/html; charset=utf-8"),
            ),
            (
                header::CONTENT_SECURITY_POLICY,
                HeaderValue::from_static(CSP),
            ),
            (header::CACHE_CONTROL, HeaderValue::from_static("no-cache")),
        ],
        include_str!("../assets/index.html"),
    )
        .into_response()
}

/// `GET /assets/{path}`: one embedded file.
pub async fn asset(Path(path): Path<String>) -> Result<Response, ApiError> {
    let (_, ty, bytes) = FILES
        .iter()
        .find(|(p, _, _)| *p == path)
        .ok_or_else(|| ApiError::NotFound(format!("no asset {path:?}")))?;
    Ok((
        [
            (header::CONTENT_TYPE, HeaderValue::from_static(ty)),
            (header::CACHE_CONTROL, HeaderValue::from_static("no-cache")),
        ],
        *bytes,
    )
        .into_response())
}

/// `GET /openapi.json`.
pub async fn openapi() -> Response {
    (
        [(
            header::CONTENT_TYPE,
            HeaderValue::from_static("application/json"),
        )],
        OPENAPI,
    )
        .into_response()
}
