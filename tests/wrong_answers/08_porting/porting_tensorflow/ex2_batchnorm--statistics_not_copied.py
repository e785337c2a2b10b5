# Mistake: copies only the parameters (weight, bias): the moving mean and variance stay at Keras's
# initial 0 and 1.
def convert_batchnorm(bn):
    converted = keras.layers.BatchNormalization(epsilon=bn.eps, momentum=1 - bn.momentum)
    converted.build((None, None, None, bn.num_features))
    converted.gamma.assign(bn.weight.detach().cpu().numpy())
    converted.beta.assign(bn.bias.detach().cpu().numpy())
    return converted
