//! A source document's metadata (`sources/ID.ron`): never a panic.
#![no_main]

use libfuzzer_sys::fuzz_target;
use std::path::Path;

fuzz_target!(|data: &[u8]| {
    let _ = claimdesk::store::decode_meta(Path::new("sources/doc.ron"), data);
});
