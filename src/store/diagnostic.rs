use std::fmt;
use std::path::{Path, PathBuf};

/// How bad a problem is.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Severity {
    /// The file or workspace is wrong: validation fails.
    Error,
    /// Worth a look; validation still passes.
    Warning,
}

/// A problem in a file, shown as `PATH:LINE:COL: message` (warnings say so after the
/// position). Line and column count from 1; where nothing better is known they are 1:1.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Diagnostic {
    /// The file, as reached from the folder the user named.
    pub path: PathBuf,
    /// 1-based line.
    pub line: usize,
    /// 1-based column, in characters.
    pub col: usize,
    /// Error or warning.
    pub severity: Severity,
    /// What is wrong, in one line.
    pub message: String,
}

impl Diagnostic {
    /// An error at `line:col` of `path`.
    pub fn error(path: &Path, (line, col): (usize, usize), message: impl Into<String>) -> Self {
        Self {
            path: path.to_path_buf(),
            line,
            col,
            severity: Severity::Error,
            message: message.into(),
        }
    }

    /// A warning at `line:col` of `path`.
    pub fn warning(path: &Path, at: (usize, usize), message: impl Into<String>) -> Self {
        Self {
            severity: Severity::Warning,
            ..Self::error(path, at, message)
        }
    }

    /// True for errors.
    pub fn is_error(&self) -> bool {
        self.severity == Severity::Error
    }
}

impl fmt::Display for Diagnostic {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}:{}:{}: ", self.path.display(), self.line, self.col)?;
        if self.severity == Severity::Warning {
            f.write_str("warning: ")?;
        }
        f.write_str(&self.message)
    }
}

/// The 1-based line and column (in characters) of byte offset `at` in `text`.
pub fn position_of(text: &str, at: usize) -> (usize, usize) {
    let mut at = at.min(text.len());
    while !text.is_char_boundary(at) {
        at -= 1;
    }
    let before = &text[..at];
    let line = 1 + before.bytes().filter(|&b| b == b'\n').count();
    let line_start = before.rfind('\n').map_or(0, |i| i + 1);
    let col = 1 + before[line_start..].chars().count();
    (line, col)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn positions_count_lines_and_characters() {
        let text = "ab\ncé\nx";
        assert_eq!(position_of(text, 0), (1, 1));
        assert_eq!(position_of(text, 3), (2, 1));
        assert_eq!(position_of(text, 6), (2, 3));
        assert_eq!(position_of(text, 5), (2, 2), "inside a character");
        assert_eq!(position_of(text, 99), (3, 2));
    }

    #[test]
    fn display_is_path_line_col_message() {
        let d = Diagnostic::error(Path::new("claims/a.ron"), (3, 7), "bad");
        assert_eq!(d.to_string(), "claims/a.ron:3:7: bad");
        let w = Diagnostic::warning(Path::new("w.ron"), (1, 1), "odd");
        assert_eq!(w.to_string(), "w.ron:1:1: warning: odd");
    }
}
