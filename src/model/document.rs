use super::{PubDate, QuoteAnchor, Timestamp};
use serde::{Deserialize, Serialize};

/// A source document: the text a desk reads claims from, kept in the workspace's `sources/`
/// folder as `ID.txt` or `ID.md`, with its metadata in `ID.ron` beside it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Document {
    /// The file stem, which claims' anchors name.
    pub id: String,
    /// Title, outlet, address, date.
    pub meta: DocumentMeta,
    /// The text as it is on disk.
    pub text: String,
    /// How the text is written: its file's extension says.
    pub format: DocumentFormat,
}

/// How a document's text is written, which decides how it is shown (anchors always count
/// characters of the text as it is on disk).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum DocumentFormat {
    /// A `.txt` file, shown as it is.
    #[default]
    Plain,
    /// A `.md` file, shown formatted.
    Markdown,
}

/// What a document is.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct DocumentMeta {
    /// The document's title.
    #[serde(default)]
    pub title: String,
    /// Who published it.
    #[serde(default)]
    pub outlet: String,
    /// Where.
    #[serde(default)]
    pub url: String,
    /// When.
    #[serde(default)]
    pub date: PubDate,
    /// Who wrote it, as the page names them. Written only when set, like the fields below,
    /// so metadata files written before the archive existed keep their bytes.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub author: String,
    /// When the desk fetched it (an archived source).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub retrieved: Option<Timestamp>,
    /// The file beside this one that holds the bytes as they were fetched or read
    /// (`ID.html`; for a text or Markdown source, the document itself).
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub original: String,
    /// The SHA-256 of [`DocumentMeta::original`]'s bytes, in lower-case hex: anyone can
    /// check the archived copy is what was fetched.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub sha256: String,
}

/// Where a claim's quote sits in a source document.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Anchor {
    /// The document's id.
    pub document: String,
    /// The quote and its context.
    pub quote: QuoteAnchor,
}
