//! The desk's workflow on a claim: who it is assigned to, how urgent it is and by when, and
//! what kind of claimant made it. Every field is optional in the files: a claim that uses
//! none of them is written exactly as before.

use serde::{Deserialize, Serialize};

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
