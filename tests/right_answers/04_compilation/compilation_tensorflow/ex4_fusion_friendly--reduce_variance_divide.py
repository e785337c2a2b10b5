# Right answer, another API: tf.math.reduce_variance (the population variance) and a division by
# the square root instead of a multiply by rsqrt.
def layer_norm(x, weight, bias, eps=1e-5):
    """Layer norm over the last dimension, as whole-tensor operations a compiler can fuse."""
    mean = tf.math.reduce_mean(x, axis=-1, keepdims=True)
    var = tf.math.reduce_variance(x, axis=-1, keepdims=True)
    return weight * (x - mean) / tf.sqrt(var + eps) + bias
