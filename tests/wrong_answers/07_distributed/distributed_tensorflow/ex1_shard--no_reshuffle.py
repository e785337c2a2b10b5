# Mistake: reshuffle_each_iteration=False (the tf.data twin of forgetting sampler.set_epoch): the
# shuffle is drawn once, and every epoch comes in the same order.
def shard_dataset(ds, num_shards, index, seed):
    """Worker `index`'s shard of `ds`: reshuffled every pass, exactly once across the workers."""
    size = int(ds.cardinality())
    return ds.shuffle(size, seed=seed, reshuffle_each_iteration=False).shard(num_shards, index)
