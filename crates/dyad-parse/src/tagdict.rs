//! Words whose tag is known without scoring: frequent in the training data and (nearly) always
//! tagged the same way there, such as "the", "of" and punctuation (Honnibal's tag dictionary).
//! About two fifths of running text is such words, so tagging skips that share of its weight
//! lookups. The tagger is still trained on them (and tags them so when training the parser):
//! their tags hardly ever differ from its own, and the models stay those trained without a
//! dictionary.

use std::collections::BTreeMap;

use crate::perceptron::{put_u32, put_var, IdMap, Reader};

/// A word is listed when seen at least this often...
const MIN_COUNT: u32 = 10;
/// ...with one tag at least this share of the time (per mille).
const MIN_SHARE_PER_MILLE: u32 = 970;

/// Lowercase form hash (`Lex::w`) → tag class.
#[derive(Clone, Default)]
pub struct TagDict(IdMap<u16>);

impl TagDict {
    /// Learns from (lowercase form hash, gold tag) pairs.
    pub fn learn(words: impl Iterator<Item = (u64, u16)>) -> TagDict {
        let mut counts: IdMap<BTreeMap<u16, u32>> = IdMap::default();
        for (w, t) in words {
            *counts.entry(w).or_default().entry(t).or_default() += 1;
        }
        let listed = counts.into_iter().filter_map(|(w, tags)| {
            let total: u32 = tags.values().sum();
            // The most frequent tag, the lowest class on ties.
            let (tag, n) = tags.into_iter().max_by_key(|&(t, n)| (n, std::cmp::Reverse(t)))?;
            (total >= MIN_COUNT && n as u64 * 1000 >= total as u64 * MIN_SHARE_PER_MILLE as u64).then_some((w, tag))
        });
        TagDict(listed.collect())
    }

    #[inline]
    pub fn get(&self, w: u64) -> Option<u16> {
        self.0.get(&w).copied()
    }

    pub fn len(&self) -> usize {
        self.0.len()
    }

    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    pub fn write(&self, out: &mut Vec<u8>) {
        let mut words: Vec<(u64, u16)> = self.0.iter().map(|(w, t)| (*w, *t)).collect();
        words.sort_unstable();
        put_u32(out, words.len() as u32);
        for (w, t) in words {
            out.extend_from_slice(&w.to_le_bytes());
            put_var(out, t as u64);
        }
    }

    /// Reads what [`TagDict::write`] wrote; tags must be below `n_tags`.
    pub fn read(r: &mut Reader, n_tags: usize) -> Option<TagDict> {
        let n = r.u32()? as usize;
        if n > r.remaining() {
            return None;
        }
        let mut map = IdMap::default();
        map.reserve(n);
        for _ in 0..n {
            let w = u64::from_le_bytes(r.bytes(8)?.try_into().ok()?);
            let t = r.var()?;
            if t as usize >= n_tags {
                return None;
            }
            map.insert(w, t as u16);
        }
        Some(TagDict(map))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lists_frequent_unambiguous_words_only() {
        let mut words = vec![(1, 3); 30]; // frequent, one tag
        words.extend([(2, 4); 5]); // rare
        words.extend([(3, 5); 25]); // frequent but ambiguous
        words.extend([(3, 6); 5]);
        let d = TagDict::learn(words.into_iter());
        assert_eq!((d.get(1), d.get(2), d.get(3)), (Some(3), None, None));
    }

    #[test]
    fn reads_back_what_it_wrote() {
        let d = TagDict::learn(std::iter::repeat_n((7, 2), 20).chain(std::iter::repeat_n((9, 1), 40)));
        let mut b = Vec::new();
        d.write(&mut b);
        let back = TagDict::read(&mut Reader::new(&b), 3).unwrap();
        assert_eq!((back.len(), back.get(7), back.get(9)), (2, Some(2), Some(1)));
        assert!(TagDict::read(&mut Reader::new(&b), 2).is_none(), "a tag outside the tag set is refused");
    }
}
