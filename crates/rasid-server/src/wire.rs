//! The connection's byte stream: [`JsonParseErrors`] gives the answers hyper writes by
//! itself, before any request reaches the router, the JSON error shape of [`ApiError`].
//!
//! hyper answers a request head it cannot parse with a bare status and an empty body:
//! 400 (malformed), 414 (a URI over its own limit of 65,534 bytes) or 431 (a head over
//! its buffer). Nothing in hyper lets a server shape those, so the stream below replaces
//! such a response, recognised by its status and `content-length: 0` (every response of
//! the router carries a JSON or asset body), with the same status and a JSON body.

use crate::ApiError;
use axum::http::StatusCode;
use std::io;
use std::pin::Pin;
use std::task::{ready, Context, Poll};
use tokio::io::{AsyncRead, AsyncWrite, ReadBuf};

/// A stream whose writes pass through, except hyper's own bare 400, 414 and 431
/// responses, which are replaced by a JSON one (see the [module docs](self)).
#[derive(Debug)]
pub struct JsonParseErrors<T> {
    inner: T,
    /// A replacement response still to write, and how much of it is written.
    pending: Vec<u8>,
    written: usize,
}

impl<T> JsonParseErrors<T> {
    /// Wraps `inner`.
    pub fn new(inner: T) -> JsonParseErrors<T> {
        JsonParseErrors {
            inner,
            pending: Vec::new(),
            written: 0,
        }
    }
}

/// The JSON response standing for hyper's bare response `head`, or `None` when `head` is
/// anything else.
pub fn replacement(head: &[u8]) -> Option<Vec<u8>> {
    let rest = head
        .strip_prefix(b"HTTP/1.1 ")
        .or_else(|| head.strip_prefix(b"HTTP/1.0 "))?;
    let status = StatusCode::from_bytes(rest.get(..3)?).ok()?;
    let (code, message) = match status {
        StatusCode::BAD_REQUEST => (
            "invalid_request_head",
            "malformed HTTP request head".to_string(),
        ),
        StatusCode::URI_TOO_LONG => {
            let e = ApiError::UriTooLong(crate::MAX_URI_LEN);
            (e.code(), e.to_string())
        }
        StatusCode::REQUEST_HEADER_FIELDS_TOO_LARGE => (
            "request_head_too_large",
            "request head larger than this server accepts".to_string(),
        ),
        _ => return None,
    };
    let end = head.windows(4).position(|w| w == b"\r\n\r\n")?;
    let lower = head[..end + 2].to_ascii_lowercase();
    let has = |needle: &[u8]| lower.windows(needle.len()).any(|w| w == needle);
    let bare = has(b"\r\ncontent-length: 0\r\n") && !has(b"\r\ncontent-type:");
    if !bare {
        return None;
    }
    let body = serde_json::json!({"error": {"code": code, "message": message}}).to_string();
    Some(
        format!(
            "HTTP/1.1 {} {}\r\ncontent-type: application/json\r\ncontent-length: {}\r\nconnection: close\r\n\r\n{body}",
            status.as_u16(),
            status.canonical_reason().unwrap_or(""),
            body.len()
        )
        .into_bytes(),
    )
}

impl<T: AsyncWrite + Unpin> JsonParseErrors<T> {
    /// Writes what is left of a replacement response.
    fn drain(&mut self, cx: &mut Context<'_>) -> Poll<io::Result<()>> {
        while self.written < self.pending.len() {
            let n =
                ready!(Pin::new(&mut self.inner).poll_write(cx, &self.pending[self.written..]))?;
            if n == 0 {
                return Poll::Ready(Err(io::ErrorKind::WriteZero.into()));
            }
            self.written += n;
        }
        Poll::Ready(Ok(()))
    }
}

impl<T: AsyncRead + Unpin> AsyncRead for JsonParseErrors<T> {
    fn poll_read(
        mut self: Pin<&mut Self>,
        cx: &mut Context<'_>,
        buf: &mut ReadBuf<'_>,
    ) -> Poll<io::Result<()>> {
        Pin::new(&mut self.inner).poll_read(cx, buf)
    }
}

impl<T: AsyncWrite + Unpin> AsyncWrite for JsonParseErrors<T> {
    fn poll_write(
        mut self: Pin<&mut Self>,
        cx: &mut Context<'_>,
        buf: &[u8],
    ) -> Poll<io::Result<usize>> {
        ready!(self.drain(cx))?;
        if let Some(json) = replacement(buf) {
            self.pending = json;
            self.written = 0;
            // the bare response counts as written; the JSON one goes out now or on flush
            let _ = self.drain(cx)?;
            return Poll::Ready(Ok(buf.len()));
        }
        Pin::new(&mut self.inner).poll_write(cx, buf)
    }

    fn poll_flush(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<io::Result<()>> {
        ready!(self.drain(cx))?;
        Pin::new(&mut self.inner).poll_flush(cx)
    }

    fn poll_shutdown(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<io::Result<()>> {
        ready!(self.drain(cx))?;
        Pin::new(&mut self.inner).poll_shutdown(cx)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bare_hyper_errors_become_json() {
        let r = replacement(b"HTTP/1.1 414 URI Too Long\r\ncontent-length: 0\r\ndate: x\r\n\r\n")
            .unwrap();
        let text = String::from_utf8(r).unwrap();
        assert!(text.starts_with("HTTP/1.1 414 URI Too Long\r\ncontent-type: application/json\r\n"));
        let body: serde_json::Value =
            serde_json::from_str(text.split("\r\n\r\n").nth(1).unwrap()).unwrap();
        assert_eq!(body["error"]["code"], "uri_too_long");
    }

    #[test]
    fn the_routers_own_answers_pass() {
        let json_400 = b"HTTP/1.1 400 Bad Request\r\ncontent-type: application/json\r\ncontent-length: 60\r\n\r\n{}";
        assert!(replacement(json_400).is_none());
        assert!(replacement(b"HTTP/1.1 200 OK\r\ncontent-length: 0\r\n\r\n").is_none());
        assert!(replacement(b"{\"events\": []}").is_none());
    }
}
