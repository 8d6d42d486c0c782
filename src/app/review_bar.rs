//! The review bar above the claim: one button per status, with its shortcut, and the note
//! composer. A status set while the composer holds text takes that text as its reason, and
//! the text joins the notes thread too.

use super::{Action, Command, status_badge};
use crate::model::{Claim, SignOffState, display_time};
use crate::session::Session;

/// Draws the bar.
pub fn show(
    ui: &mut egui::Ui,
    session: &Session,
    claim: &Claim,
    composer: &mut String,
    dark: bool,
    actions: &mut Vec<Action>,
) {
    let manifest = &session.workspace().manifest;
    let read_only = session.folder().read_only_reason().is_some();
    let badge = status_badge::badge(manifest, manifest.label(&claim.status), &claim.status, dark)
        .size(16.0);
    // The buttons keep to one row: where the badge would push the last of them onto a
    // second one (a narrow window), the badge takes a line of its own above them.
    let button_font = egui::TextStyle::Button.resolve(ui.style());
    let (gap, pad) = (
        ui.spacing().item_spacing.x,
        2.0 * ui.spacing().button_padding.x,
    );
    let width = |text: String, font: egui::FontId| {
        ui.fonts_mut(|f| f.layout_no_wrap(text, font, egui::Color32::WHITE).size().x)
    };
    let buttons: f32 = manifest
        .statuses
        .iter()
        .map(|def| width(manifest.verb(&def.key), button_font.clone()) + pad + gap)
        .sum();
    // The badge's "• Label" at 16 points, and the separator after it.
    let label = manifest.label(&claim.status);
    let badge_width = width(format!("• {label}"), egui::FontId::proportional(16.0)) + 3.0 * gap;
    let badge_inline = buttons + badge_width <= ui.available_width();
    if !badge_inline {
        ui.label(badge.clone());
    }
    ui.horizontal_wrapped(|ui| {
        if badge_inline {
            ui.label(badge);
            ui.separator();
        }
        for (i, def) in manifest.statuses.iter().enumerate() {
            let shortcut = Command::SetStatus(i as u8)
                .shortcuts()
                .first()
                .map(|s| ui.ctx().format_shortcut(s))
                .unwrap_or_default();
            let current = def.key == claim.status;
            let word = egui::RichText::new(manifest.verb(&def.key))
                .color(status_badge::color(manifest, &def.key, dark));
            let button = egui::Button::new(word);
            let response = ui
                .add_enabled(!current && !read_only, button)
                .on_hover_text(format!(
                    "Set the status to {} ({shortcut}); the note below becomes the reason",
                    def.label
                ));
            if response.clicked() {
                actions.push(Action::SetStatus(i));
            }
        }
    });
    signoff(ui, session, claim, read_only, actions);
    ui.add_space(4.0);
    let label = ui.label("Note (a reason for a status change, or a note for the thread)");
    let editor = ui.add(
        egui::TextEdit::multiline(composer)
            .desired_rows(2)
            .desired_width(f32::INFINITY)
            .hint_text("What did you check? Ctrl+Enter adds the note."),
    );
    let editor = editor.labelled_by(label.id);
    let ctrl_enter = editor.has_focus()
        && ui.input_mut(|i| i.consume_key(egui::Modifiers::COMMAND, egui::Key::Enter));
    ui.horizontal(|ui| {
        let add = ui.add_enabled(
            !composer.trim().is_empty() && !read_only,
            egui::Button::new("Add note"),
        );
        if add.clicked() || ctrl_enter {
            actions.push(Action::AddNote);
        }
    });
}

/// Where the verdict stands with sign-off, and what can be done about it here: a second
/// reviewer approves it or sends it back (the note box says why); a verdict sent back can be
/// put up again.
fn signoff(
    ui: &mut egui::Ui,
    session: &Session,
    claim: &Claim,
    read_only: bool,
    actions: &mut Vec<Action>,
) {
    let manifest = &session.workspace().manifest;
    let author = claim.verdict().map(|v| v.by.as_str()).unwrap_or_default();
    let warn = ui.visuals().warn_fg_color;
    match claim.signoff_state(manifest) {
        SignOffState::NotNeeded => {}
        SignOffState::Awaiting => {
            ui.horizontal_wrapped(|ui| {
                ui.label(
                    egui::RichText::new(format!(
                        "Awaiting sign-off: a second reviewer, not {author}, approves this verdict before it is published."
                    ))
                    .color(warn),
                );
                if ui
                    .add_enabled(!read_only, egui::Button::new("Approve verdict"))
                    .clicked()
                {
                    actions.push(Action::SignOff(claim.id.clone(), true));
                }
                if ui
                    .add_enabled(!read_only, egui::Button::new("Send back"))
                    .on_hover_text("Back to its author, with the note below saying why")
                    .clicked()
                {
                    actions.push(Action::SignOff(claim.id.clone(), false));
                }
            });
        }
        SignOffState::Approved => {
            if let Some(s) = &claim.signoff {
                ui.label(format!("Signed off by {} {}", s.by, display_time(s.time)));
            }
        }
        SignOffState::SentBack => {
            ui.horizontal_wrapped(|ui| {
                if let Some(s) = &claim.signoff {
                    ui.label(
                        egui::RichText::new(format!("Sent back by {}: {}", s.by, s.note))
                            .color(ui.visuals().error_fg_color),
                    );
                }
                if ui
                    .add_enabled(!read_only, egui::Button::new("Put up for sign-off again"))
                    .clicked()
                {
                    actions.push(Action::Resubmit(claim.id.clone()));
                }
            });
        }
    }
}
