# Mistake: wraps the arrays as they come (torch.from_numpy keeps their dtype): right for float32
# features and int64 labels, but float64 features stay float64 and int32 labels stay int32.
def make_loaders(X_train, y_train, X_test, y_test, batch_size, seed):
    train_set = TensorDataset(torch.from_numpy(X_train), torch.from_numpy(y_train))
    test_set = TensorDataset(torch.from_numpy(X_test), torch.from_numpy(y_test))
    generator = torch.Generator().manual_seed(seed)
    return (DataLoader(train_set, batch_size=batch_size, shuffle=True, generator=generator),
            DataLoader(test_set, batch_size=batch_size))
