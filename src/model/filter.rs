use super::{Claim, Status};

/// Which claims to show: by status, by tag and by words, as both the list command and the
/// window's claim list ask.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct ClaimFilter {
    /// Keep claims with any of these statuses; empty keeps all.
    pub statuses: Vec<Status>,
    /// Keep claims that carry every one of these tags (ignoring case).
    pub tags: Vec<String>,
    /// Keep claims whose id, text, claimant, tags or notes contain this, ignoring case.
    pub search: String,
}

impl ClaimFilter {
    /// True when the filter keeps every claim.
    pub fn is_empty(&self) -> bool {
        self.statuses.is_empty() && self.tags.is_empty() && self.search.trim().is_empty()
    }

    /// Whether `claim` passes. To test many claims, make a [`Matcher`] once instead.
    pub fn matches(&self, claim: &Claim) -> bool {
        self.matcher().matches(claim)
    }

    /// The filter prepared for testing many claims.
    pub fn matcher(&self) -> Matcher<'_> {
        Matcher {
            filter: self,
            needle: self.search.trim().to_lowercase(),
        }
    }
}

/// A [`ClaimFilter`] with its search words folded to lower case once.
#[derive(Clone, Debug)]
pub struct Matcher<'a> {
    filter: &'a ClaimFilter,
    needle: String,
}

impl Matcher<'_> {
    /// Whether `claim` passes.
    pub fn matches(&self, claim: &Claim) -> bool {
        let f = self.filter;
        if !f.statuses.is_empty() && !f.statuses.contains(&claim.status) {
            return false;
        }
        if !f
            .tags
            .iter()
            .all(|t| claim.tags.iter().any(|c| c.eq_ignore_ascii_case(t)))
        {
            return false;
        }
        if self.needle.is_empty() {
            return true;
        }
        let hit = |hay: &str| contains_folded(hay, &self.needle);
        hit(claim.id.as_str())
            || hit(&claim.text)
            || hit(&claim.claimant)
            || claim.tags.iter().any(|t| hit(t))
            || claim.notes.iter().any(|n| hit(&n.text))
    }
}

/// Whether `hay` contains `needle` (already lower case), ignoring case. ASCII needles, the
/// common case, are matched without allocating: this runs over every claim on each keystroke.
fn contains_folded(hay: &str, needle: &str) -> bool {
    if !needle.is_ascii() {
        return hay.to_lowercase().contains(needle);
    }
    let (hay, needle) = (hay.as_bytes(), needle.as_bytes());
    let Some((&first, rest)) = needle.split_first() else {
        return true;
    };
    if hay.len() < needle.len() {
        return false;
    }
    let upper = first.to_ascii_uppercase();
    hay[..=hay.len() - needle.len()]
        .iter()
        .enumerate()
        .filter(|(_, b)| **b == first || **b == upper)
        .any(|(i, _)| hay[i + 1..i + needle.len()].eq_ignore_ascii_case(rest))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{ClaimId, Note};

    fn sample() -> Claim {
        let mut c = Claim::new(
            ClaimId::new("visit").unwrap(),
            "The delegation attended a TRADE show in Tehran.".into(),
            "Iranian foreign ministry".into(),
            Status::new("confirmed"),
        );
        c.tags = vec!["iran".into(), "trade".into()];
        c.notes.push(Note {
            author: "ana".into(),
            time: "2024-04-25T10:00:00Z".parse().unwrap(),
            text: "Checked against the fair's exhibitor list (Ölçü fuarı)".into(),
        });
        c
    }

    fn search(words: &str) -> ClaimFilter {
        ClaimFilter {
            search: words.into(),
            ..Default::default()
        }
    }

    #[test]
    fn search_covers_text_claimant_tags_and_notes() {
        let c = sample();
        for word in [
            "trade show",
            "MINISTRY",
            "iran",
            "exhibitor",
            "visit",
            "",
            "  tehran. ",
            "ölçü",
        ] {
            assert!(search(word).matches(&c), "{word:?} did not match");
        }
        for word in ["missile", "tehran!", "trade  show", "ölçüm"] {
            assert!(!search(word).matches(&c), "{word:?} matched");
        }
    }

    #[test]
    fn folded_search_agrees_with_lowercasing() {
        let hays = [
            "",
            "a",
            "Ab",
            "xxAbCxx",
            "ab",
            "abc",
            "ABCABD",
            "é É",
            "İstanbul",
        ];
        let needles = ["a", "ab", "abc", "abd", "b", "x", "é", "istanbul"];
        for hay in hays {
            for needle in needles {
                assert_eq!(
                    contains_folded(hay, needle),
                    hay.to_lowercase().contains(needle),
                    "{hay:?} / {needle:?}"
                );
            }
        }
    }

    #[test]
    fn statuses_are_any_of_and_tags_all_of() {
        let c = sample();
        let f = |statuses: &[&str], tags: &[&str]| ClaimFilter {
            statuses: statuses.iter().map(|s| Status::new(*s)).collect(),
            tags: tags.iter().map(|s| s.to_string()).collect(),
            search: String::new(),
        };
        assert!(f(&["disputed", "confirmed"], &[]).matches(&c));
        assert!(!f(&["disputed"], &[]).matches(&c));
        assert!(f(&[], &["iran", "TRADE"]).matches(&c));
        assert!(!f(&[], &["iran", "russia"]).matches(&c));
    }
}
