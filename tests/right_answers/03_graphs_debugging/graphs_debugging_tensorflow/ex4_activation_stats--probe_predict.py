# Another correct approach: the probe's predict() (inference mode, batch by batch, NumPy arrays back), the
# InputLayer left out by the layers' outputs not being the model's input, and NumPy statistics.
def activation_stats(model, X):
    """{layer name: {"mean", "std", "dead"}} of each layer's output, in inference mode, via a probe model."""
    layers = [layer for layer in model.layers if layer.output is not model.inputs[0]]
    probe = keras.Model(inputs=model.inputs[0], outputs={layer.name: layer.output for layer in layers})
    outputs = probe.predict(X, batch_size=16, verbose=0)
    return {name: {"mean": float(np.mean(out, dtype=np.float64)), "std": float(np.std(out, dtype=np.float64)),
                   "dead": float(np.count_nonzero(out == 0)) / out.size}
            for name, out in outputs.items()}
