# Mistake: hard-codes 4 features in the signature instead of reading the number from w.
def make_sgd_step(w):
    """A tf.function step(X, y, lr) that updates w and is traced once for any batch size and lr."""
    signature = [tf.TensorSpec([None, 4], tf.float32), tf.TensorSpec([None], tf.float32),
                 tf.TensorSpec([], tf.float32)]

    @tf.function(input_signature=signature)
    def step(X, y, lr):
        return sgd_step(w, X, y, lr)

    return step
