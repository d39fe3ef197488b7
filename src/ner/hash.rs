//! Stable 64-bit hashing for features and gazetteer names: FNV-1a over
//! bytes and a splitmix64 finaliser to combine values. Fixed functions (not
//! `std`'s randomly seeded hasher) so that a trained model means the same
//! thing in every process and on every platform.

/// FNV-1a of `bytes`.
pub fn fnv(bytes: &[u8]) -> u64 {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for b in bytes {
        h ^= u64::from(*b);
        h = h.wrapping_mul(0x0100_0000_01b3);
    }
    h
}

/// splitmix64 finaliser: spreads every input bit over the output.
pub fn finish(mut z: u64) -> u64 {
    z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
    z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
    z ^ (z >> 31)
}

/// Combines two hashes (order matters).
pub fn mix(a: u64, b: u64) -> u64 {
    finish(a.wrapping_mul(0x9e37_79b9_7f4a_7c15) ^ b)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn stable_and_order_sensitive() {
        // FNV-1a reference value for "a".
        assert_eq!(fnv(b"a"), 0xaf63_dc4c_8601_ec8c);
        assert_ne!(mix(1, 2), mix(2, 1));
        assert_ne!(finish(0), finish(1));
    }
}
