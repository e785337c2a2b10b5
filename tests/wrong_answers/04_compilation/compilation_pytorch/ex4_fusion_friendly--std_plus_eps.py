# Mistake: adds eps to the standard deviation instead of to the variance under the square root,
# which differs for rows whose variance is close to eps.
def layer_norm(x, weight, bias, eps=1e-5):
    mean = x.mean(dim=-1, keepdim=True)
    std = ((x - mean) ** 2).mean(dim=-1, keepdim=True).sqrt()
    return (x - mean) / (std + eps) * weight + bias
