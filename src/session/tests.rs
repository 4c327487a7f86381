//! The session answers each change with what the open view needs, and no more.

use super::*;
use crate::model::Persona;
use crate::scene::near::{noise, Near};

/// Whether the Scene the front end holds draws what a layout anew draws (up to the float
/// noise a change looks past, `scene::near`).
fn same_as_fresh(held: Option<&(u32, Scene)>, fresh: &Scene) -> bool {
    held.is_some_and(|(_, s)| s.near(fresh, noise(fresh)))
}

fn edit(json: serde_json::Value) -> Edit {
    serde_json::from_value(json).expect("an edit as the app sends it")
}

fn session(dir: &tempfile::TempDir) -> (Session, String) {
    let s = Session::create_with_sample(&dir.path().join("d.klantreis"), Lang::En).expect("new");
    let id = s.doc().workspace().journeys[0].meta.id.clone();
    (s, id)
}

fn open(id: &str) -> View {
    View::Journey {
        id: id.to_string(),
        request: None,
    }
}

/// The keyed Scene the front end holds after applying `up` to `held`.
fn held_after(held: Option<(u32, Scene)>, up: &ViewUpdate) -> Option<(u32, Scene)> {
    match &up.scene {
        None => held,
        Some(SceneUpdate::Full { rev, scene, .. }) => Some((*rev, scene.clone())),
        Some(SceneUpdate::Patch {
            rev, base, patch, ..
        }) => {
            let (held_rev, old) = held.expect("a change needs a Scene to change");
            assert_eq!(*base, held_rev, "the change names the Scene it changes");
            Some((*rev, patch.apply(&old)))
        }
    }
}

/// The journey detail the front end holds after applying `up` to `held`.
fn detail_after(
    held: Option<(u32, JourneyDetail)>,
    up: &ViewUpdate,
) -> Option<(u32, JourneyDetail)> {
    match &up.detail {
        None => held,
        Some(DetailUpdate::Full { rev, detail }) => Some((*rev, detail.clone())),
        Some(DetailUpdate::Patch { rev, base, patch }) => {
            let (held_rev, old) = held.expect("a change needs a detail to change");
            assert_eq!(*base, held_rev, "the change names the detail it changes");
            Some((*rev, patch.apply(&old)))
        }
    }
}

/// The detail a view opened anew gets: whole.
fn whole(up: &ViewUpdate) -> &JourneyDetail {
    match &up.detail {
        Some(DetailUpdate::Full { detail, .. }) => detail,
        other => panic!("a whole detail, not {other:?}"),
    }
}

#[test]
fn the_sample_document_is_made_in_one_place() {
    let dir = tempfile::tempdir().expect("tempdir");
    let (s, id) = session(&dir);
    let ws = s.doc().workspace();
    assert_eq!(ws.journeys.len(), 1);
    let j = ws.journey(&id).expect("the sample");
    assert_eq!(j.meta.persona_ids.len(), 1, "with its persona, linked");
    assert!(!j.cards.is_empty());
    assert_eq!(
        s.doc_state().expect("state").undo.as_deref(),
        Some("create_journey")
    );
}

#[test]
fn an_edit_of_the_open_journey_brings_its_detail_and_scene_in_one_answer() {
    let dir = tempfile::tempdir().expect("tempdir");
    let (mut s, id) = session(&dir);
    let view = open(&id);
    let first = s.show(&view).expect("shows");
    assert!(!whole(&first).journey.cards.is_empty() && !first.gone);
    assert!(matches!(first.scene, Some(SceneUpdate::Full { .. })));
    let mut held = held_after(None, &first);
    let mut held_detail = detail_after(None, &first);

    // The shortest card: its new text keeps its lines, so the rows keep their heights. (The
    // first card was a random one, the ids being random: a long card that set its row's
    // height moved everything below it, and the patch grew past half the Scene.)
    let card = s
        .doc()
        .workspace()
        .journey(&id)
        .expect("j")
        .cards
        .iter()
        .min_by_key(|c| c.text.chars().count())
        .expect("cards")
        .id
        .clone();
    let up = s
        .apply(
            &edit(serde_json::json!({"op": "update_card", "id": card, "patch": {"text": "Nieuwe tekst"}})),
            &view,
        )
        .expect("applies");
    assert!(up.outcome.changed);
    assert_eq!(up.outcome.journeys, vec![id.clone()]);
    assert_eq!(up.outcome.doc.undo.as_deref(), Some("update_card"));
    assert!(
        matches!(&up.detail, Some(DetailUpdate::Patch { patch, .. }) if patch.carried() == 1),
        "a text edit sends the one card: {:?}",
        up.detail
    );
    held_detail = detail_after(held_detail, &up);
    let detail = &held_detail.as_ref().expect("the changed journey").1;
    let text_of = |d: &JourneyDetail| {
        d.journey
            .cards
            .iter()
            .find(|c| c.id == card)
            .map(|c| c.text.clone())
    };
    assert_eq!(text_of(detail).as_deref(), Some("Nieuwe tekst"));
    assert_eq!(
        Some(detail),
        JourneyDetail::of(s.doc().workspace(), &id).as_ref(),
        "patched = read anew"
    );
    assert!(
        matches!(up.scene, Some(SceneUpdate::Patch { .. })),
        "a text edit is a small change"
    );
    if let Some(SceneUpdate::Patch { patch, .. }) = &up.scene {
        // The card's group, and the footer's stamp (the journey's version went up).
        let keys: Vec<&str> = patch
            .upsert
            .iter()
            .map(|n| n.group.key.0.as_str())
            .collect();
        let own = format!("card:{card}");
        assert!(keys.contains(&own.as_str()), "{keys:?}");
        assert!(
            keys.iter().all(|k| k.starts_with("band:") || *k == own),
            "the one card and the bands that show the journey's version: {keys:?}"
        );
    }
    held = held_after(held, &up);
    let fresh =
        print::scene_keyed(s.doc().workspace(), &id, &PrintRequest::default()).expect("lays out");
    assert!(
        same_as_fresh(held.as_ref(), &fresh),
        "changed = laid out anew"
    );

    // Undo and redo answer the same way.
    let up = s.undo(&view).expect("undoes");
    assert_eq!(up.outcome.doc.redo.as_deref(), Some("update_card"));
    held = held_after(held, &up);
    let fresh =
        print::scene_keyed(s.doc().workspace(), &id, &PrintRequest::default()).expect("lays out");
    assert!(same_as_fresh(held.as_ref(), &fresh));
    let detail = detail_after(held_detail, &up).expect("detail").1;
    assert_ne!(text_of(&detail).as_deref(), Some("Nieuwe tekst"));
    assert_eq!(
        Some(&detail),
        JourneyDetail::of(s.doc().workspace(), &id).as_ref()
    );
}

#[test]
fn a_deleted_card_goes_by_id_and_its_group_by_key() {
    let dir = tempfile::tempdir().expect("tempdir");
    let (mut s, id) = session(&dir);
    let view = open(&id);
    let first = s.show(&view).expect("shows");
    let (held, held_detail) = (held_after(None, &first), detail_after(None, &first));
    // A card alone in its cell in a lane whose height another cell sets (Awareness has two
    // touchpoints), so the deletion is a change by key. `cards[0]` was whichever card the
    // sample's random ids put first: one whose row made its lane shrink moved most of the map,
    // and the session rightly sent the Scene whole (a change carrying most groups).
    let card = s
        .doc()
        .workspace()
        .journey(&id)
        .expect("j")
        .cards
        .iter()
        .find(|c| c.text == "Cycling association test")
        .expect("the sample's card")
        .id
        .clone();
    let up = s
        .apply(
            &edit(serde_json::json!({"op": "delete_cards", "ids": [card]})),
            &view,
        )
        .expect("deletes");
    match &up.detail {
        Some(DetailUpdate::Patch { patch, .. }) => {
            assert_eq!(patch.cards.remove, vec![card.clone()]);
            assert!(patch.cards.upsert.is_empty() && patch.phases.upsert.is_empty());
        }
        other => panic!("a change by id, not {other:?}"),
    }
    match &up.scene {
        Some(SceneUpdate::Patch { patch, .. }) => {
            assert!(patch.remove.contains(&crate::scene::Key::card(&card)));
        }
        other => panic!("a change by key, not {other:?}"),
    }
    let held_detail = detail_after(held_detail, &up);
    let detail = held_detail.as_ref().map(|d| &d.1);
    assert_eq!(detail, JourneyDetail::of(s.doc().workspace(), &id).as_ref());
    let held = held_after(held, &up);
    let fresh =
        print::scene_keyed(s.doc().workspace(), &id, &PrintRequest::default()).expect("lays out");
    assert!(same_as_fresh(held.as_ref(), &fresh));
    // Undo brings the card back where it was, in the journey's order.
    let back = s.undo(&view).expect("undoes");
    let detail = detail_after(held_detail, &back).map(|d| d.1);
    assert_eq!(detail, JourneyDetail::of(s.doc().workspace(), &id));
}

#[test]
fn other_journeys_and_unlinked_personas_are_not_laid_out() {
    let dir = tempfile::tempdir().expect("tempdir");
    let (mut s, id) = session(&dir);
    let view = open(&id);
    let first = s.show(&view).expect("shows");
    let up = s
        .create_journey("five-stages", Lang::Nl, "Tweede", &view)
        .expect("creates");
    let other = up.outcome.journeys[0].clone();
    assert_ne!(other, id);
    assert!(
        up.detail.is_none() && up.scene.is_none(),
        "nothing to redraw"
    );

    let persona = Persona {
        id: "persona_los".into(),
        name: "Los".into(),
        segment: String::new(),
        customer_type: String::new(),
        b2b_role: None,
        description: String::new(),
        goals: vec![],
        frustrations: vec![],
        photo: None,
    };
    let up = s
        .apply(&Edit::CreatePersona { persona }, &view)
        .expect("applies");
    let held = detail_after(None, &first);
    let (_, detail) = detail_after(held, &up).expect("the detail lists the persona to link");
    assert!(detail.others.iter().any(|p| p.id == "persona_los"));
    assert!(up.scene.is_none(), "an unlinked persona is not on the map");
}

#[test]
fn a_deleted_open_journey_is_gone_and_home_gets_the_list() {
    let dir = tempfile::tempdir().expect("tempdir");
    let (mut s, id) = session(&dir);
    let up = s
        .apply(&Edit::DeleteJourney { id: id.clone() }, &open(&id))
        .expect("deletes");
    assert!(up.gone && up.detail.is_none() && up.scene.is_none());
    assert_eq!(
        up.journeys,
        Some(vec![]),
        "going home, the view needs the list"
    );

    let up = s.undo(&View::Home).expect("undoes");
    let list = up.journeys.expect("home hears of the list");
    assert_eq!(list.len(), 1);
    assert_eq!(list[0].id, id);
    let nothing = s.redo(&View::Home).and_then(|_| s.redo(&View::Home));
    let nothing = nothing.expect("nothing to redo is no error");
    assert!(!nothing.outcome.changed && nothing.journeys.is_none());
}

#[test]
fn a_view_shown_anew_gets_a_whole_scene_and_errors_carry_codes() {
    let dir = tempfile::tempdir().expect("tempdir");
    let (mut s, id) = session(&dir);
    let view = open(&id);
    s.show(&view).expect("shows");
    // Another print request is another Scene: whole, not a patch of the screen's.
    let portrait = View::Journey {
        id: id.clone(),
        request: Some(PrintRequest {
            orientation: crate::layout::Orientation::Portrait,
            ..Default::default()
        }),
    };
    let up = s
        .apply(
            &edit(serde_json::json!({"op": "update_journey", "id": id, "patch": {"title": "T"}})),
            &portrait,
        )
        .expect("applies");
    assert!(matches!(up.scene, Some(SceneUpdate::Full { .. })));

    let err = s
        .apply(
            &edit(serde_json::json!({"op": "delete_cards", "ids": ["card_nope"]})),
            &view,
        )
        .expect_err("unknown card");
    assert_eq!(err.code, ErrorCode::InvalidEdit);
    let err = s
        .create_journey("nope", Lang::En, "", &view)
        .expect_err("unknown template");
    assert_eq!(err.code, ErrorCode::UnknownTemplate);
    let err = s.show(&open("journey_nope")).expect_err("no such journey");
    assert_eq!(err.code, ErrorCode::NotFound);
}

#[test]
fn insights_follow_the_document_and_accepting_a_suggestion_is_one_edit() {
    let dir = tempfile::tempdir().expect("tempdir");
    let (mut s, id) = session(&dir);
    let before = s.insights(&id, None).expect("insights of the sample");
    assert_eq!(before.journey_id, id);
    let trough = before
        .emotion
        .overall
        .trough
        .clone()
        .expect("the sample has a trough");
    let suggestion = before
        .impact
        .suggested
        .first()
        .cloned()
        .expect("the sample's curve suggests an impact moment");
    s.apply(&suggestion.accept, &open(&id)).expect("accepts");
    let after = s.insights(&id, None).expect("insights after the edit");
    assert!(
        after
            .impact
            .flagged
            .iter()
            .any(|f| f.card_id == suggestion.card_id),
        "the accepted card is flagged now"
    );
    assert!(
        !after
            .impact
            .suggested
            .iter()
            .any(|x| x.card_id == suggestion.card_id),
        "and no longer suggested"
    );
    assert!(s.doc().undo_entry().expect("history").is_some());
    s.undo(&open(&id)).expect("undo");
    assert_eq!(
        s.insights(&id, None).expect("again"),
        before,
        "one undo restores it"
    );
    assert_eq!(
        s.insights(&id, None).expect("again").emotion.overall.trough,
        Some(trough)
    );
    // The app asks for the first safari items only; the count still says how many there are.
    let whole = s.insights(&id, None).expect("whole");
    assert!(whole.safari.len() > 2, "the sample has assumptions");
    assert_eq!(whole.safari_total, whole.safari.len());
    let first = s.insights(&id, Some(2)).expect("the first two");
    assert_eq!(first.safari, whole.safari[..2].to_vec());
    assert_eq!(first.safari_total, whole.safari.len());
    let err = s
        .insights("journey_nope", None)
        .expect_err("no such journey");
    assert_eq!(err.code, ErrorCode::NotFound);
}

#[test]
fn a_row_more_in_a_lane_is_placements_of_what_is_below() {
    // A map of 2,000 cards that fills its page in height, and cards added one by one to one
    // cell: every few cards that cell's lane grows a row. The lanes give and take spare room
    // and move, their notes with them: the answer sends the lanes and cells (their bands and
    // regions, not their notes) and the new card's group, never the other notes. The page-fit
    // scale sits on a step (`stepped` in src/layout/plan.rs), so most rows keep the scale.
    let dir = tempfile::tempdir().expect("tempdir");
    let (mut s, _) = session(&dir);
    let j = templates::filled("five-stages", Lang::En, "Big", 2000, |i| {
        format!("Card {i}: I call customer service and wait")
    })
    .expect("template");
    let id = j.meta.id.clone();
    let (phase, lane) = (j.phases[0].id.clone(), j.lanes[0].id.clone());
    let view = open(&id);
    let up = s
        .apply(
            &Edit::CreateJourney {
                journey: j,
                personas: vec![],
            },
            &view,
        )
        .expect("creates");
    let mut held = held_after(None, &up);
    let (mut grown, mut rescaled) = (0, 0);
    for i in 0..48 {
        let before = held.as_ref().map(|h| h.1.scale);
        let up = s
            .apply(
                &edit(
                    serde_json::json!({"op": "add_card", "journey_id": id, "phase_id": phase,
                    "lane_id": lane, "text": format!("Row test {i}")}),
                ),
                &view,
            )
            .expect("adds");
        let new_card = up.outcome.created.first().cloned().expect("a card made");
        if let Some(SceneUpdate::Patch { patch, .. }) = &up.scene {
            let cards: Vec<&str> = patch
                .upsert
                .iter()
                .filter(|n| n.group.key.kind() == "card")
                .map(|n| n.group.key.0.as_str())
                .collect();
            if patch.scale.to_bits() != before.unwrap_or_default().to_bits() {
                rescaled += 1;
                grown += 1;
            } else {
                assert_eq!(cards, vec![format!("card:{new_card}")], "the new card only");
                // The lanes (their heights share the spare room) go without their notes: a
                // lane's own band and label, or its new place.
                let lanes = patch.upsert.iter().map(|n| &n.group.key);
                if lanes
                    .chain(patch.place.iter().map(|p| &p.key))
                    .any(|k| k.kind() == "lane")
                {
                    grown += 1;
                }
            }
        } else {
            rescaled += 1;
            grown += 1;
        }
        held = held_after(held, &up);
    }
    let fresh =
        print::scene_keyed(s.doc().workspace(), &id, &PrintRequest::default()).expect("lays out");
    assert!(
        same_as_fresh(held.as_ref(), &fresh),
        "changed = laid out anew"
    );
    assert!(grown >= 2, "the lane grew by rows: {grown}");
    assert!(
        rescaled * 3 <= grown,
        "{rescaled} of {grown} new rows rescaled the whole map"
    );
}
