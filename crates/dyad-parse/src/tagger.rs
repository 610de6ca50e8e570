//! Greedy left-to-right part-of-speech tagger over combined UPOS+XPOS classes.

use crate::hash::{self, feat1, feat2, feat3};
use crate::perceptron::Model;
use crate::tagdict::TagDict;

/// Per-token values computed once per sentence and shared by the tagger and the parser.
#[derive(Clone, Copy, Default)]
pub struct Lex {
    /// Hash of the lowercase form.
    pub w: u64,
    pub suf: [u64; 4],
    pub pre: [u64; 3],
    pub shape: u64,
    /// Capitalisation, digits, hyphen flags.
    pub flags: u64,
    /// Hash of the exact form.
    pub form: u64,
    /// The set of tags the word had in training (its ambiguity class), or a marker for
    /// rare and unseen words.
    pub amb: u64,
}

/// Ambiguity class of words not in the tag dictionary.
pub const UNKNOWN_AMB: u64 = 0x0055_4e4b;

const PAD: u64 = 0x9e37_79b9;

pub fn lex(form: &str) -> Lex {
    let lw = hash::lower(form);
    let mut buf = ['\0'; 64];
    let mut n = 0;
    for c in form.chars().take(64) {
        buf[n] = c;
        n += 1;
    }
    let chars = &buf[..n];
    let mut l = Lex { w: lw, form: hash::bytes(form.as_bytes()), amb: UNKNOWN_AMB, ..Default::default() };
    let lower_hash = |cs: &[char]| -> u64 {
        let mut h = 0xcbf2_9ce4_8422_2325u64;
        for c in cs {
            for lc in c.to_lowercase() {
                h = hash::mix(h, lc as u64);
            }
        }
        hash::finish(hash::mix(h, cs.len() as u64))
    };
    for k in 1..=4 {
        l.suf[k - 1] = if n >= k { lower_hash(&chars[n - k..]) } else { PAD + k as u64 };
    }
    for k in 1..=3 {
        l.pre[k - 1] = if n >= k { lower_hash(&chars[..k]) } else { PAD + 10 + k as u64 };
    }
    let mut sh = 0u64;
    let mut last = ' ';
    let mut run = 0;
    for &c in chars {
        let s = if c.is_uppercase() {
            'X'
        } else if c.is_lowercase() {
            'x'
        } else if c.is_ascii_digit() {
            'd'
        } else {
            c
        };
        if s == last {
            run += 1;
            if run >= 2 {
                continue;
            }
        } else {
            run = 0;
        }
        last = s;
        sh = hash::mix(sh, s as u64);
    }
    l.shape = hash::finish(sh);
    let upper = chars.first().is_some_and(|c| c.is_uppercase());
    let all_upper = chars.iter().all(|c| !c.is_lowercase()) && upper;
    let digit = chars.iter().any(|c| c.is_ascii_digit());
    let hyphen = chars.contains(&'-');
    l.flags = upper as u64 | (all_upper as u64) << 1 | (digit as u64) << 2 | (hyphen as u64) << 3;
    l
}

pub const START: u64 = 0x5354_4152;
pub const END: u64 = 0x454e_4421;

/// Features for tagging token `i`, given the previous two predicted tags (class ids + 1; 0 = none).
pub fn features(lx: &[Lex], i: usize, p1: u64, p2: u64, out: &mut Vec<u64>) {
    out.clear();
    static_features(lx, i, out);
    tag_features(lx, i, p1, p2, out);
}

/// How many features [`static_features`] appends.
pub const N_STATIC: usize = 34;

fn at(lx: &[Lex], j: isize) -> Option<&Lex> {
    if j < 0 {
        None
    } else {
        lx.get(j as usize)
    }
}

fn word(lx: &[Lex], j: isize) -> u64 {
    at(lx, j).map_or(if j < 0 { START } else { END }, |l| l.w)
}

fn amb(lx: &[Lex], j: isize) -> u64 {
    at(lx, j).map_or(if j < 0 { START } else { END }, |l| l.amb)
}

/// Appends the features of token `i` that do not depend on the predicted tags.
pub fn static_features(lx: &[Lex], i: usize, out: &mut Vec<u64>) {
    let i_ = i as isize;
    let w = |j: isize| word(lx, j);
    let t = &lx[i];
    out.push(feat1(0, 0));
    out.push(feat1(1, t.w));
    out.push(feat1(2, w(i_ - 1)));
    out.push(feat1(3, w(i_ + 1)));
    out.push(feat1(4, w(i_ - 2)));
    out.push(feat1(5, w(i_ + 2)));
    for k in 0..4 {
        out.push(feat1(6 + k as u64, t.suf[k]));
    }
    for k in 0..3 {
        out.push(feat1(10 + k as u64, t.pre[k]));
    }
    out.push(feat1(13, t.shape));
    out.push(feat2(14, t.flags, (i == 0) as u64));
    out.push(feat2(19, w(i_ - 1), t.w));
    out.push(feat2(20, t.w, w(i_ + 1)));
    out.push(feat1(21, at(lx, i_ + 1).map_or(END, |l| l.suf[2])));
    out.push(feat1(22, at(lx, i_ - 1).map_or(START, |l| l.suf[2])));
    out.push(feat1(23, at(lx, i_ + 1).map_or(END, |l| l.shape)));
    out.push(feat1(26, at(lx, i_ + 2).map_or(END, |l| l.suf[2])));
    out.push(feat2(27, t.suf[1], w(i_ + 1)));
    out.push(feat1(28, t.form));
    out.push(feat2(29, w(i_ + 1), w(i_ + 2)));
    out.push(feat2(30, w(i_ - 1), w(i_ - 2)));
    out.push(feat1(31, at(lx, i_ + 1).map_or(END, |l| l.suf[0])));
    out.push(feat1(32, at(lx, i_ + 1).map_or(END, |l| l.pre[0])));
    out.push(feat2(34, t.shape, at(lx, i_ - 1).map_or(START, |l| l.shape)));
    out.push(feat2(35, t.suf[3], t.flags));
    out.push(feat1(36, t.amb));
    out.push(feat1(37, amb(lx, i_ + 1)));
    out.push(feat2(38, t.amb, amb(lx, i_ + 1)));
    out.push(feat1(41, amb(lx, i_ + 2)));
    out.push(feat2(42, t.amb, t.suf[2]));
}

/// Appends the features of token `i` that involve the previous two predicted tags.
fn tag_features(lx: &[Lex], i: usize, p1: u64, p2: u64, out: &mut Vec<u64>) {
    let i_ = i as isize;
    let t = &lx[i];
    let next_w = at(lx, i_ + 1).map_or(END, |l| l.w);
    out.push(feat1(15, p1));
    out.push(feat1(16, p2));
    out.push(feat2(17, p1, p2));
    out.push(feat2(18, p1, t.w));
    out.push(feat2(24, p1, t.suf[2]));
    out.push(feat3(25, p1, t.w, word(lx, i_ + 1)));
    out.push(feat2(33, p1, next_w));
    out.push(feat2(39, p1, t.amb));
    out.push(feat3(40, p1, t.amb, amb(lx, i_ + 1)));
}

/// Tags a sentence greedily; returns class ids. Words in the tag dictionary get their tag
/// without scoring. The tag-independent features of the other tokens are computed first, so
/// that the next scored token's table slots can be fetched from memory while the current one is
/// scored.
pub fn tag(
    model: &Model,
    dict: &TagDict,
    lx: &[Lex],
    tags: &mut Vec<u16>,
    scratch: &mut Vec<u64>,
    scores: &mut Vec<i32>,
) {
    const UNTAGGED: u16 = u16::MAX;
    tags.clear();
    scores.resize(model.n_classes, 0);
    scratch.clear();
    for (i, l) in lx.iter().enumerate() {
        let known = dict.get(l.w);
        if known.is_none() {
            static_features(lx, i, scratch);
        }
        tags.push(known.unwrap_or(UNTAGGED));
    }
    let mut feats = Vec::with_capacity(N_STATIC + 9);
    let mut statics = scratch.chunks_exact(N_STATIC).peekable();
    for i in 0..lx.len() {
        if tags[i] != UNTAGGED {
            continue;
        }
        let Some(own) = statics.next() else { break };
        if let Some(next) = statics.peek() {
            model.prefetch(next);
        }
        let p1 = if i >= 1 { tags[i - 1] as u64 + 1 } else { 0 };
        let p2 = if i >= 2 { tags[i - 2] as u64 + 1 } else { 0 };
        feats.clear();
        feats.extend_from_slice(own);
        tag_features(lx, i, p1, p2, &mut feats);
        model.score(&feats, scores);
        // Most words get an open-class tag, which needs no look-up of the word's closed ones.
        let best = argmax(scores);
        tags[i] = if dict.is_open(best) { best } else { argmax_allowed(scores, dict.allowed(lx[i].w)) } as u16;
    }
}

/// The best-scoring class among those `allowed` (a bit per class), the first on ties; the
/// best of all when none is allowed.
pub fn argmax_allowed(s: &[i32], allowed: u128) -> usize {
    let mut best: Option<usize> = None;
    for (i, &v) in s.iter().enumerate() {
        let ok = i >= 128 || allowed >> i & 1 == 1;
        if ok && best.is_none_or(|b| v > s[b]) {
            best = Some(i);
        }
    }
    best.unwrap_or_else(|| argmax(s))
}

pub fn argmax<T: PartialOrd>(s: &[T]) -> usize {
    let mut best = 0;
    for i in 1..s.len() {
        if s[i] > s[best] {
            best = i;
        }
    }
    best
}
