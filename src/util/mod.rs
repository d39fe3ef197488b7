//! Small helpers every layer may use: stable hashing, lowercasing for
//! word-list look-ups, a seeded random number generator, phase timings.

pub mod compact;
pub mod hash;
pub mod lower;
pub mod rng;
pub mod trace;
