# Mistake: approximates the gradient with finite differences instead of using the tape.
def value_and_grad(f, x):
    x = tf.convert_to_tensor(x)
    eps = 1e-6
    flat = tf.reshape(x, [-1])
    size = int(flat.shape[0])
    parts = []
    for i in range(size):
        step = tf.one_hot(i, size, dtype=x.dtype) * eps
        parts.append((f(tf.reshape(flat + step, x.shape)) - f(tf.reshape(flat - step, x.shape))) / (2 * eps))
    return f(x), tf.reshape(tf.stack(parts), x.shape)
