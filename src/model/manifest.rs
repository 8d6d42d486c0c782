use serde::{Deserialize, Serialize};
use std::fmt;

/// A status key, such as `disputed`: one of the workspace's status vocabulary.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(transparent)]
pub struct Status(String);

impl Status {
    /// A status key. Whether the workspace knows it is checked against its [`Manifest`].
    pub fn new(key: impl Into<String>) -> Self {
        Self(key.into())
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

/// One entry of the status vocabulary: the key stored in claim files and the word shown.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct StatusDef {
    /// Stored in claim files; never changes once claims use it.
    pub key: Status,
    /// Shown to people; a desk may rename it freely.
    pub label: String,
}

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
        }
    }

    /// unreviewed, confirmed, disputed, false, misleading, unverifiable.
    pub fn default_statuses() -> Vec<StatusDef> {
        [
            ("unreviewed", "Unreviewed"),
            ("confirmed", "Confirmed"),
            ("disputed", "Disputed"),
            ("false", "False"),
            ("misleading", "Misleading"),
            ("unverifiable", "Unverifiable"),
        ]
        .into_iter()
        .map(|(key, label)| StatusDef {
            key: Status::new(key),
            label: label.into(),
        })
        .collect()
    }

    /// The status new claims start with.
    pub fn initial_status(&self) -> Status {
        self.statuses
            .first()
            .map(|d| d.key.clone())
            .unwrap_or_else(|| Status::new("unreviewed"))
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

    /// Problems with the vocabulary itself, as messages.
    pub fn problems(&self) -> Vec<String> {
        let mut out = Vec::new();
        if self.statuses.is_empty() {
            out.push("the status vocabulary is empty".to_string());
        }
        for (i, d) in self.statuses.iter().enumerate() {
            let key = d.key.as_str();
            let ok = !key.is_empty()
                && key.bytes().all(|b| {
                    b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-' || b == b'_'
                });
            if !ok {
                out.push(format!(
                    "status key {key:?} may hold only a-z, 0-9, '-' and '_'"
                ));
            }
            if self.statuses[..i].iter().any(|e| e.key == d.key) {
                out.push(format!("status key {key:?} is listed twice"));
            }
        }
        out
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
        m.statuses.push(StatusDef {
            key: Status::new("Bad Key"),
            label: "x".into(),
        });
        assert_eq!(m.problems().len(), 2);
        m.statuses.clear();
        assert_eq!(m.problems(), ["the status vocabulary is empty"]);
    }
}
