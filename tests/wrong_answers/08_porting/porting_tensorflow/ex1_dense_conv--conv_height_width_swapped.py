# Mistake: transposes the conv weight the wrong way, (3, 2, 1, 0): kH and kW trade places, which a
# square kernel's shape does not reveal; the kernel is mirrored across its diagonal.
def convert_dense(weight, bias, feature_shape=None):
    kernel = np.asarray(weight, dtype=np.float32).T
    if feature_shape is not None:
        c, h, w = feature_shape
        kernel = kernel.reshape(c, h, w, -1).transpose(1, 2, 0, 3).reshape(c * h * w, -1)
    return kernel.copy(), np.array(bias, dtype=np.float32)


def convert_conv(weight, bias):
    return np.asarray(weight, dtype=np.float32).transpose(3, 2, 1, 0).copy(), np.array(bias, dtype=np.float32)
