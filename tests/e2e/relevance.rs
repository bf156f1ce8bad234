//! Relevance on query sets built from the real corpus: a document number in any spelling, an
//! exact title, a quoted body fragment and the same fragment pasted without quotes must each
//! rank their document first. Sets are drawn deterministically (fixed seed), so a failure is
//! reproducible; run with `--nocapture` to see the figures.

use gongwen_query::{Engine, EngineOptions, Scope, SearchRequest, Synonyms};
use gongwen_schema::{normalize_title, DocNumber};

use crate::harness::{full_index, records};

/// A small deterministic generator (xorshift), so the sets need no extra crate.
struct Rng(u64);
impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }
    fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }
}

struct Doc {
    title: String,
    number: Option<String>,
    body: String,
}

fn corpus_docs() -> Vec<Doc> {
    let mut out = Vec::new();
    for file in ["gov_docs.jsonl", "govcn_zhengce_2019dump.jsonl", "shanghai_docs.jsonl"] {
        for r in records(file) {
            out.push(Doc {
                title: r["title"].as_str().unwrap_or_default().to_string(),
                number: r["doc_number"].as_str().map(str::to_string),
                body: r["body"].as_str().unwrap_or_default().to_string(),
            });
        }
    }
    out
}

fn engine() -> Engine {
    Engine::open(
        full_index(),
        EngineOptions {
            synonyms: Synonyms::built_in(),
            ..EngineOptions::default()
        },
    )
    .expect("open the full index")
}

/// The first hit of a query. Gazette reprints carry the same numbers and titles as the
/// documents they reprint, so a hit is judged by what it carries, not by its id.
fn first(engine: &Engine, q: &str) -> Option<gongwen_query::Hit> {
    let req = SearchRequest {
        q: q.to_string(),
        limit: Some(1),
        ..SearchRequest::default()
    };
    engine.search(&req, Scope::Public).ok()?.hits.into_iter().next()
}

/// Respell a canonical number the way real texts and users do.
fn respell(n: &DocNumber, rng: &mut Rng) -> String {
    let full = |s: String| {
        s.chars()
            .map(|c| {
                if c.is_ascii_digit() {
                    char::from_u32(c as u32 + 0xfee0).unwrap_or(c)
                } else {
                    c
                }
            })
            .collect::<String>()
    };
    match n.year() {
        Some(y) => {
            let (o, c) = [
                ("[", "]"),
                ("(", ")"),
                ("（", "）"),
                ("【", "】"),
                ("［", "］"),
                ("﹝", "﹞"),
                ("〔", "]"),
            ][rng.below(7)];
            let s = match rng.below(4) {
                0 => format!("{}{o}{y}{c}{}号", n.issuer(), n.serial()),
                1 => format!("{} {o}{y}{c} 第{}号", n.issuer(), n.serial()),
                2 => format!("{}{o}{y}{c}0{}", n.issuer(), n.serial()),
                _ => format!("{}{y}年{}号", n.issuer(), n.serial()),
            };
            if rng.below(3) == 0 {
                full(s)
            } else {
                s
            }
        }
        None => format!("{}第{}号", n.issuer(), n.serial()),
    }
}

/// A fragment of 8-14 characters of a body line with no punctuation inside.
fn fragment(body: &str, rng: &mut Rng) -> Option<String> {
    let lines: Vec<Vec<char>> = body
        .lines()
        .map(|l| l.chars().collect())
        .filter(|l: &Vec<char>| l.len() > 40)
        .collect();
    if lines.is_empty() {
        return None;
    }
    for _ in 0..20 {
        let line = &lines[rng.below(lines.len())];
        let len = 8 + rng.below(7);
        let start = rng.below(line.len() - len);
        let frag: String = line[start..start + len].iter().collect();
        if frag.chars().all(|c| ('\u{4e00}'..='\u{9fff}').contains(&c)) {
            return Some(frag);
        }
    }
    None
}

#[test]
fn known_items_rank_first() {
    let docs = corpus_docs();
    let engine = engine();
    let mut rng = Rng(0x9e37_79b9_7f4a_7c15);
    // Titles and numbers may be shared by several documents (versions, gazette reprints): a
    // hit counts when it carries the asked number / title / fragment.

    // 1. Document numbers, respelled.
    let with_numbers: Vec<&Doc> = docs
        .iter()
        .filter(|d| d.number.as_deref().is_some_and(|n| DocNumber::parse(n).is_ok()))
        .collect();
    let (mut ok, mut n_total) = (0, 0);
    let mut misses = Vec::new();
    for _ in 0..300 {
        let d = with_numbers[rng.below(with_numbers.len())];
        let number = DocNumber::parse(d.number.as_deref().unwrap_or_default()).expect("parses");
        let q = respell(&number, &mut rng);
        n_total += 1;
        let first_has = first(&engine, &q).is_some_and(|h| h.doc_numbers.contains(&number.canonical()));
        if first_has {
            ok += 1;
        } else {
            misses.push(q);
        }
    }
    println!("document numbers: {ok}/{n_total} first; misses: {misses:?}");
    assert_eq!(
        ok, n_total,
        "every respelled number must rank its document first; misses: {misses:?}"
    );

    // 2. Exact titles.
    let (mut ok, mut n_total) = (0, 0);
    let mut misses = Vec::new();
    for _ in 0..300 {
        let d = &docs[rng.below(docs.len())];
        if d.title.chars().count() < 4 {
            continue;
        }
        n_total += 1;
        let want = normalize_title(&d.title);
        if first(&engine, &d.title).is_some_and(|h| normalize_title(&h.title) == want) {
            ok += 1;
        } else {
            misses.push(d.title.clone());
        }
    }
    let share = ok as f64 / n_total as f64;
    println!(
        "exact titles: {ok}/{n_total} first ({share:.3}); misses: {:?}",
        &misses[..misses.len().min(10)]
    );
    assert!(share >= 0.98, "exact titles first: {share:.3}");

    // 3. Body fragments, quoted and pasted.
    let (mut quoted_ok, mut pasted_ok, mut n_total) = (0, 0, 0);
    let mut misses = Vec::new();
    let mut pasted_misses = Vec::new();
    while n_total < 300 {
        let d = &docs[rng.below(docs.len())];
        let Some(frag) = fragment(&d.body, &mut rng) else {
            continue;
        };
        n_total += 1;
        let contains = |hit: Option<gongwen_query::Hit>| {
            hit.and_then(|h| engine.document(&h.id, Scope::Public).ok().flatten())
                .is_some_and(|doc| doc.body.contains(&frag) || doc.title.contains(&frag))
        };
        if contains(first(&engine, &format!("\"{frag}\""))) {
            quoted_ok += 1;
        } else {
            misses.push(frag.clone());
        }
        if contains(first(&engine, &frag)) {
            pasted_ok += 1;
        } else {
            pasted_misses.push(frag.clone());
        }
    }
    let (q, p) = (quoted_ok as f64 / n_total as f64, pasted_ok as f64 / n_total as f64);
    println!(
        "fragments: quoted {quoted_ok}/{n_total} ({q:.3}), pasted {pasted_ok}/{n_total} ({p:.3}); quoted misses: {:?}",
        &misses[..misses.len().min(10)]
    );
    println!("pasted misses: {:?}", &pasted_misses[..pasted_misses.len().min(20)]);
    assert!(q >= 0.95, "quoted fragments first: {q:.3}");
    assert!(p >= 0.95, "pasted fragments first: {p:.3}");
}

// See (QA relevance pass): keywords typed apart (`优化 青岛市`) put short titles holding one
// of them first (青岛市…若干政策措施, 优化 in its text; 青岛市优化营商环境条例 was 11th); of
// 295 such queries drawn from titles, 35 had a title lacking a word above their source.
#[test]
fn keywords_typed_apart_put_a_title_holding_all_of_them_first() {
    let engine = engine();
    for q in [
        "优化 青岛市",
        "保护 宁波市",
        "舟山市 市场",
        "效力 最高人民法院 适用",
        "中华人民共和国 归侨",
    ] {
        let hit = first(&engine, q).unwrap_or_else(|| panic!("{q}: nothing found"));
        let title = normalize_title(&hit.title);
        assert!(
            q.split_whitespace().all(|w| title.contains(w)),
            "{q}: first is {}",
            hit.title
        );
    }
}

fn search(engine: &Engine, q: &str, limit: usize) -> gongwen_query::SearchResponse {
    let req = SearchRequest {
        q: q.to_string(),
        limit: Some(limit),
        ..SearchRequest::default()
    };
    engine.search(&req, Scope::Public).expect("search")
}

// See (QA search pass, fourteenth session): a number beside words was optional, so
// `银发〔2024〕2号 房地产` listed 2,249 documents holding 房地产 and none of the 3 citing the
// number in its first ten; a pasted sentence around a cited number lost its source.
#[test]
fn a_number_beside_words_is_required_but_its_own_document_needs_no_words() {
    let engine = engine();
    for (number, words) in [
        ("银发〔2024〕2号", "房地产"),
        ("国办发〔2021〕22号", "保障性租赁住房"),
        ("国卫人口发〔2022〕26号", "公积金"),
    ] {
        let alone = search(&engine, number, 100);
        let both = search(&engine, &format!("{number} {words}"), 100);
        assert!(
            both.total > 0 && both.total <= alone.total,
            "{number} {words}: {} of {}",
            both.total,
            alone.total
        );
        let carrying: Vec<&str> = alone.hits.iter().map(|h| h.id.as_str()).collect();
        for h in &both.hits {
            assert!(
                carrying.contains(&h.id.as_str()),
                "{number} {words}: {} carries no {number}",
                h.title
            );
        }
    }
    // The number's own document, found by a sentence its words are not in.
    let hit = first(&engine, "根据国发〔2019〕5号文件精神").expect("found");
    assert!(hit.doc_numbers.iter().any(|n| n == "国发〔2019〕5号"), "{}", hit.title);
    // A pasted sentence around a cited number finds its source.
    let found = search(&engine, "问题的规定》（法释〔2004〕12号）的有关规定办理。", 3);
    assert!(
        found.hits.iter().any(|h| h.title.contains("人民调解协议司法确认程序")),
        "{:?}",
        found.hits.iter().map(|h| &h.title).collect::<Vec<_>>()
    );
}

// See (QA search pass, fifteenth session): words typed against a number's code were read as
// part of it (`请问法释〔2023〕4号`), and the search listed 1,400 unrelated documents.
#[test]
fn words_typed_against_a_number_are_not_its_code() {
    let engine = engine();
    for (q, number) in [
        ("请问法释〔2023〕4号文件现在还有效吗", "法释〔2023〕4号"),
        ("我想查国务院令第617号的全文", "国务院令第617号"),
        ("查询国发〔2019〕5号", "国发〔2019〕5号"),
    ] {
        let found = search(&engine, q, 3);
        assert_eq!(found.understood.doc_numbers, [number], "{q}");
        let hit = found.hits.first().unwrap_or_else(|| panic!("{q}: nothing"));
        assert!(hit.doc_numbers.iter().any(|n| n == number), "{q}: {}", hit.title);
        let looked_up = engine
            .by_number(
                &DocNumber::parse(&q[..q.find('号').expect("号") + '号'.len_utf8()]).expect("a number"),
                Scope::Public,
            )
            .expect("look-up");
        assert!(
            !looked_up.is_empty()
                && looked_up
                    .iter()
                    .all(|d| d.doc_numbers.iter().any(|n| n.canonical() == number)),
            "{q}"
        );
    }
    // A place's short name is never dropped: a number the index lacks stays itself.
    let found = search(&engine, "晋政发〔2019〕3号", 3);
    assert_eq!(found.understood.doc_numbers, ["晋政发〔2019〕3号"]);
}

// See (QA search pass, fifteenth session): a quoted title with a filter that left out its
// matches was relaxed into 207 documents, none holding it, against facets saying 0.
#[test]
fn a_filter_that_leaves_out_every_match_is_the_answer() {
    let engine = engine();
    let q = "\"长江三峡工程建设移民条例\"";
    let all = search(&engine, q, 10);
    assert!(all.total > 0 && !all.understood.relaxed);
    let kinds: Vec<String> = all.hits.iter().map(|h| h.kind.as_str().to_string()).collect();
    let other = ["notice", "policy", "judicial_interpretation"]
        .into_iter()
        .find(|k| !kinds.iter().any(|x| x == k))
        .expect("a kind none of them has");
    let req = SearchRequest {
        q: q.to_string(),
        kind: Some(other.to_string()),
        limit: Some(10),
        ..SearchRequest::default()
    };
    let filtered = engine.search(&req, Scope::Public).expect("search");
    assert_eq!((filtered.total, filtered.understood.relaxed), (0, false), "{other}");
}

// See (QA search pass, fifteenth session): a number with a unit of several characters was two
// words, `2平方米` finding 418 documents, 2 of them holding it.
#[test]
fn a_number_with_its_unit_is_one_word() {
    let engine = engine();
    for q in ["2平方米", "153亿元", "30平方米"] {
        let found = search(&engine, q, 50);
        assert!(found.total > 0, "{q}");
        let holding = found
            .hits
            .iter()
            .filter(|h| {
                let full = engine.document(&h.id, Scope::Public).ok().flatten().expect("document");
                full.body.contains(q) || full.title.contains(q)
            })
            .count();
        assert!(
            holding * 2 >= found.hits.len(),
            "{q}: {holding} of {} hold it",
            found.hits.len()
        );
    }
}

// See (QA search pass, fifteenth session): `18%` found every 18 (761 documents, 12 holding it),
// `8公里` found `7.8公里`, `2万元` found `1.2万元` (schema 10: a decimal's fraction and a percent
// sign are tokens of their own).
#[test]
fn percentages_and_decimals_are_found_whole() {
    let engine = engine();
    let holds = |text: &str, q: &str| {
        // Full-width digits and signs as the analyzer reads them (`１８％`).
        let text: String = text
            .chars()
            .map(|c| match c {
                '０'..='９' | '％' | '．' => char::from_u32(c as u32 - 0xfee0).unwrap_or(c),
                c => c,
            })
            .collect();
        text.match_indices(q).any(|(at, _)| {
            // Not the tail of a longer number or a decimal (`118%`, `7.8公里`).
            !text[..at].ends_with(|c: char| c.is_ascii_digit() || c == '.')
        })
    };
    for q in ["18%", "5.9%", "8公里", "2万元", "1.2万元"] {
        let found = search(&engine, q, 50);
        assert!(found.total > 0, "{q}");
        for h in &found.hits {
            let full = engine.document(&h.id, Scope::Public).ok().flatten().expect("document");
            assert!(
                holds(&full.body, q) || holds(&full.title, q),
                "{q}: {} does not hold it",
                h.title
            );
        }
    }
}

// See (QA search pass, fifteenth session): a space typed inside a quoted phrase, between two
// ideographs, found nothing 99 times of 100 where the text has none.
#[test]
fn a_space_typed_between_ideographs_in_a_phrase_may_be_absent_from_the_text() {
    let engine = engine();
    for (spaced, joined) in [
        ("\"优化营商 环境\"", "\"优化营商环境\""),
        ("\"住房 公积金 管理\"", "\"住房公积金管理\""),
    ] {
        let a = search(&engine, spaced, 10);
        let b = search(&engine, joined, 10);
        assert!(
            b.total > 0 && a.total >= b.total,
            "{spaced}: {} against {}",
            a.total,
            b.total
        );
    }
}

// See (QA search pass, seventeenth session): a year typed beside a title had to be in the
// text, and 28% of dated documents never print their own year (laws print their earlier
// revisions' years): `2017年 建设工程勘察设计管理条例` lost the regulation of 2017. A year is
// held by a document of that year too.
#[test]
fn a_year_typed_beside_a_title_finds_the_document_of_that_year() {
    let engine = engine();
    let mut rng = Rng(0x7965_6172);
    let records = records("gov_docs.jsonl");
    let mut cases = Vec::new();
    while cases.len() < 60 {
        let r = &records[rng.below(records.len())];
        let (Some(title), Some(date), Some(body)) = (r["title"].as_str(), r["date"].as_str(), r["body"].as_str())
        else {
            continue;
        };
        let year = &date[..4.min(date.len())];
        let chars = title.chars().count();
        if year.len() != 4 || body.contains(year) || title.contains(year) || !(6..=30).contains(&chars) {
            continue;
        }
        let id = r["id"].as_str().unwrap_or_default().to_string();
        if !cases.iter().any(|(i, _)| i == &id) {
            cases.push((id, format!("{year}年 {title}")));
        }
    }
    let mut found = 0;
    for (id, q) in &cases {
        let r = search(&engine, q, 10);
        if r.hits.iter().any(|h| &h.id == id) {
            found += 1;
        } else {
            eprintln!("year + title: {q} lost {id}");
        }
    }
    let share = found as f64 / cases.len() as f64;
    eprintln!(
        "year + title, the year only in the document's date: {found} of {} in the first ten",
        cases.len()
    );
    assert!(share >= 0.9, "{found} of {}", cases.len());
}
