# Mistake: overwrites the gradient on every micro-batch instead of adding it up.
def accumulated_gradient(loss_fn, w, batches):
    total = sum(len(yb) for _, yb in batches)
    gradient = tf.zeros_like(w)
    for Xb, yb in batches:
        with tf.GradientTape() as tape:
            loss = loss_fn(w, Xb, yb) * (len(yb) / total)
        gradient = tape.gradient(loss, w)
    return gradient
