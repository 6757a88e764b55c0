//! The comparable form of a label, so that jobindsats' many spellings of one
//! column or category compare equal.

/// The comparable form of a label: the part after the last `": "`, in lower
/// case, without parentheses, full stops or repeated spaces. The API's long
/// label `…offentlig forsørgelse: Forventet andel (pct.)` and the short
/// `Forventet andel` both give `forventet andel`.
///
/// ```
/// use jobcenterindblik::domain::label::key;
/// assert_eq!(key("Forventet og faktisk andel: Forventet andel (pct.)"), "forventet andel");
/// assert_eq!(key("Mindst 12 mdr."), "mindst 12 mdr");
/// ```
pub fn key(label: &str) -> String {
    let label = label.rsplit_once(": ").map_or(label, |(_, m)| m);
    let mut out = String::with_capacity(label.len());
    let mut depth = 0u32;
    for c in label.chars().flat_map(char::to_lowercase) {
        match c {
            '(' => depth += 1,
            ')' => depth = depth.saturating_sub(1),
            '.' => {}
            _ if depth > 0 => {}
            c if c.is_whitespace() => {
                if !out.ends_with(' ') {
                    out.push(' ');
                }
            }
            c => out.push(c),
        }
    }
    out.trim().to_string()
}
