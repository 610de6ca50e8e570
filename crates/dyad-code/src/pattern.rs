//! Verb patterns matched against a predicate's dependents.
//!
//! A pattern is what the CAMEO verb dictionaries write as `- words * words [code]`: words
//! before `*` are looked for before the verb (in its subject and auxiliaries), words after it
//! in the verb's objects, complements and prepositional dependents, in order, by lemma or
//! form. `(PREP ...)` must be a prepositional dependent with that preposition; `{...}` a run
//! of adjacent words; `+` and `$` mark the phrase where the target and source are; `^` skips
//! one word. The most specific matching pattern (most words) wins.

use crate::tree::Tree;
use dyad_core::Rel;

/// The alternatives of a pattern word (one word, or a synonym set), lowercase; multi-word
/// alternatives are written with spaces and match adjacent tokens. Each keeps the key of its
/// first word, so most alternatives are ruled out by an integer comparison.
#[derive(Clone, Debug)]
pub struct Alts {
    words: Vec<String>,
    keys: Vec<u64>,
}

impl Alts {
    pub fn new(words: Vec<String>) -> Alts {
        let keys = words.iter().map(|w| word_key(w.split(' ').next().unwrap_or(""))).collect();
        Alts { words, keys }
    }

    pub fn into_words(self) -> Vec<String> {
        self.words
    }
}

impl std::ops::Deref for Alts {
    type Target = [String];
    fn deref(&self) -> &[String] {
        &self.words
    }
}

impl PartialEq for Alts {
    fn eq(&self, other: &Alts) -> bool {
        self.words == other.words
    }
}

impl Eq for Alts {}

impl From<Vec<String>> for Alts {
    fn from(words: Vec<String>) -> Alts {
        Alts::new(words)
    }
}

/// One element of a pattern.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum PElem {
    /// A word; any of the alternatives (a synonym set) matches.
    Word(Alts),
    Target,
    Source,
    /// A prepositional dependent introduced by `prep`, whose phrase matches the inner elements.
    Prep {
        prep: String,
        inner: Vec<PElem>,
    },
    /// Adjacent words (a noun phrase in braces).
    Adjacent(Vec<PElem>),
    /// Any one word.
    Skip,
}

/// A compiled verb pattern.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct PPattern {
    pub before: Vec<PElem>,
    pub after: Vec<PElem>,
    pub code: Option<String>,
    pub reverse: Option<String>,
    /// The pattern as written, and where (`file:line`).
    pub raw: String,
    pub entry: String,
    /// Whether the words before `*` read a passive's surface subject. dyad's format writes
    /// "&police *" for "police were deployed"; PETRARCH's patterns are written in the active
    /// voice, the doer before `*` ("&WEAPON *": "the bomb exploded") and the object after it
    /// ("* EVIDENCE"), so a passive's surface subject is read after `*` ("evidence was
    /// presented"), never before it ("a bomb was fired").
    pub passive_subject: bool,
    /// Whether a word of the pattern may match a clause's verb (not a participle) that no
    /// `TO` or preposition of the pattern introduces. PETRARCH matches pattern words on noun
    /// phrases: its "* HELP" under WANT is "wants help", not "wants to help Gondor", whose
    /// own verb says what is wanted.
    pub verb_words: bool,
}

/// Where a matched pattern found the actors, and how specific it was.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct PatternHit {
    pub words: usize,
    pub target: Option<usize>,
    pub source: Option<usize>,
    /// Tokens the pattern's words matched: part of the event's description, not actors
    /// ("conducting military exercises" does not target the military).
    pub consumed: Vec<usize>,
}

/// Tokens after the verb that its pattern may read: the subtrees of its non-subject
/// dependents, in order, not crossing into coordinated or loosely attached clauses (a
/// to-infinitive is a complement however a parse attaches it: "vowed to wage war").
pub fn after_tokens(tree: &Tree<'_>, v: usize) -> Vec<usize> {
    let mut out = Vec::new();
    for c in tree.children(v) {
        let skip = matches!(
            tree.rel(c),
            Rel::Nsubj | Rel::Csubj | Rel::Conj | Rel::Parataxis | Rel::Punct | Rel::Cc | Rel::Aux | Rel::Mark
        ) || (tree.rel(c) == Rel::Advcl && !tree.is_complement(c));
        if !skip && c > v {
            out.extend(phrase_tokens(tree, c));
        }
    }
    out.sort_unstable();
    out.dedup();
    out
}

/// The tokens of a dependent's phrase, leaving out clauses that only modify something inside
/// it (relative and adverbial clauses, parentheticals): "reopen crossings that were closed"
/// does not contain the words of "closed" for the verb's patterns.
pub(crate) fn phrase_tokens(tree: &Tree<'_>, c: usize) -> Vec<usize> {
    let mut out = Vec::new();
    let mut stack = vec![c];
    while let Some(n) = stack.pop() {
        if out.len() > tree.len() {
            break;
        }
        out.push(n);
        stack.extend(tree.children(n).filter(|&k| !matches!(tree.rel(k), Rel::Acl | Rel::Advcl | Rel::Parataxis)));
    }
    out
}

/// Tokens before the verb a pattern's left side may read: its dependents' phrases ("{ARMED
/// MEN} *"), not its auxiliaries or adverbs, which PETRARCH's patterns do not see ("WILL *"
/// does not read "will host", nor "RECENTLY *" "recently allowed").
pub fn before_tokens(tree: &Tree<'_>, v: usize) -> Vec<usize> {
    let mut out = Vec::new();
    for c in tree.children(v) {
        if c < v && !matches!(tree.rel(c), Rel::Punct | Rel::Cc | Rel::Aux | Rel::Advmod) {
            out.extend(phrase_tokens(tree, c));
        }
    }
    out.sort_unstable();
    out.dedup();
    out
}

/// How many tokens from `toks[k]` on spell one of the alternatives: the longest one, so that
/// "austrian gold florin" beats "florin".
fn word_at(tree: &Tree<'_>, toks: &[usize], k: usize, alts: &Alts) -> Option<usize> {
    let &first = toks.get(k)?;
    let (lemma_key, lower_key) = (tree.lemma_key[first], tree.lower_key[first]);
    let mut best = None;
    'alt: for (a, &key) in alts.words.iter().zip(&alts.keys) {
        if key != lemma_key && key != lower_key {
            continue;
        }
        let mut n = 0;
        for (j, w) in a.split(' ').enumerate() {
            let Some(&t) = toks.get(k + j) else { continue 'alt };
            if j > 0 && t != toks[k + j - 1] + 1 {
                continue 'alt;
            }
            if tree.lemma[t] != w && tree.lower[t] != w {
                continue 'alt;
            }
            n += 1;
        }
        if n > 0 && best.is_none_or(|b| n > b) {
            best = Some(n);
        }
    }
    best
}

/// The head of the phrase a token belongs to, climbing through modifiers to a nominal that is
/// attached to something else.
fn phrase_head(tree: &Tree<'_>, mut t: usize) -> usize {
    for _ in 0..tree.len() {
        match tree.rel(t) {
            Rel::Case | Rel::Det | Rel::Amod | Rel::Compound | Rel::Flat | Rel::Nummod | Rel::Fixed => {
                match tree.head(t) {
                    Some(h) => t = h,
                    None => break,
                }
            }
            _ => break,
        }
    }
    t
}

/// Tokens of the prepositional phrases inside the verb's prepositional dependents: "a trip"
/// in "at the start of a trip".
fn in_obliques(tree: &Tree<'_>, v: usize) -> Vec<usize> {
    let mut out = Vec::new();
    for c in tree.children(v) {
        if tree.is_oblique(c) && tree.case_of(c).is_some() {
            for k in tree.children(c) {
                if tree.rel(k) == Rel::Nmod && tree.sub(k) != Some("poss") && tree.case_of(k).is_some() {
                    out.extend(tree.subtree(k));
                }
            }
        }
    }
    out
}

/// A verb in its base or a finite form: the predicate of a clause, which PETRARCH's noun
/// phrase words do not read; participles ("believed linked", "improved relations") modify
/// or name like nouns and adjectives do.
fn predicate(tree: &Tree<'_>, t: usize) -> bool {
    tree.upos(t) == dyad_core::Upos::Verb
        && matches!(tree.sentence.tokens[t].xpos.as_str(), "VB" | "VBD" | "VBZ" | "VBP")
}

/// What a pattern's word elements may match besides the words themselves.
#[derive(Clone, Copy)]
struct Limits<'a> {
    /// A clause's verb, without a `TO` or preposition of the pattern before it.
    verbs: bool,
    /// Tokens no bare word or preposition of the pattern may match.
    barred: &'a [usize],
}

/// Matches elements against `toks` starting at position `pos`; returns the new position.
fn match_seq(
    tree: &Tree<'_>,
    elems: &[PElem],
    toks: &[usize],
    mut pos: usize,
    hit: &mut PatternHit,
    gaps: bool,
    limits: Limits<'_>,
) -> Option<usize> {
    let Limits { verbs: verb_words, barred } = limits;
    let mut pending_target = false;
    let mut pending_source = false;
    let mut after_to = false;
    for e in elems {
        let verbs_ok = verb_words || std::mem::take(&mut after_to);
        if let PElem::Word(alts) = e {
            after_to = alts.iter().any(|w| w == "to");
        }
        // Where the last word element started looking, and where it matched.
        let mut word_span = None;
        match e {
            PElem::Target => pending_target = true,
            PElem::Source => pending_source = true,
            // `^` skips one phrase (an actor, say), however many words it has.
            PElem::Skip => {
                if let Some(&t) = toks.get(pos) {
                    let phrase = phrase_head(tree, t);
                    pos += 1;
                    while toks.get(pos).is_some_and(|&u| phrase_head(tree, u) == phrase) {
                        pos += 1;
                    }
                }
            }
            PElem::Word(alts) => {
                let limit = if gaps { toks.len() } else { (pos + 1).min(toks.len()) };
                let (k, n) = (pos..limit)
                    .filter(|&k| (verbs_ok || !predicate(tree, toks[k])) && !barred.contains(&toks[k]))
                    .find_map(|k| word_at(tree, toks, k, alts).map(|n| (k, n)))?;
                // Specificity counts the words matched, so a longer phrase of a synonym set
                // outranks a shorter one.
                hit.words += n;
                hit.consumed.extend_from_slice(&toks[k..k + n]);
                word_span = Some((pos, k));
                pos = k + n;
            }
            PElem::Adjacent(inner) => {
                let limit = if gaps { toks.len() } else { (pos + 1).min(toks.len()) };
                let (end, sub) = (pos..limit).find_map(|k| {
                    let mut h = PatternHit::default();
                    match_seq(tree, inner, toks, k, &mut h, false, Limits { verbs: verbs_ok, barred }).map(|e| (e, h))
                })?;
                hit.words += sub.words;
                hit.consumed.extend(sub.consumed);
                hit.target = hit.target.or(sub.target);
                hit.source = hit.source.or(sub.source);
                pos = end;
            }
            PElem::Prep { prep, inner } => {
                // A prepositional dependent anywhere after `pos` with this case marker.
                let (k, end, sub) = (pos..toks.len()).find_map(|k| {
                    let t = toks[k];
                    if (tree.lower[t] != *prep && tree.lemma[t] != *prep) || barred.contains(&t) {
                        return None;
                    }
                    let object =
                        tree.head(t).filter(|_| matches!(tree.rel(t), Rel::Case | Rel::Mark | Rel::Compound))?;
                    let mut h = PatternHit::default();
                    let inner_toks: Vec<usize> = tree.subtree(object).into_iter().filter(|&x| x > t).collect();
                    // A clause marker ("to" of an infinitive) heads no phrase: "(TO QUESTION)"
                    // may read "to question", but "(TO SANCTIONS)" not "to lift sanctions".
                    let gaps = tree.rel(t) != Rel::Mark;
                    let matched =
                        match_seq(tree, inner, &inner_toks, 0, &mut h, gaps, Limits { verbs: true, barred: &[] })?;
                    if inner.contains(&PElem::Target) && h.target.is_none() {
                        h.target = Some(object);
                    }
                    if inner.contains(&PElem::Source) && h.source.is_none() {
                        h.source = Some(object);
                    }
                    let last = inner_toks.get(matched.saturating_sub(1)).copied().unwrap_or(t);
                    Some((k, toks.iter().position(|&x| x == last).unwrap_or(k) + 1, h))
                })?;
                let _ = k;
                hit.words += 1 + sub.words;
                hit.consumed.extend(sub.consumed);
                hit.target = hit.target.or(sub.target);
                hit.source = hit.source.or(sub.source);
                pos = end;
            }
        }
        if !matches!(e, PElem::Target | PElem::Source) {
            // A marker before an element points at that element's phrase.
            if pending_target || pending_source {
                // A function word heads no phrase: "+ TO RELEASE" points at the phrase before
                // "to" ("called on the authorities to release").
                let marked = match word_span {
                    Some((from, k)) if k > from && matches!(tree.rel(toks[k]), Rel::Mark | Rel::Case) => {
                        toks.get(k - 1)
                    }
                    _ => toks.get(pos.saturating_sub(1)),
                };
                if let Some(&t) = marked {
                    let head = phrase_head(tree, t);
                    if pending_target {
                        hit.target = hit.target.or(Some(head));
                    }
                    if pending_source {
                        hit.source = hit.source.or(Some(head));
                    }
                }
                pending_target = false;
                pending_source = false;
            }
        }
    }
    // A trailing marker points at the next phrase.
    if pending_target || pending_source {
        if let Some(&t) = toks.get(pos) {
            let head = phrase_head(tree, t);
            if pending_target {
                hit.target = Some(head);
            }
            if pending_source {
                hit.source = Some(head);
            }
        } else if pending_target && hit.target.is_none() {
            return None;
        }
    }
    Some(pos)
}

/// Matches one pattern on verb `v`.
pub fn match_pattern(tree: &Tree<'_>, v: usize, p: &PPattern, after: &[usize], before: &[usize]) -> Option<PatternHit> {
    let mut hit = PatternHit::default();
    // PETRARCH's bare words read the verb's noun phrases, not those a prepositional phrase
    // nests, which only a `(PREP ...)` element reads: "* TRIP" is "made a trip", not "made
    // remarks at the start of a trip"; nor is "(TO)" the "to" of "came before a trip to".
    let barred = if p.verb_words { Vec::new() } else { in_obliques(tree, v) };
    if !p.after.is_empty() {
        match_seq(tree, &p.after, after, 0, &mut hit, true, Limits { verbs: p.verb_words, barred: &barred })?;
    }
    if !p.before.is_empty() {
        match_seq(tree, &p.before, before, 0, &mut hit, true, Limits { verbs: p.verb_words, barred: &barred })?;
    }
    let _ = v;
    Some(hit)
}

/// A word as the prefilter and matcher compare it first: a hash, so that checking a synonym set of hundreds
/// of words against the few words near a verb costs integer comparisons, not string ones.
pub fn word_key(w: &str) -> u64 {
    use std::hash::Hasher;
    let mut h = rustc_hash::FxHasher::default();
    h.write(w.as_bytes());
    h.finish()
}

/// What a pattern needs near the verb: for each of its word elements, the (sorted) keys of
/// the first words of its alternatives, one of which must be present.
fn needs(elems: &[PElem], out: &mut Vec<Box<[u64]>>) {
    for e in elems {
        match e {
            PElem::Word(alts) => {
                let mut keys: Vec<u64> = alts.iter().map(|a| word_key(a.split(' ').next().unwrap_or(""))).collect();
                keys.sort_unstable();
                keys.dedup();
                out.push(keys.into());
            }
            PElem::Prep { prep, inner } => {
                out.push(Box::new([word_key(prep)]));
                needs(inner, out);
            }
            PElem::Adjacent(inner) => needs(inner, out),
            PElem::Target | PElem::Source | PElem::Skip => {}
        }
    }
}

/// Whether two sorted key lists share a key; the shorter one is searched in the longer.
fn intersects(a: &[u64], b: &[u64]) -> bool {
    let (small, large) = if a.len() <= b.len() { (a, b) } else { (b, a) };
    small.iter().any(|k| large.binary_search(k).is_ok())
}

/// An inverted index over a verb block's patterns: each pattern is filed under the words of
/// its most selective element, so only patterns whose anchor word occurs near the verb are
/// tried, and only those whose every word element could match are matched. Patterns without
/// words are always tried.
#[derive(Clone, Debug, Default)]
pub struct BlockIndex {
    always: Vec<u32>,
    by_word: rustc_hash::FxHashMap<u64, Vec<u32>>,
    /// Per pattern, what it needs near the verb (see [`needs`]).
    needs: Vec<Vec<Box<[u64]>>>,
}

impl BlockIndex {
    pub fn new(patterns: &[PPattern]) -> BlockIndex {
        let mut index = BlockIndex::default();
        for (i, p) in patterns.iter().enumerate() {
            let mut need = Vec::new();
            needs(&p.after, &mut need);
            needs(&p.before, &mut need);
            match need.iter().min_by_key(|n| n.len()) {
                Some(anchor) => {
                    for &k in anchor.iter() {
                        let list = index.by_word.entry(k).or_default();
                        if list.last() != Some(&(i as u32)) {
                            list.push(i as u32);
                        }
                    }
                }
                None => index.always.push(i as u32),
            }
            index.needs.push(need);
        }
        index
    }
}

/// As [`best`], trying only the patterns the block's index allows.
pub fn best_indexed<'p>(
    tree: &Tree<'_>,
    v: usize,
    patterns: &'p [PPattern],
    index: &BlockIndex,
) -> Option<(&'p PPattern, PatternHit)> {
    let around = Around::new(tree, v);
    let mut candidates: Vec<u32> = index.always.clone();
    for k in &around.keys {
        if let Some(list) = index.by_word.get(k) {
            candidates.extend(list);
        }
    }
    candidates.sort_unstable();
    candidates.dedup();
    candidates.retain(|&i| around.could_match(&index.needs[i as usize]));
    around.best_of(tree, v, candidates.into_iter().map(|i| &patterns[i as usize]))
}

/// What a verb's patterns are matched against: the tokens after and before it, and the keys
/// of the words present there (sorted), which rule out patterns needing an absent word.
struct Around {
    after: Vec<usize>,
    before: Vec<usize>,
    /// For a verb with a passive surface subject: `after` with that subject's phrase first,
    /// as the object it is in the active voice, and `before` without it but with the
    /// by-agent's phrase, the doer of the active voice.
    active: Option<(Vec<usize>, Vec<usize>)>,
    keys: Vec<u64>,
}

impl Around {
    fn new(tree: &Tree<'_>, v: usize) -> Self {
        let after = after_tokens(tree, v);
        let before = before_tokens(tree, v);
        let active = tree.children(v).find(|&c| c < v && tree.rel(c) == Rel::Nsubj && tree.sub(c) == Some("pass")).map(
            |subject| {
                let mut inside = phrase_tokens(tree, subject);
                inside.sort_unstable();
                let mut doer: Vec<usize> = tree
                    .children(v)
                    .filter(|&c| c > v && tree.is_oblique(c) && tree.case_of(c) == Some("by"))
                    .flat_map(|c| phrase_tokens(tree, c))
                    .filter(|&t| tree.rel(t) != Rel::Case)
                    .collect();
                doer.sort_unstable();
                // The agent stays after the verb too, for patterns written for the passive
                // ("- * (BY)" under HOST).
                let mut before: Vec<usize> = before.iter().copied().filter(|t| !inside.contains(t)).collect();
                before.extend(doer);
                before.sort_unstable();
                inside.extend(after.iter().copied());
                (inside, before)
            },
        );
        let mut keys: Vec<u64> =
            after.iter().chain(&before).flat_map(|&t| [tree.lower_key[t], tree.lemma_key[t]]).collect();
        keys.sort_unstable();
        keys.dedup();
        Around { after, before, active, keys }
    }

    /// Whether every word element of a pattern (its [`needs`]) has a word present.
    fn could_match(&self, needs: &[Box<[u64]>]) -> bool {
        needs.iter().all(|n| intersects(n, &self.keys))
    }

    /// The most specific matching pattern among `patterns`, the first on ties.
    fn best<'p>(
        &self,
        tree: &Tree<'_>,
        v: usize,
        patterns: impl Iterator<Item = &'p PPattern>,
    ) -> Option<(&'p PPattern, PatternHit)> {
        self.best_of(
            tree,
            v,
            patterns.filter(|p| {
                let mut need = Vec::new();
                needs(&p.after, &mut need);
                needs(&p.before, &mut need);
                self.could_match(&need)
            }),
        )
    }

    /// The most specific matching pattern among `patterns`, already prefiltered.
    fn best_of<'p>(
        &self,
        tree: &Tree<'_>,
        v: usize,
        patterns: impl Iterator<Item = &'p PPattern>,
    ) -> Option<(&'p PPattern, PatternHit)> {
        let mut best: Option<(&PPattern, PatternHit)> = None;
        for p in patterns {
            let (after, before) = match &self.active {
                Some((after, before)) if !p.passive_subject => (after, before),
                _ => (&self.after, &self.before),
            };
            if let Some(h) = match_pattern(tree, v, p, after, before) {
                if best.as_ref().is_none_or(|(_, b)| h.words > b.words) {
                    best = Some((p, h));
                }
            }
        }
        best
    }
}

/// The best-matching pattern: most words matched, the first in the dictionary on ties.
pub fn best<'p>(
    tree: &Tree<'_>,
    v: usize,
    patterns: impl Iterator<Item = &'p PPattern>,
) -> Option<(&'p PPattern, PatternHit)> {
    Around::new(tree, v).best(tree, v, patterns)
}
