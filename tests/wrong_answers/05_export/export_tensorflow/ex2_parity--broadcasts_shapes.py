# Mistake: no shape check, so a (1, 10) output is silently broadcast against a (7, 10) reference.
def parity(reference, candidate):
    reference = np.asarray(reference, dtype=np.float64)
    candidate = np.asarray(candidate, dtype=np.float64)
    return {
        "max_abs_error": float(np.max(np.abs(reference - candidate))),
        "top1_agreement": float(np.mean(reference.argmax(axis=1) == candidate.argmax(axis=1))),
    }
