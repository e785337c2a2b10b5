# Mistake: pads the permutation to a multiple of num_replicas by repeating its first indices, as
# DistributedSampler does: when the sizes do not divide, some examples are read twice in an epoch.
class ShardSampler(torch.utils.data.Sampler):
    """The indices one replica reads in one epoch: its exactly-once slice of a seeded shuffle."""

    def __init__(self, num_examples, num_replicas, rank, seed=0):
        self.num_examples, self.num_replicas, self.rank, self.seed = num_examples, num_replicas, rank, seed
        self.epoch = 0

    def set_epoch(self, epoch):
        self.epoch = epoch

    def __iter__(self):
        generator = torch.Generator().manual_seed(self.seed + self.epoch)
        order = torch.randperm(self.num_examples, generator=generator).tolist()
        total = math.ceil(self.num_examples / self.num_replicas) * self.num_replicas
        order += order[: total - len(order)]
        return iter(order[self.rank :: self.num_replicas])

    def __len__(self):
        return math.ceil(self.num_examples / self.num_replicas)
