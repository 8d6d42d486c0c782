//! Every command of the window, with its label and keyboard shortcuts. Menus, the command
//! palette and the keyboard all go through this list, so a shortcut shown is a shortcut that
//! works, and a test checks that no two commands share one.

use super::View;
use crate::desk::Format;
use egui::{Key, KeyboardShortcut, Modifiers};

/// A command the reviewer can give.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Command {
    /// Write the changed claims.
    Save,
    /// Undo the last change.
    Undo,
    /// Redo the last undone change.
    Redo,
    /// Put the cursor in the search box.
    Find,
    /// Start a new claim.
    NewClaim,
    /// Delete the selected claim (asks first).
    DeleteClaim,
    /// Link the selected claim to another.
    AddRelation,
    /// Open a workspace folder.
    OpenWorkspace,
    /// Make a workspace in an empty folder.
    NewWorkspace,
    /// Archive a web page or a file as a source document.
    AddSource,
    /// Import review files or ClaimReview.
    Import,
    /// Write the workspace in this format.
    Export(Format),
    /// Show this view in the central area.
    ShowView(View),
    /// Select the next claim in the list.
    NextClaim,
    /// Select the previous claim in the list.
    PreviousClaim,
    /// Set the selected claim's status to the n-th status of the vocabulary.
    SetStatus(u8),
    /// List every command.
    CommandPalette,
    /// Switch between dark and light.
    ToggleTheme,
    /// Show or hide the log of every message.
    ShowMessages,
    /// Read every file again (changes are taken in as they happen; this is for when the
    /// folder cannot be watched, or to be sure).
    Reload,
    /// Close the window (asks about unsaved changes).
    Quit,
}

const fn sc(modifiers: Modifiers, key: Key) -> KeyboardShortcut {
    KeyboardShortcut::new(modifiers, key)
}

const CMD: Modifiers = Modifiers::COMMAND;
const ALT: Modifiers = Modifiers::ALT;
const CMD_SHIFT: Modifiers = Modifiers {
    shift: true,
    ..Modifiers::COMMAND
};

/// Status shortcuts: Ctrl+0 for the first status (unreviewed), Ctrl+1… for the others.
const STATUS_KEYS: [Key; 10] = [
    Key::Num0,
    Key::Num1,
    Key::Num2,
    Key::Num3,
    Key::Num4,
    Key::Num5,
    Key::Num6,
    Key::Num7,
    Key::Num8,
    Key::Num9,
];

impl Command {
    /// The commands that do not depend on the vocabulary, in menu order.
    pub const FIXED: [Command; 28] = [
        Command::Save,
        Command::OpenWorkspace,
        Command::NewWorkspace,
        Command::AddSource,
        Command::Import,
        Command::Export(Format::Review),
        Command::Export(Format::Csv),
        Command::Export(Format::Markdown),
        Command::Export(Format::ClaimReview),
        Command::Undo,
        Command::Redo,
        Command::Find,
        Command::NewClaim,
        Command::DeleteClaim,
        Command::AddRelation,
        Command::NextClaim,
        Command::PreviousClaim,
        Command::ShowView(View::Claims),
        Command::ShowView(View::Table),
        Command::ShowView(View::Queue),
        Command::ShowView(View::SignOff),
        Command::ShowView(View::Reviews),
        Command::ShowView(View::Documents),
        Command::CommandPalette,
        Command::ToggleTheme,
        Command::ShowMessages,
        Command::Reload,
        Command::Quit,
    ];

    /// Every command for a vocabulary of `statuses` statuses.
    pub fn all(statuses: usize) -> Vec<Command> {
        let mut all = Command::FIXED.to_vec();
        all.extend((0..statuses.min(STATUS_KEYS.len())).map(|i| Command::SetStatus(i as u8)));
        all
    }

    /// What the command is called in menus (status commands are named by the caller, who
    /// knows the vocabulary).
    pub fn label(self) -> &'static str {
        match self {
            Command::Save => "Save",
            Command::Undo => "Undo",
            Command::Redo => "Redo",
            Command::Find => "Find…",
            Command::NewClaim => "New claim…",
            Command::DeleteClaim => "Delete claim…",
            Command::AddRelation => "Link to another claim…",
            Command::OpenWorkspace => "Open workspace…",
            Command::NewWorkspace => "New workspace…",
            Command::AddSource => "Add source…",
            Command::Import => "Import review files or ClaimReview…",
            Command::Export(Format::Review) => "Export my review file…",
            Command::Export(Format::Csv) => "Export CSV table…",
            Command::Export(Format::Markdown) => "Export Markdown report…",
            Command::Export(Format::ClaimReview) => "Export ClaimReview JSON-LD…",
            Command::ShowView(View::Claims) => "Claims",
            Command::ShowView(View::Table) => "Table",
            Command::ShowView(View::Queue) => "My queue",
            Command::ShowView(View::SignOff) => "Sign-off",
            Command::ShowView(View::Reviews) => "Reviews",
            Command::ShowView(View::Documents) => "Documents",
            Command::NextClaim => "Next claim",
            Command::PreviousClaim => "Previous claim",
            Command::SetStatus(_) => "Set status",
            Command::CommandPalette => "All commands…",
            Command::ToggleTheme => "Dark or light theme",
            Command::ShowMessages => "Messages",
            Command::Reload => "Reload from disk",
            Command::Quit => "Quit",
        }
    }

    /// The keyboard shortcuts, the first one shown in menus. Exports other than the review
    /// file have none: they are rare enough for a menu or the palette.
    pub fn shortcuts(self) -> Vec<KeyboardShortcut> {
        match self {
            Command::Save => vec![sc(CMD, Key::S)],
            Command::Undo => vec![sc(CMD, Key::Z)],
            Command::Redo => vec![sc(CMD_SHIFT, Key::Z), sc(CMD, Key::Y)],
            Command::Find => vec![sc(CMD, Key::F)],
            Command::NewClaim => vec![sc(CMD, Key::N)],
            Command::DeleteClaim => vec![sc(CMD, Key::Delete)],
            Command::AddRelation => vec![sc(CMD, Key::L)],
            Command::OpenWorkspace => vec![sc(CMD, Key::O)],
            Command::NewWorkspace => vec![sc(CMD_SHIFT, Key::N)],
            Command::AddSource => vec![sc(CMD_SHIFT, Key::A)],
            Command::Import => vec![sc(CMD, Key::I)],
            Command::Export(Format::Review) => vec![sc(CMD, Key::E)],
            Command::Export(_) => Vec::new(),
            Command::ShowView(view) => vec![sc(
                ALT,
                match view {
                    View::Claims => Key::Num1,
                    View::Table => Key::Num2,
                    View::Queue => Key::Num3,
                    View::SignOff => Key::Num4,
                    View::Reviews => Key::Num5,
                    View::Documents => Key::Num6,
                },
            )],
            Command::NextClaim => vec![sc(Modifiers::NONE, Key::ArrowDown)],
            Command::PreviousClaim => vec![sc(Modifiers::NONE, Key::ArrowUp)],
            Command::SetStatus(i) => STATUS_KEYS
                .get(i as usize)
                .map(|k| vec![sc(CMD, *k)])
                .unwrap_or_default(),
            Command::CommandPalette => vec![sc(CMD_SHIFT, Key::P)],
            Command::ToggleTheme => vec![sc(CMD_SHIFT, Key::T)],
            Command::ShowMessages => vec![sc(CMD_SHIFT, Key::M)],
            Command::Reload => vec![sc(CMD, Key::R), sc(Modifiers::NONE, Key::F5)],
            Command::Quit => vec![sc(CMD, Key::Q)],
        }
    }

    /// True for commands that must not fire while typing in a field: the arrows move the
    /// text cursor there, and a verdict is never given by a key pressed while writing (a
    /// slip of Ctrl+2 in the claim text must not dispute the claim).
    pub fn needs_free_keyboard(self) -> bool {
        matches!(
            self,
            Command::NextClaim | Command::PreviousClaim | Command::SetStatus(_)
        )
    }
}

/// The pressed command, if any, consumed from this frame's input. Shortcuts with more
/// modifiers are tried first: egui ignores extra Shift when matching, so Ctrl+Shift+Z must
/// win over Ctrl+Z.
pub fn pressed(ctx: &egui::Context, commands: &[Command]) -> Option<Command> {
    let typing = ctx.egui_wants_keyboard_input();
    let mut candidates: Vec<(Command, KeyboardShortcut)> = commands
        .iter()
        .filter(|c| !(typing && c.needs_free_keyboard()))
        .flat_map(|c| c.shortcuts().into_iter().map(move |s| (*c, s)))
        .collect();
    let weight = |m: Modifiers| m.shift as u8 + m.alt as u8 + m.command as u8 + m.ctrl as u8;
    candidates.sort_by_key(|(_, s)| std::cmp::Reverse(weight(s.modifiers)));
    ctx.input_mut(|i| {
        candidates
            .into_iter()
            .find(|(_, s)| i.consume_shortcut(s))
            .map(|(c, _)| c)
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::HashMap;

    #[test]
    fn no_two_commands_share_a_shortcut() {
        let mut seen: HashMap<KeyboardShortcut, Command> = HashMap::new();
        for command in Command::all(10) {
            for shortcut in command.shortcuts() {
                if let Some(other) = seen.insert(shortcut, command) {
                    panic!("{command:?} and {other:?} share {shortcut:?}");
                }
            }
        }
        assert!(seen.len() > 20);
    }

    #[test]
    fn the_readme_lists_every_command() {
        let readme = include_str!("../../README.md");
        for command in Command::FIXED {
            let label = command.label();
            assert!(
                readme.contains(&format!("| {label}")) || readme.contains(&format!(", {label}")),
                "README lacks {label:?}"
            );
        }
    }

    #[test]
    fn every_command_has_a_label_and_all_but_rare_exports_a_shortcut() {
        let mut labels = std::collections::HashSet::new();
        for command in Command::all(6) {
            assert!(!command.label().is_empty());
            if !matches!(command, Command::SetStatus(_)) {
                assert!(
                    labels.insert(command.label()),
                    "{command:?}: a second label"
                );
            }
            let rare = matches!(command, Command::Export(f) if f != Format::Review);
            assert_eq!(command.shortcuts().is_empty(), rare, "{command:?}");
        }
    }

    #[test]
    fn every_format_and_view_has_its_command() {
        for format in Format::ALL {
            assert!(
                Command::FIXED.contains(&Command::Export(format)),
                "{format:?}"
            );
        }
        for view in [
            View::Claims,
            View::Table,
            View::Queue,
            View::SignOff,
            View::Reviews,
            View::Documents,
        ] {
            assert!(
                Command::FIXED.contains(&Command::ShowView(view)),
                "{view:?}"
            );
        }
    }
}
