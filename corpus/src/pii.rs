//! Personal data (个人信息) in document text: resident identity numbers (居民身份证号码), mobile
//! numbers (手机号码) and bank card numbers (银行卡号).
//!
//! The disclosure rules require personal information to be de-identified before publication,
//! so the record builder runs [`apply`] on every title and body before the content hash is
//! computed: by default ([`PiiMode::Mask`]) the digits are replaced by `*` (lengths kept, the
//! first and last few digits left), so what is stored, indexed and served is masked while
//! every other word stays searchable.
//!
//! Detection works on maximal runs of digits (ASCII or full-width), so a number is never taken
//! from inside a longer one, and it is deliberately strict, because a false positive destroys
//! a document number, a date or an amount:
//!
//! * an **identity number** is a run of 18 (the last may be `X`) with a known province code,
//!   a real birth date (1900–2099) and a valid ISO 7064 MOD 11-2 check digit; or a run of 15
//!   with a province code and a real birth date (19YYMMDD) that a label (身份证, 证件号, …)
//!   announces shortly before, since that old form has no check digit;
//! * a **mobile number** is a run of 11 matching `1[3-9]\d{9}`;
//! * a **bank card number** is a run of 16 to 19 starting with 3, 4, 5, 6 or 9 that passes the
//!   Luhn check and is not an identity number.
//!
//! A run glued to Latin letters (codes such as 统一社会信用代码), part of a decimal or
//! thousands-separated number, or followed by a unit (元, 万, 亿, 吨, %, …) is not personal.
//! Landlines (`021-12345678`) have no 11-digit run and are left alone.

use gongwen_schema::{fold_char, Date, PiiCounts};

/// What to do with personal numbers found in a document.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum PiiMode {
    /// Index the text as it is (the counts are still recorded).
    Keep,
    /// Replace the digits with `*`, keeping a few at each end (the default).
    #[default]
    Mask,
    /// Refuse the record: it becomes a [`crate::ReadError::Invalid`] naming what was found.
    Reject,
}

impl PiiMode {
    /// Parse `keep`, `mask` or `reject`.
    pub fn from_name(s: &str) -> Option<PiiMode> {
        Some(match s.trim() {
            "keep" => PiiMode::Keep,
            "mask" => PiiMode::Mask,
            "reject" => PiiMode::Reject,
            _ => return None,
        })
    }

    /// The stable name.
    pub fn as_str(self) -> &'static str {
        match self {
            PiiMode::Keep => "keep",
            PiiMode::Mask => "mask",
            PiiMode::Reject => "reject",
        }
    }
}

/// The kind of a personal number.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum PiiKind {
    /// 居民身份证号码 (18 or 15 characters).
    IdNumber,
    /// 手机号码.
    Mobile,
    /// 银行卡号.
    BankCard,
}

impl PiiKind {
    /// Digits left visible at the start and at the end when masking.
    fn kept(self) -> (usize, usize) {
        match self {
            PiiKind::Mobile => (3, 4),
            PiiKind::IdNumber | PiiKind::BankCard => (6, 4),
        }
    }
}

/// One personal number in a text, as character offsets `[start, end)`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct PiiMatch {
    /// What it is.
    pub kind: PiiKind,
    /// First character (Unicode scalar values, not bytes).
    pub start: usize,
    /// One past the last character.
    pub end: usize,
}

/// Province-level codes that begin a real identity number.
const PROVINCES: [u8; 34] = [
    11, 12, 13, 14, 15, 21, 22, 23, 31, 32, 33, 34, 35, 36, 37, 41, 42, 43, 44, 45, 46, 50, 51, 52, 53, 54, 61, 62, 63,
    64, 65, 71, 81, 82,
];

/// Characters after a number that make it a quantity, not a personal number.
const UNITS: &str = "元万亿千百十角分吨斤米里亩平方人户名个件份次台辆套张股家所项条倍度年月日号%％";

fn digit(c: char) -> Option<u8> {
    let f = fold_char(c);
    f.is_ascii_digit().then(|| f as u8 - b'0')
}

/// The check character of the first 17 digits of an identity number (ISO 7064 MOD 11-2).
pub fn id_check_char(first17: &[u8]) -> char {
    const WEIGHTS: [u32; 17] = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
    let sum: u32 = first17.iter().zip(WEIGHTS).map(|(d, w)| u32::from(*d) * w).sum();
    b"10X98765432"[(sum % 11) as usize] as char
}

/// True when the digits pass the Luhn check.
pub fn luhn_ok(digits: &[u8]) -> bool {
    let sum: u32 = digits
        .iter()
        .rev()
        .enumerate()
        .map(|(i, d)| {
            let d = u32::from(*d);
            if i % 2 == 1 {
                let x = d * 2;
                if x > 9 {
                    x - 9
                } else {
                    x
                }
            } else {
                d
            }
        })
        .sum();
    sum.is_multiple_of(10)
}

fn number(d: &[u8]) -> u16 {
    d.iter().fold(0u16, |n, x| n * 10 + u16::from(*x))
}

fn plausible_region(d: &[u8]) -> bool {
    PROVINCES.contains(&(d[0] * 10 + d[1]))
}

fn plausible_birth(year: u16, month: &[u8], day: &[u8]) -> bool {
    (1900..=2099).contains(&year) && Date::new(year, number(month) as u8, number(day) as u8).is_some()
}

/// An 18-character identity number: `d` holds 17 digits and `check` the last character.
fn id18(d: &[u8], check: char) -> bool {
    d.len() == 17
        && plausible_region(d)
        && plausible_birth(number(&d[6..10]), &d[10..12], &d[12..14])
        && id_check_char(d) == check.to_ascii_uppercase()
}

/// A 15-digit identity number (the form issued before 1999).
fn id15(d: &[u8]) -> bool {
    d.len() == 15 && plausible_region(d) && plausible_birth(1900 + number(&d[6..8]), &d[8..10], &d[10..12])
}

/// Every personal number in `text`, in order, as character ranges.
pub fn find(text: &str) -> Vec<PiiMatch> {
    if !has_digit_run(text, MIN_DIGITS) {
        return Vec::new();
    }
    let chars: Vec<char> = text.chars().collect();
    find_chars(&chars)
}

/// The fewest digits any personal number has (a mobile number).
const MIN_DIGITS: usize = 11;

/// Whether `text` has `n` digits in a row (ASCII or full-width, what [`digit`] reads): a
/// byte scan that lets most texts skip the search (and its copy into characters).
fn has_digit_run(text: &str, n: usize) -> bool {
    let b = text.as_bytes();
    let (mut run, mut i) = (0, 0);
    while i < b.len() {
        if b[i].is_ascii_digit() {
            run += 1;
            i += 1;
        } else if b[i] == 0xef && b.get(i + 1) == Some(&0xbc) && b.get(i + 2).is_some_and(|c| (0x90..=0x99).contains(c))
        {
            run += 1; // U+FF10..=U+FF19
            i += 3;
        } else {
            run = 0;
            i += 1;
        }
        if run >= n {
            return true;
        }
    }
    false
}

fn find_chars(chars: &[char]) -> Vec<PiiMatch> {
    let mut out = Vec::new();
    let mut i = 0;
    while i < chars.len() {
        if digit(chars[i]).is_none() {
            i += 1;
            continue;
        }
        let start = i;
        let mut digits = Vec::new();
        while let Some(d) = chars.get(i).copied().and_then(digit) {
            digits.push(d);
            i += 1;
        }
        let mut end = i;
        // An identity number may end with X.
        let x_check = digits.len() == 17 && matches!(chars.get(end).map(|c| fold_char(*c)), Some('X' | 'x'));
        if x_check {
            end += 1;
        }
        // A mobile printed straight after a landline (`电话：（010）5831150413681174739`, as
        // flattened pages run a contact line together): the mobile alone, not a bank card
        // cutting through both. See (QA ingest pass, sixteenth session): such mobiles were
        // served whole.
        let n = digits.len();
        if !x_check
            && (18..=23).contains(&n)
            && digits[n - 11] == 1
            && digits[n - 10] >= 3
            && phone_context(chars, start)
            && !glued(chars, start, end, PiiKind::Mobile)
        {
            out.push(PiiMatch {
                kind: PiiKind::Mobile,
                start: end - 11,
                end,
            });
            i = end;
            continue;
        }
        if let Some(kind) = classify(&digits, x_check) {
            let weak = digits.len() == 15 && !labelled(chars, start);
            if !weak && !glued(chars, start, end, kind) {
                out.push(PiiMatch { kind, start, end });
            }
        }
        i = end.max(i);
    }
    out
}

fn classify(digits: &[u8], x_check: bool) -> Option<PiiKind> {
    if x_check {
        return id18(digits, 'X').then_some(PiiKind::IdNumber);
    }
    let n = digits.len();
    if n == 18 && id18(&digits[..17], char::from(b'0' + digits[17])) {
        return Some(PiiKind::IdNumber);
    }
    if n == 15 && id15(digits) {
        return Some(PiiKind::IdNumber);
    }
    if n == 11 && digits[0] == 1 && digits[1] >= 3 {
        return Some(PiiKind::Mobile);
    }
    if (16..=19).contains(&n) && matches!(digits[0], 3..=6 | 9) && luhn_ok(digits) {
        return Some(PiiKind::BankCard);
    }
    None
}

/// Whether the digits at `start` follow a telephone's label (`电话：`, `联系方式`, `手机`) or an
/// area code in brackets (`（010）`), a few characters before.
fn phone_context(chars: &[char], start: usize) -> bool {
    let before: String = chars[start.saturating_sub(12)..start].iter().collect();
    ["电话", "手机", "联系", "传真", "热线", "tel", "Tel", "TEL"]
        .iter()
        .any(|l| before.contains(l))
        || before.trim_end().ends_with(['）', ')'])
            && before
                .rsplit(['（', '('])
                .next()
                .is_some_and(|code| code.trim_end_matches(['）', ')']).starts_with('0'))
}

/// Words that label an identity number, looked for just before a 15-digit one (which has no
/// check digit, so that a bank account or a serial of 15 digits is not taken for one).
const ID_LABELS: [&str; 4] = ["身份证", "身份号码", "证件号", "证号"];

fn labelled(chars: &[char], start: usize) -> bool {
    let before: String = chars[start.saturating_sub(16)..start].iter().collect();
    ID_LABELS.iter().any(|l| before.contains(l))
}

/// True when the run `[start, end)` is part of something larger: glued to Latin letters,
/// part of a decimal or thousands-separated number, or a quantity followed by a unit.
fn glued(chars: &[char], start: usize, end: usize, kind: PiiKind) -> bool {
    let at = |i: usize| chars.get(i).map(|c| fold_char(*c));
    let before = start.checked_sub(1).and_then(at);
    let after = at(end);
    if before.is_some_and(|c| c.is_ascii_alphabetic()) || after.is_some_and(|c| c.is_ascii_alphanumeric()) {
        return true;
    }
    let digit_at = |i: Option<usize>| i.and_then(|i| chars.get(i)).is_some_and(|c| digit(*c).is_some());
    if matches!(before, Some('.' | ',')) && digit_at(start.checked_sub(2)) {
        return true;
    }
    if matches!(after, Some('.' | ',')) && digit_at(Some(end + 1)) {
        return true;
    }
    kind != PiiKind::IdNumber && chars.get(end).is_some_and(|c| UNITS.contains(*c))
}

/// Count personal numbers in `text`.
pub fn count(text: &str) -> PiiCounts {
    let mut c = PiiCounts::default();
    for m in find(text) {
        tally(&mut c, m.kind);
    }
    c
}

fn tally(c: &mut PiiCounts, kind: PiiKind) {
    match kind {
        PiiKind::IdNumber => c.id_numbers += 1,
        PiiKind::Mobile => c.mobiles += 1,
        PiiKind::BankCard => c.bank_cards += 1,
    }
}

/// `text` with every personal number masked (`138****5678`, `110105********123X`; lengths
/// kept), and what was found.
pub fn mask(text: &str) -> (String, PiiCounts) {
    if !has_digit_run(text, MIN_DIGITS) {
        return (text.to_owned(), PiiCounts::default());
    }
    let mut chars: Vec<char> = text.chars().collect();
    let mut counts = PiiCounts::default();
    let found = find_chars(&chars);
    if found.is_empty() {
        return (text.to_owned(), counts);
    }
    for m in found {
        tally(&mut counts, m.kind);
        let (head, tail) = m.kind.kept();
        for c in &mut chars[m.start + head..m.end.saturating_sub(tail).max(m.start + head)] {
            *c = '*';
        }
    }
    (chars.into_iter().collect(), counts)
}

/// Apply `mode` to a record's title and body. `Err` (for [`PiiMode::Reject`]) says what was
/// found, without the numbers.
/// [`apply`] to every text inside a record's other fields (kept and served as they are):
/// masked in place, counted, or refused, as the mode says.
pub(crate) fn apply_value(mode: PiiMode, value: &mut serde_json::Value) -> Result<PiiCounts, String> {
    use serde_json::Value;
    let mut total = PiiCounts::default();
    match value {
        Value::String(s) if has_digit_run(s, MIN_DIGITS) => {
            let (_, masked, c) = apply(mode, String::new(), std::mem::take(s))?;
            *s = masked;
            total.add(&c);
        }
        Value::Array(items) => {
            for v in items {
                total.add(&apply_value(mode, v)?);
            }
        }
        Value::Object(map) => {
            for v in map.values_mut() {
                total.add(&apply_value(mode, v)?);
            }
        }
        _ => {}
    }
    Ok(total)
}

pub(crate) fn apply(mode: PiiMode, title: String, body: String) -> Result<(String, String, PiiCounts), String> {
    match mode {
        PiiMode::Keep => {
            let mut c = count(&title);
            c.add(&count(&body));
            Ok((title, body, c))
        }
        PiiMode::Mask => {
            // Most texts hold no long run of digits: kept as they are, not copied.
            let masked = |t: String| {
                if has_digit_run(&t, MIN_DIGITS) {
                    mask(&t)
                } else {
                    (t, PiiCounts::default())
                }
            };
            let (title, mut c) = masked(title);
            let (body, b) = masked(body);
            c.add(&b);
            Ok((title, body, c))
        }
        PiiMode::Reject => {
            let mut c = count(&title);
            c.add(&count(&body));
            if c.is_zero() {
                Ok((title, body, c))
            } else {
                Err(format!(
                    "personal data found ({}); refused by PII mode reject",
                    describe(&c)
                ))
            }
        }
    }
}

/// `2 identity numbers, 1 mobile number`.
pub fn describe(c: &PiiCounts) -> String {
    let mut parts = Vec::new();
    for (n, one, many) in [
        (c.id_numbers, "identity number", "identity numbers"),
        (c.mobiles, "mobile number", "mobile numbers"),
        (c.bank_cards, "bank card number", "bank card numbers"),
    ] {
        if n > 0 {
            parts.push(format!("{n} {}", if n == 1 { one } else { many }));
        }
    }
    if parts.is_empty() {
        "none".into()
    } else {
        parts.join(", ")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A tiny deterministic generator (xorshift), so the tests need no extra crate.
    struct Gen(u64);

    impl Gen {
        fn next(&mut self) -> u64 {
            self.0 ^= self.0 << 13;
            self.0 ^= self.0 >> 7;
            self.0 ^= self.0 << 17;
            self.0
        }
        fn below(&mut self, n: u64) -> u64 {
            self.next() % n
        }
        fn digits(&mut self, n: usize) -> String {
            (0..n).map(|_| char::from(b'0' + self.below(10) as u8)).collect()
        }
        /// A valid 18-character identity number.
        fn id18(&mut self) -> String {
            let p = PROVINCES[self.below(PROVINCES.len() as u64) as usize];
            let year = 1930 + self.below(90);
            let month = 1 + self.below(12);
            let day = 1 + self.below(28);
            let first = format!("{p:02}{}{year:04}{month:02}{day:02}{}", self.digits(4), self.digits(3));
            let d: Vec<u8> = first.bytes().map(|b| b - b'0').collect();
            format!("{first}{}", id_check_char(&d))
        }
        /// A valid 15-digit identity number.
        fn id15(&mut self) -> String {
            let p = PROVINCES[self.below(PROVINCES.len() as u64) as usize];
            let (y, m, d) = (30 + self.below(69), 1 + self.below(12), 1 + self.below(28));
            format!("{p:02}{}{y:02}{m:02}{d:02}{}", self.digits(4), self.digits(3))
        }
        fn mobile(&mut self) -> String {
            format!("1{}{}", 3 + self.below(7), self.digits(9))
        }
        /// A Luhn-valid card number of 16 to 19 digits that is not an identity number.
        fn card(&mut self) -> String {
            loop {
                let len = 16 + self.below(4) as usize;
                let mut s = format!("62{}", self.digits(len - 3));
                let d: Vec<u8> = s.bytes().map(|b| b - b'0').collect();
                let check = (0..10u8)
                    .find(|c| {
                        let mut all = d.clone();
                        all.push(*c);
                        luhn_ok(&all)
                    })
                    .unwrap_or(0);
                s.push(char::from(b'0' + check));
                if classify(&s.bytes().map(|b| b - b'0').collect::<Vec<_>>(), false) == Some(PiiKind::BankCard) {
                    return s;
                }
            }
        }
    }

    fn corpus_file(name: &str) -> std::path::PathBuf {
        std::path::Path::new(concat!(env!("CARGO_MANIFEST_DIR"), "/../../shared/corpus")).join(name)
    }

    /// Bodies of real documents, to plant numbers in.
    fn real_bodies(n: usize) -> Vec<String> {
        let text =
            std::fs::read_to_string(corpus_file("sample.jsonl")).expect("the shared corpus sits beside the project");
        text.lines()
            .filter_map(|l| serde_json::from_str::<serde_json::Value>(l).ok())
            .filter_map(|v| v["body"].as_str().map(crate::clean_body))
            .filter(|b| b.chars().count() > 200 && find(b).is_empty())
            .take(n)
            .collect()
    }

    // See (QA ingest pass, sixteenth session): a mobile run together with the landline
    // before it was served whole, or a bank card's mask cut through the landline.
    #[test]
    fn a_mobile_after_a_landline_is_masked_alone() {
        let (masked, c) = mask("联系人：张三，电话：（010）5831150413681174739。");
        assert_eq!(masked, "联系人：张三，电话：（010）58311504136****4739。");
        assert_eq!(c.mobiles, 1);
        assert_eq!(c.bank_cards, 0);
        let (masked, _) = mask("电话：0871-6412345613912345678");
        assert!(masked.ends_with("139****5678"), "{masked}");
        // A long number of no telephone stays as it is.
        let (masked, c) = mask("项目编号：2023100113912345678");
        assert_eq!((masked.as_str(), c.mobiles), ("项目编号：2023100113912345678", 0));
    }

    #[test]
    fn check_digits() {
        // The example number of GB 11643-1999.
        let d: Vec<u8> = "11010519491231002".bytes().map(|b| b - b'0').collect();
        assert_eq!(id_check_char(&d), 'X');
        assert!(luhn_ok(&[4, 5, 3, 9, 1, 4, 8, 8, 0, 3, 4, 3, 6, 4, 6, 7]));
        assert!(!luhn_ok(&[4, 5, 3, 9, 1, 4, 8, 8, 0, 3, 4, 3, 6, 4, 6, 8]));
    }

    #[test]
    fn finds_and_masks_planted_numbers_in_real_text() {
        let mut g = Gen(0x9E37_79B9_7F4A_7C15);
        let bodies = real_bodies(40);
        assert!(bodies.len() >= 20, "too few clean bodies in the sample");
        for (k, body) in bodies.iter().enumerate() {
            let (id, id15, mobile, card) = (g.id18(), g.id15(), g.mobile(), g.card());
            let chars: Vec<char> = body.chars().collect();
            let cut = |i: usize| chars[..chars.len() * i / 5].iter().collect::<String>();
            let part = |a: usize, b: usize| {
                chars[chars.len() * a / 5..chars.len() * b / 5]
                    .iter()
                    .collect::<String>()
            };
            let text = format!(
                "{}联系人身份证号：{id}。{}手机{mobile}，{}旧身份证{id15}；{}开户账号：{card}。{}",
                cut(1),
                part(1, 2),
                part(2, 3),
                part(3, 4),
                part(4, 5)
            );
            let found = find(&text);
            let kinds: Vec<PiiKind> = found.iter().map(|m| m.kind).collect();
            assert_eq!(
                kinds,
                [PiiKind::IdNumber, PiiKind::Mobile, PiiKind::IdNumber, PiiKind::BankCard],
                "document {k}: {id} {mobile} {id15} {card}"
            );
            let (masked, counts) = mask(&text);
            assert_eq!((counts.id_numbers, counts.mobiles, counts.bank_cards), (2, 1, 1));
            assert_eq!(masked.chars().count(), text.chars().count(), "lengths are kept");
            for raw in [&id, &id15, &mobile, &card] {
                assert!(!masked.contains(raw.as_str()), "{raw} left in the text");
            }
            let m_mobile = format!("{}****{}", &mobile[..3], &mobile[7..]);
            assert!(masked.contains(&m_mobile), "{m_mobile}");
            let m_id = format!("{}{}{}", &id[..6], "*".repeat(8), &id[14..]);
            assert!(masked.contains(&m_id), "{m_id}");
            let m_card = format!(
                "{}{}{}",
                &card[..6],
                "*".repeat(card.len() - 10),
                &card[card.len() - 4..]
            );
            assert!(masked.contains(&m_card), "{m_card}");
            // The rest of the text is untouched.
            let unmasked: String = masked.chars().filter(|c| *c != '*').collect();
            assert!(unmasked.contains(&part(2, 3)));
        }
    }

    #[test]
    fn lowercase_x_and_full_width_digits() {
        let mut g = Gen(7);
        loop {
            let id = g.id18();
            if id.ends_with('X') {
                let lower = id.to_lowercase();
                assert_eq!(find(&format!("证号{lower}。")).len(), 1, "{lower}");
                let wide: String = id
                    .chars()
                    .map(|c| {
                        if c.is_ascii_digit() {
                            char::from_u32(c as u32 - 0x30 + 0xFF10).unwrap_or(c)
                        } else {
                            c
                        }
                    })
                    .collect();
                let (masked, c) = mask(&format!("证号{wide}。"));
                assert_eq!(c.id_numbers, 1, "{wide}");
                assert_eq!(masked.chars().filter(|c| *c == '*').count(), 8);
                break;
            }
        }
    }

    #[test]
    fn not_personal() {
        let mut g = Gen(42);
        let id = g.id18();
        let mobile = g.mobile();
        let mut bad_check = id.clone();
        let last = if id.ends_with('1') { '2' } else { '1' };
        bad_check.replace_range(17.., &last.to_string());
        for text in [
            "联系电话：021-12345678，传真：0571-87654321。".to_string(),
            "国办发〔2018〕59号，2018年12月20日，索引号：000014349/2018-00123。".to_string(),
            "总投资15000000000元，其中13800000000万元。".to_string(),
            format!("身份证号{bad_check}不合法。"),
            format!("编号{mobile}0，或{mobile}.5或1,{mobile}"),
            format!("统一社会信用代码：ABC{mobile}，{id}Q"),
            format!("{}{}", mobile, "号"),
            "银行账号:531902241010801,开户银行".to_string(),
            "热线12345，报警110，20180512123456789".to_string(),
        ] {
            assert!(find(&text).is_empty(), "false positive in {text}: {:?}", find(&text));
        }
    }

    #[test]
    fn modes() {
        let mut g = Gen(3);
        let mobile = g.mobile();
        let body = format!("请联系{mobile}。");
        let (_, b, c) = apply(PiiMode::Keep, "t".into(), body.clone()).unwrap();
        assert_eq!((b.as_str(), c.mobiles), (body.as_str(), 1));
        let (_, b, _) = apply(PiiMode::Mask, "t".into(), body.clone()).unwrap();
        assert!(!b.contains(&mobile));
        let e = apply(PiiMode::Reject, "t".into(), body).unwrap_err();
        assert!(e.contains("1 mobile number") && !e.contains(&mobile), "{e}");
        assert_eq!(PiiMode::from_name("reject"), Some(PiiMode::Reject));
        assert_eq!(PiiMode::default(), PiiMode::Mask);
    }

    /// No personal numbers where there are none: scans the whole shared corpus and prints what
    /// it finds, so the figures can be checked by eye (`--nocapture`).
    #[test]
    fn real_corpus_counts() {
        let mut total = PiiCounts::default();
        let mut docs = 0;
        let mut examples = Vec::new();
        for name in [
            "gov_docs.jsonl",
            "govcn_zhengce_2019dump.jsonl",
            "shanghai_docs.jsonl",
            "lvchun_2018_report.jsonl",
        ] {
            let Ok(text) = std::fs::read_to_string(corpus_file(name)) else {
                panic!("{name} is missing from the shared corpus");
            };
            for line in text.lines() {
                let Ok(v) = serde_json::from_str::<serde_json::Value>(line) else {
                    continue;
                };
                docs += 1;
                for field in ["title", "body"] {
                    let s = v[field].as_str().unwrap_or_default();
                    for m in find(s) {
                        tally(&mut total, m.kind);
                        let chars: Vec<char> = s.chars().collect();
                        let ctx: String = chars[m.start.saturating_sub(12)..(m.end + 6).min(chars.len())]
                            .iter()
                            .collect();
                        examples.push(format!("{name} {:?}: {ctx}", m.kind));
                    }
                }
            }
        }
        println!(
            "pii on the real corpus: {docs} documents, {} ({total:?})",
            describe(&total)
        );
        for e in examples.iter().take(60) {
            println!("  {e}");
        }
        assert!(docs > 8_000);
        // Government documents rarely print personal numbers; a flood means false positives.
        assert!(total.total() < 100, "{total:?}");
    }

    /// The byte scan's digits are exactly [`digit`]'s.
    #[test]
    fn digit_run_reads_the_digits_digit_reads() {
        for c in (0..=0x10ffff_u32).filter_map(char::from_u32) {
            let mut one = String::new();
            one.push(c);
            assert_eq!(has_digit_run(&one, 1), digit(c).is_some(), "{c:?}");
        }
    }

    mod prefilter {
        use super::*;
        use proptest::prelude::*;

        fn text() -> impl Strategy<Value = String> {
            let piece = prop_oneof![
                "[0-9]{1,19}",
                "[０-９]{1,19}",
                Just("X".to_string()),
                Just("x".to_string()),
                Just("身份证号".to_string()),
                Just("电话".to_string()),
                Just(" ".to_string()),
                Just("-".to_string()),
                Just("a".to_string()),
                Just("，".to_string()),
            ];
            proptest::collection::vec(piece, 0..12).prop_map(|v| v.concat())
        }

        proptest! {
            /// The prefilter never hides a match: the search over characters finds nothing
            /// in a text without 11 digits in a row.
            #[test]
            fn never_hides_a_match(t in text()) {
                let chars: Vec<char> = t.chars().collect();
                let all = find_chars(&chars);
                prop_assert_eq!(find(&t), all.clone());
                if !all.is_empty() {
                    prop_assert!(has_digit_run(&t, MIN_DIGITS));
                }
                let (masked, counts) = mask(&t);
                prop_assert_eq!(counts.total() as usize, all.len());
                prop_assert_eq!(masked == t, all.is_empty() || all.iter().all(|m| {
                    let (head, tail) = m.kind.kept();
                    m.end.saturating_sub(tail) <= m.start + head
                }));
            }
        }
    }
}
