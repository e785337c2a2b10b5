# Right, another layout: brings Keras's NHWC outputs to torch's NCHW (the opposite direction), and
# counts a divergence with `not delta <= atol` through numpy's isfinite/isnan.
def layer_parity(source, ported, x, atol=ATOL):
    keras_out = keras_activations(source, x, LAYER_NAMES)
    torch_out = torch_activations(ported, x, LAYER_NAMES)
    deltas = {}
    for name in LAYER_NAMES:
        a = np.moveaxis(keras_out[name], -1, 1) if keras_out[name].ndim == 4 else keras_out[name]
        b = torch_out[name]
        deltas[name] = float(np.abs(a.astype(np.float64) - b).max()) if a.shape == b.shape else float("inf")
    bad = [n for n in LAYER_NAMES if np.isnan(deltas[n]) or deltas[n] > atol]
    return deltas, (bad[0] if bad else None)
