//! A source document as it is read: Markdown shown formatted (headings, emphasis, lists,
//! links), with a map between the characters shown and the characters of the file, both ways.
//!
//! Claims' quote anchors count characters of the file as it is on disk, so a highlight has to
//! find its quote in the shown text, and a selection in the shown text has to become a quote
//! of the file. No egui here: the view turns [`Rendered`] into its layout.

use pulldown_cmark::{Event, Options, Parser, Tag, TagEnd};
use std::ops::Range;

/// How a run of shown text looks.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Style {
    /// 1 to 6 inside a heading, 0 elsewhere.
    pub heading: u8,
    /// Inside `**strong**`.
    pub strong: bool,
    /// Inside `*emphasis*`.
    pub emphasis: bool,
    /// Inside `~~strikethrough~~`.
    pub strikethrough: bool,
    /// Code, inline or a block.
    pub code: bool,
    /// Inside a block quote.
    pub quote: bool,
    /// Inside a link: its index in [`Rendered::links`].
    pub link: Option<usize>,
}

/// How a run's characters correspond to the file's.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum RunKind {
    /// Shown character `k` of the run is character `source.start + k` of the file.
    Verbatim,
    /// The run stands for all of its source (an entity such as `&amp;`, a rule): it is
    /// taken or left whole.
    Whole,
    /// Shown but not written in the file: block breaks, list bullets. Its source is the markup
    /// between the text before and the text after.
    Added,
}

/// A run of shown text.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Run {
    /// Bytes of [`Rendered::text`].
    pub bytes: Range<usize>,
    /// The same, as characters.
    pub shown: Range<usize>,
    /// Characters of the file.
    pub source: Range<usize>,
    /// How the two correspond.
    pub kind: RunKind,
    /// How it looks.
    pub style: Style,
}

/// A document's text as shown, in runs that know where they come from.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Rendered {
    /// The text shown.
    pub text: String,
    /// Runs covering all of `text`, in order; their sources never go backwards.
    pub runs: Vec<Run>,
    /// The targets of the links, which [`Style::link`] indexes.
    pub links: Vec<String>,
}

impl Rendered {
    /// Plain text, shown as it is.
    pub fn plain(text: &str) -> Self {
        let chars = text.chars().count();
        Rendered {
            text: text.to_string(),
            runs: vec![Run {
                bytes: 0..text.len(),
                shown: 0..chars,
                source: 0..chars,
                kind: RunKind::Verbatim,
                style: Style::default(),
            }],
            links: Vec::new(),
        }
    }

    /// Markdown, formatted.
    pub fn markdown(source: &str) -> Self {
        let mut b = Builder::new(source);
        let options = Options::ENABLE_STRIKETHROUGH | Options::ENABLE_TABLES;
        for (event, range) in Parser::new_ext(source, options).into_offset_iter() {
            b.event(event, range);
        }
        b.out
    }

    /// How many characters are shown.
    pub fn shown_chars(&self) -> usize {
        self.runs.last().map_or(0, |r| r.shown.end)
    }

    /// The run that holds shown character `at`.
    pub fn run_at(&self, at: usize) -> Option<&Run> {
        let i = self.runs.partition_point(|r| r.shown.end <= at);
        self.runs.get(i)
    }

    /// The file character where a selection starting at shown character `at` starts: added
    /// text (a bullet, a break) starts at the text after it.
    pub fn source_start(&self, at: usize) -> usize {
        let Some(run) = self.run_at(at) else {
            return self.runs.last().map_or(0, |r| r.source.end);
        };
        match run.kind {
            RunKind::Verbatim => run.source.start + (at - run.shown.start),
            RunKind::Whole => run.source.start,
            RunKind::Added => run.source.end,
        }
    }

    /// The file character where a selection ending at shown character `at` (one past its
    /// last) ends: added text ends with the text before it.
    pub fn source_end(&self, at: usize) -> usize {
        let i = self.runs.partition_point(|r| r.shown.start < at);
        let Some(run) = i.checked_sub(1).and_then(|i| self.runs.get(i)) else {
            return self.runs.first().map_or(0, |r| r.source.start);
        };
        match run.kind {
            RunKind::Verbatim => run.source.start + (at - run.shown.start).min(run.shown.len()),
            RunKind::Whole => run.source.end,
            RunKind::Added => run.source.start,
        }
    }

    /// The shown character where a quote starting at file character `at` starts: markup
    /// is not shown, so a quote starting in it starts at the text after it.
    pub fn shown_start(&self, at: usize) -> usize {
        let i = self.runs.partition_point(|r| r.source.end <= at);
        let Some(run) = self.runs.get(i) else {
            return self.shown_chars();
        };
        match run.kind {
            RunKind::Verbatim => run.shown.start + at.saturating_sub(run.source.start),
            RunKind::Whole => run.shown.start,
            RunKind::Added => run.shown.end,
        }
    }

    /// The shown character where a quote ending at file character `at` (one past its last)
    /// ends.
    pub fn shown_end(&self, at: usize) -> usize {
        let i = self.runs.partition_point(|r| r.source.start < at);
        let Some(run) = i.checked_sub(1).and_then(|i| self.runs.get(i)) else {
            return 0;
        };
        match run.kind {
            RunKind::Verbatim => run.shown.start + (at - run.source.start).min(run.shown.len()),
            RunKind::Whole => run.shown.end,
            RunKind::Added => run.shown.start,
        }
    }

    /// File characters `start..end` as shown characters; empty when none of them is shown.
    pub fn shown_range(&self, start: usize, end: usize) -> (usize, usize) {
        let s = self.shown_start(start);
        (s, self.shown_end(end).max(s))
    }

    /// Shown characters `start..end` as file characters.
    pub fn source_range(&self, start: usize, end: usize) -> (usize, usize) {
        let s = self.source_start(start);
        (s, self.source_end(end).max(s))
    }
}

/// Turns parser events into runs.
struct Builder<'a> {
    source: &'a str,
    out: Rendered,
    style: Style,
    /// Nesting counts behind the flags of `style`.
    strong: u32,
    emphasis: u32,
    strikethrough: u32,
    quote: u32,
    /// Open lists: the next number of an ordered one.
    lists: Vec<Option<u64>>,
    /// Newlines owed before the next text (2 between blocks, 1 between items).
    breaks: usize,
    /// Text owed before the next text: a bullet, a cell separator.
    prefix: String,
    /// The first cell of a table row is not preceded by a separator.
    first_cell: bool,
    /// Where the last run's source ended, in characters and bytes of the file.
    source_chars: usize,
    source_byte: usize,
    /// The counting position of `char_of`.
    counted: (usize, usize),
}

impl<'a> Builder<'a> {
    fn new(source: &'a str) -> Self {
        Builder {
            source,
            out: Rendered::default(),
            style: Style::default(),
            strong: 0,
            emphasis: 0,
            strikethrough: 0,
            quote: 0,
            lists: Vec::new(),
            breaks: 0,
            prefix: String::new(),
            first_cell: true,
            source_chars: 0,
            source_byte: 0,
            counted: (0, 0),
        }
    }

    /// The character index of byte `b` of the file. Events come in file order, so counting
    /// on from the last answer keeps the whole document linear.
    fn char_of(&mut self, b: usize) -> usize {
        let b = b.min(self.source.len());
        let (byte, chars) = if b >= self.counted.0 {
            self.counted
        } else {
            (0, 0)
        };
        let n = self.source.get(byte..b).map_or(0, |s| s.chars().count());
        self.counted = (b, chars + n);
        chars + n
    }

    fn block(&mut self, gap: usize) {
        if !self.out.text.is_empty() {
            self.breaks = self.breaks.max(gap);
        }
    }

    fn event(&mut self, event: Event<'_>, range: Range<usize>) {
        match event {
            Event::Start(tag) => self.start(tag),
            Event::End(tag) => self.end(tag),
            Event::Text(t) | Event::Html(t) | Event::InlineHtml(t) => self.text(&t, range),
            Event::Code(t) | Event::InlineMath(t) | Event::DisplayMath(t) => {
                let before = self.style;
                self.style.code = true;
                self.text(&t, range);
                self.style = before;
            }
            Event::FootnoteReference(name) => self.whole(&format!("[{name}]"), range),
            Event::SoftBreak => self.text(" ", range),
            Event::HardBreak => self.whole("\n", range),
            Event::Rule => {
                self.block(2);
                self.whole("----------", range);
                self.block(2);
            }
            Event::TaskListMarker(done) => {
                self.whole(if done { "[x] " } else { "[ ] " }, range);
            }
        }
    }

    fn start(&mut self, tag: Tag<'_>) {
        match tag {
            Tag::Paragraph | Tag::CodeBlock(_) | Tag::HtmlBlock | Tag::Table(_) => {
                self.block(2);
                if matches!(tag, Tag::CodeBlock(_)) {
                    self.style.code = true;
                }
            }
            Tag::Heading { level, .. } => {
                self.block(2);
                self.style.heading = level as u8;
            }
            Tag::BlockQuote(_) => {
                self.block(2);
                self.quote += 1;
                self.style.quote = true;
            }
            Tag::List(first) => {
                self.block(if self.lists.is_empty() { 2 } else { 1 });
                self.lists.push(first);
            }
            Tag::Item => {
                self.block(1);
                let depth = self.lists.len().saturating_sub(1);
                let bullet = match self.lists.last_mut() {
                    Some(Some(n)) => {
                        *n += 1;
                        format!("{}. ", *n - 1)
                    }
                    _ => "\u{2022} ".to_string(),
                };
                self.prefix = format!("{}{bullet}", "    ".repeat(depth));
            }
            Tag::TableHead | Tag::TableRow => {
                self.block(1);
                self.first_cell = true;
            }
            Tag::TableCell => {
                if !self.first_cell {
                    self.prefix.push_str(" | ");
                }
                self.first_cell = false;
            }
            Tag::Emphasis => {
                self.emphasis += 1;
                self.style.emphasis = true;
            }
            Tag::Strong => {
                self.strong += 1;
                self.style.strong = true;
            }
            Tag::Strikethrough => {
                self.strikethrough += 1;
                self.style.strikethrough = true;
            }
            Tag::Link { dest_url, .. } | Tag::Image { dest_url, .. } => {
                self.out.links.push(dest_url.to_string());
                self.style.link = Some(self.out.links.len() - 1);
            }
            Tag::FootnoteDefinition(_)
            | Tag::DefinitionList
            | Tag::DefinitionListTitle
            | Tag::DefinitionListDefinition => self.block(1),
            _ => {}
        }
    }

    fn end(&mut self, tag: TagEnd) {
        match tag {
            TagEnd::Paragraph | TagEnd::HtmlBlock | TagEnd::Table => self.block(2),
            TagEnd::CodeBlock => {
                self.style.code = false;
                self.block(2);
            }
            TagEnd::Heading(_) => {
                self.style.heading = 0;
                self.block(2);
            }
            TagEnd::BlockQuote(_) => {
                self.quote = self.quote.saturating_sub(1);
                self.style.quote = self.quote > 0;
                self.block(2);
            }
            TagEnd::List(_) => {
                self.lists.pop();
                self.block(if self.lists.is_empty() { 2 } else { 1 });
            }
            TagEnd::Item | TagEnd::TableHead | TagEnd::TableRow => self.block(1),
            TagEnd::Emphasis => {
                self.emphasis = self.emphasis.saturating_sub(1);
                self.style.emphasis = self.emphasis > 0;
            }
            TagEnd::Strong => {
                self.strong = self.strong.saturating_sub(1);
                self.style.strong = self.strong > 0;
            }
            TagEnd::Strikethrough => {
                self.strikethrough = self.strikethrough.saturating_sub(1);
                self.style.strikethrough = self.strikethrough > 0;
            }
            TagEnd::Link | TagEnd::Image => self.style.link = None,
            _ => {}
        }
    }

    /// Text the parser read from `range` of the file.
    fn text(&mut self, text: &str, range: Range<usize>) {
        let written = self.source.get(range.clone()).unwrap_or("");
        // Inline code's range holds its backticks: the text itself is inside.
        let inner = if written == text {
            Some(range.start)
        } else {
            written.find(text).map(|at| range.start + at)
        };
        match inner {
            Some(at) if !text.is_empty() => self.push(text, at..at + text.len(), RunKind::Verbatim),
            _ if text.chars().count() == written.chars().count() => {
                // A soft break shown as a space: one character for one.
                self.push(text, range, RunKind::Verbatim);
            }
            _ => self.push(text, range, RunKind::Whole),
        }
    }

    /// Text that stands for all of `range`.
    fn whole(&mut self, text: &str, range: Range<usize>) {
        self.push(text, range, RunKind::Whole);
    }

    fn push(&mut self, text: &str, range: Range<usize>, kind: RunKind) {
        if text.is_empty() {
            return;
        }
        // Sources never go backwards, so that the maps can search them.
        let range = range.start.max(self.source_byte)..range.end.max(self.source_byte);
        let kind = if range.len() == text.len() || kind != RunKind::Verbatim {
            kind
        } else {
            RunKind::Whole
        };
        let start = self.char_of(range.start);
        let mut added = String::new();
        if !self.out.text.is_empty() {
            let trailing = self.out.text.len() - self.out.text.trim_end_matches('\n').len();
            added.push_str(&"\n".repeat(self.breaks.saturating_sub(trailing)));
        }
        self.breaks = 0;
        added.push_str(&std::mem::take(&mut self.prefix));
        if !added.is_empty() {
            let from = self.source_chars;
            self.append(&added, from..start, RunKind::Added, Style::default());
        }
        let end = self.char_of(range.end);
        self.append(text, start..end, kind, self.style);
        self.source_chars = end;
        self.source_byte = range.end;
    }

    fn append(&mut self, text: &str, source: Range<usize>, kind: RunKind, style: Style) {
        let bytes = self.out.text.len()..self.out.text.len() + text.len();
        let from = self.out.shown_chars();
        let shown = from..from + text.chars().count();
        self.out.text.push_str(text);
        self.out.runs.push(Run {
            bytes,
            shown,
            source,
            kind,
            style,
        });
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const REPORT: &str = "# Iran denies the visit\n\n\
        *A retelling.* The **US ambassador** said: \"We are concerned.\"\n\n\
        - first point\n- second, with `code`\n\n\
        See [the report](https://example.org/r) &amp; more.\n";

    /// File characters `start..end` of `text`.
    fn chars(text: &str, start: usize, end: usize) -> String {
        text.chars().skip(start).take(end - start).collect()
    }

    fn find(text: &str, needle: &str) -> (usize, usize) {
        let at = text.find(needle).expect("the needle is there");
        let start = text[..at].chars().count();
        (start, start + needle.chars().count())
    }

    #[test]
    fn markup_is_not_shown() {
        let r = Rendered::markdown(REPORT);
        assert_eq!(
            r.text,
            "Iran denies the visit\n\n\
             A retelling. The US ambassador said: \"We are concerned.\"\n\n\
             \u{2022} first point\n\u{2022} second, with code\n\n\
             See the report & more."
        );
        assert_eq!(r.links, ["https://example.org/r"]);
    }

    #[test]
    fn runs_cover_the_text_and_carry_the_style() {
        let r = Rendered::markdown(REPORT);
        let mut at = 0;
        for run in &r.runs {
            assert_eq!(run.bytes.start, at);
            assert_eq!(run.shown.len(), r.text[run.bytes.clone()].chars().count());
            at = run.bytes.end;
        }
        assert_eq!(at, r.text.len());
        let style_of = |needle: &str| {
            let (s, _) = find(&r.text, needle);
            r.run_at(s).expect("a run").style
        };
        assert_eq!(style_of("Iran denies").heading, 1);
        assert!(style_of("A retelling").emphasis);
        assert!(style_of("US ambassador").strong);
        assert!(!style_of(" said").strong);
        assert!(style_of("code").code);
        assert_eq!(style_of("the report").link, Some(0));
    }

    #[test]
    fn a_quote_of_the_file_is_found_in_the_shown_text() {
        let r = Rendered::markdown(REPORT);
        for quote in [
            "Iran denies the visit",
            "US ambassador",
            "said: \"We are concerned.\"",
            "second, with",
            "the report",
        ] {
            let (s, e) = find(REPORT, quote);
            let (ss, se) = r.shown_range(s, e);
            assert_eq!(chars(&r.text, ss, se), quote);
        }
        // A quote taking markup along shows without it.
        let (s, e) = find(REPORT, "**US ambassador** said");
        let (ss, se) = r.shown_range(s, e);
        assert_eq!(chars(&r.text, ss, se), "US ambassador said");
        let (s, e) = find(REPORT, "# Iran");
        let (ss, se) = r.shown_range(s, e);
        assert_eq!(chars(&r.text, ss, se), "Iran");
    }

    #[test]
    fn a_selection_in_the_shown_text_is_a_quote_of_the_file() {
        let r = Rendered::markdown(REPORT);
        let quote = |shown: &str| {
            let (s, e) = find(&r.text, shown);
            let (fs, fe) = r.source_range(s, e);
            chars(REPORT, fs, fe)
        };
        assert_eq!(quote("Iran denies"), "Iran denies");
        assert_eq!(quote("US ambassador said"), "US ambassador** said");
        assert_eq!(quote("A retelling. The"), "A retelling.* The");
        assert_eq!(quote("first point"), "first point");
        // A bullet and the break before it are not in the file: the quote starts at the text.
        assert_eq!(quote("\n\u{2022} second"), "second");
        assert_eq!(quote("point\n"), "point");
        // An entity is taken whole.
        assert_eq!(
            quote("report & more"),
            "report](https://example.org/r) &amp; more"
        );
    }

    #[test]
    fn both_maps_agree_on_every_shown_character() {
        let r = Rendered::markdown(REPORT);
        let file: Vec<char> = REPORT.chars().collect();
        for run in r.runs.iter().filter(|run| run.kind == RunKind::Verbatim) {
            for (k, c) in r.text[run.bytes.clone()].chars().enumerate() {
                let shown = run.shown.start + k;
                let source = r.source_start(shown);
                assert_eq!(r.shown_start(source), shown);
                if c != ' ' {
                    assert_eq!(file[source], c, "shown {shown}");
                }
            }
        }
    }

    #[test]
    fn the_sample_report_maps_both_ways() {
        let report = include_str!("../../../claims/sources/report.md");
        let r = Rendered::markdown(report);
        assert!(r.text.starts_with("Iran denies North Korean visit"));
        assert!(!r.text.contains(['#', '*']), "{}", r.text);
        for quote in [
            "We will never break our determination",
            "the delegation attended a trade show in Tehran",
            "1980–1988 war between Iran and Iraq",
        ] {
            let (s, e) = find(report, quote);
            let (ss, se) = r.shown_range(s, e);
            assert_eq!(chars(&r.text, ss, se), quote);
            assert_eq!(r.source_range(ss, se), (s, e));
        }
    }

    #[test]
    fn plain_text_maps_to_itself() {
        let text = "Plain *text* stays: # as it is.";
        let r = Rendered::plain(text);
        assert_eq!(r.text, text);
        assert_eq!(r.shown_range(3, 9), (3, 9));
        assert_eq!(r.source_range(3, 9), (3, 9));
        assert_eq!(r.source_end(text.chars().count()), text.chars().count());
    }

    #[test]
    fn numbers_and_nesting_are_kept() {
        let r = Rendered::markdown("1. one\n2. two\n   - inner\n\nAfter.\n");
        assert_eq!(r.text, "1. one\n2. two\n    \u{2022} inner\n\nAfter.");
    }

    #[test]
    fn non_ascii_counts_characters() {
        let text = "## Über *Iran–Irak*\n\nCafé «said» it.";
        let r = Rendered::markdown(text);
        assert_eq!(r.text, "Über Iran–Irak\n\nCafé «said» it.");
        let (s, e) = find(text, "«said»");
        let (ss, se) = r.shown_range(s, e);
        assert_eq!(chars(&r.text, ss, se), "«said»");
        let (s, e) = find(&r.text, "Iran–Irak");
        let (fs, fe) = r.source_range(s, e);
        assert_eq!(chars(text, fs, fe), "Iran–Irak");
    }
}
