# Right, another algorithm: the kernel rows are picked with an index permutation (the torch index of
# every Keras feature), and the conv axes are moved with einsum.
def convert_dense(weight, bias, feature_shape=None):
    kernel = np.array(weight, dtype=np.float32).T
    if feature_shape is not None:
        torch_index = np.arange(kernel.shape[0]).reshape(feature_shape)  # (c, h, w) -> torch feature
        kernel = kernel[torch_index.transpose(1, 2, 0).ravel()]  # rows in Keras's (h, w, c) order
    return kernel, np.array(bias, dtype=np.float32)


def convert_conv(weight, bias):
    kernel = np.einsum("oihw->hwio", np.asarray(weight, dtype=np.float32))
    return kernel, np.asarray(bias, dtype=np.float32).copy()
