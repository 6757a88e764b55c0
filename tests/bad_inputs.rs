//! Hostile and broken inputs, one test each: a case breaks one thing, runs
//! the binary, and holds its exact message (standard error, with the
//! temporary folder filtered to `[TMP]`) in a snapshot. Every case must fail
//! with the expected exit code and write nothing.

use std::path::Path;

use crate::util::{Cmd, fixture, fixtures_in, stderr};

const Y30: &str = "Y30R21.csv";
const SAMTALER: &str = "fokusmaal-samtaler.csv";
const AKTIVE: &str = "fokusmaal-aktive-tilbud.csv";

/// What a case does to the data folder or the command line.
enum Break {
    /// Replaces a file's bytes.
    Bytes(&'static str, fn() -> Vec<u8>),
    /// Edits a file's text.
    Text(&'static str, fn(String) -> String),
    /// Leaves the data alone; the command line is the problem.
    Args,
}

struct Case {
    name: &'static str,
    brk: Break,
    kommune: &'static str,
    periode: &'static str,
    extra: &'static [&'static str],
    code: i32,
}

const fn case(name: &'static str, brk: Break) -> Case {
    Case {
        name,
        brk,
        kommune: "Sorø",
        periode: "2020-08",
        extra: &[],
        code: 1,
    }
}

/// Applies `f` to the fields of the first line that starts with `prefix`.
fn edit_line(text: String, prefix: &str, f: impl Fn(&mut Vec<String>)) -> String {
    let mut done = false;
    let lines: Vec<String> = text
        .split_inclusive('\n')
        .map(|l| {
            if done || !l.starts_with(prefix) {
                return l.to_string();
            }
            done = true;
            let (body, end) = l.split_at(l.trim_end_matches(['\r', '\n']).len());
            let mut fields: Vec<String> = body.split(';').map(String::from).collect();
            f(&mut fields);
            fields.join(";") + end
        })
        .collect();
    assert!(done, "no line starts with {prefix:?}");
    lines.concat()
}

/// One test per case, each named after it, so that one mismatch does not
/// hide the others.
macro_rules! bad_inputs {
    ($($test:ident: $case:expr;)+) => {$(
        #[test]
        fn $test() {
            check($case);
        }
    )+};
}

bad_inputs! {
    empty_file: case("empty-file", Break::Bytes(Y30, Vec::new));
    header_only: case(
        "header-only",
        Break::Text(SAMTALER, |t| t.lines().next().unwrap().to_string() + "\r\n"),
    );
    binary_garbage: case(
        "binary-garbage",
        Break::Bytes(AKTIVE, || {
            let mut b = b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR".to_vec();
            b.extend((0u32..2000).map(|i| (i.wrapping_mul(2_654_435_761) >> 13) as u8));
            b
        }),
    );
    truncated_last_line: case(
        "truncated-last-line",
        Break::Text(SAMTALER, |t| {
            let keep = t.trim_end().len() - 12;
            t[..keep].to_string()
        }),
    );
    unbalanced_quote: case(
        "unbalanced-quote",
        Break::Text(SAMTALER, |t| {
            edit_line(t, "Sorø;2020M03;Ydelsesgrupper i alt;Mindst", |f| {
                f[0] = "\"Sorø".into()
            })
        }),
    );
    wrong_delimiter: case("wrong-delimiter", Break::Text(Y30, |t| t.replace(';', "|")));
    mixed_delimiters: case(
        "mixed-delimiters",
        Break::Text(AKTIVE, |t| {
            edit_line(t, "Ballerup;2019M05;", |f| {
                let joined = f.join(",");
                f.clear();
                f.push(joined);
            })
        }),
    );
    windows_1252_mixed_with_utf_8: case(
        "windows-1252-mixed-with-utf-8",
        Break::Bytes(Y30, || {
            let text = fixture(Y30);
            let (head, tail) = text.split_at(text.find("\nSorø;").unwrap());
            let (cp1252, _, _) = encoding_rs::WINDOWS_1252.encode(tail);
            [head.as_bytes(), &cp1252].concat()
        }),
    );
    utf_16_without_byte_order_mark: case(
        "utf-16-without-byte-order-mark",
        Break::Bytes(SAMTALER, || {
            let text: String = fixture(SAMTALER)
                .lines()
                .take(50)
                .collect::<Vec<_>>()
                .join("\r\n");
            text.encode_utf16().flat_map(u16::to_le_bytes).collect()
        }),
    );
    negative_count: case(
        "negative-count",
        Break::Text(SAMTALER, |t| {
            edit_line(t, "Sorø;2020M08;Ydelsesgrupper i alt;Mindst", |f| {
                f[4] = "-512".into()
            })
        }),
    );
    count_with_decimals: case(
        "count-with-decimals",
        Break::Text(AKTIVE, |t| {
            edit_line(t, "Sorø;2020M07;Kontanthjælp;Mindst", |f| {
                f[5] = "87,5".into()
            })
        }),
    );
    share_above_100: case(
        "share-above-100",
        Break::Text(Y30, |t| {
            edit_line(t, "Sorø;2020QMAT02;Ydelsesgrupper i alt", |f| {
                f[7] = "108,84".into()
            })
        }),
    );
    share_column_disagrees_with_counts: case(
        "share-column-disagrees-with-counts",
        Break::Text(SAMTALER, |t| {
            let mut lines: Vec<String> = t.lines().map(String::from).collect();
            lines[0].push_str(";Andel med mindst 4 samtaler (pct.)");
            for l in &mut lines[1..] {
                let f: Vec<&str> = l.split(';').collect();
                let count = |s: &str| s.replace('.', "").parse::<f64>().ok();
                let share = match (count(f[5]), count(f[4])) {
                    (Some(m), Some(n)) if n > 0.0 => {
                        format!("{:.1}", 100.0 * m / n).replace('.', ",")
                    }
                    _ => ".".into(),
                };
                l.push(';');
                l.push_str(&share);
            }
            let text = lines.join("\n") + "\n";
            edit_line(text, "Sorø;2020M06;Ydelsesgrupper i alt;Mindst", |f| {
                f[8] = "95,0".into()
            })
        }),
    );
    met_above_persons: case(
        "met-above-persons",
        Break::Text(SAMTALER, |t| {
            edit_line(t, "Sorø;2020M08;Ydelsesgrupper i alt;Mindst", |f| {
                f[5] = "9.999".into()
            })
        }),
    );
    unique_below_monthly_persons: case(
        "unique-below-monthly-persons",
        Break::Text(AKTIVE, |t| {
            edit_line(t, "Sorø;2020M08;Ydelsesgrupper i alt;Mindst", |f| {
                f[6] = "10".into()
            })
        }),
    );
    groups_above_the_total: case(
        "groups-above-the-total",
        Break::Text(SAMTALER, |t| {
            edit_line(t, "Sorø;2020M08;Ydelsesgrupper i alt;Mindst", |f| {
                f[4] = "100".into();
                f[5] = "90".into();
            })
        }),
    );
    forskel_disagrees: case(
        "forskel-disagrees",
        Break::Text(Y30, |t| {
            edit_line(t, "Sorø;2020QMAT02;Ydelsesgrupper i alt", |f| {
                f[8] = "-0,62".into()
            })
        }),
    );
    missing_column: case(
        "missing-column",
        Break::Text(AKTIVE, |t| {
            t.replacen("Antal unikke personer seneste 3 mdr.", "Unikke 3 mdr", 1)
        }),
    );
    month_missing_in_a_window: case(
        "month-missing-in-a-window",
        Break::Text(SAMTALER, |t| {
            t.split_inclusive('\n')
                .filter(|l| !l.starts_with("Sorø;2020M05;Ydelsesgrupper i alt;Mindst"))
                .collect()
        }),
    );
    same_row_twice: case(
        "same-row-twice",
        Break::Text(Y30, |t| {
            let line = t
                .lines()
                .find(|l| l.starts_with("Sorø;2020QMAT02;A-dagpenge"))
                .unwrap()
                .to_string();
            format!("{t}{line}\r\n")
        }),
    );
    unknown_area: case(
        "unknown-area",
        Break::Text(AKTIVE, |t| {
            edit_line(t, "Ballerup;2019M02;", |f| f[0] = "Balerup Kommune".into())
        }),
    );
    kommune_missing_entirely: Case {
        kommune: "Samsø",
        ..case(
            "kommune-missing-entirely",
            Break::Text(SAMTALER, |t| {
                t.split_inclusive('\n')
                    .filter(|l| !l.starts_with("Samsø;"))
                    .collect()
            }),
        )
    };
    period_after_the_data: Case {
        periode: "2022-03",
        ..case("period-after-the-data", Break::Args)
    };
    periode_month_13: Case {
        periode: "2020-13",
        code: 2,
        ..case("periode-month-13", Break::Args)
    };
    periode_in_words: Case {
        periode: "aug 2020",
        code: 2,
        ..case("periode-in-words", Break::Args)
    };
    field_of_ten_megabytes: case(
        "field-of-ten-megabytes",
        Break::Text(AKTIVE, |t| {
            edit_line(t, "Ballerup;2019M02;", |f| f[0] = "Ballerup".repeat(1_310_720))
        }),
    );
    count_beyond_the_population: case(
        "count-beyond-the-population",
        Break::Text(SAMTALER, |t| {
            edit_line(t, "Sorø;2020M08;Ydelsesgrupper i alt;Mindst", |f| {
                f[7] = "7.000.000".into()
            })
        }),
    );
    difference_of_shares_beyond_100: case(
        "difference-of-shares-beyond-100",
        Break::Text(Y30, |t| {
            edit_line(t, "Sorø;2020QMAT02;Ydelsesgrupper i alt", |f| {
                f[8] = "-150,00".into()
            })
        }),
    );
    unknown_kommune: Case {
        kommune: "Sorå Kommune",
        code: 2,
        ..case("unknown-kommune", Break::Args)
    };
    template_folder_without_main: Case {
        extra: &["--template", "[EMPTY]"],
        ..case("template-folder-without-main", Break::Args)
    };
}

/// Runs the binary on the broken input: the message must match its snapshot
/// (with the temporary folder filtered to `[TMP]`), the exit code must be
/// the case's, and nothing may be written.
fn check(case: Case) {
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("data");
    let out = dir.path().join("out");
    let empty = dir.path().join("template");
    for d in [&data, &out, &empty] {
        std::fs::create_dir(d).unwrap();
    }
    let (file, bytes) = match case.brk {
        Break::Bytes(file, make) => (file, make()),
        Break::Text(file, edit) => (file, edit(fixture(file)).into_bytes()),
        Break::Args => (Y30, fixture(Y30).into_bytes()),
    };
    fixtures_in(&data, file, |path| std::fs::write(path, bytes).unwrap());
    let o = Cmd::new([
        "report",
        "--kommune",
        case.kommune,
        "--periode",
        case.periode,
    ])
    .data(&data)
    .out(out.join("rapport.pdf"))
    .args(case.extra.iter().map(|a| match *a {
        "[EMPTY]" => empty.as_os_str(),
        a => std::ffi::OsStr::new(a),
    }))
    .current_dir(dir.path())
    .run();
    let message = stderr(&o);
    insta::with_settings!({ filters => vec![(tmp_filter(dir.path()).as_str(), "[TMP]")] }, {
        insta::assert_snapshot!(case.name, message);
    });
    assert_eq!(o.status.code(), Some(case.code), "{}: exit code", case.name);
    assert_eq!(
        std::fs::read_dir(&out).unwrap().count(),
        0,
        "{}: something was written",
        case.name
    );
    assert_eq!(
        std::fs::read_dir(&data).unwrap().count(),
        3,
        "{}: the data folder holds only the three extracts afterwards",
        case.name
    );
}

/// A regular expression that matches a temporary folder's path literally.
fn tmp_filter(dir: &Path) -> String {
    dir.to_str()
        .expect("a UTF-8 temporary path")
        .chars()
        .flat_map(|c| {
            let meta = "\\.+*?()|[]{}^$#&-~".contains(c);
            meta.then_some('\\').into_iter().chain([c])
        })
        .collect()
}
