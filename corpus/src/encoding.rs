//! Decoding file bytes: UTF-8 (with or without BOM), UTF-16 with BOM, GB18030/GBK, Big5.
//!
//! Order: a byte-order mark decides; else valid UTF-8 is UTF-8; else GB18030 is accepted only if
//! it decodes without a single error. Big5 (traditional Chinese) bytes almost always also decode
//! as GBK, into the wrong characters: so when fewer than 80% of the two-byte characters fall in
//! GB2312 (over 99% do in simplified Chinese text, about half in Big5 text read as GBK) and the
//! bytes are valid Big5, they are read as Big5. Nothing is ever decoded with replacement characters: bytes
//! that fit no encoding are a [`ReadError::Encoding`] naming the file and the line of the first
//! bad byte.

use std::path::Path;

use encoding_rs::{Encoding, BIG5, GB18030, UTF_16BE, UTF_16LE};

use crate::error::ReadError;

/// Which encoding a text was read in.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Detected {
    Utf8,
    Utf8Bom,
    Utf16,
    Gb18030,
    Big5,
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
    // No text in any of these encodings has a NUL byte; binary files (images, PDFs, archives)
    // mostly do, and short ones can otherwise pass for GB18030.
    if let Some(at) = bytes.iter().position(|&b| b == 0) {
        return Err(bad(
            path,
            bytes,
            at,
            "looks like a binary file, not text (it has a NUL byte)",
        ));
    }
    match std::str::from_utf8(bytes) {
        Ok(s) => Ok((s.to_owned(), Detected::Utf8)),
        Err(_) if gb2312_share(bytes) < 0.8 && strict(BIG5, bytes).is_some() => strict(BIG5, bytes)
            .map(|s| (s, Detected::Big5))
            .ok_or_else(|| bad(path, bytes, 0, "is not valid Big5")),
        Err(e) => strict(GB18030, bytes).map(|s| (s, Detected::Gb18030)).ok_or_else(|| {
            bad(
                path,
                bytes,
                e.valid_up_to().max(malformed_at(GB18030, bytes)),
                "is neither valid UTF-8 nor valid GB18030/GBK or Big5",
            )
        }),
    }
}

/// The share of two-byte GBK characters in `bytes` that are GB2312 (symbols and hanzi: both
/// bytes in 0xA1..=0xFE); 1.0 when there are none.
fn gb2312_share(bytes: &[u8]) -> f64 {
    let (mut pairs, mut gb2312, mut i) = (0usize, 0usize, 0);
    while i < bytes.len() {
        let b = bytes[i];
        if b < 0x80 {
            i += 1;
            continue;
        }
        // A GB18030 four-byte sequence: lead, digit, lead, digit.
        if bytes.get(i + 1).is_some_and(u8::is_ascii_digit) {
            i += 4;
            continue;
        }
        let Some(&t) = bytes.get(i + 1) else { break };
        pairs += 1;
        gb2312 += usize::from((0xA1..=0xFE).contains(&b) && (0xA1..=0xFE).contains(&t));
        i += 2;
    }
    if pairs == 0 {
        1.0
    } else {
        gb2312 as f64 / pairs as f64
    }
}

/// Where decoding `bytes` as `enc` first fails (`bytes.len()` when it does not).
fn malformed_at(enc: &'static Encoding, bytes: &[u8]) -> usize {
    let mut decoder = enc.new_decoder_without_bom_handling();
    let mut out = String::with_capacity(decoder.max_utf8_buffer_length(bytes.len()).unwrap_or(0));
    match decoder.decode_to_string_without_replacement(bytes, &mut out, true) {
        (encoding_rs::DecoderResult::Malformed(bad, after), read) => {
            read.saturating_sub(usize::from(bad) + usize::from(after))
        }
        _ => bytes.len(),
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

    // See: Big5 files were decoded as GBK without an error, into the wrong characters.
    #[test]
    fn reads_big5_as_big5_and_gbk_as_gbk() {
        let p = Path::new("t.txt");
        let traditional = "國務院辦公廳關於加強政務公開工作的通知，請各級機關認真貫徹執行。";
        let (big5, _, unmappable) = BIG5.encode(traditional);
        assert!(!unmappable);
        assert_eq!(decode(&big5, p).unwrap(), (traditional.to_owned(), Detected::Big5));
        let simplified = "国务院办公厅关于加强政务公开工作的通知，请各级机关认真贯彻执行。";
        let (gb, _, _) = GB18030.encode(simplified);
        assert_eq!(decode(&gb, p).unwrap(), (simplified.to_owned(), Detected::Gb18030));
    }

    // See: a PNG file named .html decoded as GB18030 (0x89 'P' is a valid GBK pair) and was
    // indexed as a document of garbage.
    #[test]
    fn rejects_binary_files() {
        let png = b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR\0\0\0\x10";
        let err = decode(png, Path::new("logo.html")).unwrap_err();
        assert!(err.to_string().contains("binary"), "{err}");
    }

    // See: a GBK file with one bad byte on line 2 was reported at line 1, offset 0 (where it
    // stopped being UTF-8), not where it stopped being GBK.
    #[test]
    fn reports_the_byte_no_encoding_reads() {
        let err = decode(b"\xbf\xd5\xb0\xd7 one\ntwo \xff\xff end", Path::new("gbk.txt")).unwrap_err();
        assert!(err.to_string().starts_with("gbk.txt:2: "), "{err}");
        assert!(err.to_string().contains("offset 13"), "{err}");
    }

    #[test]
    fn rejects_bytes_in_no_encoding() {
        let err = decode(b"line one\nline two \xFF\xFF end", Path::new("bad.txt")).unwrap_err();
        assert!(matches!(err, ReadError::Encoding { line: Some(2), .. }), "{err}");
        assert!(err.to_string().starts_with("bad.txt:2: "), "{err}");
    }
}
