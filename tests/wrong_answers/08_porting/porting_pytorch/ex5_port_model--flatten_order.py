# Mistake: ports the dense layer after the flatten with a plain transpose (no feature_shape).
def port_model(model):
    port = DigitsNet()
    load_weights(port.conv, *convert_conv(*model.get_layer("conv").get_weights()))
    port.bn = convert_batchnorm(model.get_layer("bn"))
    load_weights(port.dense, *convert_dense(*model.get_layer("dense").get_weights()))
    port.gru = convert_gru(model.get_layer("gru"))
    load_weights(port.head, *convert_dense(*model.get_layer("head").get_weights()))
    return port.eval()
