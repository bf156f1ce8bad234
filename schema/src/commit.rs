//! One commit for both indexes of a folder.
//!
//! tantivy commits an index by replacing its `meta.json`. A folder holds two indexes
//! (`public/`, `restricted/`), and a run that stopped between their two commits (a kill, a
//! full disk) used to leave a state that was never committed: a document that moved from
//! public to restricted gone from both, half of a deletion applied. Here the two indexes'
//! `meta.json` are not written to their folders: a writer's [`PairedDirectory`] keeps each
//! one in memory ("staged"), and [`Pair::publish`] writes both into one file at the folder's
//! top, [`COMMIT_FILE`], replaced atomically (written aside, synced, renamed, the folder
//! synced). Every reader of either index reads its `meta.json` from there, so it sees both
//! halves of a commit or neither.
//!
//! Files the published commit names must outlive it until the next publish: tantivy deletes a
//! segment's files as soon as its own (staged) `meta.json` drops them, while the published
//! one may still name them. So [`PairedDirectory`] answers tantivy's delete of such a file
//! without deleting it (other files go at once), and each publish removes the segment files
//! that the new commit does not name and that tantivy no longer manages (`.managed.json`: a
//! file is registered there before it is created, so one being written is never taken).
//! What a run stopped before (or just after) its publish left goes at the next run's start
//! (tantivy's collection and the same sweep, the writer locks held), or when tantivy writes the
//! same name again (a run restarting from the same commit numbers its deletes the same way).
//!
//! A folder written before this file existed has no [`COMMIT_FILE`]: its indexes' own
//! `meta.json` are read until the first publish. Each publish also copies each index's
//! `meta.json` into its folder, for readers of before (never read back once the commit file
//! exists).

use std::collections::HashSet;
use std::io::{self, Write};
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex, PoisonError, Weak};
use std::time::{Duration, SystemTime};

use tantivy::directory::error::{DeleteError, LockError, OpenReadError, OpenWriteError};
use tantivy::directory::{
    DirectoryLock, FileHandle, Lock, OwnedBytes, WatchCallback, WatchCallbackList, WatchHandle, WritePtr,
};
use tantivy::Directory;
use tracing::debug;

use crate::layout::{PUBLIC_DIR, RESTRICTED_DIR};

/// The file at a folder's top holding both indexes' `meta.json`.
pub const COMMIT_FILE: &str = "commit.json";

/// The two indexes' folders, in the order of their slots.
const FOLDERS: [&str; 2] = [PUBLIC_DIR, RESTRICTED_DIR];

/// The slot of an index's folder name ([`PUBLIC_DIR`] or [`RESTRICTED_DIR`]).
fn slot(folder: &str) -> usize {
    usize::from(folder != PUBLIC_DIR)
}

const META: &str = "meta.json";

/// How often a reader looks for a new commit (tantivy's own watcher polls `meta.json` every
/// 500 ms).
const POLL: Duration = Duration::from_millis(500);

/// The commit state shared by the two indexes of one opened folder.
pub struct Pair {
    root: PathBuf,
    /// `meta.json` of each index (public, restricted) written by tantivy and not published.
    staged: Mutex<[Option<Vec<u8>>; 2]>,
    watchers: WatchCallbackList,
    poller: Mutex<bool>,
}

/// What [`COMMIT_FILE`] holds.
#[derive(serde::Serialize, serde::Deserialize)]
struct Committed {
    public: String,
    restricted: String,
}

impl Committed {
    fn side(&self, slot: usize) -> &str {
        if slot == 0 {
            &self.public
        } else {
            &self.restricted
        }
    }
}

impl Pair {
    /// The commit state of the index folder `root`.
    pub fn new(root: &Path) -> Arc<Pair> {
        Arc::new(Pair {
            root: root.to_path_buf(),
            staged: Mutex::new([None, None]),
            watchers: WatchCallbackList::default(),
            poller: Mutex::new(false),
        })
    }

    fn commit_path(&self) -> PathBuf {
        self.root.join(COMMIT_FILE)
    }

    /// The published commit, if any (`None` for a folder that never published one).
    fn committed(&self) -> io::Result<Option<Committed>> {
        match std::fs::read(self.commit_path()) {
            Ok(bytes) => serde_json::from_slice(&bytes)
                .map(Some)
                .map_err(|e| io::Error::new(io::ErrorKind::InvalidData, format!("{COMMIT_FILE}: {e}"))),
            Err(e) if e.kind() == io::ErrorKind::NotFound => Ok(None),
            Err(e) => Err(e),
        }
    }

    /// The `meta.json` of the index in `slot` as a reader of the folder sees it: staged in this process,
    /// else published, else (a folder of before) the index's own file.
    fn meta(&self, slot: usize) -> io::Result<Option<Vec<u8>>> {
        if let Some(staged) = &self.staged.lock().unwrap_or_else(PoisonError::into_inner)[slot] {
            return Ok(Some(staged.clone()));
        }
        self.published_meta(slot)
    }

    fn published_meta(&self, slot: usize) -> io::Result<Option<Vec<u8>>> {
        if let Some(c) = self.committed()? {
            return Ok(Some(c.side(slot).as_bytes().to_vec()));
        }
        match std::fs::read(self.root.join(FOLDERS[slot]).join(META)) {
            Ok(b) => Ok(Some(b)),
            Err(e) if e.kind() == io::ErrorKind::NotFound => Ok(None),
            Err(e) => Err(e),
        }
    }

    /// Publish what both indexes have committed (see the module's notes), then remove the
    /// files no commit needs any more. Call it when both writers have committed: a staged
    /// `meta.json` is always a commit of its index (tantivy writes it at a commit, or after a
    /// merge, which keeps the documents), so both halves are of the same commit.
    ///
    /// Nothing staged, nothing written.
    pub fn publish(&self) -> io::Result<()> {
        let committed = {
            let mut staged = self.staged.lock().unwrap_or_else(PoisonError::into_inner);
            if staged.iter().all(Option::is_none) {
                return Ok(());
            }
            let text = |slot: usize, staged: &Option<Vec<u8>>| -> io::Result<String> {
                let bytes = match staged {
                    Some(b) => b.clone(),
                    None => self.published_meta(slot)?.ok_or_else(|| {
                        io::Error::new(io::ErrorKind::NotFound, format!("{}: no {META}", FOLDERS[slot]))
                    })?,
                };
                String::from_utf8(bytes).map_err(|e| io::Error::new(io::ErrorKind::InvalidData, e))
            };
            let committed = Committed {
                public: text(0, &staged[0])?,
                restricted: text(1, &staged[1])?,
            };
            let bytes = serde_json::to_vec(&committed).map_err(io::Error::other)?;
            write_atomically(&self.root, &self.commit_path(), &bytes)?;
            *staged = [None, None];
            // A copy in each index's own folder, for readers of before this file (a server of
            // the previous release during an upgrade): never read back here.
            for (slot, name) in FOLDERS.iter().enumerate() {
                let folder = self.root.join(name);
                write_atomically(&folder, &folder.join(META), committed.side(slot).as_bytes())?;
            }
            committed
        };
        for slot in 0..2 {
            self.sweep(slot, committed.side(slot));
        }
        Ok(())
    }

    /// Remove the files of both indexes that the published commit does not need (after a
    /// failed merge, say): what [`Pair::publish`] does after publishing.
    pub fn sweep_published(&self) {
        for slot in 0..2 {
            if let Ok(Some(meta)) = self.published_meta(slot) {
                self.sweep(slot, &String::from_utf8_lossy(&meta));
            }
        }
    }

    /// Remove the segment files of index `v` that neither the published `meta` names nor
    /// tantivy manages. Errors only leave a file behind for the next sweep.
    fn sweep(&self, slot: usize, meta: &str) {
        let folder = self.root.join(FOLDERS[slot]);
        let Ok(entries) = std::fs::read_dir(&folder) else {
            return;
        };
        // Listed before `.managed.json` is read: a file that is listed was registered there
        // before it was created.
        let names: Vec<String> = entries
            .flatten()
            .filter_map(|e| e.file_name().into_string().ok())
            .filter(|n| is_segment_file(n))
            .collect();
        let managed: HashSet<String> = std::fs::read(folder.join(".managed.json"))
            .ok()
            .and_then(|b| serde_json::from_slice::<Vec<String>>(&b).ok())
            .map(|v| v.into_iter().collect())
            .unwrap_or_default();
        let Some(named) = named_files(meta) else {
            return;
        };
        for name in names {
            if managed.contains(&name) || named.keeps(&name) {
                continue;
            }
            match std::fs::remove_file(folder.join(&name)) {
                Ok(()) => debug!(file = %name, index = FOLDERS[slot], "removed a file no commit needs"),
                Err(e) => debug!(file = %name, error = %e, "could not remove a file no commit needs"),
            }
        }
    }

    fn start_poller(self: &Arc<Pair>) {
        let mut started = self.poller.lock().unwrap_or_else(PoisonError::into_inner);
        if *started {
            return;
        }
        *started = true;
        let weak: Weak<Pair> = Arc::downgrade(self);
        let path = self.commit_path();
        let spawned = std::thread::Builder::new()
            .name("gongwen-commit-watch".into())
            .spawn(move || {
                // Each publish renames a new file into place: its inode changes even when its
                // time and length would not tell.
                let stamp = |p: &Path| -> Option<(SystemTime, u64, u64)> {
                    let m = std::fs::metadata(p).ok()?;
                    #[cfg(unix)]
                    let inode = std::os::unix::fs::MetadataExt::ino(&m);
                    #[cfg(not(unix))]
                    let inode = 0;
                    Some((m.modified().ok()?, m.len(), inode))
                };
                let mut last = stamp(&path);
                loop {
                    std::thread::sleep(POLL);
                    let Some(pair) = weak.upgrade() else { return };
                    let now = stamp(&path);
                    if now != last {
                        last = now;
                        drop(pair.watchers.broadcast());
                    }
                }
            });
        if spawned.is_err() {
            *started = false;
        }
    }
}

/// The files a `meta.json` names: each segment's files, and of its deletes only the
/// current `.del` file.
struct Named {
    /// Segment id (32 hex digits) → the opstamp of its current deletes.
    segments: std::collections::HashMap<String, Option<u64>>,
}

impl Named {
    fn keeps(&self, name: &str) -> bool {
        let (id, rest) = name.split_at(32.min(name.len()));
        match self.segments.get(id) {
            None => false,
            Some(deletes) => match rest.strip_suffix(".del") {
                Some(stamp) => deletes.is_some_and(|o| stamp == format!(".{o}")),
                None => true,
            },
        }
    }
}

fn named_files(meta: &str) -> Option<Named> {
    let v: serde_json::Value = serde_json::from_str(meta).ok()?;
    let mut segments = std::collections::HashMap::new();
    for s in v.get("segments")?.as_array()? {
        let id: String = s.get("segment_id")?.as_str()?.chars().filter(|c| *c != '-').collect();
        let deletes = s
            .get("deletes")
            .and_then(|d| d.get("opstamp"))
            .and_then(serde_json::Value::as_u64);
        segments.insert(id.to_ascii_lowercase(), deletes);
    }
    Some(Named { segments })
}

/// A file of a segment: 32 hex digits, then its extension.
fn is_segment_file(name: &str) -> bool {
    name.len() > 33 && name.as_bytes()[32] == b'.' && name[..32].bytes().all(|b| b.is_ascii_hexdigit())
}

/// Write `path` so that it holds either its old bytes or `bytes`, durably.
fn write_atomically(folder: &Path, path: &Path, bytes: &[u8]) -> io::Result<()> {
    let tmp = path.with_extension("json.tmp");
    let mut f = std::fs::File::create(&tmp)?;
    f.write_all(bytes)?;
    f.sync_all()?;
    drop(f);
    std::fs::rename(&tmp, path)?;
    std::fs::File::open(folder)?.sync_all()
}

/// The directory of one index of a folder: its `meta.json` staged and published with the
/// other index's (see the module's notes), deletes deferred to the next publish, and
/// watches on the published commit. Everything else is `inner`'s.
#[derive(Clone)]
pub struct PairedDirectory {
    inner: Box<dyn Directory>,
    slot: usize,
    pair: Arc<Pair>,
}

impl std::fmt::Debug for PairedDirectory {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "PairedDirectory({:?}, {})", self.pair.root, FOLDERS[self.slot])
    }
}

impl PairedDirectory {
    /// The directory of the index in `folder` ([`PUBLIC_DIR`] or [`RESTRICTED_DIR`]) of the
    /// folder `pair` commits, reading and writing its files through `inner`.
    pub fn new(inner: Box<dyn Directory>, folder: &str, pair: Arc<Pair>) -> PairedDirectory {
        PairedDirectory {
            inner,
            slot: slot(folder),
            pair,
        }
    }

    fn is_meta(path: &Path) -> bool {
        path == Path::new(META)
    }

    /// Whether the published commit names the file `path` (true when it cannot be read: a
    /// file is then kept).
    fn published_names(&self, path: &Path) -> bool {
        let named = self
            .pair
            .published_meta(self.slot)
            .ok()
            .flatten()
            .and_then(|m| named_files(&String::from_utf8_lossy(&m)));
        let name = path.file_name().and_then(|n| n.to_str()).unwrap_or_default();
        named.is_none_or(|n| n.keeps(name))
    }
}

impl Directory for PairedDirectory {
    fn get_file_handle(&self, path: &Path) -> Result<Arc<dyn FileHandle>, OpenReadError> {
        if Self::is_meta(path) {
            let bytes = self.atomic_read(path)?;
            return Ok(Arc::new(OwnedBytes::new(bytes)));
        }
        self.inner.get_file_handle(path)
    }

    fn delete(&self, path: &Path) -> Result<(), DeleteError> {
        // A file the published commit names waits for the next publish (see the module's
        // notes); any other (what a stopped run wrote, a merged-away segment of this run)
        // goes now.
        if self.published_names(path) {
            debug!(file = %path.display(), "delete deferred to the next publish");
            return Ok(());
        }
        self.inner.delete(path)
    }

    fn exists(&self, path: &Path) -> Result<bool, OpenReadError> {
        if Self::is_meta(path) {
            return self
                .pair
                .meta(self.slot)
                .map(|m| m.is_some())
                .map_err(|e| OpenReadError::wrap_io_error(e, path.to_path_buf()));
        }
        self.inner.exists(path)
    }

    fn open_write(&self, path: &Path) -> Result<WritePtr, OpenWriteError> {
        // tantivy never writes a file twice: one that is there already was written by a run
        // stopped before its publish (which started from the same commit, and so gave its
        // deletes the same name), and no commit names it.
        if self.inner.exists(path).unwrap_or(false) && !self.published_names(path) {
            debug!(file = %path.display(), "removing what a stopped run left");
            let _ = self.inner.delete(path);
        }
        self.inner.open_write(path)
    }

    fn atomic_read(&self, path: &Path) -> Result<Vec<u8>, OpenReadError> {
        if Self::is_meta(path) {
            return match self.pair.meta(self.slot) {
                Ok(Some(bytes)) => Ok(bytes),
                Ok(None) => Err(OpenReadError::FileDoesNotExist(path.to_path_buf())),
                Err(e) => Err(OpenReadError::wrap_io_error(e, path.to_path_buf())),
            };
        }
        self.inner.atomic_read(path)
    }

    fn atomic_write(&self, path: &Path, data: &[u8]) -> io::Result<()> {
        if Self::is_meta(path) {
            self.pair.staged.lock().unwrap_or_else(PoisonError::into_inner)[self.slot] = Some(data.to_vec());
            return Ok(());
        }
        self.inner.atomic_write(path, data)?;
        // tantivy writes through a temporary file, created readable by its owner only: an
        // index copied or shared for reading by other users could not be opened by them
        // (its `.managed.json` unreadable). Readable by all, as the segment files are.
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            let file = self.pair.root.join(FOLDERS[self.slot]).join(path);
            let _ = std::fs::set_permissions(file, std::fs::Permissions::from_mode(0o644));
        }
        Ok(())
    }

    fn sync_directory(&self) -> io::Result<()> {
        self.inner.sync_directory()
    }

    /// The writer's lock as tantivy takes it. The readers' lock (`.tantivy-meta.lock`, which
    /// keeps a reload's `meta.json` whole while a writer replaces it) is not needed here:
    /// `meta.json` is read from `commit.json`, replaced in one rename. So where it cannot be
    /// created (a read-only mount, a folder of another user), an index is still read. See
    /// (QA robustness pass): `stats`, `search`, `verify` and `serve` failed on a read-only
    /// copy of an index with "Failed to acquire Lockfile".
    fn acquire_lock(&self, lock: &Lock) -> Result<DirectoryLock, LockError> {
        match self.inner.acquire_lock(lock) {
            Err(LockError::IoError(e))
                if lock.filepath != Path::new(".tantivy-writer.lock")
                    && matches!(
                        e.kind(),
                        io::ErrorKind::PermissionDenied | io::ErrorKind::ReadOnlyFilesystem
                    ) =>
            {
                Ok(DirectoryLock::from(Box::new(())))
            }
            other => other,
        }
    }

    fn watch(&self, watch_callback: WatchCallback) -> tantivy::Result<WatchHandle> {
        let handle = self.pair.watchers.subscribe(watch_callback);
        self.pair.start_poller();
        Ok(handle)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use tantivy::directory::MmapDirectory;

    fn meta(segments: &[(&str, Option<u64>)]) -> String {
        let segs: Vec<serde_json::Value> = segments
            .iter()
            .map(|(id, del)| {
                serde_json::json!({
                    "segment_id": id,
                    "max_doc": 1,
                    "deletes": del.map(|o| serde_json::json!({"num_deleted_docs": 1, "opstamp": o})),
                })
            })
            .collect();
        serde_json::json!({ "segments": segs }).to_string()
    }

    #[test]
    fn a_commit_names_its_segments_files_and_their_current_deletes() {
        let id = "e1f0fda3-016e-436c-83d8-eab5186db504";
        let named = named_files(&meta(&[(id, Some(12))])).expect("meta");
        let stem = "e1f0fda3016e436c83d8eab5186db504";
        assert!(named.keeps(&format!("{stem}.idx")) && named.keeps(&format!("{stem}.store")));
        assert!(named.keeps(&format!("{stem}.12.del")));
        assert!(!named.keeps(&format!("{stem}.9.del")), "an older deletes file");
        assert!(!named.keeps("30cf4dd59902404f98682693efe9f9bc.idx"), "another segment");
        assert!(is_segment_file(&format!("{stem}.idx")));
        assert!(!is_segment_file("meta.json") && !is_segment_file(".managed.json"));
    }

    // Two processes' views: what one writer staged is seen by no other reader until it is
    // published, and then both halves at once.
    // See (QA robustness pass): `.managed.json` was written readable by its owner only
    // (tantivy writes through a temporary file), so another user could not open an index
    // whose every other file they could read.
    #[cfg(unix)]
    #[test]
    fn files_written_whole_are_readable_by_all() {
        use std::os::unix::fs::PermissionsExt;
        let tmp = tempfile::tempdir().expect("tempdir");
        let root = tmp.path();
        std::fs::create_dir_all(root.join(PUBLIC_DIR)).expect("mkdir");
        let pair = Pair::new(root);
        let dir = PairedDirectory::new(
            Box::new(MmapDirectory::open(root.join(PUBLIC_DIR)).expect("dir")),
            PUBLIC_DIR,
            pair,
        );
        dir.atomic_write(Path::new(".managed.json"), b"[]").expect("write");
        let mode = std::fs::metadata(root.join(PUBLIC_DIR).join(".managed.json"))
            .expect("written")
            .permissions()
            .mode();
        assert_eq!(mode & 0o777, 0o644);
    }

    #[test]
    fn staged_commits_are_seen_only_once_published_both_halves_at_once() {
        let tmp = tempfile::tempdir().expect("tempdir");
        let root = tmp.path();
        for f in FOLDERS {
            std::fs::create_dir_all(root.join(f)).expect("mkdir");
            std::fs::write(root.join(f).join(META), meta(&[])).expect("legacy meta");
        }
        let open = |pair: &Arc<Pair>, f: &str| {
            PairedDirectory::new(
                Box::new(MmapDirectory::open(root.join(f)).expect("dir")),
                f,
                pair.clone(),
            )
        };
        let writer = Pair::new(root);
        let reader = Pair::new(root);
        let (wp, wr) = (open(&writer, PUBLIC_DIR), open(&writer, RESTRICTED_DIR));
        let (rp, rr) = (open(&reader, PUBLIC_DIR), open(&reader, RESTRICTED_DIR));
        let read =
            |d: &PairedDirectory| String::from_utf8(d.atomic_read(Path::new(META)).expect("read")).expect("utf8");
        let p1 = meta(&[("e1f0fda3-016e-436c-83d8-eab5186db504", None)]);
        let r1 = meta(&[("30cf4dd5-9902-404f-9868-2693efe9f9bc", None)]);
        wp.atomic_write(Path::new(META), p1.as_bytes()).expect("stage");
        assert_eq!(read(&wp), p1, "the writer reads what it staged");
        assert_eq!(read(&rp), meta(&[]), "no other reader does");
        wr.atomic_write(Path::new(META), r1.as_bytes()).expect("stage");
        assert_eq!(read(&rr), meta(&[]));
        writer.publish().expect("publish");
        assert_eq!((read(&rp), read(&rr)), (p1.clone(), r1.clone()), "both halves at once");
        // The copies for readers of before.
        assert_eq!(
            std::fs::read_to_string(root.join(PUBLIC_DIR).join(META)).expect("copy"),
            p1
        );
        // A file the published commit names outlives tantivy's delete until the next publish;
        // another goes at once.
        let named = root.join(PUBLIC_DIR).join("e1f0fda3016e436c83d8eab5186db504.idx");
        let other = root.join(PUBLIC_DIR).join("aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa.idx");
        std::fs::write(&named, b"x").expect("write");
        std::fs::write(&other, b"x").expect("write");
        wp.delete(Path::new("e1f0fda3016e436c83d8eab5186db504.idx"))
            .expect("delete");
        wp.delete(Path::new("aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa.idx"))
            .expect("delete");
        assert!(named.exists() && !other.exists());
        wp.atomic_write(Path::new(META), meta(&[]).as_bytes()).expect("stage");
        writer.publish().expect("publish");
        assert!(!named.exists(), "swept once no commit names it");
    }
}
