//! The reviewer's queues: "My queue", the claims assigned to them that have no verdict yet,
//! most urgent first (priority, then due date), overdue ones marked; and "Sign-off", the
//! verdicts others gave that wait for a second reviewer, oldest first. Each is made again only
//! when the claims change, not every frame.

use super::Action;
use crate::desk::Desk;
use crate::model::ClaimId;
use egui::RichText;

/// A queue as last made.
pub struct QueueView {
    /// The session generation and reviewer it was made for.
    key: Option<(u64, String)>,
    rows: Vec<ClaimId>,
    make: fn(&Desk) -> Vec<ClaimId>,
    /// Whether a claim belongs in the queue, to tell whether a change can touch it.
    member: fn(&Desk, &crate::model::Claim) -> bool,
}

impl QueueView {
    /// The claims assigned to the reviewer, waiting for a verdict.
    pub fn mine() -> Self {
        Self {
            key: None,
            rows: Vec::new(),
            make: Desk::my_queue,
            member: |desk, c| {
                c.status == desk.workspace().manifest.initial_status()
                    && c.assignment
                        .as_ref()
                        .is_some_and(|a| desk.reviewer().is_some_and(|me| me.is(&a.assignee)))
            },
        }
    }

    /// The verdicts the reviewer may sign off.
    pub fn signoff() -> Self {
        Self {
            key: None,
            rows: Vec::new(),
            make: Desk::signoff_queue,
            member: |desk, c| {
                c.signoff_state(&desk.workspace().manifest) == crate::model::SignOffState::Awaiting
            },
        }
    }

    /// The queue, made again when the claims or the reviewer changed. A change only to
    /// claims that neither were nor are in the queue (typing in a claim nobody assigned to
    /// you) keeps it: a pass over every claim costs milliseconds at 100,000, not to be paid
    /// per keystroke.
    pub fn rows(&mut self, desk: &Desk) -> &[ClaimId] {
        let who = desk.reviewer().map_or("", |r| r.name());
        let session = desk.session();
        // Compared in place: nothing is allocated on a frame where nothing changed.
        if self
            .key
            .as_ref()
            .is_some_and(|(g, w)| *g == session.generation() && w == who)
        {
            return &self.rows;
        }
        let key = (session.generation(), who.to_string());
        let unaffected = self.key.as_ref().is_some_and(|(generation, old_who)| {
            *old_who == key.1
                && session.changed_since(*generation).is_some_and(|ids| {
                    ids.iter().all(|id| {
                        !self.rows.contains(id)
                            && desk
                                .workspace()
                                .get(id)
                                .is_none_or(|c| !(self.member)(desk, c))
                    })
                })
        });
        if !unaffected {
            self.rows = (self.make)(desk);
        }
        self.key = Some(key);
        &self.rows
    }
}

/// Draws the sign-off queue.
pub fn show_signoff(
    ui: &mut egui::Ui,
    queue: &mut QueueView,
    desk: &Desk,
    actions: &mut Vec<Action>,
) {
    let ws = desk.workspace();
    let rows = queue.rows(desk);
    ui.label(format!(
        "{} verdict(s) by other reviewers wait for sign-off, oldest first. Open one to approve it or send it back.",
        rows.len()
    ));
    claim_rows(ui, desk.workspace(), rows, actions, |ui, claim| {
        let Some(verdict) = claim.verdict() else {
            return;
        };
        ui.label(RichText::new(ws.manifest.label(&claim.status)).strong());
        ui.label(format!(
            "by {}, {}",
            verdict.by,
            crate::model::display_time(verdict.time)
        ));
    });
}

/// One row per claim, only the visible ones laid out: what `lead` draws, then a link that
/// opens the claim.
fn claim_rows(
    ui: &mut egui::Ui,
    ws: &crate::model::Workspace,
    rows: &[ClaimId],
    actions: &mut Vec<Action>,
    lead: impl Fn(&mut egui::Ui, &crate::model::Claim),
) {
    ui.add_space(4.0);
    egui::ScrollArea::vertical()
        .auto_shrink([false, false])
        .show_rows(ui, 40.0, rows.len(), |ui, range| {
            for id in &rows[range] {
                let Some(claim) = ws.get(id) else { continue };
                ui.horizontal(|ui| {
                    lead(ui, claim);
                    let text: String = claim.text.chars().take(90).collect();
                    if ui
                        .link(format!("{}: {text}", claim.claimant))
                        .on_hover_text(&claim.text)
                        .clicked()
                    {
                        actions.push(Action::ShowClaim(id.clone()));
                    }
                });
                ui.separator();
            }
        });
}

/// Draws the queue.
pub fn show(ui: &mut egui::Ui, queue: &mut QueueView, desk: &Desk, actions: &mut Vec<Action>) {
    let Some(me) = desk.reviewer() else {
        ui.label("Name yourself in the Reviewer box above to see the claims assigned to you.");
        return;
    };
    let today = desk.today();
    let ws = desk.workspace();
    let rows = queue.rows(desk);
    ui.label(format!(
        "{} claim(s) assigned to {} wait for a verdict, most urgent first.",
        rows.len(),
        me.name()
    ));
    claim_rows(ui, ws, rows, actions, |ui, claim| {
        let Some(a) = &claim.assignment else { return };
        let priority = RichText::new(a.priority.name()).strong();
        ui.label(match a.priority {
            crate::model::Priority::High => priority.color(ui.visuals().warn_fg_color),
            _ => priority,
        });
        match a.due {
            Some(due) if a.is_overdue(today) => {
                ui.label(
                    RichText::new(format!("overdue since {due}"))
                        .color(ui.visuals().error_fg_color),
                );
            }
            Some(due) => {
                ui.label(format!("due {due}"));
            }
            None => {}
        }
    });
}
