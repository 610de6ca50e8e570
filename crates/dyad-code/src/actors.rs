//! Actor mentions in a sentence and the actor a noun phrase stands for.
//!
//! Mentions come from the dictionaries (named actors, role nouns). A noun phrase's actor is
//! composed from the mentions in its core (the head and its compound, modifier, possessive and
//! flat-name dependents): a named actor with a role wins; otherwise a country composes with a
//! role noun ("Iranian" + "president" → IRNGOV); a role noun alone has an unknown country
//! (`---GOV`), and takes the country of an `of` phrase ("ambassadors of Arnor" → ARNGOV).

use crate::tree::Tree;
use dyad_core::{Rel, Upos};
use std::ops::Range;

/// What a dictionary says about a run of tokens.
#[derive(Clone, Debug, PartialEq)]
pub enum MentionKind {
    /// A named actor with its code on the document's date.
    Actor { code: String },
    /// A role noun; `code` is the agent code with `~` where the actor's goes (`~GOV`, `GOV~`).
    Agent { code: String },
}

/// A dictionary match over tokens `span`.
#[derive(Clone, Debug, PartialEq)]
pub struct Mention {
    pub span: Range<usize>,
    pub kind: MentionKind,
    /// The dictionary entry (`file:line name`), for explanations.
    pub entry: String,
    /// For a named actor whose words are also a role noun ("Senate": the US Congress, or
    /// any state's upper house), the role's agent code.
    pub role: Option<String>,
    /// For a role noun: whether it adds its role to every other role and name of its phrase
    /// (PETRARCH's composition, see [`stack_roles`]) rather than giving the phrase its role.
    pub stacks: bool,
}

/// A resolved actor of a noun phrase.
#[derive(Clone, Debug, PartialEq)]
pub struct ResolvedActor {
    pub code: String,
    /// Tokens of the phrase the actor was read from.
    pub span: Range<usize>,
    pub entries: Vec<String>,
}

/// Looks up dictionary matches; implemented over compiled dictionaries.
pub trait MentionSource {
    /// The longest match starting at token `i` of `lower` (lowercased forms).
    fn mention_at(&self, tree: &Tree<'_>, i: usize) -> Option<Mention>;
}

/// Finds non-overlapping mentions, longest first from left to right.
pub fn find_mentions(tree: &Tree<'_>, source: &dyn MentionSource) -> Vec<Mention> {
    let mut out = Vec::new();
    let mut i = 0;
    while i < tree.len() {
        match source.mention_at(tree, i) {
            Some(m) if m.span.end > i && plausible(tree, &m) => {
                i = m.span.end;
                out.push(m);
            }
            _ => i += 1,
        }
    }
    out
}

/// Rejects matches that are really function words spelled like an actor ("us" for the US).
fn plausible(tree: &Tree<'_>, m: &Mention) -> bool {
    if m.span.len() != 1 {
        return true;
    }
    let t = &tree.sentence.tokens[m.span.start];
    let all_lower = !t.form.chars().any(char::is_uppercase);
    let function =
        matches!(t.upos, Upos::Pron | Upos::Det | Upos::Adp | Upos::Aux | Upos::Cconj | Upos::Sconj | Upos::Part);
    !(all_lower && function && matches!(m.kind, MentionKind::Actor { .. }))
}

/// Composes an agent code with an actor code: `~GOV` + `IRN` → `IRNGOV`; `GOV~` puts it first;
/// no actor gives `---GOV`.
pub fn compose(agent: &str, actor: Option<&str>) -> String {
    let actor = actor.unwrap_or("---");
    if let Some(role) = agent.strip_prefix('~') {
        format!("{actor}{role}")
    } else if let Some(role) = agent.strip_suffix('~') {
        format!("{role}{actor}")
    } else if actor == "---" {
        format!("---{agent}")
    } else {
        format!("{actor}{agent}")
    }
}

/// Resolves noun phrases to actors using the sentence's mentions.
pub struct Resolver<'a, 't> {
    tree: &'a Tree<'t>,
    /// Mention index covering each token.
    at: Vec<Option<usize>>,
    mentions: &'a [Mention],
    /// Actors of earlier sentences of the document, oldest first, for pronouns and
    /// definite references.
    recent: &'a [ResolvedActor],
}

impl<'a, 't> Resolver<'a, 't> {
    pub fn new(tree: &'a Tree<'t>, mentions: &'a [Mention], recent: &'a [ResolvedActor]) -> Self {
        let mut at = vec![None; tree.len()];
        for (k, m) in mentions.iter().enumerate() {
            for slot in &mut at[m.span.clone()] {
                *slot = Some(k);
            }
        }
        Resolver { tree, at, mentions, recent }
    }

    pub fn mention_of(&self, token: usize) -> Option<&'a Mention> {
        self.at.get(token).copied().flatten().map(|k| &self.mentions[k])
    }

    /// The actors a nominal argument stands for: one per conjunct ("Arnor and Gondor").
    pub fn actors(&self, node: usize) -> Vec<ResolvedActor> {
        let mut out = Vec::new();
        let mut members = self.tree.conjuncts(node);
        let mut k = 0;
        while k < members.len() && members.len() < 32 {
            for a in self.listed_appositions(members[k]) {
                for c in self.tree.conjuncts(a) {
                    if !members.contains(&c) {
                        members.push(c);
                    }
                }
            }
            k += 1;
        }
        for &c in &members {
            let found = self.phrase_actors(c);
            // "Danish media and government", "lawmakers and officials in Arnor and Gondor": a
            // role noun with no country shares the country its coordination is modified by.
            if !found.is_empty() && found.iter().all(|a| a.code.starts_with("---")) {
                let shared = self.shared_countries(&members, c);
                if !shared.is_empty() {
                    for a in &found {
                        out.extend(
                            shared
                                .iter()
                                .map(|cc| ResolvedActor { code: format!("{cc}{}", &a.code[3..]), ..a.clone() }),
                        );
                    }
                    continue;
                }
            }
            // "Russian and Chinese officials": each of coordinated modifiers qualifies the head.
            let distributed: Vec<ResolvedActor> = self
                .coordinated_modifiers(c)
                .iter()
                .flat_map(|(own, other)| {
                    found
                        .iter()
                        .filter(|a| a.code.starts_with(own.as_str()))
                        .map(move |a| ResolvedActor { code: format!("{other}{}", &a.code[own.len()..]), ..a.clone() })
                })
                .collect();
            if !distributed.is_empty() {
                out.extend(found);
                out.extend(distributed);
                continue;
            }
            // A role noun with no country ("the two leaders", "he") may still name earlier actors.
            if found.iter().all(|a| a.code.starts_with("---")) {
                let earlier = self.coreferent(c);
                if !earlier.is_empty() {
                    out.extend(earlier);
                    continue;
                }
            }
            out.extend(found);
        }
        out
    }

    /// The head of the noun phrase a token is part of: climbs through name-like relations
    /// (compound, flat, amod, possessive) to the nominal they modify.
    pub fn phrase_head(&self, mut t: usize) -> usize {
        for _ in 0..self.tree.len() {
            let Some(p) = self.tree.head(t) else { break };
            let naming = matches!(self.tree.rel(t), Rel::Compound | Rel::Flat | Rel::Amod | Rel::Det | Rel::Nummod)
                || (self.tree.rel(t) == Rel::Nmod && matches!(self.tree.sub(t), Some("poss" | "desc")));
            if naming && self.tree.upos(p).is_nominal() {
                t = p;
            } else {
                break;
            }
        }
        t
    }

    /// Every actor named in the sentence, in order, for the document's memory.
    pub fn all_actors(&self) -> Vec<ResolvedActor> {
        let mut heads: Vec<usize> = Vec::new();
        for m in self.mentions {
            // The phrase head of a mention: climb while the head is in a name-like relation.
            let mut h = m.span.end - 1;
            while let Some(p) = self.tree.head(h) {
                let nominal = self.tree.upos(p).is_nominal();
                let naming = matches!(self.tree.rel(h), Rel::Compound | Rel::Flat | Rel::Amod | Rel::Nmod);
                if nominal && naming && self.tree.sub(h) != Some("poss") && heads.len() < 64 {
                    h = p;
                } else {
                    break;
                }
            }
            if !heads.contains(&h) {
                heads.push(h);
            }
        }
        heads.into_iter().flat_map(|h| self.phrase_actors(h)).collect()
    }

    /// What a pronoun or definite description refers to among the document's earlier actors:
    /// "he"/"she" the latest actor with a role, "they" the latest actor, "the two countries"
    /// the latest two distinct ones.
    fn coreferent(&self, node: usize) -> Vec<ResolvedActor> {
        let t = self.tree;
        let word = t.lower[node].as_str();
        let at = |a: &ResolvedActor| ResolvedActor { span: node..node + 1, ..a.clone() };
        // Antecedents: actors named earlier in this sentence ("Ethiopia said it would ..."),
        // nearest first, then those of earlier sentences.
        let pronoun = matches!(word, "he" | "she" | "him" | "her" | "they" | "them" | "it");
        let mut heads: Vec<usize> = Vec::new();
        if pronoun {
            for m in self.mentions.iter().filter(|m| m.span.end <= node) {
                let h = self.phrase_head(m.span.end - 1);
                if h < node && !heads.contains(&h) {
                    heads.push(h);
                }
            }
        }
        // "Obama and Putin said they will ...": a plural pronoun whose nearest antecedent is
        // coordinated stands for every conjunct.
        if matches!(word, "they" | "them") {
            if let Some(&last) = heads.last() {
                let mut first = last;
                while t.rel(first) == Rel::Conj {
                    match t.head(first) {
                        Some(h) if h < first => first = h,
                        _ => break,
                    }
                }
                let group: Vec<ResolvedActor> = t
                    .conjuncts(first)
                    .into_iter()
                    .filter(|&c| c < node)
                    .flat_map(|c| self.phrase_actors(c))
                    .filter(|a| !a.code.starts_with("---"))
                    .map(|a| at(&a))
                    .collect();
                if group.len() > 1 {
                    return group;
                }
            }
        }
        let local: Vec<ResolvedActor> = heads.into_iter().flat_map(|h| self.phrase_actors(h)).collect();
        let latest = |pred: &dyn Fn(&ResolvedActor) -> bool| {
            local.iter().rev().chain(self.recent.iter().rev()).find(|a| pred(a)).map(at)
        };
        match word {
            "he" | "she" | "him" | "her" => {
                latest(&|a| a.code.len() > 3 && !a.code.starts_with("---")).into_iter().collect()
            }
            "they" | "them" => latest(&|a| !a.code.starts_with("---")).into_iter().collect(),
            // "it" stands for a state or an organisation, not a person.
            "it" => latest(&|a| !a.code.starts_with("---") && (a.code.len() == 3 || a.code.starts_with("IGO")))
                .into_iter()
                .collect(),
            _ => {
                let two = t.children(node).any(|c| t.lower[c] == "two" || t.lower[c] == "both");
                let definite = t.children(node).any(|c| t.lower[c] == "the");
                let noun = t.lemma[node].as_str();
                let kind_ok = |a: &ResolvedActor| match noun {
                    "country" | "nation" | "state" | "neighbor" | "neighbour" => a.code.len() >= 3,
                    "side" | "leader" | "government" | "president" => true,
                    _ => false,
                };
                if !(definite && two) {
                    return Vec::new();
                }
                let mut out: Vec<ResolvedActor> = Vec::new();
                for a in self.recent.iter().rev() {
                    let key = if matches!(noun, "country" | "nation" | "state") {
                        &a.code[..3.min(a.code.len())]
                    } else {
                        a.code.as_str()
                    };
                    let country_ok =
                        !matches!(noun, "country" | "nation" | "state") || dyad_core::actor::is_country(key);
                    if kind_ok(a)
                        && country_ok
                        && !a.code.starts_with("---")
                        && !out.iter().any(|o| o.code.starts_with(key))
                    {
                        out.push(ResolvedActor { code: key.to_string(), ..at(a) });
                    }
                    if out.len() == 2 {
                        break;
                    }
                }
                if out.len() == 2 {
                    out
                } else {
                    Vec::new()
                }
            }
        }
    }

    /// Countries that modify a whole coordination, seen from its member `c`: the first
    /// member's modifiers before it ("Danish media and government"), else the `in`/`of`/`from`
    /// owners of the last or first member ("lawmakers and officials in Arnor and Gondor").
    fn shared_countries(&self, members: &[usize], c: usize) -> Vec<String> {
        let t = self.tree;
        let mut out: Vec<String> = Vec::new();
        let add = |out: &mut Vec<String>, code: &str| {
            let cc = code.get(..3).unwrap_or(code).to_string();
            if !cc.starts_with('-') && !out.contains(&cc) {
                out.push(cc);
            }
        };
        if members.len() < 2 {
            return out;
        }
        let (first, last) = (members[0], members[members.len() - 1]);
        if first != c {
            for m in t.children(first).filter(|&m| m < first) {
                let modifier = matches!(t.rel(m), Rel::Amod | Rel::Compound)
                    || (t.rel(m) == Rel::Nmod && t.sub(m) == Some("poss"));
                if let (true, Some(MentionKind::Actor { code })) = (modifier, self.mention_of(m).map(|x| &x.kind)) {
                    add(&mut out, code);
                }
            }
        }
        // The owners may hang from the last member or, in some parses, from the first.
        for member in [last, first] {
            if member == c || !out.is_empty() {
                continue;
            }
            let owners = t
                .children(member)
                .filter(|&m| t.rel(m) == Rel::Nmod && matches!(t.case_of(m), Some("in" | "of" | "from")));
            for m in owners.collect::<Vec<_>>() {
                for a in self.actors(m) {
                    add(&mut out, &a.code);
                }
            }
        }
        out
    }

    /// The country code of the actor mentioned at token `i`.
    fn country_at(&self, i: usize) -> Option<String> {
        match self.mention_of(i).map(|m| &m.kind) {
            Some(MentionKind::Actor { code }) => Some(code.get(..3).unwrap_or(code).to_string()),
            _ => None,
        }
    }

    /// The state an actor mentioned at token `i` belongs to: its code when that is a bare
    /// three-letter code, else the code's country prefix ("USA" of USAGOV; none for IGOEUREEC).
    fn state_at(&self, i: usize) -> Option<String> {
        match self.mention_of(i).map(|m| &m.kind) {
            Some(MentionKind::Actor { code }) if code.len() == 3 && !code.starts_with('-') => Some(code.clone()),
            Some(MentionKind::Actor { code }) => {
                code.get(..3).filter(|c| dyad_core::actor::is_country(c)).map(str::to_string)
            }
            _ => None,
        }
    }

    /// Countries coordinated within a modifier of `head` ("Russian and Chinese officials"):
    /// pairs of the modifier's country and each other conjunct's.
    fn coordinated_modifiers(&self, head: usize) -> Vec<(String, String)> {
        let t = self.tree;
        let mut out: Vec<(String, String)> = Vec::new();
        for m in t.children(head).filter(|&m| m < head) {
            let modifier =
                matches!(t.rel(m), Rel::Amod | Rel::Compound) || (t.rel(m) == Rel::Nmod && t.sub(m) == Some("poss"));
            let Some(own) = modifier.then(|| self.state_at(m)).flatten() else { continue };
            for k in t.conjuncts(m).into_iter().filter(|&k| k != m) {
                if let Some(other) = self.state_at(k).filter(|o| *o != own) {
                    if !out.iter().any(|(_, o)| *o == other) {
                        out.push((own.clone(), other));
                    }
                }
            }
        }
        out
    }

    /// Appositions that continue a list rather than describe its item: a parse may attach
    /// "the Shire" in "Mordor, the Shire, Arnor and Bree" as an apposition of "Mordor". An
    /// apposition naming an actor of another country than its head's is such a list member;
    /// "Osgiliath, the state's fiercest foe" and "Putin, Russia's president" stay descriptions.
    fn listed_appositions(&self, n: usize) -> Vec<usize> {
        let Some(own) = self.country_at(n) else { return Vec::new() };
        self.tree
            .children(n)
            .filter(|&c| self.tree.rel(c) == Rel::Appos && self.country_at(c).is_some_and(|x| x != own))
            .collect()
    }

    /// The mentions over some (sorted) tokens, each once, in text order.
    fn mentions_in(&self, tokens: &[usize]) -> Vec<&'a Mention> {
        let mut out: Vec<&'a Mention> = Vec::new();
        for &i in tokens {
            if let Some(m) = self.mention_of(i) {
                if !out.last().is_some_and(|l| std::ptr::eq(*l, m)) {
                    out.push(m);
                }
            }
        }
        out
    }

    /// Tokens of a phrase's core: the head and dependents that name or qualify it, with its
    /// descriptive appositions when `appositions` says so.
    fn core(&self, head: usize, appositions: bool) -> Vec<usize> {
        let t = self.tree;
        let listed = self.listed_appositions(head);
        let mut out = vec![head];
        let mut k = 0;
        while k < out.len() && out.len() < 64 {
            let n = out[k];
            for c in t.children(n) {
                let keep = match t.rel(c) {
                    // A participle modifier describes the phrase without naming it:
                    // "military-ruled Myanmar", "Russian-backed separatists".
                    Rel::Amod => t.upos(c) != Upos::Verb,
                    Rel::Compound | Rel::Flat | Rel::Det | Rel::Fixed | Rel::Nummod => true,
                    // `nmod:desc` is EWT's title-before-name ("President Putin").
                    Rel::Nmod => matches!(t.sub(c), Some("poss" | "desc")),
                    Rel::Appos => appositions && n == head && !listed.contains(&c),
                    _ => false,
                };
                if keep && !out.contains(&c) {
                    out.push(c);
                }
            }
            k += 1;
        }
        out.sort_unstable();
        out
    }

    /// The actor a phrase names. Its own words speak first: "the US commander in Iraq, General
    /// Petraeus" is the commander the text describes, whatever post a dictionary gives the
    /// name on that date; an apposition counts when the head alone names no one of a known
    /// country ("the rebel leader, Joseph Kony").
    fn phrase_actors(&self, head: usize) -> Vec<ResolvedActor> {
        let has_appositions = self.tree.children(head).any(|c| self.tree.rel(c) == Rel::Appos);
        if has_appositions {
            let own = self.phrase_actors_of(head, false);
            if own.iter().any(|a| !a.code.starts_with('-')) {
                return own;
            }
        }
        self.phrase_actors_of(head, true)
    }

    /// PETRARCH's roles add up: every role noun of the phrase adds its role to the name or
    /// country (`base`: "UN troops" IGOUNOMIL), else to an `of`/`from`/`in` owner's ("exiled
    /// leaders of Egypt's Muslim Brotherhood" EGYOPPMUS, the roles in the order of the words),
    /// else, as PETRARCH reads a whole noun phrase, to the first name anywhere in it ("an
    /// Islamic State target southwest of Baghdad" IRQMUS).
    fn stacked_roles(
        &self,
        head: usize,
        span: Range<usize>,
        base: Option<&Mention>,
        roles: &[&Mention],
    ) -> Option<Vec<ResolvedActor>> {
        let t = self.tree;
        let actor = |m: &&Mention| matches!(m.kind, MentionKind::Actor { .. });
        let resolved = |base: &Mention, roles: &[&Mention], span: Range<usize>| {
            let mut entries = vec![base.entry.clone()];
            entries.extend(roles.iter().map(|m| m.entry.clone()));
            ResolvedActor { code: stack_roles(code_of_kind(&base.kind), roles), span, entries }
        };
        if let Some(base) = base {
            return Some(vec![resolved(base, roles, span)]);
        }
        let owners: Vec<ResolvedActor> = t
            .children(head)
            .filter(|&c| t.rel(c) == Rel::Nmod && matches!(t.case_of(c), Some("of" | "from" | "in")))
            .flat_map(|c| t.conjuncts(c))
            .filter_map(|o| {
                let owner_core = self.core(o, false);
                let owner_mentions = self.mentions_in(&owner_core);
                let base = owner_mentions.iter().copied().find(actor)?;
                let mut all: Vec<&Mention> = roles.to_vec();
                all.extend(owner_mentions.iter().copied().filter(|m| !actor(m)));
                all.sort_by_key(|m| m.span.start);
                let (first, last) = (owner_core[0], owner_core[owner_core.len() - 1]);
                Some(resolved(base, &all, span.start.min(first)..span.end.max(last + 1)))
            })
            .collect();
        if !owners.is_empty() {
            return Some(owners);
        }
        let conjuncts = t.conjuncts(head);
        let mut phrase: Vec<usize> = crate::pattern::phrase_tokens(t, head)
            .into_iter()
            .filter(|&k| k == head || !conjuncts.contains(&k))
            .collect();
        phrase.sort_unstable();
        let base = self.mentions_in(&phrase).into_iter().find(actor)?;
        let span = span.start.min(base.span.start)..span.end.max(base.span.end);
        Some(vec![resolved(base, roles, span)])
    }

    fn phrase_actors_of(&self, head: usize, appositions: bool) -> Vec<ResolvedActor> {
        let t = self.tree;
        let core = self.core(head, appositions);
        let mut named: Option<&Mention> = None;
        let mut country: Option<&Mention> = None;
        let mut agent: Option<&Mention> = None;
        // Further organisations the phrase names, whose codes go first ("an MSF Arnor
        // diplomat" is an NGO's); further roles ("military rulers") would only stack up.
        let mut more_agents: Vec<&Mention> = Vec::new();
        // The role a name set aside for its owner also names.
        let mut role_of_name: Option<String> = None;
        let mut seen: Vec<*const Mention> = Vec::new();
        // The mention on the head first, then the rest of the core from the head outward.
        let mut order = core.clone();
        order.sort_by_key(|&i| (i != head, i.abs_diff(head)));
        for &i in &order {
            let Some(m) = self.mention_of(i) else { continue };
            if seen.contains(&(m as *const _)) {
                continue;
            }
            seen.push(m as *const _);
            match &m.kind {
                MentionKind::Actor { code } if code.len() > 3 && named.is_none() => named = Some(m),
                MentionKind::Actor { .. } if country.is_none() => country = Some(m),
                MentionKind::Agent { .. } if agent.is_none() => agent = Some(m),
                MentionKind::Agent { code } if code.ends_with('~') => more_agents.push(m),
                _ => {}
            }
        }
        // "Arnor's Elrond", "Ithilen's minister Calimehtar": the owner named in the phrase says
        // whose the person is, over the person's own entry.
        let owner = core
            .iter()
            .copied()
            .filter(|&c| t.rel(c) == Rel::Nmod && t.sub(c) == Some("poss"))
            .filter_map(|c| self.mention_of(c))
            .find(|m| matches!(&m.kind, MentionKind::Actor { code } if code.len() == 3));
        if owner.is_some() {
            country = owner;
            // "Rwanda's Senate", "Ithilen's minister Calimehtar": a name belonging to
            // another state than the owner says is read as the role it also names.
            let own_state = |m: &Mention| code_of_kind(&m.kind).get(..3) == owner.map(|o| code_of_kind(&o.kind));
            if let Some(n) = named.filter(|n| !own_state(n)) {
                if agent.is_none() && n.role.is_some() {
                    role_of_name = n.role.clone();
                }
                named = None;
            }
        }
        let span = core.first().copied().unwrap_or(head)..core.last().copied().unwrap_or(head) + 1;
        let entries = |ms: &[Option<&Mention>]| ms.iter().flatten().map(|m| m.entry.clone()).collect::<Vec<_>>();
        let code_of = |m: &Mention| match &m.kind {
            MentionKind::Actor { code } | MentionKind::Agent { code } => code.clone(),
        };
        let roles: Vec<&Mention> =
            self.mentions_in(&core).into_iter().filter(|m| matches!(m.kind, MentionKind::Agent { .. })).collect();
        if roles.iter().any(|m| m.stacks) && role_of_name.is_none() {
            if let Some(found) = self.stacked_roles(head, span.clone(), named.or(country), &roles) {
                return found;
            }
        }
        if let Some(n) = named {
            let code = code_of(n);
            return vec![ResolvedActor { code, span, entries: entries(&[named, agent]) }];
        }
        if let (Some(c), None, Some(role)) = (country, agent, &role_of_name) {
            return vec![ResolvedActor { code: compose(role, Some(&code_of(c))), span, entries: entries(&[country]) }];
        }
        match (country, agent) {
            (Some(c), Some(a)) => {
                let mut code = compose(&code_of(a), Some(&code_of(c)));
                let mut entries = entries(&[country, agent]);
                for m in &more_agents {
                    let more = code_of(m);
                    // A role the code already has is not added again.
                    if !code.get(3..).unwrap_or("").contains(more.trim_matches('~')) {
                        code = compose(&more, Some(&code));
                        entries.push(m.entry.clone());
                    }
                }
                vec![ResolvedActor { code, span, entries }]
            }
            (Some(c), None) => vec![ResolvedActor { code: code_of(c), span, entries: entries(&[country]) }],
            (None, Some(a)) => {
                // "the ambassadors of Arnor and Gondor": the role takes each owner's country.
                let owners: Vec<ResolvedActor> = t
                    .children(head)
                    .filter(|&c| t.rel(c) == Rel::Nmod && matches!(t.case_of(c), Some("of" | "from" | "in")))
                    .flat_map(|c| self.actors(c))
                    .collect();
                if owners.is_empty() {
                    return vec![ResolvedActor { code: compose(&code_of(a), None), span, entries: entries(&[agent]) }];
                }
                owners
                    .into_iter()
                    .map(|o| {
                        let country = o.code.get(..3).unwrap_or(&o.code).to_string();
                        let mut entries = o.entries;
                        entries.push(a.entry.clone());
                        ResolvedActor {
                            code: compose(&code_of(a), Some(&country)),
                            span: span.start.min(o.span.start)..span.end.max(o.span.end),
                            entries,
                        }
                    })
                    .collect()
            }
            // "Mediators from Qatar and Egypt", "thousands of Kenyans": people (a plural noun)
            // named by where they come from or what they are; "support from Moscow" names no one.
            (None, None) if t.upos(head) == Upos::Noun && plural(&t.sentence.tokens[head]) => t
                .children(head)
                .filter(|&c| t.rel(c) == Rel::Nmod && matches!(t.case_of(c), Some("from" | "of")))
                .flat_map(|c| self.actors(c))
                .map(|o| ResolvedActor { span: span.start.min(o.span.start)..span.end.max(o.span.end), ..o })
                .collect(),
            (None, None) => Vec::new(),
        }
    }
}

/// Adds the roles of role nouns to a code as PETRARCH does: each in turn, unless the code
/// already has it, the catch-all `~PPL` only when it is the one role; `NGO~` roles go first.
pub fn stack_roles(base: &str, roles: &[&Mention]) -> String {
    let mut code = base.to_string();
    for m in roles {
        let role = code_of_kind(&m.kind);
        if role == "~PPL" && roles.len() > 1 {
            continue;
        }
        let bare = role.trim_matches('~');
        if !code.get(3..).unwrap_or("").contains(bare) {
            code = compose(role, Some(&code));
        }
    }
    code
}

fn code_of_kind(kind: &MentionKind) -> &str {
    match kind {
        MentionKind::Actor { code } | MentionKind::Agent { code } => code,
    }
}

/// A plural noun, by its Penn tag or its features (CoNLL-U from other tools may lack either).
fn plural(token: &dyad_core::Token) -> bool {
    token.xpos == "NNS" || token.feats.split('|').any(|f| f == "Number=Plur")
}
