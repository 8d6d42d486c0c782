//! Colours as plain data, so that the model can carry a status colour without knowing the
//! toolkit that paints it.

use std::fmt;

/// An sRGB colour: red, green and blue bytes, written `#rrggbb`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct Rgb(pub u8, pub u8, pub u8);

/// The contrast ratio (WCAG 2) at which ordinary-sized text is readable: status words appear
/// at list size, not only as big badges.
pub const MIN_CONTRAST: f32 = 4.5;

impl Rgb {
    /// Black.
    pub const BLACK: Rgb = Rgb(0, 0, 0);
    /// White.
    pub const WHITE: Rgb = Rgb(255, 255, 255);

    /// Reads `#rrggbb` (hex digits in either case); anything else is `None`.
    pub fn parse(text: &str) -> Option<Rgb> {
        let hex = text.strip_prefix('#')?;
        if hex.len() != 6 || !hex.bytes().all(|b| b.is_ascii_hexdigit()) {
            return None;
        }
        let byte = |i: usize| u8::from_str_radix(&hex[i..i + 2], 16).ok();
        Some(Rgb(byte(0)?, byte(2)?, byte(4)?))
    }

    /// Relative luminance (WCAG 2): 0 for black, 1 for white.
    pub fn luminance(self) -> f32 {
        let [r, g, b] = [self.0, self.1, self.2].map(linear_from_srgb);
        0.2126 * r + 0.7152 * g + 0.0722 * b
    }

    /// The contrast ratio (WCAG 2) between two colours: 1 (none) to 21 (black on white).
    pub fn contrast(self, other: Rgb) -> f32 {
        let (a, b) = (self.luminance(), other.luminance());
        (a.max(b) + 0.05) / (a.min(b) + 0.05)
    }

    /// `self` moved a fraction `t` (0 to 1) of the way to `other`.
    pub fn mix(self, other: Rgb, t: f32) -> Rgb {
        let t = t.clamp(0.0, 1.0);
        let channel = |a: u8, b: u8| (a as f32 + (b as f32 - a as f32) * t).round() as u8;
        Rgb(
            channel(self.0, other.0),
            channel(self.1, other.1),
            channel(self.2, other.2),
        )
    }

    /// This colour if text in it is readable on `background` (at least [`MIN_CONTRAST`]);
    /// otherwise the least mix of it towards white or black (whichever stands out more from
    /// `background`) that is. The hue stays recognisable: a desk's dark red becomes a light
    /// red on a dark background, not some other colour.
    pub fn readable_on(self, background: Rgb) -> Rgb {
        if self.contrast(background) >= MIN_CONTRAST {
            return self;
        }
        let target = if Rgb::WHITE.contrast(background) >= Rgb::BLACK.contrast(background) {
            Rgb::WHITE
        } else {
            Rgb::BLACK
        };
        // Twenty steps are fine enough to be invisible and keep the cost of a frame small.
        (1..=20)
            .map(|step| self.mix(target, step as f32 / 20.0))
            .find(|c| c.contrast(background) >= MIN_CONTRAST)
            .unwrap_or(target)
    }

    /// A colour from hue, saturation and value (each 0 to 1) taken as linear light, the way
    /// egui's `Hsva` reads them, so colours derived before the model held them stay the same.
    pub(crate) fn from_linear_hsv(hue: f32, saturation: f32, value: f32) -> Rgb {
        let h = (hue.fract() + 1.0).fract();
        let s = saturation.clamp(0.0, 1.0);
        let f = h * 6.0 - (h * 6.0).floor();
        let (v, p, q, t) = (
            value,
            value * (1.0 - s),
            value * (1.0 - f * s),
            value * (1.0 - (1.0 - f) * s),
        );
        let [r, g, b] = match (h * 6.0).floor() as i32 % 6 {
            0 => [v, t, p],
            1 => [q, v, p],
            2 => [p, v, t],
            3 => [p, q, v],
            4 => [t, p, v],
            _ => [v, p, q],
        };
        Rgb(
            srgb_from_linear(r),
            srgb_from_linear(g),
            srgb_from_linear(b),
        )
    }
}

impl fmt::Display for Rgb {
    /// `#rrggbb`, lower case: what [`Rgb::parse`] reads.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "#{:02x}{:02x}{:02x}", self.0, self.1, self.2)
    }
}

/// sRGB byte to linear light, 0 to 1.
fn linear_from_srgb(c: u8) -> f32 {
    let c = c as f32 / 255.0;
    if c <= 0.04045 {
        c / 12.92
    } else {
        ((c + 0.055) / 1.055).powf(2.4)
    }
}

/// Linear light, 0 to 1, to an sRGB byte; the same rounding as egui's `ecolor`.
fn srgb_from_linear(l: f32) -> u8 {
    let c = if l <= 0.0 {
        0.0
    } else if l <= 0.003_130_8 {
        3294.6 * l
    } else if l <= 1.0 {
        269.025 * l.powf(1.0 / 2.4) - 14.025
    } else {
        255.0
    };
    (c + 0.5) as u8
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hex_colours_parse_and_print() {
        assert_eq!(Rgb::parse("#b41e1e"), Some(Rgb(180, 30, 30)));
        assert_eq!(Rgb::parse("#B41E1E"), Some(Rgb(180, 30, 30)));
        assert_eq!(Rgb(180, 30, 30).to_string(), "#b41e1e");
        for bad in [
            "", "#", "b41e1e", "#b41e1", "#b41e1e0", "#b41e1g", "red", "#+1e1e1", "#ｂ41e1",
        ] {
            assert_eq!(Rgb::parse(bad), None, "{bad:?}");
        }
    }

    #[test]
    fn contrast_follows_wcag() {
        assert!((Rgb::BLACK.contrast(Rgb::WHITE) - 21.0).abs() < 0.01);
        assert!((Rgb::WHITE.contrast(Rgb::WHITE) - 1.0).abs() < 0.001);
        // #767676 on white is the classic 4.5:1 grey.
        assert!((Rgb(0x76, 0x76, 0x76).contrast(Rgb::WHITE) - 4.54).abs() < 0.01);
    }

    #[test]
    fn unreadable_colours_are_lightened_or_darkened_just_enough() {
        let dark_bg = Rgb(27, 27, 27);
        let navy = Rgb(0, 0, 128);
        let on_dark = navy.readable_on(dark_bg);
        assert!(on_dark.contrast(dark_bg) >= MIN_CONTRAST);
        assert!(on_dark.2 > on_dark.0, "still blue: {on_dark}");
        assert!(
            navy.mix(Rgb::WHITE, 0.5).contrast(dark_bg) >= MIN_CONTRAST
                && on_dark != navy.mix(Rgb::WHITE, 1.0),
            "not more than needed: {on_dark}"
        );
        let light_bg = Rgb(248, 248, 248);
        let yellow = Rgb(255, 220, 0);
        let on_light = yellow.readable_on(light_bg);
        assert!(on_light.contrast(light_bg) >= MIN_CONTRAST);
        assert!(
            on_light.0 >= on_light.1 && on_light.1 > on_light.2,
            "{on_light}"
        );
        // Readable colours are kept as given.
        assert_eq!(navy.readable_on(light_bg), navy);
    }
}
