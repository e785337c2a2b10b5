# Mistake: reads the notebook's own sizes (2 x 2 x CHANNELS) instead of the feature_shape argument,
# which is right for this model only.
def convert_dense(kernel, bias, feature_shape=None):
    kernel = np.asarray(kernel, dtype=np.float32)
    if feature_shape is not None:
        kernel = kernel.reshape(2, 2, CHANNELS, -1).transpose(2, 0, 1, 3).reshape(4 * CHANNELS, -1)
    return kernel.T.copy(), np.array(bias, dtype=np.float32)


def convert_conv(kernel, bias):
    return np.asarray(kernel, dtype=np.float32).transpose(3, 2, 0, 1).copy(), np.array(bias, dtype=np.float32)
