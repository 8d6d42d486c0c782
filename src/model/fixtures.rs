//! Small builders shared by the unit tests.

use super::{Claim, ClaimId, Manifest, Status, Workspace};

/// An id, which must be valid.
pub fn id(s: &str) -> ClaimId {
    ClaimId::new(s).unwrap()
}

/// An unreviewed claim "claim ID" by "someone".
pub fn claim(i: &str) -> Claim {
    Claim::new(
        id(i),
        format!("claim {i}"),
        "someone".into(),
        Status::new("unreviewed"),
    )
}

/// A workspace of such claims, with the standard vocabulary.
pub fn workspace(ids: &[&str]) -> Workspace {
    Workspace::from_claims(Manifest::default(), ids.iter().map(|i| claim(i)))
}
