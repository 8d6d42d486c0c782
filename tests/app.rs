//! The window, driven as a reviewer would drive it: by accessible labels, clicks and keys,
//! on a copy of the sample workspace. No real file dialog is ever opened.

#![allow(clippy::unwrap_used)]

mod common;
use common::*;

use claimdesk::app::{ClaimDeskApp, Options, Prefs, ScriptedDialog};
use egui::{Key, Modifiers};
use egui_kittest::Harness;
use egui_kittest::kittest::{NodeT, Queryable};
use std::fs;
use std::path::Path;

const MILITARY_TALKS: &str = "delegation-visit-military-talks";

fn app(dir: &Path) -> Harness<'static, ClaimDeskApp> {
    app_with(dir.to_path_buf(), Vec::new(), "Test Reviewer")
}

/// The app on `workspace`, with a file dialog that gives `answers` in order.
fn app_with(
    workspace: std::path::PathBuf,
    answers: Vec<Vec<std::path::PathBuf>>,
    reviewer: &str,
) -> Harness<'static, ClaimDeskApp> {
    app_with_dialog(workspace, ScriptedDialog::choosing(answers), reviewer)
}

/// The app on `workspace` with this file dialog.
fn app_with_dialog(
    workspace: std::path::PathBuf,
    dialog: ScriptedDialog,
    reviewer: &str,
) -> Harness<'static, ClaimDeskApp> {
    app_with_recovery(workspace, dialog, reviewer, None)
}

/// The app on `workspace`, keeping unsaved work for crash recovery in `recovery`.
fn app_with_recovery(
    workspace: std::path::PathBuf,
    dialog: ScriptedDialog,
    reviewer: &str,
    recovery: Option<std::path::PathBuf>,
) -> Harness<'static, ClaimDeskApp> {
    let reviewer = reviewer.to_string();
    // Tall enough that the whole claim view is on screen: clicks land where a user would
    // have scrolled to.
    let mut harness = Harness::builder()
        .with_size([1280.0, 1300.0])
        .build_eframe(move |cc| {
            let _ = cc;
            ClaimDeskApp::with_prefs(
                Prefs::default(),
                Options {
                    workspace: Some(workspace),
                    dialog: Box::new(dialog),
                    reviewer: Some(reviewer).filter(|r| !r.is_empty()),
                    recovery,
                },
            )
        });
    harness.run();
    harness
}

fn selected(h: &Harness<'_, ClaimDeskApp>) -> String {
    h.state()
        .selected()
        .map(|id| id.to_string())
        .unwrap_or_default()
}

fn status_of(h: &Harness<'_, ClaimDeskApp>, id: &str) -> String {
    let ws = h.state().session().unwrap().workspace();
    ws.get(&claimdesk::model::ClaimId::new(id).unwrap())
        .unwrap()
        .status
        .to_string()
}

/// Clicks the field labelled `label` and types `text` into it.
fn type_into(h: &mut Harness<'_, ClaimDeskApp>, label: &str, text: &str) {
    h.get_by_label(label).click();
    h.run();
    h.get_by_label(label).type_text(text);
    h.run();
}

/// A copy of the sample, the app on it, and the military-talks claim selected.
fn on_military_talks() -> (tempfile::TempDir, Harness<'static, ClaimDeskApp>) {
    let dir = sample_copy();
    let mut h = app(dir.path());
    select_military_talks(&mut h);
    (dir, h)
}

/// Selects the military-talks claim through its row in the list.
fn select_military_talks(h: &mut Harness<'_, ClaimDeskApp>) {
    // Another claim first, so that the click below really changes the selection.
    h.get_by_label_contains("established diplomatic relations in 1973")
        .click();
    h.run();
    assert_eq!(selected(h), "diplomatic-relations-1973");
    h.get_by_label_contains("is visiting Iran for talks on military cooperation")
        .click();
    h.run();
    assert_eq!(selected(h), MILITARY_TALKS);
}

#[test]
fn dispute_with_a_note_and_save_writes_status_history_and_note() {
    let (dir, mut h) = on_military_talks();
    h.get_by_label("Dispute").click();
    h.run();
    assert_eq!(status_of(&h, MILITARY_TALKS), "disputed");
    assert!(
        h.state().title().contains("unsaved"),
        "{}",
        h.state().title()
    );
    h.get_by_label_contains("Note (").click();
    h.run();
    h.get_by_label_contains("Note (")
        .type_text("The ministry's account is sourced; the report's is not.");
    h.run();
    h.key_press_modifiers(Modifiers::COMMAND, Key::S);
    h.run();
    let text = fs::read_to_string(dir.path().join(format!("{MILITARY_TALKS}.ron"))).unwrap();
    assert!(text.contains("status: \"disputed\""), "{text}");
    assert!(
        text.contains("from: \"unreviewed\"") && text.contains("to: \"disputed\""),
        "{text}"
    );
    assert!(text.contains("by: \"Test Reviewer\""), "{text}");
    assert!(
        text.contains("The ministry's account is sourced; the report's is not."),
        "{text}"
    );
    assert!(!h.state().title().contains("unsaved"));
    // Only that claim's file changed.
    let untouched = fs::read(dir.path().join("last-visit-2019.ron")).unwrap();
    assert_eq!(
        untouched,
        fs::read(Path::new(env!("CARGO_MANIFEST_DIR")).join("claims/last-visit-2019.ron")).unwrap()
    );
}

#[test]
fn undo_and_redo_with_every_shortcut() {
    let (_dir, mut h) = on_military_talks();
    h.get_by_label("Dispute").click();
    h.run();
    assert_eq!(status_of(&h, MILITARY_TALKS), "disputed");
    h.key_press_modifiers(Modifiers::COMMAND, Key::Z);
    h.run();
    assert_eq!(status_of(&h, MILITARY_TALKS), "unreviewed");
    assert!(
        !h.state().session().unwrap().has_unsaved_changes(),
        "undo back to the file's state"
    );
    h.key_press_modifiers(Modifiers::COMMAND | Modifiers::SHIFT, Key::Z);
    h.run();
    assert_eq!(status_of(&h, MILITARY_TALKS), "disputed");
    h.key_press_modifiers(Modifiers::COMMAND, Key::Z);
    h.run();
    h.key_press_modifiers(Modifiers::COMMAND, Key::Y);
    h.run();
    assert_eq!(status_of(&h, MILITARY_TALKS), "disputed");
}

#[test]
fn typing_in_a_field_is_one_undo_step() {
    let (_dir, mut h) = on_military_talks();
    let before = h
        .state()
        .session()
        .unwrap()
        .workspace()
        .get(&claimdesk::model::ClaimId::new(MILITARY_TALKS).unwrap())
        .unwrap()
        .claimant
        .clone();
    type_into(&mut h, "Claimant", " and wire copy");
    let claimant = |h: &Harness<'_, ClaimDeskApp>| {
        h.state()
            .session()
            .unwrap()
            .workspace()
            .get(&claimdesk::model::ClaimId::new(MILITARY_TALKS).unwrap())
            .unwrap()
            .claimant
            .clone()
    };
    assert_eq!(claimant(&h), format!("{before} and wire copy"));
    h.key_press_modifiers(Modifiers::COMMAND, Key::Z);
    h.run();
    assert_eq!(claimant(&h), before);
}

#[test]
fn closing_with_unsaved_changes_asks_first() {
    let (dir, mut h) = on_military_talks();
    h.get_by_label("Confirm").click();
    h.run();
    h.input_mut()
        .viewports
        .entry(egui::ViewportId::ROOT)
        .or_default()
        .events
        .push(egui::ViewportEvent::Close);
    h.run();
    h.get_by_label("Save your changes?");
    // It says which claims.
    h.get_by_label("1 claim(s) have changes that are not saved yet:");
    h.get_by_label_contains(&format!("{MILITARY_TALKS}: A North Korean delegation"));
    h.get_by_label("Cancel").click();
    h.run();
    assert!(h.query_by_label("Save your changes?").is_none());
    // Asked again, Save writes the file.
    h.input_mut()
        .viewports
        .entry(egui::ViewportId::ROOT)
        .or_default()
        .events
        .push(egui::ViewportEvent::Close);
    h.run();
    h.get_by_label("Save").click();
    h.run();
    let text = fs::read_to_string(dir.path().join(format!("{MILITARY_TALKS}.ron"))).unwrap();
    assert!(text.contains("status: \"confirmed\""));
}

#[test]
fn a_link_click_goes_to_the_other_claim() {
    let (_dir, mut h) = on_military_talks();
    h.get_by_label_contains("Contradicted by: Iranian foreign ministry spokesperson")
        .click();
    h.run();
    assert_eq!(selected(&h), "ministry-denies-military-talks");
    // And back, from the other side of the same link.
    h.get_by_label_contains("Contradicts: News report").click();
    h.run();
    assert_eq!(selected(&h), MILITARY_TALKS);
}

#[test]
fn search_narrows_the_list() {
    let dir = sample_copy();
    let mut h = app(dir.path());
    let all = h.state().list().rows().len();
    assert_eq!(all, 14);
    type_into(&mut h, "Search", "zhao");
    assert_eq!(h.state().list().rows().len(), 1);
    // The claim still open on the right says that the list hides it.
    h.get_by_label("This claim is hidden by the list's search or filters.");
    assert!(
        h.query_by_label_contains("established diplomatic relations in 1973")
            .is_none()
    );
    h.get_by_label_contains("hosted Zhao Leji");
    // Notes are searched too.
    for _ in 0.."zhao".len() {
        h.key_press(Key::Backspace);
    }
    h.run();
    assert_eq!(
        h.state().list().rows().len(),
        14,
        "an empty search shows all"
    );
    h.get_by_label("Search").type_text("exhibitor");
    h.run();
    assert_eq!(
        h.state().list().rows(),
        [claimdesk::model::ClaimId::new("ministry-denies-military-talks").unwrap()]
    );
}

#[test]
fn a_broken_file_is_listed_and_never_written() {
    let dir = sample_copy();
    let broken = dir.path().join("broken-claim.ron");
    let bytes =
        b"(\n    version: 2,\n    claim: (\n        id: \"broken-claim\",\n        text: 42,\n";
    fs::write(&broken, bytes).unwrap();
    let mut h = app(dir.path());
    // A row in the list, and its place in the Problems panel.
    h.get_by_label_contains("Does not load: broken-claim.ron:5:");
    assert_eq!(
        h.query_all_by_label_contains("broken-claim.ron:5:").count(),
        2
    );
    assert_eq!(h.state().list().rows().len(), 14, "the rest loaded");
    select_military_talks(&mut h);
    h.get_by_label("Dispute").click();
    h.run();
    h.key_press_modifiers(Modifiers::COMMAND, Key::S);
    h.run();
    assert!(
        fs::read_to_string(dir.path().join(format!("{MILITARY_TALKS}.ron")))
            .unwrap()
            .contains("disputed")
    );
    assert_eq!(fs::read(&broken).unwrap(), bytes);
}

/// Sets the military-talks claim's status with `button` and lets "someone else" change its
/// file with `theirs`. Returns the file's path and their content.
fn change_here_and_on_disk(
    h: &mut Harness<'_, ClaimDeskApp>,
    dir: &Path,
    button: &str,
    theirs: impl Fn(&str) -> String,
) -> (std::path::PathBuf, String) {
    select_military_talks(h);
    h.get_by_label(button).click();
    h.run();
    let path = dir.join(format!("{MILITARY_TALKS}.ron"));
    let theirs = theirs(&fs::read_to_string(&path).unwrap());
    fs::write(&path, &theirs).unwrap();
    (path, theirs)
}

/// [`change_here_and_on_disk`], then Ctrl+S.
fn save_over_a_change(
    h: &mut Harness<'_, ClaimDeskApp>,
    dir: &Path,
    button: &str,
    theirs: impl Fn(&str) -> String,
) -> (std::path::PathBuf, String) {
    let changed = change_here_and_on_disk(h, dir, button, theirs);
    h.key_press_modifiers(Modifiers::COMMAND, Key::S);
    h.run();
    changed
}

#[test]
fn a_save_over_a_changed_file_merges_what_each_side_changed() {
    let dir = sample_copy();
    let mut h = app(dir.path());
    let (path, _) = save_over_a_change(&mut h, dir.path(), "Mark false", |text| {
        text.replace("military cooperation.", "military cooperation (edited).")
    });
    let text = fs::read_to_string(&path).unwrap();
    assert!(text.contains("status: \"false\""), "my verdict");
    assert!(text.contains("(edited)"), "their text");
    assert!(h.query_by_label("Changed here and on disk").is_none());
    assert!(
        h.state()
            .message()
            .is_some_and(|m| m.contains("merged with changes made on disk meanwhile"))
    );
}

#[test]
fn a_field_changed_on_both_sides_is_chosen_before_anything_is_written() {
    let dir = sample_copy();
    let mut h = app(dir.path());
    let (path, theirs) = save_over_a_change(&mut h, dir.path(), "Dispute", |text| {
        text.replace("status: \"unreviewed\"", "status: \"false\"")
            .replace("military cooperation.", "military cooperation (edited).")
    });
    h.get_by_label("Changed here and on disk");
    assert_eq!(
        fs::read_to_string(&path).unwrap(),
        theirs,
        "nothing written"
    );
    assert!(
        h.get_by_label("Save").accesskit_node().is_disabled(),
        "a field is not chosen yet"
    );
    h.get_by_label("Take their status").click();
    h.run();
    assert_eq!(status_of(&h, MILITARY_TALKS), "false");
    h.get_by_label("Save").click();
    h.run();
    let text = fs::read_to_string(&path).unwrap();
    assert!(text.contains("status: \"false\"") && text.contains("(edited)"));
    assert!(!text.contains("conflict"));

    // Undo of the choice brings both values back; the next save asks again rather than
    // write either without a choice.
    h.key_press_modifiers(Modifiers::COMMAND, Key::Z);
    h.run();
    assert_eq!(status_of(&h, MILITARY_TALKS), "disputed");
    h.key_press_modifiers(Modifiers::COMMAND, Key::S);
    h.run();
    h.get_by_label("Changed here and on disk");
    h.get_by_label("Keep my status").click();
    h.run();
    h.get_by_label("Save").click();
    h.run();
    let text = fs::read_to_string(&path).unwrap();
    assert!(text.contains("status: \"disputed\"") && text.contains("(edited)"));
}

#[test]
fn a_claim_deleted_on_disk_is_kept_only_when_asked() {
    let dir = sample_copy();
    let mut h = app(dir.path());
    select_military_talks(&mut h);
    h.get_by_label("Dispute").click();
    h.run();
    let path = dir.path().join(format!("{MILITARY_TALKS}.ron"));
    fs::remove_file(&path).unwrap();
    h.key_press_modifiers(Modifiers::COMMAND, Key::S);
    h.run();
    h.get_by_label("Changed on disk");
    assert!(!path.exists(), "nothing written");
    h.get_by_label("Keep mine").click();
    h.run();
    assert!(
        fs::read_to_string(&path)
            .unwrap()
            .contains("status: \"disputed\"")
    );
}

#[test]
fn arrow_keys_move_the_selection() {
    let dir = sample_copy();
    let mut h = app(dir.path());
    let rows = h.state().list().rows().to_vec();
    assert_eq!(selected(&h), rows[0].to_string());
    h.key_press(Key::ArrowDown);
    h.run();
    assert_eq!(selected(&h), rows[1].to_string());
    h.key_press(Key::ArrowUp);
    h.run();
    assert_eq!(selected(&h), rows[0].to_string());
}

#[test]
fn status_shortcuts_follow_the_vocabulary() {
    let (_dir, mut h) = on_military_talks();
    h.key_press_modifiers(Modifiers::COMMAND, Key::Num2);
    h.run();
    assert_eq!(status_of(&h, MILITARY_TALKS), "disputed");
    h.key_press_modifiers(Modifiers::COMMAND, Key::Num0);
    h.run();
    assert_eq!(status_of(&h, MILITARY_TALKS), "unreviewed");
    // Not while writing: a slip of Ctrl+2 in the claim text gives no verdict.
    h.get_by_label("Claim").click();
    h.run();
    h.key_press_modifiers(Modifiers::COMMAND, Key::Num2);
    h.run();
    assert_eq!(status_of(&h, MILITARY_TALKS), "unreviewed");
}

#[test]
fn a_relabelled_status_is_named_by_its_new_word_in_buttons_and_commands() {
    let dir = sample_copy();
    let manifest = dir.path().join("workspace.ron");
    let text = fs::read_to_string(&manifest)
        .unwrap()
        .replace("label: \"False\"", "label: \"Wrong\"");
    fs::write(&manifest, text).unwrap();
    let mut h = app(dir.path());
    assert_eq!(
        h.query_all_by_label("Mark wrong").count(),
        1,
        "the review bar"
    );
    assert!(h.query_by_label("Mark false").is_none());
    h.key_press_modifiers(Modifiers::COMMAND | Modifiers::SHIFT, Key::P);
    h.run();
    h.get_by_label("Find a command").type_text("mark");
    h.run();
    assert_eq!(
        h.query_all_by_label("Mark wrong").count(),
        2,
        "and the palette"
    );
    assert!(h.query_by_label("Mark false").is_none());
}

#[test]
fn a_new_claim_is_created_from_the_dialog_and_saved() {
    let dir = sample_copy();
    let mut h = app(dir.path());
    h.key_press_modifiers(Modifiers::COMMAND, Key::N);
    h.run();
    type_into(
        &mut h,
        "What is claimed",
        "The delegation signed a trade memorandum.",
    );
    type_into(&mut h, "Who claims it", "State news agency");
    type_into(&mut h, "Publication date", "2024-04-24");
    h.get_by_label("Create claim").click();
    h.run();
    assert_eq!(selected(&h), "the-delegation-signed-a-trade-memorandum");
    assert_eq!(h.state().list().rows().len(), 15);
    h.key_press_modifiers(Modifiers::COMMAND, Key::S);
    h.run();
    let text = fs::read_to_string(
        dir.path()
            .join("the-delegation-signed-a-trade-memorandum.ron"),
    )
    .unwrap();
    assert!(
        text.contains("claimant: \"State news agency\"") && text.contains("date: \"2024-04-24\""),
        "{text}"
    );
}

#[test]
fn delete_asks_first_and_undo_brings_the_claim_and_its_links_back() {
    let (_dir, mut h) = on_military_talks();
    h.get_by_label("Delete claim…").click();
    h.run();
    h.get_by_label_contains("link(s) from other claims");
    h.get_by_label("Delete").click();
    h.run();
    assert_eq!(h.state().list().rows().len(), 13);
    assert_eq!(
        selected(&h),
        "diplomatic-relations-1973",
        "the next row is selected"
    );
    h.key_press_modifiers(Modifiers::COMMAND, Key::Z);
    h.run();
    assert_eq!(h.state().list().rows().len(), 14);
    let ws = h.state().session().unwrap().workspace();
    let id = claimdesk::model::ClaimId::new(MILITARY_TALKS).unwrap();
    assert_eq!(ws.incoming(&id).len(), 1, "the ministry's link is back");
    assert!(!h.state().session().unwrap().has_unsaved_changes());
    assert_eq!(
        selected(&h),
        MILITARY_TALKS,
        "the claim brought back is shown"
    );
}

#[test]
fn a_link_is_added_by_picking_the_other_claim() {
    let dir = sample_copy();
    let mut h = app(dir.path());
    h.get_by_label_contains("established diplomatic relations in 1973")
        .click();
    h.run();
    h.key_press_modifiers(Modifiers::COMMAND, Key::L);
    h.run();
    type_into(&mut h, "Find the other claim", "missile parts");
    h.get_by_label_contains("News report (Momen Zellmi) — North Korea and Iran are suspected")
        .click();
    h.run();
    h.get_by_label("Link").click();
    h.run();
    h.get_by_label_contains(
        "Contradicts: News report (Momen Zellmi) [Unverifiable] — North Korea and Iran are suspected",
    );
    let ws = h.state().session().unwrap().workspace();
    let target = claimdesk::model::ClaimId::new("missile-parts-iran-iraq-war").unwrap();
    assert_eq!(
        ws.incoming(&target)[0].from.as_str(),
        "diplomatic-relations-1973"
    );
}

#[test]
fn tags_and_evidence_are_added_and_removed() {
    let (_dir, mut h) = on_military_talks();
    type_into(&mut h, "Add a tag", "needs-source");
    h.key_press(Key::Enter);
    h.run();
    let claim = |h: &Harness<'_, ClaimDeskApp>| {
        let id = claimdesk::model::ClaimId::new(MILITARY_TALKS).unwrap();
        h.state()
            .session()
            .unwrap()
            .workspace()
            .get(&id)
            .unwrap()
            .clone()
    };
    assert!(claim(&h).tags.contains(&"needs-source".into()));
    h.get_by_label("needs-source ×").click();
    h.run();
    assert!(!claim(&h).tags.contains(&"needs-source".into()));

    h.get_by_label("Add evidence").click();
    h.run();
    h.get_by_label("Refutes the claim").click();
    type_into(&mut h, "Evidence title", "Tehran fair exhibitor list");
    let add = h.get_all_by_label("Add evidence").last().unwrap();
    add.click();
    h.run();
    let e = claim(&h).evidence.last().unwrap().clone();
    assert_eq!(
        (e.title.as_ref(), e.stance, e.added_by.as_str()),
        (
            "Tehran fair exhibitor list",
            claimdesk::model::Stance::Refutes,
            "Test Reviewer"
        )
    );
}

#[test]
fn the_welcome_screen_opens_a_folder_from_the_dialog() {
    let dir = sample_copy();
    let answer = dir.path().to_path_buf();
    let mut h = app_with(
        std::path::PathBuf::from("/nonexistent/workspace"),
        vec![vec![answer]],
        "t",
    );
    assert!(h.state().session().is_none());
    assert!(
        h.get_all_by_label_contains("not a claimdesk workspace")
            .count()
            >= 1
    );
    h.get_by_label("Open workspace…").click();
    h.run();
    assert_eq!(h.state().session().unwrap().workspace().len(), 14);
}

#[test]
fn the_command_palette_lists_commands_with_their_shortcuts() {
    let dir = sample_copy();
    let mut h = app(dir.path());
    h.key_press_modifiers(Modifiers::COMMAND | Modifiers::SHIFT, Key::P);
    h.run();
    h.get_by_label("Find a command").type_text("undo");
    h.run();
    h.get_by_label("Undo");
    assert!(
        h.query_by_label("Save").is_none(),
        "the search narrows the list"
    );
}

#[test]
fn a_link_can_be_removed_from_either_side_and_restored() {
    let (_dir, mut h) = on_military_talks();
    h.get_by_label("Remove link: Contradicted by").click();
    h.run();
    let ministry = claimdesk::model::ClaimId::new("ministry-denies-military-talks").unwrap();
    let links = |h: &Harness<'_, ClaimDeskApp>| {
        h.state()
            .session()
            .unwrap()
            .workspace()
            .get(&ministry)
            .unwrap()
            .relations
            .len()
    };
    assert_eq!(links(&h), 1, "the ministry claim kept only its other link");
    assert_eq!(selected(&h), MILITARY_TALKS, "removing does not navigate");
    h.key_press_modifiers(Modifiers::COMMAND, Key::Z);
    h.run();
    assert_eq!(links(&h), 2);
}

/// Two reviewers' files with one disagreement: imported through the (scripted) file dialog,
/// the agreement shown, the agreed verdict applied, the disagreement resolved with one click,
/// and everything saved.
#[test]
fn review_files_are_imported_compared_resolved_and_saved() {
    use claimdesk::edit::{Edit, apply};
    use claimdesk::export::review;
    use claimdesk::model::{ClaimId, Status};
    let dir = sample_copy();
    let files = tempfile::tempdir().unwrap();
    let mut paths = Vec::new();
    for (who, visit) in [("ana", "confirmed"), ("bilal", "unverifiable")] {
        let (_, mut ws) = claimdesk::store::Folder::open(dir.path()).unwrap();
        for (claim, status) in [(MILITARY_TALKS, "disputed"), ("last-visit-2019", visit)] {
            let edit = Edit::SetStatus {
                id: ClaimId::new(claim).unwrap(),
                status: Status::new(status),
                by: who.into(),
                time: "2024-05-01T10:00:00Z".parse().unwrap(),
                reason: String::new(),
            };
            apply(&mut ws, edit).unwrap();
        }
        let path = files.path().join(format!("{who}.ron"));
        fs::write(&path, review::encode(&review::export(&ws, who, &[]))).unwrap();
        paths.push(path);
    }
    let workspace = dir.path().to_path_buf();
    let mut h = app_with(workspace, vec![paths], "Desk Editor");
    h.get_by_label("Reviews").click();
    h.run();
    h.get_by_label("Import review files…").click();
    h.run();
    h.get_by_label_contains("Reviewers: ana, bilal");
    h.get_by_label_contains("Cohen's kappa");
    h.get_by_label("Disagreements to resolve: 1");
    h.get_by_label("Apply agreed verdicts (1)").click();
    h.run();
    assert_eq!(status_of(&h, MILITARY_TALKS), "disputed");
    h.get_by_label("Use Unverifiable (bilal)").click();
    h.run();
    assert_eq!(status_of(&h, "last-visit-2019"), "unverifiable");
    h.get_by_label("Disagreements to resolve: 0");
    // The resolution is an ordinary edit: undo puts the disagreement back in the queue.
    h.key_press_modifiers(Modifiers::COMMAND, Key::Z);
    h.run();
    h.get_by_label("Disagreements to resolve: 1");
    h.key_press_modifiers(Modifiers::COMMAND | Modifiers::SHIFT, Key::Z);
    h.run();
    h.key_press_modifiers(Modifiers::COMMAND, Key::S);
    h.run();
    let visit = fs::read_to_string(dir.path().join("last-visit-2019.ron")).unwrap();
    assert!(
        visit.contains("status: \"unverifiable\"")
            && visit
                .contains("resolved a review disagreement (ana: Confirmed; bilal: Unverifiable)"),
        "{visit}"
    );
    assert!(visit.contains("by: \"Desk Editor\""));
    let talks = fs::read_to_string(dir.path().join(format!("{MILITARY_TALKS}.ron"))).unwrap();
    assert!(talks.contains("review by ana, bilal"), "{talks}");
}

#[test]
fn blind_review_hides_the_others_verdicts() {
    use claimdesk::export::review;
    let dir = sample_copy();
    let files = tempfile::tempdir().unwrap();
    let (_, ws) = claimdesk::store::Folder::open(dir.path()).unwrap();
    let path = files.path().join("ana.ron");
    let ana = review::export(&ws, "Ana Ferreira", &[]);
    assert!(
        ana.reviews.len() >= 3,
        "the sample holds Ana's verdicts and notes"
    );
    fs::write(&path, review::encode(&ana)).unwrap();
    let workspace = dir.path().to_path_buf();
    let mut h = app_with(workspace, vec![vec![path]], "Desk Editor");
    h.get_by_label("Reviews").click();
    h.run();
    h.get_by_label("Import review files…").click();
    h.run();
    assert!(h.query_all_by_label("hidden").next().is_none());
    h.get_by_label_contains("Blind").click();
    h.run();
    assert!(
        h.query_all_by_label("hidden").count() >= 3,
        "verdicts are hidden until the reviewer sets theirs"
    );
}

#[test]
fn claimreview_is_exported_from_the_file_menu() {
    let dir = sample_copy();
    let out = tempfile::tempdir().unwrap();
    let target = out.path().join("claimreview.json");
    let answer = target.clone();
    let workspace = dir.path().to_path_buf();
    let mut h = app_with(workspace, vec![vec![answer]], "t");
    h.get_by_label("File").click();
    h.run();
    h.get_by_label("Export ClaimReview JSON-LD…").click();
    h.run();
    type_into(
        &mut h,
        "Where the desk publishes its fact-checks",
        "https://desk.example.org/checks",
    );
    h.get_by_label("Choose the file…").click();
    h.run();
    let json: serde_json::Value =
        serde_json::from_str(&fs::read_to_string(&target).unwrap()).unwrap();
    let reviews = json.as_array().unwrap();
    assert_eq!(
        reviews.len(),
        5,
        "the signed-off verdicts of the sample (a sixth waits for sign-off)"
    );
    assert!(
        h.state()
            .notifications()
            .iter()
            .any(|n| n.text.contains("1 verdict(s) wait for sign-off")),
        "the window says what was held back"
    );
    assert!(reviews.iter().all(|r| {
        r["url"]
            .as_str()
            .unwrap()
            .starts_with("https://desk.example.org/checks#")
    }));
}

#[test]
fn a_claim_made_from_a_selection_in_the_document_is_highlighted() {
    let dir = sample_copy();
    let mut h = app(dir.path());
    h.get_by_label("Documents").click();
    h.run();
    assert_eq!(
        h.state().document_highlights().len(),
        14,
        "every sample claim is anchored"
    );
    // Select the heading line: into the text, up to its first line, then Home and Shift+End.
    h.get_by_label("Document text").click();
    h.run();
    for _ in 0..40 {
        h.key_press(Key::ArrowUp);
    }
    h.key_press(Key::Home);
    h.run();
    h.key_press_modifiers(Modifiers::SHIFT, Key::End);
    h.run();
    h.get_by_label("New claim from selection").click();
    h.run();
    // The headline says who denies: the form suggests it.
    assert_eq!(
        h.get_by_label("Who claims it").value().as_deref(),
        Some("Iran")
    );
    h.get_by_label("Create claim").click();
    h.run();
    let id = selected(&h);
    let claim = h
        .state()
        .session()
        .unwrap()
        .workspace()
        .get(&claimdesk::model::ClaimId::new(&id).unwrap())
        .unwrap()
        .clone();
    // The heading is shown without its "# ", and the quote is the words the reader selected.
    assert_eq!(
        &*claim.text,
        "Iran denies North Korean visit was about military cooperation"
    );
    let anchor = claim.anchor.expect("the claim is anchored");
    assert_eq!(
        (anchor.document.as_str(), anchor.quote.start),
        ("report", 2)
    );
    assert_eq!(
        claim.source.outlet, "News report by Momen Zellmi",
        "the source comes from the document"
    );
    assert_eq!(
        &*claim.source.title,
        "Iran Denies North Korean Visit Amid Military Cooperation Concerns"
    );
    assert_eq!(claim.claimant, "Iran");
    h.get_by_label("Documents").click();
    h.run();
    let highlights = h.state().document_highlights();
    assert_eq!(highlights.len(), 15);
    assert!(
        highlights
            .iter()
            .any(|hl| hl.claim.as_str() == id && hl.start == 2),
        "the new claim is highlighted"
    );
    h.key_press_modifiers(Modifiers::COMMAND, Key::S);
    h.run();
    let saved = fs::read_to_string(dir.path().join(format!("{id}.ron"))).unwrap();
    assert!(saved.contains("document: \"report\""), "{saved}");
}

/// The row of the document's text that starts with `words`.
fn text_row(h: &Harness<'_, ClaimDeskApp>, words: &str) -> egui::Rect {
    let words = words.to_string();
    h.get_by(move |n| {
        n.role() == egui::accesskit::Role::TextRun
            && n.value().is_some_and(|v| v.starts_with(words.as_str()))
    })
    .rect()
}

/// A click at `at`, as a user's: move there, press, release.
fn click_at(h: &mut Harness<'_, ClaimDeskApp>, at: egui::Pos2) {
    h.hover_at(at);
    h.run();
    for pressed in [true, false] {
        h.event(egui::Event::PointerButton {
            pos: at,
            button: egui::PointerButton::Primary,
            pressed,
            modifiers: Modifiers::default(),
        });
    }
    h.run();
}

#[test]
fn a_click_on_a_highlight_opens_its_claim_beside_the_document() {
    let dir = sample_copy();
    let mut h = app(dir.path());
    h.get_by_label("Documents").click();
    h.run();
    assert!(
        h.query_by_label("Claim diplomatic-relations-1973")
            .is_none()
    );
    // The words open the paragraph, and are the quote of diplomatic-relations-1973.
    let row = text_row(&h, "The two countries have had diplomatic relations");
    click_at(&mut h, egui::pos2(row.left() + 30.0, row.center().y));
    h.run();
    assert_eq!(selected(&h), "diplomatic-relations-1973");
    assert_eq!(h.state().view(), claimdesk::app::View::Documents);
    h.get_by_label("Claim diplomatic-relations-1973");
    h.get_by_label("Document text");
    let beside = text_row(&h, "The two countries have had diplomatic relations");
    assert!(
        beside.right() < h.get_by_label("Close claim").rect().left(),
        "the document stays on the left, the claim is on its right"
    );
    h.get_by_label("Close claim").click();
    h.run();
    assert!(
        h.query_by_label("Claim diplomatic-relations-1973")
            .is_none()
    );
    h.get_by_label("Document text");
}

/// The rows of text that start at `left` (the document's margin) between `top` and `bottom`,
/// top first.
fn rows_between(
    h: &Harness<'_, ClaimDeskApp>,
    left: f32,
    top: f32,
    bottom: f32,
) -> Vec<(f32, String)> {
    let mut rows: Vec<(f32, String)> = h
        .query_all_by(|n| n.role() == egui::accesskit::Role::TextRun)
        .map(|n| (n.rect(), n.value().unwrap_or_default()))
        .filter(|(r, _)| (r.left() - left).abs() < 2.0 && r.top() >= top - 1.0 && r.top() < bottom)
        .map(|(r, v)| (r.top(), v))
        .collect();
    rows.sort_by(|a, b| a.0.total_cmp(&b.0));
    rows
}

#[test]
fn the_claim_opened_beside_the_document_keeps_the_reading_place() {
    let dir = sample_copy();
    let mut h = app(dir.path());
    h.set_size(egui::vec2(1024.0, 640.0));
    h.run();
    h.get_by_label("Documents").click();
    h.run();
    // Read down to the end: the wheel over the text.
    let first = text_row(&h, "A North Korean delegation headed by");
    h.hover_at(first.center());
    h.run();
    h.event(egui::Event::MouseWheel {
        unit: egui::MouseWheelUnit::Point,
        delta: egui::vec2(0.0, -3000.0),
        phase: egui::TouchPhase::Move,
        source: egui::MouseWheelSource::Wheel,
        modifiers: Modifiers::default(),
    });
    // The wheel scrolls smoothly, over several frames.
    h.run_steps(30);
    let top = h.get_by_label("New claim from selection").rect().bottom();
    let bottom = h
        .get_by_label_contains("Check-worthy, and no claim yet")
        .rect()
        .top();
    let left = first.left();
    let rows_between = |h: &Harness<'_, ClaimDeskApp>| rows_between(h, left, top, bottom);
    let before = rows_between(&h);
    assert!(
        !before.iter().any(|(_, r)| r.starts_with("Iran denies")),
        "scrolled past the headline: {before:?}"
    );
    let (_, top_row) = before.first().cloned().expect("rows are shown");
    let words: String = top_row
        .split_whitespace()
        .take(3)
        .collect::<Vec<_>>()
        .join(" ");
    // The quote of kim-yo-jong-military-muscle starts in this row and runs past its end.
    let row = rows_between(&h)
        .into_iter()
        .find(|(_, r)| r.contains("We will never"))
        .expect("the last paragraph is shown");
    assert!(!row.1.contains("muscle"), "{row:?}");
    let rect = text_row(&h, &row.1);
    click_at(&mut h, egui::pos2(rect.right() - 15.0, rect.center().y));
    // The wheel scrolls smoothly, over several frames.
    h.run_steps(30);
    h.get_by_label("Claim kim-yo-jong-military-muscle");
    // The text wraps anew in the narrower column: the words that were at the top are still
    // in the first rows.
    let after = rows_between(&h);
    let first_rows = after
        .iter()
        .take(3)
        .map(|(_, r)| r.trim_end())
        .collect::<Vec<_>>()
        .join(" ");
    assert!(
        first_rows.contains(&words),
        "{words:?} was at the top, and is not now: {after:?}"
    );
}

#[test]
fn markdown_headings_are_shown_without_their_marks_and_quotes_stay_highlighted() {
    let dir = sample_copy();
    let mut h = app(dir.path());
    h.get_by_label("Documents").click();
    h.run();
    // The report opens with "# Iran denies …" and an italic line in "*…*".
    text_row(
        &h,
        "Iran denies North Korean visit was about military cooperation",
    );
    text_row(&h, "A retelling of an April 2024 news report");
    assert!(
        h.query_by(|n| n.role() == egui::accesskit::Role::TextRun
            && n.value().is_some_and(|v| v.starts_with(['#', '*'])))
            .is_none(),
        "no heading or emphasis keeps its marks"
    );
    let shown: Vec<char> = h
        .get_by_label("Document text")
        .value()
        .unwrap()
        .chars()
        .collect();
    let highlights = h.state().document_highlights();
    assert_eq!(highlights.len(), 14);
    let ws = h.state().session().unwrap().workspace();
    for hl in highlights {
        let claim = ws.get(&hl.claim).unwrap();
        let quote = &claim.anchor.as_ref().unwrap().quote.exact;
        let (start, end) = hl.shown;
        assert_eq!(&shown[start..end].iter().collect::<String>(), quote);
        // The marks before the quote are in the file, not on screen.
        assert!(start < hl.start, "{}", hl.claim);
    }
}

#[test]
fn the_claim_view_links_to_its_quote_in_the_document() {
    let (_dir, mut h) = on_military_talks();
    assert_eq!(h.state().view(), claimdesk::app::View::Claims);
    h.get_by_label("Quote in sources/report (exact): show the document")
        .click();
    h.run();
    assert_eq!(h.state().view(), claimdesk::app::View::Documents);
    assert!(
        h.state()
            .document_highlights()
            .iter()
            .any(|hl| hl.claim.as_str() == MILITARY_TALKS)
    );
}

/// One empty note in a reviewer's file makes the whole batch fail: the window says so, and
/// applies nothing.
#[test]
fn a_failed_apply_of_agreed_verdicts_is_shown_as_a_failure() {
    use claimdesk::edit::{Edit, apply};
    use claimdesk::export::review;
    use claimdesk::model::{ClaimId, Note, Status};
    let dir = sample_copy();
    let files = tempfile::tempdir().unwrap();
    let (_, mut ws) = claimdesk::store::Folder::open(dir.path()).unwrap();
    let id = ClaimId::new(MILITARY_TALKS).unwrap();
    let time = "2024-05-01T10:00:00Z".parse().unwrap();
    let edit = Edit::Batch(vec![
        Edit::SetStatus {
            id: id.clone(),
            status: Status::new("disputed"),
            by: "ana".into(),
            time,
            reason: String::new(),
        },
        Edit::AddNote {
            id,
            note: Note {
                author: "ana".into(),
                time,
                text: "fine".into(),
            },
        },
    ]);
    apply(&mut ws, edit).unwrap();
    let text = review::encode(&review::export(&ws, "ana", &[]));
    let path = files.path().join("ana.ron");
    fs::write(&path, text.replace("text: \"fine\"", "text: \" \"")).unwrap();

    let mut h = app_with(dir.path().to_path_buf(), vec![vec![path]], "Desk Editor");
    h.get_by_label("Reviews").click();
    h.run();
    h.get_by_label("Import review files…").click();
    h.run();
    h.get_by_label("Apply agreed verdicts (1)").click();
    h.run();
    h.get_by_label_contains("Nothing applied: a note cannot be empty");
    assert!(h.query_by_label_contains("Applied 1").is_none());
    assert_eq!(status_of(&h, MILITARY_TALKS), "unreviewed");
    // The log keeps the failure after later messages.
    h.key_press_modifiers(Modifiers::COMMAND, Key::S);
    h.run();
    h.get_by_label("Messages (1 new)").click();
    h.run();
    assert!(
        h.query_all_by_label_contains("Nothing to save").count() >= 2,
        "status bar and log"
    );
    h.get_by_label_contains("Nothing applied: a note cannot be empty");
}

/// Where no native dialog can be shown, the window says so and takes a typed path instead.
#[test]
fn without_a_native_dialog_a_path_field_does_the_export() {
    use claimdesk::app::Answer;
    let dir = sample_copy();
    let out = tempfile::tempdir().unwrap();
    let mut dialog = ScriptedDialog::default();
    dialog.answers.push_back(Answer::Unavailable);
    let mut h = app_with_dialog(dir.path().to_path_buf(), dialog, "Desk Editor");
    h.get_by_label("File").click();
    h.run();
    h.get_by_label("Export CSV table…").click();
    h.run();
    h.get_by_label_contains("No file dialog could be shown on this desktop");
    let target = out.path().join("claims.csv");
    // The field starts with the proposed name; replace it with a whole path.
    h.get_by_label("Path of the file to write").click();
    h.run();
    h.key_press_modifiers(Modifiers::COMMAND, Key::A);
    h.get_by_label("Path of the file to write")
        .type_text(target.to_str().unwrap());
    h.run();
    h.get_by_label("OK").click();
    h.run();
    let csv = fs::read_to_string(&target).unwrap();
    assert!(csv.contains(MILITARY_TALKS), "{csv}");
    h.get_by_label_contains("Exported the CSV table to");
}

/// With no name from anywhere, the first verdict asks for one, then is given.
#[test]
fn the_first_verdict_asks_for_a_name_when_there_is_none() {
    let dir = sample_copy();
    let mut h = app_with(dir.path().to_path_buf(), Vec::new(), "");
    select_military_talks(&mut h);
    h.get_by_label("Dispute").click();
    h.run();
    assert_eq!(status_of(&h, MILITARY_TALKS), "unreviewed");
    type_into(&mut h, "Your name", "Dana Reviewer");
    h.get_by_label("Use this name").click();
    h.run();
    assert_eq!(status_of(&h, MILITARY_TALKS), "disputed");
    let ws = h.state().session().unwrap().workspace();
    let claim = ws
        .get(&claimdesk::model::ClaimId::new(MILITARY_TALKS).unwrap())
        .unwrap();
    assert_eq!(claim.history.last().unwrap().by, "Dana Reviewer");
    assert_eq!(
        h.state().reviewer().map(|r| r.name()),
        Some("Dana Reviewer")
    );
}

/// A claim a git merge left in conflict shows both values, and one click settles the field.
#[test]
fn a_merge_conflict_is_settled_with_one_click() {
    use claimdesk::model::MergeConflict;
    use claimdesk::model::merge::Field;
    let dir = sample_copy();
    let path = dir.path().join(format!("{MILITARY_TALKS}.ron"));
    let mut claim = claimdesk::store::decode_claim(&path, &fs::read(&path).unwrap())
        .unwrap()
        .value;
    let mut theirs = claim.clone();
    theirs.text = "Their wording of the claim.".into();
    claim.conflict = Some(Box::new(MergeConflict {
        fields: vec![Field::Text],
        theirs,
    }));
    fs::write(&path, claimdesk::store::encode_claim(&claim)).unwrap();
    let mut h = app(dir.path());
    select_military_talks(&mut h);
    h.get_by_label("Their wording of the claim.");
    h.get_by_label("Take theirs (text)").click();
    h.run();
    let ws = h.state().session().unwrap().workspace();
    let c = ws
        .get(&claimdesk::model::ClaimId::new(MILITARY_TALKS).unwrap())
        .unwrap();
    assert_eq!(&*c.text, "Their wording of the claim.");
    assert!(c.conflict.is_none());
    assert!(h.query_by_label_contains("Merge conflict").is_none());
}

/// Runs frames until `done` holds, for up to five seconds of real time: the window takes in
/// files changed on disk once the folder has been quiet for a moment.
fn run_until(h: &mut Harness<'_, ClaimDeskApp>, done: impl Fn(&ClaimDeskApp) -> bool) -> bool {
    let start = std::time::Instant::now();
    while start.elapsed() < std::time::Duration::from_secs(5) {
        // Not settling is no failure here: a folder being watched or a fetch under way keeps
        // asking for frames, which is what this waits through.
        let _ = h.run_ok();
        if done(h.state()) {
            // One more frame draws what the last one took in.
            let _ = h.run_ok();
            return true;
        }
        std::thread::sleep(std::time::Duration::from_millis(50));
    }
    false
}

fn text_of(app: &ClaimDeskApp, id: &str) -> Option<String> {
    let ws = app.session()?.workspace();
    Some(
        ws.get(&claimdesk::model::ClaimId::new(id).unwrap())?
            .text
            .to_string(),
    )
}

#[test]
fn files_changed_on_disk_are_taken_in_while_the_window_runs() {
    let dir = sample_copy();
    let mut h = app(dir.path());
    select_military_talks(&mut h);
    let path = dir.path().join(format!("{MILITARY_TALKS}.ron"));
    let theirs = fs::read_to_string(&path)
        .unwrap()
        .replace("military cooperation.", "military cooperation (pulled).");
    fs::write(&path, theirs).unwrap();
    fs::remove_file(dir.path().join("last-visit-2019.ron")).unwrap();
    assert!(
        run_until(&mut h, |app| {
            text_of(app, MILITARY_TALKS).is_some_and(|t| t.contains("(pulled)"))
                && text_of(app, "last-visit-2019").is_none()
        }),
        "taken in within five seconds"
    );
    assert_eq!(selected(&h), MILITARY_TALKS, "the selection stays");
    // The claim view shows it too: its text field holds their text.
    let text = text_of(h.state(), MILITARY_TALKS).unwrap();
    h.get_by_value(&text);
    assert!(!h.state().session().unwrap().has_unsaved_changes());
    let messages: Vec<&str> = h
        .state()
        .notifications()
        .iter()
        .map(|n| n.text.as_str())
        .collect();
    assert!(
        messages
            .iter()
            .any(|m| m.contains("Reloaded from disk") && m.contains(MILITARY_TALKS)),
        "{messages:?}"
    );
    assert!(
        messages
            .iter()
            .any(|m| m.contains("Deleted on disk: last-visit-2019")),
        "{messages:?}"
    );
}

#[test]
fn a_file_broken_on_disk_keeps_a_row_and_loads_again_when_fixed() {
    let dir = sample_copy();
    let mut h = app(dir.path());
    let target = "kim-courts-us-adversaries";
    let path = dir.path().join(format!("{target}.ron"));
    let good = fs::read(&path).unwrap();
    let rows = h.state().list().rows().len();
    fs::write(
        &path,
        b"(\n    version: 2,\n    claim: (\n        id: 42,\n",
    )
    .unwrap();
    assert!(run_until(&mut h, |app| text_of(app, target).is_none()));
    h.get_by_label_contains(&format!("Does not load: {target}.ron:"));
    assert_eq!(h.state().list().rows().len(), rows - 1);
    // The link to it from another claim stays, and says why it leads nowhere.
    h.state_mut().update(claimdesk::app::Action::Select(
        claimdesk::model::ClaimId::new("kim-putin-summit-2023").unwrap(),
    ));
    h.run();
    h.get_by_label_contains(&format!("{target} (its file does not load"));
    fs::write(&path, &good).unwrap();
    assert!(run_until(&mut h, |app| text_of(app, target).is_some()));
    h.run();
    assert!(
        h.query_by_label_contains(&format!("Does not load: {target}.ron"))
            .is_none()
    );
    assert_eq!(h.state().list().rows().len(), rows);
}

#[test]
fn unsaved_changes_wait_for_the_save_to_merge_what_changed_on_disk() {
    let dir = sample_copy();
    let mut h = app(dir.path());
    let (path, _) = change_here_and_on_disk(&mut h, dir.path(), "Dispute", |text| {
        text.replace("military cooperation.", "military cooperation (pulled).")
    });
    assert!(run_until(&mut h, |app| {
        app.message()
            .is_some_and(|m| m.contains("merged with theirs when you save"))
    }));
    assert_eq!(
        status_of(&h, MILITARY_TALKS),
        "disputed",
        "mine, still unsaved"
    );
    h.key_press_modifiers(Modifiers::COMMAND, Key::S);
    h.run();
    let text = fs::read_to_string(&path).unwrap();
    assert!(text.contains("(pulled)") && text.contains("status: \"disputed\""));
}

/// A window on `dir` for Ana Ferreira that keeps crash recovery in `recovery`.
fn recovering(dir: &Path, recovery: &Path) -> Harness<'static, ClaimDeskApp> {
    app_with_recovery(
        dir.to_path_buf(),
        ScriptedDialog::default(),
        "Ana Ferreira",
        Some(recovery.to_path_buf()),
    )
}

/// How many recovery files (not locks) are in `dir`.
fn recovery_files(dir: &Path) -> usize {
    fs::read_dir(dir).map_or(0, |entries| {
        entries
            .filter(|e| {
                e.as_ref()
                    .is_ok_and(|e| e.path().extension().is_some_and(|x| x == "ron"))
            })
            .count()
    })
}

/// Marks the military-talks claim disputed in a window that keeps crash recovery in
/// `recovery`, waits until that is written, and then drops the window without saving, as a
/// crash would.
fn dispute_and_crash(dir: &Path, recovery: &Path) {
    let mut h = recovering(dir, recovery);
    select_military_talks(&mut h);
    h.get_by_label("Dispute").click();
    h.run();
    let written = |_: &ClaimDeskApp| recovery_files(recovery) == 1;
    assert!(
        run_until(&mut h, written),
        "recovery written within five seconds"
    );
    drop(h);
}

#[test]
fn unsaved_work_comes_back_after_a_crash_and_can_be_discarded() {
    let dir = sample_copy();
    let recovery = tempfile::tempdir().unwrap();
    let on_disk = fs::read(dir.path().join(format!("{MILITARY_TALKS}.ron"))).unwrap();
    dispute_and_crash(dir.path(), recovery.path());
    let mut h = recovering(dir.path(), recovery.path());
    h.get_by_label("Unsaved changes restored");
    assert_eq!(status_of(&h, MILITARY_TALKS), "disputed");
    assert!(h.state().session().unwrap().has_unsaved_changes());
    assert_eq!(
        fs::read(dir.path().join(format!("{MILITARY_TALKS}.ron"))).unwrap(),
        on_disk,
        "restored as unsaved, not written"
    );
    h.get_by_label("Discard them").click();
    h.run();
    assert_eq!(status_of(&h, MILITARY_TALKS), "unreviewed");
    assert!(!h.state().session().unwrap().has_unsaved_changes());
    // Nothing unsaved: the recovery file goes, and a third start restores nothing.
    assert!(run_until(&mut h, |_| recovery_files(recovery.path()) == 0));
    drop(h);
    let h = recovering(dir.path(), recovery.path());
    assert!(h.query_by_label("Unsaved changes restored").is_none());
    assert!(!h.state().session().unwrap().has_unsaved_changes());
}

#[test]
fn recovered_work_is_merged_with_what_changed_on_disk_after_the_crash() {
    let dir = sample_copy();
    let recovery = tempfile::tempdir().unwrap();
    dispute_and_crash(dir.path(), recovery.path());
    let path = dir.path().join(format!("{MILITARY_TALKS}.ron"));
    let theirs = fs::read_to_string(&path)
        .unwrap()
        .replace("military cooperation.", "military cooperation (pulled).");
    fs::write(&path, theirs).unwrap();
    let mut h = recovering(dir.path(), recovery.path());
    h.get_by_label_contains("changed on disk since and were merged");
    assert_eq!(status_of(&h, MILITARY_TALKS), "disputed");
    assert!(
        text_of(h.state(), MILITARY_TALKS)
            .unwrap()
            .contains("(pulled)")
    );
    h.get_by_label("Keep them").click();
    h.run();
    h.key_press_modifiers(Modifiers::COMMAND, Key::S);
    h.run();
    let text = fs::read_to_string(&path).unwrap();
    assert!(text.contains("(pulled)") && text.contains("status: \"disputed\""));
}

#[test]
fn a_second_window_leaves_the_first_ones_unsaved_work_alone() {
    let dir = sample_copy();
    let recovery = tempfile::tempdir().unwrap();
    let open = || recovering(dir.path(), recovery.path());
    let mut first = open();
    select_military_talks(&mut first);
    first.get_by_label("Dispute").click();
    first.run();
    assert!(run_until(&mut first, |_| recovery_files(recovery.path()) == 1));
    let second = open();
    assert!(second.query_by_label("Unsaved changes restored").is_none());
    assert!(!second.state().session().unwrap().has_unsaved_changes());
    assert!(
        second
            .state()
            .notifications()
            .iter()
            .any(|n| n.text.contains("other claimdesk window"))
    );
    assert_eq!(
        recovery_files(recovery.path()),
        1,
        "the first window's file stays"
    );
}

#[test]
fn two_gone_windows_with_work_on_one_claim_put_back_one_and_keep_the_other() {
    let dir = sample_copy();
    let recovery = tempfile::tempdir().unwrap();
    let open = || recovering(dir.path(), recovery.path());
    let mut first = open();
    let mut second = open();
    for (h, button) in [(&mut first, "Dispute"), (&mut second, "Mark false")] {
        select_military_talks(h);
        h.get_by_label(button).click();
        h.run();
    }
    // Both windows get frames until each has written its file (either may be first).
    let start = std::time::Instant::now();
    while recovery_files(recovery.path()) < 2 && start.elapsed() < std::time::Duration::from_secs(5)
    {
        let _ = first.run_ok();
        let _ = second.run_ok();
        std::thread::sleep(std::time::Duration::from_millis(50));
    }
    assert_eq!(recovery_files(recovery.path()), 2);
    drop(first);
    drop(second);
    let third = open();
    third.get_by_label("Unsaved changes restored");
    let status = status_of(&third, MILITARY_TALKS);
    assert!(status == "disputed" || status == "false", "{status}");
    let aside = fs::read_dir(recovery.path())
        .unwrap()
        .filter(|e| {
            e.as_ref()
                .unwrap()
                .path()
                .to_string_lossy()
                .ends_with(".ron.unrestored")
        })
        .count();
    assert_eq!(
        aside, 1,
        "the other window's work is kept for a person to compare"
    );
    assert!(
        third
            .state()
            .notifications()
            .iter()
            .any(|n| n.text.contains("kept as"))
    );
}

// ---- the desk's queue --------------------------------------------------------------------

#[test]
fn my_queue_lists_my_open_claims_most_urgent_first_and_opens_one() {
    let dir = sample_copy();
    let mut h = app_with(dir.path().to_path_buf(), Vec::new(), "ana ferreira");
    h.get_by_label("My queue (3)").click();
    h.run();
    h.get_by_label_contains("3 claim(s) assigned to");
    // High priority and overdue first, the normal one last.
    assert_eq!(
        h.query_all_by_label_contains("overdue since 2024-04-27")
            .count(),
        2
    );
    h.get_by_label_contains("overdue since 2024-04-30");
    // The queue's row (the claim list on the left names the claimant too).
    h.query_all_by_label_contains("Iranian foreign ministry spokesperson: ")
        .last()
        .unwrap()
        .click();
    h.run();
    assert_eq!(selected(&h), "ministry-denies-military-talks");
    h.get_by_label("What we found (for readers)");
    // A verdict takes the claim out of the queue.
    h.get_by_label("Confirm").click();
    h.run();
    h.get_by_label("My queue (2)");
}

#[test]
fn a_claim_is_assigned_and_its_write_up_reaches_the_exports() {
    let dir = sample_copy();
    let mut h = app(dir.path());
    let id = "speculation-weapons-cooperation";
    h.state_mut().update(claimdesk::app::Action::Select(
        claimdesk::model::ClaimId::new(id).unwrap(),
    ));
    h.run();
    type_into(&mut h, "Assigned to", "Test Reviewer");
    let ws = h.state().session().unwrap().workspace();
    let claim = ws
        .get(&claimdesk::model::ClaimId::new(id).unwrap())
        .unwrap();
    assert_eq!(
        claim.assignment.as_ref().map(|a| a.assignee.as_str()),
        Some("Test Reviewer")
    );
    h.get_by_label("My queue (1)");
    let write_up = "No source backs the military purpose.";
    type_into(&mut h, "What we found (for readers)", write_up);
    h.key_press_modifiers(Modifiers::COMMAND, Key::S);
    h.run();
    let file = fs::read_to_string(dir.path().join(format!("{id}.ron"))).unwrap();
    assert!(
        file.contains(&format!("write_up: \"{write_up}\"")),
        "{file}"
    );
    assert!(file.contains("assignee: \"Test Reviewer\""), "{file}");
    let desk = h.state().desk().unwrap();
    let export = |format| {
        desk.export(&claimdesk::desk::ExportRequest::all(format))
            .unwrap()
            .text
    };
    // The desk's table carries it; the published report does not while the claim has no
    // verdict (a write-up is published with its verdict).
    assert!(export(claimdesk::desk::Format::Csv).contains(write_up));
    let report = export(claimdesk::desk::Format::Markdown);
    assert!(!report.contains(write_up), "{report}");
    // One undo takes the whole typed write-up back.
    h.key_press_modifiers(Modifiers::COMMAND, Key::Z);
    h.run();
    let ws = h.state().session().unwrap().workspace();
    let claim = ws
        .get(&claimdesk::model::ClaimId::new(id).unwrap())
        .unwrap();
    assert_eq!(&*claim.write_up, "");
}

// ---- sign-off ----------------------------------------------------------------------------

fn signoff_state(h: &Harness<'_, ClaimDeskApp>, id: &str) -> claimdesk::model::SignOffState {
    let ws = h.state().session().unwrap().workspace();
    ws.get(&claimdesk::model::ClaimId::new(id).unwrap())
        .unwrap()
        .signoff_state(&ws.manifest)
}

#[test]
fn a_verdict_is_signed_off_by_a_second_reviewer_and_refused_to_its_author() {
    use claimdesk::model::SignOffState;
    const DRILLS: &str = "drills-expanded-after-tests";
    let dir = sample_copy();
    // Its author cannot approve it.
    let mut author = app_with(dir.path().to_path_buf(), Vec::new(), "Bilal Haddad");
    author.get_by_label("Sign-off (0)");
    author.state_mut().update(claimdesk::app::Action::Select(
        claimdesk::model::ClaimId::new(DRILLS).unwrap(),
    ));
    author.run();
    author.get_by_label_contains("Awaiting sign-off");
    author.get_by_label("Approve verdict").click();
    author.run();
    assert!(
        author
            .state()
            .message()
            .is_some_and(|m| m.contains("another reviewer must sign it off")),
        "{:?}",
        author.state().message()
    );
    assert_eq!(signoff_state(&author, DRILLS), SignOffState::Awaiting);
    drop(author);

    // A second reviewer finds it in the Sign-off tab; sending it back needs a note.
    let mut second = app_with(dir.path().to_path_buf(), Vec::new(), "Ana Ferreira");
    second.get_by_label("Sign-off (1)").click();
    second.run();
    second
        .query_all_by_label_contains("News report (Momen Zellmi): North Korea's intensified")
        .last()
        .unwrap()
        .click();
    second.run();
    assert_eq!(selected(&second), DRILLS);
    second.get_by_label("Send back").click();
    second.run();
    assert!(
        second
            .state()
            .message()
            .is_some_and(|m| m.contains("a note is needed"))
    );
    second.get_by_label("Approve verdict").click();
    second.run();
    assert_eq!(signoff_state(&second, DRILLS), SignOffState::Approved);
    second.get_by_label_contains("Signed off by Ana Ferreira");
    second.get_by_label("Sign-off (0)");
    // One undo takes the approval back.
    second.key_press_modifiers(Modifiers::COMMAND, Key::Z);
    second.run();
    assert_eq!(signoff_state(&second, DRILLS), SignOffState::Awaiting);
}

// ---- the table ---------------------------------------------------------------------------

#[test]
fn the_table_sorts_selects_and_changes_many_claims_in_one_undo_step() {
    let dir = sample_copy();
    let mut h = app(dir.path());
    h.get_by_label("Table").click();
    h.run();
    h.get_by_label_contains("14 rows, 0 selected");
    // Sorting by claimant puts the foreign ministry spokesperson before the news report.
    h.get_by_label("Claimant").click();
    h.run();
    let first = |h: &Harness<'_, ClaimDeskApp>, a: &str, b: &str| {
        let y = |label: &str| h.get_all_by_label(label).next().unwrap().rect().top();
        y(a) < y(b)
    };
    assert!(first(
        &h,
        "Iranian foreign ministry spokesperson",
        "News report (Momen Zellmi)"
    ));
    // A second click turns the order round.
    h.get_by_label("Claimant (ascending)").click();
    h.run();
    assert!(first(
        &h,
        "News report (Momen Zellmi)",
        "Iranian foreign ministry spokesperson"
    ));
    // Ctrl+A selects every row; the bulk bar acts on all of them.
    h.key_press_modifiers(Modifiers::COMMAND, Key::A);
    h.run();
    h.get_by_label_contains("14 rows, 14 selected");
    type_into(&mut h, "Reason", "Batch check of the report");
    h.get_by_label("New status").click();
    h.run();
    h.get_all_by_label("False").last().unwrap().click();
    h.run();
    h.get_by_label("Set status of 14").click();
    h.run();
    let ws = h.state().session().unwrap().workspace();
    assert!(ws.claims().all(|c| c.status.as_str() == "false"));
    assert!(ws.claims().all(|c| {
        c.history
            .last()
            .is_some_and(|e| &*e.reason == "Batch check of the report")
    }));
    // One undo takes every one back.
    h.key_press_modifiers(Modifiers::COMMAND, Key::Z);
    h.run();
    let ws = h.state().session().unwrap().workspace();
    assert_eq!(
        ws.claims().filter(|c| c.status.as_str() == "false").count(),
        0
    );
}

#[test]
fn table_rows_are_selected_with_ctrl_and_shift_clicks_and_tagged_together() {
    let dir = sample_copy();
    let mut h = app(dir.path());
    h.get_by_label("Table").click();
    h.run();
    // Sorted by id: delegation-visit…, diplomatic-relations…, drills-expanded…, first-meeting…
    h.get_all_by_label_contains("North Korea and Iran established diplomatic relations")
        .last()
        .unwrap()
        .click();
    h.run();
    h.get_by_label_contains("14 rows, 1 selected");
    h.get_all_by_label_contains("The visit is the first known meeting")
        .last()
        .unwrap()
        .click_modifiers(Modifiers::SHIFT);
    h.run();
    h.get_by_label_contains("14 rows, 3 selected");
    h.get_all_by_label_contains("North Korea's intensified weapons tests")
        .last()
        .unwrap()
        .click_modifiers(Modifiers::COMMAND);
    h.run();
    h.get_by_label_contains("14 rows, 2 selected");
    type_into(&mut h, "Add tag", "batch-1");
    h.get_by_label("Tag 2").click();
    h.run();
    let ws = h.state().session().unwrap().workspace();
    let tagged: Vec<&str> = ws
        .claims()
        .filter(|c| c.tags.contains(&"batch-1".into()))
        .map(|c| c.id.as_str())
        .collect();
    assert_eq!(
        tagged,
        ["diplomatic-relations-1973", "first-meeting-since-pandemic"]
    );
}

#[test]
fn several_tag_filters_keep_claims_with_all_of_them() {
    let dir = sample_copy();
    let mut h = app(dir.path());
    let both = {
        let ws = h.state().session().unwrap().workspace();
        ws.claims()
            .filter(|c| {
                c.tags.iter().any(|t| t == "iran") && c.tags.iter().any(|t| t == "military")
            })
            .count()
    };
    assert!(both > 0);
    h.get_by_label("Tag").click();
    h.run();
    h.get_by_label("iran").click();
    h.run();
    h.get_by_label("military").click();
    h.run();
    assert_eq!(h.state().list().filter.tags, ["iran", "military"]);
    assert_eq!(h.state().list().rows().len(), both);
    h.get_by_label_contains(&format!("{both} of 14 claims"));
}

#[test]
fn a_filter_is_saved_as_a_named_view_and_picked_again() {
    let dir = sample_copy();
    let mut h = app(dir.path());
    type_into(&mut h, "Search", "weapons");
    let rows = h.state().list().rows().len();
    h.get_by_label("Save view…").click();
    h.run();
    type_into(&mut h, "Name", "Weapons");
    h.get_by_label("Save").click();
    h.run();
    let manifest = fs::read_to_string(dir.path().join("workspace.ron")).unwrap();
    assert!(
        manifest.contains("name: \"Weapons\"") && manifest.contains("search: \"weapons\""),
        "{manifest}"
    );
    // Another filter, then the view again.
    h.state_mut().update(claimdesk::app::Action::Command(
        claimdesk::app::Command::Find,
    ));
    h.get_by_label("Search").click();
    h.run();
    h.key_press_modifiers(Modifiers::COMMAND, Key::A);
    h.key_press(Key::Backspace);
    h.run();
    assert_eq!(h.state().list().filter.search, "");
    h.get_by_label("Saved view").click();
    h.run();
    h.get_by_label("Weapons").click();
    h.run();
    assert_eq!(h.state().list().filter.search, "weapons");
    assert_eq!(h.state().list().rows().len(), rows);
}

#[test]
fn a_shift_click_after_the_rows_changed_starts_afresh_instead_of_crashing() {
    let dir = sample_copy();
    let mut h = app(dir.path());
    h.get_by_label("Table").click();
    h.run();
    // A row far down the table is the range's start…
    h.get_all_by_label_contains("Kim Jong Un hosted Zhao Leji")
        .last()
        .unwrap()
        .click();
    h.run();
    // …then the filter leaves a few rows, and a Shift+click lands on one of them.
    type_into(&mut h, "Search", "iran");
    h.get_by_label("Table").click();
    h.run();
    h.get_all_by_label_contains("North Korea and Iran established")
        .last()
        .unwrap()
        .click_modifiers(Modifiers::SHIFT);
    h.run();
    h.get_by_label_contains("rows, 1 selected");
}

#[test]
fn a_filter_that_keeps_nothing_offers_to_clear_it() {
    let dir = sample_copy();
    let mut h = app(dir.path());
    type_into(&mut h, "Search", "no claim says this");
    h.get_by_label_contains("0 of 14 claims");
    h.get_by_label("No claim matches the filter.");
    h.get_by_label("Clear filters").click();
    h.run();
    h.get_by_label_contains("14 of 14 claims");
    assert!(h.state().list().filter.is_empty());
}

/// The app on a folder that is no workspace, so that nothing is open yet.
fn app_without_workspace() -> (tempfile::TempDir, Harness<'static, ClaimDeskApp>) {
    let empty = tempfile::tempdir().unwrap();
    let h = app(empty.path());
    assert!(h.state().session().is_none());
    (empty, h)
}

#[test]
fn a_workspace_opens_in_the_background_and_shows_its_progress_meanwhile() {
    let dir = sample_copy();
    let (_empty, mut h) = app_without_workspace();
    h.state_mut().set_open_in_background(true);
    h.state_mut()
        .update(claimdesk::app::Action::Open(dir.path().to_path_buf()));
    assert!(h.state().is_opening());
    // The first frame after the open began shows it, however fast the files are read.
    h.step();
    h.get_by_label_contains("Opening ");
    h.get_by_label("Cancel");
    assert!(run_until(&mut h, |a| !a.is_opening()));
    assert_eq!(selected(&h), "delegation-visit-military-talks");
    h.get_by_label_contains("is visiting Iran for talks on military cooperation");
    assert!(h.state().message().unwrap().starts_with("Opened "));
}

#[test]
fn an_open_can_be_cancelled_and_leaves_nothing_half_open() {
    let dir = sample_copy();
    let (_empty, mut h) = app_without_workspace();
    h.state_mut().set_open_in_background(true);
    h.state_mut()
        .update(claimdesk::app::Action::Open(dir.path().to_path_buf()));
    h.state_mut().update(claimdesk::app::Action::CancelOpen);
    assert!(!h.state().is_opening());
    std::thread::sleep(std::time::Duration::from_millis(300));
    h.run();
    assert!(
        h.state().session().is_none(),
        "the cancelled open is dropped"
    );
    assert!(h.state().message().unwrap().starts_with("Stopped opening"));
}

#[test]
fn undo_and_redo_say_what_they_take_back() {
    let (_dir, mut h) = on_military_talks();
    h.get_by_label("Dispute").click();
    h.run();
    h.get_by_label("Edit").click();
    h.run();
    h.get_by_label_contains("Undo Dispute: ").click();
    h.run();
    assert_eq!(status_of(&h, MILITARY_TALKS), "unreviewed");
    let message = h.state().message().unwrap().to_string();
    assert!(message.starts_with("Undone: Dispute: "), "{message}");
    assert!(message.contains("North Korean delegation"), "{message}");
    h.key_press_modifiers(Modifiers::COMMAND, Key::Y);
    h.run();
    assert_eq!(status_of(&h, MILITARY_TALKS), "disputed");
    assert!(
        h.state()
            .message()
            .unwrap()
            .starts_with("Redone: Dispute: "),
        "{:?}",
        h.state().message()
    );
}

/// Types `text` wherever the keyboard is, as a person does without clicking first.
fn type_here(h: &mut Harness<'_, ClaimDeskApp>, text: &str) {
    h.event(egui::Event::Text(text.to_string()));
    h.run();
}

fn press(h: &mut Harness<'_, ClaimDeskApp>, key: Key) {
    h.key_press(key);
    h.run();
}

fn open_palette(h: &mut Harness<'_, ClaimDeskApp>) {
    h.key_press_modifiers(Modifiers::COMMAND | Modifiers::SHIFT, Key::P);
    h.run();
}

#[test]
fn the_palette_runs_the_highlighted_command_from_the_keyboard() {
    let dir = sample_copy();
    let out = tempfile::tempdir().unwrap();
    let target = out.path().join("claims.csv");
    let mut h = app_with(dir.path().to_path_buf(), vec![vec![target.clone()]], "t");
    open_palette(&mut h);
    assert!(h.get_by_label("Find a command").is_focused());
    type_here(&mut h, "exp");
    // Every export is a command, in the File menu's order.
    for label in [
        "Export my review file…",
        "Export CSV table…",
        "Export Markdown report…",
        "Export ClaimReview JSON-LD…",
    ] {
        h.get_by_label(label);
    }
    assert!(h.query_by_label("Undo").is_none());
    press(&mut h, Key::ArrowDown);
    press(&mut h, Key::ArrowDown);
    press(&mut h, Key::ArrowUp);
    press(&mut h, Key::Enter);
    assert!(run_until(&mut h, |_| target.exists()), "the CSV is written");
    assert!(h.state().dialog().is_none());
    let csv = fs::read_to_string(&target).unwrap();
    assert!(csv.contains(MILITARY_TALKS), "{csv}");
    // The views, new workspace and import are commands too.
    open_palette(&mut h);
    for (typed, label, beside_the_palette) in [
        ("docu", "Documents", 1),
        ("new work", "New workspace…", 0),
        ("import", "Import review files or ClaimReview…", 0),
    ] {
        h.key_press_modifiers(Modifiers::COMMAND, Key::A);
        type_here(&mut h, typed);
        assert_eq!(
            h.query_all_by_label(label).count(),
            beside_the_palette + 1,
            "{label}"
        );
    }
    h.key_press_modifiers(Modifiers::COMMAND, Key::A);
    type_here(&mut h, "docu");
    press(&mut h, Key::Enter);
    assert_eq!(h.state().view(), claimdesk::app::View::Documents);
}

#[test]
fn the_palette_says_when_nothing_matches_and_keeps_its_place() {
    let dir = sample_copy();
    let mut h = app(dir.path());
    open_palette(&mut h);
    let top = |h: &Harness<'_, ClaimDeskApp>| h.get_by_label("Find a command").rect();
    let before = top(&h);
    type_here(&mut h, "zzz");
    h.get_by_label_contains("No command matches");
    assert_eq!(
        top(&h),
        before,
        "the palette does not move as its list shrinks"
    );
    press(&mut h, Key::Enter);
    assert!(matches!(
        h.state().dialog(),
        Some(claimdesk::app::Dialog::Palette(_))
    ));
    press(&mut h, Key::Escape);
    assert!(h.state().dialog().is_none());
    // Tab reaches the list, and Enter there runs the command that has the keyboard.
    open_palette(&mut h);
    type_here(&mut h, "undo");
    press(&mut h, Key::Tab);
    assert!(h.get_by_label("Undo").is_focused());
    press(&mut h, Key::Enter);
    assert!(h.state().dialog().is_none());
    assert_eq!(h.state().message(), Some("Nothing to undo"));
}

#[test]
fn a_new_claim_is_typed_without_the_mouse_and_escape_cancels_another() {
    let dir = sample_copy();
    let mut h = app(dir.path());
    h.key_press_modifiers(Modifiers::COMMAND, Key::N);
    h.run();
    assert!(h.get_by_label("What is claimed").is_focused());
    type_here(&mut h, "The delegation signed a trade memorandum.");
    press(&mut h, Key::Tab);
    type_here(&mut h, "State news agency");
    type_into(&mut h, "Source title", "Delegation tours Tehran fair");
    type_into(&mut h, "Publication date", "24/04/2024");
    h.get_by_label_contains("is not a date claimdesk can read: write 2024-04-24, 24 April 2024");
    // Enter does not submit a form that cannot be read, and the field keeps the keyboard.
    press(&mut h, Key::Enter);
    assert!(h.state().dialog().is_some());
    assert!(h.get_by_label("Publication date").is_focused());
    h.key_press_modifiers(Modifiers::COMMAND, Key::A);
    type_here(&mut h, "April 24, 2024");
    h.get_by_label_contains("read as 2024-04-24");
    type_into(&mut h, "Tags, comma-separated", "Trade, iran");
    press(&mut h, Key::Enter);
    assert!(h.state().dialog().is_none());
    let id = "the-delegation-signed-a-trade-memorandum";
    assert_eq!(selected(&h), id);
    let ws = h.state().session().unwrap().workspace();
    let claim = ws
        .get(&claimdesk::model::ClaimId::new(id).unwrap())
        .unwrap();
    assert_eq!(claim.claimant, "State news agency");
    assert_eq!(&*claim.source.title, "Delegation tours Tehran fair");
    assert_eq!(claim.source.date.to_string(), "2024-04-24");
    assert_eq!(claim.tags, ["Trade", "iran"]);

    h.key_press_modifiers(Modifiers::COMMAND, Key::N);
    h.run();
    type_here(&mut h, "Half a claim");
    press(&mut h, Key::Escape);
    assert!(h.state().dialog().is_none());
    assert_eq!(
        h.state().list().rows().len(),
        15,
        "nothing more was created"
    );
}

#[test]
fn the_link_dialog_starts_in_its_search_and_keeps_its_place() {
    let dir = sample_copy();
    let mut h = app(dir.path());
    h.get_by_label_contains("established diplomatic relations in 1973")
        .click();
    h.run();
    h.key_press_modifiers(Modifiers::COMMAND, Key::L);
    h.run();
    assert!(h.get_by_label("Find the other claim").is_focused());
    let place = |h: &Harness<'_, ClaimDeskApp>| h.get_by_label("Link to another claim").rect();
    let before = place(&h);
    type_here(&mut h, "missile parts");
    assert_eq!(
        place(&h),
        before,
        "the dialog does not move as its list shrinks"
    );
    h.get_by_label_contains("News report (Momen Zellmi) — North Korea and Iran are suspected")
        .click();
    h.run();
    h.get_by_label("Find the other claim").click();
    h.run();
    press(&mut h, Key::Enter);
    assert!(h.state().dialog().is_none());
    let ws = h.state().session().unwrap().workspace();
    let target = claimdesk::model::ClaimId::new("missile-parts-iran-iraq-war").unwrap();
    assert_eq!(
        ws.incoming(&target)[0].from.as_str(),
        "diplomatic-relations-1973"
    );
    h.key_press_modifiers(Modifiers::COMMAND, Key::L);
    h.run();
    press(&mut h, Key::Escape);
    assert!(h.state().dialog().is_none());
    // By keyboard alone: type, Down to the first match, Enter.
    h.key_press_modifiers(Modifiers::COMMAND, Key::L);
    h.run();
    type_here(&mut h, "trade show in Tehran");
    press(&mut h, Key::Enter);
    assert!(
        h.state().dialog().is_some(),
        "nothing chosen yet: Enter waits"
    );
    press(&mut h, Key::ArrowDown);
    press(&mut h, Key::Enter);
    assert!(h.state().dialog().is_none());
    let ws = h.state().session().unwrap().workspace();
    let ministry = claimdesk::model::ClaimId::new("ministry-denies-military-talks").unwrap();
    assert!(
        ws.incoming(&ministry)
            .iter()
            .any(|i| i.from.as_str() == "diplomatic-relations-1973"),
        "{:?}",
        ws.incoming(&ministry)
    );
}

/// A copy of the sample whose `workspace.ron` asks for a reason with every status change.
fn requiring_reasons() -> tempfile::TempDir {
    let dir = sample_copy();
    let manifest = dir.path().join("workspace.ron");
    let text = fs::read_to_string(&manifest).unwrap().replace(
        "require_signoff: true,",
        "require_signoff: true,\n        require_reason: true,",
    );
    fs::write(&manifest, text).unwrap();
    dir
}

fn asks_why(h: &Harness<'_, ClaimDeskApp>) -> bool {
    matches!(h.state().dialog(), Some(claimdesk::app::Dialog::Reason(_)))
}

#[test]
fn a_workspace_that_requires_reasons_asks_why_before_a_verdict() {
    let dir = requiring_reasons();
    let mut h = app(dir.path());
    select_military_talks(&mut h);
    h.get_by_label("Dispute").click();
    h.run();
    assert!(asks_why(&h));
    assert_eq!(status_of(&h, MILITARY_TALKS), "unreviewed");
    assert!(h.get_by_label("Reason for the change").is_focused());
    press(&mut h, Key::Enter);
    assert!(asks_why(&h), "no verdict without a reason");
    type_here(&mut h, "The ministry's account is sourced.");
    press(&mut h, Key::Enter);
    assert!(h.state().dialog().is_none());
    assert_eq!(status_of(&h, MILITARY_TALKS), "disputed");
    let ws = h.state().session().unwrap().workspace();
    let claim = ws
        .get(&claimdesk::model::ClaimId::new(MILITARY_TALKS).unwrap())
        .unwrap();
    assert_eq!(
        &*claim.history.last().unwrap().reason,
        "The ministry's account is sourced."
    );
    // The shortcuts ask too; Escape gives no verdict.
    h.key_press_modifiers(Modifiers::COMMAND, Key::Num3);
    h.run();
    assert!(asks_why(&h));
    press(&mut h, Key::Escape);
    assert!(h.state().dialog().is_none());
    assert_eq!(status_of(&h, MILITARY_TALKS), "disputed");
    // A note in the note box is the reason: nothing to ask.
    h.get_by_label_contains("Note (").click();
    h.run();
    h.get_by_label_contains("Note (")
        .type_text("Fair organisers list the delegation.");
    h.run();
    h.get_by_label("Confirm").click();
    h.run();
    assert!(h.state().dialog().is_none());
    assert_eq!(status_of(&h, MILITARY_TALKS), "confirmed");
    // The table's bulk bar asks as well, and gives every claim the one reason.
    h.get_by_label("Table").click();
    h.run();
    h.key_press_modifiers(Modifiers::COMMAND, Key::A);
    h.run();
    h.get_by_label("New status").click();
    h.run();
    h.get_all_by_label("False").last().unwrap().click();
    h.run();
    h.get_by_label("Set status of 14").click();
    h.run();
    assert!(asks_why(&h));
    h.get_by_label_contains("14 claims get this status");
    type_here(&mut h, "Batch check");
    press(&mut h, Key::Enter);
    let ws = h.state().session().unwrap().workspace();
    assert!(ws.claims().all(|c| {
        c.status.as_str() == "false"
            && c.history
                .last()
                .is_some_and(|e| &*e.reason == "Batch check")
    }));
}

#[test]
fn dialogs_opened_from_a_menu_start_with_the_keyboard_in_their_first_field_too() {
    let dir = sample_copy();
    let mut h = app(dir.path());
    h.get_by_label("Edit").click();
    h.run();
    h.get_by_label_contains("New claim…").click();
    h.run();
    assert!(h.get_by_label("What is claimed").is_focused());
    press(&mut h, Key::Escape);
    h.get_by_label("View").click();
    h.run();
    h.get_by_label_contains("All commands…").click();
    h.run();
    assert!(h.get_by_label("Find a command").is_focused());
}

/// The app on a generated workspace of 300 claims: the list scrolls.
fn app_on_many_claims() -> (tempfile::TempDir, Harness<'static, ClaimDeskApp>) {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path().join("w");
    claimdesk::store::Folder::create(&root, &claimdesk::generate::workspace(300, 4)).unwrap();
    let h = app(&root);
    (dir, h)
}

/// The rows of the claim list drawn this frame, top to bottom, with where they are.
fn list_rows(h: &Harness<'_, ClaimDeskApp>) -> Vec<(String, egui::Rect)> {
    let mut rows: Vec<(String, egui::Rect)> = h
        .get_all_by_role(egui::accesskit::Role::Button)
        .filter(|n| n.rect().left() < 300.0 && n.rect().height() > 40.0)
        .map(|n| (n.accesskit_node().label().unwrap_or_default(), n.rect()))
        .collect();
    rows.sort_by(|a, b| a.1.top().total_cmp(&b.1.top()));
    rows
}

fn scroll_list(h: &mut Harness<'_, ClaimDeskApp>, dy: f32) {
    h.hover_at(egui::pos2(150.0, 600.0));
    h.event(egui::Event::MouseWheel {
        unit: egui::MouseWheelUnit::Point,
        delta: egui::vec2(0.0, dy),
        phase: egui::TouchPhase::Move,
        source: egui::MouseWheelSource::Unknown,
        modifiers: Modifiers::NONE,
    });
    // The scroll is animated over a few frames.
    h.run_steps(30);
}

#[test]
fn the_list_keeps_its_place_on_a_click_and_shows_the_selection_after_a_new_order() {
    let (_dir, mut h) = app_on_many_claims();
    scroll_list(&mut h, -2000.0);
    let before = list_rows(&h);
    assert!(before.len() > 10, "{before:?}");
    // A row near the bottom of the view: a list that centred its selection would move it.
    let (label, rect) = before[before.len() - 3].clone();
    click_at(&mut h, rect.center());
    let after = list_rows(&h);
    let moved = after.iter().find(|(l, _)| *l == label).unwrap().1;
    assert_eq!(moved, rect, "the clicked row stays under the pointer");
    let chosen = h.state().selected().cloned().unwrap();
    // Scrolled away, then sorted: the list comes back to the selected claim.
    scroll_list(&mut h, 20000.0);
    assert!(list_rows(&h).iter().all(|(l, _)| *l != label));
    h.get_by_label("Sort").click();
    h.run();
    // The option in the list's Sort menu, not the claim view's Claimant field.
    h.get_all_by_label("Claimant")
        .find(|n| n.rect().left() < 420.0)
        .unwrap()
        .click();
    h.run();
    h.run();
    assert_eq!(h.state().list().sort, claimdesk::app::SortOrder::Claimant);
    assert_eq!(h.state().selected(), Some(&chosen));
    assert!(
        list_rows(&h).iter().any(|(l, _)| *l == label),
        "the selected claim is in view after the new order"
    );
}

#[test]
fn claim_view_shows_a_similar_claim_with_its_verdict_and_links_it_as_same() {
    let dir = sample_copy();
    let original = fs::read_to_string(dir.path().join("diplomatic-relations-1973.ron")).unwrap();
    let copy = original
        .replace("\"diplomatic-relations-1973\"", "\"relations-since-1973\"")
        .replace(
            "North Korea and Iran established diplomatic relations in 1973.",
            "Iran and North Korea have had diplomatic ties since 1973.",
        );
    fs::write(dir.path().join("relations-since-1973.ron"), copy).unwrap();
    let mut h = app(dir.path());
    h.get_by_label_contains("established diplomatic relations in 1973")
        .click();
    h.run();
    assert_eq!(selected(&h), "diplomatic-relations-1973");
    // The matcher is built the first time the section is shown.
    assert!(run_until(&mut h, |a| a.session().unwrap().similar_ready()));
    // The similar claim is listed with its verdict and its date.
    h.get_by_label_contains("[checked: Confirmed, 2024-04-25] Iran and North Korea have had");
    h.get_by_label("Same as relations-since-1973").click();
    h.run();
    let ws = h.state().session().unwrap().workspace();
    let claim = ws
        .get(&claimdesk::model::ClaimId::new("diplomatic-relations-1973").unwrap())
        .unwrap();
    assert!(
        claim
            .relations
            .iter()
            .any(|r| r.kind == claimdesk::model::RelationKind::SameAs
                && r.target.as_str() == "relations-since-1973"),
        "{:?}",
        claim.relations
    );
    // Linked, the button gives way.
    h.run();
    assert!(h.query_by_label("Same as relations-since-1973").is_none());
}

/// "Add source…" archives a file on another thread and shows the new document; an address
/// that does not answer can be cancelled, and nothing is written.
#[test]
fn add_source_archives_off_the_window_thread_and_shows_the_document() {
    let dir = sample_copy();
    let elsewhere = tempfile::tempdir().unwrap();
    let page = elsewhere.path().join("denial.html");
    fs::write(
        &page,
        "<html><head><title>Iran denies military talks</title>\
         <meta property=\"og:site_name\" content=\"Tehran Wire\"></head><body>\
         <nav>MENU-ITEMS</nav><article><p>Iran's foreign ministry said on Thursday that the \
         North Korean delegation visiting Tehran had come to attend a trade show, and denied \
         reports that the two sides discussed military cooperation during the visit.</p>\
         <p>A ministry spokesman told a weekly news conference that the delegation met \
         officials from the trade and industry ministries and visited an exhibition.</p>\
         </article></body></html>",
    )
    .unwrap();
    let mut h = app(dir.path());
    h.get_by_label("File").click();
    h.run();
    h.get_by_label("Add source… Ctrl+Shift+A").click();
    h.run();
    type_here(&mut h, page.to_str().unwrap());
    h.get_by_label("Archive").click();
    let has = |app: &ClaimDeskApp| {
        app.session().is_some_and(|s| {
            s.workspace()
                .document("iran-denies-military-talks")
                .is_some()
        })
    };
    assert!(run_until(&mut h, has), "the document arrives");
    assert_eq!(h.state().view(), claimdesk::app::View::Documents);
    assert!(h.query_by_label("Address or file").is_none());
    assert!(
        dir.path()
            .join("sources/iran-denies-military-talks.html")
            .exists()
    );

    // A server that never answers: the dialog says it is connecting, Cancel stops it.
    let listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let addr = listener.local_addr().unwrap();
    let before = fs::read_dir(dir.path().join("sources")).unwrap().count();
    h.key_press_modifiers(Modifiers::COMMAND | Modifiers::SHIFT, Key::A);
    h.run();
    type_here(&mut h, &format!("http://{addr}/slow"));
    h.get_by_label("Archive").click();
    h.run();
    assert!(h.query_by_label("Connecting…").is_some());
    h.get_by_label("Cancel").click();
    h.run();
    assert!(h.query_by_label("Connecting…").is_none());
    h.get_by_label("Close").click();
    h.run();
    assert!(h.query_by_label("Address or file").is_none());
    assert_eq!(
        fs::read_dir(dir.path().join("sources")).unwrap().count(),
        before
    );
    drop(listener);
}

/// "Archive page" on an evidence item opens "Add source" with its address; once archived, the
/// item records the document and links to its "archived copy".
#[test]
fn an_evidence_item_is_archived_from_its_own_button() {
    let listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let base = format!("http://{}", listener.local_addr().unwrap());
    std::thread::spawn(move || {
        let body = "<html><head><title>Ministry statement</title></head><body><article>\
            <p>The ministry says the delegation came for a trade show and economic talks, \
            and that no military matters were discussed at any of the meetings held in \
            Tehran this week with officials of the trade ministry.</p></article></body></html>";
        if let Some(Ok(mut stream)) = listener.incoming().next() {
            let mut buf = [0u8; 4096];
            let _ = std::io::Read::read(&mut stream, &mut buf);
            let response = format!(
                "HTTP/1.1 200 OK\r\nContent-Type: text/html\r\nContent-Length: {}\r\nConnection: close\r\n\r\n{body}",
                body.len()
            );
            let _ = std::io::Write::write_all(&mut stream, response.as_bytes());
        }
    });
    let dir = sample_copy();
    let claim = dir.path().join(format!("{MILITARY_TALKS}.ron"));
    let text = fs::read_to_string(&claim).unwrap();
    let item = "programme\",\n                url: \"\",";
    assert!(text.contains(item));
    fs::write(
        &claim,
        text.replace(
            item,
            &item.replace("url: \"\"", &format!("url: \"{base}/statement\"")),
        ),
    )
    .unwrap();
    let mut h = app(dir.path());
    assert_eq!(selected(&h), MILITARY_TALKS);
    h.get_by_label("Archive page").click();
    h.run();
    h.get_by_label("Archive").click();
    let archived = |app: &ClaimDeskApp| {
        app.session().is_some_and(|s| {
            let id = claimdesk::model::ClaimId::new(MILITARY_TALKS).unwrap();
            s.workspace().get(&id).unwrap().evidence[0]
                .archived
                .as_deref()
                == Some("ministry-statement")
        })
    };
    assert!(run_until(&mut h, archived), "the item records the archive");
    assert_eq!(h.state().view(), claimdesk::app::View::Documents);
    h.get_by_label("Claims").click();
    h.run();
    h.get_by_label("archived copy").click();
    h.run();
    assert_eq!(h.state().view(), claimdesk::app::View::Documents);
}
