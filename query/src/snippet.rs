//! Highlighted snippets, correct on Chinese text.
//!
//! Matching is done on characters, never bytes: the text and the needles are folded one
//! character for one character ([`gongwen_schema::fold_char`] plus lowercase), matches are
//! character ranges, and the window is cut on characters. Offsets in [`Snippet`] count
//! characters (Unicode scalar values) of `text`.

use gongwen_schema::fold_char;
use serde::Serialize;

/// A piece of text with the ranges to highlight.
#[derive(Debug, Clone, Serialize, PartialEq, Eq, Default)]
pub struct Snippet {
    /// The text shown (a window of the original, `…` where cut).
    pub text: String,
    /// Highlighted ranges in `text`, as [start, end) character offsets, sorted, disjoint.
    pub highlights: Vec<(usize, usize)>,
    /// `text` HTML-escaped, highlights wrapped in `<em>`.
    pub html: String,
}

/// How many characters of a long text are searched for a window.
const SCAN_CHARS: usize = 200_000;
/// Matches considered, at most.
const MAX_MATCHES: usize = 2_000;

fn fold(c: char) -> char {
    // Ideographs pass as they are (the full fold's traditional-to-simplified table is the
    // costliest part of cutting a snippet from a long body); brackets, widths and case fold.
    if ('\u{4e00}'..='\u{9fff}').contains(&c) {
        return c;
    }
    let f = fold_char(c);
    if f.is_ascii() {
        f.to_ascii_lowercase()
    } else {
        f
    }
}

/// Needles prepared for matching: folded, deduplicated, longest first.
pub fn prepare(needles: &[String]) -> Vec<Vec<char>> {
    let mut out: Vec<Vec<char>> = needles
        .iter()
        .map(|n| {
            n.chars()
                .filter(|c| !c.is_whitespace())
                .map(fold)
                .collect::<Vec<char>>()
        })
        .filter(|n| !n.is_empty() && n.iter().any(|c| c.is_alphanumeric()))
        .collect();
    out.sort_by(|a, b| b.len().cmp(&a.len()).then(a.cmp(b)));
    out.dedup();
    out
}

/// Matches of `needles` in `chars` (folded): (start, end, needle index), sorted, disjoint
/// (longer needles win).
fn find(chars: &[char], needles: &[Vec<char>]) -> Vec<(usize, usize, usize)> {
    let mut taken = vec![false; chars.len()];
    let mut out = Vec::new();
    for (k, n) in needles.iter().enumerate() {
        if n.len() > chars.len() {
            continue;
        }
        let mut i = 0;
        while i + n.len() <= chars.len() && out.len() < MAX_MATCHES {
            if chars[i] == n[0] && chars[i..i + n.len()] == n[..] && !taken[i..i + n.len()].iter().any(|t| *t) {
                taken[i..i + n.len()].iter_mut().for_each(|t| *t = true);
                out.push((i, i + n.len(), k));
                i += n.len();
            } else {
                i += 1;
            }
        }
    }
    out.sort_unstable();
    out
}

/// The whole of a short text (a title) with its matches highlighted.
pub fn highlight_all(text: &str, needles: &[Vec<char>]) -> Snippet {
    let chars: Vec<char> = text.chars().collect();
    let folded: Vec<char> = chars.iter().map(|c| fold(*c)).collect();
    let matches = find(&folded, needles);
    build(&chars, 0, chars.len(), &matches, false, false)
}

/// A window of about `width` characters of `text` around its best cluster of matches.
pub fn best_window(text: &str, needles: &[Vec<char>], width: usize) -> Snippet {
    let chars: Vec<char> = text.chars().take(SCAN_CHARS).collect();
    let folded: Vec<char> = chars.iter().map(|c| fold(*c)).collect();
    let matches = find(&folded, needles);
    let width = width.max(10);
    // Best window: most distinct needles, then most matches, then earliest.
    let mut best = (0usize, 0usize, 0usize); // (distinct, count, start)
    let mut seen = vec![0u32; needles.len()];
    for (i, m) in matches.iter().enumerate() {
        let start = m.0;
        seen.iter_mut().for_each(|s| *s = 0);
        let mut count = 0;
        for n in matches[i..].iter().take_while(|n| n.1 <= start + width) {
            seen[n.2] += 1;
            count += 1;
        }
        let distinct = seen.iter().filter(|s| **s > 0).count();
        if (distinct, count) > (best.0, best.1) {
            best = (distinct, count, start);
        }
    }
    let start = if best.0 == 0 {
        0
    } else {
        // Some context before the first match, at most a fifth of the window.
        best.2.saturating_sub(width / 5)
    };
    let end = (start + width).min(chars.len());
    let inside: Vec<(usize, usize, usize)> = matches.iter().copied().filter(|m| m.0 >= start && m.1 <= end).collect();
    let total = text.chars().count().min(SCAN_CHARS + 1);
    build(&chars, start, end, &inside, start > 0, end < total)
}

fn escape(c: char, out: &mut String) {
    match c {
        '<' => out.push_str("&lt;"),
        '>' => out.push_str("&gt;"),
        '&' => out.push_str("&amp;"),
        '"' => out.push_str("&quot;"),
        '\'' => out.push_str("&#39;"),
        '\n' | '\r' => out.push(' '),
        _ => out.push(c),
    }
}

fn build(
    chars: &[char],
    start: usize,
    end: usize,
    matches: &[(usize, usize, usize)],
    cut_start: bool,
    cut_end: bool,
) -> Snippet {
    let mut text = String::new();
    let mut html = String::new();
    let mut highlights = Vec::new();
    let shift = usize::from(cut_start);
    if cut_start {
        text.push('…');
        html.push('…');
    }
    let mut mi = matches.iter().peekable();
    let mut i = start;
    while i < end {
        if let Some(&&(ms, me, _)) = mi.peek() {
            if ms == i {
                let me = me.min(end);
                html.push_str("<em>");
                for &c in &chars[ms..me] {
                    text.push(if c == '\n' { ' ' } else { c });
                    escape(c, &mut html);
                }
                html.push_str("</em>");
                highlights.push((ms - start + shift, me - start + shift));
                mi.next();
                i = me;
                continue;
            }
        }
        let c = chars[i];
        text.push(if c == '\n' || c == '\r' { ' ' } else { c });
        escape(c, &mut html);
        i += 1;
    }
    if cut_end {
        text.push('…');
        html.push('…');
    }
    Snippet { text, highlights, html }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn highlights_chinese_on_char_offsets() {
        let needles = prepare(&["政务公开".into(), "公开".into(), "国办发〔2018〕59号".into()]);
        let text = "为做好全县政务公开工作，根据国办发[2018]59号文件精神，现将有关事项通知如下。".repeat(3);
        let s = best_window(&text, &needles, 30);
        assert!(s.html.contains("<em>政务公开</em>"), "{}", s.html);
        let chars: Vec<char> = s.text.chars().collect();
        for (a, b) in &s.highlights {
            let piece: String = chars[*a..*b].iter().collect();
            assert!(
                piece == "政务公开" || piece == "国办发[2018]59号" || piece == "公开",
                "{piece}"
            );
        }
    }

    #[test]
    fn escapes_html() {
        let s = highlight_all("<script>政务</script>", &prepare(&["政务".into()]));
        assert_eq!(s.html, "&lt;script&gt;<em>政务</em>&lt;/script&gt;");
    }

    /// Every highlight of a title or a window is a needle (folded): offsets count characters
    /// of the text shown, on mixed ideographs, brackets, full-width and ASCII.
    mod props {
        use super::*;
        use proptest::prelude::*;

        fn text() -> impl Strategy<Value = String> {
            proptest::collection::vec(
                prop::sample::select(vec!['政', '务', '公', '开', '〔', '[', '2', 'Ａ', 'a', '\n', ' ']),
                0..300,
            )
            .prop_map(|v| v.into_iter().collect())
        }

        proptest! {
            #[test]
            fn highlights_are_needles(t in text(), n1 in "[政务公开]{1,3}", n2 in "[2a]{1,2}") {
                let needles = prepare(&[n1, n2]);
                let s = highlight_all(&t, &needles);
                let chars: Vec<char> = s.text.chars().collect();
                for (a, b) in &s.highlights {
                    let piece: Vec<char> = chars[*a..*b].iter().map(|c| fold(*c)).collect();
                    prop_assert!(needles.contains(&piece), "{:?}", piece);
                }
                let w = best_window(&t, &needles, 20);
                let chars: Vec<char> = w.text.chars().collect();
                for (a, b) in &w.highlights {
                    let piece: Vec<char> = chars[*a..*b].iter().map(|c| fold(*c)).collect();
                    prop_assert!(needles.contains(&piece), "{:?}", piece);
                }
            }
        }
    }

    #[test]
    fn no_match_gives_the_start() {
        let s = best_window("一二三四五六七八九十一二三四五六七八九十", &prepare(&["无".into()]), 10);
        assert!(s.text.starts_with("一二三"));
        assert!(s.highlights.is_empty());
    }
}
