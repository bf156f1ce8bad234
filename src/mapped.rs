//! Index files read through memory maps whose pages are given back while indexing runs.
//!
//! tantivy reads an index's files through memory maps. While `gongwen index` runs, its merges
//! read every segment they merge, and the id look-ups read the id field of every segment:
//! each page read stays mapped into the process, and counted in its resident memory, until
//! the segment is dropped. At ten times gov_docs that was 11 → 262 MiB of mapped file pages
//! (`RssFile`) on top of the heap, most of the peak, and it grew with the index.
//!
//! [`open`] gives the index a directory that maps each file itself and keeps a list of the
//! maps; [`release_pages`] drops the pages of every live map from the process
//! (`MADV_DONTNEED`). Nothing is lost: the maps are shared, read-only maps of files that
//! tantivy never changes once written, so the next read of a page faults the same bytes back
//! in from the page cache. The [`crate::malloc::Trimmer`] calls it every
//! [`crate::malloc::RELEASE_PERIOD`] while `index`, `optimize` and `verify` run (10x gov_docs:
//! peak VmHWM 477 → 264-274 MiB; 1M documents 1,243 → 285 MiB). Everything but reading
//! (writes, locks, deletes, `meta.json`) is tantivy's [`MmapDirectory`]'s.

use std::fs::File;
use std::io;
use std::ops::Range;
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex, PoisonError, Weak};

use tantivy::directory::error::{DeleteError, LockError, OpenDirectoryError, OpenReadError, OpenWriteError};
use tantivy::directory::{
    DirectoryLock, FileHandle, Lock, MmapDirectory, OwnedBytes, WatchCallback, WatchHandle, WritePtr,
};
use tantivy::{Directory, HasLen};

/// The directory of one tantivy index whose maps [`release_pages`] can empty: an
/// [`gongwen_indexer::OpenFiles`].
pub fn open(path: &Path) -> Result<Box<dyn Directory>, OpenDirectoryError> {
    Ok(Box::new(ReleasingDirectory {
        inner: MmapDirectory::open(path)?,
        root: path.to_path_buf(),
    }))
}

/// Drop the resident pages of every file mapped by an [`open`] directory that is still in
/// use; returns how many maps that was.
pub fn release_pages() -> usize {
    let live: Vec<Arc<MappedFile>> = {
        let mut maps = MAPS.lock().unwrap_or_else(PoisonError::into_inner);
        maps.retain(|m| m.strong_count() > 0);
        maps.iter().filter_map(Weak::upgrade).collect()
    };
    // Each `Arc` held here keeps its map in place while its pages are dropped.
    for m in &live {
        m.release();
    }
    live.len()
}

/// Tests that release pages, or count what is resident, run one at a time.
#[cfg(test)]
pub(crate) static RELEASES: Mutex<()> = Mutex::new(());

/// Every map handed out, as long as tantivy holds it.
static MAPS: Mutex<Vec<Weak<MappedFile>>> = Mutex::new(Vec::new());

fn register(file: &Arc<MappedFile>) {
    let mut maps = MAPS.lock().unwrap_or_else(PoisonError::into_inner);
    // Forget the dropped ones before the list would grow: it stays within twice the live maps.
    if maps.len() == maps.capacity() {
        maps.retain(|m| m.strong_count() > 0);
    }
    maps.push(Arc::downgrade(file));
}

#[derive(Debug, Clone)]
struct ReleasingDirectory {
    inner: MmapDirectory,
    root: PathBuf,
}

/// One file, mapped whole.
#[derive(Debug)]
struct MappedFile {
    bytes: OwnedBytes,
}

impl MappedFile {
    #[cfg(all(target_os = "linux", target_env = "gnu"))]
    #[allow(unsafe_code)]
    fn release(&self) {
        let bytes = self.bytes.as_slice();
        // SAFETY: `bytes` is the whole of a live map (`self` owns it; the caller holds
        // `self`), so the range is mapped and starts on a page. MADV_DONTNEED on a shared,
        // read-only file map only unmaps its pages from this process: every later read faults
        // the page back in from the file, and the file's bytes never change (tantivy writes a
        // file once, then only reads or deletes it). An error (none is expected) only leaves
        // the pages resident.
        unsafe {
            libc::madvise(bytes.as_ptr() as *mut libc::c_void, bytes.len(), libc::MADV_DONTNEED);
        }
    }

    #[cfg(not(all(target_os = "linux", target_env = "gnu")))]
    fn release(&self) {}
}

impl HasLen for MappedFile {
    fn len(&self) -> usize {
        self.bytes.len()
    }
}

impl FileHandle for MappedFile {
    fn read_bytes(&self, range: Range<usize>) -> io::Result<OwnedBytes> {
        Ok(self.bytes.slice(range))
    }
}

impl Directory for ReleasingDirectory {
    #[allow(unsafe_code)]
    fn get_file_handle(&self, path: &Path) -> Result<Arc<dyn FileHandle>, OpenReadError> {
        let failed = |e: io::Error| match e.kind() {
            io::ErrorKind::NotFound => OpenReadError::FileDoesNotExist(path.to_path_buf()),
            _ => OpenReadError::wrap_io_error(e, path.to_path_buf()),
        };
        let file = File::open(self.root.join(path)).map_err(failed)?;
        if file.metadata().map_err(failed)?.len() == 0 {
            // A map of nothing is an error; an empty file reads as no bytes.
            return Ok(Arc::new(OwnedBytes::empty()));
        }
        // SAFETY: the map is read-only and tantivy never writes to a file it reads (it writes
        // each file once, before any reader opens it, and replaces files by new names), so
        // the bytes under the map do not change while it lives: tantivy's own
        // `MmapDirectory` maps its files the same way.
        let map = unsafe { memmap2::Mmap::map(&file) }.map_err(failed)?;
        let mapped = Arc::new(MappedFile {
            bytes: OwnedBytes::new(map),
        });
        register(&mapped);
        Ok(mapped)
    }

    fn delete(&self, path: &Path) -> Result<(), DeleteError> {
        self.inner.delete(path)
    }

    fn exists(&self, path: &Path) -> Result<bool, OpenReadError> {
        self.inner.exists(path)
    }

    fn open_write(&self, path: &Path) -> Result<WritePtr, OpenWriteError> {
        self.inner.open_write(path)
    }

    fn atomic_read(&self, path: &Path) -> Result<Vec<u8>, OpenReadError> {
        self.inner.atomic_read(path)
    }

    fn atomic_write(&self, path: &Path, data: &[u8]) -> io::Result<()> {
        self.inner.atomic_write(path, data)
    }

    fn sync_directory(&self) -> io::Result<()> {
        self.inner.sync_directory()
    }

    fn acquire_lock(&self, lock: &Lock) -> Result<DirectoryLock, LockError> {
        self.inner.acquire_lock(lock)
    }

    fn watch(&self, watch_callback: WatchCallback) -> tantivy::Result<WatchHandle> {
        self.inner.watch(watch_callback)
    }
}

#[cfg(all(test, target_os = "linux", target_env = "gnu"))]
mod tests {
    use super::*;
    use tantivy::collector::TopDocs;
    use tantivy::query::TermQuery;
    use tantivy::schema::{IndexRecordOption, Schema, Value, STORED, STRING};
    use tantivy::{doc, Index, TantivyDocument, Term};

    /// Resident KiB of the map starting at `addr`, from /proc/self/smaps.
    fn resident_kib(addr: usize) -> u64 {
        let smaps = std::fs::read_to_string("/proc/self/smaps").expect("smaps");
        let mut lines = smaps.lines();
        while let Some(line) = lines.next() {
            let start = line.split('-').next().and_then(|a| usize::from_str_radix(a, 16).ok());
            if start == Some(addr) && line.contains(' ') {
                for l in lines.by_ref() {
                    if let Some(v) = l.strip_prefix("Rss:") {
                        return v.trim().trim_end_matches("kB").trim().parse().expect("a number");
                    }
                }
            }
        }
        panic!("no map at {addr:#x}");
    }

    #[test]
    fn released_pages_leave_the_process_and_read_back_the_same() {
        let _alone = RELEASES.lock().unwrap_or_else(PoisonError::into_inner);
        let dir = tempfile::tempdir().unwrap();
        let bytes: Vec<u8> = (0..4u32 << 20).map(|i| (i % 251) as u8).collect();
        std::fs::write(dir.path().join("f.bin"), &bytes).unwrap();
        let directory = open(dir.path()).unwrap();
        let handle = directory.get_file_handle(Path::new("f.bin")).unwrap();
        let read = handle.read_bytes(0..bytes.len()).unwrap();
        let addr = read.as_slice().as_ptr() as usize;
        assert_eq!(read.as_slice(), &bytes[..], "the map reads the file");
        assert!(resident_kib(addr) >= 4096, "every page read is resident");
        assert!(release_pages() >= 1);
        assert_eq!(resident_kib(addr), 0, "released pages leave the process");
        assert_eq!(read.as_slice(), &bytes[..], "and read back the same bytes");
        // The list does not keep a map alive once tantivy drops it (and every slice of it).
        let weak = Arc::downgrade(&handle);
        drop((read, handle));
        assert_eq!(weak.strong_count(), 0);
    }

    #[test]
    fn an_index_reads_the_same_through_released_maps() {
        let _alone = RELEASES.lock().unwrap_or_else(PoisonError::into_inner);
        let dir = tempfile::tempdir().unwrap();
        let mut b = Schema::builder();
        let id = b.add_text_field("id", STRING | STORED);
        let index = Index::create(open(dir.path()).unwrap(), b.build(), Default::default()).unwrap();
        let mut writer = index.writer_with_num_threads(1, 15 << 20).unwrap();
        for i in 0..1000 {
            writer.add_document(doc!(id => format!("doc-{i}"))).unwrap();
        }
        writer.commit().unwrap();
        let searcher = index.reader().unwrap().searcher();
        let find = |key: &str| -> Vec<String> {
            let q = TermQuery::new(Term::from_field_text(id, key), IndexRecordOption::Basic);
            let hits = searcher.search(&q, &TopDocs::with_limit(5).order_by_score()).unwrap();
            hits.iter()
                .map(|(_, a)| {
                    let d: TantivyDocument = searcher.doc(*a).unwrap();
                    d.get_first(id).and_then(|v| v.as_str()).unwrap_or_default().to_string()
                })
                .collect()
        };
        assert_eq!(find("doc-417"), ["doc-417"]);
        assert!(release_pages() >= 1, "the segment's files are mapped");
        assert_eq!(find("doc-417"), ["doc-417"]);
        assert_eq!(find("doc-999"), ["doc-999"]);
        assert!(find("doc-1000").is_empty());
        // A file that is not there is tantivy's "does not exist", which it relies on.
        let missing = index.directory().open_read(Path::new("nothing.here"));
        assert!(
            matches!(missing, Err(OpenReadError::FileDoesNotExist(_))),
            "{missing:?}"
        );
    }
}
