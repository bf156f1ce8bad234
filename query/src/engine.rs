//! The engine: opens an index folder and answers searches, look-ups and suggestions.

use std::collections::{BTreeMap, HashSet};
use std::ops::Bound;
use std::path::Path;
use std::sync::Arc;
use std::time::Instant;

use gongwen_schema::layout::{PUBLIC_DIR, RESTRICTED_DIR};
use gongwen_schema::{analyzer, normalize_title, DocNumber, Document, Fields, Kind, Status};
use serde::Serialize;
use tantivy::collector::{Count, TopDocs};
use tantivy::query::{
    AllQuery, BooleanQuery, BoostQuery, EmptyQuery, Occur, PhrasePrefixQuery, PhraseQuery, Query, RangeQuery, TermQuery,
};

/// Decompressed blocks kept per segment by the searchers' own store readers: none, as every
/// stored read (hits, records, look-ups, citations, exports) goes through [`Stores`], with
/// [`stored::CACHE_BLOCKS`].
const SEARCHER_CACHE_BLOCKS: usize = 0;

/// How many bigrams a one-character query word expands to (those it starts, in term order).
const SINGLE_CHAR_EXPANSIONS: u32 = 1024;
/// How many bigrams the last one-character piece of a phrase expands to: every one a common
/// character starts (in gov_docs 的 starts 2,073, 在 1,543; at 1,024, `"支持力度。在"` missed
/// `在风险`). Such a phrase costs tens of milliseconds (`"发展。的"` 27 ms on gov_docs).
const PHRASE_TAIL_EXPANSIONS: u32 = 4_096;
use gongwen_schema::commit::{Pair, PairedDirectory};
use tantivy::schema::IndexRecordOption;
use tantivy::store::StoreReader;
use tantivy::{DateTime, DocAddress, Index, IndexReader, ReloadPolicy, Searcher, TantivyDocument, Term};

use crate::anyof::AnyOf;
use crate::facet::{Disjunctive, FacetCounts, FacetField, FacetFilters, FacetTables};
use crate::limits::Limits;
use crate::segments::PerSegment;
use crate::snippet::{self, Snippet};
use crate::stats::TermStats;
use crate::stored::{self, RawDoc, Stores};
use crate::synonyms::Synonyms;
use crate::understand::{self, ParsedQuery};
use crate::QueryError;

/// Who is asking: the public sees only the public index; staff see both.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Scope {
    /// The public API: 主动公开 documents only.
    Public,
    /// Authenticated staff: public and restricted documents.
    Staff,
}

/// How results are ordered.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, serde::Deserialize, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Sort {
    /// By score (the default with a query), ties broken by recency.
    #[default]
    Relevance,
    /// Newest first (the default without a query).
    Date,
    /// Oldest first.
    DateAsc,
}

/// A search, as the API and the CLI give it.
#[derive(Debug, Clone, Default, serde::Deserialize, Serialize)]
#[serde(default)]
pub struct SearchRequest {
    /// Query string: words, "phrases", document numbers, partial numbers, -exclusions.
    pub q: String,
    /// Issuing organ (exact).
    pub issuer: Option<String>,
    /// Kind name (`policy`, `notice`, …).
    pub kind: Option<String>,
    /// Status name (`in_force`, `repealed`, …).
    pub status: Option<String>,
    /// Year, or a range `2015-2018`.
    pub year: Option<String>,
    /// Earliest date (YYYY-MM-DD), inclusive, on the written (else published) date.
    pub from: Option<String>,
    /// Latest date (YYYY-MM-DD), inclusive.
    pub to: Option<String>,
    /// Document-number issuer code (机关代字).
    pub docnum_issuer: Option<String>,
    /// Document-number year.
    pub docnum_year: Option<u16>,
    /// Topic (主题分类).
    pub topic: Option<String>,
    /// Gazette issue `YEAR-N`.
    pub gazette: Option<String>,
    /// Ordering; relevance by default with a query, date without.
    pub sort: Option<Sort>,
    /// Page size.
    pub limit: Option<usize>,
    /// Hits to skip.
    pub offset: Option<usize>,
    /// Page number, from 1 (pages of `limit` hits): another way to say the offset.
    pub page: Option<usize>,
}

/// One hit.
#[derive(Debug, Clone, Serialize)]
pub struct Hit {
    /// Document id.
    pub id: String,
    /// Title as printed.
    pub title: String,
    /// Title with matches highlighted.
    pub title_highlight: Snippet,
    /// The first canonical document number.
    pub doc_number: Option<String>,
    /// Every canonical document number.
    pub doc_numbers: Vec<String>,
    /// Issuing organs.
    pub issuers: Vec<String>,
    /// Kind name.
    pub kind: Kind,
    /// Written date.
    pub written: Option<gongwen_schema::Date>,
    /// Published date.
    pub published: Option<gongwen_schema::Date>,
    /// Year.
    pub year: Option<u16>,
    /// Status: the record's, or repealed when documents of the index say they repeal it.
    pub status: Status,
    /// Ids of the documents that say they repeal it.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub replaced_by: Vec<String>,
    /// Best window of the body, highlighted.
    pub snippet: Snippet,
    /// Relevance score (for `sort=relevance`).
    pub score: f32,
    /// Where the document came from ([`gongwen_schema::Source`]), as the JSON it is stored
    /// as: parsing it (its upstream provenance into a `serde_json::Value` tree) for every hit
    /// was a twentieth of a filtered search, and a hit only passes it on.
    pub source: Box<serde_json::value::RawValue>,
    /// SHA-256 of the text as ingested.
    pub content_hash: String,
    /// Gazette issue, for gazette articles.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub gazette: Option<gongwen_schema::GazetteRef>,
}

/// A page of results.
#[derive(Debug, Clone, Serialize)]
pub struct SearchResponse {
    /// Documents matching (the whole set, not the page).
    pub total: usize,
    /// Time spent, in milliseconds.
    pub took_ms: f64,
    /// The page.
    pub hits: Vec<Hit>,
    /// Facet counts; each honours every filter but its own.
    pub facets: BTreeMap<&'static str, Vec<FacetCount>>,
    /// How the query was understood.
    pub understood: Understood,
}

/// A facet value and its count.
#[derive(Debug, Clone, Serialize, PartialEq, Eq)]
pub struct FacetCount {
    /// The value.
    pub value: String,
    /// Documents with it.
    pub count: u64,
}

/// How a query was read, shown to the user.
#[derive(Debug, Clone, Serialize, Default)]
pub struct Understood {
    /// Canonical document numbers found in the query.
    pub doc_numbers: Vec<String>,
    /// Issuer codes (with years) taken as partial document numbers.
    pub partial_numbers: Vec<String>,
    /// Quoted phrases.
    pub phrases: Vec<String>,
    /// Excluded words.
    pub excluded: Vec<String>,
    /// Synonym expansions used.
    pub synonyms: Vec<String>,
    /// Parts of the query with nothing to search for (punctuation, symbols): when the query is
    /// only such parts, nothing matches (not every document).
    pub ignored: Vec<String>,
    /// Nothing matched the query as written: these match its quoted passages (twelve
    /// characters or more) as words (no longer listed as phrases), or else at least half of
    /// its words (shorter quoted phrases, numbers and filters still apply in full).
    pub relaxed: bool,
    /// The issuer filter named no issuer of the index: these issuers' names hold it (绿春县
    /// for 绿春县人民政府办公室 and 绿春县财政局), and their documents are the ones shown.
    pub issuers: Vec<String>,
}

/// A suggestion for a search box.
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct Suggestion {
    /// What to show and put in the box.
    pub text: String,
    /// `title` or `doc_number`.
    pub kind: &'static str,
    /// The document it leads to.
    pub id: String,
}

/// One opened tantivy index.
#[derive(Clone)]
struct Side {
    reader: IndexReader,
    fields: Fields,
    /// The faceted fields of the live segments, warmed on each reload.
    tables: Arc<FacetTables>,
    /// The store readers of the live segments (hits are read through them).
    stores: Arc<Stores>,
    /// BM25 statistics of the newest searcher, kept across queries.
    stats: Arc<TermStats>,
    /// Sort dates and id keys of the live segments, warmed on each reload.
    orders: Arc<OrderTables>,
}

impl Side {
    /// Open the index in `folder` of the index folder `root`, whose commits `pair` reads.
    fn open(root: &Path, folder: &str, pair: &Arc<Pair>, cache_blocks: usize) -> Result<Side, QueryError> {
        let path = root.join(folder);
        let failed = |e: &dyn std::fmt::Display| QueryError::Open(format!("{}: {e}", path.display()));
        let files = tantivy::directory::MmapDirectory::open(&path).map_err(|e| failed(&e))?;
        let index = Index::open(PairedDirectory::new(Box::new(files), folder, pair.clone())).map_err(|e| failed(&e))?;
        analyzer::register(&index);
        let fields = Fields::from_schema(&index.schema()).map_err(|e| QueryError::Open(e.to_string()))?;
        let tables = Arc::new(FacetTables::new(crate::facet::SegmentTable::build));
        let stores = Arc::new(stored::stores(cache_blocks));
        let orders = Arc::new(OrderTables::new(OrderTable::build));
        let warmers: Vec<std::sync::Weak<dyn tantivy::Warmer>> = vec![
            Arc::downgrade(&tables) as _,
            Arc::downgrade(&stores) as _,
            Arc::downgrade(&orders) as _,
        ];
        let reader = index
            .reader_builder()
            .reload_policy(ReloadPolicy::OnCommitWithDelay)
            .doc_store_cache_num_blocks(SEARCHER_CACHE_BLOCKS)
            .warmers(warmers)
            .try_into()
            .map_err(|e| failed(&e))?;
        Ok(Side {
            reader,
            fields,
            tables,
            stores,
            stats: Arc::default(),
            orders,
        })
    }

    /// The store reader of the segment of `addr` in `searcher`.
    fn store(&self, searcher: &Searcher, addr: DocAddress) -> Result<Arc<StoreReader>, QueryError> {
        store_of(&self.stores, searcher, addr)
    }
}

fn store_of(stores: &Stores, searcher: &Searcher, addr: DocAddress) -> Result<Arc<StoreReader>, QueryError> {
    stores
        .of(searcher.segment_reader(addr.segment_ord))
        .map_err(stored_error)
}

/// The whole stored document at `addr`, read through the index's store readers (the one path
/// of every stored read: searches, look-ups, citations, exports).
pub(crate) fn read_document(
    stores: &Stores,
    fields: &Fields,
    searcher: &Searcher,
    addr: DocAddress,
) -> Result<Document, QueryError> {
    let t: TantivyDocument = store_of(stores, searcher, addr)?
        .get(addr.doc_id)
        .map_err(stored_error)?;
    fields.from_tantivy(&t).map_err(|e| QueryError::Internal(e.to_string()))
}

/// The document at `addr` without its body (empty): its stored record alone.
pub(crate) fn read_record(
    stores: &Stores,
    fields: &Fields,
    searcher: &Searcher,
    addr: DocAddress,
) -> Result<Document, QueryError> {
    let store = store_of(stores, searcher, addr)?;
    let raw = stored::RawDoc::read(&store, addr.doc_id).map_err(stored_error)?;
    let meta = raw
        .bytes(fields.meta)
        .ok_or_else(|| QueryError::Internal("reading a stored document: no record".into()))?;
    serde_json::from_slice(meta).map_err(|e| QueryError::Internal(format!("reading a stored document: {e}")))
}

fn stored_error(e: impl std::fmt::Display) -> QueryError {
    QueryError::Internal(format!("reading a stored document: {e}"))
}

/// Options of [`Engine::open`].
#[derive(Debug, Clone, Default)]
pub struct EngineOptions {
    /// Open the restricted index too (only when a staff token is configured).
    pub restricted: bool,
    /// Decompressed store blocks (about 32 KiB each) kept by each index, shared by its
    /// segments; `None` is [`stored::CACHE_BLOCKS`] (about 64 MiB).
    pub store_cache_blocks: Option<usize>,
    /// Synonym groups.
    pub synonyms: Synonyms,
    /// Request limits.
    pub limits: Limits,
}

/// The query side of an index folder. Cheap to share (`Arc`); every call takes a fresh
/// searcher snapshot, and new commits are picked up without a restart.
pub struct Engine {
    public: Side,
    restricted: Option<Side>,
    synonyms: Synonyms,
    limits: Limits,
    /// The repeals of each generation of the searchers ([`crate::cite::repeals`]).
    pub(crate) repeal_cache: crate::cite::RepealCache,
    /// What the last [`Engine::check_files`] found.
    files: std::sync::Mutex<FileCheck>,
    /// Why the newest commit could not be loaded, when the last [`Engine::keep_fresh`] failed:
    /// the searchers show an older state, which may hold documents since withdrawn.
    stale: std::sync::Mutex<Option<String>>,
}

/// Whether the files of the open indexes were found whole ([`Engine::check_files`]).
#[derive(Debug, Clone, Default, PartialEq)]
pub enum FileCheck {
    /// Not checked (yet).
    #[default]
    Unchecked,
    /// Every file's checksum matched its contents when checked.
    Whole,
    /// Files whose checksum does not match, or that could not be read: `index: file`.
    Damaged(Vec<String>),
}

/// The filters of a request, checked.
#[derive(Debug, Clone, Default, PartialEq)]
struct Filters {
    issuer: Option<String>,
    kind: Option<String>,
    status: Option<String>,
    year: Option<(u64, u64)>,
    from: Option<i64>,
    to: Option<i64>,
    docnum_issuer: Option<String>,
    docnum_year: Option<u64>,
    topic: Option<String>,
    gazette: Option<String>,
    /// `kind=gazette`: the articles of any gazette issue, whatever kind of document each
    /// publishes (a notice, a regulation), checked by the query rather than the kind facet.
    gazette_articles: bool,
}

/// A request after validation.
#[derive(Clone)]
struct Plan {
    parsed: ParsedQuery,
    filters: Filters,
    sort: Sort,
    limit: usize,
    offset: usize,
    /// Words need not all match: half of them do (see [`Understood::relaxed`]).
    relaxed: bool,
}

fn day(s: &str, what: &str) -> Result<i64, QueryError> {
    gongwen_schema::Date::parse(s)
        .map(|d| d.days_since_epoch())
        .ok_or_else(|| QueryError::BadRequest(format!("{what}: not a date (YYYY-MM-DD): {s:?}")))
}

fn non_empty(s: &Option<String>) -> Option<String> {
    s.as_ref().map(|s| s.trim().to_string()).filter(|s| !s.is_empty())
}

impl Engine {
    /// Segments of the public index in the newest searcher (`gongwen optimize` makes it one).
    pub fn segments(&self) -> usize {
        self.public.reader.searcher().segment_readers().len()
    }

    /// Open the index folder `dir` (see `gongwen_schema::layout`).
    pub fn open(dir: &Path, opts: EngineOptions) -> Result<Engine, QueryError> {
        gongwen_schema::layout::check(dir).map_err(QueryError::Open)?;
        let cache_blocks = opts.store_cache_blocks.unwrap_or(stored::CACHE_BLOCKS);
        // Both indexes read one commit file (`gongwen_schema::commit`).
        let pair = Pair::new(dir);
        let public = Side::open(dir, PUBLIC_DIR, &pair, cache_blocks)?;
        let restricted = if opts.restricted {
            Some(Side::open(dir, RESTRICTED_DIR, &pair, cache_blocks)?)
        } else {
            None
        };
        // Every query is cut into words: load jieba's dictionary now, not in the first request.
        analyzer::jieba();
        Ok(Engine {
            public,
            restricted,
            synonyms: opts.synonyms,
            limits: opts.limits,
            repeal_cache: Default::default(),
            files: Default::default(),
            stale: Default::default(),
        })
    }

    /// Check every file of the open indexes against its checksum (a disk that damaged a
    /// segment, a copy cut short), remember the answer for [`Engine::file_check`], and return
    /// it. It reads the whole index: `serve` runs it once, in the background.
    pub fn check_files(&self) -> FileCheck {
        let mut damaged = Vec::new();
        for (side, name) in self.sides(Scope::Staff).into_iter().zip([PUBLIC_DIR, RESTRICTED_DIR]) {
            let index = side.reader.searcher().index().clone();
            // A file cut short can make tantivy panic while it reads the footer.
            let checked = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| index.validate_checksum()));
            match checked {
                Ok(Ok(bad)) => damaged.extend(bad.into_iter().map(|f| format!("{name}: {}", f.display()))),
                Ok(Err(e)) => damaged.push(format!("{name}: {e}")),
                Err(_) => damaged.push(format!("{name}: a file could not be read")),
            }
        }
        let found = if damaged.is_empty() {
            FileCheck::Whole
        } else {
            FileCheck::Damaged(damaged)
        };
        *self.files.lock().unwrap_or_else(|e| e.into_inner()) = found.clone();
        found
    }

    /// What the last [`Engine::check_files`] found.
    pub fn file_check(&self) -> FileCheck {
        self.files.lock().unwrap_or_else(|e| e.into_inner()).clone()
    }

    /// The limits in force.
    pub fn limits(&self) -> &Limits {
        &self.limits
    }

    /// Documents visible in a scope.
    pub fn num_docs(&self, scope: Scope) -> u64 {
        self.sides(scope).iter().map(|s| s.reader.searcher().num_docs()).sum()
    }

    /// A searcher snapshot and the field handles of each index of a scope, for the read-only
    /// views of this crate (`lookup`, `cite`, `gazette`, `catalog`).
    pub(crate) fn snapshots(&self, scope: Scope) -> Vec<(Searcher, Fields, Arc<Stores>)> {
        self.sides(scope)
            .into_iter()
            .map(|s| (s.reader.searcher(), s.fields.clone(), s.stores.clone()))
            .collect()
    }

    /// Load the newest commit when a searcher shows another one. The readers reload by
    /// themselves when a commit lands, once: a reload that fails then (no file descriptor
    /// left, a file not readable for a moment) was not tried again, and the server went on
    /// showing the state before the commit, documents since made non-public included. See
    /// (QA reliability pass, seventeenth session). `serve` calls this every second; while
    /// it fails, [`Engine::stale`] says why.
    pub fn keep_fresh(&self) -> Result<(), QueryError> {
        let mut failed = None;
        for side in self.sides(Scope::Staff) {
            let searcher = side.reader.searcher();
            let shown = searcher.generation().segments();
            let loaded = searcher.index().load_metas().map(|m| {
                m.segments
                    .iter()
                    .map(|s| (s.id(), s.delete_opstamp()))
                    .collect::<std::collections::BTreeMap<_, _>>()
            });
            let result = match loaded {
                Ok(committed) if &committed == shown => Ok(()),
                Ok(_) => side.reader.reload().map_err(|e| e.to_string()),
                Err(e) => Err(format!("reading the commit: {e}")),
            };
            if let Err(e) = result {
                failed.get_or_insert(e);
            }
        }
        let mut stale = self.stale.lock().unwrap_or_else(|e| e.into_inner());
        match failed {
            Some(e) => {
                if stale.is_none() {
                    tracing::error!(error = %e, "the newest commit cannot be loaded: answering 503 until it can");
                }
                *stale = Some(e.clone());
                Err(QueryError::Internal(format!("reload: {e}")))
            }
            None => {
                if stale.take().is_some() {
                    tracing::info!("the newest commit is loaded");
                }
                Ok(())
            }
        }
    }

    /// Why the newest commit could not be loaded ([`Engine::keep_fresh`]), if it could not.
    pub fn stale(&self) -> Option<String> {
        self.stale.lock().unwrap_or_else(|e| e.into_inner()).clone()
    }

    /// Pick up a new commit now (the reader also does it by itself shortly after a commit).
    pub fn reload(&self) -> Result<(), QueryError> {
        for s in self.sides(Scope::Staff) {
            s.reader
                .reload()
                .map_err(|e| QueryError::Internal(format!("reload: {e}")))?;
        }
        Ok(())
    }

    fn sides(&self, scope: Scope) -> Vec<&Side> {
        match (scope, &self.restricted) {
            (Scope::Staff, Some(r)) => vec![&self.public, r],
            _ => vec![&self.public],
        }
    }

    fn plan(&self, req: &SearchRequest) -> Result<Plan, QueryError> {
        let l = &self.limits;
        if req.q.chars().count() > l.max_query_chars {
            return Err(QueryError::BadRequest(format!(
                "query longer than {} characters",
                l.max_query_chars
            )));
        }
        let parsed = understand::parse(&req.q);
        // (A partial number is one of the text's words, not a term more. See (QA API pass,
        // fifteenth session): 33 words were "65 terms".)
        let terms = parsed.numbers.len()
            + parsed.phrases.len()
            + parsed.excluded.len()
            + parsed.excluded_numbers.len()
            + parsed.text.split_whitespace().count();
        if terms > l.max_terms {
            return Err(QueryError::BadRequest(format!(
                "query has {terms} terms; at most {} are allowed",
                l.max_terms
            )));
        }
        let limit = req.limit.unwrap_or(10);
        if limit > l.max_limit {
            return Err(QueryError::BadRequest(format!(
                "limit {limit} is above the maximum {}",
                l.max_limit
            )));
        }
        let offset = match (req.offset, req.page) {
            (Some(_), Some(_)) => return Err(QueryError::BadRequest("give page or offset, not both".into())),
            (_, Some(0)) => return Err(QueryError::BadRequest("page numbers start at 1".into())),
            (_, Some(page)) => (page - 1).saturating_mul(limit),
            (offset, None) => offset.unwrap_or(0),
        };
        if offset.saturating_add(limit) > l.max_window {
            return Err(QueryError::BadRequest(format!(
                "offset + limit may not exceed {} (the result window)",
                l.max_window
            )));
        }
        let mut f = Filters {
            issuer: non_empty(&req.issuer).map(|i| gongwen_schema::organ_name(&i)),
            status: None,
            kind: None,
            topic: non_empty(&req.topic),
            gazette: non_empty(&req.gazette),
            docnum_year: req.docnum_year.map(u64::from),
            ..Filters::default()
        };
        if let Some(k) = non_empty(&req.kind) {
            let kind = Kind::from_name(&k).ok_or_else(|| QueryError::BadRequest(format!("unknown kind {k:?}")))?;
            // See (QA): `kind=gazette` found none of the 143 gazette articles, which keep
            // the kind of what they publish.
            if kind == Kind::Gazette {
                f.gazette_articles = true;
            } else {
                f.kind = Some(k);
            }
        }
        if let Some(s) = non_empty(&req.status) {
            let st = Status::from_label(&s).ok_or_else(|| QueryError::BadRequest(format!("unknown status {s:?}")))?;
            f.status = Some(st.as_str().to_string());
        }
        if let Some(y) = non_empty(&req.year) {
            let bad = || QueryError::BadRequest(format!("year: expected YYYY or YYYY-YYYY, got {y:?}"));
            let (a, b) = match y.split_once('-') {
                Some((a, b)) => (
                    a.trim().parse::<u64>().map_err(|_| bad())?,
                    b.trim().parse::<u64>().map_err(|_| bad())?,
                ),
                None => {
                    let v = y.parse::<u64>().map_err(|_| bad())?;
                    (v, v)
                }
            };
            // Four digits: `19` is no year (it found nothing, as if none were dated so).
            if a > b || !(1000..=9999).contains(&a) || !(1000..=9999).contains(&b) {
                return Err(bad());
            }
            f.year = Some((a, b));
        }
        if let Some(s) = non_empty(&req.from) {
            f.from = Some(day(&s, "from")?);
        }
        if let Some(s) = non_empty(&req.to) {
            f.to = Some(day(&s, "to")?);
        }
        // A range that ends before it starts is a mistake to say, as a reversed `year` range
        // is, not an empty answer. See (QA search pass, seventeenth session).
        if let (Some(a), Some(b)) = (f.from, f.to) {
            if a > b {
                return Err(QueryError::BadRequest(format!(
                    "from ({}) is after to ({}): the range ends before it starts",
                    req.from.as_deref().unwrap_or_default().trim(),
                    req.to.as_deref().unwrap_or_default().trim()
                )));
            }
        }
        // An issue as `/api/gazette` gives its key: YEAR-N, or YEAR-N@NAME.
        if let Some(g) = &f.gazette {
            let well_formed =
                g.split_once('-').is_some_and(|(y, _)| y.len() == 4) && crate::gazette::parse_key(g).is_some();
            if !well_formed {
                return Err(QueryError::BadRequest(format!(
                    "gazette: expected an issue's key, YEAR-N (e.g. 2018-4) or YEAR-N@NAME for another gazette than the State Council's, got {g:?}"
                )));
            }
        }
        if let Some(code) = non_empty(&req.docnum_issuer) {
            let p = gongwen_schema::PartialDocNumber::parse(&code)
                .ok_or_else(|| QueryError::BadRequest(format!("docnum_issuer: not an issuer code: {code:?}")))?;
            f.docnum_issuer = Some(p.issuer);
            if let (Some(y), None) = (p.year, f.docnum_year) {
                f.docnum_year = Some(y.into());
            }
        }
        let sort = req
            .sort
            .unwrap_or(if parsed.is_empty() { Sort::Date } else { Sort::Relevance });
        Ok(Plan {
            parsed,
            filters: f,
            sort,
            limit,
            offset,
            relaxed: false,
        })
    }

    /// Run a search. When no document holds every word of the free text, the search is run
    /// again with half of the words required, and says so ([`Understood::relaxed`]): a word
    /// the documents do not hold (a city's name that only its issuer field carries, a
    /// word of the user's own) no longer empties the list.
    pub fn search(&self, req: &SearchRequest, scope: Scope) -> Result<SearchResponse, QueryError> {
        let started = Instant::now();
        let mut plan = self.plan(req)?;
        self.read_numbers(&mut plan.parsed, scope);
        let strict = self.run(&plan, scope, started)?;
        if strict.total > 0 {
            return Ok(strict);
        }
        // Matches that the filters leave out are the answer, not a reason to ask for less:
        // the facets show where they are. See (QA search pass, fifteenth session): a quoted
        // title with `kind=notice` listed 207 documents none of which held it.
        if plan.filters != Filters::default() {
            let unfiltered = Plan {
                filters: Filters::default(),
                limit: 1,
                offset: 0,
                ..plan.clone()
            };
            if self.run(&unfiltered, scope, started)?.total > 0 {
                return Ok(strict);
            }
        }
        // Nothing found: a quoted passage as words (a pasted sentence in quotes with one
        // character wrong found nothing, see QA), then half the words required. A short
        // quoted phrase (under PASSAGE_CHARS) is a deliberate one and stays exact.
        let passage = |p: &String| p.chars().filter(|c| c.is_alphanumeric()).count() >= PASSAGE_CHARS;
        if plan.parsed.phrases.iter().any(passage) {
            let (passages, phrases): (Vec<String>, Vec<String>) =
                std::mem::take(&mut plan.parsed.phrases).into_iter().partition(passage);
            plan.parsed.phrases = phrases;
            plan.parsed.text = format!("{} {}", plan.parsed.text, passages.join(" "));
            let unquoted = self.run(
                &Plan {
                    relaxed: false,
                    ..plan.clone()
                },
                scope,
                started,
            )?;
            if unquoted.total > 0 {
                return Ok(relaxed_as(unquoted));
            }
        }
        if plan.parsed.text.split_whitespace().next().is_none() {
            return Ok(strict);
        }
        let relaxed = self.run(
            &Plan {
                relaxed: true,
                ..plan.clone()
            },
            scope,
            started,
        )?;
        Ok(if relaxed.total > 0 { relaxed_as(relaxed) } else { strict })
    }

    /// Each document number of the query that the index holds nowhere (as a document's own
    /// number or a cited one) read as its first reading that it does hold: words typed
    /// against the code (`请问法释〔2023〕4号`, `我想查国务院令第617号`, an organ's name) are
    /// not the code. See (QA search pass, fifteenth session): such a query listed 1,400
    /// unrelated documents, the number's own not among them.
    fn read_numbers(&self, parsed: &mut ParsedQuery, scope: Scope) {
        let sides = self.sides(scope);
        let searchers: Vec<(Searcher, &Fields)> = sides.iter().map(|s| (s.reader.searcher(), &s.fields)).collect();
        let held = |n: &DocNumber| {
            let canonical = n.canonical();
            searchers.iter().any(|(searcher, f)| {
                [f.docnum, f.cites].into_iter().any(|field| {
                    searcher
                        .doc_freq(&Term::from_field_text(field, &canonical))
                        .is_ok_and(|k| k > 0)
                })
            })
        };
        for list in [&mut parsed.numbers, &mut parsed.excluded_numbers] {
            for n in list.iter_mut() {
                if !held(n) {
                    if let Some(r) = n.readings().into_iter().find(|r| held(r)) {
                        *n = r;
                    }
                }
            }
            let mut seen = HashSet::new();
            list.retain(|n| seen.insert(n.canonical()));
        }
    }

    fn run(&self, plan: &Plan, scope: Scope, started: Instant) -> Result<SearchResponse, QueryError> {
        let mut all_hits: Vec<(f32, i64, u64, usize, DocAddress)> = Vec::new();
        let mut total = 0usize;
        let mut facets = FacetCounts::default();
        let mut understood = Understood::default();
        let sides = self.sides(scope);
        let searchers: Vec<Searcher> = sides.iter().map(|s| s.reader.searcher()).collect();
        let want = plan.offset + plan.limit;
        // The documents later ones repeal read repealed in the hits, the status facet and its
        // filter, whatever their records say (`cite::repeals`, once per generation).
        let view = crate::lookup::View::of(
            sides
                .iter()
                .zip(&searchers)
                .map(|(s, r)| (r.clone(), s.fields.clone(), s.stores.clone()))
                .collect(),
        );
        let repeals = crate::cite::repeals(self, &view)?;
        for (k, (side, searcher)) in sides.iter().zip(&searchers).enumerate() {
            // Facet filters are checked by the collector (disjunctive facets in one pass).
            let mut facet_filters = plan.filters.facet_filters();
            let built = self.build(side, searcher, plan, &facet_filters.fields());
            let repealed = repeals.docs.get(k).cloned().unwrap_or_default();
            if k == 0 {
                understood = built.understood.clone();
            }
            if let Some(v) = &facet_filters.issuer {
                if !searcher
                    .doc_freq(&Term::from_field_text(side.fields.issuer, v))
                    .is_ok_and(|n| n > 0)
                {
                    facet_filters.issuer_any = issuers_holding(searcher, side.fields.issuer, v);
                    if k == 0 {
                        understood.issuers = facet_filters.issuer_any.clone();
                    }
                }
            }
            let query = built.query;
            let (top, count, counts) = match plan.sort {
                // Every ordering ends with the id key, so equal scores and dates come out in
                // the same order whatever the segment layout.
                Sort::Relevance => {
                    let collector = Disjunctive {
                        inner: (
                            TopRanked {
                                limit: want.max(1),
                                order: side.orders.clone(),
                            },
                            Count,
                        ),
                        filters: facet_filters,
                        tables: side.tables.clone(),
                        repealed: repealed.clone(),
                    };
                    let ((top, count), counts) = searcher
                        .search_with_statistics_provider(&query, &collector, &side.stats.of(searcher))
                        .map_err(|e| QueryError::Internal(format!("search: {e}")))?;
                    (
                        top.into_iter().map(|((s, d, h), a)| (s, d, h, a)).collect::<Vec<_>>(),
                        count,
                        counts,
                    )
                }
                Sort::Date | Sort::DateAsc => {
                    let newest = plan.sort == Sort::Date;
                    let orders = side.orders.clone();
                    let top = TopDocs::with_limit(want.max(1)).tweak_score(move |seg: &tantivy::SegmentReader| {
                        let order = order_of(&orders, seg);
                        move |doc, _score: f32| {
                            let (d, h) = (order.day(doc), order.key(doc));
                            if newest {
                                (d, h)
                            } else {
                                // Oldest first, the undated after every dated one, equal
                                // dates by id key (as the page is sorted below).
                                (if d == NO_DAY { i64::MIN } else { -d }, u64::MAX - h)
                            }
                        }
                    });
                    let collector = Disjunctive {
                        inner: (top, Count),
                        filters: facet_filters,
                        tables: side.tables.clone(),
                        repealed: repealed.clone(),
                    };
                    let ((top, count), counts) = searcher
                        .search_with_statistics_provider(&query, &collector, &side.stats.of(searcher))
                        .map_err(|e| QueryError::Internal(format!("search: {e}")))?;
                    let top = top
                        .into_iter()
                        .map(|((d, h), a)| {
                            if newest {
                                (0.0, d, h, a)
                            } else {
                                (0.0, if d == i64::MIN { NO_DAY } else { -d }, u64::MAX - h, a)
                            }
                        })
                        .collect::<Vec<_>>();
                    (top, count, counts)
                }
            };
            total += count;
            facets.merge(counts);
            all_hits.extend(top.into_iter().map(|(s, d, h, a)| (s, d, h, k, a)));
        }
        type Hit5 = (f32, i64, u64, usize, DocAddress);
        let order: fn(&Hit5, &Hit5) -> std::cmp::Ordering = match plan.sort {
            Sort::Relevance => |a, b| b.0.total_cmp(&a.0).then(b.1.cmp(&a.1)).then(b.2.cmp(&a.2)),
            Sort::Date => |a, b| (b.1, b.2).cmp(&(a.1, a.2)),
            // The order the collector chose them in (a page must be a slice of one order).
            Sort::DateAsc => |a, b| (a.1 == NO_DAY, a.1, a.2).cmp(&(b.1 == NO_DAY, b.1, b.2)),
        };
        let all_hits = page(all_hits, plan.offset, plan.limit, order);
        let needles = self.needles(&plan.parsed);
        let prepared = snippet::prepare(&needles);
        let mut hits = Vec::with_capacity(plan.limit);
        for (score, _, _, k, addr) in all_hits {
            hits.push(self.load_hit(sides[k], &searchers[k], addr, score, &prepared)?);
        }
        crate::cite::complete_hits(&mut hits, &repeals);
        Ok(SearchResponse {
            total,
            took_ms: started.elapsed().as_secs_f64() * 1000.0,
            hits,
            facets: facets.into_map(),
            understood,
        })
    }

    fn needles(&self, p: &ParsedQuery) -> Vec<String> {
        let mut n: Vec<String> = Vec::new();
        for num in &p.numbers {
            n.push(num.canonical());
            n.push(num.printed().to_string());
        }
        n.extend(p.phrases.iter().cloned());
        // A phrase's pieces between marks too: a document matches a phrase whatever mark
        // stands between its pieces (`提起诉讼，逾期` for "提起诉讼。逾"), or a wrapped line.
        for phrase in &p.phrases {
            let pieces: Vec<&str> = phrase
                .split(|c: char| !c.is_alphanumeric())
                .filter(|x| !x.is_empty())
                .collect();
            if pieces.len() > 1 {
                n.extend(pieces.into_iter().filter(|x| x.chars().count() > 1).map(str::to_string));
            }
        }
        // Each chunk's words as they are searched: a number with its unit whole (`500元`, not
        // every `元`), a function word only when the chunk has nothing else (`条例的` lights
        // 条例, not every 的), a word's parts not on their own. See (QA search pass, sixteenth
        // session): 48% of the highlights of `500元` and 65% of those of `条例的` were on
        // other amounts and on lone 的.
        let searched: Vec<String> = p.text.split_whitespace().map(searched_chunk).collect();
        for chunk in &searched {
            let (main, _) = split_words(chunk);
            let main = glue_units(chunk, main);
            let content = main.iter().any(|w| !is_function_word(w));
            n.extend(main.into_iter().filter(|w| !content || !is_function_word(w)));
            n.push(chunk.clone());
        }
        // A pasted passage's pieces between marks, as a phrase's: the window goes where the
        // passage is (a piece weighs its length squared), whatever marks the text has between
        // them. See (QA search pass, fourteenth session): the snippet of a passage's source
        // missed the passage 24% of the time, drawn to scattered words such as 的 and 和.
        for chunk in p.text.split_whitespace() {
            let pieces: Vec<&str> = chunk
                .split(|c: char| !c.is_alphanumeric())
                .filter(|x| x.chars().count() >= 4)
                .collect();
            if pieces.len() > 1 || pieces.first().is_some_and(|x| x.len() < chunk.len()) {
                n.extend(pieces.into_iter().map(str::to_string));
            }
        }
        // What a synonym matched (发展改革委 for 发改委). See (QA): such hits showed no
        // highlight at all.
        for chunk in &searched {
            for (_, alt) in self.synonyms.expand_found(chunk) {
                n.extend(alt);
            }
        }
        // As the analyzer reads them: `營商環境` highlights 营商环境.
        for needle in &mut n {
            if let std::borrow::Cow::Owned(s) = gongwen_schema::hanzi::simplify(needle) {
                *needle = s;
            }
        }
        n
    }

    /// One hit: its record (the parts a hit shows) and a snippet of its stored body.
    /// Read raw ([`RawDoc`]): the metadata is validated and parsed, the body only where the
    /// snippet's window falls.
    fn load_hit(
        &self,
        side: &Side,
        searcher: &Searcher,
        addr: DocAddress,
        score: f32,
        needles: &snippet::Needles,
    ) -> Result<Hit, QueryError> {
        let store = side.store(searcher, addr)?;
        let raw = RawDoc::read(&store, addr.doc_id).map_err(stored_error)?;
        // The small hit record (schema 6), read from its bytes: serde validates the UTF-8 of
        // the strings it keeps.
        let hit = raw
            .bytes(side.fields.hit)
            .ok_or_else(|| QueryError::Internal("stored record without its hit record".into()))?;
        let rec: HitRecord =
            serde_json::from_slice(hit).map_err(|e| QueryError::Internal(format!("stored record: {e}")))?;
        let body = raw.bytes(side.fields.body_grams).unwrap_or_default();
        Ok(make_hit(rec, body, score, needles))
    }

    fn load(&self, side: &Side, searcher: &Searcher, addr: DocAddress) -> Result<Document, QueryError> {
        read_document(&side.stores, &side.fields, searcher, addr)
    }

    /// The document with this id.
    pub fn document(&self, id: &str, scope: Scope) -> Result<Option<Document>, QueryError> {
        // Ids are stored trimmed (see `delete_ids`).
        let id = id.trim();
        for side in self.sides(scope) {
            let searcher = side.reader.searcher();
            let q = TermQuery::new(Term::from_field_text(side.fields.id, id), IndexRecordOption::Basic);
            let top = searcher
                .search(&q, &TopDocs::with_limit(1).order_by_score())
                .map_err(|e| QueryError::Internal(e.to_string()))?;
            if let Some((_, addr)) = top.first() {
                return self.load(side, &searcher, *addr).map(Some);
            }
        }
        Ok(None)
    }

    /// Documents carrying exactly this document number; when none does, those of its first
    /// reading without an organ's name or other words before the code that some document
    /// carries (`国务院办公厅国办发〔2018〕59号` and `请问国办发〔2018〕59号` find
    /// `国办发〔2018〕59号`; [`DocNumber::readings`]).
    pub fn by_number(&self, number: &DocNumber, scope: Scope) -> Result<Vec<Document>, QueryError> {
        Ok(self.by_typed_number(number, scope)?.1)
    }

    /// [`Engine::by_number`], with the reading the documents carry (`number` itself when
    /// none does): what a look-up answers as the canonical number. See (QA numbers pass,
    /// seventeenth session): `请问国发〔2010〕10号` found 国发〔2010〕10号 and answered
    /// `canonical: 请问国发〔2010〕10号`.
    pub fn by_typed_number(&self, number: &DocNumber, scope: Scope) -> Result<(DocNumber, Vec<Document>), QueryError> {
        let (n, mut docs) = crate::lookup::first_found(number, number.readings(), |n| {
            self.by_term(scope, |f| Term::from_field_text(f.docnum, &n.canonical()), 100)
        })?;
        // The document as published before its gazette reprint (newest first else).
        docs.sort_by_key(|d| d.gazette.is_some());
        Ok((n, docs))
    }

    /// Documents whose normalised title equals `title`'s.
    pub fn by_title(&self, title: &str, scope: Scope) -> Result<Vec<Document>, QueryError> {
        let norm = normalize_title(title);
        if norm.is_empty() {
            return Ok(Vec::new());
        }
        self.by_term(scope, |f| Term::from_field_text(f.title_exact, &norm), 20)
    }

    fn by_term(&self, scope: Scope, term: impl Fn(&Fields) -> Term, limit: usize) -> Result<Vec<Document>, QueryError> {
        let mut out = Vec::new();
        for side in self.sides(scope) {
            let searcher = side.reader.searcher();
            let q = TermQuery::new(term(&side.fields), IndexRecordOption::Basic);
            // Newest first, ties by id key (independent of segment layout).
            let orders = side.orders.clone();
            let top = TopDocs::with_limit(limit).tweak_score(move |seg: &tantivy::SegmentReader| {
                let order = order_of(&orders, seg);
                move |doc, _score: f32| (order.day(doc), order.key(doc))
            });
            let top = searcher
                .search(&q, &top)
                .map_err(|e| QueryError::Internal(e.to_string()))?;
            for (_, addr) in top {
                out.push(self.load(side, &searcher, addr)?);
            }
        }
        Ok(out)
    }

    /// Completions for a search box: document numbers by prefix, titles containing the text.
    pub fn suggest(&self, q: &str, limit: usize, scope: Scope) -> Result<Vec<Suggestion>, QueryError> {
        let q = q.trim();
        // `limit=0` asks for none, as a search's does (it gave one).
        let limit = limit.min(20);
        if limit == 0 || q.is_empty() || q.chars().count() > self.limits.max_query_chars {
            return Ok(Vec::new());
        }
        let mut out: Vec<Suggestion> = Vec::new();
        let mut seen = HashSet::new();
        // Document numbers by prefix of the canonical spelling: 第 only in a decree's
        // (`国务院令第7`; a bracketed number's serial has none: `国办发〔2018〕第5`), the
        // state's name before a decree's issuer left out as the canonical leaves it.
        // See (QA): a decree number stopped being suggested once a digit was typed.
        let folded: Vec<char> = q
            .chars()
            .filter(|c| !c.is_whitespace())
            .map(gongwen_schema::fold_char)
            .collect();
        let mut prefix = String::new();
        for (i, c) in folded.iter().enumerate() {
            if *c != '第' || (i > 0 && matches!(folded[i - 1], '令' | '告')) {
                prefix.push(*c);
            }
        }
        let prefix = prefix.trim_end_matches('号');
        let prefix = match prefix.strip_prefix("中华人民共和国") {
            Some(rest) if rest.contains(['令', '告']) => rest,
            _ => prefix,
        }
        .to_string();
        if prefix.chars().next().is_some_and(|c| !c.is_ascii()) {
            // The numbers that begin so, in their order (国发〔2019〕3号 before 15号: the term
            // dictionary's order is the text's), a bounded number of them read.
            let mut numbers: Vec<DocNumber> = Vec::new();
            for side in self.sides(scope) {
                let searcher = side.reader.searcher();
                for seg in searcher.segment_readers() {
                    let Ok(inv) = seg.inverted_index(side.fields.docnum) else {
                        continue;
                    };
                    let Ok(mut stream) = inv.terms().range().ge(prefix.as_bytes()).into_stream() else {
                        continue;
                    };
                    let mut read = 0;
                    while read < SUGGEST_NUMBERS && stream.advance() {
                        let Ok(term) = std::str::from_utf8(stream.key()) else {
                            break;
                        };
                        if !term.starts_with(&prefix) {
                            break;
                        }
                        read += 1;
                        if let Ok(n) = DocNumber::parse(term) {
                            numbers.push(n);
                        }
                    }
                }
            }
            numbers.sort_by(|a, b| (a.issuer(), a.year(), a.serial()).cmp(&(b.issuer(), b.year(), b.serial())));
            numbers.dedup();
            for n in numbers {
                if out.len() >= limit {
                    break;
                }
                if let Some(doc) = self.by_number(&n, scope)?.into_iter().next() {
                    if seen.insert(doc.id.clone()) {
                        out.push(Suggestion {
                            text: n.canonical(),
                            kind: "doc_number",
                            id: doc.id,
                        });
                    }
                }
            }
        }
        // Titles containing the text (bigram phrase), best first.
        let grams = analyzer::query_grams(q);
        if !grams.is_empty() && out.len() < limit {
            for side in self.sides(scope) {
                let searcher = side.reader.searcher();
                let query = gram_query(side.fields.title_grams, &grams);
                // Ties broken by the id key, so suggestions do not depend on segment layout.
                let orders = side.orders.clone();
                let top = TopDocs::with_limit(limit * 2).tweak_score(move |seg: &tantivy::SegmentReader| {
                    let order = order_of(&orders, seg);
                    move |doc, score: f32| (score, order.key(doc))
                });
                let top = searcher
                    .search(&query, &top)
                    .map_err(|e| QueryError::Internal(e.to_string()))?;
                for (_, addr) in top {
                    let doc = self.load(side, &searcher, addr)?;
                    if out.len() < limit && seen.insert(doc.id.clone()) {
                        out.push(Suggestion {
                            text: doc.title,
                            kind: "title",
                            id: doc.id,
                        });
                    }
                }
            }
        }
        Ok(out)
    }

    /// Build the tantivy query of a plan for one side; `without` leaves those facets' filters out.
    /// One chunk of free text (no whitespace): the alternatives that match it, each scored;
    /// `scoring` receives clauses that only add to the score (sub-words, in titles).
    /// `None` when the chunk holds nothing searchable.
    fn chunk_query(
        &self,
        f: &Fields,
        chunk: &str,
        scoring: &mut Vec<Box<dyn Query>>,
        understood: &mut Understood,
        (lazy, relaxed): (bool, bool),
        words: &mut Vec<String>,
    ) -> Option<Box<dyn Query>> {
        let chunk = &searched_chunk(chunk);
        let (main, mut sub) = split_words(chunk);
        let main = glue_units(chunk, main);
        let mut alts: Vec<(Occur, Box<dyn Query>)> = Vec::new();
        let mut required: Vec<&String> = main.iter().filter(|w| !single_ideograph(w)).collect();
        // A question's words (怎么, 如何, 什么) are asked of no document: beside other words
        // they only score, in the title. See (QA): `公积金怎么转移` found one off-topic
        // document, `公积金 转移` 187.
        if required.iter().any(|w| is_question_word(w)) && required.iter().any(|w| !is_question_word(w)) {
            sub.extend(required.iter().filter(|w| is_question_word(w)).map(|w| (*w).clone()));
            required.retain(|w| !is_question_word(w));
        }
        let singles: Vec<&String> = main.iter().filter(|w| single_ideograph(w)).collect();
        // A short query's one-character words are asked for too (`住房税`: 税), unless they
        // are function words (的, 和, 与) or the chunk is a pasted passage, where its exact
        // fragment and its longer words decide. See (QA relevance pass): `住房 税` found
        // what `住房` found, six of its first ten without 税.
        let words_required = required.len();
        if words_required > 0 && main.len() <= SHORT_QUERY_WORDS {
            required.extend(singles.iter().filter(|w| !is_function_word(w)));
        }
        // A chunk that is one word (its bigrams are the chunk's): the word's body phrase is the
        // chunk's exact-fragment phrase too; it is evaluated once, with both weights.
        let grams = analyzer::query_grams(chunk);
        let one_word = grams.len() >= 2
            && required.len() == 1
            && analyzer::query_grams(required[0])
                .iter()
                .map(|g| &g.text)
                .eq(grams.iter().map(|g| &g.text));
        // The longer the chunk, the likelier it is a pasted passage whose exact occurrence
        // should outweigh scattered word matches.
        let passage = (2.0 + 0.5 * grams.len() as f32).min(7.0);
        // Characters jieba leaves single though they stand together (京市): the run as typed,
        // like one word, not any of its characters (each of which expands to hundreds of
        // bigrams and matches nearly everything).
        let single_run = words_required == 0
            && singles.len() >= 2
            && grams
                .iter()
                .any(|g| g.text.chars().count() == 2 && !g.text.starts_with(analyzer::RUN_END));
        if one_word {
            alts.push((Occur::Should, word_clause_weighted(f, required[0], 1.0 + passage, lazy)));
        } else if single_run {
            alts.push((Occur::Should, word_clause_weighted(f, chunk, 1.0 + passage, lazy)));
        } else if !required.is_empty() {
            // One-character words beside longer ones (的, 和, 与…) add nothing worth their
            // cost: in the body each expands to hundreds of bigrams.
            let all = required.iter().map(|w| (Occur::Must, word_clause(f, w))).collect();
            alts.push((Occur::Should, all_or_half(all, relaxed)));
        } else if !singles.is_empty() {
            // Only one-character words (a query such as 税): any of them.
            let any = singles.iter().map(|w| (Occur::Should, word_clause(f, w))).collect();
            alts.push((Occur::Should, Box::new(BooleanQuery::new(any))));
        }
        // Sub-words score in the title only: in the body, a document holding the word holds its
        // sub-words too, and their bigram phrases (中华, 人民, 共和国 inside 中华人民共和国)
        // were the slowest clauses of all.
        for w in &sub {
            scoring.push(boost(term(f.title, w), 3.0));
        }
        // A title that holds every word of the chunk (二孩、…家庭…购房补贴) above titles that
        // hold some (购房补贴 alone), whatever their lengths. See (QA): the one title holding
        // every word of `二孩家庭购房补贴` ranked seventh (third with this). Weighted 1.5: at
        // 3.0 two more of the relevance test's 300 pasted fragments lost their first place.
        if required.len() >= 2 {
            let all = required
                .iter()
                .filter_map(|w| word_query(f.title_grams, w).map(|q| (Occur::Must, q)))
                .collect();
            scoring.push(boost(Box::new(BooleanQuery::new(all)), 1.5));
        }
        words.extend(required.iter().map(|w| (*w).clone()));
        if grams.len() >= 2 {
            alts.push((Occur::Should, boost(gram_query(f.title_grams, &grams), 8.0)));
            if !one_word && !single_run {
                alts.push((Occur::Should, boost(gram_query(f.body_grams, &grams), passage)));
            }
        }
        for (found, alt) in self.synonyms.expand_found(chunk) {
            understood.synonyms.push(alt.join("、"));
            let mut parts: Vec<(Occur, Box<dyn Query>)> = Vec::new();
            for phrase in &alt {
                let grams = analyzer::query_grams(phrase);
                if !grams.is_empty() {
                    parts.push((
                        Occur::Must,
                        Box::new(BooleanQuery::new(vec![
                            (Occur::Should, boost(gram_query(f.title_grams, &grams), 3.0)),
                            (Occur::Should, gram_query(f.body_grams, &grams)),
                        ])),
                    ));
                }
            }
            // The rest of the chunk is still asked for.
            let rest = chunk.replace(found.as_str(), " ");
            for piece in rest.split_whitespace() {
                for w in split_words(piece).0.iter().filter(|w| !single_ideograph(w)) {
                    parts.push((Occur::Must, word_clause(f, w)));
                }
            }
            if !parts.is_empty() {
                alts.push((Occur::Should, Box::new(BooleanQuery::new(parts))));
            }
        }
        (!alts.is_empty()).then(|| union(alts.into_iter().map(|(_, q)| q).collect(), lazy))
    }

    fn build(&self, side: &Side, searcher: &Searcher, plan: &Plan, without: &[FacetField]) -> Built {
        let f = &side.fields;
        let p = &plan.parsed;
        let mut must: Vec<Box<dyn Query>> = Vec::new();
        let mut should: Vec<Box<dyn Query>> = Vec::new();
        let mut must_not: Vec<Box<dyn Query>> = Vec::new();
        let mut understood = Understood {
            relaxed: plan.relaxed,
            ignored: p.ignored.clone(),
            doc_numbers: p.numbers.iter().map(|n| n.canonical()).collect(),
            phrases: p.phrases.clone(),
            excluded: p
                .excluded
                .iter()
                .cloned()
                .chain(p.excluded_numbers.iter().map(|n| n.canonical()))
                .collect(),
            ..Understood::default()
        };
        // Document numbers: the document itself far above anything, then documents whose title
        // carries the number (a page titled 《…的通知（京政办发[2019]3号）》 that gave no number
        // of its own, or one about that document), then documents citing it. Titles keep a
        // number whole, in its canonical spelling, as one word. With other words beside them
        // (`根据沪交建〔2023〕884号文件精神`), the numbers' own documents are found whatever
        // the words, and the others must carry or cite every number and match the rest (see
        // the end).
        let mut numbered: Vec<(Occur, Box<dyn Query>)> = Vec::new();
        let mut own: Vec<(Occur, Box<dyn Query>)> = Vec::new();
        let mut each_number: Vec<(Occur, Box<dyn Query>)> = Vec::new();
        for n in &p.numbers {
            // A number no document carries may have an organ's name before its code: the
            // first reading without it that one does stands for it.
            let found = |n: &DocNumber| {
                searcher
                    .doc_freq(&Term::from_field_text(f.docnum, &n.canonical()))
                    .unwrap_or(0)
                    > 0
            };
            let n = if found(n) {
                n.clone()
            } else {
                n.without_organ().into_iter().find(found).unwrap_or_else(|| n.clone())
            };
            numbered.push((Occur::Should, boost(term(f.docnum, &n.canonical()), 200.0)));
            // The document as published before its reprint in a gazette issue, as `check`
            // shows it. See (QA numbers pass, sixteenth session): the reprint came first for
            // half the numbers held twice.
            numbered.push((
                Occur::Should,
                boost(
                    Box::new(BooleanQuery::new(vec![
                        (Occur::Must, term(f.docnum, &n.canonical())),
                        (Occur::MustNot, gazette_article()),
                    ])),
                    5.0,
                ),
            ));
            numbered.push((Occur::Should, boost(term(f.title, &n.canonical()), 20.0)));
            numbered.push((Occur::Should, boost(term(f.cites, &n.canonical()), 4.0)));
            own.push((Occur::Should, term(f.docnum, &n.canonical())));
            each_number.push((
                Occur::Must,
                Box::new(BooleanQuery::new(
                    [f.docnum, f.title, f.cites]
                        .into_iter()
                        .map(|field| (Occur::Should, term(field, &n.canonical())))
                        .collect(),
                )),
            ));
        }
        // Partial numbers: an issuer code known to the index restricts the results to it.
        let mut text = p.text.clone();
        for (chunk, partial) in &p.partials {
            let code = Term::from_field_text(f.docnum_issuer, &partial.issuer);
            if searcher.doc_freq(&code).unwrap_or(0) == 0 {
                continue;
            }
            let mut parts: Vec<(Occur, Box<dyn Query>)> = vec![(Occur::Must, term_q(code))];
            let mut label = partial.issuer.clone();
            if let Some(y) = partial.year {
                parts.push((Occur::Must, u64_range(f.docnum_year, y.into(), y.into())));
                label.push_str(&format!("〔{y}〕"));
            }
            // The documents so numbered first, then those citing such a number (their
            // canonical spellings begin so). See (QA): `青府办发〔2015〕` found nothing, while
            // a document cites 青府办发〔2015〕41号.
            let prefixes = match partial.year {
                Some(y) => vec![format!("{}〔{y}〕", partial.issuer)],
                None => vec![format!("{}〔", partial.issuer), format!("{}第", partial.issuer)],
            };
            let mut either: Vec<(Occur, Box<dyn Query>)> =
                vec![(Occur::Should, boost(Box::new(BooleanQuery::new(parts)), 4.0))];
            for prefix in prefixes {
                either.push((
                    Occur::Should,
                    Box::new(RangeQuery::new(
                        Bound::Included(Term::from_field_text(f.cites, &prefix)),
                        Bound::Excluded(Term::from_field_text(f.cites, &format!("{prefix}{}", char::MAX))),
                    )),
                ));
            }
            must.push(Box::new(BooleanQuery::new(either)));
            understood.partial_numbers.push(label);
            text = text.replace(chunk.as_str(), " ");
        }
        // Quoted phrases: exact substrings (bigram phrases), in title or body.
        for phrase in &p.phrases {
            let grams = analyzer::query_grams(phrase);
            if grams.is_empty() {
                continue;
            }
            let mut alternatives: Vec<(Occur, Box<dyn Query>)> = vec![
                (Occur::Should, boost(gram_query(f.title_grams, &grams), 4.0)),
                (Occur::Should, gram_query(f.body_grams, &grams)),
            ];
            // A space typed between two ideographs (`"外挂 脚本"`): the text may have none.
            // See (QA search pass, fifteenth session): such a phrase found nothing 99 times of
            // 100.
            if let Some(joined) = without_spaces_between_ideographs(phrase) {
                let grams = analyzer::query_grams(&joined);
                alternatives.push((Occur::Should, boost(gram_query(f.title_grams, &grams), 4.0)));
                alternatives.push((Occur::Should, gram_query(f.body_grams, &grams)));
            }
            must.push(Box::new(BooleanQuery::new(alternatives)));
            // A quoted title is the document's as an unquoted one is. See (QA):
            // `"优化营商环境条例"` put the regulation seventh, first without the quotes.
            let norm = normalize_title(phrase);
            if !norm.is_empty() {
                should.push(exact_title(f, &norm));
            }
        }
        // Filters (built first: whether the free text is intersected depends on them).
        let flt = &plan.filters;
        let mut filters: Vec<Box<dyn Query>> = Vec::new();
        let keep = |field: FacetField| !without.contains(&field);
        if let (Some(v), true) = (&flt.issuer, keep(FacetField::Issuer)) {
            filters.push(term_q(Term::from_field_text(f.issuer, v)));
        }
        if let (Some(v), true) = (&flt.kind, keep(FacetField::Kind)) {
            filters.push(term_q(Term::from_field_text(f.kind, v)));
        }
        if let (Some(v), true) = (&flt.status, keep(FacetField::Status)) {
            filters.push(term_q(Term::from_field_text(f.status, v)));
        }
        if let (Some((a, b)), true) = (flt.year, keep(FacetField::Year)) {
            filters.push(u64_range(f.year, a, b));
        }
        if flt.from.is_some() || flt.to.is_some() {
            let bound = |d: Option<i64>| match d {
                Some(d) => Bound::Included(Term::from_field_date(
                    f.sort_date,
                    DateTime::from_timestamp_secs(d * 86_400),
                )),
                None => Bound::Unbounded,
            };
            let range: Box<dyn Query> = Box::new(RangeQuery::new(bound(flt.from), bound(flt.to)));
            // A document dated only by its year sorts on its 1 January: it is in a range of
            // days only when the range holds its whole year. See (QA staff pass):
            // `from=2018-01-01&to=2018-01-01` gave 130 documents of no known day.
            let day_of = |d: i64| gongwen_schema::Date::from_days_since_epoch(d);
            let first_year = flt.from.and_then(day_of).map(|d| {
                if (d.month, d.day) == (1, 1) {
                    u64::from(d.year)
                } else {
                    u64::from(d.year) + 1
                }
            });
            let last_year = flt.to.and_then(day_of).map(|d| {
                if (d.month, d.day) == (12, 31) {
                    u64::from(d.year)
                } else {
                    u64::from(d.year).saturating_sub(1)
                }
            });
            let mut dated: Vec<(Occur, Box<dyn Query>)> = vec![
                (
                    Occur::Should,
                    Box::new(tantivy::query::ExistsQuery::new("written".into(), false)),
                ),
                (
                    Occur::Should,
                    Box::new(tantivy::query::ExistsQuery::new("published".into(), false)),
                ),
            ];
            let (a, b) = (first_year.unwrap_or(0), last_year.unwrap_or(u64::from(u16::MAX)));
            if a <= b {
                dated.push((Occur::Should, u64_range(f.year, a, b)));
            }
            filters.push(Box::new(BooleanQuery::new(vec![
                (Occur::Must, range),
                (Occur::Must, Box::new(BooleanQuery::new(dated))),
            ])));
        }
        if let Some(v) = &flt.docnum_issuer {
            filters.push(term_q(Term::from_field_text(f.docnum_issuer, v)));
        }
        if let Some(y) = flt.docnum_year {
            filters.push(u64_range(f.docnum_year, y, y));
        }
        if let Some(v) = &flt.topic {
            filters.push(term_q(Term::from_field_text(f.topic, v)));
        }
        if let Some(v) = &flt.gazette {
            filters.push(term_q(Term::from_field_text(f.gazette_issue, v)));
        }
        if flt.gazette_articles {
            filters.push(Box::new(BooleanQuery::new(vec![
                (Occur::Should, term(f.kind, Kind::Gazette.as_str())),
                (Occur::Should, gazette_article()),
            ])));
        }
        // Free text: every chunk (whitespace-separated) is required, as all its words (each in
        // the title or the body), or as an exact fragment, or through a synonym; the whole text
        // as an exact title is an alternative to all of it. Sub-words and one-character words
        // only add to the score. Requiring the words keeps the match set (totals, facets) to
        // documents about the query and lets the engine intersect instead of unite.
        let text = text.trim();
        if !text.is_empty() {
            let mut scoring: Vec<Box<dyn Query>> = Vec::new();
            let mut chunks: Vec<(Occur, Box<dyn Query>)> = Vec::new();
            // Alone, a chunk's matches are all visited anyway and tantivy's buffered union
            // is the faster; beside other required clauses the lazy union lets them lead.
            let lazy = text.split_whitespace().nth(1).is_some() || !must.is_empty() || !filters.is_empty();
            // A chunk of question words only (`怎么 提取 公积金`) asks nothing of the others.
            let asks = |c: &str| {
                !split_words(c)
                    .0
                    .iter()
                    .all(|w| is_question_word(w) || is_function_word(w))
            };
            let any_asks = text.split_whitespace().any(asks);
            let kept: Vec<&str> = text.split_whitespace().filter(|c| !any_asks || asks(c)).collect();
            // Every chunk's required words, for the bonus of a title holding all of them.
            let mut words: Vec<String> = Vec::new();
            let mut k = 0;
            while k < kept.len() {
                let chunk = kept[k];
                let Some(q) = self.chunk_query(
                    f,
                    chunk,
                    &mut scoring,
                    &mut understood,
                    (lazy, plan.relaxed),
                    &mut words,
                ) else {
                    understood.ignored.push(chunk.to_string());
                    k += 1;
                    continue;
                };
                // A code typed with its space (`PM 2.5`, `GB 3096-2008`, `ISO 9001`): either
                // both pieces, or the code as the text writes it, without the space. See (QA
                // relevance pass): `PM 2.5` missed all 25 documents holding PM2.5.
                if let Some(next) = kept.get(k + 1).filter(|n| is_code_tail(chunk, n)) {
                    let joined = format!("{chunk}{next}");
                    let mut ignored = Understood::default();
                    let tail =
                        self.chunk_query(f, next, &mut Vec::new(), &mut ignored, (lazy, plan.relaxed), &mut words);
                    let whole = self.chunk_query(
                        f,
                        &joined,
                        &mut Vec::new(),
                        &mut ignored,
                        (lazy, plan.relaxed),
                        &mut Vec::new(),
                    );
                    if let (Some(tail), Some(whole)) = (tail, whole) {
                        let both: Box<dyn Query> =
                            Box::new(BooleanQuery::new(vec![(Occur::Must, q), (Occur::Must, tail)]));
                        chunks.push((Occur::Must, union(vec![both, whole], lazy)));
                        k += 2;
                        continue;
                    }
                }
                chunks.push((Occur::Must, q));
                k += 1;
            }
            // A title holding every word of every chunk (`优化 青岛市`: 青岛市优化营商环境条例)
            // above titles holding one, as within a chunk. See (QA relevance pass): typed as
            // separate words, such a title ranked 11th, below 青岛市城市绿化条例.
            words.sort();
            words.dedup();
            if chunks.len() >= 2 && words.len() >= 2 {
                let all = words
                    .iter()
                    .filter_map(|w| word_query(f.title_grams, w).map(|q| (Occur::Must, q)))
                    .collect();
                scoring.push(boost(Box::new(BooleanQuery::new(all)), title_bonus(words.len())));
            }
            let mut alts: Vec<(Occur, Box<dyn Query>)> = Vec::new();
            if !chunks.is_empty() {
                alts.push((Occur::Should, all_or_half(chunks, plan.relaxed)));
            }
            let norm = normalize_title(text);
            if !norm.is_empty() {
                alts.push((Occur::Should, exact_title(f, &norm)));
            }
            if !alts.is_empty() {
                must.push(Box::new(BooleanQuery::new(alts)));
                should.extend(scoring);
            }
        }
        for word in &p.excluded {
            let grams = analyzer::query_grams(word);
            if !grams.is_empty() {
                must_not.push(gram_query(f.title_grams, &grams));
                must_not.push(gram_query(f.body_grams, &grams));
            }
        }
        // An excluded number: every document the number alone would find (those it numbers,
        // those whose title or text cites it), so that `X` and `-X` split the index.
        for n in &p.excluded_numbers {
            for field in [f.docnum, f.title, f.cites] {
                must_not.push(term(field, &n.canonical()));
            }
        }
        if !numbered.is_empty() {
            let numbers: Box<dyn Query> = Box::new(BooleanQuery::new(numbered));
            must = if must.is_empty() {
                vec![numbers]
            } else {
                let rest: Box<dyn Query> = Box::new(BooleanQuery::new(
                    std::mem::take(&mut must)
                        .into_iter()
                        .map(|q| (Occur::Must, q))
                        .collect(),
                ));
                if plan.relaxed {
                    // Nothing had them all: the numbers' documents, or the rest.
                    vec![Box::new(BooleanQuery::new(vec![
                        (Occur::Should, numbers),
                        (Occur::Should, rest),
                    ]))]
                } else {
                    // The numbers' own documents whatever the words (a sentence pasted around
                    // a number names its document), or the documents carrying or citing every
                    // number and matching the rest; the numbers' scores rank both. See (QA
                    // search pass, fourteenth session): with the rest optional, `银发〔2024〕2号
                    // 房地产` listed 2,249 documents and none of the 3 citing the number in
                    // its first ten.
                    let cited_and_rest: Box<dyn Query> = Box::new(BooleanQuery::new(vec![
                        (Occur::Must, Box::new(BooleanQuery::new(each_number)) as Box<dyn Query>),
                        (Occur::Must, rest),
                    ]));
                    should.push(numbers);
                    vec![Box::new(BooleanQuery::new(vec![
                        (Occur::Should, Box::new(BooleanQuery::new(own)) as Box<dyn Query>),
                        (Occur::Should, cited_and_rest),
                    ]))]
                }
            };
        }
        let mut clauses: Vec<(Occur, Box<dyn Query>)> = Vec::new();
        let positive = !must.is_empty();
        clauses.extend(must.into_iter().map(|q| (Occur::Must, q)));
        clauses.extend(should.into_iter().map(|q| (Occur::Should, q)));
        clauses.extend(filters.into_iter().map(|q| (Occur::Must, boost(q, 0.0))));
        // One exclusion of their union (`AnyOf`: its seeks only move forward). tantivy's
        // exclusion asks a phrase scorer directly about a document before the one it stands
        // on, which its debug assertion refuses (a query such as `噪声污染 -北京市` failed so
        // in a debug build).
        if !must_not.is_empty() {
            clauses.push((Occur::MustNot, Box::new(AnyOf(must_not))));
        }
        if !positive {
            // No query lists every document; a query of nothing searchable finds none.
            let nothing = !understood.ignored.is_empty() && p.excluded.is_empty() && p.excluded_numbers.is_empty();
            if nothing {
                clauses.push((Occur::Must, Box::new(EmptyQuery)));
            } else {
                clauses.push((Occur::Must, Box::new(AllQuery)));
            }
        }
        Built {
            query: Box::new(BooleanQuery::new(clauses)),
            understood,
        }
    }
}

struct Built {
    query: Box<dyn Query>,
    understood: Understood,
}

impl Filters {
    /// The filters on faceted fields, checked by [`Disjunctive`] instead of the query.
    fn facet_filters(&self) -> FacetFilters {
        FacetFilters {
            issuer: self.issuer.clone(),
            issuer_any: Vec::new(),
            kind: self.kind.clone(),
            status: self.status.clone(),
            year: self.year,
        }
    }
}

fn term(field: tantivy::schema::Field, text: &str) -> Box<dyn Query> {
    term_q(Term::from_field_text(field, text))
}

/// The names of `field` (issuers) in the live segments that hold `part`, each once, sorted.
/// (A filter by a name the index does not hold, such as the county alone or an organ's name
/// without 人民政府, would otherwise find nothing.)
fn issuers_holding(searcher: &Searcher, field: tantivy::schema::Field, part: &str) -> Vec<String> {
    let mut names = std::collections::BTreeSet::new();
    if part.chars().count() < 2 {
        return Vec::new();
    }
    for seg in searcher.segment_readers() {
        let Ok(inv) = seg.inverted_index(field) else { continue };
        let Ok(mut stream) = inv.terms().stream() else { continue };
        while stream.advance() {
            if let Ok(name) = std::str::from_utf8(stream.key()) {
                if name.contains(part) {
                    names.insert(name.to_string());
                }
            }
        }
    }
    names.into_iter().collect()
}

fn term_q(t: Term) -> Box<dyn Query> {
    Box::new(TermQuery::new(t, IndexRecordOption::WithFreqs))
}

fn boost(q: Box<dyn Query>, by: f32) -> Box<dyn Query> {
    Box::new(BoostQuery::new(q, by))
}

fn u64_range(field: tantivy::schema::Field, a: u64, b: u64) -> Box<dyn Query> {
    Box::new(RangeQuery::new(
        Bound::Included(Term::from_field_u64(field, a)),
        Bound::Included(Term::from_field_u64(field, b)),
    ))
}

/// A phrase of bigrams ([`analyzer::query_grams`]: each run but the last followed by its
/// run-end token, so pieces end where their punctuation is), or the single token of a
/// one-character text. A piece of one ideograph between punctuation marks is read by where it
/// stands (see [`analyzer::RUN_END`]): first, it ends a run of the text (`言，传统` in
/// `而言，传统`): its run-end token alone; in the middle, it is a lone character (and its
/// run's end); last, it starts a run (`提起诉讼。逾` in `逾期`): a prefix, right after the
/// run-end token of the piece before; alone, it is any of these.
fn gram_query(field: tantivy::schema::Field, grams: &[analyzer::AnalyzedToken]) -> Box<dyn Query> {
    let lone = |g: &analyzer::AnalyzedToken| single_ideograph(&g.text);
    let term = |g: &analyzer::AnalyzedToken| Term::from_field_text(field, &g.text);
    if let [g] = grams {
        if lone(g) {
            let mut starts = PhrasePrefixQuery::new(vec![term(g)]);
            starts.set_max_expansions(SINGLE_CHAR_EXPANSIONS);
            let ends = TermQuery::new(
                Term::from_field_text(field, &analyzer::run_end(&g.text)),
                IndexRecordOption::WithFreqs,
            );
            return Box::new(BooleanQuery::new(vec![
                (Occur::Should, Box::new(starts)),
                (Occur::Should, Box::new(ends)),
            ]));
        }
    }
    // A first piece of one character: only its run-end (the text's run may start before it).
    let skip = usize::from(grams.len() > 1 && lone(&grams[0]));
    let grams = &grams[skip..];
    let Some((last, rest)) = grams.split_last().filter(|(last, rest)| !rest.is_empty() && lone(last)) else {
        return exact_phrase(&offsets(grams, term));
    };
    let before = &rest[rest.len() - 1];
    if before.text.starts_with(analyzer::RUN_END) {
        // The piece before ends a run: its run-end token stands right before the prefix,
        // where tantivy's phrase-prefix scorer looks for it (it places the prefix right after
        // the phrase's last term, whatever offset it is given).
        let mut q = PhrasePrefixQuery::new_with_offset(offsets(grams, term));
        q.set_max_expansions(PHRASE_TAIL_EXPANSIONS);
        return Box::new(q);
    }
    // After a Latin word or a number (which leave their next position empty), the word and
    // the prefix as a pair, whose offset tantivy does honour, and the whole phrase beside it.
    let mut tail =
        PhrasePrefixQuery::new_with_offset(vec![(0, term(before)), (last.position - before.position, term(last))]);
    tail.set_max_expansions(PHRASE_TAIL_EXPANSIONS);
    if rest.len() == 1 {
        return Box::new(tail);
    }
    Box::new(BooleanQuery::new(vec![
        (Occur::Must, exact_phrase(&offsets(rest, term))),
        (Occur::Must, Box::new(tail)),
    ]))
}

/// Each token's term at its position from the first token's.
pub(crate) fn offsets(
    grams: &[analyzer::AnalyzedToken],
    term: impl Fn(&analyzer::AnalyzedToken) -> Term,
) -> Vec<(usize, Term)> {
    let first = grams.first().map_or(0, |g| g.position);
    grams.iter().map(|g| (g.position - first, term(g))).collect()
}

/// Every one of these required clauses, or (relaxed) at least half of them, rounded up.
fn all_or_half(clauses: Vec<(Occur, Box<dyn Query>)>, relaxed: bool) -> Box<dyn Query> {
    if !relaxed || clauses.len() < 2 {
        return Box::new(BooleanQuery::new(clauses));
    }
    let half = clauses.len().div_ceil(2);
    Box::new(BooleanQuery::with_minimum_required_clauses(
        clauses.into_iter().map(|(_, q)| (Occur::Should, q)).collect(),
        half,
    ))
}

/// The phrase of these terms at their offsets (a term query for one).
pub(crate) fn exact_phrase(terms: &[(usize, Term)]) -> Box<dyn Query> {
    if let [(_, t)] = terms {
        return Box::new(TermQuery::new(t.clone(), IndexRecordOption::WithFreqs));
    }
    // Every bigram, though every other one would fix the same characters: tantivy's phrase
    // scorer first intersects the postings, led by the rarest bigram, and checks positions
    // only where all meet; leaving out the middle bigrams (often the rarest: 理条 in
    // 管理条例) left many more documents to check. Measured (cargo bench --bench query):
    // mixed p99 1.14 / 1.07 ms with half the bigrams, 1.06 / 0.97 with all of them. At 100k
    // generated documents it goes the other way (phrase p99 9.1-9.7 -> 12.0 ms: long position
    // lists for every bigram); choosing the bigrams by document frequency would serve both.
    Box::new(PhraseQuery::new_with_offset(terms.to_vec()))
}

/// The words of a chunk: the main cut (the longest word at each position), then the
/// sub-words search mode adds inside them; each once.
fn split_words(chunk: &str) -> (Vec<String>, Vec<String>) {
    let tokens = analyzer::words(chunk);
    let mut main: Vec<(usize, String)> = Vec::new();
    for t in &tokens {
        match main.iter_mut().find(|(p, _)| *p == t.position) {
            Some(m) if t.text.chars().count() > m.1.chars().count() => m.1 = t.text.clone(),
            Some(_) => {}
            None => main.push((t.position, t.text.clone())),
        }
    }
    let mut seen = HashSet::new();
    let main: Vec<String> = main
        .into_iter()
        .map(|(_, w)| w)
        .filter(|w| seen.insert(w.clone()))
        .collect();
    let sub = tokens
        .into_iter()
        .map(|t| t.text)
        .filter(|w| seen.insert(w.clone()))
        .collect();
    (main, sub)
}

/// The words that make a query a question (`公积金怎么转移`, `如何提取公积金`): no document
/// is about them.
fn is_question_word(w: &str) -> bool {
    matches!(
        w,
        "怎么"
            | "怎样"
            | "怎么样"
            | "怎么办"
            | "如何"
            | "什么"
            | "哪些"
            | "哪个"
            | "哪里"
            | "哪儿"
            | "为什么"
            | "为何"
            | "多少"
            | "多久"
            | "是否"
            | "能否"
            | "可否"
            | "咋办"
            | "啥"
    )
}

/// The weight of a title holding every required word of a query of `words` words typed as
/// separate words: high for a few keywords typed into a search box, low for more. (A chunk
/// typed whole may be a pasted fragment, whose exact text decides: its own bonus stays 1.5;
/// at 4.0 three of the relevance test's 300 pasted fragments lost their first place.)
fn title_bonus(words: usize) -> f32 {
    if words <= 3 {
        TITLE_BONUS_SHORT
    } else {
        1.5
    }
}

/// [`title_bonus`] of a query of two or three words.
const TITLE_BONUS_SHORT: f32 = 4.0;

/// Whether `tail` may be the rest of a code whose letters are `head`, typed with a space
/// between them as standards and pollutants are printed (`GB 3096-2008`, `PM 2.5`): Latin
/// letters, then a chunk of digits (with `.` or `-`).
fn is_code_tail(head: &str, tail: &str) -> bool {
    (1..=5).contains(&head.len())
        && head.chars().all(|c| c.is_ascii_alphabetic())
        && tail.starts_with(|c: char| c.is_ascii_digit())
        && tail
            .chars()
            .all(|c| c.is_ascii_digit() || c == '.' || c == '-' || c == '/')
}

/// Words of at most this many words (after [`split_words`]) are a short query: every word
/// but a function word is required.
const SHORT_QUERY_WORDS: usize = 4;

/// One-character words that carry no subject of their own (的, 和, 与, 在, 对…): they never
/// restrict a query.
fn is_function_word(w: &str) -> bool {
    let mut cs = w.chars();
    let (Some(c), None) = (cs.next(), cs.next()) else {
        return false;
    };
    "的了和与及或在是之对把被从向为等将就也都而并其此该各每这那有于以由给使让着过吗呢啊吧即如若则但又还再已很更最所个不上下中第请我你他她它们要会能可".contains(c)
}

/// A one-character word glued to a number or a Latin word in the chunk (`500元`, `30天`,
/// `A股`, `B超`) is one word with it: a unit or a letter alone matches nearly everything, and
/// `500` alone would also find `500千伏`. See (QA relevance pass): `500元` ranked its first
/// document holding it ninth, `A股` found what `A` found.
fn glue_units(chunk: &str, main: Vec<String>) -> Vec<String> {
    let latin = |c: char| c.is_ascii_alphanumeric() || c == '.';
    // Full-width letters and digits (５００元) as the analyzer reads them.
    let chunk: String = chunk.chars().map(gongwen_schema::hanzi::halfwidth).collect();
    let chunk = chunk.as_str();
    let chars: Vec<(usize, char)> = chunk.char_indices().collect();
    let mut glued: Vec<String> = Vec::new();
    let mut parts: HashSet<String> = HashSet::new();
    for (i, &(at, c)) in chars.iter().enumerate() {
        if c.is_ascii() || !main.iter().any(|w| single_ideograph(w) && w.starts_with(c)) {
            continue;
        }
        let before = chars[..i].iter().rev().take_while(|(_, c)| latin(*c)).count();
        let after = chars[i + 1..].iter().take_while(|(_, c)| latin(*c)).count();
        let (from, to) = if before > 0 {
            (chars[i - before].0, at + c.len_utf8())
        } else if after > 0 {
            (at, chars.get(i + 1 + after).map_or(chunk.len(), |(o, _)| *o))
        } else {
            continue;
        };
        // A unit of several characters that jieba cuts after its first (`2个月`: 个, 月).
        let to = if before > 0 {
            UNITS.iter().find(|u| chunk[at..].starts_with(**u)).map_or(to, |u| {
                for uc in u.chars() {
                    parts.insert(uc.to_string());
                }
                at + u.len()
            })
        } else {
            to
        };
        let span = chunk[from..to].trim_matches('.');
        parts.insert(c.to_string());
        parts.insert(span.trim_matches(|ch: char| !ch.is_ascii()).to_lowercase());
        if !glued.iter().any(|g| g == span) {
            glued.push(span.to_string());
        }
    }
    // A unit of more characters after a number (`2平方米`, `5个月`, `153亿元`, `8公里`): the
    // number alone would find every 2, the unit every area. See (QA search pass, fifteenth
    // session): `2平方米` found 418 documents, 2 holding it.
    for w in &main {
        let n = w.chars().count();
        let unit = (2..=3).contains(&n)
            && w.chars().all(gongwen_schema::hanzi::is_ideograph)
            && w.chars().next().is_some_and(|c| MEASURES.contains(c));
        if !unit {
            continue;
        }
        for (at, _) in chunk.match_indices(w.as_str()) {
            let digits = chunk[..at]
                .bytes()
                .rev()
                .take_while(|b| b.is_ascii_digit() || *b == b'.')
                .count();
            let span = chunk[at - digits..at + w.len()].trim_start_matches('.');
            if digits == 0 || !span.starts_with(|c: char| c.is_ascii_digit()) {
                continue;
            }
            parts.insert(w.clone());
            parts.insert(chunk[at - digits..at].trim_matches('.').to_string());
            if !glued.iter().any(|g| g == span) {
                glued.push(span.to_string());
            }
        }
    }
    // A percentage (`18%`, `5.9%`): the number with its sign, which the bigram field holds as
    // a token after it (schema 10). See (QA search pass, fifteenth session): `18%` found every
    // 18.
    for (at, _) in chunk.match_indices('%') {
        let digits = chunk[..at]
            .bytes()
            .rev()
            .take_while(|b| b.is_ascii_digit() || *b == b'.')
            .count();
        let span = chunk[at - digits..=at].trim_start_matches('.');
        if !span.starts_with(|c: char| c.is_ascii_digit()) {
            continue;
        }
        parts.insert(span.trim_end_matches('%').to_string());
        if !glued.iter().any(|g| g == span) {
            glued.push(span.to_string());
        }
    }
    if glued.is_empty() {
        return main;
    }
    let mut out: Vec<String> = main
        .into_iter()
        .filter(|w| !parts.contains(&w.to_lowercase()))
        .collect();
    out.extend(glued);
    out
}

/// The articles of a gazette issue: documents that name their issue.
fn gazette_article() -> Box<dyn Query> {
    Box::new(tantivy::query::ExistsQuery::new("gazette_issue".into(), false))
}

/// A chunk of a query as it is searched: in simplified characters (synonyms are listed so:
/// `國辦` is 国办), without the particles after its words (`条例的`, `5G吗`, `召回了`), which are
/// asked of no document. See (QA search pass, sixteenth session): `5G的` found nothing where
/// `5G` found 20, `条例的` ranked by how often 的 stood in a text, and `國辦` missed its
/// synonym 国务院办公厅.
fn searched_chunk(chunk: &str) -> String {
    let mut c = gongwen_schema::hanzi::simplify(chunk).into_owned();
    while let Some(last) = c.chars().next_back().filter(|l| "的了吗呢啊吧等着过么".contains(*l)) {
        let rest = &c[..c.len() - last.len_utf8()];
        // Not a word's own last character (`目的`, `为了`, `超过`, `的士` is no concern: it
        // ends no chunk with 的): only a particle jieba cuts off alone, after a word or two
        // typed (`条例的`, `5G吗`). A longer chunk is a fragment pasted, whose exact text,
        // particle included, finds its document (`…管理工作的`).
        let words = split_words(&c).0;
        let alone = words.last().is_some_and(|w| w.chars().count() == 1);
        if rest.is_empty() || !alone || words.len() > 3 {
            break;
        }
        c.truncate(rest.len());
    }
    c
}

/// `phrase` without the spaces that stand between two ideographs (`外挂 脚本` → `外挂脚本`);
/// `None` when it has none.
fn without_spaces_between_ideographs(phrase: &str) -> Option<String> {
    let chars: Vec<char> = phrase.chars().collect();
    let ideograph = gongwen_schema::hanzi::is_ideograph;
    let mut out = String::with_capacity(phrase.len());
    let mut changed = false;
    let mut i = 0;
    while i < chars.len() {
        if chars[i].is_whitespace() {
            let end = (i..chars.len())
                .find(|&j| !chars[j].is_whitespace())
                .unwrap_or(chars.len());
            if i > 0 && ideograph(chars[i - 1]) && chars.get(end).is_some_and(|c| ideograph(*c)) {
                changed = true;
                i = end;
                continue;
            }
        }
        out.push(chars[i]);
        i += 1;
    }
    changed.then_some(out)
}

/// Units of several characters whose first is a measure word of its own (`个月`: 个, 月).
const UNITS: [&str; 7] = ["个工作日", "个百分点", "个月", "个小时", "个季度", "个星期", "工作日"];

/// The first characters of units and measure words a number is written with (万元, 亿元,
/// 平方米, 公里, 个月, 小时, 千瓦, 周岁…).
const MEASURES: &str = "万亿千百个平公元米吨克天年月日时小周岁倍人户家所项条次件名辆台套亩度毫厘分秒立斤季批期";

fn single_ideograph(w: &str) -> bool {
    let mut cs = w.chars();
    matches!((cs.next(), cs.next()), (Some(c), None) if !c.is_ascii())
}

/// A word in the title (a term, ×3) or the body (its bigram phrase).
fn word_clause(f: &Fields, w: &str) -> Box<dyn Query> {
    word_clause_weighted(f, w, 1.0, true)
}

/// [`word_clause`] with the body phrase weighted `body`, its alternatives joined by [`union`].
fn word_clause_weighted(f: &Fields, w: &str, body: f32, lazy: bool) -> Box<dyn Query> {
    let mut parts = vec![boost(term(f.title, w), 3.0)];
    // A word the title's cut does not hold (个税 in 社保或个税证明, 发改 in 发改委; 绍 in
    // 绍兴市): its title bigrams, weighted low beside the title's own word, which matches too
    // when the cut holds it. See (QA): `个税` and `发改` missed documents naming them only in
    // the title, which the quoted words found; `绍` missed 【浙江省绍兴市】 pages.
    if let Some(q) = word_query(f.title_grams, w) {
        parts.push(boost(q, if single_ideograph(w) { 3.0 } else { 0.5 }));
    }
    if let Some(q) = word_query(f.body_grams, w) {
        // A number with its unit (`500元`, `60日`) matches as a phrase with a prefix, which
        // tantivy scores alike for every document: how often the number stands in the text
        // scores it, among the documents holding the whole word. See (QA search pass,
        // sixteenth session): every hit of `800元` scored 1.0, so the newest came first.
        let latin = |t: &str| t.chars().all(|c| c.is_ascii_alphanumeric() || c == '.');
        let number = analyzer::query_grams(w)
            .into_iter()
            .find(|g| g.text.chars().any(|c| c.is_ascii_digit()) && latin(&g.text));
        let q = match number {
            Some(n) if !latin(w) => Box::new(BooleanQuery::new(vec![
                (Occur::Must, q),
                (Occur::Should, boost(term(f.body_grams, &n.text), 0.25)),
            ])),
            _ => q,
        };
        parts.push(if body == 1.0 { q } else { boost(q, body) });
    }
    // A year (`2017年`, `2017`) is held by a document of that year too: laws print their
    // earlier revisions' years, many notices none. See (QA search pass, seventeenth session):
    // `2017年 建设工程勘察设计管理条例` lost the regulation of 2017, whose text never says 2017年.
    if let Some(year) = typed_year(w) {
        parts.push(Box::new(tantivy::query::ConstScoreQuery::new(
            Box::new(TermQuery::new(
                Term::from_field_u64(f.year, year),
                IndexRecordOption::Basic,
            )),
            YEAR_MATCH_SCORE,
        )));
    }
    union(parts, lazy)
}

/// What a document of the year typed scores for it (about a title word's match).
const YEAR_MATCH_SCORE: f32 = 2.0;

/// The year a query word is (`2017年`, `2017`: 1900-2099), if it is one.
fn typed_year(w: &str) -> Option<u64> {
    let digits = w.strip_suffix('年').unwrap_or(w);
    let year: u64 = digits
        .parse()
        .ok()
        .filter(|_| digits.len() == 4 && digits.bytes().all(|b| b.is_ascii_digit()))?;
    (1900..=2099).contains(&year).then_some(year)
}

/// Numbers read from each segment's dictionary for a suggestion, to order them by serial.
const SUGGEST_NUMBERS: usize = 256;

/// Characters (letters, digits, ideographs) from which a quoted text is a pasted passage
/// rather than a phrase: when nothing holds it as written, its words are searched.
const PASSAGE_CHARS: usize = 12;

/// A fallback's answer, marked as one: `understood.relaxed` tells the user that what was
/// found asks less than the query did.
fn relaxed_as(mut r: SearchResponse) -> SearchResponse {
    r.understood.relaxed = true;
    r
}

/// The document whose title, or one of its names, is `norm` (a folded title), far above any
/// word match: the longer the title, the surer the match.
fn exact_title(f: &Fields, norm: &str) -> Box<dyn Query> {
    boost(
        Box::new(BooleanQuery::new(vec![
            (Occur::Should, term(f.title_exact, norm)),
            (Occur::Should, term(f.title_name, norm)),
        ])),
        60.0 + 10.0 * norm.chars().count() as f32,
    )
}

/// Any of `parts`, scored by the sum of those that match: lazy (inside an intersection a
/// clause is checked only where the other required clauses are, see `anyof`), or tantivy's
/// buffered union (faster when every match is visited anyway).
fn union(parts: Vec<Box<dyn Query>>, lazy: bool) -> Box<dyn Query> {
    if lazy {
        Box::new(AnyOf(parts))
    } else {
        Box::new(BooleanQuery::new(
            parts.into_iter().map(|q| (Occur::Should, q)).collect(),
        ))
    }
}

/// A query word in a bigram field: the phrase of its bigrams (BM25 on the phrase); a single
/// ideograph as itself or the bigrams it starts (a bounded expansion).
fn word_query(field: tantivy::schema::Field, word: &str) -> Option<Box<dyn Query>> {
    let grams = analyzer::query_grams(word);
    (!grams.is_empty()).then(|| gram_query(field, &grams))
}

/// What a hit shows, read from the stored hit record ([`Fields::hit`]: references, fields
/// kept from the source and the numbers' parts left out): a page of hits is most of a
/// query's time, and a whole [`Document`] re-parses every cited number.
#[derive(serde::Deserialize)]
struct HitRecord {
    id: String,
    title: String,
    /// Canonical spellings, as stored.
    #[serde(default)]
    doc_numbers: Vec<String>,
    #[serde(default)]
    issuers: Vec<String>,
    #[serde(default)]
    kind: Kind,
    #[serde(default)]
    written: Option<gongwen_schema::Date>,
    #[serde(default)]
    published: Option<gongwen_schema::Date>,
    #[serde(default)]
    year: Option<u16>,
    #[serde(default)]
    status: Status,
    source: Box<serde_json::value::RawValue>,
    #[serde(default)]
    content_hash: String,
    #[serde(default)]
    gazette: Option<gongwen_schema::GazetteRef>,
}

fn make_hit(doc: HitRecord, body: &[u8], score: f32, needles: &snippet::Needles) -> Hit {
    let title_highlight = snippet::highlight_all(&doc.title, needles);
    let snippet = snippet::best_window_bytes(body, needles, 120);
    Hit {
        doc_number: doc.doc_numbers.first().cloned(),
        doc_numbers: doc.doc_numbers,
        id: doc.id,
        title: doc.title,
        title_highlight,
        issuers: doc.issuers,
        kind: doc.kind,
        written: doc.written,
        published: doc.published,
        year: doc.year.or(doc.written.or(doc.published).map(|d| d.year)),
        status: doc.status,
        replaced_by: Vec::new(),
        snippet,
        score,
        source: doc.source,
        content_hash: doc.content_hash,
        gazette: doc.gazette,
    }
}

/// Day of a document without a sort date: it sorts last.
const NO_DAY: i64 = i64::MIN / 2;

/// What every ordering reads of each document of one segment: the days since the epoch of
/// its sort date, and its id key (the last tie-break). Read from the fast fields once, when
/// a searcher is warmed (16 bytes a document): ranking reads them for every document that
/// reaches a page's heap, and reading the optional columns was 6% of a search.
pub(crate) struct OrderTable {
    days: Vec<i64>,
    keys: Vec<u64>,
}

impl OrderTable {
    fn build(seg: &tantivy::SegmentReader) -> tantivy::Result<OrderTable> {
        let dates: Option<tantivy::columnar::Column<DateTime>> = seg.fast_fields().date("sort_date").ok();
        let keys: Option<tantivy::columnar::Column<u64>> = seg.fast_fields().u64("id_key").ok();
        let docs = 0..seg.max_doc();
        Ok(OrderTable {
            days: docs
                .clone()
                .map(|d| {
                    dates
                        .as_ref()
                        .and_then(|c| c.first(d))
                        .map_or(NO_DAY, |t| t.into_timestamp_secs().div_euclid(86_400))
                })
                .collect(),
            keys: docs
                .map(|d| keys.as_ref().and_then(|c| c.first(d)).unwrap_or(0))
                .collect(),
        })
    }

    /// The table of a segment that has none (its fast fields could not be read): every
    /// document without a date, key 0.
    fn empty() -> Arc<OrderTable> {
        Arc::new(OrderTable {
            days: Vec::new(),
            keys: Vec::new(),
        })
    }

    /// Days since the epoch of `doc`'s sort date ([`NO_DAY`] without one).
    fn day(&self, doc: tantivy::DocId) -> i64 {
        self.days.get(doc as usize).copied().unwrap_or(NO_DAY)
    }

    /// `doc`'s id key.
    fn key(&self, doc: tantivy::DocId) -> u64 {
        self.keys.get(doc as usize).copied().unwrap_or(0)
    }
}

/// The [`OrderTable`]s of the live segments of an index.
type OrderTables = PerSegment<OrderTable>;

/// The order table of `seg` (an empty one if it cannot be built).
fn order_of(tables: &OrderTables, seg: &tantivy::SegmentReader) -> Arc<OrderTable> {
    tables.of(seg).unwrap_or_else(|_| OrderTable::empty())
}

/// Items `offset..offset + limit` of `items` in `order`, ordered: two selections and a sort
/// of the page only (a deep page of a broad query sorted a thousand hits or more).
fn page<T>(mut items: Vec<T>, offset: usize, limit: usize, order: fn(&T, &T) -> std::cmp::Ordering) -> Vec<T> {
    let end = offset.saturating_add(limit).min(items.len());
    if offset >= end {
        return Vec::new();
    }
    if end < items.len() {
        items.select_nth_unstable_by(end - 1, order);
        items.truncate(end);
    }
    if offset > 0 {
        items.select_nth_unstable_by(offset, order);
    }
    let mut shown = items.split_off(offset);
    shown.sort_by(order);
    shown
}

/// The top `limit` documents by score, equal scores by date (newest first) and then by id
/// key: the same order as `TopDocs::tweak_score` with those keys, but the date and key are
/// read only for documents whose score can still enter the list (most cannot, once it is
/// full), instead of for every matching document.
struct TopRanked {
    limit: usize,
    /// The segments' sort dates and id keys.
    order: Arc<OrderTables>,
}

type Ranked = ((f32, i64, u64), DocAddress);

struct TopRankedSegment {
    limit: usize,
    segment: tantivy::SegmentOrdinal,
    order: Arc<OrderTable>,
    heap: std::collections::BinaryHeap<std::cmp::Reverse<RankedEntry>>,
}

/// Ordered by (score, day, key); the heap keeps the smallest on top.
struct RankedEntry((f32, i64, u64), tantivy::DocId);

impl PartialEq for RankedEntry {
    fn eq(&self, other: &Self) -> bool {
        self.cmp(other) == std::cmp::Ordering::Equal
    }
}
impl Eq for RankedEntry {}
impl PartialOrd for RankedEntry {
    fn partial_cmp(&self, other: &Self) -> Option<std::cmp::Ordering> {
        Some(self.cmp(other))
    }
}
impl Ord for RankedEntry {
    fn cmp(&self, other: &Self) -> std::cmp::Ordering {
        let (a, b) = (&self.0, &other.0);
        a.0.total_cmp(&b.0).then(a.1.cmp(&b.1)).then(a.2.cmp(&b.2))
    }
}

impl tantivy::collector::Collector for TopRanked {
    type Fruit = Vec<Ranked>;
    type Child = TopRankedSegment;

    fn for_segment(
        &self,
        segment: tantivy::SegmentOrdinal,
        seg: &tantivy::SegmentReader,
    ) -> tantivy::Result<Self::Child> {
        Ok(TopRankedSegment {
            limit: self.limit.max(1),
            segment,
            order: order_of(&self.order, seg),
            heap: std::collections::BinaryHeap::with_capacity(self.limit.max(1) + 1),
        })
    }

    fn requires_scoring(&self) -> bool {
        true
    }

    /// The best `limit` of all segments, in no particular order (the engine orders the page
    /// it shows).
    fn merge_fruits(&self, fruits: Vec<Vec<Ranked>>) -> tantivy::Result<Vec<Ranked>> {
        let mut all: Vec<Ranked> = fruits.into_iter().flatten().collect();
        let limit = self.limit.max(1);
        if all.len() > limit {
            all.select_nth_unstable_by(limit - 1, |a, b| RankedEntry(b.0, 0).cmp(&RankedEntry(a.0, 0)));
            all.truncate(limit);
        }
        Ok(all)
    }
}

impl tantivy::collector::SegmentCollector for TopRankedSegment {
    type Fruit = Vec<Ranked>;

    fn collect(&mut self, doc: tantivy::DocId, score: tantivy::Score) {
        if self.heap.len() >= self.limit {
            if let Some(std::cmp::Reverse(min)) = self.heap.peek() {
                if score < min.0 .0 {
                    return;
                }
            }
        }
        let entry = RankedEntry((score, self.order.day(doc), self.order.key(doc)), doc);
        if self.heap.len() < self.limit {
            self.heap.push(std::cmp::Reverse(entry));
        } else if self.heap.peek().is_some_and(|std::cmp::Reverse(min)| entry > *min) {
            self.heap.pop();
            self.heap.push(std::cmp::Reverse(entry));
        }
    }

    fn harvest(self) -> Vec<Ranked> {
        let segment = self.segment;
        self.heap
            .into_iter()
            .map(|std::cmp::Reverse(RankedEntry(k, doc))| (k, DocAddress::new(segment, doc)))
            .collect()
    }
}

#[cfg(test)]
mod page_tests {
    use super::*;
    use proptest::prelude::*;

    /// The order table holds what the fast fields hold: the day of the sort date (documents
    /// without one last; days before 1970 rounded down, not toward 1970, so that 31 December
    /// 1969 is not the day of 1 January 1970), the id key; a document past the segment reads
    /// as neither.
    #[test]
    fn order_table_reads_the_fast_fields() -> tantivy::Result<()> {
        use tantivy::schema::{DateOptions, Schema, FAST};
        let mut b = Schema::builder();
        let date = b.add_date_field("sort_date", DateOptions::default().set_fast());
        let key = b.add_u64_field("id_key", FAST);
        let index = Index::create_in_ram(b.build());
        let mut w = index.writer_with_num_threads(1, 15_000_000)?;
        let day = |d: i64| DateTime::from_timestamp_secs(d * 86_400 + 3_600);
        w.add_document(tantivy::doc!(date => day(17_000), key => 7u64))?;
        w.add_document(tantivy::doc!(key => 9u64))?;
        w.add_document(tantivy::doc!(date => day(-3), key => u64::MAX))?;
        w.commit()?;
        let searcher = index.reader()?.searcher();
        let table = OrderTable::build(searcher.segment_reader(0))?;
        let got: Vec<(i64, u64)> = (0..4).map(|d| (table.day(d), table.key(d))).collect();
        assert_eq!(got, [(17_000, 7), (NO_DAY, 9), (-3, u64::MAX), (NO_DAY, 0)]);
        Ok(())
    }

    proptest! {
        /// The page is what sorting everything and skipping to it gives.
        #[test]
        fn a_page_is_the_slice_of_the_sorted_list(
            items in proptest::collection::vec(0u8..20, 0..60),
            offset in 0usize..70,
            limit in 0usize..30,
        ) {
            let order: fn(&u8, &u8) -> std::cmp::Ordering = |a, b| b.cmp(a);
            let mut sorted = items.clone();
            sorted.sort_by(order);
            let want: Vec<u8> = sorted.into_iter().skip(offset).take(limit).collect();
            prop_assert_eq!(page(items, offset, limit, order), want);
        }
    }
}
