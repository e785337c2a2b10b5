# Mistake: contiguous blocks of size // num_shards with skip/take: when the sizes do not divide,
# the last elements are never read.
def shard_dataset(ds, num_shards, index, seed):
    """Worker `index`'s shard of `ds`: reshuffled every pass, exactly once across the workers."""
    size = int(ds.cardinality())
    block = size // num_shards
    shuffled = ds.shuffle(size, seed=seed, reshuffle_each_iteration=True)
    return shuffled.skip(index * block).take(block)
