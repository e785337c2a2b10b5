# Mistake: computes in float32 ("the logits are float32 anyway"), so the error of float64 outputs
# is rounded: the contract says float64.
def parity(reference, candidate):
    reference = np.asarray(reference, dtype=np.float32)
    candidate = np.asarray(candidate, dtype=np.float32)
    if reference.ndim != 2 or reference.shape != candidate.shape:
        raise ValueError(f"shapes differ: {reference.shape} and {candidate.shape}")
    return {
        "max_abs_error": float(np.max(np.abs(reference - candidate))),
        "top1_agreement": float(np.mean(reference.argmax(axis=1) == candidate.argmax(axis=1))),
    }
