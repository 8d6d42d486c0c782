//! Modal dialogs: unsaved changes on close, files changed on disk (deleted on one side, or
//! the same fields changed on both), delete, new claim, link
//! picker, command palette, the reviewer's name, and a path typed by hand when no file dialog
//! can be shown.

use super::file_dialog::{Answer, Ask, PathKind};
use super::{Action, Command};
use crate::desk::ClaimDraft;
use crate::edit::Edit;
use crate::model::{ClaimId, PubDate, Relation, RelationKind, Source};
use crate::session::Session;
use egui::RichText;

/// An open dialog and what has been typed into it.
#[derive(Clone, Debug)]
pub enum Dialog {
    /// The window is closing with unsaved changes.
    UnsavedOnClose,
    /// These claims were deleted on one side and changed on the other since they were read.
    Conflict(Vec<ClaimId>),
    /// Unsaved work from a session that crashed was put back.
    Recovered(crate::session::Restored),
    /// A save merged these claims with their files and both sides changed some of the same
    /// fields: a value is chosen for each before anything is written.
    SaveMerge(Vec<ClaimId>),
    /// Delete this claim?
    ConfirmDelete(ClaimId),
    /// A new claim being written.
    NewClaim(NewClaimForm),
    /// Linking a claim to another.
    AddRelation {
        /// The claim that gets the link.
        from: ClaimId,
        /// The kind chosen.
        kind: RelationKind,
        /// The search over the other claims.
        search: String,
        /// The claim picked.
        target: Option<ClaimId>,
    },
    /// Every command, searchable.
    Palette(String),
    /// The address ClaimReview links point to, asked before the file.
    ClaimReviewSite(String),
    /// No file dialog could be shown: the path is typed here instead.
    PathPrompt {
        /// The request it answers.
        ask: Ask,
        /// What has been typed: one path per line.
        text: String,
    },
    /// The reviewer's name, asked before the first change that records it.
    AskName {
        /// What has been typed.
        name: String,
        /// What to do once named.
        then: Option<Box<Action>>,
    },
}

/// The fields of a new claim.
#[derive(Clone, Debug, Default)]
pub struct NewClaimForm {
    text: String,
    claimant: String,
    outlet: String,
    url: String,
    date: String,
    quote: String,
    /// The source's title: the document's, when the claim comes from one.
    title: String,
    /// Set when the claim comes from a selection in a source document.
    anchor: Option<crate::model::Anchor>,
}

impl Dialog {
    /// An empty new-claim form.
    pub fn new_claim() -> Self {
        Dialog::NewClaim(NewClaimForm::default())
    }

    /// A new claim from characters `start..end` of a source document, shown to the reader as
    /// `words` (a formatted document does not show its markup): the words are the quote and
    /// the first draft of the text, the document gives the source (title, outlet, URL, date),
    /// the sentence around the quote suggests who claims it when it says who spoke, and the
    /// claim gets an anchor to the characters of the file.
    pub fn new_claim_from(
        doc: &crate::model::Document,
        start: usize,
        end: usize,
        words: &str,
    ) -> Self {
        let quote = crate::model::QuoteAnchor::new(&doc.text, start, end);
        let exact = words.split_whitespace().collect::<Vec<_>>().join(" ");
        Dialog::NewClaim(NewClaimForm {
            text: exact.clone(),
            claimant: crate::model::attribution::claimant_around(&doc.text, start, end)
                .unwrap_or_default(),
            outlet: doc.meta.outlet.clone(),
            url: doc.meta.url.clone(),
            date: doc.meta.date.to_string(),
            quote: exact,
            title: doc.meta.title.clone(),
            anchor: Some(crate::model::Anchor {
                document: doc.id.clone(),
                quote,
            }),
        })
    }

    /// A link picker for `from`.
    pub fn add_relation(from: ClaimId) -> Self {
        Dialog::AddRelation {
            from,
            kind: RelationKind::Contradicts,
            search: String::new(),
            target: None,
        }
    }

    /// The command palette.
    pub fn palette() -> Self {
        Dialog::Palette(String::new())
    }
}

fn modal(ctx: &egui::Context, name: &str, content: impl FnOnce(&mut egui::Ui)) -> bool {
    let response = egui::Modal::new(egui::Id::unique(("dialog", name))).show(ctx, |ui| {
        ui.set_max_width(560.0);
        content(ui);
    });
    response.should_close()
}

/// Draws a dialog that needs no workspace.
pub fn show_without_session(ctx: &egui::Context, dialog: &mut Dialog, actions: &mut Vec<Action>) {
    let escape = match dialog {
        Dialog::Palette(search) => palette(ctx, search, &[], actions),
        Dialog::PathPrompt { ask, text } => path_prompt(ctx, ask, text, actions),
        Dialog::AskName { name, then } => ask_name(ctx, name, then, actions),
        _ => true,
    };
    if escape {
        actions.push(Action::CloseDialog);
    }
}

/// The path field that stands in for a file dialog that could not be shown.
fn path_prompt(
    ctx: &egui::Context,
    ask: &Ask,
    text: &mut String,
    actions: &mut Vec<Action>,
) -> bool {
    modal(ctx, "path-prompt", |ui| {
        ui.heading(&ask.title);
        ui.label(
            "No file dialog could be shown on this desktop (it needs a desktop portal or zenity). \
             Type the path instead.",
        );
        let (what, many) = match &ask.kind {
            PathKind::Folder => ("Folder path", false),
            PathKind::Files { .. } => ("File paths, one per line", true),
            PathKind::NewFile(_) => ("Path of the file to write", false),
        };
        let label = ui.label(what);
        let field = if many {
            egui::TextEdit::multiline(text).desired_rows(3)
        } else {
            egui::TextEdit::singleline(text)
        };
        let field = ui.add(field.desired_width(480.0)).labelled_by(label.id);
        // Typing goes to the path at once, as it would in a file dialog.
        if ui.memory(|m| m.focused().is_none()) {
            field.request_focus();
        }
        if let Some(dir) = &ask.start {
            ui.label(
                egui::RichText::new(format!("Relative paths start in {}", dir.display())).weak(),
            );
        }
        let paths: Vec<std::path::PathBuf> = text
            .lines()
            .map(str::trim)
            .filter(|l| !l.is_empty())
            .map(|l| match &ask.start {
                Some(dir) => dir.join(l),
                None => std::path::PathBuf::from(l),
            })
            .collect();
        let ready = !paths.is_empty() && (many || paths.len() == 1);
        ui.horizontal(|ui| {
            if ui.add_enabled(ready, egui::Button::new("OK")).clicked() {
                actions.push(Action::CloseDialog);
                actions.push(Action::Answered(ask.clone(), Answer::Chosen(paths)));
            }
            if ui.button("Cancel").clicked() {
                actions.push(Action::CloseDialog);
                actions.push(Action::Answered(ask.clone(), Answer::Cancelled));
            }
        });
    })
}

/// Asks who is reviewing, then carries on with what was asked for.
fn ask_name(
    ctx: &egui::Context,
    name: &mut String,
    then: &Option<Box<Action>>,
    actions: &mut Vec<Action>,
) -> bool {
    modal(ctx, "ask-name", |ui| {
        ui.heading("Who is reviewing?");
        ui.label(
            "Your name goes into every status change, note and evidence item you make, and your \
             review files are found by it: use the same name every time. It is remembered.",
        );
        let label = ui.label("Your name");
        let field = ui
            .add(egui::TextEdit::singleline(name).desired_width(320.0))
            .labelled_by(label.id);
        if ui.memory(|m| m.focused().is_none()) {
            field.request_focus();
        }
        let enter = field.lost_focus() && ui.input(|i| i.key_pressed(egui::Key::Enter));
        let ok = crate::desk::Reviewer::new(name).is_some();
        ui.horizontal(|ui| {
            if ui
                .add_enabled(ok, egui::Button::new("Use this name"))
                .clicked()
                || (enter && ok)
            {
                actions.push(Action::CloseDialog);
                actions.push(Action::SetReviewer(name.clone(), then.clone()));
            }
            if ui.button("Cancel").clicked() {
                actions.push(Action::CloseDialog);
            }
        });
    })
}

/// Draws the open dialog.
pub fn show(
    ctx: &egui::Context,
    dialog: &mut Dialog,
    session: &Session,
    actions: &mut Vec<Action>,
) {
    let ws = session.workspace();
    let escape = match dialog {
        Dialog::UnsavedOnClose => modal(ctx, "unsaved", |ui| {
            ui.heading("Save your changes?");
            let unsaved = session.unsaved_claims();
            ui.label(format!(
                "{} claim(s) have changes that are not saved yet:",
                unsaved.len()
            ));
            for id in unsaved.iter().take(10) {
                let text = ws
                    .get(id)
                    .map(|c| c.text.chars().take(70).collect::<String>())
                    .unwrap_or_else(|| "(deleted)".into());
                ui.label(RichText::new(format!("{id}: {text}")).weak());
            }
            if unsaved.len() > 10 {
                ui.label(format!("…and {} more", unsaved.len() - 10));
            }
            ui.horizontal(|ui| {
                if ui.button("Save").clicked() {
                    actions.push(Action::SaveAndQuit);
                }
                if ui.button("Discard").clicked() {
                    actions.push(Action::DiscardAndQuit);
                }
                if ui.button("Cancel").clicked() {
                    actions.push(Action::CloseDialog);
                }
            });
        }),
        Dialog::Conflict(ids) => modal(ctx, "conflict", |ui| {
            ui.heading("Changed on disk");
            ui.label("These claims were deleted on one side and changed on the other since you opened them (a git pull, another reviewer):");
            for id in ids.iter() {
                ui.label(RichText::new(format!("{id}.ron")).monospace());
            }
            ui.label("Nothing was saved. Take their version (undo brings yours back), or keep yours and overwrite theirs.");
            ui.horizontal(|ui| {
                if ui.button("Reload theirs").clicked() {
                    actions.push(Action::TakeTheirs(ids.clone()));
                }
                if ui.button("Keep mine").clicked() {
                    actions.push(Action::SaveOverwriting(ids.clone()));
                }
                if ui.button("Cancel").clicked() {
                    actions.push(Action::CloseDialog);
                }
            });
        }),
        Dialog::Recovered(restored) => modal(ctx, "recovered", |ui| {
            ui.heading("Unsaved changes restored");
            ui.label(format!(
                "The last session on this workspace ended without saving (a crash, or the program was killed). Its unsaved changes to {} claim(s) are back, still unsaved:",
                restored.claims.len()
            ));
            for id in restored.claims.iter().take(12) {
                ui.label(RichText::new(id.as_str()).monospace());
            }
            if restored.claims.len() > 12 {
                ui.label(format!("…and {} more", restored.claims.len() - 12));
            }
            if !restored.merged.is_empty() {
                ui.label(format!(
                    "{} of them changed on disk since and were merged with those changes{}.",
                    restored.merged.len(),
                    if restored.unsettled.is_empty() {
                        ""
                    } else {
                        "; where both changed the same field, choose a value before saving"
                    }
                ));
            }
            ui.horizontal(|ui| {
                if ui.button("Keep them").clicked() {
                    actions.push(Action::CloseDialog);
                }
                if ui
                    .button("Discard them")
                    .on_hover_text("Go back to the files on disk (undo brings the changes back)")
                    .clicked()
                {
                    actions.push(Action::TakeTheirs(restored.claims.clone()));
                }
            });
        }),
        Dialog::SaveMerge(ids) => modal(ctx, "save-merge", |ui| {
            ui.heading("Changed here and on disk");
            ui.label(
                "Someone else changed these claims' files since you opened them (a git pull, \
                 another reviewer). What only one side changed has been merged. Both sides \
                 changed the fields below: keep yours or take theirs for each. Nothing is \
                 saved until every field is chosen.",
            );
            // Only the claims of this dialog are looked at, not every unsaved one, each frame.
            let unsettled: std::collections::BTreeSet<&ClaimId> =
                ids.iter().filter(|id| session.is_unsettled(id)).collect();
            egui::ScrollArea::vertical()
                .max_height(ctx.content_rect().height() * 0.6)
                .show(ui, |ui| {
                    for id in ids.iter().filter(|id| unsettled.contains(id)) {
                        let Some(claim) = ws.get(id) else { continue };
                        let Some(conflict) = &claim.conflict else {
                            continue;
                        };
                        ui.separator();
                        ui.label(
                            RichText::new(format!("{}: {}", claim.claimant, claim.text)).strong(),
                        );
                        super::claim_view::conflict_fields(ui, claim, conflict, true, actions);
                    }
                });
            ui.separator();
            ui.horizontal(|ui| {
                let save = ui.add_enabled(unsettled.is_empty(), egui::Button::new("Save"));
                if save.clicked() {
                    actions.push(Action::SaveOverwriting(Vec::new()));
                }
                if ui
                    .button("Later")
                    .on_hover_text("Choose in the claim view, then save")
                    .clicked()
                {
                    actions.push(Action::CloseDialog);
                }
            });
        }),
        Dialog::ConfirmDelete(id) => modal(ctx, "delete", |ui| {
            ui.heading("Delete this claim?");
            if let Some(c) = ws.get(id) {
                ui.label(format!("{}: {}", c.claimant, c.text));
            }
            let links = ws.incoming(id).len();
            if links > 0 {
                ui.label(format!(
                    "{links} link(s) from other claims to it are removed too."
                ));
            }
            ui.label("Undo brings it back until you close the window.");
            ui.horizontal(|ui| {
                if ui.button("Delete").clicked() {
                    actions.push(Action::Edit(Edit::DeleteClaim { id: id.clone() }));
                    actions.push(Action::CloseDialog);
                }
                if ui.button("Cancel").clicked() {
                    actions.push(Action::CloseDialog);
                }
            });
        }),
        Dialog::NewClaim(form) => modal(ctx, "new-claim", |ui| {
            ui.heading("New claim");
            if !form.title.is_empty() {
                ui.label(RichText::new(format!("Source: {}", form.title)).weak());
            }
            egui::Grid::new("new-claim-form")
                .num_columns(2)
                .show(ui, |ui| {
                    for (name, field) in [
                        ("What is claimed", &mut form.text),
                        ("Who claims it", &mut form.claimant),
                        ("Outlet", &mut form.outlet),
                        ("URL", &mut form.url),
                        ("Publication date", &mut form.date),
                        ("Quote", &mut form.quote),
                    ] {
                        let label = ui.label(name);
                        ui.add(egui::TextEdit::singleline(field).desired_width(380.0))
                            .labelled_by(label.id);
                        ui.end_row();
                    }
                });
            let date = form.date.trim().parse::<PubDate>();
            if let Err(why) = &date {
                ui.label(RichText::new(why).color(ui.visuals().warn_fg_color));
            }
            let ready =
                !form.text.trim().is_empty() && !form.claimant.trim().is_empty() && date.is_ok();
            ui.horizontal(|ui| {
                if ui
                    .add_enabled(ready, egui::Button::new("Create claim"))
                    .clicked()
                {
                    actions.push(Action::CloseDialog);
                    actions.push(Action::AddClaim(ClaimDraft {
                        text: form.text.clone(),
                        claimant: form.claimant.clone(),
                        source: Source {
                            outlet: form.outlet.trim().into(),
                            title: form.title.trim().into(),
                            url: form.url.trim().into(),
                            date: date.unwrap_or_default(),
                            quote: form.quote.trim().into(),
                        },
                        tags: Vec::new(),
                        anchor: form.anchor.clone(),
                    }));
                }
                if ui.button("Cancel").clicked() {
                    actions.push(Action::CloseDialog);
                }
            });
        }),
        Dialog::AddRelation {
            from,
            kind,
            search,
            target,
        } => modal(ctx, "add-relation", |ui| {
            ui.heading("Link to another claim");
            if let Some(c) = ws.get(from) {
                ui.label(RichText::new(&c.text).italics());
            }
            ui.horizontal(|ui| {
                let label = ui.label("This claim");
                egui::ComboBox::from_id_salt("relation-kind")
                    .selected_text(kind.name())
                    .show_ui(ui, |ui| {
                        for k in RelationKind::ALL {
                            ui.selectable_value(kind, k, k.name());
                        }
                    })
                    .response
                    .labelled_by(label.id);
            });
            let label = ui.label("Find the other claim");
            ui.add(
                egui::TextEdit::singleline(search)
                    .hint_text("words from its text or claimant")
                    .desired_width(f32::INFINITY),
            )
            .labelled_by(label.id);
            let filter = crate::model::ClaimFilter {
                search: search.clone(),
                ..Default::default()
            };
            let matcher = filter.matcher();
            egui::ScrollArea::vertical()
                .max_height(260.0)
                .show(ui, |ui| {
                    // At most 50 shown: the search narrows further.
                    for c in ws
                        .claims()
                        .filter(|c| &c.id != from && matcher.matches(c))
                        .take(50)
                    {
                        let text = format!("{} — {}", c.claimant, c.text);
                        if ui
                            .selectable_label(target.as_ref() == Some(&c.id), text)
                            .clicked()
                        {
                            *target = Some(c.id.clone());
                        }
                    }
                });
            ui.horizontal(|ui| {
                if ui
                    .add_enabled(target.is_some(), egui::Button::new("Link"))
                    .clicked()
                    && let Some(t) = target.clone()
                {
                    actions.push(Action::Edit(Edit::AddRelation {
                        id: from.clone(),
                        relation: Relation {
                            kind: *kind,
                            target: t,
                        },
                    }));
                    actions.push(Action::CloseDialog);
                }
                if ui.button("Cancel").clicked() {
                    actions.push(Action::CloseDialog);
                }
            });
        }),
        Dialog::Palette(search) => {
            let verbs: Vec<String> = ws
                .manifest
                .statuses
                .iter()
                .map(|d| ws.manifest.verb(&d.key))
                .collect();
            palette(ctx, search, &verbs, actions)
        }
        Dialog::ClaimReviewSite(site) => modal(ctx, "claimreview-site", |ui| {
            ui.heading("Export ClaimReview");
            ui.label("Each fact-check's url is this address followed by # and the claim's id.");
            let label = ui.label("Where the desk publishes its fact-checks");
            ui.add(
                egui::TextEdit::singleline(site)
                    .hint_text("https://…")
                    .desired_width(380.0),
            )
            .labelled_by(label.id);
            let ok = crate::model::is_web_address(site);
            ui.horizontal(|ui| {
                if ui
                    .add_enabled(ok, egui::Button::new("Choose the file…"))
                    .clicked()
                {
                    actions.push(Action::CloseDialog);
                    actions.push(Action::AskClaimReviewFile(site.trim().to_string()));
                }
                if ui.button("Cancel").clicked() {
                    actions.push(Action::CloseDialog);
                }
            });
        }),
        Dialog::PathPrompt { ask, text } => path_prompt(ctx, ask, text, actions),
        Dialog::AskName { name, then } => ask_name(ctx, name, then, actions),
    };
    if escape {
        actions.push(Action::CloseDialog);
    }
}

/// `verbs` names the status commands, in vocabulary order.
fn palette(
    ctx: &egui::Context,
    search: &mut String,
    verbs: &[String],
    actions: &mut Vec<Action>,
) -> bool {
    modal(ctx, "palette", |ui| {
        ui.heading("Commands");
        let label = ui.label("Find a command");
        ui.add(egui::TextEdit::singleline(search).desired_width(f32::INFINITY))
            .labelled_by(label.id)
            .request_focus();
        let needle = search.to_lowercase();
        egui::Grid::new("palette").num_columns(2).show(ui, |ui| {
            for c in Command::all(verbs.len()) {
                let name = match c {
                    Command::SetStatus(i) => verbs[i as usize].clone(),
                    other => other.label().to_string(),
                };
                if !name.to_lowercase().contains(&needle) {
                    continue;
                }
                if ui.button(&name).clicked() {
                    actions.push(Action::CloseDialog);
                    actions.push(Action::Command(c));
                }
                let keys: Vec<String> = c
                    .shortcuts()
                    .iter()
                    .map(|s| ctx.format_shortcut(s))
                    .collect();
                ui.label(RichText::new(keys.join("  or  ")).monospace());
                ui.end_row();
            }
        });
    })
}
