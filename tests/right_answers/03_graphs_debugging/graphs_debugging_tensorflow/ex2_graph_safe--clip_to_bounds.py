# Another correct approach: no z-scores and no tf.where; clip x to mean -/+ n_std * std with tf.minimum and
# tf.maximum, and count with tf.math.count_nonzero (an int64 count). A constant x has both bounds equal to x.
def clip_outliers(x, n_std=3.0):
    """Graph-safe clip_outliers_eager: returns (clipped values, number clipped as a 0-d tensor)."""
    mean = tf.reduce_mean(x)
    spread = n_std * tf.sqrt(tf.reduce_mean(tf.square(x - mean)))
    clipped = tf.minimum(tf.maximum(x, mean - spread), mean + spread)
    return clipped, tf.math.count_nonzero(tf.abs(x - mean) > spread)
