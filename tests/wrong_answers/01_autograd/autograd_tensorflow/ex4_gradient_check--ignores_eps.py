# Mistake: ignores the eps argument and always steps by a hard-coded 1e-6, so the caller cannot
# choose the step.
def gradient_check(f, x, eps=1e-6):
    step_size = 1e-6
    x = tf.cast(tf.convert_to_tensor(x), tf.float64)
    with tf.GradientTape() as tape:
        tape.watch(x)
        value = f(x)
    analytic = tape.gradient(value, x)
    flat = tf.reshape(x, [-1])
    size = int(flat.shape[0])
    numeric = []
    for i in range(size):
        step = tf.one_hot(i, size, dtype=tf.float64) * step_size
        plus = f(tf.reshape(flat + step, x.shape))
        minus = f(tf.reshape(flat - step, x.shape))
        numeric.append((plus - minus) / (2 * step_size))
    numeric = tf.reshape(tf.stack(numeric), x.shape)
    scale = tf.maximum(tf.ones_like(numeric), tf.maximum(tf.abs(analytic), tf.abs(numeric)))
    return float(tf.reduce_max(tf.abs(analytic - numeric) / scale))
