use compact_str::CompactString;
use serde::{Deserialize, Serialize};
use std::fmt;

/// The stable identifier of a claim, which is also its file name (`ID.ron`).
///
/// Lower-case ASCII letters, digits and inner dashes, 1 to 64 characters: safe as a file name
/// on every platform and under case-insensitive file systems, and easy to type on a command line.
///
/// Up to 24 bytes are kept inline, without an allocation of their own: an id is held by its
/// claim, the workspace's map, the store's hashes and the search index.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Deserialize)]
#[serde(try_from = "CompactString")]
pub struct ClaimId(CompactString);

impl ClaimId {
    /// The longest id accepted.
    pub const MAX_LEN: usize = 64;

    /// Checks `s` and makes an id of it.
    pub fn new(s: impl Into<String>) -> Result<Self, String> {
        Self::check(CompactString::from(s.into()))
    }

    fn check(s: CompactString) -> Result<Self, String> {
        if s.is_empty() {
            return Err("a claim id cannot be empty".into());
        }
        if s.len() > Self::MAX_LEN {
            return Err(format!(
                "claim id {s:?} is longer than {} characters",
                Self::MAX_LEN
            ));
        }
        let ok_chars = s
            .bytes()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-');
        if !ok_chars || s.starts_with('-') || s.ends_with('-') {
            return Err(format!(
                "claim id {s:?} may hold only a-z, 0-9 and inner dashes"
            ));
        }
        if s == "workspace" {
            return Err("\"workspace\" is reserved for the manifest".into());
        }
        Ok(Self(s))
    }

    /// The id as text.
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl TryFrom<CompactString> for ClaimId {
    type Error = String;
    fn try_from(s: CompactString) -> Result<Self, String> {
        Self::check(s)
    }
}

impl From<ClaimId> for String {
    fn from(id: ClaimId) -> String {
        id.0.into_string()
    }
}

impl Serialize for ClaimId {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(self.as_str())
    }
}

impl fmt::Display for ClaimId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

/// A readable id stem made of the first words of `text`: "Iran denies the visit" becomes
/// `iran-denies-the-visit`. Never empty; the caller makes it unique.
pub fn slugify(text: &str) -> String {
    const MAX_WORDS: usize = 6;
    const MAX_LEN: usize = 48;
    let mut slug = String::new();
    let words = text
        .split(|c: char| !c.is_alphanumeric() && c != '\'' && c != '’')
        .map(|w| {
            w.chars()
                .filter(|c| c.is_ascii_alphanumeric())
                .map(|c| c.to_ascii_lowercase())
                .collect::<String>()
        })
        .filter(|w| !w.is_empty())
        .take(MAX_WORDS);
    for word in words {
        if slug.len() + word.len() + 1 > MAX_LEN {
            break;
        }
        if !slug.is_empty() {
            slug.push('-');
        }
        slug.push_str(&word);
    }
    if slug.is_empty() || slug == "workspace" {
        slug = "claim".into();
    }
    slug
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_are_checked() {
        assert!(ClaimId::new("military-talks").is_ok());
        assert!(ClaimId::new("c0001").is_ok());
        for bad in ["", "-a", "a-", "A", "a b", "a/b", "..", "workspace", "é"] {
            assert!(ClaimId::new(bad).is_err(), "{bad:?} was accepted");
        }
        assert!(ClaimId::new("a".repeat(65)).is_err());
    }

    #[test]
    fn slugs_are_valid_ids() {
        assert_eq!(
            slugify("North Korea's delegation visits Iran for military talks"),
            "north-koreas-delegation-visits-iran-for"
        );
        assert_eq!(slugify("¿Qué?"), "qu");
        assert_eq!(slugify("!!!"), "claim");
        for text in [
            "Kim–Putin summit, 2023",
            "  ",
            "a".repeat(200).as_str(),
            "日本語",
        ] {
            assert!(ClaimId::new(slugify(text)).is_ok(), "{text:?}");
        }
    }
}
