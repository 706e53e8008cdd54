//! Writes a synthetic benchmark corpus (see `corpus/mod.rs`):
//!
//!     cargo bench --bench gen_corpus -- N FILE [SEED]
//!
//! N articles as JSON Lines to FILE (`-` for standard output); the same seed gives the same file.

use std::io::{BufWriter, Write};
use std::process::ExitCode;

use badia::gazetteer::Gazetteer;

mod corpus;

fn main() -> ExitCode {
    // `cargo bench` passes `--bench`; only positional arguments count.
    let args: Vec<String> = std::env::args()
        .skip(1)
        .filter(|a| !a.starts_with("--"))
        .collect();
    let (Some(n), Some(path)) = (args.first(), args.get(1)) else {
        eprintln!("usage: cargo bench --bench gen_corpus -- N FILE [SEED]");
        return ExitCode::SUCCESS;
    };
    let (Ok(n), Ok(seed)) = (
        n.parse::<usize>(),
        args.get(2).map_or(Ok(1), |s| s.parse::<u64>()),
    ) else {
        eprintln!("gen_corpus: N and SEED must be whole numbers");
        return ExitCode::from(2);
    };
    let (gaz, _) = match Gazetteer::load_default() {
        Ok(g) => g,
        Err(e) => {
            eprintln!("gen_corpus: cannot load the gazetteer: {e}");
            return ExitCode::from(2);
        }
    };
    let places = corpus::Places::from_gazetteer(&gaz);
    let result = if path == "-" {
        let stdout = std::io::stdout();
        let mut out = BufWriter::new(stdout.lock());
        corpus::write(&mut out, &places, n, seed).and_then(|()| out.flush())
    } else {
        std::fs::File::create(path).and_then(|f| {
            let mut out = BufWriter::new(f);
            corpus::write(&mut out, &places, n, seed)?;
            out.flush()
        })
    };
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("gen_corpus: cannot write {path}: {e}");
            ExitCode::from(2)
        }
    }
}
