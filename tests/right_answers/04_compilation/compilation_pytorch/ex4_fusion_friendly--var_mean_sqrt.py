# Right answer, another API: torch.var_mean with correction=0 (the biased variance) in one
# reduction, then a division by sqrt(var + eps) instead of a multiply by rsqrt.
def layer_norm(x, weight, bias, eps=1e-5):
    """Layer norm over the last dimension, as whole-tensor operations a compiler can fuse."""
    var, mean = torch.var_mean(x, dim=-1, keepdim=True, correction=0)
    return (x - mean) / torch.sqrt(var + eps) * weight + bias
