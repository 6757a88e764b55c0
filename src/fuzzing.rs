//! The bodies of the fuzz targets in `fuzz/`, here so that the integration
//! tests run the same checks over the committed corpus and crash inputs on
//! stable Rust. Each takes arbitrary bytes; none may panic, and each asserts
//! what the readers promise about what they accept.

use crate::domain::groups::{Maal, PerMaal};
use crate::domain::kommune::Kommune;
use crate::domain::value::Value;
use crate::extract::dataset::Dataset;
use crate::extract::decode::decode;
use crate::extract::fokusmaal::FokusExtract;
use crate::extract::table::Table;
use crate::extract::y30r21::{self, Y30R21};
use crate::measures::Landsbillede;
use crate::model::{Oversigt, ReportModel};

/// Table Y30R21 from bytes: decoding, the CSV reader and the interpretation.
/// An error must name the file; an accepted table keeps its periods.
pub fn y30r21(bytes: &[u8]) {
    let file = y30r21::FILE_NAME;
    let result = decode(file, bytes)
        .and_then(|text| Table::parse(file, text))
        .and_then(|table| Y30R21::from_table(&table));
    match result {
        Ok(t) => assert!(t.rows.keys().all(|(_, p, _)| t.periods.contains(p))),
        Err(e) => assert!(e.to_string().starts_with(file), "{e}"),
    }
}

/// A fokusmål extract: the first byte picks the goal, the rest is the file.
/// An error must name the file; an accepted extract has no row with more
/// persons meeting the goal than persons.
pub fn fokusmaal(input: &[u8]) {
    let Some((&first, bytes)) = input.split_first() else {
        return;
    };
    let maal = Maal::ALL[usize::from(first) % Maal::ALL.len()];
    let file = maal.file_name();
    let result = decode(file, bytes)
        .and_then(|text| Table::parse(file, text))
        .and_then(|table| FokusExtract::from_table(maal, &table));
    match result {
        Ok(x) => {
            for series in x.series.values() {
                for (month, row) in series {
                    assert!(x.months.contains(month));
                    if let (Value::Known(met), Value::Known(n)) = (row.opfyldt, row.personer) {
                        assert!(
                            met <= n,
                            "met above persons was accepted on line {}",
                            row.line
                        );
                    }
                }
            }
        }
        Err(e) => assert!(e.to_string().starts_with(file), "{e}"),
    }
}

/// The whole computation on a hostile fokusmål extract: the bytes are read
/// as the samtaler file and, with the met column renamed, as each other
/// goal's file, beside `resultat`; when they read, the measures, every
/// kommune's report model and the overview are computed for the last month.
/// Returns how many report models were built, so that tests can check that a
/// corpus reaches past the readers.
pub fn pipeline(bytes: &[u8], resultat: &Y30R21) -> usize {
    let Ok(text) = decode(Maal::Samtaler.file_name(), bytes) else {
        return 0;
    };
    let read = |maal: Maal| {
        let text = text.replacen(Maal::Samtaler.met_column(), maal.met_column(), 1);
        Table::parse(maal.file_name(), text)
            .and_then(|t| FokusExtract::from_table(maal, &t))
            .map_err(drop)
    };
    let Ok(fokus) = PerMaal::from_fn(read).transpose() else {
        return 0;
    };
    let Some((_, last)) = fokus[Maal::Samtaler].span() else {
        return 0;
    };
    let data = Dataset {
        dir: "fuzz".into(),
        resultat: resultat.clone(),
        fokus,
    };
    let Ok(land) = Landsbillede::new(&data, last, None) else {
        return 0;
    };
    serde_json::to_vec(&Oversigt::build(&land)).expect("the overview serialises");
    let mut built = 0;
    for k in Kommune::all() {
        if let Ok(model) = ReportModel::build(&land, k) {
            serde_json::to_vec(&model).expect("a model serialises");
            built += 1;
        }
    }
    built
}
