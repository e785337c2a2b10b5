# Right, another style: the module is configured after construction and its tensors are replaced
# (parameters as new nn.Parameters, statistics as buffers), from get_config().
def convert_batchnorm(layer):
    config = layer.get_config()
    gamma, beta, mean, var = layer.get_weights()
    converted = nn.BatchNorm2d(len(gamma))
    converted.eps = float(config["epsilon"])
    converted.momentum = 1.0 - float(config["momentum"])
    converted.weight = nn.Parameter(torch.tensor(gamma, dtype=torch.float32))
    converted.bias = nn.Parameter(torch.tensor(beta, dtype=torch.float32))
    converted.register_buffer("running_mean", torch.tensor(mean, dtype=torch.float32))
    converted.register_buffer("running_var", torch.tensor(var, dtype=torch.float32))
    return converted
