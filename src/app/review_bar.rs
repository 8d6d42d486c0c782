//! The review bar above the claim: one button per status, with its shortcut, and the note
//! composer. A status set while the composer holds text takes that text as its reason, and
//! the text joins the notes thread too.

use super::{Action, Command, status_badge};
use crate::model::Claim;
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
    ui.horizontal_wrapped(|ui| {
        ui.label(
            status_badge::badge(manifest, manifest.label(&claim.status), &claim.status, dark)
                .size(16.0),
        );
        ui.separator();
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
