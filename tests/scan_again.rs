//! The same wall read again (issue 27, item 3; `docs/scan.md`, "A wall read again"): the
//! sample journey's blank A0 canvas with sticky notes is photographed and accepted; a later
//! photo of the same wall, from another angle and in other light, with three notes added and
//! one note's dots changed, adds exactly those three and sets that card's votes; a photo with
//! one note taken down lists its card as gone and deletes nothing. A tiled canvas read again a
//! row of sheets at a time finds its notes on the map and lists no card of the other sheets.

mod scan_photos;

use klantreis::layout::Paper;
use klantreis::model::Card;
use klantreis::print::{self, PrintRequest};
use klantreis::scan::again::{ink, likeness};
use klantreis::scan::{apply, read_photos, FoundNote, Scan};
use scan_photos::tiled::{tiled_print, TiledPrint};
use scan_photos::wall::{shot, wall, Wall};
use scan_photos::{
    photograph_with, plan_mean_notes, plan_notes, render_pdf_page, stick, Mean, NoteSpec, Photo,
    Rng, Shot,
};

/// The wall with `notes` on it (each note's strokes from its own seed, so a note looks the
/// same on every photo it is on), photographed with `seed`.
fn photo(w: &Wall, notes: &[(usize, NoteSpec)], seed: u64) -> Photo {
    let mut canvas = w.canvas.clone();
    for (k, n) in notes {
        stick(
            &mut canvas,
            std::slice::from_ref(n),
            w.ppm,
            &mut Rng::new(9000 + *k as u64),
        );
    }
    let specs: Vec<NoteSpec> = notes.iter().map(|(_, n)| n.clone()).collect();
    let mean = Mean {
        light: true,
        cut_corner: None,
    };
    photograph_with(&canvas, w.ppm, &specs, shot(seed), mean)
}

/// For each note on `p` (in its order), the found note at its place.
fn found_at<'a>(p: &Photo, scan: &'a Scan) -> Vec<Option<&'a FoundNote>> {
    p.notes
        .iter()
        .map(|n| {
            scan.notes
                .iter()
                .map(|f| {
                    let cx = f.outline.iter().map(|q| q[0] as f64).sum::<f64>() / 4.0;
                    let cy = f.outline.iter().map(|q| q[1] as f64).sum::<f64>() / 4.0;
                    (f, (cx - n.centre[0]).hypot(cy - n.centre[1]))
                })
                .filter(|(_, d)| *d < n.size_px * 0.4)
                .min_by(|a, b| a.1.total_cmp(&b.1))
                .map(|(f, _)| f)
        })
        .collect()
}

fn cards(w: &Wall) -> Vec<Card> {
    w.doc
        .workspace()
        .journey(&w.id)
        .expect("journey")
        .cards
        .clone()
}

/// Prints how alike each note found is to each photo card of its cell (the figures behind
/// `again::SAME_NOTE`), marking the card it truly is.
fn print_likeness(w: &Wall, scan: &Scan, truth: &[(String, Option<String>)]) {
    for n in &scan.notes {
        let Some(a) = ink(&n.crop_png) else { continue };
        let want = truth
            .iter()
            .find(|(id, _)| *id == n.id)
            .and_then(|(_, c)| c.clone());
        for c in cards(w)
            .iter()
            .filter(|c| c.from_photo && c.phase_id == n.phase_id && c.lane_id == n.lane_id)
        {
            let img = w
                .doc
                .image(c.image.as_deref().expect("image"))
                .expect("store")
                .expect("stored");
            let b = ink(&img.data).expect("ink");
            let same = want.as_deref() == Some(c.id.as_str());
            eprintln!(
                "likeness {} ~ {}: {:.3} {}",
                n.id,
                c.id,
                likeness(&a, &b),
                if same { "same note" } else { "other note" }
            );
        }
    }
}

#[test]
fn a_wall_read_again_adds_only_the_new_notes_and_lists_the_gone() {
    let mut w = wall("journey_wallAgain0027");
    let mut rng = Rng::new(2701);
    let (sw, sh) = (w.scene.width.0 as f64, w.scene.height.0 as f64);
    let all: Vec<(usize, NoteSpec)> =
        plan_mean_notes(&w.scene, &mut rng, 16, 76.0, [0.0, 0.0, sw, sh])
            .into_iter()
            .enumerate()
            .collect();
    assert!(all.len() >= 16, "enough notes: {}", all.len());
    // Three notes colleagues add later: every third from the second on.
    let added: Vec<usize> = vec![1, 4, 7];
    let first: Vec<(usize, NoteSpec)> = all
        .iter()
        .filter(|(k, _)| !added.contains(k))
        .cloned()
        .collect();

    // The first photo, accepted whole.
    let p1 = photo(&w, &first, 201);
    let s1 = read_photos(&w.doc, &w.id, &[&p1.jpeg]).expect("first photo");
    assert!(s1.gone.is_empty() && s1.notes.iter().all(|n| n.card_id.is_none()));
    let at1 = found_at(&p1, &s1);
    assert!(
        at1.iter().all(Option::is_some),
        "every note found on photo 1"
    );
    apply::apply(&mut w.doc, &w.id, &s1.notes, &[&p1.jpeg]).expect("apply 1");
    let before = cards(&w);
    assert_eq!(before.len(), first.len() + count_typed(&before));
    // Each note's card, by its crop (the card's image).
    let mut card_of = std::collections::HashMap::new();
    for ((k, _), f) in first.iter().zip(&at1) {
        let f = f.expect("found");
        let img = w.doc.add_image("image/png", &f.crop_png).expect("id");
        let c = before
            .iter()
            .find(|c| c.image.as_deref() == Some(img.as_str()))
            .expect("card of note");
        card_of.insert(*k, c.clone());
    }

    // A later photo: another angle and light, the three notes added, and on one note with
    // dots one dot less.
    let mut later = all.clone();
    let (changed, _) = first
        .iter()
        .find(|(_, n)| n.dots.len() >= 2)
        .expect("a note with two dots or more");
    let changed = *changed;
    later[changed].1.dots.pop();
    let p2 = photo(&w, &later, 214);
    let s2 = read_photos(&w.doc, &w.id, &[&p2.jpeg]).expect("later photo");
    let at2 = found_at(&p2, &s2);
    let truth: Vec<(String, Option<String>)> = later
        .iter()
        .zip(&at2)
        .filter_map(|((k, _), f)| f.map(|f| (f.id.clone(), card_of.get(k).map(|c| c.id.clone()))))
        .collect();
    print_likeness(&w, &s2, &truth);
    assert!(
        at2.iter().all(Option::is_some),
        "every note found on photo 2"
    );
    assert_eq!(
        s2.notes.len(),
        all.len(),
        "no note found twice or where none was"
    );
    for ((k, _), f) in later.iter().zip(&at2) {
        let f = f.expect("found");
        let want = card_of.get(k).map(|c| c.id.clone());
        assert_eq!(
            f.card_id, want,
            "note {k} ({}): the card it already is, or none",
            f.id
        );
    }
    assert!(s2.gone.is_empty(), "nothing gone: {:?}", s2.gone);
    let changed_note = at2[changed].expect("found");
    assert_eq!(
        changed_note.dots as usize,
        later[changed].1.dots.len(),
        "the changed note's dots read"
    );
    apply::apply(&mut w.doc, &w.id, &s2.notes, &[&p2.jpeg]).expect("apply 2");
    let after = cards(&w);
    assert_eq!(
        after.len(),
        before.len() + 3,
        "exactly the three new notes added"
    );
    let votes = |cards: &[Card], id: &str| cards.iter().find(|c| c.id == id).map(|c| c.votes);
    let changed_card = &card_of[&changed].id;
    assert_eq!(
        votes(&after, changed_card),
        Some(later[changed].1.dots.len() as u32),
        "the matched note's dots are its card's votes now"
    );
    assert_ne!(votes(&after, changed_card), votes(&before, changed_card));

    // A photo with one note taken down: its card is listed as gone, nothing is added.
    let removed = first
        .iter()
        .map(|(k, _)| *k)
        .find(|k| *k != changed)
        .expect("a note to take down");
    let third: Vec<(usize, NoteSpec)> = later
        .iter()
        .filter(|(k, _)| *k != removed)
        .cloned()
        .collect();
    let p3 = photo(&w, &third, 227);
    let s3 = read_photos(&w.doc, &w.id, &[&p3.jpeg]).expect("third photo");
    let gone: Vec<&str> = s3.gone.iter().map(|g| g.card_id.as_str()).collect();
    assert_eq!(
        gone,
        vec![card_of[&removed].id.as_str()],
        "the taken-down note is gone"
    );
    assert!(
        s3.notes.iter().all(|n| n.card_id.is_some()),
        "every note left is on the map already"
    );
    apply::apply(&mut w.doc, &w.id, &s3.notes, &[&p3.jpeg]).expect("apply 3");
    assert_eq!(
        cards(&w).len(),
        after.len(),
        "nothing added, nothing deleted"
    );
}

/// The sample journey's own typed cards (not from a photo).
fn count_typed(cards: &[Card]) -> usize {
    cards.iter().filter(|c| !c.from_photo).count()
}

/// A tiled canvas (the sample's A1 tiled on A3, one photo per sheet), accepted; then the top
/// row of sheets photographed again from another angle and in other light: each note there
/// is already on the map, nothing is new, and no card of the sheets not photographed again
/// (nor of a cell partly on them) is listed as gone.
#[test]
fn a_tiled_wall_read_again_a_row_of_sheets_at_a_time() {
    let TiledPrint {
        dir,
        mut doc,
        id,
        pdf,
        scene,
        grid: g,
    } = tiled_print();
    // The photo of sheet (r, c) with its notes (the same notes for one sheet on every photo:
    // they come from the sheet's own seed), taken with shot seed `shot_seed`.
    let sheet_photo = |r: usize, c: usize, shot_seed: u64, light: bool| -> Photo {
        let page = 2 + r * g.cols + c;
        let mut canvas = render_pdf_page(&pdf, page, 110, dir.path());
        let ppm = canvas.width() as f64 / g.sheet_w as f64;
        let (x0, y0) = (c as f64 * g.step_x as f64, r as f64 * g.step_y as f64);
        let window = [
            x0 + 30.0,
            y0 + 30.0,
            x0 + g.step_x as f64 - 30.0,
            y0 + g.step_y as f64 - 30.0,
        ];
        let (dx, dy) = g.offset(r, c);
        let mut rng = Rng::new(60 + page as u64);
        let notes = plan_notes(&scene, &mut rng, 4, 60.0, window, (dx as f64, dy as f64));
        stick(&mut canvas, &notes, ppm, &mut rng);
        let wide = (g.sheet_w > g.sheet_h) == (shot_seed % 4).is_multiple_of(2);
        let shot = Shot {
            width: if wide { 2000 } else { 1420 },
            height: if wide { 1420 } else { 2000 },
            quarter_turns: (shot_seed % 4) as u32,
            seed: shot_seed,
            blur: 0.5,
            noise: 4.0,
        };
        let mean = Mean {
            light,
            cut_corner: None,
        };
        photograph_with(&canvas, ppm, &notes, shot, mean)
    };
    // The print takes a version (as every print does), so the canvas is still read by its
    // printed layout once accepting has moved the journey on.
    let req = PrintRequest {
        paper: Paper::A1,
        blank: true,
        tile: Some(Paper::A3),
        ..Default::default()
    };
    print::versions::snapshot_export(&doc, &id, &req).expect("version");
    let mut first = Vec::new();
    for r in 0..g.rows {
        for c in 0..g.cols {
            first.push(sheet_photo(r, c, 60 + (2 + r * g.cols + c) as u64, false));
        }
    }
    let bytes: Vec<&[u8]> = first.iter().map(|p| p.jpeg.as_slice()).collect();
    let s1 = read_photos(&doc, &id, &bytes).expect("read the sheets");
    assert!(s1.notes.len() >= 12, "{} notes", s1.notes.len());
    apply::apply(&mut doc, &id, &s1.notes, &bytes).expect("apply");
    let on_top = s1
        .notes
        .iter()
        .filter(|n| (n.photo as usize) < g.cols)
        .count();

    let again: Vec<Photo> = (0..g.cols)
        .map(|c| sheet_photo(0, c, 131 + c as u64, true))
        .collect();
    let bytes: Vec<&[u8]> = again.iter().map(|p| p.jpeg.as_slice()).collect();
    let s2 = read_photos(&doc, &id, &bytes).expect("read the top row again");
    eprintln!(
        "tiled again: {} notes on the top row, {} found again, {} on the map, {} gone",
        on_top,
        s2.notes.len(),
        s2.notes.iter().filter(|n| n.card_id.is_some()).count(),
        s2.gone.len()
    );
    assert_eq!(s2.notes.len(), on_top, "the top row's notes, each once");
    let unknown: Vec<&str> = s2
        .notes
        .iter()
        .filter(|n| n.card_id.is_none())
        .map(|n| n.id.as_str())
        .collect();
    assert!(
        unknown.is_empty(),
        "every note already on the map: {unknown:?}"
    );
    assert!(s2.gone.is_empty(), "nothing gone: {:?}", s2.gone);
}
