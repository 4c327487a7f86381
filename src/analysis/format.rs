//! Figures as people read them: numbers with a decimal comma in Dutch, card texts quoted on
//! one line, lengths of time in the unit that reads well. Shared by the analyses (which quote
//! cards in their reasons) and by the layout and the text that word their figures.

use crate::model::Lang;

/// `x` with at most `decimals` decimals (trailing zeros dropped), a decimal comma in Dutch.
pub fn num(x: f64, decimals: usize, lang: Lang) -> String {
    let mut s = format!("{x:.decimals$}");
    if s.contains('.') {
        s = s.trim_end_matches('0').trim_end_matches('.').to_string();
    }
    if s == "-0" {
        s = "0".into();
    }
    match lang {
        Lang::Nl => s.replace('.', ","),
        Lang::En => s,
    }
}

/// A card text in quotes, shortened to one readable line.
pub fn quote(text: &str) -> String {
    const MAX: usize = 60;
    // One pass: the words joined by single spaces, counting characters as they go (this runs
    // for every line of a long fix-first list).
    let mut one_line = String::with_capacity(text.len() + 8);
    let mut chars = 0usize;
    for w in text.split_whitespace() {
        if !one_line.is_empty() {
            one_line.push(' ');
            chars += 1;
        }
        one_line.push_str(w);
        chars += w.chars().count();
    }
    // A text that is itself a quote ("“Zou dat iets voor mij zijn?”") keeps its own marks.
    if one_line.starts_with(['“', '"', '„', '‘', '\'']) && chars <= MAX {
        return one_line;
    }
    if chars > MAX {
        let cut: String = one_line.chars().take(MAX - 1).collect();
        format!("“{}…”", cut.trim_end())
    } else {
        format!("“{one_line}”")
    }
}

/// A length in hours as the largest unit that reads well ("36 uur", "9 dagen", "3,5 weken").
pub fn hours(h: f64, lang: Lang) -> String {
    let (n, one, many) = if h < 48.0 {
        (h, lang.pick("uur", "hour"), lang.pick("uur", "hours"))
    } else if h < 24.0 * 21.0 {
        (
            h / 24.0,
            lang.pick("dag", "day"),
            lang.pick("dagen", "days"),
        )
    } else {
        (
            h / 168.0,
            lang.pick("week", "week"),
            lang.pick("weken", "weeks"),
        )
    };
    let s = num(n, 1, lang);
    format!("{s} {}", if s == "1" { one } else { many })
}
