//! The naive setup every figure is compared with: tantivy + the `tantivy-jieba` tokenizer
//! (search mode, jieba's default dictionary), the default writer (`index.writer(50_000_000)`,
//! one thread per core it may run on), the default `QueryParser` over title and body. Body
//! not stored; title and id stored so hits can be checked.
//!
//! Shared by the bench binaries; each uses a part of it.
#![allow(dead_code)]

use std::io::BufRead;
use std::path::Path;

use anyhow::{Context, Result};
use tantivy::collector::{Count, TopDocs};
use tantivy::query::QueryParser;
use tantivy::schema::{Field, IndexRecordOption, Schema, TextFieldIndexing, TextOptions, Value, STORED, STRING};
use tantivy::{doc, Index, IndexReader, TantivyDocument};

/// The naive index's fields.
pub struct Naive {
    /// The index.
    pub index: Index,
    /// A reader.
    pub reader: IndexReader,
    id: Field,
    title: Field,
    body: Field,
    parser: QueryParser,
}

fn schema() -> (Schema, Field, Field, Field) {
    let mut b = Schema::builder();
    let text = |stored: bool| {
        let o = TextOptions::default().set_indexing_options(
            TextFieldIndexing::default()
                .set_tokenizer("jieba")
                .set_index_option(IndexRecordOption::WithFreqsAndPositions),
        );
        if stored {
            o.set_stored()
        } else {
            o
        }
    };
    let id = b.add_text_field("id", STRING | STORED);
    let title = b.add_text_field("title", text(true));
    let body = b.add_text_field("body", text(false));
    (b.build(), id, title, body)
}

/// What indexing did.
pub struct Built {
    /// Documents written.
    pub docs: u64,
    /// Body bytes written.
    pub body_bytes: u64,
}

/// Index the JSONL file `corpus` into a new index in `dir` with the default writer.
pub fn build(dir: &Path, corpus: &Path) -> Result<Built> {
    let (schema, id, title, body) = schema();
    let index = Index::create_in_dir(dir, schema)?;
    index
        .tokenizers()
        .register("jieba", tantivy_jieba::JiebaTokenizer::new());
    let mut writer: tantivy::IndexWriter = index.writer(50_000_000)?;
    let file = std::fs::File::open(corpus).with_context(|| corpus.display().to_string())?;
    let mut built = Built { docs: 0, body_bytes: 0 };
    for line in std::io::BufReader::new(file).lines() {
        let line = line?;
        if line.trim().is_empty() {
            continue;
        }
        let v: serde_json::Value = serde_json::from_str(&line)?;
        let s = |k: &str| v[k].as_str().unwrap_or_default().to_string();
        let b = s("body");
        built.body_bytes += b.len() as u64;
        built.docs += 1;
        writer.add_document(doc!(id => s("id"), title => s("title"), body => b))?;
    }
    writer.commit()?;
    writer.wait_merging_threads()?;
    Ok(built)
}

impl Naive {
    /// Open an index made by [`build`].
    pub fn open(dir: &Path) -> Result<Naive> {
        let index = Index::open_in_dir(dir)?;
        index
            .tokenizers()
            .register("jieba", tantivy_jieba::JiebaTokenizer::new());
        let s = index.schema();
        let (id, title, body) = (s.get_field("id")?, s.get_field("title")?, s.get_field("body")?);
        let reader = index.reader()?;
        let parser = QueryParser::for_index(&index, vec![title, body]);
        Ok(Naive {
            index,
            reader,
            id,
            title,
            body,
            parser,
        })
    }

    /// Search `q` as typed (the strict parser, else the lenient one, as a naive app would),
    /// skip `offset`, return the ids and titles of up to `limit` hits and the total count.
    pub fn search(&self, q: &str, offset: usize, limit: usize) -> Result<(Vec<(String, String)>, usize)> {
        let query = match self.parser.parse_query(q) {
            Ok(q) => q,
            Err(_) => self.parser.parse_query_lenient(q).0,
        };
        let searcher = self.reader.searcher();
        let (top, count) = searcher.search(
            &query,
            &(TopDocs::with_limit(limit).and_offset(offset).order_by_score(), Count),
        )?;
        let mut hits = Vec::with_capacity(top.len());
        for (_, addr) in top {
            let d: TantivyDocument = searcher.doc(addr)?;
            let get = |f: Field| d.get_first(f).and_then(|v| v.as_str()).unwrap_or_default().to_string();
            hits.push((get(self.id), get(self.title)));
        }
        Ok((hits, count))
    }

    /// The body field (unused by searches, named for completeness).
    pub fn body(&self) -> Field {
        self.body
    }
}
