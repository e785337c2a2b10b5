# Right, another algorithm: the Dense rows are picked with an index permutation (the Keras index of
# every torch feature), and the conv axes are moved with einsum.
def convert_dense(kernel, bias, feature_shape=None):
    kernel = np.array(kernel, dtype=np.float32)
    if feature_shape is not None:
        keras_index = np.arange(kernel.shape[0]).reshape(feature_shape)  # (h, w, c) -> Keras feature
        kernel = kernel[keras_index.transpose(2, 0, 1).ravel()]  # rows in torch's (c, h, w) order
    return kernel.T, np.array(bias, dtype=np.float32)


def convert_conv(kernel, bias):
    weight = np.einsum("hwio->oihw", np.asarray(kernel, dtype=np.float32))
    return weight, np.asarray(bias, dtype=np.float32).copy()
