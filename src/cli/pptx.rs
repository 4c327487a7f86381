//! `klantreis pptx FILE --journey ID -o canvas.pptx`: the blank workshop canvas as a
//! PowerPoint fill-in file (`klantreis::export::pptx`), written whole or not at all.

use std::path::Path;

use klantreis::{export, print};

pub fn run(file: &Path, journey: &str, out: &Path) -> Result<(), String> {
    let doc = super::open(file)?;
    let bytes = export::pptx::to_pptx(super::journey(&doc, journey)?).map_err(|x| x.to_string())?;
    doc.close().map_err(|x| x.to_string())?;
    print::write_atomic(out, &bytes).map_err(|x| x.to_string())
}
