//! `apply`, `undo` and `redo`: changing a document from the shell, one undo step at a time.

use std::path::PathBuf;

use klantreis::Document;

/// `klantreis apply`: the input is read and parsed before the document is opened, and a group
/// is one transaction, so a bad edit leaves the document as it was.
pub fn apply(file: &std::path::Path, input: &std::path::Path, json: bool) -> Result<(), String> {
    let text = if input.as_os_str() == "-" {
        let mut s = String::new();
        std::io::Read::read_to_string(&mut std::io::stdin(), &mut s)
            .map_err(|x| format!("standard input: {x}"))?;
        s
    } else {
        std::fs::read_to_string(input).map_err(|x| format!("{}: {x}", input.display()))?
    };
    let name = if input.as_os_str() == "-" {
        "standard input".to_string()
    } else {
        input.display().to_string()
    };
    let edits = klantreis::edit::json::parse(&text).map_err(|x| format!("{name}: {x}"))?;
    if edits.is_empty() {
        return Err(format!("{name}: an empty array: no edits to apply"));
    }
    let mut doc = Document::open(file).map_err(|x| x.to_string())?;
    let cs = doc
        .apply_group(&edits, klantreis::store::Origin::Local)
        .map_err(|x| x.to_string())?;
    doc.close().map_err(|x| x.to_string())?;
    let ids = cs.created_ids();
    if json {
        println!(
            "{}",
            serde_json::to_string(&ids).map_err(|x| x.to_string())?
        );
    } else {
        for id in ids {
            println!("{id}");
        }
    }
    Ok(())
}

pub fn step(file: PathBuf, undo: bool) -> Result<(), String> {
    let e = |e: &dyn std::fmt::Display| e.to_string();
    {
        {
            let mut doc = Document::open(&file).map_err(|x| e(&x))?;
            let entry = if undo {
                doc.undo_entry()
            } else {
                doc.redo_entry()
            }
            .map_err(|x| e(&x))?;
            let done = if undo { doc.undo() } else { doc.redo() }.map_err(|x| e(&x))?;
            doc.close().map_err(|x| e(&x))?;
            match (done, entry) {
                (Some(_), Some(entry)) => println!("{}", entry.label),
                _ => {
                    return Err(if undo {
                        "nothing to undo".into()
                    } else {
                        "nothing to redo".into()
                    })
                }
            }
        }
    }
    Ok(())
}
