# Mistake: ignores feature_shape, so an NCHW flatten feeds a Dense whose rows expect NHWC order:
# the shapes agree and the outputs are wrong.
def convert_dense(kernel, bias, feature_shape=None):
    return np.asarray(kernel, dtype=np.float32).T.copy(), np.array(bias, dtype=np.float32)


def convert_conv(kernel, bias):
    return np.asarray(kernel, dtype=np.float32).transpose(3, 2, 0, 1).copy(), np.array(bias, dtype=np.float32)
