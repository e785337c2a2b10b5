# Mistake: checks only that both outputs have the same number of rows, so an (N, 1) candidate
# broadcasts against an (N, classes) reference without an error.
def parity(reference, candidate):
    reference = np.asarray(reference, dtype=np.float64)
    candidate = np.asarray(candidate, dtype=np.float64)
    if len(reference) != len(candidate):
        raise ValueError(f"row counts differ: {len(reference)} and {len(candidate)}")
    return {
        "max_abs_error": float(np.max(np.abs(reference - candidate))),
        "top1_agreement": float(np.mean(reference.argmax(axis=1) == candidate.argmax(axis=1))),
    }
