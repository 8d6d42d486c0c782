//! The selected claim (center): its text, claimant and source, all editable in place; tags;
//! links both ways; evidence; the notes thread; the status history.

use super::{Action, Command, status_badge};
use crate::desk::EvidenceDraft;
use crate::edit::Edit;
use crate::model::{
    Assignment, Claim, ClaimId, ClaimantKind, Evidence, Priority, PubDate, Relation, Source,
    Stance, display_time as when, is_web_address,
};
use crate::session::{MergeKey, Session};
use egui::RichText;

/// Draws the claim.
pub fn show(
    ui: &mut egui::Ui,
    session: &Session,
    claim: &Claim,
    dark: bool,
    actions: &mut Vec<Action>,
) {
    let id = &claim.id;
    ui.add_space(4.0);
    ui.label(RichText::new(format!("Claim {id}")).weak());
    if let Some(conflict) = &claim.conflict {
        merge_conflict(ui, claim, conflict, actions);
    }

    let mut text = claim.text.to_string();
    let label = section(ui, "Claim");
    let r = ui
        .add(
            egui::TextEdit::multiline(&mut text)
                .desired_rows(2)
                .desired_width(f32::INFINITY),
        )
        .labelled_by(label.id);
    edited(
        &r,
        text.trim().is_empty(),
        || Edit::SetText {
            id: id.clone(),
            text: text.clone(),
        },
        MergeKey::Text(id.clone()),
        actions,
    );

    egui::Grid::new("claim-fields")
        .num_columns(2)
        .spacing([12.0, 6.0])
        .show(ui, |ui| {
            let mut claimant = claim.claimant.to_string();
            let label = ui.label("Claimant");
            let r = ui
                .add(egui::TextEdit::singleline(&mut claimant).desired_width(f32::INFINITY))
                .labelled_by(label.id);
            edited(
                &r,
                claimant.trim().is_empty(),
                || Edit::SetClaimant {
                    id: id.clone(),
                    claimant: claimant.clone(),
                },
                MergeKey::Claimant(id.clone()),
                actions,
            );
            ui.end_row();
            claimant_kind(ui, claim, actions);
            ui.end_row();
            source_fields(ui, id, &claim.source, actions);
            assignment(ui, claim, actions);
        });
    write_up(ui, claim, actions);
    if let Some(anchor) = &claim.anchor {
        let state = session
            .workspace()
            .document(&anchor.document)
            .map_or("no such document", |d| {
                crate::model::locate(&d.text, &anchor.quote).state.name()
            });
        let text = format!(
            "Quote in sources/{} ({state}): show the document",
            anchor.document
        );
        if ui.link(text).clicked() {
            actions.push(Action::ShowDocument(anchor.document.clone()));
        }
    }
    if is_web_address(&claim.source.url) && ui.button("Open the source in the browser").clicked() {
        actions.push(Action::OpenUrl(claim.source.url.to_string()));
    }

    ui.add_space(8.0);
    tags(ui, claim, actions);
    ui.add_space(8.0);
    links(ui, session, claim, dark, actions);
    ui.add_space(8.0);
    similar(ui, session, claim, dark, actions);
    ui.add_space(8.0);
    evidence(ui, claim, actions);
    ui.add_space(8.0);
    notes_and_history(ui, session, claim);
    ui.add_space(12.0);
    if ui.button("Delete claim…").clicked() {
        actions.push(Action::Command(Command::DeleteClaim));
    }
}

/// Person or organization: ClaimReview types the claimant by it.
fn claimant_kind(ui: &mut egui::Ui, claim: &Claim, actions: &mut Vec<Action>) {
    let label = ui.label("Claimant is");
    let name = |k: Option<ClaimantKind>| match k {
        None => "not said",
        Some(ClaimantKind::Person) => "a person",
        Some(ClaimantKind::Organization) => "an organization",
    };
    let mut kind = claim.claimant_kind;
    egui::ComboBox::from_id_salt(("claimant-kind", &claim.id))
        .selected_text(name(kind))
        .show_ui(ui, |ui| {
            for k in [
                None,
                Some(ClaimantKind::Person),
                Some(ClaimantKind::Organization),
            ] {
                ui.selectable_value(&mut kind, k, name(k));
            }
        })
        .response
        .labelled_by(label.id);
    if kind != claim.claimant_kind {
        actions.push(Action::Edit(Edit::SetClaimantKind {
            id: claim.id.clone(),
            kind,
        }));
    }
}

/// Who reviews the claim, how urgently, by when. An empty name takes the assignment away;
/// a due date is taken once it is a whole date (YYYY-MM-DD), and kept as typed till then.
fn assignment(ui: &mut egui::Ui, claim: &Claim, actions: &mut Vec<Action>) {
    let id = &claim.id;
    let current = claim.assignment.as_deref().cloned();
    let label = ui.label("Assigned to");
    ui.horizontal(|ui| {
        let mut who = current
            .as_ref()
            .map(|a| a.assignee.clone())
            .unwrap_or_default();
        let r = ui
            .add(
                egui::TextEdit::singleline(&mut who)
                    .hint_text("nobody")
                    .desired_width(180.0),
            )
            .labelled_by(label.id);
        let with = |a: Option<Assignment>| Edit::Assign {
            id: id.clone(),
            assignment: a,
        };
        if r.changed() {
            let next = (!who.trim().is_empty()).then(|| Assignment {
                assignee: who.clone(),
                ..current.clone().unwrap_or(Assignment {
                    assignee: String::new(),
                    priority: Priority::Normal,
                    due: None,
                })
            });
            actions.push(Action::Typed(with(next), MergeKey::Assignment(id.clone())));
        }
        if r.lost_focus() {
            actions.push(Action::EndTyping);
        }
        let Some(a) = current.clone() else { return };
        let priority_label = ui.label("Priority");
        let mut priority = a.priority;
        egui::ComboBox::from_id_salt(("priority", id))
            .selected_text(priority.name())
            .show_ui(ui, |ui| {
                for p in Priority::ALL {
                    ui.selectable_value(&mut priority, p, p.name());
                }
            })
            .response
            .labelled_by(priority_label.id);
        if priority != a.priority {
            actions.push(Action::Edit(with(Some(Assignment {
                priority,
                ..a.clone()
            }))));
        }
        let due_label = ui.label("Due");
        let typed_id = egui::Id::unique(("due-typed", id));
        let mut due: String = ui
            .data(|d| d.get_temp(typed_id))
            .unwrap_or_else(|| a.due.map(|d| d.to_string()).unwrap_or_default());
        let r = ui
            .add(
                egui::TextEdit::singleline(&mut due)
                    .hint_text("YYYY-MM-DD")
                    .desired_width(100.0),
            )
            .labelled_by(due_label.id);
        if r.changed() {
            let parsed = due.trim().parse::<jiff::civil::Date>().ok();
            if parsed.is_some() || due.trim().is_empty() {
                ui.data_mut(|d| d.remove::<String>(typed_id));
                if parsed != a.due {
                    actions.push(Action::Edit(with(Some(Assignment {
                        due: parsed,
                        ..a.clone()
                    }))));
                }
            } else {
                ui.data_mut(|d| d.insert_temp(typed_id, due));
            }
        }
    });
    ui.end_row();
}

/// The verdict explained for readers: ClaimReview's reviewBody, the report's "What we found".
fn write_up(ui: &mut egui::Ui, claim: &Claim, actions: &mut Vec<Action>) {
    ui.add_space(6.0);
    let label = section(ui, "What we found (for readers)");
    let mut text = claim.write_up.to_string();
    let r = ui
        .add(
            egui::TextEdit::multiline(&mut text)
                .desired_rows(2)
                .desired_width(f32::INFINITY)
                .hint_text("The verdict explained for readers: it is published with it."),
        )
        .labelled_by(label.id);
    edited(
        &r,
        false,
        || Edit::SetWriteUp {
            id: claim.id.clone(),
            text: text.clone(),
        },
        MergeKey::WriteUp(claim.id.clone()),
        actions,
    );
}

/// Emits the edit for a changed field (merged while typing) and ends the merge on blur.
fn edited(
    r: &egui::Response,
    blank: bool,
    edit: impl FnOnce() -> Edit,
    key: MergeKey,
    actions: &mut Vec<Action>,
) {
    if r.changed() && !blank {
        actions.push(Action::Typed(edit(), key));
    }
    if r.lost_focus() {
        actions.push(Action::EndTyping);
    }
}

/// Puts a typed value into one text field of a source.
type SetSourceField = fn(&mut Source, String);

fn source_fields(ui: &mut egui::Ui, id: &ClaimId, source: &Source, actions: &mut Vec<Action>) {
    let key = MergeKey::Source(id.clone());
    let fields: [(&str, &str, SetSourceField); 4] = [
        ("Outlet", &source.outlet, |s, v| s.outlet = v.into()),
        ("Title", &source.title, |s, v| s.title = v.into()),
        ("URL", &source.url, |s, v| s.url = v.into()),
        ("Quote", &source.quote, |s, v| s.quote = v.into()),
    ];
    for (name, value, set) in fields {
        let mut typed = value.to_owned();
        let label = ui.label(name);
        let r = ui
            .add(egui::TextEdit::singleline(&mut typed).desired_width(f32::INFINITY))
            .labelled_by(label.id);
        edited(
            &r,
            false,
            || {
                let mut changed = source.clone();
                set(&mut changed, typed.clone());
                Edit::SetSource {
                    id: id.clone(),
                    source: changed,
                }
            },
            key.clone(),
            actions,
        );
        ui.end_row();
    }
    // A date is valid only when complete, so the field keeps what is typed until it parses.
    let label = ui.label("Date");
    let draft_id = egui::Id::unique(("date-draft", id));
    let mut draft: String = ui
        .data(|d| d.get_temp(draft_id))
        .unwrap_or_else(|| source.date.to_string());
    ui.horizontal(|ui| {
        let r = ui
            .add(
                egui::TextEdit::singleline(&mut draft)
                    .hint_text("24 April 2024, 2024-04-24…")
                    .desired_width(160.0),
            )
            .labelled_by(label.id);
        let parsed = PubDate::from_typed(&draft);
        if r.changed()
            && let Ok(date) = &parsed
            && *date != source.date
        {
            let mut changed = source.clone();
            changed.date = *date;
            actions.push(Action::Typed(
                Edit::SetSource {
                    id: id.clone(),
                    source: changed,
                },
                key.clone(),
            ));
        }
        if r.has_focus() {
            ui.data_mut(|d| d.insert_temp(draft_id, draft.clone()));
            if let Err(why) = parsed {
                ui.label(RichText::new(why).color(ui.visuals().warn_fg_color));
            }
        } else {
            ui.data_mut(|d| d.remove::<String>(draft_id));
        }
        if r.lost_focus() {
            actions.push(Action::EndTyping);
        }
    });
    ui.end_row();
}

fn tags(ui: &mut egui::Ui, claim: &Claim, actions: &mut Vec<Action>) {
    ui.horizontal_wrapped(|ui| {
        // A heading like the others, without the room above that would indent this row.
        ui.label(RichText::new("Tags").strong().size(16.5));
        // The new-tag field comes first: a tag added (in alphabetical order among the
        // chips) never moves the field under the pointer.
        let draft_id = egui::Id::unique(("tag-draft", &claim.id));
        let mut draft: String = ui.data(|d| d.get_temp(draft_id)).unwrap_or_default();
        let r = ui.add(
            egui::TextEdit::singleline(&mut draft)
                .hint_text("new tag, Enter")
                .desired_width(120.0),
        );
        let r = r.on_hover_text("Add a tag");
        let entered = r.lost_focus() && ui.input(|i| i.key_pressed(egui::Key::Enter));
        if entered && !draft.trim().is_empty() {
            actions.push(Action::Edit(Edit::AddTag {
                id: claim.id.clone(),
                tag: draft.trim().to_string(),
            }));
            draft.clear();
        }
        ui.data_mut(|d| d.insert_temp(draft_id, draft));
        for tag in &claim.tags {
            let chip = ui
                .button(format!("{tag} ×"))
                .on_hover_text(format!("Remove the tag {tag}"));
            if chip.clicked() {
                actions.push(Action::Edit(Edit::RemoveTag {
                    id: claim.id.clone(),
                    tag: tag.to_string(),
                }));
            }
        }
    });
}

fn links(
    ui: &mut egui::Ui,
    session: &Session,
    claim: &Claim,
    dark: bool,
    actions: &mut Vec<Action>,
) {
    let ws = session.workspace();
    section(ui, "Links");
    let incoming = ws.incoming(&claim.id);
    if claim.relations.is_empty() && incoming.is_empty() {
        ui.label(RichText::new("No links yet.").weak());
    }
    let describe = |relation: &str, other: &ClaimId| match ws.get(other) {
        Some(c) => {
            // The status before the text: the row is cut to one line at its end, never
            // wrapped, so the status is never left alone on a line of its own.
            let text: String = c.text.chars().take(200).collect();
            (
                format!(
                    "{relation}: {} [{}] — {text}",
                    c.claimant,
                    ws.manifest.label(&c.status)
                ),
                Some(&c.status),
            )
        }
        None if session.folder().is_broken(other.as_str()) => (
            format!("{relation}: {other} (its file does not load; see Problems)"),
            None,
        ),
        None => (format!("{relation}: {other} (missing)"), None),
    };
    // Each link: a remove button first, then the link text. The button sits at the left
    // edge, away from where a link click lands, so a double click that navigates cannot also
    // remove the other claim's link; and undo brings a removed link back.
    let mut link_row = |label: &str, other: &ClaimId, holder: &ClaimId, relation: Relation| {
        ui.horizontal(|ui| {
            let remove = ui
                .small_button("×")
                .on_hover_text("Remove this link (undo brings it back)");
            remove.widget_info(|| {
                egui::WidgetInfo::labeled(egui::Role::Button, true, format!("Remove link: {label}"))
            });
            if remove.clicked() {
                actions.push(Action::Edit(Edit::RemoveRelation {
                    id: holder.clone(),
                    relation,
                }));
            }
            let (text, status) = describe(label, other);
            let mut link = RichText::new(text).underline();
            if let Some(s) = status {
                link = link.color(status_badge::color(&ws.manifest, s, dark));
            }
            let response = ui
                .add(
                    egui::Label::new(link)
                        .truncate()
                        .sense(egui::Sense::click()),
                )
                .on_hover_cursor(egui::CursorIcon::PointingHand);
            if response.clicked() && ws.contains(other) {
                actions.push(Action::Select(other.clone()));
            }
        });
    };
    for rel in &claim.relations {
        link_row(
            rel.kind.forward_label(),
            &rel.target,
            &claim.id,
            rel.clone(),
        );
    }
    for inc in incoming {
        let relation = Relation {
            kind: inc.kind,
            target: claim.id.clone(),
        };
        link_row(inc.kind.reverse_label(), &inc.from, &inc.from, relation);
    }
    if ui.button("Link to another claim…").clicked() {
        actions.push(Action::Command(Command::AddRelation));
    }
}

/// How many similar claims the section lists, and the lowest score it shows.
const SIMILAR_SHOWN: usize = 5;
const SIMILAR_MIN: f32 = 0.2;
/// Workspaces up to this many claims show their similar claims without being asked.
const SIMILAR_OPEN_UP_TO: usize = 20_000;

/// What the similar-claims section found for one claim at one generation of the session,
/// kept in egui's memory: the matcher runs when the claim or the claims change, not per frame.
#[derive(Clone, Default)]
struct SimilarFound {
    claim: Option<ClaimId>,
    generation: u64,
    /// When (egui's clock) it was found: while a claim is being typed into, it is looked
    /// for again at most twice a second, not at every keystroke.
    at: f64,
    hits: Vec<crate::model::Hit>,
}

/// How long found similar claims stand while their claim changes.
const SIMILAR_REFRESH: f64 = 0.5;

/// Claims that say much the same, with their verdicts, and a button that links one as the
/// same assertion. Collapsed, it costs nothing: the matcher is built on first opening.
fn similar(
    ui: &mut egui::Ui,
    session: &Session,
    claim: &Claim,
    dark: bool,
    actions: &mut Vec<Action>,
) {
    // The matcher costs about 1 KB a claim (100 MB at 100,000) and seconds to build: on a
    // big workspace the section starts folded and the reviewer who opens it pays for it.
    let big = session.workspace().len() > SIMILAR_OPEN_UP_TO;
    let header = if big && !session.similar_ready() {
        "Similar claims (opening looks through every claim: seconds, and memory)"
    } else {
        "Similar claims"
    };
    let header = RichText::new(header).strong().size(16.5);
    egui::CollapsingHeader::new(header)
        .id_salt("similar-claims")
        .default_open(!big)
        .show(ui, |ui| {
            if !session.similar_ready() {
                // Built on another thread the first time (seconds at 100,000 claims).
                actions.push(Action::FindSimilar);
                ui.label(RichText::new("Finding similar claims…").weak());
                return;
            }
            let key = egui::Id::unique("similar-claims-found");
            let mut found: SimilarFound = ui.data(|d| d.get_temp(key)).unwrap_or_default();
            let now = ui.input(|i| i.time);
            let other_claim = found.claim.as_ref() != Some(&claim.id);
            let changed = found.generation != session.generation();
            if changed && !other_claim && now - found.at < SIMILAR_REFRESH {
                ui.ctx()
                    .request_repaint_after_secs((SIMILAR_REFRESH - (now - found.at)) as f32);
            } else if other_claim || changed {
                found = SimilarFound {
                    claim: Some(claim.id.clone()),
                    generation: session.generation(),
                    at: now,
                    hits: session.with_similar(|index, _| {
                        index.similar_to(&claim.id, &claim.text, SIMILAR_SHOWN)
                    }),
                };
                ui.data_mut(|d| d.insert_temp(key, found.clone()));
            }
            let ws = session.workspace();
            let linked = |other: &ClaimId| {
                claim.relations.iter().any(|r| &r.target == other)
                    || ws.incoming(&claim.id).iter().any(|i| &i.from == other)
            };
            let mut shown = 0;
            for hit in found.hits.iter().filter(|h| h.score >= SIMILAR_MIN) {
                let Some(other) = ws.get(&hit.id) else {
                    continue;
                };
                shown += 1;
                ui.horizontal(|ui| {
                    if linked(&hit.id) {
                        ui.label(RichText::new("linked").weak());
                    } else {
                        let button = ui
                            .small_button("Same as")
                            .on_hover_text("Link this claim to that one as the same assertion");
                        button.widget_info(|| {
                            egui::WidgetInfo::labeled(
                                egui::Role::Button,
                                true,
                                format!("Same as {}", hit.id),
                            )
                        });
                        if button.clicked() {
                            actions.push(Action::LinkSameAs(claim.id.clone(), hit.id.clone()));
                        }
                    }
                    let verdict = match crate::model::checked(other, &ws.manifest) {
                        Some(c) => c.describe().replacen("already checked", "checked", 1),
                        None => ws.manifest.label(&other.status).to_string(),
                    };
                    let text: String = other.text.chars().take(200).collect();
                    let row = RichText::new(format!("{:.2} [{verdict}] {text}", hit.score))
                        .color(status_badge::color(&ws.manifest, &other.status, dark));
                    let response = ui
                        .add(egui::Label::new(row).truncate().sense(egui::Sense::click()))
                        .on_hover_text(format!("{}: {}", hit.id, other.text))
                        .on_hover_cursor(egui::CursorIcon::PointingHand);
                    if response.clicked() {
                        actions.push(Action::Select(hit.id.clone()));
                    }
                });
            }
            if shown == 0 {
                ui.label(RichText::new("No similar claims.").weak());
            }
        });
}

/// The add-evidence form, kept in egui's memory between frames.
#[derive(Clone)]
struct EvidenceForm {
    stance: Stance,
    title: String,
    url: String,
    note: String,
}

impl Default for EvidenceForm {
    fn default() -> Self {
        Self {
            stance: Stance::Supports,
            title: String::new(),
            url: String::new(),
            note: String::new(),
        }
    }
}

fn draft_of(e: &Evidence) -> EvidenceDraft {
    EvidenceDraft {
        stance: e.stance,
        title: e.title.to_string(),
        url: e.url.to_string(),
        note: e.note.to_string(),
    }
}

/// The fields of one evidence item, editable in place: each change is a correction through
/// the desk, merged into one undo step per burst of typing.
fn evidence_editor(
    ui: &mut egui::Ui,
    id: &ClaimId,
    index: usize,
    e: &Evidence,
    actions: &mut Vec<Action>,
) {
    let mut draft = draft_of(e);
    ui.horizontal(|ui| {
        for (stance, word) in [
            (Stance::Supports, "Supports"),
            (Stance::Refutes, "Refutes"),
            (Stance::Context, "Context"),
        ] {
            if ui.radio_value(&mut draft.stance, stance, word).changed() {
                actions.push(Action::EditEvidence {
                    id: id.clone(),
                    index,
                    draft: draft.clone(),
                    typing: false,
                });
            }
        }
    });
    egui::Grid::new(("evidence-edit", id, index))
        .num_columns(2)
        .show(ui, |ui| {
            type Field = fn(&mut EvidenceDraft) -> &mut String;
            let fields: [(&str, Field); 3] = [
                ("title", |d| &mut d.title),
                ("URL", |d| &mut d.url),
                ("note", |d| &mut d.note),
            ];
            for (name, field) in fields {
                let mut changed = draft.clone();
                let label = ui.label(format!("Evidence {} {name}", index + 1));
                let r = ui
                    .add(
                        egui::TextEdit::singleline(field(&mut changed))
                            .desired_width(f32::INFINITY),
                    )
                    .labelled_by(label.id);
                let blank = changed.title.trim().is_empty() && changed.url.trim().is_empty();
                if r.changed() && !blank {
                    actions.push(Action::EditEvidence {
                        id: id.clone(),
                        index,
                        draft: changed,
                        typing: true,
                    });
                }
                if r.lost_focus() {
                    actions.push(Action::EndTyping);
                }
                ui.end_row();
            }
        });
}

fn evidence(ui: &mut egui::Ui, claim: &Claim, actions: &mut Vec<Action>) {
    section(ui, "Evidence");
    if claim.evidence.is_empty() {
        ui.label(RichText::new("No evidence yet.").weak());
    }
    for (index, e) in claim.evidence.iter().enumerate() {
        let editing_id = egui::Id::unique(("editing-evidence", &claim.id, index));
        let mut editing = ui.data(|d| d.get_temp::<bool>(editing_id)).unwrap_or(false);
        ui.horizontal_wrapped(|ui| {
            let stance = match e.stance {
                Stance::Supports => RichText::new("Supports").color(ui.visuals().text_color()),
                Stance::Refutes => RichText::new("Refutes").color(ui.visuals().warn_fg_color),
                Stance::Context => RichText::new("Context").color(ui.visuals().weak_text_color()),
            };
            ui.label(stance.strong());
            ui.label(&e.title);
            if is_web_address(&e.url) && ui.link(&e.url).clicked() {
                actions.push(Action::OpenUrl(e.url.to_string()));
            }
            match &e.archived {
                Some(source)
                    if ui
                        .link("archived copy")
                        .on_hover_text(format!("Show sources/{source}: the page as archived"))
                        .clicked() =>
                {
                    actions.push(Action::ShowDocument(source.to_string()));
                }
                None if is_web_address(&e.url)
                    && ui
                        .small_button("Archive page")
                        .on_hover_text("Keep a copy in sources/, as it is now")
                        .clicked() =>
                {
                    actions.push(Action::ArchiveEvidence(claim.id.clone(), index));
                }
                _ => {}
            }
            if ui
                .selectable_label(editing, "Edit evidence")
                .on_hover_text(format!("Correct \"{}\"", e.title))
                .clicked()
            {
                editing = !editing;
            }
            if ui
                .small_button("Remove evidence")
                .on_hover_text(format!("Remove \"{}\"", e.title))
                .clicked()
            {
                actions.push(Action::Edit(Edit::RemoveEvidence {
                    id: claim.id.clone(),
                    index,
                }));
            }
        });
        if !e.note.is_empty() {
            ui.label(&e.note);
        }
        ui.label(
            RichText::new(format!("added by {} {}", e.added_by, when(e.added)))
                .weak()
                .size(12.5),
        );
        if editing {
            ui.indent(editing_id, |ui| {
                evidence_editor(ui, &claim.id, index, e, actions)
            });
        }
        ui.data_mut(|d| d.insert_temp(editing_id, editing));
    }
    egui::CollapsingHeader::new("Add evidence")
        .id_salt(("add-evidence", &claim.id))
        .show(ui, |ui| {
            let draft_id = egui::Id::unique(("evidence-draft", &claim.id));
            let mut draft: EvidenceForm = ui.data(|d| d.get_temp(draft_id)).unwrap_or_default();
            ui.horizontal(|ui| {
                ui.radio_value(&mut draft.stance, Stance::Supports, "Supports the claim");
                ui.radio_value(&mut draft.stance, Stance::Refutes, "Refutes the claim");
                ui.radio_value(&mut draft.stance, Stance::Context, "Context");
            });
            egui::Grid::new(("evidence-form", &claim.id))
                .num_columns(2)
                .show(ui, |ui| {
                    for (name, field) in [
                        ("Evidence title", &mut draft.title),
                        ("Evidence URL", &mut draft.url),
                        ("Evidence note", &mut draft.note),
                    ] {
                        let label = ui.label(name);
                        ui.add(egui::TextEdit::singleline(field).desired_width(f32::INFINITY))
                            .labelled_by(label.id);
                        ui.end_row();
                    }
                });
            let ready = !draft.title.trim().is_empty() || !draft.url.trim().is_empty();
            if ui
                .add_enabled(ready, egui::Button::new("Add evidence"))
                .clicked()
            {
                actions.push(Action::AddEvidence(
                    claim.id.clone(),
                    EvidenceDraft {
                        stance: draft.stance,
                        title: draft.title.clone(),
                        url: draft.url.clone(),
                        note: draft.note.clone(),
                    },
                ));
                draft = EvidenceForm::default();
            }
            ui.data_mut(|d| d.insert_temp(draft_id, draft));
        });
}

fn notes_and_history(ui: &mut egui::Ui, session: &Session, claim: &Claim) {
    section(ui, "Notes");
    if claim.notes.is_empty() {
        ui.label(RichText::new("No notes yet.").weak());
    }
    for note in &claim.notes {
        ui.label(
            RichText::new(format!("{} · {}", note.author, when(note.time)))
                .weak()
                .size(12.5),
        );
        ui.label(&note.text);
        ui.add_space(4.0);
    }
    ui.add_space(8.0);
    ui.label(RichText::new("Status history").strong());
    if claim.history.is_empty() {
        ui.label(RichText::new("Never reviewed.").weak());
    }
    let m = &session.workspace().manifest;
    for h in &claim.history {
        let reason = if h.reason.is_empty() {
            String::new()
        } else {
            format!(" — {}", h.reason)
        };
        ui.label(format!(
            "{} {}: {}{reason}",
            when(h.time),
            h.by,
            h.change(m)
        ));
    }
}

/// Fields a merge left for a person (a git merge, or a save over a changed file).
fn merge_conflict(
    ui: &mut egui::Ui,
    claim: &Claim,
    conflict: &crate::model::MergeConflict,
    actions: &mut Vec<Action>,
) {
    egui::Frame::group(ui.style())
        .stroke(egui::Stroke::new(1.0, ui.visuals().warn_fg_color))
        .show(ui, |ui| {
            ui.label(
                RichText::new("Merge conflict: two people changed these fields differently")
                    .color(ui.visuals().warn_fg_color)
                    .strong(),
            );
            conflict_fields(ui, claim, conflict, false, actions);
        });
}

/// Each conflicting field with both values side by side, and one click to keep mine or take
/// theirs. The buttons say "Keep my status" in the save dialog and "Keep mine (status)" in the
/// claim view behind it, so that each has a name of its own.
pub(crate) fn conflict_fields(
    ui: &mut egui::Ui,
    claim: &Claim,
    conflict: &crate::model::MergeConflict,
    in_dialog: bool,
    actions: &mut Vec<Action>,
) {
    for field in &conflict.fields {
        let name = field.name();
        ui.label(RichText::new(name).strong());
        ui.columns(2, |columns| {
            let sides = [
                ("Mine", "Keep mine", "Keep my", field.value(claim), false),
                (
                    "Theirs",
                    "Take theirs",
                    "Take their",
                    field.value(&conflict.theirs),
                    true,
                ),
            ];
            for (column, (side, verb, short, value, theirs)) in columns.iter_mut().zip(sides) {
                column.label(RichText::new(side).weak());
                column.label(if value.is_empty() {
                    "(empty)".into()
                } else {
                    value
                });
                let label = if in_dialog {
                    format!("{short} {name}")
                } else {
                    format!("{verb} ({name})")
                };
                if column.button(label).clicked() {
                    actions.push(Action::Edit(Edit::ResolveConflict {
                        id: claim.id.clone(),
                        field: *field,
                        theirs,
                    }));
                }
            }
        });
    }
}

/// A section heading of the claim view: larger than the fields' text, with room above, so the
/// sections stand apart while scrolling.
fn section(ui: &mut egui::Ui, name: &str) -> egui::Response {
    ui.add_space(6.0);
    ui.label(RichText::new(name).strong().size(16.5))
}
