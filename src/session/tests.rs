use super::*;
use crate::model::Status;
use std::fs;

fn session() -> (tempfile::TempDir, Session) {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path().join("w");
    Folder::create(&root, &crate::generate::workspace(20, 3)).unwrap();
    let s = Session::open(&root).unwrap();
    (dir, s)
}

fn id(s: &str) -> ClaimId {
    ClaimId::new(s).unwrap()
}

fn set_text_of(s: &mut Session, claim: &str, text: &str) {
    s.apply(Edit::SetText {
        id: id(claim),
        text: text.into(),
    })
    .unwrap();
}

fn set_text(s: &mut Session, text: &str) {
    s.apply_merging(
        Edit::SetText {
            id: id("c000001"),
            text: text.into(),
        },
        MergeKey::Text(id("c000001")),
    )
    .unwrap();
}

#[test]
fn typing_is_one_undo_step_and_undo_clears_unsaved() {
    let (_dir, mut s) = session();
    let original = s.workspace().get(&id("c000001")).unwrap().text.clone();
    for text in ["N", "Ne", "New", "New text"] {
        set_text(&mut s, text);
    }
    assert!(s.is_unsaved(&id("c000001")));
    s.undo().unwrap().unwrap();
    assert_eq!(s.workspace().get(&id("c000001")).unwrap().text, original);
    assert!(!s.can_undo());
    assert!(!s.has_unsaved_changes(), "back to the file's content");
    s.redo().unwrap().unwrap();
    assert_eq!(
        s.workspace().get(&id("c000001")).unwrap().text.as_ref(),
        "New text"
    );
    assert!(s.has_unsaved_changes());
}

#[test]
fn the_similar_claims_matcher_follows_more_changes_than_are_remembered() {
    let (_dir, mut s) = session();
    let g0 = s.generation();
    let before = SimilarIndex::build(s.workspace());
    s.with_similar(|_, _| ());
    for i in 0..RECENT_CHANGES + 6 {
        set_text(&mut s, &format!("the ministry denies version {i}"));
    }
    assert!(s.changed_since(g0).is_none(), "too long ago to say");
    // Taken in at every change: ready, and never rebuilt for being too far behind.
    let cached = s.similar.lock().unwrap().as_ref().map(|(g, _)| *g);
    assert_eq!(cached, Some(s.generation()));
    assert!(s.similar_ready());
    let last = format!("the ministry denies version {}", RECENT_CHANGES + 5);
    let top = s.with_similar(|index, _| index.search(&last, 1));
    assert_eq!(top.first().map(|h| h.id.as_str()), Some("c000001"));
    // A matcher built elsewhere from claims that long ago cannot catch up: it is not taken.
    let (_dir, fresh) = session();
    fresh.adopt_similar(g0, before);
    assert!(fresh.similar_ready(), "nothing changed since it was built");
    s.similar.lock().unwrap().take();
    s.adopt_similar(g0, SimilarIndex::build(fresh.workspace()));
    assert!(!s.similar_ready());
}

#[test]
fn changes_are_told_since_a_generation() {
    let (_dir, mut s) = session();
    let g0 = s.generation();
    set_text(&mut s, "a");
    let g1 = s.generation();
    s.apply(Edit::AddTag {
        id: id("c000002"),
        tag: "t".into(),
    })
    .unwrap();
    assert_eq!(
        s.changed_since(g0),
        Some(vec![id("c000001"), id("c000002")])
    );
    assert_eq!(s.changed_since(g1), Some(vec![id("c000002")]));
    assert_eq!(s.changed_since(s.generation()), Some(vec![]));
    for i in 0..RECENT_CHANGES {
        set_text(&mut s, &format!("text {i}"));
    }
    assert_eq!(s.changed_since(g0), None, "too long ago");
    s.undo().unwrap();
    assert_eq!(
        s.changed_since(s.generation() - 1),
        Some(vec![id("c000001")])
    );
}

#[test]
fn end_merge_starts_a_new_step() {
    let (_dir, mut s) = session();
    set_text(&mut s, "first");
    s.end_merge();
    set_text(&mut s, "second");
    s.undo().unwrap().unwrap();
    assert_eq!(
        s.workspace().get(&id("c000001")).unwrap().text.as_ref(),
        "first"
    );
}

#[test]
fn save_writes_unsaved_claims_and_a_new_edit_clears_redo() {
    let (_dir, mut s) = session();
    let status = Status::new("false");
    let current = s.workspace().get(&id("c000002")).unwrap().status.clone();
    let target = if current == status {
        Status::new("confirmed")
    } else {
        status
    };
    s.apply(Edit::SetStatus {
        id: id("c000002"),
        status: target.clone(),
        by: "t".into(),
        time: "2024-01-01T00:00:00Z".parse().unwrap(),
        reason: String::new(),
    })
    .unwrap();
    let report = s.save(&SaveOptions::default()).unwrap();
    assert_eq!(report.written, [id("c000002")]);
    assert!(!s.has_unsaved_changes());
    let text = fs::read_to_string(s.folder().path_of(&id("c000002"))).unwrap();
    assert!(text.contains(&format!("status: \"{target}\"")));
    s.undo().unwrap().unwrap();
    assert!(
        s.has_unsaved_changes(),
        "undo after a save differs from the file"
    );
    set_text(&mut s, "x");
    assert!(!s.can_redo());
}

/// Changes `c000001`'s file on disk as someone else would: its text gets `prefix`.
fn change_on_disk(s: &Session, prefix: &str) -> std::path::PathBuf {
    let path = s.folder().path_of(&id("c000001"));
    let theirs =
        fs::read_to_string(&path)
            .unwrap()
            .replacen("text: \"", &format!("text: \"{prefix}"), 1);
    fs::write(&path, &theirs).unwrap();
    path
}

fn add_note(s: &mut Session, text: &str) {
    s.apply(Edit::AddNote {
        id: id("c000001"),
        note: crate::model::Note {
            author: "Ana".into(),
            time: "2026-01-02T03:04:05Z".parse().unwrap(),
            text: text.into(),
        },
    })
    .unwrap();
}

fn reopened(s: &Session) -> Claim {
    reopened_id(s, "c000001")
}

#[test]
fn a_save_over_a_changed_file_merges_fields_changed_on_one_side() {
    let (_dir, mut s) = session();
    add_note(&mut s, "my note");
    change_on_disk(&s, "THEIRS ");
    let report = s.save(&SaveOptions::default()).unwrap();
    assert_eq!(report.merged, [id("c000001")]);
    assert_eq!(report.written, [id("c000001")]);
    let saved = reopened(&s);
    assert!(saved.text.starts_with("THEIRS "), "their text kept");
    assert!(
        saved.notes.iter().any(|n| &*n.text == "my note"),
        "my note kept"
    );
    assert_eq!(s.workspace().get(&id("c000001")), Some(&saved));
    assert!(!s.has_unsaved_changes());
}

#[test]
fn a_field_changed_on_both_sides_waits_for_a_choice() {
    let (_dir, mut s) = session();
    set_text(&mut s, "mine");
    add_note(&mut s, "my note");
    let path = change_on_disk(&s, "THEIRS ");
    let on_disk = fs::read(&path).unwrap();
    assert!(matches!(
        s.save(&SaveOptions::default()),
        Err(SaveError::Unsettled(ids)) if ids == [id("c000001")]
    ));
    assert_eq!(fs::read(&path).unwrap(), on_disk, "nothing written");
    let claim = s.workspace().get(&id("c000001")).unwrap();
    let conflict = claim.conflict.as_ref().unwrap();
    assert_eq!(conflict.fields, [merge::Field::Text]);
    assert!(conflict.theirs.text.starts_with("THEIRS "));
    assert_eq!(s.unsettled(), [id("c000001")]);
    // Saving again without a choice still writes nothing.
    assert!(matches!(
        s.save(&SaveOptions::default()),
        Err(SaveError::Unsettled(_))
    ));
    assert_eq!(fs::read(&path).unwrap(), on_disk);
    s.apply(Edit::ResolveConflict {
        id: id("c000001"),
        field: merge::Field::Text,
        theirs: false,
    })
    .unwrap();
    assert!(s.unsettled().is_empty());
    s.save(&SaveOptions::default()).unwrap();
    let saved = reopened(&s);
    assert_eq!(&*saved.text, "mine");
    assert!(saved.notes.iter().any(|n| &*n.text == "my note"));
    assert!(saved.conflict.is_none());
}

#[test]
fn undoing_a_merge_merges_again_at_the_next_save() {
    let (_dir, mut s) = session();
    add_note(&mut s, "my note");
    let path = change_on_disk(&s, "THEIRS ");
    set_text(&mut s, "mine");
    assert!(matches!(
        s.save(&SaveOptions::default()),
        Err(SaveError::Unsettled(_))
    ));
    // Undo the merge: my version is back, theirs is still on disk.
    s.undo().unwrap().unwrap();
    assert!(
        s.workspace()
            .get(&id("c000001"))
            .unwrap()
            .conflict
            .is_none()
    );
    assert!(matches!(
        s.save(&SaveOptions::default()),
        Err(SaveError::Unsettled(_))
    ));
    assert!(fs::read_to_string(&path).unwrap().contains("THEIRS "));
    s.apply(Edit::ResolveConflict {
        id: id("c000001"),
        field: merge::Field::Text,
        theirs: true,
    })
    .unwrap();
    s.save(&SaveOptions::default()).unwrap();
    let saved = reopened(&s);
    assert!(saved.text.starts_with("THEIRS "));
    assert!(saved.notes.iter().any(|n| &*n.text == "my note"));
}

#[test]
fn theirs_can_be_taken_and_undone_without_losing_theirs() {
    let (_dir, mut s) = session();
    add_note(&mut s, "my note");
    let path = change_on_disk(&s, "THEIRS ");
    s.take_theirs(&[id("c000001")]).unwrap();
    let claim = s.workspace().get(&id("c000001")).unwrap();
    assert!(claim.text.starts_with("THEIRS "));
    assert!(claim.notes.iter().all(|n| &*n.text != "my note"));
    assert!(!s.has_unsaved_changes());
    s.undo().unwrap().unwrap();
    assert!(
        s.workspace()
            .get(&id("c000001"))
            .unwrap()
            .notes
            .iter()
            .any(|n| &*n.text == "my note")
    );
    // Undo brought my version back over theirs: the save merges the two, it never
    // writes my old text over their change.
    assert!(s.has_unsaved_changes());
    let report = s.save(&SaveOptions::default()).unwrap();
    assert_eq!(report.merged, [id("c000001")]);
    let saved = fs::read_to_string(&path).unwrap();
    assert!(saved.contains("THEIRS "));
    assert!(saved.contains("my note"));
}

#[test]
fn deleted_on_one_side_and_changed_on_the_other_is_asked() {
    let (_dir, mut s) = session();
    add_note(&mut s, "my note");
    let path = s.folder().path_of(&id("c000001"));
    fs::remove_file(&path).unwrap();
    assert!(matches!(
        s.save(&SaveOptions::default()),
        Err(SaveError::ChangedOnDisk(ids)) if ids == [id("c000001")]
    ));
    assert!(!path.exists(), "nothing written");
    let keep_mine = SaveOptions {
        overwrite: [id("c000001")].into_iter().collect(),
    };
    s.save(&keep_mine).unwrap();
    assert!(fs::read_to_string(&path).unwrap().contains("my note"));
}

#[test]
fn a_claim_deleted_here_and_unchanged_there_is_deleted() {
    let (_dir, mut s) = session();
    s.apply(Edit::DeleteClaim { id: id("c000003") }).unwrap();
    // Someone changed another claim meanwhile: no business of this save.
    change_on_disk(&s, "THEIRS ");
    let report = s.save(&SaveOptions::default()).unwrap();
    assert!(report.removed.contains(&id("c000003")));
    assert!(!s.folder().path_of(&id("c000003")).exists());
}

fn stems(names: &[&str]) -> Option<Vec<String>> {
    Some(names.iter().map(|s| s.to_string()).collect())
}

#[test]
fn a_reload_takes_in_changed_new_and_deleted_files() {
    let (_dir, mut s) = session();
    let g = s.generation();
    change_on_disk(&s, "THEIRS ");
    let copy = s.workspace().get(&id("c000002")).unwrap().clone();
    let mut added = copy.clone();
    added.id = id("new-one");
    fs::write(
        s.folder().root().join("new-one.ron"),
        crate::store::encode_claim(&added),
    )
    .unwrap();
    fs::remove_file(s.folder().path_of(&id("c000003"))).unwrap();
    let got = s.reload(None).unwrap();
    assert_eq!(got.updated, [id("c000001")]);
    assert_eq!(got.added, [id("new-one")]);
    assert_eq!(got.removed, [id("c000003")]);
    assert!(got.broken.is_empty() && got.waiting.is_empty() && !got.manifest_changed);
    assert!(
        s.workspace()
            .get(&id("c000001"))
            .unwrap()
            .text
            .starts_with("THEIRS ")
    );
    assert!(s.workspace().contains(&id("new-one")));
    assert!(!s.workspace().contains(&id("c000003")));
    assert!(!s.has_unsaved_changes(), "taken in, not changed here");
    assert!(s.changed_since(g).unwrap().contains(&id("c000001")));
    assert_eq!(
        s.save(&SaveOptions::default()).unwrap(),
        SaveReport::default()
    );
    assert!(
        s.reload(None).unwrap().is_empty(),
        "nothing new the second time"
    );
}

#[test]
fn a_reload_leaves_unsaved_claims_for_the_save_to_merge() {
    let (_dir, mut s) = session();
    add_note(&mut s, "my note");
    change_on_disk(&s, "THEIRS ");
    let got = s.reload(stems(&["c000001"])).unwrap();
    assert_eq!(got.waiting, [id("c000001")]);
    assert!(
        !s.workspace()
            .get(&id("c000001"))
            .unwrap()
            .text
            .starts_with("THEIRS ")
    );
    let report = s.save(&SaveOptions::default()).unwrap();
    assert_eq!(report.merged, [id("c000001")]);
    let saved = reopened(&s);
    assert!(saved.text.starts_with("THEIRS "));
    assert!(saved.notes.iter().any(|n| &*n.text == "my note"));
}

#[test]
fn a_broken_file_takes_its_claim_out_until_it_is_fixed() {
    let (_dir, mut s) = session();
    let path = s.folder().path_of(&id("c000001"));
    let good = fs::read(&path).unwrap();
    fs::write(&path, b"(version: 2, claim: (id: \"c000001\", text: 42").unwrap();
    let got = s.reload(stems(&["c000001"])).unwrap();
    assert_eq!(got.broken, ["c000001"]);
    assert!(!s.workspace().contains(&id("c000001")));
    assert!(s.folder().is_broken("c000001"));
    assert!(
        s.diagnostics()
            .iter()
            .any(|d| d.path == path && d.is_error())
    );
    // Its file is never written while broken.
    assert!(s.save(&SaveOptions::default()).is_ok());
    // Deleted while broken: its row goes.
    fs::remove_file(&path).unwrap();
    s.reload(stems(&["c000001"])).unwrap();
    assert!(!s.folder().is_broken("c000001"));
    assert!(s.diagnostics().iter().all(|d| d.path != path));
    fs::write(&path, &good).unwrap();
    let got = s.reload(stems(&["c000001"])).unwrap();
    assert_eq!(got.added, [id("c000001")]);
    assert!(!s.folder().is_broken("c000001"));
    assert!(s.diagnostics().iter().all(|d| d.path != path));
}

#[test]
fn links_to_a_file_that_breaks_and_is_fixed_are_reported_then_not() {
    let (_dir, mut s) = session();
    let from = s
        .workspace()
        .claims()
        .find(|c| !c.relations.is_empty())
        .unwrap()
        .clone();
    let target = from.relations[0].target.clone();
    let path = s.folder().path_of(&target);
    let good = fs::read(&path).unwrap();
    let about_link = |s: &Session| {
        s.diagnostics().iter().any(|d| {
            d.path == s.folder().path_of(&from.id) && d.message.contains("whose file did not load")
        })
    };
    fs::write(&path, b"not a claim").unwrap();
    s.reload(None).unwrap();
    assert!(about_link(&s));
    fs::write(&path, &good).unwrap();
    s.reload(None).unwrap();
    assert!(!about_link(&s));
}

#[test]
fn a_reload_forgets_the_undo_steps_of_the_claims_it_changed() {
    let (_dir, mut s) = session();
    s.apply(Edit::AddTag {
        id: id("c000001"),
        tag: "t".into(),
    })
    .unwrap();
    s.save(&SaveOptions::default()).unwrap();
    fs::remove_file(s.folder().path_of(&id("c000001"))).unwrap();
    set_text_of(&mut s, "c000002", "kept");
    s.reload(None).unwrap();
    // The tag step would bring the claim someone deleted back: it is gone. The step
    // about another claim stays.
    assert_eq!(s.undo().unwrap(), Some(vec![id("c000002")]));
    assert_eq!(s.undo().unwrap(), None);
    assert!(!s.workspace().contains(&id("c000001")));
}

/// Writes `s`'s unsaved work to a recovery file and reads it back, as the next run would.
fn recovered(s: &Session) -> Recovery {
    let dir = tempfile::tempdir().unwrap();
    let path = dir
        .path()
        .join(format!("{}.ron", recovery_key(s.folder().root())));
    write_recovery(&path, &s.recovery()).unwrap();
    read_recovery(&path).unwrap().unwrap()
}

#[test]
fn unsaved_work_comes_back_in_a_new_session() {
    let (_dir, mut s) = session();
    add_note(&mut s, "my note");
    s.apply(Edit::DeleteClaim { id: id("c000003") }).unwrap();
    let recovery = recovered(&s);
    let mut again = Session::open(s.folder().root()).unwrap();
    drop(s);
    let restored = again.restore(recovery).unwrap();
    assert!(restored.claims.contains(&id("c000001")));
    assert!(restored.claims.contains(&id("c000003")));
    assert!(restored.merged.is_empty());
    assert!(again.is_unsaved(&id("c000001")));
    assert!(!again.workspace().contains(&id("c000003")));
    // One undo takes it all away again.
    again.undo().unwrap().unwrap();
    assert!(!again.has_unsaved_changes());
    again.redo().unwrap().unwrap();
    let report = again.save(&SaveOptions::default()).unwrap();
    assert!(report.written.contains(&id("c000001")) && report.removed.contains(&id("c000003")));
    assert!(reopened(&again).notes.iter().any(|n| &*n.text == "my note"));
}

#[test]
fn recovered_work_is_merged_with_a_file_changed_since() {
    let (_dir, mut s) = session();
    add_note(&mut s, "my note");
    let recovery = recovered(&s);
    let path = change_on_disk(&s, "THEIRS ");
    let mut again = Session::open(s.folder().root()).unwrap();
    let restored = again.restore(recovery).unwrap();
    assert_eq!(restored.merged, [id("c000001")]);
    let claim = again.workspace().get(&id("c000001")).unwrap();
    assert!(claim.text.starts_with("THEIRS "), "their change is kept");
    assert!(claim.notes.iter().any(|n| &*n.text == "my note"));
    assert!(fs::read_to_string(&path).unwrap().contains("THEIRS "));
    again.save(&SaveOptions::default()).unwrap();
    assert!(fs::read_to_string(&path).unwrap().contains("my note"));
}

#[test]
fn recovered_work_in_the_same_field_as_a_change_on_disk_waits_for_a_choice() {
    let (_dir, mut s) = session();
    set_text(&mut s, "mine");
    let recovery = recovered(&s);
    change_on_disk(&s, "THEIRS ");
    let mut again = Session::open(s.folder().root()).unwrap();
    let restored = again.restore(recovery).unwrap();
    assert_eq!(restored.unsettled, [id("c000001")]);
    assert!(matches!(
        again.save(&SaveOptions::default()),
        Err(SaveError::Unsettled(_))
    ));
}

#[test]
fn recovered_claims_the_workspace_cannot_hold_are_skipped() {
    let (_dir, mut s) = session();
    add_note(&mut s, "my note");
    let mut recovery = recovered(&s);
    recovery.claims[0].ours.as_mut().unwrap().status = Status::new("no-such-status");
    let mut again = Session::open(s.folder().root()).unwrap();
    let restored = again.restore(recovery).unwrap();
    assert_eq!(restored.skipped.len(), 1);
    assert!(restored.skipped[0].1.contains("no-such-status"));
    assert!(!again.has_unsaved_changes());
}

#[test]
fn a_recovery_file_is_removed_when_nothing_is_unsaved_and_bad_ones_are_located() {
    let (dir, s) = session();
    let path = dir
        .path()
        .join(format!("{}.ron", recovery_key(s.folder().root())));
    fs::write(&path, "(version: 1, workspace: \"w\", claims: [(id: 42)])").unwrap();
    let err = read_recovery(&path).unwrap_err();
    assert_eq!(err.line, 1, "{err}");
    write_recovery(&path, &s.recovery()).unwrap();
    assert!(!path.exists());
    assert_eq!(read_recovery(&path).unwrap(), None);
}

#[test]
fn undoing_my_edit_after_a_merged_save_keeps_their_change_and_drops_mine() {
    let (_dir, mut s) = session();
    add_note(&mut s, "my note");
    let path = change_on_disk(&s, "THEIRS ");
    let report = s.save(&SaveOptions::default()).unwrap();
    assert_eq!(report.merged, [id("c000001")]);
    // Undo the merge, then my note: the window shows the claim as it first was.
    s.undo().unwrap().unwrap();
    s.undo().unwrap().unwrap();
    assert!(
        s.workspace()
            .get(&id("c000001"))
            .unwrap()
            .notes
            .iter()
            .all(|n| &*n.text != "my note")
    );
    s.save(&SaveOptions::default()).unwrap();
    let saved = fs::read_to_string(&path).unwrap();
    assert!(saved.contains("THEIRS "), "their change stays");
    assert!(!saved.contains("my note"), "my undone note goes");
    let claim = s.workspace().get(&id("c000001")).unwrap();
    assert!(claim.text.starts_with("THEIRS ") && claim.notes.iter().all(|n| &*n.text != "my note"));
}

#[test]
fn undo_after_a_plain_save_writes_the_undo() {
    let (_dir, mut s) = session();
    let original = reopened(&s).text;
    set_text(&mut s, "first");
    s.end_merge();
    set_text(&mut s, "second");
    s.save(&SaveOptions::default()).unwrap();
    s.undo().unwrap().unwrap();
    s.save(&SaveOptions::default()).unwrap();
    assert_eq!(reopened(&s).text.as_ref(), "first");
    s.undo().unwrap().unwrap();
    s.save(&SaveOptions::default()).unwrap();
    assert_eq!(reopened(&s).text, original);
    s.redo().unwrap().unwrap();
    s.redo().unwrap().unwrap();
    s.save(&SaveOptions::default()).unwrap();
    assert_eq!(reopened(&s).text.as_ref(), "second");
}

/// A session on a workspace whose `c000001.ron` holds a git conflict on `field`, the other
/// branch's value made by `theirs`.
fn session_with_git_conflict(
    field: merge::Field,
    theirs: impl FnOnce(&mut Claim),
) -> (tempfile::TempDir, Session) {
    let (dir, s) = session();
    let path = s.folder().path_of(&id("c000001"));
    let mut claim = reopened(&s);
    let mut other = claim.clone();
    theirs(&mut other);
    claim.conflict = Some(Box::new(crate::model::MergeConflict {
        fields: vec![field],
        theirs: other,
    }));
    fs::write(&path, crate::store::encode_claim(&claim)).unwrap();
    let s = Session::open(s.folder().root()).unwrap();
    (dir, s)
}

#[test]
fn a_conflict_git_left_is_kept_beside_a_new_one() {
    let (_dir, mut s) = session_with_git_conflict(merge::Field::Claimant, |c| {
        c.claimant = "Their claimant".into()
    });
    set_text(&mut s, "mine");
    change_on_disk(&s, "THEIRS ");
    assert!(matches!(
        s.save(&SaveOptions::default()),
        Err(SaveError::Unsettled(_))
    ));
    let conflict = s
        .workspace()
        .get(&id("c000001"))
        .unwrap()
        .conflict
        .clone()
        .unwrap();
    assert_eq!(
        conflict.fields,
        [merge::Field::Text, merge::Field::Claimant]
    );
    assert_eq!(conflict.theirs.claimant, "Their claimant");
    assert!(conflict.theirs.text.starts_with("THEIRS "));
}

#[test]
fn an_unsaved_claim_whose_file_breaks_and_comes_back_loads_again() {
    let (_dir, mut s) = session();
    add_note(&mut s, "my note");
    let path = s.folder().path_of(&id("c000001"));
    let good = fs::read(&path).unwrap();
    fs::write(&path, b"garbage").unwrap();
    let got = s.reload(None).unwrap();
    assert_eq!(got.broken, ["c000001"]);
    assert!(
        s.workspace().contains(&id("c000001")),
        "my unsaved work stays"
    );
    assert!(matches!(
        s.save(&SaveOptions::default()),
        Err(SaveError::Broken(_))
    ));
    fs::write(&path, &good).unwrap();
    s.reload(None).unwrap();
    assert!(!s.folder().is_broken("c000001"));
    s.save(&SaveOptions::default()).unwrap();
    assert!(reopened(&s).notes.iter().any(|n| &*n.text == "my note"));
}

#[test]
fn a_changed_vocabulary_is_reported_before_any_file_is_read_with_the_old_one() {
    let (_dir, mut s) = session();
    let manifest = s.folder().root().join(crate::store::MANIFEST_FILE);
    let text = fs::read_to_string(&manifest).unwrap();
    fs::write(&manifest, text.replacen("name: \"", "name: \"Renamed ", 1)).unwrap();
    change_on_disk(&s, "THEIRS ");
    let got = s.reload(None).unwrap();
    assert!(got.manifest_changed);
    assert!(got.updated.is_empty(), "left for the reopen");
}

#[test]
fn a_claim_deleted_here_and_there_has_no_base_left() {
    let (_dir, mut s) = session();
    s.apply(Edit::DeleteClaim { id: id("c000001") }).unwrap();
    fs::remove_file(s.folder().path_of(&id("c000001"))).unwrap();
    let report = s.save(&SaveOptions::default()).unwrap();
    assert!(report.removed.contains(&id("c000001")));
    // Undo of the deletion brings it back, and the save writes it again.
    s.undo().unwrap().unwrap();
    s.save(&SaveOptions::default()).unwrap();
    assert!(s.folder().path_of(&id("c000001")).exists());
}

#[test]
fn a_new_conflict_over_a_git_conflict_on_the_same_field_waits_for_a_choice() {
    let (_dir, mut s) = session_with_git_conflict(merge::Field::Text, |c| {
        c.text = "From the other branch".into()
    });
    set_text(&mut s, "mine");
    change_on_disk(&s, "THEIRS ");
    assert!(matches!(
        s.save(&SaveOptions::default()),
        Err(SaveError::Unsettled(_))
    ));
    assert_eq!(s.unsettled(), [id("c000001")]);
}

#[test]
fn undo_after_a_merge_that_left_a_claim_alone_still_writes_the_undo() {
    let (_dir, mut s) = session();
    add_note(&mut s, "my note");
    set_text_of(&mut s, "c000002", "second, mine");
    // Someone rewrites c000002's file with the same content in other bytes, and changes
    // c000001's text.
    let other = s.folder().path_of(&id("c000002"));
    let bytes = fs::read_to_string(&other).unwrap();
    fs::write(&other, format!("{bytes}\n")).unwrap();
    change_on_disk(&s, "THEIRS ");
    let report = s.save(&SaveOptions::default()).unwrap();
    assert_eq!(report.merged, [id("c000001")]);
    assert_eq!(reopened_id(&s, "c000002").text.as_ref(), "second, mine");
    // Undo the merge, then my edit of c000002: the file gets its old text back.
    s.undo().unwrap().unwrap();
    s.undo().unwrap().unwrap();
    s.save(&SaveOptions::default()).unwrap();
    assert_ne!(reopened_id(&s, "c000002").text.as_ref(), "second, mine");
    assert!(reopened(&s).text.starts_with("THEIRS "));
}

#[test]
fn an_undo_replayed_into_a_file_deleted_since_asks_rather_than_recreate_it() {
    let (_dir, mut s) = session();
    add_note(&mut s, "my note");
    let path = change_on_disk(&s, "THEIRS ");
    s.save(&SaveOptions::default()).unwrap();
    s.undo().unwrap().unwrap();
    s.undo().unwrap().unwrap();
    fs::remove_file(&path).unwrap();
    assert!(matches!(
        s.save(&SaveOptions::default()),
        Err(SaveError::ChangedOnDisk(ids)) if ids == [id("c000001")]
    ));
    assert!(!path.exists());
}

fn reopened_id(s: &Session, claim: &str) -> Claim {
    let (_, ws) = Folder::open(s.folder().root()).unwrap();
    ws.get(&id(claim)).unwrap().clone()
}

#[test]
fn undo_and_redo_steps_are_named_by_what_they_did() {
    let (_dir, mut s) = session();
    assert_eq!(s.undo_label(), None);
    let before = s.workspace().get(&id("c000002")).unwrap().text.clone();
    s.apply(Edit::AddTag {
        id: id("c000002"),
        tag: "checked".into(),
    })
    .unwrap();
    let label = s.undo_label().unwrap().to_string();
    assert!(label.starts_with("Tag \"checked\": "), "{label}");
    assert!(
        label.contains(before.split_whitespace().next().unwrap()),
        "the claim is named: {label}"
    );
    let original = s.workspace().get(&id("c000001")).unwrap().text.clone();
    for text in ["N", "Ne", "New"] {
        set_text(&mut s, text);
    }
    // The claim is named by its text as it was before the step.
    let typing = s.undo_label().unwrap().to_string();
    assert!(typing.starts_with("Edit text: "), "{typing}");
    assert!(original.starts_with(typing["Edit text: ".len()..].trim_end_matches('…')));
    s.undo().unwrap();
    assert_eq!(
        s.redo_label(),
        Some(typing.as_str()),
        "a burst is one named step"
    );
    assert_eq!(s.undo_label(), Some(label.as_str()));
    s.redo().unwrap();
    assert_eq!(
        s.undo_label(),
        Some(typing.as_str()),
        "a redone step keeps its name"
    );
}

#[test]
fn a_reload_rechecks_the_links_to_and_from_the_files_it_took_in() {
    let (_dir, mut s) = session();
    let linked = s
        .workspace()
        .claims()
        .find(|c| !c.relations.is_empty())
        .map(|c| (c.id.clone(), c.relations[0].target.clone()))
        .expect("the generated workspace has links");
    let (from, to) = linked;
    let to_path = s.folder().path_of(&to);
    let kept = fs::read(&to_path).unwrap();
    let dangling = |s: &Session| {
        s.diagnostics()
            .iter()
            .filter(|d| d.path == s.folder().path_of(&from))
            .map(|d| d.message.clone())
            .collect::<Vec<_>>()
    };
    assert!(dangling(&s).is_empty());
    // The target's file goes: the link from the other claim now points at nothing.
    fs::remove_file(&to_path).unwrap();
    s.reload(Some(vec![to.as_str().to_string()])).unwrap();
    assert!(
        dangling(&s)
            .iter()
            .any(|m| m.ends_with(", which does not exist")),
        "{:?}",
        dangling(&s)
    );
    // It breaks instead: the link says so.
    fs::write(&to_path, "(not a claim").unwrap();
    s.reload(Some(vec![to.as_str().to_string()])).unwrap();
    assert!(
        dangling(&s)
            .iter()
            .any(|m| m.ends_with(", whose file did not load")),
        "{:?}",
        dangling(&s)
    );
    // And comes back: the link is whole again.
    fs::write(&to_path, kept).unwrap();
    s.reload(Some(vec![to.as_str().to_string()])).unwrap();
    assert!(dangling(&s).is_empty(), "{:?}", dangling(&s));
}
