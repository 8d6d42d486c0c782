//! Archiving against a server on 127.0.0.1 that this test starts; no other network.

use super::*;
use crate::desk::Reviewer;
use crate::model::fixtures::workspace;
use crate::store::Folder;
use std::io::Write;
use std::net::TcpListener;

const PAGE: &str = r#"<!DOCTYPE html>
<html><head>
<title>Delegation visits Tehran | The Daily Wire Service</title>
<meta property="og:title" content="Delegation visits Tehran">
<meta property="og:site_name" content="The Daily Wire Service">
<meta name="author" content="Momen Zellmi">
<meta property="article:published_time" content="2024-04-24T09:30:00Z">
<script>var tracking = "SCRIPT-SECRET";</script>
</head><body>
<nav><ul><li><a href="/">Home</a></li><li><a href="/world">NAV-WORLD</a></li></ul></nav>
<article>
<h1>Delegation visits Tehran</h1>
<p>A North Korean delegation arrived in Tehran on Tuesday, according to state media, for what
officials described as talks on trade. The delegation was led by the minister of external
economic relations, who met his Iranian counterpart during the visit.</p>
<p>Iran's foreign ministry said the visitors attended a trade show and denied that any
military cooperation was discussed. Analysts said the timing of the visit was notable given
the ongoing negotiations between the two countries over several economic agreements.</p>
<p>The ministry spokesman told reporters that the delegation would leave on Friday after
visiting several factories and a port in the south of the country.</p>
</article>
<footer>FOOTER-LINKS Copyright</footer>
<script>console.log("SCRIPT-TWO")</script>
</body></html>"#;

/// Serves each connection from `respond(path)` (a whole HTTP response), for as many
/// requests as `count`; returns the base address.
fn serve(count: usize, respond: impl Fn(&str) -> Vec<u8> + Send + 'static) -> String {
    let listener = TcpListener::bind("127.0.0.1:0").unwrap();
    let base = format!("http://{}", listener.local_addr().unwrap());
    std::thread::spawn(move || {
        for stream in listener.incoming().take(count) {
            let Ok(mut stream) = stream else { return };
            let mut buf = [0u8; 4096];
            let n = std::io::Read::read(&mut stream, &mut buf).unwrap_or(0);
            let request = String::from_utf8_lossy(&buf[..n]).to_string();
            let path = request.split_whitespace().nth(1).unwrap_or("/").to_string();
            let _ = stream.write_all(&respond(&path));
        }
    });
    base
}

fn ok(kind: &str, body: &[u8]) -> Vec<u8> {
    let mut r = format!(
        "HTTP/1.1 200 OK\r\nContent-Type: {kind}\r\nContent-Length: {}\r\nConnection: close\r\n\r\n",
        body.len()
    )
    .into_bytes();
    r.extend_from_slice(body);
    r
}

fn noon() -> Clock {
    Clock::Fixed("2026-01-02T03:04:05Z".parse().unwrap())
}

fn get(url: &str, limits: &Limits) -> Result<Fetched, DeskError> {
    fetch(
        &Origin::Url(url.into()),
        limits,
        &ArchiveProgress::default(),
        noon(),
    )
}

#[test]
fn metadata_comes_from_the_page_and_the_text_from_its_article() {
    let page = extract(PAGE, Some("https://example.org/a")).unwrap();
    assert_eq!(page.title, "Delegation visits Tehran");
    assert_eq!(page.outlet, "The Daily Wire Service");
    assert_eq!(page.author, "Momen Zellmi");
    assert_eq!(page.published, "2024-04-24T09:30:00Z");
    assert_eq!(date_of(&page.published).to_string(), "2024-04-24");
    assert!(
        page.markdown
            .contains("A North Korean delegation arrived in Tehran")
    );
    assert!(
        page.markdown.contains("denied that any\nmilitary")
            || page.markdown.contains("denied that any military")
    );
    for noise in ["SCRIPT-SECRET", "SCRIPT-TWO", "NAV-WORLD", "FOOTER-LINKS"] {
        assert!(
            !page.markdown.contains(noise),
            "{noise} in {}",
            page.markdown
        );
    }
}

#[test]
fn json_ld_fills_what_meta_tags_do_not_say() {
    let html = PAGE
        .replace(r#"<meta name="author" content="Momen Zellmi">"#, "")
        .replace(r#"<meta property="og:site_name" content="The Daily Wire Service">"#, "")
        .replace(
            "<script>var tracking",
            r#"<script type="application/ld+json">{"@context":"https://schema.org","@type":"NewsArticle","headline":"Delegation visits Tehran","author":{"@type":"Person","name":"Ana Lima"},"publisher":{"@type":"Organization","name":"Wire"},"datePublished":"2024-04-25"}</script><script>var tracking"#,
        );
    let page = extract(&html, None).unwrap();
    assert_eq!(page.author, "Ana Lima");
    assert_eq!(page.outlet, "Wire");
    assert_eq!(date_of(&page.published).to_string(), "2024-04-25");
}

#[test]
fn dates_the_page_does_not_state_plainly_stay_empty() {
    assert_eq!(date_of("24 April 2024").to_string(), "2024-04-24");
    assert!(date_of("last Tuesday").is_empty());
    assert!(date_of("").is_empty());
}

#[test]
fn only_http_and_https_addresses_are_fetched() {
    for bad in [
        "file:///etc/passwd",
        "ftp://example.org/a",
        "FILE:/etc/passwd",
        "javascript:alert(1)",
        "data:text/html,hi",
    ] {
        let e = Origin::parse(bad).unwrap_err().to_string();
        assert!(e.contains("only http and https"), "{bad}: {e}");
    }
    assert_eq!(
        Origin::parse(" https://example.org/a ").unwrap(),
        Origin::Url("https://example.org/a".into())
    );
    assert_eq!(
        Origin::parse("HTTP://example.org").unwrap(),
        Origin::Url("HTTP://example.org".into())
    );
    assert_eq!(
        Origin::parse("notes/page.html").unwrap(),
        Origin::File("notes/page.html".into())
    );
    assert_eq!(
        Origin::parse(r"C:\pages\a.html").unwrap(),
        Origin::File(r"C:\pages\a.html".into())
    );
    assert!(Origin::parse("  ").is_err());
}

#[test]
fn a_redirect_is_followed_and_the_final_address_kept() {
    let base = serve(2, |path| {
        if path == "/old" {
            b"HTTP/1.1 301 Moved\r\nLocation: /new\r\nContent-Length: 0\r\nConnection: close\r\n\r\n"
                .to_vec()
        } else {
            ok("text/html; charset=utf-8", PAGE.as_bytes())
        }
    });
    let fetched = get(&format!("{base}/old"), &Limits::default()).unwrap();
    assert_eq!(fetched.url, format!("{base}/new"));
    assert_eq!(fetched.kind, Kind::Html);
    assert_eq!(fetched.bytes, PAGE.as_bytes());
}

#[test]
fn endless_redirects_and_redirects_to_other_schemes_are_refused() {
    let base = serve(10, |_| {
        b"HTTP/1.1 302 Found\r\nLocation: /again\r\nContent-Length: 0\r\nConnection: close\r\n\r\n"
            .to_vec()
    });
    let e = get(&format!("{base}/a"), &Limits::default())
        .unwrap_err()
        .to_string();
    assert!(e.contains("redirects"), "{e}");
    let base = serve(1, |_| {
        b"HTTP/1.1 302 Found\r\nLocation: file:///etc/passwd\r\nContent-Length: 0\r\nConnection: close\r\n\r\n"
            .to_vec()
    });
    let e = get(&format!("{base}/a"), &Limits::default())
        .unwrap_err()
        .to_string();
    assert!(
        e.contains(
            "it redirects to file:///etc/passwd, and only http and https addresses are fetched"
        ) && e.ends_with("nothing was archived"),
        "{e}"
    );
    // A relative redirect is read against the page that sent it.
    let base = serve(2, |request| {
        if request == "/a/b" {
            b"HTTP/1.1 301 Moved\r\nLocation: ../c\r\nContent-Length: 0\r\nConnection: close\r\n\r\n"
                .to_vec()
        } else {
            ok("text/plain", b"the ministry's statement")
        }
    });
    let fetched = get(&format!("{base}/a/b"), &Limits::default()).unwrap();
    assert_eq!(fetched.url, format!("{base}/c"));
}

#[test]
fn a_page_over_the_limit_is_refused_with_or_without_its_length() {
    let limits = Limits {
        max_bytes: 1000,
        ..Limits::default()
    };
    let big = vec![b'a'; 5000];
    let body = big.clone();
    let base = serve(1, move |_| ok("text/html", &body));
    let e = get(&base, &limits).unwrap_err().to_string();
    assert!(e.contains("larger than"), "{e}");
    let base = serve(1, move |_| {
        let mut r =
            b"HTTP/1.1 200 OK\r\nContent-Type: text/html\r\nConnection: close\r\n\r\n".to_vec();
        r.extend_from_slice(&big);
        r
    });
    let e = get(&base, &limits).unwrap_err().to_string();
    assert!(e.contains("larger than"), "{e}");
}

#[test]
fn a_silent_server_times_out_and_a_closed_port_is_unreachable() {
    let listener = TcpListener::bind("127.0.0.1:0").unwrap();
    let addr = listener.local_addr().unwrap();
    let silent = std::thread::spawn(move || {
        // Holds the connection open without a word until the client gives up.
        let (stream, _) = listener.accept().unwrap();
        std::thread::sleep(Duration::from_secs(3));
        drop(stream);
    });
    let limits = Limits {
        total: Duration::from_secs(1),
        ..Limits::default()
    };
    let e = get(&format!("http://{addr}/"), &limits)
        .unwrap_err()
        .to_string();
    assert!(e.contains("no answer in time"), "{e}");
    silent.join().unwrap();
    let closed = TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap();
    let e = get(&format!("http://{closed}/"), &Limits::default())
        .unwrap_err()
        .to_string();
    assert!(e.contains("cannot"), "{e}");
    assert!(e.starts_with(&format!("http://{closed}/: ")), "{e}");
}

#[test]
fn an_error_status_and_a_binary_page_are_refused() {
    let base = serve(2, |path| {
        if path == "/pdf" {
            ok("application/pdf", b"%PDF-1.4")
        } else {
            b"HTTP/1.1 404 Not Found\r\nContent-Length: 0\r\nConnection: close\r\n\r\n".to_vec()
        }
    });
    let e = get(&format!("{base}/gone"), &Limits::default())
        .unwrap_err()
        .to_string();
    assert!(e.contains("404"), "{e}");
    let e = get(&format!("{base}/pdf"), &Limits::default())
        .unwrap_err()
        .to_string();
    assert!(e.contains("application/pdf"), "{e}");
}

#[test]
fn an_archived_page_lands_in_sources_and_in_the_open_workspace() {
    let base = serve(1, |_| ok("text/html", PAGE.as_bytes()));
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path().join("w");
    Folder::create(&root, &workspace(&["a"])).unwrap();
    let mut desk = Desk::open(&root, Reviewer::new("ana"))
        .unwrap()
        .with_clock(noon());
    let fetched = get(&format!("{base}/story"), &Limits::default()).unwrap();
    let id = desk.add_source(prepare(fetched).unwrap(), None).unwrap();
    assert_eq!(id, "delegation-visits-tehran");
    let doc = desk.workspace().document(&id).unwrap();
    assert_eq!(doc.meta.title, "Delegation visits Tehran");
    assert_eq!(doc.meta.original, "delegation-visits-tehran.html");
    assert_eq!(
        doc.meta.retrieved,
        Some("2026-01-02T03:04:05Z".parse().unwrap())
    );
    let kept = std::fs::read(root.join("sources/delegation-visits-tehran.html")).unwrap();
    assert_eq!(kept, PAGE.as_bytes());
    assert_eq!(doc.meta.sha256, format!("{:x}", Sha256::digest(&kept)));
    // The same page again gets an id of its own.
    let again = Fetched {
        bytes: PAGE.as_bytes().to_vec(),
        kind: Kind::Html,
        extension: "html".into(),
        url: String::new(),
        retrieved: noon().now(),
        name: "x".into(),
        charset: String::new(),
    };
    assert_eq!(
        desk.add_source(prepare(again.clone()).unwrap(), None)
            .unwrap(),
        "delegation-visits-tehran-2"
    );
    let e = desk
        .add_source(prepare(again).unwrap(), Some("delegation-visits-tehran"))
        .unwrap_err()
        .to_string();
    assert!(e.contains("there already"), "{e}");
    let reopened = Desk::open(&root, None).unwrap();
    assert_eq!(reopened.errors(), 0);
    assert_eq!(
        reopened.workspace().document(&id),
        desk.workspace().document(&id)
    );
}

#[test]
fn a_text_file_is_its_own_document() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path().join("w");
    Folder::create(&root, &workspace(&["a"])).unwrap();
    let file = dir.path().join("Statement.txt");
    std::fs::write(&file, "Ministry statement\n\nThey attended a trade show.\n").unwrap();
    let mut desk = Desk::open(&root, None).unwrap().with_clock(noon());
    let fetched = fetch(
        &Origin::File(file),
        &Limits::default(),
        &ArchiveProgress::default(),
        noon(),
    )
    .unwrap();
    let id = desk.add_source(prepare(fetched).unwrap(), None).unwrap();
    assert_eq!(id, "ministry-statement");
    let names: Vec<String> = std::fs::read_dir(root.join("sources"))
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    assert_eq!(names.len(), 2, "{names:?}");
    let doc = desk.workspace().document(&id).unwrap();
    assert_eq!(doc.meta.original, "ministry-statement.txt");
    assert_eq!(doc.format, DocumentFormat::Plain);
    let e = fetch(
        &Origin::File(dir.path().join("scan.pdf")),
        &Limits::default(),
        &ArchiveProgress::default(),
        noon(),
    )
    .unwrap_err()
    .to_string();
    assert!(e.contains("only HTML"), "{e}");
}

#[test]
fn archiving_evidence_records_the_source_on_the_item() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path().join("w");
    Folder::create(&root, &workspace(&["a"])).unwrap();
    let mut desk = Desk::open(&root, Reviewer::new("ana"))
        .unwrap()
        .with_clock(noon());
    let a = desk.find_claim("a").unwrap();
    desk.add_evidence(
        &a,
        crate::desk::EvidenceDraft {
            stance: crate::model::Stance::Refutes,
            title: "IRNA".into(),
            url: "https://example.org/irna".into(),
            note: String::new(),
        },
    )
    .unwrap();
    let (id, index, url) = desk.find_evidence("a:1").unwrap();
    assert_eq!(
        (id.as_str(), index, url.as_str()),
        ("a", 0, "https://example.org/irna")
    );
    assert!(desk.find_evidence("a:2").is_err());
    assert!(desk.find_evidence("a:0").is_err());
    assert!(desk.find_evidence("a").is_err());
    desk.set_evidence_archive(&a, 0, "irna-report").unwrap();
    desk.save(Default::default()).unwrap();
    let text = std::fs::read_to_string(root.join("a.ron")).unwrap();
    assert!(text.contains("archived: Some(\"irna-report\")"), "{text}");
}

#[test]
fn a_page_nested_too_deep_is_refused_before_it_is_parsed() {
    let deep = |n: usize, tag: &str| {
        format!(
            "<html><head><title>S</title></head><body>{}<p>text</p>{}</body></html>",
            format!("<{tag}>").repeat(n),
            format!("</{tag}>").repeat(n)
        )
    };
    // Deep enough to overflow the stack or take minutes: refused at once, with the reason.
    for tag in ["b", "div"] {
        let e = extract(&deep(25_000, tag), None).unwrap_err().to_string();
        assert!(e.contains("nests its elements 25002 deep"), "{e}");
        assert!(e.contains("nothing was archived"), "{e}");
    }
    // Paragraphs and list items left open, void elements and script text do not count.
    let flat = format!(
        "<html><body><article>{}{}<script>if (a<b && c<d) {{ x = '<div>'; }}</script></article></body></html>",
        "<p>A paragraph with a <br> break and an <img src=x>.".repeat(5_000),
        "<li>an item".repeat(5_000)
    );
    assert!(nesting_depth(&flat) < 10, "{}", nesting_depth(&flat));
    assert!(extract(&deep(50, "div"), None).is_ok());
}

#[test]
fn a_text_document_loses_its_byte_order_mark_and_an_empty_one_is_refused() {
    let fetched = |bytes: &[u8]| Fetched {
        bytes: bytes.to_vec(),
        kind: Kind::Markdown,
        extension: "md".into(),
        name: "notes".into(),
        url: String::new(),
        retrieved: "2024-04-25T10:00:00Z".parse().unwrap(),
        charset: String::new(),
    };
    let prepared = prepare(fetched("\u{feff}# BOM Title\n\nText.\n".as_bytes())).unwrap();
    assert_eq!(prepared.meta.title, "BOM Title");
    let e = prepare(fetched(b"  \n\n")).unwrap_err().to_string();
    assert!(e.contains("the document is empty"), "{e}");
}

#[test]
fn a_page_is_read_in_the_character_set_it_names() {
    let latin1 = b"<html><head><title>Le minist\xe8re</title></head><body><article><p>Le minist\xe8re d\xe9clare que la d\xe9l\xe9gation a visit\xe9 une foire commerciale \xe0 T\xe9h\xe9ran, et rien de plus.</p><p>Deuxi\xe8me paragraphe de l'article, assez long pour \xeatre lu comme un article par la lecture.</p></article></body></html>";
    assert!(decode_html(latin1, "iso-8859-1").contains("déclare"));
    let with_meta = [
        b"<html><head><meta charset=\"windows-1252\">".as_slice(),
        &latin1[6..],
    ]
    .concat();
    assert!(decode_html(&with_meta, "").contains("délégation"));
    assert!(
        decode_html("déjà".as_bytes(), "").contains("déjà"),
        "UTF-8 stays"
    );
}
