//! Everything that reads gongwen's index: query understanding, ranking, facets, snippets and
//! the HTTP server.
//!
//! Roles:
//! * [`understand`] reads a query string into document numbers (any spelling, via
//!   `gongwen_schema::extract`), partial numbers, quoted phrases, `-exclusions` and free text.
//! * [`Engine`] opens an index folder (the public index always, the restricted one only when
//!   staff access is configured), builds tantivy queries and returns our own [`SearchResponse`],
//!   [`Hit`], [`Suggestion`] types; tantivy types stay inside.
//! * [`snippet`] cuts highlighted windows on character boundaries.
//! * [`cite`] resolves each document's references against the index at query time
//!   (citations, cited by, status and succession, interpretations, the corpus-wide report);
//!   [`check`] says whether a number is real and a title agrees with it.
//! * [`gazette`] lists gazette issues and their tables of contents; [`catalog`] browses the
//!   public catalog as a tree with counts.
//! * [`http::app`] is the axum router (JSON API, web page, embeddable search box).
//!
//! ## How scores are composed
//! A hit's score is the sum of the BM25 scores of the clauses it matches, each multiplied by
//! a boost:
//!
//! | clause | field | boost |
//! |---|---|---|
//! | the document number asked for (exact keyword) | `docnum` | ×200 |
//! | a document citing that number | `cites` | ×4 |
//! | the whole free text equal to the title, or to it without 中华人民共和国 or the issuer before 关于 (folded) | `title_exact`, `title_name` | ×(60 + 10 per character) |
//! | the free text as an exact fragment of the title / body (bigram phrase) | `title_grams` / `body_grams` | ×8 / ×min(2 + n/2, 7) for n bigrams |
//! | each word of the free text (required, in title or body): a term of the title; in the body the phrase of its bigrams (a one-character word alone in its chunk: the bigrams it starts) | `title` / `body_grams` | ×3 / ×1 |
//! | each sub-word search mode finds inside a word (not required) | `title` | ×3 |
//! | a quoted phrase in title / body (required) | `title_grams` / `body_grams` | ×4 / ×1 |
//! | a synonym's expansion, as phrases (alternative) | grams | ×3 / ×1 |
//!
//! The alternatives of a word (title term or body phrase) and of a chunk are joined by a lazy
//! union (`anyof`): same sum of scores as a union of `Should` clauses, but a phrase is
//! verified only on the documents the other required words leave.
//!
//! A phrase (of a word's bigrams, a fragment, a quoted phrase) scores by BM25 with the idf of
//! all its bigrams summed (tantivy's phrase weight), the phrase frequency as term frequency.
//!
//! BM25 statistics are kept per searcher generation (`stats`). Facet counts and ranking's
//! tie-breaks read per-segment arrays built once when a searcher is warmed (`facet`); with
//! facet filters, a document is scored only when it passes them all. A page of hits is read
//! raw from each segment's store (`stored`: the metadata parsed, the body lent from the cached
//! block), and snippets search needles with `memchr`'s substring search in the stored bytes,
//! decoding only the window (see [`snippet`]).
//!
//! Filters add nothing to scores. Equal scores are ordered by date, newest first. So a query
//! that is a document number puts that document first, then the documents that cite it; an
//! exact title puts that document first; a pasted passage puts the document containing it
//! first, because the bigram phrase matches it alone and outweighs scattered word matches.
//!
//! ```no_run
//! use gongwen_query::{Engine, EngineOptions, Scope, SearchRequest};
//! let engine = Engine::open("data/index".as_ref(), EngineOptions::default()).unwrap();
//! let req = SearchRequest { q: "绿政办发[2018]59号".into(), ..Default::default() };
//! let resp = engine.search(&req, Scope::Public).unwrap();
//! println!("{} hits, first: {:?}", resp.total, resp.hits.first().map(|h| &h.title));
//! ```

mod anyof;
pub mod catalog;
pub mod cite;
mod engine;
mod facet;
pub mod gazette;
pub mod http;
mod limits;
mod lookup;
mod segments;
pub mod snippet;
mod stats;
mod stored;
mod synonyms;
pub mod understand;

pub use engine::{
    Engine, EngineOptions, FacetCount, FileCheck, Hit, Scope, SearchRequest, SearchResponse, Sort, Suggestion,
    Understood,
};
pub use http::{app, AppState};
pub use limits::Limits;
pub use lookup::{check, CheckResult, DocLink};
pub use snippet::Snippet;
pub use synonyms::Synonyms;

/// Errors of the query side.
#[derive(Debug, thiserror::Error)]
pub enum QueryError {
    /// The request is malformed or over a limit.
    #[error("{0}")]
    BadRequest(String),
    /// The text is not a document number.
    #[error("not a document number: {0}")]
    NotANumber(String),
    /// The index folder cannot be opened.
    #[error("cannot open the index: {0}")]
    Open(String),
    /// Anything else: a bug or a damaged index.
    #[error("internal error: {0}")]
    Internal(String),
}
