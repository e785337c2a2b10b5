# Mistake: copies torch's momentum (0.1, the share of the new batch) as Keras's momentum, which is
# the share of the old statistics: the moving statistics jump to each batch's.
def convert_batchnorm(bn):
    arrays = [t.detach().cpu().numpy() for t in (bn.weight, bn.bias, bn.running_mean, bn.running_var)]
    converted = keras.layers.BatchNormalization(epsilon=bn.eps, momentum=bn.momentum)
    converted.build((None, None, None, bn.num_features))
    converted.set_weights(arrays)
    return converted
