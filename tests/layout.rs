//! The shape of `src/`, checked: the folders are the pipeline's stages and a
//! stage uses only the stages before it; no two modules import each other;
//! no file is over 450 lines and no function over 80.

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

/// The stages in pipeline order; other top-level modules (commands, cli,
/// output, …) stand outside the line and may use every stage.
const STAGES: [&str; 6] = ["domain", "error", "extract", "measures", "model", "pdf"];

/// Every `.rs` file under `src/`, by module path (`extract::y30r21::checks`).
fn modules() -> BTreeMap<String, String> {
    fn walk(dir: &Path, out: &mut Vec<PathBuf>) {
        for e in std::fs::read_dir(dir).unwrap() {
            let p = e.unwrap().path();
            if p.is_dir() {
                walk(&p, out);
            } else if p.extension().is_some_and(|x| x == "rs") {
                out.push(p);
            }
        }
    }
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let mut files = Vec::new();
    walk(&src, &mut files);
    files
        .into_iter()
        .map(|p| {
            let rel = p.strip_prefix(&src).unwrap().with_extension("");
            let path: Vec<String> = rel.iter().map(|c| c.to_string_lossy().into()).collect();
            (path.join("::"), std::fs::read_to_string(&p).unwrap())
        })
        .collect()
}

/// The modules a file uses through `crate::…` paths (comments, doc links
/// and test modules left out).
fn uses(text: &str, modules: &BTreeMap<String, String>) -> BTreeSet<String> {
    let code: String = text
        .split("#[cfg(test)]")
        .next()
        .unwrap()
        .lines()
        .map(|l| l.split("//").next().unwrap())
        .collect::<Vec<_>>()
        .join("\n");
    let mut out = BTreeSet::new();
    for (i, _) in code.match_indices("crate::") {
        let rest = &code[i + "crate::".len()..];
        let path: String = rest
            .chars()
            .take_while(|c| c.is_alphanumeric() || *c == '_' || *c == ':')
            .collect();
        let parts: Vec<String> = path
            .split("::")
            .filter(|p| !p.is_empty())
            .map(String::from)
            .collect();
        // `crate::a::{b, c}` names modules inside the braces too.
        let mut candidates = vec![parts.clone()];
        if rest[path.len()..].starts_with('{') {
            let inner = &rest[path.len() + 1..rest.find('}').unwrap_or(rest.len())];
            for item in inner.split(',') {
                let first = item.trim().split("::").next().unwrap_or("");
                candidates.push([parts.clone(), vec![first.to_string()]].concat());
            }
        }
        for c in candidates {
            if let Some(m) = (1..=c.len())
                .rev()
                .map(|n| c[..n].join("::"))
                .find(|m| modules.contains_key(m))
            {
                out.insert(m);
            }
        }
    }
    out
}

fn stage(module: &str) -> Option<usize> {
    let top = module.split("::").next().unwrap();
    STAGES.iter().position(|s| *s == top)
}

#[test]
fn a_stage_uses_only_the_stages_before_it() {
    let modules = modules();
    let mut wrong = Vec::new();
    for (m, text) in &modules {
        let Some(own) = stage(m) else { continue };
        for used in uses(text, &modules) {
            if stage(&used).is_some_and(|s| s > own) || (own == 0 && stage(&used) != Some(0)) {
                wrong.push(format!("{m} uses {used}"));
            }
        }
    }
    assert!(wrong.is_empty(), "{}", wrong.join("\n"));
}

#[test]
fn no_two_modules_import_each_other() {
    let modules = modules();
    let graph: BTreeMap<&String, BTreeSet<String>> = modules
        .iter()
        .map(|(m, text)| (m, uses(text, &modules)))
        .collect();
    // A module and its own submodules (`y30r21` and `y30r21::checks`) are one
    // unit; a circle is between modules that are not nested.
    let nested =
        |a: &str, b: &str| a.starts_with(&format!("{b}::")) || b.starts_with(&format!("{a}::"));
    let reaches = |from: &String, to: &String| {
        let mut seen = BTreeSet::new();
        let mut todo = vec![from.clone()];
        while let Some(m) = todo.pop() {
            for n in graph.get(&m).into_iter().flatten() {
                if nested(&m, n) || !seen.insert(n.clone()) {
                    continue;
                }
                if n == to {
                    return true;
                }
                todo.push(n.clone());
            }
        }
        false
    };
    let mut circles = Vec::new();
    for (m, used) in &graph {
        for u in used {
            if u != *m && !nested(m, u) && reaches(u, m) {
                circles.push(format!("{m} -> {u} -> … -> {m}"));
            }
        }
    }
    assert!(circles.is_empty(), "{}", circles.join("\n"));
}

#[test]
fn files_and_functions_stay_short() {
    let mut long = Vec::new();
    for (m, text) in modules() {
        let lines: Vec<&str> = text.lines().collect();
        if lines.len() > 450 {
            long.push(format!("{m}: {} lines", lines.len()));
        }
        for (i, line) in lines.iter().enumerate() {
            let trimmed = line.trim_start();
            let indent = &line[..line.len() - trimmed.len()];
            let is_fn = [
                "fn ",
                "pub fn ",
                "pub(crate) fn ",
                "pub(super) fn ",
                "const fn ",
            ]
            .iter()
            .any(|p| trimmed.starts_with(p));
            if !is_fn || trimmed.ends_with(';') {
                continue;
            }
            let close = format!("{indent}}}");
            if let Some(end) = lines[i + 1..].iter().position(|l| *l == close)
                && end + 2 > 80
            {
                long.push(format!("{m}:{}: a function of {} lines", i + 1, end + 2));
            }
        }
    }
    assert!(long.is_empty(), "{}", long.join("\n"));
}
