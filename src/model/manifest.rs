use super::rgb::Rgb;
use serde::{Deserialize, Serialize};
use std::fmt;

/// A status key, such as `disputed`: one of the workspace's status vocabulary.
///
/// Kept inline (up to 24 bytes): every claim holds one, and every history entry two.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(transparent)]
pub struct Status(compact_str::CompactString);

impl Status {
    /// A status key. Whether the workspace knows it is checked against its [`Manifest`].
    pub fn new(key: impl Into<String>) -> Self {
        Self(key.into().into())
    }

    /// The key as text.
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl fmt::Display for Status {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

/// One entry of the status vocabulary: the key stored in claim files, the word shown, and
/// optionally the command word and colour (see [`Manifest::verb`] and [`Manifest::color`]
/// for what is used when they are left out).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct StatusDef {
    /// Stored in claim files; never changes once claims use it.
    pub key: Status,
    /// Shown to people; a desk may rename it freely.
    pub label: String,
    /// The button and command word for moving a claim to this status, e.g. `Mark false`.
    // Left out of the file when unset, so that manifests written before it keep their bytes.
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        with = "plain_option"
    )]
    pub verb: Option<String>,
    /// The status colour as `#rrggbb`, as it should look on a light background.
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        with = "plain_option"
    )]
    pub color: Option<String>,
}

/// Optional words written as plain strings (`verb: "Mark wrong"`) rather than RON's
/// `Some("Mark wrong")`: desks write `workspace.ron` by hand. Both forms read.
mod plain_option {
    use serde::Serializer;
    use serde::de::{self, Deserialize, Deserializer, Visitor};
    use std::fmt;

    pub fn serialize<S: Serializer>(value: &Option<String>, s: S) -> Result<S::Ok, S::Error> {
        match value {
            Some(v) => s.serialize_str(v),
            None => s.serialize_none(),
        }
    }

    pub fn deserialize<'de, D: Deserializer<'de>>(d: D) -> Result<Option<String>, D::Error> {
        d.deserialize_any(Plain)
    }

    struct Plain;

    impl<'de> Visitor<'de> for Plain {
        type Value = Option<String>;

        fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
            f.write_str("a string")
        }

        fn visit_str<E: de::Error>(self, v: &str) -> Result<Self::Value, E> {
            Ok(Some(v.to_string()))
        }

        fn visit_string<E: de::Error>(self, v: String) -> Result<Self::Value, E> {
            Ok(Some(v))
        }

        fn visit_none<E: de::Error>(self) -> Result<Self::Value, E> {
            Ok(None)
        }

        fn visit_some<D: Deserializer<'de>>(self, d: D) -> Result<Self::Value, D::Error> {
            String::deserialize(d).map(Some)
        }
    }
}

impl StatusDef {
    /// A status with only a key and a label: its verb and colour are the defaults.
    pub fn new(key: impl Into<String>, label: impl Into<String>) -> Self {
        Self {
            key: Status::new(key),
            label: label.into(),
            verb: None,
            color: None,
        }
    }
}

/// The standard vocabulary, with the words and colours a desk gets unless it says otherwise.
struct BuiltIn {
    key: &'static str,
    label: &'static str,
    verb: &'static str,
    /// Chosen together so that the six stay distinct on each theme.
    light: Rgb,
    dark: Rgb,
}

const BUILT_IN: [BuiltIn; 6] = [
    BuiltIn {
        key: "unreviewed",
        label: "Unreviewed",
        verb: "Back to unreviewed",
        light: Rgb(96, 96, 96),
        dark: Rgb(150, 150, 150),
    },
    BuiltIn {
        key: "confirmed",
        label: "Confirmed",
        verb: "Confirm",
        light: Rgb(20, 120, 50),
        dark: Rgb(80, 190, 110),
    },
    BuiltIn {
        key: "disputed",
        label: "Disputed",
        verb: "Dispute",
        light: Rgb(170, 90, 0),
        dark: Rgb(240, 160, 60),
    },
    BuiltIn {
        key: "false",
        label: "False",
        verb: "Mark false",
        light: Rgb(180, 30, 30),
        dark: Rgb(240, 100, 100),
    },
    BuiltIn {
        key: "misleading",
        label: "Misleading",
        verb: "Mark misleading",
        light: Rgb(120, 50, 160),
        dark: Rgb(190, 130, 240),
    },
    BuiltIn {
        key: "unverifiable",
        label: "Unverifiable",
        verb: "Mark unverifiable",
        light: Rgb(40, 90, 160),
        dark: Rgb(110, 160, 240),
    },
];

fn built_in(status: &Status) -> Option<&'static BuiltIn> {
    BUILT_IN.iter().find(|b| b.key == status.as_str())
}

/// The hardest backgrounds status words are drawn on, in the light and the dark theme: a
/// button under the pointer (egui's defaults). Readable there, they are readable on the
/// panels too, which are further from them.
const LIGHT_BACKGROUND: Rgb = Rgb(220, 220, 220);
const DARK_BACKGROUND: Rgb = Rgb(64, 64, 64);

/// The workspace's own settings, kept in `workspace.ron`.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Manifest {
    /// What the workspace is about.
    pub name: String,
    /// The fact-check desk that publishes its reviews.
    #[serde(default)]
    pub desk: String,
    /// The status vocabulary, in display order. The first one is given to new claims.
    #[serde(default = "Manifest::default_statuses")]
    pub statuses: Vec<StatusDef>,
    /// A verdict is published only once a second reviewer, not its author, has signed it off.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub require_signoff: bool,
    /// Every status change must say why: a verdict without a reason is refused.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub require_reason: bool,
    /// Filters the desk saved under a name ("Overdue disputes", "Russia, unreviewed").
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub views: Vec<SavedView>,
}

/// A filter of the claim list, saved under a name in the workspace for the whole desk.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SavedView {
    /// What the desk calls it.
    pub name: String,
    /// Claims with any of these statuses; none: all.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub statuses: Vec<Status>,
    /// Claims with all of these tags.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub tags: Vec<String>,
    /// Claims whose text, claimant, tags or notes hold this.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub search: String,
}

impl SavedView {
    /// The filter it saves.
    pub fn filter(&self) -> super::ClaimFilter {
        super::ClaimFilter {
            statuses: self.statuses.clone(),
            tags: self.tags.clone(),
            search: self.search.clone(),
        }
    }
}

impl Default for Manifest {
    fn default() -> Self {
        Manifest::new("Untitled workspace", "")
    }
}

impl Manifest {
    /// A manifest with the standard vocabulary.
    pub fn new(name: impl Into<String>, desk: impl Into<String>) -> Self {
        Self {
            name: name.into(),
            desk: desk.into(),
            statuses: Self::default_statuses(),
            require_signoff: false,
            require_reason: false,
            views: Vec::new(),
        }
    }

    /// unreviewed, confirmed, disputed, false, misleading, unverifiable.
    pub fn default_statuses() -> Vec<StatusDef> {
        BUILT_IN
            .iter()
            .map(|b| StatusDef::new(b.key, b.label))
            .collect()
    }

    /// The vocabulary entry for `status`, if it has one.
    pub fn def(&self, status: &Status) -> Option<&StatusDef> {
        self.statuses.iter().find(|d| &d.key == status)
    }

    /// The status new claims start with.
    pub fn initial_status(&self) -> Status {
        self.statuses
            .first()
            .map(|d| d.key.clone())
            .unwrap_or_else(|| Status::new("unreviewed"))
    }

    /// The schema version `workspace.ron` needs: 3 when it requires sign-off or reasons, or
    /// saves views, else 2.
    pub fn schema_version(&self) -> u32 {
        if self.require_signoff || self.require_reason || !self.views.is_empty() {
            3
        } else {
            2
        }
    }

    /// True when `status` is in the vocabulary.
    pub fn knows(&self, status: &Status) -> bool {
        self.statuses.iter().any(|d| &d.key == status)
    }

    /// The word shown for `status`; the key itself when the vocabulary lacks it.
    pub fn label<'a>(&'a self, status: &'a Status) -> &'a str {
        self.statuses
            .iter()
            .find(|d| &d.key == status)
            .map_or(status.as_str(), |d| d.label.as_str())
    }

    /// The button and command word for moving a claim to `status`: the desk's own verb if it
    /// gave one; else the standard verb of a standard status (`Confirm`, `Dispute`, ...)
    /// while it keeps its standard label; else `Mark` and the label, so that a desk that
    /// relabels `false` as "Wrong" gets "Mark wrong", never a button that names another word
    /// than the badge beside it.
    pub fn verb(&self, status: &Status) -> String {
        let def = self.def(status);
        if let Some(verb) = def.and_then(|d| d.verb.as_deref())
            && !verb.trim().is_empty()
        {
            return verb.to_string();
        }
        let label = self.label(status);
        match built_in(status) {
            Some(b) if b.label.eq_ignore_ascii_case(label) => b.verb.to_string(),
            _ => format!("Mark {}", label.to_lowercase()),
        }
    }

    /// The colour of `status` on the light (`dark == false`) or dark theme.
    ///
    /// A desk's own `#rrggbb` colour is meant for a light background and is used there as
    /// given if text in it is readable (a contrast of at least 4.5:1); on the dark theme, and
    /// on the light one when it is too pale, it is mixed towards white (or black) just enough
    /// to be readable, so one colour serves both themes and keeps its hue. Without one, a
    /// standard status has its own pair of colours, and any other a hue derived from its key:
    /// the same every time.
    pub fn color(&self, status: &Status, dark: bool) -> Rgb {
        let background = if dark {
            DARK_BACKGROUND
        } else {
            LIGHT_BACKGROUND
        };
        let own = self
            .def(status)
            .and_then(|d| d.color.as_deref())
            .and_then(Rgb::parse);
        if let Some(own) = own {
            return own.readable_on(background);
        }
        if let Some(b) = built_in(status) {
            return if dark { b.dark } else { b.light }.readable_on(background);
        }
        let h = status
            .as_str()
            .bytes()
            .fold(7u32, |h, b| h.wrapping_mul(31).wrapping_add(b as u32));
        let hue = (h % 360) as f32 / 360.0;
        Rgb::from_linear_hsv(hue, 0.6, if dark { 0.9 } else { 0.55 }).readable_on(background)
    }

    /// Finds a status by key or label, ignoring case: what a person types.
    pub fn find_status(&self, typed: &str) -> Option<Status> {
        let typed = typed.trim();
        self.statuses
            .iter()
            .find(|d| {
                d.key.as_str().eq_ignore_ascii_case(typed) || d.label.eq_ignore_ascii_case(typed)
            })
            .map(|d| d.key.clone())
    }

    /// Problems with the vocabulary itself.
    pub fn problems(&self) -> Vec<ManifestProblem> {
        let mut out = Vec::new();
        let mut push = |message: String, value: Option<&str>| {
            out.push(ManifestProblem {
                message,
                value: value.map(str::to_string),
            })
        };
        if self.statuses.is_empty() {
            push("the status vocabulary is empty".to_string(), None);
        }
        let mut seen = std::collections::HashSet::new();
        for v in &self.views {
            if v.name.trim().is_empty() {
                push("a saved view has no name".to_string(), None);
            }
            if !seen.insert(v.name.trim().to_lowercase()) {
                push(
                    format!("the view {:?} is listed twice", v.name),
                    Some(&v.name),
                );
            }
            for status in &v.statuses {
                if !self.statuses.iter().any(|d| &d.key == status) {
                    push(
                        format!(
                            "the view {:?} asks for the status {:?}, which the vocabulary does not have",
                            v.name,
                            status.as_str()
                        ),
                        Some(status.as_str()),
                    );
                }
            }
        }
        for (i, d) in self.statuses.iter().enumerate() {
            let key = d.key.as_str();
            let ok = !key.is_empty()
                && key.bytes().all(|b| {
                    b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-' || b == b'_'
                });
            if !ok {
                push(
                    format!("status key {key:?} may hold only a-z, 0-9, '-' and '_'"),
                    Some(key),
                );
            }
            if self.statuses[..i].iter().any(|e| e.key == d.key) {
                // The first occurrence of the key in the file is the other listing: no value.
                push(format!("status key {key:?} is listed twice"), None);
            }
            if d.verb.as_ref().is_some_and(|v| v.trim().is_empty()) {
                // An empty string is too common in the file to point at.
                push(
                    format!("status {key:?}: verb is empty (leave it out for the standard one)"),
                    None,
                );
            }
            if let Some(color) = &d.color
                && Rgb::parse(color).is_none()
            {
                push(
                    format!("status {key:?}: color {color:?} is not #rrggbb (like \"#b41e1e\")"),
                    Some(color),
                );
            }
        }
        out
    }
}

/// Something wrong with a manifest that parsed: what, and where to point in the file.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ManifestProblem {
    /// What is wrong, in one line.
    pub message: String,
    /// The string value in the file the problem is about, when it has one worth finding.
    pub value: Option<String>,
}

impl fmt::Display for ManifestProblem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn statuses_are_found_by_key_or_label() {
        let mut m = Manifest::new("w", "d");
        m.statuses[2].label = "Contested".into();
        assert_eq!(m.find_status("DISPUTED"), Some(Status::new("disputed")));
        assert_eq!(m.find_status("contested"), Some(Status::new("disputed")));
        assert_eq!(m.find_status("nonsense"), None);
        assert_eq!(m.label(&Status::new("disputed")), "Contested");
        assert_eq!(m.label(&Status::new("gone")), "gone");
        assert_eq!(m.initial_status(), Status::new("unreviewed"));
    }

    #[test]
    fn bad_vocabularies_are_reported() {
        assert!(Manifest::new("w", "d").problems().is_empty());
        let mut m = Manifest::new("w", "d");
        m.statuses.push(m.statuses[0].clone());
        m.statuses.push(StatusDef::new("Bad Key", "x"));
        assert_eq!(m.problems().len(), 2);
        assert_eq!(m.problems()[1].value.as_deref(), Some("Bad Key"));
        m.statuses.clear();
        assert_eq!(
            m.problems()
                .iter()
                .map(ToString::to_string)
                .collect::<Vec<_>>(),
            ["the status vocabulary is empty"]
        );
    }

    fn status(key: &str) -> Status {
        Status::new(key)
    }

    #[test]
    fn the_six_standard_statuses_keep_their_verbs_and_colours() {
        let m = Manifest::new("w", "d");
        let verbs: Vec<String> = m.statuses.iter().map(|d| m.verb(&d.key)).collect();
        assert_eq!(
            verbs,
            [
                "Back to unreviewed",
                "Confirm",
                "Dispute",
                "Mark false",
                "Mark misleading",
                "Mark unverifiable"
            ]
        );
        let colors = |dark| -> Vec<String> {
            m.statuses
                .iter()
                .map(|d| m.color(&d.key, dark).to_string())
                .collect()
        };
        assert_eq!(
            colors(false),
            [
                "#606060", "#126c2d", "#914d00", "#b41e1e", "#7832a0", "#285aa0"
            ]
        );
        assert_eq!(
            colors(true),
            [
                "#ababab", "#59c175", "#f0a03c", "#f59393", "#cb9bf3", "#84aef2"
            ]
        );
        for dark in [false, true] {
            let background = if dark {
                DARK_BACKGROUND
            } else {
                LIGHT_BACKGROUND
            };
            for d in &m.statuses {
                let c = m.color(&d.key, dark);
                assert!(c.contrast(background) >= 4.5, "{} {dark}: {c}", d.key);
            }
        }
    }

    #[test]
    fn a_relabelled_standard_status_gets_a_verb_from_its_label() {
        let mut m = Manifest::new("w", "d");
        m.statuses[3].label = "Wrong".into();
        assert_eq!(m.verb(&status("false")), "Mark wrong");
        // Its colour is still the standard one: the key says what it means.
        assert_eq!(m.color(&status("false"), false), Rgb(180, 30, 30));
        // A change of case only is not a new word.
        m.statuses[1].label = "CONFIRMED".into();
        assert_eq!(m.verb(&status("confirmed")), "Confirm");
        m.statuses[1].verb = Some("Verify".into());
        assert_eq!(m.verb(&status("confirmed")), "Verify");
    }

    #[test]
    fn an_added_status_uses_its_own_verb_and_colour() {
        let mut m = Manifest::new("w", "d");
        m.statuses.push(StatusDef {
            verb: Some("Call it satire".into()),
            color: Some("#0a7e8c".into()),
            ..StatusDef::new("satire", "Satire")
        });
        m.statuses.push(StatusDef::new("outdated", "Out of date"));
        assert!(m.problems().is_empty());
        assert_eq!(m.verb(&status("satire")), "Call it satire");
        // Darkened just enough to be read on a button under the pointer.
        assert_eq!(m.color(&status("satire"), false), Rgb(9, 107, 119));
        assert_eq!(m.verb(&status("outdated")), "Mark out of date");
        // Not in the vocabulary at all: the key stands in for the label.
        assert_eq!(m.verb(&status("gone")), "Mark gone");
        assert_eq!(m.verb(&status("false")), "Mark false");
    }

    #[test]
    fn a_desk_colour_is_made_readable_on_the_dark_theme() {
        let mut m = Manifest::new("w", "d");
        m.statuses[0].color = Some("#0a7e8c".into());
        m.statuses[1].color = Some("#ffe94d".into());
        let (teal, yellow) = (status("unreviewed"), status("confirmed"));
        let dark = m.color(&teal, true);
        assert!(dark.contrast(DARK_BACKGROUND) >= 4.5, "{dark}");
        assert!(dark.0 < dark.1 && dark.0 < dark.2, "still teal: {dark}");
        // Pale on white: darkened for the light theme, kept for the dark one.
        assert!(m.color(&yellow, false).contrast(LIGHT_BACKGROUND) >= 4.5);
        assert_eq!(m.color(&yellow, true), Rgb(255, 233, 77));
    }

    #[test]
    fn other_statuses_get_a_stable_readable_colour_from_their_key() {
        let m = Manifest::new("w", "d");
        for dark in [false, true] {
            let a = m.color(&status("satire"), dark);
            assert_eq!(a, m.color(&status("satire"), dark));
            assert_ne!(a, m.color(&status("outdated"), dark));
        }
        assert!(m.color(&status("satire"), false).contrast(LIGHT_BACKGROUND) >= 4.5);
        assert!(m.color(&status("satire"), true).contrast(DARK_BACKGROUND) >= 4.5);
    }

    #[test]
    fn bad_colours_and_empty_verbs_are_reported() {
        let mut m = Manifest::new("w", "d");
        m.statuses[3].color = Some("red".into());
        m.statuses[4].color = Some("#B41E1E".into());
        m.statuses[5].verb = Some("  ".into());
        let problems = m.problems();
        let messages: Vec<String> = problems.iter().map(ToString::to_string).collect();
        assert_eq!(
            messages,
            [
                "status \"false\": color \"red\" is not #rrggbb (like \"#b41e1e\")",
                "status \"unverifiable\": verb is empty (leave it out for the standard one)",
            ]
        );
        assert_eq!(problems[0].value.as_deref(), Some("red"));
        assert_eq!(problems[1].value, None);
    }
}
