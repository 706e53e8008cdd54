//! A still image of the map (`badia map … --png FILE`): headless Chromium opens the page in
//! its still mode (`#still`: the map fills the window under the title, with the credit at
//! the foot, no panel and no buttons) and screenshots it. Chromium is found on the `PATH`
//! (`chromium`, `chromium-browser`, `google-chrome`) or named by `BADIA_CHROMIUM`.

use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use crate::error::Error;
use crate::output;

/// The browsers tried, in order.
const NAMES: [&str; 4] = [
    "chromium",
    "chromium-browser",
    "google-chrome",
    "google-chrome-stable",
];

/// The longest a render may take before it is given up.
const TIMEOUT: Duration = Duration::from_secs(120);

/// Chromium, from `BADIA_CHROMIUM` or the `PATH`.
pub fn find_chromium() -> Option<PathBuf> {
    if let Some(p) = std::env::var_os("BADIA_CHROMIUM") {
        return Some(PathBuf::from(p)).filter(|p| p.is_file());
    }
    let path = std::env::var_os("PATH")?;
    std::env::split_paths(&path)
        .flat_map(|dir| NAMES.iter().map(move |n| dir.join(n)))
        .find(|p| p.is_file())
}

/// Reads `WxH` (e.g. `1200x800`), each side 100 to 8000 pixels.
pub fn parse_size(text: &str) -> Result<(u32, u32), Error> {
    let bad = || {
        Error::Format(format!(
            "--size {text:?}: expected WIDTHxHEIGHT in pixels, e.g. 1200x800 (100 to 8000 each)"
        ))
    };
    let (w, h) = text.split_once(['x', 'X']).ok_or_else(bad)?;
    let side = |s: &str| {
        s.trim()
            .parse::<u32>()
            .ok()
            .filter(|v| (100..=8000).contains(v))
    };
    Ok((side(w).ok_or_else(bad)?, side(h).ok_or_else(bad)?))
}

/// Screenshots the page at `url` (its still mode is asked for here) into `out`, `size`
/// pixels, written atomically.
pub fn render_png(url: &str, out: &Path, size: (u32, u32)) -> Result<(), Error> {
    let chromium = find_chromium().ok_or_else(|| Error::InFile {
        path: out.to_path_buf(),
        message: "no image written: it needs headless Chromium (install `chromium`, or name \
                  the browser in BADIA_CHROMIUM)"
            .into(),
    })?;
    let scratch = tempfile::tempdir().map_err(|e| Error::io(out, e))?;
    let shot = scratch.path().join("still.png");
    let url = match url.split_once('#') {
        Some((page, _)) => format!("{page}#still"),
        None => format!("{url}#still"),
    };
    let mut child = Command::new(&chromium)
        .args([
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--enable-unsafe-swiftshader",
            "--hide-scrollbars",
            "--no-first-run",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            "--virtual-time-budget=60000",
        ])
        .arg(format!("--window-size={},{}", size.0, size.1))
        .arg(format!(
            "--user-data-dir={}",
            scratch.path().join("profile").display()
        ))
        .arg(format!("--screenshot={}", shot.display()))
        .arg(&url)
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .map_err(|e| Error::io(&chromium, e))?;
    let started = Instant::now();
    loop {
        if child
            .try_wait()
            .map_err(|e| Error::io(&chromium, e))?
            .is_some()
        {
            break;
        }
        if started.elapsed() > TIMEOUT {
            let _ = child.kill();
            let _ = child.wait();
            return Err(Error::InFile {
                path: out.to_path_buf(),
                message: format!("Chromium did not finish in {} s", TIMEOUT.as_secs()),
            });
        }
        std::thread::sleep(Duration::from_millis(100));
    }
    let png = std::fs::read(&shot).map_err(|_| Error::InFile {
        path: out.to_path_buf(),
        message: format!("{} wrote no image", chromium.display()),
    })?;
    output::write_atomic(out, |w| w.write_all(&png))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sizes() {
        assert_eq!(parse_size("1200x800").unwrap(), (1200, 800));
        assert_eq!(parse_size("360X640").unwrap(), (360, 640));
        for bad in ["1200", "x800", "0x800", "1200x90000", "axb"] {
            assert!(parse_size(bad).is_err(), "{bad}");
        }
    }
}
