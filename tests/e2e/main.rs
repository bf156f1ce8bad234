//! End-to-end tests across crates: real documents in, a real tantivy index on disk, the real
//! `gongwen` binary serving HTTP on loopback, a real headless browser.
//!
//! Modules by area; each says what belongs in it. Shared set-up lives in `harness`.

mod harness;

/// The web page in headless Chromium.
mod browser;

/// The CLI as a user runs it: docnum, index, search, lookup, stats, verify.
mod cli;
/// Crash safety and full disks: `gongwen index` killed with SIGKILL at random moments, and
/// indexing onto a small filesystem made by the test.
mod crash;
/// The bad input matrix: broken, truncated, mis-encoded, binary, empty and huge files, each
/// indexed correctly or rejected precisely, in bounded memory.
mod encoding;
/// Found and checked: citations, check, status, gazette, catalog.
mod found;
/// The JSON API over a real socket: shapes, status codes, errors, limits.
mod http;
/// Path traversal, loopback binding, the staff token: nothing outside the index is served.
mod leaks;
/// Concurrency, shutdown and start: a second writer, serving during indexing, SIGTERM,
/// index folders that must not be opened (never wiped).
mod lifecycle;
/// Concurrent clients while a re-index commits: errors, freshness, p99 (long form behind
/// `GONGWEN_LONG_TESTS=1`).
mod load;
/// Personal numbers are masked in every public answer; `--pii keep|mask|reject`.
mod pii;
/// Relevance on query sets built from the real corpus (numbers, titles, fragments).
mod relevance;
/// Restricted documents never reach a public response, counts included.
mod visibility;
