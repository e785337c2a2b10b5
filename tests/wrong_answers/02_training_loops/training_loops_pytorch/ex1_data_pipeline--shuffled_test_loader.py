# Mistake: shuffles the test set too (copy-paste from the training loader): predictions no longer line up
# with the examples' original order.
def make_loaders(X_train, y_train, X_test, y_test, batch_size, seed):
    train_set = TensorDataset(torch.as_tensor(X_train, dtype=torch.float32), torch.as_tensor(y_train))
    test_set = TensorDataset(torch.as_tensor(X_test, dtype=torch.float32), torch.as_tensor(y_test))
    generator = torch.Generator().manual_seed(seed)
    train_loader = DataLoader(train_set, batch_size=batch_size, shuffle=True, generator=generator)
    test_loader = DataLoader(test_set, batch_size=batch_size, shuffle=True, generator=generator)
    return train_loader, test_loader
