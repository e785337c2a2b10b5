# Mistake: shards without shuffling: every worker reads its elements in the same fixed order,
# epoch after epoch.
def shard_dataset(ds, num_shards, index, seed):
    """Worker `index`'s shard of `ds`: reshuffled every pass, exactly once across the workers."""
    return ds.shard(num_shards, index)
