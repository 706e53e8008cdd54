//! Writing a whole folder atomically: the files go into a temporary folder beside the target,
//! which then takes the target's place in one step (Linux `renameat2(RENAME_EXCHANGE)`;
//! elsewhere two renames). An interrupted run leaves the previous folder as it was, plus at
//! worst a `.badia-map-*` temporary folder beside it that is safe to delete.
//!
//! Replacing a folder deletes what was in it, so only a folder that badia wrote (it holds the
//! marker file [`MARKER`]) or an empty one is ever replaced.

use std::path::{Path, PathBuf};

use crate::error::Error;

/// The file that marks a folder as written by `badia map`.
pub const MARKER: &str = ".badia-map";

/// Fills a new folder with `fill` and puts it in place of `target`.
pub fn replace_dir<F>(target: &Path, fill: F) -> Result<(), Error>
where
    F: FnOnce(&Path) -> Result<(), Error>,
{
    check_replaceable(target)?;
    let parent = match target.parent() {
        Some(p) if !p.as_os_str().is_empty() => p.to_path_buf(),
        _ => PathBuf::from("."),
    };
    std::fs::create_dir_all(&parent).map_err(|e| Error::io(&parent, e))?;
    let tmp = tempfile::Builder::new()
        .prefix(".badia-map-")
        .tempdir_in(&parent)
        .map_err(|e| Error::io(target, e))?;
    fill(tmp.path())?;
    std::fs::write(tmp.path().join(MARKER), "written by badia map\n")
        .map_err(|e| Error::io(target, e))?;
    make_listable(tmp.path());
    if let Ok(d) = std::fs::File::open(tmp.path()) {
        // Durability of the entries before the swap; failing here only weakens crash safety.
        let _ = d.sync_all();
    }
    if target.exists() {
        swap(tmp.path(), target)?;
        // `tmp` now names the previous folder; dropping it deletes it.
        drop(tmp);
    } else {
        let path = tmp.keep();
        std::fs::rename(&path, target).map_err(|e| {
            let _ = std::fs::remove_dir_all(&path);
            Error::io(target, e)
        })?;
    }
    Ok(())
}

/// A target may be replaced when it does not exist, is empty, or carries the marker.
fn check_replaceable(target: &Path) -> Result<(), Error> {
    let meta = match std::fs::symlink_metadata(target) {
        Ok(m) => m,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(()),
        Err(e) => return Err(Error::io(target, e)),
    };
    if !meta.is_dir() {
        return Err(Error::InFile {
            path: target.to_path_buf(),
            message: "exists and is not a folder".into(),
        });
    }
    let empty = std::fs::read_dir(target)
        .map_err(|e| Error::io(target, e))?
        .next()
        .is_none();
    if empty || target.join(MARKER).is_file() {
        Ok(())
    } else {
        Err(Error::InFile {
            path: target.to_path_buf(),
            message: format!(
                "exists and was not written by badia map (no {MARKER} file); \
                 choose a new or empty folder"
            ),
        })
    }
}

/// Exchanges the new folder `new` with `target` in one step.
#[cfg(target_os = "linux")]
fn swap(new: &Path, target: &Path) -> Result<(), Error> {
    use rustix::fs::{renameat_with, RenameFlags, CWD};
    match renameat_with(CWD, new, CWD, target, RenameFlags::EXCHANGE) {
        Ok(()) => Ok(()),
        // Filesystems without RENAME_EXCHANGE: fall back to two renames.
        Err(_) => swap_by_renames(new, target),
    }
}

#[cfg(not(target_os = "linux"))]
fn swap(new: &Path, target: &Path) -> Result<(), Error> {
    swap_by_renames(new, target)
}

/// Moves `target` aside, `new` into its place, then the old folder to `new`'s name (so the
/// caller deletes it). Between the first two renames `target` is briefly absent.
fn swap_by_renames(new: &Path, target: &Path) -> Result<(), Error> {
    let mut aside = new.as_os_str().to_owned();
    aside.push("-old");
    let aside = PathBuf::from(aside);
    std::fs::rename(target, &aside).map_err(|e| Error::io(target, e))?;
    if let Err(e) = std::fs::rename(new, target) {
        let _ = std::fs::rename(&aside, target);
        return Err(Error::io(target, e));
    }
    std::fs::rename(&aside, new).map_err(|e| Error::io(new, e))
}

/// Temporary folders are created private (0700); a map folder is meant to be served.
#[cfg(unix)]
fn make_listable(dir: &Path) {
    use std::os::unix::fs::PermissionsExt;
    let _ = std::fs::set_permissions(dir, std::fs::Permissions::from_mode(0o755));
}

#[cfg(not(unix))]
fn make_listable(_dir: &Path) {}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn replaces_a_marked_folder_and_keeps_it_on_failure() {
        let root = tempfile::tempdir().unwrap();
        let target = root.path().join("map");
        replace_dir(&target, |d| {
            std::fs::write(d.join("a.txt"), "one").map_err(|e| Error::io(d, e))
        })
        .unwrap();
        assert_eq!(
            std::fs::read_to_string(target.join("a.txt")).unwrap(),
            "one"
        );

        let failed = replace_dir(&target, |d| {
            std::fs::write(d.join("a.txt"), "half").map_err(|e| Error::io(d, e))?;
            Err(Error::Format("interrupted".into()))
        });
        assert!(failed.is_err());
        assert_eq!(
            std::fs::read_to_string(target.join("a.txt")).unwrap(),
            "one"
        );

        replace_dir(&target, |d| {
            std::fs::write(d.join("b.txt"), "two").map_err(|e| Error::io(d, e))
        })
        .unwrap();
        assert!(!target.join("a.txt").exists());
        assert_eq!(
            std::fs::read_to_string(target.join("b.txt")).unwrap(),
            "two"
        );
        let left: Vec<_> = std::fs::read_dir(root.path()).unwrap().collect();
        assert_eq!(left.len(), 1, "no temporary folder left behind");
    }

    #[test]
    fn refuses_a_folder_it_did_not_write() {
        let root = tempfile::tempdir().unwrap();
        std::fs::write(root.path().join("precious.txt"), "keep").unwrap();
        let err = replace_dir(root.path(), |_| Ok(())).unwrap_err();
        assert!(
            err.to_string().contains("not written by badia map"),
            "{err}"
        );
        assert!(root.path().join("precious.txt").exists());
    }
}
