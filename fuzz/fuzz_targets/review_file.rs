//! A review file from another desk: never a panic, whether it is read, measured for agreement
//! or merged into a workspace.
#![no_main]

use claimdesk::export::agreement::Ratings;
use claimdesk::export::review;
use claimdesk::model::{Claim, ClaimId, Manifest, Status, Workspace};
use libfuzzer_sys::fuzz_target;
use std::path::Path;

fuzz_target!(|data: &[u8]| {
    let Ok(file) = review::decode(Path::new("r.ron"), data) else {
        return;
    };
    let again = review::decode(Path::new("r.ron"), review::encode(&file).as_bytes())
        .expect("a written review file reads");
    assert_eq!(again, file);
    let ratings = Ratings::from_files(&[&file, &file]);
    let _ = (ratings.cohens_kappa(), ratings.krippendorff_alpha());
    let ws = Workspace::from_claims(
        Manifest::default(),
        file.reviews.iter().take(50).filter_map(|e| {
            ClaimId::new(e.id.as_str()).ok().map(|id| {
                Claim::new(id, "t".into(), "c".into(), Status::new("unreviewed"))
            })
        }),
    );
    let _ = review::merge(&ws, &[&file], "desk", claimdesk::model::Timestamp::UNIX_EPOCH);
});
