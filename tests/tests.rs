//! The one integration-test binary: topic modules over shared helpers.

#[macro_use]
mod util;

mod bad_inputs;
mod batch;
mod beyond;
mod cli;
mod every_month;
mod files;
mod fuzz_inputs;
mod generator;
mod hostile;
mod inputs;
mod layout;
mod months;
mod options;
mod pdf;
mod reading;
mod real_y30r21;
mod rules;
mod seeds;
mod snapshots;
mod summary;
mod workers;
