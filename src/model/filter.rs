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

    /// Whether `claim` passes.
    pub fn matches(&self, claim: &Claim) -> bool {
        if !self.statuses.is_empty() && !self.statuses.contains(&claim.status) {
            return false;
        }
        if !self
            .tags
            .iter()
            .all(|t| claim.tags.iter().any(|c| c.eq_ignore_ascii_case(t)))
        {
            return false;
        }
        let needle = self.search.trim().to_lowercase();
        if needle.is_empty() {
            return true;
        }
        let hit = |hay: &str| hay.to_lowercase().contains(&needle);
        hit(claim.id.as_str())
            || hit(&claim.text)
            || hit(&claim.claimant)
            || claim.tags.iter().any(|t| hit(t))
            || claim.notes.iter().any(|n| hit(&n.text))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{ClaimId, Note};

    fn sample() -> Claim {
        let mut c = Claim::new(
            ClaimId::new("visit").unwrap(),
            "The delegation attended a TRADE show.".into(),
            "Iranian foreign ministry".into(),
            Status::new("confirmed"),
        );
        c.tags = vec!["iran".into(), "trade".into()];
        c.notes.push(Note {
            author: "ana".into(),
            time: "2024-04-25T10:00:00Z".parse().unwrap(),
            text: "Checked against the fair's exhibitor list".into(),
        });
        c
    }

    #[test]
    fn search_covers_text_claimant_tags_and_notes() {
        let c = sample();
        for word in ["trade show", "MINISTRY", "iran", "exhibitor", "visit", ""] {
            let f = ClaimFilter {
                search: word.into(),
                ..Default::default()
            };
            assert!(f.matches(&c), "{word:?} did not match");
        }
        let f = ClaimFilter {
            search: "missile".into(),
            ..Default::default()
        };
        assert!(!f.matches(&c));
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
        assert!(f(&[], &["iran", "trade"]).matches(&c));
        assert!(!f(&[], &["iran", "russia"]).matches(&c));
    }
}
