# Right, another mechanism: a fresh trainable tf.Variable holding x's value, which the tape watches
# by itself (no tape.watch); x is only read.
def value_and_grad(f, x):
    v = tf.Variable(x)
    with tf.GradientTape() as tape:
        value = f(v)
    return tf.convert_to_tensor(value), tape.gradient(value, v)
