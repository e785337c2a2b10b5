# Mistake: computes f(x) before entering the tape, so nothing is recorded: gradient None.
def value_and_grad(f, x):
    x = tf.convert_to_tensor(x)
    value = f(x)
    with tf.GradientTape() as tape:
        tape.watch(x)
    return value, tape.gradient(value, x)
