//! The one integration-test binary: each module covers one area and runs
//! the real `newsgraph` binary or the library end to end.

mod determinism;
mod hostile;
mod util;
