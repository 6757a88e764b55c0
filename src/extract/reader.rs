//! What the two readers share beyond the table: each distinct label parsed
//! once ([`Memo`]), and of several problems the one a reader would look at
//! first ([`Earliest`]).

use rustc_hash::FxHashMap;

/// Remembers how each distinct text of a column parsed. Extracts repeat a
/// few hundred area, period and group names over a hundred thousand rows, so
/// each is parsed once; and rows come sorted, so the text of the row before
/// is the likeliest and is tried first.
#[derive(Debug)]
pub struct Memo<T> {
    seen: FxHashMap<String, T>,
    last: Option<(String, T)>,
}

impl<T: Copy> Default for Memo<T> {
    fn default() -> Self {
        Memo {
            seen: FxHashMap::default(),
            last: None,
        }
    }
}

impl<T: Copy> Memo<T> {
    /// The parsed value of `text`, parsing it with `parse` the first time.
    /// Failures are not remembered (they end the read anyway).
    pub fn get<E>(&mut self, text: &str, parse: impl FnOnce(&str) -> Result<T, E>) -> Result<T, E> {
        if let Some((last, v)) = &self.last
            && last == text
        {
            return Ok(*v);
        }
        let v = match self.seen.get(text) {
            Some(v) => *v,
            None => {
                let v = parse(text)?;
                self.seen.insert(text.to_string(), v);
                v
            }
        };
        match &mut self.last {
            Some((last, value)) => {
                last.clear();
                last.push_str(text);
                *value = v;
            }
            None => self.last = Some((text.to_string(), v)),
        }
        Ok(v)
    }
}

/// Of several problems found in a table, the one at the earliest cell (by
/// line, then column), so that a message points where a reader would look
/// first. The details are made only for the problem that is kept.
#[derive(Debug)]
pub struct Earliest<T> {
    best: Option<(u64, usize, T)>,
}

impl<T> Default for Earliest<T> {
    fn default() -> Self {
        Earliest { best: None }
    }
}

impl<T> Earliest<T> {
    /// Keeps the problem at `line` and `column` if it comes before the one kept so far.
    pub fn offer(&mut self, line: u64, column: usize, details: impl FnOnce() -> T) {
        if self
            .best
            .as_ref()
            .is_none_or(|(l, c, _)| (line, column) < (*l, *c))
        {
            self.best = Some((line, column, details()));
        }
    }

    /// The earliest problem: its line, column and details.
    pub fn into_inner(self) -> Option<(u64, usize, T)> {
        self.best
    }
}

/// Line numbers for a message, in order: `38713, 38714, 38715`.
pub fn line_list(mut lines: Vec<u64>) -> String {
    lines.sort_unstable();
    lines
        .iter()
        .map(u64::to_string)
        .collect::<Vec<_>>()
        .join(", ")
}
