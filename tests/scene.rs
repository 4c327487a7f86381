//! The Scene: snapshots of a small journey (so any change to the layout is seen and reviewed),
//! hit testing, drop regions and the legibility report.

use klantreis::layout::{
    self, Item, LayoutOptions, Mode, Orientation, Paper, Point, RecordKind, Region, TextRole,
    Warning,
};
use klantreis::{
    templates, Card, CardColour, Journey, JourneyMeta, Lane, LaneKind, Lang, Persona, Phase,
    PhaseData, Validation,
};

/// A journey with fixed ids, so its Scene is reproducible.
fn small() -> (Journey, Persona) {
    let persona = Persona {
        id: "p1".into(),
        name: "Zoë Jansen".into(),
        segment: "Starters".into(),
        ..Default::default()
    };
    let phase = |id: &str, order: &str, name: &str, customers: Option<u64>| Phase {
        id: id.into(),
        order: order.into(),
        name: name.into(),
        duration: Some("1 week".into()),
        data: customers.map(|c| PhaseData {
            customers: Some(c),
            drop_off_pct: Some(12.5),
            throughput: Some("2 dagen".into()),
        }),
        review: Default::default(),
    };
    let lane = |id: &str, order: &str, kind: LaneKind, title: &str| Lane {
        id: id.into(),
        order: order.into(),
        kind,
        title: title.into(),
        hint: "Wat doe ik?".into(),
        persona_id: None,
    };
    let card = |id: &str, ph: &str, ln: &str, text: &str, emotion: Option<i8>| {
        let mut c = Card::new(id.into(), ph.into(), ln.into(), "a1".into(), text.into());
        c.emotion = emotion;
        c
    };
    let mut c3 = card("c3", "ph2", "l2", "Blij met de “snelle” levering", Some(2));
    c3.impact = true;
    c3.validation = Validation::Validated;
    c3.colour = CardColour::Green;
    let mut c2 = card("c2", "ph1", "l2", "Twijfel over de prijs", Some(-1));
    c2.company_involved = false;
    let j = Journey {
        meta: JourneyMeta {
            id: "j1".into(),
            title: "Nieuwe klant".into(),
            goal: "Sneller leveren".into(),
            persona_ids: vec!["p1".into()],
            language: Lang::Nl,
            version: 3,
            updated: "2026-11-20T10:00:00Z".into(),
            ..Default::default()
        },
        phases: vec![
            phase("ph1", "a", "Oriëntatie", Some(1200)),
            phase("ph2", "b", "Aankoop", Some(800)),
        ],
        lanes: vec![
            lane("l1", "a", LaneKind::Actions, "Acties"),
            lane("l2", "b", LaneKind::Feelings, "Gevoelens"),
        ],
        cards: vec![card("c1", "ph1", "l1", "Ik zoek een fiets", None), c2, c3],
    };
    (j, persona)
}

fn opts(paper: Paper, mode: Mode) -> LayoutOptions {
    LayoutOptions {
        paper,
        mode,
        printed: Some("2026-11-23".into()),
        ..Default::default()
    }
}

#[test]
fn small_journey_scene_snapshot() {
    let (j, p) = small();
    let scene = layout::layout(&j, &[p], &opts(Paper::A3, Mode::Filled));
    insta::assert_json_snapshot!("small_a3_filled", scene);
}

#[test]
fn small_journey_blank_canvas_snapshot() {
    let (j, p) = small();
    let scene = layout::layout(&j, &[p], &opts(Paper::A0, Mode::Blank));
    insta::assert_json_snapshot!("small_a0_blank", scene);
}

#[test]
fn layout_is_deterministic_and_fills_the_page_inside_its_margins() {
    let (j, p) = small();
    let ps = [p];
    let o = opts(Paper::A0, Mode::Filled);
    let a = layout::layout(&j, &ps, &o);
    assert_eq!(a, layout::layout(&j, &ps, &o), "same input, same Scene");
    assert_eq!((a.width.0, a.height.0), (1189.0, 841.0));
    let c = a.content;
    assert!(c.x.0 > 5.0 && c.y.0 > 5.0, "margins");
    // Fit to page: the map fills one dimension of the printable area exactly.
    let fill_w = c.w.0 / (1189.0 - 2.0 * c.x.0);
    let fill_h = c.h.0 / (841.0 - 2.0 * c.y.0);
    assert!(
        (fill_w - 1.0).abs() < 0.01 || (fill_h - 1.0).abs() < 0.01,
        "{fill_w} {fill_h}"
    );
    for it in &a.items {
        if let Item::Rect { rect, .. } = it {
            // 0.6 mm of slack: card shadows are offset by 0.5 mm × scale.
            assert!(
                rect.x.0 >= c.x.0 - 0.01 && rect.right() <= c.x.0 + c.w.0 + 0.6,
                "{rect:?} outside"
            );
        }
    }
    // Every item, text included, is on the page and inside the margins vertically.
    let (top, bottom) = (c.y.0 - 0.01, 841.0 - c.y.0 + 0.5);
    for it in &a.items {
        let ys: Vec<f32> = match it {
            Item::Rect { rect, .. } | Item::Image { rect, .. } => vec![rect.y.0, rect.bottom()],
            Item::Text { lines, .. } => lines.iter().map(|l| l.baseline.0).collect(),
            Item::Circle { centre, r, .. } => vec![centre.y.0 - r.0, centre.y.0 + r.0],
            Item::Path { .. } => vec![],
        };
        assert!(
            ys.iter().all(|&y| y >= top && y <= bottom),
            "{it:?} outside {top}..{bottom}"
        );
    }
    let portrait = layout::layout(
        &j,
        &ps,
        &LayoutOptions {
            orientation: Orientation::Portrait,
            ..o
        },
    );
    assert_eq!((portrait.width.0, portrait.height.0), (841.0, 1189.0));
}

#[test]
fn hit_testing_and_drop_regions_find_the_records() {
    let (j, p) = small();
    let scene = layout::layout(&j, &[p], &opts(Paper::A1, Mode::Filled));
    // The card rectangle of c1 (a target with a fill): its centre hits c1.
    let rect = scene
        .items
        .iter()
        .find_map(|it| match it {
            Item::Rect {
                rect,
                target: Some(t),
                ..
            } if t.id == "c1" => Some(*rect),
            _ => None,
        })
        .expect("card c1 drawn");
    let centre = Point {
        x: layout::Mm(rect.x.0 + rect.w.0 / 2.0),
        y: layout::Mm(rect.y.0 + rect.h.0 / 2.0),
    };
    let hit = scene.hit(centre).expect("hit");
    assert_eq!((hit.kind, hit.id.as_str()), (RecordKind::Card, "c1"));
    match scene.region_at(centre) {
        Some(Region::Cell {
            phase_id, lane_id, ..
        }) => assert_eq!((phase_id.as_str(), lane_id.as_str()), ("ph1", "l1")),
        other => panic!("card centre is in cell ph1 × l1, got {other:?}"),
    }
    // One cell per phase × lane, a header per phase and lane, an emotion band per phase.
    let count = |f: fn(&Region) -> bool| scene.regions.iter().filter(|r| f(r)).count();
    assert_eq!(count(|r| matches!(r, Region::Cell { .. })), 4);
    assert_eq!(count(|r| matches!(r, Region::PhaseHeader { .. })), 2);
    assert_eq!(count(|r| matches!(r, Region::LaneHeader { .. })), 2);
    assert_eq!(count(|r| matches!(r, Region::Emotion { .. })), 2);
    // The emotion band maps +2 to its top and −2 to its bottom.
    let Some(Region::Emotion {
        top, bottom, rect, ..
    }) = scene
        .regions
        .iter()
        .find(|r| matches!(r, Region::Emotion { .. }))
    else {
        panic!("no emotion region")
    };
    assert!(rect.y.0 < top.0 && top.0 < bottom.0 && bottom.0 < rect.bottom());
    // Cells do not overlap.
    let cells: Vec<_> = scene
        .regions
        .iter()
        .filter(|r| matches!(r, Region::Cell { .. }))
        .map(|r| *r.rect())
        .collect();
    for (i, a) in cells.iter().enumerate() {
        for b in &cells[i + 1..] {
            let overlap_w = a.right().min(b.right()) - a.x.0.max(b.x.0);
            let overlap_h = a.bottom().min(b.bottom()) - a.y.0.max(b.y.0);
            assert!(
                overlap_w <= 0.01 || overlap_h <= 0.01,
                "{a:?} overlaps {b:?}"
            );
        }
    }
}

#[test]
fn emotion_curve_is_green_above_and_red_below_neutral() {
    let (j, p) = small();
    let scene = layout::layout(&j, &[p], &opts(Paper::A2, Mode::Filled));
    let strokes: Vec<&str> = scene
        .items
        .iter()
        .filter_map(|it| match it {
            Item::Path {
                stroke: Some(s),
                fill: None,
                ..
            } if s.width.0 > 0.5 * scene.scale => Some(s.colour.as_str()),
            _ => None,
        })
        .collect();
    // c2 (−1) then c3 (+2): one red run, then one green run.
    assert!(
        strokes.contains(&layout::emotion_colour(-1.0)),
        "{strokes:?}"
    );
    assert!(
        strokes.contains(&layout::emotion_colour(2.0)),
        "{strokes:?}"
    );
    let points: Vec<(&str, &str)> = scene
        .items
        .iter()
        .filter_map(|it| match it {
            Item::Circle {
                fill: Some(f),
                target: Some(t),
                ..
            } if t.kind == RecordKind::Card
                && (t.id == "c2" || t.id == "c3")
                && f.as_str() != "#f0a020" =>
            {
                Some((t.id.as_str(), f.as_str()))
            }
            _ => None,
        })
        .collect();
    assert!(
        points.contains(&("c2", layout::emotion_colour(-1.0))),
        "{points:?}"
    );
    assert!(
        points.contains(&("c3", layout::emotion_colour(2.0))),
        "{points:?}"
    );
}

/// Two feelings lanes, one tied to a persona: each gets its own curve (its own colour and
/// line style, through only its own cards) and the legend names the persona and the lane.
#[test]
fn several_feelings_lanes_draw_a_curve_each_with_a_legend() {
    let (mut j, p) = small();
    let buyer = Persona {
        id: "p2".into(),
        name: "Inkoper Ravi".into(),
        ..Default::default()
    };
    j.meta.persona_ids.push("p2".into());
    j.lanes.push(Lane {
        id: "l3".into(),
        order: "c".into(),
        kind: LaneKind::Feelings,
        title: "Gevoelens inkoop".into(),
        hint: String::new(),
        persona_id: Some("p2".into()),
    });
    let mut c4 = Card::new(
        "c4".into(),
        "ph1".into(),
        "l3".into(),
        "a1".into(),
        "Te duur".into(),
    );
    c4.emotion = Some(-2);
    let mut c5 = Card::new(
        "c5".into(),
        "ph2".into(),
        "l3".into(),
        "a1".into(),
        "Akkoord".into(),
    );
    c5.emotion = Some(0);
    j.cards.extend([c4, c5]);
    let scene = layout::layout(
        &j,
        &[p.clone(), buyer.clone()],
        &opts(Paper::A2, Mode::Filled),
    );

    // The curve lines: strokes of the curve width without a fill, excluding the scale rules.
    let curves: Vec<(String, usize)> = scene
        .items
        .iter()
        .filter_map(|it| match it {
            Item::Path {
                stroke: Some(s),
                fill: None,
                segs,
                ..
            } if s.width.0 > 0.5 * scene.scale && x_extent(segs) > 10.0 * scene.scale => {
                Some((s.colour.clone(), s.dash.len()))
            }
            _ => None,
        })
        .collect();
    assert_eq!(curves.len(), 2, "one curve per feelings lane: {curves:?}");
    assert_ne!(curves[0].0, curves[1].0, "own colours: {curves:?}");
    assert_ne!(curves[0].1, curves[1].1, "own line styles: {curves:?}");
    // No green and red tint: with several curves the fills would hide each other.
    assert!(!scene.items.iter().any(|it| matches!(it,
        Item::Path { fill: Some(f), .. } if f == "#dcf1e6" || f == "#f9e0e2")));

    let texts: Vec<&str> = scene
        .items
        .iter()
        .filter_map(|it| match it {
            Item::Text { lines, .. } => Some(lines.iter().map(|l| l.text.as_str())),
            _ => None,
        })
        .flatten()
        .collect();
    assert!(
        texts.contains(&"Inkoper Ravi"),
        "the persona names its curve: {texts:?}"
    );
    assert!(
        texts.contains(&"Gevoelens"),
        "an untied lane is named by its title"
    );

    // Each point keeps its card as target, so it stays draggable on the canvas.
    for id in ["c2", "c3", "c4", "c5"] {
        assert!(
            scene.items.iter().any(|it| matches!(it,
            Item::Circle { target: Some(t), .. } if t.id == id)),
            "point of {id}"
        );
    }

    // One feelings lane: no legend, the tinted curve as before.
    let (j1, p1) = small();
    let one = layout::layout(&j1, &[p1], &opts(Paper::A2, Mode::Filled));
    let legend = |s: &klantreis::layout::Scene| {
        s.items.iter().any(|it| {
            matches!(it,
            Item::Text { lines, colour, bold: false, .. }
                if colour == "#52606d" && lines.iter().any(|l| l.text == "Gevoelens"))
        })
    };
    assert!(legend(&scene), "the legend names the untied lane");
    assert!(!legend(&one), "no legend for one curve");
    assert!(one.items.iter().any(|it| matches!(it,
        Item::Path { fill: Some(f), .. } if f == "#dcf1e6")));
}

#[test]
fn small_paper_reports_small_text_and_the_suggestion_is_legible() {
    let (j, p) = templates::sample(Lang::En);
    let ps = [p];
    let a4 = layout::layout(&j, &ps, &opts(Paper::A4, Mode::Filled));
    assert!(a4.min_text_pt.0 < layout::MIN_LEGIBLE_PT);
    let Some(Warning::SmallText {
        suggest_paper: Some(s),
        size_pt,
        ..
    }) = a4.warnings.first()
    else {
        panic!("A4 must warn about small text: {:?}", a4.warnings)
    };
    assert_eq!(size_pt.0, a4.min_text_pt.0);
    let paper = Paper::parse(s).expect("suggested paper parses");
    let there = layout::layout(&j, &ps, &opts(paper, Mode::Filled));
    assert!(
        there.min_text_pt.0 >= layout::MIN_LEGIBLE_PT,
        "{s}: {}",
        there.min_text_pt.0
    );
    assert!(there.warnings.is_empty(), "{:?}", there.warnings);
    // min_text_pt is the smallest card text in the Scene.
    let smallest = there
        .items
        .iter()
        .filter_map(|it| match it {
            Item::Text {
                role: TextRole::Card,
                size_pt,
                ..
            } => Some(size_pt.0),
            _ => None,
        })
        .fold(f32::INFINITY, f32::min);
    assert_eq!(smallest, there.min_text_pt.0);
}

#[test]
fn blank_canvas_cells_hold_sticky_notes_on_a0_and_warn_on_a4() {
    for id in templates::ids() {
        let j = templates::build(id, Lang::En, None).expect("template");
        let a0 = layout::layout(&j, &[], &opts(Paper::A0, Mode::Blank));
        let cells: Vec<_> = a0
            .regions
            .iter()
            .filter(|r| matches!(r, Region::Cell { .. }))
            .map(|r| *r.rect())
            .collect();
        assert_eq!(cells.len(), j.phases.len() * j.lanes.len(), "{id}");
        for c in &cells {
            assert!(
                c.w.0 >= 80.0 && c.h.0 >= 80.0,
                "{id}: cell {c:?} cannot hold a 76 mm sticky note"
            );
        }
        assert!(
            !a0.warnings
                .iter()
                .any(|w| matches!(w, Warning::SmallCells { .. })),
            "{id}: {:?}",
            a0.warnings
        );
        assert!(
            !a0.items.iter().any(|it| matches!(
                it,
                Item::Text {
                    role: TextRole::Card,
                    ..
                }
            )),
            "{id}: no card text on a blank canvas"
        );
        let a4 = layout::layout(&j, &[], &opts(Paper::A4, Mode::Blank));
        assert!(
            a4.warnings
                .iter()
                .any(|w| matches!(w, Warning::SmallCells { .. })),
            "{id}: A4 cells are too small"
        );
    }
}

#[test]
fn scene_json_has_the_documented_shape() {
    let (j, p) = small();
    let scene = layout::layout(&j, &[p], &opts(Paper::A3, Mode::Filled));
    let v = serde_json::to_value(&scene).expect("json");
    assert_eq!(v["width"], 420.0);
    assert_eq!(v["height"], 297.0);
    let items = v["items"].as_array().expect("items");
    let card = items
        .iter()
        .find(|i| i["type"] == "text" && i["role"] == "card")
        .expect("a card text");
    assert!(card["lines"][0]["baseline"].is_number());
    assert_eq!(card["target"]["kind"], "card");
    assert!(items
        .iter()
        .any(|i| i["type"] == "path" && i["segs"][0]["op"] == "move"));
    assert!(v["regions"]
        .as_array()
        .expect("regions")
        .iter()
        .any(|r| r["kind"] == "cell"));
}

#[test]
fn an_empty_journey_still_lays_out_and_exports() {
    let j = Journey {
        meta: JourneyMeta {
            id: "empty".into(),
            title: "Leeg".into(),
            ..Default::default()
        },
        ..Default::default()
    };
    for mode in [Mode::Filled, Mode::Blank] {
        let scene = layout::layout(&j, &[], &opts(Paper::A4, mode));
        assert!(scene.regions.is_empty());
        assert!(scene.items.iter().any(|it| matches!(
            it,
            Item::Text {
                role: TextRole::Title,
                ..
            }
        )));
        let meta = klantreis::export::pdf::PdfMeta {
            title: "Leeg".into(),
            lang: Lang::Nl,
            print_shop: None,
        };
        let pdf = klantreis::export::pdf::to_pdf(&scene, &meta, None).expect("pdf");
        assert!(pdf.bytes.starts_with(b"%PDF-"));
        let svg = klantreis::export::svg::to_svg(&scene, None);
        assert!(svg.ends_with("</svg>\n"));
    }
}

#[test]
fn card_text_stays_inside_its_card_and_cards_inside_their_cells() {
    let (mut j, p) = templates::sample(Lang::Nl);
    // Long words, long texts and impact stars (which narrow the text) in one cell.
    for (i, c) in j.cards.iter_mut().enumerate() {
        if i % 3 == 0 {
            c.impact = true;
            c.text = format!(
                "{} — Aansprakelijkheidsverzekeringsmaatschappij en nog wat woorden erbij",
                c.text
            );
        }
    }
    let ps = [p];
    for paper in [Paper::A0, Paper::A3] {
        for orientation in [Orientation::Landscape, Orientation::Portrait] {
            let scene = layout::layout(
                &j,
                &ps,
                &LayoutOptions {
                    orientation,
                    ..opts(paper, Mode::Filled)
                },
            );
            let card_rect = |id: &str| {
                scene.items.iter().find_map(|it| match it {
                    Item::Rect {
                        rect,
                        target: Some(t),
                        stroke: Some(_),
                        ..
                    } if t.kind == RecordKind::Card && t.id == id => Some(*rect),
                    _ => None,
                })
            };
            for c in &j.cards {
                let rect = card_rect(&c.id).unwrap_or_else(|| panic!("card {} not drawn", c.id));
                let Some(Item::Text { lines, size, .. }) = scene.items.iter().find(|it| {
                    matches!(it, Item::Text { role: TextRole::Card, target: Some(t), .. } if t.id == c.id)
                }) else {
                    panic!("card {} has no text", c.id)
                };
                for l in lines {
                    assert!(
                        l.x.0 >= rect.x.0 && l.x.0 + l.width.0 <= rect.right() + 0.01,
                        "{paper:?}: line {:?} wider than its card",
                        l.text
                    );
                    assert!(
                        l.baseline.0 + size.0 * 0.25 <= rect.bottom(),
                        "{paper:?} {orientation:?}: line {:?} below its card",
                        l.text
                    );
                }
                let cell = scene
                    .regions
                    .iter()
                    .find_map(|r| match r {
                        Region::Cell {
                            rect,
                            phase_id,
                            lane_id,
                        } if *phase_id == c.phase_id && *lane_id == c.lane_id => Some(*rect),
                        _ => None,
                    })
                    .expect("cell");
                assert!(
                    rect.x.0 >= cell.x.0
                        && rect.right() <= cell.right() + 0.01
                        && rect.y.0 >= cell.y.0
                        && rect.bottom() <= cell.bottom() + 0.01,
                    "{paper:?} {orientation:?}: card {} {rect:?} outside its cell {cell:?}",
                    c.id
                );
            }
        }
    }
}

/// How far a path reaches from left to right (the legend's line samples are 7 mm; a curve
/// runs across phases).
fn x_extent(segs: &[layout::Seg]) -> f32 {
    let xs = segs.iter().filter_map(|s| match s {
        layout::Seg::Move { to } | layout::Seg::Line { to } | layout::Seg::Cubic { to, .. } => {
            Some(to.x.0)
        }
        layout::Seg::Close => None,
    });
    let (lo, hi) = xs.fold((f32::MAX, f32::MIN), |(lo, hi), x| (lo.min(x), hi.max(x)));
    (hi - lo).max(0.0)
}

/// Every character the layout prints, in both languages (the sample and every template,
/// filled, blank with its legend, the persona sheets and the insights report), is drawn by a
/// bundled face: Noto Sans, else Symbola. They are the faces the PDF embeds and the canvas
/// loads (`ui/src/app.css`); a character neither has prints as a box and vanishes on screen.
/// The minus sign of the feelings lane's hint is one Noto Sans lacks: Symbola draws it.
#[test]
fn every_printed_character_has_a_glyph_in_the_bundled_fonts() {
    use klantreis::analysis;
    use klantreis::layout::report::{report, ReportOptions};
    use klantreis::layout::{persona_sheets, Face, Fonts, Scene};
    let fonts = Fonts::load().expect("the bundled fonts");
    let mut scenes: Vec<Scene> = Vec::new();
    for lang in [Lang::Nl, Lang::En] {
        let (sample, persona) = templates::sample(lang);
        let mut journeys = vec![(sample, vec![persona])];
        for id in templates::ids() {
            let j = templates::build(id, lang, None).expect("template");
            journeys.push((j, vec![]));
        }
        for (j, personas) in &journeys {
            let filled = opts(Paper::A3, Mode::Filled);
            scenes.push(layout::layout(j, personas, &filled));
            let blank = LayoutOptions {
                legend: true,
                ..opts(Paper::A0, Mode::Blank)
            };
            scenes.push(layout::layout(j, personas, &blank));
            scenes.extend(persona_sheets(j, personas, Paper::A4, Some("2026-11-23")));
            let ins = analysis::insights(j);
            scenes.extend(report(j, &ins, &ReportOptions::default()).pages);
        }
    }
    let mut missing = std::collections::BTreeSet::new();
    let mut by_symbola = std::collections::BTreeSet::new();
    let mut seen = 0usize;
    for s in &scenes {
        for it in &s.items {
            if let Item::Text { lines, bold, .. } = it {
                for c in lines.iter().flat_map(|l| l.text.chars()) {
                    seen += 1;
                    match fonts.face_for(c, *bold) {
                        None => {
                            missing.insert(c);
                        }
                        Some(Face::Fallback) => {
                            by_symbola.insert(c);
                        }
                        Some(_) => {}
                    }
                }
            }
        }
    }
    assert!(seen > 10_000, "the scenes print text: {seen} characters");
    assert!(
        missing.is_empty(),
        "printed characters no bundled font draws: {:?}",
        missing
            .iter()
            .map(|c| format!("{c} U+{:04X}", *c as u32))
            .collect::<Vec<_>>()
    );
    assert!(
        by_symbola.contains(&'\u{2212}'),
        "the hint's minus sign is drawn by the fallback face: {by_symbola:?}"
    );
}
