# Right, another style: a map-style Dataset of its own that converts each example as it is fetched
# (the default collate_fn stacks them into float32 and int64 batches).
class ConvertingDataset(Dataset):
    def __init__(self, X, y):
        self.X, self.y = X, y

    def __len__(self):
        return len(self.y)

    def __getitem__(self, i):
        return torch.tensor(self.X[i], dtype=torch.float32), torch.tensor(int(self.y[i]), dtype=torch.int64)


def make_loaders(X_train, y_train, X_test, y_test, batch_size, seed):
    generator = torch.Generator()
    generator.manual_seed(seed)
    return (DataLoader(ConvertingDataset(X_train, y_train), batch_size, shuffle=True, generator=generator),
            DataLoader(ConvertingDataset(X_test, y_test), batch_size, shuffle=False))
