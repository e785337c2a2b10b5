# Mistake: torch.var defaults to the unbiased (n - 1) variance; layer norm uses the biased one.
def layer_norm(x, weight, bias, eps=1e-5):
    mean = x.mean(dim=-1, keepdim=True)
    var = x.var(dim=-1, keepdim=True)
    return (x - mean) * torch.rsqrt(var + eps) * weight + bias
