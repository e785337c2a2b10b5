# Mistake: takes the middle element of the sorted timings as the median, which is right for an odd
# number of repeats and wrong for an even one (the median then averages the two middle timings).
def benchmark(fn, *, warmup=2, repeats=10, clock=time.perf_counter, sync=None):
    if repeats < 1:
        raise ValueError("repeats must be at least 1")
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
    return {"times": times, "median": float(sorted(times)[len(times) // 2]), "iqr": float(q75 - q25)}
