# Right, another style: np.array(x, dtype=np.float64) always copies; the tape's gradient on a
# constant made from that copy, the central differences in NumPy.
def gradient_check(f, x, eps=1e-6):
    base = np.array(x, dtype=np.float64)
    t = tf.constant(base)
    with tf.GradientTape() as tape:
        tape.watch(t)
        value = f(t)
    analytic = tape.gradient(value, t).numpy().ravel()
    numeric = np.empty(base.size)
    for i in range(base.size):
        up, down = base.ravel().copy(), base.ravel().copy()
        up[i] += eps
        down[i] -= eps
        numeric[i] = (float(f(tf.constant(up.reshape(base.shape))))
                      - float(f(tf.constant(down.reshape(base.shape))))) / (2 * eps)
    scale = np.maximum(1.0, np.maximum(np.abs(analytic), np.abs(numeric)))
    return float(np.max(np.abs(analytic - numeric) / scale))
