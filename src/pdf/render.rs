//! From report model to PDF: the last steps of the pipeline.
//!
//! The model reaches the template as data (a virtual JSON file), never as
//! markup, so a name with `#`, `*` or `$` prints as itself. The document is
//! exported as PDF/UA-1 with a fixed identifier and date, so the same inputs
//! give the same bytes.

use chrono::{Datelike, NaiveDate};
use typst::diag::{SourceDiagnostic, Warned};
use typst::ecow::EcoString;
use typst::ecow::EcoVec;
use typst::foundations::{Bytes, Datetime, Label, Smart, Value};
use typst::introspection::{Introspector, MetadataElem};
use typst::utils::PicoStr;
use typst_layout::PagedDocument;
use typst_pdf::{PdfOptions, PdfStandard, PdfStandards, Timestamp};

use crate::model::{Oversigt, ReportModel};
pub use crate::pdf::document::{
    Dokument, Entry, GENERATOR, Meta, Prepared, TemplateData, document_date, oversigt_data,
    oversigt_ident, report_ident,
};
use crate::pdf::error::RenderError;
use crate::pdf::gate::LayingOut;
use crate::pdf::template::{MAIN, Template};
use crate::pdf::world::{Base, ReportWorld};

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
            data.bytes(),
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
            PdfStandards::new(&[PdfStandard::Ua_1]).map_err(|e| RenderError::Export {
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
        typst_pdf::pdf(doc, &options).map_err(|errors| RenderError::Export {
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
    ) -> Result<Vec<u8>, RenderError> {
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
    ) -> Result<Vec<u8>, RenderError> {
        let doc = self.compile_prepared(entry, data, oversigt, dokument)?;
        let pdf = self.pdf(&doc, ident, dokument.dato);
        typst::comemo::evict(2);
        pdf
    }

    /// Lets Typst forget everything it cached: between two months of a
    /// batch, what one month's reports share is of no use to the next.
    pub fn forget(&self) {
        typst::comemo::evict(0);
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
