//! Synthetic workspaces for tests and benchmarks: realistic claims (varied lengths, statuses,
//! links, notes, evidence) from a seed. The same seed gives the same workspace, and so the
//! same bytes, on every machine and in every version of this crate's dependencies.

use crate::model::{
    Claim, ClaimId, Evidence, HistoryEntry, Manifest, Note, PubDate, Relation, RelationKind,
    Source, Stance, Status, Timestamp, Workspace,
};

/// SplitMix64: a few lines, and its output is fixed by its definition, unlike a library
/// generator whose stream may change between releases.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    /// A number in `0..n`.
    fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }

    fn pick<'a>(&mut self, items: &[&'a str]) -> &'a str {
        items[self.below(items.len())]
    }

    /// True with probability `percent`/100.
    fn chance(&mut self, percent: usize) -> bool {
        self.below(100) < percent
    }
}

const ACTORS: &[&str] = &[
    "the foreign ministry",
    "the defence ministry",
    "the central bank",
    "the trade delegation",
    "the opposition party",
    "the navy",
    "the customs service",
    "the state news agency",
    "the energy regulator",
    "the health ministry",
    "a ruling-party official",
    "the embassy",
    "the prime minister's office",
    "the election commission",
    "the port authority",
];
const VERBS: &[&str] = &[
    "signed",
    "denied",
    "announced",
    "cancelled",
    "doubled",
    "halved",
    "approved",
    "blocked",
    "exported",
    "imported",
    "tested",
    "funded",
    "suspended",
    "resumed",
    "expanded",
];
const OBJECTS: &[&str] = &[
    "a missile-technology agreement",
    "fuel shipments to the region",
    "a joint naval exercise",
    "the sanctions waiver",
    "a trade fair pavilion",
    "grain deliveries",
    "a drone contract",
    "the border crossing",
    "a loan of 2 billion dollars",
    "the vaccination campaign",
    "a satellite launch",
    "the port expansion",
    "electricity tariffs",
    "the ceasefire talks",
];
const DETAILS: &[&str] = &[
    "according to documents seen by reporters",
    "despite earlier denials",
    "for the first time since 2019",
    "in a closed session",
    "citing security concerns",
    "after a week of negotiations",
    "with support from two neighbouring states",
    "according to satellite images",
    "as inflation reached 40 percent",
    "during the 1980-1988 war",
    "in violation of a UN resolution",
];
const CLAIMANTS: &[&str] = &[
    "Foreign ministry spokesperson",
    "Defence minister",
    "State news agency",
    "Opposition leader",
    "UN ambassador",
    "Central bank governor",
    "Anonymous official",
    "Regional governor",
    "Think-tank analyst",
    "Customs director",
    "Government spokesperson",
    "Trade minister",
];
const OUTLETS: &[&str] = &[
    "Daily Ledger",
    "Evening Courier",
    "Wire Service International",
    "Regional Broadcaster",
    "Ministry website",
    "Policy Review",
    "Morning Herald",
    "Independent Monitor",
];
const TAGS: &[&str] = &[
    "sanctions",
    "military",
    "trade",
    "energy",
    "diplomacy",
    "economy",
    "nuclear",
    "health",
    "elections",
    "shipping",
];
const REVIEWERS: &[&str] = &["ana", "bilal", "chen", "dara", "emeka"];
const NOTE_LINES: &[&str] = &[
    "Asked the ministry press office for the original statement.",
    "The figure matches the budget document, table 4.",
    "Two outlets quote different numbers; following up.",
    "Satellite imagery provider confirms the date.",
    "The quote is accurate but cut: the next sentence qualifies it.",
    "No primary source found yet.",
];

/// A workspace of `claims` synthetic claims from `seed`.
pub fn workspace(claims: usize, seed: u64) -> Workspace {
    let manifest = Manifest::new(
        format!("Generated workspace ({claims} claims, seed {seed})"),
        "Synthetic desk",
    );
    let statuses: Vec<Status> = manifest.statuses.iter().map(|d| d.key.clone()).collect();
    let mut rng = Rng(seed);
    let base: i64 = 1_577_836_800; // 2020-01-01T00:00:00Z
    let list = (0..claims).map(|i| {
        let id = ClaimId::new(format!("c{i:06}")).expect("valid id");
        let mut text = format!(
            "{} {} {}",
            capitalize(rng.pick(ACTORS)),
            rng.pick(VERBS),
            rng.pick(OBJECTS)
        );
        // Mostly one clause, sometimes long: real claims range from a headline to a paragraph.
        for _ in 0..[0, 0, 1, 1, 2, 4, 8][rng.below(7)] {
            text.push_str(", ");
            text.push_str(rng.pick(DETAILS));
        }
        text.push('.');
        let claimant = rng.pick(CLAIMANTS).to_string();
        let mut claim = Claim::new(id, text, claimant, statuses[0].clone());
        let published = base + rng.below(6 * 365 * 86_400) as i64;
        let day = Timestamp::from_second(published).expect("in range");
        claim.source = Source {
            outlet: rng.pick(OUTLETS).into(),
            title: if rng.chance(60) {
                format!("Report {i}: {}", rng.pick(OBJECTS)).into()
            } else {
                Default::default()
            },
            url: format!(
                "https://news.example.org/{}/{i}",
                2020 + (published - base) / (365 * 86_400)
            )
            .into(),
            date: day
                .strftime("%Y-%m-%d")
                .to_string()
                .parse::<PubDate>()
                .expect("valid date"),
            quote: if rng.chance(40) {
                format!("We have {} {}.", rng.pick(VERBS), rng.pick(OBJECTS)).into()
            } else {
                Default::default()
            },
        };
        for _ in 0..rng.below(4) {
            claim.tags.push(rng.pick(TAGS).into());
        }
        if i > 0 && rng.chance(30) {
            for _ in 0..1 + rng.below(2) {
                let kind = RelationKind::ALL[rng.below(4)];
                let target = ClaimId::new(format!("c{:06}", rng.below(i))).expect("valid id");
                claim.relations.push(Relation { kind, target });
            }
        }
        let mut t = published + 86_400;
        let mut stamp = |rng: &mut Rng| {
            t += 600 + rng.below(3 * 86_400) as i64;
            Timestamp::from_second(t).expect("in range")
        };
        for _ in 0..[0, 0, 1, 1, 2, 3][rng.below(6)] {
            let lines = 1 + rng.below(3);
            let text = (0..lines)
                .map(|_| rng.pick(NOTE_LINES))
                .collect::<Vec<_>>()
                .join("\n");
            claim.notes.push(Note {
                author: rng.pick(REVIEWERS).into(),
                time: stamp(&mut rng),
                text: text.into(),
            });
        }
        for _ in 0..[0, 0, 1, 2][rng.below(4)] {
            claim.evidence.push(Evidence {
                stance: if rng.chance(50) {
                    Stance::Supports
                } else {
                    Stance::Refutes
                },
                title: format!("{} archive record", rng.pick(OUTLETS)).into(),
                url: format!("https://archive.example.org/{}", rng.next() % 1_000_000).into(),
                note: rng.pick(NOTE_LINES).into(),
                added_by: rng.pick(REVIEWERS).into(),
                added: stamp(&mut rng),
                archived: None,
            });
        }
        if !rng.chance(40) {
            let to = statuses[1 + rng.below(statuses.len() - 1)].clone();
            claim.history.push(HistoryEntry {
                time: stamp(&mut rng),
                by: rng.pick(REVIEWERS).into(),
                from: claim.status.clone(),
                to: to.clone(),
                reason: if rng.chance(50) {
                    rng.pick(NOTE_LINES).into()
                } else {
                    Default::default()
                },
                reviewers: Default::default(),
            });
            claim.status = to;
        }
        claim.normalize();
        claim
    });
    Workspace::from_claims(manifest.clone(), list.collect::<Vec<_>>())
}

fn capitalize(s: &str) -> String {
    let mut chars = s.chars();
    chars
        .next()
        .map(|c| c.to_uppercase().chain(chars).collect())
        .unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn same_seed_same_workspace_other_seed_other() {
        assert_eq!(workspace(50, 7), workspace(50, 7));
        assert_ne!(workspace(50, 7), workspace(50, 8));
    }

    #[test]
    fn generated_claims_are_varied_and_valid() {
        let ws = workspace(400, 1);
        assert_eq!(ws.len(), 400);
        let lens: Vec<usize> = ws.claims().map(|c| c.text.len()).collect();
        assert!(
            lens.iter().min() < Some(&80) && lens.iter().max() > Some(&300),
            "{lens:?}"
        );
        let statuses: std::collections::BTreeSet<_> =
            ws.claims().map(|c| c.status.clone()).collect();
        assert_eq!(statuses.len(), 6, "every status appears");
        for c in ws.claims() {
            assert!(c.is_normalized());
            assert!(ws.manifest.knows(&c.status));
            assert!(
                c.relations
                    .iter()
                    .all(|r| ws.contains(&r.target) && r.target != c.id)
            );
        }
        assert!(ws.claims().filter(|c| !c.relations.is_empty()).count() > 50);
        assert!(
            ws.claims()
                .any(|c| c.notes.iter().any(|n| n.text.contains('\n')))
        );
        assert!(ws.claims().any(|c| !c.evidence.is_empty()));
    }
}
