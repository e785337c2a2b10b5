# Mistake: an input_signature with the full batch size 48, so the short last batch does not match it.
def make_sgd_step(w):
    """A tf.function step(X, y, lr) that updates w and is traced once for any batch size and lr."""
    signature = [tf.TensorSpec([48, w.shape[0]], tf.float32), tf.TensorSpec([48], tf.float32),
                 tf.TensorSpec([], tf.float32)]

    @tf.function(input_signature=signature)
    def step(X, y, lr):
        return sgd_step(w, X, y, lr)

    return step
