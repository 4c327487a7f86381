//! `klantreis scan FILE --journey ID PHOTO... [--dry-run] [--json]`: reads photos of the
//! journey's printed canvas (`klantreis::scan::read_photos`, then OCR of every note), prints
//! the notes and, without `--dry-run`, adds them as cards in one undo step
//! (`klantreis::scan::apply`). A note already on the map (the wall read again) adds no card;
//! its dots set that card's votes. Cards gone from the wall are listed, not deleted.

use std::path::{Path, PathBuf};

use klantreis::scan::{apply, ocr, read_photos};

pub fn run(
    file: &Path,
    journey: &str,
    photos: &[PathBuf],
    dry_run: bool,
    json: bool,
) -> Result<(), String> {
    let mut doc = super::open(file)?;
    let j = super::journey(&doc, journey)?.clone();
    let bytes = photos
        .iter()
        .map(|p| std::fs::read(p).map_err(|e| format!("{}: {e}", p.display())))
        .collect::<Result<Vec<_>, _>>()?;
    let refs: Vec<&[u8]> = bytes.iter().map(Vec::as_slice).collect();
    let mut scan = read_photos(&doc, journey, &refs).map_err(|e| e.to_string())?;
    if let Some(e) = ocr::fill(&mut scan.notes) {
        eprintln!("warning: the text of some notes could not be read: {e}");
    }
    for w in &scan.warnings {
        eprintln!("warning: {w}");
    }
    if json {
        // The array of notes found, as scripts have read it since `scan --json` began (a
        // note already on the map has `card_id`); the cards gone from the wall are named on
        // stderr below (`docs/scan.md`).
        let text = serde_json::to_string_pretty(&scan.notes).map_err(|e| e.to_string())?;
        println!("{text}");
    } else {
        let name = |list: Vec<(&str, &str)>, id: &str| {
            list.into_iter()
                .find(|(i, _)| *i == id)
                .map_or_else(|| id.to_string(), |(_, n)| n.to_string())
        };
        for n in &scan.notes {
            let phase = name(
                j.phases
                    .iter()
                    .map(|p| (p.id.as_str(), p.name.as_str()))
                    .collect(),
                &n.phase_id,
            );
            let lane = name(
                j.lanes
                    .iter()
                    .map(|l| (l.id.as_str(), l.title.as_str()))
                    .collect(),
                &n.lane_id,
            );
            println!(
                "{}\t{phase}\t{lane}\t{}\t{:.2}\t{}",
                n.id,
                serde_json::to_value(n.colour)
                    .ok()
                    .and_then(|v| v.as_str().map(str::to_string))
                    .unwrap_or_default(),
                n.confidence,
                n.text
            );
        }
    }
    let known = scan.notes.iter().filter(|n| n.card_id.is_some()).count();
    for n in scan.notes.iter().filter(|n| n.card_id.is_some()) {
        eprintln!(
            "{} is already on the map ({}): its dots set that card's votes",
            n.id,
            n.card_id.as_deref().unwrap_or_default()
        );
    }
    for g in &scan.gone {
        eprintln!(
            "gone from the wall (kept on the map): {} {:?}",
            g.card_id, g.text
        );
    }
    if dry_run {
        return Ok(());
    }
    apply::apply(&mut doc, journey, &scan.notes, &refs).map_err(|e| e.to_string())?;
    let added = scan.notes.len() - known;
    eprintln!(
        "added {} card{} ({} already on the map) to {:?} from {} photo{} (undo with `klantreis undo {}`)",
        added,
        if added == 1 { "" } else { "s" },
        known,
        j.meta.title,
        photos.len(),
        if photos.len() == 1 { "" } else { "s" },
        file.display()
    );
    Ok(())
}
