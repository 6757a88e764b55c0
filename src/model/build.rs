//! Building the report model of one kommune from the measures of its month.

use crate::domain::groups::{Maal, Y30Gruppe};
use crate::domain::kommune::Kommune;
use crate::error::DataError;
use crate::extract::y30r21::Y30Row;
use crate::measures::Landsbillede;
use crate::measures::benchmarking::udsigt;
use crate::measures::resultat::{Resultat, resultatafstand, sammenlignelige};
use crate::measures::status::{Kriterier, KriteriumArt, Status};
use crate::model::MODEL_VERSION;
use crate::model::fokus::fokusmaal;
use crate::model::report::{
    ForrigeMaaned, ForventetFaktisk, HistorikMaaned, Kapitel2, NaesteMaaned, NaestePeriode,
    ReportModel, ResultatProgression, Resultatmaal, Sammenlignelig, StatusInfo, Ydelsesomraade,
};

/// Table 1.1's figures of a row.
fn fuldtid(r: &Y30Row) -> ForventetFaktisk {
    ForventetFaktisk {
        forventet: r.forventet_antal,
        faktisk: r.faktisk_antal,
        forskel: r.forskel_antal,
    }
}

/// Table 1.4's figures of a row.
fn andel(r: &Y30Row) -> ForventetFaktisk {
    ForventetFaktisk {
        forventet: r.forventet_andel,
        faktisk: r.faktisk_andel,
        forskel: r.forskel_andel,
    }
}

impl ReportModel {
    /// The report model for `kommune`, or the first data problem that prevents it.
    pub fn build(
        land: &Landsbillede<'_>,
        kommune: &'static Kommune,
    ) -> Result<ReportModel, DataError> {
        let tal = land.kommune(kommune);
        let resultat = tal.resultat.as_ref().map_err(Clone::clone)?;
        let kriterier = tal.kriterier(land.regelsaet)?;
        let fokusmaal = Maal::ALL
            .iter()
            .map(|&m| {
                let g = tal.maal(m).as_ref().map_err(Clone::clone)?;
                let hvad = tal.hvad_skal_der_til(m, land.regelsaet, land.maaned)?;
                fokusmaal(land, kommune, m, g, hvad)
            })
            .collect::<Result<Vec<_>, _>>()?;
        let status = land.regelsaet.status(&kriterier);
        Ok(ReportModel {
            model_version: MODEL_VERSION,
            kommune: kommune.into(),
            periode: land.maaned.into(),
            resultatmaal: resultatmaal(land, kommune, resultat),
            fokusmaal,
            status: StatusInfo {
                status,
                regelsaet: land.regelsaet,
                opgoerelse_aar: land.regelsaet.opgoerelse_aar(land.maaned),
                kriterier,
                historik: historik(land, kommune, status),
                forrige: forrige(land, kommune, status, &kriterier),
            },
            kapitel_2: kapitel_2(land, kommune),
        })
    }
}

/// Table 1.6's history: the months before from the national picture's
/// archive, then the report month's own status.
fn historik(land: &Landsbillede<'_>, k: &Kommune, own: Status) -> Vec<HistorikMaaned> {
    land.historik
        .iter()
        .map(|m| HistorikMaaned::new(m.maaned, m.regelsaet, m.kommune(k)))
        .chain(std::iter::once(HistorikMaaned::new(
            land.maaned,
            land.regelsaet,
            Ok(own),
        )))
        .collect()
}

/// The month before the report month, from the national picture's
/// history, and what changed since: the criteria, the category, the
/// benchmark period.
fn forrige(land: &Landsbillede<'_>, k: &Kommune, status: Status, nu: &Kriterier) -> ForrigeMaaned {
    let maaned = land.maaned.plus(-1);
    let statuses = land.historik.last().filter(|m| m.maaned == maaned).expect(
        "a report's national picture (Landsbillede::new, with_archive) holds the months before it",
    );
    let vurdering = statuses.vurdering(k);
    let kriterier = vurdering.as_ref().ok().map(|v| v.kriterier);
    let resultatperiode = statuses.resultatperiode.filter(|_| kriterier.is_some());
    let skift = kriterier.map(|f| nu.skift_siden(&f)).unwrap_or_default();
    ForrigeMaaned {
        samme_kategori: vurdering.as_ref().is_ok_and(|v| v.status == status),
        ny_resultatperiode: resultatperiode.is_some_and(|p| p != land.resultatperiode),
        nyt_regelsaet: statuses.regelsaet != land.regelsaet,
        aarets_gennemsnit_forfra: land.maaned.month() == 1
            && skift.iter().any(|s| s.kriterium == KriteriumArt::Krav),
        status: HistorikMaaned::new(maaned, statuses.regelsaet, vurdering.map(|v| v.status)),
        resultatperiode,
        skift,
        kriterier,
    }
}

/// Tables 1.1 and 1.4, with the progression against the period before.
fn resultatmaal(land: &Landsbillede<'_>, k: &Kommune, r: &Resultat) -> Resultatmaal {
    let previous = land.resultatperiode.previous();
    let u = udsigt(land.resultatperiode, land.maaned);
    let progression = land
        .data
        .resultat
        .row(k, previous, Y30Gruppe::IAlt)
        .map(|p| ResultatProgression {
            periode: previous,
            forskel_fuldtidspersoner: p.forskel_antal,
            forskel_andel: p.forskel_andel,
            placering: land.resultat_placering_forrige.get(&k.kode).copied(),
            aendring_fuldtidspersoner: r.aendring_fuldtidspersoner(p),
        });
    Resultatmaal {
        periode: land.resultatperiode,
        fuldtidspersoner: fuldtid(&r.row),
        andel: andel(&r.row),
        placering: r.placering,
        opfyldt: r.opfyldt,
        progression,
        hvad_skal_der_til: resultatafstand(r.row.forskel_antal, r.row.forskel_andel),
        naeste_maaned: NaesteMaaned {
            maaned: u.naeste_maaned,
            tekst: u.naeste_maaned.label(),
            periode: u.naeste_maaneds_periode,
            bruger: u.naeste_rapport,
        },
        naeste_periode: NaestePeriode {
            periode: u.naeste_periode,
            forventes: u.forventes.into(),
        },
    }
}

/// Chapter 2: figure 2.1 per ydelsesområde, figure 2.2 against the two
/// comparable kommuner.
fn kapitel_2(land: &Landsbillede<'_>, k: &'static Kommune) -> Kapitel2 {
    let period = land.resultatperiode;
    let data = &land.data.resultat;
    let ydelsesomraader = Y30Gruppe::ALL
        .iter()
        .filter_map(|&g| {
            data.row(k, period, g).map(|r| Ydelsesomraade {
                gruppe: g,
                fuldtidspersoner: fuldtid(r),
                andel: andel(r),
            })
        })
        .collect();
    let mangler = Y30Gruppe::ALL[1..]
        .iter()
        .copied()
        .filter(|&g| data.row(k, period, g).is_none())
        .collect();
    let own = data.row(k, period, Y30Gruppe::IAlt).map(|r| (k, r));
    let sammenlignelige = own
        .into_iter()
        .chain(sammenlignelige(land.data, k, period))
        .map(|(o, r)| Sammenlignelig {
            kommune: o.into(),
            andel: andel(r),
        })
        .collect();
    Kapitel2 {
        periode: period,
        ydelsesomraader,
        mangler,
        sammenlignelige,
    }
}
