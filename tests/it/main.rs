//! The one integration-test binary: each module tests one area through the
//! built binary, the public API, or real clients opening our files.

mod cli;
mod events_sparql;
mod export_clients;
mod export_props;
mod ner;
mod resolve;
mod timeline;
// Not every module uses every helper; unused ones are not errors.
#[allow(dead_code)]
mod util;
