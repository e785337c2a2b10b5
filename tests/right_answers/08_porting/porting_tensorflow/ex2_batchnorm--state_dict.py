# Right, another API: reads torch's state_dict by name and builds for an explicit 4-D shape.
def convert_batchnorm(bn):
    state = bn.state_dict()
    names = ["weight", "bias", "running_mean", "running_var"]
    converted = keras.layers.BatchNormalization(axis=3, epsilon=bn.eps, momentum=1 - bn.momentum)
    converted.build((None, 1, 1, state["weight"].numel()))
    converted.set_weights([state[name].cpu().numpy() for name in names])
    return converted
