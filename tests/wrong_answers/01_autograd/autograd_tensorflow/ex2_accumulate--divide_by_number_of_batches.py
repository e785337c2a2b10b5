# Mistake: averages the micro-batch means, which is wrong when micro-batches differ in size.
def accumulated_gradient(loss_fn, w, batches):
    accumulated = tf.zeros_like(w)
    for Xb, yb in batches:
        with tf.GradientTape() as tape:
            loss = loss_fn(w, Xb, yb) / len(batches)
        accumulated += tape.gradient(loss, w)
    return accumulated
