# Mistake: runs the warm-up calls but keeps their timings, so the compile time is counted in
# the steady state.
def benchmark(fn, *, warmup=2, repeats=10, clock=time.perf_counter, sync=None):
    if repeats < 1:
        raise ValueError("repeats must be at least 1")
    times = []
    for _ in range(warmup + repeats):
        start = clock()
        fn()
        if sync is not None:
            sync()
        times.append(clock() - start)
    q25, q75 = np.percentile(times, [25, 75])
    return {"times": times, "median": float(np.median(times)), "iqr": float(q75 - q25)}
