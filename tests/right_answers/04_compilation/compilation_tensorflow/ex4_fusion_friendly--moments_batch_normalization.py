# Right answer, other APIs: tf.nn.moments for the mean and biased variance, tf.nn.batch_normalization
# for the normalise-scale-shift step (both are compositions of elementwise ops and reductions).
def layer_norm(x, weight, bias, eps=1e-5):
    """Layer norm over the last dimension, as whole-tensor operations a compiler can fuse."""
    mean, var = tf.nn.moments(x, axes=[-1], keepdims=True)
    return tf.nn.batch_normalization(x, mean, var, offset=bias, scale=weight, variance_epsilon=eps)
