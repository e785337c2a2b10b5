# Right, another style: assembles the port's whole weight list in get_weights() order and sets it in
# one call.
def port_model(model):
    port = build_digits_model()
    pooled = (model.conv.out_channels, *port.get_layer("pool").output.shape[1:3])
    by_layer = {
        "conv": list(convert_conv(to_numpy(model.conv.weight), to_numpy(model.conv.bias))),
        "bn": convert_batchnorm(model.bn).get_weights(),
        "dense": list(convert_dense(to_numpy(model.dense.weight), to_numpy(model.dense.bias),
                                    feature_shape=pooled)),
        "gru": convert_gru(model.gru).get_weights(),
        "head": list(convert_dense(to_numpy(model.head.weight), to_numpy(model.head.bias))),
    }
    port.set_weights([np.asarray(w) for layer in port.layers if layer.weights for w in by_layer[layer.name]])
    return port
