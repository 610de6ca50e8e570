//! The dependency-based coder: for each predicate, the verb dictionary picks the event and
//! says where its source and target are; the frame and the actor resolver find them in the tree.

use crate::actors::{find_mentions, MentionSource, ResolvedActor, Resolver};
use crate::frame::Frame;
use crate::transform::{InnerSource, ResultCode, Slot, Transformation};
use crate::tree::Tree;
use crate::{event_with_code, Coder, DocContext, Dyads};
use dyad_core::{Actor, ActorCode, Event, Evidence, Explanation, Rel, Sentence, Upos};

/// What the verb dictionary made of a predicate.
#[derive(Clone, Debug, Default)]
pub struct VerbMatch {
    pub code: String,
    /// Code of the reversed event (target → source), for `[A:B]` entries.
    pub reverse: Option<String>,
    /// Where the pattern put the source and target, when it says.
    pub source_node: Option<usize>,
    pub target_node: Option<usize>,
    /// The pattern in the dictionary's notation, and its entry (`file:line`).
    pub pattern: String,
    pub entry: String,
    /// Explanation notes.
    pub notes: Vec<String>,
    /// Tokens the pattern's words matched ("military exercises"): never the target.
    pub consumed: Vec<usize>,
}

/// A verb dictionary: matches a predicate against its entries.
pub trait VerbLexicon: Send + Sync {
    fn match_verb(&self, tree: &Tree<'_>, v: usize, frame: &Frame) -> Option<VerbMatch>;

    /// Rules combining an event with one reported in its complement, tried in order.
    fn transformations(&self) -> &[Transformation] {
        &[]
    }

    /// The code a negated event takes ("did not sign an accord"), when the dictionary says.
    fn negation(&self, _code: &str) -> Option<&str> {
        None
    }

    /// The code of a verbal event ("asked", "seeks") whose complement is a material event
    /// ("to help", "to deepen cooperation"): appeal for aid, intent to cooperate; or whose
    /// complement is a verbal event too ("wants to investigate"): that one.
    fn compose<'a>(&'a self, _outer: &str, _inner: &'a str) -> Option<&'a str> {
        None
    }

    /// The code of an event announced for the future ("will meet": intent to meet), or
    /// refused for it when `negated` ("will not attend": reject), when the dictionary says.
    fn future(&self, _code: &str, _negated: bool) -> Option<&str> {
        None
    }
}

/// What a discard phrase found in a sentence removes.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Discard {
    /// The whole story ("your horoscope").
    Story,
    /// The events of the clause that holds the phrase at these tokens: the whole sentence
    /// when that is its main clause ("won the basketball final"), only a subordinate clause's
    /// when the phrase is in one ("the mayor, who had been arrested 15 months ago, was freed").
    Clause(std::ops::Range<usize>),
}

/// Sentences or whole stories a discard phrase removes.
pub trait Discards: Send + Sync {
    /// The discard phrases of a sentence of a story from `date`.
    fn discard(&self, tree: &Tree<'_>, date: Option<chrono::NaiveDate>) -> Vec<Discard>;
}

/// Everything the coder reads from dictionaries, with the document date.
pub trait Dictionary: Send + Sync {
    fn verbs(&self) -> &dyn VerbLexicon;
    fn mentions(&self, date: Option<chrono::NaiveDate>) -> Box<dyn MentionSource + '_>;
    fn discards(&self) -> &dyn Discards;
}

pub struct DependencyCoder<D: Dictionary> {
    pub dict: D,
}

impl<D: Dictionary> Coder for DependencyCoder<D> {
    fn code(&self, doc: &DocContext<'_>, sentences: &[Sentence]) -> Vec<Event> {
        let mentions = self.dict.mentions(doc.date);
        let mut out = Vec::new();
        let mut recent = Vec::new();
        for s in sentences {
            let tree = Tree::new(s);
            let mut barred = Vec::new();
            for d in self.dict.discards().discard(&tree, doc.date) {
                match d {
                    Discard::Story => return Vec::new(),
                    Discard::Clause(span) => barred.push(clause_of(&tree, span)),
                }
            }
            // A phrase of the main clause discards the sentence.
            if barred.iter().any(Option::is_none) {
                continue;
            }
            let barred: Vec<usize> = barred.into_iter().flatten().collect();
            code_sentence(doc, &tree, &*mentions, self.dict.verbs(), &barred, &mut recent, &mut out);
        }
        out
    }
}

/// The subordinate clause (its predicate) that holds tokens `span`, or `None` when that is the
/// sentence's main clause: the first verb above the phrase, unless it is the root or
/// coordinated with it.
fn clause_of(tree: &Tree<'_>, span: std::ops::Range<usize>) -> Option<usize> {
    let mut v = span.clone().find(|&t| tree.head(t).is_none_or(|h| !span.contains(&h)))?;
    for _ in 0..tree.len() {
        if tree.is_predicate(v) {
            break;
        }
        v = tree.head(v)?;
    }
    if !tree.is_predicate(v) {
        return None;
    }
    let mut main = v;
    while tree.rel(main) == Rel::Conj {
        main = tree.head(main)?;
    }
    (tree.rel(main) != Rel::Root && tree.head(main).is_some()).then_some(v)
}

/// How many earlier actors the document remembers for coreference.
const MEMORY: usize = 16;

/// Codes one sentence, leaving out the verbs of the clauses headed by `barred` predicates.
fn code_sentence(
    doc: &DocContext<'_>,
    tree: &Tree<'_>,
    source: &dyn MentionSource,
    verbs: &dyn VerbLexicon,
    barred: &[usize],
    recent: &mut Vec<ResolvedActor>,
    out: &mut Vec<Event>,
) {
    let mentions = find_mentions(tree, source);
    if mentions.is_empty() && recent.is_empty() && doc.conventions.new_actors == 0 {
        return;
    }
    let resolver = Resolver::new(tree, &mentions, recent);
    let first = out.len();
    // The verb each new event came from, and whether it is the reversed event of an `[A:B]`
    // entry, parallel to `out[first..]`.
    let mut event_verbs: Vec<(usize, bool)> = Vec::new();
    for v in 0..tree.len() {
        if !matches!(tree.upos(v), Upos::Verb) || barred.iter().any(|&b| tree.dominated_by(v, b)) {
            continue;
        }
        let frame = Frame::of(tree, v);
        let Some(m) = verbs.match_verb(tree, v, &frame) else { continue };
        let future = announced(tree, v);
        let new_actors = doc.conventions.new_actors;
        let (sources, source_path) = find_source(tree, &resolver, &frame, &m, new_actors);
        if sources.is_empty() {
            continue;
        }
        // A pattern's `+` read in the active voice ("received +") lands on the by-agent of a
        // passive ("was received by Putin"), which is the source: the target is then found
        // among the logical objects instead.
        let pattern_target = m.target_node.filter(|&n| {
            !frame.passive || !frame.subjects.iter().any(|a| a.node == n || tree.subtree(a.node).contains(&n))
        });
        let (mut targets, mut target_path) = match pattern_target {
            Some(n) => first_actor_within(tree, &resolver, n, "pattern +"),
            None => find_target(tree, &resolver, v, &frame, &sources, &m.consumed),
        };
        if targets.is_empty() && new_actors > 0 {
            if let Some((a, path)) = new_target(tree, &frame, pattern_target, new_actors) {
                targets = vec![a];
                target_path = vec![path];
            }
        }
        // Conjoined sources with nothing done to anyone else act on each other ("Gondor and
        // Osgiliath postponed their meeting").
        let mutual = targets.is_empty() && sources.len() > 1;
        if mutual {
            targets = sources.clone();
        }
        for s in &sources {
            let ts: Vec<Option<&ResolvedActor>> =
                if targets.is_empty() { vec![None] } else { targets.iter().map(Some).collect() };
            for t in ts {
                if t.is_some_and(|t| t.code == s.code) {
                    continue;
                }
                let mut push = |code: &str, src: &ResolvedActor, tgt: Option<&ResolvedActor>, reversed: bool| {
                    // Dictionaries sometimes carry placeholders (`+++`) where a code goes.
                    if !code.starts_with(|c: char| c.is_ascii_digit()) {
                        return;
                    }
                    let written = code;
                    let future_code = if future { verbs.future(code, frame.negated) } else { None };
                    let negated_code = match future_code {
                        Some(_) => None,
                        None if frame.negated => verbs.negation(code),
                        None => None,
                    };
                    let code = future_code.or(negated_code).unwrap_or(code);
                    let evidence = evidence(
                        tree,
                        v,
                        &m,
                        doc.explain.then(|| {
                            let mut notes = m.notes.clone();
                            if frame.passive {
                                notes.push("passive: the by-agent is the source".into());
                            }
                            if reversed {
                                notes.push("reversed event of a [A:B] entry".into());
                            }
                            if negated_code.is_some() {
                                notes.push(format!("negated: the dictionary's negation of {written} is {code}"));
                            }
                            if future_code.is_some() {
                                notes.push(format!("announced for the future: {written} becomes {code}"));
                            }
                            Explanation {
                                verb_entry: m.entry.clone(),
                                source_entry: src.entries.clone(),
                                target_entry: tgt.map(|t| t.entries.clone()).unwrap_or_default(),
                                source_path: if reversed { target_path.clone() } else { source_path.clone() },
                                target_path: if reversed { source_path.clone() } else { target_path.clone() },
                                notes,
                            }
                        }),
                    );
                    let mut e = event_with_code(
                        doc,
                        tree.sentence,
                        code,
                        actor(tree, src),
                        tgt.map(|t| actor(tree, t)),
                        evidence,
                    );
                    // A negation the code absorbed ("did not sign" -> reject) is not flagged again.
                    e.negated = frame.negated && negated_code.is_none() && future_code.is_none();
                    out.push(e);
                    event_verbs.push((v, reversed));
                };
                push(&m.code, s, t, false);
                // The reversed event ("hosted" for "visited") needs a target that takes part:
                // the place of another argument ("attend a summit in Switzerland") is only
                // where it was, unlike the place the verb itself names ("arrived in Gondor").
                let venue = t.is_some_and(|t| {
                    let head = resolver.phrase_head(t.span.end - 1);
                    tree.head(head) != Some(v) && matches!(tree.case_of(head), Some("in" | "at" | "near" | "inside"))
                });
                if let (Some(rev), Some(t), false) = (m.reverse.as_deref(), t, venue) {
                    push(rev, t, Some(s), true);
                }
            }
        }
    }
    let fresh: Vec<Event> = out.drain(first..).collect();
    let mut fresh: Vec<Coded> = fresh
        .into_iter()
        .zip(event_verbs)
        .map(|(event, (verb, reversed))| Coded { event, verb, reversed, derived: false })
        .collect();
    transform(doc, tree, verbs, &mut fresh);
    match doc.conventions.dyads {
        // A statement verb ("said", "noted") that reports another event of the sentence is
        // the frame of that event, not an event of its own.
        Dyads::Framed => {
            if fresh.iter().any(|c| c.derived || c.event.cameo_root != "01") {
                fresh.retain(|c| c.derived || c.event.cameo_root != "01");
            }
        }
        Dyads::Required => fresh.retain(|c| c.event.target.is_some()),
        Dyads::All => {}
    }
    // A verb subordinate to another coded verb (its complement, purpose or modifier clause)
    // elaborates that event rather than adding one: "met X to discuss Y", "jailed X for
    // helping Y". Coordinated verbs ("condemned X and promised Y") stay separate events.
    let coded: Vec<usize> = fresh.iter().map(|c| c.verb).collect();
    fresh.retain(|c| !coded.iter().any(|&v| v != c.verb && subordinate(tree, c.verb, v)));
    dedupe(fresh.into_iter().map(|c| c.event).collect(), out);
    let mut named = resolver.all_actors();
    // The main clause's subject is the likeliest antecedent of the next sentence's "he" or
    // "they": remember it last, so it is found first.
    if let Some(root) = tree.sentence.root() {
        for arg in Frame::of(tree, root).subjects {
            let subject = resolver.actors(arg.node);
            named.retain(|a| !subject.iter().any(|s| s.code == a.code));
            named.extend(subject);
        }
    }
    recent.extend(named);
    let excess = recent.len().saturating_sub(MEMORY);
    recent.drain(..excess);
}

/// Whether verb `v` is announced rather than done: with "will", "would" or "shall", or the
/// complement of readiness ("ready to resume", "willing to hold talks", "committed to").
fn announced(tree: &Tree<'_>, v: usize) -> bool {
    let modal = tree.children(v).any(|c| {
        tree.rel(c) == Rel::Aux && matches!(tree.lower[c].as_str(), "will" | "would" | "shall" | "'ll" | "wo")
    });
    let ready = tree.rel(v) == Rel::Xcomp
        && tree.head(v).is_some_and(|h| {
            matches!(tree.lemma[h].as_str(), "ready" | "willing" | "prepared" | "committed" | "determined" | "eager")
        });
    modal || ready
}

/// An event of the sentence being coded, with the verb it came from.
struct Coded {
    event: Event,
    verb: usize,
    /// The reversed event of an `[A:B]` entry ("received" for "visited"): it stands or falls
    /// with its forward event and takes no part in combinations of its own.
    reversed: bool,
    /// Made by a transformation from an outer and an inner event, which it replaces.
    derived: bool,
}

/// Combines each pair of an event and one in its verb's complement clause into one event:
/// by the dictionary's transformations ("claimed that X attacked" -> accuse X), else by
/// composing a verbal event with a material one ("asked X to help" -> appeal for aid).
fn transform(doc: &DocContext<'_>, tree: &Tree<'_>, verbs: &dyn VerbLexicon, fresh: &mut Vec<Coded>) {
    let rules = verbs.transformations();
    let mut consumed = vec![false; fresh.len()];
    let mut derived = Vec::new();
    for (o, outer) in fresh.iter().enumerate() {
        if outer.reversed {
            continue;
        }
        let vo = outer.verb;
        let outer_sources: Vec<&str> =
            fresh.iter().filter(|c| c.verb == vo && !c.reversed).map(|c| c.event.source.code.as_str()).collect();
        for (i, inner) in fresh.iter().enumerate() {
            let vi = inner.verb;
            if inner.reversed || vi == vo || !complement_of(tree, vi, vo) {
                continue;
            }
            let (oe, ie) = (&outer.event, &inner.event);
            let kind = if !outer_sources.contains(&ie.source.code.as_str()) {
                InnerSource::Other
            } else if ie.source.code != oe.source.code {
                // Another of the outer verb's sources: paired with its own outer event.
                continue;
            } else if Frame::of(tree, vi).subjects.first().is_some_and(|a| !a.path.contains('^')) {
                InnerSource::Same
            } else {
                InnerSource::Borrowed
            };
            let rule = rules.iter().find(|r| {
                r.inner_source == kind
                    && (!r.inner_target || ie.target.is_some())
                    && r.outer.matches(&oe.cameo, &tree.lemma[vo])
                    && r.inner.matches(&ie.cameo, &tree.lemma[vi])
            });
            let (code, source, target, note) = match rule {
                Some(rule) => {
                    let b = if kind == InnerSource::Other { Some(&ie.source) } else { ie.target.as_ref() };
                    let pick = |slot: Slot| match slot {
                        Slot::A => Some(&oe.source),
                        Slot::B => b,
                    };
                    let (Some(source), target) = (pick(rule.source), pick(rule.target)) else { continue };
                    let code = match &rule.code {
                        ResultCode::Code(c) => c.as_str(),
                        ResultCode::Inner => ie.cameo.as_str(),
                    };
                    (code, source, target, format!("transformation {rule}"))
                }
                None => {
                    let Some(code) = verbs.compose(&oe.cameo, &ie.cameo) else { continue };
                    let target = oe.target.as_ref().or(ie.target.as_ref());
                    (code, &oe.source, target, format!("composed {} with {}", oe.cameo, ie.cameo))
                }
            };
            consumed[o] = true;
            consumed[i] = true;
            if target.is_some_and(|t| t.code == source.code) {
                continue;
            }
            let mut evidence = oe.evidence.clone();
            if let Some(rule) = rule {
                evidence.pattern = rule.raw.clone();
            }
            if let Some(x) = evidence.explain.as_mut() {
                x.notes.push(format!("{note}: with the {} event of {:?}", ie.cameo, ie.evidence.verb));
            }
            let mut e = event_with_code(doc, tree.sentence, code, source.clone(), target.cloned(), evidence);
            e.negated = oe.negated;
            derived.push(Coded { event: e, verb: vo, reversed: false, derived: true });
        }
    }
    // A reversed event goes with its forward event: "prepared to attend" is a visit
    // announced, not also a visit hosted.
    let combined: Vec<usize> =
        fresh.iter().zip(&consumed).filter(|(c, &x)| x && !c.reversed).map(|(c, _)| c.verb).collect();
    for (c, x) in fresh.iter().zip(consumed.iter_mut()) {
        if c.reversed && combined.contains(&c.verb) {
            *x = true;
        }
    }
    let mut k = 0;
    fresh.retain(|_| {
        k += 1;
        !consumed[k - 1]
    });
    fresh.extend(derived);
}

/// Whether verb `u` is (a conjunct of) the clausal complement of verb `v`.
fn complement_of(tree: &Tree<'_>, mut u: usize, v: usize) -> bool {
    for _ in 0..tree.len() {
        let Some(h) = tree.head(u) else { return false };
        let rel = tree.rel(u);
        if h == v {
            return tree.is_complement(u);
        }
        if rel != Rel::Conj {
            return false;
        }
        u = h;
    }
    false
}

/// The target: the actors of the objects, then of the prepositional dependents, then the
/// first actor anywhere inside those phrases ("condemned an attack by Osgiliath soldiers").
fn find_target(
    tree: &Tree<'_>,
    resolver: &Resolver<'_, '_>,
    v: usize,
    frame: &Frame,
    sources: &[ResolvedActor],
    consumed: &[usize],
) -> (Vec<ResolvedActor>, Vec<String>) {
    // An actor named only by words of the verb's pattern is part of the event's description.
    let free = |a: &ResolvedActor| !a.span.clone().all(|t| consumed.contains(&t));
    let resolver_actors =
        |node: usize| -> Vec<ResolvedActor> { resolver.actors(node).into_iter().filter(free).collect() };
    let args = || {
        frame
            .objects
            .iter()
            .map(|a| (a.node, a.path.clone()))
            .chain(frame.obliques.iter().map(|(_, a)| (a.node, a.path.clone())))
    };
    let (found, path) = first_with_actors(&resolver_actors, args());
    if !found.is_empty() {
        return (found, path);
    }
    // A clausal object's subject ("believes Dagolath and Osgiliath can cope"), or its object
    // when the subject is the source again ("claimed that they had attacked Iraq").
    let is_source = |a: &ResolvedActor| sources.iter().any(|s| s.code == a.code);
    for &c in &frame.complements {
        for rel in [Rel::Nsubj, Rel::Obj] {
            if let Some(k) = tree.children(c).find(|&k| tree.rel(k) == rel) {
                let actors: Vec<ResolvedActor> = resolver_actors(k).into_iter().filter(|a| !is_source(a)).collect();
                if !actors.is_empty() {
                    return (actors, vec![format!("{}>{}", tree.rel(c).as_str(), rel.as_str())]);
                }
            }
        }
    }
    for (node, path) in args() {
        for t in tree.subtree_described(node) {
            if t == node || resolver.mention_of(t).is_none() {
                continue;
            }
            let actors = resolver_actors(resolver.phrase_head(t));
            if !actors.is_empty() {
                return (actors, vec![format!("{path}>…>{}", tree.rel(t).as_str())]);
            }
        }
    }
    // Last, the first actor named after the verb in its own clause, wherever the parse hung
    // it ("contribute a million dollars to Australia" with "to Australia" under "dollars").
    for t in crate::pattern::after_tokens(tree, v) {
        if resolver.mention_of(t).is_none() {
            continue;
        }
        let actors: Vec<ResolvedActor> =
            resolver_actors(resolver.phrase_head(t)).into_iter().filter(|a| !is_source(a)).collect();
        if !actors.is_empty() {
            return (actors, vec![format!("…>{}", tree.rel(t).as_str())]);
        }
    }
    (Vec::new(), Vec::new())
}

/// The source: the pattern's `$`, else the subject's actors, else the first actor named inside
/// the subject ("an attack by Arnor's forces"), else for a passive without agent where it
/// came from, else (when the conventions ask for it) the subject's words as a new actor.
fn find_source(
    tree: &Tree<'_>,
    resolver: &Resolver<'_, '_>,
    frame: &Frame,
    m: &VerbMatch,
    new_actors: usize,
) -> (Vec<ResolvedActor>, Vec<String>) {
    let found = match m.source_node {
        Some(n) => (resolver.actors(n), vec!["pattern $".to_string()]),
        None => first_with_actors(&|n| resolver.actors(n), frame.subjects.iter().map(|a| (a.node, a.path.clone()))),
    };
    if !found.0.is_empty() {
        return found;
    }
    if let (None, Some(a)) = (m.source_node, frame.subjects.first()) {
        // The subject's own actors were looked for above; only the phrase inside is left.
        let inside = actor_inside(tree, resolver, a.node, &a.path);
        if !inside.0.is_empty() {
            return inside;
        }
    }
    if frame.passive && frame.subjects.is_empty() {
        let origin = agentless_source(tree, resolver, frame, &m.consumed);
        if !origin.0.is_empty() {
            return origin;
        }
    }
    if new_actors > 0 {
        for s in &frame.subjects {
            if let Some(a) = new_actor(tree, s.node, new_actors) {
                return (vec![a], vec![format!("new actor: {}", s.path)]);
            }
        }
    }
    found
}

/// A new actor for the target, when no dictionary actor was found: the pattern's `+`, else an
/// object, else a prepositional dependent that is not a time or a place.
fn new_target(
    tree: &Tree<'_>,
    frame: &Frame,
    pattern_target: Option<usize>,
    new_actors: usize,
) -> Option<(ResolvedActor, String)> {
    let at = |n: usize, path: &str| Some((new_actor(tree, n, new_actors)?, format!("new actor: {path}")));
    let place_or_time = |p: &str| matches!(p, "on" | "in" | "at" | "during" | "since" | "until");
    pattern_target
        .and_then(|n| at(n, "pattern +"))
        .or_else(|| frame.objects.iter().find_map(|a| at(a.node, &a.path)))
        .or_else(|| frame.obliques.iter().filter(|(p, _)| !place_or_time(p)).find_map(|(_, a)| at(a.node, &a.path)))
}

/// An actor the dictionaries lack, named by the words of its phrase as PETRARCH does: upper
/// case, quoted, without the phrase's preposition, punctuation or possessive endings, when
/// it has at most `max` words and names someone (has a proper noun).
fn new_actor(tree: &Tree<'_>, node: usize, max: usize) -> Option<ResolvedActor> {
    let mut toks = crate::pattern::phrase_tokens(tree, node);
    toks.sort_unstable();
    toks.retain(|&t| {
        let marker = tree.rel(t) == Rel::Case && (tree.head(t) == Some(node) || tree.upos(t) == Upos::Part);
        !marker && tree.upos(t) != Upos::Punct
    });
    if toks.is_empty() || toks.len() > max || !toks.iter().any(|&t| tree.upos(t) == Upos::Propn) {
        return None;
    }
    let words: Vec<&str> = toks.iter().map(|&t| tree.sentence.tokens[t].form.as_str()).collect();
    Some(ResolvedActor {
        code: format!("\"{}\"", words.join(" ").to_uppercase()),
        span: toks[0]..toks[toks.len() - 1] + 1,
        entries: vec!["new actor".into()],
    })
}

/// The source of a passive that names no agent: the first actor of its prepositional
/// dependents, which say where or from whom it came ("was shot dead in Osgiliath", "were
/// killed in Israeli shelling", "was criticized over its dispute with Eriador").
fn agentless_source(
    tree: &Tree<'_>,
    resolver: &Resolver<'_, '_>,
    frame: &Frame,
    consumed: &[usize],
) -> (Vec<ResolvedActor>, Vec<String>) {
    let objects: Vec<ResolvedActor> = frame.objects.iter().flat_map(|a| resolver.actors(a.node)).collect();
    let free =
        |a: &ResolvedActor| !a.span.clone().all(|t| consumed.contains(&t)) && !objects.iter().any(|o| o.code == a.code);
    // A role ("sworn in as president"), a destination, a beneficiary or what it was aimed at
    // ("was fired at Gondor from Rohan") is not where it came from.
    let origin = |prep: &str| {
        !matches!(prep, "as" | "to" | "into" | "for" | "like" | "at" | "against" | "toward" | "towards" | "upon")
    };
    for (_, arg) in frame.obliques.iter().filter(|(prep, _)| origin(prep)) {
        let mut phrase = crate::pattern::phrase_tokens(tree, arg.node);
        phrase.sort_unstable();
        for t in phrase {
            if t != arg.node && resolver.mention_of(t).is_none() {
                continue;
            }
            let actors: Vec<ResolvedActor> =
                resolver.actors(resolver.phrase_head(t)).into_iter().filter(free).collect();
            if !actors.is_empty() {
                return (actors, vec![format!("passive without agent: {}", arg.path)]);
            }
        }
    }
    (Vec::new(), Vec::new())
}

/// The actors of the phrase at `node`, else of the first actor named inside it ("with the
/// leaders of Gondor" when "leaders" alone names no one, "an attack by Arnor's forces").
fn first_actor_within(
    tree: &Tree<'_>,
    resolver: &Resolver<'_, '_>,
    node: usize,
    path: &str,
) -> (Vec<ResolvedActor>, Vec<String>) {
    let actors = resolver.actors(node);
    if !actors.is_empty() {
        return (actors, vec![path.to_string()]);
    }
    actor_inside(tree, resolver, node, path)
}

/// The actors of the first actor named inside the phrase at `node`, below its head.
fn actor_inside(
    tree: &Tree<'_>,
    resolver: &Resolver<'_, '_>,
    node: usize,
    path: &str,
) -> (Vec<ResolvedActor>, Vec<String>) {
    for t in tree.subtree_described(node) {
        if t != node && resolver.mention_of(t).is_some() {
            let actors = resolver.actors(resolver.phrase_head(t));
            if !actors.is_empty() {
                return (actors, vec![format!("{path}>…>{}", tree.rel(t).as_str())]);
            }
        }
    }
    (Vec::new(), vec![path.to_string()])
}

/// Whether verb `u` lies under verb `v` through clause attachments, not through coordination.
fn subordinate(tree: &Tree<'_>, mut u: usize, v: usize) -> bool {
    for _ in 0..tree.len() {
        if matches!(tree.rel(u), Rel::Conj | Rel::Parataxis | Rel::Root) {
            return false;
        }
        match tree.head(u) {
            Some(h) if h == v => return true,
            Some(h) => u = h,
            None => return false,
        }
    }
    false
}

/// The actors of the first argument that has any.
fn first_with_actors(
    actors_of: &dyn Fn(usize) -> Vec<ResolvedActor>,
    args: impl Iterator<Item = (usize, String)>,
) -> (Vec<ResolvedActor>, Vec<String>) {
    for (node, path) in args {
        let actors = actors_of(node);
        if !actors.is_empty() {
            return (actors, vec![path]);
        }
    }
    (Vec::new(), Vec::new())
}

fn actor(tree: &Tree<'_>, a: &ResolvedActor) -> Actor {
    let s = tree.sentence;
    let start = s.token_range(a.span.start).start;
    let end = s.token_range(a.span.end - 1).end;
    let code = ActorCode::new(&a.code);
    Actor {
        country: code.as_ref().and_then(|c| c.country()).map(str::to_string),
        role: code.as_ref().and_then(|c| c.role()).map(str::to_string),
        code: a.code.clone(),
        text: s.text.get(start..end).unwrap_or("").to_string(),
        start,
        end,
    }
}

fn evidence(tree: &Tree<'_>, v: usize, m: &VerbMatch, explain: Option<Explanation>) -> Evidence {
    let r = tree.sentence.token_range(v);
    Evidence {
        verb: tree.sentence.tokens[v].form.clone(),
        verb_start: r.start,
        verb_end: r.end,
        pattern: m.pattern.clone(),
        explain,
    }
}

/// Drops repeated (source, target, code) events of one sentence, keeping the first.
fn dedupe(fresh: Vec<Event>, out: &mut Vec<Event>) {
    let mut seen = std::collections::HashSet::new();
    for e in fresh {
        let key = (e.source.code.clone(), e.target.as_ref().map(|t| t.code.clone()), e.cameo.clone());
        if seen.insert(key) {
            out.push(e);
        }
    }
}
