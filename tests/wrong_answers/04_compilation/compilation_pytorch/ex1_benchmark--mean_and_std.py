# Mistake: reports the mean and the standard deviation, which one slow outlier (another process
# grabbing a core) drags far from the typical call.
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
    return {"times": times, "median": float(np.mean(times)), "iqr": float(np.std(times))}
