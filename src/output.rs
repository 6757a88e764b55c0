//! Writing results so that a reader never sees half a file, and nothing
//! that is not a regular file is ever replaced.
//!
//! A regular file (or one that does not exist yet) is written to a
//! temporary file in its folder and renamed into place only when complete:
//! after a failure, a crash or Ctrl-C there is never a truncated file under
//! the final name, and an existing file keeps its permissions. A symbolic
//! link is written through (its target is replaced, the link stays); a
//! device or FIFO (`/dev/null`, `/dev/stdout`, a named pipe) is opened and
//! written as it is, never renamed over. Temporary files are named
//! `.jobcenterindblik-<pid>-<random>.tmp`, so that a later run can tell
//! those of a process that died ([`stale_temporaries`]) from those of one
//! still writing.

use std::fs::Metadata;
use std::io::Write;
use std::path::{Path, PathBuf};

use anyhow::{Context, Result, bail};

mod spreadsheet;
mod temporaries;

pub use spreadsheet::{csv_decimal, danish_csv};
use temporaries::temporary_in;
pub use temporaries::{remove_stale_temporaries, remove_temporaries_of};
#[cfg(test)]
use temporaries::{stale_temporaries, temporary_pid};

/// Writes `bytes` to `path` so that no reader sees half a file and nothing
/// but a regular file is replaced: atomically (temporary file and rename)
/// where `path` is or would be a regular file, keeping an existing file's
/// permissions; through a symbolic link to its target; directly into a
/// device or FIFO. A folder or socket is refused.
pub fn write_atomic(path: &Path, bytes: &[u8]) -> Result<()> {
    // What the system itself opens for the path comes first: `/dev/stdout`
    // and `/proc/self/fd/N` are links whose text is no path to follow (a
    // `pipe:[…]`, or a file the shell opened for appending).
    if let Ok(meta) = std::fs::metadata(path) {
        if is_standard_output(&meta) {
            return write_stdout(bytes);
        }
        if !meta.is_file() && !meta.is_dir() {
            return write_in_place(path, path, &meta, bytes);
        }
    }
    let target = resolve_links(path)?;
    match std::fs::metadata(&target) {
        Ok(meta) if meta.is_file() => replace_file(path, &target, Some(&meta), bytes),
        Ok(meta) if meta.is_dir() => bail!(
            "cannot write {}: it is a folder; name a file",
            path.display()
        ),
        Ok(meta) => write_in_place(path, &target, &meta, bytes),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
            replace_file(path, &target, None, bytes)
        }
        Err(e) => Err(e).with_context(|| format!("cannot write {}", path.display())),
    }
}

/// Whether `meta` is the file this process's standard output is (a path
/// such as `/dev/stdout` that leads to it): written through standard
/// output, it keeps the shell's `>>` and its position.
fn is_standard_output(meta: &Metadata) -> bool {
    #[cfg(unix)]
    {
        use std::os::unix::fs::MetadataExt;
        let mut st = std::mem::MaybeUninit::<libc::stat>::uninit();
        // SAFETY: fstat writes a whole `stat` into `st` when it returns 0;
        // descriptor 1 is read, never closed or changed.
        if unsafe { libc::fstat(1, st.as_mut_ptr()) } != 0 {
            return false;
        }
        // SAFETY: fstat returned 0, so it filled `st`.
        let st = unsafe { st.assume_init() };
        #[allow(
            clippy::useless_conversion,
            reason = "st_dev and st_ino are u64 here, but not on every unix"
        )]
        let same = u64::from(st.st_dev) == meta.dev() && u64::from(st.st_ino) == meta.ino();
        same
    }
    #[cfg(not(unix))]
    {
        let _ = meta;
        false
    }
}

/// The file a path names once its symbolic links are followed (a link to
/// a file that does not exist yet names that file). Only the last part is
/// followed; the folders above it are used as the system resolves them.
fn resolve_links(path: &Path) -> Result<PathBuf> {
    // As many links as Linux follows before it gives up (ELOOP).
    const MAX_LINKS: usize = 40;
    let mut current = path.to_path_buf();
    for _ in 0..MAX_LINKS {
        match std::fs::symlink_metadata(&current) {
            Ok(meta) if meta.file_type().is_symlink() => {
                let to = std::fs::read_link(&current)
                    .with_context(|| format!("cannot write {}", path.display()))?;
                current = match current.parent() {
                    Some(dir) => dir.join(to),
                    None => to,
                };
            }
            _ => return Ok(current),
        }
    }
    bail!(
        "cannot write {}: more than {MAX_LINKS} symbolic links in a row (a loop?)",
        path.display()
    )
}

/// Writes a regular file (or a new one) atomically: a temporary file in its
/// folder, renamed over it when complete. An existing file's permissions
/// (and, where the system allows, its owner) carry over to the new one.
fn replace_file(shown: &Path, target: &Path, old: Option<&Metadata>, bytes: &[u8]) -> Result<()> {
    let dir = match target.parent() {
        Some(p) if !p.as_os_str().is_empty() => p,
        _ => Path::new("."),
    };
    if !dir.is_dir() {
        bail!(
            "cannot write {}: the folder {} does not exist",
            shown.display(),
            dir.display()
        );
    }
    // tempfile's error names the temporary file, which the user never chose;
    // say which folder refused it, and why.
    let mut tmp = temporary_in(dir).map_err(|e| {
        let why = e.raw_os_error().map_or_else(
            || e.kind().to_string(),
            |code| std::io::Error::from_raw_os_error(code).to_string(),
        );
        anyhow::anyhow!(
            "cannot write {}: cannot create a file in {}: {why}",
            shown.display(),
            dir.display()
        )
    })?;
    if let Some(old) = old {
        keep_owner_and_permissions(tmp.as_file(), old)
            .with_context(|| format!("cannot write {}", shown.display()))?;
    }
    // Ctrl-C removes it (src/interrupt.rs); a kill that cannot be handled
    // leaves it to the next batch into the folder (`remove_stale_temporaries`).
    let _in_flight = {
        let path = tmp.path().to_path_buf();
        crate::interrupt::on_interrupt(move || {
            let _ = std::fs::remove_file(path);
        })
    };
    tmp.write_all(bytes)
        .and_then(|()| tmp.as_file().sync_all())
        .with_context(|| format!("cannot write {}", shown.display()))?;
    tmp.persist(target)
        .map_err(|e| e.error)
        .with_context(|| format!("cannot write {}", shown.display()))?;
    Ok(())
}

/// Gives the new file the old one's permissions (set, not asked for, so
/// the umask does not narrow them) and, where the system allows it, its
/// owner and group: a 0600 file stays 0600, and root writing a colleague's
/// file does not take it over.
fn keep_owner_and_permissions(file: &std::fs::File, old: &Metadata) -> std::io::Result<()> {
    #[cfg(unix)]
    {
        use std::os::unix::fs::MetadataExt;
        let new = file.metadata()?;
        if (new.uid(), new.gid()) != (old.uid(), old.gid()) {
            // Only root may give a file away, and only a member a group: where
            // the system refuses, the file is ours, as any rewrite would make it.
            let _ = std::os::unix::fs::fchown(file, Some(old.uid()), Some(old.gid()));
        }
    }
    file.set_permissions(old.permissions())
}

/// Writes into something that is not a regular file (a device, a FIFO) as
/// the shell's `>` would: open it and write. A socket cannot be written so.
fn write_in_place(shown: &Path, target: &Path, meta: &Metadata, bytes: &[u8]) -> Result<()> {
    #[cfg(unix)]
    if std::os::unix::fs::FileTypeExt::is_socket(&meta.file_type()) {
        bail!(
            "cannot write {}: it is a socket, not a file",
            shown.display()
        );
    }
    #[cfg(not(unix))]
    let _ = meta;
    let mut file = std::fs::OpenOptions::new()
        .write(true)
        .open(target)
        .with_context(|| format!("cannot write {}", shown.display()))?;
    file.write_all(bytes)
        .and_then(|()| file.flush())
        .with_context(|| format!("cannot write {}", shown.display()))
}

/// Writes `bytes` to standard output.
pub fn write_stdout(bytes: &[u8]) -> Result<()> {
    let mut out = std::io::stdout().lock();
    out.write_all(bytes)
        .and_then(|()| out.flush())
        .context("cannot write to standard output")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn writes_leave_no_temporary_files() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("a.json");
        write_atomic(&path, b"{}").unwrap();
        write_atomic(&path, b"{\"b\":1}").unwrap();
        assert_eq!(std::fs::read(&path).unwrap(), b"{\"b\":1}");
        let names: Vec<_> = std::fs::read_dir(dir.path())
            .unwrap()
            .map(|e| e.unwrap().file_name())
            .collect();
        assert_eq!(names, ["a.json"]);
        assert!(write_atomic(&dir.path().join("missing/a.json"), b"{}").is_err());
    }

    #[cfg(unix)]
    #[test]
    fn written_files_have_the_permissions_of_an_ordinary_file() {
        use std::os::unix::fs::PermissionsExt;
        let dir = tempfile::tempdir().unwrap();
        let ordinary = dir.path().join("ordinary");
        std::fs::File::create(&ordinary).unwrap();
        let path = dir.path().join("a.pdf");
        write_atomic(&path, b"%PDF-").unwrap();
        let mode = |p: &Path| std::fs::metadata(p).unwrap().permissions().mode() & 0o777;
        assert_eq!(mode(&path), mode(&ordinary));
    }

    #[cfg(unix)]
    #[test]
    fn a_file_keeps_its_permissions() {
        use std::os::unix::fs::PermissionsExt;
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("privat.json");
        for mode in [0o600, 0o640, 0o444] {
            std::fs::write(&path, b"{}").unwrap();
            std::fs::set_permissions(&path, std::fs::Permissions::from_mode(mode)).unwrap();
            write_atomic(&path, b"{\"b\":1}").unwrap();
            let meta = std::fs::metadata(&path).unwrap();
            assert_eq!(meta.permissions().mode() & 0o7777, mode);
            assert_eq!(std::fs::read(&path).unwrap(), b"{\"b\":1}");
            std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o600)).unwrap();
        }
    }

    #[cfg(unix)]
    #[test]
    fn a_symbolic_link_is_written_through() {
        use std::os::unix::fs::symlink;
        let dir = tempfile::tempdir().unwrap();
        let real = dir.path().join("real.json");
        std::fs::write(&real, b"{}").unwrap();
        let link = dir.path().join("link.json");
        symlink("real.json", &link).unwrap();
        write_atomic(&link, b"[1]").unwrap();
        assert!(
            std::fs::symlink_metadata(&link)
                .unwrap()
                .file_type()
                .is_symlink()
        );
        assert_eq!(std::fs::read(&real).unwrap(), b"[1]");
        // A link to a file not there yet makes the file.
        let dangling = dir.path().join("ny.json");
        symlink(dir.path().join("sub/../new.json"), &dangling).unwrap();
        std::fs::create_dir(dir.path().join("sub")).unwrap();
        write_atomic(&dangling, b"[2]").unwrap();
        assert!(
            std::fs::symlink_metadata(&dangling)
                .unwrap()
                .file_type()
                .is_symlink()
        );
        assert_eq!(std::fs::read(dir.path().join("new.json")).unwrap(), b"[2]");
        // A loop is refused, not followed for ever.
        let a = dir.path().join("a");
        symlink("b", &a).unwrap();
        symlink("a", dir.path().join("b")).unwrap();
        let e = write_atomic(&a, b"x").unwrap_err();
        assert!(e.to_string().contains("symbolic links in a row"), "{e}");
        // A folder is no file to write.
        let e = write_atomic(dir.path(), b"x").unwrap_err();
        assert!(e.to_string().contains("it is a folder"), "{e}");
    }

    #[cfg(unix)]
    #[test]
    fn a_fifo_is_written_into_not_replaced() {
        use std::os::unix::fs::FileTypeExt;
        let dir = tempfile::tempdir().unwrap();
        let fifo = dir.path().join("ror");
        let made = std::process::Command::new("mkfifo").arg(&fifo).status();
        assert!(made.is_ok_and(|s| s.success()), "mkfifo runs");
        let reader = {
            let fifo = fifo.clone();
            std::thread::spawn(move || std::fs::read(fifo).unwrap())
        };
        write_atomic(&fifo, b"%PDF-").unwrap();
        assert_eq!(reader.join().unwrap(), b"%PDF-");
        assert!(std::fs::metadata(&fifo).unwrap().file_type().is_fifo());
        assert_eq!(std::fs::read_dir(dir.path()).unwrap().count(), 1);
    }

    #[test]
    fn temporary_files_carry_the_process_id() {
        let dir = tempfile::tempdir().unwrap();
        let tmp = temporary_in(dir.path()).unwrap();
        let name = tmp.path().file_name().unwrap().to_str().unwrap();
        assert_eq!(temporary_pid(name), Some(std::process::id()), "{name}");
        assert_eq!(temporary_pid(".jobcenterindblik-123-aB3xYz.tmp"), Some(123));
        for other in [
            ".jobcenterindblik-aB3xYz.tmp",
            ".jobcenterindblik-123-.tmp",
            ".jobcenterindblik--x.tmp",
            ".jobcenterindblik-12a-x.tmp",
            "jobcenterindblik-123-x.tmp",
            ".jobcenterindblik-123-x.pdf",
        ] {
            assert_eq!(temporary_pid(other), None, "{other}");
        }
    }

    #[cfg(unix)]
    #[test]
    fn stale_temporaries_are_those_of_processes_that_are_gone() {
        let dir = tempfile::tempdir().unwrap();
        let mut child = std::process::Command::new("true").spawn().unwrap();
        let gone = child.id();
        child.wait().unwrap();
        let dead = dir
            .path()
            .join(format!(".jobcenterindblik-{gone}-abc123.tmp"));
        let live = temporary_in(dir.path()).unwrap();
        std::fs::write(&dead, b"half a PDF").unwrap();
        std::fs::write(dir.path().join("Sorø-2020-08.pdf"), b"%PDF-").unwrap();
        assert_eq!(
            stale_temporaries(dir.path()).unwrap(),
            std::slice::from_ref(&dead)
        );
        assert_eq!(
            remove_stale_temporaries(dir.path()).unwrap(),
            std::slice::from_ref(&dead)
        );
        assert!(!dead.exists());
        assert!(live.path().exists(), "a live process keeps its file");
    }
}
