//! Scoring predicted analyses against gold ones.

use std::fmt;

use dyad_core::sentence::Analysis;
use dyad_core::{Rel, Sentence, Token};

/// Accuracies in percent over all tokens (punctuation included, as in the CoNLL 2018 scorer).
#[derive(Clone, Copy, Debug, Default, PartialEq)]
pub struct Scores {
    pub tokens: usize,
    pub upos: f64,
    pub xpos: f64,
    pub lemma: f64,
    pub feats: f64,
    pub uas: f64,
    pub las: f64,
}

impl fmt::Display for Scores {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        writeln!(f, "{:<8}{:>8}", "metric", "%")?;
        for (name, v) in [
            ("UPOS", self.upos),
            ("XPOS", self.xpos),
            ("Lemma", self.lemma),
            ("Feats", self.feats),
            ("UAS", self.uas),
            ("LAS", self.las),
        ] {
            writeln!(f, "{name:<8}{v:>8.2}")?;
        }
        write!(f, "({} tokens)", self.tokens)
    }
}

/// A copy of the sentence with only the tokens' forms, offsets and spacing.
pub fn blank(s: &Sentence) -> Sentence {
    let mut b = s.clone();
    b.analysis = Analysis::Tokens;
    for t in &mut b.tokens {
        let mut n = Token::new(std::mem::take(&mut t.form), t.start as usize, t.end as usize);
        n.space_after = t.space_after;
        *t = n;
    }
    b
}

/// Scores predictions; sentences are paired in order and tokens by position (sentences whose
/// token counts differ count as wrong on every token).
pub fn score(gold: &[Sentence], pred: &[Sentence]) -> Scores {
    let mut c = [0usize; 6];
    let mut n = 0usize;
    for (i, g) in gold.iter().enumerate() {
        n += g.tokens.len();
        let Some(p) = pred.get(i) else { continue };
        if p.tokens.len() != g.tokens.len() {
            continue;
        }
        for (gt, pt) in g.tokens.iter().zip(&p.tokens) {
            c[0] += (gt.upos == pt.upos) as usize;
            c[1] += (gt.xpos == pt.xpos) as usize;
            c[2] += (gt.lemma == pt.lemma) as usize;
            c[3] += (gt.feats == pt.feats) as usize;
            let head = gt.head == pt.head;
            c[4] += head as usize;
            let rel = gt.deprel.rel == pt.deprel.rel && (gt.deprel.sub == pt.deprel.sub || gt.deprel.rel == Rel::Root);
            c[5] += (head && rel) as usize;
        }
    }
    let pct = |k: usize| if n == 0 { 0.0 } else { 100.0 * c[k] as f64 / n as f64 };
    Scores { tokens: n, upos: pct(0), xpos: pct(1), lemma: pct(2), feats: pct(3), uas: pct(4), las: pct(5) }
}
