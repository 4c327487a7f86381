//! What the package ships about the command line, generated from its clap definition:
//! the completion scripts (`klantreis completions`) and the manual pages (`klantreis manpages`).
//! Each must know every subcommand `klantreis --help` lists, so none is forgotten.

use std::process::Command;

fn klantreis(args: &[&str]) -> String {
    let out = Command::new(env!("CARGO_BIN_EXE_klantreis"))
        .args(args)
        .output()
        .expect("run klantreis");
    assert!(
        out.status.success(),
        "klantreis {args:?} failed: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout).expect("utf-8")
}

/// The subcommands `klantreis --help` lists (the hidden `manpages` is not among them).
fn subcommands() -> Vec<String> {
    let help = klantreis(&["--help"]);
    let start = help.find("Commands:").expect("a Commands: section");
    let names: Vec<String> = help[start..]
        .lines()
        .skip(1)
        .take_while(|l| l.starts_with("  "))
        .filter(|l| l.starts_with("  ") && !l.starts_with("   "))
        .filter_map(|l| l.split_whitespace().next().map(str::to_string))
        .filter(|n| n != "help")
        .collect();
    assert!(names.len() > 20, "{names:?}");
    assert!(names.contains(&"completions".to_string()), "{names:?}");
    assert!(!names.contains(&"manpages".to_string()), "{names:?}");
    names
}

#[test]
fn completion_scripts_know_every_subcommand() {
    let names = subcommands();
    for shell in ["bash", "zsh", "fish"] {
        let script = klantreis(&["completions", shell]);
        for name in &names {
            assert!(
                script.contains(name.as_str()),
                "{shell} completion lacks {name}"
            );
        }
    }
    // An option deep in one subcommand, so the scripts are more than a list of names.
    assert!(klantreis(&["completions", "bash"]).contains("--overlap"));
    assert!(klantreis(&["completions", "fish"]).contains("-l overlap"));
}

#[test]
fn manual_pages_cover_every_subcommand() {
    let dir = tempfile::tempdir().expect("tempdir");
    let d = dir.path().to_str().expect("utf-8 path");
    assert_eq!(klantreis(&["manpages", "--dir", d]), "");
    let names = subcommands();
    let main = std::fs::read_to_string(dir.path().join("klantreis.1")).expect("klantreis.1");
    assert!(main.contains(".TH klantreis 1"), "{main}");
    for name in &names {
        let page = dir.path().join(format!("klantreis-{name}.1"));
        let text = std::fs::read_to_string(&page).expect("a page per subcommand");
        assert!(text.contains(".SH NAME"), "{}", page.display());
        // The main page points at it by name, as man's SEE ALSO convention does.
        assert!(
            main.contains(&format!("klantreis\\-{}(1)", name.replace('-', "\\-"))),
            "klantreis.1 does not name klantreis-{name}(1)"
        );
    }
    let count = std::fs::read_dir(dir.path()).expect("dir").count();
    assert_eq!(count, names.len() + 1, "no page for hidden commands");
    let pdf = std::fs::read_to_string(dir.path().join("klantreis-pdf.1")).expect("pdf page");
    assert!(pdf.contains("overlap"), "{pdf}");
}
