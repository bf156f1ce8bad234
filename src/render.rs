//! Human output of the CLI: readable in a terminal.

use std::fmt::Write;

use gongwen_indexer::Stats;
use gongwen_query::SearchResponse;
use gongwen_schema::{DocNumber, Document};

/// Highlights as terminal bold when stdout is a terminal, brackets otherwise.
fn emphasise(html_free: &str, highlights: &[(usize, usize)]) -> String {
    let tty = std::io::IsTerminal::is_terminal(&std::io::stdout());
    let (on, off) = if tty { ("\x1b[1;31m", "\x1b[0m") } else { ("【", "】") };
    let mut out = String::new();
    let mut hl = highlights.iter().peekable();
    for (i, c) in html_free.chars().enumerate() {
        if let Some(&&(s, _)) = hl.peek() {
            if s == i {
                out.push_str(on);
            }
        }
        out.push(c);
        if let Some(&&(_, e)) = hl.peek() {
            if e == i + 1 {
                out.push_str(off);
                hl.next();
            }
        }
    }
    out
}

pub fn search(resp: &SearchResponse, names: &Names) -> String {
    let mut s = String::new();
    let _ = writeln!(s, "{} documents ({:.2} ms)", resp.total, resp.took_ms);
    let u = &resp.understood;
    if !u.doc_numbers.is_empty() {
        let _ = writeln!(s, "document numbers: {}", u.doc_numbers.join(", "));
    }
    if !u.excluded.is_empty() {
        let _ = writeln!(s, "excluded: {}", u.excluded.join(", "));
    }
    if !u.ignored.is_empty() {
        let _ = writeln!(s, "nothing to search in: {}", u.ignored.join(" "));
    }
    if u.relaxed {
        let _ = writeln!(s, "no document holds every word: these hold at least half of them");
    }
    if !u.issuers.is_empty() {
        let _ = writeln!(s, "issuers holding the name: {}", u.issuers.join(", "));
    }
    for (i, h) in resp.hits.iter().enumerate() {
        let _ = writeln!(s);
        let _ = writeln!(
            s,
            "{}. {}",
            i + 1,
            emphasise(&h.title_highlight.text, &h.title_highlight.highlights)
        );
        let mut meta = Vec::new();
        if let Some(n) = &h.doc_number {
            meta.push(n.clone());
        }
        if !h.issuers.is_empty() {
            meta.push(h.issuers.join("、"));
        }
        if let Some(d) = h.written.or(h.published) {
            meta.push(d.to_string());
        } else if let Some(y) = h.year {
            meta.push(y.to_string());
        }
        meta.push(h.kind.as_str().to_string());
        meta.push(h.status.as_str().to_string());
        let _ = writeln!(s, "   {}  [{}]", meta.join(" · "), h.id);
        replaced_by(&mut s, "   ", &h.replaced_by, names);
        let _ = writeln!(s, "   {}", emphasise(&h.snippet.text, &h.snippet.highlights));
    }
    s
}

pub fn lookup(n: &DocNumber, docs: &[Document], names: &Names) -> String {
    let mut s = String::new();
    if docs.is_empty() {
        let _ = writeln!(s, "{}: no document with this number", n.canonical());
        return s;
    }
    // The number the documents carry: the one asked, or its reading without an organ's name.
    let readings: Vec<String> = std::iter::once(n.clone())
        .chain(n.without_organ())
        .map(|r| r.canonical())
        .collect();
    for d in docs {
        let carried = d
            .doc_numbers
            .iter()
            .map(DocNumber::canonical)
            .find(|c| readings.contains(c));
        let _ = writeln!(s, "{}  {}", carried.unwrap_or_else(|| n.canonical()), d.title);
        let _ = writeln!(
            s,
            "   {} · {} · {} · {}  [{}]",
            d.issuers.join("、"),
            d.date().map(|d| d.to_string()).unwrap_or_else(|| "-".into()),
            d.kind.as_str(),
            d.status.as_str(),
            d.id
        );
        replaced_by(&mut s, "   ", &d.replaced_by, names);
        let _ = writeln!(s, "   source: {}  sha256: {}", d.source.path, d.content_hash);
    }
    s
}

/// How a document is named by its id (its title and number), for the lines that refer to
/// one; `None` when the index does not hold it.
pub type Names<'a> = dyn Fn(&str) -> Option<String> + 'a;

/// `replaced by: 《title》 number [ID]` under a document a later one repeals, one line each
/// (the CLI printed the status alone, then the ids alone: see QA staff passes, fourteenth and
/// fifteenth sessions).
fn replaced_by(s: &mut String, indent: &str, ids: &[String], names: &Names) {
    for id in ids {
        match names(id) {
            Some(name) => {
                let _ = writeln!(s, "{indent}replaced by: {name} [{id}]");
            }
            None => {
                let _ = writeln!(s, "{indent}replaced by: {id}");
            }
        }
    }
}

pub fn stats(st: &Stats) -> String {
    let mut s = String::new();
    let _ = writeln!(
        s,
        "documents: {} ({} public, {} restricted)",
        st.documents, st.public, st.restricted
    );
    let _ = writeln!(
        s,
        "with a document number: {}, without: {}",
        st.with_doc_number, st.without_doc_number
    );
    let _ = writeln!(s, "size on disk: {:.1} MiB", st.size_on_disk as f64 / (1 << 20) as f64);
    let _ = writeln!(s, "by kind:");
    for (k, n) in &st.by_kind {
        let _ = writeln!(s, "  {k:<24} {n}");
    }
    let _ = writeln!(
        s,
        "by status (a document a later one repeals is repealed; as the records say it in brackets):"
    );
    for (k, n) in &st.by_status {
        let recorded = st.by_status_recorded.get(k).copied().unwrap_or(0);
        if recorded == *n {
            let _ = writeln!(s, "  {k:<24} {n}");
        } else {
            let _ = writeln!(s, "  {k:<24} {n} ({recorded})");
        }
    }
    let _ = writeln!(s, "top issuers:");
    for (k, n) in &st.top_issuers {
        let _ = writeln!(s, "  {n:>6}  {k}");
    }
    // The newest years, and what the rest and the undated hold: the lines add up to the
    // total. See (QA): 16 of 31 years and the undated documents went unmentioned.
    let _ = writeln!(s, "by year:");
    for (y, n) in st.by_year.iter().rev().take(YEARS_SHOWN) {
        let _ = writeln!(s, "  {y}  {n}");
    }
    let older: Vec<_> = st.by_year.iter().rev().skip(YEARS_SHOWN).collect();
    if let (Some((first, _)), Some((last, _))) = (older.last(), older.first()) {
        let n: u64 = older.iter().map(|(_, n)| **n).sum();
        let _ = writeln!(s, "  {first}–{last}  {n} ({} years; all with --json)", older.len());
    }
    if st.without_year > 0 {
        let _ = writeln!(s, "  no year  {}", st.without_year);
    }
    s
}

/// Years listed one a line by `stats`.
const YEARS_SHOWN: usize = 15;

fn link(l: &gongwen_query::DocLink) -> String {
    match &l.doc_number {
        Some(n) => format!("{} ({n}) [{}]", l.title, l.id),
        None => format!("{} [{}]", l.title, l.id),
    }
}

fn citation(c: &gongwen_query::cite::Citation) -> String {
    let mut s = String::new();
    if let Some(t) = &c.title {
        let _ = write!(s, "《{t}》");
    }
    if let Some(n) = &c.number {
        let _ = write!(s, "（{n}）");
    }
    let _ = write!(s, "  {}", c.resolution.as_str());
    if let Some(t) = &c.target {
        let _ = write!(s, " → {}", link(t));
    }
    if let Some(n) = &c.note {
        let _ = write!(s, "  ({n})");
    }
    s
}

pub fn citations(c: &gongwen_query::cite::Citations) -> String {
    let mut s = String::new();
    let _ = writeln!(s, "{}", link(&c.document));
    let _ = writeln!(s, "\ncites ({}):", c.cites.len());
    for x in &c.cites {
        let _ = writeln!(s, "  {}", citation(x));
    }
    let more = if c.cited_by_truncated { ", and perhaps more" } else { "" };
    let _ = writeln!(s, "\ncited by ({}{more}):", c.cited_by.len());
    for x in &c.cited_by {
        let _ = writeln!(s, "  {}", link(x));
    }
    if let Some(i) = &c.interprets {
        let _ = writeln!(s, "\ninterprets:\n  {}", citation(i));
    }
    if !c.interpretations.is_empty() {
        let _ = writeln!(s, "\ninterpretations ({}):", c.interpretations.len());
        for x in &c.interpretations {
            let _ = writeln!(s, "  {}", link(x));
        }
    }
    s
}

pub fn check(r: &gongwen_query::CheckResult, names: &Names) -> String {
    let mut s = String::new();
    match &r.document {
        Some(d) => {
            let _ = writeln!(s, "{}: exists", r.canonical);
            let _ = writeln!(s, "  {} [{}] {}", d.title, d.id, d.status.as_str());
            replaced_by(&mut s, "  ", &d.replaced_by, names);
            if let Some(m) = r.title_match {
                let _ = writeln!(s, "  title: {}", m.as_str());
            }
        }
        None => {
            let _ = writeln!(s, "{}: no such document in the index", r.canonical);
        }
    }
    if let Some(t) = &r.title_belongs_to {
        let _ = writeln!(s, "  the title belongs to {}", link(t));
    }
    s
}

pub fn citation_report(r: &gongwen_query::cite::CitationReport) -> String {
    let mut s = String::new();
    for e in &r.problems {
        let _ = writeln!(s, "{}", link(&e.document));
        for c in &e.problems {
            let _ = writeln!(s, "  {}", citation(c));
        }
    }
    if !r.suspect_codes.is_empty() {
        let _ = writeln!(s, "\nsuspect issuer codes:");
        for c in &r.suspect_codes {
            let _ = writeln!(
                s,
                "  {} (cited {} times, never an indexed document's code; {} is in use): {}",
                c.code,
                c.citations,
                c.similar_to,
                c.numbers.join("、")
            );
            for d in &c.cited_in {
                let _ = writeln!(s, "    in {}", link(d));
            }
        }
    }
    let _ = writeln!(
        s,
        "\n{} documents, {} cite something; {} references ({})",
        r.documents,
        r.citing_documents,
        r.references,
        r.by_form
            .iter()
            .map(|(k, v)| format!("{k} {v}"))
            .collect::<Vec<_>>()
            .join(", ")
    );
    let _ = writeln!(
        s,
        "by resolution: {}",
        r.by_resolution
            .iter()
            .map(|(k, v)| format!("{k} {v}"))
            .collect::<Vec<_>>()
            .join(", ")
    );
    let _ = writeln!(
        s,
        "repeals {} ({} resolved), amendments {}, interpretations naming a policy {} ({} resolved)",
        r.repeals, r.repeals_resolved, r.amends, r.interpretations, r.interpretations_resolved
    );
    s
}

#[cfg(test)]
mod tests {
    use super::*;

    // See (QA): the text summary listed the 15 newest years only, and said nothing of the
    // older ones and of the undated documents: its lines now add up to the total.
    #[test]
    fn the_years_of_the_summary_add_up() {
        let st = Stats {
            documents: 100,
            by_year: (1990..2010).map(|y| (y, 4)).collect(),
            without_year: 20,
            ..Stats::default()
        };
        let text = stats(&st);
        let years = text.split("by year:\n").nth(1).unwrap_or_default();
        let counts: u64 = years
            .lines()
            .filter_map(|l| {
                let l = l.trim();
                let l = l.strip_prefix("no year").map_or(l, |rest| rest);
                let n = if l.starts_with(' ') {
                    l.split_whitespace().next()?
                } else {
                    l.split_whitespace().nth(1)?
                };
                n.parse::<u64>().ok()
            })
            .sum();
        assert_eq!(counts, 100, "{text}");
        assert!(
            years.contains("1990–1994  20 (5 years") && years.contains("no year  20"),
            "{text}"
        );
    }
}
