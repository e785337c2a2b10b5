# Mistake: differentiates at the notebook's `x` (section 1) instead of the argument, which it
# renamed: right only while the two hold the same values, as in the visible test.
def value_and_grad(f, point):
    t = tf.convert_to_tensor(x)
    with tf.GradientTape() as tape:
        tape.watch(t)
        value = f(t)
    return value, tape.gradient(value, t)
