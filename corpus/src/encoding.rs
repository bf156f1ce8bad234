//! Decoding file bytes: UTF-8 (with or without BOM), UTF-16 with BOM, GB18030/GBK.
//!
//! Order: a byte-order mark decides; else valid UTF-8 is UTF-8; else GB18030 is accepted only if
//! it decodes without a single error. Nothing is ever decoded with replacement characters: bytes
//! that fit no encoding are a [`ReadError::Encoding`] naming the file and the line of the first
//! bad byte.

use std::path::Path;

use encoding_rs::{Encoding, GB18030, UTF_16BE, UTF_16LE};

use crate::error::ReadError;

/// Which encoding a text was read in.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Detected {
    Utf8,
    Utf8Bom,
    Utf16,
    Gb18030,
}

/// Decode `bytes` of the file `path`.
pub(crate) fn decode(bytes: &[u8], path: &Path) -> Result<(String, Detected), ReadError> {
    if let Some(rest) = bytes.strip_prefix(b"\xEF\xBB\xBF") {
        return match std::str::from_utf8(rest) {
            Ok(s) => Ok((s.to_owned(), Detected::Utf8Bom)),
            Err(e) => Err(bad(
                path,
                rest,
                e.valid_up_to(),
                "has a UTF-8 byte-order mark but is not valid UTF-8",
            )),
        };
    }
    for (bom, enc) in [(&b"\xFF\xFE"[..], UTF_16LE), (&b"\xFE\xFF"[..], UTF_16BE)] {
        if let Some(rest) = bytes.strip_prefix(bom) {
            return strict(enc, rest)
                .map(|s| (s, Detected::Utf16))
                .ok_or_else(|| bad(path, rest, 0, "has a UTF-16 byte-order mark but is not valid UTF-16"));
        }
    }
    match std::str::from_utf8(bytes) {
        Ok(s) => Ok((s.to_owned(), Detected::Utf8)),
        Err(e) => strict(GB18030, bytes).map(|s| (s, Detected::Gb18030)).ok_or_else(|| {
            bad(
                path,
                bytes,
                e.valid_up_to(),
                "is neither valid UTF-8 nor valid GB18030/GBK",
            )
        }),
    }
}

fn strict(enc: &'static Encoding, bytes: &[u8]) -> Option<String> {
    enc.decode_without_bom_handling_and_without_replacement(bytes)
        .map(|c| c.into_owned())
}

fn bad(path: &Path, bytes: &[u8], offset: usize, what: &str) -> ReadError {
    let offset = offset.min(bytes.len());
    let line = bytes[..offset].iter().filter(|b| **b == b'\n').count() as u64 + 1;
    ReadError::Encoding {
        path: path.to_path_buf(),
        line: Some(line),
        message: format!("file {what} (first undecodable byte at offset {offset})"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn detects_each_encoding() {
        let p = Path::new("t.txt");
        let text = "国务院关于印发电力体制改革方案的通知\n国发〔2002〕5号";
        assert_eq!(decode(text.as_bytes(), p).unwrap(), (text.to_owned(), Detected::Utf8));
        let mut bom = b"\xEF\xBB\xBF".to_vec();
        bom.extend_from_slice(text.as_bytes());
        assert_eq!(decode(&bom, p).unwrap(), (text.to_owned(), Detected::Utf8Bom));
        let (gb, _, _) = GB18030.encode(text);
        assert_eq!(decode(&gb, p).unwrap(), (text.to_owned(), Detected::Gb18030));
        let mut u16 = b"\xFF\xFE".to_vec();
        for u in text.encode_utf16() {
            u16.extend_from_slice(&u.to_le_bytes());
        }
        assert_eq!(decode(&u16, p).unwrap(), (text.to_owned(), Detected::Utf16));
    }

    #[test]
    fn rejects_bytes_in_no_encoding() {
        let err = decode(b"line one\nline two \xFF\xFF end", Path::new("bad.txt")).unwrap_err();
        assert!(matches!(err, ReadError::Encoding { line: Some(2), .. }), "{err}");
        assert!(err.to_string().starts_with("bad.txt:2: "), "{err}");
    }
}
