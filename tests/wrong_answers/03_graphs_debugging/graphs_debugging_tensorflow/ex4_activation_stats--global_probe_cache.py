# Mistake: builds the probe once, as ProbeCallback does, but keeps it at notebook level: a later call on
# another model still probes the layers of the first model it was given.
probe_cache = {}


def activation_stats(model, X):
    """{layer name: {"mean", "std", "dead"}} of each layer's output, in inference mode, via a probe model."""
    if not probe_cache:
        layers = [layer for layer in model.layers if not isinstance(layer, keras.layers.InputLayer)]
        probe_cache["layers"] = layers
        probe_cache["probe"] = keras.Model(model.inputs[0], [layer.output for layer in layers])
    layers, probe = probe_cache["layers"], probe_cache["probe"]
    stats = {}
    for layer, output in zip(layers, probe(X, training=False), strict=True):
        values = np.asarray(output, dtype=np.float64)
        stats[layer.name] = {"mean": float(values.mean()), "std": float(values.std()),
                             "dead": float((values == 0).mean())}
    return stats
