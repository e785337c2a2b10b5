# Right, another API: an explicit RandomSampler with its own seeded generator (what shuffle=True
# builds), and torch.tensor copies converted to the dtypes asked for.
def make_loaders(X_train, y_train, X_test, y_test, batch_size, seed):
    from torch.utils.data import RandomSampler, SequentialSampler

    def tensors(X, y):
        return TensorDataset(torch.tensor(X, dtype=torch.float32), torch.tensor(y, dtype=torch.int64))

    train_set, test_set = tensors(X_train, y_train), tensors(X_test, y_test)
    sampler = RandomSampler(train_set, generator=torch.Generator().manual_seed(seed))
    train_loader = DataLoader(train_set, batch_size=batch_size, sampler=sampler, drop_last=False)
    test_loader = DataLoader(test_set, batch_size=batch_size, sampler=SequentialSampler(test_set))
    return train_loader, test_loader
