//! The claim list (left): search, filters by status and tag, sorting, counts per status, and
//! the rows. Only visible rows are laid out; the filtered order is cached and recomputed only
//! when the filter, the sort or the claims change.

use super::{Action, status_badge};
use crate::model::{Claim, ClaimFilter, ClaimId, SearchIndex, SortKey};
use crate::session::Session;
use egui::text::LayoutJob;
use egui::{FontId, TextFormat};

/// How the rows are ordered.
pub type SortOrder = SortKey;

const SORTS: [(SortKey, &str); 4] = [
    (SortKey::Id, "Id"),
    (SortKey::Status, "Status"),
    (SortKey::Claimant, "Claimant"),
    (SortKey::LastChange, "Last change"),
];

fn sort_name(key: SortKey) -> &'static str {
    SORTS
        .iter()
        .find(|(k, _)| *k == key)
        .map_or("Id", |(_, l)| l)
}

/// What depends only on the claims: the search index, counts per status, the tags in use.
#[derive(Default)]
struct Stats {
    generation: Option<u64>,
    index: Option<SearchIndex>,
    counts: Vec<usize>,
    tags: Vec<String>,
}

impl Stats {
    /// What `index`, up to date with `generation` of the claims, tells.
    fn of(index: SearchIndex, generation: u64) -> Self {
        Self {
            generation: Some(generation),
            counts: index.counts(),
            tags: index.all_tags(),
            index: Some(index),
        }
    }
}

/// The rows for one filter and order over one generation of the claims: positions in the
/// index, so that a refilter allocates no ids.
#[derive(Default)]
struct Cache {
    key: Option<(u64, ClaimFilter, SortKey)>,
    rows: Vec<u32>,
    /// By index position: whether the claim is among the rows.
    shown: Vec<bool>,
}

/// The list's state.
#[derive(Default)]
pub struct ClaimList {
    /// What to show.
    pub filter: ClaimFilter,
    /// In which order.
    pub sort: SortOrder,
    cache: Cache,
    stats: Stats,
    focus_search: bool,
    reveal_selected: bool,
    /// The rows' scroll area, once drawn.
    rows_area: Option<egui::Id>,
    broken: BrokenRows,
    /// The name being typed for a new saved view, while it is.
    naming: Option<String>,
}

const ROW_HEIGHT: f32 = 44.0;

impl ClaimList {
    /// A list over claims whose index was built already (beside an open, off the UI
    /// thread), as of the session's `generation`.
    pub fn with_index(index: SearchIndex, generation: u64) -> Self {
        Self {
            stats: Stats::of(index, generation),
            ..Self::default()
        }
    }

    /// Puts the keyboard in the search box on the next frame.
    pub fn focus_search(&mut self) {
        self.focus_search = true;
    }

    /// Scrolls the selected row into view on the next frame.
    pub fn reveal_selected(&mut self) {
        self.reveal_selected = true;
    }

    /// True when the list shows the claim `id` (false also before the first frame).
    pub fn shows(&self, id: &ClaimId) -> bool {
        let position = self
            .stats
            .index
            .as_ref()
            .and_then(|index| index.position(id));
        position.is_some_and(|p| self.cache.shown.get(p as usize) == Some(&true))
    }

    /// The search index if it is up to date with the claims at `generation` (other views
    /// search with it: a pass over 100,000 claims takes 50 ms, the index 3).
    pub fn index_at(&self, generation: u64) -> Option<&crate::model::SearchIndex> {
        let current = self.stats.generation == Some(generation);
        self.stats.index.as_ref().filter(|_| current)
    }

    /// The search index, and by index position whether the filter keeps the claim, as of the
    /// last frame (for the table, which orders them its own way).
    pub fn filtered(&self) -> Option<(&crate::model::SearchIndex, &[bool])> {
        Some((self.stats.index.as_ref()?, &self.cache.shown))
    }

    /// The ids shown, in order, as of the last frame.
    pub fn rows(&self) -> Vec<ClaimId> {
        let Some(index) = &self.stats.index else {
            return Vec::new();
        };
        self.cache
            .rows
            .iter()
            .map(|&i| index.id(i).clone())
            .collect()
    }

    /// The row `step` rows away from `from` (the first row when nothing is selected).
    pub fn neighbour(&self, from: Option<&ClaimId>, step: isize) -> Option<ClaimId> {
        let index = self.stats.index.as_ref()?;
        let rows = &self.cache.rows;
        let at = from
            .and_then(|id| index.position(id))
            .and_then(|p| rows.iter().position(|&r| r == p));
        let next = match at {
            Some(i) => i.checked_add_signed(step)?,
            None => 0,
        };
        rows.get(next).map(|&r| index.id(r).clone())
    }

    fn refresh(&mut self, session: &Session) {
        let generation = session.generation();
        if self.stats.generation != Some(generation) {
            // The claims changed: update the index for the claims that changed, or build it
            // again when that is not known (a hundred milliseconds at 100,000 claims).
            let changed = self.stats.generation.and_then(|g| session.changed_since(g));
            let index = match (self.stats.index.take(), changed) {
                (Some(mut index), Some(changed)) => {
                    index.update(session.workspace(), &changed);
                    index
                }
                _ => SearchIndex::build(session.workspace()),
            };
            self.stats = Stats::of(index, generation);
        }
        let key = (generation, self.filter.clone(), self.sort);
        if self.cache.key.as_ref() == Some(&key) {
            return;
        }
        // Another filter or order: the selected claim is brought back into view (an edit
        // alone leaves the list where the reviewer put it).
        if self
            .cache
            .key
            .as_ref()
            .is_some_and(|(_, filter, sort)| *filter != key.1 || *sort != key.2)
        {
            self.reveal_selected = true;
        }
        let index = self.stats.index.as_ref().expect("built above");
        let mut rows = index.filter(&self.filter);
        index.sort(session.workspace(), &mut rows, self.sort);
        let mut shown = vec![false; index.len()];
        for &r in &rows {
            shown[r as usize] = true;
        }
        self.cache = Cache {
            rows,
            shown,
            key: Some(key),
        };
    }

    /// Draws the list.
    pub fn show(
        &mut self,
        ui: &mut egui::Ui,
        session: &Session,
        selected: Option<&ClaimId>,
        dark: bool,
        actions: &mut Vec<Action>,
    ) {
        self.refresh(session);
        let ws = session.workspace();
        ui.add_space(4.0);
        ui.horizontal(|ui| {
            let label = ui.label("Search");
            let search = ui.add(
                egui::TextEdit::singleline(&mut self.filter.search)
                    .hint_text("text, claimant, tag or note (Ctrl+F)")
                    .desired_width(f32::INFINITY),
            );
            let search = search.labelled_by(label.id);
            if std::mem::take(&mut self.focus_search) {
                search.request_focus();
            }
        });
        ui.horizontal_wrapped(|ui| {
            for (def, count) in ws.manifest.statuses.iter().zip(&self.stats.counts) {
                let on = self.filter.statuses.contains(&def.key);
                let words = format!("{} {count}", def.label);
                // A selected chip is written in the selection's own colour: a status colour
                // on the selection's background can be unreadable (blue on light blue).
                let text = if on {
                    egui::RichText::new(format!("• {words}")).strong()
                } else {
                    status_badge::badge(&ws.manifest, &words, &def.key, dark)
                };
                let chip = ui.selectable_label(on, text).on_hover_text(format!(
                    "Show only {} claims (click again to show all)",
                    def.label
                ));
                if chip.clicked() {
                    if on {
                        self.filter.statuses.retain(|s| s != &def.key);
                    } else {
                        self.filter.statuses.push(def.key.clone());
                    }
                }
            }
        });
        ui.horizontal(|ui| {
            let tag_label = ui.label("Tag");
            // Several tags at once: a claim must carry all of them.
            let current = if self.filter.tags.is_empty() {
                "any".to_string()
            } else {
                self.filter.tags.join(" + ")
            };
            egui::ComboBox::from_id_salt("tag-filter")
                .selected_text(current)
                .close_behavior(egui::PopupCloseBehavior::CloseOnClickOutside)
                .show_ui(ui, |ui| {
                    if ui
                        .selectable_label(self.filter.tags.is_empty(), "any")
                        .clicked()
                    {
                        self.filter.tags.clear();
                    }
                    for tag in &self.stats.tags {
                        let on = self.filter.tags.contains(tag);
                        if ui.selectable_label(on, tag).clicked() {
                            if on {
                                self.filter.tags.retain(|t| t != tag);
                            } else {
                                self.filter.tags.push(tag.clone());
                            }
                        }
                    }
                })
                .response
                .labelled_by(tag_label.id);
            let sort_label = ui.label("Sort");
            egui::ComboBox::from_id_salt("sort")
                .selected_text(sort_name(self.sort))
                .show_ui(ui, |ui| {
                    for (key, label) in SORTS {
                        ui.selectable_value(&mut self.sort, key, label);
                    }
                })
                .response
                .labelled_by(sort_label.id);
        });
        self.views(ui, &ws.manifest.views, actions);
        ui.label(format!("{} of {} claims", self.cache.rows.len(), ws.len()));
        if self.cache.rows.is_empty() && !self.filter.is_empty() && !ws.is_empty() {
            ui.horizontal(|ui| {
                ui.label("No claim matches the filter.");
                if ui.button("Clear filters").clicked() {
                    self.filter = ClaimFilter::default();
                }
            });
        }
        self.broken.show(ui, session);
        ui.separator();

        // Finding the row is a scan of the list: done only when the selection must be shown.
        let index = self.stats.index.as_ref().expect("built by refresh");
        let selected_row = || {
            let at = selected.and_then(|id| index.position(id))?;
            self.cache.rows.iter().position(|&r| r == at)
        };
        let mut area = egui::ScrollArea::vertical().auto_shrink([false, false]);
        let reveal = std::mem::take(&mut self.reveal_selected);
        let spacing = ui.spacing().item_spacing.y;
        if reveal && let Some(row) = selected_row() {
            // Keep the selected row in view: scroll only if it is outside the last viewport.
            let state = self
                .rows_area
                .and_then(|id| egui::scroll_area::State::load(ui.ctx(), id));
            let top = row as f32 * (ROW_HEIGHT + spacing);
            let view = ui.available_height();
            if let Some(state) = state {
                let offset = state.clamped_offset().y;
                if top < offset {
                    area = area.vertical_scroll_offset(top);
                } else if top + ROW_HEIGHT > offset + view {
                    area = area.vertical_scroll_offset(top + ROW_HEIGHT - view);
                }
            } else {
                area = area.vertical_scroll_offset((top - view / 2.0).max(0.0));
            }
        }
        let shown = area.id_salt("claim-rows").show_rows(
            ui,
            ROW_HEIGHT,
            self.cache.rows.len(),
            |ui, range| {
                for &position in &self.cache.rows[range] {
                    let id = index.id(position);
                    let Some(claim) = ws.get(id) else { continue };
                    let is_selected = selected == Some(id);
                    let row = row(ui, claim, session, is_selected, dark);
                    if row.clicked() && !is_selected {
                        actions.push(Action::Select(id.clone()));
                    }
                }
            },
        );
        // Where the rows' scroll position is kept: the next reveal scrolls only if the
        // selected row is outside the rows shown.
        self.rows_area = Some(shown.id);
    }
}

/// One row of exactly [`ROW_HEIGHT`]: the claim's text over "• Status  Claimant", each cut to
/// one line. Fixed heights are what let the list lay out only the visible rows.
fn row(
    ui: &mut egui::Ui,
    claim: &Claim,
    session: &Session,
    selected: bool,
    dark: bool,
) -> egui::Response {
    let ws = session.workspace();
    let size = egui::vec2(ui.available_width(), ROW_HEIGHT);
    let (rect, response) = ui.allocate_exact_size(size, egui::Sense::click());
    let status = ws.manifest.label(&claim.status);
    let unsaved = session.is_unsaved(&claim.id);
    response.widget_info(|| {
        let mark = if unsaved { " (unsaved)" } else { "" };
        egui::WidgetInfo::selected(
            egui::Role::Button,
            true,
            selected,
            format!("{status} — {}: {}{mark}", claim.claimant, claim.text),
        )
    });
    if !ui.is_rect_visible(rect) {
        return response;
    }
    let visuals = ui.style().interact_selectable(&response, selected);
    if selected || response.hovered() || response.has_focus() {
        ui.painter()
            .rect_filled(rect, visuals.corner_radius, visuals.weak_bg_fill);
    }
    let font = FontId::proportional(13.0);
    let width = rect.width() - 12.0;
    let format = |color| TextFormat {
        font_id: font.clone(),
        color,
        ..Default::default()
    };
    // The claim's words come first: they tell rows apart, where many share a claimant.
    let text: String = claim.text.split_whitespace().collect::<Vec<_>>().join(" ");
    let mut head = LayoutJob::single_section(text, format(visuals.text_color()));
    let mut body = LayoutJob::default();
    body.append(
        &format!("• {status}  "),
        0.0,
        format(status_badge::color(&ws.manifest, &claim.status, dark)),
    );
    body.append(&claim.claimant, 0.0, format(ui.visuals().weak_text_color()));
    if unsaved {
        let mut italic = format(ui.visuals().warn_fg_color);
        italic.italics = true;
        body.append("  • unsaved", 0.0, italic);
    }
    for job in [&mut head, &mut body] {
        job.wrap.max_width = width;
        job.wrap.max_rows = 1;
        job.wrap.break_anywhere = true;
        job.wrap.overflow_character = Some('…');
    }
    let head = ui.painter().layout_job(head);
    let body = ui.painter().layout_job(body);
    let top = rect.min + egui::vec2(6.0, 4.0);
    let line = head.size().y;
    ui.painter().galley(top, head, visuals.text_color());
    ui.painter().galley(
        top + egui::vec2(0.0, line + 2.0),
        body,
        visuals.text_color(),
    );
    response
}

impl ClaimList {
    /// The desk's saved views: pick one to filter by it, save the current filter as one, or
    /// delete the one in use.
    fn views(
        &mut self,
        ui: &mut egui::Ui,
        views: &[crate::model::SavedView],
        actions: &mut Vec<Action>,
    ) {
        let current = views.iter().find(|v| v.filter() == self.filter);
        ui.horizontal(|ui| {
            let label = ui.label("Saved view");
            egui::ComboBox::from_id_salt("saved-views")
                .selected_text(current.map_or("(unsaved filter)", |v| v.name.as_str()))
                .show_ui(ui, |ui| {
                    for view in views {
                        if ui
                            .selectable_label(current == Some(view), &view.name)
                            .clicked()
                        {
                            self.filter = view.filter();
                        }
                    }
                    if views.is_empty() {
                        ui.label("No saved views yet");
                    }
                })
                .response
                .labelled_by(label.id);
            match &mut self.naming {
                None => {
                    if ui
                        .button("Save view…")
                        .on_hover_text("Save this filter under a name, for the whole desk")
                        .clicked()
                    {
                        self.naming = Some(String::new());
                    }
                    if let Some(view) = current
                        && ui.button("Delete view").clicked()
                    {
                        actions.push(Action::DeleteView(view.name.clone()));
                    }
                }
                Some(name) => {
                    let name_label = ui.label("Name");
                    let field = ui.add(
                        egui::TextEdit::singleline(name)
                            .hint_text("view name")
                            .desired_width(140.0),
                    );
                    let field = field.labelled_by(name_label.id);
                    let enter = field.lost_focus() && ui.input(|i| i.key_pressed(egui::Key::Enter));
                    if (ui.button("Save").clicked() || enter) && !name.trim().is_empty() {
                        actions.push(Action::SaveView(
                            name.trim().to_string(),
                            self.filter.clone(),
                        ));
                        self.naming = None;
                    } else if ui.button("Cancel").clicked() {
                        self.naming = None;
                    }
                }
            }
        });
    }
}

/// How many files that do not load are listed above the claims (the rest are counted).
const MAX_BROKEN_ROWS: usize = 20;

/// The rows for claim files that do not load, made when files are looked at again (a frame,
/// or a keystroke, must not scan every diagnostic).
#[derive(Default)]
pub(crate) struct BrokenRows {
    /// [`crate::store::Folder::looks`] when made.
    looks: Option<u64>,
    /// Each file with where and why.
    rows: Vec<String>,
    /// How many more there are.
    more: usize,
}

impl BrokenRows {
    fn refresh(&mut self, session: &Session) {
        let looks = session.folder().looks();
        if self.looks == Some(looks) {
            return;
        }
        let folder = session.folder();
        let mut wanted: std::collections::HashMap<std::path::PathBuf, &str> = folder
            .broken_stems()
            .take(MAX_BROKEN_ROWS)
            .map(|stem| (folder.root().join(format!("{stem}.ron")), stem))
            .collect();
        let mut rows = Vec::with_capacity(wanted.len());
        for d in session.diagnostics().iter().filter(|d| d.is_error()) {
            if let Some(stem) = wanted.remove(&d.path) {
                rows.push(format!("{stem}.ron:{}:{}: {}", d.line, d.col, d.message));
            }
        }
        rows.extend(wanted.into_values().map(|stem| format!("{stem}.ron")));
        rows.sort();
        *self = BrokenRows {
            looks: Some(looks),
            more: folder.broken_stems().count().saturating_sub(rows.len()),
            rows,
        };
    }

    /// A row for each claim file that does not load, with where and why: it is not a claim
    /// until it is fixed (then it loads by itself), but it must not look like it is not there.
    fn show(&mut self, ui: &mut egui::Ui, session: &Session) {
        self.refresh(session);
        let color = ui.visuals().error_fg_color;
        for row in &self.rows {
            ui.add(
                egui::Label::new(egui::RichText::new(format!("Does not load: {row}")).color(color))
                    .truncate(),
            )
            .on_hover_text(format!(
                "This file does not load, so its claim is left out and never written. Fix it in a text editor: it loads again as soon as it is saved.\n{row}"
            ));
        }
        if self.more > 0 {
            ui.label(
                egui::RichText::new(format!(
                    "…and {} more files that do not load (see Problems)",
                    self.more
                ))
                .color(color),
            );
        }
    }
}
