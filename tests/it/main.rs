//! The one integration-test binary: each module runs the real `newsgraph`
//! binary or opens its output in real clients.

mod cli;
mod util;
