//! The commands about the tool itself, for packagers and shells: `klantreis completions
//! <SHELL>` prints a completion script and the hidden `klantreis manpages --dir DIR` writes
//! the manual pages. Both are generated from the one clap definition in `main.rs`
//! (`clap_complete`, `clap_mangen`), so a new subcommand or option shows up in them without
//! anyone writing it down again. `scripts/package.sh` calls both (docs/packaging.md).

use std::io::Write;
use std::path::Path;

/// Writes the completion script of `shell` for `cmd` (the whole CLI) to standard output.
pub fn completions(mut cmd: clap::Command, shell: clap_complete::Shell) -> Result<(), String> {
    let mut out = Vec::new();
    clap_complete::generate(shell, &mut cmd, "klantreis", &mut out);
    std::io::stdout()
        .write_all(&out)
        .map_err(|x| format!("standard output: {x}"))
}

/// Writes `klantreis.1` and one page per visible subcommand (`klantreis-pdf.1`, …, git's
/// convention, which the main page's SUBCOMMANDS section already names) into `dir`.
pub fn manpages(cmd: clap::Command, dir: &Path) -> Result<(), String> {
    std::fs::create_dir_all(dir).map_err(|x| format!("{}: {x}", dir.display()))?;
    clap_mangen::generate_to(cmd, dir).map_err(|x| format!("{}: {x}", dir.display()))
}
