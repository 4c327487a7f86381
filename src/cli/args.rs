//! The command line's grammar: every subcommand and its arguments (clap derive). `main.rs`
//! dispatches on [`Command`]; the handlers live beside this file, one per family.

use std::path::PathBuf;

use clap::{Parser, Subcommand};

#[derive(Parser)]
#[command(
    name = "klantreis",
    version,
    about = "Customer journey maps in a local .klantreis document",
    long_about = "Customer journey maps in a local .klantreis document (a SQLite file).\n\
                  Every change is saved at once and can be undone, also after closing."
)]
pub struct Cli {
    #[command(subcommand)]
    pub command: Command,
}

#[derive(Subcommand)]
pub enum Command {
    /// List the journey templates: id and name.
    Templates {
        /// Language of the names: nl or en.
        #[arg(long, default_value = "en")]
        lang: String,
    },
    /// Create (or open) document FILE and add a journey from a template; prints its id.
    New {
        /// The .klantreis document; created when it does not exist.
        file: PathBuf,
        /// Template id (see `klantreis templates`).
        #[arg(long)]
        template: String,
        /// Language of the journey: nl or en.
        #[arg(long, default_value = "nl")]
        lang: String,
        /// Title of the journey (default: the template's name).
        #[arg(long)]
        title: Option<String>,
    },
    /// Create (or open) document FILE and add the filled sample journey; prints its id.
    Sample {
        file: PathBuf,
        /// Language of the sample: nl or en.
        #[arg(long, default_value = "nl")]
        lang: String,
    },
    /// List the journeys in FILE: id, title, and phase/lane/card counts (tab-separated).
    List { file: PathBuf },
    /// Import a journey from a klantreis/1 JSON file; prints the new journey's id. FILE is
    /// created when it does not exist.
    Import {
        file: PathBuf,
        /// The JSON file to import.
        json: PathBuf,
    },
    /// Import cards from CSV, one card per row with its phase and lane by name (the columns
    /// `klantreis csv` writes, in Dutch or English); phases and lanes the journey lacks are
    /// created, and the import is one undo step. Without --journey a new journey is made,
    /// titled after the CSV file. FILE is created when it does not exist. Prints the journey's
    /// id; a row that does not fit is reported with its row and column, and nothing changes.
    ImportCsv {
        file: PathBuf,
        /// The CSV file (comma or semicolon separated, UTF-8).
        csv: PathBuf,
        /// Add the cards to this journey (see `klantreis list`) instead of a new one.
        #[arg(long)]
        journey: Option<String>,
    },
    /// Import a Mermaid `journey` diagram as a new journey: sections become phases, tasks
    /// become cards in an actions lane with the score 1…5 as emotion −2…+2 (score − 3), and
    /// actors become personas. FILE is created when it does not exist. Prints the journey's id.
    ImportMermaid {
        file: PathBuf,
        /// The Mermaid file (.mmd, or the diagram's text).
        mermaid: PathBuf,
        /// Language of the new journey (its lane title): nl or en.
        #[arg(long, default_value = "nl")]
        lang: String,
    },
    /// Export a journey as a Mermaid `journey` diagram: phases as sections, the cards with an
    /// emotion as tasks scored emotion + 3 (1…5), the journey's personas as actors.
    ExportMermaid {
        file: PathBuf,
        /// Journey id (see `klantreis list`).
        #[arg(long)]
        journey: String,
        /// Output file; default: standard output.
        #[arg(short, long)]
        out: Option<PathBuf>,
    },
    /// Export a journey as klantreis/1 JSON (with embedded images) to OUT or stdout.
    ExportJson {
        file: PathBuf,
        /// Journey id (see `klantreis list`).
        #[arg(long)]
        journey: String,
        /// Output file; default: standard output.
        #[arg(short, long)]
        out: Option<PathBuf>,
        /// Leave images out (only their ids are kept).
        #[arg(long)]
        no_images: bool,
        /// Include the journey's snapshots (named versions).
        #[arg(long)]
        snapshots: bool,
    },
    /// Undo the last change in FILE; prints what was undone.
    Undo { file: PathBuf },
    /// Redo the last undone change in FILE; prints what was redone.
    Redo { file: PathBuf },
    /// Apply one edit, or a JSON array of edits as one undo step, to FILE; prints the ids of
    /// the records it created, one per line. The JSON form is the app's (`klantreis schema
    /// edit`, docs/edit.schema.json).
    Apply {
        file: PathBuf,
        /// The edit as JSON, e.g. {"op": "update_card", "id": "…", "patch": {"emotion": 1}};
        /// `-` reads standard input.
        edit: PathBuf,
        /// Print the created ids as a JSON array instead.
        #[arg(long)]
        json: bool,
    },
    /// Print a JSON Schema: of the klantreis/1 interchange format (default) or, with `edit`,
    /// of the edits `klantreis apply` reads.
    Schema {
        /// interchange or edit.
        #[arg(default_value = "interchange")]
        which: String,
    },
    /// Print a journey as a vector PDF: the filled map, or (--blank) an empty workshop canvas,
    /// or (--kit) the workshop's print kit; with --tile, as a poster over A4/A3 sheets.
    /// Warnings go to stderr.
    Pdf {
        file: PathBuf,
        #[command(flatten)]
        page: PageArgs,
        /// Split the page over sheets of this size: a4 or a3.
        #[arg(long)]
        tile: Option<String>,
        /// Overlap between tiled sheets, in mm.
        #[arg(long, default_value_t = 10.0)]
        overlap: f32,
        /// Add the insights report as pages after the map (A4; A3 when tiled on A3).
        #[arg(long)]
        report: bool,
        /// Print the workshop kit: the blank canvas with a legend per lane (its guiding
        /// question and the sticky-note colour to use), then a persona sheet per persona of the
        /// journey (an empty one to fill in when it has none) and a parking-lot sheet (open
        /// questions, decisions, actions), on A4 (A3 when tiled on A3).
        /// Combine with --tile a4|a3 for the canvas as a poster; every tiled sheet has a 50 mm
        /// scale bar to check the printer did not "fit to page".
        #[arg(long)]
        kit: bool,
        /// Write the file for a print shop: PDF/X-4, colours in CMYK (Coated FOGRA39), a
        /// bleed around the trimmed page (docs/printing.md).
        #[arg(long)]
        print_shop: bool,
        /// Bleed on every side of the trimmed page, in mm (with --print-shop).
        #[arg(long, requires = "print_shop", default_value_t = 3.0)]
        bleed: f32,
        /// PDF/X-1a instead of PDF/X-4, for shops that still ask it: no transparency
        /// (with --print-shop).
        #[arg(long, requires = "print_shop")]
        x1a: bool,
        /// Output PDF file.
        #[arg(short, long)]
        out: PathBuf,
    },
    /// Check any PDF for what a print shop would refuse: no PDF/X, no output intent, RGB
    /// colour, too little bleed, fonts not embedded, text too small or too near the trim,
    /// images under 150 dpi, a size that is not a standard paper size. Exits 0 only when it
    /// finds nothing.
    Preflight {
        file: PathBuf,
        /// The findings as JSON (code, page, where, count, message).
        #[arg(long)]
        json: bool,
        /// Language of the findings: nl or en.
        #[arg(long, default_value = "nl")]
        lang: String,
    },
    /// Export a journey's blank workshop canvas as a PowerPoint fill-in file (.pptx): one
    /// widescreen slide with the phases, the lanes (title, note colour, guiding question) and
    /// an empty cell per phase and lane with the lane's hint, all editable shapes and text
    /// boxes.
    Pptx {
        file: PathBuf,
        /// Journey id (see `klantreis list`).
        #[arg(long)]
        journey: String,
        /// Output .pptx file.
        #[arg(short, long)]
        out: PathBuf,
    },
    /// Export a journey as SVG (the same layout as the PDF).
    Svg {
        file: PathBuf,
        #[command(flatten)]
        page: PageArgs,
        /// Output SVG file.
        #[arg(short, long)]
        out: PathBuf,
    },
    /// Print the laid-out Scene of a journey as JSON (what the canvas draws).
    Scene {
        file: PathBuf,
        #[command(flatten)]
        page: PageArgs,
    },
    /// Print what a journey says: emotion peak, trough, end and peak-end, impact moments, pain
    /// per phase, the funnel, evidence, the customer safari list, the value × effort matrix and
    /// what to fix first; as text in the journey's language, or as JSON (docs/insights.md).
    Insights {
        file: PathBuf,
        /// Journey id (see `klantreis list`).
        #[arg(long)]
        journey: String,
        /// Print JSON instead of text.
        #[arg(long)]
        json: bool,
    },
    /// Print a journey's insights report as a PDF: peak-end and the emotion curve(s), what to
    /// fix first, the funnel, evidence per phase, the customer safari checklist and the
    /// value × effort matrix, on A4 or A3 portrait pages.
    Report {
        file: PathBuf,
        /// Journey id (see `klantreis list`).
        #[arg(long)]
        journey: String,
        /// Paper size: a4 or a3.
        #[arg(long, default_value = "a4")]
        paper: String,
        /// Output PDF file.
        #[arg(short, long)]
        out: PathBuf,
    },
    /// The workshop report as a PDF, to send the team the morning after: goal, persona and
    /// scope; the guided steps, done or not; the votes, ranked, with their cards; decisions,
    /// actions and open questions; the wall photos; the map fitted to a page; the version it
    /// was made from.
    WorkshopReport {
        file: PathBuf,
        /// Journey id (see `klantreis list`).
        #[arg(long)]
        journey: String,
        /// Paper size: a4 or a3.
        #[arg(long, default_value = "a4")]
        paper: String,
        /// Language of the report: nl or en (default: the journey's).
        #[arg(long)]
        lang: Option<String>,
        /// Output PDF file.
        #[arg(short, long)]
        out: PathBuf,
    },
    /// Export a journey's cards (or, with --safari, its customer safari list) as CSV:
    /// UTF-8 with a BOM, quoted per RFC 4180.
    Csv {
        file: PathBuf,
        /// Journey id (see `klantreis list`).
        #[arg(long)]
        journey: String,
        /// The customer safari list (the assumptions to check) instead of all cards.
        #[arg(long)]
        safari: bool,
        /// Field separator: comma (RFC 4180) or semicolon (Excel in a Dutch locale).
        #[arg(long, default_value = "comma")]
        delimiter: String,
        /// Output file; default: standard output.
        #[arg(short, long)]
        out: Option<PathBuf>,
    },
    /// Compare two journeys (as-is and to-be, ours and a competitor's): per phase the lowest
    /// and mean emotion, cards, pain points and impact moments on one side only, the funnel;
    /// and what got better and worse in B. Phases are matched by name and by the hand matches
    /// kept in the journeys.
    Compare {
        file: PathBuf,
        /// Journey A, the reference (see `klantreis list`).
        #[arg(long)]
        journey: String,
        /// Journey B, compared with A.
        #[arg(long = "with")]
        with: Option<String>,
        /// Instead of --with: compare this snapshot (version) of A with A today.
        #[arg(long)]
        snapshot: Option<String>,
        /// Print JSON instead of text.
        #[arg(long)]
        json: bool,
        /// Print the comparison as a vector PDF to this file instead.
        #[arg(short, long)]
        out: Option<PathBuf>,
        /// Paper of the PDF: a0, a1, a2, a3, a4 or letter.
        #[arg(long, default_value = "a3")]
        paper: String,
        /// landscape or portrait.
        #[arg(long, default_value = "landscape")]
        orientation: String,
    },
    /// Take a named snapshot (version) of a journey; prints its id.
    Snapshot {
        file: PathBuf,
        #[arg(long)]
        journey: String,
        /// Name of the version, e.g. "na workshop 1".
        #[arg(long)]
        name: String,
    },
    /// List a journey's snapshots, oldest first: id, date, name, version and counts.
    Snapshots {
        file: PathBuf,
        #[arg(long)]
        journey: String,
        /// Print JSON instead.
        #[arg(long)]
        json: bool,
    },
    /// Restore a journey to a snapshot, as one undoable change; prints the new version.
    Restore {
        file: PathBuf,
        #[arg(long)]
        journey: String,
        /// Snapshot id (see `klantreis snapshots`).
        #[arg(long)]
        snapshot: String,
    },
    /// Print the completion script for a shell: bash, zsh, fish, elvish or powershell.
    Completions { shell: clap_complete::Shell },
    /// Write the manual pages (klantreis.1, klantreis-pdf.1, …) into DIR; for packagers.
    #[command(hide = true)]
    Manpages {
        #[arg(long)]
        dir: PathBuf,
    },
    /// Share a journey: give it an Automerge document (with the personas it links) that
    /// copies of this file, and any Automerge client, can merge; prints its `automerge:` link.
    /// With --server the journey is also sent to that sync server (docs/sharing.md).
    Share {
        file: PathBuf,
        #[arg(long)]
        journey: String,
        /// Also write the journey's whole Automerge document to this file.
        #[arg(short, long)]
        out: Option<PathBuf>,
        /// A sync server (wss://host or ws://host:port) to send the journey to.
        #[arg(long)]
        server: Option<String>,
        /// Seconds to wait for the server.
        #[arg(long, default_value_t = 10)]
        timeout: u64,
    },
    /// Join a journey shared through a sync server: LINK carries its `automerge:` URL; the
    /// journey is added to FILE and its id printed.
    Join {
        file: PathBuf,
        link: String,
        #[arg(long)]
        server: String,
        #[arg(long, default_value_t = 10)]
        timeout: u64,
    },
    /// One round of syncing every shared journey of FILE with a sync server: exits when both
    /// sides agree, or with an error after the timeout (the changes stay in the file).
    Sync {
        file: PathBuf,
        #[arg(long)]
        server: String,
        #[arg(long, default_value_t = 10)]
        timeout: u64,
    },
    /// Merge the changes of a copy: OTHER is another .klantreis file holding the same shared
    /// journeys (it is only read), or an Automerge document or changes (then name --journey).
    Merge {
        file: PathBuf,
        other: PathBuf,
        /// The shared journey to merge an Automerge file into.
        #[arg(long)]
        journey: Option<String>,
    },
    /// Read photos of a journey's printed blank canvas after a workshop: every sticky note is
    /// found, placed in its cell and its text read by OCR (Tesseract); the notes are printed
    /// and, without --dry-run, added as cards (one undo step) with the photos kept as wall
    /// photos. With --json the notes are a JSON array (`phase_id`, `lane_id`, `colour`, `text`,
    /// `confidence`, `dots` (the dot stickers counted on the note), `id`, `photo`, `outline`).
    Scan {
        file: PathBuf,
        /// Journey id (see `klantreis list`).
        #[arg(long)]
        journey: String,
        /// Photos (JPEG or PNG) of the canvas: one per tiled sheet, or several sheets on one.
        #[arg(required = true)]
        photos: Vec<PathBuf>,
        /// Only print what was found; add nothing.
        #[arg(long)]
        dry_run: bool,
        /// Print the notes as JSON.
        #[arg(long)]
        json: bool,
    },
}

#[derive(clap::Args)]
pub struct PageArgs {
    /// Journey id (see `klantreis list`).
    #[arg(long)]
    pub journey: String,
    /// Paper size: a0, a1, a2, a3, a4 or letter.
    #[arg(long, default_value = "a0")]
    pub paper: String,
    /// landscape or portrait.
    #[arg(long, default_value = "landscape")]
    pub orientation: String,
    /// An empty workshop canvas with the journey's phases and lanes.
    #[arg(long)]
    pub blank: bool,
}
