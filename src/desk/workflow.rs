//! The desk's queue: who reviews which claim, how urgently and by when, and the reader-facing
//! write-up of a verdict.

use super::{Clock, Desk, DeskError, identity::same_person};
use crate::edit::Edit;
use crate::model::{
    Assignment, Claim, ClaimId, ClaimantKind, Note, Priority, SignOff, SignOffDecision,
    SignOffState, Workspace,
};
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
    /// Due before this day (overdue on it) and still without a verdict: `(today, the
    /// vocabulary's first status)`.
    pub overdue_on: Option<(Date, crate::model::Status)>,
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
            && self
                .overdue_on
                .as_ref()
                .is_none_or(|(today, open)| &claim.status == open && a.is_overdue(*today))
    }
}

/// The claims assigned to `who` that have no verdict yet (the vocabulary's first status),
/// most urgent first: by priority, then due date (undated last), then id.
pub fn queue_of(ws: &Workspace, who: &str) -> Vec<ClaimId> {
    let open = ws.manifest.initial_status();
    let mut mine: Vec<(&Assignment, &ClaimId)> = ws
        .claims()
        .filter(|c| c.status == open)
        .filter_map(|c| Some((c.assignment.as_deref()?, &c.id)))
        .filter(|(a, _)| same_person(&a.assignee, who))
        .collect();
    mine.sort_by(|(a, x), (b, y)| {
        (a.priority, a.due.is_none(), a.due, x).cmp(&(b.priority, b.due.is_none(), b.due, y))
    });
    mine.into_iter().map(|(_, id)| id.clone()).collect()
}

/// The verdicts that wait for a second reviewer, oldest verdict first, leaving out those
/// `who` gave (they cannot sign their own off).
pub fn signoff_queue(ws: &Workspace, who: Option<&str>) -> Vec<ClaimId> {
    let mut waiting: Vec<(crate::model::Timestamp, &ClaimId)> = ws
        .claims()
        .filter(|c| c.signoff_state(&ws.manifest) == SignOffState::Awaiting)
        .filter_map(|c| {
            let v = c.verdict()?;
            (!who.is_some_and(|me| v.is_by(me))).then_some((v.time, &c.id))
        })
        .collect();
    waiting.sort();
    waiting.into_iter().map(|(_, id)| id.clone()).collect()
}

impl Desk {
    /// Approves the claim's verdict, or sends it back with `note` (needed then), as the
    /// reviewer, who must not be the verdict's author. The note joins the thread.
    pub fn sign_off(&mut self, id: &ClaimId, approve: bool, note: &str) -> Result<(), DeskError> {
        let (by, time) = self.stamp()?;
        let refuse = |why: String| Err(DeskError::Refused(crate::edit::EditError(why)));
        let ws = self.workspace();
        let Some(claim) = ws.get(id) else {
            return refuse(format!("no claim {id}"));
        };
        if !ws.manifest.require_signoff {
            return refuse(
                "this workspace does not ask for sign-off (require_signoff in workspace.ron)"
                    .into(),
            );
        }
        let Some(verdict) = claim
            .verdict()
            .filter(|_| claim.status != ws.manifest.initial_status())
        else {
            return refuse(format!("claim {id} has no verdict to sign off"));
        };
        match claim.signoff_state(&ws.manifest) {
            SignOffState::Approved => {
                return refuse(format!("claim {id}'s verdict is signed off already"));
            }
            SignOffState::SentBack => {
                return refuse(format!(
                    "claim {id}'s verdict was sent back; it waits for its author to give one again"
                ));
            }
            SignOffState::Awaiting | SignOffState::NotNeeded => {}
        }
        if verdict.is_by(&by) {
            return refuse(format!(
                "{by} gave this verdict; another reviewer must sign it off"
            ));
        }
        let note = note.trim();
        if !approve && note.is_empty() {
            return refuse("say why the verdict goes back: a note is needed".into());
        }
        let signoff = SignOff {
            decision: if approve {
                SignOffDecision::Approved
            } else {
                SignOffDecision::SentBack
            },
            by: by.clone(),
            time,
            verdict: verdict.time,
            note: note.to_string(),
        };
        let mut steps = vec![Edit::SetSignOff {
            id: id.clone(),
            signoff: Some(signoff),
        }];
        if !note.is_empty() {
            let what = if approve { "Signed off" } else { "Sent back" };
            steps.push(Edit::AddNote {
                id: id.clone(),
                note: Note {
                    author: by.into(),
                    time,
                    text: format!("{what}: {note}").into(),
                },
            });
        }
        self.apply(Edit::Batch(steps))
    }

    /// Puts a sent-back verdict up for sign-off again, as it is (after the author has looked
    /// at it, or changed other fields); `note` says what was done, and joins the thread.
    pub fn resubmit(&mut self, id: &ClaimId, note: &str) -> Result<(), DeskError> {
        let (by, time) = self.stamp()?;
        let ws = self.workspace();
        let refuse = |why: String| Err(DeskError::Refused(crate::edit::EditError(why)));
        let Some(claim) = ws
            .get(id)
            .filter(|c| c.signoff_state(&ws.manifest) == SignOffState::SentBack)
        else {
            return refuse(format!("claim {id}'s verdict was not sent back"));
        };
        // The one who sent it back must not be able to put it up and approve it alone.
        if !claim.verdict().is_some_and(|v| v.is_by(&by)) {
            return refuse(
                "only the verdict's author puts it up for sign-off again (or gives a new verdict)"
                    .to_string(),
            );
        }
        let mut steps = vec![Edit::SetSignOff {
            id: id.clone(),
            signoff: None,
        }];
        let note = note.trim();
        steps.push(Edit::AddNote {
            id: id.clone(),
            note: Note {
                author: by.into(),
                time,
                text: if note.is_empty() {
                    "Put up for sign-off again".into()
                } else {
                    format!("Put up for sign-off again: {note}").into()
                },
            },
        });
        self.apply(Edit::Batch(steps))
    }

    /// Gives these claims one verdict with one reason, as one undo step (a bulk action). A
    /// claim that has that status already is left as it is. A workspace with
    /// `require_reason` refuses a blank reason and changes nothing.
    pub fn set_verdicts(
        &mut self,
        ids: &[ClaimId],
        status: &crate::model::Status,
        reason: &str,
    ) -> Result<usize, DeskError> {
        let (by, time) = self.stamp()?;
        self.check_reason(reason)?;
        let reason = reason.trim();
        let ws = self.workspace();
        let mut steps = Vec::new();
        let mut changed = 0;
        for id in ids {
            if ws.get(id).is_none_or(|c| &c.status == status) {
                continue;
            }
            changed += 1;
            steps.push(Edit::SetStatus {
                id: id.clone(),
                status: status.clone(),
                by: by.clone(),
                time,
                reason: reason.to_string(),
            });
            if !reason.is_empty() {
                steps.push(Edit::AddNote {
                    id: id.clone(),
                    note: Note {
                        author: by.as_str().into(),
                        time,
                        text: reason.into(),
                    },
                });
            }
        }
        if changed > 0 {
            self.apply(Edit::Batch(steps))?;
        }
        Ok(changed)
    }

    /// Tags these claims, as one undo step; claims with the tag already are left as they are.
    pub fn tag_all(&mut self, ids: &[ClaimId], tag: &str) -> Result<usize, DeskError> {
        let tag = tag.trim();
        let ws = self.workspace();
        let steps: Vec<Edit> = ids
            .iter()
            .filter(|id| {
                ws.get(id)
                    .is_some_and(|c| !c.tags.iter().any(|t| t.eq_ignore_ascii_case(tag)))
            })
            .map(|id| Edit::AddTag {
                id: id.clone(),
                tag: tag.to_string(),
            })
            .collect();
        let n = steps.len();
        if n > 0 {
            self.change(Edit::Batch(steps))?;
        }
        Ok(n)
    }

    /// Saves `filter` as the view `name` for the whole desk (replacing one of that name),
    /// written to `workspace.ron` at once.
    pub fn save_view(
        &mut self,
        name: &str,
        filter: &crate::model::ClaimFilter,
    ) -> Result<(), DeskError> {
        let name = name.trim();
        if name.is_empty() {
            return Err(DeskError::Refused(crate::edit::EditError(
                "a view needs a name".into(),
            )));
        }
        self.writable()?;
        let mut views = self.workspace().manifest.views.clone();
        let view = crate::model::SavedView {
            name: name.to_string(),
            statuses: filter.statuses.clone(),
            tags: filter.tags.clone(),
            search: filter.search.trim().to_string(),
        };
        match views.iter_mut().find(|v| v.name.eq_ignore_ascii_case(name)) {
            Some(old) => *old = view,
            None => views.push(view),
        }
        self.session.set_views(views).map_err(DeskError::Save)
    }

    /// Removes the saved view `name`.
    pub fn delete_view(&mut self, name: &str) -> Result<(), DeskError> {
        self.writable()?;
        let mut views = self.workspace().manifest.views.clone();
        views.retain(|v| !v.name.eq_ignore_ascii_case(name.trim()));
        self.session.set_views(views).map_err(DeskError::Save)
    }

    /// Verdicts waiting for sign-off that this reviewer may decide on.
    pub fn signoff_queue(&self) -> Vec<ClaimId> {
        signoff_queue(self.workspace(), self.reviewer.as_ref().map(|r| r.name()))
    }

    /// Today, for due dates.
    pub fn today(&self) -> Date {
        self.clock.today()
    }

    /// Assigns these claims to `name`, as one undo step. A claim assigned already keeps its
    /// priority and due date unless new ones are given; one not assigned yet gets `normal`
    /// and no date unless given. The name follows the rules of a reviewer's name (one line,
    /// at most 200 characters), spaces inside it collapsed, so that it finds its queue.
    pub fn assign_to(
        &mut self,
        ids: &[ClaimId],
        name: &str,
        priority: Option<Priority>,
        due: Option<jiff::civil::Date>,
    ) -> Result<(), DeskError> {
        let name = name.split_whitespace().collect::<Vec<_>>().join(" ");
        let Some(who) = super::Reviewer::new(&name) else {
            return Err(DeskError::Refused(crate::edit::EditError(format!(
                "{name:?} is not a name to assign to: {}",
                super::identity::NAME_RULE
            ))));
        };
        let ws = self.workspace();
        let edits = ids
            .iter()
            .map(|id| {
                let old = ws.get(id).and_then(|c| c.assignment.as_ref());
                Edit::Assign {
                    id: id.clone(),
                    assignment: Some(Assignment {
                        assignee: who.name().to_string(),
                        priority: priority.or(old.map(|a| a.priority)).unwrap_or_default(),
                        due: due.or(old.and_then(|a| a.due)),
                    }),
                }
            })
            .collect();
        self.apply(Edit::Batch(edits))
    }

    /// Assigns these claims, or takes their assignment away (`None`), as one undo step, with
    /// exactly this assignment.
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
