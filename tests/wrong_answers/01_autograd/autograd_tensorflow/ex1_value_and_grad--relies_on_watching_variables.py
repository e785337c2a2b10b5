# Mistake: lets the tape watch Variables by itself and watches only the other inputs; a tape
# watches *trainable* variables only, so a tf.Variable(..., trainable=False) gets no gradient.
def value_and_grad(f, x):
    if not isinstance(x, tf.Variable):
        x = tf.convert_to_tensor(x)
    with tf.GradientTape() as tape:
        if not isinstance(x, tf.Variable):
            tape.watch(x)
        value = f(x)
    return value, tape.gradient(value, x)
