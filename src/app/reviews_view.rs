//! The Reviews view: review files imported from other reviewers, their verdicts side by side
//! with the workspace's, the agreement between them, and a queue of disagreements, each
//! resolved with one click (an ordinary undoable edit with a history entry).

use super::{Action, status_badge};
use crate::desk::{Agreement, Desk};
use crate::export::agreement::Ratings;
use crate::export::review::{Conflict, Merge};
use crate::model::ClaimId;
use crate::session::Session;
use egui::RichText;
use egui_extras::{Column, TableBuilder};

/// What the view keeps between frames.
#[derive(Default)]
pub struct ReviewsView {
    /// Hide other reviewers' verdicts on a claim until the reviewer has set their own.
    pub blind: bool,
    /// The agreement and the merge plan for (claims generation, review files, reviewer):
    /// recomputed when one of those changes, not every frame.
    cache: Option<(CacheKey, Result<Agreement, String>, Merge)>,
}

type CacheKey = (u64, u64, Option<String>);

/// Draws the view.
pub fn show(
    ui: &mut egui::Ui,
    view: &mut ReviewsView,
    desk: &Desk,
    dark: bool,
    actions: &mut Vec<Action>,
) {
    let session = desk.session();
    let ws = session.workspace();
    let m = &ws.manifest;
    ui.horizontal(|ui| {
        if ui.button("Import review files…").clicked() {
            actions.push(Action::AskImport);
        }
        ui.checkbox(
            &mut view.blind,
            "Blind: hide the others' verdicts until I have set mine",
        );
    });
    if desk.reviews().is_empty() {
        ui.label("No review files yet. Each reviewer exports one from their copy of the workspace (File, Export my review file…, or `claimdesk export`): it holds their own verdicts, notes and evidence. Import them here to compare and merge.");
        return;
    }
    let reviewer = desk.reviewer().map(|r| r.name().to_string());
    let key = (
        session.generation(),
        desk.reviews_revision(),
        reviewer.clone(),
    );
    if view.cache.as_ref().is_none_or(|(k, _, _)| *k != key) {
        let agreement = crate::desk::agreement(desk.reviews()).map_err(|e| e.to_string());
        view.cache = Some((key, agreement, desk.review_plan()));
    }
    let Some((_, agreement, plan)) = &view.cache else {
        return;
    };
    let agreement = match agreement {
        Ok(a) => a,
        Err(why) => {
            ui.colored_label(ui.visuals().error_fg_color, why);
            return;
        }
    };
    let ratings = &agreement.ratings;
    ui.label(RichText::new(format!("Reviewers: {}", ratings.reviewers.join(", "))).strong());
    let figures: Vec<String> = agreement
        .figures()
        .into_iter()
        .map(|(label, value)| format!("{label}: {value}"))
        .collect();
    ui.label(figures.join(" · "));
    for warning in agreement.warnings() {
        ui.colored_label(ui.visuals().warn_fg_color, warning);
    }

    // The plan follows the claims' generation, so undo puts a resolved claim back in the
    // queue.
    ui.horizontal(|ui| {
        let agreed = plan.statuses_set.len();
        let button = ui.add_enabled(
            !plan.edits.is_empty(),
            egui::Button::new(format!("Apply agreed verdicts ({agreed})")),
        );
        if button
            .on_hover_text(
                "Set the verdicts all reviewers agree on, and add their notes and evidence",
            )
            .clicked()
        {
            actions.push(Action::ApplyAgreedReviews);
        }
    });
    if !plan.unknown.is_empty() {
        ui.colored_label(
            ui.visuals().warn_fg_color,
            format!(
                "{} claim(s) in the files are not in this workspace: nothing about them is applied",
                plan.unknown.len()
            ),
        );
    }
    for (id, who) in &plan.reworded {
        ui.colored_label(
            ui.visuals().warn_fg_color,
            format!("{who} judged other wording of {id} than the claim has now"),
        );
    }
    ui.separator();
    ui.label(
        RichText::new(format!(
            "Disagreements to resolve: {}",
            plan.conflicts.len()
        ))
        .strong(),
    );
    for conflict in &plan.conflicts {
        let id = conflict.id();
        let Some(claim) = ws.get(id) else { continue };
        ui.horizontal_wrapped(|ui| {
            if ui.link(&claim.text).clicked() {
                actions.push(Action::ShowClaim(id.clone()));
            }
        });
        if let Conflict::UnknownStatus { .. } = conflict {
            ui.colored_label(ui.visuals().warn_fg_color, conflict.describe(m));
        }
        ui.horizontal_wrapped(|ui| {
            for (status, names) in conflict.choices() {
                let text =
                    RichText::new(format!("Use {} ({})", m.label(&status), names.join(", ")))
                        .color(status_badge::color(m, &status, dark));
                if ui.button(text).clicked() {
                    actions.push(Action::ResolveReview {
                        status,
                        from: conflict.clone(),
                    });
                }
            }
        });
        ui.add_space(4.0);
    }
    ui.separator();
    side_by_side(
        ui,
        view.blind,
        session,
        reviewer.as_deref(),
        ratings,
        dark,
        actions,
    );
}

/// Every claim in the files: the workspace's verdict and each reviewer's.
fn side_by_side(
    ui: &mut egui::Ui,
    blind: bool,
    session: &Session,
    reviewer: Option<&str>,
    ratings: &Ratings,
    dark: bool,
    actions: &mut Vec<Action>,
) {
    let ws = session.workspace();
    let m = &ws.manifest;
    let mine = |id: &ClaimId| {
        ws.get(id).is_some_and(|c| {
            reviewer.is_some_and(|r| c.history.iter().any(|h| crate::desk::same_person(&h.by, r)))
        })
    };
    let mut table = TableBuilder::new(ui)
        .striped(true)
        .column(Column::remainder().at_least(200.0))
        .column(Column::auto().at_least(90.0));
    for _ in &ratings.reviewers {
        table = table.column(Column::auto().at_least(90.0));
    }
    table
        .header(20.0, |mut header| {
            header.col(|ui| {
                ui.strong("Claim");
            });
            header.col(|ui| {
                ui.strong("Workspace");
            });
            for r in &ratings.reviewers {
                header.col(|ui| {
                    ui.strong(r);
                });
            }
        })
        .body(|body| {
            body.rows(22.0, ratings.units.len(), |mut row| {
                let (id, verdicts) = &ratings.units[row.index()];
                let claim = ws.get(id);
                row.col(|ui| {
                    let text = claim.map_or(id.as_str(), |c| &*c.text);
                    ui.style_mut().wrap_mode = Some(egui::TextWrapMode::Truncate);
                    if ui.link(text).clicked() && claim.is_some() {
                        actions.push(Action::ShowClaim(id.clone()));
                    }
                });
                row.col(|ui| match claim {
                    Some(c) => {
                        ui.label(status_badge::badge(m, m.label(&c.status), &c.status, dark));
                    }
                    None => {
                        ui.label("not here");
                    }
                });
                let hidden = blind && !mine(id);
                for verdict in verdicts {
                    row.col(|ui| match verdict {
                        _ if hidden => {
                            ui.label(RichText::new("hidden").weak().italics());
                        }
                        Some(s) => {
                            ui.label(status_badge::badge(m, m.label(s), s, dark));
                        }
                        None => {
                            ui.label(RichText::new("no verdict").weak());
                        }
                    });
                }
            });
        });
}
