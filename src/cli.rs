//! The command line: arguments in, a resolved configuration and a call into the library out.
//! Only this module knows clap. Exit codes: 0 all inputs read, 1 some input or record (a
//! gazetteer row included) could not be read (the rest was processed and the output written),
//! 2 nothing could be done (bad arguments, unreadable gazetteer, output not writable).

use std::io::IsTerminal;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use anyhow::{bail, Context, Result};
use clap::{Parser, Subcommand, ValueEnum};
use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};

use badia::cluster::export;
use badia::cluster::hotspot::{hotspots, HotspotOptions};
use badia::cluster::input::read_events;
use badia::cluster::{ClusterIndex, ClusterOptions, ClusterPoint};
use badia::error::{Diagnostic, Severity};
use badia::gazetteer::{self, Gazetteer};
use badia::map::{self, Basemap, Lang, MapOptions};
use badia::merge::MergeOptions;
use badia::model::Event;
use badia::output::gpkg::GpkgWriter;
use badia::output::{self, EventFormat, EventWriter};
use badia::pipeline::{Batch, Extractor, Progress, Summary};
use badia::rules::{self, Rules};
use badia::serve::Server;
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
    /// Read with the rules files of this folder instead of the compiled-in ones
    /// (casualties.csv, targets.csv …; see `badia rules check`).
    #[arg(long, global = true, value_name = "DIR")]
    rules: Option<PathBuf>,
    /// Rows added to the rules (list,text,value; any list, and example rows). May be repeated.
    #[arg(long = "extra-rules", global = true, value_name = "FILE")]
    extra_rules: Vec<PathBuf>,
}

#[derive(Subcommand, Debug)]
enum Command {
    /// Extract events from articles (.txt, .html, .jsonl, .csv files or folders; - for stdin).
    Extract(ExtractArgs),
    /// Extract and merge events, then write a web map folder (index.html, events.geojson,
    /// events.csv) and print an <iframe> to embed it.
    Map(MapArgs),
    /// Serve a map folder on 127.0.0.1 for a preview (with HTTP Range requests).
    Serve(ServeArgs),
    /// Build, check or query a gazetteer.
    #[command(subcommand)]
    Gazetteer(GazetteerCommand),
    /// Group the events of an `extract` GeoJSON into clusters per zoom, or into hotspots.
    Cluster(ClusterArgs),
    /// Cut vector tiles (PMTiles or MBTiles, by extension) from badia's GeoJSON or NDJSON.
    Tiles(TilesArgs),
    /// Check the reading rules (the Arabic word lists of data/rules/).
    #[command(subcommand)]
    Rules(RulesCommand),
}

#[derive(Subcommand, Debug)]
enum RulesCommand {
    /// Load the rules (the compiled-in ones, the folder given, or --rules DIR, with any
    /// --extra-rules), report every bad row with its file and line, then read every example
    /// row and report those that do not yield what they say.
    Check {
        /// A rules folder (default: --rules DIR, else the compiled-in rules).
        dir: Option<PathBuf>,
        #[command(flatten)]
        gazetteer: GazetteerArgs,
    },
}

#[derive(clap::Args, Debug)]
struct ClusterArgs {
    /// GeoJSON or NDJSON written by `badia extract`.
    input: PathBuf,
    /// Output GeoJSON (written atomically); standard output when absent.
    #[arg(short, long)]
    output: Option<PathBuf>,
    /// Only this zoom (default: every zoom from 0 to one above the highest clustered zoom).
    #[arg(long, conflicts_with = "all_zooms")]
    zoom: Option<u8>,
    /// Every zoom (the default).
    #[arg(long)]
    all_zooms: bool,
    /// Keep events dated on or after this day (YYYY-MM-DD); undated events are left out.
    #[arg(long, value_name = "DATE")]
    from: Option<chrono::NaiveDate>,
    /// Keep events dated on or before this day (YYYY-MM-DD); undated events are left out.
    #[arg(long, value_name = "DATE")]
    to: Option<chrono::NaiveDate>,
    /// Cluster radius in pixels of a 512-pixel tile.
    #[arg(long, value_name = "PX", default_value_t = ClusterOptions::default().radius)]
    radius: f64,
    /// Highest zoom at which clusters are made.
    #[arg(long, value_name = "Z", default_value_t = ClusterOptions::default().max_zoom)]
    max_zoom: u8,
    /// Zoom-free hotspots (DBSCAN over km) instead of clusters per zoom.
    #[arg(long)]
    hotspots: bool,
    /// Hotspot radius in km.
    #[arg(long, value_name = "KM", default_value_t = HotspotOptions::default().eps_km, requires = "hotspots")]
    eps_km: f64,
    /// Least events within --eps-km of an event (itself included) to make it a hotspot core.
    #[arg(long, value_name = "N", default_value_t = HotspotOptions::default().min_points, requires = "hotspots")]
    min_points: usize,
    /// Print no summary line.
    #[arg(short, long)]
    quiet: bool,
}

#[derive(clap::Args, Debug)]
struct TilesArgs {
    /// Events written by `badia extract` (GeoJSON; NDJSON when named .ndjson or .jsonl).
    events: PathBuf,
    /// The tile file: FILE.pmtiles or FILE.mbtiles (written atomically).
    #[arg(short, long)]
    output: PathBuf,
    /// Lowest zoom.
    #[arg(long, default_value_t = 0)]
    min_zoom: u8,
    /// Highest zoom; every event is shown with its attributes there, clustered below it.
    #[arg(long, default_value_t = 14)]
    max_zoom: u8,
    /// Leave out the layer of town names.
    #[arg(long)]
    no_places: bool,
    #[command(flatten)]
    gazetteer: GazetteerArgs,
    /// Print no notes, only warnings and errors.
    #[arg(short, long)]
    quiet: bool,
}

#[derive(clap::Args, Debug)]
struct ExtractArgs {
    #[command(flatten)]
    batch: BatchArgs,
    /// Output file (written atomically); standard output when absent.
    #[arg(short, long)]
    output: Option<PathBuf>,
    /// Output format.
    #[arg(long, value_enum, default_value_t = Format::Geojson)]
    format: Format,
}

/// What `extract` and `map` read and how.
#[derive(clap::Args, Debug)]
struct BatchArgs {
    /// Files or folders to read (folders recursively, in sorted order); - reads standard input.
    #[arg(default_value = "-")]
    inputs: Vec<PathBuf>,
    #[command(flatten)]
    gazetteer: GazetteerArgs,
    /// Keep every article's events apart (no merging of reports of one incident).
    #[arg(long)]
    no_merge: bool,
    /// Print no notes and no progress bar, only warnings and errors.
    #[arg(short, long)]
    quiet: bool,
}

#[derive(clap::Args, Debug)]
struct MapArgs {
    #[command(flatten)]
    batch: BatchArgs,
    /// The map folder, replaced as a whole (only a folder badia wrote, or an empty one); with
    /// --single-file, the HTML file.
    #[arg(short, long)]
    output: PathBuf,
    /// Write one self-contained HTML file (data, scripts, styles inline) for small maps. A
    /// folder map of over 20,000 events reads them from its vector tiles instead of the page.
    #[arg(long)]
    single_file: bool,
    /// An external base map: a MapLibre style URL (ending in .json) or a raster tile template
    /// (https://…/{z}/{x}/{y}.png). Without it, town names from the gazetteer orient the reader.
    #[arg(long, value_name = "URL")]
    basemap: Option<String>,
    /// The page title.
    #[arg(long, default_value = "badia map")]
    title: String,
    /// The interface's language: ar (right to left) or en; Arabic when the title is Arabic.
    #[arg(long, value_enum)]
    lang: Option<PageLang>,
    /// A line under the title.
    #[arg(long, value_name = "TEXT")]
    description: Option<String>,
    /// The source line or byline shown under the map's text.
    #[arg(long, value_name = "TEXT")]
    credit: Option<String>,
    /// Also save a still image of the map (title, map, credit) as PNG, through headless
    /// Chromium.
    #[arg(long, value_name = "FILE")]
    png: Option<PathBuf>,
    /// The image's size in pixels.
    #[arg(long, value_name = "WxH", default_value = "1200x800", requires = "png")]
    size: String,
}

#[derive(ValueEnum, Clone, Copy, Debug, PartialEq, Eq)]
enum PageLang {
    Ar,
    En,
}

#[derive(clap::Args, Debug)]
struct ServeArgs {
    /// The folder to serve.
    dir: PathBuf,
    /// The port on 127.0.0.1 (0 picks a free one).
    #[arg(long, default_value_t = 8000)]
    port: u16,
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
    /// A GeoPackage (needs -o FILE): typed columns, a spatial index, a default QGIS style.
    Gpkg,
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
    /// List the place-like names of articles (a place noun and a name: «وادي X», «منطقة X»)
    /// that the gazetteer does not know, most frequent first, as tab-separated columns:
    /// count, articles, name, anchor, article, example sentence.
    Suggest {
        /// Files or folders of articles, as for `extract` (- for standard input).
        #[arg(required = true)]
        inputs: Vec<PathBuf>,
        /// List only names seen at least this many times.
        #[arg(long, default_value_t = 1)]
        min_count: usize,
        #[command(flatten)]
        gazetteer: GazetteerArgs,
    },
}

/// Like `eprintln!`, without the panic when standard error is closed (`badia … 2>&1 | head -1`):
/// the message is lost and the run goes on, so its output files are still written.
macro_rules! say {
    ($($arg:tt)*) => {{
        use std::io::Write as _;
        let _ = writeln!(std::io::stderr(), $($arg)*);
    }};
}

/// A line on standard output; the error, not a panic, when its reader has left (a closed pipe
/// then ends the run quietly, see [`reader_gone`]).
macro_rules! out {
    ($($arg:tt)*) => {{
        use std::io::Write as _;
        writeln!(std::io::stdout(), $($arg)*)
    }};
}

/// Puts the rules of `dir` (or the compiled-in ones) with the `extra` rows in force, before
/// any text is read.
fn install_rules(dir: Option<PathBuf>, extra: &[PathBuf]) -> Result<()> {
    if dir.is_none() && extra.is_empty() {
        return Ok(());
    }
    let mut rules = match &dir {
        Some(dir) => Rules::from_dir(dir).context("the rules cannot be used")?,
        None => Rules::builtin().clone(),
    };
    for file in extra {
        rules = rules
            .with_extra(file)
            .context("the extra rules cannot be used")?;
    }
    if rules::install(rules).is_err() {
        bail!("the rules were put in force twice");
    }
    Ok(())
}

/// `badia rules check`: the rules in force loaded (bad rows stopped the run before this), then
/// every example row read.
fn rules_check(args: GazetteerArgs) -> Result<ExitCode> {
    let (gazetteer, _) = load_gazetteer(&args, true)?;
    let rules = rules::active();
    let extractor = Extractor::new(gazetteer);
    let failures = rules::examples::failures(&extractor, rules.examples());
    for f in &failures {
        out!("{f}")?;
    }
    say!(
        "badia: rules: {} entries, {} examples, {} not read as written",
        rules.entry_count(),
        rules.examples().len(),
        failures.len()
    );
    Ok(if failures.is_empty() {
        ExitCode::SUCCESS
    } else {
        ExitCode::from(1)
    })
}

/// Runs the command line and returns the process exit code.
pub fn main() -> ExitCode {
    let cli = Cli::parse();
    let check_dir = match &cli.command {
        Command::Rules(RulesCommand::Check { dir, .. }) => dir.clone(),
        _ => None,
    };
    if let Err(e) = install_rules(check_dir.or(cli.rules.clone()), &cli.extra_rules) {
        say!("badia: error: {e:#}");
        return ExitCode::from(2);
    }
    let result = match cli.command {
        Command::Extract(args) => extract(args),
        Command::Map(args) => map(args),
        Command::Serve(args) => serve(args),
        Command::Gazetteer(cmd) => gazetteer_command(cmd),
        Command::Cluster(args) => cluster(args),
        Command::Tiles(args) => tiles(args),
        Command::Rules(RulesCommand::Check { gazetteer, .. }) => rules_check(gazetteer),
    };
    match result {
        Ok(code) => code,
        // `badia extract … | head`: the reader has what it wanted. Like other filters, badia
        // then stops without a word.
        Err(e) if reader_gone(&e) => ExitCode::SUCCESS,
        Err(e) => {
            say!("badia: error: {e:#}");
            ExitCode::from(2)
        }
    }
}

/// Whether writing failed because the reader of the pipe badia writes to has closed it
/// (`BrokenPipe`, possibly inside the library's own I/O errors, `-o FILE` adding one more).
fn reader_gone(e: &anyhow::Error) -> bool {
    e.chain().any(closed_pipe)
}

fn closed_pipe(err: &(dyn std::error::Error + 'static)) -> bool {
    if let Some(io) = err.downcast_ref::<std::io::Error>() {
        return io.kind() == std::io::ErrorKind::BrokenPipe
            || io.get_ref().is_some_and(|inner| closed_pipe(inner));
    }
    match err.downcast_ref() {
        Some(badia::error::Error::Io { error, .. }) => closed_pipe(error),
        _ => false,
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
        say!("{d}");
    }
    let bad_rows = diags.iter().any(|d| d.severity >= Severity::Warning);
    Ok((gaz, bad_rows))
}

/// A progress bar on standard error; hidden when that is not a terminal or with `--quiet`.
fn progress_bar(quiet: bool) -> ProgressBar {
    if quiet || !std::io::stderr().is_terminal() {
        return ProgressBar::hidden();
    }
    let bar = ProgressBar::with_draw_target(Some(0), ProgressDrawTarget::stderr());
    if let Ok(style) =
        ProgressStyle::with_template("{bar:40} {pos}/{len} articles ({percent}%), eta {eta} {msg}")
    {
        bar.set_style(style);
    }
    bar
}

/// Reads and extracts a batch with a progress bar, printing its diagnostics; the extractor is
/// returned for its gazetteer, and whether the batch or the gazetteer had bad records.
fn run_batch(args: &BatchArgs) -> Result<(Extractor, Batch, bool)> {
    let extractor = prepare(args)?;
    let mut events = Vec::new();
    let (summary, had_errors) = stream_batch(&extractor, args, &mut |batch| {
        events.extend(batch);
        Ok(())
    })?;
    let batch = Batch {
        articles: summary.articles,
        events,
        diagnostics: summary.diagnostics,
    };
    Ok((extractor.extractor, batch, had_errors))
}

/// Loads the gazetteer (printing its bad rows) and compiles the matcher.
fn prepare(args: &BatchArgs) -> Result<Prepared> {
    let (gaz, bad_rows) = load_gazetteer(&args.gazetteer, args.quiet)?;
    Ok(Prepared {
        extractor: Extractor::new(gaz),
        bad_rows,
    })
}

/// The extractor of a batch, and whether its gazetteer had bad rows.
struct Prepared {
    extractor: Extractor,
    bad_rows: bool,
}

/// Reads and extracts a batch with a progress bar, handing each event to `sink` as it is
/// ready and printing the diagnostics; says whether the batch or the gazetteer had bad
/// records.
fn stream_batch(
    prepared: &Prepared,
    args: &BatchArgs,
    sink: &mut dyn FnMut(Vec<Event>) -> std::io::Result<()>,
) -> Result<(Summary, bool)> {
    let Prepared {
        extractor,
        bad_rows,
    } = prepared;
    let merge = (!args.no_merge).then(MergeOptions::default);
    let bar = progress_bar(args.quiet);
    let summary = extractor.stream(
        &args.inputs,
        merge.as_ref(),
        &|p| match p {
            Progress::Read(n) => bar.inc_length(n as u64),
            Progress::Article => bar.inc(1),
            Progress::Merging => bar.set_message("merging"),
        },
        sink,
    );
    bar.finish_and_clear();
    let summary = summary?;
    for d in &summary.diagnostics {
        if !args.quiet || d.severity > Severity::Note {
            say!("{d}");
        }
    }
    let had_errors = *bad_rows
        || summary
            .diagnostics
            .iter()
            .any(|d| d.severity >= Severity::Warning);
    Ok((summary, had_errors))
}

/// Whether no input at all could be read (every one named was missing or unreadable): the
/// run then ends with exit code 2 and leaves the previous output as it was.
fn nothing_read(articles: usize, diagnostics: &[Diagnostic]) -> bool {
    articles == 0 && diagnostics.iter().any(|d| d.severity == Severity::Error)
}

/// Exit code 1 when some input or record could not be read, else 0.
fn exit_code(had_errors: bool) -> ExitCode {
    if had_errors {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    }
}

fn extract(args: ExtractArgs) -> Result<ExitCode> {
    let format = match args.format {
        Format::Geojson => EventFormat::Geojson,
        Format::Ndjson => EventFormat::Ndjson,
        Format::AcledCsv => EventFormat::AcledCsv,
        Format::Gpkg => return extract_gpkg(args),
    };
    let prepared = prepare(&args.batch)?;
    let mut outcome = None;
    // Events are written as they are ready: memory holds a batch of articles, not the corpus.
    let mut write = |w: &mut dyn std::io::Write| -> std::io::Result<()> {
        let mut out = EventWriter::new(w, format)?;
        let streamed = stream_batch(&prepared, &args.batch, &mut |batch| out.write_batch(batch));
        // The library's error itself, not anyhow's, inside: `reader_gone` looks into it.
        let streamed = streamed.map_err(|e| match e.downcast::<badia::error::Error>() {
            Ok(lib) => std::io::Error::other(lib),
            Err(e) => std::io::Error::other(e),
        })?;
        out.finish()?;
        let nothing = nothing_read(streamed.0.articles, &streamed.0.diagnostics);
        outcome = Some(streamed);
        if nothing && args.output.is_some() {
            // Keeps the previous file: write_atomic drops what was written.
            return Err(std::io::Error::other("no input could be read"));
        }
        Ok(())
    };
    let written = match &args.output {
        Some(path) => output::write_atomic(path, write).map_err(anyhow::Error::from),
        None => {
            let stdout = std::io::stdout();
            let mut lock = stdout.lock();
            write(&mut lock).context("cannot write to standard output")
        }
    };
    if let Some((summary, _)) = &outcome {
        if nothing_read(summary.articles, &summary.diagnostics) {
            match &args.output {
                Some(path) => bail!(
                    "no input could be read; {} is left as it was",
                    path.display()
                ),
                None => bail!("no input could be read"),
            }
        }
    }
    let (summary, had_errors) = match (written, outcome) {
        (Ok(()), Some(o)) => o,
        (Err(e), _) => return Err(e),
        (Ok(()), None) => bail!("nothing was written"),
    };
    if !args.batch.quiet {
        say!(
            "badia: {} articles, {} events",
            summary.articles,
            summary.events
        );
    }
    // The process ends here: freeing the gazetteer's many small allocations one by one would
    // cost a small run about a tenth of its time.
    std::mem::forget(prepared);
    Ok(exit_code(had_errors))
}

/// `extract --format gpkg`: a GeoPackage is an SQLite file, so it needs a file to write.
fn extract_gpkg(args: ExtractArgs) -> Result<ExitCode> {
    let Some(path) = &args.output else {
        bail!("--format gpkg writes a file: give it with -o FILE.gpkg");
    };
    // Checked before the (possibly long) run: a pipe or a folder cannot hold a GeoPackage.
    let mut gpkg = GpkgWriter::create(path)?;
    let prepared = prepare(&args.batch)?;
    let (summary, had_errors) = stream_batch(&prepared, &args.batch, &mut |batch| {
        gpkg.write_all(&batch).map_err(std::io::Error::other)
    })?;
    gpkg.finish()?;
    if !args.batch.quiet {
        eprintln!(
            "badia: {} articles, {} events",
            summary.articles, summary.events
        );
    }
    std::mem::forget(prepared);
    Ok(exit_code(had_errors))
}

/// Where a map becomes large: [`map::LARGE_MAP_EVENTS`], or the number in the environment
/// variable `BADIA_LARGE_MAP_EVENTS` (for tests, and to try a large map on a small input).
fn large_above() -> Result<usize> {
    match std::env::var("BADIA_LARGE_MAP_EVENTS") {
        Ok(v) => v
            .trim()
            .parse()
            .with_context(|| format!("BADIA_LARGE_MAP_EVENTS={v:?} is not a number of events")),
        Err(_) => Ok(map::LARGE_MAP_EVENTS),
    }
}

fn map(args: MapArgs) -> Result<ExitCode> {
    let opts = MapOptions {
        title: args.title.clone(),
        lang: match args.lang {
            Some(PageLang::Ar) => Lang::Ar,
            Some(PageLang::En) => Lang::En,
            None => Lang::for_title(&args.title),
        },
        description: args.description.clone(),
        credit: args.credit.clone(),
        basemap: args.basemap.as_deref().map(Basemap::parse).transpose()?,
        large_above: large_above()?,
    };
    // The image's needs are checked before the (possibly long) run.
    let size = map::still::parse_size(&args.size)?;
    if args.png.is_some() && map::still::find_chromium().is_none() {
        bail!(
            "--png needs headless Chromium, which was not found (install `chromium`, or name \
             the browser in BADIA_CHROMIUM); nothing was written"
        );
    }
    let (extractor, batch, had_errors) = run_batch(&args.batch)?;
    let out = &args.output;
    if nothing_read(batch.articles, &batch.diagnostics) {
        bail!(
            "no input could be read; {} is left as it was",
            out.display()
        );
    }
    let summary = if args.single_file {
        map::write_single_file(out, &batch.events, &extractor.gazetteer, &opts)?
    } else {
        map::write_dir(out, &batch.events, &extractor.gazetteer, &opts)?
    };
    // The page's address relative to an article published beside the map.
    let name = out
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_else(|| "map".into());
    let src = if args.single_file {
        name
    } else {
        format!("{name}/index.html")
    };
    if args.single_file && summary.events > opts.large_above {
        say!(
            "badia: warning: {} events in one page (about 920 bytes each), which a browser is \
             slow to open; a map folder (without --single-file) reads them from vector tiles",
            summary.events
        );
    }
    if summary.large && !args.batch.quiet {
        say!(
            "badia: over {} events, the page reads them from events.pmtiles, clustered per \
             month: serve it with Range requests (`badia serve`), not from file://",
            opts.large_above
        );
    }
    if !args.batch.quiet {
        say!(
            "badia: {} articles, {} events on the map, wrote {} ({})",
            batch.articles,
            summary.events,
            out.display(),
            summary.files.join(", ")
        );
        say!(
            "badia: preview with `badia serve {}`; to embed it in an article, publish it and \
             paste this (src is relative to the article's address; change it to where the map is):",
            out.parent()
                .filter(|p| args.single_file && !p.as_os_str().is_empty())
                .unwrap_or(out)
                .display()
        );
    }
    if let Some(png) = &args.png {
        still_image(out, args.single_file, png, size)?;
        if !args.batch.quiet {
            say!("badia: wrote {}", png.display());
        }
    }
    // The map is written: a reader of standard output that has left loses only this line.
    let _ = out!("{}", map::iframe_snippet(&src, &opts.title));
    Ok(exit_code(had_errors))
}

/// Screenshots the map just written: a folder through a local server (its page may read
/// tiles), a single file from disk.
fn still_image(out: &Path, single_file: bool, png: &Path, size: (u32, u32)) -> Result<()> {
    let url = if single_file {
        let file = out.canonicalize().context("the page just written")?;
        format!("file://{}", file.display())
    } else {
        let server = Server::bind(out, 0)?;
        let url = format!("{}index.html", server.url());
        // Serves until the process ends.
        std::thread::spawn(move || server.run());
        url
    };
    map::still::render_png(&url, png, size)?;
    Ok(())
}

fn tiles(args: TilesArgs) -> Result<ExitCode> {
    let opts = badia::tiles::TileOptions {
        min_zoom: args.min_zoom,
        max_zoom: args.max_zoom,
        places: !args.no_places,
        ..Default::default()
    };
    // Check the output name before the (possibly long) read.
    badia::tiles::Container::of_path(&args.output)?;
    let places = if opts.places {
        load_gazetteer(&args.gazetteer, true)?.0.places
    } else {
        Vec::new()
    };
    let (table, diags) = badia::tiles::read_geojson(&args.events)?;
    for d in &diags {
        say!("{d}");
    }
    let report = badia::tiles::write_table(&table, &places, &args.output, &opts)?;
    for d in &report.diagnostics {
        say!("{d}");
    }
    if !args.quiet {
        for z in &report.by_zoom {
            say!(
                "  z{:<2} {:>7} tiles {:>9} features {:>11} bytes",
                z.zoom,
                z.tiles,
                z.features,
                z.bytes
            );
        }
        let largest = report
            .largest
            .map(|(z, x, y, n)| format!(", largest tile {z}/{x}/{y} {n} bytes"))
            .unwrap_or_default();
        say!(
            "badia: {} events, {} tiles, {} bytes in {}{largest}",
            report.events,
            report.tiles,
            report.file_bytes,
            args.output.display()
        );
    }
    Ok(exit_code(diags.iter().any(|d| d.severity > Severity::Note)))
}

/// Writes atomically to `path`, or to standard output.
fn write_to(
    path: &Option<PathBuf>,
    write: impl FnOnce(&mut dyn std::io::Write) -> std::io::Result<()>,
) -> Result<()> {
    match path {
        Some(path) => output::write_atomic(path, write)?,
        None => {
            let stdout = std::io::stdout();
            write(&mut stdout.lock()).context("cannot write to standard output")?;
        }
    }
    Ok(())
}

fn cluster(args: ClusterArgs) -> Result<ExitCode> {
    if let (Some(from), Some(to)) = (args.from, args.to) {
        if from > to {
            bail!("--from {from} is after --to {to}");
        }
    }
    if !(args.radius > 0.0 && args.radius.is_finite()) {
        bail!("--radius must be a positive number of pixels");
    }
    if !(args.eps_km > 0.0 && args.eps_km.is_finite()) {
        bail!("--eps-km must be a positive number of km");
    }
    let (events, diags) = read_events(&args.input, args.hotspots)?;
    for d in &diags {
        say!("{d}");
    }
    let read = events.len();
    let events = export::within_dates(events, args.from, args.to);
    let points: Vec<ClusterPoint> = events.iter().map(|e| e.point).collect();
    if args.hotspots {
        let opts = HotspotOptions {
            eps_km: args.eps_km,
            min_points: args.min_points,
        };
        let result = hotspots(&points, &opts);
        if !args.quiet {
            let noise = result.labels.iter().filter(|l| l.is_none()).count();
            say!(
                "badia: {} events ({} in the date range), {} hotspots, {noise} events in none",
                read,
                events.len(),
                result.hotspots.len()
            );
        }
        write_to(&args.output, |w| {
            export::write_hotspot_features(w, &result, &events)
        })?;
    } else {
        let opts = ClusterOptions {
            radius: args.radius,
            max_zoom: args.max_zoom,
            ..ClusterOptions::default()
        };
        let index = ClusterIndex::new(&points, &opts);
        drop(points);
        let zooms: Vec<u8> = match args.zoom {
            Some(z) => vec![z],
            None => (0..=index.options().max_zoom + 1).collect(),
        };
        let mut written = 0;
        write_to(&args.output, |w| {
            written = export::write_cluster_features(w, &index, &zooms, &events)?;
            Ok(())
        })?;
        if !args.quiet {
            say!(
                "badia: {} events ({} in the date range), {} features over {} zooms",
                read,
                events.len(),
                written,
                zooms.len()
            );
        }
    }
    Ok(exit_code(!diags.is_empty()))
}

/// The server's limits; `BADIA_SERVE_HEAD_DEADLINE_MS` and `BADIA_SERVE_WRITE_TIMEOUT_MS`
/// shorten its deadlines (for tests).
fn serve_limits() -> Result<badia::serve::Limits> {
    let mut limits = badia::serve::Limits::default();
    let ms = |name: &str| -> Result<Option<std::time::Duration>> {
        match std::env::var(name) {
            Ok(v) => match v.trim().parse::<u64>() {
                Ok(n) if n > 0 => Ok(Some(std::time::Duration::from_millis(n))),
                _ => bail!("{name}={v:?} is not a positive number of milliseconds"),
            },
            Err(_) => Ok(None),
        }
    };
    if let Some(d) = ms("BADIA_SERVE_HEAD_DEADLINE_MS")? {
        limits.head_deadline = d;
    }
    if let Some(d) = ms("BADIA_SERVE_WRITE_TIMEOUT_MS")? {
        limits.write_timeout = d;
    }
    Ok(limits)
}

fn serve(args: ServeArgs) -> Result<ExitCode> {
    let server = Server::bind_with(&args.dir, args.port, serve_limits()?)?;
    // The server runs on when nobody reads its banner (`badia serve DIR | head -1`).
    let _ = out!("Serving {} at {}", args.dir.display(), server.url());
    say!("badia: press Ctrl-C to stop");
    server.run();
    Ok(ExitCode::SUCCESS)
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
                say!("{d}");
            }
            gazetteer::build::write_csv(&places, &output)?;
            for (source, n) in &report.by_source {
                say!("{n:>7}  {source}");
            }
            say!("badia: wrote {} rows to {}", places.len(), output.display());
            Ok(ExitCode::SUCCESS)
        }
        GazetteerCommand::Check { file } => {
            let path = file.unwrap_or_else(|| PathBuf::from("data/gazetteer.csv"));
            let report = gazetteer::check::check_file(&path)?;
            for d in report.errors.iter().chain(&report.warnings) {
                out!("{d}")?;
            }
            out!(
                "{}: {} rows, {} errors, {} warnings",
                path.display(),
                report.rows,
                report.errors.len(),
                report.warnings.len()
            )?;
            Ok(exit_code(!report.errors.is_empty()))
        }
        GazetteerCommand::Lookup { name, gazetteer } => lookup(&name, &gazetteer),
        GazetteerCommand::Suggest {
            inputs,
            min_count,
            gazetteer,
        } => suggest(&inputs, min_count, &gazetteer),
    }
}

/// `gazetteer suggest`: reads the articles a batch at a time and prints the table.
fn suggest(inputs: &[PathBuf], min_count: usize, args: &GazetteerArgs) -> Result<ExitCode> {
    use std::io::Write;
    let (gaz, bad_rows) = load_gazetteer(args, true)?;
    let extractor = Extractor::new(gaz);
    let mut found = gazetteer::suggest::Suggestions::default();
    let mut had_errors = bad_rows;
    badia::ingest::read_in_batches(inputs, extractor.articles_at_once, &mut |batch| {
        for d in &batch.diagnostics {
            had_errors |= d.severity >= Severity::Warning;
            eprintln!("{d}");
        }
        found.add(&extractor, &batch.articles);
        std::ops::ControlFlow::Continue(())
    });
    let mut out = std::io::BufWriter::new(std::io::stdout().lock());
    writeln!(out, "count\tarticles\tname\tanchor\tarticle\texample")?;
    for s in found.finish().iter().filter(|s| s.count >= min_count) {
        writeln!(
            out,
            "{}\t{}\t{}\t{}\t{}\t{}",
            s.count,
            s.articles,
            s.written,
            s.anchor.as_deref().unwrap_or("-"),
            s.article_id,
            one_line(&s.example)
        )?;
    }
    out.flush()?;
    Ok(exit_code(had_errors))
}

/// `text` on one line, without tabs, for a tab-separated table.
fn one_line(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

fn lookup(name: &str, args: &GazetteerArgs) -> Result<ExitCode> {
    let (gaz, _) = load_gazetteer(args, true)?;
    let matcher = Matcher::new(&gaz);
    let folded = badia::normalize::fold_with_offsets(name);
    let mentions = matcher.find(name, &folded);
    out!("folded: {}", folded.text)?;
    out!("index key: {}", gazetteer::name_key(name))?;
    if mentions.is_empty() {
        if gaz.lookup(name).is_empty() {
            out!("no match: the name is not in the gazetteer")?;
        } else {
            // A message's example, not a reading rule.
            out!("no match (a common word needs a place word before it, e.g. «مدينة {name}»)")?;
        }
        return Ok(ExitCode::from(1));
    }
    for m in mentions {
        out!(
            "«{}» matched {:?} as key «{}»: {} candidate(s)",
            m.surface,
            m.how,
            m.key,
            m.candidates.len()
        )?;
        for &c in m.candidates {
            let p = gaz.place(c);
            out!(
                "  {:<22} {:<14} {:>9.5} {:>9.5}  {} / {}  ({}; {})",
                p.id,
                p.kind.as_str(),
                p.lat,
                p.lon,
                p.name_ar,
                p.name_en,
                p.admin1,
                p.source
            )?;
        }
    }
    if name.trim().is_empty() {
        bail!("empty name");
    }
    Ok(ExitCode::SUCCESS)
}
