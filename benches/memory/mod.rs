//! The benches' own memory, read from `/proc/self/status` (Linux); 0 elsewhere.

/// A field of `/proc/self/status` in kB (`"VmHWM:"`, the peak resident memory, or
/// `"VmRSS:"`, the resident memory now), 0 where /proc is absent.
pub fn status_kb(field: &str) -> u64 {
    std::fs::read_to_string("/proc/self/status")
        .ok()
        .and_then(|s| {
            s.lines()
                .find_map(|l| l.strip_prefix(field))
                .and_then(|v| v.trim().trim_end_matches("kB").trim().parse().ok())
        })
        .unwrap_or(0)
}

/// The process's peak resident memory in kB (`VmHWM`).
#[allow(dead_code)]
pub fn peak_kb() -> u64 {
    status_kb("VmHWM:")
}
