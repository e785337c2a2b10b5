# Right, another algorithm: shuffles the *indices* 0..n-1 (a buffer of n: uniform), batches them,
# then gathers the rows, as a PyTorch sampler does.
def make_datasets(X_train, y_train, X_test, y_test, batch_size, seed):
    features = tf.constant(X_train, dtype=tf.float32)
    labels = tf.constant(y_train, dtype=tf.int64)

    def rows(indices):
        return tf.gather(features, indices), tf.gather(labels, indices)

    n = len(X_train)
    train_ds = (tf.data.Dataset.range(n).shuffle(n, seed=seed).batch(batch_size)
                .map(rows).prefetch(tf.data.AUTOTUNE))
    test_ds = tf.data.Dataset.from_tensor_slices((X_test.astype(np.float32), y_test.astype(np.int64)))
    return train_ds, test_ds.batch(batch_size)
