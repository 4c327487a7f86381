//! The `klantreis` command-line tool: documents, templates, JSON interchange and history from
//! the shell. Exit code 0 on success; otherwise one line `klantreis: <error>` on stderr and a
//! non-zero exit code.

use std::process::ExitCode;

use clap::{CommandFactory, Parser};

mod cli;
use cli::args::{Cli, Command, PageArgs};
use cli::print::print_to;
use cli::{lang, secs, write_out};
use klantreis::{interchange, print, templates, Document, Edit};

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
        Command::Undo { file } => cli::history::step(file, true)?,
        Command::Redo { file } => cli::history::step(file, false)?,
        Command::Apply { file, edit, json } => cli::history::apply(&file, &edit, json)?,
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
            print_shop,
            bleed,
            x1a,
            out,
        } => {
            let mut req = page.request(tile.as_deref(), overlap, print::Format::Pdf)?;
            req.report = report;
            req.kit = kit;
            req.blank |= kit;
            if print_shop {
                let max = klantreis::export::pdf::MAX_BLEED_MM;
                if !(0.0..=max).contains(&bleed) {
                    return Err(format!("--bleed {bleed}: use 0 to {max} mm (3 is usual)"));
                }
                req.print_shop = Some(klantreis::export::pdf::PrintShop {
                    bleed_mm: bleed,
                    x1a,
                });
            }
            print_to(&file, &page, &req, &out)?;
        }
        Command::Preflight {
            file,
            json,
            lang: l,
        } => cli::preflight::run(&file, json, lang(&l)?)?,
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
        cmd @ (Command::Insights { .. } | Command::Csv { .. }) => cli::analysis::run(cmd)?,
        Command::Report {
            file,
            journey,
            paper,
            out,
        } => cli::report::run(&file, &journey, &paper, &out)?,
        Command::WorkshopReport {
            file,
            journey,
            paper,
            lang,
            out,
        } => cli::report::workshop(&file, &journey, &paper, lang.as_deref(), &out)?,
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
