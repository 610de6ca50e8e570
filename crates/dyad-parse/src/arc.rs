//! Arc-hybrid transition system with labelled arcs, its features and dynamic oracle.
//!
//! Tokens are numbered 1..=n; 0 is the root, which starts on the stack. Classes: 0 = SHIFT,
//! 1 + l = LEFT-ARC with label l (the buffer front becomes head of the stack top),
//! 1 + L + l = RIGHT-ARC with label l (the second stack item becomes head of the top).

use crate::hash::{feat1, feat2, feat3};
use crate::tagger::Lex;

pub const NONE: u32 = u32::MAX;

pub struct State {
    pub n: usize,
    pub stack: Vec<u32>,
    pub b: u32,
    pub heads: Vec<u32>,
    pub labels: Vec<u16>,
    /// Two leftmost and two rightmost children, and counts.
    lc: Vec<[u32; 2]>,
    rc: Vec<[u32; 2]>,
    nl: Vec<u8>,
    nr: Vec<u8>,
}

#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub enum Move {
    Shift,
    Left,
    Right,
}

impl State {
    pub fn new(n: usize) -> Self {
        State {
            n,
            stack: vec![0],
            b: 1,
            heads: vec![NONE; n + 1],
            labels: vec![0; n + 1],
            lc: vec![[NONE; 2]; n + 1],
            rc: vec![[NONE; 2]; n + 1],
            nl: vec![0; n + 1],
            nr: vec![0; n + 1],
        }
    }

    pub fn reset(&mut self, n: usize) {
        self.n = n;
        self.stack.clear();
        self.stack.push(0);
        self.b = 1;
        self.heads.clear();
        self.heads.resize(n + 1, NONE);
        self.labels.clear();
        self.labels.resize(n + 1, 0);
        for v in [&mut self.lc, &mut self.rc] {
            v.clear();
            v.resize(n + 1, [NONE; 2]);
        }
        for v in [&mut self.nl, &mut self.nr] {
            v.clear();
            v.resize(n + 1, 0);
        }
    }

    pub fn buffer_empty(&self) -> bool {
        self.b as usize > self.n
    }

    pub fn done(&self) -> bool {
        self.buffer_empty() && self.stack.len() == 1
    }

    pub fn can(&self, m: Move) -> bool {
        let sl = self.stack.len();
        match m {
            Move::Shift => !self.buffer_empty(),
            Move::Left => sl >= 2 && !self.buffer_empty(),
            Move::Right => sl >= 3 || (sl == 2 && self.buffer_empty()),
        }
    }

    fn s(&self, i: usize) -> u32 {
        let l = self.stack.len();
        if i < l {
            self.stack[l - 1 - i]
        } else {
            NONE
        }
    }

    fn add_arc(&mut self, h: u32, d: u32, label: u16) {
        let (h, d) = (h as usize, d as usize);
        self.heads[d] = h as u32;
        self.labels[d] = label;
        if d < h {
            let lc = &mut self.lc[h];
            if lc[0] == NONE || (d as u32) < lc[0] {
                lc[1] = lc[0];
                lc[0] = d as u32;
            } else if lc[1] == NONE || (d as u32) < lc[1] {
                lc[1] = d as u32;
            }
            self.nl[h] = self.nl[h].saturating_add(1);
        } else {
            let rc = &mut self.rc[h];
            if rc[0] == NONE || (d as u32) > rc[0] {
                rc[1] = rc[0];
                rc[0] = d as u32;
            } else if rc[1] == NONE || (d as u32) > rc[1] {
                rc[1] = d as u32;
            }
            self.nr[h] = self.nr[h].saturating_add(1);
        }
    }

    pub fn apply(&mut self, m: Move, label: u16) {
        match m {
            Move::Shift => {
                self.stack.push(self.b);
                self.b += 1;
            }
            Move::Left => {
                let s0 = self.stack.pop().unwrap();
                self.add_arc(self.b, s0, label);
            }
            Move::Right => {
                let s0 = self.stack.pop().unwrap();
                let s1 = *self.stack.last().unwrap();
                self.add_arc(s1, s0, label);
            }
        }
    }

    /// Costs of SHIFT, LEFT and RIGHT (unlabelled) against gold heads (`gold[d]`, 1-based d).
    pub fn costs(&self, gold: &[u32]) -> [u32; 3] {
        let b = self.b;
        let s0 = self.s(0);
        let s1 = self.s(1);
        let mut c = [u32::MAX; 3];
        if self.can(Move::Shift) {
            let mut k = 0;
            // b0 loses its dependents in the stack, and a head in the stack other than s0.
            for &s in &self.stack {
                if s != 0 && gold[s as usize] == b {
                    k += 1;
                }
                if gold[b as usize] == s && s != s0 {
                    k += 1;
                }
            }
            c[0] = k;
        }
        let deps_in_buffer = |x: u32| -> u32 {
            let mut k = 0;
            for d in b..=(self.n as u32) {
                if gold[d as usize] == x {
                    k += 1;
                }
            }
            k
        };
        if self.can(Move::Left) {
            let h = gold[s0 as usize];
            let mut k = deps_in_buffer(s0);
            if h != b && (h == s1 || h > b) {
                k += 1;
            }
            c[1] = k;
        }
        if self.can(Move::Right) {
            let h = gold[s0 as usize];
            let mut k = deps_in_buffer(s0);
            if h != s1 && h >= b && h != 0 {
                k += 1;
            }
            c[2] = k;
        }
        c
    }

    pub fn s0(&self) -> u32 {
        self.s(0)
    }
    pub fn s1(&self) -> u32 {
        self.s(1)
    }
}

/// Per-token parser atoms: word hash and tag.
#[derive(Clone, Copy)]
pub struct Atom {
    pub w: u64,
    pub t: u64,
}

const ROOT_W: u64 = 0x524f_4f54;
const ROOT_T: u64 = 9999;
const NIL: u64 = 88888;

pub fn atoms(lx: &[Lex], tags: &[u16], out: &mut Vec<Atom>) {
    out.clear();
    out.push(Atom { w: ROOT_W, t: ROOT_T });
    for (l, t) in lx.iter().zip(tags) {
        out.push(Atom { w: l.w, t: *t as u64 });
    }
}

/// Extracts the features of a configuration. Template numbers are part of the model's keys;
/// the gaps are templates dropped for speed (unigrams of b1 and s1 words, word+valency, word
/// triples, children's words, second children's tags).
pub fn features(st: &State, a: &[Atom], out: &mut Vec<u64>) {
    out.clear();
    let n = st.n as u32;
    let w = |i: u32| if i == NONE { NIL } else { a[i as usize].w };
    let t = |i: u32| if i == NONE { NIL } else { a[i as usize].t };
    let lab = |i: u32| if i == NONE { NIL } else { st.labels[i as usize] as u64 };
    let lc = |i: u32, k: usize| if i == NONE { NONE } else { st.lc[i as usize][k] };
    let rc = |i: u32, k: usize| if i == NONE { NONE } else { st.rc[i as usize][k] };
    let s0 = st.s(0);
    let s1 = st.s(1);
    let s2 = st.s(2);
    let b0 = if st.b <= n { st.b } else { NONE };
    let b1 = if st.b < n { st.b + 1 } else { NONE };
    let b2 = if st.b + 1 < n { st.b + 2 } else { NONE };
    let (s0w, s0t, s1w, s1t, b0w, b0t, b1w, b1t) = (w(s0), t(s0), w(s1), t(s1), w(b0), t(b0), w(b1), t(b1));
    let (s2t, b2t) = (t(s2), t(b2));
    let s0l = lc(s0, 0);
    let s0r = rc(s0, 0);
    let s0l2 = lc(s0, 1);
    let s0r2 = rc(s0, 1);
    let b0l = lc(b0, 0);
    let b0l2 = lc(b0, 1);
    let s1l = lc(s1, 0);
    let s1r = rc(s1, 0);
    let (s0lt, s0rt, b0lt, s1rt, s1lt) = (t(s0l), t(s0r), t(b0l), t(s1r), t(s1l));
    let dist = if s0 != NONE && b0 != NONE { (b0 - s0).min(6) as u64 } else { 0 };
    let dist01 = if s0 != NONE && s1 != NONE && s1 != 0 { (s0 - s1).min(6) as u64 } else { 0 };
    let vl = |i: u32| if i == NONE { 99 } else { st.nl[i as usize] as u64 };
    let vr = |i: u32| if i == NONE { 99 } else { st.nr[i as usize] as u64 };
    out.extend([
        feat1(0, 0),
        feat1(1, s0w),
        feat1(2, s0t),
        feat2(3, s0w, s0t),
        feat1(4, b0w),
        feat1(5, b0t),
        feat2(6, b0w, b0t),
        feat1(8, b1t),
        feat2(9, b1w, b1t),
        feat1(10, b2t),
        feat1(12, s1t),
        feat2(13, s1w, s1t),
        feat1(14, s2t),
        feat2(15, s0w, b0w),
        feat3(16, s0w, s0t, b0t),
        feat3(17, s0t, b0w, b0t),
        feat2(18, s0t, b0t),
        feat2(19, b0t, b1t),
        feat3(20, b0t, b1t, b2t),
        feat3(21, s0t, b0t, b1t),
        feat3(22, s1t, s0t, b0t),
        feat2(23, s1t, s0t),
        feat3(24, s2t, s1t, s0t),
        feat3(25, s0t, s0lt, b0t),
        feat3(26, s0t, s0rt, b0t),
        feat3(27, s0t, b0t, b0lt),
        feat3(28, s1t, s0t, s0lt),
        feat3(29, s1t, s0t, s0rt),
        feat3(30, s1t, s1rt, s0t),
        feat2(31, s0w, dist),
        feat2(32, s0t, dist),
        feat3(33, s0t, b0t, dist),
        feat2(34, b0w, dist),
        feat2(36, s0t, vr(s0)),
        feat2(38, s0t, vl(s0)),
        feat2(39, b0w, vl(b0)),
        feat2(40, b0t, vl(b0)),
        feat1(42, s0lt),
        feat1(43, lab(s0l)),
        feat1(45, s0rt),
        feat1(46, lab(s0r)),
        feat1(48, b0lt),
        feat1(49, lab(b0l)),
        feat3(50, s0t, lab(s0l), lab(s0l2)),
        feat3(51, s0t, lab(s0r), lab(s0r2)),
        feat3(52, b0t, lab(b0l), lab(b0l2)),
        feat2(53, s1w, s0w),
        feat2(54, s1t, s0w),
        feat2(55, s1w, s0t),
        feat3(56, s1t, s0t, dist01),
        feat2(57, s0w, b1t),
        feat3(59, s0t, s1lt, s1t),
        feat2(60, b0w, b1w),
    ]);
}
