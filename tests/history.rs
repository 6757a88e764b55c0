//! The status month by month (table 1.6's history): each month by its own
//! rules and as its own report gives it, the months the data cannot support
//! or that lie before STAR's first report, and each month computed once
//! however many reports ask.

use jobcenterindblik::measures::history::{Maanedsstatus, Statusarkiv};
use jobcenterindblik::model::report::IkkeOpgjort;
use jobcenterindblik::{Dataset, Kommune, Landsbillede, ReportModel};

use crate::util::{dataset, fixtures_from, model, month, page_text, running_text};

#[test]
fn the_status_month_by_month_hedensted_november_2021() {
    let m = model("Hedensted", "2021-11");
    let h = &m.status.historik;
    assert_eq!(h.len(), 12);
    assert_eq!(h[0].maaned, month("2020-12"));
    assert_eq!(h[11].maaned, month("2021-11"));
    // Each month by its own rules; the last is table 1.6 itself.
    assert_eq!(h[0].regelsaet.key(), "2020");
    assert_eq!(h[1].regelsaet.key(), "2021");
    assert_eq!(h[11].kategori, Some(m.status.status.key()));
    assert!(h.iter().all(|x| x.kategori.is_some() && x.grund.is_none()));
    // Every month as that month's own report gives it: its own model's
    // status, not one the history computed its own way.
    for x in h {
        let own = model("Hedensted", &x.maaned.iso());
        assert_eq!(
            x.kategori,
            Some(own.status.status.key()),
            "{}",
            x.maaned.iso()
        );
        assert_eq!(x.regelsaet, own.status.regelsaet, "{}", x.maaned.iso());
    }
}

#[test]
fn a_month_the_data_cannot_support_says_why() {
    // Data from January 2019: the first report is November 2020, and its
    // history reaches back to months the data cannot give a status.
    let dir = fixtures_from("2019-01");
    let data = Dataset::load(dir.path()).unwrap();
    let land = Landsbillede::new(&data, month("2020-11"), None).unwrap();
    let m = ReportModel::build(&land, Kommune::lookup("Sorø").unwrap()).unwrap();
    let h = &m.status.historik;
    assert_eq!(h[0].maaned, month("2019-12"));
    assert_eq!(
        (h[0].kategori, h[0].ikke_opgjort),
        (None, Some(IkkeOpgjort::DataMangler))
    );
    assert!(
        h[0].grund
            .as_deref()
            .unwrap()
            .contains("starts with 2019M01"),
        "{:?}",
        h[0].grund
    );
    assert!(h[11].kategori.is_some() && h[11].ikke_opgjort.is_none());
}

#[test]
fn the_months_before_jobcenterindblik_have_no_status() {
    // Sorø, August 2020: September to November 2019 lie before STAR's first
    // report (December 2019), whatever the data hold.
    let m = model("Sorø", "2020-08");
    let h = &m.status.historik;
    let kinds: Vec<_> = h[..4]
        .iter()
        .map(|x| (x.kategori, x.ikke_opgjort))
        .collect();
    assert_eq!(
        kinds[..3],
        [(None, Some(IkkeOpgjort::FoerJobcenterindblik)); 3]
    );
    assert_eq!(h[3].maaned, month("2019-12"));
    assert!(h[3].kategori.is_some());
    let page = running_text(&page_text("Sorø", "2020-08")[3..4]);
    assert_contains!(
        page,
        "Før Jobcenterindblik",
        "Før Jobcenterindblik: STARs første rapport havde tal til og med december 2019"
    );
    assert!(!page.contains("Ikke opgjort"), "{page}");
}

#[test]
fn a_month_is_computed_once_however_many_reports_ask() {
    let archive = Statusarkiv::default();
    let data = dataset();
    let november = Landsbillede::with_archive(data, month("2021-11"), None, &archive).unwrap();
    assert_eq!(archive.len(), 12, "November and the 11 months before it");
    assert_eq!(
        archive.computed(),
        11,
        "November itself is kept, not computed"
    );
    for k in Kommune::all() {
        ReportModel::build(&november, k).unwrap();
    }
    assert_eq!(archive.computed(), 11, "98 reports computed no month again");
    Landsbillede::with_archive(data, month("2021-12"), None, &archive).unwrap();
    assert_eq!(archive.len(), 13, "December adds only itself");
    assert_eq!(archive.computed(), 11, "and computes none of its history");
    // A benchmark period of its own: the month is not its report's, so it is
    // not kept, and its history is the archive's.
    let other =
        Some(jobcenterindblik::domain::period::BenchmarkPeriod::parse("2021QMAT02").unwrap());
    Landsbillede::with_archive(data, month("2021-12"), other, &archive).unwrap();
    assert_eq!((archive.len(), archive.computed()), (13, 11));
    // The short way the history computes a month agrees with the month's
    // own national picture, a month with a gap (2019-09) included.
    for m in ["2019-09", "2020-08", "2021-05"] {
        let short = Landsbillede::statuses_only(data, month(m));
        let full = match Landsbillede::bare(data, month(m), None) {
            Ok(land) => format!("{:?}", land.statuses()),
            Err(e) => format!("{:?}", Maanedsstatus::failed(month(m), e.by_file_name())),
        };
        assert_eq!(format!("{short:?}"), full, "{m}");
    }
}
