# Another correct approach: tf.function called on functools.partial(sgd_step, w), with a signature that
# leaves both dimensions of X unknown (matvec with w checks the feature count when the graph runs).
def make_sgd_step(w):
    """A tf.function step(X, y, lr) that updates w and is traced once for any batch size and lr."""
    signature = (tf.TensorSpec(shape=(None, None), dtype=tf.float32),
                 tf.TensorSpec(shape=(None,), dtype=tf.float32),
                 tf.TensorSpec(shape=(), dtype=tf.float32))
    return tf.function(functools.partial(sgd_step, w), input_signature=signature)
