# Mistake: reports the plain absolute error, not the stated |a - n| / max(1, |a|, |n|).
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
        plus, minus = f(tf.reshape(flat + step, x.shape)), f(tf.reshape(flat - step, x.shape))
        numeric.append((plus - minus) / (2 * eps))
    numeric = tf.reshape(tf.stack(numeric), x.shape)
    return float(tf.reduce_max(tf.abs(analytic - numeric)))
