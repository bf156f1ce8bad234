//! A document written by the indexer reads back whole.

use gongwen_indexer::{IndexDir, IndexOptions, Indexer};
use gongwen_schema::{Document, Fields};

#[test]
fn stored_document_reads_back() {
    let tmp = tempfile::tempdir().expect("tempdir");
    let dir = IndexDir::open_or_create(&tmp.path().join("idx")).expect("create");
    let mut doc = Document {
        id: "a".into(),
        title: "关于政务公开的通知".into(),
        body: "第一段。\n第二段政务公开。".into(),
        ..Document::default()
    };
    doc.content_hash = doc.compute_hash();
    let opts = IndexOptions {
        progress: false,
        ..IndexOptions::default()
    };
    let s = Indexer::new(&dir, opts.clone())
        .expect("writer")
        .index_documents(vec![doc.clone()])
        .expect("index");
    assert_eq!(s.indexed, 1);
    let reader = dir
        .tantivy(gongwen_indexer::Visibility::Public)
        .reader()
        .expect("reader");
    let searcher = reader.searcher();
    let stored: tantivy::TantivyDocument = searcher.doc(tantivy::DocAddress::new(0, 0)).expect("doc");
    let back = Fields::from_schema(&dir.tantivy(gongwen_indexer::Visibility::Public).schema())
        .expect("fields")
        .from_tantivy(&stored)
        .expect("read");
    assert_eq!(back.body, doc.body);
    assert_eq!(back, doc);
    // Indexing again skips, by id and hash.
    let s = Indexer::new(&dir, opts)
        .expect("writer")
        .index_documents(vec![doc])
        .expect("index");
    assert_eq!((s.indexed, s.skipped), (0, 1));
}

// See: a kill while the index folder was being created left `public/` and `restricted/`
// without `gongwen.json`, a folder every later run refused. The folder is now built under a
// temporary name and renamed into place.
#[test]
fn index_folders_appear_complete_or_not_at_all() {
    let tmp = tempfile::tempdir().expect("tempdir");
    // A nested path whose parents do not exist yet.
    let nested = tmp.path().join("a/b/idx");
    IndexDir::open_or_create(&nested).expect("create nested");
    assert!(nested.join("gongwen.json").exists());
    // An existing empty folder is taken.
    let empty = tmp.path().join("empty");
    std::fs::create_dir(&empty).expect("mkdir");
    IndexDir::open_or_create(&empty).expect("create in empty folder");
    assert!(empty.join("gongwen.json").exists());
    // Nothing but the indexes is left beside them.
    let leftovers: Vec<_> = std::fs::read_dir(tmp.path())
        .expect("read")
        .flatten()
        .filter(|e| e.file_name().to_string_lossy().contains("creating"))
        .collect();
    assert!(leftovers.is_empty());
    // Opening again finds the same index.
    IndexDir::open_or_create(&empty).expect("reopen");
}

#[test]
fn processes_creating_one_index_at_once_all_open_it() {
    // Regression: the one that renamed its new folder into place second failed with
    // "Directory not empty" instead of opening the index the first one made.
    for round in 0..10 {
        let tmp = tempfile::tempdir().expect("tempdir");
        let path = tmp.path().join("idx");
        let start = std::sync::Barrier::new(4);
        let results: Vec<Result<(), String>> = std::thread::scope(|s| {
            let handles: Vec<_> = (0..4)
                .map(|_| {
                    s.spawn(|| {
                        start.wait();
                        IndexDir::open_or_create(&path).map(|_| ()).map_err(|e| e.to_string())
                    })
                })
                .collect();
            handles.into_iter().map(|h| h.join().expect("thread")).collect()
        });
        for r in &results {
            assert!(r.is_ok(), "round {round}: {r:?}");
        }
        let left: Vec<_> = std::fs::read_dir(tmp.path())
            .expect("read")
            .map(|e| e.expect("entry").file_name())
            .collect();
        assert_eq!(left, ["idx"], "round {round}: no temporary folder left");
    }
}
