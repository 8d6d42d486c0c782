//! Claim and manifest files as RON text: one canonical way to write them, and a reader that
//! turns every kind of bad input into a [`Diagnostic`] with a position.

use super::diagnostic::{Diagnostic, position_of};
use super::legacy;
use crate::model::{Claim, Manifest};
use serde::{Deserialize, Serialize};
use std::path::Path;

/// The newest schema version this build reads and writes. Version 1 was the flat draft
/// format (see [`legacy`]); it still loads and is rewritten as version 2 on the next save.
/// Version 3 added the desk's workflow (write-ups, assignments, claimant kinds, context
/// evidence); a claim file is written as version 3 only when it uses it
/// ([`Claim::schema_version`]), so older claimdesks refuse just those files, with a clear
/// message, and read the rest.
pub const SCHEMA_VERSION: u32 = 3;

/// Files larger than this are refused unread: no claim comes near it, and it bounds the
/// memory and time a hostile file can cost.
pub const MAX_FILE_BYTES: u64 = 1 << 20;

/// RON nesting deeper than this is refused; a claim needs about 5 levels.
pub const MAX_DEPTH: usize = 32;

#[derive(Serialize)]
struct ClaimFileOut<'a> {
    version: u32,
    claim: &'a Claim,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields, rename = "claim file")]
struct ClaimFileIn {
    version: u32,
    claim: Claim,
}

#[derive(Serialize)]
struct ManifestFileOut<'a> {
    version: u32,
    workspace: &'a Manifest,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields, rename = "workspace file")]
struct ManifestFileIn {
    version: u32,
    workspace: Manifest,
}

/// Only the version, so that a file of another schema can be recognised before it is read.
#[derive(Deserialize)]
struct VersionProbe {
    version: u32,
}

/// A file that was read.
#[derive(Debug)]
pub struct Decoded<T> {
    /// What it holds, migrated to the current schema.
    pub value: T,
    /// The schema version the file declared.
    pub version: u32,
}

fn pretty() -> ron::ser::PrettyConfig {
    ron::ser::PrettyConfig::new()
        .indentor("    ")
        .new_line("\n")
        .struct_names(false)
        // Multi-line notes stay readable in a diff; quotes switch to raw strings.
        .escape_strings(false)
}

fn options() -> ron::Options {
    ron::Options::default().with_recursion_limit(MAX_DEPTH)
}

fn encode<T: Serialize>(value: &T) -> String {
    let mut text = options()
        .to_string_pretty(value, pretty())
        .expect("model types always serialize to RON");
    text.push('\n');
    text
}

/// The canonical bytes of a claim file.
pub fn encode_claim(claim: &Claim) -> String {
    encode(&ClaimFileOut {
        version: claim.schema_version(),
        claim,
    })
}

/// The canonical bytes of `workspace.ron`.
pub fn encode_manifest(manifest: &Manifest) -> String {
    encode(&ManifestFileOut {
        version: manifest.schema_version(),
        workspace: manifest,
    })
}

/// Reads a claim file's bytes; `path` only names it in diagnostics.
pub fn decode_claim(path: &Path, bytes: &[u8]) -> Result<Decoded<Claim>, Diagnostic> {
    decode(
        path,
        bytes,
        |text| {
            let file: ClaimFileIn = options().from_str(text)?;
            Ok((file.version, file.claim))
        },
        |text| {
            let old: legacy::ClaimV1 = options().from_str(text)?;
            Ok(old.migrate())
        },
    )
}

/// Reads `workspace.ron`'s bytes.
pub fn decode_manifest(path: &Path, bytes: &[u8]) -> Result<Decoded<Manifest>, Diagnostic> {
    decode(
        path,
        bytes,
        |text| {
            let file: ManifestFileIn = options().from_str(text)?;
            Ok((file.version, file.workspace))
        },
        |text| {
            let old: legacy::ManifestV1 = options().from_str(text)?;
            Ok(old.migrate())
        },
    )
}

type Parse<T> = fn(&str) -> Result<T, ron::error::SpannedError>;

fn decode<T>(
    path: &Path,
    bytes: &[u8],
    current: Parse<(u32, T)>,
    v1: Parse<T>,
) -> Result<Decoded<T>, Diagnostic> {
    let text = text_of(path, bytes, MAX_FILE_BYTES)?;
    let version_at = || find_key(text, "version").unwrap_or((1, 1));
    // The common case parses once; only a file that fails is probed for its version.
    let error = match current(text) {
        Ok((0, _)) => {
            return Err(Diagnostic::error(
                path,
                version_at(),
                "schema version 0 does not exist",
            ));
        }
        // A newer file that parses is read; fields it may add would be lost on save, so the
        // store keeps such a workspace read-only.
        Ok((version, value)) => return Ok(Decoded { value, version }),
        Err(e) => e,
    };
    match options().from_str::<VersionProbe>(text).map(|p| p.version) {
        Ok(1) => v1(text)
            .map(|value| Decoded { value, version: 1 })
            .map_err(|e| ron_error(path, text, &e)),
        Ok(v) if v > SCHEMA_VERSION => Err(Diagnostic::error(
            path,
            version_at(),
            format!(
                "written by a newer claimdesk (schema version {v}; this one reads up to {SCHEMA_VERSION}): update claimdesk to open it"
            ),
        )),
        _ => Err(ron_error(path, text, &error)),
    }
}

/// The schema version a file declares, when it is newer than this build's: such a file makes
/// the workspace read-only even when it cannot be read.
pub fn newer_version(bytes: &[u8]) -> Option<u32> {
    let text = std::str::from_utf8(bytes).ok()?;
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let version = options().from_str::<VersionProbe>(text).ok()?.version;
    (version > SCHEMA_VERSION).then_some(version)
}

/// The text of a file, after the checks every file gets: size (at most `cap`), UTF-8, a
/// byte-order mark (dropped), emptiness. Line ends are kept as they are: text is never
/// changed on the way in, so what loads saves back the same (workspaces keep `\n` through
/// their `.gitattributes`).
fn text_of<'a>(path: &Path, bytes: &'a [u8], cap: u64) -> Result<&'a str, Diagnostic> {
    if bytes.len() as u64 > cap {
        return Err(too_big(path, bytes.len() as u64));
    }
    let text = std::str::from_utf8(bytes).map_err(|e| {
        let valid = std::str::from_utf8(&bytes[..e.valid_up_to()]).unwrap_or_default();
        Diagnostic::error(
            path,
            position_of(valid, valid.len()),
            "the file is not UTF-8 text (a binary file, or another encoding)",
        )
    })?;
    // A byte-order mark is what some editors put first in UTF-8 files: not an error.
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    if text.trim().is_empty() {
        return Err(Diagnostic::error(path, (1, 1), "the file is empty"));
    }
    Ok(text)
}

/// Any value as canonical RON, written the way workspace files are: for other files the
/// project writes, such as review files.
pub fn encode_ron<T: Serialize>(value: &T) -> String {
    encode(value)
}

/// Reads a RON file of another kind with the checks and diagnostics claim files get, except
/// the size: its reader capped that for its kind (a review file of 100,000 claims is large).
pub fn decode_ron<T: serde::de::DeserializeOwned>(
    path: &Path,
    bytes: &[u8],
) -> Result<T, Diagnostic> {
    let text = text_of(path, bytes, u64::MAX)?;
    options()
        .from_str(text)
        .map_err(|e| ron_error(path, text, &e))
}

/// A diagnostic for a file over [`MAX_FILE_BYTES`].
pub fn too_big(path: &Path, len: u64) -> Diagnostic {
    Diagnostic::error(
        path,
        (1, 1),
        format!("the file is {len} bytes; files over {MAX_FILE_BYTES} bytes are not read"),
    )
}

fn ron_error(path: &Path, text: &str, e: &ron::error::SpannedError) -> Diagnostic {
    let at = (e.span.start.line.max(1), e.span.start.col.max(1));
    let at_end = at >= position_of(text, text.trim_end().len());
    let message = match &e.code {
        ron::Error::ExceededRecursionLimit => {
            format!("nested deeper than {MAX_DEPTH} levels")
        }
        ron::Error::Eof => "the file ends too early (truncated?)".to_string(),
        code if at_end => format!("{code}: the file ends here (truncated?)"),
        code => code.to_string(),
    };
    Diagnostic::error(path, at, message)
}

/// Where `key:` first starts a line's content in `text`: good enough to point at the field a
/// check after parsing complained about.
pub fn find_key(text: &str, key: &str) -> Option<(usize, usize)> {
    let mut offset = 0;
    for line in text.split_inclusive('\n') {
        let trimmed = line.trim_start();
        if let Some(rest) = trimmed.strip_prefix(key)
            && rest.trim_start().starts_with(':')
        {
            return Some(position_of(text, offset + line.len() - trimmed.len()));
        }
        offset += line.len();
    }
    None
}

/// Where the string literal `"value"` first appears in `text`.
pub fn find_string(text: &str, value: &str) -> Option<(usize, usize)> {
    let quoted = format!("\"{value}\"");
    text.find(&quoted).map(|at| position_of(text, at))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{ClaimId, Note, Status};

    fn claim() -> Claim {
        Claim::new(
            ClaimId::new("a").unwrap(),
            "Text".into(),
            "Someone".into(),
            Status::new("unreviewed"),
        )
    }

    #[test]
    fn hostile_text_survives_a_round_trip() {
        let mut c = claim();
        c.text = "quote \" and raw \"# and \"## and \\ backslash".into();
        c.claimant = "line one\nline two\r\nthree\ttab \u{0} nul 😀 e\u{301}".into();
        c.notes.push(Note {
            author: "r\"#x".into(),
            time: "2024-04-25T10:00:00Z".parse().unwrap(),
            text: "multi\nline\n\n  indented\n".into(),
        });
        let text = encode_claim(&c);
        let back = decode_claim(Path::new("a.ron"), text.as_bytes()).unwrap();
        assert_eq!(back.value, c);
        assert_eq!(encode_claim(&back.value), text);
    }

    #[test]
    fn multi_line_notes_stay_readable() {
        let mut c = claim();
        c.notes.push(Note {
            author: "ana".into(),
            time: "2024-04-25T10:00:00Z".parse().unwrap(),
            text: "first line\nsecond line".into(),
        });
        let text = encode_claim(&c);
        assert!(text.contains("first line\nsecond line"), "{text}");
    }

    #[test]
    fn files_start_with_their_version() {
        let text = encode_claim(&claim());
        assert!(text.starts_with("(\n    version: 2,\n"), "{text}");
        assert!(encode_manifest(&Manifest::default()).starts_with("(\n    version: 2,\n"));
    }

    #[test]
    fn a_manifest_that_requires_reasons_is_version_3_and_reads_back() {
        let plain = encode_manifest(&Manifest::default());
        assert!(!plain.contains("require_reason"), "{plain}");
        let manifest = Manifest {
            require_reason: true,
            ..Manifest::default()
        };
        let text = encode_manifest(&manifest);
        assert!(
            text.starts_with("(\n    version: 3,\n") && text.contains("require_reason: true"),
            "{text}"
        );
        let back = decode_manifest(Path::new("workspace.ron"), text.as_bytes()).unwrap();
        assert!(back.value.require_reason);
    }

    #[test]
    fn newer_files_name_the_version() {
        let text = encode_claim(&claim()).replace("version: 2", "version: 9");
        let ok = decode_claim(Path::new("a.ron"), text.as_bytes()).unwrap();
        assert_eq!(ok.version, 9);
        let text = text.replace("claim:", "claim_v9:");
        let err = decode_claim(Path::new("a.ron"), text.as_bytes()).unwrap_err();
        assert!(err.message.contains("newer claimdesk"), "{err}");
        assert_eq!((err.line, err.col), (2, 5));
    }

    #[test]
    fn a_manifest_with_verbs_and_colours_round_trips() {
        let mut m = Manifest::new("w", "d");
        m.statuses[3].label = "Wrong".into();
        m.statuses[3].color = Some("#c0392b".into());
        m.statuses.push(crate::model::StatusDef {
            verb: Some("Call it satire".into()),
            ..crate::model::StatusDef::new("satire", "Satire")
        });
        let text = encode_manifest(&m);
        assert!(
            text.contains(
                "            (\n                key: \"false\",\n                label: \"Wrong\",\n                color: \"#c0392b\",\n            ),"
            ),
            "{text}"
        );
        assert!(text.contains("verb: \"Call it satire\","), "{text}");
        assert_eq!(
            text.matches("verb:").count(),
            1,
            "unset fields are left out"
        );
        let back = decode_manifest(Path::new("workspace.ron"), text.as_bytes()).unwrap();
        assert_eq!(back.value, m);
        assert_eq!(encode_manifest(&back.value), text);
        // RON's own spelling of an option reads too, and is written back plain.
        let spelled = text.replace("\"#c0392b\"", "Some(\"#c0392b\")");
        let back = decode_manifest(Path::new("workspace.ron"), spelled.as_bytes()).unwrap();
        assert_eq!(encode_manifest(&back.value), text);
        let wrong = text.replace("\"#c0392b\"", "3");
        let err = decode_manifest(Path::new("workspace.ron"), wrong.as_bytes()).unwrap_err();
        assert!(err.message.contains("Expected a string"), "{err}");
    }

    #[test]
    fn the_sample_manifest_keeps_its_bytes() {
        let sample = include_str!("../../claims/workspace.ron");
        let back = decode_manifest(Path::new("workspace.ron"), sample.as_bytes()).unwrap();
        assert!(
            back.value
                .statuses
                .iter()
                .all(|d| d.verb.is_none() && d.color.is_none())
        );
        assert_eq!(encode_manifest(&back.value), sample);
    }

    #[test]
    fn keys_and_strings_are_located() {
        let text = "(\n    id: \"x\",\n    status: \"bogus\",\n)";
        assert_eq!(find_key(text, "status"), Some((3, 5)));
        assert_eq!(find_key(text, "nothing"), None);
        assert_eq!(find_string(text, "bogus"), Some((3, 13)));
    }
}
