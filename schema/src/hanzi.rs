//! Traditional Chinese characters read as simplified ones, one character for one
//! (`dict/t2s.txt`, derived from OpenCC's character table): the analyzer, titles compared
//! for exact matches, and a query's highlights fold them, so `營商環境` finds 营商环境 and a
//! page printed in traditional characters is found by a simplified query.

use std::sync::OnceLock;

const TABLE: &str = include_str!("../dict/t2s.txt");

/// The basic block and extension A, where nearly every pair lies: indexed by code point.
const LOW: u32 = 0x3400;
const HIGH: u32 = 0x9fff;

struct Map {
    /// `dense[c - LOW]`: the simplified character, or 0 for none.
    dense: Vec<u32>,
    /// One bit a character of the dense range: whether it is traditional (3.4 KiB, which
    /// stays in the cache while the analyzer checks every character of a text).
    bits: Vec<u64>,
    /// Pairs outside the dense range, sorted.
    rest: Vec<(char, char)>,
}

fn map() -> &'static Map {
    static MAP: OnceLock<Map> = OnceLock::new();
    MAP.get_or_init(|| {
        let n = (HIGH - LOW + 1) as usize;
        let mut m = Map {
            dense: vec![0; n],
            bits: vec![0; n.div_ceil(64)],
            rest: Vec::new(),
        };
        for line in TABLE.lines().filter(|l| !l.starts_with('#')) {
            let mut parts = line.split('\t').filter_map(|p| p.chars().next());
            let (Some(t), Some(s)) = (parts.next(), parts.next()) else {
                continue;
            };
            match u32::from(t) {
                c @ LOW..=HIGH => {
                    let i = (c - LOW) as usize;
                    m.dense[i] = u32::from(s);
                    m.bits[i / 64] |= 1 << (i % 64);
                }
                _ => m.rest.push((t, s)),
            }
        }
        m.rest.sort_unstable();
        m
    })
}

/// A character of the CJK Unified Ideographs block (U+4E00–U+9FFF): what labels, titles,
/// codes and notes of a document are written in.
pub fn is_ideograph(c: char) -> bool {
    ('\u{4e00}'..='\u{9fff}').contains(&c)
}

/// The simplified character `c` is read as (itself when it is no traditional character).
pub fn simplified(c: char) -> char {
    let u = u32::from(c);
    if u < LOW {
        return c;
    }
    let m = map();
    if u <= HIGH {
        return match m.dense[(u - LOW) as usize] {
            0 => c,
            s => char::from_u32(s).unwrap_or(c),
        };
    }
    match m.rest.binary_search_by_key(&c, |p| p.0) {
        Ok(i) => m.rest[i].1,
        Err(_) => c,
    }
}

/// Whether `c` is read as another character.
pub fn is_traditional(c: char) -> bool {
    let u = u32::from(c);
    if u < LOW {
        return false;
    }
    let m = map();
    if u <= HIGH {
        let i = (u - LOW) as usize;
        return m.bits[i / 64] & (1 << (i % 64)) != 0;
    }
    m.rest.binary_search_by_key(&c, |p| p.0).is_ok()
}

/// `text` with its traditional characters read as simplified ones.
pub fn simplify(text: &str) -> std::borrow::Cow<'_, str> {
    if text.chars().any(is_traditional) {
        std::borrow::Cow::Owned(text.chars().map(simplified).collect())
    } else {
        std::borrow::Cow::Borrowed(text)
    }
}

/// A zero-width character (space, joiners, word joiner, byte-order mark) or a soft hyphen:
/// printed as nothing, pasted with text from web pages and word processors.
pub fn is_zero_width(c: char) -> bool {
    matches!(
        c,
        '\u{200b}' | '\u{200c}' | '\u{200d}' | '\u{2060}' | '\u{feff}' | '\u{00ad}'
    )
}

/// A direction control (marks, embeddings, overrides, isolates): no text of a Chinese document.
pub fn is_direction_control(c: char) -> bool {
    matches!(c, '\u{061c}' | '\u{200e}' | '\u{200f}' | '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}')
}

/// A full-width ASCII character (`５`, `Ｂ`, `％`, `：`) as its ASCII twin; any other as it is.
pub fn halfwidth(c: char) -> char {
    match c {
        '\u{ff01}'..='\u{ff5e}' => char::from_u32(c as u32 - 0xfee0).unwrap_or(c),
        _ => c,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn traditional_characters_read_as_simplified() {
        assert_eq!(simplify("營商環境"), "营商环境");
        assert_eq!(simplify("住房公積金貸款"), "住房公积金贷款");
        assert_eq!(simplify("殘疾人"), "残疾人");
        // Simplified text, Latin and punctuation stay as they are, borrowed.
        assert!(matches!(
            simplify("营商环境 PM2.5，〔2018〕"),
            std::borrow::Cow::Borrowed(_)
        ));
        assert_eq!(simplified('A'), 'A');
        // Every pair of the table: a traditional character to another one, which is itself
        // no traditional character (folding once is enough).
        for line in TABLE.lines().filter(|l| !l.starts_with('#')) {
            let mut cs = line.split('\t').filter_map(|p| p.chars().next());
            let (t, s) = (cs.next().expect("t"), cs.next().expect("s"));
            assert_eq!(simplified(t), s, "{line}");
            assert_ne!(t, s);
            assert_eq!(simplified(s), s, "{line}");
            assert!(is_traditional(t) && !is_traditional(s), "{line}");
        }
    }
}
