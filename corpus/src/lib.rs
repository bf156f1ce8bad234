//! gongwen's readers and cleaners: source files in, [`Document`]s out.
//!
//! The roles, in the order data meets them:
//!
//! * [`discover`] expands the paths a user gives (files and folders, recursively) into a sorted
//!   list of files to read: JSONL (`.jsonl`, `.jsonl.zst`), folder pages (`.txt`, `.md`,
//!   `.html`, `.htm`) and gazette issues (`.txt` files that start with a 公报 header).
//! * [`read_file`] reads one file into a stream of documents. JSONL is streamed line by line
//!   (an 80 MB file is never held whole as documents); a bad record is one `Err` item and the
//!   stream goes on. Pages are decoded (UTF-8, UTF-8 with BOM, UTF-16 with BOM, GB18030/GBK, Big5,
//!   or the charset an HTML page declares; never with replacement characters, and a file whose
//!   encoding cannot be told is reported, not guessed) and their metadata read from a header, front matter,
//!   `<meta>` tags or the text itself. A gazette issue is split into its articles by its table
//!   of contents.
//! * [`clean_body`] strips web boilerplate and normalises whitespace; every reader uses it, and
//!   the content hash is computed on the cleaned title and body.
//! * [`ReadError`] names the file, the line when known, and the reason.
//!
//! ```
//! use gongwen_corpus::{clean_body, read_file, ReadOptions};
//!
//! let dir = tempfile::tempdir()?;
//! let path = dir.path().join("docs.jsonl");
//! std::fs::write(&path, concat!(
//!     r#"{"id":"a","title":"关于做好政务公开工作的通知","doc_number":"绿政办发[2018]059号","body":"根据国办发〔2017〕24号执行。\n责任编辑:张三"}"#, "\n",
//!     "{broken\n",
//! ))?;
//! let items: Vec<_> = read_file(&path, &ReadOptions::default())?.collect();
//! let doc = items[0].as_ref().expect("first line is good");
//! assert_eq!(doc.doc_numbers[0].canonical(), "绿政办发〔2018〕59号");
//! assert_eq!(doc.body, "根据国办发〔2017〕24号执行。");
//! assert_eq!(doc.cites, ["国办发〔2017〕24号"]);
//! assert_eq!(items[1].as_ref().unwrap_err().line(), Some(2));
//! assert_eq!(clean_body("正文\u{3000}一。\n【打印本页】"), "正文 一。");
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```

mod clean;
mod dates;
mod discover;
mod encoding;
mod error;
mod gazette;
mod html;
mod jsonl;
mod kind;
mod page;
pub mod pii;
mod record;
mod refs;
mod status;

use std::path::Path;

use gongwen_schema::{Disclosure, Document};

pub use clean::clean_body;

/// Decode text whose encoding is not declared (standard input, a pasted file): UTF-8 with or
/// without a BOM, UTF-16 with a BOM, GB18030/GBK or Big5, detected as the readers detect a
/// file's; `name` names the input in the error.
pub fn decode_text(bytes: &[u8], name: &std::path::Path) -> Result<String, ReadError> {
    encoding::decode_declared(bytes, name, None).map(|(text, _)| text)
}
pub use discover::discover;
pub use error::ReadError;
pub use html::html_to_text;
pub use kind::kind_from_title;
pub use pii::PiiMode;
pub use refs::references;

/// How to read sources.
#[derive(Debug, Clone, Copy, Default)]
pub struct ReadOptions {
    /// Disclosure of records that do not state one (主动公开 unless told otherwise).
    pub default_disclosure: Disclosure,
    /// What to do with personal numbers (identity, mobile, bank card) in titles and bodies:
    /// mask them (the default), keep them, or reject the record. See [`pii`].
    pub pii: PiiMode,
}

/// The documents of one file, each a document or the error of one record.
pub type Documents = Box<dyn Iterator<Item = Result<Document, ReadError>> + Send>;

/// The records of one file as read, each to be [resolved](Pending::resolve) into a document.
pub type PendingRecords = Box<dyn Iterator<Item = Pending> + Send>;

/// One record of a file, read in order but not yet parsed. Parsing, checking and cleaning a
/// record (JSON, dates, document numbers, references, personal numbers) is most of the cost
/// of reading; [`Pending::resolve`] does it, on whatever thread the caller chooses, so an
/// indexer can read a file in order and resolve its records in parallel.
pub struct Pending(Deferred);

enum Deferred {
    Ready(Box<Result<Document, ReadError>>),
    Line {
        path: std::sync::Arc<std::path::PathBuf>,
        line: u64,
        bytes: Vec<u8>,
        opts: ReadOptions,
    },
}

impl Pending {
    /// A record already resolved.
    pub fn ready(r: Result<Document, ReadError>) -> Pending {
        Pending(Deferred::Ready(Box::new(r)))
    }

    /// The id of the record and a key of its bytes and the read options, found without
    /// parsing or cleaning the record: when both equal what the index holds, the record is
    /// unchanged and need not be resolved. `None` when the record is already resolved or
    /// its id cannot be read cheaply (it is then resolved and compared by content hash).
    pub fn key(&self) -> Option<(String, u64)> {
        match &self.0 {
            Deferred::Ready(_) => None,
            Deferred::Line {
                path,
                line,
                bytes,
                opts,
            } => jsonl::key(path, *line, bytes, opts),
        }
    }

    /// The document, or the error of this record (with its file and line).
    pub fn resolve(self) -> Result<Document, ReadError> {
        match self.0 {
            Deferred::Ready(r) => *r,
            Deferred::Line {
                path,
                line,
                bytes,
                opts,
            } => jsonl::record(&path, line, &bytes, &opts),
        }
    }
}

/// Largest page file (`.txt`, `.md`, `.html`) read: a gazette issue of a year is a few MiB.
pub const MAX_PAGE_BYTES: u64 = 64 << 20;

/// Read one file into documents.
///
/// JSONL is streamed; a broken line gives one [`ReadError::Json`] (with its line) and reading
/// goes on. A page gives one document; a gazette issue gives one document per article. The
/// outer `Err` is for a file that cannot be opened, decoded or recognised at all.
pub fn read_file(path: &Path, opts: &ReadOptions) -> Result<Documents, ReadError> {
    Ok(Box::new(read_file_pending(path, opts)?.map(Pending::resolve)))
}

/// [`read_file`], with the records left to [resolve](Pending::resolve) by the caller.
pub fn read_file_pending(path: &Path, opts: &ReadOptions) -> Result<PendingRecords, ReadError> {
    use discover::FileType;
    // A folder among the files is one `discover` could not list: report why.
    if path.is_dir() {
        return Err(discover::folder_error(path));
    }
    // A named pipe, socket or device is never opened: opening a pipe waits for a writer, so a
    // FIFO named `*.txt` in a folder would hang the run. (A path that cannot be examined is
    // left to the open below, which says why.)
    if let Some(what) = std::fs::metadata(path).ok().and_then(|m| discover::special_file(&m)) {
        return Err(ReadError::invalid(
            path,
            None,
            format!("not a regular file but {what}: not read"),
        ));
    }
    let ft = discover::file_type(path).ok_or_else(|| {
        ReadError::invalid(
            path,
            None,
            "unsupported file type (expected .jsonl, .json, .jsonl.zst, .txt, .md, .html, .htm, .shtml or .xhtml)",
        )
    })?;
    match ft {
        FileType::Jsonl => jsonl::open(path, false, opts),
        FileType::JsonlZst => jsonl::open(path, true, opts),
        FileType::Text | FileType::Markdown | FileType::Html => {
            // A page is read whole, and its text several times over: one larger than any
            // document (or gazette issue) is refused before it is read. See (QA crash pass,
            // sixteenth session): a 143 MB page ran a 1.5 GB process out of memory.
            let size = std::fs::metadata(path).map_err(|e| ReadError::io(path, e))?.len();
            if size > MAX_PAGE_BYTES {
                return Err(ReadError::invalid(
                    path,
                    None,
                    format!(
                        "the page is {} MiB, larger than {} MiB: no document is that long, so it is not read",
                        size >> 20,
                        MAX_PAGE_BYTES >> 20
                    ),
                ));
            }
            let bytes = std::fs::read(path).map_err(|e| ReadError::io(path, e))?;
            // A page's own charset declaration decides its encoding (see `encoding`).
            let declared = (ft == FileType::Html)
                .then(|| encoding::sniff_charset(&bytes))
                .flatten();
            let (text, _) = encoding::decode_declared(&bytes, path, declared.as_deref())?;
            if text.trim().is_empty() {
                let what = if bytes.is_empty() { "empty" } else { "blank" };
                return Err(ReadError::invalid(
                    path,
                    None,
                    format!("the file is {what}: no document"),
                ));
            }
            let flavour = match ft {
                FileType::Markdown => page::Flavour::Markdown,
                FileType::Html => page::Flavour::Html,
                _ => page::Flavour::Text,
            };
            // A gazette issue, as text or as a web page or Markdown file holding the issue.
            if let Some(issue) = page::gazette_text(&text, flavour) {
                return Ok(Box::new(
                    gazette::split(&issue, path, opts).into_iter().map(Pending::ready),
                ));
            }
            Ok(Box::new(std::iter::once(Pending::ready(page::read(
                &text, flavour, path, opts,
            )))))
        }
    }
}
