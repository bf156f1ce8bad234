//! Shared set-up: corpus paths, indexes built once per test process, a server child process.

use std::io::{BufRead, BufReader};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::sync::OnceLock;
use std::time::Duration;

/// The `gongwen` binary under test.
pub fn bin() -> PathBuf {
    PathBuf::from(env!("CARGO_BIN_EXE_gongwen"))
}

/// A file of the shared corpus (`../shared/corpus` from the project root).
pub fn corpus(name: &str) -> PathBuf {
    let p = PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("../shared/corpus")
        .join(name);
    assert!(
        p.exists(),
        "{} is missing: the shared corpus must sit beside the project",
        p.display()
    );
    p
}

/// The bundled sample folder.
pub fn sample_dir() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("sample")
}

/// A scratch folder that lives for the whole test process: `e2e-PID` in cargo's temporary
/// folder for integration tests (under `target/`). A static is never dropped, so the folder
/// outlives the process (some 300 MiB of indexes and corpora); each run first removes the
/// folders of test processes that are no longer running.
pub fn scratch() -> &'static Path {
    static DIR: OnceLock<PathBuf> = OnceLock::new();
    DIR.get_or_init(|| {
        let base = Path::new(env!("CARGO_TARGET_TMPDIR"));
        if let Ok(entries) = std::fs::read_dir(base) {
            for e in entries.flatten() {
                let name = e.file_name().to_string_lossy().into_owned();
                let gone = name
                    .strip_prefix("e2e-")
                    .and_then(|pid| pid.parse::<u32>().ok())
                    .is_some_and(|pid| !Path::new(&format!("/proc/{pid}")).exists());
                if gone {
                    let _ = std::fs::remove_dir_all(e.path());
                }
            }
        }
        let dir = base.join(format!("e2e-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(&dir).expect("scratch folder");
        dir
    })
}

/// Run `gongwen ARGS`, returning (exit code, stdout, stderr).
pub fn run(args: &[&str]) -> (i32, String, String) {
    let out = Command::new(bin())
        .args(args)
        .env("RUST_LOG", "warn")
        .output()
        .expect("run gongwen");
    (
        out.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&out.stdout).into_owned(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

/// `gongwen index --quiet --json --index INDEX INPUT`, which must exit 0; its summary.
pub fn index_summary(index: &Path, input: &Path) -> serde_json::Value {
    let (code, out, err) = run(&[
        "index",
        "--quiet",
        "--json",
        "--index",
        &index.display().to_string(),
        &input.display().to_string(),
    ]);
    assert_eq!(code, 0, "indexing {} failed:\n{out}\n{err}", input.display());
    assert!(!err.contains("panicked"), "{err}");
    serde_json::from_str(&out).expect("summary json")
}

fn build_index(name: &str, inputs: &[PathBuf], extra: &[&str]) -> PathBuf {
    let dir = scratch().join(name);
    let mut args: Vec<String> = vec![
        "index".into(),
        "--quiet".into(),
        "--index".into(),
        dir.display().to_string(),
    ];
    args.extend(extra.iter().map(|s| s.to_string()));
    args.extend(inputs.iter().map(|p| p.display().to_string()));
    let argv: Vec<&str> = args.iter().map(String::as_str).collect();
    let (code, out, err) = run(&argv);
    assert_eq!(code, 0, "indexing {name} failed:\n{out}\n{err}");
    dir
}

/// An index of the whole shared corpus (JSONL files and gazette issues), built once.
pub fn full_index() -> &'static Path {
    static DIR: OnceLock<PathBuf> = OnceLock::new();
    DIR.get_or_init(|| {
        build_index(
            "full",
            &[
                corpus("gov_docs.jsonl"),
                corpus("govcn_zhengce_2019dump.jsonl"),
                corpus("shanghai_docs.jsonl"),
                corpus("lvchun_2018_report.jsonl"),
                corpus("gazette"),
            ],
            &[],
        )
    })
}

/// An index of the bundled sample, built once.
pub fn sample_index() -> &'static Path {
    static DIR: OnceLock<PathBuf> = OnceLock::new();
    DIR.get_or_init(|| build_index("sample", &[sample_dir()], &[]))
}

/// Read the records of a JSONL corpus file.
pub fn records(name: &str) -> Vec<serde_json::Value> {
    let text = std::fs::read_to_string(corpus(name)).expect("read corpus");
    text.lines().map(|l| serde_json::from_str(l).expect("json")).collect()
}

/// A `gongwen serve` child process on a free loopback port; killed on drop.
pub struct Server {
    /// `http://127.0.0.1:PORT`
    pub base: String,
    child: Child,
}

impl Server {
    /// Start serving `index` with extra arguments (e.g. `--staff-token`).
    pub fn start(index: &Path, extra: &[&str]) -> Server {
        let mut child = Command::new(bin())
            .args(["serve", "--addr", "127.0.0.1:0", "--index"])
            .arg(index)
            .args(extra)
            .env("RUST_LOG", "warn")
            .stdout(Stdio::piped())
            .stderr(Stdio::inherit())
            .spawn()
            .expect("spawn gongwen serve");
        let stdout = child.stdout.take().expect("stdout");
        let mut line = String::new();
        BufReader::new(stdout)
            .read_line(&mut line)
            .expect("read the serving line");
        let url = line
            .split_whitespace()
            .find(|w| w.starts_with("http://"))
            .unwrap_or_else(|| panic!("no URL in {line:?}"))
            .trim_end_matches('/')
            .to_string();
        Server { base: url, child }
    }

    /// GET a path; returns (status, body). Never fails on 4xx/5xx.
    pub fn get(&self, path: &str) -> (u16, String) {
        let agent: ureq::Agent = ureq::Agent::config_builder()
            .http_status_as_error(false)
            .timeout_global(Some(Duration::from_secs(30)))
            .build()
            .into();
        let url = format!("{}{}", self.base, path);
        let mut resp = agent
            .get(&url)
            .call()
            .unwrap_or_else(|e| panic!("GET {}: {e}", short(&url)));
        let status = resp.status().as_u16();
        let body = resp.body_mut().read_to_string().unwrap_or_default();
        (status, body)
    }

    /// GET with a header.
    pub fn get_with(&self, path: &str, header: (&str, &str)) -> (u16, String) {
        let agent: ureq::Agent = ureq::Agent::config_builder().http_status_as_error(false).build().into();
        let url = format!("{}{}", self.base, path);
        let mut resp = agent
            .get(&url)
            .header(header.0, header.1)
            .call()
            .unwrap_or_else(|e| panic!("GET {}: {e}", short(&url)));
        let status = resp.status().as_u16();
        (status, resp.body_mut().read_to_string().unwrap_or_default())
    }

    /// GET a path; returns its status and headers (names in lower case).
    pub fn head_of(&self, path: &str) -> (u16, Vec<(String, String)>) {
        self.head_with(path, ("Accept", "*/*"))
    }

    /// [`Server::head_of`] with a header sent.
    pub fn head_with(&self, path: &str, header: (&str, &str)) -> (u16, Vec<(String, String)>) {
        let agent: ureq::Agent = ureq::Agent::config_builder().http_status_as_error(false).build().into();
        let url = format!("{}{}", self.base, path);
        let resp = agent
            .get(&url)
            .header(header.0, header.1)
            .call()
            .unwrap_or_else(|e| panic!("GET {}: {e}", short(&url)));
        let headers = resp
            .headers()
            .iter()
            .map(|(k, v)| {
                (
                    k.as_str().to_ascii_lowercase(),
                    v.to_str().unwrap_or_default().to_string(),
                )
            })
            .collect();
        (resp.status().as_u16(), headers)
    }

    /// GET and parse JSON, asserting the status.
    pub fn json(&self, path: &str, status: u16) -> serde_json::Value {
        let (s, body) = self.get(path);
        assert_eq!(s, status, "GET {}: {}", short(path), short(&body));
        serde_json::from_str(&body).unwrap_or_else(|e| panic!("GET {}: not JSON ({e}): {}", short(path), short(&body)))
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// Percent-encode a query value.
pub fn enc(s: &str) -> String {
    let mut out = String::new();
    for b in s.bytes() {
        if b.is_ascii_alphanumeric() || b"-_.~".contains(&b) {
            out.push(b as char);
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out
}

/// At most 200 characters of a text, for failure messages.
pub fn short(s: &str) -> String {
    if s.chars().count() <= 200 {
        s.to_string()
    } else {
        format!(
            "{}… ({} chars)",
            s.chars().take(200).collect::<String>(),
            s.chars().count()
        )
    }
}
