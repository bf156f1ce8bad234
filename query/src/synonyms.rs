//! Abbreviations of issuers and policy terms (国办 ↔ 国务院办公厅, 放管服 ↔ 简政放权、放管结合、
//! 优化服务): groups of equivalent expressions, from the built-in list plus an optional file
//! given at start (`--synonyms FILE`), so the list grows without a rebuild.
//!
//! File format: one group a line, members separated by whitespace, `,` or `，`; a member may
//! be a list joined by `、` (an expansion into several phrases, all of which are searched);
//! a line of one such list alone (a slogan, `稳地价、稳房价、稳预期`) groups it with its
//! spelling without the marks, as search boxes get it; `#` starts a comment.

use std::path::Path;

const BUILT_IN: &str = include_str!("../synonyms.txt");

/// Groups of equivalent expressions.
#[derive(Debug, Clone, Default)]
pub struct Synonyms {
    groups: Vec<Vec<String>>,
}

impl Synonyms {
    /// The built-in list, and every slogan of the government vocabulary printed as a list
    /// (`双随机、一公开`, `稳地价、稳房价、稳预期`) with the same typed without its marks
    /// (`双随机一公开`, as search boxes get it): either finds the other.
    pub fn built_in() -> Synonyms {
        let mut s = Synonyms::default();
        s.add_text(BUILT_IN);
        for term in gongwen_schema::analyzer::vocabulary().filter(|t| t.contains('、')) {
            s.add_slogan(term);
        }
        s
    }

    /// A slogan printed as a list, grouped with its spelling without marks. The unmarked one
    /// comes first: `expand_found` takes the first member a text holds, and the marked one
    /// would also match a text holding only the unmarked one.
    fn add_slogan(&mut self, marked: &str) {
        let group = vec![marked.replace('、', ""), marked.to_string()];
        if !self.groups.contains(&group) {
            self.groups.push(group);
        }
    }

    /// The built-in list plus a file.
    pub fn with_file(path: &Path) -> std::io::Result<Synonyms> {
        let mut s = Synonyms::built_in();
        s.add_text(&std::fs::read_to_string(path)?);
        Ok(s)
    }

    fn add_text(&mut self, text: &str) {
        for line in text.lines() {
            let line = line.split('#').next().unwrap_or_default();
            let group: Vec<String> = line
                .split(|c: char| c.is_whitespace() || c == ',' || c == '，')
                .filter(|m| !m.is_empty())
                .map(str::to_string)
                .collect();
            match group.as_slice() {
                [one] if one.contains('、') => self.add_slogan(one),
                [_] | [] => {}
                _ => self.groups.push(group),
            }
        }
    }

    /// Number of groups.
    pub fn len(&self) -> usize {
        self.groups.len()
    }

    /// True when there is no group.
    pub fn is_empty(&self) -> bool {
        self.groups.is_empty()
    }

    /// For every group with a member found in `text`, the phrases of the other members
    /// (a member joined by `、` gives each part). Each alternative is a list of phrases that
    /// together stand for the member.
    pub fn expand(&self, text: &str) -> Vec<Vec<String>> {
        self.expand_found(text).into_iter().map(|(_, alt)| alt).collect()
    }

    /// [`Synonyms::expand`], each alternative with the text found in `text` that it stands
    /// for (so the rest of the query can be kept beside it).
    pub fn expand_found(&self, text: &str) -> Vec<(String, Vec<String>)> {
        let mut out = Vec::new();
        for group in &self.groups {
            let Some((hit, found)) = group.iter().find_map(|m| {
                let joined = m.replace('、', "");
                if text.contains(m.as_str()) {
                    Some((m, m.clone()))
                } else if text.contains(joined.as_str()) {
                    Some((m, joined))
                } else {
                    None
                }
            }) else {
                continue;
            };
            for m in group.iter().filter(|m| *m != hit) {
                out.push((
                    found.clone(),
                    m.split('、').filter(|p| !p.is_empty()).map(str::to_string).collect(),
                ));
            }
        }
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn both_ways() {
        let s = Synonyms::built_in();
        assert!(s.expand("国办通知").iter().any(|alt| alt == &["国务院办公厅"]));
        assert!(s.expand("国务院办公厅通知").iter().any(|alt| alt == &["国办"]));
        assert!(s.expand("放管服改革").iter().any(|alt| alt.len() == 3));
        assert!(s
            .expand("简政放权、放管结合、优化服务")
            .iter()
            .any(|alt| alt == &["放管服"]));
    }

    // See (QA relevance pass): `双随机一公开` typed without its mark found 10 documents, against
    // 87 for `双随机、一公开`: the slogan's phrase stops at the mark.
    #[test]
    fn slogans_typed_without_their_marks() {
        let s = Synonyms::built_in();
        assert!(s
            .expand("双随机一公开监管")
            .iter()
            .any(|alt| alt == &["双随机", "一公开"]));
        assert!(s.expand("稳地价稳房价稳预期").iter().any(|alt| alt.len() == 3));
        assert!(s.expand("保交楼保民生").iter().any(|alt| alt == &["保交楼", "保民生"]));
        // And the other way: the marked slogan also finds it written without marks.
        assert!(s
            .expand("“双随机、一公开”监管")
            .iter()
            .any(|alt| alt == &["双随机一公开"]));
        assert!(s.expand("随机抽查").is_empty());
    }
}
