//! Words whose tag is known without scoring: frequent in the training data and (nearly) always
//! tagged the same way there, such as "the", "of" and punctuation (Honnibal's tag dictionary).
//! About two fifths of running text is such words, so tagging skips that share of its weight
//! lookups. The tagger is still trained on them (and tags them so when training the parser):
//! their tags hardly ever differ from its own, and the models stay those trained without a
//! dictionary.

use std::collections::BTreeMap;

use crate::perceptron::{put_u32, put_var, IdMap, Reader};
use dyad_core::Upos;

/// A word is listed when seen at least this often...
const MIN_COUNT: u32 = 10;
/// ...with one tag at least this share of the time (per mille).
const MIN_SHARE_PER_MILLE: u32 = 970;

/// Lowercase form hash (`Lex::w`) → tag class, and the closed-class tags each word may take.
#[derive(Clone, Default)]
pub struct TagDict {
    fixed: IdMap<u16>,
    /// Tags of the open classes (nouns, verbs, adjectives, adverbs, numbers, names,
    /// symbols, punctuation), which any word may take: a bit per tag class.
    open: u128,
    /// The closed-class tags (auxiliaries, determiners, pronouns, adpositions,
    /// conjunctions, particles) each word was seen with in training. A word never seen with
    /// one is not given it: "Insurgents" at the start of a sentence is no auxiliary, whatever
    /// its suffix and neighbours suggest.
    closed: IdMap<u128>,
}

/// Whether words outside a closed list may take a tag of this class.
fn is_open(u: Upos) -> bool {
    !matches!(u, Upos::Aux | Upos::Det | Upos::Pron | Upos::Adp | Upos::Cconj | Upos::Sconj | Upos::Part)
}

impl TagDict {
    /// Learns from (lowercase form hash, gold tag) pairs; `tags` is the tag set.
    pub fn learn(words: impl Iterator<Item = (u64, u16)>, tags: &[(Upos, String)]) -> TagDict {
        let mut counts: IdMap<BTreeMap<u16, u32>> = IdMap::default();
        for (w, t) in words {
            *counts.entry(w).or_default().entry(t).or_default() += 1;
        }
        // More than 128 classes: no constraints (every bit set).
        let open = if tags.len() > 128 {
            u128::MAX
        } else {
            tags.iter().enumerate().filter(|(_, (u, _))| is_open(*u)).fold(0, |m, (i, _)| m | 1 << i)
        };
        let mut closed = IdMap::default();
        for (w, seen) in &counts {
            let mask = seen.keys().filter(|&&t| open >> t & 1 == 0).fold(0u128, |m, &t| m | 1 << t);
            if mask != 0 {
                closed.insert(*w, mask);
            }
        }
        let fixed = counts
            .into_iter()
            .filter_map(|(w, tags)| {
                let total: u32 = tags.values().sum();
                // The most frequent tag, the lowest class on ties.
                let (tag, n) = tags.into_iter().max_by_key(|&(t, n)| (n, std::cmp::Reverse(t)))?;
                (total >= MIN_COUNT && n as u64 * 1000 >= total as u64 * MIN_SHARE_PER_MILLE as u64).then_some((w, tag))
            })
            .collect();
        TagDict { fixed, open, closed }
    }

    #[inline]
    pub fn get(&self, w: u64) -> Option<u16> {
        self.fixed.get(&w).copied()
    }

    /// Whether any word may take tag class `t`.
    #[inline]
    pub fn is_open(&self, t: usize) -> bool {
        t >= 128 || self.open >> t & 1 == 1
    }

    /// The tags word `w` may take, a bit per tag class.
    #[inline]
    pub fn allowed(&self, w: u64) -> u128 {
        self.open | self.closed.get(&w).copied().unwrap_or(0)
    }

    pub fn len(&self) -> usize {
        self.fixed.len()
    }

    pub fn is_empty(&self) -> bool {
        self.fixed.is_empty()
    }

    pub fn write(&self, out: &mut Vec<u8>) {
        let mut words: Vec<(u64, u16)> = self.fixed.iter().map(|(w, t)| (*w, *t)).collect();
        words.sort_unstable();
        put_u32(out, words.len() as u32);
        for (w, t) in words {
            out.extend_from_slice(&w.to_le_bytes());
            put_var(out, t as u64);
        }
        out.extend_from_slice(&self.open.to_le_bytes());
        let mut closed: Vec<(u64, u128)> = self.closed.iter().map(|(w, m)| (*w, *m)).collect();
        closed.sort_unstable();
        put_u32(out, closed.len() as u32);
        for (w, m) in closed {
            out.extend_from_slice(&w.to_le_bytes());
            out.extend_from_slice(&m.to_le_bytes());
        }
    }

    /// Reads what [`TagDict::write`] wrote; tags must be below `n_tags`.
    pub fn read(r: &mut Reader, n_tags: usize) -> Option<TagDict> {
        let n = r.u32()? as usize;
        if n > r.remaining() {
            return None;
        }
        let mut fixed = IdMap::default();
        fixed.reserve(n);
        for _ in 0..n {
            let w = u64::from_le_bytes(r.bytes(8)?.try_into().ok()?);
            let t = r.var()?;
            if t as usize >= n_tags {
                return None;
            }
            fixed.insert(w, t as u16);
        }
        let open = u128::from_le_bytes(r.bytes(16)?.try_into().ok()?);
        let n = r.u32()? as usize;
        if n > r.remaining() / 24 {
            return None;
        }
        let mut closed = IdMap::default();
        closed.reserve(n);
        for _ in 0..n {
            let w = u64::from_le_bytes(r.bytes(8)?.try_into().ok()?);
            closed.insert(w, u128::from_le_bytes(r.bytes(16)?.try_into().ok()?));
        }
        // Every tag is allowed to some word: a model whose masks rule a class out entirely is
        // damaged (and would leave the tagger nothing to choose for some words).
        let any = closed.values().fold(open, |m, c| m | c);
        let all = if n_tags >= 128 { u128::MAX } else { (1u128 << n_tags) - 1 };
        if any & all != all {
            return None;
        }
        Some(TagDict { fixed, open, closed })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn tags(us: &[Upos]) -> Vec<(Upos, String)> {
        us.iter().map(|u| (*u, u.as_str().to_string())).collect()
    }

    #[test]
    fn lists_frequent_unambiguous_words_only() {
        let tagset = tags(&[Upos::Noun; 7]);
        let mut words = vec![(1, 3); 30]; // frequent, one tag
        words.extend([(2, 4); 5]); // rare
        words.extend([(3, 5); 25]); // frequent but ambiguous
        words.extend([(3, 6); 5]);
        let d = TagDict::learn(words.into_iter(), &tagset);
        assert_eq!((d.get(1), d.get(2), d.get(3)), (Some(3), None, None));
    }

    #[test]
    fn a_closed_class_tag_is_allowed_only_to_words_seen_with_it() {
        let tagset = tags(&[Upos::Noun, Upos::Aux, Upos::Verb]);
        // Word 1 was an auxiliary and a verb; word 2 only a noun.
        let d = TagDict::learn([(1, 1), (1, 2), (2, 0)].into_iter(), &tagset);
        assert_eq!(d.allowed(1), 0b111);
        assert_eq!(d.allowed(2), 0b101);
        assert_eq!(d.allowed(3), 0b101, "an unseen word takes open classes only");
    }

    #[test]
    fn reads_back_what_it_wrote() {
        let tagset = tags(&[Upos::Noun, Upos::Det, Upos::Verb]);
        let d = TagDict::learn(std::iter::repeat_n((7, 2), 20).chain(std::iter::repeat_n((9, 1), 40)), &tagset);
        let mut b = Vec::new();
        d.write(&mut b);
        let back = TagDict::read(&mut Reader::new(&b), 3).unwrap();
        assert_eq!((back.len(), back.get(7), back.get(9)), (2, Some(2), Some(1)));
        assert_eq!((back.allowed(9), back.allowed(7)), (0b111, 0b101));
        assert!(TagDict::read(&mut Reader::new(&b), 2).is_none(), "a tag outside the tag set is refused");
        assert!(TagDict::read(&mut Reader::new(&b[..b.len() - 3]), 3).is_none(), "a truncated table is refused");
    }
}
