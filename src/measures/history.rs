//! The status month by month: every kommune's status in each of the months
//! before a report, as each month's own report gives it (its own benchmark
//! period, windows and rules). A month is computed once however many
//! reports ask for it ([`Statusarkiv`]); a batch shares one archive.

use std::collections::BTreeMap;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};

use crate::domain::kommune::Kommune;
use crate::domain::period::{BenchmarkPeriod, Month};
use crate::measures::rules::Regelsaet;
use crate::measures::status::{Kriterier, Status};

/// How many months a report's history covers, the report month included.
pub const HISTORY_MONTHS: u32 = 12;

/// A kommune's status in a month and the criteria it follows from (kept
/// so that a report can say which criterion changed since the month
/// before, issue 21).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Vurdering {
    /// The category the month's rule set gives the criteria.
    pub status: Status,
    /// The criteria it follows from: the resultatmål, and each goal's
    /// 12-month average and krav (each unknown when discretized).
    pub kriterier: Kriterier,
}

/// Every kommune's status in one month, or why the month has none.
#[derive(Debug, Clone)]
pub struct Maanedsstatus {
    /// The report month these are the statuses of.
    pub maaned: Month,
    /// The rules of the month, which decided its categories.
    pub regelsaet: Regelsaet,
    /// The benchmark period of the month's own report; `None` when no
    /// report can be made for the month.
    pub resultatperiode: Option<BenchmarkPeriod>,
    /// Per kommune in [`Kommune::all`] order: its status and criteria, or
    /// why it has none; the whole month's reason when no report can be
    /// made for it.
    pub statuser: Result<Vec<Result<Vurdering, String>>, String>,
}

impl Maanedsstatus {
    /// A month no report can be made for, and why.
    pub fn failed(maaned: Month, reason: String) -> Maanedsstatus {
        Maanedsstatus {
            maaned,
            regelsaet: Regelsaet::for_month(maaned),
            resultatperiode: None,
            statuser: Err(reason),
        }
    }

    /// A kommune's status in the month, or why it has none.
    pub fn kommune(&self, kommune: &Kommune) -> Result<Status, String> {
        self.vurdering(kommune).map(|v| v.status)
    }

    /// A kommune's status and criteria in the month, or why it has none.
    pub fn vurdering(&self, kommune: &Kommune) -> Result<Vurdering, String> {
        let statuser = self.statuser.as_ref().map_err(Clone::clone)?;
        let i = Kommune::all()
            .iter()
            .position(|k| k.kode == kommune.kode)
            .expect("every kommune is in the list");
        statuser[i].clone()
    }
}

/// Months' statuses, each computed once: what the reports of one run share.
#[derive(Debug, Default)]
pub struct Statusarkiv {
    months: Mutex<BTreeMap<Month, Arc<Maanedsstatus>>>,
    computed: AtomicUsize,
}

impl Statusarkiv {
    /// The statuses of `maaned`, computed by `compute` on first request.
    pub fn month(
        &self,
        maaned: Month,
        compute: impl FnOnce() -> Maanedsstatus,
    ) -> Arc<Maanedsstatus> {
        if let Some(m) = self
            .months
            .lock()
            .expect("no lock holder panics")
            .get(&maaned)
        {
            return Arc::clone(m);
        }
        self.computed.fetch_add(1, Ordering::Relaxed);
        let computed = Arc::new(compute());
        let mut months = self.months.lock().expect("no lock holder panics");
        Arc::clone(months.entry(maaned).or_insert(computed))
    }

    /// Keeps the statuses of a month a run has computed anyway, so that the
    /// months after it need not compute them again.
    pub fn keep(&self, statuses: Maanedsstatus) {
        let mut months = self.months.lock().expect("no lock holder panics");
        months
            .entry(statuses.maaned)
            .or_insert_with(|| Arc::new(statuses));
    }

    /// How many times a month had to be computed: once per month asked
    /// for and not kept (two threads asking at once may both compute it).
    pub fn computed(&self) -> usize {
        self.computed.load(Ordering::Relaxed)
    }

    /// How many months the archive holds.
    pub fn len(&self) -> usize {
        self.months.lock().expect("no lock holder panics").len()
    }

    /// Whether the archive holds no month.
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }
}
