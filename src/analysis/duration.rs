//! Reads throughput times as teams write them, in Dutch or English ("3 dagen", "2 weeks",
//! "4 uur", "1,5 week", "anderhalve dag", "1 week en 2 dagen", "2-3 dagen"), as hours.
//!
//! Invariants: a text is read whole or not at all (`None`): a word the parser does not know
//! makes the text unreadable rather than silently ignored, so the funnel can list it. Calendar
//! units: a day is 24 hours, a week 7 days, a month 30 days, a year 365 days (working days are
//! read as days: the text does not say how long a working day is). A range ("2-3 dagen",
//! "2 tot 3 weken") counts as its midpoint.

/// Hours per unit word, or `None` for a word that is not a unit.
fn unit_hours(word: &str) -> Option<f64> {
    const H: f64 = 1.0;
    const D: f64 = 24.0;
    Some(match word {
        "s" | "sec" | "secs" | "seconde" | "seconden" | "second" | "seconds" => H / 3600.0,
        "min" | "mins" | "minuut" | "minuten" | "minute" | "minutes" => H / 60.0,
        "u" | "h" | "hr" | "hrs" | "uur" | "uren" | "hour" | "hours" => H,
        "d" | "dag" | "dagen" | "day" | "days" | "werkdag" | "werkdagen" | "workday"
        | "workdays" => D,
        "w" | "wk" | "wkn" | "week" | "weken" | "weeks" => 7.0 * D,
        "mnd" | "maand" | "maanden" | "month" | "months" => 30.0 * D,
        "j" | "jr" | "jaar" | "jaren" | "y" | "yr" | "yrs" | "year" | "years" => 365.0 * D,
        _ => return None,
    })
}

/// A number written as a word ("een", "anderhalf", "a").
fn number_word(word: &str) -> Option<f64> {
    Some(match word {
        "een" | "één" | "a" | "an" | "one" => 1.0,
        "twee" | "two" => 2.0,
        "drie" | "three" => 3.0,
        "vier" | "four" => 4.0,
        "vijf" | "five" => 5.0,
        "zes" | "six" => 6.0,
        "zeven" | "seven" => 7.0,
        "tien" | "ten" => 10.0,
        "half" | "halve" => 0.5,
        "anderhalf" | "anderhalve" => 1.5,
        _ => return None,
    })
}

/// Words that say nothing about the length ("ca. 3 dagen", "about 2 weeks").
fn filler(word: &str) -> bool {
    matches!(
        word,
        "ca" | "circa"
            | "ongeveer"
            | "gemiddeld"
            | "zo'n"
            | "about"
            | "around"
            | "approx"
            | "approximately"
            | "average"
            | "roughly"
            | "en"
            | "and"
            | "plus"
    )
}

#[derive(Debug, PartialEq)]
enum Tok {
    Num(f64),
    Word(String),
    /// A range mark: "-", "–", "tot", "to", "à".
    Range,
}

fn tokens(text: &str) -> Option<Vec<Tok>> {
    let mut out = Vec::new();
    let cs: Vec<char> = text.trim().to_lowercase().chars().collect();
    let mut i = 0;
    while i < cs.len() {
        let c = cs[i];
        if c.is_ascii_digit() {
            let start = i;
            while i < cs.len() && cs[i].is_ascii_digit() {
                i += 1;
            }
            // One decimal separator, comma (Dutch) or point (English), followed by digits.
            if i + 1 < cs.len() && (cs[i] == ',' || cs[i] == '.') && cs[i + 1].is_ascii_digit() {
                i += 1;
                while i < cs.len() && cs[i].is_ascii_digit() {
                    i += 1;
                }
            }
            let s: String = cs[start..i].iter().collect();
            out.push(Tok::Num(s.replace(',', ".").parse().ok()?));
        } else if c.is_alphabetic() || c == '\'' {
            let start = i;
            while i < cs.len() && (cs[i].is_alphabetic() || cs[i] == '\'') {
                i += 1;
            }
            let w: String = cs[start..i].iter().collect();
            if matches!(w.as_str(), "tot" | "to" | "à") {
                out.push(Tok::Range);
            } else {
                out.push(Tok::Word(w));
            }
            // "ca." and "mnd." end in a point that means nothing.
            if i < cs.len() && cs[i] == '.' {
                i += 1;
            }
        } else if c == '-' || c == '–' || c == '—' {
            out.push(Tok::Range);
            i += 1;
        } else if c.is_whitespace() || matches!(c, ',' | '+' | '~' | '±' | '(' | ')') {
            i += 1;
        } else {
            return None;
        }
    }
    Some(out)
}

/// The length of `text` in hours, or `None` when it cannot be read whole.
pub fn parse_hours(text: &str) -> Option<f64> {
    let toks = tokens(text)?;
    let mut total = 0.0;
    let mut any = false;
    // The quantity read so far for the next unit, and the lower end of a range.
    let mut qty: Option<f64> = None;
    let mut range_low: Option<f64> = None;
    let mut pending_range = false;
    for t in toks {
        match t {
            Tok::Num(n) => {
                if pending_range {
                    range_low = qty;
                    pending_range = false;
                } else if qty.is_some() {
                    return None;
                }
                qty = Some(n);
            }
            Tok::Range => {
                if qty.is_none() || pending_range {
                    return None;
                }
                pending_range = true;
            }
            Tok::Word(w) => {
                if let Some(h) = unit_hours(&w) {
                    let n = match (range_low, qty) {
                        (Some(lo), Some(hi)) => (lo + hi) / 2.0,
                        (None, Some(n)) => n,
                        // "week" alone reads as one week ("per week" is not a duration, but
                        // "week" in a throughput field is).
                        (_, None) => 1.0,
                    };
                    if pending_range {
                        return None;
                    }
                    total += n * h;
                    any = true;
                    qty = None;
                    range_low = None;
                } else if let Some(n) = number_word(&w) {
                    // "een half uur", "half a day": a half after a one is the quantity.
                    qty = match qty {
                        Some(q) if n == 0.5 && q == 1.0 => Some(0.5),
                        Some(q) if q == 0.5 && n == 1.0 => Some(0.5),
                        Some(_) if !pending_range => return None,
                        _ => {
                            if pending_range {
                                range_low = qty;
                                pending_range = false;
                            }
                            Some(n)
                        }
                    };
                } else if !filler(&w) {
                    return None;
                }
            }
        }
    }
    if qty.is_some() || pending_range || !any {
        return None;
    }
    Some(total)
}

#[cfg(test)]
mod tests {
    use super::parse_hours;

    #[test]
    fn reads_dutch_and_english() {
        let cases: &[(&str, f64)] = &[
            ("3 dagen", 72.0),
            ("2 weeks", 336.0),
            ("4 uur", 4.0),
            ("1,5 week", 252.0),
            ("1.5 weeks", 252.0),
            ("30 min", 0.5),
            ("anderhalve dag", 36.0),
            ("een half uur", 0.5),
            ("half a day", 12.0),
            ("1 week en 2 dagen", 216.0),
            ("2-3 dagen", 60.0),
            ("2 tot 3 weken", 420.0),
            ("ca. 2 mnd.", 1440.0),
            ("5d", 120.0),
            ("week", 168.0),
            ("  2 Weken ", 336.0),
            ("1 jaar", 8760.0),
        ];
        for (text, hours) in cases {
            assert_eq!(parse_hours(text), Some(*hours), "{text:?}");
        }
    }

    #[test]
    fn refuses_what_it_cannot_read_whole() {
        for text in [
            "",
            "snel",
            "3",
            "3 4 dagen",
            "3 dagen ofzo",
            "a while",
            "2-",
            "- 3 dagen",
            "10 %",
            "3 dagen?",
        ] {
            assert_eq!(parse_hours(text), None, "{text:?}");
        }
    }
}
