//! Unit and property tests of the claim merge. The properties run on many random pairs of
//! changes made to one base, with a fixed seed.

use super::*;
use crate::model::fixtures::{claim, id};
use crate::model::{PubDate, RelationKind, Stance, Status, Timestamp};

struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }
    fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }
    fn chance(&mut self, percent: u64) -> bool {
        self.next() % 100 < percent
    }
}

/// A time no other item of the test has: items of two people are never stamped alike.
fn time(clock: &mut i64) -> Timestamp {
    *clock += 1;
    Timestamp::from_second(1_700_000_000 + *clock).unwrap()
}

fn base(rng: &mut Rng, clock: &mut i64) -> Claim {
    let mut c = claim("a");
    c.tags = vec!["iran".into(), "visit".into()];
    c.relations = vec![Relation {
        kind: RelationKind::Supports,
        target: id("b"),
    }];
    for i in 0..rng.below(4) {
        c.notes.push(Note {
            author: "ana".into(),
            time: time(clock),
            text: format!("base note {i}").into(),
        });
    }
    c.evidence.push(Evidence {
        stance: Stance::Refutes,
        title: "Ministry statement".into(),
        url: Default::default(),
        note: Default::default(),
        added_by: "ana".into(),
        added: time(clock),
        archived: None,
    });
    c.normalize();
    c
}

/// One person's changes: the scalar fields in `fields`, and random additions and removals
/// in every list.
fn change(rng: &mut Rng, clock: &mut i64, base: &Claim, who: &str, fields: &[Field]) -> Claim {
    let mut c = base.clone();
    for field in fields {
        let value = format!("{who}'s {}", field.name());
        match field {
            Field::Text => c.text = value.into(),
            Field::Claimant => c.claimant = value.into(),
            Field::Outlet => c.source.outlet = value.into(),
            Field::Title => c.source.title = value.into(),
            Field::Url => c.source.url = format!("https://example.org/{who}").into(),
            Field::Date => {
                c.source.date = if who == "ours" { "2024-04" } else { "2023" }
                    .parse::<PubDate>()
                    .unwrap()
            }
            Field::Quote => c.source.quote = value.into(),
            Field::Anchor => {}
            Field::Status => {
                let to = Status::new(if who == "ours" { "disputed" } else { "false" });
                c.history.push(HistoryEntry {
                    time: time(clock),
                    by: who.into(),
                    from: c.status.clone(),
                    to: to.clone(),
                    reason: Default::default(),
                    reviewers: Default::default(),
                });
                c.status = to;
            }
            Field::ClaimantKind => {
                c.claimant_kind = Some(if who == "ours" {
                    crate::model::ClaimantKind::Person
                } else {
                    crate::model::ClaimantKind::Organization
                })
            }
            Field::WriteUp => c.write_up = value.into(),
            Field::Assignment => {
                c.assignment = Some(Box::new(crate::model::Assignment {
                    assignee: who.into(),
                    priority: crate::model::Priority::High,
                    due: None,
                }))
            }
            Field::SignOff => {
                c.signoff = Some(Box::new(crate::model::SignOff {
                    decision: crate::model::SignOffDecision::Approved,
                    by: who.into(),
                    time: time(clock),
                    verdict: time(clock),
                    note: String::new(),
                }))
            }
        }
    }
    if rng.chance(50) && !c.notes.is_empty() {
        let i = rng.below(c.notes.len());
        c.notes.remove(i);
    }
    for n in 0..rng.below(3) {
        c.notes.push(Note {
            author: who.into(),
            time: time(clock),
            text: format!("{who} note {n}").into(),
        });
    }
    if rng.chance(30) {
        c.evidence.clear();
    }
    if rng.chance(50) {
        c.evidence.push(Evidence {
            stance: Stance::Supports,
            title: format!("{who}'s source").into(),
            url: Default::default(),
            note: Default::default(),
            added_by: who.into(),
            added: time(clock),
            archived: None,
        });
    }
    if rng.chance(40) {
        c.tags.retain(|t| t != "visit");
    }
    if rng.chance(60) {
        c.tags.push(format!("{who}-tag").into());
    }
    if rng.chance(40) {
        c.relations.clear();
    }
    if rng.chance(40) {
        c.relations.push(Relation {
            kind: RelationKind::Contradicts,
            target: id(&format!("{who}-target")),
        });
    }
    c.normalize();
    c
}

/// A random split of the scalar fields into ours, theirs and untouched (disjoint).
fn disjoint_fields(rng: &mut Rng) -> (Vec<Field>, Vec<Field>) {
    let (mut ours, mut theirs) = (Vec::new(), Vec::new());
    for field in Field::ALL.into_iter().filter(|f| *f != Field::Anchor) {
        match rng.below(3) {
            0 => ours.push(field),
            1 => theirs.push(field),
            _ => {}
        }
    }
    (ours, theirs)
}

fn assert_valid(c: &Claim) {
    assert!(c.is_normalized(), "{c:?}");
    let text = crate::store::encode_claim(c);
    let back = crate::store::decode_claim(std::path::Path::new("a.ron"), text.as_bytes())
        .unwrap_or_else(|d| panic!("{d}\n{text}"));
    assert_eq!(back.value, *c);
}

#[test]
fn merging_with_the_base_on_one_side_gives_the_other_side() {
    let mut rng = Rng(0x5eed_1234_abcd_0001);
    for _ in 0..500 {
        let mut clock = 0;
        let b = base(&mut rng, &mut clock);
        let (fields, _) = disjoint_fields(&mut rng);
        let other = change(&mut rng, &mut clock, &b, "theirs", &fields);
        let m = merge(&b, &b, &other);
        assert!(m.conflicts.is_empty());
        assert_eq!(m.claim, other);
        let m = merge(&b, &other, &b);
        assert!(m.conflicts.is_empty());
        assert_eq!(m.claim, other);
    }
}

#[test]
fn disjoint_changes_merge_the_same_in_either_order_and_lose_nothing() {
    let mut rng = Rng(0x5eed_1234_abcd_0002);
    for _ in 0..500 {
        let mut clock = 0;
        let b = base(&mut rng, &mut clock);
        let (of, tf) = disjoint_fields(&mut rng);
        let ours = change(&mut rng, &mut clock, &b, "ours", &of);
        let theirs = change(&mut rng, &mut clock, &b, "theirs", &tf);
        let one = merge(&b, &ours, &theirs);
        let two = merge(&b, &theirs, &ours);
        assert!(one.conflicts.is_empty() && two.conflicts.is_empty());
        assert_eq!(one.claim, two.claim);
        for f in of {
            assert!(f.same(&one.claim, &ours), "{f:?}");
        }
        for f in tf {
            assert!(f.same(&one.claim, &theirs), "{f:?}");
        }
        // Every note either side added is there; every note both kept is there.
        for n in ours.notes.iter().chain(&theirs.notes) {
            let removed_by_other =
                b.notes.contains(n) && !(ours.notes.contains(n) && theirs.notes.contains(n));
            assert_eq!(one.claim.notes.contains(n), !removed_by_other, "{n:?}");
        }
        assert_valid(&one.claim);
    }
}

#[test]
fn the_result_always_validates_conflicts_included() {
    let mut rng = Rng(0x5eed_1234_abcd_0003);
    for _ in 0..500 {
        let mut clock = 0;
        let b = base(&mut rng, &mut clock);
        let all: Vec<Field> = Field::ALL.into_iter().filter(|_| rng.chance(50)).collect();
        let ours = change(&mut rng, &mut clock, &b, "ours", &all);
        let theirs = change(&mut rng, &mut clock, &b, "theirs", &all);
        let m = merge(&b, &ours, &theirs);
        assert_valid(&m.claim);
        let expected: Vec<Field> = all
            .iter()
            .copied()
            .filter(|f| !f.same(&ours, &theirs))
            .collect();
        assert_eq!(m.conflicts, expected);
        for f in &m.conflicts {
            assert!(f.same(&m.claim, &ours), "a conflict keeps our value");
        }
    }
}

#[test]
fn a_verdict_on_both_sides_is_a_conflict_and_both_history_entries_stay() {
    let mut clock = 0;
    let mut rng = Rng(7);
    let b = base(&mut rng, &mut clock);
    let ours = change(&mut rng, &mut clock, &b, "ours", &[Field::Status]);
    let theirs = change(&mut rng, &mut clock, &b, "theirs", &[Field::Status]);
    let m = merge(&b, &ours, &theirs);
    assert_eq!(m.conflicts, [Field::Status]);
    assert_eq!(m.claim.status, Status::new("disputed"));
    assert_eq!(
        m.claim.history.len(),
        2,
        "both people's status changes are recorded"
    );
    // The same verdict on both sides is no conflict.
    let same = change(&mut rng, &mut clock, &b, "ours", &[Field::Status]);
    assert!(merge(&b, &ours, &same).conflicts.is_empty());
}

#[test]
fn tags_differing_only_in_case_are_one_tag() {
    let b = claim("a");
    let mut ours = b.clone();
    ours.tags = vec!["Iran".into()];
    let mut theirs = b.clone();
    theirs.tags = vec!["iran".into()];
    assert_eq!(merge(&b, &ours, &theirs).claim.tags, ["Iran"]);
}

#[test]
fn fields_have_names() {
    for f in Field::ALL {
        assert_eq!(Field::from_name(f.name()), Some(f));
    }
}
