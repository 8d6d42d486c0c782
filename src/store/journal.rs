//! The intent journal that makes a save of several files land whole or not at all, even
//! across `kill -9`: before the first file is replaced, every new content goes into one
//! journal file, written atomically. Once the journal is there the save is committed; the
//! next open that finds it rolls it forward (writes every file again, which is idempotent)
//! and removes it. A kill before the journal lands leaves every file as it was.
//!
//! The format is plain and length-prefixed, so no content needs escaping:
//! `claimdesk-journal 1`, then per file `write NAME` / byte length / bytes, or `remove NAME`,
//! then `end`.

use std::io;

/// The journal's file name in the workspace folder (git-ignored, hidden).
pub const JOURNAL_FILE: &str = ".claimdesk-journal";

const HEADER: &str = "claimdesk-journal 1\n";

/// One file of a committed save: its path relative to the workspace and its new content
/// (`None`: remove it).
pub type Entry = (String, Option<String>);

/// The journal's bytes for `entries`.
pub fn encode(entries: &[Entry]) -> Vec<u8> {
    let mut out = String::from(HEADER);
    for (name, content) in entries {
        match content {
            Some(text) => {
                out.push_str(&format!("write {name}\n{}\n", text.len()));
                out.push_str(text);
                out.push('\n');
            }
            None => out.push_str(&format!("remove {name}\n")),
        }
    }
    out.push_str("end\n");
    out.into_bytes()
}

/// Reads a journal; an incomplete or foreign one is an error (it is never half-applied).
pub fn decode(bytes: &[u8]) -> io::Result<Vec<Entry>> {
    let bad = |why: &str| io::Error::new(io::ErrorKind::InvalidData, why.to_string());
    let text = std::str::from_utf8(bytes).map_err(|_| bad("the journal is not UTF-8"))?;
    let mut rest = text
        .strip_prefix(HEADER)
        .ok_or_else(|| bad("not a claimdesk journal"))?;
    let mut entries = Vec::new();
    loop {
        let (line, after) = rest
            .split_once('\n')
            .ok_or_else(|| bad("the journal ends early"))?;
        if line == "end" {
            return Ok(entries);
        }
        if let Some(name) = line.strip_prefix("remove ") {
            entries.push((name.to_string(), None));
            rest = after;
        } else if let Some(name) = line.strip_prefix("write ") {
            let (len, after) = after
                .split_once('\n')
                .ok_or_else(|| bad("the journal ends early"))?;
            let len: usize = len
                .parse()
                .map_err(|_| bad("a bad length in the journal"))?;
            let content = after
                .get(..len)
                .ok_or_else(|| bad("the journal ends early"))?;
            let after = after[len..]
                .strip_prefix('\n')
                .ok_or_else(|| bad("a bad entry in the journal"))?;
            entries.push((name.to_string(), Some(content.to_string())));
            rest = after;
        } else {
            return Err(bad("a bad line in the journal"));
        }
        if entries.last().is_some_and(|(name, _)| !safe_name(name)) {
            return Err(bad("a journal entry names a file outside the workspace"));
        }
    }
}

/// A journal names only the files claimdesk itself writes: `ID.ron` claim files and the
/// manifest, directly in the workspace folder. A journal can arrive in a clone, so no other
/// name is ever taken (no folder, so no symlinked folder either; not `.git/config`).
fn safe_name(name: &str) -> bool {
    name == super::MANIFEST_FILE
        || name
            .strip_suffix(".ron")
            .is_some_and(|stem| crate::model::ClaimId::new(stem).is_ok())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn entries_round_trip_whatever_they_hold() {
        let entries = vec![
            (
                "a.ron".to_string(),
                Some("(\n  text: \"x\\nend\n\",\n)\nend\n".to_string()),
            ),
            ("b.ron".to_string(), None),
            ("workspace.ron".to_string(), Some(String::new())),
        ];
        assert_eq!(decode(&encode(&entries)).unwrap(), entries);
    }

    #[test]
    fn a_cut_or_hostile_journal_is_refused() {
        let full = encode(&[("a.ron".into(), Some("abc".into()))]);
        for cut in 0..full.len() {
            assert!(decode(&full[..cut]).is_err(), "cut at {cut}");
        }
        for name in [
            "../x.ron",
            "/etc/passwd",
            "",
            "evil/precious.txt",
            "sources/report.md",
            ".git/config",
            ".gitattributes",
            "kept/c.ron",
        ] {
            let bytes = encode(&[(name.into(), None)]);
            assert!(decode(&bytes).is_err(), "{name:?}");
        }
    }
}
