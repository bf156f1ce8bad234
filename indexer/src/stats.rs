//! `gongwen stats`: what an index holds.

use std::collections::BTreeMap;

use tantivy::{DocId, SegmentReader};

use crate::dir::{IndexDir, Visibility};
use crate::IndexError;

/// Counts over an index folder.
#[derive(Debug, Clone, Default, serde::Serialize)]
pub struct Stats {
    /// All documents, both indexes.
    pub documents: u64,
    /// Documents in the public index.
    pub public: u64,
    /// Documents in the restricted index.
    pub restricted: u64,
    /// Documents with at least one document number.
    pub with_doc_number: u64,
    /// Documents without one.
    pub without_doc_number: u64,
    /// By kind.
    pub by_kind: BTreeMap<String, u64>,
    /// By status, as served: a document a later one repeals counts as repealed (`gongwen
    /// stats` fills this from the query side's reading; the indexer counts what the records
    /// say, as [`Stats::by_status_recorded`]).
    pub by_status: BTreeMap<String, u64>,
    /// By status as the records say it.
    pub by_status_recorded: BTreeMap<String, u64>,
    /// By year (documents without a year are not counted).
    pub by_year: BTreeMap<u64, u64>,
    /// Documents without a year (`by_year` and this add up to `documents`).
    pub without_year: u64,
    /// The issuers with most documents, most first.
    pub top_issuers: Vec<(String, u64)>,
    /// Bytes on disk.
    pub size_on_disk: u64,
}

fn count_str(seg: &SegmentReader, field: &str, alive: &[DocId], out: &mut BTreeMap<String, u64>) {
    let Ok(Some(col)) = seg.fast_fields().str(field) else {
        return;
    };
    let mut by_ord: BTreeMap<u64, u64> = BTreeMap::new();
    for &doc in alive {
        for ord in col.term_ords(doc) {
            *by_ord.entry(ord).or_default() += 1;
        }
    }
    for (ord, n) in by_ord {
        let mut s = String::new();
        if col.ord_to_str(ord, &mut s).unwrap_or(false) {
            *out.entry(s).or_default() += n;
        }
    }
}

/// Compute [`Stats`] for a folder, listing `top` issuers.
pub fn stats(dir: &IndexDir, top: usize) -> Result<Stats, IndexError> {
    let mut st = Stats {
        size_on_disk: dir.size_on_disk(),
        ..Stats::default()
    };
    let mut issuers = BTreeMap::new();
    let mut with_num = BTreeMap::new();
    for v in [Visibility::Public, Visibility::Restricted] {
        let reader = dir
            .tantivy(v)
            .reader()
            .map_err(crate::IndexError::engine("opening a reader"))?;
        let searcher = reader.searcher();
        let n = searcher.num_docs();
        st.documents += n;
        match v {
            Visibility::Public => st.public = n,
            Visibility::Restricted => st.restricted = n,
        }
        for seg in searcher.segment_readers() {
            let alive: Vec<DocId> = (0..seg.max_doc()).filter(|d| !seg.is_deleted(*d)).collect();
            count_str(seg, "kind", &alive, &mut st.by_kind);
            count_str(seg, "status", &alive, &mut st.by_status_recorded);
            count_str(seg, "issuer", &alive, &mut issuers);
            if let Ok(Some(col)) = seg.fast_fields().str("docnum_issuer") {
                let has = alive.iter().filter(|d| col.term_ords(**d).next().is_some()).count() as u64;
                *with_num.entry(true).or_insert(0u64) += has;
            }
            if let Ok(col) = seg.fast_fields().u64("year") {
                for &d in &alive {
                    if let Some(y) = col.first(d) {
                        *st.by_year.entry(y).or_default() += 1;
                    }
                }
            }
        }
    }
    st.by_status = st.by_status_recorded.clone();
    st.without_year = st.documents.saturating_sub(st.by_year.values().sum());
    st.with_doc_number = with_num.get(&true).copied().unwrap_or(0);
    st.without_doc_number = st.documents - st.with_doc_number;
    let mut top_issuers: Vec<(String, u64)> = issuers.into_iter().collect();
    top_issuers.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(&b.0)));
    top_issuers.truncate(top);
    st.top_issuers = top_issuers;
    Ok(st)
}
