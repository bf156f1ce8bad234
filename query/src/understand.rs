//! Query understanding: split a query string into document numbers, partial numbers,
//! quoted phrases, excluded words and free text.

use gongwen_schema::{extract, DocNumber, PartialDocNumber};

/// A query string, understood.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct ParsedQuery {
    /// Full document numbers, in any spelling, canonicalised.
    pub numbers: Vec<DocNumber>,
    /// Chunks that may be partial numbers (issuer code, issuer code + year). Whether an issuer
    /// code is real is checked against the index by the caller.
    pub partials: Vec<(String, PartialDocNumber)>,
    /// Quoted phrases (`"…"`, `“…”`, `「…」`).
    pub phrases: Vec<String>,
    /// Words and quoted phrases after `-` or `NOT` (excluded).
    pub excluded: Vec<String>,
    /// Document numbers after `-` or `NOT`: their documents are excluded.
    pub excluded_numbers: Vec<DocNumber>,
    /// Parts with nothing to search for: a quoted phrase of marks or symbols only (`"。"`),
    /// a `-` or a `NOT` before nothing.
    pub ignored: Vec<String>,
    /// Everything else: free text, cut by the analyzer later.
    pub text: String,
}

impl ParsedQuery {
    /// True when nothing positive was asked (an empty query lists documents).
    pub fn is_empty(&self) -> bool {
        self.numbers.is_empty() && self.partials.is_empty() && self.phrases.is_empty() && self.text.trim().is_empty()
    }
}

fn closing(open: char) -> Option<char> {
    Some(match open {
        '"' => '"',
        '“' => '”',
        '「' => '」',
        '『' => '』',
        '＂' => '＂',
        _ => return None,
    })
}

/// Understand `q`. Never fails: anything not understood is free text.
pub fn parse(q: &str) -> ParsedQuery {
    let mut out = ParsedQuery::default();
    // 1. Quoted phrases. An unclosed quote takes the rest of the string.
    let mut rest = String::with_capacity(q.len());
    let mut chars = q.chars().peekable();
    while let Some(c) = chars.next() {
        // A year in corner brackets after a code (`法释「2022」2号`): the number's brackets,
        // as the look-up reads them, not a quote. See (QA numbers pass, sixteenth session).
        if matches!(c, '「' | '『') {
            let ahead: String = chars.clone().take(6).collect();
            let year = ahead
                .chars()
                .take(4)
                .all(|d| d.is_ascii_digit() || ('０'..='９').contains(&d));
            if year
                && ahead.chars().nth(4) == closing(c)
                && rest.chars().next_back().is_some_and(|p| !p.is_whitespace())
            {
                rest.push(c);
                continue;
            }
        }
        if let Some(close) = closing(c) {
            let mut phrase = String::new();
            for d in chars.by_ref() {
                if d == close {
                    break;
                }
                phrase.push(d);
            }
            let phrase = phrase.trim().to_string();
            let negated = strip_negation(&mut rest);
            if !phrase.chars().any(char::is_alphanumeric) {
                // Marks alone, or nothing (`"`, `“”`, `-""`): nothing to search for. See
                // (QA API pass, fifteenth session): a stray quote listed every document.
                out.ignored.push(format!("{c}{phrase}{close}"));
            } else {
                // A quoted document number is still a document number; a quoted sentence
                // holding one is a phrase. See (QA search pass, fourteenth session):
                // `"坚定不移地贯彻执行国发〔2010〕10号文件"` kept the number alone.
                let number = DocNumber::parse(&phrase)
                    .ok()
                    .filter(|n| phrase.chars().count() <= n.canonical().chars().count() + 4)
                    .ok_or(());
                match (number, negated) {
                    (Ok(n), false) => out.numbers.push(n),
                    (Ok(n), true) => out.excluded_numbers.push(n),
                    (Err(_), false) => out.phrases.push(phrase),
                    (Err(_), true) => out.excluded.push(phrase),
                }
            }
            rest.push(' ');
        } else {
            rest.push(c);
        }
    }
    // A query that is one number with spaces in it, the look-up's reading of it (in running
    // text a space ends a code, which would leave `发〔2018〕108号`):
    // - its code spaced out (`国 办 发〔2018〕108号`): one-character pieces up to the first with
    //   a digit or a mark;
    // - spaces anywhere (`国 发〔2010〕 10号`, `国办 发 〔2019〕4号`, `宝 杨府〔2 020〕15号`): a
    //   piece after the first starts inside the number's syntax (a bracket, a digit, 号 or 第),
    //   and the pieces of words alone are a code's fragments (two characters at most).
    // `住房 国办发〔2018〕108号` stays a word and a number. See (QA) and (QA numbers pass,
    // sixteenth session): 20% of such spellings showed another document first, where the
    // look-up read them right.
    let chunks: Vec<&str> = rest.split_whitespace().collect();
    let code_spaced = chunks
        .iter()
        .position(|c| c.chars().any(|c| c.is_ascii_digit() || !c.is_alphanumeric()))
        .is_some_and(|k| k >= 2 && chunks[..k].iter().all(|c| c.chars().count() == 1));
    let syntax = |c: &str| c.starts_with(|ch: char| ch.is_ascii_digit() || "〔[（(【［﹝号第".contains(ch));
    let wordy = |c: &str| {
        !c.chars()
            .any(|ch| ch.is_ascii_digit() || "〔〕[]（）()【】［］﹝﹞".contains(ch))
    };
    let spaced_anywhere = chunks.len() >= 2
        && chunks[1..].iter().any(|c| syntax(c))
        && chunks.iter().filter(|c| wordy(c)).all(|c| c.chars().count() <= 2);
    if code_spaced || spaced_anywhere {
        let joined = chunks.concat();
        if DocNumber::parse(&joined).is_ok() {
            rest = joined;
        }
    }
    // A code cut by a space inside a longer query (`国 发〔2019〕3号 住房`, `沪 松府规〔2019〕16号`,
    // `国办 发〔2018〕1号`), as text copied from a PDF has it: one-character chunks before a
    // number, or a two-character one before a one-character code, are its code's beginning.
    // Words are never so short before a longer code (`住房 国办发〔2018〕108号` stays apart).
    // See (QA search pass, fourteenth session): search read `国 发〔2019〕3号` as `发〔2019〕3号`
    // while the look-up read the whole number.
    rest = join_cut_codes(&rest);
    // 2. Document numbers anywhere in the rest (any spelling), removed from the text.
    let mut text = String::with_capacity(rest.len());
    let mut last = 0;
    for f in extract(&rest) {
        text.push_str(&rest[last..f.start]);
        // A number pasted with its citation brackets: `-（国发〔2018〕41号）`.
        let opened = text
            .trim_end_matches(['（', '(', '〔', '[', '【', '《', '“', '"'])
            .len();
        let mut before = text[..opened].to_string();
        let negated = strip_negation(&mut before);
        if negated {
            text = before;
        }
        text.push(' ');
        last = f.end;
        let list = if negated {
            &mut out.excluded_numbers
        } else {
            &mut out.numbers
        };
        if !list.contains(&f.number) {
            list.push(f.number);
        }
    }
    text.push_str(&rest[last..]);
    // 3. Chunks: exclusions, whole-chunk numbers (lenient spellings the extractor leaves,
    //    like a missing 号), partial numbers.
    let mut free = Vec::new();
    let mut negate = false;
    let mut operators = Vec::new();
    // In a query holding Chinese, `and`, `or` and `not` are the operators typed in lower
    // case, not English words no document holds. See (QA search pass, seventeenth session):
    // `"管理条例" or "海洋"` found nothing.
    let chinese = q.chars().any(gongwen_schema::hanzi::is_ideograph);
    for chunk in text.split_whitespace() {
        let operator = match chunk {
            "and" | "or" | "not" if chinese => chunk.to_ascii_uppercase(),
            _ => chunk.to_owned(),
        };
        // The operators other search boxes take: AND is what words do here anyway, OR is read
        // as AND (every word is required), NOT excludes the word after it (as `-` does).
        match operator.as_str() {
            "AND" | "&&" | "OR" | "||" => {
                operators.push(chunk);
                continue;
            }
            "NOT" => {
                negate = true;
                continue;
            }
            _ if std::mem::take(&mut negate) => {
                if chunk.chars().any(char::is_alphanumeric) {
                    out.excluded.push(chunk.to_string());
                } else {
                    out.ignored.push(format!("NOT {chunk}"));
                }
                continue;
            }
            _ => {}
        }
        if chunk.starts_with(['-', '－']) {
            // `--营商` is `-营商`; `-*` excludes nothing (and asks for nothing).
            let word = chunk.trim_start_matches(['-', '－']);
            if word.chars().any(char::is_alphanumeric) {
                match DocNumber::parse(word) {
                    Ok(n) => out.excluded_numbers.push(n),
                    Err(_) => out.excluded.push(word.to_string()),
                }
            } else {
                out.ignored.push(chunk.to_string());
            }
            continue;
        }
        if let Ok(n) = DocNumber::parse(chunk) {
            if !out.numbers.contains(&n) {
                out.numbers.push(n);
            }
            continue;
        }
        if let Some(p) = PartialDocNumber::parse(chunk) {
            out.partials.push((chunk.to_string(), p));
        }
        free.push(chunk);
    }
    if negate {
        out.ignored.push("NOT".to_string());
    }
    // Operators with no word to join are no query: `AND` alone finds nothing, not everything.
    // See (QA): `q=AND` listed all 8,489 documents.
    if free.is_empty() {
        out.ignored.extend(operators.into_iter().map(str::to_string));
    }
    out.text = free.join(" ");
    out
}

/// `rest` with each code cut by a space before a number joined back (see [`parse`]).
fn join_cut_codes(rest: &str) -> String {
    let cjk = |c: &str, n: usize| c.chars().count() == n && c.chars().all(gongwen_schema::hanzi::is_ideograph);
    let mut out: Vec<String> = Vec::new();
    for chunk in rest.split_whitespace() {
        // Code, year and serial apart without brackets (`国发 2019 3号`).
        if out.len() >= 2 {
            let n = out.len();
            if let Some(number) = gongwen_schema::spaced_number(&format!("{} {} {chunk}", out[n - 2], out[n - 1])) {
                out.truncate(n - 2);
                out.push(number);
                continue;
            }
        }
        let leading = extract(chunk).into_iter().next().filter(|f| f.start == 0);
        if let Some(f) = leading {
            let mut take = out.iter().rev().take_while(|c| cjk(c, 1)).count();
            if take == 0 && f.number.issuer().chars().count() == 1 && out.last().is_some_and(|c| cjk(c, 2)) {
                take = 1;
            }
            if take > 0 {
                let start = out.len() - take;
                let prefix: String = out[start..].concat();
                let candidate = format!("{prefix}{chunk}");
                let whole = extract(&candidate)
                    .into_iter()
                    .next()
                    .is_some_and(|g| g.start == 0 && g.number.issuer().starts_with(&prefix));
                if whole {
                    out.truncate(start);
                    out.push(candidate);
                    continue;
                }
            }
        }
        out.push(chunk.to_string());
    }
    if out.is_empty() {
        return rest.to_string();
    }
    out.join(" ")
}

/// When `text` ends with a negation that applies to what follows it (a `-` or `－` starting
/// a chunk, or the word `NOT`), remove it and say so.
fn strip_negation(text: &mut String) -> bool {
    let starts_chunk = |before: &str| before.chars().next_back().is_none_or(char::is_whitespace);
    for sign in ["-", "－"] {
        if let Some(before) = text.strip_suffix(sign) {
            if starts_chunk(before) {
                text.truncate(before.len());
                return true;
            }
        }
    }
    let trimmed = text.trim_end();
    // `not` in lower case too, as the other operators are read (QA search pass, seventeenth
    // session: `"规章" not "文化遗产"` found nothing).
    if let Some(before) = trimmed.strip_suffix("NOT").or_else(|| trimmed.strip_suffix("not")) {
        if trimmed.len() < text.len() && starts_chunk(before) {
            text.truncate(before.len());
            return true;
        }
    }
    false
}

#[cfg(test)]
mod tests {
    use super::*;

    // See (QA numbers pass, sixteenth session): a number with spaces anywhere was read as a
    // shorter code.
    #[test]
    fn a_number_spaced_anywhere_is_one_number() {
        for (q, want) in [
            ("国 发〔2010〕 10号", "国发〔2010〕10号"),
            ("国办 发 〔2019〕4号", "国办发〔2019〕4号"),
            ("宝 杨府〔2 020〕15号", "宝杨府〔2020〕15号"),
        ] {
            let p = parse(q);
            assert_eq!(
                p.numbers.iter().map(|n| n.canonical()).collect::<Vec<_>>(),
                [want],
                "{q}"
            );
            assert_eq!(p.text.trim(), "", "{q}");
        }
        let p = parse("住房 国办发〔2018〕108号");
        assert_eq!(p.text.trim(), "住房");
        assert_eq!(p.numbers.len(), 1);
    }

    // See (QA numbers pass, sixteenth session): `法释「2022」2号` was a quote of `2022`.
    #[test]
    fn a_year_in_corner_brackets_is_a_number_s() {
        let p = parse("法释「2022」2号");
        assert_eq!(
            p.numbers.iter().map(|n| n.canonical()).collect::<Vec<_>>(),
            ["法释〔2022〕2号"]
        );
        assert!(p.phrases.is_empty());
        // A quote in corner brackets stays one.
        assert_eq!(parse("「营商环境」").phrases, ["营商环境"]);
        assert_eq!(parse("「2022」").phrases, ["2022"]);
    }

    // See (QA trial): `住房 AND 公积金` found nothing (AND was a required word).
    #[test]
    fn operators_of_other_search_boxes() {
        let p = parse("住房 AND 公积金 OR 提取 NOT 商业贷款");
        assert_eq!(p.text, "住房 公积金 提取");
        assert_eq!(p.excluded, ["商业贷款"]);
        // Lower case is a word.
        assert_eq!(parse("and or not").text, "and or not");
        // A code spaced out is still one number.
        for q in ["国 办 发〔2018〕108号", "国 办 发 〔2018〕 108 号", "国 办 发[2018]108"] {
            let p = parse(q);
            assert_eq!(
                p.numbers.iter().map(|n| n.canonical()).collect::<Vec<_>>(),
                ["国办发〔2018〕108号"],
                "{q}"
            );
            assert!(p.text.trim().is_empty(), "{q}");
        }
        // A code cut once by a space, in a longer query too. See (QA search pass, fourteenth
        // session).
        for (q, number, text) in [
            ("国 发〔2019〕3号", "国发〔2019〕3号", ""),
            ("沪 松府规〔2019〕16号 住房", "沪松府规〔2019〕16号", "住房"),
            ("住房 国办 发〔2018〕1号", "国办发〔2018〕1号", "住房"),
            ("通知 国发〔2019〕3号", "国发〔2019〕3号", "通知"),
            ("住房 国办发〔2018〕108号", "国办发〔2018〕108号", "住房"),
            ("国发 2019 3号", "国发〔2019〕3号", ""),
            ("住房 沪松府规 2019 16号", "沪松府规〔2019〕16号", "住房"),
        ] {
            let p = parse(q);
            assert_eq!(
                p.numbers.iter().map(|n| n.canonical()).collect::<Vec<_>>(),
                [number],
                "{q}"
            );
            assert_eq!(p.text.trim(), text, "{q}");
        }
        let p = parse("\"坚定不移地贯彻执行国发〔2010〕10号文件\"");
        assert_eq!(p.phrases, ["坚定不移地贯彻执行国发〔2010〕10号文件"]);
        assert!(p.numbers.is_empty());
        assert_eq!(parse("\"国发〔2010〕10号\"").numbers.len(), 1);
        assert_eq!(parse("\"国发（2010）第10号文\"").numbers.len(), 1);
        // Words beside a number are not joined to it.
        assert_eq!(
            parse("住房 公积金 国办发〔2018〕108号").text.split_whitespace().count(),
            2
        );
        // Operators alone are no query (`AND` found every document).
        let p = parse("AND");
        assert_eq!((p.text.as_str(), p.ignored.as_slice()), ("", &["AND".to_string()][..]));
        assert_eq!(parse("OR ||").ignored, ["OR", "||"]);
        // In lower case too, beside Chinese (QA search pass, seventeenth session); in an
        // English query they stay words.
        let p = parse("\"管理条例\" or \"海洋\"");
        assert_eq!((p.text.as_str(), p.phrases.len()), ("", 2), "{p:?}");
        let p = parse("住房公积金 and 提取 not 贷款");
        assert_eq!(
            (p.text.as_str(), p.excluded.as_slice()),
            ("住房公积金 提取", &["贷款".to_string()][..])
        );
        assert_eq!(parse("research and development").text, "research and development");
        let p = parse("\"规章\" not \"文化遗产\"");
        assert_eq!(
            (p.phrases.as_slice(), p.excluded.as_slice()),
            (&["规章".to_string()][..], &["文化遗产".to_string()][..])
        );
    }

    // See (QA API pass, fifteenth session): `q="` and `-*` listed every document, `--营商`
    // dropped its word.
    #[test]
    fn quotes_and_signs_alone_ask_for_nothing() {
        for q in [
            "\"", "\"\"", "“”", "「」", "-\"", "NOT \"\"", "-*", "NOT *", "- －", "\"。\"",
        ] {
            let p = parse(q);
            assert!(
                p.is_empty() && p.excluded.is_empty() && p.excluded_numbers.is_empty(),
                "{q}: {p:?}"
            );
            assert!(!p.ignored.is_empty(), "{q}: {p:?}");
        }
        assert_eq!(parse("--营商 环境").excluded, ["营商"]);
        assert_eq!(parse("－营商 环境").excluded, ["营商"]);
        assert_eq!(parse("住房 \"\" 公积金").text, "住房 公积金");
    }

    #[test]
    fn mixes() {
        let p = parse("政务公开 \"工作要点\" 绿政办发[2018]59号 -废止 国办发");
        assert_eq!(
            p.numbers.iter().map(|n| n.canonical()).collect::<Vec<_>>(),
            ["绿政办发〔2018〕59号"]
        );
        assert_eq!(p.phrases, ["工作要点"]);
        assert_eq!(p.excluded, ["废止"]);
        assert_eq!(p.text, "政务公开 国办发");
        assert_eq!(p.partials.len(), 2, "{:?}", p.partials);
    }

    // See (QA): `噪声污染 -"北京市"` searched for 北京市, and `个人所得税 -国发〔2018〕41号`
    // ranked the excluded document first: the minus before a quote or a number was dropped.
    #[test]
    fn a_minus_or_not_before_a_phrase_or_a_number_excludes_it() {
        let p = parse("噪声污染 -\"北京市\" NOT “上海市”");
        assert_eq!(p.excluded, ["北京市", "上海市"]);
        assert!(p.phrases.is_empty(), "{:?}", p.phrases);
        assert_eq!(p.text, "噪声污染");
        let p = parse("个人所得税 -国发〔2018〕41号 NOT 国办发[2019]3号 －\"国发〔2018〕44号\"");
        let canon = |v: &[DocNumber]| v.iter().map(|n| n.canonical()).collect::<Vec<_>>();
        assert_eq!(
            canon(&p.excluded_numbers),
            ["国发〔2018〕44号", "国发〔2018〕41号", "国办发〔2019〕3号"]
        );
        assert!(p.numbers.is_empty());
        assert_eq!(p.text, "个人所得税");
        let p = parse("个人所得税 -（国发〔2018〕41号）");
        assert_eq!(canon(&p.excluded_numbers), ["国发〔2018〕41号"]);
        assert!(p.numbers.is_empty());
        // A hyphen inside a chunk is no negation.
        let p = parse("GB3095-\"2012\"");
        assert!(p.excluded.is_empty() && p.phrases == ["2012"], "{p:?}");
    }

    #[test]
    fn lenient_and_partial() {
        assert_eq!(parse("国办发〔2018〕59").numbers.len(), 1);
        let p = parse("绿政办发〔2018〕");
        assert_eq!(p.partials[0].1.year, Some(2018));
        assert!(parse("").is_empty());
        assert!(parse("  - -- \" ").is_empty());
    }
}
