# Mistake: reuses the notebook's source_acts (Keras's outputs for x_probe) instead of running the
# source on the x it is given.
def layer_parity(source, ported, x, atol=ATOL):
    got = torch_activations(ported, x, LAYER_NAMES)
    deltas, first = {}, None
    for name in LAYER_NAMES:
        a = np.asarray(source_acts[name], dtype=np.float64)
        b = np.asarray(got[name], dtype=np.float64)
        if b.ndim == 4:
            b = b.transpose(0, 2, 3, 1)
        delta = float(np.max(np.abs(a - b))) if a.shape == b.shape else math.inf
        deltas[name] = delta
        if first is None and not delta <= atol:
            first = name
    return deltas, first
