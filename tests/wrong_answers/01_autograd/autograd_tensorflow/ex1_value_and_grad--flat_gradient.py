# Mistake: returns the gradient flattened to a vector: right for a 1-D x only.
def value_and_grad(f, x):
    x = tf.convert_to_tensor(x)
    with tf.GradientTape() as tape:
        tape.watch(x)
        value = f(x)
    return value, tf.reshape(tape.gradient(value, x), [-1])
