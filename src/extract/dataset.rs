//! A data folder read into the domain model: Y30R21 and the fokusmål extracts.
//!
//! This is where the extract stage ends: everything after works on a
//! validated [`Dataset`] and never touches a file again.

use std::path::{Path, PathBuf};

use crate::domain::groups::{Maal, PerMaal};
use crate::error::DataError;
use crate::extract::fokusmaal::FokusExtract;
use crate::extract::udvalg::Udvalg;
use crate::extract::y30r21::{self, Y30R21};

/// The extracts a report is made from: Y30R21 and one per fokusmål.
#[derive(Debug)]
pub struct Dataset {
    /// The folder they were read from.
    pub dir: PathBuf,
    /// Resultatmål: table Y30R21.
    pub resultat: Y30R21,
    /// Fokusmål: one extract per goal.
    pub fokus: PerMaal<FokusExtract>,
}

impl Dataset {
    /// Reads `Y30R21.csv` and each goal's extract
    /// ([`Maal::file_name`]: `fokusmaal-samtaler.csv`, …) from `dir`, every
    /// row. The fokusmål extracts are read on threads of their own, one per
    /// goal, while this one reads Y30R21; where the system refuses a thread
    /// (a low `ulimit -u`), that file is read here instead. The first error
    /// (Y30R21, then the goals in [`Maal::ALL`] order) is returned.
    pub fn load(dir: &Path) -> Result<Dataset, DataError> {
        Dataset::load_for(dir, Udvalg::Alle)
    }

    /// As [`Dataset::load`], keeping of the fokusmål extracts only the rows
    /// `udvalg` names (the others are not checked beyond their key and width).
    pub fn load_for(dir: &Path, udvalg: Udvalg) -> Result<Dataset, DataError> {
        let display = |name: &str| dir.join(name).display().to_string();
        let fokus = |maal: Maal| {
            let name = maal.file_name();
            FokusExtract::read(maal, &dir.join(name), &display(name), udvalg)
        };
        let (resultat, fokus) = std::thread::scope(|s| {
            let readers = PerMaal::from_fn(|maal| {
                std::thread::Builder::new()
                    .name(format!("read {}", maal.file_name()))
                    .spawn_scoped(s, move || fokus(maal))
                    .ok()
            });
            let resultat = Y30R21::read(&dir.join(y30r21::FILE_NAME), &display(y30r21::FILE_NAME));
            // A reader that panicked (a bug) takes the command down as it
            // would have on this thread.
            let fokus = readers.map(|maal, handle| match handle {
                Some(h) => h.join().unwrap_or_else(|p| std::panic::resume_unwind(p)),
                None => fokus(maal),
            });
            (resultat, fokus)
        });
        Ok(Dataset {
            dir: dir.to_path_buf(),
            resultat: resultat?,
            fokus: fokus.transpose()?,
        })
    }

    /// The extract for one goal.
    pub fn fokus(&self, maal: Maal) -> &FokusExtract {
        &self.fokus[maal]
    }
}
