//! A claim file: never a panic, and whatever loads saves to bytes that load back the same.
#![no_main]

use claimdesk::store::{decode_claim, encode_claim};
use libfuzzer_sys::fuzz_target;
use std::path::Path;

fuzz_target!(|data: &[u8]| {
    let path = Path::new("fuzz.ron");
    if let Ok(decoded) = decode_claim(path, data) {
        let text = encode_claim(&decoded.value);
        let again = decode_claim(path, text.as_bytes()).expect("a saved claim loads");
        assert_eq!(again.value, decoded.value);
    }
});
