//! Status and succession as the text states it: what a document repeals (`…同时废止`,
//! `…予以废止`, `原《X》…废止`, `下列文件废止：` and a list), what it amends (`关于修改《X》的
//! 决定`, `对《X》作如下修改`), and, for an interpretation, which policy it explains.
//!
//! The text is cut into clauses (at `。；，` and line breaks); a trigger word counts only
//! outside 《》, so `根据《国务院关于废止部分规章的决定》修订` repeals nothing. A repeal takes
//! the references of its own clause, else of the clause before it in the same sentence; a
//! clause ending in `废止：` takes the list lines that follow.

use gongwen_schema::{extract, normalize_title, DocNumber, FoundNumber, Reference};

use crate::refs;

/// What a text repeals and amends.
#[derive(Debug, Default, PartialEq)]
pub(crate) struct Succession {
    pub repeals: Vec<Reference>,
    pub amends: Vec<Reference>,
}

const REPEAL: &[&str] = &[
    "同时废止",
    "予以废止",
    "一并废止",
    "即行废止",
    "决定废止",
    "废止下列",
    "停止执行",
    "不再执行",
];

/// A clause: byte range in the text, and whether it ends a sentence.
struct Clause {
    start: usize,
    end: usize,
    sentence_end: bool,
}

/// Cut `text` into clauses: at every line break, and at `。；;，,` outside 《》. A byte scan
/// (the bytes that matter are ASCII or the lead bytes of CJK punctuation, which never occur
/// inside another character): the bodies that need it are the long ones, and a walk over
/// their characters was most of the time spent reading repeals.
fn clauses(text: &str) -> Vec<Clause> {
    let b = text.as_bytes();
    let mut out = Vec::new();
    let mut start = 0;
    let mut depth = 0i32;
    let mut i = 0;
    while i < b.len() {
        // (end of the character, whether it cuts, whether the cut ends a sentence)
        let (next, cut, sentence_end) = match b[i] {
            b'\n' => (i + 1, true, true),
            b';' => (i + 1, depth == 0, true),
            b',' => (i + 1, depth == 0, false),
            0xE3 if b.get(i + 1) == Some(&0x80) => match b.get(i + 2) {
                Some(0x8A) => {
                    depth += 1; // 《
                    (i + 3, false, false)
                }
                Some(0x8B) => {
                    depth = (depth - 1).max(0); // 》
                    (i + 3, false, false)
                }
                Some(0x82) => (i + 3, depth == 0, true), // 。
                _ => (i + 1, false, false),
            },
            0xEF if b.get(i + 1) == Some(&0xBC) => match b.get(i + 2) {
                Some(0x9B) => (i + 3, depth == 0, true),  // ；
                Some(0x8C) => (i + 3, depth == 0, false), // ，
                _ => (i + 1, false, false),
            },
            _ => (i + 1, false, false),
        };
        if cut {
            out.push(Clause {
                start,
                end: i,
                sentence_end,
            });
            start = next;
        }
        i = next;
    }
    if start < text.len() {
        out.push(Clause {
            start,
            end: text.len(),
            sentence_end: true,
        });
    }
    out
}

/// The text with every 《…》 blanked (same byte length, so offsets hold): the marks become
/// `\u{3000}`, what is between them spaces of the same UTF-8 width. Text outside the marks is
/// copied whole, found with a fast search for the marks.
fn outside_titles(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut depth = 0i32;
    let mut pos = 0;
    let (mut open, mut close) = (text.find('《'), text.find('》'));
    loop {
        let mark = match (open, close) {
            (Some(o), Some(c)) => Some(o.min(c)),
            (o, c) => o.or(c),
        };
        let end = mark.unwrap_or(text.len());
        if depth == 0 {
            out.push_str(&text[pos..end]);
        } else {
            for c in text[pos..end].chars() {
                out.push(match c.len_utf8() {
                    1 => ' ',
                    2 => '\u{a0}',
                    3 => '\u{3000}',
                    _ => '\u{10000}',
                });
            }
        }
        let Some(m) = mark else { break };
        out.push('\u{3000}');
        pos = m + '《'.len_utf8();
        if open == Some(m) {
            depth += 1;
            open = text[pos..].find('《').map(|i| pos + i);
        } else {
            depth = (depth - 1).max(0);
            close = text[pos..].find('》').map(|i| pos + i);
        }
    }
    out
}

fn refs_in(text: &str, own: &[DocNumber]) -> Vec<Reference> {
    refs::references(text, own, "")
}

fn list_item(line: &str) -> bool {
    let l = line.trim_start();
    l.starts_with('《')
        || l.chars()
            .next()
            .is_some_and(|c| c.is_ascii_digit() || "一二三四五六七八九十（(".contains(c))
}

/// Read repeals and amendments from a title and body; `numbers` are the body's numbers, as
/// [`extract`] finds them (the reader has them already).
pub(crate) fn succession(title: &str, body: &str, own: &[DocNumber], numbers: &[FoundNumber]) -> Succession {
    let mut s = Succession::default();
    // Every trigger below contains one of these: a body with none of them (most) is not
    // cut into clauses at all.
    let triggers = ["废止", "停止执行", "不再执行", "修改", "修订", "修正"];
    let (masked, cl) = if triggers.iter().any(|t| body.contains(t)) {
        (outside_titles(body), clauses(body))
    } else {
        (String::new(), Vec::new())
    };
    for (k, c) in cl.iter().enumerate() {
        let plain = &masked[c.start..c.end];
        // Every trigger holds 废, 执 or 修: a clause with none of them outside 《》 (most
        // clauses of a body that has a trigger somewhere) is passed over without the eleven
        // searches below.
        if !(plain.contains('废') || plain.contains('执') || plain.contains('修')) {
            continue;
        }
        let text = &body[c.start..c.end];
        if REPEAL.iter().any(|t| plain.contains(t)) || plain.trim_end().ends_with("废止") {
            let trimmed = plain.trim_end();
            if trimmed.ends_with("废止：") || trimmed.ends_with("废止:") || plain.contains("废止下列") {
                // A list follows, one item a line.
                let mut found = refs_in(text, own);
                for next in cl[k + 1..].iter().take(200) {
                    let line = &body[next.start..next.end];
                    if line.trim().is_empty() {
                        continue;
                    }
                    if !list_item(line) {
                        break;
                    }
                    found.extend(refs_in(line, own));
                }
                s.repeals.extend(found);
                continue;
            }
            if partial_repeal(plain) {
                continue;
            }
            let mut found = refs_in(text, own);
            if found.is_empty() && k > 0 && !cl[k - 1].sentence_end {
                if partial_repeal(&masked[cl[k - 1].start..cl[k - 1].end]) {
                    continue;
                }
                // A history, not an act: `修订前的《X》（自1998年11月29日起施行，2017年10月1日
                // 废止，…）`. See (QA staff pass, fourteenth session): the 2017 regulation in
                // force read repealed by an opinion describing its earlier text.
                let before = &masked[cl[k - 1].start..cl[k - 1].end];
                let dated = trimmed.ends_with("日废止") && !trimmed.contains('起') && !trimmed.contains("同时");
                if dated || ["修订前", "修改前", "修正前"].iter().any(|w| before.contains(w)) {
                    continue;
                }
                found = refs_in(&body[cl[k - 1].start..cl[k - 1].end], own);
            }
            s.repeals.extend(found);
        }
        // 对《X》作如下修改 / 对《X》进行修订 / 将《X》…修改为
        let amend = ["修改", "修订", "修正"].iter().any(|w| plain.contains(w));
        // Not a proposal (`提出对《X》的修订建议`) nor a charge renamed (`将《刑法》第…条…的罪名
        // 由…修改为…`). See (QA staff pass, fourteenth session).
        if amend
            && (text.contains("对《") || text.contains("将《"))
            && !["根据", "建议", "罪名"].iter().any(|w| plain.contains(w))
        {
            s.amends.extend(refs_in(text, own));
        }
    }
    if s.repeals.is_empty() {
        s.repeals = repeals_by_title(title, body, own);
    }
    // 关于修改《X》的决定, 修订《X》的决定.
    for w in ["修改《", "修订《", "修正《"] {
        if let Some(at) = title.find(w) {
            let from = at + w.len() - '《'.len_utf8();
            s.amends.extend(refs_in(&title[from..], own));
        }
    }
    // The body usually repeats the amended title with its number: prefer that reference.
    let mut body_refs: Option<Vec<Reference>> = None;
    for list in [&mut s.repeals, &mut s.amends] {
        for r in list.iter_mut() {
            if r.number.is_none() {
                let body_refs = body_refs.get_or_insert_with(|| refs::references_among(body, numbers, own, ""));
                if let Some(t) = r.title.as_deref().map(normalize_title) {
                    if let Some(b) = body_refs
                        .iter()
                        .find(|b| b.number.is_some() && b.title.as_deref().map(normalize_title).as_deref() == Some(&t))
                    {
                        r.number = b.number.clone();
                    }
                }
            }
        }
        let mut seen: Vec<Reference> = Vec::new();
        list.retain(|r| {
            if seen.contains(r) {
                false
            } else {
                seen.push(r.clone());
                true
            }
        });
    }
    s
}

/// A clause that repeals part of a document (`《X》第五条同时废止`, `《X》中涉及《Y》的…条款，同
/// 时废止`): the documents it names stay in force. See (QA staff pass): 上海市市容环境卫生管理
/// 条例 read repealed by a list that repealed the clauses of another list citing it.
fn partial_repeal(plain: &str) -> bool {
    if [
        "条款",
        "中涉及",
        "有关条款",
        "相关条款",
        "部分条款",
        "的规定",
        "中有关",
        "中对",
        "中关于",
    ]
    .iter()
    .any(|w| plain.contains(w))
    {
        return true;
    }
    // 第五条, 第十二条, 第3条 (an article named outside 《》).
    let chars: Vec<char> = plain.chars().collect();
    chars.iter().enumerate().any(|(i, &c)| {
        c == '第' && {
            let n = chars[i + 1..]
                .iter()
                .take_while(|c| c.is_ascii_digit() || "一二三四五六七八九十百零〇".contains(**c))
                .count();
            n > 0 && matches!(chars.get(i + 1 + n), Some('条' | '款' | '项'))
        }
    })
}

/// A document titled as a repeal (`关于废止《X》的决定`, `关于废止一批房地产政策文件的通知`)
/// whose body states none in words the clauses above read: what its title names after 废止,
/// else the references of its body, less those cited as a basis (`根据《…》`) or kept
/// (`保留`, `继续有效`). A title that also keeps or amends (`关于公布继续有效和废止的…目录`,
/// `关于修改和废止…的决定`) says nothing of which is which: nothing is read from it. See (QA
/// staff pass): `昆明市人民政府办公室关于废止一批房地产政策文件的通知`, whose text lists the
/// three notices and stops, repealed none.
fn repeals_by_title(title: &str, body: &str, own: &[DocNumber]) -> Vec<Reference> {
    let plain = outside_titles(title);
    let Some(at) = plain.find("废止") else {
        return Vec::new();
    };
    let mixed = [
        "保留",
        "继续有效",
        "继续执行",
        "修改",
        "修订",
        "修正",
        "不予废止",
        "暂不废止",
        "拟废止",
        "征求意见",
    ];
    if mixed.iter().any(|w| plain.contains(w)) {
        return Vec::new();
    }
    let named = refs_in(&title[at..], own);
    if !named.is_empty() {
        return named;
    }
    let masked = outside_titles(body);
    let basis = [
        "根据",
        "依据",
        "按照",
        "参照",
        "依照",
        "保留",
        "继续有效",
        "继续执行",
        "另行",
        "不予废止",
    ];
    clauses(body)
        .iter()
        .filter(|c| !basis.iter().any(|w| masked[c.start..c.end].contains(w)))
        .flat_map(|c| refs_in(&body[c.start..c.end], own))
        .filter(|r| r.number.is_some() || r.title.is_some())
        .collect()
}

const INTERP_SUFFIXES: &[&str] = &["及答记者问", "答记者问", "的政策解读", "政策解读", "的解读", "解读"];

/// For an interpretation: the canonical number, else the normalised title, of the policy it
/// explains, read from the title (a number, a 《title》, `关于…的解读`), else from the first
/// reference of the body.
pub(crate) fn interprets(title: &str, body: &str, own: &[DocNumber]) -> Option<String> {
    if let Some(f) = extract(title).into_iter().find(|f| !own.contains(&f.number)) {
        return Some(f.number.canonical());
    }
    let body_refs = refs::references(body, own, title);
    let with_number = |t: &str| {
        let t = normalize_title(t);
        body_refs
            .iter()
            .find(|r| r.title.as_deref().map(normalize_title).as_deref() == Some(&t))
            .and_then(|r| r.number.as_ref())
            .map(DocNumber::canonical)
    };
    if let Some(t) = refs::references(title, own, "").iter().find_map(|r| r.title.clone()) {
        return with_number(&t).or_else(|| Some(normalize_title(&t)));
    }
    let mut t = title.trim();
    if let Some(end) = t.strip_prefix('【').and_then(|r| r.find('】')) {
        t = &t['【'.len_utf8() + end + '】'.len_utf8()..];
    }
    if let Some(stem) = INTERP_SUFFIXES.iter().find_map(|s| t.strip_suffix(s)) {
        let stem = stem.replacen("关于对", "关于", 1);
        if stem.starts_with("关于") && normalize_title(&stem).chars().count() >= 6 {
            return with_number(&stem).or_else(|| Some(normalize_title(&stem)));
        }
    }
    body_refs
        .iter()
        .find(|r| r.title.is_some())
        .or_else(|| body_refs.first())
        .and_then(|r| {
            r.number
                .as_ref()
                .map(DocNumber::canonical)
                .or_else(|| r.title.as_deref().map(normalize_title))
        })
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn succession_of(title: &str, body: &str, own: &[DocNumber]) -> Succession {
        succession(title, body, own, &extract(body))
    }

    /// The character walks `clauses` and `outside_titles` replaced, kept as their reference.
    fn clauses_by_chars(text: &str) -> Vec<(usize, usize, bool)> {
        let mut out = Vec::new();
        let mut start = 0;
        let mut depth = 0i32;
        for (i, c) in text.char_indices() {
            match c {
                '《' => depth += 1,
                '》' => depth = (depth - 1).max(0),
                _ => {}
            }
            if c == '\n' || (depth == 0 && matches!(c, '。' | '；' | ';' | '，' | ',')) {
                out.push((start, i, c != '，' && c != ','));
                start = i + c.len_utf8();
            }
        }
        if start < text.len() {
            out.push((start, text.len(), true));
        }
        out
    }

    fn outside_titles_by_chars(text: &str) -> String {
        let mut depth = 0i32;
        text.chars()
            .map(|c| match c {
                '《' | '》' => {
                    depth = if c == '《' { depth + 1 } else { (depth - 1).max(0) };
                    '\u{3000}'
                }
                _ if depth > 0 => match c.len_utf8() {
                    1 => ' ',
                    2 => '\u{a0}',
                    3 => '\u{3000}',
                    _ => '\u{10000}',
                },
                _ => c,
            })
            .collect()
    }

    fn piece() -> impl Strategy<Value = String> {
        prop_oneof![
            Just("《".to_string()),
            Just("》".to_string()),
            Just("。".to_string()),
            Just("；".to_string()),
            Just("，".to_string()),
            Just(";".to_string()),
            Just(",".to_string()),
            Just("\n".to_string()),
            Just("、".to_string()),
            Just("〈".to_string()),
            Just("废止".to_string()),
            Just("é".to_string()),
            Just("😀".to_string()),
            Just("ｌ".to_string()),
            "[a-z 0-9]{0,3}",
            "[\u{3000}-\u{303f}\u{ff00}-\u{ff20}\u{4e00}-\u{4e20}]{0,3}",
        ]
    }

    proptest! {
        #[test]
        fn byte_scans_cut_and_blank_as_the_character_walks(parts in proptest::collection::vec(piece(), 0..40)) {
            let text = parts.concat();
            let fast: Vec<(usize, usize, bool)> =
                clauses(&text).iter().map(|c| (c.start, c.end, c.sentence_end)).collect();
            prop_assert_eq!(fast, clauses_by_chars(&text));
            let masked = outside_titles(&text);
            prop_assert_eq!(masked.len(), text.len());
            prop_assert_eq!(masked, outside_titles_by_chars(&text));
        }
    }

    fn shown(refs: &[Reference]) -> Vec<String> {
        refs.iter()
            .map(|r| {
                format!(
                    "{}|{}",
                    r.title.as_deref().unwrap_or(""),
                    r.number.as_ref().map(DocNumber::canonical).unwrap_or_default()
                )
            })
            .collect()
    }

    #[test]
    fn repeals_in_the_same_sentence() {
        let body = "根据《中华人民共和国行政许可法》，制定本办法。\n本办法自2019年1月1日起施行，《上海市住房公积金管理办法》（沪府发〔2005〕12号）同时废止。";
        let s = succession_of("上海市住房公积金管理办法", body, &[]);
        assert_eq!(shown(&s.repeals), ["上海市住房公积金管理办法|沪府发〔2005〕12号"]);
        assert!(s.amends.is_empty());
        let s = succession_of("t", "原《关于做好住房工作的通知》（沪房〔2010〕3号）予以废止。", &[]);
        assert_eq!(shown(&s.repeals), ["关于做好住房工作的通知|沪房〔2010〕3号"]);
    }

    #[test]
    fn a_repeal_inside_a_title_is_not_one() {
        let body =
            "（2011年1月8日根据《国务院关于废止和修改部分行政法规的决定》修订）\n第一条 为了规范管理，制定本条例。";
        let s = succession_of("某条例", body, &[]);
        assert!(s.repeals.is_empty(), "{:?}", s.repeals);
        assert!(s.amends.is_empty(), "{:?}", s.amends);
    }

    // See (QA staff pass, fourteenth session): a request for proposals and a charge renamed
    // read as amendments of the documents they name.
    #[test]
    fn a_proposal_or_a_charge_renamed_amends_nothing() {
        for body in [
            "请财政部提出对《国有资产评估管理办法》的修订建议。",
            "将《中华人民共和国刑法》第一百六十九条之一规定的罪名由“背信损害上市公司利益罪”修改为“背信损害上市公司、挂牌公司利益罪”。",
        ] {
            let s = succession("关于某事的通知", body, &[], &extract(body));
            assert!(s.amends.is_empty(), "{body}: {:?}", s.amends);
        }
        let body = "对《上海市住房公积金管理办法》作如下修改：";
        assert_eq!(succession("决定", body, &[], &extract(body)).amends.len(), 1);
    }

    #[test]
    fn a_partial_repeal_repeals_no_document() {
        for body in [
            "本表实施后，《城市管理轻微违法违规行为免罚清单》（沪城管规〔2020〕1号）中涉及《上海市市容环境卫生管理条例》的不予行政处罚条款，同时废止。",
            "《上海市住房公积金管理办法》（沪府发〔2005〕12号）第五条、第六条同时废止。",
            // See (QA staff pass, fourteenth session): a stop of a part, and a history.
            "停止执行《关于进一步加强房地产市场调控的通知》(绍政办发〔2011〕59号)中对非绍兴市户籍居民家庭限制购房的政策。",
            "修订前的《建设项目环境保护管理条例》（自1998年11月29日起施行，2017年10月1日废止，以下简称旧条例）规定了审批程序。",
        ] {
            let s = succession("关于印发清单的通知", body, &[], &extract(body));
            assert!(s.repeals.is_empty(), "{body}: {:?}", s.repeals);
        }
        let body = "本办法自2019年3月1日起施行。《上海市住房公积金管理办法》（沪府发〔2005〕12号）同时废止。";
        assert_eq!(succession("办法", body, &[], &extract(body)).repeals.len(), 1);
    }

    #[test]
    fn a_title_that_repeals_names_what_its_text_lists() {
        let title = "昆明市人民政府办公室关于废止一批房地产政策文件的通知";
        let body = "《昆明市人民政府办公厅关于促进房地产市场平稳健康发展的通知》(昆政办〔2017〕136号)、《昆明市人民政府办公厅关于进一步稳定商品住房市场有关问题的通知》(昆政办〔2018〕84号)2个文件存在已被新规定涵盖等情况";
        let s = succession(title, body, &[], &extract(body));
        assert_eq!(s.repeals.len(), 2, "{:?}", s.repeals);
        // Its basis is not repealed, nor what it keeps.
        let body = "根据《规章制定程序条例》（国务院令第321号），经清理，《关于做好住房工作的通知》（沪房〔2010〕3号）不再适用。《关于加强物业管理的通知》（沪房〔2011〕5号）继续有效。";
        let s = succession("关于废止部分规范性文件的决定", body, &[], &extract(body));
        assert_eq!(shown(&s.repeals), ["关于做好住房工作的通知|沪房〔2010〕3号"]);
        // What the title names after 废止.
        let s = succession("国务院关于废止《城市房屋拆迁管理条例》的决定", "现决定废止。", &[], &[]);
        assert_eq!(s.repeals.len(), 1, "{:?}", s.repeals);
        // A title that also keeps or amends says nothing of which is which.
        let body = "《关于做好住房工作的通知》（沪房〔2010〕3号）";
        for t in [
            "关于公布继续有效和废止的规范性文件目录的通知",
            "关于修改和废止部分规章的决定",
        ] {
            assert!(succession(t, body, &[], &extract(body)).repeals.is_empty(), "{t}");
        }
    }

    #[test]
    fn repeal_lists() {
        let body = "决定废止下列规章：\n1.《城市房屋拆迁管理办法》（建设部令第78号）\n2.《住宅室内装饰装修管理办法》\n本决定自公布之日起施行。";
        let s = succession_of("关于废止部分规章的决定", body, &[]);
        assert_eq!(
            shown(&s.repeals),
            ["城市房屋拆迁管理办法|建设部令第78号", "住宅室内装饰装修管理办法|"]
        );
    }

    #[test]
    fn amendments() {
        let s = succession_of(
            "国务院关于修改《中华人民共和国专利法实施细则》的决定",
            "国务院决定对《中华人民共和国专利法实施细则》作如下修改：\n一、将第十条修改为……",
            &[],
        );
        assert_eq!(shown(&s.amends), ["中华人民共和国专利法实施细则|"]);
    }

    #[test]
    fn what_an_interpretation_explains() {
        assert_eq!(
            interprets(
                "中国人民银行关于完善商业性个人住房贷款利率定价机制的公告(中国人民银行公告〔2024〕第11号)及答记者问",
                "",
                &[]
            ),
            Some("中国人民银行公告〔2024〕11号".into())
        );
        assert_eq!(
            interprets(
                "《关于进一步做好稳就业工作的意见》政策解读",
                "近日印发了《关于进一步做好稳就业工作的意见》（国发〔2019〕28号）。",
                &[]
            ),
            Some("国发〔2019〕28号".into())
        );
        assert_eq!(
            interprets(
                "【河南省安阳县】关于对促进房地产市场平稳健康发展的实施意见的政策解读",
                "",
                &[]
            ),
            Some("关于促进房地产市场平稳健康发展的实施意见".into())
        );
        assert_eq!(interprets("国新办新闻发布会", "介绍情况。", &[]), None);
    }
}
