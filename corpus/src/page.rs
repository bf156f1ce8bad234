//! Folder pages: `.txt`, `.md`, `.html`/`.htm`, one document a file.
//!
//! Metadata comes, in this order, from: markdown front matter (`---` … `---`, `key: value`),
//! HTML `<meta name=… content=…>`, a labelled header at the top of the text (`标题：…`,
//! `发文字号：…`, `成文日期：…`; the label may stand alone on its line with the value on the
//! next, which is how a gov.cn metadata `<table>` comes out of [`crate::html`]) and `<title>`.
//! What is still missing is read from the text: the title is the first non-empty line, the
//! number a line near the top that is nothing but a document number, the written date a line
//! near the end that is nothing but a date (`2018年12月20日`, `二〇一八年十二月二十日`), and
//! the issuer the signature line just above that date.

use std::path::Path;

use gongwen_schema::{DocNumber, Document, Kind};
use serde_json::Value;

use crate::clean::normalize_line;
use crate::error::ReadError;
use crate::record::{split_issuers, At, RawRecord};
use crate::{dates, html, ReadOptions};

/// The flavour of a page file.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Flavour {
    Text,
    Markdown,
    Html,
}

/// Which metadata field a label names.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Field {
    Id,
    Title,
    Number,
    Issuer,
    Written,
    Published,
    IndexNo,
    Topic,
    Disclosure,
    Status,
    Kind,
}

fn field_of(label: &str) -> Option<Field> {
    let l: String = label
        .chars()
        .filter(|c| !c.is_whitespace())
        .collect::<String>()
        .to_lowercase();
    Some(match l.as_str() {
        "id" => Field::Id,
        "标题" | "名称" | "文件名称" | "title" | "articletitle" | "dc.title" => Field::Title,
        "文号" | "发文字号" | "发文号" | "doc_number" | "docnumber" => Field::Number,
        "发文机关" | "发布机关" | "发文单位" | "发布机构" | "制发机关" | "issuer" => Field::Issuer,
        "成文日期" | "印发日期" | "written_date" | "date" => Field::Written,
        "发布日期" | "公布日期" | "发布时间" | "published_date" | "pubdate" | "publishdate" => {
            Field::Published
        }
        "索引号" | "index_no" => Field::IndexNo,
        "主题分类" | "topic" => Field::Topic,
        "公开方式" | "公开属性" | "公开类型" | "disclosure" => Field::Disclosure,
        "状态" | "效力状态" | "时效性" | "有效性" | "status" => Field::Status,
        "kind" => Field::Kind,
        _ => return None,
    })
}

/// Read one page file's decoded text into a document.
pub(crate) fn read(text: &str, flavour: Flavour, path: &Path, opts: &ReadOptions) -> Result<Document, ReadError> {
    let mut meta: Vec<(Field, String)> = Vec::new();
    let mut html_title = None;
    let body_text: String = match flavour {
        Flavour::Html => {
            let page = html::parse(text);
            for (k, v) in &page.meta {
                if let Some(f) = field_of(k) {
                    meta.push((f, v.clone()));
                }
            }
            html_title = page.title;
            page.text
        }
        Flavour::Markdown => front_matter(text, &mut meta).to_owned(),
        Flavour::Text => text.to_owned(),
    };
    let mut lines: Vec<String> = body_text
        .lines()
        .map(|l| {
            let l = normalize_line(l);
            if flavour == Flavour::Markdown {
                l.trim_start_matches(['#', '>']).trim().to_owned()
            } else {
                l
            }
        })
        .filter(|l| !l.is_empty())
        .collect();
    header(&mut lines, &mut meta);

    let get = |f: Field| meta.iter().find(|(g, _)| *g == f).map(|(_, v)| v.clone());
    let mut raw = RawRecord {
        id: get(Field::Id),
        title: get(Field::Title).or_else(|| html_title.map(|t| page_title(&t))),
        issuers: get(Field::Issuer).map(|s| split_issuers(&s)).unwrap_or_default(),
        written: get(Field::Written),
        published: get(Field::Published),
        index_no: get(Field::IndexNo),
        topic: get(Field::Topic),
        disclosure: get(Field::Disclosure),
        status: get(Field::Status),
        kind: get(Field::Kind).and_then(|k| serde_json::from_value::<Kind>(Value::String(k)).ok()),
        ..RawRecord::default()
    };
    if let Some(n) = get(Field::Number) {
        raw.numbers.push(n);
    }
    if raw.title.is_none() {
        raw.title = lines.first().cloned();
    }
    if raw.numbers.is_empty() {
        if let Some(n) = lines.iter().take(8).find(|l| whole_number(l)) {
            raw.numbers.push(n.clone());
        }
    }
    // The signature block: each field the header left out is taken from it on its own (a
    // header with a date but no issuer still gets the issuer from the signature line).
    if raw.written.is_none() || raw.issuers.is_empty() {
        let from = lines.len().saturating_sub(8);
        if let Some(i) = (from..lines.len())
            .rev()
            .find(|&i| dates::parse_whole(&lines[i]).is_some())
        {
            if raw.written.is_none() {
                raw.written = Some(lines[i].clone());
            }
            if raw.issuers.is_empty() && i > 0 && looks_like_signature(&lines[i - 1]) {
                raw.issuers = vec![lines[i - 1].clone()];
            }
        }
    }
    raw.body = lines.join("\n");
    let at = At {
        path,
        line: None,
        index: None,
    };
    raw.build(&at, opts)
}

/// `---\nkey: value\n---\n` at the very top of a markdown file.
fn front_matter<'a>(text: &'a str, meta: &mut Vec<(Field, String)>) -> &'a str {
    let t = text.trim_start_matches('\u{feff}');
    let Some(rest) = t.strip_prefix("---\n").or_else(|| t.strip_prefix("---\r\n")) else {
        return text;
    };
    let mut offset = 0;
    for line in rest.split_inclusive('\n') {
        offset += line.len();
        let l = line.trim();
        if l == "---" {
            return &rest[offset..];
        }
        if let Some((k, v)) = l.split_once(':') {
            let v = v.trim().trim_matches(['"', '\'']).trim();
            if let Some(f) = field_of(k) {
                if !v.is_empty() && v != "-" {
                    meta.push((f, v.to_owned()));
                }
            }
        }
    }
    text
}

/// Labelled header lines near the top (`发文字号：国发〔2019〕5号`, or `发文字号：` then the
/// value on the next line) go to `meta` and leave the body.
fn header(lines: &mut Vec<String>, meta: &mut Vec<(Field, String)>) {
    let mut i = 0;
    while i < lines.len().min(60) {
        let Some((label, value)) = lines[i].split_once(['：', ':']) else {
            i += 1;
            continue;
        };
        let Some(field) = field_of(label).filter(|_| label.chars().count() <= 8) else {
            i += 1;
            continue;
        };
        let value = value.trim().to_owned();
        if value.is_empty() {
            let next_is_value = lines
                .get(i + 1)
                .is_some_and(|n| n.split_once(['：', ':']).is_none_or(|(l, _)| field_of(l).is_none()));
            if next_is_value {
                let v = lines.remove(i + 1);
                meta.push((field, v));
            }
            lines.remove(i);
        } else {
            meta.push((field, value));
            lines.remove(i);
        }
    }
}

/// `国务院关于…的通知_政府信息公开专栏` → the part before the site name.
fn page_title(t: &str) -> String {
    let t = t.trim();
    for sep in ["_", " - ", "｜", "|", " — "] {
        if let Some((head, _)) = t.split_once(sep) {
            if head.trim().chars().count() >= 4 {
                return head.trim().to_owned();
            }
        }
    }
    t.to_owned()
}

/// A line that is a document number and nothing else.
pub(crate) fn whole_number(line: &str) -> bool {
    let l = line.trim();
    l.chars().count() <= 40
        && DocNumber::parse(l).is_ok_and(|n| n.printed().trim() == l.trim_end_matches(['文', '。', '；', ';']))
}

/// A signature line: short, no sentence punctuation, ends like an organ's name.
fn looks_like_signature(line: &str) -> bool {
    line.chars().count() <= 40
        && !line.chars().any(|c| "。，；：:,;！？".contains(c))
        && [
            "政府",
            "办公厅",
            "办公室",
            "委员会",
            "局",
            "部",
            "院",
            "厅",
            "中心",
            "委",
            "会",
            "署",
            "行",
            "处",
            "所",
        ]
        .iter()
        .any(|s| line.ends_with(s))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn header_and_text_fallbacks() {
        let txt = "标题：关于调整住房公积金有关政策的通知\n发文字号：\n宿公积金〔2023〕5号\n发文机关：宿迁市住房公积金管理委员会\n成文日期：2023-07-04\n索 引 号：0001/2023-01\n正文第一段。\n正文第二段。";
        let d = read(txt, Flavour::Text, Path::new("a.txt"), &ReadOptions::default()).unwrap();
        assert_eq!(d.title, "关于调整住房公积金有关政策的通知");
        assert_eq!(d.doc_numbers[0].canonical(), "宿公积金〔2023〕5号");
        assert_eq!(d.issuers, ["宿迁市住房公积金管理委员会"]);
        assert_eq!(d.written.map(|d| d.to_string()).as_deref(), Some("2023-07-04"));
        assert_eq!(d.index_no.as_deref(), Some("0001/2023-01"));
        assert_eq!(d.body, "正文第一段。\n正文第二段。");

        let txt =
            "国务院关于印发电力体制改革方案的通知\n国发〔2002〕5号\n各省人民政府：\n正文。\n国务院\n二〇〇二年二月十日";
        let d = read(txt, Flavour::Text, Path::new("b.txt"), &ReadOptions::default()).unwrap();
        assert_eq!(d.title, "国务院关于印发电力体制改革方案的通知");
        assert_eq!(d.doc_numbers[0].canonical(), "国发〔2002〕5号");
        assert_eq!(d.written.map(|d| d.to_string()).as_deref(), Some("2002-02-10"));
        assert_eq!(d.issuers, ["国务院"]);
        assert_eq!(d.kind, Kind::Notice);
    }

    // See: a page whose header (or HTML table, or front matter) gave 成文日期 got no issuer: the
    // signature line was only read when the date was missing too.
    #[test]
    fn signature_fills_what_the_header_leaves_out() {
        let body = "各区县人民政府：\n现将有关事项通知如下。\n杭州市人民政府办公厅\n2018年12月20日";
        let pages = [
            (
                Flavour::Text,
                format!("标题：关于甲事项的通知\n成文日期：2018年12月20日\n{body}"),
            ),
            (
                Flavour::Html,
                format!(
                    "<html><head><title>关于甲事项的通知</title></head><body><table><tr><td>成文日期：</td>\
                     <td>2018年12月20日</td></tr></table>{}</body></html>",
                    body.lines().map(|l| format!("<p>{l}</p>")).collect::<String>()
                ),
            ),
            (
                Flavour::Markdown,
                format!("---\ntitle: 关于甲事项的通知\nwritten_date: 2018-12-20\n---\n\n{body}\n"),
            ),
        ];
        for (flavour, page) in pages {
            let d = read(&page, flavour, Path::new("a"), &ReadOptions::default()).unwrap();
            assert_eq!(d.title, "关于甲事项的通知", "{flavour:?}");
            assert_eq!(d.issuers, ["杭州市人民政府办公厅"], "{flavour:?}");
            assert_eq!(
                d.written.map(|d| d.to_string()).as_deref(),
                Some("2018-12-20"),
                "{flavour:?}"
            );
        }
        // And the other way round: an issuer in the header, the date from the text.
        let page = format!("标题：关于甲事项的通知\n发文机关：杭州市人民政府\n{body}");
        let d = read(&page, Flavour::Text, Path::new("a.txt"), &ReadOptions::default()).unwrap();
        assert_eq!(d.issuers, ["杭州市人民政府"]);
        assert_eq!(d.written.map(|d| d.to_string()).as_deref(), Some("2018-12-20"));
    }

    #[test]
    fn whole_line_numbers_only() {
        assert!(whole_number("国发〔2002〕5号"));
        assert!(whole_number("中华人民共和国国务院令第485号"));
        assert!(!whole_number("根据国发〔2002〕5号文件精神，制定本办法。"));
        assert!(!whole_number("的通知徐政办发〔2018〕89号"));
    }
}
