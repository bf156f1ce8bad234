//! The one Chinese analyzer, used when writing the index and when reading queries.
//!
//! Two tokenizers are registered with tantivy, both fed by the same character folding:
//!
//! * [`WORDS`] (`gw_words`): jieba-rs words with the government vocabulary
//!   (`dict/gov_vocab.txt`). Document numbers found by [`crate::extract`] are kept whole as
//!   one token in their canonical spelling, so `国办发[2018]59号` in a text and
//!   `国办发〔2018〕59号` in a query meet. Jieba's search mode adds the dictionary words inside a
//!   long word (公开 inside 政务公开) **at the position of the word that contains them**, like
//!   synonyms: sub-words give recall, and phrase positions stay those of the default cut.
//! * [`GRAMS`] (`gw_grams`): overlapping character bigrams of each CJK run (a lone CJK
//!   character gives itself), Latin words and numbers whole. The bigrams of a run take
//!   consecutive positions and one position is left empty after each run and word, so a
//!   quoted or pasted fragment becomes a phrase of bigrams that matches any substring of the
//!   text, whatever jieba would have cut at the fragment's edges, and never two runs that
//!   punctuation separates (schema 5). A run's last character is also a token of its own,
//!   marked as a run's end (`<鼠`, [`RUN_END`]), after the run (schema 8): every
//!   character of a run then starts a token, so one character, or a fragment whose edge piece
//!   between punctuation is one character (`言，传统` in `而言，传统`), is found wherever it
//!   stands ([`query_grams`] gives the phrase a query is searched as). A line break between
//!   two CJK characters does not end their run (schema 8): PDF text wraps lines inside words.
//!   A decimal's fraction is a token of its own with its point (`1.2` gives `1`, `.2`), and a
//!   percent sign after a number is one (`18%` gives `18`, `%`) (schema 10): `2万元` is not
//!   found in `1.2万元`, nor `18%` by every 18.
//!
//! Where each is used (schema 4): titles are indexed both ways; bodies as bigrams only. Words
//! give titles BM25 sensible units and the query its units (each query word is required, in
//! the title as a word or in the body as the phrase of its bigrams); bigrams give exact
//! substring matching for phrases and fragments, which jieba words alone miss when a fragment
//! starts mid-word. A body word field as well doubled the indexing work (measured: 37% of
//! indexing time) and did not change the relevance figures (BENCHMARKS.md).
//!
//! Folding, for both: full-width letters, digits, `．` and `％` to ASCII, Latin lowercased, traditional
//! characters to simplified ones ([`crate::hanzi`], schema 9); punctuation never becomes a
//! token. Offsets always point into the original text, on
//! character boundaries.

use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, OnceLock};

use jieba_rs::Jieba;
use tantivy::tokenizer::{Token, TokenStream, Tokenizer};

/// Name of the word tokenizer in tantivy's tokenizer manager.
pub const WORDS: &str = "gw_words";
/// Name of the bigram tokenizer in tantivy's tokenizer manager.
pub const GRAMS: &str = "gw_grams";

const GOV_VOCAB: &str = include_str!("../dict/gov_vocab.txt");

static JIEBA: OnceLock<Arc<Jieba>> = OnceLock::new();

/// The shared jieba instance: the default dictionary plus the government vocabulary. Loaded
/// once per process, when first asked for; every tokenizer clone shares it.
pub fn jieba() -> Arc<Jieba> {
    JIEBA
        .get_or_init(|| {
            let mut j = Jieba::new();
            for line in GOV_VOCAB.lines().filter(|l| !l.starts_with('#')) {
                let mut parts = line.split_whitespace();
                if let Some(word) = parts.next() {
                    let freq = parts.next().and_then(|f| f.parse().ok());
                    j.add_word(word, freq, parts.next());
                }
            }
            Arc::new(j)
        })
        .clone()
}

/// The government vocabulary's terms, in its order (`dict/gov_vocab.txt`).
pub fn vocabulary() -> impl Iterator<Item = &'static str> {
    GOV_VOCAB
        .lines()
        .filter(|l| !l.starts_with('#'))
        .filter_map(|l| l.split_whitespace().next())
}

/// Whether this process has loaded jieba's dictionary yet.
pub fn jieba_loaded() -> bool {
    JIEBA.get().is_some()
}

/// Register both tokenizers on an index. Call it on every index you open or create.
pub fn register(index: &tantivy::Index) {
    let manager = index.tokenizers();
    manager.register(WORDS, WordTokenizer::new());
    manager.register(GRAMS, GramTokenizer::default());
}

/// [`register`], with a bigram tokenizer that adds the length of every text it is given to
/// `fed`: an index writer's threads take a document's texts when they start on it, so a
/// writer's caller can tell how much of what it sent is still waiting (the indexer bounds
/// that in bytes; tantivy's own queue is 10,000 documents whatever their size).
pub fn register_counting(index: &tantivy::Index, fed: Arc<AtomicU64>) {
    let manager = index.tokenizers();
    manager.register(WORDS, WordTokenizer::new());
    manager.register(GRAMS, GramTokenizer { fed: Some(fed) });
}

/// One analysed token: folded text and byte offsets into the original text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AnalyzedToken {
    /// The term as indexed.
    pub text: String,
    /// Byte offset of the first character in the original text.
    pub from: usize,
    /// Byte offset one past the last character.
    pub to: usize,
    /// Token position (sub-words share the position of their word).
    pub position: usize,
}

/// `text` with its characters folded one for one, and the byte maps between the two when
/// folding changed any character's length (otherwise offsets are the same in both).
struct Folded<'a> {
    text: std::borrow::Cow<'a, str>,
    /// folded byte offset -> original byte offset (only at character starts, and the end).
    to_orig: Vec<u32>,
    /// original byte offset -> folded byte offset (only at character starts, and the end).
    to_folded: Vec<u32>,
}

impl Folded<'_> {
    fn orig(&self, folded: usize) -> usize {
        if self.to_orig.is_empty() {
            folded
        } else {
            self.to_orig[folded] as usize
        }
    }
    fn folded(&self, orig: usize) -> usize {
        if self.to_folded.is_empty() {
            orig
        } else {
            self.to_folded[orig] as usize
        }
    }
}

/// Full-width letters and digits become ASCII, the circles typed for 〇 (○, ◯: as many
/// dates of the corpus are printed `二○一八年` as `二〇一八年`) become 〇, and traditional
/// characters simplified ones ([`crate::hanzi`]); everything else keeps its width
/// (punctuation and spaces never become tokens, so folding them would only cost time). A
/// folded character may be longer in UTF-8 than the original (a simplified character of a
/// supplementary plane): [`fold`] keeps maps between the two texts' offsets.
fn fold_one(c: char) -> char {
    if is_fullwidth_alnum(c) || is_fullwidth_number_sign(c) {
        char::from_u32(c as u32 - 0xfee0).unwrap_or(c).to_ascii_lowercase()
    } else if is_round_zero(c) {
        '〇'
    } else if c.is_ascii() {
        c.to_ascii_lowercase()
    } else {
        crate::hanzi::simplified(c)
    }
}

fn is_fullwidth_alnum(c: char) -> bool {
    matches!(c, '\u{ff10}'..='\u{ff19}' | '\u{ff21}'..='\u{ff3a}' | '\u{ff41}'..='\u{ff5a}')
}

/// The full-width decimal point and percent sign (`１．５％`), read as `.` and `%` (schema 10).
fn is_fullwidth_number_sign(c: char) -> bool {
    matches!(c, '．' | '％')
}

/// The circles typed for the Chinese zero 〇 (○, ◯), which the analyzer reads as 〇.
pub fn is_round_zero(c: char) -> bool {
    matches!(c, '○' | '◯')
}

fn fold(text: &str) -> Folded<'_> {
    if !text.chars().any(|c| {
        is_fullwidth_alnum(c) || is_fullwidth_number_sign(c) || is_round_zero(c) || crate::hanzi::is_traditional(c)
    }) {
        let text = if text.bytes().any(|b| b.is_ascii_uppercase()) {
            std::borrow::Cow::Owned(text.to_ascii_lowercase())
        } else {
            std::borrow::Cow::Borrowed(text)
        };
        return Folded {
            text,
            to_orig: Vec::new(),
            to_folded: Vec::new(),
        };
    }
    let mut folded = String::with_capacity(text.len());
    let mut to_orig = Vec::with_capacity(text.len() + 1);
    let mut to_folded = vec![0u32; text.len() + 1];
    for (i, c) in text.char_indices() {
        let start = folded.len();
        folded.push(fold_one(c));
        to_orig.resize(folded.len(), u32::MAX);
        to_orig[start] = i as u32;
        to_folded[i] = start as u32;
    }
    to_orig.push(text.len() as u32);
    to_folded[text.len()] = folded.len() as u32;
    Folded {
        text: std::borrow::Cow::Owned(folded),
        to_orig,
        to_folded,
    }
}

/// The characters whose runs are cut into bigrams: CJK ideographs (the basic block,
/// extension A, the supplementary planes) and 〇.
fn is_cjk(c: char) -> bool {
    matches!(c, '\u{4e00}'..='\u{9fff}' | '\u{3400}'..='\u{4dbf}' | '\u{20000}'..='\u{2ffff}' | '〇')
}

fn is_word_char(c: char) -> bool {
    c.is_alphanumeric()
}

/// Where a word starting at byte `i` of `folded` with `c` begins: at the point before it when
/// it is the fraction of a decimal (`.2` of `1.2`), so that `2万元` is not found in `1.2万元`
/// nor `8公里` in `7.8公里`, while `1.2` is still found by `1` (schema 10).
///
/// Not a year after a list item's number (`16.2025年按不低于…`, `\n2.2020年1月以来…`, as lists
/// are printed without a space): the year is a word of its own. See (QA search pass,
/// seventeenth session): such years were found by no query for them.
fn word_start(folded: &str, i: usize, c: char) -> usize {
    let before = &folded[..i];
    if c.is_ascii_digit() && before.ends_with('.') && before[..before.len() - 1].ends_with(|p: char| p.is_ascii_digit())
    {
        let after = &folded.as_bytes()[i..];
        let year = after.len() > 4
            && after[..4].iter().all(u8::is_ascii_digit)
            && matches!(&after[..2], b"19" | b"20")
            && folded[i + 4..].starts_with('年');
        if year {
            i
        } else {
            i - 1
        }
    } else {
        i
    }
}

/// Whether `c`, right after the word `word`, is a percent sign that is a token of its own:
/// `18%` is the number and `%` (schema 10), so `18%` is not found by every 18.
fn is_percent_after(word: &str, c: char) -> bool {
    c == '%' && word.ends_with(|p: char| p.is_ascii_digit())
}

/// Where analysed tokens go: a vector of owned tokens (queries, tests) or the arena of a
/// token stream (indexing, no allocation per token).
trait Sink {
    fn push(&mut self, text: &str, from: usize, to: usize, position: usize);
}

impl Sink for Vec<AnalyzedToken> {
    fn push(&mut self, text: &str, from: usize, to: usize, position: usize) {
        Vec::push(
            self,
            AnalyzedToken {
                text: text.to_string(),
                from,
                to,
                position,
            },
        );
    }
}

/// Tokens of one line, their texts packed in one string.
#[derive(Default)]
struct Arena {
    text: String,
    /// (text start, text end, from, to, position)
    spans: std::collections::VecDeque<(usize, usize, usize, usize, usize)>,
}

impl Sink for Arena {
    fn push(&mut self, text: &str, from: usize, to: usize, position: usize) {
        let start = self.text.len();
        self.text.push_str(text);
        self.spans.push_back((start, self.text.len(), from, to, position));
    }
}

/// A sink that adds a line's base offset to every token.
struct Shifted<'a, S: Sink> {
    sink: &'a mut S,
    base: usize,
}

impl<S: Sink> Sink for Shifted<'_, S> {
    fn push(&mut self, text: &str, from: usize, to: usize, position: usize) {
        self.sink.push(text, from + self.base, to + self.base, position);
    }
}

/// Tokenize `text` into words (see the module docs).
pub fn words(text: &str) -> Vec<AnalyzedToken> {
    let mut out = Vec::new();
    let jieba = jieba();
    let mut position = 0;
    for (base, line) in lines(text) {
        words_line(&jieba, line, &mut position, &mut Shifted { sink: &mut out, base });
    }
    out
}

/// Pieces of `text` made of whole lines, about [`CHUNK`] bytes each, with their byte offsets:
/// text is analysed a piece at a time, so memory stays bounded by the piece (or the longest
/// line), not the longest document.
fn lines(text: &str) -> Lines<'_> {
    Lines { text, start: 0 }
}

/// The pieces [`lines`] cuts.
struct Lines<'a> {
    text: &'a str,
    start: usize,
}

impl<'a> Iterator for Lines<'a> {
    type Item = (usize, &'a str);

    fn next(&mut self) -> Option<(usize, &'a str)> {
        if self.start >= self.text.len() {
            return None;
        }
        let rest = &self.text[self.start..];
        let mut end = rest.len().min(CHUNK);
        if end < rest.len() {
            // Extend to the end of the line that crosses the chunk size.
            // Search bytes: `\n` is ASCII, so the cut lands on a character boundary even
            // where `end` itself falls inside a character.
            end = next_cut(rest, end);
        }
        let piece = (self.start, &rest[..end]);
        self.start += end;
        Some(piece)
    }
}

/// Bytes of text analysed at once.
const CHUNK: usize = 32 * 1024;

/// Where [`Lines`] cuts `rest` at or after byte `from`: just after a line's `\n`, but not
/// after one that joins two parts of a CJK run ([`joined_break`]), whose bigram across the
/// break must be made in one piece; past another [`CHUNK`] bytes, at any line end.
fn next_cut(rest: &str, from: usize) -> usize {
    let bytes = rest.as_bytes();
    let mut at = from;
    loop {
        let Some(i) = bytes[at..].iter().position(|&b| b == b'\n') else {
            return rest.len();
        };
        let nl = at + i;
        let line = rest[..nl].trim_end_matches('\r');
        let joined = line.chars().next_back().is_some_and(|c| is_cjk(fold_one(c)))
            && joined_break(line, &rest[line.len()..]).is_some();
        if !joined || nl + 1 - from > CHUNK {
            return nl + 1;
        }
        at = nl + 1;
    }
}

/// When `text` starts with one line break (`\n` or `\r\n`) followed by a CJK character, and
/// the line before it (`before` ends with it, after a CJK character) is long enough to be a
/// wrapped one ([`wrapped`]), the break's length: such a break joins the two characters, as
/// PDF text wraps its lines inside words and sentences (`舆论\n监督`); the bigram across it
/// lets a phrase be found whichever way the text was wrapped. A heading's short line
/// (`六、申领期限` over `购房人…`) is not joined to the next. Text is read folded (〇 for ○).
fn joined_break(before: &str, text: &str) -> Option<usize> {
    break_before_cjk(text).filter(|_| wrapped(before))
}

/// When `text` starts with one line break (`\n` or `\r\n`) and then a CJK character (read
/// folded: 〇 for ○), the break's length.
fn break_before_cjk(text: &str) -> Option<usize> {
    let len = if text.starts_with("\r\n") {
        2
    } else if text.starts_with('\n') {
        1
    } else {
        return None;
    };
    text[len..]
        .chars()
        .next()
        .is_some_and(|c| is_cjk(fold_one(c)))
        .then_some(len)
}

/// Shortest line (in characters) read as wrapped inside a sentence: the corpus's PDF texts
/// wrap at 20 to 45 characters; headings and list items are shorter.
const WRAP_MIN: usize = 12;

/// Whether the last line of `before` (the text since its last `\n`) has [`WRAP_MIN`]
/// characters or more.
fn wrapped(before: &str) -> bool {
    before.chars().rev().take(WRAP_MIN).take_while(|c| *c != '\n').count() >= WRAP_MIN
}

fn words_line(jieba: &Jieba, text: &str, position: &mut usize, out: &mut impl Sink) {
    let folded = fold(text);
    let mut cursor = 0usize;
    for found in crate::docnum::extract(text) {
        let (fstart, fend) = (folded.folded(found.start), folded.folded(found.end));
        if fstart < cursor || fend <= fstart {
            continue;
        }
        cut_span(jieba, &folded, cursor, fstart, position, out);
        out.push(&found.number.canonical(), found.start, found.end, *position);
        *position += 1;
        cursor = fend;
    }
    cut_span(jieba, &folded, cursor, folded.text.len(), position, out);
}

/// Jieba over `folded[from..to]`, sub-words at the position of their containing word.
fn cut_span(jieba: &Jieba, folded: &Folded<'_>, from: usize, to: usize, position: &mut usize, out: &mut impl Sink) {
    if from >= to {
        return;
    }
    let span = &folded.text[from..to];
    let tokens = jieba.cut_for_search(span, true);
    // Walk backwards: a whole word comes after the sub-words it contains.
    let mut is_sub = vec![false; tokens.len()];
    let mut parent: Option<(usize, usize)> = None;
    for (k, t) in tokens.iter().enumerate().rev() {
        match parent {
            Some((s, e)) if t.byte_start >= s && t.byte_end <= e && (t.byte_start, t.byte_end) != (s, e) => {
                is_sub[k] = true
            }
            _ => parent = Some((t.byte_start, t.byte_end)),
        }
    }
    let mut pending: Vec<usize> = Vec::new();
    for (k, t) in tokens.iter().enumerate() {
        let keep = t.word.chars().any(is_word_char);
        if is_sub[k] {
            if keep {
                pending.push(k);
            }
            continue;
        }
        if !keep {
            pending.clear();
            continue;
        }
        for &p in &pending {
            let s = &tokens[p];
            out.push(
                s.word,
                folded.orig(from + s.byte_start),
                folded.orig(from + s.byte_end),
                *position,
            );
        }
        pending.clear();
        out.push(
            t.word,
            folded.orig(from + t.byte_start),
            folded.orig(from + t.byte_end),
            *position,
        );
        *position += 1;
    }
}

/// Tokenize `text` into bigrams (see the module docs).
pub fn grams(text: &str) -> Vec<AnalyzedToken> {
    grams_of(GramStream::new(text))
}

fn grams_of(mut stream: GramStream<'_>) -> Vec<AnalyzedToken> {
    let mut out = Vec::new();
    while stream.advance() {
        let t = &stream.token;
        out.push(AnalyzedToken {
            text: t.text.clone(),
            from: t.offset_from,
            to: t.offset_to,
            position: t.position,
        });
    }
    out
}

/// The bigrams of `text` as a query phrase: [`grams`] without the last run-end token
/// ([`RUN_END`]): the text's run may go on past the query's last one (`舆论监督` is found in
/// `舆论监督员`, whose run ends with 员), but every other run of the query ends where its
/// punctuation is (`住房，公积金` is not found in `住房公积金`). A piece of one character keeps
/// its lone token, which the caller reads by where it stands (see [`RUN_END`]).
///
/// A line break between two CJK characters in a query (a pasted passage) is neither joined
/// nor an end: the run-end token before it is left out, so the phrase matches the text
/// whether the text's line there was joined as a wrap ([`WRAP_MIN`]) or not.
pub fn query_grams(text: &str) -> Vec<AnalyzedToken> {
    let mut stream = GramStream::new(text);
    stream.join = false;
    let mut out = grams_of(stream);
    out.retain(|t| !(t.text.starts_with(RUN_END) && break_before_cjk(&text[t.to..]).is_some()));
    if out.last().is_some_and(|t| t.text.starts_with(RUN_END)) {
        out.pop();
    }
    out
}

/// Positions left empty after each run and each word of the bigram cut.
const RUN_GAP: usize = 1;

/// The bigram cut as a token stream: the CJK runs of the text give their overlapping bigrams
/// (a lone CJK character gives itself), Latin words and numbers are whole, and the bigrams
/// of one run take consecutive positions, every run and every word being followed by one
/// position that no bigram or word takes (a run's end, [`RUN_END`], takes it after a run),
/// so only the bigrams of one run are ever adjacent. (Without the gap,
/// the last bigram of a run and the first of the next were adjacent too: `人民。民政` held
/// the phrase of `人民政`, and `管理条例，例如` that of `理条例如`.) A query's text is cut the
/// same way ([`grams`]), so a pasted passage keeps its gaps where the text has them.
///
/// It walks the folded text one character at a time and writes each token straight into
/// its [`Token`]: a run's bigram is ready when its second character is read. (It used to cut
/// a whole line into a buffer of tokens first and copy each out: the bigrams are a token per
/// character of body, about a quarter of the work of indexing that is ours.)
pub struct GramStream<'a> {
    lines: Lines<'a>,
    /// The piece being cut, folded, and its byte offset in the text.
    line: Folded<'a>,
    base: usize,
    /// Byte offset in `line` of the next character to read.
    next: usize,
    /// Whether the end of `line` has been dealt with (its last run or word given).
    ended: bool,
    /// Start and character of the last CJK character read, while in a run.
    prev: Option<(usize, char)>,
    /// CJK characters read in the current run.
    run: usize,
    /// Start of the current Latin word or number.
    word: Option<usize>,
    /// Whether a wrapped line joins the runs on either side of its break ([`joined_break`]):
    /// in texts, not in queries ([`query_grams`]).
    join: bool,
    /// Whether the token just given is a lone character whose run-end token ([`RUN_END`])
    /// comes next, with the same offsets, at the next position.
    queued: bool,
    /// A percent sign after the number just given (its byte range in `line`): its token comes
    /// next ([`is_percent_after`]).
    percent: Option<(usize, usize)>,
    position: usize,
    token: Token,
}

impl<'a> GramStream<'a> {
    fn new(text: &'a str) -> Self {
        GramStream {
            lines: lines(text),
            line: fold(""),
            base: 0,
            next: 0,
            ended: true,
            prev: None,
            run: 0,
            word: None,
            join: true,
            queued: false,
            percent: None,
            position: 0,
            token: Token::default(),
        }
    }

    /// Make the token of `line[from..to]` at the current position, then move on by `step`.
    fn emit(&mut self, from: usize, to: usize, step: usize) {
        self.token.text.clear();
        self.token.text.push_str(&self.line.text[from..to]);
        self.token.offset_from = self.base + self.line.orig(from);
        self.token.offset_to = self.base + self.line.orig(to);
        self.token.position = self.position;
        self.token.position_length = 1;
        self.position += step;
    }

    /// [`Self::emit`] for the bigram of `first` (at `from`) and `second`, read just now: the
    /// text from the two characters (no copy of a slice), the token ending at `self.next`.
    fn emit_pair(&mut self, from: usize, first: char, second: char) {
        self.token.text.clear();
        self.token.text.push(first);
        self.token.text.push(second);
        self.token.offset_from = self.base + self.line.orig(from);
        self.token.offset_to = self.base + self.line.orig(self.next);
        self.token.position = self.position;
        self.token.position_length = 1;
        self.position += 1;
    }

    /// End the current run before byte `end`: a lone character is its own token, and the
    /// run's last character, marked as a run's end ([`run_end`]), takes the position after
    /// the run (after a lone character it comes next: see `queued`), which no bigram ever
    /// takes. Returns whether a token was made.
    fn end_run(&mut self, end: usize) -> bool {
        let made = match (self.run, self.prev) {
            (0, _) => return false,
            (1, Some((start, _))) => {
                self.emit(start, end, 1);
                self.queued = true;
                true
            }
            (_, Some((start, _))) => {
                self.emit_end(start, end);
                true
            }
            _ => false,
        };
        self.position += RUN_GAP;
        self.run = 0;
        self.prev = None;
        made
    }

    /// Make the run-end token of `line[from..to]` at the current position.
    fn emit_end(&mut self, from: usize, to: usize) {
        self.token.text.clear();
        self.token.text.push(RUN_END);
        self.token.text.push_str(&self.line.text[from..to]);
        self.token.offset_from = self.base + self.line.orig(from);
        self.token.offset_to = self.base + self.line.orig(to);
        self.token.position = self.position;
        self.token.position_length = 1;
    }
}

/// What marks a run's last character as a token of its own: `<鼠` is 鼠 ending a run (a lone
/// 鼠 gives both 鼠 and `<鼠`), at the position after the run, which a bigram never takes (so
/// runs stay apart). A query's piece between punctuation marks is found through it: a first
/// piece of one character ends a run of the text (`言，传统` in `而言，传统`), a middle one
/// is a lone character, a last one starts a run (a bigram, or alone), right after the
/// run-end of the piece before it. Never the start of a token otherwise: tokens are CJK runs
/// and alphanumeric words.
pub const RUN_END: char = '<';

/// The run-end token of a character ([`RUN_END`]).
pub fn run_end(c: &str) -> String {
    format!("{RUN_END}{c}")
}

impl TokenStream for GramStream<'_> {
    fn advance(&mut self) -> bool {
        if std::mem::take(&mut self.queued) {
            self.token.text.insert(0, RUN_END);
            self.token.position += 1;
            return true;
        }
        if let Some((from, to)) = self.percent.take() {
            self.emit(from, to, 1 + RUN_GAP);
            return true;
        }
        loop {
            let Some(c) = self.line.text[self.next..].chars().next() else {
                if !self.ended {
                    // The line's last run or word, then the next line.
                    self.ended = true;
                    let end = self.line.text.len();
                    if self.end_run(end) {
                        return true;
                    }
                    if let Some(start) = self.word.take() {
                        self.emit(start, end, 1 + RUN_GAP);
                        return true;
                    }
                }
                let Some((base, line)) = self.lines.next() else {
                    return false;
                };
                self.line = fold(line);
                self.base = base;
                self.next = 0;
                self.ended = false;
                continue;
            };
            let i = self.next;
            self.next += c.len_utf8();
            if is_cjk(c) {
                let word = self.word.take();
                let prev = self.prev.replace((i, c));
                self.run += 1;
                if let Some(start) = word {
                    self.emit(start, i, 1 + RUN_GAP);
                    return true;
                }
                if let Some((start, first)) = prev {
                    self.emit_pair(start, first, c);
                    return true;
                }
                continue;
            }
            if self.join && self.run > 0 && (c == '\n' || c == '\r') {
                if let Some(after) = joined_break(&self.line.text[..i], &self.line.text[i..]) {
                    // A line wrapped inside a sentence: the run goes on.
                    self.next = i + after;
                    continue;
                }
            }
            let lone = self.end_run(i);
            if is_word_char(c) {
                if self.word.is_none() {
                    self.word = Some(word_start(&self.line.text, i, c));
                }
            } else if let Some(start) = self.word.take() {
                // A run and a word are never both open: at most one token per character.
                if is_percent_after(&self.line.text[start..i], c) {
                    self.percent = Some((i, self.next));
                }
                self.emit(start, i, 1 + RUN_GAP);
                return true;
            }
            if lone {
                return true;
            }
        }
    }
    fn token(&self) -> &Token {
        &self.token
    }
    fn token_mut(&mut self) -> &mut Token {
        &mut self.token
    }
}

/// The tantivy tokenizer for [`WORDS`]. It loads the process-wide jieba instance when it is
/// first given a text, not when it is made: opening an index registers the tokenizers, and
/// commands that never cut words (`stats`, `verify`, `optimize`) do not pay for the
/// dictionary (~33 MiB, a third of a second).
#[derive(Clone)]
pub struct WordTokenizer;

impl WordTokenizer {
    /// A tokenizer sharing the process-wide jieba instance.
    pub fn new() -> Self {
        WordTokenizer
    }
}

impl Default for WordTokenizer {
    fn default() -> Self {
        Self::new()
    }
}

/// The tantivy tokenizer for [`GRAMS`] (counting the bytes it is given when made by
/// [`register_counting`]).
#[derive(Clone, Default)]
pub struct GramTokenizer {
    fed: Option<Arc<AtomicU64>>,
}

/// A token stream that cuts its text into words one line at a time.
pub struct LineStream<'a> {
    jieba: Arc<Jieba>,
    lines: Lines<'a>,
    arena: Arena,
    position: usize,
    token: Token,
}

impl<'a> LineStream<'a> {
    fn new(jieba: Arc<Jieba>, text: &'a str) -> Self {
        LineStream {
            jieba,
            lines: lines(text),
            arena: Arena::default(),
            position: 0,
            token: Token::default(),
        }
    }
}

impl TokenStream for LineStream<'_> {
    fn advance(&mut self) -> bool {
        while self.arena.spans.is_empty() {
            let Some((base, line)) = self.lines.next() else {
                return false;
            };
            self.arena.text.clear();
            let mut sink = Shifted {
                sink: &mut self.arena,
                base,
            };
            words_line(&self.jieba, line, &mut self.position, &mut sink);
        }
        let Some((s, e, from, to, position)) = self.arena.spans.pop_front() else {
            return false;
        };
        self.token.text.clear();
        self.token.text.push_str(&self.arena.text[s..e]);
        self.token.offset_from = from;
        self.token.offset_to = to;
        self.token.position = position;
        self.token.position_length = 1;
        true
    }
    fn token(&self) -> &Token {
        &self.token
    }
    fn token_mut(&mut self) -> &mut Token {
        &mut self.token
    }
}

impl Tokenizer for WordTokenizer {
    type TokenStream<'a> = LineStream<'a>;
    fn token_stream<'a>(&'a mut self, text: &'a str) -> Self::TokenStream<'a> {
        LineStream::new(jieba(), text)
    }
}

impl Tokenizer for GramTokenizer {
    type TokenStream<'a> = GramStream<'a>;
    fn token_stream<'a>(&'a mut self, text: &'a str) -> Self::TokenStream<'a> {
        if let Some(fed) = &self.fed {
            fed.fetch_add(text.len() as u64, Ordering::Relaxed);
        }
        GramStream::new(text)
    }
}

/// The bigram cut as it was written first: a line cut into a buffer of tokens, a run's
/// bigrams made when the run ends. Kept as the reference [`GramStream`] must equal.
#[cfg(test)]
mod reference {
    use super::*;

    /// [`grams`] by the reference cut.
    pub(super) fn grams_by_runs(text: &str) -> Vec<AnalyzedToken> {
        let mut out = Vec::new();
        let mut position = 0;
        for (base, line) in lines(text) {
            grams_line(line, &mut position, &mut Shifted { sink: &mut out, base });
        }
        out
    }

    /// Bigrams of the CJK runs of `text`, words and numbers whole. The bigrams of one run take
    /// consecutive positions; every run and every word is followed by one position left empty,
    /// so only the bigrams of one run are ever adjacent. (Without the gap, the last bigram of a
    /// run and the first of the next were adjacent too: `人民。民政` held the phrase of `人民政`,
    /// and `管理条例，例如` that of `理条例如`.) A query's text is cut the same way, so a pasted
    /// passage keeps its gaps where the text has them.
    pub(super) fn grams_line(text: &str, position: &mut usize, out: &mut impl Sink) {
        let f = fold(text);
        let folded: &str = &f.text;
        // Byte offsets of the characters of the current CJK run; start of the current word run.
        let mut run: Vec<usize> = Vec::new();
        let mut word: Option<usize> = None;
        let mut skip = 0;
        for (i, c) in folded.char_indices() {
            if i < skip {
                continue;
            }
            if !run.is_empty() {
                if let Some(len) = joined_break(&folded[..i], &folded[i..]) {
                    skip = i + len;
                    continue;
                }
            }
            if is_cjk(c) {
                if let Some(ws) = word.take() {
                    out.push(&folded[ws..i], f.orig(ws), f.orig(i), *position);
                    *position += 1 + RUN_GAP;
                }
                run.push(i);
                continue;
            }
            flush_run(&f, &mut run, i, position, out);
            if is_word_char(c) {
                if word.is_none() {
                    word = Some(word_start(folded, i, c));
                }
            } else if let Some(ws) = word.take() {
                out.push(&folded[ws..i], f.orig(ws), f.orig(i), *position);
                *position += 1 + RUN_GAP;
                if is_percent_after(&folded[ws..i], c) {
                    let to = i + c.len_utf8();
                    out.push(&folded[i..to], f.orig(i), f.orig(to), *position);
                    *position += 1 + RUN_GAP;
                }
            }
        }
        flush_run(&f, &mut run, folded.len(), position, out);
        if let Some(ws) = word {
            out.push(&folded[ws..], f.orig(ws), f.orig(folded.len()), *position);
            *position += 1 + RUN_GAP;
        }
    }

    /// Emit the bigrams of a CJK run ending at byte `end` (a lone character gives itself), then
    /// leave the gap.
    fn flush_run(f: &Folded<'_>, run: &mut Vec<usize>, end: usize, position: &mut usize, out: &mut impl Sink) {
        let folded: &str = &f.text;
        match run.len() {
            0 => return,
            1 => {
                out.push(&folded[run[0]..end], f.orig(run[0]), f.orig(end), *position);
                *position += 1;
                out.push(&run_end(&folded[run[0]..end]), f.orig(run[0]), f.orig(end), *position);
            }
            n => {
                // A bigram is its two characters, and ends with the second (a joined line
                // break may lie between them).
                let char_end = |at: usize| at + folded[at..].chars().next().map_or(0, char::len_utf8);
                for i in 0..n - 1 {
                    let (a, b) = (run[i], run[i + 1]);
                    let text = format!("{}{}", &folded[a..char_end(a)], &folded[b..char_end(b)]);
                    out.push(&text, f.orig(a), f.orig(char_end(b)), *position);
                    *position += 1;
                }
                // The last character as the run's end, after the run.
                let last = run[n - 1];
                out.push(&run_end(&folded[last..end]), f.orig(last), f.orig(end), *position);
            }
        }
        *position += RUN_GAP;
        run.clear();
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn words_keep_document_numbers_whole_and_fold() {
        let toks = words("根据国办发[2018]59号文件，推进政务公开和ＡＢＣ工作。");
        let texts: Vec<&str> = toks.iter().map(|t| t.text.as_str()).collect();
        assert!(texts.contains(&"国办发〔2018〕59号"), "{texts:?}");
        assert!(texts.contains(&"政务公开"), "{texts:?}");
        assert!(texts.contains(&"公开"), "sub-word: {texts:?}");
        assert!(texts.contains(&"abc"), "{texts:?}");
        assert!(
            !texts.iter().any(|t| t.chars().all(|c| !c.is_alphanumeric())),
            "punctuation: {texts:?}"
        );
        let sub = toks.iter().find(|t| t.text == "公开").expect("sub-word");
        let whole = toks.iter().find(|t| t.text == "政务公开").expect("word");
        assert_eq!(sub.position, whole.position);
    }

    // See: `二○一八年` (the circle for 〇) and `二〇一八年` were different text to search.
    #[test]
    fn the_circle_zero_is_the_chinese_zero() {
        for analyse in [words, grams] {
            let typed = analyse("二○一八年十二月二十日印发，◯号文件");
            let printed = analyse("二〇一八年十二月二十日印发，〇号文件");
            let texts = |t: &[AnalyzedToken]| t.iter().map(|t| (t.text.clone(), t.position)).collect::<Vec<_>>();
            assert_eq!(texts(&typed), texts(&printed));
            // Offsets still point into the text as written (same lengths in UTF-8).
            for (a, b) in typed.iter().zip(&printed) {
                assert_eq!((a.from, a.to), (b.from, b.to));
            }
        }
    }

    #[test]
    fn vocabulary_terms_stay_whole() {
        for term in ["放管服", "一网通办", "最多跑一次", "不见面审批", "精准扶贫"] {
            let toks = words(&format!("深化{term}改革"));
            assert!(toks.iter().any(|t| t.text == term), "{term}: {toks:?}");
        }
    }

    #[test]
    fn offsets_slice_back() {
        let text = "　关于印发《绿春县２０１８年政务公开工作要点》的通知（绿政办发〔2018〕59号）ABC";
        for t in words(text).into_iter().chain(grams(text)) {
            let slice = &text[t.from..t.to];
            assert!(!slice.is_empty());
        }
    }

    // See: PDF text wraps its lines inside sentences (`舆论\n监督`), and a phrase typed
    // across the wrap was not found.
    #[test]
    fn a_line_break_inside_a_cjk_run_joins_it() {
        let toks =
            grams("各级人民政府应当开展公益性宣传和舆论\n监督。\r\n第二条\n\n附则\nab\n规定\n六、申领期限\n购房人");
        let texts: Vec<&str> = toks.iter().map(|t| t.text.as_str()).collect();
        let typed: Vec<String> = grams("宣传和舆论监督").into_iter().map(|t| t.text).collect();
        let at = texts.iter().position(|t| *t == "宣传").expect("宣传");
        assert_eq!(texts[at..at + typed.len()], typed, "{texts:?}");
        let across = toks
            .iter()
            .find(|t| t.text == "论监")
            .expect("the bigram across the break");
        assert_eq!(
            across.position + 1,
            toks.iter().find(|t| t.text == "监督").unwrap().position
        );
        let text = "各级人民政府应当开展公益性宣传和舆论\n监督。\r\n第二条\n\n附则\nab\n规定\n六、申领期限\n购房人";
        assert_eq!(&text[across.from..across.to], "论\n监");
        // Punctuation, a blank line, a Latin word, or a short line (a heading) at the break
        // keeps the runs apart.
        for apart in ["督第", "条附", "则a", "b规", "定六", "限购"] {
            assert!(!texts.contains(&apart), "{apart}: {texts:?}");
        }
    }

    // A pasted passage's line break matches the text's, joined as a wrap or not.
    #[test]
    fn a_query_line_break_between_cjk_is_free() {
        let q: Vec<(String, usize)> = query_grams("期限\n购房")
            .into_iter()
            .map(|t| (t.text, t.position))
            .collect();
        assert_eq!(q, [("期限".into(), 0), ("购房".into(), 2)]);
        let q: Vec<(String, usize)> = query_grams("期限。购房")
            .into_iter()
            .map(|t| (t.text, t.position))
            .collect();
        assert_eq!(q, [("期限".into(), 0), ("<限".into(), 1), ("购房".into(), 2)]);
    }

    #[test]
    fn a_joined_break_is_never_where_a_long_text_is_cut_into_pieces() {
        // Lines of exactly one wrapped run, longer together than a piece.
        let line = "政务公开".repeat(40);
        let text = vec![line.as_str(); 2 * CHUNK / line.len() + 4].join("\n");
        let toks: Vec<AnalyzedToken> = grams(&text)
            .into_iter()
            .filter(|t| !t.text.starts_with(RUN_END))
            .collect();
        let positions: Vec<usize> = toks.iter().map(|t| t.position).collect();
        let gaps = positions.windows(2).filter(|w| w[1] != w[0] + 1).count();
        // One gap at most: where a piece had to be cut after twice its size.
        assert!(gaps <= 1, "{gaps} gaps");
        assert!(toks.iter().all(|t| t.text.chars().count() == 2));
        // So one run's end, or two.
        let ends = grams(&text).iter().filter(|t| t.text.starts_with(RUN_END)).count();
        assert!((1..=2).contains(&ends), "{ends} run ends");
    }

    #[test]
    fn grams_of_a_run_are_consecutive_and_runs_apart() {
        let toks = grams("政务公开，ab1院");
        let texts: Vec<&str> = toks.iter().map(|t| t.text.as_str()).collect();
        assert_eq!(texts, ["政务", "务公", "公开", "<开", "ab1", "院", "<院"]);
        assert_eq!(
            toks.iter().map(|t| t.position).collect::<Vec<_>>(),
            [0, 1, 2, 3, 4, 6, 7]
        );
        let texts: Vec<String> = query_grams("政务公开，ab1院").into_iter().map(|t| t.text).collect();
        assert_eq!(texts, ["政务", "务公", "公开", "<开", "ab1", "院"]);
    }

    // See: `鼠` was not found in `防蝇、防鼠、防虫` (a character ending a run started no token),
    // nor `"言，传统"` in `而言，传统`.
    #[test]
    fn every_character_of_a_run_starts_a_token() {
        let text = "防蝇、防鼠、防虫";
        let toks = grams(text);
        for (i, c) in text.char_indices().filter(|(_, c)| *c != '、') {
            assert!(
                toks.iter()
                    .any(|t| t.from == i && t.text.trim_start_matches(RUN_END).starts_with(c)),
                "{c}: {toks:?}"
            );
        }
        let t = toks.iter().find(|t| t.text == "<鼠").expect("鼠 ending a run");
        assert_eq!(&text[t.from..t.to], "鼠");
        // A lone character is itself, and a run's end.
        let lone: Vec<(String, usize)> = grams("甲，乙").into_iter().map(|t| (t.text, t.position)).collect();
        assert_eq!(
            lone,
            [("甲".into(), 0), ("<甲".into(), 1), ("乙".into(), 2), ("<乙".into(), 3)]
        );
    }

    // See (QA search pass, fifteenth session): `2万元` found `1.2万元`, `8公里` found `7.8公里`,
    // and `18%` every 18 (761 documents, 12 holding it).
    #[test]
    fn a_decimal_fraction_and_a_percent_sign_are_tokens() {
        let texts = |t: &str| grams(t).into_iter().map(|t| t.text).collect::<Vec<_>>();
        assert_eq!(texts("1.2万元"), ["1", ".2", "万元", "<元"]);
        assert_eq!(texts("增长18%"), ["增长", "<长", "18", "%"]);
        assert_eq!(texts("增长18％，"), ["增长", "<长", "18", "%"]);
        assert_eq!(texts("pm2.5"), ["pm2", ".5"]);
        assert_eq!(texts("１．５％"), ["1", ".5", "%"]);
        // Not after a word that is no number, nor a point after no digit.
        assert_eq!(texts("a%"), ["a"]);
        assert_eq!(texts("第.5条"), ["第", "<第", "5", "条", "<条"]);
        // A year after a list item's number is a year (QA search pass, seventeenth session);
        // a decimal before 年 that is no year stays a fraction.
        assert_eq!(texts("16.2025年"), ["16", "2025", "年", "<年"]);
        assert_eq!(texts("1.5年"), ["1", ".5", "年", "<年"]);
        // A phrase of `2万元` is not in `1.2万元`; one of `1.2万元` is.
        let phrase = |t: &str| query_grams(t).into_iter().map(|t| t.text).collect::<Vec<_>>();
        assert_eq!(phrase("2万元")[0], "2");
        assert_eq!(phrase("1.2万元")[..2], ["1", ".2"]);
        // Offsets point at the text's own characters.
        let t = grams("增长18％").into_iter().find(|t| t.text == "%").expect("%");
        assert_eq!(&"增长18％"[t.from..t.to], "％");
        let t = grams("1.25亿").into_iter().find(|t| t.text == ".25").expect(".25");
        assert_eq!(&"1.25亿"[t.from..t.to], ".25");
        let t = grams("１．５亿").into_iter().find(|t| t.text == ".5").expect(".5");
        assert_eq!(&"１．５亿"[t.from..t.to], "．５");
    }
}

#[cfg(test)]
mod props {
    use super::*;
    use proptest::prelude::*;

    fn piece() -> impl Strategy<Value = String> {
        prop_oneof![
            "[\u{4e00}-\u{4e0f}]{1,4}",
            "[a-zA-Z0-9]{1,3}",
            "[ＡＢａｂ０１２]{1,3}",
            Just("，".to_string()),
            Just(" ".to_string()),
            Just("\n".to_string()),
            Just("\r\n".to_string()),
            Just("〇".to_string()),
            Just("○".to_string()),
            Just("𠀀".to_string()),
            // Traditional characters, one folded to a supplementary-plane character.
            Just("營業".to_string()),
            Just("㑮".to_string()),
            Just("é".to_string()),
            Just("_".to_string()),
            // Decimals and percentages (schema 10).
            Just(".".to_string()),
            Just("%".to_string()),
            Just("％".to_string()),
            Just("．".to_string()),
            "[0-9]{1,2}\\.[0-9]{1,2}%?",
            "\\PC{1,3}",
        ]
    }

    proptest! {
        #[test]
        fn the_stream_cuts_as_the_reference(parts in proptest::collection::vec(piece(), 0..30)) {
            let text = parts.concat();
            prop_assert_eq!(grams(&text), reference::grams_by_runs(&text));
        }

        #[test]
        fn offsets_stay_on_char_boundaries(s in "[\\PC營業㑮]{0,60}") {
            for t in words(&s).into_iter().chain(grams(&s)) {
                prop_assert!(s.is_char_boundary(t.from) && s.is_char_boundary(t.to) && t.from < t.to);
            }
        }
    }
}

#[cfg(test)]
mod stream_tests {
    use super::reference::grams_by_runs;
    use super::*;

    // See: chunking long texts cut at byte 32768 inside a character and panicked
    // ("start byte index 32768 is not a char boundary").
    #[test]
    fn long_texts_are_chunked_on_char_boundaries() {
        for pad in 0..3 {
            let text = format!("{}{}", "a".repeat(pad), "上海市人民代表大会常务委员会\n".repeat(3000));
            let total: usize = lines(&text).map(|(_, l)| l.len()).sum();
            assert_eq!(total, text.len());
            for t in words(&text).into_iter().chain(grams(&text)) {
                assert!(text.is_char_boundary(t.from) && text.is_char_boundary(t.to));
            }
        }
        let one_line = "政务公开".repeat(20_000);
        assert_eq!(lines(&one_line).count(), 1);
    }

    #[test]
    fn tantivy_streams_match_the_functions() {
        let text = "第一行：政务公开\n第二行 国办发[2018]59号\n\nＡＢＣ 三行";
        for (kind, expected) in [
            (TextAnalyzerKind::Words, words(text)),
            (TextAnalyzerKind::Grams, grams_by_runs(text)),
        ] {
            let mut got = Vec::new();
            let mut stream = kind.stream(text);
            while stream.advance() {
                let t = stream.token();
                got.push(AnalyzedToken {
                    text: t.text.clone(),
                    from: t.offset_from,
                    to: t.offset_to,
                    position: t.position,
                });
            }
            assert_eq!(got, expected);
        }
    }

    enum TextAnalyzerKind {
        Words,
        Grams,
    }

    impl TextAnalyzerKind {
        fn stream<'a>(&self, text: &'a str) -> Box<dyn TokenStream + 'a> {
            match self {
                TextAnalyzerKind::Words => Box::new(LineStream::new(jieba(), text)),
                TextAnalyzerKind::Grams => Box::new(GramStream::new(text)),
            }
        }
    }
}
