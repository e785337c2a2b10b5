# Mistake: flattens the leading dimensions into rows and never restores them: a (batch, tokens,
# features) input comes back as (batch * tokens, features).
def layer_norm(x, weight, bias, eps=1e-5):
    rows = tf.reshape(x, [-1, x.shape[-1]])
    mean = tf.reduce_mean(rows, axis=1, keepdims=True)
    var = tf.reduce_mean(tf.square(rows - mean), axis=1, keepdims=True)
    return (rows - mean) * tf.math.rsqrt(var + eps) * weight + bias
