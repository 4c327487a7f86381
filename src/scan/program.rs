//! Where the `tesseract` program is: on `PATH`, else in the places its usual installers put
//! it. An app started from the Finder or the Start menu does not get a terminal's `PATH`: on
//! macOS it is `/usr/bin:/bin:/usr/sbin:/sbin`, without Homebrew's folder, and on Windows the
//! Tesseract installer (UB Mannheim's, the one tesseract-ocr's own wiki points to) does not add
//! its folder to `PATH` unless asked. `scan::ocr` runs what this finds.

use std::ffi::OsStr;
use std::path::{Path, PathBuf};

/// The program's file name on this system.
const EXE: &str = if cfg!(windows) {
    "tesseract.exe"
} else {
    "tesseract"
};

/// How to install Tesseract with the Dutch and English data here, for the "not found" message.
pub const INSTALL_HINT: &str = if cfg!(windows) {
    "install it with `winget install UB-Mannheim.TesseractOCR` (choose the Dutch data too) \
     or from https://github.com/UB-Mannheim/tesseract/wiki"
} else if cfg!(target_os = "macos") {
    "install it with `brew install tesseract tesseract-lang`"
} else {
    "install it with `sudo apt-get install tesseract-ocr tesseract-ocr-nld tesseract-ocr-eng` \
     (or run scripts/setup.sh)"
};

/// The usual install places outside `PATH`, in the order looked at.
fn usual_places() -> Vec<PathBuf> {
    let mut places = Vec::new();
    if cfg!(windows) {
        // Per machine (64- and 32-bit Program Files), then the per-user install.
        for (var, sub) in [
            ("ProgramFiles", "Tesseract-OCR"),
            ("ProgramFiles(x86)", "Tesseract-OCR"),
            ("LOCALAPPDATA", r"Programs\Tesseract-OCR"),
        ] {
            if let Some(base) = std::env::var_os(var) {
                places.push(Path::new(&base).join(sub));
            }
        }
    } else if cfg!(target_os = "macos") {
        // Homebrew on Apple silicon, Homebrew on Intel, MacPorts.
        for dir in ["/opt/homebrew/bin", "/usr/local/bin", "/opt/local/bin"] {
            places.push(PathBuf::from(dir));
        }
    } else {
        // Distributions put it in /usr/bin, a build from source in /usr/local/bin.
        for dir in ["/usr/bin", "/usr/local/bin"] {
            places.push(PathBuf::from(dir));
        }
    }
    places
}

/// The `tesseract` to run: the first on `PATH`, else the first in its usual places; `None`
/// when there is none (running it then fails with "not found", said with [`INSTALL_HINT`]).
pub fn tesseract() -> Option<PathBuf> {
    find(std::env::var_os("PATH").as_deref(), &usual_places())
}

fn find(path_var: Option<&OsStr>, places: &[PathBuf]) -> Option<PathBuf> {
    let on_path: Vec<PathBuf> = path_var
        .map(|p| std::env::split_paths(p).collect())
        .unwrap_or_default();
    on_path
        .iter()
        .chain(places)
        .map(|dir| dir.join(EXE))
        .find(|exe| exe.is_file())
}

#[cfg(test)]
mod tests {
    use super::*;

    /// `PATH` made of `dirs`.
    fn path_of(dirs: &[&Path]) -> std::ffi::OsString {
        std::env::join_paths(dirs).expect("join")
    }

    #[test]
    fn found_on_path_first_then_in_the_usual_places() {
        let (on_path, usual, empty) = (
            tempfile::tempdir().expect("dir"),
            tempfile::tempdir().expect("dir"),
            tempfile::tempdir().expect("dir"),
        );
        let places = vec![usual.path().to_path_buf()];
        // Nowhere: none.
        let path = path_of(&[empty.path()]);
        assert_eq!(find(Some(&path), &places), None);
        assert_eq!(find(None, &places), None);
        // Only in a usual place (an app without the terminal's PATH).
        std::fs::write(usual.path().join(EXE), b"").expect("write");
        assert_eq!(find(Some(&path), &places), Some(usual.path().join(EXE)));
        assert_eq!(find(None, &places), Some(usual.path().join(EXE)));
        // On PATH too: PATH wins, as in a terminal.
        std::fs::write(on_path.path().join(EXE), b"").expect("write");
        let path = path_of(&[empty.path(), on_path.path()]);
        assert_eq!(find(Some(&path), &places), Some(on_path.path().join(EXE)));
        // A folder named like the program is not the program.
        let odd = tempfile::tempdir().expect("dir");
        std::fs::create_dir(odd.path().join(EXE)).expect("mkdir");
        let path = path_of(&[odd.path()]);
        assert_eq!(find(Some(&path), &[]), None);
    }

    #[test]
    fn the_usual_places_are_this_systems() {
        let places = usual_places();
        if cfg!(target_os = "macos") {
            assert!(places.contains(&PathBuf::from("/opt/homebrew/bin")));
        } else if cfg!(windows) {
            assert!(places.iter().any(|p| p.ends_with("Tesseract-OCR")));
        } else {
            assert!(places.contains(&PathBuf::from("/usr/bin")));
        }
    }
}
