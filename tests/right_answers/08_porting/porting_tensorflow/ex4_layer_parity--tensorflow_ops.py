# Right, another API: compares with TensorFlow ops in float64 and finds the first divergence with
# next() over a generator.
def layer_parity(source, ported, x, atol=ATOL):
    expected = torch_activations(source, x, LAYER_NAMES)
    got = keras_activations(ported, x, LAYER_NAMES)

    def delta(name):
        a = tf.constant(expected[name], dtype=tf.float64)
        a = tf.transpose(a, (0, 2, 3, 1)) if a.shape.rank == 4 else a
        b = tf.constant(got[name], dtype=tf.float64)
        return float(tf.reduce_max(tf.abs(a - b))) if a.shape == b.shape else math.inf

    deltas = {name: delta(name) for name in LAYER_NAMES}
    first = next((name for name, d in deltas.items() if math.isnan(d) or d > atol), None)
    return deltas, first
