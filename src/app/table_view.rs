//! The table: the claims the list's filter keeps, one row each, in columns (status, claim,
//! claimant, date, assignee, priority, due, last change, tags) that sort on a click and
//! resize. Rows are selected with a click, Ctrl+click (one more) and Shift+click (a range),
//! or all with Ctrl+A; the bar above acts on the selection in one undo step: a verdict with
//! one reason, a tag, an assignment.
//!
//! Only the visible rows are laid out; the order is made again only when the claims, the
//! filter or the sort change, from fixed-size keys in the search index.

use super::Action;
use crate::model::{ClaimFilter, ClaimId, SearchIndex, SortKey, display_time};
use crate::session::Session;
use egui::RichText;
use egui_extras::{Column, TableBuilder};
use std::collections::BTreeSet;

/// The columns, with the order each sorts by.
const COLUMNS: [(&str, SortKey, f32); 9] = [
    ("Status", SortKey::Status, 100.0),
    ("Claim", SortKey::Text, 320.0),
    ("Claimant", SortKey::Claimant, 180.0),
    ("Date", SortKey::Date, 80.0),
    ("Assignee", SortKey::Assignee, 120.0),
    ("Priority", SortKey::Priority, 70.0),
    ("Due", SortKey::Due, 90.0),
    ("Last change", SortKey::LastChange, 130.0),
    ("Tags", SortKey::Tags, 160.0),
];

const ROW_HEIGHT: f32 = 22.0;

/// The table's state: its order and the selection.
#[derive(Default)]
pub struct TableView {
    sort: SortKey,
    descending: bool,
    /// What `rows` was made for: the claims' generation, the filter, the order.
    key: Option<(u64, ClaimFilter, SortKey, bool)>,
    /// Positions in the search index, in the table's order.
    rows: Vec<u32>,
    /// Every claim's position in each order asked for, for the claims' current generation:
    /// going back to a column costs one pass, not a sort of every claim.
    orders: std::collections::HashMap<SortKey, Vec<u32>>,
    orders_of: Option<u64>,
    /// The selected claims.
    pub selected: BTreeSet<ClaimId>,
    /// The row a Shift+click range starts from.
    anchor: Option<usize>,
    bulk: BulkForm,
}

/// What the bulk bar holds between frames.
#[derive(Default)]
struct BulkForm {
    status: usize,
    reason: String,
    tag: String,
    assignee: String,
}

impl TableView {
    /// Orders the rows again if the claims, the filter or the sort changed.
    fn refresh(
        &mut self,
        session: &Session,
        filter: &ClaimFilter,
        index: &SearchIndex,
        shown: &[bool],
    ) {
        let generation = session.generation();
        // Compared in place: the filter is cloned only when the rows are made again.
        let same = self.key.as_ref().is_some_and(|(g, f, sort, desc)| {
            *g == generation && f == filter && *sort == self.sort && *desc == self.descending
        });
        if same {
            return;
        }
        let key = (generation, filter.clone(), self.sort, self.descending);
        if self.orders_of != Some(generation) {
            self.orders.clear();
            self.orders_of = Some(generation);
        }
        let order = self.orders.entry(self.sort).or_insert_with(|| {
            let mut all: Vec<u32> = (0..index.len() as u32).collect();
            index.sort(session.workspace(), &mut all, self.sort);
            all
        });
        let mut rows: Vec<u32> = order
            .iter()
            .copied()
            .filter(|&i| shown.get(i as usize) == Some(&true))
            .collect();
        if self.descending {
            rows.reverse();
        }
        self.rows = rows;
        self.key = Some(key);
        // Row numbers mean other claims now: a range starts afresh.
        self.anchor = None;
        // Claims gone from the workspace are not selected any more.
        let ws = session.workspace();
        self.selected.retain(|id| ws.contains(id));
    }

    /// Orders by `sort`; the same column again turns the order round.
    pub fn sort_by(&mut self, sort: SortKey) {
        if self.sort == sort {
            self.descending = !self.descending;
        } else {
            self.sort = sort;
            self.descending = false;
        }
    }
}

/// Draws the table.
pub fn show(
    ui: &mut egui::Ui,
    table: &mut TableView,
    session: &Session,
    filter: &ClaimFilter,
    filtered: Option<(&SearchIndex, &[bool])>,
    actions: &mut Vec<Action>,
) {
    let Some((index, shown)) = filtered else {
        return;
    };
    index.prepare_table_keys(session.workspace());
    table.refresh(session, filter, index, shown);
    let ws = session.workspace();
    // Ctrl+A selects every row, unless a text field has the keyboard.
    if !ui.ctx().egui_wants_keyboard_input()
        && ui.input_mut(|i| i.consume_key(egui::Modifiers::COMMAND, egui::Key::A))
    {
        table.selected = table.rows.iter().map(|&r| index.id(r).clone()).collect();
    }
    bulk_bar(ui, table, session, actions);
    let today = jiff::Zoned::now().date();
    let mut clicked: Option<(usize, egui::Modifiers, bool)> = None;
    let mut sort = None;
    // Wider than the window when the columns are: the table scrolls sideways too.
    egui::ScrollArea::horizontal()
        .id_salt("claim-table-sideways")
        .show(ui, |ui| {
            let mut builder = TableBuilder::new(ui)
                .id_salt("claim-table")
                .striped(true)
                .resizable(true)
                .sense(egui::Sense::click())
                .auto_shrink([false, false])
                .cell_layout(egui::Layout::left_to_right(egui::Align::Center));
            for (_, _, width) in COLUMNS {
                builder = builder.column(Column::initial(width).at_least(40.0).clip(true));
            }
            builder
                .header(24.0, |mut header| {
                    for (name, key, _) in COLUMNS {
                        header.col(|ui| {
                            let arrow = match (table.sort == key, table.descending) {
                                (true, false) => " (ascending)",
                                (true, true) => " (descending)",
                                _ => "",
                            };
                            let label = format!("{name}{arrow}");
                            if ui
                                .button(RichText::new(label).strong())
                                .on_hover_text(format!("Sort by {}", name.to_lowercase()))
                                .clicked()
                            {
                                sort = Some(key);
                            }
                        });
                    }
                })
                .body(|body| {
                    body.rows(ROW_HEIGHT, table.rows.len(), |mut row| {
                        let at = row.index();
                        let id = index.id(table.rows[at]);
                        let Some(claim) = ws.get(id) else { return };
                        row.set_selected(table.selected.contains(id));
                        let a = claim.assignment.as_ref();
                        let last = claim
                            .notes
                            .iter()
                            .map(|n| n.time)
                            .chain(claim.history.iter().map(|h| h.time))
                            .chain(claim.evidence.iter().map(|e| e.added))
                            .max();
                        let cells = [
                            ws.manifest.label(&claim.status).to_string(),
                            claim.text.to_string(),
                            claim.claimant.to_string(),
                            claim.source.date.to_string(),
                            a.map(|a| a.assignee.clone()).unwrap_or_default(),
                            a.map(|a| a.priority.name().to_string()).unwrap_or_default(),
                            a.and_then(|a| a.due)
                                .map(|d| d.to_string())
                                .unwrap_or_default(),
                            last.map(display_time).unwrap_or_default(),
                            claim.tags.join(", "),
                        ];
                        for (col, text) in cells.into_iter().enumerate() {
                            row.col(|ui| {
                                let mut text = RichText::new(text);
                                if col == 6 && a.is_some_and(|a| a.is_overdue(today)) {
                                    text = text.color(ui.visuals().error_fg_color);
                                }
                                ui.add(egui::Label::new(text).truncate().selectable(false));
                            });
                        }
                        let response = row.response();
                        if response.clicked() {
                            clicked = Some((at, ui_modifiers(&response), false));
                        }
                        if response.double_clicked() {
                            clicked = Some((at, egui::Modifiers::NONE, true));
                        }
                    });
                });
        });
    if let Some(key) = sort {
        table.sort_by(key);
    }
    if let Some((at, modifiers, open)) = clicked {
        let id = index.id(table.rows[at]).clone();
        if open {
            actions.push(Action::ShowClaim(id));
            return;
        }
        if modifiers.shift
            && let Some(from) = table.anchor
        {
            let from = from.min(table.rows.len().saturating_sub(1));
            let (a, b) = if from <= at { (from, at) } else { (at, from) };
            table
                .selected
                .extend(table.rows[a..=b].iter().map(|&r| index.id(r).clone()));
        } else if modifiers.command {
            if !table.selected.remove(&id) {
                table.selected.insert(id.clone());
            }
            table.anchor = Some(at);
        } else {
            table.selected = BTreeSet::from([id.clone()]);
            table.anchor = Some(at);
            actions.push(Action::Select(id));
        }
    }
}

fn ui_modifiers(response: &egui::Response) -> egui::Modifiers {
    response.ctx.input(|i| i.modifiers)
}

/// The actions on the selected rows: a verdict with one reason, a tag, an assignment; each is
/// one undo step.
fn bulk_bar(
    ui: &mut egui::Ui,
    table: &mut TableView,
    session: &Session,
    actions: &mut Vec<Action>,
) {
    let manifest = &session.workspace().manifest;
    let n = table.selected.len();
    ui.horizontal_wrapped(|ui| {
        ui.label(RichText::new(format!("{} rows, {n} selected", table.rows.len())).strong());
        if n == 0 {
            ui.label(
                RichText::new("Click a row to select it; Ctrl+click adds one, Shift+click a range, Ctrl+A all.")
                    .weak(),
            );
            return;
        }
        // Made on a click only: a selection can hold 100,000 claims.
        let ids = |t: &TableView| t.selected.iter().cloned().collect::<Vec<ClaimId>>();
        ui.separator();
        let status_label = ui.label("New status");
        let current = manifest
            .statuses
            .get(table.bulk.status)
            .map_or("", |d| d.label.as_str());
        egui::ComboBox::from_id_salt("bulk-status")
            .selected_text(current)
            .show_ui(ui, |ui| {
                for (i, def) in manifest.statuses.iter().enumerate() {
                    ui.selectable_value(&mut table.bulk.status, i, &def.label);
                }
            })
            .response
            .labelled_by(status_label.id);
        let reason_label = ui.label("Reason");
        ui.add(
            egui::TextEdit::singleline(&mut table.bulk.reason)
                .desired_width(200.0)
                .hint_text("one reason for all"),
        )
        .labelled_by(reason_label.id);
        if ui.button(format!("Set status of {n}")).clicked() {
            actions.push(Action::BulkStatus(
                ids(table),
                table.bulk.status,
                table.bulk.reason.clone(),
            ));
        }
        ui.separator();
        let tag_label = ui.label("Add tag");
        ui.add(egui::TextEdit::singleline(&mut table.bulk.tag).desired_width(100.0))
            .labelled_by(tag_label.id);
        if ui
            .add_enabled(!table.bulk.tag.trim().is_empty(), egui::Button::new(format!("Tag {n}")))
            .clicked()
        {
            actions.push(Action::BulkTag(ids(table), table.bulk.tag.trim().to_string()));
        }
        ui.separator();
        let who_label = ui.label("Assign to");
        ui.add(egui::TextEdit::singleline(&mut table.bulk.assignee).desired_width(120.0))
            .labelled_by(who_label.id);
        if ui
            .add_enabled(
                !table.bulk.assignee.trim().is_empty(),
                egui::Button::new(format!("Assign {n}")),
            )
            .clicked()
        {
            actions.push(Action::BulkAssign(
                ids(table),
                table.bulk.assignee.trim().to_string(),
            ));
        }
        if ui.button("Clear selection").clicked() {
            table.selected.clear();
        }
    });
    ui.separator();
}
