//! The `badia` command: parses arguments and hands over to the library (see `cli`).

mod cli;

fn main() -> std::process::ExitCode {
    cli::main()
}
