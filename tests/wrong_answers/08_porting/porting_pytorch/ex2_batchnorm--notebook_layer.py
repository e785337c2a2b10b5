# Mistake: converts the notebook's model.get_layer("bn") instead of the layer it is given.
def convert_batchnorm(layer):
    source = model.get_layer("bn")
    gamma, beta, mean, var = (np.asarray(w, dtype=np.float32) for w in source.get_weights())
    converted = nn.BatchNorm2d(len(gamma), eps=source.epsilon, momentum=1 - source.momentum)
    with torch.no_grad():
        converted.weight.copy_(torch.from_numpy(gamma))
        converted.bias.copy_(torch.from_numpy(beta))
        converted.running_mean.copy_(torch.from_numpy(mean))
        converted.running_var.copy_(torch.from_numpy(var))
    return converted
