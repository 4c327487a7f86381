//! The insights report on paper: what the analysis says about a journey (`analysis::insights`),
//! laid out as portrait A4 or A3 pages of the same Scene the map is drawn as, so the PDF
//! exporter prints it as vector pages with real text.
//!
//! The sections, top to bottom, each in its own file: the title block (here), peak-end and the
//! emotion curve(s) ([`emotion`]), what to fix first ([`fix`]), the funnel chart with its data
//! warnings ([`funnel`]), evidence per phase ([`evidence`]), the customer safari as a checklist
//! with room for notes ([`safari`]), the value × effort matrix ([`matrix`]) and the team's
//! answers to the review questions ([`review`], only when there are any). The workshop report
//! ([`workshop`]) and the print kit's parking-lot sheet ([`parking`]) go through the same flow
//! and open with the same title block ([`header`]).
//!
//! Invariants: pure (no clock: the date of printing comes in the options); in the journey's
//! language unless the options say otherwise; every block is measured before it is drawn and
//! moves whole to the next page when it does not fit ([`flow`]), so no text is cut off; A3 is
//! the A4 report enlarged by √2, page for page, so the two never paginate differently and A3
//! reads from a step back on a wall beside the map.

mod emotion;
mod evidence;
mod fix;
pub(super) mod flow;
mod funnel;
mod matrix;
pub mod parking;
mod review;
mod safari;
pub mod workshop;

use super::builder::{Align, TextStyle};
use super::palette::{INK, INK_SOFT};
use super::{words, Ctx};
use crate::analysis::Insights;
use crate::model::{Journey, Lang};
use crate::scene::fonts::Fonts;
use crate::scene::{Paper, Scene, TextRole};
use flow::{Flow, SMALL};

/// Natural page size: A4 portrait; A3 scales it.
pub(super) const A4_W: f32 = 210.0;
pub(super) const A4_H: f32 = 297.0;
pub(super) const MARGIN: f32 = 16.0;

/// What to lay out: the paper (A4 or A3, portrait), the language of the labels (`None`: the
/// journey's) and the date of printing.
#[derive(Debug, Clone, PartialEq)]
pub struct ReportOptions {
    pub paper: Paper,
    pub lang: Option<Lang>,
    pub printed: Option<String>,
}

impl Default for ReportOptions {
    fn default() -> Self {
        ReportOptions {
            paper: Paper::A4,
            lang: None,
            printed: None,
        }
    }
}

/// The report: one Scene per page.
#[derive(Debug, Clone, PartialEq)]
pub struct Report {
    pub pages: Vec<Scene>,
}

/// The report's title.
const TITLE: TextStyle = TextStyle {
    pt: 20.0,
    bold: true,
    colour: INK,
    role: TextRole::Title,
    align: Align::Left,
    max_lines: usize::MAX,
};
/// "Insights report" over the title.
const KICKER: TextStyle = TextStyle {
    pt: 9.0,
    bold: true,
    colour: INK_SOFT,
    role: TextRole::Label,
    align: Align::Left,
    max_lines: 1,
};

/// The report of journey `j` from its insights `ins` (`analysis::insights(j)`). Paper other
/// than A3 prints as A4.
pub fn report(j: &Journey, ins: &Insights, opts: &ReportOptions) -> Report {
    let fonts = Fonts::load().ok();
    let lang = opts.lang.unwrap_or(j.meta.language);
    let cx = Ctx {
        fonts: fonts.as_ref(),
        lang,
        w: words(lang),
    };
    let (scale, size) = paper_scale(opts.paper);
    let mut f = Flow::new(&cx, scale, &j.meta.title);
    title(&mut f, j, ins, opts);
    emotion::draw(&mut f, j, ins);
    fix::draw(&mut f, ins);
    funnel::draw(&mut f, j, ins);
    evidence::draw(&mut f, j, ins);
    safari::draw(&mut f, ins);
    matrix::draw(&mut f, j, ins);
    review::draw(&mut f, j);
    f.finish(opts, size)
}

/// "Insights report", the journey's title and a line with the date and the counts.
fn title(f: &mut Flow, j: &Journey, ins: &Insights, opts: &ReportOptions) {
    let lang = f.cx.lang;
    let mut meta = vec![format!(
        "{} {}, {} {}, {} {}",
        j.phases.len(),
        lang.pick("fasen", "phases"),
        j.lanes.len(),
        lang.pick("banen", "lanes"),
        ins.cards,
        lang.pick("kaarten", "cards")
    )];
    if !j.meta.goal.is_empty() {
        meta.insert(0, format!("{}: {}", f.cx.w.goal, j.meta.goal));
    }
    if let Some(d) = &opts.printed {
        meta.push(format!("{} {d}", lang.pick("geprint", "printed")));
    }
    header(
        f,
        lang.pick("INZICHTENRAPPORT", "INSIGHTS REPORT"),
        &j.meta.title,
        &meta,
    );
}

/// The first page's title block of every report-like document (the insights report, the
/// workshop report, the parking-lot sheet): a kicker saying what it is, the journey's title,
/// and one small line of `meta` joined with " · ".
fn header(f: &mut Flow, kicker: &str, title: &str, meta: &[String]) {
    let (x, w) = (f.x, f.w);
    f.y += f.b.text(x, f.y, w, kicker, KICKER, None) + 1.0;
    f.y += f.b.text(x, f.y, w, title, TITLE, None) + 1.5;
    let line = meta.join(" · ");
    f.y += f.b.text(x, f.y, w, &line, SMALL, None) + 2.0;
}

/// The scale and page size of a report page on `paper`: A3 is the A4 page enlarged by √2,
/// any other paper prints as A4.
fn paper_scale(paper: Paper) -> (f32, (f32, f32)) {
    match paper {
        Paper::A3 => (
            Paper::A3.size().0 / A4_W,
            (Paper::A3.size().0, Paper::A3.size().1),
        ),
        _ => (1.0, (A4_W, A4_H)),
    }
}

/// `x` signed with a real minus ("+1", "−0,5", "0").
pub(super) fn signed(x: f64, lang: Lang) -> String {
    let s = crate::analysis::format::num(x.abs(), 1, lang);
    if x > 0.0 {
        format!("+{s}")
    } else if x < 0.0 {
        format!("−{s}")
    } else {
        s
    }
}
