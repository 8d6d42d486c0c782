//! Frame times of the whole window on a generated 100,000-claim workspace, headless: egui's
//! context run plus tessellation, as eframe does before handing the frame to the GPU.
//! Scrolling the claim list, and typing into the search box (each keystroke refilters).
//!
//! Run with `cargo bench --bench frame`; divan's "median" and "slowest" are the figures.

#![allow(clippy::unwrap_used)]

mod common;
use common::WORKSPACE;

use claimdesk::app::{ClaimDeskApp, Options, Prefs, ScriptedDialog};
use egui::{Event, Key, Modifiers, Pos2, RawInput, Rect, vec2};

fn main() {
    divan::main();
}

struct Window {
    ctx: egui::Context,
    app: ClaimDeskApp,
    time: f64,
}

impl Window {
    fn open() -> Self {
        let ctx = egui::Context::default();
        let app = ClaimDeskApp::with_prefs(
            Prefs {
                dark: Some(true),
                ..Prefs::default()
            },
            Options {
                workspace: Some(WORKSPACE.1.clone()),
                dialog: Box::new(ScriptedDialog::default()),
                reviewer: Some("bench".into()),
                recovery: None,
            },
        );
        let mut window = Self {
            ctx,
            app,
            time: 0.0,
        };
        // Fonts, layout caches and the first filter settle in the first frames.
        for _ in 0..5 {
            window.frame(Vec::new());
        }
        window
    }

    /// One frame with these input events, tessellated.
    fn frame(&mut self, events: Vec<Event>) -> usize {
        self.time += 1.0 / 60.0;
        let input = RawInput {
            screen_rect: Some(Rect::from_min_size(Pos2::ZERO, vec2(1280.0, 800.0))),
            time: Some(self.time),
            events,
            ..Default::default()
        };
        let app = &mut self.app;
        let output = self.ctx.run_ui(input, |ui| app.show(ui));
        let primitives = self.ctx.tessellate(output.shapes, output.pixels_per_point);
        primitives.len()
    }
}

fn key(key: Key, modifiers: Modifiers) -> Vec<Event> {
    vec![
        Event::Key {
            key,
            physical_key: None,
            pressed: true,
            repeat: false,
            modifiers,
        },
        Event::Key {
            key,
            physical_key: None,
            pressed: false,
            repeat: false,
            modifiers,
        },
    ]
}

/// The list scrolled by one wheel notch per frame, down and back up again.
#[divan::bench(sample_count = 300, sample_size = 1)]
fn scroll_the_list(bencher: divan::Bencher) {
    scroll(bencher, Window::open(), Pos2::new(200.0, 400.0));
}

/// One wheel notch a frame with the pointer `at`: 150 notches down, then 150 up.
fn scroll(bencher: divan::Bencher, mut window: Window, at: Pos2) {
    let mut n = 0u32;
    bencher.bench_local(|| {
        n += 1;
        let dy = if (n / 150).is_multiple_of(2) {
            -120.0
        } else {
            120.0
        };
        window.frame(vec![
            Event::PointerMoved(at),
            Event::MouseWheel {
                unit: egui::MouseWheelUnit::Point,
                delta: vec2(0.0, dy),
                phase: egui::TouchPhase::Move,
                source: egui::MouseWheelSource::Unknown,
                modifiers: Modifiers::NONE,
            },
        ])
    });
}

/// What the typing benchmarks type.
const WORD: &str = "ministry";

/// `word` typed into the field with the keyboard a letter a frame, then erased a letter a
/// frame, over and over: one frame per sample.
fn type_and_erase(bencher: divan::Bencher, window: &mut Window, word: &str) {
    let mut n = 0usize;
    bencher.bench_local(|| {
        let step = n % (2 * word.len());
        n += 1;
        let events = if step < word.len() {
            vec![Event::Text(word[step..step + 1].to_string())]
        } else {
            key(Key::Backspace, Modifiers::NONE)
        };
        window.frame(events)
    });
}

/// "ministry" typed into the search box a letter a frame, then erased a letter a frame.
#[divan::bench(sample_count = 320, sample_size = 1)]
fn type_in_the_search_box(bencher: divan::Bencher) {
    let mut window = Window::open();
    window.frame(key(Key::F, Modifiers::COMMAND));
    type_and_erase(bencher, &mut window, WORD);
    assert!(window.app.list().filter.search.len() <= WORD.len());
}

/// A frame with no input: what the window costs when idle but repainting.
#[divan::bench(sample_count = 100, sample_size = 1)]
fn idle_frame(bencher: divan::Bencher) {
    let mut window = Window::open();
    bencher.bench_local(|| window.frame(Vec::new()));
}

/// The window with the link picker open (Ctrl+L), its search field holding the keyboard.
fn link_picker_window() -> Window {
    let mut window = Window::open();
    window.frame(key(Key::L, Modifiers::COMMAND));
    // The search field takes the keyboard in the dialog's first frame.
    window.frame(Vec::new());
    assert!(matches!(
        window.app.dialog(),
        Some(claimdesk::app::Dialog::AddRelation(_))
    ));
    window
}

/// A frame with the link picker open on a search no claim matches: the list of matches is
/// found when the search changes, not at every frame (which was a pass over 100,000 claims,
/// 57 ms).
#[divan::bench(sample_count = 100, sample_size = 1)]
fn a_frame_of_the_link_picker(bencher: divan::Bencher) {
    let mut window = link_picker_window();
    window.frame(vec![Event::Text("no claim says this".into())]);
    bencher.bench_local(|| window.frame(Vec::new()));
}

/// Typing into the link picker's search, a letter a frame, then erasing: each change searches
/// with the claim list's index.
#[divan::bench(sample_count = 160, sample_size = 1)]
fn type_in_the_link_picker(bencher: divan::Bencher) {
    let mut window = link_picker_window();
    type_and_erase(bencher, &mut window, WORD);
}

/// Letters typed into the selected claim's text: each one is an edit, so the list's search
/// index is rebuilt. Not one of the targets; measured to know its cost.
#[divan::bench(sample_count = 60, sample_size = 1)]
fn type_in_a_claim_field(bencher: divan::Bencher) {
    let mut window = Window::open();
    // The claim text field is the first multi-line field of the claim view; a click in it
    // gives it the keyboard.
    window.frame(vec![
        Event::PointerMoved(Pos2::new(800.0, 230.0)),
        Event::PointerButton {
            pos: Pos2::new(800.0, 230.0),
            button: egui::PointerButton::Primary,
            pressed: true,
            modifiers: Modifiers::NONE,
        },
        Event::PointerButton {
            pos: Pos2::new(800.0, 230.0),
            button: egui::PointerButton::Primary,
            pressed: false,
            modifiers: Modifiers::NONE,
        },
    ]);
    let before = window.app.session().map(|s| s.generation());
    bencher.bench_local(|| window.frame(vec![Event::Text("x".into())]));
    assert_ne!(
        window.app.session().map(|s| s.generation()),
        before,
        "the typing reached the claim"
    );
}

fn table_window() -> Window {
    let mut window = Window::open();
    window.app.update(claimdesk::app::Action::ShowView(
        claimdesk::app::View::Table,
    ));
    for _ in 0..3 {
        window.frame(Vec::new());
    }
    window
}

/// The first frame of the Table view in a window that has not shown it yet: it makes the
/// table's sort keys of every claim (kept up to date afterwards), then orders the rows.
#[divan::bench(sample_count = 5, sample_size = 1)]
fn first_frame_of_the_table(bencher: divan::Bencher) {
    bencher
        .with_inputs(Window::open)
        .bench_local_values(|mut window| {
            window.app.update(claimdesk::app::Action::ShowView(
                claimdesk::app::View::Table,
            ));
            window.frame(Vec::new());
            window
        });
}

/// The table scrolled by one wheel notch per frame, down and back up again.
#[divan::bench(sample_count = 300, sample_size = 1)]
fn scroll_the_table(bencher: divan::Bencher) {
    scroll(bencher, table_window(), Pos2::new(800.0, 500.0));
}

/// The table sorted by another column every frame (all 100,000 rows ordered again).
#[divan::bench(sample_count = 90, sample_size = 1)]
fn sort_the_table(bencher: divan::Bencher) {
    use claimdesk::model::SortKey;
    let keys = [
        SortKey::Text,
        SortKey::Claimant,
        SortKey::Date,
        SortKey::Assignee,
        SortKey::Priority,
        SortKey::Due,
        SortKey::LastChange,
        SortKey::Tags,
        SortKey::Status,
    ];
    let mut window = table_window();
    let mut n = 0usize;
    bencher.bench_local(|| {
        window.app.sort_table(keys[n % keys.len()]);
        n += 1;
        window.frame(Vec::new())
    });
}
