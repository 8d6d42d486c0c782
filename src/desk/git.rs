//! Git is how a desk shares one workspace: a merge driver that merges claim files field by
//! field (so two reviewers who touched different parts of a claim lose nothing), and the
//! set-up that registers it in a repository.

use super::DeskError;
use crate::model::merge::{self, Field};
use crate::model::{Claim, Manifest, Status};
use crate::store::{self, MANIFEST_FILE, guarded};
use std::path::Path;
use std::process::Command;

/// What the driver did.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum DriverOutcome {
    /// Merged cleanly; the result is in the "ours" file.
    Clean,
    /// Merged, with these fields left for a person; the result (ours, with theirs recorded)
    /// is in the "ours" file.
    Conflicts(Vec<Field>),
}

fn read(path: &Path) -> Result<Vec<u8>, DeskError> {
    guarded::read(path, store::MAX_FILE_BYTES)
        .map_err(|e| DeskError::File(format!("{}: {e}", path.display())))
}

/// git's merge driver for workspace files: merges `base`, `ours` and `theirs` (git's `%O`,
/// `%A`, `%B`) of the file at `name` (`%P`) and writes the result over `ours`. A claim merges
/// field by field; the manifest merges its name, desk and vocabulary. A file that does not
/// parse is an error and `ours` is left as it is, so git reports a conflict.
pub fn merge_files(
    base: &Path,
    ours: &Path,
    theirs: &Path,
    name: &Path,
) -> Result<DriverOutcome, DeskError> {
    let (b, o, t) = (read(base)?, read(ours)?, read(theirs)?);
    let is_manifest = name.file_name().is_some_and(|n| n == MANIFEST_FILE);
    let (text, outcome) = if is_manifest {
        merge_manifests(name, &b, &o, &t)?
    } else {
        merge_claims(name, &b, &o, &t)?
    };
    std::fs::write(ours, text).map_err(|e| DeskError::File(format!("{}: {e}", ours.display())))?;
    Ok(outcome)
}

/// A decoded file's value, or its `PATH:LINE:COL` diagnostic as the error.
fn decoded<T>(result: Result<store::Decoded<T>, store::Diagnostic>) -> Result<T, DeskError> {
    result
        .map(|d| d.value)
        .map_err(|d| DeskError::File(d.to_string()))
}

fn merge_claims(
    name: &Path,
    base: &[u8],
    ours: &[u8],
    theirs: &[u8],
) -> Result<(String, DriverOutcome), DeskError> {
    let parse = |bytes: &[u8]| decoded(store::decode_claim(name, bytes));
    let (ours, theirs) = (parse(ours)?, parse(theirs)?);
    // Both sides added the file (no common version): an empty claim is what they share.
    let base = if base.iter().all(u8::is_ascii_whitespace) {
        Claim::new(
            ours.id.clone(),
            String::new(),
            String::new(),
            Status::new(""),
        )
    } else {
        parse(base)?
    };
    // git may pair two different claims as a rename; their edits must not be grafted.
    if base.id != ours.id || theirs.id != ours.id {
        return Err(DeskError::File(format!(
            "{}: these are different claims ({}, {}, {}); git paired them as a rename, so merge them by hand",
            name.display(),
            base.id,
            ours.id,
            theirs.id
        )));
    }
    let merged = merge::merge(&base, &ours, &theirs);
    let conflicts = merged.conflicts.clone();
    // Conflicts already recorded on either side stay until someone settles them.
    let earlier = ours.conflict.clone().or_else(|| theirs.conflict.clone());
    let mut claim = merged.recorded(&theirs);
    if claim.conflict.is_none() {
        claim.conflict = earlier;
    }
    let outcome = if conflicts.is_empty() {
        DriverOutcome::Clean
    } else {
        DriverOutcome::Conflicts(conflicts)
    };
    Ok((store::encode_claim(&claim), outcome))
}

/// The manifest: each of name, desk, the vocabulary, sign-off, reasons and saved views on its own; on a conflict both
/// versions go into the file between git's markers (git then marks the file).
fn merge_manifests(
    name: &Path,
    base: &[u8],
    ours: &[u8],
    theirs: &[u8],
) -> Result<(String, DriverOutcome), DeskError> {
    let parse = |bytes: &[u8]| decoded(store::decode_manifest(name, bytes));
    let (ours, theirs) = (parse(ours)?, parse(theirs)?);
    let base = if base.iter().all(u8::is_ascii_whitespace) {
        ours.clone()
    } else {
        parse(base)?
    };
    let mut conflict = false;
    let out = Manifest {
        name: three(&base.name, &ours.name, &theirs.name, &mut conflict),
        desk: three(&base.desk, &ours.desk, &theirs.desk, &mut conflict),
        statuses: three(
            &base.statuses,
            &ours.statuses,
            &theirs.statuses,
            &mut conflict,
        ),
        require_signoff: three(
            &base.require_signoff,
            &ours.require_signoff,
            &theirs.require_signoff,
            &mut conflict,
        ),
        require_reason: three(
            &base.require_reason,
            &ours.require_reason,
            &theirs.require_reason,
            &mut conflict,
        ),
        views: three(&base.views, &ours.views, &theirs.views, &mut conflict),
    };
    if conflict {
        // The manifest has no place to keep a second version: both go into the file between
        // git's conflict markers, for a person to edit, and nothing is lost. Until then the
        // workspace opens read-only.
        let text = format!(
            "<<<<<<< ours\n{}=======\n{}>>>>>>> theirs\n",
            store::encode_manifest(&ours),
            store::encode_manifest(&theirs)
        );
        return Ok((text, DriverOutcome::Conflicts(Vec::new())));
    }
    Ok((store::encode_manifest(&out), DriverOutcome::Clean))
}

/// One value merged three ways: the side that changed it, or ours (and a conflict) when
/// both changed it differently.
fn three<T: PartialEq + Clone>(base: &T, ours: &T, theirs: &T, conflict: &mut bool) -> T {
    if ours == base {
        theirs.clone()
    } else {
        if theirs != base && theirs != ours {
            *conflict = true;
        }
        ours.clone()
    }
}

/// Registers the merge driver in the git repository that holds `dir`: `.gitattributes` in
/// `dir` routes `*.ron` to it, and the repository's config runs this program for it. Returns
/// what was done, for the person.
pub fn git_setup(dir: &Path) -> Result<String, DeskError> {
    let git = |args: &[&str]| -> Result<String, DeskError> {
        let out = Command::new("git")
            .arg("-C")
            .arg(dir)
            .args(args)
            .output()
            .map_err(|e| DeskError::File(format!("cannot run git: {e}")))?;
        if !out.status.success() {
            return Err(DeskError::File(format!(
                "git {}: {}",
                args.join(" "),
                String::from_utf8_lossy(&out.stderr).trim()
            )));
        }
        Ok(String::from_utf8_lossy(&out.stdout).trim().to_string())
    };
    git(&["rev-parse", "--show-toplevel"])?;
    let exe = std::env::current_exe()
        .map_err(|e| DeskError::File(format!("cannot find this program: {e}")))?;
    let driver = format!("'{}' merge-driver %O %A %B %P", exe.display());
    git(&[
        "config",
        "merge.claimdesk.name",
        "claimdesk: claims merged field by field",
    ])?;
    git(&["config", "merge.claimdesk.driver", &driver])?;
    // Claim files share much boilerplate: git would pair a deleted claim with a new one as a
    // rename and carry edits across. Claims are never renamed (the file name is the id).
    git(&["config", "merge.renames", "false"])?;
    let path = dir.join(".gitattributes");
    let mut text = std::fs::read_to_string(&path).unwrap_or_default();
    const LINE: &str = "*.ron merge=claimdesk";
    if !text.lines().any(|l| l.trim() == LINE) {
        if !text.is_empty() && !text.ends_with('\n') {
            text.push('\n');
        }
        text.push_str(LINE);
        text.push('\n');
        crate::store::write_file_atomic(&path, text.as_bytes())
            .map_err(|e| DeskError::File(format!("{}: {e}", path.display())))?;
    }
    Ok(format!(
        "claim files in {} now merge field by field (.gitattributes: {LINE}; git config merge.claimdesk.driver, merge.renames false)",
        dir.display()
    ))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::StatusDef;

    fn write(dir: &Path, name: &str, text: &str) -> std::path::PathBuf {
        let path = dir.join(name);
        std::fs::write(&path, text).unwrap();
        path
    }

    #[test]
    fn the_manifest_merges_each_part_on_its_own() {
        let dir = tempfile::tempdir().unwrap();
        let base = Manifest::new("Desk", "Checkers");
        let mut ours = base.clone();
        ours.name = "Renamed".into();
        let mut theirs = base.clone();
        theirs.statuses.push(StatusDef::new("satire", "Satire"));
        let [b, o, t] = [&base, &ours, &theirs].map(store::encode_manifest);
        let (b, o, t) = (
            write(dir.path(), "b", &b),
            write(dir.path(), "o", &o),
            write(dir.path(), "t", &t),
        );
        let outcome = merge_files(&b, &o, &t, Path::new(MANIFEST_FILE)).unwrap();
        assert_eq!(outcome, DriverOutcome::Clean);
        let merged = store::decode_manifest(&o, &std::fs::read(&o).unwrap())
            .unwrap()
            .value;
        assert_eq!(merged.name, "Renamed");
        assert!(merged.knows(&Status::new("satire")));
        // Both sides changed the vocabulary: both versions stay in the file, marked.
        let mut other = base.clone();
        other.statuses.push(StatusDef::new("opinion", "Opinion"));
        let o = write(dir.path(), "o", &store::encode_manifest(&theirs));
        let t = write(dir.path(), "t", &store::encode_manifest(&other));
        let outcome = merge_files(&b, &o, &t, Path::new(MANIFEST_FILE)).unwrap();
        assert_eq!(outcome, DriverOutcome::Conflicts(Vec::new()));
        let text = std::fs::read_to_string(&o).unwrap();
        assert!(text.contains("<<<<<<<") && text.contains("satire") && text.contains("opinion"));
    }

    #[test]
    fn a_claim_added_on_both_sides_merges_from_nothing() {
        let dir = tempfile::tempdir().unwrap();
        let mut ours = crate::model::fixtures::claim("a");
        ours.tags = vec!["x".into()];
        let mut theirs = crate::model::fixtures::claim("a");
        theirs.tags = vec!["y".into()];
        theirs.text = "their wording".into();
        let (b, o, t) = (
            write(dir.path(), "b", ""),
            write(dir.path(), "o", &store::encode_claim(&ours)),
            write(dir.path(), "t", &store::encode_claim(&theirs)),
        );
        let outcome = merge_files(&b, &o, &t, Path::new("a.ron")).unwrap();
        assert_eq!(outcome, DriverOutcome::Conflicts(vec![Field::Text]));
        let merged = store::decode_claim(&o, &std::fs::read(&o).unwrap())
            .unwrap()
            .value;
        assert_eq!(merged.tags, ["x", "y"]);
        assert_eq!(&*merged.text, "claim a");
        assert_eq!(&*merged.conflict.unwrap().theirs.text, "their wording");
        // Two different claims paired by git as a rename: refused, ours left as it was.
        let before = std::fs::read(&o).unwrap();
        let other = write(
            dir.path(),
            "other",
            &store::encode_claim(&crate::model::fixtures::claim("b")),
        );
        assert!(merge_files(&b, &o, &other, Path::new("a.ron")).is_err());
        assert_eq!(std::fs::read(&o).unwrap(), before);
        // A side that is not a claim file: an error, and ours is left as it was.
        let before = std::fs::read(&o).unwrap();
        let bad = write(dir.path(), "bad", "(version: 2, claim: (");
        assert!(merge_files(&b, &o, &bad, Path::new("a.ron")).is_err());
        assert_eq!(std::fs::read(&o).unwrap(), before);
    }
}
