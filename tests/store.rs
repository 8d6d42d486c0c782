//! The store on real folders: round trips, bad input, atomic saves under kill, migration,
//! conflicts with changes made by others.

#![allow(clippy::unwrap_used)]

mod common;
use common::*;

use claimdesk::edit::{self, Edit};
use claimdesk::model::{ClaimId, Note, Status, Workspace};
use claimdesk::store::{self, Folder, SaveError, SaveOptions};
use std::collections::BTreeMap;
use std::fs;
use std::path::Path;

/// Every file of a folder (not its subfolders) with its bytes, but for the git-ignored lock
/// file.
fn snapshot(dir: &Path) -> BTreeMap<String, Vec<u8>> {
    fs::read_dir(dir)
        .unwrap()
        .filter(|e| e.as_ref().unwrap().file_name() != store::LOCK_FILE)
        .filter(|e| e.as_ref().unwrap().file_type().unwrap().is_file())
        .map(|e| {
            let e = e.unwrap();
            (
                e.file_name().to_string_lossy().into_owned(),
                fs::read(e.path()).unwrap(),
            )
        })
        .collect()
}

fn id(s: &str) -> ClaimId {
    ClaimId::new(s).unwrap()
}

/// Tags a claim in memory, as an edit in the window or the command line would.
fn add_tag(ws: &mut Workspace, claim: &str, tag: &str) -> edit::Applied {
    edit::apply(
        ws,
        Edit::AddTag {
            id: id(claim),
            tag: tag.into(),
        },
    )
    .unwrap()
}

/// Adds a note in memory.
fn add_note(ws: &mut Workspace, claim: &str, text: impl Into<Box<str>>) -> edit::Applied {
    let note = Note {
        author: "t".into(),
        time: "2024-05-01T00:00:00Z".parse().unwrap(),
        text: text.into(),
    };
    edit::apply(
        ws,
        Edit::AddNote {
            id: id(claim),
            note,
        },
    )
    .unwrap()
}

/// Saving `applied` must be refused because the workspace is read-only.
fn assert_read_only_save(folder: &mut Folder, ws: &Workspace, applied: &edit::Applied) {
    assert!(matches!(
        folder.save(ws, &applied.touched, &SaveOptions::default()),
        Err(SaveError::ReadOnly(_))
    ));
}

fn open_clean(dir: &Path) -> (Folder, Workspace) {
    let (folder, ws) = Folder::open(dir).unwrap();
    assert!(
        folder.diagnostics().is_empty(),
        "{:?}",
        folder.diagnostics()
    );
    (folder, ws)
}

#[test]
fn sample_workspace_round_trips_byte_for_byte() {
    let dir = sample_copy();
    let before = snapshot(dir.path());
    let (mut folder, ws) = open_clean(dir.path());
    assert!(ws.len() >= 12);
    assert!(
        folder.unformatted(&ws).is_empty(),
        "{:?}",
        folder.unformatted(&ws)
    );
    assert!(folder.format(&ws).unwrap().is_empty());
    // Saving every claim as changed writes nothing either: the bytes would be the same.
    let all: Vec<ClaimId> = ws.claims().map(|c| c.id.clone()).collect();
    let report = folder.save(&ws, &all, &SaveOptions::default()).unwrap();
    assert!(report.written.is_empty());
    assert!(snapshot(dir.path()) == before, "files changed");
    // And re-encoding every claim gives the bytes on disk.
    for claim in ws.claims() {
        assert_eq!(
            store::encode_claim(claim).as_bytes(),
            &before[&format!("{}.ron", claim.id)][..]
        );
    }
}

#[test]
fn sample_holds_the_reports_claims_and_the_denial_link() {
    let (_, ws) = open_clean(&sample_dir());
    let talks = ws.get(&id("delegation-visit-military-talks")).unwrap();
    assert!(talks.text.contains("military cooperation"));
    let incoming = ws.incoming(&talks.id);
    assert!(incoming.iter().any(|i| {
        i.kind == claimdesk::model::RelationKind::Contradicts
            && ws
                .get(&i.from)
                .unwrap()
                .claimant
                .contains("foreign ministry")
    }));
    let texts: String = ws
        .claims()
        .map(|c| format!("{} {} ", c.text, c.source.quote))
        .collect();
    for needle in [
        "trade show",
        "1973",
        "1980–1988",
        "2019",
        "COVID-19",
        "Putin",
        "Zhao Leji",
        "concerned",
    ] {
        assert!(texts.contains(needle), "no claim mentions {needle}");
    }
    assert!(
        ws.claims()
            .all(|c| !c.claimant.is_empty() && !c.source.title.is_empty())
    );
    assert!(
        ws.claims()
            .filter(|c| c.status != Status::new("unreviewed"))
            .count()
            >= 4
    );
    assert!(
        ws.claims().any(|c| !c.notes.is_empty()) && ws.claims().any(|c| !c.evidence.is_empty())
    );
}

#[test]
fn generated_workspace_round_trips_and_is_deterministic() {
    let a = tempfile::tempdir().unwrap();
    let b = tempfile::tempdir().unwrap();
    let ws = claimdesk::generate::workspace(1500, 42);
    Folder::create(a.path().join("w"), &ws).unwrap();
    Folder::create(
        b.path().join("w"),
        &claimdesk::generate::workspace(1500, 42),
    )
    .unwrap();
    let bytes = snapshot(&a.path().join("w"));
    assert_eq!(
        bytes,
        snapshot(&b.path().join("w")),
        "same seed, same bytes"
    );
    let (mut folder, loaded) = open_clean(&a.path().join("w"));
    assert_eq!(loaded, ws);
    assert!(folder.format(&loaded).unwrap().is_empty());
    assert!(
        snapshot(&a.path().join("w")) == bytes,
        "a format changed files"
    );
}

#[test]
fn one_claim_edit_writes_one_file() {
    #[cfg(unix)]
    use std::os::unix::fs::MetadataExt;
    let dir = sample_copy();
    let (mut folder, mut ws) = open_clean(dir.path());
    let inode = |name: &str| fs::metadata(dir.path().join(name)).unwrap().ino();
    let before: BTreeMap<String, u64> = snapshot(dir.path())
        .keys()
        .map(|n| (n.clone(), inode(n)))
        .collect();
    let applied = add_note(&mut ws, "last-visit-2019", "checked");
    let report = folder
        .save(&ws, &applied.touched, &SaveOptions::default())
        .unwrap();
    assert_eq!(report.written, [id("last-visit-2019")]);
    for (name, ino) in before {
        let same = inode(&name) == ino;
        assert_eq!(same, name != "last-visit-2019.ron", "{name}");
    }
    let (_, again) = open_clean(dir.path());
    assert_eq!(again.get(&id("last-visit-2019")).unwrap().notes.len(), 1);
}

#[test]
fn a_file_changed_on_disk_is_not_overwritten_without_asking() {
    let dir = sample_copy();
    let (mut folder, mut ws) = open_clean(dir.path());
    let path = dir.path().join("zhao-leji-visit.ron");
    let theirs = fs::read_to_string(&path)
        .unwrap()
        .replace("earlier in April 2024", "in April 2024");
    fs::write(&path, &theirs).unwrap();
    let applied = add_tag(&mut ws, "zhao-leji-visit", "pyongyang");
    match folder.save(&ws, &applied.touched, &SaveOptions::default()) {
        Err(SaveError::ChangedOnDisk(ids)) => assert_eq!(ids, [id("zhao-leji-visit")]),
        other => panic!("expected a conflict, got {other:?}"),
    }
    assert_eq!(
        fs::read_to_string(&path).unwrap(),
        theirs,
        "their change is intact"
    );
    let keep_mine = SaveOptions {
        overwrite: [id("zhao-leji-visit")].into(),
    };
    folder.save(&ws, &applied.touched, &keep_mine).unwrap();
    assert!(fs::read_to_string(&path).unwrap().contains("pyongyang"));
}

#[test]
fn deleting_a_claim_removes_its_file_and_the_links_to_it() {
    let dir = sample_copy();
    let (mut folder, mut ws) = open_clean(dir.path());
    let applied = edit::apply(
        &mut ws,
        Edit::DeleteClaim {
            id: id("delegation-visit-military-talks"),
        },
    )
    .unwrap();
    let report = folder
        .save(&ws, &applied.touched, &SaveOptions::default())
        .unwrap();
    assert_eq!(report.removed, [id("delegation-visit-military-talks")]);
    assert_eq!(report.written, [id("ministry-denies-military-talks")]);
    assert!(
        !dir.path()
            .join("delegation-visit-military-talks.ron")
            .exists()
    );
    let (folder, _) = Folder::open(dir.path()).unwrap();
    assert!(!folder.has_errors(), "{:?}", folder.diagnostics());
}

// ---- bad input ------------------------------------------------------------------------

/// Writes `name` with `bytes` into a copy of the sample and opens it: the file must be
/// reported with a position, the rest must load, and no save or format may touch the file.
fn open_with_bad_file(name: &str, bytes: &[u8]) -> Vec<store::Diagnostic> {
    let dir = sample_copy();
    let path = dir.path().join(name);
    fs::write(&path, bytes).unwrap();
    let (mut folder, mut ws) = Folder::open(dir.path()).unwrap();
    assert!(ws.len() >= 12, "the rest of the workspace loads");
    let diags: Vec<_> = folder
        .diagnostics()
        .iter()
        .filter(|d| d.path == path)
        .cloned()
        .collect();
    assert!(!diags.is_empty(), "{name} was not reported");
    for d in &diags {
        let shown = d.to_string();
        assert!(
            shown.starts_with(&format!("{}:{}:{}: ", path.display(), d.line, d.col)),
            "{shown}"
        );
        assert!(d.line >= 1 && d.col >= 1);
    }
    // Edits elsewhere, a format and a save leave the broken file alone.
    let other = ws.claims().next().unwrap().id.clone();
    let applied = edit::apply(
        &mut ws,
        Edit::AddTag {
            id: other,
            tag: "x".into(),
        },
    )
    .unwrap();
    folder
        .save(&ws, &applied.touched, &SaveOptions::default())
        .unwrap();
    let _ = folder.format(&ws);
    assert_eq!(fs::read(&path).unwrap(), bytes, "{name} was changed");
    diags
}

fn sample_text(name: &str) -> String {
    fs::read_to_string(sample_dir().join(name)).unwrap()
}

#[test]
fn truncation_at_every_byte_gives_a_positioned_diagnostic() {
    let text = sample_text("delegation-visit-military-talks.ron");
    let lines = text.lines().count();
    let path = Path::new("t.ron");
    // The last byte is the final newline: without it the file is still complete.
    for cut in 0..text.len() - 1 {
        if !text.is_char_boundary(cut) {
            // Cut inside a character: not UTF-8 any more, which is reported too.
            let err = store::decode_claim(path, &text.as_bytes()[..cut]).unwrap_err();
            assert!(err.line >= 1 && err.line <= lines, "cut {cut}: {err}");
            continue;
        }
        let err = store::decode_claim(path, &text.as_bytes()[..cut])
            .expect_err(&format!("a file cut at byte {cut} was accepted"));
        assert!(err.line >= 1 && err.line <= lines + 1, "cut {cut}: {err}");
        assert!(!err.message.is_empty());
    }
    // Through the folder as well, for a few cuts.
    for cut in [0, 1, 40, text.len() / 2, text.len() - 3] {
        open_with_bad_file(
            "delegation-visit-military-talks.ron",
            &text.as_bytes()[..cut],
        );
    }
}

#[test]
fn binary_files_are_reported() {
    let bytes: Vec<u8> = (0..4096u32)
        .map(|i| (i.wrapping_mul(2_654_435_761) >> 13) as u8)
        .collect();
    let d = open_with_bad_file("noise.ron", &bytes);
    assert!(d[0].message.contains("not UTF-8"), "{}", d[0]);
    let d = open_with_bad_file("nul.ron", b"(\n    version: 2,\0\0\0");
    assert_eq!(d[0].line, 2);
}

#[test]
fn invalid_utf8_is_placed_on_its_line() {
    let mut bytes = sample_text("last-visit-2019.ron").into_bytes();
    let third_line = bytes
        .iter()
        .enumerate()
        .filter(|(_, b)| **b == b'\n')
        .nth(1)
        .unwrap()
        .0
        + 1;
    bytes.insert(third_line + 4, 0xff);
    let d = open_with_bad_file("last-visit-2019.ron", &bytes);
    assert_eq!((d[0].line, d[0].col), (3, 5), "{}", d[0]);
    assert!(d[0].message.contains("UTF-8"));
}

#[test]
fn deep_nesting_is_refused_without_overflowing_the_stack() {
    // Inside a field this build does not know, which the version probe skips over: without
    // a depth limit that skip recurses once per bracket and overflows the stack.
    let mut text = "(surprise: ".to_string();
    text.push_str(&"[".repeat(200_000));
    let d = open_with_bad_file("deep.ron", text.as_bytes());
    assert!(d[0].message.contains("surprise"), "{}", d[0]);
    let d = open_with_bad_file("deep2.ron", "(".repeat(500_000).as_bytes());
    assert_eq!(d[0].line, 1, "{}", d[0]);
    let probe = "(version: 2, claim: (id: \"deep\", text: \"t\", claimant: \"c\", status: \"unreviewed\", source: ";
    let d = open_with_bad_file(
        "deep3.ron",
        format!("{probe}{}", "(".repeat(100_000)).as_bytes(),
    );
    assert_eq!(d[0].line, 1, "{}", d[0]);
}

#[test]
fn huge_files_are_not_read() {
    let mut text = sample_text("last-visit-2019.ron");
    text.push_str(&" ".repeat(store::MAX_FILE_BYTES as usize));
    let d = open_with_bad_file("last-visit-2019.ron", text.as_bytes());
    assert!(d[0].message.contains("files over"), "{}", d[0]);
}

#[test]
fn wrong_types_and_unknown_fields_are_placed() {
    let text = sample_text("last-visit-2019.ron");
    let wrong = text.replace("date: \"2024-04\"", "date: 2024");
    let d = open_with_bad_file("last-visit-2019.ron", wrong.as_bytes());
    let line = wrong
        .lines()
        .position(|l| l.contains("date: 2024"))
        .unwrap()
        + 1;
    assert_eq!(d[0].line, line, "{}", d[0]);
    let bad_date = text.replace("2024-04", "2024-13");
    let d = open_with_bad_file("last-visit-2019.ron", bad_date.as_bytes());
    assert!(d[0].message.contains("2024-13"), "{}", d[0]);
    let typo = text.replace("claimant:", "claimnat:");
    let d = open_with_bad_file("last-visit-2019.ron", typo.as_bytes());
    assert!(d[0].message.contains("claimnat"), "{}", d[0]);
}

#[test]
fn unknown_status_is_named() {
    let text = sample_text("last-visit-2019.ron")
        .replace("status: \"unreviewed\"", "status: \"probably\"");
    let d = open_with_bad_file("last-visit-2019.ron", text.as_bytes());
    let line = text
        .lines()
        .position(|l| l.contains("\"probably\""))
        .unwrap()
        + 1;
    assert_eq!(d[0].line, line);
    assert!(
        d[0].message.contains("unknown status \"probably\""),
        "{}",
        d[0]
    );
}

#[test]
fn duplicate_ids_are_refused() {
    // A copy of a claim under another file name declares an id that is taken.
    let text = sample_text("last-visit-2019.ron");
    let d = open_with_bad_file("last-visit-2019-copy.ron", text.as_bytes());
    assert!(
        d[0].message.contains("does not match the file name"),
        "{}",
        d[0]
    );
    assert_eq!(d[0].line, 4, "points at the id line: {}", d[0]);
}

#[test]
fn links_to_missing_claims_are_reported_and_kept() {
    let text =
        sample_text("last-visit-2019.ron").replace("first-meeting-since-pandemic", "no-such-claim");
    let dir = sample_copy();
    let path = dir.path().join("last-visit-2019.ron");
    fs::write(&path, &text).unwrap();
    let (folder, ws) = Folder::open(dir.path()).unwrap();
    let d = &folder.diagnostics()[0];
    assert_eq!(d.path, path);
    assert!(
        d.message.contains("no-such-claim, which does not exist"),
        "{d}"
    );
    let line = text
        .lines()
        .position(|l| l.contains("no-such-claim"))
        .unwrap()
        + 1;
    assert_eq!(d.line, line);
    assert_eq!(
        ws.get(&id("last-visit-2019")).unwrap().relations[0].target,
        id("no-such-claim")
    );
}

#[test]
fn a_broken_manifest_makes_the_workspace_read_only() {
    let dir = sample_copy();
    fs::write(
        dir.path().join("workspace.ron"),
        "(version: 2, workspace: (name: 3))",
    )
    .unwrap();
    let (mut folder, mut ws) = Folder::open(dir.path()).unwrap();
    assert!(folder.has_errors());
    assert!(ws.len() >= 12);
    let applied = add_tag(&mut ws, "last-visit-2019", "x");
    assert_read_only_save(&mut folder, &ws, &applied);
}

#[test]
fn a_bad_status_colour_is_placed_on_its_line() {
    let dir = sample_copy();
    let path = dir.path().join("workspace.ron");
    let text = sample_text("workspace.ron").replace(
        "label: \"False\",\n",
        "label: \"Wrong\",\n                color: \"red\",\n",
    );
    fs::write(&path, &text).unwrap();
    let (mut folder, mut ws) = Folder::open(dir.path()).unwrap();
    let line = text.lines().position(|l| l.contains("\"red\"")).unwrap() + 1;
    let shown: Vec<String> = folder
        .diagnostics()
        .iter()
        .map(ToString::to_string)
        .collect();
    assert_eq!(
        shown,
        [format!(
            "{}:{line}:24: status \"false\": color \"red\" is not #rrggbb (like \"#b41e1e\")",
            path.display()
        )]
    );
    // Like any other mistake in the vocabulary, it makes the workspace read-only.
    let applied = add_tag(&mut ws, "last-visit-2019", "x");
    assert_read_only_save(&mut folder, &ws, &applied);
}

#[test]
fn status_verbs_and_colours_load_and_keep_their_bytes() {
    let dir = sample_copy();
    let text = sample_text("workspace.ron").replace(
        "label: \"False\",\n",
        "label: \"Wrong\",\n                verb: \"Call it wrong\",\n                color: \"#9b2c1f\",\n",
    );
    fs::write(dir.path().join("workspace.ron"), &text).unwrap();
    let (mut folder, ws) = open_clean(dir.path());
    let wrong = Status::new("false");
    assert_eq!(ws.manifest.verb(&wrong), "Call it wrong");
    assert_eq!(ws.manifest.color(&wrong, false).to_string(), "#9b2c1f");
    assert!(folder.format(&ws).unwrap().is_empty());
    assert_eq!(
        fs::read_to_string(dir.path().join("workspace.ron")).unwrap(),
        text
    );
}

#[test]
fn a_newer_schema_is_read_but_never_written() {
    let dir = sample_copy();
    let path = dir.path().join("last-visit-2019.ron");
    let newer = fs::read_to_string(&path)
        .unwrap()
        .replace("version: 3", "version: 4");
    fs::write(&path, &newer).unwrap();
    let (mut folder, mut ws) = Folder::open(dir.path()).unwrap();
    let why = folder.read_only_reason().expect("read-only").to_string();
    assert!(why.contains("schema version 4"), "{why}");
    let applied = add_tag(&mut ws, "zhao-leji-visit", "x");
    let err = folder
        .save(&ws, &applied.touched, &SaveOptions::default())
        .unwrap_err();
    assert!(
        err.to_string().contains("newer than this claimdesk"),
        "{err}"
    );
    assert!(folder.format(&ws).is_err());
    assert_eq!(fs::read_to_string(&path).unwrap(), newer);
}

#[test]
fn version_1_files_migrate() {
    let dir = tempfile::tempdir().unwrap();
    fs::write(
        dir.path().join("workspace.ron"),
        "(version: 1, name: \"Old desk\")\n",
    )
    .unwrap();
    fs::write(
        dir.path().join("old-claim.ron"),
        r#"(
    version: 1,
    id: "old-claim",
    text: "The visit is about trade.",
    speaker: "Ministry",
    outlet: "Wire",
    url: "https://example.org/a",
    date: "2024-04-20",
    quote: "a trade show",
    status: "confirmed",
    tags: ["trade"],
    links: [(Contradicts, "other")],
    notes: [(author: "ana", time: "2024-04-21T08:00:00Z", text: "ok")],
)"#,
    )
    .unwrap();
    fs::write(
        dir.path().join("other.ron"),
        "(version: 1, id: \"other\", text: \"It is military.\", speaker: \"Report\", status: \"unreviewed\")",
    )
    .unwrap();
    let (mut folder, ws) = open_clean(dir.path());
    assert_eq!(ws.manifest.name, "Old desk");
    let c = ws.get(&id("old-claim")).unwrap();
    assert_eq!(c.claimant, "Ministry");
    assert_eq!(c.source.outlet, "Wire");
    assert_eq!(c.source.date.to_string(), "2024-04-20");
    assert_eq!(&*c.source.quote, "a trade show");
    assert_eq!(c.relations[0].target, id("other"));
    assert_eq!(ws.incoming(&id("other")).len(), 1);
    assert_eq!(&*c.notes[0].text, "ok");
    // Formatting writes the current schema; the result loads to the same workspace.
    assert_eq!(folder.unformatted(&ws).len(), 3);
    folder.format(&ws).unwrap();
    let text = fs::read_to_string(dir.path().join("old-claim.ron")).unwrap();
    assert!(
        text.starts_with("(\n    version: 2,\n    claim: ("),
        "{text}"
    );
    let (folder2, ws2) = open_clean(dir.path());
    assert_eq!(ws2, ws);
    assert!(folder2.unformatted(&ws2).is_empty());
}

#[test]
fn stale_temp_files_are_removed_on_open() {
    let dir = sample_copy();
    let stale = dir.path().join(format!("{}abc123", store::TEMP_PREFIX));
    fs::write(&stale, "(version: 2, cla").unwrap();
    // Without the lock file a save would have made, the file is left: only the lock can
    // tell that no save is under way.
    open_clean(dir.path());
    assert!(stale.exists());
    fs::write(dir.path().join(store::LOCK_FILE), "").unwrap();
    open_clean(dir.path());
    assert!(!stale.exists());
}

#[test]
fn ids_of_broken_files_are_not_reused() {
    let dir = sample_copy();
    fs::write(dir.path().join("iran-says-trade-show.ron"), "garbage").unwrap();
    let (folder, ws) = Folder::open(dir.path()).unwrap();
    assert_eq!(
        folder.free_id(&ws, "iran-says-trade-show"),
        id("iran-says-trade-show-2")
    );
    assert_eq!(
        folder.free_id(&ws, "last-visit-2019"),
        id("last-visit-2019-2")
    );
    assert_eq!(folder.free_id(&ws, "brand-new"), id("brand-new"));
}

#[test]
fn a_missing_manifest_is_not_a_workspace() {
    let dir = tempfile::tempdir().unwrap();
    let err = Folder::open(dir.path()).unwrap_err();
    assert!(
        err.to_string().contains("not a claimdesk workspace"),
        "{err}"
    );
}

// ---- saves under kill ----------------------------------------------------------------

const KILL_DIR_VAR: &str = "CLAIMDESK_TEST_SAVE_LOOP_DIR";
const READY: &str = "save-loop-ready";
const EDITED: [&str; 3] = [
    "last-visit-2019",
    "zhao-leji-visit",
    "kim-courts-us-adversaries",
];

/// Starts the ignored test `child` of this binary with `envs`, waits until it says it is
/// ready, lets it run for a pseudo-random while (from `seed`, at most `max_micros`), and
/// kills it.
fn run_and_kill(child: &str, envs: &[(&str, String)], seed: &mut u64, max_micros: u64) {
    use std::io::{BufRead, BufReader};
    use std::process::{Command, Stdio};
    let mut process = Command::new(std::env::current_exe().unwrap())
        .args([
            child,
            "--exact",
            "--ignored",
            "--nocapture",
            "--test-threads=1",
        ])
        .envs(envs.iter().map(|(k, v)| (*k, v.as_str())))
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    let mut lines = BufReader::new(process.stdout.take().unwrap()).lines();
    // The harness may print the test name on the same line first.
    assert!(
        lines.any(|l| l.unwrap().contains(READY)),
        "the child did not start"
    );
    *seed ^= *seed << 13;
    *seed ^= *seed >> 7;
    *seed ^= *seed << 17;
    std::thread::sleep(std::time::Duration::from_micros(*seed % max_micros));
    process.kill().unwrap();
    process.wait().unwrap();
}

/// Not a test on its own: the child process of `a_kill_at_any_moment_leaves_old_or_new_files`,
/// which starts it by name. It rewrites three claims in a loop until it is killed.
#[test]
#[ignore = "started by the kill test as its child process"]
fn save_loop_child() {
    let Ok(dir) = std::env::var(KILL_DIR_VAR) else {
        return;
    };
    let (mut folder, mut ws) = Folder::open(&dir).unwrap();
    println!("{READY}");
    for i in 0u64.. {
        let target = id(EDITED[(i % 3) as usize]);
        // Lengths vary so that a torn write could not pass for a whole one.
        let text = format!("iteration {i} {}", "padding ".repeat((i % 700) as usize));
        let applied = edit::apply(&mut ws, Edit::SetText { id: target, text }).unwrap();
        folder
            .save(&ws, &applied.touched, &SaveOptions::default())
            .unwrap();
    }
}

#[test]
fn a_kill_at_any_moment_leaves_old_or_new_files() {
    let dir = sample_copy();
    let mut before = snapshot(dir.path());
    let mut changed_files = 0;
    let mut seed = 0x2545_f491_4f6c_dd1du64;
    for round in 0..200 {
        run_and_kill(
            "save_loop_child",
            &[(KILL_DIR_VAR, dir.path().display().to_string())],
            &mut seed,
            20_000,
        );

        let after = snapshot(dir.path());
        for (name, bytes) in &after {
            if name.starts_with(store::TEMP_PREFIX) {
                continue;
            }
            if before.get(name) == Some(bytes) {
                continue;
            }
            // Not the old content: it must be a whole new version written by the child.
            let stem = name.trim_end_matches(".ron");
            assert!(EDITED.contains(&stem), "round {round}: {name} changed");
            let claim = store::decode_claim(Path::new(name), bytes)
                .unwrap_or_else(|e| panic!("round {round}: torn file: {e}"))
                .value;
            assert!(
                claim.text.starts_with("iteration "),
                "round {round}: {name}"
            );
            assert_eq!(
                store::encode_claim(&claim).as_bytes(),
                &bytes[..],
                "round {round}: {name} is not whole"
            );
            changed_files += 1;
        }
        // The next open cleans up temp files of the killed save and finds nothing broken.
        let (folder, _) = Folder::open(dir.path()).unwrap();
        assert!(
            folder.diagnostics().is_empty(),
            "round {round}: {:?}",
            folder.diagnostics()
        );
        before = snapshot(dir.path());
        assert!(!before.keys().any(|n| n.starts_with(store::TEMP_PREFIX)));
    }
    assert!(
        changed_files > 100,
        "the child saved too rarely to test anything: {changed_files}"
    );
}

const BATCH_DIR_VAR: &str = "CLAIMDESK_TEST_BATCH_LOOP_DIR";
/// How many claims each batch of the batch kill test rewrites together.
const BATCH: usize = 30;

fn batch_ids() -> Vec<ClaimId> {
    (1..=BATCH).map(|i| id(&format!("c{i:06}"))).collect()
}

/// Not a test on its own: the child process of `a_killed_batch_lands_whole_or_not_at_all`.
/// It rewrites the same 30 claims together, batch after batch, until it is killed.
#[test]
#[ignore = "started by the batch kill test as its child process"]
fn batch_save_loop_child() {
    let Ok(dir) = std::env::var(BATCH_DIR_VAR) else {
        return;
    };
    let (mut folder, mut ws) = Folder::open(&dir).unwrap();
    println!("{READY}");
    let start: u64 = std::env::var("CLAIMDESK_TEST_BATCH_START")
        .unwrap()
        .parse()
        .unwrap();
    for i in start.. {
        let edits = batch_ids()
            .into_iter()
            .map(|id| Edit::SetText {
                id,
                text: format!("batch {i} {}", "padding ".repeat((i % 300) as usize)),
            })
            .collect();
        let applied = edit::apply(&mut ws, Edit::Batch(edits)).unwrap();
        folder
            .save(&ws, &applied.touched, &SaveOptions::default())
            .unwrap();
    }
}

/// A save of several claims (an import, "apply agreed verdicts", fmt) is killed at random
/// points, 200 times: after the next open, the claims are all from one batch, never a mix.
#[test]
fn a_killed_batch_lands_whole_or_not_at_all() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path().join("w");
    Folder::create(&root, &claimdesk::generate::workspace(BATCH + 10, 5)).unwrap();
    let mut seed = 0x9e37_79b9_7f4a_7c15u64;
    let (mut completed, mut batches_seen) = (0, std::collections::BTreeSet::new());
    let mut next_batch = 1u64;
    for round in 0..200 {
        run_and_kill(
            "batch_save_loop_child",
            &[
                (BATCH_DIR_VAR, root.display().to_string()),
                ("CLAIMDESK_TEST_BATCH_START", next_batch.to_string()),
            ],
            &mut seed,
            30_000,
        );

        let (folder, ws) = Folder::open(&root).unwrap();
        completed += folder
            .diagnostics()
            .iter()
            .filter(|d| {
                d.to_string()
                    .contains("was interrupted; it has been completed")
            })
            .count();
        assert!(
            !folder.has_errors(),
            "round {round}: {:?}",
            folder.diagnostics()
        );
        let batches: std::collections::BTreeSet<&str> = batch_ids()
            .iter()
            .map(|id| {
                let text = &ws.get(id).unwrap().text;
                text.strip_prefix("batch ")
                    .map_or("the original", |t| t.split(' ').next().unwrap_or(""))
            })
            .collect();
        assert_eq!(
            batches.len(),
            1,
            "round {round}: a mix of batches {batches:?}"
        );
        let batch = batches.into_iter().next().unwrap().to_string();
        if let Ok(n) = batch.parse::<u64>() {
            next_batch = n + 1;
        }
        batches_seen.insert(batch);
        assert!(fs::symlink_metadata(root.join(store::JOURNAL_FILE)).is_err());
    }
    assert!(
        batches_seen.len() > 50,
        "the child saved too rarely to test anything: {}",
        batches_seen.len()
    );
    eprintln!(
        "{} batches seen, {completed} interrupted saves completed from the journal",
        batches_seen.len()
    );
}

// ---- odd folder entries, limits and concurrency ------------------------------------------

#[cfg(unix)]
#[test]
fn fifos_links_and_folders_are_reported_not_followed_into_a_hang() {
    let dir = sample_copy();
    let fifo = dir.path().join("pipe.ron");
    let status = std::process::Command::new("mkfifo")
        .arg(&fifo)
        .status()
        .unwrap();
    assert!(status.success());
    std::os::unix::fs::symlink("/nonexistent/claim.ron", dir.path().join("dead-link.ron")).unwrap();
    fs::create_dir(dir.path().join("folder.ron")).unwrap();
    fs::write(dir.path().join("SHOUT.RON"), "x").unwrap();
    let (folder, ws) = Folder::open(dir.path()).unwrap();
    let said = |name: &str| {
        folder
            .diagnostics()
            .iter()
            .find(|d| d.path.ends_with(name))
            .unwrap_or_else(|| panic!("nothing said about {name}: {:?}", folder.diagnostics()))
            .message
            .clone()
    };
    assert!(said("pipe.ron").contains("not a regular file"));
    assert!(said("dead-link.ron").contains("does not exist"));
    assert!(said("folder.ron").contains("a folder"));
    assert!(said("SHOUT.RON").contains("lower-case"));
    assert_eq!(
        folder.free_id(&ws, "dead-link"),
        id("dead-link-2"),
        "the link's name is not reused"
    );
}

#[cfg(unix)]
#[test]
fn a_symlinked_claim_file_stays_a_link_and_its_target_is_updated() {
    let dir = sample_copy();
    fs::create_dir(dir.path().join("kept")).unwrap();
    let real = dir.path().join("kept/real.ron");
    fs::rename(dir.path().join("last-visit-2019.ron"), &real).unwrap();
    std::os::unix::fs::symlink(&real, dir.path().join("last-visit-2019.ron")).unwrap();
    let (mut folder, mut ws) = open_clean(dir.path());
    let applied = add_tag(&mut ws, "last-visit-2019", "linked");
    folder
        .save(&ws, &applied.touched, &SaveOptions::default())
        .unwrap();
    let link = fs::symlink_metadata(dir.path().join("last-visit-2019.ron")).unwrap();
    assert!(link.file_type().is_symlink());
    assert!(fs::read_to_string(&real).unwrap().contains("\"linked\""));
}

/// A claim file or manifest that links out of the workspace is never written through: a
/// cloned workspace cannot make a save write elsewhere. Nothing of the batch is written.
#[cfg(unix)]
#[test]
fn links_out_of_the_workspace_are_not_written_through() {
    let dir = sample_copy();
    let elsewhere = tempfile::tempdir().unwrap();
    let real = elsewhere.path().join("real.ron");
    fs::rename(dir.path().join("last-visit-2019.ron"), &real).unwrap();
    std::os::unix::fs::symlink(&real, dir.path().join("last-visit-2019.ron")).unwrap();
    let before = fs::read(&real).unwrap();
    let snapshot_before = snapshot(dir.path());
    let (mut folder, mut ws) = open_clean(dir.path());
    let mut touched = add_tag(&mut ws, "zhao-leji-visit", "batch").touched;
    touched.extend(add_tag(&mut ws, "last-visit-2019", "linked").touched);
    let err = folder
        .save(&ws, &touched, &SaveOptions::default())
        .unwrap_err();
    assert!(matches!(err, store::SaveError::Outside(_)), "{err}");
    assert_eq!(fs::read(&real).unwrap(), before);
    assert_eq!(
        snapshot(dir.path()),
        snapshot_before,
        "the other claim was not written either"
    );
}

/// `fmt` rewrites the manifest under the lock, only over the bytes it read, and through a
/// link inside the workspace.
#[cfg(unix)]
#[test]
fn fmt_never_loses_a_colleagues_manifest_edit_and_keeps_links() {
    let dir = sample_copy();
    let manifest = dir.path().join("workspace.ron");
    let squashed = fs::read_to_string(&manifest).unwrap().replace('\n', " ");
    fs::create_dir(dir.path().join("config")).unwrap();
    let real = dir.path().join("config/workspace.ron");
    fs::write(&real, &squashed).unwrap();
    fs::remove_file(&manifest).unwrap();
    std::os::unix::fs::symlink(&real, &manifest).unwrap();
    let (mut folder, ws) = Folder::open(dir.path()).unwrap();
    // A colleague edits the manifest after it was read.
    let edited = squashed.replace("North Korean", "DPRK");
    fs::write(&real, &edited).unwrap();
    let err = folder.format(&ws).unwrap_err();
    assert!(matches!(err, store::SaveError::ManifestChanged(_)), "{err}");
    assert_eq!(fs::read_to_string(&real).unwrap(), edited);
    // Read again, it is formatted through the link.
    let (mut folder, ws) = Folder::open(dir.path()).unwrap();
    folder.format(&ws).unwrap();
    assert!(
        fs::symlink_metadata(&manifest)
            .unwrap()
            .file_type()
            .is_symlink()
    );
    let text = fs::read_to_string(&real).unwrap();
    assert!(text.contains("DPRK") && text.contains('\n'), "{text}");
}

#[test]
fn a_save_that_would_make_an_unreadable_file_is_refused() {
    let dir = sample_copy();
    let (mut folder, mut ws) = open_clean(dir.path());
    let path = dir.path().join("last-visit-2019.ron");
    let before = fs::read(&path).unwrap();
    let huge = "word ".repeat(store::MAX_FILE_BYTES as usize / 5 + 10);
    let applied = add_note(&mut ws, "last-visit-2019", huge);
    let err = folder
        .save(&ws, &applied.touched, &SaveOptions::default())
        .unwrap_err();
    assert!(matches!(err, SaveError::TooBig(..)), "{err}");
    assert_eq!(fs::read(&path).unwrap(), before);
}

#[test]
fn an_unreadable_newer_file_still_makes_the_workspace_read_only() {
    let dir = sample_copy();
    let path = dir.path().join("last-visit-2019.ron");
    let newer = fs::read_to_string(&path)
        .unwrap()
        .replace("version: 3", "version: 9")
        .replace("claim:", "claim_v9:");
    fs::write(&path, newer).unwrap();
    let (mut folder, mut ws) = Folder::open(dir.path()).unwrap();
    assert!(folder.read_only_reason().is_some());
    let applied = add_tag(&mut ws, "zhao-leji-visit", "x");
    assert_read_only_save(&mut folder, &ws, &applied);
}

#[test]
fn empty_files_and_byte_order_marks() {
    let d = open_with_bad_file("empty.ron", b"");
    assert!(d[0].message.contains("empty"), "{}", d[0]);
    let d = open_with_bad_file("blank.ron", b"  \n\n ");
    assert!(d[0].message.contains("empty"), "{}", d[0]);
    // A BOM before valid content is accepted.
    let dir = sample_copy();
    let path = dir.path().join("last-visit-2019.ron");
    let mut bytes = b"\xef\xbb\xbf".to_vec();
    bytes.extend(fs::read(&path).unwrap());
    fs::write(&path, &bytes).unwrap();
    let (folder, ws) = open_clean(dir.path());
    assert!(ws.contains(&id("last-visit-2019")));
    assert_eq!(folder.unformatted(&ws), [path], "fmt would drop the BOM");
}

#[test]
fn a_second_writer_gets_a_conflict_not_a_silent_overwrite() {
    // Two sessions open the same folder, as two reviewers' processes would.
    let dir = sample_copy();
    let (mut folder_a, mut ws_a) = open_clean(dir.path());
    let (mut folder_b, mut ws_b) = open_clean(dir.path());
    let note = |text: &str| Edit::AddNote {
        id: id("last-visit-2019"),
        note: Note {
            author: "t".into(),
            time: "2024-05-01T00:00:00Z".parse().unwrap(),
            text: text.into(),
        },
    };
    let a = edit::apply(&mut ws_a, note("from A")).unwrap();
    let b = edit::apply(&mut ws_b, note("from B")).unwrap();
    folder_a
        .save(&ws_a, &a.touched, &SaveOptions::default())
        .unwrap();
    let err = folder_b
        .save(&ws_b, &b.touched, &SaveOptions::default())
        .unwrap_err();
    assert!(matches!(err, SaveError::ChangedOnDisk(_)), "{err}");
    assert!(
        fs::read_to_string(dir.path().join("last-visit-2019.ron"))
            .unwrap()
            .contains("from A")
    );
}

#[test]
fn concurrent_command_line_notes_are_never_lost_silently() {
    let dir = sample_copy();
    let d = dir.path().to_str().unwrap().to_string();
    let children: Vec<_> = (0..8)
        .map(|i| {
            std::process::Command::new(env!("CARGO_BIN_EXE_claimdesk"))
                .args(["note", &d, "last-visit-2019", &format!("note number {i}")])
                .stdout(std::process::Stdio::null())
                .stderr(std::process::Stdio::piped())
                .spawn()
                .unwrap()
        })
        .collect();
    let succeeded: Vec<usize> = children
        .into_iter()
        .enumerate()
        .filter_map(|(i, c)| {
            let out = c.wait_with_output().unwrap();
            assert!(matches!(out.status.code(), Some(0) | Some(1)), "{out:?}");
            if out.status.code() == Some(1) {
                let err = String::from_utf8_lossy(&out.stderr);
                assert!(err.contains("changed on disk"), "{err}");
            }
            out.status.success().then_some(i)
        })
        .collect();
    let text = fs::read_to_string(dir.path().join("last-visit-2019.ron")).unwrap();
    for i in &succeeded {
        assert!(
            text.contains(&format!("note number {i}")),
            "note {i} reported saved but lost"
        );
    }
    assert!(!succeeded.is_empty());
}

// ---- source documents and anchors ------------------------------------------------------

const REPORT: &str = "Iran's foreign ministry spokesperson dismissed the speculation. \
    According to the ministry, the delegation attended a trade show in Tehran and held talks \
    with representatives of the government and private sector.";

/// A copy of the sample with another document, `sources/wire.txt`, and the ministry claim
/// anchored to its "attended a trade show in Tehran".
fn with_anchored_document() -> tempfile::TempDir {
    let dir = sample_copy();
    fs::write(dir.path().join("sources/wire.txt"), REPORT).unwrap();
    fs::write(
        dir.path().join("sources/wire.ron"),
        "(version: 2, document: (title: \"Iran denies\", outlet: \"Report\", url: \"\", date: \"2024-04\"))",
    )
    .unwrap();
    let (mut folder, mut ws) = open_clean(dir.path());
    let quote = "attended a trade show in Tehran";
    let start = REPORT[..REPORT.find(quote).unwrap()].chars().count();
    let mut claim = ws
        .get(&id("ministry-denies-military-talks"))
        .unwrap()
        .clone();
    claim.anchor = Some(Box::new(claimdesk::model::Anchor {
        document: "wire".into(),
        quote: claimdesk::model::QuoteAnchor::new(REPORT, start, start + quote.chars().count()),
    }));
    let applied = edit::apply(&mut ws, Edit::Restore(Box::new(claim))).unwrap();
    folder
        .save(&ws, &applied.touched, &SaveOptions::default())
        .unwrap();
    dir
}

#[test]
fn documents_load_with_their_metadata_and_anchors_round_trip() {
    let dir = with_anchored_document();
    let (folder, ws) = open_clean(dir.path());
    let doc = ws.document("wire").unwrap();
    assert_eq!(
        (doc.meta.title.as_str(), doc.meta.date.to_string().as_str()),
        ("Iran denies", "2024-04")
    );
    assert_eq!(doc.text, REPORT);
    let claim = ws.get(&id("ministry-denies-military-talks")).unwrap();
    assert_eq!(
        claim.anchor.as_ref().unwrap().quote.exact,
        "attended a trade show in Tehran"
    );
    assert!(
        folder.unformatted(&ws).is_empty(),
        "anchored files are canonical"
    );
    // Claims without an anchor are written exactly as before.
    assert_eq!(
        fs::read(dir.path().join("last-visit-2019.ron")).unwrap(),
        fs::read(sample_dir().join("last-visit-2019.ron")).unwrap()
    );
}

#[test]
fn an_orphaned_quote_is_a_warning_not_an_error() {
    let dir = with_anchored_document();
    let changed = REPORT.replace(
        "the delegation attended a trade show in Tehran and held",
        "the delegation held",
    );
    fs::write(dir.path().join("sources/wire.txt"), changed).unwrap();
    let (folder, ws) = Folder::open(dir.path()).unwrap();
    assert!(!folder.has_errors());
    let warning = folder
        .diagnostics()
        .iter()
        .find(|d| d.message.contains("orphaned"))
        .expect("a warning");
    assert!(
        warning.path.ends_with("ministry-denies-military-talks.ron"),
        "{warning}"
    );
    assert!(
        ws.get(&id("ministry-denies-military-talks"))
            .unwrap()
            .anchor
            .is_some(),
        "kept, never re-attached"
    );
}

#[test]
fn bad_documents_are_reported() {
    let dir = sample_copy();
    fs::write(dir.path().join("sources/Bad Name.txt"), "x").unwrap();
    fs::write(dir.path().join("sources/report.txt"), "a second report").unwrap();
    fs::write(dir.path().join("sources/binary.md"), [0xff, 0xfe]).unwrap();
    fs::write(
        dir.path().join("sources/lonely.ron"),
        "(version: 2, document: ())",
    )
    .unwrap();
    let (folder, ws) = Folder::open(dir.path()).unwrap();
    assert_eq!(
        ws.documents().map(|d| d.id.as_str()).collect::<Vec<_>>(),
        ["report"],
        "only the sample's"
    );
    let said: Vec<String> = folder.diagnostics().iter().map(|d| d.to_string()).collect();
    assert!(
        said.iter().any(|d| d.contains("Bad Name.txt:1:1:")),
        "{said:?}"
    );
    assert!(
        said.iter()
            .any(|d| d.contains("binary.md:1:1: the document is not UTF-8")),
        "{said:?}"
    );
    assert!(
        said.iter().any(|d| d.contains("lonely.ron:1:1: warning:")),
        "{said:?}"
    );
}

/// Opens `dir` and returns the diagnostics about files under `sources/`, in a child thread so
/// that a hang fails the test instead of stalling it.
fn source_diagnostics(dir: &Path) -> Vec<String> {
    let dir = dir.to_path_buf();
    let (tx, rx) = std::sync::mpsc::channel();
    std::thread::spawn(move || {
        let (folder, _) = Folder::open(&dir).unwrap();
        let found: Vec<String> = folder
            .diagnostics()
            .iter()
            .map(|d| d.to_string())
            .filter(|d| d.contains("/sources/"))
            .collect();
        let _ = tx.send(found);
    });
    rx.recv_timeout(std::time::Duration::from_secs(30))
        .expect("opening the workspace hung")
}

/// Source documents and their metadata go through the guarded reader: a FIFO does not hang
/// the open, a device is not read, a link out of the workspace is not followed, and each is
/// named.
#[cfg(unix)]
#[test]
fn hostile_source_files_are_refused_and_named() {
    let dir = sample_copy();
    let sources = dir.path().join("sources");
    let fifo = |name: &str| {
        let ok = std::process::Command::new("mkfifo")
            .arg(sources.join(name))
            .status()
            .unwrap()
            .success();
        assert!(ok, "mkfifo");
    };
    fifo("pipe.md");
    fifo("report.ron.tmp");
    std::os::unix::fs::symlink("/dev/zero", sources.join("zero.md")).unwrap();
    let elsewhere = tempfile::tempdir().unwrap();
    fs::write(elsewhere.path().join("secret"), "root:x:0:0").unwrap();
    std::os::unix::fs::symlink(elsewhere.path().join("secret"), sources.join("passwd.md")).unwrap();
    fs::write(sources.join("big.md"), vec![b'a'; 9 << 20]).unwrap();
    // Metadata that is a FIFO, beside a good document.
    fs::write(sources.join("note.md"), "A short note.").unwrap();
    fifo("note.ron");

    let found = source_diagnostics(dir.path());
    let about = |name: &str| {
        found
            .iter()
            .find(|d| d.contains(&format!("/sources/{name}:")))
            .unwrap_or_else(|| panic!("nothing said about {name}: {found:#?}"))
            .clone()
    };
    assert!(about("pipe.md").contains("a FIFO, not a regular file"));
    assert!(about("zero.md").contains("outside the workspace"));
    assert!(about("passwd.md").contains("outside the workspace"));
    assert!(about("big.md").contains("are not read"));
    assert!(about("note.ron").contains("a FIFO"));
    let (_, ws) = Folder::open(dir.path()).unwrap();
    assert!(ws.document("passwd").is_none());
    assert!(
        ws.document("note").is_some(),
        "the document itself still loads"
    );
    assert!(ws.document("report").is_some());
}

/// Finding a quote again is bounded: a document of repeated text whose context frames the
/// quote everywhere, and the quote gone, used to take hours at this size; the open now returns
/// (the benchmark `hints` times it) and reports the quote orphaned.
#[test]
fn relocating_a_quote_in_repeated_text_is_bounded() {
    use claimdesk::model::{Anchor, QuoteAnchor};
    let sentence = "The same words again, and again, and again. ";
    let original =
        format!("{sentence}{sentence}A quote that was removed later. {sentence}{sentence}");
    let start = original.find("A quote").unwrap();
    let quote = QuoteAnchor::new(
        &original,
        start,
        start + "A quote that was removed later.".len(),
    );
    let mut claim = claimdesk::model::Claim::new(
        id("gone-quote"),
        "A quote that was removed later.".into(),
        "someone".into(),
        claimdesk::model::Status::new("unreviewed"),
    );
    claim.anchor = Some(Box::new(Anchor {
        document: "doc".into(),
        quote,
    }));
    let ws = Workspace::from_claims(claimdesk::model::Manifest::new("w", "d"), [claim]);
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path().join("w");
    Folder::create(&root, &ws).unwrap();
    fs::create_dir(root.join("sources")).unwrap();
    fs::write(
        root.join("sources/doc.md"),
        sentence.repeat((4 << 20) / sentence.len()),
    )
    .unwrap();
    let (tx, rx) = std::sync::mpsc::channel();
    std::thread::spawn(move || {
        let (folder, _) = Folder::open(&root).unwrap();
        let said: Vec<String> = folder.diagnostics().iter().map(|d| d.to_string()).collect();
        let _ = tx.send(said);
    });
    let said = rx
        .recv_timeout(std::time::Duration::from_secs(120))
        .expect("opening hung on the anchor search");
    assert!(said.iter().any(|d| d.contains("orphan")), "{said:#?}");
}

/// A claim file made read-only on purpose is not replaced: the save says why and writes
/// nothing.
#[cfg(unix)]
#[test]
fn a_read_only_claim_file_is_not_replaced() {
    use std::os::unix::fs::PermissionsExt;
    let dir = sample_copy();
    let path = dir.path().join("last-visit-2019.ron");
    fs::set_permissions(&path, fs::Permissions::from_mode(0o444)).unwrap();
    let before = fs::read(&path).unwrap();
    let (mut folder, mut ws) = open_clean(dir.path());
    let applied = add_tag(&mut ws, "last-visit-2019", "x");
    let err = folder
        .save(&ws, &applied.touched, &SaveOptions::default())
        .unwrap_err();
    assert!(err.to_string().contains("read-only"), "{err}");
    assert_eq!(fs::read(&path).unwrap(), before);
}

/// Inputs the fuzzers (`fuzz/`) once crashed on, kept as regression cases on stable: each
/// claim file either fails to load or loads, saves and loads back the same.
#[test]
fn fuzz_regressions_round_trip() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fuzz_regressions/claim_file");
    let mut seen = 0;
    for entry in fs::read_dir(&dir).unwrap() {
        let path = entry.unwrap().path();
        let bytes = fs::read(&path).unwrap();
        if let Ok(decoded) = store::decode_claim(&path, &bytes) {
            let text = store::encode_claim(&decoded.value);
            let again = store::decode_claim(&path, text.as_bytes()).unwrap();
            assert_eq!(again.value, decoded.value, "{}", path.display());
        }
        seen += 1;
    }
    assert!(seen > 0);
}

/// A journal arrives with a clone like any file: it may name only claim files and the
/// manifest, directly in the folder, so it cannot write or delete through a linked folder,
/// into `.git/`, or anywhere else. Such a journal is refused and the workspace read-only.
#[cfg(unix)]
#[test]
fn a_hostile_journal_writes_nothing_outside_the_claim_files() {
    let dir = sample_copy();
    let elsewhere = tempfile::tempdir().unwrap();
    let precious = elsewhere.path().join("precious.txt");
    fs::write(&precious, "keep me").unwrap();
    std::os::unix::fs::symlink(elsewhere.path(), dir.path().join("evil")).unwrap();
    for entry in [
        "remove evil/precious.txt\n",
        "write evil/x.ron\n1\nx\n",
        "write .git/config\n1\nx\n",
        "write .gitattributes\n1\nx\n",
    ] {
        fs::write(
            dir.path().join(store::JOURNAL_FILE),
            format!("claimdesk-journal 1\n{entry}end\n"),
        )
        .unwrap();
        let (folder, _) = Folder::open(dir.path()).unwrap();
        assert!(folder.read_only_reason().is_some(), "{entry}");
        assert!(precious.exists(), "{entry}");
        assert!(!elsewhere.path().join("x.ron").exists());
        assert!(!dir.path().join(".git").exists());
    }
}

/// An archived source: its original (`ID.html`) is not a document, its metadata round-trips
/// with the new fields, the sample's metadata keeps its bytes through the codec, and a taken
/// id leaves every file as it was.
#[test]
fn an_added_source_loads_and_its_original_is_not_a_document() {
    use claimdesk::model::{DocumentFormat, DocumentMeta};
    let dir = sample_copy();
    let sources = dir.path().join("sources");
    let sample_meta = fs::read(sources.join("report.ron")).unwrap();
    let decoded = store::decode_meta(&sources.join("report.ron"), &sample_meta).unwrap();
    assert_eq!(
        store::encode_meta(&decoded).as_bytes(),
        sample_meta.as_slice()
    );

    let (mut folder, ws) = Folder::open(dir.path()).unwrap();
    let meta = DocumentMeta {
        title: "Iran denies military talks".into(),
        outlet: "Tehran Wire".into(),
        url: "https://example.org/denial".into(),
        author: "Sara Karimi".into(),
        retrieved: Some("2026-01-02T03:04:05Z".parse().unwrap()),
        original: "denial.html".into(),
        sha256: "ab".repeat(32),
        ..DocumentMeta::default()
    };
    let source = store::NewSource {
        id: folder.free_source_id(&ws, "report"),
        meta: meta.clone(),
        text: "# Iran denies military talks\n\nThe ministry said so.\n".into(),
        format: DocumentFormat::Markdown,
        original: Some(("html".into(), b"<html>\xff not even UTF-8</html>".to_vec())),
    };
    assert_eq!(source.id, "report-2");
    let doc = folder.add_source(&source).unwrap();
    assert_eq!(doc.meta, meta);
    assert_eq!(
        fs::read(sources.join("report-2.html")).unwrap(),
        b"<html>\xff not even UTF-8</html>"
    );
    assert_eq!(fs::read(sources.join("report.ron")).unwrap(), sample_meta);
    assert!(source_diagnostics(dir.path()).is_empty());
    let (_, ws) = Folder::open(dir.path()).unwrap();
    assert_eq!(ws.document("report-2"), Some(&doc));
    assert_eq!(ws.documents().len(), 2);

    let before: Vec<_> = fs::read_dir(&sources)
        .unwrap()
        .map(|e| e.unwrap().file_name())
        .collect();
    let (mut folder, _) = Folder::open(dir.path()).unwrap();
    let again = store::NewSource {
        id: "report".into(),
        ..source
    };
    let e = folder.add_source(&again).unwrap_err().to_string();
    assert!(e.contains("there already"), "{e}");
    let after: Vec<_> = fs::read_dir(&sources)
        .unwrap()
        .map(|e| e.unwrap().file_name())
        .collect();
    assert_eq!(before.len(), after.len());
    assert_eq!(fs::read(sources.join("report.ron")).unwrap(), sample_meta);
}

/// A workspace without `sources/` gets one; an id that is no id is refused.
#[test]
fn a_first_source_makes_the_folder() {
    use claimdesk::model::{DocumentFormat, DocumentMeta};
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path().join("w");
    Folder::create(&root, &Workspace::default()).unwrap();
    let (mut folder, _) = Folder::open(&root).unwrap();
    let mut source = store::NewSource {
        id: "Bad Id".into(),
        meta: DocumentMeta::default(),
        text: "Text.\n".into(),
        format: DocumentFormat::Plain,
        original: None,
    };
    assert!(folder.add_source(&source).is_err());
    source.id = "note".into();
    folder.add_source(&source).unwrap();
    assert_eq!(
        fs::read_to_string(root.join("sources/note.txt")).unwrap(),
        "Text.\n"
    );
    let (_, ws) = Folder::open(&root).unwrap();
    assert_eq!(ws.document("note").unwrap().text, "Text.\n");
}
