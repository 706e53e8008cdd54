//! Writers: GeoJSON, NDJSON and the ACLED CSV. Every file is written atomically: the bytes go
//! to a temporary file beside the target, which is renamed over it only when complete, so a
//! crash never leaves a half-written file and the previous output survives an interrupted run.
//! A symbolic link's file is replaced, not the link; a device or a pipe (`-o /dev/null`) can be
//! written but not replaced, so it is written directly.

pub mod acled;
pub mod geojson;
pub mod gpkg;
pub mod style;

use std::borrow::Borrow;
use std::io::Write;
use std::path::{Path, PathBuf};

use rayon::prelude::*;

use crate::error::Error;
use crate::model::Event;

/// The formats events are written in.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum EventFormat {
    /// An RFC 7946 FeatureCollection.
    Geojson,
    /// One GeoJSON Feature per line.
    Ndjson,
    /// ACLED's 31 columns.
    AcledCsv,
}

/// Writes events one at a time, as they come, in one of the [`EventFormat`]s.
pub struct EventWriter<'w> {
    out: Out<'w>,
    written: usize,
}

enum Out<'w> {
    Features {
        w: &'w mut dyn Write,
        collection: bool,
    },
    // Boxed: the CSV writer carries its buffer state inline.
    Acled(Box<csv::Writer<&'w mut dyn Write>>),
}

impl<'w> EventWriter<'w> {
    /// Starts the output (the collection's opening, the CSV header).
    pub fn new(w: &'w mut dyn Write, format: EventFormat) -> std::io::Result<EventWriter<'w>> {
        let out = match format {
            EventFormat::Geojson => {
                geojson::start_collection(w)?;
                Out::Features {
                    w,
                    collection: true,
                }
            }
            EventFormat::Ndjson => Out::Features {
                w,
                collection: false,
            },
            EventFormat::AcledCsv => Out::Acled(Box::new(acled::start(w)?)),
        };
        Ok(EventWriter { out, written: 0 })
    }

    pub fn write(&mut self, e: &Event) -> std::io::Result<()> {
        self.write_all(std::slice::from_ref(e))
    }

    /// Writes events in order, formatting them in parallel.
    pub fn write_all(&mut self, events: &[Event]) -> std::io::Result<()> {
        self.write_each(events.par_iter())
    }

    /// [`EventWriter::write_all`] for events that are done with: each is dropped where it is
    /// formatted, in parallel, instead of one by one afterwards.
    pub fn write_batch(&mut self, events: Vec<Event>) -> std::io::Result<()> {
        self.write_each(events.into_par_iter())
    }

    fn write_each<E: Borrow<Event> + Send>(
        &mut self,
        events: impl IndexedParallelIterator<Item = E>,
    ) -> std::io::Result<()> {
        match &mut self.out {
            Out::Features { w, collection } => {
                let lines: Vec<Vec<u8>> =
                    events.map(|e| geojson::feature_bytes(e.borrow())).collect();
                for line in lines {
                    if *collection && self.written > 0 {
                        w.write_all(b",")?;
                    }
                    w.write_all(&line)?;
                    w.write_all(b"\n")?;
                    self.written += 1;
                }
            }
            Out::Acled(csv) => {
                let rows: Vec<Vec<String>> = events.map(|e| acled::row(e.borrow())).collect();
                for row in rows {
                    csv.write_record(row).map_err(acled::io_error)?;
                    self.written += 1;
                }
            }
        }
        Ok(())
    }

    /// Ends the output (the collection's closing) and flushes it.
    pub fn finish(self) -> std::io::Result<()> {
        match self.out {
            Out::Features { w, collection } => {
                if collection {
                    geojson::end_collection(w)?;
                }
                w.flush()
            }
            Out::Acled(mut csv) => csv.flush(),
        }
    }
}

/// A date's year as chrono's `%Y` writes it: four digits, or a sign and at least four digits
/// outside 0 to 9999.
pub(crate) fn year(d: chrono::NaiveDate) -> String {
    use chrono::Datelike;
    let y = d.year();
    if (0..=9999).contains(&y) {
        format!("{y:04}")
    } else {
        format!("{y:+05}")
    }
}

/// Writes a file atomically: `fill` writes into a temporary file in the same folder, which then
/// replaces `path` (the file it links to, when it is a symbolic link). On any error the
/// temporary file is removed and `path` is left as it was. What cannot be replaced is written
/// as it is, appending: a device or a pipe (`/dev/null`), or one of the process's own open
/// files (`/dev/stdout`, which may be a file the shell opened for appending).
pub fn write_atomic<F>(path: &Path, fill: F) -> Result<(), Error>
where
    F: FnOnce(&mut dyn Write) -> std::io::Result<()>,
{
    if written_in_place(path) {
        let file = std::fs::OpenOptions::new()
            .append(true)
            .open(path)
            .map_err(|e| Error::io(path, e))?;
        return fill_buffered(file, fill).map_err(|e| Error::io(path, e));
    }
    let mut tmp = temp_beside(path)?;
    fill_buffered(tmp.as_file_mut(), fill).map_err(|e| Error::io(path, e))?;
    persist(tmp, path)
}

/// Runs `fill` on `out` through a buffer, flushed at the end.
fn fill_buffered<W, F>(out: W, fill: F) -> std::io::Result<()>
where
    W: Write,
    F: FnOnce(&mut dyn Write) -> std::io::Result<()>,
{
    let mut w = std::io::BufWriter::new(out);
    fill(&mut w)?;
    w.flush()
}

/// Links followed at most, as the kernel does.
const MAX_LINKS: usize = 40;

/// `path`, then each path its symbolic links lead to, one at a time (a relative link read
/// from its own folder).
fn links_from(path: &Path) -> impl Iterator<Item = PathBuf> {
    std::iter::successors(Some(path.to_path_buf()), |at| {
        let next = std::fs::read_link(at).ok()?;
        Some(match at.parent() {
            Some(folder) if next.is_relative() => folder.join(next),
            _ => next,
        })
    })
    .take(MAX_LINKS + 1)
}

/// The file that the links from `path` lead to, so that it is replaced and the links kept,
/// even when it does not exist yet; `path` itself when it is no link.
fn link_target(path: &Path) -> PathBuf {
    links_from(path)
        .last()
        .unwrap_or_else(|| path.to_path_buf())
}

/// Whether `path` is written as it is rather than replaced: it is, or links to, a device, a
/// pipe or a socket, or one of the process's open files (`/dev/stdout`, `/dev/fd/1`,
/// `/proc/self/fd/1`), whose link leads to whatever the shell opened.
fn written_in_place(path: &Path) -> bool {
    let open_file = |at: &Path| {
        at.starts_with("/dev/fd") || (at.starts_with("/proc") && at.iter().any(|c| c == "fd"))
    };
    let mut target = path.to_path_buf();
    for at in links_from(path) {
        if open_file(&at) {
            return true;
        }
        target = at;
    }
    std::fs::metadata(target).is_ok_and(|m| !m.is_file() && !m.is_dir())
}

/// A temporary file in the folder of the file `path` is or links to (so that renaming it there
/// is atomic), named `.badia-*.tmp`; it is removed when dropped unless [`persist`]ed. What
/// cannot be replaced by a file (a folder, a device, a pipe) is an error, found before any
/// work is done.
pub(crate) fn temp_beside(path: &Path) -> Result<tempfile::NamedTempFile, Error> {
    let refuse = |message: &str| Error::InFile {
        path: path.to_path_buf(),
        message: message.to_string(),
    };
    if written_in_place(path) {
        return Err(refuse("a device or a pipe, not a file: cannot be replaced"));
    }
    let target = link_target(path);
    if target.is_dir() {
        return Err(refuse("a folder, not a file: cannot be replaced"));
    }
    let dir = match target.parent() {
        Some(d) if !d.as_os_str().is_empty() => d,
        _ => Path::new("."),
    };
    tempfile::Builder::new()
        .prefix(".badia-")
        .suffix(".tmp")
        .tempfile_in(dir)
        .map_err(|e| Error::io(path, e))
}

/// Syncs a complete temporary file and renames it onto the file `path` is or links to.
pub(crate) fn persist(tmp: tempfile::NamedTempFile, path: &Path) -> Result<(), Error> {
    let target = link_target(path);
    tmp.as_file().sync_all().map_err(|e| Error::io(path, e))?;
    make_readable(tmp.as_file(), &target);
    tmp.persist(&target).map_err(|e| Error::io(path, e.error))?;
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

#[cfg(test)]
mod tests {
    use chrono::NaiveDate;

    #[cfg(target_os = "linux")]
    #[test]
    fn a_pipe_is_written_not_replaced() {
        use rustix::fs::{mkfifoat, Mode, CWD};
        let dir = tempfile::tempdir().unwrap();
        let fifo = dir.path().join("events.fifo");
        mkfifoat(CWD, &fifo, Mode::RUSR | Mode::WUSR).unwrap();
        let reader = {
            let fifo = fifo.clone();
            std::thread::spawn(move || std::fs::read(fifo).unwrap())
        };
        super::write_atomic(&fifo, |w| w.write_all(b"events")).unwrap();
        // Asked first: a file renamed over the pipe would leave the reader waiting forever.
        let kind = std::fs::symlink_metadata(&fifo).unwrap().file_type();
        assert!(!kind.is_file(), "{kind:?}");
        assert_eq!(reader.join().unwrap(), b"events");
        // Tiles need a file they can seek in: a pipe is refused, by name.
        let err = super::temp_beside(&fifo).unwrap_err().to_string();
        assert!(err.starts_with(&format!("{}: ", fifo.display())), "{err}");
    }

    #[cfg(unix)]
    #[test]
    fn a_link_stays_a_link_and_its_file_is_replaced() {
        let dir = tempfile::tempdir().unwrap();
        let file = dir.path().join("run-1.geojson");
        let link = dir.path().join("latest.geojson");
        std::fs::write(&file, "old").unwrap();
        std::os::unix::fs::symlink(&file, &link).unwrap();
        super::write_atomic(&link, |w| w.write_all(b"new")).unwrap();
        assert!(std::fs::symlink_metadata(&link)
            .unwrap()
            .file_type()
            .is_symlink());
        assert_eq!(std::fs::read_to_string(&file).unwrap(), "new");
        // Nothing else is left in the folder: the temporary file was renamed.
        assert_eq!(std::fs::read_dir(dir.path()).unwrap().count(), 2);
    }

    #[cfg(unix)]
    #[test]
    fn a_link_to_nowhere_gets_its_file() {
        let dir = tempfile::tempdir().unwrap();
        let link = dir.path().join("latest.geojson");
        // Relative, read from the link's folder.
        std::os::unix::fs::symlink("run-2.geojson", &link).unwrap();
        super::write_atomic(&link, |w| w.write_all(b"new")).unwrap();
        assert!(std::fs::symlink_metadata(&link)
            .unwrap()
            .file_type()
            .is_symlink());
        let file = dir.path().join("run-2.geojson");
        assert_eq!(std::fs::read_to_string(file).unwrap(), "new");
    }

    #[cfg(unix)]
    #[test]
    fn a_link_to_a_folder_is_refused_before_any_work() {
        let dir = tempfile::tempdir().unwrap();
        let link = dir.path().join("out");
        std::os::unix::fs::symlink(dir.path(), &link).unwrap();
        let mut filled = false;
        let err = super::write_atomic(&link, |_| {
            filled = true;
            Ok(())
        })
        .unwrap_err()
        .to_string();
        assert!(!filled);
        assert!(err.starts_with(&format!("{}: ", link.display())), "{err}");
    }

    #[test]
    fn years_and_dates_as_chrono_writes_them() {
        for (y, m, d) in [
            (2020, 4, 9),
            (1, 1, 1),
            (0, 12, 31),
            (9999, 2, 28),
            (-44, 3, 15),
        ]
        .into_iter()
        .chain([(10000, 1, 1), (262142, 6, 30)])
        {
            let date = NaiveDate::from_ymd_opt(y, m, d).unwrap_or_default();
            assert_eq!(super::year(date), date.format("%Y").to_string(), "{date:?}");
            assert_eq!(date.to_string(), date.format("%Y-%m-%d").to_string());
        }
    }
}
