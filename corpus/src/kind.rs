//! The kind of a document, guessed from its title when the source does not say.

use gongwen_schema::Kind;

/// Guess the kind from the genre word a title ends with, as `gov_docs.jsonl` does: the genre
/// word that comes last decides, so `关于印发《…办法》的通知` is a notice. A trailing
/// parenthesis (`（试行）`, `（2016—2020年）`) is skipped.
pub fn kind_from_title(title: &str) -> Kind {
    // Read as simplified characters (`…的意見` is an opinion). See (QA ingest pass, fourteenth
    // session): a title in traditional characters was of kind `other`.
    let mut t: String = gongwen_schema::hanzi::simplify(title)
        .chars()
        .filter(|c| !c.is_whitespace())
        .collect();
    // Drop trailing parentheticals: （试行）, (征求意见稿), （2018—2035年）.
    while let Some(open) = t.ends_with(['）', ')']).then(|| t.rfind(['（', '('])).flatten() {
        if open == 0 {
            break;
        }
        t.truncate(open);
    }
    let t = t.trim_end_matches(['》', '”', '"', '」']);
    const INTERPRETATION: &[&str] = &["解读", "答记者问", "问答"];
    const JUDICIAL: &[&str] = &["司法解释"];
    const NOTICE: &[&str] = &[
        "通知", "通告", "公告", "复函", "函", "批复", "决定", "答复", "命令", "令",
    ];
    const POLICY: &[&str] = &[
        "意见", "办法", "措施", "方案", "细则", "规划", "纲要", "规则", "规程", "指引", "指南", "举措", "计划", "要点",
        "标准", "制度",
    ];
    const REGULATION: &[&str] = &["条例", "规定"];
    const REPORT: &[&str] = &["报告", "工作报告"];
    let ends = |words: &[&str]| words.iter().any(|w| t.ends_with(w));
    // A national law (`中华人民共和国城乡规划法`, `…民法典`, `…刑法修正案（十一）`, its
    // brackets cut above). See (QA): such pages were `other`.
    let national = t.strip_prefix("中华人民共和国").is_some_and(|r| r.chars().count() >= 2);
    if national && (t.ends_with('法') || t.ends_with("法典") || t.ends_with("修正案")) && !t.ends_with("办法") {
        return Kind::Law;
    }
    if ends(INTERPRETATION) {
        Kind::Interpretation
    } else if ends(JUDICIAL) {
        Kind::JudicialInterpretation
    } else if ends(NOTICE) {
        Kind::Notice
    } else if ends(POLICY) {
        Kind::Policy
    } else if ends(REGULATION) {
        Kind::Regulation
    } else if ends(REPORT) {
        Kind::Report
    } else {
        Kind::Other
    }
}

/// The kind a record's `kind` field names: one of the stable names (`notice`,
/// `policy_interpretation`), or a word sites use (`通知`, `法律`, `行政法规`, `政策解读`, `其他`).
/// `None` for a value not understood: the title decides then. See (QA ingest pass, sixteenth
/// session): `"kind": "regulaton"` was made `other` without a word, and a law with it.
pub fn kind_named(value: &str) -> Option<Kind> {
    let v = value.trim();
    let name = v.to_ascii_lowercase().replace(['-', ' '], "_");
    if let Some(k) = Kind::from_name(&name) {
        return Some(k);
    }
    match name.as_str() {
        "policy_interpretation" => return Some(Kind::Interpretation),
        "gazette_article" => return Some(Kind::Gazette),
        _ => {}
    }
    let v = gongwen_schema::hanzi::simplify(v);
    match &*v {
        "法律" | "法" | "宪法" => Some(Kind::Law),
        "法规" | "行政法规" | "地方性法规" | "规章" | "部门规章" | "地方政府规章" | "政府规章" => {
            Some(Kind::Regulation)
        }
        "政策文件" | "规范性文件" | "政策" => Some(Kind::Policy),
        "公报" | "政府公报" => Some(Kind::Gazette),
        "其他" | "其它" => Some(Kind::Other),
        _ => Some(kind_from_title(&v)).filter(|k| *k != Kind::Other),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_kind_field_is_a_name_or_a_word_sites_use() {
        assert_eq!(kind_named("notice"), Some(Kind::Notice));
        assert_eq!(
            kind_named(" Judicial-Interpretation "),
            Some(Kind::JudicialInterpretation)
        );
        assert_eq!(kind_named("policy_interpretation"), Some(Kind::Interpretation));
        assert_eq!(kind_named("通知"), Some(Kind::Notice));
        assert_eq!(kind_named("行政法规"), Some(Kind::Regulation));
        assert_eq!(kind_named("法律"), Some(Kind::Law));
        assert_eq!(kind_named("政策解读"), Some(Kind::Interpretation));
        assert_eq!(kind_named("司法解释"), Some(Kind::JudicialInterpretation));
        assert_eq!(kind_named("其他"), Some(Kind::Other));
        assert_eq!(kind_named("other"), Some(Kind::Other));
        // Not understood: the title decides.
        assert_eq!(kind_named("regulaton"), None);
        assert_eq!(kind_named("foo"), None);
        assert_eq!(kind_named(""), None);
    }

    #[test]
    fn last_genre_word_decides() {
        assert_eq!(kind_from_title("国务院关于印发《国务院工作规则》的通知"), Kind::Notice);
        assert_eq!(
            kind_from_title("国务院办公厅关于加强煤炭行业管理有关问题的意见"),
            Kind::Policy
        );
        assert_eq!(
            kind_from_title("福州新区龙头企业人才购房保障政策实施细则（试行）"),
            Kind::Policy
        );
        assert_eq!(
            kind_from_title("国务院关于全国矿产资源规划（2016—2020年）的批复"),
            Kind::Notice
        );
        assert_eq!(
            kind_from_title("国务院批转全国煤矸石、石煤综合利用经验交流会议纪要"),
            Kind::Other
        );
        assert_eq!(
            kind_from_title("国务院关于保护国营矿业企业正常生产的决定"),
            Kind::Notice
        );
        assert_eq!(kind_from_title("上海市红十字会条例"), Kind::Regulation);
        assert_eq!(kind_from_title("中华人民共和国城乡规划法"), Kind::Law);
        assert_eq!(kind_from_title("中华人民共和国民法典"), Kind::Law);
        assert_eq!(kind_from_title("中华人民共和国刑法修正案（十一）"), Kind::Law);
        assert_eq!(kind_from_title("中华人民共和国政府信息公开条例"), Kind::Regulation);
        assert_eq!(kind_from_title("中华人民共和国海关行政处罚实施办法"), Kind::Policy);
        assert_eq!(
            kind_from_title("某省实施《中华人民共和国城乡规划法》办法"),
            Kind::Policy
        );
        assert_eq!(kind_from_title(""), Kind::Other);
        assert_eq!(kind_from_title("（）"), Kind::Other);
    }

    // See (QA ingest pass, fourteenth session): titles in traditional characters were of kind
    // `other` (and a title wrapped over two lines was cut at its first, as its kind decides).
    #[test]
    fn traditional_titles_have_their_kind() {
        assert_eq!(kind_from_title("國務院關於推行部門聯合監管的意見"), Kind::Policy);
        assert_eq!(kind_from_title("關於做好安全生產工作的通知"), Kind::Notice);
    }
}
