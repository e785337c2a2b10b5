# Mistake: swaps tf.py_function for tf.numpy_function: still Python code inside the graph,
# which XLA cannot compile.
def clip_features(x, w):
    h = tf.matmul(x, w)
    norm = tf.norm(h)
    scale = tf.numpy_function(lambda n: np.float32(min(1.0, MAX_NORM / max(float(n), 1e-30))),
                              [norm], tf.float32)
    return tf.tanh(h * scale)
