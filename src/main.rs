//! The `klantreis` command-line tool: documents, templates, JSON interchange and history from
//! the shell. Exit code 0 on success; otherwise one line `klantreis: <error>` on stderr and a
//! non-zero exit code.

use std::io::Write;
use std::path::PathBuf;
use std::process::ExitCode;

use clap::{CommandFactory, Parser, Subcommand};

mod cli;
use klantreis::{interchange, layout, print, templates, Document, Edit, Lang};

#[derive(Parser)]
#[command(
    name = "klantreis",
    version,
    about = "Customer journey maps in a local .klantreis document",
    long_about = "Customer journey maps in a local .klantreis document (a SQLite file).\n\
                  Every change is saved at once and can be undone, also after closing."
)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
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
        /// journey (an empty one to fill in when it has none), on A4 (A3 when tiled on A3).
        /// Combine with --tile a4|a3 for the canvas as a poster; every tiled sheet has a 50 mm
        /// scale bar to check the printer did not "fit to page".
        #[arg(long)]
        kit: bool,
        /// Output PDF file.
        #[arg(short, long)]
        out: PathBuf,
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
        /// A sync server (ws://host:port) to send the journey to.
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
    /// `confidence`, `id`, `photo`, `outline`).
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
struct PageArgs {
    /// Journey id (see `klantreis list`).
    #[arg(long)]
    journey: String,
    /// Paper size: a0, a1, a2, a3, a4 or letter.
    #[arg(long, default_value = "a0")]
    paper: String,
    /// landscape or portrait.
    #[arg(long, default_value = "landscape")]
    orientation: String,
    /// An empty workshop canvas with the journey's phases and lanes.
    #[arg(long)]
    blank: bool,
}

impl PageArgs {
    /// The print request these arguments describe (`tile` and `overlap` for `pdf`).
    fn request(
        &self,
        tile: Option<&str>,
        overlap: f32,
        format: print::Format,
    ) -> Result<print::PrintRequest, String> {
        let paper = layout::Paper::parse(&self.paper).ok_or_else(|| {
            format!(
                "unknown paper {:?} (use a0, a1, a2, a3, a4 or letter)",
                self.paper
            )
        })?;
        let orientation = match self.orientation.to_ascii_lowercase().as_str() {
            "landscape" => layout::Orientation::Landscape,
            "portrait" => layout::Orientation::Portrait,
            o => {
                return Err(format!(
                    "unknown orientation {o:?} (use landscape or portrait)"
                ))
            }
        };
        let tile = match tile.map(str::to_ascii_lowercase).as_deref() {
            None => None,
            Some("a4") => Some(layout::Paper::A4),
            Some("a3") => Some(layout::Paper::A3),
            Some(t) => return Err(format!("unknown tile sheet {t:?} (use a4 or a3)")),
        };
        Ok(print::PrintRequest {
            paper,
            orientation,
            blank: self.blank,
            tile,
            overlap_mm: overlap,
            format,
            report: false,
            kit: false,
        })
    }
}

/// Renders journey `page.journey` of `file` as `req` asks and writes it to `out` whole;
/// warnings go to stderr.
fn print_to(
    file: &PathBuf,
    page: &PageArgs,
    req: &print::PrintRequest,
    out: &std::path::Path,
) -> Result<(), String> {
    let doc = Document::open(file).map_err(|x| x.to_string())?;
    let rendered = print::render(&doc, &page.journey, req, &mut |_| {})
        .map_err(|x| format!("{x}; see `klantreis list {}`", file.display()))?;
    for w in &rendered.warnings {
        warn(w);
    }
    print::write_atomic(out, &rendered.bytes).map_err(|x| x.to_string())?;
    // The version this print shows, so its stamp can be found again (`klantreis snapshots`).
    if let Err(x) = klantreis::session::versions::snapshot_export(&doc, &page.journey, req) {
        warn(&format!("the printed version was not kept: {x}"));
    }
    doc.close().map_err(|x| x.to_string())
}

fn secs(s: u64) -> std::time::Duration {
    std::time::Duration::from_secs(s)
}

fn warn(msg: &str) {
    eprintln!("klantreis: warning: {msg}");
}

fn lang(s: &str) -> Result<Lang, String> {
    Lang::parse(s).ok_or_else(|| format!("unknown language {s:?} (use nl or en)"))
}

fn write_out(out: &Option<PathBuf>, text: &str) -> Result<(), String> {
    match out {
        Some(path) => print::write_atomic(path, text.as_bytes()).map_err(|e| e.to_string()),
        None => std::io::stdout()
            .write_all(text.as_bytes())
            .map_err(|e| e.to_string()),
    }
}

fn run(cli: Cli) -> Result<(), String> {
    let e = |e: &dyn std::fmt::Display| e.to_string();
    match cli.command {
        Command::Templates { lang: l } => {
            for t in templates::list(lang(&l)?) {
                println!("{}\t{}", t.id, t.name);
            }
        }
        Command::New {
            file,
            template,
            lang: l,
            title,
        } => {
            let journey =
                templates::build(&template, lang(&l)?, title.as_deref()).map_err(|x| e(&x))?;
            let mut doc = Document::open_or_create(&file).map_err(|x| e(&x))?;
            let id = journey.meta.id.clone();
            doc.apply(&Edit::CreateJourney {
                journey,
                personas: vec![],
            })
            .map_err(|x| e(&x))?;
            doc.close().map_err(|x| e(&x))?;
            println!("{id}");
        }
        Command::Sample { file, lang: l } => {
            let lang = lang(&l)?;
            let mut doc = Document::open_or_create(&file).map_err(|x| e(&x))?;
            let id = klantreis::session::add_sample(&mut doc, lang).map_err(|x| e(&x))?;
            doc.close().map_err(|x| e(&x))?;
            println!("{id}");
        }
        Command::List { file } => {
            let doc = Document::open(&file).map_err(|x| e(&x))?;
            for j in &doc.workspace().journeys {
                println!(
                    "{}\t{}\t{} phases\t{} lanes\t{} cards",
                    j.meta.id,
                    j.meta.title,
                    j.phases.len(),
                    j.lanes.len(),
                    j.cards.len()
                );
            }
            doc.close().map_err(|x| e(&x))?;
        }
        Command::Import { file, json } => {
            cli::imports::run(&file, &json, cli::imports::Import::Json)?
        }
        Command::ImportCsv { file, csv, journey } => cli::imports::run(
            &file,
            &csv,
            cli::imports::Import::Csv {
                journey: journey.as_deref(),
            },
        )?,
        Command::ImportMermaid {
            file,
            mermaid,
            lang: l,
        } => cli::imports::run(
            &file,
            &mermaid,
            cli::imports::Import::Mermaid { lang: lang(&l)? },
        )?,
        Command::ExportMermaid { file, journey, out } => {
            write_out(&out, &cli::imports::export_mermaid(&file, &journey)?)?
        }
        Command::ExportJson {
            file,
            journey,
            out,
            no_images,
            snapshots,
        } => {
            let doc = Document::open(&file).map_err(|x| e(&x))?;
            let opts = interchange::ExportOptions {
                images: !no_images,
                snapshots,
            };
            let text = interchange::export_with(&doc, &journey, opts).map_err(|x| e(&x))?;
            doc.close().map_err(|x| e(&x))?;
            write_out(&out, &text)?;
        }
        Command::Undo { file } => step(file, true)?,
        Command::Redo { file } => step(file, false)?,
        Command::Apply { file, edit, json } => apply(&file, &edit, json)?,
        Command::Schema { which } => match which.as_str() {
            "interchange" => print!("{}", interchange::schema_json()),
            "edit" => print!("{}", klantreis::edit::json::schema_json()),
            w => return Err(format!("unknown schema {w:?} (use interchange or edit)")),
        },
        Command::Pdf {
            file,
            page,
            tile,
            overlap,
            report,
            kit,
            out,
        } => {
            let mut req = page.request(tile.as_deref(), overlap, print::Format::Pdf)?;
            req.report = report;
            req.kit = kit;
            req.blank |= kit;
            print_to(&file, &page, &req, &out)?;
        }
        Command::Pptx { file, journey, out } => cli::pptx::run(&file, &journey, &out)?,
        Command::Svg { file, page, out } => {
            let req = page.request(None, 10.0, print::Format::Svg)?;
            print_to(&file, &page, &req, &out)?;
        }
        Command::Scene { file, page } => {
            let req = page.request(None, 10.0, print::Format::Pdf)?;
            let doc = Document::open(&file).map_err(|x| e(&x))?;
            let scene = print::scene(doc.workspace(), &page.journey, &req).map_err(|x| e(&x))?;
            doc.close().map_err(|x| e(&x))?;
            let json = serde_json::to_string_pretty(&scene).map_err(|x| e(&x))?;
            println!("{json}");
        }
        cmd @ (Command::Insights { .. } | Command::Csv { .. }) => analysis_command(cmd)?,
        Command::Report {
            file,
            journey,
            paper,
            out,
        } => cli::report::run(&file, &journey, &paper, &out)?,
        Command::Compare {
            file,
            journey,
            with,
            snapshot,
            json,
            out,
            paper,
            orientation,
        } => {
            let page = PageArgs {
                journey: journey.clone(),
                paper,
                orientation,
                blank: false,
            };
            let request = page.request(None, 10.0, print::Format::Pdf)?;
            cli::compare::run(&cli::compare::CompareArgs {
                file: &file,
                a: &journey,
                b: with.as_deref(),
                snapshot: snapshot.as_deref(),
                json,
                out: out.as_deref(),
                request,
            })?
        }
        Command::Snapshot {
            file,
            journey,
            name,
        } => cli::versions::snapshot(&file, &journey, &name)?,
        Command::Snapshots {
            file,
            journey,
            json,
        } => cli::versions::list(&file, &journey, json)?,
        Command::Restore {
            file,
            journey,
            snapshot,
        } => cli::versions::restore(&file, &journey, &snapshot)?,
        Command::Completions { shell } => cli::meta::completions(Cli::command(), shell)?,
        Command::Manpages { dir } => cli::meta::manpages(Cli::command(), &dir)?,
        Command::Share {
            file,
            journey,
            out,
            server,
            timeout,
        } => {
            let url = cli::share::share(&file, &journey, out.as_deref())?;
            if let Some(server) = server {
                cli::live::share(&file, &journey, &server, secs(timeout))?;
            }
            println!("{url}");
        }
        Command::Merge {
            file,
            other,
            journey,
        } => cli::share::merge(&file, &other, journey.as_deref())?,
        Command::Join {
            file,
            link,
            server,
            timeout,
        } => cli::live::join(&file, &link, &server, secs(timeout))?,
        Command::Sync {
            file,
            server,
            timeout,
        } => cli::live::sync(&file, &server, secs(timeout))?,
        Command::Scan {
            file,
            journey,
            photos,
            dry_run,
            json,
        } => cli::scan::run(&file, &journey, &photos, dry_run, json)?,
    }
    Ok(())
}

/// The commands that read a journey and say what it means: `insights` and `csv`.
fn analysis_command(cmd: Command) -> Result<(), String> {
    let e = |e: &dyn std::fmt::Display| e.to_string();
    let load = |file: &PathBuf, id: &str| -> Result<klantreis::Journey, String> {
        let doc = Document::open(file).map_err(|x| e(&x))?;
        let j = doc.workspace().journey(id).cloned();
        doc.close().map_err(|x| e(&x))?;
        j.ok_or_else(|| {
            format!(
                "no journey with id {id:?}; see `klantreis list {}`",
                file.display()
            )
        })
    };
    match cmd {
        Command::Insights {
            file,
            journey,
            json,
        } => {
            let j = load(&file, &journey)?;
            let ins = klantreis::analysis::insights(&j);
            if json {
                let mut text = serde_json::to_string_pretty(&ins).map_err(|x| e(&x))?;
                text.push('\n');
                write_out(&None, &text)?;
            } else {
                write_out(&None, &klantreis::analysis::text::render(&ins, &j))?;
            }
        }
        Command::Csv {
            file,
            journey,
            safari,
            delimiter,
            out,
        } => {
            use interchange::csv;
            let d = csv::Delimiter::parse(&delimiter).ok_or_else(|| {
                format!("unknown delimiter {delimiter:?} (use comma or semicolon)")
            })?;
            let j = load(&file, &journey)?;
            let text = if safari {
                csv::safari_csv(&j, d)
            } else {
                csv::cards_csv(&j, d)
            };
            write_out(&out, &text)?;
        }
        _ => return Err("not an analysis command".into()),
    }
    Ok(())
}

/// `klantreis apply`: the input is read and parsed before the document is opened, and a group
/// is one transaction, so a bad edit leaves the document as it was.
fn apply(file: &std::path::Path, input: &std::path::Path, json: bool) -> Result<(), String> {
    let text = if input.as_os_str() == "-" {
        let mut s = String::new();
        std::io::Read::read_to_string(&mut std::io::stdin(), &mut s)
            .map_err(|x| format!("standard input: {x}"))?;
        s
    } else {
        std::fs::read_to_string(input).map_err(|x| format!("{}: {x}", input.display()))?
    };
    let name = if input.as_os_str() == "-" {
        "standard input".to_string()
    } else {
        input.display().to_string()
    };
    let edits = klantreis::edit::json::parse(&text).map_err(|x| format!("{name}: {x}"))?;
    if edits.is_empty() {
        return Err(format!("{name}: an empty array: no edits to apply"));
    }
    let mut doc = Document::open(file).map_err(|x| x.to_string())?;
    let cs = doc
        .apply_group(&edits, klantreis::store::Origin::Local)
        .map_err(|x| x.to_string())?;
    doc.close().map_err(|x| x.to_string())?;
    let ids = cs.created_ids();
    if json {
        println!(
            "{}",
            serde_json::to_string(&ids).map_err(|x| x.to_string())?
        );
    } else {
        for id in ids {
            println!("{id}");
        }
    }
    Ok(())
}

fn step(file: PathBuf, undo: bool) -> Result<(), String> {
    let e = |e: &dyn std::fmt::Display| e.to_string();
    {
        {
            let mut doc = Document::open(&file).map_err(|x| e(&x))?;
            let entry = if undo {
                doc.undo_entry()
            } else {
                doc.redo_entry()
            }
            .map_err(|x| e(&x))?;
            let done = if undo { doc.undo() } else { doc.redo() }.map_err(|x| e(&x))?;
            doc.close().map_err(|x| e(&x))?;
            match (done, entry) {
                (Some(_), Some(entry)) => println!("{}", entry.label),
                _ => {
                    return Err(if undo {
                        "nothing to undo".into()
                    } else {
                        "nothing to redo".into()
                    })
                }
            }
        }
    }
    Ok(())
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    match run(cli) {
        Ok(()) => ExitCode::SUCCESS,
        Err(msg) => {
            eprintln!("klantreis: {}", msg.lines().next().unwrap_or("error"));
            ExitCode::FAILURE
        }
    }
}
