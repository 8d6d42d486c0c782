use super::{Claim, ClaimId, Document, Manifest, RelationKind};
use std::collections::{BTreeMap, HashMap};

/// A link seen from its target's side: `from` [`kind`] this claim.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Incoming {
    /// The kind of link, as stored on `from`.
    pub kind: RelationKind,
    /// The claim that stores the link.
    pub from: ClaimId,
}

/// All claims of a workspace with their manifest, and the reverse links derived from them.
///
/// Changes go through [`crate::edit::apply`], which keeps the reverse index in step and hands
/// back the inverse edit; the mutators here are crate-private for that reason.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Workspace {
    /// Name, desk and status vocabulary.
    pub manifest: Manifest,
    /// Boxed: the map then moves 8 bytes per claim, not the 600 of a claim, and an open
    /// never holds a second and third copy of every claim while the map is built (that
    /// was 50 MB at 100,000 claims).
    claims: BTreeMap<ClaimId, Box<Claim>>,
    /// Source documents by id; read-only in this version.
    documents: BTreeMap<String, Document>,
    /// target -> links that point at it, sorted. Derived from `claims`, never stored. Links to
    /// claims that do not exist are indexed too, so that re-adding a claim restores them.
    incoming: HashMap<ClaimId, Vec<Incoming>>,
}

impl Workspace {
    /// An empty workspace.
    pub fn new(manifest: Manifest) -> Self {
        Self {
            manifest,
            claims: BTreeMap::new(),
            documents: BTreeMap::new(),
            incoming: HashMap::new(),
        }
    }

    /// A workspace of `claims`; a later claim with the same id replaces an earlier one.
    pub fn from_claims<C: Into<Box<Claim>>>(
        manifest: Manifest,
        claims: impl IntoIterator<Item = C>,
    ) -> Self {
        // Built in bulk: a store opens claims already sorted by id, and one pass over a sorted
        // list is much cheaper than 100,000 tree inserts.
        let claims: BTreeMap<ClaimId, Box<Claim>> = claims
            .into_iter()
            .map(|c| {
                let mut c = c.into();
                c.normalize();
                (c.id.clone(), c)
            })
            .collect();
        let mut ws = Self::new(manifest);
        for claim in claims.values() {
            for rel in &claim.relations {
                ws.incoming
                    .entry(rel.target.clone())
                    .or_default()
                    .push(Incoming {
                        kind: rel.kind,
                        from: claim.id.clone(),
                    });
            }
        }
        for list in ws.incoming.values_mut() {
            list.sort();
            // Pushes left room for four links on every target, where most have one (4 MB
            // of 45,000 lists at 100,000 claims).
            list.shrink_to_fit();
        }
        ws.claims = claims;
        ws
    }

    /// The claim with this id.
    pub fn get(&self, id: &ClaimId) -> Option<&Claim> {
        self.claims.get(id).map(Box::as_ref)
    }

    /// True when a claim has this id.
    pub fn contains(&self, id: &ClaimId) -> bool {
        self.claims.contains_key(id)
    }

    /// All claims, ordered by id.
    pub fn claims(&self) -> impl ExactSizeIterator<Item = &Claim> + Clone {
        self.claims.values().map(Box::as_ref)
    }

    /// How many claims there are.
    pub fn len(&self) -> usize {
        self.claims.len()
    }

    /// True when there are no claims.
    pub fn is_empty(&self) -> bool {
        self.claims.is_empty()
    }

    /// The links stored on other claims that point at `id`, sorted by kind then claim.
    pub fn incoming(&self, id: &ClaimId) -> &[Incoming] {
        self.incoming.get(id).map_or(&[], Vec::as_slice)
    }

    /// The source documents, by id.
    pub fn documents(&self) -> impl ExactSizeIterator<Item = &Document> {
        self.documents.values()
    }

    /// The source document with this id.
    pub fn document(&self, id: &str) -> Option<&Document> {
        self.documents.get(id)
    }

    /// Adds or replaces a source document (as the store reads them).
    pub(crate) fn put_document(&mut self, document: Document) {
        self.documents.insert(document.id.clone(), document);
    }

    /// Puts `claim` in, replacing the claim with its id; returns the one replaced.
    pub(crate) fn insert(&mut self, mut claim: Claim) -> Option<Claim> {
        claim.normalize();
        let old = self.claims.remove(&claim.id);
        if let Some(old) = &old {
            self.unindex(old);
        }
        self.index(&claim);
        self.claims.insert(claim.id.clone(), Box::new(claim));
        old.map(|old| *old)
    }

    /// Takes the claim with this id out.
    pub(crate) fn remove(&mut self, id: &ClaimId) -> Option<Claim> {
        let old = self.claims.remove(id)?;
        self.unindex(&old);
        Some(*old)
    }

    fn index(&mut self, claim: &Claim) {
        for rel in &claim.relations {
            let entry = Incoming {
                kind: rel.kind,
                from: claim.id.clone(),
            };
            let list = self.incoming.entry(rel.target.clone()).or_default();
            if let Err(at) = list.binary_search(&entry) {
                list.insert(at, entry);
            }
        }
    }

    fn unindex(&mut self, claim: &Claim) {
        for rel in &claim.relations {
            if let Some(list) = self.incoming.get_mut(&rel.target) {
                list.retain(|i| !(i.kind == rel.kind && i.from == claim.id));
                if list.is_empty() {
                    self.incoming.remove(&rel.target);
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Relation, Status};

    fn claim(id: &str, links: &[(RelationKind, &str)]) -> Claim {
        let mut c = Claim::new(
            ClaimId::new(id).unwrap(),
            format!("text of {id}"),
            "someone".into(),
            Status::new("unreviewed"),
        );
        c.relations = links
            .iter()
            .map(|(kind, t)| Relation {
                kind: *kind,
                target: ClaimId::new(*t).unwrap(),
            })
            .collect();
        c
    }

    fn id(s: &str) -> ClaimId {
        ClaimId::new(s).unwrap()
    }

    #[test]
    fn reverse_links_are_derived_and_kept_in_step() {
        let mut ws = Workspace::from_claims(
            Manifest::default(),
            [
                claim("a", &[]),
                claim("b", &[(RelationKind::Contradicts, "a")]),
                claim(
                    "c",
                    &[
                        (RelationKind::Supports, "a"),
                        (RelationKind::Contradicts, "a"),
                    ],
                ),
            ],
        );
        let incoming = ws.incoming(&id("a"));
        assert_eq!(incoming.len(), 3);
        assert_eq!(
            incoming[0],
            Incoming {
                kind: RelationKind::Contradicts,
                from: id("b")
            }
        );
        assert_eq!(
            incoming[1],
            Incoming {
                kind: RelationKind::Contradicts,
                from: id("c")
            }
        );
        assert_eq!(incoming[2].kind, RelationKind::Supports);

        ws.insert(claim("c", &[]));
        assert_eq!(ws.incoming(&id("a")).len(), 1);
        ws.remove(&id("b"));
        assert!(ws.incoming(&id("a")).is_empty());
        assert!(ws.incoming(&id("nothing")).is_empty());
    }

    #[test]
    fn later_claims_replace_earlier_ones_with_the_same_id() {
        let mut second = claim("a", &[(RelationKind::Supports, "b")]);
        second.text = "second".into();
        let ws = Workspace::from_claims(Manifest::default(), [claim("a", &[]), second]);
        assert_eq!(ws.len(), 1);
        assert_eq!(ws.get(&id("a")).unwrap().text.as_ref(), "second");
        assert_eq!(ws.incoming(&id("b")).len(), 1);
    }

    #[test]
    fn links_to_missing_claims_come_back_with_them() {
        let mut ws = Workspace::from_claims(
            Manifest::default(),
            [claim("a", &[(RelationKind::RespondsTo, "b")])],
        );
        assert_eq!(ws.incoming(&id("b")).len(), 1);
        ws.insert(claim("b", &[]));
        assert_eq!(ws.incoming(&id("b"))[0].from, id("a"));
    }
}
