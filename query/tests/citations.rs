//! Citations resolve at query time against the current index: a citation made before its
//! target was indexed resolves once the target arrives; cited-by, status and interpretations
//! follow the same way.

use std::path::Path;

use gongwen_indexer::{IndexDir, IndexOptions, Indexer};
use gongwen_query::cite::{self, Resolution};
use gongwen_query::{check, Engine, EngineOptions, Scope};
use gongwen_schema::{Document, Kind, Status, TitleMatch};

/// Build a document from text the way the readers do (references, repeals, interprets).
fn doc(dir: &Path, id: &str, title: &str, number: Option<&str>, body: &str, kind: Option<&str>) -> Document {
    let mut rec = serde_json::json!({ "id": id, "title": title, "body": body });
    if let Some(n) = number {
        rec["doc_number"] = n.into();
    }
    if let Some(k) = kind {
        rec["kind"] = k.into();
    }
    let path = dir.join(format!("{id}.jsonl"));
    std::fs::write(&path, format!("{rec}\n")).expect("write");
    let mut docs = gongwen_corpus::read_file(&path, &Default::default()).expect("read");
    docs.next().expect("one").expect("a document")
}

fn add(dir: &IndexDir, docs: Vec<Document>) {
    let opts = IndexOptions {
        progress: false,
        ..IndexOptions::default()
    };
    Indexer::new(dir, opts)
        .expect("writer")
        .index_documents(docs)
        .expect("index");
}

#[test]
fn a_citation_resolves_once_its_target_arrives() {
    let tmp = tempfile::tempdir().expect("tempdir");
    let dir = IndexDir::open_or_create(&tmp.path().join("idx")).expect("create");
    let a = doc(
        tmp.path(),
        "a",
        "绿春县人民政府2018年政务公开工作报告",
        None,
        "根据《红河州人民政府办公室关于印发政务公开工作要点分工方案的通知》（红政办函［2018］31号）的要求，\
         参照《政府网站发展指引》，制定本报告。",
        None,
    );
    assert_eq!(a.references.len(), 2);
    add(&dir, vec![a]);
    let engine = Engine::open(&tmp.path().join("idx"), EngineOptions::default()).expect("open");
    let c = cite::citations(&engine, "a", Scope::Public)
        .expect("citations")
        .expect("a exists");
    let got: Vec<Resolution> = c.cites.iter().map(|x| x.resolution).collect();
    assert_eq!(got, [Resolution::UnknownNumber, Resolution::UnknownTitle]);

    // The target arrives, cited with its issuer before 关于; and a page titled as cited.
    let b = doc(
        tmp.path(),
        "b",
        "关于印发政务公开工作要点分工方案的通知",
        Some("红政办函〔2018〕31号"),
        "各县市人民政府：现将方案印发给你们。",
        None,
    );
    let g = doc(
        tmp.path(),
        "g",
        "政府网站发展指引",
        Some("国办发〔2017〕47号"),
        "为进一步推进政府网站建设。",
        None,
    );
    add(&dir, vec![b, g]);
    engine.reload().expect("reload");
    let c = cite::citations(&engine, "a", Scope::Public)
        .expect("citations")
        .expect("a exists");
    let got: Vec<(Resolution, Option<String>)> = c
        .cites
        .iter()
        .map(|x| (x.resolution, x.target.as_ref().map(|t| t.id.clone())))
        .collect();
    assert_eq!(
        got,
        [
            (Resolution::Resolved, Some("b".to_string())),
            (Resolution::Resolved, Some("g".to_string()))
        ]
    );
    // And the reverse link, for a number and for a title-only citation.
    let by = cite::citations(&engine, "b", Scope::Public)
        .expect("b")
        .expect("b exists")
        .cited_by;
    assert_eq!(by.iter().map(|d| d.id.as_str()).collect::<Vec<_>>(), ["a"]);
    let by = cite::citations(&engine, "g", Scope::Public)
        .expect("g")
        .expect("g exists")
        .cited_by;
    assert_eq!(by.iter().map(|d| d.id.as_str()).collect::<Vec<_>>(), ["a"]);

    // Check: any spelling, titles graded.
    let r = check(
        &engine,
        "红政办函(2018)第031号",
        Some("关于印发政务公开工作要点分工方案的通知"),
        Scope::Public,
    )
    .expect("check");
    assert!(r.exists);
    assert_eq!(r.canonical, "红政办函〔2018〕31号");
    assert_eq!(r.title_match, Some(TitleMatch::Exact));
    let r = check(
        &engine,
        "红政办函〔2018〕31号",
        Some("关于印发政府网站发展指引的通知"),
        Scope::Public,
    )
    .expect("check");
    assert_eq!(r.title_match, Some(TitleMatch::Different));
    let r = check(&engine, "红政办函〔2018〕32号", None, Scope::Public).expect("check");
    assert!(!r.exists && r.document.is_none() && r.title_match.is_none());
    assert!(check(&engine, "不是文号", None, Scope::Public).is_err());
}

#[test]
fn repeals_amendments_and_interpretations_link_both_ways() {
    let tmp = tempfile::tempdir().expect("tempdir");
    let dir = IndexDir::open_or_create(&tmp.path().join("idx")).expect("create");
    let old = doc(
        tmp.path(),
        "old",
        "上海市住房公积金管理办法",
        Some("沪府发〔2005〕12号"),
        "第一条 为了加强管理。",
        None,
    );
    let mut old_with_status = doc(
        tmp.path(),
        "old2",
        "上海市公积金提取办法",
        Some("沪府发〔2006〕3号"),
        "第一条 提取。",
        None,
    );
    old_with_status.status = Status::InForce;
    let new = doc(
        tmp.path(),
        "new",
        "上海市住房公积金管理办法",
        Some("沪府发〔2019〕1号"),
        "第一条 为了加强管理。\n第三十条 本办法自2019年3月1日起施行。《上海市住房公积金管理办法》（沪府发〔2005〕12号）、\
         《上海市公积金提取办法》（沪府发〔2006〕3号）同时废止。",
        None,
    );
    let interp = doc(
        tmp.path(),
        "interp",
        "《上海市住房公积金管理办法》政策解读",
        None,
        "近日，市政府印发了《上海市住房公积金管理办法》（沪府发〔2019〕1号）。",
        Some("interpretation"),
    );
    assert_eq!(interp.kind, Kind::Interpretation);
    assert_eq!(interp.interprets.as_deref(), Some("沪府发〔2019〕1号"));
    add(&dir, vec![old, old_with_status, new, interp]);
    let engine = Engine::open(&tmp.path().join("idx"), EngineOptions::default()).expect("open");
    let st = cite::status(&engine, "old", Scope::Public)
        .expect("status")
        .expect("exists");
    assert_eq!(st.status, Status::Repealed);
    assert_eq!(st.status_from, "text");
    assert_eq!(
        st.repealed_by.iter().map(|d| d.id.as_str()).collect::<Vec<_>>(),
        ["new"]
    );
    // See (QA staff pass): a record's 现行有效 is what its source last saw; a later
    // document of the index that repeals it outweighs it (学位条例, repealed by 学位法, read
    // 现行有效). The document as served and its search hit say so too.
    let st = cite::status(&engine, "old2", Scope::Public)
        .expect("status")
        .expect("exists");
    assert_eq!((st.status, st.status_from), (Status::Repealed, "text"));
    assert_eq!(st.repealed_by.len(), 1);
    let served = engine.document("old2", Scope::Public).expect("doc").expect("exists");
    assert_eq!(served.status, Status::InForce, "the record as stored");
    let served = cite::with_succession(&engine, served, Scope::Public).expect("served");
    assert_eq!(
        (served.status, served.replaced_by.as_slice()),
        (Status::Repealed, &["new".to_string()][..])
    );
    let checked = check(&engine, "沪府发〔2006〕3号", None, Scope::Public).expect("check");
    assert_eq!(checked.document.map(|d| d.status), Some(Status::Repealed));
    let hits = engine
        .search(
            &gongwen_query::SearchRequest {
                q: "公积金提取办法".into(),
                ..Default::default()
            },
            Scope::Public,
        )
        .expect("search")
        .hits;
    let hit = hits.iter().find(|h| h.id == "old2").expect("found");
    assert_eq!(
        (hit.status, hit.replaced_by.as_slice()),
        (Status::Repealed, &["new".to_string()][..])
    );
    // The repealing document itself is not repealed by what it says.
    let hit = hits.iter().find(|h| h.id == "new");
    assert!(hit.is_none_or(|h| h.replaced_by.is_empty() && h.status != Status::Repealed));
    // The status filter and facet read it so too, and each facet count is the total of
    // choosing that value.
    let by_status = |status: Option<&str>| {
        let r = engine
            .search(
                &gongwen_query::SearchRequest {
                    q: "上海市".into(),
                    status: status.map(str::to_string),
                    ..Default::default()
                },
                Scope::Public,
            )
            .expect("search");
        let mut ids: Vec<String> = r.hits.iter().map(|h| h.id.clone()).collect();
        ids.sort();
        (ids, r.facets["status"].clone())
    };
    let (all, facet) = by_status(None);
    assert_eq!(all, ["interp", "new", "old", "old2"]);
    assert_eq!(by_status(Some("in_force")).0, Vec::<String>::new());
    assert_eq!(by_status(Some("repealed")).0, ["old", "old2"]);
    for f in &facet {
        let (ids, _) = by_status(Some(&f.value));
        assert_eq!(ids.len() as u64, f.count, "{}: {facet:?}", f.value);
    }
    assert_eq!(facet.iter().map(|f| f.count).sum::<u64>(), 4);
    let st = cite::status(&engine, "new", Scope::Public)
        .expect("status")
        .expect("exists");
    assert_eq!(st.repeals.len(), 2);
    assert!(st.repeals.iter().all(|c| c.resolution == Resolution::Resolved));
    assert!(st.repealed_by.is_empty());
    let list = cite::interpretations(&engine, "new", Scope::Public)
        .expect("interp")
        .expect("exists");
    assert_eq!(list.iter().map(|d| d.id.as_str()).collect::<Vec<_>>(), ["interp"]);
    let c = cite::citations(&engine, "interp", Scope::Public)
        .expect("c")
        .expect("exists");
    assert_eq!(
        c.interprets.and_then(|i| i.target).map(|t| t.id),
        Some("new".to_string())
    );
    assert!(cite::status(&engine, "nope", Scope::Public).expect("status").is_none());
}

#[test]
fn a_number_printed_only_in_the_title_finds_its_document() {
    // Regression: a page titled with a number it gave not as its own was not found by that
    // number in any spelling (the number was only looked up among the documents' own numbers
    // and their citations). A number in brackets at the end of a title is the record's own
    // now (see `a_number_printed_at_the_end_of_the_title_is_the_record_s` in the corpus
    // tests), so the title here names it as what it acts on.
    let tmp = tempfile::tempdir().expect("tempdir");
    let dir = IndexDir::open_or_create(&tmp.path().join("idx")).expect("create");
    let titled = doc(
        tmp.path(),
        "tn1",
        "关于贯彻落实京政办发[2019]3号文件做好春节期间安全生产工作的通知",
        None,
        "各区人民政府，市政府各委、办、局：现就做好春节期间安全生产工作通知如下。",
        None,
    );
    let own = doc(
        tmp.path(),
        "own",
        "关于加强安全生产的意见",
        Some("京政办发〔2019〕3号"),
        "为加强安全生产，提出如下意见。",
        None,
    );
    let other = doc(
        tmp.path(),
        "other",
        "关于贯彻落实京政办发[2019]4号文件做好元宵节期间安全生产工作的通知",
        None,
        "现就做好元宵节期间安全生产工作通知如下。",
        None,
    );
    add(&dir, vec![titled, own, other]);
    let engine = Engine::open(&tmp.path().join("idx"), EngineOptions::default()).expect("open");
    for q in [
        "京政办发〔2019〕3号",
        "京政办发[2019]3号",
        "京政办发（2019）3号",
        "\"京政办发[2019]3号\"",
    ] {
        let r = engine
            .search(
                &gongwen_query::SearchRequest {
                    q: q.to_string(),
                    ..Default::default()
                },
                Scope::Public,
            )
            .expect("search");
        let ids: Vec<&str> = r.hits.iter().map(|h| h.id.as_str()).collect();
        // The document that carries the number as its own comes first, then the one titled with it.
        assert_eq!(ids, ["own", "tn1"], "{q}");
    }
}

// See (QA): 《无线电管理条例》 cited by a national document resolved to 山东省无线电管理条例
// (and was missing from its cited-by, which disagreed), and a regulation cited by a later
// decree number than the indexed one was reported as a mismatch.
#[test]
fn a_citation_names_the_document_it_names_and_no_other() {
    let tmp = tempfile::tempdir().expect("tempdir");
    let dir = IndexDir::open_or_create(&tmp.path().join("idx")).expect("create");
    let citing = doc(
        tmp.path(),
        "c",
        "工业和信息化部关于加强无线电频率管理的通知",
        None,
        "根据《无线电管理条例》和《住房公积金管理条例》（国务院令第710号），现就有关事项通知如下。",
        None,
    );
    let provincial = doc(
        tmp.path(),
        "sd",
        "山东省无线电管理条例",
        None,
        "第一条 为了加强无线电管理。",
        None,
    );
    let fund = doc(
        tmp.path(),
        "hf",
        "住房公积金管理条例",
        Some("国务院令第262号"),
        "第一条 为了加强对住房公积金的管理。",
        None,
    );
    add(&dir, vec![citing, provincial, fund]);
    let engine = Engine::open(&tmp.path().join("idx"), EngineOptions::default()).expect("open");
    let c = cite::citations(&engine, "c", Scope::Public)
        .expect("citations")
        .expect("c");
    let radio = c
        .cites
        .iter()
        .find(|x| x.title.as_deref() == Some("无线电管理条例"))
        .expect("the radio regulation is cited");
    assert_eq!(radio.resolution, Resolution::UnknownTitle);
    assert!(radio.target.is_none());
    let by = cite::citations(&engine, "sd", Scope::Public)
        .expect("sd")
        .expect("sd")
        .cited_by;
    assert!(by.is_empty(), "{by:?}");
    let fund = c
        .cites
        .iter()
        .find(|x| x.number.as_deref() == Some("国务院令第710号"))
        .expect("the fund regulation is cited by number");
    assert_eq!(fund.resolution, Resolution::UnknownNumber);
    assert_eq!(fund.target.as_ref().map(|t| t.id.as_str()), Some("hf"));
    assert!(
        fund.note.as_deref().is_some_and(|n| n.contains("国务院令第262号")),
        "{:?}",
        fund.note
    );
}

// See (QA): a citation of a generic title with a number the index lacks named another
// city's notice of the same title (郑政办〔2022〕13号 resolved to 贵阳's).
#[test]
fn a_generic_title_resolves_in_the_cited_number_s_place() {
    let tmp = tempfile::tempdir().expect("tempdir");
    let dir = IndexDir::open_or_create(&tmp.path().join("idx")).expect("create");
    let title = "关于促进房地产业良性循环和健康发展的通知";
    let gy = doc(
        tmp.path(),
        "gy",
        &format!("贵阳市人民政府办公厅{title}"),
        Some("筑府办发〔2022〕5号"),
        "各区人民政府：现就促进房地产业良性循环通知如下。",
        None,
    );
    let zz = doc(
        tmp.path(),
        "zz",
        &format!("郑州市人民政府办公厅{title}"),
        Some("郑政办〔2022〕12号"),
        "各县人民政府：现就促进房地产业良性循环通知如下。",
        None,
    );
    let citing = doc(
        tmp.path(),
        "c",
        "郑州市住房保障和房地产管理局关于贯彻落实的通知",
        None,
        &format!("根据《{title}》（郑政办〔2022〕13号）精神，现通知如下。"),
        None,
    );
    add(&dir, vec![gy, zz, citing]);
    let engine = Engine::open(&tmp.path().join("idx"), EngineOptions::default()).expect("open");
    let c = cite::citations(&engine, "c", Scope::Public)
        .expect("citations")
        .expect("c");
    let cited = c
        .cites
        .iter()
        .find(|x| x.number.as_deref() == Some("郑政办〔2022〕13号"))
        .expect("the notice is cited");
    assert_eq!(cited.resolution, Resolution::UnknownNumber);
    assert_eq!(cited.target.as_ref().map(|t| t.id.as_str()), Some("zz"));
}

/// An organ's name written before a code (`江苏省生态环境厅苏环函〔2022〕187号`, as bodies cite
/// numbers and staff type them) finds the document numbered with the code alone, in a look-up,
/// a check, a search and a citation; a number some document carries whole is never shortened.
#[test]
fn an_organ_name_before_the_code_still_finds_the_number() {
    let tmp = tempfile::tempdir().expect("tempdir");
    let dir = IndexDir::open_or_create(&tmp.path().join("idx")).expect("create");
    let target = doc(
        tmp.path(),
        "t",
        "江苏省生态环境厅关于印发排污许可管理办法的通知",
        Some("苏环函〔2022〕187号"),
        "各设区市生态环境局：现将排污许可管理办法印发给你们。",
        None,
    );
    let citing = doc(
        tmp.path(),
        "c",
        "苏州市生态环境局关于贯彻排污许可管理办法的通知",
        None,
        "根据江苏省生态环境厅苏环函〔2022〕187号文件精神，现通知如下。",
        None,
    );
    // A document numbered with the long code itself keeps it.
    let whole = doc(
        tmp.path(),
        "w",
        "上海市国有资产监督管理委员会关于加强监管的通知",
        Some("沪国资委综合〔2023〕61号"),
        "各企业：现通知如下。",
        None,
    );
    let decoy = doc(
        tmp.path(),
        "d",
        "综合通知",
        Some("综合〔2023〕61号"),
        "现通知如下。",
        None,
    );
    add(&dir, vec![target, citing, whole, decoy]);
    let engine = Engine::open(&tmp.path().join("idx"), EngineOptions::default()).expect("open");

    let typed = gongwen_schema::DocNumber::parse("江苏省生态环境厅苏环函（2022）187号").expect("a number");
    let ids = |docs: Vec<Document>| docs.into_iter().map(|d| d.id).collect::<Vec<_>>();
    assert_eq!(ids(engine.by_number(&typed, Scope::Public).expect("lookup")), ["t"]);
    let r = check(&engine, "江苏省生态环境厅苏环函〔2022〕187号", None, Scope::Public).expect("check");
    assert!(r.exists);
    assert_eq!(r.document.map(|d| d.id).as_deref(), Some("t"));
    let hits = engine
        .search(
            &gongwen_query::SearchRequest {
                q: "江苏省生态环境厅苏环函〔2022〕187号".into(),
                ..Default::default()
            },
            Scope::Public,
        )
        .expect("search");
    assert_eq!(hits.hits.first().map(|h| h.id.as_str()), Some("t"));
    let c = cite::citations(&engine, "c", Scope::Public)
        .expect("citations")
        .expect("c");
    let cited = c
        .cites
        .iter()
        .find(|x| x.number.is_some())
        .expect("the number is cited");
    assert_eq!(cited.resolution, Resolution::Resolved);
    assert_eq!(cited.target.as_ref().map(|t| t.id.as_str()), Some("t"));

    let whole = gongwen_schema::DocNumber::parse("沪国资委综合〔2023〕61号").expect("a number");
    assert_eq!(ids(engine.by_number(&whole, Scope::Public).expect("lookup")), ["w"]);
    // Without any document carrying a reading, nothing is found.
    let none = gongwen_schema::DocNumber::parse("江苏省生态环境厅苏环函〔2022〕188号").expect("a number");
    assert!(engine.by_number(&none, Scope::Public).expect("lookup").is_empty());
}

// See (QA): a partial number (`青府办发〔2015〕`) found only documents numbered so, none of
// those citing such a number.
#[test]
fn a_partial_number_finds_the_documents_citing_it_too() {
    let tmp = tempfile::tempdir().expect("tempdir");
    let dir = IndexDir::open_or_create(&tmp.path().join("idx")).expect("create");
    let own = doc(
        tmp.path(),
        "own",
        "青浦区关于甲的通知",
        Some("青府办发〔2016〕97号"),
        "现通知如下。",
        None,
    );
    let citing = doc(
        tmp.path(),
        "citing",
        "青浦区关于乙的通知",
        Some("青府办发〔2021〕32号"),
        "根据《关于丙的意见》（青府办发〔2015〕41号），现通知如下。",
        None,
    );
    let other = doc(
        tmp.path(),
        "other",
        "关于丁的通知",
        None,
        "根据国发〔2015〕41号，现通知如下。",
        None,
    );
    add(&dir, vec![own, citing, other]);
    let engine = Engine::open(&tmp.path().join("idx"), EngineOptions::default()).expect("open");
    let ids = |q: &str| {
        let r = engine
            .search(
                &gongwen_query::SearchRequest {
                    q: q.into(),
                    ..Default::default()
                },
                Scope::Public,
            )
            .expect("search");
        r.hits.into_iter().map(|h| h.id).collect::<Vec<_>>()
    };
    assert_eq!(ids("青府办发〔2015〕"), ["citing"]);
    assert_eq!(ids("青府办发〔2016〕"), ["own"]);
    // Without a year: every number of the code, and nothing of another code.
    let mut both = ids("青府办发");
    both.sort();
    assert_eq!(both, ["citing", "own"]);
}

// See (QA): a decree number was no longer suggested once a digit was typed (`国务院令第7`).
#[test]
fn decree_numbers_are_suggested_as_they_are_typed() {
    let tmp = tempfile::tempdir().expect("tempdir");
    let dir = IndexDir::open_or_create(&tmp.path().join("idx")).expect("create");
    let decree = doc(
        tmp.path(),
        "d",
        "保障农民工工资支付条例",
        Some("中华人民共和国国务院令第724号"),
        "第一条 为了规范农民工工资支付行为，制定本条例。",
        None,
    );
    let notice = doc(
        tmp.path(),
        "n",
        "关于做好工资支付工作的通知",
        Some("国办发〔2019〕5号"),
        "各省人民政府：现通知如下。",
        None,
    );
    add(&dir, vec![decree, notice]);
    let engine = Engine::open(&tmp.path().join("idx"), EngineOptions::default()).expect("open");
    for q in [
        "国务院令",
        "国务院令第7",
        "国务院令第72",
        "中华人民共和国国务院令第724",
        "国务院令第724号",
    ] {
        let s = engine.suggest(q, 8, Scope::Public).expect("suggest");
        assert!(s.iter().any(|x| x.kind == "doc_number" && x.id == "d"), "{q}: {s:?}");
    }
    for q in ["国办发〔2019〕", "国办发〔2019〕第5", "国办发[2019]5"] {
        let s = engine.suggest(q, 8, Scope::Public).expect("suggest");
        assert!(s.iter().any(|x| x.kind == "doc_number" && x.id == "n"), "{q}: {s:?}");
        // None asked for, none given (one was: QA robustness pass, fourteenth session).
        assert!(engine.suggest(q, 0, Scope::Public).expect("suggest").is_empty());
    }
    // In the order of their serials, not of their text (15号 before 3号).
    let more = ["国办发〔2019〕15号", "国办发〔2019〕3号"]
        .iter()
        .enumerate()
        .map(|(i, n)| {
            doc(
                tmp.path(),
                &format!("m{i}"),
                &format!("关于第{i}项工作的通知"),
                Some(n),
                "现通知如下。",
                None,
            )
        })
        .collect();
    add(&dir, more);
    let engine = Engine::open(&tmp.path().join("idx"), EngineOptions::default()).expect("open");
    let s = engine.suggest("国办发〔2019〕", 8, Scope::Public).expect("suggest");
    let texts: Vec<&str> = s
        .iter()
        .filter(|x| x.kind == "doc_number")
        .map(|x| x.text.as_str())
        .collect();
    assert_eq!(texts, ["国办发〔2019〕3号", "国办发〔2019〕5号", "国办发〔2019〕15号"]);
}

// See (QA staff pass): a title-only citation of a generic title (`关于促进我市…的通知`) named
// another city's notice of that title, and filled its cited-by; a document quoting its own
// title cited the other city's; a citation of 法释〔2013〕15号 (not indexed) linked to the
// same title's 法释〔2023〕7号, another interpretation.
#[test]
fn generic_titles_stay_in_their_place_and_other_years_are_other_documents() {
    let tmp = tempfile::tempdir().expect("tempdir");
    let dir = IndexDir::open_or_create(&tmp.path().join("idx")).expect("create");
    let title = "关于促进我市房地产市场平稳健康发展的通知";
    let mut nj = doc(
        tmp.path(),
        "nj",
        &format!("【南京市住保房管局】{title}"),
        None,
        "各区：现通知如下。",
        None,
    );
    nj.issuers = vec!["南京市住房保障和房产局".into()];
    let mut yc = doc(
        tmp.path(),
        "yc",
        "【银川市六部门】关于促进银川市房地产业良性循环和健康发展的实施意见",
        None,
        &format!("本意见自印发之日起施行，《{title}》同时废止。"),
        None,
    );
    yc.issuers = vec!["银川市住房和城乡建设局".into()];
    let mut bj = doc(
        tmp.path(),
        "bj",
        &format!("【北京市】{title}"),
        None,
        &format!("现将《{title}》印发给你们。"),
        None,
    );
    bj.issuers = vec!["北京市住房和城乡建设委员会".into()];
    let new_interp = doc(
        tmp.path(),
        "fs2023",
        "最高人民法院关于审理食品药品纠纷案件适用法律若干问题的规定",
        Some("法释〔2023〕7号"),
        "为正确审理食品药品纠纷案件，制定本规定。",
        Some("judicial_interpretation"),
    );
    let citer = doc(
        tmp.path(),
        "citer",
        "关于学习贯彻司法解释的通知",
        None,
        "认真学习《最高人民法院关于审理食品药品纠纷案件适用法律若干问题的规定》（法释〔2013〕15号）。",
        None,
    );
    add(&dir, vec![nj, yc, bj, new_interp, citer]);
    let engine = Engine::open(&tmp.path().join("idx"), EngineOptions::default()).expect("open");
    let cites = |id: &str| {
        cite::citations(&engine, id, Scope::Public)
            .expect("citations")
            .expect("exists")
    };
    for id in ["yc", "bj"] {
        let c = cites(id);
        assert!(c.cites.iter().all(|x| x.target.is_none()), "{id}: {:?}", c.cites);
    }
    assert!(cites("nj").cited_by.is_empty());
    let st = cite::status(&engine, "nj", Scope::Public).expect("status").expect("nj");
    assert_ne!(st.status, Status::Repealed);
    let c = cites("citer");
    let old = c
        .cites
        .iter()
        .find(|x| x.number.as_deref() == Some("法释〔2013〕15号"))
        .expect("cited");
    assert_eq!((old.resolution, old.target.as_ref()), (Resolution::UnknownNumber, None));
}

// A document its record already gives as expired keeps that status when a later one repeals
// it, and still shows who repealed it, in the document, its hit and its status view alike.
#[test]
fn an_expired_record_keeps_its_status_and_shows_its_repealer() {
    let tmp = tempfile::tempdir().expect("tempdir");
    let dir = IndexDir::open_or_create(&tmp.path().join("idx")).expect("create");
    let mut exp = doc(
        tmp.path(),
        "exp",
        "上海市住房租赁管理办法",
        Some("沪府发〔2001〕1号"),
        "第一条 为了规范住房租赁。",
        None,
    );
    exp.status = Status::Expired;
    let rep = doc(
        tmp.path(),
        "rep",
        "上海市住房租赁条例实施办法",
        Some("沪府发〔2020〕2号"),
        "本办法自2020年1月1日起施行。《上海市住房租赁管理办法》（沪府发〔2001〕1号）同时废止。",
        None,
    );
    add(&dir, vec![exp, rep]);
    let engine = Engine::open(&tmp.path().join("idx"), EngineOptions::default()).expect("open");
    let served = engine.document("exp", Scope::Public).expect("doc").expect("exists");
    let served = cite::with_succession(&engine, served, Scope::Public).expect("served");
    assert_eq!(
        (served.status, served.replaced_by.as_slice()),
        (Status::Expired, &["rep".to_string()][..])
    );
    let st = cite::status(&engine, "exp", Scope::Public)
        .expect("status")
        .expect("exp");
    assert_eq!((st.status, st.status_from), (Status::Expired, "corpus"));
    assert_eq!(
        st.repealed_by.iter().map(|d| d.id.as_str()).collect::<Vec<_>>(),
        ["rep"]
    );
    let search = |status: &str| {
        engine
            .search(
                &gongwen_query::SearchRequest {
                    q: "住房租赁".into(),
                    status: Some(status.into()),
                    ..Default::default()
                },
                Scope::Public,
            )
            .expect("search")
            .hits
    };
    let hits = search("expired");
    assert_eq!(hits.iter().map(|h| h.id.as_str()).collect::<Vec<_>>(), ["exp"]);
    assert_eq!(hits[0].replaced_by, ["rep"]);
    assert!(search("repealed").is_empty());
}

// See (QA staff pass, fourteenth session): a repeal by number marked one of the two records
// carrying it (two copies of one notice), and the other stayed in force.
#[test]
fn a_repeal_by_number_reaches_every_copy() {
    let tmp = tempfile::tempdir().expect("tempdir");
    let dir = IndexDir::open_or_create(&tmp.path().join("idx")).expect("create");
    let title = "昆明市人民政府办公厅关于促进房地产市场平稳健康发展的通知";
    let a = doc(
        tmp.path(),
        "a",
        title,
        Some("昆政办〔2018〕23号"),
        "为促进房地产市场平稳健康发展，现通知如下。",
        None,
    );
    let b = doc(
        tmp.path(),
        "b",
        &format!("【昆明市】{title}"),
        Some("昆政办〔2018〕23号"),
        "为促进房地产市场平稳健康发展，现通知如下。",
        None,
    );
    let later = doc(
        tmp.path(),
        "later",
        "昆明市人民政府办公厅关于进一步促进房地产市场平稳健康发展的通知",
        Some("昆政办〔2019〕5号"),
        "本通知自印发之日起施行。《昆明市人民政府办公厅关于促进房地产市场平稳健康发展的通知》（昆政办〔2018〕23号）同时废止。",
        None,
    );
    add(&dir, vec![a, b, later]);
    let engine = Engine::open(&tmp.path().join("idx"), EngineOptions::default()).expect("open");
    let r = engine
        .search(
            &gongwen_query::SearchRequest {
                status: Some("repealed".into()),
                ..Default::default()
            },
            Scope::Public,
        )
        .expect("search");
    let mut ids: Vec<&str> = r.hits.iter().map(|h| h.id.as_str()).collect();
    ids.sort();
    assert_eq!(ids, ["a", "b"]);
}

// See (QA staff pass, fourteenth session): an interpretation indexed without its number, which
// a later one repeals by number and title, stayed in force.
#[test]
fn a_repeal_by_an_unknown_number_holds_by_its_title() {
    let tmp = tempfile::tempdir().expect("tempdir");
    let dir = IndexDir::open_or_create(&tmp.path().join("idx")).expect("create");
    let old = doc(
        tmp.path(),
        "old",
        "最高人民法院关于审理洗钱等刑事案件具体应用法律若干问题的解释",
        None,
        "为依法惩治洗钱等犯罪活动，制定本解释。",
        Some("judicial_interpretation"),
    );
    let new = doc(
        tmp.path(),
        "new",
        "最高人民法院、最高人民检察院关于办理洗钱刑事案件适用法律若干问题的解释",
        Some("法释〔2024〕10号"),
        "本解释自2024年8月20日起施行。《最高人民法院关于审理洗钱等刑事案件具体应用法律若干问题的解释》（法释〔2009〕15号）同时废止。",
        Some("judicial_interpretation"),
    );
    add(&dir, vec![old, new]);
    let engine = Engine::open(&tmp.path().join("idx"), EngineOptions::default()).expect("open");
    let s = cite::status(&engine, "old", Scope::Public)
        .expect("status")
        .expect("found");
    assert_eq!(s.status, gongwen_schema::Status::Repealed);
    assert_eq!(s.repealed_by.iter().map(|l| l.id.as_str()).collect::<Vec<_>>(), ["new"]);
}

// See (QA staff pass, fourteenth session): a generic title resolved to another city of the
// same province (places compared by the province's first two characters), and a citer with
// no place took the first document of the title.
#[test]
fn a_generic_title_stays_in_its_city_and_a_placeless_citer_names_none() {
    let tmp = tempfile::tempdir().expect("tempdir");
    let dir = IndexDir::open_or_create(&tmp.path().join("idx")).expect("create");
    let title = "关于支持职工合理住房需求的通知";
    let mut fz = doc(
        tmp.path(),
        "fz",
        &format!("【福建省福州住房公积金管理委员会】{title}"),
        None,
        "现通知如下。",
        None,
    );
    fz.issuers = vec!["福建省福州住房公积金管理委员会".into()];
    let mut ly = doc(
        tmp.path(),
        "ly",
        "【福建省龙岩市住房公积金管理委员会】支持职工合理住房需求的若干措施",
        None,
        &format!("根据《{title}》，现提出如下措施。"),
        None,
    );
    ly.issuers = vec!["福建省龙岩市住房公积金管理委员会".into()];
    let nowhere = doc(
        tmp.path(),
        "nowhere",
        "支持职工合理住房需求的若干措施",
        None,
        &format!("根据《{title}》，现提出如下措施。"),
        None,
    );
    let mut fz2 = doc(
        tmp.path(),
        "fz2",
        "【福建省福州住房公积金管理委员会】支持职工合理住房需求的若干措施",
        None,
        &format!("根据《{title}》，现提出如下措施。"),
        None,
    );
    fz2.issuers = vec!["福建省福州住房公积金管理委员会".into()];
    add(&dir, vec![fz, ly, nowhere, fz2]);
    let engine = Engine::open(&tmp.path().join("idx"), EngineOptions::default()).expect("open");
    for citer in ["ly", "nowhere"] {
        let c = cite::citations(&engine, citer, Scope::Public)
            .expect("citations")
            .expect("found");
        let targets: Vec<&str> = c
            .cites
            .iter()
            .filter_map(|x| x.target.as_ref())
            .map(|t| t.id.as_str())
            .collect();
        assert!(targets.is_empty(), "{citer}: {targets:?}");
    }
    // Fuzhou's own measures name Fuzhou's notice.
    let c = cite::citations(&engine, "fz2", Scope::Public)
        .expect("citations")
        .expect("found");
    let targets: Vec<&str> = c
        .cites
        .iter()
        .filter_map(|x| x.target.as_ref())
        .map(|t| t.id.as_str())
        .collect();
    assert_eq!(targets, ["fz"]);
}

/// See (QA numbers pass, sixteenth session): a number cited with its organ's name before the
/// code resolved forward, but its citer was missing from the cited document's `cited_by`.
#[test]
fn a_number_cited_with_its_organ_s_name_is_cited_both_ways() {
    let tmp = tempfile::tempdir().expect("tempdir");
    let dir = IndexDir::open_or_create(&tmp.path().join("idx")).expect("create");
    let target = doc(
        tmp.path(),
        "t",
        "关于加强小型建设工程安全管理的通知",
        Some("普府办〔2018〕22号"),
        "各街道办事处：现将有关事项通知如下。",
        None,
    );
    let citer = doc(
        tmp.path(),
        "c",
        "关于落实小型建设工程管理的通知",
        None,
        "根据上级文件（上海市普陀区人民政府办公室普府办〔2018〕22号）精神，现就有关事项通知如下。",
        None,
    );
    add(&dir, vec![target, citer]);
    let engine = Engine::open(&tmp.path().join("idx"), EngineOptions::default()).expect("open");
    let c = cite::citations(&engine, "c", Scope::Public)
        .expect("citations")
        .expect("c");
    assert!(
        c.cites.iter().any(|x| x.target.as_ref().is_some_and(|t| t.id == "t")),
        "forward: {:?}",
        c.cites
    );
    let t = cite::citations(&engine, "t", Scope::Public)
        .expect("citations")
        .expect("t");
    let by: Vec<&str> = t.cited_by.iter().map(|d| d.id.as_str()).collect();
    assert_eq!(by, ["c"]);
}

/// See (QA numbers pass, sixteenth session): a title naming another organ before its 关于
/// was `close` to a document whose title starts at 关于.
#[test]
fn check_tells_a_title_of_another_organ() {
    let tmp = tempfile::tempdir().expect("tempdir");
    let dir = IndexDir::open_or_create(&tmp.path().join("idx")).expect("create");
    let mut d = doc(
        tmp.path(),
        "d",
        "关于延长《关于本市耕地占用税有关事项的通知》有效期的通知",
        Some("沪财发〔2024〕6号"),
        "各区财政局：现将有关事项通知如下。",
        None,
    );
    d.issuers = vec!["上海市财政局".into()];
    add(&dir, vec![d]);
    let engine = Engine::open(&tmp.path().join("idx"), EngineOptions::default()).expect("open");
    let m = |title: &str| {
        check(&engine, "沪财发〔2024〕6号", Some(title), Scope::Public)
            .expect("check")
            .title_match
    };
    assert_eq!(
        m("兰考县人民政府关于延长《关于本市耕地占用税有关事项的通知》有效期的通知"),
        Some(TitleMatch::Different)
    );
    assert_eq!(
        m("上海市财政局关于延长《关于本市耕地占用税有关事项的通知》有效期的通知"),
        Some(TitleMatch::Close)
    );
    assert_eq!(
        m("关于延长《关于本市耕地占用税有关事项的通知》有效期的通知"),
        Some(TitleMatch::Exact)
    );
}
