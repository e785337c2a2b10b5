# Right answer, another API: tf.clip_by_norm computes exactly "rescale to MAX_NORM when the norm
# is larger", with TensorFlow operations that XLA compiles, and handles a zero norm.
def clip_features(x, w):
    """tanh of x @ w, rescaled so the global L2 norm is at most MAX_NORM, compilable by XLA as a whole."""
    return tf.tanh(tf.clip_by_norm(x @ w, MAX_NORM))
