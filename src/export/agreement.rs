//! How far reviewers agree: percent agreement, Cohen's kappa (two reviewers) and
//! Krippendorff's alpha (nominal, any number of reviewers, missing values allowed).
//!
//! Ratings are a table: one row per unit (claim), one column per reviewer, `None` where a
//! reviewer gave no verdict.

use super::review::ReviewFile;
use crate::model::{ClaimId, Status};
use std::borrow::Borrow;
use std::collections::BTreeMap;

/// The verdicts of several reviewers on the same claims.
#[derive(Clone, Debug, PartialEq)]
pub struct Ratings {
    /// The reviewers, in the order of the files.
    pub reviewers: Vec<String>,
    /// Each claim with one verdict per reviewer; `None` where the reviewer left it
    /// unreviewed or did not have it.
    pub units: Vec<(ClaimId, Vec<Option<Status>>)>,
}

impl Ratings {
    /// The table of `files`, one column per file. A file's first status (its "unreviewed")
    /// means no verdict.
    pub fn from_files<F: Borrow<ReviewFile>>(files: &[F]) -> Self {
        let mut units: BTreeMap<ClaimId, Vec<Option<Status>>> = BTreeMap::new();
        for (column, file) in files.iter().map(Borrow::borrow).enumerate() {
            for entry in &file.reviews {
                let row = units
                    .entry(entry.id.clone())
                    .or_insert_with(|| vec![None; files.len()]);
                row[column] = file.verdict(entry).cloned();
            }
        }
        Ratings {
            reviewers: files.iter().map(|f| f.borrow().reviewer.clone()).collect(),
            units: units.into_iter().collect(),
        }
    }

    fn rows(&self) -> Vec<&[Option<Status>]> {
        self.units.iter().map(|(_, r)| r.as_slice()).collect()
    }

    /// For each reviewer, how many claims got each verdict.
    pub fn counts(&self) -> Vec<BTreeMap<Status, usize>> {
        (0..self.reviewers.len())
            .map(|column| {
                let mut counts = BTreeMap::new();
                for (_, row) in &self.units {
                    if let Some(s) = &row[column] {
                        *counts.entry(s.clone()).or_insert(0) += 1;
                    }
                }
                counts
            })
            .collect()
    }

    /// The claims on which the reviewers who gave a verdict did not all give the same one.
    pub fn disagreements(&self) -> Vec<&(ClaimId, Vec<Option<Status>>)> {
        self.units
            .iter()
            .filter(|(_, row)| {
                let mut given = row.iter().flatten();
                given.next().is_some_and(|first| given.any(|s| s != first))
            })
            .collect()
    }

    /// See [`percent_agreement`].
    pub fn percent_agreement(&self) -> Option<f64> {
        percent_agreement(&self.rows())
    }

    /// See [`cohens_kappa`]; `None` unless there are exactly two reviewers.
    pub fn cohens_kappa(&self) -> Option<f64> {
        (self.reviewers.len() == 2)
            .then(|| cohens_kappa(&self.rows()))
            .flatten()
    }

    /// See [`krippendorff_alpha_nominal`].
    pub fn krippendorff_alpha(&self) -> Option<f64> {
        krippendorff_alpha_nominal(&self.rows())
    }
}

/// The share of agreeing pairs among all pairs of verdicts given on the same unit, over units
/// with at least two verdicts. `None` when no unit has two.
pub fn percent_agreement<C: PartialEq, R: AsRef<[Option<C>]>>(rows: &[R]) -> Option<f64> {
    let (mut agree, mut pairs) = (0usize, 0usize);
    for row in rows {
        let given: Vec<&C> = row.as_ref().iter().flatten().collect();
        for i in 0..given.len() {
            for j in i + 1..given.len() {
                pairs += 1;
                agree += usize::from(given[i] == given[j]);
            }
        }
    }
    (pairs > 0).then(|| agree as f64 / pairs as f64)
}

/// Cohen's kappa for two raters (columns 0 and 1) over the units both rated:
/// (p_o - p_e) / (1 - p_e). `None` when no unit was rated by both, or when chance agreement
/// is certain (both raters used one and the same category), where kappa is undefined.
pub fn cohens_kappa<C: Ord + Clone, R: AsRef<[Option<C>]>>(rows: &[R]) -> Option<f64> {
    let pairs: Vec<(&C, &C)> = rows
        .iter()
        .filter_map(|r| match r.as_ref() {
            [Some(a), Some(b), ..] => Some((a, b)),
            _ => None,
        })
        .collect();
    if pairs.is_empty() {
        return None;
    }
    let n = pairs.len() as f64;
    let observed = pairs.iter().filter(|(a, b)| a == b).count() as f64 / n;
    let mut first: BTreeMap<&C, f64> = BTreeMap::new();
    let mut second: BTreeMap<&C, f64> = BTreeMap::new();
    for (a, b) in &pairs {
        *first.entry(a).or_default() += 1.0;
        *second.entry(b).or_default() += 1.0;
    }
    let expected: f64 = first
        .iter()
        .map(|(c, k)| k / n * second.get(c).copied().unwrap_or(0.0) / n)
        .sum();
    if (1.0 - expected).abs() < 1e-12 {
        return None;
    }
    Some((observed - expected) / (1.0 - expected))
}

/// Krippendorff's alpha for nominal data: 1 - D_o / D_e, from the coincidence matrix of all
/// pairable values (units with at least two values; missing values are left out). `None`
/// when there are no pairable values or all of them are one category (no variation, so
/// alpha is undefined).
pub fn krippendorff_alpha_nominal<C: Ord + Clone, R: AsRef<[Option<C>]>>(
    rows: &[R],
) -> Option<f64> {
    // o[c][k]: coincidences of values c and k within units, each unit weighted 1/(m_u - 1).
    let mut o: BTreeMap<(&C, &C), f64> = BTreeMap::new();
    for row in rows {
        let values: Vec<&C> = row.as_ref().iter().flatten().collect();
        let m = values.len();
        if m < 2 {
            continue;
        }
        for i in 0..m {
            for j in 0..m {
                if i != j {
                    *o.entry((values[i], values[j])).or_default() += 1.0 / (m - 1) as f64;
                }
            }
        }
    }
    let mut n_c: BTreeMap<&C, f64> = BTreeMap::new();
    for ((c, _), v) in &o {
        *n_c.entry(c).or_default() += v;
    }
    let n: f64 = n_c.values().sum();
    if n <= 1.0 {
        return None;
    }
    let disagreeing: f64 = o.iter().filter(|((c, k), _)| c != k).map(|(_, v)| v).sum();
    let mut expected = 0.0;
    for (c, nc) in &n_c {
        for (k, nk) in &n_c {
            if c != k {
                expected += nc * nk;
            }
        }
    }
    if expected == 0.0 {
        return None;
    }
    Some(1.0 - (n - 1.0) * disagreeing / expected)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn close(a: Option<f64>, b: f64, within: f64) -> bool {
        a.is_some_and(|a| (a - b).abs() <= within)
    }

    /// Krippendorff (2011), "Computing Krippendorff's Alpha-Reliability", section C: four
    /// observers, twelve units, missing values; nominal alpha = 0.743.
    #[test]
    fn krippendorff_reference_example_with_missing_values_and_four_raters() {
        let table: [[Option<u8>; 4]; 12] = [
            [Some(1), Some(1), None, Some(1)],
            [Some(2), Some(2), Some(3), Some(2)],
            [Some(3), Some(3), Some(3), Some(3)],
            [Some(3), Some(3), Some(3), Some(3)],
            [Some(2), Some(2), Some(2), Some(2)],
            [Some(1), Some(2), Some(3), Some(4)],
            [Some(4), Some(4), Some(4), Some(4)],
            [Some(1), Some(1), Some(2), Some(1)],
            [Some(2), Some(2), Some(2), Some(2)],
            [None, Some(5), Some(5), Some(5)],
            [None, None, Some(1), Some(1)],
            [None, Some(3), None, None],
        ];
        let alpha = krippendorff_alpha_nominal(&table);
        assert!(close(alpha, 0.743, 0.0005), "{alpha:?}");
    }

    /// Worked by hand: two raters, units (a,a) (a,b) (b,b) (b,b). Coincidences o_aa = 2,
    /// o_ab = o_ba = 1, o_bb = 4; n_a = 3, n_b = 5, n = 8; alpha = 1 - 7 * 2 / (2 * 3 * 5)
    /// = 8/15. Kappa: p_o = 3/4, p_e = 2/4 * 1/4 + 2/4 * 3/4 = 1/2, kappa = 1/2.
    #[test]
    fn two_raters_worked_by_hand() {
        let rows = [
            [Some('a'), Some('a')],
            [Some('a'), Some('b')],
            [Some('b'), Some('b')],
            [Some('b'), Some('b')],
        ];
        assert!(close(krippendorff_alpha_nominal(&rows), 8.0 / 15.0, 1e-12));
        assert!(close(cohens_kappa(&rows), 0.5, 1e-12));
        assert!(close(percent_agreement(&rows), 0.75, 1e-12));
    }

    /// The textbook kappa example (as on Wikipedia's "Cohen's kappa" page): 50 items,
    /// yes/yes 20, yes/no 5, no/yes 10, no/no 15; p_o = 0.7, p_e = 0.5, kappa = 0.4.
    #[test]
    fn cohens_kappa_textbook_example() {
        let mut rows = Vec::new();
        rows.extend(std::iter::repeat_n([Some("yes"), Some("yes")], 20));
        rows.extend(std::iter::repeat_n([Some("yes"), Some("no")], 5));
        rows.extend(std::iter::repeat_n([Some("no"), Some("yes")], 10));
        rows.extend(std::iter::repeat_n([Some("no"), Some("no")], 15));
        assert!(close(cohens_kappa(&rows), 0.4, 1e-12));
        assert!(close(percent_agreement(&rows), 0.7, 1e-12));
    }

    /// Three raters with a missing value, worked by hand. Units: (x,x,x), (x,y,-), (y,y,y).
    /// Unit 1: o_xx += 6/2 = 3. Unit 2: o_xy = o_yx = 1. Unit 3: o_yy += 3.
    /// n_x = 4, n_y = 4, n = 8; alpha = 1 - 7 * 2 / (2 * 4 * 4) = 1 - 14/32 = 0.5625.
    /// Pairs: 3 + 1 + 3 = 7, agreeing 6: percent agreement 6/7.
    #[test]
    fn three_raters_with_a_missing_value_worked_by_hand() {
        let rows = [
            [Some('x'), Some('x'), Some('x')],
            [Some('x'), Some('y'), None],
            [Some('y'), Some('y'), Some('y')],
        ];
        assert!(close(krippendorff_alpha_nominal(&rows), 0.5625, 1e-12));
        assert!(close(percent_agreement(&rows), 6.0 / 7.0, 1e-12));
    }

    #[test]
    fn undefined_cases_say_so() {
        let same = [[Some(1), Some(1)], [Some(1), Some(1)]];
        assert_eq!(cohens_kappa(&same), None, "no variation: kappa undefined");
        assert_eq!(krippendorff_alpha_nominal(&same), None);
        let lonely: [[Option<u8>; 2]; 2] = [[Some(1), None], [None, Some(2)]];
        assert_eq!(percent_agreement(&lonely), None);
        assert_eq!(cohens_kappa(&lonely), None);
        assert_eq!(krippendorff_alpha_nominal(&lonely), None);
        let perfect = [[Some(1), Some(1)], [Some(2), Some(2)]];
        assert!(close(krippendorff_alpha_nominal(&perfect), 1.0, 1e-12));
        assert!(close(cohens_kappa(&perfect), 1.0, 1e-12));
    }
}
