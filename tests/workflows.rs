//! The GitHub workflow's core job on Windows and macOS runs the integration tests that need no
//! outside tool by name (.github/workflows/ci.yml); the others are listed there as needing
//! Linux tools. A test file added to `tests/` must be put in one of the two lists, or it would
//! silently never run off Linux.

use std::collections::BTreeSet;
use std::path::Path;

#[test]
fn every_integration_test_is_in_one_list_of_the_core_job() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let ci = std::fs::read_to_string(root.join(".github/workflows/ci.yml")).expect("ci.yml");
    let mut run = BTreeSet::new();
    let mut words = ci.split_whitespace().peekable();
    while let Some(w) = words.next() {
        if w == "--test" {
            if let Some(name) = words.peek() {
                run.insert(name.to_string());
            }
        }
    }
    let linux: BTreeSet<String> = ci
        .lines()
        .filter_map(|l| l.trim().strip_prefix("# linux-tools:"))
        .flat_map(|l| l.split_whitespace().map(str::to_string))
        .collect();
    assert!(
        !run.is_empty() && !linux.is_empty(),
        "both lists found in ci.yml"
    );
    let both: Vec<_> = run.intersection(&linux).collect();
    assert!(both.is_empty(), "in both lists: {both:?}");
    let files: BTreeSet<String> = std::fs::read_dir(root.join("tests"))
        .expect("tests/")
        .filter_map(|e| e.ok())
        .filter_map(|e| {
            let p = e.path();
            (p.extension()? == "rs").then(|| p.file_stem()?.to_str().map(str::to_string))?
        })
        .collect();
    let listed: BTreeSet<String> = run.union(&linux).cloned().collect();
    let missing: Vec<_> = files.difference(&listed).collect();
    let stale: Vec<_> = listed.difference(&files).collect();
    assert!(
        missing.is_empty(),
        "tests/ files in neither list of ci.yml's core job: {missing:?}"
    );
    assert!(
        stale.is_empty(),
        "ci.yml names tests that are gone: {stale:?}"
    );
}
