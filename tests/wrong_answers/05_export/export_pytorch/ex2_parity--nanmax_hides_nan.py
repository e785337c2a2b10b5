# Mistake: np.nanmax skips NaN, so an artefact that outputs NaN looks fine.
def parity(reference, candidate):
    reference = np.asarray(reference, dtype=np.float64)
    candidate = np.asarray(candidate, dtype=np.float64)
    if reference.ndim != 2 or reference.shape != candidate.shape:
        raise ValueError(f"shapes differ: {reference.shape} and {candidate.shape}")
    return {
        "max_abs_error": float(np.nanmax(np.abs(reference - candidate))),
        "top1_agreement": float(np.mean(reference.argmax(axis=1) == candidate.argmax(axis=1))),
    }
