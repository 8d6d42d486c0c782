//! The desk's workflow on a claim: who it is assigned to, how urgent it is and by when, what
//! kind of claimant made it, and a second reviewer's sign-off of its verdict. Every field is
//! optional in the files: a claim that uses none of them is written exactly as before.

use super::{Claim, Manifest, Timestamp};
use serde::{Deserialize, Serialize};

/// True when two recorded names are the same identity (trimmed, any case, whole).
pub fn same_person(a: &str, b: &str) -> bool {
    let (a, b) = (a.trim(), b.trim());
    a == b || a.to_lowercase() == b.to_lowercase()
}

impl super::HistoryEntry {
    /// True when `who` gave this verdict: applied it, or judged it in a review file it came
    /// from. Such a person cannot sign it off.
    pub fn is_by(&self, who: &str) -> bool {
        same_person(&self.by, who) || self.reviewers.iter().any(|r| same_person(r, who))
    }
}

/// What a second reviewer said of a verdict.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub enum SignOffDecision {
    /// It may be published.
    Approved,
    /// Sent back to its author, with a note.
    SentBack,
}

/// A second reviewer's decision on one verdict.
#[derive(Clone, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SignOff {
    /// Approved or sent back.
    pub decision: SignOffDecision,
    /// Who decided (never the verdict's author).
    pub by: String,
    /// When.
    pub time: Timestamp,
    /// The time of the verdict decided on: a later verdict needs a sign-off of its own.
    pub verdict: Timestamp,
    /// Why it was sent back (or a remark on an approval).
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub note: String,
}

/// Where a claim's verdict stands with sign-off.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum SignOffState {
    /// No verdict yet, or the workspace does not ask for sign-off.
    NotNeeded,
    /// A verdict waits for a second reviewer.
    Awaiting,
    /// A second reviewer approved the current verdict.
    Approved,
    /// A second reviewer sent the current verdict back.
    SentBack,
}

impl Claim {
    /// Where its verdict stands with sign-off in a workspace with `manifest`.
    pub fn signoff_state(&self, manifest: &Manifest) -> SignOffState {
        if !manifest.require_signoff || self.status == manifest.initial_status() {
            return SignOffState::NotNeeded;
        }
        let Some(verdict) = self.verdict() else {
            return SignOffState::NotNeeded;
        };
        match &self.signoff {
            Some(s) if s.verdict == verdict.time => match s.decision {
                SignOffDecision::Approved => SignOffState::Approved,
                SignOffDecision::SentBack => SignOffState::SentBack,
            },
            _ => SignOffState::Awaiting,
        }
    }

    /// True when its verdict may be published: it has one, it is signed off where the
    /// workspace asks for that, and no merge left its verdict, write-up or sign-off unsettled.
    pub fn is_publishable(&self, manifest: &Manifest) -> bool {
        use super::merge::Field;
        let unsettled = self.conflict.as_ref().is_some_and(|c| {
            c.fields
                .iter()
                .any(|f| matches!(f, Field::Status | Field::SignOff | Field::WriteUp))
        });
        self.status != manifest.initial_status()
            && !unsettled
            && matches!(
                self.signoff_state(manifest),
                SignOffState::NotNeeded | SignOffState::Approved
            )
    }
}

/// How urgent a claim is.
#[derive(
    Clone, Copy, Debug, Default, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize,
)]
pub enum Priority {
    /// Before anything else.
    High,
    /// The usual.
    #[default]
    Normal,
    /// When there is time.
    Low,
}

impl Priority {
    /// Every priority, most urgent first.
    pub const ALL: [Priority; 3] = [Priority::High, Priority::Normal, Priority::Low];

    /// The lower-case word: `high`, `normal` or `low`.
    pub fn name(self) -> &'static str {
        match self {
            Priority::High => "high",
            Priority::Normal => "normal",
            Priority::Low => "low",
        }
    }

    /// The priority named `name` (any case).
    pub fn from_name(name: &str) -> Option<Priority> {
        Priority::ALL
            .into_iter()
            .find(|p| p.name().eq_ignore_ascii_case(name.trim()))
    }

    fn is_normal(&self) -> bool {
        *self == Priority::Normal
    }
}

/// Who a claim is assigned to, how urgent it is, and by when it is due.
#[derive(Clone, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Assignment {
    /// The reviewer, as they name themselves.
    pub assignee: String,
    /// How urgent.
    #[serde(default, skip_serializing_if = "Priority::is_normal")]
    pub priority: Priority,
    /// When the verdict is due.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub due: Option<jiff::civil::Date>,
}

impl Assignment {
    /// True when it is due before `today`.
    pub fn is_overdue(&self, today: jiff::civil::Date) -> bool {
        self.due.is_some_and(|due| due < today)
    }
}

/// What kind of claimant made a claim: ClaimReview types its author by it.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub enum ClaimantKind {
    /// A person.
    Person,
    /// An organization: an outlet, a ministry, an office.
    Organization,
}

impl ClaimantKind {
    /// The lower-case word: `person` or `organization`.
    pub fn name(self) -> &'static str {
        match self {
            ClaimantKind::Person => "person",
            ClaimantKind::Organization => "organization",
        }
    }

    /// The kind named `name` (any case; `org` for short).
    pub fn from_name(name: &str) -> Option<ClaimantKind> {
        match name.trim().to_ascii_lowercase().as_str() {
            "person" => Some(ClaimantKind::Person),
            "organization" | "organisation" | "org" => Some(ClaimantKind::Organization),
            _ => None,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_round_trip_and_overdue_is_strictly_before_today() {
        for p in Priority::ALL {
            assert_eq!(Priority::from_name(&p.name().to_uppercase()), Some(p));
        }
        assert_eq!(
            ClaimantKind::from_name("Org"),
            Some(ClaimantKind::Organization)
        );
        let a = Assignment {
            assignee: "Ana".into(),
            priority: Priority::High,
            due: Some(jiff::civil::date(2026, 11, 29)),
        };
        assert!(!a.is_overdue(jiff::civil::date(2026, 11, 29)));
        assert!(a.is_overdue(jiff::civil::date(2026, 11, 30)));
    }
}
