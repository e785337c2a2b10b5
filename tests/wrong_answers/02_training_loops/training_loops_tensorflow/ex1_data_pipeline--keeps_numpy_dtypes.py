# Mistake: slices the arrays as they come: right for float32 features, but float64 features stay
# float64 (and a model's float32 kernels then refuse them).
def make_datasets(X_train, y_train, X_test, y_test, batch_size, seed):
    """A reproducibly shuffled training pipeline and an ordered test pipeline."""
    train_ds = (tf.data.Dataset.from_tensor_slices((X_train, y_train))
                .shuffle(len(X_train), seed=seed)
                .batch(batch_size)
                .prefetch(tf.data.AUTOTUNE))
    test_ds = tf.data.Dataset.from_tensor_slices((X_test, y_test)).batch(batch_size)
    return train_ds, test_ds
