//! The desk's queue: who reviews which claim, how urgently and by when, and the reader-facing
//! write-up of a verdict.

use super::{Clock, Desk, DeskError, identity::same_person};
use crate::edit::Edit;
use crate::model::{Assignment, Claim, ClaimId, ClaimantKind, Priority, Workspace};
use jiff::civil::Date;

impl Clock {
    /// Today's date where the desk is (the system's time zone); a fixed clock's date in UTC.
    pub fn today(self) -> Date {
        match self {
            Clock::Fixed(t) => t.to_zoned(jiff::tz::TimeZone::UTC).date(),
            Clock::System => jiff::Zoned::now().date(),
        }
    }
}

/// Which assignments to keep, as `claimdesk list` asks.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct AssignmentFilter {
    /// Assigned to this reviewer (the same person: trimmed, any case).
    pub assignee: Option<String>,
    /// Of this priority.
    pub priority: Option<Priority>,
    /// Due before this day (overdue on it).
    pub overdue_on: Option<Date>,
}

impl AssignmentFilter {
    /// True when the filter keeps every claim.
    pub fn is_empty(&self) -> bool {
        *self == AssignmentFilter::default()
    }

    /// Whether `claim` passes. A filter on any part of an assignment drops claims without one.
    pub fn matches(&self, claim: &Claim) -> bool {
        if self.is_empty() {
            return true;
        }
        let Some(a) = &claim.assignment else {
            return false;
        };
        self.assignee
            .as_deref()
            .is_none_or(|who| same_person(who, &a.assignee))
            && self.priority.is_none_or(|p| p == a.priority)
            && self.overdue_on.is_none_or(|today| a.is_overdue(today))
    }
}

/// The claims assigned to `who` that have no verdict yet (the vocabulary's first status),
/// most urgent first: by priority, then due date (undated last), then id.
pub fn queue_of(ws: &Workspace, who: &str) -> Vec<ClaimId> {
    let open = ws.manifest.initial_status();
    let mut mine: Vec<(&Assignment, &ClaimId)> = ws
        .claims()
        .filter(|c| c.status == open)
        .filter_map(|c| Some((c.assignment.as_ref()?, &c.id)))
        .filter(|(a, _)| same_person(&a.assignee, who))
        .collect();
    mine.sort_by(|(a, x), (b, y)| {
        (a.priority, a.due.is_none(), a.due, x).cmp(&(b.priority, b.due.is_none(), b.due, y))
    });
    mine.into_iter().map(|(_, id)| id.clone()).collect()
}

impl Desk {
    /// Today, for due dates.
    pub fn today(&self) -> Date {
        self.clock.today()
    }

    /// Assigns these claims, or takes their assignment away (`None`), as one undo step. An
    /// assignment of a claim that has none yet and no priority given keeps `normal`.
    pub fn assign(
        &mut self,
        ids: &[ClaimId],
        assignment: Option<Assignment>,
    ) -> Result<(), DeskError> {
        if let Some(a) = &assignment
            && a.assignee.trim().is_empty()
        {
            return Err(DeskError::Refused(crate::edit::EditError(
                "an assignment needs the name of the reviewer it goes to".into(),
            )));
        }
        let edits = ids
            .iter()
            .map(|id| Edit::Assign {
                id: id.clone(),
                assignment: assignment.clone(),
            })
            .collect();
        self.apply(Edit::Batch(edits))
    }

    /// This reviewer's queue (see [`queue_of`]); empty without a reviewer.
    pub fn my_queue(&self) -> Vec<ClaimId> {
        match &self.reviewer {
            Some(me) => queue_of(self.workspace(), me.name()),
            None => Vec::new(),
        }
    }

    /// Sets the verdict's explanation for readers; empty removes it.
    pub fn set_write_up(&mut self, id: &ClaimId, text: &str) -> Result<(), DeskError> {
        self.apply(Edit::SetWriteUp {
            id: id.clone(),
            text: text.trim_end().to_string(),
        })
    }

    /// Says whether the claimant is a person or an organization (`None`: not said).
    pub fn set_claimant_kind(
        &mut self,
        id: &ClaimId,
        kind: Option<ClaimantKind>,
    ) -> Result<(), DeskError> {
        self.apply(Edit::SetClaimantKind {
            id: id.clone(),
            kind,
        })
    }
}
