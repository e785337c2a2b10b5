# Mistake: reorders the Dense rows to (c, w, h) instead of (c, h, w): the same size, so nothing
# fails loudly, and every weight meets the wrong pixel.
def convert_dense(kernel, bias, feature_shape=None):
    kernel = np.asarray(kernel, dtype=np.float32)
    if feature_shape is not None:
        h, w, c = feature_shape
        kernel = kernel.reshape(h, w, c, -1).transpose(2, 1, 0, 3).reshape(h * w * c, -1)
    return kernel.T.copy(), np.array(bias, dtype=np.float32)


def convert_conv(kernel, bias):
    return np.asarray(kernel, dtype=np.float32).transpose(3, 2, 0, 1).copy(), np.array(bias, dtype=np.float32)
