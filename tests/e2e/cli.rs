//! The CLI as a user runs it: docnum, index (upsert, skip, strict, bad input), search,
//! lookup, stats, verify.

use crate::harness::{run, sample_index, scratch};

#[test]
fn docnum_prints_canonical_numbers_in_order() {
    let text = "根据《通知》(红政办函〔2018〕31号)、呼政辦發[2008]68號和国令第796号及交通运输部令2019年第1号，共42个部门5580项，12345热线，GB/T 9704-2012，2018年，〔2018〕59号。";
    let (code, out, _) = run(&["docnum", text]);
    assert_eq!(code, 0);
    assert_eq!(
        out.lines().collect::<Vec<_>>(),
        [
            "红政办函〔2018〕31号",
            "呼政办发〔2008〕68号",
            "国务院令第796号",
            "交通运输部令〔2019〕1号"
        ]
    );
    let (code, out, _) = run(&["docnum", "没有文号的文字，共42个。"]);
    assert_eq!((code, out.as_str()), (0, ""));

    // See (QA): standard input in GB18030 (a gazette issue) failed as "not valid UTF-8".
    let text = "国务院关于印发《通知》的通知\n国发〔1983〕5号\n各省、自治区、直辖市人民政府，国务院各部委、各直属机构：现将有关事项通知如下。\n";
    let (gb, _, _) = encoding_rs::GB18030.encode(text);
    let mut child = std::process::Command::new(crate::harness::bin())
        .arg("docnum")
        .stdin(std::process::Stdio::piped())
        .stdout(std::process::Stdio::piped())
        .spawn()
        .expect("spawn");
    std::io::Write::write_all(&mut child.stdin.take().expect("stdin"), &gb).expect("write");
    let out = child.wait_with_output().expect("wait");
    assert!(out.status.success());
    assert_eq!(String::from_utf8_lossy(&out.stdout).trim(), "国发〔1983〕5号");
}

#[test]
fn index_upserts_skips_and_reports_bad_records() {
    let dir = scratch().join("cli-upsert");
    let idx = dir.display().to_string();
    let good = scratch().join("cli-good.jsonl");
    let doc = |id: &str, body: &str| {
        serde_json::json!({"id": id, "title": format!("关于{id}的通知"), "body": body, "kind": "notice", "date": "2018-01-02"}).to_string()
    };
    std::fs::write(&good, [doc("a", "正文一"), doc("b", "正文二")].join("\n")).expect("write");
    let (code, out, err) = run(&[
        "index",
        "-q",
        "--json",
        "--index",
        &idx,
        good.to_str().unwrap_or_default(),
    ]);
    assert_eq!(code, 0, "{err}");
    let s: serde_json::Value = serde_json::from_str(&out).expect("summary json");
    assert_eq!((s["indexed"].as_u64(), s["skipped"].as_u64()), (Some(2), Some(0)));
    // Same corpus again: everything skipped, same count.
    let (_, out, _) = run(&[
        "index",
        "-q",
        "--json",
        "--index",
        &idx,
        good.to_str().unwrap_or_default(),
    ]);
    let s: serde_json::Value = serde_json::from_str(&out).expect("summary json");
    assert_eq!((s["indexed"].as_u64(), s["skipped"].as_u64()), (Some(0), Some(2)));
    // A changed document is updated, a bad line reported with file and line, the rest goes on.
    let bad = scratch().join("cli-bad.jsonl");
    std::fs::write(
        &bad,
        [doc("a", "正文一改"), "{broken".to_string(), doc("c", "正文三")].join("\n"),
    )
    .expect("write");
    let (code, out, err) = run(&[
        "index",
        "-q",
        "--json",
        "--index",
        &idx,
        bad.to_str().unwrap_or_default(),
    ]);
    assert_eq!(code, 0, "{err}");
    let s: serde_json::Value = serde_json::from_str(&out).expect("summary json");
    assert_eq!(
        (s["indexed"].as_u64(), s["updated"].as_u64(), s["rejected"].as_u64()),
        (Some(1), Some(1), Some(1)),
        "{s}"
    );
    assert!(
        s["errors"][0]["reason"]
            .as_str()
            .is_some_and(|r| r.contains("cli-bad.jsonl:2")),
        "{s}"
    );
    // --strict stops with a non-zero exit and the location; nothing committed is lost.
    let (code, _, err) = run(&[
        "index",
        "-q",
        "--strict",
        "--index",
        &idx,
        bad.to_str().unwrap_or_default(),
    ]);
    assert_ne!(code, 0);
    assert!(err.contains("cli-bad.jsonl:2"), "{err}");
    let (code, out, _) = run(&["stats", "--json", "--index", &idx]);
    assert_eq!(code, 0);
    let st: serde_json::Value = serde_json::from_str(&out).expect("stats json");
    assert_eq!(st["documents"].as_u64(), Some(3), "{st}");
    // See (QA staff pass): the JSON had no count of the documents without a year; the years
    // and it add up to the total.
    let dated: u64 = st["by_year"]
        .as_object()
        .map_or(0, |m| m.values().filter_map(serde_json::Value::as_u64).sum());
    assert_eq!(st["without_year"].as_u64().map(|n| n + dated), Some(3), "{st}");
    // Delete by id.
    let (code, _, err) = run(&["index", "-q", "--index", &idx, "--delete", "b"]);
    assert_eq!(code, 0, "{err}");
    let (_, out, _) = run(&["stats", "--json", "--index", &idx]);
    let st: serde_json::Value = serde_json::from_str(&out).expect("stats json");
    assert_eq!(st["documents"].as_u64(), Some(2));
    // Several ids to one flag; one the index does not hold is said, and the exit status is 1
    // (see QA ingest pass, fourteenth session: it was only logged).
    let (code, out, _) = run(&["index", "-q", "--index", &idx, "--delete", "a", "nope"]);
    assert_eq!(code, 1, "{out}");
    assert!(out.contains("1 deleted") && out.contains("not found: nope"), "{out}");
    let (_, out, _) = run(&["stats", "--json", "--index", &idx]);
    let st: serde_json::Value = serde_json::from_str(&out).expect("stats json");
    assert_eq!(st["documents"].as_u64(), Some(1));
    // See (QA reliability pass, seventeenth session): a file after the ids was read as one
    // more id; and an id given with spaces around, as records give them (stored trimmed),
    // was not found.
    let good_path = good.to_str().unwrap_or_default();
    let (code, _, err) = run(&["index", "-q", "--index", &idx, "--delete", "nope", good_path]);
    assert_eq!(code, 2, "{err}");
    assert!(
        err.contains("--delete takes ids") && err.contains("cli-good.jsonl"),
        "{err}"
    );
    let (code, out, err) = run(&["index", "-q", "--index", &idx, "--delete", " c "]);
    assert_eq!(code, 0, "{out}{err}");
    // A record with a title and no text is indexed, and said with its file and line (QA ingest
    // pass, seventeenth session: it was silent).
    let bare = scratch().join("cli-no-text.jsonl");
    std::fs::write(&bare, r#"{"id": "t", "title": "关于甲事项的通知", "body": "  "}"#).expect("write");
    let (code, _, err) = run(&["index", "-q", "--index", &idx, bare.to_str().unwrap_or_default()]);
    assert_eq!(code, 0, "{err}");
    assert!(
        err.contains("a record with a title and no text") && err.contains("cli-no-text.jsonl"),
        "{err}"
    );
    let (code, _, err) = run(&["index", "-q", "--index", &idx, "--delete", "t"]);
    assert_eq!(code, 0, "{err}");
    let (_, out, _) = run(&["stats", "--json", "--index", &idx]);
    let st: serde_json::Value = serde_json::from_str(&out).expect("stats json");
    assert_eq!(st["documents"].as_u64(), Some(0));
}

#[test]
fn search_lookup_stats_verify_on_the_sample() {
    let idx = sample_index().display().to_string();
    let (code, out, err) = run(&["search", "--index", &idx, "住房公积金", "--limit", "3"]);
    assert_eq!(code, 0, "{err}");
    assert!(out.contains("documents") && out.contains("1. "), "{out}");
    let (code, out, _) = run(&["search", "--index", &idx, "--json", "--kind", "notice", "住房"]);
    assert_eq!(code, 0);
    let v: serde_json::Value = serde_json::from_str(&out).expect("json");
    assert!(v["hits"]
        .as_array()
        .is_some_and(|h| !h.is_empty() && h.iter().all(|h| h["kind"] == "notice")));
    let (code, out, _) = run(&["lookup", "--index", &idx, "甬政发（2010）57号"]);
    assert_eq!(code, 0, "{out}");
    assert!(out.contains("甬政发〔2010〕57号"), "{out}");
    let (code, _, _) = run(&["lookup", "--index", &idx, "甬政发〔2010〕9999号"]);
    assert_eq!(code, 1);
    let (code, out, _) = run(&["stats", "--index", &idx]);
    assert_eq!(code, 0);
    assert!(out.contains("documents:"), "{out}");
    let (code, out, _) = run(&["verify", "--index", &idx]);
    assert_eq!(code, 0, "{out}");
    assert!(out.contains("0 hash mismatches"), "{out}");
}

#[test]
fn opening_something_that_is_not_an_index_fails_without_touching_it() {
    let dir = scratch().join("not-an-index");
    std::fs::create_dir_all(&dir).expect("mkdir");
    std::fs::write(dir.join("precious.txt"), "keep me").expect("write");
    let (code, _, err) = run(&["search", "--index", dir.to_str().unwrap_or_default(), "x"]);
    assert_ne!(code, 0);
    assert!(err.contains("not a gongwen index"), "{err}");
    let (code, _, err) = run(&[
        "index",
        "--index",
        dir.to_str().unwrap_or_default(),
        "/nonexistent.jsonl",
    ]);
    assert_ne!(code, 0);
    assert!(
        err.contains("not a gongwen index") || err.contains("not empty"),
        "{err}"
    );
    assert_eq!(
        std::fs::read_to_string(dir.join("precious.txt")).ok().as_deref(),
        Some("keep me")
    );
}

#[test]
fn a_closed_pipe_ends_the_output_quietly() {
    // Regression: `gongwen search --json … | head -c 10` panicked ("failed printing to
    // stdout: Broken pipe") with a backtrace and exit 101.
    use std::io::Read;
    let idx = sample_index().display().to_string();
    let mut child = std::process::Command::new(crate::harness::bin())
        .args(["search", "--index", &idx, "--json", "--limit", "100", "通知"])
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .expect("spawn");
    // Read a few bytes, then close the pipe before the output is all written.
    let mut stdout = child.stdout.take().expect("stdout");
    let mut first = [0u8; 10];
    stdout.read_exact(&mut first).expect("some output");
    drop(stdout);
    let mut err = String::new();
    child
        .stderr
        .take()
        .expect("stderr")
        .read_to_string(&mut err)
        .expect("stderr");
    let status = child.wait().expect("wait");
    assert!(!err.contains("panicked"), "{err}");
    assert_ne!(status.code(), Some(101), "{err}");
}

/// See (QA staff pass, fifteenth session): the exit statuses were documented for some commands
/// only. `--help` lists them, and they are what the commands return.
#[test]
fn help_lists_the_exit_statuses_the_commands_return() {
    let (code, help, _) = run(&["--help"]);
    assert_eq!(code, 0);
    for line in ["0  done", "1  done, and something", "2  not done"] {
        assert!(help.contains(line), "{line:?} in {help}");
    }
    let idx = sample_index().display().to_string();
    assert_eq!(run(&["lookup", "--index", &idx, "不存在发〔1999〕999号"]).0, 1);
    assert_eq!(run(&["lookup", "--index", &idx, "--no-such-flag", "x"]).0, 2);
    assert_eq!(run(&["stats", "--index", "no/such/index/folder"]).0, 2);
}
