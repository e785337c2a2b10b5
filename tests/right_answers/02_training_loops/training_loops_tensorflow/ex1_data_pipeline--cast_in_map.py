# Right, another style: converts the dtypes inside the pipeline, with a map after batching, and
# prefetches two batches (a fixed buffer instead of AUTOTUNE).
def make_datasets(X_train, y_train, X_test, y_test, batch_size, seed):
    def to_model_dtypes(xb, yb):
        return tf.cast(xb, tf.float32), tf.cast(yb, tf.int32)

    train_ds = (tf.data.Dataset.from_tensor_slices((X_train, y_train))
                .shuffle(buffer_size=X_train.shape[0], seed=seed, reshuffle_each_iteration=True)
                .batch(batch_size, drop_remainder=False)
                .map(to_model_dtypes)
                .prefetch(2))
    test_ds = tf.data.Dataset.from_tensor_slices((X_test, y_test)).batch(batch_size).map(to_model_dtypes)
    return train_ds, test_ds
