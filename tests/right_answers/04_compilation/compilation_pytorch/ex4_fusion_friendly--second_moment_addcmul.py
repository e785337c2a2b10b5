# Right answer, another algebra: var = E[x²] - E[x]², and the affine step as one torch.addcmul
# (bias + normalised * weight).
def layer_norm(x, weight, bias, eps=1e-5):
    """Layer norm over the last dimension, as whole-tensor operations a compiler can fuse."""
    mean = torch.mean(x, -1, True)
    var = torch.mean(x * x, -1, True) - mean * mean
    return torch.addcmul(bias, (x - mean) * torch.rsqrt(var + eps), weight)
