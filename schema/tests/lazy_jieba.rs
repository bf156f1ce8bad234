//! jieba's dictionary is loaded when words are first cut, not when an index is opened: in a
//! test binary of its own, as the dictionary is one per process.

use gongwen_schema::analyzer::{self, WORDS};
use gongwen_schema::Fields;

#[test]
fn opening_an_index_does_not_load_the_dictionary_cutting_words_does() {
    let index = tantivy::Index::create_in_ram(Fields::new().schema);
    analyzer::register(&index);
    let mut words = index.tokenizers().get(WORDS).expect("registered");
    assert!(!analyzer::jieba_loaded(), "registering the tokenizers loaded jieba");
    let mut stream = words.token_stream("关于政务公开的通知");
    let mut texts = Vec::new();
    while stream.advance() {
        texts.push(stream.token().text.clone());
    }
    assert!(analyzer::jieba_loaded());
    assert!(texts.contains(&"政务公开".to_string()), "{texts:?}");
}
