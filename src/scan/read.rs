//! [`read_photos`]: photos of the wall → the notes on it, each in the cell it was stuck in, by
//! the layout that was printed (the version the code names). A photo may hold several tiled
//! sheets; notes across the seam between two sheets are joined, and every note is kept once
//! (`docs/scan.md`, "Several sheets").

use super::geom::Rgb;
use super::locate::{locate, Located};
use super::notes::{find_notes, note, CutPart, NoteSeen, Sheet, MAX_SIDE_MM, MIN_SIDE_MM};
use super::{CanvasCode, FoundNote, Scan, ScanError, SheetPlace};
use crate::export::tile;
use crate::layout::Region;
use crate::model::CardColour;
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
    let mut kept: Vec<Kept> = Vec::new();
    // Every sheet read so far, with the photo it was read in.
    let mut read: Vec<(CanvasCode, u32)> = Vec::new();
    // Sheets whose code was read but which were not found whole, with the photo and why.
    let mut failed: Vec<(CanvasCode, u32, String)> = Vec::new();
    let mut printed: Option<(u64, Scene)> = None;
    let mut previews = Vec::new();
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
        let small = work;
        let work = Rgb::from_image(small.to_rgb8());
        // The review's preview, from the working image while it is at hand, on a second core
        // while the sheets are located (when it fails the review makes it from the photo).
        let (found, preview) = std::thread::scope(|s| {
            let preview = s.spawn(|| super::preview::preview_of(&small, fw, fh).ok());
            let found = locate(photo, &work, &img, scale);
            (found, preview.join().ok().flatten())
        });
        let found = found?;
        previews.extend(preview);
        failed.extend(found.failed.into_iter().map(|(c, why)| (c, photo, why)));
        let mut here: Vec<Located> = Vec::new();
        for located in found.sheets {
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
            // A sheet already read (in an earlier photo, or twice in this one) is not read
            // again: its notes would be counted twice.
            if read.iter().any(|(c, _)| c == code) || here.iter().any(|l| l.code == *code) {
                continue;
            }
            here.push(located);
        }
        let Some((_, scene)) = &printed else {
            continue;
        };
        if here.is_empty() {
            warnings.push(format!(
                "photo {photo} shows only sheets read in an earlier photo; it was not read again"
            ));
            continue;
        }
        let full = Rgb::from_image(img.to_rgb8());
        kept.extend(notes_in_photo(
            photo,
            &here,
            &work,
            &full,
            scale,
            scene,
            &mut warnings,
        ));
        read.extend(here.into_iter().map(|l| (l.code, photo)));
    }
    // A sheet half in view beside the one photographed is no news when it was read in a
    // photo of its own.
    for (code, photo, why) in failed {
        if code.sheet.journey_id != journey_id || read.iter().any(|(c, _)| *c == code) {
            continue;
        }
        warnings.push(match code.sheet.sheet {
            Some(p) => format!(
                "photo {photo}: the sheet in column {}, row {} was not read: {why}",
                p.col + 1,
                p.row + 1
            ),
            None => format!("photo {photo}: a canvas sheet was not read: {why}"),
        });
    }
    warnings.dedup();
    // Across photos the photos cannot be compared, so the sheets' overlap strips are shared
    // out: a note centred in the part of the poster another sheet owns is left to that sheet
    // when that sheet was read in another photo. (In one photo the same note seen by two
    // sheets was already kept once, by its place in the photo.)
    let mut notes: Vec<FoundNote> = kept
        .into_iter()
        .filter(|k| match (k.place, k.owner) {
            (Some(own), Some(owner)) if (own.col, own.row) != owner => {
                !read.iter().any(|(c, p)| {
                    *p != k.note.photo && c.sheet.sheet.is_some_and(|s| (s.col, s.row) == owner)
                })
            }
            _ => true,
        })
        .map(|k| k.note)
        .collect();
    for (k, n) in notes.iter_mut().enumerate() {
        n.id = format!("n{}", k + 1);
    }
    let seen = match &printed {
        Some((_, scene)) => cells_seen(scene, &read),
        None => Vec::new(),
    };
    let gone = super::again::against_map(doc, journey, &mut notes, &seen)?;
    Ok(Scan {
        notes,
        layout_version: printed.map(|p| p.0).unwrap_or(journey.meta.version),
        warnings,
        gone,
        previews,
    })
}

/// The cells (phase, lane) of `scene` that the sheets `read` show whole (each corner on one of
/// them): where a card read before and not found again has gone from the wall. A cell partly
/// on a tile not photographed may hold its note there, so it says nothing.
fn cells_seen(scene: &Scene, read: &[(CanvasCode, u32)]) -> Vec<(String, String)> {
    let areas: Vec<[f64; 4]> = read
        .iter()
        .map(|(code, _)| {
            let w = window(code, scene);
            let [x0, y0, x1, y1] = w.area;
            [
                x0 - w.offset.0,
                y0 - w.offset.1,
                x1 - w.offset.0,
                y1 - w.offset.1,
            ]
        })
        .collect();
    scene
        .regions
        .iter()
        .filter_map(|r| match r {
            Region::Cell {
                rect,
                phase_id,
                lane_id,
            } => {
                let (x0, y0) = (rect.x.0 as f64 + 1.0, rect.y.0 as f64 + 1.0);
                let (x1, y1) = (rect.right() as f64 - 1.0, rect.bottom() as f64 - 1.0);
                let on = |x: f64, y: f64| {
                    areas
                        .iter()
                        .any(|a| x >= a[0] && y >= a[1] && x <= a[2] && y <= a[3])
                };
                (on(x0, y0) && on(x1, y0) && on(x1, y1) && on(x0, y1))
                    .then(|| (phase_id.clone(), lane_id.clone()))
            }
            _ => None,
        })
        .collect()
}

/// A note found, before the notes of all photos are put together.
struct Kept {
    note: FoundNote,
    /// The sheet it was read on (`None` on a canvas of one sheet).
    place: Option<SheetPlace>,
    /// The sheet that owns the poster point under its centre (column, row).
    owner: Option<(u32, u32)>,
}

/// Where a sheet shows the poster: poster = sheet − offset; the area searched (the whole
/// sheet); and, for a tile, the grid's step and size, which say which sheet owns a poster
/// point (each poster point is owned by exactly one sheet).
struct Window {
    offset: (f64, f64),
    area: [f64; 4],
    grid: Option<(f64, f64, u32, u32)>,
}

impl Window {
    fn owner(&self, x: f64, y: f64) -> Option<(u32, u32)> {
        let (sx, sy, cols, rows) = self.grid?;
        let at = |v: f64, step: f64, n: u32| ((v / step).floor().max(0.0) as u32).min(n - 1);
        Some((at(x, sx, cols), at(y, sy, rows)))
    }
}

fn window(code: &CanvasCode, scene: &Scene) -> Window {
    let (pw, ph) = (scene.width.0 as f64, scene.height.0 as f64);
    let whole = Window {
        offset: (0.0, 0.0),
        area: [0.0, 0.0, pw, ph],
        grid: None,
    };
    let (Some(opts), Some(place)) = (code.tile_options(), code.sheet.sheet) else {
        return whole;
    };
    let Ok(g) = tile::grid(scene.width.0, scene.height.0, &opts) else {
        return whole;
    };
    let (dx, dy) = g.offset(place.row as usize, place.col as usize);
    // Only the sheet itself is searched: beyond it a photo shows the wall or a neighbouring
    // sheet, which is read as a sheet of its own when its code and marks are in view.
    Window {
        offset: (dx as f64, dy as f64),
        area: [0.0, 0.0, g.sheet_w as f64, g.sheet_h as f64],
        grid: Some((
            g.step_x as f64,
            g.step_y as f64,
            g.cols.max(1) as u32,
            g.rows.max(1) as u32,
        )),
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

/// Parts of a note across a seam further apart than this (mm, the gap between two sheets
/// hung side by side) are not joined.
const SEAM_GAP_MM: f64 = 20.0;

/// How far around a note's part cut by a tile's edge the rest of it is looked for (mm): more
/// than the largest note's side, so the note is whole in the search.
const RESCUE_MM: f64 = 90.0;

/// One sheet of a photo, ready to be searched.
struct OnSheet<'a> {
    code: &'a CanvasCode,
    win: Window,
    sheet: Sheet<'a>,
}

/// The notes of every sheet in one photo: each sheet's own; a note across the seam between
/// two of them (cut by both) joined into one; a note seen by two sheets (their overlap, on an
/// assembled poster) kept once.
fn notes_in_photo(
    photo: u32,
    here: &[Located],
    work: &Rgb,
    full: &Rgb,
    scale: f64,
    scene: &Scene,
    warnings: &mut Vec<String>,
) -> Vec<Kept> {
    let sheets: Vec<OnSheet> = here
        .iter()
        .map(|l| {
            let win = window(&l.code, scene);
            OnSheet {
                code: &l.code,
                sheet: Sheet {
                    area: win.area,
                    to_work: l.to_work,
                    work,
                    full,
                    scale,
                },
                win,
            }
        })
        .collect();
    let mut outside = 0;
    let mut out: Vec<Kept> = Vec::new();
    let mut cuts: Vec<(usize, CutPart)> = Vec::new();
    let mut place = |s: &OnSheet, n: NoteSeen, shared: bool, out: &mut Vec<Kept>| {
        let (px, py) = (n.centre[0] - s.win.offset.0, n.centre[1] - s.win.offset.1);
        let Some((phase_id, lane_id)) = cell_at(scene, px as f32, py as f32) else {
            outside += 1;
            return;
        };
        out.push(Kept {
            note: FoundNote {
                id: String::new(),
                photo,
                outline: n.outline,
                phase_id,
                lane_id,
                colour: n.colour,
                text: String::new(),
                confidence: 0.0,
                dots: n.dots,
                card_id: None,
                crop_png: n.crop_png,
                ocr_image: Some(n.ocr_image),
            },
            place: s.code.sheet.sheet,
            owner: if shared { s.win.owner(px, py) } else { None },
        });
    };
    for (k, s) in sheets.iter().enumerate() {
        let (notes, parts) = find_notes(&s.sheet);
        for n in notes {
            place(s, n, true, &mut out);
        }
        cuts.extend(parts.into_iter().map(|p| (k, p)));
    }
    let (joined, alone) = seam_notes(&sheets, &cuts);
    for (base, bx, colour) in joined {
        let s = &sheets[base];
        place(s, note(&s.sheet, bx, colour), true, &mut out);
    }
    // A part left alone on a tile: the rest of the note is on a neighbour not read in this
    // photo, but the photo shows it: the note is looked for whole around the part, and kept
    // when its centre is on this sheet's paper (the neighbour's own photo, if any, leaves it
    // here by the same rule). Its place is physical, so the overlap strips' shares do not
    // apply to it.
    let mut rescued: Vec<(usize, [f64; 4])> = Vec::new();
    for (k, part) in alone {
        let s = &sheets[k];
        if s.win.grid.is_none() {
            continue;
        }
        let [_, _, sw, sh] = s.win.area;
        let g = RESCUE_MM;
        let around = Sheet {
            area: [
                part.bx[0] - g,
                part.bx[1] - g,
                part.bx[2] + g,
                part.bx[3] + g,
            ],
            ..s.sheet
        };
        let (whole, _) = find_notes(&around);
        for n in whole {
            let [cx, cy] = n.centre;
            let [pcx, pcy] = [
                (part.bx[0] + part.bx[2]) / 2.0,
                (part.bx[1] + part.bx[3]) / 2.0,
            ];
            let holds = (pcx - cx).abs() <= n.size[0] / 2.0 && (pcy - cy).abs() <= n.size[1] / 2.0;
            let mine = cx >= 0.0 && cy >= 0.0 && cx < sw && cy < sh;
            let again = rescued
                .iter()
                .any(|(j, c)| *j == k && (c[0] - cx).abs() < 10.0 && (c[1] - cy).abs() < 10.0);
            if n.colour != part.colour || !holds || !mine || again {
                continue;
            }
            rescued.push((k, [cx, cy, 0.0, 0.0]));
            place(s, n, false, &mut out);
        }
    }
    if outside > 0 {
        warnings.push(format!(
            "photo {photo}: {outside} note(s) outside the canvas's cells were left out"
        ));
    }
    once_per_photo(out)
}

/// A box on sheet `from` as a box on sheet `to` of the same photo (through the photo).
fn map_box(sheets: &[OnSheet], from: usize, to: usize, bx: [f64; 4]) -> [f64; 4] {
    let inv = sheets[to].sheet.to_work.inverse();
    let h = sheets[from].sheet.to_work;
    let pts = [
        [bx[0], bx[1]],
        [bx[2], bx[1]],
        [bx[2], bx[3]],
        [bx[0], bx[3]],
    ]
    .map(|[x, y]| {
        let [u, v] = h.map(x, y);
        inv.map(u, v)
    });
    let xs = pts.map(|p| p[0]);
    let ys = pts.map(|p| p[1]);
    [
        xs.iter().copied().fold(f64::MAX, f64::min),
        ys.iter().copied().fold(f64::MAX, f64::min),
        xs.iter().copied().fold(f64::MIN, f64::max),
        ys.iter().copied().fold(f64::MIN, f64::max),
    ]
}

/// Notes across the seam between two sheets of one photo: two parts of one colour, each cut
/// by its sheet's edge facing the other, lined up along the seam and at most [`SEAM_GAP_MM`]
/// apart, whose box together is a note's size. Each is `(sheet, box on that sheet, colour)`,
/// on the sheet holding the larger part (the joined note's centre is on it, or in the gap).
/// Also the parts left without a partner.
#[allow(clippy::type_complexity)]
fn seam_notes(
    sheets: &[OnSheet],
    cuts: &[(usize, CutPart)],
) -> (Vec<(usize, [f64; 4], CardColour)>, Vec<(usize, CutPart)>) {
    let mut pairs: Vec<(f64, usize, usize, [f64; 4])> = Vec::new();
    for (i, &(si, a)) in cuts.iter().enumerate() {
        for (j, &(sj, b)) in cuts.iter().enumerate().skip(i + 1) {
            if si == sj || a.colour != b.colour {
                continue;
            }
            let bb = map_box(sheets, sj, si, b.bx);
            let ab = a.bx;
            let (aw, ah) = (ab[2] - ab[0], ab[3] - ab[1]);
            let (bw, bh) = (bb[2] - bb[0], bb[3] - bb[1]);
            let gap_x = (bb[0] - ab[2]).max(ab[0] - bb[2]).max(0.0);
            let gap_y = (bb[1] - ab[3]).max(ab[1] - bb[3]).max(0.0);
            let along_y = (ab[3].min(bb[3]) - ab[1].max(bb[1])) / ah.min(bh).max(1e-6);
            let along_x = (ab[2].min(bb[2]) - ab[0].max(bb[0])) / aw.min(bw).max(1e-6);
            let b_right = bb[0] + bb[2] > ab[0] + ab[2];
            let b_below = bb[1] + bb[3] > ab[1] + ab[3];
            // Side by side: `a` cut on the edge facing `b`, `b` on the edge facing `a`.
            let beside = gap_x <= SEAM_GAP_MM
                && along_y >= 0.6
                && if b_right {
                    a.edges[2] && b.edges[0]
                } else {
                    a.edges[0] && b.edges[2]
                };
            let stacked = gap_y <= SEAM_GAP_MM
                && along_x >= 0.6
                && if b_below {
                    a.edges[3] && b.edges[1]
                } else {
                    a.edges[1] && b.edges[3]
                };
            if !(beside || stacked) {
                continue;
            }
            let union = [
                ab[0].min(bb[0]),
                ab[1].min(bb[1]),
                ab[2].max(bb[2]),
                ab[3].max(bb[3]),
            ];
            let (uw, uh) = (union[2] - union[0], union[3] - union[1]);
            if uw < MIN_SIDE_MM || uh < MIN_SIDE_MM || uw > MAX_SIDE_MM || uh > MAX_SIDE_MM {
                continue;
            }
            pairs.push((gap_x.max(gap_y), i, j, union));
        }
    }
    pairs.sort_by(|a, b| a.0.total_cmp(&b.0));
    let mut used = vec![false; cuts.len()];
    let mut out = Vec::new();
    let area = |b: [f64; 4]| (b[2] - b[0]) * (b[3] - b[1]);
    for (_, i, j, union) in pairs {
        if used[i] || used[j] {
            continue;
        }
        used[i] = true;
        used[j] = true;
        let (si, a) = cuts[i];
        let (sj, b) = cuts[j];
        if area(a.bx) >= area(b.bx) {
            out.push((si, union, a.colour));
        } else {
            out.push((sj, map_box(sheets, si, sj, union), a.colour));
        }
    }
    let alone = cuts
        .iter()
        .zip(used)
        .filter(|(_, u)| !u)
        .map(|(c, _)| *c)
        .collect();
    (out, alone)
}

/// The note's centre and side in the photo's pixels.
fn in_photo(n: &FoundNote) -> ([f64; 2], f64) {
    let o = n.outline.map(|p| [p[0] as f64, p[1] as f64]);
    let c = [
        o.iter().map(|p| p[0]).sum::<f64>() / 4.0,
        o.iter().map(|p| p[1]).sum::<f64>() / 4.0,
    ];
    let side = ((o[0][0] - o[1][0]).powi(2) + (o[0][1] - o[1][1]).powi(2))
        .sqrt()
        .min(((o[1][0] - o[2][0]).powi(2) + (o[1][1] - o[2][1]).powi(2)).sqrt());
    (c, side)
}

/// Keeps a note seen by two sheets of one photo (in their overlap, on an assembled poster)
/// once: the reading of the sheet that owns the poster under it.
fn once_per_photo(notes: Vec<Kept>) -> Vec<Kept> {
    let owns = |k: &Kept| match (k.place, k.owner) {
        (Some(p), Some(o)) => (p.col, p.row) == o,
        _ => true,
    };
    let mut drop = vec![false; notes.len()];
    for i in 0..notes.len() {
        for j in i + 1..notes.len() {
            if drop[i] || drop[j] || notes[i].place == notes[j].place {
                continue;
            }
            let (ci, si) = in_photo(&notes[i].note);
            let (cj, sj) = in_photo(&notes[j].note);
            if (ci[0] - cj[0]).hypot(ci[1] - cj[1]) < 0.4 * si.min(sj) {
                let later = if owns(&notes[j]) && !owns(&notes[i]) {
                    i
                } else {
                    j
                };
                drop[later] = true;
            }
        }
    }
    notes
        .into_iter()
        .zip(drop)
        .filter(|(_, d)| !d)
        .map(|(k, _)| k)
        .collect()
}
