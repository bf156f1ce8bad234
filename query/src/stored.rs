//! Stored documents read for a page of hits without decoding what a hit does not show.
//!
//! tantivy's `Searcher::doc` turns every stored value into an owned `String`: it copies the
//! whole body out of the decompressed block and validates all of its UTF-8, which was a
//! quarter of a search's time (`cargo bench --bench query`, BENCHMARKS.md). A hit shows its
//! metadata (a small JSON record) and a window of about 120 characters of its body, so
//! [`RawDoc`] walks tantivy's binary form of the document (a VInt count, then per value its
//! field as a little-endian `u32`, a type code and, for text, a VInt length and the bytes)
//! and lends slices of the cached block; the caller validates the parts it uses.
//! [`Stores`] keeps one `StoreReader` (with its cache of decompressed blocks) per segment.

use std::io;
use std::ops::Range;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::Arc;

use tantivy::directory::OwnedBytes;
use tantivy::schema::Field;
use tantivy::store::StoreReader;
use tantivy::{DocId, SegmentReader};

use crate::segments::SegmentMap;

/// tantivy's type code of a text value in the document store (`type_codes::TEXT_CODE`,
/// private to tantivy; the test below reads every document both ways).
const TEXT_CODE: u8 = 0;

/// Decompressed store blocks cached by all the segments of an index together. A block holds
/// about 32 KiB of documents (a long document is a block of its own), so this is about
/// 64 MiB of decompressed text at most. Loading the hits of a page is most of a query's time
/// when their blocks must be decompressed again.
///
/// Each segment gets a share in proportion to its documents: a fixed number of blocks per
/// segment (500 until schema 6) made an index cut into two segments (one writer thread)
/// slower to query than one cut into four (mixed p50 0.16 against 0.12 ms in `cargo bench
/// --bench query`), and an index of many segments held far more than it needs.
pub const CACHE_BLOCKS: usize = 2_048;

/// The fewest blocks a segment's store caches, however small its share.
const MIN_SEGMENT_BLOCKS: usize = 8;

/// A store reader per live segment, each caching its share of the index's budget of blocks
/// ([`CACHE_BLOCKS`] unless configured). Kept up to date by tantivy's warming like
/// [`crate::segments::PerSegment`]; a segment's share is set when it is first opened, from
/// the documents of the newest searcher warmed.
pub struct Stores {
    readers: SegmentMap<StoreReader>,
    /// Documents (deleted included) of the segments of the newest searcher warmed.
    total_docs: AtomicU64,
    /// Blocks cached by all segments together.
    budget: usize,
}

impl Stores {
    /// The store reader of `seg`, opened now if warming has not opened it yet.
    pub fn of(&self, seg: &SegmentReader) -> tantivy::Result<Arc<StoreReader>> {
        self.readers.get_or_build(seg, |seg| {
            let blocks = share(self.budget, seg.max_doc(), self.total_docs.load(Ordering::Relaxed));
            Ok(seg.get_store_reader(blocks)?)
        })
    }
}

/// Blocks for a segment of `docs` documents in an index of `total`: its share of `budget`,
/// at least [`MIN_SEGMENT_BLOCKS`], and no more than its documents (a block holds one or
/// more; tantivy sizes the cache's table up front).
fn share(budget: usize, docs: u32, total: u64) -> usize {
    let total = total.max(u64::from(docs)).max(1);
    let blocks = (budget as u128 * u128::from(docs) / u128::from(total)) as usize;
    blocks.min(docs as usize).max(MIN_SEGMENT_BLOCKS)
}

impl tantivy::Warmer for Stores {
    fn warm(&self, searcher: &tantivy::Searcher) -> tantivy::Result<()> {
        let total: u64 = searcher.segment_readers().iter().map(|s| u64::from(s.max_doc())).sum();
        self.total_docs.store(total, Ordering::Relaxed);
        for seg in searcher.segment_readers() {
            self.of(seg)?;
        }
        Ok(())
    }

    fn garbage_collect(&self, live: &[&tantivy::SearcherGeneration]) {
        self.readers.retain_live(live);
    }
}

/// [`Stores`] whose segments share `budget` blocks ([`CACHE_BLOCKS`] by default).
pub fn stores(budget: usize) -> Stores {
    Stores {
        readers: SegmentMap::default(),
        total_docs: AtomicU64::new(0),
        budget,
    }
}

/// One stored document, its values borrowed from the store's decompressed block.
pub struct RawDoc {
    bytes: OwnedBytes,
    /// Each text value: its field and its byte range in `bytes`.
    values: Vec<(Field, Range<usize>)>,
}

impl RawDoc {
    /// Document `doc` of the segment whose store is `store`.
    pub fn read(store: &StoreReader, doc: DocId) -> tantivy::Result<RawDoc> {
        Ok(RawDoc::parse(store.get_document_bytes(doc)?)?)
    }

    /// The values of a document's stored bytes. Every value must be text (the only stored
    /// type of gongwen's schema).
    pub fn parse(bytes: OwnedBytes) -> io::Result<RawDoc> {
        let invalid = |why: String| io::Error::new(io::ErrorKind::InvalidData, why);
        let mut rest: &[u8] = bytes.as_slice();
        let count = vint(&mut rest)?;
        let mut values = Vec::new();
        for _ in 0..count {
            let field = Field::from_field_id(u32::from_le_bytes(take(&mut rest)?));
            let [code] = take(&mut rest)?;
            if code != TEXT_CODE {
                return Err(invalid(format!(
                    "stored value of field {} has type code {code}; only text is stored",
                    field.field_id()
                )));
            }
            let len = usize::try_from(vint(&mut rest)?).unwrap_or(usize::MAX);
            if len > rest.len() {
                return Err(invalid(format!("stored text of {len} bytes, {} left", rest.len())));
            }
            let start = bytes.len() - rest.len();
            values.push((field, start..start + len));
            rest = &rest[len..];
        }
        Ok(RawDoc { bytes, values })
    }

    /// The bytes of the first value of `field`, not validated.
    pub fn bytes(&self, field: Field) -> Option<&[u8]> {
        let (_, r) = self.values.iter().find(|(f, _)| *f == field)?;
        Some(&self.bytes.as_slice()[r.clone()])
    }
}

fn truncated() -> io::Error {
    io::Error::new(io::ErrorKind::UnexpectedEof, "stored document cut short")
}

/// The next `N` bytes.
fn take<const N: usize>(rest: &mut &[u8]) -> io::Result<[u8; N]> {
    let (head, tail) = rest.split_first_chunk::<N>().ok_or_else(truncated)?;
    *rest = tail;
    Ok(*head)
}

/// tantivy's VInt: seven bits a byte, least significant first, the last byte marked by its
/// high bit. Read here rather than with `tantivy_common::VInt`, whose shift overflows (a
/// panic in debug builds) on more than ten bytes without the mark: damaged bytes must give an
/// error.
fn vint(rest: &mut &[u8]) -> io::Result<u64> {
    let mut value = 0u64;
    for (i, &b) in rest.iter().enumerate().take(10) {
        value |= u64::from(b & 0x7f) << (7 * i);
        if b & 0x80 != 0 {
            *rest = &rest[i + 1..];
            return Ok(value);
        }
    }
    Err(if rest.len() < 10 {
        truncated()
    } else {
        io::Error::new(io::ErrorKind::InvalidData, "stored length of more than ten bytes")
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;
    use tantivy::schema::{Schema, Value, STORED, STRING, TEXT};
    use tantivy::{doc, Index, TantivyDocument};

    #[test]
    fn segments_share_the_cache_by_their_documents() {
        // Two halves of an index get half the budget each, as four quarters get a quarter:
        // however the writer cut the index, it caches as much.
        assert_eq!(share(2_048, 4_000, 8_000), 1_024);
        assert_eq!(4 * share(2_048, 2_000, 8_000), 2 * share(2_048, 4_000, 8_000));
        // One segment has it all; a tiny one has the floor.
        assert_eq!(share(2_048, 8_000, 8_000), 2_048);
        assert_eq!(share(2_048, 3, 8_000), MIN_SEGMENT_BLOCKS);
        // A segment opened before any searcher was warmed (total unknown) is the index.
        assert_eq!(share(2_048, 5_000, 0), 2_048);
        // Never more blocks than documents, whatever the budget (no overflow either).
        assert_eq!(share(usize::MAX, 5_000, 10_000), 5_000);
        assert_eq!(
            share(usize::MAX / 2, u32::MAX, u64::from(u32::MAX) * 2),
            u32::MAX as usize
        );
    }

    /// Every stored value read raw equals what tantivy's own deserialiser gives, on texts of
    /// every length class (the VInt length takes one to three bytes), empty ones, several
    /// values of a field, and non-ASCII text; the store is zstd-compressed as gongwen's.
    #[test]
    fn agrees_with_tantivy() -> tantivy::Result<()> {
        let mut b = Schema::builder();
        let id = b.add_text_field("id", STRING | STORED);
        let body = b.add_text_field("body", TEXT | STORED);
        let meta = b.add_text_field("meta", STORED);
        let schema = b.build();
        let dir = tempfile::tempdir().map_err(|e| tantivy::TantivyError::SystemError(e.to_string()))?;
        let index = Index::builder()
            .schema(schema)
            .settings(tantivy::IndexSettings {
                docstore_compression: tantivy::store::Compressor::Zstd(Default::default()),
                docstore_blocksize: 32 * 1024,
                ..Default::default()
            })
            .create_in_dir(dir.path())?;
        let mut w = index.writer_with_num_threads(1, 15_000_000)?;
        let texts: Vec<String> = [0usize, 1, 127, 128, 16_383, 16_384, 70_000]
            .iter()
            .map(|n| "政务公开a\u{1f600}".chars().cycle().take(*n).collect())
            .collect();
        for (i, t) in texts.iter().enumerate() {
            w.add_document(doc!(id => format!("d{i}"), body => t.clone(), meta => format!("{{\"n\":{i}}}")))?;
        }
        w.add_document(doc!(id => "two", body => "一", body => "二"))?;
        w.commit()?;
        let searcher = index.reader()?.searcher();
        let mut seen = 0;
        for seg in searcher.segment_readers() {
            let store = seg.get_store_reader(1)?;
            for d in 0..seg.max_doc() {
                let raw = RawDoc::read(&store, d)?;
                let full: TantivyDocument = store.get(d)?;
                for field in [id, body, meta] {
                    let want = full.get_first(field).and_then(|v| v.as_str());
                    assert_eq!(raw.bytes(field), want.map(str::as_bytes));
                }
                seen += 1;
            }
        }
        assert_eq!(seen, texts.len() + 1);
        Ok(())
    }

    /// Found by the proptest below in CI: eleven bytes without the end mark made
    /// `tantivy_common::VInt` shift past 64 bits (a panic in debug builds).
    #[test]
    fn a_length_without_its_end_mark_is_an_error() {
        assert!(RawDoc::parse(OwnedBytes::new(vec![0u8; 11])).is_err());
        assert!(RawDoc::parse(OwnedBytes::new(vec![0x7fu8; 3])).is_err());
        let mut rest: &[u8] = &[0x85, 0x01, 0x81, 0xff];
        assert_eq!((vint(&mut rest).ok(), vint(&mut rest).ok()), (Some(5), Some(129)));
        assert_eq!(rest, [0xff]);
    }

    proptest! {
        /// Damaged bytes give an error or some values, never a panic or a range outside the
        /// document.
        #[test]
        fn damaged_bytes_never_panic(bytes in prop_oneof![
            proptest::collection::vec(any::<u8>(), 0..64),
            // Runs of bytes without the end mark, as a damaged length has.
            proptest::collection::vec(0u8..0x80, 0..64),
        ]) {
            let len = bytes.len();
            if let Ok(raw) = RawDoc::parse(OwnedBytes::new(bytes)) {
                for (_, r) in &raw.values {
                    prop_assert!(r.end <= len);
                }
            }
        }
    }
}
