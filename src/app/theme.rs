//! The window's two themes: egui's own, with what it needs to be read by everyone. Text in
//! fields and on selected chips meets WCAG AA (4.5:1) and a field's edge stands out from the
//! panel (3:1, the rule for the parts of a control); in egui's light theme a text field
//! was white on a near-white panel with no edge at all.

use egui::{Color32, Stroke, Visuals};

/// The visuals of the dark (`true`) or the light theme.
pub fn visuals(dark: bool) -> Visuals {
    let mut v = if dark {
        Visuals::dark()
    } else {
        Visuals::light()
    };
    let (edge, weak) = if dark {
        (Color32::from_gray(110), Color32::from_gray(150))
    } else {
        (Color32::from_gray(125), Color32::from_gray(95))
    };
    // Buttons and text fields take their edge from here.
    v.widgets.inactive.bg_stroke = Stroke::new(1.0, edge);
    v.weak_text_color = Some(weak);
    v
}

/// Applies dark, light or the system's choice to both themes' visuals.
pub fn apply(ctx: &egui::Context, dark: Option<bool>) {
    ctx.set_visuals_of(egui::Theme::Dark, visuals(true));
    ctx.set_visuals_of(egui::Theme::Light, visuals(false));
    ctx.set_theme(match dark {
        None => egui::ThemePreference::System,
        Some(true) => egui::ThemePreference::Dark,
        Some(false) => egui::ThemePreference::Light,
    });
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Manifest, Rgb};

    fn contrast(a: Color32, b: Color32) -> f32 {
        Rgb(a.r(), a.g(), a.b()).contrast(Rgb(b.r(), b.g(), b.b()))
    }

    #[test]
    fn text_fields_chips_and_status_words_meet_wcag_aa_in_both_themes() {
        for dark in [true, false] {
            let v = visuals(dark);
            let field = v.text_edit_bg_color();
            let panel = v.panel_fill;
            let button = v.widgets.inactive.weak_bg_fill;
            let hovered = v.widgets.hovered.weak_bg_fill;
            let checks = [
                ("text in a field", v.text_color(), field),
                ("a field's hint", v.weak_text_color(), field),
                ("weak text on a panel", v.weak_text_color(), panel),
                (
                    "a selected chip",
                    v.selection.stroke.color,
                    v.selection.bg_fill,
                ),
                ("text on a button", v.widgets.inactive.text_color(), button),
            ];
            for (what, fg, bg) in checks {
                let c = contrast(fg, bg);
                assert!(c >= 4.5, "{what}, dark {dark}: {c:.2}");
            }
            let edge = v.widgets.inactive.bg_stroke.color;
            for bg in [panel, field] {
                let c = contrast(edge, bg);
                assert!(c >= 3.0, "a field's edge, dark {dark}: {c:.2}");
            }
            let m = Manifest::default();
            for d in &m.statuses {
                let word = super::super::status_badge::color(&m, &d.key, dark);
                for bg in [panel, button, hovered] {
                    let c = contrast(word, bg);
                    assert!(c >= 4.5, "{} on {bg:?}, dark {dark}: {c:.2}", d.key);
                }
            }
        }
    }
}
