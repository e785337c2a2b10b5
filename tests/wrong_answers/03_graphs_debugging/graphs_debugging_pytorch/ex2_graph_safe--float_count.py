# Mistake: counts with a float mask, so n_clipped is a float tensor, not the integer count asked for.
def clip_outliers(x, n_std=3.0):
    """Graph-safe clip_outliers_eager: returns (clipped values, number clipped as a 0-d tensor)."""
    mean, std = x.mean(), x.std(correction=0)
    varies = std > 0
    z = (x - mean) / torch.where(varies, std, torch.ones_like(std))
    outside = ((z.abs() > n_std) & varies).float()
    return torch.where(varies, z.clamp(-n_std, n_std) * std + mean, x), outside.sum()
