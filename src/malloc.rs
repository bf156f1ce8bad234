//! glibc's allocator, set up for indexing.
//!
//! tantivy's writer threads build each segment in 1 MiB arena pages and a hash table that
//! doubles as it grows, and free them all when the segment is written. glibc serves a
//! freed block of that size from the thread's heap from then on (its mmap threshold rises
//! to the largest block freed), and a thread heap only gives memory back from its top, so
//! what indexing held grew with every segment: peak heap (`RssAnon`) 220-227 MiB for
//! gov_docs on two cores and 358 MiB for ten times gov_docs. With blocks of 1 MiB and more
//! mapped on their own (returned whole when freed) and heaps trimmed past 8 MiB free at
//! their top: 199-205 and 273 MiB, in the same time (BENCHMARKS.md, "Allocator"). glibc's
//! own trim threshold of 128 KiB saves a little more (245-254 MiB at 10x) but costs 6-7% of
//! the time, in thousands of `madvise` calls and the page faults after them.
//!
//! What a heap frees below its top stays with the process all the same: at ten times gov_docs
//! the live allocations peak at ~140 MiB (heaptrack) while `RssAnon` peaked at 272-287 MiB,
//! the rest free chunks kept by the heaps of the writer, merge and compressor threads after
//! each segment. [`Trimmer`] gives them back once a second (`malloc_trim`, which walks every
//! heap): 272-287 → 230-239 MiB at 10x, 207-213 → 199-202 on gov_docs, in the same time; every
//! 200 ms saved no more and cost 5%. It also drops the pages of the index files mapped for
//! reading, every [`RELEASE_PERIOD`] ([`crate::mapped`]).
//!
//! Anyone who sets `MALLOC_MMAP_THRESHOLD_`, `MALLOC_TRIM_THRESHOLD_` or `GLIBC_TUNABLES`
//! keeps their own settings, and no heap trimming is done for them (the mapped pages are
//! still given back).

/// Blocks of at least this many bytes are mapped on their own.
pub const MMAP_THRESHOLD: i32 = 1 << 20;
/// Free memory at the top of a heap past which it is given back.
pub const TRIM_THRESHOLD: i32 = 8 << 20;

/// How often a [`Trimmer`] gives the heaps' free memory back.
pub const TRIM_PERIOD: std::time::Duration = std::time::Duration::from_secs(1);

/// How often a [`Trimmer`] drops the pages of mapped index files: a merge reads them at
/// up to ~100 MiB/s, so what is resident is about what it read in one period (10x gov_docs,
/// peak `RssFile`: every 1 s 108 MiB, 200 ms 72, 50 ms 29; no time measurable).
pub const RELEASE_PERIOD: std::time::Duration = std::time::Duration::from_millis(50);

const USER_SETTINGS: [&str; 3] = ["MALLOC_MMAP_THRESHOLD_", "MALLOC_TRIM_THRESHOLD_", "GLIBC_TUNABLES"];

fn user_settings() -> bool {
    USER_SETTINGS.iter().any(|v| std::env::var_os(v).is_some())
}

/// The allocator as [`tune_for_indexing`] left it: keep it for as long as the indexing runs.
#[derive(Debug)]
pub struct Tuning {
    /// Whether [`MMAP_THRESHOLD`] and [`TRIM_THRESHOLD`] were applied.
    pub applied: bool,
    /// Trims the heaps until dropped.
    pub trimmer: Option<Trimmer>,
}

impl Tuning {
    /// Stop trimming (the work is done) and log what was done.
    pub fn finish(self) {
        let trims = self.trimmer.map_or(0, Trimmer::stop);
        tracing::debug!(settings = self.applied, trims, "allocator set up for indexing");
    }
}

/// Apply [`MMAP_THRESHOLD`] and [`TRIM_THRESHOLD`] and start a [`Trimmer`], unless the
/// environment sets the allocator up itself. Call it before the indexing threads start.
#[cfg(all(target_os = "linux", target_env = "gnu"))]
#[allow(unsafe_code)]
pub fn tune_for_indexing() -> Tuning {
    if user_settings() {
        return Tuning {
            applied: false,
            trimmer: Trimmer::start(RELEASE_PERIOD, None),
        };
    }
    // SAFETY: mallopt only changes parameters of glibc's allocator, under its own lock; it
    // takes no pointer and leaves every allocation made before it valid.
    let ok = unsafe {
        libc::mallopt(libc::M_MMAP_THRESHOLD, MMAP_THRESHOLD) == 1
            && libc::mallopt(libc::M_TRIM_THRESHOLD, TRIM_THRESHOLD) == 1
    };
    if !ok {
        tracing::debug!("mallopt refused the indexing settings; glibc's defaults stay");
    }
    Tuning {
        applied: ok,
        trimmer: Trimmer::start(RELEASE_PERIOD, Some(TRIM_PERIOD)),
    }
}

/// Other allocators are left as they are.
#[cfg(not(all(target_os = "linux", target_env = "gnu")))]
pub fn tune_for_indexing() -> Tuning {
    Tuning {
        applied: false,
        trimmer: None,
    }
}

/// A thread that gives memory back to the system until the trimmer is dropped: the pages of
/// the index files mapped for reading, and the free memory of every heap if asked to.
#[derive(Debug)]
pub struct Trimmer {
    stop: Option<std::sync::mpsc::Sender<()>>,
    thread: Option<std::thread::JoinHandle<usize>>,
}

impl Trimmer {
    /// Drop mapped pages every `release`, and trim the heaps at most every `trim` (if
    /// `Some`); `None` if the thread cannot be started (nothing else changes).
    pub fn start(release: std::time::Duration, trim: Option<std::time::Duration>) -> Option<Trimmer> {
        let (stop, stopped) = std::sync::mpsc::channel::<()>();
        let thread = std::thread::Builder::new()
            .name("gw-malloc-trim".into())
            .spawn(move || {
                let mut trims = 0;
                let mut trimmed = std::time::Instant::now();
                // Ends when the sender is dropped (or sends).
                while let Err(std::sync::mpsc::RecvTimeoutError::Timeout) = stopped.recv_timeout(release) {
                    crate::mapped::release_pages();
                    if trim.is_some_and(|t| trimmed.elapsed() >= t) {
                        heap_trim();
                        trimmed = std::time::Instant::now();
                        trims += 1;
                    }
                }
                trims
            })
            .ok()?;
        Some(Trimmer {
            stop: Some(stop),
            thread: Some(thread),
        })
    }

    /// Stop; returns how many heap trims were made.
    pub fn stop(mut self) -> usize {
        self.finish()
    }

    fn finish(&mut self) -> usize {
        drop(self.stop.take());
        self.thread.take().and_then(|t| t.join().ok()).unwrap_or(0)
    }
}

impl Drop for Trimmer {
    fn drop(&mut self) {
        self.finish();
    }
}

/// Give the free memory of every heap back to the system.
#[cfg(all(target_os = "linux", target_env = "gnu"))]
#[allow(unsafe_code)]
fn heap_trim() {
    // SAFETY: malloc_trim takes no pointer; it releases free pages of glibc's heaps under
    // each heap's own lock and leaves every live allocation as it is.
    unsafe {
        libc::malloc_trim(0);
    }
}

#[cfg(not(all(target_os = "linux", target_env = "gnu")))]
fn heap_trim() {}

#[cfg(all(test, target_os = "linux", target_env = "gnu"))]
mod tests {
    use super::*;

    #[test]
    fn glibc_takes_the_settings() {
        let _alone = crate::mapped::RELEASES
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner);
        // The test runner's environment may set the allocator up; then nothing is applied
        // and nothing trims.
        let user = user_settings();
        let tuning = tune_for_indexing();
        assert_eq!(tuning.applied, !user);
        // Mapped index pages are given back whatever the allocator.
        assert!(tuning.trimmer.is_some());
    }

    #[test]
    fn the_trimmer_trims_until_stopped() {
        // It releases mapped pages too: not while a test counts them.
        let _alone = crate::mapped::RELEASES
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner);
        let five = std::time::Duration::from_millis(5);
        let trimmer = Trimmer::start(five, Some(five)).expect("a thread");
        std::thread::sleep(std::time::Duration::from_millis(100));
        let trims = trimmer.stop();
        assert!(trims >= 2, "{trims} trims in 100 ms at 5 ms");
        // Stopping returns at once, even with a long period: the thread waits on the channel.
        let hour = std::time::Duration::from_secs(3600);
        let slow = Trimmer::start(hour, Some(hour)).expect("a thread");
        let t = std::time::Instant::now();
        assert_eq!(slow.stop(), 0);
        assert!(t.elapsed() < std::time::Duration::from_secs(60));
    }
}
