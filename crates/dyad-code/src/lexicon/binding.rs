//! The coder's view of a [`Lexicon`]: verb look-up with particles and patterns, actor and
//! agent mentions on the document's date, discards.

use super::{DatedMentions, DiscardScope, Lexicon};
use crate::actors::MentionSource;
use crate::dependency::{Dictionary, Discard, Discards, VerbLexicon, VerbMatch};
use crate::frame::Frame;
use crate::pattern;
use crate::tree::Tree;
use dyad_core::Rel;

impl VerbLexicon for Lexicon {
    fn transformations(&self) -> &[crate::transform::Transformation] {
        &self.transformations
    }

    fn negation(&self, code: &str) -> Option<&str> {
        self.negations.get(code).map(String::as_str)
    }

    fn compose<'a>(&'a self, outer: &str, inner: &'a str) -> Option<&'a str> {
        Lexicon::compose(self, outer, inner)
    }

    fn future(&self, code: &str, negated: bool) -> Option<&str> {
        self.future_code(code, negated)
    }

    fn match_verb(&self, tree: &Tree<'_>, v: usize, _frame: &Frame) -> Option<VerbMatch> {
        let mut candidates: Vec<usize> = Vec::new();
        let mut keys = vec![tree.lemma[v].clone(), tree.lower[v].clone()];
        // A given parse's lemma may be wrong ("welcomed" -> "welcom"): try the form's regular
        // base forms too.
        if candidates_for(self, &keys).is_empty() {
            keys.extend(base_forms(&tree.lower[v]));
        }
        for key in &keys {
            for &k in self.verbs.get(key.as_str()).into_iter().flatten() {
                if !candidates.contains(&k) {
                    candidates.push(k);
                }
            }
        }
        // Phrasal entries whose particles are present beat the bare verb; then an entry for
        // the very form in the text ("LEFT" beside "LEAVE") beats one for its lemma; then
        // the earlier entry.
        let deps_after = std::cell::OnceCell::new();
        let Some(entry) = candidates
            .iter()
            .map(|&k| &self.verb_entries[k])
            .filter(|e| particles_present(tree, v, &e.before, &e.after, &deps_after))
            .max_by_key(|e| {
                let exact = e.name.eq_ignore_ascii_case(&tree.lower[v]);
                (e.before.len() + e.after.len(), exact, std::cmp::Reverse(e.block))
            })
        else {
            return self.event_noun_object(tree, v);
        };
        let patterns = &self.blocks[entry.block];
        let found = match self.block_index.get(entry.block) {
            Some(index) => pattern::best_indexed(tree, v, patterns, index),
            None => pattern::best(tree, v, patterns.iter()),
        };
        if let Some((p, hit)) = found {
            let code = p.code.clone()?;
            return Some(VerbMatch {
                code,
                reverse: p.reverse.clone(),
                source_node: hit.source,
                target_node: hit.target,
                pattern: p.raw.clone(),
                entry: p.entry.clone(),
                notes: vec![format!("verb entry {} ({})", entry.name, entry.origin)],
                consumed: hit.consumed,
            });
        }
        let Some((code, reverse)) = entry.code.clone() else { return self.event_noun_object(tree, v) };
        Some(VerbMatch {
            code,
            reverse,
            pattern: format!("{} *", entry.name),
            entry: entry.origin.clone(),
            ..VerbMatch::default()
        })
    }
}

impl Lexicon {
    /// The code of a verbal event (appeal, intend, demand, threaten ...: a PICO value with
    /// only its first hex digit) governing a material one (first digit zero): their values
    /// add up ("ask" 0x2000 + "help" 0x0040 = 0x2040, appeal for aid), to the nearest code
    /// with low digits cleared. An event governing another of its kind is that one, as
    /// PETRARCH combines them: "wants to investigate" (0x3000, 0xA000) is an investigation,
    /// "agreed to lift the sanctions" (0x0080, 0x0205) the easing of sanctions.
    pub fn compose<'a>(&'a self, outer: &str, inner: &'a str) -> Option<&'a str> {
        let (&o, &i) = (self.pico.get(outer)?, self.pico.get(inner)?);
        // Verbal over verbal ("wants to investigate"), and a material category over a
        // material event ("agreed to lift the sanctions"): the event agreed to, wanted, ... is
        // the one that happens.
        let verbal = |v: i64| v & 0xF000 != 0;
        let material_category = (0..=0xFFFF).contains(&o) && !verbal(o) && o & 0x000F == 0;
        if i != 0 && ((verbal(o) && verbal(i)) || (material_category && (0..=0xFFFF).contains(&i) && !verbal(i))) {
            return Some(inner);
        }
        if o & 0xF000 == 0 || o & 0x0FFF != 0 || i & 0xF000 != 0 || i == 0 {
            return None;
        }
        let sum = o + i;
        [0, 0xF, 0xFF].iter().find_map(|&mask| {
            let want = sum & !mask;
            (want != o).then(|| self.pico_codes.get(&want)).flatten().map(String::as_str)
        })
    }

    /// A light verb whose object is an event noun ("held talks", "imposed sanctions") takes
    /// the noun's code.
    fn event_noun_object(&self, tree: &Tree<'_>, v: usize) -> Option<VerbMatch> {
        for c in tree.children(v).filter(|&c| matches!(tree.rel(c), Rel::Obj)) {
            // The noun phrase may start with modifiers ("peace talks"): try from each
            // compound/amod before the head, then the head itself.
            let start = tree
                .children(c)
                .filter(|&m| m < c && matches!(tree.rel(m), Rel::Compound | Rel::Amod))
                .min()
                .unwrap_or(c);
            for i in start..=c {
                let hit = self
                    .nouns
                    .longest_at_keyed(&tree.lemma, &tree.lemma_key, i)
                    .or_else(|| self.nouns.longest_at_keyed(&tree.lower, &tree.lower_key, i));
                if let Some((n, ((code, reverse), origin))) = hit {
                    if i + n > c {
                        return Some(VerbMatch {
                            code: code.clone(),
                            reverse: reverse.clone(),
                            pattern: format!("{} + event noun {}", tree.lemma[v], tree.lower[i..i + n].join(" ")),
                            entry: origin.clone(),
                            ..VerbMatch::default()
                        });
                    }
                }
            }
        }
        None
    }
}

fn candidates_for(lex: &Lexicon, keys: &[String]) -> Vec<usize> {
    keys.iter().filter_map(|k| lex.verbs.get(k.as_str())).flatten().copied().collect()
}

/// Regular English base forms a verb form may come from: `welcomed` -> `welcome`/`welcom`,
/// `stopped` -> `stop`, `carries` -> `carry`, `firing` -> `fire`/`fir`.
pub fn base_forms(form: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut push = |s: String| {
        if s.len() > 1 && !out.contains(&s) {
            out.push(s);
        }
    };
    for suffix in ["ed", "ing", "es", "s"] {
        if let Some(stem) = form.strip_suffix(suffix) {
            push(stem.to_string());
            push(format!("{stem}e"));
            let b = stem.as_bytes();
            if b.len() >= 2 && b[b.len() - 1] == b[b.len() - 2] {
                push(stem[..stem.len() - 1].to_string());
            }
            if let Some(y) = stem.strip_suffix('i') {
                push(format!("{y}y"));
            }
        }
    }
    if let Some(stem) = form.strip_suffix('d') {
        push(stem.to_string());
    }
    out
}

/// Whether a phrasal verb's other words are there: after the verb among its dependents
/// (particle, preposition of an oblique) or right next to it.
/// Whether a phrasal entry's particles are near the verb: words before it within three
/// tokens, words after it among its first dependents' tokens, its compounds, or the next two
/// tokens. `deps_after` is the verb's [`pattern::after_tokens`], computed once per verb.
fn particles_present(
    tree: &Tree<'_>,
    v: usize,
    before: &[String],
    after: &[String],
    deps_after: &std::cell::OnceCell<Vec<usize>>,
) -> bool {
    if before.is_empty() && after.is_empty() {
        return true;
    }
    let near = |w: &String, range: std::ops::Range<usize>| {
        range.into_iter().any(|t| tree.lower[t] == *w || tree.lemma[t] == *w)
    };
    let after_ok = after.iter().all(|w| {
        deps_after.get_or_init(|| pattern::after_tokens(tree, v)).iter().take(4).any(|&t| tree.lower[t] == *w)
            || tree.children(v).any(|c| tree.rel(c) == Rel::Compound && tree.lower[c] == *w)
            || near(w, v + 1..(v + 3).min(tree.len()))
    });
    after_ok && before.iter().all(|w| near(w, v.saturating_sub(3)..v))
}

impl Discards for Lexicon {
    fn discard(&self, tree: &Tree<'_>, date: Option<chrono::NaiveDate>) -> Vec<Discard> {
        self.discard_hits(&tree.lower, &tree.lower_key, date)
            .into_iter()
            .map(|(span, scope)| match scope {
                DiscardScope::Story => Discard::Story,
                DiscardScope::Sentence => Discard::Clause(span),
            })
            .collect()
    }
}

impl Dictionary for Lexicon {
    fn verbs(&self) -> &dyn VerbLexicon {
        self
    }

    fn mentions(&self, date: Option<chrono::NaiveDate>) -> Box<dyn MentionSource + '_> {
        Box::new(DatedMentions { lexicon: self, date })
    }

    fn discards(&self) -> &dyn Discards {
        self
    }
}
