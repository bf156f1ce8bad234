//! `verify` catches corruption: a stored text that no longer matches its recorded hash, and
//! a segment file whose bytes were flipped.

use gongwen_indexer::{verify, IndexDir, IndexOptions, Indexer};
use gongwen_schema::Document;

fn documents() -> Vec<Document> {
    (0..20)
        .map(|i| {
            let mut d = Document {
                id: format!("d{i}"),
                title: format!("关于做好第{i}批政务公开工作的通知"),
                body: format!("各单位：现就第{i}批政务公开工作通知如下。\n一、提高认识。\n二、抓好落实。"),
                ..Document::default()
            };
            d.content_hash = d.compute_hash();
            d
        })
        .collect()
}

fn index(dir: &IndexDir, docs: Vec<Document>) {
    let opts = IndexOptions {
        progress: false,
        ..IndexOptions::default()
    };
    Indexer::new(dir, opts)
        .expect("writer")
        .index_documents(docs)
        .expect("index");
}

#[test]
fn a_text_that_no_longer_matches_its_hash_is_reported() {
    let tmp = tempfile::tempdir().expect("tempdir");
    let dir = IndexDir::open_or_create(&tmp.path().join("idx")).expect("create");
    let mut docs = documents();
    // The stored text of d7 was altered after its hash was recorded.
    docs[7].body.push_str("\n三、此句为事后篡改。");
    let recorded = docs[7].content_hash.clone();
    index(&dir, docs);
    let report = verify(&dir).expect("verify runs");
    assert!(!report.ok());
    assert_eq!(report.checked, 20);
    assert_eq!(report.mismatched.len(), 1, "{report:?}");
    let (id, rec, actual) = &report.mismatched[0];
    assert_eq!((id.as_str(), rec), ("d7", &recorded));
    assert_ne!(actual, rec);
    assert!(report.unreadable.is_empty(), "{report:?}");
}

#[test]
fn a_clean_index_verifies() {
    let tmp = tempfile::tempdir().expect("tempdir");
    let dir = IndexDir::open_or_create(&tmp.path().join("idx")).expect("create");
    index(&dir, documents());
    let report = verify(&dir).expect("verify runs");
    assert!(report.ok(), "{report:?}");
    assert_eq!(report.checked, 20);
}

#[test]
fn flipped_bytes_in_a_store_file_are_reported() {
    let tmp = tempfile::tempdir().expect("tempdir");
    let root = tmp.path().join("idx");
    {
        let dir = IndexDir::open_or_create(&root).expect("create");
        index(&dir, documents());
    }
    let store = std::fs::read_dir(root.join(gongwen_schema::layout::PUBLIC_DIR))
        .expect("public dir")
        .map(|e| e.expect("entry").path())
        .find(|p| p.extension().is_some_and(|x| x == "store"))
        .expect("a .store file");
    let mut bytes = std::fs::read(&store).expect("read store");
    assert!(bytes.len() > 64);
    // Flip bytes in the middle of the compressed document blocks.
    let mid = bytes.len() / 3;
    for b in &mut bytes[mid..mid + 16] {
        *b ^= 0xa5;
    }
    std::fs::write(&store, &bytes).expect("write store");
    let dir = IndexDir::open(&root).expect("the folder still opens");
    let report = verify(&dir).expect("verify runs");
    assert!(!report.ok(), "corruption went unnoticed: {report:?}");
    assert!(
        report
            .unreadable
            .iter()
            .any(|u| u.contains("checksum mismatch") && u.contains(".store")),
        "{report:?}"
    );
    // See (QA crash campaign): reading the documents of a damaged store made tantivy panic
    // (exit 101, nothing reported); the segment is now reported and its documents not read.
    assert!(
        report.unreadable.iter().any(|u| u.contains("documents not checked")),
        "{report:?}"
    );
}
