# Right answer, another API: np.subtract with dtype=float64 (no wrap-around), an explicit NaN rule,
# and np.count_nonzero for the agreement.
def parity(reference, candidate):
    reference, candidate = np.asarray(reference), np.asarray(candidate)
    if reference.shape != candidate.shape or len(reference.shape) != 2:
        raise ValueError("expected two arrays of shape (N, classes), the same for both")
    diff = np.abs(np.subtract(reference, candidate, dtype=np.float64))
    max_abs_error = float("nan") if np.isnan(diff).any() else float(diff.max())
    agree = np.count_nonzero(reference.argmax(axis=1) == candidate.argmax(axis=1))
    return {"max_abs_error": max_abs_error, "top1_agreement": float(agree / reference.shape[0])}
