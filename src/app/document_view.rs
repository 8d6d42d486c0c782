//! The Documents view: a source document with every claim's quote highlighted (in its status
//! colour, and underlined so colour is not the only mark), check-worthy sentences no claim
//! covers yet, and "New claim from selection".

use super::{Action, dialogs::Dialog, status_badge};
use crate::model::hints::{self, Hint};
use crate::model::{AnchorState, ClaimId, locate};
use crate::session::Session;
use egui::text::{LayoutJob, TextFormat};
use egui::{FontId, RichText, Stroke};

/// A highlighted quote: characters `start..end` belong to `claim`.
#[derive(Clone, Debug)]
pub struct Highlight {
    /// First character.
    pub start: usize,
    /// One past the last.
    pub end: usize,
    /// The claim.
    pub claim: ClaimId,
    /// How its anchor was found.
    pub state: AnchorState,
}

/// What the view keeps between frames.
#[derive(Default)]
pub struct DocumentView {
    /// The document shown.
    pub document: Option<String>,
    /// The selected characters, as of the last frame.
    selection: Option<(usize, usize)>,
    /// A character range to scroll into view on the next frame (the claim view's link).
    pub reveal: Option<(usize, usize)>,
    /// Highlights and hints for (claims generation, document): anchors are located once, not
    /// every frame.
    cache: Option<Located>,
}

/// Highlights and hints, with the (claims generation, document) they were computed for.
#[derive(Default)]
struct Located {
    /// (claims generation, document).
    key: (u64, String),
    highlights: Vec<Highlight>,
    hints: Vec<Hint>,
    /// Each highlight as a byte range of the text, for the layout.
    byte_ranges: Vec<(usize, usize)>,
    /// Each hint's sentence, with its reasons, as listed under the text.
    hint_lines: Vec<String>,
}

impl DocumentView {
    /// The highlights of the document shown, as of the last frame.
    pub fn highlights(&self) -> &[Highlight] {
        self.cache.as_ref().map_or(&[], |c| c.highlights.as_slice())
    }
}

/// The claim whose highlight holds character `at`, if any: what a click there opens.
fn claim_at(highlights: &[Highlight], at: usize) -> Option<&ClaimId> {
    highlights
        .iter()
        .find(|h| h.start <= at && at < h.end)
        .map(|h| &h.claim)
}

/// Draws the view.
pub fn show(
    ui: &mut egui::Ui,
    view: &mut DocumentView,
    session: &Session,
    dark: bool,
    actions: &mut Vec<Action>,
) {
    let ws = session.workspace();
    if ws.documents().len() == 0 {
        ui.label("No source documents. Put .txt or .md files in the workspace's sources/ folder, with their title, outlet, URL and date in a .ron file beside each.");
        return;
    }
    if view
        .document
        .as_ref()
        .is_none_or(|id| ws.document(id).is_none())
    {
        view.document = ws.documents().next().map(|d| d.id.clone());
    }
    let Some(doc) = view.document.as_ref().and_then(|id| ws.document(id)) else {
        return;
    };
    ui.horizontal(|ui| {
        let label = ui.label("Document");
        egui::ComboBox::from_id_salt("document")
            .selected_text(&doc.id)
            .show_ui(ui, |ui| {
                for d in ws.documents() {
                    if ui.selectable_label(d.id == doc.id, &d.id).clicked() {
                        actions.push(Action::ShowDocument(d.id.clone()));
                    }
                }
            })
            .response
            .labelled_by(label.id);
        if !doc.meta.title.is_empty() {
            ui.label(RichText::new(&doc.meta.title).strong());
        }
    });
    let key = (session.generation(), doc.id.clone());
    if view.cache.as_ref().is_none_or(|c| c.key != key) {
        let mut highlights: Vec<Highlight> = ws
            .claims()
            .filter_map(|c| {
                let anchor = c.anchor.as_ref().filter(|a| a.document == doc.id)?;
                let found = locate(&doc.text, &anchor.quote);
                (found.state != AnchorState::Orphaned).then(|| Highlight {
                    start: found.start,
                    end: found.end,
                    claim: c.id.clone(),
                    state: found.state,
                })
            })
            .collect();
        highlights.sort_by_key(|h| (h.start, h.end));
        let covered: Vec<(usize, usize)> = highlights.iter().map(|h| (h.start, h.end)).collect();
        let hints = hints::check_worthy(&doc.text, &covered);
        // Character positions to byte positions, once per change rather than per frame.
        let bytes: Vec<usize> = doc
            .text
            .char_indices()
            .map(|(b, _)| b)
            .chain([doc.text.len()])
            .collect();
        let byte_ranges = highlights
            .iter()
            .map(|h| (bytes[h.start], bytes[h.end]))
            .collect();
        let hint_lines = hints
            .iter()
            .map(|h| {
                format!(
                    "{} ({})",
                    &doc.text[bytes[h.start]..bytes[h.end]],
                    h.reasons.join(", ")
                )
            })
            .collect();
        view.cache = Some(Located {
            key,
            highlights,
            hints,
            byte_ranges,
            hint_lines,
        });
    }
    let Some(Located {
        highlights,
        hints,
        byte_ranges,
        hint_lines,
        ..
    }) = &view.cache
    else {
        return;
    };

    ui.horizontal(|ui| {
        let selected = view.selection.filter(|(s, e)| e > s);
        let button = ui.add_enabled(
            selected.is_some(),
            egui::Button::new("New claim from selection"),
        );
        if button
            .on_hover_text("Select the claim's words in the text first")
            .clicked()
            && let Some((start, end)) = selected
        {
            actions.push(Action::Show(Dialog::new_claim_from(doc, start, end)));
        }
        ui.label(format!(
            "{} quotes highlighted, {} check-worthy sentences without a claim",
            highlights.len(),
            hints.len()
        ));
    });

    let colors: Vec<(usize, usize, egui::Color32)> = highlights
        .iter()
        .zip(byte_ranges)
        .filter_map(|(h, &(s, e))| {
            ws.get(&h.claim)
                .map(|c| (s, e, status_badge::color(&ws.manifest, &c.status, dark)))
        })
        .collect();
    let text_color = ui.visuals().text_color();
    let mut layouter = |ui: &egui::Ui, text: &dyn egui::TextBuffer, wrap_width: f32| {
        let text = text.as_str();
        let font = FontId::proportional(15.0);
        let mut job = LayoutJob::default();
        let mut at = 0;
        for &(s, e, color) in &colors {
            if s < at {
                continue;
            }
            job.append(
                &text[at..s],
                0.0,
                TextFormat {
                    font_id: font.clone(),
                    color: text_color,
                    ..Default::default()
                },
            );
            job.append(
                &text[s..e],
                0.0,
                TextFormat {
                    font_id: font.clone(),
                    color: text_color,
                    background: color.gamma_multiply(0.35),
                    underline: Stroke::new(2.0, color),
                    ..Default::default()
                },
            );
            at = e;
        }
        job.append(
            &text[at..],
            0.0,
            TextFormat {
                font_id: font,
                color: text_color,
                ..Default::default()
            },
        );
        job.wrap.max_width = wrap_width;
        ui.fonts_mut(|f| f.layout_job(job))
    };
    egui::ScrollArea::vertical()
        .auto_shrink([false, false])
        .max_height(ui.available_height() * 0.7)
        .show(ui, |ui| {
            let mut text = doc.text.as_str();
            let label = ui.label(RichText::new("Document text").weak());
            let output = egui::TextEdit::multiline(&mut text)
                .desired_width(f32::INFINITY)
                .layouter(&mut layouter)
                .show(ui);
            let response = output.response.response.clone().labelled_by(label.id);
            let range = output.cursor_range.map(|r| r.as_sorted_char_range());
            view.selection = range.clone().map(|r| (r.start.0, r.end.0));
            if response.clicked()
                && let Some(r) = range
                && r.start == r.end
                && let Some(id) = claim_at(highlights, r.start.0)
            {
                actions.push(Action::ShowClaim(id.clone()));
            }
            let rect_of = |at: usize| {
                let cursor = egui::text::CCursor::new(at);
                output
                    .galley
                    .pos_from_cursor(cursor)
                    .translate(output.galley_pos.to_vec2())
            };
            // Check-worthy sentences get a mark in the margin, the reasons on hover.
            for (i, hint) in hints.iter().enumerate() {
                let row = rect_of(hint.start);
                let mark = egui::Rect::from_min_size(
                    egui::pos2(output.galley_pos.x - 10.0, row.top()),
                    egui::vec2(8.0, row.height()),
                );
                ui.painter().rect_filled(
                    mark.shrink2(egui::vec2(2.0, 1.0)),
                    1.0,
                    ui.visuals().warn_fg_color,
                );
                let hover =
                    ui.interact(mark, ui.scope_id().with(("hint", i)), egui::Sense::hover());
                hover.on_hover_text(format!("Check-worthy: {}", hint.reasons.join(", ")));
            }
            if let Some((start, end)) = view.reveal.take() {
                ui.scroll_to_rect(
                    rect_of(start).union(rect_of(end)),
                    Some(egui::Align::Center),
                );
            }
        });
    ui.separator();
    ui.label(RichText::new("Check-worthy, and no claim yet").strong());
    for line in hint_lines.iter().take(50) {
        ui.label(line);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_click_finds_the_highlight_under_it() {
        let h = |start, end, id: &str| Highlight {
            start,
            end,
            claim: ClaimId::new(id).unwrap(),
            state: AnchorState::Exact,
        };
        let highlights = [h(3, 8, "first"), h(10, 20, "second")];
        assert_eq!(claim_at(&highlights, 3).map(ClaimId::as_str), Some("first"));
        assert_eq!(claim_at(&highlights, 7).map(ClaimId::as_str), Some("first"));
        assert_eq!(claim_at(&highlights, 8), None, "the end is outside");
        assert_eq!(
            claim_at(&highlights, 15).map(ClaimId::as_str),
            Some("second")
        );
        assert_eq!(claim_at(&highlights, 0), None);
    }
}
