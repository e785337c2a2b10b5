# Mistake: still tests the constant case with std.numpy(), which a symbolic tensor does not have.
def clip_outliers(x, n_std=3.0):
    """Graph-safe clip_outliers_eager: returns (clipped values, number clipped as a 0-d tensor)."""
    mean, std = tf.reduce_mean(x), tf.math.reduce_std(x)
    if std.numpy() == 0:
        return tf.identity(x), tf.constant(0)
    z = (x - mean) / std
    n_clipped = tf.reduce_sum(tf.cast(tf.abs(z) > n_std, tf.int32))
    return tf.clip_by_value(z, -n_std, n_std) * std + mean, n_clipped
