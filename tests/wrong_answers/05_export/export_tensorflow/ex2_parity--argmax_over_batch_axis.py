# Mistake: takes the arg-max along axis 0 (over the batch) instead of over the classes of each row.
def parity(reference, candidate):
    reference = np.asarray(reference, dtype=np.float64)
    candidate = np.asarray(candidate, dtype=np.float64)
    if reference.ndim != 2 or reference.shape != candidate.shape:
        raise ValueError(f"shapes differ: {reference.shape} and {candidate.shape}")
    return {
        "max_abs_error": float(np.max(np.abs(reference - candidate))),
        "top1_agreement": float(np.mean(reference.argmax(axis=0) == candidate.argmax(axis=0))),
    }
