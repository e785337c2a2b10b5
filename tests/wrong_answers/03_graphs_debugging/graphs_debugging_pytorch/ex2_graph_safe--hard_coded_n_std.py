# Mistake: ignores the n_std argument and clips at 3 standard deviations whatever the caller asks.
def clip_outliers(x, n_std=3.0):
    """Graph-safe clip_outliers_eager: returns (clipped values, number clipped as a 0-d tensor)."""
    mean, std = x.mean(), x.std(correction=0)
    varies = std > 0
    z = (x - mean) / torch.where(varies, std, torch.ones_like(std))
    outside = (z.abs() > 3.0) & varies
    return torch.where(varies, z.clamp(-3.0, 3.0) * std + mean, x), outside.sum()
