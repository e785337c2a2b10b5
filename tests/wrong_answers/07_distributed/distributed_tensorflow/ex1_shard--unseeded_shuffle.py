# Mistake: shuffles without a seed before sharding: every worker draws its own permutation, so
# their shards overlap and miss examples, and no run is reproducible.
def shard_dataset(ds, num_shards, index, seed):
    """Worker `index`'s shard of `ds`: reshuffled every pass, exactly once across the workers."""
    size = int(ds.cardinality())
    return ds.shuffle(size).shard(num_shards, index)
