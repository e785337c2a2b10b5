# Mistake: no warm-up: the first timed calls include compiling (and autotuning), so the
# "steady-state" timings are inflated by one-off costs.
def benchmark(fn, *, warmup=2, repeats=10, clock=time.perf_counter, sync=None):
    if repeats < 1:
        raise ValueError("repeats must be at least 1")
    times = []
    for _ in range(repeats):
        start = clock()
        fn()
        if sync is not None:
            sync()
        times.append(clock() - start)
    q25, q75 = np.percentile(times, [25, 75])
    return {"times": times, "median": float(np.median(times)), "iqr": float(q75 - q25)}
