//! Errors of the lexicon layer: one type for problems found in a source file, with the
//! file and line they come from.

use std::fmt;

/// A problem in a lexicon source, located by file and 1-based line (0 when the problem
/// concerns the file as a whole).
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{file}:{line}: {message}")]
pub struct LexiconError {
    /// The file, as given (a path, or `lexicons/NAME` for embedded files).
    pub file: String,
    /// 1-based line number; 0 for whole-file problems.
    pub line: usize,
    /// What kind of problem it is.
    pub kind: ErrorKind,
    /// A message for a person.
    pub message: String,
}

/// The kind of a [`LexiconError`], for callers that match on it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ErrorKind {
    /// The file could not be read, or its name does not say which kind it holds.
    Io,
    /// A line does not have the expected columns, or is not valid JSON.
    Syntax,
    /// A value is malformed: a bad actor or CAMEO code, a bad date, an empty name.
    BadValue,
    /// The same id appears twice in one kind.
    Duplicate,
    /// Two entries claim the same form with different codes, or dates are out of order.
    Conflict,
}

impl fmt::Display for ErrorKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            ErrorKind::Io => "io",
            ErrorKind::Syntax => "syntax",
            ErrorKind::BadValue => "bad value",
            ErrorKind::Duplicate => "duplicate",
            ErrorKind::Conflict => "conflict",
        })
    }
}

impl LexiconError {
    pub(crate) fn new(
        file: &str,
        line: usize,
        kind: ErrorKind,
        message: impl Into<String>,
    ) -> Self {
        LexiconError {
            file: file.to_string(),
            line,
            kind,
            message: message.into(),
        }
    }
}
