//! `insights` and `csv`: the commands that read a journey and say what it means.

use std::path::PathBuf;

use klantreis::{interchange, Document};

use super::args::Command;
use super::write_out;

/// The commands that read a journey and say what it means: `insights` and `csv`.
pub fn run(cmd: Command) -> Result<(), String> {
    let e = |e: &dyn std::fmt::Display| e.to_string();
    let load = |file: &PathBuf, id: &str| -> Result<klantreis::Journey, String> {
        let doc = Document::open(file).map_err(|x| e(&x))?;
        let j = doc.workspace().journey(id).cloned();
        doc.close().map_err(|x| e(&x))?;
        j.ok_or_else(|| {
            format!(
                "no journey with id {id:?}; see `klantreis list {}`",
                file.display()
            )
        })
    };
    match cmd {
        Command::Insights {
            file,
            journey,
            json,
        } => {
            let j = load(&file, &journey)?;
            let ins = klantreis::analysis::insights(&j);
            if json {
                let mut text = serde_json::to_string_pretty(&ins).map_err(|x| e(&x))?;
                text.push('\n');
                write_out(&None, &text)?;
            } else {
                write_out(&None, &klantreis::sentences::render(&ins, &j))?;
            }
        }
        Command::Csv {
            file,
            journey,
            safari,
            delimiter,
            out,
        } => {
            use interchange::csv;
            let d = csv::Delimiter::parse(&delimiter).ok_or_else(|| {
                format!("unknown delimiter {delimiter:?} (use comma or semicolon)")
            })?;
            let j = load(&file, &journey)?;
            let text = if safari {
                csv::safari_csv(&j, d)
            } else {
                csv::cards_csv(&j, d)
            };
            write_out(&out, &text)?;
        }
        _ => return Err("not an analysis command".into()),
    }
    Ok(())
}
