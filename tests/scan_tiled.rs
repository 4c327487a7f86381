//! Reading tiled prints: one photo per sheet, several sheets in one photo, a glued poster,
//! and notes across the seams between sheets, on synthetic photos of the sample's tiled blank
//! canvas (`tests/scan_photos/tiled.rs`). One A0 sheet: `tests/scan.rs`.

mod scan_photos;

use klantreis::scan::read_photos;
use scan_photos::tiled::{the_note, tiled_print, tiled_wall, TiledPrint, TiledWall};
use scan_photos::{photograph, plan_notes, render_pdf_page, stick, tally, Rng, Shot, Tally};

#[test]
fn a_tiled_print_read_one_photo_per_sheet_ends_in_one_journey() {
    let TiledPrint {
        dir,
        doc,
        id,
        pdf,
        scene,
        grid: g,
    } = tiled_print();
    let mut photos = Vec::new();
    for r in 0..g.rows {
        for c in 0..g.cols {
            let page = 2 + r * g.cols + c;
            let canvas = render_pdf_page(&pdf, page, 110, dir.path());
            let ppm = canvas.width() as f64 / g.sheet_w as f64;
            let (x0, y0) = (c as f64 * g.step_x as f64, r as f64 * g.step_y as f64);
            let window = [
                x0 + 30.0,
                y0 + 30.0,
                x0 + g.step_x as f64 - 30.0,
                y0 + g.step_y as f64 - 30.0,
            ];
            let (dx, dy) = g.offset(r, c);
            let seed = 60 + page as u64;
            let mut rng = Rng::new(seed);
            let notes = plan_notes(&scene, &mut rng, 4, 60.0, window, (dx as f64, dy as f64));
            let mut canvas = canvas;
            stick(&mut canvas, &notes, ppm, &mut rng);
            let landscape = g.sheet_w > g.sheet_h;
            let turns = (seed % 4) as u32;
            let wide = landscape == turns.is_multiple_of(2);
            photos.push(photograph(
                &canvas,
                ppm,
                &notes,
                Shot {
                    width: if wide { 2000 } else { 1420 },
                    height: if wide { 1420 } else { 2000 },
                    quarter_turns: turns,
                    seed,
                    blur: 0.5,
                    noise: 4.0,
                },
            ));
        }
    }
    let bytes: Vec<&[u8]> = photos.iter().map(|p| p.jpeg.as_slice()).collect();
    let scan = read_photos(&doc, &id, &bytes).expect("read the sheets");
    let mut total = Tally::default();
    for (i, p) in photos.iter().enumerate() {
        let on: Vec<_> = scan.notes.iter().filter(|n| n.photo == i as u32).collect();
        total.add(tally(p, &on));
    }
    eprintln!("tiled: {} sheets, {total:?}", photos.len());
    assert!(photos.len() >= 4 && total.expected >= 12, "{total:?}");
    assert_eq!(total.found, total.expected, "{total:?}");
    assert_eq!(
        (total.wrong_cell, total.wrong_colour, total.extra),
        (0, 0, 0),
        "{total:?}"
    );
    let ids: std::collections::BTreeSet<_> = scan.notes.iter().map(|n| n.id.as_str()).collect();
    assert_eq!(ids.len(), scan.notes.len(), "ids unique across photos");
    assert!(scan.warnings.is_empty(), "{:?}", scan.warnings);
}

/// The wall of four tiled sheets, all in one photo: every sheet is found by its own code and
/// marks, every note is found once, in its cell, and a note across a seam is joined into one
/// note in the cell under its centre.
#[test]
fn several_tiled_sheets_in_one_photo_and_notes_across_their_seams() {
    let TiledWall {
        doc,
        id,
        wall,
        ppm,
        notes,
        seam,
        ..
    } = tiled_wall();
    let (ww, wh) = (wall.width(), wall.height());
    let photo = photograph(
        &wall,
        ppm,
        &notes,
        Shot {
            // The phone held the way the wall lies in it, the wall turned a quarter.
            width: if ww > wh { 2700 } else { 3600 },
            height: if ww > wh { 3600 } else { 2700 },
            quarter_turns: 1,
            seed: 91,
            blur: 0.5,
            noise: 4.0,
        },
    );
    if let Ok(dir) = std::env::var("KR_SCAN_DUMP") {
        image::load_from_memory(&photo.jpeg)
            .expect("jpeg")
            .resize(1400, 1400, image::imageops::FilterType::Triangle)
            .save(format!("{dir}/sheets-photo.png"))
            .expect("dump");
    }
    let scan = read_photos(&doc, &id, &[&photo.jpeg]).expect("read the wall");
    if let Ok(dir) = std::env::var("KR_SCAN_DUMP") {
        let mut img = image::load_from_memory(&photo.jpeg)
            .expect("jpeg")
            .to_rgb8();
        for n in &scan.notes {
            for k in 0..4 {
                let (a, b) = (n.outline[k], n.outline[(k + 1) % 4]);
                for s in 0..400 {
                    let t = s as f32 / 400.0;
                    let (x, y) = (a[0] + (b[0] - a[0]) * t, a[1] + (b[1] - a[1]) * t);
                    if x >= 0.0 && y >= 0.0 && (x as u32) < img.width() && (y as u32) < img.height()
                    {
                        img.put_pixel(x as u32, y as u32, image::Rgb([255, 0, 0]));
                    }
                }
            }
        }
        image::DynamicImage::ImageRgb8(img)
            .resize(1400, 1400, image::imageops::FilterType::Triangle)
            .save(format!("{dir}/sheets.png"))
            .expect("dump");
    }
    let t = tally(&photo, &scan.notes.iter().collect::<Vec<_>>());
    eprintln!(
        "four sheets in one photo: {t:?}, warnings {:?}",
        scan.warnings
    );
    assert!(t.expected >= 12, "{t:?}");
    assert_eq!(t.found, t.expected, "every note found: {t:?}");
    assert_eq!(
        (t.wrong_cell, t.wrong_colour, t.extra),
        (0, 0, 0),
        "each in its cell, none twice: {t:?}"
    );
    assert!(scan.warnings.is_empty(), "{:?}", scan.warnings);
    // The notes across the seams each came out as one note, in the cell under their centre.
    let found: Vec<_> = scan.notes.iter().collect();
    for s in &seam {
        let n = the_note(&photo, &found, s);
        assert_eq!(
            (&n.phase_id, &n.lane_id),
            (&s.phase_id, &s.lane_id),
            "{s:?}"
        );
    }
}

/// The same wall, one photo per sheet, each showing a strip of its neighbours around it: each
/// sheet is read once (a neighbour half in view is no news), every note once, and a note
/// across a seam is read whole from the photo of the sheet under its centre.
#[test]
fn tiled_sheets_one_photo_each_and_notes_across_their_seams() {
    let w = tiled_wall();
    let border = 50.0;
    let (ww, wh) = (
        w.wall.width() as f64 / w.ppm,
        w.wall.height() as f64 / w.ppm,
    );
    let mut photos = Vec::new();
    for (i, [x0, y0, x1, y1]) in w.sheets.iter().copied().enumerate() {
        let (cx0, cy0) = ((x0 - border).max(0.0), (y0 - border).max(0.0));
        let (cx1, cy1) = ((x1 + border).min(ww), (y1 + border).min(wh));
        let crop = image::imageops::crop_imm(
            &w.wall,
            (cx0 * w.ppm) as u32,
            (cy0 * w.ppm) as u32,
            ((cx1 - cx0) * w.ppm) as u32,
            ((cy1 - cy0) * w.ppm) as u32,
        )
        .to_image();
        // The notes whose centre is on this sheet's paper, in the crop's mm.
        let mine: Vec<_> = w
            .notes
            .iter()
            .filter(|n| {
                let (cx, cy) = (n.x + n.w / 2.0, n.y + n.h / 2.0);
                cx >= x0 && cx < x1 && cy >= y0 && cy < y1
            })
            .map(|n| scan_photos::NoteSpec {
                x: n.x - cx0,
                y: n.y - cy0,
                ..n.clone()
            })
            .collect();
        let seed = 95 + i as u64;
        let turns = (seed % 4) as u32;
        let wide = (cx1 - cx0 > cy1 - cy0) == turns.is_multiple_of(2);
        photos.push((
            photograph(
                &crop,
                w.ppm,
                &mine,
                Shot {
                    width: if wide { 2000 } else { 1500 },
                    height: if wide { 1500 } else { 2000 },
                    quarter_turns: turns,
                    seed,
                    blur: 0.5,
                    noise: 4.0,
                },
            ),
            (cx0, cy0),
        ));
    }
    let bytes: Vec<&[u8]> = photos.iter().map(|p| p.0.jpeg.as_slice()).collect();
    let scan = read_photos(&w.doc, &w.id, &bytes).expect("read the sheets");
    let mut total = Tally::default();
    for (i, (p, _)) in photos.iter().enumerate() {
        let on: Vec<_> = scan.notes.iter().filter(|n| n.photo == i as u32).collect();
        let t = tally(p, &on);
        eprintln!("sheet photo {i}: {t:?}");
        total.add(t);
    }
    eprintln!(
        "four sheets, a photo each: {total:?}, warnings {:?}",
        scan.warnings
    );
    assert_eq!(total.expected, w.notes.len(), "{total:?}");
    assert_eq!(total.found, total.expected, "every note found: {total:?}");
    assert_eq!(
        (total.wrong_cell, total.wrong_colour, total.extra),
        (0, 0, 0),
        "each in its cell, none twice: {total:?}"
    );
    assert!(scan.warnings.is_empty(), "{:?}", scan.warnings);
    for s in &w.seam {
        let (cx, cy) = (s.x + s.w / 2.0, s.y + s.h / 2.0);
        let i = w
            .sheets
            .iter()
            .position(|r| cx >= r[0] && cx < r[2] && cy >= r[1] && cy < r[3])
            .expect("on a sheet");
        let (photo, (ox, oy)) = &photos[i];
        let spec = scan_photos::NoteSpec {
            x: s.x - ox,
            y: s.y - oy,
            ..s.clone()
        };
        let on: Vec<_> = scan.notes.iter().filter(|n| n.photo == i as u32).collect();
        let n = the_note(photo, &on, &spec);
        assert_eq!(
            (&n.phase_id, &n.lane_id),
            (&s.phase_id, &s.lane_id),
            "{s:?}"
        );
    }
}

/// The four sheets glued into one poster as the print's guide says, in one photo: the right
/// and bottom marks of a sheet are under its neighbours, whose own marks beside them stand in;
/// every note is found once, in its cell.
#[test]
fn a_glued_poster_of_tiled_sheets_in_one_photo() {
    let w = scan_photos::tiled::glued_wall();
    let wide = w.wall.width() > w.wall.height();
    let photo = photograph(
        &w.wall,
        w.ppm,
        &w.notes,
        Shot {
            width: if wide { 3400 } else { 2600 },
            height: if wide { 2600 } else { 3400 },
            quarter_turns: 2,
            seed: 92,
            blur: 0.5,
            noise: 4.0,
        },
    );
    let scan = read_photos(&w.doc, &w.id, &[&photo.jpeg]).expect("read the poster");
    let t = tally(&photo, &scan.notes.iter().collect::<Vec<_>>());
    eprintln!("a glued poster: {t:?}, warnings {:?}", scan.warnings);
    assert!(t.expected >= 10, "{t:?}");
    assert_eq!(t.found, t.expected, "every note found: {t:?}");
    assert_eq!(
        (t.wrong_cell, t.wrong_colour, t.extra),
        (0, 0, 0),
        "each in its cell, none twice: {t:?}"
    );
    assert!(scan.warnings.is_empty(), "{:?}", scan.warnings);
}
