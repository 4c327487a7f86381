//! Service blueprints: the template in Dutch and English, the lines of interaction, visibility
//! and internal interaction in the Scene and on paper, fail and wait points set by an edit and
//! drawn on the card; journeys without blueprint lanes look as before.

use std::process::Command;

use klantreis::edit::CardPatch;
use klantreis::layout::{layout, Item, LayoutOptions, Mode, RecordKind};
use klantreis::{templates, Card, Document, Edit, Journey, LaneKind, Lang};

fn texts(items: &[Item]) -> Vec<String> {
    items
        .iter()
        .filter_map(|i| match i {
            Item::Text { lines, .. } => Some(
                lines
                    .iter()
                    .map(|l| l.text.as_str())
                    .collect::<Vec<_>>()
                    .join(" "),
            ),
            _ => None,
        })
        .collect()
}

/// The blueprint template with one card per lane in the first phase.
fn blueprint(lang: Lang) -> Journey {
    let mut j = templates::build("service-blueprint", lang, None).expect("template");
    let p = j.phases[0].id.clone();
    for (i, l) in j.lanes.clone().iter().enumerate() {
        j.cards.push(Card::new(
            format!("card_{i}"),
            p.clone(),
            l.id.clone(),
            "V".into(),
            format!("Stap {i}"),
        ));
    }
    j.sort();
    j
}

#[test]
fn the_template_in_both_languages() {
    for (lang, titles, phases) in [
        (
            Lang::Nl,
            [
                "Fysiek bewijs",
                "Klantacties (ik-vorm)",
                "Frontstage",
                "Backstage",
                "Ondersteunende processen",
            ],
            ["Contact", "Aanvraag", "Levering", "Gebruik", "Nazorg"],
        ),
        (
            Lang::En,
            [
                "Physical evidence",
                "Customer actions (first person)",
                "Frontstage",
                "Backstage",
                "Support processes",
            ],
            ["Contact", "Request", "Delivery", "Use", "Follow-up"],
        ),
    ] {
        let j = templates::build("service-blueprint", lang, None).expect("template");
        j.validate().expect("valid");
        assert_eq!(j.meta.title, "Service blueprint");
        let kinds: Vec<LaneKind> = j.lanes.iter().map(|l| l.kind).collect();
        assert_eq!(
            kinds,
            [
                LaneKind::PhysicalEvidence,
                LaneKind::Actions,
                LaneKind::Frontstage,
                LaneKind::Backstage,
                LaneKind::SupportProcesses
            ]
        );
        let got: Vec<&str> = j.lanes.iter().map(|l| l.title.as_str()).collect();
        assert_eq!(got, titles);
        let got: Vec<&str> = j.phases.iter().map(|p| p.name.as_str()).collect();
        assert_eq!(got, phases);
        assert!(
            j.lanes.iter().all(|l| !l.hint.is_empty()),
            "every lane has a hint"
        );
        let listed = templates::list(lang);
        assert!(listed.iter().any(|t| t.id == "service-blueprint"));
    }
    // Lane kinds serialise in snake_case like the others.
    assert_eq!(
        serde_json::to_string(&LaneKind::SupportProcesses).expect("json"),
        "\"support_processes\""
    );
    assert_eq!(
        serde_json::to_string(&LaneKind::PhysicalEvidence).expect("json"),
        "\"physical_evidence\""
    );
}

#[test]
fn the_three_lines_are_drawn_between_their_lanes_labelled_in_the_journeys_language() {
    for (lang, labels) in [
        (
            Lang::En,
            [
                "line of interaction",
                "line of visibility",
                "line of internal interaction",
            ],
        ),
        (
            Lang::Nl,
            [
                "interactielijn",
                "zichtbaarheidslijn",
                "lijn van interne interactie",
            ],
        ),
    ] {
        for mode in [Mode::Filled, Mode::Blank] {
            let j = blueprint(lang);
            let opts = LayoutOptions {
                mode,
                ..Default::default()
            };
            let s = layout(&j, &[], &opts);
            let t = texts(&s.items);
            for l in labels {
                assert_eq!(
                    t.iter().filter(|x| x.as_str() == l).count(),
                    1,
                    "{l:?} once in {mode:?}"
                );
            }
            // Each line lies on the boundary between its two lanes: the header regions meet
            // there.
            let tops: Vec<f32> = j
                .lanes
                .iter()
                .map(|l| {
                    s.regions
                        .iter()
                        .find_map(|r| match r {
                            klantreis::layout::Region::LaneHeader { rect, lane_id }
                                if lane_id == &l.id =>
                            {
                                Some(rect.y.0)
                            }
                            _ => None,
                        })
                        .expect("lane header")
                })
                .collect();
            let horizontal_ys: Vec<f32> = s
                .items
                .iter()
                .filter_map(|i| match i {
                    Item::Path {
                        segs,
                        stroke: Some(st),
                        fill: None,
                        ..
                    } if segs.len() == 2 && st.colour == "#52606d" => match (&segs[0], &segs[1]) {
                        (
                            klantreis::layout::Seg::Move { to: a },
                            klantreis::layout::Seg::Line { to: b },
                        ) if a.y == b.y => Some(a.y.0),
                        _ => None,
                    },
                    _ => None,
                })
                .collect();
            // Evidence | actions ‖ frontstage ‖ backstage ‖ support: lines at lanes 2, 3, 4.
            for (k, top) in tops.iter().enumerate().skip(2) {
                assert!(
                    horizontal_ys.iter().any(|y| (y - top).abs() < 0.02),
                    "a line on top of lane {k} ({top}) in {mode:?}: {horizontal_ys:?}"
                );
            }
            assert!(
                !horizontal_ys.iter().any(|y| (y - tops[1]).abs() < 0.02),
                "no line between physical evidence and the customer's actions"
            );
        }
    }
}

#[test]
fn a_journey_without_blueprint_lanes_has_no_lines_even_with_a_backstage_lane() {
    let j = templates::build("b2b", Lang::En, None).expect("template");
    assert!(j.lanes.iter().any(|l| l.kind == LaneKind::Backstage));
    let s = layout(&j, &[], &LayoutOptions::default());
    let t = texts(&s.items);
    assert!(!t.iter().any(|x| x.starts_with("line of")), "{t:?}");
}

#[test]
fn fail_and_wait_points_are_set_by_an_edit_drawn_on_the_card_and_undone() {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join("b.klantreis");
    let mut doc = Document::create(&path).expect("create");
    let j = blueprint(Lang::Nl);
    let id = j.meta.id.clone();
    doc.apply(&Edit::CreateJourney {
        journey: j.clone(),
        personas: vec![],
    })
    .expect("create");
    // A card without marks keeps its JSON as before.
    let plain = serde_json::to_string(&j.cards[2]).expect("json");
    assert!(
        !plain.contains("fail_point") && !plain.contains("wait_point"),
        "{plain}"
    );

    let card = "card_2";
    let marks = |doc: &Document| -> Vec<String> {
        let s = layout(
            doc.workspace().journey(&id).expect("j"),
            &[],
            &LayoutOptions::default(),
        );
        s.items
            .iter()
            .filter_map(|i| match i {
                Item::Text {
                    lines,
                    target: Some(t),
                    ..
                } if t.kind == RecordKind::Card
                    && t.id == card
                    && lines.len() == 1
                    && (lines[0].text == "F" || lines[0].text == "W") =>
                {
                    Some(lines[0].text.clone())
                }
                _ => None,
            })
            .collect()
    };
    assert!(marks(&doc).is_empty());
    let none = texts(&layout(&j, &[], &LayoutOptions::default()).items);
    assert!(
        !none.iter().any(|t| t == "faalpunt"),
        "no legend entry for unused marks"
    );
    doc.apply(&Edit::UpdateCard {
        id: card.into(),
        patch: CardPatch {
            fail_point: Some(true),
            wait_point: Some(true),
            ..Default::default()
        },
    })
    .expect("mark");
    let c = doc
        .workspace()
        .journey(&id)
        .and_then(|j| j.card(card))
        .expect("card")
        .clone();
    assert!(c.fail_point && c.wait_point);
    assert_eq!(marks(&doc), ["F", "W"]);
    let legend = texts(
        &layout(
            doc.workspace().journey(&id).expect("j"),
            &[],
            &LayoutOptions::default(),
        )
        .items,
    );
    assert!(
        legend.iter().any(|t| t == "faalpunt") && legend.iter().any(|t| t == "wachtpunt"),
        "the legend explains the marks the map uses: {legend:?}"
    );
    let json = serde_json::to_value(&c).expect("json");
    assert_eq!(json["fail_point"], true);
    // The edit's JSON form (what the app and `klantreis apply` send).
    let parsed = klantreis::edit::json::parse(
        r#"{"op": "update_card", "id": "card_2", "patch": {"wait_point": false}}"#,
    )
    .expect("parse");
    doc.apply_group(&parsed, klantreis::store::Origin::Local)
        .expect("apply");
    assert_eq!(marks(&doc), ["F"]);
    doc.undo().expect("undo");
    doc.undo().expect("undo");
    assert!(marks(&doc).is_empty());
    doc.close().expect("close");
}

#[test]
fn the_lines_print_as_text_in_the_pdf_and_the_svg() {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join("b.klantreis");
    let mut doc = Document::create(&path).expect("create");
    let j = blueprint(Lang::En);
    let id = j.meta.id.clone();
    doc.apply(&Edit::CreateJourney {
        journey: j,
        personas: vec![],
    })
    .expect("create");
    doc.close().expect("close");
    let out = dir.path().join("b.pdf");
    let st = Command::new(env!("CARGO_BIN_EXE_klantreis"))
        .args([
            "pdf",
            path.to_str().expect("p"),
            "--journey",
            &id,
            "--paper",
            "a3",
            "-o",
        ])
        .arg(&out)
        .status()
        .expect("run");
    assert!(st.success());
    let text = Command::new("pdftotext")
        .args(["-raw"])
        .arg(&out)
        .arg("-")
        .output()
        .expect("pdftotext");
    let text = String::from_utf8_lossy(&text.stdout);
    for l in [
        "line of interaction",
        "line of visibility",
        "line of internal interaction",
    ] {
        assert!(text.contains(l), "{l:?} in the PDF text:\n{text}");
    }
    // The SVG draws the same Scene.
    let svg = dir.path().join("b.svg");
    let st = Command::new(env!("CARGO_BIN_EXE_klantreis"))
        .args([
            "svg",
            path.to_str().expect("p"),
            "--journey",
            &id,
            "--paper",
            "a3",
            "-o",
        ])
        .arg(&svg)
        .status()
        .expect("run");
    assert!(st.success());
    let svg = std::fs::read_to_string(&svg).expect("svg");
    for l in [
        "line of interaction",
        "line of visibility",
        "line of internal interaction",
    ] {
        assert_eq!(svg.matches(l).count(), 1, "{l:?} in the SVG");
    }
    if std::env::var_os("KLANTREIS_KEEP").is_some() {
        std::fs::copy(&out, "/tmp/blueprint.pdf").expect("keep");
    }
}
