# Mistake: takes the mean and std of the notebook's global x_out, which it was developed on, not of x.
def clip_outliers(x, n_std=3.0):
    """Graph-safe clip_outliers_eager: returns (clipped values, number clipped as a 0-d tensor)."""
    mean, std = x_out.mean(), x_out.std(correction=0)
    varies = std > 0
    z = (x - mean) / torch.where(varies, std, torch.ones_like(std))
    outside = (z.abs() > n_std) & varies
    return torch.where(varies, z.clamp(-n_std, n_std) * std + mean, x), outside.sum()
