# Mistake: returns the port in training mode: dropout drops values and BatchNorm uses each batch's
# statistics.
def port_model(model):
    port = DigitsNet()
    load_weights(port.conv, *convert_conv(*model.get_layer("conv").get_weights()))
    port.bn = convert_batchnorm(model.get_layer("bn"))
    pooled = model.get_layer("pool").output.shape[1:]
    load_weights(port.dense, *convert_dense(*model.get_layer("dense").get_weights(), feature_shape=pooled))
    port.gru = convert_gru(model.get_layer("gru"))
    load_weights(port.head, *convert_dense(*model.get_layer("head").get_weights()))
    return port
