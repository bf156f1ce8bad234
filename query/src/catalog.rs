//! The public catalog (政府信息公开目录) as a tree with counts: issuer → year → kind, over the
//! documents that pass the given filters (issuer, year, kind, topic). Read from fast fields
//! only, so no body is loaded.
//!
//! A joint document counts under each of its issuers, so an issuer's counts can add up to
//! more than `total`; a document without an issuer or a year sits under `null`.

use std::collections::BTreeMap;

use gongwen_schema::Kind;
use serde::{Deserialize, Serialize};
use tantivy::collector::DocSetCollector;
use tantivy::query::{AllQuery, BooleanQuery, Occur, Query, RangeQuery, TermQuery};
use tantivy::schema::IndexRecordOption;
use tantivy::Term;

use crate::engine::{Engine, Scope};
use crate::lookup::View;
use crate::QueryError;

/// Filters of a catalog request; every one optional.
#[derive(Debug, Clone, Default, Deserialize, Serialize)]
#[serde(default)]
pub struct CatalogRequest {
    /// Issuing organ (exact).
    pub issuer: Option<String>,
    /// Year.
    pub year: Option<String>,
    /// Kind name.
    pub kind: Option<String>,
    /// Topic (exact).
    pub topic: Option<String>,
}

/// A node of the tree: a value of its level, the documents under it, its children.
#[derive(Debug, Clone, Serialize, PartialEq, Eq)]
pub struct CatalogNode {
    /// The value (issuer name, year, kind name); `null` when documents lack it.
    pub value: Option<String>,
    /// Documents under it.
    pub count: u64,
    /// The next level, largest first (years newest first); absent on the last level.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub children: Vec<CatalogNode>,
}

/// The catalog.
#[derive(Debug, Clone, Serialize)]
pub struct Catalog {
    /// Documents passing the filters.
    pub total: u64,
    /// The filters applied.
    pub filters: CatalogRequest,
    /// The levels of the tree, outermost first.
    pub levels: [&'static str; 3],
    /// Issuers, each with years, each with kinds.
    pub tree: Vec<CatalogNode>,
}

type Counts = BTreeMap<Option<String>, (u64, BTreeMap<Option<String>, (u64, BTreeMap<Option<String>, u64>)>)>;

fn clean(s: &Option<String>) -> Option<String> {
    s.as_ref().map(|s| s.trim().to_string()).filter(|s| !s.is_empty())
}

/// Browse the catalog of a scope.
pub fn catalog(engine: &Engine, req: &CatalogRequest, scope: Scope) -> Result<Catalog, QueryError> {
    let filters = CatalogRequest {
        issuer: clean(&req.issuer),
        year: clean(&req.year),
        kind: clean(&req.kind),
        topic: clean(&req.topic),
    };
    let year: Option<u64> = match &filters.year {
        Some(y) => Some(
            y.parse::<u64>()
                .ok()
                .filter(|y| *y <= 9999)
                .ok_or_else(|| QueryError::BadRequest(format!("year: expected YYYY, got {y:?}")))?,
        ),
        None => None,
    };
    if let Some(k) = &filters.kind {
        Kind::from_name(k).ok_or_else(|| QueryError::BadRequest(format!("unknown kind {k:?}")))?;
    }
    let view = View::new(engine, scope);
    let mut counts: Counts = BTreeMap::new();
    let mut total = 0u64;
    for (searcher, f, _) in view.snapshots() {
        let mut must: Vec<(Occur, Box<dyn Query>)> = Vec::new();
        let term = |field, v: &str| -> Box<dyn Query> {
            Box::new(TermQuery::new(
                Term::from_field_text(field, v),
                IndexRecordOption::Basic,
            ))
        };
        if let Some(v) = &filters.issuer {
            must.push((Occur::Must, term(f.issuer, v)));
        }
        if let Some(v) = &filters.kind {
            // `gazette`: every gazette article, whatever kind it publishes, as search reads it.
            // See (QA staff pass, fifteenth session): the catalog counted 0 where search found 143.
            if v == Kind::Gazette.as_str() {
                let articles: Vec<(Occur, Box<dyn Query>)> = vec![
                    (Occur::Should, term(f.kind, v)),
                    (
                        Occur::Should,
                        Box::new(tantivy::query::ExistsQuery::new("gazette_issue".into(), false)),
                    ),
                ];
                must.push((Occur::Must, Box::new(BooleanQuery::new(articles))));
            } else {
                must.push((Occur::Must, term(f.kind, v)));
            }
        }
        if let Some(v) = &filters.topic {
            must.push((Occur::Must, term(f.topic, v)));
        }
        if let Some(y) = year {
            must.push((
                Occur::Must,
                Box::new(RangeQuery::new(
                    std::ops::Bound::Included(Term::from_field_u64(f.year, y)),
                    std::ops::Bound::Included(Term::from_field_u64(f.year, y)),
                )),
            ));
        }
        if must.is_empty() {
            must.push((Occur::Must, Box::new(AllQuery)));
        }
        let docs = searcher
            .search(&BooleanQuery::new(must), &DocSetCollector)
            .map_err(|e| QueryError::Internal(format!("catalog: {e}")))?;
        let segs: Vec<_> = searcher
            .segment_readers()
            .iter()
            .map(|s| {
                let ff = s.fast_fields();
                (
                    ff.str("issuer").ok().flatten(),
                    ff.u64("year").ok(),
                    ff.str("kind").ok().flatten(),
                )
            })
            .collect();
        let mut s = String::new();
        for addr in docs {
            let Some((issuers, years, kinds)) = segs.get(addr.segment_ord as usize) else {
                continue;
            };
            total += 1;
            let doc = addr.doc_id;
            let mut strs = |col: &Option<tantivy::columnar::StrColumn>| -> Vec<String> {
                let mut out = Vec::new();
                if let Some(c) = col {
                    for ord in c.term_ords(doc) {
                        s.clear();
                        if c.ord_to_str(ord, &mut s).unwrap_or(false) {
                            out.push(s.clone());
                        }
                    }
                }
                out
            };
            let mut is: Vec<Option<String>> = strs(issuers).into_iter().map(Some).collect();
            if let Some(v) = &filters.issuer {
                is.retain(|i| i.as_deref() == Some(v.as_str()));
            }
            if is.is_empty() {
                is.push(None);
            }
            let k: Option<String> = strs(kinds).into_iter().next();
            let y: Option<String> = years.as_ref().and_then(|c| c.first(doc)).map(|y| y.to_string());
            for i in is {
                let node = counts.entry(i).or_default();
                node.0 += 1;
                let yn = node.1.entry(y.clone()).or_default();
                yn.0 += 1;
                *yn.1.entry(k.clone()).or_default() += 1;
            }
        }
    }
    let by_count = |a: &CatalogNode, b: &CatalogNode| b.count.cmp(&a.count).then(a.value.cmp(&b.value));
    let mut tree: Vec<CatalogNode> = counts
        .into_iter()
        .map(|(issuer, (n, years))| {
            let mut children: Vec<CatalogNode> = years
                .into_iter()
                .map(|(year, (n, kinds))| {
                    let mut children: Vec<CatalogNode> = kinds
                        .into_iter()
                        .map(|(kind, n)| CatalogNode {
                            value: kind,
                            count: n,
                            children: Vec::new(),
                        })
                        .collect();
                    children.sort_by(by_count);
                    CatalogNode {
                        value: year,
                        count: n,
                        children,
                    }
                })
                .collect();
            // Years newest first, unknown last.
            children.sort_by(|a, b| b.value.is_some().cmp(&a.value.is_some()).then(b.value.cmp(&a.value)));
            CatalogNode {
                value: issuer,
                count: n,
                children,
            }
        })
        .collect();
    tree.sort_by(by_count);
    Ok(Catalog {
        total,
        filters,
        levels: ["issuer", "year", "kind"],
        tree,
    })
}
