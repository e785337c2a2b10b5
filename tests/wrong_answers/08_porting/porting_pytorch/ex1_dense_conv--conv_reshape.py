# Mistake: reshapes the HWIO kernel to OIHW instead of moving its axes: the shape is right, the
# numbers land in the wrong places.
def convert_dense(kernel, bias, feature_shape=None):
    kernel = np.asarray(kernel, dtype=np.float32)
    if feature_shape is not None:
        h, w, c = feature_shape
        kernel = kernel.reshape(h, w, c, -1).transpose(2, 0, 1, 3).reshape(h * w * c, -1)
    return kernel.T.copy(), np.array(bias, dtype=np.float32)


def convert_conv(kernel, bias):
    kernel = np.asarray(kernel, dtype=np.float32)
    kh, kw, cin, cout = kernel.shape
    return kernel.reshape(cout, cin, kh, kw), np.array(bias, dtype=np.float32)
