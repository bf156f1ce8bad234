//! Document numbers: parsing is a fixed point on the canonical spelling, and extraction gives
//! ordered, disjoint ranges on char boundaries whose text parses to the number found.
#![no_main]

use gongwen_schema::{extract, DocNumber, PartialDocNumber};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let s = String::from_utf8_lossy(data);
    if let Ok(n) = DocNumber::parse(&s) {
        let canonical = n.canonical();
        let again = DocNumber::parse(&canonical).expect("the canonical spelling parses");
        assert_eq!(again, n, "{canonical}");
        assert_eq!(again.canonical(), canonical);
    }
    let _ = PartialDocNumber::parse(&s);
    let mut last_end = 0;
    for f in extract(&s) {
        assert!(
            f.start < f.end && f.end <= s.len(),
            "{}..{} of {}",
            f.start,
            f.end,
            s.len()
        );
        assert!(s.is_char_boundary(f.start) && s.is_char_boundary(f.end));
        assert!(f.start >= last_end, "overlapping or unordered at {}", f.start);
        last_end = f.end;
        let canonical = f.number.canonical();
        assert_eq!(
            DocNumber::parse(&canonical).ok().as_ref(),
            Some(&f.number),
            "extracted number {canonical} does not re-parse"
        );
    }
});
