//! Source documents in a workspace's `sources/` folder: `ID.txt` or `ID.md`, with optional
//! metadata in `ID.ron`. Other files beside them (an archived page's `ID.html`) are not
//! documents and are not read. The store writes a source only when one is added
//! ([`super::Folder::add_source`]); it never rewrites one.

use super::diagnostic::Diagnostic;
use super::{codec, guarded};
use crate::model::{ClaimId, Document, DocumentFormat, DocumentMeta};
use serde::{Deserialize, Serialize};
use std::fs;
use std::path::Path;

/// The folder, inside the workspace.
pub const SOURCES_DIR: &str = "sources";

/// Documents larger than this are not read.
pub const MAX_DOCUMENT_BYTES: u64 = 8 << 20;

/// `ID.ron`: `(version: 2, document: (title: …, outlet: …, url: …, date: …))`.
#[derive(Deserialize)]
#[serde(deny_unknown_fields, rename = "document file")]
struct MetaFile {
    #[allow(dead_code, reason = "read so that deny_unknown_fields accepts it")]
    version: u32,
    document: DocumentMeta,
}

/// The schema version a new metadata file declares.
const META_VERSION: u32 = 2;

#[derive(Serialize)]
struct MetaFileOut<'a> {
    version: u32,
    document: &'a DocumentMeta,
}

/// The bytes of a new document's metadata file (`ID.ron`).
pub fn encode_meta(meta: &DocumentMeta) -> String {
    codec::encode_ron(&MetaFileOut {
        version: META_VERSION,
        document: meta,
    })
}

/// A source document about to be added to `sources/`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct NewSource {
    /// Its id: the file stem, a valid claim-style id.
    pub id: String,
    /// What goes into `ID.ron`.
    pub meta: DocumentMeta,
    /// The document's text, written to `ID.md` or `ID.txt` as it is.
    pub text: String,
    /// Which of the two.
    pub format: DocumentFormat,
    /// The bytes as they came, with the extension of their file (`html`), when they are
    /// not the text itself.
    pub original: Option<(String, Vec<u8>)>,
}

impl NewSource {
    /// The document's file name: `ID.md` or `ID.txt`.
    pub fn text_name(&self) -> String {
        match self.format {
            DocumentFormat::Markdown => format!("{}.md", self.id),
            DocumentFormat::Plain => format!("{}.txt", self.id),
        }
    }
}

/// The id a file in `sources/` belongs to: its name up to the first dot.
pub fn stem_of(name: &str) -> &str {
    name.split('.').next().unwrap_or(name)
}

/// Reads a document's metadata file (`ID.ron`); `path` names it in diagnostics.
pub fn decode_meta(path: &Path, bytes: &[u8]) -> Result<DocumentMeta, Diagnostic> {
    codec::decode_ron::<MetaFile>(path, bytes).map(|file| file.document)
}

/// Reads the documents under `root/sources`, reporting what cannot be read.
pub fn load(root: &Path, diagnostics: &mut Vec<Diagnostic>) -> Vec<Document> {
    let dir = root.join(SOURCES_DIR);
    let Ok(entries) = fs::read_dir(&dir) else {
        return Vec::new();
    };
    // Special files are listed too, so that the guarded reader names them rather than the
    // document vanishing without a word.
    let mut names: Vec<String> = entries
        .filter_map(Result::ok)
        .filter_map(|e| e.file_name().to_str().map(str::to_string))
        .collect();
    names.sort();
    let mut documents = Vec::new();
    for name in &names {
        let Some(stem) = name
            .strip_suffix(".txt")
            .or_else(|| name.strip_suffix(".md"))
        else {
            continue;
        };
        let path = dir.join(name);
        if documents.iter().any(|d: &Document| d.id == stem) {
            diagnostics.push(Diagnostic::error(
                &path,
                (1, 1),
                format!("another document is called {stem} already; ids must differ"),
            ));
            continue;
        }
        if ClaimId::new(stem).is_err() {
            diagnostics.push(Diagnostic::error(
                &path,
                (1, 1),
                "a document's file name is its id: a-z, 0-9 and inner dashes",
            ));
            continue;
        }
        let text = match read_text(root, &path) {
            Ok(text) => text,
            Err(d) => {
                diagnostics.push(d);
                continue;
            }
        };
        let meta_path = dir.join(format!("{stem}.ron"));
        let meta = if fs::symlink_metadata(&meta_path).is_err() {
            DocumentMeta::default()
        } else {
            let decoded = guarded::read_inside(root, &meta_path, codec::MAX_FILE_BYTES)
                .map_err(|e| Diagnostic::error(&meta_path, (1, 1), e.to_string()))
                .and_then(|bytes| decode_meta(&meta_path, &bytes));
            match decoded {
                Ok(meta) => meta,
                Err(d) => {
                    diagnostics.push(d);
                    DocumentMeta::default()
                }
            }
        };
        let format = if name.ends_with(".md") {
            DocumentFormat::Markdown
        } else {
            DocumentFormat::Plain
        };
        documents.push(Document {
            id: stem.to_string(),
            meta,
            text,
            format,
        });
    }
    for name in &names {
        if let Some(stem) = name.strip_suffix(".ron")
            && !documents.iter().any(|d| d.id == stem)
            && !names
                .iter()
                .any(|n| n == &format!("{stem}.txt") || n == &format!("{stem}.md"))
        {
            diagnostics.push(Diagnostic::warning(
                &dir.join(name),
                (1, 1),
                format!("metadata for a document {stem}.txt or {stem}.md that is not there"),
            ));
        }
    }
    documents
}

fn read_text(root: &Path, path: &Path) -> Result<String, Diagnostic> {
    let bytes = guarded::read_inside(root, path, MAX_DOCUMENT_BYTES)
        .map_err(|e| Diagnostic::error(path, (1, 1), e.to_string()))?;
    guarded::utf8_text(path, bytes, "document")
}
