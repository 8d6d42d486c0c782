//! The app's logic driven by actions, with no egui context: what a click would do, and what
//! the reviewer is shown.

use super::*;
use crate::app::{Effect, Options, Prefs, ScriptedDialog};
use crate::desk::ExportRequest;
use crate::model::Status;
use crate::model::fixtures::{id, workspace};

/// An app on a fresh folder of claims a, b, c, for `reviewer` (nobody when empty).
fn app(reviewer: &str) -> (tempfile::TempDir, ClaimDeskApp) {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path().join("w");
    Folder::create(&root, &workspace(&["a", "b", "c"])).unwrap();
    let app = ClaimDeskApp::with_prefs(
        Prefs::default(),
        Options {
            workspace: Some(root),
            dialog: Box::new(ScriptedDialog::default()),
            reviewer: Some(reviewer.to_string()).filter(|r| !r.is_empty()),
            recovery: None,
        },
    );
    (dir, app)
}

fn errors(app: &ClaimDeskApp) -> Vec<String> {
    app.notifications()
        .iter()
        .filter(|n| n.level == Level::Error)
        .map(|n| n.text.clone())
        .collect()
}

fn status_of(app: &ClaimDeskApp, claim: &str) -> String {
    app.desk()
        .unwrap()
        .workspace()
        .get(&id(claim))
        .unwrap()
        .status
        .to_string()
}

#[test]
fn a_failed_apply_is_shown_as_a_failure_and_nothing_is_applied() {
    // Ana's file says "confirmed" on b, with a note left empty by a hand edit.
    let (dir, mut ana) = app("ana");
    ana.update(Action::Select(id("b")));
    ana.composer = "fine".into();
    ana.update(Action::SetStatus(1));
    let path = dir.path().join("ana.ron");
    ana.update(Action::Export(
        ExportRequest::all(Format::Review),
        path.clone(),
    ));
    let text = std::fs::read_to_string(&path).unwrap();
    std::fs::write(&path, text.replace("text: \"fine\"", "text: \"\"")).unwrap();

    let (_d, mut app) = app("desk");
    app.update(Action::Import(vec![path]));
    assert_eq!(app.view(), View::Reviews);
    app.update(Action::ApplyAgreedReviews);
    let errors = errors(&app);
    assert!(
        errors
            .iter()
            .any(|e| e.starts_with("Nothing applied") && e.contains("a note cannot be empty")),
        "{errors:?}"
    );
    assert!(
        !app.notifications()
            .iter()
            .any(|n| n.text.starts_with("Applied"))
    );
    assert_eq!(status_of(&app, "b"), "unreviewed");
}

#[test]
fn an_import_error_is_kept_in_the_log_after_later_messages() {
    let (dir, mut app) = app("desk");
    let bad = dir.path().join("bad.ron");
    std::fs::write(&bad, "(version: 2, reviewer: ").unwrap();
    app.update(Action::Import(vec![bad]));
    app.update(Action::Command(Command::Save));
    assert_eq!(app.message(), Some("Nothing to save"));
    let errors = errors(&app);
    assert!(errors[0].contains("bad.ron:1:"), "{errors:?}");
}

#[test]
fn without_a_name_the_first_verdict_asks_for_one_then_carries_on() {
    let (_dir, mut app) = app("");
    app.update(Action::Select(id("a")));
    app.composer = "the ministry denies it".into();
    app.update(Action::SetStatus(2));
    assert_eq!(status_of(&app, "a"), "unreviewed");
    assert_eq!(app.composer, "the ministry denies it", "the note is kept");
    let Some(Dialog::AskName {
        then: Some(then), ..
    }) = app.dialog().cloned()
    else {
        panic!("no name asked for: {:?}", app.dialog());
    };
    app.update(Action::CloseDialog);
    app.update(Action::SetReviewer(" Dana ".into(), Some(then)));
    assert_eq!(status_of(&app, "a"), "disputed");
    let a = app
        .desk()
        .unwrap()
        .workspace()
        .get(&id("a"))
        .unwrap()
        .clone();
    assert_eq!(a.history[0].by, "Dana");
    assert_eq!(&*a.notes[0].text, "the ministry denies it");
    assert_eq!(app.prefs.reviewer, "Dana", "remembered");
    assert!(app.composer.is_empty());
}

#[test]
fn an_unavailable_dialog_offers_a_path_field_that_answers_the_same_request() {
    let (dir, mut app) = app("ana");
    app.update(Action::Select(id("a")));
    app.update(Action::SetStatus(3));
    app.update(Action::AskExport(Format::Csv));
    let Some(Effect::Ask(ask)) = app.effects().last().cloned() else {
        panic!("nothing asked: {:?}", app.effects());
    };
    assert_eq!(
        ask.purpose,
        Purpose::Export(ExportRequest::all(Format::Csv))
    );
    assert_eq!(
        ask.start,
        Some(dir.path().canonicalize().unwrap()),
        "beside the workspace"
    );
    app.update(Action::Answered(ask.clone(), Answer::Unavailable));
    assert!(matches!(app.dialog(), Some(Dialog::PathPrompt { .. })));
    assert!(
        app.notifications()
            .iter()
            .any(|n| n.level == Level::Warning)
    );
    // What the path field sends: the same request, answered.
    let out = dir.path().join("claims.csv");
    app.update(Action::CloseDialog);
    app.update(Action::Answered(ask, Answer::Chosen(vec![out.clone()])));
    let csv = std::fs::read_to_string(&out).unwrap();
    assert!(csv.contains("claim a"));
    assert_eq!(app.prefs.last_dir.as_deref(), Some(dir.path()));
    // Into the workspace: refused, and said.
    app.update(Action::Export(
        ExportRequest::all(Format::Csv),
        dir.path().join("w").join("claims.csv"),
    ));
    assert!(
        errors(&app)[0].contains("inside the workspace"),
        "{:?}",
        errors(&app)
    );
    assert!(!dir.path().join("w/claims.csv").exists());
}

#[test]
fn one_file_request_at_a_time() {
    let (_dir, mut app) = app("ana");
    app.effects.clear();
    app.update(Action::AskImport);
    app.update(Action::AskExport(Format::Markdown));
    let asks: Vec<&Effect> = app
        .effects()
        .iter()
        .filter(|e| matches!(e, Effect::Ask(_)))
        .collect();
    assert_eq!(asks.len(), 1);
    let Effect::Ask(ask) = asks[0] else {
        unreachable!()
    };
    assert_eq!(ask.purpose, Purpose::Import);
    assert!(
        matches!(&ask.kind, PathKind::Files { extensions, .. } if extensions.contains(&"ron") && extensions.contains(&"json"))
    );
    assert!(app.message().unwrap().contains("already open"));
}

#[test]
fn resolving_a_disagreement_goes_through_the_desk() {
    let (dir, mut app) = app("ana");
    app.update(Action::Select(id("a")));
    app.update(Action::SetStatus(1));
    let ana = dir.path().join("ana.ron");
    app.update(Action::Export(
        ExportRequest::all(Format::Review),
        ana.clone(),
    ));
    app.update(Action::SetReviewer("bilal".into(), None));
    app.update(Action::SetStatus(0));
    app.update(Action::SetStatus(3));
    let bilal = dir.path().join("bilal.ron");
    app.update(Action::Export(
        ExportRequest::all(Format::Review),
        bilal.clone(),
    ));

    let (_d, mut desk) = self::app("chief");
    desk.update(Action::Import(vec![ana, bilal]));
    let conflict = desk.desk().unwrap().review_plan().conflicts[0].clone();
    desk.update(Action::ResolveReview {
        status: Status::new("false"),
        from: conflict,
    });
    assert_eq!(status_of(&desk, "a"), "false");
    assert!(desk.desk().unwrap().review_plan().conflicts.is_empty());
    assert!(errors(&desk).is_empty(), "{:?}", errors(&desk));
}

#[test]
fn menu_commands_ask_for_files_and_switch_views_as_the_menus_did() {
    for (command, purpose) in [
        (Command::NewWorkspace, Purpose::Create),
        (Command::Import, Purpose::Import),
        (
            Command::Export(Format::Csv),
            Purpose::Export(ExportRequest::all(Format::Csv)),
        ),
    ] {
        let (_dir, mut app) = app("ana");
        app.effects.clear();
        app.update(Action::Command(command));
        assert!(
            app.effects()
                .iter()
                .any(|e| matches!(e, Effect::Ask(ask) if ask.purpose == purpose)),
            "{command:?}: {:?}",
            app.effects()
        );
    }
    let (_dir, mut app) = app("ana");
    app.update(Action::Command(Command::ShowView(View::Documents)));
    assert_eq!(app.view(), View::Documents);
    // No sign-off view where the workspace asks for none.
    app.update(Action::Command(Command::ShowView(View::SignOff)));
    assert_eq!(app.view(), View::Documents);
    assert!(app.message().unwrap().contains("require_signoff"));
}

#[test]
fn a_verdict_without_a_reason_asks_for_one_where_reasons_are_required() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path().join("w");
    let mut ws = workspace(&["a", "b"]);
    ws.manifest.require_reason = true;
    Folder::create(&root, &ws).unwrap();
    let mut app = ClaimDeskApp::with_prefs(
        Prefs::default(),
        Options {
            workspace: Some(root),
            dialog: Box::new(ScriptedDialog::default()),
            reviewer: Some("ana".into()),
            recovery: None,
        },
    );
    app.update(Action::Select(id("a")));
    app.composer = "  ".into();
    app.update(Action::Command(Command::SetStatus(2)));
    assert!(matches!(app.dialog(), Some(Dialog::Reason(_))));
    assert_eq!(status_of(&app, "a"), "unreviewed");
    app.update(Action::CloseDialog);
    app.update(Action::BulkStatus(vec![id("a"), id("b")], 3, String::new()));
    assert!(matches!(app.dialog(), Some(Dialog::Reason(_))));
    assert_eq!(status_of(&app, "b"), "unreviewed");
    // What the dialog sends once a reason is typed.
    app.update(Action::CloseDialog);
    app.update(Action::Verdict(id("a"), 2, "one source only".into()));
    assert_eq!(status_of(&app, "a"), "disputed");
    assert!(errors(&app).is_empty(), "{:?}", errors(&app));
}

#[test]
fn reopening_a_workspace_selects_the_claim_selected_last_time() {
    let (dir, mut first) = app("x");
    let root = dir.path().join("w");
    first.update(Action::Select(id("b")));
    let prefs = first.prefs.clone();
    let again = ClaimDeskApp::with_prefs(
        prefs,
        Options {
            workspace: Some(root),
            dialog: Box::new(ScriptedDialog::default()),
            reviewer: None,
            recovery: None,
        },
    );
    assert_eq!(again.selected(), Some(&id("b")));
}
