//! dyad's built-in tagger, lemmatizer and dependency parser.
//!
//! * Tagging: greedy averaged perceptron over combined UPOS+XPOS classes, except for frequent
//!   words with one tag in training, which get it from a tag dictionary; closed-class tags
//!   (auxiliary, determiner, pronoun, adposition, conjunction, particle) only for words seen
//!   with them; morphological
//!   features from a (form, tag) lexicon learned from the treebank, fixed up after parsing
//!   (passive voice).
//! * Lemmas: form→lemma lexicon by tag, then longest-suffix rewrite rules by tag.
//! * Dependencies: arc-hybrid transitions with labelled arcs, averaged perceptron trained with
//!   a dynamic oracle, greedy decoding; UD v2 relations with subtypes.
//!
//! Features are hashed straight to `u64`, weights are sparse per-feature rows of quantised
//! weights in an open-addressing table. The default model, trained on UD English EWT, is
//! embedded in the crate ([`Parser::embedded`]).

pub mod arc;
pub mod conllu;
pub mod eval;
mod hash;
mod irregular;
pub mod lemma;
pub mod perceptron;
pub mod ptb;
mod repair;
pub mod tagdict;
pub mod tagger;
pub mod train;

use std::path::Path;
use std::sync::OnceLock;

use dyad_core::sentence::Analysis;
use dyad_core::{DepRel, Rel, Sentence, Upos};

use arc::{Atom, Move, State};
use lemma::Lemmatizer;
use perceptron::{put_str, put_u32, Model, Reader};
use tagdict::TagDict;
use tagger::Lex;

pub use train::{train, TrainOptions};

/// The model format's magic number; its last character is the format version.
const MAGIC: &[u8; 8] = b"DYADPRS3";

static EMBEDDED_BYTES: &[u8] = include_bytes!("../model/en_ewt.dyadparse");

/// Errors loading or saving a model.
#[derive(Debug, thiserror::Error)]
pub enum ModelError {
    #[error("model I/O: {0}")]
    Io(#[from] std::io::Error),
    #[error("not a dyad parser model, or a damaged one: {0}")]
    Format(String),
}

/// The tagger, lemmatizer and parser together.
pub struct Parser {
    /// Tag classes: UPOS and Penn tag.
    pub tags: Vec<(Upos, String)>,
    /// Dependency labels.
    pub labels: Vec<DepRel>,
    pub(crate) tagger: Model,
    /// Words tagged without the tagger.
    pub(crate) tagdict: TagDict,
    pub(crate) parser: Model,
    pub(crate) lemmatizer: Lemmatizer,
    root_label: u16,
    /// The tag classes the tag repairs need, found once.
    repair_tags: repair::TagClasses,
}

/// Reusable buffers for one thread.
#[derive(Default)]
pub struct Scratch {
    lex: Vec<Lex>,
    tags: Vec<u16>,
    feats: Vec<u64>,
    scores: Vec<i32>,
    atoms: Vec<Atom>,
    state: Option<State>,
}

impl Parser {
    pub(crate) fn new(
        tags: Vec<(Upos, String)>,
        labels: Vec<DepRel>,
        tagger: Model,
        tagdict: TagDict,
        parser: Model,
        lemmatizer: Lemmatizer,
    ) -> Parser {
        let root_label = labels.iter().position(|l| l.rel == Rel::Root && l.sub.is_none()).unwrap_or(0) as u16;
        let repair_tags = repair::TagClasses::new(tags.clone());
        Parser { tags, labels, tagger, tagdict, parser, lemmatizer, root_label, repair_tags }
    }

    /// The model trained on UD English EWT that ships with dyad, loaded on first use.
    pub fn embedded() -> &'static Parser {
        static P: OnceLock<Parser> = OnceLock::new();
        P.get_or_init(|| Parser::from_bytes(EMBEDDED_BYTES).expect("the embedded parser model is valid"))
    }

    pub fn load(path: &Path) -> Result<Parser, ModelError> {
        Parser::from_bytes(&std::fs::read(path)?)
    }

    pub fn save(&self, path: &Path) -> Result<(), ModelError> {
        std::fs::write(path, self.to_bytes())?;
        Ok(())
    }

    pub fn to_bytes(&self) -> Vec<u8> {
        let mut out = Vec::new();
        out.extend_from_slice(MAGIC);
        put_u32(&mut out, self.tags.len() as u32);
        for (u, x) in &self.tags {
            put_str(&mut out, u.as_str());
            put_str(&mut out, x);
        }
        put_u32(&mut out, self.labels.len() as u32);
        for l in &self.labels {
            put_str(&mut out, &l.to_string());
        }
        self.tagger.write(&mut out);
        self.parser.write(&mut out);
        self.lemmatizer.write(&mut out);
        self.tagdict.write(&mut out);
        out
    }

    pub fn from_bytes(bytes: &[u8]) -> Result<Parser, ModelError> {
        let bad = |what: &str| ModelError::Format(what.to_string());
        match bytes.get(..8) {
            Some(m) if m == MAGIC => {}
            Some(m) if m[..7] == MAGIC[..7] => {
                return Err(bad("a model of another format version; retrain it with this version of dyad"))
            }
            _ => return Err(bad("wrong magic number")),
        }
        let mut r = Reader::new(&bytes[8..]);
        let n = r.u32().ok_or_else(|| bad("truncated tag table"))? as usize;
        let mut tags = Vec::new();
        for _ in 0..n {
            let u = r.str().and_then(|s| Upos::parse(&s)).ok_or_else(|| bad("tag table"))?;
            let x = r.str().ok_or_else(|| bad("tag table"))?;
            tags.push((u, x));
        }
        let n = r.u32().ok_or_else(|| bad("truncated label table"))? as usize;
        let mut labels = Vec::new();
        for _ in 0..n {
            labels.push(r.str().and_then(|s| DepRel::parse(&s)).ok_or_else(|| bad("label table"))?);
        }
        let tagger = Model::read(&mut r).ok_or_else(|| bad("tagger weights"))?;
        let parser = Model::read(&mut r).ok_or_else(|| bad("parser weights"))?;
        let lemmatizer = Lemmatizer::read(&mut r).ok_or_else(|| bad("lemmatizer"))?;
        let tagdict = TagDict::read(&mut r, tags.len()).ok_or_else(|| bad("tag dictionary"))?;
        if tagger.n_classes != tags.len() || parser.n_classes != 1 + 2 * labels.len() || labels.is_empty() {
            return Err(bad("class counts do not match"));
        }
        Ok(Parser::new(tags, labels, tagger, tagdict, parser, lemmatizer))
    }

    /// Tags, lemmatizes and parses one sentence in place.
    pub fn parse(&self, sentence: &mut Sentence) {
        thread_local! {
            static SCRATCH: std::cell::RefCell<Scratch> = std::cell::RefCell::new(Scratch::default());
        }
        SCRATCH.with(|s| self.parse_with(sentence, &mut s.borrow_mut()));
    }

    /// Parses many sentences, in parallel.
    pub fn parse_batch(&self, sentences: &mut [Sentence]) {
        use rayon::prelude::*;
        sentences.par_iter_mut().for_each(|s| self.parse(s));
    }

    /// Parses with caller-provided buffers.
    pub fn parse_with(&self, sentence: &mut Sentence, sc: &mut Scratch) {
        let n = sentence.tokens.len();
        if n == 0 {
            sentence.analysis = Analysis::Predicted;
            return;
        }
        sc.lex.clear();
        sc.lex.extend(sentence.tokens.iter().map(|t| tagger::lex(&t.form)));
        for l in &mut sc.lex {
            if let Some(a) = self.lemmatizer.amb.get(&l.w) {
                l.amb = *a;
            }
        }
        tagger::tag(&self.tagger, &self.tagdict, &sc.lex, &mut sc.tags, &mut sc.feats, &mut sc.scores);
        let forms: Vec<&str> = sentence.tokens.iter().map(|t| t.form.as_str()).collect();
        repair::finite_verb(&mut sc.tags, &self.repair_tags, &forms);
        self.parse_tags(sc);
        let st = sc.state.as_ref().expect("parse_tags sets the state");
        let (heads, labels) = (&st.heads, &st.labels);
        for (i, t) in sentence.tokens.iter_mut().enumerate() {
            let tag = sc.tags[i];
            let (u, x) = &self.tags[tag as usize];
            t.upos = *u;
            t.xpos.clone_from(x);
            // A past or participle form the tagger called present ("sank" as VBP) still has
            // its base; forms the same as their base ("cut", "put") need a past tag.
            let irregular = match x.as_str() {
                "VBD" | "VBN" | "VBP" | "VB" => {
                    let lower = t.form.to_lowercase();
                    irregular::base(&lower).filter(|b| matches!(x.as_str(), "VBD" | "VBN") || *b != lower)
                }
                _ => None,
            };
            match irregular {
                Some(base) => base.clone_into(&mut t.lemma),
                None => self.lemmatizer.lemma_into(&t.form, sc.lex[i].form, sc.lex[i].w, tag, &mut t.lemma),
            }
            t.feats.clear();
            t.feats.push_str(self.lemmatizer.feats(sc.lex[i].w, tag));
            t.head = heads[i + 1];
            t.deprel = self.labels[labels[i + 1] as usize].clone();
        }
        fix_feats(sentence);
        repair::attribution(sentence);
        repair::passive_subjects(sentence);
        repair::subjects(sentence);
        repair::list_continuations(sentence);
        repair::appositions(sentence);
        repair::of_phrases(sentence);
        repair::times(sentence);
        repair::subordinate_clauses(sentence);
        repair::reduced_relatives(sentence);
        repair::predicate_roots(sentence);
        repair::nominal_roots(sentence);
        sentence.analysis = Analysis::Predicted;
    }

    /// Runs the transition parser over tagged tokens in `sc`, leaving heads and labels (indexed
    /// by token number, 1-based) in its state.
    fn parse_tags(&self, sc: &mut Scratch) {
        let n = sc.lex.len();
        arc::atoms(&sc.lex, &sc.tags, &mut sc.atoms);
        let st = sc.state.get_or_insert_with(|| State::new(n));
        st.reset(n);
        let nl = self.labels.len();
        sc.scores.resize(self.parser.n_classes.max(self.tagger.n_classes), 0);
        while !st.done() {
            if st.stack.len() == 1 {
                // Only the root on the stack: SHIFT is the only valid transition.
                st.apply(Move::Shift, 0);
                continue;
            }
            if st.stack.len() == 2 && st.buffer_empty() {
                // The last token attaches to the root (see `best_move`).
                st.apply(Move::Right, self.root_label);
                continue;
            }
            arc::features(st, &sc.atoms, &mut sc.feats);
            let scores = &mut sc.scores[..self.parser.n_classes];
            self.parser.score(&sc.feats, scores);
            let (m, l) = best_move(st, scores, nl, self.root_label);
            st.apply(m, l);
        }
    }
}

/// The best valid transition and label.
pub(crate) fn best_move<T: PartialOrd + Copy>(st: &State, scores: &[T], nl: usize, root_label: u16) -> (Move, u16) {
    if st.can(Move::Right) && st.s1() == 0 {
        // Only possible with an empty buffer: the last token attaches to the root.
        return (Move::Right, root_label);
    }
    let mut best = (Move::Shift, 0u16);
    let mut best_score: Option<T> = st.can(Move::Shift).then_some(scores[0]);
    let arcs = [(Move::Left, &scores[1..1 + nl]), (Move::Right, &scores[1 + nl..1 + 2 * nl])];
    for (m, label_scores) in arcs {
        if !st.can(m) {
            continue;
        }
        if let Some(l) = best_label(label_scores, root_label) {
            let v = label_scores[l];
            if best_score.is_none_or(|b| v > b) {
                best_score = Some(v);
                best = (m, l as u16);
            }
        }
    }
    best
}

/// The first label with the highest score, apart from `skip` (the root label, which only the
/// last transition uses). The maximum is found first, a loop that the compiler vectorises.
fn best_label<T: PartialOrd + Copy>(scores: &[T], skip: u16) -> Option<usize> {
    let skip = skip as usize;
    let (before, after) = scores.split_at(skip.min(scores.len()));
    let after = after.get(1..).unwrap_or_default();
    let max = |part: &[T]| part.iter().copied().reduce(|m, v| if v > m { v } else { m });
    let best = match (max(before), max(after)) {
        (Some(a), Some(b)) => {
            if b > a {
                b
            } else {
                a
            }
        }
        (a, b) => a.or(b)?,
    };
    before.iter().position(|&v| v == best).or_else(|| after.iter().position(|&v| v == best).map(|i| skip + 1 + i))
}

/// Sets `Voice=Pass` on participles with a passive auxiliary or subject, and removes it elsewhere.
pub(crate) fn fix_feats(s: &mut Sentence) {
    for i in 0..s.tokens.len() {
        if s.tokens[i].xpos != "VBN" {
            continue;
        }
        let head = i as u32 + 1;
        let passive = s.tokens.iter().any(|t| {
            t.head == head && t.deprel.sub.as_deref() == Some("pass") && matches!(t.deprel.rel, Rel::Aux | Rel::Nsubj)
        });
        let has = s.tokens[i].feat("Voice") == Some("Pass");
        if passive != has {
            let mut parts: Vec<&str> =
                s.tokens[i].feats.split('|').filter(|p| !p.is_empty() && !p.starts_with("Voice=")).collect();
            if passive {
                parts.push("Voice=Pass");
            }
            parts.sort_unstable();
            s.tokens[i].feats = parts.join("|");
        }
    }
}

impl Parser {
    /// Fills lemma and features of a token whose UPOS and XPOS are set (used for given parses).
    pub fn fill_lemma_feats(&self, t: &mut dyad_core::Token) {
        let tag = self
            .tags
            .iter()
            .position(|(u, x)| *u == t.upos && *x == t.xpos)
            .or_else(|| self.tags.iter().position(|(_, x)| *x == t.xpos))
            .unwrap_or(0) as u16;
        t.lemma = self.lemmatizer.lemma(&t.form, tag);
        t.feats = self.lemmatizer.feats(hash::lower(&t.form), tag).to_string();
    }

    /// A copy without weights smaller than `min_weight` (see [`TrainOptions::min_weight`]).
    pub fn pruned(&self, min_weight: f32) -> Parser {
        let l = Lemmatizer::read(&mut Reader::new(&{
            let mut b = Vec::new();
            self.lemmatizer.write(&mut b);
            b
        }))
        .expect("a lemmatizer reads back what it wrote");
        Parser::new(
            self.tags.clone(),
            self.labels.clone(),
            self.tagger.pruned(min_weight),
            self.tagdict.clone(),
            self.parser.pruned(min_weight),
            l,
        )
    }

    /// Diagnostics: the shapes of the tagger and the parser tables.
    pub fn model_shapes(&self) -> (String, String) {
        (self.tagger.shape(), self.parser.shape())
    }

    /// Diagnostics: (average probe length, weight cells) of the tagger and the parser tables.
    pub fn model_stats(&self) -> ((f64, usize), (f64, usize)) {
        (self.tagger.probe_stats(), self.parser.probe_stats())
    }
}

#[cfg(test)]
mod tests {
    use super::best_label;

    #[test]
    fn the_best_label_is_the_first_highest_other_than_the_root() {
        assert_eq!(best_label(&[3, 5, 5, 1], 1), Some(2));
        assert_eq!(best_label(&[3, 5, 5, 1], 3), Some(1));
        assert_eq!(best_label(&[9, 2], 0), Some(1));
        assert_eq!(best_label(&[2.0, 9.0], 1), Some(0));
        assert_eq!(best_label(&[7], 0), None);
    }
}
