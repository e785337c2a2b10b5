# Mistake: times with the notebook's own synced_clock() helper instead of the clock and sync it is
# given, so an injected clock (or device) is ignored.
def benchmark(fn, *, warmup=2, repeats=10, clock=time.perf_counter, sync=None):
    if repeats < 1:
        raise ValueError("repeats must be at least 1")
    for _ in range(warmup):
        fn()
    synced_clock()
    times = []
    for _ in range(repeats):
        start = synced_clock()
        fn()
        times.append(synced_clock() - start)
    q25, q75 = np.percentile(times, [25, 75])
    return {"times": times, "median": float(np.median(times)), "iqr": float(q75 - q25)}
