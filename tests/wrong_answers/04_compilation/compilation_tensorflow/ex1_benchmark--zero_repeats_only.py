# Mistake: refuses repeats == 0 only, so a negative number of repeats slips through and fails later
# with an unrelated error instead of the ValueError the contract promises for repeats < 1.
def benchmark(fn, *, warmup=2, repeats=10, clock=time.perf_counter, sync=None):
    if repeats == 0:
        raise ValueError("repeats must not be 0")
    for _ in range(warmup):
        fn()
    if sync is not None:
        sync()
    times = []
    for _ in range(repeats):
        start = clock()
        fn()
        if sync is not None:
            sync()
        times.append(clock() - start)
    q25, q75 = np.percentile(times, [25, 75])
    return {"times": times, "median": float(np.median(times)), "iqr": float(q75 - q25)}
