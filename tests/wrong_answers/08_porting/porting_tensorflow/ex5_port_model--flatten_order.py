# Mistake: ports the dense layer after the flatten with a plain transpose (no feature_shape).
def port_model(model):
    port = build_digits_model()
    port.get_layer("conv").set_weights(convert_conv(to_numpy(model.conv.weight), to_numpy(model.conv.bias)))
    port.get_layer("bn").set_weights(convert_batchnorm(model.bn).get_weights())
    dense = convert_dense(to_numpy(model.dense.weight), to_numpy(model.dense.bias))  # no feature_shape
    port.get_layer("dense").set_weights(dense)
    port.get_layer("gru").set_weights(convert_gru(model.gru).get_weights())
    port.get_layer("head").set_weights(convert_dense(to_numpy(model.head.weight), to_numpy(model.head.bias)))
    return port
