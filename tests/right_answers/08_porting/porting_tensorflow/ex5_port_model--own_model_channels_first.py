# Right, another architecture: a functional model of its own that flattens in torch's (c, h, w) order
# (Permute before Flatten), so the dense weight needs a plain transpose; no Dropout layer (the identity
# at inference).
def port_model(model):
    with strategy.scope():
        pixels = keras.Input((8, 8))
        x = keras.layers.Reshape((8, 8, 1))(pixels)
        x = keras.layers.ZeroPadding2D(((1, 1), (1, 1)))(x)
        conv = keras.layers.Conv2D(model.conv.out_channels, 3, strides=2)
        bn = convert_batchnorm(model.bn)
        x = keras.layers.MaxPooling2D(2)(keras.layers.Activation("relu")(bn(conv(x))))
        x = keras.layers.Flatten()(keras.layers.Permute((3, 1, 2))(x))  # NCHW order, as nn.Flatten
        dense = keras.layers.Dense(model.dense.out_features, activation="relu")
        x = dense(x)
        gru = convert_gru(model.gru)
        head = keras.layers.Dense(model.head.out_features)
        port = keras.Model(pixels, head(keras.layers.Concatenate()([x, gru(pixels)])))
    conv.set_weights(convert_conv(to_numpy(model.conv.weight), to_numpy(model.conv.bias)))
    dense.set_weights(convert_dense(to_numpy(model.dense.weight), to_numpy(model.dense.bias)))
    head.set_weights(convert_dense(to_numpy(model.head.weight), to_numpy(model.head.bias)))
    return port
