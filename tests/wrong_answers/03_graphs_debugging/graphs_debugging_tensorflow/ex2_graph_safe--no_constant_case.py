# Mistake: drops the std == 0 case, so a constant input divides 0 by 0 and comes back as NaN.
def clip_outliers(x, n_std=3.0):
    """Graph-safe clip_outliers_eager: returns (clipped values, number clipped as a 0-d tensor)."""
    mean, std = tf.reduce_mean(x), tf.math.reduce_std(x)
    z = (x - mean) / std
    n_clipped = tf.reduce_sum(tf.cast(tf.abs(z) > n_std, tf.int32))
    return tf.clip_by_value(z, -n_std, n_std) * std + mean, n_clipped
