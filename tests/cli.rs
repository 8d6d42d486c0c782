//! The `claimdesk` binary: every subcommand, its output and its exit code.

#![allow(clippy::unwrap_used)]

mod common;
use common::*;

use std::fs;
use std::path::Path;
use std::process::{Command, Output, Stdio};

/// Runs claimdesk with no reviewer name from the environment or from git's settings.
fn claimdesk(args: &[&str]) -> Output {
    without_identity(&mut Command::new(env!("CARGO_BIN_EXE_claimdesk")))
        .args(args)
        .output()
        .unwrap()
}

/// A generated workspace of `claims` claims in a temporary folder, and its path.
fn generated(claims: u32) -> (tempfile::TempDir, std::path::PathBuf) {
    let work = tempfile::tempdir().unwrap();
    let w = work.path().join("w");
    let out = claimdesk(&[
        "generate",
        w.to_str().unwrap(),
        "--claims",
        &claims.to_string(),
    ]);
    assert_eq!(code(&out), 0, "{}", stderr(&out));
    (work, w)
}

/// Runs claimdesk as `who`, named by `$CLAIMDESK_REVIEWER`.
fn claimdesk_as(who: &str, args: &[&str]) -> Output {
    without_identity(&mut Command::new(env!("CARGO_BIN_EXE_claimdesk")))
        .env("CLAIMDESK_REVIEWER", who)
        .args(args)
        .output()
        .unwrap()
}

fn without_identity(c: &mut Command) -> &mut Command {
    c.env_remove("CLAIMDESK_REVIEWER")
        .env("GIT_CONFIG_GLOBAL", "/dev/null")
        .env("GIT_CONFIG_NOSYSTEM", "1")
}

fn code(out: &Output) -> i32 {
    out.status.code().expect("exited, not killed")
}

fn stdout(out: &Output) -> String {
    String::from_utf8(out.stdout.clone()).unwrap()
}

fn stderr(out: &Output) -> String {
    String::from_utf8(out.stderr.clone()).unwrap()
}

#[test]
fn validate_passes_on_the_sample_and_fails_on_a_broken_file() {
    let out = claimdesk(&["validate", "claims"]);
    assert_eq!(code(&out), 0, "{}", stdout(&out));
    assert!(stdout(&out).contains("0 error(s)"));
    let dir = sample_copy();
    let d = dir.path().to_str().unwrap();
    fs::write(dir.path().join("bad.ron"), "(version: 2, claim: (id: 7))").unwrap();
    fs::write(dir.path().join("worse.ron"), [0xff, 0xfe, 0x00]).unwrap();
    let out = claimdesk(&["validate", d]);
    assert_eq!(code(&out), 1);
    let text = stdout(&out);
    assert!(text.contains(&format!("{d}/bad.ron:1:")), "{text}");
    assert!(
        text.contains(&format!("{d}/worse.ron:1:1: the file is not UTF-8")),
        "{text}"
    );
    assert!(text.contains("2 error(s)"), "{text}");
}

#[test]
fn fmt_check_passes_on_the_sample_and_lists_unformatted_files() {
    assert_eq!(code(&claimdesk(&["fmt", "--check", "claims"])), 0);
    let dir = sample_copy();
    let d = dir.path().to_str().unwrap();
    let path = dir.path().join("last-visit-2019.ron");
    let squashed = fs::read_to_string(&path).unwrap().replace("\n", " ");
    fs::write(&path, &squashed).unwrap();
    let out = claimdesk(&["fmt", "--check", d]);
    assert_eq!(code(&out), 1);
    assert_eq!(stdout(&out).trim(), path.to_str().unwrap());
    assert_eq!(
        fs::read_to_string(&path).unwrap(),
        squashed,
        "--check changes nothing"
    );
    let out = claimdesk(&["fmt", d]);
    assert_eq!(code(&out), 0, "{}", stderr(&out));
    assert_eq!(code(&claimdesk(&["fmt", "--check", d])), 0);
}

#[test]
fn list_filters_by_status_tag_and_search() {
    let out = claimdesk(&["list", "claims"]);
    assert_eq!(code(&out), 0);
    let all = stdout(&out);
    assert!(all.lines().count() >= 12);
    let first: Vec<&str> = all.lines().next().unwrap().split('\t').collect();
    assert_eq!(first.len(), 4, "id, status, claimant, text");

    let disputed = stdout(&claimdesk(&["list", "claims", "--status", "Disputed"]));
    assert!(
        disputed.starts_with("drills-expanded-after-tests\tDisputed\t"),
        "{disputed}"
    );
    assert_eq!(disputed.lines().count(), 1);

    let tagged = stdout(&claimdesk(&[
        "list", "claims", "--tag", "russia", "--tag", "weapons",
    ]));
    assert!(
        tagged.lines().count() >= 2 && tagged.lines().all(|l| !l.contains("zhao")),
        "{tagged}"
    );

    let found = stdout(&claimdesk(&["list", "claims", "--search", "TRADE SHOW"]));
    assert!(
        found
            .lines()
            .any(|l| l.starts_with("ministry-denies-military-talks")),
        "{found}"
    );
    // Notes are searched too.
    let found = stdout(&claimdesk(&[
        "list",
        "claims",
        "--search",
        "exhibitor list",
    ]));
    assert_eq!(found.lines().count(), 1, "{found}");

    let out = claimdesk(&["list", "claims", "--status", "maybe"]);
    assert_eq!(code(&out), 1);
    assert!(stderr(&out).contains("unknown status \"maybe\""));
}

#[test]
fn show_gives_links_both_ways_evidence_notes_and_history() {
    let out = claimdesk(&["show", "claims", "delegation-visit-military-talks"]);
    assert_eq!(code(&out), 0);
    let text = stdout(&out);
    assert!(text.contains("[Unreviewed]"));
    assert!(
        text.contains(
            "Contradicted by  ministry-denies-military-talks  Iranian foreign ministry spokesperson"
        ),
        "{text}"
    );
    assert!(text.contains("refutes  Iranian foreign ministry statement"));
    let drills = stdout(&claimdesk(&[
        "show",
        "claims",
        "drills-expanded-after-tests",
    ]));
    assert!(
        drills.contains("Unreviewed to Disputed (Cause and effect are asserted, not sourced.)"),
        "{drills}"
    );
    assert!(text.contains("Asked the author where the framing comes from."));
    let denial = stdout(&claimdesk(&[
        "show",
        "claims",
        "ministry-denies-military-talks",
    ]));
    assert!(
        denial.contains("Contradicts      delegation-visit-military-talks"),
        "{denial}"
    );
    assert!(denial.contains("Quote:     \"biased and baseless\""));

    let out = claimdesk(&["show", "claims", "nothing-here"]);
    assert_eq!(code(&out), 1);
    assert!(stderr(&out).contains("no claim has the id nothing-here"));
}

#[test]
fn add_mark_note_relate_change_the_files() {
    let dir = sample_copy();
    let d = dir.path().to_str().unwrap();
    let out = claimdesk(&[
        "add",
        d,
        "--text",
        "The delegation signed a trade memorandum.",
        "--claimant",
        "State news agency",
        "--url",
        "https://example.org/memo",
        "--outlet",
        "Wire",
        "--date",
        "2024-04-24",
        "--quote",
        "a memorandum",
        "--tag",
        "trade",
    ]);
    assert_eq!(code(&out), 0, "{}", stderr(&out));
    let id = stdout(&out).trim().to_string();
    assert_eq!(id, "the-delegation-signed-a-trade-memorandum");
    let file = dir.path().join(format!("{id}.ron"));
    let text = fs::read_to_string(&file).unwrap();
    assert!(
        text.contains("date: \"2024-04-24\"") && text.contains("status: \"unreviewed\""),
        "{text}"
    );
    // The same text again gets a fresh id rather than overwriting.
    let again = claimdesk(&[
        "add",
        d,
        "--text",
        "The delegation signed a trade memorandum.",
        "--claimant",
        "X",
    ]);
    assert_eq!(stdout(&again).trim(), format!("{id}-2"));

    let out = claimdesk(&[
        "mark",
        d,
        &id,
        "confirmed",
        "--note",
        "Memo seen on the agency site.",
        "--reviewer",
        "Ana",
    ]);
    assert_eq!(code(&out), 0, "{}", stderr(&out));
    let text = fs::read_to_string(&file).unwrap();
    assert!(text.contains("status: \"confirmed\""));
    assert!(
        text.contains("by: \"Ana\"") && text.contains("reason: \"Memo seen on the agency site.\""),
        "{text}"
    );
    assert!(
        text.contains("author: \"Ana\""),
        "the note joins the thread too"
    );

    // With no name from the flag, the environment or git, nothing is written.
    let before = fs::read_to_string(&file).unwrap();
    let out = claimdesk(&["note", d, &id, "Second source found.\nIt agrees."]);
    assert_eq!(code(&out), 2, "{}", stderr(&out));
    assert!(
        stderr(&out).contains("git config user.name"),
        "{}",
        stderr(&out)
    );
    assert_eq!(fs::read_to_string(&file).unwrap(), before);
    let out = claimdesk(&[
        "note",
        d,
        &id,
        "Second source found.\nIt agrees.",
        "--reviewer",
        "Ana",
    ]);
    assert_eq!(code(&out), 0);
    let text = fs::read_to_string(&file).unwrap();
    assert!(
        text.contains("Second source found.\nIt agrees."),
        "multi-line notes stay readable"
    );

    let out = claimdesk(&[
        "relate",
        d,
        &id,
        "contradicts",
        "delegation-visit-military-talks",
    ]);
    assert_eq!(code(&out), 0, "{}", stderr(&out));
    let shown = stdout(&claimdesk(&["show", d, "delegation-visit-military-talks"]));
    assert!(shown.contains(&format!("Contradicted by  {id}")), "{shown}");

    let out = claimdesk(&[
        "relate",
        d,
        &id,
        "refutes",
        "delegation-visit-military-talks",
    ]);
    assert_eq!(code(&out), 1);
    assert!(stderr(&out).contains("unknown link kind \"refutes\""));
    let out = claimdesk(&["relate", d, &id, "supports", "missing-claim"]);
    assert_eq!(code(&out), 1);
    assert_eq!(code(&claimdesk(&["validate", d])), 0);
}

#[test]
fn reviewer_comes_from_the_environment_variable_first() {
    let dir = sample_copy();
    let d = dir.path().to_str().unwrap();
    let out = claimdesk_as(
        "Desk Editor",
        &["note", d, "last-visit-2019", "From the env."],
    );
    assert_eq!(code(&out), 0);
    let text = fs::read_to_string(dir.path().join("last-visit-2019.ron")).unwrap();
    assert!(text.contains("author: \"Desk Editor\""), "{text}");
    // The flag wins over the environment.
    let out = claimdesk_as(
        "Desk Editor",
        &[
            "note",
            d,
            "last-visit-2019",
            "By flag.",
            "--reviewer",
            "Flag Name",
        ],
    );
    assert_eq!(code(&out), 0);
    let text = fs::read_to_string(dir.path().join("last-visit-2019.ron")).unwrap();
    assert!(text.contains("author: \"Flag Name\""), "{text}");
}

/// With no flag and no environment variable, the name is git's `user.name` as the
/// workspace's repository sees it.
#[test]
fn reviewer_comes_from_git_config_of_the_workspace() {
    let dir = sample_copy();
    let d = dir.path().to_str().unwrap();
    let git = |args: &[&str]| {
        let out = without_identity(&mut Command::new("git"))
            .args(args)
            .current_dir(dir.path())
            .output()
            .expect("git is installed");
        assert!(out.status.success(), "git {args:?}: {}", stderr(&out));
    };
    git(&["init", "--quiet"]);
    git(&["config", "user.name", "Gita Git"]);
    let out = claimdesk(&["mark", d, "last-visit-2019", "confirmed"]);
    assert_eq!(code(&out), 0, "{}", stderr(&out));
    let text = fs::read_to_string(dir.path().join("last-visit-2019.ron")).unwrap();
    assert!(text.contains("by: \"Gita Git\""), "{text}");
}

#[test]
fn mark_refuses_bad_requests_with_one_line() {
    let dir = sample_copy();
    let d = dir.path().to_str().unwrap();
    for (args, message) in [
        (
            vec!["mark", d, "last-visit-2019", "probably"],
            "unknown status \"probably\"",
        ),
        (
            vec!["mark", d, "no-claim", "confirmed"],
            "no claim has the id no-claim",
        ),
        (vec!["mark", d, "Bad Id", "confirmed"], "may hold only"),
        (
            vec!["mark", d, "drills-expanded-after-tests", "disputed"],
            "already Disputed",
        ),
        (
            vec!["add", d, "--text", " ", "--claimant", "x"],
            "cannot be empty",
        ),
        (
            vec![
                "add",
                d,
                "--text",
                "t",
                "--claimant",
                "x",
                "--date",
                "April",
            ],
            "is not a date",
        ),
        (
            vec!["list", "/nonexistent-folder"],
            "not a claimdesk workspace",
        ),
    ] {
        let out = claimdesk_as("Tester", &args);
        assert_eq!(code(&out), 1, "{args:?}");
        let err = stderr(&out);
        assert!(err.contains(message), "{args:?}: {err}");
        assert_eq!(err.trim_end().lines().count(), 1, "{args:?}: {err}");
    }
}

#[test]
fn a_newer_schema_refuses_writes_with_a_clear_message() {
    let dir = sample_copy();
    let d = dir.path().to_str().unwrap();
    let path = dir.path().join("last-visit-2019.ron");
    let newer = fs::read_to_string(&path)
        .unwrap()
        .replace("version: 3", "version: 5");
    fs::write(&path, &newer).unwrap();
    let out = claimdesk_as("Tester", &["note", d, "zhao-leji-visit", "hello"]);
    assert_eq!(code(&out), 1);
    assert!(
        stderr(&out).contains("schema version 5, newer than this claimdesk"),
        "{}",
        stderr(&out)
    );
    assert_eq!(code(&claimdesk(&["list", d])), 0, "reading still works");
}

#[test]
fn usage_errors_exit_2_and_help_exits_0() {
    assert_eq!(code(&claimdesk(&["list"])), 2);
    assert_eq!(code(&claimdesk(&["frobnicate", "x"])), 2);
    assert_eq!(code(&claimdesk(&["generate", "x", "--claims", "many"])), 2);
    let help = claimdesk(&["--help"]);
    assert_eq!(code(&help), 0);
    for sub in [
        "validate", "list", "show", "add", "mark", "note", "relate", "fmt", "generate",
    ] {
        assert!(stdout(&help).contains(sub), "{sub} missing from --help");
    }
}

#[test]
fn generate_is_deterministic_and_valid() {
    let dir = tempfile::tempdir().unwrap();
    let a = dir.path().join("a");
    let b = dir.path().join("b");
    for p in [&a, &b] {
        let out = claimdesk(&[
            "generate",
            p.to_str().unwrap(),
            "--claims",
            "300",
            "--seed",
            "9",
        ]);
        assert_eq!(code(&out), 0, "{}", stderr(&out));
    }
    let read = |p: &Path| {
        let mut files: Vec<_> = fs::read_dir(p)
            .unwrap()
            .map(|e| e.unwrap().path())
            .collect();
        files.sort();
        files
            .iter()
            .map(|f| fs::read(f).unwrap())
            .collect::<Vec<_>>()
    };
    assert_eq!(read(&a), read(&b));
    assert_eq!(
        fs::read_dir(&a).unwrap().count(),
        303,
        "claims, manifest, .gitignore and .gitattributes"
    );
    assert_eq!(code(&claimdesk(&["validate", a.to_str().unwrap()])), 0);
    assert_eq!(
        code(&claimdesk(&["fmt", "--check", a.to_str().unwrap()])),
        0
    );
    let out = claimdesk(&["generate", a.to_str().unwrap(), "--claims", "3"]);
    assert_eq!(code(&out), 1, "an existing workspace is not overwritten");
}

#[test]
fn a_closed_pipe_is_not_a_crash() {
    let dir = tempfile::tempdir().unwrap();
    let w = dir.path().join("w");
    claimdesk(&["generate", w.to_str().unwrap(), "--claims", "3000"]);
    let mut child = Command::new(env!("CARGO_BIN_EXE_claimdesk"))
        .args(["list", w.to_str().unwrap()])
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    drop(child.stdout.take());
    let out = child.wait_with_output().unwrap();
    assert_eq!(code(&out), 0, "{}", stderr(&out));
}

#[test]
fn a_mistyped_command_is_named_as_such() {
    let out = claimdesk(&["valdate", "claims"]);
    assert_eq!(code(&out), 2);
    assert!(
        stderr(&out).contains("unknown command \"valdate\""),
        "{}",
        stderr(&out)
    );
}

/// Two reviewers on their own copies, their review files, the agreement between them, and a
/// merge into the desk's copy: agreement applied, disagreement reported, a second merge idle.
#[test]
fn two_reviewers_export_compare_and_merge() {
    let ana = sample_copy();
    let bilal = sample_copy();
    let desk = sample_copy();
    let p = |d: &tempfile::TempDir| d.path().to_str().unwrap().to_string();
    for (dir, who, last_visit) in [
        (&ana, "ana", "confirmed"),
        (&bilal, "bilal", "unverifiable"),
    ] {
        let d = p(dir);
        let out = claimdesk(&[
            "mark",
            &d,
            "delegation-visit-military-talks",
            "disputed",
            "--reviewer",
            who,
            "--note",
            &format!("{who}: the ministry denies it"),
        ]);
        assert_eq!(code(&out), 0, "{}", stderr(&out));
        assert_eq!(
            code(&claimdesk(&[
                "mark",
                &d,
                "last-visit-2019",
                last_visit,
                "--reviewer",
                who
            ])),
            0
        );
    }
    let files = tempfile::tempdir().unwrap();
    let file = |who: &str| {
        files
            .path()
            .join(format!("{who}.ron"))
            .to_str()
            .unwrap()
            .to_string()
    };
    for (dir, who) in [(&ana, "ana"), (&bilal, "bilal")] {
        let out = claimdesk(&["export", &p(dir), "--reviewer", who, "-o", &file(who)]);
        assert_eq!(code(&out), 0, "{}", stderr(&out));
    }
    // Deterministic: exporting again gives the same bytes.
    let again = claimdesk(&["export", &p(&ana), "--reviewer", "ana"]);
    assert_eq!(again.stdout, fs::read(file("ana")).unwrap());

    let out = claimdesk(&["agreement", &file("ana"), &file("bilal")]);
    assert_eq!(code(&out), 0, "{}", stderr(&out));
    let report = stdout(&out);
    assert!(report.contains("Reviewers: ana, bilal"), "{report}");
    assert!(report.contains("Cohen's kappa: 0."), "{report}");
    assert!(
        report.contains("Krippendorff's alpha (nominal): 0."),
        "{report}"
    );
    assert!(
        report.contains("Disagreements: 1")
            && report.contains("last-visit-2019\tana: confirmed\tbilal: unverifiable"),
        "{report}"
    );

    let out = claimdesk(&[
        "import",
        &p(&desk),
        &file("ana"),
        &file("bilal"),
        "--reviewer",
        "desk",
    ]);
    assert_eq!(code(&out), 1, "a conflict is reported");
    let report = stdout(&out);
    assert!(
        report.contains("applied\tdelegation-visit-military-talks\tDisputed"),
        "{report}"
    );
    assert!(
        report.contains("conflict\tlast-visit-2019\treviewers disagree"),
        "{report}"
    );
    let talks =
        fs::read_to_string(desk.path().join("delegation-visit-military-talks.ron")).unwrap();
    assert!(
        talks.contains("status: \"disputed\"") && talks.contains("review by ana, bilal"),
        "{talks}"
    );
    assert!(
        talks.contains("ana: the ministry denies it")
            && talks.contains("bilal: the ministry denies it")
    );
    let visit = fs::read_to_string(desk.path().join("last-visit-2019.ron")).unwrap();
    assert!(
        visit.contains("status: \"unreviewed\""),
        "the disputed verdict is not applied"
    );

    let before: Vec<Vec<u8>> = ["delegation-visit-military-talks.ron", "last-visit-2019.ron"]
        .iter()
        .map(|f| fs::read(desk.path().join(f)).unwrap())
        .collect();
    let out = claimdesk_as("desk", &["import", &p(&desk), &file("ana"), &file("bilal")]);
    assert!(
        stdout(&out).contains("0 status(es) set, 0 note(s)"),
        "{}",
        stdout(&out)
    );
    let after: Vec<Vec<u8>> = ["delegation-visit-military-talks.ron", "last-visit-2019.ron"]
        .iter()
        .map(|f| fs::read(desk.path().join(f)).unwrap())
        .collect();
    assert_eq!(before, after, "importing twice changes nothing");
}

#[test]
fn a_broken_review_file_is_named_with_its_position() {
    let files = tempfile::tempdir().unwrap();
    let bad = files.path().join("bad.ron");
    fs::write(&bad, "(version: 1, workspace: \"w\", reviewer: 7)").unwrap();
    let out = claimdesk(&["agreement", bad.to_str().unwrap(), bad.to_str().unwrap()]);
    assert_eq!(code(&out), 1);
    assert!(stderr(&out).contains("bad.ron:1:"), "{}", stderr(&out));
}

#[test]
fn publishing_formats_from_the_command_line() {
    let files = tempfile::tempdir().unwrap();
    let out = claimdesk(&["export", "claims", "--format", "claimreview"]);
    assert_eq!(code(&out), 1);
    assert!(stderr(&out).contains("needs --site"));
    let json = files.path().join("reviews.json");
    let out = claimdesk(&[
        "export",
        "claims",
        "--format",
        "claimreview",
        "--site",
        "https://desk.example.org/checks",
        "-o",
        json.to_str().unwrap(),
    ]);
    assert_eq!(code(&out), 0, "{}", stderr(&out));
    assert!(
        fs::read_to_string(&json)
            .unwrap()
            .contains("\"@type\": \"ClaimReview\"")
    );

    // Read into a workspace with no claims: the reviewed claims come back, once.
    let empty = tempfile::tempdir().unwrap();
    fs::copy(
        sample_dir().join("workspace.ron"),
        empty.path().join("workspace.ron"),
    )
    .unwrap();
    let e = empty.path().to_str().unwrap();
    let out = claimdesk_as("desk", &["import", e, json.to_str().unwrap()]);
    assert_eq!(code(&out), 0, "{}", stderr(&out));
    assert!(
        stdout(&out).ends_with("5 claim(s) added\n"),
        "{}",
        stdout(&out)
    );
    let out = claimdesk_as("desk", &["import", e, json.to_str().unwrap()]);
    assert!(
        stdout(&out).ends_with("0 claim(s) added\n"),
        "{}",
        stdout(&out)
    );
    assert_eq!(code(&claimdesk(&["validate", e])), 0);

    let csv = stdout(&claimdesk(&[
        "export",
        "claims",
        "--format",
        "csv",
        "--status",
        "confirmed",
    ]));
    assert_eq!(
        csv.lines().count(),
        4,
        "a header and three confirmed claims: {csv}"
    );
    let md = stdout(&claimdesk(&["export", "claims", "--format", "markdown"]));
    assert!(md.contains("## Misleading (1)"), "{md}");
    assert!(
        !md.contains("## Disputed"),
        "the disputed verdict waits for sign-off: {md}"
    );
}

#[test]
fn anchors_lists_each_anchored_claims_state() {
    let dir = sample_copy();
    let d = dir.path().to_str().unwrap();
    let out = claimdesk(&["anchors", d]);
    assert_eq!(code(&out), 0, "{}", stderr(&out));
    let lines = stdout(&out);
    assert_eq!(
        lines.lines().count(),
        14,
        "every sample claim is anchored: {lines}"
    );
    assert!(
        lines.lines().all(|l| l.split('\t').nth(1) == Some("exact")),
        "{lines}"
    );
    assert!(lines.contains("ministry-denies-military-talks\texact\treport\tthe delegation attended a trade show in Tehran"));

    // A correction above every quote: all of them moved.
    let doc = dir.path().join("sources/report.md");
    let text = fs::read_to_string(&doc).unwrap();
    fs::write(
        &doc,
        format!("Correction, 26 April: the minister's name is spelled Yun Jung Ho.\n\n{text}"),
    )
    .unwrap();
    let lines = stdout(&claimdesk(&["anchors", d]));
    assert!(
        lines.lines().all(|l| l.split('\t').nth(1) == Some("moved")),
        "{lines}"
    );
    // The 2019 sentence taken out: that claim's quote is orphaned, and validate warns.
    let text = fs::read_to_string(&doc).unwrap();
    fs::write(
        &doc,
        text.replace(
            " The last known visit to Iran by a ranking North Korean official was in 2019.",
            "",
        ),
    )
    .unwrap();
    let lines = stdout(&claimdesk(&["anchors", d]));
    assert!(lines.contains("last-visit-2019\torphaned\t"), "{lines}");
    let out = claimdesk(&["validate", d]);
    assert_eq!(code(&out), 0, "an orphan is a warning");
    assert!(
        stdout(&out).contains("last-visit-2019.ron:")
            && stdout(&out).contains("warning: the quote is orphaned"),
        "{}",
        stdout(&out)
    );
}

/// A folder holding `ana.ron`: Ana Ferreira's review file of the sample.
fn anas_review_file() -> tempfile::TempDir {
    let files = tempfile::tempdir().unwrap();
    let path = files.path().join("ana.ron");
    let out = claimdesk(&[
        "export",
        "claims",
        "--reviewer",
        "Ana Ferreira",
        "-o",
        path.to_str().unwrap(),
    ]);
    assert_eq!(code(&out), 0, "{}", stderr(&out));
    assert!(stderr(&out).is_empty(), "{}", stderr(&out));
    files
}

/// A review file speaks for one reviewer: exported by someone who judged nothing, it holds
/// nothing, and agreement finds no claim judged by both.
#[test]
fn a_review_file_holds_only_its_reviewers_own_work() {
    let files = anas_review_file();
    let path = |n: &str| files.path().join(n).to_str().unwrap().to_string();
    let ana = fs::read_to_string(path("ana.ron")).unwrap();
    assert!(!ana.contains("Bilal Haddad"), "nobody else's notes: {ana}");

    let out = claimdesk(&[
        "export",
        "claims",
        "--reviewer",
        "erin",
        "-o",
        &path("erin.ron"),
    ]);
    assert_eq!(code(&out), 0);
    assert!(
        stderr(&out).contains("warning: no verdict, note or evidence"),
        "{}",
        stderr(&out)
    );
    let out = claimdesk(&["agreement", &path("ana.ron"), &path("erin.ron")]);
    assert_eq!(code(&out), 0, "{}", stderr(&out));
    let report = stdout(&out);
    assert!(report.contains("(0 with two or more verdicts)"), "{report}");
    assert!(report.contains("Percent agreement: undefined"), "{report}");

    // "ana" is not Ana Ferreira: the warning names who was probably meant.
    let out = claimdesk(&["export", "claims", "--reviewer", "ana"]);
    assert!(
        stderr(&out).contains("did you mean Ana Ferreira?"),
        "{}",
        stderr(&out)
    );
}

#[test]
fn the_same_reviewer_twice_and_unknown_verdicts_are_refused_loudly() {
    let files = anas_review_file();
    let path = |n: &str| files.path().join(n).to_str().unwrap().to_string();
    let out = claimdesk(&["agreement", &path("ana.ron"), &path("ana.ron")]);
    assert_eq!(code(&out), 1);
    assert!(
        stderr(&out).contains("both by Ana Ferreira"),
        "{}",
        stderr(&out)
    );

    let desk = sample_copy();
    let d = desk.path().to_str().unwrap();
    let out = claimdesk_as("desk", &["import", d, &path("ana.ron"), &path("ana.ron")]);
    assert_eq!(code(&out), 1);

    // A verdict this workspace has no status for is a conflict, never a silent drop.
    let text = fs::read_to_string(path("ana.ron")).unwrap();
    let first = text
        .find("status: \"confirmed\"")
        .expect("Ana confirmed something");
    let mut changed = text.clone();
    changed.replace_range(
        first..first + "status: \"confirmed\"".len(),
        "status: \"pants-on-fire\"",
    );
    fs::write(path("odd.ron"), changed).unwrap();
    let out = claimdesk_as("desk", &["import", d, &path("odd.ron")]);
    assert_eq!(code(&out), 1, "{}", stdout(&out));
    assert!(
        stdout(&out).contains("unknown status\t") && stdout(&out).contains("pants-on-fire"),
        "{}",
        stdout(&out)
    );
    // Agreement names a verdict its file's vocabulary does not list.
    let other = fs::read_to_string(path("odd.ron"))
        .unwrap()
        .replace("reviewer: \"Ana Ferreira\"", "reviewer: \"Odd\"");
    fs::write(path("odd.ron"), other).unwrap();
    let out = claimdesk(&["agreement", &path("odd.ron"), &path("ana.ron")]);
    assert_eq!(code(&out), 0, "{}", stderr(&out));
    assert!(
        stderr(&out).contains("\"pants-on-fire\", which the file's vocabulary does not list"),
        "{}",
        stderr(&out)
    );
}

/// `claimdesk DIR --reviewer NAME` is the window with a name, not a mistyped command. With no
/// display it cannot open, and says so.
#[test]
fn a_folder_with_a_reviewer_flag_opens_the_window() {
    let mut child = without_identity(&mut Command::new(env!("CARGO_BIN_EXE_claimdesk")))
        .args(["claims", "--reviewer", "Ana Ferreira"])
        .env_remove("DISPLAY")
        .env_remove("WAYLAND_DISPLAY")
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let start = std::time::Instant::now();
    while child.try_wait().unwrap().is_none() {
        if start.elapsed() > std::time::Duration::from_secs(60) {
            child.kill().unwrap();
            panic!("the window did not give up without a display");
        }
        std::thread::sleep(std::time::Duration::from_millis(50));
    }
    let out = child.wait_with_output().unwrap();
    let err = stderr(&out);
    assert!(!err.contains("unknown command"), "{err}");
    assert!(err.contains("cannot open the window"), "{err}");
    assert_eq!(code(&out), 1);
}

/// Review files of a large workspace are read back (they were capped at 1 MiB), and a FIFO
/// given as input is refused instead of hanging.
#[test]
fn large_review_files_are_read_and_special_files_refused() {
    let (work, w) = generated(3000);
    let w = w.to_str().unwrap();
    let file = |who: &str| {
        work.path()
            .join(format!("{who}.ron"))
            .to_str()
            .unwrap()
            .to_string()
    };
    for who in ["ana", "bilal"] {
        let out = claimdesk(&["export", w, "--reviewer", who, "-o", &file(who)]);
        assert_eq!(code(&out), 0, "{}", stderr(&out));
    }
    let len = fs::metadata(file("ana")).unwrap().len();
    assert!(len > 1 << 20, "the review file is {len} bytes");
    let out = claimdesk(&["agreement", &file("ana"), &file("bilal")]);
    assert_eq!(code(&out), 0, "{}", stderr(&out));

    #[cfg(unix)]
    {
        let fifo = work.path().join("pipe.ron");
        assert!(
            Command::new("mkfifo")
                .arg(&fifo)
                .status()
                .unwrap()
                .success()
        );
        let out = claimdesk(&["agreement", fifo.to_str().unwrap(), &file("ana")]);
        assert_eq!(code(&out), 1);
        assert!(
            stderr(&out).contains("a FIFO, not a regular file"),
            "{}",
            stderr(&out)
        );
        let out = claimdesk_as("desk", &["import", w, fifo.to_str().unwrap()]);
        assert_eq!(code(&out), 1);
        assert!(
            stderr(&out).contains("nothing imported"),
            "{}",
            stderr(&out)
        );
    }
}

#[test]
fn exports_never_land_inside_the_workspace() {
    let dir = sample_copy();
    let d = dir.path().to_str().unwrap();
    let manifest = fs::read(dir.path().join("workspace.ron")).unwrap();
    for target in ["workspace.ron", "ana.ron", "sources/x.md"] {
        let path = dir.path().join(target);
        let out = claimdesk(&[
            "export",
            d,
            "--reviewer",
            "Ana Ferreira",
            "-o",
            path.to_str().unwrap(),
        ]);
        assert_eq!(code(&out), 1, "{target}");
        assert!(
            stderr(&out).contains("inside the workspace"),
            "{}",
            stderr(&out)
        );
    }
    assert_eq!(
        fs::read(dir.path().join("workspace.ron")).unwrap(),
        manifest
    );
    assert!(!dir.path().join("ana.ron").exists());
    assert_eq!(code(&claimdesk(&["validate", d])), 0);
}

#[test]
fn a_claim_the_workspace_lacks_is_not_dropped_silently() {
    let reviewer = sample_copy();
    let r = reviewer.path().to_str().unwrap();
    let id = stdout(&claimdesk(&[
        "add",
        r,
        "--text",
        "A new claim.",
        "--claimant",
        "X",
    ]));
    let id = id.trim();
    assert_eq!(
        code(&claimdesk_as("Ana Ferreira", &["mark", r, id, "disputed"])),
        0
    );
    let files = tempfile::tempdir().unwrap();
    let file = files.path().join("ana.ron");
    let out = claimdesk(&[
        "export",
        r,
        "--reviewer",
        "Ana Ferreira",
        "-o",
        file.to_str().unwrap(),
    ]);
    assert_eq!(code(&out), 0, "{}", stderr(&out));
    let desk = sample_copy();
    let out = claimdesk_as(
        "desk",
        &[
            "import",
            desk.path().to_str().unwrap(),
            file.to_str().unwrap(),
        ],
    );
    assert_eq!(code(&out), 1, "{}", stdout(&out));
    assert!(stdout(&out).contains(&format!("unknown\t{id}\tnot in this workspace")));
    assert!(
        stderr(&out).contains("not in this workspace"),
        "{}",
        stderr(&out)
    );
}

#[test]
fn a_name_given_that_is_not_a_name_is_refused() {
    let dir = sample_copy();
    let d = dir.path().to_str().unwrap();
    for bad in ["   ", "Ana\nFerreira", "Ana\tFerreira"] {
        let out = claimdesk_as(
            "Env Person",
            &["note", d, "last-visit-2019", "x", "--reviewer", bad],
        );
        assert_eq!(code(&out), 2, "{bad:?}");
        assert!(stderr(&out).contains("is not a name"), "{}", stderr(&out));
    }
}

/// Text from a hostile file reaches neither the terminal as escape sequences nor the Markdown
/// report as HTML or structure.
#[test]
fn hostile_text_is_shown_not_obeyed_and_escaped_in_reports() {
    let dir = sample_copy();
    let d = dir.path().to_str().unwrap();
    let text = "Retitle\u{1b}]0;pwned\u{7}\u{1b}[2J and \u{202e}gnp.exe";
    let out = claimdesk(&[
        "add",
        d,
        "--text",
        text,
        "--claimant",
        "X\u{1b}[31m",
        "--title",
        "Report",
        "--url",
        "https://example.org/>)<img src=x onerror=alert(1)>",
    ]);
    assert_eq!(code(&out), 0, "{}", stderr(&out));
    let id = stdout(&out).trim().to_string();
    for args in [vec!["list", d], vec!["show", d, id.as_str()]] {
        let out = claimdesk(&args);
        assert_eq!(code(&out), 0);
        let shown = stdout(&out);
        assert!(
            !shown.contains('\u{1b}') && !shown.contains('\u{202e}'),
            "{args:?}"
        );
        assert!(shown.contains("Retitle\\u{1b}]0;pwned\\u{7}"), "{shown}");
    }
    let report = stdout(&claimdesk(&["export", d, "--format", "markdown"]));
    assert!(!report.contains("<img"), "{report}");
    assert!(
        report.contains("(<https://example.org/%3E%29%3Cimg%20src=x"),
        "{report}"
    );
}

/// Thousands of ClaimReview texts that share one slug get distinct ids (the allocation is
/// linear; the issue measured 25 s for 4,000 before).
#[test]
fn many_claims_sharing_a_slug_get_distinct_ids() {
    let (work, w) = generated(0);
    let reviews: Vec<serde_json::Value> = (0..4000)
        .map(|n| {
            serde_json::json!({
                "@type": "ClaimReview",
                "claimReviewed": format!("Same words{}", "!".repeat(n % 50 + 1) + &" ".repeat(n / 50)),
                "itemReviewed": {"@type": "Claim", "author": {"@type": "Person", "name": format!("Person {n}")}},
                "reviewRating": {"@type": "Rating", "alternateName": "False"}
            })
        })
        .collect();
    let feed = work.path().join("feed.json");
    fs::write(&feed, serde_json::to_string(&reviews).unwrap()).unwrap();
    let out = claimdesk_as(
        "desk",
        &["import", w.to_str().unwrap(), feed.to_str().unwrap()],
    );
    assert_eq!(code(&out), 0, "{}", stderr(&out));
    assert!(
        stdout(&out).ends_with("4000 claim(s) added\n"),
        "{}",
        stdout(&out)
    );
    let files = fs::read_dir(&w).unwrap().filter(|e| {
        e.as_ref()
            .unwrap()
            .file_name()
            .to_str()
            .unwrap()
            .starts_with("same-words")
    });
    assert_eq!(files.count(), 4000);
}

/// `export -o` writes through a link to a regular file and keeps the link; what is not a
/// regular file is refused and left as it was.
#[cfg(unix)]
#[test]
fn export_writes_through_links_and_refuses_special_files() {
    let out_dir = tempfile::tempdir().unwrap();
    let real = out_dir.path().join("real.csv");
    fs::write(&real, "old").unwrap();
    let link = out_dir.path().join("link.csv");
    std::os::unix::fs::symlink(&real, &link).unwrap();
    let out = claimdesk(&[
        "export",
        "claims",
        "--format",
        "csv",
        "-o",
        link.to_str().unwrap(),
    ]);
    assert_eq!(code(&out), 0, "{}", stderr(&out));
    assert!(
        fs::symlink_metadata(&link)
            .unwrap()
            .file_type()
            .is_symlink()
    );
    assert!(fs::read_to_string(&real).unwrap().starts_with("id,"));

    let fifo = out_dir.path().join("pipe.csv");
    assert!(
        Command::new("mkfifo")
            .arg(&fifo)
            .status()
            .unwrap()
            .success()
    );
    let folder = out_dir.path().join("folder.csv");
    fs::create_dir(&folder).unwrap();
    let dead = out_dir.path().join("dead.csv");
    std::os::unix::fs::symlink(out_dir.path().join("nothing/here"), &dead).unwrap();
    // A device node of its own (as /dev/null is), where the test may make one.
    let device = out_dir.path().join("null.csv");
    let made = Command::new("mknod")
        .args([device.to_str().unwrap(), "c", "1", "3"])
        .status()
        .is_ok_and(|s| s.success());
    let mut targets = vec![&fifo, &folder, &dead];
    if made {
        targets.push(&device);
    }
    for target in targets {
        let out = claimdesk(&[
            "export",
            "claims",
            "--format",
            "csv",
            "-o",
            target.to_str().unwrap(),
        ]);
        assert_eq!(code(&out), 1, "{target:?}");
        assert!(stderr(&out).contains("not written"), "{}", stderr(&out));
    }
    use std::os::unix::fs::FileTypeExt;
    assert!(fs::symlink_metadata(&fifo).unwrap().file_type().is_fifo());
    assert!(fs::symlink_metadata(&folder).unwrap().is_dir());
    assert!(
        fs::symlink_metadata(&dead)
            .unwrap()
            .file_type()
            .is_symlink()
    );
}

/// The lock file is never followed out of the workspace, and reading commands create none.
#[cfg(unix)]
#[test]
fn a_symlinked_lock_file_is_not_followed() {
    let dir = sample_copy();
    let d = dir.path().to_str().unwrap();
    assert_eq!(code(&claimdesk(&["validate", d])), 0);
    assert!(
        fs::symlink_metadata(dir.path().join(".claimdesk-lock")).is_err(),
        "validate created a lock file"
    );
    let elsewhere = tempfile::tempdir().unwrap();
    let target = elsewhere.path().join("anywhere");
    std::os::unix::fs::symlink(&target, dir.path().join(".claimdesk-lock")).unwrap();
    fs::write(dir.path().join(".claimdesk-tmp-x"), "stale").unwrap();
    assert_eq!(code(&claimdesk(&["validate", d])), 0);
    let out = claimdesk_as("Ana", &["note", d, "last-visit-2019", "hello"]);
    assert_eq!(code(&out), 1);
    assert!(
        stderr(&out).contains("is a symbolic link"),
        "{}",
        stderr(&out)
    );
    assert!(!target.exists(), "the link was followed");
}

/// Smaller hostile cases: a tag with a line break is refused; a workspace keeps `\n` line
/// ends in git (a Windows checkout would otherwise put carriage returns into notes).
#[test]
fn tags_follow_the_edit_rules_and_line_ends_stay_lf() {
    let dir = sample_copy();
    let d = dir.path().to_str().unwrap();
    let out = claimdesk(&["add", d, "--text", "T", "--claimant", "X", "--tag", "a\nb"]);
    assert_eq!(code(&out), 1);
    assert!(
        stderr(&out).contains("a tag is one line"),
        "{}",
        stderr(&out)
    );
    assert_eq!(
        fs::read_to_string(sample_dir().join(".gitattributes")).unwrap(),
        claimdesk::store::GITATTRIBUTES
    );
    let (_work, w) = generated(1);
    assert_eq!(
        fs::read_to_string(w.join(".gitattributes")).unwrap(),
        claimdesk::store::GITATTRIBUTES
    );
}

/// ClaimReview as other tools write it: a byte-order mark, a list of types.
#[test]
fn claimreview_with_a_bom_and_a_type_list_is_read() {
    let (work, w) = generated(0);
    let feed = work.path().join("feed.json");
    fs::write(
        &feed,
        "\u{feff}[{\"@type\": [\"ClaimReview\"], \"claimReviewed\": \"Tea is hot.\"}, {\"@type\": \"ClaimReview\"}]",
    )
    .unwrap();
    let out = claimdesk_as(
        "desk",
        &["import", w.to_str().unwrap(), feed.to_str().unwrap()],
    );
    assert_eq!(code(&out), 0, "{}", stderr(&out));
    assert!(
        stdout(&out).contains("1 review(s) without a claim text skipped; 1 claim(s) added"),
        "{}",
        stdout(&out)
    );
}

/// Two reviewers on two git branches: with the merge driver set up, what they changed in
/// different fields of a claim merges without a conflict, and a field both changed is left
/// in a claim file that still loads, settled with `claimdesk resolve`.
#[test]
fn git_merges_claims_field_by_field() {
    let dir = sample_copy();
    let d = dir.path().to_str().unwrap();
    let git = |args: &[&str]| {
        let out = without_identity(&mut Command::new("git"))
            .args(["-c", "user.name=Tester", "-c", "user.email=t@example.org"])
            .args(args)
            .current_dir(dir.path())
            .output()
            .expect("git is installed");
        (
            out.status.success(),
            format!("{}{}", stdout(&out), stderr(&out)),
        )
    };
    let ok = |args: &[&str]| {
        let (success, said) = git(args);
        assert!(success, "git {args:?}: {said}");
    };
    ok(&["init", "--quiet", "--initial-branch=main"]);
    let out = Command::new(env!("CARGO_BIN_EXE_claimdesk"))
        .args(["git-setup", d])
        .output()
        .unwrap();
    assert_eq!(code(&out), 0, "{}", stderr(&out));
    assert!(
        fs::read_to_string(dir.path().join(".gitattributes"))
            .unwrap()
            .contains("*.ron merge=claimdesk")
    );
    ok(&["add", "-A"]);
    ok(&["commit", "--quiet", "-m", "sample"]);

    // Ana: a note and a tag on the military-talks claim; disputes the 2019 visit claim.
    ok(&["checkout", "--quiet", "-b", "ana"]);
    let talks = "delegation-visit-military-talks";
    assert_eq!(
        code(&claimdesk_as("Ana", &["note", d, talks, "Ana's note"])),
        0
    );
    assert_eq!(
        code(&claimdesk_as(
            "Ana",
            &["mark", d, "last-visit-2019", "disputed"]
        )),
        0
    );
    ok(&["commit", "--quiet", "-am", "ana"]);
    // Bilal, from main: another note on the same claim, a link, and another verdict.
    ok(&["checkout", "--quiet", "main"]);
    ok(&["checkout", "--quiet", "-b", "bilal"]);
    assert_eq!(
        code(&claimdesk_as("Bilal", &["note", d, talks, "Bilal's note"])),
        0
    );
    assert_eq!(
        code(&claimdesk_as(
            "Bilal",
            &["mark", d, "last-visit-2019", "false"]
        )),
        0
    );
    ok(&["commit", "--quiet", "-am", "bilal"]);

    let (merged, said) = git(&["merge", "--no-edit", "ana"]);
    assert!(!merged, "the verdicts conflict: {said}");
    // Both notes are there, with no conflict markers anywhere.
    let shown = stdout(&claimdesk(&["show", d, talks]));
    assert!(
        shown.contains("Ana's note") && shown.contains("Bilal's note"),
        "{shown}"
    );
    let visit = fs::read_to_string(dir.path().join("last-visit-2019.ron")).unwrap();
    assert!(!visit.contains("<<<<<<<"), "{visit}");
    let out = claimdesk(&["validate", d]);
    assert_eq!(code(&out), 1);
    assert!(
        stdout(&out).contains("merge conflict in status"),
        "{}",
        stdout(&out)
    );
    // Ours (Bilal's branch) is in the file; Ana's verdict is recorded beside it.
    assert!(stdout(&claimdesk(&["list", d, "--status", "false"])).contains("last-visit-2019"));
    let out = claimdesk(&["resolve", d, "last-visit-2019", "status", "theirs"]);
    assert_eq!(code(&out), 0, "{}", stderr(&out));
    assert!(stdout(&claimdesk(&["list", d, "--status", "disputed"])).contains("last-visit-2019"));
    assert_eq!(code(&claimdesk(&["validate", d])), 0);
    let history = stdout(&claimdesk(&["show", d, "last-visit-2019"]));
    assert!(
        history.contains("Ana:") && history.contains("Bilal:"),
        "{history}"
    );
    ok(&["add", "-A"]);
    ok(&["commit", "--quiet", "-m", "merged"]);
}

// ---- the desk's queue: assignment, write-ups, claimant kinds ------------------------------

#[test]
fn claims_are_assigned_in_bulk_listed_by_assignee_priority_and_overdue_and_unassigned() {
    let dir = sample_copy();
    let d = dir.path().to_str().unwrap();
    let out = claimdesk(&[
        "assign",
        d,
        "speculation-weapons-cooperation",
        "zhao-leji-visit",
        "Dana Okafor",
        "--priority",
        "high",
        "--due",
        "2000-01-31",
    ]);
    assert!(out.status.success(), "{out:?}");
    claimdesk(&["assign", d, "kim-putin-summit-2023", "Eli Navarro"]);
    let listed = |args: &[&str]| {
        let mut all = vec!["list", d];
        all.extend_from_slice(args);
        let out = claimdesk(&all);
        assert!(out.status.success(), "{out:?}");
        String::from_utf8(out.stdout)
            .unwrap()
            .lines()
            .map(|l| l.split('\t').next().unwrap().to_string())
            .collect::<Vec<_>>()
    };
    let dana = ["speculation-weapons-cooperation", "zhao-leji-visit"];
    assert_eq!(listed(&["--assignee", "dana okafor"]), dana);
    assert_eq!(listed(&["--assignee", "Dana Okafor", "--overdue"]), dana);
    assert_eq!(
        listed(&["--assignee", "Eli Navarro", "--priority", "normal"]),
        ["kim-putin-summit-2023"]
    );
    assert!(listed(&["--assignee", "Eli Navarro", "--priority", "high"]).is_empty());
    // The sample's own assignments are overdue too (they were due in April 2024).
    assert!(listed(&["--overdue"]).contains(&"last-visit-2019".to_string()));
    let shown = String::from_utf8(claimdesk(&["show", d, "zhao-leji-visit"]).stdout).unwrap();
    assert!(
        shown.contains("Assigned:  Dana Okafor (high priority, due 2000-01-31)"),
        "{shown}"
    );
    let file = fs::read_to_string(dir.path().join("zhao-leji-visit.ron")).unwrap();
    assert!(file.contains("version: 3") && file.contains("assignee: \"Dana Okafor\""));
    assert!(
        claimdesk(&["unassign", d, "zhao-leji-visit"])
            .status
            .success()
    );
    assert_eq!(
        listed(&["--assignee", "Dana Okafor"]),
        ["speculation-weapons-cooperation"]
    );
    let bad = claimdesk(&[
        "assign",
        d,
        "last-visit-2019",
        "Ana",
        "--priority",
        "urgent",
    ]);
    // A word outside a fixed list, like an unknown status: exit 1.
    assert_eq!(bad.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&bad.stderr).contains("use one of high, normal, low"));
    let bad = claimdesk(&["assign", d, "last-visit-2019", "Ana", "--due", "soon"]);
    assert_eq!(bad.status.code(), Some(1));
    let bad = claimdesk(&["assign", d, "no-such-claim", "Ana"]);
    assert_eq!(bad.status.code(), Some(1));
    // A name is one line; spaces inside it collapse, so that it finds its queue. Assigning
    // again keeps the priority and due date unless new ones are given.
    let bad = claimdesk(&["assign", d, "last-visit-2019", "Bob\u{7}"]);
    assert_eq!(bad.status.code(), Some(1));
    assert!(
        claimdesk(&["assign", d, "last-visit-2019", "Bob\nSmith"])
            .status
            .success()
    );
    let shown = String::from_utf8(claimdesk(&["show", d, "last-visit-2019"]).stdout).unwrap();
    assert!(
        shown.contains("Assigned:  Bob Smith ("),
        "one line: {shown}"
    );
    assert!(
        claimdesk(&[
            "assign",
            d,
            "speculation-weapons-cooperation",
            "  Eli   Navarro "
        ])
        .status
        .success()
    );
    let shown =
        String::from_utf8(claimdesk(&["show", d, "speculation-weapons-cooperation"]).stdout)
            .unwrap();
    assert!(
        shown.contains("Assigned:  Eli Navarro (high priority, due 2000-01-31)"),
        "{shown}"
    );
}

#[test]
fn a_write_up_and_a_claimant_kind_are_set_shown_and_removed() {
    let dir = sample_copy();
    let d = dir.path().to_str().unwrap();
    let text = "Iran's foreign ministry says the delegation attended a trade show.";
    assert!(
        claimdesk(&["write-up", d, "delegation-visit-military-talks", text])
            .status
            .success()
    );
    assert!(
        claimdesk(&["claimant-kind", d, "delegation-visit-military-talks", "org"])
            .status
            .success()
    );
    let shown =
        String::from_utf8(claimdesk(&["show", d, "delegation-visit-military-talks"]).stdout)
            .unwrap();
    assert!(
        shown.contains("What we found:") && shown.contains(text),
        "{shown}"
    );
    assert!(shown.contains("(organization)"), "{shown}");
    let bad = claimdesk(&[
        "claimant-kind",
        d,
        "delegation-visit-military-talks",
        "robot",
    ]);
    assert_eq!(bad.status.code(), Some(1));
    assert!(
        claimdesk(&["write-up", d, "delegation-visit-military-talks", ""])
            .status
            .success()
    );
    assert!(
        claimdesk(&[
            "claimant-kind",
            d,
            "delegation-visit-military-talks",
            "none"
        ])
        .status
        .success()
    );
    let file = fs::read_to_string(dir.path().join("delegation-visit-military-talks.ron")).unwrap();
    assert!(
        !file.contains("write_up") && !file.contains("claimant_kind"),
        "{file}"
    );
}

#[test]
fn exports_carry_the_verdict_write_up_assignment_evidence_and_claimant_kind() {
    let dir = sample_copy();
    let d = dir.path().to_str().unwrap();
    let id = "delegation-visit-military-talks";
    let write_up = "Iran's foreign ministry says the delegation came for a trade show.";
    for args in [
        vec!["mark", d, id, "false", "--note", "The ministry denies it."],
        vec!["write-up", d, id, write_up],
        vec!["claimant-kind", d, id, "organization"],
        vec![
            "assign",
            d,
            id,
            "Ana Ferreira",
            "--priority",
            "high",
            "--due",
            "2026-12-01",
        ],
    ] {
        let out = claimdesk_as("Bilal Haddad", &args);
        assert!(out.status.success(), "{args:?}: {out:?}");
    }
    // The sample asks for sign-off: a second reviewer approves the verdict.
    let signed = claimdesk_as("Ana Ferreira", &["signoff", d, id, "approve"]);
    assert!(signed.status.success(), "{signed:?}");
    // CSV: the new columns, by name.
    let out = claimdesk(&["export", d, "--format", "csv"]);
    let mut csv = csv::Reader::from_reader(out.stdout.as_slice());
    let headers = csv.headers().unwrap().clone();
    let row = csv
        .records()
        .map(Result::unwrap)
        .find(|r| &r[0] == id)
        .unwrap();
    let col = |name: &str| row[headers.iter().position(|h| h == name).unwrap()].to_string();
    assert_eq!(col("status"), "False");
    assert_eq!(col("verdict_by"), "Bilal Haddad");
    assert_eq!(col("verdict_reason"), "The ministry denies it.");
    assert!(
        col("verdict_date").starts_with("20"),
        "{}",
        col("verdict_date")
    );
    assert_eq!(col("write_up"), write_up);
    assert_eq!(col("assignee"), "Ana Ferreira");
    assert_eq!(col("priority"), "high");
    assert_eq!(col("due"), "2026-12-01");
    assert_eq!(col("claimant_kind"), "organization");
    assert_eq!(col("signoff"), "approved");
    // Another row: the evidence links, and a verdict still waiting for sign-off.
    let rows: Vec<csv::StringRecord> = csv::Reader::from_reader(out.stdout.as_slice())
        .records()
        .map(Result::unwrap)
        .collect();
    let cell = |id: &str, name: &str| {
        let row = rows.iter().find(|r| &r[0] == id).unwrap();
        row[headers.iter().position(|h| h == name).unwrap()].to_string()
    };
    assert_eq!(
        cell("diplomatic-relations-1973", "evidence_urls"),
        "https://en.wikipedia.org/wiki/Iran%E2%80%93North_Korea_relations"
    );
    assert_eq!(cell("drills-expanded-after-tests", "signoff"), "awaiting");
    assert_eq!(cell("zhao-leji-visit", "signoff"), "");
    // Markdown: the verdict, the write-up and the evidence under the claim.
    let report =
        String::from_utf8(claimdesk(&["export", d, "--format", "markdown"]).stdout).unwrap();
    assert!(
        report.contains("- Verdict: False (Bilal Haddad, "),
        "{report}"
    );
    assert!(
        report.contains(&format!("- What we found: {}", write_up)),
        "{report}"
    );
    assert!(report.contains("- Evidence:\n  - Refutes: "), "{report}");
    // ClaimReview: the write-up as reviewBody, the claimant typed as an organization.
    let out = claimdesk(&[
        "export",
        d,
        "--format",
        "claimreview",
        "--site",
        "https://desk.example.org/checks",
    ]);
    let reviews: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let review = reviews
        .as_array()
        .unwrap()
        .iter()
        .find(|r| r["url"] == format!("https://desk.example.org/checks#{id}"))
        .unwrap();
    assert_eq!(review["reviewBody"], write_up);
    assert_eq!(review["itemReviewed"]["author"]["@type"], "Organization");
    let ambassador = reviews
        .as_array()
        .unwrap()
        .iter()
        .find(|r| {
            r["url"]
                .as_str()
                .unwrap()
                .ends_with("#us-ambassador-concern")
        })
        .unwrap();
    assert_eq!(ambassador["itemReviewed"]["author"]["@type"], "Person");
}

#[test]
fn a_second_reviewer_signs_verdicts_off_and_only_signed_off_ones_are_published() {
    let dir = sample_copy();
    let d = dir.path().to_str().unwrap();
    let waiting = || {
        String::from_utf8(claimdesk(&["list", d, "--awaiting-signoff"]).stdout)
            .unwrap()
            .lines()
            .map(|l| l.split('\t').next().unwrap().to_string())
            .collect::<Vec<_>>()
    };
    assert_eq!(waiting(), ["drills-expanded-after-tests"]);
    let published = || {
        let out = claimdesk(&[
            "export",
            d,
            "--format",
            "claimreview",
            "--site",
            "https://desk.example.org/c",
        ]);
        assert!(out.status.success());
        let json: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
        (json.as_array().unwrap().len(), stderr(&out))
    };
    let (n, warning) = published();
    assert_eq!(n, 5);
    assert!(
        warning.contains("1 verdict(s) wait for sign-off"),
        "{warning}"
    );
    // Its author cannot sign it off; another reviewer can.
    let own = claimdesk_as(
        "Bilal Haddad",
        &["signoff", d, "drills-expanded-after-tests", "approve"],
    );
    assert_eq!(code(&own), 1);
    assert!(
        stderr(&own).contains("another reviewer must sign it off"),
        "{}",
        stderr(&own)
    );
    let ok = claimdesk_as(
        "Ana Ferreira",
        &["signoff", d, "drills-expanded-after-tests", "approve"],
    );
    assert!(ok.status.success(), "{ok:?}");
    assert_eq!(
        String::from_utf8_lossy(&ok.stdout),
        "drills-expanded-after-tests: signed off\n"
    );
    assert!(waiting().is_empty());
    assert_eq!(published().0, 6);
    // A new verdict waits again; sent back, it needs a note; put up again, it waits.
    assert!(
        claimdesk_as("Ana Ferreira", &["mark", d, "zhao-leji-visit", "confirmed"])
            .status
            .success()
    );
    assert_eq!(waiting(), ["zhao-leji-visit"]);
    let bare = claimdesk_as("Bilal Haddad", &["signoff", d, "zhao-leji-visit", "reject"]);
    assert_eq!(code(&bare), 1);
    assert!(
        stderr(&bare).contains("a note is needed"),
        "{}",
        stderr(&bare)
    );
    let back = claimdesk_as(
        "Bilal Haddad",
        &[
            "signoff",
            d,
            "zhao-leji-visit",
            "reject",
            "--note",
            "Which source?",
        ],
    );
    assert!(back.status.success(), "{back:?}");
    assert!(waiting().is_empty(), "back with its author");
    let shown = String::from_utf8(claimdesk(&["show", d, "zhao-leji-visit"]).stdout).unwrap();
    assert!(shown.contains("Sent back: Which source?"), "{shown}");
    assert!(
        claimdesk_as(
            "Ana Ferreira",
            &[
                "resubmit",
                d,
                "zhao-leji-visit",
                "--note",
                "Added the visit report."
            ]
        )
        .status
        .success()
    );
    assert_eq!(waiting(), ["zhao-leji-visit"]);
    let bad = claimdesk_as("Bilal Haddad", &["signoff", d, "zhao-leji-visit", "maybe"]);
    assert_eq!(code(&bad), 1);
    assert!(
        stderr(&bad).contains("use one of approve, reject"),
        "{}",
        stderr(&bad)
    );
}

#[test]
fn list_uses_a_view_saved_in_the_workspace() {
    let dir = sample_copy();
    let d = dir.path().to_str().unwrap();
    let manifest = dir.path().join("workspace.ron");
    let text = fs::read_to_string(&manifest).unwrap().replace(
        "        require_signoff: true,",
        "        require_signoff: true,\n        views: [\n            (\n                name: \"Russia\",\n                tags: [\n                    \"russia\",\n                ],\n            ),\n        ],",
    );
    fs::write(&manifest, text).unwrap();
    assert_eq!(code(&claimdesk(&["validate", d])), 0);
    let by_view = stdout(&claimdesk(&["list", d, "--view", "russia"]));
    let by_tag = stdout(&claimdesk(&["list", d, "--tag", "russia"]));
    assert!(!by_view.is_empty());
    assert_eq!(by_view, by_tag);
    let out = claimdesk(&["list", d, "--view", "Nope"]);
    assert_eq!(code(&out), 1);
    assert!(
        stderr(&out).contains("unknown view \"Nope\"; use one of Russia"),
        "{}",
        stderr(&out)
    );
}

/// A copy of the sample whose `workspace.ron` asks for a reason with every status change.
fn requiring_reasons() -> tempfile::TempDir {
    let dir = sample_copy();
    let manifest = dir.path().join("workspace.ron");
    let text = std::fs::read_to_string(&manifest).unwrap().replace(
        "require_signoff: true,",
        "require_signoff: true,\n        require_reason: true,",
    );
    assert!(text.contains("require_reason: true"));
    std::fs::write(&manifest, text).unwrap();
    dir
}

#[test]
fn a_workspace_that_requires_reasons_refuses_mark_without_reason() {
    let dir = requiring_reasons();
    let d = dir.path().to_str().unwrap();
    let file = dir.path().join("last-visit-2019.ron");
    let before = std::fs::read(&file).unwrap();
    for args in [
        vec!["mark", d, "last-visit-2019", "confirmed"],
        vec!["mark", d, "last-visit-2019", "confirmed", "--reason", "  "],
    ] {
        let out = claimdesk_as("Tester", &args);
        assert_eq!(code(&out), 1, "{args:?}");
        let err = stderr(&out);
        assert!(
            err.contains("asks for a reason") && err.contains("--reason"),
            "{err}"
        );
        assert_eq!(err.trim_end().lines().count(), 1, "{err}");
        assert_eq!(std::fs::read(&file).unwrap(), before, "nothing written");
    }
    let out = claimdesk_as(
        "Tester",
        &[
            "mark",
            d,
            "last-visit-2019",
            "confirmed",
            "--reason",
            "The 2019 press release names the visit.",
        ],
    );
    assert_eq!(code(&out), 0, "{}", stderr(&out));
    let text = std::fs::read_to_string(&file).unwrap();
    assert!(
        text.contains("reason: \"The 2019 press release names the visit.\""),
        "{text}"
    );
    // --note still says the same.
    let out = claimdesk_as(
        "Tester",
        &[
            "mark",
            d,
            "last-visit-2019",
            "disputed",
            "--note",
            "One source only.",
        ],
    );
    assert_eq!(code(&out), 0, "{}", stderr(&out));
}

#[test]
fn add_reads_dates_as_reports_print_them() {
    let dir = sample_copy();
    let d = dir.path().to_str().unwrap();
    let out = claimdesk(&[
        "add",
        d,
        "--text",
        "A trade memorandum was signed.",
        "--claimant",
        "State news agency",
        "--date",
        "24 April 2024",
    ]);
    assert_eq!(code(&out), 0, "{}", stderr(&out));
    let id = stdout(&out).trim().to_string();
    let text = std::fs::read_to_string(dir.path().join(format!("{id}.ron"))).unwrap();
    assert!(text.contains("date: \"2024-04-24\""), "{text}");
}

#[test]
fn match_prints_the_claims_most_like_a_text() {
    let out = claimdesk(&[
        "match",
        "claims",
        "Iran and North Korea have had diplomatic ties since 1973",
    ]);
    assert_eq!(code(&out), 0, "{}", stderr(&out));
    let text = stdout(&out);
    let lines: Vec<Vec<&str>> = text.lines().map(|l| l.split('\t').collect()).collect();
    assert!(!lines.is_empty() && lines.len() <= 5, "{text}");
    assert_eq!(lines[0][1], "diplomatic-relations-1973", "{text}");
    assert_eq!(lines[0][2], "Confirmed");
    assert!(lines[0][3].starts_with("North Korea and Iran established"));
    let scores: Vec<f32> = lines.iter().map(|l| l[0].parse().unwrap()).collect();
    assert!(scores.windows(2).all(|w| w[0] >= w[1]), "{text}");
}

#[test]
fn match_queries_reaches_the_paraphrases_of_the_benchmark() {
    let set = fs::read_to_string("benches/data/paraphrases.tsv").unwrap();
    let rows: Vec<(&str, &str)> = set
        .lines()
        .filter(|l| !l.starts_with('#') && !l.is_empty())
        .map(|l| l.split_once('\t').unwrap())
        .collect();
    let tmp = tempfile::tempdir().unwrap();
    let queries = tmp.path().join("queries.txt");
    // A blank line is skipped but still counted, so LINE is the file's own line number.
    let mut file = String::from("\n");
    for (_, text) in &rows {
        file.push_str(text);
        file.push('\n');
    }
    fs::write(&queries, file).unwrap();
    let out = claimdesk(&["match", "claims", "--queries", queries.to_str().unwrap()]);
    assert_eq!(code(&out), 0, "{}", stderr(&out));
    let text = stdout(&out);
    let mut first = 0;
    for line in text.lines() {
        let f: Vec<&str> = line.split('\t').collect();
        assert_eq!(f.len(), 4, "{line}");
        let (n, rank): (usize, usize) = (f[0].parse().unwrap(), f[1].parse().unwrap());
        assert!((1..=5).contains(&rank));
        if rank == 1 && rows[n - 2].0 == f[3] {
            first += 1;
        }
    }
    // Recall@1 on the set; the README gives the measured figure.
    assert!(
        first * 10 >= rows.len() * 9,
        "{first} of {}:\n{text}",
        rows.len()
    );
}

#[test]
fn similar_lists_duplicate_pairs_most_similar_first() {
    let dir = sample_copy();
    let d = dir.path().to_str().unwrap();
    let mut added = Vec::new();
    for text in [
        "North Korea and Iran established diplomatic relations in 1973, officials said.",
        "Kim Jong Un travelled to the Russian Far East in 2023 for a summit with Vladimir Putin.",
    ] {
        let out = claimdesk(&["add", d, "--text", text, "--claimant", "Wire"]);
        assert_eq!(code(&out), 0, "{}", stderr(&out));
        added.push(stdout(&out).trim().to_string());
    }
    let out = claimdesk(&["similar", d]);
    assert_eq!(code(&out), 0, "{}", stderr(&out));
    let text = stdout(&out);
    let pairs: Vec<Vec<&str>> = text.lines().map(|l| l.split('\t').collect()).collect();
    assert_eq!(pairs.len(), 2, "{text}");
    for (new, old) in added
        .iter()
        .zip(["diplomatic-relations-1973", "kim-putin-summit-2023"])
    {
        let mut want = [new.as_str(), old];
        want.sort();
        assert!(pairs.iter().any(|p| p[1..] == want), "{want:?} in {text}");
    }
    assert!(pairs[0][0].parse::<f32>().unwrap() >= pairs[1][0].parse::<f32>().unwrap());
    // A cap per claim leaves pairs out, and says so.
    let out = claimdesk(&["similar", d, "--min", "0.2", "--limit", "1"]);
    assert_eq!(stdout(&out).lines().count(), 1);
    assert!(stderr(&out).contains("left out"), "{}", stderr(&out));
    assert_eq!(code(&claimdesk(&["similar", d, "--min", "2"])), 1);
}

#[test]
fn add_and_import_warn_when_a_claim_was_already_checked() {
    let dir = sample_copy();
    let d = dir.path().to_str().unwrap();
    let out = claimdesk(&[
        "add",
        d,
        "--text",
        "Iran and North Korea have had diplomatic ties since 1973.",
        "--claimant",
        "Wire",
    ]);
    assert_eq!(code(&out), 0, "{}", stderr(&out));
    assert!(
        stderr(&out)
            .contains("repeats diplomatic-relations-1973, already checked: Confirmed, 2024-04-25"),
        "{}",
        stderr(&out)
    );
    // A new claim like nothing judged: no warning.
    let out = claimdesk(&[
        "add",
        d,
        "--text",
        "Grain prices fell in May.",
        "--claimant",
        "Wire",
    ]);
    assert!(!stderr(&out).contains("repeats"), "{}", stderr(&out));

    // Another desk's verdict, imported from its ClaimReview, takes part with its name.
    let feed = dir.path().parent().unwrap().join("other-desk.json");
    fs::write(
        &feed,
        r#"[{"@type": "ClaimReview", "author": {"@type": "Organization", "name": "Other Desk"},
            "claimReviewed": "A drone factory opened in Pyongyang with Iranian engineers.",
            "itemReviewed": {"@type": "Claim", "author": {"@type": "Person", "name": "Blogger"}},
            "reviewRating": {"@type": "Rating", "alternateName": "False"}}]"#,
    )
    .unwrap();
    let out = claimdesk_as("Ana", &["import", d, feed.to_str().unwrap()]);
    assert_eq!(code(&out), 0, "{}", stderr(&out));
    let out = claimdesk(&[
        "add",
        d,
        "--text",
        "Iranian engineers opened a drone factory in Pyongyang.",
        "--claimant",
        "Wire",
    ]);
    assert_eq!(code(&out), 0, "{}", stderr(&out));
    assert!(
        stderr(&out).contains("already checked elsewhere (Other Desk): False, "),
        "{}",
        stderr(&out)
    );
    // Importing a claim that repeats one judged here warns too.
    let feed2 = dir.path().parent().unwrap().join("again.json");
    fs::write(
        &feed2,
        r#"{"@type": "ClaimReview", "claimReviewed": "Iran and North Korea set up diplomatic relations in 1973.",
            "author": {"name": "Third Desk"}}"#,
    )
    .unwrap();
    let out = claimdesk_as("Ana", &["import", d, feed2.to_str().unwrap()]);
    assert_eq!(code(&out), 0, "{}", stderr(&out));
    assert!(
        stderr(&out).contains("already checked: Confirmed, 2024-04-25"),
        "{}",
        stderr(&out)
    );
}

#[test]
fn hints_prints_the_check_worthy_sentences_of_a_document() {
    let dir = sample_copy();
    let report = dir.path().join("sources").join("report.md");
    let out = claimdesk(&["hints", report.to_str().unwrap()]);
    assert_eq!(code(&out), 0, "{}", stderr(&out));
    let text = stdout(&out);
    let lines: Vec<Vec<&str>> = text.lines().map(|l| l.split('\t').collect()).collect();
    assert!(
        lines
            .iter()
            .all(|l| l.len() == 3 && l[0].parse::<i32>().is_ok()),
        "score, reasons, sentence: {text}"
    );
    let line = |words: &str| lines.iter().find(|l| l[2].contains(words));
    let talks = line("the trip is for talks on military cooperation").expect(&text);
    assert!(talks[1].contains("attribution"), "{text}");
    assert!(line("\"biased and baseless\"").is_some(), "{text}");
    assert!(line("A retelling").is_none(), "{text}");

    // A higher threshold hints at fewer sentences, a lower one at more.
    let count = |t: &str| {
        let out = claimdesk(&["hints", report.to_str().unwrap(), "--threshold", t]);
        assert_eq!(code(&out), 0, "{}", stderr(&out));
        stdout(&out).lines().count()
    };
    assert!(count("8") < lines.len(), "{text}");
    assert!(count("-5") > lines.len(), "{text}");

    let out = claimdesk(&["hints", dir.path().join("missing.md").to_str().unwrap()]);
    assert_eq!(code(&out), 1);
    assert!(stderr(&out).contains("missing.md"), "{}", stderr(&out));
}

#[test]
fn hints_each_line_scores_every_line_as_one_sentence() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("sentences.txt");
    fs::write(
        &file,
        "Unemployment fell to 5 percent last year.\n\
         I think we need to do better?\n\
         \n\
         The senator voted against the budget in 1995.\n",
    )
    .unwrap();
    let out = claimdesk(&["hints", "--each-line", file.to_str().unwrap()]);
    assert_eq!(code(&out), 0, "{}", stderr(&out));
    let text = stdout(&out);
    let rows: Vec<Vec<&str>> = text.lines().map(|l| l.split('\t').collect()).collect();
    assert_eq!(
        rows.len(),
        4,
        "one line per input line, blank ones too: {text}"
    );
    for row in &rows {
        assert_eq!(row.len(), 3, "SCORE, 0|1, REASONS: {text}");
        assert!(row[0].parse::<i32>().is_ok(), "{text}");
    }
    let flags: Vec<&str> = rows.iter().map(|r| r[1]).collect();
    assert_eq!(flags, ["1", "0", "0", "1"], "{text}");
    assert!(rows[0][2].starts_with("a number, "), "{text}");
    assert!(rows[1][2].contains("against: a question"), "{text}");

    // Everything is flagged at a threshold below every score.
    let out = claimdesk(&[
        "hints",
        "--each-line",
        file.to_str().unwrap(),
        "--threshold",
        "-100",
    ]);
    assert_eq!(code(&out), 0, "{}", stderr(&out));
    assert!(
        stdout(&out)
            .lines()
            .all(|l| l.split('\t').nth(1) == Some("1"))
    );
}

/// A web server on 127.0.0.1 for `archive`: each of the next `count` connections gets
/// `respond(path)`, a whole HTTP response. No other network is used.
fn serve(count: usize, respond: impl Fn(&str) -> Vec<u8> + Send + 'static) -> String {
    let listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let base = format!("http://{}", listener.local_addr().unwrap());
    std::thread::spawn(move || {
        for stream in listener.incoming().take(count) {
            let Ok(mut stream) = stream else { return };
            let mut buf = [0u8; 4096];
            let n = std::io::Read::read(&mut stream, &mut buf).unwrap_or(0);
            let request = String::from_utf8_lossy(&buf[..n]).to_string();
            let path = request.split_whitespace().nth(1).unwrap_or("/").to_string();
            let _ = std::io::Write::write_all(&mut stream, &respond(&path));
        }
    });
    base
}

fn http_ok(kind: &str, body: &[u8]) -> Vec<u8> {
    let mut r = format!(
        "HTTP/1.1 200 OK\r\nContent-Type: {kind}\r\nContent-Length: {}\r\nConnection: close\r\n\r\n",
        body.len()
    )
    .into_bytes();
    r.extend_from_slice(body);
    r
}

const ARTICLE: &str = r#"<!DOCTYPE html>
<html><head>
<title>Iran denies military talks | Tehran Wire</title>
<meta property="og:title" content="Iran denies military talks">
<meta property="og:site_name" content="Tehran Wire">
<meta name="author" content="Sara Karimi">
<meta property="article:published_time" content="2024-04-25T08:00:00+03:30">
<script>window.analytics = "TRACKER-SCRIPT";</script>
<style>.nav { color: red }</style>
</head><body>
<header><nav><a href="/">Home</a> <a href="/politics">MENU-POLITICS</a> <a href="/sport">MENU-SPORT</a></nav></header>
<main><article>
<h1>Iran denies military talks</h1>
<p>Iran's foreign ministry said on Thursday that the North Korean delegation visiting Tehran
had come to attend a trade show, and denied reports that the two sides discussed military
cooperation during the visit.</p>
<p>A ministry spokesman told a weekly news conference that the delegation, led by North
Korea's minister of external economic relations, met officials from the trade and industry
ministries and visited an exhibition of manufactured goods in the capital.</p>
<p>"Any claim of military talks is baseless," the spokesman said, adding that economic
relations between the two countries would continue under existing agreements.</p>
</article></main>
<aside>RELATED-STORIES You may also like</aside>
<footer>FOOTER-COPYRIGHT Tehran Wire 2024</footer>
<script>trackPageView("SECOND-SCRIPT");</script>
</body></html>"#;

/// The names in `dir/sources`, sorted.
fn source_files(dir: &Path) -> Vec<String> {
    let mut names: Vec<String> = fs::read_dir(dir.join("sources"))
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    names
}

#[test]
fn archive_keeps_the_page_its_article_and_what_it_says_about_itself() {
    let base = serve(1, |_| {
        http_ok("text/html; charset=utf-8", ARTICLE.as_bytes())
    });
    let dir = sample_copy();
    let d = dir.path().to_str().unwrap();
    let out = claimdesk(&["archive", d, &format!("{base}/politics/denial")]);
    assert_eq!(code(&out), 0, "{}", stderr(&out));
    assert_eq!(stdout(&out), "iran-denies-military-talks\n");
    let sources = dir.path().join("sources");
    let kept = fs::read(sources.join("iran-denies-military-talks.html")).unwrap();
    assert_eq!(kept, ARTICLE.as_bytes());
    let text = fs::read_to_string(sources.join("iran-denies-military-talks.md")).unwrap();
    assert!(text.contains("had come to attend a trade show"), "{text}");
    assert!(
        text.contains("Any claim of military talks is baseless"),
        "{text}"
    );
    for noise in [
        "TRACKER-SCRIPT",
        "SECOND-SCRIPT",
        "MENU-POLITICS",
        "MENU-SPORT",
        "FOOTER-COPYRIGHT",
        "color: red",
    ] {
        assert!(!text.contains(noise), "{noise} in {text}");
    }
    let meta = fs::read_to_string(sources.join("iran-denies-military-talks.ron")).unwrap();
    use sha2::Digest;
    let sha: String = sha2::Sha256::digest(ARTICLE.as_bytes())
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect();
    for field in [
        "title: \"Iran denies military talks\"".to_string(),
        "outlet: \"Tehran Wire\"".to_string(),
        "author: \"Sara Karimi\"".to_string(),
        "date: \"2024-04-25\"".to_string(),
        format!("url: \"{base}/politics/denial\""),
        "original: \"iran-denies-military-talks.html\"".to_string(),
        format!("sha256: \"{sha}\""),
        "retrieved: Some(".to_string(),
    ] {
        assert!(meta.contains(&field), "{field} not in {meta}");
    }
    // The workspace still loads, with the page as a document and its .html not taken for one.
    let out = claimdesk(&["validate", d]);
    assert_eq!(code(&out), 0, "{}", stdout(&out));
    assert!(
        stdout(&out).contains("0 error(s), 0 warning(s)"),
        "{}",
        stdout(&out)
    );
    // The same page again gets an id of its own; a taken id is refused.
    let base = serve(2, |_| http_ok("text/html", ARTICLE.as_bytes()));
    let out = claimdesk(&["archive", d, &base]);
    assert_eq!(
        stdout(&out),
        "iran-denies-military-talks-2\n",
        "{}",
        stderr(&out)
    );
    let out = claimdesk(&["archive", d, &base, "--id", "report"]);
    assert_eq!(code(&out), 1);
    assert!(stderr(&out).contains("there already"), "{}", stderr(&out));
}

#[test]
fn archive_follows_a_redirect_and_records_where_it_led() {
    let base = serve(2, |path| {
        if path == "/short" {
            b"HTTP/1.1 302 Found\r\nLocation: /2024/04/denial\r\nContent-Length: 0\r\nConnection: close\r\n\r\n".to_vec()
        } else {
            http_ok("text/html", ARTICLE.as_bytes())
        }
    });
    let dir = sample_copy();
    let d = dir.path().to_str().unwrap();
    let out = claimdesk(&["archive", d, &format!("{base}/short"), "--id", "denial"]);
    assert_eq!(code(&out), 0, "{}", stderr(&out));
    assert_eq!(stdout(&out), "denial\n");
    let meta = fs::read_to_string(dir.path().join("sources/denial.ron")).unwrap();
    assert!(
        meta.contains(&format!("url: \"{base}/2024/04/denial\"")),
        "{meta}"
    );
}

#[test]
fn archive_refuses_a_page_over_10_mb_and_writes_nothing() {
    let big = format!(
        "<html><body><article>{}</article></body></html>",
        "<p>words words words</p>".repeat(500_000)
    );
    assert!(big.len() > 10 << 20);
    let body = big.into_bytes();
    let base = serve(1, move |_| http_ok("text/html", &body));
    let dir = sample_copy();
    let d = dir.path().to_str().unwrap();
    let before = source_files(dir.path());
    let out = claimdesk(&["archive", d, &base]);
    assert_eq!(code(&out), 1);
    assert!(
        stderr(&out).contains("larger than 10 MB"),
        "{}",
        stderr(&out)
    );
    assert_eq!(source_files(dir.path()), before);
}

#[test]
fn archive_refuses_other_schemes_and_says_when_a_host_cannot_be_reached() {
    let dir = sample_copy();
    let d = dir.path().to_str().unwrap();
    let before = source_files(dir.path());
    for url in [
        "file:///etc/passwd",
        "ftp://127.0.0.1/report.html",
        "gopher://127.0.0.1/",
    ] {
        let out = claimdesk(&["archive", d, url]);
        assert_eq!(code(&out), 1, "{url}");
        assert!(
            stderr(&out).contains("only http and https addresses are archived"),
            "{url}: {}",
            stderr(&out)
        );
    }
    let closed = std::net::TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap();
    let url = format!("http://{closed}/story");
    let out = claimdesk(&["archive", d, &url]);
    assert_eq!(code(&out), 1);
    assert!(
        stderr(&out).contains(&format!("{url}: cannot connect")),
        "{}",
        stderr(&out)
    );
    assert_eq!(source_files(dir.path()), before);
}

#[test]
fn archive_reads_a_local_file_through_the_guarded_reader() {
    let dir = sample_copy();
    let d = dir.path().to_str().unwrap();
    let elsewhere = tempfile::tempdir().unwrap();
    let page = elsewhere.path().join("saved.htm");
    fs::write(&page, ARTICLE).unwrap();
    let out = claimdesk(&["archive", d, page.to_str().unwrap()]);
    assert_eq!(code(&out), 0, "{}", stderr(&out));
    let id = stdout(&out).trim().to_string();
    assert_eq!(
        fs::read(dir.path().join(format!("sources/{id}.htm"))).unwrap(),
        ARTICLE.as_bytes()
    );
    let meta = fs::read_to_string(dir.path().join(format!("sources/{id}.ron"))).unwrap();
    assert!(meta.contains("url: \"\""), "{meta}");
    for (bad, says) in [
        ("/dev/zero", "only HTML"),
        ("/nonexistent/a.html", "cannot read"),
    ] {
        let out = claimdesk(&["archive", d, bad]);
        assert_eq!(code(&out), 1, "{bad}");
        assert!(stderr(&out).contains(says), "{bad}: {}", stderr(&out));
    }
    #[cfg(unix)]
    {
        let link = elsewhere.path().join("zero.html");
        std::os::unix::fs::symlink("/dev/zero", &link).unwrap();
        let out = claimdesk(&["archive", d, link.to_str().unwrap()]);
        assert_eq!(code(&out), 1);
        assert!(
            stderr(&out).contains("not a regular file"),
            "{}",
            stderr(&out)
        );
    }
}

#[test]
fn archive_for_an_evidence_item_records_the_archived_source_on_it() {
    let base = serve(1, |_| http_ok("text/html", ARTICLE.as_bytes()));
    let dir = sample_copy();
    let d = dir.path().to_str().unwrap();
    let claim = dir.path().join("delegation-visit-military-talks.ron");
    let text = fs::read_to_string(&claim).unwrap();
    let item = "title: \"Iranian foreign ministry statement on the delegation's programme\",\n                url: \"\",";
    assert!(text.contains(item));
    let with_url = text.replace(
        item,
        &item.replace("url: \"\"", &format!("url: \"{base}/statement\"")),
    );
    fs::write(&claim, with_url).unwrap();
    let out = claimdesk(&[
        "archive",
        d,
        "--evidence",
        "delegation-visit-military-talks:1",
    ]);
    assert_eq!(code(&out), 0, "{}", stderr(&out));
    assert_eq!(stdout(&out), "iran-denies-military-talks\n");
    let text = fs::read_to_string(&claim).unwrap();
    assert!(
        text.contains("archived: Some(\"iran-denies-military-talks\")"),
        "{text}"
    );
    // `show` says where the archived copy is.
    let out = claimdesk(&["show", d, "delegation-visit-military-talks"]);
    assert!(
        stdout(&out).contains("\n           archived as sources/iran-denies-military-talks\n"),
        "{}",
        stdout(&out)
    );
    let out = claimdesk(&[
        "archive",
        d,
        "--evidence",
        "delegation-visit-military-talks:7",
    ]);
    assert_eq!(code(&out), 1);
    assert!(
        stderr(&out).contains("no evidence item 7"),
        "{}",
        stderr(&out)
    );
    let out = claimdesk(&["archive", d]);
    assert_eq!(code(&out), 2);
}

#[test]
fn archive_takes_only_web_addresses_from_evidence_and_writes_nothing_when_the_item_refuses() {
    let dir = sample_copy();
    let d = dir.path().to_str().unwrap();
    let claim = dir.path().join("delegation-visit-military-talks.ron");
    let text = fs::read_to_string(&claim).unwrap();
    let item = "title: \"Iranian foreign ministry statement on the delegation's programme\",\n                url: \"\",";
    assert!(text.contains(item));
    let secret = dir.path().join("secret.txt");
    fs::write(&secret, "a token of this computer\n").unwrap();
    let local = text.replace(
        item,
        &item.replace("url: \"\"", &format!("url: {:?}", secret.to_str().unwrap())),
    );
    fs::write(&claim, local).unwrap();
    let sources = source_files(dir.path());
    let out = claimdesk(&[
        "archive",
        d,
        "--evidence",
        "delegation-visit-military-talks:1",
    ]);
    assert_eq!(code(&out), 1, "{}", stdout(&out));
    assert!(
        stderr(&out).contains("not an http(s) address"),
        "{}",
        stderr(&out)
    );
    assert_eq!(source_files(dir.path()), sources, "nothing copied in");
    // An item with neither title nor address refuses the link: the source is not written.
    let bare = text.replace(item, "title: \"\",\n                url: \"\",");
    fs::write(&claim, bare).unwrap();
    let page = dir.path().join("notes.md");
    fs::write(&page, "# My notes\n\nThe ministry said so on 25 April.\n").unwrap();
    let out = claimdesk(&[
        "archive",
        d,
        page.to_str().unwrap(),
        "--evidence",
        "delegation-visit-military-talks:1",
    ]);
    assert_eq!(code(&out), 1, "{}", stdout(&out));
    assert_eq!(source_files(dir.path()), sources, "no source left behind");
}

#[test]
fn match_says_so_when_no_claim_shares_a_word() {
    let dir = sample_copy();
    let out = claimdesk(&["match", dir.path().to_str().unwrap(), "the of and a"]);
    assert_eq!(code(&out), 0);
    assert_eq!(stdout(&out), "");
    assert!(
        stderr(&out).contains("no claim shares a word with that text"),
        "{}",
        stderr(&out)
    );
}
