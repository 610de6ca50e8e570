//! Averaged perceptron with sparse per-feature rows, and its frozen, compact form.

use std::collections::HashMap;
use std::hash::{BuildHasherDefault, Hasher};

/// A hasher for keys that are already well-mixed 64-bit hashes.
#[derive(Default)]
pub struct IdHasher(u64);
impl Hasher for IdHasher {
    fn finish(&self) -> u64 {
        self.0
    }
    fn write(&mut self, _: &[u8]) {
        unreachable!("IdHasher only hashes u64")
    }
    fn write_u64(&mut self, i: u64) {
        self.0 = i;
    }
}
pub type IdMap<V> = HashMap<u64, V, BuildHasherDefault<IdHasher>>;

#[derive(Clone, Copy)]
struct Cell {
    class: u16,
    w: f32,
    total: f64,
    stamp: u32,
}

/// Training-time model: feature key → sparse row of (class, weight) cells.
pub struct Trainer {
    pub n_classes: usize,
    rows: IdMap<Vec<Cell>>,
    counts: IdMap<u32>,
    step: u32,
    /// Whether updates count feature occurrences (the first pass over the data only).
    pub counting: bool,
}

impl Trainer {
    pub fn new(n_classes: usize) -> Self {
        Trainer { n_classes, rows: IdMap::default(), counts: IdMap::default(), step: 0, counting: true }
    }

    pub fn score(&self, feats: &[u64], scores: &mut [f32]) {
        scores.iter_mut().for_each(|s| *s = 0.0);
        for f in feats {
            if let Some(row) = self.rows.get(f) {
                for c in row {
                    scores[c.class as usize] += c.w;
                }
            }
        }
    }

    /// Counts one training instance (features seen), for pruning.
    pub fn tick(&mut self) {
        self.step += 1;
    }

    pub fn update(&mut self, feats: &[u64], gold: usize, pred: usize) {
        if self.counting {
            for f in feats {
                *self.counts.entry(*f).or_insert(0) += 1;
            }
        }
        if gold == pred {
            return;
        }
        let step = self.step;
        for f in feats {
            let row = self.rows.entry(*f).or_default();
            for (class, delta) in [(gold, 1.0f32), (pred, -1.0f32)] {
                let cell = match row.iter_mut().position(|c| c.class as usize == class) {
                    Some(i) => &mut row[i],
                    None => {
                        row.push(Cell { class: class as u16, w: 0.0, total: 0.0, stamp: step });
                        row.last_mut().unwrap()
                    }
                };
                cell.total += (step - cell.stamp) as f64 * cell.w as f64;
                cell.stamp = step;
                cell.w += delta;
            }
        }
    }

    /// Averages the weights and keeps features seen at least `min_count` times whose weights
    /// matter after quantisation.
    pub fn freeze(&self, min_count: u32, min_weight: f32) -> Model {
        let step = self.step.max(1);
        let mut items: Vec<(u64, Vec<(u16, f32)>)> = Vec::new();
        let mut max_abs = 0f32;
        for (k, row) in &self.rows {
            if self.counts.get(k).copied().unwrap_or(0) < min_count {
                continue;
            }
            let cells: Vec<(u16, f32)> = row
                .iter()
                .map(|c| {
                    let total = c.total + (step - c.stamp) as f64 * c.w as f64;
                    (c.class, (total / step as f64) as f32)
                })
                .collect();
            for c in &cells {
                max_abs = max_abs.max(c.1.abs());
            }
            items.push((*k, cells));
        }
        let mut mags: Vec<f32> = items.iter().flat_map(|(_, c)| c.iter().map(|x| x.1.abs())).collect();
        mags.sort_unstable_by(|a, b| a.total_cmp(b));
        if std::env::var_os("DYAD_PARSE_DEBUG").is_some() {
            let q = |p: f64| mags.get(((mags.len() as f64 - 1.0) * p) as usize).copied().unwrap_or(0.0);
            eprintln!(
                "weights: max {max_abs} p50 {} p90 {} p99 {} p999 {} p10 {}",
                q(0.5),
                q(0.9),
                q(0.99),
                q(0.999),
                q(0.1)
            );
        }
        let scale = if max_abs > 0.0 { max_abs / 32000.0 } else { 1.0 };
        let mut keyed: Vec<(u64, Vec<(u16, i16)>)> = items
            .into_iter()
            .filter_map(|(k, cells)| {
                let mut q: Vec<(u16, i16)> = cells
                    .into_iter()
                    .map(|(c, w)| (c, (w / scale).round() as i16))
                    .filter(|&(_, w)| w.unsigned_abs() >= min_q(min_weight, scale))
                    .collect();
                q.sort_unstable_by_key(|c| c.0);
                (!q.is_empty()).then_some((k, q))
            })
            .collect();
        keyed.sort_unstable_by_key(|k| k.0);
        Model::build(self.n_classes, scale, keyed)
    }
}

/// Frozen model: an open-addressing table from feature keys to rows of quantised weights.
///
/// A slot is one `u64`: the key's upper 32 bits (never 0; 0 marks an empty slot), then the row's
/// start (25 bits) and length (7 bits). A cell is one `u32`: class in the upper 16 bits, weight
/// as `i16` in the lower. Scores are summed as integers.
pub struct Model {
    pub n_classes: usize,
    pub scale: f32,
    mask: usize,
    slots: Vec<u64>,
    cells: Vec<u32>,
    /// Rows with many cells also stored dense (`stride` weights each); their slots have
    /// length 0 and point at the dense row.
    dense: Vec<i16>,
    stride: usize,
    /// Whether the CPU has AVX2 (dense rows are summed with it).
    avx2: bool,
    /// Features in insertion (sorted key) order: (key, start, length), for saving.
    order: Vec<(u64, u32, u32)>,
}

const LEN_BITS: u32 = 7;
const MAX_ROW: usize = (1 << LEN_BITS) - 1;
/// Rows with at least this many cells are scored dense.
const DENSE_MIN: usize = 24;
/// Feature vectors longer than this are scored in several batches.
const MAX_FEATS: usize = 96;

/// Adds weights `off..off + 8 * N` of each dense row in `rows` to `scores`, with AVX2: the
/// `N` accumulators stay in registers while the rows stream past.
///
/// # Safety
/// The CPU must support AVX2, every `r` in `rows` must satisfy `(r + 1) * stride <= dense.len()`,
/// and `off + 8 * N <= stride`.
#[cfg(target_arch = "x86_64")]
#[target_feature(enable = "avx2")]
unsafe fn dense_avx2<const N: usize>(dense: &[i16], rows: &[u32], stride: usize, off: usize, scores: &mut [i32]) {
    use std::arch::x86_64::*;
    debug_assert!(off + 8 * N <= stride);
    let mut acc = [_mm256_setzero_si256(); N];
    for &r in rows {
        debug_assert!((r as usize + 1) * stride <= dense.len());
        let p = dense.as_ptr().add(r as usize * stride + off);
        for (k, a) in acc.iter_mut().enumerate() {
            let w = _mm_loadu_si128(p.add(8 * k) as *const __m128i);
            *a = _mm256_add_epi32(*a, _mm256_cvtepi16_epi32(w));
        }
    }
    for (k, a) in acc.iter().enumerate() {
        let at = off + 8 * k;
        if let Some(s) = scores.get_mut(at..at + 8) {
            let p = s.as_mut_ptr() as *mut __m256i;
            _mm256_storeu_si256(p, _mm256_add_epi32(_mm256_loadu_si256(p), *a));
        } else {
            // Past the last class: only the classes that exist are added.
            let mut tmp = [0i32; 8];
            _mm256_storeu_si256(tmp.as_mut_ptr() as *mut __m256i, *a);
            for (s, v) in scores.iter_mut().skip(at).zip(tmp) {
                *s += v;
            }
        }
    }
}

#[inline(always)]
fn fingerprint(k: u64) -> u64 {
    match k >> 32 {
        0 => 1,
        f => f,
    }
}

/// An empty vector with room for `n` items whose memory the kernel is asked to back with huge
/// pages (on Linux, when transparent huge pages are enabled for `madvise`): the weight tables are
/// read at random, and with 4 KiB pages most lookups would also miss the TLB.
fn huge_vec<T>(n: usize) -> Vec<T> {
    let v: Vec<T> = Vec::with_capacity(n);
    #[cfg(target_os = "linux")]
    {
        const HUGE: usize = 2 << 20;
        let bytes = n * std::mem::size_of::<T>();
        if bytes >= 2 * HUGE {
            let p = v.as_ptr() as usize;
            let start = p.next_multiple_of(HUGE);
            let end = (p + bytes) & !(HUGE - 1);
            if end > start {
                // SAFETY: the range lies inside the vector's allocation, which is not yet
                // touched; MADV_HUGEPAGE is advice and changes no contents.
                unsafe {
                    libc::madvise(start as *mut libc::c_void, end - start, libc::MADV_HUGEPAGE);
                }
            }
        }
    }
    v
}

fn has_avx2() -> bool {
    #[cfg(target_arch = "x86_64")]
    return std::arch::is_x86_feature_detected!("avx2");
    #[cfg(not(target_arch = "x86_64"))]
    false
}

#[inline(always)]
fn prefetch<T>(p: *const T) {
    #[cfg(target_arch = "x86_64")]
    // SAFETY: prefetching is a hint and never faults, whatever the address.
    unsafe {
        std::arch::x86_64::_mm_prefetch(p as *const i8, std::arch::x86_64::_MM_HINT_T0);
    }
    #[cfg(not(target_arch = "x86_64"))]
    let _ = p;
}

impl Model {
    pub fn build(n_classes: usize, scale: f32, rows: Vec<(u64, Vec<(u16, i16)>)>) -> Model {
        let keys: Vec<u64> = rows.iter().map(|r| r.0).collect();
        let lens: Vec<usize> = rows.iter().map(|r| r.1.len()).collect();
        let cells: Vec<(u16, i16)> = rows.into_iter().flat_map(|r| r.1).collect();
        Model::build_flat(n_classes, scale, &keys, &lens, &cells)
    }

    /// Builds from rows given as keys, row lengths and the concatenated (class, weight) cells.
    ///
    /// # Panics
    /// If a cell's class is not below `n_classes` (scoring relies on it).
    pub fn build_flat(n_classes: usize, scale: f32, keys: &[u64], lens: &[usize], flat: &[(u16, i16)]) -> Model {
        assert!(flat.iter().all(|c| (c.0 as usize) < n_classes), "a weight of a class beyond the last");
        let cap = (keys.len() * 3 / 2 + 1).next_power_of_two().max(16);
        let mut m = Model {
            n_classes,
            scale,
            mask: cap - 1,
            slots: huge_vec(cap),
            cells: huge_vec(flat.len()),
            dense: Vec::new(),
            stride: n_classes.div_ceil(16) * 16,
            avx2: has_avx2(),
            order: Vec::with_capacity(keys.len()),
        };
        m.slots.resize(cap, 0);
        let mut pos = 0;
        let mut buf: Vec<(u16, i16)> = Vec::new();
        for (&k, &len) in keys.iter().zip(lens) {
            let Some(cells) = flat.get(pos..pos + len) else { break };
            pos += len;
            let mut row: &[(u16, i16)] = cells;
            if row.len() > MAX_ROW {
                // Keep the largest weights (only possible with more than 127 classes).
                buf.clear();
                buf.extend_from_slice(row);
                buf.sort_by_key(|c| std::cmp::Reverse(c.1.unsigned_abs()));
                buf.truncate(MAX_ROW);
                buf.sort_by_key(|c| c.0);
                row = &buf;
            }
            let start = m.cells.len() as u32;
            if start as u64 >= 1 << (32 - LEN_BITS) {
                break; // table full; cannot happen with models of sane size
            }
            m.cells.extend(row.iter().map(|&(c, w)| (c as u32) << 16 | (w as u16 as u32)));
            m.order.push((k, start, row.len() as u32));
            let slot = if row.len() >= DENSE_MIN {
                let r = m.dense.len() / m.stride;
                m.dense.resize(m.dense.len() + m.stride, 0);
                for &(c, w) in row {
                    if (c as usize) < m.stride {
                        m.dense[r * m.stride + c as usize] = w;
                    }
                }
                fingerprint(k) << 32 | (r as u64) << LEN_BITS
            } else {
                fingerprint(k) << 32 | (start as u64) << LEN_BITS | row.len() as u64
            };
            let mut i = (k as usize) & m.mask;
            loop {
                if m.slots[i] == 0 {
                    m.slots[i] = slot;
                    break;
                }
                if m.slots[i] >> 32 == fingerprint(k) {
                    break; // colliding fingerprint: keep the first
                }
                i = (i + 1) & m.mask;
            }
        }
        m
    }

    pub fn n_features(&self) -> usize {
        self.order.len()
    }

    /// A copy without weights smaller than `min_weight` (in weight units) and without
    /// features left empty.
    pub fn pruned(&self, min_weight: f32) -> Model {
        let min_q = min_q(min_weight, self.scale);
        let mut keys = Vec::new();
        let mut lens = Vec::new();
        let mut flat = Vec::new();
        for &(k, s, n) in &self.order {
            let before = flat.len();
            for &c in &self.cells[s as usize..(s + n) as usize] {
                let w = c as u16 as i16;
                if w.unsigned_abs() >= min_q {
                    flat.push(((c >> 16) as u16, w));
                }
            }
            if flat.len() > before {
                keys.push(k);
                lens.push(flat.len() - before);
            }
        }
        Model::build_flat(self.n_classes, self.scale, &keys, &lens, &flat)
    }

    #[inline]
    fn find(&self, k: u64) -> Option<(usize, usize)> {
        let fp = fingerprint(k);
        let mut i = (k as usize) & self.mask;
        loop {
            let s = self.slots[i];
            if s >> 32 == fp {
                let start = ((s as u32) >> LEN_BITS) as usize;
                return Some((start, start + (s as usize & MAX_ROW)));
            }
            if s == 0 {
                return None;
            }
            i = (i + 1) & self.mask;
        }
    }

    /// Starts fetching the table slots of `feats` into the cache (a hint; no effect on results).
    #[inline]
    pub fn prefetch(&self, feats: &[u64]) {
        for &f in feats {
            prefetch(self.slots.as_ptr().wrapping_add(f as usize & self.mask));
        }
    }

    /// Sums the weights of `feats` into `scores` (zeroed first), which has one score per class.
    #[inline]
    pub fn score(&self, feats: &[u64], scores: &mut [i32]) {
        assert_eq!(scores.len(), self.n_classes, "one score per class");
        scores.iter_mut().for_each(|s| *s = 0);
        for &f in feats {
            prefetch(self.slots.as_ptr().wrapping_add(f as usize & self.mask));
        }
        // Rows are found first and their cells prefetched, then added. Dense rows are not
        // prefetched: they are few (a few hundred KiB, which stay in the L2 cache), and
        // prefetching each of their cache lines cost more than it saved.
        let mut sparse = [(0u32, 0u32); MAX_FEATS];
        let mut dense = [0u32; MAX_FEATS];
        let (mut ns, mut nd) = (0, 0);
        for &f in feats {
            if let Some((a, b)) = self.find(f) {
                if a == b {
                    if nd < MAX_FEATS {
                        dense[nd] = a as u32;
                        nd += 1;
                    } else {
                        self.add_dense(&[a as u32], scores);
                    }
                } else {
                    prefetch(self.cells.as_ptr().wrapping_add(a));
                    prefetch(self.cells.as_ptr().wrapping_add(b - 1));
                    if ns < MAX_FEATS {
                        sparse[ns] = (a as u32, b as u32);
                        ns += 1;
                    } else {
                        self.add_sparse(a, b, scores);
                    }
                }
            }
        }
        for &(a, b) in &sparse[..ns] {
            self.add_sparse(a as usize, b as usize, scores);
        }
        self.add_dense(&dense[..nd], scores);
    }

    /// Adds the cells `a..b` to `scores`, which has one score per class.
    #[inline(always)]
    fn add_sparse(&self, a: usize, b: usize, scores: &mut [i32]) {
        debug_assert_eq!(scores.len(), self.n_classes);
        for &c in &self.cells[a..b] {
            // SAFETY: every cell's class is below `n_classes` (checked when the model was
            // built), and `scores` has `n_classes` items (checked by `score`).
            unsafe { *scores.get_unchecked_mut((c >> 16) as usize) += c as u16 as i16 as i32 };
        }
    }

    /// Adds the dense rows numbered `rows` to `scores`.
    #[inline]
    fn add_dense(&self, rows: &[u32], scores: &mut [i32]) {
        #[cfg(target_arch = "x86_64")]
        if self.avx2 {
            let mut off = 0;
            while off < self.stride {
                let left = self.stride - off;
                // SAFETY: AVX2 is available (checked when the model was built); every row
                // number indexes a whole row of `dense` (`stride` weights), and `off + 8 * N`
                // never passes the row's end because `stride` is a multiple of 16.
                unsafe {
                    match left {
                        64.. => dense_avx2::<8>(&self.dense, rows, self.stride, off, scores),
                        48 => dense_avx2::<6>(&self.dense, rows, self.stride, off, scores),
                        32 => dense_avx2::<4>(&self.dense, rows, self.stride, off, scores),
                        _ => dense_avx2::<2>(&self.dense, rows, self.stride, off, scores),
                    }
                }
                off += left.min(64);
            }
            return;
        }
        for &r in rows {
            let a = r as usize * self.stride;
            let row = &self.dense[a..a + self.n_classes];
            for (s, w) in scores.iter_mut().zip(row) {
                *s += *w as i32;
            }
        }
    }

    pub fn write(&self, out: &mut Vec<u8>) {
        put_u32(out, self.n_classes as u32);
        out.extend_from_slice(&self.scale.to_le_bytes());
        put_u32(out, self.order.len() as u32);
        // Keys delta-encoded as varints (sorted), then row lengths, classes, weights.
        let mut prev = 0u64;
        for (k, _, _) in &self.order {
            put_var(out, k.wrapping_sub(prev));
            prev = *k;
        }
        for (_, _, n) in &self.order {
            put_var(out, *n as u64);
        }
        for (_, s, n) in &self.order {
            let mut pc = 0u32;
            for c in &self.cells[*s as usize..(*s + *n) as usize] {
                put_var(out, ((c >> 16) - pc) as u64);
                pc = c >> 16;
            }
        }
        for (_, s, n) in &self.order {
            for c in &self.cells[*s as usize..(*s + *n) as usize] {
                put_var(out, zigzag(*c as u16 as i16 as i64));
            }
        }
    }

    pub fn read(r: &mut Reader) -> Option<Model> {
        let n_classes = r.u32()? as usize;
        let scale = f32::from_bits(r.u32()?);
        let n = r.u32()? as usize;
        if n > r.remaining() {
            return None;
        }
        let mut keys = Vec::with_capacity(n);
        let mut prev = 0u64;
        for _ in 0..n {
            prev = prev.wrapping_add(r.var()?);
            keys.push(prev);
        }
        let mut lens = Vec::with_capacity(n);
        for _ in 0..n {
            lens.push(r.var()? as usize);
        }
        let total: usize = lens.iter().sum();
        if total > r.remaining() {
            return None;
        }
        let mut flat: Vec<(u16, i16)> = Vec::with_capacity(total);
        for &len in &lens {
            let mut pc = 0u64;
            for _ in 0..len {
                pc += r.var()?;
                if pc as usize >= n_classes {
                    return None;
                }
                flat.push((pc as u16, 0));
            }
        }
        for c in &mut flat {
            c.1 = unzigzag(r.var()?) as i16;
        }
        Some(Model::build_flat(n_classes, scale, &keys, &lens, &flat))
    }
}

/// The smallest quantised magnitude kept for a weight threshold.
pub fn min_q(min_weight: f32, scale: f32) -> u16 {
    let q = if scale > 0.0 { (min_weight / scale).ceil() } else { 0.0 };
    (q.clamp(0.0, 30000.0) as u16).max(2)
}

fn zigzag(v: i64) -> u64 {
    ((v << 1) ^ (v >> 63)) as u64
}
fn unzigzag(v: u64) -> i64 {
    ((v >> 1) as i64) ^ -((v & 1) as i64)
}

pub fn put_u32(out: &mut Vec<u8>, v: u32) {
    out.extend_from_slice(&v.to_le_bytes());
}
pub fn put_var(out: &mut Vec<u8>, mut v: u64) {
    while v >= 0x80 {
        out.push((v as u8) | 0x80);
        v >>= 7;
    }
    out.push(v as u8);
}
pub fn put_str(out: &mut Vec<u8>, s: &str) {
    put_var(out, s.len() as u64);
    out.extend_from_slice(s.as_bytes());
}

/// A cursor over model bytes; every read checks bounds.
pub struct Reader<'a> {
    pub buf: &'a [u8],
    pub pos: usize,
}
impl<'a> Reader<'a> {
    pub fn new(buf: &'a [u8]) -> Self {
        Reader { buf, pos: 0 }
    }
    pub fn remaining(&self) -> usize {
        self.buf.len() - self.pos
    }
    pub fn bytes(&mut self, n: usize) -> Option<&'a [u8]> {
        let b = self.buf.get(self.pos..self.pos.checked_add(n)?)?;
        self.pos += n;
        Some(b)
    }
    pub fn u32(&mut self) -> Option<u32> {
        let b = self.bytes(4)?;
        Some(u32::from_le_bytes([b[0], b[1], b[2], b[3]]))
    }
    pub fn var(&mut self) -> Option<u64> {
        let mut v = 0u64;
        for shift in (0..64).step_by(7) {
            let b = *self.buf.get(self.pos)?;
            self.pos += 1;
            v |= ((b & 0x7f) as u64) << shift;
            if b < 0x80 {
                return Some(v);
            }
        }
        None
    }
    pub fn str(&mut self) -> Option<String> {
        let n = self.var()? as usize;
        let b = self.bytes(n)?;
        String::from_utf8(b.to_vec()).ok()
    }
}

impl Model {
    /// Average probe length of present keys (diagnostics).
    pub fn probe_stats(&self) -> (f64, usize) {
        let mut total = 0usize;
        let mut cells = 0usize;
        for (k, _, n) in &self.order {
            let mut i = (*k as usize) & self.mask;
            let mut p = 1;
            while self.slots[i] >> 32 != fingerprint(*k) {
                i = (i + 1) & self.mask;
                p += 1;
            }
            total += p;
            cells += *n as usize;
        }
        (total as f64 / self.order.len().max(1) as f64, cells)
    }
}

impl Model {
    /// Diagnostics: a summary of the table's shape.
    pub fn shape(&self) -> String {
        let mut hist = [0usize; 8];
        for (_, _, n) in &self.order {
            let b = match *n {
                1 => 0,
                2 => 1,
                3..=4 => 2,
                5..=8 => 3,
                9..=16 => 4,
                17..=23 => 5,
                24..=64 => 6,
                _ => 7,
            };
            hist[b] += 1;
        }
        format!(
            "classes {} features {} slots {} cells {} dense rows {} (stride {}) hist 1,2,3-4,5-8,9-16,17-23,24-64,65+: {:?}",
            self.n_classes,
            self.order.len(),
            self.slots.len(),
            self.cells.len(),
            self.dense.len() / self.stride,
            self.stride,
            hist
        )
    }
}
