# Mistake: calls the probe with training=True, so dropout is active and the statistics are random.
def activation_stats(model, X):
    """{layer name: {"mean", "std", "dead"}} of each layer's output, in inference mode, via a probe model."""
    layers = [layer for layer in model.layers if not isinstance(layer, keras.layers.InputLayer)]
    probe = keras.Model(model.inputs[0], [layer.output for layer in layers])
    stats = {}
    for layer, output in zip(layers, probe(X, training=True), strict=True):
        values = np.asarray(output, dtype=np.float64)
        stats[layer.name] = {"mean": float(values.mean()), "std": float(values.std()),
                             "dead": float((values == 0).mean())}
    return stats
