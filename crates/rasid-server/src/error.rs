//! Errors: [`ApiError`] decides the status code and the JSON body of every failed
//! request; [`ServerError`] is what can stop the server from starting.

use axum::http::{header, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};
use serde_json::json;

/// An error answered to an HTTP client, always as
/// `{"error": {"code": "...", "message": "..."}}` with the status of [`ApiError::status`].
#[derive(Debug, thiserror::Error)]
pub enum ApiError {
    /// The request is malformed (bad JSON, bad query parameter, bad date …); 400.
    #[error("{1}")]
    BadRequest(&'static str, String),
    /// No such route, event, document or actor; 404.
    #[error("{0}")]
    NotFound(String),
    /// The route exists but not for this method; 405.
    #[error("method not allowed")]
    MethodNotAllowed,
    /// The body is larger than [`crate::BODY_LIMIT`]; 413.
    #[error("request body larger than {0} bytes")]
    PayloadTooLarge(usize),
    /// The body is not `application/json`; 415.
    #[error("{0}")]
    UnsupportedMediaType(String),
    /// No or malformed `Authorization: Bearer` header on a write route; 401.
    #[error("{0}")]
    Unauthorized(String),
    /// A token was given but is wrong, or writes are disabled (no `--token`); 403.
    #[error("{0}")]
    Forbidden(String),
    /// The request took longer than the server's timeout; 408.
    #[error("request timed out")]
    Timeout,
    /// The request URI is longer than [`crate::MAX_URI_LEN`] bytes; 414.
    #[error("request URI longer than {0} bytes")]
    UriTooLong(usize),
    /// The `Host` of a request to a loopback-bound server is not a loopback name (a DNS
    /// rebinding attempt, or a proxy that should not be there); 421.
    #[error("{0}")]
    MisdirectedRequest(String),
    /// A bug or a storage failure; 500. The message is logged, not detailed to clients.
    #[error("internal error: {0}")]
    Internal(String),
}

impl ApiError {
    /// The HTTP status of this error.
    pub fn status(&self) -> StatusCode {
        match self {
            ApiError::BadRequest(..) => StatusCode::BAD_REQUEST,
            ApiError::NotFound(_) => StatusCode::NOT_FOUND,
            ApiError::MethodNotAllowed => StatusCode::METHOD_NOT_ALLOWED,
            ApiError::PayloadTooLarge(_) => StatusCode::PAYLOAD_TOO_LARGE,
            ApiError::UnsupportedMediaType(_) => StatusCode::UNSUPPORTED_MEDIA_TYPE,
            ApiError::Unauthorized(_) => StatusCode::UNAUTHORIZED,
            ApiError::Forbidden(_) => StatusCode::FORBIDDEN,
            ApiError::Timeout => StatusCode::REQUEST_TIMEOUT,
            ApiError::UriTooLong(_) => StatusCode::URI_TOO_LONG,
            ApiError::MisdirectedRequest(_) => StatusCode::MISDIRECTED_REQUEST,
            ApiError::Internal(_) => StatusCode::INTERNAL_SERVER_ERROR,
        }
    }

    /// The machine-readable code of this error (`bad_request`, `not_found`, …; bad
    /// requests carry a more precise one such as `invalid_json` or `invalid_date`).
    pub fn code(&self) -> &'static str {
        match self {
            ApiError::BadRequest(code, _) => code,
            ApiError::NotFound(_) => "not_found",
            ApiError::MethodNotAllowed => "method_not_allowed",
            ApiError::PayloadTooLarge(_) => "payload_too_large",
            ApiError::UnsupportedMediaType(_) => "unsupported_media_type",
            ApiError::Unauthorized(_) => "unauthorized",
            ApiError::Forbidden(_) => "forbidden",
            ApiError::Timeout => "timeout",
            ApiError::UriTooLong(_) => "uri_too_long",
            ApiError::MisdirectedRequest(_) => "misdirected_request",
            ApiError::Internal(_) => "internal",
        }
    }

    /// A 400 with code `code`.
    pub fn bad_request(code: &'static str, message: impl Into<String>) -> ApiError {
        ApiError::BadRequest(code, message.into())
    }

    /// The error standing for a bare status produced outside the handlers (axum's
    /// routing, the body-limit and timeout layers).
    pub fn from_status(status: StatusCode) -> ApiError {
        match status {
            StatusCode::NOT_FOUND => ApiError::NotFound("no such route".into()),
            StatusCode::METHOD_NOT_ALLOWED => ApiError::MethodNotAllowed,
            StatusCode::PAYLOAD_TOO_LARGE => ApiError::PayloadTooLarge(crate::BODY_LIMIT),
            StatusCode::REQUEST_TIMEOUT => ApiError::Timeout,
            StatusCode::URI_TOO_LONG => ApiError::UriTooLong(crate::MAX_URI_LEN),
            StatusCode::UNSUPPORTED_MEDIA_TYPE => {
                ApiError::UnsupportedMediaType("expected Content-Type: application/json".into())
            }
            StatusCode::UNAUTHORIZED => ApiError::Unauthorized("unauthorized".into()),
            StatusCode::FORBIDDEN => ApiError::Forbidden("forbidden".into()),
            s if s.is_client_error() => {
                ApiError::bad_request("bad_request", s.canonical_reason().unwrap_or("bad request"))
            }
            s => ApiError::Internal(s.to_string()),
        }
    }
}

impl From<axum::extract::rejection::JsonRejection> for ApiError {
    fn from(r: axum::extract::rejection::JsonRejection) -> ApiError {
        use axum::extract::rejection::JsonRejection as J;
        match r {
            J::MissingJsonContentType(_) => {
                ApiError::UnsupportedMediaType("expected Content-Type: application/json".into())
            }
            J::JsonSyntaxError(e) => ApiError::bad_request("invalid_json", e.body_text()),
            J::JsonDataError(e) => ApiError::bad_request("invalid_request", e.body_text()),
            other if other.status() == StatusCode::PAYLOAD_TOO_LARGE => {
                ApiError::PayloadTooLarge(crate::BODY_LIMIT)
            }
            other => ApiError::bad_request("invalid_body", other.body_text()),
        }
    }
}

impl From<axum::extract::rejection::QueryRejection> for ApiError {
    fn from(r: axum::extract::rejection::QueryRejection) -> ApiError {
        ApiError::bad_request("invalid_query", r.body_text())
    }
}

impl From<axum::extract::rejection::PathRejection> for ApiError {
    fn from(r: axum::extract::rejection::PathRejection) -> ApiError {
        ApiError::bad_request("invalid_path", r.body_text())
    }
}

impl From<tokio::task::JoinError> for ApiError {
    fn from(e: tokio::task::JoinError) -> ApiError {
        ApiError::Internal(format!("worker task failed: {e}"))
    }
}

impl IntoResponse for ApiError {
    fn into_response(self) -> Response {
        let status = self.status();
        let message = match &self {
            ApiError::Internal(m) => {
                tracing::error!("internal error: {m}");
                "internal server error".to_string()
            }
            e => e.to_string(),
        };
        let body = json!({"error": {"code": self.code(), "message": message}});
        let mut res = (status, axum::Json(body)).into_response();
        if status == StatusCode::UNAUTHORIZED {
            res.headers_mut().insert(
                header::WWW_AUTHENTICATE,
                HeaderValue::from_static("Bearer realm=\"rasid\""),
            );
        }
        res
    }
}

/// Why the server could not start or stopped.
#[derive(Debug, thiserror::Error)]
pub enum ServerError {
    /// The lexicons failed to build.
    #[error("lexicon errors:\n{0}")]
    Lexicon(String),
    /// The store could not be opened.
    #[error("store {path}: {message}")]
    Store {
        /// Database path.
        path: String,
        /// What went wrong.
        message: String,
    },
    /// The address could not be bound, or serving failed.
    #[error("{0}")]
    Io(#[from] std::io::Error),
}
