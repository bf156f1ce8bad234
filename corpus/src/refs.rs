//! References a text makes to other documents: `《title》（number）`, a bare number, or a
//! `《title》` alone.
//!
//! A `《…》` is read as a title when it holds at least four characters and no line break;
//! `〈〉` inside it (`《国务院关于修改〈…〉的决定》`) are part of the title. A number is tied to
//! the title when it is the first thing inside the bracket that follows `》`
//! (`《…》（国办发〔2015〕46号）`, `《…》(财税(2013)101号)`). Every other number the text
//! holds is a bare reference. The result is deduplicated, in order of first appearance.

use gongwen_schema::{extract, normalize_title, normalized_chars, DocNumber, FoundNumber, Reference};

/// Shortest title read as a document title, in characters.
const MIN_TITLE: usize = 4;
/// Longest title read, in characters (an unclosed 《 must not swallow a page).
const MAX_TITLE: usize = 120;

/// A `《title》` found in text, with the byte range of the whole citation (title and any
/// bracketed number after it).
#[derive(Debug, Clone)]
pub(crate) struct FoundRef {
    pub reference: Reference,
    pub start: usize,
    pub end: usize,
}

/// Every `《title》`, with the number that follows it in brackets when there is one.
pub(crate) fn titles(text: &str, numbers: &[FoundNumber]) -> Vec<FoundRef> {
    let mut out = Vec::new();
    let mut i = 0;
    while let Some(rel) = text[i..].find('《') {
        let open = i + rel;
        let inner_from = open + '《'.len_utf8();
        let mut depth = 1usize;
        let mut close = None;
        for (k, c) in text[inner_from..].char_indices() {
            match c {
                '《' => depth += 1,
                '》' => {
                    depth -= 1;
                    if depth == 0 {
                        close = Some(inner_from + k);
                        break;
                    }
                }
                '\n' => break,
                _ => {}
            }
            if k > MAX_TITLE * 4 {
                break;
            }
        }
        let Some(close) = close else {
            i = inner_from;
            continue;
        };
        let title = text[inner_from..close].trim();
        let after = close + '》'.len_utf8();
        i = after;
        let n = title.chars().count();
        if !(MIN_TITLE..=MAX_TITLE).contains(&n) || normalized_chars(title).nth(MIN_TITLE - 1).is_none() {
            continue;
        }
        let mut end = after;
        let mut number = None;
        // A bracket right after 》, whose first content is a number.
        let rest = &text[after..];
        let lead = rest.len() - rest.trim_start_matches([' ', '\u{3000}']).len();
        let mut chars = rest[lead..].chars();
        if let Some(b) = chars
            .next()
            .filter(|c| matches!(c, '（' | '(' | '〔' | '[' | '［' | '【'))
        {
            let inside = after + lead + b.len_utf8();
            if let Some(f) = numbers.iter().find(|f| f.start >= inside && f.start <= inside + 3) {
                if text[inside..f.start].trim().is_empty() {
                    number = Some(f.number.clone());
                    end = f.end;
                }
            }
        }
        out.push(FoundRef {
            reference: Reference {
                title: Some(title.to_string()),
                number,
            },
            start: open,
            end,
        });
    }
    out
}

/// Every reference of `text` except to the document itself (`own_numbers`, `own_title`).
pub fn references(text: &str, own_numbers: &[DocNumber], own_title: &str) -> Vec<Reference> {
    references_among(text, &extract(text), own_numbers, own_title)
}

/// [`references`] given the numbers already extracted from `text` (in order).
pub(crate) fn references_among(
    text: &str,
    numbers: &[FoundNumber],
    own_numbers: &[DocNumber],
    own_title: &str,
) -> Vec<Reference> {
    let found = titles(text, numbers);
    let own_norm = normalize_title(own_title);
    let mut out: Vec<Reference> = Vec::new();
    // The normalised title of each reference in `out`, made once: comparing every new
    // reference with every kept one normalised both titles again each time (a law citing
    // fifty documents made thousands of strings; 1.7% of indexing gov_docs).
    let mut out_norms: Vec<Option<String>> = Vec::new();
    let mut push = |r: Reference| {
        if r.number.as_ref().is_some_and(|n| own_numbers.contains(n)) {
            return;
        }
        let norm = r.title.as_deref().map(normalize_title);
        if r.number.is_none() && norm.as_ref().is_some_and(|t| *t == own_norm) {
            return;
        }
        let dup = out
            .iter()
            .zip(&out_norms)
            .any(|(o, n)| o.number == r.number && *n == norm);
        if !dup {
            out.push(r);
            out_norms.push(norm);
        }
    };
    // Interleave titled references and bare numbers by position.
    let mut t = found.iter().peekable();
    for f in numbers {
        while let Some(r) = t.next_if(|r| r.start <= f.start) {
            push(r.reference.clone());
        }
        let tied = found
            .iter()
            .any(|r| r.start <= f.start && f.end <= r.end && r.reference.number.is_some());
        if !tied {
            push(Reference {
                title: None,
                number: Some(f.number.clone()),
            });
        }
    }
    for r in t {
        push(r.reference.clone());
    }
    // A bare number that a titled reference also carries adds nothing.
    let titled: Vec<DocNumber> = out
        .iter()
        .filter(|r| r.title.is_some())
        .filter_map(|r| r.number.clone())
        .collect();
    out.retain(|r| r.title.is_some() || r.number.as_ref().is_none_or(|n| !titled.contains(n)));
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn n(s: &str) -> DocNumber {
        DocNumber::parse(s).expect("number")
    }

    /// Each reference as (title, canonical number).
    fn shown(refs: &[Reference]) -> Vec<(Option<&str>, Option<String>)> {
        refs.iter()
            .map(|r| (r.title.as_deref(), r.number.as_ref().map(DocNumber::canonical)))
            .collect()
    }

    #[test]
    fn titled_bare_and_title_only() {
        let text = "根据《红河州人民政府办公室关于印发分工方案的通知》(红政办函〔2018〕31号)的要求，\
                    按照国发〔2016〕55号和《中华人民共和国政府信息公开条例》，参照《通知》，\
                    《绿春县人民政府办公室关于进一步规范公文标识的通知》（绿政办发［2018］59号），\
                    再次根据红政办函〔2018〕31号。";
        let refs = references(text, &[n("绿政办发〔2018〕59号")], "本文");
        assert_eq!(
            shown(&refs),
            [
                (
                    Some("红河州人民政府办公室关于印发分工方案的通知"),
                    Some("红政办函〔2018〕31号".to_string())
                ),
                (None, Some("国发〔2016〕55号".to_string())),
                (Some("中华人民共和国政府信息公开条例"), None),
            ]
        );
    }

    #[test]
    fn own_title_nested_marks_and_unclosed() {
        let text = "《国务院关于修改〈中华人民共和国专利法实施细则〉的决定》已经通过。《自身标题的通知》。《未闭合的标题\n下一行》";
        let refs = references(text, &[], "自身标题的通知");
        assert_eq!(refs.len(), 1);
        assert_eq!(
            refs[0].title.as_deref(),
            Some("国务院关于修改〈中华人民共和国专利法实施细则〉的决定")
        );
    }

    #[test]
    fn a_title_cited_twice_in_two_spellings_is_one_reference() {
        // The normalised titles of kept references are made once and compared (see
        // `references_among`): spellings that normalise alike are one reference, titles that
        // differ, or the same title with another number, are not.
        let text = "依据《关于 做好政务公开工作的通知》和《关于做好政务公开工作的通知。》，\
                    以及《关于做好政务公开工作的意见》、《关于做好政务公开工作的通知》（国办发〔2016〕8号）。";
        let refs = references(text, &[], "本文");
        assert_eq!(
            shown(&refs),
            [
                (Some("关于 做好政务公开工作的通知"), None),
                (Some("关于做好政务公开工作的意见"), None),
                (
                    Some("关于做好政务公开工作的通知"),
                    Some("国办发〔2016〕8号".to_string())
                ),
            ]
        );
    }

    #[test]
    fn number_in_parentheses_with_parenthesised_year() {
        let refs = references("执行《关于营业税的通知》(财税(2013)101号)。", &[], "");
        assert_eq!(refs.len(), 1);
        assert_eq!(refs[0].number, Some(n("财税〔2013〕101号")));
    }
}
