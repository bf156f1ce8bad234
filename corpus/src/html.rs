//! A small, careful HTML-to-text converter for government web pages.
//!
//! Not a full HTML parser: it walks tags and text once, drops `script`, `style` and comments, turns block elements (and table cells) into line breaks, collapses
//! whitespace inside text like a browser, and decodes entities (`&nbsp; &amp; &lt; &gt; &quot;
//! &#NNNN; &#xHHHH;` and a few named ones). It collects `<title>` and `<meta name content>`
//! pairs for the page reader. It never panics: every slice starts and ends at an ASCII `<`, `>`
//! or `&`, which are char boundaries.

/// What a page gives besides its text.
#[derive(Debug, Default, Clone, PartialEq)]
pub(crate) struct Page {
    pub text: String,
    pub title: Option<String>,
    pub meta: Vec<(String, String)>,
}

/// Convert HTML to text, one block a line.
pub fn html_to_text(html: &str) -> String {
    parse(html).text
}

const BLOCK: &[&str] = &[
    "p",
    "div",
    "br",
    "tr",
    "td",
    "th",
    "li",
    "ul",
    "ol",
    "dl",
    "dt",
    "dd",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "table",
    "tbody",
    "thead",
    "section",
    "article",
    "header",
    "footer",
    "nav",
    "blockquote",
    "pre",
    "hr",
    "form",
    "center",
    "main",
    "aside",
    "figure",
    "figcaption",
    "caption",
    "address",
];

pub(crate) fn parse(html: &str) -> Page {
    let mut page = Page::default();
    let mut out = String::with_capacity(html.len() / 2);
    let mut title: Option<String> = None;
    let mut in_title = false;
    let mut i = 0;
    let len = html.len();
    while i < len {
        let rest = &html[i..];
        if let Some(comment) = rest.strip_prefix("<!--") {
            i = match comment.find("-->") {
                Some(e) => i + 4 + e + 3,
                None => len,
            };
            continue;
        }
        if rest.starts_with('<') {
            let Some(end) = tag_end(rest) else {
                // A lone '<': text.
                push_text(
                    if in_title {
                        title.get_or_insert_with(String::new)
                    } else {
                        &mut out
                    },
                    "<",
                );
                i += 1;
                continue;
            };
            let inner = &rest[1..end];
            i += end + 1;
            let (closing, name, attrs) = split_tag(inner);
            match name.as_str() {
                "script" | "style" | "noscript" | "template" if !closing => {
                    i = match find_ci(&html[i..], &format!("</{name}")) {
                        Some(p) => {
                            let after = i + p;
                            match html[after..].find('>') {
                                Some(g) => after + g + 1,
                                None => len,
                            }
                        }
                        None => len,
                    };
                }
                "title" => {
                    in_title = !closing;
                    if !closing {
                        title.get_or_insert_with(String::new);
                    }
                }
                "meta" => {
                    let get = |k: &str| attrs.iter().find(|(a, _)| a == k).map(|(_, v)| decode_entities(v));
                    if let (Some(n), Some(c)) = (get("name").or_else(|| get("property")), get("content")) {
                        page.meta.push((n.trim().to_owned(), c.trim().to_owned()));
                    }
                }
                n if BLOCK.contains(&n) && !out.is_empty() && !out.ends_with('\n') => out.push('\n'),
                _ => {}
            }
            continue;
        }
        let next = rest.find('<').unwrap_or(rest.len());
        let text = decode_entities(&rest[..next]);
        push_text(
            if in_title {
                title.get_or_insert_with(String::new)
            } else {
                &mut out
            },
            &text,
        );
        i += next;
    }
    page.text = out
        .lines()
        .map(|l| l.trim_matches(|c: char| c == ' ' || c == '\u{a0}'))
        .filter(|l| !l.is_empty())
        .collect::<Vec<_>>()
        .join("\n");
    page.title = title.map(|t| t.trim().to_owned()).filter(|t| !t.is_empty());
    page
}

/// Append text, collapsing whitespace runs (as a browser does) to one space.
fn push_text(out: &mut String, text: &str) {
    for c in text.chars() {
        if c.is_whitespace() && c != '\u{a0}' && c != '\u{3000}' {
            if !out.is_empty() && !out.ends_with([' ', '\n']) {
                out.push(' ');
            }
        } else {
            out.push(c);
        }
    }
}

/// The byte index of the `>` closing the tag that starts `s` (which starts with `<`), honouring
/// quoted attribute values. `None` when `s` does not start a tag.
pub(crate) fn tag_end(s: &str) -> Option<usize> {
    let second = s[1..].chars().next()?;
    if !(second.is_ascii_alphabetic() || second == '/' || second == '!' || second == '?') {
        return None;
    }
    let mut quote: Option<char> = None;
    for (j, c) in s.char_indices().skip(1) {
        match (quote, c) {
            (Some(q), c) if c == q => quote = None,
            (Some(_), _) => {}
            (None, '"' | '\'') => quote = Some(c),
            (None, '>') => return Some(j),
            (None, '<') => return None,
            _ => {}
        }
    }
    None
}

/// `(closing, lowercase name, attributes)` of a tag's inside.
pub(crate) fn split_tag(inner: &str) -> (bool, String, Vec<(String, String)>) {
    let closing = inner.starts_with('/');
    let body = inner.trim_start_matches('/');
    let name_end = body
        .find(|c: char| c.is_whitespace() || c == '/' || c == '>')
        .unwrap_or(body.len());
    let name = body[..name_end].to_ascii_lowercase();
    let mut attrs = Vec::new();
    let mut rest = &body[name_end..];
    loop {
        rest = rest.trim_start_matches(|c: char| c.is_whitespace() || c == '/');
        if rest.is_empty() {
            break;
        }
        let k_end = rest
            .find(|c: char| c.is_whitespace() || c == '=' || c == '/')
            .unwrap_or(rest.len());
        let key = rest[..k_end].to_ascii_lowercase();
        rest = rest[k_end..].trim_start();
        let mut value = String::new();
        if let Some(r) = rest.strip_prefix('=') {
            let r = r.trim_start();
            if let Some(q) = r.chars().next().filter(|c| *c == '"' || *c == '\'') {
                let r2 = &r[1..];
                let e = r2.find(q).unwrap_or(r2.len());
                value = r2[..e].to_owned();
                rest = r2.get(e + 1..).unwrap_or("");
            } else {
                let e = r.find(char::is_whitespace).unwrap_or(r.len());
                value = r[..e].to_owned();
                rest = &r[e..];
            }
        } else if k_end == 0 {
            // Not an attribute character at all: skip one char.
            let skip = rest.chars().next().map_or(1, char::len_utf8);
            rest = &rest[skip..];
            continue;
        }
        if !key.is_empty() {
            attrs.push((key, value));
        }
    }
    (closing, name, attrs)
}

/// Case-insensitive find of an ASCII needle.
pub(crate) fn find_ci(hay: &str, needle: &str) -> Option<usize> {
    let h = hay.as_bytes();
    let n = needle.as_bytes();
    if n.is_empty() || h.len() < n.len() {
        return None;
    }
    (0..=h.len() - n.len()).find(|&s| h[s..s + n.len()].eq_ignore_ascii_case(n))
}

/// Decode character references; unknown or malformed ones stay as written.
pub(crate) fn decode_entities(s: &str) -> String {
    if !s.contains('&') {
        return s.to_owned();
    }
    let mut out = String::with_capacity(s.len());
    let mut rest = s;
    while let Some(p) = rest.find('&') {
        out.push_str(&rest[..p]);
        rest = &rest[p..];
        let semi = rest[1..].find(';').map(|e| e + 1).filter(|e| *e <= 12);
        let decoded = semi.and_then(|e| entity(&rest[1..e]).map(|c| (c, e)));
        match decoded {
            Some((c, e)) => {
                out.push(c);
                rest = &rest[e + 1..];
            }
            None => {
                out.push('&');
                rest = &rest[1..];
            }
        }
    }
    out.push_str(rest);
    out
}

fn entity(name: &str) -> Option<char> {
    if let Some(num) = name.strip_prefix('#') {
        let code = match num.strip_prefix(['x', 'X']) {
            Some(hex) => u32::from_str_radix(hex, 16).ok()?,
            None => num.parse::<u32>().ok()?,
        };
        return char::from_u32(code).filter(|c| *c != '\0');
    }
    Some(match name {
        "nbsp" => '\u{a0}',
        "amp" => '&',
        "lt" => '<',
        "gt" => '>',
        "quot" => '"',
        "apos" => '\'',
        "ldquo" => '“',
        "rdquo" => '”',
        "lsquo" => '‘',
        "rsquo" => '’',
        "mdash" => '—',
        "ndash" => '–',
        "hellip" => '…',
        "middot" => '·',
        "emsp" => '\u{2003}',
        "ensp" => '\u{2002}',
        "ideographicspace" => '\u{3000}',
        "times" => '×',
        "copy" => '©',
        _ => return None,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn blocks_entities_and_chrome() {
        let html = r#"<!DOCTYPE html><html><head><meta charset="gbk"><title>国务院关于印发电力体制改革方案的通知_政府信息公开专栏</title>
<meta name="ArticleTitle" content="国务院关于印发电力体制改革方案的通知">
<style>p { color: red }</style><script>var a = "<p>no</p>";</script></head>
<body><!-- nav --><div>国发&#12308;2002&#x3015;5号</div><p>各省、自治区&nbsp;人民政府：<br>现将&lt;方案&gt;印发给你们&amp;遵照执行。</p>
<table><tr><td>成文日期：</td><td>2002年2月10日</td></tr></table>a < b &unknown; &#99999999;</body></html>"#;
        let p = parse(html);
        assert_eq!(
            p.title.as_deref(),
            Some("国务院关于印发电力体制改革方案的通知_政府信息公开专栏")
        );
        assert_eq!(
            p.meta,
            [(
                "ArticleTitle".to_owned(),
                "国务院关于印发电力体制改革方案的通知".to_owned()
            )]
        );
        assert_eq!(
            p.text,
            "国发〔2002〕5号\n各省、自治区\u{a0}人民政府：\n现将<方案>印发给你们&遵照执行。\n成文日期：\n2002年2月10日\na < b &unknown; &#99999999;"
        );
    }
}

#[cfg(test)]
mod props {
    use super::*;
    use proptest::prelude::*;

    proptest! {
        #[test]
        fn never_panics(s in "(\\PC|<|>|&|;|#|x|/|\"|'|=|<p>|<br/>|<script>|</script>|<!--|-->|&#x|&#|&nbsp;|<meta name=|<title>|国){0,80}") {
            let p = parse(&s);
            prop_assert!(!p.text.contains("\n\n"));
        }

        #[test]
        fn plain_text_survives(s in "[^<&\\s]{1,40}") {
            prop_assert_eq!(html_to_text(&s), s.trim());
        }
    }
}
