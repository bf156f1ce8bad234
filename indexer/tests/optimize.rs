//! `optimize` merges each index of a folder into one segment: the same live documents, the
//! deleted ones gone, only the merged segment's files left, and nothing to do the second
//! time. It takes the writer lock like indexing.

use std::collections::HashSet;

use gongwen_indexer::{optimize, IndexDir, IndexError, IndexOptions, Indexer, Visibility};

fn segment_files(folder: &std::path::Path) -> HashSet<String> {
    std::fs::read_dir(folder)
        .expect("read_dir")
        .map(|e| e.expect("entry").file_name().to_string_lossy().into_owned())
        .filter_map(|name| name.split_once('.').map(|(stem, _)| stem.to_string()))
        .filter(|stem| stem.len() == 32)
        .collect()
}

fn live_ids(dir: &IndexDir, v: Visibility) -> Vec<String> {
    use tantivy::schema::Value;
    let searcher = dir.tantivy(v).reader().expect("reader").searcher();
    let mut ids = Vec::new();
    for seg in searcher.segment_readers() {
        let store = seg.get_store_reader(1).expect("store");
        for d in seg.doc_ids_alive() {
            let doc: tantivy::TantivyDocument = store.get(d).expect("doc");
            ids.push(
                doc.get_first(dir.fields().id)
                    .and_then(|v| v.as_str())
                    .expect("id")
                    .to_string(),
            );
        }
    }
    ids.sort();
    ids
}

#[test]
fn optimize_leaves_one_segment_with_the_same_documents() {
    let tmp = tempfile::tempdir().expect("tempdir");
    let path = tmp.path().join("idx");
    let dir = IndexDir::open_or_create(&path).expect("create");
    let file = tmp.path().join("docs.jsonl");
    let lines: Vec<String> = (0..60)
        .map(|i| {
            let disclosure = if i % 10 == 3 { "不予公开" } else { "主动公开" };
            serde_json::json!({
                "id": format!("d{i}"),
                "title": format!("关于第{i}项工作的通知"),
                "body": format!("第{i}项工作的具体事项如下。请各单位认真贯彻执行。").repeat(10),
                "disclosure": disclosure,
            })
            .to_string()
        })
        .collect();
    std::fs::write(&file, lines.join("\n")).expect("write");
    // Six commits: six segments, too few for tantivy's own merges.
    let opts = IndexOptions {
        progress: false,
        commit_every: 10,
        batch: 10,
        ..IndexOptions::default()
    };
    Indexer::new(&dir, opts.clone())
        .expect("writer")
        .index_paths(&[file])
        .expect("index");
    Indexer::new(&dir, opts)
        .expect("writer")
        .delete_ids(&["d1".to_string(), "d2".to_string()])
        .expect("delete");
    let public_before = live_ids(&dir, Visibility::Public);
    let restricted_before = live_ids(&dir, Visibility::Restricted);
    assert_eq!(public_before.len(), 52);
    assert_eq!(restricted_before.len(), 6);
    let segments = dir
        .tantivy(Visibility::Public)
        .searchable_segment_metas()
        .expect("metas")
        .len();
    assert!(segments > 1, "{segments} segment(s): nothing to merge");

    let done = optimize(&dir).expect("optimize");
    assert_eq!((done.public.segments_before, done.public.segments_after), (segments, 1));
    assert_eq!(done.public.documents, 52);
    assert_eq!(done.restricted.segments_after, 1);
    assert_eq!(done.restricted.documents, 6);

    // Reopened from disk: the same live documents, in one segment each, deletes dropped.
    let dir = IndexDir::open(&path).expect("reopen");
    assert_eq!(live_ids(&dir, Visibility::Public), public_before);
    assert_eq!(live_ids(&dir, Visibility::Restricted), restricted_before);
    for v in [Visibility::Public, Visibility::Restricted] {
        let metas = dir.tantivy(v).searchable_segment_metas().expect("metas");
        assert_eq!(metas.len(), 1);
        assert!(!metas[0].has_deletes());
        // Only the merged segment's files are left.
        let folder = path.join(match v {
            Visibility::Public => gongwen_schema::layout::PUBLIC_DIR,
            Visibility::Restricted => gongwen_schema::layout::RESTRICTED_DIR,
        });
        let want: HashSet<String> = metas.iter().map(|m| m.id().uuid_string()).collect();
        assert_eq!(segment_files(&folder), want);
    }
    let report = gongwen_indexer::verify(&dir).expect("verify");
    assert_eq!(report.checked, 58);
    assert!(report.mismatched.is_empty() && report.unreadable.is_empty());

    // Nothing left to do.
    let again = optimize(&dir).expect("optimize again");
    assert_eq!((again.public.segments_before, again.public.segments_after), (1, 1));
}

#[test]
fn optimize_waits_for_no_writer() {
    let tmp = tempfile::tempdir().expect("tempdir");
    let dir = IndexDir::open_or_create(&tmp.path().join("idx")).expect("create");
    let indexer = Indexer::new(&dir, IndexOptions::default()).expect("writer");
    assert!(matches!(optimize(&dir), Err(IndexError::Locked { .. })));
    drop(indexer);
    optimize(&dir).expect("optimize once the writer is gone");
}
