//! Every bound on the cost of a request, in one place.

use std::time::Duration;

/// Limits of a request. The defaults are documented constants; `gongwen serve` can change
/// them from its configuration.
#[derive(Debug, Clone, serde::Serialize)]
pub struct Limits {
    /// Longest query string, in characters. Longer ones are refused with 400.
    pub max_query_chars: usize,
    /// Most terms (words, phrases, numbers, exclusions) a query may have. Extra terms are
    /// refused with 400.
    pub max_terms: usize,
    /// Largest page (`limit`).
    pub max_limit: usize,
    /// Deepest result window: `offset + limit` may not exceed it.
    pub max_window: usize,
    /// Time a search may take before the server answers 503.
    pub timeout: Duration,
    /// Largest request body accepted, in bytes.
    pub max_body_bytes: usize,
    /// Longest document-number text in `/api/docnum/{number}` and `/api/check`, in characters.
    pub max_number_chars: usize,
}

/// Default [`Limits::max_query_chars`].
pub const MAX_QUERY_CHARS: usize = 512;
/// Default [`Limits::max_terms`].
pub const MAX_TERMS: usize = 64;
/// Default [`Limits::max_limit`].
pub const MAX_LIMIT: usize = 100;
/// Default [`Limits::max_window`].
pub const MAX_WINDOW: usize = 1_000;
/// Default [`Limits::timeout`].
pub const TIMEOUT: Duration = Duration::from_secs(5);
/// Default [`Limits::max_body_bytes`].
pub const MAX_BODY_BYTES: usize = 64 * 1024;
/// Default [`Limits::max_number_chars`].
pub const MAX_NUMBER_CHARS: usize = 100;

impl Default for Limits {
    fn default() -> Self {
        Limits {
            max_query_chars: MAX_QUERY_CHARS,
            max_terms: MAX_TERMS,
            max_limit: MAX_LIMIT,
            max_window: MAX_WINDOW,
            timeout: TIMEOUT,
            max_body_bytes: MAX_BODY_BYTES,
            max_number_chars: MAX_NUMBER_CHARS,
        }
    }
}
