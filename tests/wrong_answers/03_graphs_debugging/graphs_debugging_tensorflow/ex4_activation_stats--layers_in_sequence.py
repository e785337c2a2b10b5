# Mistake: feeds X through model.layers one after the other; that is the forward pass of a Sequential model
# only, and a functional model with a skip connection (an Add of two branches) breaks it.
def activation_stats(model, X):
    """{layer name: {"mean", "std", "dead"}} of each layer's output, in inference mode, via a probe model."""
    stats, h = {}, tf.convert_to_tensor(X)
    for layer in model.layers:
        if isinstance(layer, keras.layers.InputLayer):
            continue
        h = layer(h, training=False)
        values = np.asarray(h, dtype=np.float64)
        stats[layer.name] = {"mean": float(values.mean()), "std": float(values.std()),
                             "dead": float((values == 0).mean())}
    return stats
