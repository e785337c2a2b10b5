# Mistake: concatenates all micro-batches into one big batch: right numbers, but it defeats
# the point of accumulation (the whole batch must fit in memory at once).
def accumulated_gradient(loss_fn, w, batches):
    X_all = tf.concat([Xb for Xb, _ in batches], axis=0)
    y_all = tf.concat([yb for _, yb in batches], axis=0)
    with tf.GradientTape() as tape:
        loss = loss_fn(w, X_all, y_all)
    return tape.gradient(loss, w)
