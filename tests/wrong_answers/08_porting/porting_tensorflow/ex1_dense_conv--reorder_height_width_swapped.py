# Mistake: reorders the Dense rows to (w, h, c) instead of (h, w, c): the same size, so nothing
# fails loudly, and every weight meets the wrong pixel.
def convert_dense(weight, bias, feature_shape=None):
    kernel = np.asarray(weight, dtype=np.float32).T
    if feature_shape is not None:
        c, h, w = feature_shape
        kernel = kernel.reshape(c, h, w, -1).transpose(2, 1, 0, 3).reshape(c * h * w, -1)
    return kernel.copy(), np.array(bias, dtype=np.float32)


def convert_conv(weight, bias):
    return np.asarray(weight, dtype=np.float32).transpose(2, 3, 1, 0).copy(), np.array(bias, dtype=np.float32)
