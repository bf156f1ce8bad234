//! Gazette splitting on the real issues in `shared/corpus/gazette`, checked against
//! `manifest.jsonl` (the ground truth: articles in order with title, number and section).

use std::path::{Path, PathBuf};

use gongwen_corpus::{discover, read_file, ReadOptions};

const GAZETTE: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/../../shared/corpus/gazette");

fn squash(s: &str) -> String {
    s.chars().filter(|c| !c.is_whitespace()).collect()
}

#[test]
fn every_manifest_issue_splits_into_exactly_its_articles() {
    let manifest = std::fs::read_to_string(Path::new(GAZETTE).join("manifest.jsonl")).expect("manifest");
    let (mut files, mut articles, mut gb) = (0, 0, 0);
    for line in manifest.lines().filter(|l| !l.trim().is_empty()) {
        let m: serde_json::Value = serde_json::from_str(line).expect("manifest line");
        let file = m["file"].as_str().expect("file");
        let path = Path::new(GAZETTE).join(file);
        let docs: Vec<_> = read_file(&path, &ReadOptions::default())
            .expect("opens")
            .collect::<Result<_, _>>()
            .unwrap_or_else(|e| panic!("{file}: {e}"));
        let want = m["articles"].as_array().expect("articles");
        assert_eq!(docs.len(), want.len(), "{file}: article count");
        for (k, (d, a)) in docs.iter().zip(want).enumerate() {
            assert_eq!(
                squash(&d.title),
                squash(a["title"].as_str().unwrap()),
                "{file} article {}",
                k + 1
            );
            let number: Vec<String> = d.doc_numbers.iter().map(|n| n.printed().to_owned()).collect();
            assert_eq!(number, [a["doc_number"].as_str().unwrap()], "{file} article {}", k + 1);
            let g = d.gazette.as_ref().expect("gazette ref");
            assert_eq!(u64::from(g.year), m["year"].as_u64().unwrap());
            assert_eq!(u64::from(g.issue), m["issue"].as_u64().unwrap());
            assert_eq!(g.order as usize, k + 1);
            assert_eq!(g.section.as_deref(), a["section"].as_str(), "{file} article {}", k + 1);
            assert_eq!(d.id, format!("gazette-{}-{}-{}", g.year, g.issue, k + 1));
            assert!(!d.body.is_empty(), "{file} article {} has a body", k + 1);
            assert_eq!(d.content_hash, d.compute_hash());
        }
        files += 1;
        articles += docs.len();
        if m["encoding"].as_str() == Some("gb18030") {
            gb += 1;
        }
    }
    eprintln!("gazette: {files} issues ({gb} in GB18030), {articles} articles split");
    assert_eq!(files, 47);
    assert_eq!(gb, 13);
}

/// The text of a manifest issue, decoded.
fn issue_text(m: &serde_json::Value) -> String {
    let bytes = std::fs::read(Path::new(GAZETTE).join(m["file"].as_str().unwrap())).unwrap();
    if m["encoding"] == "gb18030" {
        encoding_rs::GB18030.decode(&bytes).0.into_owned()
    } else {
        String::from_utf8(bytes).unwrap()
    }
}

// See: an issue saved as a web page (each line a paragraph, inside a site's menu and footer)
// or as Markdown was read as one page titled 中华人民共和国国务院公报. Every issue now splits the
// same in every form it may come in: text with other line ends, spacing and brackets, a web
// page (UTF-8 or GB18030), Markdown.
#[test]
fn every_issue_splits_the_same_in_every_form() {
    let manifest = std::fs::read_to_string(Path::new(GAZETTE).join("manifest.jsonl")).expect("manifest");
    let dir = tempfile::tempdir().unwrap();
    let paragraphs = |t: &str| t.lines().map(|l| format!("<p>{l}</p>\n")).collect::<String>();
    type Form = Box<dyn Fn(&str) -> Vec<u8>>;
    let forms: Vec<(&str, Form)> = vec![
        ("crlf.txt", Box::new(|t| t.replace('\n', "\r\n").into_bytes())),
        (
            "indented.txt",
            Box::new(|t| {
                t.lines()
                    .map(|l| format!("\u{3000}\u{3000}{l} \n"))
                    .collect::<String>()
                    .into_bytes()
            }),
        ),
        (
            "packed.txt",
            Box::new(|t| {
                let lines: Vec<&str> = t.lines().filter(|l| !l.trim().is_empty()).collect();
                lines.join("\n").replace('〔', "[").replace('〕', "]").into_bytes()
            }),
        ),
        (
            "site.html",
            Box::new(move |t| {
                format!(
                    "<html><head><meta charset=\"utf-8\"><title>国务院公报</title></head><body>\
                     <div class=\"nav\"><a href=\"/\">首页</a> <a href=\"/gb\">政府公报</a></div>\
                     <div class=\"TRS_Editor\">{}</div><div class=\"footer\">主办：国务院办公厅 京ICP备05070218号</div></body></html>",
                    paragraphs(t)
                )
                .into_bytes()
            }),
        ),
        (
            "gb.html",
            Box::new(move |t| {
                let html = format!(
                    "<html><head><meta charset=\"gb18030\"></head><body>{}</body></html>",
                    paragraphs(t)
                );
                encoding_rs::GB18030.encode(&html).0.into_owned()
            }),
        ),
        (
            "issue.md",
            Box::new(|t| {
                let (first, rest) = t.trim_start().split_once('\n').unwrap();
                format!("# {first}\n{rest}").into_bytes()
            }),
        ),
    ];
    for line in manifest.lines().filter(|l| !l.trim().is_empty()) {
        let m: serde_json::Value = serde_json::from_str(line).expect("manifest line");
        let text = issue_text(&m);
        let want: Vec<(String, String)> = m["articles"]
            .as_array()
            .unwrap()
            .iter()
            .map(|a| {
                (
                    squash(a["title"].as_str().unwrap()),
                    a["doc_number"].as_str().unwrap().to_owned(),
                )
            })
            .collect();
        for (form, make) in &forms {
            let path = dir.path().join(format!("{}-{form}", m["file"].as_str().unwrap()));
            std::fs::write(&path, make(&text)).unwrap();
            let got: Vec<(String, String)> = read_file(&path, &ReadOptions::default())
                .expect("opens")
                .map(|d| {
                    let d = d.unwrap_or_else(|e| panic!("{form}: {e}"));
                    let g = d.gazette.as_ref().expect("gazette ref");
                    assert_eq!(
                        (u64::from(g.year), u64::from(g.issue)),
                        (m["year"].as_u64().unwrap(), m["issue"].as_u64().unwrap())
                    );
                    (
                        squash(&d.title),
                        d.doc_numbers.first().map(|n| n.canonical()).unwrap_or_default(),
                    )
                })
                .collect();
            let canonical: Vec<(String, String)> = want
                .iter()
                .map(|(t, n)| (t.clone(), gongwen_schema::DocNumber::parse(n).unwrap().canonical()))
                .collect();
            assert_eq!(got, canonical, "{form} of {}", m["file"]);
        }
    }
}

#[test]
fn discover_lists_issues_but_not_the_manifest() {
    let files = discover(&[PathBuf::from(GAZETTE)]).expect("discover");
    assert_eq!(files.len(), 47);
    assert!(files.iter().all(|f| f.extension().is_some_and(|e| e == "txt")));
    assert!(files.windows(2).all(|w| w[0] < w[1]));
}

#[test]
fn articles_carry_dates_and_issuers_when_printed() {
    let path = Path::new(GAZETTE).join("gwygb-2018-01.txt");
    let docs: Vec<_> = read_file(&path, &ReadOptions::default())
        .unwrap()
        .map(Result::unwrap)
        .collect();
    assert_eq!(docs[0].written.map(|d| d.to_string()).as_deref(), Some("2018-11-07"));
    assert_eq!(docs[0].issuers, ["国务院"]);
    assert_eq!(docs[0].kind, gongwen_schema::Kind::Notice);
    // 1981: the signature carries the date in Chinese numerals and again in digits.
    let path = Path::new(GAZETTE).join("gwygb-1981-01.txt");
    let docs: Vec<_> = read_file(&path, &ReadOptions::default())
        .unwrap()
        .map(Result::unwrap)
        .collect();
    assert_eq!(docs[0].written.map(|d| d.to_string()).as_deref(), Some("1981-05-23"));
}
