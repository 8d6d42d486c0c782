//! Archiving a source: an http(s) page or a local file becomes a document in `sources/`,
//! with the bytes as they came, the article's readable text, and what the page says about
//! itself. Written once for the command line and the window.
//!
//! Three steps, so the window can run the slow ones off its thread: [`fetch`] (network or
//! disk, bounded in size, time and redirects, cancellable), [`prepare`] (extraction, no I/O)
//! and [`super::Desk::add_source`] (the one step that writes, atomically).

use super::{Clock, Desk, DeskError};
use crate::model::{ClaimId, DocumentFormat, DocumentMeta, PubDate, Timestamp, slugify};
use crate::store::{MAX_DOCUMENT_BYTES, NewSource, guarded};
use sha2::{Digest, Sha256};
use std::io::Read;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, AtomicU8, AtomicU64, Ordering};
use std::time::Duration;

/// The largest page or file archived: 10 MB.
pub const MAX_FETCH_BYTES: u64 = 10 << 20;

/// How many redirects are followed before giving up.
pub const MAX_REDIRECTS: u32 = 5;

/// The bounds of one fetch.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Limits {
    /// Bytes; a larger page is refused whole.
    pub max_bytes: u64,
    /// Redirects followed.
    pub max_redirects: u32,
    /// Time to connect.
    pub connect: Duration,
    /// Time for the whole fetch, redirects and body included.
    pub total: Duration,
}

impl Default for Limits {
    fn default() -> Self {
        Self {
            max_bytes: MAX_FETCH_BYTES,
            max_redirects: MAX_REDIRECTS,
            connect: Duration::from_secs(10),
            total: Duration::from_secs(60),
        }
    }
}

/// Where a source comes from, as a person typed it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Origin {
    /// An http or https address.
    Url(String),
    /// A file on this computer.
    File(PathBuf),
}

impl Origin {
    /// An address with a scheme must be http or https (`file:`, `ftp:` and the rest are
    /// refused: a link in a shared workspace must not make the desk read local files);
    /// anything else is a file path.
    pub fn parse(typed: &str) -> Result<Origin, DeskError> {
        let typed = typed.trim();
        if typed.is_empty() {
            return Err(DeskError::File(
                "give an http(s) address or a file to archive".into(),
            ));
        }
        match scheme_of(typed) {
            Some(scheme)
                if scheme.eq_ignore_ascii_case("http") || scheme.eq_ignore_ascii_case("https") =>
            {
                Ok(Origin::Url(typed.to_string()))
            }
            Some(scheme) => Err(DeskError::File(format!(
                "{typed}: only http and https addresses are archived, not {scheme}:"
            ))),
            None => Ok(Origin::File(PathBuf::from(typed))),
        }
    }
}

/// The scheme of `s` when it starts with one (`http:`, `file:`); a Windows drive letter
/// (`C:\`) is one letter and is not taken for a scheme.
fn scheme_of(s: &str) -> Option<&str> {
    let (head, _) = s.split_once(':')?;
    let mut chars = head.chars();
    let first = chars.next()?;
    (head.len() > 1
        && first.is_ascii_alphabetic()
        && chars.all(|c| c.is_ascii_alphanumeric() || matches!(c, '+' | '-' | '.')))
    .then_some(head)
}

/// What a fetch has got to, shared between the thread that fetches and the window that
/// shows it; the window also asks it to stop.
#[derive(Debug, Default)]
pub struct ArchiveProgress {
    stage: AtomicU8,
    received: AtomicU64,
    cancelled: AtomicBool,
}

/// The stages of an archive, as [`ArchiveProgress::stage`] reports them.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Stage {
    /// Connecting, or waiting for the answer.
    Connecting,
    /// Receiving the body.
    Receiving,
    /// Finding the article in the page.
    Extracting,
}

impl ArchiveProgress {
    /// Where the archive is.
    pub fn stage(&self) -> Stage {
        match self.stage.load(Ordering::Relaxed) {
            0 => Stage::Connecting,
            1 => Stage::Receiving,
            _ => Stage::Extracting,
        }
    }

    fn set_stage(&self, stage: Stage) {
        self.stage.store(stage as u8, Ordering::Relaxed);
    }

    /// Bytes received so far.
    pub fn received(&self) -> u64 {
        self.received.load(Ordering::Relaxed)
    }

    /// Asks the fetch to stop at its next chunk.
    pub fn cancel(&self) {
        self.cancelled.store(true, Ordering::Relaxed);
    }

    /// True once [`ArchiveProgress::cancel`] was called.
    pub fn is_cancelled(&self) -> bool {
        self.cancelled.load(Ordering::Relaxed)
    }
}

/// What a source holds, which decides how its text is found.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Kind {
    /// A web page: the bytes are kept as `ID.html` (or the file's own extension), the
    /// article goes into `ID.md`.
    Html,
    /// Markdown: the bytes are the document, `ID.md`.
    Markdown,
    /// Plain text: the bytes are the document, `ID.txt`.
    Plain,
}

impl Kind {
    /// The extension its kept file gets (a local HTML file keeps its own, `.htm` say).
    fn extension(self) -> &'static str {
        match self {
            Kind::Html => "html",
            Kind::Markdown => "md",
            Kind::Plain => "txt",
        }
    }
}

/// The bytes of a source, as they came.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Fetched {
    /// The bytes.
    pub bytes: Vec<u8>,
    /// What they hold.
    pub kind: Kind,
    /// The extension their file keeps (`html`, `htm`, `md`, `txt`).
    pub extension: String,
    /// The address they came from after redirects; empty for a local file.
    pub url: String,
    /// When they were fetched or read.
    pub retrieved: Timestamp,
    /// A name to fall back on for the title: the file's stem or the address's last part.
    pub name: String,
    /// The character set the server named for the bytes (`Content-Type`), lower case;
    /// empty when it named none (a page may still say so in a `<meta>` tag).
    pub charset: String,
}

/// Fetches an http(s) address or reads a local file, within `limits`; nothing is written.
pub fn fetch(
    origin: &Origin,
    limits: &Limits,
    progress: &ArchiveProgress,
    clock: Clock,
) -> Result<Fetched, DeskError> {
    let fetched = match origin {
        Origin::Url(url) => fetch_url(url, limits, progress, clock),
        Origin::File(path) => read_file(path, limits, clock),
    }?;
    // What comes next is [`prepare`], on the same thread.
    progress.set_stage(Stage::Extracting);
    Ok(fetched)
}

fn read_file(path: &Path, limits: &Limits, clock: Clock) -> Result<Fetched, DeskError> {
    let shown = path.display();
    let extension = path
        .extension()
        .and_then(|e| e.to_str())
        .map(str::to_ascii_lowercase)
        .unwrap_or_default();
    let kind = match extension.as_str() {
        "html" | "htm" | "xhtml" => Kind::Html,
        "md" | "markdown" => Kind::Markdown,
        "txt" | "text" => Kind::Plain,
        _ => {
            return Err(DeskError::File(format!(
                "{shown}: only HTML (.html, .htm), Markdown (.md) and text (.txt) files are archived"
            )));
        }
    };
    let bytes = guarded::read(path, limits.max_bytes).map_err(|e| match e {
        guarded::ReadError::TooBig(_, cap) => too_big(&shown.to_string(), cap),
        other => DeskError::File(format!("{shown}: {other}")),
    })?;
    let name = path
        .file_stem()
        .and_then(|s| s.to_str())
        .unwrap_or_default()
        .to_string();
    Ok(Fetched {
        bytes,
        kind,
        extension: match kind {
            Kind::Html => extension,
            _ => kind.extension().into(),
        },
        url: String::new(),
        retrieved: clock.now(),
        name,
        charset: String::new(),
    })
}

fn too_big(what: &str, cap: u64) -> DeskError {
    DeskError::File(format!(
        "{what}: larger than {} MB; nothing was archived",
        cap.div_ceil(1 << 20)
    ))
}

fn fetch_url(
    url: &str,
    limits: &Limits,
    progress: &ArchiveProgress,
    clock: Clock,
) -> Result<Fetched, DeskError> {
    let agent: ureq::Agent = ureq::Agent::config_builder()
        // Redirects are followed here, not by the client, so that each address is checked
        // before it is asked for: the client took `Location: file:///etc/passwd` for a path
        // on the same host and reported what that host said about it.
        .max_redirects(0)
        .timeout_connect(Some(limits.connect))
        // A 404 page is read as an answer, so the message can say what the server said.
        .http_status_as_error(false)
        .user_agent(concat!("claimdesk/", env!("CARGO_PKG_VERSION")))
        .build()
        .into();
    progress.set_stage(Stage::Connecting);
    let deadline = std::time::Instant::now() + limits.total;
    // `Origin::parse` let only http(s) through.
    let mut address = url::Url::parse(url).map_err(|e| {
        DeskError::File(format!(
            "{url}: not an address that can be fetched ({e}); nothing was archived"
        ))
    })?;
    let mut redirects = 0;
    let mut response = loop {
        if progress.is_cancelled() {
            return Err(DeskError::File(format!("{url}: cancelled")));
        }
        let left = deadline.saturating_duration_since(std::time::Instant::now());
        let response = agent
            .get(address.as_str())
            .config()
            .timeout_global(Some(left))
            .build()
            .header(
                "Accept",
                "text/html,application/xhtml+xml,text/markdown;q=0.9,text/plain;q=0.8",
            )
            .call()
            .map_err(|e| fetch_error(url, e, limits))?;
        if !response.status().is_redirection() {
            break response;
        }
        let Some(location) = (response.headers().get("location")).and_then(|l| l.to_str().ok())
        else {
            break response;
        };
        redirects += 1;
        if redirects > limits.max_redirects {
            return Err(DeskError::File(format!(
                "{url}: more than {} redirects; not followed; nothing was archived",
                limits.max_redirects
            )));
        }
        address = next_address(url, &address, location)?;
    };
    let status = response.status();
    if !status.is_success() {
        return Err(DeskError::File(format!(
            "{url}: the server answered {} {}; nothing was archived",
            status.as_u16(),
            status.canonical_reason().unwrap_or_default()
        )));
    }
    let final_url = address.to_string();
    let mime = response
        .body()
        .mime_type()
        .map(str::to_ascii_lowercase)
        .unwrap_or_default();
    let charset = response
        .body()
        .charset()
        .map(str::to_ascii_lowercase)
        .unwrap_or_default();
    if response
        .body()
        .content_length()
        .is_some_and(|len| len > limits.max_bytes)
    {
        return Err(too_big(url, limits.max_bytes));
    }
    progress.set_stage(Stage::Receiving);
    let reader = response
        .body_mut()
        .with_config()
        .limit(limits.max_bytes.saturating_add(1))
        .reader();
    let mut reader = reader.take(limits.max_bytes.saturating_add(1));
    let mut bytes = Vec::new();
    let mut chunk = vec![0u8; 64 << 10];
    loop {
        if progress.is_cancelled() {
            return Err(DeskError::File(format!("{url}: cancelled")));
        }
        let n = match reader.read(&mut chunk) {
            Ok(0) => break,
            Ok(n) => n,
            Err(e) if e.kind() == std::io::ErrorKind::Interrupted => continue,
            Err(e) => {
                let inner = e.get_ref().and_then(|i| i.downcast_ref::<ureq::Error>());
                if let Some(ureq::Error::BodyExceedsLimit(_)) = inner {
                    return Err(too_big(url, limits.max_bytes));
                }
                return Err(DeskError::File(format!(
                    "{url}: the page stopped arriving: {e}; nothing was archived"
                )));
            }
        };
        bytes.extend_from_slice(&chunk[..n]);
        progress
            .received
            .store(bytes.len() as u64, Ordering::Relaxed);
        if bytes.len() as u64 > limits.max_bytes {
            return Err(too_big(url, limits.max_bytes));
        }
    }
    let kind = match mime.as_str() {
        "text/html" | "application/xhtml+xml" => Kind::Html,
        "text/markdown" => Kind::Markdown,
        "text/plain" => Kind::Plain,
        "" if looks_like_html(&bytes) => Kind::Html,
        "" => Kind::Plain,
        other => {
            return Err(DeskError::File(format!(
                "{url}: the server sent {other}; only HTML, Markdown and text pages are archived"
            )));
        }
    };
    let name = final_url
        .trim_end_matches('/')
        .rsplit('/')
        .next()
        .unwrap_or_default()
        .to_string();
    Ok(Fetched {
        bytes,
        kind,
        extension: kind.extension().into(),
        url: final_url,
        retrieved: clock.now(),
        name,
        charset,
    })
}

/// A page's bytes as text, in the character set the server named, else the one its
/// `<meta>` names in its first kilobytes, else UTF-8 (a byte-order mark wins over both): a
/// Latin-1 or Shift-JIS page read as UTF-8 lost its accented letters.
fn decode_html<'a>(bytes: &'a [u8], charset: &str) -> std::borrow::Cow<'a, str> {
    let named = |label: &str| encoding_rs::Encoding::for_label(label.trim().as_bytes());
    let encoding = Some(charset)
        .filter(|c| !c.is_empty())
        .and_then(named)
        .or_else(|| meta_charset(&bytes[..bytes.len().min(4096)]).and_then(|c| named(&c)))
        .unwrap_or(encoding_rs::UTF_8);
    encoding.decode(bytes).0
}

/// The `charset=` of a page's `<meta charset>` or `<meta http-equiv content>`.
fn meta_charset(head: &[u8]) -> Option<String> {
    let head = String::from_utf8_lossy(head).to_ascii_lowercase();
    let at = head.find("charset=")? + "charset=".len();
    let value: String = head[at..]
        .trim_start_matches(['"', '\''])
        .chars()
        .take_while(|c| c.is_ascii_alphanumeric() || matches!(c, '-' | '_' | ':' | '.'))
        .collect();
    (!value.is_empty()).then_some(value)
}

fn looks_like_html(bytes: &[u8]) -> bool {
    let head = String::from_utf8_lossy(&bytes[..bytes.len().min(1024)]).to_ascii_lowercase();
    let head = head.trim_start();
    head.starts_with("<!doctype html") || head.starts_with("<html") || head.contains("<body")
}

/// Where a redirect from `from` (on the way from `url`) to `location` leads, read against
/// `from`, if that is an address to fetch: http or https.
fn next_address(url: &str, from: &url::Url, location: &str) -> Result<url::Url, DeskError> {
    let refused = |why: String| DeskError::File(format!("{url}: {why}; nothing was archived"));
    let to = from.join(location).map_err(|e| {
        refused(format!(
            "it redirects to {location:?}, which is not an address ({e})"
        ))
    })?;
    match to.scheme() {
        "http" | "https" => Ok(to),
        other => Err(refused(format!(
            "it redirects to {to}, and only http and https addresses are fetched, not {other}:"
        ))),
    }
}

/// A fetch failure in words a reviewer can act on.
fn fetch_error(url: &str, e: ureq::Error, limits: &Limits) -> DeskError {
    let why = match e {
        ureq::Error::Timeout(_) => format!(
            "no answer in time (connect {} s, whole fetch {} s)",
            limits.connect.as_secs(),
            limits.total.as_secs()
        ),
        ureq::Error::HostNotFound => "no such host".into(),
        ureq::Error::ConnectionFailed => "cannot connect to the host".into(),
        ureq::Error::Io(e) if e.kind() == std::io::ErrorKind::ConnectionRefused => {
            "cannot connect: the host refused the connection".into()
        }
        ureq::Error::Io(e) => format!("cannot reach the host: {e}"),
        ureq::Error::BadUri(why) => format!("not an address that can be fetched ({why})"),
        other => other.to_string(),
    };
    DeskError::File(format!("{url}: {why}; nothing was archived"))
}

/// What a page says about itself and its readable text.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct PageText {
    /// `og:title`, the JSON-LD headline or `<title>`.
    pub title: String,
    /// `og:site_name` or the JSON-LD publisher.
    pub outlet: String,
    /// The `author` meta tag, JSON-LD author or byline.
    pub author: String,
    /// `article:published_time` or JSON-LD `datePublished`, as the page writes it.
    pub published: String,
    /// The article as Markdown: no navigation, no scripts.
    pub markdown: String,
}

/// The deepest nesting of elements a page may have to be read.
pub const MAX_NESTING: usize = 2_000;

/// How deeply `html`'s elements nest, roughly: start tags open a level and end tags close
/// one, except elements that never hold others (`<br>`, `<img>`, …) and those whose end tag
/// may be left out (`<p>`, `<li>`, …), which a page may open thousands of times without
/// nesting them; script and style bodies are skipped.
fn nesting_depth(html: &str) -> usize {
    const FLAT: &[&str] = &[
        "area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "param",
        "source", "track", "wbr", "p", "li", "dt", "dd", "tr", "td", "th", "option", "thead",
        "tbody", "tfoot", "colgroup", "rt", "rp", "optgroup", "caption",
    ];
    let bytes = html.as_bytes();
    let (mut depth, mut deepest, mut at) = (0usize, 0usize, 0usize);
    while let Some(open) = memchr::memchr(b'<', &bytes[at..]).map(|i| at + i) {
        let rest = &bytes[open + 1..];
        let closing = rest.first() == Some(&b'/');
        let name_start = open + 1 + usize::from(closing);
        let name_len = bytes[name_start..]
            .iter()
            .take_while(|b| b.is_ascii_alphanumeric())
            .count();
        at = name_start + name_len;
        if name_len == 0 {
            continue;
        }
        let name = html[name_start..name_start + name_len].to_ascii_lowercase();
        let end = memchr::memchr(b'>', &bytes[at..]).map_or(bytes.len(), |i| at + i);
        let self_closing = end > at && bytes[end - 1] == b'/';
        if closing {
            if !FLAT.contains(&name.as_str()) {
                depth = depth.saturating_sub(1);
            }
        } else if name == "script" || name == "style" {
            // Their bodies are text: "a<b" in a script is no tag.
            let body = &bytes[end.min(bytes.len())..];
            let close = memchr::memmem::find_iter(body, b"</").find(|&i| {
                body.get(i + 2..i + 2 + name.len())
                    .is_some_and(|n| n.eq_ignore_ascii_case(name.as_bytes()))
            });
            at = close.map_or(bytes.len(), |i| end + i);
            continue;
        } else if !self_closing && !FLAT.contains(&name.as_str()) {
            depth += 1;
            deepest = deepest.max(depth);
        }
        at = end.min(bytes.len());
    }
    deepest
}

/// Finds the article in `html` (readability.js's scoring, through `dom_smoothie`) and the
/// page's metadata. `url` resolves relative links.
pub fn extract(html: &str, url: Option<&str>) -> Result<PageText, DeskError> {
    // The parser and readability recurse over the page's tree, and their time grows with the
    // square of its depth: a hostile page 25,000 elements deep overflowed the stack, and
    // 10,000 nested <div>s took 20 s. Real articles nest a few dozen deep.
    let depth = nesting_depth(html);
    if depth > MAX_NESTING {
        return Err(DeskError::File(format!(
            "the page nests its elements {depth} deep (at most {MAX_NESTING} are read); nothing was archived"
        )));
    }
    let config = dom_smoothie::Config {
        text_mode: dom_smoothie::TextMode::Markdown,
        ..Default::default()
    };
    let url = url.filter(|u| !u.is_empty());
    let mut readability = dom_smoothie::Readability::new(html, url, Some(config))
        .map_err(|e| DeskError::File(format!("the page cannot be read: {e}")))?;
    let article = readability
        .parse()
        .map_err(|e| DeskError::File(format!("found no article in the page: {e}")))?;
    let clean = |s: Option<String>| {
        s.map(|s| s.split_whitespace().collect::<Vec<_>>().join(" "))
            .unwrap_or_default()
    };
    Ok(PageText {
        title: clean(Some(article.title)),
        outlet: clean(article.site_name),
        author: clean(article.byline),
        published: clean(article.published_time),
        markdown: tidy(&article.text_content),
    })
}

/// Trailing spaces off every line, at most one blank line in a row, one newline at the end.
fn tidy(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 1);
    let mut blank = true;
    for line in text.lines().map(str::trim_end) {
        if line.is_empty() {
            if !blank {
                out.push('\n');
            }
            blank = true;
        } else {
            out.push_str(line);
            out.push('\n');
            blank = false;
        }
    }
    while out.ends_with("\n\n") {
        out.pop();
    }
    out
}

/// A page's date as the workspace keeps dates: the day of an ISO timestamp
/// (`2024-04-24T09:30:00Z`), or any form [`PubDate::from_typed`] reads; empty when neither.
pub fn date_of(published: &str) -> PubDate {
    let s = published.trim();
    s.get(..10)
        .and_then(|day| PubDate::from_typed(day).ok())
        .or_else(|| PubDate::from_typed(s).ok())
        .unwrap_or_default()
}

/// A source ready to be written: its metadata, text and original bytes.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Prepared {
    /// The metadata, without the file name of the original (it depends on the id).
    pub meta: DocumentMeta,
    /// The document's text.
    pub text: String,
    /// `.md` or `.txt`.
    pub format: DocumentFormat,
    /// The bytes as they came, and their extension, when they are not the text itself.
    pub original: Option<(String, Vec<u8>)>,
    /// What the id is made from when none is given.
    pub slug_from: String,
}

/// Finds the text and metadata of fetched bytes; no I/O.
pub fn prepare(fetched: Fetched) -> Result<Prepared, DeskError> {
    let what = if fetched.url.is_empty() {
        fetched.name.clone()
    } else {
        fetched.url.clone()
    };
    let sha256 = format!("{:x}", Sha256::digest(&fetched.bytes));
    let mut meta = DocumentMeta {
        url: fetched.url.clone(),
        retrieved: Some(fetched.retrieved),
        sha256,
        ..DocumentMeta::default()
    };
    let (text, format, original) = match fetched.kind {
        Kind::Html => {
            let html = decode_html(&fetched.bytes, &fetched.charset);
            let page = extract(&html, Some(&fetched.url))
                .map_err(|e| DeskError::File(format!("{what}: {e}; nothing was archived")))?;
            if page.markdown.trim().is_empty() {
                return Err(DeskError::File(format!(
                    "{what}: found no article text in the page; nothing was archived"
                )));
            }
            meta.title = page.title;
            meta.outlet = page.outlet;
            meta.author = page.author;
            meta.date = date_of(&page.published);
            (
                page.markdown,
                DocumentFormat::Markdown,
                Some((fetched.extension.clone(), fetched.bytes)),
            )
        }
        Kind::Markdown | Kind::Plain => {
            let text = String::from_utf8(fetched.bytes).map_err(|_| {
                DeskError::File(format!(
                    "{what}: not UTF-8 text; only UTF-8 text documents are archived"
                ))
            })?;
            // A byte-order mark is no part of the text (nor of its title).
            let text = match text.strip_prefix('\u{feff}') {
                Some(rest) => rest.to_string(),
                None => text,
            };
            if text.trim().is_empty() {
                return Err(DeskError::File(format!(
                    "{what}: the document is empty; nothing was archived"
                )));
            }
            meta.title = first_line_title(&text);
            let format = if fetched.kind == Kind::Markdown {
                DocumentFormat::Markdown
            } else {
                DocumentFormat::Plain
            };
            (text, format, None)
        }
    };
    if text.len() as u64 > MAX_DOCUMENT_BYTES {
        return Err(DeskError::File(format!(
            "{what}: the document's text is over {} MB, which the workspace does not read; nothing was archived",
            MAX_DOCUMENT_BYTES >> 20
        )));
    }
    let slug_from = if meta.title.is_empty() {
        fetched.name
    } else {
        meta.title.clone()
    };
    Ok(Prepared {
        meta,
        text,
        format,
        original,
        slug_from,
    })
}

/// A text's first non-blank line, without Markdown's heading marks, as its title.
fn first_line_title(text: &str) -> String {
    const MAX_CHARS: usize = 120;
    text.lines()
        .map(|l| l.trim().trim_start_matches('#').trim())
        .find(|l| !l.is_empty())
        .map(|l| l.chars().take(MAX_CHARS).collect())
        .unwrap_or_default()
}

impl Desk {
    /// Writes a prepared source into `sources/` under `id` (checked, and never over another
    /// source) or an id made from its title, and adds it to the open workspace. Returns the
    /// id. Nothing is written when this fails.
    pub fn add_source(
        &mut self,
        prepared: Prepared,
        id: Option<&str>,
    ) -> Result<String, DeskError> {
        self.writable()?;
        let id = match id.map(str::trim) {
            Some(typed) => {
                let id = ClaimId::new(typed)
                    .map_err(|why| DeskError::BadId(why.replace("claim id", "source id")))?;
                id.as_str().to_string()
            }
            None => {
                let slug = slugify(&prepared.slug_from);
                let slug = if slug == "claim" {
                    "source".into()
                } else {
                    slug
                };
                self.session.free_source_id(&slug)
            }
        };
        let mut meta = prepared.meta;
        meta.original = match (&prepared.original, prepared.format) {
            (Some((ext, _)), _) => format!("{id}.{ext}"),
            (None, DocumentFormat::Markdown) => format!("{id}.md"),
            (None, DocumentFormat::Plain) => format!("{id}.txt"),
        };
        let source = NewSource {
            id: id.clone(),
            meta,
            text: prepared.text,
            format: prepared.format,
            original: prepared.original,
        };
        self.session
            .add_source(&source)
            .map_err(|e| DeskError::File(e.to_string()))?;
        Ok(id)
    }

    /// The claim and evidence item that `typed` names (`CLAIM-ID:N`, N counted from 1), and
    /// the item's address.
    pub fn find_evidence(&self, typed: &str) -> Result<(ClaimId, usize, String), DeskError> {
        let bad = || {
            DeskError::BadId(format!(
                "{typed:?}: name evidence as CLAIM-ID:N, N counting the claim's evidence from 1"
            ))
        };
        let (claim, n) = typed.rsplit_once(':').ok_or_else(bad)?;
        let n: usize = n.trim().parse().map_err(|_| bad())?;
        let id = self.find_claim(claim)?;
        let items = self
            .workspace()
            .get(&id)
            .map(|c| c.evidence.as_slice())
            .unwrap_or_default();
        let item = n.checked_sub(1).and_then(|i| items.get(i)).ok_or_else(|| {
            DeskError::Refused(crate::edit::EditError(format!(
                "claim {id} has no evidence item {n} (it has {})",
                items.len()
            )))
        })?;
        Ok((id, n - 1, item.url.to_string()))
    }

    /// Records on evidence item `index` of `id` that source `source` archives its address.
    pub fn set_evidence_archive(
        &mut self,
        id: &ClaimId,
        index: usize,
        source: &str,
    ) -> Result<(), DeskError> {
        let claim = self
            .workspace()
            .get(id)
            .ok_or_else(|| DeskError::NoClaim(id.clone()))?;
        let mut evidence = claim.evidence.get(index).cloned().ok_or_else(|| {
            DeskError::Refused(crate::edit::EditError(format!(
                "claim {id} has no evidence item {}",
                index.saturating_add(1)
            )))
        })?;
        evidence.archived = Some(source.into());
        self.apply(crate::edit::Edit::SetEvidence {
            id: id.clone(),
            index,
            evidence,
        })
    }

    /// The clock this desk dates changes with (a fetch on another thread dates with it too).
    pub fn clock(&self) -> Clock {
        self.clock
    }
}

#[cfg(test)]
mod tests;
