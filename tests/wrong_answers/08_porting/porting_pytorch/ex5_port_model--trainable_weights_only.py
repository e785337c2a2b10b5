# Mistake: copies only the trainable weights: BatchNorm keeps torch's fresh running statistics
# (mean 0, variance 1) instead of the Keras moving ones.
def port_model(model):
    port = DigitsNet()
    load_weights(port.conv, *convert_conv(*model.get_layer("conv").get_weights()))
    gamma, beta = model.get_layer("bn").get_weights()[:2]
    load_weights(port.bn, gamma, beta)
    pooled = model.get_layer("pool").output.shape[1:]
    load_weights(port.dense, *convert_dense(*model.get_layer("dense").get_weights(), feature_shape=pooled))
    port.gru = convert_gru(model.get_layer("gru"))
    load_weights(port.head, *convert_dense(*model.get_layer("head").get_weights()))
    return port.eval()
