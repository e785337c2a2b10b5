# Mistake: seeds the generator with the notebook's SEED instead of the seed argument: reproducible,
# but every seed gives the same order.
def make_loaders(X_train, y_train, X_test, y_test, batch_size, seed):
    train_set = TensorDataset(torch.as_tensor(X_train, dtype=torch.float32),
                              torch.as_tensor(y_train, dtype=torch.int64))
    test_set = TensorDataset(torch.as_tensor(X_test, dtype=torch.float32),
                             torch.as_tensor(y_test, dtype=torch.int64))
    generator = torch.Generator().manual_seed(SEED)
    return (DataLoader(train_set, batch_size=batch_size, shuffle=True, generator=generator),
            DataLoader(test_set, batch_size=batch_size))
