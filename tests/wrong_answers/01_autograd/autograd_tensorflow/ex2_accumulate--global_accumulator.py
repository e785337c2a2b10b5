# Mistake: keeps the running sum in a global Variable (like PyTorch's .grad) and never resets it.
accumulator = None


def accumulated_gradient(loss_fn, w, batches):
    global accumulator
    if accumulator is None or accumulator.shape != w.shape:
        accumulator = tf.Variable(tf.zeros_like(w))
    total = sum(len(yb) for _, yb in batches)
    for Xb, yb in batches:
        with tf.GradientTape() as tape:
            loss = loss_fn(w, Xb, yb) * (len(yb) / total)
        accumulator.assign_add(tape.gradient(loss, w))
    return tf.convert_to_tensor(accumulator)
