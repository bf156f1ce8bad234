//! Turning the paths a user gives into the sorted list of files to read.

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

pub(crate) fn file_type(path: &Path) -> Option<FileType> {
    let name = path.file_name()?.to_str()?.to_ascii_lowercase();
    Some(if name.ends_with(".jsonl.zst") {
        FileType::JsonlZst
    } else if name.ends_with(".jsonl") {
        FileType::Jsonl
    } else if name.ends_with(".txt") {
        FileType::Text
    } else if name.ends_with(".md") || name.ends_with(".markdown") {
        FileType::Markdown
    } else if name.ends_with(".html") || name.ends_with(".htm") {
        FileType::Html
    } else {
        return None;
    })
}

fn skipped(path: &Path) -> bool {
    path.file_name()
        .and_then(|n| n.to_str())
        .is_some_and(|n| n.starts_with('.') || n == "manifest.jsonl")
}

/// Expand files and folders (recursively) into a sorted, de-duplicated list of files to read.
///
/// Folders contribute their `.jsonl`, `.jsonl.zst`, `.txt` (plain pages and gazette issues),
/// `.md`, `.html` and `.htm` files; hidden files and folders and a gazette `manifest.jsonl` are
/// skipped. A file named explicitly must have one of those types.
pub fn discover(paths: &[PathBuf]) -> Result<Vec<PathBuf>, ReadError> {
    let mut out = Vec::new();
    for p in paths {
        let meta = std::fs::metadata(p).map_err(|e| ReadError::io(p, e))?;
        if meta.is_dir() {
            walk(p, &mut out)?;
        } else if file_type(p).is_some() {
            out.push(p.clone());
        } else {
            return Err(ReadError::invalid(
                p,
                None,
                "unsupported file type (expected .jsonl, .jsonl.zst, .txt, .md, .html or .htm)",
            ));
        }
    }
    out.sort();
    out.dedup();
    Ok(out)
}

fn walk(dir: &Path, out: &mut Vec<PathBuf>) -> Result<(), ReadError> {
    let entries = std::fs::read_dir(dir).map_err(|e| ReadError::io(dir, e))?;
    for entry in entries {
        let entry = entry.map_err(|e| ReadError::io(dir, e))?;
        let path = entry.path();
        if skipped(&path) {
            continue;
        }
        let ft = entry.file_type().map_err(|e| ReadError::io(&path, e))?;
        if ft.is_dir() || (ft.is_symlink() && path.is_dir()) {
            walk(&path, out)?;
        } else if file_type(&path).is_some() {
            out.push(path);
        }
    }
    Ok(())
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
            "f.md",
            "g.pdf",
            ".hidden.txt",
            "manifest.jsonl",
        ] {
            std::fs::write(root.join(f), "x").unwrap();
        }
        std::fs::create_dir(root.join("sub")).unwrap();
        std::fs::write(root.join("sub/z.txt"), "x").unwrap();
        std::fs::create_dir(root.join(".git")).unwrap();
        std::fs::write(root.join(".git/y.txt"), "x").unwrap();
        let got = discover(&[root.to_path_buf(), root.join("b.txt")]).unwrap();
        let names: Vec<String> = got
            .iter()
            .map(|p| p.strip_prefix(root).unwrap().display().to_string())
            .collect();
        assert_eq!(
            names,
            [
                "a.jsonl",
                "b.txt",
                "c.jsonl.zst",
                "d.html",
                "e.htm",
                "f.md",
                "sub/z.txt"
            ]
        );
        assert!(discover(&[root.join("g.pdf")]).is_err());
        assert!(matches!(discover(&[root.join("missing")]), Err(ReadError::Io { .. })));
    }
}
