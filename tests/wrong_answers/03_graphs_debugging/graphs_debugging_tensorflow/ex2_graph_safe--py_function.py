# Mistake: wraps the eager code in tf.py_function: it traces once, but the graph calls back into Python.
def clip_outliers(x, n_std=3.0):
    """Graph-safe clip_outliers_eager: returns (clipped values, number clipped as a 0-d tensor)."""

    def eager(values):
        clipped, n_clipped = clip_outliers_eager(values, n_std)
        return clipped, tf.constant(n_clipped, tf.int32)

    clipped, n_clipped = tf.py_function(eager, [x], [tf.float32, tf.int32])
    clipped.set_shape(x.shape)
    n_clipped.set_shape([])
    return clipped, n_clipped
