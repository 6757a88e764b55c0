//! The Typst `World`: what the compiler may see.
//!
//! [`Base`] is built once (standard library, fonts, font book) and shared by
//! every report; it reads and parses each template file once, when Typst
//! first asks for it. [`ReportWorld`] adds one report's data and date on top
//! and only delegates. There is no network, no package
//! registry and no system font scan: the template and its fonts are all there is.

use std::collections::HashMap;
use std::sync::Mutex;

use typst::diag::{FileError, FileResult};
use typst::foundations::{Bytes, Datetime};
use typst::syntax::{FileId, RootedPath, Source, VirtualPath, VirtualRoot};
use typst::text::{Font, FontBook};
use typst::utils::LazyHash;
use typst::{Library, LibraryExt, World};
use typst_kit::diagnostics::DiagnosticWorld;

use crate::pdf::error::RenderError;
use crate::pdf::template::{MAIN, Template};

/// The virtual file through which a report's data reaches the template.
pub const DATA_FILE: &str = "data.json";

/// The virtual file with every kommune's status (the Bilag's data). It is
/// the same for every report of a month, so Typst reuses whatever the
/// template computes from it alone (see `lib/bilag.typ`).
pub const OVERSIGT_FILE: &str = "oversigt.json";

/// The interned id of a template-relative path.
pub fn file_id(rel: &str) -> Result<FileId, RenderError> {
    let vpath = VirtualPath::new(format!("/{rel}")).map_err(|e| RenderError::BadPath {
        file: rel.to_string(),
        reason: e.to_string(),
    })?;
    Ok(RootedPath::new(VirtualRoot::Project, vpath).intern())
}

/// Everything that is the same for every report.
pub struct Base {
    /// Typst's standard library.
    library: LazyHash<Library>,
    /// Metadata of the fonts, for font selection.
    book: LazyHash<FontBook>,
    /// The fonts themselves.
    fonts: Vec<Font>,
    /// Where template files come from.
    template: Template,
    /// Template sources, each parsed once, when Typst first asks for it.
    sources: Mutex<HashMap<FileId, FileResult<Source>>>,
    /// Template files as bytes, each read once, when Typst first asks for it.
    files: Mutex<HashMap<FileId, FileResult<Bytes>>>,
    /// The id of the data file.
    data: FileId,
    /// The id of the overview file.
    oversigt: FileId,
}

impl Base {
    /// Loads the fonts and builds the library; the template's files are read
    /// as Typst asks for them. The entry point must be there.
    pub fn new(template: &Template) -> Result<Base, RenderError> {
        let fonts: Vec<Font> = template
            .fonts
            .iter()
            .map(|b| Bytes::new(*b))
            .chain(template.extra_fonts.iter().map(|b| Bytes::new(b.clone())))
            .flat_map(Font::iter)
            .collect();
        let base = Base {
            library: LazyHash::new(Library::default()),
            book: LazyHash::new(FontBook::from_fonts(&fonts)),
            fonts,
            template: template.clone(),
            sources: Mutex::default(),
            files: Mutex::default(),
            data: file_id(DATA_FILE)?,
            oversigt: file_id(OVERSIGT_FILE)?,
        };
        base.entry(MAIN)?;
        Ok(base)
    }

    /// Whether one of the fonts has a glyph for `c`.
    pub fn covers(&self, c: char) -> bool {
        self.fonts
            .iter()
            .any(|f| f.info().coverage.contains(u32::from(c)))
    }

    /// The id of an entry point (`main.typ`, `oversigt.typ`), if the template has it.
    pub fn entry(&self, rel: &str) -> Result<FileId, RenderError> {
        let id = file_id(rel)?;
        match self.source(id) {
            Ok(_) => Ok(id),
            Err(FileError::NotFound(_)) => Err(RenderError::MissingEntry {
                file: rel.to_string(),
            }),
            Err(source) => Err(RenderError::File {
                file: self.name(id),
                source,
            }),
        }
    }

    /// A template file's bytes, read on first request.
    fn bytes(&self, id: FileId) -> FileResult<Bytes> {
        if let Some(bytes) = self.files.lock().expect("no reader panics").get(&id) {
            return bytes.clone();
        }
        // Read without the lock: a slow disk holds up only this file's readers.
        let read = self
            .template
            .read(id.vpath().get_without_slash())
            .map(Bytes::new);
        let mut files = self.files.lock().expect("no reader panics");
        files.entry(id).or_insert(read).clone()
    }

    /// A template source, parsed on first request.
    fn source(&self, id: FileId) -> FileResult<Source> {
        if let Some(source) = self.sources.lock().expect("no parser panics").get(&id) {
            return source.clone();
        }
        let parsed = self.bytes(id).and_then(|bytes| {
            let text = std::str::from_utf8(&bytes).map_err(|_| FileError::InvalidUtf8)?;
            Ok(Source::new(id, text.to_string()))
        });
        let mut sources = self.sources.lock().expect("no parser panics");
        sources.entry(id).or_insert(parsed).clone()
    }

    /// How a file is named in diagnostics: its real path.
    fn name(&self, id: FileId) -> String {
        if id == self.data {
            format!("<data for the report>/{DATA_FILE}")
        } else if id == self.oversigt {
            format!("<data for the report>/{OVERSIGT_FILE}")
        } else {
            self.template.display_name(id.vpath().get_without_slash())
        }
    }
}

/// One report's view of the world: the shared base, its entry point, data and date.
pub struct ReportWorld<'a> {
    /// What all reports share.
    base: &'a Base,
    /// The file to compile.
    main: FileId,
    /// The report's data as JSON, served as [`DATA_FILE`].
    data: Bytes,
    /// The overview as JSON, served as [`OVERSIGT_FILE`].
    oversigt: Bytes,
    /// The date `datetime.today()` gives.
    today: Datetime,
}

impl<'a> ReportWorld<'a> {
    /// A world over `base` compiling `main`, serving `data` and `oversigt`
    /// and dated `today`.
    pub fn new(
        base: &'a Base,
        main: FileId,
        data: Bytes,
        oversigt: Bytes,
        today: Datetime,
    ) -> Self {
        ReportWorld {
            base,
            main,
            data,
            oversigt,
            today,
        }
    }

    /// A world without data: for exporting a laid-out document and for
    /// naming the spans of a timing trace, where no data file is read.
    pub fn without_data(base: &'a Base, main: FileId, today: Datetime) -> Self {
        ReportWorld::new(
            base,
            main,
            Bytes::new(Vec::new()),
            Bytes::new(Vec::new()),
            today,
        )
    }
}

impl World for ReportWorld<'_> {
    fn library(&self) -> &LazyHash<Library> {
        &self.base.library
    }

    fn book(&self) -> &LazyHash<FontBook> {
        &self.base.book
    }

    fn main(&self) -> FileId {
        self.main
    }

    fn source(&self, id: FileId) -> FileResult<Source> {
        self.base.source(id)
    }

    fn file(&self, id: FileId) -> FileResult<Bytes> {
        if id == self.base.data {
            return Ok(self.data.clone());
        }
        if id == self.base.oversigt {
            return Ok(self.oversigt.clone());
        }
        self.base.bytes(id)
    }

    fn font(&self, index: usize) -> Option<Font> {
        self.base.fonts.get(index).cloned()
    }

    fn today(&self, _offset: Option<typst::foundations::Duration>) -> Option<Datetime> {
        Some(self.today)
    }
}

impl DiagnosticWorld for ReportWorld<'_> {
    fn name(&self, id: FileId) -> String {
        self.base.name(id)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn what_a_template_lacks_is_told_by_kind() {
        let base = Base::new(&Template::embedded()).unwrap();
        assert!(base.entry(MAIN).is_ok());
        let e = base.entry("nope.typ").unwrap_err();
        assert!(
            matches!(&e, RenderError::MissingEntry { file } if file == "nope.typ"),
            "{e:?}"
        );
        assert_eq!(e.to_string(), "the template has no nope.typ");
        let e = file_id("../ud.typ").unwrap_err();
        assert!(matches!(e, RenderError::BadPath { .. }), "{e:?}");
    }
}
