# Mistake: tf.map_fn keeps the graph small, but it is a while loop that normalises one row per
# iteration: nothing is fused across rows.
def layer_norm(x, weight, bias, eps=1e-5):
    def one_row(row):
        mean = tf.reduce_mean(row)
        var = tf.reduce_mean((row - mean) ** 2)
        return (row - mean) * tf.math.rsqrt(var + eps) * weight + bias

    flat = tf.reshape(x, [-1, x.shape[-1]])
    return tf.reshape(tf.map_fn(one_row, flat), tf.shape(x))
