# Right, another style: goes through NumPy, tf.constant(np.array(x)), which copies any input (a
# Tensor, an array or a Variable) into a fresh constant, then watches that constant.
def value_and_grad(f, x):
    t = tf.constant(np.array(x))
    with tf.GradientTape() as tape:
        tape.watch(t)
        value = f(t)
    return value, tape.gradient(value, t)
