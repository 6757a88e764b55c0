//! Template folders (`--template DIR`): an edited copy changes the report
//! without a rebuild, its errors are Typst's diagnostics, it is read only
//! inside itself and only on request (links out, a FIFO and a huge file are
//! never opened), and one that eats memory is stopped. (A folder without
//! `main.typ` is a case of `bad_inputs`; one that never ends, of `workers`.)

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

/// The files opened or read in some folders while it watches, by path:
/// inotify's `IN_OPEN` and `IN_ACCESS`, which an `open(2)` or `read(2)` of a
/// file in a watched folder raises, whichever process makes it (a `stat` or
/// `realpath`, which tell what a path is without opening it, raise none). A
/// folder opened to be listed counts as its own path.
struct Reads {
    fd: libc::c_int,
    folders: Vec<(libc::c_int, PathBuf)>,
}

impl Reads {
    fn watch(folders: &[&Path]) -> Reads {
        // SAFETY: plain system calls on a descriptor of our own and C strings
        // that live across them.
        unsafe {
            let fd = libc::inotify_init1(libc::IN_NONBLOCK | libc::IN_CLOEXEC);
            assert!(fd >= 0, "inotify: {}", std::io::Error::last_os_error());
            let folders = folders
                .iter()
                .map(|folder| {
                    let c = std::ffi::CString::new(folder.as_os_str().as_encoded_bytes()).unwrap();
                    let wd =
                        libc::inotify_add_watch(fd, c.as_ptr(), libc::IN_OPEN | libc::IN_ACCESS);
                    assert!(wd >= 0, "inotify: {}", std::io::Error::last_os_error());
                    (wd, folder.to_path_buf())
                })
                .collect();
            Reads { fd, folders }
        }
    }

    /// Every path opened or read since the watch began, once each, sorted.
    fn seen(&self) -> Vec<PathBuf> {
        let mut seen = std::collections::BTreeSet::new();
        let mut buf = vec![0u8; 1 << 16];
        loop {
            // SAFETY: reads into a buffer of our own, of the length given.
            let n = unsafe { libc::read(self.fd, buf.as_mut_ptr().cast(), buf.len()) };
            if n <= 0 {
                break;
            }
            // Events: wd (i32), mask, cookie, len (u32), then `len` bytes of
            // NUL-padded name.
            let mut at = 0;
            while at < n as usize {
                let field = |i: usize| {
                    let b = &buf[at + 4 * i..at + 4 * i + 4];
                    u32::from_ne_bytes(b.try_into().unwrap())
                };
                let (wd, len) = (field(0) as libc::c_int, field(3) as usize);
                let name = &buf[at + 16..at + 16 + len];
                let name = String::from_utf8_lossy(name)
                    .trim_end_matches('\0')
                    .to_string();
                let folder = &self.folders.iter().find(|(w, _)| *w == wd).unwrap().1;
                seen.insert(if name.is_empty() {
                    folder.clone()
                } else {
                    folder.join(name)
                });
                at += 16 + len;
            }
        }
        seen.into_iter().collect()
    }
}

impl Drop for Reads {
    fn drop(&mut self) {
        // SAFETY: closes the descriptor this watch owns.
        unsafe { libc::close(self.fd) };
    }
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
    symlink(secret.path(), t.path().join("ud")).unwrap();
    symlink(secret.path().join("secret.txt"), t.path().join("pw.txt")).unwrap();
    let made = std::process::Command::new("mkfifo")
        .arg(t.path().join("ror"))
        .status();
    assert!(made.is_ok_and(|s| s.success()), "mkfifo runs");
    let big = std::fs::File::create(t.path().join("stor.bin")).unwrap();
    big.set_len(2 << 30).unwrap();
    let reads = Reads::watch(&[t.path(), secret.path()]);
    let (o, pdf, _out) = report_with(t.path());
    assert!(o.status.success(), "{}", stderr(&o));
    assert!(pdf.exists());
    let seen = reads.seen();
    // The watch sees what is read: main.typ, by the binary.
    assert!(seen.contains(&t.path().join("main.typ")), "{seen:?}");
    // Nothing through the links, nor the FIFO or the large file. (Where the
    // link to / leads is not watched: that it is not walked shows in the
    // report ending at all.)
    let never: Vec<&PathBuf> = seen
        .iter()
        .filter(|p| {
            p.starts_with(secret.path())
                || ["ud", "pw.txt", "ror", "stor.bin"]
                    .iter()
                    .any(|n| **p == t.path().join(n))
        })
        .collect();
    assert!(never.is_empty(), "opened or read: {never:?}");
    // The link to a file outside is refused, as the path itself would be,
    // and the file is not opened to find out.
    let t = template_with("\n#read(\"pw.txt\")\n");
    symlink(secret.path().join("secret.txt"), t.path().join("pw.txt")).unwrap();
    let reads = Reads::watch(&[secret.path()]);
    let (o, pdf, _out) = report_with(t.path());
    assert_eq!(o.status.code(), Some(1));
    assert_contains!(stderr(&o), "access denied", "pw.txt");
    assert!(!stderr(&o).contains("hemmeligt"));
    assert_eq!(reads.seen(), Vec::<PathBuf>::new());
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
