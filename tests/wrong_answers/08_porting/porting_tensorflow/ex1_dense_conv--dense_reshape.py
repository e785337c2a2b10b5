# Mistake: reshapes the (out, in) weight to (in, out) instead of transposing it.
def convert_dense(weight, bias, feature_shape=None):
    weight = np.asarray(weight, dtype=np.float32)
    kernel = weight.reshape(weight.shape[1], weight.shape[0])
    if feature_shape is not None:
        c, h, w = feature_shape
        kernel = kernel.reshape(c, h, w, -1).transpose(1, 2, 0, 3).reshape(c * h * w, -1)
    return kernel, np.array(bias, dtype=np.float32)


def convert_conv(weight, bias):
    return np.asarray(weight, dtype=np.float32).transpose(2, 3, 1, 0).copy(), np.array(bias, dtype=np.float32)
