//! Helpers shared by the integration tests: running the binary, and the library's per-article
//! path with the bundled gazetteer (loaded once per test binary).
// Each test binary uses only some of these.
#![allow(dead_code)]

use std::path::PathBuf;
use std::process::{Command, Output};
use std::sync::OnceLock;

use badia::gazetteer::Gazetteer;
use badia::model::{Article, Event};
use badia::pipeline::Extractor;

pub const BIN: &str = env!("CARGO_BIN_EXE_badia");

/// The project folder, where the binary runs.
pub fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// Runs `badia` with `args` in the project folder.
pub fn badia(args: &[&str]) -> Output {
    Command::new(BIN)
        .args(args)
        .current_dir(root())
        .output()
        .expect("run badia")
}

/// An extractor over the bundled gazetteer.
pub fn extractor() -> &'static Extractor {
    static EXTRACTOR: OnceLock<Extractor> = OnceLock::new();
    EXTRACTOR.get_or_init(|| Extractor::new(Gazetteer::load_default().expect("gazetteer").0))
}

/// The events of one article with no publication date.
pub fn events_of(text: &str) -> Vec<Event> {
    let article = Article {
        id: "row".into(),
        origin: "row.txt".into(),
        text: text.into(),
        ..Article::default()
    };
    extractor().article_events(&article)
}

/// Whether QGIS's Python bindings (Debian's `python3-qgis`) are installed; the QGIS checks
/// are skipped without them.
pub fn has_qgis() -> bool {
    Command::new(QGIS_PYTHON)
        .args(["-c", "import qgis.core"])
        .output()
        .is_ok_and(|o| o.status.success())
}

/// The Python that QGIS's bindings are installed for.
const QGIS_PYTHON: &str = "/usr/bin/python3";

/// Runs the QGIS script `tests/qgis/SCRIPT` on `args`, off screen, with a private runtime
/// folder made in `scratch` and the `env` given; asserts it succeeded and returns what it
/// printed.
pub fn run_qgis<S: AsRef<std::ffi::OsStr>>(
    script: &str,
    args: &[S],
    scratch: &std::path::Path,
    env: &[(&str, &str)],
) -> String {
    let runtime = scratch.join("xdg");
    std::fs::create_dir(&runtime).unwrap();
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        std::fs::set_permissions(&runtime, std::fs::Permissions::from_mode(0o700)).unwrap();
    }
    let out = Command::new(QGIS_PYTHON)
        .arg(root().join("tests/qgis").join(script))
        .args(args)
        .env("QT_QPA_PLATFORM", "offscreen")
        .env("XDG_RUNTIME_DIR", &runtime)
        .envs(env.iter().copied())
        .output()
        .unwrap();
    let text = String::from_utf8_lossy(&out.stdout).into_owned();
    assert!(
        out.status.success(),
        "{text}{}",
        String::from_utf8_lossy(&out.stderr)
    );
    text
}
