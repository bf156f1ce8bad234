//! JSONL reading on the real sample and on planted bad lines.

use std::io::Write;
use std::path::Path;

mod common;

use common::DISCLOSURE_LABELS;
use gongwen_corpus::{read_file, ReadError, ReadOptions};
use gongwen_schema::{Disclosure, Status};

const CORPUS: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/../../shared/corpus");

#[test]
fn real_sample_reads_whole() {
    let path = Path::new(CORPUS).join("sample.jsonl");
    let docs: Vec<_> = read_file(&path, &ReadOptions::default())
        .expect("opens")
        .collect::<Result<_, _>>()
        .unwrap_or_else(|e: ReadError| panic!("{e}"));
    assert_eq!(docs.len(), 200);
    let with_number = docs
        .iter()
        .filter(|d| !d.doc_numbers.is_empty() || !d.doc_numbers_printed.is_empty())
        .count();
    assert_eq!(with_number, 73);
    for (i, d) in docs.iter().enumerate() {
        assert!(!d.id.is_empty() && !d.title.is_empty());
        assert_eq!(d.source.line, Some(i as u64 + 1));
        assert_eq!(d.content_hash, gongwen_schema::content_hash(&d.title, &d.body));
        for n in &d.doc_numbers {
            assert!(!d.cites.contains(&n.canonical()), "{}: cites itself", d.id);
        }
        assert!(d.source.origin.is_some());
    }
}

#[test]
fn shanghai_and_govcn_records_map_their_fields() {
    let path = Path::new(CORPUS).join("shanghai_docs.jsonl");
    let docs: Vec<_> = read_file(&path, &ReadOptions::default())
        .unwrap()
        .map(Result::unwrap)
        .collect();
    assert_eq!(docs.len(), 358);
    assert!(docs
        .iter()
        .all(|d| !d.doc_numbers.is_empty() || !d.doc_numbers_printed.is_empty()));
    assert_eq!(docs.iter().filter(|d| d.status == Status::Repealed).count(), 4);
    assert!(docs
        .iter()
        .all(|d| d.extra.contains_key("url") || d.source.url.is_some()));
    assert!(docs.iter().any(|d| d.extra.contains_key("validity_note")));

    let path = Path::new(CORPUS).join("govcn_zhengce_2019dump.jsonl");
    let docs: Vec<_> = read_file(&path, &ReadOptions::default())
        .unwrap()
        .map(Result::unwrap)
        .collect();
    assert_eq!(docs.len(), 58);
    assert!(docs
        .iter()
        .all(|d| d.index_no.is_some() && d.topic.is_some() && d.published.is_some() && d.written.is_some()));
    assert!(docs.iter().all(|d| d.doc_numbers.len() == 1));
}

#[test]
fn bad_lines_are_reported_and_reading_goes_on() {
    let sample = std::fs::read_to_string(Path::new(CORPUS).join("sample.jsonl")).unwrap();
    let good: Vec<&str> = sample.lines().take(5).collect();
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("planted.jsonl");
    let mut f = std::fs::File::create(&path).unwrap();
    let lines = [
        good[0],                                                             // 1
        r#"{"id":"x1","title":"断行","body":"正文"#,                         // 2 broken JSON
        good[1],                                                             // 3
        r#"{"id":"x2","title":"","body":"  "}"#,                             // 4 no title, no body
        "",                                                                  // 5 blank: skipped
        r#"{"id":"x3","title":"坏日期","body":"正文","date":"2018-13-45"}"#, // 6 bad date
        r#"{"id":"x4","title":"坏公开","body":"正文","disclosure":"秘密"}"#, // 7 bad disclosure
        r#"{"title":"无编号","body":"正文","disclosure":"依申请公开"}"#,     // 8 no id
        good[2],                                                             // 9
    ];
    for l in lines {
        writeln!(f, "{l}").unwrap();
    }
    drop(f);
    let items: Vec<_> = read_file(&path, &ReadOptions::default()).unwrap().collect();
    assert_eq!(items.len(), 8);
    let errs: Vec<(u64, String)> = items
        .iter()
        .filter_map(|r| r.as_ref().err())
        .map(|e| {
            assert_eq!(e.path(), path);
            (e.line().unwrap(), e.to_string())
        })
        .collect();
    let err_lines: Vec<u64> = errs.iter().map(|(l, _)| *l).collect();
    assert_eq!(err_lines, [2, 4, 6, 7]);
    assert!(matches!(items[1], Err(ReadError::Json { line: 2, .. })));
    for (l, msg) in &errs {
        assert!(msg.starts_with(&format!("{}:{l}: ", path.display())), "{msg}");
    }
    assert!(errs[1].1.contains("no title and no body"));
    assert!(errs[2].1.contains("2018-13-45"));
    assert!(errs[3].1.contains("秘密"));
    let ok: Vec<_> = items.iter().filter_map(|r| r.as_ref().ok()).collect();
    let ok_lines: Vec<u64> = ok.iter().filter_map(|d| d.source.line).collect();
    assert_eq!(ok_lines, [1, 3, 8, 9]);
    assert!(ok[2].id.starts_with("file-"));
    assert_eq!(ok[2].disclosure, Disclosure::OnRequest);
    assert_eq!(ok[0].disclosure, Disclosure::Public);
}

#[test]
fn zstd_files_stream_the_same_documents() {
    let plain = Path::new(CORPUS).join("sample.jsonl");
    let dir = tempfile::tempdir().unwrap();
    let zst = dir.path().join("sample.jsonl.zst");
    let bytes = std::fs::read(&plain).unwrap();
    std::fs::write(&zst, zstd::encode_all(&bytes[..], 3).unwrap()).unwrap();
    let a: Vec<_> = read_file(&plain, &ReadOptions::default())
        .unwrap()
        .map(|d| d.unwrap().content_hash)
        .collect();
    let b: Vec<_> = read_file(&zst, &ReadOptions::default())
        .unwrap()
        .map(|d| d.unwrap().content_hash)
        .collect();
    assert_eq!(a, b);
}

#[test]
fn an_empty_file_holds_no_records_compressed_or_not() {
    // Regression: an empty .jsonl.zst was reported as a truncated zstd stream.
    let dir = tempfile::tempdir().unwrap();
    for name in ["empty.jsonl", "empty.jsonl.zst"] {
        let path = dir.path().join(name);
        std::fs::write(&path, b"").unwrap();
        let items: Vec<_> = read_file(&path, &ReadOptions::default()).unwrap().collect();
        assert!(
            items.is_empty(),
            "{name}: {:?}",
            items.iter().map(|r| r.is_ok()).collect::<Vec<_>>()
        );
    }
    // A truncated stream is still reported.
    let path = dir.path().join("cut.jsonl.zst");
    let whole = zstd::encode_all(&b"{\"title\":\"t\",\"body\":\"b\"}\n"[..], 3).unwrap();
    std::fs::write(&path, &whole[..whole.len() / 2]).unwrap();
    let items: Vec<_> = read_file(&path, &ReadOptions::default()).unwrap().collect();
    assert!(items.iter().any(|r| r.is_err()), "a cut stream is reported");
}

fn read_lines(lines: &[String]) -> Vec<Result<gongwen_schema::Document, ReadError>> {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("records.jsonl");
    std::fs::write(&path, lines.join("\n")).unwrap();
    read_file(&path, &ReadOptions::default()).unwrap().collect()
}

fn record(fields: &str) -> String {
    format!(r#"{{"title":"关于甲事项的通知","body":"正文。"{fields}}}"#)
}

// See: `"公开方式":"不予公开"`, `"信息公开方式"`, `"Disclosure"` (another case) were public,
// the field kept under `extra`.
#[test]
fn every_disclosure_key_restricts_the_record() {
    let keys: Vec<&str> = DISCLOSURE_LABELS.into_iter().chain(["DISCLOSURE"]).collect();
    for (value, want) in [
        ("不予公开", Disclosure::NotPublic),
        ("依申请公开", Disclosure::OnRequest),
        ("不公开", Disclosure::NotPublic),
        ("依申请", Disclosure::OnRequest),
        ("Not_Public", Disclosure::NotPublic),
    ] {
        let lines: Vec<String> = keys.iter().map(|k| record(&format!(r#","{k}":"{value}""#))).collect();
        for (k, item) in keys.iter().zip(read_lines(&lines)) {
            let d = item.unwrap_or_else(|e| panic!("{k}: {e}"));
            assert_eq!(d.disclosure, want, "{k}: {value}");
            assert!(d.extra.is_empty(), "{k}: kept as an extra field: {:?}", d.extra);
        }
    }
    let items = read_lines(&[
        record(r#","是否公开":false"#),
        record(r#","是否公开":"否""#),
        record(r#","是否公开":true"#),
    ]);
    let got: Vec<Disclosure> = items.into_iter().map(|d| d.unwrap().disclosure).collect();
    assert_eq!(got, [Disclosure::NotPublic, Disclosure::NotPublic, Disclosure::Public]);
}

// Two disclosure fields that disagree: the most restrictive holds, in either order; one not
// understood rejects the record whatever the other says.
#[test]
fn disagreeing_disclosure_fields_take_the_most_restrictive() {
    let cases = [
        (
            r#","disclosure":"主动公开","公开方式":"不予公开""#,
            Disclosure::NotPublic,
        ),
        (
            r#","公开方式":"不予公开","disclosure":"主动公开""#,
            Disclosure::NotPublic,
        ),
        (
            r#","disclosure":"public","信息公开方式":"依申请公开""#,
            Disclosure::OnRequest,
        ),
        (
            r#","Disclosure":"依申请公开","disclosure":"public""#,
            Disclosure::OnRequest,
        ),
        (
            r#","公开属性":"依申请公开","公开范围":"不予公开""#,
            Disclosure::NotPublic,
        ),
        (r#","disclosure":"主动公开","公开方式":"""#, Disclosure::Public),
    ];
    let lines: Vec<String> = cases.iter().map(|(f, _)| record(f)).collect();
    for ((fields, want), item) in cases.iter().zip(read_lines(&lines)) {
        assert_eq!(item.unwrap().disclosure, *want, "{fields}");
    }
    let items = read_lines(&[
        record(r#","disclosure":"不予公开","公开方式":"秘密""#),
        record(r#","信息公开方式":"部分公开""#),
        record(r#","公开方式":["不予公开"]"#),
    ]);
    for (i, item) in items.iter().enumerate() {
        let e = item.as_ref().expect_err("rejected");
        assert_eq!(e.line(), Some(i as u64 + 1));
    }
    assert!(items[0].as_ref().unwrap_err().to_string().contains("秘密"));
    assert!(items[1].as_ref().unwrap_err().to_string().contains("部分公开"));
}

// See: a month-only date is kept as the year; a date that is no date is still rejected.
#[test]
fn a_month_only_date_gives_the_year() {
    let items = read_lines(&[
        record(r#","date":"2018-12""#),
        record(r#","date":"2018年12月""#),
        record(r#","published_date":"2017/03","written_date":"2018-12""#),
        record(r#","date":"2018-13-01""#),
        record(r#","date":"2018-13""#),
        record(r#","date":"2018""#),
    ]);
    for item in &items[..2] {
        let d = item.as_ref().unwrap();
        assert_eq!((d.written, d.year), (None, Some(2018)));
    }
    let d = items[2].as_ref().unwrap();
    assert_eq!((d.written, d.published, d.year), (None, None, Some(2018)));
    for (item, bad) in items[3..].iter().zip(["2018-13-01", "2018-13", "2018"]) {
        let e = item.as_ref().expect_err(bad);
        assert!(e.to_string().contains(&format!("date \"{bad}\"")), "{e}");
    }
}

#[test]
fn dates_in_the_forms_exports_write_them() {
    // See: a record dated `20181220` (the compact form many metadata exports write) was
    // rejected as "not a date".
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("dates.jsonl");
    let forms = [
        "2018-12-20",
        "2018/12/20",
        "2018.12.20",
        "2018年12月20日",
        "二〇一八年十二月二十日",
        "20181220",
        "20181220 09:30",
        "2018-12-20T09:30:00+08:00",
    ];
    let mut f = std::fs::File::create(&path).unwrap();
    for (i, d) in forms.iter().enumerate() {
        writeln!(
            f,
            r#"{{"id":"d{i}","title":"关于测试日期的通知","body":"正文","date":"{d}"}}"#
        )
        .unwrap();
    }
    writeln!(
        f,
        r#"{{"id":"bad","title":"关于测试日期的通知","body":"正文","date":"20181320"}}"#
    )
    .unwrap();
    drop(f);
    let items: Vec<_> = read_file(&path, &ReadOptions::default()).unwrap().collect();
    assert_eq!(items.len(), forms.len() + 1);
    for (item, form) in items.iter().zip(forms) {
        let doc = item.as_ref().unwrap_or_else(|e| panic!("{form}: {e}"));
        assert_eq!(
            doc.written.map(|d| d.to_string()).as_deref(),
            Some("2018-12-20"),
            "{form}"
        );
    }
    let err = items.last().unwrap().as_ref().unwrap_err().to_string();
    assert!(err.contains("20181320") && err.contains("YYYYMMDD"), "{err}");
}
