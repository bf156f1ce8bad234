//! An indexing run ends with tantivy's segment merges finished: the folder holds only the
//! files of the committed segments (none of a merge abandoned at exit) and fewer segments than
//! commits.

use std::collections::HashSet;

use gongwen_indexer::{IndexDir, IndexOptions, Indexer, Visibility};

#[test]
fn a_run_leaves_merged_segments_and_no_stray_files() {
    let tmp = tempfile::tempdir().expect("tempdir");
    let dir = IndexDir::open_or_create(&tmp.path().join("idx")).expect("create");
    let file = tmp.path().join("docs.jsonl");
    // 24 commits of 10 documents: enough segments for tantivy's merge policy (8 alike).
    let lines: Vec<String> = (0..240)
        .map(|i| {
            serde_json::json!({
                "id": format!("d{i}"),
                "title": format!("关于第{i}项工作的通知"),
                "body": format!("第{i}项工作的具体事项如下。请各单位认真贯彻执行。").repeat(20),
            })
            .to_string()
        })
        .collect();
    std::fs::write(&file, lines.join("\n")).expect("write");
    let opts = IndexOptions {
        progress: false,
        commit_every: 10,
        batch: 10,
        ..IndexOptions::default()
    };
    let s = Indexer::new(&dir, opts)
        .expect("writer")
        .index_paths(std::slice::from_ref(&file))
        .expect("index");
    assert_eq!(s.indexed, 240);
    assert!(s.commits >= 20, "{} commits", s.commits);

    let index = dir.tantivy(Visibility::Public);
    let metas = index.searchable_segment_metas().expect("metas");
    assert!(
        metas.len() < s.commits as usize,
        "{} segments after {} commits: the merges did not finish",
        metas.len(),
        s.commits
    );
    let live: HashSet<String> = metas.iter().map(|m| m.id().uuid_string()).collect();
    let folder = tmp.path().join("idx").join(gongwen_schema::layout::PUBLIC_DIR);
    for entry in std::fs::read_dir(&folder).expect("read_dir") {
        let name = entry.expect("entry").file_name().to_string_lossy().into_owned();
        // Segment files are named after their segment: `<32 hex digits>.<extension>`.
        let segment = name.split('.').next().unwrap_or_default();
        if segment.len() == 32 && segment.bytes().all(|b| b.is_ascii_hexdigit()) {
            assert!(
                live.contains(segment),
                "{name} belongs to no committed segment (live: {live:?})"
            );
        }
    }
    let reader = index.reader().expect("reader");
    assert_eq!(reader.searcher().num_docs(), 240);
}
