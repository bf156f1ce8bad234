//! Look-ups on one consistent snapshot of a scope: documents by number, by title (exact or
//! close), by any keyword field; and `check`, which says whether a number is real and whether
//! a title agrees with it.

use std::sync::Arc;

use gongwen_schema::{analyzer, normalize_title, title_keys, title_match, DocNumber, Document, Fields, TitleMatch};
use serde::Serialize;
use tantivy::collector::TopDocs;
use tantivy::query::{Query, TermQuery};
use tantivy::schema::{Field, IndexRecordOption};
use tantivy::{DocAddress, Order, Searcher, Term};

use crate::engine::{exact_phrase, offsets, read_document, read_record, Engine, Scope};
use crate::stored::Stores;
use crate::QueryError;

/// Most documents one keyword look-up returns.
pub(crate) const MAX_LOOKUP: usize = 200;
/// Candidates read for a title look-up by fragment.
const TITLE_CANDIDATES: usize = 20;

/// A document as a link: id, title, first canonical number.
#[derive(Debug, Clone, Serialize, PartialEq, Eq)]
pub struct DocLink {
    /// Document id.
    pub id: String,
    /// Title as printed.
    pub title: String,
    /// The first canonical document number.
    pub doc_number: Option<String>,
}

impl From<&Document> for DocLink {
    fn from(d: &Document) -> Self {
        DocLink {
            id: d.id.clone(),
            title: d.title.clone(),
            doc_number: d.doc_numbers.first().map(DocNumber::canonical),
        }
    }
}

/// Searcher snapshots of one scope, taken once so that every look-up of a request sees the
/// same commit.
pub(crate) struct View {
    snaps: Vec<(Searcher, Fields, Arc<Stores>)>,
    /// Documents are read without their bodies, and each title's and number's look-up is
    /// kept (see [`View::records_only`]).
    records: Option<std::sync::Mutex<Memo>>,
}

/// The answers of [`View::by_title`] and [`View::by_number`] of a [`View::records_only`].
#[derive(Default)]
struct Memo {
    titles: std::collections::HashMap<String, Vec<(Document, TitleMatch)>>,
    numbers: std::collections::HashMap<String, Vec<Document>>,
}

impl View {
    pub(crate) fn new(engine: &Engine, scope: Scope) -> View {
        View {
            snaps: engine.snapshots(scope),
            records: None,
        }
    }

    /// The same snapshots, read for their records alone: documents come without their
    /// bodies (a body is most of what reading a document costs past its block), and each
    /// title and number looked up is remembered. For work that reads many documents' records
    /// and looks up the same titles and numbers again (working out the repeals of an index).
    pub(crate) fn records_only(&self) -> View {
        View {
            snaps: self.snaps.clone(),
            records: Some(std::sync::Mutex::default()),
        }
    }

    /// The document at `addr` of a snapshot: whole, or its record alone.
    fn read(
        &self,
        stores: &Stores,
        fields: &Fields,
        searcher: &Searcher,
        addr: DocAddress,
    ) -> Result<Document, QueryError> {
        if self.records.is_some() {
            read_record(stores, fields, searcher, addr)
        } else {
            read_document(stores, fields, searcher, addr)
        }
    }

    /// Snapshots in the view (one an index of the scope).
    pub(crate) fn len(&self) -> usize {
        self.snaps.len()
    }

    /// Documents (deleted ones included) of a segment of snapshot `k`.
    pub(crate) fn max_doc(&self, k: usize, segment_ord: u32) -> u32 {
        self.snaps
            .get(k)
            .and_then(|(s, _, _)| s.segment_readers().get(segment_ord as usize))
            .map_or(0, |seg| seg.max_doc())
    }

    /// A view of these snapshots (a search's own searchers).
    pub(crate) fn of(snaps: Vec<(Searcher, Fields, Arc<Stores>)>) -> View {
        View { snaps, records: None }
    }

    /// Where the document `id` lives: the snapshot's index in the view, its address and the
    /// document.
    pub(crate) fn locate(&self, id: &str) -> Result<Option<(usize, DocAddress, Document)>, QueryError> {
        for (k, (searcher, fields, stores)) in self.snaps.iter().enumerate() {
            let q = tantivy::query::TermQuery::new(
                tantivy::Term::from_field_text(fields.id, id),
                tantivy::schema::IndexRecordOption::Basic,
            );
            let top = searcher
                .search(&q, &TopDocs::with_limit(1).order_by_score())
                .map_err(|e| QueryError::Internal(e.to_string()))?;
            if let Some((_, a)) = top.first() {
                return Ok(Some((k, *a, self.read(stores, fields, searcher, *a)?)));
            }
        }
        Ok(None)
    }

    fn search(
        &self,
        query: impl Fn(&Fields) -> Option<Box<dyn Query>>,
        limit: usize,
        by_score: bool,
    ) -> Result<Vec<Document>, QueryError> {
        let mut out = Vec::new();
        for (searcher, fields, stores) in &self.snaps {
            let Some(q) = query(fields) else { continue };
            let addrs: Vec<DocAddress> = if by_score {
                searcher
                    .search(&q, &TopDocs::with_limit(limit).order_by_score())
                    .map_err(|e| QueryError::Internal(e.to_string()))?
                    .into_iter()
                    .map(|(_, a)| a)
                    .collect()
            } else {
                searcher
                    .search(
                        &q,
                        &TopDocs::with_limit(limit).order_by_fast_field::<tantivy::DateTime>("sort_date", Order::Desc),
                    )
                    .map_err(|e| QueryError::Internal(e.to_string()))?
                    .into_iter()
                    .map(|(_, a)| a)
                    .collect()
            };
            for a in addrs {
                out.push(self.read(stores, fields, searcher, a)?);
            }
        }
        Ok(out)
    }

    /// Every live document holding any term of two keyword fields (all of them, each once).
    pub(crate) fn holding_any(&self, fields: [fn(&Fields) -> Field; 2]) -> Result<Vec<Document>, QueryError> {
        let mut out = Vec::new();
        for (searcher, f, stores) in &self.snaps {
            let mut terms = Vec::new();
            for seg in searcher.segment_readers() {
                for field in fields {
                    let Ok(inv) = seg.inverted_index(field(f)) else {
                        continue;
                    };
                    let Ok(mut stream) = inv.terms().stream() else { continue };
                    while stream.advance() {
                        terms.push(tantivy::Term::from_field_bytes(field(f), stream.key()));
                    }
                }
            }
            if terms.is_empty() {
                continue;
            }
            let q = tantivy::query::TermSetQuery::new(terms);
            let found = searcher
                .search(&q, &tantivy::collector::DocSetCollector)
                .map_err(|e| QueryError::Internal(e.to_string()))?;
            let mut found: Vec<DocAddress> = found.into_iter().collect();
            found.sort();
            for a in found {
                out.push(self.read(stores, f, searcher, a)?);
            }
        }
        Ok(out)
    }

    /// The generation of each of the view's searchers.
    pub(crate) fn generations(&self) -> Vec<u64> {
        self.snaps
            .iter()
            .map(|(s, _, _)| s.generation().generation_id())
            .collect()
    }

    /// Documents whose keyword field `field` holds `value`, newest first ([`MAX_LOOKUP`] at
    /// most from each index).
    pub(crate) fn by_keyword(
        &self,
        field: impl Fn(&Fields) -> Field,
        value: &str,
    ) -> Result<Vec<Document>, QueryError> {
        self.by_keyword_upto(field, value, MAX_LOOKUP)
    }

    /// [`Self::by_keyword`], `limit` at most from each index.
    pub(crate) fn by_keyword_upto(
        &self,
        field: impl Fn(&Fields) -> Field,
        value: &str,
        limit: usize,
    ) -> Result<Vec<Document>, QueryError> {
        self.search(
            |f| {
                Some(Box::new(TermQuery::new(
                    Term::from_field_text(field(f), value),
                    IndexRecordOption::Basic,
                )) as Box<dyn Query>)
            },
            limit,
            false,
        )
    }

    /// Documents carrying this number, or else its first reading without an organ's name
    /// before the code that some document carries (as [`Engine::by_number`]).
    pub(crate) fn by_number(&self, n: &DocNumber) -> Result<Vec<Document>, QueryError> {
        self.remembered(|m| &mut m.numbers, &n.canonical(), || self.look_up_number(n))
    }

    /// A number a person typed (`check`, `cites`): [`View::by_number`], or else the first of
    /// its other [`DocNumber::readings`] (words typed before the code) that some document
    /// carries; with the reading found (`n` when none). Citations in texts keep to
    /// [`View::by_number`]: a reading that drops characters of a cited code could name
    /// another document.
    pub(crate) fn by_typed_number(&self, n: &DocNumber) -> Result<(DocNumber, Vec<Document>), QueryError> {
        first_found(n, n.readings(), |r| self.by_number_exactly(r))
    }

    fn by_number_exactly(&self, n: &DocNumber) -> Result<Vec<Document>, QueryError> {
        self.by_keyword(|f| f.docnum, &n.canonical())
    }

    fn look_up_number(&self, n: &DocNumber) -> Result<Vec<Document>, QueryError> {
        Ok(first_found(n, n.without_organ(), |r| self.by_number_exactly(r))?.1)
    }

    /// Documents whose title agrees with `title`: exact ones first, then close ones (the
    /// cited title with or without the issuer before 关于, with or without 中华人民共和国, or
    /// contained in the title).
    pub(crate) fn by_title(&self, title: &str) -> Result<Vec<(Document, TitleMatch)>, QueryError> {
        self.remembered(|m| &mut m.titles, title, || self.look_up_title(title))
    }

    /// `look_up()`, or, in a [`View::records_only`], its answer for `key` in the memo
    /// `table` picks, computed and kept on first use.
    fn remembered<T: Clone>(
        &self,
        table: impl Fn(&mut Memo) -> &mut std::collections::HashMap<String, T>,
        key: &str,
        look_up: impl FnOnce() -> Result<T, QueryError>,
    ) -> Result<T, QueryError> {
        let Some(memo) = &self.records else {
            return look_up();
        };
        if let Some(found) = table(&mut memo.lock().unwrap_or_else(|e| e.into_inner())).get(key) {
            return Ok(found.clone());
        }
        let found = look_up()?;
        table(&mut memo.lock().unwrap_or_else(|e| e.into_inner())).insert(key.to_string(), found.clone());
        Ok(found)
    }

    fn look_up_title(&self, title: &str) -> Result<Vec<(Document, TitleMatch)>, QueryError> {
        let mut out: Vec<(Document, TitleMatch)> = Vec::new();
        let push = |d: Document, out: &mut Vec<(Document, TitleMatch)>| {
            let m = title_match(title, &d.title);
            if m.agrees() && !out.iter().any(|(o, _)| o.id == d.id) {
                out.push((d, m));
            }
        };
        for key in title_keys(title) {
            for d in self.by_keyword(|f| f.title_exact, &key)? {
                push(d, &mut out);
            }
        }
        let grams = analyzer::query_grams(&normalize_title(title));
        if grams.len() >= 2 {
            let found = self.search(
                |f| {
                    Some(exact_phrase(&offsets(&grams, |g| {
                        Term::from_field_text(f.title_grams, &g.text)
                    })))
                },
                TITLE_CANDIDATES,
                true,
            )?;
            for d in found {
                push(d, &mut out);
            }
        }
        out.sort_by_key(|(_, m)| *m != TitleMatch::Exact);
        Ok(out)
    }

    /// The document with this id.
    pub(crate) fn document(&self, id: &str) -> Result<Option<Document>, QueryError> {
        Ok(self.by_keyword(|f| f.id, id)?.into_iter().next())
    }

    /// Call `f` with every live document of the scope.
    pub(crate) fn for_each(&self, mut f: impl FnMut(Document)) -> Result<(), QueryError> {
        for (searcher, fields, stores) in &self.snaps {
            for (ord, seg) in searcher.segment_readers().iter().enumerate() {
                for doc in seg.doc_ids_alive() {
                    f(read_document(
                        stores,
                        fields,
                        searcher,
                        DocAddress::new(ord as u32, doc),
                    )?);
                }
            }
        }
        Ok(())
    }

    pub(crate) fn snapshots(&self) -> &[(Searcher, Fields, Arc<Stores>)] {
        &self.snaps
    }
}

/// The answer of `check`: does a document with this number exist, and does the title agree.
#[derive(Debug, Clone, Serialize)]
pub struct CheckResult {
    /// Whether a public document carries the number.
    pub exists: bool,
    /// The canonical spelling of the number.
    pub canonical: String,
    /// The document (the one whose title agrees best when several carry the number).
    pub document: Option<Document>,
    /// How the given title agrees with the document's; `null` without a title or a document.
    pub title_match: Option<TitleMatch>,
    /// For a number that does not exist but a title that does: the document with that title.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub title_belongs_to: Option<DocLink>,
}

/// Check a number (any spelling) and optionally a title.
pub fn check(engine: &Engine, number: &str, title: Option<&str>, scope: Scope) -> Result<CheckResult, QueryError> {
    // Padding pasted with a number (a table cell) is not counted. See (QA numbers pass,
    // seventeenth session): `国发〔2010〕10号` and 100 spaces was "too long".
    let number = number.trim();
    if number.chars().count() > engine.limits().max_number_chars {
        return Err(QueryError::NotANumber("text too long for a document number".into()));
    }
    let n = DocNumber::parse_pasted(number).map_err(|e| QueryError::NotANumber(e.to_string()))?;
    let title = title.map(str::trim).filter(|t| !t.is_empty());
    if title.is_some_and(|t| t.chars().count() > engine.limits().max_query_chars) {
        return Err(QueryError::BadRequest("title too long".into()));
    }
    let view = View::new(engine, scope);
    let (n, docs) = view.by_typed_number(&n)?;
    let mut best: Option<(Document, Option<TitleMatch>)> = None;
    for d in docs {
        let m = title.map(|t| match title_match(t, &d.title) {
            TitleMatch::Exact | TitleMatch::Close if names_another_issuer(t, &d) => TitleMatch::Different,
            m => m,
        });
        // Of copies that agree as well, the document as published before its gazette reprint
        // (which lacks its publication date, index number and address). See (QA staff pass,
        // fifteenth session): the reprint was shown for 11 of 100 numbers.
        let reprint_replaced = |old: &Document| old.gazette.is_some() && d.gazette.is_none();
        let better = match (&best, m) {
            (None, _) => true,
            (Some((old_doc, Some(old))), Some(new)) => {
                rank(new) < rank(*old) || rank(new) == rank(*old) && reprint_replaced(old_doc)
            }
            (Some((old_doc, None)), None) => reprint_replaced(old_doc),
            _ => false,
        };
        if better {
            best = Some((d, m));
        }
    }
    let title_belongs_to = match (&best, title) {
        (None, Some(t)) | (Some((_, Some(TitleMatch::Different))), Some(t)) => {
            view.by_title(t)?.into_iter().next().map(|(d, _)| DocLink::from(&d))
        }
        _ => None,
    };
    let title_match = best.as_ref().and_then(|(_, m)| *m);
    // As served everywhere: repealed when a later document says so.
    let document = match best {
        Some((d, _)) => Some(crate::cite::with_succession(engine, d, scope)?),
        None => None,
    };
    Ok(CheckResult {
        exists: document.is_some(),
        canonical: n.canonical(),
        title_match,
        document,
        title_belongs_to,
    })
}

/// Whether `title` names an issuer before its 关于 (`兰考县人民政府关于…`) that is none of the
/// issuers of `d`, whose own title names none there (`关于延长…的通知`): the title is another
/// organ's document. An issuer abbreviated (`市政府`, `本局`) or a document without issuers says
/// nothing. See (QA numbers pass, sixteenth session): such titles were `close` (57 of 107).
fn names_another_issuer(title: &str, d: &Document) -> bool {
    fn named(t: &str) -> Option<&str> {
        gongwen_schema::issuer_before_about(gongwen_schema::split_source_tag(t).1.trim())
    }
    let Some(given) = named(title).filter(|g| g.chars().count() >= 3) else {
        return false;
    };
    if named(&d.title).is_some()
        || d.issuers.is_empty()
        || given.starts_with(['市', '省', '区', '县', '本', '我', '各'])
    {
        return false;
    }
    let head = |s: &str| s.chars().take(2).collect::<String>();
    !d.issuers
        .iter()
        .any(|i| i.contains(given) || given.contains(i.as_str()) || head(i) == head(given))
}

fn rank(m: TitleMatch) -> u8 {
    match m {
        TitleMatch::Exact => 0,
        TitleMatch::Close => 1,
        TitleMatch::Different => 2,
    }
}

/// The documents of `n`, or else of the first of its `readings` that some document carries,
/// with the number they carry (`n` and nothing when none does).
pub(crate) fn first_found(
    n: &DocNumber,
    readings: Vec<DocNumber>,
    mut find: impl FnMut(&DocNumber) -> Result<Vec<Document>, QueryError>,
) -> Result<(DocNumber, Vec<Document>), QueryError> {
    for r in std::iter::once(n.clone()).chain(readings) {
        let docs = find(&r)?;
        if !docs.is_empty() {
            return Ok((r, docs));
        }
    }
    Ok((n.clone(), Vec::new()))
}
