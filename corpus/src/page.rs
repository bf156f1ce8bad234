//! Folder pages: `.txt`, `.md`, `.html`/`.htm`, one document a file.
//!
//! Metadata comes, in this order, from: markdown front matter (YAML `---` … `---` with
//! `key: value` lines, or TOML `+++` … `+++` with `key = "value"` lines), HTML
//! `<meta name=… content=…>`, a labelled header at the top of the text (`标题：…`,
//! `发文字号：…`, `成文日期：…`, `公开方式：…`; the label may stand alone on its line with the
//! value on the next, which is how a gov.cn metadata `<table>` comes out of [`crate::html`],
//! with or without the colon in an HTML page: `<th>标题</th><td>…</td>`) and `<title>`.
//!
//! The header is the top of the text, up to the first line of prose (a sentence of the body):
//! only labels [`field_of`] knows are read there, so a body line with a colon
//! (`公开方式：线上线下结合`) stays text. Every disclosure a page states counts (front matter,
//! `<meta>`, header): the most restrictive applies, and a value that is not understood rejects
//! the page (see [`crate::record::disclosure`]).
//! What is still missing is read from the text: the title is the first non-empty line, the
//! number a line near the top that is nothing but a document number, the written date a line
//! near the end that is nothing but a date (`2018年12月20日`, `二〇一八年十二月二十日`), and
//! the issuer the signature line just above that date.

use std::path::Path;

use gongwen_schema::hanzi::is_ideograph;
use gongwen_schema::{DocNumber, Document, Kind};
use serde_json::Value;

use crate::clean::{is_chrome_line, normalize_line};
use crate::error::ReadError;
use crate::kind::kind_from_title;
use crate::record::{
    classification_as_disclosure, is_classification_label, is_classification_mark, is_copy_number_or_urgency,
    is_disclosure_label, is_visibility_label, split_issuers, visibility_as_disclosure, At, RawRecord,
};
use crate::{dates, gazette, html, ReadOptions};

/// Characters printed for a colon (`∶` U+2236, `﹕`, `︰`, `꞉`).
pub(crate) const OTHER_COLONS: [char; 4] = ['∶', '﹕', '︰', '꞉'];

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
    /// 密级: read as the disclosure it implies ([`classification_as_disclosure`]).
    Classification,
    /// `is_public`, `visibility`: read as the disclosure it implies ([`visibility_as_disclosure`]).
    Visibility,
    Status,
    Kind,
}

fn field_of(label: &str) -> Option<Field> {
    // Borrowed when there is nothing to fold (a Chinese label without spaces, most often).
    // Traditional characters read as simplified ones (`文號`, `發文機關`, `發布日期` on a Big5
    // page: see QA ingest pass, fifteenth session).
    let label = gongwen_schema::hanzi::simplify(label);
    let l: std::borrow::Cow<'_, str> = if label.chars().any(|c| c.is_whitespace() || c.is_uppercase()) {
        label
            .chars()
            .filter(|c| !c.is_whitespace())
            .collect::<String>()
            .to_lowercase()
            .into()
    } else {
        label
    };
    Some(match l.as_ref() {
        "id" => Field::Id,
        // Not 名称 alone: a notice's list (`名称：老邮局旧址`) and a notice of penalties
        // (`名称：某某公司`) print it of what they are about.
        "标题" | "文件名称" | "title" | "articletitle" | "dc.title" => Field::Title,
        "文号" | "发文字号" | "发文号" | "doc_number" | "docnumber" => Field::Number,
        // 发布单位 (the Shanghai index and many city sites), 发文机构, 信息索引号, 信息分类,
        // 主　　题, 签发日期: see (QA ingest pass, seventeenth session), unread, they stayed at
        // the top of the body.
        "发文机关" | "发布机关" | "发文单位" | "发布机构" | "制发机关" | "发布单位" | "发文机构" | "issuer" => {
            Field::Issuer
        }
        "成文日期" | "成文时间" | "印发日期" | "发文日期" | "签发日期" | "written_date" | "date" => {
            Field::Written
        }
        "发布日期" | "公布日期" | "发布时间" | "公开日期" | "生成日期" | "published_date" | "pubdate"
        | "publishdate" => Field::Published,
        "索引号" | "信息索取号" | "信息索引号" | "索取号" | "index_no" => Field::IndexNo,
        "主题分类" | "主题" | "信息分类" | "分类" | "主题词" | "topic" => Field::Topic,
        "状态" | "效力状态" | "时效性" | "有效性" | "status" => Field::Status,
        "kind" => Field::Kind,
        // The classification's term (`保密期限：1年`): a classified document's, read as its level
        // is ([`classification_as_disclosure`]: nothing for `无`). See (QA leak pass,
        // seventeenth session).
        "保密期限" | "密级期限" => Field::Classification,
        _ if is_disclosure_label(&l) => Field::Disclosure,
        _ if is_classification_label(&l) => Field::Classification,
        _ if is_visibility_label(&l) => Field::Visibility,
        _ => return None,
    })
}

/// The most characters a label may have as written, spaces between its characters included
/// (`索 引 号`, `标  题`). Every label [`field_of`] knows fits (the longest, `published_date`,
/// has 14); longer text before a colon is a sentence, whatever it ends with.
const MAX_LABEL_CHARS: usize = 24;

/// How many lines from the top a header may reach.
const HEADER_LINES: usize = 60;

/// The field of a label as written before a colon (or alone in an HTML table cell).
fn label_field(label: &str) -> Option<Field> {
    let label = label.trim();
    // Bytes first: a long slice of a long line is no label, and counting its characters for
    // every colon of the line made a 400,000-character line take minutes (QA).
    if label.is_empty() || label.len() > 4 * MAX_LABEL_CHARS || label.chars().count() > MAX_LABEL_CHARS {
        return None;
    }
    field_of(label)
}

/// Read one page file's decoded text into a document.
pub(crate) fn read(text: &str, flavour: Flavour, path: &Path, opts: &ReadOptions) -> Result<Document, ReadError> {
    // Line ends as old Mac editors and some exports write them (`\r` alone) end lines too.
    // See (QA ingest pass, fourteenth session): such a page was one line, its title cut at 30
    // characters and its number and date not read.
    let text: &str = &if text.contains('\r') {
        std::borrow::Cow::Owned(text.replace("\r\n", "\n").replace('\r', "\n"))
    } else {
        std::borrow::Cow::Borrowed(text)
    };
    // The colons PDF conversions and other fonts print for `：` (`公开方式∶不予公开`, `﹕`, `︰`,
    // `꞉`) are colons. See (QA leak pass, seventeenth session): a page so labelled was public.
    let text: &str = &if text.contains(OTHER_COLONS) {
        std::borrow::Cow::Owned(text.replace(OTHER_COLONS, "："))
    } else {
        std::borrow::Cow::Borrowed(text)
    };
    let mut meta: Vec<(Field, String)> = Vec::new();
    let mut html_title = None;
    let mut without_chrome = None;
    let mut hidden = String::new();
    let mut headings = Vec::new();
    let body_text: String = match flavour {
        Flavour::Html => {
            let page = html::parse(text);
            if page.frameset {
                return Err(ReadError::invalid(
                    path,
                    None,
                    "a frameset page holds no document: its frames are other pages (index those)",
                ));
            }
            for (k, v) in &page.meta {
                if let Some(f) = field_of(k) {
                    meta.push((f, v.clone()));
                } else if names_publication(k) && restrictive_under(k, v) {
                    meta.push((Field::Disclosure, v.clone()));
                } else if let Some(d) = crate::record::restrictive_value(v)
                    .or_else(|| crate::record::field_restriction(k, &Value::String(v.clone())))
                {
                    // A column or source naming an internal mark (`ColumnName: 内部文件`,
                    // `ContentSource: 内部资料`, `ColumnType: 不予公开目录`), or a flag under
                    // a key naming publication. See (QA leak pass, seventeenth session).
                    meta.push((Field::Disclosure, d));
                }
            }
            html_title = page.title;
            without_chrome = page.without_chrome;
            hidden = page.hidden;
            headings = page.headings;
            page.text
        }
        Flavour::Markdown => {
            // Comments (`<!-- 内部审核：… -->`) are the author's, not the text; what they say of
            // the page's disclosure still counts, as a web page's hidden text does.
            let (text, comments) = without_comments(front_matter(text, &mut meta));
            hidden = comments;
            without_inline_html(&text)
        }
        // Front matter above a text file's text too, read as a Markdown file's is (`draft:
        // yes`, `private: true`, TOML). See (QA leak pass, seventeenth session): a `.txt` page
        // so marked was public where the same `.md` page was not.
        Flavour::Text => front_matter(text, &mut meta).to_owned(),
    };
    let mut lines = page_lines(&body_text, flavour);
    lines.drain(..site_top(&lines, headings.first()));
    // A label alone in its cell (`| 发文字号 | … |`) is a label in a table of either kind.
    let tables = flavour == Flavour::Html
        || flavour == Flavour::Markdown && body_text.lines().any(|l| table_row(l.trim()).is_some());
    restrictions_under_any_label(&lines, &mut meta);
    header(&mut lines, &mut meta, tables);
    restrictions_below_the_header(&lines, &mut meta);
    // A Markdown table naming the disclosure, read from the page as written (its lines lose
    // their cells' bars above). See (QA leak pass, sixteenth session): one at a `.md` page's
    // foot was not read, the same table in a `.txt` page was.
    if flavour == Flavour::Markdown && tables {
        meta.extend(
            stated_restrictions(&body_text)
                .into_iter()
                .map(|v| (Field::Disclosure, v)),
        );
    }
    // What the page hides is not its text, but a restriction stated there holds.
    hidden_restrictions(&page_lines(&hidden, flavour), &mut meta);
    // The body: what is left of the text, or, for a web page with a site's chrome around the
    // document (menus, link lists, footer), of its text without it; its header lines are
    // read again there, only to leave them out. A breadcrumb above it goes too.
    let mut body = match without_chrome {
        Some(t) => {
            let mut b = page_lines(&t, flavour);
            b.drain(..site_top(&b, headings.first()));
            header(&mut b, &mut Vec::new(), true);
            b
        }
        None => lines.clone(),
    };
    let crumbs = body
        .iter()
        .take(TITLE_LINES)
        .take_while(|l| is_breadcrumb(l) || is_chrome_line(l))
        .count();
    body.drain(..crumbs);
    // A classification mark above the title (`秘密★1年`, `机密`): the document is classified,
    // and is refused as a classified disclosure value is.
    if let Some(mark) = lines
        .iter()
        .take(TITLE_LINES)
        .take_while(|l| is_before_the_title(l))
        .find(|l| is_classification_mark(l))
    {
        meta.push((Field::Disclosure, mark.clone()));
    }

    // A field whose value stands for none (`无`, `--`, `{$PubDate}`) is not stated.
    let get = |f: Field| {
        meta.iter()
            .find(|(g, v)| *g == f && !crate::record::is_placeholder(v))
            .map(|(_, v)| v.clone())
    };
    let mut raw = RawRecord {
        id: get(Field::Id),
        // A `<title>` that is only the site's name says nothing of the page: its first line
        // (the heading) is the title then.
        title: get(Field::Title).or_else(|| html_page_title(html_title.as_deref(), &headings)),
        issuers: get(Field::Issuer).map(|s| split_issuers(&s)).unwrap_or_default(),
        written: get(Field::Written).map(|v| leading_date(&v)),
        published: get(Field::Published).map(|v| leading_date(&v)),
        index_no: get(Field::IndexNo),
        topic: get(Field::Topic),
        disclosures: meta
            .iter()
            .filter_map(|(f, v)| match f {
                Field::Disclosure => Some(v.clone()),
                Field::Classification => classification_as_disclosure(v),
                Field::Visibility => visibility_as_disclosure(&Value::String(v.clone())),
                _ => None,
            })
            .collect(),
        status: get(Field::Status),
        kind: get(Field::Kind).and_then(|k| serde_json::from_value::<Kind>(Value::String(k)).ok()),
        ..RawRecord::default()
    };
    if let Some(n) = get(Field::Number) {
        raw.numbers.push(n);
    }
    if raw.title.is_none() {
        // A label printed on the title's own line (`名称：关于…的通知`) is not the title's.
        raw.title = text_title(&lines).map(|t| match t.split_once(['：', ':']) {
            Some((label, rest)) if matches!(label.trim(), "名称" | "标题") && kind_from_title(rest) != Kind::Other => {
                rest.trim().to_owned()
            }
            _ => t,
        });
        // A page that starts with its salutation or its text has no title line: the file's
        // name is the title when it is one (`关于开展甲项工作的通知.txt`).
        // Else its first sentence, cut short (and marked so): every page of a site's texts
        // saved this way would otherwise be titled `各区县人民政府：`.
        if raw.title.as_deref().is_some_and(|t| is_salutation(t) || is_prose(t)) {
            raw.title = title_from_name(path).or_else(|| {
                let first = lines.iter().take(TITLE_LINES).find(|l| !is_salutation(l))?;
                Some(first_words(first))
            });
        }
    }
    raw.title = raw.title.map(|t| unspaced(&t));
    // The organ named by a masthead of its name alone is the issuer, when nothing else says.
    if raw.issuers.is_empty() {
        if let Some(i) = (0..lines.len().min(TITLE_LINES)).find(|&i| masthead(&lines, i)) {
            raw.issuers = vec![lines[i].clone()];
        }
    }
    // The document's own number stands above its text (under the masthead or the title), not
    // below the salutation (`各乡镇人民政府：`), where a forwarded document's number may.
    if raw.numbers.is_empty() {
        // The text without the site's chrome first (a menu of links above the title pushed the
        // number past the lines looked at, see QA), then the page as it is.
        let heads: Vec<Vec<&String>> = [&body, &lines]
            .iter()
            .map(|ls| {
                ls.iter()
                    .take(8)
                    .take_while(|l| !is_prose(l) && !is_salutation(l))
                    .collect()
            })
            .collect();
        if let Some(n) = heads
            .iter()
            .find_map(|head| head.iter().find_map(|l| number_of_line(l)))
        {
            raw.numbers.push(n.to_owned());
        } else if let Some(n) = heads
            .iter()
            .find_map(|head| head.windows(2).find_map(|w| split_number(w[0], w[1])))
        {
            raw.numbers.push(n);
        } else if let Some(n) = raw.title.as_deref().and_then(title_number) {
            // Printed at the end of the title (`…的通知（某政发〔2018〕41号）`).
            raw.numbers.push(n);
        }
    }
    // The signature block: each field the header left out is taken from it on its own (a
    // header with a date but no issuer still gets the issuer from the signature line).
    // Looked for at the end of the body (a site's footer is not there), then of the text.
    if raw.written.is_none() || raw.issuers.is_empty() {
        // A notice that forwards another document (`…转发…的通知`) signs above the document it
        // forwards, which has its own signature at the end: its first signed date is its own.
        let title = raw.title.as_deref().unwrap_or_default();
        let forwards = title.contains("转发") || title.contains("批转");
        let signed = [&body, &lines].into_iter().find_map(|lines| {
            let dated = |&i: &usize| dates::parse_whole(&lines[i]).is_some();
            let first_signed = forwards
                .then(|| (1..lines.len()).find(|i| dated(i) && looks_like_signature(&lines[i - 1])))
                .flatten();
            // The last date under an organ's name (an attachment after the signature, a duty
            // roster, has dates of its own), else the last date near the end.
            // Not past the attachments that follow the document's own signature: a signed
            // attachment (a report, a plan) has its own organ and date. See (QA ingest pass,
            // sixteenth session): 国办函〔2004〕80号 was dated and signed by its attachment.
            let last_signed = || {
                let own = (1..lines.len()).find(|i| dated(i) && looks_like_signature(&lines[i - 1]))?;
                let end = (own + 1..lines.len())
                    .find(|&j| is_attachment_heading(&lines[j]))
                    .unwrap_or(lines.len());
                (1..end).rev().find(|i| dated(i) && looks_like_signature(&lines[i - 1]))
            };
            let from = lines.len().saturating_sub(8);
            // Unsigned: the date right under the notice's closing words (`特此通知。`), or a
            // forwarding notice's first date (the forwarded document's comes after it). See
            // (QA ingest pass, fifteenth session): such pages had no date.
            let closing = || {
                (1..lines.len()).find(|i| {
                    dated(i)
                        && ["特此通知", "特此公告", "特此通告", "特此函告", "特此批复", "此复"]
                            .iter()
                            .any(|w| lines[i - 1].trim_end_matches(['。', '！']).ends_with(w))
                })
            };
            let first_dated = || forwards.then(|| (1..lines.len()).find(dated)).flatten();
            first_signed
                .or_else(last_signed)
                .or_else(closing)
                .or_else(first_dated)
                .or_else(|| (from..lines.len()).rev().find(dated))
                .map(|i| (lines[i].clone(), i.checked_sub(1).map(|s| &lines[s])))
        });
        if let Some((date, above)) = signed {
            if raw.written.is_none() {
                raw.written = Some(date);
            }
            if let Some(signer) = above.filter(|l| raw.issuers.is_empty() && looks_like_signature(l)) {
                raw.issuers = split_issuers(signer);
            }
        }
    }
    // A signature with no date under it (or a date that is none, `2018年2月30日`): the
    // organ's name on one of the text's last two lines.
    if raw.issuers.is_empty() {
        if let Some(last) = body.iter().skip(1).rev().take(2).find(|l| looks_like_signature(l)) {
            raw.issuers = split_issuers(last);
        }
    }
    // Else the organ its masthead names (`上海市金山区人民政府办公室文件`): the issuer of the
    // text under it. See (QA ingest pass, fifteenth session): such a page had no issuer.
    if raw.issuers.is_empty() {
        if let Some(organ) = lines
            .iter()
            .take(TITLE_LINES)
            .filter(|l| is_above_the_title(l))
            .find_map(|l| l.trim().strip_suffix("文件"))
            .filter(|o| o.chars().count() >= 3 && looks_like_signature(o))
        {
            raw.issuers = vec![organ.to_owned()];
        }
    }
    raw.body = body.join("\n");
    // Nothing but the title once the site's chrome is cut (a column page, a site's shell): no
    // document. See (QA): such a page was indexed under the site's name with no text.
    let title_only = crate::clean::clean_body(&raw.body).lines().all(|l| {
        raw.title
            .as_deref()
            .is_some_and(|t| normalize_line(l) == normalize_line(t))
    });
    let at = At {
        path,
        line: None,
        index: None,
    };
    let no_document = |reason: &str| {
        // A page that says it is not public refuses its id whatever else it lacks: a site
        // replaces a withdrawn notice by such a stub, and the copy the index holds must go.
        // See (QA robustness pass, fourteenth session).
        match crate::record::disclosure(&raw.disclosures, opts) {
            Ok(gongwen_schema::Disclosure::Public) => ReadError::invalid(path, None, reason),
            Ok(d) => ReadError::Refused {
                path: path.to_path_buf(),
                line: None,
                id: crate::record::record_id(raw.id.as_deref(), &at),
                reason: format!(
                    "{reason} (the page is {}: a copy the index holds under its id is withdrawn)",
                    d.as_str()
                ),
            },
            Err(why) => ReadError::Refused {
                path: path.to_path_buf(),
                line: None,
                id: crate::record::record_id(raw.id.as_deref(), &at),
                reason: why,
            },
        }
    };
    if title_only && raw.numbers.is_empty() {
        return Err(no_document(
            "the page holds no text but its title once the site's menus and footer are cut: no document",
        ));
    }
    if is_error_page(&raw) {
        return Err(no_document(
            "an error or redirect page of a site (页面不存在, 正在跳转, …), not a document",
        ));
    }
    raw.build(&at, opts)
}

/// A site's error or redirect page saved in place of a document: short, saying the page is not
/// there (`404`, `页面不存在`, `该信息已过期或已被删除`) or that it moves on (`正在跳转`), with
/// no number and no date of a document.
fn is_error_page(raw: &RawRecord) -> bool {
    const SAYS: [&str; 9] = [
        "页面不存在",
        "页面未找到",
        "您访问的页面",
        "Not Found",
        "正在跳转",
        "页面跳转",
        "已被删除",
        "系统提示",
        "访问出错",
    ];
    let title = raw.title.as_deref().unwrap_or_default();
    let short = raw.body.chars().count() <= 200;
    short
        && raw.numbers.is_empty()
        && raw.written.is_none()
        && SAYS.iter().any(|w| title.contains(w) || raw.body.contains(w))
}

/// The text of a gazette issue (政府公报, [`gazette::header`]) when the file holds one: a text
/// file as it is, a web page's text without the site's chrome, a Markdown file's text without
/// its marks.
pub(crate) fn gazette_text(text: &str, flavour: Flavour) -> Option<String> {
    if !text.contains("公报") {
        return None;
    }
    let issue = match flavour {
        Flavour::Text => {
            let text = without_leading_chrome(text);
            return gazette::header(text).map(|_| text.to_owned());
        }
        Flavour::Html => {
            // The text without the site's chrome, unless that lost the 目录 (a table of links,
            // which reads as a menu): the reading that splits into more articles. See (QA
            // ingest pass, fifteenth session): a 目录 as a table gave 12 articles made of
            // signature lines, and 112 errors.
            let page = html::parse(text);
            // Fewer articles the 目录 names but the text lacks first, then more articles.
            let articles = |t: &str| {
                let split = gazette::split(t, Path::new(""), &crate::ReadOptions::default());
                let ok = split.iter().filter(|r| r.is_ok()).count();
                (std::cmp::Reverse(split.len() - ok), ok)
            };
            return [Some(page.text), page.without_chrome]
                .into_iter()
                .flatten()
                .map(|t| without_leading_chrome(&t).to_owned())
                .filter(|t| gazette::header(t).is_some())
                .max_by_key(|t| articles(t));
        }
        Flavour::Markdown => {
            let mut meta = Vec::new();
            front_matter(text, &mut meta)
                .lines()
                .map(|l| markdown_marks(l.trim()))
                .collect::<Vec<_>>()
                .join("\n")
        }
    };
    let issue = without_leading_chrome(&issue);
    gazette::header(issue).map(|_| issue.to_owned())
}

/// `text` from its first line that is not a site's breadcrumb or top bar (`当前位置：首页 >
/// 国务院公报`, `欢迎访问…！ 网站首页 | 无障碍浏览`), looking at its first six lines: a gazette
/// page saved with them is still an issue. See (QA ingest pass, fifteenth session): such a
/// page was one document, silently.
fn without_leading_chrome(text: &str) -> &str {
    let site_bar = |l: &str| {
        [
            "欢迎访问",
            "网站首页",
            "无障碍",
            "设为首页",
            "加入收藏",
            "繁体版",
            "English",
        ]
        .iter()
        .any(|w| l.contains(w))
    };
    let mut start = 0;
    for line in text.split_inclusive('\n').take(6) {
        let l = line.trim();
        if l.is_empty() || is_breadcrumb(l) || site_bar(l) {
            start += line.len();
        } else {
            break;
        }
    }
    &text[start..]
}

/// A page's text as lines: normalised, without empty lines; Markdown's fences, rules, heading
/// and quote marks and bold marks left out.
fn page_lines(text: &str, flavour: Flavour) -> Vec<String> {
    let mut out = Vec::new();
    for l in text.lines() {
        let l = normalize_line(l);
        if flavour != Flavour::Markdown {
            out.push(l);
            continue;
        }
        // A fence or rule line (`---`, `+++`, `***`) is no text: never a title.
        if l.chars().count() >= 3 && l.chars().all(|c| matches!(c, '-' | '+' | '*' | '_' | '=')) {
            continue;
        }
        // A table row (`| 发文字号 | 绿政办发〔2018〕59号 |`): a line a cell, as a web page's table
        // gives them; the row under the header (`|---|:---:|`) is no text.
        if let Some(row) = table_row(&l) {
            out.extend(row.map(|cell| cell.replace("**", "").trim().to_owned()));
            continue;
        }
        // Bold marks are no text (`**发文字号**：…` is a label); underscores are kept
        // (`申请人：______` is a blank to fill in).
        out.push(markdown_inline(&markdown_marks(&l)));
    }
    out.retain(|l| !l.is_empty());
    out
}

/// A Markdown line without its heading or quote marks and bold marks.
fn markdown_marks(line: &str) -> String {
    line.trim_start_matches(['#', '>']).replace("**", "").trim().to_owned()
}

/// A Markdown text without its HTML comments, and the comments' text.
/// Markdown's inline HTML as converters write it (`<p align="center"><strong>…</strong></p>`,
/// `<div align="right">国务院<br/>2019年1月27日</div>`) read as text: the tags of HTML's
/// common elements removed, a line break or a block's end ending its line, entities decoded.
/// The heading of an attachment after a document's signature: `附件`, `附件1`, `附件一：`,
/// `附件2：某某报告` (short), as official documents print them.
fn is_attachment_heading(line: &str) -> bool {
    let Some(rest) = line.trim().strip_prefix("附件") else {
        return false;
    };
    let rest = rest.trim_start_matches(|c: char| c.is_ascii_digit() || "一二三四五六七八九十".contains(c));
    rest.is_empty() || rest.starts_with(['：', ':', ' ', '\u{3000}']) && rest.chars().count() <= 40
}

/// Anything else in angle brackets (`<附件1>`, `a < b`) stays. See (QA ingest pass,
/// fourteenth session): such a page's title was the tags, and its number, issuer and date were
/// not read.
fn without_inline_html(text: &str) -> String {
    const TAGS: [&str; 24] = [
        "p", "div", "br", "span", "strong", "b", "i", "em", "u", "font", "center", "h1", "h2", "h3", "h4", "h5", "h6",
        "table", "tbody", "tr", "td", "th", "a", "img",
    ];
    const BREAKS: [&str; 12] = [
        "br", "p", "div", "h1", "h2", "h3", "h4", "h5", "h6", "tr", "table", "center",
    ];
    if !text.contains('<') {
        return text.to_owned();
    }
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    let mut changed = false;
    while let Some(open) = rest.find('<') {
        out.push_str(&rest[..open]);
        let after = &rest[open + 1..];
        let close = after.find('>').filter(|&c| c <= 300 && !after[..c].contains('\n'));
        let name: String = after
            .trim_start_matches('/')
            .chars()
            .take_while(|c| c.is_ascii_alphanumeric())
            .collect::<String>()
            .to_ascii_lowercase();
        match close {
            Some(c) if TAGS.contains(&name.as_str()) => {
                let closing = after.starts_with('/');
                if name == "br" || closing && BREAKS.contains(&name.as_str()) {
                    out.push('\n');
                }
                changed = true;
                rest = &after[c + 1..];
            }
            _ => {
                out.push('<');
                rest = after;
            }
        }
    }
    out.push_str(rest);
    if changed {
        crate::html::decode_entities(&out)
    } else {
        out
    }
}

fn without_comments(text: &str) -> (String, String) {
    let (mut kept, mut comments) = (String::with_capacity(text.len()), String::new());
    let mut rest = text;
    while let Some(open) = rest.find("<!--") {
        let inside = &rest[open + 4..];
        // `<!--` never closed is text (a sentence about the mark, a code sample), not a
        // comment running to the end.
        let Some(close) = inside.find("-->") else {
            break;
        };
        kept.push_str(&rest[..open]);
        comments.push_str(&inside[..close]);
        comments.push('\n');
        rest = &inside[close + 3..];
    }
    kept.push_str(rest);
    (kept, comments)
}

/// A Markdown line's text as converters write it: escapes undone (`绿政发\[2018\]59号`), code
/// marks dropped (`` `国办发〔2018〕1号` ``), a link's text kept without its address, an image
/// and a converter's attributes (`![](media/image1.png){width="2in"}`) and `<br>` left out.
fn markdown_inline(line: &str) -> String {
    let mut out = String::with_capacity(line.len());
    let mut rest = line;
    while let Some(c) = rest.chars().next() {
        let after = &rest[c.len_utf8()..];
        match c {
            '\\' => match after.chars().next() {
                Some(n) if n.is_ascii_punctuation() => {
                    out.push(n);
                    rest = &after[1..];
                }
                _ => {
                    out.push(c);
                    rest = after;
                }
            },
            '`' => rest = after,
            '!' | '[' => {
                // `[text](address)` or `![alt](address)`, with `{attributes}` after it.
                let text_at = if c == '!' { after.strip_prefix('[') } else { Some(after) };
                let link = text_at.and_then(|t| {
                    let close = t.find("](")?;
                    let end = t[close + 2..].find(')')? + close + 2;
                    Some((&t[..close], &t[end + 1..]))
                });
                match link {
                    Some((text, mut tail)) => {
                        if c == '[' {
                            out.push_str(text);
                        }
                        if tail.starts_with('{') {
                            tail = tail.find('}').map_or(tail, |e| &tail[e + 1..]);
                        }
                        rest = tail;
                    }
                    None => {
                        out.push(c);
                        rest = after;
                    }
                }
            }
            '<' if ["<br>", "<br/>", "<br />"]
                .iter()
                .any(|b| rest.to_ascii_lowercase().starts_with(b)) =>
            {
                out.push(' ');
                rest = &rest[rest.find('>').map_or(rest.len(), |e| e + 1)..];
            }
            _ => {
                out.push(c);
                rest = after;
            }
        }
    }
    out.trim().to_owned()
}

/// The cells of a Markdown table row (`| a | b |`); none for the row under the header.
fn table_row(line: &str) -> Option<impl Iterator<Item = &str>> {
    let inner = line.strip_prefix('|')?;
    let inner = inner.strip_suffix('|').unwrap_or(inner);
    let rule = inner.chars().all(|c| matches!(c, '-' | ':' | '|' | ' '));
    Some(inner.split('|').filter(move |_| !rule))
}

/// Front matter at the very top of a markdown file: YAML (`---\nkey: value\n---\n`) or TOML
/// (`+++\nkey = "value"\n+++\n`), simple one-line values only. Returns the text after it.
/// A block that is never closed is the run of known `key: value` lines under its fence: they
/// are still read (a stated disclosure is never ignored), and the text goes on after them.
fn front_matter<'a>(text: &'a str, meta: &mut Vec<(Field, String)>) -> &'a str {
    let t = text.trim_start_matches('\u{feff}');
    let first = t.find('\n').map_or(t.len(), |e| e + 1);
    let fence = t[..first].trim();
    let toml = match fence {
        "---" => false,
        "+++" => true,
        _ if t.starts_with('{') => return json_front_matter(text, t, meta),
        _ => return text,
    };
    let rest = &t[first..];
    let mut found: Vec<(Field, String)> = Vec::new();
    // Where the text would start, and how many fields were read, if the block is not closed.
    let mut unclosed: Option<(usize, usize)> = None;
    let mut offset = 0;
    // A key left empty whose value is on the lines below it, as a YAML block list (`disclosure:`
    // then `  - not_public`) or an indented scalar: its items so far. See (QA): such a value
    // was not read, and the page was public.
    // A block scalar (`title: >-` then the title over indented lines) is one value, its lines
    // joined. See (QA ingest pass, fourteenth session): such a title was stored as `>-`.
    let mut block: Option<(Field, Vec<String>)> = None;
    let mut scalar = false;
    let flush = |block: &mut Option<(Field, Vec<String>)>, found: &mut Vec<(Field, String)>, scalar: bool| {
        if let Some((f, items)) = block.take().filter(|(_, items)| !items.is_empty()) {
            found.push((f, items.join(if scalar { "" } else { "、" })));
        }
    };
    for line in rest.split_inclusive('\n') {
        let start = offset;
        offset += line.len();
        let l = line.trim();
        if l == fence {
            flush(&mut block, &mut found, scalar);
            meta.extend(found);
            return &rest[offset..];
        }
        if !toml && block.is_some() && (line.starts_with([' ', '\t']) || l.starts_with("- ")) && !l.is_empty() {
            let item = front_matter_value(l.strip_prefix('-').unwrap_or(l));
            if let Some((_, items)) = block.as_mut().filter(|_| !item.is_empty()) {
                items.push(item);
            }
            continue;
        }
        flush(&mut block, &mut found, scalar);
        let pair = if toml {
            l.split_once('=')
        } else {
            l.split_once([':', '：'])
        };
        // A flag kept from the public (`private: true`, `hidden: 1`, `publish: false`). See (QA
        // leak pass, fourteenth session).
        if let Some((k, v)) = pair {
            let value = serde_json::Value::String(front_matter_value(v));
            if let Some(d) = crate::record::closed_flag(k.trim().trim_matches(['"', '\'']), &value) {
                found.push((Field::Disclosure, d));
            }
        }
        let field = pair.and_then(|(k, v)| Some((field_of(k.trim().trim_matches(['"', '\'']))?, v)));
        if field.is_none() && !l.is_empty() && unclosed.is_none() {
            unclosed = Some((start, found.len()));
        }
        if let Some((f, v)) = field {
            let v = front_matter_value(v);
            scalar = !toml && matches!(v.as_str(), ">" | ">-" | ">+" | "|" | "|-" | "|+");
            if scalar || v.is_empty() {
                block = Some((f, Vec::new()));
            } else if v != "-" {
                found.push((f, v));
            }
        }
    }
    flush(&mut block, &mut found, scalar);
    let (start, n) = unclosed.unwrap_or((rest.len(), found.len()));
    found.truncate(n);
    meta.extend(found);
    &rest[start..]
}

/// A JSON object opening the page (Hugo's JSON front matter): its fields as a header's, the
/// text after it as the page. Text that only starts with `{` is left as it is.
/// See (QA): `{"title": …, "disclosure": "not_public"}` above a page's text was its title,
/// and the page was public.
fn json_front_matter<'a>(text: &'a str, t: &'a str, meta: &mut Vec<(Field, String)>) -> &'a str {
    let mut stream = serde_json::Deserializer::from_str(t).into_iter::<serde_json::Map<String, serde_json::Value>>();
    let Some(Ok(object)) = stream.next() else {
        return text;
    };
    let rest = &t[stream.byte_offset()..];
    for (k, v) in object {
        let Some(f) = field_of(k.trim()) else { continue };
        let v = match v {
            serde_json::Value::String(s) => s,
            serde_json::Value::Array(items) => items
                .iter()
                .map(|i| i.as_str().map_or_else(|| i.to_string(), str::to_owned))
                .collect::<Vec<_>>()
                .join("、"),
            serde_json::Value::Null => continue,
            other => other.to_string(),
        };
        if !v.trim().is_empty() {
            meta.push((f, v.trim().to_owned()));
        }
    }
    rest
}

/// A front matter value: `"quoted"` or `'quoted'` (up to the closing quote), `[a, b]` (the
/// items joined by `、`, as issuers are), or bare up to a ` #` comment.
fn front_matter_value(v: &str) -> String {
    let v = v.trim();
    if let Some(q) = v.chars().next().filter(|c| *c == '"' || *c == '\'') {
        let inner = &v[1..];
        return inner[..inner.find(q).unwrap_or(inner.len())].trim().to_owned();
    }
    if let Some(list) = v.strip_prefix('[') {
        let list = list.split_once(']').map_or(list, |(l, _)| l);
        return list
            .split(',')
            .map(|x| x.trim().trim_matches(['"', '\'']).trim())
            .filter(|x| !x.is_empty())
            .collect::<Vec<_>>()
            .join("、");
    }
    v.split(" #").next().unwrap_or("").trim().to_owned()
}

/// Labelled header lines at the top (`发文字号：国发〔2019〕5号`, or `发文字号：` then the value
/// on the next line; in an HTML page also a label cell without its colon) go to `meta` and
/// leave the body. The header ends at the first line of [prose](is_prose), or after
/// [`HEADER_LINES`] lines.
fn header(lines: &mut Vec<String>, meta: &mut Vec<(Field, String)>, bare_labels: bool) {
    let mut i = 0;
    while i < lines.len().min(HEADER_LINES) {
        let (fields, dangling) = labelled(&lines[i], bare_labels);
        if fields.is_empty() && dangling.is_none() {
            // The text starts at its first sentence, or at its salutation (`各区县人民政府：`):
            // a label below it (`名称：`, `状态：` in a list) is the text's.
            if is_prose(&lines[i]) || is_salutation(&lines[i]) {
                break;
            }
            i += 1;
            continue;
        }
        // A table laid out in columns: a row of labels alone, then a row of their values.
        if fields.is_empty() {
            if let Some(pairs) = column_row(&lines[i..], bare_labels) {
                let n = pairs.len();
                meta.extend(pairs);
                lines.drain(i..i + 2 * n);
                continue;
            }
            // A row whose values do not fit its labels (an empty cell, a 发文字号 left blank,
            // shifted them): a restrictive value in the row under a disclosure label still
            // restricts the page. See (QA leak pass, sixteenth session).
            meta.extend(shifted_disclosure(&lines[i..], bare_labels).map(|v| (Field::Disclosure, v)));
        }
        lines.remove(i);
        meta.extend(fields);
        if let Some(field) = dangling {
            // A Markdown table flattened a cell a line puts the next row's first cell (an
            // index number) after the last label: the disclosure's value is the cell after
            // it (its error named the index number: see QA over-restriction pass,
            // seventeenth session).
            if field == Field::Disclosure
                && lines.get(i).is_some_and(|n| is_index_number(n.trim()))
                && lines.get(i + 1).is_some_and(|n| {
                    let (f, d) = labelled(n, bare_labels);
                    f.is_empty() && d.is_none()
                })
            {
                let v = lines.remove(i + 1);
                meta.push((field, v));
                continue;
            }
            // The value on the next line, when that line can be one (`文号：` left empty
            // above the title does not take the title).
            let next_is_value = lines.get(i).is_some_and(|n| {
                let (f, d) = labelled(n, bare_labels);
                f.is_empty() && d.is_none() && can_follow(field, n)
            });
            if next_is_value {
                let v = lines.remove(i);
                meta.push((field, v));
            }
        }
    }
}

/// Whether the line after a label left empty can be its value: what [`fits`] the field, or
/// a placeholder (`无`, `--`); any value of a disclosure, which a value not understood must
/// reach to refuse the page.
fn can_follow(field: Field, value: &str) -> bool {
    matches!(field, Field::Disclosure | Field::Classification | Field::Visibility)
        || crate::record::is_placeholder(value)
        || fits(field, crate::record::unbracketed(value))
}

/// A row of two or more labels alone (`标题` `发文字号` `成文日期`, as table cells become
/// lines) followed by as many lines that are no labels: each label with the value below it.
fn column_row(lines: &[String], bare_labels: bool) -> Option<Vec<(Field, String)>> {
    let labels: Vec<Field> = lines
        .iter()
        .map(|l| match labelled(l, bare_labels) {
            (f, Some(field)) if f.is_empty() => Some(field),
            _ => None,
        })
        .take_while(Option::is_some)
        .flatten()
        .collect();
    let values = lines.get(labels.len()..2 * labels.len())?;
    let no_label = |l: &String| {
        let (f, d) = labelled(l, bare_labels);
        f.is_empty() && d.is_none()
    };
    let fits = labels.iter().zip(values).all(|(f, v)| no_label(v) && fits(*f, v));
    (labels.len() >= 2 && fits).then(|| labels.into_iter().zip(values.iter().cloned()).collect())
}

/// A restrictive value standing alone in the row under a row of labels that names the
/// disclosure, whatever cell it stands in (see [`column_row`]).
fn shifted_disclosure(lines: &[String], bare_labels: bool) -> Option<String> {
    let labels: Vec<Field> = lines
        .iter()
        .map_while(|l| match labelled(l, bare_labels) {
            (f, Some(field)) if f.is_empty() => Some(field),
            _ => None,
        })
        .collect();
    if labels.len() < 2 || !labels.contains(&Field::Disclosure) {
        return None;
    }
    lines
        .iter()
        .skip(labels.len())
        .take(labels.len())
        .find(|v| restrictive_cell(v))
        .cloned()
}

/// Whether `value` can be the value of `field` in a [column row](column_row): a date where a
/// date goes, a document number, a disclosure the reader knows; a title or an issuer that is
/// neither a date nor a number. A row that does not fit is read as label-value pairs (an
/// empty cell leaves two labels side by side).
fn fits(field: Field, value: &str) -> bool {
    let date = dates::parse_value(value).is_some() || dates::parse_partial(value).is_some();
    match field {
        Field::Written | Field::Published => date,
        Field::Number => DocNumber::parse(value).is_ok(),
        Field::Disclosure => crate::record::disclosure_of(value).is_some(),
        Field::Title | Field::Issuer => !date && !whole_number(value),
        _ => true,
    }
}

/// A disclosure label anywhere below the header (a metadata table at the foot of a page,
/// `公开方式：不予公开` after the text) that restricts the page is honoured too: a page is never
/// made more public than any line of it says. Only recognised restrictive values count there
/// (a body line such as `公开方式：线上线下结合` is text, not a label), and the line stays in
/// the body.
fn restrictions_below_the_header<S: AsRef<str>>(lines: &[S], meta: &mut Vec<(Field, String)>) {
    // At most six characters (of at most three bytes each).
    let short = |l: &str| l.len() <= 18 && l.chars().count() <= 6;
    for (i, line) in lines.iter().enumerate() {
        let line = line.as_ref();
        // Only a line with a colon, a bracketed label or one short enough to be a label
        // alone can hold one (most lines of a text are none of these, and are passed by).
        let may_label =
            line.contains([':', '：']) || line.starts_with(['【', '[', '〔']) || line.len() <= 4 * MAX_LABEL_CHARS;
        if may_label {
            let (fields, dangling) = labelled(line, true);
            for (f, v) in fields {
                if f == Field::Disclosure && restrictive(&v) {
                    meta.push((f, v));
                } else if f == Field::Disclosure {
                    // A value broken over two lines (`公开方式：不予` / `公开`). See (QA leak pass,
                    // fourteenth session).
                    let next = lines.get(i + 1).map(|n| n.as_ref().trim()).unwrap_or_default();
                    let joined = format!("{v}{next}");
                    if !next.is_empty() && next.chars().count() <= 6 && restrictive(&joined) {
                        meta.push((f, joined));
                    }
                }
            }
            // The label in one table cell, its value in the next; or the labels of a table
            // laid out in columns, the values in the row under them, where an empty cell (a
            // 发文字号 left blank) shifts them: a restrictive value standing alone in one of the
            // cells that follow. See (QA leak pass, sixteenth session).
            if dangling == Some(Field::Disclosure) {
                if let Some(v) = lines
                    .iter()
                    .skip(i + 1)
                    .take(16)
                    .map(AsRef::as_ref)
                    .find(|v| restrictive_cell(v))
                {
                    meta.push((Field::Disclosure, v.to_owned()));
                }
            }
        }
        // A label broken over two lines in its cell (`<td>公开<br>方式</td>`), its value next.
        if let (Some(rest), Some(v)) = (lines.get(i + 1), lines.get(i + 2)) {
            let (rest, v) = (rest.as_ref(), v.as_ref());
            if short(line)
                && short(rest)
                && label_field(&format!("{line}{rest}")) == Some(Field::Disclosure)
                && restrictive(v)
            {
                meta.push((Field::Disclosure, v.to_owned()));
            }
        }
    }
}

/// The disclosure values a page's `<meta>` pairs state (`<meta name="gkfs" content="依申请">`):
/// under a disclosure or classification label, or a restrictive one under any label about
/// publishing.
pub(crate) fn meta_restrictions(pairs: &[(String, String)]) -> Vec<String> {
    pairs
        .iter()
        .filter_map(|(k, v)| match field_of(k) {
            Some(Field::Disclosure) => Some(v.clone()),
            Some(Field::Classification) => classification_as_disclosure(v),
            Some(_) => None,
            None => (names_publication(k) && restrictive_under(k, v)).then(|| v.clone()),
        })
        .collect()
}

/// Whether a label no list holds is about publishing (`信息公开类别`, `公开性质`, `发布方式`):
/// short, and holding 公开, 发布 or 公布.
fn names_publication(label: &str) -> bool {
    let label = gongwen_schema::hanzi::simplify(
        label
            .trim()
            .trim_matches(['【', '】', '[', ']', '〔', '〕', '*', '《', '》']),
    );
    (2..=10).contains(&label.chars().count())
        && (["公开", "发布", "公布"].iter().any(|w| label.contains(w))
            // An archive's openness (`开放状态`), the web (`是否上网`), who it goes to (`印发
            // 范围`, `阅知范围`, `是否对外`). See (QA leak pass, seventeenth session).
            || PUBLICATION_LABELS.iter().any(|w| label.contains(w)))
}

/// Labels about publication no disclosure list holds (see [`names_publication`]).
const PUBLICATION_LABELS: [&str; 12] = [
    "开放状态",
    "开放属性",
    "是否开放",
    "开放鉴定",
    "上网",
    "是否对外",
    "公示",
    "印发范围",
    "发送范围",
    "阅知范围",
    "分发范围",
    "传达范围",
];

/// A table cell that holds a restrictive value alone (`不予公开`), whatever column it stands in.
fn restrictive_cell(v: &str) -> bool {
    // A Markdown definition's value (`: 不予公开`).
    let v = v.trim_start_matches([':', '：', ' ']);
    v.chars().count() <= 8 && restrictive(v)
}

/// A value that restricts a document: not to be published, or only on request. `部分公开`
/// (published in part) is no value [`crate::record::disclosure`] knows: stated, it refuses
/// the page, as it refuses a record (see QA leak pass, seventeenth session).
fn restrictive(value: &str) -> bool {
    !is_index_number(value.trim())
        && crate::record::disclosure_of(value).is_some_and(|d| d != gongwen_schema::Disclosure::Public)
        || value.trim().trim_end_matches(['。', '；', ';']) == "部分公开"
}

/// [`restrictive`] under `label`: a yes or no (`否`, `无`, `0`) only under the page's own
/// publication (`是否公开：否`, `是否外网发布：否`), not under a label about something else that
/// names publication (`是否公开征求意见：否`, `是否发布政策解读：否`, `公示期：无`). See (QA
/// over-restriction pass, seventeenth session).
fn restrictive_under(label: &str, value: &str) -> bool {
    let v = value.trim();
    let yes_no_label = crate::record::is_disclosure_label(label) || crate::record::is_visibility_label(label);
    if !yes_no_label
        && matches!(
            v,
            "否" | "是" | "无" | "有" | "0" | "1" | "no" | "yes" | "false" | "true" | "N" | "Y" | "n" | "y"
        )
    {
        return crate::record::field_restriction(label, &Value::String(v.to_owned())).is_some();
    }
    restrictive(value)
}

/// A restrictive value under a label no list holds but that is about publishing
/// (`信息公开类别：不予公开`, `公开性质：依申请公开`, `【发布方式】不予公开`, or the label in one
/// table cell and the value in the next), anywhere in a text: a page is never made more public
/// than it says. Only restrictive values count: such a label with another value
/// (`发布时间：2019-01-24`) is no disclosure. See (QA ingest pass, fourteenth session): a page
/// saying `信息公开类别：不予公开` was served to the public, where a record saying so was not.
fn restrictions_under_any_label<S: AsRef<str>>(lines: &[S], meta: &mut Vec<(Field, String)>) {
    for (i, line) in lines.iter().enumerate() {
        let line = line.as_ref().trim();
        if !["公开", "公開", "发布", "發佈", "發布", "公布", "公佈"]
            .iter()
            .chain(PUBLICATION_LABELS.iter())
            .any(|w| line.contains(w))
        {
            continue;
        }
        // Each `label：value` of the line (a table row printed on one line holds several).
        for cell in line.split([' ', '\t', '\u{3000}', '|', '｜']).filter(|c| !c.is_empty()) {
            let pair = cell
                .split_once([':', '：'])
                .or_else(|| cell.strip_prefix('【').and_then(|r| r.split_once('】')))
                .or_else(|| cell.strip_prefix('[').and_then(|r| r.split_once(']')));
            if let Some((label, value)) = pair {
                if names_publication(label) && restrictive_under(label, value) {
                    meta.push((Field::Disclosure, value.trim().to_owned()));
                }
                // The label with its colon in one cell, the value in the next (`<td>开放状态：
                // </td><td>控制使用</td>`). See (QA leak pass, seventeenth session).
                if value.trim().is_empty() && names_publication(label) {
                    if let Some(v) = lines
                        .get(i + 1)
                        .map(|v| v.as_ref().trim())
                        .filter(|v| restrictive_cell(v))
                    {
                        meta.push((Field::Disclosure, v.to_owned()));
                    }
                }
            }
        }
        // The note under a signature, wherever the page put it (a site's footer, which the
        // body leaves out). See (QA leak pass, fourteenth session).
        let note = line.trim_start_matches(['（', '(']);
        // Closed where the line ends: a note a sentence goes on after (`（此件不予公开）字样…`)
        // is mentioned. See (QA leak pass, seventeenth session).
        let ends_closed = line.trim_end_matches(['。', '.']).ends_with(['）', ')']) || !line.starts_with(['（', '(']);
        if (note.starts_with("此件") || note.starts_with("本件"))
            && ends_closed
            && line.chars().count() <= 30
            && restrictive(line)
        {
            meta.push((Field::Disclosure, line.to_owned()));
        }
        // The label alone in its cell, the value in the next; not an index number, the next
        // row's first cell of a Markdown table flattened a cell a line (its error named that
        // cell: see QA over-restriction pass, seventeenth session).
        if !line.contains([':', '：']) && names_publication(line) {
            if let Some(v) = lines
                .get(i + 1)
                .map(|v| v.as_ref().trim())
                .filter(|v| !is_index_number(v) && restrictive(v))
            {
                meta.push((Field::Disclosure, v.to_owned()));
            }
        }
    }
}

/// An index number as a cell holds it (`000014349/2019-00001`): digits with `/` or `-`.
fn is_index_number(v: &str) -> bool {
    v.chars().count() >= 8
        && v.contains(['/', '-'])
        && v.chars()
            .all(|c| c.is_ascii_alphanumeric() || matches!(c, '/' | '-' | '_' | '.'))
        && v.chars().filter(char::is_ascii_digit).count() >= 6
}

/// The restrictions a text states in labelled lines anywhere (`公开方式：依申请公开` at its
/// foot, a metadata table turned into lines): what [`restrictions_below_the_header`] finds,
/// as the disclosure values to weigh. A record's body and its free-text fields are read so,
/// as a page's text is.
pub(crate) fn stated_restrictions(text: &str) -> Vec<String> {
    // Every disclosure label a text prints holds one of these (`公开方式`, `信息公开属性`,
    // `发布范围`, `disclosure`): only the lines that do, with the two after them (a value in
    // the next cell, a label broken over two lines), are read (most texts hold none).
    // And the labels of an archive's openness, the web and distribution (see QA leak pass,
    // seventeenth session).
    const WORDS: [&str; 14] = [
        "公开",
        "公開",
        "发布范围",
        "發佈範圍",
        "isclosure",
        "发布方式",
        "开放状态",
        "开放属性",
        "上网",
        "是否对外",
        "印发范围",
        "发送范围",
        "阅知范围",
        "公示",
    ];
    if !WORDS.iter().any(|w| text.contains(w)) {
        return Vec::new();
    }
    let mut meta = Vec::new();
    // A Markdown table whose heading names the disclosure (`| 索引号 | 公开方式 |`): the cells
    // under it. See (QA leak pass, fourteenth session): such a record body was public, the
    // same table in a page restricted it.
    let mut column: Option<usize> = None;
    for line in text.lines().map(str::trim) {
        let Some(cells) = table_row(line) else {
            column = None;
            continue;
        };
        let cells: Vec<&str> = cells.map(str::trim).collect();
        if cells.is_empty() {
            continue;
        }
        match column {
            None => {
                column = cells
                    .iter()
                    .position(|c| field_of(c) == Some(Field::Disclosure) || names_publication(c));
            }
            Some(k) => {
                if let Some(v) = cells.get(k).filter(|v| restrictive(v)) {
                    meta.push((Field::Disclosure, (*v).to_owned()));
                }
            }
        }
    }
    let lines: Vec<&str> = text
        .split(['\n', '；', ';'])
        .map(str::trim)
        .filter(|l| !l.is_empty())
        .collect();
    // A table in columns as PDF text gives it (`索引号  发文机关  公开方式` over `000014349/…
    // 国务院办公厅  不予公开`, tabs or spaces between the cells): a restrictive value in the row
    // under a row of labels naming the disclosure. See (QA leak pass, sixteenth session).
    for pair in lines.windows(2) {
        // Not a Markdown table's rows, read above by their columns (its index-number cell was
        // named as the unknown value; see QA over-restriction pass, seventeenth session).
        if table_row(pair[0]).is_some() {
            continue;
        }
        let cells: Vec<&str> = pair[0].split_whitespace().collect();
        if cells.len() >= 2 && cells.iter().any(|c| field_of(c) == Some(Field::Disclosure)) {
            if let Some(v) = pair[1].split_whitespace().find(|v| restrictive_cell(v)) {
                meta.push((Field::Disclosure, v.to_owned()));
            }
        }
    }
    let mut i = 0;
    while i < lines.len() {
        if !WORDS.iter().any(|w| lines[i].contains(w)) {
            i += 1;
            continue;
        }
        // A run of such lines, and the two after the last of them.
        let (mut last, mut end) = (i, i + 1);
        while end < lines.len() && end < last + 3 {
            if WORDS.iter().any(|w| lines[end].contains(w)) {
                last = end;
            }
            end += 1;
        }
        // Those lines only, read as simplified characters with their labels' separators made
        // colons (folding a whole body for them cost 2% of indexing).
        let run: Vec<String> = lines[i..end]
            .iter()
            .map(|l| label_separators(&gongwen_schema::hanzi::simplify(l)))
            .collect();
        restrictions_below_the_header(&run, &mut meta);
        restrictions_under_any_label(&run, &mut meta);
        i = end;
    }
    meta.into_iter().map(|(_, v)| v).collect()
}

/// A disclosure label followed by a space, a tab or a dash instead of its colon
/// (`公开方式 不予公开`, `公开方式－不予公开`), or quoted as in JSON (`"disclosure": "不予公开"`),
/// given a colon: the lines [`stated_restrictions`] weighs are read as labelled.
/// See (QA): such a line left its page public.
fn label_separators(text: &str) -> String {
    const LABELS: [&str; 18] = [
        "公开方式",
        "公开形式",
        "公开属性",
        "公开类型",
        "公开范围",
        "公开类别",
        "公开选项",
        "发布范围",
        "是否公开",
        "disclosure",
        "开放状态",
        "是否上网",
        "上网",
        "是否对外",
        "印发范围",
        "发送范围",
        "阅知范围",
        "密级",
    ];
    // A label and its value quoted whole in a sentence (`标注为“公开属性：不予公开”`) are
    // mentioned, not stated: a notice on how to mark documents is public. See (QA leak pass,
    // fifteenth session): such notices, and a 政策解读 quoting the mark, were hidden.
    let text = without_quoted_labels(text, &LABELS);
    let text = text.replace(['"', '“', '”'], " ");
    let mut out = String::with_capacity(text.len());
    let mut rest = text.as_str();
    while let Some((at, label)) = LABELS
        .iter()
        .filter_map(|l| rest.find(l).map(|at| (at, *l)))
        .min_by_key(|(at, l)| (*at, usize::MAX - l.len()))
    {
        let end = at + label.len();
        out.push_str(&rest[..end]);
        rest = &rest[end..];
        // Other separators (`公开方式∶不予公开`, `=`, `→`, `／`, `|`, `》`, Markdown's `**`). See
        // (QA leak pass, seventeenth session).
        let gap = rest.len()
            - rest
                .trim_start_matches([
                    ' ', '\t', '\u{3000}', '-', '－', '—', '–', '∶', '﹕', '︰', '꞉', '=', '＝', '→', '>', '/', '／',
                    '|', '｜', '》', '*',
                ])
                .len();
        let after = rest[gap..].chars().next();
        // Or the value right after it, as a page's `<b>公开属性</b>依申请公开` reads (see QA
        // leak pass, fifteenth session), or `<b>是否公开</b>否`.
        let value_next = ["不予公开", "依申请公开", "主动公开", "免予公开", "不公开"]
            .iter()
            .any(|v| rest.starts_with(v))
            || label.starts_with("是否")
                && rest
                    .strip_prefix('否')
                    .is_some_and(|r| !r.starts_with(gongwen_schema::hanzi::is_ideograph));
        if gap > 0 && after.is_some_and(|c| !matches!(c, ':' | '：' | '\n')) {
            out.push('：');
            rest = &rest[gap..];
        } else if value_next {
            out.push('：');
        }
    }
    out.push_str(rest);
    out
}

/// `text` without the `“…”` and `「…」` spans that hold a label (a mention of it, as in
/// `分别标注为“公开属性：主动公开”“公开属性：不予公开”`); a quoted value alone
/// (`公开属性：“不予公开”`) is kept.
fn without_quoted_labels(text: &str, labels: &[&str]) -> String {
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(open) = rest.find(['“', '「']) {
        let close_mark = if rest[open..].starts_with('“') { '”' } else { '」' };
        let inner_at = open + rest[open..].chars().next().map_or(0, char::len_utf8);
        let Some(len) = rest[inner_at..].find(close_mark) else {
            break;
        };
        let inner = &rest[inner_at..inner_at + len];
        let end = inner_at + len + close_mark.len_utf8();
        out.push_str(&rest[..open]);
        if !labels.iter().any(|l| inner.contains(l)) {
            out.push_str(&rest[open..end]);
        }
        rest = &rest[end..];
    }
    out.push_str(rest);
    out
}

/// The restrictions stated in the text a web page hides (a hidden metadata table): every
/// disclosure or classification label's value, and a line that is a restrictive value itself.
fn hidden_restrictions(lines: &[String], meta: &mut Vec<(Field, String)>) {
    restrictions_below_the_header(lines, meta);
    restrictions_under_any_label(lines, meta);
    for (i, line) in lines.iter().enumerate() {
        let (fields, dangling) = labelled(line, true);
        for (f, v) in fields {
            if f == Field::Classification {
                meta.push((f, v));
            }
        }
        if dangling == Some(Field::Classification) {
            if let Some(v) = lines.get(i + 1) {
                meta.push((Field::Classification, v.clone()));
            }
        }
        if let Some(v) = crate::record::restrictive_value(line) {
            meta.push((Field::Disclosure, v));
        }
        // A hidden form field saying no (`sfgk：0`, from `<input type="hidden" name="sfgk"
        // value="0">`), or flagging the page under another key. See (QA leak pass, seventeenth
        // session).
        if let Some((k, v)) = line.split_once('：') {
            let value = serde_json::Value::String(v.trim().to_owned());
            let yes_no = crate::record::is_disclosure_label(k)
                && ["是否", "sf", "is"]
                    .iter()
                    .any(|p| k.trim().to_ascii_lowercase().starts_with(p));
            if yes_no && matches!(v.trim(), "0" | "false") {
                meta.push((Field::Disclosure, "不予公开".to_owned()));
            }
            meta.extend(crate::record::field_restriction(k, &value).map(|d| (Field::Disclosure, d)));
        }
        // A note among other hidden words (`内部备注 此件不予公开`).
        for mark in ["此件", "本件"] {
            for (at, _) in line.match_indices(mark) {
                let note: String = line[at..]
                    .chars()
                    .take_while(|c| !c.is_whitespace() && !"，。；、）)".contains(*c))
                    .collect();
                if crate::record::disclosure_of(&note).is_some_and(|d| d != gongwen_schema::Disclosure::Public) {
                    meta.push((Field::Disclosure, note));
                }
            }
        }
    }
}

/// The known fields a header line holds, with their values, and the field of a last label
/// whose value is on the next line. A label starts the line, or follows a space or a
/// bracket, and ends at a colon: a table row printed on one line gives each of its fields
/// (`发布时间：2019-01-24 10:00 公开方式：主动公开`). With `bare_labels`, a line that is
/// nothing but a known label (an HTML `<th>标题</th>` cell) is a label too.
fn labelled(line: &str, bare_labels: bool) -> (Vec<(Field, String)>, Option<Field>) {
    // A label in brackets before its value (`【公开方式】不予公开`, `[文号]绿政发〔2018〕1号`).
    for (open, close) in [('【', '】'), ('[', ']'), ('〔', '〕')] {
        if let Some((label, value)) = line.strip_prefix(open).and_then(|r| r.split_once(close)) {
            if let Some(f) = label_field(label).filter(|_| !value.trim().is_empty()) {
                return (vec![(f, unwrap_value(value))], None);
            }
        }
    }
    if bare_labels {
        if let Some(f) = label_field(line) {
            return (Vec::new(), Some(f));
        }
    }
    if !line.contains([':', '：']) {
        return (Vec::new(), None);
    }
    let starts: Vec<usize> = std::iter::once(0)
        .chain(
            line.char_indices()
                .filter_map(|(j, c)| (c.is_whitespace() || "|｜丨【[（(".contains(c)).then_some(j + c.len_utf8())),
        )
        .collect();
    // (label start, value start, field) of each label found.
    let mut labels: Vec<(usize, usize, Field)> = Vec::new();
    let mut from = 0;
    // Where the text after the line's last colon starts: a label glued to the value before
    // it starts there or later.
    let mut after_colon = None;
    for (c, colon) in line.char_indices().filter(|(_, c)| matches!(c, ':' | '：')) {
        // Only the starts a label's length before the colon (spaces around it allowed).
        let near = from.max(c.saturating_sub(4 * MAX_LABEL_CHARS + 64));
        let (lo, hi) = (
            starts.partition_point(|&st| st < near),
            starts.partition_point(|&st| st < c),
        );
        let found = starts[lo..hi]
            .iter()
            .find_map(|&st| label_field(&line[st..c]).map(|f| (st, f)))
            .or_else(|| {
                after_colon.and_then(|a: usize| glued_label(&line[a.max(from)..c]).map(|(st, f)| (a.max(from) + st, f)))
            });
        if let Some((st, f)) = found {
            labels.push((st, c + colon.len_utf8(), f));
            from = c + colon.len_utf8();
        }
        after_colon = Some(c + colon.len_utf8());
    }
    let mut fields = Vec::new();
    let mut dangling = None;
    for (n, &(_, value_start, f)) in labels.iter().enumerate() {
        let next_label = labels.get(n + 1).map_or(line.len(), |next| next.0);
        // A site's info-bar word after a space ends the value too (`发文字号：X 浏览次数：23`,
        // `发文机关：某局 来源：县政府办`). See (QA): the number was lost, the issuer kept it all.
        let value = &line[value_start..next_label];
        let cut = [info_bar_label(value), spaced_label(value)].into_iter().flatten().min();
        let value_end = cut.map_or(next_label, |at| value_start + at);
        let value = unwrap_value(&line[value_start..value_end]);
        if !value.is_empty() {
            fields.push((f, value));
        } else if n + 1 == labels.len() {
            dangling = Some(f);
        }
    }
    (fields, dangling)
}

/// Where, in a value cut out of a header line, a word of a site's info bar starts after a
/// space with its colon (`浏览次数：`, `来源：`, `作者：`): not a field the reader keeps, but the
/// end of the value before it.
fn info_bar_label(value: &str) -> Option<usize> {
    const WORDS: [&str; 16] = [
        "来源",
        "信息来源",
        "文章来源",
        "浏览次数",
        "浏览量",
        "阅读次数",
        "访问量",
        "点击数",
        "点击量",
        "作者",
        "编辑",
        "责任编辑",
        "字号",
        "字体",
        "分享到",
        "打印",
    ];
    value
        .char_indices()
        .filter(|(_, c)| c.is_whitespace())
        .find_map(|(i, c)| {
            let rest = value[i + c.len_utf8()..].trim_start();
            WORDS
                .iter()
                .any(|w| {
                    rest.strip_prefix(w)
                        .is_some_and(|r| r.trim_start().starts_with([':', '：']))
                })
                .then_some(i)
        })
}

/// Where, in a value cut out of a header line, a wide gap (two spaces or more, or an
/// ideographic one) is followed by another label and its colon, whatever the label
/// (`国务院　　签发日期：2019年1月27日`): an info table's two cells on one line, the second of
/// which ends the first's value. See (QA ingest pass, seventeenth session): the issuer read
/// `国务院 签发日期：2019年1月27日`, a new value in the issuer facet.
fn spaced_label(value: &str) -> Option<usize> {
    let mut chars = value.char_indices().peekable();
    while let Some((i, c)) = chars.next() {
        if !c.is_whitespace() {
            continue;
        }
        let wide = c == '\u{3000}' || chars.peek().is_some_and(|(_, n)| n.is_whitespace());
        if !wide || value[..i].trim().is_empty() {
            continue;
        }
        let rest = value[i..].trim_start();
        let colon = rest.find([':', '：'])?;
        let label = &rest[..colon];
        let letters = label.chars().filter(|c| !c.is_whitespace()).count();
        if (2..=10).contains(&letters) && label.chars().all(|c| is_ideograph(c) || c.is_whitespace()) {
            return Some(i);
        }
        while chars.peek().is_some_and(|(_, n)| n.is_whitespace()) {
            chars.next();
        }
    }
    None
}

/// A label glued to the end of the value before it, as a metadata table flattened into one
/// line prints it (`文号:某建发〔2023〕1号公开方式:不予公开`,
/// `发文机关:某某市住房和城乡建设局成文日期:2023-01-05`): the longest known label of Chinese
/// characters that ends `text`, with its offset in `text`. Only labels of three characters or
/// more, and `文号`, count glued: a short generic word (`名称`, `状态`) at the end of a value is
/// more often the value's own.
fn glued_label(text: &str) -> Option<(usize, Field)> {
    // Where each suffix of Chinese characters (at most MAX_LABEL_CHARS of them) starts, the
    // longest first.
    let mut starts: Vec<usize> = text
        .char_indices()
        .rev()
        .take_while(|(_, c)| is_ideograph(*c))
        .take(MAX_LABEL_CHARS)
        .map(|(i, _)| i)
        .collect();
    starts.reverse();
    starts.into_iter().find_map(|st| {
        let label = &text[st..];
        (label.chars().count() >= 3 || label == "文号")
            .then(|| label_field(label).map(|f| (st, f)))
            .flatten()
    })
}

/// A value cut out of a header line, without the separators and the unpaired brackets around
/// it (`2018-12-20】【` of `【发布时间：2018-12-20】【公开方式：…】`); paired ones stay
/// (`关于…的办法（试行）`).
fn unwrap_value(v: &str) -> String {
    const PAIRS: [(char, char); 4] = [('【', '】'), ('[', ']'), ('（', '）'), ('(', ')')];
    let mut v = v;
    loop {
        let before = v.len();
        v = v.trim_matches(|c: char| c.is_whitespace() || matches!(c, '|' | '｜' | '丨'));
        for (open, close) in PAIRS {
            // An opening bracket never ends a value, nor a closing one starts it.
            v = v.trim_end_matches(open).trim_start_matches(close);
            if !v.contains(close) {
                v = v.trim_start_matches(open);
            }
            if !v.contains(open) {
                v = v.trim_end_matches(close);
            }
        }
        if v.len() == before {
            return v.to_owned();
        }
    }
}

/// A header's date as the record reader takes it: the value itself when it is a date, else
/// the date it starts with when other words of a site's info bar are glued to it
/// (`2022-06-15来源:住房公积金管理中心` → `2022-06-15`); anything else as it is, for the
/// reader to report.
fn leading_date(v: &str) -> String {
    if dates::parse_value(v).is_some() || dates::parse_partial(v).is_some() {
        return v.to_owned();
    }
    dates::leading(v).map_or_else(|| v.to_owned(), |d| d.to_string())
}

/// The number printed in brackets at the end of a title: `…的通知（某政发〔2018〕41号）`.
pub(crate) fn title_number(title: &str) -> Option<String> {
    let t = title.trim().strip_suffix(['）', ')'])?;
    let open = t.rfind(['（', '('])?;
    let inner = &t[open..];
    let inner = inner.trim_start_matches(['（', '(']);
    (open > 0).then(|| number_of_line(inner).map(str::to_owned)).flatten()
}

/// A title made of a file's name, when the name is one: at least four Chinese characters
/// (`关于开展甲项工作的通知.txt`; not `China-Real-E-97c04d9dc8253bf2.txt` nor `page1.html`).
fn title_from_name(path: &Path) -> Option<String> {
    let stem = crate::discover::name_text(path.file_stem()?);
    let stem = stem.as_ref();
    let chinese = stem.chars().filter(|c| is_ideograph(*c)).count();
    // The names a system gives a new file (`新建文本文档 (2).txt`) say nothing.
    let given = ["新建", "未命名", "无标题", "副本"].iter().any(|w| stem.contains(w));
    (chinese >= 4 && !given).then(|| page_title(stem))
}

/// The start of a sentence as a title: up to its first full stop, or its first 30 characters
/// and `…`.
fn first_words(line: &str) -> String {
    let sentence = line.split(['。', '！', '？']).next().unwrap_or(line);
    if sentence.chars().count() <= 30 {
        return sentence.to_owned();
    }
    let mut cut: String = sentence.chars().take(30).collect();
    cut.push('…');
    cut
}

/// A title printed with a space between its characters (`关 于 开 展 … 的 通 知`, `…的通  知`)
/// without them: a space beside a single Chinese character goes, one between words
/// (`国务院 中央军委关于…`) stays.
fn unspaced(title: &str) -> String {
    let mut out = String::with_capacity(title.len());
    let mut last: Option<&str> = None;
    for w in title.split_whitespace() {
        if let Some(prev) = last {
            let single = prev.chars().count() == 1 || w.chars().count() == 1;
            let glued =
                single && prev.chars().last().is_some_and(is_ideograph) && w.chars().next().is_some_and(is_ideograph);
            if !glued {
                out.push(' ');
            }
        }
        out.push_str(w);
        last = Some(w);
    }
    out
}

/// A number printed over two lines, as orders and announcements print it: the series on one
/// (`广东省人民政府令`, `中国人民银行公告`), the serial on the next (`第２５９号`, `〔2018〕第10号`).
fn split_number(series: &str, serial: &str) -> Option<String> {
    let series = series.trim();
    let serial = serial.trim();
    let ends = ["令", "公告", "通告"].iter().any(|e| series.ends_with(e));
    let numbered = serial.ends_with(['号', '號']) && serial.chars().count() <= 16 && !serial.contains(['，', '。']);
    if !(ends && numbered && series.chars().count() <= 30) {
        return None;
    }
    let joined = format!("{series}{serial}");
    whole_number(&joined).then_some(joined)
}

/// A salutation line (`各乡镇人民政府，县直各部门：`): the text starts after it.
fn is_salutation(line: &str) -> bool {
    line.ends_with(['：', ':'])
        && line.chars().count() <= 60
        && (line.starts_with('各') || line.contains('，') || line.contains('、'))
}

/// A sentence of the body: it ends the header. A line of at least 16 characters that holds
/// a full stop, exclamation or question mark; a short banner (`欢迎访问！`) above a page's
/// metadata table is not one.
fn is_prose(line: &str) -> bool {
    line.chars().count() >= 16 && line.contains(['。', '！', '？'])
}

/// `国务院关于…的通知_政府信息公开专栏` → the part before the site name.
fn page_title(t: &str) -> String {
    let t = t.trim();
    // The site's name after the last separator, written with or without spaces
    // (`…的通知-深圳市人民政府门户网站`, `…_首都之窗_北京市人民政府门户网站`).
    for sep in ["_", "｜", "|", "-", "－", "—"] {
        if let Some((head, tail)) = t.rsplit_once(sep) {
            if is_site_name(tail) && head.trim().chars().count() >= 4 {
                return page_title(head.trim_end_matches(['-', '—', ' ']));
            }
        }
    }
    for sep in ["_", " - ", "｜", "|", " — "] {
        if let Some((head, _)) = t.split_once(sep) {
            if head.trim().chars().count() >= 4 {
                return head.trim().to_owned();
            }
        }
    }
    t.to_owned()
}

/// A web page's title: its `<title>` less the site's name, unless that is a placeholder
/// (`无标题文档`, `Untitled Document`), a column's name or the site's, or cut short (`…卫生...`)
/// while a heading of the page names a document (`…的通知`): the heading then.
fn html_page_title(title: Option<&str>, headings: &[String]) -> Option<String> {
    let titled = |t: &str| kind_from_title(t) != Kind::Other;
    // A document saved from Word names its file there (`Microsoft Word - 某政办发59号.docx`):
    // the file's name is the title only when it is one (`Microsoft Word - 关于…的通知.docx`).
    let word = title.and_then(|t| t.trim_start().strip_prefix("Microsoft Word"));
    let title = match word {
        Some(rest) => {
            let name = rest.trim_start_matches([' ', '-', '–', '—']);
            let name = name
                .rsplit_once('.')
                .map_or(name, |(n, ext)| if ext.len() <= 5 { n } else { name });
            titled(name).then_some(name)
        }
        None => title,
    };
    let heading = headings
        .iter()
        .find(|h| titled(h))
        .or_else(|| headings.iter().find(|h| h.chars().count() >= 6));
    // The site's name and a column's (`绿春县人民政府-政策文件`) name no document either.
    let site_and_column = |t: &str| {
        ["-", "－", "—", "_", "|", "｜"].iter().any(|sep| {
            t.split_once(sep)
                .is_some_and(|(a, b)| is_site_name(a) && (1..=8).contains(&b.trim().chars().count()))
        })
    };
    let title = title
        .map(page_title)
        .filter(|t| !is_site_name(t) && !is_placeholder_title(t) && !site_and_column(t));
    match (title, heading) {
        // Not a document's title, or a column's name (`通知公告`, `政策解读`: short, and
        // shorter than the heading that names the document).
        (Some(t), Some(h)) if titled(h) && (!titled(&t) || t.chars().count() <= 8 && h.chars().count() > 8) => {
            Some(h.clone())
        }
        (Some(t), Some(h)) if t.ends_with(['…', '.']) && h.starts_with(t.trim_end_matches(['…', '.'])) => {
            Some(h.clone())
        }
        // A column's name (`政策文件`) above a heading that names more.
        (Some(t), Some(h)) if t.chars().count() <= 6 && h.chars().count() > 8 => Some(h.clone()),
        (None, Some(h)) => Some(h.clone()),
        (t, _) => t,
    }
}

/// A `<title>` a site's template leaves when the page has none of its own.
fn is_placeholder_title(t: &str) -> bool {
    let l = t.trim().to_lowercase();
    matches!(
        l.as_str(),
        "无标题文档"
            | "无标题"
            | "untitled document"
            | "untitled"
            | "document"
            | "new page"
            | "详细信息"
            | "详情"
            | "详情页"
            | "正文"
            | "内容页"
            | "文章详情"
            | "信息公开"
            | "首页"
            | "网站首页"
    )
}

/// A website's name, not a document's title: `北京市人民政府门户网站`, `中国政府网`, `首都之窗`.
fn is_site_name(t: &str) -> bool {
    let t = t.trim();
    // An organ's name alone (`绿春县人民政府`) names the site too: no document is titled so.
    // See (QA): `<title>绿春县人民政府-政策文件</title>` titled a page whose heading is a
    // meeting's (`…新闻发布会`).
    let organ = t.chars().count() <= 20
        && !t.contains("关于")
        && gongwen_schema::ORGAN_ENDINGS
            .iter()
            .chain(&["国务院"])
            .any(|e| t.ends_with(e));
    t.chars().count() <= 30
        && !t.contains(['《', '》', '〔', '〕'])
        && (organ
            || ["网站", "门户", "政府网", "官网", "之窗", "信息网", "公众网", "服务网"]
                .iter()
                .any(|end| t.ends_with(end)))
}

/// How many lines from the top a page's title (and what is printed above it) may be.
const TITLE_LINES: usize = 6;

/// The title of a page that states none, from its first lines, as official documents are laid
/// out (GB/T 9704): below the masthead (`绿春县人民政府文件`), the copy number, the urgency
/// mark and the document number; a title wrapped over two or three lines (`…关于印发` /
/// `…的通知`, or the issuer on a line of its own above `关于…的决定`) is joined when the
/// joined lines end with a genre word and the first does not. Otherwise the first line.
fn text_title(lines: &[String]) -> Option<String> {
    let mut first = lines
        .iter()
        .take(TITLE_LINES)
        .position(|l| !is_before_the_title(l))
        .unwrap_or(0);
    // A masthead that is the organ's name alone (`昆明市人民政府办公厅`), its number under it.
    if masthead(lines, first) {
        first += 1;
        first += lines[first..]
            .iter()
            .take(TITLE_LINES)
            .take_while(|l| is_before_the_title(l))
            .count();
    }
    let line = lines.get(first)?;
    // A title ends with its genre word: those the kinds know, and others official titles end
    // with (`…的解释`, `…的决议`, `…的安排`). See (QA ingest pass, sixteenth session): 32 of 140
    // wrapped titles, every judicial interpretation among them, kept their first line only.
    let titled = |t: &str| {
        kind_from_title(t) != Kind::Other || {
            let t = t.trim_end_matches(|c: char| !gongwen_schema::hanzi::is_ideograph(c));
            let t = t
                .strip_suffix(|c: char| "一二三四五六七八九十".contains(c))
                .map_or(t, |r| {
                    r.trim_end_matches(|c: char| !gongwen_schema::hanzi::is_ideograph(c))
                });
            [
                "解释", "决议", "安排", "议案", "说明", "公报", "通报", "章程", "守则", "公约", "清单", "目录", "名录",
                "讲话", "报告",
            ]
            .iter()
            .any(|w| t.ends_with(w))
        }
    };
    // The next line plainly goes on with the title (`国务院关于河北雄安新区总体规划` /
    // `（2018—2035年）的批复`): joined even when the first line looks whole.
    let goes_on = |next: &str| {
        next.starts_with('的')
            || next
                .strip_prefix(['（', '('])
                .and_then(|r| r.split_once(['）', ')']))
                .is_some_and(|(_, after)| after.starts_with('的'))
    };
    if let Some(next) = lines
        .get(first + 1)
        .filter(|n| titled(line) && goes_on(n) && continues_a_title(n) && titled(&format!("{line}{n}")))
    {
        return Some(format!("{line}{next}"));
    }
    if !titled(line) {
        let mut joined = line.clone();
        for next in lines.iter().skip(first + 1).take(2) {
            if !continues_a_title(next) || joined.chars().count() + next.chars().count() > 100 {
                break;
            }
            joined.push_str(next);
            if titled(&joined) {
                return Some(joined);
            }
        }
    }
    Some(line.clone())
}

/// A line a page shows before its title: what a document prints above it, its number, and a
/// site's top bar and breadcrumb.
fn is_before_the_title(line: &str) -> bool {
    is_above_the_title(line)
        || whole_number(line)
        || is_chrome_line(line)
        || is_breadcrumb(line)
        || dates::parse_whole(line).is_some()
        || is_short_label_line(line)
        || crate::clean::is_page_number(line)
}

/// A page's metadata line the reader does not know (`体裁分类：通知`, `信息类别：公告公示`):
/// a label of at most six characters, a short value, no sentence.
fn is_short_label_line(line: &str) -> bool {
    let Some((label, value)) = line.split_once(['：', ':']) else {
        return false;
    };
    let label = label.trim();
    let n = label.chars().count();
    (2..=6).contains(&n)
        && label.chars().all(is_ideograph)
        && !label.starts_with('各')
        && !value.trim().is_empty()
        && line.chars().count() <= 30
        && !line.contains(['。', '，', '；'])
        // `名称：关于…的通知` is the title, labelled (`体裁分类：通知` is no title).
        && !(value.trim().chars().count() >= 6 && kind_from_title(value) != Kind::Other)
}

/// How many lines at the top of a page are the site's rather than the document's: a page
/// saved from a site as text starts with the site's name and menu (`绿春县人民政府`, `首页`,
/// `政务公开`, …) down to the breadcrumb (`当前位置：首页 > 政务公开`), or, on a web page, down to
/// its heading under a welcome banner. Cut only when every line above is such a banner or
/// short and says nothing (no sentence, no label, number, date or classification mark).
fn site_top(lines: &[String], heading: Option<&String>) -> usize {
    let banner = |l: &String| crate::clean::is_site_banner(l) || is_chrome_line(l);
    if let Some(crumb) = lines.iter().take(20).position(|l| is_breadcrumb(l)) {
        return if lines[..crumb].iter().all(|l| banner(l) || menu_line(l)) {
            crumb + 1
        } else {
            0
        };
    }
    // Without a breadcrumb, a page's heading (`<h1>`) under a welcome banner or a site bar
    // and its menu begins the document. See (QA ingest pass, fifteenth session): `欢迎访问…！
    // 网站首页 | 无障碍浏览` and a menu above the heading kept the page's own number from being
    // read (20 of 40 pages).
    let at = heading
        .map(|h| normalize_line(h))
        .and_then(|h| lines.iter().take(20).position(|l| normalize_line(l) == h));
    match at {
        Some(at) if at > 0 && banner(&lines[0]) && lines[1..at].iter().all(|l| banner(l) || menu_line(l)) => at,
        _ => 0,
    }
}

/// An item of a site's menu: short, no sentence, label, number, date or mark.
fn menu_line(l: &str) -> bool {
    l.chars().count() <= 20
        && !l.contains(['。', '，', '；', '：', ':'])
        && labelled(l, false).0.is_empty()
        && !whole_number(l)
        && dates::parse_whole(l).is_none()
        && !is_classification_mark(l)
}

/// A site's breadcrumb line: `当前位置：首页 > 政务公开 > 通知公告`, `首页»信息公开`.
fn is_breadcrumb(line: &str) -> bool {
    line.starts_with("当前位置")
        || line.starts_with("您现在的位置")
        || line.starts_with("您的位置")
        || line.chars().filter(|c| matches!(c, '>' | '＞' | '»' | '›')).count() >= 2
}

/// The lines an official document prints above its title: the masthead (`…文件`), the copy
/// number (份号, digits only), the urgency mark, the signer (`签发人：…`).
fn is_above_the_title(line: &str) -> bool {
    let l = line.trim();
    let n = l.chars().count();
    // The copy number, the mark and the urgency on one line, as a PDF's text gives them
    // (`000123  秘密★1年  特急`).
    if l.split_whitespace().count() > 1 && l.split_whitespace().all(is_above_the_title) {
        return true;
    }
    (l.ends_with("文件") && n <= 30 && !l.contains(['关', '的', '。', '，', '：', ':', '《']))
        || (n <= 8 && is_copy_number_or_urgency(l))
        || l.starts_with("签发人")
        || is_classification_mark(l)
}

/// Whether line `i` is a masthead printed as the organ's name alone: it ends as an organ's name
/// does and the document's number stands right under it.
fn masthead(lines: &[String], i: usize) -> bool {
    lines
        .get(i)
        .is_some_and(|l| looks_like_signature(l) && dates::parse_whole(l).is_none())
        && lines.get(i + 1).is_some_and(|l| whole_number(l))
}

/// A line that can be the rest of a wrapped title: short, no sentence or salutation
/// punctuation, no number or date of its own.
fn continues_a_title(line: &str) -> bool {
    line.chars().count() <= 50
        && !line.contains(['。', '，', '；', '：', ':', ';', '！', '？'])
        && !whole_number(line)
        && dates::parse_whole(line).is_none()
        && !is_above_the_title(line)
}

/// A line that is a document number and nothing else.
pub(crate) fn whole_number(line: &str) -> bool {
    number_of_line(line).is_some()
}

/// The document number a line holds and nothing else: `国发〔2018〕5号`, also in brackets under
/// a title (`（某政发〔2018〕21号）`) or beside the signer, as a 请示 prints it
/// (`某政报〔2018〕5号    签发人：张三`).
/// The decree number of a regulation's promulgation line (`2010年7月8日 中华人民共和国国务院令
/// 第577号公布`, `（2010年7月8日中华人民共和国国务院令第577号公布 根据…修订）`): the first
/// number after the date, when the line starts with a date and says 公布 or 发布 after it.
/// See (QA): such a line gave the page no number.
fn promulgation_number(line: &str) -> Option<&str> {
    let l = line.trim().trim_start_matches(['（', '(']);
    if l.chars().count() > 200 || crate::dates::leading(l).is_none() {
        return None;
    }
    let found = gongwen_schema::extract(l).into_iter().next()?;
    let after = &l[found.end..];
    (after.starts_with("公布") || after.starts_with("发布")).then(|| &l[found.start..found.end])
}

fn number_of_line(line: &str) -> Option<&str> {
    if let Some(n) = promulgation_number(line) {
        return Some(n);
    }
    let mut l = line.trim();
    if let Some((number, _)) = l.split_once("签发人") {
        l = number.trim();
    }
    if let Some(inner) = l.strip_prefix(['（', '(']).and_then(|r| r.strip_suffix(['）', ')'])) {
        l = inner.trim();
    }
    (l.chars().count() <= 40
        && DocNumber::parse(l).is_ok_and(|n| n.printed().trim() == l.trim_end_matches(['文', '。', '；', ';'])))
    .then_some(l)
}

/// A signature line: short, no sentence punctuation, ends like an organ's name.
pub(crate) fn looks_like_signature(line: &str) -> bool {
    // An item of a list (`3.某某县人民政府`, `（二）某某局`, `二、某某委员会`) is none.
    let numbered = line.starts_with(|c: char| c.is_ascii_digit() || c.is_ascii_punctuation() || "（(【〔".contains(c))
        || line
            .split_once(['、', '．'])
            .is_some_and(|(n, _)| !n.is_empty() && n.chars().all(|c| "一二三四五六七八九十".contains(c)));
    !numbered
        && line.chars().count() <= 40
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
    // See (QA ingest pass, fifteenth session): a page signed by no one had no issuer though
    // its masthead named one, and no date though one stood under 特此通知; organs signed side
    // by side made one issuer.
    #[test]
    fn masthead_issuer_closing_date_and_joint_signatures() {
        let text = "上海市金山区人民政府办公室文件\n金府办发〔2013〕5号\n关于做好甲工作的通知\n各委、办、局：\n\
            现将有关事项通知如下，请认真执行。\n特此通知。\n2013年4月16日\n附件：甲工作细则\n第一条 为了做好甲工作，制定本细则。\n\
            第二条 本细则自发布之日起施行。\n第三条 本细则由区建设交通委负责解释。\n第四条 各单位应当遵照执行。\n\
            第五条 本细则未尽事宜另行规定。\n第六条 本细则的附表另行印发。\n第七条 本细则自公布之日起三十日后施行。";
        let d = read(text, Flavour::Text, Path::new("a.txt"), &ReadOptions::default()).unwrap();
        assert_eq!(d.issuers, ["上海市金山区人民政府办公室"]);
        assert_eq!(d.written.map(|w| w.to_string()).as_deref(), Some("2013-04-16"));
        let joint = "关于做好乙工作的通知\n各区人民政府：\n现将有关事项通知如下。\n闵行区科学技术委员会　闵行区财政局\n2023年3月3日";
        let d = read(joint, Flavour::Text, Path::new("b.txt"), &ReadOptions::default()).unwrap();
        assert_eq!(d.issuers, ["闵行区科学技术委员会", "闵行区财政局"]);
    }

    // See (QA leak pass, fifteenth session): a label and its value with nothing between them
    // (`<b>公开属性</b>依申请公开`) left a page public, and a notice quoting the labels in a
    // sentence (`标注为“公开属性：不予公开”`) was hidden.
    #[test]
    fn a_label_run_into_its_value_and_labels_quoted_in_a_sentence() {
        let body = "<p>各区人民政府：</p><p>现将有关事项通知如下。</p><p>某某市人民政府办公室</p><p>2019年4月1日</p>";
        let page = format!(
            "<html><body><h1>关于做好甲工作的通知</h1>{body}<ul><li><b>公开属性</b>依申请公开</li></ul></body></html>"
        );
        let d = read(&page, Flavour::Html, Path::new("p.html"), &ReadOptions::default()).unwrap();
        assert_eq!(d.disclosure, gongwen_schema::Disclosure::OnRequest);
        let quoted = "关于进一步规范公文公开属性标识工作的通知\n各部门：\n一、各部门制发公文时，应当在版记上方标注公开属性，\
            分别标注为“公开属性：主动公开”“公开属性：依申请公开”“公开属性：不予公开”。\n某某市人民政府办公室\n2019年4月1日\n公开属性：主动公开";
        let d = read(quoted, Flavour::Text, Path::new("a.txt"), &ReadOptions::default()).unwrap();
        assert_eq!(d.disclosure, gongwen_schema::Disclosure::Public);
        // A value quoted after its label is stated.
        assert!(label_separators("公开属性：“不予公开”").contains("不予公开"));
        assert!(!without_quoted_labels("标注“公开属性：不予公开”。", &["公开属性"]).contains("不予公开"));
    }

    // See (QA ingest pass, fifteenth session): a welcome banner ending with ！ and a menu above
    // the heading, with no breadcrumb, kept the page's own number from being read; a Big5
    // page's info table in traditional labels was not read, nor its 【列印】【關閉】 cut.
    #[test]
    fn a_banner_and_a_menu_above_the_heading_and_traditional_labels() {
        let page = "<html><head><title>通知公告</title></head><body>\
            <div class=\"topbar\"><span>欢迎访问上海市人民政府！</span> <a href=\"/\">网站首页</a> | <a href=\"#\">无障碍浏览</a> | <a href=\"#\">English</a></div>\
            <div class=\"nav\"><ul><li><a href=\"/\">首页</a></li><li><a href=\"/zwgk/\">政务公开</a></li><li><a href=\"/zwfw/\">政务服务</a></li></ul></div>\
            <div class=\"main\"><h1>上海市发展和改革委员会关于车用汽、柴油价格的通知</h1><p>沪发改价管〔2026〕39号</p>\
            <p>各区发展改革委：</p><p>现就本市车用汽油价格有关事项通知如下。</p><p>上海市发展和改革委员会</p><p>2026年9月11日</p></div></body></html>";
        let d = read(page, Flavour::Html, Path::new("p.html"), &ReadOptions::default()).unwrap();
        assert_eq!(d.title, "上海市发展和改革委员会关于车用汽、柴油价格的通知");
        assert_eq!(
            d.doc_numbers.iter().map(|n| n.canonical()).collect::<Vec<_>>(),
            ["沪发改价管〔2026〕39号"]
        );
        assert!(
            !d.body.contains("欢迎访问") && !d.body.contains("政务服务"),
            "{}",
            d.body
        );

        let page = "<html><body><table><tr><th>標題</th><td>國務院關於甲事項的通知</td></tr>\
            <tr><th>文號</th><td>國發〔2018〕44號</td></tr><tr><th>發布日期</th><td>2019-01-08</td></tr></table>\
            <h1>國務院關於甲事項的通知</h1><p>各省人民政府：</p><p>甲事項的正文。</p><p>國務院</p><p>2018年12月29日</p>\
            <div>【<a href=\"javascript:print()\">列印</a>】【<a href=\"javascript:close()\">關閉</a>】</div></body></html>";
        let d = read(page, Flavour::Html, Path::new("p.html"), &ReadOptions::default()).unwrap();
        assert_eq!(
            d.doc_numbers.iter().map(|n| n.canonical()).collect::<Vec<_>>(),
            ["国发〔2018〕44号"]
        );
        assert_eq!(d.published.map(|p| p.to_string()).as_deref(), Some("2019-01-08"));
        assert!(!d.body.contains("關閉") && !d.body.contains("列印"), "{}", d.body);
    }

    // See (QA ingest pass, fifteenth session): a gazette page with a breadcrumb above its
    // masthead was one document, and one whose 目录 is a table of links lost the 目录.
    #[test]
    fn a_gazette_page_with_a_breadcrumb_and_a_table_of_contents() {
        let page = "<html><body><div class=\"crumb\">当前位置：<a href=\"/\">首页</a> &gt; <a href=\"/g/\">国务院公报</a></div>\
            <h1>中华人民共和国国务院公报</h1><p>2019年第3号</p><h3>目　　录</h3>\
            <table><tr><td><a href=\"#a\">国务院关于甲事项的通知</a></td><td>3</td></tr>\
            <tr><td><a href=\"#b\">国务院关于乙事项的通知</a></td><td>5</td></tr></table>\
            <h2>国务院关于甲事项的通知</h2><p>国发〔2019〕1号</p><p>各省人民政府：</p><p>甲事项的正文。</p><p>国务院</p><p>2019年1月2日</p>\
            <h2>国务院关于乙事项的通知</h2><p>国发〔2019〕2号</p><p>各省人民政府：</p><p>乙事项的正文。</p><p>国务院</p><p>2019年2月3日</p>\
            </body></html>";
        let text = gazette_text(page, Flavour::Html).expect("an issue");
        let titles: Vec<String> = crate::gazette::split(&text, Path::new("g.html"), &ReadOptions::default())
            .into_iter()
            .map(|r| r.map(|d| d.title).unwrap_or_else(|e| e.to_string()))
            .collect();
        assert_eq!(titles, ["国务院关于甲事项的通知", "国务院关于乙事项的通知"]);
    }

    use super::*;

    // See: `…的通知-深圳市人民政府门户网站` kept the site's name (and so its kind was `other`),
    // and a `<title>` that was only the site's name became every page's title.
    #[test]
    fn site_names_leave_page_titles() {
        for (title, want) in [
            (
                "关于做好春节期间安全生产工作的通知-深圳市人民政府门户网站",
                "关于做好春节期间安全生产工作的通知",
            ),
            (
                "关于做好春节期间安全生产工作的通知 - 深圳市人民政府门户网站",
                "关于做好春节期间安全生产工作的通知",
            ),
            (
                "关于印发实施方案的通知_政策文件_首都之窗_北京市人民政府门户网站",
                "关于印发实施方案的通知",
            ),
            ("关于印发实施方案的通知｜中国政府网", "关于印发实施方案的通知"),
            // A hyphen inside a title stays.
            (
                "党政机关公文格式（GB/T 9704-2012）的解读",
                "党政机关公文格式（GB/T 9704-2012）的解读",
            ),
            ("2019-2020年度工作要点", "2019-2020年度工作要点"),
        ] {
            assert_eq!(page_title(title), want, "{title}");
        }
        let page = "<html><head><title>北京市人民政府门户网站</title></head><body>\
                    <h2>关于开展安全检查的通知</h2><p>各区人民政府：现就开展安全检查工作通知如下，请认真贯彻执行。</p>\
                    </body></html>";
        let d = read(page, Flavour::Html, Path::new("p.html"), &ReadOptions::default()).unwrap();
        assert_eq!(d.title, "关于开展安全检查的通知");
        assert_eq!(d.kind, Kind::Notice);
    }

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
    fn header_lines_and_their_fields() {
        let f = |line: &str, bare: bool| labelled(line, bare);
        assert_eq!(
            f("disclosure: not_public", false),
            (vec![(Field::Disclosure, "not_public".to_owned())], None)
        );
        assert_eq!(f("索 引 号：", false), (vec![], Some(Field::IndexNo)));
        assert_eq!(
            f("来源：某局 发布时间：2019-01-24 10:00 公开方式：主动公开", false),
            (
                vec![
                    (Field::Published, "2019-01-24 10:00".to_owned()),
                    (Field::Disclosure, "主动公开".to_owned())
                ],
                None
            )
        );
        assert_eq!(
            f("【发布日期：2023-07-05】【公开形式：依申请公开】", false),
            (
                vec![
                    (Field::Published, "2023-07-05".to_owned()),
                    (Field::Disclosure, "依申请公开".to_owned())
                ],
                None
            )
        );
        assert_eq!(
            f("标题：关于印发管理办法（试行）的通知", false).0,
            [(Field::Title, "关于印发管理办法（试行）的通知".to_owned())]
        );
        // A bare label is one only in an HTML page; unknown labels and labels inside a
        // sentence are none.
        assert_eq!(f("公开方式", true), (vec![], Some(Field::Disclosure)));
        assert_eq!(f("公开方式", false), (vec![], None));
        assert_eq!(f("各区县人民政府：", false), (vec![], None));
        assert_eq!(f("根据本办法公开方式：另行规定", false), (vec![], None));
        assert_eq!(
            f("这是一个很长很长很长很长很长很长很长很长的句子 公开方式", true),
            (vec![], None)
        );
    }

    // See (third QA trial): a metadata table flattened into lines glues each label to the
    // value before it; `公开方式:不予公开` after a number was never read (the page was public),
    // and the issuer took the date's label and value.
    #[test]
    fn labels_glued_to_the_value_before_them() {
        let f = |line: &str| labelled(line, false).0;
        assert_eq!(
            f("文 号:某建发〔2023〕1号公开方式:不予公开"),
            [
                (Field::Number, "某建发〔2023〕1号".to_owned()),
                (Field::Disclosure, "不予公开".to_owned())
            ]
        );
        assert_eq!(
            f("发文机关:某某市住房和城乡建设局成文日期:2023-01-05"),
            [
                (Field::Issuer, "某某市住房和城乡建设局".to_owned()),
                (Field::Written, "2023-01-05".to_owned())
            ]
        );
        // After a label the reader does not know, too (`信息类别`, `文件编号`).
        assert_eq!(
            f("信息类别:公告公示文件编号:JJSZF-202301-5913701公开方式:主动公开生成日期:2023-01-18"),
            [
                (Field::Disclosure, "主动公开".to_owned()),
                (Field::Published, "2023-01-18".to_owned())
            ]
        );
        // Not at the start of a line, nor a short word at the end of a value.
        assert_eq!(f("项目名称:某某工程"), []);
        assert_eq!(
            f("发布机构:某局单位名称:某某公司"),
            [(Field::Issuer, "某局单位名称:某某公司".to_owned())]
        );

        let page = "索 引 号:11/2023-01主题分类:住房\n发文机关:某某市住房和城乡建设局成文日期:2023-01-05\n\
                    文 号:某建发〔2023〕1号公开方式:不予公开\n关于开展甲项工作的通知\n各区县人民政府：\n\
                    为做好有关工作，现将有关事项通知如下。请认真执行。\n某某市住房和城乡建设局\n2023年1月5日";
        let d = read(page, Flavour::Text, Path::new("a.txt"), &ReadOptions::default()).unwrap();
        assert_eq!(d.disclosure, gongwen_schema::Disclosure::NotPublic);
        assert_eq!(d.doc_numbers[0].canonical(), "某建发〔2023〕1号");
        assert_eq!(d.issuers, ["某某市住房和城乡建设局"]);
        assert_eq!(d.index_no.as_deref(), Some("11/2023-01"));
        assert_eq!(d.title, "关于开展甲项工作的通知");
    }

    // See (third QA trial): labels and notes sites use that were not read, so the page was
    // public; and a site's info bar that glues its date to the next label rejected the page.
    // See (QA ingest pass, seventeenth session): an info table's two cells on one line ran the
    // first value on into the second label when that label was unknown; 信息索引号, 信息分类,
    // 主　　题, 发布单位, 发文机构 and 签发日期 were not read, and stayed at the top of the body.
    #[test]
    fn info_tables_two_cells_a_line_and_more_label_spellings() {
        let body = "各区县人民政府：\n为做好有关工作，现将有关事项通知如下。请认真执行。\n国务院\n2019年1月27日";
        let page = format!(
            "名　　称：国务院关于甲事项的意见　　发文编号：国发〔2019〕5号\n\
             发文单位：国务院　　签发日期：2019年1月27日\n\
             索 引 号：000014349/2019-00007  主　　题：市场监管\n\
             国务院关于甲事项的意见\n{body}"
        );
        let d = read(&page, Flavour::Text, Path::new("a.txt"), &ReadOptions::default()).unwrap();
        assert_eq!(d.issuers, ["国务院"], "{page}");
        assert_eq!(d.index_no.as_deref(), Some("000014349/2019-00007"));
        assert_eq!(d.topic.as_deref(), Some("市场监管"));
        assert_eq!(d.written.map(|w| w.to_string()).as_deref(), Some("2019-01-27"));
        for (issuer, index, topic) in [("发布单位", "信息索引号", "信息分类"), ("发文机构", "索引号", "主题词")]
        {
            let page = format!(
                "{index}：\n000014349/2019-00007\n{topic}：\n市场监管\n{issuer}：\n国务院\n国务院关于甲事项的意见\n{body}"
            );
            let d = read(&page, Flavour::Text, Path::new("a.txt"), &ReadOptions::default()).unwrap();
            assert_eq!(d.issuers, ["国务院"], "{page}");
            assert_eq!(d.index_no.as_deref(), Some("000014349/2019-00007"), "{page}");
            assert_eq!(d.topic.as_deref(), Some("市场监管"), "{page}");
            assert!(!d.body.contains(index) && !d.body.contains("000014349"), "{}", d.body);
        }
        // A value with words spaced inside it, and no label after the gap, is whole.
        assert_eq!(spaced_label("上海市  人民政府"), None);
        assert_eq!(spaced_label("国务院　　签发日期：2019年1月27日"), Some("国务院".len()));
    }

    #[test]
    fn more_labels_notes_and_info_bars() {
        let body = "各区县人民政府：\n为做好有关工作，现将有关事项通知如下。请认真执行。\n某某市住房和城乡建设局\n2023年1月5日";
        for (head, foot, want) in [
            ("公开类别：不予公开\n", "", gongwen_schema::Disclosure::NotPublic),
            ("发布范围：内部\n", "", gongwen_schema::Disclosure::NotPublic),
            ("", "\n（此件仅供内部参阅）", gongwen_schema::Disclosure::NotPublic),
            ("公开范围：面向全社会\n", "", gongwen_schema::Disclosure::Public),
        ] {
            let page = format!("{head}关于开展甲项工作的通知\n{body}{foot}");
            let d = read(&page, Flavour::Text, Path::new("a.txt"), &ReadOptions::default()).unwrap();
            assert_eq!(d.disclosure, want, "{page}");
            assert_eq!(d.title, "关于开展甲项工作的通知");
        }
        for (bar, want) in [
            ("发布时间:2022-06-15来源:住房公积金管理中心", "2022-06-15"),
            ("发布时间:2023-12-1110:39 浏览次数:2015", "2023-12-11"),
            ("发布时间:2023-03-28作者:来源:沈阳市房产局", "2023-03-28"),
            ("生成日期：2019-01-09", "2019-01-09"),
        ] {
            let page = format!("关于开展甲项工作的通知\n{bar}\n{body}");
            let d = read(&page, Flavour::Text, Path::new("a.txt"), &ReadOptions::default()).unwrap();
            assert_eq!(d.published.map(|d| d.to_string()).as_deref(), Some(want), "{bar}");
            assert_eq!(d.written.map(|d| d.to_string()).as_deref(), Some("2023-01-05"), "{bar}");
        }
        // What is no date at all is still reported.
        let page = format!("关于开展甲项工作的通知\n发布时间：近日\n{body}");
        assert!(read(&page, Flavour::Text, Path::new("a.txt"), &ReadOptions::default()).is_err());
    }

    // See (QA ingest pass, fourteenth session): restrictions under labels no list holds, in a
    // header, a table's cells, a `<meta>`, and notes spelled otherwise, left pages public.
    #[test]
    fn a_restriction_under_any_publication_label_holds() {
        let body = "各区县人民政府：\n为做好有关工作，现将有关事项通知如下。请认真执行。\n某某市住房和城乡建设局\n2023年1月5日";
        let not_public = gongwen_schema::Disclosure::NotPublic;
        for (flavour, page) in [
            (
                Flavour::Text,
                format!("信息公开类别：不予公开\n关于开展甲项工作的通知\n{body}"),
            ),
            (
                Flavour::Text,
                format!("公开性质：不予公开\n关于开展甲项工作的通知\n{body}"),
            ),
            (
                Flavour::Text,
                format!("关于开展甲项工作的通知\n{body}\n【发布方式】依申请公开"),
            ),
            (
                Flavour::Text,
                format!("关于开展甲项工作的通知\n{body}\n发布时间：2023-01-05 信息公开：不予公开"),
            ),
            (
                Flavour::Text,
                format!("关于开展甲项工作的通知\n{body}\n（此件不公开发布）"),
            ),
            (
                Flavour::Text,
                format!("关于开展甲项工作的通知\n{body}\n（此件不在网上公开）"),
            ),
            (
                Flavour::Html,
                format!(
                    "<html><body><table><tr><td>信息公开类别</td><td>不予公开</td></tr></table>\
                     <h1>关于开展甲项工作的通知</h1><p>{}</p></body></html>",
                    body.replace('\n', "</p><p>")
                ),
            ),
            (
                Flavour::Html,
                format!(
                    "<html><head><meta name=\"信息公开类别\" content=\"不予公开\"></head><body>\
                     <h1>关于开展甲项工作的通知</h1><p>{}</p></body></html>",
                    body.replace('\n', "</p><p>")
                ),
            ),
        ] {
            let d = read(&page, flavour, Path::new("a.txt"), &ReadOptions::default()).unwrap();
            assert_ne!(d.disclosure, gongwen_schema::Disclosure::Public, "{page}");
            assert_eq!(d.title, "关于开展甲项工作的通知", "{page}");
        }
        let page = format!("信息公开类别：不予公开\n关于开展甲项工作的通知\n{body}");
        let d = read(&page, Flavour::Text, Path::new("a.txt"), &ReadOptions::default()).unwrap();
        assert_eq!(d.disclosure, not_public);
        // Such a label with another value is no disclosure: the page stays public.
        for line in ["发布时间：2023-01-05", "公开日期：2023-01-05", "信息公开类别：通知公告"] {
            let page = format!("{line}\n关于开展甲项工作的通知\n{body}");
            let d = read(&page, Flavour::Text, Path::new("a.txt"), &ReadOptions::default()).unwrap();
            assert_eq!(d.disclosure, gongwen_schema::Disclosure::Public, "{line}");
        }
    }

    // See (QA over-restriction pass, seventeenth session): a Markdown table's error named its
    // index-number cell, not the disclosure's value; the value still restricts.
    #[test]
    fn a_markdown_tables_disclosure_is_the_cell_under_its_label() {
        let md = |v: &str| {
            format!(
                "# 关于某事的通知\n\n| 索引号 | 公开范围 |\n|---|---|\n| 000014349/2019-00001 | {v} |\n\n各区人民政府：现将有关事项通知如下。\n"
            )
        };
        let opts = ReadOptions::default();
        let err = format!(
            "{:?}",
            read(&md("部分公开"), Flavour::Markdown, Path::new("a.md"), &opts).unwrap_err()
        );
        assert!(err.contains("部分公开") && !err.contains("000014349"), "{err}");
        for (v, want) in [
            // An everyday scope (the same pass) is public.
            ("全省", gongwen_schema::Disclosure::Public),
            ("不予公开", gongwen_schema::Disclosure::NotPublic),
            ("依申请公开", gongwen_schema::Disclosure::OnRequest),
            ("主动公开", gongwen_schema::Disclosure::Public),
        ] {
            let d = read(&md(v), Flavour::Markdown, Path::new("a.md"), &opts).unwrap();
            assert_eq!(d.disclosure, want, "{v}");
        }
    }

    // See (QA ingest pass, fourteenth session).
    #[test]
    fn markdown_with_inline_html_reads_as_its_text() {
        let md = "<p align=\"center\"><strong>关于开展甲项工作的通知</strong></p>\n\n<p align=\"center\">某政发〔2023〕5号</p>\n\n\
                  各区县人民政府：\n\n现将有关事项通知如下。请认真执行。\n\n<div align=\"right\">某某市人民政府<br/>2023年1月5日</div>\n";
        let d = read(md, Flavour::Markdown, Path::new("a.md"), &ReadOptions::default()).unwrap();
        assert_eq!(d.title, "关于开展甲项工作的通知");
        assert_eq!(
            d.doc_numbers.first().map(|n| n.canonical()).as_deref(),
            Some("某政发〔2023〕5号")
        );
        assert_eq!(d.written.map(|d| d.to_string()).as_deref(), Some("2023-01-05"));
        assert!(!d.body.contains('<'), "{}", d.body);
        assert_eq!(without_inline_html("见<附件1>，a < b"), "见<附件1>，a < b");
    }

    #[test]
    fn bare_carriage_returns_end_lines() {
        let page = "关于开展甲项工作的通知\r某政发〔2023〕5号\r各区县人民政府：\r现将有关事项通知如下。\r某某市人民政府\r2023年1月5日\r";
        let d = read(page, Flavour::Text, Path::new("a.txt"), &ReadOptions::default()).unwrap();
        assert_eq!(d.title, "关于开展甲项工作的通知");
        assert_eq!(
            d.doc_numbers.first().map(|n| n.canonical()).as_deref(),
            Some("某政发〔2023〕5号")
        );
        assert_eq!(d.written.map(|d| d.to_string()).as_deref(), Some("2023-01-05"));
    }

    // See (QA robustness pass, fourteenth session): a site's stub in place of a withdrawn
    // notice (its title and 不予公开) was refused as no document, and the public copy stayed.
    #[test]
    fn a_stub_saying_not_public_refuses_its_id() {
        let stub = "<html><head><title>关于开展甲项工作的通知</title></head><body>\
                    <h1>关于开展甲项工作的通知</h1><p>公开方式：不予公开</p></body></html>";
        let e = read(stub, Flavour::Html, Path::new("n.html"), &ReadOptions::default()).unwrap_err();
        assert!(matches!(e, ReadError::Refused { .. }), "{e:?}");
        let stub = stub.replace("不予公开", "主动公开");
        let e = read(&stub, Flavour::Html, Path::new("n.html"), &ReadOptions::default()).unwrap_err();
        assert!(matches!(e, ReadError::Invalid { .. }), "{e:?}");
    }

    // See (QA, twelfth session): a page whose text is one line of 400,000 characters with
    // colons and spaces in it took minutes (each colon counted the characters of the whole
    // line before it); it reads as any page does.
    #[test]
    fn a_page_of_one_very_long_line_reads_whole() {
        let line = "第一条：各单位要加强管理， 落实责任： 现将有关事项通知如下。".repeat(12_000);
        let page = format!("关于加强管理工作的通知\n{line}\n公开方式：不予公开\n");
        let d = read(&page, Flavour::Text, Path::new("a.txt"), &ReadOptions::default()).unwrap();
        assert_eq!(d.title, "关于加强管理工作的通知");
        assert!(d.body.chars().count() >= line.chars().count(), "{}", d.body.len());
        assert_eq!(d.disclosure, gongwen_schema::Disclosure::NotPublic);
    }

    // See (QA, twelfth session): a menu of seven links or more above the title pushed the
    // number line past the lines looked at; a regulation's promulgation line gave no number; a
    // judicial interpretation's page was a regulation.
    #[test]
    fn numbers_under_menus_and_in_promulgation_lines() {
        let opts = ReadOptions::default();
        let menu: String = (0..10)
            .map(|i| format!("<li><a href=\"/{i}.html\">栏目{i}</a></li>"))
            .collect();
        let page = format!(
            "<html><head><title>关于加强城镇小区配套幼儿园治理的通知</title></head><body><ul class=\"nav\">{menu}</ul>\
             <h1>关于加强城镇小区配套幼儿园治理的通知</h1><p>国办发〔2019〕3号</p><p>各省、自治区、直辖市人民政府：</p>\
             <p>城镇小区配套建设幼儿园是城镇公共服务设施建设的重要内容。</p><p>国务院办公厅</p><p>2019年1月9日</p></body></html>"
        );
        let d = read(&page, Flavour::Html, Path::new("a.html"), &opts).unwrap();
        assert_eq!(
            d.doc_numbers.first().map(DocNumber::canonical).as_deref(),
            Some("国办发〔2019〕3号")
        );
        let page = "自然灾害救助条例\n\n（2010年7月8日中华人民共和国国务院令第577号公布　根据2019年3月2日《国务院关于修改部分行政法规的决定》修订）\n第一章 总则\n第一条 为了规范自然灾害救助工作，保障受灾人员基本生活，制定本条例。";
        let d = read(page, Flavour::Text, Path::new("a.txt"), &opts).unwrap();
        assert_eq!(
            d.doc_numbers.first().map(DocNumber::canonical).as_deref(),
            Some("国务院令第577号")
        );
        assert_eq!(d.kind, gongwen_schema::Kind::Regulation);
        let page =
            "最高人民法院关于审理某类案件适用法律问题的规定\n法释〔2024〕1号\n为正确审理某类案件，制定本规定。\n";
        let d = read(page, Flavour::Text, Path::new("a.txt"), &opts).unwrap();
        assert_eq!(d.kind, gongwen_schema::Kind::JudicialInterpretation);
    }

    // See (QA leak pass, sixteenth session): a metadata table in columns with an empty cell, and
    // a Markdown table at a `.md` page's foot, left their pages public.
    #[test]
    fn tables_that_restrict_in_any_layout() {
        let opts = ReadOptions::default();
        let body = "<h1>关于甲事项的通知</h1><p>各单位：</p><p>现将有关事项通知如下。</p><p>某某市人民政府办公厅</p><p>2019年1月27日</p>";
        let html = format!(
            "<html><head><title>关于甲事项的通知</title></head><body><table><tr><th>索引号</th><th>发文机关</th>\
             <th>发文字号</th><th>公开方式</th><th>成文日期</th></tr><tr><td>000014349/2019-0001</td>\
             <td>某某市人民政府办公厅</td><td></td><td>不予公开</td><td>2019-01-27</td></tr></table>{body}</body></html>"
        );
        let d = read(&html, Flavour::Html, Path::new("a.html"), &opts).unwrap();
        assert_eq!(d.disclosure, gongwen_schema::Disclosure::NotPublic);
        let public = html.replace("<td>不予公开</td>", "<td>主动公开</td>");
        let d = read(&public, Flavour::Html, Path::new("a.html"), &opts).unwrap();
        assert_eq!(d.disclosure, gongwen_schema::Disclosure::Public);
        let md = "关于甲事项的通知\n\n各单位：\n现将有关事项通知如下。\n\n某某局\n2019年1月1日\n\n| 索引号 | 公开方式 |\n| --- | --- |\n| 000014349/2019-0998 | 不予公开 |\n";
        let d = read(md, Flavour::Markdown, Path::new("a.md"), &opts).unwrap();
        assert_eq!(d.disclosure, gongwen_schema::Disclosure::NotPublic);
    }

    // See (QA, twelfth session): a `<title>` of the site's and a column's names titled pages
    // whose heading has no genre word (a meeting's minutes, a press conference, a speech).
    #[test]
    fn a_site_and_column_title_gives_way_to_the_heading() {
        for h1 in [
            "2024年全县森林防火工作会议纪要",
            "县长在全县经济工作会议上的讲话",
            "国务院新闻办公室有关情况新闻发布会",
        ] {
            for site in ["绿春县人民政府-政策文件", "绿春县人民政府", "政策文件_绿春县人民政府"]
            {
                let page = format!(
                    "<html><head><title>{site}</title></head><body><h1>{h1}</h1><p>会议由县长主持，现将有关情况纪要如下，请认真贯彻落实。</p></body></html>"
                );
                let d = read(&page, Flavour::Html, Path::new("a.html"), &ReadOptions::default()).unwrap();
                assert_eq!(d.title, h1, "{site}");
            }
        }
    }

    // See (QA, twelfth session): a page of nothing but the site's chrome was indexed under the
    // site's name with no text; it is reported.
    #[test]
    fn a_page_of_chrome_only_is_no_document() {
        let page = "<html><head><title>绿春县人民政府</title></head><body><div class=\"nav\"><a>首页</a><a>政务公开</a></div>\
                    <div>当前位置：首页 &gt; 政务公开</div><div>扫一扫在手机打开当前页</div><div>【打印本页】【关闭窗口】</div>\
                    <div>版权所有：绿春县人民政府 网站标识码：5325310001</div></body></html>";
        let e = read(page, Flavour::Html, Path::new("a.html"), &ReadOptions::default()).unwrap_err();
        assert!(e.to_string().contains("no text"), "{e}");
    }

    // See (QA, twelfth session): a field followed on its line by a word of the site's info bar
    // lost its value (`发文字号：X 浏览次数：23`) or kept the rest (`发文机关：某局 来源：…`).
    #[test]
    fn info_bar_words_end_the_value_before_them() {
        let f = |l: &str| labelled(l, true).0;
        assert_eq!(
            f("发文字号：绿政办发〔2023〕15号 浏览次数：23"),
            [(Field::Number, "绿政办发〔2023〕15号".to_owned())]
        );
        assert_eq!(
            f("发文机关：绿春县人民政府办公室 来源：县政府办"),
            [(Field::Issuer, "绿春县人民政府办公室".to_owned())]
        );
        assert_eq!(
            f("发文字号：绿政办发〔2023〕15号 成文时间：2023-03-08"),
            [
                (Field::Number, "绿政办发〔2023〕15号".to_owned()),
                (Field::Written, "2023-03-08".to_owned())
            ]
        );
        // A value that holds such a word without a colon after it is whole.
        assert_eq!(
            f("标题：关于来源 作者 的说明"),
            [(Field::Title, "关于来源 作者 的说明".to_owned())]
        );
    }

    // See (QA, twelfth session): each of these left its page public.
    #[test]
    fn restrictions_in_other_spellings_and_layouts() {
        use gongwen_schema::Disclosure::{NotPublic, OnRequest, Public};
        let body = "各区县人民政府：\n为做好有关工作，现将有关事项通知如下。请认真执行。\n某某市住房和城乡建设局\n2023年1月5日";
        for (flavour, page, want) in [
            (Flavour::Text, format!("关于开展甲项工作的通知\n公開方式：不予公開\n{body}"), NotPublic),
            (Flavour::Text, format!("关于开展甲项工作的通知\n公开方式 不予公开\n{body}"), NotPublic),
            (Flavour::Text, format!("关于开展甲项工作的通知\n公开方式\t依申请公开\n{body}"), OnRequest),
            (Flavour::Text, format!("关于开展甲项工作的通知\n公开方式　不予公开\n{body}"), NotPublic),
            (Flavour::Text, format!("关于开展甲项工作的通知\n公开方式－不予公开\n{body}"), NotPublic),
            (Flavour::Text, format!("关于开展甲项工作的通知\n公开方式：不予公开 主动公开\n{body}"), NotPublic),
            (Flavour::Html, format!("<title>关于开展甲项工作的通知</title><table><tr><td>公開屬性</td><td>依申請公開</td></tr></table><p>{body}</p>"), OnRequest),
            (Flavour::Markdown, format!("---\ntitle: 关于开展甲项工作的通知\ndisclosure:\n  - not_public\n---\n{body}"), NotPublic),
            (Flavour::Markdown, format!("---\ntitle: 关于开展甲项工作的通知\ndisclosure:\n  not_public\n---\n{body}"), NotPublic),
            (Flavour::Markdown, format!("---\ntitle: 关于开展甲项工作的通知\n公开方式:\n- 不予公开\n---\n{body}"), NotPublic),
            (Flavour::Markdown, format!("{{\"title\": \"关于开展甲项工作的通知\", \"disclosure\": \"not_public\"}}\n{body}"), NotPublic),
            // A body sentence with the words is still text.
            (Flavour::Text, format!("关于开展甲项工作的通知\n{body}\n本单位以主动公开方式 公布政府信息。"), Public),
        ] {
            let d = read(&page, flavour, Path::new("a.txt"), &ReadOptions::default()).unwrap();
            assert_eq!(d.disclosure, want, "{page}");
            assert_eq!(d.title, "关于开展甲项工作的通知", "{page}");
        }
        // Front matter lists keep their items.
        let page = format!("---\ntitle: 关于开展甲项工作的通知\nissuer:\n  - 甲局\n  - 乙局\n---\n{body}");
        let d = read(&page, Flavour::Markdown, Path::new("a.md"), &ReadOptions::default()).unwrap();
        assert_eq!(d.issuers, ["甲局", "乙局"]);
    }

    // See (third QA trial): titles, numbers and header lines a careful reader reads otherwise.
    #[test]
    fn third_trial_titles_numbers_and_headers() {
        let opts = ReadOptions::default();
        let txt = |text: &str| read(text, Flavour::Text, Path::new("a.txt"), &opts).unwrap();
        let sign = "\n某某市人民政府\n2018年12月20日";
        // A list below the salutation is text, not a header (the title came from `名称：`).
        let d = txt(&format!(
            "关于公布第一批历史建筑名录的通知\n各区县人民政府：\n名称：老邮局旧址\n地址：解放路12号\n状态：保存完好\n以上历史建筑请切实加强保护。{sign}"
        ));
        assert_eq!(d.title, "关于公布第一批历史建筑名录的通知");
        assert!(
            d.body.contains("名称：老邮局旧址") && d.body.contains("状态：保存完好"),
            "{}",
            d.body
        );
        let d = txt("行政处罚决定信息公示\n名称：某某建材有限公司\n统一社会信用代码：91530000123456789X\n处罚事由：未按规定办理。");
        assert_eq!(d.title, "行政处罚决定信息公示");
        assert!(d.body.contains("名称：某某建材有限公司"), "{}", d.body);
        // A label left empty does not take the title as its value.
        let d = txt(&format!(
            "公开方式: 主动公开 文号:\n关于公开征求意见的通知\n各单位：\n现公开征求意见。{sign}"
        ));
        assert_eq!(d.title, "关于公开征求意见的通知");
        assert!(d.doc_numbers.is_empty());
        // Numbers in brackets under the title, beside the signer, at the end of the title.
        for (text, title) in [
            (format!("关于开展甲项工作的通知\n（某政发〔2018〕21号）\n各区县人民政府：\n现通知如下。{sign}"), "关于开展甲项工作的通知"),
            (format!("某某市人民政府文件\n某政发〔2018〕21号        签发人：张三\n关于开展甲项工作的请示\n省人民政府：\n现请示如下。{sign}"), "关于开展甲项工作的请示"),
            (format!("关于开展甲项工作的通知（某政发〔2018〕21号）\n各区县人民政府：\n现通知如下。{sign}"), "关于开展甲项工作的通知（某政发〔2018〕21号）"),
        ] {
            let d = txt(&text);
            assert_eq!(d.title, title, "{text}");
            assert_eq!(d.doc_numbers.first().map(|n| n.canonical()).as_deref(), Some("某政发〔2018〕21号"), "{text}");
        }
        // Lines above the title that are not it: a label the reader does not know, a date.
        for head in ["体裁分类：通知", "2018年12月20日"] {
            let d = txt(&format!(
                "{head}\n关于加强冬季安全生产工作的通知\n各区县人民政府：\n现通知如下。{sign}"
            ));
            assert_eq!(d.title, "关于加强冬季安全生产工作的通知", "{head}");
        }
        // Letter-spaced titles; words apart stay apart.
        assert_eq!(
            unspaced("关 于 开 展 森 林 防 火 工 作 的 通 知"),
            "关于开展森林防火工作的通知"
        );
        assert_eq!(unspaced("关于印发实施方案的通  知"), "关于印发实施方案的通知");
        assert_eq!(
            unspaced("国务院 中央军委关于印发条例的通知"),
            "国务院 中央军委关于印发条例的通知"
        );
        // A page that starts with its salutation is titled by its file's name.
        let d = read(
            &format!("各区县人民政府，市政府各部门：\n现就有关事项通知如下。{sign}"),
            Flavour::Text,
            Path::new("关于开展甲项工作的通知.txt"),
            &opts,
        )
        .unwrap();
        assert_eq!(d.title, "关于开展甲项工作的通知");
        // Or by its first sentence when the name is none.
        let d = read(
            &format!("各区县人民政府，市政府各部门：\n为进一步优化住房公积金贷款政策，支持缴存职工合理住房需求，现就有关事项通知如下。{sign}"),
            Flavour::Text,
            Path::new("China-Real-E-0190a40138a01d72.txt"),
            &opts,
        )
        .unwrap();
        assert_eq!(d.title, "为进一步优化住房公积金贷款政策，支持缴存职工合理住房需求，现…");
        // A numbered list's last item is no signature; a label on the title line is no title;
        // a page number above the title is none; a system's name for a new file is no title.
        let d = txt("关于公布试点单位名单的通知\n各单位：\n现将第一批试点单位名单公布如下。\n1.某某市第一中学\n2.某某市人民医院\n3.某某县人民政府");
        assert!(d.issuers.is_empty(), "{:?}", d.issuers);
        let d = txt(&format!(
            "名称：关于开展2024年度评优工作的通知\n各单位：\n现通知如下。{sign}"
        ));
        assert_eq!(d.title, "关于开展2024年度评优工作的通知");
        let d = txt(&format!("— 1 —\n关于开展甲项工作的通知\n各单位：\n现通知如下。{sign}"));
        assert_eq!(d.title, "关于开展甲项工作的通知");
        let d = read(
            &format!("各区县人民政府：\n现就有关事项通知如下。{sign}"),
            Flavour::Text,
            Path::new("新建文本文档 (2).txt"),
            &opts,
        )
        .unwrap();
        assert_eq!(d.title, "现就有关事项通知如下");
        let html = "<html><head><title>Microsoft Word - 关于开展评优工作的通知.docx</title></head><body>\
                    <p>各单位：</p><p>现就开展评优工作通知如下。</p></body></html>";
        let d = read(html, Flavour::Html, Path::new("w2.html"), &opts).unwrap();
        assert_eq!(d.title, "关于开展评优工作的通知");
        // Word's file name is no title when it names no document.
        let html = "<html><head><title>Microsoft Word - 某政办发59号.docx</title></head><body>\
                    <p>关于印发某某市实施方案的通知</p><p>各区县人民政府：</p><p>现印发给你们。</p></body></html>";
        let d = read(html, Flavour::Html, Path::new("w.html"), &opts).unwrap();
        assert_eq!(d.title, "关于印发某某市实施方案的通知");
        // A site's error page is no document.
        let html = "<html><head><title>404 页面不存在</title></head><body><p>404</p>\
                    <p>抱歉，您访问的页面不存在或已被删除！</p><p>返回首页</p></body></html>";
        assert!(read(html, Flavour::Html, Path::new("e.html"), &opts).is_err());
        // The signature above an attachment's own dates.
        let d = txt("关于做好春节值班工作的通知\n各单位：\n现将值班安排通知如下。\n某某市人民政府办公室\n2019年1月20日\n附件\n春节值班表\n日期\n值班领导\n2019年2月4日\n张三\n2019年2月5日\n李四\n2019年2月10日\n王五");
        assert_eq!(d.written.map(|d| d.to_string()).as_deref(), Some("2019-01-20"));
        assert_eq!(d.issuers, ["某某市人民政府办公室"]);
        // A title wrapped over two lines that ends with a genre word no kind lists, or whose
        // first line looks whole (QA ingest pass, sixteenth session).
        for (first, second) in [
            ("最高人民法院关于审理危害军事通信刑事案件具体", "应用法律若干问题的解释"),
            ("全国人民代表大会常务委员会关于批准某某", "协定的决议"),
            ("国务院关于河北雄安新区总体规划", "（2018—2035年）的批复"),
            (
                "最高人民法院关于适用《中华人民共和国民法典》",
                "合同编通则若干问题的解释（二）",
            ),
        ] {
            let d = txt(&format!(
                "某某文件\n{first}\n{second}\n各有关单位：\n现将有关事项通知如下。"
            ));
            assert_eq!(d.title, format!("{first}{second}"));
        }
        // A signed attachment after the signature (a report, with its own organ and date). See
        // (QA ingest pass, sixteenth session): the document took its attachment's.
        let d = txt("国务院办公厅关于同意某事的复函\n国土资源部：\n你部关于某事的请示收悉。经国务院同意，现函复如下。\n国务院办公厅\n二〇〇四年十一月四日\n附件1\n关于某事的报告\n国务院：\n现将有关情况报告如下。\n国土资源部\n二〇〇四年十月十日");
        assert_eq!(d.written.map(|d| d.to_string()).as_deref(), Some("2004-11-04"));
        assert_eq!(d.issuers, ["国务院办公厅"]);
        // A signature without a date (or with one that is none).
        for tail in ["", "\n2018年2月30日"] {
            let d = txt(&format!(
                "关于开展甲项工作的通知\n各单位：\n现通知如下。\n某某市住房和城乡建设局{tail}"
            ));
            assert_eq!(d.issuers, ["某某市住房和城乡建设局"], "{tail}");
        }
    }

    #[test]
    fn the_header_ends_at_the_first_sentence() {
        let mut lines: Vec<String> = [
            "欢迎访问！",
            "公开方式：",
            "不予公开",
            "关于甲事项的通知",
            "为进一步做好有关工作，经研究决定，现将有关事项通知如下。",
            "公开方式：线上线下结合",
        ]
        .map(String::from)
        .to_vec();
        let mut meta = Vec::new();
        header(&mut lines, &mut meta, false);
        assert_eq!(meta, [(Field::Disclosure, "不予公开".to_owned())]);
        assert_eq!(lines[1], "关于甲事项的通知");
        assert_eq!(lines.last().map(String::as_str), Some("公开方式：线上线下结合"));
    }

    // See: a title wrapped over two lines kept only its first (and the page's kind was
    // `other`), and a document under its masthead (`绿春县人民政府文件`) was titled by it.
    #[test]
    fn titles_below_the_masthead_and_over_two_lines() {
        let title = |text: &str| {
            let lines: Vec<String> = text.lines().map(str::to_owned).collect();
            text_title(&lines).unwrap_or_default()
        };
        let body = "各乡镇人民政府，县直各部门：\n现将有关事项通知如下。\n绿春县人民政府办公室\n2018年12月20日";
        for (text, want) in [
            // Wrapped: the first line ends with no genre word, the two together do.
            (
                format!("绿春县人民政府办公室关于印发绿春县2018年\n安全生产工作要点的通知\n绿政办发〔2018〕59号\n{body}"),
                "绿春县人民政府办公室关于印发绿春县2018年安全生产工作要点的通知",
            ),
            // Masthead, copy number, urgency, number, then the issuer above 关于…的决定.
            (
                format!("000123\n特急\n绿春县人民政府文件\n绿政发〔2018〕12号\n绿春县人民政府\n关于表彰2017年度先进集体的决定\n{body}"),
                "绿春县人民政府关于表彰2017年度先进集体的决定",
            ),
            // Three lines.
            (
                format!("国务院办公厅\n关于进一步加强\n政务公开工作的意见\n{body}"),
                "国务院办公厅关于进一步加强政务公开工作的意见",
            ),
            // A one-line title is left alone; so is the line after it.
            (format!("关于做好安全生产工作的通知\n（此件公开发布）\n{body}"), "关于做好安全生产工作的通知"),
            // No genre word anywhere: the first line, never the salutation or a sentence.
            (format!("春季森林防火工作安排\n{body}"), "春季森林防火工作安排"),
            (format!("绿春县2018年工作情况\n今年以来，全县上下共同努力。\n{body}"), "绿春县2018年工作情况"),
            // A site's top bar and breadcrumb are no title.
            (
                format!("无障碍 | 长者模式 | 登录\n首页 > 政务公开 > 通知公告\n关于做好安全生产工作的通知\n{body}"),
                "关于做好安全生产工作的通知",
            ),
            (format!("当前位置：首页\n关于做好安全生产工作的通知\n{body}"), "关于做好安全生产工作的通知"),
            // A title that ends with 文件 is a title when it says 关于 or 的.
            ("关于清理规范性文件\n的决定\n正文。".to_owned(), "关于清理规范性文件的决定"),
        ] {
            assert_eq!(title(&text), want, "{text}");
        }
        // A page of one line is its own title; a page of nothing has none.
        assert_eq!(title("绿春县人民政府文件"), "绿春县人民政府文件");
        assert_eq!(text_title(&[]), None);
    }

    #[test]
    fn whole_line_numbers_only() {
        assert!(whole_number("国发〔2002〕5号"));
        assert!(whole_number("中华人民共和国国务院令第485号"));
        assert!(!whole_number("根据国发〔2002〕5号文件精神，制定本办法。"));
        assert!(!whole_number("的通知徐政办发〔2018〕89号"));
    }

    // See (QA leak pass, seventeenth session): page forms that left pages public: `<meta>`
    // names and hidden fields, label and value in two elements, other colons, front matter in
    // a `.txt` page, flags kept from search and lists, marks and notes in pages.
    #[test]
    fn more_page_forms_restrict() {
        let body = "各区县人民政府：\n为做好有关工作，现将有关事项通知如下。请认真执行。\n某某市住房和城乡建设局\n2023年1月5日";
        let html = |head: &str, top: &str, foot: &str| {
            format!(
                "<html><head><title>关于开展甲项工作的通知</title>{head}</head><body>{top}<h1>关于开展甲项工作的通知</h1><p>{}</p>{foot}</body></html>",
                body.replace('\n', "</p><p>")
            )
        };
        let read_as = |page: &str, flavour: Flavour| {
            read(page, flavour, Path::new("a.html"), &ReadOptions::default()).map(|d| d.disclosure)
        };
        let pages = [
            html("<meta property=\"article:disclosure\" content=\"not_public\">", "", ""),
            html("<meta name=\"ColumnName\" content=\"内部文件\">", "", ""),
            html("<meta name=\"ColumnType\" content=\"不予公开目录\">", "", ""),
            html("<meta name=\"ContentSource\" content=\"内部资料\">", "", ""),
            html("<meta name=\"Keywords\" content=\"内部资料,请勿外传\">", "", ""),
            html("", "<input type=\"hidden\" name=\"sfgk\" value=\"0\">", ""),
            html("", "<p><strong>是否公开</strong>否</p>", ""),
            html("", "<table><tr><td>公开方式∶不予公开</td></tr></table>", ""),
            html("", "<table><tr><td>开放状态：</td><td>控制使用</td></tr></table>", ""),
            html(
                "",
                "<table><tr><td><sup>*</sup>公开方式：</td><td>不予公开</td></tr></table>",
                "",
            ),
            html("", "<p>内部掌握</p>", ""),
            html("", "<p>秘密★1年 国务院办公厅文件</p>", ""),
            html("", "", "<p>（此件不登报、不上网）</p>"),
            html("", "", "<p>（此件发至县级）</p>"),
            html("", "", "<p>（此件不予公开，请各单位注意保密）</p>"),
            html("", "", "").replace("<h1>", "<h1>【内部资料】"),
        ];
        for page in &pages {
            assert_ne!(
                read_as(page, Flavour::Html).ok(),
                Some(gongwen_schema::Disclosure::Public),
                "{page}"
            );
        }
        for top in [
            "---\ndraft: yes\n---\n",
            "---\nprivate: true\n---\n",
            "---\npublished: no\n---\n",
            "---\nunlisted: true\n---\n",
            "---\nsearchable: false\n---\n",
            "---\nexclude_search: true\n---\n",
            "---\n_build:\n  list: never\n---\n",
            "+++\n公开方式 = \"依申请\"\n+++\n",
            "+++\npublic = false\n+++\n",
            "+++\n[params]\ndisclosure = \"not_public\"\n+++\n",
            "标题∶x\n公开方式∶不予公开\n\n",
            "开放状态：控制\n\n",
            "**公开方式** 依申请公开\n\n",
            "公开方式\n: 不予公开\n\n",
        ] {
            let page = format!("{top}关于开展甲项工作的通知\n{body}\n");
            for flavour in [Flavour::Text, Flavour::Markdown] {
                assert_ne!(
                    read_as(&page, flavour).ok(),
                    Some(gongwen_schema::Disclosure::Public),
                    "{flavour:?} {top}"
                );
            }
        }
        for public in [
            html("<meta name=\"keywords\" content=\"保密,国家秘密,定密\">", "", ""),
            html(
                "",
                "<table><tr><td>公开方式：</td><td>主动公开</td></tr><tr><td>密级：</td><td>非密</td></tr></table>",
                "",
            ),
            html("", "", "<p>开放状态：保持开放。</p>"),
            html("", "", "<p>凡注明（此件不予公开）的文件，一律不得上网。</p>"),
            format!("---\ndraft: false\n---\n关于开展甲项工作的通知\n{body}\n"),
            format!("---\n密级: 非密\n---\n关于开展甲项工作的通知\n{body}\n"),
        ] {
            let flavour = if public.starts_with('<') {
                Flavour::Html
            } else {
                Flavour::Text
            };
            assert_eq!(
                read_as(&public, flavour).ok(),
                Some(gongwen_schema::Disclosure::Public),
                "{public}"
            );
        }
    }

    // See (QA leak pass, seventeenth session): labelled lines with other separators, archive
    // and distribution labels, and forms ticked after the word, in a record's text.
    // See (QA over-restriction pass, seventeenth session): a yes or no under a label about
    // something else that names publication restricted a public page.
    #[test]
    fn a_no_under_a_label_about_something_else_is_no_restriction() {
        let body = "各区县人民政府：\n为做好有关工作，现将有关事项通知如下。请认真执行。\n某某市人民政府\n2023年1月5日";
        for line in [
            "是否公开征求意见：否",
            "是否发布政策解读：否",
            "公示期：无",
            "外网链接：无",
        ] {
            let page = format!("标题：关于开展甲项工作的通知\n{line}\n{body}");
            let d = read(&page, Flavour::Text, Path::new("a.txt"), &ReadOptions::default()).unwrap();
            assert_eq!(d.disclosure, gongwen_schema::Disclosure::Public, "{line}");
        }
        for line in ["是否公开：否", "是否外网发布：否", "信息公开类别：不予公开"] {
            let page = format!("标题：关于开展甲项工作的通知\n{line}\n{body}");
            let d = read(&page, Flavour::Text, Path::new("a.txt"), &ReadOptions::default()).unwrap();
            assert_eq!(d.disclosure, gongwen_schema::Disclosure::NotPublic, "{line}");
        }
    }

    #[test]
    fn labelled_lines_with_other_separators_restrict() {
        let opts = ReadOptions::default();
        let text = "各区人民政府：\n现将有关事项通知如下。\n某某市人民政府办公室\n2019年4月1日";
        for line in [
            "公开方式∶不予公开",
            "是否公开∶否",
            "公开属性﹕不予公开",
            "公开方式︰不予公开",
            "公开方式=不予公开",
            "公开方式＝不予公开",
            "公开方式->不予公开",
            "公开方式→不予公开",
            "公开方式／不予公开",
            "公开方式|不予公开",
            "《公开方式》不予公开",
            "开放状态：控制使用",
            "开放状态：延期开放",
            "发布范围：党内",
            "发布范围：系统内部",
            "公开方式：党内公开",
            "印发范围：内部",
            "阅知范围：县处级以上领导干部",
            "是否上网：否",
            "上网：否",
            "是否对外：否",
        ] {
            let stated = stated_restrictions(&format!("{text}\n{line}"));
            assert_ne!(
                crate::record::disclosure(&stated, &opts),
                Ok(gongwen_schema::Disclosure::Public),
                "{line}"
            );
        }
        for line in [
            "开放状态：保持开放。",
            "公开方式：主动公开□ 依申请公开□ 不予公开□",
            "坚持改革开放，推动上网办事。",
            "公开方式：主动公开；依申请公开。",
        ] {
            let stated = stated_restrictions(&format!("{text}\n{line}"));
            assert_eq!(
                crate::record::disclosure(&stated, &opts),
                Ok(gongwen_schema::Disclosure::Public),
                "{line}"
            );
        }
    }
}
