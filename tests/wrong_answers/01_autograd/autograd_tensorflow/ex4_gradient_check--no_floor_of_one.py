# Mistake: a purely relative error |a - n| / max(|a|, |n|), without the floor of 1: it exaggerates
# the error of small gradients (and divides by zero where both are 0).
def gradient_check(f, x, eps=1e-6):
    x = tf.cast(tf.convert_to_tensor(x), tf.float64)
    with tf.GradientTape() as tape:
        tape.watch(x)
        value = f(x)
    analytic = tape.gradient(value, x)
    flat = tf.reshape(x, [-1])
    size = int(flat.shape[0])
    numeric = []
    for i in range(size):
        step = tf.one_hot(i, size, dtype=tf.float64) * eps
        plus = f(tf.reshape(flat + step, x.shape))
        minus = f(tf.reshape(flat - step, x.shape))
        numeric.append((plus - minus) / (2 * eps))
    numeric = tf.reshape(tf.stack(numeric), x.shape)
    scale = tf.maximum(tf.abs(analytic), tf.abs(numeric))
    return float(tf.reduce_max(tf.abs(analytic - numeric) / scale))
