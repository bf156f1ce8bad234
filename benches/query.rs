//! Query latency and known-item accuracy on the full corpus, gongwen next to the naive setup
//! (tantivy + tantivy-jieba, default `QueryParser` over title and body, no snippets), and the
//! HTTP server under `wrk` at 1, 16 and 64 connections.
//!
//! Guards the targets of the search issue: in-process p50/p95/p99 per query class with
//! snippets, known-item top-1 (title fragments and respelled document numbers), snippet
//! generation time, requests/s and p50/p99 over loopback with zero errors, server RSS. The
//! index is built once into a temporary folder with the release `gongwen index`; the query
//! set is drawn from the corpus, deterministic from a seed. The load generator shares the two
//! cores with the server, so HTTP figures are a floor.
//!
//! Run: `cargo bench --bench query` (or `scripts/bench`). `GW_BENCH_ROUNDS` (default 10)
//! passes over the query set; `GW_BENCH_HTTP=0` skips the HTTP part, `GW_BENCH_HTTP_SECS`
//! (default 8) is the duration of each load level; `GW_BENCH_PROFILE=SECS` runs only
//! gongwen's mixed set for SECS seconds (for `perf record`; `GW_BENCH_PROFILE_CLASS=NAME` keeps
//! the classes whose name contains NAME, `GW_BENCH_PROFILE_Q=TEXT` keeps
//! the queries containing TEXT); `GW_BENCH_INDEX=DIR` queries that index of gov_docs instead
//! of building one (two trees compared on the same segments). Writes bench-results/query.{json,md} and
//! bench-results/latency.svg.

mod baseline;
mod chart;
mod measure;
mod workload;

use std::path::Path;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use anyhow::{bail, Context, Result};
use gongwen_query::{Engine, EngineOptions, Scope, SearchRequest};
use measure::{mib, percentile};
use serde_json::json;
use workload::{Query, CLASSES};

const SEED: u64 = 20_261_127;

fn main() -> Result<()> {
    if std::env::args().any(|a| a == "--list") {
        return Ok(());
    }
    let rounds = std::env::var("GW_BENCH_ROUNDS")
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or(10usize);
    let corpus = measure::gov_docs();
    println!("machine: {}", measure::machine());
    let records = workload::load(&corpus, usize::MAX)?;
    let tmp = tempfile::tempdir()?;
    let gdir = tmp.path().join("gongwen");
    let ndir = tmp.path().join("naive");
    std::fs::create_dir_all(&ndir)?;
    // GW_BENCH_INDEX=DIR: query that index (built by `gongwen index` of gov_docs, kept
    // between runs) rather than a new one: two trees compared on the same segments, as the
    // segments two writer threads cut differ from run to run, and so do query times.
    let gdir = match std::env::var_os("GW_BENCH_INDEX") {
        Some(dir) => std::path::PathBuf::from(dir),
        None => {
            let (m, _) = measure::gongwen_index(None, &gdir, &[corpus.as_path()])?;
            println!("gongwen index built in {:.1} s", m.wall.as_secs_f64());
            // GW_BENCH_OPTIMIZE=0: query the index as `gongwen index` cut it. By default it
            // is merged into one segment first (`gongwen optimize`, as after a bulk load);
            // the mixed set's figures as cut are printed before.
            if std::env::var("GW_BENCH_OPTIMIZE").as_deref() != Ok("0") {
                let engine = Engine::open(&gdir, EngineOptions::default())?;
                let set = workload::mixed(&records, 40, SEED);
                let (by_class, _) = workload::engine_latencies(&engine, &set, rounds.min(3));
                let all: Vec<f64> = by_class.concat();
                let segments = tantivy::Index::open_in_dir(gdir.join(gongwen_schema::layout::PUBLIC_DIR))?
                    .searchable_segment_metas()?
                    .len();
                println!(
                    "as indexed ({segments} segments): mixed p50 {:.3} ms, p99 {:.3} ms",
                    percentile(&all, 50.0),
                    percentile(&all, 99.0)
                );
                drop(engine);
                let m = measure::gongwen_optimize(&gdir)?;
                println!("gongwen optimize (one segment) in {:.1} s", m.wall.as_secs_f64());
            }
            gdir
        }
    };
    let engine = Engine::open(&gdir, EngineOptions::default())?;
    // GW_BENCH_PROFILE=SECS: only run gongwen's mixed set for SECS seconds (a target for
    // `perf record`), then stop.
    if let Some(secs) = std::env::var("GW_BENCH_PROFILE")
        .ok()
        .and_then(|s| s.parse::<f64>().ok())
    {
        let mut set = workload::mixed(&records, 40, SEED);
        // GW_BENCH_PROFILE_Q=TEXT: only the queries whose text contains TEXT.
        if let Ok(only) = std::env::var("GW_BENCH_PROFILE_Q") {
            set.retain(|q| q.req.q.contains(&only));
        }
        // GW_BENCH_PROFILE_CLASS=NAME: only the classes whose name contains NAME.
        if let Ok(only) = std::env::var("GW_BENCH_PROFILE_CLASS") {
            set.retain(|q| CLASSES[q.class].contains(&only));
        }
        anyhow::ensure!(!set.is_empty(), "GW_BENCH_PROFILE_Q / _CLASS match no query of the set");
        let start = Instant::now();
        let mut n = 0usize;
        let mut times: Vec<Vec<f64>> = vec![Vec::new(); set.len()];
        while start.elapsed().as_secs_f64() < secs {
            for (q, t) in set.iter().zip(&mut times) {
                let one = Instant::now();
                std::hint::black_box(engine.search(&q.req, Scope::Public).ok());
                t.push(one.elapsed().as_secs_f64() * 1e3);
                n += 1;
            }
        }
        println!(
            "profile: {n} queries, {:.3} ms mean; the slowest by median:",
            start.elapsed().as_secs_f64() * 1e3 / n as f64
        );
        let mut medians: Vec<(f64, &Query)> = times.iter().zip(&set).map(|(t, q)| (percentile(t, 50.0), q)).collect();
        medians.sort_by(|a, b| b.0.total_cmp(&a.0));
        for (ms, q) in medians.iter().take(12) {
            println!("  {ms:.3} ms  {:<22} {:?}", CLASSES[q.class], q.req);
        }
        return Ok(());
    }
    baseline::build(&ndir, &corpus)?;
    let naive = baseline::Naive::open(&ndir)?;

    // 1. Latency per class, in process.
    let set = workload::mixed(&records, 40, SEED);
    let (by_class, failed) = workload::engine_latencies(&engine, &set, rounds);
    let naive_by_class = naive_latencies(&naive, &set, rounds)?;
    let mut rows = Vec::new();
    let mut jclasses = Vec::new();
    let mut all = Vec::new();
    let mut naive_all = Vec::new();
    for (k, name) in CLASSES.iter().enumerate() {
        let (g, n) = (&by_class[k], &naive_by_class[k]);
        all.extend_from_slice(g);
        naive_all.extend_from_slice(n);
        rows.push(latency_row(name, set.iter().filter(|q| q.class == k).count(), g, n));
        jclasses.push(json!({"class": name, "gongwen": pct(g), "naive": pct(n)}));
    }
    rows.push(latency_row("**mixed**", set.len(), &all, &naive_all));
    let mut text = format!(
        "In-process latency on gov_docs.jsonl ({} documents, gongwen's index in {} segment(s)), {} queries x {rounds} rounds after a warm-up pass; \
         gongwen with snippets and facets, naive without ({} gongwen errors). {}.\n\n",
        records.len(),
        engine.segments(),
        set.len(),
        failed,
        measure::machine()
    );
    text += &measure::table(
        &[
            "class",
            "queries",
            "gongwen p50 ms",
            "p95",
            "p99",
            "naive p50 ms",
            "p95",
            "p99",
            "p99 ratio g/n",
        ],
        &rows,
    );
    let mut series: Vec<(String, Vec<f64>)> = CLASSES
        .iter()
        .zip(&by_class)
        .map(|(c, v)| (c.to_string(), v.clone()))
        .collect();
    series.push(("naive, mixed (no snippets)".into(), naive_all.clone()));
    chart::latency_cdf(
        &measure::results_dir().join("latency.svg"),
        "gongwen in-process latency by query class, full corpus",
        &series,
    )?;

    // 2. Known items.
    let items = workload::known_items(&records, 300, SEED);
    let mut krows = Vec::new();
    let mut jknown = Vec::new();
    for kind in ["title fragment", "respelled number", "all"] {
        let chosen: Vec<&workload::KnownItem> = items.iter().filter(|i| kind == "all" || i.kind == kind).collect();
        let (mut g, mut n) = (0usize, 0usize);
        for it in &chosen {
            let req = SearchRequest {
                q: it.q.clone(),
                ..Default::default()
            };
            if let Ok(r) = engine.search(&req, Scope::Public) {
                g += usize::from(r.hits.first().is_some_and(|h| it.accept.contains(&h.id)));
            }
            if let Ok((hits, _)) = naive.search(&it.q, 0, 1) {
                n += usize::from(hits.first().is_some_and(|h| it.accept.contains(&h.0)));
            }
        }
        let total = chosen.len().max(1) as f64;
        krows.push(vec![
            kind.to_string(),
            chosen.len().to_string(),
            format!("{:.3}", g as f64 / total),
            format!("{:.3}", n as f64 / total),
        ]);
        jknown.push(
            json!({"kind": kind, "queries": chosen.len(), "gongwen": g as f64 / total, "naive": n as f64 / total}),
        );
    }
    text += "\nKnown-item top-1 (the first hit is the document, or one with the same title / number):\n\n";
    text += &measure::table(&["queries", "count", "gongwen top-1", "naive top-1"], &krows);

    // 3. Snippets.
    let snip = snippet_times(&engine, &set)?;
    text += &format!(
        "\nSnippet generation (`snippet::best_window`, 120 chars, top 10 bodies of the word and phrase queries): \
         {} snippets, p50 {:.4} ms, p99 {:.4} ms per snippet; {:.3} ms per page of 10 (mean).\n",
        snip.len(),
        percentile(&snip, 50.0),
        percentile(&snip, 99.0),
        snip.iter().sum::<f64>() / snip.len().max(1) as f64 * 10.0
    );
    println!("{}", text.lines().last().unwrap_or_default());

    // 4. HTTP.
    let mut jhttp = json!(null);
    if std::env::var("GW_BENCH_HTTP").as_deref() != Ok("0") {
        match http(&gdir, &set) {
            Ok((t, j)) => {
                text += &t;
                jhttp = j;
            }
            Err(e) => {
                let line = format!("\nHTTP part skipped: {e:#}\n");
                print!("{line}");
                text += &line;
            }
        }
    }
    measure::save_text("query.md", &text)?;
    measure::save_json(
        "query.json",
        &json!({"machine": measure::machine(), "rounds": rounds, "classes": jclasses,
                "mixed": {"gongwen": pct(&all), "naive": pct(&naive_all)},
                "known_items": jknown, "snippet_ms": pct(&snip), "http": jhttp}),
    )?;
    Ok(())
}

fn pct(v: &[f64]) -> serde_json::Value {
    json!({"p50": percentile(v, 50.0), "p95": percentile(v, 95.0), "p99": percentile(v, 99.0), "n": v.len()})
}

fn latency_row(name: &str, queries: usize, g: &[f64], n: &[f64]) -> Vec<String> {
    let f = |x: f64| format!("{x:.3}");
    vec![
        name.to_string(),
        queries.to_string(),
        f(percentile(g, 50.0)),
        f(percentile(g, 95.0)),
        f(percentile(g, 99.0)),
        f(percentile(n, 50.0)),
        f(percentile(n, 95.0)),
        f(percentile(n, 99.0)),
        format!("{:.1}", percentile(g, 99.0) / percentile(n, 99.0)),
    ]
}

/// The naive setup on the same query strings (filters are not expressible there: the text
/// alone), top 10 with titles read, no snippets.
fn naive_latencies(naive: &baseline::Naive, set: &[Query], rounds: usize) -> Result<Vec<Vec<f64>>> {
    let mut by_class = vec![Vec::new(); CLASSES.len()];
    let run = |q: &Query| naive.search(&q.req.q, q.req.offset.unwrap_or(0), q.req.limit.unwrap_or(10));
    for q in set {
        run(q)?;
    }
    for _ in 0..rounds {
        for q in set {
            let t = Instant::now();
            run(q)?;
            by_class[q.class].push(t.elapsed().as_secs_f64() * 1e3);
        }
    }
    Ok(by_class)
}

/// Time of one snippet over the bodies of the top hits of word and phrase queries.
fn snippet_times(engine: &Engine, set: &[Query]) -> Result<Vec<f64>> {
    let mut out = Vec::new();
    for q in set.iter().filter(|q| q.class <= 2) {
        let r = engine.search(&q.req, Scope::Public)?;
        let parsed = gongwen_query::understand::parse(&q.req.q);
        let mut needles: Vec<String> = parsed.phrases.clone();
        needles.extend(
            gongwen_schema::analyzer::words(&parsed.text)
                .into_iter()
                .map(|t| t.text),
        );
        let prepared = gongwen_query::snippet::prepare(&needles);
        for h in &r.hits {
            let Some(doc) = engine.document(&h.id, Scope::Public)? else {
                continue;
            };
            let t = Instant::now();
            let s = gongwen_query::snippet::best_window(&doc.body, &prepared, 120);
            out.push(t.elapsed().as_secs_f64() * 1e3);
            std::hint::black_box(s);
        }
    }
    Ok(out)
}

fn encode(s: &str) -> String {
    let mut out = String::new();
    for b in s.bytes() {
        match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'_' | b'.' | b'~' => out.push(b as char),
            _ => out.push_str(&format!("%{b:02X}")),
        }
    }
    out
}

fn url_path(req: &SearchRequest) -> String {
    let mut p = format!("/api/search?q={}", encode(&req.q));
    for (k, v) in [
        ("issuer", req.issuer.clone()),
        ("kind", req.kind.clone()),
        ("year", req.year.clone()),
        ("offset", req.offset.map(|o| o.to_string())),
        ("limit", req.limit.map(|o| o.to_string())),
    ] {
        if let Some(v) = v {
            p.push_str(&format!("&{k}={}", encode(&v)));
        }
    }
    p
}

fn free_port() -> Result<u16> {
    Ok(std::net::TcpListener::bind("127.0.0.1:0")?.local_addr()?.port())
}

/// Kills the server when dropped.
struct Server(std::process::Child);

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

fn http(index: &Path, set: &[Query]) -> Result<(String, serde_json::Value)> {
    if Command::new("wrk")
        .arg("--version")
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .status()
        .is_err()
    {
        bail!("wrk is not installed (scripts/bench installs it: apt-get install -y wrk)");
    }
    let secs: u64 = std::env::var("GW_BENCH_HTTP_SECS")
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or(8);
    let port = free_port()?;
    let addr = format!("127.0.0.1:{port}");
    let mut cmd = measure::gongwen(None, &["serve", "--addr", &addr, "--index"]);
    cmd.arg(index).stdout(Stdio::null()).stderr(Stdio::null());
    let server = Server(cmd.spawn().context("starting gongwen serve")?);
    let status = format!("/proc/{}/status", server.0.id());
    let base = format!("http://{addr}");
    let started = Instant::now();
    loop {
        if ureq::get(&format!("{base}/healthz")).call().is_ok() {
            break;
        }
        if started.elapsed() > Duration::from_secs(30) {
            bail!("gongwen serve did not answer /healthz within 30 s");
        }
        std::thread::sleep(Duration::from_millis(100));
    }
    let rss_idle = measure::vm_field(&status, "VmRSS:").unwrap_or(0);
    let dir = tempfile::tempdir()?;
    let paths = dir.path().join("paths.txt");
    std::fs::write(
        &paths,
        set.iter().map(|q| url_path(&q.req)).collect::<Vec<_>>().join("\n"),
    )?;
    let script = dir.path().join("mixed.lua");
    std::fs::write(
        &script,
        format!(
            "local paths = {{}}\nfor line in io.lines(\"{}\") do paths[#paths + 1] = line end\n\
             local i = math.random(#paths)\n\
             request = function()\n  i = i % #paths + 1\n  return wrk.format(\"GET\", paths[i])\nend\n",
            paths.display()
        ),
    )?;
    let mut rows = Vec::new();
    let mut levels = Vec::new();
    for conns in [1usize, 16, 64] {
        let threads = conns.min(2);
        let out = Command::new("wrk")
            .args([
                "-t",
                &threads.to_string(),
                "-c",
                &conns.to_string(),
                "-d",
                &format!("{secs}s"),
            ])
            .args(["--latency", "-s"])
            .arg(&script)
            .arg(&base)
            .output()
            .context("running wrk")?;
        let o = String::from_utf8_lossy(&out.stdout).to_string();
        let rps = field_after(&o, "Requests/sec:").unwrap_or(f64::NAN);
        let p50 = latency(&o, "50%").unwrap_or(f64::NAN);
        let p99 = latency(&o, "99%").unwrap_or(f64::NAN);
        let non2xx = field_after(&o, "Non-2xx or 3xx responses:").unwrap_or(0.0);
        let sock: f64 = o
            .lines()
            .find(|l| l.trim_start().starts_with("Socket errors:"))
            .map(|l| {
                l.split(',')
                    .filter_map(|p| p.split_whitespace().last()?.parse::<f64>().ok())
                    .sum()
            })
            .unwrap_or(0.0);
        let errors = non2xx + sock;
        println!("wrk -c{conns}: {rps:.0} req/s, p50 {p50:.2} ms, p99 {p99:.2} ms, {errors} errors");
        rows.push(vec![
            conns.to_string(),
            format!("{rps:.0}"),
            format!("{p50:.2}"),
            format!("{p99:.2}"),
            format!("{errors}"),
        ]);
        levels.push(json!({"connections": conns, "rps": rps, "p50_ms": p50, "p99_ms": p99, "errors": errors}));
    }
    let hwm = measure::vm_field(&status, "VmHWM:").unwrap_or(0);
    let mut text = format!(
        "\nHTTP on loopback (`gongwen serve`, release), `wrk --latency` for {secs} s per level over the same mixed \
         query set ({} URLs, round robin); wrk runs on the same 2 cores as the server.\n\n",
        set.len()
    );
    text += &measure::table(&["connections", "requests/s", "p50 ms", "p99 ms", "errors"], &rows);
    let line = format!(
        "server RSS: {:.0} MiB idle after start, {:.0} MiB peak (VmHWM) after the load\n",
        mib(rss_idle),
        mib(hwm)
    );
    print!("{line}");
    text += &line;
    drop(server);
    Ok((
        text,
        json!({"levels": levels, "rss_idle_mib": mib(rss_idle), "rss_peak_mib": mib(hwm), "secs": secs}),
    ))
}

fn field_after(out: &str, key: &str) -> Option<f64> {
    let line = out.lines().find(|l| l.trim_start().starts_with(key))?;
    line.trim_start()[key.len()..].split_whitespace().next()?.parse().ok()
}

/// A line of wrk's latency distribution (`  99%    1.23ms`), in ms.
fn latency(out: &str, pct: &str) -> Option<f64> {
    let after = out.split("Latency Distribution").nth(1)?;
    let line = after.lines().find(|l| l.trim_start().starts_with(pct))?;
    let v = line.split_whitespace().nth(1)?;
    let (num, unit) = v.split_at(v.find(|c: char| c.is_ascii_alphabetic())?);
    let x: f64 = num.parse().ok()?;
    Some(match unit {
        "us" => x / 1e3,
        "ms" => x,
        "s" => x * 1e3,
        "m" => x * 60e3,
        _ => return None,
    })
}
