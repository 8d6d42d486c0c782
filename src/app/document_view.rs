//! The Documents view: a source document with every claim's quote highlighted (in its status
//! colour, and underlined so colour is not the only mark), check-worthy sentences no claim
//! covers yet, and "New claim from selection". Markdown documents are shown formatted; a click
//! on a highlight opens its claim beside the text.

mod markdown;

use super::{Action, claim_view, dialogs::Dialog, status_badge};
use crate::model::hints::{self, Hint};
use crate::model::{AnchorState, ClaimId, DocumentFormat, locate};
use crate::session::Session;
use egui::text::{LayoutJob, TextFormat};
use egui::{Color32, FontId, RichText, Stroke};
use markdown::{Rendered, Style};

/// A highlighted quote: characters `start..end` of the document's file belong to `claim`.
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
    /// The same quote as characters of the text shown, which Markdown's markup is not part of.
    pub shown: (usize, usize),
}

/// What the view keeps between frames.
#[derive(Default)]
pub struct DocumentView {
    /// The document shown.
    pub document: Option<String>,
    /// The selected characters of the text shown, as of the last frame.
    selection: Option<(usize, usize)>,
    /// Characters of the file to scroll into view on the next frame (the claim view's link).
    pub reveal: Option<(usize, usize)>,
    /// The claim opened beside the text by a click on its highlight.
    pub beside: Option<ClaimId>,
    /// The shown character at the top of the text, and the text's width then: when the width
    /// changes (a claim opens beside it, the window is resized) the text wraps anew, and is
    /// scrolled back to that character so the reader keeps their place.
    top: Option<(usize, f32)>,
    /// The layout and highlights for (claims generation, document, dark): the document is
    /// parsed and its anchors located once, not every frame.
    cache: Option<Located>,
}

/// The document as shown, with the (claims generation, document, dark) it was made for.
struct Located {
    key: (u64, String, bool),
    highlights: Vec<Highlight>,
    /// The text as shown, and where each piece of it is in the file.
    rendered: Rendered,
    /// The styled text, without a wrap width.
    job: LayoutJob,
    /// Check-worthy sentences, in shown characters.
    hints: Vec<Hint>,
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

/// How a run of text looks, and a highlight's colour over it.
fn text_format(style: Style, visuals: &egui::Visuals, highlight: Option<Color32>) -> TextFormat {
    let size = match style.heading {
        1 => 24.0,
        2 => 20.0,
        3 => 18.0,
        4 => 16.5,
        5 | 6 => 15.5,
        _ => 15.0,
    };
    let font_id = if style.code {
        FontId::monospace(14.0)
    } else {
        FontId::proportional(size)
    };
    // The default fonts have no bold face: strong text and headings stand out by colour.
    let color = if style.heading > 0 || style.strong {
        visuals.strong_text_color()
    } else {
        visuals.text_color()
    };
    let mut format = TextFormat {
        font_id,
        color,
        italics: style.emphasis || style.quote,
        ..Default::default()
    };
    if style.code {
        format.background = visuals.code_bg_color;
    }
    if style.strikethrough {
        format.strikethrough = Stroke::new(1.0, color);
    }
    if style.link.is_some() {
        format.color = visuals.hyperlink_color;
        format.underline = Stroke::new(1.0, visuals.hyperlink_color);
    }
    if let Some(c) = highlight {
        format.background = c.gamma_multiply(0.35);
        format.underline = Stroke::new(2.0, c);
    }
    format
}

/// The styled text: the rendered runs, cut where highlights (byte ranges of the shown text,
/// sorted; one that overlaps the one before is left out) start and end.
fn layout_job(
    rendered: &Rendered,
    highlights: &[(usize, usize, Color32)],
    visuals: &egui::Visuals,
) -> LayoutJob {
    let mut marks: Vec<(usize, usize, Color32)> = Vec::with_capacity(highlights.len());
    for &(s, e, c) in highlights {
        if s < e && marks.last().is_none_or(|&(_, last, _)| last <= s) {
            marks.push((s, e, c));
        }
    }
    let mut job = LayoutJob::default();
    let mut mark = marks.iter().peekable();
    for run in &rendered.runs {
        let mut at = run.bytes.start;
        while at < run.bytes.end {
            while mark.peek().is_some_and(|&&(_, e, _)| e <= at) {
                mark.next();
            }
            let (to, color) = match mark.peek() {
                Some(&&(s, e, c)) if s <= at => (e.min(run.bytes.end), Some(c)),
                Some(&&(s, _, _)) => (s.min(run.bytes.end), None),
                None => (run.bytes.end, None),
            };
            job.append(
                &rendered.text[at..to],
                0.0,
                text_format(run.style, visuals, color),
            );
            at = to;
        }
    }
    job
}

/// Parses the document, locates the claims' quotes in it and styles the text.
fn locate_all(
    session: &Session,
    doc: &crate::model::Document,
    key: (u64, String, bool),
    visuals: &egui::Visuals,
) -> Located {
    let ws = session.workspace();
    let rendered = match doc.format {
        DocumentFormat::Plain => Rendered::plain(&doc.text),
        DocumentFormat::Markdown => Rendered::markdown(&doc.text),
    };
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
                shown: rendered.shown_range(found.start, found.end),
            })
        })
        .collect();
    highlights.sort_by_key(|h| (h.start, h.end));
    let shown: Vec<(usize, usize)> = highlights.iter().map(|h| h.shown).collect();
    // Hints are looked for in the text as read, so that markup is neither scored nor listed.
    let hints = hints::check_worthy(&rendered.text, &shown);
    // Shown characters to bytes, once per change rather than per frame.
    let bytes: Vec<usize> = rendered
        .text
        .char_indices()
        .map(|(b, _)| b)
        .chain([rendered.text.len()])
        .collect();
    let byte = |c: usize| bytes.get(c).copied().unwrap_or(rendered.text.len());
    let colored: Vec<(usize, usize, Color32)> = highlights
        .iter()
        .zip(&shown)
        .filter_map(|(h, &(s, e))| {
            ws.get(&h.claim).map(|c| {
                let color = status_badge::color(&ws.manifest, &c.status, visuals.dark_mode);
                (byte(s), byte(e), color)
            })
        })
        .collect();
    let job = layout_job(&rendered, &colored, visuals);
    let hint_lines = hints
        .iter()
        .map(|h| {
            let sentence = rendered.text[byte(h.start)..byte(h.end)].replace('\n', " ");
            format!("{sentence} ({})", h.reasons.join(", "))
        })
        .collect();
    Located {
        key,
        highlights,
        rendered,
        job,
        hints,
        hint_lines,
    }
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
    let key = (session.generation(), doc.id.clone(), dark);
    if view.cache.as_ref().is_none_or(|c| c.key != key) {
        view.cache = Some(locate_all(session, doc, key, ui.visuals()));
    }
    let Some(Located {
        highlights,
        rendered,
        job,
        hints,
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
            // The anchor counts in the file; the claim's words are the ones the reader saw,
            // without Markdown's marks.
            let words: String = rendered
                .text
                .chars()
                .skip(start)
                .take(end - start)
                .collect();
            let (start, end) = rendered.source_range(start, end);
            actions.push(Action::Show(Dialog::new_claim_from(
                doc, start, end, &words,
            )));
        }
        ui.label(format!(
            "{} quotes highlighted, {} check-worthy sentences without a claim",
            highlights.len(),
            hints.len()
        ));
    });

    if let Some(claim) = view.beside.as_ref().and_then(|id| ws.get(id)) {
        let mut close = false;
        egui::Panel::right("document-claim")
            .resizable(true)
            // The document keeps the larger share: the claim is read beside it. The claim
            // view's rows are wider than that at 1024 points: they scroll sideways rather
            // than push the panel over the text.
            .default_size((ui.available_width() * 0.42).clamp(260.0, 520.0))
            .min_size(240.0)
            .max_size((ui.available_width() * 0.6).max(240.0))
            .show(ui, |ui| {
                ui.horizontal(|ui| {
                    close = ui
                        .button("Close claim")
                        .on_hover_text("Back to the document alone")
                        .clicked();
                    if ui
                        .button("Open in Claims")
                        .on_hover_text("Show the claim in the Claims view, with its review bar")
                        .clicked()
                    {
                        actions.push(Action::ShowClaim(claim.id.clone()));
                    }
                });
                ui.separator();
                egui::ScrollArea::both()
                    .id_salt("document-claim")
                    .auto_shrink([false, false])
                    .show(ui, |ui| {
                        // Room for the scroll bar: full-width fields stop short of it.
                        ui.set_max_width(ui.available_width() - 14.0);
                        claim_view::show(ui, session, claim, dark, actions);
                    });
            });
        if close {
            view.beside = None;
        }
    } else {
        // The claim is gone (deleted, or the workspace reloaded without it).
        view.beside = None;
    }

    egui::Panel::bottom("check-worthy")
        .resizable(false)
        .show(ui, |ui| {
            egui::CollapsingHeader::new(format!(
                "Check-worthy, and no claim yet ({})",
                hints.len()
            ))
            .id_salt("check-worthy")
            .default_open(false)
            .show(ui, |ui| {
                egui::ScrollArea::vertical()
                    .id_salt("check-worthy-lines")
                    .max_height(160.0)
                    .show(ui, |ui| {
                        for line in hint_lines.iter().take(50) {
                            ui.label(line);
                        }
                    });
            });
        });

    let width = ui.available_width();
    // The width changed since the top line was noted: scroll back to it once it is laid out.
    let back_to = view
        .top
        .filter(|&(_, w)| (w - width).abs() > 0.5)
        .map(|(at, _)| at);
    let mut layouter = |ui: &egui::Ui, _text: &dyn egui::TextBuffer, wrap_width: f32| {
        let mut job = job.clone();
        job.wrap.max_width = wrap_width;
        ui.fonts_mut(|f| f.layout_job(job))
    };
    egui::ScrollArea::vertical()
        .id_salt("document-text")
        .auto_shrink([false, false])
        .show(ui, |ui| {
            let mut text = rendered.text.as_str();
            let label = ui.label(RichText::new("Document text").weak());
            let output = egui::TextEdit::multiline(&mut text)
                .desired_width(f32::INFINITY)
                .layouter(&mut layouter)
                .show(ui);
            let response = output.response.response.clone().labelled_by(label.id);
            let range = output.cursor_range.map(|r| r.as_sorted_char_range());
            view.selection = range.clone().map(|r| (r.start.0, r.end.0));
            let rect_of = |at: usize| {
                let cursor = egui::text::CCursor::new(at);
                output
                    .galley
                    .pos_from_cursor(cursor)
                    .translate(output.galley_pos.to_vec2())
            };
            // The character under the pointer, not the cursor nearest to it: a click on the
            // right half of a highlight's last letter is still on the highlight. Asked of the
            // layout rather than the text field's cursor, which a click that comes with its
            // pointer move in one frame does not set.
            let char_at = |pos: egui::Pos2| {
                let local = pos - output.galley_pos;
                let cursor = output.galley.cursor_from_pos(local);
                let left = output.galley.pos_from_cursor(cursor).left();
                let at = cursor.index.0;
                if local.x < left {
                    at.saturating_sub(1)
                } else {
                    at
                }
            };
            let link_at = |at: usize| {
                rendered
                    .run_at(at)
                    .and_then(|run| run.style.link)
                    .and_then(|i| rendered.links.get(i))
            };
            if let Some(at) = response.hover_pos().map(char_at) {
                if let Some(url) = link_at(at) {
                    ui.ctx().set_cursor_icon(egui::CursorIcon::PointingHand);
                    response.clone().on_hover_text(url);
                } else if claim_at(highlights, rendered.source_start(at)).is_some() {
                    ui.ctx().set_cursor_icon(egui::CursorIcon::PointingHand);
                }
            }
            let selecting = range.as_ref().is_some_and(|r| r.start != r.end);
            if response.clicked()
                && !selecting
                && let Some(at) = response.interact_pointer_pos().map(char_at)
            {
                if let Some(url) = link_at(at) {
                    ui.ctx().open_url(egui::OpenUrl::new_tab(url));
                } else if let Some(id) = claim_at(highlights, rendered.source_start(at)) {
                    view.beside = Some(id.clone());
                    actions.push(Action::Select(id.clone()));
                }
            }
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
            let viewport_top = ui.clip_rect().top();
            if let Some((start, end)) = view.reveal.take() {
                let (start, end) = rendered.shown_range(start, end);
                ui.scroll_to_rect(
                    rect_of(start).union(rect_of(end)),
                    Some(egui::Align::Center),
                );
                view.top = None;
            } else if let Some(at) = back_to {
                ui.scroll_to_rect_animation(
                    rect_of(at),
                    Some(egui::Align::TOP),
                    egui::style::ScrollAnimation::none(),
                );
                view.top = Some((at, width));
            } else if viewport_top > output.galley_pos.y {
                let top = output
                    .galley
                    .cursor_from_pos(egui::vec2(0.0, viewport_top - output.galley_pos.y))
                    .index
                    .0;
                view.top = Some((top, width));
            } else {
                // Not scrolled into the text: nothing to keep, and the label above it stays.
                view.top = None;
            }
        });
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn highlights_cut_the_styled_runs_and_overlaps_are_left_out() {
        let rendered = Rendered::markdown("# Head\n\nSome *em* text, and more.");
        assert_eq!(rendered.text, "Head\n\nSome em text, and more.");
        let at = |s: &str| rendered.text.find(s).unwrap();
        let red = Color32::RED;
        // "me em te" starts in plain text, crosses the emphasis and ends in plain text; the
        // second overlaps it and is dropped, the third stands alone.
        let marks = [
            (at("me em"), at("xt,"), red),
            (at("em te"), at("more"), Color32::BLUE),
            (at("more"), rendered.text.len() - 1, Color32::GREEN),
        ];
        let job = layout_job(&rendered, &marks, &egui::Visuals::dark());
        let bytes = |r: &std::ops::Range<egui::text::ByteIndex>| &rendered.text[r.start.0..r.end.0];
        let mut end = 0;
        for section in &job.sections {
            assert_eq!(
                section.byte_range.start.0, end,
                "sections follow each other"
            );
            end = section.byte_range.end.0;
        }
        assert_eq!(end, rendered.text.len());
        let marked: Vec<(&str, bool)> = job
            .sections
            .iter()
            .filter(|s| {
                s.format.background != Color32::TRANSPARENT && !s.format.underline.is_empty()
            })
            .map(|s| (bytes(&s.byte_range), s.format.italics))
            .collect();
        assert_eq!(
            marked,
            [
                ("me ", false),
                ("em", true),
                (" te", false),
                ("more", false)
            ]
        );
        let heading = &job.sections[0];
        assert_eq!(bytes(&heading.byte_range), "Head");
        assert!(heading.format.font_id.size > 20.0);
    }

    #[test]
    fn a_click_finds_the_highlight_under_it() {
        let h = |start, end, id: &str| Highlight {
            start,
            end,
            claim: ClaimId::new(id).unwrap(),
            state: AnchorState::Exact,
            shown: (start, end),
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
