//! Phase timings for profiling a build (`NEWSGRAPH_TRACE`).

/// Phase timings for profiling a build: with `NEWSGRAPH_TRACE` set, each
/// [`phase`] call prints on stderr the seconds since the previous one and
/// the peak memory so far (Linux `VmHWM`), so a benchmark run shows where
/// time and memory go without a profiler. Silent otherwise.
pub fn phase(name: &str) {
    static LAST: std::sync::Mutex<Option<std::time::Instant>> = std::sync::Mutex::new(None);
    static ON: std::sync::LazyLock<bool> =
        std::sync::LazyLock::new(|| std::env::var_os("NEWSGRAPH_TRACE").is_some());
    if !*ON {
        return;
    }
    let now = std::time::Instant::now();
    let mut last = LAST
        .lock()
        .unwrap_or_else(std::sync::PoisonError::into_inner);
    let secs = last.map_or(0.0, |t| now.duration_since(t).as_secs_f64());
    *last = Some(now);
    let status = std::fs::read_to_string("/proc/self/status").unwrap_or_default();
    let peak = status
        .lines()
        .find_map(|l| l.strip_prefix("VmHWM:"))
        .map_or("?".to_string(), |v| v.trim().to_string());
    eprintln!("newsgraph: trace {name}: {secs:.2} s, peak {peak}");
}
