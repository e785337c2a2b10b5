# Mistake: one tape around the whole loop: the right numbers, but the tape records every
# micro-batch, so all of them stay in memory until the end, which is what accumulation avoids.
def accumulated_gradient(loss_fn, w, batches):
    total = sum(len(yb) for _, yb in batches)
    with tf.GradientTape() as tape:
        loss = tf.add_n([loss_fn(w, Xb, yb) * (len(yb) / total) for Xb, yb in batches])
    return tape.gradient(loss, w)
