# Mistake: returns sigmoid(x) without multiplying by the upstream gradient (breaks the chain rule).
@tf.custom_gradient
def log1pexp(x):
    value = tf.maximum(x, 0.0) + tf.math.log1p(tf.exp(-tf.abs(x)))

    def grad(upstream):
        return tf.sigmoid(x)

    return value, grad
