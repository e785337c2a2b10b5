# Mistake: a Python `if` on a tensor for the constant case: a data-dependent branch is a graph break.
def clip_outliers(x, n_std=3.0):
    """Graph-safe clip_outliers_eager: returns (clipped values, number clipped as a 0-d tensor)."""
    mean, std = x.mean(), x.std(correction=0)
    if std == 0:
        return x.clone(), torch.zeros((), dtype=torch.int64)
    z = (x - mean) / std
    return z.clamp(-n_std, n_std) * std + mean, (z.abs() > n_std).sum()
