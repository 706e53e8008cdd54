//! The `badia` command: parses arguments and hands over to the library (see `cli`).

mod cli;

/// Events are built, encoded, decoded and formatted on several threads and freed on others:
/// jemalloc's per-thread caches spend about a tenth less time than the system allocator on it
/// (measured on the 100k benchmark corpus).
#[cfg(all(feature = "jemalloc", not(target_env = "msvc")))]
#[global_allocator]
static GLOBAL: tikv_jemallocator::Jemalloc = tikv_jemallocator::Jemalloc;

fn main() -> std::process::ExitCode {
    cli::main()
}
