//! [`read_photos`]: photos of the wall → the notes on it, each in the cell it was stuck in, by
//! the layout that was printed (the version the code names).

use super::geom::Rgb;
use super::locate::{locate, Located};
use super::notes::{find_notes, Sheet};
use super::{CanvasCode, FoundNote, Scan, ScanError};
use crate::export::tile;
use crate::layout::Region;
use crate::scene::Scene;
use crate::store::Document;

/// The longest side of the working image the marks are searched in.
const WORK_SIDE: u32 = 2400;
/// A note whose centre is this far (mm) outside every cell still goes to the nearest cell.
const NEAR_CELL_MM: f32 = 20.0;

/// Reads `photos` (JPEG or PNG bytes) of the printed blank canvas of journey `journey_id`,
/// filled with sticky notes: every note found, with its cell by the printed layout, its colour,
/// outline and crop (`text` empty and `confidence` 0: OCR fills them).
pub fn read_photos(doc: &Document, journey_id: &str, photos: &[&[u8]]) -> Result<Scan, ScanError> {
    if photos.is_empty() {
        return Err(ScanError::NoPhotos);
    }
    let ws = doc.workspace();
    let journey = ws
        .journey(journey_id)
        .ok_or_else(|| ScanError::NoJourney(journey_id.to_string()))?;
    let mut warnings = Vec::new();
    let mut notes: Vec<FoundNote> = Vec::new();
    let mut printed: Option<(u64, Scene)> = None;
    for (i, bytes) in photos.iter().enumerate() {
        let photo = i as u32;
        let img =
            crate::media::decode(bytes).map_err(|source| ScanError::Image { photo, source })?;
        let (fw, fh) = (img.width(), img.height());
        let scale = (fw.max(fh) as f64 / WORK_SIDE as f64).max(1.0);
        let work = if scale > 1.0 {
            img.resize_exact(
                (fw as f64 / scale).round() as u32,
                (fh as f64 / scale).round() as u32,
                image::imageops::FilterType::Triangle,
            )
        } else {
            img.clone()
        };
        let scale = fw as f64 / work.width() as f64;
        let work = Rgb::from_image(work.to_rgb8());
        let located = locate(photo, &work, &img, scale)?;
        let code = &located.code;
        if code.sheet.journey_id != journey_id {
            let found = match doc.workspace().journey(&code.sheet.journey_id) {
                Some(j) => format!("“{}”, {}", j.meta.title, code.sheet.journey_id),
                None => code.sheet.journey_id.clone(),
            };
            return Err(ScanError::OtherJourney {
                photo,
                found,
                expected: format!("“{}”, {journey_id}", journey.meta.title),
            });
        }
        let version = code.sheet.layout_version;
        match &printed {
            Some((v, _)) if *v != version => return Err(ScanError::MixedVersions(*v, version)),
            Some(_) => {}
            None => {
                let scene = if version == journey.meta.version {
                    crate::print::scene_of(journey, &ws.personas, &code.request())
                } else {
                    let snap = doc
                        .snapshots(journey_id)?
                        .into_iter()
                        .rev()
                        .find(|s| s.version == version)
                        .and_then(|s| doc.load_snapshot(&s.id).ok().flatten())
                        .ok_or(ScanError::UnknownVersion { photo, version })?;
                    warnings.push(format!(
                        "the canvas was printed at version {version} (saved as “{}”) and the journey is now at version {}: the notes are placed by the layout that was printed",
                        snap.info.name, journey.meta.version
                    ));
                    crate::print::scene_of(&snap.journey, &snap.personas, &code.request())
                };
                printed = Some((version, scene));
            }
        }
        let Some((_, scene)) = &printed else {
            continue;
        };
        let full = Rgb::from_image(img.to_rgb8());
        notes.extend(notes_on(
            photo,
            &located,
            &work,
            &full,
            scale,
            scene,
            &mut warnings,
        ));
    }
    for (k, n) in notes.iter_mut().enumerate() {
        n.id = format!("n{}", k + 1);
    }
    Ok(Scan {
        notes,
        layout_version: printed.map(|p| p.0).unwrap_or(journey.meta.version),
        warnings,
    })
}

/// Where a sheet shows the poster: poster = sheet − offset, and the part of the poster this
/// sheet owns (each poster point is owned by exactly one sheet, so a note in the overlap of
/// two photos is kept once).
struct Window {
    offset: (f64, f64),
    owns: [f64; 4],
    area: [f64; 4],
}

fn window(code: &CanvasCode, scene: &Scene) -> Window {
    let (pw, ph) = (scene.width.0 as f64, scene.height.0 as f64);
    let whole = Window {
        offset: (0.0, 0.0),
        owns: [f64::MIN, f64::MIN, f64::MAX, f64::MAX],
        area: [0.0, 0.0, pw, ph],
    };
    let (Some(opts), Some(place)) = (code.tile_options(), code.sheet.sheet) else {
        return whole;
    };
    let Ok(g) = tile::grid(scene.width.0, scene.height.0, &opts) else {
        return whole;
    };
    let (r, c) = (place.row as usize, place.col as usize);
    let (dx, dy) = g.offset(r, c);
    let (sx, sy) = (g.step_x as f64, g.step_y as f64);
    let lo = |i: usize, step: f64| if i == 0 { f64::MIN } else { i as f64 * step };
    let hi = |i: usize, n: usize, step: f64| {
        if i + 1 >= n {
            f64::MAX
        } else {
            (i + 1) as f64 * step
        }
    };
    // Only the sheet itself is searched: beyond it a photo shows the wall (or, on an
    // assembled poster, the neighbour, whose own photo reads it). A note across the seam of
    // two sheets is cut by both and left out (`docs/scan.md`).
    Window {
        offset: (dx as f64, dy as f64),
        owns: [lo(c, sx), lo(r, sy), hi(c, g.cols, sx), hi(r, g.rows, sy)],
        area: [0.0, 0.0, g.sheet_w as f64, g.sheet_h as f64],
    }
}

/// The cell (phase, lane) of `scene` under poster point `(x, y)`, or the nearest within
/// [`NEAR_CELL_MM`].
fn cell_at(scene: &Scene, x: f32, y: f32) -> Option<(String, String)> {
    scene
        .regions
        .iter()
        .filter_map(|r| match r {
            Region::Cell {
                rect,
                phase_id,
                lane_id,
            } => {
                let dx = (rect.x.0 - x).max(0.0).max(x - rect.right());
                let dy = (rect.y.0 - y).max(0.0).max(y - rect.bottom());
                Some(((dx * dx + dy * dy).sqrt(), phase_id, lane_id))
            }
            _ => None,
        })
        .filter(|(d, _, _)| *d <= NEAR_CELL_MM)
        .min_by(|a, b| a.0.total_cmp(&b.0))
        .map(|(_, p, l)| (p.clone(), l.clone()))
}

fn notes_on(
    photo: u32,
    located: &Located,
    work: &Rgb,
    full: &Rgb,
    scale: f64,
    scene: &Scene,
    warnings: &mut Vec<String>,
) -> Vec<FoundNote> {
    let win = window(&located.code, scene);
    let sheet = Sheet {
        area: win.area,
        to_work: located.to_work,
        work,
        full,
        scale,
    };
    let mut out = Vec::new();
    let mut outside = 0;
    for n in find_notes(&sheet) {
        let (px, py) = (n.centre[0] - win.offset.0, n.centre[1] - win.offset.1);
        let [ox0, oy0, ox1, oy1] = win.owns;
        if !(px >= ox0 && px < ox1 && py >= oy0 && py < oy1) {
            continue;
        }
        let Some((phase_id, lane_id)) = cell_at(scene, px as f32, py as f32) else {
            outside += 1;
            continue;
        };
        out.push(FoundNote {
            id: String::new(),
            photo,
            outline: n.outline,
            phase_id,
            lane_id,
            colour: n.colour,
            text: String::new(),
            confidence: 0.0,
            crop_png: n.crop_png,
            ocr_image: Some(n.ocr_image),
        });
    }
    if outside > 0 {
        warnings.push(format!(
            "photo {photo}: {outside} note(s) outside the canvas's cells were left out"
        ));
    }
    out
}
