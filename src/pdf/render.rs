//! From report model to PDF: the last steps of the pipeline.
//!
//! The model reaches the template as data (a virtual JSON file), never as
//! markup, so a name with `#`, `*` or `$` prints as itself. The document is
//! exported as PDF/UA-1 with a fixed identifier and date, so the same inputs
//! give the same bytes.

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
use crate::pdf::gate::LayingOut;
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
        let data = Prepared::report(report, doc);
        self.compile_prepared(Entry::Report, &data, &oversigt_data(oversigt), doc)
    }

    /// Lays out the overview of all kommuner on its own.
    pub fn compile_oversigt(
        &self,
        oversigt: &Oversigt,
        doc: &Dokument,
    ) -> Result<PagedDocument, RenderError> {
        let data = Prepared::oversigt(doc);
        self.compile_prepared(Entry::Oversigt, &data, &oversigt_data(oversigt), doc)
    }

    /// Lays out a document from its data as the template reads them:
    /// `data` is `data.json`, `oversigt` is `oversigt.json`.
    pub fn compile_prepared(
        &self,
        entry: Entry,
        data: &Prepared,
        oversigt: &Bytes,
        doc: &Dokument,
    ) -> Result<PagedDocument, RenderError> {
        let world = ReportWorld::new(
            &self.base,
            self.base.entry(entry.file())?,
            data.0.clone(),
            oversigt.clone(),
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
        let data = Prepared::report(report, dokument);
        let ident = report_ident(report.kommune.kode.as_str(), report.periode.maaned);
        self.render_prepared(
            Entry::Report,
            &data,
            &oversigt_data(oversigt),
            dokument,
            &ident,
        )
    }

    /// Lays out and exports a document from prepared data (see
    /// [`Renderer::compile_prepared`]) with the PDF identifier `ident`, then
    /// lets Typst forget what it cached for it beyond the last two
    /// documents, so that memory does not grow over a batch.
    pub fn render_prepared(
        &self,
        entry: Entry,
        data: &Prepared,
        oversigt: &Bytes,
        dokument: &Dokument,
        ident: &str,
    ) -> Result<Rendered, RenderError> {
        let start = Instant::now();
        let doc = self.compile_prepared(entry, data, oversigt, dokument)?;
        let compile = start.elapsed();
        let start = Instant::now();
        let pdf = self.pdf(&doc, ident, dokument.dato);
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
        let ident = oversigt_ident(oversigt.periode.maaned);
        let data = Prepared::oversigt(dokument);
        let rendered = self.render_prepared(
            Entry::Oversigt,
            &data,
            &oversigt_data(oversigt),
            dokument,
            &ident,
        )?;
        Ok(rendered.pdf)
    }
}

/// Which of the template's documents to make.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Entry {
    /// One kommune's report (`main.typ`).
    Report,
    /// The overview of all kommuner on its own (`oversigt.typ`).
    Oversigt,
}

impl Entry {
    /// The template file.
    fn file(self) -> &'static str {
        match self {
            Entry::Report => MAIN,
            Entry::Oversigt => OVERSIGT,
        }
    }
}

/// A document's `data.json` as the template reads it: the report model
/// (none for the overview) and the document's metadata, serialised once.
#[derive(Debug, Clone)]
pub struct Prepared(Bytes);

impl Prepared {
    /// The data of one kommune's report.
    pub fn report(report: &ReportModel, doc: &Dokument) -> Prepared {
        Prepared::of(&TemplateData {
            report: Some(report),
            meta: Meta::new(doc),
        })
    }

    /// The data of the overview on its own.
    pub fn oversigt(doc: &Dokument) -> Prepared {
        Prepared::of(&TemplateData {
            report: None,
            meta: Meta::new(doc),
        })
    }

    /// Data that are already `data.json` (as a worker process receives them).
    pub fn from_json(json: Vec<u8>) -> Prepared {
        Prepared(Bytes::new(json))
    }

    /// The JSON.
    pub fn as_bytes(&self) -> &[u8] {
        self.0.as_slice()
    }

    fn of(data: &TemplateData<'_>) -> Prepared {
        Prepared(Bytes::new(
            serde_json::to_vec(data).expect("the report model serialises"),
        ))
    }
}

/// `oversigt.json`: the overview as the template reads it.
pub fn oversigt_data(oversigt: &Oversigt) -> Bytes {
    Bytes::new(serde_json::to_vec(oversigt).expect("the overview serialises"))
}

/// The PDF identifier of a report: `jobcenterindblik/<kode>/<YYYY-MM>`.
pub fn report_ident(kode: &str, month: Month) -> String {
    format!("jobcenterindblik/{kode}/{month}")
}

/// The PDF identifier of a month's overview.
pub fn oversigt_ident(month: Month) -> String {
    format!("jobcenterindblik/oversigt/{month}")
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
