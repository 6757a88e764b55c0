//! The batch's output folder: held by one batch at a time, and cleared of
//! what an earlier run left only where that cannot pass for this run's work.

use std::fs::File;
use std::path::Path;

use anyhow::{Context, Result};

use crate::commands::setup::file_name;
use crate::domain::kommune::Kommune;
use crate::domain::period::{Month, Window};
use crate::output;

/// A batch's hold on its output folder: a second batch into the same folder
/// is refused while it lasts. It is an operating-system lock on the folder
/// itself (a lock file elsewhere), released when the process ends however
/// it ends, so a crash cannot leave it stuck.
#[derive(Debug)]
pub struct FolderLock {
    _file: Option<File>,
}

/// Creates `dir` if needed and locks it for this batch.
pub fn lock(dir: &Path) -> Result<FolderLock> {
    std::fs::create_dir_all(dir).with_context(|| format!("cannot create {}", dir.display()))?;
    let file =
        lock_file(dir).with_context(|| format!("cannot open {} to lock it", dir.display()))?;
    match file.try_lock() {
        Ok(()) => Ok(FolderLock { _file: Some(file) }),
        Err(std::fs::TryLockError::WouldBlock) => Err(crate::commands::advice(
            format!("another batch is writing into {} right now", dir.display()),
            "wait for it to finish, or give this one another --out-dir",
        )),
        Err(std::fs::TryLockError::Error(e)) => {
            eprintln!(
                "note: {} cannot be locked ({e}); do not run two batches into it at once",
                dir.display()
            );
            Ok(FolderLock { _file: None })
        }
    }
}

/// What the lock is taken on: the folder itself where the system allows it.
#[cfg(unix)]
fn lock_file(dir: &Path) -> std::io::Result<File> {
    File::open(dir)
}

/// What the lock is taken on: a file in the folder, where a folder cannot be opened.
#[cfg(not(unix))]
fn lock_file(dir: &Path) -> std::io::Result<File> {
    std::fs::OpenOptions::new()
        .create(true)
        .truncate(false)
        .write(true)
        .open(dir.join(".jobcenterindblik.lock"))
}

/// Removes the temporary files that an earlier run, killed before it could
/// clean up, left in `dir` and its month folders. Safe under the lock: no
/// other batch writes here.
pub fn remove_stale_temporaries(dir: &Path) {
    // What cannot be removed (a folder we may not list) stays; it harms nothing.
    let _ = output::remove_stale_temporaries(dir);
    for month in month_folders(dir) {
        let _ = output::remove_stale_temporaries(&dir.join(month.iso()));
    }
}

/// The month folders (`2021-03/`) in `dir`, in order.
pub fn month_folders(dir: &Path) -> Vec<Month> {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return Vec::new();
    };
    let mut months: Vec<Month> = entries
        .filter_map(Result::ok)
        .filter(|e| e.file_type().is_ok_and(|t| t.is_dir()))
        .filter_map(|e| {
            let name = e.file_name().into_string().ok()?;
            let m = Month::parse(&name).ok()?;
            (m.iso() == name).then_some(m)
        })
        .collect();
    months.sort();
    months
}

/// Says which month folders of an earlier run a run of `months` into `dir`
/// leaves as they are.
pub fn note_other_months(dir: &Path, months: Window) {
    let others: Vec<String> = month_folders(dir)
        .into_iter()
        .filter(|m| *m < months.first || *m > months.last)
        .map(Month::iso)
        .collect();
    if !others.is_empty() {
        eprintln!(
            "note: {} holds month folders this run does not make ({}); they are left as they are, and its status.csv covers {} only",
            dir.display(),
            others.join(", "),
            months.iso()
        );
    }
}

/// Removes the overview and status files of `month` that an earlier run
/// left in `dir`.
pub fn remove_month_files(dir: &Path, month: Month) {
    for e in ["pdf", "json"] {
        let _ = std::fs::remove_file(dir.join(format!("Oversigt-{}.{e}", month.iso())));
    }
    remove_status_files(dir);
}

/// Removes `status.csv` and `status.json` from `dir`.
pub fn remove_status_files(dir: &Path) {
    for name in ["status.csv", "status.json"] {
        let _ = std::fs::remove_file(dir.join(name));
    }
}

/// Removes a kommune's report for the month from an earlier run into the
/// same folder (PDF or JSON), so that a kommune whose own data fail now is
/// not mistaken for one whose report is current. Whether one was removed.
pub fn remove_stale(dir: &Path, kommune: &Kommune, month: Month) -> bool {
    ["pdf", "json"]
        .iter()
        .filter(|ext| std::fs::remove_file(dir.join(file_name(kommune, month, ext))).is_ok())
        .count()
        > 0
}

/// The kommune's report of the month from an earlier run, if one is in `dir`.
pub fn earlier_report(dir: &Path, kommune: &Kommune, month: Month) -> Option<String> {
    ["pdf", "json"]
        .iter()
        .map(|ext| file_name(kommune, month, ext))
        .find(|name| dir.join(name).is_file())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_second_lock_on_a_folder_is_refused_until_the_first_goes() {
        let dir = tempfile::tempdir().unwrap();
        let first = lock(dir.path()).unwrap();
        let e = lock(dir.path()).unwrap_err();
        assert!(
            e.to_string().contains("another batch is writing into"),
            "{e}"
        );
        drop(first);
        lock(dir.path()).unwrap();
    }

    #[test]
    fn month_folders_are_found_and_others_ignored() {
        let dir = tempfile::tempdir().unwrap();
        for name in ["2021-03", "2021-01", "2021M02", "andet", "2021-13"] {
            std::fs::create_dir(dir.path().join(name)).unwrap();
        }
        std::fs::write(dir.path().join("2021-04"), "a file").unwrap();
        let found: Vec<String> = month_folders(dir.path())
            .into_iter()
            .map(Month::iso)
            .collect();
        assert_eq!(found, ["2021-01", "2021-03"]);
    }
}
