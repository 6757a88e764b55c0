//! Template folders (`--template DIR`): an edited copy changes the report
//! without a rebuild, its errors are Typst's diagnostics, it is read only
//! inside itself and only on request, and one that eats memory is stopped.
//! (A folder without `main.typ` is a case of `bad_inputs`; one that never
//! ends, of `workers`.)

use std::path::{Path, PathBuf};

use crate::util::{Cmd, stderr, template_copy, template_with};

/// Sorø's August 2020 report from the fixtures with the template in `dir`,
/// written to `r.pdf` in a new folder; killed, failing the test, if it
/// hangs for a minute.
fn report_with(dir: &Path) -> (std::process::Output, PathBuf, tempfile::TempDir) {
    let out = tempfile::tempdir().unwrap();
    let pdf = out.path().join("r.pdf");
    let o = Cmd::report("Sorø", "2020-08")
        .fixtures()
        .template(dir)
        .out(&pdf)
        .timeout(60)
        .run();
    (o, pdf, out)
}

/// Replaces `from` with `to` in the one template file that holds it, and
/// returns that file, so that a test does not depend on how the template is
/// split into files.
#[track_caller]
fn edit_template(dir: &Path, from: &str, to: &str) -> PathBuf {
    let mut holders = Vec::new();
    let mut todo = vec![dir.to_path_buf()];
    while let Some(d) = todo.pop() {
        for entry in std::fs::read_dir(&d).unwrap() {
            let path = entry.unwrap().path();
            if path.is_dir() {
                todo.push(path);
            } else if path.extension().is_some_and(|e| e == "typ")
                && std::fs::read_to_string(&path).unwrap().contains(from)
            {
                holders.push(path);
            }
        }
    }
    assert_eq!(holders.len(), 1, "{from:?} is in {holders:?}");
    let file = holders.remove(0);
    let text = std::fs::read_to_string(&file)
        .unwrap()
        .replacen(from, to, 1);
    std::fs::write(&file, text).unwrap();
    file
}

#[test]
fn a_template_folder_changes_the_look_without_rebuilding() {
    let template = template_copy();
    edit_template(
        template.path(),
        "= 1. Overblik",
        "= 1. Overblik i eget layout",
    );
    let (o, pdf, _out) = report_with(template.path());
    assert!(o.status.success(), "{}", stderr(&o));
    let bookmarks = crate::util::bookmarks(&std::fs::read(&pdf).unwrap());
    assert!(
        bookmarks.iter().any(|b| b == "1. Overblik i eget layout"),
        "the edited heading is not in the PDF: {bookmarks:?}"
    );
    assert!(
        !bookmarks.iter().any(|b| b == "1. Overblik"),
        "{bookmarks:?}"
    );
}

#[test]
fn template_errors_are_typst_diagnostics_with_file_line_and_source() {
    let template = template_copy();
    let file = edit_template(
        template.path(),
        "#let periode = r.periode.tekst",
        "#let periode = r.periode.tekstx",
    );
    let (o, pdf, _out) = report_with(template.path());
    assert_eq!(o.status.code(), Some(1));
    let err = stderr(&o);
    assert_contains!(
        err,
        "error: the report template failed:",
        "dictionary does not contain key \"tekstx\"",
        &format!("{}:", file.display()),
        "r.periode.tekstx"
    );
    assert!(!pdf.exists(), "nothing is written on failure");
}

#[test]
fn a_template_folder_is_read_only_inside_itself_and_only_on_request() {
    use std::os::unix::fs::symlink;
    let secret = tempfile::tempdir().unwrap();
    std::fs::write(secret.path().join("secret.txt"), "hemmeligt").unwrap();
    // Links out of the folder, a FIFO and a large unrelated file: the old
    // reader followed the link to / through the whole file system, hung on
    // the FIFO and read the large file whole.
    let t = template_with("");
    symlink("/", t.path().join("roden")).unwrap();
    symlink(secret.path().join("secret.txt"), t.path().join("pw.txt")).unwrap();
    let made = std::process::Command::new("mkfifo")
        .arg(t.path().join("ror"))
        .status();
    assert!(made.is_ok_and(|s| s.success()), "mkfifo runs");
    let big = std::fs::File::create(t.path().join("stor.bin")).unwrap();
    big.set_len(2 << 30).unwrap();
    let (o, pdf, _out) = report_with(t.path());
    assert!(o.status.success(), "{}", stderr(&o));
    assert!(pdf.exists());
    // The link to a file outside is refused, as the path itself would be.
    let t = template_with("\n#read(\"pw.txt\")\n");
    symlink(secret.path().join("secret.txt"), t.path().join("pw.txt")).unwrap();
    let (o, pdf, _out) = report_with(t.path());
    assert_eq!(o.status.code(), Some(1));
    assert_contains!(stderr(&o), "access denied", "pw.txt");
    assert!(!stderr(&o).contains("hemmeligt"));
    assert!(!pdf.exists());
}

#[test]
fn a_template_that_eats_memory_is_stopped_with_a_message() {
    let t = template_with("\n#let s = \"x\"\n#for i in range(40) { s = s + s }\n#s.len()\n");
    let (o, _, out) = report_with(t.path());
    assert_eq!(o.status.code(), Some(1), "{}", stderr(&o));
    assert_contains!(
        stderr(&o),
        "error: the report template ran out of memory",
        "hint:"
    );
    assert!(!stderr(&o).contains("panicked"));
    assert!(
        std::fs::read_dir(out.path()).unwrap().next().is_none(),
        "nothing written"
    );
}
