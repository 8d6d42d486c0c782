//! Every message the window gives, kept as a log: the newest shows in the status bar, and the
//! Messages panel lists them all with their times, so a failure is never overwritten by the
//! next success.

use egui::RichText;

/// How much a message matters.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Level {
    /// Something happened as asked.
    Info,
    /// It happened, but maybe not as meant.
    Warning,
    /// It did not happen.
    Error,
}

/// One message.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Notification {
    /// How much it matters.
    pub level: Level,
    /// What to say.
    pub text: String,
    /// When, as the reviewer's clock shows it.
    pub time: String,
}

/// The log.
#[derive(Default)]
pub struct Notifications {
    items: Vec<Notification>,
    /// Errors and warnings since the panel was last open.
    unseen: usize,
    /// The panel is showing.
    pub open: bool,
}

/// The log keeps this many; older ones go.
const KEEP: usize = 500;

impl Notifications {
    /// Adds a message.
    pub fn push(&mut self, level: Level, text: impl Into<String>) {
        let time = jiff::Zoned::now().strftime("%H:%M:%S").to_string();
        if level != Level::Info && !self.open {
            self.unseen += 1;
        }
        self.items.push(Notification {
            level,
            text: text.into(),
            time,
        });
        if self.items.len() > KEEP {
            self.items.drain(..self.items.len() - KEEP);
        }
    }

    /// Every message kept, oldest first.
    pub fn all(&self) -> &[Notification] {
        &self.items
    }

    /// The newest message.
    pub fn latest(&self) -> Option<&Notification> {
        self.items.last()
    }

    /// Errors and warnings not yet seen in the panel.
    pub fn unseen(&self) -> usize {
        self.unseen
    }

    /// Opens or closes the panel; opening it marks everything seen.
    pub fn toggle(&mut self) {
        self.open = !self.open;
        if self.open {
            self.unseen = 0;
        }
    }
}

/// The colour of a level's text.
pub fn color(ui: &egui::Ui, level: Level) -> egui::Color32 {
    match level {
        Level::Info => ui.visuals().text_color(),
        Level::Warning => ui.visuals().warn_fg_color,
        Level::Error => ui.visuals().error_fg_color,
    }
}

fn word(level: Level) -> &'static str {
    match level {
        Level::Info => "",
        Level::Warning => "Warning: ",
        Level::Error => "Error: ",
    }
}

/// The newest message, for the status bar, with a button that opens the log.
pub fn status_line(ui: &mut egui::Ui, log: &mut Notifications) {
    let unseen = log.unseen();
    let label = if unseen > 0 {
        format!("Messages ({unseen} new)")
    } else {
        "Messages".to_string()
    };
    if ui
        .selectable_label(log.open, label)
        .on_hover_text("Every message of this session, with its time")
        .clicked()
    {
        log.toggle();
    }
    if let Some(n) = log.latest() {
        ui.label(RichText::new(format!("{}{}", word(n.level), n.text)).color(color(ui, n.level)));
    }
}

/// The log, newest first.
pub fn panel(ui: &mut egui::Ui, log: &Notifications) {
    ui.horizontal(|ui| {
        ui.strong("Messages");
        ui.label(RichText::new("newest first").weak());
    });
    egui::ScrollArea::vertical()
        .auto_shrink([false, true])
        .max_height(160.0)
        .show(ui, |ui| {
            if log.all().is_empty() {
                ui.label(RichText::new("No messages yet.").weak());
            }
            for n in log.all().iter().rev() {
                ui.horizontal_wrapped(|ui| {
                    ui.label(RichText::new(&n.time).weak().monospace());
                    ui.label(
                        RichText::new(format!("{}{}", word(n.level), n.text))
                            .color(color(ui, n.level)),
                    );
                });
            }
        });
}
