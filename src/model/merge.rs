//! The three-way merge of one claim: what two people changed since a common version (base),
//! put together. Each field is merged on its own: a field changed on one side takes that
//! side; notes, evidence, history, tags and links are merged as sets (an item is the same
//! item on both sides when it is equal: author, time and content); a field changed on both
//! sides to different values is a conflict of that field, which keeps our value. Pure and
//! deterministic: no clock, no files.

use super::{Claim, Evidence, HistoryEntry, Note, Relation};
use std::collections::HashSet;

/// A field that can conflict.
#[derive(
    Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, serde::Serialize, serde::Deserialize,
)]
#[serde(rename_all = "snake_case")]
pub enum Field {
    /// The claim's text.
    Text,
    /// Who asserts it.
    Claimant,
    /// Whether the claimant is a person or an organization.
    ClaimantKind,
    /// The source's outlet.
    Outlet,
    /// The source's title.
    Title,
    /// The source's address.
    Url,
    /// The source's date.
    Date,
    /// The quoted words.
    Quote,
    /// The anchor in a source document.
    Anchor,
    /// The verdict.
    Status,
    /// The verdict explained for readers.
    WriteUp,
    /// Who reviews it, how urgently, by when.
    Assignment,
    /// A second reviewer's decision on the verdict.
    SignOff,
}

impl Field {
    /// Every field, in the order of the claim file.
    pub const ALL: [Field; 13] = [
        Field::Text,
        Field::Claimant,
        Field::ClaimantKind,
        Field::Outlet,
        Field::Title,
        Field::Url,
        Field::Date,
        Field::Quote,
        Field::Anchor,
        Field::Status,
        Field::WriteUp,
        Field::Assignment,
        Field::SignOff,
    ];

    /// The name used on the command line and in files: `text`, `claimant`, `url`, …
    pub fn name(self) -> &'static str {
        match self {
            Field::Text => "text",
            Field::Claimant => "claimant",
            Field::ClaimantKind => "claimant_kind",
            Field::Outlet => "outlet",
            Field::Title => "title",
            Field::Url => "url",
            Field::Date => "date",
            Field::Quote => "quote",
            Field::Anchor => "anchor",
            Field::Status => "status",
            Field::WriteUp => "write_up",
            Field::Assignment => "assignment",
            Field::SignOff => "signoff",
        }
    }

    /// The field with this name.
    pub fn from_name(name: &str) -> Option<Field> {
        Field::ALL
            .into_iter()
            .find(|f| f.name().eq_ignore_ascii_case(name.trim()))
    }

    /// The field's value in `claim`, as text (the anchor as its quoted words).
    pub fn value(self, claim: &Claim) -> String {
        let s = &claim.source;
        match self {
            Field::Text => claim.text.to_string(),
            Field::Claimant => claim.claimant.to_string(),
            Field::ClaimantKind => claim
                .claimant_kind
                .map(|k| k.name().to_string())
                .unwrap_or_default(),
            Field::Outlet => s.outlet.to_string(),
            Field::Title => s.title.to_string(),
            Field::Url => s.url.to_string(),
            Field::Date => s.date.to_string(),
            Field::Quote => s.quote.to_string(),
            Field::Anchor => claim
                .anchor
                .as_ref()
                .map(|a| format!("{}: {}", a.document, a.quote.exact))
                .unwrap_or_default(),
            Field::Status => claim.status.to_string(),
            Field::WriteUp => claim.write_up.to_string(),
            Field::Assignment => claim
                .assignment
                .as_ref()
                .map(|a| {
                    let due = a.due.map(|d| format!(", due {d}")).unwrap_or_default();
                    format!("{} ({}{due})", a.assignee, a.priority.name())
                })
                .unwrap_or_default(),
            Field::SignOff => claim
                .signoff
                .as_ref()
                .map(|s| format!("{:?} by {} ({})", s.decision, s.by, s.time))
                .unwrap_or_default(),
        }
    }

    /// Copies this field from `from` into `into`.
    pub fn take(self, into: &mut Claim, from: &Claim) {
        match self {
            Field::Text => into.text = from.text.clone(),
            Field::Claimant => into.claimant = from.claimant.clone(),
            Field::ClaimantKind => into.claimant_kind = from.claimant_kind,
            Field::Outlet => into.source.outlet = from.source.outlet.clone(),
            Field::Title => into.source.title = from.source.title.clone(),
            Field::Url => into.source.url = from.source.url.clone(),
            Field::Date => into.source.date = from.source.date,
            Field::Quote => into.source.quote = from.source.quote.clone(),
            Field::Anchor => into.anchor = from.anchor.clone(),
            Field::Status => into.status = from.status.clone(),
            Field::WriteUp => into.write_up = from.write_up.clone(),
            Field::Assignment => into.assignment = from.assignment.clone(),
            Field::SignOff => into.signoff = from.signoff.clone(),
        }
    }

    fn same(self, a: &Claim, b: &Claim) -> bool {
        match self {
            Field::Date => a.source.date == b.source.date,
            Field::Anchor => a.anchor == b.anchor,
            Field::Status => a.status == b.status,
            Field::ClaimantKind => a.claimant_kind == b.claimant_kind,
            Field::Assignment => a.assignment == b.assignment,
            Field::SignOff => a.signoff == b.signoff,
            other => other.value(a) == other.value(b),
        }
    }
}

/// The result of a merge.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Merged {
    /// The merged claim: for a conflicting field, our value.
    pub claim: Claim,
    /// The fields changed on both sides to different values, in file order.
    pub conflicts: Vec<Field>,
}

/// Merges `ours` and `theirs`, two versions of one claim changed from `base`.
pub fn merge(base: &Claim, ours: &Claim, theirs: &Claim) -> Merged {
    let mut claim = ours.clone();
    claim.conflict = None;
    let mut conflicts = Vec::new();
    for field in Field::ALL {
        let (ours_changed, theirs_changed) = (!field.same(base, ours), !field.same(base, theirs));
        if theirs_changed && !ours_changed {
            field.take(&mut claim, theirs);
        } else if ours_changed && theirs_changed && !field.same(ours, theirs) {
            conflicts.push(field);
        }
    }
    claim.notes = merge_list(&base.notes, &ours.notes, &theirs.notes, |n: &Note| n.time);
    claim.evidence = merge_list(
        &base.evidence,
        &ours.evidence,
        &theirs.evidence,
        |e: &Evidence| e.added,
    );
    claim.history = merge_list(
        &base.history,
        &ours.history,
        &theirs.history,
        |h: &HistoryEntry| h.time,
    );
    claim.relations = merge_set(&base.relations, &ours.relations, &theirs.relations);
    claim.tags = merge_tags(&base.tags, &ours.tags, &theirs.tags);
    claim.normalize();
    Merged { claim, conflicts }
}

impl Merged {
    /// The merged claim with its conflicts recorded in it (theirs kept beside ours), as a
    /// claim file can hold them until someone settles them.
    pub fn recorded(self, theirs: &Claim) -> Claim {
        let mut claim = self.claim;
        if !self.conflicts.is_empty() {
            let mut theirs = theirs.clone();
            theirs.conflict = None;
            claim.conflict = Some(Box::new(super::claim::MergeConflict {
                fields: self.conflicts,
                theirs,
            }));
        }
        claim
    }
}

/// A three-way set merge: what both sides kept from the base, and what either added.
fn merge_items<T: Clone + Eq + std::hash::Hash>(base: &[T], ours: &[T], theirs: &[T]) -> Vec<T> {
    let (b, o, t): (HashSet<&T>, HashSet<&T>, HashSet<&T>) = (
        base.iter().collect(),
        ours.iter().collect(),
        theirs.iter().collect(),
    );
    let mut out: Vec<T> = Vec::new();
    let mut taken: HashSet<&T> = HashSet::new();
    // Base items both kept, then our additions, then theirs: each once.
    let kept = base.iter().filter(|x| o.contains(x) && t.contains(x));
    let added = ours
        .iter()
        .filter(|x| !b.contains(x))
        .chain(theirs.iter().filter(|x| !b.contains(x)));
    for item in kept.chain(added) {
        if taken.insert(item) {
            out.push(item.clone());
        }
    }
    out
}

/// Notes, evidence and history: merged as sets, in time order (the order they were added;
/// equal times keep the order above, the same whichever side is "ours" only when times
/// differ, as they do between people).
fn merge_list<T, K: Ord>(base: &[T], ours: &[T], theirs: &[T], time: impl Fn(&T) -> K) -> Vec<T>
where
    T: Clone + Eq + std::hash::Hash,
{
    let mut out = merge_items(base, ours, theirs);
    out.sort_by_key(|x| time(x));
    out
}

fn merge_set(base: &[Relation], ours: &[Relation], theirs: &[Relation]) -> Vec<Relation> {
    let mut out = merge_items(base, ours, theirs);
    out.sort();
    out
}

/// A claim's tag.
type Tag = compact_str::CompactString;

/// Tags: a set, where "Iran" and "iran" are one tag (ours is kept).
fn merge_tags(base: &[Tag], ours: &[Tag], theirs: &[Tag]) -> Vec<Tag> {
    let mut out: Vec<Tag> = Vec::new();
    let mut seen: HashSet<Tag> = HashSet::new();
    for tag in merge_items(base, ours, theirs) {
        if seen.insert(tag.to_lowercase()) {
            out.push(tag);
        }
    }
    out.sort();
    out
}

#[cfg(test)]
mod tests;
