//! The Reviews view: review files imported from other reviewers, their verdicts side by side
//! with the workspace's, the agreement between them, and a queue of disagreements, each
//! resolved with one click (an ordinary undoable edit with a history entry).

use super::{Action, status_badge};
use crate::export::agreement::Ratings;
use crate::export::review::{self, Conflict, ReviewFile};
use crate::model::ClaimId;
use crate::session::Session;
use egui::RichText;
use egui_extras::{Column, TableBuilder};

/// What the view keeps between frames.
#[derive(Default)]
pub struct ReviewsView {
    /// The imported review files.
    pub files: Vec<ReviewFile>,
    /// Hide other reviewers' verdicts on a claim until the reviewer has set their own.
    pub blind: bool,
    /// The table and the merge plan for (claims generation, files imported, reviewer):
    /// recomputed when one of those changes, not every frame.
    cache: Option<((u64, usize, String), Ratings, review::Merge)>,
}

impl ReviewsView {
    /// Replaces the files of the same reviewer with `file`.
    pub fn add(&mut self, file: ReviewFile) {
        self.files.retain(|f| f.reviewer != file.reviewer);
        self.files.push(file);
        self.cache = None;
    }
}

/// Draws the view.
pub fn show(
    ui: &mut egui::Ui,
    view: &mut ReviewsView,
    session: &Session,
    reviewer: &str,
    dark: bool,
    actions: &mut Vec<Action>,
) {
    let ws = session.workspace();
    let m = &ws.manifest;
    ui.horizontal(|ui| {
        if ui.button("Import review files…").clicked() {
            actions.push(Action::AskImportReviews);
        }
        ui.checkbox(
            &mut view.blind,
            "Blind: hide the others' verdicts until I have set mine",
        );
    });
    if view.files.is_empty() {
        ui.label("No review files yet. Each reviewer exports one from their copy of the workspace (File, Export review file…, or `claimdesk export`); import them here to compare and merge.");
        return;
    }
    let initial = m.initial_status();
    let key = (session.generation(), view.files.len(), reviewer.to_string());
    if view.cache.as_ref().is_none_or(|(k, _, _)| *k != key) {
        let ratings = Ratings::from_files(&view.files, &initial);
        // Stamped when applied, not here: see the app's ApplyAgreedReviews.
        let plan = review::merge(
            ws,
            &view.files,
            reviewer,
            crate::model::Timestamp::UNIX_EPOCH,
        );
        view.cache = Some((key, ratings, plan));
    }
    let Some((_, ratings, plan)) = &view.cache else {
        return;
    };
    let figure = |v: Option<f64>| v.map_or("undefined".to_string(), |v| format!("{v:.3}"));
    ui.label(RichText::new(format!("Reviewers: {}", ratings.reviewers.join(", "))).strong());
    let mut figures = format!(
        "Percent agreement: {} · Krippendorff's alpha: {}",
        ratings
            .percent_agreement()
            .map_or("undefined".to_string(), |v| format!("{:.1}%", v * 100.0)),
        figure(ratings.krippendorff_alpha())
    );
    if ratings.reviewers.len() == 2 {
        figures.push_str(&format!(
            " · Cohen's kappa: {}",
            figure(ratings.cohens_kappa())
        ));
    }
    ui.label(figures);

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
    let open: Vec<&Conflict> = plan
        .conflicts
        .iter()
        .filter(|c| match c {
            Conflict::Reviewers { id, .. } => {
                ws.get(id).is_some_and(|claim| claim.status == initial)
            }
            Conflict::Workspace { id, .. } => ws
                .get(id)
                .is_some_and(|claim| !claim.notes.iter().any(|n| n.text.starts_with(review::KEPT))),
        })
        .collect();
    ui.separator();
    ui.label(RichText::new(format!("Disagreements to resolve: {}", open.len())).strong());
    for conflict in open {
        let (id, choices) = match conflict {
            Conflict::Reviewers { id, verdicts } => {
                let mut choices: Vec<(crate::model::Status, Vec<String>)> = Vec::new();
                for (who, status) in verdicts {
                    match choices.iter_mut().find(|(s, _)| s == status) {
                        Some((_, names)) => names.push(who.clone()),
                        None => choices.push((status.clone(), vec![who.clone()])),
                    }
                }
                (id, choices)
            }
            Conflict::Workspace {
                id,
                current,
                theirs,
                reviewers,
            } => (
                id,
                vec![
                    (current.clone(), vec!["the desk".to_string()]),
                    (theirs.clone(), reviewers.clone()),
                ],
            ),
        };
        let Some(claim) = ws.get(id) else { continue };
        ui.horizontal_wrapped(|ui| {
            if ui.link(&claim.text).clicked() {
                actions.push(Action::ShowClaim(id.clone()));
            }
        });
        ui.horizontal_wrapped(|ui| {
            for (status, names) in choices {
                let text =
                    RichText::new(format!("Use {} ({})", m.label(&status), names.join(", ")))
                        .color(status_badge::color(m, &status, dark));
                if ui.button(text).clicked() {
                    actions.push(Action::ResolveReview {
                        id: id.clone(),
                        status,
                        from: conflict.clone(),
                    });
                }
            }
        });
        ui.add_space(4.0);
    }
    ui.separator();
    side_by_side(ui, view.blind, session, reviewer, ratings, dark, actions);
}

/// Every claim in the files: the workspace's verdict and each reviewer's.
fn side_by_side(
    ui: &mut egui::Ui,
    blind: bool,
    session: &Session,
    reviewer: &str,
    ratings: &Ratings,
    dark: bool,
    actions: &mut Vec<Action>,
) {
    let ws = session.workspace();
    let m = &ws.manifest;
    let mine = |id: &ClaimId| {
        ws.get(id)
            .is_some_and(|c| c.history.iter().any(|h| h.by == reviewer))
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
                    let text = claim.map_or(id.as_str(), |c| c.text.as_str());
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
