//! The one integration-test binary: each module tests one area through the
//! public API or the built binary.

mod export_clients;
mod export_props;
mod util;
