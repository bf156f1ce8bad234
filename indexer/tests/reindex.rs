//! Re-reading a source: unchanged records are skipped (by source key before parsing, or by
//! content hash after), changed ones updated, and a change of read options is not mistaken
//! for "unchanged".

use std::path::Path;

use gongwen_corpus::ReadOptions;
use gongwen_indexer::{IndexDir, IndexOptions, Indexer, Summary, Visibility};
use gongwen_schema::Disclosure;

fn run(dir: &IndexDir, file: &Path, read: ReadOptions) -> Summary {
    let opts = IndexOptions {
        progress: false,
        read,
        ..IndexOptions::default()
    };
    Indexer::new(dir, opts)
        .expect("writer")
        .index_paths(&[file.to_path_buf()])
        .expect("index")
}

fn count(dir: &IndexDir, v: Visibility) -> u64 {
    dir.tantivy(v).reader().expect("reader").searcher().num_docs()
}

fn line(id: &str, title: &str, body: &str) -> String {
    serde_json::json!({ "id": id, "title": title, "body": body }).to_string()
}

#[test]
fn unchanged_records_are_skipped_and_changes_are_seen() {
    let tmp = tempfile::tempdir().expect("tempdir");
    let dir = IndexDir::open_or_create(&tmp.path().join("idx")).expect("create");
    let file = tmp.path().join("docs.jsonl");
    let lines = [
        line("a", "关于甲的通知", "甲事项。"),
        line("b", "关于乙的通知", "乙事项。"),
        line("c", "关于丙的通知", "丙事项。"),
    ];
    std::fs::write(&file, lines.join("\n")).expect("write");
    let s = run(&dir, &file, ReadOptions::default());
    assert_eq!((s.indexed, s.updated, s.skipped), (3, 0, 0));

    // The same bytes again: all skipped.
    let s = run(&dir, &file, ReadOptions::default());
    assert_eq!((s.indexed, s.updated, s.skipped), (0, 0, 3));

    // One body changed: one update; another record re-serialised with the same content
    // (other bytes, same title and body): skipped by content hash.
    let respaced = lines[2].replace("\",\"", "\", \"");
    assert_ne!(respaced, lines[2]);
    let changed = [
        lines[0].clone(),
        line("b", "关于乙的通知", "乙事项，已修改。"),
        respaced,
    ];
    std::fs::write(&file, changed.join("\n")).expect("write");
    let s = run(&dir, &file, ReadOptions::default());
    assert_eq!((s.indexed, s.updated, s.skipped), (0, 1, 2));
    assert_eq!(count(&dir, Visibility::Public), 3);

    // Other read options: the records (which state no disclosure) now default to 依申请公开
    // and must move to the restricted index, not be skipped as unchanged.
    let restricted = ReadOptions {
        default_disclosure: Disclosure::OnRequest,
        ..ReadOptions::default()
    };
    let s = run(&dir, &file, restricted);
    assert_eq!((s.updated, s.skipped), (3, 0));
    assert_eq!(
        (count(&dir, Visibility::Public), count(&dir, Visibility::Restricted)),
        (0, 3)
    );
}
