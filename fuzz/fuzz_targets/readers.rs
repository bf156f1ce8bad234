//! Readers: arbitrary bytes as a .jsonl, .html, .txt or .md file never panic; every error
//! names the file; every document has a title or a body, the hash of its text, and no
//! personal number left unmasked (the default PII mode).
#![no_main]

use std::io::Write;

use gongwen_corpus::{read_file, ReadOptions};
use libfuzzer_sys::fuzz_target;

const KINDS: [&str; 4] = ["jsonl", "html", "txt", "md"];

fuzz_target!(|data: &[u8]| {
    let Some((&k, bytes)) = data.split_first() else {
        return;
    };
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir
        .path()
        .join(format!("input.{}", KINDS[usize::from(k) % KINDS.len()]));
    std::fs::File::create(&path)
        .and_then(|mut f| f.write_all(bytes))
        .expect("write input");
    let shown = path.display().to_string();
    let records = match read_file(&path, &ReadOptions::default()) {
        Ok(r) => r,
        Err(e) => {
            assert_eq!(e.path(), path.as_path());
            assert!(e.to_string().starts_with(&shown), "{e}");
            return;
        }
    };
    for r in records.take(10_000) {
        match r {
            Ok(d) => {
                assert!(!d.title.is_empty() || !d.body.is_empty());
                assert_eq!(d.content_hash, d.compute_hash());
                assert!(gongwen_corpus::pii::find(&d.title).is_empty(), "unmasked: {}", d.title);
                assert!(gongwen_corpus::pii::find(&d.body).is_empty(), "unmasked: {}", d.body);
            }
            Err(e) => {
                assert_eq!(e.path(), path.as_path());
                assert!(e.to_string().starts_with(&shown), "{e}");
            }
        }
    }
});
