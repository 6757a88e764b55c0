//! From report model to PDF: the last steps of the pipeline.
//!
//! The model reaches the template as data (a virtual JSON file), never as
//! markup, so a name with `#`, `*` or `$` prints as itself. The document is
//! exported as PDF/UA-1 with a fixed identifier and date, so the same inputs
//! give the same bytes.

use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::{Duration, Instant};

use chrono::{Datelike, NaiveDate};
use serde::Serialize;
use typst::diag::{SourceDiagnostic, Warned};
use typst::ecow::EcoString;
use typst::ecow::EcoVec;
use typst::foundations::{Bytes, Datetime, Label, Smart, Value};
use typst::introspection::{Introspector, MetadataElem};
use typst::utils::PicoStr;
use typst::{World, WorldExt};
use typst_kit::diagnostics::DiagnosticWorld;
use typst_layout::PagedDocument;
use typst_pdf::{PdfOptions, PdfStandard, PdfStandards, Timestamp};

use crate::domain::dansk;
use crate::domain::period::Month;
use crate::model::{Oversigt, ReportModel};
use crate::pdf::error::RenderError;
use crate::pdf::template::{MAIN, OVERSIGT, Template};
use crate::pdf::world::{Base, ReportWorld};

/// A rendered report and what it took.
#[derive(Debug, Clone)]
pub struct Rendered {
    /// The PDF.
    pub pdf: Vec<u8>,
    /// Time spent laying out.
    pub compile: Duration,
    /// Time spent writing the PDF.
    pub export: Duration,
}

/// What the template receives as `data.json`. The overview of every
/// kommune comes as a file of its own, `oversigt.json` (the JSON of
/// [`Oversigt`]), because it is the same for all reports of a month.
#[derive(Debug, Serialize)]
pub struct TemplateData<'a> {
    /// The kommune's report (absent for the overview on its own).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub report: Option<&'a ReportModel>,
    /// About the run.
    pub meta: Meta,
}

/// What a document says about itself beyond the data: its date and who
/// publishes it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Dokument {
    /// The document date.
    pub dato: NaiveDate,
    /// Who publishes the report: the PDF's author and the running header.
    /// `None`: the report names no publisher, only its source.
    pub udgiver: Option<String>,
}

impl Dokument {
    /// A document dated `dato` with no publisher named.
    pub fn dated(dato: NaiveDate) -> Dokument {
        Dokument {
            dato,
            udgiver: None,
        }
    }
}

/// The program and its version, as the PDF's creator and the title page name it.
const GENERATOR: &str = concat!("jobcenterindblik ", env!("CARGO_PKG_VERSION"));

/// Facts about the document rather than the data.
#[derive(Debug, Clone, Serialize)]
pub struct Meta {
    /// The program and its version.
    pub generator: String,
    /// The document date, `YYYY-MM-DD`.
    pub dato: String,
    /// The document date as Danish writes it: `1. september 2020`.
    pub dato_tekst: String,
    /// Who publishes the report, if the user named anyone.
    pub udgiver: Option<String>,
}

impl Meta {
    /// The metadata for a document.
    pub fn new(doc: &Dokument) -> Meta {
        let date = doc.dato;
        Meta {
            generator: GENERATOR.to_string(),
            dato: date.format("%Y-%m-%d").to_string(),
            dato_tekst: dansk::dato(date.year(), date.month(), date.day()),
            udgiver: doc.udgiver.clone(),
        }
    }
}

/// How many layouts or exports are running, on any thread.
static LAYING_OUT: AtomicUsize = AtomicUsize::new(0);

/// Whether a template is being laid out or exported anywhere in the process
/// (the allocator's limit on a single allocation applies then).
pub fn laying_out() -> bool {
    LAYING_OUT.load(Ordering::Relaxed) > 0
}

/// Counts a layout or export while it runs.
struct LayingOut;

impl LayingOut {
    fn start() -> LayingOut {
        LAYING_OUT.fetch_add(1, Ordering::Relaxed);
        LayingOut
    }
}

impl Drop for LayingOut {
    fn drop(&mut self) {
        LAYING_OUT.fetch_sub(1, Ordering::Relaxed);
    }
}

/// Compiles templates for many reports, sharing fonts and parsed sources.
pub struct Renderer {
    base: Base,
}

impl Renderer {
    /// Prepares a renderer for `template`.
    pub fn new(template: &Template) -> Result<Renderer, RenderError> {
        Ok(Renderer {
            base: Base::new(template)?,
        })
    }

    /// The characters of `text` that none of the template's fonts can
    /// show, each once, in the order they come: what would print as an
    /// empty box. Characters that print as nothing (a soft hyphen, a
    /// zero-width joiner, a variation selector) need no glyph.
    pub fn unshown(&self, text: &str) -> Vec<char> {
        let mut out: Vec<char> = Vec::new();
        for c in text.chars() {
            if !prints_as_nothing(c) && !self.base.covers(c) && !out.contains(&c) {
                out.push(c);
            }
        }
        out
    }

    /// The template file and line of a raw span from Typst's timing trace
    /// (`typst_timing::export_json`), so a trace names real template lines.
    pub fn locate_span(&self, raw: std::num::NonZeroU64) -> (String, u32) {
        let locate = || -> Option<(String, u32)> {
            let span = typst::syntax::Span::from_raw(raw);
            let id = span.id()?;
            let world = ReportWorld::without_data(&self.base, id, Datetime::from_ymd(2000, 1, 1)?);
            let range = world.range(span)?;
            let line = world.source(id).ok()?.lines().byte_to_line(range.start)?;
            Some((world.name(id), line as u32 + 1))
        };
        locate().unwrap_or_else(|| ("?".to_string(), 0))
    }

    /// Lays out one report.
    pub fn compile(
        &self,
        report: &ReportModel,
        oversigt: &Oversigt,
        doc: &Dokument,
    ) -> Result<PagedDocument, RenderError> {
        let data = TemplateData {
            report: Some(report),
            meta: Meta::new(doc),
        };
        self.compile_entry(MAIN, &data, oversigt, doc)
    }

    /// Lays out the overview of all kommuner on its own.
    pub fn compile_oversigt(
        &self,
        oversigt: &Oversigt,
        doc: &Dokument,
    ) -> Result<PagedDocument, RenderError> {
        let data = TemplateData {
            report: None,
            meta: Meta::new(doc),
        };
        self.compile_entry(OVERSIGT, &data, oversigt, doc)
    }

    fn compile_entry(
        &self,
        entry: &str,
        data: &TemplateData<'_>,
        oversigt: &Oversigt,
        doc: &Dokument,
    ) -> Result<PagedDocument, RenderError> {
        let json = serde_json::to_vec(data).expect("the report model serialises");
        let oversigt = serde_json::to_vec(oversigt).expect("the overview serialises");
        let world = ReportWorld::new(
            &self.base,
            self.base.entry(entry)?,
            Bytes::new(json),
            Bytes::new(oversigt),
            datetime(doc.dato)?,
        );
        let laying_out = LayingOut::start();
        let Warned { output, warnings } = typst::compile::<PagedDocument>(&world);
        drop(laying_out);
        match output {
            Ok(mut laid_out) => {
                apply_metadata(&mut laid_out, doc);
                Ok(laid_out)
            }
            Err(errors) => Err(RenderError::Template {
                diagnostics: diagnostics(&world, errors.iter().chain(&warnings)),
            }),
        }
    }

    /// Exports a laid-out report as PDF/UA-1 with a stable identifier and date.
    pub fn pdf(
        &self,
        doc: &PagedDocument,
        ident: &str,
        date: NaiveDate,
    ) -> Result<Vec<u8>, RenderError> {
        let world = ReportWorld::without_data(&self.base, self.base.entry(MAIN)?, datetime(date)?);
        let standards =
            PdfStandards::new(&[PdfStandard::Ua_1]).map_err(|e| RenderError::Template {
                diagnostics: e.message().to_string(),
            })?;
        let options = PdfOptions {
            ident: Smart::Custom(ident.to_string()),
            creator: Smart::Custom(Some(GENERATOR.to_string())),
            timestamp: Some(Timestamp::new_utc(datetime(date)?)),
            standards,
            ..PdfOptions::default()
        };
        let _exporting = LayingOut::start();
        typst_pdf::pdf(doc, &options).map_err(|errors| RenderError::Template {
            diagnostics: diagnostics(&world, errors.iter()),
        })
    }

    /// Lays out and exports one report, then lets Typst forget what it cached
    /// for it, so that memory does not grow over a batch.
    pub fn render(
        &self,
        report: &ReportModel,
        oversigt: &Oversigt,
        dokument: &Dokument,
    ) -> Result<Rendered, RenderError> {
        let start = Instant::now();
        let doc = self.compile(report, oversigt, dokument)?;
        let compile = start.elapsed();
        let start = Instant::now();
        let ident = format!(
            "jobcenterindblik/{}/{}",
            report.kommune.kode, report.periode.maaned
        );
        let pdf = self.pdf(&doc, &ident, dokument.dato);
        let export = start.elapsed();
        typst::comemo::evict(2);
        Ok(Rendered {
            pdf: pdf?,
            compile,
            export,
        })
    }

    /// Lets Typst forget everything it cached: between two months of a
    /// batch, what one month's reports share is of no use to the next.
    pub fn forget(&self) {
        typst::comemo::evict(0);
    }

    /// Lays out and exports the overview of all kommuner.
    pub fn render_oversigt(
        &self,
        oversigt: &Oversigt,
        dokument: &Dokument,
    ) -> Result<Vec<u8>, RenderError> {
        let doc = self.compile_oversigt(oversigt, dokument)?;
        let pdf = self.pdf(
            &doc,
            &format!("jobcenterindblik/oversigt/{}", oversigt.periode.maaned),
            dokument.dato,
        );
        typst::comemo::evict(2);
        pdf
    }
}

/// Whether a character prints as nothing, so that no font needs it.
fn prints_as_nothing(c: char) -> bool {
    matches!(
        c,
        '\u{00AD}'
            | '\u{034F}'
            | '\u{200B}'..='\u{200F}'
            | '\u{2060}'..='\u{2064}'
            | '\u{FE00}'..='\u{FE0F}'
            | '\u{FEFF}'
    )
}

/// The document date: the date of `source_date_epoch` (seconds since
/// 1970-01-01, as `SOURCE_DATE_EPOCH` gives them) when given, else the first
/// day after the report month (when its data are complete).
pub fn document_date(report_month: Month, source_date_epoch: Option<i64>) -> NaiveDate {
    if let Some(date) = source_date_epoch.and_then(|secs| chrono::DateTime::from_timestamp(secs, 0))
    {
        return date.date_naive();
    }
    let next = report_month.plus(1);
    NaiveDate::from_ymd_opt(next.year(), next.month(), 1).expect("a valid month")
}

/// Sets the author (the publisher named, or none) and copies title,
/// description and keywords from the template's `<dokument>` metadata into
/// the document info. The template does not set them with a
/// set rule, because a data-dependent style would keep Typst from reusing
/// layout between reports (see docs/performance.md).
fn apply_metadata(doc: &mut PagedDocument, dokument: &Dokument) {
    // The author is the publisher the user named, or no one: whatever the
    // template says, the report must not claim a publisher it does not have.
    doc.info_mut().author = dokument
        .udgiver
        .iter()
        .map(|u| EcoString::from(u.as_str()))
        .collect();
    let Some(label) = Label::new(PicoStr::intern("dokument")) else {
        return;
    };
    let Some(Value::Dict(dict)) = doc
        .introspector()
        .query_label(label)
        .ok()
        .and_then(|c| c.to_packed::<MetadataElem>())
        .map(|m| m.value.clone())
    else {
        return;
    };
    let text = |key: &str| match dict.get(key) {
        Ok(Value::Str(s)) => Some(EcoString::from(s.as_str())),
        _ => None,
    };
    let info = doc.info_mut();
    if let Some(title) = text("titel") {
        info.title = Some(title);
    }
    if let Some(description) = text("beskrivelse") {
        info.description = Some(description);
    }
    if let Ok(Value::Array(words)) = dict.get("noegleord") {
        info.keywords = words
            .iter()
            .filter_map(|w| match w {
                Value::Str(s) => Some(EcoString::from(s.as_str())),
                _ => None,
            })
            .collect();
    }
}

/// A date as Typst keeps it; an error outside the years Typst and PDF can
/// carry (the command line refuses those dates before it gets here).
fn datetime(date: NaiveDate) -> Result<Datetime, RenderError> {
    Datetime::from_ymd_hms(date.year(), date.month() as u8, date.day() as u8, 0, 0, 0)
        .ok_or(RenderError::Date { date })
}

fn diagnostics<'a>(
    world: &ReportWorld<'_>,
    diags: impl IntoIterator<Item = &'a SourceDiagnostic>,
) -> String {
    let diags: EcoVec<SourceDiagnostic> = diags.into_iter().cloned().collect();
    let mut out = typst_kit::diagnostics::termcolor::NoColor::new(Vec::new());
    let _ = typst_kit::diagnostics::emit(&mut out, world, diags.iter(), Default::default());
    String::from_utf8_lossy(&out.into_inner())
        .trim_end()
        .to_string()
}
