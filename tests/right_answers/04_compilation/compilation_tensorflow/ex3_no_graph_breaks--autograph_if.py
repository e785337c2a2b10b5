# Right answer, another mechanism: a Python `if` on a tensor, which runs eagerly as it is and which
# AutoGraph turns into tf.cond under tf.function (XLA compiles the conditional).
def clip_features(x, w):
    """tanh of x @ w, rescaled so the global L2 norm is at most MAX_NORM, compilable by XLA as a whole."""
    h = tf.linalg.matmul(x, w)
    norm = tf.sqrt(tf.reduce_sum(tf.square(h)))
    if norm > MAX_NORM:
        h = h * (MAX_NORM / norm)
    else:
        h = tf.identity(h)
    return tf.tanh(h)
