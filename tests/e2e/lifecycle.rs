//! Concurrency, shutdown and start: a second writer on the same folder, serving while an index
//! run commits, SIGTERM with requests in flight, and index folders that must not be opened (a
//! corrupt `meta.json`, no `gongwen.json`, another layout version), which are never touched.

use std::collections::BTreeMap;
use std::io::{BufRead, BufReader};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use crate::crash::{corpus_prefix, document_count};
use crate::harness::{bin, enc, run, sample_dir, scratch, short, Server};

/// `serve` started quietly, with the line it prints when it answers.
fn started(mut serve: Command) -> (Child, String) {
    let mut child = serve
        .env("RUST_LOG", "warn")
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .expect("spawn serve");
    let mut line = String::new();
    BufReader::new(child.stdout.take().expect("stdout"))
        .read_line(&mut line)
        .expect("serving line");
    (child, line)
}

fn spawn_index(index: &Path, input: &Path) -> Child {
    Command::new(bin())
        .args(["index", "--quiet", "--commit-every", "200", "--index"])
        .arg(index)
        .arg(input)
        .env("RUST_LOG", "warn")
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
        .spawn()
        .expect("spawn index")
}

fn small_corpus(name: &str, marker: &str, n: usize) -> PathBuf {
    let path = scratch().join(name);
    let text: Vec<String> = (0..n)
        .map(|i| {
            serde_json::json!({"id": format!("{name}-{i}"), "title": format!("关于{marker}第{i}号的通知"),
                "body": format!("{marker}正文。"), "kind": "notice", "date": "2021-03-04"})
            .to_string()
        })
        .collect();
    std::fs::write(&path, text.join("\n")).expect("write");
    path
}

#[test]
fn a_second_writer_fails_cleanly_while_serve_keeps_answering_and_sees_the_commits() {
    let index = scratch().join("lifecycle-concurrent");
    let idx = index.display().to_string();
    let small = small_corpus("lifecycle-small.jsonl", "晨曦行动", 3);
    let (code, _, err) = run(&["index", "-q", "--index", &idx, &small.display().to_string()]);
    assert_eq!(code, 0, "{err}");
    let server = Server::start(&index, &[]);
    let big = corpus_prefix("crash-800.jsonl", 800);

    let mut first = spawn_index(&index, &big);
    // Wait until the first run holds the writer lock (it has committed once), then start a second.
    let started = Instant::now();
    while document_count(&index) == 3 {
        assert!(
            first.try_wait().expect("try_wait").is_none(),
            "the first run ended too soon"
        );
        assert!(started.elapsed() < Duration::from_secs(120), "no commit after 120 s");
        std::thread::sleep(Duration::from_millis(100));
    }
    let second = small_corpus("lifecycle-second.jsonl", "暮色行动", 2);
    let (code, _, err) = run(&["index", "-q", "--index", &idx, &second.display().to_string()]);
    assert_ne!(code, 0, "a second writer must fail");
    assert!(
        err.contains("another gongwen process is indexing into this folder"),
        "the error must say another process is indexing: {err}"
    );
    assert!(!err.contains("panicked"), "{err}");

    // The server keeps answering while the first run goes on.
    let mut answered = 0;
    while first.try_wait().expect("try_wait").is_none() {
        let (s, _) = server.get("/healthz");
        assert_eq!(s, 200);
        let v = server.json(&format!("/api/search?q={}", enc("\"晨曦行动\"")), 200);
        assert_eq!(v["total"].as_u64(), Some(3), "{}", short(&v.to_string()));
        answered += 2;
        std::thread::sleep(Duration::from_millis(50));
    }
    let out = first.wait_with_output().expect("wait");
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    assert!(answered >= 4, "answered {answered} requests during indexing");
    let total = document_count(&index);
    assert_eq!(total, 803);

    // The server's reader reloads on commit: it sees every document without a restart.
    let deadline = Instant::now() + Duration::from_secs(20);
    loop {
        let v = server.json("/api/search?q=&limit=1", 200);
        if v["total"].as_u64() == Some(total) {
            break;
        }
        assert!(
            Instant::now() < deadline,
            "the server still sees {} of {total}",
            v["total"]
        );
        std::thread::sleep(Duration::from_millis(200));
    }
    // Facets are counted from per-segment tables built when a searcher is warmed: after the
    // reloads, every document counts once in the kind facet (one kind each).
    let v = server.json("/api/search?q=&limit=1", 200);
    let kinds: u64 = v["facets"]["kind"]
        .as_array()
        .expect("kind facet")
        .iter()
        .map(|f| f["count"].as_u64().expect("count"))
        .sum();
    assert_eq!(kinds, total, "kind facet after reloads: {}", v["facets"]["kind"]);
    eprintln!(
        "lifecycle: {answered} requests answered during indexing; second writer refused: {}",
        err.trim()
    );
}

#[test]
fn sigterm_finishes_requests_in_flight_and_exits_zero() {
    let index = scratch().join("lifecycle-sigterm");
    let small = small_corpus("lifecycle-sigterm.jsonl", "朝阳行动", 20);
    let (code, _, err) = run(&[
        "index",
        "-q",
        "--index",
        &index.display().to_string(),
        &small.display().to_string(),
    ]);
    assert_eq!(code, 0, "{err}");
    let mut serve = Command::new(bin());
    serve.args(["serve", "--addr", "127.0.0.1:0", "--index"]).arg(&index);
    let (mut child, line) = started(serve);
    let base = line
        .split_whitespace()
        .find(|w| w.starts_with("http://"))
        .expect("url")
        .trim_end_matches('/')
        .to_string();
    // A request the server has accepted and is reading when SIGTERM comes: its head is sent in
    // two parts, the second after the signal.
    let host = base.trim_start_matches("http://").to_string();
    let mut slow = std::net::TcpStream::connect(&host).expect("connect");
    slow.set_read_timeout(Some(Duration::from_secs(20))).expect("timeout");
    std::io::Write::write_all(&mut slow, b"GET /healthz HTTP/1.1\r\nHost: gongwen\r\n").expect("write");
    std::thread::sleep(Duration::from_millis(300));
    // Many requests at once; SIGTERM while they are in flight.
    let requests: Vec<_> = (0..16)
        .map(|i| {
            let url = format!("{base}/api/search?q={}&limit=20&offset={i}", enc("朝阳行动 通知"));
            std::thread::spawn(move || {
                let agent: ureq::Agent = ureq::Agent::config_builder()
                    .http_status_as_error(false)
                    .timeout_global(Some(Duration::from_secs(20)))
                    .build()
                    .into();
                agent.get(&url).call().map(|mut r| {
                    let status = r.status().as_u16();
                    (status, r.body_mut().read_to_string().unwrap_or_default())
                })
            })
        })
        .collect();
    std::thread::sleep(Duration::from_millis(5));
    let term = Command::new("kill")
        .args(["-TERM", &child.id().to_string()])
        .status()
        .expect("kill -TERM");
    assert!(term.success());
    let sent = Instant::now();
    std::thread::sleep(Duration::from_millis(200));
    std::io::Write::write_all(&mut slow, b"Connection: close\r\n\r\n").expect("finish the request");
    let mut answer = String::new();
    let _ = std::io::Read::read_to_string(&mut slow, &mut answer);
    assert!(
        answer.starts_with("HTTP/1.1 200"),
        "a request in flight at SIGTERM must be answered: {answer:?}"
    );
    let mut outcomes = BTreeMap::<String, usize>::new();
    for r in requests {
        match r.join().expect("request thread") {
            Ok((status, body)) => {
                assert_eq!(status, 200, "{body}");
                assert!(body.contains("\"total\""), "an answer must be complete: {body}");
                *outcomes.entry("200".into()).or_default() += 1;
            }
            // Not yet accepted when the listener closed (refused, or dropped from the kernel's
            // accept queue): the client sees no answer at all, never half of one.
            Err(e) => {
                let e = e.to_string().to_lowercase();
                assert!(
                    e.contains("refused") || e.contains("disconnected") || e.contains("reset"),
                    "{e}"
                );
                *outcomes.entry("not accepted".into()).or_default() += 1;
            }
        }
    }
    let status = loop {
        if let Some(s) = child.try_wait().expect("try_wait") {
            break s;
        }
        assert!(
            sent.elapsed() < Duration::from_secs(10),
            "serve did not stop within 10 s of SIGTERM"
        );
        std::thread::sleep(Duration::from_millis(20));
    };
    assert_eq!(status.code(), Some(0), "serve must exit 0 on SIGTERM");
    eprintln!(
        "lifecycle: SIGTERM: the request being read was answered; 16 more sent at once: {outcomes:?}; exit 0 after {:?}",
        sent.elapsed()
    );
}

/// Every file under `dir` with its bytes.
fn snapshot(dir: &Path) -> BTreeMap<PathBuf, Vec<u8>> {
    fn walk(p: &Path, out: &mut BTreeMap<PathBuf, Vec<u8>>) {
        for e in std::fs::read_dir(p).expect("read_dir").flatten() {
            let path = e.path();
            if path.is_dir() {
                walk(&path, out);
            } else {
                out.insert(path.clone(), std::fs::read(&path).expect("read"));
            }
        }
    }
    let mut out = BTreeMap::new();
    walk(dir, &mut out);
    out
}

/// Every command that opens `index` fails with a message containing `expected`, and leaves
/// every file as it was.
fn refused_untouched(index: &Path, expected: &str) {
    let before = snapshot(index);
    let idx = index.display().to_string();
    let input = small_corpus("lifecycle-refused.jsonl", "落霞行动", 2);
    let input = input.display().to_string();
    for args in [
        vec!["index", "-q", "--index", &idx, &input],
        vec!["search", "--index", &idx, "通知"],
        vec!["stats", "--index", &idx],
        vec!["verify", "--index", &idx],
        vec!["serve", "--addr", "127.0.0.1:0", "--index", &idx],
    ] {
        let (code, _, err) = run(&args);
        assert_ne!(code, 0, "{args:?} must fail");
        assert!(err.contains(expected), "{}: expected {expected:?} in {err}", args[0]);
        assert!(!err.contains("panicked"), "{err}");
    }
    assert!(before == snapshot(index), "{}: files changed", index.display());
}

fn copy_dir(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).expect("mkdir");
    for e in std::fs::read_dir(from).expect("read_dir").flatten() {
        let target = to.join(e.file_name());
        if e.path().is_dir() {
            copy_dir(&e.path(), &target);
        } else {
            std::fs::copy(e.path(), &target).expect("copy");
        }
    }
}

#[test]
fn an_index_that_fails_to_open_is_never_wiped_and_says_why() {
    let good = scratch().join("lifecycle-good");
    let small = small_corpus("lifecycle-good.jsonl", "夕照行动", 5);
    let (code, _, err) = run(&[
        "index",
        "-q",
        "--index",
        &good.display().to_string(),
        &small.display().to_string(),
    ]);
    assert_eq!(code, 0, "{err}");

    // A corrupt commit (both indexes' meta.json, `gongwen_schema::commit`).
    let corrupt = scratch().join("lifecycle-corrupt-meta");
    copy_dir(&good, &corrupt);
    std::fs::write(corrupt.join("commit.json"), "{\"public\": \"{\\\"segments\\\": [oops").expect("write");
    refused_untouched(&corrupt, "commit.json");
    let corrupt = scratch().join("lifecycle-corrupt-meta-inside");
    copy_dir(&good, &corrupt);
    let commit: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(corrupt.join("commit.json")).expect("commit.json"))
            .expect("json");
    let broken = serde_json::json!({"public": "{\"segments\": [oops", "restricted": commit["restricted"]});
    std::fs::write(corrupt.join("commit.json"), broken.to_string()).expect("write");
    refused_untouched(&corrupt, "meta.json");

    // No gongwen.json in a folder that holds an index.
    let unmarked = scratch().join("lifecycle-no-layout");
    copy_dir(&good, &unmarked);
    std::fs::remove_file(unmarked.join("gongwen.json")).expect("rm");
    refused_untouched(&unmarked, "not a gongwen index");

    // Another layout version: it must be rebuilt, and it says so.
    let other = scratch().join("lifecycle-other-version");
    copy_dir(&good, &other);
    let layout = std::fs::read_to_string(other.join("gongwen.json")).expect("read");
    let mut v: serde_json::Value = serde_json::from_str(&layout).expect("json");
    v["schema_version"] = serde_json::json!(v["schema_version"].as_u64().unwrap_or(0) + 100);
    std::fs::write(other.join("gongwen.json"), v.to_string()).expect("write");
    refused_untouched(&other, "rebuild");

    // The default folder, where `serve` keeps the bundled sample's index: one an older
    // version wrote is moved aside, whole, and the sample indexed again (after an upgrade, the
    // README's `serve` served nothing). One a newer version wrote, or a damaged layout file,
    // is refused there as anywhere (see QA crash pass, sixteenth session: the user's index was
    // moved aside and the sample served in its place).
    for (name, layout) in [
        ("newer", v.to_string()),
        ("damaged", "{\"format\": \"gongwen\", \"schema_ver".to_string()),
    ] {
        let home = scratch().join(format!("lifecycle-default-{name}"));
        let _ = std::fs::remove_dir_all(&home);
        copy_dir(&good, &home.join("data/index"));
        std::fs::write(home.join("data/index/gongwen.json"), &layout).expect("write");
        let out = Command::new(bin())
            .current_dir(&home)
            .args(["serve", "--addr", "127.0.0.1:0", "--sample"])
            .arg(sample_dir())
            .env_remove("GONGWEN_INDEX")
            .output()
            .expect("serve");
        assert!(!out.status.success(), "{name}: serve must refuse");
        let kept: Vec<_> = std::fs::read_dir(home.join("data")).expect("data").flatten().collect();
        assert_eq!(kept.len(), 1, "{name}: nothing moved aside");
        assert_eq!(
            std::fs::read_to_string(home.join("data/index/gongwen.json")).expect("layout"),
            layout
        );
    }
    let older = scratch().join("lifecycle-older-version");
    copy_dir(&good, &older);
    v["schema_version"] = serde_json::json!(gongwen_schema::SCHEMA_VERSION - 1);
    std::fs::write(older.join("gongwen.json"), v.to_string()).expect("write");
    let other = older;
    let home = scratch().join("lifecycle-upgrade");
    let _ = std::fs::remove_dir_all(&home);
    copy_dir(&other, &home.join("data/index"));
    let mut serve = Command::new(bin());
    serve
        .current_dir(&home)
        .args(["serve", "--addr", "127.0.0.1:0", "--sample"])
        .arg(sample_dir())
        .env_remove("GONGWEN_INDEX");
    let (mut child, line) = started(serve);
    let _ = child.kill();
    let _ = child.wait();
    assert!(
        line.contains("serving") && line.contains("public documents"),
        "{line:?}"
    );
    let layout = std::fs::read_to_string(home.join("data/index/gongwen.json")).expect("layout");
    assert!(
        layout.contains(&format!("\"schema_version\": {}", gongwen_schema::SCHEMA_VERSION)),
        "{layout}"
    );
    let kept: Vec<PathBuf> = std::fs::read_dir(home.join("data"))
        .expect("data")
        .flatten()
        .map(|e| e.path())
        .filter(|p| {
            p.file_name()
                .is_some_and(|n| n.to_string_lossy().starts_with("index.older-"))
        })
        .collect();
    assert_eq!(kept.len(), 1, "{kept:?}");
    let relative = |root: &Path| -> BTreeMap<PathBuf, Vec<u8>> {
        snapshot(root)
            .into_iter()
            .map(|(k, v)| (k.strip_prefix(root).map(Path::to_path_buf).unwrap_or(k), v))
            .collect()
    };
    assert!(relative(&kept[0]) == relative(&other), "the old index was changed");
}

/// Flip `n` bytes at the middle of the largest file of `ext` in the public index.
fn damage_largest(index: &Path, ext: &str, n: usize) -> PathBuf {
    let largest = std::fs::read_dir(index.join("public"))
        .expect("public index")
        .map(|e| e.expect("entry").path())
        .filter(|p| p.extension().is_some_and(|x| x == ext))
        .max_by_key(|p| std::fs::metadata(p).expect("metadata").len())
        .expect("a segment file");
    let mut bytes = std::fs::read(&largest).expect("read");
    let (mid, len) = (bytes.len() / 2, bytes.len());
    for b in &mut bytes[mid..(mid + n).min(len)] {
        *b ^= 0xFF;
    }
    std::fs::write(&largest, bytes).expect("write");
    largest
}

/// See (QA crash pass, fifteenth session): a merge that met a damaged segment panicked with a
/// backtrace, `index` then printed its summary and exited 0, and `serve` answered from the
/// damaged index without a word.
#[test]
fn a_damaged_segment_fails_the_run_that_merges_it_and_serve_says_so() {
    let index = scratch().join("lifecycle-damaged");
    let idx = index.display().to_string();
    let sample = sample_dir().display().to_string();
    // Several segments, so that the next run's commits have them merged.
    let (code, _, err) = run(&["index", "-q", "--commit-every", "40", "--index", &idx, &sample]);
    assert_eq!(code, 0, "{err}");
    let before = document_count(&index);
    let file = damage_largest(&index, "term", 64);

    let more = small_corpus("lifecycle-damaged.jsonl", "残页行动", 300);
    let (code, out, err) = run(&[
        "index",
        "-q",
        "--commit-every",
        "50",
        "--index",
        &idx,
        &more.display().to_string(),
    ]);
    assert_eq!(code, 2, "a failed merge must fail the run: {out}\n{err}");
    assert!(
        err.contains("segment merge") && err.contains("gongwen verify"),
        "the error names the merge and how to find the file: {err}"
    );
    assert!(
        !err.contains("stack backtrace") && !err.contains("panicked at"),
        "{err}"
    );
    // What the run committed is kept.
    assert_eq!(document_count(&index), before + 300);

    let server = Server::start(&index, &[]);
    let deadline = Instant::now() + Duration::from_secs(60);
    let health = loop {
        let (status, body) = server.get("/healthz");
        let v: serde_json::Value = serde_json::from_str(&body).expect("json");
        if v["files"] != "unchecked" {
            break (status, v);
        }
        assert!(Instant::now() < deadline, "the files were not checked in 60 s");
        std::thread::sleep(Duration::from_millis(100));
    };
    assert_eq!(health.0, 503, "{}", health.1);
    assert_eq!(health.1["status"], "damaged");
    let name = file.file_name().expect("name").to_string_lossy().into_owned();
    assert!(
        health.1["damaged"].to_string().contains(&name),
        "{name} named in {}",
        health.1
    );
    // Searches are still answered from what can be read.
    let v = server.json(&format!("/api/search?q={}", enc("\"残页行动\"")), 200);
    assert!(v["total"].as_u64().is_some(), "{v}");

    // A whole index says so.
    let whole = scratch().join("lifecycle-whole");
    let (code, _, err) = run(&["index", "-q", "--index", &whole.display().to_string(), &sample]);
    assert_eq!(code, 0, "{err}");
    let server = Server::start(&whole, &[]);
    let deadline = Instant::now() + Duration::from_secs(60);
    loop {
        let v = server.json("/healthz", 200);
        if v["files"] == "whole" {
            assert_eq!(v["status"], "ok");
            break;
        }
        assert_eq!(v["files"], "unchecked", "{v}");
        assert!(Instant::now() < deadline, "the files were not checked in 60 s");
        std::thread::sleep(Duration::from_millis(100));
    }
}

// See (QA reliability pass, seventeenth session): a commit that landed while `serve` had no
// file descriptor left (idle connections held them all) was never loaded: the reader's one
// reload failed, and the server went on showing the state before it, a document the commit
// had made non-public included, with /healthz saying ok.
#[test]
fn a_commit_loaded_late_is_still_loaded_and_nothing_withdrawn_is_shown_meanwhile() {
    let index = scratch().join("lifecycle-emfile");
    let _ = std::fs::remove_dir_all(&index);
    let idx = index.display().to_string();
    let record = |i: usize, disclosure: &str| {
        serde_json::json!({"id": format!("emfile-{i}"), "title": format!("关于晨光计划第{i}号的通知"),
            "body": "晨光计划正文。", "kind": "notice", "date": "2021-03-04", "disclosure": disclosure})
        .to_string()
    };
    let first = scratch().join("lifecycle-emfile-1.jsonl");
    std::fs::write(
        &first,
        (0..3).map(|i| record(i, "主动公开")).collect::<Vec<_>>().join("\n"),
    )
    .expect("write");
    let (code, _, err) = run(&["index", "-q", "--index", &idx, &first.display().to_string()]);
    assert_eq!(code, 0, "{err}");

    let mut serve = Command::new("sh");
    serve
        .args([
            "-c",
            "ulimit -n 64 && exec \"$0\" serve --addr 127.0.0.1:0 --index \"$1\"",
        ])
        .arg(bin())
        .arg(&index);
    let (mut child, line) = started(serve);
    let base = line
        .split_whitespace()
        .find(|w| w.starts_with("http://"))
        .unwrap_or_else(|| panic!("no URL in {line:?}"))
        .trim_end_matches('/')
        .to_owned();
    let addr = base.trim_start_matches("http://").to_owned();
    let get = |path: &str| -> Option<(u16, serde_json::Value)> {
        let agent: ureq::Agent = ureq::Agent::config_builder()
            .http_status_as_error(false)
            .timeout_global(Some(Duration::from_secs(5)))
            .build()
            .into();
        let mut resp = agent.get(&format!("{base}{path}")).call().ok()?;
        let status = resp.status().as_u16();
        let body = resp.body_mut().read_to_string().ok()?;
        Some((status, serde_json::from_str(&body).unwrap_or_default()))
    };
    assert_eq!(
        get("/api/search?q=&limit=0").map(|(_, v)| v["total"].clone()),
        Some(3.into())
    );

    // Idle connections take every descriptor the server has left; then a commit makes one
    // document non-public.
    let idle: Vec<std::net::TcpStream> = (0..100)
        .filter_map(|_| std::net::TcpStream::connect(&addr).ok())
        .collect();
    std::thread::sleep(Duration::from_millis(500));
    let second = scratch().join("lifecycle-emfile-2.jsonl");
    std::fs::write(&second, record(0, "不予公开")).expect("write");
    let (code, _, err) = run(&["index", "-q", "--index", &idx, &second.display().to_string()]);
    assert_eq!(code, 0, "{err}");
    std::thread::sleep(Duration::from_secs(2));
    drop(idle);

    // Once descriptors are free, the commit is loaded: the document is gone, and no answer
    // in between showed it.
    let deadline = Instant::now() + Duration::from_secs(20);
    loop {
        if let Some((status, v)) = get("/api/search?q=&limit=10") {
            let shown: Vec<&str> = v["hits"]
                .as_array()
                .map(|h| h.iter().filter_map(|h| h["id"].as_str()).collect())
                .unwrap_or_default();
            if status == 200 && v["total"] == 2 {
                assert!(!shown.contains(&"emfile-0"), "{v}");
                break;
            }
            assert!(
                status == 200 || status == 503,
                "a server that cannot load the commit answers 503: {status} {v}"
            );
        }
        assert!(
            Instant::now() < deadline,
            "20 s after the connections closed, the server still shows the state before the commit"
        );
        std::thread::sleep(Duration::from_millis(200));
    }
    assert_eq!(get("/api/documents/emfile-0").map(|(s, _)| s), Some(404));
    assert_eq!(get("/healthz").map(|(s, _)| s), Some(200));
    let _ = child.kill();
    let _ = child.wait();
}
