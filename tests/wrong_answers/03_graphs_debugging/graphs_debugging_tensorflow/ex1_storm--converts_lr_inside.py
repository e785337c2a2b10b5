# Mistake: converts lr to a tensor inside the traced function: too late, the float is the trace key.
def make_sgd_step(w):
    """A tf.function step(X, y, lr) that updates w and is traced once for any batch size and lr."""

    @tf.function(reduce_retracing=True)
    def step(X, y, lr):
        lr = tf.convert_to_tensor(lr, tf.float32)
        return sgd_step(w, X, y, lr)

    return step
