# Mistake: permutes the arrays once and never again: every epoch sees the same order.
def make_loaders(X_train, y_train, X_test, y_test, batch_size, seed):
    order = np.random.default_rng(seed).permutation(len(X_train))
    train_set = TensorDataset(torch.as_tensor(X_train[order], dtype=torch.float32),
                              torch.as_tensor(y_train[order]))
    test_set = TensorDataset(torch.as_tensor(X_test, dtype=torch.float32), torch.as_tensor(y_test))
    train_loader = DataLoader(train_set, batch_size=batch_size, shuffle=False)
    test_loader = DataLoader(test_set, batch_size=batch_size)
    return train_loader, test_loader
