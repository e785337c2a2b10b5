# Right answer, another style: np.array copies (which warns for some tensor types under NumPy 2),
# np.shape for the check, and the agreement counted with a Python sum.
def parity(reference, candidate):
    ref = np.array(reference, dtype=np.float64)
    cand = np.array(candidate, dtype=np.float64)
    if np.ndim(ref) != 2 or np.shape(ref) != np.shape(cand):
        raise ValueError(f"parity needs two (N, classes) arrays of one shape, "
                         f"got {np.shape(ref)} and {np.shape(cand)}")
    error = np.abs(ref - cand).max()
    same = sum(int(a == b) for a, b in zip(np.argmax(ref, axis=-1), np.argmax(cand, axis=-1), strict=True))
    return {"max_abs_error": float(error), "top1_agreement": same / len(ref)}
