# Mistake: reuses the notebook's global `signature`, written for the demo's 4 features, instead of reading
# the number of features from w: any other w fails to match it.
def make_sgd_step(w):
    """A tf.function step(X, y, lr) that updates w and is traced once for any batch size and lr."""
    return tf.function(functools.partial(sgd_step, w), input_signature=signature)
