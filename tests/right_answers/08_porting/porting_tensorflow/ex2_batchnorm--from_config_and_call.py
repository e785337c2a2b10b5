# Right, another style: configured from a config dict, built by calling it once on a dummy NHWC batch,
# then its variables are assigned one by one.
def convert_batchnorm(bn):
    converted = keras.layers.BatchNormalization.from_config(
        {"axis": -1, "epsilon": bn.eps, "momentum": 1.0 - bn.momentum, "center": True, "scale": True})
    converted(np.zeros((1, 1, 1, bn.num_features), np.float32), training=False)
    converted.gamma.assign(bn.weight.detach().numpy())
    converted.beta.assign(bn.bias.detach().numpy())
    converted.moving_mean.assign(bn.running_mean.numpy())
    converted.moving_variance.assign(bn.running_var.numpy())
    return converted
