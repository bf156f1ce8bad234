//! The `gongwen` command: wires configuration, logging and the sub-commands of the library
//! crates. Nothing here knows about tantivy or jieba.

#![deny(unsafe_code)]

use std::io::Read;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Arc;
use std::time::Duration;

use anyhow::{bail, Context, Result};
use clap::{Args, Parser, Subcommand};
use gongwen_corpus::{PiiMode, ReadOptions};
use gongwen_indexer::{IndexDir, IndexOptions, Indexer};
use gongwen_query::{Engine, EngineOptions, Limits, Scope, SearchRequest, Sort, Synonyms};
use gongwen_schema::{Disclosure, DocNumber};

mod idle;
mod malloc;
mod mapped;
mod render;

/// Search and catalog engine for Chinese government documents (公文).
///
/// Index government documents (JSONL, folders of .txt/.md/.html, gazette issues), then search
/// them by words, phrases and document numbers (发文字号) in any spelling, from the command
/// line, over a JSON API or on a web page.
#[derive(Parser)]
#[command(
    name = "gongwen",
    version,
    about,
    long_about,
    after_long_help = "Exit status:\n  \
        0  done\n  \
        1  done, and something asked for is not there or not right: `lookup`, `cites` or `check` found no \
        document (or `check` another document's title), `verify` found a problem, `index --delete` \
        met ids the index does not hold\n  \
        2  not done: a usage error, an index that cannot be opened or written, `--strict` meeting a record \
        that cannot be read, a segment merge that failed on a damaged file (what was committed is kept), \
        `index` stopped by Ctrl-C or SIGTERM (what it read is committed)\n  \
        130  `index` stopped at once by a second Ctrl-C (the index holds its last commit)"
)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

/// How the CLI names a document it refers to by id: `《title》 number`.
fn names(engine: &Engine) -> impl Fn(&str) -> Option<String> + '_ {
    move |id| {
        let d = engine.document(id, Scope::Public).ok().flatten()?;
        let number = d
            .doc_numbers
            .first()
            .map(|n| format!(" {}", n.canonical()))
            .unwrap_or_default();
        Some(format!("《{}》{number}", d.title))
    }
}

/// The index folder when none is named: where `serve` puts the bundled sample's index.
const DEFAULT_INDEX: &str = "data/index";

#[derive(Args, Clone)]
struct IndexArg {
    /// Index folder (created by `index` when missing).
    #[arg(long, env = "GONGWEN_INDEX", default_value = DEFAULT_INDEX)]
    index: PathBuf,
}

#[derive(Args, Clone)]
struct FilterArgs {
    /// Only documents of this issuing organ.
    #[arg(long)]
    issuer: Option<String>,
    /// Only this kind: policy, notice, regulation, law, judicial_interpretation, interpretation, gazette, report, other.
    #[arg(long)]
    kind: Option<String>,
    /// Only this status: in_force, amended, repealed, expired, unknown.
    #[arg(long)]
    status: Option<String>,
    /// Only this year, or a range such as 2015-2018.
    #[arg(long)]
    year: Option<String>,
    /// Earliest date (YYYY-MM-DD).
    #[arg(long)]
    from: Option<String>,
    /// Latest date (YYYY-MM-DD).
    #[arg(long)]
    to: Option<String>,
    /// Sort: relevance, date (newest first) or date_asc.
    #[arg(long)]
    sort: Option<String>,
    /// Hits to show.
    #[arg(long, default_value_t = 10)]
    limit: usize,
    /// Hits to skip.
    #[arg(long, default_value_t = 0)]
    offset: usize,
}

#[derive(Subcommand)]
enum Command {
    /// Index files and folders (JSONL, .jsonl.zst, .txt, .md, .html, gazette issues).
    ///
    /// JSON records come one a line (.jsonl) or as one JSON array or pretty-printed stream
    /// (.jsonl or .json), in UTF-8, GB18030/GBK, Big5 or UTF-16, optionally zstd-compressed
    /// (.zst). Pages come as .txt, .md or .html/.htm/.shtml/.xhtml in any of those encodings.
    ///
    /// Documents are upserted by id: indexing the same corpus twice leaves the same count,
    /// unchanged documents (same id and content hash) are skipped. Records that cannot be read
    /// are reported with file, line and reason, and the run goes on (unless --strict).
    Index {
        #[command(flatten)]
        index: IndexArg,
        /// Files or folders to read.
        #[arg(required_unless_present = "delete")]
        paths: Vec<PathBuf>,
        /// Stop at the first record that cannot be read, with a non-zero exit.
        #[arg(long)]
        strict: bool,
        /// Disclosure of records that do not say: public, on_request, not_public.
        #[arg(long, default_value = "public", env = "GONGWEN_DEFAULT_DISCLOSURE")]
        default_disclosure: String,
        /// Personal numbers (identity, mobile, bank card) in titles and bodies: mask them in
        /// everything stored and served, keep them, or reject the record.
        #[arg(long, default_value = "mask", env = "GONGWEN_PII", value_parser = ["keep", "mask", "reject"])]
        pii: String,
        /// Writer memory budget in MiB.
        #[arg(long, default_value_t = 96, env = "GONGWEN_MEMORY_MB")]
        memory_mb: usize,
        /// Most MiB of text (titles and bodies) sent to the writer and not yet taken up by
        /// its threads; reading waits past it, so memory stays bounded however long the
        /// documents are.
        #[arg(long, default_value_t = 24, env = "GONGWEN_QUEUE_MB")]
        queue_mb: u64,
        /// Writer threads (0: one per core).
        #[arg(long, default_value_t = 0)]
        threads: usize,
        /// Commit after this many documents (and at the end).
        #[arg(long, default_value_t = 10_000)]
        commit_every: usize,
        /// Delete the documents with these ids instead of indexing (no paths then): `--delete
        /// ID...` or the flag once per id. Ids the index does not hold are listed in the
        /// summary, and the exit status is 1.
        #[arg(long, value_name = "ID", num_args = 1.., conflicts_with = "paths")]
        delete: Vec<String>,
        /// No progress bar.
        #[arg(long, short)]
        quiet: bool,
        /// Print the summary as JSON.
        #[arg(long)]
        json: bool,
    },
    /// Search the index.
    Search {
        #[command(flatten)]
        index: IndexArg,
        #[command(flatten)]
        filters: FilterArgs,
        /// Print the API's JSON.
        #[arg(long)]
        json: bool,
        /// The query: words, "phrases", document numbers, -exclusions.
        #[arg(default_value = "")]
        query: Vec<String>,
    },
    /// Look up documents by document number, in any spelling.
    Lookup {
        #[command(flatten)]
        index: IndexArg,
        /// Print JSON.
        #[arg(long)]
        json: bool,
        /// The document number, e.g. 国办发[2018]59号.
        number: String,
    },
    /// Print every document number (发文字号) found in TEXT (or stdin), canonical, one a line.
    Docnum {
        /// Text to scan; read from standard input when absent.
        text: Option<String>,
    },
    /// What the index holds: documents by kind, issuer, year; size on disk.
    Stats {
        #[command(flatten)]
        index: IndexArg,
        /// Issuers to list.
        #[arg(long, default_value_t = 10)]
        top: usize,
        /// Print JSON.
        #[arg(long)]
        json: bool,
    },
    /// Merge the index's segments into one, dropping deleted documents: after a bulk load,
    /// queries answer faster (each segment costs every query a setup). Takes the writer
    /// lock like `index`; a process stopped during it leaves the index as it was.
    Optimize {
        #[command(flatten)]
        index: IndexArg,
        /// Print JSON.
        #[arg(long)]
        json: bool,
    },
    /// Recompute every stored content hash and check every file's checksum (non-zero exit on any problem).
    Verify {
        #[command(flatten)]
        index: IndexArg,
        /// Print JSON.
        #[arg(long)]
        json: bool,
    },
    /// Show what a document cites (each resolved against the index), who cites it, and its
    /// interpretations.
    Cites {
        #[command(flatten)]
        index: IndexArg,
        /// Print JSON.
        #[arg(long)]
        json: bool,
        /// A document id or a document number (any spelling).
        target: String,
    },
    /// Check a document number (any spelling) and optionally its title (exit 1 when the
    /// number does not exist, or the title is another document's); or, with --all, report
    /// every citation in the index that does not resolve (a report: exit 0).
    Check {
        #[command(flatten)]
        index: IndexArg,
        /// Print JSON.
        #[arg(long)]
        json: bool,
        /// Report every reference of every document that does not resolve or mismatches.
        #[arg(long, conflicts_with = "number")]
        all: bool,
        /// The document number, e.g. 国办发[2018]59号.
        #[arg(required_unless_present = "all")]
        number: Option<String>,
        /// The title to compare with the document's.
        title: Option<String>,
    },
    /// Serve the JSON API and the web page. Indexes the bundled sample first when the index
    /// folder does not exist yet.
    Serve {
        #[command(flatten)]
        index: IndexArg,
        /// Address to listen on (loopback unless told otherwise).
        #[arg(long, env = "GONGWEN_ADDR", default_value = "127.0.0.1:8080")]
        addr: String,
        /// Token that opens the staff endpoints (and the restricted index). Without it they do not exist.
        #[arg(long, env = "GONGWEN_STAFF_TOKEN", hide_env_values = true)]
        staff_token: Option<String>,
        /// Extra synonym groups, one group a line (see query/synonyms.txt).
        #[arg(long, env = "GONGWEN_SYNONYMS")]
        synonyms: Option<PathBuf>,
        /// What to index when the index folder does not exist.
        #[arg(long, default_value = "sample")]
        sample: PathBuf,
        /// Longest query, in characters.
        #[arg(long, default_value_t = gongwen_query::Limits::default().max_query_chars)]
        max_query_chars: usize,
        /// Deepest result window (offset + limit).
        #[arg(long, default_value_t = gongwen_query::Limits::default().max_window)]
        max_window: usize,
        /// Threads that run searches (0: two per core). Requests beyond them wait their turn,
        /// within the request timeout; more threads add memory, not throughput (BENCHMARKS.md).
        #[arg(long, env = "GONGWEN_SEARCH_THREADS", default_value_t = 0)]
        search_threads: usize,
        /// MiB of decompressed stored text kept for loading hits, shared by the segments of
        /// each index (blocks of about 32 KiB): more keeps more hits' text ready on a large
        /// index, less saves memory.
        #[arg(long, env = "GONGWEN_STORE_CACHE_MB", default_value_t = 64,
              value_parser = clap::value_parser!(u32).range(1..=65_536))]
        store_cache_mb: u32,
        /// Seconds a connection may take to send a request (counted from its opening and from
        /// each answer): a client that sends nothing, or its request a byte at a time, is cut
        /// off after it, and an idle kept-alive connection closed.
        #[arg(long, env = "GONGWEN_REQUEST_READ_SECS", default_value_t = 30,
              value_parser = clap::value_parser!(u64).range(1..=3600))]
        request_read_secs: u64,
    },
}

/// Segment merges that panicked in this process. tantivy merges on threads of its own and
/// only logs a failed merge, so `index` and `optimize` look here before they call a run done.
/// See (QA crash pass, fifteenth session): a merge that met a damaged segment panicked with a
/// backtrace, and `index` then printed its summary and exited 0.
static MERGE_PANICS: std::sync::Mutex<Vec<String>> = std::sync::Mutex::new(Vec::new());

/// An error when a segment merge of this process panicked (a damaged index file, most often).
fn merges_failed(index: &Path) -> Result<()> {
    let failed = MERGE_PANICS.lock().unwrap_or_else(|e| e.into_inner());
    match failed.first() {
        None => Ok(()),
        Some(first) => bail!(
            "{}: {} segment merge(s) failed ({first}): a file of the index is most likely damaged. \
             What this run committed is kept, but the damaged segment is still served: \
             `gongwen verify --index {}` names it; index the sources again into a new folder",
            index.display(),
            failed.len(),
            index.display()
        ),
    }
}

fn main() -> std::process::ExitCode {
    // A panic is a bug, or tantivy meeting a damaged index file: say how to tell which.
    let report = std::panic::take_hook();
    std::panic::set_hook(Box::new(move |info| {
        if std::thread::current()
            .name()
            .is_some_and(|n| n.starts_with("merge_thread"))
        {
            let what = info
                .payload()
                .downcast_ref::<&str>()
                .map(|s| s.to_string())
                .or_else(|| info.payload().downcast_ref::<String>().cloned())
                .unwrap_or_else(|| "panic".into());
            let at = info
                .location()
                .map(|l| format!(" at {}:{}", l.file(), l.line()))
                .unwrap_or_default();
            tracing::error!("a segment merge failed: {what}{at}");
            MERGE_PANICS
                .lock()
                .unwrap_or_else(|e| e.into_inner())
                .push(format!("{what}{at}"));
            return;
        }
        report(info);
        eprintln!("gongwen: internal error; if an index was being read, `gongwen verify --index DIR` checks its files");
    }));
    tracing_subscriber::fmt()
        .with_env_filter(
            tracing_subscriber::EnvFilter::try_from_default_env().unwrap_or_else(|_| "info,tantivy=warn".into()),
        )
        .with_writer(std::io::stderr)
        // Colours only for a terminal: a log redirected to a file or a pipe stays plain text.
        .with_ansi(std::io::IsTerminal::is_terminal(&std::io::stderr()))
        .init();
    let cli = Cli::parse();
    if matches!(cli.command, Command::Serve { .. }) {
        raise_open_files_limit();
    } else {
        default_sigpipe();
    }
    match run(cli) {
        Ok(code) => code,
        Err(e) => {
            eprintln!("error: {}", error_text(&e));
            std::process::ExitCode::from(2)
        }
    }
}

/// Let a closed pipe end the process quietly (`gongwen stats --json | head -1`), as other
/// command-line tools do: Rust ignores SIGPIPE, and printing to a closed pipe then panicked.
/// Not for `serve`, whose sockets must see a closed peer as an error, not as a signal.
#[cfg(all(target_os = "linux", target_env = "gnu"))]
#[allow(unsafe_code)]
fn default_sigpipe() {
    // SAFETY: restores the default action of one signal before any other thread exists; no
    // handler of ours is involved.
    unsafe {
        libc::signal(libc::SIGPIPE, libc::SIG_DFL);
    }
}

#[cfg(not(all(target_os = "linux", target_env = "gnu")))]
fn default_sigpipe() {}

/// `serve` holds a descriptor per connection and per open index file: its soft limit (often
/// 1,024) is raised to the hard one, so that idle connections do not leave a new commit
/// unloadable (see `Engine::keep_fresh`).
#[cfg(all(target_os = "linux", target_env = "gnu"))]
#[allow(unsafe_code)]
fn raise_open_files_limit() {
    let mut limit = libc::rlimit {
        rlim_cur: 0,
        rlim_max: 0,
    };
    // SAFETY: both calls take a pointer to a properly initialised rlimit of this process.
    let raised = unsafe {
        libc::getrlimit(libc::RLIMIT_NOFILE, &mut limit) == 0 && limit.rlim_cur < limit.rlim_max && {
            let wanted = libc::rlimit {
                rlim_cur: limit.rlim_max,
                rlim_max: limit.rlim_max,
            };
            libc::setrlimit(libc::RLIMIT_NOFILE, &wanted) == 0
        }
    };
    if raised {
        tracing::debug!(from = limit.rlim_cur, to = limit.rlim_max, "open-files limit raised");
    }
}

#[cfg(not(all(target_os = "linux", target_env = "gnu")))]
fn raise_open_files_limit() {}

/// An error and its causes on one line, each said once: many errors already name their
/// cause in their own text (`file: Permission denied`), and anyhow's `{:#}` would repeat it.
fn error_text(e: &anyhow::Error) -> String {
    let mut text = String::new();
    for cause in e.chain() {
        let said = cause.to_string();
        if text.contains(&said) {
            continue;
        }
        if !text.is_empty() {
            text.push_str(": ");
        }
        text.push_str(&said);
    }
    text
}

fn run(cli: Cli) -> Result<std::process::ExitCode> {
    use std::process::ExitCode;
    match cli.command {
        Command::Docnum { text } => {
            let text = match text {
                Some(t) => t,
                // Standard input in any encoding the readers take (a GB18030 gazette issue).
                None => {
                    let mut bytes = Vec::new();
                    std::io::stdin().read_to_end(&mut bytes)?;
                    gongwen_corpus::decode_text(&bytes, std::path::Path::new("<stdin>"))?
                }
            };
            for found in gongwen_schema::extract(&text) {
                println!("{}", found.number);
            }
        }
        Command::Index {
            index,
            paths,
            strict,
            default_disclosure,
            pii,
            memory_mb,
            queue_mb,
            threads,
            commit_every,
            delete,
            quiet,
            json,
        } => {
            let allocator = malloc::tune_for_indexing();
            let disclosure = Disclosure::from_label(&default_disclosure)
                .with_context(|| format!("--default-disclosure: unknown value {default_disclosure:?}"))?;
            let dir = IndexDir::open_or_create_with(&index.index, mapped::open)?;
            let opts = IndexOptions {
                memory_budget: memory_mb << 20,
                max_queued_bytes: queue_mb << 20,
                threads,
                commit_every: commit_every.max(1),
                strict,
                progress: !quiet,
                read: ReadOptions {
                    default_disclosure: disclosure,
                    pii: PiiMode::from_name(&pii).with_context(|| format!("--pii: unknown value {pii:?}"))?,
                },
                stop: stop_on_signal(),
                ..IndexOptions::default()
            };
            let indexer = Indexer::new(&dir, opts)?;
            let summary = if delete.is_empty() {
                indexer.index_paths(&paths)?
            } else {
                indexer.delete_ids(&delete)?
            };
            if json {
                println!("{}", serde_json::to_string_pretty(&summary)?);
            } else {
                for e in summary.errors.iter().take(20) {
                    eprintln!("rejected: {}", e.reason);
                }
                if summary.errors.len() > 20 {
                    eprintln!("… and {} more rejected records", summary.rejected - 20);
                }
                println!("{summary}");
            }
            allocator.finish();
            merges_failed(&index.index)?;
            // `index --delete ID FILE`: the file was read as an id. See (QA reliability pass,
            // seventeenth session): it said "ids to delete not found: FILE" and exit 1.
            let paths: Vec<&String> = summary
                .not_found
                .iter()
                .filter(|id| Path::new(id.as_str()).exists())
                .collect();
            if !paths.is_empty() {
                bail!(
                    "--delete takes ids, and {} is a file or folder (not an id this index holds): index files and delete ids in separate runs",
                    paths.iter().map(|p| format!("{p:?}")).collect::<Vec<_>>().join(", ")
                );
            }
            if summary.interrupted {
                return Ok(ExitCode::from(2));
            }
            if !summary.not_found.is_empty() {
                return Ok(ExitCode::from(1));
            }
        }
        Command::Search {
            index,
            filters,
            json,
            query,
        } => {
            let engine = open_engine(&index.index)?;
            let sort = match filters.sort.as_deref() {
                None => None,
                Some("relevance") => Some(Sort::Relevance),
                Some("date") => Some(Sort::Date),
                Some("date_asc") => Some(Sort::DateAsc),
                Some(s) => bail!("--sort: expected relevance, date or date_asc, got {s:?}"),
            };
            let req = SearchRequest {
                q: query.join(" "),
                issuer: filters.issuer,
                kind: filters.kind,
                status: filters.status,
                year: filters.year,
                from: filters.from,
                to: filters.to,
                sort,
                limit: Some(filters.limit),
                offset: Some(filters.offset),
                ..SearchRequest::default()
            };
            let resp = engine.search(&req, Scope::Public)?;
            if json {
                println!("{}", serde_json::to_string_pretty(&resp)?);
            } else {
                print!("{}", render::search(&resp, &names(&engine)));
            }
        }
        Command::Lookup { index, json, number } => {
            let n = DocNumber::parse_pasted(&number).with_context(|| format!("cannot look up {number:?}"))?;
            let engine = open_engine(&index.index)?;
            let (n, docs) = engine.by_typed_number(&n, Scope::Public)?;
            let docs = gongwen_query::cite::all_with_succession(&engine, docs, Scope::Public)?;
            if json {
                println!(
                    "{}",
                    serde_json::to_string_pretty(
                        &serde_json::json!({ "canonical": n.canonical(), "documents": docs })
                    )?
                );
            } else {
                print!("{}", render::lookup(&n, &docs, &names(&engine)));
            }
            if docs.is_empty() {
                return Ok(ExitCode::from(1));
            }
        }
        Command::Cites { index, json, target } => {
            let engine = open_engine(&index.index)?;
            // Nothing found exits 1, as `lookup` and `check` do (2 is a usage or index error).
            let Some(doc) = gongwen_query::cite::find(&engine, &target, Scope::Public)? else {
                eprintln!("no document with id or number {target:?}");
                return Ok(ExitCode::from(1));
            };
            let c = gongwen_query::cite::citations(&engine, &doc.id, Scope::Public)?
                .with_context(|| format!("document {} vanished", doc.id))?;
            if json {
                println!("{}", serde_json::to_string_pretty(&c)?);
            } else {
                print!("{}", render::citations(&c));
            }
        }
        Command::Check {
            index,
            json,
            all,
            number,
            title,
        } => {
            let engine = open_engine(&index.index)?;
            if all {
                let report = gongwen_query::cite::report(&engine, Scope::Public)?;
                if json {
                    println!("{}", serde_json::to_string_pretty(&report)?);
                } else {
                    print!("{}", render::citation_report(&report));
                }
            } else {
                let number = number.unwrap_or_default();
                let r = match gongwen_query::check(&engine, &number, title.as_deref(), Scope::Public) {
                    Err(gongwen_query::QueryError::NotANumber(m)) => bail!("{number:?}: {m}"),
                    other => other?,
                };
                if json {
                    println!("{}", serde_json::to_string_pretty(&r)?);
                } else {
                    print!("{}", render::check(&r, &names(&engine)));
                }
                // See (QA staff pass): a title of another document exited 0, as a match did.
                if !r.exists || r.title_match == Some(gongwen_schema::TitleMatch::Different) {
                    return Ok(ExitCode::from(1));
                }
            }
        }
        Command::Stats { index, top, json } => {
            let dir = IndexDir::open(&index.index)?;
            let mut st = gongwen_indexer::stats(&dir, top)?;
            // Statuses as they are served, both indexes: a document a later one repeals is
            // repealed (the status facet's reading). See (QA staff pass, thirteenth session):
            // stats counted what the records say, and disagreed with the facet.
            let engine = Engine::open(
                &index.index,
                EngineOptions {
                    restricted: true,
                    ..EngineOptions::default()
                },
            )?;
            let all = engine.search(
                &SearchRequest {
                    limit: Some(0),
                    ..SearchRequest::default()
                },
                Scope::Staff,
            )?;
            if let Some(statuses) = all.facets.get("status") {
                st.by_status = statuses.iter().map(|f| (f.value.clone(), f.count)).collect();
            }
            if json {
                println!("{}", serde_json::to_string_pretty(&st)?);
            } else {
                print!("{}", render::stats(&st));
            }
        }
        Command::Optimize { index, json } => {
            let allocator = malloc::tune_for_indexing();
            let dir = IndexDir::open_with(&index.index, mapped::open)?;
            let done = gongwen_indexer::optimize(&dir)?;
            if json {
                println!("{}", serde_json::to_string_pretty(&done)?);
            } else {
                println!(
                    "public: {} segments -> {} ({} documents); restricted: {} -> {} ({}); {:.2} s",
                    done.public.segments_before,
                    done.public.segments_after,
                    done.public.documents,
                    done.restricted.segments_before,
                    done.restricted.segments_after,
                    done.restricted.documents,
                    done.elapsed.as_secs_f64()
                );
            }
            allocator.finish();
            merges_failed(&index.index)?;
        }
        Command::Verify { index, json } => {
            // verify reads every file and every stored document: their mapped pages are given
            // back as it goes, as while indexing (an index of 1M documents is 4 GiB).
            let allocator = malloc::tune_for_indexing();
            let dir = IndexDir::open_with(&index.index, mapped::open)?;
            let report = gongwen_indexer::verify(&dir)?;
            if json {
                println!("{}", serde_json::to_string_pretty(&report)?);
            } else {
                for (id, recorded, actual) in &report.mismatched {
                    println!("hash mismatch: {id}: recorded {recorded}, text now hashes to {actual}");
                }
                for u in &report.unreadable {
                    println!("unreadable: {u}");
                }
                for id in &report.duplicated {
                    println!("id held twice: {id} (index its source again to repair)");
                }
                println!(
                    "{} documents checked: {} hash mismatches, {} unreadable, {} ids held twice",
                    report.checked,
                    report.mismatched.len(),
                    report.unreadable.len(),
                    report.duplicated.len()
                );
            }
            allocator.finish();
            if !report.ok() {
                return Ok(ExitCode::from(1));
            }
        }
        Command::Serve {
            index,
            addr,
            staff_token,
            synonyms,
            sample,
            max_query_chars,
            max_window,
            search_threads,
            store_cache_mb,
            request_read_secs,
        } => {
            // The bundled sample's index (the default folder) written by an older version is
            // built again: `serve` after an upgrade serves, where it stopped at the version. The
            // old folder is kept beside it, renamed, in case it held more than the sample.
            let layout_file = index.index.join(gongwen_schema::layout::LAYOUT_FILE);
            // Only an index an older version wrote: a damaged or newer one is refused, as any
            // other folder's (see QA crash pass, sixteenth session: it was moved aside and the
            // sample served in its place).
            if index.index == Path::new(DEFAULT_INDEX)
                && layout_file.exists()
                && gongwen_schema::layout::older_version(&index.index)
            {
                let kept = index.index.with_file_name(format!(
                    "index.older-{}",
                    std::time::SystemTime::now()
                        .duration_since(std::time::UNIX_EPOCH)
                        .map_or(0, |d| d.as_secs())
                ));
                tracing::warn!(
                    index = %index.index.display(),
                    kept = %kept.display(),
                    "the index was written by another version of gongwen: moved aside, the sample is indexed again"
                );
                std::fs::rename(&index.index, &kept)
                    .with_context(|| format!("moving {} aside to {}", index.index.display(), kept.display()))?;
            }
            if !layout_file.exists() {
                if index.index.exists() && std::fs::read_dir(&index.index)?.next().is_some() {
                    bail!(
                        "{}: exists but is not a gongwen index; refusing to touch it",
                        index.index.display()
                    );
                }
                if !sample.exists() {
                    bail!(
                        "{}: no index there, and no sample folder {} to build one from: run `gongwen serve` from the \
                         project's folder, or give --index a folder that `gongwen index` built",
                        index.index.display(),
                        sample.display()
                    );
                }
                tracing::info!(sample = %sample.display(), index = %index.index.display(), "no index yet: indexing the bundled sample");
                // Built beside the folder and renamed into place when whole: a start stopped
                // half-way leaves no index that later starts would serve as it is.
                let name = index
                    .index
                    .file_name()
                    .map_or_else(|| "index".into(), |n| n.to_string_lossy().into_owned());
                let building = index
                    .index
                    .with_file_name(format!(".{name}.sample-{}", std::process::id()));
                gongwen_indexer::remove_stale_builds(&index.index);
                let _ = std::fs::remove_dir_all(&building);
                {
                    let dir = IndexDir::open_or_create(&building)?;
                    let summary = Indexer::new(&dir, IndexOptions::default())?.index_paths(&[sample])?;
                    tracing::info!("{summary}");
                    // One segment answers faster (as `gongwen optimize` after a bulk load).
                    gongwen_indexer::optimize(&dir)?;
                }
                if index.index.exists() {
                    std::fs::remove_dir(&index.index)
                        .with_context(|| format!("{}: replacing the empty folder", index.index.display()))?;
                }
                std::fs::rename(&building, &index.index)
                    .with_context(|| format!("moving the sample's index to {}", index.index.display()))?;
            }
            let synonyms = match &synonyms {
                Some(p) => Synonyms::with_file(p).with_context(|| format!("reading synonyms {}", p.display()))?,
                None => Synonyms::built_in(),
            };
            let limits = Limits {
                max_query_chars,
                max_window,
                ..Limits::default()
            };
            let staff_token = staff_token.filter(|t| !t.is_empty());
            let engine = Engine::open(
                &index.index,
                EngineOptions {
                    restricted: staff_token.is_some(),
                    // Blocks of about 32 KiB: 32 a MiB.
                    store_cache_blocks: Some(store_cache_mb as usize * 32),
                    synonyms,
                    limits,
                },
            )?;
            let threads = if search_threads == 0 {
                2 * std::thread::available_parallelism().map_or(2, |n| n.get())
            } else {
                search_threads
            };
            serve(
                engine,
                &addr,
                staff_token,
                threads,
                Duration::from_secs(request_read_secs),
            )?;
        }
    }
    Ok(ExitCode::SUCCESS)
}

fn open_engine(index: &Path) -> Result<Engine> {
    Ok(Engine::open(
        index,
        EngineOptions {
            synonyms: Synonyms::built_in(),
            ..EngineOptions::default()
        },
    )?)
}

/// Serve until SIGINT/SIGTERM. Searches run on tokio's blocking pool, capped at
/// `search_threads`: each thread that ever ran one keeps its own allocator arena.
fn serve(
    engine: Engine,
    addr: &str,
    staff_token: Option<String>,
    search_threads: usize,
    request_read: Duration,
) -> Result<()> {
    let rt = tokio::runtime::Builder::new_multi_thread()
        .max_blocking_threads(search_threads.max(1))
        .enable_all()
        .build()?;
    rt.block_on(async move {
        let listener = tokio::net::TcpListener::bind(addr)
            .await
            .with_context(|| format!("binding {addr}"))?;
        let local = listener.local_addr()?;
        let docs = engine.num_docs(Scope::Public);
        let engine = Arc::new(engine);
        // Every file read once against its checksum, beside the requests: a damaged segment is
        // served as far as it reads, and said in the log and by /healthz. See (QA crash pass,
        // fifteenth session): a damaged index was served without a word.
        let checking = engine.clone();
        // Its own thread: the search threads stay free for requests.
        std::thread::Builder::new()
            .name("file-check".into())
            .spawn(move || match checking.check_files() {
                gongwen_query::FileCheck::Damaged(files) => tracing::error!(
                    ?files,
                    "files of the index do not match their checksums: answers may miss documents; index the sources again into a new folder"
                ),
                _ => tracing::debug!("every file of the index matches its checksum"),
            })?;
        // The newest commit, checked every second: a reload that failed when the commit
        // landed is tried again (see `Engine::keep_fresh`).
        let fresh = Arc::downgrade(&engine);
        std::thread::Builder::new().name("commit-check".into()).spawn(move || {
            while let Some(engine) = fresh.upgrade() {
                let _ = engine.keep_fresh();
                drop(engine);
                std::thread::sleep(Duration::from_secs(1));
            }
        })?;
        let state = gongwen_query::AppState {
            engine,
            staff_token: staff_token.map(Arc::from),
        };
        println!("gongwen: serving {docs} public documents at http://{local}/");
        tracing::info!(%local, "listening");
        axum::serve(idle::Listener::new(listener, request_read), gongwen_query::app(state))
            .with_graceful_shutdown(shutdown())
            .await?;
        tracing::info!("stopped");
        Ok(())
    })
}

async fn shutdown() {
    signalled().await;
    tracing::info!("shutting down: finishing requests in flight");
}

/// Ctrl-C or SIGTERM.
async fn signalled() {
    let ctrl_c = async {
        let _ = tokio::signal::ctrl_c().await;
    };
    #[cfg(unix)]
    let term = async {
        if let Ok(mut s) = tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate()) {
            s.recv().await;
        }
    };
    #[cfg(not(unix))]
    let term = std::future::pending::<()>();
    tokio::select! {
        _ = ctrl_c => {},
        _ = term => {},
    }
}

/// A flag that the first Ctrl-C or SIGTERM sets: `index` then stops reading and commits what
/// it read. A second signal stops the process at once (the index keeps its last commit).
fn stop_on_signal() -> Arc<AtomicBool> {
    let stop = Arc::new(AtomicBool::new(false));
    let flag = Arc::clone(&stop);
    let watch = move || -> std::io::Result<()> {
        let rt = tokio::runtime::Builder::new_current_thread().enable_all().build()?;
        rt.block_on(async {
            signalled().await;
            flag.store(true, Ordering::Relaxed);
            eprintln!("gongwen: stopping after the documents in hand, which are committed (again to stop at once)");
            signalled().await;
            eprintln!("gongwen: stopped; the index holds its last commit");
            std::process::exit(130);
        })
    };
    let started = std::thread::Builder::new().name("signals".into()).spawn(move || {
        if let Err(e) = watch() {
            tracing::warn!("Ctrl-C will stop at once (no signal handler: {e})");
        }
    });
    if let Err(e) = started {
        tracing::warn!("Ctrl-C will stop at once (no signal thread: {e})");
    }
    stop
}

#[cfg(test)]
mod tests {
    use super::error_text;

    /// An error that names its cause in its own text, as the readers' errors do.
    #[derive(Debug)]
    struct FileError {
        path: String,
        source: std::io::Error,
    }

    impl std::fmt::Display for FileError {
        fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
            write!(f, "{}: {}", self.path, self.source)
        }
    }

    impl std::error::Error for FileError {
        fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
            Some(&self.source)
        }
    }

    #[test]
    fn error_text_says_each_cause_once() {
        let io = || std::io::Error::new(std::io::ErrorKind::PermissionDenied, "Permission denied");
        // The error names its cause itself: the cause is not said again.
        let e = anyhow::Error::new(FileError {
            path: "perm/locked".into(),
            source: io(),
        });
        assert_eq!(error_text(&e), "perm/locked: Permission denied");
        // A context that does not name the cause keeps it after a colon.
        let e = anyhow::Error::new(io()).context("opening the index");
        assert_eq!(error_text(&e), "opening the index: Permission denied");
        let e = anyhow::Error::new(FileError {
            path: "a.jsonl".into(),
            source: io(),
        })
        .context("reading the corpus");
        assert_eq!(error_text(&e), "reading the corpus: a.jsonl: Permission denied");
    }
}
