//! JSONL (optionally zstd-compressed): one document a line, read as a stream.

use std::fs::File;
use std::io::{BufRead, BufReader, Cursor, Read};
use std::path::{Path, PathBuf};

use gongwen_schema::{Document, Kind};
use serde_json::Value;
use std::sync::Arc;

use crate::encoding::{self, LineEncoding};
use crate::error::ReadError;
use crate::record::{
    classification_as_disclosure, closed_flag, is_classification_label, is_disclosure_label, is_visibility_label,
    nested_disclosures, split_issuers, stated_disclosure, visibility_as_disclosure, At, RawRecord,
};
use crate::{Deferred, Pending, PendingRecords, ReadOptions};

/// Open a JSONL file (`.jsonl`, `.json`, or either compressed, `.zst`) as a stream of documents. Its lines are UTF-8
/// (a BOM is allowed), or GB18030/GBK or Big5 as detected from its first lines
/// ([`encoding::line_encoding`]); a file with a UTF-16 byte-order mark is decoded whole.
///
/// A file that is one JSON document rather than one record a line (a JSON array of records,
/// or records pretty-printed over many lines, as `jq` writes them) is read whole, each record
/// reported at the line where it starts.
pub(crate) fn open(path: &Path, zstd: bool, opts: &ReadOptions) -> Result<PendingRecords, ReadError> {
    let file = File::open(path).map_err(|e| ReadError::io(path, e))?;
    // An empty file holds no records, compressed or not (zstd would call it truncated).
    let empty = file.metadata().map(|m| m.len() == 0).unwrap_or(false);
    let mut inner: Box<dyn Read + Send> = if zstd && !empty {
        Box::new(zstd::stream::read::Decoder::new(file).map_err(|e| ReadError::io(path, e))?)
    } else {
        Box::new(file)
    };
    // A read error in the sample (a corrupt .zst) comes out after the lines before it, as
    // any later one does.
    let (sample, failed) = read_sample(&mut inner);
    if let Some(e) = failed {
        inner = Box::new(Failing(Some(e)));
    }
    let (reader, encoding): (Box<dyn BufRead + Send>, _) =
        if sample.starts_with(b"\xFF\xFE") || sample.starts_with(b"\xFE\xFF") {
            let mut all = sample;
            inner
                .take(MAX_WHOLE + 1)
                .read_to_end(&mut all)
                .map_err(|e| ReadError::io(path, e))?;
            too_large_whole(path, &all)?;
            let (text, _) = encoding::decode_declared(&all, path, None)?;
            if one_document(text.as_bytes()) {
                if let Some(records) = whole(path, &text, opts)? {
                    return Ok(records);
                }
            }
            (Box::new(Cursor::new(text.into_bytes())), Some(LineEncoding::Utf8))
        } else {
            let first = sample.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(&sample);
            // A sample of ASCII alone (records of ids, numbers and escaped text first) tells
            // nothing: the first line beyond ASCII decides (see `Records::next`).
            let encoding = (!first.is_ascii()).then(|| encoding::line_encoding(&first[..char_boundary(first)]));
            if let Some(LineEncoding::Legacy(enc)) = encoding {
                tracing::debug!(file = %path.display(), encoding = enc.name(), "JSONL lines decoded");
            }
            let document = one_document(first);
            let mut reader: Box<dyn BufRead + Send> =
                Box::new(BufReader::with_capacity(1 << 16, Cursor::new(sample).chain(inner)));
            if document {
                let mut all = Vec::new();
                let failed = (&mut reader).take(MAX_WHOLE + 1).read_to_end(&mut all).err();
                too_large_whole(path, &all)?;
                if failed.is_none() {
                    let bytes = all.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(&all);
                    let decoded = match encoding.unwrap_or_else(|| encoding::line_encoding(bytes)) {
                        LineEncoding::Utf8 => std::str::from_utf8(bytes).ok().map(str::to_owned),
                        LineEncoding::Legacy(enc) => encoding::decode_line(enc, bytes).ok(),
                        LineEncoding::Undecided => encoding::undecided_line(bytes).ok(),
                    };
                    if let Some(records) = decoded.map(|text| whole(path, &text, opts)).transpose()?.flatten() {
                        return Ok(records);
                    }
                }
                // Not one readable document after all (a JSONL file whose first record is
                // broken, bytes in no encoding, a stream cut short): read line by line, each
                // bad line reported, and a read error after the lines before it.
                reader = Box::new(BufReader::new(Cursor::new(all).chain(Failing(failed))));
            }
            (reader, encoding)
        };
    Ok(Box::new(Records {
        path: Arc::new(path.to_path_buf()),
        reader,
        line: 0,
        buf: Vec::new(),
        done: false,
        opts: *opts,
        encoding,
    }))
}

/// The records of an object that wraps them, as an API's answer does (`{"code": 200, "data":
/// [{…}, {…}]}`, `{"result": {"list": […]}}`): the one array of objects among its fields, looked
/// for `depth` levels down. `None` for an object that is a record itself (it has a title, a
/// body or an id) or that holds no such array, or more than one.
fn records_inside(value: &serde_json::value::RawValue, depth: u8) -> Option<Vec<&serde_json::value::RawValue>> {
    use serde_json::value::RawValue;
    if depth == 0 || !value.get().starts_with('{') {
        return None;
    }
    let fields: std::collections::BTreeMap<String, &RawValue> = serde_json::from_str(value.get()).ok()?;
    // A record's own fields, as English or Chinese columns name them.
    const RECORD: &[&str] = &[
        "id",
        "title",
        "body",
        "text",
        "content",
        "doc_number",
        "标题",
        "名称",
        "文件名称",
        "正文",
        "内容",
        "全文",
        "文号",
        "发文字号",
    ];
    if fields.keys().any(|k| RECORD.contains(&k.trim())) {
        return None;
    }
    let mut found = fields.values().filter_map(|v| {
        if v.get().starts_with('[') {
            let elements: Vec<&RawValue> = serde_json::from_str(v.get()).ok()?;
            (!elements.is_empty() && elements.iter().all(|e| e.get().starts_with('{'))).then_some(elements)
        } else {
            records_inside(v, depth - 1)
        }
    });
    let records = found.next()?;
    found.next().is_none().then_some(records)
}

/// Whether a file that starts with `sample` is one JSON document rather than a record a line:
/// it opens an array (`[`), or its first line opens an object it does not close (a record
/// printed over many lines).
fn one_document(sample: &[u8]) -> bool {
    let Some(start) = sample.iter().position(|b| !b.is_ascii_whitespace()) else {
        return false;
    };
    let rest = &sample[start..];
    let line = rest.split(|&b| b == b'\n').next().unwrap_or(rest);
    rest[0] == b'[' || (rest[0] == b'{' && line.trim_ascii_end().last() != Some(&b'}')) || {
        // An API's answer on one line (`curl … > answer.json`): a wrapper of records.
        std::str::from_utf8(line)
            .ok()
            .and_then(|l| serde_json::from_str::<&serde_json::value::RawValue>(l).ok())
            .is_some_and(|v| records_inside(v, 3).is_some())
    }
}

/// The records of a file that is one JSON document: the objects of a stream of objects and
/// arrays of objects, each with the line it starts at. `Ok(None)` when the text is not such a
/// document after all and is to be read line by line; an array that does not parse is an error
/// of the file (where it breaks), as its records cannot be told apart.
fn whole(path: &Path, text: &str, opts: &ReadOptions) -> Result<Option<PendingRecords>, ReadError> {
    use serde_json::value::RawValue;
    let line_at = |offset: usize| 1 + text.as_bytes()[..offset].iter().filter(|&&b| b == b'\n').count() as u64;
    let offset = |raw: &RawValue| raw.get().as_ptr() as usize - text.as_ptr() as usize;
    let mut items: Vec<(usize, &RawValue)> = Vec::new();
    let array = text.trim_start().starts_with('[');
    for value in serde_json::Deserializer::from_str(text).into_iter::<&RawValue>() {
        let value = match value {
            Ok(v) => v,
            Err(e) if array => {
                return Err(ReadError::Json {
                    path: path.to_path_buf(),
                    line: e.line() as u64,
                    message: format!(
                        "the file is a JSON array that does not parse, so none of its records is read: {e}"
                    ),
                })
            }
            Err(_) => return Ok(None),
        };
        if value.get().starts_with('[') {
            let elements: Vec<&RawValue> = serde_json::from_str(value.get()).map_err(|e| ReadError::Json {
                path: path.to_path_buf(),
                line: line_at(offset(value)),
                message: e.to_string(),
            })?;
            items.extend(elements.into_iter().map(|v| (offset(v), v)));
        } else if let Some(records) = records_inside(value, 3) {
            items.extend(records.into_iter().map(|v| (offset(v), v)));
        } else {
            items.push((offset(value), value));
        }
    }
    // Lines counted in one pass over the text, in the order the records start.
    let mut line = 1;
    let mut counted = 0;
    let path = Arc::new(path.to_path_buf());
    let records: Vec<Pending> = items
        .into_iter()
        .map(|(at, raw)| {
            line += text.as_bytes()[counted..at].iter().filter(|&&b| b == b'\n').count() as u64;
            counted = at;
            Pending(Deferred::Line {
                path: Arc::clone(&path),
                line,
                bytes: raw.get().as_bytes().to_vec(),
                opts: *opts,
            })
        })
        .collect();
    tracing::debug!(file = %path.display(), records = records.len(), "read as one JSON document");
    Ok(Some(Box::new(records.into_iter())))
}

/// Bytes read from the start of a file to decide its encoding: at least this many (or the
/// whole file), and on to the end of a line when one is longer, up to [`MAX_SAMPLE`].
const SAMPLE: usize = 64 << 10;
const MAX_SAMPLE: usize = 4 << 20;

fn read_sample(r: &mut dyn Read) -> (Vec<u8>, Option<std::io::Error>) {
    let mut sample = Vec::with_capacity(SAMPLE);
    loop {
        match r.take(SAMPLE as u64).read_to_end(&mut sample) {
            Err(e) => return (sample, Some(e)),
            Ok(0) => return (sample, None),
            Ok(_) if sample.len() >= MAX_SAMPLE || sample.contains(&b'\n') => return (sample, None),
            Ok(_) => {}
        }
    }
}

/// A reader that fails with the error it holds, once, then reads as empty.
struct Failing(Option<std::io::Error>);

impl Read for Failing {
    fn read(&mut self, _: &mut [u8]) -> std::io::Result<usize> {
        self.0.take().map_or(Ok(0), Err)
    }
}

/// The length of `sample` up to and including its last byte below 0x30 (a newline, a quote, a
/// comma, a space): never inside a character in UTF-8, GB18030 or Big5, whose multi-byte
/// characters have no byte below 0x30. The whole sample when it has none.
fn char_boundary(sample: &[u8]) -> usize {
    sample.iter().rposition(|&b| b < 0x30).map_or(sample.len(), |i| i + 1)
}

/// The longest line read as a record (the longest law is about 1 MiB). See (QA robustness
/// pass): a 67 KB `.jsonl.zst` holding one line of 2 GiB of zeros took 4.2 GB of memory
/// before the line was refused.
const MAX_LINE: u64 = 64 << 20;

/// Longest file read whole (one JSON document, or UTF-16 text), in bytes once decompressed:
/// such a file is held in memory, twice while it is decoded. See (QA robustness pass,
/// fourteenth session): a 17 KB `.jsonl.zst` holding one array padded with 512 MiB of spaces
/// took 1 GB.
const MAX_WHOLE: u64 = 256 << 20;

fn too_large_whole(path: &Path, read: &[u8]) -> Result<(), ReadError> {
    if read.len() as u64 > MAX_WHOLE {
        return Err(ReadError::invalid(
            path,
            None,
            format!(
                "the file is read whole (one JSON document, or UTF-16 text) and holds more than {} MiB: write it as JSONL in UTF-8, one record a line",
                MAX_WHOLE >> 20
            ),
        ));
    }
    Ok(())
}

/// Read past the rest of the current line (to its newline or the end), keeping none of it.
fn skip_line(r: &mut dyn BufRead) -> std::io::Result<()> {
    loop {
        let buf = r.fill_buf()?;
        if buf.is_empty() {
            return Ok(());
        }
        match buf.iter().position(|&b| b == b'\n') {
            Some(i) => {
                r.consume(i + 1);
                return Ok(());
            }
            None => {
                let n = buf.len();
                r.consume(n);
            }
        }
    }
}

/// The stream: one item per non-blank line; an I/O error ends it.
pub(crate) struct Records {
    path: Arc<PathBuf>,
    reader: Box<dyn BufRead + Send>,
    line: u64,
    buf: Vec<u8>,
    done: bool,
    opts: ReadOptions,
    /// How each line is decoded; `None` until a line beyond ASCII is met when the file's
    /// first lines were ASCII alone.
    encoding: Option<LineEncoding>,
}

impl Iterator for Records {
    type Item = Pending;

    fn next(&mut self) -> Option<Self::Item> {
        while !self.done {
            self.buf.clear();
            match (&mut self.reader).take(MAX_LINE + 1).read_until(b'\n', &mut self.buf) {
                Ok(0) => self.done = true,
                Ok(n) if n as u64 > MAX_LINE && !self.buf.ends_with(b"\n") => {
                    self.line += 1;
                    self.buf = Vec::new();
                    if let Err(e) = skip_line(&mut self.reader) {
                        self.done = true;
                        return Some(Pending::ready(Err(ReadError::io(&self.path, e))));
                    }
                    return Some(Pending::ready(Err(ReadError::invalid(
                        &self.path,
                        Some(self.line),
                        format!(
                            "the line is longer than {} MiB: no record is that long, so it is not read",
                            MAX_LINE >> 20
                        ),
                    ))));
                }
                Ok(_) => {
                    self.line += 1;
                    let mut bytes = &self.buf[..];
                    if self.line == 1 {
                        bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
                    }
                    if bytes.iter().all(u8::is_ascii_whitespace) {
                        continue;
                    }
                    let encoding = match self.encoding {
                        Some(e) => e,
                        None if bytes.is_ascii() => LineEncoding::Utf8,
                        None => {
                            // Decided by this line alone: a line too short to tell is UTF-8,
                            // and a line in another encoding is then reported, never misread.
                            let e = encoding::line_encoding(bytes);
                            if let LineEncoding::Legacy(enc) = e {
                                tracing::debug!(
                                    file = %self.path.display(),
                                    line = self.line,
                                    encoding = enc.name(),
                                    "JSONL lines decoded from the first line beyond ASCII"
                                );
                            }
                            *self.encoding.insert(e)
                        }
                    };
                    let decoded = match encoding {
                        LineEncoding::Utf8 => Ok(None),
                        LineEncoding::Legacy(enc) => encoding::decode_line(enc, bytes).map(Some),
                        LineEncoding::Undecided => encoding::undecided_line(bytes).map(Some),
                    };
                    let bytes = match decoded {
                        Ok(None) => bytes.to_vec(),
                        Ok(Some(text)) => text.into_bytes(),
                        Err(message) => {
                            return Some(Pending::ready(Err(ReadError::Encoding {
                                path: self.path.to_path_buf(),
                                line: Some(self.line),
                                message,
                            })))
                        }
                    };
                    return Some(Pending(Deferred::Line {
                        path: Arc::clone(&self.path),
                        line: self.line,
                        bytes,
                        opts: self.opts,
                    }));
                }
                Err(e) => {
                    self.done = true;
                    // A truncated or corrupt .zst shows up here, as an I/O error of the decoder.
                    let zstd = self.path.extension().is_some_and(|x| x == "zst");
                    return Some(Pending::ready(Err(if zstd {
                        ReadError::invalid(
                            &self.path,
                            Some(self.line + 1),
                            format!("the zstd stream is truncated or corrupt ({e}); the lines before were read"),
                        )
                    } else {
                        ReadError::io(&self.path, e)
                    })));
                }
            }
        }
        None
    }
}

/// The version of what reading makes of a record's bytes. Part of every source key, so that
/// a release that reads records differently (a restriction it now sees, a field it now maps)
/// reads every record again instead of skipping it as unchanged: bump it with such a change.
const READ_RULES: u32 = 3;

/// The id of a line (as [`record`] would give it) and a key of its bytes and `opts`.
pub(crate) fn key(path: &Path, line: u64, bytes: &[u8], opts: &ReadOptions) -> Option<(String, u64)> {
    #[derive(serde::Deserialize)]
    struct IdOnly {
        id: Option<Value>,
    }
    let text = std::str::from_utf8(bytes).ok()?;
    let head: IdOnly = serde_json::from_str(text).ok()?;
    let id = match head.id.as_ref().and_then(scalar).map(|s| s.trim().to_owned()) {
        Some(id) if !id.is_empty() => id,
        _ => crate::record::derived_id(&At {
            path,
            line: Some(line),
            index: None,
        }),
    };
    use sha2::Digest;
    let mut h = sha2::Sha256::new();
    h.update(format!("{READ_RULES}\n{opts:?}\n").as_bytes());
    h.update(bytes);
    let digest = h.finalize();
    let key = u64::from_le_bytes(digest[..8].try_into().ok()?);
    // 0 means "no key" in the index.
    Some((id, key.max(1)))
}

/// Parse, check and clean one line (the costly part of reading, run by [`Pending::resolve`]).
pub(crate) fn record(path: &Path, line: u64, bytes: &[u8], opts: &ReadOptions) -> Result<Document, ReadError> {
    let json_error = |message: String| ReadError::Json {
        path: path.to_path_buf(),
        line,
        message,
    };
    let text = std::str::from_utf8(bytes).map_err(|e| ReadError::Encoding {
        path: path.to_path_buf(),
        line: Some(line),
        message: format!("line is not valid UTF-8 (byte {} of the line)", e.valid_up_to() + 1),
    })?;
    let Entries(obj) = serde_json::from_str(text).map_err(|e| json_error(e.to_string()))?;
    let at = At {
        path,
        line: Some(line),
        index: None,
    };
    match to_raw(obj, &at) {
        Ok(raw) => raw.build(&at, opts),
        Err(e) => Err(refused_if_restricted(e, text, &at, opts)),
    }
}

/// A record that cannot be read (a title given as a list, a body as an object) but says it is
/// not public is refused, not only invalid: a copy the index holds under its id is withdrawn.
/// See (QA leak pass, fifteenth session): such a re-send left the earlier public copy served.
fn refused_if_restricted(e: ReadError, text: &str, at: &At<'_>, opts: &ReadOptions) -> ReadError {
    let Ok(Value::Object(mut map)) = serde_json::from_str::<Value>(text) else {
        return e;
    };
    let id = map.get("id").and_then(scalar);
    for k in ["title", "body", "text", "content"] {
        map.remove(k);
    }
    let mut stated = Vec::new();
    crate::record::nested_disclosures(&Value::Object(map), &mut stated);
    if matches!(
        crate::record::disclosure(&stated, opts),
        Ok(gongwen_schema::Disclosure::Public)
    ) {
        return e;
    }
    let why = match e {
        ReadError::Invalid { reason, .. } => reason,
        other => other.to_string(),
    };
    ReadError::Refused {
        path: at.path.to_path_buf(),
        line: at.line,
        id: crate::record::record_id(id.as_deref(), at),
        reason: format!("{why} (and the record says it is not public: the id is withdrawn)"),
    }
}

/// A record's fields in order, a key given twice kept twice: a record that states its
/// disclosure twice (`"disclosure": "不予公开", …, "disclosure": "主动公开"`) is as restricted as
/// the most restrictive of them, where a map would keep the last.
struct Entries(Vec<(String, Value)>);

impl<'de> serde::Deserialize<'de> for Entries {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct Fields;
        impl<'de> serde::de::Visitor<'de> for Fields {
            type Value = Entries;
            fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
                f.write_str("a JSON object")
            }
            fn visit_map<A: serde::de::MapAccess<'de>>(self, mut map: A) -> Result<Entries, A::Error> {
                let mut fields = Vec::with_capacity(map.size_hint().unwrap_or(16));
                while let Some(entry) = map.next_entry::<String, Value>()? {
                    fields.push(entry);
                }
                Ok(Entries(fields))
            }
        }
        d.deserialize_map(Fields)
    }
}

/// Map a JSON object to raw fields; fields the model has no place for go to `extra`.
fn to_raw(obj: Vec<(String, Value)>, at: &At<'_>) -> Result<RawRecord, ReadError> {
    let mut r = RawRecord::default();
    let bad = |field: &str, v: &Value| {
        ReadError::invalid(at.path, at.line, format!("field {field:?} has an unexpected value {v}"))
    };
    // `date`: the written date, unless `written_date` gives it (see below).
    let mut date_alias: Option<Value> = None;
    for (k, v) in obj {
        if v.is_null() {
            continue;
        }
        // A disclosure stated inside a field (`"meta": {"公开方式": "不予公开"}`) counts too, as
        // does a restrictive value under any key but the text's own.
        if !matches!(k.as_str(), "title" | "body" | "text" | "content") {
            nested_disclosures(&v, &mut r.disclosures);
        }
        r.disclosures.extend(closed_flag(&k, &v));
        r.disclosures.extend(crate::record::field_restriction(&k, &v));
        match k.as_str() {
            "id" => {
                // See (QA robustness pass): a number beyond 64 bits is read as a float, so
                // `123456789012345678901234567890` and `…891` became one id, and `1e2` and
                // `100` two; such an id is refused rather than rounded.
                if v.as_number().is_some_and(|n| n.is_f64()) {
                    return Err(ReadError::invalid(
                        at.path,
                        at.line,
                        format!(
                            "the id {v} is not a whole number of at most 19 digits, and would be read rounded: write it as a string"
                        ),
                    ));
                }
                r.id = Some(scalar(&v).ok_or_else(|| bad("id", &v))?)
            }
            "title" => r.title = Some(scalar(&v).ok_or_else(|| bad("title", &v))?),
            "body" | "text" | "content" => {
                let text = scalar(&v).ok_or_else(|| bad(&k, &v))?;
                // A body exported as a whole page: what its `<meta>` says of its disclosure
                // counts, as a page's does. See (QA leak pass, fourteenth session).
                if text.contains("<meta") || text.contains("<META") {
                    r.disclosures
                        .extend(crate::page::meta_restrictions(&crate::html::parse(&text).meta));
                }
                r.body = html_body(text)
            }
            "doc_number" | "doc_numbers" => r.numbers = strings(&v).ok_or_else(|| bad(&k, &v))?,
            "issuer" | "issuers" => {
                r.issuers = strings(&v)
                    .ok_or_else(|| bad(&k, &v))?
                    .iter()
                    .flat_map(|s| split_issuers(s))
                    .collect()
            }
            "kind" => {
                let named = scalar(&v).ok_or_else(|| bad("kind", &v))?;
                r.kind = crate::kind::kind_named(&named);
                if r.kind.is_none() && !named.trim().is_empty() {
                    tracing::warn!(
                        "{}{}: field \"kind\" has a value not understood, {named:?}: the kind is taken from the title (one of {})",
                        at.path.display(),
                        at.line.map_or(String::new(), |l| format!(":{l}")),
                        Kind::ALL.map(Kind::as_str).join(", ")
                    );
                }
            }
            "date" => date_alias = Some(v),
            "written_date" => r.written = Some(scalar(&v).ok_or_else(|| bad(&k, &v))?),
            "published_date" => r.published = Some(scalar(&v).ok_or_else(|| bad(&k, &v))?),
            "year" => {
                let y = match &v {
                    Value::Number(n) => n.as_u64(),
                    Value::String(s) => s.trim().parse().ok(),
                    _ => None,
                };
                r.year = Some(y.and_then(|y| u16::try_from(y).ok()).ok_or_else(|| bad("year", &v))?);
            }
            "status" => r.status = Some(scalar(&v).ok_or_else(|| bad(&k, &v))?),
            "topic" => r.topic = scalar(&v),
            "index_no" => r.index_no = scalar(&v),
            "url" => r.url = scalar(&v),
            "source" => r.origin = Some(v),
            // `disclosure` in any case, `公开方式`, `信息公开形式`, `是否公开`, …: each one
            // stated counts (the most restrictive applies), none is kept as an extra field.
            // `密级`: a classified record is refused, an internal one is not public.
            _ if is_classification_label(&k) => {
                let value = scalar(&v).ok_or_else(|| bad(&k, &v))?;
                r.disclosures.extend(classification_as_disclosure(&value));
            }
            // Why it is withheld (`不公开理由`), or that it is exempt (`是否免于公开: 是`).
            _ if crate::record::withholding(&k, &v) => r.disclosures.push("不予公开".to_owned()),
            // A column named 公开 alone is one too in a record (in a page, `公开：` starts text).
            // A category column under a disclosure name (`公开类别: 规范性文件`, `信息公开类型:
            // 通知公告`), as sites fill it with the kind of document: a disclosure value in it
            // counts, another says nothing. See (QA over-restriction pass, seventeenth session).
            _ if is_disclosure_label(&k)
                && ["类别", "类型", "分类"].iter().any(|w| k.trim().ends_with(w))
                && stated_disclosure(&v).is_some_and(|d| crate::record::disclosure_of(&d).is_none()) => {}
            _ if is_disclosure_label(&k) || k.trim() == "公开" => match stated_disclosure(&v) {
                Some(d) => r.disclosures.push(d),
                // A list or an object: each value in it is stated (the restrictive ones were
                // taken above); one with no value in it is stated as written, and refused.
                None => {
                    let mut items = Vec::new();
                    scalars(&v, &mut items);
                    if items.is_empty() {
                        return Err(bad(&k, &v));
                    }
                    r.disclosures.extend(items);
                }
            },
            // `is_public: false`, `visibility: "private"`: kept, and never made public.
            _ if is_visibility_label(&k) => {
                r.disclosures.extend(visibility_as_disclosure(&v));
                r.extra.insert(k, v);
            }
            _ => {
                if k == "validity_note" {
                    r.validity_note = scalar(&v);
                }
                // Columns named in Chinese or as other exports name them (`标题`, `发文字号`,
                // `正文`, `publish_time`): read as their field when that field is not given.
                // A column read as the title or the text is not kept beside it.
                if let Some(text) = scalar(&v) {
                    if alias(&mut r, &k, text) {
                        continue;
                    }
                }
                r.extra.insert(k, v);
            }
        }
    }
    if let Some(v) = date_alias {
        if r.written.is_none() {
            r.written = Some(scalar(&v).ok_or_else(|| bad("date", &v))?);
        } else if scalar(&v).as_deref() != r.written.as_deref() {
            // Beside `written_date`, a `date` that says otherwise is kept with the record, and
            // one that is no date is said. See (QA ingest pass, fourteenth session): it was
            // dropped without a word.
            let dated = scalar(&v).is_some_and(|s| {
                crate::dates::parse_value(s.trim()).is_some() || crate::dates::parse_partial(s.trim()).is_some()
            });
            if !dated {
                tracing::warn!(
                    file = %at.path.display(),
                    line = at.line.unwrap_or(0),
                    "field \"date\" is no date ({v}); \"written_date\" dates the record, and the value is kept as it is"
                );
            }
            r.extra.insert("date".to_owned(), v);
        }
    }
    Ok(r)
}

/// Fill the field a column names in other words (`标题`, `发文字号`, `发文机关`, `成文日期`,
/// `发布日期`, `正文`, `pub_date`, `publishTime`, …) when the record has not given it.
///
/// True when the column was read as the title or the text (not to be kept as well).
fn alias(r: &mut RawRecord, key: &str, text: String) -> bool {
    let k: String = key
        .chars()
        .filter(|c| !c.is_whitespace() && !matches!(c, '_' | '-'))
        .collect::<String>()
        .to_lowercase();
    match k.as_str() {
        "标题" | "名称" | "文件名称" | "文件标题" | "题名" | "wjbt" if r.title.is_none() => {
            r.title = Some(text);
            return true;
        }
        "正文" | "内容" | "全文" | "文件内容" if r.body.is_empty() => {
            r.body = html_body(text);
            return true;
        }
        "文号" | "发文字号" | "发文号" | "文件编号" | "fwzh" if r.numbers.is_empty() => {
            r.numbers = vec![text]
        }
        "发文机关" | "发布机关" | "发文单位" | "发布机构" | "制发机关" | "fwjg" if r.issuers.is_empty() => {
            r.issuers = split_issuers(&text)
        }
        "成文日期" | "印发日期" | "签发日期" | "cwrq" | "writtendate" if r.written.is_none() => {
            r.written = Some(text)
        }
        "发布日期" | "公布日期" | "发布时间" | "publishdate" | "publishtime" | "pubdate" | "pubtime"
        | "releasedate" | "fbrq" | "fbsj"
            if r.published.is_none() =>
        {
            r.published = Some(text)
        }
        "索引号" | "indexno" | "syh" if r.index_no.is_none() => r.index_no = Some(text),
        "主题分类" | "主题词" | "ztfl" if r.topic.is_none() => r.topic = Some(text),
        "状态" | "效力状态" | "时效性" | "有效性" if r.status.is_none() => r.status = Some(text),
        _ => {}
    }
    false
}

/// A body exported as the page's HTML (`<p>…</p>`, `&nbsp;`), as CMS exports give it: its text.
pub(crate) fn html_body(body: String) -> String {
    let head = &body[..body.char_indices().nth(2048).map_or(body.len(), |(i, _)| i)];
    let lower = head.to_ascii_lowercase();
    let html = ["<p>", "<p ", "<br", "</p>", "<div", "</div>", "<span", "<table"]
        .iter()
        .any(|t| lower.contains(t));
    if html {
        crate::html::html_to_text(&body)
    } else {
        body
    }
}

/// Every string and number inside a value.
fn scalars(v: &Value, out: &mut Vec<String>) {
    match v {
        Value::Array(items) => items.iter().for_each(|i| scalars(i, out)),
        Value::Object(map) => map.values().for_each(|i| scalars(i, out)),
        other => out.extend(scalar(other)),
    }
}

fn scalar(v: &Value) -> Option<String> {
    match v {
        Value::String(s) => Some(s.clone()),
        Value::Number(n) => Some(n.to_string()),
        _ => None,
    }
}

fn strings(v: &Value) -> Option<Vec<String>> {
    match v {
        Value::Array(a) => a.iter().map(scalar).collect(),
        _ => scalar(v).map(|s| vec![s]),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use gongwen_schema::Disclosure;
    use proptest::prelude::*;

    // See (QA over-restriction pass, seventeenth session): columns about something else that
    // name publication or secrecy (`是否公开征求意见`, `外网链接`, `是否经保密审查`, `内部编号`,
    // `releaseVersion`) restricted public records, and everyday public values (`是否公开:
    // "yes"`, `公开方式: 主动公开-政府网站`, `公开范围: 全省`, `密级: 非涉密`, `保密期限: 已解密`,
    // `公开类别: 规范性文件`) were refused. The restrictive columns still restrict.
    #[test]
    fn public_columns_stay_public_and_restrictive_ones_restrict() {
        let read = |field: &str| {
            let line = format!(
                r#"{{"id": "x", "title": "关于甲事项的通知", "body": "各单位：现将有关事项通知如下。", {field}}}"#
            );
            record(Path::new("r.jsonl"), 1, line.as_bytes(), &ReadOptions::default())
                .map(|d| d.disclosure)
                .map_err(|e| e.to_string())
        };
        for field in [
            r#""是否公开征求意见": "否""#,
            r#""是否公开招标": "否""#,
            r#""是否发布政策解读": "否""#,
            r#""是否同步发布英文版": "否""#,
            r#""对外贸易": "否""#,
            r#""外网链接": "无""#,
            r#""公示期": "无""#,
            r#""发布部门": "无""#,
            r#""是否经保密审查": "是""#,
            r#""保密审查": "是""#,
            r#""内部编号": 1"#,
            r#""internal_no": 1"#,
            r#""releaseVersion": 0"#,
            r#""发布序号": 0"#,
            r#""是否公开": "yes""#,
            r#""是否公开": "true""#,
            r#""是否公开": "１""#,
            r#""公开方式": "主动公开-政府网站""#,
            r#""公开方式": "主动公开：政府网站""#,
            r#""公开方式": "完全公开""#,
            r#""公开方式": "主动发布""#,
            r#""公开范围": "全省""#,
            r#""发布范围": "社会各界""#,
            r#""公开情况": "已公开""#,
            r#""公开类别": "规范性文件""#,
            r#""密级": "非涉密""#,
            r#""密级": "一般""#,
            r#""密级": "0""#,
            r#""保密期限": "已解密""#,
            r#""保密期限": "非涉密""#,
            r#""解密日期": "2010-01-01""#,
            r#""accessLevel": "everyone""#,
        ] {
            assert_eq!(read(field), Ok(Disclosure::Public), "{field}");
        }
        for (field, want) in [
            (r#""是否公开": "否""#, Disclosure::NotPublic),
            (r#""是否向社会公开": "否""#, Disclosure::NotPublic),
            (r#""公开否": "否""#, Disclosure::NotPublic),
            (r#""是否外网发布": "否""#, Disclosure::NotPublic),
            (r#""开放状态": "控制使用""#, Disclosure::NotPublic),
            (r#""是否保密": "是""#, Disclosure::NotPublic),
            (r#""内部文件": "是""#, Disclosure::NotPublic),
            (r#""是否属于不予公开范围": "是""#, Disclosure::NotPublic),
            (r#""是否依申请公开": "是""#, Disclosure::OnRequest),
            (r#""is_secret": true"#, Disclosure::NotPublic),
            (r#""公开方式": "依申请公开-书面申请""#, Disclosure::OnRequest),
            (r#""公开类别": "不予公开""#, Disclosure::NotPublic),
            (r#""信息公开类别": "依申请""#, Disclosure::OnRequest),
            (r#""公开方式代码名称": "依申请""#, Disclosure::OnRequest),
            (r#""是否在网站公开": "否""#, Disclosure::NotPublic),
            (r#""是否允许公开": "否""#, Disclosure::NotPublic),
            (r#""可公开": "否""#, Disclosure::NotPublic),
            (r#""公开与否": "否""#, Disclosure::NotPublic),
            (r#""是否上网发布": "否""#, Disclosure::NotPublic),
            (r#""是否涉及国家秘密": "是""#, Disclosure::NotPublic),
            (r#""开放属性": "不开放""#, Disclosure::NotPublic),
            (r#""开放鉴定": "控制""#, Disclosure::NotPublic),
        ] {
            assert_eq!(read(field), Ok(want), "{field}");
        }
        for field in [
            r#""保密期限": "1年""#,
            r#""密级": "秘密""#,
            r#""解密日期": "2099-01-01""#,
        ] {
            assert!(read(field).is_err(), "{field}: classified, refused");
        }
    }

    proptest! {
        // A sample cut at `char_boundary` ends on a whole character in every encoding the
        // lines may be in: it decodes exactly to a prefix of the text.
        #[test]
        fn the_sample_is_cut_between_characters(text in "[a-z0-9 \",:{}\\n，。、国务院关于印發辦國貫徹€é\u{20000}]{0,80}", keep in 0usize..200) {
            for enc in [encoding_rs::UTF_8, encoding_rs::GB18030, encoding_rs::BIG5] {
                let (bytes, _, unmappable) = enc.encode(&text);
                if unmappable {
                    continue;
                }
                let sample = &bytes[..keep.min(bytes.len())];
                let cut = &sample[..char_boundary(sample)];
                if sample.iter().any(|&b| b < 0x30) || sample.len() == bytes.len() {
                    let decoded = enc.decode_without_bom_handling_and_without_replacement(cut);
                    prop_assert!(decoded.is_some_and(|d| text.starts_with(&*d)), "{} {:?}", enc.name(), cut);
                }
            }
        }
    }

    // See (QA robustness pass, fourteenth session): a small `.jsonl.zst` holding one array
    // padded with spaces was read whole whatever its size (1 GB for 17 KB).
    #[test]
    fn a_file_read_whole_has_a_bound() {
        use std::io::Write;
        let tmp = tempfile::tempdir().expect("tempdir");
        let path = tmp.path().join("arr.jsonl.zst");
        let mut z = zstd::stream::write::Encoder::new(File::create(&path).expect("create"), 1).expect("zstd");
        z.write_all(br#"[{"id":"a","title":"t","body":"b"}"#).expect("write");
        let spaces = vec![b' '; 1 << 20];
        for _ in 0..=(MAX_WHOLE >> 20) {
            z.write_all(&spaces).expect("write");
        }
        z.write_all(b"]").expect("write");
        z.finish().expect("finish");
        let e = open(&path, true, &ReadOptions::default()).err().expect("refused");
        assert!(e.to_string().contains("read whole"), "{e}");
    }
}
