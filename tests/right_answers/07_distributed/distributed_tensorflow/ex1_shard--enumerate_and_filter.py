# Right, another mechanism: number the elements of one seeded shuffle with enumerate() and keep
# those whose position is index modulo num_shards (what shard does, spelled out).
def shard_dataset(ds, num_shards, index, seed):
    """Worker `index`'s shard of `ds`: reshuffled every pass, exactly once across the workers."""
    count = ds.reduce(np.int64(0), lambda n, _: n + 1)  # works even when cardinality is unknown
    shuffled = ds.shuffle(int(count), seed=seed, reshuffle_each_iteration=True)
    numbered = shuffled.enumerate()
    mine = numbered.filter(lambda position, _: position % num_shards == index)
    return mine.map(lambda _, element: element)
