//! Query understanding never panics; what it reads out is consistent: numbers re-parse, the
//! text keeps no exclusion, and snippets built from the query's needles stay on characters.
#![no_main]

use gongwen_query::snippet::{best_window, highlight_all, prepare};
use gongwen_query::understand::parse;
use gongwen_schema::DocNumber;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let q = String::from_utf8_lossy(data);
    let p = parse(&q);
    for n in &p.numbers {
        assert_eq!(DocNumber::parse(&n.canonical()).ok().as_ref(), Some(n));
    }
    for w in &p.excluded {
        assert!(!w.is_empty());
    }
    for ph in &p.phrases {
        assert!(!ph.trim().is_empty());
    }
    for chunk in p.text.split_whitespace() {
        assert!(!chunk.starts_with('-') && !chunk.starts_with('－'), "{chunk}");
    }
    assert_eq!(
        p.is_empty(),
        p.numbers.is_empty() && p.partials.is_empty() && p.phrases.is_empty() && p.text.trim().is_empty()
    );
    let mut needles: Vec<String> = p.phrases.clone();
    needles.extend(p.text.split_whitespace().map(str::to_string));
    needles.extend(p.numbers.iter().map(DocNumber::canonical));
    let needles = prepare(&needles);
    for s in [highlight_all(&q, &needles), best_window(&q, &needles, 40)] {
        let n = s.text.chars().count();
        let mut last = 0;
        for &(a, b) in &s.highlights {
            assert!(a < b && b <= n && a >= last, "{a}..{b} of {n}");
            last = b;
        }
    }
});
