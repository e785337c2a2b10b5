# Mistake: scales by max(1, |a|) only, forgetting |n|: wrong whenever the numeric gradient is the
# larger one (an analytic gradient that is too small).
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
    scale = tf.maximum(tf.ones_like(numeric), tf.abs(analytic))
    return float(tf.reduce_max(tf.abs(analytic - numeric) / scale))
