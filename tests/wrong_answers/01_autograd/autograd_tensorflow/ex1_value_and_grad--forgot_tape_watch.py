# Mistake: x is a constant, not a Variable, and the tape was never told to watch it: gradient None.
def value_and_grad(f, x):
    x = tf.convert_to_tensor(x)
    with tf.GradientTape() as tape:
        value = f(x)
    return value, tape.gradient(value, x)
