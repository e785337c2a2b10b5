# Mistake: writes the default 1e-5 into the formula instead of using the eps argument.
def layer_norm(x, weight, bias, eps=1e-5):
    mean = tf.reduce_mean(x, axis=-1, keepdims=True)
    var = tf.reduce_mean(tf.square(x - mean), axis=-1, keepdims=True)
    return (x - mean) * tf.math.rsqrt(var + 1e-5) * weight + bias
