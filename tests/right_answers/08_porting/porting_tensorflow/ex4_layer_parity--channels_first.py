# Right, another layout: brings Keras's NHWC outputs to torch's NCHW (the opposite direction), and
# counts a divergence through numpy's isnan.
def layer_parity(source, ported, x, atol=ATOL):
    torch_out = torch_activations(source, x, LAYER_NAMES)
    keras_out = keras_activations(ported, x, LAYER_NAMES)
    deltas = {}
    for name in LAYER_NAMES:
        a = torch_out[name]
        b = np.moveaxis(keras_out[name], -1, 1) if keras_out[name].ndim == 4 else keras_out[name]
        deltas[name] = float(np.abs(a.astype(np.float64) - b).max()) if a.shape == b.shape else float("inf")
    bad = [n for n in LAYER_NAMES if np.isnan(deltas[n]) or deltas[n] > atol]
    return deltas, (bad[0] if bad else None)
