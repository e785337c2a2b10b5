# Mistake: loops over the notebook's `batches` instead of the argument: right only for the visible
# test, which passes those very batches.
def accumulated_gradient(loss_fn, w, micro_batches):
    total = sum(len(yb) for _, yb in batches)
    accumulated = tf.zeros_like(w)
    for Xb, yb in batches:
        with tf.GradientTape() as tape:
            loss = loss_fn(w, Xb, yb) * (len(yb) / total)
        accumulated += tape.gradient(loss, w)
    return accumulated
