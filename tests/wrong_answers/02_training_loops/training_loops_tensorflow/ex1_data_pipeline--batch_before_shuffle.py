# Mistake: batches first, then shuffles the batches: every epoch has the same groups of neighbours, only
# their order changes.
def make_datasets(X_train, y_train, X_test, y_test, batch_size, seed):
    """A reproducibly shuffled training pipeline and an ordered test pipeline."""
    train_ds = (tf.data.Dataset.from_tensor_slices((X_train.astype(np.float32), y_train))
                .batch(batch_size)
                .shuffle(len(X_train), seed=seed)
                .prefetch(tf.data.AUTOTUNE))
    test_ds = tf.data.Dataset.from_tensor_slices((X_test.astype(np.float32), y_test)).batch(batch_size)
    return train_ds, test_ds
