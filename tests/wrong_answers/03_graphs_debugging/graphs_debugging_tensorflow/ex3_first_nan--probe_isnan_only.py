# Mistake: a probe model checked for NaN only misses the layer that first makes an Inf.
def first_nonfinite_layer(model, x):
    """Name of the layer whose op first produces a NaN or Inf in model(x), or None."""
    layers = [layer for layer in model.layers if not isinstance(layer, keras.layers.InputLayer)]
    probe = keras.Model(model.inputs[0], [layer.output for layer in layers])
    for layer, output in zip(layers, probe(x), strict=True):
        if np.isnan(np.asarray(output)).any():
            return layer.name
    return None
