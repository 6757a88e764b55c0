//! The report template: Typst sources and fonts, embedded in the binary or
//! read from a folder (`--template DIR`) so a designer can change the look
//! without rebuilding. A folder is read lazily and only inside itself: a
//! link out of it, a FIFO or a huge unrelated file is never read.
//!
//! Presentation lives entirely in `report-templates/`; this module only
//! carries its files to the renderer.

use std::path::{Path, PathBuf};

use typst::diag::{FileError, FileResult};

use crate::pdf::error::RenderError;

/// The template's entry point for a report, relative to its folder.
pub const MAIN: &str = "main.typ";

/// The entry point for the overview of all kommuner (the batch's own PDF).
pub const OVERSIGT: &str = "oversigt.typ";

/// Where a template's files come from beyond those held in memory.
#[derive(Debug, Clone)]
pub enum Origin {
    /// Compiled into the binary from `report-templates/`.
    Embedded,
    /// Read from a folder, on Typst's request only.
    Dir(Root),
}

/// The files of a template and the fonts it may use.
#[derive(Debug, Clone)]
pub struct Template {
    /// Files held in memory, by path relative to the template folder
    /// (`main.typ`, `lib/chart.typ`): the embedded template's, and any that
    /// replace a folder's. They are looked up first.
    pub files: Vec<(String, Vec<u8>)>,
    /// Font files (OTF/TTF), the embedded ones first.
    pub fonts: Vec<&'static [u8]>,
    /// Extra fonts found in a template folder.
    pub extra_fonts: Vec<Vec<u8>>,
    /// Where further files come from.
    pub origin: Origin,
}

/// A template folder as a boundary: files are read only from below its real
/// path, only when they are regular files, and only up to [`FILE_LIMIT`].
#[derive(Debug, Clone)]
pub struct Root {
    /// The folder as the user named it, for messages.
    shown: PathBuf,
    /// The folder's real path (symbolic links resolved).
    real: PathBuf,
}

/// The largest file a template may read, in bytes: far above any source,
/// image or data file a report needs.
pub const FILE_LIMIT: u64 = 64 << 20;

/// How many entries the search for fonts looks at, and how deep: a template
/// folder holds a few dozen files.
const SCAN_LIMIT: usize = 10_000;
const SCAN_DEPTH: usize = 8;

impl Root {
    /// The boundary at `dir`, which must exist.
    fn new(dir: &Path) -> std::io::Result<Root> {
        Ok(Root {
            shown: dir.to_path_buf(),
            real: dir.canonicalize()?,
        })
    }

    /// Reads `rel` if its real path lies inside the folder and it is a
    /// regular file no larger than [`FILE_LIMIT`]. A symbolic link that
    /// leads out of the folder is refused, and a FIFO or device is never
    /// opened (opening a FIFO would wait for a writer).
    pub fn read(&self, rel: &str) -> FileResult<Vec<u8>> {
        let outward = Path::new(rel).components().any(|c| {
            !matches!(
                c,
                std::path::Component::Normal(_) | std::path::Component::CurDir
            )
        });
        if outward {
            return Err(FileError::AccessDenied);
        }
        let path = self.real.join(rel);
        let real = path
            .canonicalize()
            .map_err(|e| FileError::from_io(e, &path))?;
        if !real.starts_with(&self.real) {
            return Err(FileError::AccessDenied);
        }
        let meta = std::fs::metadata(&real).map_err(|e| FileError::from_io(e, &real))?;
        if meta.is_dir() {
            return Err(FileError::IsDirectory);
        }
        if !meta.is_file() {
            return Err(FileError::Other(Some("not a regular file".into())));
        }
        if meta.len() > FILE_LIMIT {
            return Err(FileError::Other(Some(
                format!("larger than {} MB", FILE_LIMIT >> 20).into(),
            )));
        }
        std::fs::read(&real).map_err(|e| FileError::from_io(e, &real))
    }

    /// The font files below the folder (`.otf`, `.ttf`), read. Symbolic
    /// links to folders are not followed; a linked font file is read if it
    /// lies inside the folder.
    fn fonts(&self, shown: &Path) -> Result<Vec<Vec<u8>>, RenderError> {
        let mut fonts = Vec::new();
        let mut seen = 0;
        let mut pending = vec![(PathBuf::new(), 0)];
        while let Some((rel, depth)) = pending.pop() {
            let folder = self.real.join(&rel);
            let mut entries: Vec<_> = std::fs::read_dir(&folder)
                .and_then(|d| d.collect::<Result<Vec<_>, _>>())
                .map_err(|e| io_error(&shown.join(&rel), e))?;
            entries.sort_by_key(|e| e.file_name());
            for entry in entries {
                seen += 1;
                if seen > SCAN_LIMIT {
                    return Err(RenderError::TooManyFiles {
                        dir: shown.to_path_buf(),
                        limit: SCAN_LIMIT,
                    });
                }
                let name = rel.join(entry.file_name());
                let kind = entry
                    .file_type()
                    .map_err(|e| io_error(&shown.join(&name), e))?;
                if kind.is_dir() && depth < SCAN_DEPTH {
                    pending.push((name, depth + 1));
                } else if is_font(&name) {
                    let rel = name.to_string_lossy();
                    match self.read(&rel) {
                        Ok(bytes) => fonts.push(bytes),
                        // A link out of the folder, a FIFO or a directory
                        // named .otf is no font of the template's.
                        Err(FileError::AccessDenied | FileError::IsDirectory) => {}
                        Err(FileError::Other(_)) if !kind.is_file() => {}
                        Err(source) => {
                            return Err(RenderError::File {
                                file: shown.join(&name).display().to_string(),
                                source,
                            });
                        }
                    }
                }
            }
        }
        Ok(fonts)
    }
}

fn is_font(path: &Path) -> bool {
    let ext = path.extension().and_then(|e| e.to_str()).unwrap_or("");
    ext.eq_ignore_ascii_case("otf") || ext.eq_ignore_ascii_case("ttf")
}

fn io_error(path: &Path, source: std::io::Error) -> RenderError {
    RenderError::Io {
        path: path.to_path_buf(),
        source,
    }
}

macro_rules! embedded {
    ($($path:literal),* $(,)?) => {
        &[$(($path, include_bytes!(concat!("../../report-templates/", $path)))),*]
    };
}

/// The template files compiled into the binary.
const EMBEDDED_FILES: &[(&str, &[u8])] = embedded!(
    "main.typ",
    "oversigt.typ",
    "kapitler/bilag.typ",
    "kapitler/forside.typ",
    "kapitler/kapitel-1.typ",
    "kapitler/kapitel-2.typ",
    "kapitler/kapitel-4.typ",
    "kapitler/kapitel-5.typ",
    "kapitler/om-rapporten.typ",
    "kapitler/sammenfatning.typ",
    "lib/alt.typ",
    "lib/bilag.typ",
    "lib/chart-base.typ",
    "lib/chart.typ",
    "lib/data.typ",
    "lib/format.typ",
    "lib/hvad.typ",
    "lib/komponenter.typ",
    "lib/status.typ",
    "lib/style.typ",
    "lib/tekster.typ",
);

/// The fonts compiled into the binary: Inter (SIL Open Font License 1.1,
/// `report-templates/fonts/OFL.txt`).
const EMBEDDED_FONTS: &[&[u8]] = &[
    include_bytes!("../../report-templates/fonts/Inter-Regular.otf"),
    include_bytes!("../../report-templates/fonts/Inter-Italic.otf"),
    include_bytes!("../../report-templates/fonts/Inter-SemiBold.otf"),
    include_bytes!("../../report-templates/fonts/Inter-Bold.otf"),
];

impl Template {
    /// The template that ships in the binary.
    pub fn embedded() -> Template {
        Template {
            files: EMBEDDED_FILES
                .iter()
                .map(|(p, b)| (p.to_string(), b.to_vec()))
                .collect(),
            fonts: EMBEDDED_FONTS.to_vec(),
            extra_fonts: Vec::new(),
            origin: Origin::Embedded,
        }
    }

    /// A template folder. Nothing but its fonts (`.otf`/`.ttf`, added to the
    /// embedded ones) is read now; every other file is read when Typst asks
    /// for it, and only from inside the folder (see [`Root::read`]).
    pub fn from_dir(dir: &Path) -> Result<Template, RenderError> {
        let root = Root::new(dir).map_err(|e| io_error(dir, e))?;
        match root.read(MAIN) {
            Ok(_) => {}
            Err(FileError::NotFound(_) | FileError::AccessDenied | FileError::IsDirectory) => {
                return Err(RenderError::NoMainFile {
                    dir: dir.to_path_buf(),
                });
            }
            Err(source) => {
                return Err(RenderError::File {
                    file: dir.join(MAIN).display().to_string(),
                    source,
                });
            }
        }
        Ok(Template {
            files: Vec::new(),
            extra_fonts: root.fonts(dir)?,
            fonts: EMBEDDED_FONTS.to_vec(),
            origin: Origin::Dir(root),
        })
    }

    /// The bytes of a template file: from memory if held there, else from
    /// the folder.
    pub fn read(&self, rel: &str) -> FileResult<Vec<u8>> {
        if let Some((_, bytes)) = self.files.iter().find(|(p, _)| p == rel) {
            return Ok(bytes.clone());
        }
        match &self.origin {
            Origin::Dir(root) => root.read(rel),
            Origin::Embedded => Err(FileError::NotFound(PathBuf::from(rel))),
        }
    }

    /// How a template file is named in messages: its real path.
    pub fn display_name(&self, rel: &str) -> String {
        match &self.origin {
            Origin::Embedded => format!("report-templates/{rel}"),
            Origin::Dir(root) => root.shown.join(rel).display().to_string(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A file of the shipped template folder, read from the disk.
    fn shipped(rel: &str) -> Vec<u8> {
        let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("report-templates");
        std::fs::read(dir.join(rel)).unwrap()
    }

    #[test]
    fn the_embedded_template_has_its_main_file_and_fonts() {
        let t = Template::embedded();
        assert!(t.read(MAIN) == Ok(shipped(MAIN)), "main.typ as shipped");
        // The four Inter fonts, each known by the family, style and weight
        // the font file itself declares, and as shipped; no other.
        let mut fonts: Vec<_> = t
            .fonts
            .iter()
            .map(|&bytes| {
                let info = typst::text::FontInfo::new(bytes, 0).expect("a font");
                let style = format!("{:?}", info.variant.style);
                let weight = info.variant.weight.to_number();
                ((info.family, style, weight), bytes)
            })
            .collect();
        for (file, style, weight) in [
            ("Inter-Regular", "Normal", 400),
            ("Inter-Italic", "Italic", 400),
            ("Inter-SemiBold", "Normal", 600),
            ("Inter-Bold", "Normal", 700),
        ] {
            let name = ("Inter".to_string(), style.to_string(), weight);
            let Some(i) = fonts.iter().position(|(n, _)| *n == name) else {
                panic!(
                    "no {file} among {:?}",
                    fonts.iter().map(|f| &f.0).collect::<Vec<_>>()
                );
            };
            let (_, bytes) = fonts.remove(i);
            assert!(
                bytes == shipped(&format!("fonts/{file}.otf")),
                "{file}.otf as shipped"
            );
        }
        let others: Vec<_> = fonts.iter().map(|f| &f.0).collect();
        assert!(others.is_empty(), "only the four: {others:?}");
        assert_eq!(
            t.display_name("lib/chart.typ"),
            "report-templates/lib/chart.typ"
        );
    }

    #[test]
    fn the_shipped_folder_reads_like_the_embedded_template() {
        let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("report-templates");
        let t = Template::from_dir(&dir).unwrap();
        let embedded = Template::embedded();
        for (path, bytes) in &embedded.files {
            assert_eq!(
                t.read(path).as_ref(),
                Ok(bytes),
                "{path} differs from the embedded copy"
            );
        }
        let mut pending = vec![dir.clone()];
        while let Some(d) = pending.pop() {
            for entry in std::fs::read_dir(&d).unwrap() {
                let path = entry.unwrap().path();
                if path.is_dir() {
                    pending.push(path);
                } else if path.extension().is_some_and(|e| e == "typ") {
                    let rel = path
                        .strip_prefix(&dir)
                        .unwrap()
                        .to_string_lossy()
                        .replace('\\', "/");
                    assert!(
                        embedded.files.iter().any(|(p, _)| *p == rel),
                        "{rel} is in report-templates/ but not embedded: add it to EMBEDDED_FILES"
                    );
                }
            }
        }
        // The folder's fonts are found, and are the embedded ones.
        let mut found: Vec<&[u8]> = t.extra_fonts.iter().map(Vec::as_slice).collect();
        let mut embedded_fonts = embedded.fonts.clone();
        found.sort();
        embedded_fonts.sort();
        assert!(found == embedded_fonts, "the four fonts of fonts/");
    }

    #[cfg(unix)]
    #[test]
    fn a_folder_is_read_inside_itself_only() {
        use std::os::unix::fs::symlink;
        let outside = tempfile::tempdir().unwrap();
        std::fs::write(outside.path().join("secret.txt"), "secret").unwrap();
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(dir.path().join(MAIN), "= Hej").unwrap();
        std::fs::write(dir.path().join("own.txt"), "own").unwrap();
        symlink(outside.path().join("secret.txt"), dir.path().join("pw.txt")).unwrap();
        symlink(outside.path(), dir.path().join("ud")).unwrap();
        symlink(
            dir.path().join("own.txt"),
            dir.path().join("inside-link.txt"),
        )
        .unwrap();
        let fifo = dir.path().join("fifo.typ");
        let made = std::process::Command::new("mkfifo").arg(&fifo).status();
        let t = Template::from_dir(dir.path()).unwrap();
        assert_eq!(t.read("own.txt"), Ok(b"own".to_vec()));
        assert_eq!(t.read("inside-link.txt"), Ok(b"own".to_vec()));
        assert_eq!(t.read("pw.txt"), Err(FileError::AccessDenied));
        assert_eq!(t.read("ud/secret.txt"), Err(FileError::AccessDenied));
        assert_eq!(t.read("../secret.txt"), Err(FileError::AccessDenied));
        if made.is_ok_and(|s| s.success()) {
            // Read at once, not after a writer opens it: never opened.
            assert!(matches!(t.read("fifo.typ"), Err(FileError::Other(_))));
        }
    }

    #[test]
    fn a_large_file_is_not_read() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(dir.path().join(MAIN), "= Hej").unwrap();
        let big = std::fs::File::create(dir.path().join("big.bin")).unwrap();
        big.set_len(FILE_LIMIT + 1).unwrap();
        let t = Template::from_dir(dir.path()).unwrap();
        assert!(matches!(t.read("big.bin"), Err(FileError::Other(_))));
    }
}
