//! [`Landsbillede`]: everything the 98 kommuner share for one report month,
//! computed once; a report model for one kommune is read off it.

use std::collections::HashMap;
use std::sync::Arc;

use crate::domain::groups::{Maal, PerMaal};
use crate::domain::kommune::Kommune;
use crate::domain::period::{BenchmarkPeriod, Month, Window};
use crate::error::{DataError, ErrorKind, Hint};
use crate::extract::dataset::Dataset;
use crate::measures::history::{HISTORY_MONTHS, Maanedsstatus, Statusarkiv, Vurdering};
use crate::measures::national::{MaalLand, maal_land};
use crate::measures::needed::HvadSkalDerTil;
use crate::measures::ranks::{Placering, resultat_placeringer};
use crate::measures::resultat::{Resultat, benchmark_period, first_report_month, resultat_for};
use crate::measures::rules::{Regelsaet, foerste_rapportmaaned};
use crate::measures::status::{Kriterier, MaalKriterier, Status};
use crate::measures::windows::{KommuneMaal, MONTHS_NEEDED, NeededBy};

/// One kommune's figures in the national picture; each part fails on its own.
#[derive(Debug)]
pub struct KommuneTal {
    /// The kommune.
    pub kommune: &'static Kommune,
    /// Resultatmål in the report's benchmark period.
    pub resultat: Result<Resultat, DataError>,
    /// The fokusmål, each failing on its own.
    pub maal: PerMaal<Result<KommuneMaal, DataError>>,
}

impl KommuneTal {
    /// One goal's figures.
    pub fn maal(&self, maal: Maal) -> &Result<KommuneMaal, DataError> {
        &self.maal[maal]
    }

    /// The status criteria under `rules` (each goal against its limit), or
    /// the first data error that prevents them.
    pub fn kriterier(&self, rules: Regelsaet) -> Result<Kriterier, DataError> {
        let r = self.resultat.as_ref().map_err(Clone::clone)?;
        let maal = self.maal.as_ref().map(|m, g| {
            let g = g.as_ref().map_err(Clone::clone)?;
            Ok(MaalKriterier::new(g.a12(), &g.krav(rules.graense(m))))
        });
        Ok(Kriterier {
            resultatmaal_opfyldt: r.opfyldt,
            maal: maal.transpose()?,
        })
    }

    /// "Hvad skal der til?" for `maal` in report month `maaned` under
    /// `rules`, or the data error that prevents the goal's figures. An
    /// unknown resultatmål (discretized, or its row missing) leaves the
    /// consequence unknown.
    pub fn hvad_skal_der_til(
        &self,
        maal: Maal,
        rules: Regelsaet,
        maaned: Month,
    ) -> Result<HvadSkalDerTil, DataError> {
        let g = self.maal(maal).as_ref().map_err(Clone::clone)?;
        let opfyldt = self.resultat.as_ref().ok().and_then(|r| r.opfyldt);
        Ok(g.hvad_skal_der_til(
            rules.graense(maal),
            rules.konsekvens(maal, opfyldt),
            rules.opgoerelse_aar(maaned),
        ))
    }

    /// The status under `rules`, or the first data error that prevents it.
    pub fn status(&self, rules: Regelsaet) -> Result<Status, DataError> {
        self.kriterier(rules).map(|k| rules.status(&k))
    }

    /// The status under `rules` with the criteria it follows from.
    pub fn vurdering(&self, rules: Regelsaet) -> Result<Vurdering, DataError> {
        self.kriterier(rules).map(|kriterier| Vurdering {
            status: rules.status(&kriterier),
            kriterier,
        })
    }
}

/// Everything the 98 kommuner share for one report month, computed once.
#[derive(Debug)]
pub struct Landsbillede<'d> {
    /// The data.
    pub data: &'d Dataset,
    /// The report month.
    pub maaned: Month,
    /// The benchmark period for resultatmål.
    pub resultatperiode: BenchmarkPeriod,
    /// The rules that decide the statuses: those of the report month.
    pub regelsaet: Regelsaet,
    /// Per kommune, in [`Kommune::all`] order.
    pub kommuner: Vec<KommuneTal>,
    /// Per goal, the country's figures.
    pub maal: PerMaal<MaalLand>,
    /// The ranks on the benchmark list of the period before
    /// `resultatperiode`, for the progression of table 1.1.
    pub resultat_placering_forrige: HashMap<u16, Placering>,
    /// The statuses of the months before, oldest first (empty for a month
    /// computed only for its statuses).
    pub historik: Vec<Arc<Maanedsstatus>>,
}

impl<'d> Landsbillede<'d> {
    /// Computes the national picture for `maaned`, with the statuses of the
    /// months before. `resultatperiode` overrides the benchmark period chosen
    /// by [`resultatperiode_for`](crate::measures::resultat::resultatperiode_for).
    /// Fails only for problems that concern every kommune (the month lies
    /// outside the data, no benchmark period fits); a single kommune's gaps
    /// are kept in its [`KommuneTal`].
    pub fn new(
        data: &'d Dataset,
        maaned: Month,
        resultatperiode: Option<BenchmarkPeriod>,
    ) -> Result<Landsbillede<'d>, DataError> {
        Landsbillede::with_archive(data, maaned, resultatperiode, &Statusarkiv::default())
    }

    /// As [`Landsbillede::new`], taking the earlier months' statuses from
    /// `archive` (and keeping this month's there, when it uses the default
    /// benchmark period as its own report would).
    pub fn with_archive(
        data: &'d Dataset,
        maaned: Month,
        resultatperiode: Option<BenchmarkPeriod>,
        archive: &Statusarkiv,
    ) -> Result<Landsbillede<'d>, DataError> {
        let mut land = Landsbillede::bare(data, maaned, resultatperiode)?;
        if resultatperiode.is_none() {
            archive.keep(land.statuses());
        }
        land.historik = (1..HISTORY_MONTHS as i32)
            .rev()
            .map(|back| {
                let m = maaned.plus(-back);
                archive.month(m, || Landsbillede::statuses_only(data, m))
            })
            .collect();
        Ok(land)
    }

    /// Every kommune's status this month.
    pub fn statuses(&self) -> Maanedsstatus {
        statuses_of(
            self.maaned,
            self.regelsaet,
            self.resultatperiode,
            &self.kommuner,
        )
    }

    /// The national picture alone, without the months before.
    pub fn bare(
        data: &'d Dataset,
        maaned: Month,
        resultatperiode: Option<BenchmarkPeriod>,
    ) -> Result<Landsbillede<'d>, DataError> {
        let (resultatperiode, kommuner) = kommuner_tal(data, maaned, resultatperiode)?;
        let regelsaet = Regelsaet::for_month(maaned);
        let maal = PerMaal::from_fn(|m| {
            let ok: Vec<_> = kommuner
                .iter()
                .filter_map(|t| t.maal(m).as_ref().ok().map(|g| (t.kommune, g)))
                .collect();
            maal_land(data, m, regelsaet.graense(m).retning, maaned, &ok)
        });
        Ok(Landsbillede {
            data,
            maaned,
            resultatperiode,
            regelsaet,
            kommuner,
            maal,
            resultat_placering_forrige: resultat_placeringer(data, resultatperiode.previous()),
            historik: Vec::new(),
        })
    }

    /// Every kommune's status in `maaned` as its own report gives it, and
    /// nothing else: what a later report's history needs of a month (the
    /// national figures and last period's ranks are left out).
    pub fn statuses_only(data: &Dataset, maaned: Month) -> Maanedsstatus {
        let regelsaet = Regelsaet::for_month(maaned);
        match kommuner_tal(data, maaned, None) {
            Ok((periode, kommuner)) => statuses_of(maaned, regelsaet, periode, &kommuner),
            Err(e) => Maanedsstatus::failed(maaned, e.by_file_name()),
        }
    }

    /// A kommune's figures.
    pub fn kommune(&self, kommune: &Kommune) -> &KommuneTal {
        self.kommuner
            .iter()
            .find(|t| t.kommune.kode == kommune.kode)
            .expect("every kommune has an entry")
    }

    /// One goal's national figures.
    pub fn maal(&self, maal: Maal) -> &MaalLand {
        &self.maal[maal]
    }
}

/// The benchmark period of `maaned` and every kommune's figures in it.
fn kommuner_tal(
    data: &Dataset,
    maaned: Month,
    resultatperiode: Option<BenchmarkPeriod>,
) -> Result<(BenchmarkPeriod, Vec<KommuneTal>), DataError> {
    let first = first_report_month(data);
    for extract in &data.fokus {
        check_span(extract.span(), &extract.file, maaned, first)?;
    }
    let resultatperiode = benchmark_period(data, maaned, resultatperiode)?;
    let resultat_placering = resultat_placeringer(data, resultatperiode);
    let window = Window::ending(maaned, MONTHS_NEEDED);
    let kommuner = Kommune::all()
        .iter()
        .map(|k| KommuneTal {
            kommune: k,
            resultat: resultat_for(data, k, resultatperiode, &resultat_placering),
            maal: PerMaal::from_fn(|m| {
                KommuneMaal::read(data, k, m, window, NeededBy::Report(maaned))
            }),
        })
        .collect();
    Ok((resultatperiode, kommuner))
}

/// The statuses of `kommuner` in `maaned` under `regelsaet`, with the
/// benchmark period they were judged by.
fn statuses_of(
    maaned: Month,
    regelsaet: Regelsaet,
    resultatperiode: BenchmarkPeriod,
    kommuner: &[KommuneTal],
) -> Maanedsstatus {
    Maanedsstatus {
        maaned,
        regelsaet,
        resultatperiode: Some(resultatperiode),
        statuser: Ok(kommuner
            .iter()
            .map(|t| t.vurdering(regelsaet).map_err(|e| e.by_file_name()))
            .collect()),
    }
}

/// Why there is no report for `maaned`, a month before STAR's first.
pub fn foer_jobcenterindblik(maaned: Month) -> DataError {
    DataError::general(
        ErrorKind::NoReport,
        format!(
            "there is no Jobcenterindblik report for {}: STAR's first report had data to {} (STAR, 26 February 2020), and the rules it measures by took effect on 1 January 2020",
            maaned.iso(),
            foerste_rapportmaaned().iso()
        ),
    )
}

/// The report month must lie where the extract has the months it needs,
/// and not before STAR's first report ([`foerste_rapportmaaned`]). The hint
/// names the months a report can be made for, the benchmark period's first
/// (`first_report`) included.
fn check_span(
    span: Option<(Month, Month)>,
    file: &str,
    maaned: Month,
    first_report: Option<Month>,
) -> Result<(), DataError> {
    let Some((first, last)) = span else {
        return Err(DataError::file(
            ErrorKind::Empty,
            file,
            "holds no kommune rows",
        ));
    };
    let foerste = foerste_rapportmaaned();
    let earliest = first.plus(MONTHS_NEEDED as i32 - 1).max(foerste);
    let hint = Hint::ChooseMonth {
        first: first_report.map_or(earliest, |f| f.max(earliest)),
        last,
    };
    if maaned < foerste {
        return Err(foer_jobcenterindblik(maaned).with(hint));
    }
    if maaned > last {
        return Err(DataError::file(
            ErrorKind::Missing,
            file,
            format!(
                "ends with {}; there is no data for {} yet",
                last.code(),
                maaned.iso()
            ),
        )
        .with(hint));
    }
    if maaned < earliest {
        return Err(DataError::file(
            ErrorKind::Missing,
            file,
            format!(
                "starts with {}, but the report for {} needs the {MONTHS_NEEDED} months from {}",
                first.code(),
                maaned.iso(),
                maaned.plus(1 - MONTHS_NEEDED as i32).code()
            ),
        )
        .with(hint));
    }
    Ok(())
}
