//! How Danish prints numbers and months: the one formatter for the program's
//! own text (messages, `status.csv`). The report's typography is the
//! template's (`report-templates/lib/format.typ`).

/// The Danish month names in lower case, January first.
const MAANEDER: [&str; 12] = [
    "januar",
    "februar",
    "marts",
    "april",
    "maj",
    "juni",
    "juli",
    "august",
    "september",
    "oktober",
    "november",
    "december",
];

/// The Danish name of a month (1-12) in lower case: `august`.
///
/// ```
/// assert_eq!(jobcenterindblik::domain::dansk::maaned(8), "august");
/// ```
pub fn maaned(month: u32) -> &'static str {
    MAANEDER[(month as usize).clamp(1, 12) - 1]
}

/// A date as Danish writes it: `1. september 2020`.
///
/// ```
/// assert_eq!(jobcenterindblik::domain::dansk::dato(2020, 9, 1), "1. september 2020");
/// ```
pub fn dato(year: i32, month: u32, day: u32) -> String {
    format!("{day}. {} {year}", maaned(month))
}

/// Upper-cases the first letter: `august 2020` → `August 2020`.
pub fn capitalise(s: &str) -> String {
    let mut chars = s.chars();
    match chars.next() {
        Some(c) => c.to_uppercase().chain(chars).collect(),
        None => String::new(),
    }
}

/// `x` with exactly `decimals` decimals and a decimal comma, rounded half
/// away from zero: `0,53`, `-0,19`, `94,05`.
///
/// ```
/// use jobcenterindblik::domain::dansk::decimal;
/// assert_eq!(decimal(0.53, 2), "0,53");
/// assert_eq!(decimal(-0.185, 2), "-0,19");
/// assert_eq!(decimal(91.64969450101833, 1), "91,6");
/// assert_eq!(decimal(-0.001, 2), "0,00");
/// assert_eq!(decimal(-0.0, 1), "0,0");
/// ```
pub fn decimal(x: f64, decimals: usize) -> String {
    let scale = 10f64.powi(decimals as i32);
    // `+ 0.0` turns a negative zero (-0.001 rounded) into zero: no "-0,00".
    format!("{:.decimals$}", (x * scale).round() / scale + 0.0).replace('.', ",")
}

/// `x` rounded to at most `decimals` decimals, without trailing zeros, with
/// a decimal comma: `-40`, `9,1`, `-0,26`, as the extracts write numbers.
///
/// ```
/// use jobcenterindblik::domain::dansk::kort;
/// assert_eq!(kort(-40.0, 2), "-40");
/// assert_eq!(kort(9.10, 2), "9,1");
/// assert_eq!(kort(1710.0, 2), "1710");
/// ```
pub fn kort(x: f64, decimals: usize) -> String {
    let s = decimal(x, decimals);
    if s.contains(',') {
        s.trim_end_matches('0').trim_end_matches(',').to_string()
    } else {
        s
    }
}

/// `x` as the report prints it: thousands points and a decimal comma,
/// `1.710`, `93,1`, `-0,26`.
///
/// ```
/// use jobcenterindblik::domain::dansk::tal;
/// assert_eq!(tal(1710.0, 0), "1.710");
/// assert_eq!(tal(-1234567.891, 2), "-1.234.567,89");
/// assert_eq!(tal(93.1, 1), "93,1");
/// ```
pub fn tal(x: f64, decimals: usize) -> String {
    let s = decimal(x, decimals);
    let (sign, s) = s.strip_prefix('-').map_or(("", s.as_str()), |r| ("-", r));
    let (int, frac) = s.split_once(',').map_or((s, None), |(i, f)| (i, Some(f)));
    let mut grouped = String::with_capacity(int.len() + int.len() / 3);
    for (i, c) in int.chars().enumerate() {
        if i > 0 && (int.len() - i).is_multiple_of(3) {
            grouped.push('.');
        }
        grouped.push(c);
    }
    match frac {
        Some(f) => format!("{sign}{grouped},{f}"),
        None => format!("{sign}{grouped}"),
    }
}
