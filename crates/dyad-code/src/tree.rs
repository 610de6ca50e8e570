//! A parsed sentence seen as a tree: children lists, relation tests, subtrees and the
//! UD v1/v2 differences the coder must not care about.

use dyad_core::{Rel, Sentence, Upos};

/// Read-only tree view over a parsed sentence, built once per sentence.
pub struct Tree<'s> {
    pub sentence: &'s Sentence,
    /// Lowercased forms, for dictionary matching.
    pub lower: Vec<String>,
    /// Lowercased lemmas (the form when the parse gave none).
    pub lemma: Vec<String>,
    /// [`crate::pattern::word_key`] of each lemma and lowercased form, so that pattern words
    /// are compared as integers first.
    pub lemma_key: Vec<u64>,
    pub lower_key: Vec<u64>,
    /// Children of token `i`, in order: `kids[first_kid[i]..first_kid[i + 1]]` (one
    /// allocation for the whole tree, not one per token).
    first_kid: Vec<u32>,
    kids: Vec<u32>,
}

impl<'s> Tree<'s> {
    pub fn new(sentence: &'s Sentence) -> Self {
        let n = sentence.tokens.len();
        let parent = |i: usize| {
            let h = sentence.tokens[i].head as usize;
            (h > 0 && h <= n && h - 1 != i).then(|| h - 1)
        };
        let mut first_kid = vec![0u32; n + 1];
        for p in (0..n).filter_map(parent) {
            first_kid[p + 1] += 1;
        }
        for i in 0..n {
            first_kid[i + 1] += first_kid[i];
        }
        let mut kids = vec![0u32; first_kid[n] as usize];
        let mut next: Vec<u32> = first_kid[..n].to_vec();
        for i in 0..n {
            if let Some(p) = parent(i) {
                kids[next[p] as usize] = i as u32;
                next[p] += 1;
            }
        }
        let lower: Vec<String> = sentence.tokens.iter().map(|t| t.form.to_lowercase()).collect();
        let lemma: Vec<String> = sentence
            .tokens
            .iter()
            .zip(&lower)
            .map(|(t, l)| if t.lemma.is_empty() || t.lemma == "_" { l.clone() } else { t.lemma.to_lowercase() })
            .collect();
        let lemma_key = lemma.iter().map(|w| crate::pattern::word_key(w)).collect();
        let lower_key = lower.iter().map(|w| crate::pattern::word_key(w)).collect();
        Tree { sentence, lower, lemma, lemma_key, lower_key, first_kid, kids }
    }

    pub fn len(&self) -> usize {
        self.lower.len()
    }

    pub fn is_empty(&self) -> bool {
        self.lower.is_empty()
    }

    pub fn upos(&self, i: usize) -> Upos {
        self.sentence.tokens[i].upos
    }

    pub fn rel(&self, i: usize) -> Rel {
        self.sentence.tokens[i].deprel.rel
    }

    pub fn sub(&self, i: usize) -> Option<&str> {
        self.sentence.tokens[i].deprel.sub.as_deref()
    }

    pub fn head(&self, i: usize) -> Option<usize> {
        self.sentence.head_of(i).filter(|&h| h < self.len())
    }

    pub fn children(&self, i: usize) -> impl Iterator<Item = usize> + '_ {
        self.kids[self.first_kid[i] as usize..self.first_kid[i + 1] as usize].iter().map(|&c| c as usize)
    }

    /// Whether clause `c` complements its head: `xcomp`, `ccomp`, or a "to" infinitive that
    /// parsers often attach as an adverbial clause ("asked Obama to help", "signed an accord
    /// to supply Gondor").
    pub fn is_complement(&self, c: usize) -> bool {
        match self.rel(c) {
            Rel::Xcomp | Rel::Ccomp => true,
            Rel::Advcl => self.children(c).any(|m| self.rel(m) == Rel::Mark && self.lower[m] == "to"),
            _ => false,
        }
    }

    /// Children with a given relation.
    pub fn children_rel(&self, i: usize, rel: Rel) -> impl Iterator<Item = usize> + '_ {
        self.children(i).filter(move |&c| self.rel(c) == rel)
    }

    /// Every token of the subtree rooted at `i`, sorted (cycle-safe).
    pub fn subtree(&self, i: usize) -> Vec<usize> {
        self.subtree_where(i, |_| true)
    }

    /// The subtree of `i` without what its participle modifiers say about it: "a
    /// government-held part of Syria" is a part of Syria, whoever holds it (sorted).
    pub fn subtree_described(&self, i: usize) -> Vec<usize> {
        self.subtree_where(i, |c| !(self.rel(c) == Rel::Amod && self.upos(c) == Upos::Verb))
    }

    /// The tokens under `i` reached through children that `keep` accepts, sorted (cycle-safe).
    fn subtree_where(&self, i: usize, keep: impl Fn(usize) -> bool) -> Vec<usize> {
        let mut out = Vec::new();
        let mut seen = vec![false; self.len()];
        let mut stack = vec![i];
        while let Some(n) = stack.pop() {
            if std::mem::replace(&mut seen[n], true) {
                continue;
            }
            out.push(n);
            stack.extend(self.children(n).filter(|&c| keep(c)));
        }
        out.sort_unstable();
        out
    }

    /// Whether `a` is `b` or lies in `b`'s subtree (cycle-safe).
    pub fn dominated_by(&self, mut a: usize, b: usize) -> bool {
        for _ in 0..=self.len() {
            if a == b {
                return true;
            }
            match self.head(a) {
                Some(h) => a = h,
                None => return false,
            }
        }
        false
    }

    /// The case marker (preposition) of a nominal: `with` for "with Russia".
    pub fn case_of(&self, i: usize) -> Option<&str> {
        self.children(i)
            .find(|&c| matches!(self.rel(c), Rel::Case) || self.sub(c) == Some("case"))
            .map(|c| self.lemma[c].as_str())
    }

    /// Whether a verb is passive: a `nsubj:pass`/`aux:pass` child, `Voice=Pass`, or a past
    /// participle modifying a noun ("soldiers killed in the raid", "the men arrested").
    pub fn is_passive(&self, v: usize) -> bool {
        let token = &self.sentence.tokens[v];
        // One with an object of its own ("rebels engaged troops") or coordinated with a
        // finite verb ("resigned on Monday and fled") is a predicate the tagger misread; one
        // with a complement says what the noun is ("a woman believed linked to ..."), and
        // PETRARCH's patterns read the noun as its subject.
        let participle = token.xpos == "VBN"
            && self.rel(v) == Rel::Acl
            && self.sub(v) != Some("relcl")
            && !self.children(v).any(|c| {
                matches!(self.rel(c), Rel::Obj | Rel::Xcomp | Rel::Ccomp)
                    || (self.rel(c) == Rel::Conj
                        && matches!(self.sentence.tokens[c].xpos.as_str(), "VBD" | "VBZ" | "VBP"))
            });
        participle
            || token.feat("Voice") == Some("Pass")
            || self.children(v).any(|c| {
                matches!(self.sub(c), Some("pass")) && matches!(self.rel(c), Rel::Nsubj | Rel::Aux | Rel::Csubj)
            })
    }

    /// Whether a predicate is negated: `not`/`never`/`no` attached to it.
    pub fn is_negated(&self, v: usize) -> bool {
        self.children(v).any(|c| {
            (self.rel(c) == Rel::Advmod || self.sub(c) == Some("neg"))
                && matches!(self.lower[c].as_str(), "not" | "n't" | "never" | "no")
        })
    }

    /// Whether a token is a predicate the coder looks at: a verb, or a copular/nominal root.
    pub fn is_predicate(&self, i: usize) -> bool {
        self.upos(i) == Upos::Verb
    }

    /// Nominal dependents attached to a predicate through a preposition: UD v2 `obl`, and v1
    /// `nmod` on a verb (v1 used `nmod` for both).
    pub fn is_oblique(&self, i: usize) -> bool {
        match self.rel(i) {
            Rel::Obl => true,
            Rel::Nmod => self.head(i).is_some_and(|h| self.upos(h) == Upos::Verb) && self.sub(i) != Some("poss"),
            _ => false,
        }
    }

    /// The conjuncts of a node (itself first), following `conj` chains.
    pub fn conjuncts(&self, i: usize) -> Vec<usize> {
        let mut out = vec![i];
        let mut k = 0;
        while k < out.len() && out.len() < 32 {
            let n = out[k];
            for c in self.children_rel(n, Rel::Conj) {
                if !out.contains(&c) {
                    out.push(c);
                }
            }
            k += 1;
        }
        out
    }
}
