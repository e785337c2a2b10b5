# Mistake: "same" read as one pixel on every side: ZeroPad2d(1) gives the right 4x4 output shape
# and shifts every window by one pixel.
def port_model(model):
    port = DigitsNet()
    port.pad = nn.ZeroPad2d(1)
    load_weights(port.conv, *convert_conv(*model.get_layer("conv").get_weights()))
    port.bn = convert_batchnorm(model.get_layer("bn"))
    pooled = model.get_layer("pool").output.shape[1:]
    load_weights(port.dense, *convert_dense(*model.get_layer("dense").get_weights(), feature_shape=pooled))
    port.gru = convert_gru(model.get_layer("gru"))
    load_weights(port.head, *convert_dense(*model.get_layer("head").get_weights()))
    return port.eval()
