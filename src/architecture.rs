//! The architecture as a test: every `crate::` path under `src/` (in `use` statements and
//! inline) must follow an edge that the folder table in `docs/architecture.md` allows. The
//! table lives in the doc and this test parses it, so the doc and the code cannot drift: a new
//! import across floors fails here, naming the file, the line and the forbidden edge, until
//! the table allows it (and the table itself must stay free of loops).
//!
//! What counts: code outside `#[cfg(test)]` items and outside comments and string literals.
//! Test code may use any floor for its fixtures (a template journey, a sample print): it is not
//! part of the built crate, so it cannot make a loop in it. The binary (`src/main.rs`,
//! `src/cli/`) sees the crate as `klantreis::` from outside and may use everything.

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

/// One row of the doc's table: a top-level module and what it may import.
#[derive(Debug)]
struct Row {
    module: String,
    allowed: BTreeSet<String>,
}

const DOC: &str = "docs/architecture.md";

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// The top-level module a table cell names: `` `src/scan/` `` → `scan`,
/// `` `src/media.rs` `` → `media`; `None` for the binary (`main.rs`, `cli/`).
fn module_of_cell(cell: &str) -> Option<String> {
    let path = cell.trim().trim_matches('`');
    let rest = path.strip_prefix("src/")?;
    let name = rest.trim_end_matches('/').trim_end_matches(".rs");
    match name {
        "main" | "cli" | "lib" => None,
        _ => Some(name.to_string()),
    }
}

/// The table of `docs/architecture.md` whose header ends in "may import". A row's last cell
/// lists the modules in backticks (a remark in parentheses aside), or says "nothing of the
/// crate", or "everything above" (every row above it).
fn table(doc: &str) -> Vec<Row> {
    let mut rows: Vec<Row> = Vec::new();
    let mut in_table = false;
    for line in doc.lines() {
        let line = line.trim();
        if !line.starts_with('|') {
            in_table = false;
            continue;
        }
        let cells: Vec<&str> = line.trim_matches('|').split('|').map(str::trim).collect();
        if cells
            .last()
            .is_some_and(|c| c.eq_ignore_ascii_case("may import"))
        {
            in_table = true;
            continue;
        }
        if !in_table
            || cells
                .iter()
                .all(|c| c.chars().all(|ch| ch == '-' || ch == ':'))
        {
            continue;
        }
        let (first, last) = (cells[0], cells[cells.len() - 1]);
        let Some(module) = module_of_cell(first) else {
            continue;
        };
        let allowed: BTreeSet<String> = if last.contains("everything above") {
            rows.iter().map(|r| r.module.clone()).collect()
        } else {
            // A remark in parentheses ("`model` (for `Lang`)") names no module.
            let mut bare = String::new();
            let mut depth = 0usize;
            for ch in last.chars() {
                match ch {
                    '(' => depth += 1,
                    ')' => depth = depth.saturating_sub(1),
                    _ if depth == 0 => bare.push(ch),
                    _ => {}
                }
            }
            bare.split('`')
                .skip(1)
                .step_by(2)
                .map(|m| {
                    m.trim_start_matches("src/")
                        .trim_end_matches('/')
                        .to_string()
                })
                .collect()
        };
        rows.push(Row { module, allowed });
    }
    rows
}

/// The top-level modules `src/lib.rs` declares.
fn lib_modules(lib: &str) -> BTreeSet<String> {
    lib.lines()
        .filter_map(|l| {
            l.trim()
                .strip_prefix("pub mod ")
                .or(l.trim().strip_prefix("mod "))
        })
        .map(|m| m.trim_end_matches(';').trim().to_string())
        .filter(|m| m != "architecture")
        .collect()
}

/// `src` with comments, string and char literals blanked out (newlines kept, so line numbers
/// stay right).
fn code_only(src: &str) -> String {
    let b: Vec<char> = src.chars().collect();
    let mut out = String::with_capacity(src.len());
    let blank = |c: char| if c == '\n' { '\n' } else { ' ' };
    let mut i = 0;
    while i < b.len() {
        let c = b[i];
        let next = b.get(i + 1).copied();
        if c == '/' && next == Some('/') {
            while i < b.len() && b[i] != '\n' {
                out.push(' ');
                i += 1;
            }
        } else if c == '/' && next == Some('*') {
            let mut depth = 0;
            while i < b.len() {
                if b[i] == '/' && b.get(i + 1) == Some(&'*') {
                    depth += 1;
                    out.push_str("  ");
                    i += 2;
                } else if b[i] == '*' && b.get(i + 1) == Some(&'/') {
                    depth -= 1;
                    out.push_str("  ");
                    i += 2;
                    if depth == 0 {
                        break;
                    }
                } else {
                    out.push(blank(b[i]));
                    i += 1;
                }
            }
        } else if c == 'r' && (next == Some('#') || next == Some('"')) && is_raw_start(&b, i) {
            // r"…" or r#"…"#: ends at a quote followed by as many hashes.
            let mut j = i + 1;
            let mut hashes = 0;
            while b.get(j) == Some(&'#') {
                hashes += 1;
                j += 1;
            }
            j += 1;
            while j < b.len() {
                if b[j] == '"' && (1..=hashes).all(|k| b.get(j + k) == Some(&'#')) {
                    j += 1 + hashes;
                    break;
                }
                j += 1;
            }
            out.extend(b[i..j.min(b.len())].iter().map(|&c| blank(c)));
            i = j;
        } else if c == '"' {
            let mut j = i + 1;
            while j < b.len() && b[j] != '"' {
                j += if b[j] == '\\' { 2 } else { 1 };
            }
            let end = (j + 1).min(b.len());
            out.extend(b[i..end].iter().map(|&c| blank(c)));
            i = end;
        } else if c == '\'' {
            // A char literal ('x', '\n', '"') or a lifetime ('a): only the literal is blanked.
            let end = if next == Some('\\') {
                (i + 3..b.len()).find(|&j| b[j] == '\'').map(|j| j + 1)
            } else if b.get(i + 2) == Some(&'\'') {
                Some(i + 3)
            } else {
                None
            };
            match end {
                Some(e) => {
                    out.extend(b[i..e].iter().map(|&c| blank(c)));
                    i = e;
                }
                None => {
                    out.push(c);
                    i += 1;
                }
            }
        } else {
            out.push(c);
            i += 1;
        }
    }
    out
}

/// An `r` that starts a raw string, not the end of an identifier like `for"`.
fn is_raw_start(b: &[char], i: usize) -> bool {
    let prev_ident = i > 0 && (b[i - 1].is_alphanumeric() || b[i - 1] == '_');
    !prev_ident
}

/// `code` (already [`code_only`]) with every `#[cfg(test)]` item blanked out, and the names of
/// the modules declared as `#[cfg(test)] mod name;` (their files are test code too).
fn without_test_items(code: &str) -> (String, Vec<String>) {
    let mut out: Vec<char> = code.chars().collect();
    let mut test_files = Vec::new();
    let text: Vec<char> = out.clone();
    let pat: Vec<char> = "#[cfg(test)]".chars().collect();
    let mut i = 0;
    while i + pat.len() <= text.len() {
        if text[i..i + pat.len()] != pat[..] {
            i += 1;
            continue;
        }
        let start = i;
        let mut j = i + pat.len();
        // The item ends at a `;` or at the `}` closing its first block, at depth 0.
        let mut depth = 0usize;
        while j < text.len() {
            match text[j] {
                '{' => depth += 1,
                '}' => {
                    depth = depth.saturating_sub(1);
                    if depth == 0 {
                        j += 1;
                        break;
                    }
                }
                ';' if depth == 0 => {
                    j += 1;
                    break;
                }
                _ => {}
            }
            j += 1;
        }
        let item: String = text[start + pat.len()..j.min(text.len())].iter().collect();
        let words: Vec<&str> = item.split_whitespace().collect();
        if let Some(k) = words.iter().position(|w| *w == "mod") {
            if let Some(name) = words.get(k + 1).and_then(|n| n.strip_suffix(';')) {
                test_files.push(name.to_string());
            }
        }
        for c in out.iter_mut().take(j.min(text.len())).skip(start) {
            if *c != '\n' {
                *c = ' ';
            }
        }
        i = j;
    }
    (out.into_iter().collect(), test_files)
}

/// A top-level module named by a path in `code`, at a 1-based line.
#[derive(Debug, PartialEq)]
struct Use {
    line: usize,
    target: String,
}

/// Every top-level module that `code` names through `crate::` (also `crate::{a, b::c}`) or
/// through enough `super::` to climb out of its own top-level module (`depth` = how deep the
/// file's module sits: 1 for `src/media.rs` or `src/scan/mod.rs`, 2 for `src/scan/read.rs`).
fn uses(code: &str, depth: usize) -> Vec<Use> {
    let b: Vec<char> = code.chars().collect();
    let mut found = Vec::new();
    let line_at = |i: usize| b[..i].iter().filter(|&&c| c == '\n').count() + 1;
    let ident_at = |mut i: usize| {
        while b.get(i).is_some_and(|c| c.is_whitespace()) {
            i += 1;
        }
        let s: String = b[i..]
            .iter()
            .take_while(|c| c.is_alphanumeric() || **c == '_')
            .collect();
        (s, i)
    };
    let boundary = |i: usize| i == 0 || !(b[i - 1].is_alphanumeric() || b[i - 1] == '_');
    let mut i = 0;
    while i < b.len() {
        let rest: String = b[i..(i + 7).min(b.len())].iter().collect();
        let at_crate = rest.starts_with("crate::") && boundary(i);
        let at_super = rest.starts_with("super::") && boundary(i);
        if !(at_crate || at_super) {
            i += 1;
            continue;
        }
        let mut j = i;
        let mut ups = 0;
        if at_super {
            while b[j..].iter().take(7).collect::<String>() == "super::" {
                ups += 1;
                j += 7;
            }
            if ups < depth {
                i = j;
                continue;
            }
        } else {
            j += 7;
        }
        let line = line_at(i);
        let (name, k) = ident_at(j);
        if !name.is_empty() {
            found.push(Use { line, target: name });
        } else if b.get(k) == Some(&'{') {
            // `crate::{a, b::c}`: the names at the first level of the braces.
            let mut depth_b = 0;
            let mut m = k;
            let mut expect_name = true;
            while m < b.len() {
                match b[m] {
                    '{' => {
                        depth_b += 1;
                        expect_name = depth_b == 1;
                        m += 1;
                    }
                    '}' => {
                        depth_b -= 1;
                        m += 1;
                        if depth_b == 0 {
                            break;
                        }
                    }
                    ',' if depth_b == 1 => {
                        expect_name = true;
                        m += 1;
                    }
                    c if expect_name && depth_b == 1 && (c.is_alphanumeric() || c == '_') => {
                        let (n, _) = ident_at(m);
                        m += n.len();
                        found.push(Use {
                            line: line_at(m),
                            target: n,
                        });
                        expect_name = false;
                    }
                    _ => m += 1,
                }
            }
        }
        i = j;
    }
    found
}

/// The `.rs` files under `dir` with the module path below `src/` (for `src/scan/read.rs`:
/// `["scan", "read"]`; for `src/scan/mod.rs`: `["scan"]`).
fn rust_files(dir: &Path, out: &mut Vec<PathBuf>) {
    let mut entries: Vec<PathBuf> = std::fs::read_dir(dir)
        .expect("read src/")
        .map(|e| e.expect("dir entry").path())
        .collect();
    entries.sort();
    for p in entries {
        if p.is_dir() {
            rust_files(&p, out);
        } else if p.extension().is_some_and(|e| e == "rs") {
            out.push(p);
        }
    }
}

fn module_path(rel: &Path) -> Vec<String> {
    let mut parts: Vec<String> = rel
        .iter()
        .map(|p| p.to_string_lossy().trim_end_matches(".rs").to_string())
        .collect();
    if parts.last().is_some_and(|p| p == "mod") {
        parts.pop();
    }
    parts
}

/// Whether `a` can reach itself again through `edges` (a loop), as the path that shows it.
fn find_loop(edges: &BTreeMap<String, BTreeSet<String>>) -> Option<Vec<String>> {
    fn visit(
        n: &str,
        edges: &BTreeMap<String, BTreeSet<String>>,
        stack: &mut Vec<String>,
        done: &mut BTreeSet<String>,
    ) -> Option<Vec<String>> {
        if let Some(at) = stack.iter().position(|s| s == n) {
            let mut cycle = stack[at..].to_vec();
            cycle.push(n.to_string());
            return Some(cycle);
        }
        if done.contains(n) {
            return None;
        }
        stack.push(n.to_string());
        for m in edges.get(n).into_iter().flatten() {
            if let Some(c) = visit(m, edges, stack, done) {
                return Some(c);
            }
        }
        stack.pop();
        done.insert(n.to_string());
        None
    }
    let mut done = BTreeSet::new();
    edges
        .keys()
        .find_map(|n| visit(n, edges, &mut Vec::new(), &mut done))
}

/// A source file under `src/`: its path below `src/`, its module path, and its code with
/// comments, literals and `#[cfg(test)]` items blanked out.
struct Source {
    rel: PathBuf,
    path: Vec<String>,
    code: String,
}

/// Every non-test source file of the library under `src/` (the binary's files left out).
fn sources() -> Vec<Source> {
    let src = root().join("src");
    let mut files = Vec::new();
    rust_files(&src, &mut files);
    let mut test_files: BTreeSet<PathBuf> = BTreeSet::new();
    let mut all = Vec::new();
    for file in &files {
        let rel = file.strip_prefix(&src).expect("under src/").to_path_buf();
        let path = module_path(&rel);
        let text = std::fs::read_to_string(file).expect("read a source file");
        let (code, tests) = without_test_items(&code_only(&text));
        // `#[cfg(test)] mod tests;` in `a/b.rs` is `a/b/tests.rs`; in `a/mod.rs`, `a/tests.rs`.
        let dir = if rel.file_name().is_some_and(|n| n == "mod.rs") || path.len() == 1 {
            file.parent().map(Path::to_path_buf).unwrap_or_default()
        } else {
            file.with_extension("")
        };
        for t in tests {
            test_files.insert(dir.join(format!("{t}.rs")));
            test_files.insert(dir.join(&t).join("mod.rs"));
            let nested = dir.join(&t);
            if nested.is_dir() {
                let mut inner = Vec::new();
                rust_files(&nested, &mut inner);
                test_files.extend(inner);
            }
        }
        all.push((file.clone(), Source { rel, path, code }));
    }
    all.into_iter()
        .filter(|(file, s)| {
            let top = s.path.first().map(String::as_str).unwrap_or("lib");
            !test_files.contains(file) && !matches!(top, "main" | "cli" | "lib" | "architecture")
        })
        .map(|(_, s)| s)
        .collect()
}

/// Every forbidden import under `src/`, one line each, naming the file, the line and the edge.
fn violations(rows: &[Row]) -> Vec<String> {
    let allowed: BTreeMap<&str, &BTreeSet<String>> = rows
        .iter()
        .map(|r| (r.module.as_str(), &r.allowed))
        .collect();
    let mut bad = Vec::new();
    for s in sources() {
        let top = &s.path[0];
        let Some(ok) = allowed.get(top.as_str()) else {
            bad.push(format!(
                "src/{}: module `{top}` has no row in the table of {DOC}",
                s.rel.display()
            ));
            continue;
        };
        for u in uses(&s.code, s.path.len()) {
            if &u.target == top || ok.contains(&u.target) {
                continue;
            }
            let may = if ok.is_empty() {
                "nothing of the crate".to_string()
            } else {
                ok.iter().cloned().collect::<Vec<_>>().join(", ")
            };
            bad.push(format!(
                "src/{}:{}: forbidden edge {top} → {} (crate::{}); {DOC} lets {top} import: {may}",
                s.rel.display(),
                u.line,
                u.target,
                u.target,
            ));
        }
    }
    bad
}

#[test]
fn imports_follow_the_table_in_docs_architecture() {
    let doc = std::fs::read_to_string(root().join(DOC)).expect("read docs/architecture.md");
    let rows = table(&doc);
    assert!(rows.len() >= 10, "the folder table of {DOC} was not found");

    // Every module of the crate has a row, and a row names only real modules.
    let lib = std::fs::read_to_string(root().join("src/lib.rs")).expect("read src/lib.rs");
    let modules = lib_modules(&lib);
    let named: BTreeSet<String> = rows.iter().map(|r| r.module.clone()).collect();
    let missing: Vec<_> = modules.difference(&named).collect();
    assert!(missing.is_empty(), "{DOC} has no row for {missing:?}");
    for r in &rows {
        let unknown: Vec<_> = r.allowed.difference(&modules).collect();
        assert!(
            unknown.is_empty() && modules.contains(&r.module),
            "{DOC}: the row of `{}` names modules the crate does not have: {unknown:?}",
            r.module
        );
    }

    // The table itself has no loop, so code that follows it has none.
    let edges: BTreeMap<String, BTreeSet<String>> = rows
        .iter()
        .map(|r| (r.module.clone(), r.allowed.clone()))
        .collect();
    assert_eq!(find_loop(&edges), None, "{DOC} allows an import loop");

    let bad = violations(&rows);
    assert!(
        bad.is_empty(),
        "imports that {DOC} does not allow (move the code to the floor it belongs on, or change \
         the table if the edge is right):\n{}",
        bad.join("\n")
    );
}

#[test]
fn the_reader_sees_paths_and_not_comments_strings_or_tests() {
    let src = r##"
//! Mentions crate::session in a comment.
use crate::model::Journey;
use crate::{edit::Edit, store};
fn f() -> &'static str {
    let _ = crate::scene::r2(1.0);
    let _c = '"';
    let _s = "crate::session";
    let _r = r#"crate::print"#;
    super::super::layout::x();
    "done"
}
/* crate::sync */
#[cfg(test)]
mod tests {
    use crate::templates;
}
"##;
    let (code, test_mods) = without_test_items(&code_only(src));
    let found: Vec<(usize, String)> = uses(&code, 2)
        .into_iter()
        .map(|u| (u.line, u.target))
        .collect();
    let want = [
        (3, "model"),
        (4, "edit"),
        (4, "store"),
        (6, "scene"),
        (10, "layout"),
    ];
    assert_eq!(
        found,
        want.map(|(l, t)| (l, t.to_string())).to_vec(),
        "only the code's paths, at their lines"
    );
    assert!(test_mods.is_empty());
    let (_, mods) = without_test_items(&code_only("#[cfg(test)]\nmod tests;\n"));
    assert_eq!(mods, vec!["tests".to_string()]);
}

#[test]
fn the_table_is_read_from_the_doc() {
    let doc = "| folder | stage | owns | may import |\n|---|---|---|---|\n\
        | `src/model/` | data | types | nothing of the crate |\n\
        | `src/edit/` | change | edits | `model` (for `Lang`) |\n\
        | `src/media.rs` | input | images | nothing of the crate |\n\
        | `src/session/` | top | the open document | everything above |\n\
        | `src/main.rs` | CLI | the tool | everything above |\n";
    let rows = table(doc);
    let got: Vec<(&str, Vec<&str>)> = rows
        .iter()
        .map(|r| {
            (
                r.module.as_str(),
                r.allowed.iter().map(String::as_str).collect(),
            )
        })
        .collect();
    assert_eq!(
        got,
        vec![
            ("model", vec![]),
            ("edit", vec!["model"]),
            ("media", vec![]),
            ("session", vec!["edit", "media", "model"]),
        ]
    );
    let mut loop_edges = BTreeMap::new();
    loop_edges.insert("a".to_string(), BTreeSet::from(["b".to_string()]));
    loop_edges.insert("b".to_string(), BTreeSet::from(["a".to_string()]));
    assert!(find_loop(&loop_edges).is_some());
}
