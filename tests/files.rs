//! Odd files on either side (issue 18): what `-o` names is never replaced
//! unless it is a regular file (a FIFO, a device, a link, a private file
//! keep what they are), and what is read (an extract, a side of `diff`) is
//! a regular file of a sane size, or refused by name before it is read.
#![cfg(unix)]

use std::os::unix::fs::{FileTypeExt, PermissionsExt, symlink};
use std::path::Path;
use std::process::{Command, Output, Stdio};
use std::time::Duration;

use crate::util::{Cmd, fixtures_in, stderr, stdout};

/// Runs the binary with `args`, under 2 GB of address space, and kills it
/// (failing the test) if it has not ended within a minute: a FIFO that is
/// waited on, or `/dev/zero` read to the end, must fail the test, not hang
/// it or take the machine's memory.
fn bounded(cmd: Cmd) -> Output {
    cmd.limit_memory(2 << 30).timeout(60).run()
}

/// Makes a FIFO at `path`.
fn mkfifo(path: &Path) {
    let made = Command::new("mkfifo").arg(path).status();
    assert!(made.is_ok_and(|s| s.success()), "mkfifo runs");
}

/// Sorø's August 2020 model as JSON, written with `-o out`.
fn report_to(out: &Path) -> Output {
    bounded(Cmd::report("Sorø", "2020-08").json().fixtures().out(out))
}

#[test]
fn o_writes_into_a_fifo_and_keeps_it_one() {
    let dir = tempfile::tempdir().unwrap();
    let fifo = dir.path().join("ror");
    mkfifo(&fifo);
    // The reader waits for the writer; once the rename replaced the FIFO,
    // no writer ever came.
    let (send, read) = std::sync::mpsc::channel();
    let path = fifo.clone();
    std::thread::spawn(move || send.send(std::fs::read(path).unwrap()));
    let o = report_to(&fifo);
    assert!(o.status.success(), "{}", stderr(&o));
    let bytes = read
        .recv_timeout(Duration::from_secs(30))
        .expect("the report went into the FIFO");
    let model: serde_json::Value = serde_json::from_slice(&bytes).unwrap();
    assert_eq!(model["kommune"]["navn"], "Sorø");
    assert!(std::fs::metadata(&fifo).unwrap().file_type().is_fifo());
    assert_eq!(std::fs::read_dir(dir.path()).unwrap().count(), 1);
}

#[test]
fn a_fifo_may_wait_for_its_reader_longer_than_the_time_limit() {
    // --timeout limits laying the report out, not the wait for a reader.
    let dir = tempfile::tempdir().unwrap();
    let fifo = dir.path().join("ror");
    mkfifo(&fifo);
    let report = Cmd::report("Sorø", "2020-08")
        .fixtures()
        .out(&fifo)
        .args(["--timeout", "1"])
        .start();
    std::thread::sleep(Duration::from_secs(3));
    let bytes = std::fs::read(&fifo).unwrap();
    let o = report.wait();
    assert!(o.status.success(), "{}", stderr(&o));
    assert!(bytes.starts_with(b"%PDF-"));
}

#[test]
fn o_writes_through_a_link_and_keeps_a_private_files_permissions() {
    let dir = tempfile::tempdir().unwrap();
    let private = dir.path().join("privat.json");
    std::fs::write(&private, "{}").unwrap();
    std::fs::set_permissions(&private, std::fs::Permissions::from_mode(0o600)).unwrap();
    let link = dir.path().join("seneste.json");
    symlink("privat.json", &link).unwrap();
    let o = report_to(&link);
    assert!(o.status.success(), "{}", stderr(&o));
    let meta = std::fs::symlink_metadata(&link).unwrap();
    assert!(meta.file_type().is_symlink(), "the link stays a link");
    let meta = std::fs::metadata(&private).unwrap();
    assert_eq!(meta.permissions().mode() & 0o777, 0o600, "still private");
    assert_contains!(std::fs::read_to_string(&private).unwrap(), "\"Sorø\"");
    // A link to a device: the device is written, the link stays.
    let null = dir.path().join("null");
    symlink("/dev/null", &null).unwrap();
    let o = report_to(&null);
    assert!(o.status.success(), "{}", stderr(&o));
    assert!(
        std::fs::symlink_metadata(&null)
            .unwrap()
            .file_type()
            .is_symlink()
    );
    assert!(
        std::fs::metadata("/dev/null")
            .unwrap()
            .file_type()
            .is_char_device()
    );
}

#[test]
fn o_writes_into_a_device_and_keeps_it_one() {
    // As root `-o /dev/null` once replaced the system's /dev/null with a
    // regular file. A null device of our own, where the system lets us
    // make one (root outside a locked-down container), shows it safely.
    let dir = tempfile::tempdir().unwrap();
    let device = dir.path().join("null");
    let made = Command::new("mknod")
        .arg(&device)
        .args(["c", "1", "3"])
        .stderr(Stdio::null())
        .status();
    if !made.is_ok_and(|s| s.success()) {
        eprintln!("mknod is not allowed here; the FIFO test covers what is not a regular file");
        return;
    }
    let o = report_to(&device);
    assert!(o.status.success(), "{}", stderr(&o));
    assert!(
        std::fs::metadata(&device)
            .unwrap()
            .file_type()
            .is_char_device()
    );
    // A folder is no file.
    let o = report_to(dir.path());
    assert_eq!(o.status.code(), Some(1));
    assert_contains!(stderr(&o), "it is a folder; name a file");
}

#[test]
fn o_dev_stdout_writes_where_standard_output_goes() {
    // `/dev/stdout` is a link to `/proc/self/fd/1`, whose text is a pipe's
    // name or the path the shell opened: not a path to replace.
    let dir = tempfile::tempdir().unwrap();
    let log = dir.path().join("log");
    std::fs::write(&log, "earlier line\n").unwrap();
    let shell = |script: &str| {
        Command::new("sh")
            .arg("-c")
            .arg(script)
            .current_dir(env!("CARGO_MANIFEST_DIR"))
            .output()
            .unwrap()
    };
    let bin = crate::util::BIN;
    let report = format!("\"{bin}\" report -k Sorø -p 2020-08 --format json -o /dev/stdout");
    let o = shell(&format!("{report} >> \"{}\"", log.display()));
    assert!(o.status.success(), "{}", stderr(&o));
    let text = std::fs::read_to_string(&log).unwrap();
    assert!(
        text.starts_with("earlier line\n{"),
        "appended, not replaced: {}",
        &text[..40]
    );
    let o = shell(&format!("{report} | cat"));
    assert!(o.status.success(), "{}", stderr(&o));
    assert!(
        stdout(&o).starts_with("{\n  \"model_version\""),
        "{}",
        stderr(&o)
    );
}

/// A copy of the fixtures whose `Y30R21.csv` is what `make` puts there.
fn data_with_y30r21(make: impl FnOnce(&Path)) -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    fixtures_in(dir.path(), "Y30R21.csv", make);
    dir
}

#[test]
fn an_extract_that_is_no_regular_file_is_refused_by_name() {
    let fifo = data_with_y30r21(mkfifo);
    let zero = data_with_y30r21(|p| symlink("/dev/zero", p).unwrap());
    let huge = data_with_y30r21(|p| {
        // Sparse: it takes no disk, but says it holds 256 MB and a byte.
        let f = std::fs::File::create(p).unwrap();
        f.set_len((256 << 20) + 1).unwrap();
    });
    for (data, why) in [
        (
            &fifo,
            "Y30R21.csv: is a named pipe (FIFO), not a regular file",
        ),
        (&zero, "Y30R21.csv: is a device, not a regular file"),
        (
            &huge,
            "Y30R21.csv: is 268435457 bytes, over the limit of 256 MB",
        ),
    ] {
        for cmd in [
            Cmd::new(["validate"]),
            Cmd::new(["tilsyn", "--aar", "2021"]),
            Cmd::report("Sorø", "2020-08").json(),
        ] {
            let o = bounded(cmd.data(data.path()));
            assert_eq!(o.status.code(), Some(1), "{why}: {}", stderr(&o));
            assert_contains!(stderr(&o), why);
            assert!(o.stdout.is_empty(), "{why}");
        }
    }
}

#[test]
fn diff_refuses_what_it_cannot_read_with_exit_2() {
    let dir = tempfile::tempdir().unwrap();
    let json = dir.path().join("a.json");
    std::fs::write(&json, "{}").unwrap();
    let fifo = dir.path().join("ror.json");
    mkfifo(&fifo);
    let big = dir.path().join("stor.json");
    std::fs::File::create(&big)
        .unwrap()
        .set_len((64 << 20) + 1)
        .unwrap();
    for (side, why) in [
        (
            fifo.as_path(),
            "ror.json: is a named pipe (FIFO), not a regular file",
        ),
        (
            Path::new("/dev/zero"),
            "/dev/zero: is a device, not a regular file",
        ),
        (
            big.as_path(),
            "stor.json: is 67108865 bytes, over the limit of 64 MB",
        ),
    ] {
        let o = bounded(Cmd::new([Path::new("diff"), json.as_path(), side]));
        assert_eq!(o.status.code(), Some(2), "{side:?}: {}", stderr(&o));
        assert_contains!(stderr(&o), why);
        assert_eq!(stdout(&o), "");
    }
    // Inside two folders, a FIFO named .json is refused as well.
    let (old, new) = (dir.path().join("old"), dir.path().join("new"));
    for d in [&old, &new] {
        std::fs::create_dir(d).unwrap();
        std::fs::write(d.join("status.json"), "[]").unwrap();
    }
    mkfifo(&old.join("Sorø-2020-08.json"));
    std::fs::write(new.join("Sorø-2020-08.json"), "{}").unwrap();
    let o = bounded(Cmd::new([Path::new("diff"), old.as_path(), new.as_path()]));
    assert_eq!(o.status.code(), Some(2), "{}", stderr(&o));
    assert_contains!(stderr(&o), "Sorø-2020-08.json: is a named pipe (FIFO)");
}
