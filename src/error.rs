//! Typed errors of the library and diagnostics: the per-record problems that are reported with
//! their file and line while the rest of the batch goes on.

use std::fmt;
use std::path::{Path, PathBuf};

/// A failure that stops one operation (reading one file, writing one output).
#[derive(Debug, thiserror::Error)]
pub enum Error {
    /// The message already says what the I/O error is, so it is not also given as the
    /// source (an error chain would print it twice).
    #[error("{path}: {error}")]
    Io {
        path: PathBuf,
        error: std::io::Error,
    },
    #[error("CSV: {0}")]
    Csv(String),
    #[error("{0}")]
    Format(String),
    #[error("{path}: {message}")]
    InFile { path: PathBuf, message: String },
}

impl Error {
    /// An I/O error on `path`.
    pub fn io(path: &Path, source: std::io::Error) -> Error {
        Error::Io {
            path: path.to_path_buf(),
            error: source,
        }
    }

    /// A CSV reading error.
    pub fn csv(e: csv::Error) -> Error {
        Error::Csv(e.to_string())
    }

    /// The same error, said of `path` (unless it already names a file).
    pub fn in_file(self, path: &Path) -> Error {
        match self {
            e @ (Error::Io { .. } | Error::InFile { .. }) => e,
            other => Error::InFile {
                path: path.to_path_buf(),
                message: other.to_string(),
            },
        }
    }
}

/// How serious a diagnostic is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Severity {
    /// Nothing went wrong, but the user may want to know (an article with no incident).
    Note,
    /// Part of the input was skipped or repaired (a bad line, undecodable bytes).
    Warning,
    /// An input could not be read at all.
    Error,
}

/// A problem with one input record, reported with where it is.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Diagnostic {
    pub severity: Severity,
    /// The file (or `-` for standard input).
    pub file: String,
    /// 1-based line, when the problem has one.
    pub line: Option<u64>,
    pub message: String,
}

impl Diagnostic {
    /// A warning about line `line` of `path`.
    pub fn at_line(path: &Path, line: u64, message: impl Into<String>) -> Diagnostic {
        Diagnostic {
            severity: Severity::Warning,
            file: path.display().to_string(),
            line: Some(line),
            message: message.into(),
        }
    }

    /// A diagnostic about a whole file.
    pub fn file(
        severity: Severity,
        file: impl Into<String>,
        message: impl Into<String>,
    ) -> Diagnostic {
        Diagnostic {
            severity,
            file: file.into(),
            line: None,
            message: message.into(),
        }
    }
}

impl fmt::Display for Diagnostic {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let level = match self.severity {
            Severity::Note => "note",
            Severity::Warning => "warning",
            Severity::Error => "error",
        };
        match self.line {
            Some(line) => write!(f, "{}:{}: {}: {}", self.file, line, level, self.message),
            None => write!(f, "{}: {}: {}", self.file, level, self.message),
        }
    }
}
