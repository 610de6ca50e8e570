//! Training the tagger, lemmatizer and parser from CoNLL-U treebanks.

use std::collections::BTreeSet;
use std::path::Path;

use dyad_core::{DepRel, Rel, Sentence, Upos};

use crate::arc::{self, Move, State};
use crate::lemma::Lemmatizer;
use crate::perceptron::Trainer;
use crate::tagdict::TagDict;
use crate::tagger::{self, argmax};
use crate::{conllu, Parser};

/// Training settings.
#[derive(Clone, Debug)]
pub struct TrainOptions {
    pub seed: u64,
    /// Passes over the training data for the tagger.
    pub tagger_epochs: usize,
    /// Passes over the training data for the parser.
    pub epochs: usize,
    /// Probability of following the model's own (wrong) transition after the first epoch.
    pub explore: f64,
    /// Features seen fewer times than this are dropped from the saved model.
    pub min_count: u32,
    /// Weights smaller than this (in absolute value) are dropped from the saved model.
    pub min_weight: f32,
    /// Use at most this many training sentences (for tests).
    pub limit: Option<usize>,
    /// Train the parser on tags predicted by two taggers each trained on the other half of the
    /// data (as at parse time), instead of gold tags.
    pub jackknife: bool,
}

impl Default for TrainOptions {
    fn default() -> Self {
        TrainOptions {
            seed: 1,
            tagger_epochs: 8,
            epochs: 10,
            explore: 0.9,
            min_count: 2,
            min_weight: 0.7,
            limit: None,
            jackknife: true,
        }
    }
}

/// Training error.
#[derive(Debug, thiserror::Error)]
pub enum TrainError {
    #[error("reading {path}: {source}")]
    Io { path: String, source: std::io::Error },
    #[error("{path}: {source}")]
    Conllu { path: String, source: conllu::ConlluError },
    #[error("no usable training sentences")]
    Empty,
}

pub type Result<T> = std::result::Result<T, TrainError>;

/// A small deterministic random generator (SplitMix64).
pub struct Rng(u64);
impl Rng {
    pub fn new(seed: u64) -> Self {
        Rng(seed ^ 0x9e37_79b9_7f4a_7c15)
    }
    pub fn next_u64(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9e37_79b9_7f4a_7c15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
        z ^ (z >> 31)
    }
    pub fn unit(&mut self) -> f64 {
        (self.next_u64() >> 11) as f64 / (1u64 << 53) as f64
    }
    pub fn shuffle<T>(&mut self, v: &mut [T]) {
        for i in (1..v.len()).rev() {
            let j = (self.next_u64() % (i as u64 + 1)) as usize;
            v.swap(i, j);
        }
    }
}

/// Reads a CoNLL-U file, failing on the first bad sentence.
pub fn read_file(path: &Path) -> Result<Vec<Sentence>> {
    let text =
        std::fs::read_to_string(path).map_err(|e| TrainError::Io { path: path.display().to_string(), source: e })?;
    conllu::read(&text)
        .into_iter()
        .collect::<std::result::Result<Vec<_>, _>>()
        .map_err(|e| TrainError::Conllu { path: path.display().to_string(), source: e })
}

/// Trains a model on a CoNLL-U file; `dev`, when given, is scored after training.
pub fn train(train: &Path, dev: Option<&Path>, opts: &TrainOptions, mut progress: impl FnMut(&str)) -> Result<Parser> {
    let mut sents = read_file(train)?;
    if let Some(l) = opts.limit {
        sents.truncate(l);
    }
    let dev = dev.map(read_file).transpose()?;
    let p = train_sentences(&sents, opts, &mut progress)?;
    if let Some(dev) = dev {
        let pred: Vec<Sentence> = dev
            .iter()
            .map(|g| {
                let mut s = crate::eval::blank(g);
                p.parse(&mut s);
                s
            })
            .collect();
        progress(&format!("dev:\n{}", crate::eval::score(&dev, &pred)));
    }
    Ok(p)
}

/// Trains on sentences already read.
pub fn train_sentences(sents: &[Sentence], opts: &TrainOptions, progress: &mut impl FnMut(&str)) -> Result<Parser> {
    let sents: Vec<&Sentence> = sents.iter().filter(|s| !s.tokens.is_empty() && is_tree(s)).collect();
    if sents.is_empty() {
        return Err(TrainError::Empty);
    }
    let tagset: BTreeSet<(Upos, String)> =
        sents.iter().flat_map(|s| s.tokens.iter().map(|t| (t.upos, t.xpos.clone()))).collect();
    let tags: Vec<(Upos, String)> = tagset.into_iter().collect();
    let mut labelset: BTreeSet<String> =
        sents.iter().flat_map(|s| s.tokens.iter().map(|t| t.deprel.to_string())).collect();
    labelset.insert("root".into());
    let labels: Vec<DepRel> = labelset.iter().filter_map(|l| DepRel::parse(l)).collect();
    let tag_of = |t: &dyad_core::Token| tags.binary_search(&(t.upos, t.xpos.clone())).unwrap_or(0) as u16;
    let label_of = |d: &DepRel| labels.iter().position(|l| l == d).unwrap_or(0) as u16;
    let gold_tags: Vec<Vec<u16>> = sents.iter().map(|s| s.tokens.iter().map(tag_of).collect()).collect();
    let mut lexes: Vec<Vec<tagger::Lex>> =
        sents.iter().map(|s| s.tokens.iter().map(|t| tagger::lex(&t.form)).collect()).collect();
    // Tag dictionary: the tag sets of words seen at least twice.
    let mut seen: crate::perceptron::IdMap<(u32, BTreeSet<u16>)> = Default::default();
    for (lx, tg) in lexes.iter().zip(&gold_tags) {
        for (l, t) in lx.iter().zip(tg) {
            let e = seen.entry(l.w).or_default();
            e.0 += 1;
            e.1.insert(*t);
        }
    }
    let amb: crate::perceptron::IdMap<u64> = seen
        .into_iter()
        .filter(|(_, (c, _))| *c >= 2)
        .map(|(w, (_, set))| (w, set.iter().fold(0x0041_4d42_u64, |h, t| crate::hash::mix(h, *t as u64 + 1))))
        .collect();
    for lx in &mut lexes {
        for l in lx {
            if let Some(a) = amb.get(&l.w) {
                l.amb = *a;
            }
        }
    }
    let tagdict = TagDict::learn(lexes.iter().flatten().map(|l| l.w).zip(gold_tags.iter().flatten().copied()), &tags);
    progress(&format!(
        "{} sentences, {} tags, {} labels, {} words in the tag dictionary",
        sents.len(),
        tags.len(),
        labels.len(),
        tagdict.len()
    ));

    let (tagger_model, parser_model) = rayon::join(
        || train_tagger(&lexes, &gold_tags, tags.len(), opts),
        || {
            let gold: Vec<(Vec<u32>, Vec<u16>)> = sents
                .iter()
                .map(|s| {
                    let mut h = vec![0u32];
                    let mut l = vec![0u16];
                    for t in &s.tokens {
                        h.push(t.head);
                        l.push(label_of(&t.deprel));
                    }
                    (h, l)
                })
                .collect();
            let root = labels.iter().position(|l| l.rel == Rel::Root && l.sub.is_none()).unwrap_or(0) as u16;
            let parser_tags =
                if opts.jackknife { jackknife(&lexes, &gold_tags, tags.len(), opts) } else { gold_tags.clone() };
            train_parser(&lexes, &parser_tags, &gold, labels.len(), root, opts)
        },
    );
    let (tagger_model, tag_log) = tagger_model;
    let (parser_model, parse_log) = parser_model;
    for l in tag_log.iter().chain(&parse_log) {
        progress(l);
    }
    let propn: Vec<bool> = tags.iter().map(|(u, _)| *u == Upos::Propn).collect();
    let examples = sents.iter().zip(&gold_tags).flat_map(|(s, tg)| {
        s.tokens.iter().zip(tg).map(|(t, g)| (t.form.as_str(), *g, t.lemma.as_str(), t.feats.as_str()))
    });
    let mut lemmatizer = Lemmatizer::learn(examples, tags.len(), &propn);
    lemmatizer.amb = amb;
    let tagger = tagger_model.freeze(opts.min_count, opts.min_weight);
    let parser = parser_model.freeze(opts.min_count, opts.min_weight);
    progress(&format!("kept {} tagger and {} parser features", tagger.n_features(), parser.n_features()));
    Ok(Parser::new(tags, labels, tagger, tagdict, parser, lemmatizer))
}

fn is_tree(s: &Sentence) -> bool {
    let n = s.tokens.len();
    let roots = s.tokens.iter().filter(|t| t.head == 0).count();
    if roots != 1 {
        return false;
    }
    // Every token must reach the root without a cycle.
    (0..n).all(|i| {
        let mut h = s.tokens[i].head;
        let mut steps = 0;
        while h != 0 && steps <= n {
            h = s.tokens[h as usize - 1].head;
            steps += 1;
        }
        h == 0
    })
}

/// Tags each half of the data with a tagger trained on the other half.
fn jackknife(lexes: &[Vec<tagger::Lex>], gold: &[Vec<u16>], n: usize, opts: &TrainOptions) -> Vec<Vec<u16>> {
    let fold = |k: usize| -> Vec<Vec<u16>> {
        let train_idx: Vec<usize> = (0..lexes.len()).filter(|i| i % 2 != k).collect();
        let lx: Vec<Vec<tagger::Lex>> = train_idx.iter().map(|&i| lexes[i].clone()).collect();
        let gd: Vec<Vec<u16>> = train_idx.iter().map(|&i| gold[i].clone()).collect();
        let o = TrainOptions { tagger_epochs: opts.tagger_epochs.min(5), ..opts.clone() };
        let model = train_tagger(&lx, &gd, n, &o).0.freeze(1, 0.0);
        // Every word is tagged by the tagger, as its training saw every word; the tag
        // dictionary only saves time when parsing, as its words' tags hardly ever differ.
        let dict = TagDict::default();
        let (mut tags, mut feats, mut scores) = (Vec::new(), Vec::new(), Vec::new());
        (0..lexes.len())
            .filter(|i| i % 2 == k)
            .map(|i| {
                tagger::tag(&model, &dict, &lexes[i], &mut tags, &mut feats, &mut scores);
                tags.clone()
            })
            .collect()
    };
    let (a, b) = rayon::join(|| fold(0), || fold(1));
    let (mut a, mut b) = (a.into_iter(), b.into_iter());
    (0..lexes.len()).map(|i| if i % 2 == 0 { a.next() } else { b.next() }.unwrap_or_default()).collect()
}

fn train_tagger(
    lexes: &[Vec<tagger::Lex>],
    gold: &[Vec<u16>],
    n: usize,
    opts: &TrainOptions,
) -> (Trainer, Vec<String>) {
    let mut m = Trainer::new(n);
    let mut rng = Rng::new(opts.seed);
    let mut order: Vec<usize> = (0..lexes.len()).collect();
    let mut feats = Vec::new();
    let mut scores = vec![0f32; n];
    let mut log = Vec::new();
    for epoch in 0..opts.tagger_epochs {
        m.counting = epoch == 0;
        rng.shuffle(&mut order);
        let (mut right, mut total) = (0usize, 0usize);
        for &si in &order {
            let lx = &lexes[si];
            let mut pred: Vec<u16> = Vec::with_capacity(lx.len());
            for i in 0..lx.len() {
                let p1 = if i >= 1 { pred[i - 1] as u64 + 1 } else { 0 };
                let p2 = if i >= 2 { pred[i - 2] as u64 + 1 } else { 0 };
                tagger::features(lx, i, p1, p2, &mut feats);
                m.score(&feats, &mut scores);
                let p = argmax(&scores);
                m.tick();
                m.update(&feats, gold[si][i] as usize, p);
                right += (p == gold[si][i] as usize) as usize;
                total += 1;
                pred.push(p as u16);
            }
        }
        log.push(format!("tagger epoch {}: train accuracy {:.2}%", epoch + 1, 100.0 * right as f64 / total as f64));
    }
    (m, log)
}

fn train_parser(
    lexes: &[Vec<tagger::Lex>],
    tags: &[Vec<u16>],
    gold: &[(Vec<u32>, Vec<u16>)],
    nl: usize,
    root: u16,
    opts: &TrainOptions,
) -> (Trainer, Vec<String>) {
    let mut m = Trainer::new(1 + 2 * nl);
    let mut rng = Rng::new(opts.seed.wrapping_add(17));
    let mut order: Vec<usize> = (0..lexes.len()).collect();
    let mut feats = Vec::new();
    let mut scores = vec![0f32; 1 + 2 * nl];
    let mut atoms = Vec::new();
    let mut st = State::new(0);
    let mut log = Vec::new();
    for epoch in 0..opts.epochs {
        m.counting = epoch == 0;
        rng.shuffle(&mut order);
        let (mut right, mut total) = (0usize, 0usize);
        for &si in &order {
            let (gh, gl) = &gold[si];
            let n = lexes[si].len();
            arc::atoms(&lexes[si], &tags[si], &mut atoms);
            st.reset(n);
            while !st.done() {
                arc::features(&st, &atoms, &mut feats);
                m.score(&feats, &mut scores);
                let costs = st.costs(gh);
                let s0 = st.s0() as usize;
                let s1 = st.s1();
                let b = st.b;
                // Cost of each class.
                let class_cost = |c: usize| -> u32 {
                    if c == 0 {
                        costs[0]
                    } else if c <= nl {
                        let k = costs[1];
                        if k == u32::MAX {
                            return k;
                        }
                        k + (gh[s0] == b && gl[s0] as usize != c - 1) as u32
                    } else {
                        let k = costs[2];
                        if k == u32::MAX {
                            return k;
                        }
                        k + (gh[s0] == s1 && gl[s0] as usize != c - 1 - nl) as u32
                    }
                };
                let (pm, pl) = crate::best_move(&st, &scores, nl, root);
                let pred = class(pm, pl, nl);
                // Best class among the cheapest.
                let mut min = u32::MAX;
                for c in 0..scores.len() {
                    min = min.min(valid_cost(&st, c, nl, root, &class_cost));
                }
                let mut best = usize::MAX;
                for c in 0..scores.len() {
                    if valid_cost(&st, c, nl, root, &class_cost) == min
                        && (best == usize::MAX || scores[c] > scores[best])
                    {
                        best = c;
                    }
                }
                m.tick();
                m.update(&feats, best, pred);
                let ok = valid_cost(&st, pred, nl, root, &class_cost) == min;
                right += ok as usize;
                total += 1;
                let follow = if ok || (epoch > 0 && rng.unit() < opts.explore) { pred } else { best };
                let (mv, l) = unclass(follow, nl);
                st.apply(mv, l);
            }
        }
        log.push(format!("parser epoch {}: oracle agreement {:.2}%", epoch + 1, 100.0 * right as f64 / total as f64));
    }
    (m, log)
}

fn valid_cost(st: &State, c: usize, nl: usize, root: u16, cost: &impl Fn(usize) -> u32) -> u32 {
    let (m, l) = unclass(c, nl);
    if !st.can(m) {
        return u32::MAX;
    }
    let rootish = m == Move::Right && st.s1() == 0;
    if m != Move::Shift && (l == root) != rootish {
        return u32::MAX;
    }
    cost(c)
}

fn class(m: Move, l: u16, nl: usize) -> usize {
    match m {
        Move::Shift => 0,
        Move::Left => 1 + l as usize,
        Move::Right => 1 + nl + l as usize,
    }
}

fn unclass(c: usize, nl: usize) -> (Move, u16) {
    if c == 0 {
        (Move::Shift, 0)
    } else if c <= nl {
        (Move::Left, (c - 1) as u16)
    } else {
        (Move::Right, (c - 1 - nl) as u16)
    }
}
