//! The top-level modules of the web crate import each other without a cycle.
//!
//! A top-level module is a file `src/NAME.rs` or a folder `src/NAME/`. It depends on another
//! when one of its files names it: `crate::NAME`, a `use crate::{NAME, …}` group, or a path of
//! `super::` that climbs to the crate's root (`super::super::NAME` from `src/x/y.rs`). Comment
//! lines are not read. The test builds that graph and fails naming a cycle if there is one, so
//! that the modules keep a dependency order (pages on infrastructure, the API on pages, never
//! the reverse).

use std::collections::{BTreeMap, BTreeSet};
use std::fs;
use std::path::{Path, PathBuf};

fn src() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("src")
}

/// Every `.rs` file under `dir`.
fn rust_files(dir: &Path, out: &mut Vec<PathBuf>) {
    for entry in fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            rust_files(&path, out);
        } else if path.extension().is_some_and(|e| e == "rs") {
            out.push(path);
        }
    }
}

/// The top-level modules: `src/x.rs` and `src/x/` (but not `lib.rs`).
fn top_level_modules() -> BTreeSet<String> {
    let mut names = BTreeSet::new();
    for entry in fs::read_dir(src()).unwrap() {
        let path = entry.unwrap().path();
        let name = path.file_stem().unwrap().to_string_lossy().into_owned();
        if path.is_dir() || (path.extension().is_some_and(|e| e == "rs") && name != "lib") {
            names.insert(name);
        }
    }
    names
}

/// The module path of a file below `src` (`["api", "requests"]` for `api/requests/mod.rs`).
fn module_path(relative: &Path) -> Vec<String> {
    let mut parts: Vec<String> = relative.iter().map(|p| p.to_string_lossy().into_owned()).collect();
    let file = parts.pop().unwrap();
    let stem = file.trim_end_matches(".rs");
    if stem != "mod" {
        parts.push(stem.to_owned());
    }
    parts
}

fn is_ident(c: char) -> bool {
    c.is_ascii_alphanumeric() || c == '_'
}

/// The identifier at the start of `text`.
fn ident(text: &str) -> &str {
    let end = text.find(|c: char| !is_ident(c)).unwrap_or(text.len());
    &text[..end]
}

/// The first names of a brace group `{a, b::c, d as e, f::{g}}` that starts `text` (after `{`).
fn group_heads(text: &str) -> Vec<String> {
    let mut heads = vec![];
    let mut depth = 0usize;
    let mut expecting = true;
    let mut rest = text;
    while let Some(c) = rest.chars().next() {
        match c {
            '{' => depth += 1,
            '}' if depth == 0 => break,
            '}' => depth -= 1,
            ',' if depth == 0 => expecting = true,
            c if expecting && depth == 0 && is_ident(c) => {
                let name = ident(rest);
                heads.push(name.to_owned());
                expecting = false;
                rest = &rest[name.len()..];
                continue;
            }
            c if !c.is_whitespace() => expecting = false,
            _ => {}
        }
        rest = &rest[c.len_utf8()..];
    }
    heads
}

/// The names a path starting at the crate's root continues with: `NAME` of `NAME::…`, or the
/// heads of a `{…}` group.
fn names_after_root(text: &str) -> Vec<String> {
    let text = text.trim_start();
    if let Some(group) = text.strip_prefix('{') {
        group_heads(group)
    } else {
        let name = ident(text);
        if name.is_empty() { vec![] } else { vec![name.to_owned()] }
    }
}

/// The names of items at the crate's root a file's code refers to.
fn root_names(code: &str, depth: usize) -> Vec<String> {
    let mut names = vec![];
    let bytes = code.as_bytes();
    for (at, _) in code.match_indices("crate::") {
        if at > 0 && (is_ident(bytes[at - 1] as char) || bytes[at - 1] == b'$') {
            continue;
        }
        names.extend(names_after_root(&code[at + "crate::".len()..]));
    }
    // `super::super::…` climbing to the root: from a file at `depth` (the number of names in
    // its module path), `depth` times `super::` reaches the root.
    for (at, _) in code.match_indices("super::") {
        if at > 0 && (is_ident(bytes[at - 1] as char) || code[..at].ends_with("super::")) {
            continue;
        }
        let mut rest = &code[at..];
        let mut climbs = 0;
        while let Some(after) = rest.strip_prefix("super::") {
            climbs += 1;
            rest = after;
        }
        if depth > 0 && climbs == depth {
            names.extend(names_after_root(rest));
        }
    }
    names
}

/// Each top-level module with the other top-level modules it names.
fn graph() -> BTreeMap<String, BTreeSet<String>> {
    let modules = top_level_modules();
    let mut graph: BTreeMap<String, BTreeSet<String>> = modules.iter().map(|m| (m.clone(), BTreeSet::new())).collect();
    let mut files = vec![];
    rust_files(&src(), &mut files);
    for file in files {
        let relative = file.strip_prefix(src()).unwrap();
        let path = module_path(relative);
        let Some(top) = path.first().filter(|t| modules.contains(*t)) else { continue };
        let text = fs::read_to_string(&file).unwrap();
        let code: String =
            text.lines().filter(|l| !l.trim_start().starts_with("//")).map(|l| format!("{l}\n")).collect();
        for name in root_names(&code, path.len()) {
            if name != *top && modules.contains(&name) {
                graph.get_mut(top).unwrap().insert(name);
            }
        }
    }
    graph
}

/// A cycle of the graph as the path that closes it (`a → b → a`), if there is one.
fn find_cycle(graph: &BTreeMap<String, BTreeSet<String>>) -> Option<Vec<String>> {
    #[derive(Clone, Copy, PartialEq)]
    enum Mark {
        New,
        Open,
        Done,
    }
    fn visit<'a>(
        node: &'a str,
        graph: &'a BTreeMap<String, BTreeSet<String>>,
        marks: &mut BTreeMap<&'a str, Mark>,
        stack: &mut Vec<&'a str>,
    ) -> Option<Vec<String>> {
        marks.insert(node, Mark::Open);
        stack.push(node);
        for next in &graph[node] {
            match marks[next.as_str()] {
                Mark::Open => {
                    let from = stack.iter().position(|n| n == next).unwrap();
                    let mut cycle: Vec<String> = stack[from..].iter().map(|n| (*n).to_owned()).collect();
                    cycle.push(next.clone());
                    return Some(cycle);
                }
                Mark::New => {
                    if let Some(cycle) = visit(next, graph, marks, stack) {
                        return Some(cycle);
                    }
                }
                Mark::Done => {}
            }
        }
        stack.pop();
        marks.insert(node, Mark::Done);
        None
    }
    let mut marks: BTreeMap<&str, Mark> = graph.keys().map(|k| (k.as_str(), Mark::New)).collect();
    for node in graph.keys() {
        if marks[node.as_str()] == Mark::New {
            let mut stack = vec![];
            if let Some(cycle) = visit(node, graph, &mut marks, &mut stack) {
                return Some(cycle);
            }
        }
    }
    None
}

#[test]
fn the_top_level_modules_import_each_other_without_a_cycle() {
    let graph = graph();
    if let Some(cycle) = find_cycle(&graph) {
        let edges: Vec<String> = graph
            .iter()
            .filter(|(_, to)| !to.is_empty())
            .map(|(from, to)| format!("  {from} → {}", to.iter().cloned().collect::<Vec<_>>().join(", ")))
            .collect();
        panic!("import cycle between top-level modules: {}\n\nevery edge:\n{}", cycle.join(" → "), edges.join("\n"));
    }
}

#[test]
fn the_reader_sees_the_imports_it_is_meant_to() {
    let code = "use crate::{a, b::{c, d}, e as f};\nlet x = crate::g::h();\nsuper::super::i::j();\nfoo_crate::k;\n";
    let mut names = root_names(code, 2);
    names.sort();
    assert_eq!(names, ["a", "b", "e", "g", "i"]);
    assert!(root_names("super::super::i::j();", 3).is_empty());
    let cyclic: BTreeMap<String, BTreeSet<String>> = [("a", "b"), ("b", "c"), ("c", "a")]
        .iter()
        .map(|(f, t)| (f.to_string(), BTreeSet::from([t.to_string()])))
        .collect();
    assert_eq!(find_cycle(&cyclic).unwrap(), ["a", "b", "c", "a"]);
    let acyclic: BTreeMap<String, BTreeSet<String>> = [("a", vec!["b", "c"]), ("b", vec!["c"]), ("c", vec![])]
        .iter()
        .map(|(f, t)| (f.to_string(), t.iter().map(|s| s.to_string()).collect()))
        .collect();
    assert_eq!(find_cycle(&acyclic), None);
}
