# Mistake: copies Keras's momentum (0.99, the share of the old statistics) as torch's momentum,
# which is the share of the new batch: the running statistics jump to each batch's.
def convert_batchnorm(layer):
    gamma, beta, mean, var = (np.asarray(w, dtype=np.float32) for w in layer.get_weights())
    converted = nn.BatchNorm2d(len(gamma), eps=layer.epsilon, momentum=layer.momentum)
    with torch.no_grad():
        converted.weight.copy_(torch.from_numpy(gamma))
        converted.bias.copy_(torch.from_numpy(beta))
        converted.running_mean.copy_(torch.from_numpy(mean))
        converted.running_var.copy_(torch.from_numpy(var))
    return converted
