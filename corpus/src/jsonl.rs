//! JSONL (optionally zstd-compressed): one document a line, read as a stream.

use std::fs::File;
use std::io::{BufRead, BufReader};
use std::path::{Path, PathBuf};

use gongwen_schema::{Document, Kind};
use serde_json::{Map, Value};
use std::sync::Arc;

use crate::error::ReadError;
use crate::record::{is_disclosure_label, split_issuers, At, RawRecord};
use crate::{Deferred, Pending, ReadOptions};

/// Open a JSONL file (`.jsonl` or `.jsonl.zst`) as a stream of documents.
pub(crate) fn open(path: &Path, zstd: bool, opts: &ReadOptions) -> Result<Records, ReadError> {
    let file = File::open(path).map_err(|e| ReadError::io(path, e))?;
    // An empty file holds no records, compressed or not (zstd would call it truncated).
    let empty = file.metadata().map(|m| m.len() == 0).unwrap_or(false);
    let reader: Box<dyn BufRead + Send> = if zstd && !empty {
        let dec = zstd::stream::read::Decoder::new(file).map_err(|e| ReadError::io(path, e))?;
        Box::new(BufReader::with_capacity(1 << 16, dec))
    } else {
        Box::new(BufReader::with_capacity(1 << 16, file))
    };
    Ok(Records {
        path: Arc::new(path.to_path_buf()),
        reader,
        line: 0,
        buf: Vec::new(),
        done: false,
        opts: *opts,
    })
}

/// The stream: one item per non-blank line; an I/O error ends it.
pub(crate) struct Records {
    path: Arc<PathBuf>,
    reader: Box<dyn BufRead + Send>,
    line: u64,
    buf: Vec<u8>,
    done: bool,
    opts: ReadOptions,
}

impl Iterator for Records {
    type Item = Pending;

    fn next(&mut self) -> Option<Self::Item> {
        while !self.done {
            self.buf.clear();
            match self.reader.read_until(b'\n', &mut self.buf) {
                Ok(0) => self.done = true,
                Ok(_) => {
                    self.line += 1;
                    let mut bytes = &self.buf[..];
                    if self.line == 1 {
                        bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
                    }
                    if bytes.iter().all(u8::is_ascii_whitespace) {
                        continue;
                    }
                    return Some(Pending(Deferred::Line {
                        path: Arc::clone(&self.path),
                        line: self.line,
                        bytes: bytes.to_vec(),
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
    h.update(format!("{opts:?}\n").as_bytes());
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
    let value: Value = serde_json::from_str(text).map_err(|e| json_error(e.to_string()))?;
    let Value::Object(obj) = value else {
        return Err(json_error("expected a JSON object".into()));
    };
    let at = At {
        path,
        line: Some(line),
        index: None,
    };
    to_raw(obj, &at)?.build(&at, opts)
}

/// Map a JSON object to raw fields; fields the model has no place for go to `extra`.
fn to_raw(obj: Map<String, Value>, at: &At<'_>) -> Result<RawRecord, ReadError> {
    let mut r = RawRecord::default();
    let bad = |field: &str, v: &Value| {
        ReadError::invalid(at.path, at.line, format!("field {field:?} has an unexpected value {v}"))
    };
    for (k, v) in obj {
        if v.is_null() {
            continue;
        }
        match k.as_str() {
            "id" => r.id = Some(scalar(&v).ok_or_else(|| bad("id", &v))?),
            "title" => r.title = Some(scalar(&v).ok_or_else(|| bad("title", &v))?),
            "body" | "text" | "content" => r.body = scalar(&v).ok_or_else(|| bad(&k, &v))?,
            "doc_number" | "doc_numbers" => r.numbers = strings(&v).ok_or_else(|| bad(&k, &v))?,
            "issuer" | "issuers" => {
                r.issuers = strings(&v)
                    .ok_or_else(|| bad(&k, &v))?
                    .iter()
                    .flat_map(|s| split_issuers(s))
                    .collect()
            }
            "kind" => r.kind = Some(serde_json::from_value::<Kind>(v.clone()).map_err(|_| bad("kind", &v))?),
            "date" => {
                if r.written.is_none() {
                    r.written = Some(scalar(&v).ok_or_else(|| bad("date", &v))?);
                }
            }
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
            _ if is_disclosure_label(&k) => {
                let value = match &v {
                    Value::Bool(true) => Some("是".to_owned()),
                    Value::Bool(false) => Some("否".to_owned()),
                    _ => scalar(&v),
                };
                r.disclosures.push(value.ok_or_else(|| bad(&k, &v))?);
            }
            _ => {
                if k == "validity_note" {
                    r.validity_note = scalar(&v);
                }
                r.extra.insert(k, v);
            }
        }
    }
    Ok(r)
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
