//! The on-disk layout of an index folder, shared by the writer and the readers.
//!
//! ```text
//! DIR/gongwen.json     {"format": "gongwen", "schema_version": N}, written last at creation
//! DIR/public/          tantivy index of 主动公开 documents: the only one the public API opens
//! DIR/restricted/      tantivy index of every other document: staff endpoints only
//! ```

use std::path::Path;

/// The version file.
pub const LAYOUT_FILE: &str = "gongwen.json";
/// Folder of the public index.
pub const PUBLIC_DIR: &str = "public";
/// Folder of the restricted index.
pub const RESTRICTED_DIR: &str = "restricted";

/// Contents of [`LAYOUT_FILE`].
#[derive(Debug, Clone, serde::Serialize, serde::Deserialize)]
pub struct Layout {
    /// Always `gongwen`.
    pub format: String,
    /// [`crate::SCHEMA_VERSION`] of the writer.
    pub schema_version: u32,
}

/// Whether `dir` holds an index that an older version of gongwen wrote (its layout file read
/// whole, and its version below this one's): never true of a damaged layout file, or of one a
/// newer version wrote.
pub fn older_version(dir: &Path) -> bool {
    std::fs::read_to_string(dir.join(LAYOUT_FILE))
        .ok()
        .and_then(|t| serde_json::from_str::<Layout>(&t).ok())
        .is_some_and(|l| l.format == "gongwen" && l.schema_version < crate::SCHEMA_VERSION)
}

/// Read and check the layout file of `dir`: `Err` says, for a person, why the folder cannot
/// be opened by this version.
pub fn check(dir: &Path) -> Result<Layout, String> {
    let path = dir.join(LAYOUT_FILE);
    let text = std::fs::read_to_string(&path).map_err(|e| {
        format!(
            "{}: not a gongwen index (cannot read {LAYOUT_FILE}: {e})",
            dir.display()
        )
    })?;
    let layout: Layout = serde_json::from_str(&text)
        .map_err(|e| format!("{}: not a gongwen index ({LAYOUT_FILE}: {e})", dir.display()))?;
    if layout.schema_version != crate::SCHEMA_VERSION {
        return Err(format!(
            "{}: index layout version {} is not {}; rebuild it with `gongwen index` into a new folder",
            dir.display(),
            layout.schema_version,
            crate::SCHEMA_VERSION
        ));
    }
    Ok(layout)
}
