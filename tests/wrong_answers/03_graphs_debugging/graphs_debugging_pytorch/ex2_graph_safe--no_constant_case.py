# Mistake: drops the std == 0 case, so a constant input divides 0 by 0 and comes back as NaN.
def clip_outliers(x, n_std=3.0):
    """Graph-safe clip_outliers_eager: returns (clipped values, number clipped as a 0-d tensor)."""
    mean, std = x.mean(), x.std(correction=0)
    z = (x - mean) / std
    return z.clamp(-n_std, n_std) * std + mean, (z.abs() > n_std).sum()
