# Mistake: decides with .numpy(), which works eagerly but not while tracing: there is no value
# inside tf.function, so the function cannot be traced, let alone compiled.
def clip_features(x, w):
    h = tf.matmul(x, w)
    norm = tf.norm(h)
    if norm.numpy() > MAX_NORM:
        h = h * (MAX_NORM / norm)
    return tf.tanh(h)
