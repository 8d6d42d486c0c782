//! The manifest (`workspace.ron`): never a panic, and a loaded manifest round-trips.
#![no_main]

use claimdesk::store::{decode_manifest, encode_manifest};
use libfuzzer_sys::fuzz_target;
use std::path::Path;

fuzz_target!(|data: &[u8]| {
    let path = Path::new("workspace.ron");
    if let Ok(decoded) = decode_manifest(path, data) {
        let _ = decoded.value.problems();
        let text = encode_manifest(&decoded.value);
        let again = decode_manifest(path, text.as_bytes()).expect("a saved manifest loads");
        assert_eq!(again.value, decoded.value);
    }
});
