//! What a fokusmål row must satisfy beyond parsing: met ≤ persons ≤ unique
//! persons of 3 months ≤ unique persons of 12 months, a share column that
//! agrees with the counts, and groups that do not sum above their total.

use csv::StringRecord;

use super::{FokusExtract, FokusRow, Series};
use crate::domain::dansk;
use crate::domain::groups::Gruppe;
use crate::domain::value::Value;
use crate::error::{DataError, ErrorKind};
use crate::extract::fields;
use crate::extract::reader::{Earliest, line_list};
use crate::extract::table::Table;

/// The counts of one row agree with each other.
pub(super) fn row(
    t: &Table,
    line: u64,
    rec: &StringRecord,
    row: &FokusRow,
    [c_met, c_u3, c_u12]: [usize; 3],
) -> Result<(), DataError> {
    let inconsistent = |c: usize, message: String| {
        t.value_error(line, c, &rec[c], &message)
            .with_kind(ErrorKind::Inconsistent)
    };
    if let (Value::Known(met), Value::Known(n)) = (row.opfyldt, row.personer)
        && met > n
    {
        return Err(inconsistent(
            c_met,
            format!(
                "is more than \"Antal personer\" ({n}); those who met the goal are counted among the persons"
            ),
        ));
    }
    if let (Value::Known(u3), Value::Known(n)) = (row.unikke_3, row.personer)
        && u3 < n
    {
        return Err(inconsistent(
            c_u3,
            format!(
                "is less than \"Antal personer\" ({n}); the unique persons of the last 3 months include this month's"
            ),
        ));
    }
    if let (Value::Known(u12), Value::Known(u3)) = (row.unikke_12, row.unikke_3)
        && u12 < u3
    {
        return Err(inconsistent(
            c_u12,
            format!(
                "is less than the unique persons of the last 3 months ({u3}); the 12 months include those 3"
            ),
        ));
    }
    Ok(())
}

/// A share column, when the file carries one, must lie in 0..=100 and agree
/// with the counts to the decimals it is written with.
pub(super) fn share(
    t: &Table,
    line: u64,
    rec: &StringRecord,
    c: usize,
    row: &FokusRow,
) -> Result<(), DataError> {
    let field = rec[c].trim();
    let share = fields::parse_number(field).map_err(|m| t.value_error(line, c, field, &m))?;
    let Value::Known(share) = share else {
        return Ok(());
    };
    if !(0.0..=100.0).contains(&share) {
        return Err(t.value_error(
            line,
            c,
            field,
            "is not a share in pct.; expected a number from 0 to 100",
        ));
    }
    let (Value::Known(met), Value::Known(n)) = (row.opfyldt, row.personer) else {
        return Ok(());
    };
    if n == 0 {
        return Ok(());
    }
    let decimals = field
        .rsplit_once([',', '.'])
        .map_or(0, |(_, f)| f.len())
        .min(6);
    let computed = 100.0 * f64::from(met) / f64::from(n);
    let tolerance = 0.5 * 10f64.powi(-(decimals as i32)) + 1e-9;
    if (share - computed).abs() > tolerance {
        let shown = dansk::decimal(computed, decimals);
        return Err(t
            .value_error(
                line,
                c,
                field,
                &format!("disagrees with the counts: {met} of {n} persons is {shown} pct."),
            )
            .with_kind(ErrorKind::Inconsistent)
            .with_hint(
                "correct the share or the counts; the report computes every share from the counts",
            ));
    }
    Ok(())
}

/// A person is in one ydelsesgruppe in a month, so a kommune's groups cannot
/// hold more persons (or more who met the goal) than its `Ydelsesgrupper i
/// alt` row. The unique counts are not checked: over 3 or 12 months a person
/// can pass through several groups. Of several violations, the one on the
/// earliest line is reported.
pub(super) fn group_sums(
    t: &Table,
    x: &FokusExtract,
    c_persons: usize,
    c_met: usize,
) -> Result<(), DataError> {
    type Figure = fn(&FokusRow) -> Value<u32>;
    let figures: [(usize, Figure); 2] = [(c_persons, |r| r.personer), (c_met, |r| r.opfyldt)];
    let mut earliest = Earliest::default();
    for ((kode, anc, group), series) in &x.series {
        if *group != Gruppe::IAlt {
            continue;
        }
        let parts: Vec<&Series> = Gruppe::ALL[1..]
            .iter()
            .filter_map(|g| x.series.get(&(*kode, *anc, *g)))
            .collect();
        if parts.is_empty() {
            continue;
        }
        for (month, total) in series {
            let rows: Vec<&FokusRow> = parts.iter().filter_map(|s| s.get(month)).collect();
            for (c, figure) in figures {
                let Value::Known(total_value) = figure(total) else {
                    continue;
                };
                let sum: u64 = rows
                    .iter()
                    .filter_map(|r| figure(r).known())
                    .map(u64::from)
                    .sum();
                if sum > u64::from(total_value) {
                    earliest.offer(total.line, c, || {
                        (total_value, sum, rows.iter().map(|r| r.line).collect())
                    });
                }
            }
        }
    }
    let Some((line, c, (total_value, sum, lines))) = earliest.into_inner() else {
        return Ok(());
    };
    Err(DataError::value(
        ErrorKind::Inconsistent,
        &t.file,
        line,
        t.column_name(c),
        total_value.to_string(),
        format!(
            "is the total of \"Ydelsesgrupper i alt\", but its ydelsesgrupper (lines {}) sum to {sum}; a person is in one group a month",
            line_list(lines)
        ),
    )
    .with_hint("check that the group rows and the total row belong to the same kommune and month"))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::groups::Maal;
    use crate::extract::fokusmaal::tests::{HEADER, read};

    #[test]
    fn inconsistent_rows_are_rejected() {
        let e =
            read("Sorø;2020M08;Ydelsesgrupper i alt;Mindst 12 mdr.;500;501;578;800\n").unwrap_err();
        assert_eq!(e.kind, ErrorKind::Inconsistent);
        assert_eq!(
            e.column.as_deref(),
            Some("Antal personer med mindst 4 samtaler")
        );
        assert_eq!(e.line, Some(2));
        let e =
            read("Sorø;2020M08;Ydelsesgrupper i alt;Mindst 12 mdr.;500;450;499;800\n").unwrap_err();
        assert_eq!(
            e.column.as_deref(),
            Some("Antal unikke personer seneste 3 mdr.")
        );
        let e =
            read("Sorø;2020M08;Ydelsesgrupper i alt;Mindst 12 mdr.;500;450;578;577\n").unwrap_err();
        assert_eq!(
            e.column.as_deref(),
            Some("Antal unikke personer seneste 12 mdr.")
        );
    }

    #[test]
    fn groups_that_hold_more_than_the_total_are_caught() {
        let ok = "Sorø;2020M08;Ydelsesgrupper i alt;Mindst 12 mdr.;500;450;578;800\nSorø;2020M08;A-dagpenge;Mindst 12 mdr.;200;190;250;400\nSorø;2020M08;Kontanthjælp;Mindst 12 mdr.;300;260;330;500\n";
        read(ok).unwrap();
        let e = read(&ok.replace(";300;260;330;500", ";301;260;330;500")).unwrap_err();
        assert_eq!(e.kind, ErrorKind::Inconsistent);
        assert_eq!(
            e.to_string(),
            "fokusmaal-samtaler.csv:2: column \"Antal personer\": \"500\" is the total of \"Ydelsesgrupper i alt\", but its ydelsesgrupper (lines 3, 4) sum to 501; a person is in one group a month"
        );
        let e = read(&ok.replace(";300;260;330;500", ";300;261;330;500")).unwrap_err();
        assert_eq!(
            e.column.as_deref(),
            Some("Antal personer med mindst 4 samtaler")
        );
        // Discretized group cells count as nothing; the unique counts may overlap.
        read(&ok.replace(";300;260;330;500", ";.;.;330;900")).unwrap();
    }

    #[test]
    fn a_share_column_must_agree_with_the_counts() {
        let header = format!("{HEADER};Andel med mindst 4 samtaler (pct.)");
        let read = |body: &str| {
            FokusExtract::from_table(
                Maal::Samtaler,
                &Table::parse("fokusmaal-samtaler.csv", format!("{header}\n{body}")).unwrap(),
            )
        };
        read("Sorø;2020M08;Ydelsesgrupper i alt;Mindst 12 mdr.;500;450;578;800;90,0\n").unwrap();
        read("Sorø;2020M08;Ydelsesgrupper i alt;Mindst 12 mdr.;.;450;578;800;91,3\n").unwrap();
        let e = read("Sorø;2020M08;Ydelsesgrupper i alt;Mindst 12 mdr.;500;450;578;800;90,1\n")
            .unwrap_err();
        assert_eq!(e.kind, ErrorKind::Inconsistent);
        assert_eq!(
            e.to_string(),
            "fokusmaal-samtaler.csv:2: column \"Andel med mindst 4 samtaler (pct.)\": \"90,1\" disagrees with the counts: 450 of 500 persons is 90,0 pct."
        );
        let e = read("Sorø;2020M08;Ydelsesgrupper i alt;Mindst 12 mdr.;500;450;578;800;190\n")
            .unwrap_err();
        assert!(
            e.to_string()
                .ends_with("\"190\" is not a share in pct.; expected a number from 0 to 100"),
            "{e}"
        );
    }
}
