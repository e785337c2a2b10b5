# Mistake: casts x to float32 (TensorFlow's usual dtype) before watching it, so a float64 x gets a
# float32 gradient, rounded (the contract keeps x's dtype).
def value_and_grad(f, x):
    x = tf.cast(x, tf.float32)
    with tf.GradientTape() as tape:
        tape.watch(x)
        value = f(x)
    return value, tape.gradient(value, x)
