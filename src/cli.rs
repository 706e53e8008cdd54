//! The command line: arguments in, a resolved configuration and a call into the library out.
//! Only this module knows clap. Exit codes: 0 all inputs read, 1 some input or record (a
//! gazetteer row included) could not be read (the rest was processed and the output written),
//! 2 nothing could be done (bad arguments, unreadable gazetteer, output not writable).

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use anyhow::{bail, Context, Result};
use clap::{Parser, Subcommand, ValueEnum};

use badia::error::Severity;
use badia::gazetteer::{self, Gazetteer};
use badia::merge::MergeOptions;
use badia::output::{self, geojson};
use badia::pipeline::Extractor;
use badia::toponyms::Matcher;

#[derive(Parser, Debug)]
#[command(
    name = "badia",
    version,
    about = "Arabic incident reports in, georeferenced events out"
)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand, Debug)]
enum Command {
    /// Extract events from articles (.txt, .html, .jsonl, .csv files or folders; - for stdin).
    Extract(ExtractArgs),
    /// Build, check or query a gazetteer.
    #[command(subcommand)]
    Gazetteer(GazetteerCommand),
}

#[derive(clap::Args, Debug)]
struct ExtractArgs {
    /// Files or folders to read (folders recursively, in sorted order); - reads standard input.
    #[arg(default_value = "-")]
    inputs: Vec<PathBuf>,
    /// Output file (written atomically); standard output when absent.
    #[arg(short, long)]
    output: Option<PathBuf>,
    /// Output format.
    #[arg(long, value_enum, default_value_t = Format::Geojson)]
    format: Format,
    #[command(flatten)]
    gazetteer: GazetteerArgs,
    /// Keep every article's events apart (no merging of reports of one incident).
    #[arg(long)]
    no_merge: bool,
    /// Print no notes, only warnings and errors.
    #[arg(short, long)]
    quiet: bool,
}

#[derive(clap::Args, Debug)]
struct GazetteerArgs {
    /// Use this gazetteer instead of the bundled one.
    #[arg(long, value_name = "FILE")]
    gazetteer: Option<PathBuf>,
    /// Extra gazetteer rows merged over the base one (same columns; a row with an existing id
    /// replaces it). May be repeated.
    #[arg(long = "extra-gazetteer", value_name = "FILE")]
    extra: Vec<PathBuf>,
}

#[derive(ValueEnum, Clone, Copy, Debug, PartialEq, Eq)]
enum Format {
    /// An RFC 7946 FeatureCollection.
    Geojson,
    /// One GeoJSON Feature per line.
    Ndjson,
    /// ACLED's 31 columns, to append to an ACLED export.
    AcledCsv,
}

#[derive(Subcommand, Debug)]
enum GazetteerCommand {
    /// Rebuild the gazetteer CSV from the public sources and the curated rows.
    Build {
        /// The sources folder (GeoNames/WOF, Open-Syria, OurAirports extracts).
        #[arg(long)]
        sources: PathBuf,
        /// The curated rows folder.
        #[arg(long, default_value = "data/curated")]
        curated: PathBuf,
        /// Where to write the CSV.
        #[arg(short, long, default_value = "data/gazetteer.csv")]
        output: PathBuf,
    },
    /// Validate a gazetteer file (the bundled one when no file is given).
    Check { file: Option<PathBuf> },
    /// Show the places a name can mean and how badia would match it.
    Lookup {
        name: String,
        #[command(flatten)]
        gazetteer: GazetteerArgs,
    },
}

/// Runs the command line and returns the process exit code.
pub fn main() -> ExitCode {
    let cli = Cli::parse();
    let result = match cli.command {
        Command::Extract(args) => extract(args),
        Command::Gazetteer(cmd) => gazetteer_command(cmd),
    };
    match result {
        Ok(code) => code,
        Err(e) => {
            eprintln!("badia: error: {e:#}");
            ExitCode::from(2)
        }
    }
}

/// Loads the gazetteer and prints its bad rows; the flag says whether there were any.
fn load_gazetteer(args: &GazetteerArgs, quiet: bool) -> Result<(Gazetteer, bool)> {
    let extra: Vec<&Path> = args.extra.iter().map(PathBuf::as_path).collect();
    let (gaz, diags) = Gazetteer::load_with(args.gazetteer.as_deref(), &extra)
        .context("cannot load the gazetteer")?;
    for d in diags
        .iter()
        .filter(|d| !quiet || d.severity > Severity::Note)
    {
        eprintln!("{d}");
    }
    let bad_rows = diags.iter().any(|d| d.severity >= Severity::Warning);
    Ok((gaz, bad_rows))
}

fn extract(args: ExtractArgs) -> Result<ExitCode> {
    let (gaz, bad_rows) = load_gazetteer(&args.gazetteer, args.quiet)?;
    let extractor = Extractor::new(gaz);
    let merge = (!args.no_merge).then(MergeOptions::default);
    let batch = extractor.run(&args.inputs, merge.as_ref());
    for d in &batch.diagnostics {
        if !args.quiet || d.severity > Severity::Note {
            eprintln!("{d}");
        }
    }
    let write = |w: &mut dyn std::io::Write| match args.format {
        Format::Geojson => geojson::write_collection(w, &batch.events),
        Format::Ndjson => geojson::write_ndjson(w, &batch.events),
        Format::AcledCsv => output::acled::write(w, &batch.events),
    };
    match &args.output {
        Some(path) => output::write_atomic(path, write)?,
        None => {
            let stdout = std::io::stdout();
            let mut lock = stdout.lock();
            write(&mut lock).context("cannot write to standard output")?;
        }
    }
    if !args.quiet {
        eprintln!(
            "badia: {} articles, {} events",
            batch.articles,
            batch.events.len()
        );
    }
    Ok(if batch.had_errors() || bad_rows {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    })
}

fn gazetteer_command(cmd: GazetteerCommand) -> Result<ExitCode> {
    match cmd {
        GazetteerCommand::Build {
            sources,
            curated,
            output,
        } => {
            let (places, report) = gazetteer::build::build(&sources, &curated)?;
            for d in &report.diagnostics {
                eprintln!("{d}");
            }
            gazetteer::build::write_csv(&places, &output)?;
            for (source, n) in &report.by_source {
                eprintln!("{n:>7}  {source}");
            }
            eprintln!("badia: wrote {} rows to {}", places.len(), output.display());
            Ok(ExitCode::SUCCESS)
        }
        GazetteerCommand::Check { file } => {
            let path = file.unwrap_or_else(|| PathBuf::from("data/gazetteer.csv"));
            let report = gazetteer::check::check_file(&path)?;
            for d in report.errors.iter().chain(&report.warnings) {
                println!("{d}");
            }
            println!(
                "{}: {} rows, {} errors, {} warnings",
                path.display(),
                report.rows,
                report.errors.len(),
                report.warnings.len()
            );
            Ok(if report.errors.is_empty() {
                ExitCode::SUCCESS
            } else {
                ExitCode::from(1)
            })
        }
        GazetteerCommand::Lookup { name, gazetteer } => lookup(&name, &gazetteer),
    }
}

fn lookup(name: &str, args: &GazetteerArgs) -> Result<ExitCode> {
    let (gaz, _) = load_gazetteer(args, true)?;
    let matcher = Matcher::new(&gaz);
    let folded = badia::normalize::fold_with_offsets(name);
    let mentions = matcher.find(name, &folded);
    println!("folded: {}", folded.text);
    println!("index key: {}", gazetteer::name_key(name));
    if mentions.is_empty() {
        println!("no match (a common word needs a place word before it, e.g. «مدينة {name}»)");
        return Ok(ExitCode::from(1));
    }
    for m in mentions {
        println!(
            "«{}» matched {:?} as key «{}»: {} candidate(s)",
            m.surface,
            m.how,
            m.key,
            m.candidates.len()
        );
        for &c in &m.candidates {
            let p = gaz.place(c);
            println!(
                "  {:<22} {:<14} {:>9.5} {:>9.5}  {} / {}  ({}; {})",
                p.id,
                p.kind.as_str(),
                p.lat,
                p.lon,
                p.name_ar,
                p.name_en,
                p.admin1,
                p.source
            );
        }
    }
    if name.trim().is_empty() {
        bail!("empty name");
    }
    Ok(ExitCode::SUCCESS)
}
