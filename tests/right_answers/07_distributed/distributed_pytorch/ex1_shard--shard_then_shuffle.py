# Right, another order of operations: each rank keeps a fixed strided shard and shuffles only
# within it, with Python's random.Random seeded from (seed, epoch, rank): still exactly once.
class ShardSampler(torch.utils.data.Sampler):
    """The indices one replica reads in one epoch: its exactly-once slice of a seeded shuffle."""

    def __init__(self, num_examples, num_replicas, rank, seed=0):
        self.num_examples, self.num_replicas, self.rank, self.seed = num_examples, num_replicas, rank, seed
        self.epoch = 0

    def set_epoch(self, epoch):
        self.epoch = epoch

    def __iter__(self):
        mine = list(range(self.rank, self.num_examples, self.num_replicas))
        random.Random(f"{self.seed}/{self.epoch}/{self.rank}").shuffle(mine)
        return iter(mine)

    def __len__(self):
        return (self.num_examples - self.rank + self.num_replicas - 1) // self.num_replicas
