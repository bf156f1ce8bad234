//! Snippets: highlights lie inside the text shown, sorted and disjoint, each covering a
//! needle (folded); the window is bounded; the HTML escapes every `<`.
#![no_main]

use gongwen_query::snippet::{best_window, highlight_all, prepare};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Some((&w, rest)) = data.split_first() else {
        return;
    };
    let s = String::from_utf8_lossy(rest);
    // `text|needle|needle…`
    let mut parts = s.split('|');
    let text = parts.next().unwrap_or_default().to_string();
    let raw: Vec<String> = parts.take(8).map(str::to_string).collect();
    let needles = prepare(&raw);
    let width = usize::from(w);
    let window = best_window(&text, &needles, width);
    let chars = text.chars().count();
    for (snip, bound) in [(window, width.max(10) + 2), (highlight_all(&text, &needles), chars)] {
        let shown: Vec<char> = snip.text.chars().collect();
        assert!(shown.len() <= bound, "{} chars shown, bound {bound}", shown.len());
        let mut last = 0;
        for &(a, b) in &snip.highlights {
            assert!(a < b && b <= shown.len() && a >= last, "{a}..{b} of {}", shown.len());
            last = b;
        }
        assert_eq!(snip.html.matches("<em>").count(), snip.highlights.len());
        let unescaped = snip.html.replace("<em>", "").replace("</em>", "");
        assert!(!unescaped.contains('<') && !unescaped.contains('>'), "{}", snip.html);
    }
});
