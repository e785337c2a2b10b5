# Mistake: reduce_retracing=True relaxes shapes only; every new Python float lr is still a new trace.
def make_sgd_step(w):
    """A tf.function step(X, y, lr) that updates w and is traced once for any batch size and lr."""
    return tf.function(lambda X, y, lr: sgd_step(w, X, y, lr), reduce_retracing=True)
