# Mistake: converts the input to float32 "to be safe": a float64 input comes back as float32, and
# loses the precision the caller asked for.
def layer_norm(x, weight, bias, eps=1e-5):
    x = x.float()
    mean = x.mean(dim=-1, keepdim=True)
    var = ((x - mean) ** 2).mean(dim=-1, keepdim=True)
    return (x - mean) * torch.rsqrt(var + eps) * weight.float() + bias.float()
