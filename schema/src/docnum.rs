//! Document numbers (发文字号): parse any spelling, render one canonical form, find them in text.
//!
//! A document number is an issuer code (机关代字), a year in 〔〕 and a serial with 号
//! (GB/T 9704-2012): `绿政办发〔2018〕59号`. Decrees and announcements may carry no year
//! (`国务院令第711号`, `浙江省人民代表大会常务委员会公告第46号`) or a year with 年
//! (`交通运输部令2019年第1号`). Real text spells them many ways; every spelling of one number
//! gives the same [`DocNumber`] (equality and hashing ignore the printed text).
//!
//! How text is read: each character is first folded one-to-one ([`fold_char`]: every bracket
//! becomes 〔 or 〕, full-width digits become ASCII, traditional characters of issuer codes become
//! simplified), spaces are skipped, then three shapes are matched at their anchors:
//! `ISSUER〔YYYY〕第?N号?`, `ISSUER YYYY年 第?N号` and `ISSUER(令|公告)第?N号`. The issuer is
//! read backwards from the anchor over CJK characters until a character or word that cannot be
//! part of an issuer code (punctuation, 的, 号, 根据, 关于, …).

use std::fmt;
use std::hash::{Hash, Hasher};

/// A parsed document number. Two numbers are equal when issuer code, year and serial are equal,
/// whatever their printed spelling.
#[derive(Debug, Clone)]
pub struct DocNumber {
    issuer: String,
    year: Option<u16>,
    serial: u32,
    printed: String,
}

/// A document number found in running text, with its byte range in that text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FoundNumber {
    /// The parsed number.
    pub number: DocNumber,
    /// Byte offset of the first character of the number in the searched text.
    pub start: usize,
    /// Byte offset one past the last character.
    pub end: usize,
}

/// A partial number, as users type it in a query: an issuer code alone, or with a year.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct PartialDocNumber {
    /// The issuer code, folded as in a full number.
    pub issuer: String,
    /// The year, when given.
    pub year: Option<u16>,
}

/// Why a text is not a document number.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum DocNumberError {
    /// Nothing but whitespace was given.
    #[error("empty document number")]
    Empty,
    /// The text does not have the shape of a document number.
    #[error("not a document number: expected issuer code + 〔year〕 + serial + 号 (e.g. 国办发〔2018〕59号) or a decree number (e.g. 国务院令第711号)")]
    Shape,
    /// The text has the shape but no issuer code.
    #[error("document number without an issuer code (机关代字)")]
    NoIssuer,
    /// A year outside 1900-2099.
    #[error("year {0} is out of range")]
    Year(u32),
}

impl DocNumber {
    /// Build a number from its parts. The issuer is folded as a parsed one would be.
    pub fn new(issuer: &str, year: Option<u16>, serial: u32) -> Result<Self, DocNumberError> {
        let issuer = canonical_issuer(&issuer.chars().map(fold_char).collect::<String>());
        if issuer.is_empty() {
            return Err(DocNumberError::NoIssuer);
        }
        if let Some(y) = year {
            if !(1900..=2099).contains(&y) {
                return Err(DocNumberError::Year(y.into()));
            }
        }
        let mut n = DocNumber {
            issuer,
            year,
            serial,
            printed: String::new(),
        };
        n.printed = n.canonical();
        Ok(n)
    }

    /// Parse one number in any spelling. Leading words that cannot belong to an issuer code
    /// (`根据`, `的通知`) and a trailing `文` are ignored.
    pub fn parse(text: &str) -> Result<Self, DocNumberError> {
        let trimmed = text.trim();
        if trimmed.is_empty() {
            return Err(DocNumberError::Empty);
        }
        let mut chars = Folded::new(trimmed);
        chars.lenient = true;
        let mut end = chars.len();
        // Trailing 文 (国办发〔2015〕46号文) and trailing punctuation.
        while end > 0 && matches!(chars.c(end - 1), '文' | '。' | '.' | '，' | ',' | '；' | ';') {
            end -= 1;
        }
        let m = chars.match_at_end(end).ok_or_else(|| chars.shape_error(end))?;
        // Latin letters or digits glued before the issuer code (`A沪交建〔2023〕884号`,
        // `JS政发〔2018〕1号`) are no lead word: the code read without them would be another
        // issuer's, and find another document.
        if m.issuer_start > 0 && chars.c(m.issuer_start - 1).is_ascii_alphanumeric() {
            return Err(DocNumberError::Shape);
        }
        Ok(m.into_number(trimmed, &chars))
    }

    /// The issuer code (机关代字), e.g. `绿政办发`.
    pub fn issuer(&self) -> &str {
        &self.issuer
    }

    /// The year, absent for decree numbers such as `国务院令第711号`.
    pub fn year(&self) -> Option<u16> {
        self.year
    }

    /// The serial number, without leading zeros.
    pub fn serial(&self) -> u32 {
        self.serial
    }

    /// The text as it was printed where the number was found.
    pub fn printed(&self) -> &str {
        &self.printed
    }

    /// The canonical spelling: `绿政办发〔2018〕59号`, or `国务院令第711号` without a year.
    pub fn canonical(&self) -> String {
        match self.year {
            Some(y) => format!("{}〔{}〕{}号", self.issuer, y, self.serial),
            None => format!("{}第{}号", self.issuer, self.serial),
        }
    }
}

impl PartialEq for DocNumber {
    fn eq(&self, other: &Self) -> bool {
        self.issuer == other.issuer && self.year == other.year && self.serial == other.serial
    }
}
impl Eq for DocNumber {}
impl Hash for DocNumber {
    fn hash<H: Hasher>(&self, state: &mut H) {
        self.issuer.hash(state);
        self.year.hash(state);
        self.serial.hash(state);
    }
}

impl fmt::Display for DocNumber {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.canonical())
    }
}

impl std::str::FromStr for DocNumber {
    type Err = DocNumberError;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        DocNumber::parse(s)
    }
}

impl serde::Serialize for DocNumber {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(&self.canonical())
    }
}

impl<'de> serde::Deserialize<'de> for DocNumber {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let s = String::deserialize(d)?;
        DocNumber::parse(&s).map_err(serde::de::Error::custom)
    }
}

impl PartialDocNumber {
    /// Parse `绿政办发`, `绿政办发〔2018〕`, `绿政办发2018` or `绿政办发2018年`. Whether a bare
    /// CJK word really is an issuer code is for the caller to decide (the query side checks
    /// the index); this only reads the shape.
    pub fn parse(text: &str) -> Option<Self> {
        let folded: String = text.chars().map(fold_char).filter(|c| !is_space(*c)).collect();
        let mut s = folded.as_str();
        s = s.strip_suffix('〕').unwrap_or(s);
        s = s.strip_suffix('年').unwrap_or(s);
        let digits = s.chars().rev().take_while(|c| c.is_ascii_digit()).count();
        let (head, year) = if digits == 4 {
            let (h, y) = s.split_at(s.len() - 4);
            let year: u16 = y.parse().ok()?;
            if !(1900..=2099).contains(&year) {
                return None;
            }
            (h.strip_suffix('〔').unwrap_or(h), Some(year))
        } else if digits == 0 && s.len() == folded.len() {
            (s, None)
        } else {
            return None;
        };
        if head.is_empty() || !head.chars().all(is_issuer_char) {
            return None;
        }
        Some(PartialDocNumber {
            issuer: canonical_issuer(head),
            year,
        })
    }
}

/// Find every document number in `text`, in order of appearance, with byte offsets into `text`.
///
/// Every shape has an anchor character: an opening bracket (`ISSUER〔YYYY〕N号`), 年
/// (`ISSUER YYYY年第N号`), 令 or 告 (`ISSUER令第N号`, `ISSUER公告第N号`). Only windows of
/// text around anchors are scanned, wide enough for the longest issuer before an anchor and
/// the longest serial after it, and merged where they meet; the result is the same as
/// scanning the whole text (a test checks both ways on the corpus and on random text).
pub fn extract(text: &str) -> Vec<FoundNumber> {
    let mut out = Vec::new();
    for (a, b) in anchor_windows(text) {
        extract_in(&text[a..b], a, &mut out);
    }
    out
}

/// Non-space characters kept before an anchor: the longest issuer, a year, a bracket and the
/// character before the issuer that [`Folded::issuer_back`] looks at.
const WINDOW_BACK: usize = MAX_ISSUER + 10;
/// Non-space characters kept after an anchor: year, brackets, 第, the longest serial, 号 and
/// the character after it; a run of digits or numerals there is always kept whole.
const WINDOW_AHEAD: usize = 24;

/// An anchor: an opening bracket of any kind [`fold_struct`] folds to 〔, or 年, 令, 告.
fn is_anchor(c: char) -> bool {
    matches!(
        c,
        '〔' | '﹝'
            | '['
            | '［'
            | '('
            | '（'
            | '【'
            | '〖'
            | '⁅'
            | '❲'
            | '「'
            | '『'
            | '〈'
            | '﹙'
            | '〘'
            | '⦅'
            | '｟'
            | '年'
            | '令'
            | '告'
    )
}

fn is_run_char(c: char) -> bool {
    let f = fold_struct(c);
    f.is_ascii_digit() || chinese_digit(f).is_some()
}

/// Byte ranges of `text` around anchors, ordered, disjoint.
fn anchor_windows(text: &str) -> Vec<(usize, usize)> {
    let mut out: Vec<(usize, usize)> = Vec::new();
    let mut covered_to = 0; // byte end of the last window
    for (p, c) in text.char_indices() {
        if !is_anchor(c) {
            continue;
        }
        // Back: WINDOW_BACK non-space characters.
        let mut start = p;
        let mut n = 0;
        for (i, ch) in text[..p].char_indices().rev() {
            if n == WINDOW_BACK || i < covered_to {
                break;
            }
            start = i;
            if !is_space(ch) {
                n += 1;
            }
        }
        // Ahead: WINDOW_AHEAD non-space characters, then to the end of a digit run.
        let mut end = text.len();
        let mut n = 0;
        for (i, ch) in text[p..].char_indices() {
            if n >= WINDOW_AHEAD && !is_run_char(ch) && !is_space(ch) {
                end = p + i;
                break;
            }
            if !is_space(ch) {
                n += 1;
            }
        }
        match out.last_mut() {
            Some(last) if start <= last.1 => last.1 = last.1.max(end),
            _ => out.push((start.max(covered_to), end)),
        }
        covered_to = out.last().map_or(0, |w| w.1);
    }
    out
}

/// [`extract`] without windows: the whole text scanned (the reference the windows must match).
#[doc(hidden)]
pub fn extract_scanning_all(text: &str) -> Vec<FoundNumber> {
    let mut out = Vec::new();
    extract_in(text, 0, &mut out);
    out
}

/// The whole-text scan, on `text` (a window of a larger text starting at byte `base`).
fn extract_in(text: &str, base: usize, out: &mut Vec<FoundNumber>) {
    let chars = Folded::new(text);
    let mut i = 0;
    let mut last_end = 0;
    while i < chars.len() {
        if let Some(m) = chars.match_at(i, last_end) {
            let next = m.end;
            let number = m.into_number(text, &chars);
            let start = base + chars.byte(m.issuer_start);
            let end = base + chars.byte(m.end);
            out.push(FoundNumber { number, start, end });
            last_end = next;
            i = next;
        } else {
            i += 1;
        }
    }
}

/// Fold one character the way document numbers are compared: brackets to 〔〕, full-width
/// ASCII to ASCII, traditional characters used in issuer codes to simplified ones.
/// One character in, one character out, so offsets carry over.
pub fn fold_char(c: char) -> char {
    simplify(fold_struct(c))
}

/// The folding used while scanning text: brackets, full-width ASCII, spaces and 號. Issuer
/// characters are simplified only once a number is found ([`canonical_issuer`]).
fn fold_struct(c: char) -> char {
    match c {
        '號' => '号',
        '〔' | '﹝' | '[' | '［' | '(' | '（' | '【' | '〖' | '⁅' | '❲' | '「' | '『' | '〈' | '﹙' | '〘' | '⦅'
        | '｟' => '〔',
        '〕' | '﹞' | ']' | '］' | ')' | '）' | '】' | '〗' | '⁆' | '❳' | '」' | '』' | '〉' | '﹚' | '〙' | '⦆'
        | '｠' => '〕',
        '\u{3000}' | '\u{00a0}' => ' ',
        '\u{ff01}'..='\u{ff5e}' => char::from_u32(c as u32 - 0xfee0).unwrap_or(c),
        _ => c,
    }
}

fn is_space(c: char) -> bool {
    matches!(c, ' ' | '\t' | '\u{3000}' | '\u{00a0}' | '\u{2002}'..='\u{200b}')
}

fn is_cjk(c: char) -> bool {
    matches!(c, '\u{4e00}'..='\u{9fff}' | '\u{3400}'..='\u{4dbf}' | '〇')
}

/// Characters that never occur inside an issuer code.
/// Checked on the simplified character, as the issuer is stored simplified: otherwise a
/// traditional 對 would be read into an issuer whose canonical 对 ends the scan on re-parse.
fn is_issuer_char(c: char) -> bool {
    is_cjk(c)
        && !matches!(
            simplify(c),
            '的' | '号' | '第' | '是' | '在' | '对' | '将' | '把' | '被' | '从' | '即' | '见' | '按' | '据'
        )
}

/// Words that end the issuer scan when read backwards: what stands before an issuer code in
/// running text (`根据国发〔2018〕1号`, `…的通知国办发〔…〕`).
const LEAD_WORDS: &[&str] = &[
    "根据", "依据", "按照", "参照", "依照", "遵照", "对照", "执行", "贯彻", "落实", "印发", "转发", "通知", "意见",
    "决定", "文件", "精神", "关于", "以及", "及其", "并经", "同时", "和", "及", "与", "或", "由", "为", "以", "于",
    "自", "并", "了", "等", "见", "发布", "公布", "施行", "予以", "现将", "照", "废止", "废除", "撤销", "参阅", "参见",
    "代替", "取代", "替代", "修改", "修订",
];

/// Longest issuer of a decree or announcement read in running text, in characters
/// (`浙江省第十二届人民代表大会常务委员会公告` is 20).
const MAX_ISSUER: usize = 40;
/// Longest bracketed issuer code read in running text (`沪公积金管委会`, `中国人民银行公告`).
const MAX_CODE: usize = 10;

/// Issuer codes that name one issuer in several ways.
fn canonical_issuer(issuer: &str) -> String {
    let simplified: String = issuer.chars().map(simplify).collect();
    let issuer = simplified.as_str();
    let s = issuer
        .strip_prefix("中华人民共和国")
        .filter(|rest| (rest.ends_with('令') || rest.ends_with("公告")) && rest.chars().count() >= 2);
    let s = s.unwrap_or(issuer);
    if s == "国令" {
        return "国务院令".to_string();
    }
    s.to_string()
}

/// Text folded one character per character, whitespace removed, with each kept character's
/// byte offset in the original text.
struct Folded {
    chars: Vec<char>,
    offsets: Vec<usize>,
    /// Whether whitespace stood before this character in the original text.
    gap_before: Vec<bool>,
    text_len: usize,
    /// Parsing one number (spaces may split the issuer) rather than reading running text
    /// (a space ends the issuer: `2016年4月15日 宁波市…公告第1号`).
    lenient: bool,
}

#[derive(Debug, Clone, Copy)]
struct Match {
    issuer_start: usize,
    issuer_end: usize,
    year: Option<u16>,
    serial: u32,
    end: usize,
}

impl Match {
    fn into_number(self, text: &str, chars: &Folded) -> DocNumber {
        let issuer: String = chars.chars[self.issuer_start..self.issuer_end].iter().collect();
        let printed = text[chars.byte(self.issuer_start)..chars.byte(self.end)].to_string();
        DocNumber {
            issuer: canonical_issuer(&issuer),
            year: self.year,
            serial: self.serial,
            printed,
        }
    }
}

impl Folded {
    fn new(text: &str) -> Self {
        let mut chars = Vec::with_capacity(text.len() / 2);
        let mut offsets = Vec::with_capacity(text.len() / 2);
        let mut gap_before = Vec::with_capacity(text.len() / 2);
        let mut gap = false;
        for (i, c) in text.char_indices() {
            if is_space(c) {
                gap = true;
            } else {
                chars.push(fold_struct(c));
                offsets.push(i);
                gap_before.push(gap);
                gap = false;
            }
        }
        Folded {
            chars,
            offsets,
            gap_before,
            text_len: text.len(),
            lenient: false,
        }
    }

    fn len(&self) -> usize {
        self.chars.len()
    }

    fn c(&self, i: usize) -> char {
        self.chars[i]
    }

    fn get(&self, i: usize) -> Option<char> {
        self.chars.get(i).copied()
    }

    /// Byte offset in the original text of folded position `i` (or the text's end).
    fn byte(&self, i: usize) -> usize {
        if i < self.offsets.len() {
            self.offsets[i]
        } else {
            self.text_len
        }
    }

    /// ASCII digits starting at `i`: (value, count). At most 6 digits are read.
    fn digits(&self, i: usize) -> Option<(u32, usize)> {
        let n = self.chars[i.min(self.len())..]
            .iter()
            .take_while(|c| c.is_ascii_digit())
            .count();
        if n == 0 || n > 6 {
            return None;
        }
        let v = self.chars[i..i + n]
            .iter()
            .fold(0u32, |acc, c| acc * 10 + (*c as u32 - '0' as u32));
        Some((v, n))
    }

    /// A year of four digits at `i`: ASCII, or Chinese numerals digit by digit (二〇一八).
    fn year4(&self, i: usize) -> Option<u32> {
        if let Some((year, n)) = self.digits(i) {
            return (n == 4).then_some(year);
        }
        let four = self.chars.get(i..i + 4)?;
        four.iter().try_fold(0, |acc, c| match chinese_digit(*c) {
            Some(d) if d < 10 => Some(acc * 10 + d),
            _ => None,
        })
    }

    /// A serial at `i`: optional 第, ASCII digits or Chinese numerals. Returns (serial, end).
    fn serial(&self, i: usize, require_hao: bool) -> Option<(u32, usize)> {
        let mut j = i;
        if self.get(j) == Some('第') {
            j += 1;
        }
        let (value, n) = if let Some(d) = self.digits(j) {
            d
        } else {
            let n = self.chars[j.min(self.len())..]
                .iter()
                .take_while(|c| chinese_digit(**c).is_some())
                .count();
            if n == 0 || n > 8 {
                return None;
            }
            (chinese_numeral(&self.chars[j..j + n])?, n)
        };
        if value == 0 {
            return None;
        }
        let mut end = j + n;
        match self.get(end) {
            Some('号') => end += 1,
            // A serial running into more digits or a unit is a quantity, not a number.
            Some(c) if require_hao || c.is_ascii_digit() || is_unit(c) => return None,
            None if require_hao => return None,
            _ => {}
        }
        Some((value, end))
    }

    /// Read an issuer code backwards from `end` (exclusive), not crossing `floor`.
    fn issuer_back(&self, end: usize, floor: usize, decree: bool) -> Option<usize> {
        let max = if decree { MAX_ISSUER } else { MAX_CODE };
        let mut start = end;
        while start > floor && end - start < max {
            if start < end && self.gap_before[start] && !self.lenient {
                break;
            }
            let c = self.c(start - 1);
            let ok = if decree {
                is_cjk(c) && !matches!(c, '的' | '号')
            } else {
                is_issuer_char(c)
            };
            if !ok {
                break;
            }
            start -= 1;
        }
        // Drop what stands before the code: the last lead word inside the scanned run ends it.
        let run: String = self.chars[start..end].iter().map(|c| simplify(*c)).collect();
        let mut cut = 0; // in chars from `start`
        for w in LEAD_WORDS {
            if let Some(pos) = run.rfind(w) {
                let after = run[..pos + w.len()].chars().count();
                // A lead word must leave at least one character of issuer code.
                if after < end - start && after > cut {
                    // Organ names hold 和 (住房和城乡建设部, 中华人民共和国).
                    if *w == "和" && organ_conjunction(&run, pos) {
                        continue;
                    }
                    cut = after;
                }
            }
        }
        let mut start = start + cut;
        // The 日 of a date run into the issuer: `2016年4月15日原国家工商行政管理局令第94号`.
        if start > 0
            && start + 1 < end
            && matches!(self.c(start), '年' | '月' | '日')
            && self.c(start - 1).is_ascii_digit()
        {
            start += 1;
        }
        (start < end).then_some(start)
    }

    /// Try every shape anchored at `j` (a bracket, a year, the end of 令/公告), reading the
    /// issuer back no further than `floor` (the end of the previous match).
    fn match_at(&self, j: usize, floor: usize) -> Option<Match> {
        self.decree_at(j, floor)
            .or_else(|| self.bracket_at(j, floor))
            .or_else(|| self.year_at(j, floor))
    }

    /// `ISSUER〔YYYY年?〕第?N号?` with the bracket at `b`.
    fn bracket_at(&self, b: usize, floor: usize) -> Option<Match> {
        if self.c(b) != '〔' {
            return None;
        }
        let year = self.year4(b + 1)?;
        let mut k = b + 5;
        if self.get(k) == Some('年') {
            k += 1;
        }
        if self.get(k) != Some('〕') {
            return None;
        }
        let (serial, end) = self.serial(k + 1, false)?;
        let issuer_start = self.issuer_back(b, floor, false)?;
        Some(Match {
            issuer_start,
            issuer_end: b,
            year: Some(valid_year(year)?),
            serial,
            end,
        })
    }

    /// `ISSUER YYYY年 第?N号` with the year's first digit at `y`.
    fn year_at(&self, y: usize, floor: usize) -> Option<Match> {
        let (year, n) = self.digits(y)?;
        if n != 4 || self.get(y + 4) != Some('年') {
            return None;
        }
        let has_di = self.get(y + 5) == Some('第');
        let (serial, end) = self.serial(y + 5, true)?;
        let issuer_start = self.issuer_back(y, floor, true)?;
        let issuer: String = self.chars[issuer_start..y].iter().collect();
        // In running text, without 第 the shape is too close to prose ("2018年5号文件"):
        // require a code-like end. A whole string given as a number may be any issuer.
        let code_like = ends_like_code(&issuer) || issuer.ends_with('令') || issuer.ends_with("公告");
        if !self.lenient && !has_di && !code_like {
            return None;
        }
        Some(Match {
            issuer_start,
            issuer_end: y,
            year: Some(valid_year(year)?),
            serial,
            end,
        })
    }

    /// `ISSUER令第N号` / `ISSUER公告第N号` with the last character of 令/公告 at `k`.
    fn decree_at(&self, k: usize, floor: usize) -> Option<Match> {
        let c = self.c(k);
        let is_decree_end = c == '令' || (c == '告' && k > 0 && self.c(k - 1) == '公');
        if !is_decree_end {
            return None;
        }
        let next = self.get(k + 1)?;
        if next != '第' && !next.is_ascii_digit() {
            return None;
        }
        let (serial, end) = self.serial(k + 1, true)?;
        let issuer_start = self.issuer_back(k + 1, floor, true)?;
        // 令 or 公告 alone is no issuer.
        let min = if c == '令' { 2 } else { 3 };
        if k + 1 - issuer_start < min {
            return None;
        }
        Some(Match {
            issuer_start,
            issuer_end: k + 1,
            year: None,
            serial,
            end,
        })
    }

    /// For `parse`: the one match in the text, ending exactly at `end`.
    fn match_at_end(&self, end: usize) -> Option<Match> {
        let mut found = None;
        let mut j = 0;
        while j < end {
            match self.match_at(j, 0) {
                Some(m) if found.is_none() => {
                    found = Some(m);
                    j = m.end;
                }
                Some(_) => return None,
                None => j += 1,
            }
        }
        found.filter(|m| m.end == end)
    }

    fn shape_error(&self, end: usize) -> DocNumberError {
        // 〔2018〕59号 alone: the shape is there but no issuer.
        let s: String = self.chars[..end].iter().collect();
        if s.starts_with('〔') && s.len() > 6 {
            return DocNumberError::NoIssuer;
        }
        if let Some(y) = s
            .find('〔')
            .and_then(|p| s[p + '〔'.len_utf8()..].get(..4))
            .and_then(|y| y.parse::<u32>().ok())
        {
            if !(1900..=2099).contains(&y) {
                return DocNumberError::Year(y);
            }
        }
        DocNumberError::Shape
    }
}

/// Whether the 和 at byte `pos` of `run` belongs to an organ's name.
fn organ_conjunction(run: &str, pos: usize) -> bool {
    const CONTEXTS: &[&str] = &[
        "共和国",
        "房和城",
        "源和社",
        "业和信",
        "展和改",
        "济和信",
        "化和旅",
        "生和计",
        "术和工",
        "育和体",
    ];
    let before = run[..pos].chars().next_back();
    let after = run[pos + "和".len()..].chars().next();
    match (before, after) {
        (Some(b), Some(a)) => CONTEXTS.iter().any(|c| {
            let mut it = c.chars();
            it.next() == Some(b) && it.nth(1) == Some(a)
        }),
        _ => false,
    }
}

/// Issuer codes of numbered documents end in a handful of characters (发, 函, 字, 办, …); used
/// only to accept the bracket-less `ISSUER2018年59号` shape.
fn ends_like_code(issuer: &str) -> bool {
    issuer.chars().count() >= 2
        && issuer.ends_with([
            '发', '函', '字', '办', '规', '令', '告', '通', '电', '复', '号', '释', '文', '证',
        ])
}

fn valid_year(y: u32) -> Option<u16> {
    (1900..=2099).contains(&y).then_some(y as u16)
}

/// Units and counters that follow quantities, never serials.
fn is_unit(c: char) -> bool {
    matches!(
        c,
        '个' | '项'
            | '条'
            | '件'
            | '人'
            | '元'
            | '年'
            | '月'
            | '日'
            | '次'
            | '万'
            | '亿'
            | '户'
            | '家'
            | '%'
            | '.'
            | '-'
            | '/'
    )
}

fn chinese_digit(c: char) -> Option<u32> {
    Some(match c {
        // Zero as printed, and as OCR and typing render the round 〇: the circle ○ (as
        // often as 〇 in the dates of the corpus: 二○○三年), ◯, and the letter O (Latin,
        // full-width, Cyrillic).
        '〇' | '零' | '○' | '◯' | 'Ｏ' | 'O' | 'О' | '0' => 0,
        '一' => 1,
        '二' | '两' => 2,
        '三' => 3,
        '四' => 4,
        '五' => 5,
        '六' => 6,
        '七' => 7,
        '八' => 8,
        '九' => 9,
        '十' => 10,
        '百' => 100,
        '千' => 1000,
        _ => return None,
    })
}

/// A number in Chinese numerals: `七十三` → 73, `一百零五` → 105, `三` → 3, `二〇一九` → 2019
/// (digit by digit). Used for serials here and for dates (二〇一八年十二月二十日) by the readers.
pub fn parse_chinese_numeral(s: &str) -> Option<u32> {
    let cs: Vec<char> = s.chars().collect();
    if cs.is_empty() {
        return None;
    }
    chinese_numeral(&cs)
}

fn chinese_numeral(cs: &[char]) -> Option<u32> {
    let vals: Vec<u32> = cs.iter().map(|c| chinese_digit(*c)).collect::<Option<_>>()?;
    if vals.iter().all(|v| *v < 10) && vals.len() > 1 {
        return Some(vals.iter().fold(0, |acc, v| acc * 10 + v));
    }
    let (mut total, mut cur) = (0u32, 0u32);
    for v in vals {
        if v >= 10 {
            total += cur.max(1) * v;
            cur = 0;
        } else {
            cur = v;
        }
    }
    Some(total + cur)
}

/// Traditional characters that occur in issuer codes, folded to simplified ones.
fn simplify(c: char) -> char {
    match c {
        '與' => '与',
        '專' => '专',
        '業' => '业',
        '東' => '东',
        '舉' => '举',
        '烏' => '乌',
        '習' => '习',
        '鄉' => '乡',
        '書' => '书',
        '於' => '于',
        '雲' => '云',
        '產' => '产',
        '倉' => '仓',
        '們' => '们',
        '價' => '价',
        '會' => '会',
        '傳' => '传',
        '體' => '体',
        '僑' => '侨',
        '儲' => '储',
        '兌' => '兑',
        '黨' => '党',
        '蘭' => '兰',
        '關' => '关',
        '養' => '养',
        '軍' => '军',
        '農' => '农',
        '決' => '决',
        '準' => '准',
        '劃' => '划',
        '劇' => '剧',
        '辦' => '办',
        '務' => '务',
        '勵' => '励',
        '勞' => '劳',
        '區' => '区',
        '醫' => '医',
        '華' => '华',
        '協' => '协',
        '單' => '单',
        '衛' => '卫',
        '廠' => '厂',
        '廳' => '厅',
        '縣' => '县',
        '參' => '参',
        '發' | '髮' => '发',
        '臺' => '台',
        '號' => '号',
        '呂' => '吕',
        '聽' => '听',
        '員' => '员',
        '國' => '国',
        '場' => '场',
        '處' => '处',
        '備' => '备',
        '復' => '复',
        '獎' => '奖',
        '學' => '学',
        '寧' | '甯' => '宁',
        '實' => '实',
        '審' => '审',
        '對' => '对',
        '導' => '导',
        '爾' => '尔',
        '屬' => '属',
        '島' => '岛',
        '幣' => '币',
        '廣' => '广',
        '莊' => '庄',
        '慶' => '庆',
        '庫' => '库',
        '應' => '应',
        '開' => '开',
        '歸' => '归',
        '總' => '总',
        '懲' => '惩',
        '執' => '执',
        '報' => '报',
        '據' => '据',
        '數' => '数',
        '術' => '术',
        '機' => '机',
        '權' => '权',
        '條' => '条',
        '構' => '构',
        '標' => '标',
        '檢' => '检',
        '氣' => '气',
        '匯' => '汇',
        '漢' => '汉',
        '瀋' => '沈',
        '滬' => '沪',
        '測' => '测',
        '濟' => '济',
        '漁' => '渔',
        '灣' => '湾',
        '濱' => '滨',
        '災' => '灾',
        '環' => '环',
        '瓊' => '琼',
        '電' => '电',
        '療' => '疗',
        '鹽' => '盐',
        '監' => '监',
        '礦' => '矿',
        '稱' => '称',
        '稅' => '税',
        '穩' => '稳',
        '粵' => '粤',
        '糧' => '粮',
        '紀' => '纪',
        '納' => '纳',
        '組' => '组',
        '織' => '织',
        '經' => '经',
        '繪' => '绘',
        '絡' => '络',
        '統' => '统',
        '維' => '维',
        '編' => '编',
        '網' => '网',
        '罰' => '罚',
        '職' => '职',
        '聯' => '联',
        '藝' => '艺',
        '蘇' => '苏',
        '藥' => '药',
        '補' => '补',
        '規' => '规',
        '視' => '视',
        '計' => '计',
        '認' => '认',
        '議' => '议',
        '訊' => '讯',
        '訟' => '讼',
        '設' => '设',
        '證' => '证',
        '訴' => '诉',
        '調' => '调',
        '財' => '财',
        '貨' => '货',
        '質' => '质',
        '貼' => '贴',
        '貴' => '贵',
        '貿' => '贸',
        '費' => '费',
        '資' => '资',
        '贛' => '赣',
        '車' => '车',
        '輸' => '输',
        '辭' => '辞',
        '遼' => '辽',
        '達' => '达',
        '運' => '运',
        '進' => '进',
        '遠' => '远',
        '選' => '选',
        '郵' => '邮',
        '鄭' => '郑',
        '釋' => '释',
        '鐵' => '铁',
        '銀' => '银',
        '銷' => '销',
        '鎮' => '镇',
        '長' => '长',
        '門' => '门',
        '閩' => '闽',
        '際' => '际',
        '陝' | '陜' => '陕',
        '險' => '险',
        '項' => '项',
        '飛' => '飞',
        '館' => '馆',
        '魯' => '鲁',
        '齊' => '齐',
        '齡' => '龄',
        '龍' => '龙',
        // Found with OpenCC's s2t, s2tw and s2hk tables: the traditional forms of every
        // character of the document numbers in ../shared/corpus that were not above.
        '萬' => '万',
        '豐' => '丰',
        '臨' => '临',
        '麗' => '丽',
        '樂' => '乐',
        '喬' => '乔',
        '億' => '亿',
        '餘' => '余',
        '興' => '兴',
        '內' => '内',
        '涼' => '凉',
        '減' => '减',
        '則' => '则',
        '動' => '动',
        '衞' => '卫',
        '廈' => '厦',
        '後' => '后',
        '吳' => '吴',
        '鹹' => '咸',
        '團' => '团',
        '頭' => '头',
        '寶' => '宝',
        '屆' => '届',
        '嶽' => '岳',
        '廢' => '废',
        '張' => '张',
        '態' => '态',
        '揚' => '扬',
        '撫' => '抚',
        '護' => '护',
        '晉' => '晋',
        '來' => '来',
        '楊' => '杨',
        '橫' => '横',
        '滄' => '沧',
        '瀘' => '泸',
        '瀏' => '浏',
        '潤' => '润',
        '溫' => '温',
        '瀕' => '濒',
        '靈' => '灵',
        '煙' => '烟',
        '盤' => '盘',
        '碼' => '码',
        '礱' => '砻',
        '礎' => '础',
        '祕' => '秘',
        '積' => '积',
        '築' => '筑',
        '簡' => '简',
        '紅' => '红',
        '細' => '细',
        '紹' => '绍',
        '續' => '续',
        '綿' => '绵',
        '綜' => '综',
        '綠' => '绿',
        '緩' => '缓',
        '羅' => '罗',
        '勝' => '胜',
        '節' => '节',
        '蕪' => '芜',
        '蒼' => '苍',
        '範' => '范',
        '荊' => '荆',
        '榮' => '荣',
        '許' => '许',
        '評' => '评',
        '識' => '识',
        '詳' => '详',
        '請' => '请',
        '貸' => '贷',
        '賀' => '贺',
        '輻' => '辐',
        '遺' => '遗',
        '採' => '采',
        '裏' | '裡' => '里',
        '鈾' => '铀',
        '鉛' => '铅',
        '銅' => '铜',
        '錫' => '锡',
        '閔' => '闵',
        '閱' | '閲' => '阅',
        '陽' => '阳',
        '陸' => '陆',
        '隨' => '随',
        '靜' => '静',
        '韓' => '韩',
        '預' => '预',
        '領' => '领',
        '風' => '风',
        '馬' => '马',
        '駐' => '驻',
        '驗' => '验',
        '鶴' => '鹤',
        '鷹' => '鹰',
        '黃' => '黄',
        _ => c,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn canon(s: &str) -> String {
        DocNumber::parse(s)
            .map(|n| n.canonical())
            .unwrap_or_else(|e| format!("ERR {e}"))
    }

    #[test]
    fn spellings_parse_to_one_value() {
        for s in [
            "绿政办发〔2018〕59号",
            "绿政办发[2018]59号",
            "绿政办发［2018］59号",
            "绿政办发(2018)59号",
            "绿政办发（2018）59号",
            "绿政办发【2018】59号",
            "绿政办发﹝2018﹞59号",
            "绿政办发「2018」59号",
            "绿政办发『2018』59号",
            "绿政办发〈2018〉59号",
            "绿政办发﹙2018﹚59号",
            "绿政办发〘2018〙59号",
            "绿政办发⦅2018⦆59号",
            "绿政办发｟2018｠59号",
            "绿政办发〔二〇一八〕59号",
            "绿政办发〔二零一八年〕第五十九号",
            "绿政办发〔2018]59号",
            "绿政办发 〔2018〕 59 号",
            "绿政办发〔２０１８〕５９号",
            "绿政办发〔2018〕第59号",
            "绿政办发〔2018〕059号",
            "绿政办发〔2018〕59",
            "绿政办发〔2018〕59号文",
            "绿政办发2018年59号",
            "绿政办发2018年第59号",
            "绿政办发〔2018年〕59号",
        ] {
            assert_eq!(canon(s), "绿政办发〔2018〕59号", "{s}");
        }
        assert_eq!(
            DocNumber::parse("呼政辦發[2008]68號"),
            DocNumber::parse("呼政办发〔2008〕68号")
        );
        assert_eq!(canon("国务院令第711号"), "国务院令第711号");
        assert_eq!(canon("国令第796号"), "国务院令第796号");
        assert_eq!(canon("中华人民共和国国务院令第485号"), "国务院令第485号");
        assert_eq!(canon("交通运输部令2019年第1号"), "交通运输部令〔2019〕1号");
        assert_eq!(canon("中华人民共和国主席令第七十三号"), "主席令第73号");
        assert_eq!(
            canon("浙江省第十二届人民代表大会常务委员会公告第９号"),
            "浙江省第十二届人民代表大会常务委员会公告第9号"
        );
        assert_eq!(canon("中国人民银行公告〔2024〕第11号"), "中国人民银行公告〔2024〕11号");
        assert_eq!(canon("的通知徐政办发〔2018〕89号"), "徐政办发〔2018〕89号");
        assert_eq!(canon("国办发明电〔2018〕15号"), "国办发明电〔2018〕15号");
        assert_eq!(canon("沪房市场〔2019〕184 号"), "沪房市场〔2019〕184号");
        // See: a whole-string number with 年 and no 第 was refused unless its issuer ended
        // like 发/函 (沪水务2026年141号 missed its document in the relevance set).
        assert_eq!(canon("沪水务2026年141号"), "沪水务〔2026〕141号");
        // See: fuzz crash-688a2f77: a traditional stop character (對) was read into the issuer,
        // and the canonical spelling (对年〔2040〕1号) then re-parsed to another number.
        let found = extract("對年[2040年)1");
        assert_eq!(found.len(), 1);
        let n = &found[0].number;
        assert_eq!(DocNumber::parse(&n.canonical()).ok().as_ref(), Some(n));
        assert_eq!(canon("沪水务２０２５年４２３号"), "沪水务〔2025〕423号");
    }

    /// Real numbers of ../shared/corpus as OpenCC's s2t table writes them (it makes 黄发 into
    /// 黃髮, hair, as a careless conversion would): each reads as its simplified spelling.
    #[test]
    fn traditional_spellings_of_corpus_numbers() {
        for (traditional, simplified) in [
            (
                "浙江省第十一屆人民代表大會常務委員會公告第49號",
                "浙江省第十一届人民代表大会常务委员会公告第49号",
            ),
            ("榮委人才辦發〔2024〕6號", "荣委人才办发〔2024〕6号"),
            ("穗公積金中心規字〔2022〕2號", "穗公积金中心规字〔2022〕2号"),
            ("錫政規〔2020〕1號", "锡政规〔2020〕1号"),
            ("銅政辦〔2018〕36號", "铜政办〔2018〕36号"),
            ("陝億礦字〔2022〕9號", "陕亿矿字〔2022〕9号"),
            ("生態環境部工信部聯節〔2022〕88號", "生态环境部工信部联节〔2022〕88号"),
            ("鹹住發〔2026〕1號", "咸住发〔2026〕1号"),
            ("滬綠容〔2022〕126號", "沪绿容〔2022〕126号"),
            ("遼紅核函〔2021〕170號", "辽红核函〔2021〕170号"),
            ("寧建綜〔2018〕34號", "宁建综〔2018〕34号"),
            ("粵衛〔2023〕2號", "粤卫〔2023〕2号"),
            ("廣陽江〔2020〕71號", "广阳江〔2020〕71号"),
            ("寶建〔2017〕121號", "宝建〔2017〕121号"),
            ("築府辦函〔2020〕29號", "筑府办函〔2020〕29号"),
            ("楊應急法宣〔2025〕1號", "杨应急法宣〔2025〕1号"),
            ("貿臨管規範〔2022〕7號", "贸临管规范〔2022〕7号"),
            ("黃髮改規〔2024〕2號", "黄发改规〔2024〕2号"),
            ("實施細則海府〔2017〕37號", "实施细则海府〔2017〕37号"),
            ("湘林護函〔2016〕11號", "湘林护函〔2016〕11号"),
            ("中鈾發〔2022〕264號", "中铀发〔2022〕264号"),
            ("靜府辦發〔2019〕7號", "静府办发〔2019〕7号"),
            ("環環評〔2020〕48號", "环环评〔2020〕48号"),
            (
                "第七屆全國人民代表大會第一次會議主席團公告第8號",
                "第七届全国人民代表大会第一次会议主席团公告第8号",
            ),
        ] {
            assert_eq!(canon(traditional), simplified, "{traditional}");
        }
    }

    #[test]
    fn non_numbers_are_rejected() {
        for s in [
            "",
            "〔2018〕59号",
            "2018年",
            "42个",
            "GB/T 9704-2012",
            "hello",
            "绿政办发",
            "公告第1号",
            "令第3号",
        ] {
            assert!(DocNumber::parse(s).is_err(), "{s} parsed as {:?}", DocNumber::parse(s));
        }
        assert_eq!(DocNumber::parse("〔2018〕59号"), Err(DocNumberError::NoIssuer));
    }

    #[test]
    fn printed_and_parts() {
        let n = DocNumber::parse("绿政办发[2018]059号").expect("parses");
        assert_eq!(n.printed(), "绿政办发[2018]059号");
        assert_eq!((n.issuer(), n.year(), n.serial()), ("绿政办发", Some(2018), 59));
    }

    #[test]
    fn extracts_in_order_without_false_positives() {
        let text = "根据《关于做好2018年政务公开工作的通知》(红政办函〔2018〕31号)和国办发〔2017〕24号、国办发[2016]80号文件精神，共42个部门公开5580项，12345热线，依据GB/T 9704-2012，〔2018〕59号不算。";
        let got: Vec<String> = extract(text).iter().map(|f| f.number.canonical()).collect();
        assert_eq!(
            got,
            ["红政办函〔2018〕31号", "国办发〔2017〕24号", "国办发〔2016〕80号"]
        );
        for f in extract(text) {
            assert_eq!(&text[f.start..f.end], f.number.printed());
        }
    }

    // See (QA trial): `A沪交建〔2023〕884号` was read as 沪交建〔2023〕884号 (another
    // document), `沪A交建〔2023〕884号` as 交建〔2023〕884号.
    #[test]
    fn latin_letters_glued_to_an_issuer_code_are_no_number() {
        for t in [
            "A沪交建〔2023〕884号",
            "沪A交建〔2023〕884号",
            "JS政发〔2018〕1号",
            "3沪交建〔2023〕884号",
        ] {
            assert!(DocNumber::parse(t).is_err(), "{t}");
        }
        assert!(DocNumber::parse("根据沪交建〔2023〕884号").is_ok());
        assert!(DocNumber::parse("沪交建〔2023〕884号").is_ok());
    }

    // See (QA trial): the verb before a number was read into its issuer code
    // (`同时废止沪交建〔2023〕884号` gave `废止沪交建…`), so the repeal and the citation were lost.
    #[test]
    fn verbs_before_a_number_are_no_issuer() {
        for lead in [
            "同时废止",
            "废除",
            "参阅",
            "请参阅",
            "参见",
            "代替",
            "取代",
            "修改",
            "撤销",
        ] {
            let text = format!("{lead}沪交建〔2023〕884号");
            let got: Vec<String> = extract(&text).iter().map(|f| f.number.canonical()).collect();
            assert_eq!(got, ["沪交建〔2023〕884号"], "{text}");
        }
    }

    #[test]
    fn extracts_decrees() {
        let text = "现公布《条例》，自公布之日起施行。中华人民共和国国务院令第485号。另见国令第796号及交通运输部令2019年第1号。";
        let got: Vec<String> = extract(text).iter().map(|f| f.number.canonical()).collect();
        assert_eq!(got, ["国务院令第485号", "国务院令第796号", "交通运输部令〔2019〕1号"]);
    }

    #[test]
    fn partial_numbers() {
        let p = |s| PartialDocNumber::parse(s);
        assert_eq!(
            p("绿政办发"),
            Some(PartialDocNumber {
                issuer: "绿政办发".into(),
                year: None
            })
        );
        let with_year = Some(PartialDocNumber {
            issuer: "绿政办发".into(),
            year: Some(2018),
        });
        assert_eq!(p("绿政办发〔2018〕"), with_year);
        assert_eq!(p("绿政办发[2018]"), with_year);
        assert_eq!(p("绿政办发2018"), with_year);
        assert_eq!(p("绿政办发2018年"), with_year);
        assert_eq!(p("绿政办发〔2018〕59号"), None);
        assert_eq!(p("2018"), None);
    }

    #[test]
    fn chinese_numerals() {
        let n = |s: &str| chinese_numeral(&s.chars().collect::<Vec<_>>());
        assert_eq!(n("七十三"), Some(73));
        assert_eq!(n("十"), Some(10));
        assert_eq!(n("一百零五"), Some(105));
        assert_eq!(n("八"), Some(8));
    }
}

#[cfg(test)]
mod props {
    use super::*;
    use proptest::prelude::*;

    fn issuer() -> impl Strategy<Value = String> {
        // Issuer codes made of characters real codes use.
        proptest::collection::vec(
            proptest::sample::select(vec![
                '国', '办', '发', '绿', '政', '沪', '房', '规', '财', '税', '函', '建', '市', '府', '委', '人', '社',
                '部', '字', '明', '电',
            ]),
            2..7,
        )
        .prop_map(|v| v.into_iter().collect::<String>())
        .prop_filter("ends like an issuer code", |s| {
            !s.ends_with('令') && !s.ends_with("公告")
        })
    }

    fn fullwidth(s: &str) -> String {
        s.chars()
            .map(|c| {
                if c.is_ascii_digit() {
                    char::from_u32(c as u32 + 0xfee0).unwrap_or(c)
                } else {
                    c
                }
            })
            .collect()
    }

    #[test]
    fn anchors_are_every_opening_bracket_and_nothing_else() {
        for c in (0..=0x10FFFFu32).filter_map(char::from_u32) {
            assert_eq!(
                is_anchor(c),
                fold_struct(c) == '〔' || matches!(c, '年' | '令' | '告'),
                "{c:?}"
            );
        }
    }

    proptest! {
        #[test]
        fn every_variant_parses_back(issuer in issuer(), year in 1950u16..2040, serial in 1u32..5000,
                                     open in 0usize..15, close in 0usize..15, di: bool, hao: bool, zeros in 0usize..3,
                                     space: bool, full: bool) {
            let opens = ['〔', '﹝', '[', '［', '(', '（', '【', '〔', '「', '『', '〈', '﹙', '〘', '⦅', '｟'];
            let closes = ['〕', '﹞', ']', '］', ')', '）', '】', '〕', '」', '』', '〉', '﹚', '〙', '⦆', '｠'];
            let canonical = DocNumber::new(&issuer, Some(year), serial).expect("valid");
            let serial_text = format!("{}{}", "0".repeat(zeros), serial);
            let mut text = format!("{issuer}{}{year}{}{}{serial_text}{}", opens[open], closes[close],
                if di { "第" } else { "" }, if hao { "号" } else { "" });
            if space { text = text.chars().flat_map(|c| [c, ' ']).collect(); }
            if full { text = fullwidth(&text); }
            let parsed = DocNumber::parse(&text).expect("variant parses");
            prop_assert_eq!(&parsed, &canonical);
            prop_assert_eq!(parsed.canonical(), canonical.canonical());
            // The canonical spelling is a fixed point.
            prop_assert_eq!(DocNumber::parse(&canonical.canonical()).expect("canonical parses").canonical(), canonical.canonical());
        }

        #[test]
        fn extraction_finds_a_variant_in_prose(issuer in issuer(), year in 1950u16..2040, serial in 1u32..5000) {
            let text = format!("按照《某某办法》（{issuer}[{year}]{serial}号）执行，共42个项目。");
            let found = extract(&text);
            prop_assert_eq!(found.len(), 1);
            prop_assert_eq!(found[0].number.canonical(), DocNumber::new(&issuer, Some(year), serial).expect("valid").canonical());
        }

        /// Scanning only the windows around anchors finds exactly what scanning everything
        /// finds: long issuers, spaces, long digit runs and numerals around anchors included.
        #[test]
        fn windows_find_what_a_full_scan_finds(
            parts in proptest::collection::vec(prop::sample::select(vec![
                "国发", "〔2018〕", "[2019]", "（2020）", "12号", "第3号", "号", "令", "公告", "2017年", "第十二号",
                "年", "住房和城乡建设部", "浙江省第十二届人民代表大会常务委员会", "根据", "的通知", "，", "。",
                " ", "\u{3000}", "1234567", "一二三", "条", "国务院令", "第711号", "2016年4月15日", "日",
            ]), 0..60)
        ) {
            let text: String = parts.concat();
            prop_assert_eq!(extract(&text), extract_scanning_all(&text));
        }

        #[test]
        fn arbitrary_text_never_panics(s in "\\PC{0,80}") {
            let _ = DocNumber::parse(&s);
            let _ = PartialDocNumber::parse(&s);
            for f in extract(&s) {
                prop_assert!(s.is_char_boundary(f.start) && s.is_char_boundary(f.end));
                prop_assert!(f.start < f.end);
            }
        }

        #[test]
        fn arbitrary_mixes_of_number_chars_never_panic(s in "[〔〕\\[\\]()（）第号年令公告国发办0-9０-９ 一二十]{0,40}") {
            let _ = DocNumber::parse(&s);
            for f in extract(&s) {
                prop_assert!(s.is_char_boundary(f.start) && s.is_char_boundary(f.end));
            }
        }
    }
}
