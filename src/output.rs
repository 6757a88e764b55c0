//! Writing results so that a reader never sees half a file.
//!
//! Every output goes to a temporary file in the destination's folder and is
//! renamed into place only when complete: after a failure, a crash or Ctrl-C
//! there is never a truncated file under the final name.

use std::io::Write;
use std::path::Path;

use anyhow::{Context, Result};

use crate::domain::dansk;
use crate::domain::value::Value;

/// Writes `bytes` to `path` atomically.
pub fn write_atomic(path: &Path, bytes: &[u8]) -> Result<()> {
    let dir = match path.parent() {
        Some(p) if !p.as_os_str().is_empty() => p,
        _ => Path::new("."),
    };
    if !dir.is_dir() {
        anyhow::bail!(
            "cannot write {}: the folder {} does not exist",
            path.display(),
            dir.display()
        );
    }
    let mut builder = tempfile::Builder::new();
    let prefix = temporary_prefix(std::process::id());
    builder.prefix(&prefix).suffix(TEMPORARY_SUFFIX);
    // A temporary file is private (0600); the report is not. Ask for what
    // `File::create` gives, 0666 less the umask, so that colleagues can read
    // the reports on a shared drive.
    #[cfg(unix)]
    builder.permissions(std::os::unix::fs::PermissionsExt::from_mode(0o666));
    // tempfile's error names the temporary file, which the user never chose;
    // say which folder refused it, and why.
    let mut tmp = builder.tempfile_in(dir).map_err(|e| {
        let why = e.raw_os_error().map_or_else(
            || e.kind().to_string(),
            |code| std::io::Error::from_raw_os_error(code).to_string(),
        );
        anyhow::anyhow!(
            "cannot write {}: cannot create a file in {}: {why}",
            path.display(),
            dir.display()
        )
    })?;
    // Ctrl-C removes it (src/interrupt.rs); a kill that cannot be handled
    // leaves it to the next batch into the folder (`remove_temporaries`).
    let _in_flight = {
        let path = tmp.path().to_path_buf();
        crate::interrupt::on_interrupt(move || {
            let _ = std::fs::remove_file(path);
        })
    };
    tmp.write_all(bytes)
        .and_then(|()| tmp.as_file().sync_all())
        .with_context(|| format!("cannot write {}", path.display()))?;
    tmp.persist(path)
        .map_err(|e| e.error)
        .with_context(|| format!("cannot write {}", path.display()))?;
    Ok(())
}

/// How this program's temporary files end.
const TEMPORARY_SUFFIX: &str = ".tmp";

/// How the temporary files of process `pid` begin: `.jobcenterindblik-<pid>-`.
fn temporary_prefix(pid: u32) -> String {
    format!(".jobcenterindblik-{pid}-")
}

/// Removes the temporary files that process `pid` (or, with `None`, any
/// process) left in `dir`, as a process killed before it could clean up
/// leaves them; how many there were.
pub fn remove_temporaries(dir: &Path, pid: Option<u32>) -> usize {
    let prefix = pid.map_or_else(|| ".jobcenterindblik-".to_string(), temporary_prefix);
    let Ok(entries) = std::fs::read_dir(dir) else {
        return 0;
    };
    entries
        .filter_map(Result::ok)
        .filter(|e| {
            let name = e.file_name();
            let name = name.to_string_lossy();
            name.starts_with(&prefix) && name.ends_with(TEMPORARY_SUFFIX)
        })
        .filter(|e| e.file_type().is_ok_and(|t| t.is_file()))
        .filter(|e| std::fs::remove_file(e.path()).is_ok())
        .count()
}

/// Writes `bytes` to standard output.
pub fn write_stdout(bytes: &[u8]) -> Result<()> {
    let mut out = std::io::stdout().lock();
    out.write_all(bytes)
        .and_then(|()| out.flush())
        .context("cannot write to standard output")
}

/// A CSV file as Danish Excel opens it: `;` between fields (the decimal
/// comma is taken) and a byte-order mark, so that Sorø and Høje-Taastrup
/// are read as UTF-8.
pub fn danish_csv<R>(header: &[&str], rows: impl IntoIterator<Item = R>) -> Result<Vec<u8>>
where
    R: IntoIterator,
    R::Item: AsRef<[u8]>,
{
    let mut w = csv::WriterBuilder::new()
        .delimiter(b';')
        .from_writer(b"\xEF\xBB\xBF".to_vec());
    w.write_record(header)?;
    for row in rows {
        w.write_record(row)?;
    }
    w.into_inner()
        .map_err(|e| anyhow::anyhow!("cannot write the CSV: {e}"))
}

/// A figure of a CSV file: two decimals with a decimal comma (`0,53`), `.`
/// when discretized, as jobindsats writes them.
pub fn csv_decimal(v: Value<f64>) -> String {
    match v {
        Value::Known(x) => dansk::decimal(x, 2),
        Value::Discretized => ".".into(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn csv_for_danish_excel() {
        let bytes = danish_csv(&["kommune", "andel"], [["Sorø", "93,1"]]).unwrap();
        assert_eq!(bytes, "\u{feff}kommune;andel\nSorø;93,1\n".as_bytes());
        assert_eq!(csv_decimal(Value::Known(-0.185)), "-0,19");
        assert_eq!(csv_decimal(Value::Known(-0.001)), "0,00");
        assert_eq!(csv_decimal(Value::Discretized), ".");
    }

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
}
