# Mistake: brings torch's NCHW outputs to Keras's shape with reshape instead of transpose: the shapes
# match, the values are scrambled, and a correct port "diverges" at its first convolution.
def layer_parity(source, ported, x, atol=ATOL):
    expected = keras_activations(source, x, LAYER_NAMES)
    got = torch_activations(ported, x, LAYER_NAMES)
    deltas, first = {}, None
    for name in LAYER_NAMES:
        a = np.asarray(expected[name], dtype=np.float64)
        b = np.asarray(got[name], dtype=np.float64)
        if a.size == b.size:
            b = b.reshape(a.shape)
        delta = float(np.max(np.abs(a - b))) if a.shape == b.shape else math.inf
        deltas[name] = delta
        if first is None and not delta <= atol:
            first = name
    return deltas, first
