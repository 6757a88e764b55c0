//! The shape of `src/`, checked: the folders are the pipeline's stages and a
//! stage uses only the stages before it; no two modules import each other;
//! no file is over 450 lines (functions: clippy's `too_many_lines`, 80).

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

/// Rust source without its comments (`//…`, nested `/* … */`, doc comments
/// and their links), read as Rust reads it: a `//` or `/*` inside a string
/// or a character starts no comment, and a quote inside a comment or a
/// character starts no string. With `strings` false, what string literals
/// hold is left out too (their quotes stay). Line breaks stay where they were.
fn code(text: &str, strings: bool) -> String {
    let s: Vec<char> = text.chars().collect();
    let at = |i: usize| s.get(i).copied().unwrap_or('\0');
    let ident = |c: char| c.is_alphanumeric() || c == '_';
    let mut out = String::new();
    let mut i = 0;
    while i < s.len() {
        let c = s[i];
        // A raw string: r"…", r#"…"#, br"…", the `r` not inside a name.
        let raw = c == 'r' && {
            let before = if i > 0 { at(i - 1) } else { ' ' };
            let b_prefix = matches!(before, 'b' | 'c') && (i < 2 || !ident(at(i - 2)));
            (!ident(before) || b_prefix) && {
                let mut j = i + 1;
                while at(j) == '#' {
                    j += 1;
                }
                at(j) == '"'
            }
        };
        if c == '/' && at(i + 1) == '/' {
            while i < s.len() && s[i] != '\n' {
                i += 1;
            }
        } else if c == '/' && at(i + 1) == '*' {
            let mut depth = 0;
            while i < s.len() {
                if s[i] == '/' && at(i + 1) == '*' {
                    depth += 1;
                    i += 2;
                } else if s[i] == '*' && at(i + 1) == '/' {
                    depth -= 1;
                    i += 2;
                    if depth == 0 {
                        break;
                    }
                } else {
                    if s[i] == '\n' {
                        out.push('\n');
                    }
                    i += 1;
                }
            }
        } else if raw || c == '"' {
            // Up to the closing quote (and as many `#` as opened it); an
            // escape in a plain string is stepped over.
            let mut hashes = 0;
            if raw {
                out.push('r');
                i += 1;
                while s[i] == '#' {
                    hashes += 1;
                    i += 1;
                }
            }
            out.push('"');
            i += 1;
            while i < s.len() {
                let closes = s[i] == '"' && (0..hashes).all(|h| at(i + 1 + h) == '#');
                if closes {
                    i += 1 + hashes;
                    break;
                }
                let len = if !raw && s[i] == '\\' { 2 } else { 1 };
                for &k in &s[i..(i + len).min(s.len())] {
                    if strings || k == '\n' {
                        out.push(k);
                    }
                }
                i += len;
            }
            out.push('"');
        } else if c == '\'' && (at(i + 1) == '\\' || at(i + 2) == '\'') {
            // A character ('x', '"', '\'', '\u{2212}'); a quote with neither
            // after it is a lifetime or a label, and plain code.
            let end = match at(i + 1) {
                '\\' => (i + 3..s.len())
                    .find(|&j| s[j] == '\'')
                    .unwrap_or(s.len() - 1),
                _ => i + 2,
            };
            out.extend(&s[i..=end]);
            i = end + 1;
        } else {
            out.push(c);
            i += 1;
        }
    }
    out
}

/// The modules a file uses through `crate::…` and `super::…` paths
/// (comments, doc links, strings and test modules left out).
fn uses(module: &str, text: &str, modules: &BTreeMap<String, String>) -> BTreeSet<String> {
    let code = code(text, false);
    let code = code.split("#[cfg(test)]").next().unwrap();
    let mut out = BTreeSet::new();
    for (i, _) in code.match_indices("crate::") {
        let before = code[..i].chars().next_back();
        if before.is_some_and(|c| c.is_alphanumeric() || c == '_' || c == '$') {
            continue;
        }
        for path in use_tree(&code[i + "crate::".len()..]) {
            out.extend(module_of(&path, modules));
        }
    }
    for (i, _) in code.match_indices("super::") {
        let before = code[..i].chars().next_back();
        if before.is_some_and(|c| c.is_alphanumeric() || c == '_' || c == ':') {
            continue;
        }
        // `a::b::c` (the file a/b/c.rs): `super` is `a::b`, `super::super` `a`.
        let mut base: Vec<&str> = module.split("::").collect();
        let mut rest = &code[i..];
        while let Some(r) = rest.strip_prefix("super::") {
            base.pop();
            rest = r;
        }
        let base: Vec<String> = base.into_iter().map(String::from).collect();
        for path in use_tree(rest) {
            out.extend(module_of(&[base.clone(), path].concat(), modules));
        }
    }
    out.remove(module);
    out
}

/// The longest module a path names, if it names one.
fn module_of(path: &[String], modules: &BTreeMap<String, String>) -> Option<String> {
    (1..=path.len())
        .rev()
        .map(|n| path[..n].join("::"))
        .find(|m| modules.contains_key(m))
}

/// The paths of a use tree at the start of `s`: `a::b` is `[a, b]`;
/// `a::{b, c::{d, e}}` is `[a, b]`, `[a, c, d]` and `[a, c, e]`.
fn use_tree(s: &str) -> Vec<Vec<String>> {
    use_tree_at(s, &mut 0)
}

fn use_tree_at(s: &str, at: &mut usize) -> Vec<Vec<String>> {
    let ident = |s: &str, at: &mut usize| {
        let rest = &s[*at..];
        let len = rest
            .find(|c: char| !(c.is_alphanumeric() || c == '_'))
            .unwrap_or(rest.len());
        *at += len;
        rest[..len].to_string()
    };
    let skip_space = |s: &str, at: &mut usize| {
        *at += s[*at..].len() - s[*at..].trim_start().len();
    };
    let mut prefix = Vec::new();
    loop {
        skip_space(s, at);
        if s[*at..].starts_with('{') {
            *at += 1;
            let mut paths = Vec::new();
            loop {
                skip_space(s, at);
                match s[*at..].chars().next() {
                    Some('}') | None => {
                        *at += 1;
                        break;
                    }
                    Some(',') => *at += 1,
                    Some(_) => {
                        let before = *at;
                        for p in use_tree_at(s, at) {
                            paths.push([prefix.clone(), p].concat());
                        }
                        // Anything else (`as x`, `*`): step over it.
                        if *at == before {
                            *at += s[*at..].chars().next().map_or(1, char::len_utf8);
                        }
                        skip_past_item(s, at);
                    }
                }
            }
            return paths;
        }
        let name = ident(s, at);
        if name.is_empty() {
            return if prefix.is_empty() {
                Vec::new()
            } else {
                vec![prefix]
            };
        }
        if name != "self" {
            prefix.push(name);
        }
        match s[*at..].strip_prefix("::") {
            Some(_) => *at += 2,
            None => return vec![prefix],
        }
    }
}

/// Steps to the `,` or `}` that ends an item of a use group (past `as x`).
fn skip_past_item(s: &str, at: &mut usize) {
    let rest = &s[*at..];
    *at += rest.find([',', '}']).unwrap_or(rest.len());
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
        for used in uses(m, text, &modules) {
            // A later stage, or a module outside the line (commands, cli,
            // output, …): the stages come first and know nothing of those.
            let later = stage(&used).is_none_or(|s| s > own);
            if later || (own == 0 && stage(&used) != Some(0)) {
                wrong.push(format!("{m} uses {used}"));
            }
        }
    }
    assert!(wrong.is_empty(), "{}", wrong.join("\n"));
}

/// `--name` flags written in code (comments left out): what a line names.
fn flags_named(text: &str) -> Vec<String> {
    code(text, true)
        .lines()
        .flat_map(|code| {
            code.match_indices("--").filter_map(|(i, _)| {
                let name: String = code[i + 2..]
                    .chars()
                    .take_while(|c| c.is_ascii_lowercase() || *c == '-')
                    .collect();
                (name.len() > 1).then(|| format!("--{name}"))
            })
        })
        .collect()
}

#[test]
fn only_commands_name_command_line_flags() {
    // The stages serve the library too: a hint that names a flag is made in
    // commands/ from a structured error (error::Hint).
    let wrong: Vec<String> = modules()
        .iter()
        .filter(|(m, _)| stage(m).is_some())
        .flat_map(|(m, text)| {
            flags_named(text)
                .into_iter()
                .map(move |f| format!("{m}: {f}"))
        })
        .collect();
    assert!(wrong.is_empty(), "{}", wrong.join("\n"));
    assert_eq!(
        flags_named("format!(\"pass --data DIR\") // not --this"),
        ["--data"],
        "the check reads flags in code and not in comments"
    );
}

#[test]
fn no_two_modules_import_each_other() {
    let modules = modules();
    let graph: BTreeMap<&String, BTreeSet<String>> = modules
        .iter()
        .map(|(m, text)| (m, uses(m, text, &modules)))
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
fn files_stay_short() {
    // Functions are held to 80 lines by clippy's `too_many_lines`
    // (Cargo.toml's [lints], clippy.toml), which reads Rust as Rust.
    let long: Vec<String> = modules()
        .into_iter()
        .filter(|(_, text)| text.lines().count() > 450)
        .map(|(m, text)| format!("{m}: {} lines", text.lines().count()))
        .collect();
    assert!(long.is_empty(), "{}", long.join("\n"));
}

#[test]
fn the_checks_read_rust_as_it_is_written() {
    let tree = |s: &str| -> Vec<String> { use_tree(s).iter().map(|p| p.join("::")).collect() };
    assert_eq!(tree("a::b;"), ["a::b"]);
    assert_eq!(
        tree("a::{b, c::{d, e as f}, self, g::*};"),
        ["a::b", "a::c::d", "a::c::e", "a", "a::g"]
    );
    assert_eq!(tree("a::{\n    b::{c},\n    d,\n};"), ["a::b::c", "a::d"]);
    let modules: BTreeMap<String, String> = ["a", "a::b", "a::b::c", "x", "x::y"]
        .map(|m| (m.to_string(), String::new()))
        .into();
    let used = |m: &str, text: &str| uses(m, text, &modules).into_iter().collect::<Vec<_>>();
    // From a::b::c, `super::super::x` is an item x of a, not the module x.
    assert_eq!(used("a::b::c", "use super::super::x;"), ["a"]);
    assert_eq!(
        used("a::b::c", "use super::Thing; use super::super::Other;"),
        ["a", "a::b"]
    );
    assert_eq!(used("a", "use crate::{x::{y::Z}, a::b};"), ["a::b", "x::y"]);
    assert_eq!(
        used("a", "// use crate::x;\nfoo(\"not_crate::x\");"),
        Vec::<String>::new()
    );
    // A `//` or `/*` inside a string or a character starts no comment, and
    // a quote inside a comment or a character starts no string.
    let x = ["x::y"];
    assert_eq!(used("a", "let u = \"https://x\"; use crate::x::y::Z;"), x);
    assert_eq!(used("a", "let u = r#\"a \"//\" b\"#; use crate::x::y;"), x);
    assert_eq!(used("a", "let g = \"/*\"; use crate::x::y;"), x);
    assert_eq!(used("a", "let q = '\"'; use crate::x::y; let r = \"\";"), x);
    assert_eq!(used("a", "fn f<'a>(s: &'a str) { crate::x::y::g(s) }"), x);
    assert_eq!(used("a", "// \"\nuse crate::x::y; // \""), x);
    // Nor is what a comment or a string holds a use.
    let none = Vec::<String>::new();
    assert_eq!(
        used("a", "/* use crate::x;\n /* nested */ crate::x */"),
        none
    );
    assert_eq!(used("a", "let s = \"see crate::x\";"), none);
    assert_eq!(used("a", "let q = '\"'; /* crate::x */ let c = 'c';"), none);
    assert_eq!(
        used("a", "let q = '\\''; /* crate::x */ let c = 'c';"),
        none
    );
    assert_eq!(used("a", "let s = \"#[cfg(test)]\"; use crate::x::y;"), x);
    assert_eq!(
        flags_named("hint(\"see https://star.dk or pass --data DIR\") // --not"),
        ["--data"]
    );
}
