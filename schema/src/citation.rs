//! How a cited title is compared with a document's title.
//!
//! Real citations rarely repeat a title letter for letter: the issuer before 关于 is dropped
//! (`《关于做好…的通知》` for `绿春县人民政府办公室关于做好…的通知`), laws lose or gain
//! `中华人民共和国`, punctuation and spaces differ. [`title_keys`] gives the forms a title is
//! indexed and looked up under, [`title_match`] grades a cited title against an official one.

use serde::Serialize;

use crate::fields::normalize_title;

/// How well a cited title agrees with a document's title.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum TitleMatch {
    /// Equal once normalised ([`normalize_title`]).
    Exact,
    /// The same title with the issuer prefix or `中华人民共和国` dropped, a covering notice
    /// and the title it carries, or titles differing in a character or two.
    Close,
    /// Another title.
    Different,
}

impl TitleMatch {
    /// The stable name used in the API.
    pub fn as_str(self) -> &'static str {
        match self {
            TitleMatch::Exact => "exact",
            TitleMatch::Close => "close",
            TitleMatch::Different => "different",
        }
    }

    /// Exact or close.
    pub fn agrees(self) -> bool {
        self != TitleMatch::Different
    }
}

/// Shortest key worth indexing, in characters.
const MIN_KEY: usize = 4;

/// The normalised forms under which a title is indexed and looked up: its own names
/// ([`title_names`]), and for a covering notice (`关于印发《X》的通知`, `…转发…《X》的通知`)
/// the title X it carries, since citations name either. Keys shorter than four characters
/// are left out.
pub fn title_keys(title: &str) -> Vec<String> {
    keys_of(title, true)
}

/// The names a title is the exact title of: the whole title, the title without a leading
/// `【source】` or `中华人民共和国`, and the part from `关于` on when an issuer stands before it
/// (`反间谍法` names 中华人民共和国反间谍法; not a title a covering notice carries), however
/// short (`刑法` names 中华人民共和国刑法).
pub fn title_names(title: &str) -> Vec<String> {
    keys_of(title, false)
}

fn keys_of(title: &str, carried: bool) -> Vec<String> {
    let mut keys: Vec<String> = Vec::new();
    // A national law is named by its short name alone (刑法, 民法典): a name, though too
    // short a key to check a citation by.
    let law_name = |k: &str| !carried && k.chars().count() >= 2;
    let mut push = |k: &str| {
        if (k.chars().count() >= MIN_KEY || law_name(k)) && !keys.iter().any(|x| x == k) {
            keys.push(k.to_string());
        }
    };
    push(&normalize_title(title.trim()));
    let raw = split_source_tag(title).1;
    let norm = normalize_title(raw);
    push(&norm);
    let bare = norm.strip_prefix("中华人民共和国").unwrap_or(&norm);
    push(bare);
    // 关于 inside 《》 belongs to the carried title, not to this one.
    let outside = raw.find("关于").is_some_and(|g| raw.find('《').is_none_or(|o| g < o));
    let from_guanyu = match bare.find("关于") {
        Some(at) if at > 0 && outside => {
            push(&bare[at..]);
            &bare[at..]
        }
        _ => bare,
    };
    if !carried {
        return keys;
    }
    // A covering notice: the carried title, from 《》 or from 关于印发…的通知.
    let covering = ["印发", "转发", "发布", "公布"];
    if let (Some(open), Some(close)) = (raw.find('《'), raw.rfind('》')) {
        if open < close && covering.iter().any(|w| raw[..open].contains(w)) {
            let inner = normalize_title(&raw[open + '《'.len_utf8()..close]);
            push(inner.strip_prefix("中华人民共和国").unwrap_or(&inner));
        }
    }
    for w in covering {
        if let Some(inner) = from_guanyu
            .strip_prefix("关于")
            .and_then(|r| r.strip_prefix(w))
            .and_then(|r| r.strip_suffix("的通知"))
        {
            push(inner);
        }
    }
    keys
}

/// Grade `cited` (as a citation prints it) against `official` (a document's title): exact
/// when equal once normalised, close when they share a [`title_keys`] key or differ in a
/// character or two (lengths within two characters, bigram Dice ≥ 0.8). Mere containment is
/// not enough: `公共租赁住房管理办法` is not `长宁区区筹公共租赁住房管理办法`, nor
/// `无线电管理条例` `山东省无线电管理条例`, nor `外资企业法` its `实施细则`. Two issuers
/// named before 关于 that are not the same (`兰考县关于…` and `佛山市关于…` with the same
/// rest) make two documents.
pub fn title_match(cited: &str, official: &str) -> TitleMatch {
    // A record's title with its own number printed after it (`…的通知国发〔2010〕10号(国十条)`,
    // `…的通知（京政办发〔2019〕3号）`) is the title before it. See (QA staff pass, fourteenth
    // session): `check` called the right title of such records `different`.
    let official = without_trailing_number(official);
    let cited = without_trailing_number(cited);
    let a = normalize_title(cited);
    let b = normalize_title(official);
    if a.is_empty() || b.is_empty() {
        return TitleMatch::Different;
    }
    if a == b {
        return TitleMatch::Exact;
    }
    // A crawled record's `【source】` tag is no issuer of the title, nor part of it. See (QA
    // staff pass): `玉溪市住房公积金管理委员会关于…的通知` was `different` from its own record,
    // titled `【云南省玉溪市】关于…的通知`; (fifteenth session) a title without its 关于 was
    // `different` from such a record's, the tag counted as characters apart.
    let (untagged_a, untagged_b) = (
        normalize_title(split_source_tag(cited).1),
        normalize_title(split_source_tag(official).1),
    );
    if untagged_a.is_empty() || untagged_b.is_empty() {
        return TitleMatch::Different;
    }
    if untagged_a == untagged_b {
        return TitleMatch::Exact;
    }
    if issuers_differ(&untagged_a, &untagged_b) {
        return TitleMatch::Different;
    }
    let ka = title_keys(cited);
    let kb = title_keys(official);
    if ka.iter().any(|k| kb.contains(k)) {
        return TitleMatch::Close;
    }
    // A character or two apart, or one cut short, with the tag (the issuer it names may be
    // the cited title's) or without it.
    if near(&a, &b) || near(&untagged_a, &untagged_b) {
        return TitleMatch::Close;
    }
    TitleMatch::Different
}

/// Two normalised titles a character or two apart (lengths within two characters, bigram
/// Dice ≥ 0.8), one character apart, or one cut short of the other; never titles alike but
/// for their numbers (a year, an amendment's), which are other documents.
fn near(a: &str, b: &str) -> bool {
    numbers_of(a) == numbers_of(b)
        && (a.chars().count().abs_diff(b.chars().count()) <= 2 && dice(a, b) >= 0.8
            || one_typo(a, b)
            || truncated(a, b))
}

fn is_numeral(c: char) -> bool {
    c.is_ascii_digit() || "〇零一二三四五六七八九十百千两".contains(c)
}

/// The runs of digits and numerals of a title, in order (`2018`, `十一`).
fn numbers_of(t: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut run = String::new();
    for c in t.chars() {
        if is_numeral(c) {
            run.push(c);
        } else if !run.is_empty() {
            out.push(std::mem::take(&mut run));
        }
    }
    if !run.is_empty() {
        out.push(run);
    }
    out
}

/// Titles of six characters or more that differ in one character, neither a digit nor a
/// numeral (`生产安全事故应急X例`; not `2018年工作要点` against `2019年…`, nor 修正案（十）
/// against （八）). See (QA): a one-character slip in a cited title made it `different`.
fn one_typo(a: &str, b: &str) -> bool {
    let numeral = is_numeral;
    let (x, y): (Vec<char>, Vec<char>) = (a.chars().collect(), b.chars().collect());
    if x.len() != y.len() || x.len() < 6 {
        return false;
    }
    let mut diffs = x.iter().zip(&y).filter(|(p, q)| p != q);
    matches!((diffs.next(), diffs.next()), (Some((p, q)), None) if !numeral(*p) && !numeral(*q))
}

/// One title the start of the other, as a site cuts a long title (`…若干意见` for `…若干意见
/// 的通知`): the shorter of twelve characters or more, and at least four fifths of the longer.
/// See (QA): a crawled record's cut title made a correct citation of it `different`.
fn truncated(a: &str, b: &str) -> bool {
    let (short, long) = if a.len() <= b.len() { (a, b) } else { (b, a) };
    let (n, m) = (short.chars().count(), long.chars().count());
    n >= 12 && long.starts_with(short) && 5 * n >= 4 * m && !implements(&long[short.len()..])
}

/// Whether what a longer title adds to a shorter one makes it another instrument, the one
/// that carries the shorter out (`…企业法` and `…企业法实施条例`), not a cut. See (QA staff
/// pass): 《中华人民共和国中外合资经营企业法》 resolved to its 实施条例.
fn implements(rest: &str) -> bool {
    ["实施", "施行", "条例", "细则", "办法", "规定", "解释", "规则", "若干"]
        .iter()
        .any(|w| rest.starts_with(w))
}

/// The `【…】` tag crawled records put at the head of a title (`【云南省玉溪市】`, naming their
/// source), and the title after it; the title trimmed.
pub fn split_source_tag(title: &str) -> (Option<&str>, &str) {
    let t = title.trim();
    match t.strip_prefix('【').and_then(|rest| rest.split_once('】')) {
        Some((tag, rest)) => (Some(tag), rest),
        None => (None, t),
    }
}

/// `title` without a document number at its end, bracketed or not, and a short nickname in
/// brackets after it (`(国十条)`); the title as it is when nothing is left before the number.
fn without_trailing_number(title: &str) -> &str {
    let mut t = title.trim_end();
    // A nickname after the number: short, in brackets, no digits.
    if let Some(open) = t.rfind(['(', '（']).filter(|_| t.ends_with([')', '）'])) {
        let inner = &t[open..];
        if inner.chars().count() <= 12 && !inner.chars().any(|c| c.is_ascii_digit()) {
            let before = &t[..open];
            if crate::extract(before)
                .last()
                .is_some_and(|f| f.end == before.trim_end().len())
            {
                t = before.trim_end();
            }
        }
    }
    let Some(last) = crate::extract(t).into_iter().last() else {
        return title;
    };
    let end = last.end;
    let rest = t[end..].trim_start_matches([')', '）', ']', '］', '〕']);
    if !rest.trim().is_empty() || last.start == 0 {
        return title;
    }
    let head = t[..last.start]
        .trim_end()
        .trim_end_matches(['(', '（', '[', '［', '〔'])
        .trim_end();
    if head.chars().count() < 4 {
        return title;
    }
    head
}

/// Whether two normalised titles name different issuers before their 关于: both name one,
/// neither name holds the other (`国务院` and `国务院办公厅` may be one citation's shortening),
/// and they start differently (`绿春县政府` and `绿春县人民政府办公室` are one place).
fn issuers_differ(a: &str, b: &str) -> bool {
    let (Some(x), Some(y)) = (issuer_before_about(a), issuer_before_about(b)) else {
        return false;
    };
    let start = |s: &str| s.chars().take(2).collect::<String>();
    !x.contains(y) && !y.contains(x) && start(x) != start(y)
}

/// The issuer a title names before its 关于 (`兰考县人民政府关于…`: 兰考县人民政府), without the
/// country's name before it; `None` for a title starting at 关于 or holding none.
pub fn issuer_before_about(title: &str) -> Option<&str> {
    let t = title.strip_prefix("中华人民共和国").unwrap_or(title);
    t.find("关于").filter(|at| *at > 0).map(|at| &t[..at])
}

/// Dice coefficient of the character bigrams of two texts.
fn dice(a: &str, b: &str) -> f64 {
    let grams = |s: &str| -> Vec<(char, char)> {
        let c: Vec<char> = s.chars().collect();
        let mut g: Vec<(char, char)> = c.windows(2).map(|w| (w[0], w[1])).collect();
        g.sort_unstable();
        g
    };
    let (ga, gb) = (grams(a), grams(b));
    if ga.is_empty() || gb.is_empty() {
        return 0.0;
    }
    let (mut i, mut j, mut common) = (0, 0, 0usize);
    while i < ga.len() && j < gb.len() {
        match ga[i].cmp(&gb[j]) {
            std::cmp::Ordering::Less => i += 1,
            std::cmp::Ordering::Greater => j += 1,
            std::cmp::Ordering::Equal => {
                common += 1;
                i += 1;
                j += 1;
            }
        }
    }
    2.0 * common as f64 / (ga.len() + gb.len()) as f64
}

#[cfg(test)]
mod tests {
    use super::*;

    // See (QA staff pass, fourteenth session): a record titled with its own number after the
    // title (and a nickname) was `different` from the title cited.
    #[test]
    fn a_record_s_own_number_after_its_title_is_no_part_of_it() {
        for official in [
            "国务院关于坚决遏制部分城市房价过快上涨的通知国发〔2010〕10号(国十条)",
            "国务院关于坚决遏制部分城市房价过快上涨的通知（国发〔2010〕10号）",
            "国务院关于坚决遏制部分城市房价过快上涨的通知国发〔2010〕10号",
        ] {
            assert!(
                title_match("国务院关于坚决遏制部分城市房价过快上涨的通知", official).agrees(),
                "{official}"
            );
            assert!(
                !title_match("关于做好安全生产工作的通知", official).agrees(),
                "{official}"
            );
        }
        assert_eq!(without_trailing_number("国发〔2010〕10号"), "国发〔2010〕10号");
    }

    // See (QA staff pass, fifteenth session): a title cited without its 关于 was `different`
    // from a record titled with a 【source】 tag (19 of 94).
    #[test]
    fn a_source_tag_is_no_part_of_the_title() {
        let official = "【郑州市人民政府办公厅】关于印发郑州市储备土地综合开发实施细则(试行)等3个文件的通知";
        assert_eq!(
            title_match("印发郑州市储备土地综合开发实施细则(试行)等3个文件的通知", official),
            TitleMatch::Close
        );
        assert_eq!(
            title_match("关于印发郑州市储备土地综合开发实施细则(试行)等3个文件的通知", official),
            TitleMatch::Exact
        );
        assert_eq!(
            title_match("关于印发郑州市储备土地综合开发实施细则(试行)等4个文件的通知", official),
            TitleMatch::Different
        );
    }

    #[test]
    fn slips_and_cut_titles_are_close() {
        let close = |a: &str, b: &str| title_match(a, b) == TitleMatch::Close;
        assert!(close("生产安全事故应急X例", "生产安全事故应急条例"));
        assert!(close(
            "福州市人民政府办公厅关于印发福州市进一步促进房地产市场平稳健康发展若干意见的通知",
            "【福州市人民政府办公厅】关于印发福州市进一步促进房地产市场平稳健康发展若干意见"
        ));
        // Other years, other amendments, other laws are other documents.
        assert_eq!(
            title_match("关于做好2018年工作要点的通知", "关于做好2019年工作要点的通知"),
            TitleMatch::Different
        );
        assert_eq!(
            title_match("中华人民共和国刑法修正案（十）", "中华人民共和国刑法修正案（八）"),
            TitleMatch::Different
        );
        assert_eq!(
            title_match("中华人民共和国刑法", "中华人民共和国刑法修正案（十一）"),
            TitleMatch::Different
        );
        assert_eq!(
            title_match("中华人民共和国民事诉讼法", "中华人民共和国民事诉讼法若干问题的解释"),
            TitleMatch::Different
        );
        assert_eq!(
            title_match(
                "玉溪市住房公积金管理委员会关于调整优化住房公积金使用政策的通知",
                "【云南省玉溪市】关于调整优化住房公积金使用政策的通知"
            ),
            TitleMatch::Close
        );
        assert_eq!(
            title_match(
                "市政府办公室关于进一步促进房地产市场平稳健康发展的意见",
                "【无锡市人民政府办公室】关于进一步促进房地产市场平稳健康发展的意见"
            ),
            TitleMatch::Close
        );
        // See (QA staff pass): a law is not its implementing regulation, however long its
        // title.
        assert_eq!(
            title_match(
                "中华人民共和国中外合资经营企业法",
                "中华人民共和国中外合资经营企业法实施条例"
            ),
            TitleMatch::Different
        );
    }

    #[test]
    fn a_law_s_short_name_is_a_name_not_a_key() {
        assert_eq!(title_names("中华人民共和国刑法"), ["中华人民共和国刑法", "刑法"]);
        assert_eq!(title_names("中华人民共和国民法典"), ["中华人民共和国民法典", "民法典"]);
        // Too short to check a citation by.
        assert_eq!(title_keys("中华人民共和国刑法"), ["中华人民共和国刑法"]);
    }

    #[test]
    fn keys_drop_issuer_and_state_name() {
        assert_eq!(
            title_keys("绿春县人民政府办公室关于做好政务公开工作的通知"),
            [
                "绿春县人民政府办公室关于做好政务公开工作的通知",
                "关于做好政务公开工作的通知"
            ]
        );
        assert_eq!(
            title_keys("中华人民共和国政府信息公开条例"),
            ["中华人民共和国政府信息公开条例", "政府信息公开条例"]
        );
        assert_eq!(title_keys("关于做好政务公开工作的通知"), ["关于做好政务公开工作的通知"]);
        assert!(title_keys("通知").is_empty());
        assert_eq!(
            title_keys("上海市人民政府办公厅转发市水务局制订的《关于本市市管河道及其管理范围的规定》的通知")[1..],
            ["关于本市市管河道及其管理范围的规定"]
        );
        assert_eq!(
            title_keys("【深圳市人民政府办公厅】深圳市贯彻落实国务院文件精神的意见")[1..],
            ["深圳市贯彻落实国务院文件精神的意见"]
        );
        assert!(title_keys("关于印发深圳市贯彻落实国务院文件精神的意见的通知")
            .contains(&"深圳市贯彻落实国务院文件精神的意见".to_string()));
    }

    #[test]
    fn grades() {
        let official = "绿春县人民政府办公室关于进一步规范公文标识政府信息公开属性工作的通知";
        assert_eq!(title_match(official, official), TitleMatch::Exact);
        assert_eq!(
            title_match(
                " 绿春县人民政府办公室关于进一步规范公文标识政府信息公开属性工作的通知。",
                official
            ),
            TitleMatch::Exact
        );
        assert_eq!(
            title_match("关于进一步规范公文标识政府信息公开属性工作的通知", official),
            TitleMatch::Close
        );
        assert_eq!(
            title_match("中华人民共和国政府信息公开条例", "政府信息公开条例"),
            TitleMatch::Close
        );
        assert_eq!(
            title_match(
                "绿春县人民政府办公室关于进一步规范公文标识政府信息公开属性的通知",
                official
            ),
            TitleMatch::Close
        );
        assert_eq!(
            title_match("关于调整县政府推进职能转变协调小组成员有关事项的通知", official),
            TitleMatch::Different
        );
        assert_eq!(title_match("", official), TitleMatch::Different);
        assert_eq!(
            title_match("公共租赁住房管理办法", "《长宁区区筹公共租赁住房管理办法》"),
            TitleMatch::Different
        );
    }

    // See (QA): national regulations resolved to provincial ones (《无线电管理条例》 to
    // 山东省无线电管理条例), a law to its implementing rules, and one county's measures to
    // another city's of the same wording; cited-by lists gathered citations from all over.
    #[test]
    fn another_place_or_a_longer_title_is_another_document() {
        for (cited, official) in [
            ("无线电管理条例", "山东省无线电管理条例"),
            ("中华人民共和国外资企业法", "中华人民共和国外资企业法实施细则"),
            ("城市房屋拆迁管理条例", "河南省城市房屋拆迁管理条例"),
            (
                "兰考县关于进一步促进房地产市场平稳健康发展的若干措施",
                "佛山市关于进一步促进房地产市场平稳健康发展的若干措施",
            ),
        ] {
            assert_eq!(
                title_match(cited, official),
                TitleMatch::Different,
                "{cited} / {official}"
            );
        }
        // One place named two ways, or its office for it, is still close.
        assert_eq!(
            title_match(
                "绿春县政府关于进一步规范公文标识政府信息公开属性工作的通知",
                "绿春县人民政府办公室关于进一步规范公文标识政府信息公开属性工作的通知"
            ),
            TitleMatch::Close
        );
        assert_eq!(
            title_match(
                "国务院关于加强数字政府建设的指导意见",
                "国务院办公厅关于加强数字政府建设的指导意见"
            ),
            TitleMatch::Close
        );
    }
}
