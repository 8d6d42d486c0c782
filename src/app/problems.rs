//! The list of files that did not load, each with `PATH:LINE:COL` and its message.

use crate::store::Diagnostic;
use egui::RichText;

/// Draws the panel when there are problems.
pub fn show(ui: &mut egui::Ui, diagnostics: &[Diagnostic]) {
    if diagnostics.is_empty() {
        return;
    }
    egui::Panel::bottom("problems").resizable(true).default_size(120.0).show(ui, |ui| {
        let errors = diagnostics.iter().filter(|d| d.is_error()).count();
        ui.label(RichText::new(format!(
            "Problems: {errors} error(s), {} warning(s). Files with errors were not loaded and will not be written; fix them in a text editor and they load as soon as they are saved.",
            diagnostics.len() - errors
        )).strong());
        egui::ScrollArea::vertical().auto_shrink([false, true]).show(ui, |ui| {
            for d in diagnostics {
                let text = RichText::new(d.to_string()).monospace();
                ui.label(if d.is_error() { text.color(ui.visuals().error_fg_color) } else { text.color(ui.visuals().warn_fg_color) });
            }
        });
    });
}
