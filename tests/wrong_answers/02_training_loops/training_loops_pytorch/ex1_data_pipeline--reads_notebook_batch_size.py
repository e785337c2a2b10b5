# Mistake: uses the notebook's BATCH_SIZE instead of the batch_size argument: right only when the
# two are equal (32), as in the visible test.
def make_loaders(X_train, y_train, X_test, y_test, batch_size, seed):
    train_set = TensorDataset(torch.as_tensor(X_train, dtype=torch.float32),
                              torch.as_tensor(y_train, dtype=torch.int64))
    test_set = TensorDataset(torch.as_tensor(X_test, dtype=torch.float32),
                             torch.as_tensor(y_test, dtype=torch.int64))
    generator = torch.Generator().manual_seed(seed)
    return (DataLoader(train_set, batch_size=BATCH_SIZE, shuffle=True, generator=generator),
            DataLoader(test_set, batch_size=BATCH_SIZE))
