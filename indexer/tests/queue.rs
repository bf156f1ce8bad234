//! Sending to a writer waits while its queue holds more text than the bound
//! (`IndexOptions::max_queued_bytes`): the peak stays within the bound plus one document,
//! whatever the size of the run, and a bound smaller than any document (one document in
//! flight at a time) still indexes everything.

use gongwen_indexer::{IndexDir, IndexOptions, Indexer, Visibility};

fn run(docs: usize, bound: u64) -> (gongwen_indexer::Summary, u64, u64) {
    let tmp = tempfile::tempdir().expect("tempdir");
    let dir = IndexDir::open_or_create(&tmp.path().join("idx")).expect("create");
    let file = tmp.path().join("docs.jsonl");
    let mut largest = 0;
    let lines: Vec<String> = (0..docs)
        .map(|i| {
            let title = format!("关于第{i}项工作的通知");
            let body = format!("第{i}项工作的具体事项如下。请各单位认真贯彻执行。").repeat(20 + i % 7);
            largest = largest.max((title.len() + body.len()) as u64);
            serde_json::json!({ "id": format!("d{i}"), "title": title, "body": body }).to_string()
        })
        .collect();
    std::fs::write(&file, lines.join("\n")).expect("write");
    let opts = IndexOptions {
        progress: false,
        max_queued_bytes: bound,
        ..IndexOptions::default()
    };
    let s = Indexer::new(&dir, opts)
        .expect("writer")
        .index_paths(&[file])
        .expect("index");
    let reader = dir.tantivy(Visibility::Public).reader().expect("reader");
    (s, reader.searcher().num_docs(), largest)
}

#[test]
fn the_writer_queue_stays_within_its_bound() {
    let bound = 20_000;
    let (s, n, largest) = run(600, bound);
    assert_eq!((s.indexed, n), (600, 600));
    assert!(s.queued_peak > 0, "nothing was ever measured waiting");
    assert!(
        s.queued_peak <= bound + largest,
        "{} bytes waited at once, bound {bound} + {largest}",
        s.queued_peak
    );
    // Without the bound (the default is far above this run), the queue holds far more.
    let (free, _, _) = run(600, u64::MAX);
    assert!(
        free.queued_peak > bound + largest,
        "{} bytes waited at most",
        free.queued_peak
    );
}

#[test]
fn one_document_at_a_time_still_indexes_everything() {
    let (s, n, largest) = run(120, 0);
    assert_eq!((s.indexed, n), (120, 120));
    assert!(s.queued_peak <= largest, "{} > {largest}", s.queued_peak);
}
