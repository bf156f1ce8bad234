//! The parallel pipeline that writes gongwen's index.
//!
//! Roles:
//! * [`IndexDir`] is the folder on disk: `public/` and `restricted/` hold two tantivy
//!   indexes (documents that are not 主动公开 go to the physically separate `restricted/`
//!   one, so no statistic of theirs can leak into public scores or counts), `gongwen.json`
//!   records the layout version. Opening never wipes or recreates anything: a folder that
//!   fails to open is an error.
//! * [`Indexer`] runs the pipeline: files are discovered and their lines read in order by
//!   `gongwen-corpus`; a batch of records is then, in parallel (rayon), keyed (id and a hash
//!   of the raw line and the read options: a record the index holds with the same key is
//!   skipped there, unparsed), parsed, cleaned and hashed, and turned into tantivy documents;
//!   each document is routed by its disclosure to one tantivy `IndexWriter`, upserted by id,
//!   skipped when id and content hash are already there, and committed every N documents and
//!   at the end. Bigrams (bodies) and words (titles) are cut by the writer's indexing threads (one
//!   per core) with the shared analyzer's streaming tokenizers, which work a piece of text at a
//!   time: no token list of a whole document is ever held. tantivy's in-memory postings of one
//!   document still grow with it (a 52 MB document peaks at about 700 MiB, measured by
//!   `tests/e2e/encoding.rs`), and are flushed when the document is done. (Pre-cutting the text in rayon and handing tantivy token lists
//!   was measured: 2.7x slower and 4x the peak memory on the full corpus.)
//! * [`Summary`] is what a run did: indexed, updated, skipped, rejected, with the errors.
//!
//! Crash safety: each writer's commit writes its new segments and syncs them (tantivy), then
//! both indexes' states are published together in one file replaced atomically
//! (`gongwen_schema::commit`), so a process killed at any moment leaves the last committed
//! state of the folder, both indexes of it. A second writer on the same folder fails with
//! [`IndexError::Locked`].
//!
//! ```no_run
//! use gongwen_indexer::{IndexDir, Indexer, IndexOptions};
//! let dir = IndexDir::open_or_create("data/index".as_ref()).unwrap();
//! let summary = Indexer::new(&dir, IndexOptions::default()).unwrap()
//!     .index_paths(&["../shared/corpus/sample.jsonl".into()]).unwrap();
//! println!("{summary}");
//! ```

mod dir;
mod optimize;
mod pipeline;
mod stats;
mod verify;

pub use dir::{mmap_files, remove_stale_builds, IndexDir, OpenFiles, Visibility};
pub use optimize::{optimize, Merged, OptimizeSummary};
pub use pipeline::{IndexOptions, Indexer, Rejected, Summary};
pub use stats::{stats, Stats};
pub use verify::{verify, VerifyReport};

use std::path::PathBuf;

/// Errors of the indexer.
#[derive(Debug, thiserror::Error)]
pub enum IndexError {
    /// Another process is writing to this index.
    #[error(
        "{path}: another gongwen process is indexing into this folder (its writer lock is held); wait for it to finish"
    )]
    Locked {
        /// The index folder.
        path: PathBuf,
    },
    /// The folder holds an index of another layout version.
    #[error(
        "{path}: index layout version {found} is not {expected}; rebuild it with `gongwen index` into a new folder"
    )]
    Version {
        /// The index folder.
        path: PathBuf,
        /// Version found on disk.
        found: u32,
        /// Version this gongwen writes.
        expected: u32,
    },
    /// The folder exists but is not a gongwen index.
    #[error("{path}: not a gongwen index ({reason})")]
    NotAnIndex {
        /// The folder.
        path: PathBuf,
        /// Why.
        reason: String,
    },
    /// A record could not be read, in `--strict` mode.
    #[error(transparent)]
    Read(#[from] gongwen_corpus::ReadError),
    /// Files could not be written or read.
    #[error("{path}: {source}")]
    Io {
        /// The path.
        path: PathBuf,
        /// The error.
        source: std::io::Error,
    },
    /// The disk holding the index is full (`ENOSPC`). Nothing of the failed run was
    /// committed; the last commit is intact and stays searchable.
    #[error(
        "disk full: no space left on the device holding the index while {context}; the last commit is intact: free some space and run the same command again"
    )]
    DiskFull {
        /// What was being done.
        context: String,
        /// The engine's error.
        source: tantivy::TantivyError,
    },
    /// The search engine failed (corrupt segment, I/O error, …).
    #[error("{context}: {source}")]
    Engine {
        /// What was being done.
        context: String,
        /// The engine's error.
        source: tantivy::TantivyError,
    },
    /// The schema of an index is not this version's.
    #[error(transparent)]
    Schema(#[from] gongwen_schema::SchemaError),
}

impl IndexError {
    pub(crate) fn engine(context: impl Into<String>) -> impl FnOnce(tantivy::TantivyError) -> IndexError {
        let context = context.into();
        move |source| {
            if is_disk_full(&source) {
                IndexError::DiskFull { context, source }
            } else {
                IndexError::Engine { context, source }
            }
        }
    }
}

/// True when an I/O error somewhere in the chain of `e` says the device is full.
pub(crate) fn is_disk_full(e: &(dyn std::error::Error + 'static)) -> bool {
    const ENOSPC: i32 = 28;
    let mut cur = Some(e);
    while let Some(err) = cur {
        if let Some(io) = err.downcast_ref::<std::io::Error>() {
            if io.kind() == std::io::ErrorKind::StorageFull || io.raw_os_error() == Some(ENOSPC) {
                return true;
            }
        }
        if let Some(tantivy::TantivyError::IoError(io)) = err.downcast_ref::<tantivy::TantivyError>() {
            if io.kind() == std::io::ErrorKind::StorageFull || io.raw_os_error() == Some(ENOSPC) {
                return true;
            }
        }
        cur = err.source();
    }
    // Some paths of the engine keep only the text of the error.
    e.to_string().contains("No space left on device")
}
