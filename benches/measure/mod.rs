//! Measuring: child processes with their wall time and peak RSS, folder sizes, percentiles,
//! medians, tables, and the result files the charts and BENCHMARKS.md are made from.
//!
//! Shared by the bench binaries; each uses a part of it.
#![allow(dead_code)]

use std::io::Read;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use anyhow::{bail, Context, Result};

/// The shared corpus beside the project.
pub fn corpus_dir() -> PathBuf {
    PathBuf::from(concat!(env!("CARGO_MANIFEST_DIR"), "/../shared/corpus"))
}

/// `gov_docs.jsonl`, the full corpus of the targets.
pub fn gov_docs() -> PathBuf {
    corpus_dir().join("gov_docs.jsonl")
}

/// The release `gongwen` binary built by cargo for this bench.
pub fn gongwen_bin() -> PathBuf {
    PathBuf::from(env!("CARGO_BIN_EXE_gongwen"))
}

/// Where results (JSON, Markdown, SVG) go: `bench-results/` at the project root, or the folder
/// in `GW_BENCH_OUT` (so a trial run leaves the recorded figures alone).
pub fn results_dir() -> PathBuf {
    let dir = std::env::var_os("GW_BENCH_OUT")
        .map(PathBuf::from)
        .unwrap_or_else(|| PathBuf::from(concat!(env!("CARGO_MANIFEST_DIR"), "/bench-results")));
    let _ = std::fs::create_dir_all(&dir);
    dir
}

/// Runs of each measurement (`GW_BENCH_RUNS`, default `default`).
pub fn runs(default: usize) -> usize {
    std::env::var("GW_BENCH_RUNS")
        .ok()
        .and_then(|s| s.parse().ok())
        .filter(|n| *n > 0)
        .unwrap_or(default)
}

/// What a finished child process cost.
#[derive(Debug, Clone)]
pub struct Measured {
    /// Wall time from spawn to exit.
    pub wall: Duration,
    /// Peak resident set (VmHWM), in bytes, as last seen before exit.
    pub peak_rss: u64,
    /// Its standard output.
    pub stdout: String,
}

/// Cores to pin a child to: `Some(1)` runs it under `taskset -c 0`, `None` leaves it free.
pub fn pinned(cores: Option<usize>, program: &Path) -> Command {
    match cores {
        Some(n) => {
            let mut c = Command::new("taskset");
            let list = (0..n).map(|i| i.to_string()).collect::<Vec<_>>().join(",");
            c.arg("-c").arg(list).arg(program);
            c
        }
        None => Command::new(program),
    }
}

/// Run `cmd` to completion, polling `/proc/<pid>/status` for its peak RSS (VmHWM only grows,
/// so the last reading before exit is the peak up to the last few milliseconds).
pub fn run_measured(mut cmd: Command) -> Result<Measured> {
    cmd.stdout(Stdio::piped()).stderr(Stdio::piped());
    let start = Instant::now();
    let mut child = cmd.spawn().with_context(|| format!("spawning {cmd:?}"))?;
    let status_path = format!("/proc/{}/status", child.id());
    let mut out = child.stdout.take().context("stdout")?;
    let mut err = child.stderr.take().context("stderr")?;
    let out_thread = std::thread::spawn(move || {
        let mut s = String::new();
        let _ = out.read_to_string(&mut s);
        s
    });
    let err_thread = std::thread::spawn(move || {
        let mut s = String::new();
        let _ = err.read_to_string(&mut s);
        s
    });
    let mut peak = 0u64;
    let status = loop {
        if let Some(hwm) = vm_field(&status_path, "VmHWM:") {
            peak = peak.max(hwm);
        }
        if let Some(status) = child.try_wait()? {
            break status;
        }
        std::thread::sleep(Duration::from_millis(4));
    };
    let wall = start.elapsed();
    let stdout = out_thread.join().unwrap_or_default();
    let stderr = err_thread.join().unwrap_or_default();
    if !status.success() {
        bail!("{cmd:?} failed ({status}): {stderr}");
    }
    Ok(Measured {
        wall,
        peak_rss: peak,
        stdout,
    })
}

/// A `Vm*:` line of a `/proc/<pid>/status` file, in bytes.
pub fn vm_field(status_path: &str, field: &str) -> Option<u64> {
    let text = std::fs::read_to_string(status_path).ok()?;
    let line = text.lines().find(|l| l.starts_with(field))?;
    let kib: u64 = line[field.len()..].trim().trim_end_matches("kB").trim().parse().ok()?;
    Some(kib * 1024)
}

/// Bytes of all files under `dir`.
pub fn dir_size(dir: &Path) -> u64 {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return 0;
    };
    entries
        .flatten()
        .map(|e| match e.file_type() {
            Ok(t) if t.is_dir() => dir_size(&e.path()),
            Ok(_) => e.metadata().map_or(0, |m| m.len()),
            Err(_) => 0,
        })
        .sum()
}

/// The median of `xs` (the mean of the two middle values for an even count).
pub fn median(xs: &[f64]) -> f64 {
    if xs.is_empty() {
        return f64::NAN;
    }
    let mut v = xs.to_vec();
    v.sort_by(f64::total_cmp);
    let m = v.len() / 2;
    if v.len() % 2 == 1 {
        v[m]
    } else {
        (v[m - 1] + v[m]) / 2.0
    }
}

/// The `p`-th percentile (0–100, nearest rank) of `xs`.
pub fn percentile(xs: &[f64], p: f64) -> f64 {
    if xs.is_empty() {
        return f64::NAN;
    }
    let mut v = xs.to_vec();
    v.sort_by(f64::total_cmp);
    let rank = ((p / 100.0) * v.len() as f64).ceil() as usize;
    v[rank.clamp(1, v.len()) - 1]
}

/// MiB, for printing.
pub fn mib(bytes: u64) -> f64 {
    bytes as f64 / (1024.0 * 1024.0)
}

/// A Markdown table, printed and returned.
pub fn table(header: &[&str], rows: &[Vec<String>]) -> String {
    let mut s = format!("| {} |\n|{}\n", header.join(" | "), "---|".repeat(header.len()));
    for r in rows {
        s.push_str(&format!("| {} |\n", r.join(" | ")));
    }
    println!("{s}");
    s
}

/// Write `value` as pretty JSON to `bench-results/<name>`.
pub fn save_json(name: &str, value: &serde_json::Value) -> Result<PathBuf> {
    let path = results_dir().join(name);
    std::fs::write(&path, serde_json::to_string_pretty(value)?)?;
    Ok(path)
}

/// Write a table to `bench-results/<name>`.
pub fn save_text(name: &str, text: &str) -> Result<PathBuf> {
    let path = results_dir().join(name);
    std::fs::write(&path, text)?;
    Ok(path)
}

/// The machine in one line: cores, memory, load averages now.
pub fn machine() -> String {
    let cores = std::thread::available_parallelism().map_or(0, |n| n.get());
    let mem = vm_field("/proc/meminfo", "MemTotal:").map_or(0.0, |b| b as f64 / (1u64 << 30) as f64);
    let load = std::fs::read_to_string("/proc/loadavg").unwrap_or_default();
    let load: Vec<&str> = load.split_whitespace().take(3).collect();
    format!(
        "{cores} cores, {mem:.1} GiB, load average {}, tree {}",
        load.join(" "),
        revision()
    )
}

/// The commit measured (`git describe --always --dirty`), or `unknown`.
pub fn revision() -> String {
    Command::new("git")
        .args(["describe", "--always", "--dirty"])
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .output()
        .ok()
        .filter(|o| o.status.success())
        .map(|o| String::from_utf8_lossy(&o.stdout).trim().to_string())
        .unwrap_or_else(|| "unknown".into())
}

/// A `Command` for the `gongwen` binary with `args`, pinned to `cores` if given.
pub fn gongwen(cores: Option<usize>, args: &[&str]) -> Command {
    let mut c = pinned(cores, &gongwen_bin());
    c.args(args);
    c.env("RUST_LOG", "warn");
    c
}

/// `gongwen optimize --json` of `index` (its segments merged into one), measured.
pub fn gongwen_optimize(index: &Path) -> Result<Measured> {
    let mut c = gongwen(None, &["optimize", "--json", "--index"]);
    c.arg(index);
    run_measured(c)
}

/// `gongwen index --json -q` of `paths` into `index`, measured.
pub fn gongwen_index(cores: Option<usize>, index: &Path, paths: &[&Path]) -> Result<(Measured, serde_json::Value)> {
    let mut c = gongwen(cores, &["index", "--json", "-q", "--index"]);
    c.arg(index);
    c.args(paths);
    let m = run_measured(c)?;
    let summary: serde_json::Value = serde_json::from_str(&m.stdout).context("gongwen index --json output")?;
    Ok((m, summary))
}
