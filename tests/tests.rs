//! The one integration-test binary: topic modules over shared helpers.

/// The fixture data, report models, formatted figures and [`util::Cmd`],
/// the one way the tests run the binary.
#[macro_use]
mod util;

/// Each broken extract or command line, its exact message as a snapshot.
mod bad_inputs;
/// `batch`: the 98 reports, the overview and `status.csv`, a broken
/// kommune, `--jobs`, and a run of months.
mod batch;
/// The binary itself: what each command prints, exit codes, help, version.
mod cli;
/// `diff` of golden files: folders, month folders, single files.
mod diff;
/// What a batch does with the files an earlier run left in its folder.
mod earlier_runs;
/// Every month renders, December to December, with its charts' labels in
/// place, the benchmark period and COVID-19 note of its month.
mod every_month;
/// Odd files on either side: `-o` into a FIFO, a link or a device; an
/// extract or a side of `diff` that is no regular file.
mod files;
/// The fuzz targets' bodies over the committed corpus and crash inputs.
mod fuzz_inputs;
/// The fixture generator reproduces the fixtures byte for byte.
mod generator;
/// The status month by month: its rules, its gaps, computed once.
mod history;
/// Extracts as they come (encodings, delimiters, only the rows a report
/// needs) and bad ones named by file, line, column and value.
mod inputs;
/// The shape of `src/`: stages, imports, file lengths.
mod layout;
/// What the system refuses: workers, processes and threads, memory.
mod limits;
/// What it takes to reach a goal, and what missing it means.
mod needed;
/// The command line's options and their messages.
mod options;
/// The PDF: its properties, determinism, text, markup, charts and Bilag.
mod pdf;
/// `--udgiver`: the imprint, the pages, and names that are refused.
mod publisher;
/// What a Danish reader trips over: names, tilsyn, the display rule near
/// 80 pct. in the PDF, `status.csv` and `tilsyn`, typography.
mod reading;
/// The real jobindsats table Y30R21, read unchanged.
mod real_y30r21;
/// The status rules of 2020 and 2021.
mod rules;
/// Every figure STAR's published reports print, asserted directly.
mod seeds;
/// The report models and every kommune's status as insta snapshots.
mod snapshots;
/// The Sammenfatning page: its parts, and one page for every kommune and
/// month.
mod summary;
/// Template folders: edits, diagnostics, reads only inside and on request,
/// memory.
mod templates;
/// `tilsyn --aar`: the year's determination of tilsyn.
mod tilsyn;
/// How a batch runs: worker processes, timeouts, signals, one per folder.
mod workers;
