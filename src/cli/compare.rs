//! `klantreis compare FILE --journey A --with B [--json] [-o compare.pdf]`: two journeys side
//! by side (`analysis::compare`): as text in A's language, as JSON, or printed.

use std::fmt::Write as _;
use std::path::Path;

use klantreis::analysis::compare::{compare, Comparison, EmotionSide, PhaseComparison};
use klantreis::Lang;

use super::{journey, open};

/// What `klantreis compare` was asked for: journey `a` against journey `b`, or (with
/// `snapshot`) that version of `a` against `a` today.
pub struct CompareArgs<'a> {
    pub file: &'a Path,
    pub a: &'a str,
    pub b: Option<&'a str>,
    pub snapshot: Option<&'a str>,
    pub json: bool,
    /// Print the comparison to this PDF instead (paper and orientation from the request).
    pub out: Option<&'a Path>,
    pub request: klantreis::print::PrintRequest,
}

pub fn run(args: &CompareArgs<'_>) -> Result<(), String> {
    let doc = open(args.file)?;
    let today = journey(&doc, args.a)?.clone();
    let (ja, jb) = match (args.b, args.snapshot) {
        (Some(b), None) => (today, journey(&doc, b)?.clone()),
        (None, Some(sid)) => {
            let snap = doc
                .load_snapshot(sid)
                .map_err(|x| x.to_string())?
                .filter(|s| s.info.journey_id == args.a)
                .ok_or_else(|| {
                    format!(
                        "journey {:?} has no snapshot {sid:?}; see `klantreis snapshots {} --journey {}`",
                        args.a,
                        args.file.display(),
                        args.a
                    )
                })?;
            (snap.journey, today)
        }
        _ => return Err("give --with JOURNEY or --snapshot SNAPSHOT (not both)".into()),
    };
    doc.close().map_err(|x| x.to_string())?;
    if let Some(out) = args.out {
        let r = klantreis::print::compare::pdf_of(&ja, &jb, &args.request)
            .map_err(|x| x.to_string())?;
        for w in &r.warnings {
            eprintln!("klantreis: warning: {w}");
        }
        return klantreis::print::write_atomic(out, &r.bytes).map_err(|x| x.to_string());
    }
    let c = compare(&ja, &jb, &ja.phase_matches_with(&jb));
    if args.json {
        let mut s = serde_json::to_string_pretty(&c).map_err(|x| x.to_string())?;
        s.push('\n');
        print!("{s}");
    } else {
        print!("{}", text(&c));
    }
    Ok(())
}

fn num(x: f64) -> String {
    let s = format!("{x:.1}");
    let s = s.trim_end_matches('0').trim_end_matches('.').to_string();
    if s == "-0" {
        "0".into()
    } else {
        s.replace('-', "−")
    }
}

fn signed(x: f64) -> String {
    if x > 0.0 {
        format!("+{}", num(x))
    } else {
        num(x)
    }
}

fn emotion(e: &EmotionSide) -> String {
    match (e.lowest, e.mean) {
        (Some(l), Some(m)) => format!("{} / {}", num(l as f64), num(m)),
        _ => "–".into(),
    }
}

fn row_title(r: &PhaseComparison) -> String {
    let name = |p: &Option<klantreis::analysis::compare::PhaseRef>| {
        p.as_ref().map_or("–".to_string(), |p| p.name.clone())
    };
    match (&r.phase_a, &r.phase_b) {
        (Some(a), Some(b)) if a.name == b.name => a.name.clone(),
        _ => format!("{} ↔ {}", name(&r.phase_a), name(&r.phase_b)),
    }
}

/// The comparison as plain text (A's language).
pub fn text(c: &Comparison) -> String {
    let nl = c.language == Lang::Nl;
    let t = |n: &'static str, e: &'static str| if nl { n } else { e };
    let mut s = String::new();
    let _ = writeln!(s, "{} ↔ {}", c.title_a, c.title_b);
    let _ = writeln!(
        s,
        "{}",
        t(
            "emotie per fase: laagste / gemiddelde",
            "emotion per phase: lowest / mean"
        )
    );
    for r in &c.phases {
        let _ = write!(
            s,
            "\n{}: {} → {}",
            row_title(r),
            emotion(&r.emotion_a),
            emotion(&r.emotion_b)
        );
        if let (Some(l), Some(m)) = (r.lowest_diff, r.mean_diff) {
            let _ = write!(s, " ({} / {})", signed(l as f64), signed(m));
        }
        s.push('\n');
        let lists = [
            (t("alleen in A", "only in A"), &r.only_a),
            (t("alleen in B", "only in B"), &r.only_b),
        ];
        for (label, cards) in lists {
            if !cards.is_empty() {
                let texts: Vec<&str> = cards.iter().map(|c| c.text.as_str()).collect();
                let _ = writeln!(s, "  {label}: {}", texts.join("; "));
            }
        }
        if let Some(f) = &r.funnel {
            let fig = |x: &klantreis::analysis::funnel::PhaseFunnel| {
                format!(
                    "{} / {} %",
                    x.customers_in.map_or("–".into(), |n| n.to_string()),
                    x.drop_off_pct.map_or("–".into(), num)
                )
            };
            let _ = writeln!(
                s,
                "  {}: {} → {}",
                t("klanten / uitval", "customers / drop-off"),
                fig(&f.a),
                fig(&f.b)
            );
        }
    }
    for (label, list) in [
        (t("Beter", "Better"), &c.better),
        (t("Slechter", "Worse"), &c.worse),
    ] {
        let _ = writeln!(s, "\n{label}:");
        if list.is_empty() {
            let _ = writeln!(s, "  –");
        }
        for ch in list {
            let _ = writeln!(s, "  {}", ch.message);
        }
    }
    s
}
