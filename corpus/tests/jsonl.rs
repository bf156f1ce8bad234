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
    // 74: 国务院关于坚决遏制部分城市房价过快上涨的通知国发〔2010〕10号(国十条) gives no
    // doc_number but prints its own in its title (QA search pass, fourteenth session).
    assert_eq!(with_number, 74);
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

// See: an id with a NUL or an escape sequence in it was indexed, and a record dated with its
// year alone (`"date": 2018`) was rejected.
#[test]
fn ids_must_be_printable_and_a_year_alone_dates_a_record() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("ids.jsonl");
    let rec = |id: serde_json::Value, date: serde_json::Value| {
        serde_json::json!({ "id": id, "title": "关于甲事项的通知", "body": "甲事项。", "date": date }).to_string()
    };
    let lines = [
        rec("d\u{0}x".into(), serde_json::Value::Null),          // 1 NUL
        rec("e\u{1b}[31m".into(), serde_json::Value::Null),      // 2 ESC
        rec("two\nlines".into(), serde_json::Value::Null),       // 3 line break
        rec("del\u{7f}".into(), serde_json::Value::Null),        // 4 DEL
        rec("c1\u{85}x".into(), serde_json::Value::Null),        // 5 C1 next line
        rec("../a b/c".into(), "2018".into()),                   // 6
        rec(123.into(), 2018.into()),                            // 7
        rec(" 国办发〔2018〕59号 ".into(), "二〇一八年".into()), // 8
        rec("y".into(), "2018年".into()),                        // 9
        rec("z".into(), "201".into()),                           // 10 no year
    ];
    std::fs::write(&path, lines.join("\n")).unwrap();
    let items: Vec<_> = read_file(&path, &ReadOptions::default()).unwrap().collect();
    let errs: Vec<(u64, String)> = items
        .iter()
        .filter_map(|r| r.as_ref().err())
        .map(|e| (e.line().unwrap(), e.to_string()))
        .collect();
    let lines_with_errors: Vec<u64> = errs.iter().map(|(l, _)| *l).collect();
    assert_eq!(lines_with_errors, [1, 2, 3, 4, 5, 10], "{errs:?}");
    for (code, (_, msg)) in ["U+0000", "U+001B", "U+000A", "U+007F", "U+0085"].iter().zip(&errs) {
        assert!(msg.contains("control character") && msg.contains(code), "{msg}");
    }
    assert!(errs[5].1.contains("\"201\" is not a date"), "{}", errs[5].1);
    let ok: Vec<_> = items.iter().filter_map(|r| r.as_ref().ok()).collect();
    let got: Vec<(&str, Option<u16>)> = ok.iter().map(|d| (d.id.as_str(), d.year)).collect();
    assert_eq!(
        got,
        [
            ("../a b/c", Some(2018)),
            ("123", Some(2018)),
            ("国办发〔2018〕59号", Some(2018)),
            ("y", Some(2018))
        ]
    );
    assert!(ok.iter().all(|d| d.written.is_none()));
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

// See (third QA trial): a record whose text, or a free-text field, states the disclosure in a
// labelled line (as a page's foot table does) was public, as were `"open": false` and a title
// that ends in its restriction.
#[test]
fn labelled_restrictions_inside_a_record_hold() {
    let body = |foot: &str| {
        format!(r#"{{"title":"关于甲事项的通知","body":"各单位：\n现就有关事项通知如下。\n某局\n2031年5月1日{foot}"}}"#)
    };
    let cases = [
        (body(r"\n信息公开属性：不予公开"), Disclosure::NotPublic),
        (body(r"\n公开方式：依申请公开\n某局"), Disclosure::OnRequest),
        (
            r#"{"title":"关于甲事项的通知","body":"<p>各单位：现就有关事项通知如下。</p><table><tr><td>公开方式</td><td>不予公开</td></tr></table>"}"#.to_owned(),
            Disclosure::NotPublic,
        ),
        (record(r#","labels":"公开方式：不予公开；发布机构：某局""#), Disclosure::NotPublic),
        (record(r#","x":"{\"公开方式\":\"不予公开\"}""#), Disclosure::NotPublic),
        (
            record(r#","body_copy":"<table><tr><td>公开方式</td><td>依申请公开</td></tr></table>""#),
            Disclosure::OnRequest,
        ),
        (record(r#","open":false"#), Disclosure::NotPublic),
        (record(r#","meta":{"open":false}"#), Disclosure::NotPublic),
        (
            r#"{"title":"关于甲事项的通知（不予公开）","body":"正文。"}"#.to_owned(),
            Disclosure::NotPublic,
        ),
        // What states nothing leaves the record public: a law's words on disclosure, an
        // opening time, a title with another note.
        (body(r"\n第十四条 下列政府信息，不予公开："), Disclosure::Public),
        (record(r#","open":"09:00-17:00""#), Disclosure::Public),
        (
            r#"{"title":"关于甲事项的通知（征求意见稿）","body":"正文。"}"#.to_owned(),
            Disclosure::Public,
        ),
        (body(r"\n公开方式：线上线下结合"), Disclosure::Public),
    ];
    let lines: Vec<String> = cases.iter().map(|(l, _)| l.clone()).collect();
    for ((line, want), item) in cases.iter().zip(read_lines(&lines)) {
        assert_eq!(
            item.unwrap_or_else(|e| panic!("{line}: {e}")).disclosure,
            *want,
            "{line}"
        );
    }
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
        // A list under a disclosure key states each value in it (was: refused as unexpected).
        (r#","公开方式":["不予公开"]"#, Disclosure::NotPublic),
        (r#","disclosure":["主动公开","依申请公开"]"#, Disclosure::OnRequest),
    ];
    let lines: Vec<String> = cases.iter().map(|(f, _)| record(f)).collect();
    for ((fields, want), item) in cases.iter().zip(read_lines(&lines)) {
        assert_eq!(item.unwrap().disclosure, *want, "{fields}");
    }
    let items = read_lines(&[
        record(r#","disclosure":"不予公开","公开方式":"秘密""#),
        record(r#","信息公开方式":"部分公开""#),
        record(r#","公开方式":[]"#),
    ]);
    for (i, item) in items.iter().enumerate() {
        let e = item.as_ref().expect_err("rejected");
        assert_eq!(e.line(), Some(i as u64 + 1));
    }
    assert!(items[0].as_ref().unwrap_err().to_string().contains("秘密"));
    assert!(items[1].as_ref().unwrap_err().to_string().contains("部分公开"));
}

// See: a month-only date is kept as the year (and, since, a year alone); a date that is no
// date is still rejected.
#[test]
fn a_month_only_date_gives_the_year() {
    let items = read_lines(&[
        record(r#","date":"2018-12""#),
        record(r#","date":"2018年12月""#),
        record(r#","date":"2018""#),
        record(r#","published_date":"2017/03","written_date":"2018-12""#),
        record(r#","date":"2018-13-01""#),
        record(r#","date":"2018-13""#),
        record(r#","date":"20188""#),
    ]);
    for item in &items[..3] {
        let d = item.as_ref().unwrap();
        assert_eq!((d.written, d.year), (None, Some(2018)));
    }
    let d = items[3].as_ref().unwrap();
    assert_eq!((d.written, d.published, d.year), (None, None, Some(2018)));
    for (item, bad) in items[4..].iter().zip(["2018-13-01", "2018-13", "20188"]) {
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

/// `text` encoded in `enc`, which must hold every character of it.
fn encode(enc: &'static encoding_rs::Encoding, text: &str) -> Vec<u8> {
    let (bytes, _, unmappable) = enc.encode(text);
    assert!(!unmappable, "{} cannot hold the text", enc.name());
    bytes.into_owned()
}

fn read_bytes(name: &str, bytes: &[u8]) -> Vec<Result<gongwen_schema::Document, ReadError>> {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join(name);
    std::fs::write(&path, bytes).unwrap();
    read_file(&path, &ReadOptions::default()).unwrap().collect()
}

/// What a reading gives of each record, to compare readings of the same records.
fn summary(docs: &[Result<gongwen_schema::Document, ReadError>]) -> Vec<(String, String, String, Option<u64>)> {
    docs.iter()
        .map(|d| {
            let d = d.as_ref().unwrap_or_else(|e| panic!("{e}"));
            (d.id.clone(), d.title.clone(), d.content_hash.clone(), d.source.line)
        })
        .collect()
}

// See: a GB18030 export of records (as many government systems write them) had every line
// rejected as "not valid UTF-8", and a UTF-16 file (Windows' "Unicode") every line too.
#[test]
fn jsonl_in_gb18030_and_utf16_reads_as_the_utf8_file_does() {
    let text = std::fs::read_to_string(Path::new(CORPUS).join("sample.jsonl")).unwrap();
    let utf8 = read_bytes("sample.jsonl", text.as_bytes());
    assert_eq!(utf8.len(), 200);
    let gb = read_bytes("sample.jsonl", &encode(encoding_rs::GB18030, &text));
    assert_eq!(summary(&gb), summary(&utf8));
    let mut utf16 = b"\xFF\xFE".to_vec();
    utf16.extend(text.encode_utf16().flat_map(u16::to_le_bytes));
    assert_eq!(summary(&read_bytes("sample.jsonl", &utf16)), summary(&utf8));
    // Compressed, the same.
    let zst = zstd::encode_all(&encode(encoding_rs::GB18030, &text)[..], 3).unwrap();
    assert_eq!(summary(&read_bytes("sample.jsonl.zst", &zst)), summary(&utf8));
}

#[test]
fn jsonl_in_big5_reads_traditional_text() {
    let lines = [
        r#"{"id":"tw1","title":"國務院辦公廳關於加強政務公開工作的通知","body":"各省、自治區、直轄市人民政府，國務院各部委、各直屬機構：請各級機關認真貫徹執行。"}"#,
        r#"{"id":"tw2","title":"關於印發政府資訊公開工作年度報告的通知","body":"現將年度報告印發給你們，請結合實際認真貫徹落實。"}"#,
    ];
    let text = lines.join("\n");
    let utf8 = read_bytes("tw.jsonl", text.as_bytes());
    assert_eq!(
        summary(&read_bytes("tw.jsonl", &encode(encoding_rs::BIG5, &text))),
        summary(&utf8)
    );
}

#[test]
fn a_line_longer_than_the_sample_is_read_whole() {
    let body = "各乡镇人民政府，县直各部门：现将工作方案印发给你们，请认真贯彻执行。".repeat(2000);
    let text = format!("{{\"id\":\"long\",\"title\":\"关于印发工作方案的通知\",\"body\":\"{body}\"}}\n");
    assert!(text.len() > 128 << 10);
    let gb = read_bytes("long.jsonl", &encode(encoding_rs::GB18030, &text));
    let doc = gb[0].as_ref().unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(gb.len(), 1);
    assert!(doc.body.starts_with("各乡镇人民政府") && doc.body.ends_with("贯彻执行。"));
}

// The encoding is decided once per file: a broken line is reported alone, in the file's
// encoding, and never makes the file read in another one.
#[test]
fn a_bad_line_is_reported_in_the_encoding_of_the_file() {
    let good =
        |id: &str| format!(r#"{{"id":"{id}","title":"关于加强政务公开工作的通知","body":"请各级机关认真贯彻执行。"}}"#);
    // UTF-8 with a GBK line among its lines.
    let mut bytes = Vec::new();
    for (i, id) in ["a", "b", "c"].iter().enumerate() {
        let line = good(id);
        bytes.extend(if i == 1 {
            encode(encoding_rs::GBK, &line)
        } else {
            line.into_bytes()
        });
        bytes.push(b'\n');
    }
    let docs = read_bytes("mixed.jsonl", &bytes);
    assert_eq!(docs.len(), 3);
    assert!(docs[0].is_ok() && docs[2].is_ok());
    let err = docs[1].as_ref().unwrap_err();
    assert_eq!(err.line(), Some(2));
    assert!(err.to_string().contains("UTF-8"), "{err}");
    // GB18030 with a byte no encoding reads on line 3.
    let mut bytes = Vec::new();
    for id in ["a", "b", "c", "d"] {
        bytes.extend(encode(encoding_rs::GB18030, &good(id)));
        if id == "c" {
            bytes.extend(b"\xFF\xFF");
        }
        bytes.push(b'\n');
    }
    let docs = read_bytes("gb.jsonl", &bytes);
    assert_eq!(docs.len(), 4);
    let ids: Vec<_> = docs
        .iter()
        .filter_map(|d| d.as_ref().ok())
        .map(|d| d.id.as_str())
        .collect();
    assert_eq!(ids, ["a", "b", "d"]);
    let err = docs[2].as_ref().unwrap_err();
    assert_eq!(err.line(), Some(3));
    assert!(err.to_string().contains("GB18030"), "{err}");
}

// See: a GB18030 export whose first 64 KiB were ASCII (records with escaped or Latin text
// first) was read as UTF-8, and every later line reported as not UTF-8. The first line beyond
// ASCII decides now; the decision then holds for the file.
#[test]
fn ascii_first_lines_leave_the_encoding_to_the_first_line_beyond_them() {
    let text = std::fs::read_to_string(Path::new(CORPUS).join("sample.jsonl")).unwrap();
    // ASCII records: the sample's first records with every character escaped.
    let escaped: String = text
        .lines()
        .take(40)
        .enumerate()
        .map(|(i, l)| {
            let mut v: serde_json::Value = serde_json::from_str(l).unwrap();
            v["id"] = format!("ascii-{i}").into();
            let line = serde_json::to_string(&v).unwrap();
            let mut out = String::new();
            for c in line.chars() {
                if c.is_ascii() {
                    out.push(c);
                } else {
                    for u in c.encode_utf16(&mut [0; 2]) {
                        out.push_str(&format!("\\u{u:04x}"));
                    }
                }
            }
            out + "\n"
        })
        .collect();
    assert!(escaped.is_ascii() && escaped.len() > 64 << 10, "{}", escaped.len());
    let utf8 = read_bytes("sample.jsonl", format!("{escaped}{text}").as_bytes());
    assert_eq!(utf8.len(), 240);
    let mut gb = escaped.clone().into_bytes();
    gb.extend(encode(encoding_rs::GB18030, &text));
    assert_eq!(summary(&read_bytes("sample.jsonl", &gb)), summary(&utf8));

    // Decided UTF-8 by the first line beyond ASCII: a GBK line after it is reported.
    let first: Vec<&str> = text.lines().take(2).collect();
    let mut mixed = escaped.into_bytes();
    mixed.extend(format!("{}\n", first[0]).bytes());
    mixed.extend(encode(encoding_rs::GBK, first[1]));
    let docs = read_bytes("mixed.jsonl", &mixed);
    assert_eq!(docs.len(), 42);
    assert!(docs[..41].iter().all(Result::is_ok));
    let err = docs[41].as_ref().unwrap_err();
    assert_eq!(err.line(), Some(42));
    assert!(err.to_string().contains("UTF-8"), "{err}");
}

/// The records of the sample as serde_json values.
fn sample_values(n: usize) -> Vec<serde_json::Value> {
    let text = std::fs::read_to_string(Path::new(CORPUS).join("sample.jsonl")).unwrap();
    text.lines().take(n).map(|l| serde_json::from_str(l).unwrap()).collect()
}

/// Id, title and hash of each record read, without its line.
fn contents(docs: &[Result<gongwen_schema::Document, ReadError>]) -> Vec<(String, String, String)> {
    summary(docs)
        .into_iter()
        .map(|(id, title, hash, _)| (id, title, hash))
        .collect()
}

// See: an export written as one JSON array (or pretty-printed, as `jq` prints records) was
// read line by line: 925 "invalid JSON" errors for 50 records, none indexed.
#[test]
fn a_json_array_or_pretty_printed_records_read_as_the_lines_do() {
    let values = sample_values(50);
    let lines: String = values.iter().map(|v| format!("{v}\n")).collect();
    let expected = contents(&read_bytes("sample.jsonl", lines.as_bytes()));
    assert_eq!(expected.len(), 50);
    let compact = serde_json::to_string(&values).unwrap();
    let pretty = serde_json::to_string_pretty(&values).unwrap();
    let stream: String = values
        .iter()
        .map(|v| serde_json::to_string_pretty(v).unwrap() + "\n")
        .collect();
    for (name, text) in [
        ("array.jsonl", &compact),
        ("export.json", &pretty),
        ("jq.jsonl", &stream),
        ("bom.json", &format!("\u{feff}  \n{pretty}")),
    ] {
        let docs = read_bytes(name, text.as_bytes());
        assert_eq!(contents(&docs), expected, "{name}");
        // Each record is reported at the line where it starts.
        let starts: Vec<u64> = docs.iter().map(|d| d.as_ref().unwrap().source.line.unwrap()).collect();
        let text_lines: Vec<&str> = text.lines().collect();
        for l in &starts {
            assert!(
                text_lines[*l as usize - 1]
                    .trim_start()
                    .trim_start_matches('[')
                    .starts_with('{'),
                "{name}: line {l}"
            );
        }
        assert!(
            starts.windows(2).all(|w| w[0] < w[1]) || name == "array.jsonl",
            "{name}"
        );
    }
    // In GB18030, and compressed.
    let gb = encode(encoding_rs::GB18030, &pretty);
    assert_eq!(contents(&read_bytes("gb.json", &gb)), expected);
    let zst = zstd::encode_all(&gb[..], 3).unwrap();
    assert_eq!(contents(&read_bytes("gb.json.zst", &zst)), expected);
}

// An API's answer saved to disk: the records in the one array of objects of its wrapper.
#[test]
fn records_wrapped_in_an_answer_are_read() {
    let values = sample_values(5);
    let lines: String = values.iter().map(|v| format!("{v}\n")).collect();
    let expected = contents(&read_bytes("sample.jsonl", lines.as_bytes()));
    let answers = [
        serde_json::json!({ "code": 200, "msg": "ok", "data": values, "total": 5 }),
        serde_json::json!({ "success": true, "result": { "page": 1, "list": values, "tags": ["a", "b"] } }),
    ];
    for answer in &answers {
        let text = serde_json::to_string_pretty(answer).unwrap();
        let docs = read_bytes("answer.json", text.as_bytes());
        assert_eq!(contents(&docs), expected, "{text:.80}");
    }
    // A record with a list of objects (its attachments) is a record, in English or Chinese.
    let with_files = [
        r#"{"标题":"关于甲事项的通知","正文":"正文。","附件":[{"名称":"方案","url":"a.doc"}]}"#,
        r#"{"title":"关于乙事项的通知","body":"正文。","attachments":[{"name":"方案"}]}"#,
    ]
    .join("\n");
    let docs = read_bytes("files.jsonl", with_files.as_bytes());
    let titles: Vec<String> = docs.iter().map(|d| d.as_ref().unwrap().title.clone()).collect();
    assert_eq!(titles, ["关于甲事项的通知", "关于乙事项的通知"]);
    // Two arrays of records: which one holds the documents cannot be told; the wrapper is read
    // as a record, and refused as one.
    let two = serde_json::json!({ "data": values, "related": values });
    let docs = read_bytes("two.json", serde_json::to_string_pretty(&two).unwrap().as_bytes());
    assert_eq!(docs.len(), 1);
    assert!(
        docs[0]
            .as_ref()
            .unwrap_err()
            .to_string()
            .contains("no title and no body"),
        "{:?}",
        docs[0]
    );
}

#[test]
fn a_broken_array_is_reported_where_it_breaks_and_a_bad_element_alone() {
    let values = sample_values(3);
    let pretty = serde_json::to_string_pretty(&values).unwrap();
    // A comma lost between two records.
    let cut = pretty.rfind("},").unwrap();
    let broken = format!("{}}}{}", &pretty[..cut], &pretty[cut + 2..]);
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("broken.json");
    std::fs::write(&path, &broken).unwrap();
    let err = read_file(&path, &ReadOptions::default())
        .err()
        .expect("the file is reported");
    let line = broken[..cut].lines().count() as u64 + 1;
    assert_eq!(err.line(), Some(line), "{err}");
    assert!(err.to_string().contains("JSON array that does not parse"), "{err}");

    // An element that is no record is reported at its line; the others are read.
    let mixed = format!(
        "[\n{},\n42,\n{}\n]\n",
        serde_json::to_string(&values[0]).unwrap(),
        serde_json::to_string(&values[1]).unwrap()
    );
    let docs = read_bytes("mixed.json", mixed.as_bytes());
    assert_eq!(docs.len(), 3);
    assert!(docs[0].is_ok() && docs[2].is_ok());
    let err = docs[1].as_ref().unwrap_err();
    assert_eq!(err.line(), Some(3));
    assert!(err.to_string().contains("expected a JSON object"), "{err}");

    // A JSONL file whose first record is cut short is still read line by line.
    let first = serde_json::to_string(&values[0]).unwrap();
    let lines = format!(
        "{}\n{}\n{}\n",
        first.chars().take(first.chars().count() / 2).collect::<String>(),
        serde_json::to_string(&values[1]).unwrap(),
        serde_json::to_string(&values[2]).unwrap()
    );
    let docs = read_bytes("cut.jsonl", lines.as_bytes());
    assert_eq!(docs.len(), 3);
    assert!(matches!(docs[0], Err(ReadError::Json { line: 1, .. })));
    assert_eq!(
        summary(&docs[1..]).iter().map(|d| d.3).collect::<Vec<_>>(),
        [Some(2), Some(3)]
    );
}

// See (a QA trial of CMS exports): records restricted in the ways such exports say it were
// indexed public: the note under the signature, pinyin and English column names, a restrictive
// value under a key no list knows, a key given twice, a value with its reason, a mark on the
// body's first line.
#[test]
fn restrictions_as_exports_write_them_hold() {
    let body = |extra: &str| format!("各乡镇：\n现就有关事项通知如下。\n绿春县人民政府办公室\n2018年12月20日{extra}");
    let rec = |id: &str, fields: serde_json::Value, text: String| {
        let mut v = serde_json::json!({ "id": id, "title": "关于调整领导小组成员的通知", "body": text });
        for (k, x) in fields.as_object().unwrap() {
            v[k] = x.clone();
        }
        v.to_string()
    };
    let none = serde_json::json!({});
    let cases: Vec<(String, Option<Disclosure>)> = vec![
        (
            rec("n1", none.clone(), body("\n（此件不予公开）")),
            Some(Disclosure::NotPublic),
        ),
        (
            rec("n2", none.clone(), body("\n(此件依申请公开)")),
            Some(Disclosure::OnRequest),
        ),
        (
            rec("n3", none.clone(), body("\n（此件不宜公开）")),
            Some(Disclosure::NotPublic),
        ),
        (
            rec("n4", none.clone(), format!("内部资料 注意保存\n{}", body(""))),
            Some(Disclosure::NotPublic),
        ),
        (
            rec("k1", serde_json::json!({ "gkfs": "依申请公开" }), body("")),
            Some(Disclosure::OnRequest),
        ),
        (
            rec("k2", serde_json::json!({ "sfgk": "否" }), body("")),
            Some(Disclosure::NotPublic),
        ),
        (
            rec("k3", serde_json::json!({ "openType": "不予公开" }), body("")),
            Some(Disclosure::NotPublic),
        ),
        (
            rec("k4", serde_json::json!({ "isOpen": 0 }), body("")),
            Some(Disclosure::NotPublic),
        ),
        (
            rec("k5", serde_json::json!({ "access": "internal" }), body("")),
            Some(Disclosure::NotPublic),
        ),
        (
            rec(
                "v1",
                serde_json::json!({ "attributes": [{ "name": "公开方式", "value": "不予公开" }] }),
                body(""),
            ),
            Some(Disclosure::NotPublic),
        ),
        (
            rec(
                "v2",
                serde_json::json!({ "meta": [["公开方式", "依申请公开"]] }),
                body(""),
            ),
            Some(Disclosure::OnRequest),
        ),
        (
            rec(
                "v3",
                serde_json::json!({ "xxgk_attr": "不予公开（涉及个人隐私）" }),
                body(""),
            ),
            Some(Disclosure::NotPublic),
        ),
        (
            rec(
                "r1",
                serde_json::json!({ "公开方式": "不予公开（涉及个人隐私）" }),
                body(""),
            ),
            Some(Disclosure::NotPublic),
        ),
        (
            rec(
                "r2",
                serde_json::json!({ "disclosure": "依申请公开(涉及商业秘密)" }),
                body(""),
            ),
            Some(Disclosure::OnRequest),
        ),
        // Classified: refused.
        (rec("c1", serde_json::json!({ "secret_level": "秘密" }), body("")), None),
        (rec("c2", serde_json::json!({ "mj": "机密" }), body("")), None),
        (rec("c3", serde_json::json!({ "level": "机密★10年" }), body("")), None),
        (rec("c4", none.clone(), format!("★秘密\n{}", body(""))), None),
        (
            rec("c5", none.clone(), format!("000123 秘密★1年 特急\n{}", body(""))),
            None,
        ),
        // Public, and words that are no restriction.
        (
            rec("p1", none.clone(), body("\n（此件公开发布）")),
            Some(Disclosure::Public),
        ),
        (
            rec(
                "p2",
                serde_json::json!({ "deleted": "否", "type": "internal", "note": "本办法所称不予公开的信息" }),
                body(""),
            ),
            Some(Disclosure::Public),
        ),
    ];
    let mut lines: Vec<String> = cases.iter().map(|(l, _)| l.clone()).collect();
    // A key given twice: the most restrictive value holds.
    lines.push(
        r#"{"id":"d1","title":"重复键测试通知","disclosure":"不予公开","body":"正文。","disclosure":"主动公开"}"#
            .to_owned(),
    );
    let items = read_lines(&lines);
    for ((line, want), got) in cases.iter().zip(&items) {
        match (want, got) {
            (Some(w), Ok(d)) => assert_eq!(d.disclosure, *w, "{line}"),
            (None, Err(e)) => assert!(e.to_string().contains("classified"), "{e}"),
            _ => panic!("{line}: {got:?}"),
        }
    }
    assert_eq!(
        items.last().unwrap().as_ref().unwrap().disclosure,
        Disclosure::NotPublic
    );
}

// See (a QA trial): an API's answer saved on one line gave no record; columns named in
// Chinese (Excel to JSON) gave "no title and no body"; a body exported as HTML was stored with
// its tags and entities.
#[test]
fn exports_as_tools_write_them() {
    let values = sample_values(3);
    let lines: String = values.iter().map(|v| format!("{v}\n")).collect();
    let expected = contents(&read_bytes("sample.jsonl", lines.as_bytes()));
    let answer = serde_json::json!({ "code": 200, "data": values }).to_string();
    assert!(!answer.contains('\n'));
    assert_eq!(contents(&read_bytes("answer.json", answer.as_bytes())), expected);

    let chinese = r#"{"id":"x","标题":"云南省人民政府关于加强城乡环境卫生整治工作的通知","发文字号":"云政发〔2018〕7号","发文机关":"云南省人民政府","成文日期":"2018年3月1日","发布日期":"2018-03-05","正文":"各州、市人民政府：\n现就有关事项通知如下。"}"#;
    let html = r#"{"id":"h","title":"关于甲事项的通知","publish_time":1545235200000,"body":"<p>各部门：</p><p>&nbsp;&nbsp;请遵照执行。</p><script>alert(1)</script>"}"#;
    let docs = read_lines(&[chinese.to_owned(), html.to_owned()]);
    let d = docs[0].as_ref().unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(d.title, "云南省人民政府关于加强城乡环境卫生整治工作的通知");
    assert_eq!(
        d.doc_numbers.iter().map(|n| n.canonical()).collect::<Vec<_>>(),
        ["云政发〔2018〕7号"]
    );
    assert_eq!(d.issuers, ["云南省人民政府"]);
    assert_eq!(d.written.map(|x| x.to_string()).as_deref(), Some("2018-03-01"));
    assert_eq!(d.published.map(|x| x.to_string()).as_deref(), Some("2018-03-05"));
    assert_eq!(d.body, "各州、市人民政府：\n现就有关事项通知如下。");
    let d = docs[1].as_ref().unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(d.body, "各部门：\n请遵照执行。");
    assert_eq!(d.published.map(|x| x.to_string()).as_deref(), Some("2018-12-20"));
}

// See (a second QA trial): personal numbers in a record's other fields were served unmasked
// (a column read as the text was kept beside it, unmasked); a note at the end of a one-line
// body, `"公开": "否"`, `"security": "confidential"` and a disclosure in a list left records
// public.
#[test]
fn second_trial_records() {
    let lines = [
        r#"{"id":"y3","标题":"关于人事任免的通知","正文":"任命王五，身份证110101199003074514。","remark":"张三身份证110101199003074514，电话13912345678"}"#,
        r#"{"id":"hb2","title":"关于庚的通知","body":"各乡镇：现就有关事项通知如下。绿春县人民政府 2019年4月1日 （此件不予公开）"}"#,
        r#"{"id":"o1","title":"关于辛的通知","body":"正文。","公开":"否"}"#,
        r#"{"id":"o2","title":"关于壬的通知","body":"正文。","security":"confidential"}"#,
        r#"{"id":"o3","title":"关于癸的通知","body":"正文。","disclosure":["不予公开"]}"#,
        r#"{"id":"o4","title":"关于子的通知","body":"正文。","disclosure":{"value":"依申请公开"}}"#,
    ];
    let docs = read_lines(&lines.map(str::to_owned));
    let d = docs[0].as_ref().unwrap_or_else(|e| panic!("{e}"));
    assert!(d.body.contains("110101********4514"), "{}", d.body);
    assert!(
        !d.extra.contains_key("正文") && !d.extra.contains_key("标题"),
        "{:?}",
        d.extra
    );
    let remark = d.extra["remark"].as_str().unwrap();
    assert!(
        !remark.contains("110101199003074514") && !remark.contains("13912345678"),
        "{remark}"
    );
    assert_eq!((d.pii.id_numbers, d.pii.mobiles), (2, 1));
    let want = [
        Disclosure::NotPublic,
        Disclosure::NotPublic,
        Disclosure::NotPublic,
        Disclosure::NotPublic,
        Disclosure::OnRequest,
    ];
    for (d, w) in docs[1..].iter().zip(want) {
        let d = d.as_ref().unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(d.disclosure, w, "{}", d.id);
    }
}

// A corrupt .zst is reported after the lines before it, even when it breaks within the first
// bytes read to decide the encoding.
#[test]
fn a_corrupt_zst_reports_after_the_lines_before_it() {
    let lines: Vec<String> = (0..200)
        .map(|i| {
            format!(
                "{{\"id\":\"z{i}\",\"title\":\"关于第{i}项工作的通知\",\"body\":\"请认真贯彻执行第{i}项工作。\"}}\n"
            )
        })
        .collect();
    // Two frames (as concatenated or parallel compressors write): ten lines, then the rest,
    // cut off half way.
    let mut cut = zstd::encode_all(lines[..10].concat().as_bytes(), 3).unwrap();
    let rest = zstd::encode_all(lines[10..].concat().as_bytes(), 3).unwrap();
    cut.extend_from_slice(&rest[..rest.len() / 2]);
    let items = read_bytes("cut.jsonl.zst", &cut);
    let first_err = items.iter().position(Result::is_err).expect("the cut is reported");
    assert_eq!(first_err, 10, "the lines before the cut are read");
    assert_eq!(first_err, items.len() - 1, "nothing after the error");
    assert!(items[..first_err].iter().all(Result::is_ok));
    let err = items[first_err].as_ref().unwrap_err();
    assert!(err.to_string().contains("zstd"), "{err}");
}

mod encodings {
    use super::*;
    use proptest::prelude::*;

    /// A record as read (id, title, hash, line), or the line of its error.
    fn outcome(r: &Result<gongwen_schema::Document, ReadError>) -> Result<(String, String, String), Option<u64>> {
        r.as_ref()
            .map(|d| (d.id.clone(), d.title.clone(), d.content_hash.clone()))
            .map_err(ReadError::line)
    }

    /// Characters of real titles: common characters and the punctuation of documents.
    fn pool() -> Vec<char> {
        let text = std::fs::read_to_string(Path::new(CORPUS).join("sample.jsonl")).unwrap();
        let mut chars: Vec<char> = text.chars().filter(|c| !c.is_ascii() && *c != '\u{feff}').collect();
        chars.sort_unstable();
        chars.dedup();
        chars
    }

    // Found by the property below (seventeenth session): a GB18030 file of two one-character
    // titles, whose first line is valid UTF-8 by accident (刷 is the bytes of ˢ), had that line
    // read as ˢ while the second was reported.
    #[test]
    fn a_short_gb18030_file_valid_utf8_by_accident_is_not_misread() {
        let text = "{\"id\":\"p0\",\"title\":\"刷\",\"body\":\"\"}\n{\"id\":\"p1\",\"title\":\"·\",\"body\":\"\"}\n";
        let (gb, _, _) = encoding_rs::GB18030.encode(text);
        let utf8: Vec<_> = read_bytes("p.jsonl", text.as_bytes()).iter().map(outcome).collect();
        let read: Vec<_> = read_bytes("p.jsonl", &gb).iter().map(outcome).collect();
        assert!(
            read == utf8 || read.iter().all(|r| r.as_ref().is_err_and(Option::is_some)),
            "{read:?}"
        );
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(64))]

        // Whatever the records, a GB18030 file is either read as the same documents as its
        // UTF-8 form, or every line of it is reported: never read as other characters.
        #[test]
        fn gb18030_files_read_right_or_are_reported(
            picks in prop::collection::vec((prop::collection::vec(any::<prop::sample::Index>(), 1..30),
                                            prop::collection::vec(any::<prop::sample::Index>(), 0..80)), 1..12)
        ) {
            let pool = pool();
            let word = |ix: &[prop::sample::Index]| ix.iter().map(|i| *i.get(&pool)).collect::<String>();
            let text: String = picks
                .iter()
                .enumerate()
                .map(|(n, (t, b))| serde_json::json!({"id": format!("p{n}"), "title": word(t), "body": word(b)}).to_string() + "\n")
                .collect();
            let (gb, _, unmappable) = encoding_rs::GB18030.encode(&text);
            prop_assert!(!unmappable);
            let utf8: Vec<_> = read_bytes("p.jsonl", text.as_bytes()).iter().map(outcome).collect();
            let read: Vec<_> = read_bytes("p.jsonl", &gb).iter().map(outcome).collect();
            prop_assert_eq!(read.len(), utf8.len());
            if read.iter().any(Result::is_ok) {
                prop_assert_eq!(read, utf8);
            } else {
                prop_assert!(read.iter().all(|r| r.as_ref().is_err_and(Option::is_some)), "{:?}", read);
            }
        }
    }
}

// A record's 密级 (classification): classified refused, internal not public, none public.
#[test]
fn a_classification_field_is_honoured() {
    let lines: Vec<String> = [
        r#","密级":"机密★长期""#,
        r#","密级":"内部""#,
        r#","密级":"非密""#,
        r#","classification":"Top Secret""#,
    ]
    .iter()
    .map(|f| record(f))
    .collect();
    let docs = read_lines(&lines);
    assert!(docs[0].as_ref().is_err_and(|e| e.to_string().contains("classified")));
    assert_eq!(docs[1].as_ref().map(|d| d.disclosure).ok(), Some(Disclosure::NotPublic));
    assert_eq!(docs[2].as_ref().map(|d| d.disclosure).ok(), Some(Disclosure::Public));
    assert!(docs[3].is_err(), "a level not understood is refused");
    // Not kept as an extra field either.
    assert!(docs[1].as_ref().is_ok_and(|d| !d.extra.contains_key("密级")));
}

// See: a record whose disclosure sat inside another field (`"meta": {"disclosure": "不予公开"}`,
// a list of attributes) or under another export's name (`is_public: false`, `visibility:
// private`) was indexed as public.
#[test]
fn a_restriction_anywhere_in_a_record_holds() {
    let restricted = [
        (r#","meta":{"disclosure":"不予公开"}"#, Disclosure::NotPublic),
        (
            r#","attributes":{"公开方式":"依申请公开","索引号":"123"}"#,
            Disclosure::OnRequest,
        ),
        (r#","info":[{"x":1},{"公开方式":"不予公开"}]"#, Disclosure::NotPublic),
        (
            r#","source":{"site":"a","meta":{"密级":"内部"}}"#,
            Disclosure::NotPublic,
        ),
        (r#","is_public":false"#, Disclosure::NotPublic),
        (r#","isPublic":"0""#, Disclosure::NotPublic),
        (r#","public":"no""#, Disclosure::NotPublic),
        (r#","visibility":"private""#, Disclosure::NotPublic),
        (r#","access_level":"internal""#, Disclosure::NotPublic),
        (r#","visibility":"依申请公开""#, Disclosure::OnRequest),
        // See (QA ingest pass, fourteenth session): these flags left records public.
        (r#","private":true"#, Disclosure::NotPublic),
        (r#","internal":true"#, Disclosure::NotPublic),
        (r#","meta":{"is_hidden":true}"#, Disclosure::NotPublic),
        // The most restrictive wins, wherever each is.
        (
            r#","disclosure":"主动公开","meta":{"disclosure":"不予公开"}"#,
            Disclosure::NotPublic,
        ),
    ];
    let public = [
        r#","is_public":true"#,
        r#","visibility":"public""#,
        r#","meta":{"disclosure":"主动公开"}"#,
        r#","meta":{"密级":"无"}"#,
        r#","meta":{"publisher":"办公室","tags":["公开","通知"]}"#,
        r#","private":false,"hidden":false"#,
    ];
    let lines: Vec<String> = restricted.iter().map(|(f, _)| *f).chain(public).map(record).collect();
    let docs = read_lines(&lines);
    for (i, (field, want)) in restricted.iter().enumerate() {
        let d = docs[i].as_ref().unwrap_or_else(|e| panic!("{field}: {e}"));
        assert_eq!(d.disclosure, *want, "{field}");
    }
    for (i, field) in public.iter().enumerate() {
        let d = docs[restricted.len() + i]
            .as_ref()
            .unwrap_or_else(|e| panic!("{field}: {e}"));
        assert_eq!(d.disclosure, Disclosure::Public, "{field}");
    }
    // A restriction not understood, wherever it is, refuses the record (never public).
    for field in [
        r#","meta":{"disclosure":"部分公开"}"#,
        r#","meta":{"disclosure":["不予公开"]}"#,
        r#","visibility":"team-only""#,
        r#","meta":{"密级":"机密"}"#,
    ] {
        let docs = read_lines(&[record(field)]);
        assert!(
            docs[0].is_err(),
            "{field} read as {:?}",
            docs[0].as_ref().map(|d| d.disclosure)
        );
    }
    // The fields are kept as they were given.
    let docs = read_lines(&[record(
        r#","meta":{"disclosure":"不予公开","page":3},"is_public":false"#,
    )]);
    let d = docs[0].as_ref().unwrap();
    assert_eq!(d.extra["meta"]["page"], 3);
    assert_eq!(d.extra["is_public"], false);
}

// See (QA robustness pass): ids written as numbers beyond 64 bits were read as floats and
// rounded (`123456789012345678901234567890` and `…891` became one id, silently replacing one
// document with the other), and `1e2` and `100` became two ids.
#[test]
fn numeric_ids_are_whole_or_refused() {
    let lines: Vec<String> = [
        "123456789012345678901234567890",
        "123456789012345678901234567891",
        "1e2",
        "100.0",
        "100",
        "-7",
    ]
    .iter()
    .map(|id| record(&format!(r#","id":{id}"#)))
    .collect();
    let items = read_lines(&lines);
    let errs: Vec<(u64, String)> = items
        .iter()
        .filter_map(|r| r.as_ref().err())
        .map(|e| (e.line().unwrap(), e.to_string()))
        .collect();
    assert_eq!(
        errs.iter().map(|(l, _)| *l).collect::<Vec<_>>(),
        [1, 2, 3, 4],
        "{errs:?}"
    );
    assert!(errs.iter().all(|(_, m)| m.contains("write it as a string")), "{errs:?}");
    let ids: Vec<&str> = items
        .iter()
        .filter_map(|r| r.as_ref().ok())
        .map(|d| d.id.as_str())
        .collect();
    assert_eq!(ids, ["100", "-7"]);
}

// See (QA robustness pass): one line of 2 GiB of zeros in a 67 KB `.jsonl.zst` took 4.2 GB of
// memory before it was refused. A line past 64 MiB is now refused at that length, and the
// lines after it are read.
#[test]
fn an_endless_line_is_refused_at_its_limit_and_reading_goes_on() {
    let dir = tempfile::tempdir().unwrap();
    let zst = dir.path().join("bomb.jsonl.zst");
    let mut enc = zstd::Encoder::new(std::fs::File::create(&zst).unwrap(), 3).unwrap();
    use std::io::Write;
    writeln!(enc, "{}", record(r#","id":"first""#)).unwrap();
    let zeros = vec![0u8; 1 << 20];
    for _ in 0..80 {
        enc.write_all(&zeros).unwrap();
    }
    writeln!(enc).unwrap();
    writeln!(enc, "{}", record(r#","id":"after""#)).unwrap();
    enc.finish().unwrap();
    let items: Vec<_> = read_file(&zst, &ReadOptions::default()).unwrap().collect();
    let ids: Vec<&str> = items
        .iter()
        .filter_map(|r| r.as_ref().ok())
        .map(|d| d.id.as_str())
        .collect();
    assert_eq!(ids, ["first", "after"]);
    let errs: Vec<String> = items
        .iter()
        .filter_map(|r| r.as_ref().err())
        .map(|e| e.to_string())
        .collect();
    assert_eq!(errs.len(), 1, "{errs:?}");
    assert!(
        errs[0].contains(":2:") && errs[0].contains("longer than 64 MiB"),
        "{errs:?}"
    );
}

// See (QA search pass, fourteenth session): a record without a number of its own, whose title
// prints it in brackets at its end, could not be looked up by it.
#[test]
fn a_number_printed_at_the_end_of_the_title_is_the_record_s() {
    let lines = [
        r#"{"title":"国务院关于坚决遏制部分城市房价过快上涨的通知（国发〔2010〕10号）","body":"正文。"}"#.to_string(),
        r#"{"title":"关于贯彻落实国发〔2010〕10号文件的通知","body":"正文。"}"#.to_string(),
        r#"{"title":"关于甲的通知（国发〔2010〕10号）","doc_number":"京政发〔2010〕3号","body":"正文。"}"#.to_string(),
        r#"{"title":"【国务院办公厅】国务院办公厅关于进一步做好房地产市场调控工作有关问题的通知国办发〔2011〕1号(新国八条)","body":"正文。"}"#.to_string(),
        r#"{"title":"【天津住房公积金管理中心】津公积金委〔2022〕2号关于购买首套住房提取住房公积金有关问题的通知","body":"正文。"}"#.to_string(),
        r#"{"title":"关于转发国办发〔2011〕1号","body":"正文。"}"#.to_string(),
        r#"{"title":"【贵阳市人民政府】筑府办发〔2022〕12号市人民政府办公厅关于促进房地产业良性循环和健康发展的通知","body":"正文。"}"#.to_string(),
        r#"{"title":"国发〔2010〕10号文件解读","body":"正文。"}"#.to_string(),
    ];
    let docs = read_lines(&lines);
    let numbers = |i: usize| -> Vec<String> {
        docs[i]
            .as_ref()
            .expect("read")
            .doc_numbers
            .iter()
            .map(|n| n.canonical())
            .collect()
    };
    assert_eq!(numbers(0), ["国发〔2010〕10号"]);
    assert!(numbers(1).is_empty());
    assert_eq!(numbers(2), ["京政发〔2010〕3号"]);
    assert_eq!(numbers(3), ["国办发〔2011〕1号"]);
    assert_eq!(numbers(4), ["津公积金委〔2022〕2号"]);
    assert!(numbers(5).is_empty());
    assert_eq!(numbers(6), ["筑府办发〔2022〕12号"]);
    assert!(numbers(7).is_empty());
}

// See (QA ingest pass, fourteenth session): a `date` that is no date beside `written_date` was
// dropped without a word; it is kept with the record (and said in the log).
#[test]
fn a_date_beside_the_written_date_is_kept() {
    let lines = [
        r#"{"title":"关于甲的通知","body":"正文。","date":"2019-13-45","written_date":"2019-01-02"}"#.to_string(),
        r#"{"title":"关于甲的通知","body":"正文。","date":"2019-13-45"}"#.to_string(),
        r#"{"title":"关于甲的通知","body":"正文。","written_date":"2019-01-02","date":"2019-01-02"}"#.to_string(),
    ];
    let docs = read_lines(&lines);
    let d = docs[0].as_ref().expect("read");
    assert_eq!(d.written.map(|d| d.to_string()).as_deref(), Some("2019-01-02"));
    assert_eq!(d.extra.get("date").and_then(|v| v.as_str()), Some("2019-13-45"));
    assert!(docs[1].is_err());
    let d = docs[2].as_ref().expect("read");
    assert!(d.extra.get("date").is_none());
}

// See (QA leak pass, fourteenth session): each of these was indexed as public. A classified
// record is refused; the others are restricted.
#[test]
fn markings_found_in_the_leak_pass_restrict_or_refuse() {
    let body = "为做好有关工作，现将有关事项通知如下。请认真执行。";
    let with_body = |b: &str| serde_json::json!({ "title": "关于甲事项的通知", "body": b }).to_string();
    let with_field = |f: &str| format!(r#"{{"title":"关于甲事项的通知","body":"{body}"{f}}}"#);
    let classified = [
        with_body(&format!("機密★10年\n{body}")),
        with_body(&format!("絕密★長期\n{body}")),
        with_body(&format!("份号：000123\n秘密★1年\n{body}")),
        with_body(&format!("国务院办公厅文件\n机密★5年\n{body}")),
        with_body(&format!("关于甲事项的通知\n秘密★1年\n{body}")),
        with_body(&format!("密级：秘密　保密期限：1年\n{body}")),
        with_body(&format!("密级和保密期限：秘密★1年\n{body}")),
        with_body(&format!("秘密 1年\n{body}")),
        with_body(&format!("秘密级\n{body}")),
    ];
    let restricted = [
        with_body(&format!("{body}\n（此件不在政府网站公开）")),
        with_body(&format!("{body}\n（此件不宜在网上公开）")),
        with_body(&format!("{body}\n（此件不予以公开发布）")),
        with_body(&format!("{body}\n（此件不予公开，请勿外传）")),
        with_body(&format!("{body}\n某某市人民政府\n1985年4月1日（此件不予公开）\n抄送：市委办公室。\n某某市人民政府办公室 1985年4月2日印发")),
        with_body(&format!("{body}\n注：此件不予公开。")),
        with_body(&format!("{body}\n附注：本件依申请公开")),
        with_body(&format!("内部参阅\n{body}")),
        with_body(&format!("仅供内部参阅\n{body}")),
        r#"{"title":"【内部】关于甲事项的通知","body":"正文。"}"#.to_string(),
        with_field(r#","attrs":[{"name":"是否公开","value":"否"}]"#),
        with_field(r#","fields":[["是否公开","否"],["发布机构","某局"]]"#),
        with_field(r#","props":[{"key":"公开方式","val":"依申请"}]"#),
        with_field(r#","是否公开：":"否""#),
        with_field(r#","【公开方式】":"依申请""#),
        with_field(r#","ｄｉｓｃｌｏｓｕｒｅ":"依申请""#),
        with_field(r#","是否主动公开":"否""#),
        with_field(r#","gklx":"依申请""#),
        with_field(r#","publish":false"#),
        with_field(r#","isPublish":"0""#),
        with_field(r#","private":"true""#),
        with_field(r#","hidden":1"#),
        with_field(r#","open":0"#),
        with_field(r#","withdrawn":true"#),
        with_field(r#","status":"已撤回""#),
        with_field(r#","status":"已撤销发布""#),
    ];
    let restricted: Vec<String> = restricted
        .into_iter()
        .chain([
            // A value broken over two lines, a Markdown table, a body exported as a page.
            with_body(&format!("{body}\n公开方式：不予\n公开")),
            with_body(&format!(
                "| 索引号 | 公开方式 |\n|---|---|\n| 000014349/2019-00012 | 依申请公开 |\n{body}"
            )),
            with_body(&format!(
                "<html><head><meta name=\"gkfs\" content=\"依申请\"></head><body><p>{body}</p></body></html>"
            )),
        ])
        .collect();
    let public = [
        with_body("第二条 （四）申请政府信息公开，行政机关不予公开；\n第三条 本法自公布之日起施行。"),
        with_body(&format!(
            "<html><head><meta name=\"密级\" content=\"无\"></head><body><p>{body}</p></body></html>"
        )),
        with_field(r#","attrs":[{"name":"发布机构","value":"某局"}]"#),
        with_field(r#","publish":true,"hidden":0,"status":"现行有效""#),
        // Revoked as law, not withdrawn from publication: public, and read as repealed.
        with_field(r#","status":"已撤销""#),
    ];
    let lines: Vec<String> = classified.iter().chain(&restricted).chain(&public).cloned().collect();
    let docs = read_lines(&lines);
    for (i, line) in classified.iter().enumerate() {
        assert!(
            matches!(docs[i], Err(ReadError::Refused { .. })),
            "{line}: {:?}",
            docs[i].as_ref().map(|d| d.disclosure)
        );
    }
    for (i, line) in restricted.iter().enumerate() {
        let d = docs[classified.len() + i]
            .as_ref()
            .unwrap_or_else(|e| panic!("{line}: {e}"));
        assert_ne!(d.disclosure, Disclosure::Public, "{line}");
    }
    for (i, line) in public.iter().enumerate() {
        let d = docs[classified.len() + restricted.len() + i]
            .as_ref()
            .unwrap_or_else(|e| panic!("{line}: {e}"));
        assert_eq!(d.disclosure, Disclosure::Public, "{line}");
    }
}
