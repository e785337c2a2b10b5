# Mistake: reads the notebook's own sizes (CHANNELS x 2 x 2) instead of the feature_shape argument,
# which is right for this model only.
def convert_dense(weight, bias, feature_shape=None):
    kernel = np.asarray(weight, dtype=np.float32).T
    if feature_shape is not None:
        kernel = kernel.reshape(CHANNELS, 2, 2, -1).transpose(1, 2, 0, 3).reshape(4 * CHANNELS, -1)
    return kernel.copy(), np.array(bias, dtype=np.float32)


def convert_conv(weight, bias):
    return np.asarray(weight, dtype=np.float32).transpose(2, 3, 1, 0).copy(), np.array(bias, dtype=np.float32)
