# Mistake: seeds the global generator once instead of giving the loader its own: each epoch's order then
# depends on whatever else drew random numbers before it (dropout masks, another loader...).
def make_loaders(X_train, y_train, X_test, y_test, batch_size, seed):
    torch.manual_seed(seed)
    train_set = TensorDataset(torch.as_tensor(X_train, dtype=torch.float32), torch.as_tensor(y_train))
    test_set = TensorDataset(torch.as_tensor(X_test, dtype=torch.float32), torch.as_tensor(y_test))
    train_loader = DataLoader(train_set, batch_size=batch_size, shuffle=True)
    test_loader = DataLoader(test_set, batch_size=batch_size)
    return train_loader, test_loader
