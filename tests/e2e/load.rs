//! Load: concurrent clients with mixed real queries (titles, document numbers, words) against
//! `gongwen serve` while `gongwen index` commits into the same folder. Zero errors, the new
//! commit becomes visible to readers, and the p99 latency under load stays within 2x of the
//! idle p99 (plus a small absolute slack for noisy CI machines).
//!
//! Short form (CI): 16 clients, ~3 s idle then ~10 s under a re-index. Long form
//! (`GONGWEN_LONG_TESTS=1`): 64 clients for 60 s.

use std::io::{BufRead, BufReader};
use std::path::PathBuf;
use std::process::Command;
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::sync::Arc;
use std::time::{Duration, Instant};

use crate::harness::{bin, corpus, enc, records, run, sample_dir, scratch, Server};

const NEW_MARKER: &str = "负载重建索引新增专用词";

/// Absolute slack added to the 2x bound, for scheduler noise on shared CI machines.
const SLACK: Duration = Duration::from_millis(5);

struct Figures {
    requests: usize,
    errors: usize,
    p50: Duration,
    p99: Duration,
    max: Duration,
}

fn queries() -> Vec<String> {
    let mut qs = Vec::new();
    for r in records("sample.jsonl").iter().take(120) {
        if let Some(t) = r["title"].as_str() {
            qs.push(format!("/api/search?q={}", enc(t)));
            let words: String = t.chars().skip(2).take(4).collect();
            qs.push(format!("/api/suggest?q={}", enc(&words)));
        }
        if let Some(n) = r["doc_number"].as_str() {
            qs.push(format!("/api/search?q={}", enc(n)));
        }
    }
    for w in [
        "住房公积金",
        "政务公开",
        "环境影响评价",
        "行政处罚",
        "国办发",
        "通知 -废止",
    ] {
        qs.push(format!("/api/search?q={}", enc(w)));
        qs.push(format!("/api/search?q={}&sort=date&kind=notice", enc(w)));
    }
    qs
}

/// `clients` threads, each cycling through the queries from its own offset, until `stop`.
fn hammer(base: &str, qs: &Arc<Vec<String>>, clients: usize, stop: &Arc<AtomicBool>) -> Figures {
    let errors = Arc::new(AtomicUsize::new(0));
    let threads: Vec<_> = (0..clients)
        .map(|c| {
            let (base, qs, stop, errors) = (base.to_string(), qs.clone(), stop.clone(), errors.clone());
            std::thread::spawn(move || {
                let agent: ureq::Agent = ureq::Agent::config_builder()
                    .http_status_as_error(false)
                    .timeout_global(Some(Duration::from_secs(30)))
                    .build()
                    .into();
                let mut lat = Vec::new();
                let mut i = c * 7;
                while !stop.load(Ordering::Relaxed) {
                    let url = format!("{base}{}", qs[i % qs.len()]);
                    i += 1;
                    let t = Instant::now();
                    let ok = match agent.get(&url).call() {
                        Ok(mut r) => r.status().as_u16() == 200 && r.body_mut().read_to_string().is_ok(),
                        Err(_) => false,
                    };
                    lat.push(t.elapsed());
                    if !ok {
                        errors.fetch_add(1, Ordering::Relaxed);
                    }
                }
                lat
            })
        })
        .collect();
    let mut all: Vec<Duration> = threads.into_iter().flat_map(|t| t.join().expect("client")).collect();
    all.sort_unstable();
    let pct = |p: f64| {
        all.get(((all.len() as f64 * p) as usize).min(all.len().saturating_sub(1)))
            .copied()
            .unwrap_or_default()
    };
    Figures {
        requests: all.len(),
        errors: errors.load(Ordering::Relaxed),
        p50: pct(0.50),
        p99: pct(0.99),
        max: all.last().copied().unwrap_or_default(),
    }
}

fn run_for(base: &str, qs: &Arc<Vec<String>>, clients: usize, secs: f64) -> Figures {
    let stop = Arc::new(AtomicBool::new(false));
    let timer = {
        let stop = stop.clone();
        std::thread::spawn(move || {
            std::thread::sleep(Duration::from_secs_f64(secs));
            stop.store(true, Ordering::Relaxed);
        })
    };
    let f = hammer(base, qs, clients, &stop);
    timer.join().expect("timer");
    f
}

/// A second file to index under load: real documents from the full corpus, and one document
/// only it holds.
fn reindex_input(n: usize) -> PathBuf {
    let path = scratch().join("load-reindex.jsonl");
    let file = std::fs::File::open(corpus("gov_docs.jsonl")).expect("open corpus");
    let mut lines: Vec<String> = BufReader::new(file).lines().take(n).map(|l| l.expect("line")).collect();
    lines.push(
        serde_json::json!({
            "id": "load-new-1",
            "title": format!("关于{NEW_MARKER}的通知"),
            "body": format!("{NEW_MARKER}。本文件只在重建索引的新文件中。"),
        })
        .to_string(),
    );
    std::fs::write(&path, lines.join("\n")).expect("write reindex input");
    path
}

fn show(label: &str, clients: usize, f: &Figures, secs: f64) {
    println!(
        "load {label}: {clients} clients, {} requests ({:.0}/s), {} errors, p50 {:.1} ms, p99 {:.1} ms, max {:.1} ms",
        f.requests,
        f.requests as f64 / secs,
        f.errors,
        f.p50.as_secs_f64() * 1e3,
        f.p99.as_secs_f64() * 1e3,
        f.max.as_secs_f64() * 1e3
    );
}

#[test]
fn serves_under_load_while_reindexing() {
    let long = std::env::var("GONGWEN_LONG_TESTS").is_ok_and(|v| v == "1");
    let (clients, idle_secs, load_secs, docs) = if long {
        (64, 15.0, 60.0, 6000)
    } else {
        (16, 3.0, 10.0, 800)
    };

    let dir = scratch().join("load-index");
    let d = dir.display().to_string();
    let s_dir = sample_dir().display().to_string();
    let (code, out, err) = run(&["index", "--quiet", "--index", &d, &s_dir]);
    assert_eq!(code, 0, "{out}{err}");
    let input = reindex_input(docs);
    let server = Server::start(&dir, &[]);
    let qs = Arc::new(queries());
    let marker_query = format!("/api/search?q={}", enc(&format!("\"{NEW_MARKER}\"")));
    assert_eq!(server.json(&marker_query, 200)["total"], 0);

    // Warm up, then measure idle.
    let _ = run_for(&server.base, &qs, clients, 1.0);
    let idle = run_for(&server.base, &qs, clients, idle_secs);
    show("idle", clients, &idle, idle_secs);

    // Re-index into the same folder in the background, committing several times.
    let mut indexer = Command::new(bin())
        .args([
            "index",
            "--quiet",
            "--commit-every",
            "200",
            "--threads",
            "2",
            "--index",
            &d,
        ])
        .arg(&input)
        .env("RUST_LOG", "warn")
        .spawn()
        .expect("spawn gongwen index");
    let started = Instant::now();
    let busy = run_for(&server.base, &qs, clients, load_secs);
    let status = indexer.wait().expect("wait for the indexer");
    let indexed_in = started.elapsed();
    show("under re-index", clients, &busy, load_secs);
    assert!(status.success(), "the background index failed");
    println!(
        "load: the re-index of {} documents finished after {:.1} s",
        docs + 1,
        indexed_in.as_secs_f64()
    );

    // Readers pick up the new commit without a restart.
    let deadline = Instant::now() + Duration::from_secs(10);
    loop {
        let r = server.json(&marker_query, 200);
        if r["total"] == 1 {
            assert_eq!(r["hits"][0]["id"], "load-new-1");
            break;
        }
        assert!(Instant::now() < deadline, "the new commit never became visible: {r}");
        std::thread::sleep(Duration::from_millis(100));
    }

    assert_eq!(idle.errors, 0, "errors while idle");
    assert_eq!(busy.errors, 0, "errors under load");
    assert!(busy.requests > clients * 10, "too few requests: {}", busy.requests);
    let bound = idle.p99 * 2 + SLACK;
    assert!(
        busy.p99 <= bound,
        "p99 under re-index {:?} exceeds 2x idle p99 {:?} + {SLACK:?}",
        busy.p99,
        idle.p99
    );
}
