//! The one integration-test binary: each module tests one area through the
//! built binary, the public API, or real clients opening our files.

mod cli;
mod determinism;
mod events_sparql;
mod export_clients;
mod export_props;
mod folder_runs;
mod graph_dbs;
mod hostile;
mod html_view;
mod layers;
mod ner;
mod resolve;
mod roundtrip;
mod scale;
mod score;
mod timeline;
// Not every module uses every helper; unused ones are not errors.
#[allow(dead_code)]
mod util;
