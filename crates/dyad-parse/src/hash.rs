//! Feature hashing: 64-bit multiplicative mixing of small integer ids and string hashes.

const K: u64 = 0x517c_c1b7_2722_0a95;

/// Mixes one value into a running hash.
#[inline(always)]
pub fn mix(h: u64, x: u64) -> u64 {
    (h.rotate_left(5) ^ x).wrapping_mul(K)
}

/// Final avalanche so that low bits of the hash are well distributed.
#[inline(always)]
pub fn finish(mut h: u64) -> u64 {
    h ^= h >> 33;
    h = h.wrapping_mul(0xff51_afd7_ed55_8ccd);
    h ^= h >> 33;
    h
}

/// Hash of a byte string.
#[inline]
pub fn bytes(b: &[u8]) -> u64 {
    let mut h = 0x243f_6a88_85a3_08d3u64;
    let mut chunks = b.chunks_exact(8);
    for c in &mut chunks {
        h = mix(h, u64::from_le_bytes([c[0], c[1], c[2], c[3], c[4], c[5], c[6], c[7]]));
    }
    let mut last = 0u64;
    for (i, &x) in chunks.remainder().iter().enumerate() {
        last |= (x as u64) << (8 * i);
    }
    finish(mix(mix(h, last), b.len() as u64))
}

/// Hash of a string's lowercase form, without allocating for ASCII text.
pub fn lower(s: &str) -> u64 {
    if s.bytes().all(|b| !b.is_ascii_uppercase()) {
        return bytes(s.as_bytes());
    }
    if s.is_ascii() {
        let mut buf = [0u8; 64];
        if s.len() <= 64 {
            for (d, b) in buf.iter_mut().zip(s.bytes()) {
                *d = b.to_ascii_lowercase();
            }
            return bytes(&buf[..s.len()]);
        }
    }
    bytes(s.to_lowercase().as_bytes())
}

/// Combines a feature template id with values into the feature's key.
#[inline(always)]
pub fn feat1(t: u64, a: u64) -> u64 {
    finish(mix(mix(0, t), a))
}
#[inline(always)]
pub fn feat2(t: u64, a: u64, b: u64) -> u64 {
    finish(mix(mix(mix(0, t), a), b))
}
#[inline(always)]
pub fn feat3(t: u64, a: u64, b: u64, c: u64) -> u64 {
    finish(mix(mix(mix(mix(0, t), a), b), c))
}
