//! Dates as printed in documents: `2018年12月20日`, `2018-12-20 10:00`, `二〇一八年十二月二十日`.

use gongwen_schema::{fold_char, parse_chinese_numeral, Date};

/// Parse a date that fills the whole text (trimmed): Arabic or Chinese numerals.
pub(crate) fn parse_whole(text: &str) -> Option<Date> {
    let t: String = without_weekday(text.trim())
        .chars()
        .filter(|c| !c.is_whitespace())
        .collect();
    if t.is_empty() {
        return None;
    }
    Date::parse(&t).or_else(|| parse_chinese(&t))
}

/// Today's date (UTC), for a date that must have passed (a declassification date).
pub(crate) fn today() -> Option<Date> {
    let days = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| d.as_secs() / 86_400);
    Date::from_days_since_epoch(days as i64)
}

/// Parse a date at the start of a metadata value: `2019-01-24 10:00` → 2019-01-24; a value
/// may also be compact, as many exports write it: `20190124`, `20190124 10:00`.
/// A weekday after the date (`2018年12月20日（星期四）`, `… 周四`) is dropped; a Unix time in
/// seconds or milliseconds (`1545235200`, `1545235200000`, as crawled APIs give it) is read
/// as the day it falls on in China (UTC+8).
pub(crate) fn parse_value(text: &str) -> Option<Date> {
    let t = without_weekday(text.trim());
    let one = |s: &str| parse_whole(s).or_else(|| parse_compact(s));
    one(t)
        .or_else(|| {
            let head = t.split([' ', 'T', '\u{3000}']).next().unwrap_or("");
            one(head)
        })
        .or_else(|| parse_unix_time(t))
}

/// The date a page's info bar starts with when other words follow it without a space
/// (`2022-06-15来源:住房公积金管理中心`, `2023-12-1110:39 浏览次数:2015`,
/// `2018年12月20日作者:`): year, month and day in Arabic digits, the day of at most two
/// digits, so a time glued to it (`1110:39`) is not read as part of the day.
pub(crate) fn leading(text: &str) -> Option<Date> {
    let t: String = text.trim().chars().take(16).map(fold_char).collect();
    let mut rest = t.as_str();
    let year = take_number(&mut rest, 4).filter(|y| *y >= 1000)?;
    take_separator(&mut rest, &['-', '/', '.', '年'])?;
    let month = take_number(&mut rest, 2)?;
    take_separator(&mut rest, &['-', '/', '.', '月'])?;
    let day = take_number(&mut rest, 2)?;
    Date::new(
        u16::try_from(year).ok()?,
        u8::try_from(month).ok()?,
        u8::try_from(day).ok()?,
    )
}

/// At most `max` leading ASCII digits of `rest`, taken off it.
fn take_number(rest: &mut &str, max: usize) -> Option<u32> {
    let n = rest.bytes().take_while(u8::is_ascii_digit).count().min(max);
    if n == 0 {
        return None;
    }
    let v = rest[..n].parse().ok()?;
    *rest = &rest[n..];
    Some(v)
}

/// One of `seps` at the start of `rest`, taken off it.
fn take_separator(rest: &mut &str, seps: &[char]) -> Option<()> {
    let c = rest.chars().next().filter(|c| seps.contains(c))?;
    *rest = &rest[c.len_utf8()..];
    Some(())
}

/// `2018年12月20日（星期四）` → `2018年12月20日`; `2018-12-20 周四` → `2018-12-20`.
fn without_weekday(t: &str) -> &str {
    let t = t.trim_end();
    if let Some(rest) = t.strip_suffix(['）', ')']) {
        let open = rest.char_indices().rev().find(|(_, c)| matches!(c, '（' | '('));
        if let Some((at, c)) = open {
            if is_weekday(&rest[at + c.len_utf8()..]) {
                return rest[..at].trim_end();
            }
        }
    }
    for mark in ["星期", "礼拜", "周"] {
        if let Some(at) = t.rfind(mark) {
            if is_weekday(&t[at..]) {
                return t[..at].trim_end();
            }
        }
    }
    t
}

/// `星期四`, `周日`, `礼拜天`.
fn is_weekday(s: &str) -> bool {
    ["星期", "礼拜", "周"].iter().any(|m| {
        s.strip_prefix(m)
            .is_some_and(|d| matches!(d, "一" | "二" | "三" | "四" | "五" | "六" | "日" | "天"))
    })
}

/// Ten digits (seconds) or thirteen (milliseconds) since 1970, from 1990 to 2100.
fn parse_unix_time(t: &str) -> Option<Date> {
    if !(t.len() == 10 || t.len() == 13) || !t.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    let n: i64 = t.parse().ok()?;
    let secs = if t.len() == 13 { n / 1000 } else { n };
    Date::from_days_since_epoch((secs + 8 * 3600).div_euclid(86_400)).filter(|d| (1990..=2100).contains(&d.year))
}

/// `20190124`: eight digits (full-width too) that make a valid date, and nothing else.
/// Only for metadata values, where a date is expected: a line of a body made of eight
/// digits is not taken for one.
fn parse_compact(text: &str) -> Option<Date> {
    let t: String = text.chars().map(fold_char).collect();
    if t.len() != 8 || !t.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    Date::new(t[..4].parse().ok()?, t[4..6].parse().ok()?, t[6..].parse().ok()?)
}

/// The year of a value that names a year and no day: a [year and month](parse_year_month),
/// or a year alone (`2018`, `2018年`, `二〇一八年`, as exports date what they only know the
/// year of). `None` for anything else, a full date included.
pub(crate) fn parse_partial(text: &str) -> Option<u16> {
    parse_year_month(text).or_else(|| parse_year(text))
}

/// `2018`, `2018年`, `２０１８`, `二〇一八年`: four digits, the 年 optional after Arabic ones.
fn parse_year(text: &str) -> Option<u16> {
    let t: String = text.chars().filter(|c| !c.is_whitespace()).map(fold_char).collect();
    let y = t.strip_suffix('年');
    let year = match y.unwrap_or(&t) {
        d if d.len() == 4 && d.bytes().all(|b| b.is_ascii_digit()) => d.parse::<u32>().ok()?,
        c if y.is_some() && c.chars().count() == 4 => parse_chinese_numeral(c)?,
        _ => return None,
    };
    (1000..=2999)
        .contains(&year)
        .then(|| u16::try_from(year).ok())
        .flatten()
}

/// The year of a value that names a month and no day: `2018年12月`, `2018-12`, `2018/12`,
/// `2018.12`, `二〇一八年十二月` (a page or record that dates itself to the month). `None`
/// for anything else, a full date included: a month outside 1–12 is no year-month.
pub(crate) fn parse_year_month(text: &str) -> Option<u16> {
    let t: String = text.chars().filter(|c| !c.is_whitespace()).map(fold_char).collect();
    let (y, m) = match t.strip_suffix('月') {
        Some(rest) => rest.split_once('年')?,
        None => t.split_once(['-', '/', '.'])?,
    };
    if y.chars().count() != 4 || m.is_empty() || m.chars().count() > 3 {
        return None;
    }
    let digits = |s: &str| s.chars().all(|c| c.is_ascii_digit());
    let (year, month) = if digits(y) && digits(m) {
        (y.parse::<u32>().ok()?, m.parse::<u32>().ok()?)
    } else if t.ends_with('月') && !digits(y) && !digits(m) {
        (parse_chinese_numeral(y)?, parse_chinese_numeral(m)?)
    } else {
        return None;
    };
    if (1..=12).contains(&month) && (1000..=2999).contains(&year) {
        u16::try_from(year).ok()
    } else {
        None
    }
}

/// `二〇一八年十二月二十日`, `一九八一年五月二十三日`.
fn parse_chinese(t: &str) -> Option<Date> {
    let rest = t.strip_suffix('日')?;
    let (y, rest) = rest.split_once('年')?;
    let (m, d) = rest.split_once('月')?;
    if y.chars().count() != 4 {
        return None;
    }
    let year = parse_chinese_numeral(y)?;
    Date::new(u16::try_from(year).ok()?, small(m)?, small(d)?)
}

/// 1–31 in Chinese numerals: 五, 十, 十二, 二十, 二十三, 三十一.
fn small(s: &str) -> Option<u8> {
    if s.chars().count() > 3 {
        return None;
    }
    u8::try_from(parse_chinese_numeral(s)?)
        .ok()
        .filter(|v| (1..=31).contains(v))
}

#[cfg(test)]
mod tests {
    use super::*;

    // See: dates as crawled APIs and sites give them were refused: a weekday in brackets, a
    // Unix time in seconds or milliseconds.
    #[test]
    fn weekdays_and_unix_times() {
        let d = Date::new(2018, 12, 20);
        for v in [
            "2018年12月20日（星期四）",
            "2018年12月20日(周四)",
            "2018-12-20 星期四",
            "2018-12-20周四",
            "1545235200",
            "1545235200000",
            // 2018-12-19 16:00 UTC is already the 20th in China.
            "1545235200",
        ] {
            assert_eq!(parse_value(v), d, "{v}");
        }
        assert_eq!(
            parse_value("1545148799"),
            Date::new(2018, 12, 18),
            "15:59:59 UTC on the 18th"
        );
        // Other digits, a note in brackets, a weekday alone, 1970 (no document's date).
        for v in ["12345", "99999999999", "0000000000", "2018年12月20日（附件）", "周五"] {
            assert_eq!(parse_value(v), None, "{v}");
        }
    }

    #[test]
    fn forms() {
        assert_eq!(parse_whole("2018年12月20日"), Date::new(2018, 12, 20));
        assert_eq!(parse_whole("二〇一八年十二月二十日"), Date::new(2018, 12, 20));
        assert_eq!(parse_whole("一九八一年五月二十三日"), Date::new(1981, 5, 23));
        assert_eq!(parse_whole("二〇一九年一月三十一日"), Date::new(2019, 1, 31));
        assert_eq!(parse_whole("二〇一九年十月十日"), Date::new(2019, 10, 10));
        // See: the circle ○ for 〇, as often as 〇 itself in the corpus's dates, was no date.
        assert_eq!(parse_whole("二○一八年十二月二十日"), Date::new(2018, 12, 20));
        assert_eq!(parse_whole("二○○三年五月一日"), Date::new(2003, 5, 1));
        assert_eq!(parse_whole("二◯一○年一月五日"), Date::new(2010, 1, 5));
        assert_eq!(parse_value("2019-01-24 10:00"), Date::new(2019, 1, 24));
        // The compact form of metadata exports, with or without a time; never an invalid
        // date, another length, or inside a body line.
        assert_eq!(parse_value("20181220"), Date::new(2018, 12, 20));
        assert_eq!(parse_value(" ２０１８１２２０ "), Date::new(2018, 12, 20));
        assert_eq!(parse_value("20181220 09:30:00"), Date::new(2018, 12, 20));
        assert_eq!(parse_value("20181220T093000"), Date::new(2018, 12, 20));
        assert_eq!(parse_value("20180230"), None);
        assert_eq!(parse_value("2018122"), None);
        assert_eq!(parse_value("201812201"), None);
        assert_eq!(parse_whole("20181220"), None);
        assert_eq!(parse_whole("国务院"), None);
        assert_eq!(parse_whole("十年"), None);
    }

    #[test]
    fn year_months() {
        for t in [
            "2018年12月",
            "2018-12",
            "2018/12",
            "2018.12",
            "2018-1",
            "２０１８年１２月",
            " 2018 年 12 月 ",
            "二〇一八年十二月",
        ] {
            assert_eq!(parse_year_month(t), Some(2018), "{t}");
        }
        for t in [
            "2018-13",
            "2018年0月",
            "2018-13-01",
            "2018-12-20",
            "2018年12月20日",
            "18-12",
            "2018",
            "2018年",
            "十二月",
            "2018年十二月",
            "abcd-12",
        ] {
            assert_eq!(parse_year_month(t), None, "{t}");
        }
    }

    #[test]
    fn a_year_alone() {
        for t in [
            "2018",
            "2018年",
            " 2018 年",
            "２０１８",
            "二〇一八年",
            "二○一八年",
            "2018-12",
        ] {
            assert_eq!(parse_partial(t), Some(2018), "{t}");
        }
        for t in [
            "2018-12-20",
            "20181220",
            "201",
            "20188",
            "0999",
            "9999",
            "二〇一八",
            "一八年",
            "2018年度",
            "2018年12月20日",
            "明年",
        ] {
            assert_eq!(parse_partial(t), None, "{t}");
        }
    }
}
