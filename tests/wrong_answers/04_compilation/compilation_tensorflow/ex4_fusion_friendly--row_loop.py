# Mistake: no float() any more, but still a Python loop over rows: tf.function unrolls it, so the
# graph (and the tracing and compile time) grows with the number of rows.
def layer_norm(x, weight, bias, eps=1e-5):
    flat = tf.reshape(x, [-1, x.shape[-1]])
    rows = []
    for row in tf.unstack(flat):
        mean = tf.reduce_mean(row)
        var = tf.reduce_mean((row - mean) ** 2)
        rows.append((row - mean) * tf.math.rsqrt(var + eps) * weight + bias)
    return tf.reshape(tf.stack(rows), tf.shape(x))
