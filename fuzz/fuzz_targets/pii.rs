//! Personal numbers: masking keeps the length in characters, leaves nothing to find, is a
//! fixed point, and only ever turns digits into `*`.
#![no_main]

use gongwen_corpus::pii::{find, mask};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let s = String::from_utf8_lossy(data);
    let found = find(&s);
    let n = s.chars().count();
    let mut last = 0;
    for m in &found {
        assert!(m.start < m.end && m.end <= n && m.start >= last);
        last = m.end;
    }
    let (masked, counts) = mask(&s);
    assert_eq!(counts.total() as usize, found.len());
    assert_eq!(masked.chars().count(), n);
    for (a, b) in s.chars().zip(masked.chars()) {
        assert!(a == b || b == '*', "{a:?} became {b:?}");
    }
    assert!(find(&masked).is_empty(), "still personal after masking: {masked}");
    assert_eq!(mask(&masked).0, masked);
});
