//! `gongwen verify`: recompute every stored hash, check every file's checksum (like `git fsck`).

use tantivy::schema::Value;
use tantivy::{DocAddress, TantivyDocument};

use crate::dir::{IndexDir, Visibility};
use crate::IndexError;

/// What `verify` found.
#[derive(Debug, Clone, Default, serde::Serialize)]
pub struct VerifyReport {
    /// Documents checked.
    pub checked: u64,
    /// Documents whose text no longer has the hash recorded at ingest: (id, recorded, actual).
    pub mismatched: Vec<(String, String, String)>,
    /// Documents or files that could not be read, with the reason.
    pub unreadable: Vec<String>,
    /// Ids held by more than one live document (in one index, or in both: a run stopped
    /// between its public and restricted commits while moving a document; the next `index`
    /// run of its source repairs it).
    pub duplicated: Vec<String>,
}

impl VerifyReport {
    /// True when nothing is wrong.
    pub fn ok(&self) -> bool {
        self.mismatched.is_empty() && self.unreadable.is_empty() && self.duplicated.is_empty()
    }
}

/// Check both indexes of `dir`.
pub fn verify(dir: &IndexDir) -> Result<VerifyReport, IndexError> {
    let mut report = VerifyReport::default();
    let fields = dir.fields();
    let mut seen: std::collections::HashSet<String> = std::collections::HashSet::new();
    for v in [Visibility::Public, Visibility::Restricted] {
        let index = dir.tantivy(v);
        // Segments with a damaged file: their documents are not read (tantivy may panic on a
        // damaged store), and each is reported.
        let mut damaged: std::collections::HashSet<String> = std::collections::HashSet::new();
        match index.validate_checksum() {
            Ok(bad) => {
                for path in bad {
                    report
                        .unreadable
                        .push(format!("{:?}: file checksum mismatch ({})", v, path.display()));
                    if let Some(stem) = path.file_name().and_then(|n| n.to_str()).and_then(|n| n.get(..32)) {
                        damaged.insert(stem.to_ascii_lowercase());
                    }
                }
            }
            Err(e) => report.unreadable.push(format!("{v:?}: cannot validate checksums: {e}")),
        }
        let reader = match index.reader() {
            Ok(r) => r,
            Err(e) => {
                report.unreadable.push(format!("{v:?}: cannot open a reader: {e}"));
                continue;
            }
        };
        let searcher = reader.searcher();
        for (ord, seg) in searcher.segment_readers().iter().enumerate() {
            if damaged.contains(&seg.segment_id().uuid_string()) {
                report.unreadable.push(format!(
                    "{v:?}: segment {}: {} documents not checked, its files are damaged (rebuild the index from its sources)",
                    seg.segment_id().short_uuid_string(),
                    seg.num_docs()
                ));
                continue;
            }
            for doc in 0..seg.max_doc() {
                if seg.is_deleted(doc) {
                    continue;
                }
                report.checked += 1;
                let addr = DocAddress::new(ord as u32, doc);
                // A damaged store can make tantivy panic: reported as unreadable.
                let read = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| searcher.doc(addr)));
                let stored: TantivyDocument = match read.unwrap_or_else(|_| {
                    Err(tantivy::TantivyError::InternalError(
                        "the stored document is damaged".into(),
                    ))
                }) {
                    Ok(d) => d,
                    Err(e) => {
                        report.unreadable.push(format!(
                            "{v:?}: segment {} doc {doc}: {e}",
                            seg.segment_id().short_uuid_string()
                        ));
                        continue;
                    }
                };
                match fields.from_tantivy(&stored) {
                    Ok(d) => {
                        if !seen.insert(d.id.clone()) {
                            report.duplicated.push(d.id.clone());
                        }
                        let actual = d.compute_hash();
                        if actual != d.content_hash {
                            report.mismatched.push((d.id, d.content_hash, actual));
                        }
                    }
                    Err(e) => {
                        let id = stored
                            .get_first(fields.id)
                            .and_then(|x| x.as_str())
                            .unwrap_or("?")
                            .to_string();
                        report.unreadable.push(format!("{v:?}: document {id}: {e}"));
                    }
                }
            }
        }
    }
    Ok(report)
}
