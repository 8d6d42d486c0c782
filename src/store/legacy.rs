//! Schema version 1, the flat draft format: the source's fields sat on the claim itself,
//! the claimant was called `speaker`, links were `(kind, target)` pairs, and the manifest had
//! only a name. Read here and migrated; never written.

use crate::model::{
    Claim, ClaimId, Manifest, Note, PubDate, Relation, RelationKind, Source, Status,
};
use serde::Deserialize;

/// A version 1 claim file.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ClaimV1 {
    #[allow(
        dead_code,
        reason = "always 1; read so that deny_unknown_fields accepts it"
    )]
    version: u32,
    id: ClaimId,
    text: String,
    speaker: String,
    #[serde(default)]
    outlet: String,
    #[serde(default)]
    url: String,
    #[serde(default)]
    date: PubDate,
    #[serde(default)]
    quote: String,
    status: Status,
    #[serde(default)]
    tags: Vec<String>,
    #[serde(default)]
    links: Vec<(RelationKind, ClaimId)>,
    #[serde(default)]
    notes: Vec<Note>,
}

impl ClaimV1 {
    /// The same claim in the current model.
    pub fn migrate(self) -> Claim {
        let mut claim = Claim::new(self.id, self.text, self.speaker, self.status);
        claim.source = Source {
            outlet: self.outlet.into(),
            title: Default::default(),
            url: self.url.into(),
            date: self.date,
            quote: self.quote.into(),
        };
        claim.tags = self.tags.into_iter().map(Into::into).collect();
        claim.relations = self
            .links
            .into_iter()
            .map(|(kind, target)| Relation { kind, target })
            .collect();
        claim.notes = self.notes;
        claim.normalize();
        claim
    }
}

/// A version 1 `workspace.ron`.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ManifestV1 {
    #[allow(
        dead_code,
        reason = "always 1; read so that deny_unknown_fields accepts it"
    )]
    version: u32,
    name: String,
}

impl ManifestV1 {
    /// The manifest with the standard status vocabulary, which version 1 had built in.
    pub fn migrate(self) -> Manifest {
        Manifest::new(self.name, "")
    }
}
