# Mistake: shuffles the test set too (copy-paste from the training pipeline): predictions no longer line
# up with the examples' original order.
def make_datasets(X_train, y_train, X_test, y_test, batch_size, seed):
    """A reproducibly shuffled training pipeline and an ordered test pipeline."""
    train_ds = (tf.data.Dataset.from_tensor_slices((X_train.astype(np.float32), y_train))
                .shuffle(len(X_train), seed=seed)
                .batch(batch_size)
                .prefetch(tf.data.AUTOTUNE))
    test_ds = (tf.data.Dataset.from_tensor_slices((X_test.astype(np.float32), y_test))
               .shuffle(len(X_test), seed=seed)
               .batch(batch_size)
               .prefetch(tf.data.AUTOTUNE))
    return train_ds, test_ds
