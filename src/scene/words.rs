//! The few words printed on maps and posters, in the journey's language.

use crate::model::Lang;

pub struct Words {
    pub goal: &'static str,
    pub from: &'static str,
    pub to: &'static str,
    pub as_is: &'static str,
    pub to_be: &'static str,
    pub persona: &'static str,
    pub emotion: &'static str,
    pub peak: &'static str,
    pub end: &'static str,
    pub data: &'static str,
    pub customers: &'static str,
    pub drop_off: &'static str,
    pub throughput: &'static str,
    pub version: &'static str,
    pub updated: &'static str,
    pub printed: &'static str,
    pub impact: &'static str,
    pub validated: &'static str,
    pub assumption: &'static str,
    pub refuted: &'static str,
    pub not_involved: &'static str,
    pub row: &'static str,
    pub column: &'static str,
    pub page: &'static str,
    pub of: &'static str,
    pub glue: &'static str,
    /// Beside the scale bar on a tiled sheet: what to do when it does not measure 50 mm.
    pub scale_check: &'static str,
    pub overview: &'static str,
    pub assembly: [&'static str; 3],
    pub blank_persona: &'static str,
}

pub fn words(lang: Lang) -> &'static Words {
    match lang {
        Lang::Nl => &NL,
        Lang::En => &EN,
    }
}

static NL: Words = Words {
    goal: "Doel",
    from: "Van",
    to: "tot",
    as_is: "Huidige situatie",
    to_be: "Gewenste situatie",
    persona: "Persona",
    emotion: "Emotiecurve",
    peak: "piek",
    end: "einde",
    data: "Data per fase",
    customers: "klanten",
    drop_off: "uitval",
    throughput: "doorlooptijd",
    version: "versie",
    updated: "bijgewerkt",
    printed: "geprint",
    impact: "impactmoment",
    validated: "gevalideerd",
    assumption: "aanname",
    refuted: "weerlegd",
    not_involved: "zonder ons bedrijf",
    row: "rij",
    column: "kolom",
    page: "pagina",
    of: "van",
    glue: "arcering = lijmrand",
    scale_check: "deze balk is 50 mm; korter? druk af op 100 % (zet “passend maken” uit)",
    overview: "Opbouwoverzicht",
    assembly: [
        "1. Knip elk vel langs de snijtekens links en boven (niet bij de eerste kolom en rij).",
        "2. Leg het vel over de lijmrand van zijn buren en lijn de kruisjes uit.",
        "3. Lijm of plak rij voor rij, van links naar rechts.",
    ],
    blank_persona: "Wie is de klant? Naam, segment, doelen, frustraties",
};

static EN: Words = Words {
    goal: "Goal",
    from: "From",
    to: "to",
    as_is: "Current state",
    to_be: "Future state",
    persona: "Persona",
    emotion: "Emotion curve",
    peak: "peak",
    end: "end",
    data: "Data per phase",
    customers: "customers",
    drop_off: "drop-off",
    throughput: "throughput time",
    version: "version",
    updated: "updated",
    printed: "printed",
    impact: "impact moment",
    validated: "validated",
    assumption: "assumption",
    refuted: "refuted",
    not_involved: "without our company",
    row: "row",
    column: "column",
    page: "page",
    of: "of",
    glue: "hatching = glue zone",
    scale_check: "this bar is 50 mm; shorter? print at 100 % (turn off “fit to page”)",
    overview: "Assembly overview",
    assembly: [
        "1. Trim each sheet along the crop marks on its left and top (not the first column and row).",
        "2. Lay it over the glue zone of its neighbours and line up the crosses.",
        "3. Glue or tape row by row, left to right.",
    ],
    blank_persona: "Who is the customer? Name, segment, goals, frustrations",
};

/// `1200` as "1.200" (Dutch) or "1,200" (English).
pub fn int(n: u64, lang: Lang) -> String {
    let sep = match lang {
        Lang::Nl => '.',
        Lang::En => ',',
    };
    let digits = n.to_string();
    let mut out = String::new();
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(sep);
        }
        out.push(c);
    }
    out
}

/// A percentage with at most one decimal, "12,5 %" (Dutch) or "12.5%" (English).
pub fn pct(p: f64, lang: Lang) -> String {
    let s = if (p - p.round()).abs() < 0.05 {
        format!("{}", p.round() as i64)
    } else {
        format!("{p:.1}")
    };
    match lang {
        Lang::Nl => format!("{} %", s.replace('.', ",")),
        Lang::En => format!("{s}%"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_follow_the_language() {
        assert_eq!(int(1_234_567, Lang::Nl), "1.234.567");
        assert_eq!(int(999, Lang::En), "999");
        assert_eq!(int(1000, Lang::En), "1,000");
        assert_eq!(pct(12.5, Lang::Nl), "12,5 %");
        assert_eq!(pct(30.0, Lang::En), "30%");
    }
}
