//! Cleaning on the real corpus: the lvchun report's aggregator footer goes, real text stays.

use std::io::BufRead;
use std::path::Path;

use gongwen_corpus::{clean_body, read_file, ReadOptions};

const CORPUS: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/../../shared/corpus");

const MARKERS: &[&str] = &[
    "责任编辑",
    "编辑",
    "校对",
    "来源",
    "打印",
    "关闭",
    "扫一扫",
    "订阅",
    "字号",
    "字体",
    // A page's view counter (`浏览次数:2925`).
    "浏览次数",
    "阅读次数",
    "浏览量",
    // Or written `阅读:224次`, `点击：186次`; a page's fields on its info bar (sixteenth
    // session).
    "时间:",
    "时间：",
    "栏目:",
    "栏目：",
    "阅读:",
    "阅读：",
    "点击:",
    "点击：",
    "分享",
    "微信",
    "纠错",
    "建设通",
    "工程项目",
    "联系方式",
];

/// Characters cleaning drops without a trace: zero-width spaces and joiners, BOMs.
fn zero_width(c: char) -> bool {
    // And soft hyphens (sixteenth session).
    matches!(
        c,
        '\u{200b}' | '\u{200c}' | '\u{200d}' | '\u{2060}' | '\u{feff}' | '\u{00ad}'
    )
}

/// What counts as no text when characters are counted.
fn blank(c: char) -> bool {
    c.is_whitespace() || zero_width(c)
}

fn norm(line: &str) -> String {
    let visible: String = line.chars().filter(|c| !zero_width(*c)).collect();
    visible.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// Lines of `original` that cleaning dropped (cleaned lines are a subsequence of the
/// normalised original lines).
fn removed(original: &str, cleaned: &str) -> Vec<String> {
    let kept: Vec<&str> = cleaned.lines().collect();
    let mut k = 0;
    let mut out = Vec::new();
    for l in original.split(['\n', '\r']).map(norm).filter(|l| !l.is_empty()) {
        if k < kept.len() && kept[k] == l {
            k += 1;
        } else if k + 1 == kept.len() && l.strip_suffix("字号").is_some_and(|r| r.trim_end() == kept[k]) {
            // The last line with the page's font button glued to it (sixteenth session).
            k += 1;
            out.push("字号".to_owned());
        } else {
            out.push(l);
        }
    }
    assert_eq!(k, kept.len(), "cleaned lines are a subsequence of the original");
    out
}

#[test]
fn lvchun_footer_is_removed() {
    let path = Path::new(CORPUS).join("lvchun_2018_report.jsonl");
    let raw: serde_json::Value =
        serde_json::from_str(std::fs::read_to_string(&path).unwrap().lines().next().unwrap()).unwrap();
    let body = raw["body"].as_str().unwrap();
    let cleaned = clean_body(body);
    for gone in [
        "招标信息-订阅推送",
        "微信扫一扫",
        "按需订阅推送最新项目",
        "全国拟在建工程项目查询",
        "免费查看项目进展信息及关键人联系方式",
        "建设通查询",
    ] {
        assert!(!cleaned.contains(gone), "{gone} left in");
    }
    assert!(cleaned.ends_with("形成共同参与、相互配合、全力推进政务公开工作的良好社会氛围。"));
    assert_eq!(removed(body, &cleaned).len(), 6);
    // Through the reader too, and the hash is on the cleaned text.
    let doc = read_file(&path, &ReadOptions::default())
        .unwrap()
        .next()
        .unwrap()
        .unwrap();
    assert_eq!(doc.body, cleaned);
    assert_eq!(doc.content_hash, gongwen_schema::content_hash(&doc.title, &cleaned));
}

/// A line with a website's filing number (an independent reading of what the cleaner cuts).
fn site_footer(line: &str) -> bool {
    ["ICP备", "公网安备", "网站标识码"].iter().any(|m| {
        line.split(m).skip(1).any(|after| {
            after
                .trim_start_matches([' ', ':', '：'])
                .starts_with(|c: char| c.is_ascii_digit())
        })
    })
}

#[test]
fn cleaning_never_cuts_real_text_in_gov_docs() {
    let f = std::fs::File::open(Path::new(CORPUS).join("gov_docs.jsonl")).unwrap();
    let (mut docs, mut changed, mut chars_removed, mut lines_removed) = (0, 0, 0usize, 0usize);
    for line in std::io::BufReader::new(f).lines() {
        let v: serde_json::Value = serde_json::from_str(&line.unwrap()).unwrap();
        let body = v["body"].as_str().unwrap_or("");
        docs += 1;
        let cleaned = clean_body(body);
        let before = body.chars().filter(|c| !blank(*c)).count();
        let after = cleaned.chars().filter(|c| !blank(*c)).count();
        if before == after {
            continue;
        }
        changed += 1;
        chars_removed += before - after;
        let gone = removed(body, &cleaned);
        lines_removed += gone.len();
        // A site's footer: from its filing-number line (`苏ICP备2023017687号`) on, every line
        // (the address after it); a crawled image's name.
        let footer_from = gone.iter().position(|l| site_footer(l)).unwrap_or(gone.len());
        let all_boilerplate = gone.iter().enumerate().all(|(i, l)| {
            i >= footer_from
                || l.ends_with(".png")
                // An export's markup comment (`<!-- FORCE BREAK -->`): no text.
                || l.starts_with("<!--") && l.ends_with("-->")
                // A site's info bar: its source, counter and buttons on one line.
                || l.chars().count() <= 120 && MARKERS.iter().filter(|m| l.contains(*m)).count() >= 2
                || l.chars().count() <= 40 && (MARKERS.iter().any(|m| l.contains(m)) || l.chars().count() <= 18)
        });
        assert!(
            after * 100 >= before * 95 || all_boilerplate,
            "{}: kept {after} of {before} chars, removed {gone:?}",
            v["id"]
        );
        assert!(all_boilerplate, "{}: removed real text? {gone:?}", v["id"]);
    }
    eprintln!("gov_docs.jsonl: {docs} documents, {changed} changed by cleaning, {lines_removed} lines / {chars_removed} characters removed");
    assert_eq!(docs, 7929);
}

#[test]
#[ignore = "prints what cleaning removes from gov_docs.jsonl"]
fn show_removed() {
    let f = std::fs::File::open(Path::new(CORPUS).join("gov_docs.jsonl")).unwrap();
    for line in std::io::BufReader::new(f).lines() {
        let v: serde_json::Value = serde_json::from_str(&line.unwrap()).unwrap();
        let body = v["body"].as_str().unwrap_or("");
        let gone = removed(body, &clean_body(body));
        if !gone.is_empty() {
            println!("{} {:?}", v["id"], gone);
        }
    }
}
