use super::{ClaimId, PubDate, Status, Timestamp};
use compact_str::CompactString;
use serde::{Deserialize, Serialize};

/// One assertion found in a report, with who made it, where, and how the desk judges it.
///
/// Field order here is the field order in the file. Tags and relations carry no order of
/// their own, so they are kept sorted; evidence, notes and history are kept in the order
/// they were added.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Claim {
    /// Stable id, also the file name.
    pub id: ClaimId,
    /// The assertion, in one sentence.
    pub text: Box<str>,
    /// Who asserts it: a person, an office, an outlet. Names of up to 24 bytes are kept
    /// inline rather than in an allocation of their own (most claimants and outlets are
    /// short, and at 100,000 claims each allocation costs about 3 MB).
    pub claimant: CompactString,
    /// Whether the claimant is a person or an organization, when the desk has said.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub claimant_kind: Option<super::ClaimantKind>,
    /// Where it was asserted.
    #[serde(default)]
    pub source: Source,
    /// Where its quote sits in one of the workspace's source documents, if it was taken from
    /// one. Written only when set, so files without one are unchanged.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub anchor: Option<Box<super::Anchor>>,
    /// The desk's current verdict: a key of the workspace's status vocabulary.
    pub status: Status,
    /// The verdict explained for readers ("What we found"): ClaimReview's `reviewBody`.
    #[serde(default, skip_serializing_if = "str::is_empty")]
    pub write_up: Box<str>,
    /// Who is to review it, how urgently, by when.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub assignment: Option<Box<super::Assignment>>,
    /// A second reviewer's decision on the current verdict.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub signoff: Option<Box<super::SignOff>>,
    /// Free-form labels, sorted and unique.
    #[serde(default)]
    pub tags: Vec<CompactString>,
    /// Links from this claim to others, sorted and unique. Only this side is stored; the
    /// reverse direction is derived when the workspace loads.
    #[serde(default)]
    pub relations: Vec<Relation>,
    /// Sources that bear on the claim.
    #[serde(default)]
    pub evidence: Vec<Evidence>,
    /// The reviewers' notes thread, oldest first.
    #[serde(default)]
    pub notes: Vec<Note>,
    /// Every status change, oldest first.
    #[serde(default)]
    pub history: Vec<HistoryEntry>,
    /// A merge that could not settle some fields (two people changed them differently): the
    /// claim holds our values, and this holds theirs until someone chooses. Written only
    /// when set.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub conflict: Option<Box<MergeConflict>>,
}

/// Fields a merge left for a person to settle, with the other side's version of the claim.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct MergeConflict {
    /// The fields in conflict.
    pub fields: Vec<super::merge::Field>,
    /// The other side's claim, whose values for those fields are the alternative.
    pub theirs: Claim,
}

impl Claim {
    /// A new claim with the given status and no source, tags, links or review yet.
    pub fn new(id: ClaimId, text: String, claimant: String, status: Status) -> Self {
        Self {
            id,
            text: text.into(),
            claimant: claimant.into(),
            claimant_kind: None,
            source: Source::default(),
            anchor: None,
            status,
            write_up: Default::default(),
            assignment: None,
            signoff: None,
            tags: Vec::new(),
            relations: Vec::new(),
            evidence: Vec::new(),
            notes: Vec::new(),
            history: Vec::new(),
            conflict: None,
        }
    }

    /// The history entry that set the current verdict: the latest one that moved the claim to
    /// its status. `None` for a claim never judged (or only kept as it was).
    pub fn verdict(&self) -> Option<&HistoryEntry> {
        self.history
            .iter()
            .rev()
            .find(|h| h.to == self.status && h.from != h.to)
    }

    /// The schema version its file needs: 3 when it uses anything version 3 added (a
    /// write-up, an assignment, a claimant kind, context evidence), else 2, so that files
    /// that use none of it stay byte for byte as they were and older claimdesks still read
    /// them.
    pub fn schema_version(&self) -> u32 {
        let uses_v3 = !self.write_up.is_empty()
            || self.assignment.is_some()
            || self.signoff.is_some()
            || self.claimant_kind.is_some()
            || self.evidence.iter().any(|e| e.stance == Stance::Context)
            || self
                .conflict
                .as_ref()
                .is_some_and(|c| c.theirs.schema_version() > 2);
        if uses_v3 { 3 } else { 2 }
    }

    /// Puts the order-free lists in canonical order, so equal claims give equal bytes.
    pub fn normalize(&mut self) {
        self.tags.sort();
        self.tags.dedup();
        self.relations.sort();
        self.relations.dedup();
    }

    /// Gives back the spare room of the claim's lists. A parser grows a list as it reads
    /// it (one history entry gets room for four): at 100,000 claims that spare room was
    /// tens of megabytes held for as long as the workspace is open.
    pub fn shrink_to_fit(&mut self) {
        self.tags.shrink_to_fit();
        self.relations.shrink_to_fit();
        self.evidence.shrink_to_fit();
        self.notes.shrink_to_fit();
        self.history.shrink_to_fit();
    }

    /// True when the lists are in canonical order.
    pub fn is_normalized(&self) -> bool {
        self.tags.windows(2).all(|w| w[0] < w[1]) && self.relations.windows(2).all(|w| w[0] < w[1])
    }
}

/// Where a claim was asserted.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Source {
    /// The outlet (a newspaper, a ministry's website, a broadcaster).
    #[serde(default)]
    pub outlet: CompactString,
    /// The title of the piece.
    #[serde(default)]
    pub title: Box<str>,
    /// The address of the piece.
    #[serde(default)]
    pub url: Box<str>,
    /// When the piece was published.
    #[serde(default)]
    pub date: PubDate,
    /// The exact words, where the claim is a quotation.
    #[serde(default)]
    pub quote: Box<str>,
}

/// A typed link from one claim to another.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Relation {
    /// How this claim bears on the target.
    pub kind: RelationKind,
    /// The other claim.
    pub target: ClaimId,
}

/// How one claim bears on another.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub enum RelationKind {
    /// This claim contradicts the target.
    Contradicts,
    /// This claim supports the target.
    Supports,
    /// Both claims assert the same thing.
    SameAs,
    /// This claim answers the target (a denial, a reply).
    RespondsTo,
}

impl RelationKind {
    /// Every kind, in file order.
    pub const ALL: [RelationKind; 4] = [
        RelationKind::Contradicts,
        RelationKind::Supports,
        RelationKind::SameAs,
        RelationKind::RespondsTo,
    ];

    /// The name used on the command line: `contradicts`, `supports`, `same-as`, `responds-to`.
    pub fn name(self) -> &'static str {
        match self {
            RelationKind::Contradicts => "contradicts",
            RelationKind::Supports => "supports",
            RelationKind::SameAs => "same-as",
            RelationKind::RespondsTo => "responds-to",
        }
    }

    /// Reads a command-line name (dashes or underscores, any case).
    pub fn from_name(name: &str) -> Option<Self> {
        let norm = name.trim().to_ascii_lowercase().replace('_', "-");
        Self::ALL.into_iter().find(|k| k.name() == norm)
    }

    /// How the link reads from the claim that stores it: "contradicts".
    pub fn forward_label(self) -> &'static str {
        match self {
            RelationKind::Contradicts => "Contradicts",
            RelationKind::Supports => "Supports",
            RelationKind::SameAs => "Same as",
            RelationKind::RespondsTo => "Responds to",
        }
    }

    /// How the link reads from the target's side: "contradicted by".
    pub fn reverse_label(self) -> &'static str {
        match self {
            RelationKind::Contradicts => "Contradicted by",
            RelationKind::Supports => "Supported by",
            RelationKind::SameAs => "Same as",
            RelationKind::RespondsTo => "Responded to by",
        }
    }
}

/// A source that bears on a claim, with which way it points.
#[derive(Clone, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Evidence {
    /// Whether it supports or refutes the claim.
    pub stance: Stance,
    /// What it is: "IRNA report of the Tehran trade fair".
    pub title: Box<str>,
    /// Where to find it.
    #[serde(default)]
    pub url: Box<str>,
    /// Why it matters, briefly.
    #[serde(default)]
    pub note: Box<str>,
    /// Who added it (a short name, kept inline).
    #[serde(default)]
    pub added_by: CompactString,
    /// When it was added.
    pub added: Timestamp,
    /// The id of the source document in `sources/` that archives [`Evidence::url`] as the
    /// reviewer saw it. Written only when set. A boxed string: 8 bytes less than a `String`
    /// in every item, which puts one or two items in a smaller allocation.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub archived: Option<Box<str>>,
}

/// Which way a piece of evidence points.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub enum Stance {
    /// It backs the claim.
    Supports,
    /// It speaks against the claim.
    Refutes,
    /// It neither backs nor refutes it, but a reader needs it to judge (background, what was
    /// really said).
    Context,
}

impl Stance {
    /// The lower-case word: `supports` or `refutes`.
    pub fn name(self) -> &'static str {
        match self {
            Stance::Supports => "supports",
            Stance::Refutes => "refutes",
            Stance::Context => "context",
        }
    }
}

/// A reviewer's note on a claim.
#[derive(Clone, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Note {
    /// Who wrote it (a short name, kept inline).
    pub author: CompactString,
    /// When.
    pub time: Timestamp,
    /// The note; may span several lines.
    pub text: Box<str>,
}

/// One status change.
#[derive(Clone, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct HistoryEntry {
    /// When.
    pub time: Timestamp,
    /// Who made the change (a short name: kept inline, like status keys).
    pub by: CompactString,
    /// The status before.
    pub from: Status,
    /// The status after.
    pub to: Status,
    /// Why, in the reviewer's words; may be empty.
    #[serde(default)]
    pub reason: Box<str>,
    /// When the change applied other reviewers' agreed verdict (an import of review files):
    /// who judged. Empty when `by` judged it. Written only when set.
    #[serde(default, skip_serializing_if = "<[_]>::is_empty")]
    pub reviewers: Box<[String]>,
}

impl HistoryEntry {
    /// The change in words: "Unreviewed to Disputed", or "kept Disputed" for an entry that
    /// settled a disagreement by keeping the status.
    pub fn change(&self, m: &super::Manifest) -> String {
        if self.from == self.to {
            format!("kept {}", m.label(&self.to))
        } else {
            format!("{} to {}", m.label(&self.from), m.label(&self.to))
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn relation_names_round_trip() {
        for k in RelationKind::ALL {
            assert_eq!(RelationKind::from_name(k.name()), Some(k));
        }
        assert_eq!(
            RelationKind::from_name("Same_As"),
            Some(RelationKind::SameAs)
        );
        assert_eq!(RelationKind::from_name("refutes"), None);
    }

    #[test]
    fn normalize_sorts_and_dedups() {
        let id = |s: &str| ClaimId::new(s).unwrap();
        let mut c = Claim::new(id("a"), "t".into(), "c".into(), Status::new("unreviewed"));
        c.tags = vec!["b".into(), "a".into(), "b".into()];
        c.relations = vec![
            Relation {
                kind: RelationKind::Supports,
                target: id("x"),
            },
            Relation {
                kind: RelationKind::Contradicts,
                target: id("y"),
            },
            Relation {
                kind: RelationKind::Supports,
                target: id("x"),
            },
        ];
        assert!(!c.is_normalized());
        c.normalize();
        assert!(c.is_normalized());
        assert_eq!(c.tags, ["a", "b"]);
        assert_eq!(c.relations.len(), 2);
        assert_eq!(c.relations[0].kind, RelationKind::Contradicts);
    }

    #[test]
    fn a_history_entry_says_what_changed_or_what_was_kept() {
        let m = crate::model::Manifest::default();
        let mut h = HistoryEntry {
            time: Timestamp::UNIX_EPOCH,
            by: "ana".into(),
            from: Status::new("unreviewed"),
            to: Status::new("disputed"),
            reason: Default::default(),
            reviewers: Default::default(),
        };
        assert_eq!(h.change(&m), "Unreviewed to Disputed");
        h.from = h.to.clone();
        assert_eq!(h.change(&m), "kept Disputed");
    }
}
