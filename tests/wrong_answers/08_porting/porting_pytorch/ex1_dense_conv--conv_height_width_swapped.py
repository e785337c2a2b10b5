# Mistake: transposes the conv kernel the wrong way, (3, 2, 1, 0): kW and kH trade places, which a
# square kernel's shape does not reveal; the kernel is mirrored across its diagonal.
def convert_dense(kernel, bias, feature_shape=None):
    kernel = np.asarray(kernel, dtype=np.float32)
    if feature_shape is not None:
        h, w, c = feature_shape
        kernel = kernel.reshape(h, w, c, -1).transpose(2, 0, 1, 3).reshape(h * w * c, -1)
    return kernel.T.copy(), np.array(bias, dtype=np.float32)


def convert_conv(kernel, bias):
    return np.asarray(kernel, dtype=np.float32).transpose(3, 2, 1, 0).copy(), np.array(bias, dtype=np.float32)
