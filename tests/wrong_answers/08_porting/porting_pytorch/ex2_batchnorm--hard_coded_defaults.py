# Mistake: hard-codes Keras's default epsilon and momentum instead of reading the layer's own,
# right for the notebook's layer only.
def convert_batchnorm(layer):
    gamma, beta, mean, var = (np.asarray(w, dtype=np.float32) for w in layer.get_weights())
    converted = nn.BatchNorm2d(len(gamma), eps=1e-3, momentum=0.01)
    with torch.no_grad():
        converted.weight.copy_(torch.from_numpy(gamma))
        converted.bias.copy_(torch.from_numpy(beta))
        converted.running_mean.copy_(torch.from_numpy(mean))
        converted.running_var.copy_(torch.from_numpy(var))
    return converted
