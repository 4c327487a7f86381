//! The `klantreis` command-line tool: documents, templates, JSON interchange and history from
//! the shell. Exit code 0 on success; otherwise one line `klantreis: <error>` on stderr and a
//! non-zero exit code.

use std::io::Write;
use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Parser, Subcommand};
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
    /// Import a journey from a klantreis/1 JSON file; prints the new journey's id.
    Import {
        file: PathBuf,
        /// The JSON file to import.
        json: PathBuf,
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
    },
    /// Undo the last change in FILE; prints what was undone.
    Undo { file: PathBuf },
    /// Redo the last undone change in FILE; prints what was redone.
    Redo { file: PathBuf },
    /// Print the JSON Schema of the klantreis/1 interchange format.
    Schema,
    /// Print a journey as a vector PDF: the filled map, or (--blank) an empty workshop canvas;
    /// with --tile, as a poster over A4/A3 sheets. Warnings go to stderr.
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
        /// Output PDF file.
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
    doc.close().map_err(|x| x.to_string())?;
    for w in &rendered.warnings {
        warn(w);
    }
    print::write_atomic(out, &rendered.bytes).map_err(|x| x.to_string())
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
            let text =
                std::fs::read_to_string(&json).map_err(|x| format!("{}: {x}", json.display()))?;
            let mut doc = Document::open(&file).map_err(|x| e(&x))?;
            let id = interchange::import(&mut doc, &text)
                .map_err(|x| format!("{}: {x}", json.display()))?;
            doc.close().map_err(|x| e(&x))?;
            println!("{id}");
        }
        Command::ExportJson {
            file,
            journey,
            out,
            no_images,
        } => {
            let doc = Document::open(&file).map_err(|x| e(&x))?;
            let text = interchange::export(&doc, &journey, !no_images).map_err(|x| e(&x))?;
            doc.close().map_err(|x| e(&x))?;
            write_out(&out, &text)?;
        }
        Command::Undo { file } => step(file, true)?,
        Command::Redo { file } => step(file, false)?,
        Command::Schema => print!("{}", interchange::schema_json()),
        Command::Pdf {
            file,
            page,
            tile,
            overlap,
            out,
        } => {
            let req = page.request(tile.as_deref(), overlap, print::Format::Pdf)?;
            print_to(&file, &page, &req, &out)?;
        }
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
