# Mistake: names the layer with the largest difference, not the first one above atol; errors grow
# downstream, so it points past the bug.
def layer_parity(source, ported, x, atol=ATOL):
    expected = keras_activations(source, x, LAYER_NAMES)
    got = torch_activations(ported, x, LAYER_NAMES)
    deltas = {}
    for name in LAYER_NAMES:
        a = np.asarray(expected[name], dtype=np.float64)
        b = np.asarray(got[name], dtype=np.float64)
        if b.ndim == 4:
            b = b.transpose(0, 2, 3, 1)
        deltas[name] = float(np.max(np.abs(a - b))) if a.shape == b.shape else math.inf
    worst = max(deltas, key=lambda n: np.nan_to_num(deltas[n], nan=np.inf))
    return deltas, worst if not deltas[worst] <= atol else None
