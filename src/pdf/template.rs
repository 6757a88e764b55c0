//! The report template: Typst sources and fonts, embedded in the binary or
//! read from a folder (`--template DIR`) so a designer can change the look
//! without rebuilding.
//!
//! Presentation lives entirely in `report-templates/`; this module only
//! carries its files to the renderer.

use std::path::{Path, PathBuf};

use crate::pdf::error::RenderError;

/// The template's entry point for a report, relative to its folder.
pub const MAIN: &str = "main.typ";

/// The entry point for the overview of all kommuner (the batch's own PDF).
pub const OVERSIGT: &str = "oversigt.typ";

/// Where a template came from, for messages.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Origin {
    /// Compiled into the binary from `report-templates/`.
    Embedded,
    /// Read from this folder.
    Dir(PathBuf),
}

/// The files of a template and the fonts it may use.
#[derive(Debug, Clone)]
pub struct Template {
    /// Files by path relative to the template folder (`main.typ`, `lib/chart.typ`).
    pub files: Vec<(String, Vec<u8>)>,
    /// Font files (OTF/TTF), the embedded ones first.
    pub fonts: Vec<&'static [u8]>,
    /// Extra fonts found in a template folder.
    pub extra_fonts: Vec<Vec<u8>>,
    /// Where the files came from.
    pub origin: Origin,
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
    "kapitler/indledning.typ",
    "kapitler/kapitel-1.typ",
    "kapitler/kapitel-2.typ",
    "kapitler/kapitel-4.typ",
    "kapitler/kapitel-5.typ",
    "lib/alt.typ",
    "lib/bilag.typ",
    "lib/chart-base.typ",
    "lib/chart.typ",
    "lib/data.typ",
    "lib/format.typ",
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

    /// Reads every file below `dir`; `.otf`/`.ttf` files become extra fonts
    /// (the embedded fonts stay available).
    pub fn from_dir(dir: &Path) -> Result<Template, RenderError> {
        let io = |path: &Path, e: std::io::Error| RenderError::Io {
            path: path.to_path_buf(),
            message: e.to_string(),
        };
        if !dir.join(MAIN).is_file() {
            return Err(RenderError::NoMainFile {
                dir: dir.to_path_buf(),
            });
        }
        let mut files = Vec::new();
        let mut extra_fonts = Vec::new();
        let mut pending = vec![dir.to_path_buf()];
        while let Some(folder) = pending.pop() {
            let mut entries: Vec<PathBuf> = std::fs::read_dir(&folder)
                .map_err(|e| io(&folder, e))?
                .map(|e| e.map(|e| e.path()).map_err(|e| io(&folder, e)))
                .collect::<Result<_, _>>()?;
            entries.sort();
            for path in entries {
                if path.is_dir() {
                    pending.push(path);
                    continue;
                }
                let bytes = std::fs::read(&path).map_err(|e| io(&path, e))?;
                let ext = path.extension().and_then(|e| e.to_str()).unwrap_or("");
                if ext.eq_ignore_ascii_case("otf") || ext.eq_ignore_ascii_case("ttf") {
                    extra_fonts.push(bytes);
                } else {
                    let rel = path
                        .strip_prefix(dir)
                        .expect("files are found below the folder")
                        .components()
                        .map(|c| c.as_os_str().to_string_lossy().into_owned())
                        .collect::<Vec<_>>()
                        .join("/");
                    files.push((rel, bytes));
                }
            }
        }
        files.sort();
        Ok(Template {
            files,
            fonts: EMBEDDED_FONTS.to_vec(),
            extra_fonts,
            origin: Origin::Dir(dir.to_path_buf()),
        })
    }

    /// How a template file is named in messages: its real path.
    pub fn display_name(&self, rel: &str) -> String {
        match &self.origin {
            Origin::Embedded => format!("report-templates/{rel}"),
            Origin::Dir(dir) => dir.join(rel).display().to_string(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_embedded_template_has_its_main_file_and_fonts() {
        let t = Template::embedded();
        assert!(t.files.iter().any(|(p, _)| p == MAIN));
        assert_eq!(t.fonts.len(), 4);
        assert_eq!(
            t.display_name("lib/chart.typ"),
            "report-templates/lib/chart.typ"
        );
    }

    #[test]
    fn a_folder_without_main_typ_is_refused() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(dir.path().join("other.typ"), "x").unwrap();
        let e = Template::from_dir(dir.path()).unwrap_err();
        assert!(e.to_string().contains("has no main.typ"), "{e}");
    }

    #[test]
    fn the_shipped_folder_reads_like_the_embedded_template() {
        let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("report-templates");
        let t = Template::from_dir(&dir).unwrap();
        let embedded = Template::embedded();
        for (path, bytes) in &embedded.files {
            let found = t.files.iter().find(|(p, _)| p == path).map(|(_, b)| b);
            assert_eq!(found, Some(bytes), "{path} differs from the embedded copy");
        }
        for (path, _) in t.files.iter().filter(|(p, _)| p.ends_with(".typ")) {
            assert!(
                embedded.files.iter().any(|(p, _)| p == path),
                "{path} is in report-templates/ but not embedded: add it to EMBEDDED_FILES"
            );
        }
        assert_eq!(t.extra_fonts.len(), 4);
    }
}
