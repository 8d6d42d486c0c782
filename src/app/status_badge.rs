//! A status shown as a colored badge with its word: never color alone. The one place where a
//! status colour of the model becomes an egui colour.

use crate::model::{Manifest, Rgb, Status};
use egui::{Color32, RichText};

/// The color of `status` in this workspace's vocabulary, on the dark or the light theme (see
/// [`Manifest::color`]).
pub fn color(manifest: &Manifest, status: &Status, dark: bool) -> Color32 {
    let Rgb(r, g, b) = manifest.color(status, dark);
    Color32::from_rgb(r, g, b)
}

/// The badge text: `label` in the status color, bold.
pub fn badge(manifest: &Manifest, label: &str, status: &Status, dark: bool) -> RichText {
    RichText::new(format!("• {label}"))
        .color(color(manifest, status, dark))
        .strong()
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Colours derived from a desk's own keys were made with egui's `Hsva` before the model
    /// held them; on the dark theme (where they were already readable) they must not change.
    #[test]
    fn derived_dark_colours_are_the_ones_egui_made() {
        let m = Manifest::default();
        for key in ["satire", "outdated", "needs-context", "x", "ünïcode"] {
            let h = key
                .bytes()
                .fold(7u32, |h, b| h.wrapping_mul(31).wrapping_add(b as u32));
            let hue = (h % 360) as f32 / 360.0;
            let egui: Color32 = egui::ecolor::Hsva::new(hue, 0.6, 0.9, 1.0).into();
            assert_eq!(color(&m, &Status::new(key), true), egui, "{key}");
        }
    }
}
