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

/// How many characters of a long text are searched for the best window (Solr's
/// `hl.maxAnalyzedChars` is 51,200); past them, only for a first match when none is in them.
/// 200,000 made the snippets of a page of long laws most of a query's time.
const SCAN_CHARS: usize = 50_000;
/// Matches considered, at most.
const MAX_MATCHES: usize = 2_000;

fn fold(c: char) -> char {
    // Ideographs pass as they are (the full fold's traditional-to-simplified table is the
    // costliest part of cutting a snippet from a long body); brackets, widths and case fold,
    // and the circles typed for 〇 are 〇 (as the analyzer reads them).
    if is_plain(c) {
        return c;
    }
    if gongwen_schema::analyzer::is_round_zero(c) {
        return '〇';
    }
    let f = fold_char(c);
    if f.is_ascii() {
        f.to_ascii_lowercase()
    } else {
        f
    }
}

/// One needle, folded: its characters and its UTF-8 bytes with a substring finder over
/// folded text.
#[derive(Debug, Clone)]
struct Needle {
    chars: usize,
    finder: memchr::memmem::Finder<'static>,
}

/// Needles prepared for matching: folded, deduplicated, longest first.
#[derive(Debug, Clone, Default)]
pub struct Needles {
    list: Vec<Needle>,
    /// Every needle is made of ideographs only, which fold to themselves and which nothing
    /// else folds to: their matches in a text are their bytes in the unfolded text.
    plain: bool,
}

/// Ideographs of the basic block: [`fold`] keeps them, and no other character folds to one
/// (test `nothing_else_folds_to_an_ideograph`).
fn is_plain(c: char) -> bool {
    gongwen_schema::hanzi::is_ideograph(c)
}

impl Needles {
    /// How many needles.
    pub fn len(&self) -> usize {
        self.list.len()
    }

    /// No needle at all.
    pub fn is_empty(&self) -> bool {
        self.list.is_empty()
    }

    /// Each needle's weight in choosing a window: the square of its length in characters,
    /// so that a whole term outweighs its pieces found apart (民法典 against the 民法 of
    /// 人民法院 and a 典 elsewhere). See (QA relevance pass): a fifth of the hits for `民法典`
    /// showed `人<em>民法</em>院` though their bodies held 民法典.
    fn weights(&self) -> Vec<usize> {
        self.list.iter().map(|n| n.chars * n.chars).collect()
    }

    /// Whether `piece`, folded, is one of the needles.
    pub fn contains_folded(&self, piece: &str) -> bool {
        let f = fold_str(piece);
        self.list.iter().any(|n| n.finder.needle() == f.as_bytes())
    }
}

/// Prepare needles for matching: folded, blanks removed, deduplicated, longest first (in
/// characters; equal lengths in character order).
pub fn prepare(needles: &[String]) -> Needles {
    let out = folded_needles(needles);
    Needles {
        plain: out.iter().all(|n| n.iter().all(|c| is_plain(*c))),
        list: out
            .into_iter()
            .map(|n| {
                let s: String = n.iter().collect();
                Needle {
                    chars: n.len(),
                    finder: memchr::memmem::Finder::new(s.as_bytes()).into_owned(),
                }
            })
            .collect(),
    }
}

/// The needles folded, blanks removed, deduplicated, longest first.
fn folded_needles(needles: &[String]) -> Vec<Vec<char>> {
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

fn fold_str(s: &str) -> String {
    s.chars().map(fold).collect()
}

/// The first `limit` characters of a text, folded one character for one character (so a
/// folded character's index is the original's), and whether the text goes on after them.
fn fold_prefix(text: &str, limit: usize) -> (String, bool) {
    let mut out = String::with_capacity(text.len().min(limit.saturating_mul(3)));
    for (n, c) in text.chars().enumerate() {
        if n == limit {
            return (out, true);
        }
        out.push(fold(c));
    }
    (out, false)
}

/// A UTF-8 continuation byte (not the first byte of a character).
fn is_continuation(b: u8) -> bool {
    (b as i8) < -64
}

/// Characters in UTF-8 bytes: the bytes that start one. Counted per block of 255 bytes in
/// a byte-wide sum, which the compiler turns into 16 bytes a step (a `usize` count of each
/// byte ran 14 times slower).
fn count_chars(bytes: &[u8]) -> usize {
    bytes
        .chunks(255)
        .map(|block| usize::from(block.iter().fold(0u8, |n, b| n + u8::from(!is_continuation(*b)))))
        .sum()
}

/// Byte offset of character `n` of UTF-8 bytes (their length if they hold fewer). Whole
/// blocks are counted at once (the count vectorises), the last one byte by byte.
fn char_offset(bytes: &[u8], n: usize) -> usize {
    const BLOCK: usize = 64;
    let (mut at, mut seen) = (0, 0);
    for block in bytes.chunks(BLOCK) {
        let here = count_chars(block);
        if seen + here > n {
            break;
        }
        seen += here;
        at += block.len();
    }
    for (i, b) in bytes[at..].iter().enumerate() {
        if !is_continuation(*b) {
            if seen == n {
                return at + i;
            }
            seen += 1;
        }
    }
    bytes.len()
}

/// Matches of `needles` in `hay` (UTF-8, folded unless every needle is plain): (start, end,
/// needle index) in characters, sorted, disjoint. Needles are taken longest first; each
/// takes its leftmost occurrences that do not overlap one already taken (a blocked
/// occurrence lets the search go on one byte later, so an overlapping later occurrence can
/// still be taken).
fn find(hay: &[u8], needles: &Needles) -> Vec<(usize, usize, usize)> {
    // Taken byte ranges, sorted and disjoint, with their needle.
    let mut taken: Vec<(usize, usize, usize)> = Vec::new();
    let mut mine = Vec::new();
    for (k, n) in needles.list.iter().enumerate() {
        mine.clear();
        take_free(hay, &n.finder, k, &taken, &mut mine);
        if mine.is_empty() && hay.contains(&b'\n') {
            // Not in the text as typed: maybe across a line that wraps inside it (PDF text),
            // which the index reads as one run (`舆论\n监督` is the phrase 舆论监督).
            let needle = n.finder.needle();
            for split in wrap_points(needle) {
                let wrapped = [&needle[..split], b"\n", &needle[split..]].concat();
                take_free(hay, &memchr::memmem::Finder::new(&wrapped), k, &taken, &mut mine);
                if !mine.is_empty() {
                    // Kept sorted for the merge below.
                    mine.sort_unstable();
                }
            }
        }
        if !mine.is_empty() {
            // Both sorted and disjoint: merge them.
            let before = std::mem::take(&mut taken);
            taken.reserve(before.len() + mine.len());
            let (mut a, mut b) = (before.into_iter().peekable(), mine.drain(..).peekable());
            while let (Some(x), Some(y)) = (a.peek(), b.peek()) {
                taken.push(if x.0 < y.0 { a.next() } else { b.next() }.unwrap_or_default());
            }
            taken.extend(a);
            taken.extend(b);
        }
    }
    // Byte offsets to character offsets, in one walk.
    let mut out = Vec::with_capacity(taken.len());
    let (mut byte, mut chr) = (0, 0);
    for (s, e, k) in taken {
        chr += count_chars(&hay[byte..s]);
        byte = s;
        // A wrapped occurrence holds its line break too (one byte, one character).
        let breaks = e - s - needles.list[k].finder.needle().len();
        out.push((chr, chr + needles.list[k].chars + breaks, k));
    }
    out
}

/// Push to `mine` the leftmost occurrences of `finder`'s needle in `hay` (byte ranges, needle
/// `k`) that overlap neither each other nor a range of `taken` (sorted, disjoint); an
/// occurrence that is blocked lets the search go on one byte later. `mine` ends sorted when
/// it starts empty.
fn take_free(
    hay: &[u8],
    finder: &memchr::memmem::Finder<'_>,
    k: usize,
    taken: &[(usize, usize, usize)],
    mine: &mut Vec<(usize, usize, usize)>,
) {
    let len = finder.needle().len();
    let mut from = 0;
    while taken.len() + mine.len() < MAX_MATCHES {
        let Some(at) = finder.find(&hay[from..]) else {
            break;
        };
        let (s, e) = (from + at, from + at + len);
        // The first taken range ending after s is the only one that can overlap.
        let i = taken.partition_point(|t| t.1 <= s);
        let blocked = taken.get(i).is_some_and(|t| t.0 < e)
            || mine.iter().any(|m| m.0 < e && s < m.1)
            || inside_a_word(hay, s, e, finder.needle());
        if blocked {
            from = s + 1;
        } else {
            mine.push((s, e, k));
            from = e;
        }
    }
}

/// Whether `hay[s..e]` (`needle`) is part of a longer Latin word or number, which the index
/// holds whole: `IP` in `IPv6`, `2` in `2023` or in `1.2`. See (QA browser and search passes,
/// fifteenth session): such highlights marked `documentEl<em>em</em>ent`, `<em>2</em>0<em>2</em>3年`.
fn inside_a_word(hay: &[u8], s: usize, e: usize, needle: &[u8]) -> bool {
    let word = |b: u8| b.is_ascii_alphanumeric();
    let (first, last) = match (needle.first(), needle.last()) {
        (Some(f), Some(l)) => (*f, *l),
        _ => return false,
    };
    let before = s.checked_sub(1).map(|i| hay[i]);
    let fraction =
        first.is_ascii_digit() && before == Some(b'.') && s.checked_sub(2).is_some_and(|i| hay[i].is_ascii_digit());
    word(first) && before.is_some_and(word) || word(last) && hay.get(e).copied().is_some_and(word) || fraction
}

/// Byte offsets inside a needle where a wrapped line may break it: between two ideographs
/// (the analyzer joins a run across a line break only there).
fn wrap_points(needle: &[u8]) -> Vec<usize> {
    let Ok(text) = std::str::from_utf8(needle) else {
        return Vec::new();
    };
    let mut out = Vec::new();
    let mut prev: Option<char> = None;
    for (i, c) in text.char_indices() {
        if prev.is_some_and(is_plain) && is_plain(c) {
            out.push(i);
        }
        prev = Some(c);
    }
    out
}

/// The whole of a short text (a title) with its matches highlighted.
pub fn highlight_all(text: &str, needles: &Needles) -> Snippet {
    let folded;
    let hay = if needles.plain {
        text.as_bytes()
    } else {
        folded = fold_str(text);
        folded.as_bytes()
    };
    let matches = find(hay, needles);
    if matches.is_empty() && !needles.is_empty() && has_traditional(text) {
        let simplified = fold_str(&simplified_chars(text));
        return build(text, &find(simplified.as_bytes(), needles), false, false);
    }
    build(text, &matches, false, false)
}

/// Whether a text holds traditional characters (among its first ones: a text in traditional
/// characters holds them everywhere).
fn has_traditional(text: &str) -> bool {
    text.chars().take(2_000).any(gongwen_schema::hanzi::is_traditional)
}

/// The text in simplified characters, one for one (so character offsets stay the text's).
fn simplified_chars(text: &str) -> String {
    text.chars().map(gongwen_schema::hanzi::simplified).collect()
}

/// The window of a text in traditional characters, found in its simplified reading (the
/// needles are simplified, as the analyzer reads every text) and cut from the text itself.
/// See (QA search pass, fourteenth session): such documents were found but showed no
/// highlight.
fn traditional_window(text: &str, needles: &Needles, width: usize) -> Snippet {
    let head = &text[..char_offset(text.as_bytes(), SCAN_CHARS)];
    let simplified = fold_str(&simplified_chars(head));
    let matches = find(simplified.as_bytes(), needles);
    let width = width.max(10);
    let start = window_start(&matches, &needles.weights(), width);
    let from = char_offset(head.as_bytes(), start);
    let to = from + char_offset(&head.as_bytes()[from..], width);
    window_snippet(&head[from..to], start, &matches, to < text.len())
}

/// A window of about `width` characters of `text` around its best cluster of matches.
pub fn best_window(text: &str, needles: &Needles, width: usize) -> Snippet {
    let s = if needles.plain {
        plain_window(text.as_bytes(), needles, width).unwrap_or_else(|| folded_window(text, needles, width))
    } else {
        folded_window(text, needles, width)
    };
    if s.highlights.is_empty() && !needles.is_empty() && has_traditional(text) {
        return traditional_window(text, needles, width);
    }
    s
}

/// [`best_window`] of a stored text given as its bytes, which should be UTF-8: when every
/// needle is plain only the window's bytes are decoded (a stored body is not validated as
/// a whole for a snippet); bytes that are not UTF-8 are read as `String::from_utf8_lossy`
/// reads them.
pub fn best_window_bytes(text: &[u8], needles: &Needles, width: usize) -> Snippet {
    if needles.plain {
        if let Some(s) = plain_window(text, needles, width) {
            if s.highlights.is_empty() && !needles.is_empty() {
                let text = String::from_utf8_lossy(text);
                if has_traditional(&text) {
                    return traditional_window(&text, needles, width);
                }
            }
            return s;
        }
    }
    best_window(&String::from_utf8_lossy(text), needles, width)
}

/// The window when every needle is plain: matches are needles' bytes in `text` itself, and
/// only the window is decoded. `None` when the window's bytes are not UTF-8.
fn plain_window(text: &[u8], needles: &Needles, width: usize) -> Option<Snippet> {
    // Fewer bytes than the limit means fewer characters too.
    let cut = if text.len() <= SCAN_CHARS {
        text.len()
    } else {
        char_offset(text, SCAN_CHARS)
    };
    let mut hay = &text[..cut];
    let mut matches = find(hay, needles);
    if matches.is_empty() && cut < text.len() {
        if let Some(m) = find_first(&text[cut..], needles) {
            matches.push((SCAN_CHARS + m.0, SCAN_CHARS + m.1, m.2));
            hay = text;
        }
    }
    let width = width.max(10);
    let start = window_start(&matches, &needles.weights(), width);
    let from = char_offset(hay, start);
    let to = from + char_offset(&hay[from..], width);
    let window = std::str::from_utf8(&hay[from..to]).ok()?;
    let cut_end = to < text.len();
    Some(window_snippet(window, start, &matches, cut_end))
}

/// The first occurrence of any needle in `hay` (of the longest needle, where several start
/// there): (start, end, needle index) in characters.
fn find_first(hay: &[u8], needles: &Needles) -> Option<(usize, usize, usize)> {
    let mut best: Option<(usize, usize)> = None; // (byte offset, needle)
    for (k, n) in needles.list.iter().enumerate() {
        // Only an occurrence starting before the best so far can replace it.
        let bound = best.map_or(hay.len(), |(s, _)| (s + n.finder.needle().len()).min(hay.len()));
        if let Some(at) = n.finder.find(&hay[..bound]) {
            if best.is_none_or(|(s, _)| at < s) {
                best = Some((at, k));
            }
        }
    }
    best.map(|(s, k)| {
        let c = count_chars(&hay[..s]);
        (c, c + needles.list[k].chars, k)
    })
}

/// The window when some needle is not plain: matches are looked for in the folded text.
fn folded_window(text: &str, needles: &Needles, width: usize) -> Snippet {
    let (hay, more) = fold_prefix(text, SCAN_CHARS);
    let mut matches = find(hay.as_bytes(), needles);
    let width = width.max(10);
    if matches.is_empty() && more {
        let rest: String = text.chars().skip(SCAN_CHARS).map(fold).collect();
        if let Some(m) = find_first(rest.as_bytes(), needles) {
            matches.push((SCAN_CHARS + m.0, SCAN_CHARS + m.1, m.2));
            let start = window_start(&matches, &needles.weights(), width);
            let from = char_offset(text.as_bytes(), start);
            let to = from + char_offset(&text.as_bytes()[from..], width);
            return window_snippet(&text[from..to], start, &matches, to < text.len());
        }
    }
    let start = window_start(&matches, &needles.weights(), width);
    // Only the window's characters are decoded: `width` of them, within the part searched.
    let mut rest = hay.chars().skip(start);
    let window_len = rest.by_ref().take(width).count();
    let cut_end = rest.next().is_some() || more;
    let from = char_offset(text.as_bytes(), start);
    let to = from + char_offset(&text.as_bytes()[from..], window_len);
    window_snippet(&text[from..to], start, &matches, cut_end)
}

/// The snippet of `window`, the characters from `start` on, with the matches inside it.
fn window_snippet(window: &str, start: usize, matches: &[(usize, usize, usize)], cut_end: bool) -> Snippet {
    let end = start + count_chars(window.as_bytes());
    let inside: Vec<(usize, usize, usize)> = matches
        .iter()
        .filter(|m| m.0 >= start && m.1 <= end)
        .map(|&(a, b, k)| (a - start, b - start, k))
        .collect();
    build(window, &inside, start > 0, cut_end)
}

/// Where the window of `width` characters starts: around the cluster of `matches` whose
/// distinct needles weigh most (each its `weights`, its length squared: the whole term 营商环境
/// before two of its sub-words 环境 elsewhere), then the most matches, then the earliest; with some
/// context before its first match. The start of the text when nothing matched.
/// See (QA): `营商环境` showed a window of 法治环境…生态环境 beside a body holding 营商环境.
fn window_start(matches: &[(usize, usize, usize)], weights: &[usize], width: usize) -> usize {
    let mut best = (0usize, 0usize, 0usize, 0usize); // (distinct weight, count, start, last end)
                                                     // The window starting at match i holds matches[i..j] (sorted and disjoint, so their ends
                                                     // are sorted too): one pass, each match entering and leaving once.
    let mut seen = vec![0u32; weights.len()];
    let (mut j, mut distinct) = (0, 0);
    for (i, m) in matches.iter().enumerate() {
        let start = m.0;
        j = j.max(i);
        while let Some(n) = matches.get(j).filter(|n| n.1 <= start + width) {
            if seen[n.2] == 0 {
                distinct += weights[n.2];
            }
            seen[n.2] += 1;
            j += 1;
        }
        let count = j - i;
        if (distinct, count) > (best.0, best.1) {
            let last = matches[j.max(i + 1) - 1].1;
            best = (distinct, count, start, last);
        }
        if j > i {
            seen[m.2] -= 1;
            if seen[m.2] == 0 {
                distinct -= weights[m.2];
            }
        }
    }
    if best.0 == 0 {
        0
    } else {
        // At most a fifth of the window before the first match, and never so much that a
        // match counted for the window falls out of its end. See (QA search pass, fourteenth
        // session): a pasted passage counted so was cut off, and only 房屋 before it shown.
        let room = (best.2 + width).saturating_sub(best.3);
        best.2.saturating_sub((width / 5).min(room))
    }
}

/// The snippet of `window` (cut out of a longer text before it when `cut_start`, after it
/// when `cut_end`), with `matches` (character offsets in `window`, sorted, disjoint)
/// highlighted: the text with line breaks as spaces, the highlights, and the HTML (escaped,
/// highlights in `<em>`). Runs of bytes are copied whole, between matches and the few
/// characters that change.
fn build(window: &str, matches: &[(usize, usize, usize)], cut_start: bool, cut_end: bool) -> Snippet {
    let mut text = String::with_capacity(window.len() + 6);
    let mut html = String::with_capacity(window.len() + 6 + 9 * matches.len());
    let mut highlights = Vec::with_capacity(matches.len());
    let shift = usize::from(cut_start);
    if cut_start {
        text.push('…');
        html.push('…');
    }
    // (character, byte) where the part not yet written starts.
    let (mut chr, mut byte) = (0, 0);
    for &(ms, me, _) in matches {
        // Sorted and disjoint, so never before the part written; one starting at the end
        // of the window (or past it) shows nothing.
        let Some(from) = ms
            .checked_sub(chr)
            .and_then(|n| byte_after(window, byte, n))
            .filter(|b| *b < window.len())
        else {
            break;
        };
        let to = byte_after(window, from, me.saturating_sub(ms)).unwrap_or(window.len());
        push_text(&mut text, &window[byte..from]);
        push_html(&mut html, &window[byte..from]);
        push_text(&mut text, &window[from..to]);
        html.push_str("<em>");
        push_html(&mut html, &window[from..to]);
        html.push_str("</em>");
        let end = ms + count_chars(&window.as_bytes()[from..to]);
        highlights.push((ms + shift, end + shift));
        (chr, byte) = (end, to);
    }
    push_text(&mut text, &window[byte..]);
    push_html(&mut html, &window[byte..]);
    if cut_end {
        text.push('…');
        html.push('…');
    }
    Snippet { text, highlights, html }
}

/// Byte offset of the character `n` characters after byte offset `at` of `s`: `s.len()`
/// when exactly `n` characters follow `at`, `None` when fewer do.
fn byte_after(s: &str, at: usize, n: usize) -> Option<usize> {
    let rest = &s[at..];
    match rest.char_indices().nth(n) {
        Some((i, _)) => Some(at + i),
        None => (rest.chars().count() == n).then_some(s.len()),
    }
}

/// `s` with line breaks as spaces.
fn push_text(out: &mut String, s: &str) {
    let mut last = 0;
    for i in memchr::memchr2_iter(b'\n', b'\r', s.as_bytes()) {
        out.push_str(&s[last..i]);
        out.push(' ');
        last = i + 1;
    }
    out.push_str(&s[last..]);
}

/// `s` HTML-escaped, line breaks as spaces (every character that changes is ASCII, so the
/// bytes can be scanned).
fn push_html(out: &mut String, s: &str) {
    let mut last = 0;
    for (i, b) in s.bytes().enumerate() {
        let with = match b {
            b'<' => "&lt;",
            b'>' => "&gt;",
            b'&' => "&amp;",
            b'"' => "&quot;",
            b'\'' => "&#39;",
            b'\n' | b'\r' => " ",
            _ => continue,
        };
        out.push_str(&s[last..i]);
        out.push_str(with);
        last = i + 1;
    }
    out.push_str(&s[last..]);
}

#[cfg(test)]
mod tests {
    use super::*;

    // See (QA search pass, fourteenth session): a text in traditional characters was found
    // (the analyzer reads it simplified) but showed no highlight.
    #[test]
    fn a_traditional_text_is_highlighted_by_simplified_needles() {
        let body = "我們第一届全國人民代表大會第一次會議，在聽了劉少奇同志關於憲法草案的報告並進行了三天的討論以後，已經光榮地完成了一件歷史性的工作。";
        let needles = prepare(&["宪法草案".to_string(), "报告".to_string()]);
        for s in [
            best_window_bytes(body.as_bytes(), &needles, 40),
            best_window(body, &needles, 40),
            highlight_all(body, &needles),
        ] {
            let shown: Vec<String> = s
                .highlights
                .iter()
                .map(|&(a, b)| s.text.chars().skip(a).take(b - a).collect())
                .collect();
            assert_eq!(shown, ["憲法草案", "報告"], "{s:?}");
        }
    }

    // See (QA search pass, fourteenth session): the window was moved back by a fifth of its
    // width after being chosen for a long match near its end, which then fell out of it.
    #[test]
    fn a_match_counted_for_the_window_stays_in_it() {
        let body = "优化调整限购政策:在限购区域范围内,购买建筑面积120平方米以上住房,不纳入限购范围;在限购区域范围内,居民家庭将自有住房用作租赁住房并办理房屋租赁登记备案手续的,或者在我市存量房交易系统取得房源信息编码并挂牌计划出售的,购买住房时相应核减家庭住房套数;对于具备合并不动产权证书条件的房屋,购房人可以申请转移登记业务、合并登记业务一同办理;商服类物业不再限定转让对象。";
        let passage = "房屋,购房人可以申请转移登记业务、合并登记业务一同办理;商服类物";
        let needles = prepare(&[passage.to_string(), "房屋".to_string()]);
        for s in [
            best_window_bytes(body.as_bytes(), &needles, 120),
            best_window(body, &needles, 120),
        ] {
            let shown: Vec<String> = s
                .highlights
                .iter()
                .map(|&(a, b)| s.text.chars().skip(a).take(b - a).collect())
                .collect();
            assert!(shown.iter().any(|h| h == passage), "{s:?}");
        }
    }

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

    /// What makes the plain path exact: a needle of ideographs matches a text exactly where
    /// its bytes occur, as no other character folds to an ideograph and ideographs fold to
    /// themselves.
    #[test]
    fn nothing_else_folds_to_an_ideograph() {
        for c in (0..=0x10ffff_u32).filter_map(char::from_u32) {
            if is_plain(c) {
                assert_eq!(fold(c), c);
            } else {
                assert!(!is_plain(fold(c)), "{c:?} folds to {:?}", fold(c));
            }
        }
    }

    // See: a body printed `二○一八年` was found by `二〇一八年` but highlighted character by
    // character, and a quoted `"二〇一九年"` not at all in a title printed with ○.
    #[test]
    fn the_circle_zero_highlights_as_the_chinese_zero() {
        let s = highlight_all("关于二○一九年工作安排的通知", &prepare(&["二〇一九年".into()]));
        assert_eq!(s.html, "关于<em>二○一九年</em>工作安排的通知");
        let s = highlight_all("二〇二〇年一月五日印发", &prepare(&["二◯二○年".into()]));
        assert_eq!(s.html, "<em>二〇二〇年</em>一月五日印发");
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
            /// Counting on bytes agrees with decoding, across block edges (64 bytes).
            #[test]
            fn char_offsets_on_bytes(t in "[a政\u{1f600}é]{0,150}", n in 0usize..160) {
                let b = t.as_bytes();
                prop_assert_eq!(count_chars(b), t.chars().count());
                prop_assert_eq!(char_offset(b, n), t.char_indices().nth(n).map_or(t.len(), |(i, _)| i));
            }

            #[test]
            fn highlights_are_needles(t in text(), n1 in "[政务公开]{1,3}", n2 in "[2a]{1,2}") {
                let needles = prepare(&[n1, n2]);
                // A highlight is a needle, or a needle across a wrapped line: one line break
                // (shown as a space) between two of its ideographs.
                let is_needle = |piece: &str| {
                    needles.contains_folded(piece)
                        || (piece.matches(' ').count() == 1
                            && !piece.starts_with(' ')
                            && !piece.ends_with(' ')
                            && needles.contains_folded(&piece.replace(' ', "")))
                };
                let s = highlight_all(&t, &needles);
                let chars: Vec<char> = s.text.chars().collect();
                for (a, b) in &s.highlights {
                    let piece: String = chars[*a..*b].iter().collect();
                    prop_assert!(is_needle(&piece), "{:?}", piece);
                }
                let w = best_window(&t, &needles, 20);
                let chars: Vec<char> = w.text.chars().collect();
                for (a, b) in &w.highlights {
                    let piece: String = chars[*a..*b].iter().collect();
                    prop_assert!(is_needle(&piece), "{:?}", piece);
                }
            }
        }
    }

    /// The first implementation (one `char` array per text, each needle compared character
    /// by character): the reference the byte search must agree with exactly.
    mod reference {
        use super::*;

        pub fn ref_escape(c: char, out: &mut String) {
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

        pub fn ref_build(
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
                            ref_escape(c, &mut html);
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
                ref_escape(c, &mut html);
                i += 1;
            }
            if cut_end {
                text.push('…');
                html.push('…');
            }
            Snippet { text, highlights, html }
        }

        pub fn ref_prepare(needles: &[String]) -> Vec<Vec<char>> {
            folded_needles(needles)
        }

        fn ref_find(chars: &[char], needles: &[Vec<char>]) -> Vec<(usize, usize, usize)> {
            let mut taken = vec![false; chars.len()];
            let mut out = Vec::new();
            for (k, n) in needles.iter().enumerate() {
                let before = out.len();
                ref_take(chars, n, k, &mut taken, &mut out);
                if out.len() == before {
                    // Across a wrapped line: the needle with a line break between two
                    // ideographs, each place in turn.
                    for j in 1..n.len() {
                        if is_plain(n[j - 1]) && is_plain(n[j]) {
                            let wrapped: Vec<char> = n[..j].iter().chain(&['\n']).chain(&n[j..]).copied().collect();
                            ref_take(chars, &wrapped, k, &mut taken, &mut out);
                        }
                    }
                }
            }
            out.sort_unstable();
            out
        }
        fn ref_take(chars: &[char], n: &[char], k: usize, taken: &mut [bool], out: &mut Vec<(usize, usize, usize)>) {
            if n.len() > chars.len() {
                return;
            }
            let mut i = 0;
            let word = |c: char| c.is_ascii_alphanumeric();
            let inside = |i: usize| {
                let before = i.checked_sub(1).map(|j| chars[j]);
                let fraction = n[0].is_ascii_digit()
                    && before == Some('.')
                    && i.checked_sub(2).is_some_and(|j| chars[j].is_ascii_digit());
                word(n[0]) && before.is_some_and(word)
                    || word(n[n.len() - 1]) && chars.get(i + n.len()).copied().is_some_and(word)
                    || fraction
            };
            while i + n.len() <= chars.len() && out.len() < MAX_MATCHES {
                if chars[i] == n[0]
                    && chars[i..i + n.len()] == n[..]
                    && !taken[i..i + n.len()].iter().any(|t| *t)
                    && !inside(i)
                {
                    taken[i..i + n.len()].iter_mut().for_each(|t| *t = true);
                    out.push((i, i + n.len(), k));
                    i += n.len();
                } else {
                    i += 1;
                }
            }
        }
        /// Every window counted afresh from each match.
        fn ref_window_start(matches: &[(usize, usize, usize)], needles: &[Vec<char>], width: usize) -> usize {
            let mut best = (0usize, 0usize, 0usize, 0usize); // (distinct weight, count, start, last end)
            for (i, m) in matches.iter().enumerate() {
                let start = m.0;
                let mut seen = vec![0u32; needles.len()];
                let mut count = 0;
                let mut last = m.1;
                for n in matches[i..].iter().take_while(|n| n.1 <= start + width) {
                    seen[n.2] += 1;
                    count += 1;
                    last = n.1;
                }
                let distinct: usize = seen
                    .iter()
                    .zip(needles)
                    .filter(|(s, _)| **s > 0)
                    .map(|(_, n)| n.len() * n.len())
                    .sum();
                if (distinct, count) > (best.0, best.1) {
                    best = (distinct, count, start, last);
                }
            }
            if best.0 == 0 {
                0
            } else {
                // Back by a fifth of the width, keeping every counted match inside.
                best.2
                    .saturating_sub((width / 5).min((best.2 + width).saturating_sub(best.3)))
            }
        }
        pub fn ref_highlight_all(text: &str, needles: &[Vec<char>]) -> Snippet {
            let chars: Vec<char> = text.chars().collect();
            let folded: Vec<char> = chars.iter().map(|c| fold(*c)).collect();
            let mut matches = ref_find(&folded, needles);
            if matches.is_empty() && !needles.is_empty() && has_traditional(text) {
                let simplified: Vec<char> = chars
                    .iter()
                    .map(|c| fold(gongwen_schema::hanzi::simplified(*c)))
                    .collect();
                matches = ref_find(&simplified, needles);
            }
            ref_build(&chars, 0, chars.len(), &matches, false, false)
        }
        pub fn ref_best_window(text: &str, needles: &[Vec<char>], width: usize) -> Snippet {
            let s = ref_window_as_written(text, needles, width);
            if !s.highlights.is_empty() || needles.is_empty() || !has_traditional(text) {
                return s;
            }
            // Read simplified, cut from the text.
            let chars: Vec<char> = text.chars().take(SCAN_CHARS).collect();
            let simplified: Vec<char> = chars
                .iter()
                .map(|c| fold(gongwen_schema::hanzi::simplified(*c)))
                .collect();
            let matches = ref_find(&simplified, needles);
            let width = width.max(10);
            let start = ref_window_start(&matches, needles, width);
            let end = (start + width).min(chars.len());
            let inside: Vec<(usize, usize, usize)> =
                matches.iter().copied().filter(|m| m.0 >= start && m.1 <= end).collect();
            ref_build(&chars, start, end, &inside, start > 0, end < text.chars().count())
        }
        fn ref_window_as_written(text: &str, needles: &[Vec<char>], width: usize) -> Snippet {
            let chars: Vec<char> = text.chars().take(SCAN_CHARS).collect();
            let folded: Vec<char> = chars.iter().map(|c| fold(*c)).collect();
            let matches = ref_find(&folded, needles);
            let width = width.max(10);
            let all: Vec<char> = text.chars().collect();
            if matches.is_empty() && all.len() > SCAN_CHARS {
                // Past the scan: the first place where a needle starts, the longest there.
                let folded: Vec<char> = all.iter().map(|c| fold(*c)).collect();
                let first = (SCAN_CHARS..all.len()).find_map(|i| {
                    needles
                        .iter()
                        .position(|n| folded[i..].starts_with(n))
                        .map(|k| (i, i + needles[k].len(), k))
                });
                if let Some(m) = first {
                    let start = ref_window_start(&[m], needles, width);
                    let end = (start + width).min(all.len());
                    let inside: Vec<(usize, usize, usize)> = [m].into_iter().filter(|m| m.1 <= end).collect();
                    return ref_build(&all, start, end, &inside, start > 0, end < all.len());
                }
            }
            let start = ref_window_start(&matches, needles, width);
            let end = (start + width).min(chars.len());
            let inside: Vec<(usize, usize, usize)> =
                matches.iter().copied().filter(|m| m.0 >= start && m.1 <= end).collect();
            let total = text.chars().count().min(SCAN_CHARS + 1);
            ref_build(&chars, start, end, &inside, start > 0, end < total)
        }
    }

    mod differential {
        use super::reference::*;
        use super::*;
        use proptest::prelude::*;

        /// Texts over a small alphabet (dense repeats and overlaps; ideographs only, for the
        /// plain path) or a wider one with the characters that fold (brackets, widths, case).
        fn text() -> impl Strategy<Value = String> {
            let small = prop::sample::select(vec!['公', '开', 'a', 'Ａ', '〔', '[', '，']);
            let wide = prop::sample::select(vec![
                '政', '务', '公', '开', '〔', '〕', '[', ']', '(', '2', '0', 'Ａ', 'a', 'A', '，', ',', '\n', ' ',
                '號', '号', '\u{3000}', '<', '>', '&', '"', '\'', '\r',
            ]);
            let ideographs = prop::sample::select(vec!['公', '开', '政', '务']);
            prop_oneof![
                proptest::collection::vec(ideographs, 0..200),
                proptest::collection::vec(small, 0..200),
                proptest::collection::vec(wide, 0..400)
            ]
            .prop_map(|v| v.into_iter().collect())
        }

        /// Needles cut from the text itself (so they match, often overlapping each other),
        /// or drawn from the alphabet.
        fn case() -> impl Strategy<Value = (String, Vec<String>)> {
            text().prop_flat_map(|t| {
                let chars: Vec<char> = t.chars().collect();
                let n = chars.len().max(1);
                let cut =
                    (0..n, 1usize..5).prop_map(move |(a, len)| chars.iter().skip(a).take(len).collect::<String>());
                let drawn = proptest::collection::vec(
                    prop::sample::select(vec!['公', '开', 'a', '〔', '，', '2', ' ', '号']),
                    1..5,
                )
                .prop_map(|v| v.into_iter().collect::<String>());
                (
                    Just(t),
                    proptest::collection::vec(prop_oneof![3 => cut, 1 => drawn], 0..5),
                )
            })
        }

        proptest! {
            #![proptest_config(ProptestConfig::with_cases(3000))]
            /// Same windows, texts, highlights and HTML as the reference, on texts full of
            /// repeats, overlaps and characters that fold (brackets, widths, case).
            #[test]
            fn agrees_with_the_reference((t, ns) in case(), w in 0usize..60) {
                let fast = prepare(&ns);
                let slow = ref_prepare(&ns);
                prop_assert_eq!(best_window(&t, &fast, w), ref_best_window(&t, &slow, w));
                prop_assert_eq!(best_window_bytes(t.as_bytes(), &fast, w), ref_best_window(&t, &slow, w));
                prop_assert_eq!(highlight_all(&t, &fast), ref_highlight_all(&t, &slow));
            }
        }

        /// A needle blocked by a longer one's match is looked for again one character on.
        #[test]
        fn a_blocked_match_retries_one_character_on() {
            // (Ideographs: Latin letters are matched as whole words only.)
            let ns = vec!["公开政".to_string(), "政政".to_string()];
            let s = highlight_all("公开政政政", &prepare(&ns));
            assert_eq!(s.highlights, vec![(0, 3), (3, 5)]);
            assert_eq!(s, ref_highlight_all("公开政政政", &ref_prepare(&ns)));
            // A Latin word or a number is highlighted whole or not at all.
            let ns = vec!["ip".to_string(), "2".to_string()];
            let s = highlight_all("IPv6 与 IP 地址，2023年 1.2 万元 2 万元", &prepare(&ns));
            let marked: Vec<String> = s
                .highlights
                .iter()
                .map(|&(a, b)| s.text.chars().skip(a).take(b - a).collect())
                .collect();
            assert_eq!(marked, ["IP", "2"]);
            assert_eq!(
                s,
                ref_highlight_all("IPv6 与 IP 地址，2023年 1.2 万元 2 万元", &ref_prepare(&ns))
            );
        }

        /// Needles longer than the window (they fit no window) next to ones that fit.
        #[test]
        fn agrees_when_a_needle_is_longer_than_the_window() {
            let ns = vec![
                "政务公开政务公开政务公开".to_string(),
                "公开".to_string(),
                "政务".to_string(),
            ];
            let filler = "一二三四五六七八九十".repeat(3);
            // The long needle's match must not count in the windows after it: the cluster
            // before it (two needles) beats the one after it (one needle, three times).
            let t = format!("{filler}政务公开{filler}政务公开政务公开政务公开{filler}公开公开公开{filler}");
            let s = best_window(&t, &prepare(&ns), 10);
            assert!(s.text.contains("政务公开一"), "{}", s.text);
            for t in [t, "公开政务公开政务公开政务公开政务公开政务公开。公开".repeat(3)] {
                for w in [10, 11, 12, 30] {
                    assert_eq!(
                        best_window(&t, &prepare(&ns), w),
                        ref_best_window(&t, &ref_prepare(&ns), w)
                    );
                }
            }
        }

        /// Past the scan limit, a first match is still shown when none is before it.
        #[test]
        fn a_match_only_past_the_scan_limit_is_shown() {
            for tail in ["政务公开", "号文ａ公开", "公开"] {
                let mut t = "前言".repeat(SCAN_CHARS / 2 + 7);
                t.push_str("一二三");
                t.push_str(tail);
                t.push_str("四五六");
                for ns in [
                    vec!["政务公开".to_string(), "公开".to_string()],
                    vec!["ａ公开".to_string(), "公开".to_string()],
                ] {
                    let s = best_window(&t, &prepare(&ns), 20);
                    assert!(s.html.contains("<em>"), "{tail}: {}", s.html);
                    assert_eq!(s, ref_best_window(&t, &ref_prepare(&ns), 20));
                    assert_eq!(best_window_bytes(t.as_bytes(), &prepare(&ns), 20), s);
                }
            }
        }

        #[test]
        fn agrees_beyond_the_scan_limit() {
            let mut t = "前言".repeat(SCAN_CHARS / 2 - 3);
            t.push_str("政务公开政务公开");
            let ns = vec!["政务公开".to_string(), "前言".to_string()];
            for w in [10, 120] {
                assert_eq!(
                    best_window(&t, &prepare(&ns), w),
                    ref_best_window(&t, &ref_prepare(&ns), w)
                );
            }
        }
    }

    /// Stored bytes that are not UTF-8 (a damaged store) never make a panic: highlights are
    /// still needles and the window keeps its width; a damaged window is read as
    /// `String::from_utf8_lossy` reads the text.
    mod damaged {
        use super::*;
        use proptest::prelude::*;

        proptest! {
            #[test]
            fn bytes_that_are_not_utf8(
                t in proptest::collection::vec(prop::sample::select(vec!['政', '务', '公', '开', 'a']), 0..200),
                bad in proptest::collection::vec((any::<prop::sample::Index>(), 0x80u8..=0xff), 0..3),
                n in "[政务公开]{1,3}",
                w in 0usize..40,
            ) {
                let mut bytes = t.iter().collect::<String>().into_bytes();
                for (at, b) in bad {
                    if !bytes.is_empty() {
                        let i = at.index(bytes.len());
                        bytes[i] = b;
                    }
                }
                let needles = prepare(&[n]);
                let s = best_window_bytes(&bytes, &needles, w);
                let chars: Vec<char> = s.text.chars().collect();
                for (a, b) in &s.highlights {
                    let piece: String = chars[*a..*b].iter().collect();
                    prop_assert!(needles.contains_folded(&piece), "{:?}", piece);
                }
                if std::str::from_utf8(&bytes).is_err() {
                    prop_assert!(s.text.chars().count() <= w.max(10) + 2);
                }
            }
        }

        #[test]
        fn a_damaged_window_is_read_lossily() {
            let mut bytes = "一二三政务公开四五六".as_bytes().to_vec();
            bytes[10] = 0xff; // inside 务
            let s = best_window_bytes(&bytes, &prepare(&["公开".into()]), 10);
            assert_eq!(
                s,
                best_window(&String::from_utf8_lossy(&bytes), &prepare(&["公开".into()]), 10)
            );
            assert!(s.text.contains('\u{fffd}'));
        }
    }

    // See: a phrase found across a line that PDF text wraps inside it (`舆论\n监督`) was not
    // highlighted, so the snippet showed the start of the text.
    #[test]
    fn a_phrase_across_a_wrapped_line_is_highlighted() {
        let text = "第四条 前三条之外的文字。第五条 开展公益性宣传和舆论\n监督。第六条 本条例自公布之日起施行。";
        let needles = prepare(&["舆论监督".to_string()]);
        let s = best_window(text, &needles, 16);
        let (a, b) = s.highlights[0];
        assert_eq!(s.text.chars().skip(a).take(b - a).collect::<String>(), "舆论 监督");
        assert!(s.html.contains("<em>舆论 监督</em>"), "{}", s.html);
        // Found as typed, it is not looked for across a break.
        let both = "舆论\n监督，又有舆论监督";
        let s = highlight_all(both, &needles);
        assert_eq!(s.highlights.len(), 1);
        assert_eq!(
            s.text.chars().skip(s.highlights[0].0).take(4).collect::<String>(),
            "舆论监督"
        );
    }

    // See (QA): `营商环境` showed 法治环境…生态环境 (two matches of a sub-word) though the
    // body holds the whole term further on.
    #[test]
    fn the_whole_term_outweighs_its_sub_words() {
        let filler = "各有关单位应当认真贯彻执行本条例的各项规定，切实做好相关工作。".repeat(4);
        let body = format!("建设法治环境和良好生态环境。{filler}持续优化营商环境，激发市场活力。");
        let needles = prepare(&["营商环境".into(), "营商".into(), "环境".into()]);
        let s = best_window(&body, &needles, 40);
        assert!(s.html.contains("<em>营商环境</em>"), "{}", s.html);
    }

    // See (QA relevance pass): a fifth of the hits for `民法典` showed `人<em>民法</em>院`: the
    // pieces 民法 and 典 found apart weighed as much as the whole term.
    #[test]
    fn the_whole_term_outweighs_its_pieces_found_apart() {
        let filler = "各有关单位应当认真贯彻执行本条例的各项规定，切实做好相关工作。".repeat(4);
        let body = format!("人民法院依照法典审理案件。{filler}民法典自2021年1月1日起施行。");
        let needles = prepare(&["民法典".into(), "民法".into(), "典".into()]);
        let s = best_window(&body, &needles, 40);
        assert!(s.html.contains("<em>民法典</em>"), "{}", s.html);
    }

    #[test]
    fn no_match_gives_the_start() {
        let s = best_window("一二三四五六七八九十一二三四五六七八九十", &prepare(&["无".into()]), 10);
        assert!(s.text.starts_with("一二三"));
        assert!(s.highlights.is_empty());
    }
}
