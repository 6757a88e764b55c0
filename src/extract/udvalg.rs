//! Which rows of the fokusmål extracts a command keeps: all of them, or
//! only what one kommune's report uses, which is a fiftieth of the rows.

use crate::domain::kommune::Area;
use crate::domain::period::{Month, Window};

/// Which rows of the fokusmål extracts a command keeps.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Udvalg {
    /// Every row: `validate`, `batch`, `tilsyn`.
    Alle,
    /// What one kommune's report uses: every row of its own, and of the
    /// other kommuner the `Ydelsesgrupper i alt`, `Mindst 12 mdr.` rows of
    /// the months in `andre` (for their ranks, the Top 10, Hele landet and
    /// the Bilag). A report reads a fiftieth of the rows this way.
    Rapport {
        /// The report's kommunekode.
        kommune: u16,
        /// The months the other kommuner's rows are kept for.
        andre: Window,
    },
}

/// What [`Udvalg`] says of a row from its area and month.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Verdict {
    /// Keep it.
    Keep,
    /// Keep it if it is of `Ydelsesgrupper i alt`, `Mindst 12 mdr.`.
    IfTotal,
    /// Leave it: a kommune's row not needed.
    Skip,
    /// Leave it: `Hele landet` or another area that is no kommune.
    OtherArea,
}

impl Udvalg {
    /// What becomes of a row of `area` and `month`.
    pub fn verdict(self, area: Area, month: Month) -> Verdict {
        match (self, area) {
            (_, Area::HeleLandet | Area::Other) => Verdict::OtherArea,
            (Udvalg::Alle, Area::Kommune(_)) => Verdict::Keep,
            (Udvalg::Rapport { kommune, .. }, Area::Kommune(k)) if k.kode == kommune => {
                Verdict::Keep
            }
            (Udvalg::Rapport { andre, .. }, Area::Kommune(_)) if andre.contains(month) => {
                Verdict::IfTotal
            }
            (Udvalg::Rapport { .. }, Area::Kommune(_)) => Verdict::Skip,
        }
    }
}
