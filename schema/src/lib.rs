//! gongwen's shared language: the document model, document numbers (发文字号), the tantivy
//! schema and the one Chinese analyzer.
//!
//! Both sides of gongwen speak through this crate: the indexer turns a [`Document`] into a
//! tantivy document with [`Fields::to_tantivy`], and the query side reads fields by the same
//! [`Fields`] handles and cuts query text with the same tokenizers ([`analyzer::WORDS`],
//! [`analyzer::GRAMS`]), so a term is cut the same way when written and when searched.
//!
//! * [`DocNumber`]: parse any spelling of a document number into one canonical value;
//!   [`extract`] finds every number in running text; [`PartialDocNumber`] reads the issuer
//!   code (and year) that users type as a prefix.
//! * [`Document`], [`Kind`], [`Status`], [`Disclosure`], [`Date`]: the model (serde).
//! * [`Fields`]: field names and options, defined once.
//! * [`analyzer`]: jieba-rs words plus character bigrams; see its docs for why both.
//!
//! ```
//! use gongwen_schema::{extract, DocNumber};
//!
//! let n = DocNumber::parse("绿政办发[2018]059号").unwrap();
//! assert_eq!(n.canonical(), "绿政办发〔2018〕59号");
//! assert_eq!(n, DocNumber::parse("绿政办发（２０１８）第59号").unwrap());
//!
//! let found = extract("根据《通知》(红政办函〔2018〕31号)和国办发[2017]24号，共42个部门。");
//! let canon: Vec<String> = found.iter().map(|f| f.number.canonical()).collect();
//! assert_eq!(canon, ["红政办函〔2018〕31号", "国办发〔2017〕24号"]);
//! ```

pub mod analyzer;
mod citation;
pub mod commit;
mod docnum;
mod fields;
pub mod hanzi;
pub mod layout;
mod model;

pub use citation::{issuer_before_about, split_source_tag, title_keys, title_match, title_names, TitleMatch};
pub use docnum::{
    extract, extract_scanning_all, fold_char, parse_chinese_numeral, spaced_number, DocNumber, DocNumberError,
    FoundNumber, PartialDocNumber, ORGAN_ENDINGS,
};
pub use fields::{normalize_title, normalized_chars, organ_name, Fields, SCHEMA_VERSION};
pub use model::{
    content_hash, Date, Disclosure, Document, GazetteRef, Kind, PiiCounts, Reference, Source, Status, MAX_ID_BYTES,
};

/// Errors of the schema layer.
#[derive(Debug, thiserror::Error)]
pub enum SchemaError {
    /// An index lacks a field this version needs: it was written by another version.
    #[error("index has no field {0:?}: it was written by another gongwen version and must be rebuilt")]
    MissingField(String),
    /// A stored record could not be read back.
    #[error("corrupt stored document: {0}")]
    Corrupt(String),
}
