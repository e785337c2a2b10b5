# Mistake: forgets to synchronise: on an asynchronous device (a GPU) it times the launch of each
# call, not the work.
def benchmark(fn, *, warmup=2, repeats=10, clock=time.perf_counter, sync=None):
    if repeats < 1:
        raise ValueError("repeats must be at least 1")
    for _ in range(warmup):
        fn()
    times = []
    for _ in range(repeats):
        start = clock()
        fn()
        times.append(clock() - start)
    q25, q75 = np.percentile(times, [25, 75])
    return {"times": times, "median": float(np.median(times)), "iqr": float(q75 - q25)}
