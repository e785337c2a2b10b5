# Mistake: scales sigmoid(x) by the mean of the upstream gradient instead of multiplying element by
# element: right only when every upstream element is the same (as for tape.gradient(y, x) on y alone).
@tf.custom_gradient
def log1pexp(x):
    value = tf.maximum(x, 0.0) + tf.math.log1p(tf.exp(-tf.abs(x)))

    def grad(upstream):
        return tf.reduce_mean(upstream) * tf.sigmoid(x)

    return value, grad
