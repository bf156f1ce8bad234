//! The one error type of the crate: every error names the file and, when known, the line.

use std::path::{Path, PathBuf};

/// Why a file, or one record of it, could not be read.
///
/// `Display` is `path:line: reason` (`path: reason` when the line is not known), so a message
/// points straight at the bad input.
#[derive(Debug, thiserror::Error)]
pub enum ReadError {
    /// The file (or a folder to list) could not be opened or read.
    ///
    /// The operating system's error is part of the message and deliberately not a `source`:
    /// a report that prints the chain of causes (anyhow's `{:#}`) would print it twice.
    #[error("{}: {err}", .path.display())]
    Io {
        /// The file or folder.
        path: PathBuf,
        /// What the operating system said.
        err: std::io::Error,
    },
    /// One JSONL line is not valid JSON (or not an object).
    #[error("{}:{line}: invalid JSON: {message}", .path.display())]
    Json {
        /// The file.
        path: PathBuf,
        /// 1-based line number.
        line: u64,
        /// What the parser said.
        message: String,
    },
    /// The bytes are in no encoding gongwen reads (UTF-8, UTF-16 with BOM, GB18030).
    #[error("{}: {message}", at(.path, *.line))]
    Encoding {
        /// The file.
        path: PathBuf,
        /// 1-based line number, when the problem is in one line of a line-based file.
        line: Option<u64>,
        /// What is wrong.
        message: String,
    },
    /// A record refused for what it says of its disclosure: classified (`秘密★1年`), or a
    /// disclosure not understood. Never indexed; a copy the index holds under its id (an
    /// earlier, public version) is to be withdrawn, never left served.
    #[error("{}: {reason}", at(.path, *.line))]
    Refused {
        /// The file.
        path: PathBuf,
        /// 1-based line number, when known.
        line: Option<u64>,
        /// The id the record has (as given, or derived from its place).
        id: String,
        /// Why.
        reason: String,
    },
    /// A record that decodes but is not a usable document: no title and no body, a date that
    /// does not parse, an unknown disclosure, an unsupported file type, …
    #[error("{}: {reason}", at(.path, *.line))]
    Invalid {
        /// The file.
        path: PathBuf,
        /// 1-based line number, when known.
        line: Option<u64>,
        /// What is wrong.
        reason: String,
    },
}

impl ReadError {
    /// The file the error is about.
    pub fn path(&self) -> &Path {
        match self {
            ReadError::Io { path, .. }
            | ReadError::Json { path, .. }
            | ReadError::Encoding { path, .. }
            | ReadError::Invalid { path, .. }
            | ReadError::Refused { path, .. } => path,
        }
    }

    /// The 1-based line the error is about, when known.
    pub fn line(&self) -> Option<u64> {
        match self {
            ReadError::Io { .. } => None,
            ReadError::Json { line, .. } => Some(*line),
            ReadError::Encoding { line, .. } | ReadError::Invalid { line, .. } | ReadError::Refused { line, .. } => {
                *line
            }
        }
    }

    pub(crate) fn io(path: &Path, err: std::io::Error) -> Self {
        ReadError::Io {
            path: path.to_path_buf(),
            err,
        }
    }

    pub(crate) fn invalid(path: &Path, line: Option<u64>, reason: impl Into<String>) -> Self {
        ReadError::Invalid {
            path: path.to_path_buf(),
            line,
            reason: reason.into(),
        }
    }
}

fn at(path: &Path, line: Option<u64>) -> String {
    match line {
        Some(l) => format!("{}:{l}", path.display()),
        None => path.display().to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn display_names_path_and_line() {
        let e = ReadError::invalid(Path::new("a/b.jsonl"), Some(7), "no title and no body");
        assert_eq!(e.to_string(), "a/b.jsonl:7: no title and no body");
        assert_eq!(e.line(), Some(7));
        let e = ReadError::Encoding {
            path: "x.txt".into(),
            line: None,
            message: "neither UTF-8 nor GB18030".into(),
        };
        assert_eq!(e.to_string(), "x.txt: neither UTF-8 nor GB18030");
        assert_eq!(e.path(), Path::new("x.txt"));
    }

    // See: an unreadable folder was reported as `perm/locked: Permission denied (os error 13):
    // …: Permission denied (os error 13)`: the OS error was both in the message and the source.
    #[test]
    fn each_cause_is_printed_once() {
        let e = ReadError::io(
            Path::new("perm/locked"),
            std::io::Error::from(std::io::ErrorKind::PermissionDenied),
        );
        let mut chain = e.to_string();
        let mut cause = std::error::Error::source(&e);
        while let Some(c) = cause {
            chain = format!("{chain}: {c}");
            cause = c.source();
        }
        assert_eq!(chain, "perm/locked: permission denied");
    }
}
