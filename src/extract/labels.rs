//! Messages for the labels a reader does not know, with the closest ones it
//! does: an area that is neither a kommune nor an aggregate, a ydelsesgruppe
//! the fokusmål extracts do not have.

use crate::domain::groups::Gruppe;
use crate::domain::kommune;
use crate::domain::label;
use crate::error::{DataError, ErrorKind};
use crate::extract::table::Table;

/// The error for an area name that is neither a kommune nor an aggregate.
pub fn unknown_area(t: &Table, line: u64, column: usize, text: &str) -> DataError {
    let suggestions = kommune::suggest(text);
    let mut message =
        "is not one of the 98 kommuner, \"Hele landet\" or an \"RAR …\" area".to_string();
    if !suggestions.is_empty() {
        message.push_str(&format!(
            "; did you mean {}?",
            kommune::or_list(&suggestions)
        ));
    }
    t.value_error(line, column, text, &message)
        .with_kind(ErrorKind::UnknownArea)
}

/// The error for a ydelsesgruppe the fokusmål extracts do not have.
pub fn unknown_group(t: &Table, line: u64, column: usize, text: &str) -> DataError {
    let key = label::key(text);
    // A label this long is no group's; comparing it would cost its length
    // times theirs.
    let comparable = key.chars().count() <= 100;
    let mut best: Vec<(f64, &str)> = Gruppe::ALL
        .iter()
        .filter(|_| comparable)
        .map(|g| {
            (
                strsim::jaro_winkler(&key, &label::key(g.label())),
                g.label(),
            )
        })
        .filter(|(s, _)| *s > 0.8)
        .collect();
    best.sort_by(|a, b| b.0.total_cmp(&a.0));
    let mut message = "is not a ydelsesgruppe of the fokusmål extracts".to_string();
    if let Some((_, label)) = best.first() {
        message.push_str(&format!("; did you mean \"{label}\"?"));
    }
    t.value_error(line, column, text, &message)
        .with_hint(format!(
            "the groups are {}",
            Gruppe::ALL.map(|g| format!("\"{}\"", g.label())).join(", ")
        ))
}
