//! Structures built once per segment and kept while a searcher uses the segment.

use std::collections::HashMap;
use std::sync::{Arc, RwLock};

use tantivy::index::SegmentId;
use tantivy::SegmentReader;

/// One `T` per segment, built on first use and kept until [`SegmentMap::retain_live`] drops
/// the segments no searcher uses any more.
pub struct SegmentMap<T> {
    map: RwLock<HashMap<SegmentId, Arc<T>>>,
}

impl<T> Default for SegmentMap<T> {
    fn default() -> Self {
        SegmentMap { map: RwLock::default() }
    }
}

impl<T> SegmentMap<T> {
    /// The structure of `seg`, built by `build` if there is none yet.
    pub fn get_or_build(
        &self,
        seg: &SegmentReader,
        build: impl FnOnce(&SegmentReader) -> tantivy::Result<T>,
    ) -> tantivy::Result<Arc<T>> {
        let id = seg.segment_id();
        if let Some(t) = self.map.read().unwrap_or_else(|e| e.into_inner()).get(&id) {
            return Ok(t.clone());
        }
        let t = Arc::new(build(seg)?);
        self.map
            .write()
            .unwrap_or_else(|e| e.into_inner())
            .insert(id, t.clone());
        Ok(t)
    }

    /// Drop the structures of segments that none of the `live` searcher generations uses.
    pub fn retain_live(&self, live: &[&tantivy::SearcherGeneration]) {
        let keep: std::collections::HashSet<_> = live.iter().flat_map(|g| g.segments().keys().copied()).collect();
        self.map
            .write()
            .unwrap_or_else(|e| e.into_inner())
            .retain(|id, _| keep.contains(id));
    }
}

/// One `T` per live segment of an index, kept up to date by tantivy's warming (register it
/// with `IndexReaderBuilder::warmers`): built for the new segments of each new searcher (or
/// on first use, if warming has not reached the segment yet) and dropped with the last
/// searcher using its segment.
pub struct PerSegment<T> {
    map: SegmentMap<T>,
    build: fn(&SegmentReader) -> tantivy::Result<T>,
}

impl<T> PerSegment<T> {
    /// Structures made by `build`.
    pub fn new(build: fn(&SegmentReader) -> tantivy::Result<T>) -> PerSegment<T> {
        PerSegment {
            map: SegmentMap::default(),
            build,
        }
    }

    /// The structure of `seg`, built now if warming has not (yet) built it.
    pub fn of(&self, seg: &SegmentReader) -> tantivy::Result<Arc<T>> {
        self.map.get_or_build(seg, self.build)
    }
}

impl<T: Send + Sync + 'static> tantivy::Warmer for PerSegment<T> {
    fn warm(&self, searcher: &tantivy::Searcher) -> tantivy::Result<()> {
        for seg in searcher.segment_readers() {
            self.of(seg)?;
        }
        Ok(())
    }

    fn garbage_collect(&self, live: &[&tantivy::SearcherGeneration]) {
        self.map.retain_live(live);
    }
}
