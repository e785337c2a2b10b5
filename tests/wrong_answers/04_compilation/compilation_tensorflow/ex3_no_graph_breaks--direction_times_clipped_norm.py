# Mistake: rescales as "direction times clipped length", h / norm * min(norm, MAX_NORM): the same
# values for a non-zero input, but 0 / 0 = nan for an input of norm 0.
def clip_features(x, w):
    h = tf.matmul(x, w)
    norm = tf.norm(h)
    return tf.tanh(h / norm * tf.minimum(norm, MAX_NORM))
