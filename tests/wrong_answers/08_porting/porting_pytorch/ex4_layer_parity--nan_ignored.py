# Mistake: np.nanmax and `delta > atol`: a layer that outputs NaN looks fine (NaN > atol is False).
def layer_parity(source, ported, x, atol=ATOL):
    expected = keras_activations(source, x, LAYER_NAMES)
    got = torch_activations(ported, x, LAYER_NAMES)
    deltas, first = {}, None
    for name in LAYER_NAMES:
        a = np.asarray(expected[name], dtype=np.float64)
        b = np.asarray(got[name], dtype=np.float64)
        if b.ndim == 4:
            b = b.transpose(0, 2, 3, 1)
        deltas[name] = float(np.nanmax(np.abs(a - b))) if a.shape == b.shape else math.inf
        if first is None and deltas[name] > atol:
            first = name
    return deltas, first
