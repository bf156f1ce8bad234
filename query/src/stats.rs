//! BM25 statistics remembered across queries.
//!
//! Building a query's weights asks, for every term, how many documents hold it: tantivy
//! answers by looking the term up in every segment's term dictionary, and asks again for
//! the same terms in the next query (7% of a search on the full corpus). The statistics of
//! one searcher generation never change, so they are kept here, for the newest generation
//! seen, and forgotten when a newer one comes (a commit). A query still running on an older
//! searcher is answered by that searcher, and nothing it computes is kept.

use std::collections::HashMap;
use std::sync::RwLock;

use tantivy::query::Bm25StatisticsProvider;
use tantivy::schema::Field;
use tantivy::{Searcher, Term};

/// Terms remembered at most; the cache starts again empty past it.
const MAX_TERMS: usize = 50_000;

/// The statistics of the newest searcher generation seen by one index.
#[derive(Default)]
pub(crate) struct TermStats {
    state: RwLock<State>,
}

#[derive(Default)]
struct State {
    /// Generation the values below belong to.
    generation: Option<u64>,
    docs: Option<u64>,
    tokens: HashMap<Field, u64>,
    freqs: HashMap<Term, u64>,
}

impl TermStats {
    /// The statistics of `searcher`, cached when it is the newest generation.
    pub(crate) fn of<'a>(&'a self, searcher: &'a Searcher) -> Stats<'a> {
        Stats {
            cache: self,
            searcher,
            generation: searcher.generation().generation_id(),
        }
    }
}

/// The statistics provider of one search.
pub(crate) struct Stats<'a> {
    cache: &'a TermStats,
    searcher: &'a Searcher,
    generation: u64,
}

impl Stats<'_> {
    /// `get` from the cache when it holds this generation; else `compute`, kept by `put`
    /// unless a newer generation has been seen.
    fn cached<T: Copy>(
        &self,
        get: impl Fn(&State) -> Option<T>,
        compute: impl FnOnce() -> tantivy::Result<T>,
        put: impl FnOnce(&mut State, T),
    ) -> tantivy::Result<T> {
        {
            let state = self.cache.state.read().unwrap_or_else(|e| e.into_inner());
            if state.generation == Some(self.generation) {
                if let Some(v) = get(&state) {
                    return Ok(v);
                }
            }
        }
        let v = compute()?;
        let mut state = self.cache.state.write().unwrap_or_else(|e| e.into_inner());
        match state.generation {
            Some(g) if g > self.generation => return Ok(v),
            Some(g) if g == self.generation => {}
            _ => {
                *state = State {
                    generation: Some(self.generation),
                    ..State::default()
                }
            }
        }
        if state.freqs.len() >= MAX_TERMS {
            state.freqs.clear();
        }
        put(&mut state, v);
        Ok(v)
    }
}

impl Bm25StatisticsProvider for Stats<'_> {
    fn total_num_tokens(&self, field: Field) -> tantivy::Result<u64> {
        self.cached(
            |s| s.tokens.get(&field).copied(),
            || self.searcher.total_num_tokens(field),
            |s, v| {
                s.tokens.insert(field, v);
            },
        )
    }

    fn total_num_docs(&self) -> tantivy::Result<u64> {
        self.cached(|s| s.docs, || self.searcher.total_num_docs(), |s, v| s.docs = Some(v))
    }

    fn doc_freq(&self, term: &Term) -> tantivy::Result<u64> {
        self.cached(
            |s| s.freqs.get(term).copied(),
            || self.searcher.doc_freq(term),
            |s, v| {
                s.freqs.insert(term.clone(), v);
            },
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use tantivy::schema::{Schema, TEXT};
    use tantivy::{doc, Index, IndexWriter, ReloadPolicy};

    fn counts(p: &dyn Bm25StatisticsProvider, field: Field, term: &Term) -> (u64, u64, u64) {
        (
            p.doc_freq(term).expect("doc_freq"),
            p.total_num_docs().expect("docs"),
            p.total_num_tokens(field).expect("tokens"),
        )
    }

    #[test]
    fn each_generation_has_its_own_statistics() {
        let mut schema = Schema::builder();
        let body = schema.add_text_field("body", TEXT);
        let index = Index::create_in_ram(schema.build());
        let mut writer: IndexWriter = index.writer_with_num_threads(1, 15_000_000).expect("writer");
        let reader = index
            .reader_builder()
            .reload_policy(ReloadPolicy::Manual)
            .try_into()
            .expect("reader");
        let term = Term::from_field_text(body, "policy");
        writer.add_document(doc!(body => "policy notice")).expect("add");
        writer.commit().expect("commit");
        reader.reload().expect("reload");
        let old = reader.searcher();
        let cache = TermStats::default();
        assert_eq!(counts(&cache.of(&old), body, &term), (1, 1, 2));
        // Asked again: from the cache, the same.
        assert_eq!(counts(&cache.of(&old), body, &term), counts(&old, body, &term));

        writer
            .add_document(doc!(body => "policy policy interpretation"))
            .expect("add");
        writer.add_document(doc!(body => "gazette")).expect("add");
        writer.commit().expect("commit");
        reader.reload().expect("reload");
        let new = reader.searcher();
        // The newer generation is not answered with the older one's figures...
        assert_eq!(counts(&cache.of(&new), body, &term), (2, 3, 6));
        // ...and a query still running on the older searcher gets its own, without
        // replacing the newer ones in the cache.
        assert_eq!(counts(&cache.of(&old), body, &term), (1, 1, 2));
        assert_eq!(counts(&cache.of(&new), body, &term), counts(&new, body, &term));
        let state = cache.state.read().expect("lock");
        assert_eq!(state.generation, Some(new.generation().generation_id()));
        assert_eq!(state.freqs.get(&term), Some(&2));
    }
}
