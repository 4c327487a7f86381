//! The preflight's findings in plain words, Dutch (je/jij) and English: what is wrong and
//! what to do about it, for someone who has never heard of a TrimBox.

use super::Raw;
use crate::model::Lang;

pub(super) struct Words {
    nl: bool,
}

impl Words {
    pub fn new(lang: Lang) -> Words {
        Words {
            nl: lang == Lang::Nl,
        }
    }

    fn pick(&self, nl: String, en: String) -> String {
        if self.nl {
            nl
        } else {
            en
        }
    }

    pub fn not_pdf(&self) -> String {
        self.pick(
            "Dit is geen PDF-bestand.".into(),
            "This is not a PDF file.".into(),
        )
    }

    pub fn encrypted(&self) -> String {
        self.pick(
            "Dit PDF-bestand is beveiligd met een wachtwoord of versleuteld. Een drukkerij kan het niet controleren: sla het op zonder beveiliging.".into(),
            "This PDF is protected with a password or encrypted. A print shop cannot check it: save it without protection.".into(),
        )
    }

    pub fn damaged(&self, why: &str) -> String {
        self.pick(
            format!("Dit PDF-bestand is beschadigd en niet te lezen ({why})."),
            format!("This PDF is damaged and cannot be read ({why})."),
        )
    }

    /// The finding in words; `r.value` is the measured value its code needs.
    pub fn finding(&self, r: &Raw) -> String {
        // A measured figure in the reader's own notation: "4,5 pt" in Dutch, "4.5 pt" in
        // English (only the chosen language's sentence is kept).
        let v = &if self.nl {
            r.value.replace('.', ",")
        } else {
            r.value.clone()
        };
        let (nl, en) = match r.code {
            "no_pdfx" => (
                "Het bestand is geen PDF/X. Een online drukkerij vraagt meestal PDF/X-4 (soms PDF/X-1a): maak het bestand met ‘Drukkerij (PDF/X)’.".to_string(),
                "The file is not a PDF/X. Online printers usually ask for PDF/X-4 (some PDF/X-1a): make it with ‘Print shop (PDF/X)’.".to_string(),
            ),
            "pdfx_version" => (
                format!("Het bestand is {v}; drukkerijen nemen PDF/X-1a, PDF/X-3 of PDF/X-4 aan."),
                format!("The file is {v}; print shops take PDF/X-1a, PDF/X-3 or PDF/X-4."),
            ),
            "no_output_intent" => (
                "Er staat niet in voor welk drukproces de kleuren bedoeld zijn (geen output intent, zoals FOGRA39). De drukkerij moet dan raden.".into(),
                "The file does not say which printing condition its colours are meant for (no output intent such as FOGRA39), so the shop has to guess.".into(),
            ),
            "output_intent_not_cmyk" => (
                format!("Het kleurprofiel van de output intent is geen CMYK-profiel ({v} kanalen)."),
                format!("The output intent's profile is not a CMYK profile ({v} channels)."),
            ),
            "rgb_colour" => (
                "Er staan RGB-kleuren in. De drukkerij zet ze zelf om naar CMYK, en dan kunnen de kleuren van de notes anders uitvallen dan op je scherm.".into(),
                "It has RGB colours. The shop converts them to CMYK its own way, and the sticky-note colours may come out other than on screen.".into(),
            ),
            "rgb_image" => (
                "Er staat een RGB-afbeelding in; die wordt bij de drukkerij omgezet naar CMYK.".into(),
                "It has an RGB image; the shop will convert it to CMYK.".into(),
            ),
            "no_trim_box" => (
                "De pagina heeft geen snijmaat (TrimBox) en dus geen afloop: de drukkerij weet niet waar ze moet snijden.".into(),
                "The page has no trim size (TrimBox) and so no bleed: the shop cannot tell where to cut.".into(),
            ),
            "no_bleed_box" => (
                "De pagina heeft geen afloop (BleedBox) rond de snijmaat.".into(),
                "The page has no bleed (BleedBox) around the trim.".into(),
            ),
            "too_little_bleed" => (
                format!("De afloop is {v} mm; drukkerijen vragen minstens 3 mm aan elke kant."),
                format!("The bleed is {v} mm; print shops ask at least 3 mm on every side."),
            ),
            "page_size" => (
                format!("Het formaat ({v} mm) is geen standaard papierformaat (A0 tot A6, B1 tot B3, Letter, Legal, Tabloid)."),
                format!("The size ({v} mm) is not a standard paper size (A0 to A6, B1 to B3, Letter, Legal, Tabloid)."),
            ),
            "font_not_embedded" => (
                format!("Het lettertype {v} zit niet in het bestand; de drukkerij vervangt het door een ander."),
                format!("The font {v} is not embedded; the shop will put another in its place."),
            ),
            "small_text" => (
                format!("Er staat tekst van {v} pt in; onder 6 pt is tekst op papier niet goed te lezen."),
                format!("There is text of {v} pt; below 6 pt it does not read well on paper."),
            ),
            "text_near_trim" => (
                format!("Er staat tekst {v} mm van de snijrand; houd minstens 5 mm vrij, want het mes kan iets verlopen."),
                format!("There is text {v} mm from the trim edge; keep at least 5 mm clear, as the knife may wander."),
            ),
            "low_resolution_image" => (
                format!("Een afbeelding is {v} dpi op het formaat waarop ze gedrukt wordt; onder 150 dpi wordt ze korrelig."),
                format!("An image is {v} dpi at the size it prints; below 150 dpi it comes out grainy."),
            ),
            "damaged_content" => (
                "De inhoud van deze pagina is beschadigd en niet te lezen.".into(),
                "The content of this page is damaged and cannot be read.".into(),
            ),
            other => (other.to_string(), other.to_string()),
        };
        self.pick(nl, en)
    }
}
