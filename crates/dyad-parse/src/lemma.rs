//! Lemmatizer learned from a treebank's lemma column: a form→lemma lexicon by tag, then
//! suffix-rewrite rules by tag for unseen forms. Also the morphological-feature lexicon.

use std::collections::HashMap;

use crate::hash;
use crate::perceptron::{put_str, put_u32, put_var, IdMap, Reader};

/// Rewrites the end of a form: remove `cut` characters, append `add`.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
struct Rule {
    cut: u8,
    add: String,
}

#[derive(Default)]
pub struct Lemmatizer {
    /// (form hash, tag) → lemma; exact-case form first, then the lowercase form.
    lexicon: IdMap<String>,
    /// (tag, suffix hash of length k) → rule; k = 0 is the tag's default.
    rules: IdMap<(u8, u16)>,
    rule_table: Vec<Rule>,
    /// Tags whose lemmas keep the form's case (proper nouns).
    keep_case: Vec<bool>,
    /// (lowercase form hash, tag) → feats id; tag → feats id.
    feats_lex: IdMap<u16>,
    feats_tag: Vec<u16>,
    pub feats_table: Vec<String>,
    /// Lowercase form hash → ambiguity class (hash of the word's tag set), for the tagger.
    pub amb: IdMap<u64>,
    /// Hashes of every lemma in `lexicon`: the words known to be lemmas (derived, not saved).
    known: std::collections::HashSet<u64, std::hash::BuildHasherDefault<crate::perceptron::IdHasher>>,
}

const MAX_SUF: usize = 6;

fn key(h: u64, tag: u16) -> u64 {
    hash::finish(hash::mix(h, tag as u64 + 1))
}

/// The rule key of the last `k` characters of a form, `suffix`, with a tag.
fn suffix_key(tag: u16, suffix: impl Iterator<Item = char>, k: usize) -> u64 {
    let mut h = 0x1234_5678u64;
    for c in suffix {
        h = hash::mix(h, c as u64);
    }
    hash::finish(hash::mix(hash::mix(h, k as u64), tag as u64 + 7))
}

fn rule_of(form: &[char], lemma: &str) -> Rule {
    let lc: Vec<char> = lemma.chars().collect();
    let common = form.iter().zip(&lc).take_while(|(a, b)| a == b).count();
    Rule { cut: (form.len() - common).min(255) as u8, add: lc[common..].iter().collect() }
}

impl Lemmatizer {
    /// Learns from (form, tag, lemma, feats) examples. `propn[tag]` says the tag keeps case.
    pub fn learn<'a>(
        examples: impl Iterator<Item = (&'a str, u16, &'a str, &'a str)>,
        n_tags: usize,
        propn: &[bool],
    ) -> Self {
        let mut lex_counts: HashMap<(u64, String), u32> = HashMap::new();
        let mut rule_counts: HashMap<(u64, Rule), u32> = HashMap::new();
        let mut feat_counts: HashMap<(u64, String), u32> = HashMap::new();
        let mut feat_tag_counts: HashMap<(u16, String), u32> = HashMap::new();
        for (form, tag, lemma, feats) in examples {
            let lower = form.to_lowercase();
            *lex_counts.entry((key(hash::bytes(form.as_bytes()), tag), lemma.to_string())).or_default() += 1;
            *lex_counts.entry((key(hash::bytes(lower.as_bytes()) ^ 1, tag), lemma.to_string())).or_default() += 1;
            let keep = propn.get(tag as usize).copied().unwrap_or(false);
            let norm: Vec<char> = if keep { form.chars().collect() } else { lower.chars().collect() };
            let rule = rule_of(&norm, lemma);
            for k in 0..=MAX_SUF.min(norm.len()) {
                *rule_counts
                    .entry((suffix_key(tag, norm[norm.len() - k..].iter().copied(), k), rule.clone()))
                    .or_default() += 1;
            }
            *feat_counts.entry((key(hash::bytes(lower.as_bytes()), tag), feats.to_string())).or_default() += 1;
            *feat_tag_counts.entry((tag, feats.to_string())).or_default() += 1;
        }
        let mut l = Lemmatizer { keep_case: propn.to_vec(), ..Default::default() };
        let mut best: IdMap<(u32, String)> = IdMap::default();
        for ((k, lemma), c) in lex_counts {
            let e = best.entry(k).or_insert((0, String::new()));
            if c > e.0 || (c == e.0 && lemma < e.1) {
                *e = (c, lemma);
            }
        }
        l.lexicon = best.into_iter().map(|(k, (_, s))| (k, s)).collect();
        l.index_known();
        let mut best_rule: IdMap<(u32, Rule)> = IdMap::default();
        for ((k, rule), c) in rule_counts {
            let e = best_rule.entry(k).or_insert((0, Rule { cut: 0, add: String::new() }));
            if c > e.0 || (c == e.0 && (rule.cut, &rule.add) < (e.1.cut, &e.1.add)) {
                *e = (c, rule);
            }
        }
        let mut rule_ids: HashMap<Rule, u16> = HashMap::new();
        let mut entries: Vec<(u64, (u32, Rule))> = best_rule.into_iter().collect();
        entries.sort_by_key(|e| e.0);
        for (k, (c, rule)) in entries {
            let n = rule_ids.len() as u16;
            let id = *rule_ids.entry(rule.clone()).or_insert(n);
            if id == n {
                l.rule_table.push(rule);
            }
            l.rules.insert(k, (c.min(255) as u8, id));
        }
        let mut feat_ids: HashMap<String, u16> = HashMap::new();
        let mut intern = |s: String, table: &mut Vec<String>| -> u16 {
            let n = feat_ids.len() as u16;
            let id = *feat_ids.entry(s.clone()).or_insert(n);
            if id == n {
                table.push(s);
            }
            id
        };
        let mut best_feat: IdMap<(u32, String)> = IdMap::default();
        for ((k, f), c) in feat_counts {
            let e = best_feat.entry(k).or_insert((0, String::new()));
            if c > e.0 || (c == e.0 && f < e.1) {
                *e = (c, f);
            }
        }
        let mut bf: Vec<(u64, (u32, String))> = best_feat.into_iter().collect();
        bf.sort_by_key(|e| e.0);
        for (k, (_, f)) in bf {
            let id = intern(f, &mut l.feats_table);
            l.feats_lex.insert(k, id);
        }
        let mut per_tag: Vec<(u32, String)> = vec![(0, String::new()); n_tags];
        for ((t, f), c) in feat_tag_counts {
            let e = &mut per_tag[t as usize];
            if c > e.0 || (c == e.0 && f < e.1) {
                *e = (c, f);
            }
        }
        l.feats_tag = per_tag.into_iter().map(|(_, f)| intern(f, &mut l.feats_table)).collect();
        l
    }

    /// Fills `known` from the lexicon.
    fn index_known(&mut self) {
        self.known = self.lexicon.values().map(|l| hash::bytes(l.as_bytes())).collect();
    }

    /// The lemma of `form` with tag `tag`.
    pub fn lemma(&self, form: &str, tag: u16) -> String {
        let mut out = String::new();
        self.lemma_into(form, hash::bytes(form.as_bytes()), hash::lower(form), tag, &mut out);
        out
    }

    /// [`Lemmatizer::lemma`] written into `out`, given the hashes of the form and of its
    /// lowercase form (as in the tagger's `Lex`). A form in the lexicon allocates nothing
    /// beyond `out`'s growth (this runs for every token parsed); an unseen one builds its
    /// candidate lemmas in one scratch string.
    pub fn lemma_into(&self, form: &str, form_h: u64, lower_h: u64, tag: u16, out: &mut String) {
        out.clear();
        if let Some(l) = self.lexicon.get(&key(form_h, tag)).or_else(|| self.lexicon.get(&key(lower_h ^ 1, tag))) {
            out.push_str(l);
            return;
        }
        if self.keep_case.get(tag as usize).copied().unwrap_or(false) {
            out.push_str(form);
        } else {
            out.extend(form.chars().flat_map(char::to_lowercase));
        }
        // Byte offsets of the last MAX_SUF + 1 characters, from the end: `starts[k]` is where
        // the suffix of k characters begins.
        let mut starts = [out.len(); MAX_SUF + 1];
        let mut n = 0;
        for (k, (at, _)) in out.char_indices().rev().take(MAX_SUF).enumerate() {
            starts[k + 1] = at;
            n = k + 1;
        }
        let n_chars = if n < MAX_SUF { n } else { out.chars().count() };
        // The rules of the form's suffixes, longest suffix first, each as (keep, add): keep the
        // first `keep` bytes and append `add`. Suffixes mislead on unseen words ("postponed"
        // ends like "abandoned", "unrest" like "fastest"), so the first rule whose result is
        // a known lemma wins, then the form as it is if it is one, else the longest suffix's.
        let mut edits: [(usize, &str); MAX_SUF + 1] = [(0, ""); MAX_SUF + 1];
        let mut n_edits = 0;
        for k in (0..=n).rev() {
            let Some(&(_, id)) = self.rules.get(&suffix_key(tag, out[starts[k]..].chars(), k)) else { continue };
            let r = &self.rule_table[id as usize];
            let cut = r.cut as usize;
            if cut < n_chars || (cut == n_chars && !r.add.is_empty()) {
                let keep = match cut {
                    0 => out.len(),
                    c if c <= MAX_SUF => starts[c],
                    c => out.char_indices().rev().nth(c - 1).map_or(0, |(at, _)| at),
                };
                edits[n_edits] = (keep, &r.add);
                n_edits += 1;
            }
        }
        let edits = &edits[..n_edits];
        let mut candidate = String::new();
        let known = edits.iter().copied().find(|&(keep, add)| {
            candidate.clear();
            candidate.push_str(&out[..keep]);
            candidate.push_str(add);
            self.known.contains(&hash::bytes(candidate.as_bytes()))
        });
        let chosen = match known {
            Some(e) => Some(e),
            None if self.known.contains(&hash::bytes(out.as_bytes())) => None,
            None => edits.first().copied(),
        };
        if let Some((keep, add)) = chosen {
            out.truncate(keep);
            out.push_str(add);
        }
    }

    /// The features most often seen with this form and tag, else with the tag.
    pub fn feats(&self, form_lower_hash: u64, tag: u16) -> &str {
        let id = match self.feats_lex.get(&key(form_lower_hash, tag)) {
            Some(id) => *id,
            None => self.feats_tag.get(tag as usize).copied().unwrap_or(0),
        };
        self.feats_table.get(id as usize).map_or("", |s| s.as_str())
    }

    pub fn write(&self, out: &mut Vec<u8>) {
        let mut lex: Vec<(&u64, &String)> = self.lexicon.iter().collect();
        lex.sort();
        put_u32(out, lex.len() as u32);
        for (k, v) in lex {
            out.extend_from_slice(&k.to_le_bytes());
            put_str(out, v);
        }
        put_u32(out, self.rule_table.len() as u32);
        for r in &self.rule_table {
            out.push(r.cut);
            put_str(out, &r.add);
        }
        let mut rules: Vec<(&u64, &(u8, u16))> = self.rules.iter().collect();
        rules.sort();
        put_u32(out, rules.len() as u32);
        for (k, (c, id)) in rules {
            out.extend_from_slice(&k.to_le_bytes());
            out.push(*c);
            put_var(out, *id as u64);
        }
        put_u32(out, self.keep_case.len() as u32);
        out.extend(self.keep_case.iter().map(|b| *b as u8));
        put_u32(out, self.feats_table.len() as u32);
        for f in &self.feats_table {
            put_str(out, f);
        }
        let mut fl: Vec<(&u64, &u16)> = self.feats_lex.iter().collect();
        fl.sort();
        put_u32(out, fl.len() as u32);
        for (k, v) in fl {
            out.extend_from_slice(&k.to_le_bytes());
            put_var(out, *v as u64);
        }
        put_u32(out, self.feats_tag.len() as u32);
        for v in &self.feats_tag {
            put_var(out, *v as u64);
        }
        let mut amb: Vec<(&u64, &u64)> = self.amb.iter().collect();
        amb.sort();
        put_u32(out, amb.len() as u32);
        for (k, v) in amb {
            out.extend_from_slice(&k.to_le_bytes());
            out.extend_from_slice(&v.to_le_bytes());
        }
    }

    pub fn read(r: &mut Reader) -> Option<Self> {
        let mut l = Lemmatizer::default();
        let u64_ = |r: &mut Reader| -> Option<u64> {
            let b = r.bytes(8)?;
            Some(u64::from_le_bytes(b.try_into().ok()?))
        };
        let n = r.u32()? as usize;
        for _ in 0..n {
            let k = u64_(r)?;
            l.lexicon.insert(k, r.str()?);
        }
        l.index_known();
        let n = r.u32()? as usize;
        for _ in 0..n {
            let cut = r.bytes(1)?[0];
            l.rule_table.push(Rule { cut, add: r.str()? });
        }
        let n = r.u32()? as usize;
        for _ in 0..n {
            let k = u64_(r)?;
            let c = r.bytes(1)?[0];
            let id = r.var()? as u16;
            if id as usize >= l.rule_table.len() {
                return None;
            }
            l.rules.insert(k, (c, id));
        }
        let n = r.u32()? as usize;
        l.keep_case = r.bytes(n)?.iter().map(|b| *b != 0).collect();
        let n = r.u32()? as usize;
        for _ in 0..n {
            l.feats_table.push(r.str()?);
        }
        let n = r.u32()? as usize;
        for _ in 0..n {
            let k = u64_(r)?;
            l.feats_lex.insert(k, r.var()? as u16);
        }
        let n = r.u32()? as usize;
        for _ in 0..n {
            l.feats_tag.push(r.var()? as u16);
        }
        let n = r.u32()? as usize;
        if n > r.remaining() {
            return None;
        }
        l.amb.reserve(n);
        for _ in 0..n {
            let k = u64_(r)?;
            l.amb.insert(k, u64_(r)?);
        }
        Some(l)
    }
}

#[cfg(test)]
mod tests {
    use super::Lemmatizer;

    fn learned() -> Lemmatizer {
        let examples = [
            ("walked", 0, "walk", "Tense=Past"),
            ("talked", 0, "talk", "Tense=Past"),
            ("stopped", 0, "stop", "Tense=Past"),
            ("planned", 0, "plan", "Tense=Past"),
            ("Paris", 1, "Paris", "Number=Sing"),
        ];
        Lemmatizer::learn(examples.into_iter(), 2, &[false, true])
    }

    #[test]
    fn seen_forms_come_from_the_lexicon_in_any_case() {
        let l = learned();
        assert_eq!(l.lemma("walked", 0), "walk");
        assert_eq!(l.lemma("Walked", 0), "walk");
    }

    #[test]
    fn unseen_forms_take_the_rule_of_their_longest_known_suffix() {
        let l = learned();
        assert_eq!(l.lemma("kicked", 0), "kick");
        // "-nned" and "-pped" were seen dropping a doubled consonant too.
        assert_eq!(l.lemma("scanned", 0), "scan");
        // Characters of several bytes are cut and kept whole, and the form is lowercased.
        assert_eq!(l.lemma("ÉCLAIRÉED", 0), "éclairé");
        assert_eq!(l.lemma("naïvéed", 0), "naïvé");
    }

    #[test]
    fn a_rule_whose_result_is_a_known_lemma_wins_over_a_longer_suffix() {
        let examples = [
            ("phoned", 0, "phone", "_"),
            ("toned", 0, "tone", "_"),
            ("questioned", 0, "question", "_"),
            ("walked", 0, "walk", "_"),
            ("talked", 0, "talk", "_"),
            ("fastest", 1, "fast", "_"),
            ("biggest", 1, "big", "_"),
            ("reason", 2, "reason", "_"),
            ("unrest", 2, "unrest", "_"),
        ];
        let l = Lemmatizer::learn(examples.into_iter(), 3, &[false, false, false]);
        // "-oned" and "-ned" say cut one letter (phoned, toned); "-ed" says two, which gives a
        // known word.
        assert_eq!(l.lemma("reasoned", 0), "reason");
        assert_eq!(l.lemma("zoned", 0), "zone", "no known result: the longest suffix's rule");
        // A known word taken for a superlative keeps its form.
        assert_eq!(l.lemma("unrest", 1), "unrest");
        assert_eq!(l.lemma("coldest", 1), "cold");
    }

    #[test]
    fn proper_nouns_keep_their_case() {
        let l = learned();
        assert_eq!(l.lemma("Zürich", 1), "Zürich");
    }

    #[test]
    fn lemmas_are_written_over_what_the_buffer_held() {
        let l = learned();
        let mut out = "leftover".to_string();
        l.lemma_into("kicked", crate::hash::bytes(b"kicked"), crate::hash::lower("kicked"), 0, &mut out);
        assert_eq!(out, "kick");
    }
}
