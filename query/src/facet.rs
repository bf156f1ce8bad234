//! Facet counts: one pass over the matching documents counts the dictionary ordinals of each
//! faceted fast field; at the end each segment's ordinals become the process-wide numbers of
//! their values ([`Values`]), so segments and indexes add up in arrays.

use gongwen_schema::Status;
use std::collections::{BTreeMap, HashMap};
use std::sync::{Arc, OnceLock, RwLock};

use tantivy::collector::{Collector, SegmentCollector};
use tantivy::query::Weight;
use tantivy::{DocId, DocSet, Score, SegmentOrdinal, SegmentReader, TERMINATED};

use crate::engine::FacetCount;
use crate::segments::PerSegment;

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

/// Values shown per facet, at most (issuers, kinds, statuses: the commonest).
const TOP_VALUES: usize = 30;
/// Years shown, at most: every year a collection spans (the web page's year filter offers
/// only these; 30 left out every year before 1997 of the work reports since 1954).
const TOP_YEARS: usize = 300;

/// The values of one faceted field that this process has read from an index, numbered once
/// (a value has the same number in every segment and both indexes). Each segment's table
/// maps its own dictionary ordinals (or years) to these numbers when it is built, so a query
/// adds the counts of its segments up in one array instead of hashing each value of each
/// segment. It only grows, by the distinct values of the indexes served (issuers, kinds,
/// statuses, years: thousands).
#[derive(Default)]
struct Values {
    ids: HashMap<Arc<str>, u32>,
    names: Vec<Arc<str>>,
}

fn values(field: usize) -> &'static RwLock<Values> {
    static VALUES: OnceLock<[RwLock<Values>; 4]> = OnceLock::new();
    &VALUES.get_or_init(Default::default)[field]
}

/// The numbers of `names`, values of field `field`, in order (new ones numbered now).
fn number(field: FacetField, names: impl Iterator<Item = String>) -> Vec<u32> {
    let mut v = values(field as usize).write().unwrap_or_else(|e| e.into_inner());
    names
        .map(|name| {
            if let Some(&id) = v.ids.get(name.as_str()) {
                return id;
            }
            let id = u32::try_from(v.names.len()).unwrap_or(u32::MAX);
            let name: Arc<str> = Arc::from(name);
            v.names.push(name.clone());
            v.ids.insert(name, id);
            id
        })
        .collect()
}

/// Counts per field: (value number ([`Values`]), count) of each segment, added up at the end.
#[derive(Debug, Clone, Default)]
pub struct FacetCounts([Vec<(u32, u64)>; 4]);

impl FacetCounts {
    /// Add counts from another index or segment.
    pub fn merge(&mut self, other: FacetCounts) {
        for (mine, theirs) in self.0.iter_mut().zip(other.0) {
            if mine.is_empty() {
                *mine = theirs;
            } else {
                mine.extend(theirs);
            }
        }
    }

    /// The API shape: per field, values by count (years by year, newest first).
    pub fn into_map(self) -> BTreeMap<&'static str, Vec<FacetCount>> {
        let mut out = BTreeMap::new();
        for (field, counts) in FacetField::ALL.into_iter().zip(self.0) {
            let names = values(field as usize).read().unwrap_or_else(|e| e.into_inner());
            let mut sum = vec![0u64; names.names.len()];
            for (id, n) in counts {
                if let Some(s) = sum.get_mut(id as usize) {
                    *s += n;
                }
            }
            let mut values: Vec<(&str, u64)> = sum
                .iter()
                .zip(&names.names)
                .filter(|(n, _)| **n > 0)
                .map(|(n, name)| (&**name, *n))
                .collect();
            if field == FacetField::Year {
                values.sort_by(|a, b| b.0.cmp(a.0));
            } else {
                values.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(b.0)));
            }
            values.truncate(if field == FacetField::Year {
                TOP_YEARS
            } else {
                TOP_VALUES
            });
            let values = values
                .into_iter()
                .map(|(v, n)| FacetCount {
                    value: v.to_string(),
                    count: n,
                })
                .collect();
            out.insert(field.name(), values);
        }
        out
    }
}

/// "No value" in an [`Ords::Single`] table.
const NONE: u32 = u32::MAX;

/// Years wider apart than this in one segment are not counted (never in real data).
const MAX_YEAR_SPAN: u32 = 10_000;

/// Each document's values of one faceted field in one segment, as small integers: the
/// dictionary ordinals of a string column, a year's distance from the segment's smallest.
enum Ords {
    /// At most one value a document ([`NONE`] for none).
    Single(Vec<u32>),
    /// Any number: document `d` has `ords[starts[d]..starts[d + 1]]`.
    Multi { starts: Vec<u32>, ords: Vec<u32> },
}

impl Ords {
    fn of(&self, doc: DocId) -> &[u32] {
        let d = doc as usize;
        match self {
            Ords::Single(v) => match v.get(d..=d) {
                Some(one) if one[0] != NONE => one,
                _ => &[],
            },
            Ords::Multi { starts, ords } => match (starts.get(d), starts.get(d + 1)) {
                (Some(&a), Some(&b)) => &ords[a as usize..b as usize],
                _ => &[],
            },
        }
    }
}

/// How a field's small integers read as values.
enum Names {
    /// Ordinals of this column's dictionary (filters look their value up in it).
    Dict(tantivy::columnar::StrColumn),
    /// Years from this one.
    Years(u64),
}

/// One faceted field of a segment.
struct FieldTable {
    ords: Ords,
    names: Names,
    /// The value number ([`Values`]) of each small integer (as many as there are small
    /// integers: the size of a count array).
    numbers: Vec<u32>,
}

/// The faceted fields of one segment, read from its fast fields once (when a new searcher
/// is warmed, see [`FacetTables`]) instead of on every matching document of every query:
/// counting a document is then an array read and an increment per field.
pub struct SegmentTable {
    fields: [Option<FieldTable>; 4],
}

impl SegmentTable {
    /// Read the faceted fields of `seg`.
    pub fn build(seg: &SegmentReader) -> tantivy::Result<SegmentTable> {
        let ff = seg.fast_fields();
        let max = seg.max_doc();
        let mut fields: [Option<FieldTable>; 4] = Default::default();
        for (i, field) in FacetField::ALL.into_iter().enumerate() {
            fields[i] = match field {
                FacetField::Year => ff.u64("year").ok().map(|col| {
                    let lo = col.min_value();
                    let v: Vec<u32> = (0..max)
                        .map(|d| {
                            col.first(d)
                                .and_then(|y| u32::try_from(y - lo).ok())
                                .filter(|o| *o != NONE)
                                .unwrap_or(NONE)
                        })
                        .collect();
                    let span = col
                        .max_value()
                        .saturating_sub(lo)
                        .saturating_add(1)
                        .min(u64::from(MAX_YEAR_SPAN));
                    FieldTable {
                        ords: Ords::Single(v),
                        names: Names::Years(lo),
                        numbers: number(field, (lo..lo + span).map(|y| y.to_string())),
                    }
                }),
                _ => ff
                    .str(field.name())?
                    .map(|col| {
                        let multi = col.ords().get_cardinality() == tantivy::columnar::Cardinality::Multivalued;
                        let ords = if multi {
                            let mut starts = Vec::with_capacity(max as usize + 1);
                            let mut ords = Vec::with_capacity(max as usize);
                            starts.push(0);
                            for d in 0..max {
                                ords.extend(col.term_ords(d).map(|o| o as u32));
                                starts.push(ords.len() as u32);
                            }
                            Ords::Multi { starts, ords }
                        } else {
                            Ords::Single(
                                (0..max)
                                    .map(|d| col.term_ords(d).next().map_or(NONE, |o| o as u32))
                                    .collect(),
                            )
                        };
                        let mut terms = Vec::with_capacity(col.num_terms());
                        let mut stream = col.dictionary().stream()?;
                        while stream.advance() {
                            terms.push(String::from_utf8_lossy(stream.key()).into_owned());
                        }
                        Ok::<_, std::io::Error>(FieldTable {
                            ords,
                            numbers: number(field, terms.into_iter()),
                            names: Names::Dict(col),
                        })
                    })
                    .transpose()?,
            };
        }
        Ok(SegmentTable { fields })
    }

    fn field(&self, f: FacetField) -> Option<&FieldTable> {
        self.fields[f as usize].as_ref()
    }
}

/// The [`SegmentTable`]s of the live segments of an index, kept up to date by tantivy's
/// warming.
pub type FacetTables = PerSegment<SegmentTable>;

/// Per-segment facet counts, dense by small integer.
pub struct FacetsSegment {
    table: Arc<SegmentTable>,
    counts: [Vec<u64>; 4],
    /// Documents of the segment whose status reads repealed whatever their records say
    /// ([`Repealed`]), and how many of them were counted.
    repealed: Option<Arc<Vec<u64>>>,
    repealed_count: u64,
}

/// Per segment ordinal, the documents whose status reads repealed whatever their records
/// say (a later document repeals them: `cite::repeals`), as bit sets of doc ids.
pub type Repealed = std::collections::HashMap<u32, Arc<Vec<u64>>>;

impl FacetsSegment {
    fn new(table: Arc<SegmentTable>, repealed: Option<Arc<Vec<u64>>>) -> FacetsSegment {
        let counts = std::array::from_fn(|i| {
            table.fields[i]
                .as_ref()
                .map_or(Vec::new(), |f| vec![0; f.numbers.len()])
        });
        FacetsSegment {
            table,
            counts,
            repealed,
            repealed_count: 0,
        }
    }

    fn is_repealed(&self, doc: DocId) -> bool {
        self.repealed
            .as_ref()
            .and_then(|bits| bits.get(doc as usize / 64))
            .is_some_and(|w| w & (1 << (doc % 64)) != 0)
    }

    /// Count `doc` in every field.
    fn collect_all(&mut self, doc: DocId) {
        for i in 0..4 {
            self.collect_index(doc, i);
        }
    }

    /// Count `doc` in one field only.
    fn collect_field(&mut self, doc: DocId, field: FacetField) {
        self.collect_index(doc, field as usize);
    }

    fn collect_index(&mut self, doc: DocId, i: usize) {
        if i == FacetField::Status as usize && self.is_repealed(doc) {
            self.repealed_count += 1;
            return;
        }
        if let Some(f) = &self.table.fields[i] {
            let counts = &mut self.counts[i];
            for &o in f.ords.of(doc) {
                if let Some(n) = counts.get_mut(o as usize) {
                    *n += 1;
                }
            }
        }
    }

    fn harvest(self) -> FacetCounts {
        let mut out = FacetCounts::default();
        if self.repealed_count > 0 {
            let repealed = number(
                FacetField::Status,
                std::iter::once(Status::Repealed.as_str().to_string()),
            );
            out.0[FacetField::Status as usize].push((repealed[0], self.repealed_count));
        }
        for (i, counts) in self.counts.into_iter().enumerate() {
            let Some(f) = &self.table.fields[i] else {
                continue;
            };
            out.0[i].extend(
                counts
                    .into_iter()
                    .zip(&f.numbers)
                    .filter(|(n, _)| *n > 0)
                    .map(|(n, id)| (*id, n)),
            );
        }
        out
    }
}

/// The values asked for on faceted fields (a request's facet filters).
#[derive(Debug, Clone, Default)]
pub struct FacetFilters {
    /// Issuer (one of the document's issuers).
    pub issuer: Option<String>,
    /// When `issuer` names no issuer of the index: the issuers whose names hold it, any of
    /// which passes (empty: `issuer` alone).
    pub issuer_any: Vec<String>,
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
    /// The index's facet tables.
    pub tables: Arc<FacetTables>,
    /// Documents whose status reads repealed whatever their records say.
    pub repealed: Arc<Repealed>,
}

/// A facet filter on one segment: the small integers that pass (a dictionary ordinal, a
/// range of years).
struct Check {
    field: FacetField,
    /// Inclusive; empty (`lo > hi`) when nothing can pass.
    lo: u32,
    hi: u32,
    /// Other values that pass, sorted (the issuers holding a name the index does not hold).
    also: Vec<u32>,
    /// A status check: whether a document read as repealed ([`Repealed`]) passes it.
    repealed_passes: Option<bool>,
}

impl Check {
    fn passes(&self, facets: &FacetsSegment, doc: DocId) -> bool {
        if let Some(p) = self.repealed_passes {
            if facets.is_repealed(doc) {
                return p;
            }
        }
        facets.table.field(self.field).is_some_and(|f| {
            f.ords
                .of(doc)
                .iter()
                .any(|o| (self.lo..=self.hi).contains(o) || self.also.binary_search(o).is_ok())
        })
    }
}

/// Per segment: the checks, the inner collector and the facet counts.
pub struct DisjunctiveSegment<S> {
    inner: S,
    checks: Vec<Check>,
    facets: FacetsSegment,
}

impl<C: Collector> Collector for Disjunctive<C> {
    type Fruit = (C::Fruit, FacetCounts);
    type Child = DisjunctiveSegment<C::Child>;

    fn for_segment(&self, ord: SegmentOrdinal, seg: &SegmentReader) -> tantivy::Result<Self::Child> {
        let table = self.tables.of(seg)?;
        let mut checks = Vec::new();
        for field in self.filters.fields() {
            let mut also = Vec::new();
            let (lo, hi) = match (table.field(field), field) {
                (Some(f), FacetField::Year) => match (&f.names, self.filters.year) {
                    (Names::Years(base), Some((a, b))) => {
                        // Years as distances from the segment's smallest, clipped to u32.
                        let clip = |y: u64| u32::try_from(y.saturating_sub(*base)).unwrap_or(NONE - 1);
                        if b < *base {
                            (1, 0)
                        } else {
                            (clip(a), clip(b))
                        }
                    }
                    _ => (1, 0),
                },
                (Some(f), _) => {
                    let value = match field {
                        FacetField::Issuer => &self.filters.issuer,
                        FacetField::Kind => &self.filters.kind,
                        _ => &self.filters.status,
                    };
                    match (&f.names, value) {
                        (Names::Dict(col), Some(v)) => {
                            if field == FacetField::Issuer {
                                for name in &self.filters.issuer_any {
                                    if let Some(o) = col.dictionary().term_ord(name.as_bytes())? {
                                        also.push(o as u32);
                                    }
                                }
                                also.sort_unstable();
                            }
                            match col.dictionary().term_ord(v.as_bytes())? {
                                Some(o) => (o as u32, o as u32),
                                None => (1, 0),
                            }
                        }
                        _ => (1, 0),
                    }
                }
                (None, _) => (1, 0),
            };
            let repealed_passes = (field == FacetField::Status)
                .then(|| self.filters.status.as_deref() == Some(Status::Repealed.as_str()));
            checks.push(Check {
                field,
                lo,
                hi,
                also,
                repealed_passes,
            });
        }
        Ok(DisjunctiveSegment {
            inner: self.inner.for_segment(ord, seg)?,
            checks,
            facets: FacetsSegment::new(table, self.repealed.get(&ord).cloned()),
        })
    }

    fn requires_scoring(&self) -> bool {
        self.inner.requires_scoring()
    }

    /// With facet filters, a document is scored only when it passes all of them (one that
    /// fails a filter only counts in a facet): a filter that keeps few of the text's matches
    /// spares the scoring of the rest. Without filters (or scores), tantivy's own loops.
    fn collect_segment(
        &self,
        weight: &dyn Weight,
        ord: SegmentOrdinal,
        reader: &SegmentReader,
    ) -> tantivy::Result<<Self::Child as SegmentCollector>::Fruit> {
        let mut child = self.for_segment(ord, reader)?;
        let alive = reader.alive_bitset();
        let is_alive = |doc: DocId| alive.is_none_or(|a| a.is_alive(doc));
        if !self.requires_scoring() {
            weight.for_each_no_score(reader, &mut |docs| {
                for &doc in docs.iter().filter(|d| is_alive(**d)) {
                    child.collect(doc, 0.0);
                }
            })?;
        } else if child.checks.is_empty() {
            weight.for_each(reader, &mut |doc, score| {
                if is_alive(doc) {
                    child.collect(doc, score);
                }
            })?;
        } else {
            let mut scorer = weight.scorer(reader, 1.0)?;
            let mut doc = scorer.doc();
            while doc != TERMINATED {
                if is_alive(doc) {
                    child.collect_scored_by(doc, || scorer.score());
                }
                doc = scorer.advance();
            }
        }
        Ok(child.harvest())
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

/// Where a matching document counts.
enum Route {
    /// It passes every filter: a hit, counted in every facet.
    All,
    /// It fails exactly this field's filter: counted in that facet only.
    Only(FacetField),
    /// It fails two filters or more.
    Nowhere,
}

impl<S: SegmentCollector> DisjunctiveSegment<S> {
    /// Count `doc` where it belongs; `score` is asked only for a hit.
    fn collect_scored_by(&mut self, doc: DocId, score: impl FnOnce() -> Score) {
        match self.route(doc) {
            Route::All => {
                self.inner.collect(doc, score());
                self.facets.collect_all(doc);
            }
            Route::Only(field) => self.facets.collect_field(doc, field),
            Route::Nowhere => {}
        }
    }

    fn route(&self, doc: DocId) -> Route {
        let mut failed = None;
        for check in &self.checks {
            if !check.passes(&self.facets, doc) {
                if failed.is_some() {
                    return Route::Nowhere;
                }
                failed = Some(check.field);
            }
        }
        failed.map_or(Route::All, Route::Only)
    }
}

impl<S: SegmentCollector> SegmentCollector for DisjunctiveSegment<S> {
    type Fruit = (S::Fruit, FacetCounts);

    fn collect(&mut self, doc: DocId, score: Score) {
        self.collect_scored_by(doc, || score);
    }

    fn harvest(self) -> Self::Fruit {
        (self.inner.harvest(), self.facets.harvest())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use tantivy::collector::{Count, TopDocs};
    use tantivy::query::AllQuery;
    use tantivy::schema::{Schema, FAST, STRING};
    use tantivy::{doc, Index};

    /// Both loops of [`Disjunctive::collect_segment`] (scored, and not) give the filtered
    /// total and the facet that ignores its own filter, with a deleted document left out.
    #[test]
    fn scored_and_unscored_collection_agree() -> tantivy::Result<()> {
        let mut b = Schema::builder();
        let id = b.add_text_field("id", STRING);
        let kind = b.add_text_field("kind", STRING | FAST);
        let index = Index::create_in_ram(b.build());
        let mut w = index.writer_with_num_threads(1, 15_000_000)?;
        for (i, k) in ["notice", "policy", "notice", "report", "notice", "policy"]
            .iter()
            .enumerate()
        {
            w.add_document(doc!(id => format!("d{i}"), kind => *k))?;
        }
        w.commit()?;
        w.delete_term(tantivy::Term::from_field_text(id, "d4"));
        w.commit()?;
        let searcher = index.reader()?.searcher();
        let tables = Arc::new(FacetTables::new(SegmentTable::build));
        let filters = FacetFilters {
            kind: Some("notice".into()),
            ..FacetFilters::default()
        };
        let kinds = |c: FacetCounts| {
            let mut v: Vec<(String, u64)> = c.into_map()["kind"]
                .iter()
                .map(|f| (f.value.clone(), f.count))
                .collect();
            v.sort();
            v
        };
        let want = vec![
            ("notice".to_string(), 2),
            ("policy".to_string(), 2),
            ("report".to_string(), 1),
        ];
        let unscored = Disjunctive {
            inner: Count,
            filters: filters.clone(),
            tables: tables.clone(),
            repealed: Default::default(),
        };
        let (total, counts) = searcher.search(&AllQuery, &unscored)?;
        assert_eq!((total, kinds(counts)), (2, want.clone()));
        let scored = Disjunctive {
            inner: (TopDocs::with_limit(10).order_by_score(), Count),
            filters,
            tables,
            repealed: Default::default(),
        };
        let ((top, total), counts) = searcher.search(&AllQuery, &scored)?;
        assert_eq!((top.len(), total, kinds(counts)), (2, 2, want));
        Ok(())
    }

    /// A value has another dictionary ordinal (and a year another distance from the
    /// smallest) in each segment; counts of several segments add up by value.
    #[test]
    fn segments_add_up_by_value() -> tantivy::Result<()> {
        let mut b = Schema::builder();
        let kind = b.add_text_field("kind", STRING | FAST);
        let year = b.add_u64_field("year", FAST);
        let index = Index::create_in_ram(b.build());
        let mut w = index.writer_with_num_threads(1, 15_000_000)?;
        let segments: [&[(&str, u64)]; 3] = [
            &[("notice", 2018), ("policy", 2019), ("notice", 2019)],
            &[("annex", 2001), ("notice", 2019), ("zeta", 2018)],
            &[("policy", 2020)],
        ];
        for docs in segments {
            for (k, y) in docs {
                w.add_document(doc!(kind => *k, year => *y))?;
            }
            w.commit()?;
        }
        let searcher = index.reader()?.searcher();
        assert_eq!(searcher.segment_readers().len(), 3);
        let collector = Disjunctive {
            inner: Count,
            filters: FacetFilters::default(),
            tables: Arc::new(FacetTables::new(SegmentTable::build)),
            repealed: Default::default(),
        };
        let (total, counts) = searcher.search(&AllQuery, &collector)?;
        let map = counts.into_map();
        let pairs = |f: &str| -> Vec<(String, u64)> { map[f].iter().map(|c| (c.value.clone(), c.count)).collect() };
        assert_eq!(total, 7);
        let kinds: Vec<(String, u64)> = [("notice", 3), ("policy", 2), ("annex", 1), ("zeta", 1)]
            .iter()
            .map(|(v, n)| (v.to_string(), *n))
            .collect();
        assert_eq!(pairs("kind"), kinds);
        let years: Vec<(String, u64)> = [("2020", 1), ("2019", 3), ("2018", 2), ("2001", 1)]
            .iter()
            .map(|(v, n)| (v.to_string(), *n))
            .collect();
        assert_eq!(pairs("year"), years);
        Ok(())
    }
}
