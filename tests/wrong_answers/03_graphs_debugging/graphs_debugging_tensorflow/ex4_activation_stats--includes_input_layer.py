# Mistake: keeps the InputLayer of a functional model, which has no activations of its own.
def activation_stats(model, X):
    """{layer name: {"mean", "std", "dead"}} of each layer's output, in inference mode, via a probe model."""
    probe = keras.Model(model.inputs[0], [layer.output for layer in model.layers])
    stats = {}
    for layer, output in zip(model.layers, probe(X, training=False), strict=True):
        values = np.asarray(output, dtype=np.float64)
        stats[layer.name] = {"mean": float(values.mean()), "std": float(values.std()),
                             "dead": float((values == 0).mean())}
    return stats
