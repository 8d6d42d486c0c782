//! Modal dialogs: unsaved changes on close, files changed on disk (deleted on one side, or
//! the same fields changed on both), delete, new claim, link
//! picker, command palette, the reason for a status change, the reviewer's name, and a path
//! typed by hand when no file dialog can be shown.
//!
//! Every dialog is anchored at the top centre with a fixed width, so it stays where it is
//! while its content changes (a list of matches shrinking as one types); the first field of
//! a form takes the keyboard when it opens, Enter submits a valid form and Escape cancels.

use super::file_dialog::{Answer, Ask, PathKind};
use super::{Action, Command};
use crate::desk::ClaimDraft;
use crate::edit::Edit;
use crate::model::{ClaimId, PubDate, Relation, RelationKind, SearchIndex, Source};
use crate::session::Session;
use egui::{Key, Modifiers, RichText};

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
    AddRelation(LinkForm),
    /// Every command, searchable.
    Palette(Palette),
    /// The reason for a status change, in a workspace that asks for one with every change.
    Reason(ReasonForm),
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

/// The command palette: what has been typed, and the matching command the keyboard is on.
#[derive(Clone, Debug, Default)]
pub struct Palette {
    search: String,
    /// Position among the commands that match `search`.
    highlight: usize,
}

/// A status change waiting for its reason.
#[derive(Clone, Debug)]
pub struct ReasonForm {
    /// The claims to change: one from the claim view or a shortcut, several from the table.
    ids: Vec<ClaimId>,
    /// The status, by its position in the vocabulary.
    status: usize,
    /// True when the table's bulk bar asked: the change is then one bulk step.
    bulk: bool,
    reason: String,
}

/// The fields of a new claim.
#[derive(Clone, Debug, Default)]
pub struct NewClaimForm {
    text: String,
    claimant: String,
    /// The source's title (an article's headline).
    title: String,
    /// Comma-separated.
    tags: String,
    outlet: String,
    url: String,
    date: String,
    quote: String,
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
            tags: String::new(),
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
        Dialog::AddRelation(LinkForm {
            from,
            kind: RelationKind::Contradicts,
            search: String::new(),
            target: None,
            shown: None,
        })
    }

    /// The command palette.
    pub fn palette() -> Self {
        Dialog::Palette(Palette::default())
    }

    /// Asks why `ids` get the `status`-th status of the vocabulary; `bulk` when the table's
    /// bulk bar asked.
    pub fn reason(ids: Vec<ClaimId>, status: usize, bulk: bool) -> Self {
        Dialog::Reason(ReasonForm {
            ids,
            status,
            bulk,
            reason: String::new(),
        })
    }
}

/// Every dialog is this wide, so that content of changing width does not move it sideways.
const DIALOG_WIDTH: f32 = 560.0;

fn dialog_id(name: &str) -> egui::Id {
    egui::Id::unique(("dialog", name))
}

/// True in the first frames a dialog is shown: its first field takes the keyboard then.
fn just_opened(ctx: &egui::Context, name: &str) -> bool {
    let layer = egui::LayerId::new(egui::Order::Foreground, dialog_id(name));
    !ctx.memory(|m| m.areas().visible_last_frame(&layer))
}

pub(super) fn modal(ctx: &egui::Context, name: &str, content: impl FnOnce(&mut egui::Ui)) -> bool {
    let id = dialog_id(name);
    // Anchored by its top edge: a centred dialog jumps each time its content's height
    // changes, under the pointer that was about to click in it.
    let area = egui::Modal::default_area(id).anchor(egui::Align2::CENTER_TOP, [0.0, 56.0]);
    let style = ctx.global_style();
    // Opaque whatever the theme says, so no claim text shows through a dialog.
    let frame = egui::Frame::popup(&style)
        .fill(style.visuals.window_fill().to_opaque())
        .inner_margin(12);
    let response = egui::Modal::new(id)
        .area(area)
        .frame(frame)
        .show(ctx, |ui| {
            ui.set_width(DIALOG_WIDTH);
            content(ui);
        });
    response.should_close()
}

/// Enter pressed in one of a form's single-line fields: the field gave up the keyboard.
/// When the form cannot be submitted yet, the field takes it back.
fn entered(ui: &egui::Ui, fields: &[egui::Response], ready: bool) -> bool {
    let Some(field) = fields.iter().find(|f| f.lost_focus()) else {
        return false;
    };
    if !ui.input(|i| i.key_pressed(Key::Enter)) {
        return false;
    }
    if !ready {
        field.request_focus();
    }
    ready
}

/// Draws a dialog that needs no workspace.
pub fn show_without_session(ctx: &egui::Context, dialog: &mut Dialog, actions: &mut Vec<Action>) {
    let escape = match dialog {
        Dialog::Palette(state) => palette(ctx, state, &[], actions),
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
/// `index` is the claim list's search index when it is up to date with `session`.
pub fn show(
    ctx: &egui::Context,
    dialog: &mut Dialog,
    session: &Session,
    index: Option<&SearchIndex>,
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
        Dialog::NewClaim(form) => new_claim(ctx, form, actions),
        Dialog::AddRelation(form) => add_relation(ctx, session, index, form, actions),
        Dialog::Palette(state) => {
            let verbs: Vec<String> = ws
                .manifest
                .statuses
                .iter()
                .map(|d| ws.manifest.verb(&d.key))
                .collect();
            palette(ctx, state, &verbs, actions)
        }
        Dialog::Reason(form) => reason(ctx, session, form, actions),
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

/// The new-claim form: the first field has the keyboard when it opens, Enter in any field
/// creates the claim once it has a text, a claimant and a readable date.
fn new_claim(ctx: &egui::Context, form: &mut NewClaimForm, actions: &mut Vec<Action>) -> bool {
    let fresh = just_opened(ctx, "new-claim");
    modal(ctx, "new-claim", |ui| {
        ui.heading("New claim");
        let mut fields = Vec::new();
        egui::Grid::new("new-claim-form")
            .num_columns(2)
            .show(ui, |ui| {
                for (name, field, hint) in [
                    ("What is claimed", &mut form.text, ""),
                    ("Who claims it", &mut form.claimant, ""),
                    ("Source title", &mut form.title, "the article's headline"),
                    ("Outlet", &mut form.outlet, ""),
                    ("URL", &mut form.url, ""),
                    (
                        "Publication date",
                        &mut form.date,
                        "24 April 2024, April 24, 2024, 2024-04-24…",
                    ),
                    ("Quote", &mut form.quote, ""),
                    ("Tags, comma-separated", &mut form.tags, "iran, trade"),
                ] {
                    let label = ui.label(name);
                    let response = ui
                        .add(
                            egui::TextEdit::singleline(field)
                                .hint_text(hint)
                                .desired_width(400.0),
                        )
                        .labelled_by(label.id);
                    fields.push(response);
                    ui.end_row();
                }
            });
        if fresh && let Some(first) = fields.first() {
            first.request_focus();
        }
        let date = PubDate::from_typed(&form.date);
        match &date {
            Err(why) => {
                ui.label(RichText::new(why).color(ui.visuals().warn_fg_color));
            }
            // Says how a date in words was read, so a slip ("4 Apr" for "14 Apr") shows.
            Ok(d) if !d.is_empty() && d.to_string() != form.date.trim() => {
                ui.label(RichText::new(format!("Publication date read as {d}")).weak());
            }
            Ok(_) => {}
        }
        let ready =
            !form.text.trim().is_empty() && !form.claimant.trim().is_empty() && date.is_ok();
        let enter = entered(ui, &fields, ready);
        ui.horizontal(|ui| {
            let create = ui.add_enabled(ready, egui::Button::new("Create claim"));
            if create.clicked() || enter {
                actions.push(Action::CloseDialog);
                actions.push(Action::AddClaim(ClaimDraft {
                    text: form.text.clone(),
                    claimant: form.claimant.clone(),
                    source: Source {
                        outlet: form.outlet.trim().into(),
                        title: form.title.trim().into(),
                        url: form.url.trim().into(),
                        date: date.clone().unwrap_or_default(),
                        quote: form.quote.trim().into(),
                    },
                    tags: form.tags.split(',').map(str::to_string).collect(),
                    anchor: form.anchor.clone(),
                }));
            }
            if ui.button("Cancel").clicked() {
                actions.push(Action::CloseDialog);
            }
        });
    })
}

/// The link picker's state.
#[derive(Clone, Debug)]
pub struct LinkForm {
    /// The claim that gets the link.
    from: ClaimId,
    /// The kind chosen.
    kind: RelationKind,
    /// The search over the other claims.
    search: String,
    /// The claim picked.
    target: Option<ClaimId>,
    /// The claims listed, with the search and the session's generation they were found for:
    /// found again only when either changes, not at every frame (a pass over 100,000 claims
    /// when few match).
    shown: Option<(String, u64, Vec<ClaimId>)>,
}

/// At most this many claims are listed: the search narrows further.
const LINK_ROWS: usize = 50;

/// The link picker: the search field has the keyboard when it opens; the list of matches
/// has a fixed height, so the dialog keeps its size as the list shrinks.
fn add_relation(
    ctx: &egui::Context,
    session: &Session,
    index: Option<&SearchIndex>,
    form: &mut LinkForm,
    actions: &mut Vec<Action>,
) -> bool {
    let ws = session.workspace();
    let LinkForm {
        from,
        kind,
        search,
        target,
        shown,
    } = form;
    let fresh = just_opened(ctx, "add-relation");
    modal(ctx, "add-relation", |ui| {
        ui.heading("Link to another claim");
        if let Some(c) = ws.get(from) {
            ui.add(egui::Label::new(RichText::new(&*c.text).italics()).truncate());
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
        let field = ui
            .add(
                egui::TextEdit::singleline(search)
                    .hint_text("words from its text or claimant")
                    .desired_width(f32::INFINITY),
            )
            .labelled_by(label.id);
        if fresh {
            field.request_focus();
        }
        let generation = session.generation();
        // The claim list brings its index up to date earlier in the frame; until it has,
        // the list shown stays as it was.
        if let Some(index) = index
            && !matches!(shown, Some((s, g, _)) if s == search && *g == generation)
        {
            let filter = crate::model::ClaimFilter {
                search: search.clone(),
                ..Default::default()
            };
            let ids: Vec<ClaimId> = (index.filter(&filter).into_iter())
                .map(|i| index.id(i))
                .filter(|id| *id != from)
                .take(LINK_ROWS)
                .cloned()
                .collect();
            // Enter links the claim picked: never one the search no longer lists.
            if target.as_ref().is_some_and(|t| !ids.contains(t)) {
                *target = None;
            }
            *shown = Some((search.clone(), generation, ids));
        }
        let ids = shown.as_ref().map_or(&[][..], |(_, _, ids)| &ids[..]);
        let rows: Vec<&crate::model::Claim> = ids.iter().filter_map(|id| ws.get(id)).collect();
        // Down and Up choose among them from the search box: the keyboard alone links.
        let step = if field.has_focus() {
            ui.input_mut(|i| {
                if i.consume_key(egui::Modifiers::NONE, Key::ArrowDown) {
                    1
                } else if i.consume_key(egui::Modifiers::NONE, Key::ArrowUp) {
                    -1
                } else {
                    0
                }
            })
        } else {
            0
        };
        if step != 0 && !rows.is_empty() {
            let at = target
                .as_ref()
                .and_then(|t| rows.iter().position(|c| &c.id == t));
            let next = match (at, step > 0) {
                (None, true) => 0,
                (None, false) => rows.len() - 1,
                (Some(i), true) => (i + 1).min(rows.len() - 1),
                (Some(i), false) => i.saturating_sub(1),
            };
            *target = Some(rows[next].id.clone());
        }
        egui::ScrollArea::vertical()
            .min_scrolled_height(260.0)
            .max_height(260.0)
            .auto_shrink([false, false])
            .show(ui, |ui| {
                for c in &rows {
                    let text = format!("{} — {}", c.claimant, c.text);
                    let chosen = target.as_ref() == Some(&c.id);
                    let row = ui.add(egui::Button::selectable(chosen, text).truncate());
                    if row.clicked() {
                        *target = Some(c.id.clone());
                    }
                    if chosen && step != 0 {
                        row.scroll_to_me(None);
                    }
                }
                if rows.is_empty() {
                    ui.label(RichText::new("No other claim matches").weak());
                }
            });
        let enter = entered(ui, std::slice::from_ref(&field), target.is_some());
        ui.horizontal(|ui| {
            let link = ui.add_enabled(target.is_some(), egui::Button::new("Link"));
            if (link.clicked() || enter)
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
    })
}

/// Asks why, before a status change in a workspace that requires a reason. Enter gives the
/// verdict (Shift+Enter starts a new line).
fn reason(
    ctx: &egui::Context,
    session: &Session,
    form: &mut ReasonForm,
    actions: &mut Vec<Action>,
) -> bool {
    let manifest = &session.workspace().manifest;
    let Some(def) = manifest.statuses.get(form.status) else {
        return true;
    };
    let verb = manifest.verb(&def.key);
    let fresh = just_opened(ctx, "reason");
    modal(ctx, "reason", |ui| {
        ui.heading(format!("{verb}: why?"));
        ui.label(
            "This workspace asks for a reason with every status change. It goes into the \
             claim's history and joins its notes.",
        );
        match form.ids.as_slice() {
            [one] => {
                if let Some(c) = session.workspace().get(one) {
                    ui.add(egui::Label::new(RichText::new(&*c.text).italics()).truncate());
                }
            }
            many => {
                ui.label(format!(
                    "{} claims get this status and this reason.",
                    many.len()
                ));
            }
        }
        let label = ui.label("Reason for the change");
        let field = ui
            .add(
                egui::TextEdit::multiline(&mut form.reason)
                    .desired_rows(3)
                    .desired_width(f32::INFINITY)
                    .hint_text("What did you check? Enter gives the verdict.")
                    .return_key(egui::KeyboardShortcut::new(Modifiers::SHIFT, Key::Enter)),
            )
            .labelled_by(label.id);
        if fresh {
            field.request_focus();
        }
        let ready = !form.reason.trim().is_empty();
        let enter = ready
            && field.has_focus()
            && ui.input(|i| i.key_pressed(Key::Enter) && !i.modifiers.shift);
        ui.horizontal(|ui| {
            let give = ui.add_enabled(ready, egui::Button::new(verb.as_str()));
            if give.clicked() || enter {
                actions.push(Action::CloseDialog);
                let reason = form.reason.trim().to_string();
                actions.push(match form.ids.as_slice() {
                    [one] if !form.bulk => Action::Verdict(one.clone(), form.status, reason),
                    _ => Action::BulkStatus(form.ids.clone(), form.status, reason),
                });
            }
            if ui.button("Cancel").clicked() {
                actions.push(Action::CloseDialog);
            }
        });
    })
}

/// The height of the palette's list: fixed, so the palette keeps its size as it narrows.
const PALETTE_LIST_HEIGHT: f32 = 320.0;

/// Every command, narrowed by what is typed. The search field has the keyboard; Up and Down
/// move the highlight, Enter runs the highlighted command, Tab reaches the list itself.
/// `verbs` names the status commands, in vocabulary order.
fn palette(
    ctx: &egui::Context,
    state: &mut Palette,
    verbs: &[String],
    actions: &mut Vec<Action>,
) -> bool {
    let fresh = just_opened(ctx, "palette");
    let search_id = egui::Id::unique("palette-search");
    let needle = state.search.trim().to_lowercase();
    let matching: Vec<(Command, String)> = Command::all(verbs.len())
        .into_iter()
        .map(|c| match c {
            Command::SetStatus(i) => (c, verbs[i as usize].clone()),
            other => (other, other.label().to_string()),
        })
        .filter(|(_, name)| name.to_lowercase().contains(&needle))
        .collect();
    // The keys are taken before the search field sees them; a result that has the keyboard
    // (reached with Tab) answers Enter itself, as any button does.
    let in_search = ctx.memory(|m| m.has_focus(search_id) || m.focused().is_none());
    let (down, up, enter) = if in_search {
        ctx.input_mut(|i| {
            (
                i.consume_key(Modifiers::NONE, Key::ArrowDown),
                i.consume_key(Modifiers::NONE, Key::ArrowUp),
                i.consume_key(Modifiers::NONE, Key::Enter),
            )
        })
    } else {
        (false, false, false)
    };
    let last = matching.len().saturating_sub(1);
    if down {
        state.highlight = (state.highlight + 1).min(last);
    }
    if up {
        state.highlight = state.highlight.saturating_sub(1);
    }
    state.highlight = state.highlight.min(last);
    if enter && let Some((c, _)) = matching.get(state.highlight) {
        actions.push(Action::CloseDialog);
        actions.push(Action::Command(*c));
    }
    modal(ctx, "palette", |ui| {
        ui.heading("Commands");
        let label = ui.label("Find a command");
        let field = ui
            .add(
                egui::TextEdit::singleline(&mut state.search)
                    .id(search_id)
                    .hint_text("Up and Down choose, Enter runs, Escape closes")
                    .desired_width(f32::INFINITY),
            )
            .labelled_by(label.id);
        if field.changed() {
            state.highlight = 0;
        }
        if fresh || ui.memory(|m| m.focused().is_none()) {
            field.request_focus();
        }
        egui::ScrollArea::vertical()
            .min_scrolled_height(PALETTE_LIST_HEIGHT)
            .max_height(PALETTE_LIST_HEIGHT)
            .auto_shrink([false, false])
            .show(ui, |ui| {
                if matching.is_empty() {
                    ui.label(
                        RichText::new(format!("No command matches \"{}\"", state.search.trim()))
                            .weak(),
                    );
                }
                for (row, (c, name)) in matching.iter().enumerate() {
                    let on = row == state.highlight;
                    let keys: Vec<String> = c
                        .shortcuts()
                        .iter()
                        .map(|s| ctx.format_shortcut(s))
                        .collect();
                    // One row as wide as the dialog, never wider: the shortcuts are cut
                    // rather than widening the palette.
                    ui.horizontal(|ui| {
                        let button = ui.add(egui::Button::selectable(on, name.as_str()));
                        if on && (up || down) {
                            button.scroll_to_me(None);
                        }
                        if button.clicked() {
                            actions.push(Action::CloseDialog);
                            actions.push(Action::Command(*c));
                        }
                        ui.with_layout(egui::Layout::right_to_left(egui::Align::Center), |ui| {
                            ui.add(
                                egui::Label::new(RichText::new(keys.join("  or  ")).monospace())
                                    .truncate(),
                            );
                        });
                    });
                }
            });
    })
}
