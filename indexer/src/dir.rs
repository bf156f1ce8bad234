//! The index folder: two tantivy indexes and a version file.

use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::Arc;

use gongwen_schema::commit::{Pair, PairedDirectory};
use gongwen_schema::{analyzer, Disclosure, Fields, SCHEMA_VERSION};
use tantivy::directory::error::OpenDirectoryError;
use tantivy::directory::MmapDirectory;
use tantivy::{Directory, Index, IndexWriter};

use crate::IndexError;

/// The least memory tantivy lets a writer thread have, in bytes.
pub(crate) const MIN_WRITER_BUDGET: usize = 15 << 20;

/// Which of the two indexes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Visibility {
    /// 主动公开 documents: the only ones the public API opens.
    Public,
    /// Everything else (依申请公开, 不予公开): opened only by the staff endpoints.
    Restricted,
}

impl Visibility {
    /// The index a document with this disclosure belongs in.
    pub fn of(d: Disclosure) -> Visibility {
        match d {
            Disclosure::Public => Visibility::Public,
            Disclosure::OnRequest | Disclosure::NotPublic => Visibility::Restricted,
        }
    }

    /// Its place in arrays of both indexes' things: public 0, restricted 1.
    pub(crate) fn slot(self) -> usize {
        match self {
            Visibility::Public => 0,
            Visibility::Restricted => 1,
        }
    }

    pub(crate) fn folder(self) -> &'static str {
        match self {
            Visibility::Public => PUBLIC_DIR,
            Visibility::Restricted => RESTRICTED_DIR,
        }
    }
}

/// An opened index folder.
#[derive(Clone)]
pub struct IndexDir {
    path: PathBuf,
    public: Index,
    restricted: Index,
    fields: Fields,
    /// Bytes of text each index's bigram tokenizer has been given (public, restricted).
    fed: [Arc<AtomicU64>; 2],
    /// The commit both indexes share (`gongwen_schema::commit`).
    pair: Arc<Pair>,
}

use gongwen_schema::layout::{Layout, LAYOUT_FILE, PUBLIC_DIR, RESTRICTED_DIR};

/// Opens the files of one of the two tantivy indexes of a folder (a folder that exists):
/// how the index reads them. [`mmap_files`] unless the caller brings its own.
pub type OpenFiles = fn(&Path) -> Result<Box<dyn Directory>, OpenDirectoryError>;

/// tantivy's own memory-mapped directory.
pub fn mmap_files(path: &Path) -> Result<Box<dyn Directory>, OpenDirectoryError> {
    Ok(Box::new(MmapDirectory::open(path)?))
}

impl IndexDir {
    /// Open an existing index folder, or create one where nothing exists yet. An existing
    /// folder that is not a gongwen index, or of another version, is an error: never wiped.
    pub fn open_or_create(path: &Path) -> Result<IndexDir, IndexError> {
        IndexDir::open_or_create_with(path, mmap_files)
    }

    /// [`IndexDir::open_or_create`], the index reading its files through `files`.
    pub fn open_or_create_with(path: &Path, files: OpenFiles) -> Result<IndexDir, IndexError> {
        remove_stale_builds(path);
        let layout = path.join(LAYOUT_FILE);
        if layout.exists() {
            return IndexDir::open_with(path, files);
        }
        let io = |source| IndexError::Io {
            path: path.to_path_buf(),
            source,
        };
        if path.exists() && std::fs::read_dir(path).map_err(io)?.next().is_some() {
            return Err(IndexError::NotAnIndex {
                path: path.to_path_buf(),
                reason: format!("the folder is not empty and has no {LAYOUT_FILE}"),
            });
        }
        // Build the whole folder under a temporary name beside it, then rename it into place:
        // a process killed half-way leaves only a `.…creating-PID` folder, never a half-made
        // index at `path` that later runs would refuse. An existing empty folder is replaced.
        let name = path
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_else(|| "index".into());
        let parent = match path.parent() {
            Some(p) if !p.as_os_str().is_empty() => p.to_path_buf(),
            _ => std::path::PathBuf::from("."),
        };
        std::fs::create_dir_all(&parent).map_err(|source| IndexError::Io {
            path: parent.clone(),
            source,
        })?;
        // Unique to this call: the process id, and a count for threads of one process.
        static CALLS: AtomicU64 = AtomicU64::new(0);
        let call = CALLS.fetch_add(1, Ordering::Relaxed);
        let tmp = parent.join(format!(".{name}.creating-{}-{call}", std::process::id()));
        let result = create_at(&tmp);
        if let Err(e) = result {
            let _ = std::fs::remove_dir_all(&tmp);
            return Err(e);
        }
        // Another process may create the index at the same moment: whoever renames first
        // wins, and the other opens what it made (its writer lock then decides who indexes).
        let someone_else_made_it = |tmp: &Path| {
            let made = path.join(LAYOUT_FILE).exists();
            if made {
                let _ = std::fs::remove_dir_all(tmp);
            }
            made
        };
        if path.exists() {
            // Checked empty above; remove_dir refuses a folder that is not.
            if let Err(source) = std::fs::remove_dir(path) {
                if someone_else_made_it(&tmp) {
                    return IndexDir::open_with(path, files);
                }
                return Err(IndexError::Io {
                    path: path.to_path_buf(),
                    source,
                });
            }
        }
        if let Err(source) = std::fs::rename(&tmp, path) {
            if someone_else_made_it(&tmp) {
                return IndexDir::open_with(path, files);
            }
            let _ = std::fs::remove_dir_all(&tmp);
            return Err(IndexError::Io {
                path: path.to_path_buf(),
                source,
            });
        }
        std::fs::File::open(&parent)
            .and_then(|d| d.sync_all())
            .map_err(|source| IndexError::Io { path: parent, source })?;
        IndexDir::open_with(path, files)
    }

    /// Open an existing index folder.
    pub fn open(path: &Path) -> Result<IndexDir, IndexError> {
        IndexDir::open_with(path, mmap_files)
    }

    /// [`IndexDir::open`], the index reading its files through `files`.
    pub fn open_with(path: &Path, files: OpenFiles) -> Result<IndexDir, IndexError> {
        let text = std::fs::read_to_string(path.join(LAYOUT_FILE)).map_err(|e| IndexError::NotAnIndex {
            path: path.to_path_buf(),
            reason: format!("cannot read {LAYOUT_FILE}: {e}"),
        })?;
        let layout: Layout = serde_json::from_str(&text).map_err(|e| IndexError::NotAnIndex {
            path: path.to_path_buf(),
            reason: format!("{LAYOUT_FILE}: {e}"),
        })?;
        if layout.schema_version != SCHEMA_VERSION {
            return Err(IndexError::Version {
                path: path.to_path_buf(),
                found: layout.schema_version,
                expected: SCHEMA_VERSION,
            });
        }
        let fed: [Arc<AtomicU64>; 2] = Default::default();
        let pair = Pair::new(path);
        let open = |v: Visibility| -> Result<Index, IndexError> {
            let p = path.join(v.folder());
            let dir = files(&p).map_err(|e| IndexError::NotAnIndex {
                path: p.clone(),
                reason: e.to_string(),
            })?;
            let dir = PairedDirectory::new(dir, v.folder(), pair.clone());
            let index = Index::open(dir).map_err(IndexError::engine(format!("opening {}", p.display())))?;
            analyzer::register_counting(&index, fed[v.slot()].clone());
            Ok(index)
        };
        let public = open(Visibility::Public)?;
        let restricted = open(Visibility::Restricted)?;
        let fields = Fields::from_schema(&public.schema())?;
        Fields::from_schema(&restricted.schema())?;
        Ok(IndexDir {
            path: path.to_path_buf(),
            public,
            restricted,
            fields,
            fed,
            pair,
        })
    }

    /// Publish what both indexes' writers have committed as one commit of the folder, and
    /// remove the files no commit needs any more (`gongwen_schema::commit`). Until then,
    /// readers in other processes see the folder's previous commit; this process's own
    /// readers see what its writers committed.
    pub(crate) fn publish(&self) -> Result<(), IndexError> {
        self.pair.publish().map_err(|source| {
            // A full disk says what to do, as at every other step. See (QA crash pass, sixteenth
            // session): here it said only "No space left on device".
            if crate::is_disk_full(&source) {
                IndexError::DiskFull {
                    context: format!("writing {}", gongwen_schema::commit::COMMIT_FILE),
                    source: tantivy::TantivyError::from(source),
                }
            } else {
                IndexError::Io {
                    path: self.path.join(gongwen_schema::commit::COMMIT_FILE),
                    source,
                }
            }
        })
    }

    /// Remove what a stopped or failed run left in both indexes, with the folder's writer lock
    /// held: tantivy's collection of the files each of `writers` no longer needs (a run's
    /// segments never published, a failed merge's output), then the files no published commit
    /// names.
    pub(crate) fn remove_leftovers(&self, writers: &[&IndexWriter]) {
        for w in writers {
            if let Err(e) = w.garbage_collect_files().wait() {
                tracing::debug!(error = %e, "collecting files no commit needs");
            }
        }
        self.pair.sweep_published();
    }

    /// Bytes of text the writers of index `v` have taken up so far (titles and bodies, as
    /// their bigram tokenizer is given them): what was sent to a writer and is not counted
    /// here yet still waits in its queue.
    pub fn fed_bytes(&self, v: Visibility) -> u64 {
        self.fed[v.slot()].load(Ordering::Relaxed)
    }

    /// The folder.
    pub fn path(&self) -> &Path {
        &self.path
    }

    /// One of the two tantivy indexes.
    pub fn tantivy(&self, v: Visibility) -> &Index {
        match v {
            Visibility::Public => &self.public,
            Visibility::Restricted => &self.restricted,
        }
    }

    /// Take the folder's writer lock (`.gongwen-writer.lock` at its top), held until the
    /// returned lock is dropped. A run that writes the folder holds it from before it opens
    /// its writers until after its last publish: between one index's writer closing and the
    /// publish, another process's writer would otherwise collect files this run staged and
    /// is about to publish. Held by another process: [`IndexError::Locked`].
    pub(crate) fn lock_writers(&self) -> Result<tantivy::directory::DirectoryLock, IndexError> {
        let root = MmapDirectory::open(&self.path).map_err(|e| IndexError::NotAnIndex {
            path: self.path.clone(),
            reason: e.to_string(),
        })?;
        let lock = tantivy::directory::Lock {
            filepath: PathBuf::from(".gongwen-writer.lock"),
            is_blocking: false,
        };
        root.acquire_lock(&lock).map_err(|e| match e {
            tantivy::directory::error::LockError::LockBusy => IndexError::Locked {
                path: self.path.clone(),
            },
            tantivy::directory::error::LockError::IoError(source) => IndexError::Io {
                path: self.path.join(".gongwen-writer.lock"),
                source: std::io::Error::other(source.to_string()),
            },
        })
    }

    /// Take the writer lock of index `v` and open its writer: `threads` indexing threads
    /// sharing `budget` bytes, at least [`MIN_WRITER_BUDGET`] each (tantivy's floor). A
    /// lock held by another writer is [`IndexError::Locked`].
    pub(crate) fn writer(&self, v: Visibility, threads: usize, budget: usize) -> Result<IndexWriter, IndexError> {
        self.tantivy(v)
            .writer_with_num_threads(threads, budget.max(MIN_WRITER_BUDGET * threads))
            .map_err(|e| match e {
                tantivy::TantivyError::LockFailure(..) => IndexError::Locked {
                    path: self.path.clone(),
                },
                e => IndexError::Engine {
                    context: format!("opening the writer of {}", self.path.display()),
                    source: e,
                },
            })
    }

    /// The field handles.
    pub fn fields(&self) -> &Fields {
        &self.fields
    }

    /// Bytes on disk under the folder.
    pub fn size_on_disk(&self) -> u64 {
        fn walk(p: &Path) -> u64 {
            let Ok(rd) = std::fs::read_dir(p) else { return 0 };
            rd.flatten()
                .map(|e| match e.metadata() {
                    Ok(m) if m.is_dir() => walk(&e.path()),
                    Ok(m) => m.len(),
                    Err(_) => 0,
                })
                .sum()
        }
        walk(&self.path)
    }
}

/// Remove the folders that processes now gone were building beside `path` (`.NAME.creating-PID-N`
/// of [`IndexDir::open_or_create`], `.NAME.sample-PID` of `gongwen serve`'s first start): a
/// process killed while it built one leaves it. Only where a process's liveness can be told
/// (`/proc`); a folder of a process still running is left alone.
pub fn remove_stale_builds(path: &Path) {
    let proc_fs = Path::new("/proc/self");
    let (Some(name), true) = (path.file_name().and_then(|n| n.to_str()), proc_fs.exists()) else {
        return;
    };
    let parent = match path.parent() {
        Some(p) if !p.as_os_str().is_empty() => p.to_path_buf(),
        _ => PathBuf::from("."),
    };
    let Ok(entries) = std::fs::read_dir(&parent) else {
        return;
    };
    for entry in entries.flatten() {
        let file = entry.file_name();
        // `.NAME.creating-PID-…`, `.NAME.sample-PID`, and the folder in which the sample
        // was being created, `..NAME.sample-PID.creating-PID-…` (a server stopped in its first
        // moments left those: see QA robustness pass, fourteenth session).
        let Some(rest) = file.to_str().and_then(|f| {
            f.strip_prefix(&format!("..{name}."))
                .filter(|r| r.starts_with("sample-"))
                .or_else(|| f.strip_prefix(&format!(".{name}.")))
        }) else {
            continue;
        };
        let Some(pid) = rest
            .strip_prefix("creating-")
            .or_else(|| rest.strip_prefix("sample-"))
            .and_then(|p| p.split(['-', '.']).next())
            .filter(|p| !p.is_empty() && p.bytes().all(|b| b.is_ascii_digit()))
        else {
            continue;
        };
        if !Path::new("/proc").join(pid).exists() {
            tracing::info!(folder = %entry.path().display(), "removing what a stopped process was building");
            let _ = std::fs::remove_dir_all(entry.path());
        }
    }
}

/// Create both indexes and the layout file in `root` (a fresh folder).
fn create_at(root: &Path) -> Result<(), IndexError> {
    let fields = Fields::new();
    for v in [Visibility::Public, Visibility::Restricted] {
        let p = root.join(v.folder());
        std::fs::create_dir_all(&p).map_err(|source| IndexError::Io {
            path: p.clone(),
            source,
        })?;
        let dir = MmapDirectory::open(&p).map_err(|e| IndexError::NotAnIndex {
            path: p.clone(),
            reason: e.to_string(),
        })?;
        Index::create(dir, fields.schema.clone(), index_settings())
            .map_err(IndexError::engine(format!("creating {}", p.display())))?;
    }
    // The layout file is written last: a folder without it was never completely created.
    let layout = root.join(LAYOUT_FILE);
    let text = serde_json::to_string_pretty(&Layout {
        format: "gongwen".into(),
        schema_version: SCHEMA_VERSION,
    })
    .unwrap_or_default();
    write_synced(&layout, text.as_bytes()).map_err(|source| IndexError::Io {
        path: layout.clone(),
        source,
    })
}

fn write_synced(path: &Path, bytes: &[u8]) -> std::io::Result<()> {
    use std::io::Write;
    let tmp = path.with_extension("json.tmp");
    let mut f = std::fs::File::create(&tmp)?;
    f.write_all(bytes)?;
    f.sync_all()?;
    std::fs::rename(&tmp, path)?;
    if let Some(parent) = path.parent() {
        std::fs::File::open(parent)?.sync_all()?;
    }
    Ok(())
}

/// Stored fields (the record and its body, most of an index's bytes) are compressed with zstd
/// in 32 KiB blocks: about half the size of tantivy's default LZ4 in 16 KiB blocks, for a
/// few tens of microseconds more to load a hit.
fn index_settings() -> tantivy::IndexSettings {
    tantivy::IndexSettings {
        docstore_compression: tantivy::store::Compressor::Zstd(tantivy::store::ZstdCompressor {
            compression_level: Some(3),
        }),
        docstore_blocksize: 32 * 1024,
        ..tantivy::IndexSettings::default()
    }
}

#[cfg(all(test, target_os = "linux"))]
mod stale_builds {
    use super::*;

    // See (QA crash campaign): `.NAME.creating-PID-N` folders of processes killed while they
    // created an index were never removed.
    #[test]
    fn folders_of_processes_gone_are_removed() {
        let tmp = tempfile::tempdir().expect("tempdir");
        // Beyond Linux's largest process id: no such process.
        let gone = [".idx.creating-4194400-0", ".idx.sample-4194400"];
        let alive = format!(".idx.creating-{}-7", std::process::id());
        for f in gone
            .iter()
            .copied()
            .chain([alive.as_str(), ".other.creating-4194400-0"])
        {
            std::fs::create_dir_all(tmp.path().join(f).join("public")).expect("mkdir");
        }
        IndexDir::open_or_create(&tmp.path().join("idx")).expect("create");
        for f in gone {
            assert!(!tmp.path().join(f).exists(), "{f} left");
        }
        assert!(
            tmp.path().join(&alive).exists(),
            "a running process's folder was removed"
        );
        assert!(
            tmp.path().join(".other.creating-4194400-0").exists(),
            "another index's folder was removed"
        );
    }

    // The folder's writer lock (held by index and optimize until their last publish) keeps a
    // second writer out, and is free again once dropped.
    #[test]
    fn the_folder_lock_keeps_a_second_writer_out() {
        let tmp = tempfile::tempdir().expect("tempdir");
        let dir = IndexDir::open_or_create(&tmp.path().join("idx")).expect("create");
        let held = dir.lock_writers().expect("the first takes it");
        assert!(matches!(dir.lock_writers(), Err(IndexError::Locked { .. })));
        assert!(matches!(crate::optimize(&dir), Err(IndexError::Locked { .. })));
        drop(held);
        dir.lock_writers().expect("free again");
    }
}
