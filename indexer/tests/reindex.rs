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

/// Live documents with this id in one index.
fn with_id(dir: &IndexDir, v: Visibility, id: &str) -> usize {
    let term = tantivy::Term::from_field_text(dir.fields().id, id);
    let query = tantivy::query::TermQuery::new(term, tantivy::schema::IndexRecordOption::Basic);
    let searcher = dir.tantivy(v).reader().expect("reader").searcher();
    searcher.search(&query, &tantivy::collector::Count).expect("search")
}

fn run_with(dir: &IndexDir, file: &Path, opts: IndexOptions) -> Summary {
    Indexer::new(dir, opts)
        .expect("writer")
        .index_paths(&[file.to_path_buf()])
        .expect("index")
}

#[test]
fn the_last_record_of_a_repeated_id_wins_and_no_copy_stays_public() {
    // Regression: two records with one id in one batch were both kept (the delete the second
    // one made was queued before the first was added), and on a second run the later record
    // was skipped by its key while the earlier one replaced it: a record marked 不予公开 after
    // a public one left the public copy searchable.
    let with_disclosure = |id: &str, title: &str, disclosure: &str| {
        serde_json::json!({ "id": id, "title": title, "body": format!("{title}的正文。"), "disclosure": disclosure })
            .to_string()
    };
    let lines = [
        with_disclosure("dup", "关于甲的通知", "主动公开"),
        line("x1", "关于子的通知", "子事项。"),
        line("x2", "关于丑的通知", "丑事项。"),
        line("x3", "关于寅的通知", "寅事项。"),
        with_disclosure("dup", "关于乙的通知", "不予公开"),
        line("x4", "关于卯的通知", "卯事项。"),
    ];
    // One batch holding both records, and batches of two (the records in different batches).
    for batch in [256, 2] {
        let tmp = tempfile::tempdir().expect("tempdir");
        let dir = IndexDir::open_or_create(&tmp.path().join("idx")).expect("create");
        let file = tmp.path().join("docs.jsonl");
        std::fs::write(&file, lines.join("\n")).expect("write");
        for round in 0..3 {
            let opts = IndexOptions {
                progress: false,
                batch,
                ..IndexOptions::default()
            };
            let s = run_with(&dir, &file, opts);
            assert_eq!(s.repeated, 1, "batch {batch}, round {round}: {s:?}");
            assert_eq!(
                with_id(&dir, Visibility::Public, "dup"),
                0,
                "batch {batch}, round {round}"
            );
            assert_eq!(
                with_id(&dir, Visibility::Restricted, "dup"),
                1,
                "batch {batch}, round {round}"
            );
            assert_eq!(count(&dir, Visibility::Public), 4, "batch {batch}, round {round}");
            assert_eq!(count(&dir, Visibility::Restricted), 1, "batch {batch}, round {round}");
            if round == 0 {
                assert_eq!((s.indexed, s.updated), (5, 0), "batch {batch}: {s:?}");
            }
        }
    }
}

#[test]
fn the_same_record_twice_is_one_document_skipped_the_second_time() {
    let tmp = tempfile::tempdir().expect("tempdir");
    let dir = IndexDir::open_or_create(&tmp.path().join("idx")).expect("create");
    let file = tmp.path().join("docs.jsonl");
    let a = line("a", "关于甲的通知", "甲事项。");
    std::fs::write(&file, [a.clone(), a].join("\n")).expect("write");
    let s = run(&dir, &file, ReadOptions::default());
    assert_eq!((s.indexed, s.skipped, s.repeated), (1, 1, 0), "{s:?}");
    assert_eq!(count(&dir, Visibility::Public), 1);
    let s = run(&dir, &file, ReadOptions::default());
    assert_eq!((s.indexed, s.skipped, s.repeated), (0, 2, 0), "{s:?}");
}

#[test]
fn commits_come_as_often_as_asked_even_below_a_batch() {
    // Regression: commits were only considered once per batch of 256 records.
    let tmp = tempfile::tempdir().expect("tempdir");
    let dir = IndexDir::open_or_create(&tmp.path().join("idx")).expect("create");
    let file = tmp.path().join("docs.jsonl");
    let lines: Vec<String> = (0..50)
        .map(|i| line(&format!("d{i}"), &format!("关于第{i}项的通知"), "正文。"))
        .collect();
    std::fs::write(&file, lines.join("\n")).expect("write");
    let opts = IndexOptions {
        progress: false,
        commit_every: 10,
        ..IndexOptions::default()
    };
    let s = run_with(&dir, &file, opts);
    assert_eq!(s.indexed, 50);
    assert_eq!(s.commits, 5, "{s:?}");
}

#[test]
fn an_id_too_long_to_request_is_rejected_with_its_line() {
    let tmp = tempfile::tempdir().expect("tempdir");
    let dir = IndexDir::open_or_create(&tmp.path().join("idx")).expect("create");
    let file = tmp.path().join("docs.jsonl");
    let long = "L".repeat(gongwen_schema::MAX_ID_BYTES + 1);
    let fits = "F".repeat(gongwen_schema::MAX_ID_BYTES);
    let lines = [
        line(&fits, "关于甲的通知", "甲事项。"),
        line(&long, "关于乙的通知", "乙事项。"),
    ];
    std::fs::write(&file, lines.join("\n")).expect("write");
    let s = run(&dir, &file, ReadOptions::default());
    assert_eq!((s.indexed, s.rejected), (1, 1), "{s:?}");
    assert_eq!(s.errors[0].line, Some(2));
    assert!(s.errors[0].reason.contains("257 bytes"), "{}", s.errors[0].reason);
    assert_eq!(count(&dir, Visibility::Public), 1);
}

#[test]
fn a_change_of_metadata_alone_is_an_update() {
    // Regression: the same title and body with another status and number was "unchanged"
    // (the content hash covers the text only), and the index kept the old number.
    let tmp = tempfile::tempdir().expect("tempdir");
    let dir = IndexDir::open_or_create(&tmp.path().join("idx")).expect("create");
    let file = tmp.path().join("docs.jsonl");
    let rec = |number: &str, status: &str| {
        serde_json::json!({ "id": "m", "title": "关于樱花节的通知", "body": "樱花节正文。", "doc_number": number, "status": status })
            .to_string()
    };
    std::fs::write(&file, rec("樱政发〔2019〕5号", "in_force")).expect("write");
    let s = run(&dir, &file, ReadOptions::default());
    assert_eq!(s.indexed, 1);
    std::fs::write(&file, rec("樱政发〔2019〕6号", "repealed")).expect("write");
    let s = run(&dir, &file, ReadOptions::default());
    assert_eq!((s.updated, s.skipped), (1, 0), "{s:?}");
    let with_number = |n: &str| {
        let term = tantivy::Term::from_field_text(dir.fields().docnum, n);
        let query = tantivy::query::TermQuery::new(term, tantivy::schema::IndexRecordOption::Basic);
        let searcher = dir.tantivy(Visibility::Public).reader().expect("reader").searcher();
        searcher.search(&query, &tantivy::collector::Count).expect("search")
    };
    assert_eq!(
        (with_number("樱政发〔2019〕5号"), with_number("樱政发〔2019〕6号")),
        (0, 1)
    );
    assert_eq!(count(&dir, Visibility::Public), 1);
    // The same record re-serialised (other bytes, same content) is still unchanged.
    let respaced = rec("樱政发〔2019〕6号", "repealed").replace("\",\"", "\", \"");
    std::fs::write(&file, respaced).expect("write");
    let s = run(&dir, &file, ReadOptions::default());
    assert_eq!((s.updated, s.skipped), (0, 1), "{s:?}");
}

#[test]
fn a_copy_left_in_the_other_index_by_a_stopped_run_is_removed() {
    // Regression: a run stopped between the public and the restricted commit while moving a
    // document from restricted to public left both copies, and later runs skipped the record
    // (found unchanged in the public index) and never removed the restricted one.
    let tmp = tempfile::tempdir().expect("tempdir");
    let dir = IndexDir::open_or_create(&tmp.path().join("idx")).expect("create");
    let with_disclosure = |disclosure: &str| {
        serde_json::json!({ "id": "k1", "title": "关于测试的通知", "body": "测试正文。", "disclosure": disclosure })
            .to_string()
    };
    let restricted = tmp.path().join("restricted.jsonl");
    let public = tmp.path().join("public.jsonl");
    std::fs::write(&restricted, with_disclosure("不予公开")).expect("write");
    std::fs::write(&public, with_disclosure("主动公开")).expect("write");
    run(&dir, &restricted, ReadOptions::default());
    // What the stopped run left: the public copy committed, the restricted one not deleted.
    let doc = gongwen_corpus::read_file(&public, &ReadOptions::default())
        .expect("read")
        .next()
        .expect("one")
        .expect("doc");
    let mut writer: tantivy::IndexWriter = dir.tantivy(Visibility::Public).writer(15 << 20).expect("writer");
    writer.add_document(dir.fields().to_tantivy(&doc)).expect("add");
    writer.commit().expect("commit");
    drop(writer);
    assert_eq!(
        (count(&dir, Visibility::Public), count(&dir, Visibility::Restricted)),
        (1, 1)
    );
    // `verify` says so.
    let report = gongwen_indexer::verify(&dir).expect("verify");
    assert_eq!(report.duplicated, ["k1"]);
    assert!(!report.ok());
    let s = run(&dir, &public, ReadOptions::default());
    assert_eq!(s.updated, 1, "{s:?}");
    assert_eq!(
        (count(&dir, Visibility::Public), count(&dir, Visibility::Restricted)),
        (1, 0)
    );
    assert!(gongwen_indexer::verify(&dir).expect("verify").ok());
    // And the next run finds it settled.
    let s = run(&dir, &public, ReadOptions::default());
    assert_eq!(s.skipped, 1, "{s:?}");
}

// See: `gongwen index --index idx .` read the index's own meta.json and gongwen.json as JSON
// records once `.json` exports were read: dozens of rejected "records" on every run.
#[test]
fn an_index_inside_the_folder_indexed_is_not_read() {
    let tmp = tempfile::tempdir().expect("tempdir");
    let root = tmp.path();
    std::fs::write(root.join("docs.jsonl"), line("a", "关于甲的通知", "甲事项。")).expect("write");
    std::fs::write(
        root.join("export.json"),
        format!("[{}]", line("b", "关于乙的通知", "乙事项。")),
    )
    .expect("write");
    let dir = IndexDir::open_or_create(&root.join("idx")).expect("create");
    for round in 0..2 {
        let opts = IndexOptions {
            progress: false,
            ..IndexOptions::default()
        };
        let s = Indexer::new(&dir, opts)
            .expect("writer")
            .index_paths(&[root.to_path_buf(), root.join("export.json")])
            .expect("index");
        assert_eq!((s.files, s.rejected), (2, 0), "round {round}: {s:?}");
        assert_eq!(s.indexed + s.skipped, 2, "round {round}: {s:?}");
    }
    assert_eq!(count(&dir, Visibility::Public), 2);
}

// See (a QA trial): a document indexed public, then given again as classified (or with a
// disclosure not understood), was refused and its public copy stayed served. The copy is now
// withdrawn from both indexes, and the run says so.
#[test]
fn a_refused_new_version_withdraws_the_old_one() {
    let tmp = tempfile::tempdir().expect("tempdir");
    let dir = IndexDir::open_or_create(&tmp.path().join("idx")).expect("create");
    let file = tmp.path().join("docs.jsonl");
    let with =
        |extra: &str| format!(r#"{{"id":"z","title":"关于赵六同志任职的通知","body":"任命赵六为副局长。"{extra}}}"#);
    let keep = line("k", "关于甲的通知", "甲事项。");
    for (restricted_first, refused) in [(false, r#","密级":"秘密""#), (true, r#","公开方式":"看情况""#)] {
        let first = if restricted_first {
            with(r#","公开方式":"依申请公开""#)
        } else {
            with("")
        };
        std::fs::write(&file, format!("{keep}\n{first}\n")).expect("write");
        let s = run(&dir, &file, ReadOptions::default());
        assert_eq!(s.withdrawn, 0, "{s:?}");
        assert_eq!(
            with_id(&dir, Visibility::Public, "z") + with_id(&dir, Visibility::Restricted, "z"),
            1
        );
        std::fs::write(&file, format!("{keep}\n{}\n", with(refused))).expect("write");
        let s = run(&dir, &file, ReadOptions::default());
        assert_eq!((s.rejected, s.withdrawn, s.skipped), (1, 1, 1), "{s:?}");
        assert_eq!(with_id(&dir, Visibility::Public, "z"), 0, "{refused}");
        assert_eq!(with_id(&dir, Visibility::Restricted, "z"), 0, "{refused}");
        assert_eq!(with_id(&dir, Visibility::Public, "k"), 1);
        // Again: nothing left to withdraw.
        let s = run(&dir, &file, ReadOptions::default());
        assert_eq!((s.rejected, s.withdrawn), (1, 0), "{s:?}");
    }
}

#[test]
fn a_page_saved_again_as_classified_is_withdrawn() {
    let tmp = tempfile::tempdir().expect("tempdir");
    let dir = IndexDir::open_or_create(&tmp.path().join("idx")).expect("create");
    let pages = tmp.path().join("pages");
    std::fs::create_dir(&pages).expect("mkdir");
    let page = pages.join("c.txt");
    std::fs::write(&page, "关于赵六同志任职的通知\n任命赵六为副局长。\n").expect("write");
    let s = run(&dir, &pages, ReadOptions::default());
    assert_eq!((s.indexed, s.withdrawn), (1, 0), "{s:?}");
    assert_eq!(count(&dir, Visibility::Public), 1);
    std::fs::write(&page, "秘密★1年\n关于赵六同志任职的通知\n任命赵六为副局长。\n").expect("write");
    let s = run(&dir, &pages, ReadOptions::default());
    assert_eq!((s.rejected, s.withdrawn), (1, 1), "{s:?}");
    assert_eq!(count(&dir, Visibility::Public) + count(&dir, Visibility::Restricted), 0);
}

// See (QA robustness pass, fourteenth session): a public record, then the same id classified,
// in one batch left the public one served (the refusal withdrew before the batch was written);
// and a record identical to the committed one, after the same id was withdrawn in the run, was
// skipped as unchanged, which lost the id.
#[test]
fn a_refusal_withdraws_what_came_before_it_in_the_run_and_not_what_comes_after() {
    let tmp = tempfile::tempdir().expect("tempdir");
    let dir = IndexDir::open_or_create(&tmp.path().join("idx")).expect("create");
    let file = tmp.path().join("docs.jsonl");
    let public = line("z", "关于赵六同志任职的通知", "任命赵六为副局长。");
    let classified = r#"{"id":"z","title":"关于赵六同志任职的通知","body":"任命赵六为副局长。","密级":"秘密"}"#;
    std::fs::write(&file, format!("{public}\n{classified}\n")).expect("write");
    let s = run(&dir, &file, ReadOptions::default());
    assert_eq!((s.rejected, s.withdrawn), (1, 1), "{s:?}");
    assert_eq!(
        with_id(&dir, Visibility::Public, "z") + with_id(&dir, Visibility::Restricted, "z"),
        0
    );
    // Committed public; then classified and the committed record again: the last one wins.
    std::fs::write(&file, format!("{public}\n")).expect("write");
    run(&dir, &file, ReadOptions::default());
    assert_eq!(with_id(&dir, Visibility::Public, "z"), 1);
    std::fs::write(&file, format!("{classified}\n{public}\n")).expect("write");
    let s = run(&dir, &file, ReadOptions::default());
    assert_eq!((s.rejected, s.withdrawn, s.skipped), (1, 1, 0), "{s:?}");
    assert_eq!(with_id(&dir, Visibility::Public, "z"), 1);
}

// See (QA robustness pass, fourteenth session): a record re-sent as 不予公开 or classified but
// refused for another reason (no text, a date that is none) left the public copy served.
#[test]
fn a_restricting_record_refused_for_another_reason_still_withdraws() {
    let tmp = tempfile::tempdir().expect("tempdir");
    let dir = IndexDir::open_or_create(&tmp.path().join("idx")).expect("create");
    let file = tmp.path().join("docs.jsonl");
    let ids = ["w1", "w2", "w3", "w4", "w5"];
    let publics: Vec<String> = ids.iter().map(|id| line(id, "关于甲的通知", "甲事项。")).collect();
    std::fs::write(&file, publics.join("\n")).expect("write");
    run(&dir, &file, ReadOptions::default());
    assert_eq!(count(&dir, Visibility::Public), 5);
    let resent = [
        r#"{"id":"w1","密级":"机密"}"#,
        r#"{"id":"w2","title":"","body":"","disclosure":"不予公开"}"#,
        r#"{"id":"w3","title":"关于甲的通知","body":"甲事项。","date":"撤回","disclosure":"依申请公开"}"#,
        // A field of the wrong shape (see QA leak pass, fifteenth session).
        r#"{"id":"w4","title":["关于甲的通知"],"body":"甲事项。","disclosure":"不予公开"}"#,
        r#"{"id":"w5","title":"关于甲的通知","body":{"text":"甲事项。"},"公开方式":"依申请公开"}"#,
    ];
    std::fs::write(&file, resent.join("\n")).expect("write");
    let s = run(&dir, &file, ReadOptions::default());
    assert_eq!((s.rejected, s.withdrawn), (5, 5), "{s:?}");
    assert_eq!(count(&dir, Visibility::Public) + count(&dir, Visibility::Restricted), 0);
    // A public record refused for the same reasons withdraws nothing.
    std::fs::write(&file, publics.join("\n")).expect("write");
    run(&dir, &file, ReadOptions::default());
    std::fs::write(
        &file,
        "{\"id\":\"w1\",\"title\":\"\",\"body\":\"\"}\n{\"id\":\"w4\",\"title\":[\"关于甲的通知\"],\"body\":\"甲事项。\"}",
    )
    .expect("write");
    let s = run(&dir, &file, ReadOptions::default());
    assert_eq!((s.rejected, s.withdrawn), (2, 0), "{s:?}");
    assert_eq!(with_id(&dir, Visibility::Public, "w1"), 1);
    assert_eq!(with_id(&dir, Visibility::Public, "w4"), 1);
}
