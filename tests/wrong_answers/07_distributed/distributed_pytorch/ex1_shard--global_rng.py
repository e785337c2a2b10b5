# Mistake: shuffles with the global torch generator: each rank (and each call) draws its own
# permutation, so the ranks' slices overlap and miss examples, and nothing is reproducible.
class ShardSampler(torch.utils.data.Sampler):
    """The indices one replica reads in one epoch: its exactly-once slice of a seeded shuffle."""

    def __init__(self, num_examples, num_replicas, rank, seed=0):
        self.num_examples, self.num_replicas, self.rank, self.seed = num_examples, num_replicas, rank, seed
        self.epoch = 0

    def set_epoch(self, epoch):
        self.epoch = epoch

    def __iter__(self):
        order = torch.randperm(self.num_examples)
        return iter(order[self.rank :: self.num_replicas].tolist())

    def __len__(self):
        return len(range(self.rank, self.num_examples, self.num_replicas))
