# Mistake: np.asarray(x, dtype=np.float64) is not a copy when x is already a float64 NumPy array,
# so perturbing it in place changes the caller's array, and `+= eps` then `-= eps` does not bring
# every value back.
def gradient_check(f, x, eps=1e-6):
    x64 = np.asarray(x, dtype=np.float64)
    t = tf.constant(x64)
    with tf.GradientTape() as tape:
        tape.watch(t)
        value = f(t)
    analytic = tape.gradient(value, t).numpy()
    numeric = np.zeros_like(x64)
    flat, out = x64.reshape(-1), numeric.reshape(-1)
    for i in range(flat.size):
        flat[i] += eps
        plus = float(f(tf.constant(x64)))
        flat[i] -= 2 * eps
        minus = float(f(tf.constant(x64)))
        flat[i] += eps
        out[i] = (plus - minus) / (2 * eps)
    scale = np.maximum(1.0, np.maximum(np.abs(analytic), np.abs(numeric)))
    return float(np.max(np.abs(analytic - numeric) / scale))
