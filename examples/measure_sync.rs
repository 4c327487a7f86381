//! Figures for live sharing (docs/sharing.md, "Measured"), not assertions: first sync of a
//! 1,000-card journey on loopback, a card move from one side to the other (median, p95),
//! growth of the shared document per 1,000 edits, memory of the sync state for 5,000 cards.
//!
//!   scripts/measure-sync.sh     (starts the stock sync server on a free port, runs this)
//!
//! Needs the server's address in `KLANTREIS_SYNC_SERVER` (ws://127.0.0.1:PORT).

use std::time::{Duration, Instant};

use klantreis::edit::CardPatch;
use klantreis::sync::live::{doc_id_of_link, Live};
use klantreis::*;

const WAIT: Duration = Duration::from_secs(30);

fn rss_kb() -> u64 {
    std::fs::read_to_string("/proc/self/status")
        .ok()
        .and_then(|s| {
            s.lines()
                .find(|l| l.starts_with("VmRSS:"))
                .and_then(|l| l.split_whitespace().nth(1).and_then(|n| n.parse().ok()))
        })
        .unwrap_or(0)
}

fn sync_bytes(path: &std::path::Path) -> i64 {
    let c = rusqlite::Connection::open(path).expect("open");
    c.query_row(
        "SELECT (SELECT coalesce(sum(length(doc)),0) FROM sync_docs) + \
         (SELECT coalesce(sum(length(bytes)),0) FROM sync_changes)",
        [],
        |r| r.get(0),
    )
    .expect("size")
}

/// A document with the sample journey grown to `cards` cards.
fn journey_with(path: &std::path::Path, cards: usize) -> (Document, String) {
    let mut doc = Document::create(path).expect("create");
    let (j, p) = templates::sample(Lang::Nl);
    let jid = j.meta.id.clone();
    let have = j.cards.len();
    let (phases, lanes) = (j.phases.clone(), j.lanes.clone());
    doc.apply(&Edit::CreateJourney {
        journey: j,
        personas: vec![p],
    })
    .expect("sample");
    let adds: Vec<Edit> = (have..cards)
        .map(|i| Edit::AddCard {
            journey_id: jid.clone(),
            phase_id: phases[i % phases.len()].id.clone(),
            lane_id: lanes[(i / phases.len()) % lanes.len()].id.clone(),
            text: format!("Kaart {i}: wat de klant hier doet, denkt en voelt"),
            colour: None,
            before: None,
            id: Some(format!("card_m{i:05}")),
        })
        .collect();
    if !adds.is_empty() {
        doc.apply_group(&adds, klantreis::store::Origin::Local)
            .expect("cards");
    }
    (doc, jid)
}

fn pct(v: &mut [f64], p: f64) -> f64 {
    v.sort_by(|a, b| a.total_cmp(b));
    v[((v.len() as f64 - 1.0) * p).round() as usize]
}

fn main() {
    let server = std::env::var("KLANTREIS_SYNC_SERVER").expect("KLANTREIS_SYNC_SERVER");
    let dir = tempfile::tempdir().expect("tempdir");

    // 1. First sync of a 1,000-card journey.
    let (mut a, ja) = journey_with(&dir.path().join("a.klantreis"), 1000);
    let shared = a.share(&ja).expect("share");
    let mut la = Live::connect(&server).expect("connect");
    la.wait_connected(WAIT).expect("connected");
    let t = Instant::now();
    a.sync_round(&mut la, WAIT).expect("first sync");
    let first_up = t.elapsed();
    let mut b = Document::create(dir.path().join("b.klantreis")).expect("b");
    let mut lb = Live::connect(&server).expect("connect b");
    lb.wait_connected(WAIT).expect("b connected");
    let doc_id = doc_id_of_link(&shared.url).expect("link");
    let t = Instant::now();
    let bytes = lb.fetch(&doc_id, WAIT).expect("fetch");
    let jb = b.join_shared(&doc_id, &bytes).expect("join");
    let first_down = t.elapsed();
    println!("first sync, 1,000 cards: send (share + round) {first_up:.2?}; join on the other side (fetch + commit) {first_down:.2?}; document {} KB", bytes.len() / 1024);

    // 2. A card move from A to B.
    let j = a.workspace().journey(&ja).expect("a").clone();
    let mut times = Vec::new();
    // Where the time goes: the edit on A, A's step, the server until B's live copy has it,
    // B's steps until the move is merged.
    let mut parts: [Vec<f64>; 4] = Default::default();
    for i in 0..40 {
        let card = &j.cards[i];
        let cell = &j.cards[(i + 7) % j.cards.len()];
        if card.phase_id == cell.phase_id && card.lane_id == cell.lane_id {
            continue;
        }
        let t = Instant::now();
        a.apply(&Edit::MoveCards {
            ids: vec![card.id.clone()],
            phase_id: cell.phase_id.clone(),
            lane_id: cell.lane_id.clone(),
            before: None,
        })
        .expect("move");
        let edited = t.elapsed();
        a.sync_step(&mut la).expect("step a");
        let pushed = t.elapsed();
        let a_heads = a.shared_heads(&ja).expect("heads").unwrap_or_default();
        let mut arrived = None;
        loop {
            if arrived.is_none() && lb.has_changes(&doc_id, &a_heads) {
                arrived = Some(t.elapsed());
            }
            b.sync_step(&mut lb).expect("step b");
            let got = b.workspace().journey(&jb).and_then(|j| j.card(&card.id));
            if got.is_some_and(|c| c.phase_id == cell.phase_id && c.lane_id == cell.lane_id) {
                break;
            }
            assert!(t.elapsed() < WAIT, "the move did not arrive");
            std::thread::sleep(Duration::from_millis(2));
        }
        times.push(t.elapsed().as_secs_f64() * 1000.0);
        let ms = |d: Duration| d.as_secs_f64() * 1000.0;
        let arrived = arrived.unwrap_or_else(|| t.elapsed());
        parts[0].push(ms(edited));
        parts[1].push(ms(pushed - edited));
        parts[2].push(ms(arrived - pushed));
        parts[3].push(ms(t.elapsed() - arrived));
    }
    let n = times.len();
    println!(
        "card move A→B (edit, push, server, merge on B), {n} moves: median {:.0} ms, p95 {:.0} ms",
        pct(&mut times, 0.5),
        pct(&mut times, 0.95)
    );
    let names = [
        "edit on A",
        "A's step (push)",
        "server until B's live copy has it",
        "B's steps until merged",
    ];
    for (name, v) in names.iter().zip(parts.iter_mut()) {
        println!(
            "  {name}: median {:.0} ms, p95 {:.0} ms",
            pct(v, 0.5),
            pct(v, 0.95)
        );
    }

    // 3. Growth per 1,000 edits (one card's text, synced as they go).
    a.sync_round(&mut la, WAIT).expect("settle");
    let before = sync_bytes(a.path());
    let card = j.cards[0].id.clone();
    for i in 0..1000 {
        a.apply(&Edit::UpdateCard {
            id: card.clone(),
            patch: CardPatch {
                text: Some(format!("Tekst {i} van de kaart")),
                ..Default::default()
            },
        })
        .expect("edit");
        if i % 50 == 0 {
            a.sync_step(&mut la).expect("step");
        }
    }
    a.sync_round(&mut la, WAIT).expect("settle");
    let after = sync_bytes(a.path());
    println!(
        "growth per 1,000 edits of one card's text (history kept): {} KB in the file's sync tables ({} KB → {} KB)",
        (after - before) / 1024,
        before / 1024,
        after / 1024
    );
    drop((la, lb));

    // 4. Memory of the sync state for 5,000 cards.
    let (mut c, jc) = journey_with(&dir.path().join("c.klantreis"), 5000);
    c.share(&jc).expect("share");
    let base = rss_kb();
    let mut lc = Live::connect(&server).expect("connect c");
    let t = Instant::now();
    c.sync_round(&mut lc, Duration::from_secs(120))
        .expect("sync 5,000");
    let took = t.elapsed();
    let with = rss_kb();
    let size = c.shared_doc(&jc).expect("doc").map_or(0, |d| d.len());
    println!(
        "5,000 cards: first sync {took:.2?}; resident memory +{} MB with the live sync state (document {} KB)",
        (with.saturating_sub(base)) / 1024,
        size / 1024
    );
}
