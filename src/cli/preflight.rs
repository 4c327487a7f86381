//! `klantreis preflight FILE.pdf [--json] [--lang nl|en]`: what a print shop would refuse in a
//! PDF, as plain words or JSON; exits 0 only when there is nothing.

use std::path::Path;

use klantreis::preflight;
use klantreis::Lang;

/// Prints the findings (stdout); an error when there are any, so the exit status tells.
pub fn run(file: &Path, json: bool, lang: Lang) -> Result<(), String> {
    let bytes = std::fs::read(file).map_err(|e| format!("{}: {e}", file.display()))?;
    let report = preflight::check(&bytes, lang).map_err(|e| format!("{}: {e}", file.display()))?;
    let nl = lang == Lang::Nl;
    if json {
        let text = serde_json::to_string_pretty(&report).map_err(|e| e.to_string())?;
        println!("{text}");
    } else if report.passes() {
        println!(
            "{}",
            if nl {
                "Geen bezwaren: een drukkerij kan dit bestand zo gebruiken."
            } else {
                "Nothing to refuse: a print shop can use this file as it is."
            }
        );
    } else {
        for f in &report.findings {
            let page = match f.page {
                Some(p) if nl => format!("pagina {p}: "),
                Some(p) => format!("page {p}: "),
                None => String::new(),
            };
            let more = match (f.count, nl) {
                (1, _) => String::new(),
                (n, true) => format!(" ({n} keer)"),
                (n, false) => format!(" ({n} times)"),
            };
            let at = if f.at.is_empty() {
                String::new()
            } else {
                format!(" [{}]", f.at)
            };
            println!("- {page}{}{more}{at}", f.message);
        }
    }
    if report.passes() {
        Ok(())
    } else {
        let n = report.findings.len();
        Err(if nl {
            format!("{n} bevinding(en): een drukkerij zou dit bestand weigeren")
        } else {
            format!("{n} finding(s): a print shop would refuse this file")
        })
    }
}
