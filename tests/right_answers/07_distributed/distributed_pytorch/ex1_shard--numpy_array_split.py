# Right, another API and another split: a NumPy generator seeded with (seed, epoch) draws the
# permutation, and each rank takes a contiguous block of it (np.array_split) instead of a stride.
class ShardSampler(torch.utils.data.Sampler):
    """The indices one replica reads in one epoch: its exactly-once slice of a seeded shuffle."""

    def __init__(self, num_examples, num_replicas, rank, seed=0):
        self.num_examples, self.num_replicas, self.rank, self.seed = num_examples, num_replicas, rank, seed
        self.epoch = 0

    def set_epoch(self, epoch):
        self.epoch = epoch

    def _shard(self):
        order = np.random.default_rng([self.seed, self.epoch]).permutation(self.num_examples)
        return np.array_split(order, self.num_replicas)[self.rank]

    def __iter__(self):
        return iter(int(i) for i in self._shard())

    def __len__(self):
        return len(self._shard())
