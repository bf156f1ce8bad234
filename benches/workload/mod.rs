//! Workloads built from a corpus, deterministic from a seed: the mixed query set (one word,
//! several words, quoted phrase, document number respelled, partial number, filtered,
//! faceted, deep page) and the known-item queries (title fragments, respelled numbers).
//!
//! Shared by the bench binaries; each uses a part of it.
#![allow(dead_code)]

use std::collections::{HashMap, HashSet};
use std::io::BufRead;
use std::path::Path;

use anyhow::Result;
use gongwen_query::SearchRequest;
use gongwen_schema::DocNumber;

/// A small deterministic generator (splitmix64).
pub struct Rng(u64);

impl Rng {
    /// Seeded.
    pub fn new(seed: u64) -> Rng {
        Rng(seed)
    }
    /// Next 64 bits.
    pub fn next_u64(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9e37_79b9_7f4a_7c15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
        z ^ (z >> 31)
    }
    /// Uniform in `0..n` (n > 0).
    pub fn below(&mut self, n: usize) -> usize {
        (self.next_u64() % n.max(1) as u64) as usize
    }
    /// Uniform in `lo..=hi`.
    pub fn range(&mut self, lo: usize, hi: usize) -> usize {
        lo + self.below(hi - lo + 1)
    }
    /// One element.
    pub fn pick<'a, T>(&mut self, xs: &'a [T]) -> &'a T {
        &xs[self.below(xs.len())]
    }
}

/// The fields of a corpus record the workloads use.
#[derive(Debug, Clone)]
pub struct Record {
    pub id: String,
    pub title: String,
    pub number: Option<String>,
    pub issuer: Option<String>,
    pub kind: Option<String>,
    pub year: Option<u16>,
    pub body: String,
}

/// Read a JSONL corpus (up to `max` records).
pub fn load(path: &Path, max: usize) -> Result<Vec<Record>> {
    let file = std::fs::File::open(path)?;
    let mut out = Vec::new();
    for line in std::io::BufReader::new(file).lines() {
        let line = line?;
        if line.trim().is_empty() {
            continue;
        }
        let v: serde_json::Value = serde_json::from_str(&line)?;
        let s = |k: &str| v[k].as_str().map(str::to_string).filter(|s| !s.is_empty());
        out.push(Record {
            id: s("id").unwrap_or_default(),
            title: s("title").unwrap_or_default(),
            number: s("doc_number"),
            issuer: s("issuer"),
            kind: s("kind"),
            year: s("date").and_then(|d| d.get(..4).and_then(|y| y.parse().ok())),
            body: s("body").unwrap_or_default(),
        });
        if out.len() >= max {
            break;
        }
    }
    Ok(out)
}

/// The query classes, in the order of the tables.
pub const CLASSES: [&str; 8] = [
    "one word",
    "several words",
    "quoted phrase",
    "doc number (respelled)",
    "partial number",
    "filtered",
    "faceted",
    "deep page",
];

/// One query of the mixed set.
#[derive(Debug, Clone)]
pub struct Query {
    /// Index into [`CLASSES`].
    pub class: usize,
    /// The request for gongwen.
    pub req: SearchRequest,
}

/// A known-item query: the ids that count as the right first hit.
#[derive(Debug, Clone)]
pub struct KnownItem {
    /// `title fragment` or `respelled number`.
    pub kind: &'static str,
    /// The query as typed.
    pub q: String,
    /// Ids of the documents that are the right answer (the same title or number).
    pub accept: HashSet<String>,
}

fn is_cjk(c: char) -> bool {
    ('\u{4e00}'..='\u{9fff}').contains(&c)
}

/// Words of `text` as gongwen's analyzer cuts them: CJK only, two characters or more.
fn title_words(text: &str) -> Vec<String> {
    let mut seen = HashSet::new();
    gongwen_schema::analyzer::words(text)
        .into_iter()
        .map(|t| t.text)
        .filter(|w| w.chars().count() >= 2 && w.chars().all(is_cjk) && seen.insert(w.clone()))
        .collect()
}

/// A run of `len` CJK characters from `text`, if one is found in a few tries.
fn cjk_fragment(text: &str, len: usize, rng: &mut Rng) -> Option<String> {
    let chars: Vec<char> = text.chars().collect();
    if chars.len() < len + 2 {
        return None;
    }
    for _ in 0..20 {
        let at = rng.below(chars.len() - len);
        let frag = &chars[at..at + len];
        if frag.iter().all(|c| is_cjk(*c)) {
            return Some(frag.iter().collect());
        }
    }
    None
}

/// Spellings of a document number that are not its canonical one but mean the same.
pub fn respell(number: &DocNumber, rng: &mut Rng) -> Option<String> {
    let canonical = number.canonical();
    let year = number.year()?;
    let issuer = number.issuer();
    let serial = number.serial();
    let full: String = serial
        .to_string()
        .chars()
        .map(|c| char::from_u32(c as u32 + 0xfee0).unwrap_or(c))
        .collect();
    let variants = [
        format!("{issuer}[{year}]{serial}号"),
        format!("{issuer}({year}){serial}号"),
        format!("{issuer}（{year}）{serial}号"),
        format!("{issuer}〔{year}〕{full}号"),
        format!("{issuer}[{year}]{serial}"),
        format!("{issuer} {year} {serial}号"),
        format!("{issuer}【{year}】{serial}号"),
    ];
    let start = rng.below(variants.len());
    (0..variants.len())
        .map(|k| &variants[(start + k) % variants.len()])
        .find(|v| DocNumber::parse(v).is_ok_and(|n| n.canonical() == canonical))
        .cloned()
}

fn parsed_number(r: &Record) -> Option<DocNumber> {
    r.number.as_deref().and_then(|n| DocNumber::parse(n).ok())
}

/// The mixed query set: `per_class` queries of each class, drawn from `records`.
pub fn mixed(records: &[Record], per_class: usize, seed: u64) -> Vec<Query> {
    let mut rng = Rng::new(seed);
    let mut out = Vec::new();
    let numbered: Vec<(&Record, DocNumber)> = records
        .iter()
        .filter_map(|r| parsed_number(r).filter(|n| n.year().is_some()).map(|n| (r, n)))
        .collect();
    let simple_issuer = |r: &Record| {
        r.issuer
            .clone()
            .filter(|i| !i.contains([',', '，', '、', ';', '；', ' ']))
    };
    let mut guard = 0;
    for class in 0..CLASSES.len() {
        let mut made = 0;
        while made < per_class && guard < per_class * 400 {
            guard += 1;
            let r = rng.pick(records);
            let words = title_words(&r.title);
            let word = || words.first().cloned();
            let mut req = SearchRequest::default();
            match class {
                0 => match words.get(rng.below(words.len().max(1))) {
                    Some(w) => req.q = w.clone(),
                    None => continue,
                },
                1 => {
                    if words.len() < 3 {
                        continue;
                    }
                    let n = rng.range(2, 3);
                    let at = rng.below(words.len() - n + 1);
                    req.q = words[at..at + n].join(" ");
                }
                2 => match cjk_fragment(&r.body, rng.range(4, 8), &mut rng) {
                    Some(f) => req.q = format!("\"{f}\""),
                    None => continue,
                },
                3 | 4 => {
                    if numbered.is_empty() {
                        break;
                    }
                    let (_, n) = rng.pick(&numbered);
                    req.q = if class == 3 {
                        match respell(n, &mut rng) {
                            Some(q) => q,
                            None => continue,
                        }
                    } else {
                        format!("{}〔{}〕", n.issuer(), n.year().unwrap_or(2000))
                    };
                }
                5 => {
                    let (Some(w), Some(i)) = (word(), simple_issuer(r)) else {
                        continue;
                    };
                    req.q = w;
                    req.issuer = Some(i);
                }
                6 => {
                    let (Some(w), Some(k), Some(y)) = (word(), r.kind.clone(), r.year) else {
                        continue;
                    };
                    req.q = w;
                    req.kind = Some(k);
                    req.year = Some(y.to_string());
                }
                _ => {
                    // A common word, so that the deep page exists.
                    let Some(w) = word() else { continue };
                    req.q = w;
                    req.offset = Some(990);
                    req.limit = Some(10);
                }
            }
            out.push(Query { class, req });
            made += 1;
        }
    }
    out
}

/// Known-item queries: title fragments unique to one title, and respelled numbers.
pub fn known_items(records: &[Record], per_kind: usize, seed: u64) -> Vec<KnownItem> {
    let mut rng = Rng::new(seed ^ 0x5eed);
    let mut by_title: HashMap<&str, HashSet<String>> = HashMap::new();
    for r in records {
        by_title.entry(r.title.as_str()).or_default().insert(r.id.clone());
    }
    let titles: Vec<&str> = by_title.keys().copied().filter(|t| t.chars().count() >= 12).collect();
    let mut titles_sorted = titles.clone();
    titles_sorted.sort_unstable();
    let mut out = Vec::new();
    let mut tries = 0;
    while out.len() < per_kind && tries < per_kind * 50 && !titles_sorted.is_empty() {
        tries += 1;
        let t = *rng.pick(&titles_sorted);
        let Some(frag) = cjk_fragment(t, rng.range(6, 12), &mut rng) else {
            continue;
        };
        if titles_sorted.iter().filter(|o| o.contains(frag.as_str())).count() != 1 {
            continue;
        }
        out.push(KnownItem {
            kind: "title fragment",
            q: frag,
            accept: by_title[t].clone(),
        });
    }
    let mut by_number: HashMap<String, HashSet<String>> = HashMap::new();
    for r in records {
        if let Some(n) = parsed_number(r) {
            by_number.entry(n.canonical()).or_default().insert(r.id.clone());
        }
    }
    let mut numbers: Vec<(String, DocNumber)> = records
        .iter()
        .filter_map(|r| {
            parsed_number(r)
                .filter(|n| n.year().is_some())
                .map(|n| (n.canonical(), n))
        })
        .collect();
    numbers.sort_by(|a, b| a.0.cmp(&b.0));
    numbers.dedup_by(|a, b| a.0 == b.0);
    let start = out.len();
    let mut tries = 0;
    while out.len() - start < per_kind && tries < per_kind * 10 && !numbers.is_empty() {
        tries += 1;
        let (canonical, n) = rng.pick(&numbers);
        if let Some(q) = respell(n, &mut rng) {
            out.push(KnownItem {
                kind: "respelled number",
                q,
                accept: by_number[canonical].clone(),
            });
        }
    }
    out
}

/// Run every query of `set` `rounds` times through `engine` (public scope, snippets made as
/// always) after one warm-up pass; the latencies in ms by class, and the failures.
pub fn engine_latencies(engine: &gongwen_query::Engine, set: &[Query], rounds: usize) -> (Vec<Vec<f64>>, usize) {
    let mut by_class = vec![Vec::new(); CLASSES.len()];
    let mut failed = 0;
    for q in set {
        if engine.search(&q.req, gongwen_query::Scope::Public).is_err() {
            failed += 1;
        }
    }
    let mut slowest: Vec<(f64, usize)> = Vec::new();
    for _ in 0..rounds {
        for (i, q) in set.iter().enumerate() {
            let t = std::time::Instant::now();
            let ok = engine.search(&q.req, gongwen_query::Scope::Public).is_ok();
            let ms = t.elapsed().as_secs_f64() * 1e3;
            by_class[q.class].push(ms);
            slowest.push((ms, i));
            failed += usize::from(!ok);
        }
    }
    // GW_BENCH_SLOWEST=N prints the N slowest queries (where to look next).
    if let Some(n) = std::env::var("GW_BENCH_SLOWEST")
        .ok()
        .and_then(|v| v.parse::<usize>().ok())
    {
        slowest.sort_by(|a, b| b.0.total_cmp(&a.0));
        for (ms, i) in slowest.into_iter().take(n) {
            let q = &set[i];
            println!("slow: {ms:.3} ms  [{}]  {:?}", CLASSES[q.class], q.req);
        }
    }
    (by_class, failed)
}
