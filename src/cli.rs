//! All command-line types in one place (clap derive). Parsed arguments are
//! turned into validated values here (`--periode` into a [`Month`],
//! `--kommune` into a [`Kommune`]) before any file is read; what one
//! option says of another is checked in [`check`].

mod check;

pub use check::MAX_UDGIVER_CHARS;

use std::path::PathBuf;

use clap::{Args, CommandFactory, Parser, Subcommand, ValueEnum};

use crate::domain::kommune::Kommune;
use crate::domain::period::{BenchmarkPeriod, Month, Window};
use crate::measures::aarsopgoerelse::{FOERSTE_AAR, aar_fastsaettes};

/// Makes STAR's monthly Jobcenterindblik report from jobindsats extracts.
#[derive(Debug, Parser)]
#[command(
    name = "jobcenterindblik",
    version,
    about,
    long_about = None,
    after_help = "Examples:
  jobcenterindblik report --kommune Sorø --periode 2020-08
  jobcenterindblik batch --periode 2020-08 --data my-data"
)]
pub struct Cli {
    /// What to do.
    #[command(subcommand)]
    pub command: Command,
}

impl Cli {
    /// Parses the command line and checks what one option says of another
    /// ([`Command::check`]); like clap's own errors, a mistake prints a
    /// message about the option and exits with code 2.
    pub fn parse_checked() -> Cli {
        let cli = Cli::parse();
        if let Err(message) = cli.command.check() {
            let mut command = Cli::command();
            command.build();
            let name = cli.command.name();
            let sub = command
                .find_subcommand_mut(name)
                .expect("every subcommand is declared");
            sub.error(clap::error::ErrorKind::ValueValidation, message)
                .exit();
        }
        cli
    }
}

/// The subcommands.
#[derive(Debug, Subcommand)]
pub enum Command {
    /// Make one kommune's report for a month.
    #[command(after_help = "Examples:
  jobcenterindblik report --kommune Sorø --periode 2020-08
  jobcenterindblik report -k 151 -p 2020M09 --data my-data --format json -o ballerup.json")]
    Report(ReportArgs),
    /// Make every kommune's report for a month, the overview and a status summary.
    #[command(after_help = "Examples:
  jobcenterindblik batch --periode 2020-08
  jobcenterindblik batch -p 2021-01..2021-12 --data my-data --format json -o golden/2021")]
    Batch(BatchArgs),
    /// List the 98 kommuner with their kommunekoder.
    #[command(after_help = "Examples:
  jobcenterindblik kommuner
  jobcenterindblik kommuner --format json")]
    Kommuner(KommunerArgs),
    /// Check the extracts in a data folder and summarise what they hold.
    #[command(after_help = "Examples:
  jobcenterindblik validate
  jobcenterindblik validate --data my-data")]
    Validate(ValidateArgs),
    /// Who comes under skærpet or light tilsyn for a year: STAR's
    /// determination in April of the following year.
    #[command(after_help = "Examples:
  jobcenterindblik tilsyn --aar 2021
  jobcenterindblik tilsyn --aar 2021 --data my-data --format csv -o tilsyn-2021.csv")]
    Tilsyn(TilsynArgs),
    /// Compare report models (JSON files or folders of them) and print the
    /// differences; exit 1 if there are any.
    #[command(after_help = "Examples:
  jobcenterindblik diff golden/2020-08 new/2020-08
  jobcenterindblik diff old.json new.json --tolerance 0.005")]
    Diff(DiffArgs),
    /// Renders reports for a batch, as one of its worker processes: the
    /// batch starts these itself and talks to them over standard input and
    /// output (src/commands/batch/wire.rs). Not for people.
    #[command(name = "render-worker", hide = true)]
    Worker(WorkerArgs),
}

impl Command {
    /// The exit code when the command fails: 2 for `diff` (as diff(1): it
    /// could not compare), 1 for the others.
    pub fn failure_code(&self) -> u8 {
        match self {
            Command::Diff(_) => 2,
            _ => 1,
        }
    }
}

/// Where the extracts are.
#[derive(Debug, Clone, Args)]
pub struct DataArgs {
    /// Folder holding Y30R21.csv, fokusmaal-samtaler.csv and
    /// fokusmaal-aktive-tilbud.csv [default: fixtures/jobindsats, the
    /// project's own fixtures, relative to the current folder].
    #[arg(long, value_name = "DIR")]
    pub data: Option<PathBuf>,
}

/// The default data folder: the fixtures that ship with the project, as
/// seen from the project's folder.
pub const DEFAULT_DATA_DIR: &str = "fixtures/jobindsats";

impl DataArgs {
    /// The folder to read: the one named, or the default.
    pub fn dir(&self) -> PathBuf {
        self.data
            .clone()
            .unwrap_or_else(|| PathBuf::from(DEFAULT_DATA_DIR))
    }
}

/// Arguments of `report`.
#[derive(Debug, Clone, Args)]
pub struct ReportArgs {
    /// The kommune: a name (Sorø, soro, Soroe) or a kommunekode (340).
    #[arg(long, short, value_name = "NAVN|KODE", value_parser = parse_kommune)]
    pub kommune: &'static Kommune,

    /// The report month: YYYY-MM (2020-08) or jobindsats' YYYYMmm (2020M08).
    #[arg(long, short, value_name = "YYYY-MM", value_parser = parse_month)]
    pub periode: Month,

    /// The benchmark period for resultatmål (2020QMAT02); by default the one
    /// STAR's report of the month used: the latest that had ended two months
    /// before it in 2020, three months before it from 2021.
    #[arg(long, value_name = "YYYYQMATnn", value_parser = parse_benchmark)]
    pub resultatperiode: Option<BenchmarkPeriod>,

    #[command(flatten)]
    pub data: DataArgs,

    /// What to write.
    #[arg(long, value_enum, default_value_t = Format::Pdf)]
    pub format: Format,

    /// The file to write; `-` is standard output. For PDF it defaults to
    /// <Kommune>-<YYYY-MM>.pdf in the current folder; JSON goes to standard
    /// output unless a file is named.
    #[arg(long, short, value_name = "FILE")]
    pub output: Option<PathBuf>,

    #[command(flatten)]
    pub udgiver: UdgiverArgs,

    #[command(flatten)]
    pub template: TemplateArgs,

    #[command(flatten)]
    pub timeout: TimeoutArgs,
}

/// How long one report may take.
#[derive(Debug, Clone, Args)]
pub struct TimeoutArgs {
    /// The most seconds one report may take to lay out and write: a
    /// template that runs longer is stopped, and the report fails with the
    /// kommune named.
    #[arg(long, value_name = "SECONDS", default_value_t = DEFAULT_TIMEOUT_SECS, value_parser = parse_timeout)]
    pub timeout: u64,
}

impl TimeoutArgs {
    /// The limit as a duration.
    pub fn limit(&self) -> std::time::Duration {
        std::time::Duration::from_secs(self.timeout)
    }
}

/// The default `--timeout`: far beyond the fraction of a second a report
/// takes, short enough that a template that loops without end is noticed.
pub const DEFAULT_TIMEOUT_SECS: u64 = 120;

/// The longest `--timeout`: a day.
const MAX_TIMEOUT_SECS: u64 = 86_400;

/// Who publishes the reports.
#[derive(Debug, Clone, Args)]
pub struct UdgiverArgs {
    /// Who publishes the report ("Sorø Kommune"): it becomes the PDF's
    /// author and stands in the running header beside the data's source,
    /// jobindsats.dk (STAR). Without it the report names no publisher.
    #[arg(long, value_name = "TEXT", value_parser = parse_udgiver)]
    pub udgiver: Option<String>,
}

/// Which report template to use.
#[derive(Debug, Clone, Args)]
pub struct TemplateArgs {
    /// Read the Typst template from this folder (it must hold main.typ)
    /// instead of the one built into the program.
    #[arg(long, value_name = "DIR")]
    pub template: Option<PathBuf>,
}

/// Arguments of `batch`.
#[derive(Debug, Clone, Args)]
pub struct BatchArgs {
    /// The report month, YYYY-MM (2020-08) or jobindsats' YYYYMmm
    /// (2020M08), or a run of months, FIRST..LAST (2021-01..2021-12, both
    /// included): each month goes to a folder of its own.
    #[arg(long, short, value_name = "YYYY-MM[..YYYY-MM]", value_parser = parse_months)]
    pub periode: Window,

    /// The benchmark period for resultatmål; by default the one STAR's
    /// report of each month used: the latest that had ended two months
    /// before it in 2020, three months before it from 2021.
    #[arg(long, value_name = "YYYYQMATnn", value_parser = parse_benchmark)]
    pub resultatperiode: Option<BenchmarkPeriod>,

    #[command(flatten)]
    pub data: DataArgs,

    /// The folder to write into (created if missing); default
    /// jobcenterindblik-<YYYY-MM> (or jobcenterindblik-<FIRST..LAST>, with a
    /// folder per month inside and status files for all months). A batch
    /// writes many files, so this names a folder, not a file.
    #[arg(long, short = 'o', visible_alias = "output", value_name = "DIR", value_parser = parse_out_dir)]
    pub out_dir: Option<PathBuf>,

    /// How many reports to make at once; default: the number of cores. Never
    /// more workers than reports are started.
    #[arg(long, short, value_name = "N")]
    pub jobs: Option<std::num::NonZeroUsize>,

    /// What to write for each kommune.
    #[arg(long, value_enum, default_value_t = Format::Pdf)]
    pub format: Format,

    #[command(flatten)]
    pub udgiver: UdgiverArgs,

    #[command(flatten)]
    pub template: TemplateArgs,

    #[command(flatten)]
    pub timeout: TimeoutArgs,
}

/// Arguments of the batch's worker processes (`render-worker`).
#[derive(Debug, Clone, Args)]
pub struct WorkerArgs {
    #[command(flatten)]
    pub template: TemplateArgs,

    /// How many threads Typst may use inside the worker.
    #[arg(long, value_name = "N", default_value = "1")]
    pub threads: std::num::NonZeroUsize,
}

/// Output formats of `report` and `batch`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum Format {
    /// The report as PDF/UA-1.
    Pdf,
    /// The report model as JSON (docs/report-model.md).
    Json,
}

/// Arguments of `kommuner`.
#[derive(Debug, Clone, Args)]
pub struct KommunerArgs {
    /// What to print.
    #[arg(long, value_enum, default_value_t = ListFormat::Table)]
    pub format: ListFormat,
}

/// Output formats of `kommuner`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ListFormat {
    /// Code and name, one kommune a line.
    Table,
    /// A JSON array of `{ kode, navn, genitiv }`.
    Json,
}

/// Arguments of `tilsyn`.
#[derive(Debug, Clone, Args)]
pub struct TilsynArgs {
    /// The year to determine (2021 or later; STAR makes the first
    /// determination in April 2022, for 2021).
    #[arg(long, value_name = "YYYY", value_parser = parse_year)]
    pub aar: i32,

    /// The benchmark period for the resultatmål; by default the one that ends
    /// in December of the year (YYYYQMAT04), the newest in April. It must end
    /// in the year.
    #[arg(long, value_name = "YYYYQMATnn", value_parser = parse_benchmark)]
    pub resultatperiode: Option<BenchmarkPeriod>,

    #[command(flatten)]
    pub data: DataArgs,

    /// What to write.
    #[arg(long, value_enum, default_value_t = TilsynFormat::Table)]
    pub format: TilsynFormat,

    /// The file to write; standard output if left out or `-`.
    #[arg(long, short, value_name = "FILE")]
    pub output: Option<PathBuf>,
}

/// Output formats of `tilsyn`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum TilsynFormat {
    /// A table to read, and a summary line.
    Table,
    /// `;`-separated with decimal commas, for Danish Excel.
    Csv,
    /// The determination as JSON (docs/report-model.md).
    Json,
}

/// Arguments of `validate`.
#[derive(Debug, Clone, Args)]
pub struct ValidateArgs {
    #[command(flatten)]
    pub data: DataArgs,
}

/// Arguments of `diff`.
#[derive(Debug, Clone, Args)]
pub struct DiffArgs {
    /// The golden file or folder (what was accepted before).
    #[arg(value_name = "OLD")]
    pub old: PathBuf,

    /// The file or folder to check against it.
    #[arg(value_name = "NEW")]
    pub new: PathBuf,

    /// Numbers that differ by no more than this are equal.
    #[arg(long, value_name = "X", default_value_t = crate::model::golden::DEFAULT_TOLERANCE, value_parser = parse_tolerance)]
    pub tolerance: f64,
}

fn parse_kommune(s: &str) -> Result<&'static Kommune, String> {
    Kommune::lookup(s).map_err(|e| e.to_string())
}

fn parse_month(s: &str) -> Result<Month, String> {
    Month::parse(s).map_err(|e| e.reason)
}

/// The last year `--aar` takes: years have four digits, as in `--periode`.
const LAST_YEAR: i32 = 9999;

fn parse_year(s: &str) -> Result<i32, String> {
    let expected =
        format!("expected a year from {FOERSTE_AAR} to {LAST_YEAR}, such as {FOERSTE_AAR}");
    let t = s.trim();
    if t.is_empty() || t.len() > 4 || !t.bytes().all(|b| b.is_ascii_digit()) {
        return Err(expected);
    }
    let aar: i32 = t.parse().map_err(|_| expected.clone())?;
    aar_fastsaettes(aar)?;
    Ok(aar)
}

fn parse_out_dir(s: &str) -> Result<PathBuf, String> {
    if s == "-" {
        return Err(
            "a batch writes a folder of files, not standard output; name a folder (make one report to standard output with `report -o -`)"
                .into(),
        );
    }
    Ok(PathBuf::from(s))
}

fn parse_tolerance(s: &str) -> Result<f64, String> {
    match s.trim().parse::<f64>() {
        Ok(x) if x.is_finite() && x >= 0.0 => Ok(x),
        _ => Err("expected a number of 0 or more, such as 0.005".into()),
    }
}

fn parse_months(s: &str) -> Result<Window, String> {
    let months = Window::parse_range(s).map_err(|e| e.reason)?;
    if months.len() > MAX_RUN_MONTHS {
        return Err(format!(
            "the run spans {} months; one run makes at most {MAX_RUN_MONTHS} (ten years): split it into several runs",
            months.len()
        ));
    }
    Ok(months)
}

/// The most months one batch makes: ten years of reports is a lot of
/// files already, and a typing slip (`2020-01..2920-01`) should not start
/// a run of centuries.
const MAX_RUN_MONTHS: u32 = 120;

/// `--udgiver` as every later step sees it: without the blanks around it,
/// or none at all when only blanks were given.
fn parse_udgiver(s: &str) -> Result<String, String> {
    Ok(s.trim().to_string())
}

fn parse_timeout(s: &str) -> Result<u64, String> {
    match s.trim().parse::<u64>() {
        Ok(n) if (1..=MAX_TIMEOUT_SECS).contains(&n) => Ok(n),
        _ => Err(format!(
            "expected a whole number of seconds from 1 to {MAX_TIMEOUT_SECS}, such as {DEFAULT_TIMEOUT_SECS}"
        )),
    }
}

fn parse_benchmark(s: &str) -> Result<BenchmarkPeriod, String> {
    BenchmarkPeriod::parse(s).map_err(|e| e.reason)
}
