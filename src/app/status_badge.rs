//! A status shown as a colored badge with its word: never color alone.

use crate::model::Status;
use egui::{Color32, RichText};

/// The color of a status: the standard ones have fixed, distinct hues; a desk's own statuses
/// get one from their key, the same every time.
pub fn color(status: &Status, dark: bool) -> Color32 {
    let (light, darkc) = match status.as_str() {
        "unreviewed" => (
            Color32::from_rgb(96, 96, 96),
            Color32::from_rgb(150, 150, 150),
        ),
        "confirmed" => (
            Color32::from_rgb(20, 120, 50),
            Color32::from_rgb(80, 190, 110),
        ),
        "disputed" => (
            Color32::from_rgb(170, 90, 0),
            Color32::from_rgb(240, 160, 60),
        ),
        "false" => (
            Color32::from_rgb(180, 30, 30),
            Color32::from_rgb(240, 100, 100),
        ),
        "misleading" => (
            Color32::from_rgb(120, 50, 160),
            Color32::from_rgb(190, 130, 240),
        ),
        "unverifiable" => (
            Color32::from_rgb(40, 90, 160),
            Color32::from_rgb(110, 160, 240),
        ),
        other => {
            let h = other
                .bytes()
                .fold(7u32, |h, b| h.wrapping_mul(31).wrapping_add(b as u32));
            let hue = (h % 360) as f32 / 360.0;
            let c = egui::ecolor::Hsva::new(hue, 0.6, if dark { 0.9 } else { 0.55 }, 1.0);
            return c.into();
        }
    };
    if dark { darkc } else { light }
}

/// The badge text: the label in the status color, bold.
pub fn badge(label: &str, status: &Status, dark: bool) -> RichText {
    RichText::new(format!("• {label}"))
        .color(color(status, dark))
        .strong()
}
