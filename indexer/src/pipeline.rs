//! The pipeline: read → clean → analyse (rayon) → route by disclosure → upsert → commit.

use std::collections::HashMap;
use std::fmt;
use std::path::PathBuf;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Arc;
use std::time::{Duration, Instant};

use gongwen_corpus::{Pending, ReadError, ReadOptions};
use gongwen_schema::{Document, Fields, MAX_ID_BYTES};
use indicatif::{ProgressBar, ProgressStyle};
use rayon::prelude::*;
use tantivy::schema::IndexRecordOption;
use tantivy::{IndexWriter, ReloadPolicy, Searcher, TantivyDocument, Term, TERMINATED};
use tracing::{debug, info, warn};

use crate::dir::{IndexDir, Visibility, MIN_WRITER_BUDGET};
use crate::IndexError;

/// How a run indexes.
#[derive(Debug, Clone)]
pub struct IndexOptions {
    /// Memory budget of the public index writer, in bytes (split among its threads; at
    /// least 15 MB a thread).
    pub memory_budget: usize,
    /// Writer threads of the public index (0: one per core).
    pub threads: usize,
    /// Commit after this many documents written (and always at the end).
    pub commit_every: usize,
    /// Documents analysed together by rayon.
    pub batch: usize,
    /// Bytes of text (titles and bodies) sent to a writer and not yet taken up by its
    /// threads, at most: past it, sending waits. tantivy queues up to 10,000 documents
    /// whatever their size; without this bound that queue was most of the peak memory, and
    /// grew with the corpus (a small corpus never filled it).
    pub max_queued_bytes: u64,
    /// Stop at the first record that cannot be read.
    pub strict: bool,
    /// Show a progress bar (only drawn on a terminal).
    pub progress: bool,
    /// Reader options (default disclosure).
    pub read: ReadOptions,
    /// Set (by a signal handler) to stop reading: the documents read so far are committed
    /// and the summary says the run was interrupted.
    pub stop: Arc<AtomicBool>,
}

impl Default for IndexOptions {
    fn default() -> Self {
        IndexOptions {
            memory_budget: 96 << 20,
            threads: 0,
            commit_every: 10_000,
            batch: 256,
            max_queued_bytes: 24 << 20,
            strict: false,
            progress: true,
            read: ReadOptions::default(),
            stop: Arc::default(),
        }
    }
}

/// Bytes of text sent to one writer since a point where its queue was empty (a commit, or
/// the start), against what its threads had taken up at that point.
#[derive(Debug, Clone, Copy)]
struct Queue {
    sent: u64,
    fed_at_start: u64,
}

impl Queue {
    fn empty(fed_now: u64) -> Queue {
        Queue {
            sent: 0,
            fed_at_start: fed_now,
        }
    }

    /// Bytes sent and not yet taken up, given what the writer's tokenizer has taken so far.
    fn waiting(&self, fed_now: u64) -> u64 {
        self.sent.saturating_sub(fed_now.saturating_sub(self.fed_at_start))
    }
}

/// How long sending waits on a writer whose threads take nothing up (finishing a segment
/// can take a few seconds) before it sends anyway: the bound is on memory, never a stall.
const QUEUE_PATIENCE: Duration = Duration::from_secs(5);

/// Errors kept in a summary, at most.
const MAX_KEPT_ERRORS: usize = 1000;

/// A record that was not indexed.
#[derive(Debug, Clone, serde::Serialize)]
pub struct Rejected {
    /// The file.
    pub path: PathBuf,
    /// The line, when known.
    pub line: Option<u64>,
    /// Why.
    pub reason: String,
}

/// What a run did.
#[derive(Debug, Clone, Default, serde::Serialize)]
pub struct Summary {
    /// Files read.
    pub files: usize,
    /// New documents written.
    pub indexed: usize,
    /// Documents whose id was there with other content, replaced.
    pub updated: usize,
    /// Documents whose id and content hash were already there.
    pub skipped: usize,
    /// Records that could not be read.
    pub rejected: usize,
    /// Documents deleted by id.
    pub deleted: usize,
    /// Ids given to delete that the index does not hold.
    pub not_found: Vec<String>,
    /// Documents removed because their new record was refused for what it says of its
    /// disclosure (classified, or a disclosure not understood): an earlier version is never
    /// left served.
    pub withdrawn: usize,
    /// Records whose id an earlier record of this run already had: the later one replaced
    /// it (and is not counted as indexed or updated).
    pub repeated: usize,
    /// Documents written to the restricted index (part of indexed + updated + repeated).
    pub restricted: usize,
    /// Body bytes read.
    pub bytes: u64,
    /// Commits made.
    pub commits: usize,
    /// Most bytes of text waiting in a writer's queue at once (see
    /// [`IndexOptions::max_queued_bytes`]).
    pub queued_peak: u64,
    /// Wall time.
    #[serde(serialize_with = "secs")]
    pub elapsed: Duration,
    /// The first rejected records.
    pub errors: Vec<Rejected>,
    /// Personal numbers found in the documents read (masked unless the reader keeps them).
    pub pii: gongwen_schema::PiiCounts,
    /// The run was stopped ([`IndexOptions::stop`]) before it read everything: what it read
    /// is committed, the rest was not read.
    pub interrupted: bool,
}

fn secs<S: serde::Serializer>(d: &Duration, s: S) -> Result<S::Ok, S::Error> {
    s.serialize_f64(d.as_secs_f64())
}

impl fmt::Display for Summary {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let secs = self.elapsed.as_secs_f64().max(1e-9);
        let seen = self.indexed + self.updated + self.skipped;
        write!(
            f,
            "{} files: {} indexed, {} updated, {} skipped (unchanged), {} rejected, {} deleted; {} restricted; \
             {:.1} MB of text in {:.2} s ({:.0} docs/s, {:.1} MB/s), {} commits",
            self.files,
            self.indexed,
            self.updated,
            self.skipped,
            self.rejected,
            self.deleted,
            self.restricted,
            self.bytes as f64 / 1e6,
            secs,
            seen as f64 / secs,
            self.bytes as f64 / 1e6 / secs,
            self.commits
        )?;
        if self.interrupted {
            write!(
                f,
                "; interrupted: what was read is committed, the rest not read (the same command again reads it, and skips what is committed)"
            )?;
        }
        if !self.not_found.is_empty() {
            write!(
                f,
                "; {} ids to delete not found: {}",
                self.not_found.len(),
                self.not_found.join(", ")
            )?;
        }
        if self.repeated > 0 {
            write!(
                f,
                "; {} records repeated an id read before (the later one kept)",
                self.repeated
            )?;
        }
        if self.withdrawn > 0 {
            write!(
                f,
                "; {} documents withdrawn (their new record is refused: classified, of a disclosure not understood, or restricted and not readable)",
                self.withdrawn
            )?;
        }
        if !self.pii.is_zero() {
            let p = &self.pii;
            write!(
                f,
                "; personal numbers: {} identity, {} mobile, {} bank card",
                p.id_numbers, p.mobiles, p.bank_cards
            )?;
        }
        Ok(())
    }
}

/// One indexing session: holds both writers (and so the folder's writer locks) until dropped.
pub struct Indexer {
    dir: IndexDir,
    fields: Fields,
    writers: [IndexWriter; 2],
    searchers: [Searcher; 2],
    readers: [tantivy::IndexReader; 2],
    /// Documents written since the last commit: id → (index, hash).
    pending: HashMap<String, Previous>,
    /// Ids withdrawn since the last commit (see [`Indexer::withdraw`]).
    withdrawn: std::collections::HashSet<String>,
    /// What each writer (public, restricted) has been sent since the last commit.
    queue: [Queue; 2],
    since_commit: usize,
    opts: IndexOptions,
    summary: Summary,
    /// The folder's writer lock, held until after the last publish ([`IndexDir::lock_writers`]).
    folder_lock: tantivy::directory::DirectoryLock,
}

const BOTH: [Visibility; 2] = [Visibility::Public, Visibility::Restricted];

impl Indexer {
    /// Take the writer locks of both indexes in `dir`.
    pub fn new(dir: &IndexDir, mut opts: IndexOptions) -> Result<Indexer, IndexError> {
        // Commits are made between batches: a batch is never larger than the commit interval.
        opts.commit_every = opts.commit_every.max(1);
        opts.batch = opts.batch.clamp(1, opts.commit_every);
        let threads = if opts.threads == 0 {
            std::thread::available_parallelism().map_or(2, |n| n.get()).min(8)
        } else {
            opts.threads
        };
        let folder_lock = dir.lock_writers()?;
        let public = dir.writer(Visibility::Public, threads, opts.memory_budget)?;
        let restricted = dir.writer(Visibility::Restricted, 1, MIN_WRITER_BUDGET)?;
        // What a run stopped before or just after its publish left (its segments, a merge's
        // output, the files its publish had no time to remove) goes now, with the writer
        // locks held: a run that then has nothing to commit would otherwise keep them.
        dir.remove_leftovers(&[&public, &restricted]);
        let reader = |v: Visibility| {
            dir.tantivy(v)
                .reader_builder()
                .reload_policy(ReloadPolicy::Manual)
                .try_into()
                .map_err(IndexError::engine("opening a reader"))
        };
        let readers: [tantivy::IndexReader; 2] = [reader(Visibility::Public)?, reader(Visibility::Restricted)?];
        let searchers = [readers[0].searcher(), readers[1].searcher()];
        Ok(Indexer {
            dir: dir.clone(),
            fields: dir.fields().clone(),
            writers: [public, restricted],
            searchers,
            readers,
            pending: HashMap::new(),
            withdrawn: std::collections::HashSet::new(),
            queue: [
                Queue::empty(dir.fed_bytes(Visibility::Public)),
                Queue::empty(dir.fed_bytes(Visibility::Restricted)),
            ],
            since_commit: 0,
            opts,
            summary: Summary::default(),
            folder_lock,
        })
    }

    /// Index every file under `paths` and commit. Returns what was done.
    pub fn index_paths(mut self, paths: &[PathBuf]) -> Result<Summary, IndexError> {
        let start = Instant::now();
        let files = gongwen_corpus::discover(paths)?;
        self.summary.files = files.len();
        let bar = self.progress_bar();
        'files: for file in &files {
            if self.stopped() {
                break;
            }
            tracing::debug!(file = %file.display(), "reading");
            let records = match gongwen_corpus::read_file_pending(file, &self.opts.read) {
                Ok(r) => r,
                Err(e) => {
                    self.reject(e)?;
                    continue;
                }
            };
            // Lines are read in order here; parsing and cleaning them (most of reading) runs
            // in parallel, a batch at a time, and errors are reported in file order.
            let mut pending: Vec<Pending> = Vec::with_capacity(self.opts.batch);
            for record in records {
                pending.push(record);
                // A batch ends at the commit interval too (`--commit-every 300` commits after
                // 300 documents, not after the second batch of 256).
                // (Not below 32 records: when records are skipped as unchanged, the interval
                // is not reached, and batches of one would lose the parallel reading.)
                let room = self.opts.commit_every.saturating_sub(self.since_commit);
                if pending.len() >= self.opts.batch || pending.len() >= room.max(self.opts.batch.min(32)) {
                    self.write_pending(std::mem::take(&mut pending), &bar, start)?;
                    if self.stopped() {
                        break 'files;
                    }
                }
            }
            self.write_pending(pending, &bar, start)?;
        }
        self.commit()?;
        bar.finish_and_clear();
        self.finish(start)
    }

    /// Whether the run was asked to stop ([`IndexOptions::stop`]); noted in the summary.
    fn stopped(&mut self) -> bool {
        if self.opts.stop.load(Ordering::Relaxed) && !self.summary.interrupted {
            warn!("interrupted: committing the documents read so far");
            self.summary.interrupted = true;
        }
        self.summary.interrupted
    }

    /// Index documents given directly (tests, generators), then commit.
    pub fn index_documents(mut self, docs: impl IntoIterator<Item = Document>) -> Result<Summary, IndexError> {
        let start = Instant::now();
        let bar = ProgressBar::hidden();
        let mut batch = Vec::with_capacity(self.opts.batch);
        for doc in docs {
            batch.push((doc, 0));
            if batch.len() >= self.opts.batch {
                self.write_batch(std::mem::take(&mut batch), &bar, start)?;
            }
        }
        self.write_batch(batch, &bar, start)?;
        self.commit()?;
        self.finish(start)
    }

    /// Delete documents by id from both indexes, then commit. Returns how many existed.
    pub fn delete_ids(mut self, ids: &[String]) -> Result<Summary, IndexError> {
        let start = Instant::now();
        // Ids are stored trimmed, as records give them with spaces around. See (QA reliability
        // pass, seventeenth session): `--delete " lead"` could not delete `lead`.
        let ids: Vec<String> = ids.iter().map(|id| id.trim().to_owned()).collect();
        for id in &ids {
            let mut found = false;
            for v in BOTH {
                if lookup_hash(&self.searchers[v.slot()], &self.fields, id).is_some() {
                    self.writers[v.slot()].delete_term(Term::from_field_text(self.fields.id, id));
                    found = true;
                }
            }
            if found {
                self.summary.deleted += 1;
            } else if !self.summary.not_found.contains(id) {
                warn!(id = %id, "no document with this id");
                self.summary.not_found.push(id.clone());
            }
        }
        self.since_commit += 1;
        self.commit()?;
        self.finish(start)
    }

    /// Wait until writer `v`'s queue holds at most [`IndexOptions::max_queued_bytes`].
    fn wait_for_room(&mut self, v: Visibility) {
        let q = self.queue[v.slot()];
        let mut fed = self.dir.fed_bytes(v);
        self.summary.queued_peak = self.summary.queued_peak.max(q.waiting(fed));
        let mut since = Instant::now();
        while q.waiting(fed) > self.opts.max_queued_bytes {
            std::thread::sleep(Duration::from_millis(1));
            let now = self.dir.fed_bytes(v);
            if now != fed {
                fed = now;
                since = Instant::now();
            } else if since.elapsed() > QUEUE_PATIENCE {
                debug!(
                    waiting = q.waiting(fed),
                    "the writer took nothing up for a while: sending anyway"
                );
                break;
            }
        }
    }

    /// Let the segment merges tantivy started finish (each merge is committed and the files
    /// it replaces removed as it ends), then release the writers. Without this the merges
    /// running at the end are abandoned when the process exits: the index keeps more
    /// segments than it needs, and their half-written files stay on disk until the next run.
    fn finish(self, start: Instant) -> Result<Summary, IndexError> {
        let mut summary = self.summary.clone();
        let Indexer {
            writers,
            dir,
            folder_lock,
            ..
        } = self;
        debug!("waiting for segment merges");
        for w in writers {
            w.wait_merging_threads()
                .map_err(IndexError::engine("finishing the segment merges"))?;
        }
        // Merges that ended after the last commit: the same documents, in fewer segments
        // (the writers are closed; the folder's lock still keeps other writers out).
        dir.publish()?;
        drop(folder_lock);
        summary.elapsed = start.elapsed();
        Ok(summary)
    }

    fn progress_bar(&self) -> ProgressBar {
        if !self.opts.progress {
            return ProgressBar::hidden();
        }
        let bar = ProgressBar::new_spinner();
        bar.set_style(
            ProgressStyle::with_template("{spinner} [{elapsed_precise}] {pos} documents ({per_sec}) {msg}")
                .unwrap_or_else(|_| ProgressStyle::default_spinner()),
        );
        bar.enable_steady_tick(Duration::from_millis(200));
        bar
    }

    fn reject(&mut self, e: ReadError) -> Result<(), IndexError> {
        if let ReadError::Refused { id, .. } = &e {
            self.withdraw(id);
        }
        if self.opts.strict {
            return Err(IndexError::Read(e));
        }
        // `rejected`, as the summary counts it ("skipped" there means unchanged: see QA ingest
        // pass, fifteenth session).
        warn!("rejected: {e}");
        self.summary.rejected += 1;
        if self.summary.errors.len() < MAX_KEPT_ERRORS {
            self.summary.errors.push(Rejected {
                path: e.path().to_path_buf(),
                line: e.line(),
                reason: e.to_string(),
            });
        }
        Ok(())
    }

    /// Remove every copy of `id` from both indexes (committed, or written in this run): its
    /// new record is refused for what it says of its disclosure (classified, or a value not
    /// understood), so no earlier version may stay served. Counted as withdrawn.
    fn withdraw(&mut self, id: &str) {
        let held = self.pending.remove(id).is_some()
            || !self.withdrawn.contains(id)
                && BOTH
                    .into_iter()
                    .any(|v| lookup_hash(&self.searchers[v.slot()], &self.fields, id).is_some());
        if !held {
            return;
        }
        for v in BOTH {
            self.writers[v.slot()].delete_term(Term::from_field_text(self.fields.id, id));
        }
        self.withdrawn.insert(id.to_owned());
        warn!(id = %id, "withdrawn: the index held this id, and its new record is refused");
        self.summary.withdrawn += 1;
        self.since_commit += 1;
    }

    fn write_pending(&mut self, pending: Vec<Pending>, bar: &ProgressBar, start: Instant) -> Result<(), IndexError> {
        // A record whose id and source key the index already holds is unchanged: skipped
        // before it is parsed and cleaned (re-indexing an unchanged corpus reads and hashes).
        let keyed: Vec<(Pending, Option<(String, u64)>)> = pending
            .into_par_iter()
            .map(|p| {
                let k = p.key();
                (p, k)
            })
            .collect();
        let mut todo = Vec::with_capacity(keyed.len());
        // Ids of records of this batch that go on to be written: a later record with one of
        // them is never skipped by its key (the earlier one will replace what the index holds,
        // and the later one must then replace it in turn: the last record of an id wins).
        let mut going: std::collections::HashSet<String> = std::collections::HashSet::new();
        for (p, k) in keyed {
            if let Some((id, key)) = &k {
                if !going.contains(id)
                    && self
                        .previous(id)
                        .is_some_and(|prev| prev.source_key == *key && prev.elsewhere.is_none())
                {
                    self.summary.skipped += 1;
                    continue;
                }
                going.insert(id.clone());
            }
            todo.push((p, k.map_or(0, |(_, key)| key)));
        }
        let resolved: Vec<(Result<Document, ReadError>, u64)> =
            todo.into_par_iter().map(|(p, key)| (p.resolve(), key)).collect();
        let mut batch = Vec::with_capacity(resolved.len());
        for (r, key) in resolved {
            match r {
                Ok(doc) => batch.push((doc, key)),
                Err(e) => {
                    // A refusal withdraws its id: the records read before it are written
                    // first, so that an earlier record of the id in this batch is withdrawn
                    // too, and those after it may bring the id back. See (QA robustness pass,
                    // fourteenth session): a public record, then the same id classified, in
                    // one file left the public one served.
                    if matches!(e, ReadError::Refused { .. }) && !batch.is_empty() {
                        self.write_batch(std::mem::take(&mut batch), bar, start)?;
                    }
                    self.reject(e)?
                }
            }
        }
        self.write_batch(batch, bar, start)
    }

    /// Write documents (each with its source key, 0 for none).
    fn write_batch(
        &mut self,
        batch: Vec<(Document, u64)>,
        bar: &ProgressBar,
        start: Instant,
    ) -> Result<(), IndexError> {
        if batch.is_empty() {
            bar.set_position((self.summary.indexed + self.summary.updated + self.summary.skipped) as u64);
            return Ok(());
        }
        // Decide first (cheap, sequential: it reads the index), then build in parallel only
        // the documents that will be written.
        // What each record says, metadata included: a record whose text is unchanged but whose
        // status, number or dates changed is an update, not "unchanged".
        let batch: Vec<(Document, u64, u64)> = batch
            .into_par_iter()
            .map(|(doc, key)| {
                let fp = doc.fingerprint();
                (doc, key, fp)
            })
            .collect();
        let mut plan = Vec::with_capacity(batch.len());
        for (doc, key, fingerprint) in batch {
            self.summary.bytes += doc.body.len() as u64;
            self.summary.pii.add(&doc.pii);
            if doc.id.len() > MAX_ID_BYTES {
                self.reject(ReadError::Invalid {
                    path: doc.source.path.clone().into(),
                    line: doc.source.line,
                    reason: format!(
                        "the id is {} bytes long, more than {MAX_ID_BYTES}: no request could open it",
                        doc.id.len()
                    ),
                })?;
                continue;
            }
            let v = Visibility::of(doc.disclosure);
            let repeated = self.pending.contains_key(&doc.id);
            let prev = self.previous(&doc.id);
            // The copies to delete before this document is added. Deleted in the order of the
            // documents (just before the add): a delete only reaches documents added before it,
            // so an earlier record with the same id in this very batch is replaced too.
            let mut deletes = Vec::new();
            let unchanged = |p: &Previous| {
                p.visibility == v
                    && p.hash == doc.content_hash
                    && p.elsewhere.is_none()
                    && p.fingerprint
                        .or_else(|| self.committed_fingerprint(p.visibility, &doc.id))
                        .is_some_and(|f| f == fingerprint)
            };
            match prev {
                Some(p) if unchanged(&p) => {
                    self.summary.skipped += 1;
                    continue;
                }
                Some(Previous {
                    visibility: pv,
                    elsewhere,
                    ..
                }) => {
                    deletes.push(pv);
                    if pv != v {
                        // Moved between indexes: make sure no copy stays in the other one.
                        deletes.push(v);
                    }
                    if let Some(other) = elsewhere.filter(|o| !deletes.contains(o)) {
                        warn!(
                            id = %doc.id,
                            "the id was in both indexes (a run stopped between its two commits): the older copy is removed"
                        );
                        deletes.push(other);
                    }
                    if repeated {
                        warn!(
                            id = %doc.id,
                            file = %doc.source.path,
                            line = doc.source.line,
                            "this id was given by an earlier record of this run: the later record replaces it"
                        );
                        self.summary.repeated += 1;
                    } else {
                        self.summary.updated += 1;
                    }
                }
                None => self.summary.indexed += 1,
            }
            self.summary.restricted += usize::from(v == Visibility::Restricted);
            self.pending.insert(
                doc.id.clone(),
                Previous {
                    visibility: v,
                    hash: doc.content_hash.clone(),
                    source_key: key,
                    fingerprint: Some(fingerprint),
                    elsewhere: None,
                },
            );
            plan.push((v, doc, key, deletes));
        }
        let fields = &self.fields;
        // Each with what the writer's bigram tokenizer will be given of it.
        let analysed: Vec<(Visibility, TantivyDocument, u64, Vec<Visibility>, String)> = plan
            .into_par_iter()
            .map(|(v, doc, key, deletes)| {
                let mut t = fields.to_tantivy(&doc);
                t.add_u64(fields.source_key, key);
                (v, t, (doc.title.len() + doc.body.len()) as u64, deletes, doc.id)
            })
            .collect();
        for (v, t, bytes, deletes, id) in analysed {
            for d in deletes {
                self.writers[d.slot()].delete_term(Term::from_field_text(self.fields.id, &id));
            }
            self.wait_for_room(v);
            if let Err(e) = self.writers[v.slot()].add_document(t) {
                return Err(self.worker_error(v, e));
            }
            self.queue[v.slot()].sent += bytes;
            self.since_commit += 1;
        }
        let done = (self.summary.indexed + self.summary.updated + self.summary.skipped) as u64;
        bar.set_position(done);
        let secs = start.elapsed().as_secs_f64().max(1e-9);
        bar.set_message(format!("{:.1} MB/s", self.summary.bytes as f64 / 1e6 / secs));
        if self.since_commit >= self.opts.commit_every {
            self.commit()?;
        }
        Ok(())
    }

    /// Where a document with this id is now, and its hashes: written in this session but not
    /// yet committed, or committed.
    fn previous(&self, id: &str) -> Option<Previous> {
        if let Some(p) = self.pending.get(id) {
            return Some(p.clone());
        }
        // Withdrawn in this run: what is committed is on its way out, and a later record of
        // the id (the very one committed, say) is new. See (QA robustness pass, fourteenth
        // session): such a record was skipped as unchanged, and the id was lost.
        if self.withdrawn.contains(id) {
            return None;
        }
        // Both indexes are looked at: a run stopped between the public and the restricted
        // commit, while moving a document from restricted to public, leaves the new copy in the
        // public index (committed first) and the old one in the restricted index.
        let found: Vec<(Visibility, (String, u64))> = BOTH
            .into_iter()
            .filter_map(|v| lookup_hash(&self.searchers[v.slot()], &self.fields, id).map(|h| (v, h)))
            .collect();
        let elsewhere = found.get(1).map(|(v, _)| *v);
        found
            .into_iter()
            .next()
            .map(|(visibility, (hash, source_key))| Previous {
                visibility,
                hash,
                source_key,
                fingerprint: None,
                elsewhere,
            })
    }

    /// The fingerprint of the live document with this id in index `v`, from its stored record.
    fn committed_fingerprint(&self, v: Visibility, id: &str) -> Option<u64> {
        lookup_record(&self.searchers[v.slot()], &self.fields, id).map(|d| d.fingerprint())
    }

    fn commit(&mut self) -> Result<(), IndexError> {
        if self.since_commit == 0 {
            return Ok(());
        }
        // Each writer commits its index (its segments written and synced), then both are
        // published as one commit of the folder: a run stopped anywhere before the publish
        // leaves the previous commit whole, one stopped after it this one.
        for v in [Visibility::Public, Visibility::Restricted] {
            self.writers[v.slot()]
                .commit()
                .map_err(IndexError::engine("committing"))?;
        }
        self.dir.publish()?;
        for v in BOTH {
            self.readers[v.slot()]
                .reload()
                .map_err(IndexError::engine("reloading after commit"))?;
            self.searchers[v.slot()] = self.readers[v.slot()].searcher();
        }
        self.pending.clear();
        self.withdrawn.clear();
        self.since_commit = 0;
        for v in BOTH {
            self.queue[v.slot()] = Queue::empty(self.dir.fed_bytes(v));
        }
        self.summary.commits += 1;
        let documents: u64 = self.searchers.iter().map(Searcher::num_docs).sum();
        info!(commits = self.summary.commits, documents, "committed");
        Ok(())
    }

    /// The error behind a failed `add_document`. tantivy only says "An index writer was
    /// killed" there; the worker thread's own error (e.g. no space left on the device) comes
    /// out when the workers are joined, which `prepare_commit` does. Nothing is committed.
    fn worker_error(&mut self, v: Visibility, e: tantivy::TantivyError) -> IndexError {
        let cause = match self.writers[v.slot()].prepare_commit() {
            Err(cause) => cause,
            Ok(prepared) => {
                let _ = prepared.abort();
                e
            }
        };
        IndexError::engine("adding a document")(cause)
    }
}

/// What the index holds for an id: where, its content hash and its source key.
#[derive(Debug, Clone)]
struct Previous {
    visibility: Visibility,
    hash: String,
    source_key: u64,
    /// [`Document::fingerprint`]: known for documents written in this run, read from the
    /// stored record of a committed one when needed.
    fingerprint: Option<u64>,
    /// The other index, when it holds a copy too (see [`Indexer::previous`]).
    elsewhere: Option<Visibility>,
}

/// The live document with this id: its segment's ordinal and its doc id there.
fn live_doc(searcher: &Searcher, fields: &Fields, id: &str) -> Option<(usize, tantivy::DocId)> {
    let term = Term::from_field_text(fields.id, id);
    for (ord, seg) in searcher.segment_readers().iter().enumerate() {
        let Ok(inv) = seg.inverted_index(fields.id) else {
            continue;
        };
        let Ok(Some(mut postings)) = inv.read_postings(&term, IndexRecordOption::Basic) else {
            continue;
        };
        let mut doc = tantivy::DocSet::doc(&postings);
        while doc != TERMINATED {
            if !seg.is_deleted(doc) {
                return Some((ord, doc));
            }
            doc = tantivy::DocSet::advance(&mut postings);
        }
    }
    None
}

/// The stored record (without its body) of the live document with this id.
fn lookup_record(searcher: &Searcher, fields: &Fields, id: &str) -> Option<Document> {
    let (ord, doc) = live_doc(searcher, fields, id)?;
    let stored: TantivyDocument = searcher.doc(tantivy::DocAddress::new(ord as u32, doc)).ok()?;
    fields.from_tantivy(&stored).ok()
}

/// The content hash and source key of the live document with this id.
pub(crate) fn lookup_hash(searcher: &Searcher, fields: &Fields, id: &str) -> Option<(String, u64)> {
    let (ord, doc) = live_doc(searcher, fields, id)?;
    let seg = searcher.segment_reader(ord as u32);
    let mut out = String::new();
    if let Ok(Some(col)) = seg.fast_fields().str("hash") {
        if let Some(o) = col.term_ords(doc).next() {
            let _ = col.ord_to_str(o, &mut out);
        }
    }
    let key = seg
        .fast_fields()
        .u64("source_key")
        .ok()
        .and_then(|c| c.first(doc))
        .unwrap_or(0);
    Some((out, key))
}
