# Mistake: synchronises, but after reading the stop clock, so the timing still ends before the
# device has done the work (and the warm-up work is never waited for).
def benchmark(fn, *, warmup=2, repeats=10, clock=time.perf_counter, sync=None):
    if repeats < 1:
        raise ValueError("repeats must be at least 1")
    for _ in range(warmup):
        fn()
    times = []
    for _ in range(repeats):
        start = clock()
        fn()
        stop = clock()
        if sync is not None:
            sync()
        times.append(stop - start)
    q25, q75 = np.percentile(times, [25, 75])
    return {"times": times, "median": float(np.median(times)), "iqr": float(q75 - q25)}
