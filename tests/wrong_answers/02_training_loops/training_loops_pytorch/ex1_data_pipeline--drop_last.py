# Mistake: drop_last=True throws away the last, smaller batch, so some examples are never trained on.
def make_loaders(X_train, y_train, X_test, y_test, batch_size, seed):
    train_set = TensorDataset(torch.as_tensor(X_train, dtype=torch.float32), torch.as_tensor(y_train))
    test_set = TensorDataset(torch.as_tensor(X_test, dtype=torch.float32), torch.as_tensor(y_test))
    generator = torch.Generator().manual_seed(seed)
    train_loader = DataLoader(train_set, batch_size=batch_size, shuffle=True, generator=generator,
                              drop_last=True)
    test_loader = DataLoader(test_set, batch_size=batch_size)
    return train_loader, test_loader
