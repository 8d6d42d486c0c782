//! The desk's verbs on real folders, with a fixed clock and no egui in sight.

use super::*;
use crate::export::review::{self, Conflict};
use crate::model::fixtures::{id, workspace};
use crate::model::{Assignment, Manifest, Priority, StatusDef};
use crate::store::Folder;
use std::path::PathBuf;

fn t(s: &str) -> Timestamp {
    s.parse().unwrap()
}

const NOON: &str = "2024-05-01T12:00:00Z";

/// A folder holding `ws`, and a desk on it for `who` (nobody when empty).
fn desk_on(ws: &Workspace, who: &str) -> (tempfile::TempDir, Desk) {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path().join("w");
    Folder::create(&root, ws).unwrap();
    let desk = Desk::open(&root, Reviewer::new(who))
        .unwrap()
        .with_clock(Clock::Fixed(t(NOON)));
    (dir, desk)
}

fn desk(who: &str) -> (tempfile::TempDir, Desk) {
    desk_on(&workspace(&["a", "b", "c", "d"]), who)
}

fn status(s: &str) -> Status {
    Status::new(s)
}

/// `who`'s review file, written next to the workspace.
fn review_file(dir: &tempfile::TempDir, desk: &Desk, name: &str) -> PathBuf {
    let path = dir.path().join(name);
    desk.export_to(&ExportRequest::all(Format::Review), &path)
        .unwrap();
    path
}

#[test]
fn a_verdict_is_stamped_with_the_reviewer_and_the_clock_and_its_reason_joins_the_notes() {
    let (_dir, mut desk) = desk("Dana");
    desk.set_verdict(&id("a"), &status("disputed"), "  ministry denies it ")
        .unwrap();
    let a = desk.workspace().get(&id("a")).unwrap();
    assert_eq!(a.status, status("disputed"));
    let h = &a.history[0];
    assert_eq!((h.by.as_str(), h.time), ("Dana", t(NOON)));
    assert_eq!(&*h.reason, "ministry denies it");
    assert_eq!(a.notes[0].author, "Dana");
    assert_eq!(&*a.notes[0].text, "ministry denies it");
    // One step: one undo takes back the status and the note.
    desk.undo().unwrap();
    let a = desk.workspace().get(&id("a")).unwrap();
    assert!(a.history.is_empty() && a.notes.is_empty());
}

#[test]
fn without_a_reviewer_nothing_that_records_a_name_happens() {
    let (_dir, mut desk) = desk("");
    let before = desk.workspace().clone();
    assert!(matches!(
        desk.set_verdict(&id("a"), &status("confirmed"), "x"),
        Err(DeskError::NoReviewer)
    ));
    assert!(matches!(
        desk.add_note(&id("a"), "x"),
        Err(DeskError::NoReviewer)
    ));
    let draft = EvidenceDraft {
        stance: Stance::Refutes,
        title: "t".into(),
        url: String::new(),
        note: String::new(),
    };
    assert!(matches!(
        desk.add_evidence(&id("a"), draft),
        Err(DeskError::NoReviewer)
    ));
    assert!(matches!(
        desk.export(&ExportRequest::all(Format::Review)),
        Err(DeskError::NoReviewer)
    ));
    assert_eq!(*desk.workspace(), before);
    // Edits that name nobody still work.
    desk.change(Edit::AddTag {
        id: id("a"),
        tag: "iran".into(),
    })
    .unwrap();
}

#[test]
fn edits_that_record_a_name_go_through_their_verb() {
    let (_dir, mut desk) = desk("Dana");
    let sneaky = Edit::Batch(vec![
        Edit::AddTag {
            id: id("a"),
            tag: "x".into(),
        },
        Edit::SetStatus {
            id: id("a"),
            status: status("false"),
            by: "somebody else".into(),
            time: Timestamp::UNIX_EPOCH,
            reason: String::new(),
        },
    ]);
    assert!(matches!(desk.change(sneaky), Err(DeskError::NeedsVerb)));
    assert!(desk.workspace().get(&id("a")).unwrap().tags.is_empty());
}

#[test]
fn evidence_is_stamped_when_added_and_keeps_its_author_when_corrected() {
    let (_dir, mut desk) = desk("Dana");
    let draft = |title: &str| EvidenceDraft {
        stance: Stance::Refutes,
        title: title.into(),
        url: "https://example.org/statement".into(),
        note: String::new(),
    };
    desk.add_evidence(&id("a"), draft(" Ministry statement "))
        .unwrap();
    desk.set_reviewer(Reviewer::new("Erin"));
    for title in ["M", "Mi", "Ministry statement, 25 April"] {
        desk.edit_evidence(&id("a"), 0, draft(title), true).unwrap();
    }
    let e = &desk.workspace().get(&id("a")).unwrap().evidence[0];
    assert_eq!(&*e.title, "Ministry statement, 25 April");
    assert_eq!((e.added_by.as_str(), e.added), ("Dana", t(NOON)));
    // The burst of typing is one undo step.
    desk.undo().unwrap();
    let e = &desk.workspace().get(&id("a")).unwrap().evidence[0];
    assert_eq!(&*e.title, "Ministry statement");
    assert!(desk.edit_evidence(&id("a"), 7, draft("x"), false).is_err());
    desk.change(Edit::RemoveEvidence {
        id: id("a"),
        index: 0,
    })
    .unwrap();
    assert!(desk.workspace().get(&id("a")).unwrap().evidence.is_empty());
}

#[test]
fn claims_are_added_with_a_free_id_and_one_tag_per_word() {
    let (_dir, mut desk) = desk("Dana");
    let draft = ClaimDraft {
        text: " The visit is for military talks ".into(),
        claimant: "Report".into(),
        tags: vec!["Iran".into(), "iran".into(), " ".into()],
        ..Default::default()
    };
    let first = desk.add_claim(draft.clone()).unwrap();
    let second = desk.add_claim(draft).unwrap();
    assert_ne!(first, second);
    let c = desk.workspace().get(&first).unwrap();
    assert_eq!(&*c.text, "The visit is for military talks");
    assert_eq!(c.tags, ["Iran"]);
    assert!(
        desk.add_claim(ClaimDraft::default()).is_err(),
        "an empty claim is refused"
    );
}

/// The first case: a reviewer who judged nothing exports a file with no verdicts, so
/// nothing is "agreed" with anyone.
#[test]
fn a_review_file_holds_only_its_reviewers_own_verdicts() {
    let (dir, mut desk) = desk("Dana");
    desk.set_verdict(&id("a"), &status("false"), "").unwrap();
    desk.set_verdict(&id("b"), &status("confirmed"), "")
        .unwrap();
    let dana = review_file(&dir, &desk, "dana.ron");
    // Erin changes nothing but exports from the same copy.
    desk.set_reviewer(Reviewer::new("Erin"));
    let erin_path = dir.path().join("erin.ron");
    let exported = desk
        .export_to(&ExportRequest::all(Format::Review), &erin_path)
        .unwrap();
    assert!(
        exported.warnings[0].contains("\"Erin\""),
        "{:?}",
        exported.warnings
    );
    let files = read_review_files(&[dana, erin_path]).unwrap();
    assert_eq!(files[1].file.reviews.len(), 0, "Erin judged nothing");
    let report = agreement(&files).unwrap();
    assert_eq!(report.judged_by_two(), 0);
    assert_eq!(report.ratings.percent_agreement(), None);
    assert_eq!(report.ratings.cohens_kappa(), None);
}

#[test]
fn a_review_file_takes_the_reviewers_latest_verdict_not_the_workspaces() {
    let (_dir, mut desk) = desk("Ana Ferreira");
    desk.set_verdict(&id("a"), &status("confirmed"), "")
        .unwrap();
    desk.set_verdict(&id("a"), &status("misleading"), "")
        .unwrap();
    desk.set_reviewer(Reviewer::new("Bilal"));
    desk.set_verdict(&id("a"), &status("false"), "").unwrap();
    desk.add_note(&id("b"), "only a note").unwrap();
    // Compared as identities: another spelling of Ana's name finds her work.
    desk.set_reviewer(Reviewer::new("  ANA ferreira "));
    let ana = review::export(desk.workspace(), "ana ferreira", &[]);
    assert_eq!(ana.reviews.len(), 1);
    assert_eq!(ana.reviews[0].status, status("misleading"));
    let bilal = review::export(desk.workspace(), "Bilal", &[]);
    let b = bilal.reviews.iter().find(|e| e.id == id("b")).unwrap();
    assert_eq!(b.status, status("unreviewed"), "a note is not a verdict");
    assert_eq!(b.notes.len(), 1);
    assert!(bilal.verdict(b).is_none());
    // "ana" is not Ana Ferreira; the warning says who was meant.
    desk.set_reviewer(Reviewer::new("ana"));
    let exported = desk.export(&ExportRequest::all(Format::Review)).unwrap();
    assert!(
        exported.warnings[0].contains("did you mean Ana Ferreira?"),
        "{:?}",
        exported.warnings
    );
}

/// The second case: a desk whose first status is `todo`.
#[test]
fn agreement_reads_no_verdict_from_the_files_own_vocabulary() {
    let mut manifest = Manifest::new("w", "d");
    manifest.statuses = ["todo", "true", "false"]
        .into_iter()
        .map(|k| StatusDef::new(k, k.to_uppercase()))
        .collect();
    let ws = Workspace::from_claims(
        manifest,
        ["a", "b", "c", "d"].iter().map(|i| {
            let mut c = crate::model::fixtures::claim(i);
            c.status = status("todo");
            c
        }),
    );
    let (dir, mut desk) = desk_on(&ws, "ana");
    desk.set_verdict(&id("a"), &status("true"), "").unwrap();
    desk.set_verdict(&id("b"), &status("false"), "").unwrap();
    let ana = review_file(&dir, &desk, "ana.ron");
    desk.set_reviewer(Reviewer::new("bilal"));
    // Bilal's own verdicts on the same two claims, plus a note on a third.
    desk.set_verdict(&id("a"), &status("todo"), "").unwrap();
    desk.set_verdict(&id("a"), &status("true"), "").unwrap();
    desk.set_verdict(&id("b"), &status("todo"), "").unwrap();
    desk.set_verdict(&id("b"), &status("false"), "").unwrap();
    desk.add_note(&id("c"), "looked, no verdict yet").unwrap();
    let bilal = review_file(&dir, &desk, "bilal.ron");
    let report = agreement(&read_review_files(&[ana, bilal]).unwrap()).unwrap();
    assert_eq!(report.judged_by_two(), 2);
    assert_eq!(report.ratings.percent_agreement(), Some(1.0));
    assert!(report.unknown.is_empty());
    let c = report
        .ratings
        .units
        .iter()
        .find(|(i, _)| *i == id("c"))
        .unwrap();
    assert_eq!(c.1, [None, None], "todo is no verdict");
}

#[test]
fn the_same_reviewer_twice_is_refused() {
    let (dir, mut desk) = desk("ana");
    desk.set_verdict(&id("a"), &status("false"), "").unwrap();
    let one = review_file(&dir, &desk, "ana.ron");
    let two = dir.path().join("copy.ron");
    std::fs::copy(&one, &two).unwrap();
    let files = read_review_files(&[one.clone(), two.clone()]).unwrap();
    let err = agreement(&files).unwrap_err();
    assert!(matches!(err, DeskError::SameReviewer { .. }), "{err}");
    assert!(err.to_string().contains("both by ana"), "{err}");
    let before = desk.workspace().clone();
    assert!(matches!(
        desk.import(&[one, two]),
        Err(DeskError::SameReviewer { .. })
    ));
    assert_eq!(*desk.workspace(), before);
    assert!(desk.reviews().is_empty());
}

#[test]
fn a_verdict_the_workspace_does_not_know_is_a_conflict_not_a_silent_drop() {
    let (dir, mut desk) = desk("ana");
    desk.set_verdict(&id("a"), &status("false"), "why").unwrap();
    let path = review_file(&dir, &desk, "ana.ron");
    let text = std::fs::read_to_string(&path).unwrap();
    std::fs::write(
        &path,
        text.replace("status: \"false\"", "status: \"pants-on-fire\""),
    )
    .unwrap();
    let (_other, mut desk) = self::desk("desk");
    desk.import(std::slice::from_ref(&path)).unwrap();
    let plan = desk.apply_agreed().unwrap();
    assert_eq!(plan.statuses_set, []);
    assert!(
        matches!(&plan.conflicts[..], [Conflict::UnknownStatus { status: s, reviewer, .. }] if s.as_str() == "pants-on-fire" && reviewer == "ana"),
        "{:?}",
        plan.conflicts
    );
    assert!(
        desk.workspace().get(&id("a")).unwrap().notes.is_empty(),
        "nothing about the claim is applied"
    );
    let m = &desk.workspace().manifest;
    assert!(plan.conflicts[0].describe(m).contains("pants-on-fire"));
    let report = agreement(desk.reviews()).unwrap();
    assert_eq!(report.warnings().len(), 1);
}

/// The window case, checked at the desk: one empty note in a reviewer's file makes
/// the batch fail, and the failure says so instead of "Applied".
#[test]
fn a_refused_batch_applies_nothing_and_says_why() {
    let (dir, mut ana) = desk("ana");
    ana.set_verdict(&id("a"), &status("confirmed"), "fine")
        .unwrap();
    let path = review_file(&dir, &ana, "ana.ron");
    let text = std::fs::read_to_string(&path).unwrap();
    std::fs::write(&path, text.replace("text: \"fine\"", "text: \"  \"")).unwrap();
    let (_other, mut desk) = self::desk("desk");
    desk.import(&[path]).unwrap();
    let before = desk.workspace().clone();
    let err = desk.apply_agreed().unwrap_err();
    assert!(err.to_string().contains("a note cannot be empty"), "{err}");
    assert_eq!(*desk.workspace(), before);
    assert!(!desk.session().has_unsaved_changes());
}

#[test]
fn agreed_verdicts_apply_and_a_disagreement_is_settled_once() {
    let (dir, mut work) = desk("ana");
    work.set_verdict(&id("a"), &status("confirmed"), "")
        .unwrap();
    work.set_verdict(&id("b"), &status("false"), "").unwrap();
    let ana = review_file(&dir, &work, "ana.ron");
    let (dir2, mut work) = desk("bilal");
    work.set_verdict(&id("a"), &status("confirmed"), "")
        .unwrap();
    work.set_verdict(&id("b"), &status("misleading"), "")
        .unwrap();
    let bilal = review_file(&dir2, &work, "bilal.ron");

    let (_d, mut desk) = desk("chief");
    let imports = desk.import(&[ana, bilal]).unwrap();
    assert_eq!(imports.files.len(), 2);
    let plan = desk.apply_agreed().unwrap();
    assert_eq!(plan.statuses_set, [(id("a"), status("confirmed"))]);
    assert_eq!(
        &*desk.workspace().get(&id("a")).unwrap().history[0].reason,
        "review by ana, bilal"
    );
    let open = desk.review_plan().conflicts;
    assert_eq!(open.len(), 1);
    assert!(
        open[0]
            .describe(&desk.workspace().manifest)
            .contains("ana: False")
    );

    // A choice outside the disagreement is refused.
    assert!(desk.resolve(&open[0], &status("confirmed")).is_err());
    desk.resolve(&open[0], &status("misleading")).unwrap();
    assert!(desk.review_plan().conflicts.is_empty());
    let b = desk.workspace().get(&id("b")).unwrap();
    assert_eq!(
        (b.status.as_str(), b.history[0].by.as_str()),
        ("misleading", "chief")
    );
    desk.undo().unwrap();
    assert_eq!(desk.review_plan().conflicts.len(), 1, "undo reopens it");

    // The desk keeps its own verdict against agreeing reviewers: recorded, then settled.
    desk.set_verdict(&id("a"), &status("unreviewed"), "")
        .unwrap();
    desk.set_verdict(&id("a"), &status("disputed"), "").unwrap();
    let open = desk.review_plan().conflicts;
    let against = open
        .iter()
        .find(|c| matches!(c, Conflict::Workspace { .. }))
        .unwrap()
        .clone();
    desk.resolve(&against, &status("disputed")).unwrap();
    let a = desk.workspace().get(&id("a")).unwrap();
    let last = a.history.last().unwrap();
    assert_eq!(
        (last.from.as_str(), last.to.as_str()),
        ("disputed", "disputed")
    );
    assert!(last.reason.starts_with(review::KEPT));
    assert!(
        !desk
            .review_plan()
            .conflicts
            .iter()
            .any(|c| matches!(c, Conflict::Workspace { .. })),
        "kept on purpose: no longer open"
    );
}

#[test]
fn review_files_and_claimreview_import_in_one_call_or_not_at_all() {
    let (dir, mut work) = desk("ana");
    work.set_verdict(&id("a"), &status("false"), "").unwrap();
    let ana = review_file(&dir, &work, "ana.ron");
    let feed = dir.path().join("feed.json");
    let request = ExportRequest {
        site: Some("https://factcheck.example/".into()),
        ..ExportRequest::all(Format::ClaimReview)
    };
    work.export_to(&request, &feed).unwrap();
    let broken = dir.path().join("broken.json");
    std::fs::write(&broken, "{ not json").unwrap();

    let (_d, mut desk) = desk_on(&workspace(&["x"]), "chief");
    let before = desk.workspace().clone();
    let err = desk
        .import(&[ana.clone(), feed.clone(), broken.clone()])
        .unwrap_err();
    assert!(err.to_string().contains("broken.json:1:"), "{err}");
    assert_eq!(*desk.workspace(), before, "nothing imported");
    assert!(desk.reviews().is_empty());

    let imports = desk.import(&[ana, feed]).unwrap();
    assert!(matches!(
        imports.files[0].1,
        Imported::Review { claims: 1, .. }
    ));
    assert!(matches!(
        imports.files[1].1,
        Imported::ClaimReview { added: 1, .. }
    ));
    assert_eq!(desk.workspace().len(), 2);
    assert_eq!(desk.reviews().len(), 1);
}

#[test]
fn claimreview_needs_a_web_address_and_formats_have_names() {
    let (_dir, desk) = desk("ana");
    let request = ExportRequest {
        site: Some("javascript:alert(1)".into()),
        ..ExportRequest::all(Format::ClaimReview)
    };
    assert!(matches!(desk.export(&request), Err(DeskError::NeedsSite)));
    for f in Format::ALL {
        assert_eq!(Format::from_name(f.name()), Some(f));
    }
    assert_eq!(
        Format::Review.file_name(Some("Ana Ferreira")),
        "review-ana-ferreira.ron"
    );
}

#[test]
fn a_read_only_workspace_refuses_every_change() {
    let (dir, _) = desk("ana");
    let root = dir.path().join("w");
    // A claim file from a newer claimdesk makes the workspace read-only.
    std::fs::write(root.join("zz.ron"), "(version: 99, claim: ())").unwrap();
    let mut desk = Desk::open(&root, Reviewer::new("ana")).unwrap();
    assert!(matches!(
        desk.set_verdict(&id("a"), &status("false"), ""),
        Err(DeskError::ReadOnly(_))
    ));
    assert!(matches!(
        desk.change(Edit::AddTag {
            id: id("a"),
            tag: "x".into()
        }),
        Err(DeskError::ReadOnly(_))
    ));
}

/// A verdict merged from someone else's review file is theirs: the importer's own review
/// file does not claim it.
#[test]
fn a_merged_verdict_is_not_the_importers_own() {
    let (dir, mut bilal) = desk("Bilal Haddad");
    bilal
        .set_verdict(&id("a"), &status("disputed"), "")
        .unwrap();
    let file = review_file(&dir, &bilal, "bilal.ron");
    let (_d, mut ana) = desk("Ana Ferreira");
    ana.set_verdict(&id("b"), &status("confirmed"), "").unwrap();
    ana.import(&[file]).unwrap();
    ana.apply_agreed().unwrap();
    let a = ana.workspace().get(&id("a")).unwrap();
    assert_eq!(a.status, status("disputed"));
    assert_eq!(a.history[0].by, "Ana Ferreira");
    assert_eq!(&*a.history[0].reviewers, ["Bilal Haddad"]);
    let mine = review::export(ana.workspace(), "Ana Ferreira", &[]);
    let ids: Vec<&str> = mine.reviews.iter().map(|e| e.id.as_str()).collect();
    assert_eq!(ids, ["b"], "only her own verdict");
    // Her file names her as the workspace spells her, whatever the case typed.
    ana.set_reviewer(Reviewer::new("ANA FERREIRA"));
    let text = ana
        .export(&ExportRequest::all(Format::Review))
        .unwrap()
        .text;
    assert!(text.contains("reviewer: \"Ana Ferreira\""), "{text}");
}

#[test]
fn every_unreadable_feed_is_named_and_nothing_is_imported() {
    let (dir, mut desk) = desk("chief");
    let bad = dir.path().join("bad.json");
    std::fs::write(&bad, "{\n").unwrap();
    let weird = dir.path().join("weird.json");
    std::fs::write(&weird, "{\"@type\": \"Thing\"}").unwrap();
    let err = desk.import(&[bad, weird]).unwrap_err().to_string();
    assert!(err.contains("bad.json:2:1: "), "{err}");
    assert!(
        err.contains("weird.json:1:1: no ClaimReview objects found"),
        "{err}"
    );
    assert_eq!(desk.workspace().len(), 4);
}

#[test]
fn a_verdict_on_other_wording_is_flagged() {
    let (dir, mut ana) = desk("ana");
    ana.set_verdict(&id("a"), &status("false"), "").unwrap();
    let file = review_file(&dir, &ana, "ana.ron");
    let (_d, mut desk) = desk("chief");
    desk.change(Edit::SetText {
        id: id("a"),
        text: "claim a, reworded".into(),
    })
    .unwrap();
    desk.import(&[file]).unwrap();
    let plan = desk.apply_agreed().unwrap();
    assert_eq!(plan.reworded, [(id("a"), "ana".to_string())]);
}

fn assignment(who: &str, priority: Priority, due: Option<&str>) -> Assignment {
    Assignment {
        assignee: who.into(),
        priority,
        due: due.map(|d| d.parse().unwrap()),
    }
}

#[test]
fn a_bulk_assignment_is_one_undo_step_and_fills_the_queue_by_urgency() {
    let (_dir, mut desk) = desk("Dana");
    desk.assign(
        &[id("a"), id("b")],
        Some(assignment("dana ", Priority::Normal, Some("2024-05-03"))),
    )
    .unwrap();
    desk.assign(&[id("c")], Some(assignment("Dana", Priority::High, None)))
        .unwrap();
    desk.assign(&[id("d")], Some(assignment("Eli", Priority::High, None)))
        .unwrap();
    // High first, then by due date; another reviewer's claim is not in Dana's queue.
    assert_eq!(desk.my_queue(), [id("c"), id("a"), id("b")]);
    // A verdict takes a claim out of the queue.
    desk.set_verdict(&id("a"), &status("disputed"), "").unwrap();
    assert_eq!(desk.my_queue(), [id("c"), id("b")]);
    desk.undo().unwrap();
    desk.undo().unwrap();
    desk.undo().unwrap();
    assert!(desk.workspace().get(&id("c")).unwrap().assignment.is_none());
    desk.undo().unwrap();
    assert!(desk.workspace().get(&id("a")).unwrap().assignment.is_none());
    assert!(
        desk.workspace().get(&id("b")).unwrap().assignment.is_none(),
        "one step"
    );
    assert!(
        desk.assign(&[id("a")], Some(assignment(" ", Priority::Low, None)))
            .is_err()
    );
}

#[test]
fn the_assignment_filter_matches_who_priority_and_overdue() {
    let (_dir, mut desk) = desk("Dana");
    desk.assign(
        &[id("a")],
        Some(assignment("Dana", Priority::High, Some("2024-04-30"))),
    )
    .unwrap();
    desk.assign(
        &[id("b")],
        Some(assignment("Eli", Priority::Low, Some("2024-05-02"))),
    )
    .unwrap();
    let today = desk.today();
    assert_eq!(today.to_string(), "2024-05-01");
    let ws = desk.workspace();
    let kept = |f: &AssignmentFilter| -> Vec<String> {
        ws.claims()
            .filter(|c| f.matches(c))
            .map(|c| c.id.to_string())
            .collect()
    };
    let overdue = AssignmentFilter {
        overdue_on: Some((today, status("unreviewed"))),
        ..Default::default()
    };
    assert_eq!(kept(&overdue), ["a"]);
    let eli = AssignmentFilter {
        assignee: Some("ELI".into()),
        ..Default::default()
    };
    assert_eq!(kept(&eli), ["b"]);
    let high = AssignmentFilter {
        priority: Some(Priority::High),
        ..Default::default()
    };
    assert_eq!(kept(&high), ["a"]);
    assert_eq!(kept(&AssignmentFilter::default()).len(), 4);
}

#[test]
fn a_write_up_and_a_claimant_kind_make_the_file_version_3_and_nothing_else_does() {
    use crate::model::ClaimantKind;
    let (_dir, mut desk) = desk("Dana");
    desk.set_write_up(&id("a"), "The ministry says otherwise.\n")
        .unwrap();
    desk.set_claimant_kind(&id("b"), Some(ClaimantKind::Organization))
        .unwrap();
    desk.set_verdict(&id("c"), &status("false"), "").unwrap();
    desk.save(Default::default()).unwrap();
    let read =
        |name: &str| std::fs::read_to_string(desk.session().folder().path_of(&id(name))).unwrap();
    assert!(
        read("a").contains("version: 3")
            && read("a").contains("write_up: \"The ministry says otherwise.\"")
    );
    assert!(
        read("b").contains("version: 3") && read("b").contains("claimant_kind: Some(Organization)")
    );
    assert!(read("c").contains("version: 2") && !read("c").contains("write_up"));
    let (_, ws) = Folder::open(desk.session().folder().root()).unwrap();
    assert_eq!(
        &*ws.get(&id("a")).unwrap().write_up,
        "The ministry says otherwise."
    );
}

/// A desk on a workspace that asks for sign-off, for `who`.
fn signoff_desk(who: &str) -> (tempfile::TempDir, Desk) {
    let mut ws = workspace(&["a", "b"]);
    ws.manifest.require_signoff = true;
    desk_on(&ws, who)
}

#[test]
fn a_verdict_waits_for_a_second_reviewer_who_is_not_its_author() {
    use crate::model::SignOffState;
    let (_dir, mut desk) = signoff_desk("Dana");
    desk.set_verdict(&id("a"), &status("false"), "no source")
        .unwrap();
    let state = |d: &Desk| {
        let ws = d.workspace();
        ws.get(&id("a")).unwrap().signoff_state(&ws.manifest)
    };
    assert_eq!(state(&desk), SignOffState::Awaiting);
    assert!(
        !desk
            .workspace()
            .get(&id("a"))
            .unwrap()
            .is_publishable(&desk.workspace().manifest)
    );
    assert!(desk.signoff_queue().is_empty(), "not Dana's to sign off");
    let err = desk.sign_off(&id("a"), true, "").unwrap_err().to_string();
    assert!(err.contains("another reviewer must sign it off"), "{err}");
    desk.set_reviewer(Reviewer::new("Eli"));
    assert_eq!(desk.signoff_queue(), [id("a")]);
    desk.sign_off(&id("a"), true, "").unwrap();
    assert_eq!(state(&desk), SignOffState::Approved);
    assert!(
        desk.workspace()
            .get(&id("a"))
            .unwrap()
            .is_publishable(&desk.workspace().manifest)
    );
    assert!(desk.sign_off(&id("a"), true, "").is_err(), "once");
    // A new verdict needs a sign-off of its own.
    desk.set_reviewer(Reviewer::new("Dana"));
    desk = desk.with_clock(Clock::Fixed(t("2024-05-02T09:00:00Z")));
    desk.set_verdict(&id("a"), &status("misleading"), "")
        .unwrap();
    assert_eq!(state(&desk), SignOffState::Awaiting);
}

#[test]
fn a_verdict_sent_back_needs_a_note_and_can_be_put_up_again() {
    use crate::model::SignOffState;
    let (_dir, mut desk) = signoff_desk("Dana");
    desk.set_verdict(&id("a"), &status("false"), "").unwrap();
    desk.set_reviewer(Reviewer::new("Eli"));
    assert!(desk.sign_off(&id("a"), false, "  ").is_err());
    desk.sign_off(&id("a"), false, "The source is a blog.")
        .unwrap();
    let a = desk.workspace().get(&id("a")).unwrap();
    assert_eq!(
        a.signoff_state(&desk.workspace().manifest),
        SignOffState::SentBack
    );
    assert!(
        a.notes
            .iter()
            .any(|n| &*n.text == "Sent back: The source is a blog." && n.author == "Eli")
    );
    assert!(desk.signoff_queue().is_empty());
    desk.set_reviewer(Reviewer::new("Dana"));
    desk.resubmit(&id("a"), "Added the ministry's statement.")
        .unwrap();
    let a = desk.workspace().get(&id("a")).unwrap();
    assert_eq!(
        a.signoff_state(&desk.workspace().manifest),
        SignOffState::Awaiting
    );
    // One undo takes the resubmission back.
    desk.undo().unwrap();
    let a = desk.workspace().get(&id("a")).unwrap();
    assert_eq!(
        a.signoff_state(&desk.workspace().manifest),
        SignOffState::SentBack
    );
}

#[test]
fn sign_off_is_refused_where_the_workspace_does_not_ask_for_it() {
    let (_dir, mut desk) = desk("Dana");
    desk.set_verdict(&id("a"), &status("false"), "").unwrap();
    desk.set_reviewer(Reviewer::new("Eli"));
    let err = desk.sign_off(&id("a"), true, "").unwrap_err().to_string();
    assert!(err.contains("does not ask for sign-off"), "{err}");
    assert!(
        desk.workspace()
            .get(&id("a"))
            .unwrap()
            .is_publishable(&desk.workspace().manifest)
    );
}

#[test]
fn bulk_verdicts_and_tags_are_one_undo_step_each() {
    let (_dir, mut desk) = desk("Dana");
    let ids = [id("a"), id("b"), id("c")];
    assert_eq!(
        desk.set_verdicts(&ids, &status("false"), "One source, retracted.")
            .unwrap(),
        3
    );
    assert_eq!(
        desk.set_verdicts(&ids, &status("false"), "").unwrap(),
        0,
        "already"
    );
    assert_eq!(desk.tag_all(&ids, "batch-1").unwrap(), 3);
    assert_eq!(desk.tag_all(&ids, "BATCH-1").unwrap(), 0);
    for i in &ids {
        let c = desk.workspace().get(i).unwrap();
        assert_eq!(c.status, status("false"));
        assert_eq!(&*c.history.last().unwrap().reason, "One source, retracted.");
        assert!(c.tags.iter().any(|t| t == "batch-1"));
    }
    desk.undo().unwrap();
    assert!(ids.iter().all(|i| {
        desk.workspace().get(i).unwrap().tags.is_empty()
            || !desk
                .workspace()
                .get(i)
                .unwrap()
                .tags
                .contains(&"batch-1".into())
    }));
    desk.undo().unwrap();
    assert!(
        ids.iter()
            .all(|i| desk.workspace().get(i).unwrap().status != status("false"))
    );
}

#[test]
fn a_filter_saved_as_a_view_is_in_the_workspace_for_everyone() {
    let (_dir, mut desk) = desk("Dana");
    let filter = crate::model::ClaimFilter {
        statuses: vec![status("disputed")],
        tags: vec!["russia".into()],
        search: " weapons ".into(),
    };
    desk.save_view("Russia disputes", &filter).unwrap();
    let root = desk.session().folder().root().to_path_buf();
    let text = std::fs::read_to_string(root.join("workspace.ron")).unwrap();
    assert!(
        text.contains("version: 3") && text.contains("name: \"Russia disputes\""),
        "{text}"
    );
    let (_, ws) = Folder::open(&root).unwrap();
    assert_eq!(ws.manifest.views.len(), 1);
    assert_eq!(ws.manifest.views[0].filter().search, "weapons");
    // The same name again replaces it; an empty name is refused.
    desk.save_view("russia DISPUTES", &crate::model::ClaimFilter::default())
        .unwrap();
    assert_eq!(desk.workspace().manifest.views.len(), 1);
    assert!(desk.save_view("  ", &filter).is_err());
    // A colleague's change to workspace.ron is never written over.
    std::fs::write(
        root.join("workspace.ron"),
        text.replace("Russia disputes", "Theirs"),
    )
    .unwrap();
    let err = desk.delete_view("russia disputes").unwrap_err().to_string();
    assert!(err.contains("changed on disk"), "{err}");
    assert_eq!(
        desk.workspace().manifest.views.len(),
        1,
        "nothing changed here either"
    );
}

#[test]
fn a_reviewer_whose_verdict_came_from_a_review_file_cannot_sign_it_off() {
    let (_dir, mut desk) = signoff_desk("Dana");
    desk.apply(Edit::ApplyReview {
        id: id("a"),
        status: status("false"),
        by: "Dana".into(),
        time: t(NOON),
        reason: String::new(),
        reviewers: vec!["Eli".into()],
    })
    .unwrap();
    desk.set_reviewer(Reviewer::new("eli"));
    assert!(desk.signoff_queue().is_empty());
    assert!(desk.sign_off(&id("a"), true, "").is_err());
    desk.set_reviewer(Reviewer::new("Fay"));
    desk.sign_off(&id("a"), true, "").unwrap();
}

#[test]
fn a_changed_write_up_needs_a_new_sign_off_and_only_the_author_resubmits() {
    use crate::model::SignOffState;
    let (_dir, mut desk) = signoff_desk("Dana");
    desk.set_verdict(&id("a"), &status("false"), "").unwrap();
    desk.set_reviewer(Reviewer::new("Eli"));
    desk.sign_off(&id("a"), true, "").unwrap();
    let state = |d: &Desk| {
        let ws = d.workspace();
        ws.get(&id("a")).unwrap().signoff_state(&ws.manifest)
    };
    assert_eq!(state(&desk), SignOffState::Approved);
    desk.set_write_up(&id("a"), "Now it says something else.")
        .unwrap();
    assert_eq!(
        state(&desk),
        SignOffState::Awaiting,
        "what readers read was not approved"
    );
    // Sent back, only its author puts it up again.
    desk.set_reviewer(Reviewer::new("Fay"));
    desk.sign_off(&id("a"), false, "Needs a source.").unwrap();
    assert!(desk.resubmit(&id("a"), "").is_err(), "not Fay's verdict");
    assert_eq!(state(&desk), SignOffState::SentBack);
    desk.set_reviewer(Reviewer::new("Dana"));
    desk.resubmit(&id("a"), "").unwrap();
    assert_eq!(state(&desk), SignOffState::Awaiting);
}

#[test]
fn a_verdict_left_in_merge_conflict_is_not_published() {
    let (_dir, mut desk) = desk("Dana");
    desk.set_verdict(&id("a"), &status("false"), "").unwrap();
    let mut a = desk.workspace().get(&id("a")).unwrap().clone();
    assert!(a.is_publishable(&desk.workspace().manifest));
    let mut theirs = a.clone();
    theirs.status = status("confirmed");
    a.conflict = Some(Box::new(crate::model::MergeConflict {
        fields: vec![crate::model::merge::Field::Status],
        theirs,
    }));
    assert!(!a.is_publishable(&desk.workspace().manifest));
}

/// A desk on a workspace that asks for a reason with every status change, for `who`.
fn reason_desk(who: &str) -> (tempfile::TempDir, Desk) {
    let mut ws = workspace(&["a", "b", "c"]);
    ws.manifest.require_reason = true;
    desk_on(&ws, who)
}

#[test]
fn a_workspace_that_requires_reasons_refuses_a_verdict_without_one() {
    let (_dir, mut desk) = reason_desk("Dana");
    for blank in ["", "   ", "\n\t"] {
        let err = desk
            .set_verdict(&id("a"), &status("false"), blank)
            .unwrap_err();
        assert!(matches!(err, DeskError::NeedsReason), "{err:?}");
        assert!(err.to_string().contains("require_reason"), "{err}");
    }
    assert!(desk.needs_reason(" ") && !desk.needs_reason("no source"));
    let a = desk.workspace().get(&id("a")).unwrap();
    assert!(a.history.is_empty() && a.notes.is_empty());
    assert!(!desk.session().has_unsaved_changes(), "nothing changed");
    desk.set_verdict(&id("a"), &status("false"), "no source")
        .unwrap();
    let a = desk.workspace().get(&id("a")).unwrap();
    assert_eq!(a.status, status("false"));
    assert_eq!(&*a.history[0].reason, "no source");
}

#[test]
fn bulk_verdicts_without_a_reason_change_nothing_where_reasons_are_required() {
    let (_dir, mut desk) = reason_desk("Dana");
    let ids = [id("a"), id("b")];
    let err = desk
        .set_verdicts(&ids, &status("disputed"), " ")
        .unwrap_err();
    assert!(matches!(err, DeskError::NeedsReason), "{err:?}");
    assert!(
        desk.workspace()
            .claims()
            .all(|c| c.status == status("unreviewed"))
    );
    assert_eq!(
        desk.set_verdicts(&ids, &status("disputed"), "both sourced to one blog")
            .unwrap(),
        2
    );
}

#[test]
fn reasons_are_optional_unless_the_workspace_asks_for_them() {
    let (_dir, mut desk) = desk("Dana");
    assert!(!desk.needs_reason(""));
    desk.set_verdict(&id("a"), &status("confirmed"), "")
        .unwrap();
    assert_eq!(
        desk.set_verdicts(&[id("b")], &status("false"), "").unwrap(),
        1
    );
}
