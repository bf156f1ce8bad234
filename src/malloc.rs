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
//! Anyone who sets `MALLOC_MMAP_THRESHOLD_`, `MALLOC_TRIM_THRESHOLD_` or `GLIBC_TUNABLES`
//! keeps their own settings.

/// Blocks of at least this many bytes are mapped on their own.
pub const MMAP_THRESHOLD: i32 = 1 << 20;
/// Free memory at the top of a heap past which it is given back.
pub const TRIM_THRESHOLD: i32 = 8 << 20;

const USER_SETTINGS: [&str; 3] = ["MALLOC_MMAP_THRESHOLD_", "MALLOC_TRIM_THRESHOLD_", "GLIBC_TUNABLES"];

/// Apply [`MMAP_THRESHOLD`] and [`TRIM_THRESHOLD`], unless the environment sets the
/// allocator up itself. Call it before the indexing threads start. Returns whether the
/// settings were applied.
#[cfg(all(target_os = "linux", target_env = "gnu"))]
#[allow(unsafe_code)]
pub fn tune_for_indexing() -> bool {
    if USER_SETTINGS.iter().any(|v| std::env::var_os(v).is_some()) {
        return false;
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
    ok
}

/// Other allocators are left as they are.
#[cfg(not(all(target_os = "linux", target_env = "gnu")))]
pub fn tune_for_indexing() -> bool {
    false
}

#[cfg(all(test, target_os = "linux", target_env = "gnu"))]
mod tests {
    use super::*;

    #[test]
    fn glibc_takes_the_settings() {
        // The test runner's environment may set the allocator up; then nothing is applied.
        let user = USER_SETTINGS.iter().any(|v| std::env::var_os(v).is_some());
        assert_eq!(tune_for_indexing(), !user);
    }
}
