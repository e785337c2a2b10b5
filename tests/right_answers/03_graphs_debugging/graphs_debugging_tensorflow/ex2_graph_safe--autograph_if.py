# Another correct approach: a Python `if` on the std tensor, which AutoGraph turns into a tf.cond inside
# tf.function (both branches return a float32 tensor and an int32 count); eagerly it is a plain if.
def clip_outliers(x, n_std=3.0):
    """Graph-safe clip_outliers_eager: returns (clipped values, number clipped as a 0-d tensor)."""
    mean, std = tf.reduce_mean(x), tf.math.reduce_std(x)
    if std == 0:
        return tf.identity(x), tf.constant(0, tf.int32)
    z = (x - mean) / std
    n_clipped = tf.reduce_sum(tf.cast(tf.abs(z) > n_std, tf.int32))
    return tf.clip_by_value(z, -n_std, n_std) * std + mean, n_clipped
