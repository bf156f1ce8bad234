//! Gazette issues (政府公报): the list of issues with their article counts, and one issue's
//! table of contents in printed order. Articles carry `gazette_issue` = `YEAR-N` (indexed as
//! a fast keyword), so both are read from the index without loading bodies.

use std::collections::BTreeMap;

use serde::Serialize;
use tantivy::collector::DocSetCollector;
use tantivy::query::AllQuery;

use crate::engine::{Engine, Scope};
use crate::lookup::View;
use crate::QueryError;

/// One issue in the list.
#[derive(Debug, Clone, Serialize, PartialEq, Eq)]
pub struct GazetteIssue {
    /// The gazette, when it is not the State Council's (`上海市人民政府公报`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
    /// Year of the issue.
    pub year: u16,
    /// Number of the issue in its year.
    pub issue: u32,
    /// The filter value for search (`gazette=YEAR-N`, `YEAR-N@NAME` for another gazette).
    pub key: String,
    /// Articles indexed from it.
    pub articles: u64,
}

/// One article of an issue's table of contents.
#[derive(Debug, Clone, Serialize)]
pub struct TocEntry {
    /// Position in the issue, 1-based.
    pub order: u32,
    /// Section heading (【国务院文件】 gives `国务院文件`).
    pub section: Option<String>,
    /// Title as printed.
    pub title: String,
    /// The first canonical document number.
    pub doc_number: Option<String>,
    /// Document id.
    pub id: String,
}

/// An issue's table of contents.
#[derive(Debug, Clone, Serialize)]
pub struct GazetteToc {
    /// The gazette, when it is not the State Council's.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
    /// Year of the issue.
    pub year: u16,
    /// Number of the issue.
    pub issue: u32,
    /// The articles in printed order.
    pub articles: Vec<TocEntry>,
}

/// Every issue of a scope: the State Council's gazette first, then the others by name; each
/// oldest first.
pub fn issues(engine: &Engine, scope: Scope) -> Result<Vec<GazetteIssue>, QueryError> {
    let view = View::new(engine, scope);
    let mut counts: BTreeMap<(Option<String>, u16, u32), u64> = BTreeMap::new();
    for (searcher, _, _) in view.snapshots() {
        let docs = searcher
            .search(&AllQuery, &DocSetCollector)
            .map_err(|e| QueryError::Internal(format!("gazette: {e}")))?;
        let mut cols = Vec::new();
        for seg in searcher.segment_readers() {
            cols.push(seg.fast_fields().str("gazette_issue").ok().flatten());
        }
        let mut s = String::new();
        for addr in docs {
            let Some(Some(col)) = cols.get(addr.segment_ord as usize) else {
                continue;
            };
            for ord in col.term_ords(addr.doc_id) {
                s.clear();
                if col.ord_to_str(ord, &mut s).unwrap_or(false) {
                    if let Some(k) = parse_key(&s) {
                        *counts.entry(k).or_default() += 1;
                    }
                }
            }
        }
    }
    Ok(counts
        .into_iter()
        .map(|((name, year, issue), articles)| GazetteIssue {
            key: gongwen_schema::GazetteRef::key(name.as_deref(), year, issue),
            name,
            year,
            issue,
            articles,
        })
        .collect())
}

/// An issue key's parts (gazette name, year, issue), as [`gongwen_schema::GazetteRef::key`]
/// writes them; `None` when `s` is no key.
pub(crate) fn parse_key(s: &str) -> Option<(Option<String>, u16, u32)> {
    let (issue, name) = match s.split_once('@') {
        Some((issue, name)) => (issue, Some(name.to_owned())),
        None => (s, None),
    };
    let (y, n) = issue.split_once('-')?;
    Some((name, y.parse().ok()?, n.parse().ok()?))
}

/// The table of contents of issue `number` of `year` of gazette `name` (`None`: the State
/// Council's); `None` when no article of it is indexed.
pub fn toc(
    engine: &Engine,
    name: Option<&str>,
    year: u16,
    number: u32,
    scope: Scope,
) -> Result<Option<GazetteToc>, QueryError> {
    let view = View::new(engine, scope);
    let docs = view.by_keyword(
        |f| f.gazette_issue,
        &gongwen_schema::GazetteRef::key(name, year, number),
    )?;
    if docs.is_empty() {
        return Ok(None);
    }
    let mut articles: Vec<TocEntry> = docs
        .into_iter()
        .map(|d| {
            let g = d.gazette.clone();
            TocEntry {
                order: g.as_ref().map_or(u32::MAX, |g| g.order),
                section: g.and_then(|g| g.section),
                doc_number: d.doc_numbers.first().map(|n| n.canonical()),
                title: d.title,
                id: d.id,
            }
        })
        .collect();
    articles.sort_by(|a, b| a.order.cmp(&b.order).then(a.id.cmp(&b.id)));
    Ok(Some(GazetteToc {
        name: name.map(str::to_owned),
        year,
        issue: number,
        articles,
    }))
}
