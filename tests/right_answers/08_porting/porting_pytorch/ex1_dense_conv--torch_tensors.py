# Right, another API: works on torch tensors (unflatten/permute/flatten) and returns CPU tensors,
# which np.asarray accepts.
def convert_dense(kernel, bias, feature_shape=None):
    k = torch.tensor(np.asarray(kernel), dtype=torch.float32)
    if feature_shape is not None:
        k = k.unflatten(0, tuple(feature_shape)).permute(2, 0, 1, 3).flatten(0, 2)
    return k.t().contiguous(), torch.tensor(np.asarray(bias), dtype=torch.float32)


def convert_conv(kernel, bias):
    k = torch.tensor(np.asarray(kernel), dtype=torch.float32)
    return k.permute(3, 2, 0, 1).contiguous(), torch.tensor(np.asarray(bias), dtype=torch.float32)
