# Right answer, another style: the statistics module for the median, a sync after every warm-up
# call (at least the one the contract asks for), the validation after a keyword-only signature.
import statistics


def benchmark(fn, *, warmup=2, repeats=10, clock=time.perf_counter, sync=None):
    """Time fn() after `warmup` untimed calls; return {"times", "median", "iqr"} in seconds."""
    if not repeats >= 1:
        raise ValueError(f"need at least one repeat, got repeats={repeats}")
    wait = sync if sync is not None else (lambda: None)
    for _ in range(warmup):
        fn()
        wait()
    times = []
    while len(times) < repeats:
        begin = clock()
        fn()
        wait()
        times.append(clock() - begin)
    p25, p75 = np.percentile(times, 25), np.percentile(times, 75)
    return {"times": times, "median": float(statistics.median(times)), "iqr": float(p75 - p25)}
