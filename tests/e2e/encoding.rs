//! The bad input matrix: files made by the test that no reader should choke on (broken JSON,
//! truncated zstd, bytes in no encoding, GBK, UTF-16, Big5, binary, empty, huge, punctuation,
//! control characters, a 10,000-character title). Each is either indexed correctly (search
//! finds it) or rejected with a precise error (file, line, reason) in the summary; never a
//! panic, and memory stays bounded.

use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::Duration;

use crate::harness::{bin, corpus, run, scratch};

/// Index `files` (written into a folder of their own) into a fresh index; returns the summary
/// JSON and the index folder. The run itself must succeed: bad records are reported, not fatal.
fn index_case(case: &str, files: &[(&str, Vec<u8>)]) -> (serde_json::Value, PathBuf) {
    let root = scratch().join("bad-input").join(case);
    let _ = std::fs::remove_dir_all(&root);
    let input = root.join("in");
    std::fs::create_dir_all(&input).expect("mkdir");
    for (name, bytes) in files {
        std::fs::write(input.join(name), bytes).expect("write input");
    }
    let index = root.join("index");
    let (code, out, err) = run(&[
        "index",
        "-q",
        "--json",
        "--index",
        &index.display().to_string(),
        &input.display().to_string(),
    ]);
    assert_eq!(code, 0, "{case}: the run must go on past bad input:\n{err}");
    assert!(!err.contains("panicked"), "{case}: {err}");
    let summary: serde_json::Value = serde_json::from_str(&out).expect("summary json");
    eprintln!(
        "bad input {case:>16}: indexed {}, rejected {}{}",
        summary["indexed"],
        summary["rejected"],
        summary["errors"]
            .as_array()
            .into_iter()
            .flatten()
            .map(|e| format!(
                "\n    {}",
                crate::harness::short(e["reason"].as_str().unwrap_or_default())
            ))
            .collect::<String>()
    );
    (summary, index)
}

/// Public hits for a query.
fn hits(index: &Path, q: &str) -> u64 {
    let (code, out, err) = run(&["search", "--json", "--index", &index.display().to_string(), q]);
    assert_eq!(code, 0, "search {q}: {err}");
    let v: serde_json::Value = serde_json::from_str(&out).expect("search json");
    v["total"].as_u64().unwrap_or(0)
}

/// The reasons in a summary, one string.
fn reasons(s: &serde_json::Value) -> String {
    s["errors"]
        .as_array()
        .into_iter()
        .flatten()
        .map(|e| e["reason"].as_str().unwrap_or_default().to_string())
        .collect::<Vec<_>>()
        .join("\n")
}

fn jsonl_doc(id: &str, title: &str, body: &str) -> String {
    serde_json::json!({"id": id, "title": title, "body": body, "kind": "notice", "date": "2019-05-06"}).to_string()
}

fn page(title: &str, body: &str) -> String {
    format!("{title}\n\n{body}\n")
}

/// Pseudo-random bytes (deterministic).
fn noise(n: usize, mut seed: u64) -> Vec<u8> {
    (0..n)
        .map(|_| {
            seed = seed.wrapping_mul(6364136223846793005).wrapping_add(1442695040888963407);
            (seed >> 33) as u8
        })
        .collect()
}

#[test]
fn broken_json_lines_are_reported_with_their_line() {
    let text = [
        jsonl_doc("ok-1", "关于青松计划的通知", "青松计划正文。"),
        "{broken".into(),
        "[1, 2, 3]".into(),
        r#"{"id": "x", "title": "无正文", "body": "半行"#.into(),
        jsonl_doc("ok-2", "关于青松计划的补充通知", "青松计划补充。"),
    ]
    .join("\n");
    let mut bad_utf8 = text.clone().into_bytes();
    bad_utf8.extend_from_slice(b"\n{\"id\":\"u\",\"title\":\"\xff\xfe\xfa\"}\n");
    let (s, index) = index_case("broken-json", &[("docs.jsonl", bad_utf8)]);
    assert_eq!(
        (s["indexed"].as_u64(), s["rejected"].as_u64()),
        (Some(2), Some(4)),
        "{s}"
    );
    let r = reasons(&s);
    for line in [
        "docs.jsonl:2: invalid JSON",
        "docs.jsonl:3: invalid JSON",
        "docs.jsonl:4: invalid JSON",
    ] {
        assert!(r.contains(line), "{line} missing in {r}");
    }
    assert!(r.contains("docs.jsonl:6: line is not valid UTF-8"), "{r}");
    assert_eq!(hits(&index, "青松计划"), 2);
}

// See: a JSONL export in GB18030 (as many government systems write them) had every line
// rejected as "not valid UTF-8"; a UTF-16 one too.
#[test]
fn jsonl_exports_in_gb18030_and_utf16_are_indexed() {
    let lines = [
        jsonl_doc(
            "gb-1",
            "关于白杨计划的通知",
            "各乡镇人民政府：白杨计划正文，请认真贯彻执行。",
        ),
        jsonl_doc(
            "gb-2",
            "关于白杨计划的补充通知",
            "县直各部门：白杨计划补充规定，自印发之日起施行。",
        ),
    ];
    let joined = lines.join("\n");
    let mut broken = encoding_rs::GB18030.encode(&joined).0.into_owned();
    // A third line with a byte GB18030 has no reading of.
    broken.extend_from_slice(b"\n{\"id\":\"gb-3\",\"title\":\"\xb0\xd7\xff\xff\"}\n");
    let mut utf16 = b"\xFF\xFE".to_vec();
    let text = jsonl_doc("u16-1", "关于白杨计划的实施意见", "白杨计划实施意见正文。");
    utf16.extend(text.encode_utf16().flat_map(u16::to_le_bytes));
    let (s, index) = index_case("jsonl-encodings", &[("gb.jsonl", broken), ("u16.jsonl", utf16)]);
    assert_eq!(
        (s["indexed"].as_u64(), s["rejected"].as_u64()),
        (Some(3), Some(1)),
        "{s}"
    );
    let r = reasons(&s);
    assert!(r.contains("gb.jsonl:3: line is not valid GB18030"), "{r}");
    assert_eq!(hits(&index, "白杨计划"), 3);
    assert_eq!(hits(&index, "自印发之日起施行"), 1);
}

// See: a truncated .zst was reported as "docs.jsonl.zst: incomplete frame", with no line and no
// word of what that means.
#[test]
fn a_truncated_zst_file_keeps_what_came_before_and_says_where() {
    // Real text, so that the first half of the compressed file holds whole blocks.
    let text = std::fs::read(crate::crash::corpus_prefix("crash-800.jsonl", 800)).expect("read");
    let full = zstd::encode_all(&text[..], 3).expect("zstd");
    let cut = full[..full.len() / 2].to_vec();
    let (s, index) = index_case("truncated-zst", &[("docs.jsonl.zst", cut)]);
    let r = reasons(&s);
    assert_eq!(s["rejected"].as_u64(), Some(1), "{s}");
    assert!(
        r.contains("docs.jsonl.zst:") && r.contains("the zstd stream is truncated or corrupt"),
        "{r}"
    );
    let indexed = s["indexed"].as_u64().unwrap_or(0);
    assert!(indexed > 0 && indexed < 800, "{s}");
    assert_eq!(crate::crash::document_count(&index), indexed);
}

#[test]
fn pages_in_every_encoding_are_read_or_rejected_precisely() {
    let gbk = |s: &str| encoding_rs::GB18030.encode(s).0.into_owned();
    let big5 = |s: &str| encoding_rs::BIG5.encode(s).0.into_owned();
    let utf16 = |s: &str| {
        let mut v = vec![0xFF, 0xFE];
        for u in s.encode_utf16() {
            v.extend_from_slice(&u.to_le_bytes());
        }
        v
    };
    let html = |title: &str, body: &str| {
        format!("<html><head><meta charset=\"gbk\"><title>{title}</title></head><body><p>{body}</p></body></html>")
    };
    let mut png = b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR".to_vec();
    png.extend(noise(2000, 7));
    let files = vec![
        (
            "gbk.txt",
            gbk(&page("关于推进梧桐苗圃的通知", "各区县：梧桐苗圃要抓紧落实。")),
        ),
        ("gbk.html", gbk(&html("关于推进银杏大道的通知", "银杏大道要抓紧落实。"))),
        (
            "utf16.txt",
            utf16(&page("关于推进红杉林场的通知", "红杉林场要抓紧落实。")),
        ),
        (
            "big5.txt",
            big5(&page(
                "關於推進櫻桃園區的通知",
                "各區縣：櫻桃園區要抓緊落實，請認真貫徹執行。",
            )),
        ),
        (
            "invalid.txt",
            b"\xbf\xd5\xb0\xd7 line one\nline two \xff\xff\xff end\n".to_vec(),
        ),
        ("random.txt", noise(4096, 1)),
        ("logo.html", png),
        ("empty.txt", Vec::new()),
        ("empty.html", Vec::new()),
        ("empty.jsonl", Vec::new()),
        ("image.png", noise(64, 3)),
    ];
    let (s, index) = index_case("encodings", &files);
    let r = reasons(&s);
    assert_eq!(hits(&index, "梧桐苗圃"), 1, "GBK .txt: {r}");
    assert_eq!(hits(&index, "银杏大道"), 1, "GBK .html: {r}");
    assert_eq!(hits(&index, "红杉林场"), 1, "UTF-16 .txt: {r}");
    // Big5 is read as Big5: the traditional characters come out as they were written.
    assert_eq!(hits(&index, "櫻桃園區"), 1, "Big5 .txt: {r}");
    assert!(
        r.contains("invalid.txt:2: file is neither valid UTF-8 nor valid GB18030/GBK or Big5"),
        "{r}"
    );
    assert!(r.contains("random.txt"), "{r}");
    assert!(r.contains("logo.html:3: file looks like a binary file"), "{r}");
    // A file of another type in a folder is not discovered at all (named on the command line, it
    // would be an "unsupported file type" error).
    assert!(!r.contains("image.png"), "{r}");
    // Empty pages are rejected by name; an empty JSONL file has no records and no error.
    assert!(r.contains("empty.txt") && r.contains("empty.html"), "{r}");
    assert!(!r.contains("empty.jsonl"), "{r}");
    assert_eq!(s["indexed"].as_u64(), Some(4), "{s}");
}

#[test]
fn odd_documents_are_indexed_or_refused_precisely() {
    let long_line: String = "长句无换行测试文本".repeat(40_000); // ~1 MB, no line break
    let title_10k: String = "标题".repeat(5_000);
    let control = "控制字符\u{1}\u{7}\u{1b}[31m正文\u{8}\u{c}测试\u{7f}结束";
    let docs = [
        jsonl_doc("punct", "。。。！！！", "，、；：？！……——（）《》"),
        jsonl_doc("control", "关于控制字符的通知", control),
        jsonl_doc("long-title", &title_10k, "长标题文件的正文：雪松"),
        jsonl_doc("long-line", "关于长行的通知", &format!("{long_line}鸿雁归来")),
    ]
    .join("\n");
    let page_line = format!("关于长页面的通知\n{}麋鹿出没", "页面长行".repeat(90_000));
    let (s, index) = index_case(
        "odd-documents",
        &[
            ("odd.jsonl", docs.into_bytes()),
            ("long-line.txt", page_line.into_bytes()),
        ],
    );
    let r = reasons(&s);
    assert_eq!(hits(&index, "控制字符"), 1, "{r}");
    assert_eq!(hits(&index, "雪松"), 1, "{r}");
    assert_eq!(hits(&index, "鸿雁归来"), 1, "{r}");
    assert_eq!(hits(&index, "麋鹿出没"), 1, "{r}");
    // Only punctuation: indexed (it has a title and a body) or refused by line; never a panic.
    let punct = s["indexed"].as_u64() == Some(5);
    assert!(punct || r.contains("odd.jsonl:1"), "{s}");
    // Control characters never reach the stored text.
    let (_, out, _) = run(&["search", "--json", "--index", &index.display().to_string(), "控制字符"]);
    assert!(!out.contains("\\u0001") && !out.contains("\\u001b"), "{out}");
}

/// Peak resident memory of a child, in KiB, read from /proc while it runs.
fn run_measuring_peak(args: &[&str]) -> (bool, u64, String) {
    let mut child = Command::new(bin())
        .args(args)
        .env("RUST_LOG", "warn")
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
        .spawn()
        .expect("spawn");
    let status_file = format!("/proc/{}/status", child.id());
    let mut peak = 0;
    let status = loop {
        if let Ok(text) = std::fs::read_to_string(&status_file) {
            if let Some(kb) = text
                .lines()
                .find_map(|l| l.strip_prefix("VmHWM:"))
                .and_then(|v| v.trim().trim_end_matches("kB").trim().parse::<u64>().ok())
            {
                peak = peak.max(kb);
            }
        }
        if let Some(status) = child.try_wait().expect("try_wait") {
            break status;
        }
        std::thread::sleep(Duration::from_millis(20));
    };
    let mut err = String::new();
    if let Some(mut e) = child.stderr.take() {
        let _ = std::io::Read::read_to_string(&mut e, &mut err);
    }
    (status.success(), peak, err)
}

#[test]
fn a_50_mb_document_is_indexed_in_bounded_memory() {
    let root = scratch().join("bad-input").join("huge");
    let _ = std::fs::remove_dir_all(&root);
    std::fs::create_dir_all(&root).expect("mkdir");
    // Real text, paragraphs of the corpus one after another, to 50 MB.
    let source = std::fs::read_to_string(corpus("gov_docs.jsonl")).expect("read corpus");
    let mut body = String::with_capacity(51 << 20);
    'fill: loop {
        for line in source.lines() {
            let v: serde_json::Value = serde_json::from_str(line).expect("json");
            body.push_str(v["body"].as_str().unwrap_or_default());
            body.push('\n');
            if body.len() >= 50 << 20 {
                break 'fill;
            }
        }
    }
    body.push_str("文末标记：胡杨林专项。\n");
    let file = root.join("huge.txt");
    std::fs::write(&file, page("关于超大文件的通知", &body)).expect("write");
    let index = root.join("index");
    let idx = index.display().to_string();
    let (ok, peak_kib, err) = run_measuring_peak(&["index", "-q", "--index", &idx, &file.display().to_string()]);
    assert!(ok, "{err}");
    eprintln!(
        "bad input: a {:.0} MB document: peak RSS of `gongwen index` {:.0} MiB",
        body.len() as f64 / 1e6,
        peak_kib as f64 / 1024.0
    );
    assert!(peak_kib > 0, "could not read VmHWM");
    assert!(peak_kib < 1 << 20, "peak RSS {peak_kib} KiB is over 1 GiB");
    assert_eq!(hits(&index, "胡杨林专项"), 1);
}
