# Right, another order of operations (the one tf.data's guide recommends for files): shard first,
# so each worker keeps a fixed subset, then shuffle that subset with the seed on every pass.
def shard_dataset(ds, num_shards, index, seed):
    """Worker `index`'s shard of `ds`: reshuffled every pass, exactly once across the workers."""
    mine = ds.shard(num_shards, index)
    return mine.shuffle(int(mine.cardinality()), seed=seed)
