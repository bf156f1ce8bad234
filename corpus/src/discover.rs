//! Turning the paths a user gives into the sorted list of files to read.

use std::collections::HashSet;
use std::path::{Path, PathBuf};

use crate::error::ReadError;

/// What a file holds, by its name.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum FileType {
    Jsonl,
    JsonlZst,
    Text,
    Markdown,
    Html,
}

/// A file or folder name as text: UTF-8, else (a name written by a Windows archiver in the
/// local code page) read as GB18030, which reads every byte string. See (QA robustness pass):
/// files with GBK names in a folder were skipped without a word, and named alone were
/// "unsupported".
pub(crate) fn name_text(name: &std::ffi::OsStr) -> std::borrow::Cow<'_, str> {
    if let Some(s) = name.to_str() {
        return std::borrow::Cow::Borrowed(s);
    }
    #[cfg(unix)]
    {
        use std::os::unix::ffi::OsStrExt;
        let (text, _, _) = encoding_rs::GB18030.decode(name.as_bytes());
        std::borrow::Cow::Owned(text.into_owned())
    }
    #[cfg(not(unix))]
    {
        name.to_string_lossy()
    }
}

pub(crate) fn file_type(path: &Path) -> Option<FileType> {
    let name = name_text(path.file_name()?).to_ascii_lowercase();
    // `.json`: an export of records as one JSON array (or one record a line): the JSONL reader
    // takes both. (Read when named: see `is_json`.)
    Some(if name.ends_with(".jsonl.zst") || name.ends_with(".json.zst") {
        FileType::JsonlZst
    } else if name.ends_with(".jsonl") || name.ends_with(".json") {
        FileType::Jsonl
    } else if name.ends_with(".txt") {
        FileType::Text
    } else if name.ends_with(".md") || name.ends_with(".markdown") {
        FileType::Markdown
    } else if [".html", ".htm", ".shtml", ".shtm", ".xhtml"]
        .iter()
        .any(|x| name.ends_with(x))
    {
        // `.shtml` (server-side includes) and `.xhtml`: pages as many government sites name them.
        FileType::Html
    } else {
        return None;
    })
}

/// What a path that is neither a regular file nor a folder is (`a named pipe`, …), or `None`.
pub(crate) fn special_file(meta: &std::fs::Metadata) -> Option<&'static str> {
    let ft = meta.file_type();
    if ft.is_file() || ft.is_dir() {
        return None;
    }
    #[cfg(unix)]
    {
        use std::os::unix::fs::FileTypeExt;
        if ft.is_fifo() {
            return Some("a named pipe");
        } else if ft.is_socket() {
            return Some("a socket");
        } else if ft.is_block_device() || ft.is_char_device() {
            return Some("a device");
        }
    }
    Some("a special file")
}

/// Whether a folder's entries are those of a search index: gongwen's (`gongwen.json` beside
/// its `public` index) or tantivy's (`meta.json` beside `.managed.json`). Its files are never
/// documents (`meta.json` would be read as a JSON record), so indexing a folder that holds
/// the index being written, or an old one, leaves it out.
fn is_index(entries: &[std::fs::DirEntry]) -> bool {
    let has = |name: &str| entries.iter().any(|e| e.file_name() == name);
    (has("gongwen.json") && has("public")) || (has("meta.json") && has(".managed.json"))
}

fn skipped(path: &Path) -> bool {
    path.file_name().map(name_text).is_some_and(|n| {
        n.starts_with('.') || n == "manifest.jsonl" || n.get(..6).is_some_and(|p| p.eq_ignore_ascii_case("readme"))
    })
}

/// Expand files and folders (recursively) into a sorted, de-duplicated list of files to read.
///
/// Folders contribute their `.jsonl`, `.jsonl.zst`, `.txt` (plain pages and gazette issues),
/// `.md`, `.html` and `.htm` files; hidden files and folders, a gazette `manifest.jsonl` and
/// `README` files (a corpus folder's description, not a document: `../shared/corpus/README.md`
/// was read as a page) are skipped. A file named explicitly must have one of those types, and
/// is read whatever its name.
///
/// Symbolic links to folders are followed, but each real folder is visited once: a link back
/// into the tree (a loop) or to a folder already visited is skipped with a warning.
///
/// A folder inside the tree that cannot be listed (no permission, …) does not stop discovery:
/// it is listed itself, among the files, and [`read_file`](crate::read_file) reports it as a
/// [`ReadError`] (its path and the reason), like a file that cannot be read. A path given here
/// that does not exist or cannot be listed is an error.
pub fn discover(paths: &[PathBuf]) -> Result<Vec<PathBuf>, ReadError> {
    let mut walk = Walk::default();
    for p in paths {
        let meta = std::fs::metadata(p).map_err(|e| ReadError::io(p, e))?;
        if meta.is_dir() {
            std::fs::read_dir(p).map_err(|e| ReadError::io(p, e))?;
            walk.folder(p, true);
            walk.links();
        } else if file_type(p).is_some() {
            walk.out.push(p.clone());
        } else {
            return Err(ReadError::invalid(
                p,
                None,
                "unsupported file type (expected .jsonl, .json, .jsonl.zst, .txt, .md, .html, .htm, .shtml or .xhtml)",
            ));
        }
    }
    if walk.other_left > 0 {
        tracing::info!(
            files = walk.other_left,
            "files of other types in the folders were not read (.pdf, .doc, images: only .jsonl, .jsonl.zst, .txt, .md and web pages are)"
        );
    }
    if walk.json_left > 0 {
        tracing::info!(
            files = walk.json_left,
            "JSON files in the folders were not read (name a .json file to index it)"
        );
    }
    let mut out = walk.out;
    out.sort();
    out.dedup();
    Ok(out)
}

/// A folder walk: the files found and the real folders visited.
#[derive(Default)]
struct Walk {
    out: Vec<PathBuf>,
    /// Canonical paths of the folders visited.
    visited: HashSet<PathBuf>,
    /// Symbolic links to folders, walked after the real folders so that a folder is found
    /// under its own path when it is in the tree.
    links: Vec<PathBuf>,
    /// `.json` files met in folders, not read.
    json_left: usize,
    /// Files of other types met in the folders (`.pdf`, `.doc`, images): not read.
    other_left: usize,
}

/// A `.json` file (plain or `.zst`): read when named, not when met in a folder, where such
/// files are as often a site's data or settings (lists of links, configurations) as exports
/// of documents.
fn is_json(path: &Path) -> bool {
    path.file_name()
        .and_then(|n| n.to_str())
        .map(str::to_ascii_lowercase)
        .is_some_and(|n| n.ends_with(".json") || n.ends_with(".json.zst"))
}

impl Walk {
    /// Walk `dir`, a folder given by the user (`root`) or met inside one.
    fn folder(&mut self, dir: &Path, root: bool) {
        let real = match std::fs::canonicalize(dir) {
            Ok(r) => r,
            Err(e) => return self.unreadable(dir, &e),
        };
        if !self.visited.insert(real) {
            if root {
                tracing::debug!(folder = %dir.display(), "already visited");
            } else {
                tracing::warn!(
                    folder = %dir.display(),
                    "skipped: a symbolic link to a folder already visited (a loop, or a second way in)"
                );
            }
            return;
        }
        let listing = match std::fs::read_dir(dir) {
            Ok(entries) => entries,
            Err(e) => return self.unreadable(dir, &e),
        };
        let mut entries = Vec::new();
        for entry in listing {
            match entry {
                Ok(entry) => entries.push(entry),
                Err(e) => {
                    // The listing broke off: report the folder, keep what was listed.
                    self.unreadable(dir, &e);
                    break;
                }
            }
        }
        entries.sort_by_key(|e| e.file_name());
        if is_index(&entries) {
            tracing::info!(folder = %dir.display(), "skipped: a search index (gongwen's or tantivy's), not documents");
            return;
        }
        for entry in entries {
            let path = entry.path();
            if skipped(&path) {
                continue;
            }
            let (is_dir, is_link) = match entry.file_type() {
                Ok(ft) if ft.is_symlink() => (path.is_dir(), true),
                Ok(ft) => (ft.is_dir(), false),
                Err(_) => (path.is_dir(), false),
            };
            if is_dir && is_link {
                self.links.push(path);
            } else if is_dir {
                self.folder(&path, false);
            } else if is_json(&path) {
                self.json_left += 1;
            } else if file_type(&path).is_some() {
                // Unreadable files (and dangling links) are reported when read.
                self.out.push(path);
            } else {
                self.other_left += 1;
            }
        }
    }

    /// Walk the links to folders met so far (and those met in them).
    fn links(&mut self) {
        while !self.links.is_empty() {
            for link in std::mem::take(&mut self.links) {
                self.folder(&link, false);
            }
        }
    }

    /// A folder that cannot be listed: listed itself, so that reading it reports why.
    fn unreadable(&mut self, dir: &Path, e: &std::io::Error) {
        tracing::debug!(folder = %dir.display(), "cannot be listed: {e}");
        self.out.push(dir.to_path_buf());
    }
}

/// The error of a folder [`discover`] could not list, found again when it is read: the reason
/// the operating system gives now, or, if it can be listed now, that it could not be before.
pub(crate) fn folder_error(dir: &Path) -> ReadError {
    let listed = std::fs::read_dir(dir).and_then(|mut entries| entries.try_for_each(|e| e.map(drop)));
    match listed {
        Err(e) => ReadError::io(dir, e),
        Ok(()) => ReadError::invalid(
            dir,
            None,
            "folder could not be listed when the files to read were found (it can be now: index it again)",
        ),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn walks_sorted_and_skips_hidden_and_manifest() {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path();
        for f in [
            "b.txt",
            "a.jsonl",
            "c.jsonl.zst",
            "d.html",
            "e.htm",
            "e2.shtml",
            "e3.xhtml",
            "f.md",
            "g.pdf",
            ".hidden.txt",
            "manifest.jsonl",
            "README.md",
            "readme.txt",
        ] {
            std::fs::write(root.join(f), "x").unwrap();
        }
        std::fs::create_dir(root.join("sub")).unwrap();
        std::fs::write(root.join("sub/z.txt"), "x").unwrap();
        std::fs::create_dir(root.join(".git")).unwrap();
        std::fs::write(root.join(".git/y.txt"), "x").unwrap();
        // A README in a folder is skipped; named explicitly, it is read.
        let got = discover(&[root.to_path_buf(), root.join("b.txt"), root.join("README.md")]).unwrap();
        let names: Vec<String> = got
            .iter()
            .map(|p| p.strip_prefix(root).unwrap().display().to_string())
            .collect();
        assert_eq!(
            names,
            [
                "README.md",
                "a.jsonl",
                "b.txt",
                "c.jsonl.zst",
                "d.html",
                "e.htm",
                "e2.shtml",
                "e3.xhtml",
                "f.md",
                "sub/z.txt"
            ]
        );
        assert!(discover(&[root.join("g.pdf")]).is_err());
        assert!(matches!(discover(&[root.join("missing")]), Err(ReadError::Io { .. })));
    }

    // See: indexing a folder that held the index being written read its meta.json (and
    // gongwen.json) as JSON records, rejecting dozens of "records".
    #[test]
    fn search_indexes_in_the_tree_are_left_out() {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path();
        std::fs::write(root.join("a.json"), "[]").unwrap();
        std::fs::create_dir_all(root.join("idx/public")).unwrap();
        std::fs::write(root.join("idx/gongwen.json"), "{}").unwrap();
        std::fs::write(root.join("idx/notes.txt"), "x").unwrap();
        std::fs::create_dir_all(root.join("old/tantivy")).unwrap();
        std::fs::write(root.join("old/tantivy/meta.json"), "{}").unwrap();
        std::fs::write(root.join("old/tantivy/.managed.json"), "[]").unwrap();
        std::fs::write(root.join("old/keep.json"), "[]").unwrap();
        std::fs::write(root.join("old/keep.jsonl"), "").unwrap();
        let got = discover(&[root.to_path_buf()]).unwrap();
        assert_eq!(got, [root.join("old/keep.jsonl")]);
        // A .json file is read when named, not when met in a folder.
        let named = discover(&[root.to_path_buf(), root.join("a.json")]).unwrap();
        assert_eq!(named, [root.join("a.json"), root.join("old/keep.jsonl")]);
    }

    // See (QA robustness pass): files whose names are GBK bytes (unzipped from a Windows
    // archive) were skipped in a folder without a word, and named alone were "unsupported".
    #[cfg(unix)]
    #[test]
    fn files_with_gbk_names_are_read_and_titled_by_their_names() {
        use std::os::unix::ffi::OsStrExt;
        let dir = tempfile::tempdir().unwrap();
        let (name, _, _) = encoding_rs::GBK.encode("关于开展安全生产检查工作的通知.txt");
        let path = dir.path().join(std::ffi::OsStr::from_bytes(&name));
        std::fs::write(&path, "各乡镇：\n现就开展安全生产检查工作通知如下。\n").unwrap();
        assert_eq!(
            discover(&[dir.path().to_path_buf()]).unwrap(),
            std::slice::from_ref(&path)
        );
        assert_eq!(
            discover(std::slice::from_ref(&path)).unwrap(),
            std::slice::from_ref(&path)
        );
        let docs: Vec<_> = crate::read_file(&path, &crate::ReadOptions::default())
            .unwrap()
            .collect::<Result<_, _>>()
            .unwrap();
        assert_eq!(docs[0].title, "关于开展安全生产检查工作的通知");
        assert!(docs[0].source.path.ends_with(".txt"), "{}", docs[0].source.path);
    }

    // See: one folder that could not be listed aborted discovery, and the whole run. The tests
    // run as root, whom mode 000 does not stop (tests/folder.rs has that test for other users):
    // here the folder vanishes between being found and being listed.
    #[test]
    fn a_folder_that_cannot_be_listed_is_left_for_reading_to_report() {
        let dir = tempfile::tempdir().unwrap();
        let gone = dir.path().join("gone");
        let mut walk = Walk::default();
        walk.folder(&gone, false);
        assert_eq!(walk.out, std::slice::from_ref(&gone));
        let err = folder_error(&gone);
        assert!(
            matches!(&err, ReadError::Io { err, .. } if err.kind() == std::io::ErrorKind::NotFound),
            "{err}"
        );
        assert_eq!(err.path(), gone);
        assert!(err.to_string().starts_with(&format!("{}: ", gone.display())), "{err}");

        // Listed among the files, reading it reports it; a folder readable by then says so.
        std::fs::create_dir(&gone).unwrap();
        let err = crate::read_file(&gone, &crate::ReadOptions::default())
            .err()
            .expect("reported");
        assert!(err.to_string().contains("could not be listed"), "{err}");
    }
}
