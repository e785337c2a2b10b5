# Mistake: forgets prefetch: the pipeline is right, but the next batch is only prepared once the
# model asks for it, so data loading and training never overlap.
def make_datasets(X_train, y_train, X_test, y_test, batch_size, seed):
    """A reproducibly shuffled training pipeline and an ordered test pipeline."""
    train_ds = (tf.data.Dataset.from_tensor_slices((X_train.astype(np.float32), y_train))
                .shuffle(len(X_train), seed=seed)
                .batch(batch_size))
    test_ds = tf.data.Dataset.from_tensor_slices((X_test.astype(np.float32), y_test)).batch(batch_size)
    return train_ds, test_ds
