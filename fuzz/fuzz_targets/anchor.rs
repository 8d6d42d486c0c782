//! Finding a quote again in a changed document: never a panic, and a span it returns lies
//! inside the document.
#![no_main]

use claimdesk::model::{AnchorState, QuoteAnchor, locate};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    if data.len() < 8 {
        return;
    }
    let start = usize::from_le_bytes(data[..8].try_into().expect("8 bytes"));
    let Ok(rest) = std::str::from_utf8(&data[8..]) else {
        return;
    };
    // Fields split by a separator: document, exact, prefix, suffix.
    let mut parts = rest.splitn(4, '\u{1f}');
    let text = parts.next().unwrap_or_default();
    let anchor = QuoteAnchor {
        exact: parts.next().unwrap_or_default().to_string(),
        prefix: parts.next().unwrap_or_default().to_string(),
        suffix: parts.next().unwrap_or_default().to_string(),
        start,
    };
    let found = locate(text, &anchor);
    if found.state != AnchorState::Orphaned {
        assert!(found.start <= found.end && found.end <= text.chars().count());
    }
});
