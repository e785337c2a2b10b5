# Mistake: a harness that compares the source with itself (the port's activations are computed and
# then never used): every layer agrees, always.
def layer_parity(source, ported, x, atol=ATOL):
    expected = torch_activations(source, x, LAYER_NAMES)
    got = keras_activations(ported, x, LAYER_NAMES)
    deltas, first = {}, None
    for name in LAYER_NAMES:
        a = np.asarray(expected[name], dtype=np.float64)
        b = np.asarray(expected[name], dtype=np.float64)
        deltas[name] = float(np.max(np.abs(a - b)))
        if first is None and deltas[name] > atol:
            first = name
    return deltas, first
