//! ClaimReview JSON-LD from another desk: never a panic; what it adds applies as one batch.
#![no_main]

use claimdesk::edit::{Edit, apply};
use claimdesk::model::{ClaimId, Manifest, Timestamp, Workspace, slugify};
use libfuzzer_sys::fuzz_target;
use std::collections::HashSet;

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    let mut ws = Workspace::new(Manifest::default());
    let mut given: HashSet<ClaimId> = HashSet::new();
    let fresh = |t: &str| {
        let stem = slugify(t);
        let stem = if stem.is_empty() { "claim".to_string() } else { stem };
        (1..)
            .map(|n| format!("{stem}-{n}"))
            .filter_map(|s| ClaimId::new(s).ok())
            .find(|id| given.insert(id.clone()))
            .expect("some id is free")
    };
    if let Ok(read) =
        claimdesk::export::claimreview::import(&ws, text, "desk", Timestamp::UNIX_EPOCH, fresh)
    {
        apply(&mut ws, Edit::Batch(read.edits)).expect("an import's edits apply");
        assert_eq!(ws.len(), read.added);
    }
});
