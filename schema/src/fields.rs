//! The one place that defines the tantivy schema: field names, options, and how a
//! [`Document`] becomes a tantivy document and back.

use tantivy::schema::{
    Field, IndexRecordOption, NumericOptions, Schema, TextFieldIndexing, TextOptions, Value, FAST, INDEXED, STORED,
    STRING,
};
use tantivy::{DateTime, TantivyDocument};

use crate::analyzer::{GRAMS, WORDS};
use crate::model::Document;
use crate::SchemaError;

/// Version of the on-disk layout. An index written with another version must be rebuilt.
/// (5: the bigram cut leaves a position empty between runs; 6: the `hit` record; 7: ○ and ◯
/// folded to 〇; 8: run-end tokens, wrapped lines joined, the `title_name` field; 9: a
/// national law's short name, `刑法`, among its title names; traditional characters read as
/// simplified ones; 10: a decimal's fraction a token of its own, `.2`, and `%` after a number.)
pub const SCHEMA_VERSION: u32 = 10;

/// Handles to every field of the index.
#[derive(Debug, Clone)]
pub struct Fields {
    /// The tantivy schema.
    pub schema: Schema,
    /// Document id: exact keyword, stored, fast (for upsert by id).
    pub id: Field,
    /// [`id_key`] of the id, fast: the last tie-break of every ordering, so results do not
    /// depend on how the index happens to be cut into segments.
    pub id_key: Field,
    /// Title, cut into words, with positions.
    pub title: Field,
    /// Title as bigrams, with positions (exact fragments).
    pub title_grams: Field,
    /// The whole title folded, exact keyword (exact-title matches, title look-ups).
    pub title_exact: Field,
    /// The title's other names folded ([`crate::title_names`]: without `中华人民共和国` or
    /// `【source】`, from 关于 on), exact keyword: a query equal to one is an exact title for
    /// ranking (`反间谍法`), but a citation is not resolved by them (`关于…的通知` names the
    /// same notice of many cities).
    pub title_name: Field,
    /// Body as bigrams, with positions: the body's only indexed form. Query words are matched
    /// as bigram phrases (BM25 on the phrase), quoted phrases and pasted passages exactly.
    /// No word field for bodies: it doubled the indexing work for little ranking gain.
    /// Also the stored body as ingested (snippets, the record, `verify`): one value both
    /// indexed and stored, so a document in the writer's queue holds its body once.
    pub body_grams: Field,
    /// Canonical document numbers, exact keyword.
    pub docnum: Field,
    /// Issuer codes of the document numbers, exact keyword, fast.
    pub docnum_issuer: Field,
    /// Years of the document numbers, fast.
    pub docnum_year: Field,
    /// Serials of the document numbers, fast.
    pub docnum_serial: Field,
    /// Issuing organs, exact keyword, fast (facets).
    pub issuer: Field,
    /// Kind name, exact keyword, fast.
    pub kind: Field,
    /// Status name, exact keyword, fast.
    pub status: Field,
    /// Year of the document, fast.
    pub year: Field,
    /// Written date (days since epoch as a date), fast.
    pub written: Field,
    /// Published date, fast.
    pub published: Field,
    /// The date used for sorting: written, else published, else 1 January of the year.
    pub sort_date: Field,
    /// Topic, exact keyword, fast.
    pub topic: Field,
    /// Gazette issue key `YEAR-N`, exact keyword, fast.
    pub gazette_issue: Field,
    /// Canonical numbers the document cites, exact keyword.
    pub cites: Field,
    /// Keys ([`crate::title_keys`]) of the titles the document cites, exact keyword.
    pub cites_title: Field,
    /// Canonical numbers of the documents it repeals, exact keyword.
    pub repeals_number: Field,
    /// Keys of the titles of the documents it repeals, exact keyword.
    pub repeals_title: Field,
    /// Canonical numbers of the documents it amends, exact keyword.
    pub amends_number: Field,
    /// Keys of the titles of the documents it amends, exact keyword.
    pub amends_title: Field,
    /// For an interpretation: the canonical number or the title keys of the policy it
    /// interprets, exact keyword.
    pub interprets: Field,
    /// Content hash, exact keyword, fast.
    pub hash: Field,
    /// Key of the record as read (its bytes and the read options), fast: a record read again
    /// unchanged is skipped before it is parsed. 0 when the reader gives none (pages).
    pub source_key: Field,
    /// The whole record except the body, as JSON, stored.
    pub meta: Field,
    /// What a search hit shows of the record (id, title, numbers, issuers, kind, dates,
    /// status, source, hash, gazette issue), as JSON under the record's own keys, stored: a
    /// page of hits reads this and not `meta`, whose references and kept fields were most
    /// of the time spent loading a hit.
    pub hit: Field,
}

fn text(tokenizer: &str, positions: bool) -> TextOptions {
    let record = if positions {
        IndexRecordOption::WithFreqsAndPositions
    } else {
        IndexRecordOption::WithFreqs
    };
    let opts: TextOptions = TextOptions::default().set_indexing_options(
        TextFieldIndexing::default()
            .set_tokenizer(tokenizer)
            .set_index_option(record),
    );
    opts
}

impl Fields {
    /// The schema of a new index.
    pub fn new() -> Fields {
        let mut b = Schema::builder();
        let keyword_fast = STRING | FAST;
        let num = NumericOptions::default().set_indexed().set_fast();
        b.add_text_field("id", STRING | STORED | FAST);
        b.add_u64_field("id_key", FAST);
        b.add_text_field("title", text(WORDS, true));
        b.add_text_field("title_grams", text(GRAMS, true));
        b.add_text_field("title_exact", STRING);
        b.add_text_field("title_name", STRING);
        b.add_text_field("body_grams", text(GRAMS, true) | STORED);
        b.add_text_field("docnum", STRING);
        b.add_text_field("docnum_issuer", keyword_fast.clone());
        b.add_u64_field("docnum_year", num.clone());
        b.add_u64_field("docnum_serial", num.clone());
        b.add_text_field("issuer", keyword_fast.clone());
        b.add_text_field("kind", keyword_fast.clone());
        b.add_text_field("status", keyword_fast.clone());
        b.add_u64_field("year", num.clone());
        b.add_date_field("written", INDEXED | FAST);
        b.add_date_field("published", INDEXED | FAST);
        b.add_date_field("sort_date", INDEXED | FAST);
        b.add_text_field("topic", keyword_fast.clone());
        b.add_text_field("gazette_issue", keyword_fast.clone());
        b.add_text_field("cites", STRING);
        b.add_text_field("cites_title", STRING);
        b.add_text_field("repeals_number", STRING);
        b.add_text_field("repeals_title", STRING);
        b.add_text_field("amends_number", STRING);
        b.add_text_field("amends_title", STRING);
        b.add_text_field("interprets", STRING);
        b.add_text_field("hash", STRING | FAST);
        b.add_u64_field("source_key", FAST);
        b.add_text_field("meta", STORED);
        b.add_text_field("hit", STORED);
        Fields::from_schema(&b.build()).expect("the schema built here has every field")
    }

    /// Handles for an existing index's schema; fails if a field is missing.
    pub fn from_schema(schema: &Schema) -> Result<Fields, SchemaError> {
        let f = |name: &str| {
            schema
                .get_field(name)
                .map_err(|_| SchemaError::MissingField(name.to_string()))
        };
        Ok(Fields {
            schema: schema.clone(),
            id: f("id")?,
            id_key: f("id_key")?,
            title: f("title")?,
            title_grams: f("title_grams")?,
            title_exact: f("title_exact")?,
            title_name: f("title_name")?,
            body_grams: f("body_grams")?,
            docnum: f("docnum")?,
            docnum_issuer: f("docnum_issuer")?,
            docnum_year: f("docnum_year")?,
            docnum_serial: f("docnum_serial")?,
            issuer: f("issuer")?,
            kind: f("kind")?,
            status: f("status")?,
            year: f("year")?,
            written: f("written")?,
            published: f("published")?,
            sort_date: f("sort_date")?,
            topic: f("topic")?,
            gazette_issue: f("gazette_issue")?,
            cites: f("cites")?,
            cites_title: f("cites_title")?,
            repeals_number: f("repeals_number")?,
            repeals_title: f("repeals_title")?,
            amends_number: f("amends_number")?,
            amends_title: f("amends_title")?,
            interprets: f("interprets")?,
            hash: f("hash")?,
            source_key: f("source_key")?,
            meta: f("meta")?,
            hit: f("hit")?,
        })
    }

    /// The tantivy document for `doc`; the index writer cuts its text with the registered
    /// tokenizers.
    pub fn to_tantivy(&self, doc: &Document) -> TantivyDocument {
        let mut t = TantivyDocument::new();
        t.add_text(self.title, &doc.title);
        t.add_text(self.title_grams, &doc.title);
        t.add_text(self.body_grams, &doc.body);
        self.add_keywords(&mut t, doc);
        t
    }

    fn add_keywords(&self, t: &mut TantivyDocument, doc: &Document) {
        t.add_text(self.id, &doc.id);
        t.add_u64(self.id_key, id_key(&doc.id));
        let full = normalize_title(&doc.title);
        for name in crate::title_names(&doc.title).into_iter().filter(|n| *n != full) {
            t.add_text(self.title_name, name);
        }
        t.add_text(self.title_exact, full);
        for n in &doc.doc_numbers {
            t.add_text(self.docnum, n.canonical());
            t.add_text(self.docnum_issuer, n.issuer());
            if let Some(y) = n.year() {
                t.add_u64(self.docnum_year, y.into());
            }
            t.add_u64(self.docnum_serial, n.serial().into());
        }
        for i in &doc.issuers {
            t.add_text(self.issuer, i);
        }
        t.add_text(self.kind, doc.kind.as_str());
        t.add_text(self.status, doc.status.as_str());
        if let Some(y) = doc.effective_year() {
            t.add_u64(self.year, y.into());
        }
        let date = |d: crate::Date| DateTime::from_timestamp_secs(d.days_since_epoch() * 86_400);
        if let Some(d) = doc.written {
            t.add_date(self.written, date(d));
        }
        if let Some(d) = doc.published {
            t.add_date(self.published, date(d));
        }
        let sort = doc.date().or_else(|| doc.year.and_then(|y| crate::Date::new(y, 1, 1)));
        if let Some(d) = sort {
            t.add_date(self.sort_date, date(d));
        }
        if let Some(topic) = &doc.topic {
            t.add_text(self.topic, topic);
        }
        if let Some(g) = &doc.gazette {
            t.add_text(self.gazette_issue, g.issue_key());
        }
        for c in &doc.cites {
            t.add_text(self.cites, c);
            // A number cited with its organ's name before the code (`上海市普陀区人民政府办公室
            // 普府办〔2018〕22号`) is found by the code's own number too, as the citation is
            // resolved forward. See (QA numbers pass, sixteenth session): such citers were
            // missing from the cited document's `cited_by`.
            if c.chars().count() > 12 || c.starts_with('原') {
                if let Ok(n) = crate::DocNumber::parse(c) {
                    for r in n.without_organ() {
                        t.add_text(self.cites, r.canonical());
                    }
                }
            }
        }
        self.add_references(t, doc);
        t.add_text(self.hash, &doc.content_hash);
        let mut meta = doc.clone();
        meta.body = String::new();
        t.add_text(self.meta, serde_json::to_string(&meta).unwrap_or_default());
        t.add_text(self.hit, serde_json::to_string(&HitView::of(doc)).unwrap_or_default());
    }

    /// Keyword terms for citations, repeals, amendments and interpretations: numbers
    /// canonical, titles as their [`crate::title_keys`], each term once per field.
    fn add_references(&self, t: &mut TantivyDocument, doc: &Document) {
        let mut add = |field: Field, value: String, seen: &mut Vec<(Field, String)>| {
            if !seen.iter().any(|(f, v)| *f == field && *v == value) {
                t.add_text(field, &value);
                seen.push((field, value));
            }
        };
        let mut seen = Vec::new();
        let groups = [
            (None, self.cites_title, &doc.references),
            (Some(self.repeals_number), self.repeals_title, &doc.repeals),
            (Some(self.amends_number), self.amends_title, &doc.amends),
        ];
        for (number_field, title_field, refs) in groups {
            for r in refs.iter() {
                if let (Some(f), Some(n)) = (number_field, &r.number) {
                    add(f, n.canonical(), &mut seen);
                }
                for k in r.title.as_deref().map(crate::title_keys).unwrap_or_default() {
                    add(title_field, k, &mut seen);
                }
            }
        }
        if let Some(i) = &doc.interprets {
            add(self.interprets, i.clone(), &mut seen);
        }
    }

    /// Rebuild a [`Document`] from its stored fields.
    pub fn from_tantivy(&self, t: &TantivyDocument) -> Result<Document, SchemaError> {
        let meta = t
            .get_first(self.meta)
            .and_then(|v| v.as_str())
            .ok_or(SchemaError::MissingField("meta".into()))?;
        let mut doc: Document =
            serde_json::from_str(meta).map_err(|e| SchemaError::Corrupt(format!("stored record: {e}")))?;
        doc.body = t
            .get_first(self.body_grams)
            .and_then(|v| v.as_str())
            .unwrap_or_default()
            .to_string();
        Ok(doc)
    }
}

impl Default for Fields {
    fn default() -> Self {
        Fields::new()
    }
}

/// An organ's name as issuers are counted and filtered by: without the state's name before
/// it (`中华人民共和国国务院` is 国务院: gov_docs names it both ways, 329 and 180 times, and
/// the issuer filter and facet split it in two), unless little would be left; in simplified
/// characters (`國務院` is 国务院: a page in traditional characters split the facet, and the
/// filter `国务院` missed it).
pub fn organ_name(name: &str) -> String {
    let name = crate::hanzi::simplify(name);
    match name.strip_prefix("中华人民共和国") {
        Some(rest) if rest.chars().count() >= 3 => rest.to_string(),
        _ => name.into_owned(),
    }
}

/// A title folded for exact matching: whitespace and punctuation removed, full-width folded,
/// Latin lowercased (so `关于 印发…的通知` and `关于印发…的通知。` match).
pub fn normalize_title(title: &str) -> String {
    normalized_chars(title).collect()
}

/// The characters of [`normalize_title`] of `title`, without making the string.
pub fn normalized_chars(title: &str) -> impl Iterator<Item = char> + '_ {
    title
        .chars()
        .map(|c| crate::hanzi::simplified(crate::docnum::fold_char(c)))
        .filter(|c| c.is_alphanumeric())
        .flat_map(char::to_lowercase)
}

/// A stable 64-bit key of a document id (FNV-1a), the same on every machine and version.
pub fn id_key(id: &str) -> u64 {
    id.bytes().fold(0xcbf2_9ce4_8422_2325u64, |h, b| {
        (h ^ u64::from(b)).wrapping_mul(0x0100_0000_01b3)
    })
}

/// The part of a [`Document`] a search hit shows ([`Fields::hit`]), under the same keys and
/// in the same form as in the whole record.
#[derive(serde::Serialize)]
struct HitView<'a> {
    id: &'a str,
    title: &'a str,
    doc_numbers: &'a [crate::DocNumber],
    issuers: &'a [String],
    kind: crate::Kind,
    #[serde(skip_serializing_if = "Option::is_none")]
    written: Option<crate::Date>,
    #[serde(skip_serializing_if = "Option::is_none")]
    published: Option<crate::Date>,
    #[serde(skip_serializing_if = "Option::is_none")]
    year: Option<u16>,
    status: crate::Status,
    source: &'a crate::Source,
    content_hash: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    gazette: Option<&'a crate::GazetteRef>,
}

impl<'a> HitView<'a> {
    fn of(doc: &'a Document) -> HitView<'a> {
        HitView {
            id: &doc.id,
            title: &doc.title,
            doc_numbers: &doc.doc_numbers,
            issuers: &doc.issuers,
            kind: doc.kind,
            written: doc.written,
            published: doc.published,
            year: doc.year,
            status: doc.status,
            source: &doc.source,
            content_hash: &doc.content_hash,
            gazette: doc.gazette.as_ref(),
        }
    }
}
