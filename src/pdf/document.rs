//! A document's data as the template reads them, made once: the report
//! model and the document's facts (date, publisher, generator) as
//! `data.json` ([`Prepared`]), the overview as `oversigt.json`, and the PDF's
//! identifier. A batch prepares them in its main process and sends them to
//! its workers as they are, so a report is the same bytes wherever it is
//! laid out.

use chrono::{Datelike, NaiveDate};
use serde::Serialize;
use typst::foundations::Bytes;

use crate::domain::dansk;
use crate::domain::period::Month;
use crate::model::{Oversigt, ReportModel};
use crate::pdf::template::{MAIN, OVERSIGT};

/// What the template receives as `data.json`. The overview of every
/// kommune comes as a file of its own, `oversigt.json` (the JSON of
/// [`Oversigt`]), because it is the same for all reports of a month.
#[derive(Debug, Serialize)]
pub struct TemplateData<'a> {
    /// The kommune's report (absent for the overview on its own).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub report: Option<&'a ReportModel>,
    /// The document's date, publisher and generator.
    pub meta: Meta,
}

/// What a document says about itself beyond the data: its date and who
/// publishes it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Dokument {
    /// The date the PDF carries and the title page prints.
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
pub const GENERATOR: &str = concat!("jobcenterindblik ", env!("CARGO_PKG_VERSION"));

/// Facts about the document rather than the data.
#[derive(Debug, Clone, Serialize)]
pub struct Meta {
    /// The program and its version.
    pub generator: String,
    /// The document date, computed once here so that the template only
    /// reads it.
    pub dato: Dato,
    /// Who publishes the report, if the user named anyone.
    pub udgiver: Option<String>,
}

/// A date as the template reads it: its parts, and its Danish text.
#[derive(Debug, Clone, Serialize)]
pub struct Dato {
    /// Year, month (1-12) and day, for Typst's `datetime`.
    pub aar: i32,
    /// See `aar`.
    pub maaned: u32,
    /// See `aar`.
    pub dag: u32,
    /// As Danish writes it: `1. september 2020`.
    pub tekst: String,
}

impl Meta {
    /// The metadata for a document.
    pub fn new(doc: &Dokument) -> Meta {
        let date = doc.dato;
        Meta {
            generator: GENERATOR.to_string(),
            dato: Dato {
                aar: date.year(),
                maaned: date.month(),
                dag: date.day(),
                tekst: dansk::dato(date.year(), date.month(), date.day()),
            },
            udgiver: doc.udgiver.clone(),
        }
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
    pub(crate) fn file(self) -> &'static str {
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

    /// The JSON as Typst holds it (shared, not copied).
    pub(crate) fn bytes(&self) -> Bytes {
        self.0.clone()
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
