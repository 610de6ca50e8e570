//! Compiled dictionaries as the coder uses them: actor and agent phrases indexed by their
//! first token, verbs by lemma and inflected form with their patterns, discard phrases.
//! [`petrarch`] reads the PETRARCH/TABARI formats into these.

mod binding;
pub mod check;
pub mod dyad;
pub mod export;
pub mod petrarch;

use crate::actors::{Mention, MentionKind, MentionSource};
use crate::pattern::{word_key, PPattern};
use crate::tree::Tree;
use chrono::NaiveDate;
use std::collections::HashMap;
use std::fmt;

/// A problem in a dictionary file; the rest of the file still loads.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Diagnostic {
    pub file: String,
    pub line: usize,
    pub message: String,
}

impl fmt::Display for Diagnostic {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}:{}: {}", self.file, self.line, self.message)
    }
}

/// An actor code valid over a date range (inclusive; open ends are `None`).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct DatedCode {
    pub code: String,
    pub from: Option<NaiveDate>,
    pub until: Option<NaiveDate>,
}

/// A named actor: its codes, the first undated one being the fallback.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ActorEntry {
    pub name: String,
    pub codes: Vec<DatedCode>,
    /// `file:line`, for explanations.
    pub origin: String,
}

impl ActorEntry {
    /// The code on a date: the dated code covering it, else the undated fallback. With no
    /// undated code, a date outside every range gives none (PETRARCH's empty code: the phrase
    /// names no one then, and "the US commander, General X" is coded from its other words),
    /// and an unknown date the last code listed.
    pub fn code_on(&self, date: Option<NaiveDate>) -> Option<&str> {
        if let Some(d) = date {
            let dated = self.codes.iter().find(|c| {
                (c.from.is_some() || c.until.is_some())
                    && c.from.is_none_or(|f| f <= d)
                    && c.until.is_none_or(|u| d <= u)
            });
            if let Some(c) = dated {
                return Some(&c.code);
            }
        }
        let undated = self.codes.iter().find(|c| c.from.is_none() && c.until.is_none());
        match date {
            Some(_) => undated,
            None => undated.or(self.codes.last()),
        }
        .map(|c| c.code.as_str())
    }
}

/// Phrases of one or more lowercase tokens mapped to values, longest match first.
///
/// Phrases are filed under their first word's [`word_key`] and carry every word's key, so a
/// lookup compares integers and only the phrase that matches is checked word by word.
#[derive(Clone, Debug)]
pub struct PhraseIndex<T> {
    by_first: rustc_hash::FxHashMap<u64, Vec<Phrase>>,
    pub values: Vec<T>,
    /// Phrases listed again for another value: (phrase, first value, ignored value).
    pub duplicates: Vec<(String, usize, usize)>,
}

#[derive(Clone, Debug)]
struct Phrase {
    words: Vec<String>,
    keys: Box<[u64]>,
    value: usize,
}

impl<T> Default for PhraseIndex<T> {
    fn default() -> Self {
        PhraseIndex { by_first: Default::default(), values: Vec::new(), duplicates: Vec::new() }
    }
}

impl<T> PhraseIndex<T> {
    pub fn push(&mut self, value: T) -> usize {
        self.values.push(value);
        self.values.len() - 1
    }

    /// Adds a phrase (tokens already lowercased) for value `v`.
    pub fn add(&mut self, phrase: Vec<String>, v: usize) {
        self.insert(phrase, v, false);
    }

    /// Adds a phrase, a later entry replacing an earlier one with the same phrase (PETRARCH's
    /// actor dictionaries rely on this: "President Bush" is listed for both Bushes, and the
    /// later entry is the one in force).
    pub fn add_replacing(&mut self, phrase: Vec<String>, v: usize) {
        self.insert(phrase, v, true);
    }

    fn insert(&mut self, phrase: Vec<String>, v: usize, replace: bool) {
        let Some(first) = phrase.first() else { return };
        let list = self.by_first.entry(word_key(first)).or_default();
        match list.iter_mut().find(|p| p.words == phrase) {
            Some(p) if replace => p.value = v,
            Some(p) if p.value != v => self.duplicates.push((phrase.join(" "), p.value, v)),
            Some(_) => {}
            None => {
                let keys = phrase.iter().map(|w| word_key(w)).collect();
                list.push(Phrase { words: phrase, keys, value: v });
                list.sort_by_key(|p| std::cmp::Reverse(p.words.len()));
            }
        }
    }

    /// The longest phrase starting at token `i` of `words`.
    pub fn longest_at(&self, words: &[String], i: usize) -> Option<(usize, &T)> {
        // Only the words from `i` on can be part of the phrase.
        let from = words.get(i..)?;
        let keys: Vec<u64> = from.iter().map(|w| word_key(w)).collect();
        self.longest_at_keyed(from, &keys, 0)
    }

    /// [`PhraseIndex::longest_at`] given the [`word_key`] of each word, as a
    /// [`Tree`] keeps them.
    pub fn longest_at_keyed(&self, words: &[String], keys: &[u64], i: usize) -> Option<(usize, &T)> {
        let list = self.by_first.get(keys.get(i)?)?;
        let keys = &keys[i..];
        list.iter()
            .find(|p| {
                // Element by element: phrases are a few words, too short for `memcmp` to pay.
                p.keys.len() <= keys.len()
                    && p.keys.iter().zip(keys).all(|(a, b)| a == b)
                    && words.get(i..i + p.words.len()).is_some_and(|w| *w == p.words[..])
            })
            .map(|p| (p.words.len(), &self.values[p.value]))
    }

    /// Every phrase with its value, in no particular order.
    pub fn iter(&self) -> impl Iterator<Item = (&[String], usize)> {
        self.by_first.values().flatten().map(|p| (p.words.as_slice(), p.value))
    }

    pub fn phrases(&self) -> usize {
        self.by_first.values().map(Vec::len).sum()
    }
}

/// An agent (role noun) entry.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct AgentEntry {
    pub name: String,
    /// `~GOV` (appended to the actor's code) or `GOV~` (put before it).
    pub code: String,
    pub origin: String,
    /// Whether the role adds to every other role and name of its phrase, as PETRARCH composes
    /// codes ("UN troops" IGOUNOMIL, "exiled leaders of Egypt's Muslim Brotherhood"
    /// EGYOPPMUS); dyad's own agents give a phrase one role.
    pub stacks: bool,
}

/// A verb entry: the verb word, particles around it, its code and its block's patterns.
#[derive(Clone, Debug)]
pub struct VerbEntry {
    pub name: String,
    /// Words that must precede / follow the verb (phrasal verbs: `ask for`, `wire tap`).
    pub before: Vec<String>,
    pub after: Vec<String>,
    /// The entry's code (its own, else its block's); `None` for `---`.
    pub code: Option<(String, Option<String>)>,
    pub block: usize,
    pub origin: String,
}

/// `[future]`: an event announced for the future ("will meet", "is ready to resume") is an
/// intent, and one refused for it ("will not attend") a rejection, of the matching kind.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct FutureCode {
    pub negated: bool,
    /// The CAMEO code, or a prefix of it, of the event announced.
    pub prefix: String,
    pub code: String,
}

impl Lexicon {
    /// The code a future event takes: the entry with the longest prefix of its code.
    pub fn future_code(&self, code: &str, negated: bool) -> Option<&str> {
        self.future
            .iter()
            .filter(|f| f.negated == negated && code.starts_with(f.prefix.as_str()))
            .max_by_key(|f| f.prefix.len())
            .map(|f| f.code.as_str())
    }
}

/// Where a sentence or story is discarded.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum DiscardScope {
    Sentence,
    Story,
}

/// All the dictionaries one coding run uses.
#[derive(Debug, Default)]
pub struct Lexicon {
    pub actors: PhraseIndex<ActorEntry>,
    pub agents: PhraseIndex<AgentEntry>,
    /// Verb entries by verb word (base form and listed inflections), lowercase.
    pub verbs: rustc_hash::FxHashMap<String, Vec<usize>>,
    pub verb_entries: Vec<VerbEntry>,
    /// Patterns of each verb block.
    pub blocks: Vec<Vec<PPattern>>,
    /// Pattern indexes per block, built by [`Lexicon::finish`] once loading is done.
    pub block_index: Vec<crate::pattern::BlockIndex>,
    pub discards: PhraseIndex<DiscardScope>,
    /// Bare years listed as discards (PETRARCH's "1994"): they discard a sentence or story
    /// that mentions the year only when it lies before the story's own year, a reference to
    /// history; news naming its own year ("the 2008 Games" in 2008) is coded.
    pub discard_years: Vec<(i32, DiscardScope)>,
    /// Event nouns with their codes and `file:line` ("talks", "summit").
    pub nouns: PhraseIndex<((String, Option<String>), String)>,
    /// One-word actor names written in capitals (`US`, `WHO`): they match only capitalised
    /// tokens, so the pronouns "us" and "who" stay pronouns.
    pub acronyms: std::collections::HashSet<String>,
    /// Names written with a capital in dyad's dictionaries ("Turkey", "Chad", "Nice"): they
    /// match only text that is capitalised too, so the bird and the verb stay common words.
    pub proper: std::collections::HashSet<String>,
    /// Synonym sets of dyad's format, by `&name`.
    pub sets: HashMap<String, Vec<String>>,
    /// Rules combining an event with one reported inside it, in dictionary order.
    pub transformations: Vec<crate::transform::Transformation>,
    /// The code of a negated event ("did not sign" 057 -> 170), from a PETRARCH coding
    /// ontology (PICO) file; codes without an entry stay as they are, flagged negated.
    pub negations: HashMap<String, String>,
    /// Codes as PICO values and back, for composing a verb with the event it governs
    /// ("seek" 0x3000 + "deepen cooperation" 0x0070 = 0x3070, intent to cooperate).
    pub pico: HashMap<String, i64>,
    pub pico_codes: HashMap<i64, String>,
    /// What an event announced for the future becomes (dyad's `[future]` section).
    pub future: Vec<FutureCode>,
    pub diagnostics: Vec<Diagnostic>,
}

/// Actor and agent look-ups on one document's date.
pub struct DatedMentions<'a> {
    pub lexicon: &'a Lexicon,
    pub date: Option<NaiveDate>,
}

impl MentionSource for DatedMentions<'_> {
    fn mention_at(&self, tree: &Tree<'_>, i: usize) -> Option<Mention> {
        let actor = self.lexicon.actors.longest_at_keyed(&tree.lower, &tree.lower_key, i).filter(|(n, _)| {
            let form = &tree.sentence.tokens[i].form;
            let acronym_ok =
                *n > 1 || !self.lexicon.acronyms.contains(&tree.lower[i]) || !form.chars().any(|c| c.is_lowercase());
            let capital_ok = form.starts_with(|c: char| !c.is_lowercase())
                || self.lexicon.proper.is_empty()
                || !self.lexicon.proper.contains(&tree.lower[i..i + n].join(" "));
            acronym_ok && capital_ok
        });
        let agent = self.lexicon.agents.longest_at_keyed(&tree.lower, &tree.lower_key, i);
        // Agents may be written in the singular and matched by lemma ("ministers").
        let agent = agent.or_else(|| self.lexicon.agents.longest_at_keyed(&tree.lemma, &tree.lemma_key, i));
        match (actor, agent) {
            (Some((n, a)), g) if g.is_none_or(|(m, _)| n >= m) => {
                let code = a.code_on(self.date)?.to_string();
                Some(Mention {
                    span: i..i + n,
                    kind: MentionKind::Actor { code },
                    entry: format!("{} {}", a.origin, a.name),
                    role: g.filter(|(m, _)| *m == n).map(|(_, g)| g.code.clone()),
                    stacks: false,
                })
            }
            (_, Some((n, g))) => Some(Mention {
                span: i..i + n,
                kind: MentionKind::Agent { code: g.code.clone() },
                entry: format!("{} {}", g.origin, g.name),
                role: None,
                stacks: g.stacks,
            }),
            _ => None,
        }
    }
}

impl Lexicon {
    /// As [`Lexicon::discard_keyed`], with the bare-year discards for a story of `date`.
    pub fn discard_on(&self, words: &[String], keys: &[u64], date: Option<chrono::NaiveDate>) -> Option<DiscardScope> {
        strongest(self.discard_hits(words, keys, date).iter().map(|(_, scope)| *scope))
    }

    /// Every discard phrase in the sentence, with the tokens it covers: dictionary phrases,
    /// and bare years ("1994") earlier than the story's `date`, a reference to history,
    /// which covers the whole sentence.
    pub fn discard_hits(
        &self,
        words: &[String],
        keys: &[u64],
        date: Option<chrono::NaiveDate>,
    ) -> Vec<(std::ops::Range<usize>, DiscardScope)> {
        use chrono::Datelike;
        let mut out = Vec::new();
        for i in 0..words.len() {
            if let Some((n, scope)) = self.discards.longest_at_keyed(words, keys, i) {
                out.push((i..i + n, *scope));
            }
        }
        let Some(story_year) = date.map(|d| d.year()) else { return out };
        if self.discard_years.is_empty() {
            return out;
        }
        for w in words.iter().filter(|w| w.len() == 4 && w.bytes().all(|b| b.is_ascii_digit())) {
            let Ok(year) = w.parse::<i32>() else { continue };
            if year < story_year {
                let hits = self.discard_years.iter().filter(|(y, _)| *y == year);
                out.extend(hits.map(|&(_, scope)| (0..words.len(), scope)));
            }
        }
        out
    }

    /// Whether a discard phrase occurs in the sentence: `Some(Story)` drops the whole story.
    pub fn discard(&self, words: &[String]) -> Option<DiscardScope> {
        let keys: Vec<u64> = words.iter().map(|w| word_key(w)).collect();
        self.discard_keyed(words, &keys)
    }

    /// [`Lexicon::discard`] given the [`word_key`] of each word.
    pub fn discard_keyed(&self, words: &[String], keys: &[u64]) -> Option<DiscardScope> {
        strongest(self.discard_hits(words, keys, None).iter().map(|(_, scope)| *scope))
    }
}

/// The widest of some discard scopes.
fn strongest(scopes: impl Iterator<Item = DiscardScope>) -> Option<DiscardScope> {
    scopes.fold(None, |found, s| if s == DiscardScope::Story || found.is_none() { Some(s) } else { found })
}

/// dyad's own dictionaries, embedded in the binary (`crates/dyad-code/dict/`). Sets come
/// first because verb patterns refer to them.
pub const DEFAULT_FILES: &[(&str, &str)] = &[
    ("verbs.txt", include_str!("../../dict/verbs.txt")),
    ("agents.txt", include_str!("../../dict/agents.txt")),
    ("discards.txt", include_str!("../../dict/discards.txt")),
    ("leaders.txt", include_str!("../../dict/leaders.txt")),
    ("leaders-europe.txt", include_str!("../../dict/leaders-europe.txt")),
    ("leaders-africa.txt", include_str!("../../dict/leaders-africa.txt")),
    ("leaders-americas.txt", include_str!("../../dict/leaders-americas.txt")),
    ("leaders-asia-pacific.txt", include_str!("../../dict/leaders-asia-pacific.txt")),
    ("countries.txt", include_str!("../../dict/countries.txt")),
    ("organizations.txt", include_str!("../../dict/organizations.txt")),
    ("future.txt", include_str!("../../dict/future.txt")),
];

impl Lexicon {
    /// Reads dictionaries in dyad's format, in order.
    pub fn from_dyad_files(files: &[(&str, &str)]) -> Lexicon {
        let mut lex = Lexicon::default();
        for (name, text) in files {
            dyad::read(text, name, &mut lex);
        }
        lex.finish();
        lex
    }

    /// Builds the look-up indexes after the last file is read; until then patterns are
    /// searched one by one.
    pub fn finish(&mut self) {
        self.block_index = self.blocks.iter().map(|b| crate::pattern::BlockIndex::new(b)).collect();
    }

    /// The embedded default dictionaries, compiled once.
    pub fn embedded() -> &'static Lexicon {
        static LEXICON: std::sync::OnceLock<Lexicon> = std::sync::OnceLock::new();
        LEXICON.get_or_init(|| Lexicon::from_dyad_files(DEFAULT_FILES))
    }
}
