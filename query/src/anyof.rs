//! [`AnyOf`]: a union of queries whose scorer is lazy.
//!
//! tantivy's union scorer (`BooleanQuery` of `Should` clauses) fills a window of 4,096
//! documents ahead at a time: each clause is advanced through every one of its matches in the
//! window. Inside an intersection (`北京 噪声`: each word is "in the title, or its bigram phrase
//! in the body", and every word is required) that means verifying the phrase of a common word
//! on thousands of documents the rare word already rules out. [`AnyOf`] moves its clauses only
//! as far as it is asked: `seek` seeks each clause, so a phrase is checked only on the
//! documents the intersection proposes. Its score is the sum of the scores of the clauses on
//! the document, as for a union of `Should` clauses.

use tantivy::query::{EnableScoring, Explanation, Query, Scorer, Weight};
use tantivy::{DocId, DocSet, Score, SegmentReader, TantivyError, Term, TERMINATED};

/// Documents matching any of the queries, scored by the sum of the matching ones.
#[derive(Debug)]
pub struct AnyOf(pub Vec<Box<dyn Query>>);

impl Clone for AnyOf {
    fn clone(&self) -> Self {
        AnyOf(self.0.iter().map(|q| q.box_clone()).collect())
    }
}

impl Query for AnyOf {
    fn weight(&self, scoring: EnableScoring<'_>) -> tantivy::Result<Box<dyn Weight>> {
        let weights = self
            .0
            .iter()
            .map(|q| q.weight(scoring))
            .collect::<tantivy::Result<Vec<_>>>()?;
        Ok(Box::new(AnyOfWeight(weights)))
    }

    fn query_terms<'a>(&'a self, visitor: &mut dyn FnMut(&'a Term, bool)) {
        for q in &self.0 {
            q.query_terms(visitor);
        }
    }
}

struct AnyOfWeight(Vec<Box<dyn Weight>>);

impl Weight for AnyOfWeight {
    fn scorer(&self, reader: &SegmentReader, boost: Score) -> tantivy::Result<Box<dyn Scorer>> {
        let mut children = Vec::with_capacity(self.0.len());
        for w in &self.0 {
            let s = w.scorer(reader, boost)?;
            if s.doc() != TERMINATED {
                children.push(s);
            }
        }
        Ok(Box::new(LazyUnion::new(children)))
    }

    fn explain(&self, reader: &SegmentReader, doc: DocId) -> tantivy::Result<Explanation> {
        let mut scorer = self.scorer(reader, 1.0)?;
        if scorer.seek(doc) != doc {
            return Err(TantivyError::InvalidArgument(format!("document {doc} does not match")));
        }
        let mut e = Explanation::new("any of", scorer.score());
        for w in &self.0 {
            if let Ok(child) = w.explain(reader, doc) {
                e.add_detail(child);
            }
        }
        Ok(e)
    }
}

/// The union of `children`, positioned on the smallest of their current documents.
pub(crate) struct LazyUnion {
    children: Vec<Box<dyn Scorer>>,
    doc: DocId,
}

impl LazyUnion {
    pub(crate) fn new(children: Vec<Box<dyn Scorer>>) -> LazyUnion {
        let doc = children.iter().map(|c| c.doc()).min().unwrap_or(TERMINATED);
        LazyUnion { children, doc }
    }
}

impl DocSet for LazyUnion {
    fn advance(&mut self) -> DocId {
        if self.doc == TERMINATED {
            return TERMINATED;
        }
        let current = self.doc;
        let mut next = TERMINATED;
        for c in &mut self.children {
            let mut d = c.doc();
            if d == current {
                d = c.advance();
            }
            next = next.min(d);
        }
        self.doc = next;
        next
    }

    fn seek(&mut self, target: DocId) -> DocId {
        if self.doc >= target {
            return self.doc;
        }
        let mut next = TERMINATED;
        for c in &mut self.children {
            let mut d = c.doc();
            if d < target {
                d = c.seek(target);
            }
            next = next.min(d);
        }
        self.doc = next;
        next
    }

    fn doc(&self) -> DocId {
        self.doc
    }

    fn size_hint(&self) -> u32 {
        self.children.iter().map(|c| c.size_hint()).max().unwrap_or(0)
    }

    fn cost(&self) -> u64 {
        self.children.iter().map(|c| c.cost()).sum()
    }
}

impl Scorer for LazyUnion {
    fn score(&mut self) -> Score {
        let doc = self.doc;
        self.children
            .iter_mut()
            .filter(|c| c.doc() == doc)
            .map(|c| c.score())
            .sum()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;
    use tantivy::query::{BooleanQuery, Occur, TermQuery};
    use tantivy::schema::{IndexRecordOption, Schema, STRING};
    use tantivy::{doc, Index};

    /// An index of `docs` documents, each with the words of its list in field `w`.
    fn index(docs: &[Vec<u8>]) -> (Index, tantivy::schema::Field) {
        let mut b = Schema::builder();
        let w = b.add_text_field("w", STRING);
        let index = Index::create_in_ram(b.build());
        let mut writer = index.writer_with_num_threads(1, 20_000_000).expect("writer");
        for words in docs {
            let mut d = doc!();
            for x in words {
                d.add_text(w, format!("w{x}"));
            }
            writer.add_document(d).expect("add");
        }
        writer.commit().expect("commit");
        (index, w)
    }

    fn term_q(f: tantivy::schema::Field, x: u8) -> Box<dyn Query> {
        Box::new(TermQuery::new(
            Term::from_field_text(f, &format!("w{x}")),
            IndexRecordOption::WithFreqs,
        ))
    }

    /// (doc, score) of every match, in doc order.
    fn matches(index: &Index, q: &dyn Query) -> Vec<(DocId, Score)> {
        let searcher = index.reader().expect("reader").searcher();
        let weight = q
            .weight(EnableScoring::enabled_from_searcher(&searcher))
            .expect("weight");
        let mut out = Vec::new();
        for seg in searcher.segment_readers() {
            weight.for_each(seg, &mut |d, s| out.push((d, s))).expect("for_each");
        }
        out
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(64))]
        /// Same documents and scores as tantivy's union of Should clauses, alone and as a
        /// required part of an intersection (where it is sought, not advanced).
        #[test]
        fn agrees_with_a_boolean_union(
            docs in proptest::collection::vec(proptest::collection::vec(0u8..6, 0..4), 1..300),
            any in proptest::collection::vec(0u8..6, 1..4),
            also in 0u8..6,
        ) {
            let (index, f) = index(&docs);
            let lazy = AnyOf(any.iter().map(|x| term_q(f, *x)).collect());
            let eager = BooleanQuery::new(any.iter().map(|x| (Occur::Should, term_q(f, *x))).collect());
            let close = |a: &[(DocId, Score)], b: &[(DocId, Score)]| {
                a.len() == b.len() && a.iter().zip(b).all(|(x, y)| x.0 == y.0 && (x.1 - y.1).abs() <= 1e-4 * y.1.abs().max(1.0))
            };
            let (l, e) = (matches(&index, &lazy), matches(&index, &eager));
            prop_assert!(close(&l, &e), "alone: {:?} vs {:?}", l, e);
            let lazy_and = BooleanQuery::new(vec![(Occur::Must, term_q(f, also)), (Occur::Must, Box::new(lazy))]);
            let eager_and = BooleanQuery::new(vec![(Occur::Must, term_q(f, also)), (Occur::Must, Box::new(eager))]);
            let (l, e) = (matches(&index, &lazy_and), matches(&index, &eager_and));
            prop_assert!(close(&l, &e), "in an intersection: {:?} vs {:?}", l, e);
        }
    }
}
