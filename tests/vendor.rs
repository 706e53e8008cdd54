//! The browser libraries vendored under `web/vendor/` (and compiled into the binary) are the
//! ones `web/package-lock.json` pins: each file's recorded version equals the lock file's, its
//! SHA-256 equals the recorded one, and, when `npm ci` has installed the locked packages (which
//! checks them against the lock file's integrity hashes; CI does this), it is byte for byte the
//! file of that package.

use std::path::{Path, PathBuf};

use serde_json::Value;
use sha2::{Digest, Sha256};

fn web() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("web")
}

fn json(path: &Path) -> Value {
    serde_json::from_str(&std::fs::read_to_string(path).unwrap()).unwrap()
}

fn sha256(bytes: &[u8]) -> String {
    Sha256::digest(bytes)
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect()
}

#[test]
fn vendored_files_match_the_lock_file() {
    let lock = json(&web().join("package-lock.json"));
    let sources = json(&web().join("vendor/SOURCES.json"));
    let sources = sources.as_object().unwrap();
    assert!(sources.contains_key("maplibre-gl.js") && sources.contains_key("pmtiles.js"));
    let mut compared = 0;
    for (file, s) in sources {
        let package = s["package"].as_str().unwrap();
        let locked = &lock["packages"][format!("node_modules/{package}")];
        assert_eq!(
            s["version"], locked["version"],
            "{file}: vendored {package} version differs from package-lock.json"
        );
        assert!(locked["integrity"].as_str().unwrap().starts_with("sha512-"));
        let bytes = std::fs::read(web().join("vendor").join(file)).unwrap();
        assert_eq!(
            sha256(&bytes),
            s["sha256"].as_str().unwrap(),
            "{file}: hash"
        );
        let installed = web().join("node_modules").join(package);
        if installed.join("package.json").is_file() {
            let meta = json(&installed.join("package.json"));
            assert_eq!(meta["version"], locked["version"], "run `npm ci` in web/");
            let original = std::fs::read(installed.join(s["path"].as_str().unwrap())).unwrap();
            assert!(
                original == bytes,
                "{file} differs from {package}'s own file"
            );
            compared += 1;
        }
    }
    if compared == 0 {
        assert!(
            std::env::var_os("CI").is_none(),
            "CI must run `npm ci` in web/ so the vendored files are checked against the packages"
        );
        eprintln!("web/node_modules absent: vendored files checked against SOURCES.json only");
    }
}

#[test]
fn maplibre_is_a_5x_umd_build_with_its_worker_inlined() {
    let js = std::fs::read_to_string(web().join("vendor/maplibre-gl.js")).unwrap();
    let lock = json(&web().join("package-lock.json"));
    let version = lock["packages"]["node_modules/maplibre-gl"]["version"]
        .as_str()
        .unwrap();
    assert!(
        version.starts_with("5."),
        "5.x inlines its worker: {version}"
    );
    assert!(js.contains(&format!("/v{version}/LICENSE.txt")));
}
