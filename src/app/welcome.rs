//! The screen shown when no workspace is open.

use super::notifications::{Level, Notification};
use super::{Action, Command};
use std::path::PathBuf;

/// Draws the welcome screen.
pub fn show(
    ui: &mut egui::Ui,
    recent: &[PathBuf],
    message: Option<&Notification>,
    actions: &mut Vec<Action>,
) {
    egui::CentralPanel::default().show(ui, |ui| {
        ui.vertical_centered(|ui| {
            ui.add_space(60.0);
            ui.heading("claimdesk");
            ui.label("A desk for fact-checkers: claims, who made them, where, and your verdicts.");
            ui.add_space(20.0);
            if ui.button("Open workspace…").clicked() {
                actions.push(Action::Command(Command::OpenWorkspace));
            }
            if ui.button("New workspace…").clicked() {
                actions.push(Action::AskNewWorkspace);
            }
            if let Some(n) = message.filter(|n| n.level == Level::Error) {
                ui.add_space(12.0);
                ui.colored_label(ui.visuals().error_fg_color, &n.text);
            }
            if !recent.is_empty() {
                ui.add_space(20.0);
                ui.label("Recent workspaces");
                for dir in recent {
                    if ui.link(dir.display().to_string()).clicked() {
                        actions.push(Action::Open(dir.clone()));
                    }
                }
            }
        });
    });
}
