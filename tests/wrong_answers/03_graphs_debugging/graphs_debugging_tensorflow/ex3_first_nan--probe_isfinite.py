# Mistake: a probe model over the layers' outputs, checked with np.isfinite: right for a Sequential model,
# but a subclassed model has no symbolic layer outputs to probe (the contract asks for any Keras model).
def first_nonfinite_layer(model, x):
    """Name of the layer whose op first produces a NaN or Inf in model(x), or None."""
    layers = [layer for layer in model.layers if not isinstance(layer, keras.layers.InputLayer)]
    probe = keras.Model(model.inputs[0], [layer.output for layer in layers])
    for layer, output in zip(layers, probe(x), strict=True):
        if not np.isfinite(np.asarray(output)).all():
            return layer.name
    return None
