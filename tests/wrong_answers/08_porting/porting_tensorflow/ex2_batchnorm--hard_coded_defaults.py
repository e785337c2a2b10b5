# Mistake: hard-codes torch's default eps and momentum instead of reading the layer's own, right for
# the notebook's layer only.
def convert_batchnorm(bn):
    arrays = [t.detach().cpu().numpy() for t in (bn.weight, bn.bias, bn.running_mean, bn.running_var)]
    converted = keras.layers.BatchNormalization(epsilon=1e-5, momentum=0.9)
    converted.build((None, None, None, bn.num_features))
    converted.set_weights(arrays)
    return converted
