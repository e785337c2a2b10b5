# Mistake: ports the GRU with a transpose only, leaving torch's gate order and stacking the biases.
def port_model(model):
    port = build_digits_model()
    port.get_layer("conv").set_weights(convert_conv(to_numpy(model.conv.weight), to_numpy(model.conv.bias)))
    port.get_layer("bn").set_weights(convert_batchnorm(model.bn).get_weights())
    pooled = (model.conv.out_channels, *port.get_layer("pool").output.shape[1:3])
    port.get_layer("dense").set_weights(
        convert_dense(to_numpy(model.dense.weight), to_numpy(model.dense.bias), feature_shape=pooled))
    state = {name: to_numpy(t) for name, t in model.gru.state_dict().items()}
    port.get_layer("gru").set_weights([state["weight_ih_l0"].T, state["weight_hh_l0"].T,
                                       np.stack([state["bias_ih_l0"], state["bias_hh_l0"]])])
    port.get_layer("head").set_weights(convert_dense(to_numpy(model.head.weight), to_numpy(model.head.bias)))
    return port
