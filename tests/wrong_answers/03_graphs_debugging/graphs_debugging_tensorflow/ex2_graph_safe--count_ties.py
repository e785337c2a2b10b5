# Mistake: counts |z| >= n_std as clipped, so a value exactly n_std away (clipping leaves it) is counted.
def clip_outliers(x, n_std=3.0):
    """Graph-safe clip_outliers_eager: returns (clipped values, number clipped as a 0-d tensor)."""
    mean, std = tf.reduce_mean(x), tf.math.reduce_std(x)
    varies = std > 0
    z = (x - mean) / tf.where(varies, std, tf.ones_like(std))
    outside = tf.logical_and(tf.abs(z) >= n_std, varies)
    clipped = tf.where(varies, tf.clip_by_value(z, -n_std, n_std) * std + mean, x)
    return clipped, tf.reduce_sum(tf.cast(outside, tf.int32))
