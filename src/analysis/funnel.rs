//! The funnel from the phases' data: customers entering each phase, lost in it, left after it,
//! the overall conversion, the phase losing most customers, and the total throughput time.
//!
//! Invariants:
//! - only figures the team entered are used as given; `customers_out` and `lost` are derived
//!   from a phase's own `customers` and `drop_off_pct`, never guessed from its neighbours;
//! - inconsistent data is reported as a [`Warning`] naming the phase, never hidden or fixed:
//!   drop-off outside 0–100 %, more customers entering a phase than the phase before kept,
//!   a figure missing between known ones, a throughput time that cannot be read;
//! - a phase's time is its `data.throughput`, else its `duration` (both say how long the phase
//!   takes); the total sums what can be read and lists what cannot.

use serde::Serialize;

use super::duration::parse_hours;
use super::{Warning, WarningCode};
use crate::model::{Journey, Lang};

#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct PhaseFunnel {
    pub phase_id: String,
    pub name: String,
    /// Customers entering the phase, as entered.
    pub customers_in: Option<u64>,
    /// Share lost in the phase, as entered (also when out of range: a warning says so).
    pub drop_off_pct: Option<f64>,
    /// Customers lost in the phase (`customers_in × drop_off_pct`, rounded).
    pub lost: Option<u64>,
    /// Customers left after the phase (`customers_in − lost`).
    pub customers_out: Option<u64>,
    /// The phase's time as written, and in hours when it could be read.
    pub throughput: Option<String>,
    pub throughput_hours: Option<f64>,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct Loss {
    pub phase_id: String,
    pub lost: u64,
    pub drop_off_pct: f64,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct ConversionDetail {
    pub from_phase_id: String,
    pub to_phase_id: String,
    pub customers_in: u64,
    pub customers_out: u64,
    /// True: counted after the last phase; false: the last phase's drop-off is unknown, so the
    /// conversion counts the customers entering it.
    pub after_last: bool,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct Unreadable {
    pub phase_id: String,
    pub text: String,
}

#[derive(Debug, Clone, PartialEq, Serialize, Default)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct Funnel {
    /// Whether any phase has data (customers, drop-off or throughput).
    pub has_data: bool,
    pub phases: Vec<PhaseFunnel>,
    /// Overall conversion from the first phase to the last, in percent (0–100).
    pub conversion: Option<f64>,
    pub conversion_detail: Option<ConversionDetail>,
    /// The phase that loses the most customers (earliest on a tie).
    pub losing_most: Option<Loss>,
    /// Sum of the phase times that could be read, in hours.
    pub throughput_hours: Option<f64>,
    /// Phases whose time is written but could not be read.
    pub throughput_unreadable: Vec<Unreadable>,
    /// True when every phase has a time and all of them could be read.
    pub throughput_complete: bool,
}

fn pct(x: f64, lang: Lang) -> String {
    super::format::num(x, 1, lang)
}

/// The warnings about figures that cannot be right (a drop-off outside 0–100 %, more
/// customers entering a phase than the phase before kept), each naming its phase: what an
/// import reports about a journey it kept (docs/insights.md).
pub fn figure_warnings(j: &Journey) -> Vec<Warning> {
    let (_, mut warnings) = funnel(j);
    warnings.retain(|w| {
        matches!(
            w.code,
            WarningCode::DropOffOutOfRange | WarningCode::MoreCustomersThanKept
        )
    });
    warnings
}

/// The funnel of `j`, and the warnings about its data (in the journey's language).
pub fn funnel(j: &Journey) -> (Funnel, Vec<Warning>) {
    let lang = j.meta.language;
    let mut warnings = Vec::new();
    let mut phases = Vec::with_capacity(j.phases.len());
    for p in &j.phases {
        let d = p.data.as_ref();
        let customers_in = d.and_then(|d| d.customers);
        let drop = d.and_then(|d| d.drop_off_pct);
        let valid_drop = drop.filter(|x| (0.0..=100.0).contains(x));
        if let Some(x) = drop.filter(|_| valid_drop.is_none()) {
            warnings.push(Warning::phase(
                WarningCode::DropOffOutOfRange,
                &p.id,
                format!(
                    "{}: {} {} %, {}",
                    p.name,
                    lang.pick("uitval is", "drop-off is"),
                    pct(x, lang),
                    lang.pick("dat kan niet (0–100 %)", "outside 0–100 %")
                ),
            ));
        }
        let lost = match (customers_in, valid_drop) {
            (Some(n), Some(x)) => Some((n as f64 * x / 100.0).round() as u64),
            _ => None,
        };
        let customers_out = customers_in.zip(lost).map(|(n, l)| n.saturating_sub(l));
        let throughput = d
            .and_then(|d| d.throughput.clone())
            .or_else(|| p.duration.clone())
            .filter(|s| !s.trim().is_empty());
        let throughput_hours = throughput.as_deref().and_then(parse_hours);
        phases.push(PhaseFunnel {
            phase_id: p.id.clone(),
            name: p.name.clone(),
            customers_in,
            drop_off_pct: drop,
            lost,
            customers_out,
            throughput,
            throughput_hours,
        });
    }
    let has_data = j.phases.iter().any(|p| {
        p.data.as_ref().is_some_and(|d| {
            d.customers.is_some() || d.drop_off_pct.is_some() || d.throughput.is_some()
        })
    });

    // More customers entering a phase than the nearest earlier phase with figures kept.
    let mut prev: Option<&PhaseFunnel> = None;
    for f in &phases {
        if let (Some(n), Some(pf)) = (f.customers_in, prev) {
            let (kept, after) = match pf.customers_out {
                Some(o) => (o, true),
                None => (pf.customers_in.unwrap_or(u64::MAX), false),
            };
            if n > kept {
                let msg = match (lang, after) {
                    (Lang::Nl, true) => format!(
                        "{}: {n} klanten komen binnen, maar na {} waren er nog {kept} over",
                        f.name, pf.name
                    ),
                    (Lang::Nl, false) => format!(
                        "{}: {n} klanten komen binnen, meer dan de {kept} die {} in gingen",
                        f.name, pf.name
                    ),
                    (Lang::En, true) => format!(
                        "{}: {n} customers enter, but only {kept} were left after {}",
                        f.name, pf.name
                    ),
                    (Lang::En, false) => format!(
                        "{}: {n} customers enter, more than the {kept} who entered {}",
                        f.name, pf.name
                    ),
                };
                warnings.push(Warning::phase(
                    WarningCode::MoreCustomersThanKept,
                    &f.phase_id,
                    msg,
                ));
            }
        }
        if f.customers_in.is_some() {
            prev = Some(f);
        }
    }

    // Figures missing between known ones.
    let gaps = |known: &dyn Fn(&PhaseFunnel) -> bool| -> Vec<usize> {
        let first = phases.iter().position(known);
        let last = phases.iter().rposition(known);
        match (first, last) {
            (Some(a), Some(b)) => (a + 1..b).filter(|&i| !known(&phases[i])).collect(),
            _ => Vec::new(),
        }
    };
    for i in gaps(&|f: &PhaseFunnel| f.customers_in.is_some()) {
        warnings.push(Warning::phase(
            WarningCode::MissingCustomers,
            &phases[i].phase_id,
            format!(
                "{}: {}",
                phases[i].name,
                lang.pick(
                    "aantal klanten ontbreekt, terwijl de fasen ervoor en erna het wel hebben",
                    "number of customers missing, while the phases before and after have it"
                )
            ),
        ));
    }
    for i in gaps(&|f: &PhaseFunnel| f.drop_off_pct.is_some()) {
        warnings.push(Warning::phase(
            WarningCode::MissingDropOff,
            &phases[i].phase_id,
            format!(
                "{}: {}",
                phases[i].name,
                lang.pick(
                    "uitval ontbreekt, terwijl de fasen ervoor en erna het wel hebben",
                    "drop-off missing, while the phases before and after have it"
                )
            ),
        ));
    }

    let mut unreadable = Vec::new();
    for f in &phases {
        if let (Some(text), None) = (&f.throughput, f.throughput_hours) {
            warnings.push(Warning::phase(
                WarningCode::UnreadableThroughput,
                &f.phase_id,
                format!(
                    "{}: {} “{text}” {}",
                    f.name,
                    lang.pick("doorlooptijd", "throughput time"),
                    lang.pick(
                        "snap ik niet (schrijf bijv. “3 dagen” of “1,5 week”)",
                        "cannot be read (write e.g. “3 days” or “1.5 weeks”)"
                    )
                ),
            ));
            unreadable.push(Unreadable {
                phase_id: f.phase_id.clone(),
                text: text.clone(),
            });
        }
    }
    let readable: Vec<f64> = phases.iter().filter_map(|f| f.throughput_hours).collect();
    let throughput_hours = (!readable.is_empty()).then(|| readable.iter().sum());
    let throughput_complete =
        !phases.is_empty() && phases.iter().all(|f| f.throughput_hours.is_some());

    let conversion_detail = match (phases.first(), phases.last()) {
        (Some(first), Some(last)) => match first.customers_in.filter(|&n| n > 0) {
            Some(n) => last
                .customers_out
                .map(|o| (o, true))
                .or(last.customers_in.map(|i| (i, false)))
                .map(|(o, after_last)| ConversionDetail {
                    from_phase_id: first.phase_id.clone(),
                    to_phase_id: last.phase_id.clone(),
                    customers_in: n,
                    customers_out: o,
                    after_last,
                }),
            None => None,
        },
        _ => None,
    };
    if conversion_detail.is_none() && phases.iter().any(|f| f.customers_in.is_some()) {
        // Name the phase whose figure is missing.
        let (f, what) = match phases.first() {
            Some(f) if f.customers_in.is_none_or(|n| n == 0) => (
                f,
                lang.pick(
                    "instroom van de eerste fase",
                    "customers entering the first phase",
                ),
            ),
            _ => (
                phases.last().unwrap_or(&phases[0]),
                lang.pick("klanten in de laatste fase", "customers in the last phase"),
            ),
        };
        warnings.push(Warning::phase(
            WarningCode::ConversionUnknown,
            &f.phase_id,
            format!(
                "{}: {} {what} {}",
                f.name,
                lang.pick("conversie onbekend:", "conversion unknown:"),
                lang.pick("ontbreekt", "missing")
            ),
        ));
    }
    let conversion = conversion_detail
        .as_ref()
        .map(|c| c.customers_out as f64 / c.customers_in as f64 * 100.0);

    let mut losing_most: Option<Loss> = None;
    for f in &phases {
        if let (Some(l), Some(x)) = (f.lost, f.drop_off_pct) {
            if l > 0 && losing_most.as_ref().is_none_or(|m| l > m.lost) {
                losing_most = Some(Loss {
                    phase_id: f.phase_id.clone(),
                    lost: l,
                    drop_off_pct: x,
                });
            }
        }
    }

    (
        Funnel {
            has_data,
            phases,
            conversion,
            conversion_detail,
            losing_most,
            throughput_hours,
            throughput_unreadable: unreadable,
            throughput_complete,
        },
        warnings,
    )
}
