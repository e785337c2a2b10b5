# Mistake: mixes the worker index into the seed before sharding: the workers shuffle differently,
# so the elements each one keeps overlap with the others' and some are never read.
def shard_dataset(ds, num_shards, index, seed):
    """Worker `index`'s shard of `ds`: reshuffled every pass, exactly once across the workers."""
    size = int(ds.cardinality())
    return ds.shuffle(size, seed=seed + index).shard(num_shards, index)
