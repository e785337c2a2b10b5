# Another correct approach: a lambda wrapped by tf.function, with the signature's shapes and dtypes taken
# from the variable itself (w.shape, w.dtype) rather than written out.
def make_sgd_step(w):
    """A tf.function step(X, y, lr) that updates w and is traced once for any batch size and lr."""
    n_features = int(w.shape[-1])
    return tf.function(
        lambda X, y, lr: sgd_step(w, X, y, lr),
        input_signature=[tf.TensorSpec([None, n_features], w.dtype), tf.TensorSpec([None], w.dtype),
                         tf.TensorSpec([], w.dtype)])
