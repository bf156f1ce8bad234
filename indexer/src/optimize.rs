//! Merging an index's segments into one (`gongwen optimize`).
//!
//! The writer cuts an index into a segment per writer thread each time its memory budget
//! fills (four for gov_docs on two cores) and merges them only when many have piled up. Every
//! query pays a setup per segment (looking each term up in the segment's dictionary, opening
//! its postings): after a bulk load, one segment answers faster (BENCHMARKS.md). A merge is
//! committed like any change: a process killed during it leaves the segments as they were.

use std::time::{Duration, Instant};

use tracing::info;

use crate::dir::{IndexDir, Visibility, MIN_WRITER_BUDGET};
use crate::IndexError;

/// What [`optimize`] did to one of the two indexes of a folder.
#[derive(Debug, Clone, Copy, Default, serde::Serialize)]
pub struct Merged {
    /// Segments before.
    pub segments_before: usize,
    /// Segments after (1, or 0 for an empty index).
    pub segments_after: usize,
    /// Documents (live) in the index.
    pub documents: u64,
}

/// What [`optimize`] did.
#[derive(Debug, Clone, Copy, Default, serde::Serialize)]
pub struct OptimizeSummary {
    /// The public index.
    pub public: Merged,
    /// The restricted index.
    pub restricted: Merged,
    /// Time taken.
    #[serde(serialize_with = "seconds")]
    pub elapsed: Duration,
}

fn seconds<S: serde::Serializer>(d: &Duration, s: S) -> Result<S::Ok, S::Error> {
    s.serialize_f64(d.as_secs_f64())
}

/// Merge each index of `dir` (public, restricted) into one segment, dropping deleted
/// documents. Takes the writer locks, as indexing does.
pub fn optimize(dir: &IndexDir) -> Result<OptimizeSummary, IndexError> {
    let start = Instant::now();
    let mut summary = OptimizeSummary::default();
    // Held until both merged indexes are published (see `IndexDir::lock_writers`).
    let folder_lock = dir.lock_writers()?;
    for v in [Visibility::Public, Visibility::Restricted] {
        let index = dir.tantivy(v);
        let mut writer = dir.writer(v, 1, MIN_WRITER_BUDGET)?;
        // What a stopped or failed run left (a merged segment never published) goes first.
        dir.remove_leftovers(&[&writer]);
        let metas = index
            .searchable_segment_metas()
            .map_err(IndexError::engine("listing the segments"))?;
        let documents = metas.iter().map(|m| u64::from(m.num_docs())).sum();
        let ids: Vec<_> = metas.iter().map(|m| m.id()).collect();
        let needs_merge = ids.len() > 1 || metas.iter().any(|m| m.has_deletes());
        // A live SegmentMeta keeps its segment's files from tantivy's garbage collection.
        drop(metas);
        if needs_merge {
            info!(index = v.folder(), segments = ids.len(), documents, "merging");
            if let Err(e) = writer.merge(&ids).wait() {
                // What the failed merge wrote (a full disk) goes, not to pile up at each try.
                dir.remove_leftovers(&[&writer]);
                return Err(IndexError::engine("merging the segments")(e));
            }
        }
        // The merged-away segments' files (a reader of the old segments keeps its own
        // memory maps of them until it moves on).
        writer
            .garbage_collect_files()
            .wait()
            .map_err(IndexError::engine("removing the merged segments' files"))?;
        writer
            .wait_merging_threads()
            .map_err(IndexError::engine("finishing the merge"))?;
        let after = index
            .searchable_segment_metas()
            .map_err(IndexError::engine("listing the segments"))?
            .len();
        let merged = Merged {
            segments_before: ids.len(),
            segments_after: after,
            documents,
        };
        match v {
            Visibility::Public => summary.public = merged,
            Visibility::Restricted => summary.restricted = merged,
        }
    }
    // Both merged indexes, published as one commit of the folder.
    dir.publish()?;
    drop(folder_lock);
    summary.elapsed = start.elapsed();
    Ok(summary)
}
