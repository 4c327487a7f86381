//! Crash test: a child process applies edits as fast as it can, printing each edit's id once
//! its transaction committed; the parent kills it with SIGKILL at a random moment, many times.
//! After every kill the document must hold every acknowledged edit and pass `integrity_check`.
//!
//! Runs without the libtest harness: the same binary is the child when `KLANTREIS_CRASH_CHILD`
//! names a document.

use std::io::{BufRead, BufReader, Write};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use klantreis::*;

const ROUNDS: usize = 25;

fn child(path: &str) {
    let mut doc = match Document::open(path) {
        Ok(d) => d,
        Err(e) => {
            eprintln!("child: {e}");
            std::process::exit(3);
        }
    };
    let Some(j) = doc.workspace().journeys.first().cloned() else {
        std::process::exit(4);
    };
    let (phase, lane) = (j.phases[0].id.clone(), j.lanes[0].id.clone());
    let mut out = std::io::stdout().lock();
    for n in 0u64.. {
        let id = format!("card_{}_{n}", std::process::id());
        let result = doc
            .apply(&Edit::AddCard {
                journey_id: j.meta.id.clone(),
                phase_id: phase.clone(),
                lane_id: lane.clone(),
                text: format!("Kaart {n}: één “test”"),
                colour: None,
                before: None,
                id: Some(id.clone()),
            })
            // A second kind of write, so kills also land in updates.
            .and_then(|_| {
                doc.apply(&Edit::UpdateCard {
                    id: id.clone(),
                    patch: klantreis::edit::CardPatch {
                        emotion: Some(Some((n % 5) as i8 - 2)),
                        ..Default::default()
                    },
                })
            });
        if let Err(e) = result {
            eprintln!("child: {e}");
            std::process::exit(6);
        }
        // Acknowledge only after both commits returned.
        if writeln!(out, "{id}").and_then(|_| out.flush()).is_err() {
            std::process::exit(7);
        }
    }
}

fn main() {
    if let Ok(path) = std::env::var("KLANTREIS_CRASH_CHILD") {
        child(&path);
        return;
    }
    print!("test crash_kill9_keeps_every_acknowledged_edit ... ");
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join("crash.klantreis");
    {
        let mut doc = Document::create(&path).expect("create");
        let j = templates::build("five-stages", Lang::Nl, None).expect("template");
        doc.apply(&Edit::CreateJourney {
            journey: j,
            personas: vec![],
        })
        .expect("journey");
        doc.close().expect("close");
    }
    let exe = std::env::current_exe().expect("own path");
    let mut acknowledged: Vec<String> = Vec::new();
    let mut seed: u64 = 0x9E37_79B9_7F4A_7C15;
    for round in 0..ROUNDS {
        let mut child = Command::new(&exe)
            .env("KLANTREIS_CRASH_CHILD", &path)
            .stdout(Stdio::piped())
            .stderr(Stdio::inherit())
            .spawn()
            .expect("spawn child");
        let stdout = child.stdout.take().expect("stdout");
        // xorshift: a varied kill moment per round, the same sequence every run.
        seed ^= seed << 13;
        seed ^= seed >> 7;
        seed ^= seed << 17;
        let wait = Duration::from_millis(80 + seed % 400);
        let reader = std::thread::spawn(move || {
            let mut lines = Vec::new();
            let mut r = BufReader::new(stdout);
            let mut buf = String::new();
            loop {
                buf.clear();
                match r.read_line(&mut buf) {
                    Ok(0) | Err(_) => break,
                    // A line without its newline was cut off by the kill: not acknowledged.
                    Ok(_) if buf.ends_with('\n') => lines.push(buf.trim_end().to_string()),
                    Ok(_) => break,
                }
            }
            lines
        });
        let start = Instant::now();
        while start.elapsed() < wait {
            if let Ok(Some(status)) = child.try_wait() {
                panic!("round {round}: child exited early with {status}");
            }
            std::thread::sleep(Duration::from_millis(5));
        }
        child.kill().expect("SIGKILL");
        child.wait().expect("reap");
        let lines = reader.join().expect("reader");
        acknowledged.extend(lines);

        let doc = Document::open(&path).expect("reopen after kill");
        doc.integrity_check().expect("integrity_check after kill");
        let ws = doc.workspace();
        let j = &ws.journeys[0];
        for id in &acknowledged {
            assert!(
                j.card(id).is_some(),
                "round {round}: acknowledged card {id} is missing after SIGKILL"
            );
        }
        doc.close().expect("close");
    }
    assert!(
        acknowledged.len() > ROUNDS,
        "the child acknowledged only {} edits in {ROUNDS} rounds",
        acknowledged.len()
    );
    println!(
        "ok ({} acknowledged edits over {ROUNDS} kills)",
        acknowledged.len()
    );
    println!("\ntest result: ok. 1 passed; 0 failed; 0 ignored; 0 measured; 0 filtered out");
}
