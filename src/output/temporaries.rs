//! Our temporary files: named `.jobcenterindblik-<pid>-<random>.tmp`, so
//! that those of a process that died can be told from those of one still
//! writing, and removed.

use std::path::{Path, PathBuf};

/// How temporary files begin; the process id and a random part follow.
const TEMP_PREFIX: &str = ".jobcenterindblik-";
/// How temporary files end.
const TEMP_SUFFIX: &str = ".tmp";

/// A new temporary file in `dir`, named for this process.
pub(super) fn temporary_in(dir: &Path) -> std::io::Result<tempfile::NamedTempFile> {
    let prefix = format!("{TEMP_PREFIX}{}-", std::process::id());
    let mut builder = tempfile::Builder::new();
    builder.prefix(&prefix).suffix(TEMP_SUFFIX);
    // A temporary file is private (0600); the report is not. Ask for what
    // `File::create` gives, 0666 less the umask, so that colleagues can read
    // the reports on a shared drive.
    #[cfg(unix)]
    builder.permissions(std::os::unix::fs::PermissionsExt::from_mode(0o666));
    builder.tempfile_in(dir)
}

/// The process id in a temporary file's name, if `name` is one of ours
/// (`.jobcenterindblik-<pid>-<random>.tmp`).
pub fn temporary_pid(name: &str) -> Option<u32> {
    let rest = name.strip_prefix(TEMP_PREFIX)?.strip_suffix(TEMP_SUFFIX)?;
    let (pid, random) = rest.split_once('-')?;
    if random.is_empty() || pid.is_empty() || !pid.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    pid.parse().ok()
}

/// The temporary files of ours in `dir` whose process is gone: what a run
/// that died (a crash, a kill) left behind. Those of a process still
/// running are not listed, ours included. Sorted.
pub fn stale_temporaries(dir: &Path) -> std::io::Result<Vec<PathBuf>> {
    let mut out = Vec::new();
    for entry in std::fs::read_dir(dir)? {
        let entry = entry?;
        let Some(pid) = entry.file_name().to_str().and_then(temporary_pid) else {
            continue;
        };
        if entry.file_type()?.is_file() && !process_alive(pid) {
            out.push(entry.path());
        }
    }
    out.sort();
    Ok(out)
}

/// Removes [`stale_temporaries`] from `dir`; the files it removed.
pub fn remove_stale_temporaries(dir: &Path) -> std::io::Result<Vec<PathBuf>> {
    let mut removed = stale_temporaries(dir)?;
    removed.retain(|p| std::fs::remove_file(p).is_ok());
    Ok(removed)
}

/// Whether a process with this id runs (or may run: when in doubt, yes, so
/// that no live process's file is taken from it).
fn process_alive(pid: u32) -> bool {
    #[cfg(unix)]
    {
        // 0 and ids beyond pid_t would name process groups or nothing.
        let Ok(pid) = libc::pid_t::try_from(pid) else {
            return true;
        };
        if pid <= 0 {
            return true;
        }
        // SAFETY: kill with signal 0 sends nothing; it only checks that the
        // process exists (EPERM: it exists, but is another user's).
        let sent = unsafe { libc::kill(pid, 0) };
        sent == 0 || std::io::Error::last_os_error().raw_os_error() != Some(libc::ESRCH)
    }
    #[cfg(not(unix))]
    {
        let _ = pid;
        true
    }
}

/// Removes the temporary files of process `pid` from `dir` (a worker that
/// was stopped, or died, before it could); how many.
pub fn remove_temporaries_of(dir: &Path, pid: u32) -> usize {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return 0;
    };
    entries
        .filter_map(Result::ok)
        .filter(|e| e.file_name().to_str().and_then(temporary_pid) == Some(pid))
        .filter(|e| e.file_type().is_ok_and(|t| t.is_file()))
        .filter(|e| std::fs::remove_file(e.path()).is_ok())
        .count()
}
