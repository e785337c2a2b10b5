# Mistake: ignores feature_shape, so an NHWC flatten feeds a Dense whose rows follow torch's NCHW
# order: the shapes agree and the outputs are wrong.
def convert_dense(weight, bias, feature_shape=None):
    return np.asarray(weight, dtype=np.float32).T.copy(), np.array(bias, dtype=np.float32)


def convert_conv(weight, bias):
    return np.asarray(weight, dtype=np.float32).transpose(2, 3, 1, 0).copy(), np.array(bias, dtype=np.float32)
