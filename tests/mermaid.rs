//! Mermaid `journey` diagrams: a hand-written diagram becomes phases, cards with emotions and
//! personas; every error names its line (and column); export → import → export is identical;
//! the `import-mermaid` and `export-mermaid` commands.

mod common;

use klantreis::interchange::mermaid::{
    emotion_of_score, export_mermaid, import_mermaid, parse, score_of_emotion,
};
use klantreis::{templates, LaneKind, Lang, Persona};

use common::*;

const WORKING_DAY: &str = "\
%% Mermaid's own example, with a second actor
journey
    title My working day
    section Go to work
      Make tea: 5: Me
      Go upstairs: 3: Me
      Do work: 1: Me, Cat
    section Go home
      Go downstairs: 5: Me
      Sit down: 2
    section Sleep
";

#[test]
fn scores_map_to_emotions_and_back() {
    let pairs: Vec<(u8, i8)> = (1..=5).map(|s| (s, emotion_of_score(s))).collect();
    assert_eq!(pairs, [(1, -2), (2, -1), (3, 0), (4, 1), (5, 2)]);
    for e in -2..=2 {
        assert_eq!(emotion_of_score(score_of_emotion(e)), e);
    }
}

#[test]
fn a_hand_written_diagram_becomes_a_journey() {
    let (_dir, mut doc) = temp_doc();
    let id = import_mermaid(&mut doc, WORKING_DAY, Lang::En, "unused").expect("import");
    let ws = doc.workspace();
    let j = ws.journey(&id).expect("journey");
    assert_eq!(j.meta.title, "My working day");
    let phases: Vec<&str> = j.phases.iter().map(|p| p.name.as_str()).collect();
    assert_eq!(phases, ["Go to work", "Go home", "Sleep"]);
    assert_eq!(j.lanes.len(), 1);
    assert_eq!(j.lanes[0].kind, LaneKind::Actions);
    assert_eq!(j.lanes[0].title, "Actions (first person)");
    let cards: Vec<(String, &str, Option<i8>)> = j
        .phases
        .iter()
        .flat_map(|p| {
            j.cell_cards(&p.id, &j.lanes[0].id)
                .map(|c| (p.name.clone(), c.text.as_str(), c.emotion))
        })
        .collect();
    assert_eq!(
        cards,
        [
            ("Go to work".to_string(), "Make tea", Some(2)),
            ("Go to work".to_string(), "Go upstairs", Some(0)),
            ("Go to work".to_string(), "Do work", Some(-2)),
            ("Go home".to_string(), "Go downstairs", Some(2)),
            ("Go home".to_string(), "Sit down", Some(-1)),
        ]
    );
    let personas: Vec<&str> = j
        .meta
        .persona_ids
        .iter()
        .map(|p| ws.persona(p).expect("persona").name.as_str())
        .collect();
    assert_eq!(personas, ["Me", "Cat"]);
    assert_eq!(doc.history_len().expect("history"), 1, "one undo step");

    // A second import reuses the personas by name.
    let before = doc.workspace().personas.len();
    import_mermaid(&mut doc, WORKING_DAY, Lang::Nl, "x").expect("again");
    assert_eq!(doc.workspace().personas.len(), before);
}

#[test]
fn export_import_export_is_identical() {
    let (_dir, mut doc) = temp_doc();
    let (mut j, persona) = templates::sample(Lang::Nl);
    // Names Mermaid cannot hold: a colon, a semicolon, a hash, a line break, a comma in an actor.
    j.cards[0].text = "Kijkt: prijs; #1\nof niet".into();
    j.cards[0].emotion = Some(-2);
    // Texts that would read as keywords or a comment at the start of a task line.
    for (i, text) in [
        "Title of the form",
        "section 3 filled in",
        "%% done",
        "accDescr {x}",
    ]
    .iter()
    .enumerate()
    {
        j.cards[i + 1].text = text.to_string();
        j.cards[i + 1].emotion = Some(1);
    }
    let other = Persona {
        id: "persona_tom".into(),
        name: "Tom, inkoper; B2B".into(),
        ..Default::default()
    };
    j.meta.persona_ids.push(other.id.clone());
    let id = j.meta.id.clone();
    doc.apply(&klantreis::Edit::CreateJourney {
        journey: j,
        personas: vec![persona, other],
    })
    .expect("create");
    let first = export_mermaid(doc.workspace(), &id).expect("export");
    assert!(first.starts_with("journey\n    title "), "{first}");
    assert!(
        first.contains("Kijkt\u{2236} prijs, \u{FF03}1 of niet: 1: "),
        "{first}"
    );
    assert!(first.contains("Tom inkoper B2B"), "{first}");
    parse(&first).expect("the export parses");
    let tasks = parse(&first)
        .expect("parse")
        .sections
        .iter()
        .map(|s| s.tasks.len())
        .sum::<usize>();
    let with_emotion = doc
        .workspace()
        .journey(&id)
        .expect("j")
        .cards
        .iter()
        .filter(|c| c.emotion.is_some())
        .count();
    assert_eq!(
        tasks, with_emotion,
        "every card with an emotion is a task:\n{first}"
    );
    assert!(first.contains("T\u{200B}itle of the form: 4"), "{first}");

    let id2 = import_mermaid(&mut doc, &first, Lang::Nl, "x").expect("import");
    let second = export_mermaid(doc.workspace(), &id2).expect("export");
    assert_eq!(second, first);

    // And through a fresh document, where the personas are made anew.
    let (_dir2, mut fresh) = temp_doc();
    let id3 = import_mermaid(&mut fresh, &first, Lang::En, "x").expect("import");
    assert_eq!(
        export_mermaid(fresh.workspace(), &id3).expect("export"),
        first
    );
}

#[test]
fn every_error_names_its_line() {
    let cases: &[(&str, &str)] = &[
        ("", "line 1: no `journey` line: this is not a Mermaid journey diagram"),
        ("%% only a comment\n\n", "line 2: no `journey` line: this is not a Mermaid journey diagram"),
        (
            "graph TD\n  A --> B\n",
            "line 1: a Mermaid journey starts with `journey`; found \"graph TD\"",
        ),
        ("journey\n  title\n", "line 2: `title` without a title"),
        ("journey\n  section\n", "line 2: `section` without a name"),
        (
            "journey\n  section Go: now\n",
            "line 2, column 13: a section name cannot hold `:`, `;` or `#`",
        ),
        (
            "journey\n  Make tea: 5: Me\n",
            "line 2, column 3: a task before the first section; start a section first (`section Name`)",
        ),
        (
            "journey\n  section A\n    Make tea\n",
            "line 3: \"Make tea\" is not a task, `title` or `section`; a task is written `Task name: score: actor, actor` with a score from 1 to 5",
        ),
        ("journey\n  section A\n    : 3: Me\n", "line 3, column 5: a task needs a name"),
        (
            "journey\n  section A\n    Make tea: 6: Me\n",
            "line 3, column 15: the score must be a whole number from 1 to 5; found \"6\"",
        ),
        (
            "journey\n  section A\n    Make tea:   good\n",
            "line 3, column 17: the score must be a whole number from 1 to 5; found \"good\"",
        ),
        (
            "journey\n  section A\n    Make tea: : Me\n",
            "line 3, column 15: the score must be a whole number from 1 to 5; found \"\"",
        ),
    ];
    let (_dir, mut doc) = temp_doc();
    for (text, want) in cases {
        let err = parse(text).expect_err(text);
        assert_eq!(err.to_string(), *want, "for {text:?}");
        let err = import_mermaid(&mut doc, text, Lang::En, "x").expect_err(text);
        assert_eq!(err.to_string(), *want);
        assert!(doc.workspace().journeys.is_empty(), "nothing imported");
    }
}

#[test]
fn keywords_are_read_in_any_case() {
    let m = parse("JOURNEY\n  Title Day\n  SECTION Morning\n    Tea: 3\n  accTitle : x\n")
        .expect("parse");
    assert_eq!(m.title.as_deref(), Some("Day"));
    assert_eq!(m.sections[0].name, "Morning");
    assert_eq!(m.sections[0].tasks.len(), 1);
    // A task may start with a keyword that is not followed by a space.
    let m = parse("journey\n  section A\n    Title: 2\n    accTitles: 4\n").expect("parse");
    let names: Vec<&str> = m.sections[0]
        .tasks
        .iter()
        .map(|t| t.name.as_str())
        .collect();
    assert_eq!(names, ["Title", "accTitles"]);
}

#[test]
fn what_mermaid_skips_is_skipped() {
    let text = "---\ntitle: front matter\n---\njourney\n  accTitle: Day\n  accDescr {\n    a: b\n  }\n  %% comment: 1\n  section A\n    Task: 4\n";
    let m = parse(text).expect("parse");
    assert_eq!(m.title, None);
    assert_eq!(m.sections.len(), 1);
    assert_eq!(m.sections[0].tasks[0].score, 4);
    assert!(m.sections[0].tasks[0].actors.is_empty());
}

#[test]
fn the_commands_import_and_export() {
    let dir = tempfile::tempdir().expect("tempdir");
    let doc = dir.path().join("new.klantreis");
    let d = doc.to_str().expect("utf-8");
    let mmd = dir.path().join("day.mmd");
    std::fs::write(&mmd, WORKING_DAY).expect("write");
    let out = klantreis(&[
        "import-mermaid",
        d,
        mmd.to_str().expect("utf-8"),
        "--lang",
        "en",
    ]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let id = String::from_utf8(out.stdout)
        .expect("utf-8")
        .trim()
        .to_string();

    let out_path = dir.path().join("out.mmd");
    let out = klantreis(&[
        "export-mermaid",
        d,
        "--journey",
        &id,
        "-o",
        out_path.to_str().expect("utf-8"),
    ]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let written = std::fs::read_to_string(&out_path).expect("read");
    let stdout = klantreis(&["export-mermaid", d, "--journey", &id]);
    assert_eq!(String::from_utf8(stdout.stdout).expect("utf-8"), written);
    assert_eq!(
        written,
        "journey\n    title My working day\n    section Go to work\n      Make tea: 5: Me, Cat\n      Go upstairs: 3: Me, Cat\n      Do work: 1: Me, Cat\n    section Go home\n      Go downstairs: 5: Me, Cat\n      Sit down: 2: Me, Cat\n    section Sleep\n"
    );

    let bad = dir.path().join("bad.mmd");
    std::fs::write(&bad, "journey\n  section A\n    Tea: 9\n").expect("write");
    let none = dir.path().join("none.klantreis");
    let out = klantreis(&[
        "import-mermaid",
        none.to_str().expect("utf-8"),
        bad.to_str().expect("utf-8"),
    ]);
    let err = String::from_utf8(out.stderr).expect("utf-8");
    assert!(
        err.contains("bad.mmd: line 3, column 10: the score"),
        "{err}"
    );
    assert!(!none.exists());
}

/// A journey made in the app can have two phases of one name (and names that differ only in
/// case or white space); Mermaid draws each section on its own, so they read back as as many
/// phases, each with its own tasks, and the export is the same the second time.
#[test]
fn phases_of_one_name_stay_apart() {
    let (_dir, mut doc) = temp_doc();
    let (mut j, persona) = templates::sample(Lang::Nl);
    let names = ["Aankoop", "Aankoop", "aankoop", "Aan   koop", "Aan koop"];
    j.phases.truncate(names.len());
    assert_eq!(j.phases.len(), names.len(), "the sample has five phases");
    for (p, name) in j.phases.iter_mut().zip(names) {
        p.name = name.into();
    }
    let phase_ids: Vec<String> = j.phases.iter().map(|p| p.id.clone()).collect();
    j.cards.retain(|c| phase_ids.contains(&c.phase_id));
    // One task per phase, each telling its phase apart.
    let lane = j.lanes[0].id.clone();
    j.cards.retain(|c| c.lane_id != lane);
    // Only the tasks below carry an emotion, so only they are exported as tasks.
    for c in &mut j.cards {
        c.emotion = None;
    }
    for (i, p) in phase_ids.iter().enumerate() {
        let mut c = j.cards[0].clone();
        c.id = format!("card_t{i}");
        c.phase_id = p.clone();
        c.lane_id = lane.clone();
        c.text = format!("taak {i}");
        c.emotion = Some(1);
        j.cards.push(c);
    }
    let id = j.meta.id.clone();
    doc.apply(&klantreis::Edit::CreateJourney {
        journey: j,
        personas: vec![persona],
    })
    .expect("create");
    let first = export_mermaid(doc.workspace(), &id).expect("export");
    assert_eq!(
        parse(&first).expect("parses").sections.len(),
        names.len(),
        "{first}"
    );

    let id2 = import_mermaid(&mut doc, &first, Lang::Nl, "x").expect("import");
    let back = doc.workspace().journey(&id2).expect("imported");
    assert_eq!(back.phases.len(), names.len(), "{first}");
    for (i, p) in back.phases.iter().enumerate() {
        let tasks: Vec<&str> = back
            .cards
            .iter()
            .filter(|c| c.phase_id == p.id)
            .map(|c| c.text.as_str())
            .collect();
        assert_eq!(tasks, [format!("taak {i}")], "phase {i} keeps its own task");
    }
    assert_eq!(
        export_mermaid(doc.workspace(), &id2).expect("export"),
        first
    );
}
