# Mistake: subtracts in the inputs' own dtype: int8 outputs wrap around (100 - (-100) becomes -56).
def parity(reference, candidate):
    reference, candidate = np.asarray(reference), np.asarray(candidate)
    if reference.ndim != 2 or reference.shape != candidate.shape:
        raise ValueError(f"shapes differ: {reference.shape} and {candidate.shape}")
    return {
        "max_abs_error": float(np.max(np.abs(reference - candidate))),
        "top1_agreement": float(np.mean(reference.argmax(axis=1) == candidate.argmax(axis=1))),
    }
