//! Crash safety and full disks: a real `gongwen index` child killed with SIGKILL at random
//! moments of every phase, and indexing onto a small filesystem made by the test.
//!
//! After each kill the index must open, pass `gongwen verify`, hold exactly one committed state
//! (the last one the child reported, or the one it was committing), and the same command run
//! again must reach the same final set as a clean run. The short form kills at 8 moments; with
//! `GONGWEN_LONG_TESTS=1` at 60, on a bigger corpus.

use std::io::{BufRead, BufReader};
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use crate::harness::{bin, corpus, run, scratch};

/// True when the long forms of the reliability tests were asked for.
pub fn long_tests() -> bool {
    std::env::var("GONGWEN_LONG_TESTS").is_ok_and(|v| v == "1")
}

/// A small deterministic generator (SplitMix64): the same kill moments on every run.
struct Random(u64);

impl Random {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    /// Uniform in `0..n`.
    fn below(&mut self, n: u64) -> u64 {
        self.next() % n.max(1)
    }
}

/// The first `lines` records of the big corpus file, as a file of their own.
pub fn corpus_prefix(name: &str, lines: usize) -> PathBuf {
    let out = scratch().join(name);
    if !out.exists() {
        let text = std::fs::read_to_string(corpus("gov_docs.jsonl")).expect("read gov_docs.jsonl");
        let mut prefix: String = text.lines().take(lines).collect::<Vec<_>>().join("\n");
        prefix.push('\n');
        std::fs::write(&out, prefix).expect("write corpus prefix");
    }
    out
}

/// Documents in the index (both halves), from `gongwen stats --json`; panics when it fails to open.
pub fn document_count(index: &Path) -> u64 {
    let (code, out, err) = run(&["stats", "--json", "--index", &index.display().to_string()]);
    assert_eq!(code, 0, "stats on {} failed: {err}", index.display());
    let v: serde_json::Value = serde_json::from_str(&out).expect("stats json");
    v["documents"].as_u64().expect("documents")
}

/// `gongwen verify` passes on the index.
pub fn assert_verifies(index: &Path) {
    let (code, out, err) = run(&["verify", "--index", &index.display().to_string()]);
    assert_eq!(code, 0, "verify on {} failed:\n{out}\n{err}", index.display());
}

/// The index command every run of this test uses.
fn index_command(index: &Path, input: &Path, commit_every: usize) -> Command {
    let mut cmd = Command::new(bin());
    cmd.args(["index", "--quiet", "--json", "--commit-every"])
        .arg(commit_every.to_string())
        .arg("--index")
        .arg(index)
        .arg(input)
        .env("RUST_LOG", "info,tantivy=warn")
        .stdout(Stdio::null())
        .stderr(Stdio::piped());
    cmd
}

/// What one child run reported: the document counts of its commits, in order.
struct Observed {
    commits: Arc<Mutex<Vec<u64>>>,
    reader: std::thread::JoinHandle<()>,
}

/// Read the child's log as it comes, keeping the `documents=N` of every "committed" line.
fn observe(stderr: std::process::ChildStderr) -> Observed {
    let commits = Arc::new(Mutex::new(Vec::new()));
    let seen = Arc::clone(&commits);
    let reader = std::thread::spawn(move || {
        for line in BufReader::new(stderr).lines().map_while(Result::ok) {
            if !line.contains("committed") {
                continue;
            }
            let n = line
                .split_whitespace()
                .find_map(|w| strip_ansi(w).strip_prefix("documents=").and_then(|n| n.parse().ok()));
            if let Some(n) = n {
                seen.lock().expect("lock").push(n);
            }
        }
    });
    Observed { commits, reader }
}

fn strip_ansi(s: &str) -> String {
    let mut out = String::new();
    let mut chars = s.chars();
    while let Some(c) = chars.next() {
        if c == '\u{1b}' {
            for c in chars.by_ref() {
                if c.is_ascii_alphabetic() {
                    break;
                }
            }
        } else {
            out.push(c);
        }
    }
    out
}

/// Kill `child` with SIGKILL once `delay` has passed, unless it ended before; waits for it.
/// True when it was killed.
fn kill_at(child: &mut std::process::Child, delay: Duration) -> bool {
    let deadline = Instant::now() + delay;
    while Instant::now() < deadline {
        if child.try_wait().expect("try_wait").is_some() {
            return false;
        }
        std::thread::sleep(Duration::from_millis(2).min(deadline.saturating_duration_since(Instant::now())));
    }
    let _ = child.kill();
    child.wait().expect("wait").code().is_none()
}

/// Run the command to the end; returns (wall time, committed counts).
fn clean_run(index: &Path, input: &Path, commit_every: usize) -> (Duration, Vec<u64>) {
    let start = Instant::now();
    let mut child = index_command(index, input, commit_every).spawn().expect("spawn index");
    let obs = observe(child.stderr.take().expect("stderr"));
    let status = child.wait().expect("wait");
    let took = start.elapsed();
    obs.reader.join().expect("log reader");
    assert!(status.success(), "clean index run failed: {status}");
    let commits = obs.commits.lock().expect("lock").clone();
    (took, commits)
}

#[test]
fn index_killed_at_random_moments_keeps_one_committed_state() {
    // Short form: a corpus small enough for 8 kills in about a minute and a half, committing
    // every batch (256 documents); long form: 2,500 documents committed every 500 (512).
    let (points, lines, commit_every) = if long_tests() { (60, 2500, 500) } else { (8, 800, 200) };
    let input = corpus_prefix(&format!("crash-{lines}.jsonl"), lines);
    let root = scratch().join("crash");
    let _ = std::fs::remove_dir_all(&root);
    std::fs::create_dir_all(&root).expect("mkdir");

    let clean = root.join("clean");
    let (took, committed) = clean_run(&clean, &input, commit_every);
    // A second clean run, warm like the runs that will be killed: the first pays for cold
    // caches and can take a third longer, which would put many kill points after the end.
    let again = root.join("clean-again");
    let (warm, committed_again) = clean_run(&again, &input, commit_every);
    assert_eq!(committed_again, committed, "two clean runs commit the same sets");
    let _ = std::fs::remove_dir_all(&again);
    let took = took.min(warm);
    let total = document_count(&clean);
    assert_eq!(committed.last(), Some(&total), "the last commit holds everything");
    assert!(committed.len() >= 3, "want several commits, got {committed:?}");
    assert_verifies(&clean);
    eprintln!(
        "crash: clean run of {total} documents took {:.1} s, commits at {committed:?}",
        took.as_secs_f64()
    );

    // Kill moments spread over the whole run, one in each of `points` equal slices of it (the
    // last slice takes the last commit and the merges and clean-up at the end).
    let span = (took.as_millis() as u64).max(500);
    let mut random = Random(0x6f6e_6777_656e);
    let mut killed = 0;
    let mut by_commits_before_kill = std::collections::BTreeMap::<usize, usize>::new();
    for point in 0..points {
        let slice = span / points as u64;
        let delay = Duration::from_millis(slice * point as u64 + random.below(slice.max(1)));
        let index = root.join(format!("kill-{point}"));
        let mut child = index_command(&index, &input, commit_every)
            .spawn()
            .expect("spawn index");
        let obs = observe(child.stderr.take().expect("stderr"));
        killed += usize::from(kill_at(&mut child, delay));
        obs.reader.join().expect("log reader");
        let acknowledged = obs.commits.lock().expect("lock").clone();
        *by_commits_before_kill.entry(acknowledged.len()).or_default() += 1;

        if !index.join("gongwen.json").exists() {
            // Killed before the folder was completely created: nothing was ever committed, and
            // the next run must be able to start over in it.
            eprintln!("crash: point {point} at {delay:?}: killed before the index existed");
        } else {
            let count = document_count(&index);
            assert_verifies(&index);
            let last = acknowledged.last().copied().unwrap_or(0);
            let next = committed.iter().copied().find(|&c| c > last);
            assert!(
                count == last || Some(count) == next,
                "point {point} ({delay:?}): {count} documents, but the last reported commit held {last} \
                 and the next one {next:?} (clean commits {committed:?})"
            );
            eprintln!(
                "crash: point {point} at {:>5} ms: {} commits reported, index holds {count}",
                delay.as_millis(),
                acknowledged.len()
            );
        }

        // The same command again reaches the same final set.
        let mut again = index_command(&index, &input, commit_every);
        let out = again.stderr(Stdio::piped()).output().expect("re-run");
        assert!(
            out.status.success(),
            "point {point}: re-running after the kill failed: {}",
            String::from_utf8_lossy(&out.stderr)
        );
        assert_eq!(document_count(&index), total, "point {point}: final count after re-run");
        if long_tests() || point % 4 == 0 {
            assert_verifies(&index);
        }
        let _ = std::fs::remove_dir_all(&index);
    }
    eprintln!(
        "crash: {points} kill points, {killed} killed mid-run; runs by commits reported before the kill: \
         {by_commits_before_kill:?}"
    );
    assert!(
        killed * 2 >= points,
        "most points must kill a running child ({killed} of {points})"
    );
}

/// Documents in the public and in the restricted index, from `gongwen stats --json`.
fn halves(index: &Path) -> (u64, u64) {
    let (code, out, err) = run(&["stats", "--json", "--index", &index.display().to_string()]);
    assert_eq!(code, 0, "stats on {} failed: {err}", index.display());
    let v: serde_json::Value = serde_json::from_str(&out).expect("stats json");
    (
        v["public"].as_u64().expect("public"),
        v["restricted"].as_u64().expect("restricted"),
    )
}

// See (QA crash campaign): the two indexes were committed one after the other, and a kill
// (or a full disk) between the two commits left a state never committed: documents that
// moved from public to restricted were in neither, half of a deletion was applied. Both are
// now published as one commit of the folder.
#[test]
fn a_kill_while_documents_move_between_the_indexes_leaves_one_commit() {
    let points = if long_tests() { 40 } else { 10 };
    let lines = 600;
    let input = corpus_prefix(&format!("crash-{lines}.jsonl"), lines);
    let root = scratch().join("crash-move");
    let _ = std::fs::remove_dir_all(&root);
    std::fs::create_dir_all(&root).expect("mkdir");
    // Every other record re-given as 不予公开: one commit moves them and keeps the rest.
    let moved = root.join("moved.jsonl");
    let text = std::fs::read_to_string(&input).expect("read");
    let mut out = String::new();
    for (i, line) in text.lines().enumerate() {
        let mut v: serde_json::Value = serde_json::from_str(line).expect("record");
        if i % 2 == 0 {
            v["disclosure"] = "不予公开".into();
        }
        out.push_str(&v.to_string());
        out.push('\n');
    }
    std::fs::write(&moved, out).expect("write");

    let base = root.join("base");
    clean_run(&base, &input, 100_000);
    let before = halves(&base);
    assert_eq!(before, (lines as u64, 0));
    let done = root.join("done");
    copy_dir(&base, &done);
    let (took, _) = clean_run(&done, &moved, 100_000);
    let after = halves(&done);
    assert_eq!(after, (lines as u64 / 2, lines as u64 / 2));

    let span = (took.as_millis() as u64).max(300);
    let mut random = Random(0x6d6f_7665);
    let mut seen = std::collections::BTreeMap::<(u64, u64), usize>::new();
    for point in 0..points {
        let slice = span / points as u64;
        let delay = Duration::from_millis(slice * point as u64 + random.below(slice.max(1)));
        let index = root.join(format!("kill-{point}"));
        copy_dir(&base, &index);
        let mut child = index_command(&index, &moved, 100_000).spawn().expect("spawn index");
        let obs = observe(child.stderr.take().expect("stderr"));
        kill_at(&mut child, delay);
        obs.reader.join().expect("log reader");
        let got = halves(&index);
        assert!(
            got == before || got == after,
            "point {point} ({delay:?}): public and restricted {got:?}, neither the commit before {before:?} \
             nor the one after {after:?}"
        );
        assert_verifies(&index);
        *seen.entry(got).or_default() += 1;
        // The same command again completes the move.
        let out = index_command(&index, &moved, 100_000)
            .stderr(Stdio::piped())
            .output()
            .expect("re-run");
        assert!(
            out.status.success(),
            "point {point}: {}",
            String::from_utf8_lossy(&out.stderr)
        );
        assert_eq!(halves(&index), after, "point {point}: after the re-run");
        // See (second QA crash campaign): a run killed just after its publish left the files
        // the publish had no time to remove, and a re-run with nothing to commit kept them.
        let left = unnamed_files(&index);
        assert!(left.is_empty(), "point {point}: files no commit names: {left:?}");
        let _ = std::fs::remove_dir_all(&index);
    }
    eprintln!("crash-move: states after the kills {seen:?}");
}

/// A small filesystem mounted by the test: a tmpfs, or (where tmpfs may not be mounted) an
/// ext4 image on a loop device. Unmounted on drop.
struct Volume {
    dir: PathBuf,
    image: Option<PathBuf>,
}

impl Volume {
    fn mount(dir: &Path, mib: u64) -> Result<Volume, String> {
        std::fs::create_dir_all(dir).map_err(|e| format!("mkdir {}: {e}", dir.display()))?;
        let tmpfs = Command::new("mount")
            .args(["-t", "tmpfs", "-o", &format!("size={mib}m"), "tmpfs"])
            .arg(dir)
            .output()
            .map_err(|e| format!("running mount: {e}"))?;
        if tmpfs.status.success() {
            return Ok(Volume {
                dir: dir.to_path_buf(),
                image: None,
            });
        }
        let tmpfs_err = String::from_utf8_lossy(&tmpfs.stderr).trim().to_string();
        let image = dir.with_extension("img");
        let steps: [(&str, Vec<String>); 3] = [
            (
                "dd",
                vec![
                    "if=/dev/zero".into(),
                    format!("of={}", image.display()),
                    "bs=1M".into(),
                    format!("count={mib}"),
                ],
            ),
            ("mkfs.ext4", vec!["-q".into(), "-F".into(), image.display().to_string()]),
            (
                "mount",
                vec![
                    "-o".into(),
                    "loop".into(),
                    image.display().to_string(),
                    dir.display().to_string(),
                ],
            ),
        ];
        for (prog, args) in steps {
            let out = Command::new(prog)
                .args(&args)
                .output()
                .map_err(|e| format!("tmpfs: {tmpfs_err}; running {prog}: {e}"))?;
            if !out.status.success() {
                let _ = std::fs::remove_file(&image);
                return Err(format!(
                    "cannot make a small filesystem: mount -t tmpfs said {tmpfs_err:?}; {prog} said {:?}",
                    String::from_utf8_lossy(&out.stderr).trim()
                ));
            }
        }
        Ok(Volume {
            dir: dir.to_path_buf(),
            image: Some(image),
        })
    }
}

impl Drop for Volume {
    fn drop(&mut self) {
        let _ = Command::new("umount").arg(&self.dir).status();
        if let Some(image) = &self.image {
            let _ = std::fs::remove_file(image);
        }
    }
}

// See: a full disk was reported as "adding a document: An index writer was killed", without
// the cause; the worker's own error is now fetched and ENOSPC named as such.
#[test]
fn a_full_disk_fails_clearly_keeps_the_last_commit_and_recovers() {
    // 16 MiB, of which a filler file made first takes 12: about 4 MiB left for the index.
    let mount_point = scratch().join("disk-full");
    let volume = Volume::mount(&mount_point, 16).unwrap_or_else(|e| {
        panic!("the disk-full test needs a small filesystem (run as root, or with CAP_SYS_ADMIN): {e}")
    });
    let filler = volume.dir.join("filler.bin");
    std::fs::write(&filler, vec![0x5a_u8; 12 << 20]).expect("write the filler file");
    let index = volume.dir.join("index");
    let idx = index.display().to_string();

    let small = scratch().join("disk-full-small.jsonl");
    let doc = |i: usize| {
        serde_json::json!({"id": format!("small-{i}"), "title": format!("关于磐石演练第{i}次的通知"),
            "body": "磐石演练正文。", "kind": "notice", "date": "2020-01-02"})
        .to_string()
    };
    std::fs::write(&small, (0..3).map(doc).collect::<Vec<_>>().join("\n")).expect("write");
    let (code, _, err) = run(&["index", "-q", "--index", &idx, &small.display().to_string()]);
    assert_eq!(code, 0, "the small corpus fits: {err}");
    assert_eq!(document_count(&index), 3);

    // 300 documents, about 5.5 MB of text: they do not fit.
    let big = corpus_prefix("disk-full-big.jsonl", 300);
    let big_arg = big.display().to_string();
    let (code, out, err) = run(&["index", "-q", "--index", &idx, &big_arg]);
    assert_ne!(code, 0, "indexing onto a full disk must fail:\n{out}\n{err}");
    assert!(
        err.contains("disk full") && err.contains("no space left"),
        "the error must say the disk is full: {err}"
    );
    assert!(!err.contains("panicked"), "{err}");
    eprintln!("disk full: {}", err.lines().last().unwrap_or_default());

    // The last commit is still there and searchable.
    assert_eq!(document_count(&index), 3, "the last commit stays");
    assert_verifies(&index);
    let (code, out, err) = run(&["search", "--json", "--index", &idx, "磐石演练"]);
    assert_eq!(code, 0, "{err}");
    let v: serde_json::Value = serde_json::from_str(&out).expect("search json");
    assert_eq!(v["total"].as_u64(), Some(3), "{out}");

    // Space freed: the same command succeeds and reaches everything.
    std::fs::remove_file(&filler).expect("remove the filler");
    let (code, out, err) = run(&["index", "-q", "--json", "--index", &idx, &big_arg]);
    assert_eq!(code, 0, "indexing after space was freed: {err}");
    let s: serde_json::Value = serde_json::from_str(&out).expect("summary json");
    assert_eq!(s["indexed"].as_u64(), Some(300), "{s}");
    assert_eq!(document_count(&index), 303);
    assert_verifies(&index);
    drop(volume);
}

fn copy_dir(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).expect("mkdir");
    for entry in std::fs::read_dir(from).expect("read_dir") {
        let entry = entry.expect("entry");
        let target = to.join(entry.file_name());
        if entry.file_type().expect("file type").is_dir() {
            copy_dir(&entry.path(), &target);
        } else {
            std::fs::copy(entry.path(), &target).expect("copy");
        }
    }
}

/// The published meta.json of index `half` (`public`, `restricted`): from the folder's
/// commit file once one was published, else the index's own.
fn published_meta(index: &Path, half: &str) -> serde_json::Value {
    let commit = index.join(gongwen_schema::commit::COMMIT_FILE);
    let text = match std::fs::read_to_string(&commit) {
        Ok(c) => {
            let c: serde_json::Value = serde_json::from_str(&c).expect("commit json");
            c[half].as_str().expect("meta text").to_string()
        }
        Err(_) => std::fs::read_to_string(index.join(half).join("meta.json")).expect("meta.json"),
    };
    serde_json::from_str(&text).expect("meta json")
}

/// The segment files of either index that its published commit does not name.
fn unnamed_files(index: &Path) -> Vec<String> {
    let mut out = Vec::new();
    for half in [
        gongwen_schema::layout::PUBLIC_DIR,
        gongwen_schema::layout::RESTRICTED_DIR,
    ] {
        let meta = published_meta(index, half);
        let named: Vec<(String, Option<u64>)> = meta["segments"]
            .as_array()
            .expect("segments")
            .iter()
            .map(|s| {
                (
                    s["segment_id"].as_str().expect("segment_id").replace('-', ""),
                    s["deletes"]["opstamp"].as_u64(),
                )
            })
            .collect();
        for e in std::fs::read_dir(index.join(half)).expect("read_dir") {
            let name = e.expect("entry").file_name().to_string_lossy().into_owned();
            let Some((stem, rest)) = name.split_once('.') else {
                continue;
            };
            if stem.len() != 32 {
                continue;
            }
            let kept = named.iter().any(|(id, del)| {
                id == stem
                    && match rest.strip_suffix(".del") {
                        Some(stamp) => del.is_some_and(|d| stamp == d.to_string()),
                        None => true,
                    }
            });
            if !kept {
                out.push(format!("{half}/{name}"));
            }
        }
    }
    out
}

/// Segments of the public index, from its published meta.json.
fn public_segments(index: &Path) -> Vec<String> {
    let v = published_meta(index, gongwen_schema::layout::PUBLIC_DIR);
    v["segments"]
        .as_array()
        .expect("segments")
        .iter()
        .map(|s| s["segment_id"].as_str().expect("segment_id").replace('-', ""))
        .collect()
}

/// The segments whose files are in the public folder.
fn public_segment_files(index: &Path) -> std::collections::BTreeSet<String> {
    std::fs::read_dir(index.join(gongwen_schema::layout::PUBLIC_DIR))
        .expect("read_dir")
        .map(|e| e.expect("entry").file_name().to_string_lossy().into_owned())
        .filter_map(|name| name.split_once('.').map(|(stem, _)| stem.to_string()))
        .filter(|stem| stem.len() == 32)
        .collect()
}

fn optimize_command(index: &Path) -> Command {
    let mut cmd = Command::new(bin());
    cmd.args(["optimize", "--index"])
        .arg(index)
        .env("RUST_LOG", "warn")
        .stdout(Stdio::null())
        .stderr(Stdio::null());
    cmd
}

#[test]
fn optimize_killed_at_random_moments_keeps_the_index() {
    let points = if long_tests() { 30 } else { 6 };
    let input = corpus_prefix("optimize-800.jsonl", 800);
    let root = scratch().join("crash-optimize");
    let _ = std::fs::remove_dir_all(&root);
    std::fs::create_dir_all(&root).expect("mkdir");

    // An index in several segments (three commits, too few segments for tantivy to merge).
    let base = root.join("base");
    let status = index_command(&base, &input, 300).status().expect("index");
    assert!(status.success(), "index failed: {status}");
    let total = document_count(&base);
    let before = public_segments(&base);
    assert!(before.len() > 1, "one segment already: nothing to merge");

    // A clean merge, timed: the kill moments are spread over it.
    let clean = root.join("clean");
    copy_dir(&base, &clean);
    let start = Instant::now();
    assert!(optimize_command(&clean).status().expect("optimize").success());
    let took = start.elapsed();
    assert_eq!(public_segments(&clean).len(), 1);
    assert_eq!(document_count(&clean), total);

    let span = (took.as_millis() as u64).max(50);
    let mut random = Random(0x6f70_7469_6d69);
    let mut killed = 0;
    for point in 0..points {
        let slice = span / points as u64;
        let delay = Duration::from_millis(slice * point as u64 + random.below(slice.max(1)));
        let index = root.join(format!("kill-{point}"));
        copy_dir(&base, &index);
        let mut child = optimize_command(&index).spawn().expect("spawn optimize");
        killed += usize::from(kill_at(&mut child, delay));
        // Either the segments as they were or the merged one; every document, every hash.
        let segments = public_segments(&index);
        assert!(
            segments == before || segments.len() == 1,
            "point {point}: {} segments after the kill",
            segments.len()
        );
        assert_eq!(document_count(&index), total, "point {point}");
        assert_verifies(&index);
        // The next run finishes the job and leaves only the merged segment's files.
        assert!(optimize_command(&index).status().expect("optimize again").success());
        let merged = public_segments(&index);
        assert_eq!(merged.len(), 1, "point {point}");
        assert_eq!(
            public_segment_files(&index),
            merged.into_iter().collect(),
            "point {point}: files of other segments left"
        );
        assert_eq!(document_count(&index), total, "point {point}");
        let _ = std::fs::remove_dir_all(&index);
    }
    eprintln!(
        "crash: optimize of {total} documents in {} segments took {:.2} s; {killed} of {points} runs killed",
        before.len(),
        took.as_secs_f64()
    );
    assert!(killed > 0, "no run was killed before it finished");
}

#[test]
fn sigterm_stops_reading_and_commits_what_was_read() {
    // See (left open by the sixteenth session): SIGTERM or Ctrl-C killed `index` silently. It
    // now commits what it read, says so, exits 2, and the same command finishes the job.
    let lines = 3000;
    let input = corpus_prefix(&format!("crash-{lines}.jsonl"), lines);
    let index = scratch().join("sigterm");
    let _ = std::fs::remove_dir_all(&index);
    let mut cmd = index_command(&index, &input, 300);
    cmd.stdout(Stdio::piped());
    let mut child = cmd.spawn().expect("spawn index");
    let stdout = child.stdout.take().expect("stdout");
    let printed = std::thread::spawn(move || std::io::read_to_string(stdout).expect("read stdout"));
    let obs = observe(child.stderr.take().expect("stderr"));
    // At the first commit (300 of 3,000 documents read), stop it.
    let deadline = Instant::now() + Duration::from_secs(120);
    while obs.commits.lock().expect("lock").is_empty() {
        assert!(Instant::now() < deadline, "no commit within two minutes");
        assert!(
            child.try_wait().expect("try_wait").is_none(),
            "ended before its first commit"
        );
        std::thread::sleep(Duration::from_millis(2));
    }
    let pid = child.id().to_string();
    let sent = Command::new("kill").args(["-TERM", &pid]).status().expect("run kill");
    assert!(sent.success(), "kill -TERM {pid}");
    let status = child.wait().expect("wait");
    obs.reader.join().expect("log reader");
    let summary: serde_json::Value =
        serde_json::from_str(&printed.join().expect("stdout reader")).expect("summary json");
    assert_eq!(status.code(), Some(2), "an interrupted run is not done: {summary}");
    assert_eq!(summary["interrupted"], true, "{summary}");
    let indexed = summary["indexed"].as_u64().expect("indexed");
    assert!(
        (300..lines as u64).contains(&indexed),
        "stopped after {indexed} of {lines}"
    );
    assert_eq!(
        document_count(&index),
        indexed,
        "what the summary says was indexed is committed"
    );
    assert_verifies(&index);

    // The same command again: the committed documents skipped, the rest read.
    let again = crate::harness::index_summary(&index, &input);
    assert_eq!(again["skipped"].as_u64(), Some(indexed), "{again}");
    assert_eq!(again["interrupted"], false, "{again}");
    assert_eq!(document_count(&index), lines as u64);
}
