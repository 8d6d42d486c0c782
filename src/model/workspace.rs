use super::{Claim, ClaimId, Document, Manifest, RelationKind};
use std::borrow::Borrow;
use std::collections::{BTreeMap, BTreeSet};

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
#[derive(Clone, Debug, Default)]
pub struct Workspace {
    /// Name, desk and status vocabulary.
    pub manifest: Manifest,
    /// Boxed: the set then moves 8 bytes per claim, not the 344 of a claim, and an open
    /// never holds a second and third copy of every claim while the set is built (that
    /// was 50 MB at 100,000 claims). Looked up by the claim's own id, not by a copy of
    /// it as a map's key (2.4 MB at 100,000 claims).
    claims: BTreeSet<ById>,
    /// Source documents by id; read-only in this version.
    documents: BTreeMap<String, Document>,
    /// target -> links that point at it, sorted. Derived from `claims`, never stored. Links to
    /// claims that do not exist are indexed too, so that re-adding a claim restores them.
    /// A tree built in one pass from sorted links: a third smaller than a hash table.
    incoming: BTreeMap<ClaimId, Vec<Incoming>>,
}

/// A claim in [`Workspace::claims`]: ordered, compared and looked up by its id alone.
#[derive(Clone, Debug)]
struct ById(Box<Claim>);

impl Borrow<ClaimId> for ById {
    fn borrow(&self) -> &ClaimId {
        &self.0.id
    }
}

impl PartialEq for ById {
    fn eq(&self, other: &Self) -> bool {
        self.0.id == other.0.id
    }
}

impl Eq for ById {}

impl PartialOrd for ById {
    fn partial_cmp(&self, other: &Self) -> Option<std::cmp::Ordering> {
        Some(self.cmp(other))
    }
}

impl Ord for ById {
    fn cmp(&self, other: &Self) -> std::cmp::Ordering {
        self.0.id.cmp(&other.0.id)
    }
}

/// Equal when the manifests, documents and every claim, field by field, are equal.
impl PartialEq for Workspace {
    fn eq(&self, other: &Self) -> bool {
        // The set compares claims by id only, so each pair is compared whole here.
        self.manifest == other.manifest
            && self.documents == other.documents
            && self.len() == other.len()
            && self.claims().eq(other.claims())
    }
}

impl Workspace {
    /// An empty workspace.
    pub fn new(manifest: Manifest) -> Self {
        Self {
            manifest,
            claims: BTreeSet::new(),
            documents: BTreeMap::new(),
            incoming: BTreeMap::new(),
        }
    }

    /// A workspace of `claims`; a later claim with the same id replaces an earlier one.
    pub fn from_claims<C: Into<Box<Claim>>>(
        manifest: Manifest,
        claims: impl IntoIterator<Item = C>,
    ) -> Self {
        // Built in bulk: a store opens claims already sorted by id, and one pass over a sorted
        // list is much cheaper than 100,000 tree inserts.
        let claims: BTreeSet<ById> = claims
            .into_iter()
            .map(|c| {
                let mut c = c.into();
                c.normalize();
                ById(c)
            })
            .collect();
        let mut links: Vec<(&ClaimId, Incoming)> = (claims.iter())
            .flat_map(|ById(claim)| {
                claim.relations.iter().map(|rel| {
                    let from = claim.id.clone();
                    (
                        &rel.target,
                        Incoming {
                            kind: rel.kind,
                            from,
                        },
                    )
                })
            })
            .collect();
        links.sort_unstable();
        let mut incoming: Vec<(ClaimId, Vec<Incoming>)> = Vec::new();
        for (target, link) in links {
            match incoming.last_mut() {
                Some((last, list)) if last == target => list.push(link),
                // Each list sized to its links: pushes would leave room for four, where most
                // targets have one (4 MB at 100,000 claims).
                _ => incoming.push((target.clone(), vec![link])),
            }
        }
        let mut ws = Self::new(manifest);
        ws.incoming = incoming.into_iter().collect();
        ws.claims = claims;
        ws
    }

    /// The claim with this id.
    pub fn get(&self, id: &ClaimId) -> Option<&Claim> {
        self.claims.get(id).map(|c| c.0.as_ref())
    }

    /// True when a claim has this id.
    pub fn contains(&self, id: &ClaimId) -> bool {
        self.claims.contains(id)
    }

    /// All claims, ordered by id.
    pub fn claims(&self) -> impl ExactSizeIterator<Item = &Claim> + Clone {
        self.claims.iter().map(|c| c.0.as_ref())
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
        let old = self.claims.take(&claim.id);
        if let Some(ById(old)) = &old {
            self.unindex(old);
        }
        self.index(&claim);
        self.claims.insert(ById(Box::new(claim)));
        old.map(|ById(old)| *old)
    }

    /// Takes the claim with this id out.
    pub(crate) fn remove(&mut self, id: &ClaimId) -> Option<Claim> {
        let ById(old) = self.claims.take(id)?;
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
