# Mistake: converts the input to float32 "to be safe": a float64 input comes back as float32 (and
# its float64 weight and bias no longer fit).
def layer_norm(x, weight, bias, eps=1e-5):
    x = tf.cast(x, tf.float32)
    mean = tf.reduce_mean(x, axis=-1, keepdims=True)
    var = tf.reduce_mean(tf.square(x - mean), axis=-1, keepdims=True)
    return (x - mean) * tf.math.rsqrt(var + eps) * tf.cast(weight, tf.float32) + tf.cast(bias, tf.float32)
