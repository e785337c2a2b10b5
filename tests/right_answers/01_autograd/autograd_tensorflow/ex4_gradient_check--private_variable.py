# Right, another mechanism: a private float64 tf.Variable, watched by the tape by itself, and
# perturbed with assign for each coordinate in turn (the caller's x is only read).
def gradient_check(f, x, eps=1e-6):
    v = tf.Variable(tf.cast(x, tf.float64))
    with tf.GradientTape() as tape:
        value = f(v.read_value())
    analytic = tape.gradient(value, v).numpy()
    base = v.numpy().copy()
    flat = base.reshape(-1)
    numeric = np.empty(flat.size)
    for i in range(flat.size):
        step = np.zeros(flat.size)
        step[i] = eps
        v.assign((flat + step).reshape(base.shape))
        plus = float(f(v.read_value()))
        v.assign((flat - step).reshape(base.shape))
        minus = float(f(v.read_value()))
        numeric[i] = (plus - minus) / (2 * eps)
    numeric = numeric.reshape(base.shape)
    scale = np.maximum(1.0, np.maximum(np.abs(analytic), np.abs(numeric)))
    return float(np.max(np.abs(analytic - numeric) / scale))
