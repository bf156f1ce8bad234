//! Facet counts: one pass over the matching documents counts the dictionary ordinals of each
//! faceted fast field; strings are looked up once per segment at the end.

use std::collections::{BTreeMap, HashMap};

use tantivy::collector::{Collector, SegmentCollector};
use tantivy::{DocId, Score, SegmentOrdinal, SegmentReader};

use crate::engine::FacetCount;

/// The faceted fields.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum FacetField {
    /// Issuing organ.
    Issuer,
    /// Kind.
    Kind,
    /// Year.
    Year,
    /// Status.
    Status,
}

impl FacetField {
    /// Every faceted field.
    pub const ALL: [FacetField; 4] = [
        FacetField::Issuer,
        FacetField::Kind,
        FacetField::Year,
        FacetField::Status,
    ];

    /// Name in the API.
    pub fn name(self) -> &'static str {
        match self {
            FacetField::Issuer => "issuer",
            FacetField::Kind => "kind",
            FacetField::Year => "year",
            FacetField::Status => "status",
        }
    }
}

/// Values shown per facet, at most.
const TOP_VALUES: usize = 30;

/// Counts per field and value.
#[derive(Debug, Clone, Default)]
pub struct FacetCounts(HashMap<FacetField, HashMap<String, u64>>);

impl FacetCounts {
    /// Add counts from another index or segment.
    pub fn merge(&mut self, other: FacetCounts) {
        for (field, values) in other.0 {
            let mine = self.0.entry(field).or_default();
            for (v, n) in values {
                *mine.entry(v).or_default() += n;
            }
        }
    }

    /// The API shape: per field, values by count (years by year, newest first).
    pub fn into_map(self) -> BTreeMap<&'static str, Vec<FacetCount>> {
        let mut out = BTreeMap::new();
        for field in FacetField::ALL {
            let mut values: Vec<FacetCount> = self
                .0
                .get(&field)
                .map(|m| {
                    m.iter()
                        .map(|(v, n)| FacetCount {
                            value: v.clone(),
                            count: *n,
                        })
                        .collect()
                })
                .unwrap_or_default();
            if field == FacetField::Year {
                values.sort_by(|a, b| b.value.cmp(&a.value));
            } else {
                values.sort_by(|a, b| b.count.cmp(&a.count).then(a.value.cmp(&b.value)));
            }
            values.truncate(TOP_VALUES);
            out.insert(field.name(), values);
        }
        out
    }
}

/// Collects [`FacetCounts`] for some fields.
pub struct FacetsCollector {
    fields: Vec<FacetField>,
}

impl FacetsCollector {
    /// Count these fields.
    pub fn new(fields: Vec<FacetField>) -> Self {
        FacetsCollector { fields }
    }
}

/// A faceted column and its counts, dense by dictionary ordinal (strings) or by value from
/// the segment's smallest (years): one array increment a document, no hashing.
enum Column {
    Str(tantivy::columnar::StrColumn, Vec<u64>),
    Year(tantivy::columnar::Column<u64>, u64, Vec<u64>),
}

/// Years wider apart than this in one segment are not counted densely (never in real data).
const MAX_YEAR_SPAN: u64 = 10_000;

/// Per-segment counting.
pub struct FacetsSegment {
    columns: Vec<(FacetField, Column)>,
}

impl Collector for FacetsCollector {
    type Fruit = FacetCounts;
    type Child = FacetsSegment;

    fn for_segment(&self, _ord: SegmentOrdinal, seg: &SegmentReader) -> tantivy::Result<FacetsSegment> {
        let ff = seg.fast_fields();
        let mut columns = Vec::new();
        for &field in &self.fields {
            match field {
                FacetField::Year => {
                    if let Ok(col) = ff.u64("year") {
                        let (lo, hi) = (col.min_value(), col.max_value());
                        let span = hi.saturating_sub(lo).saturating_add(1).min(MAX_YEAR_SPAN);
                        columns.push((field, Column::Year(col, lo, vec![0; span as usize])));
                    }
                }
                _ => {
                    if let Some(col) = ff.str(field.name())? {
                        let n = col.num_terms();
                        columns.push((field, Column::Str(col, vec![0; n])));
                    }
                }
            }
        }
        Ok(FacetsSegment { columns })
    }

    fn requires_scoring(&self) -> bool {
        false
    }

    fn merge_fruits(&self, fruits: Vec<FacetCounts>) -> tantivy::Result<FacetCounts> {
        let mut out = FacetCounts::default();
        for f in fruits {
            out.merge(f);
        }
        Ok(out)
    }
}

impl FacetsSegment {
    /// Count `doc` in one field only.
    fn collect_field(&mut self, doc: DocId, field: FacetField) {
        for (f, col) in &mut self.columns {
            if *f == field {
                count(col, doc);
            }
        }
    }
}

fn count(col: &mut Column, doc: DocId) {
    match col {
        Column::Str(c, counts) => {
            for ord in c.term_ords(doc) {
                if let Some(n) = counts.get_mut(ord as usize) {
                    *n += 1;
                }
            }
        }
        Column::Year(c, lo, counts) => {
            if let Some(n) = c.first(doc).and_then(|y| counts.get_mut(y.wrapping_sub(*lo) as usize)) {
                *n += 1;
            }
        }
    }
}

impl SegmentCollector for FacetsSegment {
    type Fruit = FacetCounts;

    fn collect(&mut self, doc: DocId, _score: Score) {
        for (_, col) in &mut self.columns {
            count(col, doc);
        }
    }

    fn harvest(self) -> FacetCounts {
        let mut out = FacetCounts::default();
        for (field, col) in self.columns {
            let values = out.0.entry(field).or_default();
            match col {
                Column::Str(c, counts) => {
                    // Resolve all ordinals in one sorted pass over the dictionary: looking
                    // them up one by one opens (and decompresses) a block per value.
                    let ords: Vec<(u64, u64)> = counts
                        .into_iter()
                        .enumerate()
                        .filter(|(_, n)| *n > 0)
                        .map(|(o, n)| (o as u64, n))
                        .collect();
                    let keys: Vec<u64> = ords.iter().map(|(o, _)| *o).collect();
                    let mut i = 0;
                    let _ = c.dictionary().sorted_ords_to_term_cb(&keys, |bytes| {
                        if let (Some((_, n)), Ok(s)) = (ords.get(i), std::str::from_utf8(bytes)) {
                            *values.entry(s.to_string()).or_default() += n;
                        }
                        i += 1;
                    });
                }
                Column::Year(_, lo, counts) => {
                    for (k, n) in counts.into_iter().enumerate().filter(|(_, n)| *n > 0) {
                        *values.entry((lo + k as u64).to_string()).or_default() += n;
                    }
                }
            }
        }
        out
    }
}

/// The values asked for on faceted fields (a request's facet filters).
#[derive(Debug, Clone, Default)]
pub struct FacetFilters {
    /// Issuer (one of the document's issuers).
    pub issuer: Option<String>,
    /// Kind name.
    pub kind: Option<String>,
    /// Status name.
    pub status: Option<String>,
    /// Years, inclusive.
    pub year: Option<(u64, u64)>,
}

impl FacetFilters {
    /// The fields filtered, in [`FacetField::ALL`] order.
    pub fn fields(&self) -> Vec<FacetField> {
        FacetField::ALL.into_iter().filter(|f| self.has(*f)).collect()
    }

    fn has(&self, f: FacetField) -> bool {
        match f {
            FacetField::Issuer => self.issuer.is_some(),
            FacetField::Kind => self.kind.is_some(),
            FacetField::Status => self.status.is_some(),
            FacetField::Year => self.year.is_some(),
        }
    }
}

/// Disjunctive facets in one pass. The query runs without the facet filters; each matching
/// document is checked against them on the fast fields. A document passing all of them goes
/// to `inner` (hits, total) and counts in every facet; one failing exactly one filter counts
/// only in that filter's facet (so a facet shows what choosing another of its values would
/// give, with every other filter applied); the rest count nowhere.
pub struct Disjunctive<C> {
    /// The hits and total of documents that pass every filter.
    pub inner: C,
    /// The filters on faceted fields.
    pub filters: FacetFilters,
}

enum Check {
    Str(tantivy::columnar::StrColumn, Option<u64>),
    Year(tantivy::columnar::Column<u64>, u64, u64),
    /// The field has no column in this segment: nothing passes.
    Never,
}

impl Check {
    fn passes(&self, doc: DocId) -> bool {
        match self {
            Check::Str(col, Some(ord)) => col.term_ords(doc).any(|o| o == *ord),
            Check::Str(_, None) | Check::Never => false,
            Check::Year(col, a, b) => col.first(doc).is_some_and(|y| (*a..=*b).contains(&y)),
        }
    }
}

/// Per segment: the checks, the inner collector and the facet counts.
pub struct DisjunctiveSegment<S> {
    inner: S,
    checks: Vec<(FacetField, Check)>,
    facets: FacetsSegment,
}

impl<C: Collector> Collector for Disjunctive<C> {
    type Fruit = (C::Fruit, FacetCounts);
    type Child = DisjunctiveSegment<C::Child>;

    fn for_segment(&self, ord: SegmentOrdinal, seg: &SegmentReader) -> tantivy::Result<Self::Child> {
        let ff = seg.fast_fields();
        let mut checks = Vec::new();
        for field in self.filters.fields() {
            let check = match field {
                FacetField::Year => match (ff.u64("year"), self.filters.year) {
                    (Ok(col), Some((a, b))) => Check::Year(col, a, b),
                    _ => Check::Never,
                },
                _ => {
                    let value = match field {
                        FacetField::Issuer => &self.filters.issuer,
                        FacetField::Kind => &self.filters.kind,
                        _ => &self.filters.status,
                    };
                    match (ff.str(field.name())?, value) {
                        (Some(col), Some(v)) => {
                            let ord = col.dictionary().term_ord(v.as_bytes())?;
                            Check::Str(col, ord)
                        }
                        _ => Check::Never,
                    }
                }
            };
            checks.push((field, check));
        }
        Ok(DisjunctiveSegment {
            inner: self.inner.for_segment(ord, seg)?,
            checks,
            facets: FacetsCollector::new(FacetField::ALL.to_vec()).for_segment(ord, seg)?,
        })
    }

    fn requires_scoring(&self) -> bool {
        self.inner.requires_scoring()
    }

    fn merge_fruits(
        &self,
        fruits: Vec<(<C::Child as SegmentCollector>::Fruit, FacetCounts)>,
    ) -> tantivy::Result<Self::Fruit> {
        let (inner, counts): (Vec<_>, Vec<_>) = fruits.into_iter().unzip();
        let mut all = FacetCounts::default();
        for c in counts {
            all.merge(c);
        }
        Ok((self.inner.merge_fruits(inner)?, all))
    }
}

impl<S: SegmentCollector> SegmentCollector for DisjunctiveSegment<S> {
    type Fruit = (S::Fruit, FacetCounts);

    fn collect(&mut self, doc: DocId, score: Score) {
        let mut failed = None;
        for (field, check) in &self.checks {
            if !check.passes(doc) {
                if failed.is_some() {
                    return; // two filters failed: counts nowhere
                }
                failed = Some(*field);
            }
        }
        match failed {
            None => {
                self.inner.collect(doc, score);
                self.facets.collect(doc, score);
            }
            Some(field) => self.facets.collect_field(doc, field),
        }
    }

    fn harvest(self) -> Self::Fruit {
        (self.inner.harvest(), self.facets.harvest())
    }
}
