# Mistake: converts the notebook's model.bn instead of the layer it is given.
def convert_batchnorm(bn):
    source = model.bn
    tensors = (source.weight, source.bias, source.running_mean, source.running_var)
    arrays = [t.detach().cpu().numpy() for t in tensors]
    converted = keras.layers.BatchNormalization(epsilon=source.eps, momentum=1 - source.momentum)
    converted.build((None, None, None, source.num_features))
    converted.set_weights(arrays)
    return converted
