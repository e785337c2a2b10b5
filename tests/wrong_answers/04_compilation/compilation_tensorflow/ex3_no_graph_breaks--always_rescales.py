# Mistake: removes the branch by always rescaling: XLA compiles it, but features whose norm is
# already below MAX_NORM are scaled up, so the outputs change.
def clip_features(x, w):
    h = tf.matmul(x, w)
    norm = tf.norm(h)
    return tf.tanh(h * (MAX_NORM / norm))
