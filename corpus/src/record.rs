//! From the fields a reader found to a checked [`Document`]: one place that cleans the body,
//! parses numbers, dates, status and disclosure, and computes the hash and the citations.

use std::path::Path;

use gongwen_schema::{content_hash, extract, Date, Disclosure, DocNumber, Document, Kind, Source, Status};
use serde_json::{Map, Value};
use sha2::{Digest, Sha256};

use crate::clean::{clean_body, normalize_line};
use crate::error::ReadError;
use crate::kind::kind_from_title;
use crate::ReadOptions;

/// Fields as a source gives them, before checking.
#[derive(Debug, Default)]
pub(crate) struct RawRecord {
    pub id: Option<String>,
    pub title: Option<String>,
    pub numbers: Vec<String>,
    pub issuers: Vec<String>,
    pub kind: Option<Kind>,
    pub written: Option<String>,
    pub published: Option<String>,
    pub year: Option<u16>,
    pub status: Option<String>,
    pub validity_note: Option<String>,
    pub disclosure: Option<String>,
    pub topic: Option<String>,
    pub index_no: Option<String>,
    pub body: String,
    pub url: Option<String>,
    pub origin: Option<Value>,
    pub extra: Map<String, Value>,
}

/// Where a record sits, for ids and error messages.
pub(crate) struct At<'a> {
    pub path: &'a Path,
    pub line: Option<u64>,
    /// Discriminates records of one file without lines (article index).
    pub index: Option<u64>,
}

impl RawRecord {
    pub(crate) fn build(self, at: &At<'_>, opts: &ReadOptions) -> Result<Document, ReadError> {
        let invalid = |reason: String| ReadError::invalid(at.path, at.line, reason);
        let body = clean_body(&self.body);
        let mut title = self.title.as_deref().map(normalize_line).unwrap_or_default();
        if title.is_empty() {
            if body.is_empty() {
                return Err(invalid("record has no title and no body".into()));
            }
            title = body.lines().next().unwrap_or_default().chars().take(100).collect();
        }
        // Personal numbers are masked (or the record refused) before anything is derived from
        // the text, the hash included: what is stored and served is the masked text.
        let (title, body, pii) = crate::pii::apply(opts.pii, title, body).map_err(invalid)?;
        let date = |label: &str, v: &Option<String>| -> Result<Option<Date>, ReadError> {
            match v.as_deref().map(str::trim) {
                None | Some("") => Ok(None),
                Some(s) => crate::dates::parse_value(s).map(Some).ok_or_else(|| {
                    invalid(format!(
                        "{label} {s:?} is not a date (expected YYYY-MM-DD or YYYY年M月D日)"
                    ))
                }),
            }
        };
        let written = date("date", &self.written)?;
        let published = date("published date", &self.published)?;
        let disclosure = match self.disclosure.as_deref().map(str::trim) {
            None | Some("") => opts.default_disclosure,
            Some(s) => Disclosure::from_label(s).ok_or_else(|| {
                invalid(format!(
                    "unknown disclosure {s:?} (expected 主动公开/依申请公开/不予公开 or public/on_request/not_public)"
                ))
            })?,
        };
        let mut extra = self.extra;
        let status = match self.status.as_deref().map(str::trim) {
            Some(s) if !s.is_empty() => Status::from_label(s).unwrap_or_else(|| {
                extra.insert("status_label".into(), Value::String(s.to_owned()));
                Status::Unknown
            }),
            _ if self
                .validity_note
                .as_deref()
                .is_some_and(|n| n.contains("有效期已届满")) =>
            {
                Status::Expired
            }
            _ => Status::Unknown,
        };
        let (doc_numbers, doc_numbers_printed) = parse_numbers(&self.numbers);
        let own: Vec<String> = doc_numbers.iter().map(DocNumber::canonical).collect();
        let mut cites: Vec<String> = Vec::new();
        let found = extract(&body);
        for f in &found {
            let c = f.number.canonical();
            if !own.contains(&c) && !cites.contains(&c) {
                cites.push(c);
            }
        }
        let kind = self.kind.unwrap_or_else(|| kind_from_title(&title));
        let references = crate::refs::references_among(&body, &found, &doc_numbers, &title);
        let succession = crate::status::succession(&title, &body, &doc_numbers);
        let interprets = if kind == Kind::Interpretation {
            crate::status::interprets(&title, &body, &doc_numbers)
        } else {
            None
        };
        let year = self.year.or(written.or(published).map(|d| d.year));
        let id = match self.id.map(|s| s.trim().to_owned()) {
            Some(id) if !id.is_empty() => id,
            _ => derived_id(at),
        };
        let content_hash = content_hash(&title, &body);
        Ok(Document {
            id,
            title,
            doc_numbers,
            doc_numbers_printed,
            issuers: self
                .issuers
                .iter()
                .map(|s| normalize_line(s))
                .filter(|s| !s.is_empty())
                .collect(),
            kind,
            written,
            published,
            year,
            status,
            disclosure,
            topic: self.topic.filter(|s| !s.trim().is_empty()),
            index_no: self.index_no.filter(|s| !s.trim().is_empty()),
            body,
            source: Source {
                path: at.path.display().to_string(),
                line: at.line,
                url: self.url.filter(|s| !s.trim().is_empty()),
                origin: self.origin,
            },
            content_hash,
            cites,
            references,
            repeals: succession.repeals,
            amends: succession.amends,
            interprets,
            gazette: None,
            extra,
            pii,
            ..Document::default()
        })
    }
}

/// Parse printed numbers; a joint number list (`国发〔2018〕1号、国办发〔2018〕2号`) is split.
fn parse_numbers(printed: &[String]) -> (Vec<DocNumber>, Vec<String>) {
    let mut parsed: Vec<DocNumber> = Vec::new();
    let mut unparsed = Vec::new();
    for p in printed.iter().map(|s| s.trim()).filter(|s| !s.is_empty()) {
        if let Ok(n) = DocNumber::parse(p) {
            if !parsed.contains(&n) {
                parsed.push(n);
            }
            continue;
        }
        let parts: Vec<&str> = p
            .split(['、', '；', ';', '，', ','])
            .map(str::trim)
            .filter(|s| !s.is_empty())
            .collect();
        let each: Option<Vec<DocNumber>> = parts.iter().map(|s| DocNumber::parse(s).ok()).collect();
        match each {
            Some(ns) if parts.len() > 1 => {
                for n in ns {
                    if !parsed.contains(&n) {
                        parsed.push(n);
                    }
                }
            }
            _ => unparsed.push(p.to_owned()),
        }
    }
    (parsed, unparsed)
}

/// `file-<16 hex of sha256>` of the file's [stable path](stable_path) and the line or article
/// index.
pub(crate) fn derived_id(at: &At<'_>) -> String {
    let mut h = Sha256::new();
    h.update(stable_path(at.path).as_bytes());
    if let Some(l) = at.line {
        h.update(format!(":{l}").as_bytes());
    }
    if let Some(i) = at.index {
        h.update(format!("#{i}").as_bytes());
    }
    let d = h.finalize();
    let mut s = String::from("file-");
    for b in d.iter().take(8) {
        s.push_str(&format!("{b:02x}"));
    }
    s
}

/// The file's path as one spelling, whatever the spelling given: its canonical form (absolute,
/// links and `..` resolved), so that `pages`, `./pages/` and the absolute path of the same
/// folder give its files the same ids (a second run with another spelling was indexing every
/// page again under new ids). A path that cannot be resolved keeps its [portable](portable_path)
/// form. The last path resolved is remembered per thread: the records of one file share it.
pub(crate) fn stable_path(path: &Path) -> String {
    thread_local! {
        static LAST: std::cell::RefCell<Option<(std::path::PathBuf, String)>> = const { std::cell::RefCell::new(None) };
    }
    LAST.with(|last| {
        if let Some((p, s)) = &*last.borrow() {
            if p == path {
                return s.clone();
            }
        }
        let stable = match std::fs::canonicalize(path) {
            Ok(real) => portable_path(&real),
            Err(_) => portable_path(path),
        };
        *last.borrow_mut() = Some((path.to_path_buf(), stable.clone()));
        stable
    })
}

/// The path as given, `/`-separated, without `.` components.
pub(crate) fn portable_path(path: &Path) -> String {
    path.components()
        .filter(|c| !matches!(c, std::path::Component::CurDir))
        .map(|c| c.as_os_str().to_string_lossy().into_owned())
        .collect::<Vec<_>>()
        .join("/")
}

/// Split an issuer field into organs: `国务院办公厅、中央军委办公厅` gives two.
pub(crate) fn split_issuers(s: &str) -> Vec<String> {
    s.split(['、', '；', ';'])
        .map(|x| x.trim().to_owned())
        .filter(|x| !x.is_empty())
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn at() -> At<'static> {
        At {
            path: Path::new("./data/x.jsonl"),
            line: Some(3),
            index: None,
        }
    }

    #[test]
    fn builds_a_checked_document() {
        let r = RawRecord {
            title: Some("关于做好2018年政务公开工作的通知".into()),
            numbers: vec!["绿政办发[2018]059号".into(), "不是文号".into()],
            body: "根据国办发〔2017〕24号和绿政办发〔2018〕59号。\n责任编辑:张三".into(),
            written: Some("2018-05-02".into()),
            validity_note: Some("⚠ 有效期已届满".into()),
            ..RawRecord::default()
        };
        let d = r.build(&at(), &ReadOptions::default()).unwrap();
        assert_eq!(d.doc_numbers[0].canonical(), "绿政办发〔2018〕59号");
        assert_eq!(d.doc_numbers_printed, ["不是文号"]);
        assert_eq!(d.cites, ["国办发〔2017〕24号"]);
        assert_eq!(d.body, "根据国办发〔2017〕24号和绿政办发〔2018〕59号。");
        assert_eq!(d.content_hash, content_hash(&d.title, &d.body));
        assert_eq!(d.kind, Kind::Notice);
        assert_eq!(d.status, Status::Expired);
        assert_eq!(d.year, Some(2018));
        assert!(d.id.starts_with("file-") && d.id.len() == 21);
        assert_eq!(
            d.id,
            derived_id(&At {
                path: Path::new("data/x.jsonl"),
                line: Some(3),
                index: None
            })
        );
    }

    #[test]
    fn bad_values_are_invalid() {
        let bad_date = RawRecord {
            title: Some("t".into()),
            written: Some("2018-13-45".into()),
            ..RawRecord::default()
        };
        let e = bad_date.build(&at(), &ReadOptions::default()).unwrap_err();
        assert!(
            e.to_string().starts_with("./data/x.jsonl:3: date \"2018-13-45\""),
            "{e}"
        );
        let empty = RawRecord::default().build(&at(), &ReadOptions::default()).unwrap_err();
        assert!(empty.to_string().contains("no title and no body"));
        let disc = RawRecord {
            title: Some("t".into()),
            disclosure: Some("secret".into()),
            ..RawRecord::default()
        };
        assert!(disc.build(&at(), &ReadOptions::default()).is_err());
    }
}
