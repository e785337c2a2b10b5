# Another correct approach: a real conditional with torch.cond, which Dynamo captures in one graph (the twin
# of tf.cond): one branch clips, the other returns a constant x unchanged with a count of 0.
def clip_outliers(x, n_std=3.0):
    """Graph-safe clip_outliers_eager: returns (clipped values, number clipped as a 0-d tensor)."""
    mean, std = x.mean(), x.std(correction=0)

    def varied(x, mean, std):
        z = (x - mean) / std
        return z.clamp(-n_std, n_std) * std + mean, (z.abs() > n_std).sum()

    def constant(x, mean, std):
        return x.clone(), torch.zeros((), dtype=torch.int64, device=x.device)

    return torch.cond(std > 0, varied, constant, (x, mean, std))
