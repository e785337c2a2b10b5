# Mistake: keeps float32, where a step of 1e-6 is lost in rounding.
def gradient_check(f, x, eps=1e-6):
    x = tf.convert_to_tensor(x)
    with tf.GradientTape() as tape:
        tape.watch(x)
        value = f(x)
    analytic = tape.gradient(value, x)
    flat = tf.reshape(x, [-1])
    size = int(flat.shape[0])
    numeric = []
    for i in range(size):
        step = tf.one_hot(i, size, dtype=x.dtype) * eps
        plus, minus = f(tf.reshape(flat + step, x.shape)), f(tf.reshape(flat - step, x.shape))
        numeric.append((plus - minus) / (2 * eps))
    numeric = tf.reshape(tf.stack(numeric), x.shape)
    scale = tf.maximum(tf.ones_like(numeric), tf.maximum(tf.abs(analytic), tf.abs(numeric)))
    return float(tf.reduce_max(tf.abs(analytic - numeric) / scale))
