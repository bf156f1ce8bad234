//! Document numbers measured on the real corpus in `../shared/corpus`.
//!
//! Run with `cargo test -p gongwen-schema --test corpus_numbers -- --nocapture` to see the figures.

use std::path::PathBuf;

use gongwen_schema::{extract, DocNumber};

fn corpus_dir() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../shared/corpus")
}

fn records() -> Vec<serde_json::Value> {
    let mut out = Vec::new();
    for name in ["gov_docs.jsonl", "govcn_zhengce_2019dump.jsonl", "shanghai_docs.jsonl"] {
        let path = corpus_dir().join(name);
        let text = std::fs::read_to_string(&path)
            .unwrap_or_else(|e| panic!("{}: {e} (the corpus must sit at ../shared/corpus)", path.display()));
        for line in text.lines() {
            out.push(serde_json::from_str(line).expect("corpus line is JSON"));
        }
    }
    out
}

/// `doc_number` values that are not document numbers at all: the corpus README documents a
/// 文号 of just `号` on some 绿化市容局 rows. Everything else counts against the parser,
/// including serials in Chinese numerals (`中华人民共和国主席令第七十三号`).
fn is_real_number(s: &str) -> bool {
    !matches!(s.trim(), "" | "号")
}

#[test]
fn corpus_doc_numbers_parse_and_bodies_yield_numbers() {
    let records = records();
    let numbers: Vec<&str> = records.iter().filter_map(|r| r["doc_number"].as_str()).collect();
    let real: Vec<&str> = numbers.iter().copied().filter(|s| is_real_number(s)).collect();
    let failed: Vec<&str> = real.iter().copied().filter(|s| DocNumber::parse(s).is_err()).collect();
    let share = 1.0 - failed.len() as f64 / real.len() as f64;
    println!(
        "doc_number values: {}, real numbers: {}, parsed: {}, share {:.4}",
        numbers.len(),
        real.len(),
        real.len() - failed.len(),
        share
    );
    for f in &failed {
        println!("  not parsed: {f}");
    }
    assert!(real.len() >= 1400, "expected the whole corpus, saw {}", real.len());
    assert!(share >= 0.99, "only {share:.4} of corpus doc numbers parse");

    // Each record's own number, where printed in its body, is found by extraction.
    let mut in_body = 0usize;
    let mut found_own = 0usize;
    let mut total_found = 0usize;
    let mut docs_with = 0usize;
    for r in &records {
        let body = r["body"].as_str().unwrap_or_default();
        let found = extract(body);
        // Scanning only around anchors finds what scanning the whole body finds.
        assert_eq!(
            found,
            gongwen_schema::extract_scanning_all(body),
            "windowed extraction differs in {}",
            r["id"]
        );
        total_found += found.len();
        docs_with += usize::from(!found.is_empty());
        if let Some(own) = r["doc_number"].as_str().and_then(|s| DocNumber::parse(s).ok()) {
            if body.contains(own.printed()) {
                in_body += 1;
                found_own += usize::from(found.iter().any(|f| f.number == own));
            }
        }
    }
    println!("extraction: {total_found} numbers in {docs_with} of {} bodies; own number printed in body: {in_body}, found: {found_own}", records.len());
    assert!(total_found >= 3500, "extraction found only {total_found}");
    assert!(
        found_own as f64 >= 0.98 * in_body as f64,
        "own number found in {found_own} of {in_body} bodies"
    );
}
