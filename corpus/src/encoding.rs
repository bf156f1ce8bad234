//! Decoding file bytes: UTF-8 (with or without BOM), UTF-16 with BOM, GB18030/GBK, Big5, or the
//! charset a page declares.
//!
//! Order:
//!
//! 1. A byte-order mark decides. A NUL byte means a binary file. Pure ASCII is UTF-8.
//! 2. A charset the page declares (`<meta charset>`, `<meta http-equiv="Content-Type">`, an XML
//!    declaration: see [`sniff_charset`]) is used when the bytes decode in it without an error,
//!    unless another reading is overwhelmingly better (a UTF-8 page still labelled `gb2312`).
//!    When they do not decode in it, another reading is used only if it is clearly right (a
//!    definite, plausible reading of at least [`MIN_FALLBACK_CHARS`] characters); else the file
//!    is reported.
//! 3. Without a declaration the candidates are UTF-8 (when valid), GB18030 and Big5 (when they
//!    decode without a single error), and they are weighed by evidence: how likely each reading
//!    is as Chinese text (see `Score`): common characters (GB2312 level 1 for simplified,
//!    Big5 level 1 for traditional, both computed from encoding_rs), punctuation, rare
//!    characters, and letters of scripts foreign to the corpus, plus a prior for each encoding
//!    (UTF-8 and GB18030 common, Big5 rare). Valid UTF-8 with a character at or above U+0800 is
//!    UTF-8; valid UTF-8 of two-byte sequences only (what GBK bytes that happen to be valid
//!    UTF-8 look like: `֪ͨ` for 通知) is weighed against its GB18030 reading.
//! 4. When the two best readings are both plausible and the evidence between them is under
//!    [`DECISIVE_BITS`], the file is reported as ambiguous rather than guessed.
//!
//! Nothing is ever decoded with replacement characters: bytes that fit no encoding are a
//! [`ReadError::Encoding`] naming the file and the line of the first bad byte.

use std::path::Path;
use std::sync::OnceLock;

use encoding_rs::{Encoding, BIG5, GB18030, GBK, UTF_16BE, UTF_16LE, UTF_8};

use crate::error::ReadError;
use crate::html;

/// Which encoding a text was read in.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Detected {
    Utf8,
    Utf8Bom,
    Utf16,
    Gb18030,
    Big5,
    /// A charset the page declared other than the above (windows-1252, Shift_JIS, …).
    Declared(&'static Encoding),
}

impl Detected {
    fn name(self) -> &'static str {
        match self {
            Detected::Utf8 | Detected::Utf8Bom => "UTF-8",
            Detected::Utf16 => "UTF-16",
            Detected::Gb18030 => "GB18030",
            Detected::Big5 => "Big5",
            Detected::Declared(e) => e.name(),
        }
    }

    /// How much rarer than the commonest files (UTF-8) files in this encoding are, in bits:
    /// government pages are overwhelmingly UTF-8 or GB18030/GBK; Big5 is rare.
    fn prior_bits(self) -> f64 {
        match self {
            Detected::Utf8 | Detected::Utf8Bom | Detected::Utf16 => 0.7,
            Detected::Gb18030 => 1.4,
            Detected::Big5 => 5.6,
            Detected::Declared(_) => 3.0,
        }
    }
}

/// Evidence (bits) the best reading needs over a plausible second one to be chosen; below it
/// the file is reported as ambiguous. About one common character's worth.
pub(crate) const DECISIVE_BITS: f64 = 10.0;

/// Evidence (bits) a reading needs over the one in the charset a page declares, when the page
/// decodes in it, to be used instead (a UTF-8 page still labelled `gb2312`): a few characters.
const OVERRIDE_BITS: f64 = 40.0;

/// Characters beyond ASCII a reading needs to replace a declared charset the page does not
/// decode in (below that, the file is reported).
pub(crate) const MIN_FALLBACK_CHARS: usize = 8;

/// How far into a page a charset declaration is looked for (the HTML prescan reads 1024 bytes;
/// government pages often put a long comment or script first).
const SNIFF_BYTES: usize = 4096;

/// Characters beyond ASCII weighed per reading: evidence saturates long before.
const MAX_SCORED_CHARS: usize = 20_000;

/// Decode `bytes` of the file `path`, detecting the encoding.
#[cfg(test)]
pub(crate) fn decode(bytes: &[u8], path: &Path) -> Result<(String, Detected), ReadError> {
    decode_declared(bytes, path, None)
}

/// Decode `bytes` of the file `path`, which declares the charset `declared` (a label such as
/// `gbk`, `gb2312`, `utf-8`), if any; see the module documentation.
pub(crate) fn decode_declared(
    bytes: &[u8],
    path: &Path,
    declared: Option<&str>,
) -> Result<(String, Detected), ReadError> {
    if let Some(rest) = bytes.strip_prefix(b"\xEF\xBB\xBF") {
        return match std::str::from_utf8(rest) {
            Ok(s) => Ok((s.to_owned(), Detected::Utf8Bom)),
            Err(e) => Err(bad(
                path,
                rest,
                e.valid_up_to(),
                "has a UTF-8 byte-order mark but is not valid UTF-8",
            )),
        };
    }
    for (bom, enc) in [(&b"\xFF\xFE"[..], UTF_16LE), (&b"\xFE\xFF"[..], UTF_16BE)] {
        if let Some(rest) = bytes.strip_prefix(bom) {
            return strict(enc, rest)
                .map(|s| (s, Detected::Utf16))
                .ok_or_else(|| bad(path, rest, 0, "has a UTF-16 byte-order mark but is not valid UTF-16"));
        }
    }
    // No text in any of these encodings has a NUL byte; binary files (images, PDFs, archives)
    // mostly do, and short ones can otherwise pass for GB18030.
    if let Some(at) = bytes.iter().position(|&b| b == 0) {
        return Err(bad(
            path,
            bytes,
            at,
            "looks like a binary file, not text (it has a NUL byte)",
        ));
    }
    if bytes.is_ascii() {
        return Ok((bytes.iter().copied().map(char::from).collect(), Detected::Utf8));
    }
    if let Some(label) = declared {
        match Encoding::for_label(label.trim().as_bytes()) {
            Some(enc) => return decode_as_declared(bytes, path, label.trim(), enc),
            None => tracing::debug!(file = %path.display(), charset = label, "unknown charset label ignored"),
        }
    }
    match detect(bytes) {
        Outcome::One(r) => Ok((r.text, r.detected)),
        Outcome::Ambiguous(a, b) => Err(ambiguous(path, &a, &b)),
        Outcome::Nothing => {
            let offset = [UTF_8, GB18030]
                .into_iter()
                .map(|e| malformed_at(e, bytes))
                .max()
                .unwrap_or(0);
            Err(bad(
                path,
                bytes,
                offset,
                "is neither valid UTF-8 nor valid GB18030/GBK or Big5",
            ))
        }
    }
}

/// A page that declares `enc` (as the label `label`): decoded in it when it decodes without an
/// error, unless another reading is overwhelmingly better; else decoded otherwise only when that
/// is clearly right, or reported.
fn decode_as_declared(
    bytes: &[u8],
    path: &Path,
    label: &str,
    enc: &'static Encoding,
) -> Result<(String, Detected), ReadError> {
    // As browsers do: a UTF-16 declaration in a page without a BOM means UTF-8.
    let enc = if enc == UTF_16LE || enc == UTF_16BE { UTF_8 } else { enc };
    let declared = if enc == UTF_8 {
        Detected::Utf8
    } else if enc == GBK || enc == GB18030 {
        Detected::Gb18030
    } else if enc == BIG5 {
        Detected::Big5
    } else {
        Detected::Declared(enc)
    };
    match strict(enc, bytes) {
        Some(text) => {
            let mine = Reading::new(text, declared);
            let found = detect(bytes);
            // The best other reading (of two too close to tell apart, the first).
            let (sure, other) = match found {
                Outcome::One(r) => (true, Some(r)),
                Outcome::Ambiguous(r, _) => (false, Some(r)),
                Outcome::Nothing => (false, None),
            };
            if let Some(other) = other {
                if sure && other.detected != declared && other.plausible && mine.cost - other.cost >= OVERRIDE_BITS {
                    tracing::warn!(
                        file = %path.display(),
                        "declares charset {label} but reads far better as {0}: read as {0}",
                        other.detected.name()
                    );
                    return Ok((other.text, other.detected));
                }
                // Better read otherwise, but not by enough to overrule the page: reported,
                // never decoded silently wrong. See (QA ingest pass, sixteenth session): short
                // GBK pages labelled `big5` were stored as mojibake (95 of 600).
                // A Western charset declared (`iso-8859-1`) where the bytes read as Chinese:
                // letters with accents are no text of a Chinese document.
                let western = matches!(declared, Detected::Declared(_))
                    && !mine.text.chars().any(gongwen_schema::hanzi::is_ideograph)
                    && other.text.chars().any(gongwen_schema::hanzi::is_ideograph);
                if other.detected != declared && other.plausible && (mine.cost - other.cost >= DECISIVE_BITS || western)
                {
                    return Err(ReadError::Encoding {
                        path: path.to_path_buf(),
                        line: None,
                        message: format!(
                            "declares charset {label}, in which it reads \"{}\", but it reads better as {} \
                             (\"{}\"), though not surely: save it as UTF-8 or correct its charset",
                            preview(&mine.text),
                            other.detected.name(),
                            preview(&other.text)
                        ),
                    });
                }
            }
            Ok((mine.text, mine.detected))
        }
        None => match detect(bytes) {
            Outcome::One(r) if r.plausible && r.chars >= MIN_FALLBACK_CHARS && r.detected != declared => {
                tracing::warn!(
                    file = %path.display(),
                    "declares charset {label} but is not valid {}: read as {}",
                    enc.name(),
                    r.detected.name()
                );
                Ok((r.text, r.detected))
            }
            _ => Err(bad(
                path,
                bytes,
                malformed_at(enc, bytes),
                &format!("declares charset {label} but is not valid {}", enc.name()),
            )),
        },
    }
}

/// The charset a page declares near its top: `<meta charset="gbk">`, `<meta http-equiv=
/// "Content-Type" content="text/html; charset=gb2312">` or `<?xml … encoding="GBK"?>`.
pub(crate) fn sniff_charset(bytes: &[u8]) -> Option<String> {
    let head = &bytes[..bytes.len().min(SNIFF_BYTES)];
    // Every declaration is ASCII; other bytes become '?' so any slice is on a char boundary.
    let ascii: String = head
        .iter()
        .map(|&b| if b.is_ascii() { char::from(b) } else { '?' })
        .collect();
    if let Some(decl) = ascii.trim_start().strip_prefix("<?xml") {
        if let Some(end) = decl.find("?>") {
            let (_, _, attrs) = html::split_tag(&decl[..end]);
            if let Some((_, v)) = attrs.iter().find(|(k, v)| k == "encoding" && !v.trim().is_empty()) {
                return Some(v.trim().to_owned());
            }
        }
    }
    let mut rest = ascii.as_str();
    while let Some(p) = html::find_ci(rest, "<meta") {
        let tag = &rest[p..];
        let Some(end) = html::tag_end(tag) else {
            rest = &tag[5..];
            continue;
        };
        let (_, name, attrs) = html::split_tag(&tag[1..end]);
        rest = &tag[end..];
        if name != "meta" {
            continue;
        }
        let get = |k: &str| attrs.iter().find(|(a, _)| a == k).map(|(_, v)| v.trim());
        if let Some(cs) = get("charset").filter(|c| !c.is_empty()) {
            return Some(cs.to_owned());
        }
        if get("http-equiv").is_some_and(|h| h.eq_ignore_ascii_case("content-type")) {
            if let Some(cs) = get("content").and_then(charset_in_content) {
                return Some(cs);
            }
        }
    }
    None
}

/// `text/html; charset=gb2312` → `gb2312`.
fn charset_in_content(content: &str) -> Option<String> {
    let at = content.to_ascii_lowercase().find("charset")? + "charset".len();
    let rest = content[at..].trim_start().strip_prefix('=')?.trim_start();
    let v: String = rest
        .trim_start_matches(['"', '\''])
        .chars()
        .take_while(|c| !matches!(c, ';' | '"' | '\'' | ',') && !c.is_whitespace())
        .collect();
    (!v.is_empty()).then_some(v)
}

/// What detection found.
enum Outcome {
    One(Reading),
    /// The best two readings, both plausible, with too little evidence between them.
    Ambiguous(Reading, Reading),
    Nothing,
}

/// The bytes of a file read in one encoding, and how likely that reading is.
struct Reading {
    text: String,
    detected: Detected,
    /// Minus log2 of the reading's likelihood as text of this corpus, with the encoding's prior:
    /// lower is better.
    cost: f64,
    /// Mostly common characters, nothing foreign to the corpus.
    plausible: bool,
    /// Characters beyond ASCII.
    chars: usize,
}

impl Reading {
    fn new(text: String, detected: Detected) -> Reading {
        let chinese = Score::chinese(&text);
        // Letters of other scripts are only a reading of bytes that are valid UTF-8 (or in a
        // declared single-byte charset): GB18030 and Big5 decode them only as mojibake.
        let foreign = matches!(detected, Detected::Utf8 | Detected::Declared(_)).then(|| Score::foreign(&text));
        let (mut cost, mut plausible) = (chinese.bits, chinese.plausible(14.5));
        if let Some(f) = foreign {
            cost = cost.min(f.bits + FOREIGN_PRIOR_BITS);
            plausible |= f.plausible(9.0);
        }
        Reading {
            chars: chinese.chars,
            text,
            detected,
            cost: cost + detected.prior_bits(),
            plausible,
        }
    }
}

/// The prior (bits) against a file being in a language other than Chinese.
const FOREIGN_PRIOR_BITS: f64 = 3.0;

/// The evidence of one reading under one model.
struct Score {
    bits: f64,
    chars: usize,
    /// The cost of the least likely character.
    worst: f64,
}

impl Score {
    fn plausible(&self, max_mean: f64) -> bool {
        self.chars == 0 || (self.worst < FOREIGN_BITS && self.bits / self.chars as f64 <= max_mean)
    }

    /// Chinese text, simplified or traditional (whichever fits better): per character beyond
    /// ASCII, minus log2 of its probability, roughly: a common character 12 bits (90% of
    /// characters, ~4,000 of them), punctuation 10, a rare character 20 (as is a common
    /// character of the other script), a Latin letter (pinyin) 22, anything else 27; a
    /// character glued to an ASCII letter costs 4 more.
    fn chinese(text: &str) -> Score {
        let table = common_han();
        let (mut simplified, mut traditional, mut worst, mut chars) = (0.0, 0.0, 0.0f64, 0);
        for (prev, c, next) in non_ascii(text) {
            let glued =
                if prev.is_some_and(|p| p.is_ascii_alphabetic()) || next.is_some_and(|n| n.is_ascii_alphabetic()) {
                    4.0
                } else {
                    0.0
                };
            let (s, t) = if is_han(c) {
                let common = |set: &[u64]| if contains(set, c) { 12.0 } else { 20.0 };
                (common(&table.simplified) + glued, common(&table.traditional) + glued)
            } else {
                let b = if is_punct(c) {
                    10.0
                } else if latin_block(c) {
                    22.0
                } else {
                    FOREIGN_BITS
                };
                (b, b)
            };
            simplified += s;
            traditional += t;
            worst = worst.max(s.min(t));
            chars += 1;
        }
        // Simplified is the usual script; traditional about one file in ten.
        let bits = (simplified + 0.15f64).min(traditional + 3.3);
        Score { bits, chars, worst }
    }

    /// Text in a language written in Latin, Greek or Cyrillic letters: a letter next to an
    /// ASCII letter (or, in Greek and Cyrillic, a letter of its own script) 6 bits (Greek and
    /// Cyrillic 8), a lone one 20, a symbol of Latin-1 or punctuation 8, anything else 27.
    fn foreign(text: &str) -> Score {
        let (mut bits, mut worst, mut chars) = (0.0, 0.0f64, 0);
        for (prev, c, next) in non_ascii(text) {
            let b = match script(c) {
                Some(s) => {
                    let near = |n: Option<char>| {
                        n.is_some_and(|n| n.is_ascii_alphabetic() || (s != Script::Latin && script(n) == Some(s)))
                    };
                    if near(prev) || near(next) {
                        // Documents in Russian or Greek are rarer here than in English or French.
                        if s == Script::Latin {
                            6.0
                        } else {
                            8.0
                        }
                    } else {
                        20.0
                    }
                }
                None if is_punct(c) || ('\u{a1}'..='\u{bf}').contains(&c) || c == '€' => 8.0,
                None => FOREIGN_BITS,
            };
            bits += b;
            worst = worst.max(b);
            chars += 1;
        }
        Score { bits, chars, worst }
    }
}

/// The cost of a character foreign to the corpus (a Hebrew letter, a combining mark, a kana in
/// a Big5 reading, a private-use character).
const FOREIGN_BITS: f64 = 27.0;

/// Each character beyond ASCII with its neighbours, for at most [`MAX_SCORED_CHARS`].
fn non_ascii(text: &str) -> impl Iterator<Item = (Option<char>, char, Option<char>)> + '_ {
    let mut prev = None;
    let mut chars = text.chars().peekable();
    std::iter::from_fn(move || {
        let c = chars.next()?;
        let item = (prev, c, chars.peek().copied());
        prev = Some(c);
        Some(item)
    })
    .filter(|(_, c, _)| !c.is_ascii())
    .take(MAX_SCORED_CHARS)
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Script {
    Latin,
    Greek,
    Cyrillic,
}

fn script(c: char) -> Option<Script> {
    match c {
        '×' | '÷' => None,
        '\u{c0}'..='\u{24f}' => Some(Script::Latin),
        // Modern Greek and Cyrillic (Russian, Ukrainian, …): GBK read as UTF-8 also gives their
        // archaic and extended letters, which no text here uses.
        '\u{386}'..='\u{3ce}' => Some(Script::Greek),
        '\u{400}'..='\u{45f}' => Some(Script::Cyrillic),
        _ => None,
    }
}

fn latin_block(c: char) -> bool {
    script(c) == Some(Script::Latin)
}

fn is_han(c: char) -> bool {
    matches!(c, '\u{3400}'..='\u{4dbf}' | '\u{4e00}'..='\u{9fff}' | '\u{f900}'..='\u{faff}' | '\u{20000}'..='\u{3134f}')
}

/// Punctuation and symbols of Chinese text: CJK and full-width punctuation, dashes and quotes,
/// numbered and circled forms, bullets, units.
fn is_punct(c: char) -> bool {
    matches!(c,
        '\u{3000}'..='\u{303f}' | '\u{ff01}'..='\u{ff65}' | '\u{ffe0}'..='\u{ffe5}' | '\u{2010}'..='\u{2027}'
        | '\u{2030}'..='\u{205e}' | '\u{2160}'..='\u{217f}' | '\u{2190}'..='\u{2193}' | '\u{2460}'..='\u{24ff}'
        | '\u{25a0}'..='\u{25ff}' | '\u{2605}' | '\u{2606}' | '\u{3220}'..='\u{3243}' | '\u{3280}'..='\u{32b0}'
        | '\u{fe30}'..='\u{fe4f}' | '\u{a0}' | '\u{a7}' | '\u{b0}' | '\u{b1}' | '\u{b7}' | '×' | '÷'
        | '\u{2103}' | '\u{2116}' | '\u{2212}' | '\u{2236}' | '\u{2264}' | '\u{2265}')
}

/// The common characters of each script, as bit sets over U+4E00..=U+9FFF: GB2312 level 1 (the
/// 3,755 commonest simplified characters, bytes B0A1–D7F9) and Big5 level 1 (the 5,401 common
/// traditional characters, A440–C67E).
struct CommonHan {
    simplified: Vec<u64>,
    traditional: Vec<u64>,
}

const HAN_FIRST: u32 = 0x4E00;
const HAN_LAST: u32 = 0x9FFF;

fn common_han() -> &'static CommonHan {
    static TABLE: OnceLock<CommonHan> = OnceLock::new();
    TABLE.get_or_init(|| {
        let gb2312 = (0xB0..=0xD7u8).flat_map(|lead| {
            let last = if lead == 0xD7 { 0xF9 } else { 0xFE };
            (0xA1..=last).map(move |trail| [lead, trail])
        });
        let big5 = (0xA4..=0xC6u8).flat_map(|lead| {
            let trails = (0x40..=0x7Eu8).chain((0xA1..=0xFEu8).filter(move |_| lead != 0xC6));
            trails.map(move |trail| [lead, trail])
        });
        CommonHan {
            simplified: han_set(GB18030, gb2312),
            traditional: han_set(BIG5, big5),
        }
    })
}

fn han_set(enc: &'static Encoding, pairs: impl Iterator<Item = [u8; 2]>) -> Vec<u64> {
    let mut set = vec![0u64; ((HAN_LAST - HAN_FIRST) as usize) / 64 + 1];
    for pair in pairs {
        let (text, had_errors) = enc.decode_without_bom_handling(&pair);
        if let (false, Some(c)) = (had_errors, text.chars().next()) {
            if let Some(i) = (c as u32).checked_sub(HAN_FIRST).filter(|_| c as u32 <= HAN_LAST) {
                set[i as usize / 64] |= 1 << (i % 64);
            }
        }
    }
    set
}

fn contains(set: &[u64], c: char) -> bool {
    let Some(i) = (c as u32).checked_sub(HAN_FIRST).filter(|_| c as u32 <= HAN_LAST) else {
        return false;
    };
    set[i as usize / 64] & (1 << (i % 64)) != 0
}

/// How the lines of a line-based file (JSONL) are encoded: decided once, from its first lines,
/// then each line is decoded on its own (a line that does not decode is reported alone).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum LineEncoding {
    /// UTF-8, the usual case: lines are used as they are.
    Utf8,
    /// GB18030/GBK or Big5, as exported by many government systems. Splitting at `\n` is safe
    /// in both: no byte of a multi-byte character is below 0x30.
    Legacy(&'static Encoding),
    /// First lines in no encoding that could be told (too little text to weigh GB18030
    /// against Big5, and not UTF-8): a line is read only when it is UTF-8 beyond doubt
    /// ([`undecided_line`]), else reported. See (proptest, seventeenth session): a GB18030
    /// file of two one-character titles had its first line, valid UTF-8 by accident, read
    /// as `ˢ`.
    Undecided,
}

/// A line of a file whose encoding could not be told ([`LineEncoding::Undecided`]): ASCII, or
/// UTF-8 as Chinese or Western text is; otherwise why it is not read.
pub(crate) fn undecided_line(line: &[u8]) -> Result<String, String> {
    match std::str::from_utf8(line) {
        Ok(t) if line.is_ascii() || t.chars().any(three_byte) || latin1_in_ascii_words(t) => Ok(t.to_owned()),
        _ => Err("the file's encoding cannot be told from its first lines (too little text to tell GB18030 from Big5): save it as UTF-8".into()),
    }
}

/// Decide the [`LineEncoding`] of a file from `sample`, its first lines without a BOM. UTF-8
/// unless no line beyond ASCII in it is valid UTF-8 (or GBK bytes pass for two-byte UTF-8)
/// and the sample reads as GB18030 or Big5 plausibly and decisively (as [`decode_declared`]
/// weighs a page); otherwise the lines are read as UTF-8 and each bad one is reported, never
/// decoded by a guess.
pub(crate) fn line_encoding(sample: &[u8]) -> LineEncoding {
    if sample.is_ascii() || sample.contains(&0) {
        return LineEncoding::Utf8;
    }
    // A line is evidence of UTF-8 when it is valid UTF-8 as Chinese is (three-byte
    // characters) or as Western text is: GBK bytes that pass for UTF-8 are two-byte ones.
    let utf8_line =
        |l: &[u8]| std::str::from_utf8(l).is_ok_and(|t| t.chars().any(three_byte) || latin1_in_ascii_words(t));
    let evidence = if std::str::from_utf8(sample).is_ok() {
        std::borrow::Cow::Borrowed(sample)
    } else if sample.split(|&b| b == b'\n').any(utf8_line) {
        // UTF-8 lines among bad ones: a UTF-8 file with broken lines.
        return LineEncoding::Utf8;
    } else {
        // Lines that no encoding reads (a broken one among good ones) are left out of the
        // evidence.
        let readable: Vec<&[u8]> = sample
            .split(|&b| b == b'\n')
            .filter(|l| std::str::from_utf8(l).is_ok() || strict(GB18030, l).is_some() || strict(BIG5, l).is_some())
            .collect();
        std::borrow::Cow::Owned(readable.join(&b'\n'))
    };
    let undecided = if std::str::from_utf8(sample).is_ok() {
        LineEncoding::Utf8
    } else {
        LineEncoding::Undecided
    };
    match detect(&evidence) {
        Outcome::One(r) if r.plausible => match r.detected {
            Detected::Gb18030 => LineEncoding::Legacy(GB18030),
            Detected::Big5 => LineEncoding::Legacy(BIG5),
            _ => undecided,
        },
        _ => undecided,
    }
}

/// Decode one line of a file in `enc` (a [`LineEncoding::Legacy`] one), or say where it fails.
pub(crate) fn decode_line(enc: &'static Encoding, line: &[u8]) -> Result<String, String> {
    strict(enc, line).ok_or_else(|| {
        format!(
            "line is not valid {} (the encoding of the file's first lines) at byte {} of the line",
            if enc == BIG5 { "Big5" } else { "GB18030" },
            malformed_at(enc, line) + 1
        )
    })
}

/// A character UTF-8 writes in three bytes (U+0800 to U+FFFF): Chinese as text is, and what GBK
/// bytes seldom happen to form. Four-byte characters (beyond U+FFFF, rare in documents) are no
/// such evidence: two GBK characters can form one (`甬函` read as U+2EEAF).
fn three_byte(c: char) -> bool {
    ('\u{800}'..='\u{ffff}').contains(&c)
}

/// Weigh the readings of bytes that are not ASCII and have no BOM.
fn detect(bytes: &[u8]) -> Outcome {
    let mut readings = Vec::with_capacity(3);
    if let Ok(s) = std::str::from_utf8(bytes) {
        // Real Chinese in UTF-8 is three-byte sequences; GBK bytes that happen to be valid
        // UTF-8 are (nearly always) two-byte ones.
        if s.chars().any(three_byte) || latin1_in_ascii_words(s) {
            return Outcome::One(Reading::new(s.to_owned(), Detected::Utf8));
        }
        readings.push(Reading::new(s.to_owned(), Detected::Utf8));
    }
    for (enc, detected) in [(GB18030, Detected::Gb18030), (BIG5, Detected::Big5)] {
        if let Some(s) = strict(enc, bytes) {
            readings.push(Reading::new(s, detected));
        }
    }
    // Stable: on equal cost, UTF-8 before GB18030 before Big5.
    readings.sort_by(|a, b| a.cost.total_cmp(&b.cost));
    let mut readings = readings.into_iter();
    let Some(best) = readings.next() else {
        return Outcome::Nothing;
    };
    match readings.next() {
        Some(second) if second.plausible && second.cost - best.cost < DECISIVE_BITS => Outcome::Ambiguous(best, second),
        _ => Outcome::One(best),
    }
}

fn ambiguous(path: &Path, a: &Reading, b: &Reading) -> ReadError {
    ReadError::Encoding {
        path: path.to_path_buf(),
        line: None,
        message: format!(
            "cannot tell the encoding: it reads as {} (\"{}\") or as {} (\"{}\"); save it as UTF-8 or declare its charset",
            a.detected.name(),
            preview(&a.text),
            b.detected.name(),
            preview(&b.text)
        ),
    }
}

/// The text around its first character beyond ASCII: up to 8 characters before it and 12
/// from it, on one line (where two readings differ).
fn preview(text: &str) -> String {
    let chars: Vec<char> = text.chars().collect();
    let at = chars.iter().position(|c| !c.is_ascii()).unwrap_or(0);
    let from = at.saturating_sub(8);
    let to = (at + 12).min(chars.len());
    let mut p = String::new();
    if from > 0 {
        p.push('…');
    }
    p.extend(chars[from..to].iter().map(|&c| if c.is_whitespace() { ' ' } else { c }));
    if to < chars.len() {
        p.push('…');
    }
    p
}

/// Valid UTF-8 whose only characters beyond ASCII are a few Latin-1 signs and letters (©, °,
/// ±, é) in text of ASCII words: how English and French pages are written. GBK bytes can only
/// pass for that when every Chinese character of the text has a lead byte of C2 or C3 (a few
/// dozen characters), set among ASCII words: the UTF-8 reading is the one to take.
fn latin1_in_ascii_words(text: &str) -> bool {
    let (mut letters, mut latin1) = (0usize, 0usize);
    for c in text.chars() {
        if c.is_ascii_alphabetic() {
            letters += 1;
        } else if !c.is_ascii() {
            if !('\u{a0}'..='\u{ff}').contains(&c) {
                return false;
            }
            latin1 += 1;
        }
    }
    latin1 > 0 && letters >= 10 * latin1
}

/// Where decoding `bytes` as `enc` first fails (`bytes.len()` when it does not).
fn malformed_at(enc: &'static Encoding, bytes: &[u8]) -> usize {
    let mut decoder = enc.new_decoder_without_bom_handling();
    let mut out = String::with_capacity(decoder.max_utf8_buffer_length(bytes.len()).unwrap_or(0));
    match decoder.decode_to_string_without_replacement(bytes, &mut out, true) {
        (encoding_rs::DecoderResult::Malformed(bad, after), read) => {
            read.saturating_sub(usize::from(bad) + usize::from(after))
        }
        _ => bytes.len(),
    }
}

fn strict(enc: &'static Encoding, bytes: &[u8]) -> Option<String> {
    enc.decode_without_bom_handling_and_without_replacement(bytes)
        .map(|c| c.into_owned())
}

fn bad(path: &Path, bytes: &[u8], offset: usize, what: &str) -> ReadError {
    let offset = offset.min(bytes.len());
    let line = bytes[..offset].iter().filter(|b| **b == b'\n').count() as u64 + 1;
    ReadError::Encoding {
        path: path.to_path_buf(),
        line: Some(line),
        message: format!("file {what} (first undecodable byte at offset {offset})"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn detects_each_encoding() {
        let p = Path::new("t.txt");
        let text = "国务院关于印发电力体制改革方案的通知\n国发〔2002〕5号";
        assert_eq!(decode(text.as_bytes(), p).unwrap(), (text.to_owned(), Detected::Utf8));
        let mut bom = b"\xEF\xBB\xBF".to_vec();
        bom.extend_from_slice(text.as_bytes());
        assert_eq!(decode(&bom, p).unwrap(), (text.to_owned(), Detected::Utf8Bom));
        let (gb, _, _) = GB18030.encode(text);
        assert_eq!(decode(&gb, p).unwrap(), (text.to_owned(), Detected::Gb18030));
        let mut u16 = b"\xFF\xFE".to_vec();
        for u in text.encode_utf16() {
            u16.extend_from_slice(&u.to_le_bytes());
        }
        assert_eq!(decode(&u16, p).unwrap(), (text.to_owned(), Detected::Utf16));
    }

    // See: Big5 files were decoded as GBK without an error, into the wrong characters.
    #[test]
    fn reads_big5_as_big5_and_gbk_as_gbk() {
        let p = Path::new("t.txt");
        let traditional = "國務院辦公廳關於加強政務公開工作的通知，請各級機關認真貫徹執行。";
        let (big5, _, unmappable) = BIG5.encode(traditional);
        assert!(!unmappable);
        assert_eq!(decode(&big5, p).unwrap(), (traditional.to_owned(), Detected::Big5));
        let simplified = "国务院办公厅关于加强政务公开工作的通知，请各级机关认真贯彻执行。";
        let (gb, _, _) = GB18030.encode(simplified);
        assert_eq!(decode(&gb, p).unwrap(), (simplified.to_owned(), Detected::Gb18030));
    }

    // See: a PNG file named .html decoded as GB18030 (0x89 'P' is a valid GBK pair) and was
    // indexed as a document of garbage.
    #[test]
    fn rejects_binary_files() {
        let png = b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR\0\0\0\x10";
        let err = decode(png, Path::new("logo.html")).unwrap_err();
        assert!(err.to_string().contains("binary"), "{err}");
    }

    // See: a GBK file with one bad byte on line 2 was reported at line 1, offset 0 (where it
    // stopped being UTF-8), not where it stopped being GBK.
    #[test]
    fn reports_the_byte_no_encoding_reads() {
        let err = decode(b"\xbf\xd5\xb0\xd7 one\ntwo \xff\xff end", Path::new("gbk.txt")).unwrap_err();
        assert!(err.to_string().starts_with("gbk.txt:2: "), "{err}");
        assert!(err.to_string().contains("offset 13"), "{err}");
    }

    fn gbk(text: &str) -> Vec<u8> {
        let (bytes, _, unmappable) = GBK.encode(text);
        assert!(!unmappable, "{text}");
        bytes.into_owned()
    }

    // See: GBK with an uncommon character (赟, a GBK extension) was read as Big5 (卼湒), and
    // short Big5 was read as GBK (矫ネ褐场): the choice was the share of GB2312 pairs.
    #[test]
    fn weighs_gbk_against_big5_by_evidence() {
        let p = Path::new("t.txt");
        assert_eq!(
            decode(&gbk("王赟\n"), p).unwrap(),
            ("王赟\n".to_owned(), Detected::Gb18030)
        );
        let (big5, _, _) = BIG5.encode("衛生福利部\n");
        assert_eq!(decode(&big5, p).unwrap(), ("衛生福利部\n".to_owned(), Detected::Big5));
    }

    // See: GBK bytes that happen to be valid UTF-8 were read as UTF-8: 通知 became ֪ͨ and the
    // body Hebrew, Armenian and Cyrillic letters.
    #[test]
    fn gbk_that_is_valid_utf8_is_gbk() {
        let p = Path::new("t.txt");
        for text in ["通知\r\n学校农业专业实施统一学习\r\n", "通知\n"] {
            let bytes = gbk(text);
            assert!(std::str::from_utf8(&bytes).is_ok(), "the case is valid UTF-8: {text}");
            assert_eq!(decode(&bytes, p).unwrap(), (text.to_owned(), Detected::Gb18030));
        }
        // Real UTF-8 of two-byte sequences stays UTF-8.
        for text in [
            "café\n",
            "Müller, Straße 5\n",
            "naïve résumé\n",
            "привет мир\n",
            "Ελλάδα, Αθήνα\n",
            "© 2018 ° ± §\n",
            // Regression: one sign in an English page was "cannot tell the encoding".
            "<html><head><title>Ministry of Finance</title></head><body><p>Copyright © 2018 Ministry of Finance.</p></body></html>",
            "Temperature 25°C ± 2°C, humidity 40%\n",
        ] {
            assert_eq!(
                decode(text.as_bytes(), p).unwrap(),
                (text.to_owned(), Detected::Utf8),
                "{text}"
            );
        }
    }

    #[test]
    fn sniffs_declared_charsets() {
        let cases: [(&str, Option<&str>); 7] = [
            ("<html><head><meta charset=\"gbk\"><title>", Some("gbk")),
            ("<HTML><HEAD><META CHARSET=GB2312>", Some("GB2312")),
            (
                "<meta http-equiv=\"Content-Type\" content=\"text/html; charset=gb2312\">",
                Some("gb2312"),
            ),
            (
                "<meta content='text/html;charset=\"utf-8\"' http-equiv='content-type'/>",
                Some("utf-8"),
            ),
            ("<?xml version=\"1.0\" encoding=\"GBK\"?><html>", Some("GBK")),
            ("<metadata charset=\"gbk\"><meta name=\"title\" content=\"x\">", None),
            ("<html><p>charset=gbk</p>", None),
        ];
        for (page, want) in cases {
            assert_eq!(sniff_charset(page.as_bytes()).as_deref(), want, "{page}");
        }
    }

    // See: `<meta charset="gbk">` was never consulted: 朱镕基 came out as 紾噷價 (Big5).
    #[test]
    fn a_declared_charset_decides() {
        let p = Path::new("p.html");
        let page = "<html><head><meta charset=\"gbk\"><title>朱镕基</title></head><body><p>朱镕基</p></body></html>";
        let bytes = gbk(page);
        let declared = sniff_charset(&bytes);
        assert_eq!(
            decode_declared(&bytes, p, declared.as_deref()).unwrap(),
            (page.to_owned(), Detected::Gb18030)
        );

        // Declared but not decodable in it, and too little to be sure of anything else: reported.
        let mut broken = gbk("<meta charset=\"gbk\"><p>朱镕基</p>");
        broken.extend_from_slice(b"\xFF\xFF");
        let err = decode_declared(&broken, p, Some("gbk")).unwrap_err();
        assert!(
            err.to_string().contains("declares charset gbk but is not valid GBK"),
            "{err}"
        );
        let short_gbk = gbk("<meta charset=\"utf-8\"><p>国务</p>");
        let err = decode_declared(&short_gbk, p, Some("utf-8")).unwrap_err();
        assert!(err.to_string().contains("declares charset utf-8"), "{err}");

        // Clearly right otherwise: a UTF-8 page still labelled gb2312, a long GBK page labelled
        // utf-8.
        let page = "<meta charset=\"gb2312\"><p>国务院办公厅关于加强政务公开工作的通知</p>";
        assert_eq!(
            decode_declared(page.as_bytes(), p, Some("gb2312")).unwrap(),
            (page.to_owned(), Detected::Utf8)
        );
        let page = "<meta charset=\"utf-8\"><p>国务院办公厅关于加强政务公开工作的通知</p>";
        assert_eq!(
            decode_declared(&gbk(page), p, Some("utf-8")).unwrap(),
            (page.to_owned(), Detected::Gb18030)
        );

        // An unknown label is ignored.
        let page = "<meta charset=\"no-such\"><p>国务院办公厅关于加强政务公开工作的通知</p>";
        assert_eq!(
            decode_declared(&gbk(page), p, Some("no-such")).unwrap(),
            (page.to_owned(), Detected::Gb18030)
        );

        // See (QA ingest pass, sixteenth session): short GBK pages labelled big5 or iso-8859-1
        // were stored as mojibake. Read better otherwise, though not surely: reported.
        for (label, text) in [("big5", "第九条 环境"), ("iso-8859-1", "国发〔2011〕12号")] {
            let page = format!("<meta charset=\"{label}\"><p>{text}</p>");
            let err = decode_declared(&gbk(&page), p, Some(label)).unwrap_err();
            assert!(err.to_string().contains("reads better as"), "{label}: {err}");
        }
    }

    #[test]
    fn common_tables_are_gb2312_and_big5_level_1() {
        let count = |set: &[u64]| set.iter().map(|w| w.count_ones()).sum::<u32>();
        assert_eq!(count(&common_han().simplified), 3755);
        assert_eq!(count(&common_han().traditional), 5401);
        assert!(contains(&common_han().simplified, '国') && !contains(&common_han().simplified, '國'));
        assert!(contains(&common_han().traditional, '國') && !contains(&common_han().traditional, '国'));
    }

    #[test]
    fn rejects_bytes_in_no_encoding() {
        let err = decode(b"line one\nline two \xFF\xFF end", Path::new("bad.txt")).unwrap_err();
        assert!(matches!(err, ReadError::Encoding { line: Some(2), .. }), "{err}");
        assert!(err.to_string().starts_with("bad.txt:2: "), "{err}");
    }
}

/// Real government text, encoded every way a page may come, must decode back to itself or be
/// reported as ambiguous; never to something else.
#[cfg(test)]
mod corpus_text {
    use super::*;

    const SAMPLE: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/../../shared/corpus/sample.jsonl");

    /// Titles, their first and last 2–6 characters, paragraphs, the first 2–12 characters of
    /// each paragraph and long stretches of the bodies of the sample documents.
    fn snippets() -> Vec<String> {
        let text = std::fs::read_to_string(SAMPLE).expect("../shared/corpus beside the project");
        let mut out = Vec::new();
        for line in text.lines() {
            let doc: serde_json::Value = serde_json::from_str(line).expect("sample is JSONL");
            let (title, body) = (doc["title"].as_str().unwrap_or(""), doc["body"].as_str().unwrap_or(""));
            let chars: Vec<char> = title.chars().collect();
            out.push(title.to_owned());
            for n in 2..=6.min(chars.len()) {
                out.push(chars[..n].iter().collect());
                out.push(chars[chars.len() - n..].iter().collect());
            }
            for para in body.lines().filter(|l| !l.trim().is_empty()).take(30) {
                out.push(format!("{para}\n"));
                let chars: Vec<char> = para.chars().collect();
                for n in [2, 3, 4, 6, 9, 12] {
                    if chars.len() > n {
                        out.push(chars[..n].iter().collect());
                    }
                }
            }
            out.push(body.chars().take(4000).collect());
        }
        out.retain(|s| !s.trim().is_empty());
        out
    }

    #[test]
    fn decodes_back_or_reports_ambiguous() {
        let p = Path::new("snippet.txt");
        // (bucket by length in characters) -> (texts, ambiguous)
        let mut stats = [(0usize, 0usize); 3];
        let mut wrong = Vec::new();
        for text in snippets() {
            let mut encoded: Vec<(&str, Vec<u8>)> = vec![("UTF-8", text.as_bytes().to_vec())];
            encoded.push(("UTF-8 with BOM", [&b"\xEF\xBB\xBF"[..], text.as_bytes()].concat()));
            let (gb, _, _) = GB18030.encode(&text);
            encoded.push(("GB18030", gb.into_owned()));
            let (gbk, _, unmappable) = GBK.encode(&text);
            if !unmappable {
                encoded.push(("GBK", gbk.into_owned()));
            }
            let n = text.trim().chars().count();
            let bucket = if n <= 6 {
                0
            } else if n < 20 {
                1
            } else {
                2
            };
            for (name, bytes) in encoded {
                stats[bucket].0 += 1;
                match decode(&bytes, p) {
                    Ok((got, _)) if got == text => {}
                    Ok((got, how)) => wrong.push(format!("{name} {text:?} read as {how:?}: {got:?}")),
                    Err(e) if e.to_string().contains("cannot tell the encoding") => {
                        if std::env::var_os("SHOW_AMBIGUOUS").is_some() {
                            eprintln!("{name} {e}");
                        }
                        stats[bucket].1 += 1
                    }
                    Err(e) => wrong.push(format!("{name} {text:?}: {e}")),
                }
            }
        }
        assert!(
            wrong.is_empty(),
            "{} wrong, e.g.:\n{}",
            wrong.len(),
            wrong[..wrong.len().min(20)].join("\n")
        );
        for ((texts, ambiguous), what) in stats.iter().zip(["2-6 chars", "7-19 chars", "20+ chars"]) {
            eprintln!("{what}: {ambiguous} of {texts} encoded texts ambiguous");
        }
        let (texts, ambiguous) = stats[2];
        assert!(
            ambiguous * 1000 <= texts,
            "a line or more: {ambiguous} of {texts} ambiguous"
        );
        let (texts, ambiguous) = stats[1];
        assert!(
            ambiguous * 100 <= texts,
            "7-19 characters: {ambiguous} of {texts} ambiguous"
        );
    }
}
