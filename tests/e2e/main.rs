//! End-to-end tests across crates: real documents in, a real tantivy index on disk, the real
//! `gongwen` binary serving HTTP on loopback, a real headless browser.
//!
//! Modules by area; each says what belongs in it. Shared set-up lives in `harness`.

mod harness;

/// The web page in headless Chromium.
mod browser;

/// The CLI as a user runs it: docnum, index, search, lookup, stats, verify.
mod cli;
/// Found and checked: citations, check, status, gazette, catalog.
mod found;
/// The JSON API over a real socket: shapes, status codes, errors, limits.
mod http;
/// Relevance on query sets built from the real corpus (numbers, titles, fragments).
mod relevance;
/// Restricted documents never reach a public response, counts included.
mod visibility;
