//! Requests never reach the filesystem: path traversal in every id or number the API takes
//! (`../`, `%2e%2e%2f`, absolute paths, NUL, backslashes) gets a 400/404 JSON error, and a
//! marker file planted beside the index never shows in any answer. The server binds to
//! loopback by default. (Restricted documents: see `visibility`; the constant-time staff
//! token comparison has its unit test in `query/src/http.rs`.)

use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpStream;
use std::process::{Command, Stdio};
use std::time::Duration;

use crate::harness::{bin, sample_index, short, Server};

const MARKER: &str = "LEAK-MARKER-5f0c2a91";

/// GET `path` exactly as written (no client normalisation of `..` or `%2e`), over a raw
/// socket. Returns (status, body).
fn raw_get(base: &str, path: &str, headers: &[(&str, &str)]) -> (u16, String) {
    let addr = base.trim_start_matches("http://");
    let mut stream = TcpStream::connect(addr).expect("connect");
    stream.set_read_timeout(Some(Duration::from_secs(20))).expect("timeout");
    let mut req = format!("GET {path} HTTP/1.1\r\nHost: {addr}\r\nConnection: close\r\n");
    for (k, v) in headers {
        req.push_str(&format!("{k}: {v}\r\n"));
    }
    req.push_str("\r\n");
    stream.write_all(req.as_bytes()).expect("send");
    let mut raw = Vec::new();
    let _ = stream.read_to_end(&mut raw);
    let text = String::from_utf8_lossy(&raw).into_owned();
    let (head, body) = text.split_once("\r\n\r\n").unwrap_or((&text, ""));
    let status = head.split_whitespace().nth(1).and_then(|s| s.parse().ok()).unwrap_or(0);
    let body = if head.to_ascii_lowercase().contains("transfer-encoding: chunked") {
        dechunk(body)
    } else {
        body.to_string()
    };
    (status, body)
}

fn dechunk(mut s: &str) -> String {
    let mut out = String::new();
    while let Some((size, rest)) = s.split_once("\r\n") {
        let Ok(n) = usize::from_str_radix(size.trim(), 16) else {
            break;
        };
        if n == 0 || rest.len() < n {
            break;
        }
        out.push_str(&rest[..n]);
        s = rest[n..].trim_start_matches("\r\n");
    }
    out
}

#[test]
fn traversal_never_reaches_the_filesystem() {
    let index = sample_index();
    let parent = index.parent().expect("the index has a parent folder");
    let marker_file = parent.join("leak-marker.txt");
    std::fs::write(&marker_file, MARKER).expect("write the marker");
    std::fs::write(parent.join("leak-marker.json"), format!("{{\"id\":\"{MARKER}\"}}")).expect("write");
    let abs = marker_file.display().to_string();
    let abs_enc: String = abs.replace('/', "%2F");

    let token = "leak-test-staff-token-42";
    let s = Server::start(index, &["--staff-token", token]);
    let attempts: Vec<String> = vec![
        "../leak-marker.txt".into(),
        "../../leak-marker.txt".into(),
        "..%2Fleak-marker.txt".into(),
        "..%2F..%2Fleak-marker.txt".into(),
        "%2e%2e%2fleak-marker.txt".into(),
        "%2E%2E%2F%2E%2E%2Fleak-marker.json".into(),
        "..%5Cleak-marker.txt".into(),
        "....%2F%2Fleak-marker.txt".into(),
        "%252e%252e%252fleak-marker.txt".into(),
        abs_enc.clone(),
        format!("%2F%2F{}", abs_enc.trim_start_matches("%2F")),
        "leak-marker.txt%00".into(),
        "%00..%2Fleak-marker.txt".into(),
        "..%2F..%2F..%2F..%2F..%2F..%2F..%2Fetc%2Fpasswd".into(),
        "%2Fetc%2Fpasswd".into(),
        "%2Fproc%2Fself%2Fenviron".into(),
        "public%2Fmeta.json".into(),
        "..%2Fsample%2Fgongwen.json".into(),
        "%EF%BC%8E%EF%BC%8E%EF%BC%8Fleak-marker.txt".into(),
    ];
    let templates = [
        "/api/documents/{}",
        "/api/documents/{}/citations",
        "/api/documents/{}/status",
        "/api/documents/{}/interpretations",
        "/api/staff/documents/{}",
        "/api/docnum/{}",
        "/api/gazette/{}/1",
        "/api/gazette/2019/{}",
        "/api/check?number={}",
        "/api/search?q={}",
        "/api/suggest?q={}",
        "/{}",
        "/app.js/{}",
    ];
    let auth = format!("Bearer {token}");
    let mut tried = 0;
    let mut bytes = 0;
    for t in templates {
        for a in &attempts {
            let path = t.replace("{}", a);
            let headers: &[(&str, &str)] = if t.contains("staff") {
                &[("Authorization", &auth)]
            } else {
                &[]
            };
            let (status, body) = raw_get(&s.base, &path, headers);
            tried += 1;
            bytes += body.len();
            assert!(
                !body.contains(MARKER),
                "{path}: the marker file leaked: {}",
                short(&body)
            );
            assert!(!body.contains("root:"), "{path}: /etc/passwd leaked");
            // An error may quote the request; it may not show a path the request did not name.
            if !a.contains(&abs_enc) {
                assert!(!body.contains(&abs), "{path}: a server path shows");
            }
            assert!(
                !body.contains(&parent.display().to_string()) || a.contains(&abs_enc),
                "{path}"
            );
            let is_page = t == "/{}" && status == 200;
            if t.starts_with("/api/search") || t.starts_with("/api/suggest") || t.starts_with("/api/check") {
                assert!(status == 200 || status == 400, "{path}: {status} {}", short(&body));
            } else if !is_page {
                assert!(
                    status == 400 || status == 404 || status == 401,
                    "{path}: {status} {}",
                    short(&body)
                );
            }
            if status >= 400 {
                let v: serde_json::Value = serde_json::from_str(&body)
                    .unwrap_or_else(|_| panic!("{path}: {status} without a JSON body: {}", short(&body)));
                assert!(v["code"].is_string() && v["message"].is_string(), "{path}: {v}");
            }
        }
    }
    println!("leaks: {tried} traversal requests, {bytes} bytes answered, 0 bytes of the marker");
    // Still serving.
    s.json("/healthz", 200);
}

#[test]
fn binds_to_loopback_by_default() {
    let (code, help, _) = crate::harness::run(&["serve", "--help"]);
    assert_eq!(code, 0);
    assert!(help.contains("[default: 127.0.0.1:8080]"), "{help}");

    // Without --addr (and with no GONGWEN_ADDR), it either serves on 127.0.0.1 or, when the
    // port is taken, says it could not bind 127.0.0.1.
    let mut child = Command::new(bin())
        .args(["serve", "--index"])
        .arg(sample_index())
        .env_remove("GONGWEN_ADDR")
        .env("RUST_LOG", "warn")
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("spawn gongwen serve");
    let mut line = String::new();
    let read = BufReader::new(child.stdout.take().expect("stdout")).read_line(&mut line);
    let _ = child.kill();
    let out = child.wait_with_output().expect("wait");
    if read.unwrap_or(0) > 0 {
        assert!(line.contains("http://127.0.0.1:8080/"), "{line}");
    } else {
        let err = String::from_utf8_lossy(&out.stderr);
        assert!(err.contains("binding 127.0.0.1:8080"), "{err}");
    }

    // The test server itself.
    let s = Server::start(sample_index(), &[]);
    assert!(s.base.starts_with("http://127.0.0.1:"), "{}", s.base);
}

#[test]
fn staff_token_is_required_and_checked() {
    let s = Server::start(sample_index(), &["--staff-token", "correct-horse-battery"]);
    for given in [
        "",
        "Bearer ",
        "Bearer correct-horse-batterz",
        "Bearer correct-horse-battery-staple",
        "Bearer c",
        "correct-horse-battery",
        "Bearer CORRECT-HORSE-BATTERY",
    ] {
        let (status, body) = s.get_with("/api/staff/search?q=x", ("Authorization", given));
        assert_eq!(status, 401, "{given:?}: {body}");
        assert!(!body.contains("correct-horse"), "the token shows in an error");
    }
    let (status, _) = s.get_with(
        "/api/staff/search?q=x",
        ("Authorization", "Bearer correct-horse-battery"),
    );
    assert_eq!(status, 200);
}
