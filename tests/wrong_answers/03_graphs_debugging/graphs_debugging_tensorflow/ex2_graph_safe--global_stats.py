# Mistake: takes the mean and std of the notebook's global x_out, which it was developed on, not of x.
def clip_outliers(x, n_std=3.0):
    """Graph-safe clip_outliers_eager: returns (clipped values, number clipped as a 0-d tensor)."""
    mean, std = tf.reduce_mean(x_out), tf.math.reduce_std(x_out)
    varies = std > 0
    z = (x - mean) / tf.where(varies, std, tf.ones_like(std))
    outside = tf.logical_and(tf.abs(z) > n_std, varies)
    clipped = tf.where(varies, tf.clip_by_value(z, -n_std, n_std) * std + mean, x)
    return clipped, tf.reduce_sum(tf.cast(outside, tf.int32))
