# Mistake: counts with .item() and wraps the Python int back into a tensor: the .item() is a graph break.
def clip_outliers(x, n_std=3.0):
    """Graph-safe clip_outliers_eager: returns (clipped values, number clipped as a 0-d tensor)."""
    mean, std = x.mean(), x.std(correction=0)
    varies = std > 0
    z = (x - mean) / torch.where(varies, std, torch.ones_like(std))
    n_clipped = ((z.abs() > n_std) & varies).sum().item()
    clipped = torch.where(varies, z.clamp(-n_std, n_std) * std + mean, x)
    return clipped, torch.tensor(n_clipped)
