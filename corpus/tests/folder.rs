//! Folder pages: GB18030 HTML, UTF-8-BOM text, markdown with front matter, and a file in no
//! encoding. The texts are real corpus documents, encoded here.

use std::path::{Path, PathBuf};

mod common;

use common::DISCLOSURE_LABELS;
use encoding_rs::GB18030;
use gongwen_corpus::{discover, read_file, ReadError, ReadOptions};
use gongwen_schema::{Disclosure, Document};

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

// See: a county site's page (GB2312, as many are) was indexed with its top bar, menu,
// breadcrumb, related articles and footer in the body: a search for 互动交流 or 主办 found every
// page of the site. The body is now the document; the metadata still come from the whole page.
#[test]
fn a_site_page_gives_the_document_not_the_site() {
    let html = r#"<!DOCTYPE html><html><head><meta http-equiv="Content-Type" content="text/html; charset=gb2312">
<title>关于印发《绿春县政务公开工作实施方案》的通知_政策文件_绿春县人民政府</title></head><body>
<div class="top"><a href="/wza">无障碍</a> | <a href="/lz">长者模式</a> | <a href="/ft">繁體</a></div>
<div class="nav"><ul><li><a href="/">首页</a></li><li><a href="/zwgk">政务公开</a></li><li><a href="/hdjl">互动交流</a></li><li><a href="/bsfw">办事服务</a></li></ul></div>
<div class="crumb">当前位置：<a href="/">首页</a> &gt; <a href="/zwgk">政务公开</a> &gt; 政策文件</div>
<table class="xxgk"><tr><td>索引号：</td><td>11532531015146376B/2018-00123</td><td>发布机构：</td><td><a href="/org/1">绿春县人民政府办公室</a></td></tr>
<tr><td>文号：</td><td>绿政办发〔2018〕59号</td><td>发布日期：</td><td>2018年12月25日</td></tr></table>
<div class="article"><h1>关于印发《绿春县政务公开工作实施方案》的通知</h1>
<div class="TRS_Editor"><p>各乡镇人民政府，县直各部门：</p><p>　　现将《绿春县政务公开工作实施方案》印发给你们，请认真贯彻执行。</p>
<p>附件：<a href="/f/1.doc">绿春县政务公开工作实施方案</a></p>
<p style="text-align:right">绿春县人民政府办公室</p><p style="text-align:right">2018年12月20日</p></div>
<div class="tools"><a href="javascript:window.print()">【打印本页】</a> <a href="javascript:window.close()">【关闭窗口】</a></div></div>
<div class="related"><h3>相关文章</h3><ul><li><a href="/a">绿春县2018年政府信息公开工作年度报告</a></li><li><a href="/b">关于做好2019年政务公开工作的通知</a></li></ul></div>
<div class="links">政府网站：<select><option>中国政府网</option><option>云南省人民政府</option></select></div>
<div class="footer"><p>主办：绿春县人民政府办公室 承办：绿春县信息中心</p><p>地址：云南省红河州绿春县大兴镇 电话：0873-1234567</p></div>
</body></html>"#;
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("t20181225_59.html");
    std::fs::write(&path, encoding_rs::GBK.encode(html).0).unwrap();
    let d = read_one(&path);
    assert_eq!(d.title, "关于印发《绿春县政务公开工作实施方案》的通知");
    assert_eq!(
        d.doc_numbers.iter().map(|n| n.canonical()).collect::<Vec<_>>(),
        ["绿政办发〔2018〕59号"]
    );
    assert_eq!(d.issuers, ["绿春县人民政府办公室"]);
    assert_eq!(d.published.map(|x| x.to_string()).as_deref(), Some("2018-12-25"));
    assert_eq!(d.written.map(|x| x.to_string()).as_deref(), Some("2018-12-20"));
    assert_eq!(d.index_no.as_deref(), Some("11532531015146376B/2018-00123"));
    assert_eq!(
        d.body,
        "关于印发《绿春县政务公开工作实施方案》的通知\n各乡镇人民政府，县直各部门：\n\
         现将《绿春县政务公开工作实施方案》印发给你们，请认真贯彻执行。\n附件：绿春县政务公开工作实施方案\n\
         绿春县人民政府办公室\n2018年12月20日"
    );
}

// See: a page converted to Markdown with its metadata in a table (`| 发文字号 | … |`, as
// converters write a web page's or a Word file's table) was titled by the table's first row,
// with no number and kind `other`.
#[test]
fn markdown_tables_are_read_as_tables() {
    let md = "| 索引号 | 11532531015146376B/2018-00123 | 主题分类 | 政务公开 |\n\
              |---|:---|---|---:|\n\
              | 发文机关 | 绿春县人民政府办公室 | 成文日期 | 2018年12月20日 |\n\
              | **标题** | 关于印发《绿春县政务公开工作实施方案》的通知 | | |\n\
              | 发文字号 | 绿政办发〔2018〕59号 | 发布日期 | 2018年12月25日 |\n\n\
              # 关于印发《绿春县政务公开工作实施方案》的通知\n\n各乡镇人民政府，县直各部门：\n\n\
              现将《绿春县政务公开工作实施方案》印发给你们，请认真贯彻执行。\n\n\
              | 序号 | 事项 |\n| --- | --- |\n| 1 | 政务公开 |\n\n绿春县人民政府办公室\n\n2018年12月20日\n";
    let dir = tempfile::tempdir().unwrap();
    let d = read_page(dir.path(), "table.md", md).unwrap();
    assert_eq!(d.title, "关于印发《绿春县政务公开工作实施方案》的通知");
    assert_eq!(
        d.doc_numbers.iter().map(|n| n.canonical()).collect::<Vec<_>>(),
        ["绿政办发〔2018〕59号"]
    );
    assert_eq!(d.issuers, ["绿春县人民政府办公室"]);
    assert_eq!(d.written.map(|x| x.to_string()).as_deref(), Some("2018-12-20"));
    assert_eq!(d.published.map(|x| x.to_string()).as_deref(), Some("2018-12-25"));
    assert_eq!(
        (d.index_no.as_deref(), d.topic.as_deref()),
        (Some("11532531015146376B/2018-00123"), Some("政务公开"))
    );
    assert_eq!(
        d.body,
        "关于印发《绿春县政务公开工作实施方案》的通知\n各乡镇人民政府，县直各部门：\n\
         现将《绿春县政务公开工作实施方案》印发给你们，请认真贯彻执行。\n序号\n事项\n1\n政务公开\n\
         绿春县人民政府办公室\n2018年12月20日"
    );
    // In a page without tables, a label alone on a line is text, as before.
    let plain = "关于甲事项的通知\n\n标题\n\n正文第一段。\n";
    let d = read_page(dir.path(), "plain.md", plain).unwrap();
    assert_eq!(
        (d.title.as_str(), d.body.as_str()),
        ("关于甲事项的通知", "关于甲事项的通知\n标题\n正文第一段。")
    );
}

// See: a page saved from a site as text was titled by the site's name (绿春县人民政府) above
// its menu, kind `other`, and the menu was in its body. The lines above the breadcrumb go when
// they are a name and a menu; a label or a number above it keeps everything.
#[test]
fn a_page_saved_as_text_starts_below_the_site() {
    let saved = "绿春县人民政府\n首页\n政务公开\n互动交流\n当前位置：首页 > 政务公开 > 政策文件\n\
                 关于印发《绿春县政务公开工作实施方案》的通知\n\
                 发布时间：2018-12-25 10:30 来源：绿春县人民政府办公室 浏览次数：1024\n\
                 各乡镇人民政府，县直各部门：\n现将《绿春县政务公开工作实施方案》印发给你们，请认真贯彻执行。\n\
                 绿春县人民政府办公室\n2018年12月20日\n【打印本页】【关闭窗口】\n";
    let dir = tempfile::tempdir().unwrap();
    let d = read_page(dir.path(), "saved.txt", saved).unwrap();
    assert_eq!(d.title, "关于印发《绿春县政务公开工作实施方案》的通知");
    assert_eq!(d.kind, gongwen_schema::Kind::Notice);
    assert_eq!(d.published.map(|x| x.to_string()).as_deref(), Some("2018-12-25"));
    assert_eq!(
        d.body,
        "关于印发《绿春县政务公开工作实施方案》的通知\n各乡镇人民政府，县直各部门：\n\
         现将《绿春县政务公开工作实施方案》印发给你们，请认真贯彻执行。\n绿春县人民政府办公室\n2018年12月20日"
    );
    let labelled = "发文字号：绿政办发〔2018〕59号\n首页\n当前位置：首页 > 政策文件\n关于甲事项的通知\n正文。\n";
    let d = read_page(dir.path(), "labelled.txt", labelled).unwrap();
    assert_eq!(
        d.doc_numbers.iter().map(|n| n.canonical()).collect::<Vec<_>>(),
        ["绿政办发〔2018〕59号"]
    );
    assert!(d.body.contains("首页"), "{}", d.body);
}

// See: a named pipe called `pipe.txt` in a folder hung the run for good (opening a pipe waits
// for a writer). A pipe or a socket is reported as not a regular file, and the rest is read.
#[cfg(unix)]
#[test]
fn a_pipe_or_a_socket_is_reported_not_opened() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path().join("special");
    std::fs::create_dir(&root).unwrap();
    std::fs::write(root.join("ok.txt"), "关于甲事项的通知\n正文。\n").unwrap();
    let made = std::process::Command::new("mkfifo")
        .arg(root.join("pipe.txt"))
        .status()
        .expect("mkfifo runs");
    assert!(made.success());
    let _socket = std::os::unix::net::UnixListener::bind(root.join("socket.html")).unwrap();
    let files = discover(std::slice::from_ref(&root)).unwrap();
    assert_eq!(files.len(), 3, "{files:?}");
    // Read in a thread: were the pipe opened, the read would never return.
    let (tx, rx) = std::sync::mpsc::channel();
    std::thread::spawn(move || {
        let out: Vec<Result<String, String>> = files
            .iter()
            .map(|f| match read_file(f, &ReadOptions::default()) {
                Ok(mut docs) => Ok(docs.next().unwrap().unwrap().title),
                Err(e) => Err(e.to_string()),
            })
            .collect();
        tx.send(out).unwrap();
    });
    let out = rx
        .recv_timeout(std::time::Duration::from_secs(60))
        .expect("reading returned (a pipe was opened and waited on?)");
    assert_eq!(out[0], Ok("关于甲事项的通知".to_string()));
    let pipe = root.join("pipe.txt");
    let socket = root.join("socket.html");
    assert_eq!(
        out[1],
        Err(format!(
            "{}: not a regular file but a named pipe: not read",
            pipe.display()
        ))
    );
    assert_eq!(
        out[2],
        Err(format!(
            "{}: not a regular file but a socket: not read",
            socket.display()
        ))
    );
}

#[test]
fn an_empty_or_blank_page_says_so() {
    let dir = tempfile::tempdir().unwrap();
    for (name, bytes) in [
        ("empty.txt", &b""[..]),
        ("blank.md", &b" \n\r\n\t\n"[..]),
        ("bom.html", &b"\xEF\xBB\xBF"[..]),
    ] {
        let path = dir.path().join(name);
        std::fs::write(&path, bytes).unwrap();
        let err = read_file(&path, &ReadOptions::default()).err().expect(name);
        let what = if bytes.is_empty() { "empty" } else { "blank" };
        assert_eq!(
            err.to_string(),
            format!("{}: the file is {what}: no document", path.display())
        );
    }
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

const TITLE: &str = "关于调整住房公积金有关政策的通知";
const PARAGRAPH: &str = "为进一步发挥住房公积金制度作用，经研究决定，现将有关事项通知如下。";

/// One page of each form stating `label`: `value`, named by its form.
fn pages_stating(label: &str, value: &str) -> Vec<(&'static str, &'static str, String)> {
    let paras = format!("<p>{PARAGRAPH}</p><p>本通知自发布之日起施行。</p>");
    vec![
        (
            "txt header",
            "txt",
            format!("标题：{TITLE}\n{label}：{value}\n\n{PARAGRAPH}\n本通知自发布之日起施行。\n"),
        ),
        (
            "txt header, ASCII colon",
            "txt",
            format!("标题：{TITLE}\n{label}: {value}\n\n{PARAGRAPH}\n"),
        ),
        (
            "html td/td with colon",
            "html",
            format!(
                "<html><head><title>{TITLE}_门户网站</title></head><body><table><tr><td>索 引 号：</td>\
                 <td>0001/2023-01</td><td>{label}：</td><td>{value}</td></tr></table>{paras}</body></html>"
            ),
        ),
        (
            "html th/td without colon",
            "html",
            format!(
                "<html><head><title>{TITLE}_门户网站</title></head><body><table><tr><th>索引号</th>\
                 <td>0001/2023-01</td><th>{label}</th><td>{value}</td></tr></table>{paras}</body></html>"
            ),
        ),
        (
            "html meta",
            "html",
            format!(
                "<html><head><title>{TITLE}_门户网站</title><meta name=\"{label}\" content=\"{value}\"></head>\
                 <body>{paras}</body></html>"
            ),
        ),
        (
            "yaml front matter",
            "md",
            format!("---\ntitle: {TITLE}\n{label}: {value}\n---\n\n# {TITLE}\n\n{PARAGRAPH}\n"),
        ),
        (
            "toml front matter",
            "md",
            format!("+++\ntitle = \"{TITLE}\"\n{label} = \"{value}\"\n+++\n\n{PARAGRAPH}\n"),
        ),
    ]
}

fn read_page(dir: &Path, name: &str, text: &str) -> Result<Document, ReadError> {
    let path = dir.join(name);
    std::fs::write(&path, text).unwrap();
    let mut docs: Vec<_> = read_file(&path, &ReadOptions::default()).unwrap().collect();
    assert_eq!(docs.len(), 1);
    docs.remove(0)
}

// See: `disclosure: not_public` (a label of 10 characters) stayed in the body and the page was
// indexed public; 公开形式, 信息公开方式, 是否公开, … were not labels at all; and a
// `<th>label</th><td>value</td>` row without colon was ignored.
#[test]
fn every_disclosure_label_restricts_every_page_form() {
    let dir = tempfile::tempdir().unwrap();
    let mut n = 0;
    for label in DISCLOSURE_LABELS {
        for (value, want) in [
            ("不予公开", Disclosure::NotPublic),
            ("依申请公开", Disclosure::OnRequest),
        ] {
            for (form, ext, page) in pages_stating(label, value) {
                n += 1;
                let d = read_page(dir.path(), &format!("p{n}.{ext}"), &page)
                    .unwrap_or_else(|e| panic!("{form}, {label}: {e}"));
                assert_eq!(d.disclosure, want, "{form}, {label}: {value}");
                assert_eq!(d.title, TITLE, "{form}, {label}");
                assert!(
                    !d.body.contains(value),
                    "{form}, {label}: label left in the body: {}",
                    d.body
                );
                assert!(d.body.contains(PARAGRAPH), "{form}, {label}: {}", d.body);
            }
        }
    }
    // And a page that says 主动公开 is public (the labels are read, not merely present).
    for (form, ext, page) in pages_stating("公开方式", "主动公开") {
        n += 1;
        let d = read_page(dir.path(), &format!("p{n}.{ext}"), &page).unwrap();
        assert_eq!(d.disclosure, Disclosure::Public, "{form}");
    }
}

#[test]
fn disclosure_synonyms_map_to_the_three_values() {
    let dir = tempfile::tempdir().unwrap();
    let cases = [
        ("不公开", Disclosure::NotPublic),
        ("非公开", Disclosure::NotPublic),
        ("免予公开", Disclosure::NotPublic),
        ("not_public", Disclosure::NotPublic),
        ("NOT_PUBLIC", Disclosure::NotPublic),
        ("Not Public", Disclosure::NotPublic),
        ("not-public", Disclosure::NotPublic),
        ("否", Disclosure::NotPublic),
        ("依申请", Disclosure::OnRequest),
        ("依申请公开。", Disclosure::OnRequest),
        ("on_request", Disclosure::OnRequest),
        ("On Request", Disclosure::OnRequest),
        ("主动公开", Disclosure::Public),
        ("公开", Disclosure::Public),
        ("Public", Disclosure::Public),
    ];
    for (i, (value, want)) in cases.into_iter().enumerate() {
        let label = if matches!(value, "否") {
            "是否公开"
        } else {
            "公开方式"
        };
        let page = format!("标题：{TITLE}\n{label}：{value}\n{PARAGRAPH}\n");
        let d = read_page(dir.path(), &format!("s{i}.txt"), &page).unwrap_or_else(|e| panic!("{value}: {e}"));
        assert_eq!(d.disclosure, want, "{value}");
    }
}

// The tester's repro, and the other long Latin labels the 8-character limit dropped.
#[test]
fn long_latin_labels_are_read() {
    let dir = tempfile::tempdir().unwrap();
    let d = read_page(
        dir.path(),
        "d.txt",
        "标题：测试\ndisclosure: not_public\n\n正文 TXTNP 内容。\n",
    )
    .unwrap();
    assert_eq!(d.disclosure, Disclosure::NotPublic);
    assert_eq!(d.title, "测试");
    assert_eq!(d.body, "正文 TXTNP 内容。");

    let header = "articletitle: 关于甲事项的通知\ndocnumber: 国发〔2019〕5号\npublishdate: 2019-01-24\nwritten_date: 2019-01-20\npublished_date: 2019-01-25\n";
    let d = read_page(dir.path(), "e.txt", &format!("{header}{PARAGRAPH}\n")).unwrap();
    assert_eq!(d.title, "关于甲事项的通知");
    assert_eq!(d.doc_numbers[0].canonical(), "国发〔2019〕5号");
    assert_eq!(d.published.unwrap().to_string(), "2019-01-24");
    assert_eq!(d.written.unwrap().to_string(), "2019-01-20");
    assert_eq!(d.body, PARAGRAPH);

    let html = "<html><body><table><tr><td>articletitle:</td><td>关于甲事项的通知</td></tr>\
                <tr><td>docnumber:</td><td>国发〔2019〕5号</td></tr><tr><td>publishdate:</td><td>2019-01-24</td></tr>\
                <tr><td>disclosure:</td><td>not_public</td></tr></table><p>为进一步发挥住房公积金制度作用，经研究决定，现将有关事项通知如下。</p></body></html>";
    let d = read_page(dir.path(), "e.html", html).unwrap();
    assert_eq!(d.title, "关于甲事项的通知");
    assert_eq!(d.doc_numbers[0].canonical(), "国发〔2019〕5号");
    assert_eq!(d.published.unwrap().to_string(), "2019-01-24");
    assert_eq!(d.disclosure, Disclosure::NotPublic);
    assert_eq!(d.body, PARAGRAPH);
}

// See: `<th>标题</th><td>…</td>` (no colon) was ignored for every field.
#[test]
fn html_table_header_cells_without_colon() {
    let dir = tempfile::tempdir().unwrap();
    let html = format!(
        "<html><head><title>门户网站</title></head><body><table>\
         <tr><th>标题</th><td>{TITLE}</td></tr><tr><th>发文字号</th><td>宿公积金〔2023〕5号</td></tr>\
         <tr><th>发文机关</th><td>宿迁市住房公积金管理委员会</td><th>成文日期</th><td>2023-07-04</td></tr>\
         <tr><th>主题分类</th><td></td><th>公开方式</th><td>依申请公开</td></tr></table><p>{PARAGRAPH}</p></body></html>"
    );
    let d = read_page(dir.path(), "th.html", &html).unwrap();
    assert_eq!(d.title, TITLE);
    assert_eq!(d.doc_numbers[0].canonical(), "宿公积金〔2023〕5号");
    assert_eq!(d.issuers, ["宿迁市住房公积金管理委员会"]);
    assert_eq!(d.written.unwrap().to_string(), "2023-07-04");
    assert_eq!(d.topic, None, "an empty cell takes no value from the next label");
    assert_eq!(d.disclosure, Disclosure::OnRequest);
    assert_eq!(d.body, PARAGRAPH);
}

// A disclosure that is stated but not understood never falls back to public: the page is
// rejected, with its file and the value.
#[test]
fn an_unknown_disclosure_rejects_the_page() {
    let dir = tempfile::tempdir().unwrap();
    for (i, value) in ["秘密", "部分公开", "internal"].into_iter().enumerate() {
        for (form, ext, page) in pages_stating("公开方式", value) {
            let name = format!("u{i}-{}.{ext}", form.replace([' ', '/', ','], "_"));
            let err = read_page(dir.path(), &name, &page).expect_err(form);
            assert!(matches!(err, ReadError::Refused { .. }), "{form}: {err}");
            assert!(err.path().ends_with(&name), "{form}: {err}");
            let msg = err.to_string();
            assert!(
                msg.contains(&name) && msg.contains(value) && msg.contains("disclosure"),
                "{msg}"
            );
        }
    }
}

// Two statements that disagree (a `<meta>` and the table, or two header lines): the most
// restrictive one holds, whichever comes first.
#[test]
fn disagreeing_disclosures_take_the_most_restrictive() {
    let dir = tempfile::tempdir().unwrap();
    let html = format!(
        "<html><head><meta name=\"disclosure\" content=\"主动公开\"></head><body><table><tr><td>信息公开方式：</td>\
         <td>不予公开</td></tr></table><p>{TITLE}</p><p>{PARAGRAPH}</p></body></html>"
    );
    assert_eq!(
        read_page(dir.path(), "m.html", &html).unwrap().disclosure,
        Disclosure::NotPublic
    );
    for (i, (a, b, want)) in [
        ("主动公开", "依申请公开", Disclosure::OnRequest),
        ("依申请公开", "主动公开", Disclosure::OnRequest),
        ("不予公开", "依申请公开", Disclosure::NotPublic),
        ("依申请公开", "不予公开", Disclosure::NotPublic),
    ]
    .into_iter()
    .enumerate()
    {
        let txt = format!("标题：{TITLE}\n公开方式：{a}\n公开范围：{b}\n{PARAGRAPH}\n");
        assert_eq!(
            read_page(dir.path(), &format!("t{i}.txt"), &txt).unwrap().disclosure,
            want,
            "{a} {b}"
        );
        let md = format!("---\ntitle: {TITLE}\ndisclosure: {a}\n---\n公开方式：{b}\n\n{PARAGRAPH}\n");
        assert_eq!(
            read_page(dir.path(), &format!("t{i}.md"), &md).unwrap().disclosure,
            want,
            "{a} {b}"
        );
    }
}

// Several fields of one table row printed on one line (spans in a div), or in brackets.
#[test]
fn several_fields_on_one_header_line() {
    let dir = tempfile::tempdir().unwrap();
    let html = format!(
        "<html><body><h1>{TITLE}</h1><div><span>来源：宿迁市住房公积金管理中心</span>&nbsp;<span>发布时间：2023-07-05 10:00</span>\
         &nbsp;<span>公开方式：不予公开</span></div><p>{PARAGRAPH}</p></body></html>"
    );
    let d = read_page(dir.path(), "row.html", &html).unwrap();
    assert_eq!(d.disclosure, Disclosure::NotPublic);
    assert_eq!(d.published.unwrap().to_string(), "2023-07-05");
    assert_eq!(d.title, TITLE);
    assert_eq!(d.body, format!("{TITLE}\n{PARAGRAPH}"));

    let txt = format!("{TITLE}\n【发布日期：2023-07-05】【信息公开形式：依申请公开】\n{PARAGRAPH}\n");
    let d = read_page(dir.path(), "row.txt", &txt).unwrap();
    assert_eq!(d.disclosure, Disclosure::OnRequest);
    assert_eq!(d.published.unwrap().to_string(), "2023-07-05");
}

// The header is the top of the page, up to the first sentence of the body: a body line that
// happens to start with a disclosure label is text, not a header (it neither makes the page
// public nor rejects it).
#[test]
fn a_label_deep_in_the_body_is_text() {
    let dir = tempfile::tempdir().unwrap();
    let body_line = "公开方式：线上线下结合";
    let txt = format!("{TITLE}\n{PARAGRAPH}\n{body_line}\n标题：不是标题\n本通知自发布之日起施行。\n");
    let d = read_page(dir.path(), "body.txt", &txt).unwrap();
    assert_eq!(d.disclosure, Disclosure::Public);
    assert_eq!(d.title, TITLE);
    assert!(
        d.body.contains(body_line) && d.body.contains("标题：不是标题"),
        "{}",
        d.body
    );

    // With a header that restricts the page, the body line changes nothing.
    let txt = format!("标题：{TITLE}\n公开方式：不予公开\n{PARAGRAPH}\n{body_line}\n");
    let d = read_page(dir.path(), "body2.txt", &txt).unwrap();
    assert_eq!(d.disclosure, Disclosure::NotPublic);
    assert!(d.body.ends_with(body_line), "{}", d.body);

    // The same in an HTML page below its metadata table.
    let html = format!(
        "<html><body><table><tr><td>公开方式：</td><td>依申请公开</td></tr></table><h1>{TITLE}</h1>\
         <p>{PARAGRAPH}</p><p>{body_line}</p></body></html>"
    );
    let d = read_page(dir.path(), "body.html", &html).unwrap();
    assert_eq!(d.disclosure, Disclosure::OnRequest);
    assert!(d.body.ends_with(body_line), "{}", d.body);

    // A short banner line above the metadata table does not end the header.
    let html = format!(
        "<html><body><div>欢迎访问本网站！</div><table><tr><td>公开方式：</td><td>不予公开</td></tr></table>\
         <h1>{TITLE}</h1><p>{PARAGRAPH}</p></body></html>"
    );
    assert_eq!(
        read_page(dir.path(), "banner.html", &html).unwrap().disclosure,
        Disclosure::NotPublic
    );
}

// See: TOML front matter was not read: the page was public and titled `+++`.
#[test]
fn toml_front_matter() {
    let dir = tempfile::tempdir().unwrap();
    let md = format!(
        "+++\ntitle = \"{TITLE}\"\ndoc_number = '宿公积金〔2023〕5号'\nissuer = [\"宿迁市住房公积金管理委员会\", \"宿迁市财政局\"]\n\
         written_date = 2023-07-04\ndisclosure = \"不予公开\" # 涉及个人信息\n\n[extra]\nweight = 3\n+++\n\n{PARAGRAPH}\n"
    );
    let d = read_page(dir.path(), "t.md", &md).unwrap();
    assert_eq!(d.disclosure, Disclosure::NotPublic);
    assert_eq!(d.title, TITLE);
    assert_eq!(d.doc_numbers[0].canonical(), "宿公积金〔2023〕5号");
    assert_eq!(d.issuers, ["宿迁市住房公积金管理委员会", "宿迁市财政局"]);
    assert_eq!(d.written.unwrap().to_string(), "2023-07-04");
    assert_eq!(d.body, PARAGRAPH);

    // A block never closed: its fields still count, and neither fence nor rule is a title.
    let md = format!("+++\ndisclosure = \"依申请公开\"\n\n# {TITLE}\n\n{PARAGRAPH}\n");
    let d = read_page(dir.path(), "open.md", &md).unwrap();
    assert_eq!(d.disclosure, Disclosure::OnRequest);
    assert_eq!(d.title, TITLE);
    let d = read_page(dir.path(), "rule.md", &format!("---\n\n# {TITLE}\n\n{PARAGRAPH}\n")).unwrap();
    assert_eq!(d.title, TITLE);

    // YAML with a full-width colon and a quoted value.
    let md = format!("---\ntitle: \"{TITLE}\"\n公开方式：不予公开\n---\n\n{PARAGRAPH}\n");
    let d = read_page(dir.path(), "y.md", &md).unwrap();
    assert_eq!((d.disclosure, d.title.as_str()), (Disclosure::NotPublic, TITLE));

    // See (QA leak pass, fourteenth session): a flag in front matter left the page public.
    let md = format!("---\ntitle: \"{TITLE}\"\nprivate: true\n---\n\n{PARAGRAPH}\n");
    assert_eq!(
        read_page(dir.path(), "p.md", &md).unwrap().disclosure,
        Disclosure::NotPublic
    );
    let md = format!("---\ntitle: \"{TITLE}\"\nprivate: false\n---\n\n{PARAGRAPH}\n");
    assert_eq!(
        read_page(dir.path(), "q.md", &md).unwrap().disclosure,
        Disclosure::Public
    );

    // See (QA ingest pass, fourteenth session): a block scalar was stored as the title `>-`.
    let (a, b) = TITLE.split_at(TITLE.char_indices().nth(8).map_or(0, |(i, _)| i));
    for indicator in [">-", "|", ">"] {
        let md =
            format!("---\ntitle: {indicator}\n  {a}\n  {b}\ndoc_number: 宿公积金〔2023〕5号\n---\n\n{PARAGRAPH}\n");
        let d = read_page(dir.path(), "b.md", &md).unwrap();
        assert_eq!(d.title, TITLE, "{indicator}");
        assert_eq!(d.doc_numbers[0].canonical(), "宿公积金〔2023〕5号");
    }
}

// See: `成文日期：2018年12月` rejected the whole page. A month-only date dates the page to its
// year; a date that is no date still rejects it.
#[test]
fn a_month_only_date_keeps_the_page() {
    let dir = tempfile::tempdir().unwrap();
    for (i, date) in ["2018年12月", "2018-12", "二〇一八年十二月"].into_iter().enumerate() {
        let txt = format!("标题：{TITLE}\n成文日期：{date}\n{PARAGRAPH}\n");
        let d = read_page(dir.path(), &format!("ym{i}.txt"), &txt).unwrap_or_else(|e| panic!("{date}: {e}"));
        assert_eq!(d.written, None, "{date}");
        assert_eq!(d.year, Some(2018), "{date}");
        assert_eq!(d.body, PARAGRAPH);
    }
    let html = format!(
        "<html><body><table><tr><th>发布日期</th><td>2018年12月</td></tr></table><h1>{TITLE}</h1><p>{PARAGRAPH}</p></body></html>"
    );
    let d = read_page(dir.path(), "ym.html", &html).unwrap();
    assert_eq!((d.published, d.year), (None, Some(2018)));
    for (i, date) in ["2018-13-01", "2018年13月", "明年"].into_iter().enumerate() {
        let txt = format!("标题：{TITLE}\n成文日期：{date}\n{PARAGRAPH}\n");
        let err = read_page(dir.path(), &format!("bad{i}.txt"), &txt).expect_err(date);
        assert!(err.to_string().contains(date), "{err}");
    }
}

#[test]
fn a_restriction_at_the_foot_of_a_page_is_honoured() {
    // A metadata table below the text (below the header the page's first sentence ends) that
    // says the page is not public restricts it; a body line with the label and an ordinary
    // value stays text and does not reject the page.
    let tmp = tempfile::tempdir().unwrap();
    let foot = tmp.path().join("foot.html");
    std::fs::write(
        &foot,
        "<html><head><title>关于开展安全检查的通知</title></head><body>\
         <p>各区人民政府：现就开展安全检查工作通知如下，请认真贯彻执行。</p>\
         <p>一、检查范围包括全市各类生产经营单位。</p>\
         <table><tr><td>公开方式：</td><td>不予公开</td></tr></table></body></html>",
    )
    .unwrap();
    let d = read_one(&foot);
    assert_eq!(d.disclosure, gongwen_schema::Disclosure::NotPublic);
    let text = tmp.path().join("text.txt");
    std::fs::write(
        &text,
        "关于政务公开的通知\n各单位：现就政务公开工作通知如下，请认真贯彻执行。\n公开方式：线上线下结合。\n依申请公开：按规定办理。\n",
    )
    .unwrap();
    let d = read_one(&text);
    assert_eq!(d.disclosure, gongwen_schema::Disclosure::Public);
    assert!(d.body.contains("线上线下结合"));
}

// See: a page signed `二○一八年十二月二十日` (the circle ○ for 〇, as often as 〇 in the dates of
// the corpus) got no date and no issuer: its signature block was not recognised.
#[test]
fn a_signature_dated_with_the_circle_zero_is_read() {
    let dir = tempfile::tempdir().unwrap();
    for (i, date) in [
        "二○一八年十二月二十日",
        "二〇一八年十二月二十日",
        "二◯一八年十二月二十日",
    ]
    .into_iter()
    .enumerate()
    {
        let txt = format!(
            "关于进一步加强安全生产工作的通知\n\n绿政办发〔2018〕59号\n\n各乡镇人民政府，县直各部门：\n    为进一步加强安全生产工作，现就有关事项通知如下。\n\n绿春县人民政府办公室\n{date}\n"
        );
        let d = read_page(dir.path(), &format!("sig{i}.txt"), &txt).unwrap_or_else(|e| panic!("{date}: {e}"));
        assert_eq!(
            d.written.map(|w| w.to_string()).as_deref(),
            Some("2018-12-20"),
            "{date}"
        );
        assert_eq!(d.issuers, ["绿春县人民政府办公室"], "{date}");
    }
}

// A page whose head carries a classification mark (秘密★1年) is classified: refused, never
// indexed, whatever else it says; the word in a title or a sentence is text.
#[test]
fn a_classification_mark_refuses_the_page() {
    let dir = tempfile::tempdir().unwrap();
    for (i, mark) in ["秘密★1年", "机密", "绝密★长期", "秘密 ★ 6个月"]
        .into_iter()
        .enumerate()
    {
        let txt = format!("{mark}\n绿春县人民政府文件\n绿政发〔2018〕12号\n{TITLE}\n{PARAGRAPH}\n");
        let err = read_page(dir.path(), &format!("m{i}.txt"), &txt).expect_err(mark);
        assert!(err.to_string().contains("classified"), "{mark}: {err}");
        let html = format!(
            "<html><body><div>无障碍 | 长者模式</div><div>当前位置：首页 > 政务公开 > 文件</div><p>{mark}</p><h1>{TITLE}</h1><p>{PARAGRAPH}</p></body></html>"
        );
        let err = read_page(dir.path(), &format!("m{i}.html"), &html).expect_err(mark);
        assert!(err.to_string().contains("classified"), "{mark}: {err}");
    }
    for (i, text) in [
        "关于加强保密工作和秘密载体管理的通知\n各单位：请做好机密文件的管理工作。\n".to_owned(),
        format!("{TITLE}\n{PARAGRAPH}\n秘密\n"),
    ]
    .into_iter()
    .enumerate()
    {
        let head = text.lines().next().unwrap_or_default().to_owned();
        let d = read_page(dir.path(), &format!("ok{i}.txt"), &text).unwrap_or_else(|e| panic!("{text}: {e}"));
        assert_eq!(d.title, head);
    }
}

// See (a QA trial): marks as pages print them were missed and the page indexed public: the
// star first, the term in parentheses, the level under its label, the copy number and urgency
// on the mark's line, an internal document's mark, a label in brackets, the 公开选项 label, and
// the note under the signature.
#[test]
fn marks_as_pages_print_them_restrict_or_refuse() {
    let dir = tempfile::tempdir().unwrap();
    let page = |top: &str, bottom: &str| {
        format!("{top}\n{TITLE}\n{PARAGRAPH}\n绿春县人民政府办公室\n2018年12月20日\n{bottom}\n")
    };
    for (i, top) in [
        "★秘密",
        "秘密（1年）",
        "秘密＊1年",
        "【密级】秘密",
        "000123  秘密★1年  特急",
    ]
    .into_iter()
    .enumerate()
    {
        let err = read_page(dir.path(), &format!("c{i}.txt"), &page(top, "")).expect_err(top);
        assert!(err.to_string().contains("classified"), "{top}: {err}");
    }
    for (i, (top, bottom, want)) in [
        ("内部资料 注意保存", "", Disclosure::NotPublic),
        ("【公开方式】不予公开", "", Disclosure::NotPublic),
        ("信息公开选项：不予公开", "", Disclosure::NotPublic),
        ("公开选项：依申请公开", "", Disclosure::OnRequest),
        ("", "（此件不予公开）", Disclosure::NotPublic),
        ("", "（此件依申请公开）", Disclosure::OnRequest),
        ("", "（此件公开发布）", Disclosure::Public),
    ]
    .into_iter()
    .enumerate()
    {
        let d = read_page(dir.path(), &format!("r{i}.txt"), &page(top, bottom))
            .unwrap_or_else(|e| panic!("{top}{bottom}: {e}"));
        assert_eq!(d.disclosure, want, "{top}{bottom}");
        let html = format!("<html><body><p>{top}</p><h1>{TITLE}</h1><p>{PARAGRAPH}</p><p>{bottom}</p></body></html>");
        let d = read_page(dir.path(), &format!("r{i}.html"), &html).unwrap_or_else(|e| panic!("{top}{bottom}: {e}"));
        assert_eq!(d.disclosure, want, "html {top}{bottom}");
    }
}

// See (a QA trial): text a page hides (an editor's note) was served in the body. It is left
// out; a restriction stated in a hidden table still holds.
#[test]
fn hidden_text_is_not_the_body_but_its_restrictions_hold() {
    let dir = tempfile::tempdir().unwrap();
    let page = |hidden: &str| {
        format!(
            "<html><body><h1>{TITLE}</h1><p>{PARAGRAPH}</p><div style=\"display:none\">{hidden}</div></body></html>"
        )
    };
    let shown = format!("{TITLE}\n{PARAGRAPH}");
    let d = read_page(
        dir.path(),
        "note.html",
        &page("<p>内部审核意见：同意，请王局长审阅。</p>"),
    )
    .unwrap();
    assert_eq!((d.body.as_str(), d.disclosure), (shown.as_str(), Disclosure::Public));
    let d = read_page(
        dir.path(),
        "table.html",
        &page("<table><tr><td>公开方式</td><td>不予公开</td></tr></table>"),
    )
    .unwrap();
    assert_eq!((d.body.as_str(), d.disclosure), (shown.as_str(), Disclosure::NotPublic));
    let d = read_page(dir.path(), "cell.html", &page("<span>依申请公开</span>")).unwrap();
    assert_eq!(d.disclosure, Disclosure::OnRequest);
    let d = read_page(dir.path(), "mixed.html", &page("隐藏文字甲乙丙 此件不予公开")).unwrap();
    assert_eq!(d.disclosure, Disclosure::NotPublic);
    let err = read_page(dir.path(), "level.html", &page("<p>密级：机密</p>")).expect_err("classified");
    assert!(err.to_string().contains("classified"), "{err}");
}

// See (a QA trial): a metadata table's placeholder (`无`, `--`, `见正文`, `{$PubDate}`) or a date
// in a template's brackets (`[ 2018-12-20 ]`) rejected the whole page as "not a date".
#[test]
fn placeholders_in_metadata_are_no_value() {
    let dir = tempfile::tempdir().unwrap();
    for (i, value) in [
        "无",
        "--",
        "见正文",
        "{$PubDate}",
        "[ 2018-12-20 ]",
        "【2018-12-20】",
        "null",
    ]
    .into_iter()
    .enumerate()
    {
        let html = format!(
            "<html><body><table><tr><th>成文日期</th><td>{value}</td></tr><tr><th>文号</th><td>无</td></tr></table><h1>{TITLE}</h1><p>{PARAGRAPH}</p></body></html>"
        );
        let d = read_page(dir.path(), &format!("p{i}.html"), &html).unwrap_or_else(|e| panic!("{value}: {e}"));
        let want = value.contains("2018").then_some("2018-12-20");
        assert_eq!(d.written.map(|x| x.to_string()).as_deref(), want, "{value}");
        assert!(
            d.doc_numbers.is_empty() && d.doc_numbers_printed.is_empty(),
            "{value}: {d:?}"
        );
        let txt = format!("标题：{TITLE}\n发布时间：{value}\n{PARAGRAPH}\n");
        read_page(dir.path(), &format!("p{i}.txt"), &txt).unwrap_or_else(|e| panic!("{value}: {e}"));
    }
    // A date that is no placeholder and no date still rejects the page.
    let txt = format!("标题：{TITLE}\n发布时间：明年春天\n{PARAGRAPH}\n");
    assert!(read_page(dir.path(), "bad.txt", &txt).is_err());
}

// See (a QA trial): a page was titled by its `<title>` when that was a template's placeholder
// (无标题文档), a column's name (通知公告 - 绿春县人民政府), the site's name or cut short, while its
// heading named the document; an empty `<title>` gave the menu glued to the heading.
#[test]
fn a_page_is_titled_by_its_heading_when_its_title_says_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let heading = "绿春县人民政府关于加强城乡环境卫生整治工作的通知";
    for (i, title) in [
        "无标题文档",
        "Untitled Document",
        "通知公告 - 绿春县人民政府",
        "绿春县人民政府",
        "绿春县人民政府关于加强城乡环境卫生...",
        "",
    ]
    .into_iter()
    .enumerate()
    {
        let html = format!(
            "<html><head><title>{title}</title></head><body><div class=\"nav\"><a href=\"/\">首页</a><a href=\"/zw\">政务公开</a></div>\
             <h2>{heading}</h2><p>{PARAGRAPH}</p></body></html>"
        );
        let d = read_page(dir.path(), &format!("t{i}.html"), &html).unwrap();
        assert_eq!(d.title, heading, "<title>{title}</title>");
        assert_eq!(d.kind, gongwen_schema::Kind::Notice, "{title}");
    }
    // A title that names the document is kept, whatever the headings say.
    let html = format!("<html><head><title>{TITLE}_绿春县人民政府</title></head><body><h1>政策文件</h1><p>{PARAGRAPH}</p></body></html>");
    assert_eq!(read_page(dir.path(), "kept.html", &html).unwrap().title, TITLE);
}

// See (a QA trial): a weekday after the signature's date (`2018年12月20日 星期四`) lost the
// date and the signer; a document dated only by its number (`〔2018〕`) had no year.
#[test]
fn signature_dates_with_a_weekday_and_years_from_the_number() {
    let dir = tempfile::tempdir().unwrap();
    let txt = format!("{TITLE}\n{PARAGRAPH}\n绿春县人民政府办公室\n2018年12月20日 星期四\n");
    let d = read_page(dir.path(), "w.txt", &txt).unwrap();
    assert_eq!(d.written.map(|x| x.to_string()).as_deref(), Some("2018-12-20"));
    assert_eq!(d.issuers, ["绿春县人民政府办公室"]);
    let txt = format!("绿政发〔2017〕12号\n{TITLE}\n{PARAGRAPH}\n");
    let d = read_page(dir.path(), "n.txt", &txt).unwrap();
    assert_eq!((d.written, d.year), (None, Some(2017)));
}

// See (a QA trial): Markdown made by converters kept its escapes (`绿政发\[2018\]59号` gave no
// number and a title with the number glued on), code marks, links' addresses, images and
// comments in the text.
#[test]
fn converter_markdown_is_read_as_its_text() {
    let dir = tempfile::tempdir().unwrap();
    let md = "绿政发\\[2018\\]59号\n\n**绿春县人民政府关于加强城乡环境卫生整治工作的通知**\n\n<!-- 内部审核：王五 -->\n\n\
              各乡镇人民政府：\n\n根据`国办发〔2018〕1号`和[《条例》](http://example.gov.cn/a.html)的规定，现通知如下。<br>请遵照执行。\n\n\
              ![](media/image1.png){width=\"2in\"}\n\n附件：[实施方案](./fj1.docx)\n";
    let d = read_page(dir.path(), "conv.md", md).unwrap();
    assert_eq!(d.title, "绿春县人民政府关于加强城乡环境卫生整治工作的通知");
    assert_eq!(
        d.doc_numbers.iter().map(|n| n.canonical()).collect::<Vec<_>>(),
        ["绿政发〔2018〕59号"]
    );
    // `<br>` ends its line, as in a web page (a signature's `国务院<br/>2019年1月27日` is two
    // lines: QA ingest pass, fourteenth session).
    assert_eq!(
        d.body,
        "绿政发[2018]59号\n绿春县人民政府关于加强城乡环境卫生整治工作的通知\n各乡镇人民政府：\n\
         根据国办发〔2018〕1号和《条例》的规定，现通知如下。\n请遵照执行。\n附件：实施方案"
    );
    // A restriction in a comment holds.
    let d = read_page(
        dir.path(),
        "c.md",
        "# 关于甲事项的通知\n<!-- 公开方式：不予公开 -->\n正文。\n",
    )
    .unwrap();
    assert_eq!(d.disclosure, Disclosure::NotPublic);
}

// See (a QA trial): a county notice forwarding a prefecture's notice (the forwarded one after
// its signature, with its own number and signature) took the forwarded notice's number,
// issuer and date: a look-up of 红政办发〔2018〕88号 found the county's notice.
#[test]
fn a_forwarding_notice_keeps_its_own_number_and_signature() {
    let dir = tempfile::tempdir().unwrap();
    let txt = "绿春县人民政府办公室转发州人民政府办公室关于做好冬春火灾防控工作的通知\n各乡镇人民政府，县直各部门：\n\
               现将《红河州人民政府办公室关于做好冬春火灾防控工作的通知》转发给你们，请认真贯彻执行。\n\
               绿春县人民政府办公室\n2018年12月20日\n\n红河州人民政府办公室关于做好冬春火灾防控工作的通知\n红政办发〔2018〕88号\n\
               各县市人民政府，州直各部门：\n冬春季节是火灾高发期，现就做好火灾防控工作通知如下。\n一、加强组织领导。\n\
               红河州人民政府办公室\n2018年12月1日\n";
    let d = read_page(dir.path(), "zf.txt", txt).unwrap();
    assert!(d.doc_numbers.is_empty(), "{:?}", d.doc_numbers);
    assert_eq!(d.issuers, ["绿春县人民政府办公室"]);
    assert_eq!(d.written.map(|x| x.to_string()).as_deref(), Some("2018-12-20"));
    assert!(d.cites.contains(&"红政办发〔2018〕88号".to_owned()), "{:?}", d.cites);
    // A notice that forwards nothing is signed at its end, as before; its number above the
    // salutation is its own.
    let own = "绿政办发〔2018〕59号\n关于做好冬春火灾防控工作的通知\n各乡镇人民政府：\n现就有关事项通知如下。\n绿春县人民政府办公室\n2018年12月20日\n";
    let d = read_page(dir.path(), "own.txt", own).unwrap();
    assert_eq!(
        d.doc_numbers.iter().map(|n| n.canonical()).collect::<Vec<_>>(),
        ["绿政办发〔2018〕59号"]
    );
    assert_eq!(d.written.map(|x| x.to_string()).as_deref(), Some("2018-12-20"));
}

// See (a QA trial): an order's or announcement's number printed over two lines gave none.
#[test]
fn a_number_over_two_lines_is_read() {
    let dir = tempfile::tempdir().unwrap();
    for (i, (series, serial, want)) in [
        ("广东省人民政府令", "第２５９号", "广东省人民政府令第259号"),
        ("中国人民银行公告", "〔2018〕第10号", "中国人民银行公告〔2018〕10号"),
    ]
    .into_iter()
    .enumerate()
    {
        let txt = format!("{series}\n{serial}\n《广东省城乡生活垃圾管理条例》已经省人民政府同意，现予公布。\n省长 马兴瑞\n2018年12月20日\n");
        let d = read_page(dir.path(), &format!("o{i}.txt"), &txt).unwrap();
        assert_eq!(
            d.doc_numbers.iter().map(|n| n.canonical()).collect::<Vec<_>>(),
            [want],
            "{series}{serial}"
        );
    }
}

// See (a QA trial): a frameset page was indexed with the body "您的浏览器不支持框架。".
#[test]
fn a_frameset_page_is_reported() {
    let dir = tempfile::tempdir().unwrap();
    let html = "<html><head><title>绿春县人民政府</title></head><frameset cols=\"20%,80%\"><frame src=\"menu.html\"><frame src=\"main.html\">\
                <noframes><body>您的浏览器不支持框架。</body></noframes></frameset></html>";
    let err = read_page(dir.path(), "frames.html", html).expect_err("a frameset");
    assert!(err.to_string().contains("frameset"), "{err}");
}

// See (a second QA trial): notes and marks still missed (a full stop inside the note, 不予主动
// 公开, 仅限内部使用, 内部★ and 内部明电 above the title, a label broken over two lines in its
// cell); a sentence that lists the kinds of disclosure refused an ordinary page; text after an
// unclosed hidden span or an unclosed Markdown comment was lost.
#[test]
fn second_trial_restrictions_and_text() {
    let dir = tempfile::tempdir().unwrap();
    let page = |top: &str, bottom: &str| {
        format!("{top}\n{TITLE}\n{PARAGRAPH}\n绿春县人民政府办公室\n2018年12月20日\n{bottom}\n")
    };
    for (i, (top, bottom)) in [
        ("", "（此件不予公开。）"),
        ("", "（此件不予主动公开）"),
        ("", "（此件仅限内部使用）"),
        ("内部★", ""),
        ("内部明电", ""),
    ]
    .into_iter()
    .enumerate()
    {
        let d = read_page(dir.path(), &format!("s{i}.txt"), &page(top, bottom))
            .unwrap_or_else(|e| panic!("{top}{bottom}: {e}"));
        assert_eq!(d.disclosure, Disclosure::NotPublic, "{top}{bottom}");
    }
    let html = format!("<html><body><table><tr><td>公开<br>方式</td><td>不予公开</td></tr></table><h1>{TITLE}</h1><p>{PARAGRAPH}</p></body></html>");
    assert_eq!(
        read_page(dir.path(), "br.html", &html).unwrap().disclosure,
        Disclosure::NotPublic
    );

    let listing = "绿春县人民政府关于政府信息公开工作的通知\n各乡镇：\n信息公开选项：不予公开、依申请公开、主动公开三类，应如实填写。\n绿春县人民政府\n2019年4月1日\n";
    assert_eq!(
        read_page(dir.path(), "list.txt", listing).unwrap().disclosure,
        Disclosure::Public
    );

    let html = format!(
        "<html><body><h1>{TITLE}</h1><p>各乡镇：<span style=\"display:none\">隐藏</p><p>{PARAGRAPH}</p></body></html>"
    );
    assert_eq!(
        read_page(dir.path(), "span.html", &html).unwrap().body,
        format!("{TITLE}\n各乡镇：\n{PARAGRAPH}")
    );
    let md = format!("# {TITLE}\n\n注意 `<!--` 符号的用法。\n\n{PARAGRAPH}\n");
    assert_eq!(
        read_page(dir.path(), "open.md", &md).unwrap().body,
        format!("{TITLE}\n注意 <!-- 符号的用法。\n{PARAGRAPH}")
    );
}

// See (a QA trial): a letter whose masthead is the organ's name alone (no 文件), its number
// under it, was titled by the masthead, with no issuer.
#[test]
fn a_masthead_of_the_organ_alone_is_no_title() {
    let dir = tempfile::tempdir().unwrap();
    let txt = "昆明市人民政府办公厅\n昆政办函〔2019〕12号\n昆明市人民政府办公厅关于同意设立某某的函\n市商务局：\n你局报来的请示收悉，经研究，函复如下。\n2019年2月1日\n";
    let d = read_page(dir.path(), "han.txt", txt).unwrap();
    assert_eq!(d.title, "昆明市人民政府办公厅关于同意设立某某的函");
    assert_eq!(d.issuers, ["昆明市人民政府办公厅"]);
    assert_eq!(
        d.doc_numbers.iter().map(|n| n.canonical()).collect::<Vec<_>>(),
        ["昆政办函〔2019〕12号"]
    );
}

// A 密级 (classification) field: a classified page is refused, an internal one restricted, an
// unclassified one as the rest of the page says.
#[test]
fn a_classification_field_is_honoured() {
    let dir = tempfile::tempdir().unwrap();
    let page = |level: &str| format!("标题：{TITLE}\n密级：{level}\n{PARAGRAPH}\n");
    let err = read_page(dir.path(), "c1.txt", &page("秘密★1年")).expect_err("classified");
    assert!(err.to_string().contains("classified"), "{err}");
    let d = read_page(dir.path(), "c2.txt", &page("内部")).unwrap();
    assert_eq!(d.disclosure, Disclosure::NotPublic);
    let d = read_page(dir.path(), "c3.txt", &page("无")).unwrap();
    assert_eq!(d.disclosure, Disclosure::Public);
    assert!(read_page(dir.path(), "c4.txt", &page("保密")).is_err());
    // A visibility flag in a page's `<meta>` or front matter, as some sites and exports write it.
    let html = format!(
        "<html><head><meta name=\"is_public\" content=\"false\"><title>{TITLE}</title></head><body><p>{PARAGRAPH}</p></body></html>"
    );
    let d = read_page(dir.path(), "v1.html", &html).unwrap();
    assert_eq!(d.disclosure, Disclosure::NotPublic);
    let md = format!("---\ntitle: {TITLE}\nvisibility: private\n---\n\n{PARAGRAPH}\n");
    let d = read_page(dir.path(), "v2.md", &md).unwrap();
    assert_eq!(d.disclosure, Disclosure::NotPublic);
}

// See: `**发文字号**：…` in Markdown was text (no number, issuer or date), and a table laid out
// in columns (a row of labels, then a row of values) paired each label with the next label's
// cell, so the page was refused ("date 关于… is not a date").
#[test]
fn bold_labels_and_tables_in_columns() {
    let dir = tempfile::tempdir().unwrap();
    let md = format!(
        "# {TITLE}\n\n**发文字号**：绿政办发〔2019〕8号\n\n**发文机关**：绿春县人民政府办公室\n\n**成文日期**：2019年3月1日\n\n{PARAGRAPH}\n\n申请人：________\n"
    );
    let d = read_page(dir.path(), "bold.md", &md).unwrap();
    assert_eq!(
        d.doc_numbers.iter().map(|n| n.printed()).collect::<Vec<_>>(),
        ["绿政办发〔2019〕8号"]
    );
    assert_eq!(d.issuers, ["绿春县人民政府办公室"]);
    assert_eq!(d.written.map(|w| w.to_string()).as_deref(), Some("2019-03-01"));
    assert!(d.body.ends_with("申请人：________"), "{}", d.body);
    let html = format!(
        "<html><body><table><tr><th>标题</th><th>发文字号</th><th>成文日期</th></tr>\
         <tr><td>{TITLE}</td><td>绿政办发〔2019〕9号</td><td>2019-03-02</td></tr></table><p>{PARAGRAPH}</p></body></html>"
    );
    let d = read_page(dir.path(), "columns.html", &html).unwrap();
    assert_eq!(d.title, TITLE);
    assert_eq!(
        d.doc_numbers.iter().map(|n| n.printed()).collect::<Vec<_>>(),
        ["绿政办发〔2019〕9号"]
    );
    assert_eq!(d.written.map(|w| w.to_string()).as_deref(), Some("2019-03-02"));
    assert_eq!(d.body, PARAGRAPH);
    // Label and value in one row stay as they were.
    let html = format!(
        "<html><body><table><tr><td>标题</td><td>{TITLE}</td></tr><tr><td>成文日期</td><td>2019-03-02</td></tr></table><p>{PARAGRAPH}</p></body></html>"
    );
    let d = read_page(dir.path(), "rows.html", &html).unwrap();
    assert_eq!((d.title.as_str(), d.body.as_str()), (TITLE, PARAGRAPH));
}

// See (QA leak pass, fourteenth session): a classification mark under a page's heading, or in
// traditional characters, left the page public.
#[test]
fn a_classification_mark_under_the_heading_refuses_the_page() {
    let dir = tempfile::tempdir().unwrap();
    for (name, page) in [
        (
            "h.html",
            format!("<html><body><h1>{TITLE}</h1><p>秘密★1年</p><p>{PARAGRAPH}</p></body></html>"),
        ),
        ("t.txt", format!("機密★1年\n{TITLE}\n{PARAGRAPH}\n")),
    ] {
        let e = read_page(dir.path(), name, &page).expect_err(name);
        assert!(matches!(e, ReadError::Refused { .. }), "{name}: {e}");
    }
    // The note under the signature inside the site's footer, which the body leaves out.
    let page = format!(
        "<html><body><h1>{TITLE}</h1><p>{PARAGRAPH}</p><footer><p>（此件不予公开）</p><p>版权所有</p></footer></body></html>"
    );
    assert_eq!(
        read_page(dir.path(), "f.html", &page).unwrap().disclosure,
        Disclosure::NotPublic
    );
    // A restriction stated in a comment or a template's hidden field.
    for (name, extra) in [
        ("c.html", "<!-- 公开方式：不予公开 -->"),
        (
            "i.html",
            "<input type=\"hidden\" name=\"公开方式\" value=\"依申请公开\">",
        ),
    ] {
        let page = format!("<html><body>{extra}<h1>{TITLE}</h1><p>{PARAGRAPH}</p></body></html>");
        let d = read_page(dir.path(), name, &page).unwrap();
        assert_ne!(d.disclosure, Disclosure::Public, "{name}");
        assert_eq!(d.title, TITLE, "{name}");
    }
    // A template's hidden fields are no fields of the document.
    let page = format!(
        "<html><body><input type=\"hidden\" name=\"title\" value=\"栏目页\"><input type=\"hidden\" name=\"date\" value=\"x\"><h1>{TITLE}</h1><p>{PARAGRAPH}</p></body></html>"
    );
    let d = read_page(dir.path(), "t.html", &page).unwrap();
    assert_eq!((d.title.as_str(), d.disclosure), (TITLE, Disclosure::Public));
}

/// See (QA crash pass, sixteenth session): a page is read whole, and a 143 MB one ran the
/// process out of memory. One larger than any document is refused, named, before it is read.
#[test]
fn a_page_larger_than_any_document_is_refused_unread() {
    let tmp = tempfile::tempdir().unwrap();
    let path = tmp.path().join("huge.txt");
    // Sparse: nothing is written, the size alone is past the limit.
    let f = std::fs::File::create(&path).unwrap();
    f.set_len(gongwen_corpus::MAX_PAGE_BYTES + 1).unwrap();
    let err = match read_file(&path, &ReadOptions::default()) {
        Err(e) => e,
        Ok(_) => panic!("a page past the limit was read"),
    };
    let text = err.to_string();
    assert!(
        text.contains("huge.txt") && text.contains("larger than 64 MiB"),
        "{text}"
    );
}
