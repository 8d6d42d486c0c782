//! Text from files on a terminal: control characters (an escape sequence can retitle or
//! clear the terminal, or hide text) and bidirectional overrides are shown as visible escapes.

use std::borrow::Cow;
use std::io::{self, Write};

/// True for what must not reach a terminal as it is. Line breaks and tabs are layout.
fn hidden(ch: char) -> bool {
    (ch.is_control() && ch != '\n' && ch != '\t')
        || matches!(ch, '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}')
}

/// `text` with every control character shown as `\u{…}`.
pub fn visible(text: &str) -> Cow<'_, str> {
    if !text.chars().any(hidden) {
        return Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len() + 8);
    for ch in text.chars() {
        if hidden(ch) {
            out.push_str(&format!("\\u{{{:x}}}", ch as u32));
        } else {
            out.push(ch);
        }
    }
    Cow::Owned(out)
}

/// A writer that passes text through [`visible`]. Formatted output reaches it in whole
/// `str` pieces, so characters are never split between calls.
pub struct Visible<W: Write>(pub W);

impl<W: Write> Write for Visible<W> {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        let text = String::from_utf8_lossy(buf);
        self.0.write_all(visible(&text).as_bytes())?;
        Ok(buf.len())
    }

    fn flush(&mut self) -> io::Result<()> {
        self.0.flush()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escape_sequences_are_shown_not_obeyed() {
        let hostile = "title\u{1b}]0;pwned\u{7}\u{1b}[2J and \u{202E}txt.exe\r\nnext\tcol";
        assert_eq!(
            visible(hostile),
            "title\\u{1b}]0;pwned\\u{7}\\u{1b}[2J and \\u{202e}txt.exe\\u{d}\nnext\tcol"
        );
        assert!(matches!(visible("plain\ntext"), Cow::Borrowed(_)));
        let mut out = Visible(Vec::new());
        let c1 = '\u{9b}';
        write!(out, "a{c1}b").unwrap();
        assert_eq!(out.0, b"a\\u{9b}b");
    }
}
