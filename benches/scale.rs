//! The scale corpus and the scaling curve.
//!
//! The generator builds N documents from the real ../shared/corpus, deterministic from a seed:
//! real titles and paragraphs recombined, issuers paired with their real document-number codes
//! (机关代字) as the corpus has them, dates spread over 2000–2024, document numbers unique per
//! issuer code and year, and citations between documents (`根据《title》（number）` of an
//! earlier generated document), so document-number look-ups, cited-by and partial numbers
//! have realistic work to do. It writes JSONL to a temporary folder.
//!
//! The bench then indexes each size with the release `gongwen index` (two cores, a child
//! process: wall time, peak RSS) and runs the mixed query set (drawn from the generated
//! documents) in process: p99 per class. Guards the scale targets of the performance issue.
//!
//! Run: `cargo bench --bench scale` (sizes from `GW_SCALE_SIZES`, default `10000,100000`;
//! `GW_SCALE_SEED`, default 7). Generate only: `cargo bench --bench scale -- --generate N
//! OUT.jsonl`; redraw the charts from the last results: `cargo bench --bench scale -- --charts`.
//! Writes bench-results/scale.{json,md} and bench-results/scale-*.svg.

mod chart;
mod measure;
mod workload;

use std::collections::HashMap;
use std::io::{BufWriter, Write};
use std::path::{Path, PathBuf};

use anyhow::{Context, Result};
use gongwen_query::{Engine, EngineOptions};
use gongwen_schema::DocNumber;
use measure::{mib, percentile};
use serde_json::json;
use workload::{Record, Rng, CLASSES};

fn main() -> Result<()> {
    let args: Vec<String> = std::env::args().collect();
    if args.iter().any(|a| a == "--list") {
        return Ok(());
    }
    let seed = std::env::var("GW_SCALE_SEED")
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or(7u64);
    if args.iter().any(|a| a == "--charts") {
        // Redraw the charts from the last bench-results/scale.json.
        let v: serde_json::Value =
            serde_json::from_str(&std::fs::read_to_string(measure::results_dir().join("scale.json"))?)?;
        return draw(v["points"].as_array().map_or(&[][..], |p| p.as_slice()));
    }
    if let Some(k) = args.iter().position(|a| a == "--generate") {
        let n: usize = args.get(k + 1).context("--generate N OUT")?.parse()?;
        let out = PathBuf::from(args.get(k + 2).context("--generate N OUT")?);
        let pools = Pools::load()?;
        let (bytes, _) = generate(&pools, n, seed, &out, 0)?;
        println!("{n} documents, {:.1} MiB, in {}", mib(bytes), out.display());
        return Ok(());
    }
    let sizes: Vec<usize> = std::env::var("GW_SCALE_SIZES")
        .unwrap_or_else(|_| "10000,100000".into())
        .split(',')
        .filter_map(|s| s.trim().parse().ok())
        .collect();
    run(&sizes, seed)
}

/// Real material to recombine.
struct Pools {
    titles: Vec<String>,
    paragraphs: Vec<String>,
    /// (issuer name, document-number code)
    issuers: Vec<(String, String)>,
    kinds: Vec<String>,
}

impl Pools {
    fn load() -> Result<Pools> {
        let mut titles = Vec::new();
        let mut paragraphs = Vec::new();
        let mut issuers: HashMap<(String, String), usize> = HashMap::new();
        let mut kinds = Vec::new();
        for file in ["gov_docs.jsonl", "govcn_zhengce_2019dump.jsonl", "shanghai_docs.jsonl"] {
            let path = measure::corpus_dir().join(file);
            if !path.exists() {
                continue;
            }
            for r in workload::load(&path, usize::MAX)? {
                if r.title.chars().count() >= 6 {
                    titles.push(r.title.clone());
                }
                for p in r.body.lines().map(str::trim) {
                    let n = p.chars().count();
                    if (15..=600).contains(&n) {
                        paragraphs.push(p.to_string());
                    }
                }
                if let (Some(name), Some(num)) = (&r.issuer, r.number.as_deref().and_then(|n| DocNumber::parse(n).ok()))
                {
                    if num.year().is_some() && !name.contains([',', '，', '、', ' ']) {
                        *issuers.entry((name.clone(), num.issuer().to_string())).or_default() += 1;
                    }
                }
                if let Some(k) = r.kind {
                    kinds.push(k);
                }
            }
        }
        titles.sort_unstable();
        titles.dedup();
        paragraphs.sort_unstable();
        paragraphs.dedup();
        let mut issuers: Vec<(String, String)> = issuers.into_keys().collect();
        issuers.sort_unstable();
        kinds.sort_unstable();
        anyhow::ensure!(
            !titles.is_empty() && !paragraphs.is_empty() && !issuers.is_empty(),
            "empty corpus pools"
        );
        Ok(Pools {
            titles,
            paragraphs,
            issuers,
            kinds,
        })
    }
}

/// Write `n` documents to `out`; returns the bytes written and the first `keep` documents as
/// workload records (to draw queries from).
fn generate(p: &Pools, n: usize, seed: u64, out: &Path, keep: usize) -> Result<(u64, Vec<Record>)> {
    let mut rng = Rng::new(seed);
    let mut w = BufWriter::new(std::fs::File::create(out).with_context(|| out.display().to_string())?);
    let mut serials: HashMap<(usize, u16), u32> = HashMap::new();
    // (title, number) of every generated document, for citations.
    let mut made: Vec<(String, String)> = Vec::with_capacity(n);
    let mut kept = Vec::new();
    let mut bytes = 0u64;
    for i in 0..n {
        let who = rng.below(p.issuers.len());
        let (name, code) = &p.issuers[who];
        let year = 2000 + rng.below(25) as u16;
        let (month, day) = (1 + rng.below(12), 1 + rng.below(28));
        let serial = serials.entry((who, year)).or_insert(0);
        *serial += 1;
        let number = format!("{code}〔{year}〕{serial}号");
        let base = rng.pick(&p.titles);
        let core = base
            .trim_start_matches(name.as_str())
            .trim_start_matches("关于")
            .trim_end_matches("的通知")
            .trim_end_matches("的意见");
        let title = match rng.below(4) {
            0 => base.clone(),
            1 => format!("{name}关于{core}的通知"),
            2 => format!("{name}关于印发《{core}》的通知"),
            _ => format!("{name}关于{core}的意见"),
        };
        let mut body = format!("{title}\n{number}\n各有关单位：\n");
        let paras = rng.range(4, 24);
        let cites = if made.is_empty() {
            0
        } else {
            [0, 0, 1, 1, 2, 3][rng.below(6)]
        };
        for k in 0..paras {
            if k < cites {
                let (t, num) = &made[rng.below(made.len())];
                body.push_str(&format!("根据《{t}》（{num}）精神，"));
            }
            let para: &String = rng.pick(&p.paragraphs);
            body.push_str(para);
            body.push('\n');
        }
        body.push_str(&format!("{name}\n{year}年{month}月{day}日\n"));
        let kind = if p.kinds.is_empty() {
            "policy".to_string()
        } else {
            rng.pick(&p.kinds).clone()
        };
        let id = format!("scale-{seed}-{i:07}");
        let date = format!("{year}-{month:02}-{day:02}");
        let line = serde_json::to_string(&json!({
            "id": id, "title": title, "doc_number": number, "issuer": name, "kind": kind,
            "date": date, "body": body, "source": "scale generator"
        }))?;
        bytes += body.len() as u64;
        w.write_all(line.as_bytes())?;
        w.write_all(b"\n")?;
        if kept.len() < keep {
            kept.push(Record {
                id,
                title: title.clone(),
                number: Some(number.clone()),
                issuer: Some(name.clone()),
                kind: Some(kind),
                year: Some(year),
                body,
            });
        }
        made.push((title, number));
    }
    w.flush()?;
    Ok((bytes, kept))
}

fn run(sizes: &[usize], seed: u64) -> Result<()> {
    println!("machine: {}", measure::machine());
    let pools = Pools::load()?;
    println!(
        "pools: {} titles, {} paragraphs, {} issuer/code pairs",
        pools.titles.len(),
        pools.paragraphs.len(),
        pools.issuers.len()
    );
    let mut rows = Vec::new();
    let mut points = Vec::new();
    for &n in sizes {
        let tmp = tempfile::tempdir()?;
        let jsonl = tmp.path().join(format!("scale-{n}.jsonl"));
        let t = std::time::Instant::now();
        let (body_bytes, kept) = generate(&pools, n, seed, &jsonl, 20_000)?;
        let file_bytes = std::fs::metadata(&jsonl)?.len();
        println!(
            "generated {n} documents ({:.0} MiB JSONL) in {:.1} s",
            mib(file_bytes),
            t.elapsed().as_secs_f64()
        );
        let index = tmp.path().join("index");
        let (m, summary) = measure::gongwen_index(None, &index, &[jsonl.as_path()])?;
        let size = measure::dir_size(&index);
        let secs = m.wall.as_secs_f64();
        println!(
            "{n}: indexed in {secs:.1} s, peak RSS {:.0} MiB, index {:.0} MiB ({} indexed)",
            mib(m.peak_rss),
            mib(size),
            summary["indexed"]
        );
        std::fs::remove_file(&jsonl)?;
        let engine = Engine::open(&index, EngineOptions::default())?;
        let set = workload::mixed(&kept, 30, seed);
        let (by_class, failed) = workload::engine_latencies(&engine, &set, 5);
        let p99: Vec<f64> = by_class.iter().map(|v| percentile(v, 99.0)).collect();
        let all: Vec<f64> = by_class.iter().flatten().copied().collect();
        let mut row = vec![
            n.to_string(),
            format!("{:.0}", mib(file_bytes)),
            format!("{secs:.1}"),
            format!("{:.0}", n as f64 / secs),
            format!("{:.1}", body_bytes as f64 / 1e6 / secs),
            format!("{:.0}", mib(m.peak_rss)),
            format!("{:.0}", mib(size)),
            format!("{:.2}", mib(size) / (n as f64 / 1000.0)),
        ];
        row.extend(p99.iter().map(|x| format!("{x:.2}")));
        row.push(format!("{:.2}", percentile(&all, 99.0)));
        println!("{n}: p99 per class {p99:.2?} ms, {failed} failed");
        rows.push(row);
        points.push(json!({
            "docs": n, "jsonl_mib": mib(file_bytes), "index_s": secs, "peak_rss_mib": mib(m.peak_rss),
            "index_mib": mib(size), "body_mb": body_bytes as f64 / 1e6, "p99_ms": p99,
            "p99_mixed_ms": percentile(&all, 99.0), "p50_mixed_ms": percentile(&all, 50.0), "failed": failed,
        }));
    }
    let mut header = vec![
        "documents",
        "JSONL MiB",
        "index s",
        "docs/s",
        "body MB/s",
        "peak RSS MiB",
        "index MiB",
        "MiB / 1k docs",
    ];
    let short = [
        "p99 word",
        "words",
        "phrase",
        "number",
        "partial",
        "filtered",
        "faceted",
        "deep page",
    ];
    header.extend(short);
    header.push("p99 mixed");
    let mut text = format!(
        "Scale corpus (seed {seed}), gongwen index on 2 cores, query p99 in ms per class (30 queries x 5 rounds); {}.\n\n",
        measure::machine()
    );
    text += &measure::table(&header, &rows);
    measure::save_text("scale.md", &text)?;
    measure::save_json(
        "scale.json",
        &json!({"seed": seed, "machine": measure::machine(), "points": points}),
    )?;
    draw(&points)?;
    Ok(())
}

fn draw(points: &[serde_json::Value]) -> Result<()> {
    let xy = |k: &str| -> Vec<(f64, f64)> {
        points
            .iter()
            .map(|p| (p["docs"].as_f64().unwrap_or(0.0), p[k].as_f64().unwrap_or(0.0)))
            .collect()
    };
    let dir = measure::results_dir();
    chart::curves(
        &dir.join("scale-index.svg"),
        "gongwen indexing at scale (2 cores)",
        "documents (log scale)",
        "seconds / MiB",
        &[
            ("index time (s)".into(), xy("index_s")),
            ("peak RSS (MiB)".into(), xy("peak_rss_mib")),
            ("index size (MiB)".into(), xy("index_mib")),
        ],
    )?;
    let series: Vec<(String, Vec<(f64, f64)>)> = CLASSES
        .iter()
        .enumerate()
        .map(|(k, c)| {
            (
                c.to_string(),
                points
                    .iter()
                    .map(|p| {
                        (
                            p["docs"].as_f64().unwrap_or(0.0),
                            p["p99_ms"][k].as_f64().unwrap_or(0.0),
                        )
                    })
                    .collect(),
            )
        })
        .collect();
    chart::curves(
        &dir.join("scale-p99.svg"),
        "gongwen query p99 per class at scale (in process)",
        "documents (log scale)",
        "p99 latency (ms)",
        &series,
    )
}
