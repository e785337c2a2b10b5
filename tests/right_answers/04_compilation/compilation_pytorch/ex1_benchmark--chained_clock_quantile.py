# Right answer, another algorithm: one clock read per call (each stop time is the next start time,
# since nothing else runs in between), np.quantile for the quartiles, np.median as a float.
def benchmark(fn, *, warmup=2, repeats=10, clock=time.perf_counter, sync=None):
    """Time fn() after `warmup` untimed calls; return {"times", "median", "iqr"} in seconds."""
    if repeats < 1:
        raise ValueError("repeats must be >= 1")
    for _ in range(warmup):
        fn()
    if sync:
        sync()
    stamps = [clock()]
    for _ in range(repeats):
        fn()
        if sync:
            sync()
        stamps.append(clock())
    times = [float(b - a) for a, b in zip(stamps, stamps[1:], strict=False)]
    low, high = np.quantile(np.asarray(times), [0.25, 0.75])
    return {"times": times, "median": float(np.median(times)), "iqr": float(high - low)}
