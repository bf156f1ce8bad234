//! Gazette issues (政府公报): one file, many articles.
//!
//! Layout, as the State Council Gazette prints it:
//!
//! ```text
//! 中华人民共和国国务院公报
//! 2018年第1号
//!
//! 目　　录
//!
//! 【国务院文件】
//! 国务院关于……的通知………………（3）
//! 【国务院办公厅文件】
//! …
//!
//! 国务院关于……的通知            <- title, possibly wrapped over two or three lines
//! 国发〔2018〕38号                <- number line
//! 各省、自治区、直辖市人民政府：……  <- body
//! 国务院                          <- signature
//! 2018年11月7日                   <- date
//! （此件公开发布）
//! ```
//!
//! The table of contents gives the titles in order; each article starts at the first line (or
//! two or three joined lines) after the previous article's start that equals its title and is
//! followed by a document number line. Matching titles rather than cutting at `（此件公开发布）`
//! matters: later texts quote that line and repeat their own title inside the body.

use std::path::Path;

use gongwen_schema::{Document, GazetteRef};

use crate::dates;
use crate::error::ReadError;
use crate::page::whole_number;
use crate::record::{At, RawRecord};
use crate::ReadOptions;

/// Year and issue number when `text` starts with a gazette header
/// (`中华人民共和国国务院公报` / `YYYY年第N号`).
pub(crate) fn header(text: &str) -> Option<(u16, u32)> {
    let mut lines = text.lines().map(squash).filter(|l| !l.is_empty());
    let first = lines.next()?;
    // The name and the issue on one line (`中华人民共和国国务院公报　2019年第1号`), or apart.
    let (name, issue) = match first.find("公报") {
        Some(at) if at + "公报".len() < first.len() => (
            first[..at + "公报".len()].to_owned(),
            first[at + "公报".len()..].to_owned(),
        ),
        _ => (first.clone(), lines.next()?),
    };
    if !name.ends_with("公报") || name.chars().count() > 30 {
        return None;
    }
    // The running count after the issue (`2023年第3期（总第120期）`) is no part of it.
    // See (QA): either header made the issue one document.
    let issue = match issue.find(['（', '(']) {
        Some(at) if at > 0 => &issue[..at],
        _ => issue.as_str(),
    };
    let (y, rest) = issue.split_once('年')?;
    let n = rest.strip_prefix('第')?.strip_suffix(['号', '期'])?;
    Some((y.parse().ok()?, n.parse().ok()?))
}

/// One table-of-contents entry.
#[derive(Debug, Clone, PartialEq)]
struct Entry {
    title: String,
    section: Option<String>,
}

/// Split a decoded gazette issue into its articles.
pub(crate) fn split(text: &str, path: &Path, opts: &ReadOptions) -> Vec<Result<Document, ReadError>> {
    let Some((year, issue)) = header(text) else {
        return vec![Err(ReadError::invalid(
            path,
            Some(1),
            "not a gazette issue: no 公报 header",
        ))];
    };
    let lines: Vec<&str> = text.lines().map(|l| l.trim()).collect();
    // The issue's name as its running head prints it: without 中华人民共和国 and 人民政府.
    let name = text.lines().map(squash).find(|l| !l.is_empty()).unwrap_or_default();
    let name = name.find("公报").map_or(name.as_str(), |at| &name[..at + "公报".len()]);
    let short_name = name.strip_prefix("中华人民共和国").unwrap_or(name).to_owned();
    // Another gazette than the State Council's is named in its articles' ids and issue key:
    // two gazettes share years and issue numbers. See (QA ingest pass, seventeenth session):
    // a city gazette's 2018年第3期 replaced the State Council's 2018年第3号 article by article.
    let gazette = GazetteRef::name_of(name);
    let Some(toc_at) = lines.iter().position(|l| squash(l) == "目录") else {
        return vec![Err(ReadError::invalid(
            path,
            None,
            "gazette issue without a 目录 (table of contents)",
        ))];
    };
    let (entries, toc_end) = table_of_contents(&lines, toc_at + 1);
    if entries.is_empty() {
        // See (QA): an issue whose 目录 the reader could not read gave no document and no
        // error: the whole issue was lost without a word.
        return vec![Err(ReadError::invalid(
            path,
            Some(toc_at as u64 + 1),
            "gazette issue whose 目录 lists no article the reader can find (expected one title a line, with or without its page)",
        ))];
    }
    let mut out = Vec::with_capacity(entries.len());
    // The issue's running head between pages (`国务院公报2025·1`, the name alone) is the
    // gazette's, not the article's. See (QA): it stayed in 141 of 143 articles.
    let running_head = |l: &str| {
        let l = squash(l);
        let rest = l.strip_prefix(name).or_else(|| l.strip_prefix(short_name.as_str()));
        l.chars().count() <= 30
            && rest.is_some_and(|r| {
                r.chars()
                    .all(|c| c.is_ascii_digit() || "·・.年第号期（）()总".contains(c))
            })
    };
    let furniture = |l: &str| crate::clean::is_page_number(l) || running_head(l);
    // Find every article's start first: (title line, lines the title spans, the title).
    let mut starts: Vec<Option<(usize, usize, String)>> = Vec::with_capacity(entries.len());
    let mut cursor = toc_end;
    for e in &entries {
        let title = without_printed_number(&e.title);
        let found = find_title(&lines, cursor, title, true, &furniture)
            .or_else(|| find_title(&lines, cursor, title, false, &furniture));
        if let Some((i, w, _)) = &found {
            cursor = i + w;
        }
        starts.push(found);
    }
    // The lines an article prints above its title (a classification or internal mark, a copy
    // number, an urgency mark) are its own, not the end of the article before it. See (QA
    // leak pass, fifteenth session): `秘密★1年` above the second article's title refused the
    // first and published the second.
    let above = |l: &str| {
        crate::record::is_classification_mark(l)
            || crate::record::is_internal_mark(l)
            || crate::record::is_copy_number_or_urgency(l)
    };
    let mut heads: Vec<Option<usize>> = Vec::with_capacity(starts.len());
    let mut floor = toc_end;
    for start in &starts {
        heads.push(start.as_ref().map(|&(i, w, _)| {
            let mut h = i;
            while h > floor && i - h < 6 && (lines[h - 1].is_empty() || above(lines[h - 1])) {
                h -= 1;
            }
            floor = i + w;
            h
        }));
    }
    for (k, (e, start)) in entries.iter().zip(&starts).enumerate() {
        let order = k as u32 + 1;
        let Some((i, w, title)) = start.clone() else {
            out.push(Err(ReadError::invalid(
                path,
                None,
                format!(
                    "gazette article {order} {:?} is in the 目录 but not in the text",
                    e.title
                ),
            )));
            continue;
        };
        let end = heads[k + 1..].iter().flatten().copied().next().unwrap_or(lines.len());
        let marks: Vec<String> = heads[k]
            .map_or(&[][..], |h| &lines[h..i])
            .iter()
            .filter(|l| crate::record::is_classification_mark(l) || crate::record::is_internal_mark(l))
            .map(|l| {
                if crate::record::is_classification_mark(l) {
                    (*l).to_owned()
                } else {
                    "不予公开".to_owned()
                }
            })
            .collect();
        let mut body_from = i + w;
        let mut numbers = Vec::new();
        // The number under the title, past a page break's furniture (`— 5 —`, the running
        // head) between them. See (QA ingest pass, fifteenth session): 45 of 45 numbers so
        // placed were lost.
        if let Some(n) = (body_from..end).find(|&j| !lines[j].is_empty() && !furniture(lines[j])) {
            if whole_number(lines[n]) {
                numbers.push(lines[n].to_owned());
                body_from = n + 1;
            }
        }
        let body: Vec<&str> = lines[body_from..end]
            .iter()
            .copied()
            .filter(|l| !l.is_empty() && !furniture(l))
            .collect();
        // The issue's back matter (主管主办, 编辑出版, 地址, 刊号, 定价) after its last
        // article is the gazette's. See (QA ingest pass, seventeenth session): it was the last
        // article's text in every issue that printed it.
        let body = without_colophon(body);
        let date_at = (body.len().saturating_sub(10)..body.len())
            .rev()
            .find(|&j| dates::parse_whole(body[j]).is_some());
        let issuers = date_at
            .filter(|&j| j > 0 && body[j - 1].chars().count() <= 30 && !body[j - 1].contains(['。', '，', '：']))
            .map(|j| crate::record::split_issuers(body[j - 1]))
            .unwrap_or_default();
        let raw = RawRecord {
            id: Some(match &gazette {
                None => format!("gazette-{year}-{issue}-{order}"),
                Some(g) => format!("gazette-{g}-{year}-{issue}-{order}"),
            }),
            title: Some(title),
            numbers,
            issuers,
            written: date_at.map(|j| body[j].to_owned()),
            body: body.join("\n"),
            disclosures: marks,
            ..RawRecord::default()
        };
        let at = At {
            path,
            line: Some(i as u64 + 1),
            index: Some(order.into()),
        };
        out.push(raw.build(&at, opts).map(|mut d| {
            d.gazette = Some(GazetteRef {
                year,
                issue,
                section: e.section.clone(),
                order,
                name: gazette.clone(),
            });
            d
        }));
    }
    out
}

/// Parse the 目录 from line `from`; returns the entries and the line after the table.
fn table_of_contents(lines: &[&str], from: usize) -> (Vec<Entry>, usize) {
    if let Some(plain) = plain_table_of_contents(lines, from) {
        return plain;
    }
    let mut entries = Vec::new();
    let mut section = None;
    let mut pending = String::new();
    let mut i = from;
    let mut seen_entry = false;
    while i < lines.len() {
        let l = without_list_mark(lines[i]);
        if l.is_empty() {
            // Two blank lines after the first entry end the table, unless more of it follows
            // (an entry with its page, a section, or an entry's first half before one): an
            // export may put blank lines between every two entries. See (QA ingest pass,
            // fifteenth session): two blank lines so made the issue one article, silently.
            if seen_entry && lines.get(i + 1).is_none_or(|n| n.is_empty()) {
                let mut ahead = lines[i..].iter().filter(|n| !n.is_empty());
                let (next, after) = (ahead.next(), ahead.next());
                let entry = |n: &&str| {
                    let n = without_list_mark(n);
                    strip_page(n).is_some() || n.starts_with('【') && n.ends_with('】')
                };
                let paged = |a: &&str| strip_page(without_list_mark(a)).is_some() || page_cell(a);
                let goes_on = next.is_some_and(entry)
                    || next.is_some_and(|n| n.chars().count() <= 80 && !whole_number(n)) && after.is_some_and(paged);
                if !goes_on {
                    break;
                }
            }
            i += 1;
            continue;
        }
        if let Some(s) = l.strip_prefix('【').and_then(|s| s.strip_suffix('】')) {
            section = Some(s.trim().to_owned());
            i += 1;
            continue;
        }
        match strip_page(l) {
            Some(title) => {
                pending.push_str(title);
                entries.push(Entry {
                    title: std::mem::take(&mut pending),
                    section: section.clone(),
                });
                seen_entry = true;
            }
            None if bare_page(l) => {}
            None => {
                // The title in one cell of a table and its page in the next (a web page's
                // 目录): one entry. See (QA ingest pass, fifteenth session): such a 目录 gave
                // articles made of signature lines.
                let next_at = (i + 1..lines.len()).find(|&j| !lines[j].is_empty());
                if let Some(j) = next_at.filter(|&j| page_cell(lines[j])) {
                    pending.push_str(l);
                    entries.push(Entry {
                        title: std::mem::take(&mut pending),
                        section: section.clone(),
                    });
                    seen_entry = true;
                    i = j + 1;
                    continue;
                }
                // Either the first half of a wrapped entry, or the table ended without blank
                // lines and this is an article title (a number line follows).
                let next = next_at.map(|j| lines[j]);
                if seen_entry && next.is_some_and(whole_number) {
                    break;
                }
                pending.push_str(l);
            }
        }
        i += 1;
    }
    (entries, i)
}

/// A 目录 that prints no page numbers (one title a line, `【section】` lines between): its
/// entries and the line after it, which is the first article's title (a line followed by a
/// number line) or two blank lines. `None` when any line of it names a page.
/// See (QA): such a 目录 was read as one wrapped title, and the issue gave no document.
fn plain_table_of_contents(lines: &[&str], from: usize) -> Option<(Vec<Entry>, usize)> {
    let mut entries = Vec::new();
    let mut section = None;
    let mut i = from;
    while i < lines.len() {
        let l = lines[i];
        if l.is_empty() {
            if !entries.is_empty() && lines.get(i + 1).is_none_or(|n| n.is_empty()) {
                break;
            }
            i += 1;
            continue;
        }
        if strip_page(without_list_mark(l)).is_some() || bare_page(l) {
            return None;
        }
        let next = lines[i + 1..].iter().find(|n| !n.is_empty());
        if !entries.is_empty() && next.is_some_and(|n| whole_number(n)) {
            break;
        }
        if let Some(s) = l.strip_prefix('【').and_then(|s| s.strip_suffix('】')) {
            section = Some(s.trim().to_owned());
        } else {
            entries.push(Entry {
                title: l.to_owned(),
                section: section.clone(),
            });
        }
        i += 1;
    }
    Some((entries, i))
}

/// A line that is a page number alone (`3`, `（3）`, `·3·`, `— 3 —`), as a table's cell or a
/// page's foot prints it.
fn bare_page(line: &str) -> bool {
    let l = line
        .trim()
        .trim_matches(['（', '）', '(', ')', '·', '—', '-', ' ', '\u{3000}']);
    (1..=4).contains(&l.chars().count()) && l.chars().all(|c| c.is_ascii_digit() || ('０'..='９').contains(&c))
}

/// A page number as a table's cell prints it, digits alone (`3`, `（3）`): not a page's foot
/// (`— 3 —`, `·5·`), which may stand between an article's title and its number.
fn page_cell(line: &str) -> bool {
    let l = line.trim();
    let l = l
        .strip_prefix(['（', '('])
        .and_then(|r| r.strip_suffix(['）', ')']))
        .unwrap_or(l);
    (1..=4).contains(&l.chars().count()) && l.chars().all(|c| c.is_ascii_digit() || ('０'..='９').contains(&c))
}

/// A 目录 line without its Markdown list mark (`- 标题 …… 3`).
fn without_list_mark(line: &str) -> &str {
    ["- ", "* ", "+ ", "• "]
        .iter()
        .find_map(|m| line.strip_prefix(m))
        .map_or(line, str::trim_start)
}

/// `title………（12）`, `title　12` → `title`; `None` when the line has no page reference.
fn strip_page(line: &str) -> Option<&str> {
    let l = line.trim_end();
    // The page without brackets, after leaders or a space (`…的通知　5`, `…的通知……12`).
    let digits = l.trim_end_matches(|c: char| c.is_ascii_digit() || ('０'..='９').contains(&c));
    if digits.len() < l.len() && l.len() - digits.len() <= 4 * 3 {
        let title = digits.trim_end_matches(['…', '.', '·', '．', ' ', '\u{3000}']);
        if title.len() < digits.len() && !title.is_empty() {
            return Some(title.trim());
        }
    }
    // The page between dots or dashes, as a page's foot prints it (`标题 ·3·`, `标题 — 3 —`).
    // See (QA ingest pass, fifteenth session): such a 目录 lost the issue.
    let is_digit = |c: char| c.is_ascii_digit() || ('０'..='９').contains(&c);
    for mark in ['·', '—', '-', '－'] {
        let Some(rest) = l.strip_suffix(mark) else { continue };
        let rest = rest.trim_end();
        let before = rest.trim_end_matches(is_digit);
        if before.len() == rest.len() || rest.len() - before.len() > 4 * 3 {
            continue;
        }
        if let Some(title) = before.trim_end().strip_suffix(mark) {
            let title = title.trim_end_matches(['…', '.', '·', '．', ' ', '\u{3000}']).trim();
            if !title.is_empty() {
                return Some(title);
            }
        }
    }
    let l = l.strip_suffix(['）', ')'])?;
    let open = l.rfind(['（', '('])?;
    let page = &l[open..];
    let digits = page.trim_start_matches(['（', '(']);
    if digits.is_empty() || !digits.chars().all(is_digit) {
        return None;
    }
    let title = l[..open].trim_end_matches(['…', '.', '·', '．', ' ', '\u{3000}']);
    // With leaders, or a page of three digits at most right after a title (`标题（3）`; four
    // would be a year).
    let bare = title.len() == l[..open].len() && digits.chars().count() <= 3 && title.chars().count() >= 6;
    (title.len() < l[..open].len() || bare).then_some(title.trim())
}

/// The first `(line, width, title)` at or after `from` where non-empty lines joined (up to
/// [`MAX_TITLE_LINES`] of them, a page's furniture between them skipped) equal `title`,
/// compared by [`title_key`], followed by a number line when `need_number`; `title` is the
/// text's own lines joined, without the furniture.
/// See (QA ingest pass, seventeenth session): a title wrapped over four lines by a PDF export,
/// or split by a page break's foot and running head, or printed with full-width brackets
/// where the 目录 has half-width ones, was not found, and its text went to the article before.
fn find_title(
    lines: &[&str],
    from: usize,
    title: &str,
    need_number: bool,
    furniture: &dyn Fn(&str) -> bool,
) -> Option<(usize, usize, String)> {
    let want = title_key(title);
    if want.is_empty() {
        return None;
    }
    for i in from..lines.len() {
        if lines[i].is_empty() || furniture(lines[i]) {
            continue;
        }
        let mut joined = String::new();
        let mut text = String::new();
        let mut taken = 0;
        let mut j = i;
        while j < lines.len() && taken < MAX_TITLE_LINES {
            let l = lines[j];
            j += 1;
            if l.is_empty() || taken > 0 && furniture(l) {
                continue;
            }
            joined.push_str(&title_key(l));
            text.push_str(l.trim());
            taken += 1;
            if !want.starts_with(&joined) {
                break;
            }
            if joined == want {
                let next = lines[j..].iter().find(|n| !n.is_empty() && !furniture(n));
                if !need_number || next.is_some_and(|n| whole_number(n)) {
                    return Some((i, j - i, text));
                }
                break;
            }
        }
    }
    None
}

/// `body` without the issue's colophon at its end: from the first of a run of two or more
/// colophon lines (a label of the back matter, then `：`) that reaches the end, with the
/// gazette's name or blank-ish lines among them.
fn without_colophon(mut body: Vec<&str>) -> Vec<&str> {
    const LABELS: &[&str] = &[
        "主管",
        "主办",
        "主管主办",
        "主管单位",
        "主办单位",
        "编辑",
        "编辑出版",
        "出版",
        "编辑部",
        "出版单位",
        "地址",
        "社址",
        "邮政编码",
        "邮编",
        "电话",
        "传真",
        "国内统一连续出版物号",
        "国际标准连续出版物号",
        "刊号",
        "定价",
        "印刷",
        "发行",
        "发行范围",
        "网址",
        "电子邮箱",
        "国内发行",
        "订阅",
    ];
    let labelled = |l: &str| {
        l.split_once(['：', ':']).is_some_and(|(label, _)| {
            let label: String = label.chars().filter(|c| !c.is_whitespace()).collect();
            LABELS.contains(&label.as_str())
        })
    };
    let gazette_name = |l: &str| l.trim().ends_with("公报") && l.chars().count() <= 20;
    let mut cut = body.len();
    let mut labels = 0;
    for (k, l) in body.iter().enumerate().rev() {
        if labelled(l) {
            labels += 1;
            cut = k;
        } else if gazette_name(l) && labels > 0 {
            cut = k;
        } else {
            break;
        }
    }
    if labels >= 2 {
        body.truncate(cut);
    }
    body
}

/// Lines a title may be wrapped over.
const MAX_TITLE_LINES: usize = 5;

/// A title as compared with the 目录's: its letters, digits and ideographs alone (brackets,
/// quotes and punctuation of either width, or left out, and spaces are no difference).
fn title_key(s: &str) -> String {
    s.chars()
        .map(gongwen_schema::hanzi::halfwidth)
        .filter(|c| c.is_alphanumeric())
        .collect()
}

/// A 目录 entry's title without the document number printed after it
/// (`…的指导意见（国办发〔2018〕115号）`), as provincial gazettes list them.
fn without_printed_number(title: &str) -> &str {
    let t = title.trim_end();
    let Some(inner) = t.strip_suffix(['）', ')']) else {
        return title;
    };
    let Some(open) = inner.rfind(['（', '(']) else {
        return title;
    };
    let number = &inner[open..].trim_start_matches(['（', '(']);
    if open > 0 && gongwen_schema::DocNumber::parse(number).is_ok() {
        t[..open].trim_end()
    } else {
        title
    }
}

/// Remove all whitespace (U+3000 included).
fn squash(s: &str) -> String {
    s.chars().filter(|c| !c.is_whitespace()).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    const ISSUE: &str = "中华人民共和国国务院公报\n2019年第3号\n\n目　　录\n\n【国务院文件】\n国务院关于甲事项的通知………………（3）\n【国务院办公厅文件】\n国务院办公厅关于乙事项和丙事项\n有关问题的意见………………（5）\n\n\n国务院关于甲事项的通知\n国发〔2019〕1号\n\n各省人民政府：\n正文，见国办发〔2018〕2号。\n（此件公开发布）\n国务院\n2019年1月2日\n（此件公开发布）\n\n国务院办公厅关于乙事项和丙事项\n有关问题的意见\n国办发〔2019〕7号\n\n正文。\n国务院办公厅\n二〇一九年二月三日\n（此件公开发布）\n";

    #[test]
    fn splits_by_table_of_contents() {
        assert_eq!(header(ISSUE), Some((2019, 3)));
        let docs: Vec<Document> = split(ISSUE, Path::new("g.txt"), &ReadOptions::default())
            .into_iter()
            .map(Result::unwrap)
            .collect();
        assert_eq!(docs.len(), 2);
        assert_eq!(docs[0].id, "gazette-2019-3-1");
        assert_eq!(docs[0].title, "国务院关于甲事项的通知");
        assert_eq!(docs[0].doc_numbers[0].canonical(), "国发〔2019〕1号");
        assert_eq!(docs[0].cites, ["国办发〔2018〕2号"]);
        assert_eq!(docs[0].issuers, ["国务院"]);
        assert_eq!(docs[0].written.map(|d| d.to_string()).as_deref(), Some("2019-01-02"));
        assert_eq!(
            docs[0].gazette.as_ref().and_then(|g| g.section.as_deref()),
            Some("国务院文件")
        );
        assert_eq!(docs[1].title, "国务院办公厅关于乙事项和丙事项有关问题的意见");
        assert_eq!(docs[1].gazette.as_ref().map(|g| g.order), Some(2));
        assert_eq!(docs[1].written.map(|d| d.to_string()).as_deref(), Some("2019-02-03"));
        assert_eq!(docs[1].kind, gongwen_schema::Kind::Policy);
        assert_eq!(docs[1].source.line, Some(23));
    }

    // See (QA ingest pass, seventeenth session): a 目录 printing each entry's number after its
    // title lost every article; a title spelled with half-width brackets or without a mark in
    // the 目录, or wrapped over four lines with a page break's furniture inside it, was not
    // found and its text went to the article before; the issue's back matter went to the last.
    #[test]
    fn titles_found_however_the_table_and_the_text_print_them() {
        let titles = |text: &str| -> Vec<(String, Vec<String>, String)> {
            split(text, Path::new("g.txt"), &ReadOptions::default())
                .into_iter()
                .map(Result::unwrap)
                .map(|d| {
                    let numbers = d.doc_numbers.iter().map(|n| n.canonical()).collect();
                    (d.title, numbers, d.body)
                })
                .collect()
        };
        let want = titles(ISSUE);
        assert_eq!(want.len(), 2);
        let numbered = ISSUE
            .replacen(
                "甲事项的通知………………（3）",
                "甲事项的通知（国发〔2019〕1号）………………（3）",
                1,
            )
            .replacen(
                "有关问题的意见………………（5）",
                "有关问题的意见(国办发〔2019〕7号)………………（5）",
                1,
            );
        assert_eq!(titles(&numbered), want);
        let spelled = ISSUE.replacen(
            "乙事项和丙事项\n有关问题的意见………",
            "\"乙事项\"和(丙事项)\n有关问题的意见………",
            1,
        );
        assert_eq!(titles(&spelled), want);
        let wrapped = ISSUE.replacen(
            "\n\n国务院办公厅关于乙事项和丙事项\n有关问题的意见\n国办发",
            "\n\n国务院办公厅\n关于乙事项\n— 4 —\n国务院公报2019·3\n和丙事项有关\n问题的意见\n国办发",
            1,
        );
        let got = titles(&wrapped);
        assert_eq!(got.len(), 2, "{got:?}");
        assert_eq!(got[1].0, want[1].0);
        assert!(
            !got[0].2.contains("国办发〔2019〕7号") && !got[0].2.contains("关于乙事项"),
            "{}",
            got[0].2
        );
        let colophon = format!(
            "{ISSUE}\n中华人民共和国国务院公报\n主管主办：国务院办公厅\n编辑出版：国务院公报编辑部\n地址：北京市西城区府右街2号\n国内统一连续出版物号：CN11-1611/D\n定价：3.00元\n"
        );
        let got = titles(&colophon);
        assert_eq!(got, want, "the back matter is no article's text");
        // A label of the back matter inside an article's own text stays.
        let text = ISSUE.replacen("正文。\n国务院办公厅", "正文。\n地址：北京市。\n国务院办公厅", 1);
        assert!(titles(&text)[1].2.contains("地址：北京市。"));
    }

    // See (QA ingest pass, seventeenth session): a city gazette's issue of the same year and
    // number as a State Council issue had the same article ids, and replaced its articles.
    #[test]
    fn another_gazette_is_named_in_its_ids_and_issue_key() {
        let city = ISSUE.replacen(
            "中华人民共和国国务院公报\n2019年第3号",
            "上海市人民政府公报\n2019年第3期",
            1,
        );
        let ids = |text: &str| -> Vec<(String, String)> {
            split(text, Path::new("g.txt"), &ReadOptions::default())
                .into_iter()
                .map(Result::unwrap)
                .map(|d| (d.id, d.gazette.expect("an article").issue_key()))
                .collect()
        };
        let state = ids(ISSUE);
        assert_eq!(state[0], ("gazette-2019-3-1".to_owned(), "2019-3".to_owned()));
        let city = ids(&city);
        assert_eq!(
            city[0],
            (
                "gazette-上海市人民政府公报-2019-3-1".to_owned(),
                "2019-3@上海市人民政府公报".to_owned()
            )
        );
        assert!(city.iter().all(|c| !state.contains(c)), "{city:?} against {state:?}");
        // The State Council's gazette under its short name is the same gazette.
        let short = ISSUE.replacen("中华人民共和国国务院公报", "国务院公报", 1);
        assert_eq!(ids(&short), state);
    }

    // See (QA ingest pass, fifteenth session): blank lines between the 目录's entries (two or
    // three, as exports put them) ended the table at its first entry, and the issue was one
    // article.
    #[test]
    fn blank_lines_between_entries_of_the_table_of_contents() {
        let (head, rest) = ISSUE
            .split_once("\n\n\n国务院关于甲事项的通知\n国发")
            .expect("the table's end");
        for blanks in ["\n\n\n", "\n\n\n\n"] {
            let toc = head.replace('\n', blanks);
            let issue = format!("{toc}\n\n\n国务院关于甲事项的通知\n国发{rest}");
            let docs: Vec<Document> = split(&issue, Path::new("g.txt"), &ReadOptions::default())
                .into_iter()
                .map(Result::unwrap)
                .collect();
            let titles: Vec<&str> = docs.iter().map(|d| d.title.as_str()).collect();
            assert_eq!(
                titles,
                ["国务院关于甲事项的通知", "国务院办公厅关于乙事项和丙事项有关问题的意见"],
                "{blanks:?}"
            );
            assert!(!docs[0].body.contains("乙事项"), "{}", docs[0].body);
        }
    }

    // See (QA ingest pass, fifteenth session): a 目录 whose pages stand in cells of their own
    // (a web page's table), or as a Markdown list (`- 标题 …… 3`), lost the issue.
    #[test]
    fn pages_in_cells_of_their_own_and_list_marks() {
        let (head, rest) = ISSUE
            .split_once("\n\n\n国务院关于甲事项的通知\n国发")
            .expect("the table's end");
        let cells = head
            .replace("………………（3）", "\n3")
            .replace("有关问题的意见………………（5）", "有关问题的意见\n（5）");
        let listed = head
            .replace("国务院关于甲", "- 国务院关于甲")
            .replace("………………（3）", " …… 3");
        for toc in [cells, listed] {
            let issue = format!("{toc}\n\n\n国务院关于甲事项的通知\n国发{rest}");
            let titles: Vec<String> = split(&issue, Path::new("g.txt"), &ReadOptions::default())
                .into_iter()
                .map(|r| r.map(|d| d.title).unwrap_or_else(|e| e.to_string()))
                .collect();
            assert_eq!(
                titles,
                ["国务院关于甲事项的通知", "国务院办公厅关于乙事项和丙事项有关问题的意见"],
                "{toc}"
            );
        }
        assert!(bare_page("3") && bare_page("（12）") && bare_page("·58·") && bare_page("— 3 —"));
        assert!(!bare_page("2019年") && !bare_page("12345") && !bare_page(""));
    }

    // See (QA ingest pass, fifteenth session): a page's foot and the running head between an
    // article's title and its number lost the number (45 of 45).
    #[test]
    fn the_number_under_a_title_past_a_page_break() {
        let issue = ISSUE.replace(
            "国务院关于甲事项的通知\n国发〔2019〕1号",
            "国务院关于甲事项的通知\n— 3 —\n中华人民共和国国务院公报\n国发〔2019〕1号",
        );
        let first = split(&issue, Path::new("g.txt"), &ReadOptions::default())
            .remove(0)
            .expect("an article");
        assert_eq!(
            first.doc_numbers.iter().map(|n| n.canonical()).collect::<Vec<_>>(),
            ["国发〔2019〕1号"]
        );
    }

    // See (QA leak pass, fifteenth session): a mark above an article's title belonged to the
    // article before it, which was refused while the marked one was published.
    #[test]
    fn a_mark_above_a_title_is_its_article_s() {
        let issue = ISSUE.replace(
            "\n\n国务院办公厅关于乙事项和丙事项\n有关问题的意见\n国办发",
            "\n\n秘密★1年\n国务院办公厅关于乙事项和丙事项\n有关问题的意见\n国办发",
        );
        assert_ne!(issue, ISSUE);
        let split = split(&issue, Path::new("g.txt"), &ReadOptions::default());
        let first = split[0].as_ref().expect("the first article is public");
        assert!(!first.body.contains("秘密"), "{}", first.body);
        assert!(split[1].is_err(), "{:?}", split[1]);
    }

    // See (QA): a header on one line, or with the running count after the issue, made the
    // issue one document; page numbers (`·58·`) and the running head stayed in articles.
    #[test]
    fn header_forms_and_page_furniture() {
        let body = ISSUE
            .split_once("\n\n目　　录")
            .map(|(_, rest)| rest)
            .unwrap_or_default();
        for head in [
            "中华人民共和国国务院公报　2019年第3号",
            "中华人民共和国国务院公报\n2019年第3号（总第1650号）",
        ] {
            let issue = format!("{head}\n\n目　　录{body}");
            assert_eq!(header(&issue), Some((2019, 3)), "{head}");
            assert_eq!(
                split(&issue, Path::new("g.txt"), &ReadOptions::default()).len(),
                2,
                "{head}"
            );
        }
        let issue = ISSUE.replace(
            "各省人民政府：\n",
            "各省人民政府：\n·58·\n国务院公报2019·3\n中华人民共和国国务院公报\n",
        );
        let docs: Vec<Document> = split(&issue, Path::new("g.txt"), &ReadOptions::default())
            .into_iter()
            .map(Result::unwrap)
            .collect();
        assert!(
            !docs[0].body.contains("58") && !docs[0].body.contains("公报"),
            "{}",
            docs[0].body
        );
    }

    // See (QA): a 目录 without page references gave no document and no error.
    #[test]
    fn tables_of_contents_without_bracketed_pages() {
        let articles = "\n绿春县人民政府关于甲事项的通知\n绿政发〔2023〕5号\n\n各乡镇人民政府：\n现将有关事项通知如下。\n绿春县人民政府\n2023年3月1日\n\n绿春县人民政府办公室关于乙事项的通知\n绿政办发〔2023〕12号\n\n各乡镇人民政府：\n为做好乙事项，现通知如下。\n绿春县人民政府办公室\n2023年4月2日\n";
        for toc in [
            "【县政府文件】\n绿春县人民政府关于甲事项的通知\n绿春县人民政府办公室关于乙事项的通知\n",
            "【县政府文件】\n绿春县人民政府关于甲事项的通知　1\n绿春县人民政府办公室关于乙事项的通知　5\n",
            "绿春县人民政府关于甲事项的通知……1\n绿春县人民政府办公室关于乙事项的通知……5\n",
        ] {
            let issue = format!("绿春县人民政府公报\n2023年第1期\n\n目　　录\n\n{toc}{articles}");
            let docs: Vec<Document> = split(&issue, Path::new("g.txt"), &ReadOptions::default())
                .into_iter()
                .map(Result::unwrap)
                .collect();
            let got: Vec<(&str, String)> = docs
                .iter()
                .map(|d| (d.title.as_str(), d.doc_numbers[0].canonical()))
                .collect();
            assert_eq!(
                got,
                [
                    ("绿春县人民政府关于甲事项的通知", "绿政发〔2023〕5号".to_string()),
                    (
                        "绿春县人民政府办公室关于乙事项的通知",
                        "绿政办发〔2023〕12号".to_string()
                    )
                ],
                "{toc}"
            );
        }
        // A 目录 the reader finds no title in is reported, never an issue lost in silence.
        let issue = format!("绿春县人民政府公报\n2023年第1期\n\n目　　录\n\n\n\n{articles}");
        let out = split(&issue, Path::new("g.txt"), &ReadOptions::default());
        assert!(out.iter().any(Result::is_err), "{out:?}");
    }

    #[test]
    fn page_references() {
        assert_eq!(strip_page("国务院关于甲的通知………………（13）"), Some("国务院关于甲的通知"));
        assert_eq!(
            strip_page("国务院关于规划（2016—2020年）的批复……（3）"),
            Some("国务院关于规划（2016—2020年）的批复")
        );
        assert_eq!(strip_page("国务院关于规划（2016—2020年）"), None);
        for styled in [
            "国务院关于甲的通知 ·3·",
            "国务院关于甲的通知 — 3 —",
            "国务院关于甲的通知（3）",
            "国务院关于甲的通知 - 12 -",
        ] {
            assert_eq!(strip_page(styled), Some("国务院关于甲的通知"), "{styled}");
        }
        assert_eq!(strip_page("国务院关于甲的通知（2019）"), None);
        assert_eq!(header("中华人民共和国国务院公报\n国务院文件"), None);
    }
}
