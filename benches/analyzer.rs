//! Segmentation speed: the analyzer's word and bigram cuts, and document-number extraction,
//! over real bodies of ../shared/corpus/gov_docs.jsonl (the first 8 MB of text).
//!
//! Run: `cargo bench --bench analyzer`. Throughput is reported in bytes of body text.

use criterion::{criterion_group, criterion_main, Criterion, Throughput};
use tantivy::tokenizer::{TokenStream, Tokenizer};

fn bodies() -> String {
    let path = concat!(env!("CARGO_MANIFEST_DIR"), "/../shared/corpus/gov_docs.jsonl");
    let text = std::fs::read_to_string(path).expect("the shared corpus sits beside the project");
    let mut out = String::new();
    for line in text.lines() {
        let v: serde_json::Value = serde_json::from_str(line).expect("json");
        out.push_str(v["body"].as_str().unwrap_or_default());
        out.push('\n');
        if out.len() > 8 << 20 {
            break;
        }
    }
    out
}

fn segmentation(c: &mut Criterion) {
    let text = bodies();
    let jieba = gongwen_schema::analyzer::jieba();
    let mut g = c.benchmark_group("segmentation");
    g.sample_size(10);
    g.throughput(Throughput::Bytes(text.len() as u64));
    g.bench_function("jieba_cut_for_search_raw", |b| {
        b.iter(|| jieba.cut_for_search(&text, true).len())
    });
    g.bench_function("words", |b| b.iter(|| gongwen_schema::analyzer::words(&text).len()));
    g.bench_function("grams", |b| b.iter(|| gongwen_schema::analyzer::grams(&text).len()));
    g.bench_function("words_stream", |b| {
        b.iter(|| {
            let mut tok = gongwen_schema::analyzer::WordTokenizer::new();
            let mut stream = tok.token_stream(&text);
            let mut n = 0usize;
            while stream.advance() {
                n += 1;
            }
            n
        })
    });
    g.bench_function("grams_stream", |b| {
        b.iter(|| {
            let mut tok = gongwen_schema::analyzer::GramTokenizer::default();
            let mut stream = tok.token_stream(&text);
            let mut n = 0usize;
            while stream.advance() {
                n += 1;
            }
            n
        })
    });
    g.bench_function("extract_numbers", |b| b.iter(|| gongwen_schema::extract(&text).len()));
    g.finish();
}

criterion_group!(benches, segmentation);
criterion_main!(benches);
