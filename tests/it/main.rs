//! The one integration-test binary: each module runs the real `newsgraph`
//! binary or opens its output in real clients.

mod cli;
mod timeline;
// Not every helper is used by every module set; unused ones are not errors.
#[allow(dead_code)]
mod util;
