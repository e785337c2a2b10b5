# Mistake: leaves Keras's default epsilon (1e-3) where torch used eps=1e-5.
def convert_batchnorm(bn):
    arrays = [t.detach().cpu().numpy() for t in (bn.weight, bn.bias, bn.running_mean, bn.running_var)]
    converted = keras.layers.BatchNormalization(momentum=1 - bn.momentum)
    converted.build((None, None, None, bn.num_features))
    converted.set_weights(arrays)
    return converted
