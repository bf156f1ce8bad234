//! Indexing the full corpus (../shared/corpus/gov_docs.jsonl), gongwen next to the naive
//! setup (tantivy + tantivy-jieba, default writer), in the same run.
//!
//! Guards the targets of the ingest issue: body MB/s, documents/s, wall time, peak RSS and
//! index size on one core (`taskset -c 0`) and two, and re-indexing the unchanged corpus
//! (everything skipped) as a share of a fresh index. Both sides run as child processes so
//! their peak RSS (VmHWM) is their own; gongwen is the release `gongwen index` binary, the
//! naive side is this bench binary run again in a child mode. Runs alternate between the two
//! sides, and every ratio is taken within one round, so load from other processes on a shared
//! machine hits both alike; the table shows medians over rounds (`GW_BENCH_RUNS`, default 3).
//!
//! Then gov_docs ten times over (distinct ids) is indexed once on two cores, for the target
//! "indexing 10x the corpus raises peak RSS by < 20%" (`GW_BENCH_TENFOLD=0` skips it: it
//! writes 785 MiB of JSONL to a temporary folder and takes about a minute).
//!
//! Run: `cargo bench --bench index` (or `scripts/bench`). Writes bench-results/index.{json,md}.

mod baseline;
mod measure;

use std::io::Write;
use std::path::Path;

use anyhow::{Context, Result};
use measure::{median, mib, Measured};
use serde_json::json;

/// Env var that turns this binary into the naive indexer: its value is the index folder.
const CHILD: &str = "GW_BENCH_NAIVE_INDEX";

fn main() -> Result<()> {
    if let Ok(dir) = std::env::var(CHILD) {
        let built = baseline::build(Path::new(&dir), &measure::gov_docs())?;
        println!("{}", json!({ "docs": built.docs, "bytes": built.body_bytes }));
        return Ok(());
    }
    if std::env::args().any(|a| a == "--list") {
        return Ok(()); // cargo bench -- --list
    }
    run()
}

/// One measured indexing run.
#[derive(Debug, Clone)]
struct Sample {
    m: Measured,
    docs: u64,
    bytes: u64,
    size: u64,
}

impl Sample {
    fn secs(&self) -> f64 {
        self.m.wall.as_secs_f64()
    }
}

fn naive(cores: Option<usize>, dir: &Path) -> Result<Sample> {
    let exe = std::env::current_exe()?;
    let mut c = measure::pinned(cores, &exe);
    c.env(CHILD, dir);
    let m = measure::run_measured(c)?;
    let v: serde_json::Value = serde_json::from_str(m.stdout.trim()).context("naive child output")?;
    Ok(Sample {
        docs: v["docs"].as_u64().unwrap_or(0),
        bytes: v["bytes"].as_u64().unwrap_or(0),
        size: measure::dir_size(dir),
        m,
    })
}

fn gongwen(cores: Option<usize>, dir: &Path) -> Result<Sample> {
    let corpus = measure::gov_docs();
    let (m, s) = measure::gongwen_index(cores, dir, &[corpus.as_path()])?;
    let n = |k: &str| s[k].as_u64().unwrap_or(0);
    Ok(Sample {
        docs: n("indexed") + n("updated") + n("skipped"),
        bytes: n("bytes"),
        size: measure::dir_size(dir),
        m,
    })
}

/// gov_docs written ten times over into `dir`, each copy's ids suffixed `-x0` … `-x9` (so
/// that every record is a new document), indexed by `gongwen index` on all cores.
fn tenfold(dir: &Path) -> Result<Sample> {
    let path = dir.join("gov_docs_x10.jsonl");
    let text = std::fs::read_to_string(measure::gov_docs())?;
    let mut out = std::io::BufWriter::new(std::fs::File::create(&path)?);
    for copy in 0..10 {
        for (n, line) in text.lines().enumerate().filter(|(_, l)| !l.trim().is_empty()) {
            let mut record: serde_json::Value =
                serde_json::from_str(line).with_context(|| format!("gov_docs.jsonl line {}", n + 1))?;
            let id = record["id"]
                .as_str()
                .with_context(|| format!("gov_docs.jsonl line {}: no id", n + 1))?
                .to_string();
            record["id"] = json!(format!("{id}-x{copy}"));
            serde_json::to_writer(&mut out, &record)?;
            out.write_all(b"\n")?;
        }
    }
    out.flush()?;
    drop(out);
    let index = dir.join("index");
    let (m, s) = measure::gongwen_index(None, &index, &[path.as_path()])?;
    let n = |k: &str| s[k].as_u64().unwrap_or(0);
    Ok(Sample {
        docs: n("indexed") + n("updated") + n("skipped"),
        bytes: n("bytes"),
        size: measure::dir_size(&index),
        m,
    })
}

#[derive(Default)]
struct Series {
    samples: Vec<Sample>,
}

impl Series {
    fn med(&self, f: impl Fn(&Sample) -> f64) -> f64 {
        median(&self.samples.iter().map(f).collect::<Vec<_>>())
    }
}

fn run() -> Result<()> {
    let runs = measure::runs(3);
    let corpus = measure::gov_docs();
    let corpus_bytes = std::fs::metadata(&corpus)?.len();
    println!(
        "indexing {} ({:.1} MiB of JSONL), {runs} rounds; machine: {}",
        corpus.display(),
        mib(corpus_bytes),
        measure::machine()
    );
    let configs: [(&str, Option<usize>); 2] = [("1 core", Some(1)), ("2 cores", None)];
    // [config][side]: side 0 gongwen, 1 naive.
    let mut series: Vec<[Series; 2]> = configs.iter().map(|_| Default::default()).collect();
    let mut reindex: Vec<Sample> = Vec::new();
    let mut ratios: Vec<Vec<f64>> = vec![Vec::new(); configs.len()];
    let mut reindex_share: Vec<f64> = Vec::new();
    for round in 0..runs {
        for (k, (name, cores)) in configs.iter().enumerate() {
            let tmp = tempfile::tempdir()?;
            let (gdir, ndir) = (tmp.path().join("gongwen"), tmp.path().join("naive"));
            std::fs::create_dir_all(&ndir)?;
            // Alternate which side goes first.
            let (g, n) = if round % 2 == 0 {
                let g = gongwen(*cores, &gdir)?;
                (g, naive(*cores, &ndir)?)
            } else {
                let n = naive(*cores, &ndir)?;
                (gongwen(*cores, &gdir)?, n)
            };
            println!(
                "round {round} {name}: gongwen {:.2} s {:.0} MiB RSS | naive {:.2} s {:.0} MiB RSS",
                g.secs(),
                mib(g.m.peak_rss),
                n.secs(),
                mib(n.m.peak_rss)
            );
            ratios[k].push(g.secs() / n.secs());
            if cores.is_none() {
                let again = gongwen(*cores, &gdir)?;
                println!("round {round} re-index (all skipped): {:.2} s", again.secs());
                reindex_share.push(again.secs() / g.secs());
                reindex.push(again);
            }
            series[k][0].samples.push(g);
            series[k][1].samples.push(n);
        }
    }

    let mut rows = Vec::new();
    let mut out = Vec::new();
    for (k, (name, _)) in configs.iter().enumerate() {
        for (side, label) in [(0, "gongwen"), (1, "naive tantivy+tantivy-jieba")] {
            let s = &series[k][side];
            let secs = s.med(Sample::secs);
            let mbs = s.med(|x| x.bytes as f64 / 1e6 / x.secs());
            let dps = s.med(|x| x.docs as f64 / x.secs());
            let rss = s.med(|x| mib(x.m.peak_rss));
            let size = s.med(|x| mib(x.size));
            rows.push(vec![
                name.to_string(),
                label.to_string(),
                format!("{secs:.2}"),
                format!("{mbs:.1}"),
                format!("{dps:.0}"),
                format!("{rss:.0}"),
                format!("{size:.1}"),
            ]);
            out.push(json!({
                "cores": name, "engine": label, "wall_s": secs, "body_mb_s": mbs, "docs_s": dps,
                "peak_rss_mib": rss, "index_mib": size,
                "docs": s.samples.first().map_or(0, |x| x.docs),
                "walls": s.samples.iter().map(Sample::secs).collect::<Vec<_>>(),
            }));
        }
    }
    let mut text = format!(
        "Indexing {} documents of gov_docs.jsonl; medians of {runs} rounds ({}).\n\n",
        series[0][0].samples.first().map_or(0, |x| x.docs),
        measure::machine()
    );
    text += &measure::table(
        &[
            "cores",
            "engine",
            "wall s",
            "body MB/s",
            "docs/s",
            "peak RSS MiB",
            "index MiB",
        ],
        &rows,
    );
    let g1 = series[0][0].med(Sample::secs);
    let g2 = series[1][0].med(Sample::secs);
    let ratio_rows = vec![
        vec![
            "wall time gongwen / naive, 1 core".into(),
            format!("{:.2}", median(&ratios[0])),
            format!("{:?}", round2(&ratios[0])),
        ],
        vec![
            "wall time gongwen / naive, 2 cores".into(),
            format!("{:.2}", median(&ratios[1])),
            format!("{:?}", round2(&ratios[1])),
        ],
        vec![
            "peak RSS gongwen / naive, 2 cores".into(),
            format!(
                "{:.2}",
                series[1][0].med(|x| mib(x.m.peak_rss)) / series[1][1].med(|x| mib(x.m.peak_rss))
            ),
            String::new(),
        ],
        vec![
            "index size gongwen (bodies stored) / naive (not stored)".into(),
            format!(
                "{:.2}",
                series[1][0].med(|x| mib(x.size)) / series[1][1].med(|x| mib(x.size))
            ),
            String::new(),
        ],
        vec![
            "gongwen 2 cores / 1 core wall time".into(),
            format!("{:.2}", g2 / g1),
            String::new(),
        ],
        vec![
            "gongwen re-index unchanged (all skipped) / fresh, 2 cores".into(),
            format!("{:.2}", median(&reindex_share)),
            format!("{:?}", round2(&reindex_share)),
        ],
    ];
    text += "\n";
    text += &measure::table(
        &["ratio (median of per-round ratios)", "median", "per round"],
        &ratio_rows,
    );
    let re_secs = median(&reindex.iter().map(Sample::secs).collect::<Vec<_>>());
    let re_rss = median(&reindex.iter().map(|x| mib(x.m.peak_rss)).collect::<Vec<_>>());
    let line = format!("re-index of the unchanged corpus: {re_secs:.2} s, peak RSS {re_rss:.0} MiB\n");
    print!("{line}");
    text += &line;
    let mut tenfold_json = serde_json::Value::Null;
    if std::env::var("GW_BENCH_TENFOLD").as_deref() != Ok("0") {
        let tmp = tempfile::tempdir()?;
        let ten = tenfold(tmp.path())?;
        let base = series[1][0].med(|x| mib(x.m.peak_rss));
        let growth = mib(ten.m.peak_rss) / base - 1.0;
        let line = format!(
            "gov_docs x10 ({} documents, {:.0} MB of text), 2 cores: {:.2} s, peak RSS {:.0} MiB against \
             {base:.0} for gov_docs: {:+.0}%; index {:.0} MiB\n",
            ten.docs,
            ten.bytes as f64 / 1e6,
            ten.secs(),
            mib(ten.m.peak_rss),
            growth * 100.0,
            mib(ten.size)
        );
        print!("{line}");
        text += &line;
        tenfold_json = json!({
            "docs": ten.docs, "wall_s": ten.secs(), "peak_rss_mib": mib(ten.m.peak_rss),
            "base_peak_rss_mib": base, "rss_growth": growth, "index_mib": mib(ten.size),
        });
    }
    measure::save_text("index.md", &text)?;
    measure::save_json(
        "index.json",
        &json!({
            "machine": measure::machine(), "runs": runs, "rows": out,
            "ratio_wall_1core": median(&ratios[0]), "ratio_wall_2cores": median(&ratios[1]),
            "reindex_share": median(&reindex_share), "reindex_s": re_secs, "tenfold": tenfold_json,
        }),
    )?;
    Ok(())
}

fn round2(xs: &[f64]) -> Vec<f64> {
    xs.iter().map(|x| (x * 100.0).round() / 100.0).collect()
}
