//! Input decoding: bytes as read from a file or socket to the UTF-8 text every span
//! refers to.
//!
//! Invalid UTF-8 is an error by default ([`DecodeError`] says at which byte); with the
//! explicit `lossy` option each invalid sequence becomes U+FFFD and a [`Warning`] says
//! where the first one was. A leading UTF-8 byte-order mark is removed in both modes, so
//! the offsets of the returned text start after it.

/// Invalid UTF-8 in strict mode.
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
#[error("invalid UTF-8 at byte {offset}")]
pub struct DecodeError {
    /// Byte offset, in the input bytes (counting a byte-order mark), of the first byte
    /// of the first invalid sequence.
    pub offset: usize,
}

/// Something lossy decoding changed.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum Warning {
    /// Invalid UTF-8 was replaced by U+FFFD.
    InvalidUtf8 {
        /// Byte offset, in the input bytes, of the first invalid sequence.
        offset: usize,
        /// How many invalid sequences were replaced (one U+FFFD each).
        replaced: usize,
    },
}

impl std::fmt::Display for Warning {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Warning::InvalidUtf8 { offset, replaced } => write!(
                f,
                "invalid UTF-8 at byte {offset}: {replaced} sequence(s) replaced by U+FFFD"
            ),
        }
    }
}

const BOM: &[u8] = b"\xEF\xBB\xBF";

/// Decodes `bytes` as UTF-8 and strips a leading byte-order mark.
///
/// Returns the text and the warnings (empty unless `lossy` replaced something). With
/// `lossy == false`, invalid UTF-8 gives [`DecodeError`] with the byte offset of the first
/// invalid sequence; with `lossy == true` it never fails. Linear in `bytes.len()`.
///
/// ```
/// use rasid_text::decode::{decode, Warning};
/// let (text, w) = decode("\u{FEFF}واس".as_bytes(), false).unwrap();
/// assert_eq!((text.as_str(), w.len()), ("واس", 0));
/// let bad = b"ab\xFFcd";
/// assert_eq!(decode(bad, false).unwrap_err().offset, 2);
/// let (text, w) = decode(bad, true).unwrap();
/// assert_eq!(text, "ab\u{FFFD}cd");
/// assert_eq!(w, [Warning::InvalidUtf8 { offset: 2, replaced: 1 }]);
/// ```
pub fn decode(bytes: &[u8], lossy: bool) -> Result<(String, Vec<Warning>), DecodeError> {
    let skip = if bytes.starts_with(BOM) { BOM.len() } else { 0 };
    let body = &bytes[skip..];
    match std::str::from_utf8(body) {
        Ok(s) => Ok((s.to_string(), Vec::new())),
        Err(e) if !lossy => Err(DecodeError {
            offset: skip + e.valid_up_to(),
        }),
        Err(e) => {
            let first = skip + e.valid_up_to();
            let mut text = String::with_capacity(body.len() + 2);
            let mut replaced = 0;
            for chunk in body.utf8_chunks() {
                text.push_str(chunk.valid());
                if !chunk.invalid().is_empty() {
                    text.push('\u{FFFD}');
                    replaced += 1;
                }
            }
            Ok((
                text,
                vec![Warning::InvalidUtf8 {
                    offset: first,
                    replaced,
                }],
            ))
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn table() {
        // (input, lossy, expected text or error offset, replaced)
        type Case<'a> = (&'a [u8], bool, Result<&'a str, usize>, usize);
        let cases: &[Case] = &[
            (b"", false, Ok(""), 0),
            (b"\xEF\xBB\xBF", false, Ok(""), 0),
            ("قال".as_bytes(), false, Ok("قال"), 0),
            (b"\xEF\xBB\xBFab\xC3", false, Err(5), 0),
            (b"\xD9", false, Err(0), 0),
            (b"a\xED\xA0\x80b", false, Err(1), 0),
            (b"\xEF\xBB\xBFab\xC3", true, Ok("ab\u{FFFD}"), 1),
            (b"\xFF\xFEx\xFF", true, Ok("\u{FFFD}\u{FFFD}x\u{FFFD}"), 3),
            // a BOM in the middle is text, not stripped
            (b"a\xEF\xBB\xBF", false, Ok("a\u{FEFF}"), 0),
        ];
        for &(input, lossy, ref want, replaced) in cases {
            match (decode(input, lossy), want) {
                (Ok((text, w)), Ok(t)) => {
                    assert_eq!(text, *t, "{input:?}");
                    assert_eq!(
                        w.iter()
                            .map(|Warning::InvalidUtf8 { replaced, .. }| *replaced)
                            .sum::<usize>(),
                        replaced
                    );
                }
                (Err(e), Err(off)) => assert_eq!(e.offset, *off, "{input:?}"),
                (got, _) => panic!("{input:?}: {got:?}"),
            }
        }
    }

    #[test]
    fn lossy_warning_offset() {
        let (_, w) = decode(b"\xEF\xBB\xBFok \xC0\xAF", true).unwrap();
        assert_eq!(
            w,
            [Warning::InvalidUtf8 {
                offset: 6,
                replaced: 2
            }]
        );
        assert_eq!(
            w[0].to_string(),
            "invalid UTF-8 at byte 6: 2 sequence(s) replaced by U+FFFD"
        );
    }
}
