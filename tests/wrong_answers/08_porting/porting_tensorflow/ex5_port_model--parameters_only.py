# Mistake: copies only torch's parameters: BatchNorm keeps Keras's fresh moving statistics (mean 0,
# variance 1) instead of the running ones, which are buffers, not parameters.
def port_model(model):
    port = build_digits_model()
    port.get_layer("conv").set_weights(convert_conv(to_numpy(model.conv.weight), to_numpy(model.conv.bias)))
    bn = port.get_layer("bn")
    bn.gamma.assign(to_numpy(model.bn.weight))
    bn.beta.assign(to_numpy(model.bn.bias))
    pooled = (model.conv.out_channels, *port.get_layer("pool").output.shape[1:3])
    port.get_layer("dense").set_weights(
        convert_dense(to_numpy(model.dense.weight), to_numpy(model.dense.bias), feature_shape=pooled))
    port.get_layer("gru").set_weights(convert_gru(model.gru).get_weights())
    port.get_layer("head").set_weights(convert_dense(to_numpy(model.head.weight), to_numpy(model.head.bias)))
    return port
