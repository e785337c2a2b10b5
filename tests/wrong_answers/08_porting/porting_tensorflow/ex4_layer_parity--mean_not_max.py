# Mistake: reports the mean absolute difference, which dilutes one badly wrong output among many.
def layer_parity(source, ported, x, atol=ATOL):
    expected = torch_activations(source, x, LAYER_NAMES)
    got = keras_activations(ported, x, LAYER_NAMES)
    deltas, first = {}, None
    for name in LAYER_NAMES:
        a = np.asarray(expected[name], dtype=np.float64)
        b = np.asarray(got[name], dtype=np.float64)
        if a.ndim == 4:
            a = a.transpose(0, 2, 3, 1)
        delta = float(np.mean(np.abs(a - b))) if a.shape == b.shape else math.inf
        deltas[name] = delta
        if first is None and not delta <= atol:
            first = name
    return deltas, first
