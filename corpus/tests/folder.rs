//! Folder pages: GB18030 HTML, UTF-8-BOM text, markdown with front matter, and a file in no
//! encoding. The texts are real corpus documents, encoded here.

use std::path::{Path, PathBuf};

use encoding_rs::GB18030;
use gongwen_corpus::{discover, read_file, ReadError, ReadOptions};
use gongwen_schema::Document;

const CORPUS: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/../../shared/corpus");

/// The first `n` records of the gov.cn dump (all have full metadata).
fn govcn(n: usize) -> Vec<serde_json::Value> {
    let text = std::fs::read_to_string(Path::new(CORPUS).join("govcn_zhengce_2019dump.jsonl")).unwrap();
    text.lines().take(n).map(|l| serde_json::from_str(l).unwrap()).collect()
}

fn s<'a>(v: &'a serde_json::Value, k: &str) -> &'a str {
    v[k].as_str().unwrap_or_else(|| panic!("{k}"))
}

fn escape(t: &str) -> String {
    t.replace('&', "&amp;").replace('<', "&lt;").replace('>', "&gt;")
}

fn read_one(path: &Path) -> Document {
    let mut docs: Vec<_> = read_file(path, &ReadOptions::default()).unwrap().collect();
    assert_eq!(docs.len(), 1);
    docs.remove(0).unwrap_or_else(|e| panic!("{e}"))
}

#[test]
fn gb18030_html_with_metadata_table() {
    let dir = tempfile::tempdir().unwrap();
    for (i, r) in govcn(3).iter().enumerate() {
        let paras: String = s(r, "body")
            .lines()
            .map(|p| format!("<p>{}</p>\n", escape(p)))
            .collect();
        let html = format!(
            "<html><head><meta http-equiv=\"Content-Type\" content=\"text/html; charset=gb2312\">\
             <title>{title}_政府信息公开专栏</title><script>var x='<p>脚本</p>';</script></head><body>\
             <table class=\"bd1\"><tr><td>索 引 号：</td><td>{index}</td><td>主题分类：</td><td>{topic}</td></tr>\
             <tr><td>发文机关：</td><td>{issuer}</td><td>成文日期：</td><td>{written}</td></tr>\
             <tr><td>标&nbsp;&nbsp;题：</td><td>{title}</td></tr>\
             <tr><td>发文字号：</td><td>{number}</td><td>发布日期：</td><td>{published}</td></tr></table>\
             <div id=\"UCAP-CONTENT\">{paras}</div><div>【打印本页】</div><div>【关闭窗口】</div></body></html>",
            title = escape(s(r, "title")),
            index = s(r, "index_no"),
            topic = escape(s(r, "topic")),
            issuer = s(r, "issuer"),
            written = s(r, "written_date"),
            number = s(r, "doc_number"),
            published = s(r, "published_date"),
        );
        let (bytes, _, unmappable) = GB18030.encode(&html);
        assert!(!unmappable);
        assert!(std::str::from_utf8(&bytes).is_err(), "really GB18030");
        let path = dir.path().join(format!("page{i}.html"));
        std::fs::write(&path, &bytes).unwrap();
        let d = read_one(&path);
        assert_eq!(d.title, s(r, "title"));
        assert_eq!(d.doc_numbers[0].printed(), s(r, "doc_number"));
        assert_eq!(d.issuers.join("、"), s(r, "issuer"));
        assert_eq!(d.written.unwrap().to_string(), s(r, "written_date"));
        assert_eq!(d.published.unwrap().to_string(), s(r, "published_date"));
        assert_eq!(d.index_no.as_deref(), Some(s(r, "index_no")));
        assert_eq!(d.topic.as_deref(), Some(s(r, "topic")));
        assert_eq!(d.body, gongwen_corpus::clean_body(s(r, "body")), "{}", path.display());
        assert!(!d.body.contains("脚本") && !d.body.contains("打印本页"));
    }
}

#[test]
fn utf8_bom_text_and_markdown_front_matter() {
    let dir = tempfile::tempdir().unwrap();
    let r = &govcn(5)[4];
    // Plain text as a page shows it: title, number line, body, signature and date.
    let body = s(r, "body");
    let txt = format!(
        "\u{feff}{}\r\n{}\r\n\r\n{}\r\n{}\r\n{}\r\n",
        s(r, "title"),
        s(r, "doc_number"),
        body.replace('\n', "\r\n"),
        s(r, "issuer"),
        chinese_date(s(r, "written_date"))
    );
    let path = dir.path().join("bom.txt");
    std::fs::write(&path, txt.as_bytes()).unwrap();
    let d = read_one(&path);
    assert_eq!(d.title, s(r, "title"));
    assert_eq!(d.doc_numbers[0].printed(), s(r, "doc_number"));
    assert_eq!(d.written.unwrap().to_string(), s(r, "written_date"));
    assert_eq!(d.issuers.join("、"), s(r, "issuer"));
    assert!(!d.body.contains('\r') && !d.body.contains('\u{feff}'));

    let md = format!(
        "---\ntitle: {}\ndoc_number: {}\nissuer: {}\nwritten_date: {}\nstatus: 有效\ndisclosure: 主动公开\n---\n\n# {}\n\n{}\n",
        s(r, "title"), s(r, "doc_number"), s(r, "issuer"), s(r, "written_date"), s(r, "title"), body.replace('\n', "\n\n")
    );
    let path = dir.path().join("doc.md");
    std::fs::write(&path, md).unwrap();
    let d = read_one(&path);
    assert_eq!(d.title, s(r, "title"));
    assert_eq!(d.doc_numbers[0].printed(), s(r, "doc_number"));
    assert_eq!(d.status, gongwen_schema::Status::InForce);
    assert!(d.body.starts_with(s(r, "title")), "markdown # removed");

    // Chinese header labels in a .md without front matter.
    let md = format!(
        "标题：{}\n发文字号：{}\n成文日期：{}\n\n{}",
        s(r, "title"),
        s(r, "doc_number"),
        s(r, "written_date"),
        body
    );
    let path = dir.path().join("header.md");
    std::fs::write(&path, md).unwrap();
    let d = read_one(&path);
    assert_eq!(d.title, s(r, "title"));
    assert_eq!(d.body, gongwen_corpus::clean_body(body));

    let files = discover(&[dir.path().to_path_buf()]).unwrap();
    assert_eq!(files.len(), 3);
}

/// `2019-01-24` → `二〇一九年一月二十四日`.
fn chinese_date(iso: &str) -> String {
    let d = ['〇', '一', '二', '三', '四', '五', '六', '七', '八', '九'];
    let small = |n: u32| match (n / 10, n % 10) {
        (0, u) => d[u as usize].to_string(),
        (1, 0) => "十".into(),
        (1, u) => format!("十{}", d[u as usize]),
        (t, 0) => format!("{}十", d[t as usize]),
        (t, u) => format!("{}十{}", d[t as usize], d[u as usize]),
    };
    let parts: Vec<u32> = iso.split('-').map(|p| p.parse().unwrap()).collect();
    let year: String = parts[0]
        .to_string()
        .chars()
        .map(|c| d[c.to_digit(10).unwrap() as usize])
        .collect();
    format!("{year}年{}月{}日", small(parts[1]), small(parts[2]))
}

#[test]
fn bytes_in_no_encoding_name_the_file() {
    let dir = tempfile::tempdir().unwrap();
    let path: PathBuf = dir.path().join("broken.html");
    let mut bytes = "<p>国务院关于".as_bytes().to_vec();
    bytes.extend_from_slice(b"\xFF\xFE\xFF");
    std::fs::write(&path, &bytes).unwrap();
    let err = read_file(&path, &ReadOptions::default()).err().expect("fails");
    assert!(matches!(err, ReadError::Encoding { .. }), "{err}");
    assert_eq!(err.path(), path);
    assert!(err.to_string().contains("broken.html"), "{err}");
}

// See: a folder `fs` with `ok.txt`, `sub/gb.txt` and `sub/loop -> ..` was followed until the OS
// stopped it: 82 documents from 2 files.
#[cfg(unix)]
#[test]
fn a_symlink_loop_is_walked_once() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path().join("fs");
    std::fs::create_dir_all(root.join("sub")).unwrap();
    std::fs::write(root.join("ok.txt"), "关于甲事项的通知\n正文。\n").unwrap();
    std::fs::write(root.join("sub/gb.txt"), GB18030.encode("关于乙事项的通知\n正文。\n").0).unwrap();
    std::os::unix::fs::symlink("..", root.join("sub/loop")).unwrap();
    // A link out of the tree to a folder already visited, and one to a folder that is not.
    std::os::unix::fs::symlink(root.join("sub"), root.join("again")).unwrap();
    let outside = dir.path().join("outside");
    std::fs::create_dir(&outside).unwrap();
    std::fs::write(outside.join("c.md"), "# 关于丙事项的通知\n").unwrap();
    std::os::unix::fs::symlink(&outside, root.join("linked")).unwrap();

    let files = discover(std::slice::from_ref(&root)).unwrap();
    let names: Vec<String> = files
        .iter()
        .map(|p| p.strip_prefix(&root).unwrap().display().to_string())
        .collect();
    assert_eq!(names, ["linked/c.md", "ok.txt", "sub/gb.txt"]);
    // The folder given twice, or a folder and one inside it: still each file once.
    let twice = discover(&[root.clone(), root.join("sub"), root.clone()]).unwrap();
    assert_eq!(twice, files);
}

// See: one unreadable folder (`perm/locked`, mode 000) made the whole run fail (exit 2) and
// nothing was indexed. It is now listed among the files and reading it reports it.
#[cfg(unix)]
#[test]
fn an_unreadable_folder_is_reported_and_the_rest_is_read() {
    use std::os::unix::fs::PermissionsExt;
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path().join("perm");
    std::fs::create_dir_all(root.join("open")).unwrap();
    std::fs::write(root.join("open/ok.txt"), "关于甲事项的通知\n正文。\n").unwrap();
    let locked = root.join("locked");
    std::fs::create_dir(&locked).unwrap();
    std::fs::write(locked.join("hidden.txt"), "关于乙事项的通知\n").unwrap();
    std::fs::set_permissions(&locked, std::fs::Permissions::from_mode(0o000)).unwrap();
    let denied = std::fs::read_dir(&locked).is_err();
    let files = discover(std::slice::from_ref(&root));
    std::fs::set_permissions(&locked, std::fs::Permissions::from_mode(0o755)).unwrap();
    let files = files.unwrap();
    if !denied {
        // Root reads any folder: nothing is unreadable here (see `a_folder_that_cannot_be_read`).
        eprintln!("skipped: running as root, mode 000 does not stop reading");
        return;
    }
    assert_eq!(files, [locked.clone(), root.join("open/ok.txt")]);
    std::fs::set_permissions(&locked, std::fs::Permissions::from_mode(0o000)).unwrap();
    let err = read_file(&locked, &ReadOptions::default()).err().expect("reported");
    std::fs::set_permissions(&locked, std::fs::Permissions::from_mode(0o755)).unwrap();
    assert_eq!(err.path(), locked);
    assert!(matches!(err, ReadError::Io { .. }), "{err}");
    assert!(err.to_string().ends_with("Permission denied (os error 13)"), "{err}");
}

#[test]
fn a_page_keeps_its_id_however_its_path_is_spelled() {
    // Regression: ids derived from the path as given changed with the spelling: indexing
    // `pages`, then `/abs/pages`, added every page a second time under new ids.
    let tmp = tempfile::tempdir().unwrap();
    let pages = tmp.path().join("pages");
    std::fs::create_dir_all(pages.join("sub")).unwrap();
    std::fs::write(pages.join("sub/a.txt"), "关于甲事项的通知\n正文。\n").unwrap();
    std::fs::write(
        pages.join("records.jsonl"),
        "{\"title\":\"关于乙事项的通知\",\"body\":\"正文。\"}\n",
    )
    .unwrap();
    #[cfg(unix)]
    std::os::unix::fs::symlink(&pages, tmp.path().join("link")).unwrap();
    let ids = |root: PathBuf| -> Vec<String> {
        let files = discover(&[root]).unwrap();
        let mut ids: Vec<String> = files
            .iter()
            .flat_map(|f| read_file(f, &ReadOptions::default()).unwrap())
            .map(|d| d.unwrap().id)
            .collect();
        ids.sort();
        ids
    };
    let plain = ids(pages.clone());
    assert_eq!(plain.len(), 2);
    assert!(plain.iter().all(|id| id.starts_with("file-")), "{plain:?}");
    let mut spellings = vec![
        tmp.path().join("pages/"),
        tmp.path().join("./pages"),
        tmp.path().join("pages/sub/.."),
    ];
    #[cfg(unix)]
    spellings.push(tmp.path().join("link"));
    for spelling in spellings {
        assert_eq!(ids(spelling.clone()), plain, "{}", spelling.display());
    }
    // Different files still differ.
    assert_ne!(plain[0], plain[1]);
}
