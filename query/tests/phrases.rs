//! Phrases of bigrams match the text as written: never across punctuation (where the last
//! bigram of one run and the first of the next would otherwise be adjacent), a passage
//! pasted with its punctuation still finds its document, and a line wrapped inside a sentence
//! (PDF text) does not break a phrase.

use gongwen_indexer::{IndexDir, IndexOptions, Indexer};
use gongwen_query::{Engine, EngineOptions, Scope, SearchRequest};

fn ids(engine: &Engine, q: &str) -> Vec<String> {
    let req = SearchRequest {
        q: q.into(),
        ..SearchRequest::default()
    };
    let resp = engine.search(&req, Scope::Public).expect("search");
    assert_eq!(resp.total, resp.hits.len(), "{q}: one page holds every hit");
    resp.hits.into_iter().map(|h| h.id).collect()
}

/// An engine over these JSONL records, indexed into `tmp`.
fn engine_of(tmp: &std::path::Path, records: &[&str]) -> Engine {
    let path = tmp.join("docs.jsonl");
    std::fs::write(&path, records.join("\n") + "\n").expect("write");
    let dir = IndexDir::open_or_create(&tmp.join("idx")).expect("create");
    let opts = IndexOptions {
        progress: false,
        ..IndexOptions::default()
    };
    Indexer::new(&dir, opts)
        .expect("writer")
        .index_paths(&[path])
        .expect("index");
    Engine::open(&tmp.join("idx"), EngineOptions::default()).expect("engine")
}

#[test]
fn a_phrase_never_spans_punctuation() {
    let tmp = tempfile::tempdir().expect("tempdir");
    let records = [
        r#"{"id":"a","title":"甲通知","body":"我们的人民。民政部门负责此事。"}"#,
        r#"{"id":"b","title":"乙通知","body":"人民政府办公室关于此事的通知。"}"#,
        r#"{"id":"c","title":"丙通知","body":"管理条例，例如此事。"}"#,
        r#"{"id":"d","title":"丁通知","body":"第2018号文件，办法自2019年起施行。"}"#,
    ];
    let engine = engine_of(tmp.path(), &records);

    // The text holds 人民 and 民政 on either side of a full stop, not 人民政.
    assert_eq!(ids(&engine, "\"人民政\""), ["b"]);
    // 理条例 and 例如 on either side of a comma, not 理条例如.
    assert!(ids(&engine, "\"理条例如\"").is_empty());
    // A number and the run after it are not adjacent across a comma either.
    assert!(ids(&engine, "\"2018号文件办法\"").is_empty());
    // Passages copied with their punctuation find their documents, quoted or not.
    assert_eq!(ids(&engine, "\"人民。民政部门\""), ["a"]);
    assert_eq!(ids(&engine, "\"管理条例，例如\""), ["c"]);
    assert_eq!(ids(&engine, "\"2018号文件，办法\""), ["d"]);
    assert_eq!(
        ids(&engine, "人民。民政部门负责").first().map(String::as_str),
        Some("a")
    );
}

// See: bodies taken from PDFs keep the PDF's line ends inside sentences (26 characters a line
// in a corpus regulation: `保护开展公益性宣传和舆论` / `监督。`), and a phrase typed across such a
// wrap found nothing.
#[test]
fn a_phrase_is_found_across_a_wrapped_line() {
    let tmp = tempfile::tempdir().expect("tempdir");
    let records = [
        r#"{"id":"w","title":"甲条例","body":"第五条 各级人民政府应当对文物保护开展公益性宣传和舆论\n监督。\n第六条 本条例自公布之日起施行。"}"#,
        r#"{"id":"p","title":"乙条例","body":"第一条 舆论。\n监督管理部门负责此事。"}"#,
    ];
    let engine = engine_of(tmp.path(), &records);
    assert_eq!(ids(&engine, "\"公益性宣传和舆论监督\""), ["w"]);
    assert_eq!(ids(&engine, "舆论监督"), ["w"]);
    // Pasted with the wrap, it is the same phrase.
    assert_eq!(ids(&engine, "\"宣传和舆论\n监督\""), ["w"]);
    // A break after punctuation is a real end: 舆论。 and 监督 are not one phrase.
    assert!(!ids(&engine, "\"舆论监督管理\"").contains(&"p".to_string()));
}
