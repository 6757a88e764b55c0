//! How the batch and its worker processes talk: frames over the worker's
//! standard input (requests) and standard output (responses).
//!
//! A frame is a small JSON header saying what it is, then the byte strings
//! it carries (a report's `data.json`, the overview's, a file's path), each
//! preceded by its length as four bytes, little-endian:
//!
//! ```text
//! u32 header length, header (JSON), u32 blob count, { u32 blob length, blob }*
//! ```
//!
//! The data travel as the bytes the template reads, so a report made in a
//! worker is byte for byte the report the main process would have made.

use std::io::{self, Read, Write};
use std::path::{Path, PathBuf};

use serde::de::DeserializeOwned;
use serde::{Deserialize, Serialize};

use crate::domain::period::Month;
use crate::pdf::render::{Entry, Prepared};

/// What the batch asks of a worker.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub enum Request {
    /// The month whose documents follow. Blob: the month's `oversigt.json`.
    Month {
        /// The documents' date, `YYYY-MM-DD`.
        dato: String,
        /// Who publishes them, if anyone was named.
        udgiver: Option<String>,
    },
    /// Make a document and write it. Blobs: its `data.json`, then the path to write.
    Render {
        /// One kommune's report, or the overview on its own.
        overview: bool,
        /// The PDF's `/ID` seed (`jobcenterindblik/340/2020-08`), which makes its bytes reproducible.
        ident: String,
        /// Whether to write it: a document made only to warm the worker's
        /// caches (while the run's first report decides whether the run
        /// may write at all) is not.
        write: bool,
    },
}

/// What a worker answers.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub enum Response {
    /// A document is done: written, or failed with `error`.
    Done {
        /// Why nothing was written, if nothing was.
        error: Option<String>,
        /// Whether that reason would strike every document (the template,
        /// the folder), rather than this one's (a panic on its data).
        common: bool,
    },
    /// The worker is leaving (its standard input ended), with the most
    /// memory it held, in kB, where the system tells.
    Bye {
        /// Peak resident memory in kB.
        peak_kb: Option<u64>,
    },
}

/// A month's shared part, sent to each worker before its first document of the month.
pub struct Maaned {
    /// The month, which tells the worker when its documents' month changes.
    pub month: Month,
    /// The documents' date, `YYYY-MM-DD`.
    pub dato: String,
    /// The publisher named with `--udgiver`, if any.
    pub udgiver: Option<String>,
    /// Every kommune's status as the Bilag reads it, the same for every report of the month.
    pub oversigt: Vec<u8>,
}

/// One document to make.
pub struct Document {
    /// A report or the overview.
    pub entry: Entry,
    /// The PDF's `/ID` seed, which makes its bytes reproducible.
    pub ident: String,
    /// The report model and the document's facts, serialised once by the batch.
    pub data: Prepared,
    /// The file the worker writes, atomically.
    pub path: PathBuf,
    /// Whether to write it (see [`Request::Render`]'s `write`).
    pub write: bool,
}

/// A frame read: its header and the byte strings it carries.
#[derive(Debug)]
pub struct Frame<T> {
    /// The JSON header: which request or response.
    pub head: T,
    /// The byte strings that follow it, in the order the header's variant documents.
    pub blobs: Vec<Vec<u8>>,
}

/// The largest header or byte string a frame may hold: far beyond a
/// report's data (some 100 kB), far below what would exhaust memory when a
/// length is garbage.
const MAX_PART: u32 = 256 << 20;

/// The most byte strings one frame carries.
const MAX_BLOBS: u32 = 4;

/// Writes one frame and flushes it.
pub fn write<T: Serialize>(w: &mut impl Write, head: &T, blobs: &[&[u8]]) -> io::Result<()> {
    let header = serde_json::to_vec(head).map_err(io::Error::other)?;
    put(w, &header)?;
    w.write_all(&(blobs.len() as u32).to_le_bytes())?;
    for blob in blobs {
        put(w, blob)?;
    }
    w.flush()
}

fn put(w: &mut impl Write, bytes: &[u8]) -> io::Result<()> {
    let len = u32::try_from(bytes.len())
        .ok()
        .filter(|&n| n <= MAX_PART)
        .ok_or_else(|| io::Error::other("a frame part is too large"))?;
    w.write_all(&len.to_le_bytes())?;
    w.write_all(bytes)
}

/// Reads one frame; `None` when the stream ends before one begins.
pub fn read<T: DeserializeOwned>(r: &mut impl Read) -> io::Result<Option<Frame<T>>> {
    let mut len = [0u8; 4];
    match r.read_exact(&mut len) {
        Ok(()) => {}
        Err(e) if e.kind() == io::ErrorKind::UnexpectedEof => return Ok(None),
        Err(e) => return Err(e),
    }
    let header = take(r, u32::from_le_bytes(len))?;
    let head = serde_json::from_slice(&header).map_err(io::Error::other)?;
    let count = u32::from_le_bytes(take(r, 4)?.try_into().expect("four bytes"));
    if count > MAX_BLOBS {
        return Err(io::Error::other("a frame carries too many parts"));
    }
    let blobs = (0..count)
        .map(|_| {
            let len = u32::from_le_bytes(take(r, 4)?.try_into().expect("four bytes"));
            take(r, len)
        })
        .collect::<io::Result<_>>()?;
    Ok(Some(Frame { head, blobs }))
}

fn take(r: &mut impl Read, len: u32) -> io::Result<Vec<u8>> {
    if len > MAX_PART {
        return Err(io::Error::other("a frame part is too large"));
    }
    let mut bytes = vec![0; len as usize];
    r.read_exact(&mut bytes)?;
    Ok(bytes)
}

/// A path as bytes, to travel in a frame.
pub fn path_bytes(path: &Path) -> Vec<u8> {
    #[cfg(unix)]
    {
        use std::os::unix::ffi::OsStrExt;
        path.as_os_str().as_bytes().to_vec()
    }
    #[cfg(not(unix))]
    {
        path.to_string_lossy().into_owned().into_bytes()
    }
}

/// A path from the bytes [`path_bytes`] made.
pub fn path_from(bytes: Vec<u8>) -> PathBuf {
    #[cfg(unix)]
    {
        use std::os::unix::ffi::OsStringExt;
        PathBuf::from(std::ffi::OsString::from_vec(bytes))
    }
    #[cfg(not(unix))]
    {
        PathBuf::from(String::from_utf8_lossy(&bytes).into_owned())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn frames_round_trip_and_end_cleanly() {
        let mut buf = Vec::new();
        let month = Request::Month {
            dato: "2020-09-01".into(),
            udgiver: Some("Sorø Kommune".into()),
        };
        write(&mut buf, &month, &[b"{\"x\":1}"]).unwrap();
        let render = Request::Render {
            overview: false,
            ident: "jobcenterindblik/340/2020-08".into(),
            write: true,
        };
        let path = Path::new("ud/Sorø-2020-08.pdf");
        write(&mut buf, &render, &[b"{}", &path_bytes(path)]).unwrap();
        let mut r = buf.as_slice();
        let f: Frame<Request> = read(&mut r).unwrap().unwrap();
        assert_eq!((f.head, f.blobs), (month, vec![b"{\"x\":1}".to_vec()]));
        let f: Frame<Request> = read(&mut r).unwrap().unwrap();
        assert_eq!(f.head, render);
        assert_eq!(path_from(f.blobs[1].clone()), path);
        assert!(read::<Request>(&mut r).unwrap().is_none(), "a clean end");
    }

    #[test]
    fn a_cut_or_absurd_frame_is_an_error_not_a_huge_allocation() {
        let mut buf = Vec::new();
        write(&mut buf, &Response::Bye { peak_kb: Some(1) }, &[]).unwrap();
        let cut = &buf[..buf.len() - 1];
        assert!(read::<Response>(&mut &cut[..]).is_err());
        let absurd = u32::MAX.to_le_bytes();
        assert!(read::<Response>(&mut &absurd[..]).is_err());
    }
}
