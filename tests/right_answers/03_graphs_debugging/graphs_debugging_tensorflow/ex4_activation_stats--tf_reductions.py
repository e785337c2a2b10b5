# Another correct approach: the probe called with training=False, statistics computed with TensorFlow
# reductions in float64 (tf.math.reduce_std is the population std), then turned into Python floats.
def activation_stats(model, X):
    """{layer name: {"mean", "std", "dead"}} of each layer's output, in inference mode, via a probe model."""
    layers = [layer for layer in model.layers if not isinstance(layer, keras.layers.InputLayer)]
    probe = keras.Model(model.inputs[0], [layer.output for layer in layers])
    result = {}
    for layer, output in zip(layers, probe(X, training=False), strict=True):
        values = tf.cast(output, tf.float64)
        result[layer.name] = {
            "mean": float(tf.reduce_mean(values)),
            "std": float(tf.math.reduce_std(values)),
            "dead": float(tf.reduce_mean(tf.cast(tf.equal(values, 0.0), tf.float64))),
        }
    return result
