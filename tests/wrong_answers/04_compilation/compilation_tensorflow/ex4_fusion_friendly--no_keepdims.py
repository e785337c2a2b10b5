# Mistake: reduces without keepdims=True, so the (rows,) means broadcast against the last axis
# instead of each row: an error for most shapes, silently wrong for square inputs.
def layer_norm(x, weight, bias, eps=1e-5):
    mean = tf.reduce_mean(x, axis=-1)
    var = tf.reduce_mean((x - mean) ** 2, axis=-1)
    return (x - mean) * tf.math.rsqrt(var + eps) * weight + bias
