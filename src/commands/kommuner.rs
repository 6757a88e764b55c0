//! `jobcenterindblik kommuner`: the 98 kommuner and their codes.

use std::fmt::Write as _;

use anyhow::Result;

use crate::cli::{KommunerArgs, ListFormat};
use crate::domain::kommune::Kommune;
use crate::model::KommuneInfo;
use crate::output;

/// Prints the list as a table or as JSON.
pub fn run(args: &KommunerArgs) -> Result<()> {
    let bytes = if args.format == ListFormat::Json {
        let list: Vec<KommuneInfo> = Kommune::all().iter().map(KommuneInfo::from).collect();
        super::setup::to_json(&list)?
    } else {
        table().into_bytes()
    };
    output::write_stdout(&bytes)
}

/// `kode  navn` lines, ordered by kode.
pub fn table() -> String {
    let mut out = String::from("kode  navn\n");
    for k in Kommune::all() {
        writeln!(out, "{}   {}", k.kode_str(), k.navn).expect("writing to a String");
    }
    out
}
