//! Similar and already-checked claims: the matcher's answers for the command line and the
//! window, over the session's cached matcher.

use super::{Desk, DeskError};
use crate::edit::Edit;
use crate::model::similar::{self, Checked, Hit, Pairs};
use crate::model::{ClaimId, Relation, RelationKind};

impl Desk {
    /// The `k` claims most like `text`, best first.
    pub fn match_text(&self, text: &str, k: usize) -> Vec<Hit> {
        self.session.with_similar(|index, _| index.search(text, k))
    }

    /// Likely duplicate pairs scoring at least `min`, most similar first: each claim in at
    /// most `per_claim` pairs, at most `limit` in all.
    pub fn duplicates(&self, min: f32, per_claim: usize, limit: usize) -> Pairs {
        self.session
            .with_similar(|index, _| index.pairs(min, per_claim, limit))
    }

    /// The judged claim that claim `id` repeats, with its verdict: what a new claim is warned
    /// about.
    pub fn repeats_of(&self, id: &ClaimId) -> Option<Checked> {
        self.session.with_similar(|index, ws| {
            let claim = ws.get(id)?;
            similar::repeats(index, ws, &claim.text, Some(id)).map(|(_, checked)| checked)
        })
    }

    /// Links claim `id` to `other` as the same assertion (one undo step); nothing when the
    /// link is there already, either way round.
    pub fn link_same_as(&mut self, id: &ClaimId, other: &ClaimId) -> Result<(), DeskError> {
        let ws = self.workspace();
        let linked = |from: &ClaimId, to: &ClaimId| {
            ws.get(from).is_some_and(|c| {
                c.relations
                    .iter()
                    .any(|r| r.kind == RelationKind::SameAs && &r.target == to)
            })
        };
        if linked(id, other) || linked(other, id) {
            return Ok(());
        }
        self.change(Edit::AddRelation {
            id: id.clone(),
            relation: Relation {
                kind: RelationKind::SameAs,
                target: other.clone(),
            },
        })
    }
}
