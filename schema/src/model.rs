//! The document model: what gongwen knows about one government document.

use std::fmt;

use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};

use crate::docnum::DocNumber;

/// What kind of document this is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, Default, PartialOrd, Ord)]
#[serde(rename_all = "snake_case")]
pub enum Kind {
    /// 意见, 办法, 措施, 方案, 细则 and the like.
    Policy,
    /// 通知, 通告, 公告, 函, 批复, 决定.
    Notice,
    /// Administrative regulations, departmental and local rules.
    Regulation,
    /// Laws of the NPC and its standing committee.
    Law,
    /// Judicial interpretations of the SPC and SPP.
    JudicialInterpretation,
    /// Policy interpretations (政策解读, 答记者问).
    #[serde(alias = "policy_interpretation")]
    Interpretation,
    /// An article of a government gazette (政府公报).
    #[serde(alias = "gazette_article")]
    Gazette,
    /// Work reports and similar.
    Report,
    /// Anything else.
    #[default]
    #[serde(other)]
    Other,
}

impl Kind {
    /// Every kind, in display order.
    pub const ALL: [Kind; 9] = [
        Kind::Policy,
        Kind::Notice,
        Kind::Regulation,
        Kind::Law,
        Kind::JudicialInterpretation,
        Kind::Interpretation,
        Kind::Gazette,
        Kind::Report,
        Kind::Other,
    ];

    /// The stable name used in the index, the API and the CLI.
    pub fn as_str(self) -> &'static str {
        match self {
            Kind::Policy => "policy",
            Kind::Notice => "notice",
            Kind::Regulation => "regulation",
            Kind::Law => "law",
            Kind::JudicialInterpretation => "judicial_interpretation",
            Kind::Interpretation => "interpretation",
            Kind::Gazette => "gazette",
            Kind::Report => "report",
            Kind::Other => "other",
        }
    }

    /// Parse a stable name.
    pub fn from_name(s: &str) -> Option<Kind> {
        Kind::ALL.into_iter().find(|k| k.as_str() == s)
    }
}

/// Whether a document is in force.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, Default, PartialOrd, Ord)]
#[serde(rename_all = "snake_case")]
pub enum Status {
    /// 现行有效.
    InForce,
    /// Amended by a later document (修订, 修正).
    Amended,
    /// Repealed (废止).
    Repealed,
    /// Expired (失效, 有效期届满).
    Expired,
    /// Not known.
    #[default]
    Unknown,
}

impl Status {
    /// Every status.
    pub const ALL: [Status; 5] = [
        Status::InForce,
        Status::Amended,
        Status::Repealed,
        Status::Expired,
        Status::Unknown,
    ];

    /// The stable name used in the index, the API and the CLI.
    pub fn as_str(self) -> &'static str {
        match self {
            Status::InForce => "in_force",
            Status::Amended => "amended",
            Status::Repealed => "repealed",
            Status::Expired => "expired",
            Status::Unknown => "unknown",
        }
    }

    /// Parse a stable name or a status as sources print it (`现行有效`, `废止`, `失效`, `有效`,
    /// `试行`, `issued`, `historical`, …). Unknown words give `None`.
    pub fn from_label(s: &str) -> Option<Status> {
        let s = s.trim();
        if let Some(st) = Status::ALL.into_iter().find(|k| k.as_str() == s) {
            return Some(st);
        }
        Some(match s {
            "现行有效" | "现行" | "有效" | "生效" | "试行" | "issued" | "in force" | "尚未生效" => {
                Status::InForce
            }
            "已修改" | "已修订" | "已修正" | "修订" | "修正" => Status::Amended,
            "废止" | "已废止" | "废止或失效" | "repealed" => Status::Repealed,
            "失效" | "已失效" | "无效" | "historical" | "expired" => Status::Expired,
            "consultation" | "未知" => Status::Unknown,
            _ => return None,
        })
    }
}

/// Whether a document may be shown to the public (政府信息公开条例: 主动公开, 依申请公开, 不予公开).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, Default)]
#[serde(rename_all = "snake_case")]
pub enum Disclosure {
    /// 主动公开: published proactively; the only kind the public API serves.
    #[default]
    #[serde(alias = "主动公开")]
    Public,
    /// 依申请公开: disclosed on request only.
    #[serde(alias = "依申请公开")]
    OnRequest,
    /// 不予公开: not to be disclosed.
    #[serde(alias = "不予公开")]
    NotPublic,
}

impl Disclosure {
    /// The stable name.
    pub fn as_str(self) -> &'static str {
        match self {
            Disclosure::Public => "public",
            Disclosure::OnRequest => "on_request",
            Disclosure::NotPublic => "not_public",
        }
    }

    /// Parse a stable name or the Chinese label.
    pub fn from_label(s: &str) -> Option<Disclosure> {
        Some(match s.trim() {
            "public" | "主动公开" => Disclosure::Public,
            "on_request" | "依申请公开" => Disclosure::OnRequest,
            "not_public" | "不予公开" => Disclosure::NotPublic,
            _ => return None,
        })
    }
}

/// A calendar date (no time zone: documents carry days).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Date {
    /// Year.
    pub year: u16,
    /// Month, 1-12.
    pub month: u8,
    /// Day, 1-31.
    pub day: u8,
}

impl Date {
    /// A checked date.
    pub fn new(year: u16, month: u8, day: u8) -> Option<Date> {
        let leap = (year.is_multiple_of(4) && !year.is_multiple_of(100)) || year.is_multiple_of(400);
        let days = match month {
            1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
            4 | 6 | 9 | 11 => 30,
            2 if leap => 29,
            2 => 28,
            _ => return None,
        };
        ((1..=days).contains(&day) && (1000..=2999).contains(&year)).then_some(Date { year, month, day })
    }

    /// Parse `2018-12-20`, `2018/12/20`, `2018.12.20` or `2018年12月20日` (full-width digits too).
    pub fn parse(s: &str) -> Option<Date> {
        let s: String = s.trim().chars().map(crate::docnum::fold_char).collect();
        let parts: Vec<&str> = s
            .trim_end_matches('日')
            .split(['-', '/', '.', '年', '月'])
            .map(str::trim)
            .collect();
        if parts.len() != 3 {
            return None;
        }
        Date::new(parts[0].parse().ok()?, parts[1].parse().ok()?, parts[2].parse().ok()?)
    }

    /// The date `days` after 1970-01-01 ([`Date::days_since_epoch`] back; H. Hinnant's
    /// civil_from_days); `None` for a day in a year [`Date::new`] does not take.
    pub fn from_days_since_epoch(days: i64) -> Option<Date> {
        let z = days + 719_468;
        let era = z.div_euclid(146_097);
        let doe = z - era * 146_097;
        let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
        let mp = (5 * doy + 2) / 153;
        let day = u8::try_from(doy - (153 * mp + 2) / 5 + 1).ok()?;
        let month = u8::try_from(if mp < 10 { mp + 3 } else { mp - 9 }).ok()?;
        let year = u16::try_from(yoe + era * 400 + i64::from(month <= 2)).ok()?;
        Date::new(year, month, day)
    }

    /// Days since 1970-01-01 (negative before), for sorting and date ranges.
    pub fn days_since_epoch(self) -> i64 {
        // Howard Hinnant's days_from_civil.
        let y = i64::from(self.year) - i64::from(self.month <= 2);
        let era = y.div_euclid(400);
        let yoe = y - era * 400;
        let m = i64::from(self.month);
        let doy = (153 * (if m > 2 { m - 3 } else { m + 9 }) + 2) / 5 + i64::from(self.day) - 1;
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
        era * 146_097 + doe - 719_468
    }
}

impl fmt::Display for Date {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:04}-{:02}-{:02}", self.year, self.month, self.day)
    }
}

impl Serialize for Date {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_str(self)
    }
}

impl<'de> Deserialize<'de> for Date {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let s = String::deserialize(d)?;
        Date::parse(&s).ok_or_else(|| serde::de::Error::custom(format!("not a date: {s:?}")))
    }
}

/// Where a document came from.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct Source {
    /// The file it was read from, as given on the command line.
    pub path: String,
    /// The line (JSONL) it was read from, 1-based.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub line: Option<u64>,
    /// The page it was published at, when known.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub url: Option<String>,
    /// Upstream provenance as the record gave it (repository, commit, path).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub origin: Option<serde_json::Value>,
}

/// The gazette issue an article was printed in.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct GazetteRef {
    /// Year of the issue.
    pub year: u16,
    /// Number of the issue within the year.
    pub issue: u32,
    /// Section heading (【国务院文件】 gives `国务院文件`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub section: Option<String>,
    /// Position of the article in the issue, 1-based.
    #[serde(default)]
    pub order: u32,
    /// The gazette's name when it is not the State Council's (`上海市人民政府公报`): issues of
    /// two gazettes share years and numbers.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
}

impl GazetteRef {
    /// The issue key used as a filter: `2019-5` (the State Council's gazette), `2019-5@NAME`
    /// (another gazette).
    pub fn issue_key(&self) -> String {
        GazetteRef::key(self.name.as_deref(), self.year, self.issue)
    }

    /// The issue key of issue `issue` of `year` of gazette `name` (`None`: the State
    /// Council's), as [`GazetteRef::issue_key`] writes it.
    pub fn key(name: Option<&str>, year: u16, issue: u32) -> String {
        match name {
            None => format!("{year}-{issue}"),
            Some(name) => format!("{year}-{issue}@{name}"),
        }
    }

    /// The gazette's name as its header prints it, or `None` for the State Council's
    /// (`中华人民共和国国务院公报`, `国务院公报`), whose keys and ids carry no name.
    pub fn name_of(header_name: &str) -> Option<String> {
        let short = header_name.strip_prefix("中华人民共和国").unwrap_or(header_name);
        (short != "国务院公报").then(|| short.to_owned())
    }
}

/// A reference one document makes to another: `《title》（number）`, a bare number, or a
/// `《title》` alone. Resolved against the index at query time.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Default, Serialize, Deserialize)]
pub struct Reference {
    /// The title as cited, without the 《》.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub title: Option<String>,
    /// The document number as cited.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub number: Option<DocNumber>,
}

/// Longest document id, in bytes: longer ids are refused when read and in requests.
pub const MAX_ID_BYTES: usize = 256;

/// One government document.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
pub struct Document {
    /// Stable, unique id.
    pub id: String,
    /// Title as printed.
    pub title: String,
    /// Document numbers (发文字号); a joint document may have two.
    #[serde(default)]
    pub doc_numbers: Vec<DocNumber>,
    /// The numbers as printed, for documents whose number did not parse.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub doc_numbers_printed: Vec<String>,
    /// Issuing organs (发文机关).
    #[serde(default)]
    pub issuers: Vec<String>,
    /// Kind of document.
    #[serde(default)]
    pub kind: Kind,
    /// Date written (成文日期).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub written: Option<Date>,
    /// Date published (发布日期).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub published: Option<Date>,
    /// The year, when only the year is known (or from a date).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub year: Option<u16>,
    /// In force, repealed, …
    #[serde(default)]
    pub status: Status,
    /// Who may see it.
    #[serde(default)]
    pub disclosure: Disclosure,
    /// Topic (主题分类).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub topic: Option<String>,
    /// Index number (索引号).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub index_no: Option<String>,
    /// Body text, one paragraph a line.
    #[serde(default)]
    pub body: String,
    /// Where it came from.
    #[serde(default)]
    pub source: Source,
    /// SHA-256 of the text as ingested ([`content_hash`]), hex.
    #[serde(default)]
    pub content_hash: String,
    /// Canonical numbers this document cites.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub cites: Vec<String>,
    /// Every reference the text makes (《title》（number）, bare numbers, 《title》 alone),
    /// without the document's own number and title.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub references: Vec<Reference>,
    /// What the text says it repeals (…同时废止, …予以废止).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub repeals: Vec<Reference>,
    /// What the text says it amends (关于修改《…》的决定, 对《…》作如下修改).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub amends: Vec<Reference>,
    /// For an interpretation: the canonical number, else the normalised title, of the policy
    /// it interprets.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub interprets: Option<String>,
    /// Documents that replace this one (ids or numbers).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub replaced_by: Vec<String>,
    /// For a gazette article: its issue.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub gazette: Option<GazetteRef>,
    /// Fields of the source record that the model has no place for.
    #[serde(default, skip_serializing_if = "serde_json::Map::is_empty")]
    pub extra: serde_json::Map<String, serde_json::Value>,
    /// Personal numbers found in the title and body at ingest (masked unless `--pii keep`).
    #[serde(default, skip_serializing_if = "PiiCounts::is_zero")]
    pub pii: PiiCounts,
}

/// How many personal numbers of each kind a text held (居民身份证号码, 手机号码, 银行卡号).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct PiiCounts {
    /// Resident identity numbers (18-digit with a valid check digit, or the 15-digit form).
    #[serde(default)]
    pub id_numbers: u64,
    /// Mobile numbers.
    #[serde(default)]
    pub mobiles: u64,
    /// Bank card numbers (Luhn-valid).
    #[serde(default)]
    pub bank_cards: u64,
}

impl PiiCounts {
    /// True when nothing was found.
    pub fn is_zero(&self) -> bool {
        self.total() == 0
    }

    /// All kinds together.
    pub fn total(&self) -> u64 {
        self.id_numbers + self.mobiles + self.bank_cards
    }

    /// Add another count to this one.
    pub fn add(&mut self, other: &PiiCounts) {
        self.id_numbers += other.id_numbers;
        self.mobiles += other.mobiles;
        self.bank_cards += other.bank_cards;
    }
}

impl Document {
    /// The date used for sorting and the year facet: written, else published.
    pub fn date(&self) -> Option<Date> {
        self.written.or(self.published)
    }

    /// The year: from the date, else the year field.
    pub fn effective_year(&self) -> Option<u16> {
        self.date().map(|d| d.year).or(self.year)
    }

    /// Recompute the content hash from title and body.
    pub fn compute_hash(&self) -> String {
        content_hash(&self.title, &self.body)
    }

    /// A hash of everything the record says, its metadata included, but not where it was read
    /// from (the file and line of `source`): two records with one fingerprint index alike. The
    /// text counts through `content_hash` (the body is not hashed again), so a document read
    /// back from its stored record (where the body is left out) has the fingerprint it was
    /// written with.
    pub fn fingerprint(&self) -> u64 {
        use std::hash::{Hash, Hasher};
        let mut d = self.clone();
        d.body = String::new();
        d.source.path = String::new();
        d.source.line = None;
        let mut h = std::collections::hash_map::DefaultHasher::new();
        serde_json::to_string(&d).unwrap_or_default().hash(&mut h);
        h.finish()
    }
}

/// SHA-256 (hex) of a document's text as ingested: the title, a newline, the body.
pub fn content_hash(title: &str, body: &str) -> String {
    let mut h = Sha256::new();
    h.update(title.as_bytes());
    h.update(b"\n");
    h.update(body.as_bytes());
    let digest = h.finalize();
    let mut out = String::with_capacity(64);
    for b in digest.iter() {
        out.push_str(&format!("{b:02x}"));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    proptest! {
        // Every date comes back from its day count.
        #[test]
        fn days_round_trip(y in 1000u16..=2999, m in 1u8..=12, d in 1u8..=31) {
            if let Some(date) = Date::new(y, m, d) {
                prop_assert_eq!(Date::from_days_since_epoch(date.days_since_epoch()), Some(date));
            }
        }
    }

    #[test]
    fn dates() {
        assert_eq!(Date::parse("2018-12-20"), Date::new(2018, 12, 20));
        assert_eq!(Date::parse("2018年12月20日"), Date::new(2018, 12, 20));
        assert_eq!(Date::parse("２０１８年１２月２０日"), Date::new(2018, 12, 20));
        assert_eq!(Date::parse("2018-02-30"), None);
        assert_eq!(Date::parse("yesterday"), None);
        assert_eq!(Date::new(1970, 1, 1).map(Date::days_since_epoch), Some(0));
        assert_eq!(Date::new(2000, 3, 1).map(Date::days_since_epoch), Some(11017));
    }

    #[test]
    fn labels() {
        assert_eq!(Status::from_label("现行有效"), Some(Status::InForce));
        assert_eq!(Status::from_label("废止"), Some(Status::Repealed));
        assert_eq!(Disclosure::from_label("依申请公开"), Some(Disclosure::OnRequest));
        let k: Kind = serde_json::from_str("\"judicial_interpretation\"").expect("kind");
        assert_eq!(k, Kind::JudicialInterpretation);
        let other: Kind = serde_json::from_str("\"memo\"").expect("unknown kinds are other");
        assert_eq!(other, Kind::Other);
    }

    #[test]
    fn document_round_trips() {
        let d = Document {
            id: "x".into(),
            title: "关于印发的通知".into(),
            doc_numbers: vec![DocNumber::parse("国办发[2018]5号").expect("number")],
            written: Date::new(2018, 1, 2),
            body: "正文".into(),
            ..Document::default()
        };
        let json = serde_json::to_string(&d).expect("ser");
        assert!(json.contains("国办发〔2018〕5号"));
        let back: Document = serde_json::from_str(&json).expect("de");
        assert_eq!(back, d);
        assert_eq!(d.compute_hash().len(), 64);
    }
}
