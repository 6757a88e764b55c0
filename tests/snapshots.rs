//! Golden files: one insta snapshot per case in `tests/cases/`.
//!
//! `reports/*.txt` name a kommune and a month; the snapshot is the report
//! model's JSON. `oversigt/*.txt` name a month; the snapshot is every
//! kommune's status. Floats are rounded to 9 decimals so that a change in the
//! last binary digit does not count as a change of figure.

use jobcenterindblik::Kommune;
use jobcenterindblik::domain::groups::Maal;
use jobcenterindblik::domain::value::Value;
use jobcenterindblik::model::{Oversigt, ReportModel};

use crate::util::{da, krav, land};

#[test]
fn report_models() {
    insta::glob!("cases/reports/*.txt", |path| {
        let text = std::fs::read_to_string(path).unwrap();
        let (kommune, periode) = text.trim().rsplit_once(' ').expect("<kommune> <YYYY-MM>");
        let k = Kommune::lookup(kommune).unwrap();
        let model = ReportModel::build(&land(periode), k).unwrap();
        insta::assert_json_snapshot!(model, { ".**" => insta::rounded_redaction(9) });
    });
}

#[test]
fn status_of_all_kommuner() {
    insta::glob!("cases/oversigt/*.txt", |path| {
        let periode = std::fs::read_to_string(path).unwrap();
        let oversigt = Oversigt::build(&land(periode.trim()));
        let mut table = format!(
            "{} (resultatmål {}, regelsæt {})\nkommune | status | resultatmål | samtaler A12 | krav | aktive tilbud A12 | krav\n",
            oversigt.periode.tekst,
            oversigt.resultatperiode.code(),
            oversigt.regelsaet.key()
        );
        for r in &oversigt.kommuner {
            let goal = |g: &Option<jobcenterindblik::model::OversigtMaal>| match g {
                Some(g) => format!(
                    "{} | {}",
                    da(g.gennemsnit_12_mdr, 2),
                    krav(g.krav.vurdering.krav)
                ),
                None => "- | -".into(),
            };
            table.push_str(&format!(
                "{} {} | {} | {} | {} | {}\n",
                r.kommune.kode,
                r.kommune.navn,
                r.status.map_or("-", |s| s.label()),
                da(r.resultatmaal_forskel.unwrap_or(Value::Discretized), 2),
                goal(&r.maal[Maal::Samtaler]),
                goal(&r.maal[Maal::AktiveTilbud]),
            ));
        }
        insta::assert_snapshot!(table);
    });
}
