//! Scoring dyad's output against references: hand-coded news sentences (event-type and
//! full-event precision/recall/F1) and the flagship story's reference coding.
//!
//! Matching follows the references' convention: a produced actor code matches an expected one
//! when it starts with it (`IRNGOV` matches `IRN`), and a produced CAMEO code matches when it
//! starts with the expected code (`112` matches `11`).

pub mod flagship;
pub mod gold;

use std::fmt;

/// Precision, recall and F1 from counts.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Prf {
    pub matched: usize,
    pub expected: usize,
    pub produced: usize,
}

impl Prf {
    pub fn precision(&self) -> f64 {
        ratio(self.matched, self.produced)
    }

    pub fn recall(&self) -> f64 {
        ratio(self.matched, self.expected)
    }

    pub fn f1(&self) -> f64 {
        let (p, r) = (self.precision(), self.recall());
        if p + r == 0.0 {
            0.0
        } else {
            2.0 * p * r / (p + r)
        }
    }

    pub fn add(&mut self, other: Prf) {
        self.matched += other.matched;
        self.expected += other.expected;
        self.produced += other.produced;
    }
}

fn ratio(a: usize, b: usize) -> f64 {
    if b == 0 {
        1.0
    } else {
        a as f64 / b as f64
    }
}

impl fmt::Display for Prf {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "P {:5.1} %  R {:5.1} %  F1 {:5.1} %  ({} matched, {} expected, {} produced)",
            100.0 * self.precision(),
            100.0 * self.recall(),
            100.0 * self.f1(),
            self.matched,
            self.expected,
            self.produced
        )
    }
}

/// Counts how many produced items match expected ones, each used at most once.
pub fn match_multiset<E, P>(expected: &[E], produced: &[P], matches: impl Fn(&E, &P) -> bool) -> Prf {
    let mut used = vec![false; produced.len()];
    let mut matched = 0;
    for e in expected {
        if let Some(k) = (0..produced.len()).find(|&k| !used[k] && matches(e, &produced[k])) {
            used[k] = true;
            matched += 1;
        }
    }
    Prf { matched, expected: expected.len(), produced: produced.len() }
}

/// Whether a produced actor code matches an expected one (prefix rule; `None` = no target).
pub fn actor_matches(expected: Option<&str>, produced: Option<&str>) -> bool {
    match (expected, produced) {
        (None, _) => true,
        (Some(e), Some(p)) => p.starts_with(e),
        (Some(_), None) => false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn multiset_matching_uses_each_item_once() {
        let p = match_multiset(&["a", "a", "b"], &["a", "c"], |x, y| x == y);
        assert_eq!(p, Prf { matched: 1, expected: 3, produced: 2 });
        assert!((p.precision() - 0.5).abs() < 1e-9);
        assert!((p.recall() - 1.0 / 3.0).abs() < 1e-9);
        assert!((p.f1() - 0.4).abs() < 1e-9);
    }

    #[test]
    fn actor_codes_match_by_prefix() {
        assert!(actor_matches(Some("IRN"), Some("IRNGOV")));
        assert!(!actor_matches(Some("IRNGOV"), Some("IRN")));
        assert!(actor_matches(None, Some("RUS")));
        assert!(!actor_matches(Some("RUS"), None));
    }
}
