# Mistake: adds eps to the standard deviation instead of to the variance under the square root,
# which differs for rows whose variance is close to eps.
def layer_norm(x, weight, bias, eps=1e-5):
    mean = tf.reduce_mean(x, axis=-1, keepdims=True)
    std = tf.sqrt(tf.reduce_mean((x - mean) ** 2, axis=-1, keepdims=True))
    return (x - mean) / (std + eps) * weight + bias
