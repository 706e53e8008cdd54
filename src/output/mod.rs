//! Writers: GeoJSON, NDJSON and the ACLED CSV. Every file is written atomically: the bytes go
//! to a temporary file beside the target, which is renamed over it only when complete, so a
//! crash never leaves a half-written file and the previous output survives an interrupted run.

pub mod acled;
pub mod geojson;

use std::io::Write;
use std::path::Path;

use crate::error::Error;

/// Writes a file atomically: `fill` writes into a temporary file in the same folder, which then
/// replaces `path`. On any error the temporary file is removed and `path` is left as it was.
pub fn write_atomic<F>(path: &Path, fill: F) -> Result<(), Error>
where
    F: FnOnce(&mut dyn Write) -> std::io::Result<()>,
{
    let mut tmp = temp_beside(path)?;
    {
        let mut w = std::io::BufWriter::new(tmp.as_file_mut());
        fill(&mut w).map_err(|e| Error::io(path, e))?;
        w.flush().map_err(|e| Error::io(path, e))?;
    }
    persist(tmp, path)
}

/// A temporary file in the folder of `path` (so that renaming it onto `path` is atomic),
/// named `.badia-*.tmp`; it is removed when dropped unless [`persist`]ed.
pub(crate) fn temp_beside(path: &Path) -> Result<tempfile::NamedTempFile, Error> {
    let dir = match path.parent() {
        Some(d) if !d.as_os_str().is_empty() => d,
        _ => Path::new("."),
    };
    tempfile::Builder::new()
        .prefix(".badia-")
        .suffix(".tmp")
        .tempfile_in(dir)
        .map_err(|e| Error::io(path, e))
}

/// Syncs a complete temporary file and renames it onto `path`.
pub(crate) fn persist(tmp: tempfile::NamedTempFile, path: &Path) -> Result<(), Error> {
    tmp.as_file().sync_all().map_err(|e| Error::io(path, e))?;
    make_readable(tmp.as_file(), path);
    tmp.persist(path).map_err(|e| Error::io(path, e.error))?;
    Ok(())
}

/// Temporary files are created private (0600); outputs are ordinary files, so give them the
/// permissions of the file they replace, or 0644.
#[cfg(unix)]
fn make_readable(file: &std::fs::File, target: &Path) {
    use std::os::unix::fs::PermissionsExt;
    let mode = std::fs::metadata(target)
        .map(|m| m.permissions().mode())
        .unwrap_or(0o644);
    // Failing to widen permissions leaves a private but complete file: not worth an error.
    let _ = file.set_permissions(std::fs::Permissions::from_mode(mode));
}

#[cfg(not(unix))]
fn make_readable(_file: &std::fs::File, _target: &Path) {}
