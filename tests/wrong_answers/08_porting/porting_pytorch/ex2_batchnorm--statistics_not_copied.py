# Mistake: copies only the trainable weights (gamma, beta): the moving mean and variance stay at
# torch's initial 0 and 1.
def convert_batchnorm(layer):
    converted = nn.BatchNorm2d(layer.gamma.shape[0], eps=layer.epsilon, momentum=1 - layer.momentum)
    with torch.no_grad():
        converted.weight.copy_(torch.as_tensor(np.array(layer.gamma)))
        converted.bias.copy_(torch.as_tensor(np.array(layer.beta)))
    return converted
