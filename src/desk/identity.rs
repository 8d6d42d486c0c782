//! Who is working: a reviewer's name, chosen the way git chooses an author. The name goes into
//! every history entry, note and evidence item, so it must be the same every time; it is never
//! the operating system's account name by silent default.

use std::fmt;
use std::path::Path;

/// The environment variable that names the reviewer when no flag does.
pub const REVIEWER_VAR: &str = "CLAIMDESK_REVIEWER";

/// The longest name taken: a person's name, not a document.
pub const MAX_NAME_CHARS: usize = 200;

/// What a reviewer's name must be, for messages.
pub const NAME_RULE: &str =
    "a name is one line of at most 200 characters, not blank, with no tabs or control characters";

/// A reviewer's name, trimmed, one line, not empty.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Reviewer(String);

impl Reviewer {
    /// The name, trimmed; `None` unless it is a name (see [`NAME_RULE`]).
    pub fn new(name: &str) -> Option<Self> {
        let name = name.trim();
        let ok = !name.is_empty()
            && name.chars().count() <= MAX_NAME_CHARS
            && !name.chars().any(char::is_control);
        ok.then(|| Self(name.to_string()))
    }

    /// The name as written.
    pub fn name(&self) -> &str {
        &self.0
    }

    /// True when `other` names the same person: compared whole, trimmed and ignoring case,
    /// never as a part of a longer name ("ana" is not "Ana Ferreira").
    pub fn is(&self, other: &str) -> bool {
        same_person(&self.0, other)
    }
}

impl fmt::Display for Reviewer {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

pub use crate::model::same_person;

/// Where a reviewer's name came from, for messages.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum NameSource {
    /// `--reviewer`.
    Flag,
    /// `$CLAIMDESK_REVIEWER`.
    Environment,
    /// The name the window remembers from an earlier session.
    Remembered,
    /// `git config user.name` in the workspace's repository.
    Git,
}

/// The reviewer: `flag`, else `$CLAIMDESK_REVIEWER`, else `remembered` (the window's own),
/// else `git config user.name` as git sees it from `dir`. `None` when none of them names
/// anyone.
pub fn resolve(
    flag: Option<&str>,
    remembered: Option<&str>,
    dir: Option<&Path>,
) -> Option<(Reviewer, NameSource)> {
    let env = std::env::var(REVIEWER_VAR).ok();
    flag.and_then(Reviewer::new)
        .map(|r| (r, NameSource::Flag))
        .or_else(|| {
            env.as_deref()
                .and_then(Reviewer::new)
                .map(|r| (r, NameSource::Environment))
        })
        .or_else(|| {
            remembered
                .and_then(Reviewer::new)
                .map(|r| (r, NameSource::Remembered))
        })
        .or_else(|| {
            git_user_name(dir)
                .as_deref()
                .and_then(Reviewer::new)
                .map(|r| (r, NameSource::Git))
        })
}

/// What to tell someone who has no name set.
pub const HOW_TO_NAME: &str = "no reviewer name: pass --reviewer NAME, set CLAIMDESK_REVIEWER, \
     or set git's user.name (`git config user.name \"Your Name\"`)";

/// `git config user.name`, run in `dir` so that a repository's own setting wins over the
/// global one. `None` when git is missing, fails, or has no name.
fn git_user_name(dir: Option<&Path>) -> Option<String> {
    let mut git = std::process::Command::new("git");
    if let Some(dir) = dir.filter(|d| d.is_dir()) {
        git.current_dir(dir);
    }
    let output = git
        .args(["config", "user.name"])
        .stdin(std::process::Stdio::null())
        .stderr(std::process::Stdio::null())
        .output()
        .ok()?;
    if !output.status.success() {
        return None;
    }
    String::from_utf8(output.stdout).ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_are_compared_whole_trimmed_and_in_any_case() {
        let ana = Reviewer::new("  Ana Ferreira ").unwrap();
        assert_eq!(ana.name(), "Ana Ferreira");
        assert!(ana.is("ana ferreira"));
        assert!(ana.is("ANA FERREIRA  "));
        assert!(!ana.is("ana"), "a part of a name is somebody else");
        assert!(!ana.is("Ana Ferreira-Silva"));
        assert!(same_person("Émile", "émile"));
        assert!(Reviewer::new("   ").is_none());
        assert!(Reviewer::new("two\nlines").is_none());
        assert!(Reviewer::new("Ana\tFerreira").is_none());
        assert!(Reviewer::new(&"a".repeat(201)).is_none());
        assert!(Reviewer::new(&"é".repeat(200)).is_some());
    }

    #[test]
    fn a_flag_wins_then_what_is_remembered() {
        // The environment variable is left alone here: tests run in parallel, and
        // `tests/cli.rs` covers it on a child process.
        let (r, from) = resolve(Some(" dana "), Some("erin"), None).unwrap();
        assert_eq!((r.name(), from), ("dana", NameSource::Flag));
        if std::env::var(REVIEWER_VAR).is_err() {
            let (r, from) = resolve(Some("  "), Some("erin"), None).unwrap();
            assert_eq!((r.name(), from), ("erin", NameSource::Remembered));
        }
    }
}
