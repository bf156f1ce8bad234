//! Citations, status and interpretations, resolved at query time against the current index.
//!
//! References are found at ingest (`gongwen-corpus`) and stored with each document; here each
//! one is resolved against a snapshot of the index: by number (exact keyword), by title
//! (exact, then close: see `gongwen_schema::title_match`). Because this happens when a
//! document is shown, a citation made before its target was indexed resolves as soon as the
//! target arrives: nothing is re-written. The reverse links (cited by, repealed by, amended
//! by, interpreted by) are keyword look-ups (`cites`, `cites_title`, `repeals_*`, `amends_*`,
//! `interprets`) confirmed by resolving the candidate's own reference, so a generic title
//! (`关于调整住房公积金政策的通知` from several cities) does not link unrelated documents.

use std::collections::{BTreeMap, HashMap, HashSet};

use gongwen_schema::{title_keys, title_match, DocNumber, Document, Kind, Reference, Status, TitleMatch};
use serde::Serialize;

use crate::engine::{Engine, Scope};
use crate::lookup::{DocLink, View};
use crate::QueryError;

/// How a reference resolved.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Resolution {
    /// The number is in the index and the title (when cited) agrees; or the title alone
    /// names an indexed document.
    Resolved,
    /// No indexed document carries the number (the cited title may name one that carries
    /// another: a regulation revised by a later decree has several numbers, and only one
    /// may be indexed, so that is no proof the citation is wrong).
    UnknownNumber,
    /// A title-only reference that names no indexed document.
    UnknownTitle,
    /// The number belongs to a document with another title.
    Mismatch,
}

impl Resolution {
    /// Every resolution.
    pub const ALL: [Resolution; 4] = [
        Resolution::Resolved,
        Resolution::UnknownNumber,
        Resolution::UnknownTitle,
        Resolution::Mismatch,
    ];

    /// The stable name.
    pub fn as_str(self) -> &'static str {
        match self {
            Resolution::Resolved => "resolved",
            Resolution::UnknownNumber => "unknown_number",
            Resolution::UnknownTitle => "unknown_title",
            Resolution::Mismatch => "mismatch",
        }
    }
}

/// One resolved reference.
#[derive(Debug, Clone, Serialize)]
pub struct Citation {
    /// The title as cited.
    pub title: Option<String>,
    /// The number as cited, canonical.
    pub number: Option<String>,
    /// How it resolved.
    pub resolution: Resolution,
    /// The document it leads to (for a mismatch: the document the number, else the title,
    /// belongs to).
    pub target: Option<DocLink>,
    /// Why it did not resolve, for a person.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub note: Option<String>,
}

/// The citations view of a document.
#[derive(Debug, Clone, Serialize)]
pub struct Citations {
    /// The document.
    pub document: DocLink,
    /// What it cites, in order.
    pub cites: Vec<Citation>,
    /// Documents citing it, newest first.
    pub cited_by: Vec<DocLink>,
    /// Whether more documents may cite it than `cited_by` lists (more than
    /// [`MAX_CITING`] candidates under one of its numbers or titles).
    pub cited_by_truncated: bool,
    /// For an interpretation: the policy it explains.
    pub interprets: Option<Citation>,
    /// Interpretations of it.
    pub interpretations: Vec<DocLink>,
}

/// The status view of a document.
#[derive(Debug, Clone, Serialize)]
pub struct StatusView {
    /// The status shown, as everywhere: repealed when a later indexed document repeals it,
    /// else the corpus's (the documents amending it are listed in `amended_by`).
    pub status: Status,
    /// Where the status comes from: `corpus`, `text` or `unknown`.
    pub status_from: &'static str,
    /// Documents that repeal it (its successors).
    pub repealed_by: Vec<DocLink>,
    /// Documents that amend it.
    pub amended_by: Vec<DocLink>,
    /// What it repeals.
    pub repeals: Vec<Citation>,
    /// What it amends.
    pub amends: Vec<Citation>,
}

fn reference_of(text: &str) -> Reference {
    match DocNumber::parse(text) {
        Ok(n) if text.contains('〔') || text.ends_with('号') => Reference {
            title: None,
            number: Some(n),
        },
        _ => Reference {
            title: Some(text.to_string()),
            number: None,
        },
    }
}

/// Resolve one reference made by the document `from` (never resolved to itself).
pub(crate) fn resolve(view: &View, r: &Reference, citer: &Document) -> Result<Citation, QueryError> {
    let from = citer.id.as_str();
    let number = r.number.as_ref().map(DocNumber::canonical);
    let mut c = Citation {
        title: r.title.clone(),
        number: number.clone(),
        resolution: Resolution::UnknownTitle,
        target: None,
        note: None,
    };
    if let Some(n) = &r.number {
        let docs: Vec<Document> = view.by_number(n)?.into_iter().filter(|d| d.id != from).collect();
        if let Some(first) = docs.first() {
            match &r.title {
                None => {
                    c.resolution = Resolution::Resolved;
                    c.target = Some(first.into());
                }
                Some(t) => match docs.iter().find(|d| title_match(t, &d.title).agrees()) {
                    Some(d) => {
                        c.resolution = Resolution::Resolved;
                        c.target = Some(d.into());
                    }
                    None => {
                        c.resolution = Resolution::Mismatch;
                        c.target = Some(first.into());
                        c.note = Some(format!(
                            "{} belongs to 《{}》, not to the cited title",
                            n.canonical(),
                            first.title
                        ));
                    }
                },
            }
            return Ok(c);
        }
        c.resolution = Resolution::UnknownNumber;
        c.note = Some(format!("no indexed document carries {}", n.canonical()));
        if let Some(t) = &r.title {
            // Of the documents the title names, one numbered in the cited number's place
            // (皖…, 郑…: the first character of its issuer code) before the others: a generic
            // title (`关于促进房地产业良性循环和健康发展的通知`) names many cities' notices.
            let initial = n.issuer().chars().next();
            let same_place = |d: &Document| d.doc_numbers.iter().any(|m| m.issuer().chars().next() == initial);
            // Not a notice forwarding it (`转发`), nor one numbered under the same code in
            // another year (a later interpretation of the same title is another document), but
            // for decrees, renumbered at each amendment. See (QA staff pass): 法释〔2013〕15号
            // linked to 法释〔2023〕7号, and 建房〔2023〕52号 to a notice forwarding it.
            let decree = n.issuer().contains('令');
            // Nor one numbered under another code (the cited number is another document's:
            // 益公积金管委会〔2023〕3号 is not 枣庄's notice of that title), nor, for a generic
            // title, one without a number of another place than the citing document's, nor one
            // dated after the citing document (a later version of the title). See (QA staff
            // pass, fifteenth session): 8 of 40 such links named another city's document.
            let mine = places(citer);
            let generic = generic_title(t);
            let named: Vec<Document> = view
                .by_title(t)?
                .into_iter()
                .filter(|(d, m)| {
                    d.id != from
                        && (*m == TitleMatch::Exact || !d.title.contains("转发"))
                        && (decree
                            || !d
                                .doc_numbers
                                .iter()
                                .any(|m| m.issuer() == n.issuer() && m.year() != n.year()))
                        && (decree
                            || d.doc_numbers.is_empty()
                            || d.doc_numbers.iter().any(|m| m.issuer() == n.issuer()))
                        && (!generic || !d.doc_numbers.is_empty() || places(d).iter().any(|p| mine.contains(p)))
                        && !other_city(d, citer)
                        && !dated_after(d, citer)
                })
                .map(|(d, _)| d)
                .collect();
            let best = named.iter().position(same_place).unwrap_or(0);
            if let Some(d) = named.into_iter().nth(best) {
                if !d.doc_numbers.is_empty() {
                    // See (QA): citations of 住房公积金管理条例 by its later decree numbers
                    // (第350号, 第710号) were called mismatches of the indexed 第262号.
                    c.note = Some(format!(
                        "no indexed document carries {}; the cited title names one numbered {}",
                        n.canonical(),
                        d.doc_numbers
                            .iter()
                            .map(DocNumber::canonical)
                            .collect::<Vec<_>>()
                            .join("、")
                    ));
                } else {
                    c.note = Some(format!(
                        "no indexed document carries {}; the title names a document without a number",
                        n.canonical()
                    ));
                }
                c.target = Some((&d).into());
            }
        }
        return Ok(c);
    }
    if let Some(t) = &r.title {
        let named: Vec<Document> = view
            .by_title(t)?
            .into_iter()
            .map(|(d, _)| d)
            .filter(|d| d.id != from)
            .collect();
        if named.is_empty() {
            c.note = Some("no indexed document has this title".into());
            return Ok(c);
        }
        // A document naming its own title (`本通知`'s title quoted in its text) cites nothing.
        // See (QA staff pass): a Beijing notice quoting its own title cited Shanghai's notice
        // of that title. Its own title exactly (with or without its issuer before 关于, its
        // source tag, 中华人民共和国), not a close one: 环境保护税法 cites 环境保护法, and
        // 学位法 repeals 学位条例 (QA staff pass, fourteenth session: both were dropped).
        let own = gongwen_schema::title_names(&citer.title);
        if gongwen_schema::title_names(t).iter().any(|k| own.contains(k)) {
            c.note = Some("the citing document's own title".into());
            return Ok(c);
        }
        // A generic title (`关于促进我市房地产市场平稳健康发展的通知`) names many places'
        // documents: the one of the citing document's place, else none. See (QA staff pass):
        // 60 such links joined other cities' notices, a Foshan notice was "cited by" 21 cities.
        // With no place of its own, a generic title names none; nor a document dated after
        // the citing one (QA staff pass, fourteenth session: 荆州 and 襄阳, with no place,
        // resolved to a Foshan notice of 2025).
        // Nor, for any title, a document dated after the citing one: a later version of the
        // title is not the one cited (QA staff pass, fifteenth session: 北京市动物防疫条例 of
        // 2019 repealed the 2024 办法 that repealed it).
        let mine = places(citer);
        let pick = if generic_title(t) {
            named
                .iter()
                .position(|d| places(d).iter().any(|p| mine.contains(p)) && !dated_after(d, citer))
        } else {
            named
                .iter()
                .position(|d| !dated_after(d, citer) && !other_city(d, citer))
        };
        match pick.and_then(|k| named.into_iter().nth(k)) {
            Some(d) => {
                c.resolution = Resolution::Resolved;
                c.target = Some((&d).into());
            }
            None if generic_title(t) => {
                c.note =
                    Some("the title is generic, and the documents that have it are of other places or later".into());
            }
            None => c.note = Some("the documents that have this title are dated after the citing one".into()),
        }
    }
    Ok(c)
}

/// The city or county a document is of, when its 【tag】, an issuer or its record's region names
/// one (`安徽省淮南市` → 淮南): none for a province's, a region's or a national organ's.
fn city(d: &Document) -> Option<String> {
    let of = |name: &str| -> Option<String> {
        let last = name
            .split_inclusive(['省', '市', '县', '区'])
            .rfind(|p| p.chars().count() >= 2 && p.ends_with(['省', '市', '县', '区']))?;
        (!last.ends_with('省') && !last.contains("自治区")).then(|| last.chars().take(2).collect())
    };
    gongwen_schema::split_source_tag(&d.title)
        .0
        .and_then(of)
        .or_else(|| d.issuers.iter().find_map(|i| of(i)))
        .or_else(|| region(d).and_then(of))
}

/// The region a record states (`"region": "山东省日照市"`, kept among its other fields).
fn region(d: &Document) -> Option<&str> {
    d.extra.get("region").and_then(serde_json::Value::as_str)
}

/// Whether `d` is another city's document than `citer`'s (both of a city): one city's
/// document is not what another cites under a number or title of its own. See (QA staff
/// pass, fifteenth session): 许昌 citing 豫建房〔2024〕245号 resolved to a notice of 日照, 淮南
/// to one of 丽水.
fn other_city(d: &Document, citer: &Document) -> bool {
    matches!((city(d), city(citer)), (Some(a), Some(b)) if a != b)
}

/// Whether `d` is dated after `citer` (both dated): it cannot be what `citer` cites.
fn dated_after(d: &Document, citer: &Document) -> bool {
    match (d.date(), citer.date()) {
        (Some(a), Some(b)) => a > b,
        _ => matches!((d.year, citer.year), (Some(a), Some(b)) if a > b),
    }
}

/// Whether a cited title names no issuer of its own (`关于…的通知`, or a place's own words
/// for itself: `我市`, `本市`, `全省`), so that many places' documents may have it.
fn generic_title(title: &str) -> bool {
    let t = gongwen_schema::normalize_title(title);
    let t = t.strip_prefix("中华人民共和国").unwrap_or(&t);
    t.starts_with("关于")
        || [
            "我市", "本市", "全市", "我省", "本省", "全省", "我区", "本区", "我县", "本县", "我州", "本州",
        ]
        .iter()
        .any(|w| t.contains(w))
}

/// The places a document is of: the first two characters of each issuer (南京市… → 南京),
/// of a `【…】` tag at the head of its title (as crawled records name their source) and of
/// the region its record states.
fn places(d: &Document) -> Vec<String> {
    // Each issuer and the 【tag】 (`浙江省嘉兴市海宁市`, `福建省龙岩市住房公积金管理委员会`) by
    // its last place, the city or county; a name naming none so as it is. Its first characters
    // would be the province's, which every city of it shares (QA staff pass, fourteenth
    // session: 龙岩 resolved to 福州's notice).
    let last_place = |name: &str| -> String {
        name.split_inclusive(['省', '市', '县', '区'])
            .rfind(|p| p.chars().count() >= 2 && p.ends_with(['省', '市', '县', '区']))
            .unwrap_or(name)
            .to_string()
    };
    let mut names: Vec<String> = d.issuers.iter().map(|i| last_place(i)).collect();
    if let (Some(tag), _) = gongwen_schema::split_source_tag(&d.title) {
        names.push(last_place(tag));
    }
    // And the region a record states, which most crawled records without an issuer give.
    if let Some(r) = region(d).filter(|r| r.ends_with(['省', '市', '县', '区'])) {
        names.push(last_place(r));
    }
    let mut out: Vec<String> = names
        .into_iter()
        .map(|n| n.chars().take(2).collect::<String>())
        .filter(|p| p.chars().count() == 2)
        .collect();
    out.sort();
    out.dedup();
    out
}

/// Whether reference `r` of document `from` could name `doc` (cheap test before resolving).
fn may_name(r: &Reference, doc: &Document) -> bool {
    // The number, or its code without the organ's name printed before it (as the citation is
    // resolved forward).
    r.number
        .as_ref()
        .is_some_and(|n| doc.doc_numbers.contains(n) || n.without_organ().iter().any(|r| doc.doc_numbers.contains(r)))
        || r.title.as_deref().is_some_and(|t| title_match(t, &doc.title).agrees())
}

/// Which field of an index a look-up reads.
type FieldOf = fn(&gongwen_schema::Fields) -> tantivy::schema::Field;

/// Candidates read per number or title key when gathering who cites a document (a code
/// such as 民事诉讼法 is cited by hundreds; 200, the look-up limit, cut such lists silently).
pub const MAX_CITING: usize = 5_000;

/// Documents that, through one of the reference lists `pick` returns, name `doc`, and
/// whether the candidates were cut at [`MAX_CITING`]; candidates come from the number field
/// and the title field given, each confirmed by resolution.
fn named_by(
    view: &View,
    doc: &Document,
    number_field: Option<FieldOf>,
    title_field: FieldOf,
    pick: fn(&Document) -> &[Reference],
    sure: bool,
) -> Result<(Vec<DocLink>, bool), QueryError> {
    let mut candidates: Vec<Document> = Vec::new();
    let mut seen: HashSet<String> = HashSet::from([doc.id.clone()]);
    let mut truncated = false;
    let mut keys: Vec<(FieldOf, String)> = Vec::new();
    if let Some(nf) = number_field {
        keys.extend(doc.doc_numbers.iter().map(|n| (nf, n.canonical())));
    }
    keys.extend(title_keys(&doc.title).into_iter().map(|k| (title_field, k)));
    for (field, key) in keys {
        let found = view.by_keyword_upto(field, &key, MAX_CITING)?;
        truncated |= found.len() >= MAX_CITING;
        for d in found {
            if seen.insert(d.id.clone()) {
                candidates.push(d);
            }
        }
    }
    let mut out = Vec::new();
    for c in candidates {
        for r in pick(&c).iter().filter(|r| may_name(r, doc)) {
            let c2 = resolve(view, r, &c)?;
            if (!sure || c2.resolution == Resolution::Resolved) && c2.target.is_some_and(|t| t.id == doc.id) {
                out.push(DocLink::from(&c));
                break;
            }
        }
    }
    Ok((out, truncated))
}

fn cited_by(view: &View, doc: &Document) -> Result<(Vec<DocLink>, bool), QueryError> {
    named_by(
        view,
        doc,
        Some(|f| f.cites),
        |f| f.cites_title,
        |d| &d.references,
        false,
    )
}

fn interpretations_of(view: &View, doc: &Document) -> Result<Vec<DocLink>, QueryError> {
    let mut out: Vec<DocLink> = Vec::new();
    let mut keys: Vec<String> = doc.doc_numbers.iter().map(DocNumber::canonical).collect();
    keys.extend(title_keys(&doc.title));
    for k in keys {
        for d in view.by_keyword(|f| f.interprets, &k)? {
            if d.id == doc.id || out.iter().any(|o| o.id == d.id) {
                continue;
            }
            let Some(i) = &d.interprets else { continue };
            if resolve(view, &reference_of(i), &d)?
                .target
                .is_some_and(|t| t.id == doc.id)
            {
                out.push((&d).into());
            }
        }
    }
    Ok(out)
}

/// Find a document by id, else by document number (any spelling).
pub fn find(engine: &Engine, id_or_number: &str, scope: Scope) -> Result<Option<Document>, QueryError> {
    let view = View::new(engine, scope);
    if let Some(d) = view.document(id_or_number)? {
        return Ok(Some(d));
    }
    match DocNumber::parse_pasted(id_or_number) {
        Ok(n) => Ok(view.by_typed_number(&n)?.1.into_iter().next()),
        Err(_) => Ok(None),
    }
}

/// The citations view of the document `id`; `None` when there is no such document.
pub fn citations(engine: &Engine, id: &str, scope: Scope) -> Result<Option<Citations>, QueryError> {
    let view = View::new(engine, scope);
    let Some(doc) = view.document(id)? else {
        return Ok(None);
    };
    let cites = doc
        .references
        .iter()
        .map(|r| resolve(&view, r, &doc))
        .collect::<Result<Vec<_>, _>>()?;
    let interprets = match &doc.interprets {
        Some(i) => Some(resolve(&view, &reference_of(i), &doc)?),
        None => None,
    };
    let (cited_by, cited_by_truncated) = cited_by(&view, &doc)?;
    Ok(Some(Citations {
        document: (&doc).into(),
        cites,
        cited_by,
        cited_by_truncated,
        interprets,
        interpretations: interpretations_of(&view, &doc)?,
    }))
}

/// The interpretations of the document `id`; `None` when there is no such document.
pub fn interpretations(engine: &Engine, id: &str, scope: Scope) -> Result<Option<Vec<DocLink>>, QueryError> {
    let view = View::new(engine, scope);
    match view.document(id)? {
        Some(doc) => interpretations_of(&view, &doc).map(Some),
        None => Ok(None),
    }
}

/// Whether a later document's repeal of a document (…同时废止, resolved to it) outweighs the
/// status its record gives: a record says 现行有效 as its source last saw it, and a repeal in
/// force since is news to it. A record already repealed or expired keeps its own word.
fn repeal_overrides(status: Status) -> bool {
    !matches!(status, Status::Repealed | Status::Expired)
}

/// A document as served: when documents of the scope say they repeal it, its status reads
/// repealed (unless its record already says repealed or expired) and `replaced_by` lists
/// them. See (QA staff pass): 学位条例, repealed by 学位法 in the same index, read 现行有效,
/// and `replaced_by` was empty on every document.
pub fn with_succession(engine: &Engine, mut doc: Document, scope: Scope) -> Result<Document, QueryError> {
    let view = View::new(engine, scope);
    if let Some((by, overrides)) = repeals(engine, &view)?.by_target.get(&doc.id) {
        if *overrides {
            doc.status = Status::Repealed;
        }
        for b in by {
            if !doc.replaced_by.contains(b) {
                doc.replaced_by.push(b.clone());
            }
        }
    }
    Ok(doc)
}

/// [`with_succession`] of each document.
pub fn all_with_succession(engine: &Engine, docs: Vec<Document>, scope: Scope) -> Result<Vec<Document>, QueryError> {
    docs.into_iter().map(|d| with_succession(engine, d, scope)).collect()
}

/// [`with_succession`] for a page of hits.
pub(crate) fn complete_hits(hits: &mut [crate::engine::Hit], repeals: &Repeals) {
    for hit in hits.iter_mut() {
        if let Some((by, overrides)) = repeals.by_target.get(&hit.id) {
            if *overrides {
                hit.status = Status::Repealed;
            }
            hit.replaced_by = by.clone();
        }
    }
}

/// The [`Repeals`] of each generation of a view's searchers, worked out on first use (the
/// answer only changes with the index).
#[derive(Default)]
pub(crate) struct RepealCache {
    cached: std::sync::Mutex<Vec<(Vec<u64>, Slot)>>,
}

/// One generation's [`Repeals`], once worked out: the first search that needs it works it
/// out while the others of the same generation wait for it (after a commit, a burst of
/// searches would each have worked it out again).
#[derive(Default)]
pub(crate) struct SlotState {
    done: std::sync::OnceLock<std::sync::Arc<Repeals>>,
    working: std::sync::Mutex<()>,
}

type Slot = std::sync::Arc<SlotState>;

/// The documents of a generation of a scope that later documents of the scope repeal, as
/// their texts say (…同时废止, each reference resolved as [`status`] resolves it, and only
/// when it resolves surely), and whose records say neither repealed nor expired: their
/// status is repealed wherever it is shown, counted or filtered on.
#[derive(Default)]
pub(crate) struct Repeals {
    /// Each document a repeal names surely, with the ids of the documents repealing it and
    /// whether it reads repealed (its record says neither repealed nor expired).
    pub by_target: HashMap<String, (Vec<String>, bool)>,
    /// For each snapshot of the view, segment ordinal → the documents as a bit set of
    /// segment doc ids ([`crate::facet`] reads it for every matching document).
    pub docs: Vec<std::sync::Arc<crate::facet::Repealed>>,
}

/// The [`Repeals`] of a view, worked out once per generation of its searchers. See (QA staff
/// pass): 学位条例, repealed by 学位法 in the same index, read 现行有效 and was found by
/// `--status in_force`.
pub(crate) fn repeals(engine: &Engine, view: &View) -> Result<std::sync::Arc<Repeals>, QueryError> {
    let slot = engine.repeal_cache.slot(view);
    if let Some(r) = slot.done.get() {
        return Ok(r.clone());
    }
    let _working = slot.working.lock().unwrap_or_else(|e| e.into_inner());
    if let Some(r) = slot.done.get() {
        return Ok(r.clone());
    }
    let view = &view.records_only();
    let repealers: Vec<Document> = view
        .holding_any([repeals_number as FieldOf, repeals_title as FieldOf])?
        .into_iter()
        .filter(|d| !is_draft(&d.title))
        .collect();
    // Each repealer's references resolved, in parallel: one look-up or more for each (a
    // title's, a number's), most of the work.
    let named = in_parallel(&repealers, |d| {
        let mut targets = Vec::new();
        for r in &d.repeals {
            let c = resolve(view, r, d)?;
            let unknown_number = c.resolution == Resolution::UnknownNumber;
            if let (Resolution::Resolved, Some(t)) = (c.resolution, c.target.clone()) {
                if t.id == d.id {
                    continue;
                }
                // Every copy of a number's document (two records of one notice, a gazette's
                // reprint), not the first alone. See (QA staff pass, fourteenth session):
                // 昆政办〔2018〕23号 read repealed in one record and in force in the other.
                if let Some(n) = &r.number {
                    for copy in view.by_number(n)? {
                        if copy.id != t.id && copy.id != d.id && title_match(&t.title, &copy.title).agrees() {
                            targets.push((copy.id, false));
                        }
                    }
                }
                targets.push((t.id, r.number.is_none()));
            } else if let (true, Some(t)) = (unknown_number, c.target) {
                // A number no indexed document carries, and a title naming one that carries no
                // number (interpretations are often indexed without their 法释 number): the
                // repeal holds as a title's does (same place, unless a law, a regulation or a
                // judicial interpretation; not older). See (QA staff pass, fourteenth session):
                // 13 interpretations a later one repealed by number stayed in force.
                if t.id != d.id && t.doc_number.is_none() && r.title.is_some() {
                    targets.push((t.id, true));
                }
            }
        }
        Ok(targets)
    })?;
    // Each target with its repealers, and whether a repealer named it by title alone.
    let mut by_target: HashMap<String, Vec<(&Document, bool)>> = HashMap::new();
    for (d, targets) in repealers.iter().zip(named) {
        for (target, by_title) in targets {
            let by = by_target.entry(target).or_default();
            if !by.iter().any(|(b, _)| b.id == d.id) {
                by.push((d, by_title));
            }
        }
    }
    let mut out = Repeals::default();
    let mut docs: Vec<crate::facet::Repealed> = vec![HashMap::new(); view.len()];
    let mut targets: Vec<(String, Vec<(&Document, bool)>)> = by_target.into_iter().collect();
    targets.sort_by(|a, b| a.0.cmp(&b.0));
    for (id, by) in targets {
        let Some((k, addr, doc)) = view.locate(&id)? else {
            continue;
        };
        let by: Vec<String> = by
            .into_iter()
            .filter(|(b, by_title)| repeal_holds(b, &doc, *by_title))
            .map(|(b, _)| b.id.clone())
            .collect();
        if by.is_empty() {
            continue;
        }
        // Listed either way (its repealers are shown); read as repealed only when its
        // record says neither repealed nor expired.
        let overrides = repeal_overrides(doc.status);
        out.by_target.insert(id, (by, overrides));
        if !overrides {
            continue;
        }
        let max = view.max_doc(k, addr.segment_ord);
        let bits = docs[k]
            .entry(addr.segment_ord)
            .or_insert_with(|| std::sync::Arc::new(vec![0u64; (max as usize).div_ceil(64)]));
        if let Some(w) = std::sync::Arc::make_mut(bits).get_mut(addr.doc_id as usize / 64) {
            *w |= 1 << (addr.doc_id % 64);
        }
    }
    out.docs = docs.into_iter().map(std::sync::Arc::new).collect();
    Ok(slot.done.get_or_init(|| std::sync::Arc::new(out)).clone())
}

/// `f` of each item, in order, on the machine's cores (the items cut into one run of
/// consecutive items a core); the first error wins.
fn in_parallel<T: Sync, R: Send>(
    items: &[T],
    f: impl Fn(&T) -> Result<R, QueryError> + Sync,
) -> Result<Vec<R>, QueryError> {
    let cores = std::thread::available_parallelism().map_or(1, |n| n.get());
    if cores < 2 || items.len() < 64 {
        return items.iter().map(&f).collect();
    }
    let chunk = items.len().div_ceil(cores);
    let f = &f;
    std::thread::scope(|s| {
        let runs: Vec<_> = items
            .chunks(chunk)
            .map(|run| s.spawn(move || run.iter().map(f).collect::<Result<Vec<R>, QueryError>>()))
            .collect();
        let mut out = Vec::with_capacity(items.len());
        for run in runs {
            let run = run
                .join()
                .map_err(|_| QueryError::Internal("working out repeals: a thread panicked".into()))??;
            out.extend(run);
        }
        Ok(out)
    })
}

/// A draft or a call for comments (`征求意见稿`, `修订草案`, `关于拟废止…`): what it would
/// repeal is not repealed. See (QA staff pass): 哈政办规〔2018〕12号 read repealed by
/// `关于拟废止哈尔滨市人民政府办公厅…`.
fn is_draft(title: &str) -> bool {
    [
        "征求意见",
        "意见稿",
        "草案",
        "送审稿",
        "拟废止",
        "拟修订",
        "拟修改",
        "拟制定",
    ]
    .iter()
    .any(|w| title.contains(w))
}

/// Whether `by`'s repeal, resolved to `doc`, is believable enough to change `doc`'s status:
/// `by` is not older than `doc` (when both are dated), and a repeal naming `doc` by title
/// alone comes from the same place (an issuer of each starting with the same two
/// characters: 南昌市… and 南昌市…), as a generic title (`关于促进我市房地产市场平稳健康发展的
/// 通知`) names many cities' notices. See (QA staff pass): Yinchuan's notice repealing its
/// own `关于促进我市…的通知` marked Nanjing's repealed; 反间谍法 (2014), which repealed the
/// 1993 国家安全法, marked the 2015 国家安全法.
fn repeal_holds(by: &Document, doc: &Document, by_title: bool) -> bool {
    if let (Some(a), Some(b)) = (by.date(), doc.date()) {
        if a < b {
            return false;
        }
    } else if let (Some(a), Some(b)) = (by.year, doc.year) {
        if a < b {
            return false;
        }
    }
    if !by_title || matches!(doc.kind, Kind::Law | Kind::Regulation | Kind::JudicialInterpretation) {
        return true;
    }
    let theirs = places(doc);
    places(by).iter().any(|p| theirs.contains(p))
}

/// Generations kept: one a scope, and those before a reload while their searches finish.
const KNOWN_GENERATIONS: usize = 4;

impl RepealCache {
    fn slot(&self, view: &View) -> Slot {
        let key = view.generations();
        let mut cached = self.cached.lock().unwrap_or_else(|e| e.into_inner());
        if let Some((_, slot)) = cached.iter().find(|(k, _)| *k == key) {
            return slot.clone();
        }
        let slot = Slot::default();
        if cached.len() >= KNOWN_GENERATIONS {
            cached.remove(0);
        }
        cached.push((key, slot.clone()));
        slot
    }
}

fn repeals_number(f: &gongwen_schema::Fields) -> tantivy::schema::Field {
    f.repeals_number
}

fn repeals_title(f: &gongwen_schema::Fields) -> tantivy::schema::Field {
    f.repeals_title
}

/// The status view of the document `id`; `None` when there is no such document.
pub fn status(engine: &Engine, id: &str, scope: Scope) -> Result<Option<StatusView>, QueryError> {
    let view = View::new(engine, scope);
    let Some(doc) = view.document(id)? else {
        return Ok(None);
    };
    // The repealers as everywhere else (`repeals`: sure resolutions, the same place for a
    // title alone, not older than the document).
    let repeals_known = repeals(engine, &view)?;
    let known = repeals_known.by_target.get(&doc.id);
    let mut repealed_by = Vec::new();
    for id in known.map(|(by, _)| by.as_slice()).unwrap_or_default() {
        if let Some(d) = view.document(id)? {
            repealed_by.push(DocLink::from(&d));
        }
    }
    // Not by a draft or a call for comments (`…（修订征求意见稿）`), as for repeals. See (QA
    // staff pass, fourteenth session).
    let mut amended_by = named_by(
        &view,
        &doc,
        Some(|f| f.amends_number),
        |f| f.amends_title,
        |d| &d.amends,
        true,
    )?
    .0;
    amended_by.retain(|l| !is_draft(&l.title));
    let (status, status_from) = if known.is_some_and(|(_, overrides)| *overrides) {
        (Status::Repealed, "text")
    } else if doc.status != Status::Unknown {
        (doc.status, "corpus")
    } else {
        // An amendment leaves a document in force as amended, which its record may say; the
        // amending documents are listed (`amended_by`) but change no status here, as they
        // change none in search, documents and the status facet. See (QA staff pass,
        // fourteenth session): `/status` said amended where everything else said unknown.
        (Status::Unknown, "unknown")
    };
    let resolve_all = |refs: &[Reference]| {
        refs.iter()
            .map(|r| resolve(&view, r, &doc))
            .collect::<Result<Vec<_>, _>>()
    };
    Ok(Some(StatusView {
        status,
        status_from,
        repealed_by,
        amended_by,
        repeals: resolve_all(&doc.repeals)?,
        amends: resolve_all(&doc.amends)?,
    }))
}

/// A document's references that did not resolve.
#[derive(Debug, Clone, Serialize)]
pub struct ReportEntry {
    /// The citing document.
    pub document: DocLink,
    /// Its problem citations.
    pub problems: Vec<Citation>,
}

/// An issuer code seen only in citations, next to a code that differs by one character.
#[derive(Debug, Clone, Serialize)]
pub struct SuspectCode {
    /// The suspect issuer code (机关代字).
    pub code: String,
    /// The code it probably should be.
    pub similar_to: String,
    /// Citations using the suspect code.
    pub citations: usize,
    /// Documents citing with it.
    pub cited_in: Vec<DocLink>,
    /// The numbers cited with it.
    pub numbers: Vec<String>,
}

/// The citation report over a whole scope (`gongwen check --all`).
#[derive(Debug, Clone, Serialize)]
pub struct CitationReport {
    /// Documents read.
    pub documents: usize,
    /// Documents with at least one reference.
    pub citing_documents: usize,
    /// References found.
    pub references: usize,
    /// References by resolution.
    pub by_resolution: BTreeMap<&'static str, usize>,
    /// References of each kind: `title_and_number`, `number_only`, `title_only`.
    pub by_form: BTreeMap<&'static str, usize>,
    /// Documents with references that did not resolve or mismatch, by document.
    pub problems: Vec<ReportEntry>,
    /// Issuer codes that appear only in citations and differ from a code in use by one
    /// character (e.g. 绿春办发 beside 绿政办发).
    pub suspect_codes: Vec<SuspectCode>,
    /// Repeal links found in texts: (repealing document, resolved target).
    pub repeals: usize,
    /// Repeal references that resolve to an indexed document.
    pub repeals_resolved: usize,
    /// Amendment references found.
    pub amends: usize,
    /// Interpretations that name a policy, and how many resolve.
    pub interpretations: usize,
    /// Interpretations whose policy is in the index.
    pub interpretations_resolved: usize,
}

/// Resolve every reference of every document of a scope.
pub fn report(engine: &Engine, scope: Scope) -> Result<CitationReport, QueryError> {
    let view = View::new(engine, scope);
    let mut docs: Vec<Document> = Vec::new();
    view.for_each(|mut d| {
        d.body = String::new();
        docs.push(d);
    })?;
    let mut rep = CitationReport {
        documents: docs.len(),
        citing_documents: 0,
        references: 0,
        by_resolution: Resolution::ALL.iter().map(|r| (r.as_str(), 0)).collect(),
        by_form: BTreeMap::new(),
        problems: Vec::new(),
        suspect_codes: Vec::new(),
        repeals: 0,
        repeals_resolved: 0,
        amends: 0,
        interpretations: 0,
        interpretations_resolved: 0,
    };
    // Issuer codes: those of indexed numbers, and those cited (code -> citing docs, numbers).
    let known: HashSet<String> = docs
        .iter()
        .flat_map(|d| d.doc_numbers.iter().map(|n| n.issuer().to_string()))
        .collect();
    let mut cited: HashMap<String, (usize, Vec<usize>, Vec<String>)> = HashMap::new();
    for (k, doc) in docs.iter().enumerate() {
        if !doc.references.is_empty() {
            rep.citing_documents += 1;
        }
        let mut problems = Vec::new();
        for r in &doc.references {
            rep.references += 1;
            let form = match (&r.title, &r.number) {
                (Some(_), Some(_)) => "title_and_number",
                (None, Some(_)) => "number_only",
                _ => "title_only",
            };
            *rep.by_form.entry(form).or_default() += 1;
            if let Some(n) = &r.number {
                let e = cited.entry(n.issuer().to_string()).or_default();
                e.0 += 1;
                if !e.1.contains(&k) {
                    e.1.push(k);
                }
                if !e.2.contains(&n.canonical()) {
                    e.2.push(n.canonical());
                }
            }
            let c = resolve(&view, r, doc)?;
            *rep.by_resolution.entry(c.resolution.as_str()).or_default() += 1;
            if c.resolution != Resolution::Resolved {
                problems.push(c);
            }
        }
        for r in &doc.repeals {
            rep.repeals += 1;
            if resolve(&view, r, doc)?.resolution == Resolution::Resolved {
                rep.repeals_resolved += 1;
            }
        }
        rep.amends += doc.amends.len();
        if let Some(i) = &doc.interprets {
            rep.interpretations += 1;
            if resolve(&view, &reference_of(i), doc)?.resolution == Resolution::Resolved {
                rep.interpretations_resolved += 1;
            }
        }
        if !problems.is_empty() {
            rep.problems.push(ReportEntry {
                document: doc.into(),
                problems,
            });
        }
    }
    // Suspect codes: cited only, never an indexed document's code, and one substitution
    // (not of the place or the genre character) away from a code that the same citing
    // document uses more often.
    let mut suspects: Vec<SuspectCode> = Vec::new();
    for (code, (count, citers, numbers)) in &cited {
        if known.contains(code) {
            continue;
        }
        let mut neighbours: Vec<(&String, usize)> = cited
            .iter()
            .filter(|(other, (_, their, _))| {
                *other != code && their.iter().any(|d| citers.contains(d)) && one_substitution(code, other)
            })
            .map(|(other, (n, _, _))| (other, *n))
            .collect();
        neighbours.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(b.0)));
        if let Some((similar, n)) = neighbours.first() {
            if *n > *count {
                suspects.push(SuspectCode {
                    code: code.clone(),
                    similar_to: (*similar).clone(),
                    citations: *count,
                    cited_in: citers.iter().map(|&k| DocLink::from(&docs[k])).collect(),
                    numbers: numbers.clone(),
                });
            }
        }
    }
    suspects.sort_by(|a, b| a.code.cmp(&b.code));
    rep.suspect_codes = suspects;
    Ok(rep)
}

/// Same length (three characters or more), one character different, and neither the first
/// (the place: 东府办发 and 徐府办发 are two real codes) nor the last (the genre: 发/函/令).
fn one_substitution(a: &str, b: &str) -> bool {
    let (a, b): (Vec<char>, Vec<char>) = (a.chars().collect(), b.chars().collect());
    if a.len() != b.len() || a.len() < 3 || a.first() != b.first() || a.last() != b.last() {
        return false;
    }
    a.iter().zip(&b).filter(|(x, y)| x != y).count() == 1
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn suspect_code_shape() {
        assert!(one_substitution("绿春办发", "绿政办发"));
        assert!(!one_substitution("国办发", "国办函"));
        assert!(!one_substitution("国发", "国办"));
        assert!(!one_substitution("沪府发", "沪府办发"));
        assert!(!one_substitution("东府办发", "徐府办发"));
    }

    #[test]
    fn a_stored_interprets_value_is_a_number_or_a_title() {
        assert!(reference_of("国发〔2019〕28号").number.is_some());
        assert!(reference_of("关于促进房地产市场平稳健康发展的实施意见").title.is_some());
    }
}
