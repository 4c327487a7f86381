//! Pairing the phases of two journeys: by hand first, then by name (case and spacing
//! ignored). The rows come in `a`'s phase order; a phase only `b` has sits just before the
//! first row whose `b` phase follows it, so both journeys read left to right.

use serde::Serialize;

use crate::model::Journey;

/// How a row's phases were paired.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub enum MatchedBy {
    /// The team paired them by hand (names differ, or they chose otherwise).
    Hand,
    /// Same name, ignoring case and spacing.
    Name,
    /// A phase on one side only.
    None,
}

/// One row: indices into `a.phases` and `b.phases`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct PhasePair {
    pub a: Option<usize>,
    pub b: Option<usize>,
    pub by: MatchedBy,
}

/// Whether two phase names are the same, ignoring case and spacing.
pub fn same_name(x: &str, y: &str) -> bool {
    super::norm(x) == super::norm(y)
}

/// The rows of the comparison (see the module docs).
pub fn pair_phases(a: &Journey, b: &Journey, manual: &[(String, String)]) -> Vec<PhasePair> {
    let ia = a.phase_index();
    let ib = b.phase_index();
    let mut partner: Vec<Option<(usize, MatchedBy)>> = vec![None; a.phases.len()];
    let mut taken = vec![false; b.phases.len()];
    for (pa, pb) in manual {
        if let (Some(&x), Some(&y)) = (ia.get(pa.as_str()), ib.get(pb.as_str())) {
            if partner[x].is_none() && !taken[y] {
                partner[x] = Some((y, MatchedBy::Hand));
                taken[y] = true;
            }
        }
    }
    for (x, pa) in a.phases.iter().enumerate() {
        if partner[x].is_some() {
            continue;
        }
        if let Some(y) =
            (0..b.phases.len()).find(|&y| !taken[y] && same_name(&pa.name, &b.phases[y].name))
        {
            partner[x] = Some((y, MatchedBy::Name));
            taken[y] = true;
        }
    }
    let mut rows = Vec::new();
    let mut next_b = 0;
    let emit_b_only = |upto: usize, rows: &mut Vec<PhasePair>, next_b: &mut usize| {
        while *next_b < upto {
            if !taken[*next_b] {
                rows.push(PhasePair {
                    a: None,
                    b: Some(*next_b),
                    by: MatchedBy::None,
                });
            }
            *next_b += 1;
        }
    };
    for (x, p) in partner.iter().enumerate() {
        match p {
            Some((y, by)) => {
                emit_b_only(*y, &mut rows, &mut next_b);
                rows.push(PhasePair {
                    a: Some(x),
                    b: Some(*y),
                    by: *by,
                });
            }
            None => rows.push(PhasePair {
                a: Some(x),
                b: None,
                by: MatchedBy::None,
            }),
        }
    }
    emit_b_only(b.phases.len(), &mut rows, &mut next_b);
    rows
}
