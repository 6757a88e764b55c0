//! Reading an extract's bytes and decoding them to text.
//!
//! Real Danish CSV files arrive in UTF-8 (with or without a byte-order mark),
//! UTF-16 with a byte-order mark, or Windows-1252 (Excel's "CSV
//! (semikolonsepareret)"). A file that mixes UTF-8 with other bytes is refused
//! rather than guessed at, so `Sorø` never turns into `SorÃ¸`.
//!
//! Only a regular file is read, and only up to [`MAX_EXTRACT_BYTES`]: a
//! FIFO would wait for a writer for ever and a device (`/dev/zero`) never
//! ends, so both are refused by name before a byte is read.

use std::fmt;
use std::io::Read;
use std::path::Path;

use crate::error::{DataError, ErrorKind, Hint};
use crate::extract::table::Table;

/// The largest extract read, in bytes. A national fokusmål extract of four
/// years is 6 MB (the fixtures); ten years of it, about 15 MB. A file
/// beyond this is no extract, and reading it could exhaust the memory.
pub const MAX_EXTRACT_BYTES: u64 = 256 << 20;

/// Reads and decodes a file, naming it `display` in messages.
pub fn read_table(path: &Path, display: &str) -> Result<Table, DataError> {
    let bytes = read_file(path, MAX_EXTRACT_BYTES).map_err(|e| {
        let err = DataError::file(ErrorKind::Io, display, e.to_string());
        match e {
            Unreadable::Io(e) if e.kind() == std::io::ErrorKind::NotFound => {
                err.with(Hint::CheckDataFolder)
            }
            _ => err,
        }
    })?;
    Table::parse(display, decode_owned(display, bytes)?)
}

/// As [`decode`], taking the bytes: UTF-8, the usual case, becomes text
/// without a copy.
pub fn decode_owned(file: &str, bytes: Vec<u8>) -> Result<String, DataError> {
    let utf16 = matches!(
        encoding_rs::Encoding::for_bom(&bytes),
        Some((e, _)) if e != encoding_rs::UTF_8
    );
    if utf16 || memchr::memchr(0, &bytes).is_some() {
        return decode(file, &bytes);
    }
    String::from_utf8(bytes).or_else(|e| decode(file, e.as_bytes()))
}

/// Why a file was not read.
#[derive(Debug)]
pub enum Unreadable {
    /// It is not a regular file: a folder, a FIFO, a device, a socket.
    NotAFile(&'static str),
    /// It is larger than the limit.
    TooLarge {
        /// Its size in bytes.
        size: u64,
        /// The limit in bytes.
        limit: u64,
    },
    /// The system could not open or read it.
    Io(std::io::Error),
}

impl fmt::Display for Unreadable {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Unreadable::NotAFile(what) => write!(f, "is {what}, not a regular file"),
            Unreadable::TooLarge { size, limit } => write!(
                f,
                "is {size} bytes, over the limit of {} MB ({limit} bytes)",
                limit >> 20
            ),
            Unreadable::Io(e) => write!(f, "cannot be read: {e}"),
        }
    }
}

/// Reads a file that must be a regular file of at most `limit` bytes. What
/// it is is looked at before it is opened, so that a FIFO is never waited
/// on and a device never read; it is opened without waiting (a FIFO put in
/// its place meanwhile is refused, not waited on) and read no further than
/// the limit, should it grow.
pub fn read_file(path: &Path, limit: u64) -> Result<Vec<u8>, Unreadable> {
    let kind = |meta: &std::fs::Metadata| -> Result<(), Unreadable> {
        if meta.is_file() {
            return Ok(());
        }
        Err(Unreadable::NotAFile(file_kind(&meta.file_type())))
    };
    kind(&std::fs::metadata(path).map_err(Unreadable::Io)?)?;
    let mut options = std::fs::OpenOptions::new();
    options.read(true);
    #[cfg(unix)]
    std::os::unix::fs::OpenOptionsExt::custom_flags(&mut options, libc::O_NONBLOCK);
    let file = options.open(path).map_err(Unreadable::Io)?;
    let meta = file.metadata().map_err(Unreadable::Io)?;
    kind(&meta)?;
    if meta.len() > limit {
        return Err(Unreadable::TooLarge {
            size: meta.len(),
            limit,
        });
    }
    let mut bytes = Vec::with_capacity(meta.len() as usize);
    file.take(limit + 1)
        .read_to_end(&mut bytes)
        .map_err(Unreadable::Io)?;
    if bytes.len() as u64 > limit {
        return Err(Unreadable::TooLarge {
            size: bytes.len() as u64,
            limit,
        });
    }
    Ok(bytes)
}

/// What a file that is not a regular file is, as a message names it.
fn file_kind(t: &std::fs::FileType) -> &'static str {
    #[cfg(unix)]
    {
        use std::os::unix::fs::FileTypeExt;
        if t.is_fifo() {
            return "a named pipe (FIFO)";
        }
        if t.is_char_device() || t.is_block_device() {
            return "a device";
        }
        if t.is_socket() {
            return "a socket";
        }
    }
    if t.is_dir() { "a folder" } else { "not a file" }
}

/// Decodes a file's bytes to text: UTF-8 (BOM optional), UTF-16 with a BOM,
/// or else Windows-1252. A file that mixes UTF-8 with other bytes is refused
/// rather than guessed at, so `Sorø` never turns into `SorÃ¸`.
pub fn decode(file: &str, bytes: &[u8]) -> Result<String, DataError> {
    let encoding_err = |message: String| {
        DataError::file(ErrorKind::Encoding, file, message)
            .with_hint("save the file as UTF-8 (in Excel: \"CSV UTF-8\") and try again")
    };
    if let Some((encoding, bom_len)) = encoding_rs::Encoding::for_bom(bytes) {
        let body = &bytes[bom_len..];
        let (text, had_errors) = encoding.decode_without_bom_handling(body);
        if had_errors {
            let line = first_bad_line(encoding, body);
            return Err(encoding_err(format!(
                "is not valid {} (first bad bytes on line {line})",
                encoding.name()
            )));
        }
        return Ok(text.into_owned());
    }
    if let Some(pos) = bytes.iter().position(|&b| b == 0) {
        let line = 1 + bytes[..pos].iter().filter(|&&b| b == b'\n').count();
        return Err(encoding_err(format!(
            "holds a NUL byte on line {line}: it is a binary file or UTF-16 without a byte-order mark, not CSV text"
        )));
    }
    match std::str::from_utf8(bytes) {
        Ok(text) => Ok(text.to_string()),
        Err(e) => {
            let has_utf8_letters = bytes.utf8_chunks().any(|chunk| !chunk.valid().is_ascii());
            if has_utf8_letters {
                let line = 1 + bytes[..e.valid_up_to()]
                    .iter()
                    .filter(|&&b| b == b'\n')
                    .count();
                return Err(encoding_err(format!(
                    "mixes encodings: it holds UTF-8 text, but line {line} has bytes that are not UTF-8"
                )));
            }
            let (text, _) = encoding_rs::WINDOWS_1252.decode_without_bom_handling(bytes);
            Ok(text.into_owned())
        }
    }
}

fn first_bad_line(encoding: &'static encoding_rs::Encoding, body: &[u8]) -> usize {
    // Decode progressively and count newlines before the first replacement.
    let (text, _) = encoding.decode_without_bom_handling(body);
    let upto = text.find('\u{FFFD}').unwrap_or(text.len());
    1 + text[..upto].matches('\n').count()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn encodings() {
        let utf8 = "Område;Periode\nSorø;2020M08\n";
        assert_eq!(decode("f", utf8.as_bytes()).unwrap(), utf8);
        let mut bom = vec![0xEF, 0xBB, 0xBF];
        bom.extend_from_slice(utf8.as_bytes());
        assert_eq!(decode("f", &bom).unwrap(), utf8);
        let (cp1252, _, _) = encoding_rs::WINDOWS_1252.encode(utf8);
        assert_ne!(&*cp1252, utf8.as_bytes());
        assert_eq!(decode("f", &cp1252).unwrap(), utf8);
        let mut utf16 = vec![0xFF, 0xFE];
        for u in utf8.encode_utf16() {
            utf16.extend_from_slice(&u.to_le_bytes());
        }
        assert_eq!(decode("f", &utf16).unwrap(), utf8);
        let mut mixed = utf8.as_bytes().to_vec();
        mixed.extend_from_slice(b"S\xf8r\xf8;2020M09\n");
        let e = decode("f.csv", &mixed).unwrap_err();
        assert_eq!(e.kind, ErrorKind::Encoding);
        assert!(e.message.contains("line 3"), "{e}");
        let e = decode("f.csv", b"\x00\x01\x02garbage").unwrap_err();
        assert!(e.message.contains("NUL byte on line 1"), "{e}");
    }

    #[test]
    fn only_regular_files_within_the_limit_are_read() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("Y30R21.csv");
        std::fs::write(&path, b"Omr\xc3\xa5de;Periode\n").unwrap();
        assert_eq!(read_file(&path, 100).unwrap().len(), 16);
        let e = read_file(&path, 10).unwrap_err();
        assert_eq!(
            e.to_string(),
            "is 16 bytes, over the limit of 0 MB (10 bytes)"
        );
        let e = read_file(dir.path(), 100).unwrap_err();
        assert_eq!(e.to_string(), "is a folder, not a regular file");
        #[cfg(unix)]
        {
            let e = read_file(Path::new("/dev/zero"), 100).unwrap_err();
            assert_eq!(e.to_string(), "is a device, not a regular file");
        }
    }
}
