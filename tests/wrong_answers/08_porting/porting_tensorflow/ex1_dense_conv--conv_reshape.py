# Mistake: reshapes the OIHW weight to HWIO instead of moving its axes: the shape is right, the
# numbers land in the wrong places.
def convert_dense(weight, bias, feature_shape=None):
    kernel = np.asarray(weight, dtype=np.float32).T
    if feature_shape is not None:
        c, h, w = feature_shape
        kernel = kernel.reshape(c, h, w, -1).transpose(1, 2, 0, 3).reshape(c * h * w, -1)
    return kernel.copy(), np.array(bias, dtype=np.float32)


def convert_conv(weight, bias):
    weight = np.asarray(weight, dtype=np.float32)
    cout, cin, kh, kw = weight.shape
    return weight.reshape(kh, kw, cin, cout), np.array(bias, dtype=np.float32)
