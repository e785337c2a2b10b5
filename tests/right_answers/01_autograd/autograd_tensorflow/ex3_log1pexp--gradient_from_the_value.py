# Right, another algorithm: two branches chosen with tf.where for the value, and a gradient computed
# from the value y instead of x: sigmoid(x) = 1 - e^(-y), without cancellation as -expm1(-y).
@tf.custom_gradient
def log1pexp(x):
    y = tf.where(x > 0, x + tf.math.log1p(tf.exp(-x)), tf.math.log1p(tf.exp(x)))

    def grad(upstream):
        return upstream * -tf.math.expm1(-y)

    return y, grad
